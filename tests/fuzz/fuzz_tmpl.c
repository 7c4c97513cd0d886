/*
 * fuzz_tmpl.c: libFuzzer target for the template engine.
 *
 * Parses the input as a template; if it parses, renders it with a small
 * fixed view whose strings carry "<xss" payloads (and a safe_html value
 * "<ok>"), in English (lang NULL) and through the real i18n lookups with
 * "ko" (which may have no catalog: msgids fall back). Aborts when "<xss"
 * reaches the output although the template text does not contain it: a
 * value escaped into markup.
 *
 * Build and run (from the repository root):
 *   clang -std=c11 -D_GNU_SOURCE -g -O1 \
 *     -fsanitize=fuzzer,address,undefined -Isrc tests/fuzz/fuzz_tmpl.c \
 *     src/web/tmpl_parse.c src/web/tmpl_render.c src/web/tv.c \
 *     src/web/escape.c src/lib/buf.c src/lib/mem.c src/web/i18n.c \
 *     src/web/i18n_icu.c \
 *     -licuuc -licui18n -licudata -o fuzz_tmpl
 *   ./fuzz_tmpl -max_total_time=60 tests/fuzz/corpus/tmpl
 * Replay (clang ASan+UBSan, no libFuzzer): tests/fuzz/replay.sh builds
 * with -DFUZZ_REPLAY and passes the corpus files. `make fuzz` fuzzes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
#ifdef FUZZ_REPLAY
int	main(int, char **);
#endif

static struct tv	*fuzz_view(struct arena *);
static void		 fuzz_render(const struct tmpl_set *, const char *,
			    const struct tv *, const struct i18n_lang *);
static void		 fuzz_msgid(void *, const char *, int, const char *,
			    const char *);

static struct tv *
fuzz_view(struct arena *a)
{
	static const struct safe_html	 h = { "<ok>&amp;</ok>" };
	struct tv			*v, *l, *it, *u;

	v = tv_map(a);
	tv_str(v, "name", "<xss>\"'&");
	tv_str(v, "url", "javascript:alert('<xss>')");
	tv_str(v, "rel", "/a b?c=<xss>");
	tv_str(v, "empty", "");
	tv_int(v, "count", 3);
	tv_int(v, "one", 1);
	tv_bool(v, "yes", 1);
	tv_bool(v, "no", 0);
	tv_html(v, "html", &h);
	u = tv_child(v, "user");
	tv_str(u, "name", "<xss>user");
	tv_str(tv_child(u, "org"), "name", "<xss>org");
	l = tv_list(v, "items");
	it = tv_push_map(l);
	tv_str(it, "name", "<xss>item1");
	tv_push_str(tv_list(it, "tags"), "<xss>tag");
	it = tv_push_map(l);
	tv_str(it, "title", "//evil.example");
	tv_list(it, "tags");
	l = tv_list(v, "tags");
	tv_push_str(l, "<xss>a");
	tv_push_str(l, "\xff\xfe<xss>");
	tv_list(v, "none");
	return (v);
}

static void
fuzz_msgid(void *arg, const char *tmpl, int line, const char *msgid,
    const char *plural)
{
	size_t	*n = arg;

	if (tmpl == NULL || line < 1 || msgid == NULL)
		abort();
	*n += strlen(msgid) + (plural != NULL ? strlen(plural) : 0);
}

static void
fuzz_render(const struct tmpl_set *set, const char *text,
    const struct tv *view, const struct i18n_lang *lang)
{
	struct buf	 b;

	buf_init(&b);
	/* -1: the work budget ran out; the output is still checked. */
	(void)tmpl_render(set, "fuzz", view, lang, &b);
	if (b.data != NULL && strstr(b.data, "<xss") != NULL &&
	    strstr(text, "<xss") == NULL) {
		fprintf(stderr, "value escaped into markup:\n%s\n", b.data);
		abort();
	}
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct tmpl_set	*set;
	struct arena	*a;
	char		*text, err[256];
	size_t		 n = 0;

	if (len > 64 * 1024)
		return (0);
	text = xmalloc(len + 1);
	memcpy(text, data, len);
	text[len] = '\0';
	set = tmpl_parse_string("fuzz", text, err, sizeof(err));
	if (set == NULL) {
		if (strncmp(err, "fuzz:", 5) != 0)
			abort();
		free(text);
		return (0);
	}
	a = arena_new();
	fuzz_render(set, text, fuzz_view(a), NULL);
	fuzz_render(set, text, fuzz_view(a), i18n_lang_get("ko"));
	tmpl_foreach_msgid(set, fuzz_msgid, &n);
	arena_free(a);
	tmpl_free(set);
	free(text);
	return (0);
}

#ifdef FUZZ_REPLAY
int
main(int argc, char **argv)
{
	FILE		*f;
	struct buf	 b;
	char		 chunk[4096];
	size_t		 n;
	int		 i;

	for (i = 1; i < argc; i++) {
		if ((f = fopen(argv[i], "rb")) == NULL) {
			perror(argv[i]);
			return (1);
		}
		buf_init(&b);
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_append(&b, chunk, n);
		fclose(f);
		LLVMFuzzerTestOneInput((const uint8_t *)(b.data != NULL ?
		    b.data : ""), b.len);
		buf_free(&b);
	}
	return (0);
}
#endif
