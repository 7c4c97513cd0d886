/*
 * pushsync.c: which requests a sync with PostgreSQL covers (strict push
 * mode, src/store/st_push.c). A sync that succeeded proves that every
 * notification of a commit that ended before it was sent has been
 * received. A request the worker had read in full before the sync was
 * sent arrived after any commit its client could have seen, so the sync
 * covers it too; a request read after it is not covered and needs one of
 * its own. Kore reads the ready sockets of an event-loop turn and then
 * runs their handlers, so the first request of a turn syncs and the
 * others read with it are covered: one round trip per turn, not one per
 * request. A request may also be read in the middle of a turn (Kore reads
 * a connection again when it queues a response, http_start_recv): it was
 * not in flight at the sync, so it is not marked.
 *
 * The proof is carried by the request itself: one bit of req->flags that
 * Kore 4.1 does not use, set on every request in Kore's list at the sync
 * (found from any one of them through its list links: the list's head is
 * Kore's own). Kore sets a new request's flags whole (http_request_new),
 * so a request made after the mark never carries it, even in the memory
 * of one that did. The work is linear in the requests in flight, once
 * per sync. Must never: mark a request not yet read in full (a body
 * still coming), or one made after the sync.
 */
#include <sys/types.h>
#include <sys/queue.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "http/pushsync.h"

/* Read in full before a sync that succeeded. */
#define PUSHSYNC_READ_BEFORE	0x0400

#if (PUSHSYNC_READ_BEFORE & (HTTP_REQUEST_COMPLETE | HTTP_REQUEST_DELETE | \
    HTTP_REQUEST_SLEEPING | HTTP_REQUEST_EXPECT_BODY | \
    HTTP_REQUEST_RETAIN_EXTRA | HTTP_REQUEST_NO_CONTENT_LENGTH | \
    HTTP_REQUEST_AUTHED | HTTP_VERSION_1_1 | HTTP_VERSION_1_0 | \
    HTTP_VALIDATOR_IS_REQUEST)) != 0
#error "PUSHSYNC_READ_BEFORE is one of Kore's request flags"
#endif

/* The type of Kore's list of requests (http.c: TAILQ_HEAD(, http_request)),
 * named so that TAILQ_PREV can walk it. */
TAILQ_HEAD(pushsync_list, http_request);

int
pushsync_covered(const struct http_request *req)
{
	return ((req->flags & PUSHSYNC_READ_BEFORE) != 0);
}

/* Marks r when it was read in full (Kore sets COMPLETE once the body,
 * if any, is all in). */
static void
pushsync_one(struct http_request *r)
{
	if (r->flags & HTTP_REQUEST_COMPLETE)
		r->flags |= PUSHSYNC_READ_BEFORE;
}

void
pushsync_mark(struct http_request *req)
{
	struct http_request	*r;

	for (r = req; r != NULL; r = TAILQ_NEXT(r, list))
		pushsync_one(r);
	for (r = TAILQ_PREV(req, pushsync_list, list); r != NULL;
	    r = TAILQ_PREV(r, pushsync_list, list))
		pushsync_one(r);
}
