#!/bin/sh
# bench.sh — `make bench` (issue 11): wrk against the real daemon on 127.0.0.1, in one run:
#   (a) the reference: tools/bench_ref.c, a bare libmicrohttpd + SQLite server (session point
#       query, 20 rows by index out of 1,000,000, escaped into a ~20 KB page);
#   (b) a static file of the daemon: the cheapest answer it can give;
#   (c) every role's start page, the lists, the inbox, the search and the case page on the
#       demo region;
#   (d) the same pages after tools/bench_decade.sql loaded ten years of a region into this
#       bench database only (60,000 handovers, 150,000 persons, 20,000,000 audit rows), and
#       before that after it loaded one year of the same region (6,000 handovers, 2,000,000
#       audit rows): a page that costs no more on the decade than on the year does not grow
#       with history (×year);
#   (e) on the decade: the privacy officer's access-log report of one household and of one
#       user through the daemon's pages (and the bare queries, bench_ref --time);
#   (f) on the decade: a start page with and without 50 logins/s (tools/bench_logins.c), and
#       the daemon's anonymous resident memory during every scenario's load.
# Prints requests/s, p99, the daemon's CPU µs per request, its anonymous memory (RssAnon,
# MB, the most seen while the load ran) and the size of one answer (KB) per scenario with its
# ratio to (a), to (b), for (d) to the same page on the demo database and, on the decade, to
# the same page on the year; "!" flags a figure that misses its target of issue 11. The
# year's rows are for ×year only: they count for no target. A summary at the end says per
# target: met, not met, or not measured.
# wrk comes from Debian's wrk package (tools/install-deps.sh installs it).
# Settings: BENCH_SECONDS (4 per scenario), BENCH_CONNECTIONS (100), BENCH_THREADS (2),
# BENCH_REF_DB (build/bench-ref.db, created once, about 170 MB), BENCH_CACHE (build/bench-cache:
# the decade database, about 4 GB, and the year's, 0.4 GB, kept for the day; "off" keeps
# nothing), BENCH_ONLY (an
# extended regex over scenario keys: only those run, e.g. 'home-pr|logins|pv-'),
# BENCH_DECADE_DB (a decade database to copy instead of the cache or generating one; only
# read), BENCH_LOGIN_RATE (50 logins/s), BENCH_LOGIN_USER (secretaris: whose start page the
# login scenario measures).
set -eu
cd "$(dirname "$0")/.."
repo=$(pwd)
bin=${KETENREGIE_BENCH_BIN:-build/rel/ketenregie}
ref_bin=${BENCH_REF_BIN:-build/bench_ref}
ref_db=${BENCH_REF_DB:-build/bench-ref.db}
login_bin=${BENCH_LOGINS_BIN:-build/bench_logins}
only=${BENCH_ONLY:-.}
login_rate=${BENCH_LOGIN_RATE:-50}
login_user=${BENCH_LOGIN_USER:-secretaris}
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
pid="" ref_pid="" sampler_pid="" logins_pid=""
cleanup() {
	[ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null
	[ -n "$logins_pid" ] && kill "$logins_pid" 2>/dev/null
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	[ -n "$ref_pid" ] && kill "$ref_pid" 2>/dev/null && wait "$ref_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

start_daemon() {
	"$bin" serve --db "$tmp/b.db" --listen "127.0.0.1:$port" --per-ip-limit 1024 2>>"$tmp/serve.log" &
	pid=$!
	for i in $(seq 1 300); do curl -fs "$base/healthz" >/dev/null 2>&1 && return 0; sleep 0.1; done
	echo "bench: the daemon did not start" >&2
	exit 1
}
stop_daemon() {
	kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; pid=""
}
wanted() { echo "$1" | grep -Eq -- "$only"; }

# Anonymous resident memory (RssAnon: heap, stacks, SQLite page caches) of the daemon, sampled
# every 0.2 s WHILE a scenario's load runs; the most seen is that scenario's figure. The rest of
# VmRSS is the program's own pages (the daemon reads its database with pread, not mmap).
# Argon2id's buffers (64 MiB per hash) are not the daemon's: the hashes run in its password
# helper processes (auth/password_helper.c), whose peak the login scenario reports apart.
anon_kb() { awk '/^RssAnon:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
sampler_start() { # PID: the largest RssAnon (kB) into $tmp/anon-max until sampler_stop
	echo 0 >"$tmp/anon-max"
	(
		max=0
		while :; do
			a=$(anon_kb "$1")
			[ "${a:-0}" -gt "$max" ] && max=$a && echo "$max" >"$tmp/anon-max"
			sleep 0.2
		done
	) &
	sampler_pid=$!
}
sampler_stop() { # → anon (MB, the most seen)
	kill "$sampler_pid" 2>/dev/null; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""
	anon=$(($(cat "$tmp/anon-max") / 1024))
}
anon_max=0 rss_max=0
note_memory() { # after a page scenario of the daemon: the largest figures of this database
	[ "$anon" -gt "$anon_max" ] && anon_max=$anon
	r=$(($(rss_kb "$pid") / 1024))
	[ "$r" -gt "$rss_max" ] && rss_max=$r
	return 0
}

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
# measure also samples the process's anonymous memory while wrk runs (→ anon, MB)
measure() {
	sampler_start "$3"
	before=$(cpu_ticks "$3")
	out=$(wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 10s --latency ${2:+-H "$2"} "$1")
	ticks=$(($(cpu_ticks "$3") - before))
	sampler_stop
	requests=$(echo "$out" | awk '/requests in/ { print $1 }')
	cpu=$(awk -v t="$ticks" -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { if (n > 0) printf "%.0f", t * 1e6 / hz / n; else printf "-" }')
	rps=$(echo "$out" | awk '/^Requests\/sec:/ { printf "%.0f", $2 }')
	# the size of one answer, headers included (wrk: "N requests in T, S read"): how much a
	# page shows, so that fuller lists are seen as such
	page_kb=$(echo "$out" | awk '/requests in/ { s = $5; f = 1; if (s ~ /KB$/) f = 1; else if (s ~ /MB$/) f = 1024;
		else if (s ~ /GB$/) f = 1048576; else f = 1 / 1024; sub(/[KMG]?B$/, "", s); if ($1 > 0) printf "%.1f", s * f / $1 }')
	p99=$(echo "$out" | awk '$1 == "99%" { v=$2; if (v ~ /us$/) { sub(/us/,"",v); v=v/1000 } else if (v ~ /ms$/) { sub(/ms/,"",v) } else if (v ~ /s$/) { sub(/s/,"",v); v=v*1000 } printf "%.1f", v }')
	# wrk leaves requests slower than --timeout out of its latencies: a timeout is flagged
	timeouts=$(echo "$out" | awk '/Socket errors/ { gsub(/,/, ""); for (i = 1; i < NF; i++) if ($i == "timeout") print $(i + 1) }')
	timeouts=${timeouts:-0}
	errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ { print }')
	[ -n "$errors" ] && echo "  $errors"
	return 0
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }
flag() { # VALUE MIN → "!" when VALUE < MIN
	awk -v a="$1" -v b="$2" 'BEGIN { if (a != "-" && a + 0 < b + 0) printf "!"; else printf " " }'
}
below=0
# the targets of issue 11, each "met" until a flagged row of it says otherwise
targets="case pages history search search1 log logins memory generation"
for t in $targets; do eval "missed_$t=0 seen_$t=0"; done
printf '%-50s %8s %8s %8s %6s %6s %6s %6s %6s %6s\n' scenario 'req/s' 'p99 ms' 'cpu µs' 'MB' 'KB' '×ref' '×stat' '×demo' '×year'
page_kb=-
row() { # NAME RPS P99 CPU ANON_MB XREF XSTATIC XDEMO FLAGS [TARGET] [XYEAR]; KB: page_kb of the last measure
	printf '%-50s %8s %8s %8s %6s %6s %6s %6s %6s %6s %s\n' "$1" "$2" "$3" "$4" "$5" "$page_kb" "$6" "$7" "$8" "${11:--}" "$9"
	page_kb=-
	case "$9" in *!*) below=$((below + 1)) ;; esac
	if [ -n "${10:-}" ]; then
		eval "seen_${10}=1"
		# a page's own flags count for its target; "!mem" counts for the memory target and
		# "!year" for the history target
		case "$(echo "$9" | sed 's/!mem//; s/!year//')" in *!*) eval "missed_${10}=1" ;; esac
	fi
	case "$9" in *!year*) missed_history=1 ;; esac
	return 0
}
gt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "-" && a + 0 > b + 0) }'; }

