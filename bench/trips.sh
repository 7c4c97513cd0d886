#!/bin/sh
# trips.sh: what a page costs the database (issue 14's row "PostgreSQL
# round trips per page"): for each page, a node (2 workers) serves it for
# DUR seconds (wrk -t1 -c2), stops, and its workers' log lines "database:
# N trips for M requests" (src/http/app.c) give the trips per request:
# round trips to the server on PostgreSQL, statements run on SQLite. The
# page cache is off (ETHICA_PAGE_CACHE=off): every page is rendered.
# The pages: home, a lesson (anonymous and signed in), a course page, a
# case page (signed in: never from the page cache) and the chair's list.
# The counts include each worker's connection setup and first prepares
# (a few trips per worker over thousands of requests: the hundredths),
# so the goal is judged on the figure rounded to tenths.
# Then, on PostgreSQL, the signed-in lesson at 2, 8 and 32 connections:
# strict push mode (the default) syncs once per batch of requests a
# worker read together (src/http/pushsync.c), so its trips per request
# fall as the load rises.
# Everything on 127.0.0.1 in a temp dir, stopped and removed on exit.
# Figures go to stdout and bench/results/trips.txt.
#
# Environment: see bench/lib.sh (BENCH_DURATION default 3 here).

PORT_BASE=4500
DUR_DEFAULT=3
. "$(dirname "$0")/lib.sh"
DUR=${BENCH_DURATION:-$DUR_DEFAULT}
bench_init trips
SLUG=ethics-of-ai
LESSON=/courses/$SLUG/lessons/harms-and-benefits
CASE=/cases/amsterdam-algorithm-register
CHAIR_LIST=/chair/calls/1/cases
EMAIL=learner@demo.ethica.example
CHAIR=chair@demo.ethica.example
ETHICA_PAGE_CACHE=off
export ETHICA_PAGE_CACHE

need wrk curl ss awk psql
header "Ethica database trips per page,"

# trips NAME DATA DB PATH [COOKIE [CONNS]]: serves PATH for DUR s with
# CONNS connections (default 2); prints "TRIPS_PER_REQUEST REQUESTS".
trips()
{
	free_port P
	node "$1" "$P" "$2" "$3"
	pid=$NODE_PID
	BENCH_COOKIE=${5:-} wrk -t1 -c"${6:-2}" -d"${DUR}s" \
	    -s "$ROOT/bench/cookie.lua" "http://127.0.0.1:$P$4" >/dev/null 2>&1
	node_stop "$pid"
	awk '/database: [0-9]+ trips for [0-9]+ requests/ {
		for (i = 1; i <= NF; i++) {
			if ($i == "trips") t += $(i - 1)
			if ($i == "requests") r += $(i - 1)
		} }
	    END { if (r > 0) printf "%.2f %d\n", t / r, r; else print "n/a 0" }' \
	    "$TMP/$1.log"
	rm -f "$TMP/$1.log"
}

# cookie_for BASE: signs the demo learner in and enrols them; prints the
# cookie header.
cookie_for()
{
	sign_in "$1" "$TMP/jar" "$EMAIL"
	post "$1" "$TMP/jar" "/courses/$SLUG" "/courses/$SLUG/enrol"
	cookie_of "$TMP/jar"
}

demo "$TMP/lite"
pg_start pgc
demo "$TMP/pg" "$PG_URL"
for b in lite pg; do
	db=""
	[ $b = pg ] && db=$PG_URL
	free_port P
	node "$b-login" "$P" "$TMP/$b" "$db"
	ck=$(cookie_for "http://127.0.0.1:$P")
	sign_in "http://127.0.0.1:$P" "$TMP/chairjar" "$CHAIR"
	cc=$(cookie_of "$TMP/chairjar")
	node_stop "$NODE_PID"
	set -- "home, anonymous|/|" "lesson, anonymous|$LESSON|" \
	    "lesson, signed in|$LESSON|$ck" "course, signed in|/courses/$SLUG|$ck" \
	    "case, signed in|$CASE|$ck" "chair's list|$CHAIR_LIST|$cc"
	say ""
	say "$([ $b = pg ] && echo "PostgreSQL: round trips" ||
	    echo "SQLite: statements") per request (page cache off):"
	for c in "$@"; do
		name=${c%%|*}
		rest=${c#*|}
		r=$(trips "$b-$(echo "$name" | tr -c 'a-z\n' '-')" "$TMP/$b" \
		    "$db" "${rest%%|*}" "${rest#*|}")
		say "$(printf '  %-22s %6s  (%s requests)' "$name" ${r% *} \
		    ${r#* })"
		if [ $b = pg ]; then
			case $name in
			"lesson, signed in") PG_LESSON=${r% *} PG_CK=${rest#*|} ;;
			"case, signed in") PG_CASE=${r% *} ;;
			"chair's list") PG_CHAIR=${r% *} ;;
			esac
		fi
	done
done
say ""
say "PostgreSQL, signed-in lesson, by connections (strict: one sync per batch):"
for n in 2 8 32; do
	r=$(trips "pg-conns-$n" "$TMP/pg" "$PG_URL" "$LESSON" "$PG_CK" "$n")
	say "$(printf '  %2d connections         %6s  (%s requests)' "$n" \
	    ${r% *} ${r#* })"
done
say "  (load average $(load))"
row "PostgreSQL round trips per page (signed-in lesson, case, chair's list)" \
    "$PG_LESSON, $PG_CASE, $PG_CHAIR" "<= 2" \
    "$(awk -v a="$PG_LESSON" -v b="$PG_CASE" -v c="$PG_CHAIR" \
    'function r(x) { return int(x * 10 + 0.5) / 10 }
    BEGIN { print (r(a) <= 2 && r(b) <= 2 && r(c) <= 2) }')"
keep trips
