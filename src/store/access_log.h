/*
 * access_log.h — who reached a household's data, and what one user reached
 * (issue 10, NEN 7513): read from audit_log for the family's access log, the
 * privacy officer's reports and their CSV export.
 *
 * Both logs (the change log and the read log, store/readlog.h) are read and
 * merged by time, newest first, with a keyset per log.
 *
 * Never a scan of audit_log: a household's rows come through audit_household
 * (its primary key) and then audit_log by primary key; a user's rows through
 * the (user_id, at) index. Both are keyset-paginated, newest first.
 */
#ifndef KR_ACCESS_LOG_H
#define KR_ACCESS_LOG_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What kind of access a row is, as the report names it (and filters on):
 * "lezen", "wijzigen", "afdrukken", "exporteren", "lijst", "zoeken", "overig". */
extern const char *const access_log_kinds[]; /* NULL-terminated, without "overig" */
const char *access_log_kind_label(const char *kind);
/* The kind of an audit row from its action, object type and whether it was a list
 * (its households column set). */
const char *access_log_kind_of(const char *action, const char *object_type, bool listed);
/* The same in SQL over an audit_log row aliased "a", for the reports' filter on kind.
 * test_access_log_kind checks that the two agree. */
#define ACCESS_LOG_KIND_SQL                                                                                    \
	"CASE WHEN a.action IN ('create', 'update') THEN 'wijzigen'"                                             \
	" WHEN a.action = 'print' THEN 'afdrukken'"                                                              \
	" WHEN a.action = 'export' THEN 'exporteren'"                                                            \
	" WHEN a.action = 'search' THEN 'zoeken'"                                                                \
	" WHEN a.action = 'view' AND (a.households IS NOT NULL"                                                  \
	"  OR a.object_type IN ('case_list', 'handover_list', 'start_page_panel')) THEN 'lijst'"                   \
	" WHEN a.action = 'view' THEN 'lezen' ELSE 'overig' END"
/* Dutch name of an audited object type ("case" → "casus"). */
const char *access_log_object_label(const char *object_type);

typedef struct access_log_filter {
	const char *from, *to; /* YYYY-MM-DD, inclusive; "" = open */
	int64_t org_id;        /* 0 = every organisation */
	const char *kind;      /* "" = every kind */
	int64_t before;        /* keyset in the change log: rows older than this audit id; 0 = the newest */
	int64_t before_read;   /* the same in the read log (store/readlog.h) */
} access_log_filter;

typedef struct access_log_row {
	int64_t id, object_id, org_id, user_id;
	const char *at, *username, *user_name, *role, *org_name, *action, *object_type, *outcome, *kind;
	bool in_read_log; /* id is the read log's (store/readlog.h), not the change log's */
} access_log_row;

/* Rows that concern household_id (its own and the lists that showed it), newest
 * first, at most limit; *more when there are older ones. Arena-owned. user_names:
 * whether to read who each user was (user_name; "" otherwise): the privacy officer's
 * report shows it, the family's own access log does not. */
access_log_row *access_log_of_household(arena *a, int64_t household_id, const access_log_filter *f, size_t limit,
                                        bool user_names, size_t *n, bool *more);
/* Every row of user_id (client data, logins, administration), newest first. */
access_log_row *access_log_of_user(arena *a, int64_t user_id, const access_log_filter *f, size_t limit, size_t *n,
                                   bool *more);

/* The keyset of the page after rows[0..n) (the report's page under filter f): per
 * log, the last row shown of it, or f's own position when the page showed none. */
void access_log_next_page(const access_log_row *rows, size_t n, const access_log_filter *f, int64_t *before,
                          int64_t *before_read);

/* Did user_id's own search (action "search", allowed) find household_id within
 * the last `hours`? The privacy officer reaches a household only that way. */
bool access_log_user_found(int64_t user_id, int64_t household_id, int hours);

/* Households with a person of exactly this name (folded: case, accents, spaces)
 * and birth date (YYYY-MM-DD); arena-owned ids, ascending, at most 20. */
int64_t *access_log_households_of_person(arena *a, const char *name, const char *birthdate, size_t *n);

typedef struct access_log_user {
	int64_t id;
	const char *username, *name, *org_name;
	bool active;
} access_log_user;
/* Accounts whose username is q, or whose name contains q (at most 50). */
access_log_user *access_log_find_users(arena *a, const char *q, size_t *n);
bool access_log_user_get(arena *a, int64_t id, access_log_user *out);

#endif
