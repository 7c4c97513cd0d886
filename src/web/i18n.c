/*
 * i18n.c: the UI language table, .mo catalogs, lookups and negotiation.
 *
 * It owns the static table of UI languages and the catalog of each, parsed
 * here from GNU .mo files (no libintl: the parser checks every offset and
 * length against the file, since a .mo is data, not code). Entries are kept
 * sorted by msgid for binary search. ICU work (plural rules, names, dates)
 * lives in i18n_icu.c. Not thread-safe: one thread per worker process.
 * Translations returned here are untrusted text: callers escape them.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lib/mem.h"
#include "web/i18n.h"

#define MO_MAGIC	0x950412deU
#define MO_MAX_SIZE	(64U * 1024 * 1024)
#define MO_HDR_SIZE	28

struct mo_entry {
	const char	*orig;		/* msgid, then "\0msgid_plural" */
	const char	*trans;		/* forms separated by NULs */
	uint32_t	 trans_len;
};

struct i18n_catalog {
	char		*data;
	size_t		 size;
	struct mo_entry	*e;
	size_t		 n;
	int		 nplurals;
};

struct i18n_lang {
	const char		*code;
	const char		*dir;
	struct i18n_catalog	*cat;
};

static struct i18n_lang langs[] = {
	{ "en", "ltr", NULL },
	{ "ko", "ltr", NULL },
	{ "fr", "ltr", NULL },
	{ "es", "ltr", NULL },
	{ "ar", "rtl", NULL },
	{ "zh", "ltr", NULL },
	{ "ru", "ltr", NULL },
};
#define NLANGS	(sizeof(langs) / sizeof(langs[0]))

static uint32_t	rd32(const unsigned char *, int);
static int	mo_string(const struct i18n_catalog *, const unsigned char *,
		    int, const char **, uint32_t *, char *, size_t);
static int	mo_entries(struct i18n_catalog *, char *, size_t);
static int	entry_cmp(const void *, const void *);
static const struct mo_entry *mo_find(const struct i18n_catalog *,
		    const char *);
static int	header_nplurals(const char *);
static int	read_file(const char *, char **, size_t *, char *, size_t);
static int	parse_q(const char *, size_t, int *);
static const struct i18n_lang *range_lang(const char *, size_t);
static void	trim(const char **, const char **);

