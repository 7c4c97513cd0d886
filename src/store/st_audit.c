/*
 * st_audit.c: the append-only audit log (who did what, when, to what).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "lib/mem.h"
#include "store/db.h"
#include "store/st_util.h"
#include "store/store.h"

int
store_audit_add(struct db *db, int64_t now, int64_t actor_id,
    const char *action, const char *object_type, const char *object_id,
    const char *detail)
{
	struct db_stmt	*s;

	/* The call the entry is about, for the chair's audit of a call. */
	s = ST_PREP(db, "INSERT INTO audit_log (at, actor_id, action,"
	    " object_type, object_id, detail, call_id) VALUES ($1,"
	    " NULLIF($2, 0), $3, $4, $5, $6, CASE WHEN $4 = 'call' THEN $7"
	    " WHEN $4 = 'submission' THEN (SELECT call_id FROM submissions"
	    " WHERE id = $7) END)", st_i(now), st_i(actor_id), st_t(action),
	    st_t(object_type), st_t(object_id),
	    st_t(detail != NULL ? detail : ""),
	    st_i(strtoll(object_id, NULL, 10)));
	return (st_run(s));
}

/* Whether entry l is about a submission, or the library case made from
 * it, on which user $3 has a conflict not dismissed. */
#define HIDDEN "EXISTS (SELECT 1 FROM conflicts k LEFT JOIN cases c ON" \
	" c.submission_id = k.submission_id WHERE k.user_id = $3 AND" \
	" k.status <> 'dismissed' AND ((l.object_type = 'submission' AND" \
	" l.object_id = CAST(k.submission_id AS TEXT)) OR (l.object_type =" \
	" 'case' AND l.object_id = CAST(c.id AS TEXT))))"

/* ST_AUDIT_SEL, in order. */
static const struct st_col audit_cols[] = {
	ST_COL(struct audit_row, id),
	ST_COL(struct audit_row, at),
	ST_COL(struct audit_row, actor_id),
	ST_COL(struct audit_row, actor_name),
	ST_COL(struct audit_row, action),
	ST_COL(struct audit_row, object_type),
	ST_COL(struct audit_row, object_id),
	ST_COL(struct audit_row, detail)
};

void
st_audit_read(struct arena *a, struct db_stmt *s, void *p)
{
	st_cols_read(a, s, 0, audit_cols, ST_NITEMS(audit_cols), p);
}

int
store_audit_list(struct db *db, struct arena *a, int64_t hidden_for,
    int64_t cursor, size_t limit, struct audit_row **rows, size_t *nrows)
{
	struct db_stmt	*s;

	/* Newest first, one walk down the primary key. */
	s = ST_PREP(db, cursor >= 0 ? ST_AUDIT_SEL " WHERE l.id < $1"
	    " AND NOT " HIDDEN " ORDER BY l.id DESC LIMIT $2" : ST_AUDIT_SEL
	    " WHERE l.id > $1 AND NOT " HIDDEN " ORDER BY l.id LIMIT $2",
	    st_i(st_page_key(cursor)),
	    st_i((int64_t)limit), st_i(hidden_for));
	return (ST_ROWS(a, s, st_audit_read, rows, nrows));
}
