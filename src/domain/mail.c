/*
 * mail.c: composing, queueing and delivering mail (see mail.h).
 *
 * Requests only queue (mail_queue: one INSERT in the caller's
 * transaction). Delivery runs in its own process (ethica mail, started
 * and watched by ethica serve): it claims one row at a time from the
 * outbox with a lease, so two processes never send the same message.
 * Without SMTP a message becomes DATA/mail/<created>-<id>.eml, written to
 * a temporary name and renamed. With SMTP it goes through libcurl;
 * failures back off exponentially (retry_base << attempts, at most a day)
 * and after max_attempts the message is a dead letter an administrator
 * sees on /admin/mail and may retry.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "domain/audit.h"
#include "domain/mail.h"
#include "domain/policy.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "store/store.h"
#include "web/i18n.h"

struct mail_config mail_config = {
	NULL, NULL, NULL, "Ethica <no-reply@ethica.invalid>",
	60, 10, 300, NULL
};

struct upload {
	const char	*data;
	size_t		 len;
	size_t		 off;
};

static int	 mail_write_file(struct dctx *, const struct outbox_row *,
		    char *err, size_t errlen);
static int	 mail_send_smtp(struct dctx *, const struct outbox_row *,
		    char *err, size_t errlen);
static size_t	 upload_read(char *, size_t, size_t, void *);
static int	 smtp_progress(void *, curl_off_t, curl_off_t, curl_off_t,
		    curl_off_t);
static void	 b64_word(struct buf *, const unsigned char *, size_t);
static void	 url_host(const char *url, char *out, size_t outlen);
static int64_t	 outbox_key(const void *);
static int64_t	 env_int(const char *, int64_t def, int64_t min,
		    int64_t max);

char *
mail_fill(struct dctx *dc, const char *text, const char *const *keys,
    const char *const *values, size_t n)
{
	struct buf	 b;
	const char	*p, *end;
	size_t		 i, klen;

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
	return (buf_to_arena(&b, dc->a));
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

void
mail_wake_path(const char *data_dir, char *out, size_t outlen)
{
	(void)snprintf(out, outlen, "%s/run/mail.wake", data_dir);
}

void
mail_wake(const char *data_dir)
{
	char	path[4096];
	ssize_t	n;
	int	fd;

	/* No reader (ENXIO) or a full pipe (EAGAIN): nothing to do, the
	 * process polls anyway or is already woken. */
	mail_wake_path(data_dir, path, sizeof(path));
	if ((fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return;
	n = write(fd, "", 1);
	(void)n;
	(void)close(fd);
}

const struct i18n_lang *
mail_lang(const char *profile_lang, const struct i18n_lang *fallback)
{
	const struct i18n_lang	*l;

	if (profile_lang != NULL && profile_lang[0] != '\0' &&
	    (l = i18n_lang_get(profile_lang)) != NULL)
		return (l);
	return (fallback != NULL ? fallback : i18n_default());
}

static int64_t
env_int(const char *name, int64_t def, int64_t min, int64_t max)
{
	const char	*v;
	char		*end;
	long long	 n;

	if ((v = getenv(name)) == NULL || *v == '\0')
		return (def);
	n = strtoll(v, &end, 10);
	if (*end != '\0' || n < min || n > max)
		return (def);
	return ((int64_t)n);
}

void
mail_config_env(void)
{
	const char	*v;

	mail_config.smtp_url = getenv("ETHICA_SMTP_URL");
	if (mail_config.smtp_url != NULL && *mail_config.smtp_url == '\0')
		mail_config.smtp_url = NULL;
	mail_config.smtp_user = getenv("ETHICA_SMTP_USER");
	mail_config.smtp_pass = getenv("ETHICA_SMTP_PASS");
	if ((v = getenv("ETHICA_MAIL_FROM")) != NULL && *v != '\0')
		mail_config.from = v;
	mail_config.retry_base = env_int("ETHICA_MAIL_RETRY_BASE",
	    mail_config.retry_base, 1, 86400);
	mail_config.max_attempts = env_int("ETHICA_MAIL_ATTEMPTS",
	    mail_config.max_attempts, 1, 100);
}

int64_t
mail_backoff(int64_t attempts)
{
	int64_t	d;

	if (attempts < 1)
		attempts = 1;
	d = mail_config.retry_base << (attempts - 1 < 20 ? attempts - 1 : 20);
	return (d > 86400 || d <= 0 ? 86400 : d);
}

/* One "=?UTF-8?B?...?=" word of n bytes. */
static void
b64_word(struct buf *b, const unsigned char *p, size_t len)
{
	static const char	 tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t			 i;

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

void
mail_header_encode(struct buf *b, const char *s)
{
	const unsigned char	*p, *start;
	size_t			 n, clen;
	int			 ascii = 1;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p >= 0x80 || *p < 0x20)
			ascii = 0;
	}
	if (ascii) {
		buf_puts(b, s);
		return;
	}
	/*
	 * Each word carries at most MAIL_WORD_BYTES bytes, whole UTF-8
	 * characters only (continuation bytes stay with their lead byte), so
	 * a word is at most 75 characters; words are folded onto lines of
	 * their own.
	 */
	start = (const unsigned char *)s;
	while (*start != '\0') {
		n = 0;
		while (start[n] != '\0') {
			clen = 1;
			while (start[n + clen] != '\0' &&
			    (start[n + clen] & 0xC0) == 0x80)
				clen++;
			if (n + clen > MAIL_WORD_BYTES && n > 0)
				break;
			n += clen;
		}
		if (start != (const unsigned char *)s)
			buf_puts(b, "\r\n ");
		b64_word(b, start, n);
		start += n;
	}
}

