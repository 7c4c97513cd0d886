#!/bin/sh
# test.sh: the one command behind `make test`. Runs every suite, fast ones
# first, adds up their "N passed, N failed[, N skipped]" counts and ends with
# a line "N skipped" and then exactly one line "N passed, N failed". A suite
# that cannot run (build broken, missing tool, crash) counts as a failure, and
# so does every suite in which a test skipped: `make test` has everything
# it needs (PostgreSQL included), so nothing may skip, and a skip is named.
# Exit status 1 when anything failed. Runs from the repository root.
#
# Suites: (a) unit tests on SQLite and PostgreSQL (one throwaway cluster for
# the whole run) and the comparison of the two schemas (tests/schema),
# (b) fuzz corpus replay (clang ASan+UBSan), (c) code check,
# (d) HTTP tests on SQLite, (e) PostgreSQL: HTTP tests (and the unit tests
# when (a) is not run),
# (h) scale-out (PostgreSQL, two nodes, HAProxy, node killed under load;
# ethica db copy), (i) crash consistency (kill -9 under writes, SQLite and
# PostgreSQL), (f) browser tests, (g) ASan+UBSan: unit and HTTP tests.
#
# Environment: ETHICA_TEST_ONLY="a b d" runs only the listed suites (for
# local iteration; CI runs them all). ETHICA_TEST_JOBS: test files run at
# once by node's runner (2 unless set; each file has its own server on
# its own port and data, and one file alone leaves a core idle).
# Every build runs one compiler per core (MAKEFLAGS=-jN, N from nproc).

cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)

# One compiler per core for every make below (the builds of (a), (b) and
# (g) took a minute each one file at a time).
MAKEFLAGS="-j$(nproc 2>/dev/null || echo 2)"
export MAKEFLAGS

PASSED=0
FAILED=0
SKIPPED=0
BROKEN=""
ONLY=${ETHICA_TEST_ONLY:-"a b c d e h i f g"}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ethica-test.XXXXXX") || exit 1
chmod 711 "$TMP"	# the postgres user must reach $TMP/pg
PGDIR="$TMP/pg"
PG_STARTED=0
START_AT=$(date +%s)
STEP_AT=""
STEP_CPU=0

cleanup()
{
	if [ "$PG_STARTED" = 1 ]; then
		sh scripts/pg-temp.sh stop "$PGDIR" >/dev/null 2>&1
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# cpu_s: the user and system seconds of every process this script has
# waited for until the last `times >"$TMP/times"` (run in this shell: in
# a $(...) subshell it would count nothing); PostgreSQL's own processes,
# detached, are not among them.
cpu_s()
{
	awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) {
	    split($i, a, "m"); sub(/s$/, "", a[2]); t += a[1] * 60 + a[2] }
	    printf "%d\n", t }' "$TMP/times"
}

# header TITLE: a suite's heading, after the time the previous one took
# and the CPU time its processes used (so that the run's 20-minute budget
# can be kept suite by suite, and a suite that leaves the cores idle is
# seen as such).
header()
{
	_now=$(date +%s)
	times >"$TMP/times"
	_cpu=$(cpu_s)
	if [ -n "$STEP_AT" ]; then
		echo "(took $((_now - STEP_AT)) s, CPU $((_cpu - STEP_CPU)) s;" \
		    "$((_now - START_AT)) s so far)"
	fi
	STEP_AT=$_now
	STEP_CPU=$_cpu
	echo
	echo "=== $* ==="
}

wanted()
{
	case " $ONLY " in
	*" $1 "*) return 0 ;;
	esac
	return 1
}

# broken WHAT: one failure for a step that could not run.
broken()
{
	echo "BROKEN: $*"
	FAILED=$((FAILED + 1))
	BROKEN="$BROKEN
  $*"
}

# skipped NAME N: N tests of NAME skipped; in make test that is a failure.
skipped()
{
	[ "$2" -gt 0 ] || return 0
	SKIPPED=$((SKIPPED + $2))
	broken "$1: $2 skipped (make test must run every test)"
}

