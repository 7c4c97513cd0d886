/*
 * buf.c: growable byte buffer (see buf.h). Never fails: growth uses xrealloc.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

static void
buf_grow(struct buf *b, size_t extra)
{
	size_t	need, cap;

	need = b->len + extra + 1;
	if (need < b->len)
		mem_fatal("buf size");
	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void
buf_reserve(struct buf *b, size_t n)
{
	buf_grow(b, n);
}

void
buf_append(struct buf *b, const void *p, size_t n)
{
	if (n >= b->cap - b->len)	/* no room for n bytes and the NUL */
		buf_grow(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void
buf_putc(struct buf *b, int c)
{
	char	ch = (char)c;

	buf_append(b, &ch, 1);
}

void
buf_vappendf(struct buf *b, const char *fmt, va_list ap)
{
	va_list	cp;
	int	n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		mem_fatal("vsnprintf");
	buf_grow(b, (size_t)n);
	(void)vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_appendf(struct buf *b, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	buf_vappendf(b, fmt, ap);
	va_end(ap);
}

char *
buf_release(struct buf *b)
{
	char	*p;

	if (b->data == NULL)
		return (xstrdup(""));
	p = b->data;
	buf_init(b);
	return (p);
}

char *
buf_to_arena(struct buf *b, struct arena *a)
{
	char	*s;

	s = arena_strdup(a, b->data != NULL ? b->data : "");
	buf_free(b);
	return (s);
}
