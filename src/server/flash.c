/*
 * flash.c — the per-session one-time message and failed-POST page (see flash.h).
 *
 * A small fixed table guarded by one mutex: one slot per session (by the hash of
 * its token, never the token), each holding at most one message and one page.
 * Pages hold client data a user just typed: they live only in this process's
 * memory, for minutes, are wiped with sodium_memzero when dropped, and are only
 * ever given back to the same session for the same path after the router's
 * checks for that GET (role, object access, audit) have passed.
 */
#include "server/flash.h"

#include <pthread.h>
#include <stdint.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { FLASH_SLOTS = 512, FLASH_MAX_PAGE = 2 * 1024 * 1024, FLASH_MAX_MESSAGE = 500, FLASH_MAX_PATH = 300 };

typedef struct flash_slot {
	bool used;
	unsigned char session[32];
	uint64_t touched; /* use order: the least recently used slot is evicted first */
	char *message; /* malloc'd or NULL: the message, NUL, the code (maybe empty), NUL */
	size_t message_len;
	time_t message_at;
	char *page_path; /* malloc'd or NULL */
	char *page_body;
	size_t page_len;
	int page_status;
	time_t page_at;
} flash_slot;

static flash_slot slots[FLASH_SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void wipe_free(char *p, size_t n)
{
	if (p) {
		sodium_memzero(p, n);
		free(p);
	}
}

static void drop_message(flash_slot *s)
{
	wipe_free(s->message, s->message_len);
	s->message = NULL;
	s->message_len = 0;
}

static void drop_page(flash_slot *s)
{
	if (s->page_path)
		free(s->page_path);
	wipe_free(s->page_body, s->page_len);
	s->page_path = NULL;
	s->page_body = NULL;
	s->page_len = 0;
}

static void drop_slot(flash_slot *s)
{
	drop_message(s);
	drop_page(s);
	s->used = false;
}

static uint64_t ticks;
static size_t nused; /* slots in use: requests of sessions without one skip the scan */

static void expire(flash_slot *s, time_t now)
{
	if (s->message && now - s->message_at > FLASH_MESSAGE_SECONDS)
		drop_message(s);
	if (s->page_path && now - s->page_at > FLASH_PAGE_SECONDS)
		drop_page(s);
	if (!s->message && !s->page_path) {
		drop_slot(s);
		nused--;
	}
}

/* The session's slot (creating one when `create`: a free one, else the least
 * recently touched is evicted), with expired contents dropped. Lock held. The
 * session hash is compared with memcmp: it is a hash of the secret, and the
 * caller already holds the token it was made from. */
static flash_slot *slot_of(const unsigned char *session, bool create)
{
	time_t now = time(NULL);
	if (nused == 0 && !create)
		return NULL;
	flash_slot *free_slot = NULL, *oldest = NULL;
	for (size_t i = 0; i < FLASH_SLOTS; i++) {
		flash_slot *s = &slots[i];
		if (s->used && memcmp(s->session, session, 32) == 0) {
			expire(s, now);
			if (s->used) {
				s->touched = ++ticks;
				return s;
			}
		}
		if (!create)
			continue;
		if (s->used)
			expire(s, now);
		if (!s->used) {
			if (!free_slot)
				free_slot = s;
		} else if (!oldest || s->touched < oldest->touched) {
			oldest = s;
		}
	}
	if (!create)
		return NULL;
	flash_slot *s = free_slot;
	if (!s) {
		s = oldest;
		drop_slot(s);
		nused--;
	}
	s->used = true;
	nused++;
	memcpy(s->session, session, 32);
	s->touched = ++ticks;
	return s;
}

void flash_set_code(request *rq, const char *message, const char *code)
{
	if (!rq->session_hash || !message || !*message)
		return;
	size_t n = strnlen(message, FLASH_MAX_MESSAGE);
	size_t c = code ? strnlen(code, FLASH_MAX_MESSAGE) : 0;
	char *copy = malloc(n + c + 2);
	if (!copy)
		abort();
	memcpy(copy, message, n);
	copy[n] = '\0';
	if (c)
		memcpy(copy + n + 1, code, c);
	copy[n + 1 + c] = '\0';
	pthread_mutex_lock(&lock);
	flash_slot *s = slot_of(rq->session_hash, true);
	drop_message(s);
	s->message = copy;
	s->message_len = n + c + 2;
	s->message_at = time(NULL);
	pthread_mutex_unlock(&lock);
}

void flash_set(request *rq, const char *message)
{
	flash_set_code(rq, message, NULL);
}

bool flash_take(request *rq, flash_message *out)
{
	out->message = out->code = NULL;
	if (!rq->session_hash)
		return false;
	pthread_mutex_lock(&lock);
	flash_slot *s = slot_of(rq->session_hash, false);
	if (s && s->message) {
		out->message = arena_strdup(rq->a, s->message);
		const char *code = s->message + strlen(s->message) + 1;
		if (*code)
			out->code = arena_strdup(rq->a, code);
		drop_message(s);
	}
	pthread_mutex_unlock(&lock);
	return out->message != NULL;
}

bool flash_keep_page(request *rq, const char *path)
{
	size_t len = rq->res.body.len;
	if (!rq->session_hash || !path || strlen(path) > FLASH_MAX_PATH || len > FLASH_MAX_PAGE || !rq->res.body.data)
		return false;
	char *body = malloc(len + 1);
	char *p = strdup(path);
	if (!body || !p)
		abort();
	memcpy(body, rq->res.body.data, len);
	body[len] = '\0';
	pthread_mutex_lock(&lock);
	flash_slot *s = slot_of(rq->session_hash, true);
	drop_page(s);
	s->page_path = p;
	s->page_body = body;
	s->page_len = len;
	s->page_status = rq->res.status;
	s->page_at = time(NULL);
	pthread_mutex_unlock(&lock);
	return true;
}

bool flash_replay_page(request *rq)
{
	if (!rq->session_hash)
		return false;
	bool found = false;
	pthread_mutex_lock(&lock);
	flash_slot *s = slot_of(rq->session_hash, false);
	if (s && s->page_path && strcmp(s->page_path, rq->path) == 0) {
		sb_init(&rq->res.body, rq->a);
		sb_append(&rq->res.body, s->page_body, s->page_len);
		rq->res.status = s->page_status;
		rq->res.content_type = "text/html; charset=utf-8";
		found = true;
	}
	pthread_mutex_unlock(&lock);
	return found;
}

void flash_forget_page(request *rq, const char *keep_path)
{
	if (!rq->session_hash)
		return;
	pthread_mutex_lock(&lock);
	flash_slot *s = slot_of(rq->session_hash, false);
	if (s && s->page_path && (!keep_path || strcmp(s->page_path, keep_path) != 0))
		drop_page(s);
	pthread_mutex_unlock(&lock);
}

void flash_clear_all(void)
{
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < FLASH_SLOTS; i++)
		if (slots[i].used)
			drop_slot(&slots[i]);
	nused = 0;
	pthread_mutex_unlock(&lock);
}
