/*
 * fuzz_package.c: libFuzzer target for the course package parser.
 *
 * The first input byte picks what the rest is: even, a manifest
 * (course.yaml) parsed and validated against a small fixed set of files;
 * odd, a quiz file parsed and checked inside a fixed good manifest.
 * Memory errors, leaks and runaway alias expansion are the failures
 * looked for; every message must be "file:line: ...".
 *
 * Build (from the repository root, with clang):
 *   clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
 *     -Isrc tests/fuzz/fuzz_package.c build/libethica.a -lyaml -lmd4c \
 *     -lmd4c-html -licuuc -lsodium -o fuzz_package
 *   ./fuzz_package -max_total_time=60 tests/fuzz/corpus/package
 * Replay: tests/fuzz/replay.sh (clang ASan+UBSan, -DFUZZ_REPLAY, files
 * as arguments).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/package.h"
#include "lib/mem.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
#ifdef FUZZ_REPLAY
int	main(int, char **);
#endif

static const char *manifest =
    "slug: f\ndefault_language: en\nlanguages: [en, ko]\n"
    "title: { en: T, ko: T }\nsummary: { en: S, ko: S }\nlevel: beginner\n"
    "minutes: 1\nlicence: x\nauthors: [{ name: A }]\nmodules:\n"
    "  - id: m\n    track: foundations\n    title: { en: M, ko: M }\n"
    "    lessons: [{ id: l, file: l, title: { en: L, ko: L } }]\n"
    "    quiz: q.yaml\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct arena		*a;
	struct pkg_files	 f;
	struct pkg_errors	 e;
	struct course_pkg	*c;
	const char		*text;
	size_t			 i, n;

	if (len < 1)
		return (0);
	a = arena_new();
	memset(&f, 0, sizeof(f));
	text = (const char *)data + 1;
	n = len - 1;
	pkg_files_put(a, &f, "l.en.md", "x ![a](m.png)", 13, "1");
	pkg_files_put(a, &f, "l.ko.md", "y", 1, "2");
	pkg_files_put(a, &f, "m.png", NULL, 0, "3");
	if (data[0] % 2 == 0) {
		pkg_files_put(a, &f, "course.yaml", text, n, "4");
		pkg_files_put(a, &f, "q.yaml", "id: q\n", 6, "5");
	} else {
		pkg_files_put(a, &f, "course.yaml", manifest, strlen(manifest),
		    "4");
		pkg_files_put(a, &f, "q.yaml", text, n, "5");
	}
	pkg_errors_init(&e, a, "");
	c = pkg_load(a, &f, &e);
	if (c != NULL && e.n != 0)
		abort();
	for (i = 0; i < e.n && i < PKG_MAX_ERRORS; i++)
		if (strstr(e.msg[i], ":") == NULL)
			abort();
	if (c != NULL && c->nmodules > 0 && c->modules[0].quiz != NULL)
		(void)pkg_quiz_in(a, c->modules[0].quiz, "ko", "en");
	arena_free(a);
	return (0);
}

#ifdef FUZZ_REPLAY
int
main(int argc, char **argv)
{
	FILE	*fp;
	char	*buf;
	size_t	 n;
	int	 i;

	for (i = 1; i < argc; i++) {
		if ((fp = fopen(argv[i], "rb")) == NULL) {
			perror(argv[i]);
			return (1);
		}
		buf = xmalloc(1 << 20);
		n = fread(buf, 1, 1 << 20, fp);
		fclose(fp);
		(void)LLVMFuzzerTestOneInput((const uint8_t *)buf, n);
		free(buf);
	}
	return (0);
}
#endif
