/*
 * submission.h: cases submitted to a call: the submitter's draft, submit,
 * edit until the deadline (every submitted version kept), withdraw and
 * reopen; attachments; and the one visibility rule every read path uses.
 *
 * Visibility (submission_access): the submitter sees their own case; a
 * user with any conflict on the case that is not dismissed (declared,
 * proposed or confirmed) sees nothing of it, whatever their role (chairs
 * and administrators included); chairs see every case that is not a
 * draft; reviewers see the cases assigned to them once under review.
 * Anything else is RES_NOT_FOUND, so existence does not leak.
 *
 * In double-blind calls reviewers get the case with the identity fields
 * blanked by the domain: organisation, submitter name and email, links,
 * collaborators, and attachment file names.
 *
 * For the case library (published cases): submission_public_view().
 */
#ifndef ETHICA_SUBMISSION_H
#define ETHICA_SUBMISSION_H

#include <stddef.h>
#include <stdint.h>

#include "domain/call.h"
#include "domain/dctx.h"
#include "domain/keypage.h"
#include "domain/result.h"
#include "domain/upload.h"
#include "domain/workflow.h"
#include "store/st_calls.h"

enum submission_role {
	SA_NONE = 0,
	SA_REVIEWER,
	SA_CHAIR,
	SA_OWNER
};

/* What one user may see within one call, loaded once per request. */
struct viewer {
	const struct user	*u;
	int64_t			 call_id;
	int			 chair;		/* ACT_CALL_CHAIR */
	int			 reviewer;	/* ACT_REVIEW */
	struct pair_row		*conf;		/* user's live conflicts */
	size_t			 nconf;
	struct pair_row		*asg;		/* user's assignments */
	size_t			 nasg;
};

/* Loads the viewer for the acting user (dc->user, may be NULL). */
enum result	 viewer_load(struct dctx *, int64_t call_id, struct viewer *);
/* viewer_load, and every case of the call (store_sub_list_call) in dc's
 * arena, for the caller to filter: RES_OK, or RES_INTERNAL. */
enum result	 viewer_cases(struct dctx *, int64_t call_id, struct viewer *,
		    struct submission_row **all, size_t *nall);
/* The viewer of one case for the acting user, from facts a list's query
 * read with the row (whether the user has a live conflict on it, and is
 * assigned to it), so that a page of a long list applies
 * submission_access() without loading every pair of the call. pairs
 * holds the two pairs v points to (the caller's storage). */
void		 viewer_of_case(struct dctx *, int64_t call_id, int64_t submission_id,
		    int conflicted, int assigned, struct viewer *v,
		    struct pair_row pairs[2]);
/* The single visibility rule (see above). */
enum submission_role	 submission_access(const struct viewer *,
		    const struct submission_row *);
/*
 * Submission id, its call (in English), the acting user's viewer of that
 * call and the workflow facts on the submission, for an actor whose
 * access to it must be want: RES_NOT_FOUND when it or its call is gone
 * or the access differs; RES_INTERNAL when the viewer cannot be read.
 * Checks no permission: the caller has.
 */
enum result	 submission_load(struct dctx *, int64_t id,
		    enum submission_role want, struct submission_row *,
		    struct call_row *, struct viewer *, struct wf_facts *);
/* 1 when submission id exists (read into *s) and the acting user sees it
 * as its chair (SA_CHAIR); 0 when not, or when it cannot be read. */
int		 submission_chair_sees(struct dctx *, int64_t id,
		    struct submission_row *s);
/* The viewer's roles on the submission as WF_* bits (workflow.h). */
int		 submission_roles(const struct viewer *,
		    const struct submission_row *);
/* 1 when the viewer has a live conflict with submission id. */
int		 viewer_conflicted(const struct viewer *, int64_t submission_id);
/* 1 when the viewer is assigned to submission id. */
int		 viewer_assigned(const struct viewer *, int64_t submission_id);

/* Uploads one form carries: one more than a case may hold, so that the
 * domain sees when there are too many. */
#define SUB_MAX_UPLOADS	(UPLOAD_MAX_FILES + 1)

struct submission_upload {
	const char	*name;		/* as the browser sent it */
	const void	*data;
	size_t		 len;
};

/* Most tags (principles and policy areas) a case may carry; more is
 * refused, whether saving a draft or submitting. */
#define SUB_MAX_TAGS	32

/* The submission form, strings borrowed (NULL reads as ""). */
struct submission_form {
	const char	*organisation, *sector, *country, *category, *tags;
	const char	*title, *summary, *ai_system, *actions, *outcomes;
	const char	*lessons, *links, *language, *collaborators;
	int		 consent_publish, consent_contact;
	struct submission_upload up[SUB_MAX_UPLOADS];
	size_t		 nup;
	int64_t		 remove[SUB_MAX_UPLOADS];
	size_t		 nremove;
};

/*
 * Starts a draft in call_id for the acting user and saves the form into
 * it as submission_save() does; *id is set as soon as the draft exists
 * (also when RES_INVALID is returned), except when a cap (SUB_MAX_TAGS,
 * the attachments) is passed: then RES_INVALID with *id 0 and nothing
 * stored. RES_CONFLICT when the call is not
 * open, RES_NOT_FOUND without such call, RES_FORBIDDEN when anonymous.
 */
enum result	 submission_create(struct dctx *, int64_t call_id,
		    const struct submission_form *, int submit,
		    struct form_errors *, int64_t *id);
