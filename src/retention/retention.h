/*
 * retention.h — the retention run (issue 10, item 7): `ketenregie retention`
 * lists the closed cases past the term (a dry run: nothing changes), `--apply`
 * deletes their client data with SQLite's secure_delete on, and `retention
 * hold CASE --who W --reason R --until YYYY-MM-DD` records a legal hold that
 * keeps a case past its term. The daemon runs the deletion once at start and
 * then every 24 hours (retention_start/retention_stop).
 *
 * What is deleted and what stays: store/retention.h and docs/security.md.
 */
#ifndef KR_RETENTION_H
#define KR_RETENTION_H

#include <stdbool.h>
#include <stdio.h>

/* List (apply false) or delete (apply true) what is due; report to out.
 * Returns 0 on success, 1 on failure (nothing half-done: one transaction). */
int retention_run(bool apply, FILE *out);

/* `retention hold`: 0, 1 on failure, 2 on bad arguments (message on stderr). */
int retention_cmd_hold(const char *case_arg, const char *who, const char *reason, const char *until);

/* The daily run inside `serve`: a thread; stop joins it. */
bool retention_start(void);
void retention_stop(void);

#endif
