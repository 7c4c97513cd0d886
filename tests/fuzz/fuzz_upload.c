/*
 * fuzz_upload.c: libFuzzer target for attachment checking (upload.c).
 *
 * The input is split at the first NUL byte: before it, the file name the
 * browser claimed; after it, the content. Checks the invariants:
 * upload_check() accepts exactly the three magic numbers and sizes up to
 * UPLOAD_MAX_SIZE, says why when it refuses, and upload_filename() always
 * returns a non-empty name of valid UTF-8, at most UPLOAD_NAME_MAX bytes,
 * without path separators, quotes, angle brackets or control characters.
 *
 * Build and run (from the repository root):
 *   clang -std=c11 -D_GNU_SOURCE -g -O1 \
 *     -fsanitize=fuzzer,address,undefined -Isrc tests/fuzz/fuzz_upload.c \
 *     src/domain/upload.c src/domain/validate.c src/domain/result.c \
 *     src/web/i18n.c src/web/i18n_icu.c src/lib/mem.c src/lib/buf.c \
 *     -licuuc -licui18n -licudata -o fuzz_upload
 *   ./fuzz_upload -max_total_time=60 tests/fuzz/corpus/upload
 * Replay (clang ASan+UBSan, no libFuzzer): tests/fuzz/replay.sh builds
 * with -DFUZZ_REPLAY and passes the corpus files. `make fuzz` fuzzes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/upload.h"
#include "domain/validate.h"
#include "lib/mem.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
#ifdef FUZZ_REPLAY
int	main(int, char **);
#endif

static void	check_name(const char *);

static void
check_name(const char *n)
{
	size_t	len, i;

	len = strlen(n);
	if (len == 0 || len > UPLOAD_NAME_MAX || !utf8_valid(n, len, 0))
		abort();
	for (i = 0; i < len; i++) {
		if ((unsigned char)n[i] < 0x20 || n[i] == '/' || n[i] == '\\' ||
		    n[i] == '"' || n[i] == '\'' || n[i] == '<' || n[i] == '>' ||
		    n[i] == 0x7f)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	const uint8_t	*nul;
	const char	*type, *why;
	char		*name;
	size_t		 nlen, clen;
	int		 magic;

	nul = memchr(data, 0, size);
	nlen = nul != NULL ? (size_t)(nul - data) : size;
	clen = nul != NULL ? size - nlen - 1 : 0;
	a = arena_new();
	name = arena_strndup(a, (const char *)data, nlen);
	check_name(upload_filename(a, name));
	type = upload_check(nul != NULL ? nul + 1 : NULL, clen, &why);
	magic = clen > 0 && ((clen >= 5 && memcmp(nul + 1, "%PDF-", 5) == 0) ||
	    (clen >= 8 && memcmp(nul + 1, "\x89PNG\r\n\x1a\n", 8) == 0) ||
	    (clen >= 3 && memcmp(nul + 1, "\xff\xd8\xff", 3) == 0));
	if ((type != NULL) != magic || (type == NULL && why == NULL) ||
	    (type != NULL && why != NULL))
		abort();
	/* The size limit, with the content of the input's first bytes. */
	if (type != NULL && upload_check(nul + 1, UPLOAD_MAX_SIZE + 1, &why)
	    != NULL)
		abort();
	arena_free(a);
	return (0);
}

#ifdef FUZZ_REPLAY
int
main(int argc, char **argv)
{
	FILE	*f;
	uint8_t	*buf;
	long	 n;
	int	 i;

	for (i = 1; i < argc; i++) {
		if ((f = fopen(argv[i], "rb")) == NULL) {
			perror(argv[i]);
			return (1);
		}
		(void)fseek(f, 0, SEEK_END);
		n = ftell(f);
		(void)fseek(f, 0, SEEK_SET);
		buf = malloc(n > 0 ? (size_t)n : 1);
		if (buf == NULL || (n > 0 && fread(buf, 1, (size_t)n, f) !=
		    (size_t)n)) {
			fclose(f);
			return (1);
		}
		fclose(f);
		(void)LLVMFuzzerTestOneInput(buf, (size_t)n);
		free(buf);
	}
	printf("replayed %d inputs\n", argc - 1);
	return (0);
}
#endif
