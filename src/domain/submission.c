/*
 * submission.c: the submitter's side of a case and the visibility rule
 * (see submission.h). Every read of a case, its files, reviews or
 * decision goes through viewer_load() + submission_access().
 */
#include <stdio.h>
#include <string.h>

#include "domain/assign.h"
#include "domain/audit.h"
#include "domain/call.h"
#include "domain/mail.h"
#include "domain/policy.h"
#include "domain/submission.h"
#include "domain/taxonomy.h"
#include "domain/upload.h"
#include "domain/validate.h"
#include "domain/workflow.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "store/store.h"
#include "web/i18n.h"

static int	pair_has(const struct pair_row *, size_t, int64_t);
static int64_t	submission_key(const void *);
static void	form_to_row(struct dctx *, const struct submission_form *,
		    struct submission_row *);
static void	check_all(const struct submission_row *, struct form_errors *);
static void	check_len(struct form_errors *, const char *, const char *,
		    size_t, int);
static void	check_tags(const char *, struct form_errors *);
static int	check_caps(const struct submission_form *, struct form_errors *);
static void	check_links(const char *, struct form_errors *);
static void	check_emails(const char *, struct form_errors *);
static int	files_apply(struct dctx *, int64_t, const struct submission_form *,
		    struct form_errors *);
static int	receipt(struct dctx *, const struct submission_row *, int64_t);
static void	facts(struct dctx *, const struct call_row *,
		    const struct submission_row *, struct wf_facts *);
static const char *s_or(const char *);
static enum result owner_move(struct dctx *, int64_t, enum wf_state,
		    const char *);
static enum result owner_load(struct dctx *, int64_t,
		    struct submission_row *, struct call_row *,
		    struct wf_facts *);

static const char *
s_or(const char *s)
{
	return (s != NULL ? s : "");
}

static int
pair_has(const struct pair_row *p, size_t n, int64_t sub)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (p[i].submission_id == sub)
			return (1);
	}
	return (0);
}

enum result
viewer_load(struct dctx *dc, int64_t call_id, struct viewer *v)
{
	memset(v, 0, sizeof(*v));
	v->u = dc->user;
	v->call_id = call_id;
	if (dc->user == NULL)
		return (RES_OK);
	v->chair = policy_can(dc->user, ACT_CALL_CHAIR);
	v->reviewer = policy_can(dc->user, ACT_REVIEW);
	if (store_call_pairs(dc->db, dc->a, call_id, dc->user->id,
	    &v->conf, &v->nconf, &v->asg, &v->nasg) != STORE_OK)
		return (RES_INTERNAL);
	return (RES_OK);
}

enum result
viewer_cases(struct dctx *dc, int64_t call_id, struct viewer *v,
    struct submission_row **all, size_t *nall)
{
	if (viewer_load(dc, call_id, v) != RES_OK ||
	    store_sub_list_call(dc->db, dc->a, call_id, all, nall)
	    != STORE_OK)
		return (RES_INTERNAL);
	return (RES_OK);
}

void
viewer_of_case(struct dctx *dc, int64_t call_id, int64_t submission_id,
    int conflicted, int assigned, struct viewer *v, struct pair_row pairs[2])
{
	memset(v, 0, sizeof(*v));
	v->u = dc->user;
	v->call_id = call_id;
	if (dc->user == NULL)
		return;
	v->chair = policy_can(dc->user, ACT_CALL_CHAIR);
	v->reviewer = policy_can(dc->user, ACT_REVIEW);
	pairs[0].submission_id = pairs[1].submission_id = submission_id;
	pairs[0].user_id = pairs[1].user_id = dc->user->id;
	v->conf = &pairs[0];
	v->nconf = conflicted ? 1 : 0;
	v->asg = &pairs[1];
	v->nasg = assigned ? 1 : 0;
}

int
viewer_conflicted(const struct viewer *v, int64_t submission_id)
{
	return (pair_has(v->conf, v->nconf, submission_id));
}

int
viewer_assigned(const struct viewer *v, int64_t submission_id)
{
	return (pair_has(v->asg, v->nasg, submission_id));
}

