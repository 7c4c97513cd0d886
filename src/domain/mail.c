/*
 * mail.c: composing, queueing and delivering mail (see mail.h).
 *
 * Delivery claims rows from the outbox with a lease, so two processes
 * never send the same message. Without SMTP a message becomes
 * DATA/mail/<created>-<id>.eml, written to a temporary name and renamed.
 * With SMTP it goes through libcurl; failures back off exponentially
 * (1, 2, 4 ... minutes, at most a day) and are retried.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "domain/mail.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "store/store.h"
#include "web/i18n.h"

struct mail_config mail_config = {
	NULL, NULL, NULL, "Ethica <no-reply@ethica.invalid>"
};

struct upload {
	const char	*data;
	size_t		 len;
	size_t		 off;
};

static void	 mail_format(struct buf *, const struct outbox_row *);
static int	 mail_write_file(struct dctx *, const struct outbox_row *,
		    char *err, size_t errlen);
static int	 mail_send_smtp(const struct outbox_row *, char *err,
		    size_t errlen);
static size_t	 upload_read(char *, size_t, size_t, void *);
static void	 header_encode(struct buf *, const char *);

char *
mail_fill(struct dctx *dc, const char *text, const char *const *keys,
    const char *const *values, size_t n)
{
	struct buf	 b;
	const char	*p, *end;
	size_t		 i, klen;
	char		*out;

	buf_init(&b);
	for (p = text; *p != '\0'; p++) {
		if (*p == '{' && (end = strchr(p, '}')) != NULL) {
			klen = (size_t)(end - p - 1);
			for (i = 0; i < n; i++) {
				if (strlen(keys[i]) == klen &&
				    strncmp(keys[i], p + 1, klen) == 0)
					break;
			}
			if (i < n) {
				buf_puts(&b, values[i]);
				p = end;
				continue;
			}
		}
		buf_putc(&b, *p);
	}
	out = arena_strdup(dc->a, b.data != NULL ? b.data : "");
	buf_free(&b);
	return (out);
}

int
mail_queue(struct dctx *dc, const char *to, const struct i18n_lang *lang,
    const char *subject_msgid, const char *body_msgid,
    const char *const *keys, const char *const *values, size_t n)
{
	const char	*subj, *body;

	if (lang == NULL)
		lang = i18n_default();
	subj = mail_fill(dc, i18n_gettext(lang, subject_msgid), keys, values,
	    n);
	body = mail_fill(dc, i18n_gettext(lang, body_msgid), keys, values, n);
	return (store_outbox_add(dc->db, to, subj, body, dc->now) ==
	    STORE_OK ? 0 : -1);
}

/* RFC 2047 encoded-word for non-ASCII header text. */
static void
header_encode(struct buf *b, const char *s)
{
	static const char	 tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm"
	    "nopqrstuvwxyz0123456789+/";
	const unsigned char	*p;
	size_t			 i, len;
	int			 ascii = 1;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p >= 0x80 || *p < 0x20)
			ascii = 0;
	}
	if (ascii) {
		buf_puts(b, s);
		return;
	}
	p = (const unsigned char *)s;
	len = strlen(s);
	buf_puts(b, "=?UTF-8?B?");
	for (i = 0; i + 2 < len; i += 3) {
		buf_putc(b, tbl[p[i] >> 2]);
		buf_putc(b, tbl[((p[i] & 3) << 4) | (p[i + 1] >> 4)]);
		buf_putc(b, tbl[((p[i + 1] & 15) << 2) | (p[i + 2] >> 6)]);
		buf_putc(b, tbl[p[i + 2] & 63]);
	}
	if (len - i == 1) {
		buf_putc(b, tbl[p[i] >> 2]);
		buf_putc(b, tbl[(p[i] & 3) << 4]);
		buf_puts(b, "==");
	} else if (len - i == 2) {
		buf_putc(b, tbl[p[i] >> 2]);
		buf_putc(b, tbl[((p[i] & 3) << 4) | (p[i + 1] >> 4)]);
		buf_putc(b, tbl[(p[i + 1] & 15) << 2]);
		buf_putc(b, '=');
	}
	buf_puts(b, "?=");
}

static void
mail_format(struct buf *b, const struct outbox_row *m)
{
	char		 date[64];
	struct tm	 tm;
	time_t		 t;
	const char	*p;

	t = (time_t)m->created_at;
	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	buf_appendf(b, "From: %s\r\nTo: %s\r\nSubject: ", mail_config.from,
	    m->to_addr);
	header_encode(b, m->subject);
	buf_appendf(b, "\r\nDate: %s\r\nMessage-ID: <%" PRId64 ".%" PRId64
	    "@ethica>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; "
	    "charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n", date,
	    m->id, m->created_at);
	for (p = m->body; *p != '\0'; p++) {
		if (*p == '\n' && (p == m->body || p[-1] != '\r'))
			buf_putc(b, '\r');
		buf_putc(b, *p);
	}
}

