/*
 * fuzz_jwt.c: libFuzzer target for the JWT code (jwt.c) that reads tokens
 * from outside (a certificate's .jwt, its verification page).
 *
 * The first byte picks the mode:
 *  even: the rest is a token from outside. jwt_verify() with the fixed
 *	key must refuse it unless it is exactly one of the two tokens
 *	signed in setup(); jwt_kid() returns NULL or a kid of [A-Za-z0-9_-];
 *	b64url_decode() of each dot-separated part, when it succeeds, must
 *	encode back to the same text (one spelling per value: no token
 *	malleability).
 *  odd: the rest is "kid\0payload\0n": signs payload with kid, then
 *	verify must accept it and give the payload back, jwt_kid() must give
 *	the kid back when it is of the kid alphabet, and the token with byte
 *	n changed must be refused.
 * Build and run: `make fuzz` (tests/fuzz/build.sh); the corpus replay in
 * make test: tests/fuzz/replay.sh.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "domain/jwt.h"
#include "lib/mem.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static unsigned char	pk[JWT_PK_LEN], sk[JWT_SK_LEN];
static char		*good[2];	/* the tokens we signed */
static struct arena	*keep;

static void	setup(void);
static void	outside(struct arena *, const char *);
static void	roundtrip(struct arena *, const char *, size_t);

static void
setup(void)
{
	unsigned char	seed[JWT_SEED_LEN];

	if (keep != NULL)
		return;
	if (sodium_init() < 0)
		abort();
	memset(seed, 7, sizeof(seed));
	crypto_sign_seed_keypair(pk, sk, seed);
	keep = arena_new();
	good[0] = jwt_sign(keep, "k1", "JWT", "{\"sub\":\"x\"}", sk);
	good[1] = jwt_sign(keep, "2026-01", "JWT", "{\"iss\":\"https://"
	    "ethica.example\",\"vc\":{\"type\":[\"VerifiableCredential\"]}}",
	    sk);
}

static void
outside(struct arena *a, const char *tok)
{
	const char	*p, *dot, *k;
	unsigned char	*bin;
	size_t		 binlen;
	char		*hdr, *pl, *kid, *back;

	if (jwt_verify(a, tok, pk, &hdr, &pl) == 0 &&
	    strcmp(tok, good[0]) != 0 && strcmp(tok, good[1]) != 0)
		abort();			/* a token we never signed */
	if ((kid = jwt_kid(a, tok)) != NULL) {
		if (*kid == '\0')
			abort();
		for (k = kid; *k != '\0'; k++)
			if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
			    "qrstuvwxyz0123456789-_", *k) == NULL)
				abort();
	}
	for (p = tok; ; p = dot + 1) {
		if ((dot = strchr(p, '.')) == NULL)
			dot = p + strlen(p);
		if (b64url_decode(a, p, (size_t)(dot - p), &bin, &binlen) == 0) {
			back = b64url_encode(a, bin, binlen);
			if (strlen(back) != (size_t)(dot - p) ||
			    memcmp(back, p, (size_t)(dot - p)) != 0)
				abort();	/* two spellings, one value */
		}
		if (*dot == '\0')
			break;
	}
}

static void
roundtrip(struct arena *a, const char *data, size_t len)
{
	const char	*kid, *payload, *k;
	char		*tok, *pl, *hdr, *got, *bad;
	size_t		 n, at, kidlen;
	int		 kidok;

	kid = data;
	kidlen = strnlen(data, len);
	if (kidlen == len)
		return;
	payload = data + kidlen + 1;
	n = strnlen(payload, len - kidlen - 1);
	at = kidlen + 1 + n < len ? (unsigned char)payload[n + 1] * 7 : 0;
	/* jwt_sign() takes a JSON text, never empty (a JWT has no empty
	 * part: jwt_verify() refuses one). */
	if (kidlen + 1 + n == len || n == 0)
		return;
	tok = jwt_sign(a, kid, "JWT", payload, sk);
	if (jwt_verify(a, tok, pk, &hdr, &pl) != 0 || strcmp(pl, payload) != 0)
		abort();
	kidok = kidlen > 0;
	for (k = kid; *k != '\0'; k++)
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789-_", *k) == NULL)
			kidok = 0;
	got = jwt_kid(a, tok);
	if (kidok && (got == NULL || strcmp(got, kid) != 0))
		abort();
	bad = arena_strdup(a, tok);
	at %= strlen(bad);
	bad[at] = bad[at] == 'A' ? 'B' : 'A';
	if (jwt_verify(a, bad, pk, NULL, NULL) == 0)
		abort();			/* a changed token accepted */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct arena	*a;
	char		*text;

	if (len < 1 || len > 16384)
		return (0);
	setup();
	a = arena_new();
	text = xmalloc(len);
	memcpy(text, data + 1, len - 1);
	text[len - 1] = '\0';
	if ((data[0] & 1) == 0)
		outside(a, text);
	else
		roundtrip(a, text, len - 1);
	free(text);
	arena_free(a);
	return (0);
}
