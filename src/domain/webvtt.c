/*
 * webvtt.c: the WebVTT captions check (webvtt.h). One pass over the
 * lines (LF, CRLF or CR): the "WEBVTT" line and its header, then blocks
 * separated by blank lines: NOTE, STYLE and REGION blocks are skipped,
 * every other block is a cue: an optional identifier, a timing line
 * "start --> end [settings]" and its text. The first fault found is the
 * one reported, with its line.
 *
 * Never: allocate, keep state between calls, read past len.
 */
#include <stddef.h>
#include <string.h>

#include "domain/validate.h"
#include "domain/webvtt.h"

#ifndef N_
#define N_(s)	(s)
#endif

enum vtt_state {
	VTT_HEADER,		/* after the WEBVTT line, until a blank */
	VTT_BETWEEN,		/* between blocks */
	VTT_ID,			/* after a cue identifier: timings next */
	VTT_TEXT,		/* a cue's text */
	VTT_SKIP		/* a NOTE, STYLE or REGION block */
};

static size_t	digits(const char *, size_t, long long *);
static int	starts_word(const char *, size_t, const char *);
static int	timing(const char *, size_t, long long *, long long *,
		    const char **);
static int	fault(int *, int, const char **, const char *);

/* The run of at most 9 ASCII digits at s: its value and length. */
static size_t
digits(const char *s, size_t n, long long *v)
{
	size_t	i;

	*v = 0;
	for (i = 0; i < n && i < 9 && s[i] >= '0' && s[i] <= '9'; i++)
		*v = *v * 10 + (s[i] - '0');
	return (i);
}

size_t
webvtt_timestamp(const char *s, size_t n, long long *ms)
{
	long long	a, b, c, f, h, m, sec;
	size_t		 i, k;

	*ms = 0;
	if ((k = digits(s, n, &a)) == 0 || k >= n || s[k] != ':')
		return (0);
	i = k + 1;
	if (digits(s + i, n - i, &b) != 2)
		return (0);
	i += 2;
	if (i < n && s[i] == ':') {
		/* hh:mm:ss.ttt: hours of two digits or more. */
		if (k < 2)
			return (0);
		i++;
		if (digits(s + i, n - i, &c) != 2)
			return (0);
		i += 2;
		h = a;
		m = b;
		sec = c;
	} else {
		if (k != 2)
			return (0);
		h = 0;
		m = a;
		sec = b;
	}
	if (i >= n || s[i] != '.')
		return (0);
	i++;
	if (digits(s + i, n - i, &f) != 3 || (i + 3 < n && s[i + 3] >= '0' &&
	    s[i + 3] <= '9'))
		return (0);
	i += 3;
	if (h > WEBVTT_HOURS_MAX || m > 59 || sec > 59)
		return (0);
	*ms = ((h * 60 + m) * 60 + sec) * 1000 + f;
	return (i);
}

/* 1 when the line s (n bytes) is word alone or followed by a blank. */
static int
starts_word(const char *s, size_t n, const char *word)
{
	size_t	k = strlen(word);

	return (n >= k && memcmp(s, word, k) == 0 && (n == k ||
	    s[k] == ' ' || s[k] == '\t'));
}

/* Parses a timing line; 0 with the times, or -1 with *msgid. */
static int
timing(const char *s, size_t n, long long *start, long long *end,
    const char **msgid)
{
	size_t	i, k;

	if ((i = webvtt_timestamp(s, n, start)) == 0) {
		*msgid = N_("Line {line}: the start time must be written as "
		    "00:01.000 or 00:00:01.000 (minutes and seconds below "
		    "60, three digits after the point).");
		return (-1);
	}
	k = i;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == k || n - i < 3 || memcmp(s + i, "-->", 3) != 0 ||
	    i + 3 >= n || (s[i + 3] != ' ' && s[i + 3] != '\t')) {
		*msgid = N_("Line {line}: write the timings as "
		    "00:00:01.000 --> 00:00:04.000, with a space on each "
		    "side of the arrow.");
		return (-1);
	}
	i += 3;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if ((k = webvtt_timestamp(s + i, n - i, end)) == 0) {
		*msgid = N_("Line {line}: the end time must be written as "
		    "00:04.000 or 00:00:04.000 (minutes and seconds below "
		    "60, three digits after the point).");
		return (-1);
	}
	i += k;
	if (i < n && s[i] != ' ' && s[i] != '\t') {
		*msgid = N_("Line {line}: write the timings as "
		    "00:00:01.000 --> 00:00:04.000, with a space on each "
		    "side of the arrow.");
		return (-1);
	}
	if (*end <= *start) {
		*msgid = N_("Line {line}: a cue must end after it starts.");
		return (-1);
	}
	return (0);
}

