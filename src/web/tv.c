/*
 * tv.c: the values handed to templates. A value is a small tree allocated
 * from the caller's arena: maps keep their keys in insertion order,
 * searched linearly while small and through a hash index (open
 * addressing, at most half full) from TV_INDEX_AT keys on; lists keep
 * their items in order.
 * Strings are borrowed, never copied. Nothing here escapes or renders;
 * tmpl_render.c reads these trees through the TMPL_INTERNAL layout.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define TMPL_INTERNAL
#include "lib/hash.h"
#include "lib/mem.h"
#include "web/tmpl.h"

static struct tv	*tv_new(struct arena *, enum tv_kind);
static struct tv	*tv_entry(struct tv *, const char *, enum tv_kind);
static struct tv	*tv_find_h(const struct tv *, const char *, uint32_t);
static struct tv	*tv_find(const struct tv *, const char *);
static void		 tv_index_add(struct tv *, struct tv *);
static void		 tv_index_build(struct tv *, size_t);
static void		 tv_append(struct tv *, struct tv *);
static int64_t		 tvf_number(const char *, enum tv_ftype);

static struct tv *
tv_new(struct arena *a, enum tv_kind kind)
{
	struct tv	*v;

	v = arena_alloc(a, sizeof(*v));
	v->kind = kind;
	v->arena = a;
	return (v);
}

/* FNV-1a of a key: lookups compare it before the strings. */
uint32_t
tv_key_hash(const char *key)
{
	return (fnv1a(key));
}

static struct tv *
tv_find_h(const struct tv *map, const char *key, uint32_t h)
{
	struct tv	*e;
	size_t		 i, mask;

	if (map == NULL || map->kind != TV_MAP || key == NULL)
		return (NULL);
	if (map->idx != NULL) {
		mask = map->idx_cap - 1;
		for (i = h & mask; (e = map->idx[i]) != NULL;
		    i = (i + 1) & mask)
			if (e->khash == h && strcmp(e->key, key) == 0)
				return (e);
		return (NULL);
	}
	for (e = map->head; e != NULL; e = e->next)
		if (e->khash == h && strcmp(e->key, key) == 0)
			return (e);
	return (NULL);
}

static struct tv *
tv_find(const struct tv *map, const char *key)
{
	if (key == NULL)
		return (NULL);
	return (tv_find_h(map, key, tv_key_hash(key)));
}

/* Puts the new entry e of map into its index (which has room). */
static void
tv_index_add(struct tv *map, struct tv *e)
{
	size_t	i, mask;

	mask = map->idx_cap - 1;
	for (i = e->khash & mask; map->idx[i] != NULL; i = (i + 1) & mask)
		;
	map->idx[i] = e;
}

/* (Re)builds map's index with cap slots from its entries. */
static void
tv_index_build(struct tv *map, size_t cap)
{
	struct tv	*e;

	map->idx = arena_alloc(map->arena, cap * sizeof(*map->idx));
	map->idx_cap = cap;
	for (e = map->head; e != NULL; e = e->next)
		tv_index_add(map, e);
}

/*
 * The entry for key in map, reset to an empty value of kind, appended if
 * the key is new. NULL when map is not a map or key is NULL.
 */
static struct tv *
tv_entry(struct tv *map, const char *key, enum tv_kind kind)
{
	struct tv	*e, *next;
	uint32_t	 h;

	if (map == NULL || map->kind != TV_MAP || key == NULL)
		return (NULL);
	h = tv_key_hash(key);
	if ((e = tv_find_h(map, key, h)) != NULL) {
		next = e->next;
		memset(e, 0, sizeof(*e));
		e->kind = kind;
		e->key = key;
		e->khash = h;
		e->next = next;
		e->arena = map->arena;
		return (e);
	}
	e = tv_new(map->arena, kind);
	e->key = key;
	e->khash = h;
	tv_append(map, e);
	if (map->idx != NULL && map->n * 2 <= map->idx_cap)
		tv_index_add(map, e);
	else if (map->n >= TV_INDEX_AT)
		tv_index_build(map, map->idx_cap ? map->idx_cap * 2 :
		    4 * TV_INDEX_AT);
	return (e);
}

/* Returns a new empty map owned by the arena a. Never NULL. */
struct tv *
tv_map(struct arena *a)
{
	return (tv_new(a, TV_MAP));
}

/*
 * Sets key to the text s of kind (TV_STR, TV_HTML, TV_TMPL), borrowed,
 * in place of an earlier value. A NULL s clears an existing key and adds
 * nothing.
 */
static void
tv_text(struct tv *map, const char *key, enum tv_kind kind, const char *s)
{
	struct tv	*e;

	if (s == NULL) {
		if (tv_find(map, key) != NULL)
			(void)tv_entry(map, key, TV_NONE);
		return;
	}
	if ((e = tv_entry(map, key, kind)) != NULL)
		e->s = s;
}

/*
 * Sets key to the borrowed string val (replacing an earlier value in
 * place). key is borrowed too. A NULL val clears an existing key and adds
 * nothing; a NULL map does nothing.
 */
