/*
 * test_mail.c: the outbox state machine (claim, lease, sent, failed with
 * back-off, dead letter, retry, release), exactly-once claiming by two
 * processes at once, .eml delivery, RFC 2047 subjects, Message-IDs and
 * the recipient's language, on SQLite and, when ETHICA_TEST_PG is set,
 * on PostgreSQL.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/account.h"
#include "domain/crypto.h"
#include "domain/mail.h"
#include "domain/validate.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "store/store.h"
#include "web/i18n.h"
#include "t.h"
#include "tstore.h"

#define T0	1800000000LL
#define NRACE	60

static struct dctx	dc;
static char		mail_dir[64];
static int		use_pg;

static void	setup(int pg);
static void	teardown(void);
static int	b64_decode(const char *, size_t, unsigned char *);
static int	utf8_whole(const unsigned char *, size_t);
static size_t	eml_count(void);
static int64_t	rows_all(void);

/* Every outbox row, sent or not. */
static int64_t
rows_all(void)
{
	struct db_stmt	*st;
	int64_t		 n = -1;

	if ((st = db_prepare(dc.db, "SELECT count(*) FROM outbox")) == NULL)
		return (-1);
	if (db_step(st) == DB_ROW)
		n = db_col_int(st, 0);
	db_reset(st);
	return (n);
}

static void
setup(int pg)
{
	memset(&dc, 0, sizeof(dc));
	use_pg = pg;
	dc.db = tstore_open(pg);
	dc.a = arena_new();
	dc.now = T0;
	dc.public_url = "https://learn.ethica.example:8443/base";
	(void)snprintf(mail_dir, sizeof(mail_dir), "/tmp/ethica-mail-XXXXXX");
	dc.data_dir = mkdtemp(mail_dir);
	dc.lang = i18n_default();
	mail_config.smtp_url = NULL;
	mail_config.retry_base = 10;
	mail_config.max_attempts = 3;
	mail_config.lease = 300;
	mail_config.stop = NULL;
}

static void
teardown(void)
{
	char	cmd[128];

	tstore_close(dc.db);
	arena_free(dc.a);
	(void)snprintf(cmd, sizeof(cmd), "rm -rf %s", mail_dir);
	(void)system(cmd);
}

static int
b64_decode(const char *s, size_t len, unsigned char *out)
{
	static const char	tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned int		acc = 0;
	int			bits = 0, n = 0;
	size_t			i;
	const char		*p;

	for (i = 0; i < len && s[i] != '='; i++) {
		if ((p = strchr(tbl, s[i])) == NULL)
			return (-1);
		acc = (acc << 6) | (unsigned int)(p - tbl);
		if ((bits += 6) >= 8) {
			bits -= 8;
			out[n++] = (unsigned char)(acc >> bits);
		}
	}
	return (n);
}

/* 1 when p holds whole UTF-8 characters only. */
static int
utf8_whole(const unsigned char *p, size_t n)
{
	size_t	i, k, len;

	for (i = 0; i < n; i += len) {
		if (p[i] < 0x80)
			len = 1;
		else if ((p[i] & 0xE0) == 0xC0)
			len = 2;
		else if ((p[i] & 0xF0) == 0xE0)
			len = 3;
		else if ((p[i] & 0xF8) == 0xF0)
			len = 4;
		else
			return (0);
		if (i + len > n)
			return (0);
		for (k = 1; k < len; k++)
			if ((p[i + k] & 0xC0) != 0x80)
				return (0);
	}
	return (1);
}

/* Encodes s, checks every word (<= 75 characters, whole characters) and
 * that the words decode back to s; returns the number of words. */
static int
check_subject(const char *s)
{
	struct buf	 b;
	unsigned char	 all[4096], part[128];
	const char	*p, *end;
	size_t		 off = 0;
	int		 words = 0, n;

	buf_init(&b);
	mail_header_encode(&b, s);
	buf_putc(&b, '\0');
	for (p = b.data; (p = strstr(p, "=?UTF-8?B?")) != NULL; p = end + 2) {
		end = strstr(p + 10, "?=");
		T_ASSERT(end != NULL);
		if (end == NULL)
			break;
		T_ASSERT(end + 2 - p <= 75);
		n = b64_decode(p + 10, (size_t)(end - p - 10), part);
		T_ASSERT(n > 0 && utf8_whole(part, (size_t)n));
		memcpy(all + off, part, (size_t)n);
		off += (size_t)n;
		words++;
		/* Words are separated by folding white space only. */
		T_ASSERT(end[2] == '\0' || strncmp(end + 2, "\r\n =?", 5) == 0);
	}
	T_ASSERT(off == strlen(s) && memcmp(all, s, off) == 0);
	buf_free(&b);
	return (words);
}

