/*
 * call.c: calls, their rubric and decision mail templates (see call.h).
 * Reading a call is public; every change asks policy_can(ACT_CALL_CHAIR)
 * and is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/audit.h"
#include "domain/call.h"
#include "domain/call_cache.h"
#include "domain/numerals.h"
#include "domain/policy.h"
#include "domain/validate.h"
#include "lib/mem.h"
#include "store/store.h"
#include "web/i18n.h"

const struct call_ref call_sectors[] = {
	{ "government", N_("Government") },
	{ "private-sector", N_("Private sector") },
	{ "start-up", N_("Start-up") },
	{ "academia", N_("Academia") },
	{ "civil-society", N_("Civil society") },
	{ "international-organisation", N_("International organisation") },
	{ NULL, NULL }
};

const struct call_ref call_decisions[] = {
	{ "excellent", N_("Selected as excellent") },
	{ "accepted", N_("Accepted") },
	{ "not-selected", N_("Not selected") },
	{ NULL, NULL }
};

const struct call_ref call_blind_modes[] = {
	{ "open", N_("Open: reviewers and submitters see each other's names") },
	{ "single", N_("Single-blind: reviewers see who submitted, "
	    "submitters do not see who reviewed") },
	{ "double", N_("Double-blind: neither side sees the other's "
	    "identity") },
	{ NULL, NULL }
};

const char *const call_public_fields[] = {
	"organisation", "country", "sector", "summary", "ai_system",
	"actions", "outcomes", "lessons", "links", "attachments", NULL
};

/* The default rubric, English. Anchors describe scores 1 to 5. */
static const char *const default_rubric[][2 + CRIT_NANCHORS] = {
	{ N_("Relevance to the Recommendation"),
	  N_("How directly the case puts the values and principles of the "
	  "UNESCO Recommendation on the Ethics of AI into practice."),
	  N_("No visible link to the Recommendation's values or principles."),
	  N_("Mentions ethical principles, but the practice does not act on "
	  "them."),
	  N_("Acts on at least one principle, with a clear but partial link "
	  "to the Recommendation."),
	  N_("Acts on several principles and explains how each shaped the "
	  "practice."),
	  N_("An exemplary translation of the Recommendation into practice, "
	  "covering principles and policy areas with care.") },
	{ N_("Impact and evidence"),
	  N_("What changed because of the practice, and how well the change "
	  "is shown."),
	  N_("No outcome is described."),
	  N_("Outcomes are claimed without any evidence."),
	  N_("Some outcomes with anecdotal or early evidence."),
	  N_("Clear outcomes backed by data, audits or evaluations."),
	  N_("Substantial, lasting change shown by independent or rigorous "
	  "evidence, including what did not work.") },
	{ N_("Transferability to other contexts"),
	  N_("Whether others, elsewhere and with other means, could adopt "
	  "the practice."),
	  N_("Only works in its original setting."),
	  N_("Could be reused only with resources few others have."),
	  N_("Could be adapted by similar organisations with some effort."),
	  N_("Documented well enough to be adapted in other countries or "
	  "sectors."),
	  N_("Designed to travel: open materials, modest costs, and "
	  "guidance for very different contexts.") },
	{ N_("Inclusiveness"),
	  N_("How the people affected, including marginalised groups, took "
	  "part in and benefit from the practice."),
	  N_("Affected people were not considered."),
	  N_("Affected people were consulted only formally."),
	  N_("Affected groups were consulted and some of their views were "
	  "acted on."),
	  N_("Affected and marginalised groups shaped the practice, with "
	  "attention to gender and accessibility."),
	  N_("Co-designed with affected communities, with lasting roles for "
	  "them and measured benefits for the least served.") },
	{ N_("Originality"),
	  N_("What the practice adds to what is already known and done."),
	  N_("Repeats a common practice without any new element."),
	  N_("A small variation on a common practice."),
	  N_("A useful new combination or application of known ideas."),
	  N_("A new approach that others can learn from."),
	  N_("A pioneering practice likely to change how others work.") },
};

