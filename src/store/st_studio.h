/*
 * st_studio.h: what the studio (src/domain/studio.c) reads and writes
 * beside course versions: the course team (table course_team, migration
 * 0024), the archive mark of a course, the courses a user may open in
 * the studio, and whether learners have progress in a lesson. The rules
 * (who may do what, the caps) are the domain's; this only stores.
 */
#ifndef ETHICA_ST_STUDIO_H
#define ETHICA_ST_STUDIO_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

struct team_row {
	int64_t		 user_id;
	char		*email;
	char		*display_name;
	char		*role;		/* owner author translator reviewer */
};

struct studio_course_row {
	int64_t		 id;
	char		*slug;
	char		*title;		/* in lang, else the default language */
	int64_t		 version;
	int64_t		 archived_at;	/* 0: in the catalog */
	int64_t		 updated_at;
	char		*role;		/* the viewer's team role, or "" */
};

/* Someone on some course's team. */
struct team_member_row {
	int64_t	 user_id;
};

/* Everyone on some course's team, by user id ascending. */
int	store_team_members(struct db *, struct arena *,
	    struct team_member_row **rows, size_t *n);
/* The role of user_id in course_id's team into *role (arena);
 * STORE_NOT_FOUND when not in it, STORE_ERROR. */
int	store_team_role(struct db *, struct arena *, int64_t course_id,
	    int64_t user_id, char **role);
/* Adds user_id with role, or changes their role. STORE_OK, STORE_ERROR. */
int	store_team_put(struct db *, int64_t course_id, int64_t user_id,
	    const char *role, int64_t now);
/* Removes user_id from the team (no row: STORE_OK too). */
int	store_team_remove(struct db *, int64_t course_id, int64_t user_id);
/* The team, owners first then by name, at most max rows. */
int	store_team_list(struct db *, struct arena *, int64_t course_id,
	    size_t max, struct team_row **rows, size_t *n);
/* The number of members with role (NULL: any) in course_id's team. */
int	store_team_count(struct db *, int64_t course_id, const char *role,
	    int64_t *n);
/*
 * The courses (with content) whose team holds user_id or whose manifest
 * lists email as an author; every course when all is set. Titles in
 * lang (else the default language), at most max rows, by title.
 */
int	store_studio_courses(struct db *, struct arena *, int64_t user_id,
	    const char *email, int all, const char *lang, size_t max,
	    struct studio_course_row **rows, size_t *n);
/* The archive mark of course_id into *at (0: not archived). */
int	store_course_archived(struct db *, int64_t course_id, int64_t *at);
/* Sets it (0 unarchives). */
int	store_course_archive_set(struct db *, int64_t course_id, int64_t at);
/* The number of learners who marked lesson_key of course slug done. */
int	store_lesson_progress_count(struct db *, const char *slug,
	    const char *lesson_key, int64_t *n);

#endif
