/*
 * offload.c: slow steps off the event loop. A handler whose domain call
 * answers RES_PENDING hands the described step (struct pw_work) to
 * offload_park(): the step goes to this worker's pool (src/lib/workq.c)
 * and the request sleeps in Kore (http_request_sleep). When a pool thread
 * has run it, the pool's eventfd wakes Kore's loop, which wakes the
 * request; Kore calls the handler again, offload_done() hands it the
 * finished step and the domain call finishes. Nothing but the step's own
 * struct is touched off the loop: no Kore, no request arena, and no
 * database but an export's own connection (offload_export: a domain
 * function that reads a whole table, with a copy of the request's dctx).
 *
 * The bound lives here: OFFLOAD_THREADS steps run at once per worker
 * (the memory one step takes is PW_MEMLIMIT, crypto.h) and at most
 * OFFLOAD_SLOTS are held (running or waiting); beyond that the handler
 * shows the busy page (503, Retry-After). ETHICA_HASH_SLOTS overrides the
 * slots (tests: 0 makes every step busy, 1 a single one).
 *
 * Why not Kore's tasks (the Debian package has them): each task makes a
 * socketpair and Kore calls fatal() when it cannot, so a worker short of
 * descriptors would die; tasks are dealt to threads in turn, so one can
 * wait behind a long hash while another thread idles; nothing bounds
 * them; and they cannot run outside Kore, where the pool is unit-tested.
 *
 * Owns each step from offload_park() until its request is freed (Kore's
 * onfree hook, chained to the access log's) or, when the client left
 * before the step ran, until the pool hands it back.
 *
 * Also the group commit of lesson marks (issue 14.4): a "done" request
 * queues its mark in the domain's batch (learning.h) and sleeps
 * (offload_mark_sleep); a one-shot Kore timer due at once runs at the
 * start of the loop's next pass, after the sockets were read and before
 * any handler: it writes the batch in one transaction
 * (learning_marks_flush) and wakes every sleeping mark's request, whose
 * handler then answers with the mark's result. No thread: the batch is
 * written on the loop, as each mark was, once instead of once per mark.
 * Owns each mark from offload_mark() until its request is freed.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <stdlib.h>
#include <string.h>

#include <time.h>

#include "domain/crypto.h"
#include "domain/dctx.h"
#include "domain/learning.h"
#include "http/app.h"
#include "http/ctx.h"
#include "http/offload.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "lib/workq.h"
#include "store/store.h"
#include "web/i18n.h"
#include "web/tmpl.h"

/*
 * Steps running at once in a worker. `ethica serve` runs one worker per
 * core, so one thread each keeps every core hashing during a burst, and a
 * worker's memory grows by one PW_MEMLIMIT (19 MiB) at most: two workers
 * stay within the 96 MB a node is given for a login burst.
 */
#define OFFLOAD_THREADS	1
/*
 * Steps held by a worker, running or waiting. A waiting step costs a few
 * hundred bytes; 16 of them are about half a second of queue at 30 ms a
 * hash, after which a visitor learns at once that it is busy rather than
 * waiting longer.
 */
#define OFFLOAD_SLOTS	16
/* The pool threads' nice increment: the event loop comes first. */
#define OFFLOAD_NICE	10

/* An export's input, copied out of the request (whose arena goes). */
struct offload_export {
	enum result		(*fn)(struct dctx *, int64_t, struct buf *);
	int64_t			 arg;
	struct dctx		 dc;		/* db and a are the thread's */
	struct user		 user;
	struct buf		 out;
	enum result		 r;
};

struct offload_job {
	struct workq_job	 qj;		/* first: the pool's view */
	struct pw_work		 w;
	struct offload_export	*ex;		/* an export, else NULL */
	struct http_request	*req;		/* NULL once the request left */
	void			(*onfree)(struct http_request *);
	int			 finished;
};

