#!/bin/sh
# install-deps.sh — install what the build and tests need, only what is missing:
# Debian packages through apt-get, then the pinned npm packages (web/ for the
# NL Design System CSS, tests/ for playwright-core and axe-core). Nothing else is
# downloaded. Safe to run again.
set -eu
cd "$(dirname "$0")/.."

PKGS="build-essential clang libmicrohttpd-dev libsqlite3-dev libsodium-dev libcmark-dev libcmocka-dev libqrencode-dev \
chromium chromium-headless-shell wrk sqlite3 poppler-utils openssl nodejs curl ca-certificates"
missing=""
for p in $PKGS; do
	# nodejs may come from elsewhere (the machine's own node); accept any node on PATH
	if [ "$p" = nodejs ] && command -v node >/dev/null 2>&1; then continue; fi
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "install-deps: installing$missing"
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO="sudo"
	export DEBIAN_FRONTEND=noninteractive
	for attempt in 1 2 3 4 5; do
		if $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends $missing; then
			break
		fi
		echo "install-deps: apt-get failed (attempt $attempt), retrying in 10 s (dpkg lock?)"
		sleep 10
		[ "$attempt" -eq 5 ] && exit 1
	done
fi
command -v npm >/dev/null 2>&1 || { echo "install-deps: npm is missing" >&2; exit 1; }
# both directories at once (mostly waiting on the network: half the time on a clean clone)
pids=""
for dir in web tests; do
	if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
		echo "install-deps: npm ci in $dir/"
		(cd "$dir" && npm ci --no-audit --no-fund --silent) &
		pids="$pids $!"
	fi
done
failed=0
for pid in $pids; do
	wait "$pid" || failed=1
done
[ "$failed" -eq 0 ] || { echo "install-deps: npm ci failed" >&2; exit 1; }
