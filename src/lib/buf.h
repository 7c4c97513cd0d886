/*
 * buf.h: a growable byte buffer, the one way we build strings and bodies.
 * The buffer owns its data; buf_free releases it. data is always
 * NUL-terminated after any append, so it can be used as a C string.
 */
#ifndef ETHICA_BUF_H
#define ETHICA_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	buf_init(struct buf *);
void	buf_free(struct buf *);
void	buf_reset(struct buf *);
/* Makes room for n more bytes at once (one allocation for a page). */
void	buf_reserve(struct buf *, size_t n);
void	buf_append(struct buf *, const void *, size_t);
void	buf_puts(struct buf *, const char *);
void	buf_putc(struct buf *, int);
void	buf_appendf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	buf_vappendf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
/* Hands the data over to the caller (free()), leaving the buffer empty. */
char	*buf_release(struct buf *);
/* A copy of the text in the arena ("" when empty); the buffer is freed. */
char	*buf_to_arena(struct buf *, struct arena *);

#endif
