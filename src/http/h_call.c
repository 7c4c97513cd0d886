/*
 * h_call.c: the public pages of calls (list, one call with its rubric),
 * the time zone choice, and the helpers every open-call page shares (see
 * h_call.h). Dates are stored in UTC and shown in the zone of the `tz`
 * cookie (set by the form on /calls), with the zone named.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/call.h"
#include "domain/assign.h"
#include "domain/fairness.h"
#include "domain/taxonomy.h"
#include "domain/upload.h"
#include "domain/validate.h"
#include "domain/workflow.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "http/h_call.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/markdown.h"
#include "web/tmpl.h"

int	page_calls(struct http_request *);
int	page_call(struct http_request *);
int	page_calls_tz(struct http_request *);

/* Languages offered for submissions (ISO 639-1; names from ICU). */
static const char *const submission_langs[] = {
	"en", "fr", "es", "ar", "zh", "ru", "ko", "ja", "de", "pt", "it",
	"hi", "bn", "ur", "id", "ms", "th", "vi", "tr", "fa", "sw", "am",
	"ha", "yo", "uk", "pl", "nl", "sv", "el", "he", NULL
};

/* Time zones offered by the form (any valid IANA name is accepted). */
static const char *const zones[] = {
	"UTC", "America/Los_Angeles", "America/New_York", "America/Sao_Paulo",
	"Europe/London", "Europe/Paris", "Africa/Lagos", "Africa/Nairobi",
	"Asia/Dubai", "Asia/Kolkata", "Asia/Bangkok", "Asia/Shanghai",
	"Asia/Seoul", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland",
	NULL
};

static int	tz_ok(const char *);
static int	name_cmp(const void *, const void *);
static void	choice(struct ctx *, struct tv *, const char *, const char *,
		    const char *, const char *);

struct named {
	const char	*code;
	char		*name;
};

/* A submission's fields shown as they are (hc_case() adds the rest). */
static const struct tv_field case_fields[] = {
	TVF(struct submission_row, "id", id),
	TVF(struct submission_row, "call_id", call_id),
	TVF(struct submission_row, "state", state),
	TVF(struct submission_row, "version", version),
	TVF(struct submission_row, "organisation", organisation),
	TVF(struct submission_row, "submitter", submitter_name),
	TVF(struct submission_row, "submitter_email", submitter_email),
	TVF(struct submission_row, "country_code", country),
	TVF(struct submission_row, "summary", summary),
	TVF(struct submission_row, "ai_system", ai_system),
	TVF(struct submission_row, "actions", actions),
	TVF(struct submission_row, "outcomes", outcomes),
	TVF(struct submission_row, "lessons", lessons),
	TVF(struct submission_row, "links", links),
	TVF(struct submission_row, "collaborators", collaborators),
	TVF_FLAG(struct submission_row, "consent_publish", consent_publish),
	TVF_FLAG(struct submission_row, "consent_contact", consent_contact),
	TVF(struct submission_row, "decision_slug", decision),
	TVF(struct submission_row, "decision_reason", decision_reason),
	{ NULL, 0, 0 }
};

