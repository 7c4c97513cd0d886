#!/bin/sh
# pagecpu.sh: what the catalog and the library's search cost, in CPU per
# request, which a loaded host shifts far less than req/s (issue 14: the
# catalog /courses and /cases with a word and two facets at >= 0.5 of
# nginx). One database (ethica demo, BENCH_CASES generated cases, 1,000
# seeded courses), two nodes of 2 workers on it: the page cache on and
# off (every page rendered); nginx serving the same bytes. For each page,
# ROUNDS interleaved wrk runs (-t1 -c4 -dDUR), and the CPU the workers
# (or nginx's workers) used per request, read from /proc around each run;
# medians. /cases cycles through bench/cases.lua's searches (two facets,
# a word in every third); nginx serves one of them.
# Figures go to stdout and bench/results/pagecpu.txt.
#
# Environment: see bench/lib.sh; BENCH_CASES (default 20000).

PORT_BASE=5000
. "$(dirname "$0")/lib.sh"
bench_init pagecpu
NCASES=${BENCH_CASES:-20000}
ONE='/cases?category=tools-applications&principle=fairness&q=register'

need wrk nginx curl ss awk

cpu()
{
	for p in "$@"; do
		cat "/proc/$p/stat" 2>/dev/null
	done | awk '{ sub(/.*\) /, ""); t += $12 + $13 } END { print t + 0 }'
}

# cost URL "PIDS" [LUA]: one wrk run; prints req/s and the CPU the
# processes used per request in microseconds.
cost()
{
	c0=$(cpu $2)
	if [ -n "${3:-}" ]; then
		wrk -t1 -c4 -d"${DUR}s" -s "$3" "$1" >"$TMP/wrk.txt" 2>&1
	else
		wrk -t1 -c4 -d"${DUR}s" "$1" >"$TMP/wrk.txt" 2>&1
	fi
	c1=$(cpu $2)
	awk -v c="$((c1 - c0))" -v d="$DUR" -v t="$(getconf CLK_TCK)" \
	    '/^Requests\/sec/ { r = $2 } END { if (r > 0)
		printf "%.0f %.0f\n", r, c / t * 1e6 / (r * d)
	    else print "0 n/a" }' "$TMP/wrk.txt"
}

median()
{
	tr ' ' '\n' | grep -v '^$' | sort -n |
	    awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

header "Ethica catalog and library search, CPU per request,"
demo "$TMP/d"
"$BIN" dev seed-cases "$NCASES" --data "$TMP/d" >"$TMP/seed.log" 2>&1 ||
    die "dev seed-cases failed (see $TMP/seed.log)"
"$BIN" dev seed --courses 1000 --learners 10 --progress 10 --data "$TMP/d" \
    >>"$TMP/seed.log" 2>&1 || die "dev seed failed (see $TMP/seed.log)"
free_port PC
node on "$PC" "$TMP/d"
ON_PID=$NODE_PID
ON=http://127.0.0.1:$PC
ETHICA_PAGE_CACHE=off
export ETHICA_PAGE_CACHE
free_port PO
node off "$PO" "$TMP/d"
unset ETHICA_PAGE_CACHE
OFF=http://127.0.0.1:$PO
WON=$(workers_of on)
WOFF=$(workers_of off)
mkdir -p "$TMP/nginx/www"
curl -s "$ON/courses" >"$TMP/nginx/www/courses.html"
curl -s "$ON$ONE" >"$TMP/nginx/www/cases.html"
nginx_start "courses.html=/courses" "cases.html=/cases"
WNG=$(pgrep -P "$(cat "$TMP/nginx/nginx.pid")" | tr '\n' ' ')
# Warm-up, not measured: each worker builds its search index once.
wrk -t1 -c4 -d3s -s "$ROOT/bench/cases.lua" "$ON/cases" >/dev/null 2>&1
wrk -t1 -c4 -d3s -s "$ROOT/bench/cases.lua" "$OFF/cases" >/dev/null 2>&1
say "wrk -t1 -c4 -d${DUR}s, $ROUNDS interleaved rounds, median; $NCASES cases,"
say "1,000 seeded courses; /courses $(wc -c <"$TMP/nginx/www/courses.html") B," \
    "$ONE $(wc -c <"$TMP/nginx/www/cases.html") B"
for page in courses cases; do
	lua=""
	[ "$page" = cases ] && lua=$ROOT/bench/cases.lua
	RON="" RCON="" ROFF="" RCOFF="" RNG="" RCNG=""
	r=0
	while [ $r -lt "$ROUNDS" ]; do
		set -- $(cost "$ON/$page" "$WON" "$lua")
		RON="$RON $1" RCON="$RCON $2"
		set -- $(cost "$OFF/$page" "$WOFF" "$lua")
		ROFF="$ROFF $1" RCOFF="$RCOFF $2"
		set -- $(cost "$NGINX/$page" "$WNG")
		RNG="$RNG $1" RCNG="$RCNG $2"
		r=$((r + 1))
	done
	con=$(echo $RCON | median)
	coff=$(echo $RCOFF | median)
	cng=$(echo $RCNG | median)
	say "  /$page: page cache on $(echo $RON | median) req/s, $con us/request" \
	    "(rounds$RCON); off $(echo $ROFF | median) req/s, $coff us" \
	    "(rounds$RCOFF); nginx $(echo $RNG | median) req/s, $cng us" \
	    "(rounds$RCNG)"
	say "    nginx's CPU / ours: cached $(ratio "$cng" "$con")," \
	    "rendered $(ratio "$cng" "$coff")"
done
say "  (load average $(load))"
# What the cached node's workers found in their page cache (hits,
# misses), as they log it when they stop.
node_stop "$ON_PID"
say "  cached node: $(grep -o 'page cache: [0-9]* hits, [0-9]* misses' \
    "$TMP/on.log" | tr '\n' ';')"
keep pagecpu
