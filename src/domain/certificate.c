/*
 * certificate.c: issuing, reading, verifying and revoking certificates,
 * and the documents verifiers fetch: the issuer profile and the status
 * list (see certificate.h). The credential JSON is built here with the
 * JSON writer; nothing else in the tree writes credential text.
 */
#include <sodium.h>
#include <zlib.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/audit.h"
#include "domain/certificate.h"
#include "domain/jwt.h"
#include "domain/keys.h"
#include "domain/policy.h"
#include "domain/validate.h"
#include "lib/buf.h"
#include "lib/json.h"
#include "lib/mem.h"
#include "store/st_certificates.h"
#include "store/store.h"
#include "web/i18n.h"

#define ISSUER_NAME	"Ethica"
#define CTX_VC2		"https://www.w3.org/ns/credentials/v2"
#define CTX_OB3		"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

static void	 from_row(struct dctx *, const struct cert_row *,
		    struct certificate *);
static void	 doc_open(struct json *, int ob3, const char *id,
		    const char *type, const char *type2);
static void	 doc_close(struct dctx *, struct json *, const char *id,
		    int64_t at);
static void	 kv_types(struct json *, const char *, const char *);
static void	 issuer_fields(struct dctx *, struct json *);
static void	 issuer_profile(struct dctx *, struct json *);
static char	*credential_json(struct dctx *, const struct cert_row *);
static char	*random_slug(struct dctx *);
static int	 pick_index(struct dctx *, int64_t *);
static enum result issue_rows(struct dctx *, int64_t user_id,
		    const struct cert_course *, struct cert_row *);
static char	*gzip_b64(struct dctx *, const unsigned char *, size_t);
static int	 slug_ok(const char *);

