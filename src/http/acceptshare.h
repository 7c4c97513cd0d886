/*
 * acceptshare.h: sharing the clients' connections between the workers
 * (see acceptshare.c).
 */
#ifndef ETHICA_HTTP_ACCEPTSHARE_H
#define ETHICA_HTTP_ACCEPTSHARE_H

#include <sys/types.h>

#include <stddef.h>

/* What a worker last heard from another. */
struct acceptshare_peer {
	u_int64_t	heard;		/* kore_time_ms() when */
	u_int32_t	active;		/* the connections it held */
	int		known;		/* heard from at all */
};

struct connection;

/* In each worker, from kore_worker_configure. */
void		acceptshare_start(void);

/* The listener's connect callback (conf/ethica.conf.in): sets up the new
 * connection for HTTP as Kore would, and tells the other workers our
 * count at once when it brings us to our cap. */
void		acceptshare_accepted(struct connection *c);

/* The most connections worker self may hold at time now (ms): the fewest
 * a live peer of p[0..n) holds plus a slack, never above max; max when
 * no peer is live (see acceptshare.c). */
u_int32_t	acceptshare_cap(u_int32_t max,
		    const struct acceptshare_peer *p, size_t n, size_t self,
		    u_int64_t now);

#endif
