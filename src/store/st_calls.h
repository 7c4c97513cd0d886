/*
 * st_calls.h: storage of the open call (migration 0005): calls and their
 * texts, rubric and mail templates; submissions, versions and files;
 * reviewer expertise, conflicts, assignments, reviews, scores and the
 * discussion. Return codes and arena rules as in store.h.
 */
#ifndef ETHICA_ST_CALLS_H
#define ETHICA_ST_CALLS_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct arena;
struct db;
struct db_stmt;

struct call_row {
	int64_t		 id;
	char		*default_lang;
	int64_t		 opens_at;
	int64_t		 closes_at;
	char		*blind_mode;	/* open single double */
	int64_t		 reviewers_per_case;
	char		*public_fields;	/* comma-separated field names */
	char		*title;		/* asked language, else default */
	char		*description;
	int64_t		 created_at;
};

#define CRIT_NANCHORS	5	/* a criterion's scale: 1 to 5, each anchored */

struct crit_row {
	int64_t		 id;
	int64_t		 position;
	char		*name;
	char		*description;
	char		*anchor[CRIT_NANCHORS];
};

struct submission_row {
	int64_t		 id;
	int64_t		 call_id;
	int64_t		 submitter_id;
	char		*submitter_name;
	char		*submitter_email;
	char		*submitter_lang;
	char		*state;
	int64_t		 version;
	char		*organisation;
	char		*sector;
	char		*country;
	char		*category;
	char		*tags;
	char		*title;
	char		*summary;
	char		*ai_system;
	char		*actions;
	char		*outcomes;
	char		*lessons;
	char		*links;
	char		*language;
	int64_t		 consent_publish;
	int64_t		 consent_contact;
	char		*collaborators;
	char		*decision;
	char		*decision_reason;
	int64_t		 submitted_at;
	int64_t		 decided_at;
	int64_t		 created_at;
	int64_t		 updated_at;
};

struct file_row {
	int64_t		 id;
	int64_t		 submission_id;
	char		*filename;
	char		*content_type;
	int64_t		 size;
	void		*data;		/* only from store_file_get */
};

struct person_row {
	int64_t		 id;
	char		*email;
	char		*display_name;
	char		*country;
	char		*language;
	char		*organisation;
	char		*principles;
	char		*regions;
	char		*languages;
	char		*status;	/* conflicts: declared proposed ... */
	char		*reason;
	int64_t		 load;		/* reviewers_in_call: assignments */
};

struct pair_row {
	int64_t		 submission_id;
	int64_t		 user_id;
};

struct review_row {
	int64_t		 id;
	int64_t		 submission_id;
	int64_t		 user_id;
	char		*display_name;
	char		*state;
	char		*to_submitter;
	char		*confidential;
	int64_t		 updated_at;
	int64_t		 submitted_at;
};

struct score_row {
	int64_t		 review_id;	/* or submission id in sums */
	int64_t		 criterion_id;
	int64_t		 score;		/* sum in sums */
	int64_t		 n;		/* count in sums */
};

struct version_row {
	int64_t		 version;
	char		*snapshot;
	int64_t		 created_at;
};

struct post_row {
	int64_t		 id;
	int64_t		 user_id;
	char		*display_name;
	char		*body;
	int64_t		 created_at;
};

/* ---- calls ---- */
int	store_call_insert(struct db *, const struct call_row *, int64_t now,
	    int64_t *id);
int	store_call_update(struct db *, const struct call_row *, int64_t now);
/* The data version of a call (migration 0022): moved by every writing
 * transaction that changes what its chair's case list shows. STORE_OK,
 * STORE_NOT_FOUND (a call without one), or STORE_ERROR. */
int	store_call_data_version(struct db *, int64_t call_id,
	    int64_t *version);
int	store_call_get(struct db *, struct arena *, int64_t id,
	    const char *lang, struct call_row *);
/* Every call, newest closing date first. */
int	store_call_list(struct db *, struct arena *, const char *lang,
	    struct call_row **, size_t *);
/* *t: the smallest opens_at or closes_at of any call after now, 0 when
 * there is none (two index seeks). */
int	store_call_next_change(struct db *, int64_t now, int64_t *t);
/* The call that closes first among those open at now, else the one that
 * opens first after now, read as store_call_get() reads it (texts in
 * lang, else the call's default language). STORE_NOT_FOUND when there is
 * none. */
int	store_call_headline(struct db *, struct arena *, const char *lang,
	    int64_t now, struct call_row *);
