/*
 * test_account.c: the account domain (register, verify, login, rate
 * limits, sessions, reset, profile, roles) and the input checks it uses,
 * on SQLite and, when ETHICA_TEST_PG is set, on PostgreSQL.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "domain/account.h"
#include "domain/admin.h"
#include "domain/crypto.h"
#include "domain/mail.h"
#include "domain/policy.h"
#include "domain/validate.h"
#include "lib/mem.h"
#include "store/store.h"
#include "web/i18n.h"
#include "t.h"
#include "tstore.h"

static struct dctx	dc;
static char		mail_dir[64];

static void	setup(int pg);
static void	teardown(void);
static char	*last_link(const char *marker);

static void
setup(int pg)
{
	memset(&dc, 0, sizeof(dc));
	dc.db = tstore_open(pg);
	dc.a = arena_new();
	dc.now = 1800000000;
	dc.public_url = "http://test.invalid";
	(void)snprintf(mail_dir, sizeof(mail_dir), "/tmp/ethica-mail-XXXXXX");
	dc.data_dir = mkdtemp(mail_dir);
	dc.lang = i18n_default();
	dc.client_addr = "192.0.2.1";
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

/* Delivers the outbox to .eml files and returns the token after marker
 * in the newest message. */
static char *
last_link(const char *marker)
{
	struct outbox_row	*rows;
	size_t			 n, i;
	const char		*p;
	char			*tok = NULL;

	(void)account_requests_run(&dc, 100);
	if (store_outbox_claim(dc.db, dc.a, "t", dc.now, 60, 50, &rows, &n)
	    != STORE_OK)
		return (NULL);
	for (i = 0; i < n; i++) {
		if ((p = strstr(rows[i].body, marker)) != NULL)
			tok = arena_strndup(dc.a, p + strlen(marker),
			    TOKEN_LEN);
		(void)store_outbox_sent(dc.db, rows[i].id, "t", dc.now);
	}
	return (tok);
}

static void
test_checks(void)
{
	struct form_errors	fe;

	memset(&fe, 0, sizeof(fe));
	T_ASSERT(utf8_valid("h\xc3\xa9llo \xed\x95\x9c", 10, 0));
	T_ASSERT(!utf8_valid("\xc3\x28", 2, 0));
	T_ASSERT(!utf8_valid("\xed\xa0\x80", 3, 0));	/* surrogate */
	T_ASSERT(!utf8_valid("\xc0\xaf", 2, 0));	/* overlong */
	T_ASSERT(!utf8_valid("a\nb", 3, 0));
	T_ASSERT(utf8_valid("a\nb", 3, 1));
	T_ASSERT(check_email(&fe, "e", "ann@example.org"));
	T_ASSERT(!check_email(&fe, "e1", "ann@"));
	T_ASSERT(!check_email(&fe, "e2", "ann example@x.org"));
	T_ASSERT(!check_email(&fe, "e3", "<a>@x.org"));
	T_ASSERT(!check_password(&fe, "p1", "short", NULL, NULL));
	T_ASSERT(!check_password(&fe, "p2", "Password123", NULL, NULL));
	T_ASSERT(!check_password(&fe, "p3", "ann@example.org",
	    "ann@example.org", NULL));
	T_ASSERT(check_password(&fe, "p4", "violet kettle ridge", NULL, NULL));
	T_ASSERT(!check_display_name(&fe, "n1", ""));
	T_ASSERT(check_display_name(&fe, "n2", "김민지"));
	T_ASSERT(!check_country(&fe, "c", "XX"));
	T_ASSERT(check_country(&fe, "c2", "KR"));
	T_STREQ(form_error_for(&fe, "p1"), "Use at least 10 characters.");
}

/* HMAC-SHA-256 against RFC 4231's test case 2, one-off and with a key
 * prepared once and used twice. */
