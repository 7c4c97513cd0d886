/*
 * dctx.c: the domain context's read snapshot (see dctx.h). A failure to
 * start it only costs speed: the reads then run one by one.
 */
#include "domain/dctx.h"
#include "store/store.h"

void
dctx_read_begin(struct dctx *dc)
{
	if (dc->db != NULL)
		(void)store_read_begin(dc->db);
}

void
dctx_read_end(struct dctx *dc)
{
	if (dc->db != NULL)
		store_read_end(dc->db);
}
