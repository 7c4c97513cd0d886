#!/bin/sh
# pglesson.sh: the lesson page on PostgreSQL against the same page on
# SQLite (issue 14's row "lesson page on PostgreSQL, one node"): one node
# (2 workers) on each backend with the same demo content, the page cache
# off on both (every page rendered: a signed-in page never comes from it
# anyway), the demo learner signed in and enrolled on each. wrk -t2 -c32,
# ROUNDS interleaved rounds (SQLite, PostgreSQL, SQLite, ...), median
# req/s and p99; the load average beside each part. Then the database
# round trips one signed-in lesson page costs on PostgreSQL, from the
# workers' "database: N trips for M requests" lines (src/http/app.c).
# Three PostgreSQL nodes on one database, one per ETHICA_PUSH mode
# (src/store/st_push.c): "strict" (the default: the content version,
# sessions and progress pushed by LISTEN/NOTIFY, and one bare sync per
# batch of requests read before it, src/http/pushsync.c), "fast" (no
# round trip), "off" (all read every request: the build before push),
# interleaved in the same rounds, so the change is measured against the
# code before it in one run. BENCH_BASELINE=DIR (a build directory of
# another checkout, e.g. the build before a change) adds a fourth
# PostgreSQL node, strict, running DIR/ethica, in the same rounds.
# Everything on 127.0.0.1 in a temp dir, stopped and removed on exit.
# Figures go to stdout and bench/results/pglesson.txt.
#
# Environment: see bench/lib.sh (BENCH_DURATION default 5 here).

PORT_BASE=4600
. "$(dirname "$0")/lib.sh"
DUR=${BENCH_DURATION:-5}
bench_init pglesson
SLUG=ethics-of-ai
LESSON=/courses/$SLUG/lessons/harms-and-benefits
EMAIL=learner@demo.ethica.example
ETHICA_PAGE_CACHE=off
export ETHICA_PAGE_CACHE

need wrk curl ss awk psql
header "Ethica lesson page, PostgreSQL vs SQLite,"
say "wrk -t2 -c32 -d${DUR}s, $ROUNDS interleaved rounds, median; one node of"
say "2 workers per backend, page cache off; wrk, PostgreSQL and the nodes"
say "share the same $(nproc) cores."

# cpu PID...: the CPU time (user + system, in clock ticks) the processes
# used so far.
cpu()
{
	for p in "$@"; do
		cat "/proc/$p/stat" 2>/dev/null
	done | awk '{ sub(/.*\) /, ""); t += $12 + $13 } END { print t + 0 }'
}

# cost URL COOKIE "PIDS" ["PIDS"]: one wrk run of URL; prints the CPU
# each group of processes used per request, in microseconds (what the
# page costs, whatever else the host was running meanwhile).
cost()
{
	u=$1 k=$2 g1=$3 g2=${4:-}
	a0=$(cpu $g1)
	b0=$(cpu $g2)
	r=$(wrk1 "$u" "$k" | awk '{ print $1 }')
	a1=$(cpu $g1)
	b1=$(cpu $g2)
	awk -v a="$((a1 - a0))" -v b="$((b1 - b0))" -v r="$r" -v d="$DUR" \
	    -v t="$(getconf CLK_TCK)" 'BEGIN { if (r > 0)
		printf "%.0f %.0f\n", a / t * 1e6 / (r * d), b / t * 1e6 / (r * d)
	    else print "n/a n/a" }'
}

# signed BASE: signs the demo learner in on BASE and enrols them; prints
# the cookie header.
signed()
{
	sign_in "$1" "$TMP/jar" "$EMAIL"
	post "$1" "$TMP/jar" "/courses/$SLUG" "/courses/$SLUG/enrol"
	cookie_of "$TMP/jar"
}

demo "$TMP/lite"
pg_start pgl
demo "$TMP/pg" "$PG_URL"
free_port PL
node lite "$PL" "$TMP/lite"
LITE=http://127.0.0.1:$PL
free_port PP
node pg "$PP" "$TMP/pg" "$PG_URL"
PG_PID=$NODE_PID
PGN=http://127.0.0.1:$PP
ETHICA_PUSH=fast
export ETHICA_PUSH
free_port PS
node pgfast "$PS" "$TMP/pgfast" "$PG_URL"
PGS_PID=$NODE_PID
PGS=http://127.0.0.1:$PS
ETHICA_PUSH=off
free_port PO
node pgoff "$PO" "$TMP/pgoff" "$PG_URL"
PGO_PID=$NODE_PID
PGO=http://127.0.0.1:$PO
unset ETHICA_PUSH
CL=$(signed "$LITE")
CP=$(signed "$PGN")
CS=$(signed "$PGS")
CO=$(signed "$PGO")
# The baseline node (see the top), or none: its case is left out.
SB="" AB="" PGB="" CB=""
if [ -n "${BENCH_BASELINE:-}" ]; then
	[ -x "$BENCH_BASELINE/ethica" ] ||
	    die "BENCH_BASELINE: no $BENCH_BASELINE/ethica"
	BIN_HERE=$BIN
	BIN=$BENCH_BASELINE/ethica
	free_port PB
	node pgbase "$PB" "$TMP/pgbase" "$PG_URL"
	PGB_PID=$NODE_PID
	BIN=$BIN_HERE
	PGB=http://127.0.0.1:$PB
	CB=$(signed "$PGB")
	SB="postgresql strict, build before, signed in|$PGB$LESSON|$CB"
	AB="postgresql strict, build before, anonymous|$PGB$LESSON|"
