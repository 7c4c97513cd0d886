/*
 * dctx.c: the domain context's read snapshot and the content version
 * read in it, and the ends of a write (see dctx.h). A failure to start the snapshot only costs
 * speed: the reads then run one by one.
 */
#include <stdint.h>

#include "domain/dctx.h"
#include "lib/cache.h"
#include "store/store.h"

/*
 * The content version read in the current read (between
 * dctx_read_begin and dctx_read_end), while nothing was written on its
 * connection: a page reads it once, however many caches ask.
 */
static struct {
	struct db	*db;
	int		 reading;
	uint64_t	 gen;
	int64_t		 version;
} cv;

void
dctx_read_begin(struct dctx *dc)
{
	if (dc->db == NULL)
		return;
	(void)store_read_begin(dc->db);
	cv.db = dc->db;
	cv.reading = 1;
	cv.gen = 0;
}

int64_t
dctx_content_version(struct dctx *dc)
{
	int64_t	v;

	if (dc->db == NULL)
		return (CACHE_NO_VERSION);
	if (cv.reading && cv.db == dc->db && cv.gen != 0 &&
	    cv.gen == store_generation(dc->db))
		return (cv.version);
	if (store_content_version(dc->db, &v) != STORE_OK)
		return (CACHE_NO_VERSION);
	if (cv.reading && cv.db == dc->db) {
		cv.gen = store_generation(dc->db);
		cv.version = v;
	}
	return (v);
}

int
dctx_cache_sync(struct dctx *dc, struct cache **c, size_t max_entries,
    size_t max_bytes, void (*free_fn)(void *))
{
	if (*c == NULL)
		*c = cache_new(max_entries, max_bytes, free_fn);
	return (cache_sync(*c, dctx_content_version(dc)));
}

int
dctx_snapshot_sync(struct dctx *dc, struct dctx_snapshot *s,
    int (*build)(struct db *))
{
	int64_t	v;

	if ((v = dctx_content_version(dc)) == CACHE_NO_VERSION)
		return (-1);
	if (s->loaded && s->version == v)
		return (0);
	if (build(dc->db) == -1)
		return (-1);
	s->loaded = 1;
	s->version = v;
	return (0);
}

void
dctx_content_version_seen(struct dctx *dc, int64_t v)
{
	if (dc->db == NULL || !cv.reading || cv.db != dc->db)
		return;
	cv.gen = store_generation(dc->db);
	cv.version = v;
}

void
dctx_read_end(struct dctx *dc)
{
	if (dc->db == NULL)
		return;
	store_read_end(dc->db);
	if (cv.db == dc->db)
		cv.reading = 0;
	/* The request is done with what the caches gave it. */
	cache_reap();
}

enum result
dctx_commit(struct dctx *dc)
{
	return (store_commit(dc->db) == STORE_OK ? RES_OK : RES_INTERNAL);
}

enum result
dctx_abort(struct dctx *dc, enum result res)
{
	(void)store_rollback(dc->db);
	return (res);
}
