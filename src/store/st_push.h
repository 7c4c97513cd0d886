/*
 * st_push.h: what the database pushed to this worker (st_push.c), for
 * the store's own reads of the content version (st_content.c) and of a
 * session's user (st_sessions.c). Store-internal: nothing above the
 * store includes it; store_push_start (store.h) turns it on.
 *
 * Each lookup drains the notifications first, so what it answers was
 * true after the last commit the server told this connection about.
 * A lookup that misses hands out a mark; the caller reads the database
 * and offers what it read with that mark, which is kept only when no
 * notification came in between (else it may already be stale).
 */
#ifndef ETHICA_ST_PUSH_H
#define ETHICA_ST_PUSH_H

#include <stdint.h>

struct arena;
struct db;
struct learner_course;
struct user_row;

/* 1 and *version when the content version is known without a query;
 * else 0 and *mark for st_push_version_put. */
int	st_push_version(struct db *, int64_t *version, uint64_t *mark);
/* Keeps version, read from the database after st_push_version gave
 * mark, unless a notification came since. */
void	st_push_version_put(struct db *, uint64_t mark, int64_t version);

/*
 * 1 when the live session token_hash (expires_at > now, last_seen >=
 * idle_after) and the content version are both known without a query:
 * *u (strings copied into a, password_hash NULL), *last_seen and
 * *version are set. Else 0 and *mark for st_push_session_put.
 */
int	st_push_session(struct db *, struct arena *a, const char *token_hash,
	    int64_t now, int64_t idle_after, struct user_row *u,
	    int64_t *last_seen, int64_t *version, uint64_t *mark);
/* Keeps a session's user and the content version read with it (see
 * st_push_version_put); u's strings are copied. */
void	st_push_session_put(struct db *, uint64_t mark,
	    const char *token_hash, const struct user_row *u,
	    int64_t last_seen, int64_t expires_at, int64_t version);
/*
 * 1 when user_id's progress in the course slug is known without a
 * query (*out filled, strings and arrays copied into a); else 0 and
 * *mark for st_push_learner_put.
 */
int	st_push_learner(struct db *, struct arena *a, int64_t user_id,
	    const char *slug, struct learner_course *out, uint64_t *mark);
/* Keeps lc (copied), read after st_push_learner gave mark, unless a
 * notification came since. */
void	st_push_learner_put(struct db *, uint64_t mark, int64_t user_id,
	    const char *slug, const struct learner_course *lc);
/* This connection moved the session's idle clock to now. */
void	st_push_session_touch(struct db *, const char *token_hash,
	    int64_t now);
/* db is being closed: forget it. */
void	st_push_forget(struct db *);

#endif