measure "http://127.0.0.1:$ref_port/" "Cookie: s=ref-42" "$ref_pid"
ref_rps=$rps
row "reference (tools/bench_ref.c)" "$rps" "$p99" "$cpu" "$anon" 1.00 - - ""
measure "$base/static/app.css" "" "$pid"
static_rps=$rps
row "static file" "$rps" "$p99" "$cpu" "$anon" "$(ratio "$rps" "$ref_rps")" 1.00 - ""

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

run_scenarios() { # PREFIX: demo, year or decade
	while IFS='|' read -r key name path user kind; do
		wanted "$key" || continue
		header=$(cookie_of "$user")
		status=$(curl -s -o /dev/null -w '%{http_code}' -H "$header" "$base$path")
		if [ "$status" != 200 ]; then
			echo "bench: $name answered $status, not 200" >&2
			exit 1
		fi
		measure "$base$path" "$header" "$pid"
		note_memory
		xref=$(ratio "$rps" "$ref_rps")
		xstat=$(ratio "$rps" "$static_rps")
		flags="" target=""
		echo "$rps" >"$tmp/$1-$key"
		echo "$page_kb" >"$tmp/$1-$key.kb"
		xdemo=- xyear=-
		[ "$1" != demo ] && xdemo=$(ratio "$rps" "$(cat "$tmp/demo-$key" 2>/dev/null || echo 0)")
		[ "$1" = decade ] && [ -f "$tmp/year-$key" ] && xyear=$(ratio "$rps" "$(cat "$tmp/year-$key")")
		case "$kind" in
		case)
			flags="$(flag "$xref" 0.6)$(awk -v p="$p99" 'BEGIN { if (p >= 20) printf "!p99" }')"
			target=case ;;
		page | search)
			[ "$1" = decade ] && flags="$(flag "$xref" 0.4)$(flag "$xdemo" 0.667)" && target=pages
			[ "$kind" = search ] && flags="$flags$(awk -v p="$p99" 'BEGIN { if (p >= 5) printf "!p99" }')" &&
				target=search ;;
		esac
		# the year's rows are there for the decade's ×year: no target of the issue is judged on them
		[ "$1" = year ] && flags="" && target=""
		# history: the decade's page within 1.5 times the year's, the same page with the same
		# rows shown on a tenth of the history ("!year"; the issue's own flatness target is
		# the ×demo above, where the decade's pages also show fuller lists). A page that shows
		# over 10 % more on the decade (KB; e.g. a user's own caseload grew) is not judged:
		# "+shown" says so, and its ×year is printed all the same.
		if [ "$xyear" != - ]; then
			year_kb=$(cat "$tmp/year-$key.kb" 2>/dev/null || echo -)
			if awk -v d="$page_kb" -v y="$year_kb" 'BEGIN { exit !(y != "-" && d > 1.1 * y) }'; then
				flags="$flags+shown"
			else
				seen_history=1
				awk -v a="$xyear" 'BEGIN { exit !(a + 0 < 0.667) }' && flags="$flags!year"
			fi
		fi
		# the memory target: under the decade's load, Argon2 aside (no login runs meanwhile)
		if [ "$1" = decade ]; then
			seen_memory=1
			[ "$anon" -ge 64 ] && flags="$flags!mem" && missed_memory=1
		fi
		row "$1: $name" "$rps" "$p99" "$cpu" "$anon" "$xref" "$xstat" "$xdemo" "$flags" "$target" "$xyear"
	done <<EOF
