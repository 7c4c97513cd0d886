/*
 * render_memo.c: the last pages rendered for anonymous visitors.
 *
 * A template's output depends on the template, the UI language and the
 * view, nothing else. ctx_render serializes those (tv_serialize, without
 * the CSRF token) as the key; when the key equals, byte for byte, one
 * kept here, the kept page is sent again with the visitor's token in
 * place of the placeholder it was rendered with. Keys are compared in
 * full, so no crafted input can make two views share a page. The hex
 * token needs no escaping in any context, so the placeholder appears
 * verbatim wherever the token would. Least recently used pages make room.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/crypto.h"
#include "http/render_memo.h"
#include "lib/buf.h"
#include "lib/mem.h"

#define MEMO_SLOTS	32
#define MEMO_TOKEN_LEN	64
#define MEMO_MAX	(512 * 1024)	/* bigger pages are not kept */

struct memo {
	char		*key;		/* NULL: free */
	size_t		 keylen;
	char		*page;
	size_t		 len;
	uint64_t	 used;
};

static struct memo	 memos[MEMO_SLOTS];
static uint64_t		 tick;
static char		 placeholder[MEMO_TOKEN_LEN + 1];

const char *
render_memo_placeholder(void)
{
	if (placeholder[0] == '\0')
		random_hex(placeholder, MEMO_TOKEN_LEN / 2);
	return (placeholder);
}

void
render_memo_patch(char *page, size_t len, const char *token)
{
	const char	*ph = render_memo_placeholder();
	char		*p, *end = page + len;

	if (strlen(token) != MEMO_TOKEN_LEN)
		return;
	for (p = page; p != NULL && (size_t)(end - p) >= MEMO_TOKEN_LEN;
	    p += MEMO_TOKEN_LEN) {
		if ((p = memmem(p, (size_t)(end - p), ph,
		    MEMO_TOKEN_LEN)) == NULL)
			break;
		memcpy(p, token, MEMO_TOKEN_LEN);
	}
}

int
render_memo_get(const struct buf *key, const char *token, struct buf *out)
{
	struct memo	*m;
	size_t		 i, start;

	for (i = 0; i < MEMO_SLOTS; i++) {
		m = &memos[i];
		if (m->key == NULL || m->keylen != key->len ||
		    memcmp(m->key, key->data, key->len) != 0)
			continue;
		m->used = ++tick;
		start = out->len;
		buf_append(out, m->page, m->len);
		render_memo_patch(out->data + start, m->len, token);
		return (1);
	}
	return (0);
}

void
render_memo_put(const struct buf *key, const char *page, size_t len)
{
	struct memo	*m = &memos[0];
	size_t		 i;

	if (len > MEMO_MAX || key->len == 0)
		return;
	for (i = 1; i < MEMO_SLOTS && m->key != NULL; i++)
		if (memos[i].key == NULL || memos[i].used < m->used)
			m = &memos[i];
	free(m->key);
	free(m->page);
	m->key = xmalloc(key->len);
	memcpy(m->key, key->data, key->len);
	m->keylen = key->len;
	m->page = xmalloc(len + 1);
	memcpy(m->page, page, len);
	m->len = len;
	m->used = ++tick;
}
