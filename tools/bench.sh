#!/bin/sh
# bench.sh — `make bench` (issue 11): wrk against the real daemon on 127.0.0.1, in one run:
#   (a) the reference: tools/bench_ref.c, a bare libmicrohttpd + SQLite server (session point
#       query, 20 rows by index out of 1,000,000, escaped into a ~20 KB page);
#   (b) a static file of the daemon: the cheapest answer it can give;
#   (c) every role's start page, the lists, the inbox, the search and the case page on the
#       demo region;
#   (d) the same pages after tools/bench_decade.sql loaded ten years of a region into this
#       bench database only (60,000 handovers, 150,000 persons, 20,000,000 audit rows);
#   (e) the access-log queries over those audit rows, and the daemon's peak resident memory.
# Prints requests/s and p99 per scenario with its ratio to (a), to (b) and, for (d), to the
# same page on the demo database; "!" flags a ratio or p99 below the target of issue 11.
# wrk comes from Debian's wrk package (tools/install-deps.sh installs it).
# Settings: BENCH_SECONDS (4 per scenario), BENCH_CONNECTIONS (100), BENCH_THREADS (2),
# BENCH_REF_DB (build/bench-ref.db, created once, about 170 MB), BENCH_CACHE (build/bench-cache:
# the decade database, about 4 GB, kept for the day; "off" keeps nothing).
set -eu
cd "$(dirname "$0")/.."
repo=$(pwd)
bin=${KETENREGIE_BENCH_BIN:-build/rel/ketenregie}
ref_bin=${BENCH_REF_BIN:-build/bench_ref}
ref_db=${BENCH_REF_DB:-build/bench-ref.db}
secs=${BENCH_SECONDS:-4}
conns=${BENCH_CONNECTIONS:-100}
threads=${BENCH_THREADS:-2}
command -v wrk >/dev/null || { echo "bench: wrk is missing (make deps)"; exit 1; }
dpkg-query -W -f='${Status}' wrk 2>/dev/null | grep -q "install ok installed" ||
	echo "bench: note: wrk is not the Debian package" >&2

tmp=$(mktemp -d)
port=$((20000 + $$ % 20000))
ref_port=$((port + 1))
base="http://127.0.0.1:$port"
pid="" ref_pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	[ -n "$ref_pid" ] && kill "$ref_pid" 2>/dev/null && wait "$ref_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