$scenarios
EOF
}
run_scenarios demo
[ "$rss_max" = 0 ] || echo "  (demo: daemon RssAnon during a scenario's load at most $anon_max MB; VmRSS after one at most $rss_max MB, the rest of it the mapped database)"

# A year and then ten years of a region, each in this bench database only, on top of the
# demo phase's database (kept aside); the daemon restarts on each. A generated database is
# kept in $BENCH_CACHE for the rest of the day (its dates are relative to today) and reused
# while the demo and bench_decade.sql stay the same; a newer schema is brought up by the
# daemon's own migrations, as on a production database. BENCH_DECADE_DB names a decade to
# copy instead (it is only read).
stop_daemon
cache_dir=${BENCH_CACHE:-build/bench-cache}
cache_key=$(cat src/demo/*.c migrations/*.sql tools/bench_decade.sql | sha256sum | cut -c1-16)
sqlite3 "$tmp/b.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$tmp/b.db" "$tmp/demo.db"
rm -f "$tmp/demo.db.readlog"
[ -f "$tmp/b.db.readlog" ] && sqlite3 "$tmp/b.db.readlog" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null &&
	cp "$tmp/b.db.readlog" "$tmp/demo.db.readlog"
load_history() { # NAME YEARS [DB to copy] → $tmp/b.db; sets generated (s, or "") and how
	cached="$cache_dir/$1-$(date -u +%F)-$cache_key.db"
	started=$(date +%s)
	generated=""
	rm -f "$tmp"/b.db* "$tmp"/cookie-*
	if [ -n "${3:-}" ] || [ -f "$cached" ]; then
		from=${3:-$cached}
		cp "$from" "$tmp/b.db"
		# its read log (src/store/readlog.h) with it; a decade made before the read log has none
		[ -f "$from.readlog" ] && cp "$from.readlog" "$tmp/b.db.readlog"
		# the copy's gigabytes are still dirty in the page cache: written back now, not by the
		# first checkpoint's fsync inside the first scenario (it stalled every request for seconds)
		sync "$tmp/b.db" "$tmp/b.db.readlog" 2>/dev/null || sync
		"$bin" migrate --db "$tmp/b.db" >/dev/null 2>&1
		how="copied from $from"
	else
		cp "$tmp/demo.db" "$tmp/b.db"
		[ -f "$tmp/demo.db.readlog" ] && cp "$tmp/demo.db.readlog" "$tmp/b.db.readlog"
		timer=""
		[ -x /usr/bin/time ] && timer="/usr/bin/time -f %U+%S -o $tmp/gen.cpu"
		rm -f "$tmp/gen.cpu"
		(cd "$tmp" && $timer sqlite3 -bail -cmd ".timeout 60000" -cmd "CREATE TEMP TABLE b_scale AS SELECT $2 AS years" \
			b.db <"$repo/tools/bench_decade.sql" >/dev/null)
		generated=$(($(date +%s) - started))
		how="generated"
		[ -f "$tmp/gen.cpu" ] && how="generated, $(awk -F+ '{ printf "%.0f s user + %.0f s system", $1, $2 }' "$tmp/gen.cpu") of CPU,"
		if [ "${BENCH_CACHE:-}" != off ]; then
			mkdir -p "$cache_dir"
			rm -f "$cache_dir/$1"-*.db "$cache_dir/$1"-*.db.readlog
			# the read log first: the database's name marks a complete pair
			sqlite3 "$tmp/b.db.readlog" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
			cp "$tmp/b.db.readlog" "$cached.readlog" &&
				cp "$tmp/b.db" "$cached.part" && mv "$cached.part" "$cached"
		fi
	fi
	echo "  ($1 $how in $(($(date +%s) - started)) s: $(sqlite3 -cmd "ATTACH '$tmp/b.db.readlog' AS readlog" "$tmp/b.db" "SELECT (SELECT count(*) FROM handover) || ' handovers, ' || (SELECT count(*) FROM casefile) || ' cases, ' || (SELECT count(*) FROM person) || ' persons, ' || (SELECT count(*) FROM journal_entry) || ' journal entries, ' || ((SELECT count(*) FROM audit_log) + (SELECT count(*) FROM readlog.audit_log)) || ' audit rows (' || (SELECT count(*) FROM readlog.audit_log) || ' in the read log)'")"
}

# the year: the same pages, for the decade's ×year (only when a page scenario is wanted)
if echo "$scenarios" | cut -d'|' -f1 | grep -Eq -- "$only"; then
	load_history year 1
	start_daemon
	run_scenarios year
	stop_daemon
fi

load_history decade 10 "${BENCH_DECADE_DB:-}"
if [ -n "$generated" ]; then
	seen_generation=1
	# "a minute or two": flagged above 120 s of wall clock
	[ "$generated" -gt 120 ] && missed_generation=1 && echo "  ! decade generation took $generated s, target a minute or two (≤ 120 s)"
fi
start_daemon
anon_max=0 rss_max=0
run_scenarios decade
[ "$rss_max" = 0 ] || echo "  (decade: daemon RssAnon during a scenario's load at most $anon_max MB, no login running; VmRSS after one at most $rss_max MB, the rest of it the mapped database; target < 64 MB RssAnon, Argon2 aside)"

# The household search's p99 once more with one connection (and one wrk thread): at c100 a
# request's latency is mostly its wait behind the other 99 (Little's law: mean latency =
# connections / throughput, so p99 < 5 ms at c100 needs more than 20,000 requests/s, above
# the bare reference's own throughput here), so this row shows the search's own latency,
# including its durable audit record (one fsync). Judged as its own target; the c100 row
# above keeps its flag.
if wanted search-tl; then
	conns_saved=$conns threads_saved=$threads
	conns=1 threads=1
	measure "$base/casussen?zoek=gezin" "$(cookie_of teamleider)" "$pid"
	conns=$conns_saved threads=$threads_saved
	row "decade: household search (teamleider), c1" "$rps" "$p99" "$cpu" "$anon" - - - \
		"$(awk -v p="$p99" 'BEGIN { if (p >= 5) printf "!p99" }')" search1
fi

# The privacy officer's access-log report (routes /privacy/huishoudens/{id} and
# /privacy/gebruikers/{id}, pages/privacy.c) through the daemon, each request with its own
# durable audit record: first the exact search by name and birth date that lets the officer
# open that household (auth/privacy_access.c), then the newest page of its log. The household:
# a decade household with ten years of audit rows; the user: the bench professional with the
# most cases, ~500,000 audit rows of his own.
if wanted pv-; then
	hh=$(sqlite3 "$tmp/b.db" "SELECT household_id || '|' || replace(name, ' ', '+') || '|' || birthdate FROM person
		WHERE household_id = (SELECT min(id) FROM household WHERE id > 1000000) AND position = 1")
	hh_id=${hh%%|*} rest=${hh#*|}
	uid=$(sqlite3 "$tmp/b.db" "SELECT id FROM app_user WHERE username = 'bench.prof.0.2'")
	counts=$(sqlite3 -cmd "ATTACH '$tmp/b.db.readlog' AS readlog" "$tmp/b.db" "SELECT
		((SELECT count(*) FROM audit_log WHERE household_id = $hh_id) + (SELECT count(*) FROM readlog.audit_log WHERE household_id = $hh_id)) || ' and ' ||
		((SELECT count(*) FROM audit_log WHERE user_id = $uid) + (SELECT count(*) FROM readlog.audit_log WHERE user_id = $uid))")
	header=$(cookie_of privacy)
	status=$(curl -s -o /dev/null -w '%{http_code}' -H "$header" "$base/privacy?naam=${rest%%|*}&geboortedatum=${rest#*|}")
	[ "$status" = 200 ] || { echo "bench: the privacy search answered $status" >&2; exit 1; }
	for pv in "pv-household|access log of one household (privacy)|/privacy/huishoudens/$hh_id" \
		"pv-user|access log of one user (privacy)|/privacy/gebruikers/$uid"; do
		key=${pv%%|*} rest=${pv#*|}
		name=${rest%%|*} path=${rest#*|}
		wanted "$key" || continue
		status=$(curl -s -o /dev/null -w '%{http_code}' -H "$header" "$base$path")
		[ "$status" = 200 ] || { echo "bench: $path answered $status" >&2; exit 1; }
		measure "$base$path" "$header" "$pid"
		row "decade: $name" "$rps" "$p99" "$cpu" "$anon" "$(ratio "$rps" "$ref_rps")" "$(ratio "$rps" "$static_rps")" - \
			"$(awk -v p="$p99" 'BEGIN { if (p >= 50) printf "!p99" }')" log
	done
	echo "  (household $hh_id: $counts audit rows of the household and of user $uid; target p99 < 50 ms)"
fi

# Logins (tools/bench_logins.c): a start page (BENCH_LOGIN_USER's, the secretaris's: one that
# is flat on the decade, so that what changes is the logins' doing) measured alone, then again while a steady
# BENCH_LOGIN_RATE (50) logins/s arrive: GET /login, POST /login with a demo user's password,
# successful logins of seven users in turn (the throttle counts failures only, so nothing is
# weakened). Flagged when the page's p99 is worse than 1.5 × its p99 without the logins
# ("keep their p99") or when some of its requests took longer than wrk's 10 s timeout, when the stored hashes are not Argon2id INTERACTIVE (m=65536 KiB, t=2),
# or when memory is not flat: the daemon's RssAnon during the logins may exceed the figure
# without them by at most 16 MB and stays under 64 MB (the Argon2 buffers are the password
# helpers', PASSWORD_MAX_CONCURRENT × 64 MiB at most; their peak is printed apart).
if wanted logins; then
	cap=$(sed -n 's/^#define PASSWORD_MAX_CONCURRENT \([0-9]*\).*/\1/p' src/auth/password.h)
	params=$(sqlite3 "$tmp/b.db" "SELECT substr(password_hash, 1, instr(substr(password_hash, 16), '\$') + 14)
		FROM app_user WHERE username = 'vt'")
	header=$(cookie_of "$login_user")
	page="$base/"
	measure "$page" "$header" "$pid"
	alone_p99=$p99 alone_anon=$anon
	row "decade: start page ($login_user), no logins" "$rps" "$p99" "$cpu" "$anon" "$(ratio "$rps" "$ref_rps")" \
		"$(ratio "$rps" "$static_rps")" - "" logins
	"$login_bin" "$port" "$login_rate" $((secs + 2)) demo-ketenregie-2026 vt teamleider professional partner \
		secretaris beleid leertafellid >"$tmp/logins.out" &
	logins_pid=$!
	sleep 1
	measure "$page" "$header" "$pid"
	with_anon=$anon
	with_timeouts=$timeouts
	wait "$logins_pid" || true
	logins_pid=""
	# after: once the daemon has hashed what was still queued (its CPU below 10 % for 1 s)
	for i in $(seq 1 120); do
		t0=$(cpu_ticks "$pid"); sleep 1
		[ $(($(cpu_ticks "$pid") - t0)) -lt $(($(getconf CLK_TCK) / 10)) ] && break
	done
	after_anon=$(($(anon_kb "$pid") / 1024))
	flags=$(awk -v a="$p99" -v b="$alone_p99" 'BEGIN { if (a > 1.5 * b) printf "!p99×%.1f", a / b }')
	[ "$with_timeouts" -gt 0 ] && flags="$flags!timeouts"
	case "$params" in '$argon2id$v=19$m=65536,t=2,p=1') ;; *) flags="$flags!hash" ;; esac
	buffers=$((cap * 64))
	[ $((with_anon - alone_anon)) -gt 16 ] && flags="$flags!flat"
	[ "$with_anon" -ge 64 ] && flags="$flags!mem" && missed_memory=1
	helpers_hwm=0
	for h in $(pgrep -P "$pid" 2>/dev/null); do
		helpers_hwm=$((helpers_hwm + $(awk '/^VmHWM:/ { print $2 }' "/proc/$h/status" 2>/dev/null || echo 0)))
	done
	row "decade: start page ($login_user), $login_rate logins/s" "$rps" "$p99" "-" "$anon" \
		"$(ratio "$rps" "$ref_rps")" "$(ratio "$rps" "$static_rps")" - "$flags" logins
	read -r n_started n_done n_busy n_failed achieved lp50 lp99 most <"$tmp/logins.out"
	echo "  (logins: $n_started started at $login_rate/s, $n_done done ($achieved/s), $n_busy told to try again (503),"
	echo "   $n_failed failed or unanswered;"
	echo "   a login took p50 $lp50 ms, p99 $lp99 ms; at most $most in flight; stored hash $params;"
	echo "   cap $cap concurrent hashes = $buffers MiB of Argon2 buffers, in the password helpers (their peak RSS"
	echo "   together $((helpers_hwm / 1024)) MB); daemon RssAnon $alone_anon MB without logins, $with_anon MB during them,"
	echo "   $after_anon MB after; flagged: page p99 > 1.5 × without logins, daemon memory 16 MB more, or ≥ 64 MB)"
