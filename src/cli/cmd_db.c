/*
 * cmd_db.c: `ethica db copy --from DATA_DIR --to postgresql://...`, the
 * move from a single SQLite node to PostgreSQL. It opens both databases,
 * migrates the target (a new, empty database is fine), and lets
 * store_copy() do the copying and the row-count check in one transaction.
 * It never changes the source: a source behind the current release is
 * refused (run `ethica migrate` on it first).
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "lib/mem.h"
#include "store/st_copy.h"
#include "store/store.h"

static int	db_copy(struct opts *, const char *, const char *);

/*
 * `ethica db copy [--from DIR] [--to URL]`. --from defaults to --data,
 * --to to --db when that is a postgres URL. Exit 0 after a verified copy,
 * 1 on any failure (the target then has no copied rows), 2 on bad usage.
 */
int
cmd_db(struct opts *o, int argc, char **argv)
{
	const char	*from, *to;
	int		 i;

	from = o->data;
	to = strncmp(o->db, "postgres", 8) == 0 ? o->db : NULL;
	if (argc < 2 || strcmp(argv[1], "copy") != 0) {
		(void)cli_err("usage: ethica db copy --from DATA_DIR --to "
		    "postgresql://...");
		return (2);
	}
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--from") == 0 && i + 1 < argc)
			from = argv[++i];
		else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc)
			to = argv[++i];
		else {
			(void)cli_err("db copy: unknown option '%s'", argv[i]);
			return (2);
		}
	}
	if (to == NULL || (strncmp(to, "postgresql://", 13) != 0 &&
	    strncmp(to, "postgres://", 11) != 0)) {
		(void)cli_err("db copy: --to wants a postgresql:// URL");
		return (2);
	}
	return (db_copy(o, from, to));
}

/* Opens, migrates the target, copies, prints the per-table counts. */
static int
db_copy(struct opts *o, const char *from, const char *to)
{
	struct db		*src, *dst;
	struct arena		*a;
	struct copy_table	*t;
	struct stat		 sb;
	char			 path[PATH_MAX], err[1024];
	size_t			 n, i;
	int64_t			 total;
	int			 ret;

	src = dst = NULL;
	a = arena_new();
	ret = 1;
	(void)snprintf(path, sizeof(path), "%s/ethica.db", from);
	if (stat(path, &sb) == -1) {
		(void)cli_err("no SQLite database at %s: %s", path,
		    strerror(errno));
		goto out;
	}
	if (store_open(&src, path, err, sizeof(err)) != STORE_OK) {
		(void)cli_err("cannot open %s: %s", path, err);
		goto out;
	}
	if (store_open(&dst, to, err, sizeof(err)) != STORE_OK) {
		(void)cli_err("cannot open the target: %s", err);
		goto out;
	}
	if (store_migrate(dst, o->share, err, sizeof(err)) != STORE_OK) {
		(void)cli_err("migrating the target failed: %s", err);
		goto out;
	}
	if (store_copy(src, dst, a, &t, &n, err, sizeof(err)) != STORE_OK) {
		(void)cli_err("copy failed, nothing was written: %s", err);
		goto out;
	}
	total = 0;
	for (i = 0; i < n; i++) {
		printf("  %-28s %10lld rows\n", t[i].name, (long long)t[i].rows);
		total += t[i].rows;
	}
	printf("copied %zu tables, %lld rows from %s; row counts verified "
	    "in both databases\n", n, (long long)total, path);
	ret = 0;
out:
	store_close(src);
	store_close(dst);
	arena_free(a);
	return (ret);
}
