/*
 * i18n_icu.c: everything of i18n that asks ICU: plural form selection,
 * native language names, country and language names (and the country
 * list in each language's alphabetical order), dates.
 *
 * ICU objects are opened on first use and cached per UI language for the
 * life of the process (one thread per worker, so no locking). It never
 * returns ICU-owned memory: results are copied into caller buffers as
 * UTF-8, and they are untrusted text for the caller to escape.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucal.h>
#include <unicode/uchar.h>
#include <unicode/ucol.h>
#include <unicode/udat.h>
#include <unicode/uloc.h>
#include <unicode/upluralrules.h>
#include <unicode/ustring.h>

#include "lib/mem.h"
#include "web/i18n.h"

#define MAX_LANGS	16
#define NAME_MAX_U	256

struct plural_map {
	const char	*kw;
	int		 form;
};

#define DATE_MEMO	8

struct lang_cache {
	UPluralRules	*plural;
	int		 plural_failed;
	char		 native[128];
	UDateFormat	*df[2];		/* date, date + time */
	char		 df_tz[2][64];
	/* The last DATE_MEMO dates formatted with each formatter, as pages
	 * show the same few dates on every request (a call's opening and
	 * deadline: one slot made them miss in turn, ICU was 12 % of the
	 * call page); replaced in turn. */
	int64_t		 last_when[2][DATE_MEMO];
	char		 last_out[2][DATE_MEMO][128];
	unsigned int	 last_next[2];
	/* Country names by code ("AA".."ZZ": 26 * 26), looked up once. */
	char		*country[26 * 26];
	/* Country codes in the order of their names, made once. */
	const char	**by_name;
};

/* One country and its name, while sorting by name. */
struct named_country {
	const char	*code;
	const char	*name;
};

static struct lang_cache	 cache[MAX_LANGS];
static const char		**country_codes;

static const struct plural_map map_one_other[] = {
	{ "one", 0 }, { NULL, 1 }
};
static const struct plural_map map_one_many_other[] = {
	{ "one", 0 }, { "many", 1 }, { NULL, 2 }
};
static const struct plural_map map_ru[] = {
	{ "one", 0 }, { "few", 1 }, { "many", 2 }, { NULL, 2 }
};
static const struct plural_map map_ar[] = {
	{ "zero", 0 }, { "one", 1 }, { "two", 2 }, { "few", 3 },
	{ "many", 4 }, { NULL, 5 }
};
static const struct plural_map map_single[] = {
	{ NULL, 0 }
};

static struct lang_cache *cache_of(const char *);
static const struct plural_map *plural_map_for(const char *, int);
static int	utf8_out(const UChar *, int32_t, char *, size_t);
static int	name_lookup(const char *, const char *, int, char *, size_t);
static UDateFormat *date_format(const char *, int, const char *);
static int	tz_valid(const UChar *, int32_t);
static int	country_lookup(const struct i18n_lang *, const char *, char *,
		    size_t);
static int	country_slot(const char *);
static int	copy_cached(char *, size_t, const char *);
static int	by_collation(const void *, const void *, void *);

/* The cache slot of a UI language code (slot 0 for unknown codes). */
static struct lang_cache *
cache_of(const char *code)
{
	const struct i18n_lang	*l;
	size_t			 i;

	l = i18n_lang_get(code);
	i = l ? i18n_index(l) : 0;
	return (&cache[i < MAX_LANGS ? i : 0]);
}

static const struct plural_map *
plural_map_for(const char *code, int nplurals)
{
	if (strcmp(code, "ko") == 0 || strcmp(code, "zh") == 0 ||
	    nplurals == 1)
		return (map_single);
	if (strcmp(code, "ru") == 0)
		return (map_ru);
	if (strcmp(code, "ar") == 0)
		return (map_ar);
	if ((strcmp(code, "fr") == 0 || strcmp(code, "es") == 0) &&
	    nplurals == 3)
		return (map_one_many_other);
	return (map_one_other);
}

