/*
 * fuzz_webvtt.c: libFuzzer target for the WebVTT captions check
 * (src/domain/webvtt.c). Checks the invariants: webvtt_check() never
 * reads past its input, answers either a cue count (0 to
 * WEBVTT_CUES_MAX, no message, line 0) or -1 with a message and a line
 * inside the file (a message with {line} exactly when the line is set);
 * a file it accepts starts with WEBVTT (after a BOM) and is one the
 * lesson page can read its transcript from (pkg_vtt_cues); the result
 * does not depend on the bytes after len; webvtt_timestamp() reads no
 * more than it is given.
 *
 * Build and run: `make fuzz` (tests/fuzz/build.sh), or by hand as in
 * fuzz_upload.c. Replay: tests/fuzz/replay.sh builds with -DFUZZ_REPLAY
 * and passes the corpus files (tests/fuzz/corpus/webvtt/).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/package.h"
#include "domain/webvtt.h"
#include "lib/mem.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
#ifdef FUZZ_REPLAY
int	main(int, char **);
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 *a;
	const char	 *why, *why2, **cues;
	char		 *copy;
	long long	  ms;
	size_t		  i, lines, k;
	int		  n, n2, line, line2;

	/* An exact-size copy: ASan sees any read past the end. */
	copy = malloc(size > 0 ? size : 1);
	if (copy == NULL)
		return (0);
	if (size > 0)
		memcpy(copy, data, size);
	n = webvtt_check(copy, size, &line, &why);
	for (i = 0, lines = 1; i < size; i++)
		if (copy[i] == '\n' || (copy[i] == '\r' && (i + 1 == size ||
		    copy[i + 1] != '\n')))
			lines++;
	if (n >= 0) {
		if (why != NULL || line != 0 || n > WEBVTT_CUES_MAX)
			abort();
		k = size >= 3 && memcmp(copy, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
		if (size - k < 6 || memcmp(copy + k, "WEBVTT", 6) != 0)
			abort();
		a = arena_new();
		if (pkg_vtt_cues(a, copy, size, &cues) < 0)
			abort();
		arena_free(a);
	} else {
		if (n != -1 || why == NULL || line < 0 ||
		    (size_t)line > lines ||
		    (line > 0) != (strstr(why, "{line}") != NULL))
			abort();
	}
	/* The same answer twice: no state kept between calls. */
	n2 = webvtt_check(copy, size, &line2, &why2);
	if (n2 != n || line2 != line || why2 != why)
		abort();
	for (i = 0; i < size && i < 64; i++)
		if (webvtt_timestamp(copy + i, size - i, &ms) > size - i ||
		    ms < 0)
			abort();
	free(copy);
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
			free(buf);
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
