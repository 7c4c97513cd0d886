#!/bin/sh
# login.sh: logins that block nothing (issue 14, point 2). One node (2
# workers, SQLite, the demo course) per run; a signed-in learner reads
# the lesson page with wrk -t1 -c8 while N clients log in again and again
# (bench/login_burst.js: each client its own account, each login a new
# session; a busy page, 503, is counted apart), N = 0, 2 and 32. For each
# run: the lesson page's req/s and p99, logins/s and busy pages/s, and the
# workers' peak RSS (the sum of VmHWM of the node's Kore workers after
# the run; each run has a fresh node, so the peak is the run's own).
# Goals (issue 14): lesson p99 <= 10 ms during 32 logins; RSS <= 96 MB;
# logins/s set by argon2id on the cores, not by the event loop.
# BENCH_BUILDS="build /path/to/old/build" runs other builds in the same
# rounds, interleaved (rows are reported for the first build only); the
# load average is printed beside each figure. Results go to stdout and
# bench/results/login.txt.
#
# Environment: see bench/lib.sh; also BENCH_BUILDS (default
# ETHICA_BUILD), BENCH_LOGINS (default "0 2 32"), BENCH_READER (default 1;
# 0: no lesson reader, the logins alone).

PORT_BASE=7600
. "$(dirname "$0")/lib.sh"
bench_init login
BUILDS=${BENCH_BUILDS:-$BUILD}
LOGINS=${BENCH_LOGINS:-0 2 32}
READER=${BENCH_READER:-1}
PASSWORD=ethica-bench-2026
LESSON=/courses/ethics-of-ai/lessons/what-ai-systems-are

