/*
 * render_memo.h: the last pages rendered for anonymous visitors, reused
 * when the same template would render the same view (see render_memo.c).
 */
#ifndef ETHICA_HTTP_RENDER_MEMO_H
#define ETHICA_HTTP_RENDER_MEMO_H

#include <stddef.h>

struct buf;

/* The stand-in for the CSRF token while a page is rendered for the memo:
 * 64 random hex digits, made once per worker. */
const char	*render_memo_placeholder(void);
/* 1 and the page for key appended to out, its placeholder replaced by
 * token (64 characters); else 0. */
int		 render_memo_get(const struct buf *key, const char *token,
		    struct buf *out);
/* Keeps page (rendered with the placeholder) for key. */
void		 render_memo_put(const struct buf *key, const char *page,
		    size_t len);
/* Replaces every placeholder in page with token, in place. */
void		 render_memo_patch(char *page, size_t len, const char *token);

#endif
