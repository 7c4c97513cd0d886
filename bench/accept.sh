#!/bin/sh
# accept.sh: how Kore's workers share wrk's connections (issue 14.6). For
# each setting in BENCH_THRESHOLDS (default "8:0 1:1", each
# worker_accept_threshold:worker_set_affinity: the old setting, then
# conf/ethica.conf.in's), one `ethica serve` node with 2 workers on the
# demo data, the config otherwise the same; BENCH_RUNS
# (default 12) interleaved runs of wrk -t2 -c32 -d3s on the home page.
# Near the end of each run, `ss -tip` gives every server socket's worker
# and the requests it received (data_segs_in: one segment per small GET);
# per run we print each worker's share of the requests and count the runs
# where one worker had more than 90 % of them ("lopsided") and those with
# connections no worker had accepted after 2.5 s.
# Figures go to stdout and are appended to bench/results/accept.txt.
#
# Environment: ETHICA_BUILD (default build), BENCH_RUNS, BENCH_THRESHOLDS,
# BENCH_PAGE (default /).

cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)
BUILD=${ETHICA_BUILD:-build}
case "$BUILD" in
/*)	BIN=$BUILD/ethica ;;
*)	BIN=$ROOT/$BUILD/ethica ;;
esac
RUNS=${BENCH_RUNS:-12}
THRESHOLDS=${BENCH_THRESHOLDS:-8:0}
PAGE=${BENCH_PAGE:-/}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ethica-bench-accept.XXXXXX") || exit 1
chmod 711 "$TMP"
OUT=$TMP/results.txt
PIDS=""

cleanup()
{
	for p in $PIDS; do
		kill -TERM "$p" 2>/dev/null
	done
	sleep 1
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

PORT_BASE=7400
. scripts/ports.sh

for tool in wrk curl ss awk; do
	command -v $tool >/dev/null 2>&1 || die "$tool is not installed"
done
[ -x "$BIN" ] || die "$BIN missing (run make)"

# share T:A: a copy of the share folder whose config has threshold T and
# affinity A.
share()
{
	th=${1%:*}
	af=${1#*:}
	d=$TMP/share$(tag "$1")
	mkdir -p "$d/conf"
	for e in "$ROOT"/*; do
		[ "$(basename "$e")" = conf ] || ln -s "$e" "$d/"
	done
	cp -r "$ROOT/conf/routes" "$d/conf/"
	sed -e "/^worker_set_affinity/d" -e "s/^worker_accept_threshold.*/\
worker_accept_threshold	$th\\
worker_set_affinity	$af/" "$ROOT/conf/ethica.conf.in" \
	    >"$d/conf/ethica.conf.in"
	grep -q "^worker_accept_threshold	$th\$" "$d/conf/ethica.conf.in" ||
	    die "no worker_accept_threshold line in conf/ethica.conf.in"
}

# tag T:A: T_A, for file and variable names.
tag()
{
	echo "$1" | tr : _
}