# bin_of BUILD: the ethica binary of a build folder.
bin_of()
{
	case "$1" in
	/*)	echo "$1/ethica" ;;
	*)	echo "$ROOT/$1/ethica" ;;
	esac
}

# use BUILD: its binary in BIN, and its templates, routes and migrations
# (the folder above it) in ETHICA_SHARE: an older build runs with its own.
use()
{
	BIN=$(bin_of "$1")
	ETHICA_SHARE=$(cd "$(dirname "$BIN")/.." && pwd)
	export ETHICA_SHARE
}

# key_of BUILD: a file-name-safe tag for a build.
key_of()
{
	echo "$1" | tr -c 'A-Za-z0-9\n' '_'
}

# prepare BUILD: TMP/data.KEY with the demo course, 32 accounts for the
# burst and the reader, made by that build (its own argon2id limits).
prepare()
{
	use "$1"
	[ -x "$BIN" ] || die "$BIN missing (run make)"
	d=$TMP/data.$(key_of "$1")
	mkdir -p "$d"
	"$BIN" migrate --data "$d" >>"$TMP/prepare.log" 2>&1 ||
	    die "migrate (see $TMP/prepare.log)"
	demo "$d"
	i=0
	while [ $i -lt 32 ]; do
		echo "$PASSWORD" | "$BIN" user add "b$i@bench.invalid" \
		    --role learner --data "$d" >>"$TMP/prepare.log" 2>&1 ||
		    die "user add (see $TMP/prepare.log)"
		i=$((i + 1))
	done
	echo "$PASSWORD" | "$BIN" user add reader@bench.invalid \
	    --role learner --data "$d" >>"$TMP/prepare.log" 2>&1 ||
	    die "user add (see $TMP/prepare.log)"
}

# hwm_of NAME: the sum of VmHWM (kB) of the Kore workers of the node
# started as NAME (bench/lib.sh node).
hwm_of()
{
	for k in $(workers_of "$1"); do
		tr '\0' ' ' <"/proc/$k/cmdline" 2>/dev/null | grep -q 'wrk' &&
		    awk '/^VmHWM:/ { print $2 }' "/proc/$k/status" 2>/dev/null
	done | awk '{ s += $1 } END { print s + 0 }'
}

# one BUILD N: a fresh node on a copy of the build's data, the reader and
# N clients logging in together; appends "P99 REQS LOGINS/S BUSY/S RSS_MB
# LOAD" to TMP/runs.KEY.N and says the run.
one()
{
	use "$1"
	k=$(key_of "$1")
	rm -rf "$TMP/run"
	mkdir -p "$TMP/run"
	cp "$TMP/data.$k/ethica.db" "$TMP/run/ethica.db"
	free_port PORT
	node "run" "$PORT" "$TMP/run"
	base=http://127.0.0.1:$PORT
	sign_in "$base" "$TMP/jar" reader@bench.invalid "$PASSWORD"
	ck=$(cookie_of "$TMP/jar")
	if [ "$2" -gt 0 ]; then
		command node "$ROOT/bench/login_burst.js" "$base" "$2" "$DUR" b \
		    "$PASSWORD" >"$TMP/burst" 2>&1 &
		bp=$!
	fi
	if [ "$READER" = 1 ]; then
		BENCH_COOKIE=$ck wrk -t1 -c8 -d"${DUR}s" --latency \
		    -s "$ROOT/bench/cookie.lua" "$base$LESSON" 2>&1 |
		    wrk_parse >"$TMP/lesson"
	else
		sleep "$DUR"
		echo "0 0 0 0" >"$TMP/lesson"
	fi
	[ "$2" -gt 0 ] && wait "$bp"
	rss=$(( $(hwm_of run) / 1024 ))
	ld=$(cut -d' ' -f1 /proc/loadavg)
	node_stop "$NODE_PID"
	read -r lr lp lbad lp50 <"$TMP/lesson"
	if [ "$2" -gt 0 ]; then
		read -r ok busy other secs <"$TMP/burst" ||
		    die "burst: $(cat "$TMP/burst")"
	else
		ok=0 busy=0 other=0 secs=$DUR
	fi
	lps=$(awk -v a="$ok" -v s="$secs" 'BEGIN { printf "%.1f", a / s }')
	bps=$(awk -v a="$busy" -v s="$secs" 'BEGIN { printf "%.1f", a / s }')
	echo "$lp $lr $lps $bps $rss $ld" >>"$TMP/runs.$k.$2"
	say "$(printf '  %-22s logins %2s: lesson %6s req/s p99 %8s ms%s | %5s logins/s %6s busy/s%s | workers peak RSS %4s MB | load %s' \
	    "$1" "$2" "$lr" "$lp" \
	    "$([ "$lbad" -gt 0 ] && echo " ($lbad non-2xx)")" "$lps" "$bps" \
	    "$([ "$other" -gt 0 ] && echo " ($other other)")" "$rss" "$ld")"
}

# med FILE COLUMN: the median of a column.
med()
{
	sort -n -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c }
	    END { print v[int((NR + 1) / 2)] }'
}

need wrk curl node awk pgrep
for b in $BUILDS; do
	prepare "$b"
done
header "login burst (lesson reader wrk -t1 -c8, ${DUR}s runs, builds" \
    "$BUILDS):"
r=1
while [ $r -le "$ROUNDS" ]; do
	for n in $LOGINS; do
		for b in $BUILDS; do
			one "$b" "$n"
		done
	done
	r=$((r + 1))
done

first=$(key_of "$(echo "$BUILDS" | cut -d' ' -f1)")
f0=$TMP/runs.$first.0
f32=$TMP/runs.$first.32
if [ "$READER" = 1 ] && [ -f "$f0" ] && [ -f "$f32" ]; then
	p0=$(med "$f0" 1)
	p32=$(med "$f32" 1)
	row "lesson page p99 during a burst of 32 concurrent logins" \
	    "$p32 ms ($p0 ms without; medians of $ROUNDS, load $(load))" \
	    "<= 10 ms" "$(awk -v p="$p32" 'BEGIN { print (p <= 10) }')"
fi
if [ -f "$f32" ]; then
	l32=$(med "$f32" 3)
	rss=$(sort -n -k5 "$f32" | tail -n 1 | cut -d' ' -f5)
	row "logins, RSS during a burst of 32 logins" \
	    "$l32 logins/s, peak RSS $rss MB (load $(load))" \
	    "RSS <= 96 MB; logins/s set by argon2id on the cores" \
	    "$(awk -v m="$rss" 'BEGIN { print (m <= 96) }')"
fi
keep login
