/*
 * embedded.h — files compiled into the binary by tools/embed.c at build time:
 * templates, migrations, static assets (our own and the pinned NL Design System
 * CSS with its licences) and the list of common passwords.
 * Every data array is followed by a NUL byte that len does not count.
 */
#ifndef KR_EMBEDDED_H
#define KR_EMBEDDED_H

#include <stddef.h>

typedef struct embedded_file {
	const char *name; /* path relative to its group's folder, e.g. "layout.html" */
	const unsigned char *data;
	size_t len;
} embedded_file;

typedef struct embedded_group {
	const embedded_file *files; /* sorted by name */
	size_t count;
} embedded_group;

extern const embedded_group embedded_templates;
extern const embedded_group embedded_migrations;
extern const embedded_group embedded_static;
extern const embedded_group embedded_vendor; /* web/node_modules, unmodified */
extern const embedded_group embedded_data;

/* Find a file by name in a group; NULL when absent. */
const embedded_file *embedded_find(const embedded_group *g, const char *name);

#endif
