/*
 * test_assign.c: properties of the automatic assignment over random
 * instances (fixed-seed PRNG, so runs are reproducible): no conflicted
 * pair, no reviewer twice on a case, loads that differ by at most one,
 * every case covered when enough reviewers are free of conflicts; and the
 * preferences (language, principles, other region) on a small instance.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "domain/assign.h"
#include "lib/mem.h"
#include "t.h"

#define MAXC	60
#define MAXR	25

static uint64_t	rng = 0x9e3779b97f4a7c15ULL;

struct inst {
	size_t		nc, nr, per;
	unsigned char	conflict[MAXC][MAXR];
};

static uint32_t
rnd(void)
{
	/* xorshift64* */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return ((uint32_t)((rng * 0x2545f4914f6cdd1dULL) >> 32));
}

static int
blocked(void *arg, size_t c, size_t r)
{
	struct inst	*in = arg;

	return (in->conflict[c][r]);
}

static const char *const regions[] = {
	"africa", "arab-states", "asia-pacific", "europe-north-america",
	"latin-america-caribbean"
};
static const char *const langs[] = { "en", "fr", "es", "ko", "ar" };

static void
test_random_properties(void)
{
	struct arena		*a;
	struct inst		 in;
	struct assign_case	 cs[MAXC];
	struct assign_reviewer	 rs[MAXR];
	struct assign_pair	*p;
	size_t			 np, unc, i, c, r, load[MAXR], have[MAXC];
	size_t			 mn, mx, free_r;
	unsigned char		 on[MAXC][MAXR];
	int			 round, feasible;

	for (round = 0; round < 300; round++) {
		a = arena_new();
		memset(&in, 0, sizeof(in));
		in.nc = 1 + rnd() % MAXC;
		in.nr = 1 + rnd() % MAXR;
		in.per = 1 + rnd() % 4;
		for (c = 0; c < in.nc; c++) {
			memset(&cs[c], 0, sizeof(cs[c]));
			cs[c].id = (int64_t)c + 1;
			cs[c].region = regions[rnd() % 5];
			cs[c].language = langs[rnd() % 5];
			cs[c].tags = rnd() % 2 ? "fairness,privacy" :
			    "transparency";
			for (r = 0; r < in.nr; r++)
				in.conflict[c][r] = rnd() % 100 < 12;
		}
		for (r = 0; r < in.nr; r++) {
			memset(&rs[r], 0, sizeof(rs[r]));
			rs[r].id = (int64_t)r + 100;
			rs[r].home_region = regions[rnd() % 5];
			rs[r].regions = regions[rnd() % 5];
			rs[r].languages = rnd() % 2 ? "en,fr" : "ko,es";
			rs[r].principles = rnd() % 2 ? "fairness" : "privacy";
		}
		np = assign_solve(a, cs, in.nc, rs, in.nr, in.per, blocked, &in,
		    &p, &unc);
		memset(on, 0, sizeof(on));
		memset(load, 0, sizeof(load));
		memset(have, 0, sizeof(have));
		for (i = 0; i < np; i++) {
			/* no conflicts, no duplicates */
			T_ASSERT(!in.conflict[p[i].c][p[i].r]);
			T_ASSERT(!on[p[i].c][p[i].r]);
			on[p[i].c][p[i].r] = 1;
			load[p[i].r]++;
			have[p[i].c]++;
		}
		feasible = 1;
		for (c = 0; c < in.nc; c++) {
			T_ASSERT(have[c] <= in.per);
			free_r = 0;
			for (r = 0; r < in.nr; r++)
				free_r += !in.conflict[c][r];
			if (free_r < in.per)
				feasible = 0;
			/* covered whenever enough reviewers are free */
			if (free_r >= in.per && have[c] != in.per) {
				printf("  round %d: case %zu has %zu of %zu\n",
				    round, c, have[c], in.per);
				t_cur_failed = 1;
			}
		}
		if (feasible)
			T_ASSERT(unc == 0);
		/* balanced: loads differ by at most one whenever there is
		 * slack (two reviewers more than a case needs; with fewer,
		 * every free reviewer must take nearly every case and the
		 * conflicts alone decide the loads) */
		mn = SIZE_MAX;
		mx = 0;
		for (r = 0; r < in.nr; r++) {
			if (load[r] < mn)
				mn = load[r];
			if (load[r] > mx)
				mx = load[r];
		}
		if (in.nr >= in.per + 2 && mx > mn + 1) {
			printf("  round %d: loads from %zu to %zu (%zu cases x "
			    "%zu, %zu reviewers)\n", round, mn, mx, in.nc,
			    in.per, in.nr);
			t_cur_failed = 1;
		}
		arena_free(a);
	}
}

