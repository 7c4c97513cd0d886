/*
 * taxonomy.c: the tables behind taxonomy.h. The slugs are those of
 * docs/taxonomy.md; changing one breaks stored tags, so only add.
 */
#include <string.h>

#include "domain/taxonomy.h"

#ifndef N_
#define N_(s)	(s)
#endif

static const struct tax_entry values[] = {
	{ "human-rights", N_("Respect, protection and promotion of human "
	    "rights and fundamental freedoms and human dignity") },
	{ "environment", N_("Environment and ecosystem flourishing") },
	{ "diversity", N_("Ensuring diversity and inclusiveness") },
	{ "peaceful-societies", N_("Living in peaceful, just and "
	    "interconnected societies") },
};

static const struct tax_entry principles[] = {
	{ "proportionality", N_("Proportionality and do no harm") },
	{ "safety-security", N_("Safety and security") },
	{ "fairness", N_("Fairness and non-discrimination") },
	{ "sustainability", N_("Sustainability") },
	{ "privacy", N_("Right to privacy and data protection") },
	{ "human-oversight", N_("Human oversight and determination") },
	{ "transparency", N_("Transparency and explainability") },
	{ "accountability", N_("Responsibility and accountability") },
	{ "awareness", N_("Awareness and literacy") },
	{ "governance", N_("Multi-stakeholder and adaptive governance and "
	    "collaboration") },
};

static const struct tax_entry policy_areas[] = {
	{ "ethical-impact-assessment", N_("Ethical impact assessment") },
	{ "ethical-governance", N_("Ethical governance and stewardship") },
	{ "data-policy", N_("Data policy") },
	{ "development-cooperation", N_("Development and international "
	    "cooperation") },
	{ "environment-ecosystems", N_("Environment and ecosystems") },
	{ "gender", N_("Gender") },
	{ "culture", N_("Culture") },
	{ "education-research", N_("Education and research") },
	{ "communication-information", N_("Communication and information") },
	{ "economy-labour", N_("Economy and labour") },
	{ "health-wellbeing", N_("Health and social well-being") },
};

static const struct tax_entry tracks[] = {
	{ "foundations", N_("The building blocks") },
	{ "principles-in-practice", N_("The principles in practice") },
	{ "public-good", N_("AI for the public good") },
};

static const struct tax_entry case_categories[] = {
	{ "governance-frameworks", N_("Ethical AI governance frameworks, "
	    "strategies or policies") },
	{ "tools-applications", N_("Tools and applications that put the "
	    "principles into practice") },
	{ "multi-stakeholder", N_("Multi-stakeholder collaboration models") },
};

static const struct tax_entry levels[] = {
	{ "beginner", N_("Beginner") },
	{ "intermediate", N_("Intermediate") },
	{ "advanced", N_("Advanced") },
};

static const struct {
	const char		*kind;
	const struct tax_entry	*e;
	size_t			 n;
} kinds[TAX_NKINDS] = {
	{ "value", values, sizeof(values) / sizeof(values[0]) },
	{ "principle", principles, sizeof(principles) / sizeof(principles[0]) },
	{ "policy_area", policy_areas,
	    sizeof(policy_areas) / sizeof(policy_areas[0]) },
	{ "track", tracks, sizeof(tracks) / sizeof(tracks[0]) },
	{ "case_category", case_categories,
	    sizeof(case_categories) / sizeof(case_categories[0]) },
	{ "level", levels, sizeof(levels) / sizeof(levels[0]) },
};

const struct tax_entry *
taxonomy_list(enum tax_kind k, size_t *n)
{
	if ((int)k < 0 || k >= TAX_NKINDS) {
		*n = 0;
		return (NULL);
	}
	*n = kinds[k].n;
	return (kinds[k].e);
}

const struct tax_entry *
taxonomy_find(enum tax_kind k, const char *slug)
{
	size_t	i;

	if ((int)k < 0 || k >= TAX_NKINDS || slug == NULL)
		return (NULL);
	for (i = 0; i < kinds[k].n; i++) {
		if (strcmp(kinds[k].e[i].slug, slug) == 0)
			return (&kinds[k].e[i]);
	}
	return (NULL);
}

const char *
taxonomy_name(enum tax_kind k, const char *slug)
{
	const struct tax_entry	*e;

	e = taxonomy_find(k, slug);
	return (e != NULL ? e->name : NULL);
}

const char *
taxonomy_kind_name(enum tax_kind k)
{
	if ((int)k < 0 || k >= TAX_NKINDS)
		return ("");
	return (kinds[k].kind);
}
