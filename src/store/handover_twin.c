/*
 * handover_twin.c — finding a handover that the same Veilig Thuis organisation
 * submitted recently for the same family: same household name and the same
 * members (name and birth date, compared on the folded name key). Used to stop
 * a second, identical handover from being created silently (Back + "Indienen").
 *
 * Reads only; never decides anything itself: the page asks the user.
 */
#include "store/handover.h"

#include "store/db.h"
#include "store/household.h"
#include "util/strbuf.h"

#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* "key|birthdate;key|birthdate" of the filled-in members, sorted (arena-owned). */
static const char *member_signature(arena *a, const handover_member *m, size_t n)
{
	const char **keys = arena_alloc(a, (n + 1) * sizeof *keys);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if ((!m[i].name || !*m[i].name) && (!m[i].birthdate || !*m[i].birthdate))
			continue;
		keys[k++] = arena_printf(a, "%s|%s", household_name_key(a, m[i].name),
		                         m[i].birthdate ? m[i].birthdate : "");
	}
	qsort(keys, k, sizeof *keys, cmp_str);
	strbuf sb;
	sb_init(&sb, a);
	sb_putc(&sb, ';');
	for (size_t i = 0; i < k; i++) {
		sb_puts(&sb, keys[i]);
		sb_putc(&sb, ';');
	}
	return k ? sb.data : "";
}

int64_t handover_recent_twin(arena *a, int64_t vt_org_id, int64_t exclude_id, const char *household_name,
                             const handover_member *members, size_t nmembers, int days)
{
	const char *want = member_signature(a, members, nmembers);
	if (!*want)
		return 0; /* no members to compare: never a twin */
	const char *want_name = household_name_key(a, household_name);
	/* The organisation's live submissions of the last `days` days (a returned or
	 * withdrawn one may be sent anew), by date (handover_vt_submitted), not every
	 * accepted handover it ever sent; the members are read per candidate, sorted in C. */
	sqlite3_stmt *st = db_stmt(
		"SELECT h.id, h.household_name FROM handover h INDEXED BY handover_vt_submitted"
		" WHERE h.vt_org_id = ?1 AND h.status IN ('ingediend', 'in_behandeling', 'geaccepteerd') AND h.id <> ?2"
		" AND h.submitted_at >= datetime('now', '-' || ?3 || ' days')"
		" ORDER BY h.submitted_at DESC, h.id DESC");
	sqlite3_bind_int64(st, 1, vt_org_id);
	sqlite3_bind_int64(st, 2, exclude_id);
	sqlite3_bind_int(st, 3, days);
	size_t cap = 16, n = 0;
	int64_t *ids = arena_alloc(a, cap * sizeof *ids);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = db_text(a, st, 1);
		if (strcmp(household_name_key(a, name), want_name) != 0)
			continue;
		if (n == cap) {
			int64_t *more = arena_alloc(a, 2 * cap * sizeof *more);
			memcpy(more, ids, cap * sizeof *ids);
			ids = more;
			cap *= 2;
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	for (size_t i = 0; i < n; i++) {
		size_t nm;
		handover_member *m = handover_members(a, ids[i], &nm);
		if (strcmp(member_signature(a, m, nm), want) == 0)
			return ids[i];
	}
	return 0;
}
