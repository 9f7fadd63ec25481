#!/bin/sh
# test_lint.sh — proves that tools/lint.sh can fail: it feeds the lint small fake
# trees (KR_LINT_ROOT) with an over-long file and with includes against the
# layering of STYLE.md, and asserts that each is refused (non-zero, with its
# message), that a file between 600 and 800 lines only warns, and that a clean
# tree passes. Run by `make lint` (and so by `make test`).
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
lint="$here/tools/lint.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
n=0

# fresh TREE: an empty fake source tree with one clean file
fresh() {
	rm -rf "$tmp/tree"
	mkdir -p "$tmp/tree/tests" "$tmp/tree/src/store" "$tmp/tree/src/auth" "$tmp/tree/src/view" "$tmp/tree/src/pages" "$tmp/tree/src/util"
	printf '/*\n * ok.c — a clean file.\n */\n#include "store/db.h"\n' > "$tmp/tree/src/store/ok.c"
}
# src_file PATH LINES [INCLUDE...]: a file with a purpose comment, the includes, and LINES lines in all
src_file() {
	f="$tmp/tree/src/$1"; lines=$2; shift 2
	printf '/*\n * %s — fake.\n */\n' "$(basename "$f")" > "$f"
	for inc in "$@"; do printf '%s\n' "$inc" >> "$f"; done
	have=$(wc -l < "$f")
	while [ "$have" -lt "$lines" ]; do echo "int x$have;" >> "$f"; have=$((have + 1)); done
}
# expect WANT_RC PATTERN NAME: run the lint on the tree; check its exit code and output
expect() {
	n=$((n + 1))
	out=$(KR_LINT_ROOT="$tmp/tree" sh "$lint" 2>&1)
	rc=$?
	ok_rc=1
	if [ "$1" -eq 0 ]; then [ "$rc" -eq 0 ] || ok_rc=0; else [ "$rc" -ne 0 ] || ok_rc=0; fi
	if [ "$ok_rc" -eq 0 ]; then
		echo "not ok $n - $3: exit $rc, wanted $([ "$1" -eq 0 ] && echo 0 || echo non-zero)"
		echo "$out" | sed 's/^/#   /'
		failures=$((failures + 1))
	elif ! printf '%s\n' "$out" | grep -qF -- "$2"; then
		echo "not ok $n - $3: output lacks \"$2\""
		echo "$out" | sed 's/^/#   /'
		failures=$((failures + 1))
	else
		echo "ok $n - $3"
	fi
}

fresh
expect 0 "lint: ok" "a clean tree passes"

fresh; src_file pages/big.c 801
expect 1 "src/pages/big.c has 801 lines (more than 800)" "a file over 800 lines breaks the build"

fresh; src_file pages/big.c 800
expect 0 "warning: src/pages/big.c has 800 lines" "a file of 800 lines only warns"

fresh; src_file store/longish.c 601
expect 0 "warning: src/store/longish.c has 601 lines (more than 600)" "a file over 600 lines warns"

fresh; src_file store/user.c 10 '#include "auth/session.h"'
expect 1 "src/store may not include auth, server, pages or view headers" "store including auth is refused"

fresh; src_file store/x.h 10 '#  include "view/tmpl.h"'
expect 1 "src/store may not include" "store including view is refused (also with spaces after #)"

fresh; src_file store/y.c 10 '#include "server/request.h"'
expect 1 "src/store/y.c:4:#include \"server/request.h\"" "store including server is refused, naming the line"

fresh; src_file store/z.c 10 '#include "pages/handovers.h"'
expect 1 "src/store may not include" "store including pages is refused"

fresh; src_file view/chart.h 10 '#include "store/action.h"'
expect 1 "src/view may not include store headers" "view including store is refused"

fresh; src_file auth/access.c 10 '#include "pages/pages.h"'
expect 1 "src/auth may not include pages headers" "auth including pages is refused"

fresh; src_file util/date.c 10 '#include "store/db.h"'
expect 1 "src/util may not include anything but util headers" "util including store is refused"

fresh; src_file store/sneaky.c 10 '#include "../auth/session.h"'
expect 1 "an include without its layer directory" "a relative include cannot pass the layering"

fresh; src_file auth/session.c 10 'void f(request *rq) { response_add_header(rq, "Set-Cookie", "x"); }'
expect 1 "src/auth writes the response" "auth setting a response header is refused"

fresh; src_file pages/fine.c 10 '#include "auth/session.h"' '#include "store/user.h"' '#include "view/tmpl.h"'
expect 0 "lint: ok" "pages may include auth, store and view"

if [ "$failures" -ne 0 ]; then
	echo "test_lint: $failures of $n failed"
	exit 1
fi
echo "test_lint: $n passed"
