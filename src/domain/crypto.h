/*
 * crypto.h: random tokens, hashing and constant-time checks (libsodium).
 * Call crypto_setup() once per process before anything else here.
 */
#ifndef ETHICA_CRYPTO_H
#define ETHICA_CRYPTO_H

#include <stddef.h>

#include <sodium.h>

#define TOKEN_LEN	43	/* 32 random bytes, base64url, no padding */
#define HASH_HEX_LEN	64	/* SHA-256 in hex */

/* Returns 0, or -1 when libsodium cannot start. */
int	crypto_setup(void);
/* A fresh random token in out (TOKEN_LEN + 1 bytes). */
void	token_new(char out[TOKEN_LEN + 1]);
/* SHA-256 of s in lower-case hex (HASH_HEX_LEN + 1 bytes). */
void	hash_hex(const char *s, char out[HASH_HEX_LEN + 1]);
/* HMAC-SHA-256(key, msg) in hex. */
void	hmac_hex(const char *key, const char *msg, char out[HASH_HEX_LEN + 1]);

/* An HMAC key whose padded blocks are hashed once, for a key used on
 * every request (the CSRF key): half the work of hmac_hex per use. */
struct hmac_key {
	crypto_auth_hmacsha256_state	st;
};
void	hmac_key_init(struct hmac_key *, const char *key);
/* HMAC-SHA-256(key, msg) in hex, as hmac_hex. */
void	hmac_hex_keyed(const struct hmac_key *, const char *msg,
	    char out[HASH_HEX_LEN + 1]);
/* 1 if the strings are equal, in time independent of where they differ. */
int	str_equal_ct(const char *, const char *);
/* Random bytes as lower-case hex: n bytes give 2n chars + NUL in out. */
void	random_hex(char *out, size_t n);

/* argon2id (libsodium's interactive limits). 0 ok, -1 failure. */
int	password_hash(const char *password, char *out, size_t outlen);
/* 1 when password matches hash, else 0. Always does the full work. */
int	password_verify(const char *hash, const char *password);
/* Spends the time of one verification, for unknown accounts. */
void	password_verify_dummy(const char *password);

#endif
