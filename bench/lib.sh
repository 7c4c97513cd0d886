# lib.sh: what every bench script shares (sourced, not run): the build to
# run, the temp dir and its cleanup, Ethica nodes, nginx serving saved
# bytes, a temporary PostgreSQL, wrk runs in interleaved rounds, signing
# in, and the result rows `make bench` (bench/run.sh) gathers.
#
# A script sets PORT_BASE (its own place in the port range), then:
#	. "$(dirname "$0")/lib.sh"
#	bench_init NAME		# temp dir, traps, BIN, DUR, ROUNDS, OUT
# and afterwards uses the functions below. Everything it starts with them
# is stopped, and the temp dir removed, when it exits.
#
# Environment: ETHICA_BUILD (default build), BENCH_DURATION (default 10),
# BENCH_ROUNDS (default 3), BENCH_ROWS (set by run.sh: the file each
# `row` is appended to).

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
DEMO_PASSWORD=ethica-demo-2026
PIDS=""
PG_DIRS=""
LOGS=""
. "$ROOT/scripts/ports.sh"

# bench_init NAME: makes the temp dir TMP (OUT is its results file) and
# sets the traps that clean up.
bench_init()
{
	BENCH_NAME=$1
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/ethica-bench-$1.XXXXXX") || exit 1
	chmod 711 "$TMP"
	OUT=$TMP/results.txt
	: >"$OUT"
	trap bench_cleanup EXIT
	trap 'exit 130' INT TERM
}

# bench_cleanup: stops what was started (servers by pid, then, after up to
# 3 s, anything of theirs still alive, Kore's workers by the pids their
# logs name: once a Kore parent and worker were seen spinning after
# SIGTERM), stops the PostgreSQL clusters and removes TMP.
bench_cleanup()
{
	for p in $PIDS; do
		kill -TERM "$p" 2>/dev/null
	done
	WPIDS=""
	for l in $LOGS; do
		WPIDS="$WPIDS $(sed -n \
		    's/.*worker [0-9]* started.*pid#\([0-9]*\)).*/\1/p' \
		    "$l" 2>/dev/null)"
	done
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
	for d in $PG_DIRS; do
		sh "$ROOT/scripts/pg-temp.sh" stop "$d" >/dev/null 2>&1
	done
	[ -n "$TMP" ] && rm -rf "$TMP"
}

# say TEXT...: prints a line and keeps it in OUT.
say()
{
	echo "$*" | tee -a "$OUT"
}

# die TEXT...: gives up.
die()
{
	echo "bench: $*" >&2
	exit 1
}

# need TOOL...: dies unless each tool is installed and BIN is built.
need()
{
	for tool in "$@"; do
		command -v "$tool" >/dev/null 2>&1 ||
		    die "$tool is not installed"
	done
	[ -x "$BIN" ] || die "$BIN missing (run make)"
}

# load: the load average, for beside a figure.
load()
{
	cut -d' ' -f1-3 /proc/loadavg
}

# header TEXT...: the run's first lines: what, when, where, which build.
header()
{
	say "$* $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
	    "git $(git rev-parse --short HEAD 2>/dev/null || echo unknown)," \
	    "load $(load)."
}

# wait_ok URL: waits up to 15 s for URL to answer "ok".
wait_ok()
{
	i=0
	until [ "$(curl -s -m 1 "$1" 2>/dev/null)" = ok ]; do
		i=$((i + 1))
		[ $i -gt 150 ] && return 1
		sleep 0.1
	done
}

# node NAME PORT DATA [DB]: an `ethica serve` node with 2 workers on
# 127.0.0.1:PORT (DB: a database URL or file other than DATA's); NODE_PID
# is its pid, its log TMP/NAME.log.
node()
{
	mkdir -p "$3"
	if [ -n "${4:-}" ]; then
		"$BIN" serve --listen "127.0.0.1:$2" --data "$3" --db "$4" \
		    --workers 2 >>"$TMP/$1.log" 2>&1 &
	else
		"$BIN" serve --listen "127.0.0.1:$2" --data "$3" --workers 2 \
		    >>"$TMP/$1.log" 2>&1 &
	fi
	NODE_PID=$!
	PIDS="$PIDS $!"
	LOGS="$LOGS $TMP/$1.log"
	wait_ok "http://127.0.0.1:$2/healthz" || die "node $1 did not start" \
	    "(see $TMP/$1.log)"
}

