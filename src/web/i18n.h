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
/* ICU: every ISO 3166-1 alpha-2 code ICU knows (NULL-terminated, static). */
const char *const *i18n_country_codes(void);
/* ICU: a date (unix seconds) formatted for the language, "medium" style,
 * in time zone tz ("UTC" if NULL). */
int		 i18n_format_date(const struct i18n_lang *, int64_t when,
		    const char *tz, int with_time, char *out, size_t outlen);

/* For C code: marks and translates msgids (the extractor looks for _()). */
#define N_(s)	(s)

#endif
