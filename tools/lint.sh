#!/bin/sh
# lint.sh — build-breaking checks of the project's own rules (STYLE.md):
#   - SQL is never assembled at run time, and only store/db.c prepares statements
#   - only server/http.c includes libmicrohttpd
#   - only view/tmpl.c and view/markdown.c may create raw HTML values
#   - no banned C calls; every source file starts with a purpose comment
#   - no source file over 800 lines (a warning over 600): split it by flow
#   - includes follow the layering of STYLE.md (a request flows down server → auth →
#     pages → store/view, never back up): store includes no auth, server, pages or
#     view header; view no store header; auth no pages header; util only util; and
#     auth never writes the response (server/cookie.c sets cookies)
# KR_LINT_ROOT names another tree to check (tests/lint/test_lint.sh feeds it fakes).
set -u
cd "${KR_LINT_ROOT:-$(dirname "$0")/..}" || exit 2
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
	[ -e "$f" ] || continue
	grep -qE '\{\{&|\{\{=' "$f" && complain "$f uses a raw-output tag"
done

# Size: a file that grows past 600 lines is due for a split by flow; past 800 the build breaks.
for f in $(find src -name '*.c' -o -name '*.h' | sort); do
	n=$(wc -l < "$f")
	if [ "$n" -gt 800 ]; then
		complain "$f has $n lines (more than 800): split it by flow (STYLE.md: small files by concern)"
	elif [ "$n" -gt 600 ]; then
		echo "lint: warning: $f has $n lines (more than 600): split it by flow before it reaches 800"
	fi
done

# Layering. Every quoted include names its layer ("store/db.h"), so that the checks
# below cannot be passed by a relative path.
hits=$(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"([^/"]*|\.[^"]*)"' src)
[ -n "$hits" ] && complain "an include without its layer directory (write \"layer/file.h\"):
$hits"
# layer_refuse DIR REGEX WHAT: no file under src/DIR includes a header of a directory matching REGEX.
layer_refuse() {
	[ -d "src/$1" ] || return 0
	hits=$(grep -rnE "^[[:space:]]*#[[:space:]]*include[[:space:]]*\"($2)/" "src/$1")
	[ -n "$hits" ] && complain "src/$1 may not include $3 (STYLE.md layering; move the function to its layer):
$hits"
	return 0
}
layer_refuse store 'auth|server|pages|view' 'auth, server, pages or view headers'
layer_refuse view 'store' 'store headers'
layer_refuse auth 'pages' 'pages headers'
layer_refuse util 'auth|server|pages|view|store|demo' 'anything but util headers'
if [ -d src/auth ]; then
	hits=$(grep -rnE '\b(response_add_header|respond_[a-z_]+)[[:space:]]*\(' src/auth)
	[ -n "$hits" ] && complain "src/auth writes the response (the server's part, e.g. server/cookie.c):
$hits"
fi

[ "$fail" -eq 0 ] && echo "lint: ok"
exit "$fail"
