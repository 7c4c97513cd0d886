/*
 * test_netwrite.c: the write of plain-TCP connections (src/http/
 * netwrite.c), compiled in here with Kore's own loop around it
 * (net_send_flush and net_send, copied from Kore 4.1's net.c) on a real
 * TCP connection over 127.0.0.1: a response queued in several buffers
 * leaves in one call, whatever the buffers' sizes; with a send buffer too
 * small for it, the partial sends and EAGAIN still deliver every byte
 * once, in order; a file buffer (sent by sendfile) ends the gathering.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include "t.h"


#include "../../src/http/netwrite.c"

/* Kore's own write: never called here (netwrite_use compares with it). */
int
net_write(struct connection *c, size_t len, size_t *written)
{
	(void)c;
	(void)len;
	*written = 0;
	return (KORE_RESULT_ERROR);
}

static int	nsyscalls;	/* calls of c->write that reached the socket */

/* Kore's net_send (net.c), but for sendfile: a file buffer stops it. */
static int
k_send(struct connection *c)
{
	size_t	r, len, smin;

	c->snb = TAILQ_FIRST(&c->send_queue);
	if (c->snb->flags & NETBUF_IS_FILEREF)
		return (2);
	if (c->snb->b_len != 0) {
		smin = c->snb->b_len - c->snb->s_off;
		len = MIN(NETBUF_SEND_PAYLOAD_MAX, smin);
		if (len > 0)
			nsyscalls++;
		if (!c->write(c, len, &r))
			return (-1);
		if (!(c->evt.flags & KORE_EVENT_WRITE))
			return (1);
		c->snb->s_off += r;
	}
	if (c->snb->s_off == c->snb->b_len) {
		TAILQ_REMOVE(&c->send_queue, c->snb, list);
		c->snb = NULL;
	}
	return (1);
}

/* Kore's net_send_flush: 1 when the queue is empty or waits for a file,
 * 0 when the socket is full, -1 on an error. */
static int
k_flush(struct connection *c)
{
	int	rc;

	while (!TAILQ_EMPTY(&c->send_queue) &&
	    (c->evt.flags & KORE_EVENT_WRITE)) {
		if ((rc = k_send(c)) <= 0)
			return (rc);
		if (rc == 2)
			return (1);
	}
	return ((c->evt.flags & KORE_EVENT_WRITE) ? 1 : 0);
}

