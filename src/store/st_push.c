/*
 * st_push.c: what PostgreSQL pushes to a worker (migration 0023:
 * LISTEN ethica), kept so that a page asks the database nothing it was
 * not told has changed: the content version, the users of recent
 * sessions and learners' progress in a course, for the one connection store_push_start was given (the
 * worker's; other connections, such as the offload threads', never
 * touch this state and always read the database).
 *
 * Safety rules, each in one place below:
 * - nothing kept is used before the notifications that arrived are read
 *   (push_sync), and a notification drops what it names;
 * - a connection that broke, reconnected (new epoch: notifications may
 *   have been lost) or stopped listening drops everything, and the
 *   reads go to the database until it listens again;
 * - inside a transaction nothing is used or kept: the transaction's own
 *   writes are told only at its commit;
 * - what the caller read is kept only when no notification came between
 *   the miss and the keeping (the mark), since that one may be about a
 *   commit the read did not see.
 * - the version (and with it every session kept) is trusted for at most
 *   PUSH_TRUST_MS after it was read: a connection that died without a
 *   word (a network gone silent) is found by the next read, so what it
 *   missed is served for at most that long. A read answers only after
 *   every notification of the commits it sees has reached the socket
 *   (the server sends them before it says it is ready), so a read that
 *   succeeds proves nothing was missed before it.
 * The one window left: a commit on another node is known here once its
 * notification reached this connection's socket (the server sends it at
 * commit; on one host a fraction of a millisecond, more when the host's
 * cores are all busy), not at the instant of the commit. Strict mode
 * closes it (store_push_request): a request first sends the server a
 * bare Sync message (db_sync), and a server sends the notifications it
 * was signalled before it answers one, so every commit that ended before
 * the request began is known: one round trip, but no statement run. One
 * sync covers every request the worker had read before it, so the HTTP
 * layer asks for one only for a request no earlier sync covers
 * (src/http/pushsync.c): one per event-loop turn. Must never: answer
 * without draining first, or keep anything read inside a transaction.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/mem.h"
#include "store/db.h"
#include "store/st_learning.h"
#include "store/st_push.h"
#include "store/store.h"

/* Sessions kept: direct-mapped by the token hash's first hex digits, a
 * newer session taking an older one's slot. A power of two. */
#define PUSH_SLOTS	2048
#define PUSH_NO_MARK	UINT64_MAX
/* How long a version read is trusted (see the top): one read a second
 * per worker. */
#define PUSH_TRUST_MS	1000

/* Learners' progress kept, direct-mapped by user and course. */
#define PUSH_LEARNERS	1024

struct push_learner {
	int64_t			 user_id;
	char			*slug;
	struct learner_course	 lc;	/* strings and arrays owned here */
};

struct push_session {
	char		*token_hash;
	struct user_row	 u;		/* strings owned here */
	int64_t		 last_seen;
	int64_t		 expires_at;
};

static void	push_note(void *, const char *);
static int	push_sync(struct db *);
static void	push_drop(size_t);
static void	push_learner_drop(size_t);
static size_t	push_learner_slot(int64_t, const char *);
static char	**push_keys(char **, size_t, struct arena *);
static void	push_clear(void);
static size_t	push_slot(const char *);
static int64_t	push_ms(void);
static int	push_have_version(void);

static struct {
	struct db		*db;		/* listening, or NULL */
	int			 strict;	/* store_push_start's */
	uint64_t		 epoch;		/* its epoch the state is of */
	uint64_t		 notes;		/* notifications and clears */
	int			 have_version;
	int64_t			 version;
	int64_t			 version_at;	/* push_ms() when read */
	struct push_session	*slots[PUSH_SLOTS];
	struct push_learner	*learners[PUSH_LEARNERS];
} push;

int
store_push_start(struct db *db, int strict)
{
	if (db_kind(db) != DB_PG)
		return (STORE_OK);
	if (db_listen(db, "LISTEN ethica") != DB_OK)
		return (STORE_ERROR);
	push_clear();
	push.db = db;
	push.strict = strict;
	push.epoch = 0;
	return (STORE_OK);
}

int
store_push_request(struct db *db)
{
	if (db != push.db || db == NULL || !push.strict || db_in_tx(db))
		return (0);
	/* An error leaves the connection to the next read, which
	 * reconnects (a new epoch: all dropped). */
	if (db_sync(db) != DB_OK) {
		push_clear();
		return (0);
	}
	return (1);
}

void
st_push_forget(struct db *db)
{
	if (push.db != db || db == NULL)
		return;
	push_clear();
	push.db = NULL;
}

