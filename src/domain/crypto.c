/*
 * crypto.c: thin wrappers over libsodium so the rest of the domain never
 * handles raw key material or compares secrets with strcmp.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "domain/crypto.h"
#include "lib/mem.h"

static char	dummy_hash[crypto_pwhash_STRBYTES];

int
crypto_setup(void)
{
	if (sodium_init() < 0)
		return (-1);
	if (dummy_hash[0] == '\0' && password_hash("ethica-dummy-password",
	    dummy_hash, sizeof(dummy_hash)) == -1)
		return (-1);
	return (0);
}

void
token_new(char out[TOKEN_LEN + 1])
{
	unsigned char	raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, TOKEN_LEN + 1, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

void
hash_hex(const char *s, char out[HASH_HEX_LEN + 1])
{
	unsigned char	h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
	sodium_bin2hex(out, HASH_HEX_LEN + 1, h, sizeof(h));
}

void
hmac_hex(const char *key, const char *msg, char out[HASH_HEX_LEN + 1])
{
	struct hmac_key	k;

	hmac_key_init(&k, key);
	hmac_hex_keyed(&k, msg, out);
	sodium_memzero(&k, sizeof(k));
}

void
hmac_key_init(struct hmac_key *k, const char *key)
{
	crypto_auth_hmacsha256_init(&k->st, (const unsigned char *)key,
	    strlen(key));
}

void
hmac_hex_keyed(const struct hmac_key *k, const char *msg,
    char out[HASH_HEX_LEN + 1])
{
	unsigned char			h[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state	st = k->st;

	crypto_auth_hmacsha256_update(&st, (const unsigned char *)msg,
	    strlen(msg));
	crypto_auth_hmacsha256_final(&st, h);
	sodium_bin2hex(out, HASH_HEX_LEN + 1, h, sizeof(h));
}

int
str_equal_ct(const char *a, const char *b)
{
	size_t	la, lb;

	la = strlen(a);
	lb = strlen(b);
	if (la != lb)
		return (0);
	return (sodium_memcmp(a, b, la) == 0);
}

void
random_hex(char *out, size_t n)
{
	unsigned char	raw[64];

	if (n > sizeof(raw))
		n = sizeof(raw);
	randombytes_buf(raw, n);
	sodium_bin2hex(out, n * 2 + 1, raw, n);
}

int
password_hash(const char *password, char *out, size_t outlen)
{
	if (outlen < crypto_pwhash_STRBYTES)
		return (-1);
	if (crypto_pwhash_str_alg(out, password, strlen(password),
	    PW_OPSLIMIT, PW_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return (-1);
	return (0);
}

int
password_verify(const char *hash, const char *password)
{
	return (crypto_pwhash_str_verify(hash, password,
	    strlen(password)) == 0);
}

void
password_verify_dummy(const char *password)
{
	(void)password_verify(dummy_hash, password);
}

const char *
password_dummy_hash(void)
{
	return (dummy_hash);
}

int
password_needs_rehash(const char *hash)
{
	return (crypto_pwhash_str_needs_rehash(hash, PW_OPSLIMIT,
	    PW_MEMLIMIT) != 0);
}

char *
pw_work_copy(const char *password)
{
	return (xstrdup(password != NULL ? password : ""));
}

void
pw_work_run(struct pw_work *w)
{
	w->verified = 0;
	w->hashed = 0;
	if (w->verify_pw != NULL)
		w->verified = password_verify(w->verify_hash, w->verify_pw);
	if (w->new_pw != NULL && (w->verify_pw == NULL || w->verified))
		w->hashed = password_hash(w->new_pw, w->new_hash,
		    sizeof(w->new_hash)) == 0;
	w->state = PW_DONE;
}

void
pw_work_clear(struct pw_work *w)
{
	if (w == NULL)
		return;
	if (w->verify_pw != NULL) {
		sodium_memzero(w->verify_pw, strlen(w->verify_pw));
		free(w->verify_pw);
	}
	if (w->new_pw != NULL) {
		sodium_memzero(w->new_pw, strlen(w->new_pw));
		free(w->new_pw);
	}
	sodium_memzero(w, sizeof(*w));
}
