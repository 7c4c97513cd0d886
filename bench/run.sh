#!/bin/sh
# run.sh: `make bench` (not part of `make test`): runs every bench script
# there is, one after the other, each printing its figures, and ends with
# the rows of issue 14's table the scripts reported (bench/lib.sh `row`).
# Each run is kept whole as bench/results/YYYY-MM-DDTHHMM.txt and
# bench/results/latest.txt; each script also keeps its own last run as
# bench/results/NAME.txt.
#
# Environment: BENCH_SCRIPTS (the scripts to run, by name, in order;
# default all of them: pages courses cases pagecpu chair pagecache login writes
# trips pglesson compress accept),
# and what bench/lib.sh reads (ETHICA_BUILD, BENCH_DURATION,
# BENCH_ROUNDS). A script that is missing is reported as such; one that
# fails is reported and the others still run.

cd "$(dirname "$0")/.." || exit 1
SCRIPTS=${BENCH_SCRIPTS:-pages courses cases pagecpu chair pagecache login writes trips pglesson compress accept}
STAMP=$(date -u '+%Y-%m-%dT%H%M')
mkdir -p bench/results
RUN=bench/results/$STAMP.txt
BENCH_ROWS=$(mktemp "${TMPDIR:-/tmp}/ethica-bench-rows.XXXXXX") || exit 1
export BENCH_ROWS
trap 'rm -f "$BENCH_ROWS"' EXIT
trap 'exit 130' INT TERM

{
	echo "make bench, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
	    "git $(git rev-parse --short HEAD 2>/dev/null || echo unknown)," \
	    "load $(cut -d' ' -f1-3 /proc/loadavg); scripts: $SCRIPTS"
} | tee "$RUN"

for s in $SCRIPTS; do
	{
		echo ""
		echo "=== bench/$s.sh"
	} | tee -a "$RUN"
	if [ ! -f "bench/$s.sh" ]; then
		echo "(bench/$s.sh is not there: its rows are missing)" |
		    tee -a "$RUN"
		echo "$s.sh | not run (missing) | - | -" >>"$BENCH_ROWS"
		continue
	fi
	before=$(wc -l <"$BENCH_ROWS")
	sh "bench/$s.sh" 2>&1 | tee -a "$RUN"
	rc=$(tail -n 1 "$RUN" | grep -c '^bench: ')
	# A script not yet on bench/lib.sh reports no rows: its target
	# lines stand in for them.
	if [ "$(wc -l <"$BENCH_ROWS")" = "$before" ]; then
		sed -n "/^=== bench\/$s.sh\$/,\$p" "$RUN" |
		    grep -i 'target\|goal' | sed "s/^ */$s.sh: /" |
		    awk '{ print $0 " | | | see above" }' >>"$BENCH_ROWS"
	fi
	[ "$rc" -gt 0 ] &&
	    echo "$s.sh | FAILED: $(tail -n 1 "$RUN") | - | -" >>"$BENCH_ROWS"
done

{
	echo ""
	echo "=== Issue 14's table (what | measured | goal | verdict)"
	sed 's/^/  /' "$BENCH_ROWS"
} | tee -a "$RUN"
cp "$RUN" bench/results/latest.txt
echo "(written to $RUN and bench/results/latest.txt)"
