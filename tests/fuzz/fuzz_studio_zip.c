/*
 * fuzz_studio_zip.c: libFuzzer target for the studio's zip reader
 * (studio_zip_read, an uploaded course package): the input is the zip.
 * Aborts when:
 *  - it accepts a zip with no course.yaml, a file larger than
 *    STUDIO_ZIP_FILE_MAX, files together larger than STUDIO_ZIP_TOTAL_MAX
 *    or more than STUDIO_ZIP_ENTRIES_MAX files, or a path pkg_path_ok()
 *    refuses;
 *  - a file's data is not NUL-terminated at its length;
 *  - it refuses without a msgid or a name.
 * Whatever it accepts is written again (studio_zip_write) and must read
 * back to the same files. Build and run: `make fuzz`; replay in make
 * test: tests/fuzz/replay.sh (seeds in tests/fuzz/corpus/studio_zip/).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/package.h"
#include "domain/studio_zip.h"
#include "lib/buf.h"
#include "lib/mem.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct arena			*a;
	struct pkg_files		 f, g;
	struct studio_zip_problem	 p;
	const struct pkg_file		*x;
	struct buf			 b;
	uint64_t			 total = 0;
	size_t				 i;

	a = arena_new();
	if (studio_zip_read(a, data, len, &f, &p) == -1) {
		if (p.msgid == NULL || p.name == NULL)
			abort();
		arena_free(a);
		return (0);
	}
	if (pkg_files_get(&f, "course.yaml") == NULL ||
	    f.n > STUDIO_ZIP_ENTRIES_MAX)
		abort();
	for (i = 0; i < f.n; i++) {
		if (!pkg_path_ok(f.v[i].path) ||
		    f.v[i].len > STUDIO_ZIP_FILE_MAX ||
		    f.v[i].data[f.v[i].len] != '\0')
			abort();
		total += f.v[i].len;
	}
	if (total > STUDIO_ZIP_TOTAL_MAX)
		abort();
	buf_init(&b);
	if (studio_zip_write(&f, &b) == 0) {
		if (studio_zip_read(a, b.data, b.len, &g, &p) == -1 ||
		    g.n != f.n)
			abort();
		for (i = 0; i < f.n; i++)
			if ((x = pkg_files_get(&g, f.v[i].path)) == NULL ||
			    x->len != f.v[i].len || memcmp(x->data,
			    f.v[i].data, x->len) != 0)
				abort();
	}
	buf_free(&b);
	arena_free(a);
	return (0);
}
