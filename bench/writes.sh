#!/bin/sh
# writes.sh: writes under load (issue 14, points 4 and 5), wrk -t2,
# ROUNDS interleaved rounds, median req/s and p99:
#   1. lesson completions by 256 signed-in learners at once (wrk -c256,
#      each request POSTs a lesson's "done" as the next learner), on
#      SQLite and on PostgreSQL with fsync on, one node of 2 workers each;
#      the CPU each SQLite worker used (a worker asleep in the busy
#      handler uses none); goal p99 <= 50 ms, no worker starved;
#   2. the lesson view mix: 30 % of the views by signed-in learners, of
#      lessons other than the one they left off at (a view that records
#      "where you left off"), the rest anonymous (-c32), beside the same
#      with no signed-in view; SQLite.
# With BENCH_BASELINE="PATH..." (older builds' ethica, space-separated) a
# node of each runs the completions beside ours, on a copy of the same
# SQLite database, and on the same PostgreSQL database.
# Everything on 127.0.0.1 in a temp dir, stopped and removed on exit.
# Figures go to stdout and bench/results/writes.txt.
#
# Environment: see bench/lib.sh; BENCH_LEARNERS (default 256),
# BENCH_CONNS (wrk's connections for the completions, default
# BENCH_LEARNERS: fewer learners than connections sign in faster, and
# then several connections post as one learner), BENCH_BASELINE,
# BENCH_PG (default 1; 0: SQLite only), BENCH_MIX (default 1; 0: the
# completions only).