enum submission_role
submission_access(const struct viewer *v, const struct submission_row *s)
{
	int	st;

	if (v == NULL || v->u == NULL || s == NULL || s->call_id != v->call_id)
		return (SA_NONE);
	if (s->submitter_id == v->u->id)
		return (SA_OWNER);
	if (viewer_conflicted(v, s->id))
		return (SA_NONE);
	st = workflow_parse(s->state);
	if (v->chair && st != WF_DRAFT && st >= 0)
		return (SA_CHAIR);
	if (v->reviewer && viewer_assigned(v, s->id) &&
	    (st == WF_UNDER_REVIEW || st == WF_DECIDED || st == WF_PUBLISHED))
		return (SA_REVIEWER);
	return (SA_NONE);
}

int
submission_roles(const struct viewer *v, const struct submission_row *s)
{
	int	roles = 0;

	if (v == NULL || v->u == NULL)
		return (WF_ANON);
	switch (submission_access(v, s)) {
	case SA_OWNER:
		roles |= WF_SUBMITTER;
		break;
	case SA_CHAIR:
		roles |= policy_can(v->u, ACT_ADMIN_USERS) ? WF_ADMIN :
		    WF_CHAIR;
		break;
	case SA_REVIEWER:
		roles |= WF_REVIEWER;
		break;
	case SA_NONE:
	default:
		break;
	}
	return (roles);
}

static void
facts(struct dctx *dc, const struct call_row *c, const struct submission_row *s,
    struct wf_facts *f)
{
	f->before_deadline = call_is_open(c, dc->now);
	f->publishable = s->consent_publish &&
	    (strcmp(s->decision, "excellent") == 0 ||
	    strcmp(s->decision, "accepted") == 0);
}

static void
form_to_row(struct dctx *dc, const struct submission_form *f, struct submission_row *r)
{
	r->organisation = str_trim(dc->a, s_or(f->organisation));
	r->sector = str_trim(dc->a, s_or(f->sector));
	r->country = str_trim(dc->a, s_or(f->country));
	r->category = str_trim(dc->a, s_or(f->category));
	r->tags = str_trim(dc->a, s_or(f->tags));
	r->title = str_trim(dc->a, s_or(f->title));
	r->summary = str_trim(dc->a, s_or(f->summary));
	r->ai_system = str_trim(dc->a, s_or(f->ai_system));
	r->actions = str_trim(dc->a, s_or(f->actions));
	r->outcomes = str_trim(dc->a, s_or(f->outcomes));
	r->lessons = str_trim(dc->a, s_or(f->lessons));
	r->links = str_trim(dc->a, s_or(f->links));
	r->language = str_trim(dc->a, s_or(f->language));
	r->collaborators = str_trim(dc->a, s_or(f->collaborators));
	r->consent_publish = f->consent_publish ? 1 : 0;
	r->consent_contact = f->consent_contact ? 1 : 0;
}

static void
check_len(struct form_errors *fe, const char *field, const char *v,
    size_t max, int required)
{
	if (required && !check_required(fe, field, v))
		return;
	if (v == NULL || utf8_chars(v) <= max)
		return;
	form_error(fe, field, max <= 200 ? N_("Use at most 200 characters.") :
	    max <= 2000 ? N_("Use at most 2000 characters.") :
	    N_("Use at most 10000 characters."));
}

/* The caps that hold for drafts too: 0 with errors when one is passed. */
static int
check_caps(const struct submission_form *f, struct form_errors *fe)
{
	if (list_count(f->tags) <= SUB_MAX_TAGS)
		return (1);
	form_error(fe, "tags",
	    N_("Too many choices for this field; choose fewer."));
	return (0);
}

static void
check_tags(const char *tags, struct form_errors *fe)
{
	char		 w[64];
	int		 k, principles = 0, bad = 0;

	while ((k = list_next(&tags, w, sizeof(w))) != 0) {
		if (k == 1 && taxonomy_find(TAX_PRINCIPLE, w) != NULL)
			principles++;
		else if (k == -1 || taxonomy_find(TAX_POLICY_AREA, w) == NULL)
			bad = 1;
	}
	if (bad)
		form_error(fe, "tags", N_("Choose principles and areas from "
		    "the list."));
	else if (principles == 0)
		form_error(fe, "tags", N_("Choose at least one principle."));
}

