/*
 * keys.c: certificate signing keys kept in the database (see keys.h).
 * Secret seeds never leave this file except inside struct signing_key
 * for jwt_sign(); nothing here prints or logs them.
 */
#include <sodium.h>

#include <string.h>

#include "domain/keys.h"
#include "lib/buf.h"
#include "lib/json.h"
#include "lib/mem.h"
#include "store/st_certificates.h"
#include "store/store.h"

static int	key_from_row(struct dctx *, const struct key_row *,
		    struct signing_key *, int with_secret);
static char	*thumbprint(struct dctx *, const char *x);
static int	key_make(struct dctx *, struct key_row *);

/* RFC 7638: SHA-256 over {"crv":"Ed25519","kty":"OKP","x":"..."}. */
static char *
thumbprint(struct dctx *dc, const char *x)
{
	struct buf	 b;
	struct json	 j;
	unsigned char	 h[crypto_hash_sha256_BYTES];

	buf_init(&b);
	json_init(&j, &b);
	json_obj_open(&j);
	json_kv_str(&j, "crv", "Ed25519");
	json_kv_str(&j, "kty", "OKP");
	json_kv_str(&j, "x", x);
	json_obj_close(&j);
	crypto_hash_sha256(h, (const unsigned char *)b.data, b.len);
	buf_free(&b);
	return (b64url_encode(dc->a, h, sizeof(h)));
}

/* A fresh key pair as a row (not stored). 0 ok. */
static int
key_make(struct dctx *dc, struct key_row *r)
{
	unsigned char	pk[JWT_PK_LEN], sk[JWT_SK_LEN], seed[JWT_SEED_LEN];

	randombytes_buf(seed, sizeof(seed));
	if (crypto_sign_seed_keypair(pk, sk, seed) != 0)
		return (-1);
	memset(r, 0, sizeof(*r));
	r->public_x = b64url_encode(dc->a, pk, sizeof(pk));
	r->secret_seed = b64url_encode(dc->a, seed, sizeof(seed));
	r->kid = thumbprint(dc, r->public_x);
	r->active = 1;
	sodium_memzero(seed, sizeof(seed));
	sodium_memzero(sk, sizeof(sk));
	return (0);
}

/* Decodes a stored row; checks that the seed gives the public key. */
static int
key_from_row(struct dctx *dc, const struct key_row *r,
    struct signing_key *k, int with_secret)
{
	unsigned char	*pk, *seed = NULL, pk2[JWT_PK_LEN];
	size_t		 pl, sl = 0;
	int		 ret = -1;

	memset(k, 0, sizeof(*k));
	if (b64url_decode(dc->a, r->public_x, strlen(r->public_x), &pk, &pl)
	    == -1 || pl != JWT_PK_LEN)
		return (-1);
	memcpy(k->pk, pk, JWT_PK_LEN);
	k->kid = r->kid;
	k->x = r->public_x;
	k->active = r->active;
	k->created_at = r->created_at;
	k->retired_at = r->retired_at;
	if (!with_secret)
		return (0);
	if (b64url_decode(dc->a, r->secret_seed, strlen(r->secret_seed),
	    &seed, &sl) == -1 || sl != JWT_SEED_LEN)
		goto out;
	if (crypto_sign_seed_keypair(pk2, k->sk, seed) != 0 ||
	    memcmp(pk2, k->pk, JWT_PK_LEN) != 0)
		goto out;
	ret = 0;
out:
	if (seed != NULL)
		sodium_memzero(seed, sl);
	if (ret == -1)
		sodium_memzero(k->sk, sizeof(k->sk));
	return (ret);
}

enum result
keys_active(struct dctx *dc, struct signing_key *k)
{
	struct key_row	r, fresh;
	int		rc;

	memset(&r, 0, sizeof(r));
	rc = store_key_get(dc->db, dc->a, NULL, &r);
	if (rc == STORE_NOT_FOUND) {
		if (key_make(dc, &fresh) == -1)
			return (RES_INTERNAL);
		/* A race with another node ends in STORE_DUPLICATE: fine,
		 * the winner's key is read below. */
		rc = store_key_insert(dc->db, &fresh, dc->now);
		if (rc != STORE_OK && rc != STORE_DUPLICATE)
			return (RES_INTERNAL);
		rc = store_key_get(dc->db, dc->a, NULL, &r);
	}
	if (rc != STORE_OK || key_from_row(dc, &r, k, 1) == -1)
		return (RES_INTERNAL);
	return (RES_OK);
}

enum result
keys_public(struct dctx *dc, const char *kid, struct signing_key *k)
{
	struct key_row	r;
	enum result	res;

	memset(&r, 0, sizeof(r));
	if ((res = result_from_store(store_key_get(dc->db, dc->a, kid,
	    &r))) != RES_OK)
		return (res);
	return (key_from_row(dc, &r, k, 0) == 0 ? RES_OK : RES_INTERNAL);
}

enum result
keys_rotate(struct dctx *dc, struct signing_key *k)
{
	struct key_row	fresh;

	if (key_make(dc, &fresh) == -1)
		return (RES_INTERNAL);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if (store_key_retire_active(dc->db, dc->now) != STORE_OK ||
	    store_key_insert(dc->db, &fresh, dc->now) != STORE_OK)
		goto fail;
	if (store_commit(dc->db) != STORE_OK)
		goto fail;
	fresh.created_at = dc->now;
	return (key_from_row(dc, &fresh, k, 0) == 0 ? RES_OK : RES_INTERNAL);
fail:
	return (dctx_abort(dc, RES_INTERNAL));
}

enum result
keys_list(struct dctx *dc, struct signing_key **out, size_t *n)
{
	struct key_row		*rows;
	struct signing_key	*keys;
	size_t			 i, nrows;

	if (store_key_list(dc->db, dc->a, &rows, &nrows) != STORE_OK)
		return (RES_INTERNAL);
	keys = arena_alloc(dc->a, (nrows + 1) * sizeof(*keys));
	for (i = 0; i < nrows; i++) {
		if (key_from_row(dc, &rows[i], &keys[i], 0) == -1)
			return (RES_INTERNAL);
	}
	*out = keys;
	*n = nrows;
	return (RES_OK);
}

char *
keys_jwks(struct dctx *dc)
{
	struct signing_key	 active, *keys;
	struct buf		 b;
	struct json		 j;
	size_t			 i, n;

	if (keys_active(dc, &active) != RES_OK)
		return (NULL);
	sodium_memzero(active.sk, sizeof(active.sk));
	if (keys_list(dc, &keys, &n) != RES_OK)
		return (NULL);
	buf_init(&b);
	json_init(&j, &b);
	json_obj_open(&j);
	json_key(&j, "keys");
	json_arr_open(&j);
	for (i = 0; i < n; i++) {
		json_obj_open(&j);
		json_kv_str(&j, "kty", "OKP");
		json_kv_str(&j, "crv", "Ed25519");
		json_kv_str(&j, "x", keys[i].x);
		json_kv_str(&j, "kid", keys[i].kid);
		json_kv_str(&j, "use", "sig");
		json_kv_str(&j, "alg", "EdDSA");
		json_obj_close(&j);
	}
	json_arr_close(&j);
	json_obj_close(&j);
	return (buf_to_arena(&b, dc->a));
}
