/*
 * jwt.h: JSON Web Tokens in compact serialisation, signed with EdDSA over
 * Ed25519 (RFC 8037) using libsodium, and base64url without padding. The
 * caller builds the JSON (lib/json.h); this file only encodes, signs,
 * splits and verifies. It never trusts a token's header to pick a key or
 * an algorithm: the caller names the key, and only "EdDSA" is accepted.
 */
#ifndef ETHICA_JWT_H
#define ETHICA_JWT_H

#include <stddef.h>

struct arena;

#define JWT_PK_LEN	32	/* Ed25519 public key */
#define JWT_SK_LEN	64	/* libsodium secret key (seed + public) */
#define JWT_SEED_LEN	32

/* base64url of len bytes, no padding, in arena memory. */
char	*b64url_encode(struct arena *, const void *, size_t len);
/* Decodes base64url (no padding, no spaces) into arena memory with a NUL
 * after the bytes; returns 0, or -1 on any bad character. */
int	 b64url_decode(struct arena *, const char *s, size_t slen,
	    unsigned char **out, size_t *outlen);

/*
 * Signs payload_json as a compact JWS with the protected header
 * {"alg":"EdDSA","kid":kid,"typ":typ}. Returns "h.p.s" in arena memory;
 * sk is borrowed.
 */
char	*jwt_sign(struct arena *, const char *kid, const char *typ,
	    const char *payload_json, const unsigned char sk[JWT_SK_LEN]);

/*
 * Verifies a compact JWS against the public key pk: three base64url
 * parts, a header whose alg is EdDSA, and a valid Ed25519 signature over
 * "header.payload". On success returns 0 and, when non-NULL, sets
 * *header and *payload to the decoded JSON texts (arena memory); any
 * failure returns -1.
 */
int	 jwt_verify(struct arena *, const char *jwt,
	    const unsigned char pk[JWT_PK_LEN], char **header, char **payload);

/* The kid of a token's header (arena memory), or NULL. Unverified: use
 * it only to choose which key to verify with. */
char	*jwt_kid(struct arena *, const char *jwt);

#endif