static void
test_subjects(void)
{
	struct buf	b;
	const char	*ar = "\xd9\x84\xd9\x82\xd8\xaf \xd9\x88\xd8\xb5"
	    "\xd9\x84\xd9\x86\xd8\xa7 \xd8\xad\xd8\xa7\xd9\x84\xd8\xaa\xd9"
	    "\x83: \xd8\xa7\xd9\x84\xd8\xb0\xd9\x83\xd8\xa7\xd8\xa1 \xd8\xa7"
	    "\xd9\x84\xd8\xa7\xd8\xb5\xd8\xb7\xd9\x86\xd8\xa7\xd8\xb9\xd9\x8a"
	    " \xd9\x81\xd9\x8a \xd8\xa7\xd9\x84\xd9\x85\xd8\xaf\xd8\xa7\xd8"
	    "\xb1\xd8\xb3";
	const char	*ru = "\xd0\x9c\xd1\x8b \xd0\xbf\xd0\xbe\xd0\xbb\xd1"
	    "\x83\xd1\x87\xd0\xb8\xd0\xbb\xd0\xb8 \xd0\xb2\xd0\xb0\xd1\x88 "
	    "\xd0\xba\xd0\xb5\xd0\xb9\xd1\x81: \xd0\x98\xd1\x81\xd0\xba\xd1"
	    "\x83\xd1\x81\xd1\x81\xd1\x82\xd0\xb2\xd0\xb5\xd0\xbd\xd0\xbd\xd1"
	    "\x8b\xd0\xb9 \xd0\xb8\xd0\xbd\xd1\x82\xd0\xb5\xd0\xbb\xd0\xbb"
	    "\xd0\xb5\xd0\xba\xd1\x82";
	/* 3-byte characters that straddle every 45-byte boundary. */
	const char	*ko = "\xea\xb0\x80\xea\xb0\x80\xea\xb0\x80\xea\xb0"
	    "\x80\xea\xb0\x80\xea\xb0\x80\xea\xb0\x80\xea\xb0\x80\xea\xb0\x80"
	    "\xea\xb0\x80\xea\xb0\x80\xea\xb0\x80\xea\xb0\x80\xea\xb0\x80\xea"
	    "\xb0\x80\xea\xb0\x80 \xea\xb0\x80\xea\xb0\x80\xea\xb0\x80\xea\xb0"
	    "\x80\xea\xb0\x80\xea\xb0\x80";
	const char	*emoji = "ok \xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f"
	    "\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f"
	    "\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f"
	    "\x98\x80\xf0\x9f\x98\x80";

	T_ASSERT(check_subject(ar) >= 2);
	T_ASSERT(check_subject(ru) >= 2);
	T_ASSERT(check_subject(ko) >= 2);
	T_ASSERT(check_subject(emoji) >= 2);
	T_ASSERT(check_subject("\xed\x95\x9c") == 1);
	buf_init(&b);
	mail_header_encode(&b, "Confirm your email address");
	buf_putc(&b, '\0');
	T_STREQ(b.data, "Confirm your email address");
	buf_free(&b);
}

static void
test_message_id(void)
{
	struct outbox_row	m;
	struct buf		b;

	memset(&m, 0, sizeof(m));
	m.id = 7;
	m.created_at = T0;
	m.to_addr = "a@example.org";
	m.subject = "Hi";
	m.body = "line\nline\n";
	buf_init(&b);
	mail_format(&b, &m, "https://learn.ethica.example:8443/base");
	buf_putc(&b, '\0');
	T_CONTAINS(b.data, "\r\nMessage-ID: <7.1800000000@learn.ethica."
	    "example>\r\n");
	T_CONTAINS(b.data, "\r\n\r\nline\r\nline\r\n");
	T_ASSERT(strstr(b.data, "@ethica>") == NULL);
	buf_free(&b);
	buf_init(&b);
	mail_format(&b, &m, "http://127.0.0.1:8080");
	buf_putc(&b, '\0');
	T_CONTAINS(b.data, "Message-ID: <7.1800000000@127.0.0.1>");
	buf_free(&b);
	buf_init(&b);
	mail_format(&b, &m, "http://user@[::1]:8080/");
	buf_putc(&b, '\0');
	T_CONTAINS(b.data, "Message-ID: <7.1800000000@[::1]>");
	buf_free(&b);
}

