/*
 * acceptshare.c: sharing the clients' connections between the workers
 * (issue 14.6). Kore 4.1 gives the listening socket to one worker at a
 * time (the accept lock, worker.c). A worker gives the lock up when it is
 * full (worker_max_connections) or took worker_accept_threshold
 * connections in one pass, and then whichever worker runs its loop first
 * takes it again: nearly always the one that just gave it up, since the
 * other must first be woken. So one worker could hold all of a client's
 * keep-alive connections while the other idled (bench/NOTES.md item 18),
 * and connections that arrive one at a time never reach the threshold at
 * all: every one of them went to the lock's holder.
 *
 * Here each worker tells the others how many connections it holds (a Kore
 * message through the parent: at once when it reaches its cap, else when
 * the number changed, looked at every ACCEPTSHARE_TICK ms, and every
 * ACCEPTSHARE_BEAT ms in any case), and sets its own worker_max_connections
 * to the fewest any other live worker holds plus ACCEPTSHARE_SLACK. Kore
 * then does the rest: a worker at that cap gives up the lock and does not
 * take it again, so the next connections go to the others, until they
 * hold as many. Telling at once matters in a burst of new connections: a
 * worker that stops has just said why, so the other's cap is never judged
 * on an old count and both are never stopped at once. A worker not heard
 * from for ACCEPTSHARE_STALE ms (busy past reason, or dead and being
 * replaced) holds no one back; the cap never passes the configured
 * maximum. Connections already held are never touched. With one worker
 * nothing changes.
 *
 * Kore has no word for "a connection was accepted" but a listener's
 * connect callback (conf/ethica.conf.in: `bind HOST PORT
 * acceptshare_accepted`), which replaces its HTTP set-up of the
 * connection; acceptshare_accepted does that set-up as Kore 4.1 does
 * (connection.c, kore_connection_accept, plain listeners) and then counts.
 */
#include <sys/types.h>

#include <kore/kore.h>
#include <kore/http.h>

#include <string.h>

#include "http/acceptshare.h"

#define ACCEPTSHARE_MSG		(KORE_MSG_APP_BASE + 1)
#define ACCEPTSHARE_TICK	20	/* ms between looks at our count */
#define ACCEPTSHARE_BEAT	200	/* ms: said again, even unchanged */
#define ACCEPTSHARE_STALE	1000	/* ms: not heard since, not waited for */
#define ACCEPTSHARE_SLACK	4	/* connections a worker may run ahead */
#define ACCEPTSHARE_PEERS	(KORE_WORKER_MAX + 1)	/* by worker id */

static void	acceptshare_tell(u_int32_t, u_int64_t);
static void	acceptshare_tick(void *, u_int64_t);
static void	acceptshare_heard(struct kore_msg *, const void *);
static void	acceptshare_apply(u_int64_t);

static struct acceptshare_peer	peers[ACCEPTSHARE_PEERS];
static u_int32_t		configured;	/* worker_max_connections */
static int			sharing;	/* acceptshare_start's */
static u_int32_t		said;		/* our count, last told */
static u_int64_t		said_at;

/*
 * The most connections worker self may hold at time now (ms), given the
 * configured maximum and what the n peers last said: the fewest a peer
 * heard from within ACCEPTSHARE_STALE ms holds, plus ACCEPTSHARE_SLACK,
 * never above max; max itself when no peer is live.
 */
u_int32_t
acceptshare_cap(u_int32_t max, const struct acceptshare_peer *p, size_t n,
    size_t self, u_int64_t now)
{
	u_int32_t	least;
	size_t		i;
	int		live;

	live = 0;
	least = max;
	for (i = 0; i < n; i++) {
		if (i == self || !p[i].known || now < p[i].heard ||
		    now - p[i].heard > ACCEPTSHARE_STALE)
			continue;
		live = 1;
		if (p[i].active < least)
			least = p[i].active;
	}
	if (!live || max <= ACCEPTSHARE_SLACK ||
	    least >= max - ACCEPTSHARE_SLACK)
		return (max);
	return (least + ACCEPTSHARE_SLACK);
}

/*
 * In a worker (kore_worker_configure): starts telling and listening, when
 * there is more than one worker to share with.
 */
void
acceptshare_start(void)
{
	u_int64_t	now;
	u_int16_t	id;

	if (worker_count <= KORE_WORKER_BASE + 1)
		return;
	configured = worker_max_connections;
	memset(peers, 0, sizeof(peers));
	/* The others start with us and hold nothing yet: taken as said so
	 * until they say otherwise or go stale, so that the connections
	 * that come before they first speak are shared too. */
	now = kore_time_ms();
	for (id = KORE_WORKER_BASE; id < worker_count; id++) {
		if (id == worker->id)
			continue;
		peers[id].heard = now;
		peers[id].known = 1;
	}
	said = 0;
	said_at = 0;
	if (kore_msg_register(ACCEPTSHARE_MSG, acceptshare_heard) !=
	    KORE_RESULT_OK) {
		kore_log(LOG_WARNING, "accept sharing: message id taken");
		return;
	}
	sharing = 1;
	(void)kore_timer_add(acceptshare_tick, ACCEPTSHARE_TICK, NULL, 0);
	acceptshare_apply(now);
}

/*
 * Kore's listener callback for each new connection (Kore counts it in
 * worker_active_connections when this returns): the HTTP set-up Kore
 * would have done, then, when this connection brings the worker to its
 * cap, the count to the others at once.
 */
void
acceptshare_accepted(struct connection *c)
{
	c->proto = CONN_PROTO_HTTP;
	if (http_keepalive_time != 0)
		c->idle_timer.length = http_keepalive_time * 1000;
	net_recv_queue(c, http_header_max, NETBUF_CALL_CB_ALWAYS,
	    http_header_recv);
	if (sharing && worker_active_connections + 1 >= worker_max_connections)
		acceptshare_tell(worker_active_connections + 1,
		    kore_time_ms());
}

/* Our count n to every worker. */
static void
acceptshare_tell(u_int32_t n, u_int64_t now)
{
	said = n;
	said_at = now;
	kore_msg_send(KORE_MSG_WORKER_ALL, ACCEPTSHARE_MSG, &said,
	    sizeof(said));
}

/* Every ACCEPTSHARE_TICK ms: our count to the others if it moved (or a
 * beat is due), and our cap from what they said (a peer may go stale). */
static void
acceptshare_tick(void *arg, u_int64_t now)
{
	(void)arg;
	if (worker_active_connections != said ||
	    now - said_at >= ACCEPTSHARE_BEAT)
		acceptshare_tell(worker_active_connections, now);
	acceptshare_apply(now);
}

/* A worker's count (ours too: WORKER_ALL comes back to its sender). */
static void
acceptshare_heard(struct kore_msg *msg, const void *data)
{
	u_int32_t	active;

	if (msg->length != sizeof(active) || msg->src >= ACCEPTSHARE_PEERS ||
	    msg->src == worker->id)
		return;
	memcpy(&active, data, sizeof(active));
	peers[msg->src].active = active;
	peers[msg->src].heard = kore_time_ms();
	peers[msg->src].known = 1;
	acceptshare_apply(peers[msg->src].heard);
}

static void
acceptshare_apply(u_int64_t now)
{
	worker_max_connections = acceptshare_cap(configured, peers,
	    ACCEPTSHARE_PEERS, worker->id, now);
}