fi

# the access-log report's bare queries (no daemon): one household's and one user's newest
# 50 records, 200 times each over the 20,000,000 audit rows
stop_daemon
if wanted pv-; then
	"$ref_bin" --time "$tmp/b.db" 200 >"$tmp/time.out"
	while IFS="|" read -r name p50 p99; do
		row "decade: $name, query only" - "$p99" - - - - - "$(awk -v p="$p99" 'BEGIN { if (p >= 50) printf "!p99" }')" log
	done <"$tmp/time.out"
fi

# one line per target of issue 11
verdict() { # TARGET TEXT
	if [ "$(eval echo "\$seen_$1")" = 0 ]; then v="not measured"
	elif [ "$(eval echo "\$missed_$1")" = 1 ]; then v="NOT MET"
	else v="met"; fi
	printf '  %-13s %-60s %s\n' "$v" "$2" ""
}
echo "summary (issue 11 targets, this run):"
printf '  %-13s %s\n' "present" "reference server in the same run (tools/bench_ref.c)"
verdict generation "decade generated in a minute or two (≤ 120 s wall)"
verdict case "case page: ≥ 0.6 × reference, p99 < 20 ms"
verdict pages "start pages, lists, inbox, search on the decade: ≥ 1/1.5 × demo, ≥ 0.4 × ref"
verdict search "household search: p99 < 5 ms at c100"
verdict search1 "household search: p99 < 5 ms, one request at a time (c1)"
verdict log "access-log report, household and user: p99 < 50 ms"
verdict logins "logins: INTERACTIVE, memory flat, page p99 ≤ 1.5 × at 50 logins/s"
verdict memory "decade: RssAnon < 64 MB under load, Argon2 aside"
verdict history "(not in the issue) pages on the decade ≥ 1/1.5 × the same on a year, where they show the same"
echo "  (load: $(cut -d' ' -f1-3 /proc/loadavg) at the end; $below rows flagged)"
