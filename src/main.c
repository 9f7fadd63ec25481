/*
 * main.c — the ketenregie command line and start-up.
 *
 *   ketenregie serve | migrate | demo | check | audit-anchor | routes
 *   ketenregie keygen KEYFILE | backup FILE | restore FILE --db PATH
 *   ketenregie org add --name N --kind K
 *   ketenregie user add --username U --name N --organisation N --role R [--role R …]
 *
 * Every option has an environment-variable equivalent (KETENREGIE_DB, …); flags
 * win over the environment. Start-up refuses to serve with an unsafe route table
 * or a database it cannot migrate.
 */
#include "auth/audit.h"
#include "auth/audit_admin.h"
#include "auth/device.h"
#include "auth/password.h"
#include "auth/password_helper.h"
#include "store/roles.h"
#include "backup/commands.h"
#include "backup/schedule.h"
#include "retention/retention.h"
#include "pages/pages.h"
#include "server/config.h"
#include "server/http.h"
#include "server/http_setup.h"
#include "server/router.h"
#include "store/db.h"
#include "store/readlog_index.h"
#include "demo/demo.h"
#include "util/date.h"
#include "store/migrate.h"
#include "store/org.h"
#include "store/role_fit.h"
#include "store/user.h"
#include "view/views.h"

#include <errno.h>
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#define KETENREGIE_VERSION "0.1.0"


static void usage(FILE *out)
{
	fputs("Usage: ketenregie COMMAND [OPTIONS]\n"
	      "\n"
	      "Commands:\n"
	      "  serve                 serve HTTP (migrates the database first)\n"
	      "  migrate               apply database migrations\n"
	      "  demo                  load the demo region (once) and print its accounts\n"
	      "  check                 check the database's integrity and that roles fit organisations,\n"
	      "                        read-only (a backup: check --db FILE)\n"
	      "  audit-anchor          print the audit trail's latest chain hash (row, time, hash), read-only;\n"
	      "                        keep it elsewhere: a later check proves the trail was not rewritten\n"
	      "  keygen KEYFILE        make a new backup key file (mode 0600; never overwrites)\n"
	      "  backup FILE --key KEYFILE | --plain\n"
	      "                        consistent online backup to FILE, encrypted with the key file\n"
	      "                        (or unencrypted with --plain), checked and fsynced\n"
	      "  restore FILE --db PATH --key KEYFILE | --plain [--force]\n"
	      "                        decrypt and check a backup, end all its sessions, put it at PATH;\n"
	      "                        refuses an existing PATH unless --force (moves it aside; never\n"
	      "                        while it is in use)\n"
	      "  retention [--apply]   list the closed cases past the retention term (20 years; a dry\n"
	      "                        run), or delete their client data (secure_delete); serve does\n"
	      "                        this daily\n"
	      "  retention hold CASE --who NAME --reason TEXT --until YYYY-MM-DD\n"
	      "                        keep a case past its term under a recorded legal hold\n"
	      "  routes                print the route table: method, path, roles, client data\n"
	      "  org add --name N --kind K\n"
	      "  user add --username U --name N --organisation N --role R [--role R ...]\n"
	      "                        (the password is read from standard input)\n"
	      "\n"
	      "Options (environment variable in brackets):\n"
	      "  --db PATH             database file [KETENREGIE_DB] (var/ketenregie.db)\n"
	      "  --listen HOST:PORT    listen address [KETENREGIE_LISTEN] (127.0.0.1:8080)\n"
	      "  --threads N           worker threads [KETENREGIE_THREADS] (4 per core)\n"
	      "  --tls-cert PATH       TLS certificate, PEM [KETENREGIE_TLS_CERT]\n"
	      "  --tls-key PATH        TLS private key, PEM [KETENREGIE_TLS_KEY]\n"
	      "  --theme-css PATH      replace the built-in NL Design System theme [KETENREGIE_THEME_CSS]\n"
	      "  --public-origin URL   how browsers reach us behind a proxy, e.g. https://ketenregie.example.nl\n"
	      "                        (Origin check, Secure cookies, links) [KETENREGIE_PUBLIC_ORIGIN]\n"
	      "  --trusted-proxy ADDR  believe X-Forwarded-For from this proxy address [KETENREGIE_TRUSTED_PROXY]\n"
	      "  --idle-timeout S      session idle timeout in seconds, 3 or more [KETENREGIE_IDLE_TIMEOUT] (900)\n"
	      "  --session-max S       session absolute lifetime in seconds [KETENREGIE_SESSION_MAX] (43200)\n"
	      "  --second-factor-grace DAYS  days an account may postpone setting up its second factor,\n"
	      "                        counted from the first login that asked [KETENREGIE_SECOND_FACTOR_GRACE] (0)\n"
	      "  --max-body BYTES      request body limit [KETENREGIE_MAX_BODY] (1048576)\n"
	      "  --conn-limit N        connection limit [KETENREGIE_CONN_LIMIT] (8192)\n"
	      "  --per-ip-limit N      connections per address; the oldest waiting one makes room\n"
	      "                        [KETENREGIE_PER_IP_LIMIT] (256)\n"
	      "  --conn-timeout S      idle connection timeout [KETENREGIE_CONN_TIMEOUT] (30)\n"
	      "  --backup-dir DIR      serve: nightly encrypted backup into DIR [KETENREGIE_BACKUP_DIR]\n"
	      "  --backup-time HH:MM   serve: local time of the nightly backup [KETENREGIE_BACKUP_TIME] (02:30)\n"
	      "  --backup-keep N       serve: nightly backups kept [KETENREGIE_BACKUP_KEEP] (14)\n"
	      "  --backup-key KEYFILE  key file for backup, restore and serve; also --key [KETENREGIE_BACKUP_KEY]\n"
	      "  --plain               backup, restore, serve --backup-dir: without encryption (explicit only)\n"
	      "  --request-deadline S  a request must arrive whole within S seconds\n"
	      "                        [KETENREGIE_REQUEST_DEADLINE] (20)\n"
	      "  --help, --version\n",
	      out);
}

