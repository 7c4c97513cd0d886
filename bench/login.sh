#!/bin/sh
# login.sh: logins that block nothing (issue 14, point 2). One node (2
# workers, SQLite, the demo course) per build; a signed-in learner reads
# the lesson page with wrk -t1 -c8 while N clients log in again and again
# (bench/login_burst.js, each login as its own account), N = 0, 2 and 32.
# For each: the lesson page's req/s and p99, logins/s and busy pages/s
# (503 from the bound in src/http/offload.c), and the workers' peak RSS
# (the sum of VmHWM of the node's Kore workers after the run: each run
# gets a fresh node, so the peak is this run's). Goals: lesson p99 <= 10
# ms during 32 logins, RSS <= 96 MB, logins/s set by argon2id on the
# cores. Builds are interleaved round by round (BENCH_BUILDS="build
# /path/to/old/build" compares a build before the change in the same
# run); the load average is printed beside each figure.
# Everything on 127.0.0.1 in a temp dir, stopped and removed on exit.
# Figures go to stdout and are appended to bench/results/login.txt.
#
# Environment: BENCH_BUILDS (default build), BENCH_DURATION (default 10),
# BENCH_ROUNDS (default 1), BENCH_LOGINS (default "0 2 32"), BENCH_READER
# (default 1; 0: no lesson reader, logins alone, to see what argon2id on
# the cores allows).

cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)
ETHICA_SHARE=$ROOT
export ETHICA_SHARE
BUILDS=${BENCH_BUILDS:-build}
DUR=${BENCH_DURATION:-10}
ROUNDS=${BENCH_ROUNDS:-1}
LOGINS=${BENCH_LOGINS:-0 2 32}
READER=${BENCH_READER:-1}
PASSWORD=ethica-bench-2026
LESSON=/courses/ethics-of-ai/lessons/what-ai-systems-are
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ethica-bench-login.XXXXXX") || exit 1
chmod 711 "$TMP"
OUT=$TMP/results.txt
PID=""

