/*
 * cmd_mail.c: mail delivery outside the web server. `ethica mail` runs
 * the delivery loop in the foreground; `ethica serve` starts the same
 * loop under a watcher (mail_supervise) that restarts it when it dies,
 * frees the claims a dead loop held, and stops it on SIGTERM or when
 * Kore exits. SMTP may block for a minute: here it blocks nobody.
 *
 * The loop delivers what is due, then sleeps until a worker writes to
 * the DATA/run/mail.wake FIFO (mail_wake) or a second passes (retries,
 * and mail queued by other nodes on PostgreSQL).
 */
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "domain/mail.h"
#include "lib/mem.h"
#include "store/store.h"

#define MAIL_BATCH	20	/* messages per store round trip loop */
#define MAIL_POLL_MS	1000	/* longest sleep between rounds */
#define RESTART_MAX	30	/* seconds between restarts, at most */
#define PRUNE_EVERY	600	/* seconds between prunes of sent mail */

static volatile sig_atomic_t	mail_stop;

static void	on_stop(int);
static void	catch_stop(void);
static void	claimer_name(char *, size_t, pid_t);
static int	mail_loop(struct opts *, int once);
static void	release_dead(struct opts *, pid_t);
static void	nap(int ms);

static void
on_stop(int sig)
{
	(void)sig;
	mail_stop = 1;
}

/* SIGTERM and SIGINT set mail_stop and interrupt poll() and curl. */
static void
catch_stop(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	(void)sigaction(SIGTERM, &sa, NULL);
	(void)sigaction(SIGINT, &sa, NULL);
}

static void
claimer_name(char *out, size_t outlen, pid_t pid)
{
	const char	*node;
	char		 host[256];

	/* Unique across machines: two nodes may share a port and a pid. */
	if (gethostname(host, sizeof(host)) == -1)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	node = getenv("ETHICA_NODE");
	(void)snprintf(out, outlen, "%s/%s/mail/%d", host, node != NULL &&
	    *node != '\0' ? node : "node", (int)pid);
}

static void
nap(int ms)
{
	struct timespec	ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	(void)nanosleep(&ts, NULL);
}

/* The delivery loop; returns the exit status. */
static int
mail_loop(struct opts *o, int once)
{
	struct dctx	 dc;
	struct pollfd	 pfd;
	struct stat	 st;
	struct arena	*round;
	char		 claimer[512], path[PATH_MAX], junk[256];
	FILE		*f;
	time_t		 pruned = 0;
	int		 n, ret = 0;

	catch_stop();
	mail_config_env();
	mail_config.stop = &mail_stop;
	if (cli_open(o, &dc) == -1)
		return (1);
	claimer_name(claimer, sizeof(claimer), getpid());
	(void)snprintf(path, sizeof(path), "%s/run", o->data);
	(void)mkdir(path, 0750);
	mail_wake_path(o->data, path, sizeof(path));
	/* Anything but a FIFO there would make poll() spin: replace it. */
	if (lstat(path, &st) == 0 && !S_ISFIFO(st.st_mode))
		(void)unlink(path);
	if (mkfifo(path, 0600) == -1 && errno != EEXIST)
		(void)cli_err("mail: mkfifo %s: %s", path, strerror(errno));
	/* Read and write: poll() never sees a hang-up with no writer. */
	pfd.fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (pfd.fd != -1 && (fstat(pfd.fd, &st) == -1 ||
	    !S_ISFIFO(st.st_mode))) {
		(void)close(pfd.fd);
		pfd.fd = -1;
	}
	pfd.events = POLLIN;
	(void)snprintf(path, sizeof(path), "%s/run/mail.pid", o->data);
	if (!once && (f = fopen(path, "w")) != NULL) {
		fprintf(f, "%d\n", (int)getpid());
		(void)fclose(f);
	}
	while (!mail_stop) {
		round = dc.a;
		dc.a = arena_new();
		arena_free(round);
		dc.now = 0;
		if (time(NULL) - pruned >= PRUNE_EVERY) {
			(void)mail_prune(&dc);
			pruned = time(NULL);
		}
		if ((n = mail_deliver(&dc, claimer, MAIL_BATCH)) == -1) {
			/* Exit: the watcher restarts us on a new connection. */
			(void)cli_err("mail: the outbox cannot be read or "
			    "updated");
			ret = 1;
			break;
		}
		if (n == MAIL_BATCH)
			continue;
		if (once)
			break;
		if (pfd.fd == -1) {
			nap(MAIL_POLL_MS);
			continue;
		}
		if (poll(&pfd, 1, MAIL_POLL_MS) > 0)
			while (read(pfd.fd, junk, sizeof(junk)) > 0)
				;
	}
	if (mail_stop)
		(void)store_outbox_release(dc.db, claimer);
	if (pfd.fd != -1)
		(void)close(pfd.fd);
	cli_close(&dc);
	return (ret);
}

