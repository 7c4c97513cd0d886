/*
 * keypage.c: the rule of keyset paging (see keypage.h). Pure arithmetic on
 * rows the store has read; never touches the store itself.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "domain/keypage.h"

static void	swap(unsigned char *, unsigned char *, size_t);

int64_t
keypage_cursor(const struct keypage *pg)
{
	if (pg->after > 0)
		return (pg->after);
	if (pg->before > 0)
		return (-pg->before);
	return (0);
}

static void
swap(unsigned char *a, unsigned char *b, size_t size)
{
	unsigned char	t;
	size_t		i;

	for (i = 0; i < size; i++) {
		t = a[i];
		a[i] = b[i];
		b[i] = t;
	}
}

int
keypage_done(struct keypage *pg, void *rows, size_t size, size_t *n,
    size_t limit, int64_t (*key)(const void *))
{
	unsigned char	*r = rows;
	int64_t		 cur;
	size_t		 i;
	int		 more;

	cur = keypage_cursor(pg);
	pg->prev = pg->next = 0;
	more = *n > limit;
	if (more)
		*n = limit;
	/* Nothing after the key, or the start of the list before it: the
	 * first page (which also holds the rows before the key). */
	if ((cur > 0 && *n == 0) || (cur < 0 && !more)) {
		pg->after = pg->before = 0;
		return (1);
	}
	if (cur < 0) {
		for (i = 0; i < *n / 2; i++)
			swap(r + i * size, r + (*n - 1 - i) * size, size);
		pg->prev = key(r);
		pg->next = key(r + (*n - 1) * size);
		return (0);
	}
	if (more)
		pg->next = key(r + (*n - 1) * size);
	if (cur > 0)
		pg->prev = key(r);
	return (0);
}
