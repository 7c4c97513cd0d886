/*
 * test_certificate.c: certificates on SQLite and (with ETHICA_TEST_PG) on
 * PostgreSQL: issue once, the credential's Open Badges 3.0 fields, a
 * learner name with quotes, newlines and Unicode escaped in the JSON,
 * server-side verification (and failure once the stored JWT is altered),
 * key rotation keeping old certificates verifiable and the JWKS listing
 * both keys, revocation (admin only, reason required, once), the status
 * list bit, the per-user list and its permission, the QR path, and the
 * frames of the three published documents to the byte.
 */
#include <sodium.h>
#include <zlib.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "domain/certificate.h"
#include "domain/jwt.h"
#include "domain/keys.h"
#include "domain/qr.h"
#include "lib/mem.h"
#include "store/db.h"
#include "store/st_certificates.h"
#include "store/store.h"
#include "t.h"
#include "tstore.h"

static struct db	*db;
static struct dctx	 dc;
static struct user	 learner, admin, other;
static const char	*backend;

static const struct cert_course course = {
	"ethics-101", "Ethics of AI", "Completion of the course.",
	"Complete all 4 required lessons of the course."
};

static int64_t	 add_user(const char *, const char *, const char *);
static char	*payload_of(const char *);
static int	 status_bit(int64_t);
static void	 as(struct user *);

static int64_t
add_user(const char *email, const char *name, const char *role)
{
	struct user_row	u;
	int64_t		id = 0;

	memset(&u, 0, sizeof(u));
	u.email = (char *)email;
	u.display_name = (char *)name;
	u.password_hash = "x";
	u.role = (char *)role;
	u.language = "";
	u.country = "";
	if (store_user_insert(db, &u, 1000, &id) != STORE_OK)
		printf("  user insert failed: %s\n", db_errmsg(db));
	if (store_user_set_role(db, id, role, 1000) != STORE_OK)
		printf("  set role failed\n");
	return (id);
}

static void
as(struct user *u)
{
	dc.user = u;
}

/* The decoded payload of a JWT (unverified). */
static char *
payload_of(const char *jwt)
{
	const char	*d1, *d2;
	unsigned char	*p;
	size_t		 n;

	if ((d1 = strchr(jwt, '.')) == NULL ||
	    (d2 = strchr(d1 + 1, '.')) == NULL)
		return (NULL);
	if (b64url_decode(dc.a, d1 + 1, (size_t)(d2 - d1 - 1), &p, &n) == -1)
		return (NULL);
	return ((char *)p);
}

/* The bit at idx of the signed status list: 0, 1, or -1 on error. */
static int
status_bit(int64_t idx)
{
	struct signing_key	 k;
	char			*jwt, *p, *enc, *end, *kid;
	unsigned char		*gz, bits[CERT_STATUS_BITS / 8];
	size_t			 n;
	z_stream		 z;
	int			 ok;

	if ((jwt = certificate_status_list(&dc)) == NULL)
		return (-1);
	kid = jwt_kid(dc.a, jwt);
	if (kid == NULL || keys_public(&dc, kid, &k) != RES_OK ||
	    jwt_verify(dc.a, jwt, k.pk, NULL, &p) != 0)
		return (-1);
	if (strstr(p, "\"type\":\"BitstringStatusList\"") == NULL ||
	    strstr(p, "\"statusPurpose\":\"revocation\"") == NULL ||
	    (enc = strstr(p, "\"encodedList\":\"u")) == NULL)
		return (-1);
	enc += strlen("\"encodedList\":\"u");
	if ((end = strchr(enc, '"')) == NULL ||
	    b64url_decode(dc.a, enc, (size_t)(end - enc), &gz, &n) == -1)
		return (-1);
	if (n < 2 || gz[0] != 0x1f || gz[1] != 0x8b)	/* GZIP magic */
		return (-1);
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 15 + 16) != Z_OK)
		return (-1);
	z.next_in = gz;
	z.avail_in = (uInt)n;
	z.next_out = bits;
	z.avail_out = sizeof(bits);
	ok = inflate(&z, Z_FINISH) == Z_STREAM_END && z.total_out ==
	    sizeof(bits);
	inflateEnd(&z);
	if (!ok)
		return (-1);
	return ((bits[idx / 8] >> (7 - idx % 8)) & 1);
}