static void
test_hmac(void)
{
	struct hmac_key	k;
	char		a[HASH_HEX_LEN + 1], b[HASH_HEX_LEN + 1];
	const char	*want = "5bdcc146bf60754e6a042426089575c7"
			    "5a003f089d2739839dec58b964ec3843";

	hmac_hex("Jefe", "what do ya want for nothing?", a);
	T_STREQ(a, want);
	hmac_key_init(&k, "Jefe");
	hmac_hex_keyed(&k, "what do ya want for nothing?", b);
	T_STREQ(b, want);
	hmac_hex_keyed(&k, "what do ya want for nothing?", b);
	T_STREQ(b, want);
	hmac_hex_keyed(&k, "what do ya want for nothing!", b);
	T_ASSERT(strcmp(b, want) != 0);
}

/* The shapes behind the request validators (src/http/validators.c). */
static void
test_shapes(void)
{
	char	s[130];

	T_ASSERT(slug_valid("ethics-of-ai"));
	T_ASSERT(slug_valid("a"));
	T_ASSERT(slug_valid("0-9"));
	T_ASSERT(!slug_valid(""));
	T_ASSERT(!slug_valid("-lead"));
	T_ASSERT(!slug_valid("Upper"));
	T_ASSERT(!slug_valid("a/b"));
	T_ASSERT(!slug_valid("a b"));
	T_ASSERT(!slug_valid("caf\xc3\xa9"));
	memset(s, 'a', 100);
	s[100] = '\0';
	T_ASSERT(slug_valid(s));
	s[100] = 'a';
	s[101] = '\0';
	T_ASSERT(!slug_valid(s));
	T_ASSERT(str_of("123", 1, 18, DIGITS));
	T_ASSERT(!str_of("", 1, 18, DIGITS));
	T_ASSERT(!str_of("12a", 1, 18, DIGITS));
	T_ASSERT(!str_of("1234567890123456789", 1, 18, DIGITS));
	memset(s, 'f', 64);
	s[64] = '\0';
	T_ASSERT(str_of(s, 64, 64, HEX_LOWER));
	s[63] = 'F';
	T_ASSERT(!str_of(s, 64, 64, HEX_LOWER));
	s[63] = '\0';
	T_ASSERT(!str_of(s, 64, 64, HEX_LOWER));
}

static void
test_policy(void)
{
	struct user	u;

	memset(&u, 0, sizeof(u));
	T_ASSERT(!policy_can(NULL, ACT_ADMIN_USERS));
	u.role = "admin";
	T_ASSERT(!policy_can(&u, ACT_ADMIN_USERS));	/* not verified */
	u.verified = 1;
	T_ASSERT(policy_can(&u, ACT_ADMIN_USERS));
	u.role = "chair";
	T_ASSERT(!policy_can(&u, ACT_ADMIN_USERS));
	T_ASSERT(policy_can(&u, ACT_CALL_CHAIR));
	T_ASSERT(policy_can(&u, ACT_REVIEW));
	u.role = "learner";
	T_ASSERT(!policy_can(&u, ACT_REVIEW));
	T_ASSERT(!policy_can(&u, (enum action)999));
	T_ASSERT(policy_role_valid("reviewer"));
	T_ASSERT(!policy_role_valid("root"));
}

static void
test_mail_fill(void)
{
	const char	*k[] = { "name", "link" };
	const char	*v[] = { "Ann {link}", "http://x" };

	setup(0);
	T_STREQ(mail_fill(&dc, "Hi {name}, {link} {unknown}", k, v, 2),
	    "Hi Ann {link}, http://x {unknown}");
	teardown();
}

