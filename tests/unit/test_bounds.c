/*
 * test_bounds.c: repeated form fields are joined in linear time and
 * memory (list_join), counted (list_count), checked (list_all) and
 * walked (list_next), a textarea's lines are read one by one (line_next), and every cap on
 * them holds in the domain whatever the handler passes (check_choices).
 */
#include <sys/resource.h>

#include <stdlib.h>
#include <string.h>

#include "domain/call.h"
#include "domain/review.h"
#include "domain/submission.h"
#include "domain/taxonomy.h"
#include "domain/upload.h"
#include "domain/validate.h"
#include "lib/mem.h"
#include "t.h"

static long
maxrss_kb(void)
{
	struct rusage	ru;

	if (getrusage(RUSAGE_SELF, &ru) == -1)
		return (0);
	return (ru.ru_maxrss);
}

static int	is_short(const char *);
static int	always(const char *);

static void
test_join_small(void)
{
	struct arena		*a = arena_new();
	const char *const	 v[] = { "fairness", "", "a,b", "privacy", NULL,
	    "gender" };
	char			 w[65];

	T_STREQ(list_join(a, v, 0), "");
	T_STREQ(list_join(a, v, 1), "fairness");
	/* Empty values, values holding a comma and NULL are left out. */
	T_STREQ(list_join(a, v, 6), "fairness,privacy,gender");
	T_ASSERT(list_count(NULL) == 0);
	T_ASSERT(list_count("") == 0);
	T_ASSERT(list_count("x") == 1);
	T_ASSERT(list_count("fairness,privacy,gender") == 3);
	/* list_all: every item 1 to 63 bytes and accepted. */
	T_ASSERT(list_all("", is_short));
	T_ASSERT(list_all("ab,cd,ef", is_short));
	T_ASSERT(!list_all("ab,cdefg", is_short));
	T_ASSERT(!list_all("ab,,cd", is_short));
	T_ASSERT(list_all("ab,", is_short));	/* a last comma ends it */
	T_ASSERT(!list_all(",ab", is_short));
	memset(w, 'x', sizeof(w));
	w[63] = '\0';
	T_ASSERT(list_all(w, always));
	w[63] = 'x';
	w[64] = '\0';
	T_ASSERT(!list_all(w, always));
	/* list_next: items in order, an empty or too long one is -1. */
	{
		const char	*l = "ab,,abcd,c,", *none = NULL;
		char		 it[4];

		T_ASSERT(list_next(&l, it, sizeof(it)) == 1 &&
		    strcmp(it, "ab") == 0);
		T_ASSERT(list_next(&l, it, sizeof(it)) == -1 && *it == '\0');
		T_ASSERT(list_next(&l, it, sizeof(it)) == -1 && *it == '\0');
		T_ASSERT(list_next(&l, it, sizeof(it)) == 1 &&
		    strcmp(it, "c") == 0);
		T_ASSERT(list_next(&l, it, sizeof(it)) == 0 && *l == '\0');
		T_ASSERT(list_next(&none, it, sizeof(it)) == 0);
	}
	/* line_next: blank lines skipped, trailing spaces and CR cut. */
	{
		const char	*t = "\n a \r\n\r\n  \nbc\nd", *p;
		size_t		 n;

		T_ASSERT((p = line_next(&t, &n)) != NULL && n == 2 &&
		    strncmp(p, " a", n) == 0);
		T_ASSERT((p = line_next(&t, &n)) != NULL && n == 2 &&
		    strncmp(p, "bc", n) == 0);
		T_ASSERT((p = line_next(&t, &n)) != NULL && n == 1 &&
		    *p == 'd');
		T_ASSERT(line_next(&t, &n) == NULL && *t == '\0');
		T_ASSERT(line_next(&t, &n) == NULL);
	}
	arena_free(a);
}

/* Accepts items of at most four bytes. */
static int
is_short(const char *w)
{
	return (strlen(w) <= 4);
}

static int
always(const char *w)
{
	(void)w;
	return (1);
}

/*
 * The join that held a worker for seconds and ~945 MB: 6,000 values of
 * 51 characters joined pairwise was quadratic. 200,000 such values (10
 * MB) joined pairwise would need 10^12 bytes; joined linearly the
 * process grows by about the size of the result.
 */
static void
test_join_linear(void)
{
	struct arena	 *a = arena_new();
	const char	**v;
	char		  val[52], *s;
	size_t		  i, n = 200000;
	long		  before;

	memset(val, 'x', 51);
	val[51] = '\0';
	v = xcalloc(n, sizeof(*v));
	for (i = 0; i < n; i++)
		v[i] = val;
	before = maxrss_kb();
	s = list_join(a, v, n);
	T_ASSERT(strlen(s) == n * 52 - 1);
	T_ASSERT(list_count(s) == n);
	T_ASSERT(s[51] == ',' && s[52] == 'x');
	/* Less than 4 times the result (10 MB) more memory. */
	T_ASSERT(maxrss_kb() - before < (long)(4 * n * 52 / 1024));
	free(v);
	arena_free(a);
}

/* Caps are small, positive, and at least as large as the lists they
 * bound, so a real choice is never refused. */
static void
test_caps(void)
{
	size_t	n, np, na;

	(void)taxonomy_list(TAX_PRINCIPLE, &np);
	(void)taxonomy_list(TAX_POLICY_AREA, &na);
	/* Each field a call may publish has its label. */
	for (n = 0; call_public_fields[n] != NULL; n++)
		T_ASSERT(call_ref_label(submission_fields,
		    call_public_fields[n]) != NULL);
	T_ASSERT(CALL_MAX_PUBLIC_FIELDS >= n && CALL_MAX_PUBLIC_FIELDS < 100);
	T_ASSERT(SUB_MAX_TAGS >= np + na && SUB_MAX_TAGS < 100);
	T_ASSERT(REVIEW_MAX_REGIONS >= 5 && REVIEW_MAX_REGIONS < 100);
	T_ASSERT(REVIEW_MAX_PRINCIPLES >= np + na &&
	    REVIEW_MAX_PRINCIPLES < 100);
	T_ASSERT(REVIEW_MAX_LANGUAGES >= 10 && REVIEW_MAX_LANGUAGES < 100);
	T_ASSERT(SUB_MAX_UPLOADS > UPLOAD_MAX_FILES);
}

/* check_choices: the cap first, then every item on the list. */
static void
test_choices(void)
{
	struct form_errors	fe;

	memset(&fe, 0, sizeof(fe));
	T_ASSERT(check_choices(&fe, "f", "ab,cd", 2, is_short, "unlisted"));
	T_ASSERT(check_choices(&fe, "f", "", 2, is_short, "unlisted"));
	T_ASSERT(fe.n == 0);
	T_ASSERT(!check_choices(&fe, "f", "ab,cd,ef", 2, is_short,
	    "unlisted"));
	T_STREQ(form_error_for(&fe, "f"),
	    "Too many choices for this field; choose fewer.");
	T_ASSERT(!check_choices(&fe, "g", "ab,cdefgh", 2, is_short,
	    "unlisted"));
	T_STREQ(form_error_for(&fe, "g"), "unlisted");
	T_ASSERT(!check_choices(&fe, "h", NULL, 2, is_short, "unlisted"));
	T_STREQ(form_error_for(&fe, "h"), "unlisted");
}

int
main(void)
{
	T_RUN(test_join_small);
	T_RUN(test_join_linear);
	T_RUN(test_caps);
	T_RUN(test_choices);
	return (t_done());
}