static void
test_issue_once(void)
{
	struct certificate	c1, c2;
	char			*p;

	T_ASSERT(certificate_issue(&dc, learner.id, &course, &c1) == RES_OK);
	T_ASSERT(strlen(c1.r.slug) == CERT_SLUG_LEN);
	T_ASSERT(c1.r.status_index >= 0 &&
	    c1.r.status_index < CERT_STATUS_BITS);
	T_STREQ(c1.r.learner_name, learner.display_name);
	dc.now += 50;
	T_ASSERT(certificate_issue(&dc, learner.id, &course, &c2) == RES_OK);
	T_STREQ(c2.r.slug, c1.r.slug);
	T_STREQ(c2.r.jwt, c1.r.jwt);
	T_ASSERT(c2.r.issued_at == c1.r.issued_at);
	/* unknown user, empty course */
	T_ASSERT(certificate_issue(&dc, 999999, &course, NULL) ==
	    RES_NOT_FOUND);
	{
		struct cert_course	bad = course;

		bad.title = "";
		T_ASSERT(certificate_issue(&dc, learner.id, &bad, NULL) ==
		    RES_INVALID);
	}
	p = payload_of(c1.r.jwt);
	T_CONTAINS(p, "\"@context\":[\"https://www.w3.org/ns/credentials/v2\","
	    "\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\"]");
	T_CONTAINS(p, "\"type\":[\"VerifiableCredential\","
	    "\"OpenBadgeCredential\"]");
	T_CONTAINS(p, arena_printf(dc.a, "\"id\":\"https://ethica.example/"
	    "certificates/%s\"", c1.r.slug));
	T_CONTAINS(p, "\"issuer\":{\"id\":\"https://ethica.example/issuer\","
	    "\"type\":[\"Profile\"],\"name\":\"Ethica\"");
	T_CONTAINS(p, "\"validFrom\":\"");
	T_CONTAINS(p, "\"type\":[\"AchievementSubject\"]");
	T_CONTAINS(p, "\"achievement\":{\"id\":\"https://ethica.example/"
	    "courses/ethics-101#achievement\",\"type\":[\"Achievement\"]");
	T_CONTAINS(p, "\"criteria\":{\"narrative\":\"Complete all 4");
	T_CONTAINS(p, "\"type\":\"BitstringStatusListEntry\"");
	T_CONTAINS(p, "\"statusListCredential\":\"https://ethica.example/"
	    "certificates/status-list\"");
	T_CONTAINS(p, "\"iss\":\"https://ethica.example/issuer\"");
	T_CONTAINS(p, "\"nbf\":");
	/* the name: quotes, newline, Unicode, '<' escaped, valid JSON */
	T_CONTAINS(p, "\"identityHash\":\"Zoë \\\"Q\\\" 김\\n\\u003cb\\u003e\"");
}