/* The host of a URL ("https://h.example:8443/x" -> "h.example"). */
static void
url_host(const char *url, char *out, size_t outlen)
{
	const char	*p;
	size_t		 n;

	p = url != NULL ? strstr(url, "://") : NULL;
	p = p != NULL ? p + 3 : "";
	if ((n = strcspn(p, "/?#@")) < strlen(p) && p[n] == '@') {
		p += n + 1;
	}
	if (*p == '[')
		n = strcspn(p, "]") + (strchr(p, ']') != NULL ? 1 : 0);
	else
		n = strcspn(p, ":/?#");
	if (n == 0 || n >= outlen)
		(void)snprintf(out, outlen, "localhost");
	else
		(void)snprintf(out, outlen, "%.*s", (int)n, p);
}

void
mail_format(struct buf *b, const struct outbox_row *m, const char *public_url)
{
	char		 date[64], host[256];
	struct tm	 tm;
	time_t		 t;
	const char	*p;

	t = (time_t)m->created_at;
	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	url_host(public_url, host, sizeof(host));
	buf_appendf(b, "From: %s\r\nTo: %s\r\nSubject: ", mail_config.from,
	    m->to_addr);
	mail_header_encode(b, m->subject);
	buf_appendf(b, "\r\nDate: %s\r\nMessage-ID: <%" PRId64 ".%" PRId64
	    "@%s>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; "
	    "charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n", date,
	    m->id, m->created_at, host);
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
	mail_format(&b, m, dc->public_url);
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

/* Aborts a transfer when the delivery process is asked to stop. */
static int
smtp_progress(void *arg, curl_off_t dt, curl_off_t dn, curl_off_t ut,
    curl_off_t un)
{
	(void)arg;
	(void)dt;
	(void)dn;
	(void)ut;
	(void)un;
	return (mail_config.stop != NULL && *mail_config.stop ? 1 : 0);
}

static int
mail_send_smtp(struct dctx *dc, const struct outbox_row *m, char *err,
    size_t errlen)
{
	CURL			*c;
	struct curl_slist	*rcpt = NULL;
	struct upload		 up;
	struct buf		 b;
	CURLcode		 rc;
	const char		*from, *lt;
	char			 addr[320], cerr[CURL_ERROR_SIZE];

	buf_init(&b);
	cerr[0] = '\0';
	mail_format(&b, m, dc->public_url);
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
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)MAIL_SMTP_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, smtp_progress);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, cerr);
	rc = curl_easy_perform(c);
	/* The error buffer names the server's answer ("RCPT failed: 550"). */
	if (rc != CURLE_OK)
		snprintf(err, errlen, "smtp: %s", cerr[0] != '\0' ? cerr :
		    curl_easy_strerror(rc));
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	buf_free(&b);
	return (rc == CURLE_OK ? 0 : -1);
}