int
i18n_plural_index(const char *code, int nplurals, int64_t n)
{
	const struct plural_map	*m;
	struct lang_cache	*c;
	UErrorCode		 st = U_ZERO_ERROR;
	char			 kw[32];
	UChar			 ukw[32];
	int32_t			 len;
	int			 form;

	m = plural_map_for(code, nplurals);
	c = cache_of(code);
	if (c->plural == NULL && !c->plural_failed) {
		c->plural = uplrules_open(code, &st);
		if (U_FAILURE(st)) {
			c->plural = NULL;
			c->plural_failed = 1;
		}
	}
	snprintf(kw, sizeof(kw), "%s", (n == 1 || n == -1) ? "one" : "other");
	if (c->plural != NULL) {
		st = U_ZERO_ERROR;
		len = uplrules_select(c->plural, n < 0 ? -(double)n :
		    (double)n, ukw, 32, &st);
		if (U_SUCCESS(st) && len > 0 && len < 32)
			u_UCharsToChars(ukw, kw, len + 1);
	}
	for (; m->kw != NULL; m++)
		if (strcmp(m->kw, kw) == 0)
			break;
	form = m->form;
	if (nplurals > 0 && form >= nplurals)
		form = nplurals - 1;
	return (form);
}

/* Converts UTF-16 to UTF-8 into out; -1 if it does not fit. */
static int
utf8_out(const UChar *u, int32_t ulen, char *out, size_t outlen)
{
	UErrorCode	st = U_ZERO_ERROR;
	int32_t		len;

	if (outlen == 0 || outlen > INT32_MAX)
		return (-1);
	u_strToUTF8(out, (int32_t)outlen, &len, u, ulen, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING ||
	    (size_t)len >= outlen) {
		out[0] = '\0';
		return (-1);
	}
	return (0);
}

const char *
i18n_native_name(const struct i18n_lang *l)
{
	struct lang_cache	*c;
	const char		*code;
	UErrorCode		 st = U_ZERO_ERROR;
	UChar			 u[NAME_MAX_U];
	UChar32			 first;
	int32_t			 len, i;

	code = i18n_code(l);
	c = cache_of(code);
	if (c->native[0] != '\0')
		return (c->native);
	len = uloc_getDisplayLanguage(code, code, u, NAME_MAX_U, &st);
	if (U_FAILURE(st) || len <= 0 || len >= NAME_MAX_U) {
		snprintf(c->native, sizeof(c->native), "%s", code);
		return (c->native);
	}
	i = 0;
	U16_NEXT(u, i, len, first);
	if (u_isULowercase(first) && U16_LENGTH(u_toupper(first)) == i) {
		i = 0;
		U16_APPEND_UNSAFE(u, i, u_toupper(first));
	}
	if (utf8_out(u, len, c->native, sizeof(c->native)) == -1)
		snprintf(c->native, sizeof(c->native), "%s", code);
	return (c->native);
}

/* Display name of a country ("und_KR") or language ("ko") in ui. */
static int
name_lookup(const char *ui, const char *id, int country, char *out,
    size_t outlen)
{
	UErrorCode	st = U_ZERO_ERROR;
	UChar		u[NAME_MAX_U];
	int32_t		len;

	if (country)
		len = uloc_getDisplayCountry(id, ui, u, NAME_MAX_U, &st);
	else
		len = uloc_getDisplayLanguage(id, ui, u, NAME_MAX_U, &st);
	if (U_FAILURE(st) || st == U_USING_DEFAULT_WARNING || len <= 0 ||
	    len >= NAME_MAX_U)
		return (-1);
	return (utf8_out(u, len, out, outlen));
}

const char *const *
i18n_country_codes(void)
{
	const char *const	*all;
	size_t			 n, i, k;

	if (country_codes != NULL)
		return (country_codes);
	all = uloc_getISOCountries();
	for (n = 0; all[n] != NULL; n++)
		;
	country_codes = xcalloc(n + 1, sizeof(*country_codes));
	for (i = k = 0; i < n; i++)
		if (strlen(all[i]) == 2)
			country_codes[k++] = all[i];
	country_codes[k] = NULL;
	return (country_codes);
}