/* Default decision mails: subject and body per decision. */
static const char *const default_mail[CALL_NDECISIONS][2] = {
	{ N_("Your case was selected as excellent: {title}"),
	  N_("Hello {name},\n\nThank you for submitting \"{title}\". The "
	  "expert advisory group selected your case as excellent.\n\n"
	  "{reason}\n\nThe reviewers' comments are on the case page:\n"
	  "{link}\n") },
	{ N_("Your case was accepted: {title}"),
	  N_("Hello {name},\n\nThank you for submitting \"{title}\". The "
	  "expert advisory group accepted your case.\n\n{reason}\n\n"
	  "The reviewers' comments are on the case page:\n{link}\n") },
	{ N_("Decision on your case: {title}"),
	  N_("Hello {name},\n\nThank you for submitting \"{title}\". After "
	  "review, the expert advisory group did not select your case this "
	  "time.\n\n{reason}\n\nThe reviewers' comments are on the case "
	  "page:\n{link}\n") },
};

static int	public_field_ok(const char *);
static int	crit_named(const struct call_form *, int64_t);

const char *
call_ref_label(const struct call_ref *list, const char *slug)
{
	size_t	i;

	for (i = 0; slug != NULL && list[i].slug != NULL; i++) {
		if (strcmp(list[i].slug, slug) == 0)
			return (list[i].label);
	}
	return (NULL);
}

int
call_is_open(const struct call_row *c, int64_t now)
{
	return (c->opens_at <= now && now < c->closes_at);
}

int
call_is_double_blind(const struct call_row *c)
{
	return (strcmp(c->blind_mode, "double") == 0);
}

size_t
call_default_rubric(struct crit_row *crit)
{
	size_t	i, n;
	int	k;

	n = sizeof(default_rubric) / sizeof(default_rubric[0]);
	for (i = 0; i < n && i < CALL_MAX_CRITERIA; i++) {
		memset(&crit[i], 0, sizeof(crit[i]));
		crit[i].position = (int64_t)i + 1;
		crit[i].name = (char *)default_rubric[i][0];
		crit[i].description = (char *)default_rubric[i][1];
		for (k = 0; k < CRIT_NANCHORS; k++)
			crit[i].anchor[k] = (char *)default_rubric[i][2 + k];
	}
	return (i);
}

int64_t
call_parse_utc(const char *s)
{
	struct tm	tm;
	int		y, mo, d, h, mi;
	char		rest;

	if (s == NULL || sscanf(s, "%4d-%2d-%2dT%2d:%2d%c", &y, &mo, &d, &h,
	    &mi, &rest) != 5 || y < 2000 || y > 2200 || mo < 1 || mo > 12 ||
	    d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59)
		return (-1);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	return ((int64_t)timegm(&tm));
}

