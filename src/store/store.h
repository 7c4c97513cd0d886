/*
 * store.h: the storage interface the domain uses. The domain sees an
 * opaque struct db and these functions; which backend sits behind it
 * (SQLite or PostgreSQL) is invisible above this line.
 *
 * Return codes: STORE_OK, STORE_NOT_FOUND (no row), STORE_DUPLICATE (a
 * unique constraint refused the write), STORE_ERROR (anything else; the
 * caller rolls back). Strings handed back are copied into the caller's
 * arena. Functions that write several rows say so; the caller wraps them
 * in store_begin()/store_commit().
 */
#ifndef ETHICA_STORE_H
#define ETHICA_STORE_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

#define STORE_OK		0
#define STORE_NOT_FOUND		1
#define STORE_DUPLICATE		2
#define STORE_BUSY		3	/* store_begin_lazy_try only */
#define STORE_ERROR		-1

/* ---- connection, schema, transactions (store.c) ---- */
int	store_open(struct db **, const char *target, char *err, size_t);
void	store_close(struct db *);
/*
 * Makes db (a worker's connection) listen to what PostgreSQL pushes
 * (st_push.c, migration 0023), so that the content version and the
 * users of recent sessions are answered from memory until a commit
 * anywhere changes them. One connection per process; not one used by
 * other threads. STORE_OK (a no-op on SQLite), or STORE_ERROR when the
 * server refuses (then every read goes to the database, as before).
 * strict: store_push_request costs one round trip and leaves no window
 * (a commit on another node is known from the next request on); else a
 * commit is known once its notification arrived (st_push.c).
 */
int	store_push_start(struct db *, int strict);
/* A request that no earlier sync covers begins on db: in strict mode,
 * one round trip (db_sync) after which every commit that ended before
 * the call is known. 1 when that trip was made and succeeded (every
 * request read before the call is covered by it: src/http/pushsync.c);
 * 0 when not strict, not the connection pushed to, or it failed (then
 * all kept was dropped). */
int	store_push_request(struct db *);
/* "sqlite" or "postgresql". */
const char *store_backend(const struct db *);
/* Applies share_dir/migrations/<backend>/NNNN_*.sql not yet applied. */
int	store_migrate(struct db *, const char *share_dir, char *err, size_t);
/* A write rolled back at once (needs no table): STORE_OK when the
 * database takes writes, else STORE_ERROR with the reason in err. */
int	store_check_write(struct db *, char *err, size_t);
int	store_begin(struct db *);
/* store_begin for writes a power failure may lose at little cost (a
 * learner's progress marks): see db_begin_lazy. */
int	store_begin_lazy(struct db *);
/* store_begin_lazy, but STORE_BUSY at once when another connection
 * holds the write lock (db_begin_lazy_try). */
int	store_begin_lazy_try(struct db *);
/* A worker's connection: WAL checkpoints on a thread of their own (see
 * db_checkpoint_thread). STORE_OK, or STORE_ERROR (checkpoints stay with
 * the committer). */
int	store_checkpoint_thread(struct db *);
int	store_commit(struct db *);
int	store_rollback(struct db *);
/* One item of a batch inside the open transaction: store_savepoint,
 * then store_savepoint_end keeping (1) or undoing (0) it (db_savepoint). */
int	store_savepoint(struct db *);
int	store_savepoint_end(struct db *, int keep);
/* The reads of one page share one snapshot (see db_snapshot_begin). */
int	store_read_begin(struct db *);
void	store_read_end(struct db *);
int	store_backup(struct db *, const char *path, char *err, size_t);
/* This process's last store error (every one is also logged on stderr):
 * 1 and its code ("SQLITE_FULL (13)", "SQLSTATE 53100"), the first words
 * of the statement and the unix time, or 0 when there was none. */
int	store_last_error(char *code, size_t, char *stmt, size_t,
	    int64_t *when);
/* The content version (st_content.c, migration 0018): moved by every
 * writing transaction that changes what public pages show, on every
 * backend and node; read it inside the page's snapshot. STORE_OK, or
 * STORE_ERROR. */
