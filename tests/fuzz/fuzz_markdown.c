/*
 * fuzz_markdown.c: libFuzzer target for the Markdown renderer.
 *
 * Renders arbitrary input and aborts when the output breaks the renderer's
 * promises: every tag is one the renderer writes (so no raw HTML such as
 * <script> got through), no on* attribute appears inside a tag, and every
 * href/src is relative, "#...", or an allowed scheme (never javascript:).
 * Also runs the image listing and the alt-text check.
 *
 * Build and run (from the repository root, after `make`):
 *   clang -std=c11 -D_GNU_SOURCE -g -O1 -Isrc \
 *     -fsanitize=fuzzer,address,undefined tests/fuzz/fuzz_markdown.c \
 *     src/web/markdown.c src/lib/buf.c src/lib/mem.c \
 *     -lmd4c -licui18n -licuuc -licudata -o fuzz_markdown
 *   ./fuzz_markdown -max_total_time=60 tests/fuzz/corpus/markdown
 * Replay (clang ASan+UBSan, no libFuzzer): tests/fuzz/replay.sh builds
 * with -DFUZZ_REPLAY and passes the corpus files. `make fuzz` fuzzes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/mem.h"
#include "web/markdown.h"
#include "web/tmpl.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
#ifdef FUZZ_REPLAY
int	main(int, char **);
#endif

static void	check_html(const char *);
static void	check_url(const char *, const char *);
static int	count_image(void *, const char *, const char *, int);

static const char *const tags[] = {
	"p", "em", "strong", "del", "code", "pre", "a", "img", "ul", "ol",
	"li", "blockquote", "hr", "br", "h1", "h2", "h3", "h4", "h5", "h6",
	"table", "thead", "tbody", "tr", "th", "td", NULL
};

/* Aborts unless the attribute value starting at v (up to '"') is a URL
 * the renderer may emit. */
static void
check_url(const char *html, const char *v)
{
	const char	*end, *p;

	if ((end = strchr(v, '"')) == NULL)
		goto bad;
	if (strncasecmp(v, "http:", 5) == 0 ||
	    strncasecmp(v, "https:", 6) == 0 ||
	    strncasecmp(v, "mailto:", 7) == 0)
		return;
	if (end - v >= 2 && v[0] == '/' && (v[1] == '/' || v[1] == '\\'))
		goto bad;
	for (p = v; p < end; p++) {
		if (*p == '/' || *p == '?' || *p == '#')
			return;
		if (*p == ':')
			goto bad;
	}
	return;
bad:
	fprintf(stderr, "unsafe URL in output:\n%s\n", html);
	abort();
}

static void
check_html(const char *html)
{
	const char	*p, *q;
	size_t		 n, i;

	for (p = html; (p = strchr(p, '<')) != NULL; p++) {
		q = p + 1;
		if (*q == '/')
			q++;
		n = strspn(q, "abcdefghijklmnopqrstuvwxyz0123456789");
		for (i = 0; tags[i] != NULL; i++)
			if (strlen(tags[i]) == n && strncmp(tags[i], q, n) == 0)
				break;
		if (tags[i] == NULL || (q[n] != '>' && q[n] != ' ')) {
			fprintf(stderr, "unexpected tag at \"%.20s\":\n%s\n",
			    p, html);
			abort();
		}
		/* Inside the tag: no event handler, URLs checked. */
		for (q += n; *q != '>' && *q != '\0'; q++) {
			if (*q == '"') {
				q = strchr(q + 1, '"');
				if (q == NULL)
					abort();
				continue;
			}
			if (q[-1] == ' ' && (q[0] | 0x20) == 'o' &&
			    (q[1] | 0x20) == 'n') {
				fprintf(stderr, "handler in tag:\n%s\n", html);
				abort();
			}
			if (strncmp(q, "href=\"", 6) == 0)
				check_url(html, q + 6);
			if (strncmp(q, "src=\"", 5) == 0) {
				if (strncasecmp(q + 5, "http:", 5) == 0 ||
				    strncasecmp(q + 5, "mailto:", 7) == 0)
					abort();
				check_url(html, q + 5);
			}
		}
	}
	if (strcasestr(html, "<script") != NULL ||
	    strcasestr(html, "href=\"javascript:") != NULL)
		abort();
}

static int
count_image(void *arg, const char *src, const char *alt, int line)
{
	int	*n = arg;

	if (src == NULL || alt == NULL || line < 1)
		abort();
	(*n)++;
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct arena		*a;
	const struct safe_html	*h;
	struct md_toc		 toc;
	size_t			 i;
	int			 n, line;

	a = arena_new();
	h = markdown_render_ex(a, (const char *)data, len, &toc);
	check_html(h->html);
	for (i = 0; i < toc.n; i++)
		if (toc.entries[i].level < 2 || toc.entries[i].level > 4 ||
		    toc.entries[i].id[0] == '\0' ||
		    strstr(h->html, toc.entries[i].id) == NULL)
			abort();
	n = 0;
	(void)markdown_each_image((const char *)data, len, count_image, &n);
	line = 0;
	if (!markdown_images_have_alt((const char *)data, len, &line) &&
	    line < 1)
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