stop_node()
{
	[ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null
	i=0
	while [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	PID=""
}

cleanup()
{
	stop_node
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

PORT_BASE=7600
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

# bin_of BUILD: the ethica binary of a build folder.
bin_of()
{
	case "$1" in
	/*)	echo "$1/ethica" ;;
	*)	echo "$ROOT/$1/ethica" ;;
	esac
}

# prepare BUILD DIR: a data folder with the demo course and 32 accounts
# made by that build (its own argon2id limits).
prepare()
{
	b=$(bin_of "$1")
	mkdir -p "$2"
	"$b" migrate --data "$2" >/dev/null 2>&1 || die "migrate $2"
	"$b" demo --data "$2" >/dev/null 2>&1 || die "demo $2"
	i=0
	while [ $i -lt 32 ]; do
		echo "$PASSWORD" | "$b" user add "b$i@bench.invalid" \
		    --role learner --data "$2" >/dev/null 2>&1 ||
		    die "user add $i"
		i=$((i + 1))
	done
	echo "$PASSWORD" | "$b" user add "reader@bench.invalid" \
	    --role learner --data "$2" >/dev/null 2>&1 || die "user add reader"
}

# start BUILD DIR PORT: a node on a copy of DIR's database.
start()
{
	rm -rf "$TMP/run"
	mkdir -p "$TMP/run"
	cp "$2/ethica.db" "$TMP/run/ethica.db"
	"$(bin_of "$1")" serve --listen "127.0.0.1:$3" --data "$TMP/run" \
	    --workers 2 >"$TMP/serve.log" 2>&1 &
	PID=$!
	wait_ok "http://127.0.0.1:$3/healthz" ||
	    die "node did not start (see $TMP/serve.log)"
}

# reader_cookie BASE: "sid=...; csrf=..." of the signed-in reader.
reader_cookie()
{
	jar=$TMP/jar
	rm -f "$jar"
	tok=$(curl -s -b "$jar" -c "$jar" "$1/login" |
	    sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
	curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf=$tok" \
	    --data-urlencode "email=reader@bench.invalid" \
	    --data-urlencode "password=$PASSWORD" "$1/login"
	awk '$6 == "sid" || $6 == "csrf" { printf "%s%s=%s",
	    (n++ ? "; " : ""), $6, $7 }' "$jar"
}

# workers_hwm: the sum of VmHWM (kB) of the node's Kore workers (the
# children of `ethica serve`, which becomes "kore [parent]", named
# "kore [wrk N]").
workers_hwm()
{
	for k in $(pgrep -P "$PID"); do
		tr '\0' ' ' <"/proc/$k/cmdline" | grep -q 'wrk' &&
		    awk '/^VmHWM:/ { print $2 }' "/proc/$k/status"
	done 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'
}

# one BUILD N: a fresh node, the reader and N logging-in clients together.
one()
{
	start "$1" "$TMP/data.$(echo "$1" | tr '/' '_')" "$PORT"
	base=http://127.0.0.1:$PORT
	ck=$(reader_cookie "$base")
	[ -n "$ck" ] || die "reader cannot log in"
	if [ "$2" -gt 0 ]; then
		node "$ROOT/bench/login_burst.js" "$base" "$2" "$DUR" b \
		    "$PASSWORD" >"$TMP/burst" 2>&1 &
		bp=$!
	fi
	if [ "$READER" = 1 ]; then
		BENCH_COOKIE=$ck wrk -t1 -c8 -d"${DUR}s" --latency \
		    -s "$ROOT/bench/cookie.lua" "$base$LESSON" >"$TMP/wrk" 2>&1
	else
		echo "(no reader)" >"$TMP/wrk"
	fi
	[ "$2" -gt 0 ] && wait "$bp"
	hwm=$(workers_hwm)
	load=$(cut -d' ' -f1 /proc/loadavg)
	stop_node
	awk '
	    /Requests\/sec:/ { r = $2 }
	    $1 == "99%" {
		v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
		if (u == "us") v = v / 1000; else if (u == "s") v = v * 1000
		p = v
	    }
	    / Non-2xx or 3xx responses: / { bad = $NF }
	    END { printf "%.0f %.2f %d\n", r + 0, p + 0, bad }' "$TMP/wrk" \
	    >"$TMP/lesson"
	read -r lr lp lbad <"$TMP/lesson"
	if [ "$2" -gt 0 ]; then
		read -r ok busy other secs <"$TMP/burst" ||
		    die "burst: $(cat "$TMP/burst")"
	else
		ok=0 busy=0 other=0 secs=$DUR
	fi
	say "$(printf '  %-24s logins %2s: lesson %6s req/s p99 %8s ms%s | %6s logins/s, %6s busy/s%s | workers peak RSS %5s MB | load %s' \
	    "$1" "$2" "$lr" "$lp" "$([ "$lbad" -gt 0 ] && echo " ($lbad non-2xx)")" \
	    "$(awk -v a="$ok" -v s="$secs" 'BEGIN { printf "%.1f", a / s }')" \
	    "$(awk -v a="$busy" -v s="$secs" 'BEGIN { printf "%.1f", a / s }')" \
	    "$([ "$other" -gt 0 ] && echo " ($other other)")" \
	    "$((hwm / 1024))" "$load")"
}

for tool in wrk curl node awk pgrep; do
	command -v "$tool" >/dev/null 2>&1 || die "$tool is missing"
done
free_port PORT
for b in $BUILDS; do
	[ -x "$(bin_of "$b")" ] || die "$(bin_of "$b") missing: run make"
	prepare "$b" "$TMP/data.$(echo "$b" | tr '/' '_')"
done

say "login burst: $(date -u '+%Y-%m-%d %H:%M UTC'), ${DUR}s per run," \
    "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
r=1
while [ $r -le "$ROUNDS" ]; do
	for n in $LOGINS; do
		for b in $BUILDS; do
			one "$b" "$n"
		done
	done
	r=$((r + 1))
done
mkdir -p bench/results
cat "$OUT" >>bench/results/login.txt
