/*
 * utf8.c: reading UTF-8 (see utf8.h). Every check of UTF-8 in Ethica
 * (form validators, file names, JSON, search words) is built on these.
 */
#include <stddef.h>
#include <stdint.h>

#include "lib/utf8.h"

size_t
utf8_decode(const void *s, size_t n, uint32_t *cp)
{
	const unsigned char	*p = s;
	size_t			 len, i;
	uint32_t		 c, min;

	if (p[0] < 0x80) {
		len = 1;
		c = p[0];
		min = 0;
	} else if ((p[0] & 0xe0) == 0xc0) {
		len = 2;
		c = p[0] & 0x1f;
		min = 0x80;
	} else if ((p[0] & 0xf0) == 0xe0) {
		len = 3;
		c = p[0] & 0x0f;
		min = 0x800;
	} else if ((p[0] & 0xf8) == 0xf0) {
		len = 4;
		c = p[0] & 0x07;
		min = 0x10000;
	} else
		return (0);
	for (i = 1; i < len; i++) {
		if (i >= n || (p[i] & 0xc0) != 0x80)
			return (0);
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return (0);
	if (cp != NULL)
		*cp = c;
	return (len);
}

int
utf8_wellformed(const void *s, size_t len)
{
	const unsigned char	*p = s;
	size_t			 i, k;

	for (i = 0; i < len; i += k)
		if ((k = utf8_decode(p + i, len - i, NULL)) == 0)
			return (0);
	return (1);
}

size_t
utf8_chars(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return (n);
}