/* The name of country cc in l's language (ICU), no cache. */
static int
country_lookup(const struct i18n_lang *l, const char *cc, char *out,
    size_t outlen)
{
	const char *const	*codes;
	char			 id[8];
	size_t			 i;

	if (outlen > 0)
		out[0] = '\0';
	if (cc == NULL || strlen(cc) != 2)
		return (-1);
	snprintf(id, sizeof(id), "und_%c%c", cc[0] & ~0x20, cc[1] & ~0x20);
	codes = i18n_country_codes();
	for (i = 0; codes[i] != NULL; i++)
		if (strcmp(codes[i], id + 4) == 0)
			break;
	if (codes[i] == NULL)
		return (-1);
	return (name_lookup(i18n_code(l), id, 1, out, outlen));
}

/* out = a cached string s; -1 when it does not fit in outlen. */
static int
copy_cached(char *out, size_t outlen, const char *s)
{
	size_t	n = strlen(s);

	if (n >= outlen)
		return (-1);
	memcpy(out, s, n + 1);
	return (0);
}

/* The slot of a two-letter code in lang_cache.country, -1 if not A-Z. */
static int
country_slot(const char *cc)
{
	int	a, b;

	if (cc == NULL || cc[0] == '\0' || cc[1] == '\0' || cc[2] != '\0')
		return (-1);
	a = (cc[0] & ~0x20) - 'A';
	b = (cc[1] & ~0x20) - 'A';
	if (a < 0 || a >= 26 || b < 0 || b >= 26)
		return (-1);
	return (a * 26 + b);
}

int
i18n_country_name(const struct i18n_lang *l, const char *cc, char *out,
    size_t outlen)
{
	struct lang_cache	*c;
	char			 name[NAME_MAX_U * 3];
	int			 k;

	if (outlen > 0)
		out[0] = '\0';
	if ((k = country_slot(cc)) == -1)
		return (-1);
	c = cache_of(i18n_code(l));
	if (c->country[k] == NULL) {
		if (country_lookup(l, cc, name, sizeof(name)) == -1)
			return (-1);
		c->country[k] = xstrdup(name);
	}
	return (copy_cached(out, outlen, c->country[k]));
}

const char *
i18n_code_dir(const char *code)
{
	if (code == NULL || *code == '\0')
		return ("ltr");
	return (uloc_isRightToLeft(code) ? "rtl" : "ltr");
}

/* qsort_r order of two named countries under the collator arg. */
static int
by_collation(const void *a, const void *b, void *arg)
{
	const struct named_country	*x = a, *y = b;
	UErrorCode			 err = U_ZERO_ERROR;
	UCollationResult		 r;

	r = ucol_strcollUTF8(arg, x->name, -1, y->name, -1, &err);
	if (U_FAILURE(err))
		return (strcmp(x->name, y->name));
	return (r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0);
}

const char *const *
i18n_countries_by_name(const struct i18n_lang *l)
{
	struct lang_cache	*c;
	struct named_country	*v;
	const char *const	*codes;
	UCollator		*coll;
	UErrorCode		 err = U_ZERO_ERROR;
	char			 name[NAME_MAX_U * 3];
	size_t			 n, i, k;

	c = cache_of(i18n_code(l));
	if (c->by_name != NULL)
		return (c->by_name);
	codes = i18n_country_codes();
	for (n = 0; codes[n] != NULL; n++)
		;
	v = xcalloc(n + 1, sizeof(*v));
	for (i = k = 0; i < n; i++) {
		if (i18n_country_name(l, codes[i], name, sizeof(name)) == -1)
			continue;
		v[k].code = codes[i];
		v[k++].name = c->country[country_slot(codes[i])];
	}
	coll = ucol_open(i18n_code(l), &err);
	if (U_SUCCESS(err))
		qsort_r(v, k, sizeof(*v), by_collation, coll);
	if (coll != NULL)
		ucol_close(coll);
	c->by_name = xcalloc(k + 1, sizeof(*c->by_name));
	for (i = 0; i < k; i++)
		c->by_name[i] = v[i].code;
	free(v);
	return (c->by_name);
}