/*
 * Owner: saves the form. A draft keeps every field as typed; with submit
 * set every field is checked and the draft becomes submitted (version 1)
 * with a receipt mail. A submitted case is updated only when all fields
 * are valid, as a new version with a receipt. Valid attachments are kept
 * and listed removals done even when other fields are refused. Returns
 * RES_INVALID with fe, RES_CONFLICT after the deadline or in a state that
 * cannot change, RES_NOT_FOUND when not the owner's.
 */
enum result	 submission_save(struct dctx *, int64_t id,
		    const struct submission_form *, int submit,
		    struct form_errors *);

/* A case as one viewer may see it. */
struct submission_view {
	struct submission_row	 s;		/* identity blanked when blind */
	struct call	 call;
	enum submission_role	 access;
	int		 blind;		/* identity hidden from this viewer */
	int		 editable;	/* owner, before deadline */
	int		 can_withdraw;
	int		 can_reopen;
	struct file_row	*files;
	size_t		 nfiles;
	/* For the owner once decided: submitted reviews' comments. */
	struct review_row *feedback;
	size_t		 nfeedback;
};

/* Loads case id for the acting user (RES_NOT_FOUND when not visible). */
enum result	 submission_get(struct dctx *, int64_t id, const char *lang,
		    struct submission_view *);
/* Owner: withdraw / reopen a withdrawn case (before the deadline). */
enum result	 submission_withdraw(struct dctx *, int64_t id);
enum result	 submission_reopen(struct dctx *, int64_t id);
/* Rows a page of the submitter's own list shows. */
#define SUB_MINE_PAGE	50
/* A page of the acting user's submissions, newest first, by pg
 * (domain/keypage.h): at most SUB_MINE_PAGE rows. One indexed query. */
enum result	 submission_mine(struct dctx *, struct keypage *pg,
		    struct submission_row **, size_t *);
/* An attachment with its bytes, if the case is visible; the name is
 * "attachment-N.ext" for blind viewers. Anyone (anonymous or
 * conflicted too) gets the files a published case shows: its call
 * publishes attachments. */
enum result	 submission_file(struct dctx *, int64_t submission_id,
		    int64_t file_id, struct file_row *);
/* A text snapshot of the content (stored with each version). */
char		*submission_snapshot(struct arena *, const struct submission_row *);
/* The fields of a submission, name and label msgid, NULL-terminated: the
 * SUB_SNAP_NFIELDS of a version's snapshot first, in the order it writes
 * them, then those it leaves out (attachments). */
#define SUB_SNAP_NFIELDS	16
extern const struct call_ref	submission_fields[];
/* Reads a snapshot written by submission_snapshot() back into values
 * [SUB_SNAP_NFIELDS] (arena copies; "" for a field it lacks). Linear in
 * the snapshot. */
void		 submission_snapshot_parse(struct arena *, const char *snap,
		    char **values);

/*
 * Chair: decides the cases (those the workflow table lets the chair
 * decide: under review, or decided, whose decision then changes) with
 * decision ("excellent", "accepted", "not-selected") and reason, mails the
 * submitters from the call's templates in their language, audits. A
 * published case is not decided again: unpublish it first. Unless
 * confirmed, a case without any submitted review stops everything with
 * RES_INVALID and a form error on "confirm" (the page asks the chair).
 * Cases the chair may not see or in another state are skipped; *done
 * counts the decided ones. RES_INVALID for a bad decision or more than
 * SUB_MAX_DECIDE ids; when none could be decided, RES_NOT_FOUND if none
 * was visible, else RES_CONFLICT.
 */
#define SUB_MAX_DECIDE	500
enum result	 submission_decide(struct dctx *, const int64_t *ids,
		    size_t n, const char *decision, const char *reason,
		    int confirmed, struct form_errors *, size_t *done);
/*
 * Chair: moves case id to state to ("submitted", "under_review",
 * "published", "decided"...) as its row in the workflow table allows, and
 * does what the row says in the same transaction: publishing writes the
 * library case (*slug, may be NULL, gets its slug), unpublishing takes it
 * out with reason (required; shown at its address). Audited.
 * RES_NOT_FOUND (not visible), RES_FORBIDDEN (no row), RES_CONFLICT
 * (condition failed), RES_INVALID (a decision move, or fe filled).
 */
enum result	 submission_move(struct dctx *, int64_t id, const char *to,
		    const char *reason, struct form_errors *,
		    const char **slug);
/* 1 when the acting chair sees case id and the table lets them move it
 * to state to now (what pages offer); 0 otherwise. */
int		 submission_can_move(struct dctx *, int64_t id,
		    const char *to);

/* ---- for the case library (src/domain/cases*.c) ---- */

/* The public fields of a decided case, those the call lists as public;
 * others read "". Licence: CC BY 4.0. */
struct submission_public {
	int64_t		 id;
	int64_t		 call_id;
	const char	*state;		/* "decided" or "published" */
	const char	*decision;	/* "excellent" or "accepted" */
	int64_t		 decided_at;
	int		 consent_publish;	/* always 1 here */
	const char	*license;	/* "CC-BY-4.0" */
	const char	*title, *category, *tags, *language;
	const char	*organisation, *country, *sector, *summary;
	const char	*ai_system, *actions, *outcomes, *lessons, *links;
	struct file_row	*files;		/* without data; empty unless public */
	size_t		 nfiles;
};

/*
 * Reads case id for publication. No user check: it returns only what may
 * become public. RES_NOT_FOUND unless the case is decided or published,
 * selected (excellent or accepted) and its submitter consented to
 * publication.
 */
enum result	 submission_public_view(struct dctx *, int64_t id,
		    struct submission_public *);
#endif
