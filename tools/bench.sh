#!/bin/sh
# bench.sh — `make bench`: wrk against the real daemon on 127.0.0.1, in one run:
#   (a) a static file — the baseline: the cheapest answer this server can give;
#   (b) the authenticated start page (session lookup, template, layout);
#   further scenarios are added below by the areas (scenario NAME PATH USER);
#   then tools/bench_data.sql adds a year of handovers (about 6,000) to this bench
#   database only, and the volume scenarios run against it.
# Prints requests/s and p99 latency per scenario and its ratio to (a).
# Settings: BENCH_SECONDS (10), BENCH_CONNECTIONS (100), BENCH_THREADS (2).
set -eu
cd "$(dirname "$0")/.."
bin=${KETENREGIE_BENCH_BIN:-build/rel/ketenregie}
secs=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-100}
threads=${BENCH_THREADS:-2}
command -v wrk >/dev/null || { echo "bench: wrk is missing (make deps)"; exit 1; }

tmp=$(mktemp -d)
port=$((20000 + $$ % 20000))
base="http://127.0.0.1:$port"
"$bin" migrate --db "$tmp/b.db" >/dev/null 2>&1
"$bin" demo --db "$tmp/b.db" >/dev/null
"$bin" serve --db "$tmp/b.db" --listen "127.0.0.1:$port" --per-ip-limit 1024 2>"$tmp/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for i in $(seq 1 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

# session cookie of a demo user
session_of() {
	jar="$tmp/jar-$1"
	token=$(curl -s -c "$jar" "$base/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	curl -s -b "$jar" -c "$jar" -o /dev/null -d "csrf=$token&username=$1&password=demo-ketenregie-2026" "$base/login"
	awk '$6 == "kr_session" { print $7 }' "$jar"
}

baseline_rps=""
printf '%-34s %12s %10s %8s\n' scenario 'requests/s' 'p99 ms' ratio
scenario() { # NAME PATH [USER]
	name=$1 path=$2 user=${3:-}
	header=""
	if [ -n "$user" ]; then
		cookie=$(session_of "$user")
		header="Cookie: kr_session=$cookie"
	fi
	status=$(curl -s -o /dev/null -w '%{http_code}' ${header:+-H "$header"} "$base$path")
	if [ "$status" != 200 ]; then
		echo "bench: $name answered $status, not 200" >&2
		exit 1
	fi
	out=$(wrk -t"$threads" -c"$conns" -d"${secs}s" --latency ${header:+-H "$header"} "$base$path")
	rps=$(echo "$out" | awk '/^Requests\/sec:/ { print $2 }')
	p99=$(echo "$out" | awk '$1 == "99%" { v=$2; if (v ~ /us$/) { sub(/us/,"",v); v=v/1000 } else if (v ~ /ms$/) { sub(/ms/,"",v) } else if (v ~ /s$/) { sub(/s/,"",v); v=v*1000 } print v }')
	errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ { print }')
	[ -z "$baseline_rps" ] && baseline_rps=$rps
	ratio=$(awk -v a="$rps" -v b="$baseline_rps" 'BEGIN { printf "%.2f", a / b }')
	printf '%-34s %12s %10s %8s\n' "$name" "$rps" "$p99" "$ratio"
	[ -n "$errors" ] && echo "  $errors"
	return 0
}

scenario "static file (baseline)" /static/app.css
scenario "start page, logged in (vt)" / vt
# area scenarios
# handovers and cases: the case page of the demo's large case (10 members, 20 safety
# conditions, 3 handovers), as its regisseur sees it — every request is also audited
bench_case=$(sqlite3 "$tmp/b.db" "SELECT case_id FROM handover WHERE case_id IS NOT NULL GROUP BY case_id HAVING count(*) = 3 LIMIT 1")
scenario "case page 10/20/3 (professional)" "/casussen/$bench_case" professional

# volume: a year of a region (~6,000 handovers, tools/bench_data.sql) in this bench
# database only; the start pages and the inbox must not grow with it
sqlite3 -cmd ".timeout 60000" "$tmp/b.db" < tools/bench_data.sql >/dev/null
scenario "year: start page (vt)" / vt
scenario "year: start page (teamleider)" / teamleider
scenario "year: inbox /overdrachten (teamleider)" /overdrachten teamleider
scenario "year: VT list /overdrachten (vt)" /overdrachten vt
scenario "year: start page (professional)" / professional
