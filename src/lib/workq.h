/*
 * workq.h: a small, bounded pool of threads that runs slow jobs (argon2id)
 * apart from the thread that submits them, and hands each finished job
 * back to it. Pure C and pthreads: no Kore, no database; the HTTP layer
 * (src/http/offload.c) waits on workq_fd() in Kore's event loop.
 *
 * A job is owned by the submitter before workq_submit() and after
 * workq_collect() returns it (or workq_free() hands it to drop); between
 * the two the queue owns it and the submitter must not touch it. Each job
 * submitted is run at most once and collected or dropped exactly once.
 */
#ifndef ETHICA_WORKQ_H
#define ETHICA_WORKQ_H

#include <stddef.h>

struct workq_job {
	struct workq_job	*next;		/* the queue's own */
	/* Runs on a pool thread. */
	void			(*run)(struct workq_job *);
	int			 ran;		/* 1 once run returned */
};

struct workq;

/*
 * A pool of nthreads threads (at least 1) that holds at most max jobs at
 * once (waiting, running, or finished and not yet collected). The threads
 * run at nice_inc above the caller's nice value (0 leaves it), so that a
 * burst of jobs never starves the submitting thread of its core.
 * Returns NULL when a thread or the eventfd cannot be made (errno set).
 */
struct workq	*workq_new(size_t nthreads, size_t max, int nice_inc);
/* A descriptor that becomes readable when a finished job waits for
 * workq_collect() (non-blocking, edge: collect until NULL). */
int		 workq_fd(const struct workq *);
/* Queues job (job->run set). Returns 0, or -1 when max jobs are held
 * already (the caller keeps the job; nothing was queued). */
int		 workq_submit(struct workq *, struct workq_job *);
/* A finished job handed back to the caller, or NULL when none waits. */
struct workq_job *workq_collect(struct workq *);
/* Jobs held now (waiting, running or finished and not collected). */
size_t		 workq_held(struct workq *);
/* Stops intake: submits are refused and each thread stops after the job
 * it runs; returns at once (workq_free() waits for them). */
void		 workq_stop(struct workq *);
/*
 * Stops the pool (workq_stop): each thread finishes the job it runs,
 * the threads are joined, then every job still held (waiting, never run,
 * or finished and not collected) is handed to drop (job->ran says
 * which), and the pool is freed. NULL is fine.
 */
void		 workq_free(struct workq *, void (*drop)(struct workq_job *));

#endif