static void
test_lang(void)
{
	const struct i18n_lang	*ko, *fr;

	ko = i18n_lang_get("ko");
	fr = i18n_lang_get("fr");
	T_ASSERT(ko != NULL && fr != NULL);
	T_ASSERT(mail_lang("ko", fr) == ko);
	T_ASSERT(mail_lang("", fr) == fr);
	T_ASSERT(mail_lang(NULL, fr) == fr);
	T_ASSERT(mail_lang("xx", fr) == fr);
	T_ASSERT(mail_lang("", NULL) == i18n_default());
}

/* Mail follows the recipient's profile language, which starts as the
 * language the account was made in: a Korean registrant who later asks
 * for a reset from an English page gets it in Korean (issue 13.5). */
static void
test_lang_of_account(void)
{
	struct form_errors	 fe;
	struct outbox_row	*rows;
	struct user_row		 u;
	size_t			 n;

	setup(0);
	memset(&fe, 0, sizeof(fe));
	dc.lang = i18n_lang_get("ko");
	dc.client_addr = "192.0.2.1";
	T_ASSERT(account_register(&dc, "kim@example.org", "Kim",
	    "a long enough passphrase 42", NULL, &fe) == RES_OK);
	/* Sign-ups and resets are queued; the worker's timer makes them. */
	T_ASSERT(account_requests_run(&dc, 10) == 1);
	T_ASSERT(store_outbox_claim(dc.db, dc.a, "t", T0, 100, 5, &rows, &n)
	    == STORE_OK && n == 1);
	T_STREQ(rows[0].subject, i18n_gettext(i18n_lang_get("ko"),
	    "Confirm your email address"));
	memset(&u, 0, sizeof(u));
	T_ASSERT(store_user_by_email(dc.db, dc.a, "kim@example.org", &u) ==
	    STORE_OK);
	T_STREQ(u.language, "ko");
	dc.lang = i18n_default();
	T_ASSERT(account_forgot(&dc, "kim@example.org", &fe) == RES_OK);
	T_ASSERT(account_requests_run(&dc, 10) == 1);
	T_ASSERT(store_outbox_claim(dc.db, dc.a, "t", T0, 100, 5, &rows, &n)
	    == STORE_OK && n == 1);
	T_STREQ(rows[0].subject, i18n_gettext(i18n_lang_get("ko"),
	    "Set a new password"));
	T_ASSERT(strcmp(rows[0].subject, "Set a new password") != 0);
	teardown();
}

static size_t
eml_count(void)
{
	DIR		*d;
	struct dirent	*e;
	size_t		 n = 0;
	char		 path[128];

	(void)snprintf(path, sizeof(path), "%s/mail", mail_dir);
	if ((d = opendir(path)) == NULL)
		return (0);
	while ((e = readdir(d)) != NULL)
		if (strstr(e->d_name, ".eml") != NULL &&
		    strstr(e->d_name, ".tmp") == NULL)
			n++;
	closedir(d);
	return (n);
}

