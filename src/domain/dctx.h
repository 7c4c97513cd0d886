/*
 * dctx.h: what every domain call receives: the store, an arena for
 * results, the time, the acting user (NULL when anonymous), and the few
 * settings the domain needs (public URL for links in mail, mail folder).
 * Built by the HTTP layer per request and by the CLI per command.
 */
#ifndef ETHICA_DCTX_H
#define ETHICA_DCTX_H

#include <stddef.h>
#include <stdint.h>

#include "domain/result.h"

struct arena;
struct cache;
struct db;
struct i18n_lang;

struct user {
	int64_t		 id;
	const char	*email;
	const char	*display_name;
	const char	*role;		/* learner author reviewer chair admin */
	const char	*language;	/* "" when not chosen */
	const char	*country;	/* ISO 3166-1 alpha-2 or "" */
	int		 verified;
	int64_t		 created_at;
};

struct dctx {
	struct db		*db;
	struct arena		*a;
	int64_t			 now;
	const struct user	*user;
	const struct i18n_lang	*lang;		/* for mail to the actor */
	const char		*public_url;	/* "http://127.0.0.1:8080" */
	const char		*data_dir;	/* mail/ and keys live here */
	const char		*client_addr;	/* for rate limits */
};

/*
 * A page's reads share one snapshot of the store (dctx.c): begun when the
 * HTTP layer starts a GET, ended when the page is done; any write ends it
 * first, so writes never see an old state. dctx_read_end also frees what
 * the caches dropped for a new content version meanwhile (cache_reap):
 * answers a page got from them stay valid until then.
 */
void	dctx_read_begin(struct dctx *);
void	dctx_read_end(struct dctx *);

/*
 * The content version (store_content_version) of what this read sees:
 * read once between dctx_read_begin and dctx_read_end unless something
 * is written meanwhile, else on each call. The key of every cache of
 * public content (lib/cache.h); CACHE_NO_VERSION when the store cannot
 * tell (then nothing may be reused across requests).
 */
int64_t	dctx_content_version(struct dctx *);
/*
 * The per-process cache *c (lib/cache.h) of public content, made on
 * first use with these bounds and free_fn, brought to dc's content
 * version: 0, or -1 when that version is unknown (a store error).
 */
int	dctx_cache_sync(struct dctx *, struct cache **c, size_t max_entries,
	    size_t max_bytes, void (*free_fn)(void *));

/*
 * A per-process snapshot of public content, loaded whole and kept until
 * the content version moves. Zeroed, it holds nothing.
 */
struct dctx_snapshot {
	int	 loaded;
	int64_t	 version;	/* content version loaded */
};
/*
 * Brings *s to dc's content version: when it is not loaded or is of
 * another version, build(db) loads it anew (dropping what it loaded on
 * failure). 0, or -1 when the version is unknown (a store error) or
 * build failed.
 */
int	dctx_snapshot_sync(struct dctx *, struct dctx_snapshot *s,
	    int (*build)(struct db *));
/*
 * The content version v, read just now by another statement of this
 * read (store_session_user reads it beside the session): the next
 * dctx_content_version calls answer v, without a query, until something
 * is written. Ignored outside a read (dctx_read_begin .. dctx_read_end).
 */
void	dctx_content_version_seen(struct dctx *, int64_t v);

/*
 * The two ends of a write the caller began with store_begin: dctx_commit
 * commits and returns RES_OK, or RES_INTERNAL when the store refuses;
 * dctx_abort rolls back and returns res, the answer the caller gives.
 */
enum result	dctx_commit(struct dctx *);
enum result	dctx_abort(struct dctx *, enum result res);

#endif
