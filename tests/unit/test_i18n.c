/*
 * test_i18n.c: .mo parsing (fixtures compiled with msgfmt, hand-built
 * images in both byte orders, corrupt files), lookups and plural forms,
 * Accept-Language negotiation, and the ICU names and dates.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/buf.h"
#include "web/i18n.h"

#include "t.h"

static char	locdir[] = "/tmp/ethica-i18n-XXXXXX";
static int	loaded = -2;

static void	setup(void);
static void	teardown(void);
static char	*slurp(const char *, size_t *);
static void	put32(struct buf *, uint32_t, int);
static char	*mo_build(int, const char *const *, const size_t *,
		    const char *const *, const size_t *, size_t, size_t *);
static void	test_load(void);
static void	test_gettext(void);
static void	test_ngettext_ru(void);
static void	test_ngettext_ar(void);
static void	test_ngettext_ko_en(void);
static void	test_plural_index(void);
static void	test_mo_both_endians(void);
static void	test_mo_corrupt(void);
static void	test_mo_truncated(void);
static void	test_load_corrupt(void);
static void	test_negotiate(void);
static void	test_langs(void);
static void	test_country(void);
static void	test_language_name(void);
static void	test_dates(void);

/* Compiles the fixture .po files into a temporary locale folder. */
static void
setup(void)
{
	char		 fixdir[1024], cmd[4096], err[256];
	const char	*langs[] = { "ru", "ko", "ar" };
	const char	*slash;
	size_t		 i;

	if (mkdtemp(locdir) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	slash = strrchr(__FILE__, '/');
	snprintf(fixdir, sizeof(fixdir), "%.*s/fixtures/i18n",
	    slash ? (int)(slash - __FILE__) : 1, slash ? __FILE__ : ".");
	for (i = 0; i < 3; i++) {
		snprintf(cmd, sizeof(cmd), "msgfmt --check-format -o '%s/%s.mo'"
		    " '%s/%s.po'", locdir, langs[i], fixdir, langs[i]);
		if (system(cmd) != 0) {
			fprintf(stderr, "msgfmt failed: %s\n", cmd);
			exit(1);
		}
	}
	loaded = i18n_load(locdir, err, sizeof(err));
	if (loaded < 0)
		fprintf(stderr, "i18n_load: %s\n", err);
}

static void
teardown(void)
{
	const char	*langs[] = { "ru", "ko", "ar", "fr" };
	char		 path[1100];
	size_t		 i;

	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/%s.mo", locdir, langs[i]);
		unlink(path);
	}
	rmdir(locdir);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*d;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return (NULL);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	d = malloc((size_t)n + 1);
	*len = fread(d, 1, (size_t)n, f);
	fclose(f);
	return (d);
}

static void
put32(struct buf *b, uint32_t v, int be)
{
	unsigned char	p[4];

	if (be) {
		p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
	} else {
		p[3] = v >> 24; p[2] = v >> 16; p[1] = v >> 8; p[0] = v;
	}
	buf_append(b, p, 4);
}

/* Builds a .mo image by hand (entries given sorted, lengths without the
 * final NUL, strings may hold NULs). Caller frees. */
static char *
mo_build(int be, const char *const *orig, const size_t *olen,
    const char *const *trans, const size_t *tlen, size_t n, size_t *len)
{
	struct buf	b;
	uint32_t	off;
	size_t		i;

	buf_init(&b);
	put32(&b, 0x950412de, be);
	put32(&b, 0, be);
	put32(&b, (uint32_t)n, be);
	put32(&b, 28, be);
	put32(&b, 28 + 8 * (uint32_t)n, be);
	put32(&b, 0, be);
	put32(&b, 0, be);
	off = 28 + 16 * (uint32_t)n;
	for (i = 0; i < n; i++) {
		put32(&b, (uint32_t)olen[i], be);
		put32(&b, off, be);
		off += (uint32_t)olen[i] + 1;
	}
	for (i = 0; i < n; i++) {
		put32(&b, (uint32_t)tlen[i], be);
		put32(&b, off, be);
		off += (uint32_t)tlen[i] + 1;
	}
	for (i = 0; i < n; i++)
		buf_append(&b, orig[i], olen[i] + 1);
	for (i = 0; i < n; i++)
		buf_append(&b, trans[i], tlen[i] + 1);
	*len = b.len;
	return (buf_release(&b));
}

