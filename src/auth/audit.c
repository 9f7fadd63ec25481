/*
 * audit.c — queue and group-commit writer for audit_log (see audit.h).
 *
 * Entries are copied out of the request arena into malloc'd memory because the
 * request ends before the writer runs. Must never drop an entry silently: a
 * failed write is reported on stderr and retried once synchronously.
 */
#include "auth/audit.h"

#include "auth/roles.h"
#include "store/db.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A request waiting until its record is committed (fail-closed audit): either its
 * thread blocks on q_done (on the stack), or, deferred, its connection is parked and
 * wake(wake_arg) is called once when the record settles (malloc'd, see audit.h). */
typedef struct audit_ticket {
	bool done;
	bool ok;
	void (*wake)(void *arg);
	void *wake_arg;
} ticket;

typedef struct entry {
	struct entry *next;
	ticket *waiter; /* NULL when nobody waits */
	char at[32];
	int64_t user_id, org_id, object_id, household_id;
	char *username, *role, *action, *object_type, *address, *detail;
	bool allowed;
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

static bool insert(const entry *e)
{
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO audit_log (at, user_id, username, role, organisation_id, action, object_type,"
		" object_id, household_id, address, outcome, detail)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
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
	return db_done(st);
}

/* Tell a waiting request how its record fared. Called with q_lock held. */
static void settle(entry *e, bool ok)
{
	if (e->waiter) {
		e->waiter->ok = ok;
		e->waiter->done = true;
		if (e->waiter->wake)
			e->waiter->wake(e->waiter->wake_arg);
		e->waiter = NULL; /* a deferred ticket belongs to its request again */
	}
}

/* Write a chain of entries in one transaction (group commit), settle their
 * waiters and free them. Entries that cannot be written are reported, never
 * silently dropped: their waiters learn it and answer 500. */
static void write_batch(entry *list)
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
	pthread_mutex_lock(&q_lock);
	pthread_cond_broadcast(&q_done);
	pthread_mutex_unlock(&q_lock);
	while (list) {
		entry *next = list->next;
		free_entry(list);
		list = next;
	}
}

static void *writer_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&q_lock);
	for (;;) {
		while (!q_head && !stopping)
			pthread_cond_wait(&q_wake, &q_lock);
		if (!q_head && stopping)
			break;
		entry *list = q_head;
		q_head = q_tail = NULL;
		writing = true;
		pthread_mutex_unlock(&q_lock);
		write_batch(list);
		pthread_mutex_lock(&q_lock);
		writing = false;
		if (!q_head)
			pthread_cond_broadcast(&q_empty);
	}
	pthread_mutex_unlock(&q_lock);
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

/* Queue e; with wait, block until it is committed and return whether it was.
 * With deferred (a malloc'd ticket), return at once: the ticket settles later. */
static bool enqueue(entry *e, bool wait, ticket *deferred)
{
	ticket t = {false, false, NULL, NULL};
	if (deferred) {
		e->waiter = deferred;
		wait = false;
	} else if (wait) {
		e->waiter = &t;
	}
	pthread_mutex_lock(&q_lock);
	if (!running) {
		pthread_mutex_unlock(&q_lock);
		write_batch(e);
		return !wait || t.ok;
	}
	if (q_tail)
		q_tail->next = e;
	else
		q_head = e;
	q_tail = e;
	pthread_cond_signal(&q_wake);
	while (wait && !t.done)
		pthread_cond_wait(&q_done, &q_lock);
	pthread_mutex_unlock(&q_lock);
	return !wait || t.ok;
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

bool audit_request(request *rq, bool allowed)
{
	entry *e = new_entry(rq, rq->user, rq->role, NULL);
	e->action = dup_or_null(rq->audit.action);
	e->object_type = dup_or_null(rq->audit.object_type);
	e->object_id = rq->audit.object_id;
	e->household_id = rq->audit.household_id;
	e->detail = dup_or_null(rq->audit.detail ? rq->audit.detail : rq->path);
	e->allowed = allowed;
	if (rq->audit_may_defer && !rq->audit_pending) {
		ticket *t = calloc(1, sizeof *t);
		if (!t)
			abort();
		rq->audit_pending = t;
		return enqueue(e, false, t);
	}
	return enqueue(e, true, NULL);
}

bool audit_ticket_park(audit_ticket *t, bool *ok, void (*park)(void *arg), void (*wake)(void *arg), void *arg)
{
	pthread_mutex_lock(&q_lock);
	bool done = t->done;
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

void audit_ticket_free(audit_ticket *t)
{
	free(t);
}

void audit_event(const request *rq, const auth_user *user, const char *username, const char *action,
                 const char *object_type, int64_t object_id, bool allowed, const char *detail)
{
	entry *e = new_entry(rq, user, rq ? rq->role : 0, username);
	e->action = dup_or_null(action);
	e->object_type = dup_or_null(object_type);
	e->object_id = object_id;
	e->detail = dup_or_null(detail);
	e->allowed = allowed;
	enqueue(e, false, NULL);
}