PORT_BASE=5000
. "$(dirname "$0")/lib.sh"
bench_init writes
NLEARN=${BENCH_LEARNERS:-256}
NCONN=${BENCH_CONNS:-$NLEARN}
SLUG=ethics-of-ai
LUA=$ROOT/bench/writes.lua
BASELINE=""
for b in ${BENCH_BASELINE:-}; do
	case "$b" in
	/*)	BASELINE="$BASELINE $b" ;;
	*)	BASELINE="$BASELINE $ROOT/$b" ;;
	esac
done

need wrk curl ss awk sqlite3

# seed DATA [DB]: the demo and NLEARN learners (learner-NNNNNN@seed...).
seed()
{
	demo "$@"
	if [ -n "${2:-}" ]; then
		"$BIN" dev seed --learners "$NLEARN" --data "$1" --db "$2" \
		    >>"$TMP/seed.log" 2>&1
	else
		"$BIN" dev seed --learners "$NLEARN" --data "$1" \
		    >>"$TMP/seed.log" 2>&1
	fi || die "ethica dev seed failed (see $TMP/seed.log)"
}

# learners BASE FILE: signs every seeded learner in (four at a time) and
# writes "COOKIE<TAB>CSRF" lines to FILE.
learners()
{
	: >"$2"
	i=1
	while [ $i -le "$NLEARN" ]; do
		jobs=""
		for j in $i $((i + 1)) $((i + 2)) $((i + 3)); do
			[ $j -le "$NLEARN" ] || continue
			(
				trap - EXIT INT TERM
				jar=$TMP/jar.$$.$j
				sign_in "$1" "$jar" \
				    "$(printf 'learner-%06d' $j)@seed.ethica.example"
				t=$(csrf_of "$jar" "$1/courses/$SLUG")
				printf '%s\t%s\n' "$(cookie_of "$jar")" "$t" \
				    >"$jar.line"
			) &
			jobs="$jobs $!"
		done
		for p in $jobs; do
			wait "$p"
		done
		for j in $i $((i + 1)) $((i + 2)) $((i + 3)); do
			cat "$TMP/jar.$$.$j.line" 2>/dev/null >>"$2"
		done
		i=$((i + 4))
	done
	[ "$(grep -c '	[0-9a-f]' "$2")" = "$NLEARN" ] ||
	    die "only $(wc -l <"$2") of $NLEARN learners signed in on $1"
}

# cpu PID...: the CPU ticks (user + system) of each process.
cpu()
{
	for p in "$@"; do
		awk '{ printf "%d ", $14 + $15 }' "/proc/$p/stat" 2>/dev/null ||
		    printf '0 '
	done
}

header "Ethica writes benchmark (issue 14.4, 14.5),"
say "wrk -t2 -d${DUR}s, $ROUNDS interleaved rounds, median; $NLEARN seeded" \
    "learners signed in per node; one node of 2 workers per database."

seed "$TMP/lite"
free_port PL
node lite "$PL" "$TMP/lite"
LITE_PID=$NODE_PID
LITE=http://127.0.0.1:$PL
learners "$LITE" "$TMP/l.lite"
if [ -n "$BASELINE" ]; then
	# The older build's node gets a copy of the data, sessions included
	# (signing 256 learners in again costs minutes of argon2id).
	node_stop "$LITE_PID"
	cp -r "$TMP/lite" "$TMP/base"
	free_port PL
	node lite "$PL" "$TMP/lite"
	LITE_PID=$NODE_PID
	LITE=http://127.0.0.1:$PL
fi
curl -s "$LITE/courses/$SLUG" |
    sed -n "s,.*href=\"\(/courses/$SLUG/lessons/[a-z0-9-]*\)\".*,\1,p" |
    awk '!seen[$0]++' >"$TMP/lessons.txt"
[ "$(wc -l <"$TMP/lessons.txt")" -ge 3 ] || die "no lessons found on $LITE"
# The mix views lessons other than where each learner left off: all but
# the last, in turn.
sed '$d' "$TMP/lessons.txt" >"$TMP/mix.txt"
set -- "sqlite, done x$NCONN|$LITE|$TMP/l.lite|$LUA|$NCONN"
M="sqlite, mix 30 % signed in|$LITE|$TMP/l.lite|$LUA|32"
k=0
for b in $BASELINE; do
	[ -x "$b" ] || die "$b is not an ethica"
	k=$((k + 1))
	cp -r "$TMP/base" "$TMP/base$k"
	free_port PO
	OURS=$BIN
	BIN=$b
	node "base$k" "$PO" "$TMP/base$k"
	BIN=$OURS
	set -- "$@" "$(basename "$(dirname "$(dirname "$b")")"), done x$NCONN|http://127.0.0.1:$PO|$TMP/l.lite|$LUA|$NCONN"
done
if [ "${BENCH_PG:-1}" = 1 ] && command -v psql >/dev/null 2>&1; then
	pg_start pgc durable
	seed "$TMP/pg" "$PG_URL"
	free_port PP
	node pg "$PP" "$TMP/pg" "$PG_URL"
	learners "http://127.0.0.1:$PP" "$TMP/l.pg"
	PGCASE=$(($# + 1))
	set -- "$@" "postgresql fsync on, done x$NCONN|http://127.0.0.1:$PP|$TMP/l.pg|$LUA|$NCONN"
	# Each older build gets a node on the same database (its sessions
	# and CSRF key are in it), so their rounds interleave with ours.
	k=0
	for b in $BASELINE; do
		k=$((k + 1))
		free_port PO
		OURS=$BIN
		BIN=$b
		node "pgbase$k" "$PO" "$TMP/pgbase$k" "$PG_URL"
		BIN=$OURS
		set -- "$@" "$(basename "$(dirname "$(dirname "$b")")") postgresql, done x$NCONN|http://127.0.0.1:$PO|$TMP/l.pg|$LUA|$NCONN"
	done
fi

say ""
say "1. Lesson completions, $NCONN connections, each request a POST" \
    "of .../done by the next of $NLEARN learners ($(wc -l <"$TMP/lessons.txt") lessons):"
WORKERS=$(workers_of lite)
c0=$(cpu $WORKERS)
BENCH_PATHS=$TMP/lessons.txt BENCH_MODE=done
export BENCH_PATHS BENCH_MODE
bench done "$@"
c1=$(cpu $WORKERS)
shares=$(echo "$c0 | $c1" | awk -F'|' '{ n = split($1, a, " ")
    split($2, b, " "); t = 0
    for (i = 1; i <= n; i++) { d[i] = b[i] - a[i]; t += d[i] }
    for (i = 1; i <= n; i++) {
	sep = i > 1 ? ", " : ""
	printf "%s%.0f %%", sep, (t > 0 ? 100 * d[i] / t : 0)
    } }')
say "  the SQLite node's workers' share of its CPU over the runs: $shares"
least=$(echo "$c0 | $c1" | awk -F'|' '{ n = split($1, a, " ")
    split($2, b, " "); t = 0; m = -1
    for (i = 1; i <= n; i++) { d = b[i] - a[i]; t += d
	if (m < 0 || d < m) m = d }
    printf "%.0f", (t > 0 ? 100 * m / t : 0) }')
ok=$(awk -v p="$P_1" -v s="$least" 'BEGIN { print (p <= 50 && s >= 25) }')
row "lesson completions, $NCONN connections of $NLEARN signed-in learners, SQLite" \
    "$M_1/s, p99 $P_1 ms, workers' CPU $shares (load $(load))" \
    "p99 <= 50 ms, no worker starved" "$ok"
if [ "${BENCH_PG:-1}" = 1 ]; then
	eval "mp=\$M_$PGCASE; pp=\$P_$PGCASE"
	row "the same on PostgreSQL, fsync on" "$mp/s, p99 $pp ms" \
	    "reported beside" -
fi

[ "${BENCH_MIX:-1}" = 1 ] || { keep writes; exit 0; }
say ""
say "2. Lesson views, 32 connections: 30 % by signed-in learners, of" \
    "lessons other than where they left off; the rest anonymous:"
BENCH_PATHS=$TMP/mix.txt BENCH_MODE=mix BENCH_SIGNED=30
export BENCH_PATHS BENCH_MODE BENCH_SIGNED
bench mix "$M"
m30=$M_1 p30=$P_1
BENCH_SIGNED=0
bench anon "sqlite, anonymous only|$LITE|$TMP/l.lite|$LUA|32"
row "lesson views, 30 % signed in (not the last lesson), SQLite" \
    "$m30 req/s, p99 $p30 ms; anonymous only $M_1 req/s, p99 $P_1 ms" \
    "no synchronous write per view" -
keep writes
