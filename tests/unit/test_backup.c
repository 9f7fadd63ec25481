/*
 * test_backup.c — the backup file format (round trip at every size around the
 * chunk boundary; refusal of a changed byte in every chunk, of a stream cut at
 * every chunk boundary, of swapped chunks, trailing bytes and another key), the
 * key file, and the nightly schedule's time and rotation rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backup/backup_file.h"
#include "backup/schedule.h"

enum { FULL = BACKUP_CHUNK_BYTES + crypto_secretstream_xchacha20poly1305_ABYTES };

typedef struct blob {
	unsigned char *data;
	size_t len;
} blob;

static int mem_fd(const unsigned char *data, size_t len)
{
	int fd = memfd_create("kr-test", 0);
	assert_true(fd >= 0);
	if (len)
		assert_int_equal(write(fd, data, len), (ssize_t)len);
	lseek(fd, 0, SEEK_SET);
	return fd;
}

static blob fd_contents(int fd)
{
	blob b = {0};
	off_t end = lseek(fd, 0, SEEK_END);
	b.len = (size_t)end;
	b.data = malloc(b.len + 1);
	assert_non_null(b.data);
	assert_int_equal(pread(fd, b.data, b.len, 0), (ssize_t)b.len);
	return b;
}

static blob encrypt(const unsigned char *plain, size_t len, const backup_key *key)
{
	char err[256];
	int in = mem_fd(plain, len), out = mem_fd(NULL, 0);
	assert_true(backup_encrypt_fd(in, out, key, err, sizeof err));
	blob b = fd_contents(out);
	close(in);
	close(out);
	return b;
}

/* Decrypt c; on success *plain holds the result (caller frees). */
static bool decrypt(const unsigned char *c, size_t len, const backup_key *key, blob *plain, char *err, size_t errlen)
{
	int in = mem_fd(c, len), out = mem_fd(NULL, 0);
	bool ok = backup_decrypt_fd(in, out, key, err, errlen);
	*plain = fd_contents(out);
	close(in);
	close(out);
	return ok;
}

static void new_key(backup_key *k)
{
	randombytes_buf(k->k, sizeof k->k);
}

static void test_round_trip_sizes(void **state)
{
	(void)state;
	backup_key key;
	new_key(&key);
	const size_t C = BACKUP_CHUNK_BYTES;
	const size_t sizes[] = {0, 1, 100, C - 1, C, C + 1, 2 * C, 3 * C + 17};
	unsigned char *plain = malloc(3 * C + 17);
	assert_non_null(plain);
	randombytes_buf(plain, 3 * C + 17);
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		size_t n = sizes[i];
		blob c = encrypt(plain, n, &key);
		size_t chunks = n / C + 1; /* a full last chunk is followed by nothing, so: */
		if (n > 0 && n % C == 0)
			chunks = n / C;
		assert_int_equal(c.len, BACKUP_HEADER_BYTES + n + chunks * crypto_secretstream_xchacha20poly1305_ABYTES);
		assert_memory_equal(c.data, "KRBACKUP", 8);
		blob p;
		char err[256];
		assert_true(decrypt(c.data, c.len, &key, &p, err, sizeof err));
		assert_int_equal(p.len, n);
		if (n)
			assert_memory_equal(p.data, plain, n);
		free(p.data);
		free(c.data);
	}
	free(plain);
}

static void test_refusals(void **state)
{
	(void)state;
	backup_key key, other;
	new_key(&key);
	new_key(&other);
	const size_t n = 3 * BACKUP_CHUNK_BYTES + 500; /* 4 chunks */
	unsigned char *plain = malloc(n);
	assert_non_null(plain);
	randombytes_buf(plain, n);
	blob c = encrypt(plain, n, &key);
	blob p;
	char err[256];

	/* a changed byte in the header and in each chunk (first, middle, last byte) */
	for (size_t at = 0; at < c.len; at += (at < BACKUP_HEADER_BYTES ? 1 : FULL / 2 - 1)) {
		c.data[at] ^= 0x20;
		assert_false(decrypt(c.data, c.len, &key, &p, err, sizeof err));
		free(p.data);
		c.data[at] ^= 0x20;
	}
	c.data[c.len - 1] ^= 1;
	assert_false(decrypt(c.data, c.len, &key, &p, err, sizeof err));
	free(p.data);
	c.data[c.len - 1] ^= 1;

	/* cut at every chunk boundary and just inside each chunk */
	for (size_t k = 0; k < 4; k++) {
		size_t at = BACKUP_HEADER_BYTES + k * FULL;
		assert_false(decrypt(c.data, at, &key, &p, err, sizeof err));
		assert_non_null(strstr(err, "truncated"));
		free(p.data);
		assert_false(decrypt(c.data, at + 20, &key, &p, err, sizeof err));
		free(p.data);
	}

	/* two full chunks swapped */
	unsigned char *swapped = malloc(c.len);
	assert_non_null(swapped);
	memcpy(swapped, c.data, c.len);
	memcpy(swapped + BACKUP_HEADER_BYTES, c.data + BACKUP_HEADER_BYTES + FULL, FULL);
	memcpy(swapped + BACKUP_HEADER_BYTES + FULL, c.data + BACKUP_HEADER_BYTES, FULL);
	assert_false(decrypt(swapped, c.len, &key, &p, err, sizeof err));
	free(p.data);
	free(swapped);

	/* a byte after the final chunk */
	unsigned char *longer = malloc(c.len + 1);
	assert_non_null(longer);
	memcpy(longer, c.data, c.len);
	longer[c.len] = 0;
	assert_false(decrypt(longer, c.len + 1, &key, &p, err, sizeof err));
	free(p.data);
	free(longer);

	/* another key, a foreign file */
	assert_false(decrypt(c.data, c.len, &other, &p, err, sizeof err));
	assert_non_null(strstr(err, "another key"));
	free(p.data);
	assert_false(decrypt((const unsigned char *)"SQLite format 3", 16, &key, &p, err, sizeof err));
	assert_non_null(strstr(err, "foreign"));
	free(p.data);

	assert_true(decrypt(c.data, c.len, &key, &p, err, sizeof err));
	assert_int_equal(p.len, n);
	free(p.data);
	free(c.data);
	free(plain);
}