# node_stop PID: stops one node and waits for it.
node_stop()
{
	kill -TERM "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}

# workers_of NAME: the pids of node NAME's Kore workers (from its log).
workers_of()
{
	sed -n 's/.*worker [0-9]* started.*pid#\([0-9]*\)).*/\1/p' \
	    "$TMP/$1.log" | tr '\n' ' '
}

# demo DATA [DB]: `ethica demo` into DATA (and DB).
demo()
{
	if [ -n "${2:-}" ]; then
		"$BIN" demo --data "$1" --db "$2" >>"$TMP/demo.log" 2>&1
	else
		"$BIN" demo --data "$1" >>"$TMP/demo.log" 2>&1
	fi || die "ethica demo failed (see $TMP/demo.log)"
}

# pg_start NAME [durable]: a temporary PostgreSQL cluster under TMP/NAME
# (scripts/pg-temp.sh: fsync off; with "durable" restarted with fsync,
# synchronous_commit and full_page_writes on, as in production) and a new
# database in it; PG_URL is that database's URL.
pg_start()
{
	pgd=$TMP/$1
	PG_DIRS="$PG_DIRS $pgd"
	sh "$ROOT/scripts/pg-temp.sh" start "$pgd" >/dev/null ||
	    die "PostgreSQL did not start"
	if [ "${2:-}" = durable ]; then
		sh "$ROOT/scripts/pg-temp.sh" halt "$pgd" ||
		    die "PostgreSQL did not stop"
		set -- "${PGBIN:-/usr/lib/postgresql/15/bin}/pg_ctl" \
		    -D "$pgd/data" -l "$pgd/log" -w -t 20 -o "-p \
		    $(cat "$pgd/port") -k $pgd -c listen_addresses=127.0.0.1 \
		    -c fsync=on -c synchronous_commit=on \
		    -c full_page_writes=on" start
		if [ "$(id -u)" = 0 ]; then
			runuser -u postgres -- "$@" >/dev/null
		else
			"$@" >/dev/null
		fi || die "PostgreSQL did not start with fsync on"
	fi
	PG_URL=$(sh "$ROOT/scripts/pg-temp.sh" newdb "$pgd" bench) ||
	    die "no database in PostgreSQL"
}

# nginx_start FILE=LOCATION...: nginx (2 workers, access_log off,
# sendfile) serving each saved FILE (under TMP/nginx/www) at LOCATION;
# NGINX is its base URL.
nginx_start()
{
	# NGINX_HTTP_EXTRA: more directives for the http block (gzip).
	mkdir -p "$TMP/nginx/www" "$TMP/nginx/tmp"
	free_port NGINX_PORT
	locs=""
	for a in "$@"; do
		locs="$locs
		location = ${a#*=} { try_files /${a%%=*} =404; }"
	done
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
	${NGINX_HTTP_EXTRA:-}
	server {
		listen 127.0.0.1:$NGINX_PORT;
		root $TMP/nginx/www;$locs
	}
}
EOF
	nginx -c "$TMP/nginx/nginx.conf" -p "$TMP/nginx" >"$TMP/nginx.log" \
	    2>&1 &
	PIDS="$PIDS $!"
	NGINX=http://127.0.0.1:$NGINX_PORT
	first=${1#*=}
	i=0
	until [ "$(curl -s -o /dev/null -w '%{http_code}' "$NGINX$first")" \
	    = 200 ]; do
		i=$((i + 1))
		[ $i -gt 50 ] && die "nginx did not start (see $TMP/nginx.log)"
		sleep 0.1
	done
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

# sign_in BASE JAR EMAIL [PASSWORD]: signs in (the demo password by
# default) into the cookie jar JAR.
sign_in()
{
	rm -f "$2"
	t=$(csrf_of "$2" "$1/login")
	code=$(curl -s -o /dev/null -w '%{http_code}' -b "$2" -c "$2" \
	    -F "csrf=$t" -F "email=$3" -F "password=${4:-$DEMO_PASSWORD}" \
	    "$1/login")
	[ "$code" = 303 ] || die "login of $3 on $1 answered $code"
}

# post BASE JAR PAGE ACTION [FIELD=VALUE...]: posts the form at ACTION
# with the CSRF token of PAGE; dies unless it answers 303.
post()
{
	b=$1 j=$2 pg=$3 act=$4
	shift 4
	t=$(csrf_of "$j" "$b$pg")
	n=$#
	while [ "$n" -gt 0 ]; do
		f=$1
		shift
		set -- "$@" -F "$f"
		n=$((n - 1))
	done
	code=$(curl -s -o /dev/null -w '%{http_code}' -b "$j" -c "$j" \
	    -F "csrf=$t" "$@" "$b$act")
	[ "$code" = 303 ] || die "POST $act on $b answered $code"
}

# signed_in BASE URL COOKIE: 0 when URL answers 200 to the signed-in
# user (the page offers "Log out").
signed_in()
{
	curl -s -H "Cookie: $3" -w '\n%{http_code}' "$1$2" >"$TMP/check.html"
	[ "$(tail -n 1 "$TMP/check.html")" = 200 ] &&
	    grep -q 'action="/logout"' "$TMP/check.html"
}

# wrk_parse: reads wrk --latency output; prints "REQS P99_MS NON2XX P50_MS".
wrk_parse()
{
	awk '
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
	    END { printf "%.0f %.2f %d %.2f\n", r, p99, bad, p50 }'
}

# wrk1 URL [COOKIE [LUA [CONNS]]]: one wrk run (-t2, CONNS connections,
# default 32, DUR seconds) with the cookie script or LUA; prints
# "REQS P99_MS NON2XX P50_MS".
wrk1()
{
	BENCH_COOKIE=${2:-} wrk -t2 -c"${4:-32}" -d"${DUR}s" --latency \
	    -s "${3:-$ROOT/bench/cookie.lua}" "$1" 2>&1 | wrk_parse
}

# bench LABEL NAME|URL|COOKIE[|LUA[|CONNS]]...: ROUNDS interleaved rounds
# over the cases; for case i prints the median req/s and the median p99
# and sets M_i and P_i.
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
			ck=$(echo "$c" | cut -d'|' -f3)
			lua=$(echo "$c" | cut -d'|' -f4)
			conns=$(echo "$c" | cut -d'|' -f5)
			wrk1 "$url" "$ck" "$lua" "$conns" \
			    >>"$TMP/runs.$label.$i"
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
		say "$(printf '  %-36s %7s req/s  p99 %7s ms  (runs %s; p99 %s%s)' \
		    "$(echo "$c" | cut -d'|' -f1)" "$med" "$p99" "$runs" \
		    "$p99s" "$([ "$bad" -gt 0 ] && echo "; $bad non-2xx")")"
	done
	say "  (load average $(load))"
}

# ratio A B: A / B to two places.
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

# row WHAT MEASURED GOAL OK: one row of issue 14's table (OK: 1 met, 0
# missed, - no goal): said, and appended to BENCH_ROWS for run.sh's
# summary.
row()
{
	v=$(case "$4" in 1) echo met ;; 0) echo MISSED ;; *) echo - ;; esac)
	say "  row: $1 | $2 | goal $3 | $v"
	[ -n "${BENCH_ROWS:-}" ] &&
	    printf '%s | %s | %s | %s\n' "$1" "$2" "$3" "$v" >>"$BENCH_ROWS"
	return 0
}

# keep NAME: copies OUT to bench/results/NAME.txt, keeping the written
# analysis (from a line "Analysis (" on) of the file it replaces.
keep()
{
	mkdir -p "$ROOT/bench/results"
	f=$ROOT/bench/results/$1.txt
	[ -f "$f" ] && grep -q '^Analysis (' "$f" &&
	    { echo ""; sed -n '/^Analysis (/,$p' "$f"; } >>"$OUT"
	cp "$OUT" "$f"
	echo "(written to bench/results/$1.txt)"
}
