/*
 * retention.c — the retention run, its command line and the daemon's daily
 * thread (see retention.h). All deletions of one run are one transaction on a
 * connection with secure_delete on (freed pages are overwritten with zeros);
 * afterwards the full-text indexes are merged and the WAL is checkpointed and
 * truncated, so that the deleted text is in no page, segment or log frame.
 * Never deletes a case under a running legal hold, never an open case.
 */
#include "retention/retention.h"

#include "auth/audit.h"
#include "store/db.h"
#include "store/retention.h"
#include "util/arena.h"
#include "util/date.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* today minus the term, on the same day of the month (29 February: the 28th) */
static void cutoff_of(kr_date today, int years, char out[static KR_DATE_BUF])
{
	kr_date c = today;
	c.y -= years;
	if (c.m == 2 && c.d == 29 && !kr_is_leap_year(c.y))
		c.d = 28;
	kr_date_format_iso(c, out);
}

int retention_run(bool apply, FILE *out)
{
	arena *a = arena_new();
	char today[KR_DATE_BUF], cutoff[KR_DATE_BUF];
	kr_date now = kr_date_today_nl();
	kr_date_format_iso(now, today);
	int years = retention_years();
	cutoff_of(now, years, cutoff);
	if (apply && !db_begin()) {
		arena_free(a);
		return 1;
	}
	size_t n;
	retention_case *list = retention_due_list(a, cutoff, today, &n);
	size_t deleted = 0, held = 0;
	bool ok = true;
	if (apply)
		ok = sqlite3_exec(db_conn(), "PRAGMA secure_delete = ON", NULL, NULL, NULL) == SQLITE_OK;
	for (size_t i = 0; ok && i < n; i++) {
		const retention_case *c = &list[i];
		if (c->held) {
			held++;
			fprintf(out, "casus %lld (gesloten %s): bewaard onder juridische bewaarplicht %lld tot %s — %s: %s\n",
			        (long long)c->case_id, c->closed_on, (long long)c->hold_id, c->hold_until, c->hold_by,
			        c->hold_reason);
			continue;
		}
		if (!apply) {
			fprintf(out, "casus %lld (gesloten %s): termijn verstreken, wordt verwijderd met --apply\n",
			        (long long)c->case_id, c->closed_on);
			continue;
		}
		int handovers = 0;
		bool household = false;
		ok = retention_delete_case(c, &handovers, &household);
		if (ok) {
			deleted++;
			fprintf(out, "casus %lld (gesloten %s): verwijderd (%d overdracht(en) geanonimiseerd%s)\n",
			        (long long)c->case_id, c->closed_on, handovers, household ? ", huishouden verwijderd" : "");
		}
	}
	/* handovers that never became a case, ended on or before the cutoff (Dutch days) */
	char before[20];
	kr_date cut;
	kr_date_parse_iso(cutoff, &cut);
	kr_nl_midnight_utc(kr_date_add_days(cut, 1), ' ', before);
	size_t nh;
	retention_handover *handovers = ok ? retention_handover_due_list(a, before, &nh) : NULL;
	if (!ok)
		nh = 0;
	size_t emptied = 0;
	for (size_t i = 0; ok && i < nh; i++) {
		const retention_handover *h = &handovers[i];
		if (!apply) {
			fprintf(out, "overdracht %lld (%s, geëindigd %.10s, zonder casus): termijn verstreken, wordt geleegd met --apply\n",
			        (long long)h->handover_id, h->status, h->ended_at);
			continue;
		}
		bool household = false;
		ok = retention_empty_handover(h, today, &household);
		if (ok) {
			emptied++;
			fprintf(out, "overdracht %lld (%s, geëindigd %.10s, zonder casus): geleegd%s\n", (long long)h->handover_id,
			        h->status, h->ended_at, household ? ", huishouden verwijderd" : "");
		}
	}
	if (apply) {
		if (ok && db_commit()) {
			for (size_t i = 0; i < nh; i++)
				audit_event(NULL, NULL, "retention", "delete", "handover", handovers[i].handover_id, true,
				            arena_printf(a, "bewaartermijn %d jaar verstreken (geëindigd zonder casus)", years));
			for (size_t i = 0; i < n; i++)
				if (!list[i].held)
					audit_event(NULL, NULL, "retention", "delete", "case", list[i].case_id, true,
					            arena_printf(a, "bewaartermijn %d jaar verstreken (gesloten %s)", years,
					                         list[i].closed_on));
			/* merged indexes; the old page images in the WAL go too (a reader may keep
			 * the checkpoint from finishing now: the next run or checkpoint does it) */
			if ((deleted || emptied) && (!retention_optimize_indexes() ||
			                sqlite3_exec(db_conn(), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) != SQLITE_OK))
				fputs("ketenregie: retention: index merge or WAL checkpoint did not finish; the deletion stands\n", stderr);
		} else {
			db_rollback();
			ok = false;
		}
	}
	fprintf(out, "bewaartermijn %d jaar (gesloten op of voor %s): %zu casus(sen) over de termijn, %zu onder bewaarplicht, %zu %s\n",
	        years, cutoff, n, held, apply ? deleted : n - held, apply ? "verwijderd" : "te verwijderen (proefdraai)");
	fprintf(out, "overdrachten zonder casus (geëindigd op of voor %s): %zu over de termijn, %zu %s\n", cutoff, nh,
	        apply ? emptied : nh, apply ? "geleegd" : "te legen (proefdraai)");
	if (!ok)
		fputs("ketenregie: retention FAILED; nothing was deleted in this run\n", stderr);
	arena_free(a);
	return ok ? 0 : 1;
}

