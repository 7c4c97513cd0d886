/*
 * parent.c: the Kore parent's teardown hook. When it runs, Kore has asked
 * its workers to stop and "waited" for them; but under seccomp tracing (the
 * sanitizer builds) Kore counts a worker as gone at its first ptrace stop
 * (the SIGTERM it was sent), not at its exit. `ethica serve` also started
 * the mail watcher (cli/cmd_mail.c) before it became Kore and left its pid
 * in ETHICA_MAIL_PID. Here the parent stops the watcher and then waits for
 * every child it still has, continuing traced ones at each stop, so that
 * when the server's process has exited nothing of it still holds the
 * database: an operator (or a test) may copy, back up or write to it at
 * once. The watcher bounds its own stop (3 s, then SIGKILL of its loop);
 * a worker's teardown is bounded by its own work.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <kore/kore.h>
#include <kore/seccomp.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>

void	kore_parent_teardown(void);

static void	mail_stop(void);
static void	children_wait(void);

/* SIGTERM to the mail watcher, when it is still our running child. */
static void
mail_stop(void)
{
	const char	*v;
	char		*end;
	long		 pid;

	if ((v = getenv("ETHICA_MAIL_PID")) == NULL || *v == '\0')
		return;
	errno = 0;
	pid = strtol(v, &end, 10);
	if (errno != 0 || *end != '\0' || pid <= 1)
		return;
	/* Not our running child (gone, reaped by Kore): leave the pid be. */
	if (waitpid((pid_t)pid, NULL, WNOHANG) != 0)
		return;
	(void)kill((pid_t)pid, SIGTERM);
}

/* Reaps every child until there is none; a traced child that stops (a
 * signal, a seccomp event, a new thread) is continued as Kore does. */
static void
children_wait(void)
{
	pid_t	pid;
	int	status;

	for (;;) {
		pid = waitpid(-1, &status, __WALL);
		if (pid == -1) {
			if (errno == EINTR)
				continue;
			return;		/* ECHILD: none left */
		}
		if (WIFSTOPPED(status))
			(void)kore_seccomp_trace(pid, status);
	}
}

void
kore_parent_teardown(void)
{
	mail_stop();
	children_wait();
}