static uint32_t
rd32(const unsigned char *p, int be)
{
	if (be)
		return ((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		    (uint32_t)p[2] << 8 | (uint32_t)p[3]);
	return ((uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[1] << 8 | (uint32_t)p[0]);
}

/* Reads one (length, offset) descriptor at p and checks the string it
 * names lies inside the file and ends with a NUL there. */
static int
mo_string(const struct i18n_catalog *cat, const unsigned char *p, int be,
    const char **out, uint32_t *lenp, char *err, size_t errlen)
{
	uint32_t	len, off;

	len = rd32(p, be);
	off = rd32(p + 4, be);
	if ((uint64_t)off + len >= cat->size) {
		snprintf(err, errlen, "string at %u+%u outside the file",
		    off, len);
		return (-1);
	}
	if (cat->data[off + len] != '\0') {
		snprintf(err, errlen, "string at %u not NUL-terminated", off);
		return (-1);
	}
	*out = cat->data + off;
	*lenp = len;
	return (0);
}

/* Reads the header and both string tables of cat->data into cat->e. */
static int
mo_entries(struct i18n_catalog *cat, char *err, size_t errlen)
{
	const unsigned char	*d = (const unsigned char *)cat->data;
	uint32_t		 rev, n, otab, ttab, olen;
	size_t			 i;
	int			 be;

	if (cat->size < MO_HDR_SIZE) {
		snprintf(err, errlen, "file too short for a .mo header");
		return (-1);
	}
	if (rd32(d, 0) == MO_MAGIC)
		be = 0;
	else if (rd32(d, 1) == MO_MAGIC)
		be = 1;
	else {
		snprintf(err, errlen, "not a .mo file (bad magic)");
		return (-1);
	}
	rev = rd32(d + 4, be);
	n = rd32(d + 8, be);
	otab = rd32(d + 12, be);
	ttab = rd32(d + 16, be);
	if ((rev >> 16) > 1) {
		snprintf(err, errlen, "unsupported .mo revision %u", rev >> 16);
		return (-1);
	}
	if ((uint64_t)otab + (uint64_t)n * 8 > cat->size ||
	    (uint64_t)ttab + (uint64_t)n * 8 > cat->size) {
		snprintf(err, errlen, "string tables outside the file");
		return (-1);
	}
	cat->e = xcalloc(n ? n : 1, sizeof(*cat->e));
	cat->n = n;
	for (i = 0; i < n; i++) {
		if (mo_string(cat, d + otab + i * 8, be, &cat->e[i].orig,
		    &olen, err, errlen) == -1 ||
		    mo_string(cat, d + ttab + i * 8, be, &cat->e[i].trans,
		    &cat->e[i].trans_len, err, errlen) == -1)
			return (-1);
	}
	qsort(cat->e, cat->n, sizeof(*cat->e), entry_cmp);
	return (0);
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct mo_entry	*x = a, *y = b;

	return (strcmp(x->orig, y->orig));
}

static const struct mo_entry *
mo_find(const struct i18n_catalog *cat, const char *msgid)
{
	size_t	lo, hi, mid;
	int	c;

	lo = 0;
	hi = cat->n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(msgid, cat->e[mid].orig);
		if (c == 0)
			return (&cat->e[mid]);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (NULL);
}

/* nplurals=N from a .mo header text, 0 when absent or out of 1..6. */
static int
header_nplurals(const char *h)
{
	const char	*p;
	int		 n;

	if ((p = strstr(h, "Plural-Forms:")) == NULL ||
	    (p = strstr(p, "nplurals")) == NULL)
		return (0);
	p += strlen("nplurals");
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p++ != '=')
		return (0);
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p < '1' || *p > '6' || (p[1] >= '0' && p[1] <= '9'))
		return (0);
	n = *p - '0';
	return (n);
}

struct i18n_catalog *
i18n_parse_mo_buffer(const void *data, size_t len, char *err, size_t errlen)
{
	struct i18n_catalog	*cat;
	const struct mo_entry	*hdr;

	if (len > MO_MAX_SIZE) {
		snprintf(err, errlen, ".mo file too large");
		return (NULL);
	}
	cat = xcalloc(1, sizeof(*cat));
	cat->data = xmalloc(len ? len : 1);
	if (len > 0)
		memcpy(cat->data, data, len);
	cat->size = len;
	if (mo_entries(cat, err, errlen) == -1) {
		i18n_catalog_free(cat);
		return (NULL);
	}
	if ((hdr = mo_find(cat, "")) != NULL)
		cat->nplurals = header_nplurals(hdr->trans);
	return (cat);
}

void
i18n_catalog_free(struct i18n_catalog *cat)
{
	if (cat == NULL)
		return;
	free(cat->e);
	free(cat->data);
	free(cat);
}

size_t
i18n_catalog_count(const struct i18n_catalog *cat)
{
	return (cat ? cat->n : 0);
}

int
i18n_catalog_nplurals(const struct i18n_catalog *cat)
{
	return (cat ? cat->nplurals : 0);
}

const char *
i18n_catalog_lookup(const struct i18n_catalog *cat, const char *msgid,
    size_t form)
{
	const struct mo_entry	*e;
	const char		*p, *end;
	size_t			 i;

	if (cat == NULL || msgid == NULL || *msgid == '\0' ||
	    (e = mo_find(cat, msgid)) == NULL)
		return (NULL);
	p = e->trans;
	end = e->trans + e->trans_len;
	for (i = 0; i < form; i++) {
		p += strlen(p) + 1;
		if (p > end)
			return (NULL);
	}
	return (*p != '\0' ? p : NULL);
}