static void
journey(int pg)
{
	struct form_errors	 fe;
	struct user		*u;
	char			 tok[TOKEN_LEN + 1], tok2[TOKEN_LEN + 1];
	char			 sid[HASH_HEX_LEN + 1];
	char			*vt, *rt;
	int64_t			 n;
	int			 i;

	setup(pg);
	if (dc.db == NULL) {
		teardown();
		return;
	}
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(account_register(&dc, "bad", "", "x",
	    NULL, &fe) == RES_INVALID);
	T_ASSERT(fe.n == 3);
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(account_register(&dc, " Ann@Example.org ", "Ann",
	    "violet kettle ridge", NULL, &fe) == RES_OK);
	vt = last_link("/verify?token=");
	T_ASSERT(vt != NULL);
	/* Not verified yet: login refused with a message. */
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(account_login(&dc, "ann@example.org", "violet kettle ridge",
	    NULL, tok, &fe) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "email") != NULL);
	T_ASSERT(account_verify(&dc, vt) == RES_OK);
	T_ASSERT(account_verify(&dc, vt) == RES_EXPIRED);	/* single use */
	/* Duplicate registration: same answer, no second account, a mail. */
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(account_register(&dc, "ann@example.org", "Imposter",
	    "another long secret", NULL, &fe) == RES_OK);
	T_ASSERT(account_requests_run(&dc, 10) == 1);
	T_ASSERT(store_outbox_pending(dc.db, &n) == STORE_OK && n == 1);
	(void)last_link("x");
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(account_login(&dc, "ANN@example.org", "violet kettle ridge",
	    NULL, tok, &fe) == RES_OK);
	T_ASSERT(account_session(&dc, tok, &u) == RES_OK);
	T_STREQ(u->display_name, "Ann");
	T_STREQ(u->email, "ann@example.org");
	T_STREQ(u->role, "learner");
	T_ASSERT(u->id > 0 && u->created_at > 0);
	T_ASSERT(account_session(&dc, "nope", &u) == RES_NOT_FOUND);
	account_session_id(tok, sid);
	T_ASSERT(account_session_by_id(&dc, tok, sid, &u) == RES_OK);
	T_STREQ(u->display_name, "Ann");
	hash_hex("another token", sid);
	T_ASSERT(account_session_by_id(&dc, tok, sid, &u) == RES_NOT_FOUND);
	/* Idle expiry. */
	dc.now += account_limits.session_idle + 1;
	T_ASSERT(account_session(&dc, tok, &u) == RES_NOT_FOUND);
	dc.now -= account_limits.session_idle + 1;
	/* Rate limit per account. */
	for (i = 0; i < account_limits.login_max_account; i++) {
		memset(&fe, 0, sizeof(fe));
		T_ASSERT(account_login(&dc, "ann@example.org", "wrong wrong",
		    NULL, tok2, &fe) == RES_INVALID);
	}
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(account_login(&dc, "ann@example.org", "violet kettle ridge",
	    NULL, tok2, &fe) == RES_RATE_LIMITED);
	dc.now += account_limits.login_window + 1;
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(account_login(&dc, "ann@example.org", "violet kettle ridge",
	    NULL, tok2, &fe) == RES_OK);
	/* Forgotten password: same answer for unknown addresses. */
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(account_forgot(&dc, "nobody@example.org", &fe) == RES_OK);
	T_ASSERT(account_requests_run(&dc, 10) == 1);
	T_ASSERT(store_outbox_pending(dc.db, &n) == STORE_OK && n == 0);
	T_ASSERT(account_forgot(&dc, "ann@example.org", &fe) == RES_OK);
	rt = last_link("/password/reset?token=");
	T_ASSERT(rt != NULL);
	T_ASSERT(account_reset_check(&dc, rt) == RES_OK);
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(account_reset(&dc, rt, "short", NULL, &fe) == RES_INVALID);
	T_ASSERT(account_reset_check(&dc, rt) == RES_OK);	/* not used */
	dc.now += account_limits.reset_ttl + 1;
	T_ASSERT(account_reset(&dc, rt, "brand new secret", NULL, &fe) ==
	    RES_EXPIRED);
	dc.now -= account_limits.reset_ttl + 1;
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(account_reset(&dc, rt, "brand new secret",
	    NULL, &fe) == RES_OK);
	T_ASSERT(account_reset(&dc, rt, "brand new secret 2", NULL, &fe) ==
	    RES_EXPIRED);
	/* The reset ended every session. */
	T_ASSERT(account_session(&dc, tok2, &u) == RES_NOT_FOUND);
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(account_login(&dc, "ann@example.org", "brand new secret", NULL,
	    tok, &fe) == RES_OK);
	T_ASSERT(account_session(&dc, tok, &u) == RES_OK);
	/* Profile and password change. */
	dc.user = u;
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(account_update_profile(&dc, "Ann K", "ko", "ZZ", &fe) ==
	    RES_INVALID);
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(account_update_profile(&dc, "Ann K", "ko", "KR", &fe) ==
	    RES_OK);
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(account_change_password(&dc, "wrong", "another fine secret",
	    NULL, tok2, &fe) == RES_INVALID);
	T_ASSERT(account_change_password(&dc, "brand new secret",
	    "another fine secret", NULL, tok2, &fe) == RES_OK);
	T_ASSERT(account_session(&dc, tok, &u) == RES_NOT_FOUND);
	T_ASSERT(account_session(&dc, tok2, &u) == RES_OK);
	T_STREQ(u->language, "ko");
	T_STREQ(u->country, "KR");
	teardown();
}

