/*
 * audit_admin.h — the operator's side of the audit trail: the `audit-anchor`
 * command and the check of the append-only guards when `serve` starts.
 */
#ifndef KR_AUDIT_ADMIN_H
#define KR_AUDIT_ADMIN_H

#include <stdbool.h>

/* `audit-anchor`: print the audit trail's head (row, time, hash) of the database
 * at db_path, opened read-only (never creating or migrating), in the same words
 * as the daemon's daily log line. Exit status for main. */
int audit_cmd_anchor(const char *db_path);

/* A guard of audit_log that is missing or changed means someone changed the
 * database outside ketenregie: restore it, record that in the trail and say so
 * on stderr (store/audit_guard.h). Call before the writer thread starts. False
 * only when the guards cannot be restored (then do not serve). */
bool audit_guards_at_start(void);

#endif
