/*
 * fairness.c: the fairness report (see fairness.h): the region table and
 * grouping with small-cell suppression. Pure functions; the caller
 * passes only submissions the viewer may see.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "domain/fairness.h"
#include "lib/mem.h"
#include "web/i18n.h"

struct region {
	const char	*slug;
	const char	*label;
	const char	*codes;		/* space-separated ISO codes */
};

static const struct region regions[] = {
	{ "africa", N_("Africa"),
	    "AO BJ BW BF BI CV CM CF TD KM CG CD CI GQ ER SZ ET GA GM GH GN "
	    "GW KE LS LR MG MW ML MU MZ NA NE NG RW ST SN SC SL SS TZ TG UG "
	    "ZM ZW ZA" },
	{ "arab-states", N_("Arab States"),
	    "DZ BH DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE" },
	{ "asia-pacific", N_("Asia and the Pacific"),
	    "AF AU BD BT BN KH CN CK FJ IN ID IR JP KI KZ KG LA MY MV MH FM "
	    "MN MM NR NP NZ NU KP PK PW PG PH KR WS SG SB LK TJ TH TL TO TM "
	    "TV UZ VU VN TK MO HK" },
	{ "europe-north-america", N_("Europe and North America"),
	    "AL AD AM AT AZ BY BE BA BG CA HR CY CZ DK EE FI FR GE DE GR HU "
	    "IS IE IL IT LV LT LU MT MC ME NL MK NO PL PT MD RO RU SM RS SK "
	    "SI ES SE CH TR UA GB US FO" },
	{ "latin-america-caribbean", N_("Latin America and the Caribbean"),
	    "AG AR BS BB BZ BO BR CL CO CR CU DM DO EC SV GD GT GY HT HN JM "
	    "MX NI PA PY PE KN LC VC SR TT UY VE AW CW SX VG KY MS" },
};

const char *const fairness_regions[] = {
	"africa", "arab-states", "asia-pacific", "europe-north-america",
	"latin-america-caribbean", NULL
};

static int	group_cmp(const void *, const void *);
static const char *item_key(const struct fairness_item *, enum fairness_dim);

const char *
fairness_region(const char *cc)
{
	const char	*p;
	size_t		 i;

	if (cc == NULL || strlen(cc) != 2)
		return ("other");
	for (i = 0; i < sizeof(regions) / sizeof(regions[0]); i++) {
		for (p = regions[i].codes; *p != '\0'; p += (p[2] ? 3 : 2)) {
			if (p[0] == cc[0] && p[1] == cc[1])
				return (regions[i].slug);
		}
	}
	return ("other");
}

const char *
fairness_region_label(const char *slug)
{
	size_t	i;

	for (i = 0; slug != NULL && i < sizeof(regions) / sizeof(regions[0]);
	    i++) {
		if (strcmp(regions[i].slug, slug) == 0)
			return (regions[i].label);
	}
	return (N_("Other or unknown"));
}

static const char *
item_key(const struct fairness_item *it, enum fairness_dim d)
{
	const char	*k;

	switch (d) {
	case FAIR_REGION:
		k = fairness_region(it->country);
		break;
	case FAIR_COUNTRY:
		k = it->country;
		break;
	case FAIR_SECTOR:
		k = it->sector;
		break;
	case FAIR_CATEGORY:
		k = it->category;
		break;
	case FAIR_LANGUAGE:
	default:
		k = it->language;
		break;
	}
	return (k != NULL ? k : "");
}

static int
group_cmp(const void *a, const void *b)
{
	const struct fairness_group *x = a, *y = b;

	return (strcmp(x->key, y->key));
}

void
fairness_group(struct arena *a, const struct fairness_item *items,
    size_t nitems, enum fairness_dim d, struct fairness_group **out,
    size_t *n)
{
	struct fairness_group	*g;
	const char		*k;
	size_t			 i, j, ng = 0;

	g = arena_alloc(a, (nitems + 1) * sizeof(*g));
	for (i = 0; i < nitems; i++) {
		k = item_key(&items[i], d);
		for (j = 0; j < ng; j++) {
			if (strcmp(g[j].key, k) == 0)
				break;
		}
		if (j == ng) {
			g[ng].key = k;
			g[ng].submitted = 0;
			g[ng].selected = 0;
			ng++;
		}
		g[j].submitted++;
		if (items[i].selected)
			g[j].selected++;
	}
	qsort(g, ng, sizeof(*g), group_cmp);
	*out = g;
	*n = ng;
}

char *
fairness_cell(struct arena *a, int64_t v)
{
	if (v < FAIRNESS_MIN_CELL)
		return (arena_strdup(a, "< 5"));
	return (arena_printf(a, "%" PRId64, v));
}

char *
fairness_rate(struct arena *a, int64_t sel, int64_t sub)
{
	if (sel < FAIRNESS_MIN_CELL || sub < FAIRNESS_MIN_CELL)
		return (arena_strdup(a, "—"));
	return (arena_printf(a, "%" PRId64 "%%", (sel * 100 + sub / 2) / sub));
}
