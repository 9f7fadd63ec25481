/*
 * audit.c — queue and group-commit writer for audit_log (see audit.h).
 *
 * Entries are copied out of the request arena into malloc'd memory because the
 * request ends before the writer runs. Must never drop an entry silently: a
 * failed write is reported on stderr and retried once synchronously.
 *
 * Each record goes to one of the two logs (store/readlog.h): a request that
 * changed nothing to the read log, everything else (a change's record, in the
 * change's transaction, and events) to the change log, the database's audit_log.
 *
 * A read's record names its households in its own row; the read log's household
 * index is derived from them in batches after the answer (index_if_due(),
 * store/readlog_index.h), so a group commit of reads only appends. A change's
 * record gets its audit_household rows in the change's own transaction.
 *
 * Every row goes through insert(), which writes into the TEMP view audit_append:
 * its trigger (store/audit_chain.c) makes the row the next link of the hash
 * chain inside the current write transaction, so the chain follows commit order
 * whether the row comes from this writer thread's batch or from a request's own
 * transaction (audit_request when the request changed something).
 */
#include "auth/audit.h"

#include "store/audit_chain.h"
#include "store/db.h"
#include "store/readlog_index.h"
#include "store/roles.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A request waiting until its records are committed (fail-closed audit): either
 * its thread blocks on q_done (the ticket on its stack), or, deferred, its
 * connection is parked and wake(wake_arg) is called once, from the writer, when
 * the last record settled (a malloc'd ticket, see audit.h). */
typedef struct audit_ticket {
	int pending;   /* records not yet settled */
	bool ok;       /* all settled ones were written */
	bool orphaned; /* deferred, and its request gave up on it: the writer frees it */
	void (*wake)(void *arg);
	void *wake_arg;
} ticket;

typedef struct entry {
	struct entry *next;
	ticket *waiter; /* NULL when nobody waits */
	char at[32];
	int64_t user_id, org_id, object_id, household_id;
	char *username, *role, *action, *object_type, *address, *detail;
	int64_t *households; /* a list page's households (malloc'd), and their text */
	size_t nhouseholds;
	char *households_text;
	bool allowed;
	bool read; /* the record of a request that changed nothing: the read log */
} entry;

static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t q_wake = PTHREAD_COND_INITIALIZER;
static pthread_cond_t q_empty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t q_done = PTHREAD_COND_INITIALIZER;
static entry *q_head, *q_tail;
static bool writing, running, stopping;
static pthread_t writer;

static char *dup_or_null(const char *s)
{
	if (!s)
		return NULL;
	char *d = strdup(s);
	if (!d)
		abort();
	return d;
}

static void free_entry(entry *e)
{
	free(e->username);
	free(e->role);
	free(e->action);
	free(e->object_type);
	free(e->address);
	free(e->detail);
	free(e->households);
	free(e->households_text);
	free(e);
}

static void now_iso(char out[32])
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct tm tm;
	gmtime_r(&ts.tv_sec, &tm);
	size_t n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	int ms = (int)(ts.tv_nsec / 1000000) % 1000;
	out[n++] = '.';
	out[n++] = (char)('0' + ms / 100);
	out[n++] = (char)('0' + ms / 10 % 10);
	out[n++] = (char)('0' + ms % 10);
	out[n++] = 'Z';
	out[n] = '\0';
}

