/*
 * test_markdown.c: the Markdown renderer: XSS payloads stay inert, unsafe
 * links and images are dropped, heading ids and their dedupe, the table of
 * contents, tables, code escaping, and the image alt-text check.
 */
#include <stdio.h>
#include <string.h>

#include "lib/mem.h"
#include "web/markdown.h"
#include "web/tmpl.h"

#include "t.h"

static struct arena	*A;

static const char	*md(const char *);
static int		 no_unsafe(const char *);
static void		 test_basic(void);
static void		 test_raw_html(void);
static void		 test_links(void);
static void		 test_link_xss(void);
static void		 test_images(void);
static void		 test_autolinks(void);
static void		 test_headings(void);
static void		 test_toc(void);
static void		 test_tables(void);
static void		 test_code(void);
static void		 test_alt_check(void);
static void		 test_each_image(void);
static void		 test_edge(void);

static const char *
md(const char *s)
{
	return (markdown_render(A, s, strlen(s))->html);
}

/* 1 if html has no script tag, no on* handler inside a tag, and no href or
 * src with a scheme other than http(s)/mailto. */
static int
no_unsafe(const char *html)
{
	const char	*p;

	if (strstr(html, "<script") != NULL || strstr(html, "<img on") ||
	    strstr(html, "<svg") != NULL || strstr(html, "<iframe") != NULL)
		return (0);
	for (p = html; (p = strstr(p, "href=\"")) != NULL; p += 6)
		if (strncasecmp(p + 6, "javascript", 10) == 0 ||
		    strncasecmp(p + 6, "data", 4) == 0 ||
		    strncasecmp(p + 6, "vbscript", 8) == 0)
			return (0);
	for (p = html; (p = strstr(p, "src=\"")) != NULL; p += 5)
		if (strncasecmp(p + 5, "javascript", 10) == 0 ||
		    strncasecmp(p + 5, "data", 4) == 0)
			return (0);
	return (1);
}