int	store_call_text_set(struct db *, int64_t call_id, const char *lang,
	    const char *title, const char *description);
/* Exactly the text of lang (STORE_NOT_FOUND when there is none). */
int	store_call_text_get(struct db *, struct arena *, int64_t call_id,
	    const char *lang, char **title, char **description);
int	store_criteria_list(struct db *, struct arena *, int64_t call_id,
	    struct crit_row **, size_t *);
int	store_criterion_insert(struct db *, int64_t call_id,
	    const struct crit_row *);
int	store_criterion_update(struct db *, int64_t call_id,
	    const struct crit_row *);
/* Removes criterion id of call_id (its scores go with it). */
int	store_criterion_delete(struct db *, int64_t call_id, int64_t id);
int	store_mail_tmpl_get(struct db *, struct arena *, int64_t call_id,
	    const char *lang, const char *decision, char **subject,
	    char **body);
int	store_mail_tmpl_set(struct db *, int64_t call_id, const char *lang,
	    const char *decision, const char *subject, const char *body);
/* Number of scores given on the call's rubric. */
int	store_call_score_count(struct db *, int64_t call_id, int64_t *n);

/* ---- submissions ---- */
int	store_sub_insert(struct db *, const struct submission_row *, int64_t now,
	    int64_t *id);
/* Writes the content fields (not state, version, decision). */
int	store_sub_update(struct db *, const struct submission_row *, int64_t now);
int	store_sub_get(struct db *, struct arena *, int64_t id,
	    struct submission_row *);
/* Sets state; version and submitted_at when bump is set. */
int	store_sub_set_state(struct db *, int64_t id, const char *state,
	    int bump, int64_t now);
int	store_sub_set_decision(struct db *, int64_t id, const char *decision,
	    const char *reason, int64_t now);
/* The call's submissions other than drafts, oldest first. */
int	store_sub_list_call(struct db *, struct arena *, int64_t call_id,
	    struct submission_row **, size_t *);
/* At most limit of user_id's own submissions, newest first (by id), from
 * cursor (domain/keypage.h: 0 the first, k > 0 after id k, -k before id
 * k nearest first). One range of submissions_submitter_id. */
int	store_sub_list_user(struct db *, struct arena *, int64_t user_id,
	    int64_t cursor, size_t limit, struct submission_row **, size_t *);

/* A row of a list of cases as its viewer sees it (the chair's list of a
 * call, a reviewer's assignments): the case with its assignments and the
 * sum and count of its submitted scores, the state of the viewer's own
 * review ("" when none), and whether the viewer has an undismissed
 * conflict with it or is assigned to it. */
struct submission_listed {
	struct submission_row	 s;
	int64_t		 nassigned;
	int64_t		 score_sum;
	int64_t		 score_n;
	char		*review_state;
	int		 conflicted;
	int		 assigned;
};

/*
 * At most limit of the call's submissions other than drafts (in state
 * when state is not empty), by id: those after id "after" ascending, or
 * (after < 0) those before id -after descending. One range of an index;
 * each row holds only id, call_id, submitter_id, state, title, country,
 * category and decision (the other fields are NULL), the counts the
 * row keeps, and viewer_id's conflict and assignment (two primary-key
 * probes a row), so that the list needs no other query to tell what the
 * viewer may see.
 */
int	store_sub_page_call(struct db *, struct arena *, int64_t call_id,
	    int64_t viewer_id, const char *state, int64_t after, size_t limit,
	    struct submission_listed **, size_t *);
/*
 * Recounts the assignments and the submitted reviews' scores that
 * submission submission_id keeps for the chair's list. Every store function that
 * changes them calls it (assignments added or removed, reviews saved,
 * scores set), so that it runs in the caller's transaction.
 */
int	store_submission_recount(struct db *, int64_t submission_id);
int	store_sub_version_add(struct db *, int64_t id, int64_t version,
	    const char *snapshot, int64_t now);
/* Every submitted version of a submission, newest first. */
int	store_sub_versions(struct db *, struct arena *, int64_t id,
	    struct version_row **, size_t *);

/* ---- attachments ---- */
int	store_file_add(struct db *, int64_t submission_id, const char *name,
	    const char *type, const void *data, size_t len, int64_t now,
	    int64_t *id);
int	store_file_list(struct db *, struct arena *, int64_t submission_id,
	    struct file_row **, size_t *);
int	store_file_get(struct db *, struct arena *, int64_t submission_id,
	    int64_t id, struct file_row *);
