/*
 * webvtt.h: checking a WebVTT captions file (the W3C WebVTT format, the
 * part browsers need to show captions) before the studio stores it with
 * a lesson's video: the header, every cue's timings (well formed, end
 * after start, starts in order) and the sizes. Pure: bytes in, a verdict
 * with the line to fix out. Fuzzed by tests/fuzz/fuzz_webvtt.c.
 */
#ifndef ETHICA_WEBVTT_H
#define ETHICA_WEBVTT_H

#include <stddef.h>

#define WEBVTT_CUES_MAX		5000	/* cues in one file */
#define WEBVTT_LINE_MAX		1000	/* bytes in one line */
#define WEBVTT_HOURS_MAX	99	/* hours of a timestamp */

/*
 * Checks len bytes of text (any bytes; a UTF-8 byte order mark is
 * skipped). Returns the number of cues (0 or more) when the file is good;
 * else -1 with *line set to the 1-based line to fix (0 for the whole
 * file) and *msgid to an English msgid saying what is wrong, with a
 * {line} placeholder when *line > 0. Never allocates; linear in len.
 */
int	webvtt_check(const char *text, size_t len, int *line,
	    const char **msgid);

/*
 * Parses a timestamp "[hh:]mm:ss.ttt" at s (n bytes available): the
 * milliseconds into *ms and the bytes read, or 0 when s does not start
 * with one.
 */
size_t	webvtt_timestamp(const char *s, size_t n, long long *ms);

#endif