static void
test_load(void)
{
	T_ASSERT(loaded == 3);
	T_ASSERT(i18n_lang_complete(i18n_lang_get("ru")));
	T_ASSERT(i18n_lang_complete(i18n_lang_get("ko")));
	T_ASSERT(!i18n_lang_complete(i18n_lang_get("fr")));
	T_ASSERT(i18n_lang_complete(i18n_default()));
}

static void
test_gettext(void)
{
	const struct i18n_lang	*ru = i18n_lang_get("ru");
	const struct i18n_lang	*ko = i18n_lang_get("ko");

	T_STREQ(i18n_gettext(ru, "Hello"), "Здравствуйте");
	T_STREQ(i18n_gettext(ko, "Hello"), "안녕하세요");
	T_STREQ(i18n_gettext(ru, "Untranslated"), "Untranslated");
	T_STREQ(i18n_gettext(ru, "Missing"), "Missing");
	T_STREQ(i18n_gettext(ru, ""), "");
	T_STREQ(i18n_gettext(i18n_lang_get("fr"), "Hello"), "Hello");
	T_STREQ(i18n_gettext(i18n_default(), "Hello"), "Hello");
	T_STREQ(i18n_gettext(NULL, "Hello"), "Hello");
}

static void
test_ngettext_ru(void)
{
	const struct i18n_lang	*ru = i18n_lang_get("ru");
	const char		*s = "{n} lesson", *p = "{n} lessons";

	T_STREQ(i18n_ngettext(ru, s, p, 1), "{n} урок");
	T_STREQ(i18n_ngettext(ru, s, p, 2), "{n} урока");
	T_STREQ(i18n_ngettext(ru, s, p, 5), "{n} уроков");
	T_STREQ(i18n_ngettext(ru, s, p, 21), "{n} урок");
	T_STREQ(i18n_ngettext(ru, s, p, 11), "{n} уроков");
	T_STREQ(i18n_ngettext(ru, s, p, 24), "{n} урока");
	T_STREQ(i18n_ngettext(ru, s, p, 0), "{n} уроков");
	T_STREQ(i18n_ngettext(ru, "x", "xs", 1), "x");
	T_STREQ(i18n_ngettext(ru, "x", "xs", 3), "xs");
}

static void
test_ngettext_ar(void)
{
	const struct i18n_lang	*ar = i18n_lang_get("ar");
	const char		*s = "{n} lesson", *p = "{n} lessons";

	T_STREQ(i18n_ngettext(ar, s, p, 0), "zero {n}");
	T_STREQ(i18n_ngettext(ar, s, p, 1), "one {n}");
	T_STREQ(i18n_ngettext(ar, s, p, 2), "two {n}");
	T_STREQ(i18n_ngettext(ar, s, p, 3), "few {n}");
	T_STREQ(i18n_ngettext(ar, s, p, 11), "many {n}");
	T_STREQ(i18n_ngettext(ar, s, p, 100), "other {n}");
	T_STREQ(i18n_ngettext(ar, s, p, 103), "few {n}");
}

static void
test_ngettext_ko_en(void)
{
	const struct i18n_lang	*ko = i18n_lang_get("ko");
	const struct i18n_lang	*en = i18n_default();
	const char		*s = "{n} lesson", *p = "{n} lessons";

	T_STREQ(i18n_ngettext(ko, s, p, 1), "수업 {n}개");
	T_STREQ(i18n_ngettext(ko, s, p, 5), "수업 {n}개");
	T_STREQ(i18n_ngettext(ko, s, p, 0), "수업 {n}개");
	T_STREQ(i18n_ngettext(en, s, p, 1), s);
	T_STREQ(i18n_ngettext(en, s, p, 0), p);
	T_STREQ(i18n_ngettext(en, s, p, 2), p);
	T_STREQ(i18n_ngettext(NULL, s, p, 1), s);
	T_STREQ(i18n_ngettext(i18n_lang_get("fr"), s, p, 2), p);
}

