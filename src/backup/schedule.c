/*
 * schedule.c — the daemon's nightly backup thread and the rotation of its
 * files (see schedule.h). It deletes only files whose names it makes itself.
 */
#include "backup/schedule.h"

#include "backup/backup.h"
#include "server/config.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NAME_PREFIX "ketenregie-"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static pthread_t thread;
static bool started, stopping, plain;
static backup_key key;

bool schedule_parse_time(const char *s, int *hour, int *minute)
{
	if (!s || strlen(s) != 5 || s[2] != ':')
		return false;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return false;
	int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 23 || m > 59)
		return false;
	*hour = h;
	*minute = m;
	return true;
}

time_t schedule_next_run(time_t now, int hour, int minute)
{
	struct tm tm;
	localtime_r(&now, &tm);
	for (int day = 0; day < 3; day++) {
		struct tm at = tm;
		at.tm_mday += day;
		at.tm_hour = hour;
		at.tm_min = minute;
		at.tm_sec = 0;
		at.tm_isdst = -1; /* let mktime decide across a daylight-saving change */
		time_t t = mktime(&at);
		if (t > now)
			return t;
	}
	return now + 86400; /* unreachable: tomorrow at hour:minute is always later */
}

bool schedule_is_backup_name(const char *name)
{
	size_t p = sizeof NAME_PREFIX - 1;
	if (strncmp(name, NAME_PREFIX, p) != 0)
		return false;
	/* YYYYMMDDTHHMMSSZ */
	for (size_t i = 0; i < 15; i++) {
		char c = name[p + i];
		if (i == 8 ? c != 'T' : (c < '0' || c > '9'))
			return false;
	}
	const char *ext = name + p + 15;
	/* .krplain: a plain bundle; .db: a plain backup from before bundles (a bare
	 * database), still rotated */
	return strcmp(ext, "Z.krbackup") == 0 || strcmp(ext, "Z.krplain") == 0 || strcmp(ext, "Z.db") == 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t schedule_rotation_victims(char **names, size_t n, size_t keep)
{
	qsort(names, n, sizeof *names, by_name); /* the UTC time in the name sorts oldest first */
	return n > keep ? n - keep : 0;
}

static void rotate(const char *dir, size_t keep)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "ketenregie: backup rotation: cannot read %s: %s\n", dir, strerror(errno));
		return;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (!schedule_is_backup_name(e->d_name))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 32;
			names = realloc(names, cap * sizeof *names);
			if (!names)
				abort();
		}
		names[n] = strdup(e->d_name);
		if (!names[n++])
			abort();
	}
	size_t victims = schedule_rotation_victims(names, n, keep);
	for (size_t i = 0; i < victims; i++) {
		if (unlinkat(dirfd(d), names[i], 0) == 0)
			fprintf(stderr, "ketenregie: backup %s/%s removed (keeping the last %zu)\n", dir, names[i], keep);
		else
			fprintf(stderr, "ketenregie: cannot remove old backup %s/%s: %s\n", dir, names[i], strerror(errno));
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
}

static void run_once(void)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	char name[64], path[4200], err[512];
	strftime(name, sizeof name, NAME_PREFIX "%Y%m%dT%H%M%SZ", &tm);
	if (snprintf(path, sizeof path, "%s/%s%s", config.backup_dir, name, plain ? ".krplain" : ".krbackup") >=
	    (int)sizeof path) {
		fprintf(stderr, "ketenregie: backup FAILED: the path of --backup-dir is too long\n");
		return;
	}
	backup_sweep_leftovers();
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	bool ok = backup_make(path, plain ? NULL : &key, err, sizeof err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (!ok) {
		fprintf(stderr, "ketenregie: backup FAILED after %.1f s: %s\n", secs, err);
		return;
	}
	struct stat sb;
	fprintf(stderr, "ketenregie: backup written to %s (%lld bytes, %.1f s)\n", path,
	        stat(path, &sb) == 0 ? (long long)sb.st_size : -1LL, secs);
	rotate(config.backup_dir, config.backup_keep);
}

static void *schedule_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	while (!stopping) {
		time_t now = time(NULL);
		time_t at = config.backup_interval_s ? now + (time_t)config.backup_interval_s
		                                     : schedule_next_run(now, config.backup_hour, config.backup_minute);
		struct timespec until = {.tv_sec = at, .tv_nsec = 0};
		while (!stopping && time(NULL) < at)
			pthread_cond_timedwait(&wake, &lock, &until);
		if (stopping)
			break;
		pthread_mutex_unlock(&lock);
		run_once();
		pthread_mutex_lock(&lock);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

bool schedule_start(const backup_key *k)
{
	struct stat sb;
	if (stat(config.backup_dir, &sb) != 0 || !S_ISDIR(sb.st_mode) || access(config.backup_dir, W_OK | X_OK) != 0) {
		fprintf(stderr, "ketenregie: --backup-dir %s is not a folder this program can write to\n",
		        config.backup_dir);
		return false;
	}
	plain = k == NULL;
	if (k)
		key = *k;
	backup_sweep_leftovers();
	stopping = false;
	if (pthread_create(&thread, NULL, schedule_main, NULL) != 0) {
		fputs("ketenregie: cannot start the backup thread\n", stderr);
		return false;
	}
	started = true;
	if (config.backup_interval_s)
		fprintf(stderr, "ketenregie: a backup every %u s into %s, keeping %u (%s; test setting)\n",
		        config.backup_interval_s, config.backup_dir, config.backup_keep, plain ? "plain" : "encrypted");
	else
		fprintf(stderr, "ketenregie: nightly backup at %02d:%02d into %s, keeping %u (%s)\n", config.backup_hour,
		        config.backup_minute, config.backup_dir, config.backup_keep, plain ? "plain" : "encrypted");
	return true;
}

void schedule_stop(void)
{
	if (!started)
		return;
	pthread_mutex_lock(&lock);
	stopping = true;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(thread, NULL);
	started = false;
	backup_key_wipe(&key);
}
