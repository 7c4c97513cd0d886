/*
 * proxycheck.c: X-Forwarded-For without --trust-proxy (see proxycheck.h).
 * It only writes the flag file and a log line; it never changes which
 * address a request is counted under.
 */
#include <sys/stat.h>

#include <kore/kore.h>

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "http/app.h"
#include "http/proxycheck.h"

static int	proxycheck_seen;

void
proxycheck_note(void)
{
	char	path[1024];
	int	fd;

	if (proxycheck_seen)
		return;
	proxycheck_seen = 1;
	kore_log(LOG_WARNING, "X-Forwarded-For arrived but --trust-proxy is "
	    "off: every client behind the proxy shares its address, and the "
	    "per-address login limit locks them out together. Start ethica "
	    "serve with --trust-proxy when a proxy you run is in front.");
	if (snprintf(path, sizeof(path), "%s%s", app.data, PROXYCHECK_FLAG) >=
	    (int)sizeof(path))
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0640);
	if (fd == -1)
		kore_log(LOG_WARNING, "cannot write %s", path);
	else
		(void)close(fd);
}

int
proxycheck_flagged(void)
{
	struct stat	st;
	char		path[1024];

	if (snprintf(path, sizeof(path), "%s%s", app.data, PROXYCHECK_FLAG) >=
	    (int)sizeof(path))
		return (0);
	return (stat(path, &st) == 0);
}
