#!/bin/sh
# run.sh: `make bench` (not part of `make test`). wrk -t2 -c32 -d10s, three
# interleaved rounds per case, median req/s and p99 latency:
#   A. our home and login pages vs nginx serving the same bytes from a
#      file (2 workers, access_log off, sendfile), with the ratio ours/nginx;
#      then the home page again with the page cache off (every page
#      rendered), which B and C use too;
#   B. the home page (and the lesson page when `ethica demo` made it) on
#      SQLite vs PostgreSQL, one node;
#   C. one node vs two nodes behind HAProxy (PostgreSQL).
# Everything on 127.0.0.1 in a temp dir, stopped and removed on exit.
# Figures go to stdout and bench/results/latest.txt.
#
# Environment: ETHICA_BUILD (default build), BENCH_DURATION (default 10),
# BENCH_ROUNDS (default 3), BENCH_ONLY=A (part A only, for quick checks).

cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)
BUILD=${ETHICA_BUILD:-build}
case "$BUILD" in
/*)	BIN=$BUILD/ethica ;;
*)	BIN=$ROOT/$BUILD/ethica ;;
esac
ETHICA_SHARE=$ROOT
export ETHICA_SHARE
DUR=${BENCH_DURATION:-10}
ROUNDS=${BENCH_ROUNDS:-3}
LESSON=/courses/ethics-of-ai/lessons/what-ai-systems-are
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ethica-bench.XXXXXX") || exit 1
chmod 711 "$TMP"
OUT=$TMP/results.txt
PIDS=""
PG_STARTED=0

cleanup()
{
	for p in $PIDS; do
		kill -TERM "$p" 2>/dev/null
	done
	sleep 1
	[ "$PG_STARTED" = 1 ] &&
	    sh scripts/pg-temp.sh stop "$TMP/pg" >/dev/null 2>&1
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

PORT_BASE=9000
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

# node NAME PORT DB: an `ethica serve` node with 2 workers.
node()
{
	mkdir -p "$TMP/$1"
	"$BIN" serve --listen "127.0.0.1:$2" --data "$TMP/$1" --db "$3" \
	    --workers 2 >"$TMP/$1.log" 2>&1 &
	PIDS="$PIDS $!"
	wait_ok "http://127.0.0.1:$2/healthz" || die "node $1 did not start" \
	    "(see $TMP/$1.log)"
}

# wrk1 URL: one run; prints "REQS P99_MS".
wrk1()
{
	wrk -t2 -c32 -d"${DUR}s" --latency "$1" 2>&1 | awk '
	    /Requests\/sec:/ { r = $2 }
	    $1 == "99%" {
		v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
		if (u == "us") v = v / 1000; else if (u == "s") v = v * 1000
		p = v
	    }
	    / Non-2xx or 3xx responses: / { bad = $NF }
	    END { printf "%.0f %.2f %d\n", r, p, bad }'
}

# bench LABEL NAME=URL...: ROUNDS interleaved rounds over the URLs; for
# each prints the median req/s and p99 and stores them in M_<i>, P_<i>.
bench()
{
	label=$1
	shift
	r=1
	while [ $r -le "$ROUNDS" ]; do
		i=0
		for u in "$@"; do
			i=$((i + 1))
			wrk1 "${u#*=}" >>"$TMP/runs.$label.$i"
		done
		r=$((r + 1))
	done
	i=0
	for u in "$@"; do
		i=$((i + 1))
		med=$(sort -n "$TMP/runs.$label.$i" | awk -v n="$ROUNDS" \
		    'NR == int((n + 1) / 2) { print $1 }')
		p99=$(sort -n -k2 "$TMP/runs.$label.$i" | awk -v n="$ROUNDS" \
		    'NR == int((n + 1) / 2) { print $2 }')
		bad=$(awk '{ s += $3 } END { print s + 0 }' \
		    "$TMP/runs.$label.$i")
		runs=$(awk '{ printf "%s%s", (NR > 1 ? "/" : ""), $1 }' \
		    "$TMP/runs.$label.$i")
		eval "M_$i=$med; P_$i=$p99"
		say "$(printf '  %-44s %8s req/s  p99 %8s ms  (runs %s%s)' \
		    "${u%%=*} $(echo "${u#*=}" | sed 's,http://127.0.0.1:[0-9]*,,')" \
		    "$med" \
		    "$p99" "$runs" "$([ "$bad" -gt 0 ] && echo ", $bad non-2xx")")"
	done
}

ratio()
{
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b;
	    else print "n/a" }'
}

for tool in wrk nginx haproxy curl psql ss; do
	command -v $tool >/dev/null 2>&1 || die "$tool is not installed"
done
[ -x "$BIN" ] || die "$BIN missing (run make)"

: >"$OUT"
say "Ethica benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
    "git $(git rev-parse --short HEAD 2>/dev/null)"
say "wrk -t2 -c32 -d${DUR}s, $ROUNDS interleaved rounds, median. wrk, nginx,"
say "HAProxy, PostgreSQL and every Ethica node share the same $(nproc) cores:"
say "the client takes about half the CPU, so these are lower bounds."

# SQLite node with the demo content.
"$BIN" demo --data "$TMP/lite" >"$TMP/demo.log" 2>&1 ||
    die "ethica demo failed (see $TMP/demo.log)"
free_port PL
node lite "$PL" "$TMP/lite/ethica.db"
LITE_PID=${PIDS##* }
LITE=http://127.0.0.1:$PL

# nginx serving the same bytes.
mkdir -p "$TMP/nginx/www" "$TMP/nginx/tmp"
curl -s "$LITE/" >"$TMP/nginx/www/home.html"
curl -s "$LITE/login" >"$TMP/nginx/www/login.html"
free_port PN
cat >"$TMP/nginx/nginx.conf" <<EOF
worker_processes 2;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log;
daemon off;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
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
		location = / { try_files /home.html =404; }
		location = /login { try_files /login.html =404; }
	}
}
EOF
nginx -c "$TMP/nginx/nginx.conf" -p "$TMP/nginx" >"$TMP/nginx.log" 2>&1 &
PIDS="$PIDS $!"
sleep 0.5
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PN/")" = 200 ] ||
    die "nginx did not start (see $TMP/nginx.log)"
say ""
say "A. Ethica (SQLite, 1 node, 2 workers) vs nginx (2 workers), same bytes:"
say "   home $(wc -c <"$TMP/nginx/www/home.html") B," \
    "login $(wc -c <"$TMP/nginx/www/login.html") B"
bench a "ethica=$LITE/" "nginx=http://127.0.0.1:$PN/" "ethica=$LITE/login" \
    "nginx=http://127.0.0.1:$PN/login"
say "  ratio ours/nginx: home $(ratio "$M_1" "$M_2") (target >= 0.5)," \
    "login $(ratio "$M_3" "$M_4")"

# The same node with its page cache off: every home page rendered. Parts
# B and C use this node too, so that SQLite and PostgreSQL (which never
# reuses pages) are compared on the same work.
kill -TERM "$LITE_PID" 2>/dev/null
wait "$LITE_PID" 2>/dev/null
export ETHICA_PAGE_CACHE=off
node lite "$PL" "$TMP/lite/ethica.db"
say "A'. The same with the page cache off (ETHICA_PAGE_CACHE=off):"
bench a2 "ethica, rendered=$LITE/" "nginx=http://127.0.0.1:$PN/"
say "  ratio ours/nginx: home $(ratio "$M_1" "$M_2")"
[ "${BENCH_ONLY:-}" = A ] && exit 0

# PostgreSQL: the same demo content, one node, then two behind HAProxy.
URL=$(sh scripts/pg-temp.sh start "$TMP/pg") || die "PostgreSQL did not start"
PG_STARTED=1
DB=$(sh scripts/pg-temp.sh newdb "$TMP/pg" bench)
"$BIN" demo --data "$TMP/pg1" --db "$DB" >"$TMP/demo-pg.log" 2>&1 ||
    die "ethica demo on PostgreSQL failed"
free_port P1
free_port P2
free_port HP
node pg1 "$P1" "$DB"
node pg2 "$P2" "$DB"
cat >"$TMP/haproxy.cfg" <<EOF
global
	maxconn 4096
	nbthread 1
defaults
	mode http
	timeout connect 1s
	timeout client 30s
	timeout server 10s
	retries 3
	option redispatch 1
	retry-on conn-failure empty-response response-timeout
	http-reuse always
frontend www
	bind 127.0.0.1:$HP
	default_backend nodes
backend nodes
	balance roundrobin
	option httpchk GET /healthz HTTP/1.1
	http-check send hdr Host 127.0.0.1
	server n1 127.0.0.1:$P1 check
	server n2 127.0.0.1:$P2 check
EOF
haproxy -db -f "$TMP/haproxy.cfg" >"$TMP/haproxy.log" 2>&1 &
PIDS="$PIDS $!"
i=0
until [ "$(curl -s -m 1 "http://127.0.0.1:$HP/healthz")" = ok ]; do
	i=$((i + 1))
	[ $i -gt 100 ] && die "haproxy did not start"
	sleep 0.1
done
sleep 1

say ""
say "B. SQLite vs PostgreSQL, one node (2 workers each):"
set -- "sqlite=$LITE/" "postgresql=http://127.0.0.1:$P1/"
lesson=$(curl -s -o /dev/null -w '%{http_code}' "$LITE$LESSON")
[ "$lesson" = 200 ] && set -- "$@" "sqlite=$LITE$LESSON" \
    "postgresql=http://127.0.0.1:$P1$LESSON"
bench b "$@"
say "  PostgreSQL/SQLite home: $(ratio "$M_2" "$M_1")"
[ "$lesson" = 200 ] && say "  PostgreSQL/SQLite lesson: $(ratio "$M_4" "$M_3")"
[ "$lesson" = 200 ] || say "  (no lesson page yet: $LESSON answered $lesson)"

say ""
say "C. PostgreSQL: one node vs two nodes behind HAProxy (2 workers each):"
set -- "1-node=http://127.0.0.1:$P1/" "2-nodes+haproxy=http://127.0.0.1:$HP/"
[ "$lesson" = 200 ] && set -- "$@" "1-node=http://127.0.0.1:$P1$LESSON" \
    "2-nodes+haproxy=http://127.0.0.1:$HP$LESSON"
bench c "$@"
say "  two nodes + HAProxy / one node, home: $(ratio "$M_2" "$M_1")"
say "  (2 cores: two nodes and HAProxy compete with wrk for the same CPUs;"
say "  more nodes add capacity only on more machines or cores.)"

mkdir -p bench/results
cp "$OUT" bench/results/latest.txt
echo "(written to bench/results/latest.txt)"
sh bench/courses.sh || echo "bench: courses.sh failed" >&2