static void
test_journey_sqlite(void)
{
	journey(0);
}

static void
test_journey_pg(void)
{
	journey(1);
}

/*
 * Issue 12.5: a reset or a password change spends every other reset and
 * verification link of the account and ends its other sessions, and
 * verifying spends the other verification links.
 */
static void
tokens_die(int pg)
{
	struct form_errors	 fe;
	struct user		*u;
	char			 a[TOKEN_LEN + 1], b[TOKEN_LEN + 1];
	char			 c[TOKEN_LEN + 1];
	char			 h[HASH_HEX_LEN + 1];
	struct user_row		 row;
	const char		*v2;
	char			*v1, *r1, *r2, *r3, *r4;

	setup(pg);
	if (dc.db == NULL) {
		teardown();
		return;
	}
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(account_register(&dc, "bo@example.org", "Bo",
	    "violet kettle ridge", NULL, &fe) == RES_OK);
	v1 = last_link("/verify?token=");
	T_ASSERT(v1 != NULL);
	/* A reset verifies the address and spends the verification link. */
	T_ASSERT(account_forgot(&dc, "bo@example.org", &fe) == RES_OK);
	r1 = last_link("/password/reset?token=");
	T_ASSERT(account_forgot(&dc, "bo@example.org", &fe) == RES_OK);
	r2 = last_link("/password/reset?token=");
	T_ASSERT(r1 != NULL && r2 != NULL && strcmp(r1, r2) != 0);
	T_ASSERT(account_reset(&dc, r1, "brand new secret",
	    NULL, &fe) == RES_OK);
	T_ASSERT(account_reset_check(&dc, r2) == RES_EXPIRED);
	T_ASSERT(account_reset(&dc, r2, "attacker secret x", NULL, &fe) ==
	    RES_EXPIRED);
	T_ASSERT(account_verify(&dc, v1) == RES_EXPIRED);
	/* Two sessions, and a reset link asked for in between. */
	T_ASSERT(account_login(&dc, "bo@example.org", "brand new secret",
	    NULL, a, &fe) == RES_OK);
	T_ASSERT(account_login(&dc, "bo@example.org", "brand new secret",
	    NULL, b, &fe) == RES_OK);
	T_ASSERT(account_forgot(&dc, "bo@example.org", &fe) == RES_OK);
	r3 = last_link("/password/reset?token=");
	T_ASSERT(r3 != NULL && account_reset_check(&dc, r3) == RES_OK);
	if (account_session(&dc, a, &u) != RES_OK) {
		T_ASSERT(!"the first session works");
		goto out;
	}
	dc.user = u;
	T_ASSERT(account_change_password(&dc, "brand new secret",
	    "another fine secret", NULL, c, &fe) == RES_OK);
	dc.user = NULL;
	T_ASSERT(account_reset_check(&dc, r3) == RES_EXPIRED);
	T_ASSERT(account_reset(&dc, r3, "attacker secret y", NULL, &fe) ==
	    RES_EXPIRED);
	T_ASSERT(account_session(&dc, a, &u) == RES_NOT_FOUND);
	T_ASSERT(account_session(&dc, b, &u) == RES_NOT_FOUND);
	T_ASSERT(account_session(&dc, c, &u) == RES_OK);
	/* A reset ends every session, the new one too. */
	T_ASSERT(account_forgot(&dc, "bo@example.org", &fe) == RES_OK);
	r4 = last_link("/password/reset?token=");
	T_ASSERT(r4 != NULL);
	T_ASSERT(account_reset(&dc, r4, "yet another secret",
	    NULL, &fe) == RES_OK);
	T_ASSERT(account_session(&dc, c, &u) == RES_NOT_FOUND);
	/* Verifying spends the account's other verification links. */
	T_ASSERT(account_register(&dc, "cy@example.org", "Cy",
	    "violet kettle ridge", NULL, &fe) == RES_OK);
	v1 = last_link("/verify?token=");
	memset(&row, 0, sizeof(row));
	T_ASSERT(v1 != NULL && store_user_by_email(dc.db, dc.a,
	    "cy@example.org", &row) == STORE_OK);
	v2 = "a-second-verification-link-of-cy-0123456789a";
	hash_hex(v2, h);
	T_ASSERT(store_token_insert(dc.db, h, row.id, "verify", dc.now,
	    dc.now + 60) == STORE_OK);
	T_ASSERT(account_verify(&dc, v1) == RES_OK);
	T_ASSERT(account_verify(&dc, v2) == RES_EXPIRED);
out:
	dc.user = NULL;
	teardown();
}

