/*
 * main.c: the `ethica` command: finds its share folder, dispatches to the
 * subcommand, and holds the helpers every subcommand uses.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "domain/crypto.h"
#include "domain/validate.h"
#include "lib/mem.h"
#include "store/store.h"
#include "web/i18n.h"

const struct command commands[] = {
	{ "serve", "serve --listen HOST:PORT [--data DIR] [--db URL] "
	    "[--workers N] [--public-url URL] [--trust-proxy] "
	    "[--seccomp-trace]",
	    "Migrate the database, then run the web server and the mail "
	    "process (ethica mail) in the foreground until SIGTERM or "
	    "SIGINT.", cmd_serve },
	{ "mail", "mail [--once] [--public-url URL] [--data DIR] [--db URL]",
	    "Deliver queued mail (SMTP when ETHICA_SMTP_URL is set, else "
	    "DATA/mail/*.eml) until SIGTERM, retrying failures with back-off; "
	    "--once delivers what is due and exits. ethica serve runs this "
	    "itself.", cmd_mail },
	{ "migrate", "migrate [--data DIR] [--db URL]",
	    "Apply the database migrations that are not applied yet.",
	    cmd_migrate },
	{ "demo", "demo [--data DIR] [--db URL]",
	    "Load the demo content (accounts, courses, a call, cases). "
	    "Running it again changes nothing.", cmd_demo },
	{ "user", "user add EMAIL --role ROLE [--name NAME] | "
	    "user role EMAIL ROLE   [--data DIR] [--db URL]",
	    "Create a verified account (password read from standard input, or "
	    "generated and printed when standard input is a terminal), or "
	    "change the role of an account. Roles: learner author reviewer "
	    "chair admin.", cmd_user },
	{ "backup", "backup [--data DIR] FILE",
	    "Write a consistent copy of the SQLite database to FILE while the "
	    "server runs (for PostgreSQL use pg_dump).", cmd_backup },
	{ "db", "db copy --from DATA_DIR --to postgresql://...",
	    "Copy a SQLite deployment into a new, empty PostgreSQL database "
	    "in one transaction and verify the row counts.", cmd_db },
	{ "dev", "dev seed --courses N --learners N --progress N "
	    "[--data DIR] [--db URL]",
	    "For benchmarks: add N catalog courses (clones of the imported "
	    "courses), N learners (password ethica-demo-2026) and N lesson "
	    "progress rows in one transaction. Again with the same numbers: "
	    "adds nothing. `dev seed-cases N`: publish N generated cases "
	    "(seed-case-1..N). `dev seed-submissions N`: N cases under "
	    "review in call 1 with 3 submitted reviews each (again: adds "
	    "nothing).", cmd_dev },
	{ "i18n", "i18n pot | i18n check LANG",
	    "For translators: print the template msgids as a POT file, or "
	    "list those LANG does not translate yet.", cmd_i18n },
	{ "course", "course import DIR | course export SLUG DIR | course "
	    "pack SLUG --lang LANG [--out FILE.zip | --dir DIR] [--data DIR] "
	    "[--db URL] [--public-url URL]",
	    "Validate a course package folder and store it as a new version "
	    "(problems as file:line: message), write a course's current "
	    "version back to a folder, or make its offline edition in one "
	    "language (static pages, quizzes checked in the browser, media; "
	    "a zip in DATA/offline/ unless --out or --dir says where).",
	    cmd_course },
	{ "keys", "keys list|rotate [--data DIR] [--db URL]",
	    "List the certificate signing keys, or make a new active key "
	    "(older keys stay published so old certificates verify).",
	    cmd_keys },
	{ "certificate", "certificate issue EMAIL COURSE_SLUG "
	    "[--data DIR] [--db URL]",
	    "Issue the certificate of a course to an account (once; prints "
	    "its address).", cmd_certificate },
	{ NULL, NULL, NULL, NULL }
};

static void	usage(void);
static int	public_url_ok(const char *);
static char	*share_dir(const char *argv0);
static char	*build_dir(void);

int
cli_err(const char *fmt, ...)
{
	va_list	ap;

	fputs("ethica: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return (1);
}

int
cli_wants_help(int argc, char **argv)
{
	int	i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help")
		    == 0)
			return (1);
	}
	return (0);
}

void
cli_usage(const struct command *c)
{
	printf("usage: ethica %s\n\n%s\n", c->usage, c->help);
}

static void
usage(void)
{
	const struct command	*c;

	printf("usage: ethica COMMAND [options]\n\nEthica, a platform for "
	    "AI-ethics education. Commands:\n");
	for (c = commands; c->name != NULL; c++)
		printf("  %-9s %s\n", c->name, c->help);
	printf("\nCommon options: --data DIR (default var), --db URL "
	    "(postgresql://... or a SQLite file; default DIR/ethica.db),\n"
	    "--public-url URL (the address users see, in links, mails and "
	    "certificates;\ndefault ETHICA_PUBLIC_URL, else "
	    "http://HOST:PORT of serve).\n"
	    "`ethica COMMAND --help` shows the options of one command.\n");
}

/* 1 when url is http(s)://HOST[...] with no trailing slash. */
static int
public_url_ok(const char *url)
{
	size_t	n;

	n = strlen(url);
	if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
		return (0);
	return (n > 8 && url[n - 1] != '/' && strpbrk(url, " \t\r\n") ==
	    NULL);
}