static void
test_plural_index(void)
{
	T_ASSERT(i18n_plural_index("fr", 2, 0) == 0);
	T_ASSERT(i18n_plural_index("fr", 2, 1) == 0);
	T_ASSERT(i18n_plural_index("fr", 2, 2) == 1);
	T_ASSERT(i18n_plural_index("fr", 3, 1000000) == 1);
	T_ASSERT(i18n_plural_index("fr", 3, 7) == 2);
	T_ASSERT(i18n_plural_index("es", 2, 1000000) == 1);
	T_ASSERT(i18n_plural_index("en", 0, 1) == 0);
	T_ASSERT(i18n_plural_index("en", 0, 0) == 1);
	T_ASSERT(i18n_plural_index("zh", 0, 1) == 0);
	T_ASSERT(i18n_plural_index("ru", 3, 112) == 2);
	T_ASSERT(i18n_plural_index("ru", 3, 22) == 1);
	/* A form beyond the catalog's nplurals is clamped. */
	T_ASSERT(i18n_plural_index("ar", 2, 100) == 1);
	T_ASSERT(i18n_plural_index("ru", 0, INT64_MIN) >= 0);
}

static void
test_mo_both_endians(void)
{
	const char *const	 orig[] = { "", "a", "b\0bs", "c" };
	const size_t		 olen[] = { 0, 1, 4, 1 };
	const char *const	 trans[] = {
	    "Plural-Forms: nplurals=2; plural=(n != 1);\n",
	    "A", "B\0Bs", "" };
	size_t			 tlen[4], len;
	struct i18n_catalog	*cat;
	char			*mo, err[128];
	int			 be;

	tlen[0] = strlen(trans[0]);
	tlen[1] = 1;
	tlen[2] = 4;
	tlen[3] = 0;
	for (be = 0; be <= 1; be++) {
		mo = mo_build(be, orig, olen, trans, tlen, 4, &len);
		cat = i18n_parse_mo_buffer(mo, len, err, sizeof(err));
		T_ASSERT(cat != NULL);
		if (cat != NULL) {
			T_ASSERT(i18n_catalog_count(cat) == 4);
			T_ASSERT(i18n_catalog_nplurals(cat) == 2);
			T_STREQ(i18n_catalog_lookup(cat, "a", 0), "A");
			T_STREQ(i18n_catalog_lookup(cat, "b", 0), "B");
			T_STREQ(i18n_catalog_lookup(cat, "b", 1), "Bs");
			T_ASSERT(i18n_catalog_lookup(cat, "b", 2) == NULL);
			T_ASSERT(i18n_catalog_lookup(cat, "b", 99) == NULL);
			T_ASSERT(i18n_catalog_lookup(cat, "c", 0) == NULL);
			T_ASSERT(i18n_catalog_lookup(cat, "zz", 0) == NULL);
		}
		i18n_catalog_free(cat);
		free(mo);
	}
}

static void
test_mo_corrupt(void)
{
	const char *const	 orig[] = { "a", "b" };
	const size_t		 olen[] = { 1, 1 };
	const char *const	 trans[] = { "A", "B" };
	const size_t		 tlen[] = { 1, 1 };
	char			*mo, *bad, err[128];
	size_t			 len;
	unsigned char		*u;

	mo = mo_build(0, orig, olen, trans, tlen, 2, &len);
	bad = malloc(len);

	/* Bad magic. */
	memcpy(bad, mo, len);
	bad[0] = 0;
	err[0] = '\0';
	T_ASSERT(i18n_parse_mo_buffer(bad, len, err, sizeof(err)) == NULL);
	T_ASSERT(err[0] != '\0');
	/* Original table offset beyond the end. */
	memcpy(bad, mo, len);
	u = (unsigned char *)bad;
	u[12] = 0xf0; u[13] = 0xff; u[14] = 0xff; u[15] = 0xff;
	T_ASSERT(i18n_parse_mo_buffer(bad, len, err, sizeof(err)) == NULL);
	/* Huge entry count. */
	memcpy(bad, mo, len);
	u[8] = 0xff; u[9] = 0xff; u[10] = 0xff; u[11] = 0x7f;
	T_ASSERT(i18n_parse_mo_buffer(bad, len, err, sizeof(err)) == NULL);
	/* A string offset beyond the end, one wrapping around 2^32. */
	memcpy(bad, mo, len);
	u[32] = 0xff; u[33] = 0xff; u[34] = 0xff; u[35] = 0xff;
	T_ASSERT(i18n_parse_mo_buffer(bad, len, err, sizeof(err)) == NULL);
	memcpy(bad, mo, len);
	u[28] = 0xff; u[29] = 0xff; u[30] = 0xff; u[31] = 0xff;
	T_ASSERT(i18n_parse_mo_buffer(bad, len, err, sizeof(err)) == NULL);
	/* A string not NUL-terminated (length one too long). */
	memcpy(bad, mo, len);
	u[28] = 2;
	T_ASSERT(i18n_parse_mo_buffer(bad, len, err, sizeof(err)) == NULL);
	/* Unknown major revision. */
	memcpy(bad, mo, len);
	u[6] = 2;
	T_ASSERT(i18n_parse_mo_buffer(bad, len, err, sizeof(err)) == NULL);
	/* Empty and tiny inputs. */
	T_ASSERT(i18n_parse_mo_buffer("", 0, err, sizeof(err)) == NULL);
	T_ASSERT(i18n_parse_mo_buffer("\xde\x12\x04\x95", 4, err,
	    sizeof(err)) == NULL);
	free(bad);
	free(mo);
}