enum {
	OPT_DB = 1000, OPT_LISTEN, OPT_THREADS, OPT_TLS_CERT, OPT_TLS_KEY, OPT_THEME, OPT_IDLE, OPT_SESSION_MAX,
	OPT_MAX_BODY, OPT_CONN_LIMIT, OPT_PER_IP, OPT_CONN_TIMEOUT, OPT_NAME, OPT_KIND, OPT_USERNAME, OPT_ORG,
	OPT_ROLE, OPT_HELP, OPT_VERSION, OPT_PUBLIC_ORIGIN, OPT_TRUSTED_PROXY, OPT_BACKUP_DIR, OPT_BACKUP_TIME,
	OPT_BACKUP_KEEP, OPT_BACKUP_KEY, OPT_BACKUP_INTERVAL, OPT_PLAIN, OPT_FORCE, OPT_REQUEST_DEADLINE, OPT_SF_GRACE,
	OPT_APPLY, OPT_WHO, OPT_REASON, OPT_UNTIL,
};

static const struct option long_opts[] = {
	{"db", required_argument, NULL, OPT_DB},
	{"listen", required_argument, NULL, OPT_LISTEN},
	{"threads", required_argument, NULL, OPT_THREADS},
	{"tls-cert", required_argument, NULL, OPT_TLS_CERT},
	{"tls-key", required_argument, NULL, OPT_TLS_KEY},
	{"theme-css", required_argument, NULL, OPT_THEME},
	{"public-origin", required_argument, NULL, OPT_PUBLIC_ORIGIN},
	{"trusted-proxy", required_argument, NULL, OPT_TRUSTED_PROXY},
	{"idle-timeout", required_argument, NULL, OPT_IDLE},
	{"session-max", required_argument, NULL, OPT_SESSION_MAX},
	{"second-factor-grace", required_argument, NULL, OPT_SF_GRACE},
	{"max-body", required_argument, NULL, OPT_MAX_BODY},
	{"conn-limit", required_argument, NULL, OPT_CONN_LIMIT},
	{"per-ip-limit", required_argument, NULL, OPT_PER_IP},
	{"conn-timeout", required_argument, NULL, OPT_CONN_TIMEOUT},
	{"request-deadline", required_argument, NULL, OPT_REQUEST_DEADLINE},
	{"name", required_argument, NULL, OPT_NAME},
	{"kind", required_argument, NULL, OPT_KIND},
	{"username", required_argument, NULL, OPT_USERNAME},
	{"organisation", required_argument, NULL, OPT_ORG},
	{"role", required_argument, NULL, OPT_ROLE},
	{"backup-dir", required_argument, NULL, OPT_BACKUP_DIR},
	{"backup-time", required_argument, NULL, OPT_BACKUP_TIME},
	{"backup-keep", required_argument, NULL, OPT_BACKUP_KEEP},
	{"backup-key", required_argument, NULL, OPT_BACKUP_KEY},
	{"key", required_argument, NULL, OPT_BACKUP_KEY},
	{"backup-interval-seconds", required_argument, NULL, OPT_BACKUP_INTERVAL}, /* tests only; not in --help */
	{"plain", no_argument, NULL, OPT_PLAIN},
	{"force", no_argument, NULL, OPT_FORCE},
	{"apply", no_argument, NULL, OPT_APPLY},
	{"who", required_argument, NULL, OPT_WHO},
	{"reason", required_argument, NULL, OPT_REASON},
	{"until", required_argument, NULL, OPT_UNTIL},
	{"help", no_argument, NULL, OPT_HELP},
	{"version", no_argument, NULL, OPT_VERSION},
	{NULL, 0, NULL, 0},
};

