#!/bin/sh
# courses.sh: the speed targets of the courses (issue 4, point 11), in one
# run with wrk -t2 -c32 -d10s, three interleaved rounds per case, median
# req/s and median p99:
#   1. the lesson page for a signed-in learner enrolled in the course vs
#      nginx serving the same bytes (2 workers, access_log off): >= 0.4;
#   2. the catalog /courses with 1,000 seeded courses, plain, with a
#      filter and with a text search: p99 < 20 ms;
#   3. the lesson page and /me with 100,000 learners and 5,000,000
#      progress rows (ethica dev seed) within 20 % of their speed on the
#      small (demo) database: same learner, same course, same progress.
# Everything on 127.0.0.1 in a temp dir, stopped and removed on exit.
# Figures go to stdout and bench/results/courses.txt.
#
# Environment: ETHICA_BUILD (default build), BENCH_DURATION (default 10),
# BENCH_ROUNDS (default 3), BENCH_LEARNERS (default 100000),
# BENCH_PROGRESS (default 5000000), BENCH_COURSES (default 1000),
# BENCH_CACHE (a folder that keeps the seeded database between runs;
# default: seed again every run).

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
LEARNERS=${BENCH_LEARNERS:-100000}
PROGRESS=${BENCH_PROGRESS:-5000000}
COURSES=${BENCH_COURSES:-1000}
EMAIL=learner@demo.ethica.example
PASSWORD=ethica-demo-2026
SLUG=ethics-of-ai
DONE_KEYS="what-ai-systems-are harms-and-benefits human-ai-interaction"
LESSON=/courses/$SLUG/lessons/the-recommendation
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ethica-bench-courses.XXXXXX") || exit 1
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

PORT_BASE=6000
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

# learner BASE JAR: signs the demo learner in, enrols them in SLUG and
# marks DONE_KEYS done (idempotent: the same state on every database).
learner()
{
	rm -f "$2"
	t=$(csrf_of "$2" "$1/login")
	code=$(curl -s -o /dev/null -w '%{http_code}' -b "$2" -c "$2" \
	    -F "csrf=$t" -F "email=$EMAIL" -F "password=$PASSWORD" \
	    "$1/login")
	[ "$code" = 303 ] || die "login on $1 answered $code"
	t=$(csrf_of "$2" "$1/courses/$SLUG")
	code=$(curl -s -o /dev/null -w '%{http_code}' -b "$2" -c "$2" \
	    -F "csrf=$t" "$1/courses/$SLUG/enrol")
	[ "$code" = 303 ] || die "enrol on $1 answered $code"
	for k in $DONE_KEYS; do
		t=$(csrf_of "$2" "$1/courses/$SLUG/lessons/$k")
		code=$(curl -s -o /dev/null -w '%{http_code}' -b "$2" \
		    -c "$2" -F "csrf=$t" "$1/courses/$SLUG/lessons/$k/done")
		[ "$code" = 303 ] || die "lesson done on $1 answered $code"
	done
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

: >"$OUT"
say "Ethica courses benchmark (issue 4, point 11), $(date -u '+%Y-%m-%d %H:%M UTC'),"
REV=$(git rev-parse --short HEAD 2>/dev/null)
say "$(nproc) cores, git ${REV:-unknown}." \
    "wrk -t2 -c32 -d${DUR}s --latency, $ROUNDS interleaved rounds, median."
say "wrk, nginx and both Ethica nodes (2 workers each, SQLite) share the"
say "same cores: the client takes about half the CPU."

# The small database: the demo content only.
"$BIN" demo --data "$TMP/small" >"$TMP/demo-small.log" 2>&1 ||
    die "ethica demo failed (see $TMP/demo-small.log)"

# The big one: the demo, then the seed (kept in BENCH_CACHE when set).
BIG=$TMP/big
if [ -n "$BENCH_CACHE" ]; then
	mkdir -p "$BENCH_CACHE" && chmod 711 "$BENCH_CACHE" ||
	    die "cannot make $BENCH_CACHE"
	BIG=$BENCH_CACHE/courses-$COURSES-$LEARNERS-$PROGRESS
fi
if [ ! -f "$BIG/seeded" ]; then
	rm -rf "$BIG"
	"$BIN" demo --data "$BIG" >"$TMP/demo-big.log" 2>&1 ||
	    die "ethica demo failed (see $TMP/demo-big.log)"
	t0=$(date +%s)
	"$BIN" dev seed --courses "$COURSES" --learners "$LEARNERS" \
	    --progress "$PROGRESS" --data "$BIG" >"$TMP/seed.log" 2>&1 ||
	    die "ethica dev seed failed (see $TMP/seed.log)"
	t1=$(date +%s)
	echo "$((t1 - t0))" >"$BIG/seeded"
fi
say ""
say "Small database: ethica demo (2 courses, 6 accounts)."
say "Big database: ethica demo + ethica dev seed --courses $COURSES" \
    "--learners $LEARNERS --progress $PROGRESS (seeded in $(cat "$BIG/seeded") s" \
    "on SQLite; $(du -m "$BIG/ethica.db" | cut -f1) MB)."

free_port PS
free_port PB
node small "$PS" "$TMP/small"
node big "$PB" "$BIG"
SMALL=http://127.0.0.1:$PS
BIGU=http://127.0.0.1:$PB
learner "$SMALL" "$TMP/jar.small"
learner "$BIGU" "$TMP/jar.big"
CS=$(cookie_of "$TMP/jar.small")
CB=$(cookie_of "$TMP/jar.big")
for u in "$SMALL|$CS" "$BIGU|$CB"; do
	for p in "$LESSON" /me; do
		signed_in "${u%%|*}" "$p" "${u#*|}" ||
		    die "${u%%|*}$p is not a signed-in 200 page"
	done
done
ncourses=$(curl -s "$BIGU/courses" | grep -c 'href="/courses/seed-course-')
[ "$ncourses" -gt 0 ] || die "the big catalog lists no seeded course"

# nginx serving the lesson page's bytes.
mkdir -p "$TMP/nginx/www" "$TMP/nginx/tmp"
curl -s -H "Cookie: $CS" "$SMALL$LESSON" >"$TMP/nginx/www/lesson.html"
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
		location = $LESSON { try_files /lesson.html =404; }
	}
}
EOF
nginx -c "$TMP/nginx/nginx.conf" -p "$TMP/nginx" >"$TMP/nginx.log" 2>&1 &
PIDS="$PIDS $!"
sleep 0.5
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PN$LESSON")" = 200 ] ||
    die "nginx did not start (see $TMP/nginx.log)"
