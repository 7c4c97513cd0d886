/*
 * test_acceptshare.c: sharing the clients' connections between the
 * workers (src/http/acceptshare.c, compiled in here, with the few parts
 * of Kore it uses played below). The cap on its own: the fewest a live
 * peer holds plus the slack, never above the configured maximum, no cap
 * with no live peer. Then a worker's side of it: what it tells the
 * others, and the worker_max_connections it sets as they answer and as
 * they go quiet. Last, two workers under Kore's accept lock, played as
 * worker.c does it, given 32 connections that arrive one at a time: each
 * ends with about half, where the lock's holder used to take them all.
 */
#include <sys/types.h>

#include <kore/kore.h>

#include "t.h"

#include "../../src/http/acceptshare.c"

/* Kore's side, as far as acceptshare.c uses it. */
u_int8_t		 worker_count = KORE_WORKER_BASE + 2;
u_int32_t		 worker_max_connections = 1000;
u_int32_t		 worker_active_connections;
static struct kore_worker me = { .id = KORE_WORKER_BASE };
struct kore_worker	*worker = &me;

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

	/* Alone so far: the configured maximum; our count goes out. */
	nsent = 0;
	tick_cb(NULL, fake_now);
	T_ASSERT(worker_max_connections == 1000);
	T_ASSERT(nsent == 1 && last_sent == 0);

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
	T_ASSERT(nsent == 2 && last_sent == ACCEPTSHARE_SLACK);
	fake_now += ACCEPTSHARE_TICK;
	tick_cb(NULL, fake_now);
	T_ASSERT(nsent == 2);
	fake_now += ACCEPTSHARE_BEAT;
	tick_cb(NULL, fake_now);
	T_ASSERT(nsent == 3);

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
 * Kore's accept lock with two workers, as worker.c and kore.c run it: at
 * the top of its loop a worker without the lock takes it if it is free and
 * the worker is below worker_max_connections; the holder accepts what is
 * waiting, up to that maximum; after its wait it gives the lock up when it
 * is at the maximum. The holder runs first, as it nearly always does.
 * Each worker's cap is what acceptshare_cap makes of the other's count
 * (told at once here: the real messages take a tick). Connections arrive
 * one at a time, each before the next: with the caps off, the first
 * holder keeps the lock and takes all 32.
 */
static void
share_sim(int capped, u_int32_t held[2])
{
	struct acceptshare_peer	p[2];
	u_int32_t		max[2];
	int			lock, w, k, turn;

	held[0] = held[1] = 0;
	lock = -1;
	/* A connection no worker may take waits for the next turn. */
	for (turn = 0; turn < 1000 && held[0] + held[1] < 32; turn++) {
		/* Both loops turn; the last holder first. */
		for (k = 0; k < 2; k++) {
			w = lock == 1 ? 1 - k : k;
			memset(p, 0, sizeof(p));
			p[1 - w] = (struct acceptshare_peer){ 1, held[1 - w],
			    1 };
			max[w] = capped ? acceptshare_cap(1000, p, 2, w, 1) :
			    1000;
			if (lock == w && held[w] >= max[w])
				lock = -1;
			if (lock == -1 && held[w] < max[w])
				lock = w;
		}
		if (lock != -1)
			held[lock]++;
	}
}

static void
test_lock_shared(void)
{
	u_int32_t	held[2];

	share_sim(0, held);
	T_ASSERT(held[0] + held[1] == 32 && (held[0] == 0 || held[1] == 0));
	share_sim(1, held);
	T_ASSERT(held[0] + held[1] == 32);
	T_ASSERT(held[0] >= 16 - ACCEPTSHARE_SLACK &&
	    held[1] >= 16 - ACCEPTSHARE_SLACK);
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
