/*
 * cmd_serve.c: `ethica serve`: migrates, writes the Kore configuration
 * for this run into DATA/run/kore.conf (conf/ethica.conf.in with the
 * routes of the conf/routes/ files, their repeated parameters written
 * out from the domain's limits by route_params.c), starts the mail
 * watcher (cmd_mail.c), then replaces itself with Kore in the foreground.
 * Settings reach the workers and the mail process through the
 * environment.
 *
 * File descriptors: each worker may hold SERVE_MAX_CONNECTIONS
 * connections and needs SERVE_FD_RESERVE more descriptors (database, WAL,
 * logs, upload bodies spooled to disk, mail). A worker that reaches its
 * descriptor limit before its connection limit fails accept() with EMFILE
 * on a level-triggered listener and spins; so the configuration always
 * gives Kore worker_rlimit_nofiles = connections + reserve, after raising
 * our soft limit to the hard one, and lowers the connections (with a
 * warning) when the hard limit is too low and we cannot raise it.
 */
#include <sys/resource.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "domain/crypto.h"
#include "domain/route_params.h"
#include "domain/upload.h"
#include "http/proxycheck.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "store/store.h"
#include "web/tmpl.h"

struct serve_opts {
	char		 host[256];
	char		 port[16];
	const char	*workers;
	const char	*public_url;
	int		 trace;
	int		 trust_proxy;
};

static int	 read_file(const char *, struct buf *);
static int	 routes_append(const char *share, struct buf *);
static void	 subst(struct buf *, const char *in, const char *const *kv);
static int	 parse_listen(struct serve_opts *, const char *);
static int	 ensure_dirs(const char *data);
static int	 db_writable(struct opts *);
static int	 secrets_init(struct opts *, struct dctx *);

static int
read_file(const char *path, struct buf *b)
{
	FILE	*f;
	char	 chunk[8192];
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(b, chunk, n);
	fclose(f);
	return (0);
}

static int
cmp_names(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

static int
routes_append(const char *share, struct buf *b)
{
	DIR		*d;
	struct dirent	*e;
	char		 dir[PATH_MAX], path[PATH_MAX * 2], *names[256];
	size_t		 n = 0, i;
	int		 ret = 0;

	(void)snprintf(dir, sizeof(dir), "%s/conf/routes", share);
	if ((d = opendir(dir)) == NULL)
		return (0);
	while ((e = readdir(d)) != NULL && n < 256) {
		if (strlen(e->d_name) > 5 && strcmp(e->d_name +
		    strlen(e->d_name) - 5, ".conf") == 0)
			names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		(void)snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (read_file(path, b) == -1)
			ret = -1;
		free(names[i]);
	}
	return (ret);
}

static void
subst(struct buf *out, const char *in, const char *const *kv)
{
	const char	*p, *end;
	size_t		 i, len;

	for (p = in; *p != '\0'; p++) {
		if (*p == '@' && (end = strchr(p + 1, '@')) != NULL) {
			len = (size_t)(end - p - 1);
			for (i = 0; kv[i] != NULL; i += 2) {
				if (strlen(kv[i]) == len &&
				    strncmp(kv[i], p + 1, len) == 0)
					break;
			}
			if (kv[i] != NULL) {
				buf_puts(out, kv[i + 1]);
				p = end;
				continue;
			}
		}
		buf_putc(out, *p);
	}
}

static int
parse_listen(struct serve_opts *so, const char *v)
{
	const char	*colon;

	if ((colon = strrchr(v, ':')) == NULL || colon == v ||
	    (size_t)(colon - v) >= sizeof(so->host) || strlen(colon + 1) == 0
	    || strlen(colon + 1) >= sizeof(so->port) ||
	    strspn(colon + 1, "0123456789") != strlen(colon + 1))
		return (-1);
	(void)snprintf(so->host, sizeof(so->host), "%.*s", (int)(colon - v), v);
	(void)snprintf(so->port, sizeof(so->port), "%s", colon + 1);
	return (0);
}

static int
ensure_dirs(const char *data)
{
	const char	*subs[] = { "", "/run", "/log", "/tmp", "/mail", NULL };
	char		 path[PATH_MAX];
	size_t		 i;

	for (i = 0; subs[i] != NULL; i++) {
		(void)snprintf(path, sizeof(path), "%s%s", data, subs[i]);
		if (mkdir(path, 0750) == -1 && errno != EEXIST) {
			(void)cli_err("cannot create %s: %s", path,
			    strerror(errno));
			return (-1);
		}
	}
	return (0);
}

#define SERVE_MAX_CONNECTIONS	8192
#define SERVE_FD_RESERVE	512
#define SERVE_MIN_CONNECTIONS	64

/*
 * Raises the soft RLIMIT_NOFILE to the hard limit and returns the
 * connections a worker may take so that connections + SERVE_FD_RESERVE
 * descriptors fit (root may go above the hard limit: Kore sets it).
 */
static rlim_t
serve_fd_limits(void)
{
	struct rlimit	rl;
	rlim_t		conns = SERVE_MAX_CONNECTIONS;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1)
		return (conns);
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
	if (geteuid() == 0 || rl.rlim_max == RLIM_INFINITY ||
	    rl.rlim_max >= conns + SERVE_FD_RESERVE)
		return (conns);
	conns = rl.rlim_max > SERVE_FD_RESERVE + SERVE_MIN_CONNECTIONS ?
	    rl.rlim_max - SERVE_FD_RESERVE : SERVE_MIN_CONNECTIONS;
	fprintf(stderr, "ethica: the open-files limit is %llu, so each worker "
	    "takes at most %llu connections (%d wanted); raise it with "
	    "ulimit -n or LimitNOFILE= (see docs/operations.md)\n",
	    (unsigned long long)rl.rlim_max, (unsigned long long)conns,
	    SERVE_MAX_CONNECTIONS);
	return (conns);
}