static void
test_tokens_die_sqlite(void)
{
	tokens_die(0);
}

static void
test_tokens_die_pg(void)
{
	tokens_die(1);
}

/*
 * Issue 12.8: a reset or sign-up request does the same work for a known
 * and an unknown address (one queued row, nothing else), and the queue
 * is worked off apart from it.
 */
static void
requests_alike(int pg)
{
	struct form_errors	 fe;
	struct user_row		 row;
	int64_t			 n, m;

	setup(pg);
	if (dc.db == NULL) {
		teardown();
		return;
	}
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(account_create(&dc, "dee@example.org", "Dee",
	    "violet kettle ridge", "learner", &n) == RES_OK);
	T_ASSERT(account_forgot(&dc, "dee@example.org", &fe) == RES_OK);
	T_ASSERT(store_request_count(dc.db, &n) == STORE_OK && n == 1);
	T_ASSERT(store_outbox_pending(dc.db, &m) == STORE_OK && m == 0);
	T_ASSERT(account_forgot(&dc, "nobody@example.org", &fe) == RES_OK);
	T_ASSERT(store_request_count(dc.db, &n) == STORE_OK && n == 2);
	T_ASSERT(store_outbox_pending(dc.db, &m) == STORE_OK && m == 0);
	T_ASSERT(account_register(&dc, "dee@example.org", "Dee Two",
	    "another long secret", NULL, &fe) == RES_OK);
	T_ASSERT(account_register(&dc, "eve@example.org", "Eve",
	    "another long secret", NULL, &fe) == RES_OK);
	T_ASSERT(store_request_count(dc.db, &n) == STORE_OK && n == 4);
	T_ASSERT(store_outbox_pending(dc.db, &m) == STORE_OK && m == 0);
	memset(&row, 0, sizeof(row));
	T_ASSERT(store_user_by_email(dc.db, dc.a, "eve@example.org", &row) ==
	    STORE_NOT_FOUND);
	/* The timer's work: a reset mail, nothing, a mail to the owner, a
	 * new account with its verification mail. */
	T_ASSERT(account_requests_run(&dc, 3) == 3);
	T_ASSERT(account_requests_run(&dc, 10) == 1);
	T_ASSERT(account_requests_run(&dc, 10) == 0);
	T_ASSERT(store_request_count(dc.db, &n) == STORE_OK && n == 0);
	T_ASSERT(store_outbox_pending(dc.db, &m) == STORE_OK && m == 3);
	T_ASSERT(store_user_by_email(dc.db, dc.a, "eve@example.org", &row) ==
	    STORE_OK);
	T_STREQ(row.display_name, "Eve");
	T_ASSERT(store_user_by_email(dc.db, dc.a, "dee@example.org", &row) ==
	    STORE_OK);
	T_STREQ(row.display_name, "Dee");
	teardown();
}

static void
test_requests_alike_sqlite(void)
{
	requests_alike(0);
}

static void
test_requests_alike_pg(void)
{
	requests_alike(1);
}