static void
check_links(const char *links, struct form_errors *fe)
{
	const char	*p;
	size_t		 n, lines = 0;

	while ((p = line_next(&links, &n)) != NULL) {
		lines++;
		if ((strncmp(p, "https://", 8) != 0 &&
		    strncmp(p, "http://", 7) != 0) || n > 500 ||
		    memchr(p, ' ', n) != NULL) {
			form_error(fe, "links", N_("Give one web address per "
			    "line, starting with https:// or http://."));
			return;
		}
	}
	if (lines > 10)
		form_error(fe, "links", N_("Give at most 10 links."));
}

static void
check_emails(const char *list, struct form_errors *fe)
{
	struct form_errors	 tmp;
	const char		*p, *e;
	char			 w[256];
	size_t			 n, count = 0;

	for (p = list; *p != '\0'; p = *e ? e + 1 : e) {
		e = p + strcspn(p, ",;\n");
		n = (size_t)(e - p);
		while (n > 0 && (*p == ' ' || *p == '\r')) {
			p++;
			n--;
		}
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\r'))
			n--;
		if (n == 0)
			continue;
		memset(&tmp, 0, sizeof(tmp));
		if (n >= sizeof(w) || (memcpy(w, p, n), w[n] = '\0',
		    !check_email(&tmp, "x", w)) || ++count > 20) {
			form_error(fe, "collaborators", N_("List email "
			    "addresses separated by commas (at most 20)."));
			return;
		}
	}
}

static void
check_all(const struct submission_row *r, struct form_errors *fe)
{
	struct form_errors	tmp;
	char			name[128];

	check_len(fe, "organisation", r->organisation, 200, 1);
	if (call_ref_label(call_sectors, r->sector) == NULL)
		form_error(fe, "sector", N_("Choose one of the options."));
	memset(&tmp, 0, sizeof(tmp));
	if (!check_country(&tmp, "country", r->country) ||
	    *r->country == '\0')
		form_error(fe, "country",
		    N_("Choose a country from the list."));
	if (taxonomy_find(TAX_CASE_CATEGORY, r->category) == NULL)
		form_error(fe, "category", N_("Choose one of the options."));
	check_tags(r->tags, fe);
	check_len(fe, "title", r->title, 200, 1);
	check_len(fe, "summary", r->summary, 2000, 1);
	check_len(fe, "ai_system", r->ai_system, 10000, 1);
	check_len(fe, "actions", r->actions, 10000, 1);
	check_len(fe, "outcomes", r->outcomes, 10000, 1);
	check_len(fe, "lessons", r->lessons, 10000, 1);
	check_links(r->links, fe);
	if (strlen(r->language) < 2 || strlen(r->language) > 3 ||
	    strspn(r->language, "abcdefghijklmnopqrstuvwxyz") !=
	    strlen(r->language) || i18n_language_name(NULL, r->language, name,
	    sizeof(name)) == -1)
		form_error(fe, "language", N_("Choose a language from the "
		    "list."));
	check_emails(r->collaborators, fe);
}

/* The message naming a refused file, in the actor's language. */
static const char *
refused(struct dctx *dc, const char *name, const char *why)
{
	const char	*k[2], *v[2];
	char		 mb[16];

	(void)snprintf(mb, sizeof(mb), "%d", UPLOAD_MAX_MB);
	k[0] = "mb";
	v[0] = mb;
	why = mail_fill(dc, i18n_gettext(dc->lang, why), k, v, 1);
	k[0] = "file";
	v[0] = name;
	k[1] = "why";
	v[1] = why;
	return (mail_fill(dc, i18n_gettext(dc->lang,
	    N_("The file {file} was not stored: {why}")), k, v, 2));
}

