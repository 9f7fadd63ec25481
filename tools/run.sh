#!/bin/sh
# run.sh — `make run`: migrate, load the demo region on first start (and print
# its accounts every start), then serve on KETENREGIE_LISTEN (127.0.0.1:8080).
set -eu
cd "$(dirname "$0")/.."
bin=build/rel/ketenregie
mkdir -p var
"$bin" migrate
"$bin" demo
exec "$bin" serve
