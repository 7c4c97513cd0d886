/*
 * netwrite.c: the write function of plain-TCP connections. Kore's
 * net_write sends one queued buffer per call, at most 8 KB of it
 * (NETBUF_SEND_PAYLOAD_MAX), so a 20 KB page left in three send()s, each
 * a system call through the seccomp filter and a trip through TCP. This
 * one gathers the whole queue (up to NETWRITE_IOV buffers) into one
 * sendmsg(), with MSG_MORE while anything not gathered follows, so that a
 * response leaves in one call and one push (why: bench/NOTES.md, "One
 * push per response" and item 19). The flag holds back only that call's
 * last partial segment; the final part (and anything TCP sends later, on
 * acknowledgements) goes at once, so nothing waits for a timer.
 *
 * Kore's net_send advances the first buffer by what this returns for it;
 * the buffers after it that the call sent (wholly or partly) are advanced
 * here, and net_send removes each when it reaches it: a buffer already
 * sent to its end is a call of length 0, answered without a system call.
 * Buffers Kore sends otherwise (files by sendfile) or keeps for itself
 * (TLS's resend flags) end the gathering.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <kore/kore.h>

#include <errno.h>
#include <string.h>

#include "http/netwrite.h"

#define NETWRITE_IOV	16
#define NETWRITE_KEEP	(NETBUF_IS_FILEREF | NETBUF_FORCE_REMOVE | \
			    NETBUF_MUST_RESEND)

static int	netwrite_send(struct connection *, size_t, size_t *);

void
netwrite_use(struct connection *c)
{
	if (c != NULL && c->write == net_write)
		c->write = netwrite_send;
}

/*
 * Kore's net_write (net.c), but for the gathering and the flag: len
 * (Kore's cap of 8 KB on the first buffer) is not used; what is left of
 * the first buffer and of the gatherable ones after it goes in one call.
 */
static int
netwrite_send(struct connection *c, size_t len, size_t *written)
{
	struct netbuf	*nb = c->snb, *n;
	struct iovec	 iov[NETWRITE_IOV];
	struct msghdr	 msg;
	size_t		 first, left, take;
	ssize_t		 r;
	int		 niov;

	(void)len;
	*written = 0;
	if ((first = nb->b_len - nb->s_off) == 0)
		return (KORE_RESULT_OK);	/* sent by an earlier call */
	iov[0].iov_base = nb->buf + nb->s_off;
	iov[0].iov_len = first;
	niov = 1;
	for (n = TAILQ_NEXT(nb, list); n != NULL && niov < NETWRITE_IOV &&
	    !(n->flags & NETWRITE_KEEP); n = TAILQ_NEXT(n, list)) {
		if (n->b_len == n->s_off)
			continue;
		iov[niov].iov_base = n->buf + n->s_off;
		iov[niov].iov_len = n->b_len - n->s_off;
		niov++;
	}
	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = iov;
	msg.msg_iovlen = (size_t)niov;
	r = sendmsg(c->fd, &msg, n != NULL ? MSG_MORE : 0);
	if (r == -1) {
		switch (errno) {
		case EINTR:
			return (KORE_RESULT_OK);
		case EAGAIN:
			c->evt.flags &= ~KORE_EVENT_WRITE;
			return (KORE_RESULT_OK);
		default:
			return (KORE_RESULT_ERROR);
		}
	}
	if ((size_t)r <= first) {
		*written = (size_t)r;
		return (KORE_RESULT_OK);
	}
	*written = first;
	left = (size_t)r - first;
	for (n = TAILQ_NEXT(nb, list); left > 0 && n != NULL;
	    n = TAILQ_NEXT(n, list)) {
		take = n->b_len - n->s_off;
		if (take > left)
			take = left;
		n->s_off += take;
		left -= take;
	}
	return (KORE_RESULT_OK);
}
