/*
 * parent.c: the Kore parent's teardown hook. `ethica serve` starts the
 * mail watcher (cli/cmd_mail.c) before it becomes Kore and leaves its pid
 * in ETHICA_MAIL_PID; Kore has already waited for its workers when it calls
 * this hook, and here the parent stops the watcher and waits for it too.
 * So when the server's process has exited, nothing of it still holds the
 * database: an operator (or a test) may copy, back up or write to it at
 * once. The watcher bounds its own stop (3 s, then SIGKILL of its loop).
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>

void	kore_parent_teardown(void);

void
kore_parent_teardown(void)
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
	if (kill((pid_t)pid, SIGTERM) == -1)
		return;
	while (waitpid((pid_t)pid, NULL, 0) == -1 && errno == EINTR)
		;
}
