/*
 * offload.h: the worker's slow steps, argon2id (crypto.h, struct
 * pw_work) and whole-table exports, run on a few threads of their own
 * while the request that needs one sleeps, so that the event loop keeps
 * serving everyone else. See offload.c.
 */
#ifndef ETHICA_OFFLOAD_H
#define ETHICA_OFFLOAD_H

#include <stdint.h>

#include "domain/result.h"

struct buf;
struct dctx;
struct http_request;
struct pw_work;
struct ctx;

/* Seconds a client is told to wait (Retry-After) when the worker is full. */
#define OFFLOAD_RETRY_AFTER	"5"

/* Starts the worker's pool (threads and the descriptor Kore waits on);
 * exports open their own connection to the store at db_target. Call
 * once per worker, from kore_worker_configure(); fatal on failure. */
void		 offload_start(const char *db_target);
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
 * cleared; the caller answers 503 with Retry-After, the busy page). w may
 * be the request's finished step, described anew by the domain: it runs
 * again in its slot.
 */
int		 offload_park(struct http_request *, struct pw_work *w);

/*
 * An export (a CSV or JSON of a whole table) built by a domain function
 * fn(dc, arg, out) on a pool thread: dc is a copy of the request's (user,
 * language, clock) with its own store connection and arena; out is
 * empty. Parks req as offload_park() does; returns 1, or 0 when the
 * worker is full (the caller answers the busy page). Response headers
 * set before this call are dropped: the handler sets them again when
 * called the second time.
 */
int		 offload_export(struct http_request *, const struct dctx *,
		    enum result (*fn)(struct dctx *, int64_t, struct buf *),
		    int64_t arg);
/* The busy page for a request that could not be parked (503 with
 * Retry-After), in the visitor's language. */
void		 offload_busy(struct ctx *);
/* The finished export of req (the handler's second call) with its
 * result in *r, or NULL on a first call. Owned by this module. */
struct buf	*offload_export_done(struct http_request *, enum result *r);

/*
 * Lesson marks written together (group commit): the request's mark
 * (learning.h), zeroed on the handler's first call and the same one,
 * flushed, when Kore calls it again after offload_mark_sleep(); NULL
 * when req holds another step (the domain then writes the mark at once).
 * Owned by this module (freed with the request; a mark still waiting
 * then leaves its batch).
 */
struct learning_mark *offload_mark(struct http_request *);
/*
 * After learning_lesson_done() answered RES_PENDING: puts req to sleep
 * until this worker's batch is written, at the start of the event loop's
 * next pass (the marks of one pass share one transaction); the handler
 * then returns KORE_RESULT_RETRY. Keeps a copy of u, the user the
 * session gave this first call, for offload_mark_user().
 */
void		 offload_mark_sleep(struct http_request *, const struct user *);
/*
 * When Kore calls the handler again after its batch was written: the
 * user kept by offload_mark_sleep() (the session and the CSRF token were
 * checked by the first call; ctx_begin_as() need not read them again).
 * NULL before that, or when req holds no mark.
 */
const struct user *offload_mark_user(struct http_request *);
/*
 * At worker exit (Kore's teardown): writes the marks still waiting, in
 * one transaction as the timer would, and wakes their requests.
 */
void		 offload_marks_stop(void);

#endif
