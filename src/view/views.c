/*
 * views.c — loads templates/ from the binary (see views.h). Read-only after
 * views_init(), so shared by all worker threads without locks.
 */
#include "view/views.h"

#include "util/embedded.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static tmpl_set *set;
static char asset_version[17];
static tmpl_source *sources; /* names stay alive as long as the set */
static size_t source_count;

static void hash_group(crypto_generichash_state *h, const embedded_group *g)
{
	for (size_t i = 0; i < g->count; i++)
		crypto_generichash_update(h, g->files[i].data, g->files[i].len);
}

bool views_init(char *err, size_t errlen)
{
	size_t n = embedded_templates.count;
	tmpl_source *src = calloc(n ? n : 1, sizeof *src);
	if (!src)
		abort();
	for (size_t i = 0; i < n; i++) {
		const embedded_file *f = &embedded_templates.files[i];
		/* "home.html" is known as "home" */
		size_t nl = strlen(f->name);
		char *name = strdup(f->name);
		if (!name)
			abort();
		if (nl > 5 && strcmp(name + nl - 5, ".html") == 0)
			name[nl - 5] = '\0';
		src[i].name = name;
		src[i].text = (const char *)f->data;
		src[i].len = f->len;
	}
	set = tmpl_load(src, n, err, errlen);
	sources = src;
	source_count = n;

	crypto_generichash_state h;
	crypto_generichash_init(&h, NULL, 0, 8);
	hash_group(&h, &embedded_static);
	hash_group(&h, &embedded_vendor);
	unsigned char digest[8];
	crypto_generichash_final(&h, digest, sizeof digest);
	sodium_bin2hex(asset_version, sizeof asset_version, digest, sizeof digest);
	return set != NULL;
}

const tmpl_set *views(void)
{
	return set;
}

const char *views_asset_version(void)
{
	return asset_version;
}

void views_free(void)
{
	tmpl_set_free(set);
	set = NULL;
	for (size_t i = 0; i < source_count; i++)
		free((char *)sources[i].name);
	free(sources);
	sources = NULL;
	source_count = 0;
}