# node T_A PORT: a node serving the demo with that share folder.
node()
{
	ETHICA_SHARE=$TMP/share$1 "$BIN" demo --data "$TMP/d$1" \
	    >"$TMP/demo$1.log" 2>&1 || die "demo failed ($TMP/demo$1.log)"
	ETHICA_SHARE=$TMP/share$1 "$BIN" serve --listen "127.0.0.1:$2" \
	    --data "$TMP/d$1" --workers 2 >"$TMP/node$1.log" 2>&1 &
	PIDS="$PIDS $!"
	i=0
	until [ "$(curl -s -m 1 "http://127.0.0.1:$2/healthz")" = ok ]; do
		i=$((i + 1))
		[ $i -gt 150 ] && die "node $1 did not start"
		sleep 0.1
	done
}

# split PORT: "a/b/q": requests per worker of the server on PORT so far
# (workers by pid, the larger share first), and connections still in the
# listen queue (no worker has accepted them). ss -i puts each socket's
# counters on the line after its addresses.
split()
{
	ss -Htipn state established "( sport = :$1 )" 2>/dev/null | awk '
	    /^[0-9]/ { p = "queue"; for (i = 1; i <= NF; i++)
		if ($i ~ /pid=/) { p = $i; sub(/.*pid=/, "", p);
		    sub(/,.*/, "", p) }
		if (p == "queue") q++
		next }
	    { for (i = 1; i <= NF; i++) if ($i ~ /^data_segs_in:/) {
		n = $i; sub(/data_segs_in:/, "", n);
		if (p != "queue") s[p] += n } }
	    END { k = 0; for (p in s) v[k++] = s[p];
		while (k < 2) v[k++] = 0;
		if (v[0] < v[1]) { t = v[0]; v[0] = v[1]; v[1] = t }
		printf "%d/%d/%d\n", v[0], v[1], q }'
}

: >"$OUT"
say "Ethica accept balancing, $(date -u '+%Y-%m-%d %H:%M UTC')," \
    "$(nproc) cores, git $(git rev-parse --short HEAD 2>/dev/null)," \
    "load $(cut -d' ' -f1-3 /proc/loadavg)"
say "  wrk -t2 -c32 -d3s $PAGE, $RUNS runs per threshold, interleaved;" \
    "requests per worker (larger/smaller) at 2.5 s"
for t in $THRESHOLDS; do
	share "$t"
	free_port P
	eval "PORT_$(tag "$t")=$P"
	node "$(tag "$t")" "$P"
done
r=1
while [ $r -le "$RUNS" ]; do
	for t in $THRESHOLDS; do
		g=$(tag "$t")
		eval "p=\$PORT_$g"
		wrk -t2 -c32 -d3s "http://127.0.0.1:$p$PAGE" \
		    >"$TMP/wrk.$g.$r" 2>&1 &
		w=$!
		sleep 2.5
		split "$p" >>"$TMP/split.$g"
		wait $w
	done
	r=$((r + 1))
done
for t in $THRESHOLDS; do
	g=$(tag "$t")
	awk -v t="$t" -F/ '
	    { tot = $1 + $2; sh = tot > 0 ? $1 / tot : 1;
	      runs = runs sprintf("%s%.0f%%", NR > 1 ? " " : "", sh * 100);
	      if (sh > 0.9) lop++; if ($3 > 0) { stuck++; nq += $3 } }
	    END { printf "  threshold:affinity %-4s larger share per run:" \
		" %s; lopsided (> 90 %%) %d of %d; runs with connections" \
		" never accepted %d (%d in all)\n", t, runs, lop + 0, NR,
		stuck + 0, nq + 0 }' \
	    "$TMP/split.$g" | tee -a "$OUT"
	rq=$(awk '/Requests\/sec:/ { printf "%s%.0f", (n++ ? "/" : ""), $2 }' \
	    $(ls "$TMP"/wrk."$g".* | sort -t. -k3 -n))
	say "      req/s per run: $rq"
done
# The row of issue 14's table (make bench), for the first setting (the
# configuration's own by default).
g=$(tag "${THRESHOLDS%% *}")
awk -F/ '{ tot = $1 + $2; printf "%.0f\n", (tot > 0 ? $1 / tot : 1) * 100 }' \
    "$TMP/split.$g" | sort -n >"$TMP/shares"
n=$(wc -l <"$TMP/shares")
med=$(sed -n "$(((n + 1) / 2))p" "$TMP/shares")
lop=$(awk '$1 > 90' "$TMP/shares" | wc -l)
v=MISSED
[ "$lop" = 0 ] && v=met
say "  row: the workers' shares of wrk's 32 connections | larger share" \
    "median $med %, over 90 % in $lop of $n runs | goal no worker idle" \
    "while the other serves (none over 90 %) | $v"
[ -n "${BENCH_ROWS:-}" ] &&
    printf '%s | %s | %s | %s\n' "the workers' shares of wrk's 32 connections" \
    "larger share median $med %, over 90 % in $lop of $n runs" \
    "no worker idle while the other serves (none over 90 %)" "$v" \
    >>"$BENCH_ROWS"
say "  load after: $(cut -d' ' -f1-3 /proc/loadavg)"

mkdir -p bench/results
{ cat "$OUT"; echo ""; } >>bench/results/accept.txt
echo "(appended to bench/results/accept.txt)"