static void
states(int pg)
{
	struct outbox_row	*rows;
	size_t			 n;
	int64_t			 total, id;

	setup(pg);
	if (dc.db == NULL) {
		T_ASSERT(0);
		return;
	}
	T_ASSERT(store_outbox_add(dc.db, "a@example.org", "S", "B", T0) ==
	    STORE_OK);
	/* A claims it; B, at the same moment, finds nothing. */
	T_ASSERT(store_outbox_claim(dc.db, dc.a, "A", T0, 100, 5, &rows, &n)
	    == STORE_OK && n == 1);
	id = rows[0].id;
	T_STREQ(rows[0].body, "B");
	T_ASSERT(store_outbox_claim(dc.db, dc.a, "B", T0, 100, 5, &rows, &n)
	    == STORE_OK && n == 0);
	/* A fails: due again after the back-off, then B may have it. */
	T_ASSERT(store_outbox_failed(dc.db, id, "A", "refused", T0 + 10, 0)
	    == STORE_OK);
	T_ASSERT(store_outbox_claim(dc.db, dc.a, "B", T0 + 9, 100, 5, &rows,
	    &n) == STORE_OK && n == 0);
	T_ASSERT(store_outbox_claim(dc.db, dc.a, "B", T0 + 10, 100, 5, &rows,
	    &n) == STORE_OK && n == 1 && rows[0].attempts == 1);
	/* A lost its claim: its late answers change nothing. */
	T_ASSERT(store_outbox_sent(dc.db, id, "A", T0 + 10) == STORE_OK);
	T_ASSERT(store_outbox_pending(dc.db, &total) == STORE_OK &&
	    total == 1);
	/* B dies holding it: the lease ends and C takes it over. */
	T_ASSERT(store_outbox_claim(dc.db, dc.a, "C", T0 + 109, 100, 5,
	    &rows, &n) == STORE_OK && n == 0);
	T_ASSERT(store_outbox_claim(dc.db, dc.a, "C", T0 + 110, 100, 5,
	    &rows, &n) == STORE_OK && n == 1);
	/* C is stopped: release frees it at once, without an attempt. */
	T_ASSERT(store_outbox_release(dc.db, "C") == STORE_OK);
	T_ASSERT(store_outbox_claim(dc.db, dc.a, "D", T0 + 110, 100, 5,
	    &rows, &n) == STORE_OK && n == 1 && rows[0].attempts == 1);
	T_ASSERT(store_outbox_sent(dc.db, id, "D", T0 + 111) == STORE_OK);
	T_ASSERT(store_outbox_pending(dc.db, &total) == STORE_OK &&
	    total == 0);
	/* Sent is final. */
	T_ASSERT(store_outbox_claim(dc.db, dc.a, "E", T0 + 100000, 100, 5,
	    &rows, &n) == STORE_OK && n == 0);
	T_ASSERT(store_outbox_retry(dc.db, id, T0) == STORE_NOT_FOUND);
	/* Sent mail is forgotten a day later, pending mail never. */
	T_ASSERT(store_outbox_add(dc.db, "b@example.org", "S", "B", T0) ==
	    STORE_OK);
	dc.now = T0 + 111 + MAIL_KEEP_SENT;
	T_ASSERT(mail_prune(&dc) == 0);
	T_ASSERT(rows_all() == 2);
	dc.now = T0 + 112 + MAIL_KEEP_SENT;
	T_ASSERT(mail_prune(&dc) == 0);
	T_ASSERT(rows_all() == 1);
	T_ASSERT(store_outbox_claim(dc.db, dc.a, "F", T0, 100, 5, &rows, &n)
	    == STORE_OK && n == 1 && strcmp(rows[0].to_addr,
	    "b@example.org") == 0);
	T_ASSERT(store_outbox_retry(dc.db, id, T0) == STORE_NOT_FOUND);
	teardown();
}

static void
test_states_sqlite(void)
{
	states(0);
}

static void
test_states_pg(void)
{
	states(1);
}

/* Refused every time: back-off 10, 20 s, then a dead letter an admin
 * lists and retries. The SMTP URL names a closed port. */
static void
dead_letter(int pg)
{
	struct outbox_row	*rows;
	size_t			 n;
	int64_t			 total, id;

	setup(pg);
	if (dc.db == NULL) {
		T_ASSERT(0);
		return;
	}
	mail_config.smtp_url = "smtp://127.0.0.1:1";
	T_ASSERT(store_outbox_add(dc.db, "a@example.org", "S", "B", T0) ==
	    STORE_OK);
	T_ASSERT(mail_deliver(&dc, "A", 5) == 1);
	T_ASSERT(store_outbox_list(dc.db, dc.a, 0, 0, 10, &rows, &n, &total) ==
	    STORE_OK && n == 1 && total == 1);
	id = rows[0].id;
	T_ASSERT(rows[0].attempts == 1 && rows[0].next_attempt_at == T0 + 10
	    && rows[0].dead_at == 0);
	T_CONTAINS(rows[0].last_error, "smtp");
	T_STREQ(rows[0].body, "");
	dc.now = T0 + 9;
	T_ASSERT(mail_deliver(&dc, "A", 5) == 0);
	dc.now = T0 + 10;
	T_ASSERT(mail_deliver(&dc, "A", 5) == 1);
	T_ASSERT(store_outbox_list(dc.db, dc.a, 0, 0, 10, &rows, &n, &total) ==
	    STORE_OK && n == 1 && rows[0].next_attempt_at == T0 + 30);
	dc.now = T0 + 30;
	T_ASSERT(mail_deliver(&dc, "A", 5) == 1);
	T_ASSERT(store_outbox_list(dc.db, dc.a, 0, 0, 10, &rows, &n, &total) ==
	    STORE_OK && n == 0 && total == 0);
	T_ASSERT(store_outbox_list(dc.db, dc.a, 1, 0, 10, &rows, &n, &total) ==
	    STORE_OK && n == 1 && total == 1 && rows[0].id == id &&
	    rows[0].attempts == 3 && rows[0].dead_at == T0 + 30);
	/* Dead letters are never claimed... */
	dc.now = T0 + 1000000;
	T_ASSERT(mail_deliver(&dc, "A", 5) == 0);
	T_ASSERT(store_outbox_pending(dc.db, &total) == STORE_OK &&
	    total == 0);
	/* ... until retried; then the (now working) delivery sends it once. */
	T_ASSERT(store_outbox_retry(dc.db, id, dc.now) == STORE_OK);
	T_ASSERT(store_outbox_retry(dc.db, id, dc.now) == STORE_NOT_FOUND);
	T_ASSERT(store_outbox_list(dc.db, dc.a, 1, 0, 10, &rows, &n, &total) ==
	    STORE_OK && n == 0);
	mail_config.smtp_url = NULL;
	T_ASSERT(mail_deliver(&dc, "A", 5) == 1);
	T_ASSERT(eml_count() == 1);
	T_ASSERT(mail_deliver(&dc, "A", 5) == 0);
	T_ASSERT(eml_count() == 1);
	teardown();
}

