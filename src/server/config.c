/*
 * config.c — the run-time settings and their defaults (see config.h). main.c
 * overrides them from flags and environment before anything else runs.
 */
#include "server/config.h"

kr_config config = {
	.db_path = "var/ketenregie.db",
	.listen = "127.0.0.1:8080",
	.threads = 0,
	.conn_limit = 8192,
	.per_ip_limit = 256,
	.conn_timeout_s = 30,
	.request_deadline_s = 20,
	.conn_memory = 64 * 1024,
	.max_body = 1024 * 1024,
	.max_field = 1024 * 1024, /* declared fields have their own, smaller limits */
	.max_fields = 1000,
	.idle_timeout_s = 15 * 60,
	.session_max_s = 12 * 3600,
	.backup_hour = 2,
	.backup_minute = 30,
	.backup_keep = 14,
};
