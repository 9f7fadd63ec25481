#!/bin/sh
# run-unit.sh — run every unit test binary (built with ASan + UBSan), UNIT_JOBS
# (default 2) at a time; each binary's output is printed whole, in the order given,
# once all have ended; fail if any fails. (Several of them mostly wait on fsync and
# threads, so two at a time on two cores roughly halves the phase.)
set -u
jobs=${UNIT_JOBS:-2}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '%s\n' "$@" | xargs -P "$jobs" -I{} sh -c \
	'n=$(basename "$1"); "$1" >"$2/$n.log" 2>&1; echo $? >"$2/$n.rc"' sh {} "$out"
failed=0
for t in "$@"; do
	n=$(basename "$t")
	echo "== $t"
	cat "$out/$n.log"
	[ "$(cat "$out/$n.rc" 2>/dev/null)" = 0 ] || failed=$((failed + 1))
done
if [ "$failed" -ne 0 ]; then
	echo "unit: $failed test program(s) failed"
	exit 1
fi
