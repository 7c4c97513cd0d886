/*
 * fuzz_mo.c: libFuzzer target for the .mo parser and Accept-Language
 * negotiation.
 *
 * Parses arbitrary bytes as a .mo image (i18n_parse_mo_buffer) and, when it
 * parses, looks up a few msgids in every plural form; the parser must never
 * read outside the buffer. The same bytes, as a C string, go through
 * i18n_negotiate, which must always return a UI language.
 *
 * Build and run (from the repository root):
 *   clang -std=c11 -D_GNU_SOURCE -g -O1 -Isrc \
 *     -fsanitize=fuzzer,address,undefined tests/fuzz/fuzz_mo.c \
 *     src/web/i18n.c src/web/i18n_icu.c src/lib/buf.c src/lib/mem.c \
 *     -licui18n -licuuc -licudata -o fuzz_mo
 *   ./fuzz_mo -max_total_time=60 tests/fuzz/corpus/mo
 * Replay (clang ASan+UBSan, no libFuzzer): tests/fuzz/replay.sh builds
 * with -DFUZZ_REPLAY and passes the corpus files. `make fuzz` fuzzes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/i18n.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
#ifdef FUZZ_REPLAY
int	main(int, char **);
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct i18n_catalog	*cat;
	const char		*ids[] = { "", "a", "Hello", "{n} lesson",
				    NULL };
	char			 err[128], *s, key[17];
	const char		*t;
	size_t			 i, f, k;

	cat = i18n_parse_mo_buffer(data, len, err, sizeof(err));
	if (cat == NULL && err[0] == '\0')
		abort();
	if (cat != NULL) {
		if (i18n_catalog_nplurals(cat) < 0 ||
		    i18n_catalog_nplurals(cat) > 6)
			abort();
		k = len < 16 ? len : 16;
		memcpy(key, data + len - k, k);
		key[k] = '\0';
		for (i = 0; ids[i] != NULL; i++)
			for (f = 0; f < 8; f++) {
				t = i18n_catalog_lookup(cat, ids[i], f);
				if (t != NULL)
					(void)strlen(t);
				t = i18n_catalog_lookup(cat, key, f);
				if (t != NULL)
					(void)strlen(t);
			}
		i18n_catalog_free(cat);
	}
	s = malloc(len + 1);
	if (s == NULL)
		return (0);
	memcpy(s, data, len);
	s[len] = '\0';
	if (i18n_negotiate(s) == NULL)
		abort();
	free(s);
	return (0);
}

#ifdef FUZZ_REPLAY
int
main(int argc, char **argv)
{
	FILE	*f;
	uint8_t	*buf;
	long	 len;
	int	 i;

	for (i = 1; i < argc; i++) {
		if ((f = fopen(argv[i], "rb")) == NULL ||
		    fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
		    fseek(f, 0, SEEK_SET) != 0) {
			perror(argv[i]);
			return (1);
		}
		buf = malloc(len ? (size_t)len : 1);
		if (buf == NULL || fread(buf, 1, (size_t)len, f) !=
		    (size_t)len) {
			perror(argv[i]);
			return (1);
		}
		fclose(f);
		LLVMFuzzerTestOneInput(buf, (size_t)len);
		free(buf);
	}
	return (0);
}
#endif
