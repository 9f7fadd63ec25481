#!/bin/sh
# run.sh — `make run`: migrate, load the demo region on first start (a new
# database) and print its accounts on every start of a demo database, then serve
# on KETENREGIE_LISTEN (127.0.0.1:8080). A database with real accounts is never
# given the demo region.
set -eu
cd "$(dirname "$0")/.."
bin=build/rel/ketenregie
db=${KETENREGIE_DB:-var/ketenregie.db}
mkdir -p "$(dirname "$db")"
first_start=no
[ -e "$db" ] || first_start=yes
"$bin" migrate --db "$db"
if [ "$first_start" = yes ] || [ "$(sqlite3 "$db" "SELECT value FROM setting WHERE key = 'demo'" 2>/dev/null)" = 1 ]; then
	"$bin" demo --db "$db"
fi
exec "$bin" serve --db "$db"
