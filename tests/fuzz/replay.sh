#!/bin/sh
# replay.sh: replays the checked-in fuzz corpora as regression tests (run by
# scripts/test.sh). It builds the library with clang's ASan and UBSan into
# build-fuzz/ (`make FUZZ=1`, the library `make fuzz` uses: clang's UBSan
# checks what gcc's does not, such as an offset applied to a null pointer),
# then for each tests/fuzz/fuzz_NAME.c builds a replay binary with clang
# -DFUZZ_REPLAY, ASan+UBSan (no libFuzzer), linked with
# build-fuzz/libethica.a and the Makefile's LIBS, and runs it over every file
# in tests/fuzz/corpus/NAME/. One test per target: it passes when the replay
# exits 0. A target without a corpus, or that does not build, fails.
#
# A target may bring its own main() under #ifdef FUZZ_REPLAY (taking the
# input files as arguments); otherwise it only defines
# LLVMFuzzerTestOneInput() and this script links a small driver that feeds
# each file to it. Needs clang.

cd "$(dirname "$0")/../.." || exit 1

OUT=tests/fuzz/out/replay
LIB=build-fuzz/libethica.a
LIBS=$(make --no-print-directory --eval 'print-libs: ; @echo $(LIBS)' \
    print-libs 2>/dev/null)
CFLAGS="-std=c11 -D_GNU_SOURCE -DFUZZ_REPLAY -g -O1 -Isrc -Itests/fuzz/stub -Wall -Wextra
 -fsanitize=address,undefined -fno-sanitize-recover=undefined
 -fno-omit-frame-pointer -I/usr/include/postgresql"
passed=0
failed=0

mkdir -p "$OUT" || exit 1

# The driver used when a target has no replay main of its own.
cat >"$OUT/driver.c" <<'EOF'
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	main(int, char **);

int
main(int argc, char **argv)
{
	FILE		*f;
	uint8_t		*data;
	long		 len;
	int		 i;

	for (i = 1; i < argc; i++) {
		if ((f = fopen(argv[i], "rb")) == NULL ||
		    fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
		    fseek(f, 0, SEEK_SET) != 0) {
			perror(argv[i]);
			return (1);
		}
		if ((data = malloc(len ? (size_t)len : 1)) == NULL ||
		    fread(data, 1, (size_t)len, f) != (size_t)len) {
			perror(argv[i]);
			return (1);
		}
		fclose(f);
		LLVMFuzzerTestOneInput(data, (size_t)len);
		free(data);
	}
	return (0);
}
EOF

fail()
{
	echo "FAIL $1: $2"
	failed=$((failed + 1))
}

if ! command -v clang >/dev/null 2>&1; then
	echo "replay: clang is missing (apt-get install clang)"
elif ! make -s FUZZ=1 "$LIB"; then
	echo "replay: make FUZZ=1 $LIB failed"
	rm -f "$LIB"
fi

for src in tests/fuzz/fuzz_*.c; do
	[ -f "$src" ] || continue
	target=$(basename "$src" .c)
	name=${target#fuzz_}
	corpus=tests/fuzz/corpus/$name
	bin=$OUT/$target
	if [ -f "$LIB" ]; then :; else
		fail "$target" "$LIB missing"
		continue
	fi
	if grep -q 'FUZZ_REPLAY' "$src" && grep -q 'main(' "$src"; then
		driver=""
	else
		driver="$OUT/driver.c"
	fi
	# shellcheck disable=SC2086
	if ! clang $CFLAGS -o "$bin" "$src" $driver "$LIB" $LIBS \
	    >"$bin.log" 2>&1; then
		cat "$bin.log"
		fail "$target" "does not build"
		continue
	fi
	n=$(find "$corpus" -type f 2>/dev/null | wc -l)
	if [ "$n" -eq 0 ]; then
		fail "$target" "no corpus in $corpus"
		continue
	fi
	if find "$corpus" -type f -print0 | sort -z |
	    ASAN_OPTIONS=detect_leaks=0 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 xargs -0 "$bin"; then
		echo "ok $target ($n inputs)"
		passed=$((passed + 1))
	else
		fail "$target" "replay of $corpus exited non-zero"
	fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