char *
certificate_iso_date(struct dctx *dc, int64_t t)
{
	struct tm	tm;
	time_t		tt = (time_t)t;
	char		out[32];

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(out, sizeof(out), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return (arena_strdup(dc->a, "1970-01-01T00:00:00Z"));
	return (arena_strdup(dc->a, out));
}

static void
from_row(struct dctx *dc, const struct cert_row *r, struct certificate *c)
{
	memset(c, 0, sizeof(*c));
	c->r = *r;
	c->url = arena_printf(dc->a, "%s/certificates/%s", dc->public_url,
	    r->slug);
}

/* The member "type": [type, type2], type2 left out when NULL. */
static void
kv_types(struct json *j, const char *type, const char *type2)
{
	json_key(j, "type");
	json_arr_open(j);
	json_str(j, type);
	if (type2 != NULL)
		json_str(j, type2);
	json_arr_close(j);
}

/*
 * Opens a published document's object: its @context (Verifiable
 * Credentials 2.0, and Open Badges 3.0 when ob3), id and type.
 */
static void
doc_open(struct json *j, int ob3, const char *id, const char *type,
    const char *type2)
{
	json_obj_open(j);
	json_key(j, "@context");
	json_arr_open(j);
	json_str(j, CTX_VC2);
	if (ob3)
		json_str(j, CTX_OB3);
	json_arr_close(j);
	json_kv_str(j, "id", id);
	kv_types(j, type, type2);
}

/* Closes a credential with its JWT registered claims (VC-JWT): we issued
 * it, id is its jti, valid from and issued at at. */
static void
doc_close(struct dctx *dc, struct json *j, const char *id, int64_t at)
{
	json_kv_str(j, "iss", arena_printf(dc->a, "%s/issuer",
	    dc->public_url));
	json_kv_str(j, "jti", id);
	json_kv_int(j, "nbf", at);
	json_kv_int(j, "iat", at);
	json_obj_close(j);
}

/* The issuer Profile's members after id and type: name and url. */
static void
issuer_fields(struct dctx *dc, struct json *j)
{
	json_kv_str(j, "name", ISSUER_NAME);
	json_kv_str(j, "url", dc->public_url);
}

/* The issuer Profile object, written as the next value of j. */
static void
issuer_profile(struct dctx *dc, struct json *j)
{
	json_obj_open(j);
	json_kv_str(j, "id", arena_printf(dc->a, "%s/issuer",
	    dc->public_url));
	kv_types(j, "Profile", NULL);
	issuer_fields(dc, j);
	json_obj_close(j);
}

char *
certificate_issuer_json(struct dctx *dc)
{
	struct buf	 b;
	struct json	 j;

	buf_init(&b);
	json_init(&j, &b);
	doc_open(&j, 1, arena_printf(dc->a, "%s/issuer", dc->public_url),
	    "Profile", NULL);
	issuer_fields(dc, &j);
	json_kv_str(&j, "description", "A free global platform for AI-ethics "
	    "education built on the UNESCO Recommendation on the Ethics of "
	    "Artificial Intelligence.");
	json_obj_close(&j);
	return (buf_to_arena(&b, dc->a));
}

/* The OpenBadgeCredential with the JWT registered claims (VC-JWT
 * payload) for a row whose slug, snapshot and status index are set. */
static char *
credential_json(struct dctx *dc, const struct cert_row *r)
{
	struct buf	 b;
	struct json	 j;
	const char	*id, *list;

	id = arena_printf(dc->a, "%s/certificates/%s", dc->public_url,
	    r->slug);
	list = arena_printf(dc->a, "%s/certificates/status-list",
	    dc->public_url);
	buf_init(&b);
	json_init(&j, &b);
	doc_open(&j, 1, id, "VerifiableCredential", "OpenBadgeCredential");
	json_kv_str(&j, "name", r->course_title);
	json_key(&j, "issuer");
	issuer_profile(dc, &j);
	json_kv_str(&j, "validFrom", certificate_iso_date(dc, r->issued_at));

	json_key(&j, "credentialSubject");
	json_obj_open(&j);
	kv_types(&j, "AchievementSubject", NULL);
	json_key(&j, "identifier");
	json_arr_open(&j);
	json_obj_open(&j);
	json_kv_str(&j, "type", "IdentityObject");
	json_kv_str(&j, "identityHash", r->learner_name);
	json_kv_str(&j, "identityType", "name");
	json_kv_bool(&j, "hashed", 0);
	json_obj_close(&j);
	json_arr_close(&j);
	json_key(&j, "achievement");
	json_obj_open(&j);
	json_kv_str(&j, "id", arena_printf(dc->a, "%s/courses/%s#achievement",
	    dc->public_url, r->course_slug));
	kv_types(&j, "Achievement", NULL);
	json_kv_str(&j, "achievementType", "Course");
	json_kv_str(&j, "name", r->course_title);
	json_kv_str(&j, "description", r->description);
	json_key(&j, "criteria");
	json_obj_open(&j);
	json_kv_str(&j, "narrative", r->criteria);
	json_obj_close(&j);
	json_obj_close(&j);	/* achievement */
	json_obj_close(&j);	/* credentialSubject */

	json_key(&j, "credentialStatus");
	json_obj_open(&j);
	json_kv_str(&j, "id", arena_printf(dc->a, "%s#%lld", list,
	    (long long)r->status_index));
	json_kv_str(&j, "type", "BitstringStatusListEntry");
	json_kv_str(&j, "statusPurpose", "revocation");
	json_kv_str(&j, "statusListIndex", arena_printf(dc->a, "%lld",
	    (long long)r->status_index));
	json_kv_str(&j, "statusListCredential", list);
	json_obj_close(&j);
	doc_close(dc, &j, id, r->issued_at);
	return (buf_to_arena(&b, dc->a));
}

static char *
random_slug(struct dctx *dc)
{
	unsigned char	r[16];

	randombytes_buf(r, sizeof(r));
	return (b64url_encode(dc->a, r, sizeof(r)));
}

/* A random status index no certificate holds. 0, or -1. */
static int
pick_index(struct dctx *dc, int64_t *out)
{
	int64_t	idx;
	int	tries, used;

	for (tries = 0; tries < 64; tries++) {
		idx = (int64_t)randombytes_uniform(CERT_STATUS_BITS);
		if (store_cert_index_used(dc->db, idx, &used) != STORE_OK)
			return (-1);
		if (!used) {
			*out = idx;
			return (0);
		}
	}
	return (-1);
}

/* The writes of certificate_issue (caller holds the transaction). */
static enum result
issue_rows(struct dctx *dc, int64_t user_id, const struct cert_course *c,
    struct cert_row *r)
{
	struct user_row		 u;
	struct signing_key	 k;
	enum result		 res;
	int64_t			 id;
	int			 tries, rc;

	switch (store_cert_by_user_course(dc->db, dc->a, user_id, c->slug,
	    r)) {
	case STORE_OK:
		return (RES_OK);
	case STORE_NOT_FOUND:
		break;
	default:
		return (RES_INTERNAL);
	}
	memset(&u, 0, sizeof(u));
	if ((res = result_from_store(store_user_by_id(dc->db, dc->a, user_id,
	    &u))) != RES_OK)
		return (res);
	if (keys_active(dc, &k) != RES_OK)
		return (RES_INTERNAL);
	for (tries = 0; tries < 4; tries++) {
		memset(r, 0, sizeof(*r));
		r->slug = random_slug(dc);
		r->user_id = user_id;
		r->course_slug = arena_strdup(dc->a, c->slug);
		r->course_title = arena_strdup(dc->a, c->title);
		r->description = arena_strdup(dc->a, c->description);
		r->criteria = arena_strdup(dc->a, c->criteria);
		r->learner_name = u.display_name;
		r->issued_at = dc->now;
		r->kid = k.kid;
		if (pick_index(dc, &r->status_index) == -1)
			break;
		r->jwt = jwt_sign(dc->a, k.kid, "vc+jwt",
		    credential_json(dc, r), k.sk);
		rc = store_cert_insert(dc->db, r, &id);
		if (rc == STORE_OK) {
			r->id = id;
			sodium_memzero(k.sk, sizeof(k.sk));
			if (audit_log(dc, 0, "certificate.issue",
			    "certificate", id, r->course_slug) == -1)
				return (RES_INTERNAL);
			return (RES_OK);
		}
		if (rc != STORE_DUPLICATE)
			break;
		/* Issued meanwhile by another request: that one stands. */
		if (store_cert_by_user_course(dc->db, dc->a, user_id, c->slug,
		    r) == STORE_OK) {
			sodium_memzero(k.sk, sizeof(k.sk));
			return (RES_OK);
		}
	}
	sodium_memzero(k.sk, sizeof(k.sk));
	return (RES_INTERNAL);
}

enum result
certificate_issue(struct dctx *dc, int64_t user_id,
    const struct cert_course *c, struct certificate *out)
{
	struct cert_row	r;
	enum result	res;
	int		own;

	if (c == NULL || c->slug == NULL || *c->slug == '\0' ||
	    c->title == NULL || *c->title == '\0' || c->criteria == NULL ||
	    c->description == NULL)
		return (RES_INVALID);
	own = !store_cert_in_tx(dc->db);
	if (own && store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	memset(&r, 0, sizeof(r));
	res = issue_rows(dc, user_id, c, &r);
	if (own) {
		if (res == RES_OK && store_commit(dc->db) != STORE_OK)
			res = RES_INTERNAL;
		if (res != RES_OK)
			(void)store_rollback(dc->db);
	}
	if (res == RES_OK && out != NULL)
		from_row(dc, &r, out);
	return (res);
}

/* 1 when s looks like one of our IDs (base64url, CERT_SLUG_LEN). */
static int
slug_ok(const char *s)
{
	return (s != NULL && strlen(s) == CERT_SLUG_LEN &&
	    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_") == CERT_SLUG_LEN);
}

enum result
certificate_get(struct dctx *dc, const char *slug, struct certificate *out)
{
	struct cert_row		 r;
	struct signing_key	 k;
	enum result		 res;
	char			*kid;

	if (!slug_ok(slug))
		return (RES_NOT_FOUND);
	memset(&r, 0, sizeof(r));
	if ((res = result_from_store(store_cert_by_slug(dc->db, dc->a, slug,
	    &r))) != RES_OK)
		return (res);
	from_row(dc, &r, out);
	kid = jwt_kid(dc->a, r.jwt);
	if (kid != NULL && strcmp(kid, r.kid) == 0 &&
	    keys_public(dc, kid, &k) == RES_OK &&
	    jwt_verify(dc->a, r.jwt, k.pk, NULL, NULL) == 0)
		out->verified = 1;
	return (RES_OK);
}

enum result
certificate_revoke(struct dctx *dc, const char *slug, const char *reason,
    struct form_errors *fe)
{
	struct cert_row	 r;
	char		*why;
	size_t		 n;
	int		 rc;

	if (!policy_can(dc->user, ACT_COURSE_ADMIN))
		return (RES_FORBIDDEN);
	if (!slug_ok(slug))
		return (RES_NOT_FOUND);
	why = reason != NULL ? str_trim(dc->a, reason) : NULL;
	n = why != NULL ? utf8_chars(why) : 0;
	if (n == 0) {
		form_error(fe, "reason", N_("Give the reason for the "
		    "revocation."));
		return (RES_INVALID);
	}
	if (n > CERT_REASON_MAX || !utf8_valid(why, strlen(why), 1)) {
		form_error(fe, "reason", N_("The reason is too long (at most "
		    "500 characters)."));
		return (RES_INVALID);
	}
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	memset(&r, 0, sizeof(r));
	rc = store_cert_by_slug(dc->db, dc->a, slug, &r);
	if (rc != STORE_OK)
		return (dctx_abort(dc, result_from_store(rc)));
	if (r.revoked_at != 0)
		return (dctx_abort(dc, RES_CONFLICT));
	if (store_cert_revoke(dc->db, r.id, dc->now, why,
	    dc->user != NULL ? dc->user->id : 0) != STORE_OK ||
	    audit_log(dc, 0, "certificate.revoke", "certificate", r.id, why)
	    == -1)
		return (dctx_abort(dc, RES_INTERNAL));
	return (dctx_commit(dc));
}

enum result
certificate_list_for_user(struct dctx *dc, int64_t user_id,
    struct certificate **out, size_t *n)
{
	struct cert_row		*rows;
	struct certificate	*certs;
	size_t			 i, k;

	if (dc->user == NULL || (dc->user->id != user_id &&
	    !policy_can(dc->user, ACT_COURSE_ADMIN)))
		return (RES_FORBIDDEN);
	if (store_cert_list_user(dc->db, dc->a, user_id, &rows, &k)
	    != STORE_OK)
		return (RES_INTERNAL);
	certs = arena_alloc(dc->a, (k + 1) * sizeof(*certs));
	for (i = 0; i < k; i++)
		from_row(dc, &rows[i], &certs[i]);
	*out = certs;
	*n = k;
	return (RES_OK);
}

/* GZIP of data, as multibase base64url ("u" + base64url, no padding). */
static char *
gzip_b64(struct dctx *dc, const unsigned char *data, size_t len)
{
	z_stream	 z;
	unsigned char	*out;
	size_t		 cap;
	char		*res = NULL;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return (NULL);
	cap = deflateBound(&z, len) + 32;
	out = xmalloc(cap);
	z.next_in = (unsigned char *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) == Z_STREAM_END)
		res = arena_printf(dc->a, "u%s", b64url_encode(dc->a, out,
		    z.total_out));
	(void)deflateEnd(&z);
	free(out);
	return (res);
}

char *
certificate_status_list(struct dctx *dc)
{
	struct signing_key	 k;
	struct buf		 b;
	struct json		 j;
	unsigned char		*bits;
	int64_t			*idx;
	size_t			 i, n;
	const char		*id;
	char			*enc, *out = NULL;

	if (store_cert_revoked_indexes(dc->db, dc->a, &idx, &n) != STORE_OK)
		return (NULL);
	bits = arena_alloc(dc->a, CERT_STATUS_BITS / 8);
	for (i = 0; i < n; i++) {
		if (idx[i] >= 0 && idx[i] < CERT_STATUS_BITS)
			bits[idx[i] / 8] |= (unsigned char)(0x80 >>
			    (idx[i] % 8));
	}
	if ((enc = gzip_b64(dc, bits, CERT_STATUS_BITS / 8)) == NULL)
		return (NULL);
	if (keys_active(dc, &k) != RES_OK)
		return (NULL);
	id = arena_printf(dc->a, "%s/certificates/status-list",
	    dc->public_url);
	buf_init(&b);
	json_init(&j, &b);
	doc_open(&j, 0, id, "VerifiableCredential",
	    "BitstringStatusListCredential");
	json_kv_str(&j, "issuer", arena_printf(dc->a, "%s/issuer",
	    dc->public_url));
	json_kv_str(&j, "validFrom", certificate_iso_date(dc, dc->now));
	json_key(&j, "credentialSubject");
	json_obj_open(&j);
	json_kv_str(&j, "id", arena_printf(dc->a, "%s#list", id));
	json_kv_str(&j, "type", "BitstringStatusList");
	json_kv_str(&j, "statusPurpose", "revocation");
	json_kv_str(&j, "encodedList", enc);
	json_obj_close(&j);
	doc_close(dc, &j, id, dc->now);
	out = jwt_sign(dc->a, k.kid, "vc+jwt", b.data, k.sk);
	sodium_memzero(k.sk, sizeof(k.sk));
	buf_free(&b);
	return (out);
}