/* 1 when the upload equals a stored file (same name and content). */
static int
already_stored(struct dctx *dc, int64_t id, const struct file_row *files,
    size_t nfiles, const char *name, const struct submission_upload *up)
{
	struct file_row	fr;
	size_t		i;

	for (i = 0; i < nfiles; i++) {
		if (strcmp(files[i].filename, name) != 0 ||
		    files[i].size != (int64_t)up->len)
			continue;
		if (store_file_get(dc->db, dc->a, id, files[i].id, &fr) ==
		    STORE_OK && fr.data != NULL &&
		    memcmp(fr.data, up->data, up->len) == 0)
			return (1);
	}
	return (0);
}

/*
 * Removes and adds files, inside the caller's transaction. The uploads
 * are one batch: when any is refused (type, size, too many), fe names it
 * and none is stored. An upload equal to a stored file (same name and
 * content, as a retry sends) or to an earlier one of the batch is stored
 * once. Returns -1 when the store failed.
 */
static int
files_apply(struct dctx *dc, int64_t id, const struct submission_form *f,
    struct form_errors *fe)
{
	struct file_row	*files;
	const char	*type[SUB_MAX_UPLOADS], *why, *name[SUB_MAX_UPLOADS];
	size_t		 nfiles, i, k, nnew = 0, bad = 0;
	int		 skip[SUB_MAX_UPLOADS];
	int64_t		 fid;
	char		 num[16];
	const char	*nk = "n", *nv = num;

	for (i = 0; i < f->nremove; i++) {
		if (store_file_delete(dc->db, id, f->remove[i]) != STORE_OK)
			return (-1);
	}
	if (f->nup == 0)
		return (0);
	if (store_file_list(dc->db, dc->a, id, &files, &nfiles) != STORE_OK)
		return (-1);
	/* More files than a form may send were not read (hc_files). */
	for (i = 0; i < f->nup && f->nup <= UPLOAD_MAX_FILES; i++) {
		name[i] = upload_filename(dc->a, f->up[i].name);
		skip[i] = 0;
		if ((type[i] = upload_check(f->up[i].data, f->up[i].len,
		    &why)) == NULL) {
			if (bad++ == 0)
				form_error(fe, "attachments",
				    refused(dc, name[i], why));
			continue;
		}
		for (k = 0; k < i && !skip[i]; k++) {
			skip[i] = type[k] != NULL && !skip[k] &&
			    strcmp(name[k], name[i]) == 0 &&
			    f->up[k].len == f->up[i].len &&
			    memcmp(f->up[k].data, f->up[i].data,
			    f->up[i].len) == 0;
		}
		if (!skip[i])
			skip[i] = already_stored(dc, id, files, nfiles, name[i],
			    &f->up[i]);
		if (!skip[i])
			nnew++;
	}
	if (bad == 0 && (f->nup > UPLOAD_MAX_FILES ||
	    nfiles + nnew > UPLOAD_MAX_FILES)) {
		(void)snprintf(num, sizeof(num), "%d", UPLOAD_MAX_FILES);
		form_error(fe, "attachments", mail_fill(dc,
		    i18n_gettext(dc->lang, N_("At most {n} attachments are "
		    "accepted; remove one first.")), &nk, (const char **)&nv,
		    1));
		bad++;
	}
	if (bad > 0)
		return (0);
	for (i = 0; i < f->nup; i++) {
		if (!skip[i] && store_file_add(dc->db, id, name[i], type[i],
		    f->up[i].data, f->up[i].len, dc->now, &fid) != STORE_OK)
			return (-1);
	}
	return (0);
}

char *
submission_snapshot(struct arena *a, const struct submission_row *r)
{
	return (arena_printf(a, "organisation: %s\nsector: %s\ncountry: %s\n"
	    "category: %s\ntags: %s\nlanguage: %s\nconsent_publish: %d\n"
	    "consent_contact: %d\ncollaborators: %s\ntitle: %s\n\n"
	    "## summary\n%s\n\n## ai_system\n%s\n\n## actions\n%s\n\n"
	    "## outcomes\n%s\n\n## lessons\n%s\n\n## links\n%s\n",
	    r->organisation, r->sector, r->country, r->category, r->tags,
	    r->language, (int)r->consent_publish, (int)r->consent_contact,
	    r->collaborators, r->title, r->summary, r->ai_system, r->actions,
	    r->outcomes, r->lessons, r->links));
}

