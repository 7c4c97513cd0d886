/*
 * decimal.h: integers written in decimal without printf, for the hot
 * paths that write many of them (template values, access log lines),
 * where snprintf's format parsing cost more than the digits.
 */
#ifndef ETHICA_DECIMAL_H
#define ETHICA_DECIMAL_H

#include <stdint.h>

/* Room for any int64_t: "-9223372036854775808" and the NUL. */
#define DECIMAL_MAX	21

/* i in decimal, NUL-terminated, written at the end of buf; returns where
 * it starts in buf. */
const char	*decimal(int64_t i, char buf[DECIMAL_MAX]);

#endif
