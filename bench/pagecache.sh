#!/bin/sh
# pagecache.sh: the page cache as visitors meet it (issue 14.3): a few
# hundred anonymous requests a second spread over ~1,000 pages (the case
# pages of `ethica dev seed-cases 1000`, the home page, a course and a
# lesson), on SQLite and on PostgreSQL, in three runs each on a fresh
# node: the page cache on; on with a signed-in learner reading lessons
# beside the visitors (each view of another lesson is recorded: a write
# every 250 ms per worker, and a session read per request); off. For
# each, the visitors' req/s, p50 and p99, and the hit rate the workers
# count (logged when they stop). Pages are kept until the content version
# moves (migration 0018), so the learner's writes must leave the hit rate
# as it is: before, any commit emptied every worker's cache.
# Figures go to stdout and to bench/results/pagecache.txt.
#
# Environment (besides lib.sh's): BENCH_DBS (default "sqlite pg"),
# BENCH_CASES (default 1000), BENCH_CONNS (default 8), BENCH_DELAY_MS
# (default 20).

PORT_BASE=8000
. "$(dirname "$0")/lib.sh"
bench_init pagecache
need wrk curl
DBS=${BENCH_DBS:-sqlite pg}
NCASES=${BENCH_CASES:-1000}
CONNS=${BENCH_CONNS:-8}
BENCH_DELAY_MS=${BENCH_DELAY_MS:-20}
export BENCH_DELAY_MS
COURSE=/courses/ethics-of-ai
LEARNER=learner@demo.ethica.example

# visitors BASE PATHS [COOKIE [CONNS]]: one rate-limited run of
# visitors.lua over the pages listed in PATHS; prints "REQS P99_MS
# NON2XX P50_MS".
visitors()
{
	BENCH_PATHS=$2 BENCH_COOKIE=${3:-} wrk -t2 -c"${4:-$CONNS}" \
	    -d"${DUR}s" --latency -s "$ROOT/bench/visitors.lua" "$1" 2>&1 |
	    wrk_parse
}

# hits LOG: "H M" summed over the workers' exit lines.
hits()
{
	awk '/page cache: / { for (i = 1; i <= NF; i++) {
		if ($(i) == "hits,") h += $(i - 1)
		if ($(i) == "misses,") m += $(i - 1) } }
	    END { printf "%d %d\n", h, m }' "$1"
}

# paths BASE: TMP/paths.txt, every published case page (from the API)
# and the home, course and lesson pages; TMP/lessons.txt, the course's
# lessons.
paths()
{
	: >"$TMP/paths.txt"
	p=1
	while :; do
		curl -s "$1/api/cases?per_page=100&page=$p" |
		    grep -o '"slug":"[^"]*"' | sed 's/"slug":"\(.*\)"/\/cases\/\1/' \
		    >"$TMP/page.txt"
		[ -s "$TMP/page.txt" ] || break
		cat "$TMP/page.txt" >>"$TMP/paths.txt"
		p=$((p + 1))
	done
	curl -s "$1$COURSE" | grep -o "href=\"$COURSE/lessons/[^\"]*\"" |
	    sed 's/href="\(.*\)"/\1/' | sort -u >"$TMP/lessons.txt"
	[ -s "$TMP/lessons.txt" ] || die "no lessons on $COURSE"
	{ echo /; echo "$COURSE"; head -1 "$TMP/lessons.txt"; } \
	    >>"$TMP/paths.txt"
}

