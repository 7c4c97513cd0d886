#!/bin/sh
# chair.sh: the chair's case list at scale (issue 14, point 1), wrk -t2
# -c32 -d10s, three interleaved rounds, median req/s and median p99:
#   1. /chair/calls/1/cases for the demo chair with 1,000 seeded cases
#      (`ethica dev seed-submissions 1000`: 3 reviews each) vs nginx
#      serving the same bytes (2 workers, access_log off): >= 0.3, p99
#      <= 10 ms;
#   2. the same page with 10,000 seeded cases: within 20 % of 1,000.
# Everything on 127.0.0.1 in a temp dir, stopped and removed on exit.
# Figures go to stdout and are appended to bench/results/chair.txt.
#
# Environment: ETHICA_BUILD (default build), BENCH_DURATION (default 10),
# BENCH_ROUNDS (default 3), BENCH_SMALL (default 1000), BENCH_BIG
# (default 10000), BENCH_SEED_BIN (the ethica that seeds; default the
# one that serves).

cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)
BUILD=${ETHICA_BUILD:-build}
case "$BUILD" in
/*)	BIN=$BUILD/ethica ;;
*)	BIN=$ROOT/$BUILD/ethica ;;
esac
SEED_BIN=${BENCH_SEED_BIN:-$BIN}
ETHICA_SHARE=$ROOT
export ETHICA_SHARE
DUR=${BENCH_DURATION:-10}
ROUNDS=${BENCH_ROUNDS:-3}
SMALL=${BENCH_SMALL:-1000}
BIG=${BENCH_BIG:-10000}
EMAIL=chair@demo.ethica.example
PASSWORD=ethica-demo-2026
PAGE=/chair/calls/1/cases
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ethica-bench-chair.XXXXXX") || exit 1
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

PORT_BASE=7000
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

# node NAME PORT DATA: an `ethica serve` node with 2 workers.
node()
{
	"$BIN" serve --listen "127.0.0.1:$2" --data "$3" --workers 2 \
	    >"$TMP/$1.log" 2>&1 &
	PIDS="$PIDS $!"
	wait_ok "http://127.0.0.1:$2/healthz" || die "node $1 did not start" \
	    "(see $TMP/$1.log)"
}

# csrf_of JAR URL: the csrf input of the page at URL.
csrf_of()
{
	curl -s -b "$1" -c "$1" "$2" |
	    sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1
}

# cookie_of JAR: "sid=...; csrf=..." from a curl cookie jar.
cookie_of()
{
	awk '$6 == "sid" || $6 == "csrf" { printf "%s%s=%s", (n++ ? "; " : ""),
	    $6, $7 }' "$1"
}

# signed_in BASE URL COOKIE: 0 when URL answers 200 to the signed-in
# learner (the page offers "Log out").
signed_in()
{
	curl -s -H "Cookie: $3" -w '\n%{http_code}' "$1$2" >"$TMP/check.html"
	[ "$(tail -n 1 "$TMP/check.html")" = 200 ] &&
	    grep -q 'action="/logout"' "$TMP/check.html"
}

# wrk1 URL [COOKIE]: one run; prints "REQS P99_MS NON2XX".
wrk1()
{
	BENCH_COOKIE=$2 wrk -t2 -c32 -d"${DUR}s" --latency \
	    -s "$ROOT/bench/cookie.lua" "$1" 2>&1 | awk '
	    /Requests\/sec:/ { r = $2 }
	    $1 == "99%" {
		v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
		if (u == "us") v = v / 1000; else if (u == "s") v = v * 1000
		p = v
	    }
	    / Non-2xx or 3xx responses: / { bad = $NF }
	    END { printf "%.0f %.2f %d\n", r, p, bad }'
}

# bench LABEL NAME|URL|COOKIE...: ROUNDS interleaved rounds over the
# cases; for case i prints the median req/s and the median p99 and sets
# M_i and P_i.
bench()
{
	label=$1
	shift
	r=1
	while [ $r -le "$ROUNDS" ]; do
		i=0
		for c in "$@"; do
			i=$((i + 1))
			url=$(echo "$c" | cut -d'|' -f2)
			ck=$(echo "$c" | cut -d'|' -f3-)
			wrk1 "$url" "$ck" >>"$TMP/runs.$label.$i"
		done
		r=$((r + 1))
	done
	i=0
	for c in "$@"; do
		i=$((i + 1))
		f=$TMP/runs.$label.$i
		med=$(sort -n "$f" | awk -v n="$ROUNDS" \
		    'NR == int((n + 1) / 2) { print $1 }')
		p99=$(sort -n -k2 "$f" | awk -v n="$ROUNDS" \
		    'NR == int((n + 1) / 2) { print $2 }')
		bad=$(awk '{ s += $3 } END { print s + 0 }' "$f")
		runs=$(awk '{ printf "%s%s", (NR > 1 ? "/" : ""), $1 }' "$f")
		p99s=$(awk '{ printf "%s%s", (NR > 1 ? "/" : ""), $2 }' "$f")
		eval "M_$i=$med; P_$i=$p99"
		say "$(printf '  %-34s %7s req/s  p99 %7s ms  (runs %s; p99 %s%s)' \
		    "$(echo "$c" | cut -d'|' -f1)" "$med" "$p99" "$runs" \
		    "$p99s" "$([ "$bad" -gt 0 ] && echo "; $bad non-2xx")")"
	done
}

ratio()
{
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b;
	    else print "n/a" }'
}

# verdict OK: "met" or "MISSED".
verdict()
{
	[ "$1" = 1 ] && echo met || echo MISSED
}

for tool in wrk nginx curl ss awk; do
	command -v $tool >/dev/null 2>&1 || die "$tool is not installed"
done
[ -x "$BIN" ] || die "$BIN missing (run make)"

# chair BASE JAR: signs the demo chair in.
chair()
{
	rm -f "$2"
	t=$(csrf_of "$2" "$1/login")
	code=$(curl -s -o /dev/null -w '%{http_code}' -b "$2" -c "$2" \
	    -F "csrf=$t" -F "email=$EMAIL" -F "password=$PASSWORD" \
	    "$1/login")
	[ "$code" = 303 ] || die "login on $1 answered $code"
}

: >"$OUT"
say "Ethica chair list benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')," \
    "$(nproc) cores, git $(git rev-parse --short HEAD 2>/dev/null)," \
    "load $(cut -d' ' -f1-3 /proc/loadavg)"
for n in "$SMALL" "$BIG"; do
	"$BIN" demo --data "$TMP/d$n" >"$TMP/demo$n.log" 2>&1 ||
	    die "ethica demo failed (see $TMP/demo$n.log)"
	"$SEED_BIN" dev seed-submissions "$n" --data "$TMP/d$n" \
	    >"$TMP/seed$n.log" 2>&1 ||
	    die "seeding failed (see $TMP/seed$n.log)"
done
free_port PS
free_port PB
node small "$PS" "$TMP/d$SMALL"
node big "$PB" "$TMP/d$BIG"
chair "http://127.0.0.1:$PS" "$TMP/jar.s"
chair "http://127.0.0.1:$PB" "$TMP/jar.b"
CS=$(cookie_of "$TMP/jar.s")
CB=$(cookie_of "$TMP/jar.b")
signed_in "http://127.0.0.1:$PS" "$PAGE" "$CS" || die "chair list not served"
sed '$d' "$TMP/check.html" >"$TMP/page.html"
rows=$(grep -o 'name="id" value=' "$TMP/page.html" | wc -l)

mkdir -p "$TMP/nginx/www" "$TMP/nginx/tmp"
cp "$TMP/page.html" "$TMP/nginx/www/page.html"
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
		location / { try_files /page.html =404; }
	}
}
EOF
nginx -c "$TMP/nginx/nginx.conf" -p "$TMP/nginx" >"$TMP/nginx.log" 2>&1 &
PIDS="$PIDS $!"
sleep 0.5
say "  page $PAGE: $(wc -c <"$TMP/page.html") B, $rows rows shown"
say ""
say "Chair's case list, SQLite, 1 node, 2 workers:"
bench chair "cases ($SMALL seeded)|http://127.0.0.1:$PS$PAGE|$CS" \
    "nginx, same bytes|http://127.0.0.1:$PN/|" \
    "cases ($BIG seeded)|http://127.0.0.1:$PB$PAGE|$CB"
say "  ratio ours/nginx: $(ratio "$M_1" "$M_2") (target >= 0.3), p99" \
    "$P_1 ms (target <= 10)"
say "  $BIG / $SMALL seeded: $(ratio "$M_3" "$M_1") (target >= 0.8)"
say "  load after: $(cut -d' ' -f1-3 /proc/loadavg)"

mkdir -p bench/results
{ cat "$OUT"; echo ""; } >>bench/results/chair.txt
echo "(appended to bench/results/chair.txt)"
