#!/bin/sh
# build.sh: `make fuzz`. Builds the library with clang, ASan, UBSan and
# libFuzzer's coverage into build-fuzz/ (`make FUZZ=1`), links every
# tests/fuzz/fuzz_NAME.c against it with -fsanitize=fuzzer,address,undefined
# into tests/fuzz/out/bin/, then runs each target for SECONDS seconds (60
# unless given; `make fuzz FUZZ_SECONDS=N`), one after the other, starting
# from its seed corpus tests/fuzz/corpus/NAME/. New inputs go to
# tests/fuzz/out/corpus/NAME/, finds (crash-*, leak-*, timeout-*, oom-*) to
# tests/fuzz/out/NAME/, the fuzzer's log to tests/fuzz/out/NAME.log.
# Exit status 1 when a target does not build or anything was found. An
# input running longer than FUZZ_TIMEOUT seconds (60 unless set: wall time,
# and a niced run on a busy machine is slow) is a find too.
#
# Usage: sh tests/fuzz/build.sh [SECONDS [NAME...]]
#   SECONDS 0 only builds. NAMEs (e.g. "markdown csv") limit the targets.

cd "$(dirname "$0")/../.." || exit 1

SECONDS_EACH=${1:-60}
[ $# -gt 0 ] && shift
OUT=tests/fuzz/out
LIB=build-fuzz/libethica.a
LIBS=$(make --no-print-directory --eval 'print-libs: ; @echo $(LIBS)' \
    print-libs 2>/dev/null)
CFLAGS="-std=c11 -D_GNU_SOURCE -g -O1 -Isrc -Itests/fuzz/stub -Wall -Wextra -Werror
 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
 -fno-omit-frame-pointer -I/usr/include/postgresql"
failed=0

if ! command -v clang >/dev/null 2>&1; then
	echo "fuzz: clang is missing (apt-get install clang)"
	exit 1
fi
mkdir -p "$OUT/bin" || exit 1
if ! make -s FUZZ=1 "$LIB"; then
	echo "fuzz: make FUZZ=1 $LIB failed"
	exit 1
fi

if [ $# -gt 0 ]; then
	names=$*
else
	names=$(for s in tests/fuzz/fuzz_*.c; do
		n=$(basename "$s" .c)
		echo "${n#fuzz_}"
	done)
fi

for name in $names; do
	src=tests/fuzz/fuzz_$name.c
	bin=$OUT/bin/fuzz_$name
	if [ ! -f "$src" ]; then
		echo "FAIL $name: no $src"
		failed=$((failed + 1))
		continue
	fi
	# shellcheck disable=SC2086
	if ! clang $CFLAGS -o "$bin" "$src" "$LIB" $LIBS; then
		echo "FAIL $name: does not build"
		failed=$((failed + 1))
		continue
	fi
	[ "$SECONDS_EACH" -gt 0 ] || continue
	mkdir -p "$OUT/$name" "$OUT/corpus/$name"
	echo "fuzz $name: ${SECONDS_EACH}s"
	"$bin" -max_total_time="$SECONDS_EACH" -timeout="${FUZZ_TIMEOUT:-60}" -rss_limit_mb=2048 \
	    -artifact_prefix="$OUT/$name/" -print_final_stats=1 \
	    "$OUT/corpus/$name" "tests/fuzz/corpus/$name" \
	    >"$OUT/$name.log" 2>&1
	rc=$?
	grep -E '^(stat::number_of_executed_units|#[0-9]+.*DONE)' \
	    "$OUT/$name.log" | tail -n 2
	finds=$(find "$OUT/$name" -type f \( -name 'crash-*' -o \
	    -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
	if [ "$rc" -ne 0 ] || [ "$finds" -ne 0 ]; then
		echo "FAIL $name: exit $rc, $finds find(s) in $OUT/$name/" \
		    "(log: $OUT/$name.log)"
		grep -E '^(SUMMARY|==[0-9]+==ERROR)|runtime error' \
		    "$OUT/$name.log" | head -n 5
		failed=$((failed + 1))
	else
		echo "ok $name"
	fi
done

[ "$failed" -eq 0 ]