typedef struct cli_args {
	const char *name, *kind, *username, *organisation;
	unsigned roles;
	bool bad_role;
	backup_cli backup;
	bool apply;                      /* retention: delete, not only list */
	const char *who, *reason, *until; /* retention hold */
} cli_args;

static bool parse_unsigned(const char *s, unsigned long long max, unsigned long long *out)
{
	if (!s || !*s)
		return false;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || v > max || s[0] == '-')
		return false;
	*out = v;
	return true;
}

/* Apply a numeric setting; false (with a message) when the value is invalid. */
static bool set_number(const char *what, const char *value, unsigned long long min, unsigned long long max,
                       void *target, size_t size)
{
	unsigned long long v;
	if (!parse_unsigned(value, max, &v) || v < min) {
		fprintf(stderr, "ketenregie: invalid value for %s: %s\n", what, value ? value : "");
		return false;
	}
	if (size == sizeof(unsigned))
		*(unsigned *)target = (unsigned)v;
	else
		*(size_t *)target = (size_t)v;
	return true;
}

static bool apply_option(int opt, const char *arg, cli_args *cli)
{
	switch (opt) {
	case OPT_DB: config.db_path = arg; return true;
	case OPT_LISTEN: config.listen = arg; return true;
	case OPT_TLS_CERT: config.tls_cert = arg; return true;
	case OPT_TLS_KEY: config.tls_key = arg; return true;
	case OPT_THEME: config.theme_css = arg; return true;
	case OPT_PUBLIC_ORIGIN:
		if (strncmp(arg, "https://", 8) != 0 && strncmp(arg, "http://", 7) != 0) {
			fprintf(stderr, "ketenregie: --public-origin must look like https://host[:port]\n");
			return false;
		}
		config.public_origin = arg;
		return true;
	case OPT_TRUSTED_PROXY: config.trusted_proxy = arg; return true;
	case OPT_THREADS: return set_number("threads", arg, 0, 32, &config.threads, sizeof(unsigned));
	case OPT_IDLE: return set_number("idle-timeout", arg, 3, 86400, &config.idle_timeout_s, sizeof(unsigned));
	case OPT_SF_GRACE:
		return set_number("second-factor-grace", arg, 0, 90, &config.second_factor_grace_days, sizeof(unsigned));
	case OPT_SESSION_MAX:
		return set_number("session-max", arg, 60, 7 * 86400, &config.session_max_s, sizeof(unsigned));
	case OPT_MAX_BODY: return set_number("max-body", arg, 1024, 64u << 20, &config.max_body, sizeof(size_t));
	case OPT_CONN_LIMIT: return set_number("conn-limit", arg, 1, 65536, &config.conn_limit, sizeof(unsigned));
	case OPT_PER_IP: return set_number("per-ip-limit", arg, 1, 65536, &config.per_ip_limit, sizeof(unsigned));
	case OPT_CONN_TIMEOUT:
		return set_number("conn-timeout", arg, 1, 3600, &config.conn_timeout_s, sizeof(unsigned));
	case OPT_BACKUP_DIR: config.backup_dir = arg; return true;
	case OPT_BACKUP_KEY: config.backup_key = arg; return true;
	case OPT_BACKUP_TIME:
		if (!schedule_parse_time(arg, &config.backup_hour, &config.backup_minute)) {
			fprintf(stderr, "ketenregie: invalid value for backup-time: %s (expected HH:MM)\n", arg);
			return false;
		}
		return true;
	case OPT_BACKUP_KEEP: return set_number("backup-keep", arg, 1, 10000, &config.backup_keep, sizeof(unsigned));
	case OPT_BACKUP_INTERVAL:
		return set_number("backup-interval-seconds", arg, 1, 86400, &config.backup_interval_s, sizeof(unsigned));
	case OPT_PLAIN: cli->backup.plain = true; return true;
	case OPT_FORCE: cli->backup.force = true; return true;
	case OPT_APPLY: cli->apply = true; return true;
	case OPT_WHO: cli->who = arg; return true;
	case OPT_REASON: cli->reason = arg; return true;
	case OPT_UNTIL: cli->until = arg; return true;
	case OPT_REQUEST_DEADLINE:
		return set_number("request-deadline", arg, 1, 3600, &config.request_deadline_s, sizeof(unsigned));
	case OPT_NAME: cli->name = arg; return true;
	case OPT_KIND: cli->kind = arg; return true;
	case OPT_USERNAME: cli->username = arg; return true;
	case OPT_ORG: cli->organisation = arg; return true;
	case OPT_ROLE: {
		unsigned r = role_from_name(arg);
		if (!r) {
			fprintf(stderr, "ketenregie: unknown role %s\n", arg);
			return false;
		}
		cli->roles |= r;
		return true;
	}
	}
	return false;
}

