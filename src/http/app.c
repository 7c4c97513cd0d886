/*
 * app.c: the Kore module's entry points. Each worker opens its own
 * database connection, parses the templates, loads translations and the
 * static files once, then serves. Settings come from the environment that
 * `ethica serve` prepared (ETHICA_SHARE, ETHICA_DATA, ETHICA_DB, ...).
 * The seccomp filter adds only what SQLite, libpq and mail delivery need.
 */
#include <sys/prctl.h>
#include <sys/stat.h>

#include <kore/kore.h>
#include <kore/http.h>
#include <kore/seccomp.h>

#include <dirent.h>
#include <signal.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/account.h"
#include "domain/certificate.h"
#include "domain/crypto.h"
#include "domain/learning.h"
#include "domain/mail.h"
#include "domain/validate.h"
#include "http/acceptshare.h"
#include "http/accesslog.h"
#include "http/app.h"
#include "http/ctx.h"
#include "http/offload.h"
#include "http/pipeline.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "store/store.h"
#include "web/gzip.h"
#include "web/i18n.h"
#include "web/pagecache.h"
#include "web/tmpl.h"

KORE_SECCOMP_FILTER("ethica",
	KORE_SYSCALL_ALLOW(newfstatat),
	KORE_SYSCALL_ALLOW(pread64),
	KORE_SYSCALL_ALLOW(pwrite64),
	KORE_SYSCALL_ALLOW(fsync),
	KORE_SYSCALL_ALLOW(fdatasync),
	KORE_SYSCALL_ALLOW(ftruncate),
	KORE_SYSCALL_ALLOW(fchown),
	KORE_SYSCALL_ALLOW(fchmod),
	KORE_SYSCALL_ALLOW(rename),
	KORE_SYSCALL_ALLOW(renameat),
	KORE_SYSCALL_ALLOW(mkdir),
	KORE_SYSCALL_ALLOW(unlink),
	KORE_SYSCALL_ALLOW(getdents64),
	KORE_SYSCALL_ALLOW(readlink),
	KORE_SYSCALL_ALLOW(sendto),
	/* netwrite.c sends a response's buffers in one sendmsg(). */
	KORE_SYSCALL_ALLOW(sendmsg),
	KORE_SYSCALL_ALLOW(recvfrom),
	KORE_SYSCALL_ALLOW(poll),
	KORE_SYSCALL_ALLOW(getsockopt),
	KORE_SYSCALL_ALLOW(setsockopt),
	KORE_SYSCALL_ALLOW(getsockname),
	KORE_SYSCALL_ALLOW(getpeername),
	KORE_SYSCALL_ALLOW(uname),
	KORE_SYSCALL_ALLOW(gettid),
	KORE_SYSCALL_ALLOW(madvise),
	KORE_SYSCALL_ALLOW(mremap),
	KORE_SYSCALL_ALLOW(sysinfo),
	KORE_SYSCALL_ALLOW(sched_getaffinity),
	KORE_SYSCALL_ALLOW(tgkill),
	KORE_SYSCALL_ALLOW(rt_sigprocmask),
	KORE_SYSCALL_ALLOW(prctl),
	KORE_SYSCALL_ALLOW(getppid),
	/* A worker stopped (SIGSTOP, a debugger, a frozen container) and
	 * continued during a sleep, such as SQLite's busy wait, resumes it
	 * with restart_syscall; Kore's own list lacks it. */
	KORE_SYSCALL_ALLOW(restart_syscall),
	/* The offload threads (offload.c: argon2id, exports): glibc tries
	 * clone3 first and falls back to clone on ENOSYS; each new thread
	 * registers rseq and its robust futex list, lowers its priority,
	 * and the pool wakes the loop through an eventfd. */
	KORE_SYSCALL_DENY(clone3, ENOSYS),
	KORE_SYSCALL_ALLOW(clone),
	KORE_SYSCALL_ALLOW(rseq),
	KORE_SYSCALL_ALLOW(set_robust_list),
	KORE_SYSCALL_ALLOW(eventfd2),
	KORE_SYSCALL_ALLOW(getpriority),
	KORE_SYSCALL_ALLOW(setpriority),
	KORE_SYSCALL_ALLOW(sched_yield),
);

struct app app;

void	kore_worker_configure(void);
void	kore_worker_teardown(void);

static const char	*env_or(const char *, const char *);
static void		 statics_load(const char *);
static void		 static_gzip(struct static_file *);
static const char	*mime_of(const char *);
static void		 mail_tick(void *, u_int64_t);
static void		 account_tick(void *, u_int64_t);
static void		 timer_dctx(struct dctx *);
static void		 visits_tick(void *, u_int64_t);

static const char *
env_or(const char *name, const char *def)
{
	const char	*v;

	v = getenv(name);
	return (v != NULL && *v != '\0' ? v : def);
}