static void
test_mo_truncated(void)
{
	char			 path[1100], err[128];
	char			*mo;
	size_t			 len, cut;
	struct i18n_catalog	*cat;
	int			 fails;

	snprintf(path, sizeof(path), "%s/ru.mo", locdir);
	mo = slurp(path, &len);
	T_ASSERT(mo != NULL && len > 28);
	if (mo == NULL)
		return;
	cat = i18n_parse_mo_buffer(mo, len, err, sizeof(err));
	T_ASSERT(cat != NULL);
	T_ASSERT(i18n_catalog_nplurals(cat) == 3);
	i18n_catalog_free(cat);
	fails = 0;
	for (cut = 0; cut < len; cut++) {
		cat = i18n_parse_mo_buffer(mo, cut, err, sizeof(err));
		if (cat == NULL)
			fails++;
		i18n_catalog_free(cat);
	}
	T_ASSERT((size_t)fails == len);
	free(mo);
}

static void
test_load_corrupt(void)
{
	char	 path[1100], err[256];
	FILE	*f;
	int	 r;

	snprintf(path, sizeof(path), "%s/fr.mo", locdir);
	f = fopen(path, "wb");
	T_ASSERT(f != NULL);
	if (f == NULL)
		return;
	fwrite("\xde\x12\x04\x95garbage-garbage-garbage-garbage", 1, 36, f);
	fclose(f);
	err[0] = '\0';
	r = i18n_load(locdir, err, sizeof(err));
	T_ASSERT(r == -1);
	T_CONTAINS(err, "fr.mo");
	/* A failed load leaves no catalog half-loaded. */
	T_ASSERT(!i18n_lang_complete(i18n_lang_get("ru")));
	unlink(path);
	T_ASSERT(i18n_load(locdir, err, sizeof(err)) == 3);
}

static void
test_negotiate(void)
{
	struct buf	b;
	size_t		i;

#define NEG(h, want) T_STREQ(i18n_code(i18n_negotiate(h)), want)
	NEG(NULL, "en");
	NEG("", "en");
	NEG("ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", "ko");
	NEG("fr;q=0.5, ru;q=0.8", "ru");
	NEG("zh-Hant-TW", "zh");
	NEG("de-DE, ar;q=0.1", "ar");
	NEG("ko;q=0, en;q=0.1", "en");
	NEG("ko;q=0", "en");
	NEG("*", "en");
	NEG("*, ru;q=0.5", "ru");
	NEG("  es  ;  q = 0.7 , fr;q=0.7", "es");
	NEG("ko;q=abc, fr", "fr");
	NEG("ko;q=1.5, ru;q=0.2", "ru");
	NEG("xx-YY, RU", "ru");
	NEG("ko_KR", "ko");
	NEG(",,,;;;=,ru", "ru");
	NEG("en-GB;q=0.9,fr;q=0.95", "fr");
	NEG("ko;q=0.000", "en");
	NEG("ko;level=1, es;q=0.3", "es");
	NEG("k o, ar-SA;q=0.9", "ar");
	NEG("koreanlanguage, zh-CN;q=0.2", "zh");
	NEG("ru;q=0.5;q=0.9, fr;q=0.6", "fr");
	buf_init(&b);
	for (i = 0; i < 20000; i++)
		buf_puts(&b, "xx-ZZ;q=0.9, ");
	buf_puts(&b, "ko;q=0.3");
	NEG(b.data, "ko");
	buf_free(&b);
#undef NEG
}