int	store_file_delete(struct db *, int64_t submission_id, int64_t id);

/* ---- reviewers, expertise, conflicts, assignments ---- */
int	store_expertise_get(struct db *, struct arena *, int64_t user_id,
	    struct person_row *);
int	store_expertise_set(struct db *, const struct person_row *,
	    int64_t now);
/* Verified users with role reviewer, with expertise and their number of
 * assignments in call_id. */
int	store_reviewers_in_call(struct db *, struct arena *, int64_t call_id,
	    struct person_row **, size_t *);
int	store_conflict_set(struct db *, int64_t submission_id, int64_t user_id,
	    const char *status, const char *reason, int64_t now);
/* Inserts a proposed conflict unless the pair has a row. */
int	store_conflict_propose(struct db *, int64_t submission_id, int64_t user_id,
	    const char *reason, int64_t now);
int	store_conflicts_for_submission(struct db *, struct arena *, int64_t submission_id,
	    struct person_row **, size_t *);
/*
 * The (submission, user) pairs of call_id, of user_id alone or of every
 * user (user_id 0), ordered by submission then user: its conflicts not
 * dismissed into *conf and *nconf, its assignments into *asg and *nasg
 * (arrays in the arena). The callers always want both: who may not
 * review a case, and who already does. STORE_ERROR on a failure.
 */
int	store_call_pairs(struct db *, struct arena *, int64_t call_id,
	    int64_t user_id, struct pair_row **conf, size_t *nconf,
	    struct pair_row **asg, size_t *nasg);
/* The conflicts user_id declared in call_id and still stands by
 * (status "declared"), oldest first: submission_id, reason, when. */
struct declared_row {
	int64_t		 submission_id;
	char		*reason;
	int64_t		 created_at;
};
int	store_conflicts_declared(struct db *, struct arena *, int64_t call_id,
	    int64_t user_id, struct declared_row **, size_t *);
/* Deletes the conflict of user_id on submission_id if its status is status. */
int	store_conflict_del(struct db *, int64_t submission_id, int64_t user_id,
	    const char *status);
int	store_assign_add(struct db *, int64_t submission_id, int64_t user_id,
	    int64_t by, int64_t now);
int	store_assign_del(struct db *, int64_t submission_id, int64_t user_id);
int	store_assign_for_submission(struct db *, struct arena *, int64_t submission_id,
	    struct person_row **, size_t *);
/* At most limit of user_id's assignments, newest case first (by
 * submission id), from cursor (as store_sub_list_user()). Each row holds
 * what a row of store_sub_page_call() holds, as user_id sees it (assigned
 * is 1), with the state of user_id's review. One range of
 * assignments_user_sub. */
int	store_assign_for_user(struct db *, struct arena *, int64_t user_id,
	    int64_t cursor, size_t limit, struct submission_listed **, size_t *);

/* ---- reviews, scores, discussion ---- */
int	store_review_get(struct db *, struct arena *, int64_t submission_id,
	    int64_t user_id, struct review_row *);
int	store_review_save(struct db *, int64_t submission_id, int64_t user_id,
	    const char *to_submitter, const char *confidential, int submit,
	    int64_t now, int64_t *id);
int	store_reviews_for_submission(struct db *, struct arena *, int64_t submission_id,
	    struct review_row **, size_t *);
int	store_score_set(struct db *, int64_t review_id, int64_t crit_id,
	    int64_t score);
int	store_scores_for_submission(struct db *, struct arena *, int64_t submission_id,
	    struct score_row **, size_t *);
/* Per submission and criterion: sum and count of submitted scores, in
 * order of submission id, then criterion id. */
int	store_score_sums_call(struct db *, struct arena *, int64_t call_id,
	    struct score_row **, size_t *);
int	store_post_add(struct db *, int64_t submission_id, int64_t user_id,
	    const char *body, int64_t now);
int	store_posts_for_submission(struct db *, struct arena *, int64_t submission_id,
	    struct post_row **, size_t *);
/* At most limit audit entries about the call and its submissions as a
 * chair user_id may read them (no drafts, not the chair's own, none with
 * a live conflict), newest first, from cursor (domain/keypage.h). One
 * range of audit_log_call. */
int	store_call_audit(struct db *, struct arena *, int64_t call_id,
	    int64_t user_id, int64_t cursor, size_t limit,
	    struct audit_row **, size_t *);
int	store_sub_audit(struct db *, struct arena *, int64_t submission_id,
	    struct audit_row **, size_t *);

#endif
