/*
 * test_acceptshare.c: sharing the clients' connections between the
 * workers (src/http/acceptshare.c, compiled in here, with the few parts
 * of Kore it uses played below). The cap on its own: the fewest a live
 * peer holds plus the slack, never above the configured maximum, no cap
 * with no live peer. Then a worker's side of it: what it tells the
 * others, and the worker_max_connections it sets as they answer and as
 * they go quiet; a new connection that brings a worker to its cap is told
 * at once. Last, two workers under Kore's accept lock, played as
 * worker.c does it, knowing of each other only what was told: 32
 * connections that arrive one at a time end about half each, where the
 * lock's holder used to take them all; 64 that arrive at once are all
 * taken within a few turns of the loops, never both workers stopped.
 */
#include <sys/types.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "t.h"

#include "../../src/http/acceptshare.c"

/* Kore's side, as far as acceptshare.c uses it. */
u_int8_t		 worker_count = KORE_WORKER_BASE + 2;
u_int32_t		 worker_max_connections = 1000;
u_int32_t		 worker_active_connections;
static struct kore_worker me = { .id = KORE_WORKER_BASE };
struct kore_worker	*worker = &me;

u_int16_t		 http_keepalive_time = 20;
u_int16_t		 http_header_max = 4096;

static u_int64_t	 fake_now;
static size_t		 nsent;
static u_int32_t	 last_sent;
static void		(*heard_cb)(struct kore_msg *, const void *);
static void		(*tick_cb)(void *, u_int64_t);

u_int64_t
kore_time_ms(void)
{
	return (fake_now);
}

int
kore_msg_register(u_int8_t id, void (*cb)(struct kore_msg *, const void *))
{
	(void)id;
	heard_cb = cb;
	return (KORE_RESULT_OK);
}

void
kore_msg_send(u_int16_t dst, u_int8_t id, const void *data, size_t len)
{
	(void)dst;
	(void)id;
	if (len == sizeof(last_sent))
		memcpy(&last_sent, data, len);
	nsent++;
}

struct kore_timer *
kore_timer_add(void (*cb)(void *, u_int64_t), u_int64_t ms, void *arg,
    int flags)
{
	(void)ms;
	(void)arg;
	(void)flags;
	tick_cb = cb;
	return (NULL);
}

void
net_recv_queue(struct connection *c, size_t len, int flags,
    int (*cb)(struct netbuf *))
{
	(void)c;
	(void)len;
	(void)flags;
	(void)cb;
}

int
http_header_recv(struct netbuf *nb)
{
	(void)nb;
	return (KORE_RESULT_OK);
}

void
kore_log(int prio, const char *fmt, ...)
{
	(void)prio;
	(void)fmt;
}

/* Peer id says it holds n connections, at fake_now. */
static void
peer_says(u_int16_t id, u_int32_t n)
{
	struct kore_msg	m;

	memset(&m, 0, sizeof(m));
	m.id = ACCEPTSHARE_MSG;
	m.src = id;
	m.length = sizeof(n);
	heard_cb(&m, &n);
}

static void
test_cap_rule(void)
{
	struct acceptshare_peer	p[4];

	memset(p, 0, sizeof(p));
	T_ASSERT(acceptshare_cap(1000, p, 4, 0, 5000) == 1000);
	p[1] = (struct acceptshare_peer){ 4900, 10, 1 };
	T_ASSERT(acceptshare_cap(1000, p, 4, 0, 5000) ==
	    10 + ACCEPTSHARE_SLACK);
	/* Our own slot is never a peer. */
	T_ASSERT(acceptshare_cap(1000, p, 4, 1, 5000) == 1000);
	/* The fewest of several live peers. */
	p[2] = (struct acceptshare_peer){ 4990, 3, 1 };
	T_ASSERT(acceptshare_cap(1000, p, 4, 0, 5000) ==
	    3 + ACCEPTSHARE_SLACK);
	/* A peer not heard from for too long holds no one back. */
	T_ASSERT(acceptshare_cap(1000, p, 4, 0,
	    4990 + ACCEPTSHARE_STALE + 1) == 1000);
	T_ASSERT(acceptshare_cap(1000, p, 4, 0,
	    4990 + ACCEPTSHARE_STALE) == 3 + ACCEPTSHARE_SLACK);
	/* Never above the configured maximum. */
	p[2].active = 998;
	p[1].active = 999;
	T_ASSERT(acceptshare_cap(1000, p, 4, 0, 5000) == 1000);
	T_ASSERT(acceptshare_cap(3, p, 4, 0, 5000) == 3);
	/* A slot never heard from is no peer. */
	memset(p, 0, sizeof(p));
	p[3].active = 0;
	T_ASSERT(acceptshare_cap(50, p, 4, 0, 0) == 50);
}

