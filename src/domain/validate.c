/*
 * validate.c: input checks shared by every domain module (see validate.h).
 * Messages are English msgids; the page shows them translated beside the
 * field. The common-password list is a sorted array searched by bsearch.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/result.h"
#include "domain/validate.h"
#include "lib/mem.h"
#include "lib/utf8.h"
#include "web/i18n.h"

static char	**common;
static size_t	  ncommon;

static int	cmp_str(const void *, const void *);

int
utf8_valid(const char *s, size_t len, int allow_newlines)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, n;

	for (i = 0; i < len; i += n) {
		if ((n = utf8_decode(p + i, len - i, NULL)) == 0)
			return (0);
		if (n > 1 || p[i] == '\t')
			continue;
		if ((p[i] == '\n' || p[i] == '\r') && allow_newlines)
			continue;
		if (p[i] < 0x20 || p[i] == 0x7f)
			return (0);
	}
	return (1);
}

char *
str_trim(struct arena *a, const char *s)
{
	size_t	len;

	if (s == NULL)
		return (NULL);
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	return (arena_strndup(a, s, len));
}

int
str_of(const char *s, size_t min, size_t max, const char *set)
{
	size_t	n;

	n = strspn(s, set);
	return (s[n] == '\0' && n >= min && n <= max);
}

int
slug_valid(const char *s)
{
	return (s[0] != '-' && str_of(s, 1, 100, SLUG_CHARS));
}

char *
list_join(struct arena *a, const char *const *items, size_t n)
{
	char	*s, *o;
	size_t	 i, len = 0, k;

	for (i = 0; i < n; i++) {
		if (items[i] != NULL && *items[i] != '\0' &&
		    strchr(items[i], ',') == NULL)
			len += strlen(items[i]) + 1;
	}
	s = o = arena_alloc(a, len + 1);
	for (i = 0; i < n; i++) {
		if (items[i] == NULL || *items[i] == '\0' ||
		    strchr(items[i], ',') != NULL)
			continue;
		if (o != s)
			*o++ = ',';
		k = strlen(items[i]);
		memcpy(o, items[i], k);
		o += k;
	}
	*o = '\0';
	return (s);
}

size_t
list_count(const char *list)
{
	size_t	n;

	if (list == NULL || *list == '\0')
		return (0);
	for (n = 1; *list != '\0'; list++) {
		if (*list == ',')
			n++;
	}
	return (n);
}

int
list_all(const char *list, int (*ok)(const char *))
{
	char	w[64];
	int	k;

	while ((k = list_next(&list, w, sizeof(w))) != 0) {
		if (k == -1 || !ok(w))
			return (0);
	}
	return (1);
}

int
list_next(const char **list, char *w, size_t size)
{
	const char	*p = *list, *e;
	size_t		 n;

	if (p == NULL || *p == '\0')
		return (0);
	if ((e = strchr(p, ',')) == NULL)
		e = p + strlen(p);
	*list = *e != '\0' ? e + 1 : e;
	n = (size_t)(e - p);
	w[0] = '\0';
	if (n == 0 || n >= size)
		return (-1);
	memcpy(w, p, n);
	w[n] = '\0';
	return (1);
}

const char *
line_next(const char **text, size_t *len)
{
	const char	*p, *e;
	size_t		 n;

	for (p = *text; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		if ((e = strchr(p, '\n')) == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' '))
			n--;
		if (n == 0)
			continue;
		*text = *e != '\0' ? e + 1 : e;
		*len = n;
		return (p);
	}
	*text = p;
	return (NULL);
}

void
str_lower_ascii(char *s)
{
	for (; *s != '\0'; s++) {
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
	}
}

int
str_listed(const char *const *list, const char *s)
{
	size_t	i;

	for (i = 0; s != NULL && list[i] != NULL; i++) {
		if (strcmp(list[i], s) == 0)
			return (1);
	}
	return (0);
}

int
check_required(struct form_errors *fe, const char *field, const char *v)
{
	if (v == NULL || *v == '\0') {
		form_error(fe, field, N_("This field is required."));
		return (0);
	}
	return (1);
}

int
check_email(struct form_errors *fe, const char *field, const char *v)
{
	const char	*at, *dot;
	size_t		 i, len;

	if (!check_required(fe, field, v))
		return (0);
	len = strlen(v);
	at = strchr(v, '@');
	if (len > EMAIL_MAX || at == NULL || at == v || strchr(at + 1, '@')
	    || (dot = strrchr(at, '.')) == NULL || dot == at + 1 ||
	    dot[1] == '\0') {
		form_error(fe, field, N_("Enter a valid email address, like "
		    "name@example.org."));
		return (0);
	}
	for (i = 0; i < len; i++) {
		if ((unsigned char)v[i] <= ' ' || v[i] == '<' || v[i] == '>' ||
		    v[i] == '"' || v[i] == ',' || v[i] == ';' || v[i] == '\\') {
			form_error(fe, field, N_("Enter a valid email address, "
			    "like name@example.org."));
			return (0);
		}
	}
	return (1);
}

int
check_display_name(struct form_errors *fe, const char *field, const char *v)
{
	if (!check_required(fe, field, v))
		return (0);
	if (!utf8_valid(v, strlen(v), 0) || utf8_chars(v) > NAME_MAX_LEN) {
		form_error(fe, field, N_("Use at most 80 characters, on one "
		    "line."));
		return (0);
	}
	return (1);
}

int
check_password(struct form_errors *fe, const char *field, const char *pw,
    const char *email, const char *name)
{
	if (!check_required(fe, field, pw))
		return (0);
	if (utf8_chars(pw) < PASSWORD_MIN) {
		form_error(fe, field, N_("Use at least 10 characters."));
		return (0);
	}
	if (strlen(pw) > PASSWORD_MAX) {
		form_error(fe, field, N_("Use at most 200 characters."));
		return (0);
	}
	if (password_is_common(pw) || (email != NULL &&
	    strcasecmp(pw, email) == 0) || (name != NULL &&
	    strcasecmp(pw, name) == 0)) {
		form_error(fe, field, N_("This password is too common or too "
		    "easy to guess. Choose another one."));
		return (0);
	}
	return (1);
}

int
check_language(struct form_errors *fe, const char *field, const char *v)
{
	if (v == NULL || *v == '\0')
		return (1);
	if (i18n_lang_get(v) == NULL) {
		form_error(fe, field, N_("Choose a language from the list."));
		return (0);
	}
	return (1);
}

int
check_country(struct form_errors *fe, const char *field, const char *v)
{
	const char *const	*cc;

	if (v == NULL || *v == '\0')
		return (1);
	for (cc = i18n_country_codes(); cc != NULL && *cc != NULL; cc++) {
		if (strcmp(*cc, v) == 0)
			return (1);
	}
	form_error(fe, field, N_("Choose a country from the list."));
	return (0);
}

int
check_choices(struct form_errors *fe, const char *field, const char *list,
    size_t max, int (*ok)(const char *), const char *unlisted)
{
	if (list_count(list) > max)
		form_error(fe, field,
		    N_("Too many choices for this field; choose fewer."));
	else if (list == NULL || !list_all(list, ok))
		form_error(fe, field, unlisted);
	else
		return (1);
	return (0);
}

static int
cmp_str(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

int
password_list_load(const char *path)
{
	FILE	*f;
	char	 line[256];
	size_t	 cap, len;

	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	cap = 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		len = strcspn(line, "\r\n");
		line[len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		str_lower_ascii(line);
		if (ncommon == cap) {
			cap = cap ? cap * 2 : 1024;
			common = xrealloc(common, cap * sizeof(*common));
		}
		common[ncommon++] = xstrdup(line);
	}
	fclose(f);
	qsort(common, ncommon, sizeof(*common), cmp_str);
	return ((int)ncommon);
}

int
password_is_common(const char *pw)
{
	char	 low[PASSWORD_MAX + 1];
	char	*key;
	size_t	 len;

	len = strlen(pw);
	if (len > PASSWORD_MAX || ncommon == 0)
		return (0);
	memcpy(low, pw, len + 1);
	str_lower_ascii(low);
	key = low;
	return (bsearch(&key, common, ncommon, sizeof(*common), cmp_str)
	    != NULL);
}
