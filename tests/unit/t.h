/*
 * t.h: the tiny unit-test harness. Each tests/unit/test_*.c is one program:
 *
 *	static void test_thing(void) { T_ASSERT(1 + 1 == 2); T_STREQ(a, b); }
 *	int main(void) { T_RUN(test_thing); return (t_done()); }
 *
 * It prints one line per test ("ok NAME" / "FAIL NAME: file:line: expr" /
 * "skipped NAME") and ends with "N passed, N failed, N skipped"; the exit
 * code is non-zero on failure. A test that cannot run (PostgreSQL asked for
 * but ETHICA_TEST_PG unset) calls T_SKIP("why") and returns: it is counted
 * as skipped, never as passed. T_SKIPPED("name", "why") counts a test (or a
 * group of tests) that main() does not run at all. t_have_pg() says whether
 * PostgreSQL was given; when it was, failing to reach it is a failure.
 */
#ifndef ETHICA_T_H
#define ETHICA_T_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int	t_passed, t_failed, t_skipped, t_cur_failed, t_cur_skipped;

#define T_ASSERT(e) do {						\
	if (!(e)) {							\
		printf("  %s:%d: assertion failed: %s\n",		\
		    __FILE__, __LINE__, #e);				\
		t_cur_failed = 1;					\
	}								\
} while (0)

#define T_STREQ(a, b) do {						\
	const char *t_a_ = (a), *t_b_ = (b);				\
	if (t_a_ == NULL || t_b_ == NULL || strcmp(t_a_, t_b_) != 0) {	\
		printf("  %s:%d: \"%s\" != \"%s\"\n", __FILE__, __LINE__, \
		    t_a_ ? t_a_ : "(null)", t_b_ ? t_b_ : "(null)");	\
		t_cur_failed = 1;					\
	}								\
} while (0)

#define T_CONTAINS(hay, needle) do {					\
	const char *t_h_ = (hay), *t_n_ = (needle);			\
	if (t_h_ == NULL || strstr(t_h_, t_n_) == NULL) {		\
		printf("  %s:%d: \"%s\" does not contain \"%s\"\n",	\
		    __FILE__, __LINE__, t_h_ ? t_h_ : "(null)", t_n_);	\
		t_cur_failed = 1;					\
	}								\
} while (0)

#define T_SKIP(why) do {						\
	printf("  skipped: %s\n", (why));				\
	t_cur_skipped = 1;						\
} while (0)

#define T_SKIPPED(name, why) do {					\
	t_skipped++;							\
	printf("skipped %s: %s\n", (name), (why));			\
} while (0)

#define T_RUN(fn) do {							\
	t_cur_failed = 0;						\
	t_cur_skipped = 0;						\
	fn();								\
	if (t_cur_failed) {						\
		t_failed++;						\
		printf("FAIL %s\n", #fn);				\
	} else if (t_cur_skipped) {					\
		t_skipped++;						\
		printf("skipped %s\n", #fn);				\
	} else {							\
		t_passed++;						\
		printf("ok %s\n", #fn);					\
	}								\
} while (0)

static inline int
t_have_pg(void)
{
	const char	*u = getenv("ETHICA_TEST_PG");

	return (u != NULL && *u != '\0');
}

static inline int
t_done(void)
{
	printf("%d passed, %d failed, %d skipped\n", t_passed, t_failed,
	    t_skipped);
	return (t_failed ? 1 : 0);
}

#endif
