/*
 * cmd_dev.c: `ethica dev seed`: a large synthetic database for
 * benchmarks. Catalog courses are clones of the imported courses (same
 * version, files and lesson ids, so every page of theirs works) with
 * their own titles in each course language, tags and levels; learners
 * share one precomputed argon2id hash (password ethica-demo-2026), so
 * 100,000 of them cost no hashing; each learner is enrolled in courses in
 * turn and marks their lessons done until the requested number of
 * progress rows is reached. All of it runs in one transaction through the
 * prepared inserts of st_seed.c; every row is idempotent, so running the
 * command again with the same numbers adds nothing.
 *
 * Never: used by the server, touching rows it did not make (only slugs
 * "seed-course-N", emails "learner-N@", "submitter-N@" and
 * "reviewer-N@seed.ethica.example", and their submissions and reviews).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "domain/taxonomy.h"
#include "lib/mem.h"
#include "store/st_courses.h"
#include "store/st_learning.h"
#include "store/st_seed.h"
#include "store/store.h"

/* argon2id of "ethica-demo-2026" (libsodium interactive limits). */
#define SEED_HASH "$argon2id$v=19$m=65536,t=2,p=1$Ar3pTeZL9R5B7cXCjeCI4Q$" \
	"qtYHm5a7HSUmRSoOO1kWIOLzJ41fQrpaphqh3CujKLY"
#define SEED_MAX	100000000LL

struct seed_opts {
	long long	 courses;
	long long	 learners;
	long long	 progress;
};

/* The courses learners work through: imported ones, then clones. */
struct seed_plan {
	struct seed_template	*tmpl;
	size_t			 ntmpl;
	const char		**slug;		/* every course, in turn */
	size_t			*of;		/* its template index */
	size_t			 n;
	size_t			 nclones;	/* the last nclones of slug */
};

struct seed_count {
	long long	 courses, learners, enrolments, progress;
};

static int	seed_args(int, char **, struct seed_opts *);
static int	seed_courses(struct dctx *, struct seed_plan *, long long,
		    struct seed_count *);
static int	seed_course_texts(struct dctx *, const struct seed_template *,
		    int64_t, size_t);
static int	seed_course_tags(struct dctx *, const struct seed_template *,
		    int64_t, size_t);
static int	seed_learners(struct dctx *, const struct seed_plan *,
		    const struct seed_opts *, struct seed_count *);
static int	seed_learner(struct dctx *, const struct seed_plan *,
		    int64_t, long long, long long, struct seed_count *);
static int	seed_run(struct dctx *, const struct seed_opts *);
static double	seed_clock(void);
static int	seed_subs(struct dctx *, long long);

static const char *const topics_en[] = {
	"Hiring", "Health care", "Elections", "Policing", "Children",
	"Climate", "Credit scoring", "Schools", "News media",
	"Public services", "Agriculture", "Migration", "Smart cities",
	"Social media", "Insurance", "Courts"
};
static const char *const topics_ko[] = {
	"채용", "의료", "선거", "치안", "아동", "기후", "신용 평가", "학교",
	"뉴스 미디어", "공공 서비스", "농업", "이주", "스마트 도시",
	"소셜 미디어", "보험", "법원"
};
#define NTOPICS	(sizeof(topics_en) / sizeof(topics_en[0]))

static const char *const levels[] = { "beginner", "intermediate",
	"advanced" };