void
kore_worker_configure(void)
{
	char		 err[512], path[4096], key[65], *stored;
	struct arena	*a;
	const char	*db, *push;
	int		 rc;

	/*
	 * A worker never outlives the parent: when `ethica serve` (the Kore
	 * parent) is gone, the kernel ends the worker even if it is busy.
	 * The parent only exits after asking its workers to stop, and every
	 * write is a transaction, so nothing is left half-done.
	 */
	(void)prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		exit(0);
	app.share = xstrdup(env_or("ETHICA_SHARE", "."));
	app.data = xstrdup(env_or("ETHICA_DATA", "var"));
	app.public_url = xstrdup(env_or("ETHICA_PUBLIC_URL",
	    "http://127.0.0.1:8080"));
	app.secure = strncmp(app.public_url, "https://", 8) == 0;
	app.trust_proxy = strcmp(env_or("ETHICA_TRUST_PROXY", "0"), "1") == 0;
	(void)snprintf(app.worker_name, sizeof(app.worker_name), "%s/%d",
	    env_or("ETHICA_NODE", "node"), (int)getpid());
	account_limits.login_max_account = strtoll(env_or("ETHICA_LOGIN_MAX",
	    "10"), NULL, 10);
	account_limits.login_window = strtoll(env_or("ETHICA_LOGIN_WINDOW",
	    "900"), NULL, 10);

	if (crypto_setup() == -1)
		fatal("libsodium failed to start");
	(void)snprintf(path, sizeof(path), "%s/data/common-passwords.txt",
	    app.share);
	if (password_list_load(path) < 0)
		fatal("cannot read %s", path);
	(void)snprintf(path, sizeof(path), "%s/locale", env_or("ETHICA_BUILD",
	    "build"));
	if (i18n_load(path, err, sizeof(err)) == -1)
		fatal("translations: %s", err);
	(void)snprintf(path, sizeof(path), "%s/templates", app.share);
	if ((app.tmpl = tmpl_load(path, err, sizeof(err))) == NULL)
		fatal("templates: %s", err);
	tmpl_translate_ahead(app.tmpl);
	(void)snprintf(path, sizeof(path), "%s/static", app.share);
	statics_load(path);

	/* ETHICA_PAGE_CACHE=off: every page rendered (to measure, to debug). */
	pagecache_enable(strcmp(env_or("ETHICA_PAGE_CACHE", "on"), "off") != 0);
	db = env_or("ETHICA_DB", "var/ethica.db");
	if (store_open(&app.db, db, err, sizeof(err)) != STORE_OK)
		fatal("database %s: %s", db, err);
	if (store_checkpoint_thread(app.db) != STORE_OK)
		kore_log(LOG_WARNING, "WAL checkpoints stay in the event loop");
	/* ETHICA_PUSH (src/store/st_push.c): "strict", the default (told
	 * by PostgreSQL what commits changed, and one bare sync per batch
	 * of requests read before it, src/http/pushsync.c, so that a
	 * commit anywhere is seen from the next request on), "fast" (no round trip: a commit is seen once its
	 * notification arrived, a fraction of a millisecond later on an
	 * idle host), "off" (read everything every request). */
	push = env_or("ETHICA_PUSH", "strict");
	if (strcmp(push, "off") != 0 &&
	    store_push_start(app.db, strcmp(push, "fast") != 0) != STORE_OK)
		kore_log(LOG_WARNING, "no LISTEN: the content version and "
		    "sessions are read every request");
	/* `ethica serve` made the key and checked that the database takes
	 * writes; a worker only reads it (and makes it when started some
	 * other way). */
	a = arena_new();
	rc = store_setting_get(app.db, a, "csrf_key", &stored);
	if (rc == STORE_NOT_FOUND) {
		random_hex(key, 32);
		rc = store_setting_init(app.db, a, "csrf_key", key, &stored);
	}
	if (rc != STORE_OK)
		fatal("cannot read the CSRF key");
	hmac_key_init(&app.csrf_key, stored);
	arena_free(a);
	(void)learning_on_complete(certificate_issue_for_completion);
	kore_timer_add(mail_tick, 15000, NULL, 0);
	kore_timer_add(visits_tick, 250, NULL, 0);
	pipeline_start();
	offload_start(db);
	kore_timer_add(account_tick, 250, NULL, 0);
	acceptshare_start();
	(void)snprintf(path, sizeof(path), "%s/log/access.log", app.data);
	if (accesslog_open(path) == -1)
		fatal("access log %s: %s", path, errno_s);
}

void
kore_worker_teardown(void)
{
	uint64_t	hits, misses;
	size_t		bytes;

	pagecache_stats(&hits, &misses, &bytes);
	if (hits + misses > 0)
		kore_log(LOG_NOTICE, "page cache: %llu hits, %llu misses, "
		    "%zu bytes kept", (unsigned long long)hits,
		    (unsigned long long)misses, bytes);
	visits_tick(NULL, 0);
	offload_marks_stop();
	offload_stop();
	if (ctx_requests() > 0)
		kore_log(LOG_NOTICE, "database: %llu trips for %llu requests",
		    (unsigned long long)store_trips(app.db),
		    (unsigned long long)ctx_requests());
	accesslog_close();
	store_close(app.db);
	app.db = NULL;
}