static void
test_roles(void)
{
	struct user		 admin;
	struct user_page	 up;
	struct audit_page	 ap;
	int64_t			 id, aid;

	setup(0);
	T_ASSERT(account_create(&dc, "lee@example.org", "Lee",
	    "violet kettle ridge", "learner", &id) == RES_OK);
	T_ASSERT(account_create(&dc, "lee@example.org", "Lee",
	    "violet kettle ridge", "learner", &id) == RES_CONFLICT);
	T_ASSERT(account_create(&dc, "ada@example.org", "Ada",
	    "violet kettle ridge", "admin", &aid) == RES_OK);
	memset(&admin, 0, sizeof(admin));
	admin.id = aid;
	admin.role = "learner";
	admin.verified = 1;
	dc.user = &admin;
	memset(&up, 0, sizeof(up));
	memset(&ap, 0, sizeof(ap));
	T_ASSERT(admin_users(&dc, NULL, &up) == RES_FORBIDDEN);
	T_ASSERT(admin_set_role(&dc, id, "chair", 0) == RES_FORBIDDEN);
	admin.role = "admin";
	T_ASSERT(admin_users(&dc, "lee", &up) == RES_OK);
	T_ASSERT(up.n == 1 && up.k.prev == 0 && up.k.next == 0);
	T_ASSERT(admin_users(&dc, "%", &up) == RES_OK && up.n == 0);
	T_ASSERT(admin_set_role(&dc, id, "root", 0) == RES_INVALID);
	T_ASSERT(admin_set_role(&dc, 99999, "chair", 0) == RES_NOT_FOUND);
	T_ASSERT(admin_set_role(&dc, id, "chair", 0) == RES_OK);
	T_ASSERT(admin_audit(&dc, &ap) == RES_OK);
	T_ASSERT(ap.n >= 1);
	T_STREQ(ap.rows[0].action, "user.role");
	T_STREQ(ap.rows[0].detail, "learner -> chair");
	teardown();
}

/*
 * The slow step apart (account.h, crypto.h): each function answers
 * RES_PENDING with the step described and nothing written, then finishes
 * once the step has run; a password changed while the step ran fails
 * the login; a hash made with older limits is made again at login.
 */
