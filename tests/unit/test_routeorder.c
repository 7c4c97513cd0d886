/*
 * test_routeorder.c: the order in which Kore tries the routes (src/http/
 * routeorder.c, compiled in here), on the real route table: every route
 * of conf/routes/ and conf/ethica.conf.in, in their order, as Kore would
 * hold them. After many requests for a few pages, those pages' routes have
 * moved ahead of others (each until a route that may match the same
 * paths), and every probe path (one per route, and
 * paths that several patterns match) still gets the route it got in the
 * configuration's order. The overlap rule on its own: exact against
 * exact, exact against pattern, pattern against pattern.
 */
#include <sys/types.h>
#include <sys/queue.h>

#include <kore/kore.h>
#include <kore/http.h>

#include <glob.h>
#include <regex.h>

#include "t.h"

#include "../../src/http/routeorder.c"

#define MAXR	256

static struct kore_domain	 dom;
static struct kore_module_handle h[MAXR];
static int			 nh;

/* Adds a route as Kore's module.c does (patterns start with ^). */
static void
route_add(const char *path)
{
	struct kore_module_handle	*x = &h[nh++];

	x->path = strdup(path);
	x->dom = &dom;
	x->type = path[0] == '^' ? HANDLER_TYPE_DYNAMIC : HANDLER_TYPE_STATIC;
	if (x->type == HANDLER_TYPE_DYNAMIC)
		T_ASSERT(regcomp(&x->rctx, path, REG_EXTENDED | REG_NOSUB) ==
		    0);
	TAILQ_INSERT_TAIL(&dom.handlers, x, list);
}

/* Kore's kore_module_handler_find. */
static struct kore_module_handle *
find(const char *path)
{
	struct kore_module_handle	*x;

	TAILQ_FOREACH(x, &dom.handlers, list) {
		if (x->type == HANDLER_TYPE_STATIC) {
			if (strcmp(x->path, path) == 0)
				return (x);
		} else if (regexec(&x->rctx, path, 0, NULL, 0) == 0)
			return (x);
	}
	return (NULL);
}

/* 1 when route x takes path. */
static int
takes(const struct kore_module_handle *x, const char *path)
{
	if (x->type == HANDLER_TYPE_STATIC)
		return (strcmp(x->path, path) == 0);
	return (regexec(&x->rctx, path, 0, NULL, 0) == 0);
}

static int
position(const struct kore_module_handle *y)
{
	struct kore_module_handle	*x;
	int				 i = 0;

	TAILQ_FOREACH(x, &dom.handlers, list) {
		if (x == y)
			return (i);
		i++;
	}
	return (-1);
}

/* Adds the routes of the "route PATH handler" lines of file name; the
 * main file's @FEATURE_ROUTES@ line stands for the conf/routes/ files. */