/* A domain context for a timer's work, outside any request (no user). */
static void
timer_dctx(struct dctx *dc)
{
	memset(dc, 0, sizeof(*dc));
	dc->db = app.db;
	dc->a = arena_new();
	dc->now = (int64_t)time(NULL);
	dc->data_dir = app.data;
	dc->public_url = app.public_url;
}

/* Forgets expired sessions and old login attempts. Mail is delivered by
 * the mail process (ethica serve starts it), never by a worker. */
static void
mail_tick(void *arg, u_int64_t now)
{
	struct dctx	dc;

	(void)arg;
	(void)now;
	timer_dctx(&dc);
	account_housekeeping(&dc);
	arena_free(dc.a);
}

/* Works off queued sign-up and reset requests (account.h), apart from
 * the requests that queued them, then wakes the mail process (cmd_mail.c)
 * for the mail they queued: a worker never sends mail itself. */
static void
account_tick(void *arg, u_int64_t now)
{
	struct dctx	dc;

	(void)arg;
	(void)now;
	timer_dctx(&dc);
	if (account_requests_run(&dc, 20) > 0)
		mail_wake(app.data);
	arena_free(dc.a);
}

/* Writes the lesson views this worker holds (learning_lesson_visited()),
 * all in one transaction, 4 times a second at most. */
static void
visits_tick(void *arg, u_int64_t now)
{
	struct dctx	dc;

	(void)arg;
	(void)now;
	if (learning_visits_pending() == 0 || app.db == NULL)
		return;
	timer_dctx(&dc);
	(void)learning_visits_flush(&dc);
	arena_free(dc.a);
}

/* The media type of a static file by its name's ending. */
static const char *
mime_of(const char *name)
{
	static const struct {
		const char	*dot;
		const char	*type;
	} types[] = {
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".ico", "image/x-icon" },
		{ ".txt", "text/plain; charset=utf-8" }
	};
	const char	*dot;
	size_t		 i;

	if ((dot = strrchr(name, '.')) != NULL)
		for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
			if (strcmp(dot, types[i].dot) == 0)
				return (types[i].type);
	return ("application/octet-stream");
}

/* Compresses a text file once, at zlib's best, for clients that accept
 * gzip (page_static sends it). */
static void
static_gzip(struct static_file *sf)
{
	struct buf	z;

	sf->gz = NULL;
	sf->gzlen = 0;
	if (!gzip_type_ok(sf->type) || sf->len < GZIP_MIN_BYTES)
		return;
	buf_init(&z);
	if (gzip_body(sf->data, sf->len, 9, &z) == 0 && z.len < sf->len) {
		sf->gz = xmalloc(z.len);
		memcpy(sf->gz, z.data, z.len);
		sf->gzlen = z.len;
	}
	buf_free(&z);
}

static void
statics_load(const char *dir)
{
	DIR			*d;
	struct dirent		*e;
	struct static_file	*sf;
	FILE			*f;
	struct stat		 st;
	char			 path[4096], hash[HASH_HEX_LEN + 1], *buf;
	const char		*dot;

	if ((d = opendir(dir)) == NULL)
		fatal("opendir %s: %s", dir, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		(void)snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) == -1 || !S_ISREG(st.st_mode))
			continue;
		if ((f = fopen(path, "rb")) == NULL)
			fatal("open %s: %s", path, strerror(errno));
		buf = xmalloc((size_t)st.st_size + 1);
		if (fread(buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size)
			fatal("read %s", path);
		fclose(f);
		buf[st.st_size] = '\0';
		app.statics = xrealloc(app.statics, (app.nstatics + 1) *
		    sizeof(*app.statics));
		sf = &app.statics[app.nstatics++];
		sf->name = xstrdup(e->d_name);
		sf->data = buf;
		sf->len = (size_t)st.st_size;
		sf->type = mime_of(e->d_name);
		static_gzip(sf);
		hash_hex(buf, hash);
		hash[10] = '\0';
		dot = strrchr(e->d_name, '.');
		if (dot == NULL)
			dot = e->d_name + strlen(e->d_name);
		(void)snprintf(path, sizeof(path), "/static/%.*s.%s%s",
		    (int)(dot - e->d_name), e->d_name, hash, dot);
		sf->url = xstrdup(path);
	}
	closedir(d);
}

const char *
app_static_url(const char *name)
{
	size_t	i;

	for (i = 0; i < app.nstatics; i++) {
		if (strcmp(app.statics[i].name, name) == 0)
			return (app.statics[i].url);
	}
	return ("");
}

const struct static_file *
app_static_find(const char *path)
{
	size_t	i;

	for (i = 0; i < app.nstatics; i++) {
		if (strcmp(app.statics[i].url, path) == 0)
			return (&app.statics[i]);
	}
	return (NULL);
}