/* Reads path into a new buffer; 1 if it does not exist, 0, or -1. */
static int
read_file(const char *path, char **data, size_t *len, char *err,
    size_t errlen)
{
	struct stat	 st;
	ssize_t		 r;
	size_t		 got;
	int		 fd, rc;

	rc = -1;
	*data = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT)
			return (1);
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return (-1);
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size > MO_MAX_SIZE) {
		snprintf(err, errlen, "%s: not a regular file of sane size",
		    path);
		goto out;
	}
	*len = (size_t)st.st_size;
	*data = xmalloc(*len ? *len : 1);
	for (got = 0; got < *len; got += (size_t)r) {
		r = read(fd, *data + got, *len - got);
		if (r == -1 && errno == EINTR) {
			r = 0;
			continue;
		}
		if (r <= 0) {
			snprintf(err, errlen, "%s: short read", path);
			goto out;
		}
	}
	rc = 0;
out:
	if (rc != 0) {
		free(*data);
		*data = NULL;
	}
	close(fd);
	return (rc);
}

int
i18n_load(const char *dir, char *err, size_t errlen)
{
	char	 path[4096], msg[256];
	char	*data;
	size_t	 i, len;
	int	 loaded, r;

	i18n_unload();
	loaded = 0;
	for (i = 1; i < NLANGS; i++) {
		snprintf(path, sizeof(path), "%s/%s.mo", dir, langs[i].code);
		r = read_file(path, &data, &len, err, errlen);
		if (r == 1)
			continue;
		if (r == -1)
			goto fail;
		langs[i].cat = i18n_parse_mo_buffer(data, len, msg,
		    sizeof(msg));
		free(data);
		if (langs[i].cat == NULL) {
			snprintf(err, errlen, "%s: %s", path, msg);
			goto fail;
		}
		loaded++;
	}
	return (loaded);
fail:
	i18n_unload();
	return (-1);
}

void
i18n_unload(void)
{
	size_t	i;

	for (i = 0; i < NLANGS; i++) {
		i18n_catalog_free(langs[i].cat);
		langs[i].cat = NULL;
	}
}

const struct i18n_lang *
i18n_lang_get(const char *code)
{
	size_t	i;

	if (code == NULL)
		return (NULL);
	for (i = 0; i < NLANGS; i++)
		if (strcmp(langs[i].code, code) == 0)
			return (&langs[i]);
	return (NULL);
}

const struct i18n_lang *
i18n_default(void)
{
	return (&langs[0]);
}

int
i18n_lang_complete(const struct i18n_lang *l)
{
	return (l == &langs[0] || l->cat != NULL);
}

const char *
i18n_code(const struct i18n_lang *l)
{
	return (l ? l->code : langs[0].code);
}

const char *
i18n_dir(const struct i18n_lang *l)
{
	return (l ? l->dir : langs[0].dir);
}

size_t
i18n_count(void)
{
	return (NLANGS);
}

const struct i18n_lang *
i18n_nth(size_t i)
{
	return (i < NLANGS ? &langs[i] : NULL);
}

size_t
i18n_index(const struct i18n_lang *l)
{
	if (l == NULL || l < langs || l >= langs + NLANGS)
		return (0);
	return ((size_t)(l - langs));
}

const char *
i18n_gettext(const struct i18n_lang *l, const char *msgid)
{
	const char	*t;

	if (l == NULL || l->cat == NULL)
		return (msgid);
	t = i18n_catalog_lookup(l->cat, msgid, 0);
	return (t != NULL ? t : msgid);
}

const char *
i18n_ngettext(const struct i18n_lang *l, const char *msgid,
    const char *msgid_plural, int64_t n)
{
	const char	*t;
	int		 form;

	if (l != NULL && l->cat != NULL) {
		form = i18n_plural_index(l->code, l->cat->nplurals, n);
		t = i18n_catalog_lookup(l->cat, msgid, (size_t)form);
		if (t != NULL)
			return (t);
	}
	return (n == 1 ? msgid : msgid_plural);
}

/* ---- Accept-Language ---- */

