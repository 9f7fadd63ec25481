/*
 * keyset.h — where a start-page list continues: after the row (key, id) in the
 * list's own order (key: the list's sort text, a date or time; id: the row's
 * id). {"", 0} is the start. The store functions of the start-page lists bind
 * it as ?20 (key) and ?21 (id) and compare with SQL row values, so a page is
 * read by index from where the previous one ended, never by OFFSET.
 */
#ifndef KR_KEYSET_H
#define KR_KEYSET_H

#include <stdint.h>

typedef struct keyset {
	const char *key;
	int64_t id;
} keyset;

#define KEYSET_START ((keyset){"", 0})

#endif
