#!/bin/sh
# run-unit.sh — run every unit test binary (built with ASan + UBSan); fail if any fails.
set -u
failed=0
for t in "$@"; do
	echo "== $t"
	if ! "$t"; then
		failed=$((failed + 1))
	fi
done
if [ "$failed" -ne 0 ]; then
	echo "unit: $failed test program(s) failed"
	exit 1
fi
