#!/bin/sh
# lint.sh — build-breaking checks of the project's own rules (STYLE.md):
#   - SQL is never assembled at run time, and only store/db.c prepares statements
#   - only server/http.c includes libmicrohttpd
#   - only view/tmpl.c and view/markdown.c may create raw HTML values
#   - no banned C calls; every source file starts with a purpose comment
set -u
cd "$(dirname "$0")/.."
fail=0
complain() { echo "lint: $1"; fail=1; }

hits=$(grep -rnE 'sqlite3_(mprintf|vmprintf|snprintf)|"(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP)[^"]*%[sdqQwz]' src)
[ -n "$hits" ] && complain "SQL built with format strings:
$hits"
hits=$(grep -rln 'sqlite3_prepare[_a-z0-9]*(' src | grep -v '^src/store/db.c$')
[ -n "$hits" ] && complain "sqlite3_prepare outside src/store/db.c: $hits"
# db_stmt caches by the literal's address: its argument must be a string literal (or an
# UPPER_CASE macro that expands to one), never a variable or an expression.
hits=$(perl -0ne 'while (/\bdb_stmt\(\s*([a-z_(&*])/g) { print "$ARGV\n" }' $(find src -name '*.c' ! -path src/store/db.c) | sort -u)
[ -n "$hits" ] && complain "db_stmt called with something other than a string literal in: $hits"
hits=$(grep -rln 'microhttpd.h' src | grep -v '^src/server/http.c$')
[ -n "$hits" ] && complain "libmicrohttpd used outside src/server/http.c: $hits"
hits=$(grep -rlE '#include "view/tmpl_raw.h"' src tests | grep -vE '^src/view/(tmpl|markdown)\.c$|^src/view/tmpl_raw\.h$')
[ -n "$hits" ] && complain "raw HTML constructor used outside the template engine and markdown: $hits"
hits=$(grep -rnE '\b(strcpy|strcat|sprintf|vsprintf|gets|system|popen|rand|srand|atoi)\s*\(' src)
[ -n "$hits" ] && complain "banned calls:
$hits"
for f in $(find src -name '*.c' -o -name '*.h'); do
	head -1 "$f" | grep -q '^/\*' || complain "$f does not start with a purpose comment"
done
for f in templates/*.html; do
	grep -qE '\{\{&|\{\{=' "$f" && complain "$f uses a raw-output tag"
done
[ "$fail" -eq 0 ] && echo "lint: ok"
exit "$fail"
