/*
 * hash.h: FNV-1a, the one string hash of our in-memory tables (template
 * keys, heading ids, facet tags, the page cache). Not for anything an
 * attacker could use against us: it is a table hash, not a MAC.
 */
#ifndef ETHICA_HASH_H
#define ETHICA_HASH_H

#include <stdint.h>

#define FNV1A_INIT	2166136261u

/* Continues hash h over the bytes of s (start with FNV1A_INIT). */
uint32_t	fnv1a_more(uint32_t h, const char *s);
/* FNV-1a of s. */
uint32_t	fnv1a(const char *s);

#endif