int
i18n_language_name(const struct i18n_lang *l, const char *code, char *out,
    size_t outlen)
{
	char	out2[8];
	size_t	i, n;

	if (outlen > 0)
		out[0] = '\0';
	if (code == NULL || (n = strlen(code)) < 2 || n > 3)
		return (-1);
	for (i = 0; i < n; i++) {
		if ((code[i] | 0x20) < 'a' || (code[i] | 0x20) > 'z')
			return (-1);
		out2[i] = (char)(code[i] | 0x20);
	}
	out2[n] = '\0';
	if (name_lookup(i18n_code(l), out2, 0, out, outlen) == -1)
		return (-1);
	/* ICU echoes unknown codes back unchanged. */
	if (strcmp(out, out2) == 0) {
		out[0] = '\0';
		return (-1);
	}
	return (0);
}

/* 1 if ICU knows the time zone id. */
static int
tz_valid(const UChar *tz, int32_t len)
{
	UErrorCode	st = U_ZERO_ERROR;
	UChar		canon[128];
	UBool		sys;

	ucal_getCanonicalTimeZoneID(tz, len, canon, 128, &sys, &st);
	return (U_SUCCESS(st) && sys);
}

/* The cached formatter of language code for style with_time in tz. */
static UDateFormat *
date_format(const char *code, int with_time, const char *tz)
{
	struct lang_cache	*c;
	UErrorCode		 st = U_ZERO_ERROR;
	UChar			 utz[64], pat[256];
	int32_t			 tzlen, plen;
	UDateFormat		*df;

	c = cache_of(code);
	if (c->df[with_time] != NULL &&
	    strcmp(c->df_tz[with_time], tz) == 0)
		return (c->df[with_time]);
	if (strlen(tz) >= sizeof(utz) / sizeof(utz[0]))
		return (NULL);
	tzlen = (int32_t)strlen(tz);
	u_charsToUChars(tz, utz, tzlen);
	if (!tz_valid(utz, tzlen))
		return (NULL);
	df = udat_open(with_time ? UDAT_SHORT : UDAT_NONE, UDAT_MEDIUM, code,
	    utz, tzlen, NULL, 0, &st);
	if (U_FAILURE(st))
		return (NULL);
	if (with_time) {
		plen = udat_toPattern(df, 0, pat, 250, &st);
		if (U_FAILURE(st) || plen >= 250) {
			udat_close(df);
			return (NULL);
		}
		u_charsToUChars(" z", pat + plen, 3);
		udat_applyPattern(df, 0, pat, plen + 2);
	}
	if (c->df[with_time] != NULL)
		udat_close(c->df[with_time]);
	c->df[with_time] = df;
	memset(c->last_out[with_time], 0, sizeof(c->last_out[with_time]));
	snprintf(c->df_tz[with_time], sizeof(c->df_tz[with_time]), "%s", tz);
	return (df);
}

int
i18n_format_date(const struct i18n_lang *l, int64_t when, const char *tz,
    int with_time, char *out, size_t outlen)
{
	struct lang_cache *c;
	UDateFormat	*df;
	UErrorCode	 st = U_ZERO_ERROR;
	UChar		 u[256];
	int32_t		 len;
	size_t		 i;

	if (outlen > 0)
		out[0] = '\0';
	if (tz == NULL)
		tz = "UTC";
	for (i = 0; tz[i] != '\0'; i++)
		if ((unsigned char)tz[i] <= 0x20 || (unsigned char)tz[i] >= 0x7f)
			return (-1);
	with_time = with_time ? 1 : 0;
	if ((df = date_format(i18n_code(l), with_time, tz)) == NULL)
		return (-1);
	c = cache_of(i18n_code(l));
	for (i = 0; i < DATE_MEMO; i++)
		if (c->last_out[with_time][i][0] != '\0' &&
		    c->last_when[with_time][i] == when)
			return (copy_cached(out, outlen,
			    c->last_out[with_time][i]));
	len = udat_format(df, (UDate)when * 1000.0, u, 256, NULL, &st);
	if (U_FAILURE(st) || len >= 256)
		return (-1);
	if (utf8_out(u, len, out, outlen) == -1)
		return (-1);
	i = c->last_next[with_time]++ % DATE_MEMO;
	c->last_when[with_time][i] = when;
	(void)snprintf(c->last_out[with_time][i], sizeof(c->last_out[0][0]),
	    "%s", strlen(out) < sizeof(c->last_out[0][0]) ? out : "");
	return (0);
}
