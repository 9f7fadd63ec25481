/*
 * offload.c — a small pool of threads for a request's slow work (see offload.h):
 * a FIFO of jobs under one lock, taken by `threads` threads that live as long as
 * the process. Nothing here knows what the work is.
 */
#include "server/offload.h"

#include <pthread.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

typedef struct job {
	struct job *next;
	void (*work)(void *arg);
	void *arg;
	void (*wake)(void *arg);
	void *wake_arg;
} job;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
static job *head, *tail;

void request_offload(request *rq, void (*work)(void *arg), void (*done)(request *rq, void *arg), void *arg)
{
	rq->offload.work = work;
	rq->offload.done = done;
	rq->offload.arg = arg;
}

void request_offload_run_here(request *rq)
{
	void (*work)(void *) = rq->offload.work;
	void (*done)(request *, void *) = rq->offload.done;
	void *arg = rq->offload.arg;
	rq->offload.work = NULL;
	rq->offload.done = NULL;
	rq->offload.arg = NULL;
	if (work)
		work(arg);
	if (done)
		done(rq, arg);
}

static void (*thread_init)(unsigned i);

static void *run(void *index)
{
	if (thread_init)
		thread_init((unsigned)(uintptr_t)index);
	for (;;) {
		pthread_mutex_lock(&lock);
		while (!head)
			pthread_cond_wait(&ready, &lock);
		job *j = head;
		head = j->next;
		if (!head)
			tail = NULL;
		pthread_mutex_unlock(&lock);
		j->work(j->arg);
		j->wake(j->wake_arg);
		free(j);
	}
	return NULL;
}

bool offload_start(unsigned threads, void (*init)(unsigned i))
{
	thread_init = init;
	for (unsigned i = 0; i < threads; i++) {
		pthread_t t;
		if (pthread_create(&t, NULL, run, (void *)(uintptr_t)i) != 0)
			return false;
		pthread_detach(t);
	}
	return true;
}

void offload_submit(void (*work)(void *arg), void *arg, void (*wake)(void *arg), void *wake_arg)
{
	job *j = malloc(sizeof *j);
	if (!j) {
		fputs("ketenregie: out of memory\n", stderr);
		abort();
	}
	*j = (job){.next = NULL, .work = work, .arg = arg, .wake = wake, .wake_arg = wake_arg};
	pthread_mutex_lock(&lock);
	if (tail)
		tail->next = j;
	else
		head = j;
	tail = j;
	pthread_cond_signal(&ready);
	pthread_mutex_unlock(&lock);
}
