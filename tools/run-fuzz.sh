#!/bin/sh
# run-fuzz.sh — run each libFuzzer target briefly (FUZZ_SECONDS, default 20) from
# its seed corpus in tests/fuzz/corpus/<name>/; fail on any crash, leak or UB.
# The targets run at the same time (each uses one core: two targets, two cores), so
# the phase takes FUZZ_SECONDS, not FUZZ_SECONDS per target.
set -u
secs=${FUZZ_SECONDS:-20}
for f in "$@"; do
	name=$(basename "$f")
	corpus="build/fuzz/corpus-$name"
	mkdir -p "$corpus"
	seeds="tests/fuzz/corpus/$name"
	[ -d "$seeds" ] && cp -n "$seeds"/* "$corpus"/ 2>/dev/null
	rm -f "build/fuzz/$name.rc"
	( "$f" -max_total_time="$secs" -print_final_stats=0 -artifact_prefix=build/fuzz/ "$corpus" \
		>"build/fuzz/$name.log" 2>&1; echo $? >"build/fuzz/$name.rc" ) &
done
wait
failed=0
for f in "$@"; do
	name=$(basename "$f")
	echo "== $name ($secs s)"
	if [ "$(cat "build/fuzz/$name.rc" 2>/dev/null)" != 0 ]; then
		tail -40 "build/fuzz/$name.log"
		failed=$((failed + 1))
	else
		grep -E '^Done [0-9]+ runs' "build/fuzz/$name.log" | tail -1
	fi
done
[ "$failed" -eq 0 ] || { echo "fuzz: $failed target(s) failed"; exit 1; }
