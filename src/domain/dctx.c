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

int
dctx_data_version(struct dctx *dc, struct data_version *v)
{
	struct store_version	sv;

	v->committed = v->own = 0;
	if (dc->db == NULL || store_data_version(dc->db, &sv) != STORE_OK)
		return (-1);
	v->committed = sv.committed;
	v->own = sv.own;
	return (0);
}

void
dctx_read_end(struct dctx *dc)
{
	if (dc->db != NULL)
		store_read_end(dc->db);
}
