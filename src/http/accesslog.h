/*
 * accesslog.h: the per-worker access log (see accesslog.c).
 */
#ifndef ETHICA_HTTP_ACCESSLOG_H
#define ETHICA_HTTP_ACCESSLOG_H

struct http_request;

/* Opens (creates) the log for appending and starts the once-a-second
 * flush; -1 with errno when it cannot be opened. */
int	accesslog_open(const char *path);
/* Logs req once it is answered; every handler calls it first (ctx_begin
 * does, for the pages that use a context). */
void	accesslog_track(struct http_request *);
/* Writes the buffered lines now. */
void	accesslog_flush(void);
/* Flushes and closes (worker teardown). */
void	accesslog_close(void);

#endif
