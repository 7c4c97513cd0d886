/*
 * cmd_demo.c: `ethica demo [PART ...]`: loads the demo content, or only the
 * parts named (e.g. `ethica demo cases`, for tests that import the
 * starter course, whose lessons embed sample cases). Each feature adds a
 * loader to the table below; each loader is idempotent (running demo twice
 * changes nothing) and writes its rows in one transaction.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/account.h"
#include "lib/mem.h"
#include "store/store.h"

struct demo_loader {
	const char	*name;
	int		(*load)(struct opts *, struct dctx *);
};

static int	demo_accounts(struct opts *, struct dctx *);

static const struct demo_loader loaders[] = {
	{ "accounts", demo_accounts },
	{ "cases", demo_case_library },	/* before courses: ::case[slug] */
	{ "courses", demo_courses },
	{ "calls", demo_calls },
	{ NULL, NULL }
};

/* Demo accounts share one password, printed so a developer can log in. */
#define DEMO_PASSWORD	"ethica-demo-2026"

static int
demo_accounts(struct opts *o, struct dctx *dc)
{
	static const char *const who[][3] = {
		{ "admin@demo.ethica.example", "Ada Admin", "admin" },
		{ "author@demo.ethica.example", "Aiko Author", "author" },
		{ "chair@demo.ethica.example", "Chidi Chair", "chair" },
		{ "reviewer@demo.ethica.example", "Rosa Reviewer", "reviewer" },
		{ "reviewer2@demo.ethica.example", "Ravi Reviewer", "reviewer" },
		{ "learner@demo.ethica.example", "Lee Learner", "learner" },
	};
	size_t		i;
	int64_t		id;
	enum result	r;

	(void)o;
	for (i = 0; i < sizeof(who) / sizeof(who[0]); i++) {
		r = account_create(dc, who[i][0], who[i][1], DEMO_PASSWORD,
		    who[i][2], &id);
		if (r != RES_OK && r != RES_CONFLICT)
			return (-1);
	}
	printf("demo accounts: admin@, author@, chair@, reviewer@, "
	    "reviewer2@, learner@demo.ethica.example, password %s\n",
	    DEMO_PASSWORD);
	return (0);
}

int
cmd_demo(struct opts *o, int argc, char **argv)
{
	struct dctx	dc;
	size_t		i;
	int		ret = 0, k;

	for (k = 1; k < argc; k++) {
		for (i = 0; loaders[i].name != NULL; i++)
			if (strcmp(argv[k], loaders[i].name) == 0)
				break;
		if (loaders[i].name == NULL)
			return (cli_err("demo: no part '%s' (accounts, cases, "
			    "courses, calls)", argv[k]));
	}
	if (cli_open(o, &dc) == -1)
		return (1);
	for (i = 0; loaders[i].name != NULL; i++) {
		for (k = 1; k < argc; k++)
			if (strcmp(argv[k], loaders[i].name) == 0)
				break;
		if (argc > 1 && k == argc)
			continue;
		if (loaders[i].load(o, &dc) == -1) {
			ret = cli_err("demo: loading %s failed", loaders[i].name);
			break;
		}
	}
	cli_close(&dc);
	return (ret);
}
