/*
 * offload.c: argon2id off the event loop. A handler whose domain call
 * answers RES_PENDING hands the described step (struct pw_work) to
 * offload_park(): the step goes to this worker's pool (src/lib/workq.c)
 * and the request sleeps in Kore (http_request_sleep). When a pool thread
 * has run it, the pool's eventfd wakes Kore's loop, which wakes the
 * request; Kore calls the handler again, offload_done() hands it the
 * finished step and the domain call finishes. Nothing but the step's own
 * struct is touched off the loop: no database, no arena, no Kore.
 *
 * The bound lives here: OFFLOAD_THREADS steps run at once per worker
 * (the memory one step takes is PW_MEMLIMIT, crypto.h) and at most
 * OFFLOAD_SLOTS are held (running or waiting); beyond that the handler
 * shows the busy page (503, Retry-After). ETHICA_HASH_SLOTS overrides the
 * slots (tests: 0 makes every step busy, 1 a single one).
 *
 * Owns each step from offload_park() until its request is freed (Kore's
 * onfree hook, chained to the access log's) or, when the client left
 * before the step ran, until the pool hands it back.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <stdlib.h>
#include <string.h>

#include "domain/crypto.h"
#include "http/offload.h"
#include "lib/mem.h"
#include "lib/workq.h"

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

struct offload_job {
	struct workq_job	 qj;		/* first: the pool's view */
	struct pw_work		 w;
	struct http_request	*req;		/* NULL once the request is gone */
	void			(*onfree)(struct http_request *);
	int			 finished;
};

struct offload_pool {
	struct kore_event	 evt;		/* first: Kore's view */
	struct workq		*q;
};

static struct offload_pool	pool;

static void	job_run(struct workq_job *);
static void	job_free(struct offload_job *);
static void	job_drop(struct workq_job *);
static void	offload_ready(void *, int);
static void	offload_onfree(struct http_request *);

static void
job_run(struct workq_job *qj)
{
	pw_work_run(&((struct offload_job *)qj)->w);
}

static void
job_free(struct offload_job *job)
{
	pw_work_clear(&job->w);
	free(job);
}

void
offload_start(void)
{
	const char	*v;
	size_t		 slots;

	slots = OFFLOAD_SLOTS;
	if ((v = getenv("ETHICA_HASH_SLOTS")) != NULL && *v != '\0')
		slots = (size_t)strtoul(v, NULL, 10);
	memset(&pool, 0, sizeof(pool));
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

	if (job == NULL || req->onfree != offload_onfree || !job->finished)
		return (NULL);
	return (&job->w);
}

int
offload_park(struct http_request *req, struct pw_work *w)
{
	struct offload_job	*job;

	if (pool.q == NULL || req->hdlr_extra != NULL ||
	    w->state != PW_READY) {
		pw_work_clear(w);
		return (0);
	}
	job = xcalloc(1, sizeof(*job));
	job->w = *w;
	memset(w, 0, sizeof(*w));
	job->qj.run = job_run;
	job->req = req;
	if (workq_submit(pool.q, &job->qj) == -1) {
		job_free(job);
		return (0);
	}
	job->onfree = req->onfree;
	req->onfree = offload_onfree;
	req->hdlr_extra = job;
	req->flags |= HTTP_REQUEST_RETAIN_EXTRA;
	http_request_sleep(req);
	return (1);
}