static int
mail_write_file(struct dctx *dc, const struct outbox_row *m, char *err,
    size_t errlen)
{
	struct buf	 b;
	char		 dir[4096], tmp[4200], path[4200];
	int		 fd, ret = -1;

	buf_init(&b);
	(void)snprintf(dir, sizeof(dir), "%s/mail", dc->data_dir);
	if (mkdir(dir, 0750) == -1 && errno != EEXIST) {
		snprintf(err, errlen, "mkdir %s: %s", dir, strerror(errno));
		goto out;
	}
	(void)snprintf(path, sizeof(path), "%s/%" PRId64 "-%06" PRId64 ".eml",
	    dir, m->created_at, m->id);
	(void)snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	mail_format(&b, m);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0640)) == -1) {
		snprintf(err, errlen, "open %s: %s", tmp, strerror(errno));
		goto out;
	}
	if (write(fd, b.data, b.len) != (ssize_t)b.len || fsync(fd) == -1) {
		snprintf(err, errlen, "write %s: %s", tmp, strerror(errno));
		close(fd);
		(void)unlink(tmp);
		goto out;
	}
	close(fd);
	if (rename(tmp, path) == -1) {
		snprintf(err, errlen, "rename %s: %s", path, strerror(errno));
		(void)unlink(tmp);
		goto out;
	}
	ret = 0;
out:
	buf_free(&b);
	return (ret);
}

static size_t
upload_read(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct upload	*u = arg;
	size_t		 n;

	n = size * nmemb;
	if (n > u->len - u->off)
		n = u->len - u->off;
	memcpy(ptr, u->data + u->off, n);
	u->off += n;
	return (n);
}

static int
mail_send_smtp(const struct outbox_row *m, char *err, size_t errlen)
{
	CURL			*c;
	struct curl_slist	*rcpt = NULL;
	struct upload		 up;
	struct buf		 b;
	CURLcode		 rc;
	const char		*from, *lt;
	char			 addr[320];

	buf_init(&b);
	mail_format(&b, m);
	from = mail_config.from;
	if ((lt = strchr(from, '<')) != NULL)
		(void)snprintf(addr, sizeof(addr), "%.*s", (int)strcspn(lt,
		    ">") + 1, lt);
	else
		(void)snprintf(addr, sizeof(addr), "<%s>", from);
	if ((c = curl_easy_init()) == NULL) {
		snprintf(err, errlen, "curl_easy_init failed");
		buf_free(&b);
		return (-1);
	}
	up.data = b.data;
	up.len = b.len;
	up.off = 0;
	rcpt = curl_slist_append(rcpt, m->to_addr);
	curl_easy_setopt(c, CURLOPT_URL, mail_config.smtp_url);
	if (mail_config.smtp_user != NULL) {
		curl_easy_setopt(c, CURLOPT_USERNAME, mail_config.smtp_user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, mail_config.smtp_pass);
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	}
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, addr);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, upload_read);
	curl_easy_setopt(c, CURLOPT_READDATA, &up);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	rc = curl_easy_perform(c);
	if (rc != CURLE_OK)
		snprintf(err, errlen, "smtp: %s", curl_easy_strerror(rc));
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	buf_free(&b);
	return (rc == CURLE_OK ? 0 : -1);
}

int
mail_deliver(struct dctx *dc, const char *claimer, size_t max)
{
	struct outbox_row	*rows;
	size_t			 n, i;
	int64_t			 backoff;
	char			 err[256];
	int			 done = 0, rc;

	if (store_outbox_claim(dc->db, dc->a, claimer, dc->now, 120, max,
	    &rows, &n) != STORE_OK)
		return (-1);
	for (i = 0; i < n; i++) {
		err[0] = '\0';
		if (mail_config.smtp_url != NULL)
			rc = mail_send_smtp(&rows[i], err, sizeof(err));
		else
			rc = mail_write_file(dc, &rows[i], err, sizeof(err));
		if (rc == 0) {
			(void)store_outbox_sent(dc->db, rows[i].id, dc->now);
			done++;
			continue;
		}
		backoff = 60LL << (rows[i].attempts < 10 ? rows[i].attempts :
		    10);
		if (backoff > 86400)
			backoff = 86400;
		(void)store_outbox_failed(dc->db, rows[i].id, err,
		    dc->now + backoff);
	}
	return (done);
}
