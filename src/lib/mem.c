/*
 * mem.c: never-failing allocators and the arena allocator.
 *
 * The arena is a list of chunks; large requests get a chunk of their own.
 * It never frees single allocations: it is for request-sized lifetimes.
 */
#include <stdint.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

#define ARENA_CHUNK	(16 * 1024)
#define ARENA_ALIGN	16

struct chunk {
	struct chunk	*next;
	size_t		 size;
	size_t		 used;
	/* data follows, aligned */
};

struct arena {
	struct chunk	*head;
};

void
mem_fatal(const char *what)
{
	fprintf(stderr, "ethica: out of memory (%s)\n", what);
	_exit(1);
}

void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		mem_fatal("malloc");
	return (p);
}

void *
xcalloc(size_t n, size_t sz)
{
	void	*p;

	if ((p = calloc(n == 0 ? 1 : n, sz == 0 ? 1 : sz)) == NULL)
		mem_fatal("calloc");
	return (p);
}

void *
xrealloc(void *old, size_t n)
{
	void	*p;

	if ((p = realloc(old, n == 0 ? 1 : n)) == NULL)
		mem_fatal("realloc");
	return (p);
}

char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		mem_fatal("strdup");
	return (p);
}

static size_t
chunk_header(void)
{
	return ((sizeof(struct chunk) + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1));
}

struct arena *
arena_new(void)
{
	return (xcalloc(1, sizeof(struct arena)));
}

void
arena_free(struct arena *a)
{
	struct chunk	*c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void *
arena_obj_new(size_t size)
{
	struct arena	*a, **obj;

	a = arena_new();
	obj = arena_alloc(a, size);
	*obj = a;
	return (obj);
}

void
arena_obj_free(void *obj)
{
	/* A pointer to a struct, converted, points to its first member. */
	if (obj != NULL)
		arena_free(*(struct arena **)obj);
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct chunk	*c;
	size_t		 need, size;
	uint8_t		*p;

	need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (need < n)
		mem_fatal("arena size");
	c = a->head;
	if (c == NULL || c->size - c->used < need) {
		size = need > ARENA_CHUNK ? need : ARENA_CHUNK;
		c = xmalloc(chunk_header() + size);
		c->size = size;
		c->used = 0;
		if (a->head != NULL && need > ARENA_CHUNK) {
			/* keep the partly used chunk in front */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	p = (uint8_t *)c + chunk_header() + c->used;
	c->used += need;
	memset(p, 0, n);
	return (p);
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*p;

	if (s == NULL)
		return (NULL);
	p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return (p);
}

char *
arena_strdup(struct arena *a, const char *s)
{
	if (s == NULL)
		return (NULL);
	return (arena_strndup(a, s, strlen(s)));
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list	 cp;
	int	 n;
	char	*p;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		mem_fatal("vsnprintf");
	p = arena_alloc(a, (size_t)n + 1);
	(void)vsnprintf(p, (size_t)n + 1, fmt, ap);
	return (p);
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return (p);
}
