/*
 * validate.h: checks of user input shared by the domain: UTF-8, lengths,
 * email addresses, display names, passwords, language and country codes.
 * Each check adds a msgid to the form errors and returns 0 when it fails.
 */
#ifndef ETHICA_VALIDATE_H
#define ETHICA_VALIDATE_H

#include <stddef.h>

#include "lib/utf8.h"

struct arena;
struct form_errors;

#define PASSWORD_MIN	10
#define PASSWORD_MAX	200
#define NAME_MAX_LEN	80
#define EMAIL_MAX	254

#define DIGITS		"0123456789"
#define HEX_LOWER	"0123456789abcdef"
#define SLUG_CHARS	"abcdefghijklmnopqrstuvwxyz0123456789-"

/* 1 if s is well-formed UTF-8 (utf8_decode()) with no control characters
 * other than \t (and \n \r when allow_newlines). Lengths in characters:
 * utf8_chars(). */
int	 utf8_valid(const char *s, size_t len, int allow_newlines);
/* A copy of s in the arena with leading/trailing white space removed. */
char	*str_trim(struct arena *, const char *s);
/* 1 when s is min to max bytes long and every byte is in set. */
int	 str_of(const char *s, size_t min, size_t max, const char *set);
/* 1 when s is a slug: 1 to 100 of a-z, 0-9 and '-', not starting with
 * '-'. */
int	 slug_valid(const char *s);
/*
 * Comma-separated lists, as repeated form fields are kept. list_join()
 * joins the n items (empty ones and ones holding a comma are left out)
 * in one pass, time and memory linear in their total length; the result
 * is an arena string ("" for none). list_count() is the number of items
 * of a list (0 for NULL or ""). list_all() is 1 when every item of a
 * list is 1 to 63 bytes and ok() of it is 1, else 0 ("" has no items; a
 * last comma ends the list).
 */
char	*list_join(struct arena *, const char *const *items, size_t n);
size_t	 list_count(const char *list);
int	 list_all(const char *list, int (*ok)(const char *item));
/*
 * The next item of a comma-separated list (NULL: none), copied
 * NUL-terminated into w of size bytes; *list moves past it. Returns 1
 * for an item, -1 for one that is empty or does not fit (w is then ""),
 * 0 at the end.
 */
int	 list_next(const char **list, char *w, size_t size);
/*
 * The next line of text that is not blank, as a textarea of one item a
 * line is read: returns its start and puts its length, trailing spaces
 * and '\r' cut, in *len; *text moves past it. NULL at the end.
 */
const char *line_next(const char **text, size_t *len);
/* Lower-cases ASCII letters in place. */
void	 str_lower_ascii(char *s);
/* 1 when s (NULL: never) is one of the strings of the NULL-terminated
 * list, else 0. */
int	 str_listed(const char *const *list, const char *s);

int	 check_required(struct form_errors *, const char *field, const char *v);
int	 check_email(struct form_errors *, const char *field, const char *v);
int	 check_display_name(struct form_errors *, const char *field,
	    const char *v);
int	 check_password(struct form_errors *, const char *field, const char *pw,
	    const char *email, const char *name);
int	 check_language(struct form_errors *, const char *field, const char *v);
int	 check_country(struct form_errors *, const char *field, const char *v);
/* A list of choices (a repeated field): at most max items, each one ok()
 * accepts; else the error for field is "too many", or unlisted (a msgid)
 * when list is NULL or holds an item ok() refuses. */
int	 check_choices(struct form_errors *, const char *field,
	    const char *list, size_t max, int (*ok)(const char *),
	    const char *unlisted);

/* Loads the list of common passwords (one a line, lower-case) from path.
 * Returns the number loaded or -1. */
int	 password_list_load(const char *path);
/* 1 if pw (compared lower-cased) is on the list. */
int	 password_is_common(const char *pw);

#endif