int	store_content_version(struct db *, int64_t *version);
/* A number that moves with every write, transaction and snapshot of
 * this connection (see db_generation). */
uint64_t store_generation(struct db *);
/* See db_trips: round trips to PostgreSQL, statements run on SQLite. */
uint64_t store_trips(const struct db *);
/* 1 inside store_begin .. store_commit/store_rollback (what is read
 * there may still roll back: no cache keeps it), else 0. */
int	store_in_tx(struct db *);

/* ---- settings shared by all nodes (st_settings.c) ---- */
int	store_setting_get(struct db *, struct arena *, const char *key,
	    char **value);
/* Stores value unless key exists; then *value holds the stored one. */
int	store_setting_init(struct db *, struct arena *, const char *key,
	    const char *value, char **stored);

/* ---- users (st_users.c) ---- */
struct user_row {
	int64_t		 id;
	char		*email;
	char		*display_name;
	char		*password_hash;
	char		*role;
	char		*language;
	char		*country;
	int64_t		 verified_at;
	int64_t		 created_at;
};

int	store_user_by_email(struct db *, struct arena *, const char *email,
	    struct user_row *);
int	store_user_by_id(struct db *, struct arena *, int64_t id,
	    struct user_row *);
int	store_user_insert(struct db *, const struct user_row *, int64_t now,
	    int64_t *id);
int	store_user_update_profile(struct db *, int64_t id, const char *name,
	    const char *language, const char *country, int64_t now);
int	store_user_set_password(struct db *, int64_t id, const char *hash,
	    int64_t now);
int	store_user_set_role(struct db *, int64_t id, const char *role,
	    int64_t now);
int	store_user_set_verified(struct db *, int64_t id, int64_t now);
/* At most limit users whose email or name contains q (NULL or "": all),
 * newest first, from cursor (domain/keypage.h: 0 the first, k > 0 after
 * id k, -k before id k nearest first). */
int	store_user_search(struct db *, struct arena *, const char *q,
	    int64_t cursor, size_t limit, struct user_row **rows,
	    size_t *nrows);

/* ---- sessions and one-time tokens (st_sessions.c) ---- */
int	store_session_insert(struct db *, const char *token_hash,
	    int64_t user_id, int64_t now, int64_t expires_at);
/* The user of a live session (expires_at > now, last_seen >= idle_after);
 * its password_hash is NULL: no page needs it, so none carries it. In the
 * same statement (one round trip) the content version
 * (store_content_version) into *version, also when no session matched
 * (STORE_NOT_FOUND); *version is left as it was when the statement
 * failed. */
int	store_session_user(struct db *, struct arena *, const char *token_hash,
	    int64_t now, int64_t idle_after, struct user_row *,
	    int64_t *last_seen, int64_t *version);
int	store_session_touch(struct db *, const char *token_hash, int64_t now);
int	store_session_delete(struct db *, const char *token_hash);
int	store_session_delete_user(struct db *, int64_t user_id);
/* Deletes sessions expired or idle since before idle_before. */
int	store_session_prune(struct db *, int64_t now, int64_t idle_before);

int	store_token_insert(struct db *, const char *token_hash,
	    int64_t user_id, const char *purpose, int64_t now,
	    int64_t expires_at);
/* Marks a live, unused token of that purpose used and returns its user;
 * STORE_NOT_FOUND when unknown, used or expired. */
int	store_token_consume(struct db *, const char *token_hash,
	    const char *purpose, int64_t now, int64_t *user_id);
/* Checks without consuming. */
int	store_token_check(struct db *, const char *token_hash,
	    const char *purpose, int64_t now, int64_t *user_id);
/* Marks every unused token of the user used at now: those of purpose, or
 * all of them when purpose is "". Call it inside the transaction that
 * changes what the tokens stand for. */
int	store_token_revoke_user(struct db *, int64_t user_id,
	    const char *purpose, int64_t now);

/* ---- queued account requests (st_requests.c) ---- */
struct account_request_row {
	int64_t		 id;
	char		*kind;		/* "forgot" or "register" */
	char		*email;
	char		*display_name;	/* register only, else "" */
	char		*password_hash;	/* register only, else "" */
	char		*lang;		/* the requester's language code */
	int64_t		 created_at;
};
/* Queues a request (one row, whatever the address). */
int	store_request_add(struct db *, const char *kind, const char *email,
	    const char *display_name, const char *password_hash,
	    const char *lang, int64_t now);
