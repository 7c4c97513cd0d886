/*
 * test_tmpl.c: the template engine: syntax, values, contexts and their
 * escaping, refusals at parse time, partials, translations, loading a
 * folder, and the escaping helpers on their own.
 */
#include <sys/stat.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"
#include "t.h"

static struct arena	*ta;	/* everything a test makes */

static void		 test_html_escape(void);
static void		 test_url_component(void);
static void		 test_many_keys(void);
static void		 trans_ahead(struct tv *, const struct i18n_lang *);
static void		 test_buf_growth(void);
static void		 test_borrow(void);
static void		 test_fields(void);
static void		 test_url_is_safe(void);
static void		 test_text_and_values(void);
static void		 test_if_unless(void);
static void		 test_each(void);
static void		 test_values_escaped_in_text(void);
static void		 test_url_contexts(void);
static void		 test_refusals(void);
static void		 test_safe_html(void);
static void		 test_partials(void);
static void		 test_trans_fallback(void);
static void		 test_trans_catalog(void);
static void		 test_foreach_msgid(void);
static void		 test_load(void);
static void		 test_invalid_utf8(void);
static void		 test_deep_nesting(void);
static void		 test_budget(void);
static void		 test_comments_and_markup(void);

static const char	*R(const char *, const struct tv *);
static const char	*RL(const char *, const struct tv *,
			    const struct i18n_lang *);
static const char	*PERR(const char *);
static struct tv	*view_new(void);
static const char	*esc(const char *);
static const char	*urlc(const char *);
static void		 write_file(const char *, const char *, const char *);
static char		*make_dir(void);
static void		 remove_dir(const char *);
static void		 put32(struct buf *, uint32_t);
static int		 write_mo(const char *, const char *const *, size_t);
static void		 collect(void *, const char *, int, const char *,
			    const char *);

/* Renders src with view (lang NULL); "(parse error: ...)" if refused. */
static const char *
R(const char *src, const struct tv *view)
{
	return (RL(src, view, NULL));
}

static const char *
RL(const char *src, const struct tv *view, const struct i18n_lang *lang)
{
	struct tmpl_set	*set;
	struct buf	 b;
	char		 err[256];
	const char	*res;

	if ((set = tmpl_parse_string("t", src, err, sizeof(err))) == NULL)
		return (arena_printf(ta, "(parse error: %s)", err));
	buf_init(&b);
	if (tmpl_render(set, "t", view, lang, &b) == -1)
		res = "(render failed)";
	else
		res = arena_strdup(ta, b.data != NULL ? b.data : "");
	buf_free(&b);
	tmpl_free(set);
	return (res);
}

/* The parse error for src, or "(parsed)". */
static const char *
PERR(const char *src)
{
	struct tmpl_set	*set;
	char		 err[256];

	if ((set = tmpl_parse_string("t", src, err, sizeof(err))) != NULL) {
		tmpl_free(set);
		return ("(parsed)");
	}
	return (arena_strdup(ta, err));
}

static struct tv *
view_new(void)
{
	return (tv_map(ta));
}

static const char *
esc(const char *s)
{
	struct buf	 b;
	const char	*res;

	buf_init(&b);
	html_escape(&b, s);
	res = arena_strdup(ta, b.data != NULL ? b.data : "");
	buf_free(&b);
	return (res);
}

static const char *
urlc(const char *s)
{
	struct buf	 b;
	const char	*res;

	buf_init(&b);
	url_escape_component(&b, s);
	res = arena_strdup(ta, b.data != NULL ? b.data : "");
	buf_free(&b);
	return (res);
}

/* ---- escaping helpers ---- */

