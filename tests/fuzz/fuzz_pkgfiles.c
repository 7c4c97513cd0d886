/*
 * fuzz_pkgfiles.c: libFuzzer target for whole course packages (beyond
 * fuzz_package.c, which varies one file of a fixed package): every file
 * comes from the input, so the manifest, the lessons, the quizzes, the
 * WebVTT captions and the case directives of lesson Markdown all vary
 * together, as in `ethica course import` of an outside package.
 *
 * The input is "path\0content\0path\0content..." (at most 24 files; a
 * missing content is empty). Aborts when:
 *  - pkg_load() returns a course and problems, or a message without
 *    "file:line" shape (a ':');
 *  - pkg_path_ok() accepts a path with "..", a leading "/", an empty or
 *    hidden segment or a byte outside [A-Za-z0-9._-/];
 *  - for a loaded course, pkg_lesson_find() misses one of its lessons or
 *    gives the wrong module; pkg_has_lang() denies one of its languages;
 *  - pkg_vtt_cues() gives cues for a text not starting with "WEBVTT"
 *    (after an optional UTF-8 byte order mark, as WebVTT allows), or a
 *    NULL cue.
 * Every quiz is also turned into each language (pkg_quiz_in), and every
 * .md file goes through case_refs_parse(). Build and run: `make fuzz`;
 * replay in make test: tests/fuzz/replay.sh.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/case_ref.h"
#include "domain/package.h"
#include "lib/mem.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	check_path(const char *);

static void
check_path(const char *p)
{
	const char	*s, *e;

	if (!pkg_path_ok(p))
		return;
	if (*p == '\0' || *p == '/' || strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789._-/") != strlen(p))
		abort();
	for (s = p; ; s = e + 1) {
		e = s + strcspn(s, "/");
		if (e == s || *s == '.')
			abort();		/* empty, hidden or ".." */
		if (*e == '\0')
			break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct arena			*a;
	struct pkg_files		 f;
	struct pkg_errors		 e;
	struct course_pkg		*c;
	struct case_ref_part		*parts;
	const struct pkg_module		*m;
	const char			**cues, *end, *path, *body;
	char				 err[256];
	size_t				 i, j, k, off, plen, blen, nfiles, bom;
	int				 n;

	if (len > 65536)
		return (0);
	a = arena_new();
	memset(&f, 0, sizeof(f));
	for (off = 0, nfiles = 0; off < len && nfiles < 24; nfiles++) {
		path = (const char *)data + off;
		end = memchr(path, '\0', len - off);
		plen = end != NULL ? (size_t)(end - path) : len - off;
		off += plen + 1;
		body = off < len ? (const char *)data + off : "";
		end = off < len ? memchr(body, '\0', len - off) : NULL;
		blen = off < len ? (end != NULL ? (size_t)(end - body) :
		    len - off) : 0;
		off += blen + 1;
		path = arena_strndup(a, path, plen);
		check_path(path);
		pkg_files_put(a, &f, path, body, blen, "0");
		(void)pkg_content_type(path);
		if (plen > 4 && strcmp(path + plen - 4, ".vtt") == 0) {
			n = pkg_vtt_cues(a, body, blen, &cues);
			bom = blen >= 3 && memcmp(body, "\xef\xbb\xbf", 3) == 0 ?
			    3 : 0;
			if (n >= 0 && (blen < bom + 6 ||
			    memcmp(body + bom, "WEBVTT", 6) != 0))
				abort();
			for (k = 0; n > 0 && k < (size_t)n; k++)
				if (cues[k] == NULL)
					abort();
		}
		if (plen > 3 && strcmp(path + plen - 3, ".md") == 0)
			(void)case_refs_parse(a, arena_strndup(a, body, blen),
			    blen, &parts, err, sizeof(err));
	}
	pkg_errors_init(&e, a, "");
	c = pkg_load(a, &f, &e);
	if (c != NULL && e.n != 0)
		abort();
	for (i = 0; i < e.n && i < PKG_MAX_ERRORS; i++)
		if (strchr(e.msg[i], ':') == NULL)
			abort();
	for (i = 0; c != NULL && i < c->nmodules; i++) {
		for (j = 0; j < c->modules[i].nlessons; j++) {
			m = NULL;
			if (pkg_lesson_find(c, c->modules[i].lessons[j].id,
			    &m) == NULL || m == NULL)
				abort();
		}
		for (k = 0; k < c->languages.n; k++) {
			if (!pkg_has_lang(c, c->languages.v[k]))
				abort();
			if (c->modules[i].quiz != NULL)
				(void)pkg_quiz_in(a, c->modules[i].quiz,
				    c->languages.v[k], c->default_language);
		}
	}
	arena_free(a);
	return (0);
}
