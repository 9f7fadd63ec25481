/*
 * config.h — run-time settings, filled once at start-up from flags and
 * KETENREGIE_* environment variables (main.c), read-only afterwards.
 */
#ifndef KR_CONFIG_H
#define KR_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

typedef struct kr_config {
	const char *db_path;
	const char *listen;        /* HOST:PORT */
	unsigned threads;          /* worker threads; 0 = number of cores */
	unsigned conn_limit;       /* total connections */
	unsigned per_ip_limit;     /* connections per client address */
	unsigned conn_timeout_s;   /* idle connection timeout */
	unsigned request_deadline_s; /* a request must arrive whole within this (conn_guard.h) */
	size_t conn_memory;        /* libmicrohttpd memory per connection */
	size_t max_body;           /* request body bytes */
	size_t max_field;          /* bytes per form value */
	size_t max_fields;         /* fields per form */
	unsigned idle_timeout_s;   /* session idle timeout */
	unsigned session_max_s;    /* session absolute lifetime */
	unsigned second_factor_grace_days; /* an account may postpone enrolment this long (0: not at all) */
	const char *tls_cert;      /* PEM paths; both or neither */
	const char *tls_key;
	const char *theme_css;     /* replaces the embedded theme CSS when set */
	const char *public_origin; /* "https://ketenregie.example.nl" behind a proxy; NULL = from Host */
	const char *trusted_proxy; /* address of the reverse proxy whose X-Forwarded-For we believe */
	bool demo;                 /* the database holds the demo region (banner) */
	const char *backup_dir;    /* serve: nightly backups into this folder; NULL = none */
	const char *backup_key;    /* key file of encrypted backups (backup, restore, serve) */
	int backup_hour;           /* local time of the nightly backup */
	int backup_minute;
	unsigned backup_keep;      /* nightly backups kept */
	unsigned backup_interval_s;/* tests only: a backup every N seconds instead of nightly */
} kr_config;

extern kr_config config;

#endif