static void
test_two_steps(void)
{
	struct form_errors	 fe;
	struct pw_work		 w, w2;
	struct user_row		 u;
	struct user		*usr;
	char			 tok[TOKEN_LEN + 1], old[PW_HASH_MAX];
	int64_t			 n, id;

	setup(0);
	if (dc.db == NULL) {
		teardown();
		return;
	}
	memset(&fe, 0, sizeof(fe));
	memset(&w, 0, sizeof(w));
	T_ASSERT(account_register(&dc, "fay@example.org", "Fay",
	    "violet kettle ridge", &w, &fe) == RES_PENDING);
	T_ASSERT(w.state == PW_READY && w.new_pw != NULL);
	T_ASSERT(store_request_count(dc.db, &n) == STORE_OK && n == 0);
	pw_work_run(&w);
	T_ASSERT(w.state == PW_DONE && w.hashed);
	T_ASSERT(account_register(&dc, "fay@example.org", "Fay",
	    "violet kettle ridge", &w, &fe) == RES_OK);
	pw_work_clear(&w);
	T_ASSERT(store_request_count(dc.db, &n) == STORE_OK && n == 1);
	T_ASSERT(account_requests_run(&dc, 10) == 1);
	T_ASSERT(account_verify(&dc, last_link("/verify?token=")) == RES_OK);

	/* Log in in two steps. */
	T_ASSERT(account_login(&dc, "fay@example.org", "violet kettle ridge",
	    &w, tok, &fe) == RES_PENDING);
	T_ASSERT(w.verify_pw != NULL && w.new_pw == NULL);
	pw_work_run(&w);
	T_ASSERT(account_login(&dc, "fay@example.org", "violet kettle ridge",
	    &w, tok, &fe) == RES_OK);
	pw_work_clear(&w);
	T_ASSERT(account_session(&dc, tok, &usr) == RES_OK);

	/* The password changes while the step runs: the attempt fails. */
	T_ASSERT(account_login(&dc, "fay@example.org", "violet kettle ridge",
	    &w, tok, &fe) == RES_PENDING);
	pw_work_run(&w);
	memset(&u, 0, sizeof(u));
	T_ASSERT(store_user_by_email(dc.db, dc.a, "fay@example.org", &u) ==
	    STORE_OK);
	T_ASSERT(password_hash("a different passphrase", old,
	    sizeof(old)) == 0);
	T_ASSERT(store_user_set_password(dc.db, u.id, old, dc.now) ==
	    STORE_OK);
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(account_login(&dc, "fay@example.org", "violet kettle ridge",
	    &w, tok, &fe) == RES_PENDING);
	T_ASSERT(w.state == PW_READY && w.again && w.new_pw == NULL);
	T_ASSERT(strcmp(w.verify_hash, old) == 0);
	pw_work_run(&w);
	T_ASSERT(account_login(&dc, "fay@example.org", "violet kettle ridge",
	    &w, tok, &fe) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "password") != NULL);
	pw_work_clear(&w);

	/* A hash of the old limits (libsodium's interactive: 64 MiB) is
	 * made again with today's at the first login. */
	T_ASSERT(crypto_pwhash_str_alg(old, "an older passphrase", 19,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE,
	    crypto_pwhash_ALG_ARGON2ID13) == 0);
	T_ASSERT(password_needs_rehash(old));
	memset(&u, 0, sizeof(u));
	u.email = "gil@example.org";
	u.display_name = "Gil";
	u.password_hash = old;
	u.role = "learner";
	u.language = "";
	u.country = "";
	u.verified_at = dc.now;
	T_ASSERT(store_user_insert(dc.db, &u, dc.now, &id) == STORE_OK);
	/* Two logins at once: both checked the old hash; the first makes it
	 * again, and the second, finding it moved, checks the new one. */
	memset(&fe, 0, sizeof(fe));
	memset(&w2, 0, sizeof(w2));
	T_ASSERT(account_login(&dc, "gil@example.org", "an older passphrase",
	    &w, tok, &fe) == RES_PENDING);
	T_ASSERT(account_login(&dc, "gil@example.org", "an older passphrase",
	    &w2, tok, &fe) == RES_PENDING);
	T_ASSERT(w.new_pw != NULL);
	pw_work_run(&w);
	pw_work_run(&w2);
	T_ASSERT(w.verified && w.hashed);
	T_ASSERT(account_login(&dc, "gil@example.org", "an older passphrase",
	    &w, tok, &fe) == RES_OK);
	pw_work_clear(&w);
	T_ASSERT(account_login(&dc, "gil@example.org", "an older passphrase",
	    &w2, tok, &fe) == RES_PENDING);
	T_ASSERT(w2.again && w2.new_pw == NULL);
	pw_work_run(&w2);
	T_ASSERT(account_login(&dc, "gil@example.org", "an older passphrase",
	    &w2, tok, &fe) == RES_OK);
	T_ASSERT(fe.n == 0);
	pw_work_clear(&w2);
	memset(&u, 0, sizeof(u));
	T_ASSERT(store_user_by_email(dc.db, dc.a, "gil@example.org", &u) ==
	    STORE_OK);
	T_ASSERT(!password_needs_rehash(u.password_hash));
	T_ASSERT(password_verify(u.password_hash, "an older passphrase"));
	teardown();
}

int
main(void)
{
	char	err[256];

	if (crypto_setup() == -1 || i18n_load("build/locale", err,
	    sizeof(err)) == -1 ||
	    password_list_load("data/common-passwords.txt") < 100) {
		printf("setup failed\n");
		return (1);
	}
	T_RUN(test_checks);
	T_RUN(test_shapes);
	T_RUN(test_hmac);
	T_RUN(test_policy);
	T_RUN(test_mail_fill);
	T_RUN(test_journey_sqlite);
	if (t_have_pg())
		T_RUN(test_journey_pg);
	else
		T_SKIPPED("test_journey_pg", "ETHICA_TEST_PG unset");
	T_RUN(test_tokens_die_sqlite);
	if (getenv("ETHICA_TEST_PG") != NULL)
		T_RUN(test_tokens_die_pg);
	else
		T_SKIPPED("test_tokens_die_pg", "ETHICA_TEST_PG unset");
	T_RUN(test_requests_alike_sqlite);
	if (getenv("ETHICA_TEST_PG") != NULL)
		T_RUN(test_requests_alike_pg);
	else
		T_SKIPPED("test_requests_alike_pg", "ETHICA_TEST_PG unset");
	T_RUN(test_roles);
	T_RUN(test_two_steps);
	return (t_done());
}
