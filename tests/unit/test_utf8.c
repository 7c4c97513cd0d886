/*
 * test_utf8.c: the one UTF-8 reader (src/lib/utf8.c) at the edges of
 * Unicode's Table 3-7, and the checks built on it (validate.c's
 * utf8_valid, upload.c's file names, json.c's escaping) agreeing with it.
 */
#include <string.h>

#include "domain/upload.h"
#include "domain/validate.h"
#include "lib/buf.h"
#include "lib/json.h"
#include "lib/mem.h"
#include "lib/utf8.h"
#include "t.h"

/* utf8_decode() over the whole of s (sizeof - 1 bytes). */
#define DEC(s, cp)	utf8_decode((s), sizeof(s) - 1, (cp))

static void
test_decode(void)
{
	uint32_t	cp = 0;

	T_ASSERT(DEC("A", &cp) == 1 && cp == 'A');
	T_ASSERT(DEC("\x7f", &cp) == 1 && cp == 0x7f);
	T_ASSERT(DEC("\xc2\x80", &cp) == 2 && cp == 0x80);
	T_ASSERT(DEC("\xdf\xbf", &cp) == 2 && cp == 0x7ff);
	T_ASSERT(DEC("\xe0\xa0\x80", &cp) == 3 && cp == 0x800);
	T_ASSERT(DEC("\xed\x9f\xbf", &cp) == 3 && cp == 0xd7ff);
	T_ASSERT(DEC("\xee\x80\x80", &cp) == 3 && cp == 0xe000);
	T_ASSERT(DEC("\xef\xbf\xbf", &cp) == 3 && cp == 0xffff);
	T_ASSERT(DEC("\xf0\x90\x80\x80", &cp) == 4 && cp == 0x10000);
	T_ASSERT(DEC("\xf4\x8f\xbf\xbf", &cp) == 4 && cp == 0x10ffff);
	T_ASSERT(DEC("\xed\x95\x9c", NULL) == 3);		/* 한 */
	/* Not well-formed. */
	T_ASSERT(DEC("\x80", NULL) == 0);		/* continuation */
	T_ASSERT(DEC("\xbf", NULL) == 0);
	T_ASSERT(DEC("\xc0\xaf", NULL) == 0);			/* overlong */
	T_ASSERT(DEC("\xc1\xbf", NULL) == 0);
	T_ASSERT(DEC("\xe0\x9f\xbf", NULL) == 0);
	T_ASSERT(DEC("\xf0\x8f\xbf\xbf", NULL) == 0);
	T_ASSERT(DEC("\xed\xa0\x80", NULL) == 0);		/* surrogates */
	T_ASSERT(DEC("\xed\xbf\xbf", NULL) == 0);
	T_ASSERT(DEC("\xf4\x90\x80\x80", NULL) == 0);		/* > U+10FFFF */
	T_ASSERT(DEC("\xf5\x80\x80\x80", NULL) == 0);
	T_ASSERT(DEC("\xf8\x88\x80\x80\x80", NULL) == 0);
	T_ASSERT(DEC("\xff", NULL) == 0);
	T_ASSERT(DEC("\xc3\x28", NULL) == 0);			/* bad second */
	T_ASSERT(DEC("\xe2\x82", NULL) == 0);			/* cut short */
	T_ASSERT(utf8_decode("\xe2\x82\xac", 2, NULL) == 0);	/* by n */
	T_ASSERT(DEC("\xe2\x82\xac", NULL) == 3);
	T_ASSERT(utf8_decode("\xe2\0\xac", 3, NULL) == 0);	/* NUL ends */
}

static void
test_wellformed_and_chars(void)
{
	T_ASSERT(utf8_wellformed("", 0));
	T_ASSERT(utf8_wellformed("h\xc3\xa9llo \xed\x95\x9c\n", 11));
	T_ASSERT(!utf8_wellformed("h\xc3\xa9llo \xed\x95", 9));
	T_ASSERT(utf8_chars("") == 0);
	T_ASSERT(utf8_chars("h\xc3\xa9llo") == 5);
	T_ASSERT(utf8_chars("\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4") == 3);
	T_ASSERT(utf8_chars("\xf0\x9f\x98\x80!") == 2);
}

/* The field check is the reader's, plus the control characters. */
static void
test_valid_agrees(void)
{
	static const char *const in[] = {
		"plain", "h\xc3\xa9", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80"
		"\x80", "a\xe2\x82", "\xf0\x9f\x98\x80", "\xc2\x85", NULL
	};
	size_t	i;

	for (i = 0; in[i] != NULL; i++)
		T_ASSERT(utf8_valid(in[i], strlen(in[i]), 0) ==
		    utf8_wellformed(in[i], strlen(in[i])));
	T_ASSERT(!utf8_valid("a\nb", 3, 0));
	T_ASSERT(utf8_valid("a\nb\r\tc", 6, 1));
	T_ASSERT(!utf8_valid("a\x01", 2, 1));
	T_ASSERT(!utf8_valid("a\x7f", 2, 1));
}

/* File names and JSON replace what the reader refuses, keep the rest. */
static void
test_users_agree(void)
{
	struct arena	*a;
	struct buf	 b;

	a = arena_new();
	T_STREQ(upload_filename(a, "r\xc3\xa9sum\xc3\xa9.pdf"),
	    "r\xc3\xa9sum\xc3\xa9.pdf");
	T_STREQ(upload_filename(a, "a\xed\xa0\x80.pdf"), "a___.pdf");
	T_STREQ(upload_filename(a, "a\xf4\x90\x80\x80.pdf"), "a____.pdf");
	arena_free(a);
	buf_init(&b);
	json_escape(&b, "\xed\x95\x9c\xc0\xaf");
	buf_putc(&b, '\0');
	T_STREQ(b.data, "\"\xed\x95\x9c\\ufffd\\ufffd\"");
	buf_free(&b);
}

int
main(void)
{
	T_RUN(test_decode);
	T_RUN(test_wellformed_and_chars);
	T_RUN(test_valid_agrees);
	T_RUN(test_users_agree);
	return (t_done());
}
