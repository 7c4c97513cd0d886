/*
 * netwrite.c: the write function of plain-TCP connections: Kore's
 * net_write with MSG_MORE whenever more of what is queued follows the
 * part being sent, so that a response leaves in one push (why:
 * bench/NOTES.md, "One push per response"). The flag holds back only that
 * call's last partial segment; the final part (and anything TCP sends
 * later, on acknowledgements) goes at once, so nothing waits for a timer.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <kore/kore.h>

#include <errno.h>

#include "http/netwrite.h"

static int	netwrite_send(struct connection *, size_t, size_t *);

void
netwrite_use(struct connection *c)
{
	if (c != NULL && c->write == net_write)
		c->write = netwrite_send;
}

/* Kore's net_write (net.c), but for the flags. */
static int
netwrite_send(struct connection *c, size_t len, size_t *written)
{
	struct netbuf	*nb = c->snb;
	ssize_t		 r;
	int		 more;

	more = nb->s_off + len < nb->b_len || TAILQ_NEXT(nb, list) != NULL;
	r = send(c->fd, nb->buf + nb->s_off, len, more ? MSG_MORE : 0);
	if (r == -1) {
		switch (errno) {
		case EINTR:
			*written = 0;
			return (KORE_RESULT_OK);
		case EAGAIN:
			c->evt.flags &= ~KORE_EVENT_WRITE;
			return (KORE_RESULT_OK);
		default:
			return (KORE_RESULT_ERROR);
		}
	}
	*written = (size_t)r;
	return (KORE_RESULT_OK);
}
