/*
 * call_chair.h: what chairs read about a call: the case list with review
 * progress and mean scores, one case with everything around it, the CSV
 * export, the fairness report's items, the reviewers and the audit trail.
 * Every list is filtered through submission_access(), so a chair with a
 * conflict on a case does not see it anywhere, export included.
 */
#ifndef ETHICA_CALL_CHAIR_H
#define ETHICA_CALL_CHAIR_H

#include <stddef.h>
#include <stdint.h>

#include "domain/fairness.h"
#include "domain/keypage.h"
#include "domain/review.h"

struct buf;

struct chair_submission {
	struct submission_row	 s;
	size_t		 nassigned;
	int64_t		 mean10;	/* mean score x 10, -1 when none */
};

/* Rows a page of the chair's case list shows. */
#define CHAIR_PAGE	50

/* Which page of the chair's case list, and where the next ones start. */
struct chair_page {
	const char	*state;		/* only cases in it; NULL or "": all */
	struct keypage	 k;		/* by id (domain/keypage.h) */
};

/*
 * Chair: one page (at most CHAIR_PAGE) of the cases of a call the chair
 * may see (not drafts), oldest first, each with its assignments and mean
 * score; pg says which page and gets the neighbours' keys. A few indexed
 * queries whatever the size of the call; an unknown state lists nothing.
 */
enum result	call_cases(struct dctx *, int64_t call_id,
		    struct chair_page *pg, struct chair_submission **, size_t *);

/*
 * Chair: the data version of the call (migration 0022) into *version:
 * it moves with every write that changes what call_cases() shows of it,
 * whoever asks (what depends on the chair, conflicts and assignments,
 * moves it too). CACHE_NO_VERSION when the call has none: then nothing
 * may be kept by it.
 */
enum result	call_cases_version(struct dctx *, int64_t call_id,
		    int64_t *version);

struct chair_submission_view {
	struct review_case	 rc;
	struct person_row	*assigned;	/* status: review state */
	size_t			 nassigned;
	struct person_row	*conflicts;
	size_t			 nconflicts;
	struct person_row	*reviewers;	/* every reviewer, with load */
	size_t			 nreviewers;
	struct audit_row	*audit;
	size_t			 naudit;
	struct version_row	*versions;	/* newest first */
	size_t			 nversions;
};

/* Chair: one case with assignments, conflicts, reviews, every submitted
 * version and its audit. */
enum result	call_case(struct dctx *, int64_t submission_id, const char *lang,
		    struct chair_submission_view *);
/* One line of a case's history in words: msgids to translate, and names
 * of people the chair may see. */
struct history_row {
	int64_t		 at;
	const char	*actor;		/* display name; NULL: the system */
	const char	*what;		/* msgid of the event */
	const char	*person;	/* the reviewer concerned, or NULL */
	int		 former;	/* a reviewer no longer known */
	const char	*from;		/* msgid of a state label, or NULL */
	const char	*to;		/* msgid of a state label, or NULL */
	const char	*note;		/* msgid (decision, how), or NULL */
	int64_t		 version;	/* submitted version, 0 when none */
};

/* The audit of cv as history lines, newest first, one per audit row
 * (*out has cv->naudit rows, arena memory). Reviewers are named from the
 * case's own lists (assigned, conflicted, reviewers of the call); an
 * action this table does not know keeps its code as its text. Linear in
 * the rows times the reviewers of the call. Never fails. */
void		call_case_history(struct dctx *,
		    const struct chair_submission_view *, struct history_row **out);
/* Chair: appends the CSV export of the call's cases with mean scores per
 * criterion to out (cells neutralised against CSV injection). */
enum result	call_export_csv(struct dctx *, int64_t call_id, struct buf *);
/* Chair: the fairness items of the call's cases (not withdrawn). */
enum result	call_fairness(struct dctx *, int64_t call_id,
		    struct fairness_item **, size_t *);
/* Chair: a page (at most CHAIR_PAGE) of the audit trail of the call and
 * the cases the chair may see, newest first, by pg. One indexed query. */
enum result	call_audit(struct dctx *, int64_t call_id, struct keypage *pg,
		    struct audit_row **, size_t *);
/* Chair: the reviewers with expertise and load in the call. */
enum result	call_reviewers(struct dctx *, int64_t call_id,
		    struct person_row **, size_t *);

#endif
