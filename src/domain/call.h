/*
 * call.h: calls for practice cases, as chairs run them and everyone reads
 * them: per-language title and description, open and close times (UTC),
 * blind mode, reviewers per case, fields public if selected, the rubric
 * (criteria with anchored 1-5 scales) and the decision mail templates.
 * Also the fixed lists the submission form offers (sectors, decisions).
 */
#ifndef ETHICA_CALL_H
#define ETHICA_CALL_H

#include <stddef.h>
#include <stdint.h>

#include "domain/dctx.h"
#include "domain/result.h"
#include "store/st_calls.h"

#define CALL_MAX_CRITERIA	8
#define CALL_NDECISIONS		3

struct call_ref {
	const char	*slug;
	const char	*label;		/* English msgid */
};

/* NULL-terminated lists. */
extern const struct call_ref	call_sectors[];
extern const struct call_ref	call_decisions[];	/* excellent ... */
extern const struct call_ref	call_blind_modes[];
/* The submission fields (submission_fields' names) a call may publish,
 * in the order the chair's form lists them; NULL-terminated. */
extern const char *const	call_public_fields[];

/* The label (msgid) of slug in list, or NULL when unknown. */
const char	*call_ref_label(const struct call_ref *, const char *slug);

struct call {
	struct call_row	 r;
	struct crit_row	*crit;
	size_t		 ncrit;
	int		 open;		/* opens_at <= now < closes_at */
	int		 upcoming;	/* now < opens_at */
};

/* 1 when submissions are accepted now. */
int		 call_is_open(const struct call_row *, int64_t now);
/* 1 when neither reviewers nor submitters see who the other side is. */
int		 call_is_double_blind(const struct call_row *);

/* A call and its rubric, texts in lang (falls back to the default
 * language). Public. RES_NOT_FOUND when there is no such call. */
enum result	 call_get(struct dctx *, int64_t id, const char *lang,
		    struct call *);
/* Every call (texts in lang). Public. */
enum result	 call_list(struct dctx *, const char *lang,
		    struct call_row **, size_t *);

/* For the home page: the open call closing first (*open set to 1), else
 * the next to open (*open 0); id, dates and title only. Public.
 * RES_NOT_FOUND when no call is open or upcoming. */
/* The first second after dc->now at which a call opens or closes (what
 * pages showing the headline call depend on), 0 when none will. */
enum result	 call_next_change(struct dctx *, int64_t *t);
enum result	 call_headline(struct dctx *, const char *lang,
		    struct call_row *, int *open);

/* The most public fields a call may list; more is refused. */
#define CALL_MAX_PUBLIC_FIELDS	16

/* What the chair's call form carries (strings borrowed). */
struct call_form {
	const char	*default_lang;
	const char	*title_en;
	const char	*description_en;
	const char	*other_lang;	/* "" or a UI language code */
	const char	*title_other;
	const char	*description_other;
	const char	*opens;		/* "YYYY-MM-DDTHH:MM" UTC */
	const char	*closes;
	const char	*blind_mode;
	const char	*reviewers;	/* decimal 1..10 */
	const char	*public_fields;	/* comma-separated */
	struct crit_row	 crit[CALL_MAX_CRITERIA];	/* id 0: new */
	size_t		 ncrit;
};

/*
 * Chair: creates (id 0) or updates a call. Criteria with an empty name
 * are skipped; criteria cannot change once scores were given except for
 * their texts. Returns RES_INVALID with fe filled, RES_FORBIDDEN,
 * RES_NOT_FOUND; *out_id is the call's id.
 */
enum result	 call_save(struct dctx *, int64_t id, const struct call_form *,
		    struct form_errors *, int64_t *out_id);
/* Fills crit[] (up to CALL_MAX_CRITERIA) with the default rubric in
 * English; returns the number of criteria. */
size_t		 call_default_rubric(struct crit_row *);
/* "YYYY-MM-DDTHH:MM" (UTC) to unix seconds; -1 when malformed. */
int64_t		 call_parse_utc(const char *);
/* Unix seconds to "YYYY-MM-DDTHH:MM" (UTC), an arena string. */
char		*call_format_utc(struct arena *, int64_t);

/* Chair: the title and description of call id in exactly lang
 * (RES_NOT_FOUND when that language has none). */
enum result	 call_text(struct dctx *, int64_t id, const char *lang,
		    char **title, char **description);

/* A decision mail template (subject, body; msgids when not edited). */
struct call_tmpl {
	const char	*decision;
	char		*subject;
	char		*body;
	int		 custom;
};

/* Chair: the three templates of a call for lang. */
enum result	 call_templates(struct dctx *, int64_t call_id,
		    const char *lang, struct call_tmpl out[CALL_NDECISIONS]);
/* Chair: saves the templates of lang (subjects and bodies indexed like
 * call_decisions). */
enum result	 call_templates_save(struct dctx *, int64_t call_id,
		    const char *lang, const char *const *subjects,
		    const char *const *bodies, struct form_errors *);
/*
 * The decision mail of a call for lang and decision: the chair's template
 * when saved, else the default msgids. Strings are arena or static; pass
 * them to mail_queue() as subject and body.
 */
void		 call_decision_mail(struct dctx *, int64_t call_id,
		    const char *lang, const char *decision,
		    const char **subject, const char **body);

#endif
