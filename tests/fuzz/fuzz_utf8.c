/*
 * fuzz_utf8.c: libFuzzer target for the one UTF-8 reader (src/lib/utf8.c).
 *
 * Checks utf8_decode() at every offset of the input against a reference
 * written another way (the byte ranges of Unicode's Table 3-7, not bit
 * masks): the same length, and a code point that encodes back to the same
 * bytes; utf8_wellformed() is decoding to the end; utf8_valid() is
 * well-formed with no control characters; utf8_chars() counts what
 * decoding steps over.
 *
 * Replay (clang ASan+UBSan, no libFuzzer): tests/fuzz/replay.sh builds it
 * and runs it over tests/fuzz/corpus/utf8/. `make fuzz` fuzzes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/validate.h"
#include "lib/utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static size_t	ref_decode(const uint8_t *, size_t);
static size_t	encode(uint32_t, uint8_t *);

/* Table 3-7: the well-formed sequence at p (n bytes there), or 0. */
static size_t
ref_decode(const uint8_t *p, size_t n)
{
	static const struct {
		uint8_t	lo0, hi0, lo1, hi1;
		size_t	len;
	} t[] = {
		{ 0x00, 0x7f, 0, 0, 1 },
		{ 0xc2, 0xdf, 0x80, 0xbf, 2 },
		{ 0xe0, 0xe0, 0xa0, 0xbf, 3 },
		{ 0xe1, 0xec, 0x80, 0xbf, 3 },
		{ 0xed, 0xed, 0x80, 0x9f, 3 },
		{ 0xee, 0xef, 0x80, 0xbf, 3 },
		{ 0xf0, 0xf0, 0x90, 0xbf, 4 },
		{ 0xf1, 0xf3, 0x80, 0xbf, 4 },
		{ 0xf4, 0xf4, 0x80, 0x8f, 4 },
	};
	size_t	i, k;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (p[0] < t[i].lo0 || p[0] > t[i].hi0)
			continue;
		if (t[i].len == 1)
			return (1);
		if (n < t[i].len || p[1] < t[i].lo1 || p[1] > t[i].hi1)
			return (0);
		for (k = 2; k < t[i].len; k++)
			if (p[k] < 0x80 || p[k] > 0xbf)
				return (0);
		return (t[i].len);
	}
	return (0);
}

static size_t
encode(uint32_t c, uint8_t *o)
{
	if (c < 0x80) {
		o[0] = (uint8_t)c;
		return (1);
	}
	if (c < 0x800) {
		o[0] = (uint8_t)(0xc0 | c >> 6);
		o[1] = (uint8_t)(0x80 | (c & 0x3f));
		return (2);
	}
	if (c < 0x10000) {
		o[0] = (uint8_t)(0xe0 | c >> 12);
		o[1] = (uint8_t)(0x80 | (c >> 6 & 0x3f));
		o[2] = (uint8_t)(0x80 | (c & 0x3f));
		return (3);
	}
	o[0] = (uint8_t)(0xf0 | c >> 18);
	o[1] = (uint8_t)(0x80 | (c >> 12 & 0x3f));
	o[2] = (uint8_t)(0x80 | (c >> 6 & 0x3f));
	o[3] = (uint8_t)(0x80 | (c & 0x3f));
	return (4);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t		 back[4];
	char		*s;
	uint32_t	 cp;
	size_t		 i, n, steps;
	int		 ctl, whole;

	whole = 1;
	ctl = 0;
	for (i = 0; i < size; i++) {
		n = utf8_decode(data + i, size - i, &cp);
		if (n != ref_decode(data + i, size - i))
			abort();
		if (n > 0 && (encode(cp, back) != n ||
		    memcmp(back, data + i, n) != 0))
			abort();
		if (n == 1 && ((data[i] < 0x20 && data[i] != '\t') ||
		    data[i] == 0x7f))
			ctl = 1;
	}
	for (i = 0, steps = 0; i < size; i += n, steps++)
		if ((n = utf8_decode(data + i, size - i, NULL)) == 0) {
			whole = 0;
			break;
		}
	if (utf8_wellformed(data, size) != whole)
		abort();
	if (utf8_valid((const char *)data, size, 0) != (whole && !ctl))
		abort();
	if (whole && memchr(data, 0, size) == NULL) {
		if ((s = malloc(size + 1)) == NULL)
			return (0);
		memcpy(s, data, size);
		s[size] = '\0';
		if (utf8_chars(s) != steps)
			abort();
		free(s);
	}
	return (0);
}