static void
test_langs(void)
{
	const struct i18n_lang	*l;

	T_ASSERT(i18n_count() == 7);
	T_STREQ(i18n_code(i18n_nth(0)), "en");
	T_ASSERT(i18n_nth(7) == NULL);
	T_ASSERT(i18n_lang_get("de") == NULL);
	T_ASSERT(i18n_lang_get(NULL) == NULL);
	T_STREQ(i18n_dir(i18n_lang_get("ar")), "rtl");
	T_STREQ(i18n_dir(i18n_lang_get("ko")), "ltr");
	T_STREQ(i18n_native_name(i18n_lang_get("ko")), "한국어");
	T_STREQ(i18n_native_name(i18n_lang_get("fr")), "Français");
	T_STREQ(i18n_native_name(i18n_lang_get("es")), "Español");
	T_STREQ(i18n_native_name(i18n_lang_get("ru")), "Русский");
	T_STREQ(i18n_native_name(i18n_lang_get("en")), "English");
	T_STREQ(i18n_native_name(i18n_lang_get("zh")), "中文");
	T_STREQ(i18n_native_name(i18n_lang_get("ar")), "العربية");
	l = i18n_lang_get("ru");
	T_ASSERT(i18n_nth(i18n_index(l)) == l);
}

static void
test_country(void)
{
	const char *const	*cc;
	char			 out[128];
	size_t			 n;
	int			 kr, an;

	T_ASSERT(i18n_country_name(i18n_lang_get("ko"), "KR", out,
	    sizeof(out)) == 0);
	T_STREQ(out, "대한민국");
	T_ASSERT(i18n_country_name(i18n_lang_get("fr"), "KR", out,
	    sizeof(out)) == 0);
	T_STREQ(out, "Corée du Sud");
	T_ASSERT(i18n_country_name(i18n_default(), "kr", out,
	    sizeof(out)) == 0);
	T_STREQ(out, "South Korea");
	T_ASSERT(i18n_country_name(i18n_default(), "ZZ", out,
	    sizeof(out)) == -1);
	T_ASSERT(i18n_country_name(i18n_default(), "KOR", out,
	    sizeof(out)) == -1);
	T_ASSERT(i18n_country_name(i18n_default(), "", out,
	    sizeof(out)) == -1);
	T_ASSERT(i18n_country_name(i18n_default(), "KR", out, 4) == -1);
	/* Cached names stay per language and per code. */
	T_ASSERT(i18n_country_name(i18n_lang_get("ko"), "KR", out,
	    sizeof(out)) == 0);
	T_STREQ(out, "대한민국");
	T_ASSERT(i18n_country_name(i18n_default(), "KR", out,
	    sizeof(out)) == 0);
	T_STREQ(out, "South Korea");
	T_ASSERT(i18n_country_name(i18n_default(), "FR", out,
	    sizeof(out)) == 0);
	T_STREQ(out, "France");
	cc = i18n_country_codes();
	kr = an = 0;
	for (n = 0; cc[n] != NULL; n++) {
		T_ASSERT(strlen(cc[n]) == 2);
		kr |= strcmp(cc[n], "KR") == 0;
		an |= strcmp(cc[n], "AN") == 0;
	}
	T_ASSERT(n > 240 && n < 260);
	T_ASSERT(kr && !an);
}

/* The position of code in a NULL-terminated list, -1 when absent. */
static int
pos_of(const char *const *l, const char *code)
{
	int	i;

	for (i = 0; l[i] != NULL; i++)
		if (strcmp(l[i], code) == 0)
			return (i);
	return (-1);
}

