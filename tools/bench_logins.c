/*
 * bench_logins.c — a steady stream of logins against the daemon for `make bench`
 * (issue 11: "other pages keep their p99 while 50 logins/s arrive"). Not part of
 * the product.
 *
 *   bench_logins PORT RATE SECONDS PASSWORD USER...
 *
 * Starts one login every 1/RATE s for SECONDS s, each on a thread of its own so
 * that a slow answer does not slow the stream: GET /login (the kr_login cookie
 * and the csrf token of the form), then POST /login with the next user of the
 * list. A login counts as done when the daemon answers 303 with a kr_session
 * cookie. Successful logins are what a busy morning brings: the throttle counts
 * failures only (auth/throttle.h), so nothing is weakened for the bench.
 * Prints one line: started, done, told to try again (503: every hashing slot and
 * waiting place taken, auth/password.h), failed or unanswered, done per second,
 * p50 and p99 of a done login (both requests) in ms, the most in flight at once.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { MAX_LOGINS = 100000, RESPONSE_MAX = 65536 };

static int port;
static const char *password;
static char **users;
static int user_count;
static double latency_ms[MAX_LOGINS];
static atomic_int done_count, busy_count, failed_count, in_flight, in_flight_max;

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* One request on a fresh connection; the answer (head and body) into buf. */
static int exchange(const char *request, char *buf, size_t cap)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	struct timeval tv = {.tv_sec = 60};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		close(fd);
		return -1;
	}
	size_t len = strlen(request), off = 0;
	while (off < len) {
		ssize_t w = write(fd, request + off, len - off);
		if (w <= 0) {
			close(fd);
			return -1;
		}
		off += (size_t)w;
	}
	size_t got = 0;
	ssize_t r;
	while (got + 1 < cap && (r = read(fd, buf + got, cap - 1 - got)) > 0)
		got += (size_t)r;
	buf[got] = '\0';
	close(fd);
	return got > 0 ? 0 : -1;
}

/* Copy the hex token that follows `marker` in text into out (at most 128). */
static int token_after(const char *text, const char *marker, char out[129])
{
	const char *p = strstr(text, marker);
	if (!p)
		return -1;
	p += strlen(marker);
	size_t n = strspn(p, "0123456789abcdef");
	if (n < 32 || n > 128)
		return -1;
	memcpy(out, p, n);
	out[n] = '\0';
	return 0;
}

static void *one_login(void *arg)
{
	long i = (long)arg;
	const char *user = users[i % user_count];
	char *buf = malloc(RESPONSE_MAX);
	char cookie[129], csrf[129], request[1024];
	double start = now_s();
	bool ok = false, busy = false;
	snprintf(request, sizeof request, "GET /login HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n", port);
	if (buf && exchange(request, buf, RESPONSE_MAX) == 0 && token_after(buf, "kr_login=", cookie) == 0 &&
	    token_after(buf, "name=\"csrf\" value=\"", csrf) == 0) {
		char body[512];
		int blen = snprintf(body, sizeof body, "csrf=%s&username=%s&password=%s", csrf, user, password);
		snprintf(request, sizeof request,
		         "POST /login HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\nCookie: kr_login=%s\r\n"
		         "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s",
		         port, cookie, blen, body);
		ok = exchange(request, buf, RESPONSE_MAX) == 0 && strncmp(buf, "HTTP/1.1 303", 12) == 0 &&
		     strstr(buf, "kr_session=") != NULL;
		busy = !ok && strncmp(buf, "HTTP/1.1 503", 12) == 0;
	}
	if (busy)
		atomic_fetch_add(&busy_count, 1);
	else if (ok)
		latency_ms[atomic_fetch_add(&done_count, 1)] = (now_s() - start) * 1000.0;
	else
		atomic_fetch_add(&failed_count, 1);
	atomic_fetch_sub(&in_flight, 1);
	free(buf);
	return NULL;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	if (argc < 6) {
		fprintf(stderr, "usage: bench_logins PORT RATE SECONDS PASSWORD USER...\n");
		return 2;
	}
	port = atoi(argv[1]);
	double rate = atof(argv[2]), seconds = atof(argv[3]);
	password = argv[4];
	users = argv + 5;
	user_count = argc - 5;
	long total = (long)(rate * seconds);
	if (rate <= 0 || total <= 0 || total > MAX_LOGINS) {
		fprintf(stderr, "bench_logins: RATE x SECONDS must be 1 … %d\n", MAX_LOGINS);
		return 2;
	}
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 256 * 1024);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	double start = now_s();
	for (long i = 0; i < total; i++) {
		double at = (double)i / rate;
		struct timespec t = {.tv_sec = t0.tv_sec + (time_t)at, .tv_nsec = t0.tv_nsec + (long)((at - (double)(time_t)at) * 1e9)};
		if (t.tv_nsec >= 1000000000L) {
			t.tv_sec++;
			t.tv_nsec -= 1000000000L;
		}
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL);
		int n = atomic_fetch_add(&in_flight, 1) + 1;
		if (n > atomic_load(&in_flight_max))
			atomic_store(&in_flight_max, n);
		pthread_t th;
		if (pthread_create(&th, &attr, one_login, (void *)i) != 0) {
			atomic_fetch_sub(&in_flight, 1);
			atomic_fetch_add(&failed_count, 1);
		}
	}
	double sent = now_s() - start;
	/* the answers still on their way: at most two minutes more */
	for (int w = 0; w < 1200 && atomic_load(&in_flight) > 0; w++)
		usleep(100000);
	int done = atomic_load(&done_count);
	qsort(latency_ms, (size_t)done, sizeof latency_ms[0], by_value);
	double p50 = done ? latency_ms[done / 2] : 0, p99 = done ? latency_ms[(size_t)(done * 0.99)] : 0;
	printf("%ld %d %d %d %.1f %.0f %.0f %d\n", total, done, atomic_load(&busy_count),
	       atomic_load(&failed_count) + atomic_load(&in_flight),
	       done / (now_s() - start > sent ? now_s() - start : sent), p50, p99, atomic_load(&in_flight_max));
	return 0;
}
