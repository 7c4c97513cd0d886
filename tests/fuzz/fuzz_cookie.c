/*
 * fuzz_cookie.c: libFuzzer target for our reading of the session cookie.
 * Kore splits the Cookie header (its parser); ctx_begin()
 * (src/http/ctx.c, not linkable here) keeps a "sid" value shorter than
 * 64 bytes and hands it to account_session_id() and
 * account_session_by_id(), which this target calls the same way, on a
 * real SQLite store made once under /tmp holding one user with one live
 * session (token SID below).
 *
 * The input is the cookie value. Aborts when a value other than SID finds
 * a user, when SID itself does not, or when any value makes the store
 * fail (RES_INTERNAL: a cookie must never cost a 500). Build and run:
 * `make fuzz`; replay in make test: tests/fuzz/replay.sh (from the
 * repository root: migrations are read from src/store/).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/account.h"
#include "domain/crypto.h"
#include "lib/hash.h"
#include "lib/mem.h"
#include "store/db.h"
#include "store/store.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define SID	"AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde"
#define NOW	1800000000

static struct db	*db;
static char		 dir[64];

static void	cleanup(void);
static void	setup(void);

static void
cleanup(void)
{
	char	p[128];

	if (db != NULL)
		store_close(db);
	(void)snprintf(p, sizeof(p), "%s/t.db", dir);
	(void)unlink(p);
	(void)snprintf(p, sizeof(p), "%s/t.db-wal", dir);
	(void)unlink(p);
	(void)snprintf(p, sizeof(p), "%s/t.db-shm", dir);
	(void)unlink(p);
	(void)rmdir(dir);
}

static void
setup(void)
{
	struct user_row	u;
	char		path[128], err[256], h[HASH_HEX_LEN + 1];
	int64_t		uid;

	if (db != NULL)
		return;
	if (strlen(SID) != TOKEN_LEN)
		abort();
	(void)snprintf(dir, sizeof(dir), "/tmp/ethica-fuzz-XXXXXX");
	if (mkdtemp(dir) == NULL)
		abort();
	(void)snprintf(path, sizeof(path), "%s/t.db", dir);
	if (store_open(&db, path, err, sizeof(err)) != STORE_OK ||
	    store_migrate(db, ".", err, sizeof(err)) != STORE_OK) {
		fprintf(stderr, "fuzz_cookie: %s (run from the repo root)\n",
		    err);
		abort();
	}
	atexit(cleanup);
	memset(&u, 0, sizeof(u));
	u.email = "l@x.example";
	u.display_name = "L";
	u.password_hash = "x";
	u.role = "learner";
	u.language = u.country = "";
	u.verified_at = NOW - 10;
	account_session_id(SID, h);
	if (store_user_insert(db, &u, NOW - 10, &uid) != STORE_OK ||
	    store_session_insert(db, h, uid, NOW - 10, NOW + 86400) !=
	    STORE_OK)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct dctx	 dc;
	struct user	*u;
	char		 session[64], id[HASH_HEX_LEN + 1];
	enum result	 r;

	setup();
	/* ctx_begin(): a value of 64 bytes or more is no session. */
	if (len >= sizeof(session) || memchr(data, '\0', len) != NULL)
		return (0);
	memcpy(session, data, len);
	session[len] = '\0';
	memset(&dc, 0, sizeof(dc));
	dc.db = db;
	dc.a = arena_new();
	dc.now = NOW;
	account_session_id(session, id);
	u = NULL;
	r = account_session_by_id(&dc, session, id, &u);
	if (r == RES_INTERNAL)
		abort();
	if ((r == RES_OK) != (strcmp(session, SID) == 0))
		abort();
	if (r == RES_OK && (u == NULL || strcmp(u->email, "l@x.example")))
		abort();
	arena_free(dc.a);
	return (0);
}
