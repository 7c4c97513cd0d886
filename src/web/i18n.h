/*
 * i18n.h: translations and language negotiation.
 *
 * Catalogs are the .mo files msgfmt builds from po/LANG.po, loaded once at
 * start from a folder (build/locale/LANG.mo). English is the source
 * language: a missing msgid or an empty msgstr falls back to the msgid.
 * Plural forms follow ICU's plural rules for the language. Country and
 * language names come from ICU in the UI language.
 */
#ifndef ETHICA_I18N_H
#define ETHICA_I18N_H

#include <stddef.h>
#include <stdint.h>

struct i18n_lang;	/* one UI language with its catalog */

/* UI languages, in the order offered to users. */
#define I18N_LANGS	"en", "ko", "fr", "es", "ar", "zh", "ru"

/*
 * Loads LANG.mo for every UI language found in dir (English needs none).
 * Returns the number of catalogs loaded, or -1 with err set when a .mo is
 * corrupt. Call once per process before any lookup.
 */
int		 i18n_load(const char *dir, char *err, size_t errlen);
void		 i18n_unload(void);

/* The language for code ("ko"), or NULL if it is not a UI language. */
const struct i18n_lang *i18n_lang_get(const char *code);
const struct i18n_lang *i18n_default(void);	/* English */
/* Whether a catalog was loaded for it (English: always). */
int		 i18n_lang_complete(const struct i18n_lang *);
const char	*i18n_code(const struct i18n_lang *);
/* "ltr" or "rtl". */
const char	*i18n_dir(const struct i18n_lang *);
/* The language's own name ("한국어"). */
const char	*i18n_native_name(const struct i18n_lang *);
/* Number of UI languages and the n-th one. */
size_t		 i18n_count(void);
const struct i18n_lang *i18n_nth(size_t);

/*
 * Picks the best UI language from an Accept-Language header value (q
 * values honoured, "ko-KR" matches "ko"); NULL or no match gives English.
 */
const struct i18n_lang *i18n_negotiate(const char *accept_language);
/*
 * 1 when the first Chinese range of an Accept-Language value asks for
 * Traditional Chinese (zh-Hant, zh-TW, zh-HK, zh-MO, any case), which
 * the UI does not have: the page then says that it shows Simplified.
 */
int		 i18n_wants_traditional_chinese(const char *accept_language);

/* Translation; returned strings are borrowed from the catalog. */
const char	*i18n_gettext(const struct i18n_lang *, const char *msgid);
const char	*i18n_ngettext(const struct i18n_lang *, const char *msgid,
		    const char *msgid_plural, int64_t n);

/* ICU: the name of an ISO 3166-1 alpha-2 country / ISO 639 language in
 * the UI language, written to out; returns 0, or -1 when unknown. */
int		 i18n_country_name(const struct i18n_lang *, const char *cc,
		    char *out, size_t outlen);
int		 i18n_language_name(const struct i18n_lang *, const char *code,
		    char *out, size_t outlen);
/* ICU: "rtl" or "ltr", the direction of text in the language code (any
 * language, not only the UI's: "ar", "fa", "he" are "rtl"); for the dir
 * attribute of content shown in another language than the page's. */
const char	*i18n_code_dir(const char *code);
/* ICU: every ISO 3166-1 alpha-2 code ICU knows (NULL-terminated, static). */
const char *const *i18n_country_codes(void);
/* ICU: the codes of i18n_country_codes() that have a name in l, in the
 * alphabetical order of those names for l's language (its collation);
 * NULL-terminated, made once per language, static. */
const char *const *i18n_countries_by_name(const struct i18n_lang *);
/* ICU: a date (unix seconds) formatted for the language, "medium" style,
 * in time zone tz ("UTC" if NULL). */
int		 i18n_format_date(const struct i18n_lang *, int64_t when,
		    const char *tz, int with_time, char *out, size_t outlen);

/* For C code: marks and translates msgids (the extractor looks for _()). */
#define N_(s)	(s)

/* ---- additions: catalogs in memory (fuzzing, tests, tools) ---- */

struct i18n_catalog;	/* one parsed .mo file */

/*
 * Parses a GNU .mo image (either byte order) from memory; the data is
 * copied, so the caller keeps ownership of it. Every offset and length is
 * checked against len and every string must be NUL-terminated inside the
 * file. Returns a catalog owned by the caller (i18n_catalog_free), or NULL
 * with a message in err when the image is corrupt.
 */
struct i18n_catalog *i18n_parse_mo_buffer(const void *data, size_t len,
		    char *err, size_t errlen);
void		 i18n_catalog_free(struct i18n_catalog *);
/* Number of entries (the header entry with msgid "" included). */
size_t		 i18n_catalog_count(const struct i18n_catalog *);
/* nplurals from the catalog's Plural-Forms header, 0 when absent. */
int		 i18n_catalog_nplurals(const struct i18n_catalog *);
/*
 * The translation of msgid (form 0), or plural form `form` of a plural
 * entry; NULL when the entry or the form is missing or empty. Borrowed
 * from the catalog.
 */
const char	*i18n_catalog_lookup(const struct i18n_catalog *,
		    const char *msgid, size_t form);

/*
 * The gettext plural form index for n in language code ("ru") with a
 * catalog of nplurals forms (0: the usual count for the language), chosen
 * from ICU's plural keyword for n:
 *   ko, zh            every keyword -> 0
 *   en, es, fr, de    one -> 0, anything else -> 1 (ICU's French "one"
 *                     covers 0 and 1); with nplurals=3 (newer es/fr
 *                     headers): one -> 0, many -> 1, other -> 2
 *   ru                one -> 0, few -> 1, many and other -> 2
 *   ar                zero 0, one 1, two 2, few 3, many 4, other 5
 *   anything else     one -> 0, else 1
 * The result is always < nplurals when nplurals > 0.
 */
int		 i18n_plural_index(const char *code, int nplurals, int64_t n);

/* Position of a language in I18N_LANGS (0 for English). */
size_t		 i18n_index(const struct i18n_lang *);

#endif