char *
call_format_utc(struct arena *a, int64_t t)
{
	struct tm	tm;
	time_t		tt = (time_t)t;

	if (gmtime_r(&tt, &tm) == NULL)
		return (arena_strdup(a, ""));
	return (arena_printf(a, "%04d-%02d-%02dT%02d:%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min));
}

enum result
call_get(struct dctx *dc, int64_t id, const char *lang, struct call *c)
{
	int	rc;

	memset(c, 0, sizeof(*c));
	if (lang == NULL)
		lang = "en";
	if (call_cache_get(dc, id, lang, c))
		goto times;
	rc = store_call_get(dc->db, dc->a, id, lang, &c->r);
	if (rc == STORE_NOT_FOUND)
		return (RES_NOT_FOUND);
	if (rc != STORE_OK || store_criteria_list(dc->db, dc->a, id, &c->crit,
	    &c->ncrit) != STORE_OK)
		return (RES_INTERNAL);
	call_cache_put(dc, id, lang, c);
times:
	c->open = call_is_open(&c->r, dc->now);
	c->upcoming = dc->now < c->r.opens_at;
	return (RES_OK);
}

enum result
call_list(struct dctx *dc, const char *lang, struct call_row **rows,
    size_t *n)
{
	if (store_call_list(dc->db, dc->a, lang != NULL ? lang : "en", rows, n)
	    != STORE_OK)
		return (RES_INTERNAL);
	return (RES_OK);
}

enum result
call_next_change(struct dctx *dc, int64_t *t)
{
	*t = 0;
	return (store_call_next_change(dc->db, dc->now, t) == STORE_OK ?
	    RES_OK : RES_INTERNAL);
}

enum result
call_headline(struct dctx *dc, const char *lang, struct call_row *c,
    int *open)
{
	int	rc;

	rc = store_call_headline(dc->db, dc->a, lang != NULL ? lang : "en",
	    dc->now, c);
	if (rc != STORE_OK)
		return (result_from_store(rc));
	*open = call_is_open(c, dc->now);
	return (RES_OK);
}

/* Whether w names a field a call may publish (call_public_fields). */
static int
public_field_ok(const char *w)
{
	return (str_listed(call_public_fields, w));
}

/* Whether the form names (keeps) the criterion with this id. */
static int
crit_named(const struct call_form *f, int64_t id)
{
	size_t	i;

	for (i = 0; i < f->ncrit && i < CALL_MAX_CRITERIA; i++) {
		if (f->crit[i].id == id && f->crit[i].name != NULL &&
		    *f->crit[i].name != '\0')
			return (1);
	}
	return (0);
}

enum result
call_save(struct dctx *dc, int64_t id, const struct call_form *f,
    struct form_errors *fe, int64_t *out_id)
{
	struct call_row	 r, old;
	struct crit_row	*have = NULL;
	size_t		 nhave = 0, i, k, named = 0;
	int64_t		 nscores = 0;
	int64_t		 nrev = 0;
	const char	*dl;

	if (!policy_can(dc->user, ACT_CALL_CHAIR))
		return (RES_FORBIDDEN);
	memset(&r, 0, sizeof(r));
	if (id != 0) {
		if (store_call_get(dc->db, dc->a, id, "en", &old) != STORE_OK)
			return (RES_NOT_FOUND);
		if (store_criteria_list(dc->db, dc->a, id, &have, &nhave)
		    != STORE_OK || store_call_score_count(dc->db, id, &nscores)
		    != STORE_OK)
			return (RES_INTERNAL);
	}
	dl = f->default_lang != NULL && *f->default_lang ? f->default_lang :
	    "en";
	if (i18n_lang_get(dl) == NULL)
		form_error(fe, "default_lang", N_("Choose a language from the "
		    "list."));
	if (check_required(fe, "title_en", f->title_en) &&
	    utf8_chars(f->title_en) > 200)
		form_error(fe, "title_en", N_("Use at most 200 characters."));
	if (f->other_lang != NULL && *f->other_lang != '\0') {
		if (i18n_lang_get(f->other_lang) == NULL ||
		    strcmp(f->other_lang, "en") == 0)
			form_error(fe, "other_lang",
			    N_("Choose a language from the list."));
		else if (strcmp(dl, "en") != 0 && strcmp(dl, f->other_lang)
		    != 0)
			form_error(fe, "other_lang", N_("Give the texts in the "
			    "default language too."));
		else
			(void)check_required(fe, "title_other",
			    f->title_other);
	} else if (strcmp(dl, "en") != 0)
		form_error(fe, "other_lang", N_("Give the texts in the "
		    "default language too."));
	r.opens_at = call_parse_utc(f->opens);
	r.closes_at = call_parse_utc(f->closes);
	if (r.opens_at < 0)
		form_error(fe, "opens", N_("Enter a date and time."));
	if (r.closes_at < 0)
		form_error(fe, "closes", N_("Enter a date and time."));
	else if (r.opens_at >= 0 && r.closes_at <= r.opens_at)
		form_error(fe, "closes", N_("The call must close after it "
		    "opens."));
	if (call_ref_label(call_blind_modes, f->blind_mode) == NULL)
		form_error(fe, "blind_mode", N_("Choose one of the options."));
	if (numerals_int(f->reviewers, 1, 10, &nrev) == -1)
		form_error(fe, "reviewers", N_("Enter a number from 1 to 10."));
	(void)check_choices(fe, "public_fields", f->public_fields,
	    CALL_MAX_PUBLIC_FIELDS, public_field_ok, N_("Choose fields from "
	    "the list."));
	/* The form holds at most CALL_MAX_CRITERIA: a count above says the
	 * caller tried more, and nothing past the array is read. */
	if (f->ncrit > CALL_MAX_CRITERIA)
		form_error(fe, "rubric", N_("A rubric has at most 8 "
		    "criteria."));
	for (i = 0; i < f->ncrit && i < CALL_MAX_CRITERIA; i++) {
		if (f->crit[i].name != NULL && *f->crit[i].name != '\0')
			named++;
	}
	if (named == 0)
		form_error(fe, "rubric", N_("The rubric needs at least one "
		    "criterion."));
	/* The form is the whole rubric: a criterion it does not name any
	 * more is removed, one it names without a known id is new. */
	for (i = 0; i < f->ncrit && i < CALL_MAX_CRITERIA; i++) {
		if (f->crit[i].name == NULL || *f->crit[i].name == '\0')
			continue;
		for (k = 0; k < nhave && have[k].id != f->crit[i].id; k++)
			;
		if (k == nhave && nscores > 0)
			form_error(fe, "rubric", N_("Criteria cannot "
			    "be added once reviewers have scored."));
	}
	for (k = 0; k < nhave; k++) {
		if (!crit_named(f, have[k].id) && nscores > 0)
			form_error(fe, "rubric", N_("Criteria cannot be "
			    "removed once reviewers have scored."));
	}
	if (fe->n > 0)
		return (RES_INVALID);
	r.id = id;
	r.default_lang = (char *)dl;
	r.blind_mode = (char *)f->blind_mode;
	r.reviewers_per_case = nrev;
	r.public_fields = (char *)f->public_fields;
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if (id == 0) {
		if (store_call_insert(dc->db, &r, dc->now, &id) != STORE_OK)
			goto fail;
	} else if (store_call_update(dc->db, &r, dc->now) != STORE_OK)
		goto fail;
	if (store_call_text_set(dc->db, id, "en", f->title_en,
	    f->description_en != NULL ? f->description_en : "") != STORE_OK)
		goto fail;
	if (f->other_lang != NULL && *f->other_lang != '\0' &&
	    store_call_text_set(dc->db, id, f->other_lang, f->title_other,
	    f->description_other != NULL ? f->description_other : "")
	    != STORE_OK)
		goto fail;
	for (k = 0; k < nhave; k++) {
		if (!crit_named(f, have[k].id) && store_criterion_delete(dc->db,
		    id, have[k].id) != STORE_OK)
			goto fail;
	}
	for (i = 0; i < f->ncrit && i < CALL_MAX_CRITERIA; i++) {
		if (f->crit[i].name == NULL || *f->crit[i].name == '\0')
			continue;
		for (k = 0; k < nhave && have[k].id != f->crit[i].id; k++)
			;
		if (f->crit[i].id != 0 && k < nhave) {
			if (store_criterion_update(dc->db, id, &f->crit[i])
			    != STORE_OK)
				goto fail;
		} else if (store_criterion_insert(dc->db, id, &f->crit[i])
		    != STORE_OK)
			goto fail;
	}
	if (audit_log(dc, 0, r.id == 0 ? "call.create" : "call.update",
	    "call", id, "") == -1)
		goto fail;
	*out_id = id;
	return (dctx_commit(dc));
fail:
	return (dctx_abort(dc, RES_INTERNAL));
}

enum result
call_text(struct dctx *dc, int64_t id, const char *lang, char **title,
    char **description)
{
	if (!policy_can(dc->user, ACT_CALL_CHAIR))
		return (RES_FORBIDDEN);
	return (result_from_store(store_call_text_get(dc->db, dc->a, id, lang,
	    title, description)));
}

enum result
call_templates(struct dctx *dc, int64_t call_id, const char *lang,
    struct call_tmpl out[CALL_NDECISIONS])
{
	struct call_row		 r;
	const struct i18n_lang	*l;
	size_t			 i;
	int			 rc;

	if (!policy_can(dc->user, ACT_CALL_CHAIR))
		return (RES_FORBIDDEN);
	if ((l = i18n_lang_get(lang)) == NULL)
		return (RES_NOT_FOUND);
	if (store_call_get(dc->db, dc->a, call_id, "en", &r) != STORE_OK)
		return (RES_NOT_FOUND);
	for (i = 0; i < CALL_NDECISIONS; i++) {
		out[i].decision = call_decisions[i].slug;
		rc = store_mail_tmpl_get(dc->db, dc->a, call_id, lang,
		    call_decisions[i].slug, &out[i].subject, &out[i].body);
		if (rc == STORE_OK) {
			out[i].custom = 1;
			continue;
		}
		if (rc != STORE_NOT_FOUND)
			return (RES_INTERNAL);
		out[i].custom = 0;
		out[i].subject = arena_strdup(dc->a,
		    i18n_gettext(l, default_mail[i][0]));
		out[i].body = arena_strdup(dc->a,
		    i18n_gettext(l, default_mail[i][1]));
	}
	return (RES_OK);
}

enum result
call_templates_save(struct dctx *dc, int64_t call_id, const char *lang,
    const char *const *subjects, const char *const *bodies,
    struct form_errors *fe)
{
	struct call_row	 r;
	size_t		 i;
	static const char *const sf[] = { "subject_0", "subject_1",
	    "subject_2" };
	static const char *const bf[] = { "body_0", "body_1", "body_2" };

	if (!policy_can(dc->user, ACT_CALL_CHAIR))
		return (RES_FORBIDDEN);
	if (i18n_lang_get(lang) == NULL ||
	    store_call_get(dc->db, dc->a, call_id, "en", &r) != STORE_OK)
		return (RES_NOT_FOUND);
	for (i = 0; i < CALL_NDECISIONS; i++) {
		(void)check_required(fe, sf[i], subjects[i]);
		(void)check_required(fe, bf[i], bodies[i]);
	}
	if (fe->n > 0)
		return (RES_INVALID);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	for (i = 0; i < CALL_NDECISIONS; i++) {
		if (store_mail_tmpl_set(dc->db, call_id, lang,
		    call_decisions[i].slug, subjects[i], bodies[i]) != STORE_OK)
			goto fail;
	}
	if (audit_log(dc, 0, "call.templates", "call", call_id, lang) == -1)
		goto fail;
	return (dctx_commit(dc));
fail:
	return (dctx_abort(dc, RES_INTERNAL));
}

/*
 * The decision mail of a submission in lang: the chair's template if one
 * was saved, else the default msgids (translated by mail_queue).
 */
void
call_decision_mail(struct dctx *dc, int64_t call_id, const char *lang,
    const char *decision, const char **subject, const char **body)
{
	char	*s, *b;
	size_t	 i;

	for (i = 0; i < CALL_NDECISIONS; i++) {
		if (strcmp(call_decisions[i].slug, decision) == 0)
			break;
	}
	if (i == CALL_NDECISIONS)
		i = CALL_NDECISIONS - 1;
	if (store_mail_tmpl_get(dc->db, dc->a, call_id, lang, decision, &s,
	    &b) == STORE_OK) {
		*subject = s;
		*body = b;
		return;
	}
	*subject = default_mail[i][0];
	*body = default_mail[i][1];
}