/* Frees slot i's session. */
static void
push_drop(size_t i)
{
	struct push_session	*p;

	if ((p = push.slots[i]) == NULL)
		return;
	free(p->token_hash);
	free(p->u.email);
	free(p->u.display_name);
	free(p->u.role);
	free(p->u.language);
	free(p->u.country);
	free(p);
	push.slots[i] = NULL;
}

/* Frees learner slot i. */
static void
push_learner_drop(size_t i)
{
	struct push_learner	*p;
	size_t			 k;

	if ((p = push.learners[i]) == NULL)
		return;
	free(p->slug);
	free(p->lc.e.course_slug);
	free(p->lc.e.last_lesson);
	for (k = 0; k < p->lc.ndone; k++)
		free(p->lc.done[k]);
	free(p->lc.done);
	for (k = 0; k < p->lc.npassed; k++)
		free(p->lc.passed[k]);
	free(p->lc.passed);
	free(p);
	push.learners[i] = NULL;
}

/* Forgets everything kept. */
static void
push_clear(void)
{
	size_t	i;

	for (i = 0; i < PUSH_SLOTS; i++)
		push_drop(i);
	for (i = 0; i < PUSH_LEARNERS; i++)
		push_learner_drop(i);
	push.have_version = 0;
	push.notes++;
}

/* One notification (migration 0023 says the payloads). */
static void
push_note(void *arg, const char *payload)
{
	char		*end;
	long long	 id;
	size_t		 i;

	(void)arg;
	push.notes++;
	if (strcmp(payload, "v") == 0) {
		push.have_version = 0;
		return;
	}
	if ((payload[0] == 'u' || payload[0] == 'p') && payload[1] != '\0') {
		id = strtoll(payload + 1, &end, 10);
		if (*end == '\0' && payload[0] == 'u') {
			for (i = 0; i < PUSH_SLOTS; i++) {
				if (push.slots[i] != NULL &&
				    push.slots[i]->u.id == id)
					push_drop(i);
			}
			return;
		}
		if (*end == '\0') {
			for (i = 0; i < PUSH_LEARNERS; i++) {
				if (push.learners[i] != NULL &&
				    push.learners[i]->user_id == id)
					push_learner_drop(i);
			}
			return;
		}
	}
	/* '*' or anything this build does not know. */
	push_clear();
}

/*
 * 1 when what is kept may be used for db now: db is the listening
 * connection, outside a transaction, and every notification that
 * arrived has been applied. A broken or new connection clears all.
 */
static int
push_sync(struct db *db)
{
	uint64_t	epoch;

	if (db != push.db || db == NULL || db_in_tx(db))
		return (0);
	if (db_notified(db, push_note, NULL, &epoch) != DB_OK) {
		push_clear();
		return (0);
	}
	if (epoch != push.epoch) {
		push_clear();
		push.epoch = epoch;
	}
	return (1);
}

