/*
 * studio.h: the course studio (issue 16): authors create a course and
 * edit its outline in the browser. The studio edits the package itself
 * (course.yaml, rewritten by studio_manifest(), and the lesson files)
 * and stores every change as a new version through the import's path
 * (pkg_load, the case check, course_store_version): a course made here
 * exports to the same files, and a package imported from git opens here.
 *
 * Who may do what is the rule table of studio.c, in one place: the team
 * roles (owner, author, translator, reviewer; migration 0024), an author
 * listed with an e-mail in course.yaml counts as an author, admins may
 * do everything. The caps of every repeated thing are the constants
 * below; forms and pages ask them.
 */
#ifndef ETHICA_STUDIO_H
#define ETHICA_STUDIO_H

#include <stddef.h>
#include <stdint.h>

#include "domain/dctx.h"
#include "domain/package.h"
#include "domain/result.h"

struct arena;
struct buf;
struct form_errors;
struct team_row;
struct studio_course_row;

#define STUDIO_LANGS_MAX	7	/* the UI languages */
#define STUDIO_MODULES_MAX	30	/* modules in a course */
#define STUDIO_LESSONS_MAX	40	/* lessons in a module */
#define STUDIO_TEAM_MAX		50	/* members of a course team */
#define STUDIO_TAGS_MAX		16	/* values, principles, policy areas */
#define STUDIO_TITLE_MAX	160	/* characters of a title */
#define STUDIO_SUMMARY_MAX	1000	/* characters of a summary */
#define STUDIO_COURSES_MAX	500	/* courses on the studio's home */
#define STUDIO_MINUTES_MAX	600	/* minutes of one lesson */

enum studio_role {
	STUDIO_NONE = 0,
	STUDIO_REVIEWER,
	STUDIO_TRANSLATOR,
	STUDIO_AUTHOR,
	STUDIO_OWNER,
	STUDIO_ADMIN,		/* not a team role: a site administrator */
	STUDIO_NROLES
};

enum studio_act {
	STUDIO_OPEN = 0,	/* see the course in the studio */
	STUDIO_OUTLINE,		/* edit the outline and the settings */
	STUDIO_TEXT,		/* edit lesson text */
	STUDIO_TRANSLATE,	/* edit the text of another language */
	STUDIO_TEAM,		/* give and take roles */
	STUDIO_ARCHIVE,		/* archive and unarchive */
	STUDIO_SUBMIT,		/* submit the head for review */
	STUDIO_APPROVE,		/* approve it, or return it with a comment */
	STUDIO_PUBLISH,		/* publish it (studio_version_flow.c) */
	STUDIO_NACTS
};

/* 1 when role may do act: the rule table. */
int		 studio_role_may(enum studio_role, enum studio_act);
/* The team role named name ("owner"...), STUDIO_NONE when none. */
enum studio_role studio_role_parse(const char *name);
/* The stored name of a team role ("owner"...), NULL for the others. */
const char	*studio_role_name(enum studio_role);
/* The role's name for people, a msgid. */
const char	*studio_role_label(enum studio_role);
/* The team roles, NULL-terminated, in order of falling power. */
extern const char *const studio_team_roles[];
/* 1 when user may create courses (admins, users with the author role). */
int		 studio_may_create(const struct user *);
/* The licences a course may choose; the first is the default. */
extern const char *const studio_licences[];

/* The studio's home: the courses dc->user may open (all for admins),
 * titles in lang. RES_FORBIDDEN for anonymous visitors. */
enum result	 studio_home(struct dctx *, const char *lang,
		    struct studio_course_row **rows, size_t *n);

/* A course opened in the studio: its current package, loaded into dc->a
 * (the caller may change pkg and files: they are its own copies). */
struct studio_course {
	int64_t			 id;
	const char		*slug;
	int64_t			 version;
	int64_t			 archived_at;
	enum studio_role	 role;
	struct course_pkg	*pkg;
	struct pkg_files	 files;
};

/*
 * Opens course slug for act: RES_NOT_FOUND when there is no such course
 * or dc->user may not even open it (an author of another course learns
 * nothing of it), RES_FORBIDDEN when they may open it but not do act,
 * RES_INTERNAL. Reads only.
 */
enum result	 studio_open(struct dctx *, const char *slug,
		    enum studio_act, struct studio_course *);
/* 1 when dc->user may do act on the course with id (a page hides the
 * controls with it; the domain checks again). */
int		 studio_user_may(struct dctx *, int64_t course_id,
		    enum studio_act);
/* studio_user_may without the per-worker cache of team members, for a
 * pool thread (offload.h). */
int		 studio_user_may_uncached(struct dctx *, int64_t course_id,
		    enum studio_act);

/* The new-course form, as parsed text; lists are comma-separated. */
struct studio_new {
	const char	*slug;
	const char	*title;
	const char	*summary;
	const char	*languages;	/* the default language is added */
	const char	*default_language;
	const char	*level;
	const char	*licence;
	const char	*values;
	const char	*principles;
	const char	*policy_areas;
	const char	*track;
	const char	*module_title;
	const char	*lesson_title;
};

/*
 * The package of a new course (course.yaml and one lesson file per
 * language) into files, or RES_INVALID with the problems in fe (field
 * by field, msgids). Pure: no store. author names the first author.
 */
enum result	 studio_new_package(struct arena *, const struct studio_new *,
		    const char *author, struct pkg_files *files,
		    struct form_errors *fe);