/*
 * Before any worker starts: the database must take writes (every worker
 * writes, and a worker that cannot start is restarted forever, while
 * clients get nothing). 0, or -1 after one message naming the file and
 * the fix.
 */
static int
db_writable(struct opts *o)
{
	struct db	*db;
	char		 err[512];
	int		 rc;

	if (store_open(&db, o->db, err, sizeof(err)) != STORE_OK) {
		(void)cli_err("cannot open the database %s: %s", o->db, err);
		return (-1);
	}
	rc = store_check_write(db, err, sizeof(err));
	if (rc != STORE_OK && strcmp(store_backend(db), "sqlite") != 0)
		(void)cli_err("the PostgreSQL database does not take writes "
		    "(%s). Connect to the primary server as a user allowed to "
		    "write, then start again.", err);
	else if (rc != STORE_OK)
		(void)cli_err("the database %s does not take writes (%s). Make "
		    "the file, %s-wal and %s-shm (SQLite gives -shm the mode "
		    "of the file) and their folder writable by the user "
		    "running ethica, for example: chmod u+w %s %s-wal %s-shm; "
		    "then start again.", o->db, err, o->db, o->db, o->db, o->db,
		    o->db);
	store_close(db);
	return (rc == STORE_OK ? 0 : -1);
}

/* The secrets the workers share, made once here so that workers only
 * read them. 0, or -1 after a message. */
static int
secrets_init(struct opts *o, struct dctx *dc)
{
	char	 key[65], *stored;

	random_hex(key, 32);
	if (store_setting_init(dc->db, dc->a, "csrf_key", key, &stored)
	    != STORE_OK) {
		(void)cli_err("the database %s: cannot store the CSRF key",
		    o->db);
		return (-1);
	}
	return (0);
}

