/*
 * account.h: accounts and sessions: register, verify the email address,
 * log in and out, forgotten and changed passwords, the profile.
 *
 * Every function takes the request's dctx. Session and one-time tokens
 * are random (crypto.h); only their SHA-256 is stored. Functions that
 * write several rows run them in one transaction.
 */
#ifndef ETHICA_ACCOUNT_H
#define ETHICA_ACCOUNT_H

#include <stddef.h>
#include <stdint.h>

#include "domain/crypto.h"
#include "domain/dctx.h"
#include "domain/result.h"

struct account_limits {
	int64_t	session_idle;		/* seconds without a request */
	int64_t	session_max;		/* seconds since login */
	int64_t	login_max_account;	/* failures per account per window */
	int64_t	login_max_addr;		/* failures per client per window */
	int64_t	login_window;		/* seconds */
	int64_t	verify_ttl;		/* verification link lifetime */
	int64_t	reset_ttl;		/* reset link lifetime */
};

/* The limits in force; change them before serving (CLI flags). */
extern struct account_limits account_limits;

struct user_row;

/* The acting user made from an account's row, in the dctx arena; the
 * strings are r's (borrowed). */
struct user	*account_user(struct dctx *, const struct user_row *r);

/*
 * Register, log in, reset and change a password each need argon2id, too
 * slow for a server's event loop. They take a struct pw_work *w
 * (crypto.h): on a first call with w in state PW_NONE they check what is
 * cheap, describe the hashing in w and return RES_PENDING (or any other
 * result, w untouched, when they can answer at once); the caller runs
 * pw_work_run(w) off its loop and calls again with the same arguments
 * and w, now PW_DONE, which checks everything again and finishes, or,
 * once at the most (a login whose account's hash moved meanwhile),
 * describes a second step in w and returns RES_PENDING again. The
 * caller owns w and clears it (pw_work_clear) after the last call. With
 * w NULL the hashing runs inline (the CLI, tests).
 */

/* Register: checks the input, hashes the password and queues the request
 * (one row, whatever the address) for account_requests_run(), which makes
 * the account and its verification mail, or, when the address is taken,
 * mails its owner. The answer and the work are the same either way, so
 * nobody learns which addresses have accounts. RES_INVALID with form
 * errors when the input is refused. */
enum result	account_register(struct dctx *, const char *email,
		    const char *display_name, const char *password,
		    struct pw_work *, struct form_errors *);
/* Verifies the email address of the token's account and spends its other
 * verification links. RES_EXPIRED when the token is unknown, used or
 * expired. */
enum result	account_verify(struct dctx *, const char *token);
/* Logs in; on success writes a new session token to token_out.
 * RES_RATE_LIMITED after too many failures; RES_INVALID for wrong
 * credentials or an unverified address (form errors say which). A hash
 * made with older argon2id limits is made again, in the same
 * transaction as the session. */
enum result	account_login(struct dctx *, const char *email,
		    const char *password, struct pw_work *,
		    char token_out[TOKEN_LEN + 1], struct form_errors *);
/* The signed-in user for a session token, or RES_NOT_FOUND. The user is
 * allocated in the dctx arena. */
enum result	account_session(struct dctx *, const char *token,
		    struct user **out);
/* Hash of the session token, the stable secret CSRF tokens derive from. */
void		account_session_id(const char *token,
		    char out[HASH_HEX_LEN + 1]);
/* account_session for a caller that has the token's account_session_id
 * already (the HTTP layer needs it for the CSRF token too). */
enum result	account_session_by_id(struct dctx *, const char *token,
		    const char *id, struct user **out);
enum result	account_logout(struct dctx *, const char *token);
enum result	account_logout_all(struct dctx *);
/* Queues a reset request for account_requests_run() (one row, whatever
 * the address: same answer, same work); always RES_OK for a well-formed
 * address. */
enum result	account_forgot(struct dctx *, const char *email,
		    struct form_errors *);
/* Works off up to max queued sign-up and reset requests, each in its own
 * transaction (the account, token and mail, or nothing for an unknown
 * address); run from a timer, never from the request that queued them.
 * Returns the number handled. */
int		account_requests_run(struct dctx *, size_t max);
/* RES_OK when the reset token can still be used. */
enum result	account_reset_check(struct dctx *, const char *token);
/* Sets the password and, in one transaction, uses up the token, spends
 * every other reset and verification link of the account and ends all
 * its sessions; it signs nobody in (the caller sends the user to log in
 * with the new password). */
enum result	account_reset(struct dctx *, const char *token,
		    const char *password, struct pw_work *,
		    struct form_errors *);
enum result	account_update_profile(struct dctx *, const char *name,
		    const char *language, const char *country,
		    struct form_errors *);
/* Changes the password of the signed-in user; in one transaction ends
 * every session, spends every reset and verification link of the account
 * and returns a new session in token_out (the caller stays signed in). */
enum result	account_change_password(struct dctx *, const char *current,
		    const char *password, struct pw_work *,
		    char token_out[TOKEN_LEN + 1], struct form_errors *);
/* Forgets expired sessions and old login attempts (housekeeping). */
void		account_housekeeping(struct dctx *);
/* Creates a verified account (operator CLI); RES_CONFLICT if it exists. */
enum result	account_create(struct dctx *, const char *email,
		    const char *display_name, const char *password,
		    const char *role, int64_t *id);

#endif