static void
trim(const char **s, const char **e)
{
	while (*s < *e && (**s == ' ' || **s == '\t'))
		(*s)++;
	while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t'))
		(*e)--;
}

/* Parses a q value ("1", "0.8", "1.000") into thousandths; -1 if bad. */
static int
parse_q(const char *s, size_t n, int *q)
{
	size_t	i;
	int	v, scale;

	if (n == 0 || (s[0] != '0' && s[0] != '1'))
		return (-1);
	v = (s[0] - '0') * 1000;
	if (n == 1) {
		*q = v;
		return (0);
	}
	if (s[1] != '.' || n > 5)
		return (-1);
	scale = 100;
	for (i = 2; i < n; i++, scale /= 10) {
		if (s[i] < '0' || s[i] > '9')
			return (-1);
		v += (s[i] - '0') * scale;
	}
	if (v > 1000)
		return (-1);
	*q = v;
	return (0);
}

/* The UI language of a language range by its primary subtag, or NULL. */
static const struct i18n_lang *
range_lang(const char *s, size_t n)
{
	char	primary[9], ch;
	size_t	i;

	for (i = 0; i < n; i++) {
		ch = s[i];
		if (ch == '-' || ch == '_')
			break;
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')))
			return (NULL);
		if (i >= sizeof(primary) - 1)
			return (NULL);
		primary[i] = (char)(ch | 0x20);
	}
	if (i == 0)
		return (NULL);
	primary[i] = '\0';
	return (i18n_lang_get(primary));
}

int
i18n_wants_traditional_chinese(const char *h)
{
	static const char *const hant[] = { "zh-hant", "zh-tw", "zh-hk",
	    "zh-mo", NULL };
	const char	*p, *end, *rs, *re;
	size_t		 i, n;

	for (p = h; p != NULL && *p != '\0'; p = *end ? end + 1 : end) {
		if ((end = strchr(p, ',')) == NULL)
			end = p + strlen(p);
		rs = p;
		re = memchr(p, ';', (size_t)(end - p));
		if (re == NULL)
			re = end;
		trim(&rs, &re);
		if (re - rs < 2 || strncasecmp(rs, "zh", 2) != 0 ||
		    (re - rs > 2 && rs[2] != '-' && rs[2] != '_'))
			continue;
		for (i = 0; hant[i] != NULL; i++) {
			n = strlen(hant[i]);
			if ((size_t)(re - rs) >= n &&
			    strncasecmp(rs + 3, hant[i] + 3, n - 3) == 0 &&
			    ((size_t)(re - rs) == n || rs[n] == '-' ||
			    rs[n] == '_'))
				return (1);
		}
		return (0);
	}
	return (0);
}

const struct i18n_lang *
i18n_negotiate(const char *h)
{
	const struct i18n_lang	*best, *l;
	const char		*p, *end, *semi, *rs, *re, *ps, *pe;
	int			 bestq, q;

	best = NULL;
	bestq = 0;
	for (p = h; p != NULL && *p != '\0'; p = *end ? end + 1 : end) {
		if ((end = strchr(p, ',')) == NULL)
			end = p + strlen(p);
		semi = memchr(p, ';', (size_t)(end - p));
		rs = p;
		re = semi ? semi : end;
		trim(&rs, &re);
		q = 1000;
		if (semi != NULL) {
			ps = semi + 1;
			pe = end;
			trim(&ps, &pe);
			if (pe - ps < 2 || (ps[0] != 'q' && ps[0] != 'Q'))
				continue;
			ps++;
			while (ps < pe && (*ps == ' ' || *ps == '\t'))
				ps++;
			if (ps >= pe || *ps++ != '=')
				continue;
			while (ps < pe && (*ps == ' ' || *ps == '\t'))
				ps++;
			if (parse_q(ps, (size_t)(pe - ps), &q) == -1)
				continue;
		}
		if (q <= bestq || (l = range_lang(rs, (size_t)(re - rs))) ==
		    NULL)
			continue;
		best = l;
		bestq = q;
	}
	return (best != NULL ? best : &langs[0]);
}
