#!/bin/sh
# pages.sh: the public pages against nginx and SQLite against PostgreSQL
# (run by `make bench`, bench/run.sh). wrk -t2 -c32, ROUNDS interleaved
# rounds per case, median req/s and p99 latency:
#   A. our home and login pages vs nginx serving the same bytes from a
#      file, with the ratio ours/nginx; then the home page again with the
#      page cache off (every page rendered), which B and C use too;
#   B. the home page and the lesson page on SQLite vs PostgreSQL, one
#      node (issue 14's row "lesson page on PostgreSQL");
#   C. one node vs two nodes behind HAProxy (PostgreSQL).
# Everything on 127.0.0.1 in a temp dir, stopped and removed on exit.
# Figures go to stdout and bench/results/pages.txt.
#
# Environment: see bench/lib.sh; BENCH_ONLY=A (part A only).

PORT_BASE=9000
. "$(dirname "$0")/lib.sh"
bench_init pages
LESSON=/courses/ethics-of-ai/lessons/what-ai-systems-are

need wrk nginx haproxy curl psql ss
header "Ethica pages benchmark,"
say "wrk -t2 -c32 -d${DUR}s, $ROUNDS interleaved rounds, median. wrk, nginx,"
say "HAProxy, PostgreSQL and every Ethica node share the same $(nproc) cores:"
say "the client takes about half the CPU, so these are lower bounds."

# SQLite node with the demo content.
demo "$TMP/lite"
free_port PL
node lite "$PL" "$TMP/lite"
LITE_PID=$NODE_PID
LITE=http://127.0.0.1:$PL

# nginx serving the same bytes.
mkdir -p "$TMP/nginx/www"
curl -s "$LITE/" >"$TMP/nginx/www/home.html"
curl -s "$LITE/login" >"$TMP/nginx/www/login.html"
curl -s "$LITE/calls/1" >"$TMP/nginx/www/call.html"
nginx_start home.html=/ login.html=/login call.html=/calls/1
say ""
say "A. Ethica (SQLite, 1 node, 2 workers) vs nginx (2 workers), same bytes:"
say "   home $(wc -c <"$TMP/nginx/www/home.html") B," \
    "login $(wc -c <"$TMP/nginx/www/login.html") B"
bench a "ethica /|$LITE/|" "nginx /|$NGINX/|" "ethica /login|$LITE/login|" \
    "nginx /login|$NGINX/login|"
say "  ratio ours/nginx: home $(ratio "$M_1" "$M_2") (target >= 0.5)," \
    "login $(ratio "$M_3" "$M_4")"

# The same node with its page cache off: every home page rendered. Parts
# B and C use this node too, so that SQLite and PostgreSQL are compared
# on the same work.
node_stop "$LITE_PID"
ETHICA_PAGE_CACHE=off
export ETHICA_PAGE_CACHE
node lite "$PL" "$TMP/lite"
say "A'. The same with the page cache off (ETHICA_PAGE_CACHE=off):"
bench a2 "ethica /, rendered|$LITE/|" "nginx /|$NGINX/|" \
    "ethica /calls/1, rendered|$LITE/calls/1|" "nginx /calls/1|$NGINX/calls/1|"
say "  ratio ours/nginx: home $(ratio "$M_1" "$M_2")"
r=$(ratio "$M_3" "$M_4")
row "call page /calls/1 (rendered) vs nginx" \
    "$r of nginx ($M_3 vs $M_4 req/s, p99 $P_3 ms)" ">= 0.5" \
    "$(awk -v r="$r" 'BEGIN { print (r >= 0.5) }')"
if [ "${BENCH_ONLY:-}" = A ]; then
	keep pages
	exit 0
fi

# PostgreSQL: the same demo content, one node, then two behind HAProxy.
pg_start pg
demo "$TMP/pg1" "$PG_URL"
free_port P1
free_port P2
free_port HP
node pg1 "$P1" "$TMP/pg1" "$PG_URL"
node pg2 "$P2" "$TMP/pg2" "$PG_URL"
cat >"$TMP/haproxy.cfg" <<EOF
global
	maxconn 4096
	nbthread 1
defaults
	mode http
	timeout connect 1s
	timeout client 30s
	timeout server 10s
	retries 3
	option redispatch 1
	retry-on conn-failure empty-response response-timeout
	http-reuse always
frontend www
	bind 127.0.0.1:$HP
	default_backend nodes
backend nodes
	balance roundrobin
	option httpchk GET /healthz HTTP/1.1
	http-check send hdr Host 127.0.0.1
	server n1 127.0.0.1:$P1 check
	server n2 127.0.0.1:$P2 check
EOF
haproxy -db -f "$TMP/haproxy.cfg" >"$TMP/haproxy.log" 2>&1 &
PIDS="$PIDS $!"
wait_ok "http://127.0.0.1:$HP/healthz" || die "haproxy did not start"
sleep 1

say ""
say "B. SQLite vs PostgreSQL, one node (2 workers each, page cache off):"
lesson=$(curl -s -o /dev/null -w '%{http_code}' "$LITE$LESSON")
[ "$lesson" = 200 ] || die "no lesson page: $LESSON answered $lesson"
bench b "sqlite /|$LITE/|" "postgresql /|http://127.0.0.1:$P1/|" \
    "sqlite lesson|$LITE$LESSON|" \
    "postgresql lesson|http://127.0.0.1:$P1$LESSON|"
say "  PostgreSQL/SQLite home: $(ratio "$M_2" "$M_1")"
r=$(ratio "$M_4" "$M_3")
row "lesson page on PostgreSQL, one node (anonymous, cache off)" \
    "$r of SQLite ($M_4 vs $M_3 req/s, load $(load))" ">= 0.7" \
    "$(awk -v r="$r" 'BEGIN { print (r >= 0.7) }')"

say ""
say "C. PostgreSQL: one node vs two nodes behind HAProxy (2 workers each):"
bench c "1-node /|http://127.0.0.1:$P1/|" \
    "2-nodes+haproxy /|http://127.0.0.1:$HP/|" \
    "1-node lesson|http://127.0.0.1:$P1$LESSON|" \
    "2-nodes+haproxy lesson|http://127.0.0.1:$HP$LESSON|"
say "  two nodes + HAProxy / one node, home: $(ratio "$M_2" "$M_1")"
say "  (2 cores: two nodes and HAProxy compete with wrk for the same CPUs;"
say "  more nodes add capacity only on more machines or cores.)"
keep pages
