/*
 * test_workq.c: the bounded pool that runs argon2id off the event loop
 * (src/lib/workq.c): it holds no more than its bound, runs every job
 * exactly once and hands each back exactly once, wakes its descriptor,
 * and at stop drops the jobs it still holds without running them twice;
 * its threads block signals, so that Kore's SIGTERM reaches the event
 * loop's thread.
 */
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "lib/workq.h"
#include "t.h"

#define NJOBS	200

struct tjob {
	struct workq_job	 qj;
	atomic_int		 runs;
	int			 collected;
	int			 dropped;
	atomic_int		*gate;		/* spin until set, when given */
};

static struct tjob	jobs[NJOBS];
static atomic_int	gate;

static void	tjob_run(struct workq_job *);
static void	tjob_drop(struct workq_job *);
static void	jobs_reset(void);
static int	collect_all(struct workq *, size_t want);

static void
tjob_run(struct workq_job *qj)
{
	struct tjob	*j = (struct tjob *)qj;

	while (j->gate != NULL && atomic_load(j->gate) == 0)
		usleep(100);
	atomic_fetch_add(&j->runs, 1);
}

static void
tjob_drop(struct workq_job *qj)
{
	((struct tjob *)qj)->dropped++;
}

static void
jobs_reset(void)
{
	size_t	i;

	memset(jobs, 0, sizeof(jobs));
	for (i = 0; i < NJOBS; i++)
		jobs[i].qj.run = tjob_run;
	atomic_store(&gate, 0);
}

/* Waits on the descriptor and collects until want jobs came back. */
static int
collect_all(struct workq *q, size_t want)
{
	struct pollfd		 p;
	struct workq_job	*qj;
	size_t			 got = 0;
	int			 idle = 0;

	while (got < want && idle < 100) {
		while ((qj = workq_collect(q)) != NULL) {
			((struct tjob *)qj)->collected++;
			got++;
		}
		if (got == want)
			break;
		p.fd = workq_fd(q);
		p.events = POLLIN;
		/* A bound on a lost wake-up, not a timing assert: 100
		 * idle seconds fail the test. */
		if (poll(&p, 1, 1000) == 0)
			idle++;
	}
	return ((int)got);
}

static void
test_bound(void)
{
	struct workq	*q;
	size_t		 i;

	jobs_reset();
	q = workq_new(2, 4, 0);
	T_ASSERT(q != NULL);
	if (q == NULL)
		return;
	for (i = 0; i < 4; i++) {
		jobs[i].gate = &gate;
		T_ASSERT(workq_submit(q, &jobs[i].qj) == 0);
	}
	T_ASSERT(workq_held(q) == 4);
	/* Full: refused, and the refused job is left alone. */
	jobs[4].gate = &gate;
	T_ASSERT(workq_submit(q, &jobs[4].qj) == -1);
	atomic_store(&gate, 1);
	T_ASSERT(collect_all(q, 4) == 4);
	T_ASSERT(workq_held(q) == 0);
	T_ASSERT(atomic_load(&jobs[4].runs) == 0 && jobs[4].collected == 0);
	/* Room again once collected. */
	T_ASSERT(workq_submit(q, &jobs[4].qj) == 0);
	T_ASSERT(collect_all(q, 1) == 1);
	workq_free(q, tjob_drop);
	for (i = 0; i < 5; i++)
		T_ASSERT(atomic_load(&jobs[i].runs) == 1 &&
		    jobs[i].collected == 1 && jobs[i].dropped == 0);

	/* A bound of 0 refuses everything (ETHICA_HASH_SLOTS=0). */
	q = workq_new(1, 0, 0);
	T_ASSERT(q != NULL && workq_submit(q, &jobs[0].qj) == -1);
	workq_free(q, tjob_drop);
}

static void
test_every_job_once(void)
{
	struct workq	*q;
	size_t		 i, sent, got;

	jobs_reset();
	q = workq_new(3, 16, 5);
	T_ASSERT(q != NULL);
	if (q == NULL)
		return;
	/* More jobs than the bound: submit what fits, collect, repeat. */
	sent = got = 0;
	while (got < NJOBS) {
		while (sent < NJOBS && workq_submit(q, &jobs[sent].qj) == 0)
			sent++;
		i = (size_t)collect_all(q, 1);
		if (i == 0)
			break;
		got += i;
	}
	got += (size_t)collect_all(q, sent - got);
	T_ASSERT(sent == NJOBS && got == NJOBS);
	workq_free(q, tjob_drop);
	for (i = 0; i < NJOBS; i++) {
		T_ASSERT(atomic_load(&jobs[i].runs) == 1);
		T_ASSERT(jobs[i].qj.ran == 1);
		T_ASSERT(jobs[i].collected == 1 && jobs[i].dropped == 0);
	}
}

static void
test_stop(void)
{
	struct workq	*q;
	size_t		 i, ran;

	jobs_reset();
	q = workq_new(1, 8, 0);
	T_ASSERT(q != NULL);
	if (q == NULL)
		return;
	/* The first job holds the only thread; the others wait. */
	jobs[0].gate = &gate;
	for (i = 0; i < 8; i++)
		T_ASSERT(workq_submit(q, &jobs[i].qj) == 0);
	workq_stop(q);
	T_ASSERT(workq_submit(q, &jobs[8].qj) == -1);
	atomic_store(&gate, 1);
	workq_free(q, tjob_drop);
	/* Each job was handed back exactly once (dropped: nobody collects
	 * after the stop), run at most once, and ran says which. */
	ran = 0;
	for (i = 0; i < 8; i++) {
		T_ASSERT(jobs[i].dropped == 1 && jobs[i].collected == 0);
		T_ASSERT(atomic_load(&jobs[i].runs) <= 1);
		T_ASSERT(jobs[i].qj.ran == atomic_load(&jobs[i].runs));
		ran += (size_t)atomic_load(&jobs[i].runs);
	}
	/* The thread finishes the job it ran (at most the first: it was
	 * held until after the stop), then takes no other. */
	T_ASSERT(ran <= 1 && jobs[1].qj.ran == 0 && jobs[7].qj.ran == 0);
	workq_free(NULL, tjob_drop);
}

static atomic_int	term_blocked;

static void
mask_run(struct workq_job *qj)
{
	sigset_t	cur;

	(void)qj;
	sigemptyset(&cur);
	(void)pthread_sigmask(SIG_BLOCK, NULL, &cur);
	atomic_store(&term_blocked, sigismember(&cur, SIGTERM) == 1 &&
	    sigismember(&cur, SIGCHLD) == 1 ? 1 : -1);
}

/* A pool thread blocks SIGTERM and SIGCHLD; the caller's mask is as it
 * was. */
static void
test_threads_block_signals(void)
{
	struct workq	*q;
	struct tjob	 j;
	sigset_t	 cur;

	memset(&j, 0, sizeof(j));
	j.qj.run = mask_run;
	q = workq_new(1, 1, 0);
	T_ASSERT(q != NULL);
	if (q == NULL)
		return;
	T_ASSERT(workq_submit(q, &j.qj) == 0);
	T_ASSERT(collect_all(q, 1) == 1);
	T_ASSERT(atomic_load(&term_blocked) == 1);
	sigemptyset(&cur);
	(void)pthread_sigmask(SIG_BLOCK, NULL, &cur);
	T_ASSERT(sigismember(&cur, SIGTERM) == 0);
	workq_free(q, NULL);
}

int
main(void)
{
	T_RUN(test_threads_block_signals);
	T_RUN(test_bound);
	T_RUN(test_every_job_once);
	T_RUN(test_stop);
	return (t_done());
}