static void
test_worker_side(void)
{
	u_int16_t	peer = KORE_WORKER_BASE + 1;

	worker_max_connections = 1000;
	worker_active_connections = 0;
	fake_now = 10000;
	heard_cb = NULL;
	tick_cb = NULL;
	acceptshare_start();
	T_ASSERT(heard_cb != NULL && tick_cb != NULL);
	if (heard_cb == NULL || tick_cb == NULL)
		return;

	/* The other, not heard from yet, is taken to hold nothing until
	 * it goes stale; our count goes out. */
	T_ASSERT(worker_max_connections == ACCEPTSHARE_SLACK);
	nsent = 0;
	tick_cb(NULL, fake_now);
	T_ASSERT(worker_max_connections == ACCEPTSHARE_SLACK);
	T_ASSERT(nsent == 1 && last_sent == 0);
	fake_now += ACCEPTSHARE_STALE + 1;
	tick_cb(NULL, fake_now);
	T_ASSERT(worker_max_connections == 1000);
	T_ASSERT(nsent == 2);	/* a beat was due */

	/* The other worker holds none: we may run SLACK ahead of it. */
	peer_says(peer, 0);
	T_ASSERT(worker_max_connections == ACCEPTSHARE_SLACK);
	/* Our own message coming back changes nothing. */
	peer_says(me.id, 500);
	T_ASSERT(worker_max_connections == ACCEPTSHARE_SLACK);

	/* We took connections: told at the next tick, not again unchanged
	 * before a beat is due. */
	worker_active_connections = ACCEPTSHARE_SLACK;
	fake_now += ACCEPTSHARE_TICK;
	tick_cb(NULL, fake_now);
	T_ASSERT(nsent == 3 && last_sent == ACCEPTSHARE_SLACK);
	fake_now += ACCEPTSHARE_TICK;
	tick_cb(NULL, fake_now);
	T_ASSERT(nsent == 3);
	fake_now += ACCEPTSHARE_BEAT;
	tick_cb(NULL, fake_now);
	T_ASSERT(nsent == 4);

	/* A connection that brings us to our cap is told at once; one
	 * below it is not. */
	{
		struct connection	conn;

		memset(&conn, 0, sizeof(conn));
		peer_says(peer, 2);
		T_ASSERT(worker_max_connections == 2 + ACCEPTSHARE_SLACK);
		worker_active_connections = 0;
		acceptshare_accepted(&conn);
		T_ASSERT(nsent == 4);
		T_ASSERT(conn.proto == CONN_PROTO_HTTP);
		worker_active_connections = 1 + ACCEPTSHARE_SLACK;
		acceptshare_accepted(&conn);
		T_ASSERT(nsent == 5 && last_sent == 2 + ACCEPTSHARE_SLACK);
	}

	/* The other caught up: our cap rises with it. */
	peer_says(peer, 9);
	T_ASSERT(worker_max_connections == 9 + ACCEPTSHARE_SLACK);

	/* It went quiet: no longer waited for. */
	fake_now += ACCEPTSHARE_STALE + 1;
	tick_cb(NULL, fake_now);
	T_ASSERT(worker_max_connections == 1000);

	/* A message of another size is not a count. */
	{
		struct kore_msg	m;
		u_int64_t	big = 1;

		memset(&m, 0, sizeof(m));
		m.src = peer;
		m.length = sizeof(big);
		heard_cb(&m, &big);
		T_ASSERT(worker_max_connections == 1000);
	}
}