start_daemon() {
	"$bin" serve --db "$tmp/b.db" --listen "127.0.0.1:$port" --per-ip-limit 1024 2>>"$tmp/serve.log" &
	pid=$!
	for i in $(seq 1 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && return 0; sleep 0.1; done
	echo "bench: the daemon did not start" >&2
	exit 1
}
stop_daemon() {
	kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; pid=""
}
# resident memory right after each scenario, the largest seen: anonymous memory (heap,
# stacks, SQLite page caches) and all of it; the rest is the database file mapped by
# mmap_size (page cache shared with the kernel). VmHWM is not used: it counts the Argon2id
# buffers of the logins (64 MiB each), which the target leaves aside.
rss_max=0 anon_max=0
sample_rss() {
	kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
	anon=$(awk '/^RssAnon:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
	[ "${kb:-0}" -gt "$rss_max" ] && rss_max=$kb
	[ "${anon:-0}" -gt "$anon_max" ] && anon_max=$anon
	return 0
}
peak_rss_mb() { echo "$((anon_max / 1024)) MB anonymous, $((rss_max / 1024)) MB with the mapped database"; }

"$bin" migrate --db "$tmp/b.db" >/dev/null 2>&1
"$bin" demo --db "$tmp/b.db" >/dev/null
start_daemon
"$ref_bin" "$ref_db" "$ref_port" 2>"$tmp/ref.log" &
ref_pid=$!
for i in $(seq 1 1200); do
	[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$ref_port/")" = 403 ] && break
	sleep 0.1
done

# session cookie of a demo user (sessions live in the database: they survive a restart)
session_of() {
	jar="$tmp/jar-$1"
	token=$(curl -s -c "$jar" "$base/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	curl -s -b "$jar" -c "$jar" -o /dev/null -d "csrf=$token&username=$1&password=demo-ketenregie-2026" "$base/login"
	awk '$6 == "kr_session" { print $7 }' "$jar"
}
cookie_of() { # USER: the header, logging in once per user
	[ -f "$tmp/cookie-$1" ] || echo "Cookie: kr_session=$(session_of "$1")" >"$tmp/cookie-$1"
	cat "$tmp/cookie-$1"
}

# CPU time (user + system, in clock ticks) a process has used so far
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# measure URL HEADER PID → sets rps, p99 (ms) and cpu (the server's CPU µs per request:
# a figure that depends less on how loaded the shared machine is than requests/s)
measure() {
	before=$(cpu_ticks "$3")
	out=$(wrk -t"$threads" -c"$conns" -d"${secs}s" --latency ${2:+-H "$2"} "$1")
	ticks=$(($(cpu_ticks "$3") - before))
	requests=$(echo "$out" | awk '/requests in/ { print $1 }')
	cpu=$(awk -v t="$ticks" -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { if (n > 0) printf "%.0f", t * 1e6 / hz / n; else printf "-" }')
	rps=$(echo "$out" | awk '/^Requests\/sec:/ { printf "%.0f", $2 }')
	p99=$(echo "$out" | awk '$1 == "99%" { v=$2; if (v ~ /us$/) { sub(/us/,"",v); v=v/1000 } else if (v ~ /ms$/) { sub(/ms/,"",v) } else if (v ~ /s$/) { sub(/s/,"",v); v=v*1000 } printf "%.1f", v }')
	errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ { print }')
	[ -n "$errors" ] && echo "  $errors"
	return 0
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }
flag() { # VALUE MIN → "!" when VALUE < MIN
	awk -v a="$1" -v b="$2" 'BEGIN { if (a != "-" && a + 0 < b + 0) printf "!"; else printf " " }'
}
below=0
printf '%-44s %8s %8s %8s %6s %6s %6s\n' scenario 'req/s' 'p99 ms' 'cpu µs' '×ref' '×stat' '×demo'
row() { # NAME RPS P99 CPU XREF XSTATIC XDEMO FLAGS
	printf '%-44s %8s %8s %8s %6s %6s %6s %s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8"
	case "$8" in *!*) below=$((below + 1)) ;; esac
}

measure "http://127.0.0.1:$ref_port/" "Cookie: s=ref-42" "$ref_pid"
ref_rps=$rps
row "reference (tools/bench_ref.c)" "$rps" "$p99" "$cpu" 1.00 - - ""
measure "$base/static/app.css" "" "$pid"
static_rps=$rps
row "static file" "$rps" "$p99" "$cpu" "$(ratio "$rps" "$ref_rps")" 1.00 - ""

# Scenarios: KEY|NAME|PATH|USER|KIND. KIND: case (≥ 0.6 × ref, p99 < 20 ms), page (flat on
# the decade: ≥ 1/1.5 of the demo's req/s, ≥ 0.4 × ref), search (as page, and p99 < 5 ms).
bench_case=1 # the demo's case with a full safety plan (3 versions) and family plan (2 versions)
scenarios="case|case page, full plans (regisseur)|/casussen/$bench_case|professional|case
home-vt|start page (vt)|/|vt|page
home-tl|start page (teamleider)|/|teamleider|page
home-pr|start page (professional)|/|professional|page
home-pa|start page (partner)|/|partner|page
home-se|start page (secretaris)|/|secretaris|page
home-lt|start page (leertafellid)|/|leertafellid|page
home-be|start page (beleid)|/|beleid|page
home-bh|start page (beheerder)|/|beheerder|page
list-vt|VT list /overdrachten (vt)|/overdrachten|vt|page
inbox-tl|inbox /overdrachten (teamleider)|/overdrachten|teamleider|page
cases-tl|case list /casussen (teamleider)|/casussen|teamleider|page
cases-pr|case list /casussen (professional)|/casussen|professional|page
cases-pa|case list /casussen (partner)|/casussen|partner|page
search-tl|household search (teamleider)|/casussen?zoek=gezin|teamleider|search"

run_scenarios() { # PREFIX: demo or decade
	while IFS='|' read -r key name path user kind; do
		header=$(cookie_of "$user")
		status=$(curl -s -o /dev/null -w '%{http_code}' -H "$header" "$base$path")
		if [ "$status" != 200 ]; then
			echo "bench: $name answered $status, not 200" >&2
			exit 1
		fi
		measure "$base$path" "$header" "$pid"
		sample_rss
		xref=$(ratio "$rps" "$ref_rps")
		xstat=$(ratio "$rps" "$static_rps")
		flags=""
		if [ "$1" = demo ]; then
			echo "$rps" >"$tmp/demo-$key"
			xdemo=-
		else
			xdemo=$(ratio "$rps" "$(cat "$tmp/demo-$key")")
		fi
		case "$kind" in
		case) flags="$(flag "$xref" 0.6)$(awk -v p="$p99" 'BEGIN { if (p >= 20) printf "!p99" }')" ;;
		page | search)
			[ "$1" = decade ] && flags="$(flag "$xref" 0.4)$(flag "$xdemo" 0.667)"
			[ "$kind" = search ] && flags="$flags$(awk -v p="$p99" 'BEGIN { if (p >= 5) printf "!p99" }')" ;;
		esac
		row "$1: $name" "$rps" "$p99" "$cpu" "$xref" "$xstat" "$xdemo" "$flags"
	done <<EOF
$scenarios
EOF
}
run_scenarios demo
echo "  (daemon resident memory after a scenario, at most: $(peak_rss_mb))"

# ten years of a region, in this bench database only; the daemon restarts on it. The
# generated database is kept in $BENCH_CACHE for the rest of the day (its dates are relative
# to today) and reused while the demo and bench_decade.sql stay the same; a newer schema is
# brought up by the daemon's own migrations, as on a production database.
stop_daemon
cache_dir=${BENCH_CACHE:-build/bench-cache}
key=$(cat src/demo/*.c migrations/*.sql tools/bench_decade.sql | sha256sum | cut -c1-16)
cached="$cache_dir/decade-$(date -u +%F)-$key.db"
started=$(date +%s)
if [ -f "$cached" ]; then
	cp "$cached" "$tmp/b.db"
	rm -f "$tmp/b.db-wal" "$tmp/b.db-shm" "$tmp"/cookie-*
	"$bin" migrate --db "$tmp/b.db" >/dev/null 2>&1
	how="copied from $cached"
else
	(cd "$tmp" && sqlite3 -bail -cmd ".timeout 60000" b.db <"$repo/tools/bench_decade.sql" >/dev/null)
	how="generated"
	if [ "${BENCH_CACHE:-}" != off ]; then
		mkdir -p "$cache_dir"
		rm -f "$cache_dir"/decade-*.db
		cp "$tmp/b.db" "$cached.part" && mv "$cached.part" "$cached"
	fi
fi
echo "  (decade $how in $(($(date +%s) - started)) s: $(sqlite3 "$tmp/b.db" "SELECT (SELECT count(*) FROM handover) || ' handovers, ' || (SELECT count(*) FROM casefile) || ' cases, ' || (SELECT count(*) FROM person) || ' persons, ' || (SELECT count(*) FROM journal_entry) || ' journal entries, ' || (SELECT max(id) FROM audit_log) || ' audit rows'"))"
start_daemon
run_scenarios decade
echo "  (daemon resident memory after a scenario, at most: $(peak_rss_mb); target < 64 MB, Argon2 aside)"

# the access-log report's queries (the report page is the privacy work's): one household's
# and one user's newest 50 records, 200 times each over the 20,000,000 audit rows
stop_daemon
"$ref_bin" --time "$tmp/b.db" 200 >"$tmp/time.out"
while IFS="|" read -r name p50 p99; do
	row "decade: $name" - "$p99" - - - - "$(awk -v p="$p99" 'BEGIN { if (p >= 50) printf "!p99" }')"
done <"$tmp/time.out"
echo "  (load: $(cut -d' ' -f1-3 /proc/loadavg) at the end; $below flagged below target)"