static int
tz_ok(const char *tz)
{
	size_t	n;

	n = strlen(tz);
	return (n > 0 && n < 64 && strspn(tz, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789_/+-") == n &&
	    tz[0] != '/' && strstr(tz, "..") == NULL);
}

int64_t
hc_path_id(struct ctx *c, const char *prefix)
{
	const char	*p = c->req->path;
	char		*end;
	long long	 v;
	size_t		 n;

	n = strlen(prefix);
	if (strncmp(p, prefix, n) != 0)
		return (0);
	v = strtoll(p + n, &end, 10);
	if (end == p + n || v <= 0 || (*end != '\0' && *end != '/'))
		return (0);
	return ((int64_t)v);
}

const char *
hc_tz(struct ctx *c)
{
	char	*v, *d, *o;

	if (!http_request_cookie(c->req, "tz", &v) || strlen(v) > 100)
		return ("UTC");
	d = arena_strdup(c->dc.a, v);
	for (o = d; *v != '\0'; v++) {
		if (v[0] == '%' && v[1] == '2' &&
		    (v[2] == 'F' || v[2] == 'f')) {
			*o++ = '/';
			v += 2;
		} else
			*o++ = *v;
	}
	*o = '\0';
	return (tz_ok(d) ? d : "UTC");
}

void
hc_audit(struct ctx *c, struct tv *list, const struct audit_row *rows,
    size_t n, int zoned)
{
	struct tv	*item;
	size_t		 i;

	for (i = 0; i < n; i++) {
		item = tv_push_map(list);
		tv_str(item, "at", zoned ? hc_date(c, rows[i].at) :
		    ctx_date(c, rows[i].at, 1));
		tv_str(item, "actor", rows[i].actor_name);
		tv_str(item, "action", rows[i].action);
		tv_str(item, "object", arena_printf(c->dc.a, "%s %s",
		    rows[i].object_type, rows[i].object_id));
		tv_bool(item, "is_case", strcmp(rows[i].object_type,
		    "submission") == 0);
		tv_str(item, "object_id", rows[i].object_id);
		tv_str(item, "detail", rows[i].detail);
	}
}

char *
hc_date(struct ctx *c, int64_t t)
{
	char		 out[128];
	const char	*tz;

	tz = hc_tz(c);
	if (i18n_format_date(c->lang, t, tz, 1, out, sizeof(out)) == -1) {
		tz = "UTC";
		if (i18n_format_date(c->lang, t, tz, 1, out, sizeof(out))
		    == -1)
			return (arena_strdup(c->dc.a, ""));
	}
	/* The formatted date ends with the zone's short name ("UTC",
	 * "GMT+9"); a named zone other than UTC is added for clarity. */
	if (strcmp(tz, "UTC") == 0)
		return (arena_strdup(c->dc.a, out));
	return (arena_printf(c->dc.a, "%s (%s)", out, tz));
}

char *
hc_join(struct ctx *c, const char *name, size_t max)
{
	struct http_arg	 *q;
	const char	**v;
	size_t		  n = 0;

	/* At most max + 1 values: enough for the domain to see that there
	 * are too many, and the work stays linear in the request. */
	(void)ctx_param(c, name);	/* loads the parameters */
	v = arena_alloc(c->dc.a, (max + 1) * sizeof(*v));
	TAILQ_FOREACH(q, &c->req->arguments, list) {
		if (n > max)
			break;
		if (strcmp(q->name, name) == 0 && q->s_value != NULL)
			v[n++] = q->s_value;
	}
	return (list_join(c->dc.a, v, n));
}

size_t
hc_ids(struct ctx *c, const char *name, int64_t *out, size_t max)
{
	struct http_arg	*q;
	size_t		 n = 0;
	long long	 v;
	char		*end;

	(void)ctx_param(c, name);
	TAILQ_FOREACH(q, &c->req->arguments, list) {
		if (n == max || strcmp(q->name, name) != 0 ||
		    q->s_value == NULL)
			continue;
		v = strtoll(q->s_value, &end, 10);
		if (*end == '\0' && v > 0)
			out[n++] = (int64_t)v;
	}
	return (n);
}

void
hc_files(struct ctx *c, const char *name, struct submission_form *f)
{
	struct http_file	*file;
	char			*data;
	ssize_t			 r;
	size_t			 got, n = 0;

	(void)ctx_param(c, "csrf");
	TAILQ_FOREACH(file, &c->req->files, list) {
		if (strcmp(file->name, name) == 0)
			n++;
	}
	TAILQ_FOREACH(file, &c->req->files, list) {
		if (f->nup == SUB_MAX_UPLOADS || strcmp(file->name, name) != 0)
			continue;
		f->up[f->nup].name = file->filename;
		f->up[f->nup].data = "";
		f->up[f->nup].len = file->length;
		f->nup++;
		/* Too many or too large: named and counted, never read; the
		 * domain refuses them. */
		if (n > UPLOAD_MAX_FILES || file->length > UPLOAD_MAX_SIZE)
			continue;
		data = arena_alloc(c->dc.a, file->length + 1);
		http_file_rewind(file);
		got = 0;
		while (got < file->length && (r = http_file_read(file,
		    data + got, file->length - got)) > 0)
			got += (size_t)r;
		f->up[f->nup - 1].data = data;
		f->up[f->nup - 1].len = got;
	}
}

const char *
hc_state(struct ctx *c, const char *state)
{
	int	s;

	if ((s = workflow_parse(state)) < 0)
		return ("");
	return (ctx_tr(c, workflow_label(s)));
}

const char *
hc_decision(struct ctx *c, const char *d)
{
	const char	*l;

	if ((l = call_ref_label(call_decisions, d)) == NULL)
		return ("");
	return (ctx_tr(c, l));
}

void
hc_call(struct ctx *c, struct tv *m, const struct call *call)
{
	struct tv		*list, *item, *anchors, *a;
	const struct tax_entry	*cats;
	size_t			 i, n;
	int			 k;

	tv_int(m, "id", call->r.id);
	tv_str(m, "title", call->r.title);
	tv_html(m, "description", markdown_render(c->dc.a,
	    call->r.description, strlen(call->r.description)));
	tv_str(m, "opens", hc_date(c, call->r.opens_at));
	tv_str(m, "closes", hc_date(c, call->r.closes_at));
	tv_bool(m, "open", call->open);
	tv_bool(m, "upcoming", call->upcoming);
	tv_bool(m, "closed", !call->open && !call->upcoming);
	tv_str(m, "blind", ctx_tr(c, call_ref_label(call_blind_modes,
	    call->r.blind_mode) != NULL ? call_ref_label(call_blind_modes,
	    call->r.blind_mode) : ""));
	tv_int(m, "reviewers", call->r.reviewers_per_case);
	cats = taxonomy_list(TAX_CASE_CATEGORY, &n);
	list = tv_list(m, "categories");
	for (i = 0; i < n; i++)
		tv_push_str(list, ctx_tr(c, cats[i].name));
	list = tv_list(m, "public_fields");
	for (i = 0; call_public_fields[i] != NULL; i++) {
		if (assign_list_has(call->r.public_fields,
		    call_public_fields[i]))
			tv_push_str(list, ctx_tr(c, call_ref_label(
			    submission_fields, call_public_fields[i])));
	}
	list = tv_list(m, "rubric");
	for (i = 0; i < call->ncrit; i++) {
		item = tv_push_map(list);
		tv_int(item, "index", (int64_t)i);
		tv_int(item, "id", call->crit[i].id);
		tv_str(item, "name", ctx_tr(c, call->crit[i].name));
		tv_str(item, "description", ctx_tr(c,
		    call->crit[i].description));
		anchors = tv_list(item, "anchors");
		for (k = 0; k < CRIT_NANCHORS; k++) {
			a = tv_push_map(anchors);
			tv_int(a, "score", k + 1);
			tv_str(a, "text", ctx_tr(c, call->crit[i].anchor[k]));
		}
	}
}

void
hc_case(struct ctx *c, struct tv *m, const struct submission_row *s)
{
	struct tv	*tags;
	const char	*p, *l;
	char		 name[128], w[64];

	tv_fields(m, s, case_fields);
	tv_str(m, "state_label", hc_state(c, s->state));
	tv_str(m, "title", s->title[0] ? s->title :
	    ctx_tr(c, N_("(untitled)")));
	l = call_ref_label(call_sectors, s->sector);
	tv_str(m, "sector", l != NULL ? ctx_tr(c, l) : s->sector);
	if (s->country[0] != '\0' && i18n_country_name(c->lang, s->country,
	    name, sizeof(name)) == 0)
		tv_str(m, "country", arena_strdup(c->dc.a, name));
	tv_str(m, "region", ctx_tr(c, fairness_region_label(
	    fairness_region(s->country))));
	l = taxonomy_name(TAX_CASE_CATEGORY, s->category);
	tv_str(m, "category", l != NULL ? ctx_tr(c, l) : s->category);
	if (s->language[0] != '\0' && i18n_language_name(c->lang,
	    s->language, name, sizeof(name)) == 0)
		tv_str(m, "language", arena_strdup(c->dc.a, name));
	tags = tv_list(m, "tags");
	p = s->tags;
	while (list_next(&p, w, sizeof(w)) != 0) {
		if ((l = taxonomy_name(TAX_PRINCIPLE, w)) == NULL)
			l = taxonomy_name(TAX_POLICY_AREA, w);
		if (l != NULL)
			tv_push_str(tags, ctx_tr(c, l));
	}
	tv_str(m, "decision", hc_decision(c, s->decision));
	if (s->submitted_at > 0)
		tv_str(m, "submitted_at", hc_date(c, s->submitted_at));
	tv_str(m, "updated_at", hc_date(c, s->updated_at));
}

static int
name_cmp(const void *a, const void *b)
{
	const struct named *x = a, *y = b;

	return (strcmp(x->name, y->name));
}

/* Appends to list a choice: slug, name (label translated), and mark set
 * when the comma-separated list marked holds the slug. */
static void
choice(struct ctx *c, struct tv *list, const char *slug, const char *label,
    const char *mark, const char *marked)
{
	struct tv	*item;

	item = tv_push_map(list);
	tv_str(item, "slug", slug);
	tv_str(item, "name", ctx_tr(c, label));
	tv_bool(item, mark, assign_list_has(marked, slug));
}

void
hc_refs(struct ctx *c, struct tv *map, const char *key,
    const struct call_ref *refs, const char *mark, const char *marked)
{
	struct tv	*list;
	size_t		 i;

	list = tv_list(map, key);
	for (i = 0; refs[i].slug != NULL; i++)
		choice(c, list, refs[i].slug, refs[i].label, mark, marked);
}

void
hc_public_fields(struct ctx *c, struct tv *map, const char *marked)
{
	struct tv	*list;
	size_t		 i;

	list = tv_list(map, "public_fields");
	for (i = 0; call_public_fields[i] != NULL; i++)
		choice(c, list, call_public_fields[i], call_ref_label(
		    submission_fields, call_public_fields[i]), "checked",
		    marked);
}

void
hc_taxonomy(struct ctx *c, struct tv *map, const char *key,
    enum tax_kind kind, const char *mark, const char *marked)
{
	const struct tax_entry	*t;
	struct tv		*list;
	size_t			 i, n;

	t = taxonomy_list(kind, &n);
	list = tv_list(map, key);
	for (i = 0; i < n; i++)
		choice(c, list, t[i].slug, t[i].name, mark, marked);
}

void
hc_options(struct ctx *c, const char *sector, const char *country,
    const char *category, const char *tags, const char *language)
{
	const char *const	*cc;
	struct named		*nm;
	struct tv		*list, *item;
	char			 name[128];
	size_t			 i, n, k;

	hc_refs(c, c->view, "sectors", call_sectors, "selected", sector);
	hc_taxonomy(c, c->view, "categories", TAX_CASE_CATEGORY, "selected",
	    category);
	hc_taxonomy(c, c->view, "principles", TAX_PRINCIPLE, "checked", tags);
	hc_taxonomy(c, c->view, "areas", TAX_POLICY_AREA, "checked", tags);
	cc = i18n_country_codes();
	for (n = 0; cc[n] != NULL; n++)
		;
	nm = arena_alloc(c->dc.a, (n + 1) * sizeof(*nm));
	for (i = k = 0; i < n; i++) {
		if (i18n_country_name(c->lang, cc[i], name, sizeof(name)) != 0)
			continue;
		nm[k].code = cc[i];
		nm[k].name = arena_strdup(c->dc.a, name);
		k++;
	}
	qsort(nm, k, sizeof(*nm), name_cmp);
	list = tv_list(c->view, "countries");
	for (i = 0; i < k; i++) {
		item = tv_push_map(list);
		tv_str(item, "code", nm[i].code);
		tv_str(item, "name", nm[i].name);
		tv_bool(item, "selected", country != NULL &&
		    strcmp(country, nm[i].code) == 0);
	}
	list = tv_list(c->view, "submission_langs");
	for (i = 0; submission_langs[i] != NULL; i++) {
		if (i18n_language_name(c->lang, submission_langs[i], name,
		    sizeof(name)) != 0)
			continue;
		item = tv_push_map(list);
		tv_str(item, "code", submission_langs[i]);
		tv_str(item, "name", arena_strdup(c->dc.a, name));
		tv_bool(item, "selected", language != NULL &&
		    strcmp(language, submission_langs[i]) == 0);
	}
}

void
hc_files_view(struct ctx *c, struct tv *m, const struct submission_view *sv)
{
	struct tv	*list, *item;
	size_t		 i;

	list = tv_list(m, "files");
	for (i = 0; sv != NULL && i < sv->nfiles; i++) {
		item = tv_push_map(list);
		tv_int(item, "id", sv->files[i].id);
		tv_str(item, "name", sv->files[i].filename);
		tv_str(item, "type", sv->files[i].content_type);
		tv_str(item, "size", arena_printf(c->dc.a, "%lld KB",
		    (long long)(sv->files[i].size + 1023) / 1024));
		tv_str(item, "url", arena_printf(c->dc.a,
		    "/submissions/%lld/files/%lld", (long long)sv->s.id,
		    (long long)sv->files[i].id));
	}
	tv_bool(m, "files_full", sv != NULL && sv->nfiles >= UPLOAD_MAX_FILES);
	tv_int(m, "upload_files", UPLOAD_MAX_FILES);
	tv_int(m, "upload_mb", UPLOAD_MAX_MB);
}

void
hc_calls(struct ctx *c, struct tv *map, const char *key,
    const struct call_row *rows, size_t n)
{
	struct call	 one;
	struct tv	*list;
	size_t		 i;

	list = tv_list(map, key);
	for (i = 0; i < n; i++) {
		memset(&one, 0, sizeof(one));
		one.r = rows[i];
		one.open = call_is_open(&rows[i], c->dc.now);
		one.upcoming = c->dc.now < rows[i].opens_at;
		hc_call(c, tv_push_map(list), &one);
	}
}

int
page_calls(struct http_request *req)
{
	struct ctx	 c;
	struct call_row	*rows;
	struct tv	*item, *z;
	size_t		 n, i;
	const char	*tz;

	ctx_begin(&c, req);
	if (!ctx_method(&c, CTX_GET))
		goto out;
	if (!ctx_ok(&c, call_list(&c.dc, i18n_code(c.lang), &rows, &n)))
		goto out;
	ctx_title(&c, N_("Open call for AI-ethics practice cases"));
	hc_calls(&c, c.view, "calls", rows, n);
	tz = hc_tz(&c);
	tv_str(c.view, "tz", tz);
	z = tv_list(c.view, "zones");
	for (i = 0; zones[i] != NULL; i++) {
		item = tv_push_map(z);
		tv_str(item, "name", zones[i]);
		tv_bool(item, "selected", strcmp(zones[i], tz) == 0);
	}
	ctx_render(&c, 200, "calls");
out:
	return (ctx_end(&c));
}

int
page_call(struct http_request *req)
{
	struct ctx	c;
	struct call	call;
	int64_t		id;

	ctx_begin(&c, req);
	if (!ctx_method(&c, CTX_GET))
		goto out;
	if ((id = hc_path_id(&c, "/calls/")) == 0) {
		ctx_error(&c, 404);
		goto out;
	}
	if (!ctx_ok(&c, call_get(&c.dc, id, i18n_code(c.lang), &call)))
		goto out;
	tv_str(c.view, "title", call.r.title);
	hc_call(&c, tv_child(c.view, "call"), &call);
	tv_str(c.view, "tz", hc_tz(&c));
	ctx_render(&c, 200, "call");
out:
	return (ctx_end(&c));
}

int
page_calls_tz(struct http_request *req)
{
	struct ctx	 c;
	const char	*tz, *next;
	char		*enc, *o;
	const char	*p;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_POST, GATE_ANYONE))
		goto out;
	tz = ctx_param(&c, "tz");
	next = ctx_param(&c, "next");
	if (tz == NULL || !tz_ok(tz)) {
		ctx_error(&c, 400);
		goto out;
	}
	enc = arena_alloc(c.dc.a, strlen(tz) * 3 + 1);
	for (o = enc, p = tz; *p != '\0'; p++) {
		if (*p == '/') {
			memcpy(o, "%2F", 3);
			o += 3;
		} else
			*o++ = *p;
	}
	*o = '\0';
	ctx_cookie(&c, "tz", enc, 365 * 86400);
	ctx_redirect(&c, next != NULL && ctx_local_path(next) ? next :
	    "/calls");
out:
	return (ctx_end(&c));
}
