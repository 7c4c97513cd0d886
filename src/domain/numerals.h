/*
 * numerals.h: numbers as people type them. A learner in Cairo types
 * "٢٠٢٤", one in Tehran "۲۰۲۴", one on a Japanese keyboard "２０２４":
 * every number a form or a query reads goes through here, so that each
 * is read as 2024 wherever a number is asked for.
 */
#ifndef ETHICA_NUMERALS_H
#define ETHICA_NUMERALS_H

#include <stddef.h>
#include <stdint.h>

/* Longest number text read (bytes of UTF-8): longer input is refused. */
#define NUMERALS_MAX_INPUT	256

/*
 * Copies s into out (outlen bytes) as ASCII: a decimal digit of any
 * script (Unicode general category Nd: Arabic-Indic, Persian,
 * Devanagari, full-width...) becomes its ASCII digit; full-width signs
 * and separators, U+2212 MINUS SIGN, U+066B ARABIC DECIMAL SEPARATOR and
 * U+3000 IDEOGRAPHIC SPACE their ASCII forms; ASCII is copied. Returns
 * the length written, or (size_t)-1 on any other character, invalid
 * UTF-8, input longer than NUMERALS_MAX_INPUT, or when out is full.
 */
size_t	numerals_ascii(const char *s, char *out, size_t outlen);

/*
 * Reads s as a whole integer written with the digits of any script (an
 * optional sign, at most 18 digits, nothing else) into *out. Returns 0,
 * or -1 when s is not such a number or lies outside [min, max]; *out is
 * untouched then.
 */
int	numerals_int(const char *s, int64_t min, int64_t max, int64_t *out);

#endif