NGINX=http://127.0.0.1:$PN

say ""
say "Cases: lesson $LESSON ($(wc -c <"$TMP/nginx/www/lesson.html") B) and /me"
say "for $EMAIL, enrolled in $SLUG with 3 lessons done;"
say "catalog on the big database ($(sqlite3 "$BIG/ethica.db" \
    'SELECT COUNT(*) FROM courses WHERE version > 0' 2>/dev/null || echo '?') courses)."
bench all \
    "nginx lesson (same bytes)|$NGINX$LESSON|" \
    "lesson, small db|$SMALL$LESSON|$CS" \
    "lesson, big db|$BIGU$LESSON|$CB" \
    "/me, small db|$SMALL/me|$CS" \
    "/me, big db|$BIGU/me|$CB" \
    "/courses, big db|$BIGU/courses|" \
    "/courses?principle=fairness|$BIGU/courses?principle=fairness|" \
    "/courses?q=health|$BIGU/courses?q=health|"
for u in "$SMALL|$CS" "$BIGU|$CB"; do
	signed_in "${u%%|*}" "$LESSON" "${u#*|}" ||
	    die "the session on ${u%%|*} ended during the run"
done

r1=$(ratio "$M_2" "$M_1")
rl=$(ratio "$M_3" "$M_2")
rm=$(ratio "$M_5" "$M_4")
ok1=$(awk -v r="$r1" 'BEGIN { print (r >= 0.4) }')
okl=$(awk -v r="$rl" 'BEGIN { print (r >= 0.8) }')
okm=$(awk -v r="$rm" 'BEGIN { print (r >= 0.8) }')
okc=$(awk -v a="$P_6" -v b="$P_7" -v c="$P_8" \
    'BEGIN { print (a < 20 && b < 20 && c < 20) }')
say ""
say "1. lesson (small db) / nginx: $r1 (target >= 0.4: $(verdict "$ok1"))"
say "2. catalog p99: $P_6 / $P_7 / $P_8 ms (target < 20 ms: $(verdict "$okc"))"
say "3. big / small db: lesson $rl, /me $rm (target >= 0.8:" \
    "$(verdict "$okl"), $(verdict "$okm"))"

# Keep the written analysis (from its heading on) under the new figures.
mkdir -p bench/results
[ -f bench/results/courses.txt ] && { echo ""; sed -n '/^Analysis (/,$p' \
    bench/results/courses.txt; } >>"$OUT"
cp "$OUT" bench/results/courses.txt
echo "(written to bench/results/courses.txt)"