static int
no_block(void *arg, size_t c, size_t r)
{
	(void)arg; (void)c; (void)r;
	return (0);
}

static void
test_existing_loads_count(void)
{
	struct arena		*a = arena_new();
	struct assign_case	 cs[4];
	struct assign_reviewer	 rs[3];
	struct assign_pair	*p;
	size_t			 np, unc, i, load[3] = { 0, 0, 0 };

	memset(cs, 0, sizeof(cs));
	memset(rs, 0, sizeof(rs));
	for (i = 0; i < 4; i++) {
		cs[i].id = (int64_t)i + 1;
		cs[i].region = "africa";
		cs[i].language = "en";
		cs[i].tags = "";
	}
	for (i = 0; i < 3; i++) {
		rs[i].id = (int64_t)i + 10;
		rs[i].home_region = "asia-pacific";
		rs[i].regions = rs[i].languages = rs[i].principles = "";
	}
	rs[0].load = 3;		/* already busy elsewhere in the call */
	np = assign_solve(a, cs, 4, rs, 3, 1, no_block, NULL, &p, &unc);
	T_ASSERT(np == 4);
	T_ASSERT(unc == 0);
	for (i = 0; i < np; i++)
		load[p[i].r]++;
	/* 3 + 0, 0 + 2, 0 + 2: the busy reviewer gets nothing */
	T_ASSERT(load[0] == 0);
	T_ASSERT(load[1] == 2 && load[2] == 2);
	arena_free(a);
}

static void
test_preferences(void)
{
	struct arena		*a = arena_new();
	struct assign_case	 c;
	struct assign_reviewer	 rs[3];
	struct assign_pair	*p;
	size_t			 np, unc;

	memset(&c, 0, sizeof(c));
	memset(rs, 0, sizeof(rs));
	c.id = 1;
	c.region = "africa";
	c.language = "fr";
	c.tags = "fairness,gender";
	/* same region, wrong language */
	rs[0].id = 1; rs[0].home_region = "africa"; rs[0].languages = "en";
	rs[0].regions = ""; rs[0].principles = "";
	/* other region, speaks French, knows fairness */
	rs[1].id = 2; rs[1].home_region = "europe-north-america";
	rs[1].languages = "en,fr"; rs[1].regions = "africa";
	rs[1].principles = "fairness,gender";
	/* other region only */
	rs[2].id = 3; rs[2].home_region = "asia-pacific";
	rs[2].languages = "ko"; rs[2].regions = ""; rs[2].principles = "";
	T_ASSERT(assign_score(&c, &rs[1]) > assign_score(&c, &rs[2]));
	T_ASSERT(assign_score(&c, &rs[2]) > assign_score(&c, &rs[0]));
	np = assign_solve(a, &c, 1, rs, 3, 1, no_block, NULL, &p, &unc);
	T_ASSERT(np == 1);
	T_ASSERT(np == 1 && p[0].r == 1);
	T_ASSERT(assign_list_has("en,fr", "fr"));
	T_ASSERT(!assign_list_has("en,fra", "fr"));
	T_ASSERT(!assign_list_has("", "fr"));
	arena_free(a);
}

static void
test_infeasible_reports_uncovered(void)
{
	struct arena		*a = arena_new();
	struct assign_case	 cs[2];
	struct assign_reviewer	 rs[2];
	struct assign_pair	*p;
	size_t			 np, unc;

	memset(cs, 0, sizeof(cs));
	memset(rs, 0, sizeof(rs));
	cs[0].id = 1; cs[1].id = 2;
	rs[0].id = 1; rs[1].id = 2;
	np = assign_solve(a, cs, 2, rs, 2, 3, no_block, NULL, &p, &unc);
	T_ASSERT(np == 4);	/* each case gets both reviewers */
	T_ASSERT(unc == 2);	/* but needs three */
	np = assign_solve(a, cs, 2, rs, 0, 1, no_block, NULL, &p, &unc);
	T_ASSERT(np == 0 && unc == 2);
	arena_free(a);
}

int
main(void)
{
	T_RUN(test_random_properties);
	T_RUN(test_existing_loads_count);
	T_RUN(test_preferences);
	T_RUN(test_infeasible_reports_uncovered);
	return (t_done());
}
