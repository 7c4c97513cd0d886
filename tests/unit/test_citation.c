/*
 * test_citation.c: the plain-text, BibTeX and CSL-JSON citations of a
 * case, including escaping of BibTeX specials and JSON strings.
 */
#include <string.h>

#include "domain/citation.h"
#include "lib/mem.h"
#include "t.h"

static struct cite	c = { "amsterdam-algorithm-register",
			    "Amsterdam algorithm register", "City of Amsterdam",
			    2020, "https://ethica.example/cases/"
			    "amsterdam-algorithm-register", 2, 1767225600, "en" };

static void
test_text(void)
{
	struct arena	*a = arena_new();

	T_STREQ(citation_text(a, &c), "City of Amsterdam (2020). Amsterdam "
	    "algorithm register [version 2, updated 2026-01-01]. Ethica case "
	    "library. https://ethica.example/cases/amsterdam-algorithm-"
	    "register. Licence: CC BY 4.0.");
	arena_free(a);
}

static void
test_bibtex(void)
{
	struct arena	*a = arena_new();
	struct cite	 x = c;
	const char	*b;

	b = citation_bibtex(a, &c);
	T_CONTAINS(b, "@misc{ethica-amsterdam-algorithm-register,\n");
	T_CONTAINS(b, "  author = {{City of Amsterdam}},\n");
	T_CONTAINS(b, "  title = {{Amsterdam algorithm register}},\n");
	T_CONTAINS(b, "  year = {2020},\n");
	T_CONTAINS(b, "  urldate = {2026-01-01},\n");
	T_CONTAINS(b, "  version = {2},\n");
	T_ASSERT(b[strlen(b) - 2] == '}');
	x.title = "50% of {AI} & R_D #1 ~ $x\\y^";
	b = citation_bibtex(a, &x);
	T_CONTAINS(b, "title = {{50\\% of \\{AI\\} \\& R\\_D \\#1 "
	    "\\textasciitilde{} \\$x\\textbackslash{}y\\textasciicircum{}}}");
	x.year = 0;
	x.organisation = "";
	b = citation_bibtex(a, &x);
	T_ASSERT(strstr(b, "year =") == NULL);
	T_CONTAINS(b, "author = {{Ethica case library}}");
	arena_free(a);
}

static void
test_csl(void)
{
	struct arena	*a = arena_new();
	struct cite	 x = c;
	const char	*j;

	j = citation_csl(a, &c);
	T_CONTAINS(j, "\"id\":\"ethica-amsterdam-algorithm-register\"");
	T_CONTAINS(j, "\"type\":\"webpage\"");
	T_CONTAINS(j, "\"author\":[{\"literal\":\"City of Amsterdam\"}]");
	T_CONTAINS(j, "\"issued\":{\"date-parts\":[[2020]]}");
	T_CONTAINS(j, "\"accessed\":{\"date-parts\":[[2026,1,1]]}");
	T_CONTAINS(j, "\"URL\":\"https://ethica.example/cases/amsterdam-"
	    "algorithm-register\"");
	T_CONTAINS(j, "\"version\":\"2\"");
	T_ASSERT(j[0] == '{' && j[strlen(j) - 1] == '}');
	x.title = "Quote \" and <tag>";
	j = citation_csl(a, &x);
	T_CONTAINS(j, "\"title\":\"Quote \\\" and \\u003ctag\\u003e\"");
	arena_free(a);
}

int
main(void)
{
	T_RUN(test_text);
	T_RUN(test_bibtex);
	T_RUN(test_csl);
	return (t_done());
}