static int
fault(int *line, int at, const char **msgid, const char *why)
{
	*line = at;
	*msgid = why;
	return (-1);
}

int
webvtt_check(const char *text, size_t len, int *line, const char **msgid)
{
	const char	*p, *end, *eol, *why;
	enum vtt_state	 st;
	long long	 start, stop, last;
	size_t		 n;
	int		 ln, cues;

	*line = 0;
	*msgid = NULL;
	p = text != NULL ? text : "";
	end = p + len;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	st = VTT_HEADER;
	last = -1;
	cues = 0;
	for (ln = 1; p < end; ln++) {
		for (eol = p; eol < end && *eol != '\n' && *eol != '\r'; eol++)
			continue;
		n = (size_t)(eol - p);
		if (n > WEBVTT_LINE_MAX)
			return (fault(line, ln, msgid, N_("Line {line}: the "
			    "line is longer than 1000 bytes.")));
		if (!utf8_valid(p, n, 0))
			return (fault(line, ln, msgid, N_("Line {line}: the "
			    "line is not UTF-8 text, or holds a control "
			    "character.")));
		if (ln == 1 && !starts_word(p, n, "WEBVTT"))
			return (fault(line, 1, msgid, N_("Line {line}: a "
			    "captions file must start with WEBVTT.")));
		if (ln == 1)
			;
		else if (st == VTT_HEADER && memmem(p, n, "-->", 3) != NULL)
			return (fault(line, ln, msgid, N_("Line {line}: leave "
			    "a blank line after the WEBVTT line, before the "
			    "first cue.")));
		else if (n == 0) {
			if (st == VTT_ID)
				return (fault(line, ln, msgid, N_("Line "
				    "{line}: a cue needs a timing line such "
				    "as 00:00:01.000 --> 00:00:04.000 after "
				    "its name.")));
			st = VTT_BETWEEN;
		} else if (st == VTT_BETWEEN && (starts_word(p, n, "NOTE") ||
		    (cues == 0 && (starts_word(p, n, "STYLE") ||
		    starts_word(p, n, "REGION")))))
			st = VTT_SKIP;
		else if (st == VTT_BETWEEN || st == VTT_ID) {
			if (memmem(p, n, "-->", 3) == NULL) {
				if (webvtt_timestamp(p, n, &start) > 0)
					return (fault(line, ln, msgid,
					    N_("Line {line}: write the "
					    "timings as 00:00:01.000 --> "
					    "00:00:04.000, with a space on "
					    "each side of the arrow.")));
				if (st == VTT_ID)
					return (fault(line, ln, msgid,
					    N_("Line {line}: a cue needs a "
					    "timing line such as 00:00:01.000 "
					    "--> 00:00:04.000 after its "
					    "name.")));
				st = VTT_ID;
			} else {
				if (timing(p, n, &start, &stop, &why) == -1)
					return (fault(line, ln, msgid, why));
				if (start < last)
					return (fault(line, ln, msgid,
					    N_("Line {line}: cues must come "
					    "in the order of their start "
					    "times.")));
				if (++cues > WEBVTT_CUES_MAX)
					return (fault(line, ln, msgid,
					    N_("Line {line}: a captions file "
					    "may have at most 5000 cues.")));
				last = start;
				st = VTT_TEXT;
			}
		} else if (st == VTT_TEXT && memmem(p, n, "-->", 3) != NULL)
			return (fault(line, ln, msgid, N_("Line {line}: a "
			    "cue's text cannot hold -->; leave a blank line "
			    "before the next cue.")));
		/* The line's end: CRLF is one. */
		if (eol < end && *eol == '\r' && eol + 1 < end &&
		    eol[1] == '\n')
			eol++;
		p = eol < end ? eol + 1 : end;
	}
	if (len == 0 || (len == 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0))
		return (fault(line, 1, msgid, N_("Line {line}: a captions "
		    "file must start with WEBVTT.")));
	if (st == VTT_ID)
		return (fault(line, ln - 1, msgid, N_("Line {line}: a cue "
		    "needs a timing line such as 00:00:01.000 --> "
		    "00:00:04.000 after its name.")));
	if (cues == 0)
		return (fault(line, 0, msgid, N_("The captions file has no "
		    "cues: add at least one, a timing line such as "
		    "00:00:01.000 --> 00:00:04.000 and its text.")));
	return (cues);
}
