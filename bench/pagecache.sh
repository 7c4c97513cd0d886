#!/bin/sh
# pagecache.sh: the page cache as visitors meet it (issue 14, point 3): a
# few hundred anonymous requests a second spread over ~1,000 pages (the
# case pages of `ethica dev seed-cases 1000`, the home page, a course and
# a lesson), with the page cache on and off, the p50 and p99 latency and
# the hit rate the workers count (logged when they stop).
# Everything on 127.0.0.1 in a temp dir, stopped and removed on exit.
# Figures go to stdout and are appended to bench/results/pagecache.txt.
#
# Environment: ETHICA_BUILD (default build), BENCH_DURATION (default 20),
# BENCH_ROUNDS (default 3), BENCH_CASES (default 1000), BENCH_CONNS
# (default 8), BENCH_DELAY_MS (default 20).

cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)
BUILD=${ETHICA_BUILD:-build}
case "$BUILD" in
/*)	BIN=$BUILD/ethica ;;
*)	BIN=$ROOT/$BUILD/ethica ;;
esac
ETHICA_SHARE=$ROOT
export ETHICA_SHARE
DUR=${BENCH_DURATION:-20}
ROUNDS=${BENCH_ROUNDS:-3}
NCASES=${BENCH_CASES:-1000}
CONNS=${BENCH_CONNS:-8}
BENCH_DELAY_MS=${BENCH_DELAY_MS:-20}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ethica-bench-pc.XXXXXX") || exit 1
chmod 711 "$TMP"
OUT=$TMP/results.txt
PIDS=""

cleanup()
{
	for p in $PIDS; do
		kill -TERM "$p" 2>/dev/null
	done
	sleep 1
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say()
{
	echo "$*" | tee -a "$OUT"
}

die()
{
	echo "bench: $*" >&2
	exit 1
}

PORT_BASE=8000
. scripts/ports.sh

wait_ok()
{
	i=0
	until [ "$(curl -s -m 1 "$1" 2>/dev/null)" = ok ]; do
		i=$((i + 1))
		[ $i -gt 150 ] && return 1
		sleep 0.1
	done
}

for tool in wrk curl ss awk sqlite3; do
	command -v $tool >/dev/null 2>&1 || die "$tool is not installed"
done
[ -x "$BIN" ] || die "$BIN missing (run make)"

# wrkv LABEL URL: one rate-limited run of visitors.lua; prints
# "REQS P50_MS P99_MS NON2XX".
wrkv()
{
	BENCH_PATHS=$TMP/paths.txt wrk -t2 -c"$CONNS" -d"${DUR}s" --latency \
	    -s "$ROOT/bench/visitors.lua" "$1" 2>&1 | awk '
	    function ms(v,  u) {
		u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
		if (u == "us") return v / 1000
		if (u == "s") return v * 1000
		return v
	    }
	    /Requests\/sec:/ { r = $2 }
	    $1 == "50%" { p50 = ms($2) }
	    $1 == "99%" { p99 = ms($2) }
	    / Non-2xx or 3xx responses: / { bad = $NF }
	    END { printf "%.0f %.2f %.2f %d\n", r, p50, p99, bad }'
}

# hits LOG: "H M" summed over the workers' exit lines.
hits()
{
	awk '/page cache: / { for (i = 1; i <= NF; i++) {
		if ($(i) == "hits,") h += $(i - 1)
		if ($(i) == "misses,") m += $(i - 1) } }
	    END { printf "%d %d\n", h, m }' "$1"
}

: >"$OUT"
say "Ethica page cache benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')," \
    "$(nproc) cores, git $(git rev-parse --short HEAD 2>/dev/null)," \
    "load $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN" demo --data "$TMP/d" >"$TMP/demo.log" 2>&1 ||
    die "ethica demo failed (see $TMP/demo.log)"
"$BIN" dev seed-cases "$NCASES" --data "$TMP/d" >"$TMP/seed.log" 2>&1 ||
    die "seeding failed (see $TMP/seed.log)"
sqlite3 "$TMP/d/ethica.db" "SELECT '/cases/' || slug FROM cases WHERE
    state = 'published' ORDER BY id" >"$TMP/paths.txt"
for p in / /courses/ethics-of-ai \
    /courses/ethics-of-ai/lessons/what-ai-systems-are; do
	echo "$p" >>"$TMP/paths.txt"
done
npaths=$(wc -l <"$TMP/paths.txt")
say "  $npaths pages: $NCASES case pages, the home page, a course page," \
    "a lesson; wrk -t2 -c$CONNS, each connection waiting" \
    "${BENCH_DELAY_MS}ms between requests, ${DUR}s, $ROUNDS rounds"
export BENCH_DELAY_MS

# run NAME ENV: a node, ROUNDS runs, the node stopped; sets R_NAME.
run()
{
	free_port P
	env $2 "$BIN" serve --listen "127.0.0.1:$P" --data "$TMP/d" \
	    --workers 2 >"$TMP/$1.log" 2>&1 &
	pid=$!
	wait_ok "http://127.0.0.1:$P/healthz" || die "node $1 did not start"
	r=1
	while [ $r -le "$ROUNDS" ]; do
		wrkv "http://127.0.0.1:$P" >>"$TMP/runs.$1"
		r=$((r + 1))
	done
	kill -TERM "$pid"
	wait "$pid" 2>/dev/null
	set -- $(hits "$TMP/$1.log")
	hh=$1
	mm=$2
	med=$(sort -n "$TMP/runs.$NAME" | awk -v n="$ROUNDS" \
	    'NR == int((n + 1) / 2) { print }')
}

for NAME in cache-on cache-off; do
	env=""
	[ "$NAME" = cache-off ] && env="ETHICA_PAGE_CACHE=off"
	run "$NAME" "$env"
	set -- $med
	rate=$(awk -v h="$hh" -v m="$mm" 'BEGIN { if (h + m > 0)
	    printf "%.1f %%", 100 * h / (h + m); else print "n/a" }')
	say "$(printf '  %-10s %6s req/s  p50 %6s ms  p99 %7s ms  hit rate %s (%s of %s)%s' \
	    "$NAME" "$1" "$2" "$3" "$rate" "$hh" "$((hh + mm))" \
	    "$([ "$4" -gt 0 ] && echo ", $4 non-2xx")")"
	say "    runs: $(tr '\n' ';' <"$TMP/runs.$NAME")"
done
say "  load after: $(cut -d' ' -f1-3 /proc/loadavg)"

mkdir -p bench/results
{ cat "$OUT"; echo ""; } >>bench/results/pagecache.txt
echo "(appended to bench/results/pagecache.txt)"
