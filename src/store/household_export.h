/*
 * household_export.h — everything stored about one household, section by
 * section (see household_export.c), for the HTML and JSON export of the family's
 * right of access.
 */
#ifndef KR_HOUSEHOLD_EXPORT_H
#define KR_HOUSEHOLD_EXPORT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct household_export_section {
	const char *key;   /* JSON key: "veiligheidsplan_versies" */
	const char *title; /* Dutch heading */
} household_export_section;

const household_export_section *household_export_sections(size_t *n);

/* Called for each section (in order), each of its rows (read the columns from
 * st: sqlite3_column_*), and its end. */
typedef struct household_export_visitor {
	void (*section)(void *arg, const household_export_section *s);
	void (*row)(void *arg, sqlite3_stmt *st);
	void (*section_end)(void *arg, const household_export_section *s);
} household_export_visitor;

/* Walk every section of household_id; false when a statement failed. */
bool household_export_walk(int64_t household_id, const household_export_visitor *v, void *arg);

#endif
