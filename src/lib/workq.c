/*
 * workq.c: the bounded thread pool of workq.h. One mutex guards two
 * singly linked FIFO lists (waiting jobs, finished jobs) and the count of
 * jobs held; threads sleep on a condition variable; an eventfd counts
 * finished jobs for the submitting thread's event loop.
 *
 * Owns: its threads, lists and eventfd. Must never call back into the
 * submitter from a pool thread: the only way out is the finished list.
 */
#include <sys/eventfd.h>
#include <sys/resource.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "lib/mem.h"
#include "lib/workq.h"

struct workq_list {
	struct workq_job	*head;
	struct workq_job	*tail;
};

struct workq {
	pthread_mutex_t		 lock;
	pthread_cond_t		 wake;
	struct workq_list	 waiting;
	struct workq_list	 done;
	size_t			 held;
	size_t			 max;
	int			 stop;
	int			 efd;
	int			 nice_inc;
	size_t			 nthreads;
	pthread_t		*threads;
};

static void		 list_push(struct workq_list *, struct workq_job *);
static struct workq_job	*list_pop(struct workq_list *);
static void		*workq_thread(void *);

static void
list_push(struct workq_list *l, struct workq_job *j)
{
	j->next = NULL;
	if (l->tail != NULL)
		l->tail->next = j;
	else
		l->head = j;
	l->tail = j;
}

static struct workq_job *
list_pop(struct workq_list *l)
{
	struct workq_job	*j;

	if ((j = l->head) == NULL)
		return (NULL);
	if ((l->head = j->next) == NULL)
		l->tail = NULL;
	j->next = NULL;
	return (j);
}

static void *
workq_thread(void *arg)
{
	struct workq		*q = arg;
	struct workq_job	*j;
	uint64_t		 one = 1;

	/* Linux gives each thread its own nice value: a lower weight for
	 * the slow jobs, so the event loop runs first when both want the
	 * core. A refusal only costs that preference. */
	if (q->nice_inc > 0)
		(void)setpriority(PRIO_PROCESS, 0, getpriority(PRIO_PROCESS,
		    0) + q->nice_inc);
	pthread_mutex_lock(&q->lock);
	for (;;) {
		while (!q->stop && q->waiting.head == NULL)
			pthread_cond_wait(&q->wake, &q->lock);
		if (q->stop)
			break;
		j = list_pop(&q->waiting);
		pthread_mutex_unlock(&q->lock);
		j->run(j);
		j->ran = 1;
		pthread_mutex_lock(&q->lock);
		list_push(&q->done, j);
		/* Cannot fail short of the counter's 2^64 - 2 limit. */
		(void)write(q->efd, &one, sizeof(one));
	}
	pthread_mutex_unlock(&q->lock);
	return (NULL);
}

struct workq *
workq_new(size_t nthreads, size_t max, int nice_inc)
{
	struct workq	*q;
	sigset_t	 all, old;
	size_t		 i;
	int		 err = 0;

	if (nthreads == 0)
		nthreads = 1;
	q = xcalloc(1, sizeof(*q));
	q->max = max;
	q->nice_inc = nice_inc;
	q->threads = xcalloc(nthreads, sizeof(*q->threads));
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->wake, NULL);
	if ((q->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) == -1) {
		err = errno;
		workq_free(q, NULL);
		errno = err;
		return (NULL);
	}
	/* The threads block every signal: a signal for the process (Kore's
	 * SIGTERM, SIGCHLD) then always reaches the submitting thread and
	 * interrupts its event wait at once. */
	sigfillset(&all);
	(void)pthread_sigmask(SIG_SETMASK, &all, &old);
	for (i = 0; i < nthreads; i++) {
		if ((err = pthread_create(&q->threads[i], NULL, workq_thread,
		    q)) != 0)
			break;
		q->nthreads++;
	}
	(void)pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err != 0) {
		workq_free(q, NULL);
		errno = err;
		return (NULL);
	}
	return (q);
}

int
workq_fd(const struct workq *q)
{
	return (q->efd);
}

int
workq_submit(struct workq *q, struct workq_job *j)
{
	int	rc = -1;

	j->ran = 0;
	pthread_mutex_lock(&q->lock);
	if (!q->stop && q->held < q->max) {
		q->held++;
		list_push(&q->waiting, j);
		pthread_cond_signal(&q->wake);
		rc = 0;
	}
	pthread_mutex_unlock(&q->lock);
	return (rc);
}

struct workq_job *
workq_collect(struct workq *q)
{
	struct workq_job	*j;
	uint64_t		 n;

	pthread_mutex_lock(&q->lock);
	if ((j = list_pop(&q->done)) != NULL)
		q->held--;
	else
		(void)read(q->efd, &n, sizeof(n));	/* re-arm the edge */
	pthread_mutex_unlock(&q->lock);
	return (j);
}

size_t
workq_held(struct workq *q)
{
	size_t	n;

	pthread_mutex_lock(&q->lock);
	n = q->held;
	pthread_mutex_unlock(&q->lock);
	return (n);
}

void
workq_stop(struct workq *q)
{
	pthread_mutex_lock(&q->lock);
	q->stop = 1;
	pthread_cond_broadcast(&q->wake);
	pthread_mutex_unlock(&q->lock);
}

void
workq_free(struct workq *q, void (*drop)(struct workq_job *))
{
	struct workq_job	*j;
	size_t			 i;

	if (q == NULL)
		return;
	workq_stop(q);
	for (i = 0; i < q->nthreads; i++)
		(void)pthread_join(q->threads[i], NULL);
	while ((j = list_pop(&q->done)) != NULL || (j =
	    list_pop(&q->waiting)) != NULL) {
		if (drop != NULL)
			drop(j);
	}
	if (q->efd != -1)
		(void)close(q->efd);
	pthread_cond_destroy(&q->wake);
	pthread_mutex_destroy(&q->lock);
	free(q->threads);
	free(q);
}