static void
routes_file(const char *name)
{
	char			 line[1024], path[512];
	glob_t			 g;
	FILE			*f;
	size_t			 i;

	if ((f = fopen(name, "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL && nh < MAXR) {
		if (strncmp(line, "@FEATURE_ROUTES@", 16) == 0) {
			if (glob("conf/routes/*.conf", 0, NULL, &g) != 0)
				continue;
			for (i = 0; i < g.gl_pathc; i++)
				routes_file(g.gl_pathv[i]);
			globfree(&g);
		} else if (sscanf(line, " route %511s", path) == 1)
			route_add(path);
	}
	fclose(f);
}

static void
routes_load(void)
{
	TAILQ_INIT(&dom.handlers);
	routes_file("conf/ethica.conf.in");
}

/* A path a pattern matches: its text with each class or group made of
 * one character the class allows (good enough for the routes here). */
static void
sample(const char *pat, char *out, size_t outlen)
{
	size_t	n = 0;

	for (pat++; *pat != '\0' && *pat != '$' && n + 1 < outlen; pat++) {
		if (*pat == '[') {
			out[n++] = pat[1] == '^' ? 'x' : pat[1] == 'a' ? 'a' :
			    pat[1] == '0' ? '1' : pat[1] == 'A' ? 'a' : pat[1];
			while (*pat != '\0' && *pat != ']')
				pat++;
			if (pat[1] == '*' || pat[1] == '+')
				pat++;
		} else if (*pat == '(' ) {
			while (*pat != '\0' && *pat != ')')
				pat++;
			if (pat[1] == '?')
				pat++;
		} else if (*pat == '\\' && pat[1] != '\0')
			out[n++] = *++pat;
		else if (strchr("*+?", *pat) == NULL)
			out[n++] = *pat;
	}
	out[n] = '\0';
}

static void
test_overlap_rule(void)
{
	struct kore_module_handle	s1, s2, d1, d2, d3, d4;

	memset(&s1, 0, sizeof(s1));
	s2 = d1 = d2 = d3 = d4 = s1;
	s1.type = s2.type = HANDLER_TYPE_STATIC;
	d1.type = d2.type = d3.type = d4.type = HANDLER_TYPE_DYNAMIC;
	s1.path = "/courses/new";
	s2.path = "/courses";
	d1.path = "^/courses/[a-z]+$";
	d2.path = "^/calls/[0-9]+$";
	d3.path = "^/coursesx?/[a-z]+$";	/* the x is optional */
	d4.path = "^/a|/courses/new";		/* not anchored */
	T_ASSERT(regcomp(&d1.rctx, d1.path, REG_EXTENDED | REG_NOSUB) == 0);
	T_ASSERT(regcomp(&d2.rctx, d2.path, REG_EXTENDED | REG_NOSUB) == 0);
	T_ASSERT(regcomp(&d3.rctx, d3.path, REG_EXTENDED | REG_NOSUB) == 0);
	T_ASSERT(regcomp(&d4.rctx, d4.path, REG_EXTENDED | REG_NOSUB) == 0);
	T_ASSERT(routeorder_overlap(&s1, &s2) == 0);
	T_ASSERT(routeorder_overlap(&s1, &s1) == 1);
	T_ASSERT(routeorder_overlap(&s1, &d1) == 1);	/* d1 matches s1 */
	T_ASSERT(routeorder_overlap(&d1, &s1) == 1);
	T_ASSERT(routeorder_overlap(&s2, &d1) == 0);
	T_ASSERT(routeorder_overlap(&d1, &d2) == 0);
	T_ASSERT(routeorder_overlap(&d1, &d3) == 1);	/* "/course" */
	T_ASSERT(routeorder_overlap(&d2, &d4) == 1);
	T_ASSERT(routeorder_overlap(&s1, &d4) == 1);
	regfree(&d1.rctx);
	regfree(&d2.rctx);
	regfree(&d3.rctx);
	regfree(&d4.rctx);
	/* Same literal start: told apart by how their matches end. */
	d1.path = "^/chair/calls/[0-9]+$";
	d2.path = "^/chair/calls/[0-9]+/cases$";
	T_ASSERT(routeorder_overlap(&d1, &d2) == 0);
	T_ASSERT(routeorder_overlap(&d2, &d1) == 0);
	d2.path = "^/chair/calls/[0-9]+/export\\.csv$";
	T_ASSERT(routeorder_overlap(&d1, &d2) == 0);
	d1.path = "^/a/[a-z]+$";		/* may end with b */
	d2.path = "^/a/[a-z]+/b$";
	T_ASSERT(routeorder_overlap(&d1, &d2) == 1);
	d1.path = "^/x/[0-9]*$";		/* may be empty: ends with / */
	d2.path = "^/x/[0-9]+/y$";
	T_ASSERT(routeorder_overlap(&d1, &d2) == 1);
	d1.path = "^/x/[0-9]*$";
	d2.path = "^/x/$";
	T_ASSERT(routeorder_overlap(&d1, &d2) == 1);
	d1.path = "^/x/[^a]+$";			/* negated: says nothing */
	d2.path = "^/x/a$";
	T_ASSERT(routeorder_overlap(&d1, &d2) == 1);
	d1.path = "^/x/[0-9]{2}$";
	d2.path = "^/x/12/b$";
	T_ASSERT(routeorder_overlap(&d1, &d2) == 1);
	d1.path = "^/x/[a-z0-9-]*$";
	d2.path = "^/x/[a-z]+/b-$";
	T_ASSERT(routeorder_overlap(&d1, &d2) == 1);
	d1.path = "^/x/[a-c-]+$";		/* a, b, c or - */
	d2.path = "^/x/[a-z]+/d$";
	T_ASSERT(routeorder_overlap(&d1, &d2) == 0);
	d2.path = "^/x/[a-z]+/-$";
	T_ASSERT(routeorder_overlap(&d1, &d2) == 1);
}

static void
test_real_routes(void)
{
	/* The lesson page, the most asked for, stands before the course
	 * page, which cannot pass it (a path may match both). */
	static const char	*hot[] = { "/calls/1", "/chair/calls/1/cases",
	    "/cases/amsterdam-algorithm-register",
	    "/courses/ethics-of-ai/lessons/what-ai-systems-are",
	    "/courses/ethics-of-ai", NULL };
	static const char	*extra[] = { "/courses/new", "/courses/a/lessons/b",
	    "/courses/a/media/x.png", "/courses/a/lessons/media/x.png",
	    "/calls/1/submit", "/chair/calls/1", "/cases", "/", "/nothing",
	    NULL };
	struct kore_module_handle	*want[2 * MAXR];
	struct http_request		 req;
	char				 probe[2 * MAXR][256];
	unsigned int			 rnd = 1, r;
	int				 np = 0, i, k, before[8];
	unsigned int			 nhot;

	routes_load();
	T_ASSERT(nh > 40);
	for (i = 0; i < nh; i++) {
		if (h[i].type == HANDLER_TYPE_STATIC)
			(void)snprintf(probe[np++], sizeof(probe[0]), "%s",
			    h[i].path);
		else
			sample(h[i].path, probe[np++], sizeof(probe[0]));
	}
	for (i = 0; extra[i] != NULL; i++)
		(void)snprintf(probe[np++], sizeof(probe[0]), "%s", extra[i]);
	for (nhot = 0; hot[nhot] != NULL; nhot++)
		(void)snprintf(probe[np++], sizeof(probe[0]), "%s", hot[nhot]);
	for (i = 0; i < np; i++)
		want[i] = find(probe[i]);
	/* The probes are paths of their routes (most patterns' samples). */
	for (i = 0, k = 0; i < nh; i++)
		k += takes(&h[i], probe[i]);
	printf("  %d of %d routes take their probe\n", k, nh);
	T_ASSERT(k * 10 >= nh * 9);
	/* Routes said apart never share a probe. */
	for (i = 0; i < nh; i++)
		for (k = 0; k < nh; k++)
			if (i != k && !routeorder_overlap(&h[i], &h[k]) &&
			    takes(&h[i], probe[k]))
				printf("  %s takes %s of %s\n", h[i].path,
				    probe[k], h[k].path);
	for (i = 0; i < nh; i++)
		for (k = 0; k < nh; k++)
			T_ASSERT(i == k || routeorder_overlap(&h[i], &h[k]) ||
			    !takes(&h[i], probe[k]));
	for (i = 0; hot[i] != NULL; i++) {
		T_ASSERT(find(hot[i]) != NULL);
		before[i] = position(find(hot[i]));
	}
	memset(&req, 0, sizeof(req));
	for (k = 0; k < 50000; k++) {
		/* Mostly the hot pages, now and then any route. */
		rnd = rnd * 1103515245 + 12345;
		r = (rnd >> 8) % (unsigned int)(5 * np);
		req.hdlr = find(r < (unsigned int)np ? probe[r] : hot[r % nhot]);
		routeorder_hit(&req);
		if (k % 997 == 0)
			for (i = 0; i < np; i++)
				T_ASSERT(find(probe[i]) == want[i]);
	}
	for (i = 0; i < np; i++)
		if (find(probe[i]) != want[i])
			printf("  %s: another route now\n", probe[i]);
	for (i = 0; i < np; i++)
		T_ASSERT(find(probe[i]) == want[i]);
	for (i = 0; hot[i] != NULL; i++) {
		printf("  %s: place %d, was %d, after %s\n", hot[i],
		    position(find(hot[i])), before[i],
		    position(find(hot[i])) > 0 ? TAILQ_PREV(find(hot[i]),
		    routeorder_head, list)->path : "-");
		T_ASSERT(position(find(hot[i])) <= before[i] - 10);
	}
	for (i = 0; i < nh; i++) {
		if (h[i].type == HANDLER_TYPE_DYNAMIC)
			regfree(&h[i].rctx);
		free(h[i].path);
	}
}

int
main(void)
{
	T_RUN(test_overlap_rule);
	T_RUN(test_real_routes);
	return (t_done());
}