static void
test_verify(void)
{
	struct certificate	 c, g;
	struct db_stmt		*s;
	char			*bad;

	T_ASSERT(certificate_issue(&dc, learner.id, &course, &c) == RES_OK);
	as(NULL);
	T_ASSERT(certificate_get(&dc, c.r.slug, &g) == RES_OK);
	T_ASSERT(g.verified == 1);
	T_ASSERT(g.r.revoked_at == 0);
	T_STREQ(g.r.course_title, "Ethics of AI");
	T_ASSERT(certificate_get(&dc, "AAAAAAAAAAAAAAAAAAAAAA", &g) ==
	    RES_NOT_FOUND);
	T_ASSERT(certificate_get(&dc, "../etc", &g) == RES_NOT_FOUND);
	T_ASSERT(certificate_get(&dc, "", &g) == RES_NOT_FOUND);
	/* the stored JWT altered by one byte: no longer verified */
	bad = arena_strdup(dc.a, c.r.jwt);
	bad[strlen(bad) / 2] = bad[strlen(bad) / 2] == 'x' ? 'y' : 'x';
	s = db_prepare(db, "UPDATE certificates SET jwt = $1 WHERE slug = $2");
	db_bind_text(s, 1, bad);
	db_bind_text(s, 2, c.r.slug);
	T_ASSERT(db_step(s) == DB_DONE);
	db_reset(s);
	T_ASSERT(certificate_get(&dc, c.r.slug, &g) == RES_OK);
	T_ASSERT(g.verified == 0);
	s = db_prepare(db, "UPDATE certificates SET jwt = $1 WHERE slug = $2");
	db_bind_text(s, 1, c.r.jwt);
	db_bind_text(s, 2, c.r.slug);
	T_ASSERT(db_step(s) == DB_DONE);
	db_reset(s);
	T_ASSERT(certificate_get(&dc, c.r.slug, &g) == RES_OK && g.verified);
}

static void
test_rotation(void)
{
	struct certificate	 old, fresh, g;
	struct signing_key	 k1, k2, *keys;
	struct cert_course	 c2 = course;
	char			*jwks;
	size_t			 n;

	T_ASSERT(certificate_issue(&dc, learner.id, &course, &old) == RES_OK);
	T_ASSERT(keys_active(&dc, &k1) == RES_OK);
	T_STREQ(k1.kid, old.r.kid);
	T_ASSERT(keys_rotate(&dc, &k2) == RES_OK);
	T_ASSERT(strcmp(k1.kid, k2.kid) != 0);
	T_ASSERT(keys_active(&dc, &k1) == RES_OK);
	T_STREQ(k1.kid, k2.kid);
	c2.slug = "second-course";
	T_ASSERT(certificate_issue(&dc, learner.id, &c2, &fresh) == RES_OK);
	T_STREQ(fresh.r.kid, k2.kid);
	T_ASSERT(certificate_get(&dc, old.r.slug, &g) == RES_OK && g.verified);
	T_ASSERT(certificate_get(&dc, fresh.r.slug, &g) == RES_OK &&
	    g.verified);
	T_ASSERT(keys_list(&dc, &keys, &n) == RES_OK);
	T_ASSERT(n == 2);
	jwks = keys_jwks(&dc);
	T_CONTAINS(jwks, old.r.kid);
	T_CONTAINS(jwks, fresh.r.kid);
	T_CONTAINS(jwks, "\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"");
	T_CONTAINS(jwks, "\"alg\":\"EdDSA\"");
	T_ASSERT(strstr(jwks, "secret") == NULL && strstr(jwks, "\"d\"") ==
	    NULL);
}

static void
test_revoke(void)
{
	struct certificate	 c, g;
	struct form_errors	 fe;

	T_ASSERT(certificate_issue(&dc, learner.id, &course, &c) == RES_OK);
	T_ASSERT(status_bit(c.r.status_index) == 0);
	memset(&fe, 0, sizeof(fe));
	as(&learner);
	T_ASSERT(certificate_revoke(&dc, c.r.slug, "mine", &fe) ==
	    RES_FORBIDDEN);
	as(NULL);
	T_ASSERT(certificate_revoke(&dc, c.r.slug, "anon", &fe) ==
	    RES_FORBIDDEN);
	as(&admin);
	T_ASSERT(certificate_revoke(&dc, c.r.slug, "   ", &fe) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "reason") != NULL);
	T_ASSERT(certificate_revoke(&dc, "AAAAAAAAAAAAAAAAAAAAAA", "x", &fe)
	    == RES_NOT_FOUND);
	T_ASSERT(status_bit(c.r.status_index) == 0);
	T_ASSERT(certificate_revoke(&dc, c.r.slug, " Plagiarised quiz. ", &fe)
	    == RES_OK);
	T_ASSERT(certificate_revoke(&dc, c.r.slug, "again", &fe) ==
	    RES_CONFLICT);
	T_ASSERT(certificate_get(&dc, c.r.slug, &g) == RES_OK);
	T_ASSERT(g.r.revoked_at == dc.now);
	T_STREQ(g.r.revoked_reason, "Plagiarised quiz.");
	T_ASSERT(g.verified);	/* the signature itself is still good */
	T_ASSERT(status_bit(c.r.status_index) == 1);
	/* another index stays 0 */
	T_ASSERT(status_bit((c.r.status_index + 1) % CERT_STATUS_BITS) == 0);
}