static double
seed_clock(void)
{
	struct timespec	ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

/* Reads --courses, --learners, --progress after "seed". 0 or -1. */
static int
seed_args(int argc, char **argv, struct seed_opts *so)
{
	long long	*dst, v;
	char		*end;
	int		 i;

	memset(so, 0, sizeof(*so));
	for (i = 2; i < argc; i += 2) {
		if (strcmp(argv[i], "--courses") == 0)
			dst = &so->courses;
		else if (strcmp(argv[i], "--learners") == 0)
			dst = &so->learners;
		else if (strcmp(argv[i], "--progress") == 0)
			dst = &so->progress;
		else {
			(void)cli_err("dev seed: unknown option %s", argv[i]);
			return (-1);
		}
		if (i + 1 >= argc) {
			(void)cli_err("%s needs a number", argv[i]);
			return (-1);
		}
		errno = 0;
		v = strtoll(argv[i + 1], &end, 10);
		if (errno != 0 || end == argv[i + 1] || *end != '\0' || v < 0 ||
		    v > SEED_MAX) {
			(void)cli_err("%s: not a number from 0 to %lld",
			    argv[i], SEED_MAX);
			return (-1);
		}
		*dst = v;
	}
	if (so->progress > 0 && so->learners == 0) {
		(void)cli_err("dev seed: --progress needs --learners");
		return (-1);
	}
	return (0);
}

/* Titles and summaries of clone i in each of the template's languages. */
static int
seed_course_texts(struct dctx *dc, const struct seed_template *t,
    int64_t id, size_t i)
{
	const struct tax_entry	*pr;
	const char		*title, *summary, *lang, *sp;
	char			 code[16];
	size_t			 npr, len;

	pr = taxonomy_list(TAX_PRINCIPLE, &npr);
	for (lang = t->c.languages; *lang != '\0'; lang = sp) {
		len = strcspn(lang, " ");
		sp = lang + len + (lang[len] == ' ');
		if (len == 0 || len >= sizeof(code))
			continue;
		(void)snprintf(code, sizeof(code), "%.*s", (int)len, lang);
		if (strcmp(code, "ko") == 0) {
			title = arena_printf(dc->a, "AI 윤리와 %s %zu",
			    topics_ko[i % NTOPICS], i + 1);
			summary = arena_printf(dc->a, "벤치마크용으로 생성한 "
			    "강좌입니다: %s 분야의 AI 윤리.",
			    topics_ko[i % NTOPICS]);
		} else {
			title = arena_printf(dc->a, "%s and %s %zu",
			    topics_en[i % NTOPICS], pr[i % npr].name, i + 1);
			summary = arena_printf(dc->a, "A synthetic course made "
			    "by ethica dev seed for benchmarks: %s, seen "
			    "through %s.", topics_en[(i / NTOPICS) % NTOPICS],
			    pr[(i * 7 + 3) % npr].name);
		}
		if (store_seed_course_text(dc->db, id, code, title, summary) !=
		    STORE_OK)
			return (-1);
	}
	return (0);
}

/* Two principles, one or two policy areas, a value, a track, the
 * languages and the level of clone i. */
static int
seed_course_tags(struct dctx *dc, const struct seed_template *t, int64_t id,
    size_t i)
{
	const struct tax_entry	*e;
	const char		*lang, *sp, *kind, *slug;
	char			 code[16];
	size_t			 n, k, len;
	int			 rc = 0;

	for (k = 0; k < 6 && rc == 0; k++) {
		switch (k) {
		case 0:
		case 1:
			e = taxonomy_list(TAX_PRINCIPLE, &n);
			kind = "principle";
			slug = e[(k == 0 ? i : i * 7 + 3) % n].slug;
			break;
		case 2:
		case 3:
			e = taxonomy_list(TAX_POLICY_AREA, &n);
			kind = "policy_area";
			slug = e[(k == 2 ? i * 5 : i * 3 + 1) % n].slug;
			break;
		case 4:
			e = taxonomy_list(TAX_VALUE, &n);
			kind = "value";
			slug = e[i % n].slug;
			break;
		default:
			e = taxonomy_list(TAX_TRACK, &n);
			kind = "track";
			slug = e[(i / 3) % n].slug;
			break;
		}
		rc = store_course_tag_add(dc->db, id, kind, slug);
	}
	if (rc == 0)
		rc = store_course_tag_add(dc->db, id, "level",
		    levels[i % 3]);
	for (lang = t->c.languages; *lang != '\0' && rc == 0; lang = sp) {
		len = strcspn(lang, " ");
		sp = lang + len + (lang[len] == ' ');
		if (len == 0 || len >= sizeof(code))
			continue;
		(void)snprintf(code, sizeof(code), "%.*s", (int)len, lang);
		rc = store_course_tag_add(dc->db, id, "lang", code);
	}
	return (rc == STORE_OK ? 0 : -1);
}

/* Adds n clones and lists every course learners may take in p. */
static int
seed_courses(struct dctx *dc, struct seed_plan *p, long long n,
    struct seed_count *cnt)
{
	const struct seed_template	*t;
	const char			*slug;
	size_t				 i, k;
	int64_t				 id;

	p->slug = arena_alloc(dc->a, (p->ntmpl + (size_t)n + 1) *
	    sizeof(*p->slug));
	p->of = arena_alloc(dc->a, (p->ntmpl + (size_t)n + 1) *
	    sizeof(*p->of));
	for (k = 0; k < p->ntmpl; k++) {
		p->slug[p->n] = p->tmpl[k].c.slug;
		p->of[p->n++] = k;
	}
	for (i = 0; i < (size_t)n; i++) {
		k = i % p->ntmpl;
		t = &p->tmpl[k];
		slug = arena_printf(dc->a, "seed-course-%05zu", i + 1);
		if (store_seed_course(dc->db, t, slug, levels[i % 3], dc->now,
		    &id) != STORE_OK || seed_course_texts(dc, t, id, i) == -1 ||
		    seed_course_tags(dc, t, id, i) == -1)
			return (-1);
		p->slug[p->n] = slug;
		p->of[p->n++] = k;
		p->nclones++;
		cnt->courses++;
	}
	return (0);
}

/*
 * Learner u (user id uid) takes courses in turn (the imported ones, then
 * clones from an offset of their own) and marks lessons done in course
 * order until quota rows are written.
 */
static int
seed_learner(struct dctx *dc, const struct seed_plan *p, int64_t uid,
    long long u, long long quota, struct seed_count *cnt)
{
	const struct seed_template	*t;
	size_t				 step, c, j, take;
	int64_t				 start;

	start = dc->now - 90 * 86400 + (int64_t)(u % 86400);
	for (step = 0; step < p->n && quota > 0; step++) {
		if (step < p->ntmpl || p->nclones == 0)
			c = step;
		else
			c = p->ntmpl + ((size_t)u * 13 + step - p->ntmpl) %
			    p->nclones;
		t = &p->tmpl[p->of[c]];
		if (t->nlessons == 0)
			continue;
		take = (size_t)quota < t->nlessons ? (size_t)quota :
		    t->nlessons;
		if (store_seed_enrolment(dc->db, uid, p->slug[c],
		    t->lessons[take - 1], start, start + (int64_t)take * 600) !=
		    STORE_OK)
			return (-1);
		cnt->enrolments++;
		for (j = 0; j < take; j++) {
			if (store_lesson_done_add(dc->db, uid, p->slug[c],
			    t->lessons[j], start + (int64_t)j * 600) != STORE_OK)
				return (-1);
		}
		cnt->progress += (long long)take;
		quota -= (long long)take;
		start += (int64_t)take * 600;
	}
	return (0);
}

/* Adds the learners and their progress; strings go to a scratch arena
 * that is emptied every 4096 learners. */
static int
seed_learners(struct dctx *dc, const struct seed_plan *p,
    const struct seed_opts *so, struct seed_count *cnt)
{
	struct arena	*tmp;
	const char	*email, *name;
	long long	 u, quota;
	int64_t		 uid;
	int		 ret = -1;

	tmp = arena_new();
	for (u = 0; u < so->learners; u++) {
		email = arena_printf(tmp, "learner-%06lld@seed.ethica.example",
		    u + 1);
		name = arena_printf(tmp, "Seed Learner %lld", u + 1);
		if (store_seed_user(dc->db, email, name, SEED_HASH, dc->now,
		    &uid) != STORE_OK)
			goto out;
		cnt->learners++;
		quota = so->progress / so->learners +
		    (u < so->progress % so->learners ? 1 : 0);
		if (seed_learner(dc, p, uid, u, quota, cnt) == -1)
			goto out;
		if ((u + 1) % 4096 == 0) {
			arena_free(tmp);
			tmp = arena_new();
		}
	}
	ret = 0;
out:
	arena_free(tmp);
	return (ret);
}

/* Plans and writes everything in one transaction. 0 or -1. */
static int
seed_run(struct dctx *dc, const struct seed_opts *so)
{
	struct seed_plan	 p;
	struct seed_count	 cnt;
	double			 t0, t1;

	memset(&p, 0, sizeof(p));
	memset(&cnt, 0, sizeof(cnt));
	t0 = seed_clock();
	if (store_seed_tune(dc->db) != STORE_OK ||
	    store_begin(dc->db) != STORE_OK) {
		(void)cli_err("dev seed: cannot start a transaction");
		return (-1);
	}
	if (store_seed_templates(dc->db, dc->a, &p.tmpl, &p.ntmpl) !=
	    STORE_OK)
		goto fail;
	if (p.ntmpl == 0) {
		(void)store_rollback(dc->db);
		(void)cli_err("dev seed: no imported course to clone; run "
		    "`ethica demo` or `ethica course import DIR` first");
		return (-1);
	}
	if (seed_courses(dc, &p, so->courses, &cnt) == -1)
		goto fail;
	t1 = seed_clock();
	printf("courses: %lld in %.1f s\n", cnt.courses, t1 - t0);
	fflush(stdout);
	if (seed_learners(dc, &p, so, &cnt) == -1)
		goto fail;
	if (store_commit(dc->db) != STORE_OK) {
		(void)cli_err("dev seed: commit failed");
		return (-1);
	}
	printf("learners: %lld, enrolments: %lld, progress rows: %lld "
	    "(rows already there kept) in %.1f s (total %.1f s)\n", cnt.learners, cnt.enrolments,
	    cnt.progress, seed_clock() - t1, seed_clock() - t0);
	if (cnt.progress < so->progress)
		printf("note: the courses have too few lessons for %lld rows "
		    "per learner; add --courses\n", so->progress / so->learners);
	return (0);
fail:
	(void)store_rollback(dc->db);
	(void)cli_err("dev seed: a write failed; nothing was written");
	return (-1);
}

/*
 * `ethica dev seed-submissions N`: N cases under review in call 1, each
 * from its own submitter ("submitter-N@seed.ethica.example") with three
 * submitted reviews by the seed reviewers ("reviewer-K@seed...") scoring
 * every criterion. One transaction; running it again adds nothing.
 */
static int
seed_subs(struct dctx *dc, long long n)
{
	static const char *const cc[] = { "NL", "FI", "CA", "KE", "KR",
	    "BR", "IN", "FR", "MX", "ZA", "JP", "EG" };
	static const char *const cat[] = { "public-sector", "health",
	    "education", "finance", "employment" };
	struct seed_sub	 in;
	struct arena	*tmp = NULL;
	int64_t		 rev[3], *crit, sid;
	int		*scores, added;
	size_t		 ncrit, k, j;
	long long	 i, nadded = 0;
	const char	*email;

	if (store_begin(dc->db) != STORE_OK)
		return (cli_err("dev seed-submissions: cannot start a "
		    "transaction"));
	if (store_seed_criteria(dc->db, dc->a, 1, &crit, &ncrit) != STORE_OK)
		goto fail;
	if (ncrit == 0) {
		(void)store_rollback(dc->db);
		return (cli_err("dev seed-submissions: call 1 has no rubric; "
		    "run `ethica demo` first"));
	}
	scores = arena_alloc(dc->a, ncrit * sizeof(*scores));
	for (k = 0; k < 3; k++) {
		email = arena_printf(dc->a, "reviewer-%zu@seed.ethica.example",
		    k + 1);
		if (store_seed_reviewer(dc->db, email, arena_printf(dc->a,
		    "Seed Reviewer %zu", k + 1), SEED_HASH, dc->now, &rev[k])
		    != STORE_OK)
			goto fail;
	}
	tmp = arena_new();
	for (i = 1; i <= n; i++) {
		memset(&in, 0, sizeof(in));
		in.call_id = 1;
		in.now = dc->now - (n - i);
		if (store_seed_user(dc->db, arena_printf(tmp,
		    "submitter-%06lld@seed.ethica.example", i), arena_printf(
		    tmp, "Seed Submitter %lld", i), SEED_HASH, dc->now,
		    &in.submitter_id) != STORE_OK)
			goto fail;
		in.organisation = arena_printf(tmp, "Seed Organisation %lld",
		    i % 997);
		in.sector = "public";
		in.country = cc[i % 12];
		in.category = cat[i % 5];
		in.tags = "fairness";
		in.title = arena_printf(tmp, "Seed case %06lld", i);
		in.summary = "Generated by ethica dev seed-submissions for "
		    "benchmarks.";
		if (store_seed_submission(dc->db, &in, &sid, &added) !=
		    STORE_OK)
			goto fail;
		nadded += added;
		for (k = 0; k < 3; k++) {
			for (j = 0; j < ncrit; j++)
				scores[j] = 1 + (int)((i + k + j) % 5);
			if (store_seed_review(dc->db, sid, rev[k], crit,
			    scores, ncrit, dc->now) != STORE_OK)
				goto fail;
		}
		if (i % 4096 == 0) {
			arena_free(tmp);
			tmp = arena_new();
		}
	}
	arena_free(tmp);
	if (store_commit(dc->db) != STORE_OK)
		return (cli_err("dev seed-submissions: commit failed"));
	printf("submissions: %lld added (%lld already there), 3 reviews "
	    "each\n", nadded, n - nadded);
	return (0);
fail:
	if (tmp != NULL)
		arena_free(tmp);
	(void)store_rollback(dc->db);
	return (cli_err("dev seed-submissions: a write failed; nothing was "
	    "written"));
}

/*
 * `ethica dev seed --courses N --learners N --progress N`: see the top of
 * the file; `ethica dev seed-cases N` goes to cmd_seed_cases() (the case
 * library's generated cases). Returns the exit code (0, 1 on failure, 2
 * on bad usage).
 */
int
cmd_dev(struct opts *o, int argc, char **argv)
{
	struct seed_opts	 so;
	struct dctx		 dc;
	long long		 n;
	int			 ret;

	if (argc >= 2 && strcmp(argv[1], "seed-cases") == 0)
		return (cmd_seed_cases(o, argc - 1, argv + 1));
	if (argc >= 2 && strcmp(argv[1], "seed-submissions") == 0) {
		if (argc != 3 || (n = strtoll(argv[2], NULL, 10)) < 1 ||
		    n > 1000000)
			return (cli_err("usage: ethica dev seed-submissions N"
			    " (1 to 1000000)") + 1);
		if (cli_open(o, &dc) == -1)
			return (1);
		ret = seed_subs(&dc, n) == 0 ? 0 : 1;
		cli_close(&dc);
		return (ret);
	}
	if (argc < 2 || strcmp(argv[1], "seed") != 0) {
		(void)cli_err("usage: ethica dev seed --courses N --learners N "
		    "--progress N [--data DIR] [--db URL] | ethica dev "
		    "seed-cases N | ethica dev seed-submissions N [--data DIR] "
		    "[--db URL]");
		return (2);
	}
	if (seed_args(argc, argv, &so) == -1)
		return (2);
	if (cli_open(o, &dc) == -1)
		return (1);
	ret = seed_run(&dc, &so) == 0 ? 0 : 1;
	cli_close(&dc);
	return (ret);
}