# count NAME LOG RC: add the last "N passed, N failed[, N skipped]" line of
# LOG. A non-zero exit with no failure counted, or no summary line at all, is
# one more failure (a crash); a skip is one too (see skipped).
count()
{
	_line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$2" | tail -n 1)
	if [ -z "$_line" ]; then
		broken "$1: no summary line (exit $3)"
		return
	fi
	_p=$(echo "$_line" | sed -E 's/^([0-9]+) passed.*/\1/')
	_f=$(echo "$_line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
	_s=$(echo "$_line" | sed -E -n 's/.*, ([0-9]+) skipped.*/\1/p')
	PASSED=$((PASSED + _p))
	FAILED=$((FAILED + _f))
	skipped "$1" "${_s:-0}"
	if [ "$3" -ne 0 ] && [ "$_f" -eq 0 ]; then
		broken "$1: exit status $3 with no failure reported"
	elif [ "$_f" -ne 0 ]; then
		BROKEN="$BROKEN
  $1: $_f failed"
	fi
}

# one NAME RC: a check that passes or fails as a whole.
one()
{
	if [ "$2" -eq 0 ]; then
		PASSED=$((PASSED + 1))
	else
		FAILED=$((FAILED + 1))
		BROKEN="$BROKEN
  $1"
	fi
}

# run LOG CMD...: run CMD with its output shown and kept in LOG; sets RC.
run()
{
	_log=$1
	shift
	{ "$@" 2>&1; echo $? >"$_log.rc"; } | tee "$_log"
	RC=$(cat "$_log.rc" 2>/dev/null || echo 1)
}

# pg_up: starts the run's PostgreSQL cluster once; sets PGURL (empty and
# one failure when it cannot start).
pg_up()
{
	[ "$PG_STARTED" = 1 ] && return
	PG_STARTED=1
	PGURL=""
	if [ ! -f scripts/pg-temp.sh ]; then
		broken "postgresql: scripts/pg-temp.sh missing"
	elif PGURL=$(sh scripts/pg-temp.sh start "$PGDIR") &&
	    [ -n "$PGURL" ]; then
		echo "postgresql up at $PGURL"
	else
		PGURL=""
		broken "postgresql: scripts/pg-temp.sh start failed"
	fi
}

# units DIR: every DIR/tests/test_* binary, on SQLite and (ETHICA_TEST_PG)
# on the run's PostgreSQL.
units()
{
	pg_up
	_n=0
	for t in "$1"/tests/test_*; do
		[ -x "$t" ] || continue
		_n=$((_n + 1))
		echo "--- $t"
		run "$TMP/unit.log" env ETHICA_TEST_PG="$PGURL" "$t"
		count "$t" "$TMP/unit.log" "$RC"
	done
	if [ "$_n" -eq 0 ] && ls tests/unit/test_*.c >/dev/null 2>&1; then
		broken "no unit test binaries in $1/tests"
	fi
}

# node_suite NAME DIR: run node's test runner on DIR and add its TAP totals.
# Cancelled tests and a runner that exits non-zero without a failure count
# as failures.
node_suite()
{
	if ! ls "$2"/*.test.js >/dev/null 2>&1; then
		broken "$1: no test files in $2"
		return
	fi
	run "$TMP/node.log" node --test --test-reporter=tap \
	    --test-concurrency="${ETHICA_TEST_JOBS:-2}" \
	    --test-timeout="${ETHICA_TEST_TIMEOUT:-900000}" "$2"
	_p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$TMP/node.log" | tail -n 1)
	_f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$TMP/node.log" | tail -n 1)
	_c=$(sed -n 's/^# cancelled \([0-9]*\)$/\1/p' "$TMP/node.log" | tail -n 1)
	_s=$(sed -n 's/^# skipped \([0-9]*\)$/\1/p' "$TMP/node.log" | tail -n 1)
	_t=$(sed -n 's/^# todo \([0-9]*\)$/\1/p' "$TMP/node.log" | tail -n 1)
	if [ -z "$_p" ] || [ -z "$_f" ]; then
		broken "$1: node test runner printed no totals (exit $RC)"
		return
	fi
	_f=$((_f + ${_c:-0}))
	_s=$((${_s:-0} + ${_t:-0}))
	PASSED=$((PASSED + _p))
	FAILED=$((FAILED + _f))
	echo "$1: $_p passed, $_f failed, $_s skipped"
	skipped "$1" "$_s"
	if [ "$RC" -ne 0 ] && [ "$_f" -eq 0 ]; then
		broken "$1: exit status $RC with no failure reported"
	elif [ "$_f" -ne 0 ]; then
		BROKEN="$BROKEN
  $1: $_f failed"
	fi
}

npm_deps()
{
	if [ -d node_modules ] &&
	    [ ! package-lock.json -nt node_modules/.package-lock.json ]; then
		return 0
	fi
	header "npm ci"
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund \
	    --loglevel=error
}

BUILD_OK=0
if wanted a; then
	header "(a) build and unit tests"
	if make -s all units; then
		BUILD_OK=1
	else
		broken "make all units"
	fi
	units build
	if [ -n "$PGURL" ]; then
		echo "--- schema: SQLite and PostgreSQL after all migrations"
		run "$TMP/schema.log" sh tests/schema/run.sh "$PGURL"
		count "schema compare" "$TMP/schema.log" "$RC"
	fi
fi

if wanted b; then
	header "(b) fuzz corpus replay"
	run "$TMP/fuzz.log" sh tests/fuzz/replay.sh
	count "fuzz replay" "$TMP/fuzz.log" "$RC"
fi

if wanted c; then
	header "(c) code check and translations"
	run "$TMP/check.log" sh scripts/check-code.sh
	count "code check" "$TMP/check.log" "$RC"
	run "$TMP/check.log" sh scripts/check-code.sh --self-test
	count "code checker self-test" "$TMP/check.log" "$RC"
	run "$TMP/po.log" sh scripts/check-po.sh --self-test
	count "po checker self-test" "$TMP/po.log" "$RC"
	run "$TMP/po.log" sh scripts/check-po.sh
	one "every translation complete, not fuzzy, placeholders equal" "$RC"
	run "$TMP/po.log" build/ethica i18n check ko
	one "every template msgid has a Korean translation" "$RC"
fi

NPM_OK=0
if wanted d || wanted e || wanted i || wanted f || wanted g; then
	if npm_deps; then
		NPM_OK=1
	else
		broken "npm ci"
	fi
fi

if wanted d; then
	header "(d) HTTP tests (SQLite)"
	if [ "$NPM_OK" = 1 ]; then
		node_suite "http (sqlite)" tests/http
	else
		broken "http (sqlite): npm dependencies missing"
	fi
fi

if wanted e; then
	header "(e) PostgreSQL: HTTP tests (unit tests: in (a))"
	pg_up
	if [ -n "$PGURL" ] && ! wanted a; then
		units build
	fi
	if [ -n "$PGURL" ]; then
		if [ "$NPM_OK" = 1 ]; then
			export ETHICA_TEST_DB="pg:$PGURL"
			export ETHICA_PG_TEMP_DIR="$PGDIR"
			node_suite "http (postgresql)" tests/http
			unset ETHICA_TEST_DB ETHICA_PG_TEMP_DIR
		else
			broken "http (postgresql): npm dependencies missing"
		fi
	fi
fi

if wanted h; then
	header "(h) scale-out: two nodes behind HAProxy, moving SQLite to PostgreSQL"
	run "$TMP/scale.log" sh tests/scale/run.sh
	count "scale-out" "$TMP/scale.log" "$RC"
	run "$TMP/copy.log" sh tests/scale/copy.sh
	count "db copy" "$TMP/copy.log" "$RC"
fi

if wanted i; then
	header "(i) crash consistency: kill -9 under writes (SQLite, PostgreSQL)"
	if [ "$NPM_OK" = 1 ]; then
		node_suite "crash" tests/crash
	else
		broken "crash: npm dependencies missing"
	fi
fi

if wanted f; then
	header "(f) browser tests"
	if [ "$NPM_OK" = 1 ]; then
		node_suite "browser" tests/browser
	else
		broken "browser: npm dependencies missing"
	fi
fi

if wanted g; then
	header "(g) ASan+UBSan: unit tests and HTTP tests"
	if make -s SAN=1 all units; then
		:
	else
		broken "make SAN=1 all units"
	fi
	OLD_ASAN=${ASAN_OPTIONS-}
	OLD_UBSAN=${UBSAN_OPTIONS-}
	export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
	export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
	units build-san
	ASAN_OPTIONS=$OLD_ASAN
	UBSAN_OPTIONS=$OLD_UBSAN
	if [ "$NPM_OK" = 1 ]; then
		export ETHICA_BUILD=build-san
		node_suite "http (asan)" tests/http
		unset ETHICA_BUILD
	else
		broken "http (asan): npm dependencies missing"
	fi
fi

header "totals"
if [ -n "$BROKEN" ]; then
	echo "failures:$BROKEN"
fi
echo "$SKIPPED skipped"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