static void
test_html_escape(void)
{
	T_STREQ(esc("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	T_STREQ(esc(""), "");
	T_STREQ(esc("plain é 한국어"), "plain é 한국어");
	T_STREQ(esc(NULL), "");
}

static void
test_url_component(void)
{
	T_STREQ(urlc("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
	T_STREQ(urlc("AZaz09-._~"), "AZaz09-._~");
	T_STREQ(urlc("\"<>'#?%+"), "%22%3C%3E%27%23%3F%25%2B");
	T_STREQ(urlc("\xff\xfe"), "%FF%FE");
	T_STREQ(urlc("x"), "x");
	T_STREQ(urlc(""), "");
	T_STREQ(urlc(NULL), "");
}

static void
test_url_is_safe(void)
{
	T_ASSERT(url_is_safe("/x"));
	T_ASSERT(url_is_safe("/"));
	T_ASSERT(url_is_safe("#top"));
	T_ASSERT(url_is_safe("?q=1"));
	T_ASSERT(url_is_safe("page.html"));
	T_ASSERT(url_is_safe("a/b:c"));
	T_ASSERT(url_is_safe("http://example.org/"));
	T_ASSERT(url_is_safe("HTTPS://example.org/"));
	T_ASSERT(url_is_safe("  https://example.org/"));
	T_ASSERT(url_is_safe("MailTo:a@example.org"));
	T_ASSERT(url_is_safe(""));
	T_ASSERT(!url_is_safe("//evil.example"));
	T_ASSERT(!url_is_safe("/\\evil.example"));
	T_ASSERT(!url_is_safe("\\\\evil.example"));
	T_ASSERT(!url_is_safe("/\t/evil.example"));
	T_ASSERT(!url_is_safe("javascript:alert(1)"));
	T_ASSERT(!url_is_safe(" JaVaScRiPt:alert(1)"));
	T_ASSERT(!url_is_safe("\x01javascript:alert(1)"));
	T_ASSERT(!url_is_safe("java\tscript:alert(1)"));
	T_ASSERT(!url_is_safe("java\nscript:alert(1)"));
	T_ASSERT(!url_is_safe("data:text/html,<script>alert(1)</script>"));
	/* Captions inline, for pages opened from files: base64 VTT only. */
	T_ASSERT(url_is_safe("data:text/vtt;base64,V0VCVlRUCgo="));
	T_ASSERT(!url_is_safe("data:text/vtt;base64,V0VC\"onerror=x"));
	T_ASSERT(!url_is_safe("data:text/vtt,WEBVTT"));
	T_ASSERT(!url_is_safe("data:text/html;base64,PHNjcmlwdD4="));
	T_ASSERT(!url_is_safe("data:text/vtt;base64,<x>"));
	T_ASSERT(!url_is_safe("datax:text/vtt;base64,AAAA"));
	T_ASSERT(!url_is_safe("vbscript:msgbox(1)"));
	T_ASSERT(!url_is_safe("httpx:foo"));
	T_ASSERT(!url_is_safe("ftp://example.org"));
	T_ASSERT(!url_is_safe(NULL));
}

/* ---- buffers ---- */

/* Appends of every size around the growth steps keep every byte and the
 * terminating NUL. */
static void
test_buf_growth(void)
{
	struct buf	 b;
	char		 chunk[600];
	size_t		 i, n, total = 0, bad = 0;

	for (i = 0; i < sizeof(chunk); i++)
		chunk[i] = (char)('a' + i % 26);
	buf_init(&b);
	for (n = 0; n < 600; n += 37) {
		buf_append(&b, chunk, n);
		total += n;
		if (b.len != total || b.data[b.len] != '\0' || b.cap <= b.len)
			bad++;
	}
	buf_reset(&b);
	for (i = 0; i < 1000; i++)
		buf_append(&b, chunk + i % 26, 1);
	for (i = 0; i < 1000; i++)
		if (b.data[i] != chunk[i % 26])
			bad++;
	T_ASSERT(b.len == 1000 && b.data[1000] == '\0' && bad == 0);
	buf_free(&b);
	buf_init(&b);
	buf_reserve(&b, 255);
	n = b.cap;
	buf_append(&b, chunk, n - 1);	/* exactly fills it with the NUL */
	T_ASSERT(b.cap == n && b.data[n - 1] == '\0');
	buf_append(&b, "x", 1);
	T_ASSERT(b.cap > n && b.len == n && b.data[n - 1] == 'x' &&
	    b.data[n] == '\0');
	buf_free(&b);
}

/* ---- values ---- */

/* Maps past TV_INDEX_AT keys are searched through their index: every key
 * found, absent ones not, a key set again replaced in place. */
static void
test_many_keys(void)
{
	struct tv	*v = view_new();
	const char	*key[200];
	char		 name[16], want[16];
	size_t		 i, bad = 0;

	for (i = 0; i < 200; i++) {
		(void)snprintf(name, sizeof(name), "k%zu", i);
		key[i] = arena_strdup(ta, name);
		tv_int(v, key[i], (int64_t)i);
		if (tv_get(v, key[0]) == NULL || tv_get(v, key[i]) == NULL)
			bad++;
	}
	for (i = 0; i < 200; i++) {
		(void)snprintf(name, sizeof(name), "{{k%zu}}", i);
		(void)snprintf(want, sizeof(want), "%zu", i);
		if (strcmp(R(name, v), want) != 0)
			bad++;
	}
	T_ASSERT(bad == 0);
	T_ASSERT(tv_get(v, "k200") == NULL);
	T_ASSERT(tv_get(v, "k") == NULL);
	tv_str(v, "k7", "seven");
	T_STREQ(R("{{k6}} {{k7}} {{k8}}", v), "6 seven 8");
	tv_str(v, "k7", NULL);
	T_STREQ(R("[{{k7}}]", v), "[]");
	T_STREQ(R("{{k199}}", v), "199");
}

/* A borrowed tree renders in every view that borrows it; replacing the
 * key in one view leaves the tree and the other view alone. */
/* A struct through a field table reads as the tv_* calls would set it,
 * escaped the same; tv_rows() makes a list of them. TVF() and
 * TVF_FLAG() take each member's type from the struct: an int64_t flag
 * set only in its high half reads as set. */
struct fields_row {
	char		 pad;
	const char	*name;
	int		 n;
	int64_t		 id;
	size_t		 count;
	int		 on;
	int64_t		 wide;
};

static void
test_fields(void)
{
	static const struct tv_field f[] = {
		TVF(struct fields_row, "name", name),
		TVF(struct fields_row, "n", n),
		TVF(struct fields_row, "id", id),
		TVF(struct fields_row, "count", count),
		TVF_FLAG(struct fields_row, "on", on),
		TVF_FLAG(struct fields_row, "wide", wide),
		{ NULL, 0, 0 }
	};
	const struct fields_row rows[2] = {
		{ 'x', "<a&b>", -3, INT64_C(9007199254740993), 7, 1,
		    INT64_C(1) << 32 },
		{ 'y', NULL, 0, 0, 0, 0, 0 }
	};
	struct tv	*v, *w;

	v = view_new();
	tv_fields(v, &rows[0], f);
	w = view_new();
	tv_str(w, "name", rows[0].name);
	tv_int(w, "n", rows[0].n);
	tv_int(w, "id", rows[0].id);
	tv_int(w, "count", (int64_t)rows[0].count);
	tv_bool(w, "on", rows[0].on);
	T_STREQ(R("{{name}} {{n}} {{id}} {{count}}{{#if on}} on{{/if}}", v),
	    "&lt;a&amp;b&gt; -3 9007199254740993 7 on");
	T_STREQ(R("{{name}} {{n}} {{id}} {{count}}{{#if on}} on{{/if}}", v),
	    R("{{name}} {{n}} {{id}} {{count}}{{#if on}} on{{/if}}", w));
	v = view_new();
	tv_rows(v, "rows", rows, 2, sizeof(rows[0]), f);
	T_STREQ(R("{{#each rows}}[{{name}}|{{n}}|{{#if on}}on{{else}}off"
	    "{{/if}}]{{/each}}", v), "[&lt;a&amp;b&gt;|-3|on][|0|off]");
	T_STREQ(R("{{#each rows}}[{{#if wide}}wide{{else}}narrow{{/if}}]"
	    "{{/each}}", v), "[wide][narrow]");
	v = view_new();
	tv_rows(v, "rows", NULL, 0, sizeof(rows[0]), f);
	T_STREQ(R("{{#each rows}}x{{else}}none{{/each}}", v), "none");
}

static void
test_borrow(void)
{
	struct tv	*shared = view_new(), *a = view_new(), *b = view_new();
	struct tv	*list;

	list = tv_list(shared, "langs");
	tv_str(tv_push_map(list), "code", "en");
	tv_str(tv_push_map(list), "code", "ko");
	tv_borrow(a, "langs", list);
	tv_borrow(b, "langs", list);
	tv_borrow(b, "none", NULL);
	T_STREQ(R("{{#each langs}}[{{code}}]{{/each}}", a), "[en][ko]");
	tv_str(a, "langs", "x");
	T_STREQ(R("{{langs}}", a), "x");
	T_STREQ(R("{{#each langs}}[{{code}}]{{/each}}{{none}}", b),
	    "[en][ko]");
	T_ASSERT(tv_list_len(list) == 2);
}

/* ---- syntax ---- */

static void
test_text_and_values(void)
{
	struct tv	*v = view_new(), *u;

	tv_str(v, "name", "Ada");
	tv_int(v, "n", -42);
	tv_bool(v, "yes", 1);
	u = tv_child(v, "user");
	tv_str(tv_child(u, "org"), "name", "UNESCO");
	T_STREQ(R("plain <b>text</b>", v), "plain <b>text</b>");
	T_STREQ(R("Hi {{name}}!", v), "Hi Ada!");
	T_STREQ(R("{{ name }}", v), "Ada");
	T_STREQ(R("{{n}}", v), "-42");
	tv_int(v, "big", INT64_MAX);
	tv_int(v, "least", INT64_MIN);
	tv_int(v, "zero", 0);
	T_STREQ(R("{{big}} {{least}} {{zero}}", v),
	    "9223372036854775807 -9223372036854775808 0");
	T_STREQ(R("{{yes}}", v), "true");
	T_STREQ(R("{{user.org.name}}", v), "UNESCO");
	T_STREQ(R("[{{missing}}][{{user.nope.x}}][{{user}}]", v), "[][][]");
	T_STREQ(R("a{{! a comment with \"quotes\" }}b", v), "ab");
	T_STREQ(R("", v), "");
	T_STREQ(R("{{name}}", NULL), "");
	/* Setting a key again replaces it in place. */
	tv_str(v, "name", "Grace");
	T_STREQ(R("{{name}}", v), "Grace");
	tv_str(v, "name", NULL);
	T_STREQ(R("[{{name}}]", v), "[]");
	T_ASSERT(tv_get(v, "n") != NULL);
	T_ASSERT(tv_get(v, "zzz") == NULL);
}

static void
test_if_unless(void)
{
	struct tv	*v = view_new();

	tv_str(v, "s", "x");
	tv_str(v, "empty", "");
	tv_int(v, "zero", 0);
	tv_int(v, "one", 1);
	tv_bool(v, "f", 0);
	tv_bool(v, "t", 1);
	tv_list(v, "nolist");
	tv_push_str(tv_list(v, "list"), "a");
	tv_child(v, "nomap");
	tv_str(tv_child(v, "map"), "k", "v");
	T_STREQ(R("{{#if s}}Y{{else}}N{{/if}}", v), "Y");
	T_STREQ(R("{{#if empty}}Y{{else}}N{{/if}}", v), "N");
	T_STREQ(R("{{#if zero}}Y{{else}}N{{/if}}", v), "N");
	T_STREQ(R("{{#if one}}Y{{else}}N{{/if}}", v), "Y");
	T_STREQ(R("{{#if f}}Y{{else}}N{{/if}}", v), "N");
	T_STREQ(R("{{#if t}}Y{{else}}N{{/if}}", v), "Y");
	T_STREQ(R("{{#if nolist}}Y{{else}}N{{/if}}", v), "N");
	T_STREQ(R("{{#if list}}Y{{else}}N{{/if}}", v), "Y");
	T_STREQ(R("{{#if nomap}}Y{{else}}N{{/if}}", v), "N");
	T_STREQ(R("{{#if map}}Y{{else}}N{{/if}}", v), "Y");
	T_STREQ(R("{{#if missing}}Y{{/if}}", v), "");
	T_STREQ(R("{{#unless s}}Y{{else}}N{{/unless}}", v), "N");
	T_STREQ(R("{{#unless missing}}Y{{/unless}}", v), "Y");
	T_STREQ(R("{{#if s}}{{#if one}}A{{else}}B{{/if}}{{/if}}", v), "A");
	T_STREQ(R("<li {{#if t}}class=\"on\"{{/if}}>x</li>", v),
	    "<li class=\"on\">x</li>");
	T_STREQ(R("<input {{#if t}}checked{{/if}} value=\"{{s}}\">", v),
	    "<input checked value=\"x\">");
}

static void
test_each(void)
{
	struct tv	*v = view_new(), *l, *it, *tags;

	tv_str(v, "title", "outer");
	l = tv_list(v, "items");
	it = tv_push_map(l);
	tv_str(it, "name", "a");
	tags = tv_list(it, "tags");
	tv_push_str(tags, "x");
	tv_push_str(tags, "y");
	it = tv_push_map(l);
	tv_str(it, "name", "b");
	tv_str(it, "title", "inner");
	tv_list(it, "tags");
	T_ASSERT(tv_list_len(l) == 2);
	T_ASSERT(tv_list_len(v) == 0);
	T_STREQ(R("{{#each items}}{{@index}}:{{name}}/{{title}};"
	    "{{/each}}", v), "0:a/outer;1:b/inner;");
	T_STREQ(R("{{#each items}}{{#if @first}}[{{/if}}{{name}}"
	    "{{#if @last}}]{{else}},{{/if}}{{/each}}", v), "[a,b]");
	/* Nested each: the inner item, then the outer item, then the view. */
	T_STREQ(R("{{#each items}}{{name}}({{#each tags}}{{.}}{{@index}}"
	    "{{name}}{{title}} {{else}}none{{/each}}){{/each}}", v),
	    "a(x0aouter y1aouter )b(none)");
	T_STREQ(R("{{#each nothing}}x{{else}}empty{{/each}}", v), "empty");
	T_STREQ(R("{{#each title}}x{{else}}not a list{{/each}}", v),
	    "not a list");
	T_STREQ(R("[{{@index}}{{.}}]", v), "[]");
}

static void
test_values_escaped_in_text(void)
{
	struct tv	*v = view_new();
	const char	*payloads[] = {
		"<script>alert(1)</script>",
		"\"><img src=x onerror=alert(1)>",
		"' onmouseover='x",
		"javascript:alert(1)",
		NULL
	};
	size_t		 i;
	const char	*out;

	for (i = 0; payloads[i] != NULL; i++) {
		tv_str(v, "x", payloads[i]);
		out = R("<p>{{x}}</p>", v);
		T_STREQ(out, arena_printf(ta, "<p>%s</p>",
		    esc(payloads[i])));
		T_ASSERT(strchr(out + 3, '<') == strstr(out, "</p>"));
		out = R("<p title=\"{{x}}\" class='{{x}}'></p>", v);
		T_ASSERT(strstr(out, "<img") == NULL);
		T_ASSERT(strstr(out, "<script") == NULL);
		T_ASSERT(strchr(out + 10, '"') == strstr(out, "\" class"));
		T_ASSERT(strstr(out, "' onmouseover") == NULL);
		out = R("<!-- {{x}} -->", v);
		T_ASSERT(strstr(out, "<img") == NULL &&
		    strstr(out, "<script") == NULL);
	}
	tv_str(v, "x", "<script>alert(1)</script>");
	T_STREQ(R("<p>{{x}}</p>", v),
	    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
	tv_str(v, "x", "' onmouseover='x");
	T_STREQ(R("<p title='{{x}}'>", v),
	    "<p title='&#39; onmouseover=&#39;x'>");
	/* Inside <textarea> and <title> values are text. */
	tv_str(v, "x", "</textarea><script>");
	T_STREQ(R("<textarea>{{x}}</textarea>", v),
	    "<textarea>&lt;/textarea&gt;&lt;script&gt;</textarea>");
}

static void
test_url_contexts(void)
{
	struct tv	*v = view_new();
	const char	*bad[] = {
		"javascript:alert(1)",
		" JaVaScRiPt:alert(1)",
		"//evil.example",
		"data:text/html,<script>alert(1)</script>",
		"vbscript:msgbox(1)",
		"java\tscript:alert(1)",
		NULL
	};
	size_t		 i;

	for (i = 0; bad[i] != NULL; i++) {
		tv_str(v, "u", bad[i]);
		T_STREQ(R("<a href=\"{{u}}\">x</a>", v),
		    "<a href=\"#blocked\">x</a>");
		T_STREQ(R("<img src='{{u}}'>", v), "<img src='#blocked'>");
		T_STREQ(R("<form action=\"{{u}}\"><button formaction=\"{{u}}\">"
		    "<video poster=\"{{u}}\"><q cite=\"{{u}}\">", v),
		    "<form action=\"#blocked\"><button formaction=\"#blocked\">"
		    "<video poster=\"#blocked\"><q cite=\"#blocked\">");
		T_STREQ(R("<A HREF=\"  {{u}}\">", v), "<A HREF=\"  #blocked\">");
	}
	tv_str(v, "u", "/courses?a=1&b=\"2\"");
	T_STREQ(R("<a href=\"{{u}}\">", v),
	    "<a href=\"/courses?a=1&amp;b=&quot;2&quot;\">");
	tv_str(v, "u", "https://example.org/x");
	T_STREQ(R("<a href=\"{{u}}\">", v),
	    "<a href=\"https://example.org/x\">");
	tv_str(v, "u", "mailto:a@example.org");
	T_STREQ(R("<a href=\"{{u}}\">", v),
	    "<a href=\"mailto:a@example.org\">");
	tv_str(v, "u", "#top");
	T_STREQ(R("<a href=\"{{u}}\">", v), "<a href=\"#top\">");
	/* Later in the attribute: a URL component. */
	tv_str(v, "q", "a b&c=d/é");
	T_STREQ(R("<a href=\"/search?q={{q}}\">", v),
	    "<a href=\"/search?q=a%20b%26c%3Dd%2F%C3%A9\">");
	tv_str(v, "q", "javascript:alert(1)");
	T_STREQ(R("<a href=\"/u/{{q}}\">", v),
	    "<a href=\"/u/javascript%3Aalert%281%29\">");
	tv_str(v, "q", "\"><img src=x onerror=alert(1)>");
	T_STREQ(R("<a href='/u/{{q}}'>", v),
	    "<a href='/u/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E'>");
	/* The second of two values is a component. */
	tv_str(v, "u", "/a");
	tv_str(v, "q", "/evil");
	T_STREQ(R("<a href=\"{{u}}{{q}}\">", v), "<a href=\"/a%2Fevil\">");
	/* Ints in URLs. */
	tv_int(v, "id", 7);
	T_STREQ(R("<a href=\"/c/{{id}}\">", v), "<a href=\"/c/7\">");
	/* A loop inside a URL never writes its start. */
	tv_push_str(tv_list(v, "parts"), "/");
	tv_push_str(tv_list(v, "parts"), "/evil.example");
	T_STREQ(R("<a href=\"{{#each parts}}{{.}}{{/each}}\">", v),
	    "<a href=\"%2Fevil.example\">");
	/* A block in the URL: after it, values are components. */
	tv_str(v, "u", "/ok");
	tv_str(v, "q", "javascript:x");
	T_STREQ(R("<a href=\"{{#if nope}}/x/{{/if}}{{q}}\">", v),
	    "<a href=\"javascript%3Ax\">");
	T_STREQ(R("<a href=\"{{#if u}}{{u}}{{else}}/{{/if}}\">", v),
	    "<a href=\"/ok\">");
	/* Not URL attributes: plain attribute escaping. */
	tv_str(v, "u", "javascript:alert(1)");
	T_STREQ(R("<a title=\"{{u}}\" data-href=\"{{u}}\">", v),
	    "<a title=\"javascript:alert(1)\" data-href=\"javascript:alert(1)\">");
}

static void
test_refusals(void)
{
	T_CONTAINS(PERR("<a href={{u}}>"), "t:1: value in an unquoted");
	T_CONTAINS(PERR("<a title=x{{u}}>"), "unquoted");
	T_CONTAINS(PERR("<{{t}}>"), "tag or attribute name");
	T_CONTAINS(PERR("<a {{t}}>"), "tag or attribute name");
	T_CONTAINS(PERR("<a {{t}}=\"x\">"), "tag or attribute name");
	T_CONTAINS(PERR("<a data-{{t}}=\"x\">"), "tag or attribute name");
	T_CONTAINS(PERR("</{{t}}>"), "tag or attribute name");
	T_CONTAINS(PERR("<a\n\nb=\"\" {{t}}>"), "t:3: ");
	T_CONTAINS(PERR("<script>var x = \"{{x}}\";</script>"),
	    "value inside <script>");
	T_CONTAINS(PERR("<SCRIPT type=\"x\">{{x}}</SCRIPT>"),
	    "value inside <script>");
	T_CONTAINS(PERR("<style>a { color: {{c}} }</style>"),
	    "value inside <style>");
	T_CONTAINS(PERR("<script>x</scriptx>{{x}}</script>"),
	    "value inside <script>");
	T_CONTAINS(PERR("<script><!--</script>"), "<!--");
	T_STREQ(PERR("<script>x</script >{{x}}"), "(parsed)");
	T_STREQ(PERR("<script src=\"/a.js\"></script>{{x}}"), "(parsed)");
	T_CONTAINS(PERR("<a onclick=\"{{x}}\">"), "event handler");
	T_CONTAINS(PERR("<body OnLoad='{{x}}'>"), "event handler");
	T_CONTAINS(PERR("<p style=\"color: {{c}}\">"), "attribute style");
	T_CONTAINS(PERR("<img srcset=\"{{s}}\">"), "attribute srcset");
	T_CONTAINS(PERR("<iframe srcdoc=\"{{s}}\">"), "attribute srcdoc");
	T_CONTAINS(PERR("<!DOCTYPE {{x}}>"), "markup");
	T_CONTAINS(PERR("<a href=\"{{_ \"x\"}}\">"), "translation in URL");
	T_CONTAINS(PERR("<a title=\"{{> p}}\">"), "partial outside");
	/* blocks */
	T_STREQ(PERR("line1\n{{#if x}}\nabc"), "t:2: unclosed {{#if}}");
	T_STREQ(PERR("{{#each x}}{{#if y}}{{/if}}"), "t:1: unclosed {{#each}}");
	T_STREQ(PERR("a\n{{/if}}"), "t:2: stray {{/if}}");
	T_CONTAINS(PERR("{{#if x}}{{/each}}"), "does not close {{#if}}");
	T_CONTAINS(PERR("{{#with x}}{{/with}}"), "unknown block {{#with}}");
	T_CONTAINS(PERR("{{#if x}}{{else}}{{else}}{{/if}}"), "second");
	T_CONTAINS(PERR("{{else}}"), "outside a block");
	T_CONTAINS(PERR("{{#if}}{{/if}}"), "expected a value name");
	T_CONTAINS(PERR("{{#if a b}}{{/if}}"), "takes one value");
	T_STREQ(PERR("a\nb {{name"), "t:2: unterminated {{");
	T_CONTAINS(PERR("{{! never closed"), "unterminated");
	T_CONTAINS(PERR("{{_ \"never closed}}"), "unterminated");
	T_CONTAINS(PERR("{{}}"), "empty");
	T_CONTAINS(PERR("{{a b}}"), "one value");
	T_CONTAINS(PERR("{{a..b}}"), "bad value name");
	T_CONTAINS(PERR("{{a.}}"), "bad value name");
	T_CONTAINS(PERR("{{@foo}}"), "unknown variable");
	T_CONTAINS(PERR("{{{x}}}"), "bad value name");
	T_CONTAINS(PERR("{{_n \"a\" \"b\"}}"), "needs n=count");
	T_CONTAINS(PERR("{{_ \"Hi {name}\"}}"), "placeholder {name}");
	T_CONTAINS(PERR("{{_ \"\"}}"), "non-empty");
	T_CONTAINS(PERR("{{_ \"a\" b}}"), "name=value");
	/* Branches must end in the same HTML context. */
	T_CONTAINS(PERR("{{#if x}}<a href=\"{{/if}}{{u}}\">"),
	    "another HTML context");
	T_CONTAINS(PERR("{{#if x}}<b>{{else}}<i {{/if}}>"),
	    "another HTML context");
	T_CONTAINS(PERR("{{#each x}}<script>{{/each}}"),
	    "another HTML context");
	T_CONTAINS(PERR("<a {{#if x}}onclick{{else}}title{{/if}}=\"{{v}}\">"),
	    "depends on a block");
	/* A block may continue an attribute name: tracked, then unknown. */
	T_CONTAINS(PERR("<a o{{#if x}}nclick{{/if}}=\"{{v}}\">"),
	    "depends on a block");
	T_CONTAINS(PERR("<a o{{#if x}}nclick=\"{{v}}\"{{/if}}>"),
	    "event handler attribute onclick");
	T_CONTAINS(PERR("<a{{#if x}} class=\"y\"{{/if}}>"),
	    "another HTML context");
	T_STREQ(PERR("<input required{{#if e}} aria-invalid=\"true\"{{/if}}"
	    " value=\"{{v}}\">"), "(parsed)");
	T_STREQ(PERR("{{#if x}}<a href=\"/a\">{{else}}<a href=\"/b\">{{/if}}"
	    "{{! ok }}x</a>"), "(parsed)");
	T_STREQ(PERR("<a href=\"{{#if x}}/a{{else}}/b{{/if}}\">"), "(parsed)");
}

static void
test_safe_html(void)
{
	struct tv		*v = view_new();
	struct safe_html	 h = { "<em>hi</em> & \"q\"" };

	tv_html(v, "h", &h);
	T_STREQ(R("<div>{{h}}</div>", v), "<div><em>hi</em> & \"q\"</div>");
	T_STREQ(R("<div title=\"{{h}}\">", v),
	    "<div title=\"&lt;em&gt;hi&lt;/em&gt; &amp; &quot;q&quot;\">");
	T_STREQ(R("<!-- {{h}} -->", v),
	    "<!-- &lt;em&gt;hi&lt;/em&gt; &amp; &quot;q&quot; -->");
	T_STREQ(R("{{#if h}}yes{{/if}}", v), "yes");
	tv_html(v, "h", NULL);
	T_STREQ(R("[{{h}}]", v), "[]");
}

static void
test_partials(void)
{
	struct tmpl_set	*set;
	struct buf	 b;
	struct tv	*v = view_new();
	char		 err[256];

	set = tmpl_parse_string("self",
	    "<i>{{> self}}</i>{{> nothere}}", err, sizeof(err));
	T_ASSERT(set != NULL);
	buf_init(&b);
	T_ASSERT(tmpl_render(set, "self", v, NULL, &b) == 0);
	/* The guard stops after 16 nested partials: 17 <i> in all. */
	T_ASSERT(b.len == 17 * strlen("<i></i>"));
	T_ASSERT(strncmp(b.data, "<i><i><i>", 9) == 0);
	buf_reset(&b);
	T_ASSERT(tmpl_render(set, "other", v, NULL, &b) == -1);
	T_ASSERT(b.len == 0);
	T_ASSERT(tmpl_exists(set, "self"));
	T_ASSERT(!tmpl_exists(set, "other"));
	buf_free(&b);
	tmpl_free(set);
	T_CONTAINS(PERR("{{> bad name}}"), "takes nothing more");
	T_CONTAINS(PERR("{{> a<b}}"), "bad template name");
}

/* ---- translation with lang NULL ---- */

static void
test_trans_fallback(void)
{
	struct tv	*v = view_new(), *u;

	u = tv_child(v, "user");
	tv_str(u, "name", "<b>Ada</b>");
	tv_int(v, "count", 1);
	tv_int(v, "many", 5);
	tv_str(v, "url", "/x");
	T_STREQ(R("{{_ \"Hello\"}}", v), "Hello");
	T_STREQ(R("{{_ \"Say \\\"hi\\\" & <b>\"}}", v),
	    "Say &quot;hi&quot; &amp; &lt;b&gt;");
	T_STREQ(R("{{_ \"Hello, {name}!\" name=user.name}}", v),
	    "Hello, &lt;b&gt;Ada&lt;/b&gt;!");
	T_STREQ(R("{{_ \"{a}{a} {b}\" a=\"<x>\" b=user.nope}}", v),
	    "&lt;x&gt;&lt;x&gt; ");
	T_STREQ(R("{{_ \"{not closed and {}\" }}", v), "{not closed and {}");
	T_STREQ(R("{{_n \"{n} item\" \"{n} items\" n=count}}", v), "1 item");
	T_STREQ(R("{{_n \"{n} item\" \"{n} items\" n=many}}", v), "5 items");
	T_STREQ(R("{{_n \"one\" \"{n} more\" n=missing}}", v), " more");
	T_STREQ(R("<p title=\"{{_ \"Hi {who}\" who=user.name}}\">", v),
	    "<p title=\"Hi &lt;b&gt;Ada&lt;/b&gt;\">");
	T_STREQ(R("{{#each nothing}}{{else}}{{_ \"None}} yet\"}}{{/each}}",
	    v), "None}} yet");
}

/* ---- translation through the real i18n catalogs ---- */

static void
put32(struct buf *b, uint32_t v)
{
	unsigned char	 le[4];

	le[0] = v & 0xff;
	le[1] = (v >> 8) & 0xff;
	le[2] = (v >> 16) & 0xff;
	le[3] = (v >> 24) & 0xff;
	buf_append(b, le, 4);
}

/*
 * Writes a little-endian GNU .mo file: kv holds n (msgid, msgstr) pairs
 * sorted by msgid; a "|" in a string stands for the NUL that separates
 * a msgid from its plural, or one plural form from the next.
 */
static int
write_mo(const char *path, const char *const *kv, size_t n)
{
	struct buf	 b;
	FILE		*fp;
	size_t		 i, off, len;
	char		*s;
	int		 rc;

	buf_init(&b);
	put32(&b, 0x950412deU);
	put32(&b, 0);
	put32(&b, (uint32_t)n);
	put32(&b, 28);
	put32(&b, (uint32_t)(28 + n * 8));
	put32(&b, 0);
	put32(&b, 0);
	off = 28 + n * 16;
	for (i = 0; i < 2 * n; i++) {
		/* msgids first, then translations: even, then odd */
		len = strlen(kv[(i < n ? 2 * i : 2 * (i - n) + 1)]);
		put32(&b, (uint32_t)len);
		put32(&b, (uint32_t)off);
		off += len + 1;
	}
	for (i = 0; i < 2 * n; i++) {
		len = strlen(kv[(i < n ? 2 * i : 2 * (i - n) + 1)]);
		buf_append(&b, kv[(i < n ? 2 * i : 2 * (i - n) + 1)], len + 1);
	}
	/* "|" stands for the NUL between plural forms. */
	for (s = b.data + 28 + n * 16; s < b.data + b.len; s++)
		if (*s == '|')
			*s = '\0';
	rc = -1;
	if ((fp = fopen(path, "wb")) != NULL) {
		if (fwrite(b.data, 1, b.len, fp) == b.len)
			rc = 0;
		fclose(fp);
	}
	buf_free(&b);
	return (rc);
}

/*
 * Translated ahead: the same bytes in every language as rendered on the
 * spot, and the texts really come from the ahead copies (they outlive the
 * catalog, which the caller unloads next).
 */
static void
trans_ahead(struct tv *v, const struct i18n_lang *ko)
{
	static const char *src = "<p>{{_ \"Hello\"}}|{{_ \"Goodbye\"}}|"
	    "{{_ \"Hello, {name}!\" name=name}}|{{_ \"a {b\"}}|"
	    "{{_n \"{n} item\" \"{n} items\" n=five}}</p>";
	const struct i18n_lang	*langs[2];
	struct tmpl_set		*set;
	struct buf		 before[2], after;
	size_t			 i;

	langs[0] = ko;
	langs[1] = i18n_default();
	set = tmpl_parse_string("t", src, NULL, 0);
	T_ASSERT(set != NULL);
	if (set == NULL)
		return;
	for (i = 0; i < 2; i++) {
		buf_init(&before[i]);
		T_ASSERT(tmpl_render(set, "t", v, langs[i], &before[i]) == 0);
	}
	tmpl_translate_ahead(set);
	for (i = 0; i < 2; i++) {
		buf_init(&after);
		T_ASSERT(tmpl_render(set, "t", v, langs[i], &after) == 0);
		T_STREQ(after.data, before[i].data);
		buf_free(&after);
		buf_free(&before[i]);
	}
	i18n_unload();
	buf_init(&after);
	T_ASSERT(tmpl_render(set, "t", v, ko, &after) == 0);
	T_ASSERT(strncmp(after.data, "<p>&lt;b&gt;\xec\x95\x88", 12) == 0);
	buf_free(&after);
	tmpl_free(set);
}

static void
test_trans_catalog(void)
{
	static const char *const kv[] = {
		"", "Content-Type: text/plain; charset=UTF-8\n"
		    "Plural-Forms: nplurals=1; plural=0;\n",
		"Hello", "<b>\xec\x95\x88\xeb\x85\x95</b>",
		"Hello, {name}!", "{name} \xeb\x8b\x98!",
		"{n} item|{n} items", "{n} \xea\xb0\x9c",
	};
	const struct i18n_lang	*ko;
	struct tv		*v = view_new();
	char			 err[256], path[512], *dir;

	T_ASSERT((dir = make_dir()) != NULL);
	if (dir == NULL)
		return;
	(void)snprintf(path, sizeof(path), "%s/ko.mo", dir);
	T_ASSERT(write_mo(path, kv, 4) == 0);
	T_ASSERT(i18n_load(dir, err, sizeof(err)) == 1);
	(void)unlink(path);
	(void)rmdir(dir);
	ko = i18n_lang_get("ko");
	T_ASSERT(ko != NULL && i18n_lang_complete(ko));
	tv_str(v, "name", "<i>Ada</i>");
	tv_int(v, "five", 5);
	/* The translation is untrusted: escaped. */
	T_STREQ(RL("<p>{{_ \"Hello\"}}</p>", v, ko),
	    "<p>&lt;b&gt;\xec\x95\x88\xeb\x85\x95&lt;/b&gt;</p>");
	T_STREQ(RL("{{_ \"Hello, {name}!\" name=name}}", v, ko),
	    "&lt;i&gt;Ada&lt;/i&gt; \xeb\x8b\x98!");
	T_STREQ(RL("{{_n \"{n} item\" \"{n} items\" n=five}}", v, ko),
	    "5 \xea\xb0\x9c");
	/* Missing msgids fall back to the msgid. */
	T_STREQ(RL("{{_ \"Goodbye\"}}", v, ko), "Goodbye");
	T_STREQ(RL("{{_n \"a\" \"b\" n=five}}", v, ko), "b");
	/* English: msgids as written, English plural. */
	T_STREQ(RL("{{_ \"Hello\"}}", v, i18n_default()), "Hello");
	T_STREQ(RL("{{_n \"{n} item\" \"{n} items\" n=five}}", v,
	    i18n_lang_get("en")), "5 items");
	trans_ahead(v, ko);
	i18n_unload();
	T_STREQ(RL("{{_ \"Hello\"}}", v, ko), "Hello");
}

struct msgids {
	int	 n;
	char	 seen[512];
};

static void
collect(void *arg, const char *tmpl, int line, const char *msgid,
    const char *plural)
{
	struct msgids	*m = arg;
	size_t		 len = strlen(m->seen);

	m->n++;
	(void)snprintf(m->seen + len, sizeof(m->seen) - len, "%s:%d:%s:%s;",
	    tmpl, line, msgid, plural != NULL ? plural : "-");
}

static void
test_foreach_msgid(void)
{
	struct tmpl_set	*set;
	struct msgids	 m;

	memset(&m, 0, sizeof(m));
	set = tmpl_parse_string("x", "{{_ \"A\"}}\n{{#if y}}{{_n \"o\" \"m\" "
	    "n=c}}{{else}}\n{{#each z}}{{_ \"B \\\"q\\\"\"}}{{/each}}{{/if}}",
	    NULL, 0);
	T_ASSERT(set != NULL);
	tmpl_foreach_msgid(set, collect, &m);
	T_ASSERT(m.n == 3);
	T_STREQ(m.seen, "x:1:A:-;x:2:o:m;x:3:B \"q\":-;");
	tmpl_free(set);
}

/* ---- loading a folder ---- */

static void
write_file(const char *dir, const char *rel, const char *text)
{
	char	 path[512];
	FILE	*fp;

	(void)snprintf(path, sizeof(path), "%s/%s", dir, rel);
	fp = fopen(path, "w");
	T_ASSERT(fp != NULL);
	if (fp == NULL)
		return;
	fputs(text, fp);
	fclose(fp);
}

static char *
make_dir(void)
{
	char	*dir;

	dir = arena_strdup(ta, "/tmp/test_tmpl.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return (NULL);
	return (dir);
}

static void
remove_dir(const char *dir)
{
	const char	*rm[] = { "pages/home.html", "pages/bad.html",
	    "partials/nav.html", "layout.html", "notes.txt", NULL };
	char		 path[512];
	size_t		 i;

	for (i = 0; rm[i] != NULL; i++) {
		(void)snprintf(path, sizeof(path), "%s/%s", dir, rm[i]);
		(void)unlink(path);
	}
	(void)snprintf(path, sizeof(path), "%s/pages", dir);
	(void)rmdir(path);
	(void)snprintf(path, sizeof(path), "%s/partials", dir);
	(void)rmdir(path);
	(void)rmdir(dir);
}

static void
test_load(void)
{
	struct tmpl_set		*set;
	struct tv		*v = view_new();
	struct buf		 b;
	char			 err[256], path[512], *dir;

	T_ASSERT((dir = make_dir()) != NULL);
	if (dir == NULL)
		return;
	(void)snprintf(path, sizeof(path), "%s/pages", dir);
	(void)mkdir(path, 0700);
	(void)snprintf(path, sizeof(path), "%s/partials", dir);
	(void)mkdir(path, 0700);
	write_file(dir, "layout.html", "<main>{{content}}</main>");
	write_file(dir, "attr.html", "<p title=\"{{content}}\">"
	    "{{#if content}}{{content}}{{/if}}</p>");
	write_file(dir, "pages/home.html", "{{> partials/nav}}<p>{{x}}</p>");
	write_file(dir, "partials/nav.html", "<nav>{{_ \"Home\"}}</nav>");
	write_file(dir, "notes.txt", "{{#if not a template");
	set = tmpl_load(dir, err, sizeof(err));
	T_ASSERT(set != NULL);
	T_ASSERT(tmpl_exists(set, "layout"));
	T_ASSERT(tmpl_exists(set, "pages/home"));
	T_ASSERT(tmpl_exists(set, "partials/nav"));
	T_ASSERT(!tmpl_exists(set, "notes"));
	tv_str(v, "x", "<x>");
	/* A page given as a value renders in place, seeing the view. */
	tv_tmpl(v, "content", "pages/home");
	buf_init(&b);
	T_ASSERT(tmpl_render(set, "layout", v, NULL, &b) == 0);
	T_STREQ(b.data, "<main><nav>Home</nav><p>&lt;x&gt;</p></main>");
	/* Only in HTML text: in an attribute it renders nothing. */
	buf_reset(&b);
	T_ASSERT(tmpl_render(set, "attr", v, NULL, &b) == 0);
	T_STREQ(b.data, "<p title=\"\"><nav>Home</nav><p>&lt;x&gt;</p></p>");
	/* A missing one fails the render. */
	buf_reset(&b);
	tv_tmpl(v, "content", "pages/nope");
	T_ASSERT(tmpl_render(set, "layout", v, NULL, &b) == -1);
	buf_free(&b);
	tmpl_free(set);

	/* A missing partial fails the load. */
	write_file(dir, "pages/home.html", "a\n\n{{> partials/gone}}");
	T_ASSERT(tmpl_load(dir, err, sizeof(err)) == NULL);
	T_STREQ(err, "pages/home.html:3: partial \"partials/gone\" does not "
	    "exist");
	/* Parse errors name the file and line. */
	write_file(dir, "pages/home.html", "ok");
	write_file(dir, "pages/bad.html", "x\n\n\n\n\n\n\n\n\n\n\n{{#if a}}");
	T_ASSERT(tmpl_load(dir, err, sizeof(err)) == NULL);
	T_STREQ(err, "pages/bad.html:12: unclosed {{#if}}");
	remove_dir(dir);
	T_ASSERT(tmpl_load("/nonexistent/templates", err, sizeof(err)) ==
	    NULL);
}

/* ---- robustness ---- */

static void
test_invalid_utf8(void)
{
	struct tv	*v = view_new();

	tv_str(v, "x", "\xff\xc3<\x80");
	T_STREQ(R("\xfe{{x}}\xc3", v), "\xfe\xff\xc3&lt;\x80\xc3");
	T_STREQ(R("<a href=\"/{{x}}\">", v), "<a href=\"/%FF%C3%3C%80\">");
	T_STREQ(R("<a href=\"{{x}}\">", v), "<a href=\"\xff\xc3&lt;\x80\">");
}

static void
test_deep_nesting(void)
{
	struct buf	 b;
	int		 i;

	buf_init(&b);
	for (i = 0; i < 64; i++)
		buf_puts(&b, "{{#if x}}");
	for (i = 0; i < 64; i++)
		buf_puts(&b, "{{/if}}");
	T_STREQ(PERR(b.data), "(parsed)");
	buf_reset(&b);
	for (i = 0; i < 65; i++)
		buf_puts(&b, "{{#if x}}");
	T_CONTAINS(PERR(b.data), "nested too deeply");
	buf_free(&b);
}

static void
test_budget(void)
{
	struct tmpl_set	*set;
	struct tv	*v = view_new(), *l;
	struct buf	 b, src;
	int		 i;

	/* 2^40 iterations: the render stops and fails instead. */
	l = tv_list(v, "l");
	tv_push_str(l, "a");
	tv_push_str(l, "b");
	buf_init(&src);
	for (i = 0; i < 40; i++)
		buf_puts(&src, "{{#each l}}x");
	for (i = 0; i < 40; i++)
		buf_puts(&src, "{{/each}}");
	set = tmpl_parse_string("t", src.data, NULL, 0);
	T_ASSERT(set != NULL);
	buf_init(&b);
	T_ASSERT(tmpl_render(set, "t", v, NULL, &b) == -1);
	T_ASSERT(b.len > 0 && b.len <= 1024 * 1024 + 1);
	buf_free(&b);
	tmpl_free(set);
	/* A partial including itself twice: 2^16 renders, then the guard. */
	set = tmpl_parse_string("t", "{{> t}}{{> t}}.", NULL, 0);
	T_ASSERT(set != NULL);
	buf_init(&b);
	T_ASSERT(tmpl_render(set, "t", v, NULL, &b) == 0);
	T_ASSERT(b.len == (1U << 17) - 1);
	buf_free(&b);
	tmpl_free(set);
	buf_free(&src);
}

static void
test_comments_and_markup(void)
{
	struct tv	*v = view_new();

	tv_str(v, "u", "javascript:x");
	/* After a comment or doctype, contexts are tracked again. */
	T_STREQ(R("<!DOCTYPE html><!-- <a href=\" --><a href=\"{{u}}\">", v),
	    "<!DOCTYPE html><!-- <a href=\" --><a href=\"#blocked\">");
	T_STREQ(R("<!--> <a href=\"{{u}}\">", v),
	    "<!--> <a href=\"#blocked\">");
	T_STREQ(R("<!-- --!> <a href=\"{{u}}\">", v),
	    "<!-- --!> <a href=\"#blocked\">");
	T_STREQ(R("a < b <a href=\"{{u}}\">", v), "a < b <a href=\"#blocked\">");
	T_STREQ(R("<p title='\"'><a href=\"{{u}}\">", v),
	    "<p title='\"'><a href=\"#blocked\">");
	T_CONTAINS(PERR("<{{! c }}a href=\"\" {{x}}>"), "tag or attribute");
}

int
main(void)
{
	ta = arena_new();
	T_RUN(test_html_escape);
	T_RUN(test_url_component);
	T_RUN(test_url_is_safe);
	T_RUN(test_buf_growth);
	T_RUN(test_many_keys);
	T_RUN(test_borrow);
	T_RUN(test_fields);
	T_RUN(test_text_and_values);
	T_RUN(test_if_unless);
	T_RUN(test_each);
	T_RUN(test_values_escaped_in_text);
	T_RUN(test_url_contexts);
	T_RUN(test_refusals);
	T_RUN(test_safe_html);
	T_RUN(test_partials);
	T_RUN(test_trans_fallback);
	T_RUN(test_trans_catalog);
	T_RUN(test_foreach_msgid);
	T_RUN(test_load);
	T_RUN(test_invalid_utf8);
	T_RUN(test_deep_nesting);
	T_RUN(test_budget);
	T_RUN(test_comments_and_markup);
	arena_free(ta);
	return (t_done());
}
