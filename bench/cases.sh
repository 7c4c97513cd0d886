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

cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)
BIN=$ROOT/${ETHICA_BUILD:-build}/ethica
ETHICA_SHARE=$ROOT
export ETHICA_SHARE
DUR=${BENCH_DURATION:-10}
ROUNDS=${BENCH_ROUNDS:-3}
NCASES=${BENCH_CASES:-100000}
CASE=/cases/amsterdam-algorithm-register
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ethica-bench-cases.XXXXXX") || exit 1
chmod 711 "$TMP"
OUT=$TMP/results.txt
PIDS=""

# Stops what this script started: the servers, then (seen once: a Kore
# parent and worker left spinning after SIGTERM) anything of theirs still
# alive after 3 s, by the worker pids Kore logged.
cleanup()
{
	for p in $PIDS; do
		kill -TERM "$p" 2>/dev/null
	done
	WPIDS=$(sed -n 's/.*worker [0-9]* started.*pid#\([0-9]*\)).*/\1/p' \
	    "$TMP/serve.log" 2>/dev/null)
	i=0
	while [ $i -lt 30 ]; do
		alive=""
		for p in $PIDS $WPIDS; do
			kill -0 "$p" 2>/dev/null && alive=1
		done
		[ -z "$alive" ] && break
		sleep 0.1
		i=$((i + 1))
	done
	for p in $PIDS $WPIDS; do
		kill -KILL "$p" 2>/dev/null
	done
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

PORT_BASE=3000
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

for tool in wrk nginx curl ss; do
	command -v $tool >/dev/null 2>&1 || die "$tool missing"
done
[ -x "$BIN" ] || die "$BIN missing: run make"

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
	"$BIN" serve --listen "127.0.0.1:$PE" --data "$DATA" --workers 2 \
	    >>"$TMP/serve.log" 2>&1 &
	SERVE_PID=$!
	PIDS="$PIDS $!"
	wait_ok "http://127.0.0.1:$PE/healthz" || die "ethica did not start"
}
serve
ETH=http://127.0.0.1:$PE

mkdir -p "$TMP/nginx/www" "$TMP/nginx/tmp"
curl -s "$ETH$CASE" >"$TMP/nginx/www/case.html"
free_port PN
cat >"$TMP/nginx/nginx.conf" <<NGX
worker_processes 2;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log;
daemon off;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	keepalive_requests 1000000;
	client_body_temp_path $TMP/nginx/tmp;
	proxy_temp_path $TMP/nginx/tmp;
	fastcgi_temp_path $TMP/nginx/tmp;
	uwsgi_temp_path $TMP/nginx/tmp;
	scgi_temp_path $TMP/nginx/tmp;
	default_type text/html;
	server {
		listen 127.0.0.1:$PN;
		root $TMP/nginx/www;
		location = $CASE { try_files /case.html =404; }
	}
}
NGX
nginx -c "$TMP/nginx/nginx.conf" -p "$TMP/nginx" >"$TMP/nginx.log" 2>&1 &
PIDS="$PIDS $!"
sleep 0.5

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
    "nginx req/s$N_RPS; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# The case page again with the page cache off: every page rendered.
kill -TERM "$SERVE_PID" 2>/dev/null
wait "$SERVE_PID" 2>/dev/null
export ETHICA_PAGE_CACHE=off
serve
curl -s -o /dev/null "$ETH$CASE"
rounds
say "3. case page with the page cache off (ETHICA_PAGE_CACHE=off): ethica" \
    "$e_rps req/s, nginx $n_rps req/s, ratio $ratio"
say "   rounds: case page req/s$E_RPS; nginx req/s$N_RPS"
mkdir -p bench/results
cp "$OUT" bench/results/cases.txt
