/*
 * pipeline.h: requests followed by more bytes in the same read (see
 * pipeline.c): answered, then the connection is closed.
 */
#ifndef ETHICA_PIPELINE_H
#define ETHICA_PIPELINE_H

struct http_request;

/* Starts the worker's timer that frees bodies Kore would hold until its
 * body timeout. Call once per worker. */
void	pipeline_start(void);
/* 1 when the read that brought req also brought bytes after it. */
int	pipeline_extra(struct http_request *);
/* Marks req's connection to close after the answer when pipeline_extra()
 * says so; call before the response is sent. */
void	pipeline_check(struct http_request *);

#endif