static void
test_one_worker(void)
{
	worker_count = KORE_WORKER_BASE + 1;
	worker_max_connections = 1000;
	heard_cb = NULL;
	tick_cb = NULL;
	acceptshare_start();
	T_ASSERT(heard_cb == NULL && tick_cb == NULL);
	T_ASSERT(worker_max_connections == 1000);
	worker_count = KORE_WORKER_BASE + 2;
}

/*
 * Kore's accept lock with two workers, as worker.c and kore.c run it, one
 * turn of both loops at a time, the last holder first (it nearly always
 * runs first): a worker without the lock takes it if it is free and the
 * worker is below worker_max_connections; the holder accepts what waits,
 * up to that maximum; after its wait a holder at its maximum gives the
 * lock up. Each worker's maximum is acceptshare_cap of what the other
 * last told: at once when it reached its cap (acceptshare_accepted), and
 * at a tick every `tick` turns. `arrive` connections come each turn until
 * `total` came. Returns the turns it took to accept them all (or 1000).
 */
static int
share_sim(int capped, int arrive, int total, int tick, u_int32_t held[2])
{
	struct acceptshare_peer	p[2];
	u_int32_t		told[2], max[2];
	int			lock, w, k, turn, waiting, came;

	held[0] = held[1] = told[0] = told[1] = 0;
	lock = -1;
	waiting = came = 0;
	for (turn = 0; turn < 1000 && held[0] + held[1] < (u_int32_t)total;
	    turn++) {
		if (came < total) {
			waiting += arrive;
			came += arrive;
		}
		if (turn % tick == 0) {
			told[0] = held[0];
			told[1] = held[1];
		}
		for (k = 0; k < 2; k++) {
			w = lock == 1 ? 1 - k : k;
			memset(p, 0, sizeof(p));
			p[1 - w] = (struct acceptshare_peer){ 1, told[1 - w],
			    1 };
			max[w] = capped ? acceptshare_cap(1000, p, 2, w, 1) :
			    1000;
			if (lock == w && held[w] >= max[w])
				lock = -1;
			if (lock == -1 && held[w] < max[w])
				lock = w;
			while (lock == w && waiting > 0 && held[w] < max[w]) {
				held[w]++;
				waiting--;
				if (capped && held[w] >= max[w])
					told[w] = held[w];
			}
		}
	}
	return (turn);
}

static void
test_lock_shared(void)
{
	u_int32_t	held[2];
	int		turns;

	/* One at a time: the holder kept them all; now about half each. */
	share_sim(0, 1, 32, 1000, held);
	T_ASSERT(held[0] + held[1] == 32 && (held[0] == 0 || held[1] == 0));
	share_sim(1, 1, 32, 1000, held);
	T_ASSERT(held[0] + held[1] == 32);
	T_ASSERT(held[0] >= 16 - ACCEPTSHARE_SLACK &&
	    held[1] >= 16 - ACCEPTSHARE_SLACK);

	/* 64 at once, ticks far apart: every turn hands the lock over with
	 * the count that explains it, so all are taken in a few turns. */
	turns = share_sim(1, 64, 64, 1000, held);
	T_ASSERT(held[0] + held[1] == 64);
	T_ASSERT(turns <= 64 / ACCEPTSHARE_SLACK + 2);
	T_ASSERT(held[0] >= 32 - ACCEPTSHARE_SLACK &&
	    held[1] >= 32 - ACCEPTSHARE_SLACK);
}

int
main(void)
{
	T_RUN(test_cap_rule);
	T_RUN(test_worker_side);
	T_RUN(test_one_worker);
	T_RUN(test_lock_shared);
	return (t_done());
}