# mode DB NAME DATA [DBURL]: a fresh node, ROUNDS runs of the visitors
# (with the learner beside them for NAME cache-on+writes), the node
# stopped; says the median run and the hit rate.
mode()
{
	env=""
	[ "$2" = cache-off ] && env="ETHICA_PAGE_CACHE=off"
	free_port P
	if [ -n "$env" ]; then
		export ETHICA_PAGE_CACHE=off
	else
		unset ETHICA_PAGE_CACHE
	fi
	node "$1-$2" "$P" "$3" "${4:-}"
	unset ETHICA_PAGE_CACHE
	base=http://127.0.0.1:$P
	[ -s "$TMP/paths.txt" ] || paths "$base"
	ck=""
	if [ "$2" = cache-on+writes ]; then
		sign_in "$base" "$TMP/jar" "$LEARNER"
		post "$base" "$TMP/jar" "$COURSE" "$COURSE/enrol" >/dev/null 2>&1
		ck=$(cookie_of "$TMP/jar")
		signed_in "$base" "$(head -1 "$TMP/lessons.txt")" "$ck" ||
		    die "the learner is not signed in"
	fi
	: >"$TMP/runs.$1.$2"
	: >"$TMP/learner.$1.$2"
	r=1
	while [ $r -le "$ROUNDS" ]; do
		if [ -n "$ck" ]; then
			visitors "$base" "$TMP/lessons.txt" "$ck" 2 \
			    >>"$TMP/learner.$1.$2" &
			lpid=$!
		fi
		visitors "$base" "$TMP/paths.txt" >>"$TMP/runs.$1.$2"
		[ -n "$ck" ] && wait "$lpid"
		r=$((r + 1))
	done
	node_stop "$NODE_PID"
	set -- "$1" "$2" $(hits "$TMP/$1-$2.log")
	rate=$(awk -v h="$3" -v m="$4" 'BEGIN { if (h + m > 0)
	    printf "%.1f %%", 100 * h / (h + m); else print "n/a" }')
	med=$(sort -n "$TMP/runs.$1.$2" | awk -v n="$ROUNDS" \
	    'NR == int((n + 1) / 2) { print }')
	eval "RATE_$(echo "$1_$2" | tr -c 'a-z\n' '_')=\"$rate\""
	set -- "$1" "$2" "$3" "$4" $med
	say "$(printf '  %-7s %-16s %5s req/s  p50 %6s ms  p99 %7s ms  hit rate %s (%s of %s)%s' \
	    "$1" "$2" "$5" "$8" "$6" "$rate" "$3" "$(($3 + $4))" \
	    "$([ "$7" -gt 0 ] && echo ", $7 non-2xx")")"
	say "    runs (req/s p99 non-2xx p50): $(tr '\n' ';' \
	    <"$TMP/runs.$1.$2")"
	[ -s "$TMP/learner.$1.$2" ] &&
	    say "    beside: the learner's lesson views (req/s p99 non-2xx" \
	    "p50): $(tr '\n' ';' <"$TMP/learner.$1.$2")"
	return 0
}

header "Ethica page cache benchmark (issue 14.3),"
say "  $NCASES case pages, the home page, a course page, a lesson;" \
    "wrk -t2 -c$CONNS, each connection waiting ${BENCH_DELAY_MS} ms" \
    "between requests, ${DUR} s, $ROUNDS rounds; +writes: a signed-in" \
    "learner (2 connections, same pace) reading the course's lessons"
for db in $DBS; do
	d=$TMP/d-$db
	url=""
	if [ "$db" = pg ]; then
		pg_start pg
		url=$PG_URL
	fi
	demo "$d" "$url"
	if [ -n "$url" ]; then
		"$BIN" dev seed-cases "$NCASES" --data "$d" --db "$url"
	else
		"$BIN" dev seed-cases "$NCASES" --data "$d"
	fi >"$TMP/seed.log" 2>&1 || die "seeding failed (see $TMP/seed.log)"
	rm -f "$TMP/paths.txt"
	for m in cache-on cache-on+writes cache-off; do
		mode "$db" "$m" "$d" "$url"
	done
	say "  (load average $(load))"
done
for db in $DBS; do
	eval "on=\$RATE_${db}_cache_on; w=\$RATE_${db}_cache_on_writes"
	row "page cache hit rate, visitors over $NCASES case pages and 3 others ($db)" \
	    "$on; $w with a signed-in learner's writes beside" \
	    "kept until the content changes, on every backend" -
done
keep pagecache