static const struct {
	const char *env;
	int opt;
} env_opts[] = {
	{"KETENREGIE_DB", OPT_DB}, {"KETENREGIE_LISTEN", OPT_LISTEN}, {"KETENREGIE_THREADS", OPT_THREADS},
	{"KETENREGIE_TLS_CERT", OPT_TLS_CERT}, {"KETENREGIE_TLS_KEY", OPT_TLS_KEY},
	{"KETENREGIE_THEME_CSS", OPT_THEME}, {"KETENREGIE_PUBLIC_ORIGIN", OPT_PUBLIC_ORIGIN},
	{"KETENREGIE_TRUSTED_PROXY", OPT_TRUSTED_PROXY}, {"KETENREGIE_IDLE_TIMEOUT", OPT_IDLE},
	{"KETENREGIE_SESSION_MAX", OPT_SESSION_MAX}, {"KETENREGIE_MAX_BODY", OPT_MAX_BODY},
	{"KETENREGIE_CONN_LIMIT", OPT_CONN_LIMIT}, {"KETENREGIE_PER_IP_LIMIT", OPT_PER_IP},
	{"KETENREGIE_CONN_TIMEOUT", OPT_CONN_TIMEOUT}, {"KETENREGIE_BACKUP_DIR", OPT_BACKUP_DIR},
	{"KETENREGIE_BACKUP_TIME", OPT_BACKUP_TIME}, {"KETENREGIE_BACKUP_KEEP", OPT_BACKUP_KEEP},
	{"KETENREGIE_BACKUP_KEY", OPT_BACKUP_KEY},
	{"KETENREGIE_REQUEST_DEADLINE", OPT_REQUEST_DEADLINE},
	{"KETENREGIE_SECOND_FACTOR_GRACE", OPT_SF_GRACE},
};

static bool open_database(void)
{
	/* Create the folder of the default location; other paths must exist. */
	if (strcmp(config.db_path, "var/ketenregie.db") == 0)
		mkdir("var", 0700);
	if (!db_init(config.db_path))
		return false;
	if (!migrate_run(true))
		return false;
	return db_readlog_init();
}

static char *read_password(void)
{
	static char buf[1100];
	if (!fgets(buf, sizeof buf, stdin))
		return NULL;
	buf[strcspn(buf, "\r\n")] = '\0';
	return buf;
}