/* Deletes the oldest request and returns it (strings in a); inside a
 * transaction, so that a rollback puts it back. STORE_NOT_FOUND when
 * none is left (or another node took it first). */
int	store_request_take(struct db *, struct arena *,
	    struct account_request_row *);
/* Requests waiting. */
int	store_request_count(struct db *, int64_t *n);

/* ---- login attempts (st_sessions.c) ---- */
int	store_attempt_add(struct db *, const char *kind, const char *subject,
	    int64_t now);
int	store_attempt_count(struct db *, const char *kind, const char *subject,
	    int64_t since, int64_t *n);
int	store_attempt_clear(struct db *, const char *kind, const char *subject);
int	store_attempt_prune(struct db *, int64_t before);

/* ---- audit log (st_audit.c) ---- */
struct audit_row {
	int64_t		 id;
	int64_t		 at;
	int64_t		 actor_id;
	char		*actor_name;
	char		*action;
	char		*object_type;
	char		*object_id;
	char		*detail;
};

int	store_audit_add(struct db *, int64_t now, int64_t actor_id,
	    const char *action, const char *object_type, const char *object_id,
	    const char *detail);
/* At most limit entries of the audit log, newest first, from cursor (as
 * store_user_search()), leaving out those about a submission, or the
 * library case made from it, on which user hidden_for has a conflict not
 * dismissed. One walk down the primary key. */
int	store_audit_list(struct db *, struct arena *, int64_t hidden_for,
	    int64_t cursor, size_t limit, struct audit_row **rows,
	    size_t *nrows);

/* ---- mail outbox (st_outbox.c) ---- */
struct outbox_row {
	int64_t		 id;
	char		*to_addr;
	char		*subject;
	char		*body;		/* "" in lists */
	int64_t		 attempts;
	int64_t		 created_at;
	int64_t		 next_attempt_at;
	char		*last_error;
	int64_t		 dead_at;	/* 0: not dead */
};

/* Queues one message, due now, in the caller's transaction if any. */
int	store_outbox_add(struct db *, const char *to, const char *subject,
	    const char *body, int64_t now);
/* Claims up to max due, unsent, live rows for claimer until now + lease;
 * rows claimed by another node and not yet expired are skipped. */
int	store_outbox_claim(struct db *, struct arena *, const char *claimer,
	    int64_t now, int64_t lease, size_t max, struct outbox_row **rows,
	    size_t *nrows);
/* Marks a row claimer holds as sent (no-op when the claim was lost). */
int	store_outbox_sent(struct db *, int64_t id, const char *claimer,
	    int64_t now);
/* Records a failed attempt of a row claimer holds and frees it: due again
 * at next_attempt_at, or a dead letter when dead_at > 0. */
int	store_outbox_failed(struct db *, int64_t id, const char *claimer,
	    const char *error, int64_t next_attempt_at, int64_t dead_at);
/* Frees every unsent row claimer holds (a delivery process that died or
 * stopped mid-send), without counting an attempt. */
int	store_outbox_release(struct db *, const char *claimer);
/* Makes dead letter id pending again with fresh attempts;
 * STORE_NOT_FOUND when id is not a dead letter. */
int	store_outbox_retry(struct db *, int64_t id, int64_t now);
/* Unsent rows without bodies, at most max: dead letters newest first
 * from cursor (domain/keypage.h), or the pending queue from its head
 * (oldest first, cursor unused); total counts them all (one range of a
 * partial index each). */
int	store_outbox_list(struct db *, struct arena *, int dead,
	    int64_t cursor, size_t max, struct outbox_row **rows,
	    size_t *nrows, int64_t *total);
/* Deletes rows sent before the time before (their text may hold
 * sign-in links that need not outlive delivery). */
int	store_outbox_prune(struct db *, int64_t before);
/* Number of pending (unsent, not dead) rows. */
int	store_outbox_pending(struct db *, int64_t *n);

#endif