/* Each field's marker in submission_snapshot()'s text, in its order. */
static const char *const snap_marks[SUB_SNAP_NFIELDS] = {
	"organisation: ", "\nsector: ", "\ncountry: ", "\ncategory: ",
	"\ntags: ", "\nlanguage: ", "\nconsent_publish: ",
	"\nconsent_contact: ", "\ncollaborators: ", "\ntitle: ",
	"\n\n## summary\n", "\n\n## ai_system\n", "\n\n## actions\n",
	"\n\n## outcomes\n", "\n\n## lessons\n", "\n\n## links\n"
};

const struct call_ref submission_fields[] = {
	{ "organisation", N_("Organisation") },
	{ "sector", N_("Sector") },
	{ "country", N_("Country") },
	{ "category", N_("Category") },
	{ "tags", N_("Principles") },
	{ "language", N_("Language of the submission") },
	{ "consent_publish", N_("Consent to publish") },
	{ "consent_contact", N_("Consent to be contacted") },
	{ "collaborators", N_("Collaborators' email addresses") },
	{ "title", N_("Title") },
	{ "summary", N_("Summary") },
	{ "ai_system", N_("AI system concerned") },
	{ "actions", N_("What was done") },
	{ "outcomes", N_("Outcomes and evidence") },
	{ "lessons", N_("Lessons learned") },
	{ "links", N_("Links") },
	{ "attachments", N_("Attachments") },
	{ NULL, NULL }
};

void
submission_snapshot_parse(struct arena *a, const char *snap, char **values)
{
	const char	*p, *start[SUB_SNAP_NFIELDS], *end;
	size_t		 i, k;

	/* Each marker is searched from where the one before ended, so
	 * the whole text is read about once. */
	p = snap != NULL ? snap : "";
	for (i = 0; i < SUB_SNAP_NFIELDS; i++) {
		if ((start[i] = strstr(p, snap_marks[i])) != NULL) {
			start[i] += strlen(snap_marks[i]);
			p = start[i];
		}
	}
	for (i = 0; i < SUB_SNAP_NFIELDS; i++) {
		if (start[i] == NULL) {
			values[i] = arena_strdup(a, "");
			continue;
		}
		end = NULL;
		for (k = i + 1; k < SUB_SNAP_NFIELDS && end == NULL; k++)
			if (start[k] != NULL)
				end = start[k] - strlen(snap_marks[k]);
		if (end == NULL) {
			/* The last field ends with the text's final newline. */
			end = start[i] + strlen(start[i]);
			if (end > start[i] && end[-1] == '\n')
				end--;
		}
		values[i] = arena_strndup(a, start[i], end > start[i] ?
		    (size_t)(end - start[i]) : 0);
	}
}

static int
receipt(struct dctx *dc, const struct submission_row *s, int64_t version)
{
	const struct i18n_lang	*l;
	const char		*keys[4], *vals[4];

	l = mail_lang(s->submitter_lang, dc->lang);
	keys[0] = "name"; vals[0] = s->submitter_name;
	keys[1] = "title"; vals[1] = s->title;
	keys[2] = "version";
	vals[2] = arena_printf(dc->a, "%lld", (long long)version);
	keys[3] = "link";
	vals[3] = arena_printf(dc->a, "%s/submissions/%lld", dc->public_url,
	    (long long)s->id);
	return (mail_queue(dc, s->submitter_email, l,
	    N_("We received your case: {title}"),
	    N_("Hello {name},\n\nWe received version {version} of your case "
	    "\"{title}\". You can read it, and change it until the call "
	    "closes, here:\n{link}\n\nThe expert advisory group reviews "
	    "every case after the deadline. We will write to you when a "
	    "decision is made.\n"), keys, vals, 4));
}