static int cmd_org_add(const cli_args *cli)
{
	if (!cli->name || !cli->kind) {
		fputs("ketenregie: org add needs --name and --kind\n", stderr);
		return 2;
	}
	bool kind_ok = false;
	for (size_t i = 0; org_kinds[i]; i++)
		kind_ok |= strcmp(org_kinds[i], cli->kind) == 0;
	if (!kind_ok) {
		fprintf(stderr, "ketenregie: unknown kind %s\n", cli->kind);
		return 2;
	}
	if (!db_begin())
		return 1;
	int64_t id = org_create(cli->name, cli->kind);
	if (id <= 0) {
		db_rollback();
		fprintf(stderr, "ketenregie: %s\n", id == 0 ? "an organisation with this name exists" : "failed");
		return 1;
	}
	if (!db_commit())
		return 1;
	audit_event(NULL, NULL, "cli", "admin_organisation_save", "organisation", id, true, cli->name);
	printf("%lld\n", (long long)id);
	return 0;
}

/* The first of roles that does not fit an organisation of this kind, or NULL. */
static const char *misfit_role(unsigned roles, const char *kind)
{
	for (int i = 0; i < ROLE_COUNT; i++)
		if ((roles & role_at(i)) && !role_fits_kind(role_name(role_at(i)), kind))
			return role_name(role_at(i));
	return NULL;
}

/* `check`: database integrity (read-only, never creating or migrating), then
 * accounts whose roles do not fit their organisation (made before that rule
 * existed). 0 only when both are clean. */
static int cmd_check(void)
{
	int rc = backup_cmd_check();
	if (rc)
		return rc;
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(config.db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "ketenregie: check %s: %s\n", config.db_path, sqlite3_errmsg(db));
		sqlite3_close(db);
		return 1;
	}
	arena *a = arena_new();
	size_t n;
	role_misfit *m = role_misfits(db, a, &n);
	for (size_t i = 0; i < n; i++)
		printf("role does not fit organisation: user %s has role %s in %s (kind %s)\n", m[i].username, m[i].role,
		       m[i].org_name, m[i].org_kind);
	if (n)
		printf("%zu role(s) do not fit their organisation's kind\n", n);
	arena_free(a);
	sqlite3_close(db);
	return n == 0 ? 0 : 1;
}

static int cmd_user_add(const cli_args *cli)
{
	if (!cli->username || !cli->name || !cli->organisation || !cli->roles) {
		fputs("ketenregie: user add needs --username, --name, --organisation and --role\n", stderr);
		return 2;
	}
	arena *a = arena_new();
	int rc = 1;
	org o;
	const char *pw = read_password();
	password_context who = {.username = cli->username, .name = cli->name, .organisation = cli->organisation};
	const char *problem = pw ? password_policy_error(pw, &who) : "no password on standard input";
	char hash[crypto_pwhash_STRBYTES];
	if (!role_combination_allowed(cli->roles)) {
		fputs("ketenregie: beheerder and privacy cannot be combined with a role that sees client data\n", stderr);
		rc = 2;
	} else if (!org_find_by_name(a, cli->organisation, &o)) {
		fprintf(stderr, "ketenregie: unknown organisation %s\n", cli->organisation);
		rc = 2;
	} else if (misfit_role(cli->roles, o.kind)) {
		fprintf(stderr, "ketenregie: role %s does not fit an organisation of kind %s\n",
		        misfit_role(cli->roles, o.kind), o.kind);
		rc = 2;
	} else if (problem) {
		fprintf(stderr, "ketenregie: password refused: %s\n", problem);
		rc = 2;
	} else if (password_hash(pw, hash) && db_begin()) {
		int64_t id = user_create(cli->username, cli->name, o.id, cli->roles, hash);
		if (id > 0 && db_commit()) {
			audit_event(NULL, NULL, "cli", "admin_user_create", "user", id, true, cli->username);
			printf("%lld\n", (long long)id);
			rc = 0;
		} else {
			if (id <= 0)
				db_rollback();
			fprintf(stderr, "ketenregie: %s\n", id == 0 ? "this username exists" : "failed");
		}
	}
	arena_free(a);
	return rc;
}

/* The policy as text, one route per line: METHOD PATTERN ROLES FLAGS (tests walk it). */
static int cmd_routes(void)
{
	for (size_t i = 0; i < routes_count; i++) {
		const route *r = &routes[i];
		printf("%s\t%s\t", r->method, r->pattern);
		if (r->roles & ROLE_PUBLIC) {
			fputs("public", stdout);
		} else {
			const char *sep = "";
			for (int j = 0; j < ROLE_COUNT; j++)
				if (r->roles & role_at(j)) {
					printf("%s%s", sep, role_name(role_at(j)));
					sep = ",";
				}
		}
		printf("\t%s\n", (r->flags & ROUTE_CLIENT_DATA) ? "client_data" : (r->flags & ROUTE_AUDITED) ? "audited" : "-");
	}
	return 0;
}

