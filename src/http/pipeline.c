/*
 * pipeline.c: the bytes a client sends after its request in the same
 * read, which Kore 4.1 mishandles (http.c, http_header_recv): it takes
 * the whole read buffer as the request's header block, so a pipelined
 * request after a GET is dropped and the client waits for an answer that
 * never comes; and for a body, bytes beyond Content-Length make its count
 * of bytes still to come wrap around (an unsigned subtraction), so the
 * request waits for the body timeout and gets a 408. We cannot patch the
 * packaged Kore, so this module answers such a request and closes the
 * connection ("connection: close"), which tells a pipelining client to
 * send the rest again on a new connection. It never serves the dropped
 * bytes: they are gone.
 *
 * Owns: pipeline_check() (called for every request our handlers see)
 * and a 50 ms worker timer that finds bodies stuck by the wrap-around.
 * Must never touch a connection that is not in the exact state described.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <string.h>
#include <unistd.h>

#include "http/pipeline.h"

static void	pipeline_tick(void *, u_int64_t);

/* The length of the request's header block as Kore parsed it in place
 * (every CR and LF of the block became NUL; the final "\n\r\n" stays),
 * or 0 when it cannot tell. */
static size_t
header_len(const struct http_request *req, size_t have)
{
	const u_int8_t	*p;

	if (req->headers == NULL || have < 3)
		return (0);
	p = memmem(req->headers, have, "\n\r\n", 3);
	if (p == NULL)
		return (0);
	return ((size_t)(p - req->headers) + 3);
}

int
pipeline_extra(struct http_request *req)
{
	struct connection	*c = req->owner;
	size_t			 h;

	/* The read buffer is still the request's (Kore makes a new one
	 * once the request is done) and holds more than the request. */
	if (c == NULL || c->rnb == NULL || c->rnb->buf != NULL ||
	    (h = header_len(req, c->rnb->s_off)) == 0)
		return (0);
	return (c->rnb->s_off > h + req->content_length);
}

void
pipeline_check(struct http_request *req)
{
	if (pipeline_extra(req))
		req->owner->flags |= CONN_CLOSE_EMPTY;
}

void
pipeline_start(void)
{
	kore_timer_add(pipeline_tick, 50, NULL, 0);
}

/*
 * A request waiting for more body than it announced is one whose first
 * read held the whole body and more: the body is complete. Cut it to
 * Content-Length, hand the request to its handler, close afterwards.
 */
static void
pipeline_tick(void *arg, u_int64_t now)
{
	struct connection	*c;
	struct http_request	*req;

	(void)arg;
	(void)now;
	TAILQ_FOREACH(c, &connections, list) {
		if (c->proto != CONN_PROTO_HTTP || c->rnb == NULL ||
		    (req = c->rnb->extra) == NULL || req->owner != c ||
		    !(req->flags & HTTP_REQUEST_EXPECT_BODY) ||
		    req->content_length <= req->http_body_length)
			continue;
		if (req->http_body != NULL)
			req->http_body->offset = req->http_body_length;
		else if (req->http_body_fd == -1 || ftruncate(req->http_body_fd,
		    (off_t)req->http_body_length) == -1)
			continue;
		c->rnb->extra = NULL;
		c->http_timeout = 0;
		c->flags |= CONN_CLOSE_EMPTY;
		req->content_length = req->http_body_length;
		req->flags |= HTTP_REQUEST_COMPLETE;
		req->flags &= ~HTTP_REQUEST_EXPECT_BODY;
		net_recv_reset(c, http_header_max, http_header_recv);
		if (!http_body_rewind(req))
			req->flags |= HTTP_REQUEST_DELETE;
		http_request_wakeup(req);
	}
}