enum result
submission_create(struct dctx *dc, int64_t call_id, const struct submission_form *f,
    int submit, struct form_errors *fe, int64_t *id)
{
	struct call_row	c;
	struct submission_row	r;

	*id = 0;
	if (dc->user == NULL)
		return (RES_FORBIDDEN);
	if (store_call_get(dc->db, dc->a, call_id, "en", &c) != STORE_OK)
		return (RES_NOT_FOUND);
	if (!call_is_open(&c, dc->now))
		return (RES_CONFLICT);
	if (!check_caps(f, fe))
		return (RES_INVALID);
	memset(&r, 0, sizeof(r));
	form_to_row(dc, f, &r);
	r.call_id = call_id;
	r.submitter_id = dc->user->id;
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if (store_sub_insert(dc->db, &r, dc->now, id) != STORE_OK ||
	    audit_log(dc, 0, "submission.create", "submission", *id, "")
	    == -1) {
		(void)store_rollback(dc->db);
		*id = 0;
		return (RES_INTERNAL);
	}
	if (store_commit(dc->db) != STORE_OK) {
		*id = 0;
		return (RES_INTERNAL);
	}
	return (submission_save(dc, *id, f, submit, fe));
}

enum result
submission_save(struct dctx *dc, int64_t id, const struct submission_form *f,
    int submit, struct form_errors *fe)
{
	struct submission_row	 s, r;
	struct call_row	 c;
	struct wf_facts	 wf;
	struct form_errors content;
	int		 st, i;
	enum result	 res;

	if ((res = owner_load(dc, id, &s, &c, &wf)) != RES_OK)
		return (res);
	st = workflow_parse(s.state);
	if (!workflow_editable(st, &wf))
		return (RES_CONFLICT);
	if (!check_caps(f, fe))
		return (RES_INVALID);
	r = s;
	form_to_row(dc, f, &r);
	memset(&content, 0, sizeof(content));
	if (submit || st == WF_SUBMITTED)
		check_all(&r, &content);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if (files_apply(dc, id, f, fe) == -1)
		goto fail;
	if (st == WF_DRAFT || content.n == 0) {
		if (store_sub_update(dc->db, &r, dc->now) != STORE_OK)
			goto fail;
	}
	if (content.n == 0 && (submit || st == WF_SUBMITTED)) {
		if (st == WF_DRAFT && workflow_check(WF_DRAFT, WF_SUBMITTED,
		    WF_SUBMITTER, &wf) != RES_OK)
			goto conflict;
		if (store_sub_set_state(dc->db, id, "submitted", 1, dc->now)
		    != STORE_OK || store_sub_version_add(dc->db, id,
		    s.version + 1, submission_snapshot(dc->a, &r), dc->now)
		    != STORE_OK || audit_log(dc, 0, st == WF_DRAFT ?
		    "submission.submit" : "submission.update", "submission", id,
		    arena_printf(dc->a, "version %lld",
		    (long long)s.version + 1)) == -1 ||
		    receipt(dc, &r, s.version + 1) == -1)
			goto fail;
	} else if (audit_log(dc, 0, "submission.save", "submission", id, "")
	    == -1)
		goto fail;
	if (store_commit(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	for (i = 0; i < content.n; i++)
		form_error(fe, content.field[i], content.msgid[i]);
	return (fe->n > 0 ? RES_INVALID : RES_OK);
conflict:
	return (dctx_abort(dc, RES_CONFLICT));
fail:
	return (dctx_abort(dc, RES_INTERNAL));
}

enum result
submission_get(struct dctx *dc, int64_t id, const char *lang,
    struct submission_view *sv)
{
	struct viewer	 v;
	struct wf_facts	 wf;
	struct review_row *rv;
	size_t		 nrv, i;
	int		 st;
	enum result	 res;

	memset(sv, 0, sizeof(*sv));
	if (store_sub_get(dc->db, dc->a, id, &sv->s) != STORE_OK)
		return (RES_NOT_FOUND);
	if ((res = viewer_load(dc, sv->s.call_id, &v)) != RES_OK)
		return (res);
	if ((sv->access = submission_access(&v, &sv->s)) == SA_NONE)
		return (RES_NOT_FOUND);
	if ((res = call_get(dc, sv->s.call_id, lang, &sv->call)) != RES_OK)
		return (res);
	if (store_file_list(dc->db, dc->a, id, &sv->files, &sv->nfiles)
	    != STORE_OK)
		return (RES_INTERNAL);
	st = workflow_parse(sv->s.state);
	facts(dc, &sv->call.r, &sv->s, &wf);
	if (sv->access == SA_REVIEWER &&
	    strcmp(sv->call.r.blind_mode, "double") == 0) {
		sv->blind = 1;
		sv->s.organisation = "";
		sv->s.submitter_name = "";
		sv->s.submitter_email = "";
		sv->s.links = "";
		sv->s.collaborators = "";
		for (i = 0; i < sv->nfiles; i++)
			sv->files[i].filename = arena_printf(dc->a,
			    "attachment-%zu", i + 1);
	}
	if (sv->access == SA_OWNER) {
		sv->editable = workflow_editable(st, &wf);
		sv->can_withdraw = st >= 0 && workflow_check(st, WF_WITHDRAWN,
		    WF_SUBMITTER, &wf) == RES_OK;
		sv->can_reopen = st == WF_WITHDRAWN && workflow_check(st,
		    WF_DRAFT, WF_SUBMITTER, &wf) == RES_OK;
		if (st == WF_DECIDED || st == WF_PUBLISHED) {
			if (store_reviews_for_submission(dc->db, dc->a, id, &rv, &nrv)
			    != STORE_OK)
				return (RES_INTERNAL);
			sv->feedback = arena_alloc(dc->a, (nrv + 1) *
			    sizeof(*rv));
			for (i = 0; i < nrv; i++) {
				if (strcmp(rv[i].state, "submitted") != 0 ||
				    rv[i].to_submitter[0] == '\0')
					continue;
				sv->feedback[sv->nfeedback] = rv[i];
				sv->feedback[sv->nfeedback].confidential = "";
				if (strcmp(sv->call.r.blind_mode, "open") != 0)
					sv->feedback[sv->nfeedback]
					    .display_name = "";
				sv->nfeedback++;
			}
		}
	}
	return (RES_OK);
}

enum result
submission_load(struct dctx *dc, int64_t id, enum submission_role want,
    struct submission_row *s, struct call_row *c, struct viewer *v,
    struct wf_facts *wf)
{
	enum result	res;

	if (store_sub_get(dc->db, dc->a, id, s) != STORE_OK ||
	    store_call_get(dc->db, dc->a, s->call_id, "en", c) != STORE_OK)
		return (RES_NOT_FOUND);
	if ((res = viewer_load(dc, s->call_id, v)) != RES_OK)
		return (res);
	if (submission_access(v, s) != want)
		return (RES_NOT_FOUND);
	facts(dc, c, s, wf);
	return (RES_OK);
}

int
submission_chair_sees(struct dctx *dc, int64_t id, struct submission_row *s)
{
	struct viewer	v;

	return (store_sub_get(dc->db, dc->a, id, s) == STORE_OK &&
	    viewer_load(dc, s->call_id, &v) == RES_OK &&
	    submission_access(&v, s) == SA_CHAIR);
}

/*
 * The submission id with its call and workflow facts, for the actor who
 * owns it: RES_FORBIDDEN when nobody is signed in, else as
 * submission_load.
 */
static enum result
owner_load(struct dctx *dc, int64_t id, struct submission_row *s,
    struct call_row *c, struct wf_facts *wf)
{
	struct viewer	v;

	if (dc->user == NULL)
		return (RES_FORBIDDEN);
	return (submission_load(dc, id, SA_OWNER, s, c, &v, wf));
}

/* Moves the owner's case from its state to `to` if the table allows. */
static enum result
owner_move(struct dctx *dc, int64_t id, enum wf_state to, const char *what)
{
	struct submission_row	 s;
	struct call_row	 c;
	struct wf_facts	 wf;
	enum result	 res;
	int		 st;

	if ((res = owner_load(dc, id, &s, &c, &wf)) != RES_OK)
		return (res);
	st = workflow_parse(s.state);
	if (st < 0 || (res = workflow_check(st, to, WF_SUBMITTER, &wf))
	    != RES_OK)
		return (RES_CONFLICT);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if (store_sub_set_state(dc->db, id, workflow_name(to), 0, dc->now)
	    != STORE_OK || audit_log(dc, 0, what, "submission", id,
	    arena_printf(dc->a, "%s -> %s", s.state, workflow_name(to)))
	    == -1)
		return (dctx_abort(dc, RES_INTERNAL));
	return (dctx_commit(dc));
}

enum result
submission_withdraw(struct dctx *dc, int64_t id)
{
	return (owner_move(dc, id, WF_WITHDRAWN, "submission.withdraw"));
}

enum result
submission_reopen(struct dctx *dc, int64_t id)
{
	return (owner_move(dc, id, WF_DRAFT, "submission.reopen"));
}

static int64_t
submission_key(const void *p)
{
	return (((const struct submission_row *)p)->id);
}

enum result
submission_mine(struct dctx *dc, struct keypage *pg, struct submission_row **rows,
    size_t *n)
{
	if (dc->user == NULL)
		return (RES_FORBIDDEN);
	do {
		if (store_sub_list_user(dc->db, dc->a, dc->user->id,
		    keypage_cursor(pg), SUB_MINE_PAGE + 1, rows, n) !=
		    STORE_OK)
			return (RES_INTERNAL);
	} while (keypage_done(pg, *rows, sizeof(**rows), n, SUB_MINE_PAGE,
	    submission_key));
	return (RES_OK);
}

enum result
submission_file(struct dctx *dc, int64_t submission_id, int64_t file_id,
    struct file_row *f)
{
	struct submission_view		 sv;
	struct submission_public	 p;
	enum result		 res;
	size_t			 i;

	if ((res = submission_get(dc, submission_id, "en", &sv)) == RES_OK) {
		if (store_file_get(dc->db, dc->a, submission_id, file_id, f) !=
		    STORE_OK)
			return (RES_NOT_FOUND);
		for (i = 0; i < sv.nfiles; i++) {
			if (sv.files[i].id == file_id)
				f->filename = sv.files[i].filename;
		}
		return (RES_OK);
	}
	/* Anyone, conflicted or anonymous, may fetch a file the library
	 * shows: the case is published and its call publishes
	 * attachments (then p lists them). */
	if (submission_public_view(dc, submission_id, &p) != RES_OK ||
	    strcmp(p.state, "published") != 0)
		return (res);
	for (i = 0; i < p.nfiles; i++) {
		if (p.files[i].id == file_id)
			break;
	}
	if (i == p.nfiles || store_file_get(dc->db, dc->a, submission_id, file_id,
	    f) != STORE_OK)
		return (res);
	f->filename = p.files[i].filename;
	return (RES_OK);
}

enum result
submission_public_view(struct dctx *dc, int64_t id, struct submission_public *p)
{
	struct submission_row	 s;
	struct call_row	 c;
	struct wf_facts	 wf;
	const char	*pf;
	int		 st;

	memset(p, 0, sizeof(*p));
	if (store_sub_get(dc->db, dc->a, id, &s) != STORE_OK ||
	    store_call_get(dc->db, dc->a, s.call_id, "en", &c) != STORE_OK)
		return (RES_NOT_FOUND);
	st = workflow_parse(s.state);
	facts(dc, &c, &s, &wf);
	if ((st != WF_DECIDED && st != WF_PUBLISHED) || !wf.publishable)
		return (RES_NOT_FOUND);
	pf = c.public_fields;
#define PUB(f) (assign_list_has(pf, #f) ? s.f : "")
	p->id = s.id;
	p->call_id = s.call_id;
	p->state = s.state;
	p->decision = s.decision;
	p->decided_at = s.decided_at;
	p->consent_publish = 1;
	p->license = "CC-BY-4.0";
	p->title = s.title;
	p->category = s.category;
	p->tags = s.tags;
	p->language = s.language;
	p->organisation = PUB(organisation);
	p->country = PUB(country);
	p->sector = PUB(sector);
	p->summary = PUB(summary);
	p->ai_system = PUB(ai_system);
	p->actions = PUB(actions);
	p->outcomes = PUB(outcomes);
	p->lessons = PUB(lessons);
	p->links = PUB(links);
#undef PUB
	if (assign_list_has(pf, "attachments") && store_file_list(dc->db,
	    dc->a, id, &p->files, &p->nfiles) != STORE_OK)
		return (RES_INTERNAL);
	return (RES_OK);
}