int
cli_common(struct opts *o, int *argc, char **argv)
{
	int	 i, j;
	size_t	 n;
	char	*db;

	for (i = 1; i < *argc; ) {
		if (strcmp(argv[i], "--data") == 0 ||
		    strcmp(argv[i], "--db") == 0 ||
		    strcmp(argv[i], "--public-url") == 0) {
			if (i + 1 >= *argc) {
				(void)cli_err("%s needs a value", argv[i]);
				return (-1);
			}
			if (strcmp(argv[i], "--data") == 0)
				o->data = argv[i + 1];
			else if (strcmp(argv[i], "--db") == 0)
				o->db = argv[i + 1];
			else if (public_url_ok(argv[i + 1]))
				o->public_url = argv[i + 1];
			else {
				(void)cli_err("--public-url wants an http:// or "
				    "https:// address without a trailing slash, "
				    "like https://ethica.example.org");
				return (-1);
			}
			for (j = i; j + 2 <= *argc; j++)
				argv[j] = argv[j + 2];
			*argc -= 2;
			continue;
		}
		i++;
	}
	if (o->public_url == NULL)
		o->public_url = getenv("ETHICA_PUBLIC_URL");
	if (o->db == NULL) {
		n = strlen(o->data) + sizeof("/ethica.db");
		db = xmalloc(n);
		(void)snprintf(db, n, "%s/ethica.db", o->data);
		o->db = db;
	}
	return (0);
}

int
cli_open(struct opts *o, struct dctx *dc)
{
	char	err[512];

	memset(dc, 0, sizeof(*dc));
	if (mkdir(o->data, 0750) == -1 && errno != EEXIST) {
		(void)cli_err("cannot create %s: %s", o->data,
		    strerror(errno));
		return (-1);
	}
	if (store_open(&dc->db, o->db, err, sizeof(err)) != STORE_OK) {
		(void)cli_err("cannot open the database %s: %s", o->db, err);
		return (-1);
	}
	if (store_migrate(dc->db, o->share, err, sizeof(err)) != STORE_OK) {
		(void)cli_err("migration failed: %s", err);
		store_close(dc->db);
		return (-1);
	}
	dc->a = arena_new();
	dc->now = (int64_t)time(NULL);
	dc->data_dir = o->data;
	dc->public_url = o->public_url != NULL ? o->public_url :
	    "http://127.0.0.1:8080";
	dc->lang = i18n_default();
	return (0);
}

void
cli_close(struct dctx *dc)
{
	store_close(dc->db);
	arena_free(dc->a);
	memset(dc, 0, sizeof(*dc));
}

/* The repository root: ETHICA_SHARE, else the parent of the binary's
 * folder (build/ethica -> .). */
static char *
share_dir(const char *argv0)
{
	char	 exe[PATH_MAX], *slash;
	ssize_t	 n;

	if (getenv("ETHICA_SHARE") != NULL)
		return (xstrdup(getenv("ETHICA_SHARE")));
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0) {
		(void)snprintf(exe, sizeof(exe), "%s", argv0);
		n = (ssize_t)strlen(exe);
	}
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) != NULL)
		*slash = '\0';
	if ((slash = strrchr(exe, '/')) != NULL)
		*slash = '\0';
	else
		(void)snprintf(exe, sizeof(exe), ".");
	return (xstrdup(exe));
}

static char *
build_dir(void)
{
	char	 exe[PATH_MAX], *slash;
	ssize_t	 n;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return (xstrdup("build"));
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) != NULL)
		*slash = '\0';
	return (xstrdup(exe));
}

int
main(int argc, char **argv)
{
	const struct command	*c;
	struct opts		 o;
	char			 path[PATH_MAX], err[256];

	memset(&o, 0, sizeof(o));
	o.data = "var";
	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
		usage();
		return (argc < 2 ? 1 : 0);
	}
	for (c = commands; c->name != NULL; c++) {
		if (strcmp(c->name, argv[1]) == 0)
			break;
	}
	if (c->name == NULL) {
		(void)cli_err("unknown command '%s' (see ethica --help)",
		    argv[1]);
		return (2);
	}
	if (cli_wants_help(argc - 1, argv + 1)) {
		cli_usage(c);
		return (0);
	}
	o.share = share_dir(argv[0]);
	o.build = build_dir();
	if (crypto_setup() == -1)
		return (cli_err("libsodium failed to start"));
	(void)snprintf(path, sizeof(path), "%s/locale", o.build);
	if (i18n_load(path, err, sizeof(err)) == -1)
		return (cli_err("translations: %s", err));
	(void)snprintf(path, sizeof(path), "%s/data/common-passwords.txt",
	    o.share);
	(void)password_list_load(path);
	argc--;
	argv++;
	if (cli_common(&o, &argc, argv) == -1)
		return (2);
	return (c->run(&o, argc, argv));
}
