/*
 * utf8.h: reading UTF-8, the one place that knows its byte patterns.
 * What counts as well-formed is Unicode's Table 3-7: no overlong forms,
 * no surrogates (U+D800..U+DFFF), nothing above U+10FFFF. What a field
 * may hold beyond that (control characters, lengths) is the domain's
 * (validate.h).
 */
#ifndef ETHICA_UTF8_H
#define ETHICA_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * The length (1 to 4) of the well-formed UTF-8 sequence at p, of the n
 * bytes there (n >= 1), its code point in *cp when cp is not NULL; 0
 * when p does not start one (a continuation or invalid lead byte, a
 * missing continuation byte, an overlong form, a surrogate, a value
 * above U+10FFFF, or a sequence cut short by n). Reads the bytes in
 * order and stops at the first that does not fit, so a NUL ends it.
 */
size_t	utf8_decode(const void *p, size_t n, uint32_t *cp);
/* 1 when the len bytes at s are well-formed UTF-8 throughout. */
int	utf8_wellformed(const void *s, size_t len);
/* The number of characters of s (NUL-terminated, well-formed): its
 * bytes that are not continuation bytes. */
size_t	utf8_chars(const char *s);

#endif
