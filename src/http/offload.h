/*
 * offload.h: the worker's argon2id steps (crypto.h, struct pw_work) run
 * on a few threads of their own while the request that needs one sleeps,
 * so that the event loop keeps serving everyone else. See offload.c.
 */
#ifndef ETHICA_OFFLOAD_H
#define ETHICA_OFFLOAD_H

struct http_request;
struct pw_work;

/* Seconds a client is told to wait (Retry-After) when the worker is full. */
#define OFFLOAD_RETRY_AFTER	"5"

/* Starts the worker's pool (threads and the descriptor Kore waits on).
 * Call once per worker, from kore_worker_configure(); fatal on failure. */
void		 offload_start(void);
/* Stops the pool at worker exit: the running steps finish, the waiting
 * ones are dropped with their requests. */
void		 offload_stop(void);
/* The request's finished step, when the handler is called again after
 * offload_park(); NULL on a first call. Owned by this module (freed with
 * the request). */
struct pw_work	*offload_done(struct http_request *);
/*
 * Takes over w (state PW_READY; w is left empty) and puts req to sleep
 * until it has run; the handler must then return KORE_RESULT_RETRY, and
 * Kore calls it again, where offload_done() gives the finished step.
 * Returns 1, or 0 when this worker holds its bound of steps already (w is
 * cleared; the caller answers 503 with Retry-After, the busy page).
 */
int		 offload_park(struct http_request *, struct pw_work *w);

#endif