/* Is the IPv4 HOST:PORT taken by another listener? Asked before libmicrohttpd
 * tries (its own message names "port 0"), so that the person who typed
 * `make run` reads which address is busy and how to choose another. False for
 * anything this cannot parse: http.c reports a malformed address itself. */
static bool listen_address_busy(const char *listen)
{
	struct sockaddr_in sa;
	if (!http_split_listen(listen, &sa))
		return false;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return false;
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one); /* as libmicrohttpd does */
	bool busy = bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 && errno == EADDRINUSE;
	close(fd);
	return busy;
}

/* A clock the tests can set (KETENREGIE_DEMO_CLOCK_DAYS): only ever for the demo
 * region, never for real data. Up to 100 years, so that a test can see the
 * retention term pass. Sets config.demo. */
static bool apply_demo_clock(void)
{
	config.demo = demo_present();
	const char *shift = getenv("KETENREGIE_DEMO_CLOCK_DAYS");
	if (shift && *shift) {
		unsigned long long days = 0;
		if (!config.demo || !parse_unsigned(shift, 36500, &days)) {
			fprintf(stderr, "ketenregie: KETENREGIE_DEMO_CLOCK_DAYS is only for the demo region (0-36500 days)\n");
			return false;
		}
		kr_date_shift_today((int)days);
	}
	return true;
}

/* `retention [--apply]` and `retention hold CASE --who --reason --until`. */
static int cmd_retention(const cli_args *cli, const char *sub, int argc, char **argv)
{
	if (!apply_demo_clock())
		return 1;
	if (sub && strcmp(sub, "hold") == 0)
		return retention_cmd_hold(optind + 1 == argc ? argv[optind] : NULL, cli->who, cli->reason, cli->until);
	if (optind != argc)
		return 2;
	return retention_run(cli->apply, stdout);
}

/* How long a read's record may wait for the read log's household index
 * (KETENREGIE_READLOG_INDEX_MS, store/readlog_index.h; default
 * READLOG_INDEX_MS). The tail stays bounded by READLOG_INDEX_RECORDS whatever
 * the wait; the tests set a long wait to see records in the tail. */
static bool apply_index_wait(void)
{
	const char *ms = getenv("KETENREGIE_READLOG_INDEX_MS");
	if (!ms || !*ms)
		return true;
	unsigned long long v = 0;
	if (!parse_unsigned(ms, 3600000, &v) || v == 0) {
		fputs("ketenregie: KETENREGIE_READLOG_INDEX_MS: 1-3600000 (milliseconds)\n", stderr);
		return false;
	}
	readlog_index_set_wait_ms((int64_t)v);
	return true;
}

