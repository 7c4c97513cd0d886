/*
 * accesslog.c: the access log (DATA/log/access.log), written by each
 * worker itself rather than through Kore's parent process (why:
 * bench/NOTES.md, "Kore's access log").
 *
 * Each worker keeps its lines in a buffer and appends them with one
 * write(2) on an O_APPEND descriptor (lines of several workers never mix)
 * when the buffer is nearly full, once a second, and when the worker
 * stops. The format is Kore's: client, time, request line, status,
 * response body length (Kore sets content_length to it when it answers),
 * referer, user agent; bytes that could forge a line (control characters,
 * quotes, backslashes) are written as \xHH. No query string or fragment is
 * ever written, in the path or in the referer: they carry one-time tokens
 * (/password/reset?token=...) and search terms.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <kore/kore.h>
#include <kore/http.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "http/accesslog.h"
#include "lib/decimal.h"

#define ALOG_BUFLEN	(64 * 1024)
#define ALOG_LINE_MAX	4096		/* longer lines are cut */

static int	alog_fd = -1;
static char	alog_buf[ALOG_BUFLEN];
static size_t	alog_len;
static time_t	alog_time_at;
static char	alog_time[64];

static void	alog_request_done(struct http_request *);
static void	alog_tick(void *, u_int64_t);
static size_t	alog_put(char *, size_t, const char *);
static size_t	alog_put_url(char *, size_t, const char *);
static size_t	alog_num(char *, size_t, int64_t);

int
accesslog_open(const char *path)
{
	alog_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	if (alog_fd == -1)
		return (-1);
	kore_timer_add(alog_tick, 1000, NULL, 0);
	return (0);
}

void
accesslog_close(void)
{
	accesslog_flush();
	if (alog_fd != -1)
		(void)close(alog_fd);
	alog_fd = -1;
}

void
accesslog_track(struct http_request *req)
{
	if (req->onfree == NULL)
		req->onfree = alog_request_done;
}

void
accesslog_flush(void)
{
	size_t	off = 0;
	ssize_t	w;

	while (alog_fd != -1 && off < alog_len) {
		w = write(alog_fd, alog_buf + off, alog_len - off);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0) {
			kore_log(LOG_WARNING, "access log: %s", errno_s);
			break;
		}
		off += (size_t)w;
	}
	alog_len = 0;
}

static void
alog_tick(void *arg, u_int64_t now)
{
	(void)arg;
	(void)now;
	accesslog_flush();
}

/* Copies s into out (at most n bytes, \xHH for unsafe bytes); returns the
 * bytes written. */
static size_t
alog_put(char *out, size_t n, const char *s)
{
	static const char	 hex[] = "0123456789abcdef";
	const unsigned char	*p;
	size_t			 o = 0;

	for (p = (const unsigned char *)(s != NULL ? s : "-"); *p; p++) {
		if (*p < 0x20 || *p == 0x7f || *p == '"' || *p == '\\') {
			if (o + 4 > n)
				break;
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[*p >> 4];
			out[o++] = hex[*p & 0xf];
		} else {
			if (o + 1 > n)
				break;
			out[o++] = (char)*p;
		}
	}
	return (o);
}

/* alog_put of the URL s without its query string and fragment. */
static size_t
alog_put_url(char *out, size_t n, const char *s)
{
	char	tmp[ALOG_LINE_MAX];
	size_t	len;

	if (s == NULL)
		return (alog_put(out, n, NULL));
	len = strcspn(s, "?#");
	if (len >= sizeof(tmp))
		len = sizeof(tmp) - 1;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	return (alog_put(out, n, tmp));
}

/* Writes v in decimal into out if it fits in n bytes; returns the bytes
 * written. */
static size_t
alog_num(char *out, size_t n, int64_t v)
{
	char		 tmp[DECIMAL_MAX];
	const char	*d;
	size_t		 len;

	d = decimal(v, tmp);
	len = strlen(d);
	if (len > n)
		return (0);
	memcpy(out, d, len);
	return (len);
}

static void
alog_request_done(struct http_request *req)
{
	struct connection	*conn = req->owner;
	char			 addr[INET6_ADDRSTRLEN], line[ALOG_LINE_MAX];
	const char		*ref = NULL;
	time_t			 now;
	struct tm		 tm;
	size_t			 o;

	if (alog_fd == -1)
		return;
	now = time(NULL);
	if (now != alog_time_at) {
		(void)localtime_r(&now, &tm);
		(void)strftime(alog_time, sizeof(alog_time),
		    "%d/%b/%Y:%H:%M:%S %z", &tm);
		alog_time_at = now;
	}
	addr[0] = '-';
	addr[1] = '\0';
	if (conn != NULL && conn->family == AF_INET)
		(void)inet_ntop(AF_INET, &conn->addr.ipv4.sin_addr, addr,
		    sizeof(addr));
	else if (conn != NULL && conn->family == AF_INET6)
		(void)inet_ntop(AF_INET6, &conn->addr.ipv6.sin6_addr, addr,
		    sizeof(addr));
	(void)http_request_header(req, "referer", &ref);

	/* Pieced together by hand: snprintf's format parsing cost more than
	 * the rest of the line. alog_put escapes quotes, so the line's own
	 * are put one by one. The path may take all but 128 bytes, the
	 * referer half of what is left, the agent the rest. */
	o = alog_put(line, sizeof(line), addr);
	o += alog_put(line + o, sizeof(line) - o, " - - [");
	o += alog_put(line + o, sizeof(line) - o, alog_time);
	o += alog_put(line + o, sizeof(line) - o, "] ");
	line[o++] = '"';
	o += alog_put(line + o, sizeof(line) - o,
	    http_method_text(req->method));
	line[o++] = ' ';
	o += alog_put_url(line + o, sizeof(line) - o - 128, req->path);
	o += alog_put(line + o, sizeof(line) - o, " HTTP/1.1");
	line[o++] = '"';
	line[o++] = ' ';
	o += alog_num(line + o, sizeof(line) - o, req->status);
	line[o++] = ' ';
	o += alog_num(line + o, sizeof(line) - o,
	    (int64_t)req->content_length);
	line[o++] = ' ';
	line[o++] = '"';
	o += alog_put_url(line + o, (sizeof(line) - o) / 2, ref);
	line[o++] = '"';
	line[o++] = ' ';
	line[o++] = '"';
	o += alog_put(line + o, sizeof(line) - o - 2, req->agent);
	line[o++] = '"';
	line[o++] = '\n';

	if (alog_len + o > sizeof(alog_buf))
		accesslog_flush();
	memcpy(alog_buf + alog_len, line, o);
	alog_len += o;
}
