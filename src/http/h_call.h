/*
 * h_call.h: helpers shared by the open call's pages (h_call.c,
 * h_submission.c, h_review.c, h_chair*.c): ids from paths, the viewer's
 * time zone, dates, audit rows (the admin's too), repeated parameters,
 * uploaded files, and views of calls and cases for the templates.
 */
#ifndef ETHICA_H_CALL_H
#define ETHICA_H_CALL_H

#include <stddef.h>
#include <stdint.h>

#include "domain/call.h"
#include "domain/submission.h"
#include "domain/taxonomy.h"

struct audit_row;
struct ctx;
struct tv;

/*
 * Fills list with one map per audit entry of rows: at (in the viewer's
 * zone when zoned, else UTC), actor, action, object, object_id, is_case
 * (the object is a case) and detail. Serves the chair's and the admin's
 * audit pages.
 */
void		 hc_audit(struct ctx *, struct tv *list,
		    const struct audit_row *rows, size_t n, int zoned);
/* The number after prefix in the path ("/calls/" -> 12), 0 if none. */
int64_t		 hc_path_id(struct ctx *, const char *prefix);
/* The viewer's time zone (tz cookie, checked) or "UTC". */
const char	*hc_tz(struct ctx *);
/* t formatted in the viewer's language and time zone, zone named. */
char		*hc_date(struct ctx *, int64_t t);
/*
 * The values of a repeated parameter joined with commas ("" if none), in
 * time linear in the request: at most max + 1 values, so that a domain
 * cap of max sees when there are too many. An arena string.
 */
char		*hc_join(struct ctx *, const char *name, size_t max);
/* Up to max values of a repeated id parameter; returns the count. */
size_t		 hc_ids(struct ctx *, const char *name, int64_t *out,
		    size_t max);
/* Uploaded files named name into the form (at most SUB_MAX_UPLOADS).
 * Files over UPLOAD_MAX_SIZE, or all of them when there are more than
 * UPLOAD_MAX_FILES, are passed by name and size only, unread. */
void		 hc_files(struct ctx *, const char *name, struct submission_form *);
/* Fills map with the call: id, title, description (HTML), dates, state
 * flags, blind mode, reviewers, categories and the rubric. */
void		 hc_call(struct ctx *, struct tv *map, const struct call *);
/* Fills map.key with a list of the calls of rows, each as hc_call()
 * fills it, open and upcoming as of dc.now. */
void		 hc_calls(struct ctx *, struct tv *map, const char *key,
		    const struct call_row *rows, size_t n);
/* Fills map with the case's fields and their labels. */
void		 hc_case(struct ctx *, struct tv *map, const struct submission_row *);
/* Fills map.key with the choices of a select or of checkboxes, one per
 * entry of refs (NULL-terminated): slug, name (translated), and mark
 * ("selected" or "checked") set when the comma-separated list marked
 * (NULL: none) holds the slug. */
void		 hc_refs(struct ctx *, struct tv *map, const char *key,
		    const struct call_ref *refs, const char *mark,
		    const char *marked);
/* hc_refs() for map.public_fields: call_public_fields, named by their
 * submission_fields labels, checked when marked holds them. */
void		 hc_public_fields(struct ctx *, struct tv *map,
		    const char *marked);
/* hc_refs() for the entries of taxonomy kind. */
void		 hc_taxonomy(struct ctx *, struct tv *map, const char *key,
		    enum tax_kind kind, const char *mark, const char *marked);
/* Lists for selects and checkboxes, marked from the given values. */
void		 hc_options(struct ctx *, const char *sector,
		    const char *country, const char *category,
		    const char *tags, const char *language);
/* The translated label of a state name ("under_review"). */
const char	*hc_state(struct ctx *, const char *state);
/* The translated label of a decision slug, "" if none. */
const char	*hc_decision(struct ctx *, const char *decision);
/* Fills map.files with the case's attachments (id, name, type, size,
 * url) and map.files_full. */
void		 hc_files_view(struct ctx *, struct tv *map,
		    const struct submission_view *);

struct review_case;
/* Fills map.reviews (submitted ones; drafts too for chairs) with scores,
 * and map.posts with the discussion (h_review.c). */
void		 hc_reviews(struct ctx *, struct tv *map,
		    const struct review_case *, int chair);

#endif