fi
for b in "$LITE|$CL" "$PGN|$CP" "$PGS|$CS" "$PGO|$CO" ${PGB:+"$PGB|$CB"}; do
	signed_in "${b%%|*}" "$LESSON" "${b#*|}" ||
	    die "the learner is not signed in on ${b%%|*}"
done

say ""
say "Signed-in lesson page $LESSON:"
bench s "sqlite, signed in|$LITE$LESSON|$CL" \
    "postgresql strict, signed in|$PGN$LESSON|$CP" \
    "postgresql fast, signed in|$PGS$LESSON|$CS" \
    "postgresql push off, signed in|$PGO$LESSON|$CO" ${SB:+"$SB"}
R_SIGNED=$(ratio "$M_2" "$M_1")
S_LINE="$M_2 vs $M_1 req/s, p99 $P_2 vs $P_1 ms"
say "  PostgreSQL/SQLite: $R_SIGNED (fast $(ratio "$M_3" "$M_1"),"\
" push off $(ratio "$M_4" "$M_1")${SB:+, strict build before $(ratio "$M_5" "$M_1")})"

say ""
say "Anonymous lesson page (rendered):"
bench a "sqlite, anonymous|$LITE$LESSON|" \
    "postgresql strict, anonymous|$PGN$LESSON|" \
    "postgresql fast, anonymous|$PGS$LESSON|" \
    "postgresql push off, anonymous|$PGO$LESSON|" ${AB:+"$AB"}
R_ANON=$(ratio "$M_2" "$M_1")
say "  PostgreSQL/SQLite: $R_ANON (fast $(ratio "$M_3" "$M_1"),"\
" push off $(ratio "$M_4" "$M_1")${AB:+, strict build before $(ratio "$M_5" "$M_1")})"

# What a page costs in CPU, whatever the rest of the host does: the
# workers per request on each backend, and on PostgreSQL its backends
# serving this node (two, one per worker) too.
WL=$(workers_of lite)
WP=$(workers_of pg)
WS=$(workers_of pgfast)
WO=$(workers_of pgoff)
WB=""
[ -z "$PGB" ] || WB=$(workers_of pgbase)
# Every node's backends: the idle nodes' cost nothing meanwhile.
BP=$(psql -Atc "SELECT pid FROM pg_stat_activity WHERE datname =
    current_database() AND pid <> pg_backend_pid()" "$PG_URL" | tr '\n' ' ')
say ""
say "CPU per request, microseconds (workers; PostgreSQL's backends):"
for pg in "signed in|$CL|$CP" "anonymous||"; do
	n=${pg%%|*}
	rest=${pg#*|}
	l=$(cost "$LITE$LESSON" "${rest%%|*}" "$WL")
	say "$(printf '  %-10s sqlite worker %5s' "$n" "${l% *}")"
	for m in strict fast off ${PGB:+before}; do
		case $m in
		strict)	u=$PGN wk=$WP k=$CP ;;
		fast)	u=$PGS wk=$WS k=$CS ;;
		off)	u=$PGO wk=$WO k=$CO ;;
		before)	u=$PGB wk=$WB k=$CB ;;
		esac
		[ -n "${rest%%|*}" ] || k=
		w=$(cost "$u$LESSON" "$k" "$wk" "$BP")
		say "$(printf '  %-10s postgresql push %-6s worker %5s,' \
		    "" "$m" "${w% *}") backend ${w#* }"
	done
done
say "  (load average $(load))"

# The PostgreSQL node's trips over the whole run: the signed-in and the
# anonymous rounds, signing in, and each worker's first prepares.
node_stop "$PG_PID"
node_stop "$PGS_PID"
node_stop "$PGO_PID"
[ -z "$PGB" ] || node_stop "$PGB_PID"
say ""
for n in pg pgfast pgoff ${PGB:+pgbase}; do
	say "$(awk -v n="$n" '/database: [0-9]+ trips for [0-9]+ requests/ {
	for (i = 1; i <= NF; i++) {
		if ($i == "trips") t += $(i - 1)
		if ($i == "requests") r += $(i - 1)
	} }
    END { if (r > 0) printf "PostgreSQL node %s: %.2f round trips per" \
	" request over the run (%d requests, both pages)", n, t / r, r }' \
	    "$TMP/$n.log")"
done

row "lesson page on PostgreSQL, one node (signed in, cache off)" \
    "$R_SIGNED of SQLite ($S_LINE; anonymous $R_ANON; load $(load))" \
    ">= 0.7" "$(awk -v r="$R_SIGNED" -v s="$R_ANON" \
    'BEGIN { print (r >= 0.7 && s >= 0.7) }')"
keep pglesson
