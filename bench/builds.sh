#!/bin/sh
# builds.sh: one signed-in page on two builds side by side, to judge a
# change against the build before it on a shared host: the same demo
# data, one node each (SQLite, 2 workers), the same user, wrk -t2 -c32
# in ROUNDS interleaved rounds, median req/s and p99, and the ratio
# new/old; and, less moved by the other work on a shared host, the CPU
# time the node's workers spent per request (utime + stime of their
# /proc stat over a run, over its requests), median of the rounds. The
# pages are checked to be the same bytes but for the per-session token
# first. Not run by `make bench` (it needs the other
# build): for a before/after figure in bench/NOTES.md.
# Everything on 127.0.0.1 in a temp dir, stopped and removed on exit.
# Figures go to stdout and bench/results/builds.txt.
#
# Environment: see bench/lib.sh (ETHICA_BUILD: the new build);
# BENCH_OLD, the other build's directory (required); BENCH_PAGE (default
# the signed-in lesson page); BENCH_EMAIL (default the demo learner).

PORT_BASE=9600
. "$(dirname "$0")/lib.sh"
bench_init builds
PAGE=${BENCH_PAGE:-/courses/ethics-of-ai/lessons/what-ai-systems-are}
EMAIL=${BENCH_EMAIL:-learner@demo.ethica.example}
[ -n "${BENCH_OLD:-}" ] || die "BENCH_OLD: the other build's directory"
OLD_BIN=$BENCH_OLD/ethica
[ -x "$OLD_BIN" ] || die "$OLD_BIN missing"
NEW_BIN=$BIN

need wrk curl ss
header "Ethica two builds benchmark,"
say "new $NEW_BIN, old $OLD_BIN, page $PAGE as $EMAIL."
for b in old new; do
	eval "BIN=\$$(echo "$b" | tr a-z A-Z)_BIN"
	demo "$TMP/$b"
	free_port P
	node "$b" "$P" "$TMP/$b"
	eval "URL_$b=http://127.0.0.1:$P"
	eval "W_$b=\"$(workers_of "$b")\""
	eval "sign_in \"\$URL_$b\" \"$TMP/jar.$b\" \"$EMAIL\""
	eval "CK_$b=\$(cookie_of \"$TMP/jar.$b\")"
	eval "signed_in \"\$URL_$b\" \"$PAGE\" \"\$CK_$b\"" ||
	    die "$PAGE not served signed in by the $b build"
	sed 's/name="csrf" value="[^"]*"//' "$TMP/check.html" >"$TMP/page.$b"
done
BIN=$NEW_BIN
cmp -s "$TMP/page.old" "$TMP/page.new" ||
    say "  NOTE: the two builds answer different bytes"
say "  page $(wc -c <"$TMP/page.new") B"
say ""
# ticks B: the clock ticks the workers of build B have used.
ticks()
{
	eval "ws=\$W_$1"
	for w in $ws; do
		awk '{ print $14 + $15 }' "/proc/$w/stat"
	done | awk '{ s += $1 } END { print s + 0 }'
}
r=1
while [ $r -le "$ROUNDS" ]; do
	for b in old new; do
		t0=$(ticks "$b")
		eval "out=\$(wrk1 \"\$URL_$b$PAGE\" \"\$CK_$b\")"
		t1=$(ticks "$b")
		echo "$out" >>"$TMP/runs.$b"
		# microseconds of worker CPU per request
		echo "$out" | awk -v d="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" \
		    -v dur="$DUR" '{ printf "%.1f\n", d * 1e6 / hz / ($1 * dur) }' \
		    >>"$TMP/cpu.$b"
	done
	r=$((r + 1))
done
for b in old new; do
	med=$(sort -n "$TMP/runs.$b" | awk -v n="$ROUNDS" \
	    'NR == int((n + 1) / 2) { print $1 }')
	p99=$(sort -n -k2 "$TMP/runs.$b" | awk -v n="$ROUNDS" \
	    'NR == int((n + 1) / 2) { print $2 }')
	cpu=$(sort -n "$TMP/cpu.$b" | awk -v n="$ROUNDS" \
	    'NR == int((n + 1) / 2) { print $1 }')
	eval "M_$b=$med; C_$b=$cpu"
	say "$(printf '  %-10s %7s req/s  p99 %7s ms  %7s us CPU/request' \
	    "$b build" "$med" "$p99" "$cpu")" \
	    "(runs $(awk '{ printf "%s%s", (NR > 1 ? "/" : ""), $1 }' \
	    "$TMP/runs.$b"); CPU $(tr '\n' '/' <"$TMP/cpu.$b" | sed 's,/$,,'))"
done
say "  (load average $(load))"
say "  new/old: req/s $(ratio "$M_new" "$M_old"), CPU per request" \
    "$(ratio "$C_new" "$C_old")"
keep builds
