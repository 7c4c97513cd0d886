/*
 * test_mem.c: the arena (src/lib/mem.c) now that a thread keeps freed
 * standard chunks for its next arenas (issue 14.6): memory from
 * arena_alloc is zeroed even in a reused chunk, strings come back whole,
 * allocations bigger than a chunk and many chunks in one arena work; a
 * buffer's text moves into an arena (buf_to_arena), "" when empty; an
 * object can own its arena (arena_obj_new).
 */
#include <stdio.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/mem.h"
#include "t.h"

static int
all_zero(const unsigned char *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (p[i] != 0)
			return (0);
	return (1);
}

static void
test_reuse_zeroed(void)
{
	struct arena	*a;
	unsigned char	*p;
	int		 round, i;

	for (round = 0; round < 3; round++) {
		a = arena_new();
		for (i = 0; i < 64; i++) {
			p = arena_alloc(a, 1000);
			T_ASSERT(all_zero(p, 1000));
			memset(p, 0xff, 1000);
		}
		arena_free(a);
	}
}

static void
test_strings_and_sizes(void)
{
	struct arena	*a;
	unsigned char	*big;
	char		*s;
	int		 i;

	a = arena_new();
	for (i = 0; i < 2000; i++) {
		s = arena_printf(a, "row %d of %s", i, "many");
		if (i == 1999)
			T_STREQ(s, "row 1999 of many");
	}
	T_STREQ(arena_strndup(a, "abcdef", 3), "abc");
	T_ASSERT(arena_strdup(a, NULL) == NULL);
	big = arena_alloc(a, 100000);
	T_ASSERT(all_zero(big, 100000));
	memset(big, 1, 100000);
	T_STREQ(arena_strdup(a, "after"), "after");
	arena_free(a);
	a = arena_new();
	big = arena_alloc(a, 100000);
	T_ASSERT(all_zero(big, 100000));
	arena_free(a);
	arena_free(NULL);
}

static void
test_buf_to_arena(void)
{
	struct arena	*a = arena_new();
	struct buf	 b;

	buf_init(&b);
	T_STREQ(buf_to_arena(&b, a), "");
	T_ASSERT(b.data == NULL && b.len == 0);
	buf_init(&b);
	buf_appendf(&b, "%s-%d", "x", 7);
	T_STREQ(buf_to_arena(&b, a), "x-7");
	T_ASSERT(b.data == NULL && b.len == 0);
	arena_free(a);
}

/* An object that owns its arena: zeroed, its first member the arena,
 * and one arena_obj_free frees what it holds too (ASan: no leak). */
static void
test_arena_obj(void)
{
	struct owner {
		struct arena	*a;
		char		 pad[3000];
		char		*s;
	}		*o;

	o = arena_obj_new(sizeof(*o));
	T_ASSERT(o->a != NULL && all_zero((unsigned char *)o->pad,
	    sizeof(o->pad)) && o->s == NULL);
	o->s = arena_strdup(o->a, "kept");
	T_STREQ(o->s, "kept");
	arena_obj_free(o);
	arena_obj_free(NULL);
}

int
main(void)
{
	T_RUN(test_reuse_zeroed);
	T_RUN(test_strings_and_sizes);
	T_RUN(test_buf_to_arena);
	T_RUN(test_arena_obj);
	return (t_done());
}
