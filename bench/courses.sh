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

PORT_BASE=6000
. "$(dirname "$0")/lib.sh"
bench_init courses
LEARNERS=${BENCH_LEARNERS:-100000}
PROGRESS=${BENCH_PROGRESS:-5000000}
COURSES=${BENCH_COURSES:-1000}
EMAIL=learner@demo.ethica.example
SLUG=ethics-of-ai
DONE_KEYS="what-ai-systems-are harms-and-benefits human-ai-interaction"
LESSON=/courses/$SLUG/lessons/the-recommendation

# learner BASE JAR: signs the demo learner in, enrols them in SLUG and
# marks DONE_KEYS done (idempotent: the same state on every database).
learner()
{
	sign_in "$1" "$2" "$EMAIL"
	post "$1" "$2" "/courses/$SLUG" "/courses/$SLUG/enrol"
	for k in $DONE_KEYS; do
		post "$1" "$2" "/courses/$SLUG/lessons/$k" \
		    "/courses/$SLUG/lessons/$k/done"
	done
}

need wrk nginx curl ss awk
say "Ethica courses benchmark (issue 4, point 11), $(date -u '+%Y-%m-%d %H:%M UTC'),"
REV=$(git rev-parse --short HEAD 2>/dev/null)
say "$(nproc) cores, git ${REV:-unknown}, load $(load)." \
    "wrk -t2 -c32 -d${DUR}s --latency, $ROUNDS interleaved rounds, median."
say "wrk, nginx and both Ethica nodes (2 workers each, SQLite) share the"
say "same cores: the client takes about half the CPU."

# The small database: the demo content only.
demo "$TMP/small"

# The big one: the demo, then the seed (kept in BENCH_CACHE when set).
BIG=$TMP/big
if [ -n "$BENCH_CACHE" ]; then
	mkdir -p "$BENCH_CACHE" && chmod 711 "$BENCH_CACHE" ||
	    die "cannot make $BENCH_CACHE"
	BIG=$BENCH_CACHE/courses-$COURSES-$LEARNERS-$PROGRESS
fi
if [ ! -f "$BIG/seeded" ]; then
	rm -rf "$BIG"
	demo "$BIG"
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
mkdir -p "$TMP/nginx/www"
curl -s -H "Cookie: $CS" "$SMALL$LESSON" >"$TMP/nginx/www/lesson.html"
curl -s "$BIGU/courses" >"$TMP/nginx/www/courses.html"
nginx_start "lesson.html=$LESSON" "courses.html=/courses"

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
    "/courses?q=health|$BIGU/courses?q=health|" \
    "nginx /courses (same bytes)|$NGINX/courses|"
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

row "signed-in lesson page (small db) vs nginx" \
    "$r1 of nginx ($M_2 vs $M_1 req/s, load $(load))" ">= 0.5" \
    "$(awk -v r="$r1" 'BEGIN { print (r >= 0.5) }')"
rc=$(ratio "$M_6" "$M_9")
row "catalog /courses (big db) vs nginx" \
    "$rc of nginx ($M_6 vs $M_9 req/s, p99 $P_6 ms)" ">= 0.5" \
    "$(awk -v r="$rc" 'BEGIN { print (r >= 0.5) }')"
keep courses
