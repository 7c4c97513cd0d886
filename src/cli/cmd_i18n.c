/*
 * cmd_i18n.c: `ethica i18n pot`: writes the msgids used by the templates
 * as a POT file on standard output (scripts/update-po.sh merges it with
 * the msgids xgettext finds in the C sources). `ethica i18n check LANG`
 * lists template msgids without a translation in LANG and exits non-zero
 * when there is one.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "lib/buf.h"
#include "web/i18n.h"
#include "web/tmpl.h"

struct check {
	const struct i18n_lang	*lang;
	int			 missing;
};

static void	pot_string(const char *);
static void	pot_entry(void *, const char *, int, const char *,
		    const char *);
static void	check_entry(void *, const char *, int, const char *,
		    const char *);

static void
pot_string(const char *s)
{
	putchar('"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", stdout);
		else
			putchar(*s);
	}
	putchar('"');
}

static void
pot_entry(void *arg, const char *tmpl, int line, const char *id,
    const char *plural)
{
	(void)arg;
	printf("#: templates/%s:%d\nmsgid ", tmpl, line);
	pot_string(id);
	if (plural != NULL) {
		fputs("\nmsgid_plural ", stdout);
		pot_string(plural);
		fputs("\nmsgstr[0] \"\"\nmsgstr[1] \"\"\n\n", stdout);
	} else {
		fputs("\nmsgstr \"\"\n\n", stdout);
	}
}

static void
check_entry(void *arg, const char *tmpl, int line, const char *id,
    const char *plural)
{
	struct check	*c = arg;

	if (i18n_gettext(c->lang, id) != id)
		return;
	(void)plural;
	fprintf(stderr, "templates/%s:%d: no %s translation for \"%s\"\n",
	    tmpl, line, i18n_code(c->lang), id);
	c->missing++;
}

int
cmd_i18n(struct opts *o, int argc, char **argv)
{
	struct tmpl_set	*ts;
	struct check	 c;
	char		 path[PATH_MAX], err[512];

	if (argc < 2 || (strcmp(argv[1], "pot") != 0 &&
	    strcmp(argv[1], "check") != 0))
		return (cli_err("usage: ethica i18n pot | ethica i18n check "
		    "LANG"));
	(void)snprintf(path, sizeof(path), "%s/templates", o->share);
	if ((ts = tmpl_load(path, err, sizeof(err))) == NULL)
		return (cli_err("templates: %s", err));
	if (strcmp(argv[1], "pot") == 0) {
		printf("msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; "
		    "charset=UTF-8\\n\"\n\n");
		tmpl_foreach_msgid(ts, pot_entry, NULL);
		tmpl_free(ts);
		return (0);
	}
	memset(&c, 0, sizeof(c));
	if (argc != 3 || (c.lang = i18n_lang_get(argv[2])) == NULL)
		return (cli_err("i18n check: unknown language"));
	tmpl_foreach_msgid(ts, check_entry, &c);
	tmpl_free(ts);
	return (c.missing > 0 ? 1 : 0);
}
