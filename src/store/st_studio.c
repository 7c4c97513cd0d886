/*
 * st_studio.c: the course team, the archive mark and the studio's lists
 * (st_studio.h). Never a rule: the domain decides, this stores.
 */
#include <stddef.h>
#include <stdint.h>

#include "lib/mem.h"
#include "store/db.h"
#include "store/st_studio.h"
#include "store/st_util.h"
#include "store/store.h"

int
store_team_role(struct db *db, struct arena *a, int64_t course_id,
    int64_t user_id, char **role)
{
	return (st_str(a, ST_PREP(db, "SELECT role FROM course_team"
	    " WHERE course_id = $1 AND user_id = $2", st_i(course_id),
	    st_i(user_id)), role));
}

int
store_team_put(struct db *db, int64_t course_id, int64_t user_id,
    const char *role, int64_t now)
{
	return (st_run(ST_PREP(db, "INSERT INTO course_team (course_id,"
	    " user_id, role, added_at) VALUES ($1, $2, $3, $4)"
	    " ON CONFLICT (course_id, user_id) DO UPDATE SET role ="
	    " excluded.role", st_i(course_id), st_i(user_id), st_t(role),
	    st_i(now))));
}

int
store_team_remove(struct db *db, int64_t course_id, int64_t user_id)
{
	return (st_run(ST_PREP(db, "DELETE FROM course_team"
	    " WHERE course_id = $1 AND user_id = $2", st_i(course_id),
	    st_i(user_id))));
}

static const struct st_col member_cols[] = {
	ST_COL(struct team_member_row, user_id)
};

int
store_team_members(struct db *db, struct arena *a,
    struct team_member_row **rows, size_t *n)
{
	return (ST_ROWS_COLS(a, db_prepare(db, "SELECT DISTINCT user_id"
	    " FROM course_team ORDER BY user_id"), member_cols, rows, n));
}

static const struct st_col team_cols[] = {
	ST_COL(struct team_row, user_id),
	ST_COL(struct team_row, email),
	ST_COL(struct team_row, display_name),
	ST_COL(struct team_row, role)
};

int
store_team_list(struct db *db, struct arena *a, int64_t course_id,
    size_t max, struct team_row **rows, size_t *n)
{
	return (st_rows_cols(a, ST_PREP(db, "SELECT u.id, u.email,"
	    " u.display_name, t.role FROM course_team t"
	    " JOIN users u ON u.id = t.user_id WHERE t.course_id = $1"
	    " ORDER BY CASE t.role WHEN 'owner' THEN 0 WHEN 'author' THEN 1"
	    " WHEN 'translator' THEN 2 ELSE 3 END, u.display_name, u.id"
	    " LIMIT $2", st_i(course_id), st_i((int64_t)max)), sizeof(**rows),
	    max, team_cols, ST_NITEMS(team_cols), (void **)rows, n));
}

int
store_team_count(struct db *db, int64_t course_id, const char *role,
    int64_t *n)
{
	return (st_int(ST_PREP(db, "SELECT COUNT(*) FROM course_team"
	    " WHERE course_id = $1 AND (CAST($2 AS TEXT) IS NULL OR role = $2)",
	    st_i(course_id),
	    st_t(role)), n));
}

static const struct st_col studio_cols[] = {
	ST_COL(struct studio_course_row, id),
	ST_COL(struct studio_course_row, slug),
	ST_COL(struct studio_course_row, title),
	ST_COL(struct studio_course_row, version),
	ST_COL(struct studio_course_row, archived_at),
	ST_COL(struct studio_course_row, updated_at),
	ST_COL(struct studio_course_row, role)
};

int
store_studio_courses(struct db *db, struct arena *a, int64_t user_id,
    const char *email, int all, const char *lang, size_t max,
    struct studio_course_row **rows, size_t *n)
{
	return (st_rows_cols(a, ST_PREP(db, "SELECT c.id, c.slug,"
	    " COALESCE(u.title, d.title, c.slug), c.version, c.archived_at,"
	    " c.updated_at, COALESCE(t.role, '') FROM courses c"
	    " LEFT JOIN course_texts d ON d.course_id = c.id"
	    " AND d.lang = c.default_language"
	    " LEFT JOIN course_texts u ON u.course_id = c.id AND u.lang = $4"
	    " LEFT JOIN course_team t ON t.course_id = c.id AND t.user_id = $1"
	    " WHERE c.version > 0 AND ($3 = 1 OR t.user_id IS NOT NULL"
	    " OR EXISTS (SELECT 1 FROM course_authors ca"
	    " WHERE ca.course_id = c.id AND ca.email = $2 AND ca.email <> ''))"
	    " ORDER BY COALESCE(u.title, d.title, c.slug), c.id LIMIT $5",
	    st_i(user_id), st_t(email != NULL ? email : ""), st_i(all ? 1 : 0),
	    st_t(lang != NULL ? lang : ""), st_i((int64_t)max)),
	    sizeof(**rows), max, studio_cols, ST_NITEMS(studio_cols),
	    (void **)rows, n));
}

int
store_course_archived(struct db *db, int64_t course_id, int64_t *at)
{
	return (st_int(ST_PREP(db, "SELECT archived_at FROM courses"
	    " WHERE id = $1", st_i(course_id)), at));
}

int
store_course_archive_set(struct db *db, int64_t course_id, int64_t at)
{
	return (st_run(ST_PREP(db, "UPDATE courses SET archived_at = $2"
	    " WHERE id = $1", st_i(course_id), st_i(at))));
}

int
store_lesson_progress_count(struct db *db, const char *slug,
    const char *lesson_key, int64_t *n)
{
	return (st_int(ST_PREP(db, "SELECT COUNT(*) FROM lesson_progress"
	    " WHERE course_slug = $1 AND lesson_key = $2", st_t(slug),
	    st_t(lesson_key)), n));
}