static int cmd_serve(const cli_args *cli)
{
	if (listen_address_busy(config.listen)) {
		fprintf(stderr,
		        "ketenregie: the address %s is already in use (another ketenregie, or another program).\n"
		        "ketenregie: choose another one with --listen HOST:PORT or KETENREGIE_LISTEN, for example\n"
		        "ketenregie:   KETENREGIE_LISTEN=127.0.0.1:8081 make run\n",
		        config.listen);
		return 1;
	}
	char err[256];
	if (!router_check_table(err, sizeof err) || !home_panels_check(err, sizeof err)) {
		fprintf(stderr, "ketenregie: unsafe access policy: %s\n", err);
		return 1;
	}
	if (!views_init(err, sizeof err)) {
		fprintf(stderr, "ketenregie: templates: %s\n", err);
		return 1;
	}
	if (!apply_demo_clock() || !apply_index_wait())
		return 1;
	if (!device_key_init()) {
		fputs("ketenregie: cannot load or store the device cookie key\n", stderr);
		return 1;
	}
	if (!audit_guards_at_start()) {
		fputs("ketenregie: refusing to serve: the audit trail's guards cannot be restored\n", stderr);
		views_free();
		return 1;
	}
	int rc = backup_cmd_start_schedule(&cli->backup);
	if (rc) {
		views_free();
		return rc;
	}
	audit_start();
	bool ok = retention_start() && http_serve();
	retention_stop();
	schedule_stop();
	audit_stop();
	views_free();
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	/* The database, its WAL and backups hold client data: owner-only files. */
	umask(077);
	cli_args cli = {0};
	for (size_t i = 0; i < sizeof env_opts / sizeof env_opts[0]; i++) {
		const char *v = getenv(env_opts[i].env);
		if (v && *v && !apply_option(env_opts[i].opt, v, &cli))
			return 2;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("ketenregie %s\n", KETENREGIE_VERSION);
		return 0;
	}
	int first = 2;
	const char *sub = NULL;
	if (argc > 2 && (strcmp(cmd, "org") == 0 || strcmp(cmd, "user") == 0 ||
	                 (strcmp(cmd, "retention") == 0 && strcmp(argv[2], "hold") == 0))) {
		sub = argv[2];
		first = 3;
	}
	optind = first;
	int opt;
	while ((opt = getopt_long(argc, argv, "h", long_opts, NULL)) != -1) {
		if (opt == OPT_HELP || opt == 'h') {
			usage(stdout);
			return 0;
		}
		if (opt == OPT_VERSION) {
			printf("ketenregie %s\n", KETENREGIE_VERSION);
			return 0;
		}
		if (opt == '?' || !apply_option(opt, optarg, &cli))
			return 2;
		if (opt == OPT_BACKUP_KEY)
			cli.backup.key_on_command_line = true;
	}
	if (sodium_init() < 0) {
		fputs("ketenregie: cannot initialise cryptography\n", stderr);
		return 1;
	}
	if (strcmp(cmd, "routes") == 0)
		return cmd_routes();
	if (strcmp(cmd, "password-helper") == 0) /* started by serve, not by people (auth/password_helper.h) */
		return password_helper_main();
	bool file_cmd = strcmp(cmd, "backup") == 0 || strcmp(cmd, "restore") == 0 || strcmp(cmd, "keygen") == 0;
	bool known = strcmp(cmd, "serve") == 0 || strcmp(cmd, "migrate") == 0 || strcmp(cmd, "demo") == 0 ||
	             strcmp(cmd, "check") == 0 || strcmp(cmd, "audit-anchor") == 0 || strcmp(cmd, "retention") == 0 || file_cmd ||
	             (strcmp(cmd, "org") == 0 && sub && strcmp(sub, "add") == 0) ||
	             (strcmp(cmd, "user") == 0 && sub && strcmp(sub, "add") == 0);
	if (!known) {
		fprintf(stderr, "ketenregie: unknown command %s%s%s\n", cmd, sub ? " " : "", sub ? sub : "");
		usage(stderr);
		return 2;
	}
	if (file_cmd && optind + 1 != argc) {
		fprintf(stderr, "ketenregie: %s needs one FILE\n", cmd);
		return 2;
	}
	/* These never open the live database the way serve does: no creating, no migrating. */
	if (strcmp(cmd, "keygen") == 0)
		return backup_cmd_keygen(argv[optind]);
	if (strcmp(cmd, "backup") == 0)
		return backup_cmd_backup(argv[optind], &cli.backup);
	if (strcmp(cmd, "restore") == 0)
		return backup_cmd_restore(argv[optind], &cli.backup);
	if (strcmp(cmd, "check") == 0)
		return cmd_check();
	if (strcmp(cmd, "audit-anchor") == 0)
		return audit_cmd_anchor(config.db_path);
	if (!password_init()) { /* the rest may hash passwords */
		fputs("ketenregie: cannot initialise password hashing\n", stderr);
		return 1;
	}
	if (!open_database())
		return 1;
	int rc = 0;
	if (strcmp(cmd, "serve") == 0) {
		rc = cmd_serve(&cli);
	} else if (strcmp(cmd, "migrate") == 0) {
		printf("database at version %d\n", migrate_latest());
	} else if (strcmp(cmd, "demo") == 0) {
		rc = demo_load(stdout) ? 0 : 1;
	} else if (strcmp(cmd, "retention") == 0) {
		rc = cmd_retention(&cli, sub, argc, argv);
	} else if (strcmp(cmd, "org") == 0) {
		rc = cmd_org_add(&cli);
	} else {
		rc = cmd_user_add(&cli);
	}
	audit_flush();
	db_close_all();
	return rc;
}