static void
test_dead_letter_sqlite(void)
{
	dead_letter(0);
}

static void
test_dead_letter_pg(void)
{
	dead_letter(1);
}

/* Two processes deliver at once, each with its own connection: every
 * message is claimed by exactly one of them. */
static void
race(int pg)
{
	struct db		*db;
	struct arena		*a;
	struct outbox_row	*rows;
	size_t			 n;
	int			 fds[2], seen[NRACE + 1], i, status, ok = 1;
	int64_t			 got, total;
	pid_t			 kids[2];
	char			 name[8];

	setup(pg);
	if (dc.db == NULL) {
		T_ASSERT(0);
		return;
	}
	for (i = 0; i < NRACE; i++)
		T_ASSERT(store_outbox_add(dc.db, "a@example.org", "S", "B",
		    T0) == STORE_OK);
	T_ASSERT(pipe(fds) == 0);
	for (i = 0; i < 2; i++) {
		if ((kids[i] = fork()) != 0)
			continue;
		close(fds[0]);
		if ((db = tstore_open_other()) == NULL)
			_exit(2);
		a = arena_new();
		(void)snprintf(name, sizeof(name), "k%d", i);
		for (;;) {
			if (store_outbox_claim(db, a, name, T0, 100, 1, &rows,
			    &n) != STORE_OK)
				_exit(3);
			if (n == 0)
				break;
			got = rows[0].id;
			if (write(fds[1], &got, sizeof(got)) != sizeof(got) ||
			    store_outbox_sent(db, got, name, T0) != STORE_OK)
				_exit(4);
		}
		_exit(0);
	}
	close(fds[1]);
	memset(seen, 0, sizeof(seen));
	while (read(fds[0], &got, sizeof(got)) == sizeof(got)) {
		if (got < 1 || got > NRACE || seen[got]++ != 0)
			ok = 0;
	}
	close(fds[0]);
	for (i = 0; i < 2; i++) {
		T_ASSERT(waitpid(kids[i], &status, 0) == kids[i] &&
		    WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	T_ASSERT(ok);
	for (i = 1; i <= NRACE; i++)
		T_ASSERT(seen[i] == 1);
	T_ASSERT(store_outbox_pending(dc.db, &total) == STORE_OK &&
	    total == 0);
	teardown();
}

static void
test_race_sqlite(void)
{
	race(0);
}

static void
test_race_pg(void)
{
	race(1);
}

int
main(void)
{
	char	err[256];

	if (crypto_setup() == -1 || i18n_load("build/locale", err,
	    sizeof(err)) == -1 || password_list_load(
	    "data/common-passwords.txt") < 100) {
		printf("setup failed: %s\n", err);
		return (1);
	}
	T_RUN(test_subjects);
	T_RUN(test_message_id);
	T_RUN(test_lang);
	T_RUN(test_lang_of_account);
	T_RUN(test_states_sqlite);
	T_RUN(test_dead_letter_sqlite);
	T_RUN(test_race_sqlite);
	if (getenv("ETHICA_TEST_PG") != NULL) {
		T_RUN(test_states_pg);
		T_RUN(test_dead_letter_pg);
		T_RUN(test_race_pg);
	} else {
		T_SKIPPED("test_states_pg", "ETHICA_TEST_PG unset");
		T_SKIPPED("test_dead_letter_pg", "ETHICA_TEST_PG unset");
		T_SKIPPED("test_race_pg", "ETHICA_TEST_PG unset");
	}
	return (t_done());
}
