/*
 * retention.h — the SQL of the retention term (issue 10, item 7): which closed
 * cases are past the term (setting bewaartermijn_jaren, 20: the Jeugdwet's),
 * which of those are kept under a legal hold, and the deletion of one case's
 * client data.
 *
 * What "the case's client data" is, and what stays (docs/security.md,
 * "Bewaartermijn"): the case and everything hung on it (regisseur history,
 * involvements, conditions and their history, safety plan and family plan with
 * every version, reads, journal, meetings with invitees and agreements,
 * evaluations, phase changes, escalations, closures with the toekomstplan and
 * follow-up checks, legal holds, hermelding marks, feedback to Veilig Thuis);
 * the handovers that made or fed the case lose every personal field (members,
 * conditions, addenda, warm-handover records deleted; names and free text
 * emptied) but keep their dates, organisations, status and return category, so
 * that /cijfers counts them as before; the household and its members go when no
 * other case of that household remains. The audit log stays (it holds ids and
 * actions, never contents); retention_log records each deletion without
 * personal data.
 *
 * Never decides on its own to delete: retention_delete_case() is called by the
 * retention run (retention/retention.c) for a case retention_due_list() named,
 * inside the caller's write transaction.
 */
#ifndef KR_RETENTION_STORE_H
#define KR_RETENTION_STORE_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct retention_case {
	int64_t case_id, household_id, team_org_id;
	const char *closed_on;   /* YYYY-MM-DD: the recorded closure date */
	bool held;               /* a legal hold runs until hold_until (>= today) */
	int64_t hold_id;
	const char *hold_until, *hold_by, *hold_reason;
} retention_case;

/* The term in years (setting bewaartermijn_jaren, 1..100; default 20). */
int retention_years(void);

/* Closed cases whose closure date is on or before cutoff_iso (today minus the
 * term), oldest first, each with its running legal hold (until >= today_iso), if
 * any. Reads the index casefile_closed. Arena-owned. */
retention_case *retention_due_list(arena *a, const char *cutoff_iso, const char *today_iso, size_t *n);

/* Delete the case's client data as described above, inside the caller's
 * transaction; *handovers: how many handovers were anonymised. False on any
 * failure (the caller rolls back). */
bool retention_delete_case(const retention_case *c, int *handovers, bool *household_deleted);

/* A handover that never became a case and ended (store/retention_handover.c). */
typedef struct retention_handover {
	int64_t handover_id, vt_org_id, household_id; /* 0: none */
	const char *status;   /* concept, teruggelegd or ingetrokken */
	const char *ended_at; /* UTC: ended_at, else decided_at, else its last change */
} retention_handover;

/* Case-less handovers that ended before before_utc ("YYYY-MM-DD HH:MM:SS", the
 * start of the day after the cutoff) and were not emptied yet, oldest first.
 * Reads the partial index handover_retention_due. Arena-owned. */
retention_handover *retention_handover_due_list(arena *a, const char *before_utc, size_t *n);

/* Empty the handover as a case's handover is emptied, and delete the household
 * made for it when nothing else names it; inside the caller's transaction. False
 * on any failure (the caller rolls back). */
bool retention_empty_handover(const retention_handover *h, const char *today_iso, bool *household_deleted);

/* After deletions (outside a transaction): merge the full-text indexes so that
 * no deleted name stays in an old segment. */
bool retention_optimize_indexes(void);

/* Record a legal hold on a case; the case must exist. Returns the id, 0 when the
 * case does not exist, -1 on failure. */
int64_t retention_hold_add(int64_t case_id, const char *held_by, const char *reason, const char *until_iso);

#endif
