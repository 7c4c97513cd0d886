/*
 * pushsync.h: which requests a sync with PostgreSQL already covers (see
 * pushsync.c), so that strict push mode sends one sync per batch of
 * requests the worker read, not one per request.
 */
#ifndef ETHICA_PUSHSYNC_H
#define ETHICA_PUSHSYNC_H

struct http_request;

/* 1 when req was read in full before a sync that succeeded (marked by
 * pushsync_mark): every commit that ended before it arrived is known. */
int	pushsync_covered(const struct http_request *);
/* Call right after a sync succeeded, req being one of Kore's requests in
 * flight: marks every request read in full so far as covered. */
void	pushsync_mark(struct http_request *);

#endif
