/*
 * cmd_admin.c: the operator's commands on the database: migrate, user
 * add/role, backup.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "domain/account.h"
#include "domain/admin.h"
#include "domain/policy.h"
#include "domain/validate.h"
#include "lib/mem.h"
#include "store/store.h"

static int	user_add(struct opts *, int, char **);
static int	user_role(struct opts *, int, char **);
static int	read_password(char *, size_t, int *generated);

int
cmd_migrate(struct opts *o, int argc, char **argv)
{
	struct dctx	dc;

	(void)argv;
	if (argc > 1)
		return (cli_err("migrate takes no arguments"));
	if (cli_open(o, &dc) == -1)
		return (1);
	printf("database %s is up to date (%s)\n", o->db,
	    store_backend(dc.db));
	cli_close(&dc);
	return (0);
}

static int
read_password(char *pw, size_t len, int *generated)
{
	size_t	n;

	*generated = 0;
	if (isatty(STDIN_FILENO)) {
		token_new(pw);
		pw[20] = '\0';
		*generated = 1;
		return (0);
	}
	if (fgets(pw, (int)len, stdin) == NULL)
		return (-1);
	n = strcspn(pw, "\r\n");
	pw[n] = '\0';
	return (0);
}

static int
user_add(struct opts *o, int argc, char **argv)
{
	struct dctx		 dc;
	struct form_errors	 fe;
	const char		*email = NULL, *role = "learner", *name = NULL;
	char			 pw[256];
	int64_t			 id;
	int			 i, gen, ret = 1;
	enum result		 r;

	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--role") == 0 && i + 1 < argc)
			role = argv[++i];
		else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc)
			name = argv[++i];
		else if (argv[i][0] != '-' && email == NULL)
			email = argv[i];
		else
			return (cli_err("user add: unexpected '%s'", argv[i]));
	}
	memset(&fe, 0, sizeof(fe));
	if (email == NULL || !check_email(&fe, "email", email))
		return (cli_err("user add: give a valid EMAIL"));
	if (!policy_role_valid(role))
		return (cli_err("user add: unknown role '%s' (learner author "
		    "reviewer chair admin)", role));
	if (read_password(pw, sizeof(pw), &gen) == -1)
		return (cli_err("user add: no password on standard input"));
	if (!check_password(&fe, "password", pw, email, name))
		return (cli_err("user add: password refused: at least %d "
		    "characters, not a common one", PASSWORD_MIN));
	if (name == NULL)
		name = email;
	if (cli_open(o, &dc) == -1)
		return (1);
	r = account_create(&dc, email, name, pw, role, &id);
	if (r == RES_CONFLICT)
		(void)cli_err("user add: %s already has an account", email);
	else if (r != RES_OK)
		(void)cli_err("user add: the database refused the account");
	else {
		printf("created %s (id %" PRId64 ", role %s)\n", email, id,
		    role);
		if (gen)
			printf("password: %s\n", pw);
		ret = 0;
	}
	cli_close(&dc);
	return (ret);
}

static int
user_role(struct opts *o, int argc, char **argv)
{
	struct dctx	 dc;
	struct user_row	 u;
	enum result	 r;
	char		*email;
	int		 ret = 1;

	if (argc != 4)
		return (cli_err("usage: ethica user role EMAIL ROLE"));
	if (!policy_role_valid(argv[3]))
		return (cli_err("user role: unknown role '%s' (learner author "
		    "reviewer chair admin)", argv[3]));
	if (cli_open(o, &dc) == -1)
		return (1);
	email = arena_strdup(dc.a, argv[2]);
	str_lower_ascii(email);
	memset(&u, 0, sizeof(u));
	if (store_user_by_email(dc.db, dc.a, email, &u) != STORE_OK) {
		(void)cli_err("user role: no account for %s", argv[2]);
		goto out;
	}
	r = admin_set_role(&dc, u.id, argv[3], 1);
	if (r != RES_OK) {
		(void)cli_err("user role: the change failed");
		goto out;
	}
	printf("%s is now %s\n", email, argv[3]);
	ret = 0;
out:
	cli_close(&dc);
	return (ret);
}

int
cmd_user(struct opts *o, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return (user_add(o, argc, argv));
	if (argc >= 2 && strcmp(argv[1], "role") == 0)
		return (user_role(o, argc, argv));
	return (cli_err("usage: ethica user add EMAIL --role ROLE | ethica "
	    "user role EMAIL ROLE"));
}

int
cmd_backup(struct opts *o, int argc, char **argv)
{
	struct dctx	dc;
	char		err[512];
	int		ret = 0;

	if (argc != 2)
		return (cli_err("usage: ethica backup [--data DIR] FILE"));
	if (cli_open(o, &dc) == -1)
		return (1);
	if (store_backup(dc.db, argv[1], err, sizeof(err)) != STORE_OK)
		ret = cli_err("backup failed: %s", err);
	else
		printf("backup written to %s\n", argv[1]);
	cli_close(&dc);
	return (ret);
}