/* A monotonic clock in milliseconds. */
static int64_t
push_ms(void)
{
	struct timespec	ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* 1 when the version kept may be used (see PUSH_TRUST_MS). */
static int
push_have_version(void)
{
	return (push.have_version &&
	    push_ms() - push.version_at < PUSH_TRUST_MS);
}

/* The slot of a token hash (hex): its first eight digits. */
static size_t
push_slot(const char *token_hash)
{
	size_t	h;
	int	i;

	h = 2166136261u;
	for (i = 0; i < 8 && token_hash[i] != '\0'; i++)
		h = (h ^ (unsigned char)token_hash[i]) * 16777619u;
	return (h & (PUSH_SLOTS - 1));
}

int
st_push_version(struct db *db, int64_t *version, uint64_t *mark)
{
	*mark = PUSH_NO_MARK;
	if (!push_sync(db))
		return (0);
	if (push_have_version()) {
		*version = push.version;
		return (1);
	}
	*mark = push.notes;
	return (0);
}

void
st_push_version_put(struct db *db, uint64_t mark, int64_t version)
{
	if (mark == PUSH_NO_MARK || !push_sync(db) || push.notes != mark)
		return;
	push.have_version = 1;
	push.version = version;
	push.version_at = push_ms();
}

int
st_push_session(struct db *db, struct arena *a, const char *token_hash,
    int64_t now, int64_t idle_after, struct user_row *u, int64_t *last_seen,
    int64_t *version, uint64_t *mark)
{
	struct push_session	*p;

	*mark = PUSH_NO_MARK;
	if (!push_sync(db))
		return (0);
	p = push.slots[push_slot(token_hash)];
	if (!push_have_version() || p == NULL ||
	    strcmp(p->token_hash, token_hash) != 0 || p->expires_at <= now ||
	    p->last_seen < idle_after) {
		*mark = push.notes;
		return (0);
	}
	u->id = p->u.id;
	u->email = arena_strdup(a, p->u.email);
	u->display_name = arena_strdup(a, p->u.display_name);
	u->password_hash = NULL;
	u->role = arena_strdup(a, p->u.role);
	u->language = arena_strdup(a, p->u.language);
	u->country = arena_strdup(a, p->u.country);
	u->verified_at = p->u.verified_at;
	u->created_at = p->u.created_at;
	*last_seen = p->last_seen;
	*version = push.version;
	return (1);
}

void
st_push_session_put(struct db *db, uint64_t mark, const char *token_hash,
    const struct user_row *u, int64_t last_seen, int64_t expires_at,
    int64_t version)
{
	struct push_session	*p;
	size_t			 i;

	if (mark == PUSH_NO_MARK || !push_sync(db) || push.notes != mark)
		return;
	push.have_version = 1;
	push.version = version;
	push.version_at = push_ms();
	i = push_slot(token_hash);
	push_drop(i);
	p = xcalloc(1, sizeof(*p));
	p->token_hash = xstrdup(token_hash);
	p->u.id = u->id;
	p->u.email = xstrdup(u->email != NULL ? u->email : "");
	p->u.display_name = xstrdup(u->display_name != NULL ?
	    u->display_name : "");
	p->u.role = xstrdup(u->role != NULL ? u->role : "");
	p->u.language = xstrdup(u->language != NULL ? u->language : "");
	p->u.country = xstrdup(u->country != NULL ? u->country : "");
	p->u.verified_at = u->verified_at;
	p->u.created_at = u->created_at;
	p->last_seen = last_seen;
	p->expires_at = expires_at;
	push.slots[i] = p;
}

void
st_push_session_touch(struct db *db, const char *token_hash, int64_t now)
{
	struct push_session	*p;

	if (db != push.db || db == NULL)
		return;
	p = push.slots[push_slot(token_hash)];
	if (p != NULL && strcmp(p->token_hash, token_hash) == 0 &&
	    now > p->last_seen)
		p->last_seen = now;
}

/* The learner slot of user_id in the course slug. */
static size_t
push_learner_slot(int64_t user_id, const char *slug)
{
	size_t	h;

	h = 2166136261u ^ (size_t)user_id;
	for (; *slug != '\0'; slug++)
		h = (h ^ (unsigned char)*slug) * 16777619u;
	return (h & (PUSH_LEARNERS - 1));
}

/* n copies of keys: into a when a is not NULL, else malloc'd. */
static char **
push_keys(char **keys, size_t n, struct arena *a)
{
	char	**out;
	size_t	  i;

	if (n == 0)
		return (NULL);
	out = a != NULL ? arena_alloc(a, n * sizeof(*out)) :
	    xcalloc(n, sizeof(*out));
	for (i = 0; i < n; i++)
		out[i] = a != NULL ? arena_strdup(a, keys[i]) :
		    xstrdup(keys[i]);
	return (out);
}

int
st_push_learner(struct db *db, struct arena *a, int64_t user_id,
    const char *slug, struct learner_course *out, uint64_t *mark)
{
	struct push_learner	*p;

	*mark = PUSH_NO_MARK;
	if (!push_sync(db))
		return (0);
	p = push.learners[push_learner_slot(user_id, slug)];
	if (!push_have_version() || p == NULL || p->user_id != user_id ||
	    strcmp(p->slug, slug) != 0) {
		*mark = push.notes;
		return (0);
	}
	*out = p->lc;
	if (p->lc.enrolled) {
		out->e.course_slug = arena_strdup(a, p->lc.e.course_slug);
		out->e.last_lesson = arena_strdup(a, p->lc.e.last_lesson);
	}
	out->done = push_keys(p->lc.done, p->lc.ndone, a);
	out->passed = push_keys(p->lc.passed, p->lc.npassed, a);
	return (1);
}

void
st_push_learner_put(struct db *db, uint64_t mark, int64_t user_id,
    const char *slug, const struct learner_course *lc)
{
	struct push_learner	*p;
	size_t			 i;

	if (mark == PUSH_NO_MARK || !push_sync(db) || push.notes != mark ||
	    !push_have_version())
		return;
	i = push_learner_slot(user_id, slug);
	push_learner_drop(i);
	p = xcalloc(1, sizeof(*p));
	p->user_id = user_id;
	p->slug = xstrdup(slug);
	p->lc = *lc;
	p->lc.e.course_slug = lc->enrolled ? xstrdup(lc->e.course_slug) : NULL;
	p->lc.e.last_lesson = lc->enrolled ? xstrdup(lc->e.last_lesson) : NULL;
	p->lc.done = push_keys(lc->done, lc->ndone, NULL);
	p->lc.passed = push_keys(lc->passed, lc->npassed, NULL);
	push.learners[i] = p;
}
