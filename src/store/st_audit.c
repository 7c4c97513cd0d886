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
	if ((s = db_prepare(db, "INSERT INTO audit_log (at, actor_id, action,"
	    " object_type, object_id, detail, call_id) VALUES ($1,"
	    " NULLIF($2, 0), $3, $4, $5, $6, CASE WHEN $4 = 'call' THEN $7"
	    " WHEN $4 = 'submission' THEN (SELECT call_id FROM submissions"
	    " WHERE id = $7) END)")) == NULL)
		return (STORE_ERROR);
	db_bind_int(s, 1, now);
	db_bind_int(s, 2, actor_id);
	db_bind_text(s, 3, action);
	db_bind_text(s, 4, object_type);
	db_bind_text(s, 5, object_id);
	db_bind_text(s, 6, detail != NULL ? detail : "");
	db_bind_int(s, 7, strtoll(object_id, NULL, 10));
	return (st_run(s));
}

/* Whether entry l is about a submission, or the library case made from
 * it, on which user $3 has a conflict not dismissed. */
#define HIDDEN "EXISTS (SELECT 1 FROM conflicts k LEFT JOIN cases c ON" \
	" c.submission_id = k.submission_id WHERE k.user_id = $3 AND" \
	" k.status <> 'dismissed' AND ((l.object_type = 'submission' AND" \
	" l.object_id = CAST(k.submission_id AS TEXT)) OR (l.object_type =" \
	" 'case' AND l.object_id = CAST(c.id AS TEXT))))"
#define AUDIT_SEL "SELECT l.id, l.at, COALESCE(l.actor_id, 0)," \
	" COALESCE(u.display_name, ''), l.action, l.object_type," \
	" l.object_id, l.detail FROM audit_log l LEFT JOIN users u" \
	" ON u.id = l.actor_id"

int
store_audit_list(struct db *db, struct arena *a, int64_t hidden_for,
    int64_t cursor, size_t limit, struct audit_row **rows, size_t *nrows)
{
	struct db_stmt	*s;
	struct audit_row *r;
	size_t		 n;
	int		 rc;

	/* Newest first, one walk down the primary key. */
	if ((s = db_prepare(db, cursor >= 0 ? AUDIT_SEL " WHERE l.id < $1"
	    " AND NOT " HIDDEN " ORDER BY l.id DESC LIMIT $2" : AUDIT_SEL
	    " WHERE l.id > $1 AND NOT " HIDDEN " ORDER BY l.id LIMIT $2"))
	    == NULL)
		return (STORE_ERROR);
	*rows = arena_alloc(a, sizeof(**rows) * (limit > 0 ? limit : 1));
	db_bind_int(s, 1, cursor > 0 ? cursor : cursor < 0 ? -cursor :
	    INT64_MAX);
	db_bind_int(s, 2, (int64_t)limit);
	db_bind_int(s, 3, hidden_for);
	n = 0;
	while ((rc = db_step(s)) == DB_ROW && n < limit) {
		r = &(*rows)[n++];
		r->id = db_col_int(s, 0);
		r->at = db_col_int(s, 1);
		r->actor_id = db_col_int(s, 2);
		r->actor_name = st_text(a, s, 3);
		r->action = st_text(a, s, 4);
		r->object_type = st_text(a, s, 5);
		r->object_id = st_text(a, s, 6);
		r->detail = st_text(a, s, 7);
	}
	db_reset(s);
	*nrows = n;
	return (rc == DB_DONE || rc == DB_ROW ? STORE_OK : STORE_ERROR);
}