/* Frees the claims of the loop pid, which died: its mail is due again. */
static void
release_dead(struct opts *o, pid_t pid)
{
	struct dctx	dc;
	char		claimer[512];

	claimer_name(claimer, sizeof(claimer), pid);
	if (cli_open(o, &dc) == -1)
		return;
	if (store_outbox_release(dc.db, claimer) != STORE_OK)
		(void)cli_err("mail: cannot free the claims of %s", claimer);
	cli_close(&dc);
}

pid_t
mail_supervise(struct opts *o)
{
	pid_t	 parent, pid, child;
	time_t	 started;
	int	 status, delay = 1, i;

	parent = getpid();
	if ((pid = fork()) != 0)
		return (pid);
	/* The watcher: ends with its parent (Kore, after the exec). */
	(void)prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(0);
	catch_stop();
	while (!mail_stop) {
		started = time(NULL);
		if ((child = fork()) == -1) {
			(void)cli_err("mail: fork: %s", strerror(errno));
			nap(1000);
			continue;
		}
		if (child == 0) {
			(void)prctl(PR_SET_PDEATHSIG, SIGTERM);
			_exit(mail_loop(o, 0));
		}
		while (waitpid(child, &status, 0) == -1) {
			if (errno != EINTR)
				_exit(1);
			if (!mail_stop)
				continue;
			/* Stop: the loop aborts a transfer at once; give it
			 * 3 s, then end it. */
			(void)kill(child, SIGTERM);
			for (i = 0; i < 60; i++) {
				if (waitpid(child, &status, WNOHANG) != 0)
					break;
				nap(50);
			}
			if (i == 60) {
				(void)kill(child, SIGKILL);
				(void)waitpid(child, &status, 0);
				release_dead(o, child);
			}
			_exit(0);
		}
		if (mail_stop)
			break;
		release_dead(o, child);
		if (WIFSIGNALED(status))
			(void)cli_err("mail delivery (pid %d) killed by signal "
			    "%d; restarting in %d s", (int)child,
			    WTERMSIG(status), delay);
		else
			(void)cli_err("mail delivery (pid %d) exited with "
			    "status %d; restarting in %d s", (int)child,
			    WEXITSTATUS(status), delay);
		nap(delay * 1000);
		if (time(NULL) - started > 60)
			delay = 1;
		else if ((delay *= 2) > RESTART_MAX)
			delay = RESTART_MAX;
	}
	_exit(0);
}

int
cmd_mail(struct opts *o, int argc, char **argv)
{
	int	i, once = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--once") == 0)
			once = 1;
		else if (strcmp(argv[i], "--public-url") == 0 && i + 1 < argc)
			setenv("ETHICA_PUBLIC_URL", argv[++i], 1);
		else
			return (cli_err("mail: unknown option '%s' (see ethica "
			    "mail --help)", argv[i]));
	}
	return (mail_loop(o, once));
}
