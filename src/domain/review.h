/*
 * review.h: the advisory group's side: reviewers' expertise, conflicts of
 * interest (declared by reviewers, proposed by the system, confirmed or
 * dismissed by chairs), reviews on the call's rubric, and the discussion
 * of a case. Every read goes through submission_access() (a conflicted
 * reviewer gets RES_NOT_FOUND everywhere).
 *
 * A reviewer sees the other reviews and the discussion of a case only
 * after submitting their own; chairs see them always.
 */
#ifndef ETHICA_REVIEW_H
#define ETHICA_REVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "domain/keypage.h"
#include "domain/submission.h"

struct review_case {
	struct submission_view	 v;
	struct review_row mine;
	int		 have_mine;
	int64_t		*my_scores;	/* by criterion: v.call.ncrit */
	int		 can_edit;	/* reviewer, case under review */
	int		 see_others;
	struct review_row *reviews;	/* all, when see_others */
	size_t		 nreviews;
	struct score_row *scores;	/* of those reviews */
	size_t		 nscores;
	struct post_row	*posts;
	size_t		 nposts;
	/* In double-blind calls a reviewer sees the other reviewers of the
	 * case as "Reviewer A, B, ...": alias[i] is the letter ("A") of
	 * reviews[i] / posts[i], with its display_name blanked; NULL where
	 * the name shows (chairs see every name). Stable per case: by
	 * assignment order, then by first review. */
	const char	**review_alias;
	const char	**post_alias;
};

/* A case for its reviewer or a chair; RES_NOT_FOUND otherwise. */
enum result	 review_case(struct dctx *, int64_t submission_id, const char *lang,
		    struct review_case *);
/*
 * The acting reviewer's review of submission_id: scores[i] (0 = none, 1..5) for
 * the call's i-th criterion, comments to the submitter and confidential
 * comments. submit requires every score and the comments to the
 * submitter. RES_CONFLICT unless the case is under review.
 */
enum result	 review_save(struct dctx *, int64_t submission_id,
		    const int64_t *scores, size_t n, const char *to_submitter,
		    const char *confidential, int submit,
		    struct form_errors *);
/* Adds to the discussion of submission_id (reviewer who submitted, or chair). */
enum result	 review_post(struct dctx *, int64_t submission_id, const char *body,
		    struct form_errors *);
/* Where the acting reviewer stands on one assigned case. */
enum review_progress {
	REVIEW_NOT_STARTED,
	REVIEW_DRAFT,
	REVIEW_SUBMITTED
};
/* Rows a page of the reviewer's list shows. */
#define REVIEW_PAGE	50
/* One case of the reviewer's list: the fields store_assign_for_user()
 * reads, and the reviewer's own progress on it. */
struct review_assigned {
	struct submission_row		 s;
	enum review_progress	 progress;
};
/* A page of the acting reviewer's assigned cases (conflicted ones
 * never), newest case first, by pg (domain/keypage.h); at most
 * REVIEW_PAGE rows in *rows (arena memory). A few indexed queries
 * whatever the number of assignments. */
enum result	 review_assignments(struct dctx *, struct keypage *pg,
		    struct review_assigned **, size_t *);
/* Cases of a call a reviewer may declare a conflict with: not drafts,
 * not withdrawn, not already conflicted; organisation blanked in
 * double-blind calls. */
enum result	 review_candidates(struct dctx *, int64_t call_id,
		    struct submission_row **, size_t *);
/* Reviewer: declares a conflict with submission_id (removes an assignment). */
enum result	 review_conflict_declare(struct dctx *, int64_t submission_id,
		    const char *reason);
/* The label msgid of a conflict status ("declared", "proposed",
 * "confirmed", "dismissed"); the status itself when unknown. */
const char	*review_conflict_label(const char *status);
/* Reviewer: the conflicts the acting user declared in call_id and may
 * still undo (not those a chair confirmed or the system proposed). No
 * title: a conflicted reviewer learns nothing more of the case, so a
 * declaration is known by its date and the reviewer's own reason. */
enum result	 review_conflicts_mine(struct dctx *, int64_t call_id,
		    struct declared_row **, size_t *);
/* Reviewer: takes back their own declared conflict on submission_id, audited,
 * in one transaction. RES_NOT_FOUND when the acting user has no declared
 * conflict there (a chair's confirmed one is not theirs to undo). The
 * assignment the declaration removed is not restored. */
enum result	 review_conflict_undo(struct dctx *, int64_t submission_id);
/* Chair: sets the conflict of user_id on submission_id to "confirmed" or
 * "dismissed" (confirming removes an assignment). */
enum result	 review_conflict_set(struct dctx *, int64_t submission_id,
		    int64_t user_id, const char *status);
/* Chair: proposes conflicts for every case of the call: same
 * organisation, same email domain (webmail domains ignored), listed
 * collaborators. *found counts new proposals. */
enum result	 review_conflicts_detect(struct dctx *, int64_t call_id,
		    size_t *found);
/* A reviewer's expertise (the user themself, or a chair). */
enum result	 review_expertise(struct dctx *, int64_t user_id,
		    struct person_row *);
/* The most items each expertise list may hold; more is refused. */
#define REVIEW_MAX_PRINCIPLES	32
#define REVIEW_MAX_REGIONS	8
#define REVIEW_MAX_LANGUAGES	32

/* Saves organisation, principles, regions, languages (comma lists, each
 * capped above). */
enum result	 review_expertise_save(struct dctx *, int64_t user_id,
		    const char *organisation, const char *principles,
		    const char *regions, const char *languages,
		    struct form_errors *);
/* Whether the pair (reviewer, submission) looks conflicted; the reason
 * as an English msgid, or NULL (exposed for tests). */
const char	*review_conflict_reason(const struct person_row *,
		    const struct submission_row *);

#endif
