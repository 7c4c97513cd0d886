/*
 * test_route_params.c: the repeated parameters of the Kore routes are
 * written out from the domain's limits (route_params.c), and the routes
 * that ethica serve writes name every field the domain takes, no more:
 * Kore drops any parameter a route does not name.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "domain/call.h"
#include "domain/quiz_grade.h"
#include "domain/route_params.h"
#include "lib/buf.h"
#include "t.h"

/* The times needle stands in hay. */
static int
count(const char *hay, const char *needle)
{
	const char	*p;
	int		 n = 0;

	for (p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return (n);
}

/* The conf/routes/ files, expanded as ethica serve does, into out. */
static int
routes(struct buf *out)
{
	struct buf	 raw;
	DIR		*d;
	struct dirent	*e;
	FILE		*f;
	char		 path[512], chunk[4096];
	const char	*bad;
	size_t		 n;
	int		 ret;

	buf_init(&raw);
	if ((d = opendir("conf/routes")) == NULL)
		return (-1);
	while ((e = readdir(d)) != NULL) {
		if (strstr(e->d_name, ".conf") == NULL)
			continue;
		(void)snprintf(path, sizeof(path), "conf/routes/%s", e->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_append(&raw, chunk, n);
		(void)fclose(f);
	}
	(void)closedir(d);
	buf_putc(&raw, '\0');
	ret = route_params_expand(out, raw.data, &bad);
	buf_putc(out, '\0');
	buf_free(&raw);
	return (ret);
}

/* A line per index, two markers per pair; plain lines as they are. */
static void
test_expand(void)
{
	struct buf	 b;
	const char	*bad = NULL;
	char		 want[64];

	buf_init(&b);
	T_ASSERT(route_params_expand(&b, "a\n x@ANCHOR@ y\nb", &bad) == 0);
	buf_putc(&b, '\0');
	(void)snprintf(want, sizeof(want), " x%d y\nb", CRIT_NANCHORS);
	T_CONTAINS(b.data, want);
	T_ASSERT(strncmp(b.data, "a\n x1 y\n x2 y\n", 14) == 0);
	T_ASSERT(count(b.data, "\n x") == CRIT_NANCHORS);
	buf_reset(&b);
	T_ASSERT(route_params_expand(&b, "c@CRITERION@_a@ANCHOR@\n",
	    &bad) == 0);
	buf_putc(&b, '\0');
	T_ASSERT(count(b.data, "\n") == CALL_MAX_CRITERIA * CRIT_NANCHORS);
	T_ASSERT(strncmp(b.data, "c0_a1\nc0_a2\n", 12) == 0);
	buf_reset(&b);
	T_ASSERT(route_params_expand(&b, "ok\nv q@QUESTIONS@\n", &bad) == -1);
	T_ASSERT(bad != NULL && strncmp(bad, "@QUESTIONS@", 11) == 0);
	buf_reset(&b);
	T_ASSERT(route_params_expand(&b, "mail@example.org @ x@\n"
	    "\t# a comment names @NAME@\n", &bad) == 0);
	buf_putc(&b, '\0');
	T_CONTAINS(b.data, "# a comment names @NAME@\n");
	buf_free(&b);
}

/*
 * Each repeated field the handlers read (h_chair_calls.c, h_review.c,
 * h_chair_decisions.c, h_quiz.c) is named once per index the domain takes
 * on each of its routes, and the next index is not.
 */
static void
test_routes_match_limits(void)
{
	struct buf	 b;
	char		 n[64];
	int		 i, k;

	buf_init(&b);
	if (routes(&b) == -1 || b.data == NULL) {
		T_ASSERT(!"conf/routes/ read and expanded");
		buf_free(&b);
		return;
	}
	for (i = 0; i <= CALL_MAX_CRITERIA; i++) {
		/* the new call and the edit call forms */
		(void)snprintf(n, sizeof(n), "\tc%d_id\t", i);
		T_ASSERT(count(b.data, n) == (i < CALL_MAX_CRITERIA ? 2 : 0));
		(void)snprintf(n, sizeof(n), "\tc%d_name\t", i);
		T_ASSERT(count(b.data, n) == (i < CALL_MAX_CRITERIA ? 2 : 0));
		(void)snprintf(n, sizeof(n), "\tc%d_desc\t", i);
		T_ASSERT(count(b.data, n) == (i < CALL_MAX_CRITERIA ? 2 : 0));
		for (k = 1; k <= CRIT_NANCHORS + 1; k++) {
			(void)snprintf(n, sizeof(n), "\tc%d_a%d\t", i, k);
			T_ASSERT(count(b.data, n) == (i < CALL_MAX_CRITERIA &&
			    k <= CRIT_NANCHORS ? 2 : 0));
		}
		/* the review form */
		(void)snprintf(n, sizeof(n), "\tscore_%d\t", i);
		T_ASSERT(count(b.data, n) == (i < CALL_MAX_CRITERIA ? 1 : 0));
	}
	for (i = 0; i <= CALL_NDECISIONS; i++) {
		(void)snprintf(n, sizeof(n), "\tsubject_%d\t", i);
		T_ASSERT(count(b.data, n) == (i < CALL_NDECISIONS ? 1 : 0));
		(void)snprintf(n, sizeof(n), "\tbody_%d\t", i);
		T_ASSERT(count(b.data, n) == (i < CALL_NDECISIONS ? 1 : 0));
	}
	/* the attempt form and the studio's preview of it */
	for (i = 0; i <= QUIZ_MAX_QUESTIONS + 1; i++) {
		(void)snprintf(n, sizeof(n), "\tq%d\t", i);
		T_ASSERT(count(b.data, n) == (i >= 1 &&
		    i <= QUIZ_MAX_QUESTIONS ? 2 : 0));
		(void)snprintf(n, sizeof(n), "\ta%d\t", i);
		T_ASSERT(count(b.data, n) == (i >= 1 &&
		    i <= QUIZ_MAX_QUESTIONS ? 2 : 0));
	}
	/* the studio's question form: a row per option */
	for (i = 0; i <= QUIZ_MAX_OPTIONS + 1; i++) {
		(void)snprintf(n, sizeof(n), "\to%d\t", i);
		T_ASSERT(count(b.data, n) == (i >= 1 &&
		    i <= QUIZ_MAX_OPTIONS ? 1 : 0));
	}
	buf_free(&b);
}

int
main(void)
{
	T_RUN(test_expand);
	T_RUN(test_routes_match_limits);
	return (t_done());
}