static void
test_basic(void)
{
	T_STREQ(md("Hello *world* **bold** ~~gone~~"),
	    "<p>Hello <em>world</em> <strong>bold</strong> <del>gone</del>"
	    "</p>\n");
	T_STREQ(md("- a\n- b\n"), "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
	T_STREQ(md("3. x\n4. y\n"),
	    "<ol start=\"3\">\n<li>x</li>\n<li>y</li>\n</ol>\n");
	T_STREQ(md("> q\n"), "<blockquote>\n<p>q</p>\n</blockquote>\n");
	T_STREQ(md("# Title\n"), "<h1>Title</h1>\n");
	T_STREQ(md("a  \nb"), "<p>a<br>\nb</p>\n");
	T_STREQ(md("---\n"), "<hr>\n");
	T_STREQ(md("5 < 6 & \"x\" 'y'"),
	    "<p>5 &lt; 6 &amp; &quot;x&quot; &#39;y&#39;</p>\n");
	T_STREQ(md("&copy; &#169; &bogus"), "<p>&copy; &#169; &amp;bogus</p>\n");
	T_STREQ(md(""), "");
	T_STREQ(markdown_render(A, NULL, 5)->html, "");
}

static void
test_raw_html(void)
{
	const char	*h;

	h = md("<script>alert(1)</script>");
	T_CONTAINS(h, "&lt;script&gt;alert(1)&lt;/script&gt;");
	T_ASSERT(no_unsafe(h));
	h = md("text <img src=x onerror=alert(1)> more");
	T_CONTAINS(h, "&lt;img src=x onerror=alert(1)&gt;");
	T_ASSERT(strstr(h, "<img") == NULL);
	h = md("<div onclick=\"x()\">\n\n*hi*\n\n</div>");
	T_ASSERT(strstr(h, "<div") == NULL);
	T_CONTAINS(h, "&lt;div onclick=&quot;x()&quot;&gt;");
	h = md("<svg/onload=alert(1)>");
	T_ASSERT(no_unsafe(h));
	h = md("<!-- c --> <![CDATA[x]]> <?php ?>");
	T_ASSERT(strstr(h, "<!") == NULL && strstr(h, "<?") == NULL);
	h = md("<iframe src=\"javascript:alert(1)\"></iframe>");
	T_ASSERT(no_unsafe(h));
}

static void
test_links(void)
{
	T_STREQ(md("[a](https://example.org/x?y=1&z=2)"),
	    "<p><a href=\"https://example.org/x?y=1&amp;z=2\">a</a></p>\n");
	T_STREQ(md("[a](http://example.org)"),
	    "<p><a href=\"http://example.org\">a</a></p>\n");
	T_STREQ(md("[a](/courses/x)"),
	    "<p><a href=\"/courses/x\">a</a></p>\n");
	T_STREQ(md("[a](lesson-2)"), "<p><a href=\"lesson-2\">a</a></p>\n");
	T_STREQ(md("[a](#top)"), "<p><a href=\"#top\">a</a></p>\n");
	T_STREQ(md("[a](mailto:x@example.org)"),
	    "<p><a href=\"mailto:x@example.org\">a</a></p>\n");
	T_STREQ(md("[a](/x \"T \\\"q\\\"\")"),
	    "<p><a href=\"/x\" title=\"T &quot;q&quot;\">a</a></p>\n");
	T_STREQ(md("[a](//evil.example/x)"), "<p>a</p>\n");
	T_STREQ(md("[a](/\\evil.example/x)"), "<p>a</p>\n");
	T_STREQ(md("[a](ftp://x)"), "<p>a</p>\n");
	T_STREQ(md("[a *b*](data:text/html,x)"), "<p>a <em>b</em></p>\n");
	T_STREQ(md("[r]\n\n[r]: javascript:alert(1)"), "<p>r</p>\n");
}

static void
test_link_xss(void)
{
	const char	*cases[] = {
		"[x](javascript:alert(1))",
		"[x]( JAVASCRIPT:alert(1))",
		"[x](JaVaScRiPt:alert(1))",
		"[x](<javascript:alert(1)>)",
		"[x](&#106;avascript:alert(1))",
		"[x](&#x6A;avascript&colon;alert(1))",
		"[x](javascript&colon;alert(1))",
		"[x](java\tscript:alert(1))",
		"[x](<java\nscript:alert(1)>)",
		"[x](vbscript:msgbox)",
		"[x](data:text/html;base64,PHNjcmlwdD4=)",
		"<javascript:alert(1)>",
		"<JAVASCRIPT:alert(1)>",
		"javascript:alert(1)",
		"[x](%6aavascript:alert(1))",
		"[x](\\javascript:alert(1))",
		"[x]: javascript:alert(1)\n\n[x]",
		"![a](javascript:x)",
		"![a](data:image/svg+xml,<svg onload=alert(1)>)",
		"[![a](/i.png)](javascript:alert(1))",
		"[a](\"onmouseover=\"alert(1))",
		NULL
	};
	const char	*h;
	size_t		 i;

	for (i = 0; cases[i] != NULL; i++) {
		h = md(cases[i]);
		if (!no_unsafe(h) || strstr(h, "href=\"java") ||
		    strstr(h, "href=\"JAVA") || strstr(h, "onmouseover=\"")) {
			printf("  unsafe output for %s: %s\n", cases[i], h);
			t_cur_failed = 1;
		}
	}
	/* Entities are decoded before the check, and the literal left is
	 * escaped so the browser cannot decode it again. */
	h = md("[x](javascript&colon;alert(1))");
	T_ASSERT(strstr(h, "href") == NULL);
	h = md("[x](/a&amp;b)");
	T_CONTAINS(h, "href=\"/a&amp;b\"");
	h = md("[x](/&unknownentity;)");
	T_CONTAINS(h, "href=\"/&amp;unknownentity;\"");
	h = md("[a](\"onmouseover=\"alert(1))");
	T_ASSERT(strstr(h, "<a") == NULL || strstr(h, "&quot;") != NULL);
}

static void
test_images(void)
{
	T_STREQ(md("![A cat](/img/cat.png)"),
	    "<p><img src=\"/img/cat.png\" alt=\"A cat\" loading=\"lazy\">"
	    "</p>\n");
	T_STREQ(md("![A *b* `c`](https://x.org/i.png \"T\")"),
	    "<p><img src=\"https://x.org/i.png\" alt=\"A b c\" title=\"T\" "
	    "loading=\"lazy\"></p>\n");
	T_STREQ(md("![a \"q\" <b>](i.png)"),
	    "<p><img src=\"i.png\" alt=\"a &quot;q&quot; &lt;b&gt;\" "
	    "loading=\"lazy\"></p>\n");
	/* http: and other schemes: only the alt text is shown. */
	T_STREQ(md("![plain](http://x.org/i.png)"), "<p>plain</p>\n");
	T_STREQ(md("![js](javascript:alert(1))"), "<p>js</p>\n");
	T_STREQ(md("![d](data:image/png;base64,AAAA)"), "<p>d</p>\n");
	T_STREQ(md("![](//evil/i.png)"), "<p></p>\n");
	/* A quote in src is a relative URL, escaped: no attribute escape. */
	T_STREQ(md("![x](\"onerror=\"alert(1))"),
	    "<p><img src=\"&quot;onerror=&quot;alert(1)\" alt=\"x\" "
	    "loading=\"lazy\"></p>\n");
	T_STREQ(md("[![i](/a.png)](/b)"),
	    "<p><a href=\"/b\"><img src=\"/a.png\" alt=\"i\" "
	    "loading=\"lazy\"></a></p>\n");
	T_STREQ(md("![outer ![inner](/i.png) *x*](/o.png)"),
	    "<p><img src=\"/o.png\" alt=\"outer inner x\" loading=\"lazy\">"
	    "</p>\n");
}

static void
test_autolinks(void)
{
	T_STREQ(md("see https://example.org/a?b=1 now"),
	    "<p>see <a href=\"https://example.org/a?b=1\">"
	    "https://example.org/a?b=1</a> now</p>\n");
	T_STREQ(md("see www.example.org"),
	    "<p>see <a href=\"http://www.example.org\">www.example.org</a>"
	    "</p>\n");
	T_STREQ(md("<https://x.org>"),
	    "<p><a href=\"https://x.org\">https://x.org</a></p>\n");
	T_STREQ(md("<a@b.org>"),
	    "<p><a href=\"mailto:a@b.org\">a@b.org</a></p>\n");
	/* E-mail addresses without <> stay text. */
	T_STREQ(md("a@b.org"), "<p>a@b.org</p>\n");
	T_STREQ(md("<javascript:alert(1)>"),
	    "<p>javascript:alert(1)</p>\n");
}

static void
test_headings(void)
{
	T_STREQ(md("## Hello, World!\n"),
	    "<h2 id=\"hello-world\">Hello, World!</h2>\n");
	T_STREQ(md("## Intro\n### Intro\n#### Intro\n## Intro-2\n"),
	    "<h2 id=\"intro\">Intro</h2>\n<h3 id=\"intro-2\">Intro</h3>\n"
	    "<h4 id=\"intro-3\">Intro</h4>\n"
	    "<h2 id=\"intro-2-2\">Intro-2</h2>\n");
	T_STREQ(md("## 인공지능 윤리\n"),
	    "<h2 id=\"인공지능-윤리\">인공지능 윤리</h2>\n");
	T_STREQ(md("## Éthique *de* l'IA\n"),
	    "<h2 id=\"éthique-de-l-ia\">Éthique <em>de</em> l&#39;IA</h2>\n");
	T_STREQ(md("## !!!\n"), "<h2 id=\"section\">!!!</h2>\n");
	T_STREQ(md("## \"><script>x\n"),
	    "<h2 id=\"script-x\">&quot;&gt;&lt;script&gt;x</h2>\n");
	T_STREQ(md("##### Five\n"), "<h5>Five</h5>\n");
	T_STREQ(md("Setext\n------\n"), "<h2 id=\"setext\">Setext</h2>\n");
	T_STREQ(md("## [Link](/x) here\n"),
	    "<h2 id=\"link-here\"><a href=\"/x\">Link</a> here</h2>\n");
}

static void
test_toc(void)
{
	struct md_toc	 toc;
	const char	*src = "# Top\n## One &amp; two\ntext\n### Sub\n"
			    "## One & two\n##### deep\n";

	(void)markdown_render_ex(A, src, strlen(src), &toc);
	T_ASSERT(toc.n == 3);
	if (toc.n != 3)
		return;
	T_ASSERT(toc.entries[0].level == 2);
	T_STREQ(toc.entries[0].id, "one-two");
	T_STREQ(toc.entries[0].text, "One & two");
	T_ASSERT(toc.entries[1].level == 3);
	T_STREQ(toc.entries[1].id, "sub");
	T_STREQ(toc.entries[2].id, "one-two-2");
	(void)markdown_render_ex(A, "plain", 5, &toc);
	T_ASSERT(toc.n == 0 && toc.entries != NULL);
}

static void
test_tables(void)
{
	T_STREQ(md("| a | b | c |\n|:--|:-:|--:|\n| 1 | <b> | `x` |\n"),
	    "<table>\n<thead>\n<tr><th class=\"align-left\">a</th>"
	    "<th class=\"align-center\">b</th>"
	    "<th class=\"align-right\">c</th></tr>\n</thead>\n<tbody>\n"
	    "<tr><td class=\"align-left\">1</td>"
	    "<td class=\"align-center\">&lt;b&gt;</td>"
	    "<td class=\"align-right\"><code>x</code></td></tr>\n"
	    "</tbody>\n</table>\n");
	/* A header cell with no text (the corner above a column of row
	 * labels) is an empty data cell: an empty <th> names nothing for
	 * a screen reader (axe's empty-table-header). */
	T_STREQ(md("| | b |\n|---|---|\n| x | 1 |\n"),
	    "<table>\n<thead>\n<tr><td></td><th>b</th></tr>\n</thead>\n"
	    "<tbody>\n<tr><td>x</td><td>1</td></tr>\n</tbody>\n</table>\n");
}

static void
test_code(void)
{
	T_STREQ(md("```c\nif (a < b && c > \"d\") {}\n```\n"),
	    "<pre><code class=\"language-c\">"
	    "if (a &lt; b &amp;&amp; c &gt; &quot;d&quot;) {}\n"
	    "</code></pre>\n");
	T_STREQ(md("```\"><script>\nx\n```\n"),
	    "<pre><code class=\"language-&quot;&gt;&lt;script&gt;\">x\n"
	    "</code></pre>\n");
	T_STREQ(md("    <script>indented</script>\n"),
	    "<pre><code>&lt;script&gt;indented&lt;/script&gt;\n"
	    "</code></pre>\n");
	T_STREQ(md("`<b>&amp;`"), "<p><code>&lt;b&gt;&amp;amp;</code></p>\n");
}

static void
test_alt_check(void)
{
	const char	*ok = "# T\n\n![A cat](/c.png)\n\ntext ![B](b.png)\n";
	const char	*bad1 = "# T\n\npara\n\n![](/c.png)\n";
	const char	*bad2 = "![a](/a.png)\n\n```\n![](in-code.png)\n```\n"
			    "\nx\ny ![   ](/blank.png)\n";
	const char	*bad3 = "[r]: /late.png\n\n![ok](/x.png)\n\n"
			    "line\n\n![][r]\n";
	int		 line;

	line = -1;
	T_ASSERT(markdown_images_have_alt(ok, strlen(ok), &line) == 1);
	T_ASSERT(line == -1);
	T_ASSERT(markdown_images_have_alt(bad1, strlen(bad1), &line) == 0);
	T_ASSERT(line == 5);
	T_ASSERT(markdown_images_have_alt(bad2, strlen(bad2), &line) == 0);
	T_ASSERT(line == 8);
	T_ASSERT(markdown_images_have_alt(bad3, strlen(bad3), &line) == 0);
	T_ASSERT(line == 7);
	T_ASSERT(markdown_images_have_alt("", 0, NULL) == 1);
	T_ASSERT(markdown_images_have_alt("![](x)", 6, NULL) == 0);
}

struct img_seen {
	char	buf[512];
};

static int
collect(void *arg, const char *src, const char *alt, int line)
{
	struct img_seen	*s = arg;
	size_t		 n = strlen(s->buf);

	snprintf(s->buf + n, sizeof(s->buf) - n, "%d:%s:%s;", line, src,
	    alt);
	return (0);
}

static void
test_each_image(void)
{
	struct img_seen	 s;
	const char	*src = "![one](/1.png) ![two *x*](&#47;2.png)\n\n"
			    "- ![three](3.png \"t\")\n";

	s.buf[0] = '\0';
	T_ASSERT(markdown_each_image(src, strlen(src), collect, &s) == 3);
	T_STREQ(s.buf, "1:/1.png:one;1:/2.png:two x;3:3.png:three;");
}

static void
test_edge(void)
{
	const char	*h;
	char		 big[20000];
	size_t		 i;

	for (i = 0; i < sizeof(big) - 1; i++)
		big[i] = "[!*_`<>(#\n"[i % 10];
	big[sizeof(big) - 1] = '\0';
	h = md(big);
	T_ASSERT(h != NULL && no_unsafe(h));
	h = markdown_render(A, "a\0<script>", 10)->html;
	T_ASSERT(no_unsafe(h));
	T_CONTAINS(h, "\xef\xbf\xbd");
	/* Thousands of equal headings: ids stay unique (and fast). */
	for (i = 0; i + 5 < sizeof(big); i += 5)
		memcpy(big + i, "## x\n", 5);
	big[i] = '\0';
	h = md(big);
	T_CONTAINS(h, "id=\"x-2\"");
}

int
main(void)
{
	A = arena_new();
	T_RUN(test_basic);
	T_RUN(test_raw_html);
	T_RUN(test_links);
	T_RUN(test_link_xss);
	T_RUN(test_images);
	T_RUN(test_autolinks);
	T_RUN(test_headings);
	T_RUN(test_toc);
	T_RUN(test_tables);
	T_RUN(test_code);
	T_RUN(test_alt_check);
	T_RUN(test_each_image);
	T_RUN(test_edge);
	arena_free(A);
	return (t_done());
}