struct offload_pool {
	struct kore_event	 evt;		/* first: Kore's view */
	struct workq		*q;
	char			*db_target;	/* read-only once started */
};

static struct offload_pool	pool;

/* A lesson mark with its request, from offload_mark() until it is freed. */
struct offload_mark {
	struct learning_mark	 m;		/* first: the domain's view */
	struct http_request	*req;
	void			(*onfree)(struct http_request *);
	int			 sleeping;	/* on marks_sleeping */
	struct user		 user;		/* the first call's, copied */
	int			 has_user;
	TAILQ_ENTRY(offload_mark) list;
};

/* The requests asleep until the batch is written, whether the timer
 * that writes it is set, and whether its last try found the write lock
 * taken (the next one waits for it). */
static TAILQ_HEAD(, offload_mark)	marks_sleeping =
    TAILQ_HEAD_INITIALIZER(marks_sleeping);
static int				marks_timer;
static int				marks_busy;
static int				marks_stopped;	/* worker exits */

static void	mark_onfree(struct http_request *);
static void	mark_free(struct offload_mark *);
static void	marks_flush(void *, u_int64_t);
static enum result marks_write(int);
static void	marks_wake(void);

static void	job_run(struct workq_job *);
static void	export_run(struct workq_job *);
static void	job_free(struct offload_job *);
static int	job_park(struct http_request *, struct offload_job *);
static int	job_again(struct http_request *, struct pw_work *);
static void	headers_drop(struct http_request *);
static char	*sdup(const char *);

static char *
sdup(const char *s)
{
	return (xstrdup(s != NULL ? s : ""));
}
static void	job_drop(struct workq_job *);
static void	offload_ready(void *, int);
static void	offload_onfree(struct http_request *);

static void
job_run(struct workq_job *qj)
{
	pw_work_run(&((struct offload_job *)qj)->w);
}

/* On a pool thread: the export with its own connection and arena. */
static void
export_run(struct workq_job *qj)
{
	struct offload_export	*ex = ((struct offload_job *)qj)->ex;
	char			 err[256];

	ex->r = RES_INTERNAL;
	if (store_open(&ex->dc.db, pool.db_target, err, sizeof(err))
	    != STORE_OK)
		return;
	ex->dc.a = arena_new();
	ex->r = ex->fn(&ex->dc, ex->arg, &ex->out);
	arena_free(ex->dc.a);
	store_close(ex->dc.db);
	ex->dc.a = NULL;
	ex->dc.db = NULL;
}

static void
job_free(struct offload_job *job)
{
	struct offload_export	*ex = job->ex;

	pw_work_clear(&job->w);
	if (ex != NULL) {
		buf_free(&ex->out);
		free((char *)ex->user.email);
		free((char *)ex->user.display_name);
		free((char *)ex->user.role);
		free((char *)ex->user.language);
		free((char *)ex->user.country);
		free(ex);
	}
	free(job);
}

void
offload_start(const char *db_target)
{
	const char	*v;
	char		*end;
	size_t		 slots;

	slots = OFFLOAD_SLOTS;
	if ((v = getenv("ETHICA_HASH_SLOTS")) != NULL && *v >= '0' &&
	    *v <= '9') {
		slots = (size_t)strtoul(v, &end, 10);
		if (*end != '\0' || slots > 4096) {
			kore_log(LOG_WARNING, "ETHICA_HASH_SLOTS is not a "
			    "number from 0 to 4096: %d used", OFFLOAD_SLOTS);
			slots = OFFLOAD_SLOTS;
		}
	}
	memset(&pool, 0, sizeof(pool));
	pool.db_target = xstrdup(db_target);
	if ((pool.q = workq_new(OFFLOAD_THREADS, slots, OFFLOAD_NICE)) == NULL)
		fatal("offload: cannot start its threads: %s", errno_s);
	pool.evt.type = KORE_TYPE_TASK;
	pool.evt.handle = offload_ready;
	kore_platform_schedule_read(workq_fd(pool.q), &pool);
}

