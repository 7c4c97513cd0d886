/*
 * decimal.c: integers in decimal (see decimal.h).
 */
#include <stdint.h>

#include "lib/decimal.h"

const char *
decimal(int64_t i, char buf[DECIMAL_MAX])
{
	uint64_t	 u;
	char		*p;

	u = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
	p = buf + DECIMAL_MAX;
	*--p = '\0';
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (i < 0)
		*--p = '-';
	return (p);
}