int
mail_deliver(struct dctx *dc, const char *claimer, size_t max)
{
	struct outbox_row	*rows;
	size_t			 n, done;
	int64_t			 now, dead;
	char			 err[256];
	int			 rc;

	for (done = 0; done < max; done++) {
		if (mail_config.stop != NULL && *mail_config.stop)
			break;
		now = dc->now > 0 ? dc->now : (int64_t)time(NULL);
		if (store_outbox_claim(dc->db, dc->a, claimer, now,
		    mail_config.lease, 1, &rows, &n) != STORE_OK)
			return (-1);
		if (n == 0)
			break;
		err[0] = '\0';
		if (mail_config.smtp_url != NULL)
			rc = mail_send_smtp(dc, &rows[0], err, sizeof(err));
		else
			rc = mail_write_file(dc, &rows[0], err, sizeof(err));
		now = dc->now > 0 ? dc->now : (int64_t)time(NULL);
		if (rc == 0) {
			if (store_outbox_sent(dc->db, rows[0].id, claimer, now)
			    != STORE_OK)
				return (-1);
			continue;
		}
		if (mail_config.stop != NULL && *mail_config.stop) {
			/* Interrupted, not refused: no attempt counted. */
			(void)store_outbox_release(dc->db, claimer);
			break;
		}
		dead = rows[0].attempts + 1 >= mail_config.max_attempts ?
		    now : 0;
		fprintf(stderr, "ethica mail: message %" PRId64 " attempt %"
		    PRId64 " of %" PRId64 " failed (%s); %s\n", rows[0].id,
		    rows[0].attempts + 1, mail_config.max_attempts, err,
		    dead ? "now a dead letter (see /admin/mail)" :
		    "will retry");
		if (store_outbox_failed(dc->db, rows[0].id, claimer, err,
		    now + mail_backoff(rows[0].attempts + 1), dead)
		    != STORE_OK)
			return (-1);
	}
	return ((int)done);
}

int
mail_prune(struct dctx *dc)
{
	int64_t	now;

	now = dc->now > 0 ? dc->now : (int64_t)time(NULL);
	return (store_outbox_prune(dc->db, now - MAIL_KEEP_SENT) == STORE_OK ?
	    0 : -1);
}

static int64_t
outbox_key(const void *p)
{
	return (((const struct outbox_row *)p)->id);
}

enum result
mail_admin_list(struct dctx *dc, struct keypage *dead_pg,
    struct mail_admin_view *v)
{
	memset(v, 0, sizeof(*v));
	if (!policy_can(dc->user, ACT_ADMIN_USERS))
		return (RES_FORBIDDEN);
	if (store_outbox_list(dc->db, dc->a, 0, 0, MAIL_ADMIN_LIST,
	    &v->pending, &v->npending, &v->total_pending) != STORE_OK)
		return (RES_INTERNAL);
	do {
		if (store_outbox_list(dc->db, dc->a, 1,
		    keypage_cursor(dead_pg), MAIL_ADMIN_LIST + 1, &v->dead,
		    &v->ndead, &v->total_dead) != STORE_OK)
			return (RES_INTERNAL);
	} while (keypage_done(dead_pg, v->dead, sizeof(*v->dead), &v->ndead,
	    MAIL_ADMIN_LIST, outbox_key));
	return (RES_OK);
}

enum result
mail_admin_retry(struct dctx *dc, int64_t id)
{
	int	rc;

	if (!policy_can(dc->user, ACT_ADMIN_USERS))
		return (RES_FORBIDDEN);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	rc = store_outbox_retry(dc->db, id, dc->now);
	if (rc == STORE_NOT_FOUND)
		return (dctx_abort(dc, RES_NOT_FOUND));
	if (rc != STORE_OK || audit_log(dc, 0, "mail.retry", "mail", id, "")
	    == -1 || store_commit(dc->db) != STORE_OK)
		return (dctx_abort(dc, RES_INTERNAL));
	return (RES_OK);
}