/*
 * Creates the course: checks who may (RES_FORBIDDEN), the form
 * (RES_INVALID, fe), that the slug is free (RES_INVALID), the package
 * (RES_INVALID, errs), then in one transaction stores it as version 1
 * and makes dc->user its owner. *slug gets the course's slug.
 */
enum result	 studio_create(struct dctx *, const struct studio_new *,
		    struct form_errors *, struct pkg_errors *);

enum studio_op {
	SOP_NONE = 0,
	SOP_MODULE_ADD,
	SOP_MODULE_RENAME,
	SOP_MODULE_UP,
	SOP_MODULE_DOWN,
	SOP_MODULE_REMOVE,
	SOP_LESSON_ADD,
	SOP_LESSON_RENAME,
	SOP_LESSON_UP,
	SOP_LESSON_DOWN,
	SOP_LESSON_REMOVE,
	SOP_LESSON_REQUIRED,
	SOP_COMPLETION
};

/* One change of the outline, as the forms send it. */
struct studio_edit {
	enum studio_op	 op;
	const char	*module;	/* module id */
	const char	*lesson;	/* lesson id */
	const char	*title;		/* add, rename */
	const char	*lang;		/* rename: the title's language
					   (NULL: the default language) */
	const char	*lesson_title;	/* module add: its first lesson */
	const char	*track;		/* module add */
	int		 required;	/* SOP_LESSON_REQUIRED */
	int		 required_all;	/* SOP_COMPLETION */
	int		 quizzes_graded; /* SOP_COMPLETION */
	int		 confirm;	/* remove despite learners' progress */
};

/* The operation named name ("module-add"...), SOP_NONE when unknown. */
enum studio_op	 studio_op_parse(const char *name);

/*
 * Applies e to the package in memory (pkg and files, arena a): ids stay
 * as they are (a renamed or moved lesson keeps its id, so its learners'
 * progress), new modules and lessons get fresh ids and a file per
 * language, removed lessons lose their files. RES_INVALID with a msgid
 * in fe when e cannot apply (moving the first up, removing the last
 * lesson of a module or the last module, a cap reached, an empty title,
 * an unknown id). Pure: no store.
 */
enum result	 studio_outline_apply(struct arena *, struct course_pkg *,
		    struct pkg_files *, const struct studio_edit *,
		    struct form_errors *);
/*
 * Applies e to course slug and stores the result as a new version (one
 * transaction). Removing lessons that learners have progress in needs
 * e->confirm: else RES_CONFLICT with their number in *learners and
 * nothing written. RES_NOT_FOUND, RES_FORBIDDEN (studio_open),
 * RES_INVALID (fe or errs), RES_INTERNAL.
 */
enum result	 studio_outline_edit(struct dctx *, const char *slug,
		    const struct studio_edit *, struct form_errors *,
		    struct pkg_errors *, int64_t *learners);

/*
 * Writes course.yaml from sc->pkg (sc opened by the caller for the act it
 * does, its pkg and files changed) and stores sc's package as a new
 * version with note, read back and checked as an import is (RES_INVALID
 * with errs, nothing stored), with also(dc, arg) (may be NULL; -1 rolls
 * back) in the same transaction. RES_OK, RES_INVALID, RES_INTERNAL.
 */
enum result	 studio_save(struct dctx *, struct studio_course *,
		    const char *note, struct pkg_errors *,
		    int (*also)(struct dctx *, void *), void *arg);

/*
 * course.yaml for pkg: every key the format has, in its order, strings
 * double-quoted. pkg_parse_manifest() of it gives pkg back. Arena text.
 */
char		*studio_manifest(struct arena *, const struct course_pkg *);

/* 1 when v is a required one-line (or, with nl, several-line) text of at
 * most max characters; else 0 and an error for field in fe. */
int		 studio_text_ok(struct form_errors *, const char *field,
		    const char *v, size_t max, int nl);
/* The same text in every language of langs (arena copies). */
struct pkg_i18n	 studio_i18n_all(struct arena *, const struct pkg_list *langs,
		    const char *text);
/* Sets t's text in lang; when lang is def, the languages whose text was
 * a copy of def's (not translated yet) follow. */
void		 studio_i18n_set(struct arena *, struct pkg_i18n *t,
		    const char *lang, const char *def, const char *text);
/* s as a YAML double-quoted scalar; KEY: { lang: "text", ... } after
 * the indent ind and a newline (studio_manifest's writers). */
void		 studio_yaml_str(struct buf *, const char *s);
void		 studio_yaml_i18n(struct buf *, const char *ind,
		    const char *key, const struct pkg_i18n *t);

/* The team of course slug (STUDIO_OPEN), at most STUDIO_TEAM_MAX. */
enum result	 studio_team(struct dctx *, const char *slug,
		    struct studio_course *, struct team_row **rows,
		    size_t *n);
/*
 * Gives the account with email the team role (STUDIO_TEAM): RES_INVALID
 * with fe for an unknown address or role, a full team, or a change that
 * would leave the course without an owner. One transaction.
 */
enum result	 studio_team_put(struct dctx *, const char *slug,
		    const char *email, const char *role,
		    struct form_errors *);
/* Takes user_id off the team (STUDIO_TEAM); RES_INVALID (fe) for the
 * last owner. */
enum result	 studio_team_remove(struct dctx *, const char *slug,
		    int64_t user_id, struct form_errors *);
/* Archives (archive 1) or unarchives course slug (STUDIO_ARCHIVE). */
enum result	 studio_archive(struct dctx *, const char *slug, int archive);

#endif
