/*
 * course_offline.c: offline editions of courses (course_offline.h).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/course.h"
#include "domain/course_offline.h"
#include "domain/dctx.h"
#include "lib/mem.h"
#include "store/st_offline.h"
#include "store/store.h"

/* Languages a course may have, and so editions. */
#define OFFLINE_MAX_LANGS	64

static int
name_ok(const char *s, size_t max)
{
	size_t	n;

	n = strlen(s);
	return (n > 0 && n <= max && strspn(s,
	    "abcdefghijklmnopqrstuvwxyz0123456789-") == n);
}

const char *
course_offline_file(struct arena *a, const char *slug, const char *lang)
{
	if (slug == NULL || lang == NULL || !name_ok(slug, 64) ||
	    !name_ok(lang, 16))
		return (NULL);
	return (arena_printf(a, "%s.%s.zip", slug, lang));
}

enum result
course_offline_record(struct dctx *dc, const char *slug, const char *lang,
    int64_t bytes)
{
	struct course_ref	c;
	enum result		r;

	if ((r = course_find(dc, slug, &c)) != RES_OK)
		return (r);
	if (store_offline_put(dc->db, c.id, lang, c.version, bytes,
	    dc->now) != STORE_OK)
		return (RES_INTERNAL);
	return (RES_OK);
}

enum result
course_offline_list(struct dctx *dc, const char *slug,
    struct course_offline **out, size_t *n)
{
	struct course_ref	 c;
	struct offline_row	*rows;
	enum result		 r;
	size_t			 i;

	*out = NULL;
	*n = 0;
	if ((r = course_find(dc, slug, &c)) != RES_OK)
		return (r);
	if (store_offline_list(dc->db, dc->a, c.id, OFFLINE_MAX_LANGS, &rows,
	    n) != STORE_OK)
		return (RES_INTERNAL);
	*out = arena_alloc(dc->a, (*n + 1) * sizeof(**out));
	for (i = 0; i < *n; i++) {
		(*out)[i].lang = rows[i].lang;
		(*out)[i].version = rows[i].version;
		(*out)[i].current = rows[i].version == c.version;
		(*out)[i].bytes = rows[i].bytes;
		(*out)[i].made_at = rows[i].made_at;
	}
	return (RES_OK);
}

enum result
course_offline_get(struct dctx *dc, const char *slug, const char *lang,
    struct course_offline *out)
{
	struct course_offline	*list;
	size_t			 n, i;
	enum result		 r;

	if ((r = course_offline_list(dc, slug, &list, &n)) != RES_OK)
		return (r);
	for (i = 0; i < n; i++) {
		if (strcmp(list[i].lang, lang) == 0) {
			*out = list[i];
			return (RES_OK);
		}
	}
	return (RES_NOT_FOUND);
}

enum result
course_offline_lessons(struct dctx *dc, const char *slug, const char *ids,
    const char *lang, struct offline_lesson **out, size_t *n)
{
	struct course_outline	 o;
	enum result		 r;
	const char		*p;
	char			*end;
	size_t			 i, read = 0;
	long long		 id;
	unsigned char		*want;

	*out = NULL;
	*n = 0;
	if ((r = course_outline(dc, slug, lang, &o)) != RES_OK)
		return (r);
	*out = arena_alloc(dc->a, (o.nlessons + 1) * sizeof(**out));
	want = arena_alloc(dc->a, o.nlessons + 1);
	/* Each id is looked up once; the outline is at most a few hundred
	 * lessons and the list at most OFFLINE_MAX_READ ids. */
	for (p = ids != NULL ? ids : ""; *p != '\0' &&
	    read < OFFLINE_MAX_READ; p = *end == '\0' ? end : end + 1) {
		errno = 0;
		id = strtoll(p, &end, 10);
		if (end == p || (*end != '.' && *end != '\0') || errno != 0) {
			/* Not a number: skip to the next separator. */
			if ((end = strchr(p, '.')) == NULL)
				end = (char *)p + strlen(p);
			read++;
			continue;
		}
		read++;
		for (i = 0; i < o.nlessons; i++) {
			if (o.lessons[i].id == id) {
				want[i] = 1;
				break;
			}
		}
	}
	for (i = 0; i < o.nlessons; i++) {
		if (!want[i])
			continue;
		(*out)[*n].key = o.lessons[i].key;
		(*out)[*n].title = o.lessons[i].title;
		(*n)++;
	}
	return (RES_OK);
}