/* At worker exit: a step is dropped; its request, if any, is never
 * served again, so it only loses its pointer to the step. */
static void
job_drop(struct workq_job *qj)
{
	struct offload_job	*job = (struct offload_job *)qj;

	if (job->req != NULL) {
		job->req->hdlr_extra = NULL;
		job->req->onfree = job->onfree;
	}
	job_free(job);
}

void
offload_stop(void)
{
	workq_free(pool.q, job_drop);
	pool.q = NULL;
	free(pool.db_target);
	pool.db_target = NULL;
}

/* Kore's loop: the pool's eventfd is readable. Wakes the request of each
 * finished step; frees the steps whose request is gone. */
static void
offload_ready(void *arg, int error)
{
	struct workq_job	*qj;
	struct offload_job	*job;

	(void)arg;
	(void)error;
	if (pool.q == NULL)
		return;
	while ((qj = workq_collect(pool.q)) != NULL) {
		job = (struct offload_job *)qj;
		if (job->req == NULL) {
			job_free(job);
			continue;
		}
		job->finished = 1;
		http_request_wakeup(job->req);
	}
}

/* Kore frees req: the step goes with it, or, still running, is left for
 * offload_ready() to free. Then the hook this one replaced runs. */
static void
offload_onfree(struct http_request *req)
{
	struct offload_job	*job = req->hdlr_extra;
	void			(*prev)(struct http_request *) = NULL;

	if (job != NULL) {
		prev = job->onfree;
		req->hdlr_extra = NULL;
		if (job->finished)
			job_free(job);
		else
			job->req = NULL;
	}
	req->onfree = prev;
	if (prev != NULL)
		prev(req);
}

struct pw_work *
offload_done(struct http_request *req)
{
	struct offload_job	*job = req->hdlr_extra;

	if (job == NULL || req->onfree != offload_onfree || !job->finished ||
	    job->ex != NULL)
		return (NULL);
	return (&job->w);
}

struct buf *
offload_export_done(struct http_request *req, enum result *r)
{
	struct offload_job	*job = req->hdlr_extra;

	if (job == NULL || req->onfree != offload_onfree || !job->finished ||
	    job->ex == NULL)
		return (NULL);
	*r = job->ex->r;
	return (&job->ex->out);
}

void
offload_busy(struct ctx *c)
{
	ctx_title(c, N_("The server is busy"));
	tv_str(c->view, "message", ctx_tr(c, N_("Many requests are waiting "
	    "right now. Please try again in a few seconds.")));
	http_response_header(c->req, "retry-after", OFFLOAD_RETRY_AFTER);
	ctx_render(c, 503, "message");
}

/*
 * The response headers the handler's first call set (cookies, CORS,
 * ETag): its second call sets them again, so that a parked request
 * answers as if served in one call. Kore's own list and pool.
 */
static void
headers_drop(struct http_request *req)
{
	struct http_header	*hdr;

	while ((hdr = TAILQ_FIRST(&req->resp_headers)) != NULL) {
		TAILQ_REMOVE(&req->resp_headers, hdr, list);
		kore_free(hdr->header);
		kore_free(hdr->value);
		kore_pool_put(&http_header_pool, hdr);
	}
}

/* Submits job for req and puts req to sleep: 1, or 0 (job freed) when
 * the pool is full. */
static int
job_park(struct http_request *req, struct offload_job *job)
{
	job->req = req;
	if (workq_submit(pool.q, &job->qj) == -1) {
		job_free(job);
		return (0);
	}
	headers_drop(req);
	job->onfree = req->onfree;
	req->onfree = offload_onfree;
	req->hdlr_extra = job;
	req->flags |= HTTP_REQUEST_RETAIN_EXTRA;
	http_request_sleep(req);
	return (1);
}

