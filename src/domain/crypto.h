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

/*
 * argon2id with PW_OPSLIMIT passes over PW_MEMLIMIT bytes (below): the
 * memory is what one hash in flight costs a worker, so it sizes how many
 * may run at once (src/http/offload.c). 0 ok, -1 failure.
 */
#define PW_OPSLIMIT	2
#define PW_MEMLIMIT	(19U * 1024 * 1024)
int	password_hash(const char *password, char *out, size_t outlen);
/* 1 when password matches hash, else 0. Always does the full work. */
int	password_verify(const char *hash, const char *password);
/* Spends the time of one verification, for unknown accounts. */
void	password_verify_dummy(const char *password);
/* The hash made by password_verify_dummy (static storage). */
const char *password_dummy_hash(void);
/* 1 when hash was made with other limits than PW_OPSLIMIT/PW_MEMLIMIT. */
int	password_needs_rehash(const char *hash);

/*
 * The slow step of an account function (argon2id), described so that it
 * can run on another thread: it touches nothing but the struct. A domain
 * function that needs one fills it, sets state PW_READY and returns
 * RES_PENDING; the caller runs pw_work_run() (anywhere), which sets
 * PW_DONE, and calls the same function again with the same arguments and
 * the same struct to finish. Passwords are copies owned by the struct:
 * pw_work_clear() wipes and frees them.
 */
#define PW_HASH_MAX	crypto_pwhash_STRBYTES

enum pw_state { PW_NONE = 0, PW_READY, PW_DONE };

struct pw_work {
	enum pw_state	 state;
	char		*verify_pw;	/* when set: checked against
					 * verify_hash */
	char		 verify_hash[PW_HASH_MAX];
	char		*new_pw;	/* when set: hashed into new_hash, after
					 * the check passed if there is one */
	char		 new_hash[PW_HASH_MAX];
	int		 verified;	/* out: verify_pw matched verify_hash */
	int		 hashed;	/* out: new_hash holds a hash */
	int		 again;		/* a second check of one request,
					 * against a hash that moved */
};

/* Does the work w describes; thread-safe (libsodium only). */
void	pw_work_run(struct pw_work *w);
/* Wipes and frees w's password copies and zeroes w; NULL is fine. */
void	pw_work_clear(struct pw_work *w);
/* Copies password into w (wiped by pw_work_clear). */
char	*pw_work_copy(const char *password);

#endif