static void test_key_file(void **state)
{
	(void)state;
	char dir[] = "/tmp/kr-key-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64], err[256];
	snprintf(path, sizeof path, "%s/k", dir);
	assert_true(backup_key_generate(path, err, sizeof err));
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_false(backup_key_generate(path, err, sizeof err)); /* never overwrites */
	backup_key a, b;
	assert_true(backup_key_load(path, &a, err, sizeof err));
	assert_true(backup_key_load(path, &b, err, sizeof err));
	assert_memory_equal(a.k, b.k, sizeof a.k);
	FILE *f = fopen(path, "a");
	assert_non_null(f);
	fputs("x", f);
	fclose(f);
	assert_false(backup_key_load(path, &a, err, sizeof err)); /* trailing junk */
	unlink(path);
	rmdir(dir);
}

static time_t local(int y, int mo, int d, int h, int mi)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_isdst = -1};
	return mktime(&tm);
}

static void test_schedule_time(void **state)
{
	(void)state;
	setenv("TZ", "Europe/Amsterdam", 1);
	tzset();
	assert_int_equal(schedule_next_run(local(2026, 11, 27, 1, 0), 2, 30), local(2026, 11, 27, 2, 30));
	assert_int_equal(schedule_next_run(local(2026, 11, 27, 2, 30), 2, 30), local(2026, 11, 28, 2, 30));
	assert_int_equal(schedule_next_run(local(2026, 11, 27, 23, 59), 2, 30), local(2026, 11, 28, 2, 30));
	assert_int_equal(schedule_next_run(local(2026, 12, 31, 3, 0), 0, 0), local(2027, 1, 1, 0, 0));
	/* the night clocks go back: still once, at 02:30 */
	time_t t = schedule_next_run(local(2026, 10, 24, 12, 0), 2, 30);
	assert_true(t > local(2026, 10, 24, 12, 0) && t < local(2026, 10, 25, 4, 0));
	/* the night clocks go forward (02:30 does not exist): some time that night */
	t = schedule_next_run(local(2026, 3, 28, 12, 0), 2, 30);
	assert_true(t > local(2026, 3, 28, 12, 0) && t <= local(2026, 3, 29, 4, 0));
	int h = -1, m = -1;
	assert_true(schedule_parse_time("02:30", &h, &m));
	assert_int_equal(h, 2);
	assert_int_equal(m, 30);
	assert_true(schedule_parse_time("23:59", &h, &m));
	assert_false(schedule_parse_time("24:00", &h, &m));
	assert_false(schedule_parse_time("2:30", &h, &m));
	assert_false(schedule_parse_time("02:60", &h, &m));
	assert_false(schedule_parse_time("02-30", &h, &m));
	assert_false(schedule_parse_time("", &h, &m));
}

static void test_rotation(void **state)
{
	(void)state;
	assert_true(schedule_is_backup_name("ketenregie-20261127T023000Z.krbackup"));
	assert_true(schedule_is_backup_name("ketenregie-20261127T023000Z.db"));
	assert_false(schedule_is_backup_name("ketenregie-20261127T023000Z.krbackup.tmp-abcdef"));
	assert_false(schedule_is_backup_name("ketenregie-20261127T023000Z.db.snapshot-abcdef"));
	assert_false(schedule_is_backup_name("ketenregie-handmatig.krbackup"));
	assert_false(schedule_is_backup_name("ketenregie.db"));
	assert_false(schedule_is_backup_name("notes.txt"));
	char a[] = "ketenregie-20261127T023000Z.krbackup", b[] = "ketenregie-20261125T023000Z.krbackup",
	     c[] = "ketenregie-20261126T023000Z.db", e[] = "ketenregie-20251231T235959Z.krbackup";
	char *names[] = {a, b, c, e};
	assert_int_equal(schedule_rotation_victims(names, 4, 2), 2);
	assert_string_equal(names[0], e); /* oldest first: these two go */
	assert_string_equal(names[1], b);
	assert_string_equal(names[2], c);
	assert_string_equal(names[3], a);
	assert_int_equal(schedule_rotation_victims(names, 4, 14), 0);
	assert_int_equal(schedule_rotation_victims(names, 4, 4), 0);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_sizes),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_key_file),
		cmocka_unit_test(test_schedule_time),
		cmocka_unit_test(test_rotation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