int
offload_export(struct http_request *req, const struct dctx *dc,
    enum result (*fn)(struct dctx *, int64_t, struct buf *), int64_t arg)
{
	struct offload_job	*job;
	struct offload_export	*ex;

	if (pool.q == NULL || req->hdlr_extra != NULL)
		return (0);
	job = xcalloc(1, sizeof(*job));
	ex = job->ex = xcalloc(1, sizeof(*ex));
	job->qj.run = export_run;
	ex->fn = fn;
	ex->arg = arg;
	ex->dc = *dc;
	ex->dc.db = NULL;
	ex->dc.a = NULL;
	ex->dc.client_addr = NULL;
	buf_init(&ex->out);
	if (dc->user != NULL) {
		ex->user = *dc->user;
		ex->user.email = sdup(dc->user->email);
		ex->user.display_name = sdup(dc->user->display_name);
		ex->user.role = sdup(dc->user->role);
		ex->user.language = sdup(dc->user->language);
		ex->user.country = sdup(dc->user->country);
		ex->dc.user = &ex->user;
	}
	return (job_park(req, job));
}

int
offload_park(struct http_request *req, struct pw_work *w)
{
	struct offload_job	*job;

	if (req->hdlr_extra != NULL)
		return (job_again(req, w));
	if (pool.q == NULL || w->state != PW_READY) {
		pw_work_clear(w);
		return (0);
	}
	job = xcalloc(1, sizeof(*job));
	job->w = *w;
	memset(w, 0, sizeof(*w));
	job->qj.run = job_run;
	return (job_park(req, job));
}

/* The request's finished step w, described anew, goes back to the pool
 * in its job: 1, or 0 (w cleared, the job still the request's) when it
 * is not the request's finished step or the pool is full. */
static int
job_again(struct http_request *req, struct pw_work *w)
{
	struct offload_job	*job = req->hdlr_extra;

	if (pool.q == NULL || req->onfree != offload_onfree ||
	    !job->finished || job->ex != NULL || w != &job->w ||
	    w->state != PW_READY) {
		pw_work_clear(w);
		return (0);
	}
	job->finished = 0;
	if (workq_submit(pool.q, &job->qj) == -1) {
		job->finished = 1;
		pw_work_clear(w);
		return (0);
	}
	headers_drop(req);
	http_request_sleep(req);
	return (1);
}

/* Kore frees req: its mark leaves the batch (if still in it), then the
 * hook this one replaced runs. */
static void
mark_onfree(struct http_request *req)
{
	struct offload_mark	*om = req->hdlr_extra;
	void			(*prev)(struct http_request *) = NULL;

	if (om != NULL) {
		prev = om->onfree;
		req->hdlr_extra = NULL;
		learning_mark_cancel(&om->m);
		if (om->sleeping)
			TAILQ_REMOVE(&marks_sleeping, om, list);
		mark_free(om);
	}
	req->onfree = prev;
	if (prev != NULL)
		prev(req);
}

static void
mark_free(struct offload_mark *om)
{
	if (om->has_user) {
		free((char *)om->user.email);
		free((char *)om->user.display_name);
		free((char *)om->user.role);
		free((char *)om->user.language);
		free((char *)om->user.country);
	}
	free(om);
}

struct learning_mark *
offload_mark(struct http_request *req)
{
	struct offload_mark	*om;

	if (req->onfree == mark_onfree && req->hdlr_extra != NULL)
		return (&((struct offload_mark *)req->hdlr_extra)->m);
	if (req->hdlr_extra != NULL || marks_stopped)
		return (NULL);
	om = xcalloc(1, sizeof(*om));
	om->req = req;
	om->onfree = req->onfree;
	req->onfree = mark_onfree;
	req->hdlr_extra = om;
	req->flags |= HTTP_REQUEST_RETAIN_EXTRA;
	return (&om->m);
}