int
cmd_serve(struct opts *o, int argc, char **argv)
{
	struct serve_opts	 so;
	struct dctx		 dc;
	struct buf		 tmpl, raw, routes, conf;
	char			 path[PATH_MAX], module[PATH_MAX], data[PATH_MAX];
	char			 workers[16], url[512], cwd[PATH_MAX];
	char			 bodymax[24], maxconn[24], nofiles[24];
	rlim_t			 conns;
	char			 dbpath[PATH_MAX * 2], flag[PATH_MAX + 64];
	const char		*kv[24], *bad;
	FILE			*f;
	struct tmpl_set		*ts;
	int			 i;
	pid_t			 mail;
	char			 mailpid[24];

	memset(&so, 0, sizeof(so));
	so.public_url = o->public_url;	/* --public-url, a common option */
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc) {
			if (parse_listen(&so, argv[++i]) == -1)
				return (cli_err("--listen wants HOST:PORT, "
				    "like 127.0.0.1:8080"));
		} else if (strcmp(argv[i], "--workers") == 0 && i + 1 < argc) {
			so.workers = argv[++i];
		} else if (strcmp(argv[i], "--seccomp-trace") == 0) {
			so.trace = 1;
		} else if (strcmp(argv[i], "--trust-proxy") == 0) {
			so.trust_proxy = 1;
		} else {
			return (cli_err("serve: unknown option '%s' (see ethica "
			    "serve --help)", argv[i]));
		}
	}
	if (so.host[0] == '\0')
		(void)parse_listen(&so, "127.0.0.1:8080");
	if (so.workers == NULL) {
		(void)snprintf(workers, sizeof(workers), "%ld",
		    sysconf(_SC_NPROCESSORS_ONLN));
		so.workers = workers;
	}
	if (strspn(so.workers, "0123456789") != strlen(so.workers) ||
	    atoi(so.workers) < 1 || atoi(so.workers) > 256)
		return (cli_err("--workers wants a number from 1 to 256"));
	if (ensure_dirs(o->data) == -1)
		return (1);
	/* Refuse to start rather than let every worker die on bad files. */
	(void)snprintf(path, sizeof(path), "%s/templates", o->share);
	if ((ts = tmpl_load(path, module, sizeof(module))) == NULL)
		return (cli_err("templates: %s", module));
	tmpl_free(ts);
	if (db_writable(o) == -1 || cli_open(o, &dc) == -1)
		return (1);
	if (secrets_init(o, &dc) == -1) {
		cli_close(&dc);
		return (1);
	}
	cli_close(&dc);

	if (realpath(o->data, data) == NULL)
		return (cli_err("%s: %s", o->data, strerror(errno)));
	(void)snprintf(module, sizeof(module), "%s/ethica.so", o->build);
	if (access(module, R_OK) == -1)
		return (cli_err("cannot read the module %s", module));

	buf_init(&tmpl);
	buf_init(&raw);
	buf_init(&routes);
	buf_init(&conf);
	(void)snprintf(path, sizeof(path), "%s/conf/ethica.conf.in", o->share);
	if (read_file(path, &tmpl) == -1)
		return (cli_err("cannot read %s", path));
	if (routes_append(o->share, &raw) == -1)
		return (cli_err("cannot read conf/routes"));
	buf_putc(&raw, '\0');
	if (route_params_expand(&routes, raw.data, &bad) == -1)
		return (cli_err("conf/routes: unknown repeat marker at "
		    "\"%.40s\" (see src/domain/route_params.h)", bad));
	buf_free(&raw);
	i = 0;
	kv[i++] = "HOST"; kv[i++] = so.host;
	kv[i++] = "PORT"; kv[i++] = so.port;
	kv[i++] = "MODULE"; kv[i++] = module;
	kv[i++] = "WORKERS"; kv[i++] = so.workers;
	kv[i++] = "DATA"; kv[i++] = data;
	kv[i++] = "SECCOMP_TRACE"; kv[i++] = so.trace ? "yes" : "no";
	(void)snprintf(bodymax, sizeof(bodymax), "%lld",
	    (long long)UPLOAD_KORE_BODY_MAX);
	kv[i++] = "BODY_MAX"; kv[i++] = bodymax;
	conns = serve_fd_limits();
	(void)snprintf(maxconn, sizeof(maxconn), "%llu",
	    (unsigned long long)conns);
	(void)snprintf(nofiles, sizeof(nofiles), "%llu",
	    (unsigned long long)(conns + SERVE_FD_RESERVE));
	kv[i++] = "MAX_CONNECTIONS"; kv[i++] = maxconn;
	kv[i++] = "NOFILES"; kv[i++] = nofiles;
	kv[i++] = "FEATURE_ROUTES"; kv[i++] = routes.data ? routes.data : "";
	kv[i++] = NULL;
	subst(&conf, tmpl.data, kv);
	(void)snprintf(path, sizeof(path), "%s/run/kore.conf", data);
	if ((f = fopen(path, "w")) == NULL ||
	    fwrite(conf.data, 1, conf.len, f) != conf.len || fclose(f) != 0)
		return (cli_err("cannot write %s", path));

	(void)snprintf(url, sizeof(url), "http://%s:%s", so.host, so.port);
	if (so.public_url == NULL)
		so.public_url = url;
	setenv("ETHICA_SHARE", o->share, 1);
	setenv("ETHICA_DATA", data, 1);
	if (strncmp(o->db, "postgres", 8) != 0 && o->db[0] != '/' &&
	    getcwd(cwd, sizeof(cwd)) != NULL) {
		(void)snprintf(dbpath, sizeof(dbpath), "%s/%s", cwd, o->db);
		setenv("ETHICA_DB", dbpath, 1);
	} else {
		setenv("ETHICA_DB", o->db, 1);
	}
	setenv("ETHICA_BUILD", o->build, 1);
	setenv("ETHICA_PUBLIC_URL", so.public_url, 1);
	setenv("ETHICA_TRUST_PROXY", so.trust_proxy ? "1" : "0", 1);
	/* The flag is about this run: a new start forgets the last one's. */
	(void)snprintf(flag, sizeof(flag), "%s%s", data, PROXYCHECK_FLAG);
	(void)unlink(flag);
	if (!so.trust_proxy && strcmp(so.public_url, url) != 0)
		fprintf(stderr, "ethica: warning: the public URL %s is not the "
		    "listen address: if a proxy forwards to it, pass "
		    "--trust-proxy, or every client shares the proxy's "
		    "address and its login limit\n", so.public_url);
	if (getenv("ETHICA_NODE") == NULL)
		setenv("ETHICA_NODE", so.port, 1);
	/* Mail leaves from a process of its own, never from a worker. */
	o->data = data;
	if ((mail = mail_supervise(o)) == -1)
		return (cli_err("cannot start mail delivery: %s",
		    strerror(errno)));
	/* Kore's parent stops it and waits for it (http/parent.c). */
	(void)snprintf(mailpid, sizeof(mailpid), "%d", (int)mail);
	setenv("ETHICA_MAIL_PID", mailpid, 1);
	fprintf(stderr, "ethica: serving %s (%s workers, %s database)\n",
	    so.public_url, so.workers, strncmp(o->db, "postgres", 8) == 0 ?
	    "PostgreSQL" : "SQLite");
	fflush(stderr);
	execlp("stdbuf", "stdbuf", "-oL", "-eL", "kore", "-f", "-n", "-r",
	    "-c", path, (char *)NULL);
	execlp("kore", "kore", "-f", "-n", "-r", "-c", path, (char *)NULL);
	return (cli_err("cannot run kore: %s", strerror(errno)));
}
