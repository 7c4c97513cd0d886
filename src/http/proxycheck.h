/*
 * proxycheck.h: notices a reverse proxy in front while --trust-proxy is
 * off. Every client then shares the proxy's address, and the per-address
 * login limit locks them all out together.
 *
 * The flag is a file, DATA/run/forwarded-without-trust-proxy: every
 * worker of the node sees it, and `ethica serve` removes it at start.
 */
#ifndef ETHICA_PROXYCHECK_H
#define ETHICA_PROXYCHECK_H

/* The flag file's path under the data directory. */
#define PROXYCHECK_FLAG	"/run/forwarded-without-trust-proxy"

/* Called for a request that carries X-Forwarded-For while --trust-proxy is
 * off: the first time in this worker, logs a warning and writes the flag
 * file. Cheap afterwards (one test of a static). */
void	proxycheck_note(void);
/* 1 when the flag file exists (some worker saw X-Forwarded-For). */
int	proxycheck_flagged(void);

#endif
