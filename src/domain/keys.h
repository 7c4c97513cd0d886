/*
 * keys.h: the Ed25519 keys that sign certificates. Keys live in the
 * database (table signing_keys) so that every server node signs with the
 * same key and publishes the same JWKS. The first key is made on first
 * need; `ethica keys rotate` makes a new active key and keeps the old
 * ones, still published, so certificates signed with them verify.
 * The kid is the RFC 7638 JWK thumbprint of the public key.
 */
#ifndef ETHICA_KEYS_H
#define ETHICA_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "domain/dctx.h"
#include "domain/jwt.h"
#include "domain/result.h"

struct signing_key {
	char		*kid;		/* arena memory */
	char		*x;		/* public key, base64url */
	unsigned char	 pk[JWT_PK_LEN];
	unsigned char	 sk[JWT_SK_LEN];	/* zero unless with_secret */
	int		 active;
	int64_t		 created_at;
	int64_t		 retired_at;
};

/*
 * The active key with its secret, made and stored on first need (safe
 * when several nodes race: one key wins, all use it). Works inside or
 * outside a transaction. RES_OK or RES_INTERNAL.
 */
enum result	keys_active(struct dctx *, struct signing_key *);
/* The public key kid (active or retired; not NULL); RES_NOT_FOUND when
 * unknown. */
enum result	keys_public(struct dctx *, const char *kid,
		    struct signing_key *);
/* Makes a new active key and retires the current one (which stays
 * published). For the operator CLI; runs its own transaction. */
enum result	keys_rotate(struct dctx *, struct signing_key *new_key);
/* Every key, newest first, public parts only. */
enum result	keys_list(struct dctx *, struct signing_key **, size_t *);
/* The JWKS document {"keys":[...]} of every key (arena memory); makes
 * the first key when there is none yet. NULL on storage failure. */
char		*keys_jwks(struct dctx *);

#endif