static void
test_traditional_chinese(void)
{
	static const char *const yes[] = { "zh-TW", "zh-tw,en;q=0.5",
	    "zh-Hant", "zh-Hant-TW", "zh_HK", "en;q=0.9, zh-MO", "ZH-HANT" };
	static const char *const no[] = { "zh", "zh-CN", "zh-Hans-CN",
	    "zh-CN, zh-TW;q=0.8", "en", "", "zh-TWX", "zht", "ko, en" };
	size_t	i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		T_ASSERT(i18n_wants_traditional_chinese(yes[i]) == 1);
		T_ASSERT(strcmp(i18n_code(i18n_negotiate(yes[i])), "zh") == 0);
	}
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		T_ASSERT(i18n_wants_traditional_chinese(no[i]) == 0);
	T_ASSERT(i18n_wants_traditional_chinese(NULL) == 0);
}

static void
test_countries_by_name(void)
{
	const char *const	*en;
	const char *const	*ko;
	const char *const	*fr;
	size_t			 n, m;

	en = i18n_countries_by_name(i18n_default());
	for (n = 0; en[n] != NULL; n++)
		;
	for (m = 0; i18n_country_codes()[m] != NULL; m++)
		;
	T_ASSERT(n == m);
	/* By name, not by code: France (FR) before Germany (DE), Sweden
	 * (SE) before Switzerland (CH), Åland Islands (AX) with the A's,
	 * before Albania (AL). */
	T_ASSERT(pos_of(en, "FR") < pos_of(en, "DE"));
	T_ASSERT(pos_of(en, "SE") < pos_of(en, "CH"));
	T_ASSERT(pos_of(en, "AX") < pos_of(en, "AL"));
	T_ASSERT(pos_of(en, "AF") == 0);	/* Afghanistan first */
	/* Each language its own order: in Korean 가나 (GH) comes before
	 * 대한민국 (KR), before 일본 (JP); in French, Allemagne (DE) before
	 * France (FR). */
	ko = i18n_countries_by_name(i18n_lang_get("ko"));
	T_ASSERT(pos_of(ko, "GH") < pos_of(ko, "KR"));
	T_ASSERT(pos_of(ko, "KR") < pos_of(ko, "JP"));
	fr = i18n_countries_by_name(i18n_lang_get("fr"));
	T_ASSERT(pos_of(fr, "DE") < pos_of(fr, "FR"));
	/* Made once per language. */
	T_ASSERT(i18n_countries_by_name(i18n_default()) == en);
}

static void
test_language_name(void)
{
	char	out[128];

	T_ASSERT(i18n_language_name(i18n_lang_get("fr"), "ko", out,
	    sizeof(out)) == 0);
	T_STREQ(out, "coréen");
	T_ASSERT(i18n_language_name(i18n_lang_get("ko"), "en", out,
	    sizeof(out)) == 0);
	T_STREQ(out, "영어");
	T_ASSERT(i18n_language_name(i18n_default(), "qqq", out,
	    sizeof(out)) == -1);
	T_ASSERT(i18n_language_name(i18n_default(), "k1", out,
	    sizeof(out)) == -1);
}

