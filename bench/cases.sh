#!/bin/sh
# cases.sh: the speed targets of the case library (issue 7, point 8), with
# wrk -t2 -c32 -d10s, three interleaved rounds, median req/s and p99:
#   1. with 100,000 generated cases (ethica dev seed-cases), /cases searches
#      with two facets (bench/cases.lua varies the pair, every third with
#      a word): p99 < 30 ms;
#   2. a case page vs nginx serving the same bytes (2 workers, access_log
#      off): ratio >= 0.4;
#   3. the same with the page cache off (every page rendered).
# Everything on 127.0.0.1 in a temp dir, stopped and removed on exit.
# Figures go to stdout and bench/results/cases.txt.
#
# Environment: ETHICA_BUILD (default build), BENCH_DURATION (default 10),
# BENCH_ROUNDS (default 3), BENCH_CASES (default 100000), BENCH_CACHE (a
# folder that keeps the seeded data between runs; default: seed again).

PORT_BASE=3000
. "$(dirname "$0")/lib.sh"
bench_init cases
NCASES=${BENCH_CASES:-100000}
CASE=/cases/amsterdam-algorithm-register

# run URL [LUA]: one wrk run; prints "req/s p99_ms".
run()
{
	if [ -n "$2" ]; then
		wrk -t2 -c32 -d"${DUR}s" --latency -s "$2" "$1" >"$TMP/wrk.txt" 2>&1
	else
		wrk -t2 -c32 -d"${DUR}s" --latency "$1" >"$TMP/wrk.txt" 2>&1
	fi
	rps=$(awk '/^Requests\/sec/ { print $2 }' "$TMP/wrk.txt")
	p99=$(awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u);
	    sub(/[a-z]+$/, "", v); if (u == "us") v /= 1000;
	    else if (u == "s") v *= 1000; print v }' "$TMP/wrk.txt")
	echo "${rps:-0} ${p99:-0}"
}

median()
{
	tr ' ' '\n' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

need wrk nginx curl ss

DATA=${BENCH_CACHE:-$TMP/data}
mkdir -p "$DATA"
"$BIN" demo --data "$DATA" >"$TMP/demo.log" 2>&1 || true
if [ ! -f "$DATA/seeded-$NCASES" ]; then
	"$BIN" dev seed-cases "$NCASES" --data "$DATA" >"$TMP/seed.log" 2>&1 ||
	    die "dev seed-cases failed (see $TMP/seed.log)"
	touch "$DATA/seeded-$NCASES"
fi
free_port PE
# serve: the node on DATA (2 workers); SERVE_PID is its pid.
serve()
{
	node serve "$PE" "$DATA"
	SERVE_PID=$NODE_PID
}
serve
ETH=http://127.0.0.1:$PE

mkdir -p "$TMP/nginx/www"
curl -s "$ETH$CASE" >"$TMP/nginx/www/case.html"
nginx_start "case.html=$CASE"
PN=$NGINX_PORT

# Warm-up, not measured: each worker loads the search index on its first
# search (about 1 s for 100,000 cases, again after each publish) and runs
# the full-text query of a new word once per library version.
wrk -t2 -c32 -d3s -s "$ROOT/bench/cases.lua" "$ETH/cases" >/dev/null 2>&1
say "wrk -t2 -c32 -d${DUR}s, $ROUNDS rounds, median; $NCASES generated cases" \
    "plus the sample library (SQLite, 2 workers)"

# rounds [search]: ROUNDS interleaved rounds of the case page and nginx
# (each after a search run when asked); medians in s_rps, s_p99, e_rps,
# n_rps and ratio, each round's figures in S_RPS, S_P99, E_RPS, N_RPS.
rounds()
{
	S_RPS="" S_P99="" E_RPS="" N_RPS=""
	r=0
	while [ $r -lt "$ROUNDS" ]; do
		if [ "${1:-}" = search ]; then
			out=$(run "$ETH/cases" "$ROOT/bench/cases.lua")
			S_RPS="$S_RPS ${out% *}"; S_P99="$S_P99 ${out#* }"
		fi
		out=$(run "$ETH$CASE")
		E_RPS="$E_RPS ${out% *}"
		out=$(run "http://127.0.0.1:$PN$CASE")
		N_RPS="$N_RPS ${out% *}"
		r=$((r + 1))
	done
	s_rps=$(echo $S_RPS | median)
	s_p99=$(echo $S_P99 | median)
	e_rps=$(echo $E_RPS | median)
	n_rps=$(echo $N_RPS | median)
	ratio=$(awk "BEGIN { printf \"%.2f\", $e_rps / $n_rps }")
}

rounds search
say "1. /cases with two facets: $s_rps req/s, p99 $s_p99 ms (target < 30 ms)"
say "2. case page $(wc -c <"$TMP/nginx/www/case.html") B: ethica $e_rps req/s," \
    "nginx $n_rps req/s, ratio $ratio (target >= 0.4)"
say "   rounds: /cases req/s$S_RPS; p99 ms$S_P99; case page req/s$E_RPS;" \
    "nginx req/s$N_RPS; load average $(load)"
rs=$(ratio "$s_rps" "$n_rps")
row "/cases, two facets (a word in every third), $NCASES cases" \
    "$rs of nginx's case page ($s_rps req/s, p99 $s_p99 ms)" ">= 0.5" \
    "$(awk -v r="$rs" 'BEGIN { print (r >= 0.5) }')"

# The case page again with the page cache off: every page rendered.
node_stop "$SERVE_PID"
export ETHICA_PAGE_CACHE=off
serve
curl -s -o /dev/null "$ETH$CASE"
rounds
say "3. case page with the page cache off (ETHICA_PAGE_CACHE=off): ethica" \
    "$e_rps req/s, nginx $n_rps req/s, ratio $ratio"
say "   rounds: case page req/s$E_RPS; nginx req/s$N_RPS"
keep cases