static void bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void bind_id_or_null(sqlite3_stmt *st, int i, int64_t v)
{
	if (v)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

/* One audit_household row for each household the change log's record audit_id
 * concerns: its household_id and every household a list page showed, in the
 * record's own transaction (the access-log report reads this index, never a scan
 * of audit_log). One statement for all of them (a JSON array of the ids), in key
 * order. The read log derives its rows in batches instead (readlog_index.h). */
static bool insert_household_rows(const entry *e, int64_t audit_id)
{
	if (!e->household_id && !e->nhouseholds)
		return true;
	size_t cap = (e->nhouseholds + 1) * 21 + 3, n = 0;
	char *ids = malloc(cap);
	if (!ids)
		abort();
	n += (size_t)snprintf(ids + n, cap - n, "[%lld", (long long)e->household_id);
	for (size_t i = 0; i < e->nhouseholds; i++)
		n += (size_t)snprintf(ids + n, cap - n, ",%lld", (long long)e->households[i]);
	snprintf(ids + n, cap - n, "]");
	sqlite3_stmt *st = db_stmt("INSERT INTO audit_household (household_id, audit_id)"
	                           " SELECT DISTINCT value, ?2 FROM json_each(?1) WHERE value > 0 ORDER BY value");
	sqlite3_bind_text(st, 1, ids, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, audit_id);
	bool ok = db_done(st);
	free(ids);
	return ok;
}

/* Append e to the chain in the open write transaction, with its audit_household
 * rows in the change log (the read log derives its own, readlog_index.h). False
 * when it could not be written. */
static bool insert(const entry *e)
{
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO audit_append (at, user_id, username, role, organisation_id, action, object_type,"
		" object_id, household_id, address, outcome, detail, households)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
	sqlite3_bind_text(st, 1, e->at, -1, SQLITE_STATIC);
	bind_id_or_null(st, 2, e->user_id);
	bind_text_or_null(st, 3, e->username);
	bind_text_or_null(st, 4, e->role);
	bind_id_or_null(st, 5, e->org_id);
	sqlite3_bind_text(st, 6, e->action ? e->action : "?", -1, SQLITE_STATIC);
	bind_text_or_null(st, 7, e->object_type);
	bind_id_or_null(st, 8, e->object_id);
	bind_id_or_null(st, 9, e->household_id);
	bind_text_or_null(st, 10, e->address);
	sqlite3_bind_text(st, 11, e->allowed ? "allowed" : "refused", -1, SQLITE_STATIC);
	bind_text_or_null(st, 12, e->detail);
	bind_text_or_null(st, 13, e->households_text);
	if (!db_done(st))
		return false;
	if (e->read) /* its households are indexed later, from the row itself */
		return true;
	/* through a view's trigger, last_insert_rowid() does not name the row */
	st = db_stmt("SELECT max(id) FROM audit_log");
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return id && insert_household_rows(e, id);
}

/* Tell a waiting request how its record fared. Called with q_lock held. */
static void settle(entry *e, bool ok)
{
	ticket *t = e->waiter;
	if (!t)
		return;
	e->waiter = NULL;
	t->ok = t->ok && ok;
	if (--t->pending > 0)
		return;
	if (t->orphaned)
		free(t);
	else if (t->wake)
		t->wake(t->wake_arg);
}

static void free_list(entry *list)
{
	while (list) {
		entry *next = list->next;
		free_entry(list);
		list = next;
	}
}

/* Write a chain of entries, all for the same log, in one transaction on this
 * thread's connection to that log (group commit), and settle their waiters.
 * Entries that cannot be written are reported, never silently dropped: their
 * waiters learn it and answer 500. */
static void write_one_log(entry *list)
{
	bool ok = db_begin();
	if (ok) {
		for (entry *e = list; e && ok; e = e->next)
			ok = insert(e);
		if (ok)
			ok = db_commit();
		else
			db_rollback();
	}
	pthread_mutex_lock(&q_lock);
	for (entry *e = list; e; e = e->next)
		if (ok)
			settle(e, true);
	pthread_mutex_unlock(&q_lock);
	if (!ok) {
		fputs("ketenregie: audit batch failed, retrying one by one\n", stderr);
		for (entry *e = list; e; e = e->next) {
			bool one = db_begin();
			if (one && !insert(e)) {
				db_rollback();
				one = false;
			} else if (one) {
				one = db_commit();
			}
			if (!one)
				fprintf(stderr, "ketenregie: AUDIT RECORD NOT WRITTEN action=%s user=%lld\n",
				        e->action ? e->action : "?", (long long)e->user_id);
			pthread_mutex_lock(&q_lock);
			settle(e, one);
			pthread_mutex_unlock(&q_lock);
		}
	}
}

/* Write a chain of entries: the read log's in one transaction there, the change
 * log's in one transaction in the database; then free them. */
static void write_batch(entry *list)
{
	entry *reads = NULL, **reads_end = &reads, *changes = NULL, **changes_end = &changes;
	for (entry *e = list, *next; e; e = next) {
		next = e->next;
		e->next = NULL;
		entry ***end = e->read ? &reads_end : &changes_end;
		**end = e;
		*end = &e->next;
	}
	if (changes)
		write_one_log(changes);
	if (reads) {
		db_readlog_enter();
		write_one_log(reads);
		db_readlog_leave();
	}
	pthread_mutex_lock(&q_lock);
	pthread_cond_broadcast(&q_done);
	pthread_mutex_unlock(&q_lock);
	free_list(changes);
	if (reads) { /* every waiter has its answer: now the read log's checkpoint, if due */
		db_readlog_enter();
		db_readlog_checkpoint_if_due();
		db_readlog_leave();
	}
	free_list(reads);
}

/* The daily log lines with each chain's head (audit.h): the change log's, then
 * the read log's. */
static void log_anchor(void)
{
	int64_t id;
	char hex[2 * AUDIT_HASH_BYTES + 1], at[40];
	if (audit_chain_head(db_conn(), &id, hex, at, sizeof at))
		fprintf(stderr, "ketenregie: audit anchor: row %lld at %s hash %s\n", (long long)id, at[0] ? at : "-",
		        hex[0] ? hex : "-");
	db_readlog_enter();
	if (audit_chain_head(db_conn(), &id, hex, at, sizeof at))
		fprintf(stderr, "ketenregie: read log anchor: row %lld at %s hash %s\n", (long long)id, at[0] ? at : "-",
		        hex[0] ? hex : "-");
	db_readlog_leave();
}

enum { ANCHOR_EVERY_S = 24 * 3600 };

/* The read log's household index (writer thread only): whether the tail holds
 * records, and since when (CLOCK_REALTIME, as q_wake's timed wait). */
static bool tail_waiting;
static struct timespec tail_since;

static int64_t ms_since(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	return (int64_t)(now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

static bool queue_waiting(void)
{
	pthread_mutex_lock(&q_lock);
	bool waiting = q_head != NULL;
	pthread_mutex_unlock(&q_lock);
	return waiting;
}

/* After a group commit (its waiters have their answer) and when the tail's time
 * is up: the read log's household index, when the batch rule says so
 * (store/readlog_index.h), in steps of READLOG_INDEX_STEP records, each its own
 * transaction. Between steps, records waiting to be written go first (a step
 * delays them by its own time only), unless the tail has reached
 * READLOG_INDEX_RECORDS: then steps follow each other until it is below, so the
 * tail stays bounded under any load. A failed step is said on stderr and tried
 * again after the rule's wait; the records are safe in audit_log, the readers
 * read the tail. */
static void index_if_due(void)
{
	db_readlog_enter();
	int64_t tail = readlog_index_tail();
	if (tail > 0 && !tail_waiting) {
		tail_waiting = true;
		clock_gettime(CLOCK_REALTIME, &tail_since);
	}
	while (tail > 0 && readlog_index_due(tail, ms_since(&tail_since))) {
		int64_t indexed = 0;
		if (!readlog_index_step(&indexed)) {
			clock_gettime(CLOCK_REALTIME, &tail_since);
			break;
		}
		tail -= indexed;
		if (tail < READLOG_INDEX_RECORDS && queue_waiting())
			break;
	}
	if (tail <= 0)
		tail_waiting = false;
	db_readlog_leave();
}

/* Wait for work: entries, the stop, the daily anchor, or the tail's time. */
static void wait_for_work(time_t next_anchor)
{
	while (!q_head && !stopping && time(NULL) < next_anchor) {
		struct timespec until = {.tv_sec = next_anchor, .tv_nsec = 0};
		if (tail_waiting) {
			struct timespec due = tail_since;
			int64_t wait = readlog_index_wait_ms();
			due.tv_sec += (time_t)(wait / 1000);
			due.tv_nsec += (long)(wait % 1000) * 1000000L;
			if (due.tv_nsec >= 1000000000L) {
				due.tv_sec++;
				due.tv_nsec -= 1000000000L;
			}
			if (due.tv_sec < until.tv_sec || (due.tv_sec == until.tv_sec && due.tv_nsec < until.tv_nsec))
				until = due;
		}
		if (pthread_cond_timedwait(&q_wake, &q_lock, &until) != 0 && tail_waiting &&
		    ms_since(&tail_since) >= readlog_index_wait_ms()) {
			pthread_mutex_unlock(&q_lock);
			index_if_due();
			pthread_mutex_lock(&q_lock);
		}
	}
}

static void *writer_main(void *arg)
{
	(void)arg;
	time_t next_anchor = 0; /* at start, then once a day */
	pthread_mutex_lock(&q_lock);
	for (;;) {
		wait_for_work(next_anchor);
		if (!q_head && stopping)
			break;
		if (time(NULL) >= next_anchor) {
			pthread_mutex_unlock(&q_lock);
			log_anchor();
			pthread_mutex_lock(&q_lock);
			next_anchor = time(NULL) + ANCHOR_EVERY_S;
			continue;
		}
		entry *list = q_head;
		q_head = q_tail = NULL;
		writing = true;
		pthread_mutex_unlock(&q_lock);
		write_batch(list);
		index_if_due();
		pthread_mutex_lock(&q_lock);
		writing = false;
		if (!q_head)
			pthread_cond_broadcast(&q_empty);
	}
	pthread_mutex_unlock(&q_lock);
	/* a clean stop leaves no tail (a crash's is indexed at the next start) */
	db_readlog_enter();
	readlog_index_catch_up();
	db_readlog_leave();
	return NULL;
}

void audit_start(void)
{
	pthread_mutex_lock(&q_lock);
	stopping = false;
	running = pthread_create(&writer, NULL, writer_main, NULL) == 0;
	pthread_mutex_unlock(&q_lock);
}

void audit_stop(void)
{
	pthread_mutex_lock(&q_lock);
	if (!running) {
		pthread_mutex_unlock(&q_lock);
		return;
	}
	stopping = true;
	pthread_cond_signal(&q_wake);
	pthread_mutex_unlock(&q_lock);
	pthread_join(writer, NULL);
	running = false;
}

void audit_account_events_of(arena *a, int64_t user_id, audit_account_events *out)
{
	out->previous_login_at = out->previous_login_address = out->password_set_at = "";
	sqlite3_stmt *st = db_stmt(
		"SELECT at, coalesce(address, '') FROM audit_log WHERE user_id = ?1 AND action = 'login'"
		" AND outcome = 'allowed' ORDER BY id DESC LIMIT 1 OFFSET 1");
	sqlite3_bind_int64(st, 1, user_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->previous_login_at = db_text(a, st, 0);
		out->previous_login_address = db_text(a, st, 1);
	}
	sqlite3_reset(st);
	st = db_stmt("SELECT at FROM audit_log WHERE user_id = ?1 AND action = 'password_set' AND outcome = 'allowed'"
	             " ORDER BY id DESC LIMIT 1");
	sqlite3_bind_int64(st, 1, user_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		out->password_set_at = db_text(a, st, 0);
	sqlite3_reset(st);
}

void audit_flush(void)
{
	pthread_mutex_lock(&q_lock);
	while (running && (q_head || writing))
		pthread_cond_wait(&q_empty, &q_lock);
	pthread_mutex_unlock(&q_lock);
}

/* Queue the chain of entries list; with t, block until every one is settled and
 * return whether all were committed. With deferred (a malloc'd ticket), return at
 * once: the ticket settles later (audit_ticket_park). */
static bool enqueue(entry *list, ticket *t, ticket *deferred)
{
	if (deferred)
		t = deferred;
	entry *last = list;
	for (entry *e = list; e; e = e->next) {
		e->waiter = t;
		last = e;
	}
	if (t) {
		t->ok = true;
		t->pending = 0;
		for (entry *e = list; e; e = e->next)
			t->pending++;
	}
	pthread_mutex_lock(&q_lock);
	if (!running || (t && !deferred && db_request_wrote())) {
		/* Without the writer thread, or when this request has changed something:
		 * then its records join that open transaction (db.h: savepoints), and
		 * waiting for the writer (which needs the writer mutex) would deadlock. */
		pthread_mutex_unlock(&q_lock);
		write_batch(list);
		return !t || t->ok;
	}
	if (q_tail)
		q_tail->next = list;
	else
		q_head = list;
	q_tail = last;
	pthread_cond_signal(&q_wake);
	while (t && !deferred && t->pending > 0)
		pthread_cond_wait(&q_done, &q_lock);
	pthread_mutex_unlock(&q_lock);
	return !t || t->ok;
}

static entry *new_entry(const request *rq, const auth_user *u, unsigned role, const char *username)
{
	entry *e = calloc(1, sizeof *e);
	if (!e)
		abort();
	now_iso(e->at);
	if (u) {
		e->user_id = u->id;
		e->org_id = u->org_id;
		e->username = dup_or_null(u->username);
	} else {
		e->username = dup_or_null(username);
	}
	e->role = dup_or_null(role ? role_name(role) : NULL);
	e->address = dup_or_null(rq ? rq->remote_addr : "cli");
	return e;
}

void audit_note_household(request *rq, int64_t household_id)
{
	audit_ctx *c = &rq->audit;
	if (household_id <= 0)
		return;
	for (size_t i = 0; i < c->household_count; i++)
		if (c->households[i] == household_id)
			return;
	int64_t *list = arena_grow(rq->a, (void *)c->households, c->household_count, &c->household_cap, sizeof *list);
	list[c->household_count++] = household_id;
	c->households = list;
}

void audit_note_case(request *rq, int64_t case_id)
{
	sqlite3_stmt *st = db_stmt("SELECT household_id FROM casefile WHERE id = ?1");
	sqlite3_bind_int64(st, 1, case_id);
	int64_t h = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	audit_note_household(rq, h);
}

/* Copy the households a list showed into e (the request's arena ends first). */
static void take_households(entry *e, const audit_ctx *c)
{
	if (!c->household_count)
		return;
	e->households = malloc(c->household_count * sizeof *e->households);
	e->households_text = malloc(c->household_count * 21 + 1);
	if (!e->households || !e->households_text)
		abort();
	size_t n = 0;
	for (size_t i = 0; i < c->household_count; i++) {
		e->households[i] = c->households[i];
		n += (size_t)snprintf(e->households_text + n, 22, "%s%lld", i ? " " : "", (long long)c->households[i]);
	}
	e->nhouseholds = c->household_count;
}

static entry *request_entry(const request *rq, bool allowed)
{
	entry *e = new_entry(rq, rq->user, rq->role, NULL);
	take_households(e, &rq->audit);
	e->action = dup_or_null(rq->audit.action);
	e->object_type = dup_or_null(rq->audit.object_type);
	e->object_id = rq->audit.object_id;
	e->household_id = rq->audit.household_id;
	e->detail = dup_or_null(rq->audit.detail ? rq->audit.detail : rq->path);
	e->allowed = allowed;
	e->read = !db_request_wrote();
	return e;
}

bool audit_request(const request *rq, bool allowed)
{
	ticket t = {0};
	return enqueue(request_entry(rq, allowed), &t, NULL);
}

audit_ticket *audit_request_deferred(const request *rq, bool allowed)
{
	ticket *t = calloc(1, sizeof *t);
	if (!t)
		abort();
	enqueue(request_entry(rq, allowed), NULL, t);
	return t;
}

bool audit_ticket_park(audit_ticket *t, bool *ok, void (*park)(void *arg), void (*wake)(void *arg), void *arg)
{
	pthread_mutex_lock(&q_lock);
	bool done = t->pending == 0;
	if (done) {
		*ok = t->ok;
	} else {
		/* under q_lock: the writer cannot settle (and wake) before the park */
		park(arg);
		t->wake = wake;
		t->wake_arg = arg;
	}
	pthread_mutex_unlock(&q_lock);
	return done;
}

void audit_ticket_release(audit_ticket *t)
{
	if (!t)
		return;
	pthread_mutex_lock(&q_lock);
	bool done = t->pending == 0;
	if (!done) {
		t->orphaned = true;
		t->wake = NULL;
	}
	pthread_mutex_unlock(&q_lock);
	if (done)
		free(t);
}

void audit_request_refused_async(const request *rq)
{
	enqueue(request_entry(rq, false), NULL, NULL);
}

static entry *event_entry(const request *rq, const auth_user *user, const char *username, const char *action,
                          const char *object_type, int64_t object_id, bool allowed, const char *detail)
{
	entry *e = new_entry(rq, user, rq ? rq->role : 0, username);
	e->action = dup_or_null(action);
	e->object_type = dup_or_null(object_type);
	e->object_id = object_id;
	e->detail = dup_or_null(detail);
	e->allowed = allowed;
	return e;
}

void audit_event(const request *rq, const auth_user *user, const char *username, const char *action,
                 const char *object_type, int64_t object_id, bool allowed, const char *detail)
{
	enqueue(event_entry(rq, user, username, action, object_type, object_id, allowed, detail), NULL, NULL);
}

void audit_panel(request *rq, const char *panel)
{
	entry *e = event_entry(rq, rq->user, NULL, "view", "start_page_panel", 0, true, panel);
	e->read = true;
	take_households(e, &rq->audit);
	rq->audit.household_count = 0;
	e->next = rq->audit.panels;
	rq->audit.panels = e;
}

bool audit_panels_commit(request *rq)
{
	entry *head = rq->audit.panels;
	rq->audit.panels = NULL;
	if (!head)
		return true;
	ticket t = {0};
	return enqueue(head, &t, NULL);
}