void
offload_mark_sleep(struct http_request *req, const struct user *u)
{
	struct offload_mark	*om = req->hdlr_extra;

	if (req->onfree != mark_onfree || om == NULL)
		fatal("offload_mark_sleep: no mark");
	headers_drop(req);
	if (u != NULL && !om->has_user) {
		om->user = *u;
		om->user.email = sdup(u->email);
		om->user.display_name = sdup(u->display_name);
		om->user.role = sdup(u->role);
		om->user.language = sdup(u->language);
		om->user.country = sdup(u->country);
		om->has_user = 1;
	}
	if (!om->sleeping) {
		TAILQ_INSERT_TAIL(&marks_sleeping, om, list);
		om->sleeping = 1;
	}
	http_request_sleep(req);
	if (!marks_timer) {
		/* Due at once: the loop's next pass does not wait in
		 * epoll, reads what arrived, runs it, then the handlers. */
		kore_timer_add(marks_flush, 0, NULL, KORE_TIMER_ONESHOT);
		marks_timer = 1;
	}
}

const struct user *
offload_mark_user(struct http_request *req)
{
	struct offload_mark	*om = req->hdlr_extra;

	if (req->onfree != mark_onfree || om == NULL || !om->has_user ||
	    om->m.state != LEARNING_MARK_FLUSHED)
		return (NULL);
	return (&om->user);
}

/*
 * Writes the waiting marks (learning_marks_flush with wait), on the
 * worker's own connection: RES_PENDING when wait is 0 and another
 * connection holds the write lock.
 */
static enum result
marks_write(int wait)
{
	struct dctx	dc;
	enum result	r;

	if (learning_marks_pending() == 0 || app.db == NULL)
		return (RES_OK);
	memset(&dc, 0, sizeof(dc));
	dc.db = app.db;
	dc.a = arena_new();
	dc.now = (int64_t)time(NULL);
	dc.data_dir = app.data;
	dc.public_url = app.public_url;
	r = learning_marks_flush(&dc, wait);
	arena_free(dc.a);
	return (r);
}

/*
 * The timer: writes the batch, then wakes every sleeping mark's request
 * (their handlers answer with each mark's result). When the other
 * worker holds the write lock, this worker does not nap in SQLite's busy
 * handler: it serves other requests (more marks join the batch) and
 * tries again a millisecond later, then waiting for the lock, so that a
 * batch is put off once at most.
 */
static void
marks_flush(void *arg, u_int64_t now)
{
	(void)arg;
	(void)now;
	marks_timer = 0;
	if (marks_write(marks_busy) == RES_PENDING) {
		marks_busy = 1;
		kore_timer_add(marks_flush, 1, NULL, KORE_TIMER_ONESHOT);
		marks_timer = 1;
		return;
	}
	marks_busy = 0;
	marks_wake();
}

/* Wakes every sleeping mark's request. */
static void
marks_wake(void)
{
	struct offload_mark	*om;

	while ((om = TAILQ_FIRST(&marks_sleeping)) != NULL) {
		TAILQ_REMOVE(&marks_sleeping, om, list);
		om->sleeping = 0;
		http_request_wakeup(om->req);
	}
}

/*
 * Kore's worker teardown runs after the loop's last pass: no timer runs
 * again, so the waiting marks are written here (waiting for the lock),
 * their requests woken and, through one more pass of Kore's
 * http_process(), answered before Kore closes the connections (which
 * flushes what was queued). A first call that arrives in that pass
 * writes its mark at once (offload_mark() gives none).
 */
void
offload_marks_stop(void)
{
	marks_stopped = 1;
	if (TAILQ_EMPTY(&marks_sleeping) && learning_marks_pending() == 0)
		return;
	if (marks_write(1) != RES_OK)
		kore_log(LOG_WARNING, "lesson marks at exit: the batch "
		    "was not written");
	marks_timer = 0;
	marks_busy = 0;
	marks_wake();
	http_process();
}
