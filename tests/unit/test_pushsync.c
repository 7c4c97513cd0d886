/*
 * test_pushsync.c: which requests a sync with PostgreSQL covers (src/
 * http/pushsync.c, compiled in here) in strict push mode, with Kore's
 * list of requests as http.c keeps it (a new request goes to the head,
 * its flags set whole). The requests read in one event-loop turn cost one
 * sync; a request read after the sync (in the middle of the turn, or in
 * a later turn) is never covered by it, not even in the memory of one
 * that was; a request whose body was still coming is not covered.
 */
#include <sys/types.h>
#include <sys/queue.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "t.h"

#include "../../src/http/pushsync.c"

#define NREQ	40

static struct pushsync_list	 kq;		/* Kore's http_requests */
static struct http_request	 reqs[NREQ];
static int			 nsyncs;

/* Kore's http_request_new for a GET (POST: its body still to come). */
static struct http_request *
k_new(struct http_request *req, int post)
{
	req->flags = HTTP_VERSION_1_1 | (post ? HTTP_REQUEST_EXPECT_BODY :
	    HTTP_REQUEST_COMPLETE);
	TAILQ_INSERT_HEAD(&kq, req, list);
	return (req);
}

/* Kore's http_body_recv once the whole body is in. */
static void
k_body(struct http_request *req)
{
	req->flags |= HTTP_REQUEST_COMPLETE;
	req->flags &= ~HTTP_REQUEST_EXPECT_BODY;
}

/* http_request_free. */
static void
k_free(struct http_request *req)
{
	TAILQ_REMOVE(&kq, req, list);
}

/* What ctx_begin does, with a sync that succeeds. */
static void
begin(struct http_request *req)
{
	if (!pushsync_covered(req)) {
		nsyncs++;
		pushsync_mark(req);
	}
}

static void
reset(void)
{
	TAILQ_INIT(&kq);
	memset(reqs, 0, sizeof(reqs));
	nsyncs = 0;
}

/* One turn of 32 requests (wrk -c32): one sync, whatever the order in
 * which their handlers run. */
static void
test_pushsync_turn(void)
{
	struct http_request	*r;
	int			 i;

	reset();
	for (i = 0; i < 32; i++)
		k_new(&reqs[i], 0);
	begin(&reqs[7]);
	TAILQ_FOREACH(r, &kq, list)
		begin(r);
	T_ASSERT(nsyncs == 1);
	for (i = 0; i < 32; i++) {
		T_ASSERT(pushsync_covered(&reqs[i]));
		/* Kore's own bits untouched. */
		T_ASSERT((reqs[i].flags & ~PUSHSYNC_READ_BEFORE) ==
		    (HTTP_VERSION_1_1 | HTTP_REQUEST_COMPLETE));
	}
}

/* A request read after the sync, in the same turn (Kore reads the
 * connection again when a handler queues its response) or in the next:
 * not covered, so it syncs again. */
static void
test_pushsync_read_after(void)
{
	reset();
	k_new(&reqs[0], 0);
	k_new(&reqs[1], 0);
	begin(&reqs[1]);
	T_ASSERT(nsyncs == 1);
	k_new(&reqs[2], 0);		/* read by reqs[1]'s response */
	T_ASSERT(!pushsync_covered(&reqs[2]));
	begin(&reqs[0]);
	T_ASSERT(nsyncs == 1);
	begin(&reqs[2]);
	T_ASSERT(nsyncs == 2);
	k_free(&reqs[0]);
	k_free(&reqs[1]);
	k_free(&reqs[2]);
	k_new(&reqs[3], 0);		/* the next turn */
	T_ASSERT(!pushsync_covered(&reqs[3]));
	begin(&reqs[3]);
	T_ASSERT(nsyncs == 3);
}

/* Kore's pool gives a freed request's memory to the next one: the new
 * request does not inherit the mark. */
static void
test_pushsync_reuse(void)
{
	reset();
	k_new(&reqs[0], 0);
	begin(&reqs[0]);
	T_ASSERT(pushsync_covered(&reqs[0]));
	k_free(&reqs[0]);
	k_new(&reqs[0], 0);
	T_ASSERT(!pushsync_covered(&reqs[0]));
	begin(&reqs[0]);
	T_ASSERT(nsyncs == 2);
}

/* A POST whose body was still coming at the sync did not reach the node
 * before it: not covered. One whose body was in: covered. */
static void
test_pushsync_body(void)
{
	reset();
	k_new(&reqs[0], 1);
	k_new(&reqs[1], 1);
	k_body(&reqs[1]);
	k_new(&reqs[2], 0);
	begin(&reqs[2]);
	T_ASSERT(nsyncs == 1);
	T_ASSERT(pushsync_covered(&reqs[1]));
	k_body(&reqs[0]);
	T_ASSERT(!pushsync_covered(&reqs[0]));
	begin(&reqs[1]);
	begin(&reqs[0]);
	T_ASSERT(nsyncs == 2);
}

int
main(void)
{
	T_RUN(test_pushsync_turn);
	T_RUN(test_pushsync_read_after);
	T_RUN(test_pushsync_reuse);
	T_RUN(test_pushsync_body);
	return (t_done());
}