int retention_cmd_hold(const char *case_arg, const char *who, const char *reason, const char *until)
{
	char *end = NULL;
	long long id = case_arg ? strtoll(case_arg, &end, 10) : 0;
	kr_date d;
	if (!case_arg || !*case_arg || *end || id <= 0 || !who || !*who || strlen(who) > 200 || !reason || !*reason ||
	    strlen(reason) > 2000 || !until || !kr_date_parse_iso(until, &d)) {
		fputs("ketenregie: retention hold CASE --who NAME --reason TEXT --until YYYY-MM-DD\n", stderr);
		return 2;
	}
	if (!db_begin())
		return 1;
	int64_t hold = retention_hold_add(id, who, reason, until);
	if (hold <= 0 || !db_commit()) {
		db_rollback();
		fprintf(stderr, "ketenregie: %s\n", hold == 0 ? "no such case" : "recording the hold failed");
		return 1;
	}
	audit_event(NULL, NULL, "retention", "legal_hold", "case", id, true, reason);
	printf("%lld\n", (long long)hold);
	return 0;
}

/* ---- the daemon's daily run ---------------------------------------------------- */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static pthread_t thread;
static bool started, stopping;

static void *retention_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	while (!stopping) {
		pthread_mutex_unlock(&lock);
		if (retention_run(true, stderr) != 0)
			fputs("ketenregie: the daily retention run failed; it tries again tomorrow\n", stderr);
		pthread_mutex_lock(&lock);
		struct timespec until = {.tv_sec = time(NULL) + 24 * 3600, .tv_nsec = 0};
		while (!stopping && time(NULL) < until.tv_sec)
			pthread_cond_timedwait(&wake, &lock, &until);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

bool retention_start(void)
{
	stopping = false;
	if (pthread_create(&thread, NULL, retention_main, NULL) != 0) {
		fputs("ketenregie: cannot start the retention thread\n", stderr);
		return false;
	}
	started = true;
	return true;
}

void retention_stop(void)
{
	if (!started)
		return;
	pthread_mutex_lock(&lock);
	stopping = true;
	pthread_cond_broadcast(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(thread, NULL);
	started = false;
}