static void
test_list(void)
{
	struct certificate	*cs;
	size_t			 n;

	as(&learner);
	T_ASSERT(certificate_list_for_user(&dc, learner.id, &cs, &n) ==
	    RES_OK);
	T_ASSERT(n == 2);
	T_ASSERT(certificate_list_for_user(&dc, other.id, &cs, &n) ==
	    RES_FORBIDDEN);
	as(&other);
	T_ASSERT(certificate_list_for_user(&dc, learner.id, &cs, &n) ==
	    RES_FORBIDDEN);
	T_ASSERT(certificate_list_for_user(&dc, other.id, &cs, &n) == RES_OK);
	T_ASSERT(n == 0);
	as(NULL);
	T_ASSERT(certificate_list_for_user(&dc, learner.id, &cs, &n) ==
	    RES_FORBIDDEN);
	as(&admin);
	T_ASSERT(certificate_list_for_user(&dc, learner.id, &cs, &n) ==
	    RES_OK && n == 2);
}

static void
test_in_caller_tx(void)
{
	struct cert_course	c3 = course;
	struct certificate	c;

	c3.slug = "third";
	T_ASSERT(store_begin(db) == STORE_OK);
	T_ASSERT(certificate_issue(&dc, other.id, &c3, &c) == RES_OK);
	T_ASSERT(store_rollback(db) == STORE_OK);
	as(&other);
	T_ASSERT(certificate_get(&dc, c.r.slug, &c) == RES_NOT_FOUND);
	T_ASSERT(store_begin(db) == STORE_OK);
	T_ASSERT(certificate_issue(&dc, other.id, &c3, &c) == RES_OK);
	T_ASSERT(store_commit(db) == STORE_OK);
	T_ASSERT(certificate_get(&dc, c.r.slug, &c) == RES_OK && c.verified);
}

static void
test_qr(void)
{
	char	*path;
	int	 size = 0;

	path = qr_svg_path(dc.a, "https://ethica.example/certificates/"
	    "AAAAAAAAAAAAAAAAAAAAAA", &size);
	T_ASSERT(path != NULL && strlen(path) > 100);
	T_ASSERT(size >= 21 + 2 * QR_QUIET);
	T_ASSERT(strspn(path, "0123456789Mhvz -") == strlen(path));
	T_ASSERT(qr_svg_path(dc.a, "", &size) == NULL);
}

/*
 * The issuer profile whole, and the head and the registered claims of the
 * credential and of the status list, byte for byte.
 */
