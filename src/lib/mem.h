/*
 * mem.h: allocation helpers shared by every layer.
 *
 * xmalloc/xcalloc/xrealloc/xstrdup never return NULL: running out of memory
 * is a broken invariant and ends the process (a Kore worker is restarted).
 * An arena owns many small allocations made while serving one request or
 * one command, and frees them all at once.
 */
#ifndef ETHICA_MEM_H
#define ETHICA_MEM_H

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
void	 mem_fatal(const char *) __attribute__((noreturn));

struct arena;

/* Returns a new, empty arena owned by the caller (free with arena_free). */
struct arena	*arena_new(void);
/* Frees every allocation made from the arena, then the arena; NULL is fine. */
void		 arena_free(struct arena *);
/*
 * An object that owns its arena, for values kept beyond a request (the
 * caches' entries): arena_obj_new returns size zeroed bytes allocated in
 * a new arena whose address it stores in the object's first member,
 * which must be a struct arena *; what else the object holds can live in
 * that arena. arena_obj_free frees the arena, object included (NULL is
 * fine); it has the type of a cache's free function.
 */
void		*arena_obj_new(size_t size);
void		 arena_obj_free(void *obj);
/* Returns zeroed memory owned by the arena, aligned for any type. */
void		*arena_alloc(struct arena *, size_t);
/* Copies of strings owned by the arena; NULL in gives NULL out. */
char		*arena_strdup(struct arena *, const char *);
char		*arena_strndup(struct arena *, const char *, size_t);
/* printf into arena memory. */
char		*arena_printf(struct arena *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
char		*arena_vprintf(struct arena *, const char *, va_list)
		    __attribute__((format(printf, 2, 0)));

#endif