void
tv_str(struct tv *map, const char *key, const char *val)
{
	tv_text(map, key, TV_STR, val);
}

/* Sets key to an integer, rendered in decimal. */
void
tv_int(struct tv *map, const char *key, int64_t val)
{
	struct tv	*e;

	if ((e = tv_entry(map, key, TV_INT)) != NULL)
		e->i = val;
}

/* Sets key to a boolean (val != 0 is true). */
void
tv_bool(struct tv *map, const char *key, int val)
{
	struct tv	*e;

	if ((e = tv_entry(map, key, TV_BOOL)) != NULL)
		e->i = val != 0;
}

/*
 * Sets key to safe HTML (borrowed; rendered raw in HTML text only). A
 * NULL h or h->html is treated like a NULL string.
 */
void
tv_html(struct tv *map, const char *key, const struct safe_html *h)
{
	tv_text(map, key, TV_HTML, h != NULL ? h->html : NULL);
}

/* Sets key to the template called name (see tmpl.h); NULL: as tv_str. */
void
tv_tmpl(struct tv *map, const char *key, const char *name)
{
	tv_text(map, key, TV_TMPL, name);
}

/* Sets key to the value val (see tmpl.h): its contents, not a copy. */
void
tv_borrow(struct tv *map, const char *key, const struct tv *val)
{
	struct tv	*e, at;

	if (val == NULL) {
		tv_str(map, key, NULL);
		return;
	}
	if ((e = tv_entry(map, key, val->kind)) == NULL)
		return;
	/* val's value in e's place: e keeps its key, sibling and arena. */
	at = *e;
	*e = *val;
	e->key = at.key;
	e->khash = at.khash;
	e->next = at.next;
	e->arena = at.arena;
}

/* Stores a new empty map under key and returns it; NULL if map is NULL. */
struct tv *
tv_child(struct tv *map, const char *key)
{
	return (tv_entry(map, key, TV_MAP));
}

/* Stores a new empty list under key and returns it; NULL if map is NULL. */
struct tv *
tv_list(struct tv *map, const char *key)
{
	return (tv_entry(map, key, TV_LIST));
}

static void
tv_append(struct tv *list, struct tv *item)
{
	if (list->tail == NULL)
		list->head = item;
	else
		list->tail->next = item;
	list->tail = item;
	list->n++;
}

/* Appends a new empty map to list and returns it; NULL if not a list. */
struct tv *
tv_push_map(struct tv *list)
{
	struct tv	*item;

	if (list == NULL || list->kind != TV_LIST)
		return (NULL);
	item = tv_new(list->arena, TV_MAP);
	tv_append(list, item);
	return (item);
}

/* Appends the borrowed string val to list; NULL val or list: nothing. */
void
tv_push_str(struct tv *list, const char *val)
{
	struct tv	*item;

	if (list == NULL || list->kind != TV_LIST || val == NULL)
		return;
	item = tv_new(list->arena, TV_STR);
	item->s = val;
	tv_append(list, item);
}

/* Number of items in list; 0 for NULL or a non-list. */
size_t
tv_list_len(const struct tv *list)
{
	if (list == NULL || list->kind != TV_LIST)
		return (0);
	return (list->n);
}

/* The value under key in map, borrowed; NULL if absent or not a map. */
const struct tv *
tv_get(const struct tv *map, const char *key)
{
	return (tv_find(map, key));
}

const struct tv *
tv_get_hashed(const struct tv *map, const char *key, uint32_t hash)
{
	return (tv_find_h(map, key, hash));
}

/*
 * The number a TVF_ member other than a string holds at p, read with
 * memcpy: the member's own type, whatever the struct's alignment.
 */
static int64_t
tvf_number(const char *p, enum tv_ftype type)
{
	int64_t	i64;
	size_t	z;
	int	i;

	switch (type) {
	case TVF_INT:
	case TVF_BOOL:
		memcpy(&i, p, sizeof(i));
		return (i);
	case TVF_SIZE:
		memcpy(&z, p, sizeof(z));
		return ((int64_t)z);
	default:
		memcpy(&i64, p, sizeof(i64));
		return (i64);
	}
}

void
tv_fields(struct tv *map, const void *base, const struct tv_field *f)
{
	const char	*p = base, *s;

	for (; f->key != NULL; f++) {
		if (f->type == TVF_STR) {
			memcpy(&s, p + f->off, sizeof(s));
			tv_str(map, f->key, s);
		} else if (f->type == TVF_BOOL || f->type == TVF_BOOL64)
			tv_bool(map, f->key, tvf_number(p + f->off,
			    f->type) != 0);
		else
			tv_int(map, f->key, tvf_number(p + f->off, f->type));
	}
}

void
tv_rows(struct tv *map, const char *key, const void *base, size_t n,
    size_t size, const struct tv_field *f)
{
	struct tv	*list;
	size_t		 i;

	list = tv_list(map, key);
	for (i = 0; i < n; i++)
		tv_fields(tv_push_map(list), (const char *)base + i * size, f);
}
