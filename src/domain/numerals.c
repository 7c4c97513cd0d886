/*
 * numerals.c: numbers typed with the digits of any script (numerals.h).
 * ICU's character properties say which characters are decimal digits
 * and their values, so every script ICU knows is covered, not a list.
 */
#include <stdint.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "domain/numerals.h"

size_t
numerals_ascii(const char *s, char *out, size_t outlen)
{
	const uint8_t	*p = (const uint8_t *)s;
	int32_t		 i, len, d;
	size_t		 n = 0;
	UChar32		 c;
	char		 ch;

	len = (int32_t)strnlen(s, NUMERALS_MAX_INPUT + 1);
	if (len > NUMERALS_MAX_INPUT || outlen == 0)
		return ((size_t)-1);
	for (i = 0; i < len; ) {
		if (n + 1 >= outlen)
			return ((size_t)-1);
		U8_NEXT(p, i, len, c);
		if (c < 0)
			return ((size_t)-1);
		d = c < 0x80 ? -1 : u_charDigitValue(c);
		if (c < 0x80)
			ch = (char)c;
		else if (u_charType(c) == U_DECIMAL_DIGIT_NUMBER &&
		    d >= 0 && d <= 9)
			ch = (char)('0' + d);
		else if (c >= 0xFF0B && c <= 0xFF0E)
			ch = (char)(c - 0xFF0B + '+');	/* + , - . */
		else if (c == 0x2212)
			ch = '-';
		else if (c == 0x066B)
			ch = '.';
		else if (c == 0x3000)
			ch = ' ';
		else
			return ((size_t)-1);
		out[n++] = ch;
	}
	out[n] = '\0';
	return (n);
}

int
numerals_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
	char		 b[64], *p;
	int64_t		 v = 0;
	int		 neg = 0, digits = 0;

	if (s == NULL || numerals_ascii(s, b, sizeof(b)) == (size_t)-1)
		return (-1);
	p = b;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; *p >= '0' && *p <= '9'; p++) {
		if (++digits > 18)
			return (-1);
		v = v * 10 + (*p - '0');
	}
	if (digits == 0 || *p != '\0')
		return (-1);
	if (neg)
		v = -v;
	if (v < min || v > max)
		return (-1);
	*out = v;
	return (0);
}
