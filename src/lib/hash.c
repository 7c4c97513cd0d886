/*
 * hash.c: FNV-1a over C strings (see hash.h).
 */
#include "lib/hash.h"

uint32_t
fnv1a_more(uint32_t h, const char *s)
{
	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return (h);
}

uint32_t
fnv1a(const char *s)
{
	return (fnv1a_more(FNV1A_INIT, s));
}