static void
test_documents(void)
{
	struct certificate	 c;
	const char		*vc, *ob, *id;
	char			*p, *jwt, *head;

	vc = "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"";
	ob = ",\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\"]";
	T_STREQ(certificate_issuer_json(&dc), arena_printf(dc.a, "%s%s,"
	    "\"id\":\"https://ethica.example/issuer\",\"type\":[\"Profile\"],"
	    "\"name\":\"Ethica\",\"url\":\"https://ethica.example\","
	    "\"description\":\"A free global platform for AI-ethics education "
	    "built on the UNESCO Recommendation on the Ethics of Artificial "
	    "Intelligence.\"}", vc, ob));

	T_ASSERT(certificate_issue(&dc, other.id, &course, &c) == RES_OK);
	id = arena_printf(dc.a, "https://ethica.example/certificates/%s",
	    c.r.slug);
	p = payload_of(c.r.jwt);
	head = arena_printf(dc.a, "%s%s,\"id\":\"%s\",\"type\":"
	    "[\"VerifiableCredential\",\"OpenBadgeCredential\"],"
	    "\"name\":\"Ethics of AI\",\"issuer\":{\"id\":"
	    "\"https://ethica.example/issuer\",\"type\":[\"Profile\"],"
	    "\"name\":\"Ethica\",\"url\":\"https://ethica.example\"},"
	    "\"validFrom\":\"", vc, ob, id);
	T_ASSERT(p != NULL && strncmp(p, head, strlen(head)) == 0);
	T_CONTAINS(p, arena_printf(dc.a, "\"statusListCredential\":"
	    "\"https://ethica.example/certificates/status-list\"},"
	    "\"iss\":\"https://ethica.example/issuer\",\"jti\":\"%s\","
	    "\"nbf\":%lld,\"iat\":%lld}", id, (long long)c.r.issued_at,
	    (long long)c.r.issued_at));

	T_ASSERT((jwt = certificate_status_list(&dc)) != NULL);
	p = payload_of(jwt);
	id = "https://ethica.example/certificates/status-list";
	head = arena_printf(dc.a, "%s],\"id\":\"%s\",\"type\":"
	    "[\"VerifiableCredential\",\"BitstringStatusListCredential\"],"
	    "\"issuer\":\"https://ethica.example/issuer\","
	    "\"validFrom\":\"%s\",\"credentialSubject\":{\"id\":"
	    "\"%s#list\",", vc, id, certificate_iso_date(&dc, dc.now), id);
	T_ASSERT(p != NULL && strncmp(p, head, strlen(head)) == 0);
	T_CONTAINS(p, arena_printf(dc.a, "\"},\"iss\":"
	    "\"https://ethica.example/issuer\",\"jti\":\"%s\","
	    "\"nbf\":%lld,\"iat\":%lld}", id, (long long)dc.now,
	    (long long)dc.now));
}

static void
run_backend(int pg)
{
	if ((db = tstore_open(pg)) == NULL) {
		if (pg && !t_have_pg())
			T_SKIPPED("PostgreSQL backend (8 tests)",
			    "ETHICA_TEST_PG unset");
		else {
			printf("FAIL %s store\n", pg ? "PostgreSQL" : "SQLite");
			t_failed++;
		}
		return;
	}
	backend = pg ? "pg" : "sqlite";
	printf("# %s\n", backend);
	memset(&dc, 0, sizeof(dc));
	dc.db = db;
	dc.a = arena_new();
	dc.now = 1767225600;	/* 2026-01-01 */
	dc.public_url = "https://ethica.example";
	memset(&learner, 0, sizeof(learner));
	learner.display_name = "Zoë \"Q\" 김\n<b>";
	learner.role = "learner";
	learner.verified = admin.verified = other.verified = 1;
	learner.id = add_user("l@x.example", learner.display_name, "learner");
	admin.display_name = "Admin";
	admin.role = "admin";
	admin.id = add_user("a@x.example", "Admin", "admin");
	other.display_name = "Other";
	other.role = "learner";
	other.id = add_user("o@x.example", "Other", "learner");
	T_RUN(test_issue_once);
	T_RUN(test_verify);
	T_RUN(test_rotation);
	T_RUN(test_revoke);
	T_RUN(test_list);
	T_RUN(test_in_caller_tx);
	T_RUN(test_qr);
	T_RUN(test_documents);
	arena_free(dc.a);
	tstore_close(db);
}

int
main(void)
{
	if (sodium_init() < 0)
		return (1);
	run_backend(0);
	run_backend(1);
	return (t_done());
}