static void
test_dates(void)
{
	char	out[256];
	int64_t	when = 1709650800;	/* 2024-03-05 15:00:00 UTC */

	T_ASSERT(i18n_format_date(i18n_default(), when, NULL, 0, out,
	    sizeof(out)) == 0);
	T_STREQ(out, "Mar 5, 2024");
	T_ASSERT(i18n_format_date(i18n_default(), when, "UTC", 1, out,
	    sizeof(out)) == 0);
	T_CONTAINS(out, "2024");
	T_CONTAINS(out, "UTC");
	T_CONTAINS(out, "3:00");
	T_ASSERT(i18n_format_date(i18n_lang_get("ko"), when, "Asia/Seoul",
	    1, out, sizeof(out)) == 0);
	T_CONTAINS(out, "2024. 3. 6.");	/* midnight, the next day */
	T_CONTAINS(out, "GMT+9");
	T_ASSERT(i18n_format_date(i18n_lang_get("fr"), when,
	    "Europe/Paris", 1, out, sizeof(out)) == 0);
	T_CONTAINS(out, "2024");
	T_CONTAINS(out, "16:00");
	T_ASSERT(i18n_format_date(i18n_lang_get("ru"), when, "UTC", 0, out,
	    sizeof(out)) == 0);
	T_CONTAINS(out, "2024");
	/* The last date is remembered per formatter: another zone, another
	 * moment, then the first again must each be formatted anew. */
	T_ASSERT(i18n_format_date(i18n_default(), when, "UTC", 1, out,
	    sizeof(out)) == 0);
	T_CONTAINS(out, "3:00");
	T_ASSERT(i18n_format_date(i18n_default(), when, "Asia/Seoul", 1, out,
	    sizeof(out)) == 0);
	T_CONTAINS(out, "12:00");
	T_CONTAINS(out, "Mar 6, 2024");
	T_ASSERT(i18n_format_date(i18n_default(), when + 3600, "Asia/Seoul",
	    1, out, sizeof(out)) == 0);
	T_CONTAINS(out, "1:00");
	T_ASSERT(i18n_format_date(i18n_default(), when, "UTC", 1, out,
	    sizeof(out)) == 0);
	T_CONTAINS(out, "3:00");
	T_CONTAINS(out, "Mar 5, 2024");
	T_ASSERT(i18n_format_date(i18n_default(), when, "Mars/Olympus", 1,
	    out, sizeof(out)) == -1);
	T_ASSERT(i18n_format_date(i18n_default(), when, "UTC", 1, out,
	    5) == -1);
}

/*
 * Dates formatted in turn (a call's opening and its deadline, then more
 * dates than the formatter remembers) each come out as alone; a new zone
 * forgets what the old one made.
 */
static void
test_dates_in_turn(void)
{
	char	out[256], want[32];
	int64_t	day = 1709650800;	/* 2024-03-05 15:00:00 UTC */
	int	i, k, round;

	for (round = 0; round < 3; round++) {
		for (i = 0; i < 12; i++) {
			k = round == 1 ? 11 - i : round == 2 ? i % 2 : i;
			T_ASSERT(i18n_format_date(i18n_default(),
			    day + k * 86400, "UTC", 0, out, sizeof(out)) == 0);
			(void)snprintf(want, sizeof(want), "Mar %d, 2024",
			    5 + k);
			T_STREQ(out, want);
		}
	}
	T_ASSERT(i18n_format_date(i18n_default(), day, "UTC", 1, out,
	    sizeof(out)) == 0);
	T_CONTAINS(out, "Mar 5, 2024");
	T_ASSERT(i18n_format_date(i18n_default(), day + 86400, "UTC", 1, out,
	    sizeof(out)) == 0);
	T_CONTAINS(out, "Mar 6, 2024");
	T_ASSERT(i18n_format_date(i18n_default(), day, "Asia/Seoul", 1, out,
	    sizeof(out)) == 0);
	T_CONTAINS(out, "Mar 6, 2024");
	T_CONTAINS(out, "12:00");
	T_ASSERT(i18n_format_date(i18n_default(), day + 86400, "Asia/Seoul",
	    1, out, sizeof(out)) == 0);
	T_CONTAINS(out, "Mar 7, 2024");
	T_ASSERT(i18n_format_date(i18n_default(), day, "UTC", 1, out,
	    sizeof(out)) == 0);
	T_CONTAINS(out, "Mar 5, 2024");
	T_CONTAINS(out, "3:00");
}

int
main(void)
{
	setup();
	T_RUN(test_load);
	T_RUN(test_gettext);
	T_RUN(test_ngettext_ru);
	T_RUN(test_ngettext_ar);
	T_RUN(test_ngettext_ko_en);
	T_RUN(test_plural_index);
	T_RUN(test_mo_both_endians);
	T_RUN(test_mo_corrupt);
	T_RUN(test_mo_truncated);
	T_RUN(test_load_corrupt);
	T_RUN(test_negotiate);
	T_RUN(test_langs);
	T_RUN(test_country);
	T_RUN(test_countries_by_name);
	T_RUN(test_traditional_chinese);
	T_RUN(test_language_name);
	T_RUN(test_dates);
	T_RUN(test_dates_in_turn);
	i18n_unload();
	teardown();
	return (t_done());
}
