#!/bin/sh
# chair.sh: the chair's case list at scale (issue 14, point 1), wrk -t2
# -c32, ROUNDS interleaved rounds, median req/s and median p99:
#   1. /chair/calls/1/cases for the demo chair with 1,000 seeded cases
#      (`ethica dev seed-submissions 1000`: 3 reviews each) vs nginx
#      serving the same bytes: >= 0.3, p99 <= 10 ms;
#   2. the same page with 10,000 seeded cases: within 20 % of 1,000.
# Everything on 127.0.0.1 in a temp dir, stopped and removed on exit.
# Figures go to stdout and bench/results/chair.txt.
#
# Environment: see bench/lib.sh; BENCH_SMALL (default 1000), BENCH_BIG
# (default 10000), BENCH_SEED_BIN (the ethica that seeds; default the one
# that serves); BENCH_BUILDS (other build folders, such as the build
# before a change, in a worktree built with make: each serves the small
# database as it seeds it, with its own templates, routes and migrations,
# from the folder above it, in the same rounds, interleaved; the rows are
# this build's).

PORT_BASE=7000
. "$(dirname "$0")/lib.sh"
bench_init chair
SMALL=${BENCH_SMALL:-1000}
BIG=${BENCH_BIG:-10000}
SEED_BIN=${BENCH_SEED_BIN:-$BIN}
EMAIL=chair@demo.ethica.example
PAGE=/chair/calls/1/cases

need wrk nginx curl ss
header "Ethica chair list benchmark,"
for n in "$SMALL" "$BIG"; do
	demo "$TMP/d$n"
	"$SEED_BIN" dev seed-submissions "$n" --data "$TMP/d$n" \
	    >"$TMP/seed$n.log" 2>&1 ||
	    die "seeding failed (see $TMP/seed$n.log)"
done
# Each other build seeds its own copy with its own binary: its schema
# may lack this build's migrations (a newer database is refused).
n=0
for b in ${BENCH_BUILDS:-}; do
	n=$((n + 1))
	case "$b" in
	/*)	ob=$b ;;
	*)	ob=$ROOT/$b ;;
	esac
	"$ob/ethica" demo --data "$TMP/o$n" >>"$TMP/demo.log" 2>&1 &&
	    "$ob/ethica" dev seed-submissions "$SMALL" --data "$TMP/o$n" \
	    >"$TMP/seedo$n.log" 2>&1 ||
	    die "seeding with $b failed (see $TMP/seedo$n.log)"
done
free_port PS
free_port PB
node small "$PS" "$TMP/d$SMALL"
node big "$PB" "$TMP/d$BIG"
sign_in "http://127.0.0.1:$PS" "$TMP/jar.s" "$EMAIL"
sign_in "http://127.0.0.1:$PB" "$TMP/jar.b" "$EMAIL"
CS=$(cookie_of "$TMP/jar.s")
CB=$(cookie_of "$TMP/jar.b")
signed_in "http://127.0.0.1:$PS" "$PAGE" "$CS" || die "chair list not served"
mkdir -p "$TMP/nginx/www"
sed '$d' "$TMP/check.html" >"$TMP/nginx/www/page.html"
rows=$(grep -o 'name="id" value=' "$TMP/nginx/www/page.html" | wc -l)
nginx_start "page.html=$PAGE"
say "  page $PAGE: $(wc -c <"$TMP/nginx/www/page.html") B, $rows rows shown"
say ""
say "Chair's case list, SQLite, 1 node, 2 workers:"
set -- "cases ($SMALL seeded)|http://127.0.0.1:$PS$PAGE|$CS" \
    "nginx, same bytes|$NGINX$PAGE|" \
    "cases ($BIG seeded)|http://127.0.0.1:$PB$PAGE|$CB"
n=0
for b in ${BENCH_BUILDS:-}; do
	n=$((n + 1))
	case "$b" in
	/*)	ob=$b ;;
	*)	ob=$ROOT/$b ;;
	esac
	[ -x "$ob/ethica" ] || die "$ob/ethica missing"
	free_port PO
	keep_bin=$BIN
	keep_share=$ETHICA_SHARE
	BIN=$ob/ethica
	ETHICA_SHARE=$(cd "$ob/.." && pwd)
	node "o$n" "$PO" "$TMP/o$n"
	BIN=$keep_bin
	ETHICA_SHARE=$keep_share
	sign_in "http://127.0.0.1:$PO" "$TMP/jar.o$n" "$EMAIL"
	set -- "$@" "cases ($SMALL seeded), $b|http://127.0.0.1:$PO$PAGE|$(cookie_of "$TMP/jar.o$n")"
done
bench chair "$@"
i=3
for b in ${BENCH_BUILDS:-}; do
	i=$((i + 1))
	eval "m=\$M_$i"
	say "  $b: $(ratio "$m" "$M_2") of nginx (this build $(ratio "$M_1" \
	    "$M_2"))"
done
r=$(ratio "$M_1" "$M_2")
s=$(ratio "$M_3" "$M_1")
say "  ratio ours/nginx: $r (target >= 0.3), p99 $P_1 ms (target <= 10)"
say "  $BIG / $SMALL seeded: $s (target >= 0.8)"
row "chair's case list, $SMALL submissions" "$r of nginx, p99 $P_1 ms" \
    ">= 0.3 of nginx, p99 <= 10 ms" "$(awk -v r="$r" -v p="$P_1" \
    'BEGIN { print (r >= 0.3 && p <= 10) ? 1 : 0 }')"
row "chair's case list, $BIG vs $SMALL submissions" "$s" ">= 0.8" \
    "$(awk -v s="$s" 'BEGIN { print (s >= 0.8) ? 1 : 0 }')"
keep chair