/* A connected pair over 127.0.0.1; the sender non-blocking. */
static int
tcp_pair(int *snd, int *rcv, int small)
{
	struct sockaddr_in	sa;
	socklen_t		len = sizeof(sa);
	int			l, one = 1, snd_sz = 16384, rcv_sz = 65536;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((l = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
	    bind(l, (struct sockaddr *)&sa, sizeof(sa)) == -1 ||
	    listen(l, 1) == -1 ||
	    getsockname(l, (struct sockaddr *)&sa, &len) == -1 ||
	    (*snd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		return (-1);
	if (small && (setsockopt(*snd, SOL_SOCKET, SO_SNDBUF, &snd_sz,
	    sizeof(snd_sz)) == -1))
		return (-1);
	if (connect(*snd, (struct sockaddr *)&sa, sizeof(sa)) == -1 ||
	    (*rcv = accept(l, NULL, NULL)) == -1)
		return (-1);
	(void)close(l);
	if (small && setsockopt(*rcv, SOL_SOCKET, SO_RCVBUF, &rcv_sz,
	    sizeof(rcv_sz)) == -1)
		return (-1);
	(void)setsockopt(*snd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return (fcntl(*snd, F_SETFL, O_NONBLOCK));
}

/* Reads into got what comes (waiting up to a second for the first
 * bytes), up to want bytes in all; returns the bytes held. */
static size_t
drain(int fd, u_int8_t *got, size_t have, size_t want)
{
	struct pollfd	pfd;
	ssize_t		n;
	int		wait = 1000;

	pfd.fd = fd;
	pfd.events = POLLIN;
	for (; have < want && poll(&pfd, 1, wait) == 1; wait = 0) {
		if ((n = read(fd, got + have, want - have)) <= 0)
			break;
		have += (size_t)n;
	}
	return (have);
}

struct queue {
	struct connection	c;
	struct netbuf		nb[4];
	u_int8_t		*data;
	size_t			len;
};

/* Queues bufs of sizes sz (0 ends) filled with a counting pattern, the
 * one at index file (or -1) marked as a file. */
static void
queue_make(struct queue *q, int fd, const size_t *sz, int file)
{
	size_t	i, k, off;

	memset(q, 0, sizeof(*q));
	TAILQ_INIT(&q->c.send_queue);
	q->c.fd = fd;
	q->c.evt.flags = KORE_EVENT_WRITE;
	q->c.write = net_write;
	netwrite_use(&q->c);
	for (i = 0, q->len = 0; sz[i] != 0; i++)
		q->len += sz[i];
	q->data = malloc(q->len);
	for (k = 0; k < q->len; k++)
		q->data[k] = (u_int8_t)(k * 7 + k / 251);
	for (i = 0, off = 0; sz[i] != 0; off += sz[i], i++) {
		q->nb[i].buf = q->data + off;
		q->nb[i].b_len = sz[i];
		q->nb[i].m_len = sz[i];
		q->nb[i].type = NETBUF_SEND;
		q->nb[i].flags = (int)i == file ? NETBUF_IS_FILEREF : 0;
		TAILQ_INSERT_TAIL(&q->c.send_queue, &q->nb[i], list);
	}
}

/* A header buffer and two of the body leave in one call. */
static void
test_one_call(void)
{
	static const size_t	sz[] = { 8192, 12000, 300, 0 };
	struct queue		q;
	u_int8_t		got[20492];
	int			s, r;

	T_ASSERT(tcp_pair(&s, &r, 0) == 0);
	queue_make(&q, s, sz, -1);
	T_ASSERT(q.c.write != net_write);
	nsyscalls = 0;
	T_ASSERT(k_flush(&q.c) == 1);
	T_ASSERT(TAILQ_EMPTY(&q.c.send_queue));
	T_ASSERT(nsyscalls == 1);
	T_ASSERT(drain(r, got, 0, sizeof(got)) == sizeof(got));
	T_ASSERT(memcmp(got, q.data, sizeof(got)) == 0);
	free(q.data);
	(void)close(s);
	(void)close(r);
}

/* A queue much larger than the socket's buffers: partial sends, EAGAIN,
 * more sends; every byte arrives once and in order. */
static void
test_partial(void)
{
	static const size_t	sz[] = { 8192, 700000, 5, 300001, 0 };
	struct queue		q;
	u_int8_t		*got;
	size_t			have = 0;
	int			s, r, rc, rounds = 0;

	T_ASSERT(tcp_pair(&s, &r, 1) == 0);
	queue_make(&q, s, sz, -1);
	got = malloc(q.len);
	while ((rc = k_flush(&q.c)) == 0 && rounds++ < 10000) {
		have = drain(r, got, have, q.len);
		q.c.evt.flags |= KORE_EVENT_WRITE;	/* epoll's EPOLLOUT */
	}
	if (rc != 1)
		printf("  rc %d after %d rounds, %zu of %zu bytes\n", rc,
		    rounds, have, q.len);
	T_ASSERT(rc == 1);
	T_ASSERT(rounds > 0);		/* it did fill the socket */
	T_ASSERT(TAILQ_EMPTY(&q.c.send_queue));
	have = drain(r, got, have, q.len);
	T_ASSERT(have == q.len);
	T_ASSERT(memcmp(got, q.data, q.len) == 0);
	free(got);
	free(q.data);
	(void)close(s);
	(void)close(r);
}

/* A file buffer is Kore's to send: the gathering stops before it. */
static void
test_file_stops(void)
{
	static const size_t	sz[] = { 400, 9000, 5000, 0 };
	struct queue		q;
	u_int8_t		got[9400];
	int			s, r;

	T_ASSERT(tcp_pair(&s, &r, 0) == 0);
	queue_make(&q, s, sz, 2);
	T_ASSERT(k_flush(&q.c) == 1);
	T_ASSERT(TAILQ_FIRST(&q.c.send_queue) == &q.nb[2]);
	T_ASSERT(q.nb[2].s_off == 0);
	T_ASSERT(drain(r, got, 0, sizeof(got)) == sizeof(got));
	T_ASSERT(memcmp(got, q.data, sizeof(got)) == 0);
	free(q.data);
	(void)close(s);
	(void)close(r);
}

int
main(void)
{
	T_RUN(test_one_call);
	T_RUN(test_partial);
	T_RUN(test_file_stops);
	return (t_done());
}
