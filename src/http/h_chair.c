/*
 * h_chair.c: what every chair page shares: loading the call a page is
 * about, the decisions to choose from, and the labels of fairness groups
 * (each page opens with gate(GATE_CHAIR), gate.h). The pages themselves
 * are in h_chair_calls.c (calls), h_chair_cases.c (cases),
 * h_chair_reviewers.c (reviewers and conflicts), h_chair_decisions.c
 * (decisions and their mail) and h_chair_reports.c (fairness, audit,
 * export). The domain checks ACT_CALL_CHAIR and the visibility rule on
 * every call.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <stddef.h>

#include "domain/call.h"
#include "domain/fairness.h"
#include "domain/taxonomy.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "http/h_call.h"
#include "http/h_chair.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

const struct tv_field	chair_person_fields[] = {
	TVF(struct person_row, "id", id),
	TVF(struct person_row, "name", display_name),
	TVF(struct person_row, "email", email),
	TVF(struct person_row, "organisation", organisation),
	TVF(struct person_row, "load", load),
	{ NULL, 0, 0 }
};

/* Loads the call for a chair page; 0 (page sent) on failure. */
int
chair_call_load(struct ctx *c, int64_t id, struct call *call)
{
	if (!ctx_ok(c, call_get(&c->dc, id, i18n_code(c->lang), call)))
		return (0);
	hc_call(c, tv_child(c->view, "call"), call);
	return (1);
}

/* Starts a page about one call: the gate, its id, the call. */
int
chair_call_page(struct ctx *c, int methods, int64_t *id, struct call *call)
{
	if (!gate(c, methods, GATE_CHAIR))
		return (0);
	*id = hc_path_id(c, "/chair/calls/");
	return (chair_call_load(c, *id, call));
}

/* The translated label of a fairness group key. */
const char *
chair_group_label(struct ctx *c, int d, const char *key)
{
	char		 name[128];
	const char	*l = NULL;

	if (*key == '\0')
		return (ctx_tr(c, N_("Not given")));
	switch (d) {
	case FAIR_REGION:
		return (ctx_tr(c, fairness_region_label(key)));
	case FAIR_COUNTRY:
		if (i18n_country_name(c->lang, key, name, sizeof(name)) == 0)
			return (arena_strdup(c->dc.a, name));
		break;
	case FAIR_SECTOR:
		l = call_ref_label(call_sectors, key);
		break;
	case FAIR_CATEGORY:
		l = taxonomy_name(TAX_CASE_CATEGORY, key);
		break;
	default:
		if (i18n_language_name(c->lang, key, name, sizeof(name)) == 0)
			return (arena_strdup(c->dc.a, name));
		break;
	}
	return (l != NULL ? ctx_tr(c, l) : key);
}
