/*
 * csv.h: writing CSV (RFC 4180) for chairs' exports, with CSV-injection
 * neutralised: a cell that starts with = + - @, a tab or a carriage
 * return gets a leading apostrophe, so spreadsheets show it as text.
 */
#ifndef ETHICA_CSV_H
#define ETHICA_CSV_H

#include <stdint.h>

struct buf;

/*
 * Starts a CSV document: the UTF-8 byte-order mark, without which Excel
 * reads the file as the system's legacy code page and garbles Korean,
 * Arabic or Chinese text. Call once, on an empty buffer.
 */
void	csv_begin(struct buf *);
/* Appends one cell (NULL: empty), quoted when needed, preceded by a comma
 * unless first is set. */
void	csv_cell(struct buf *, const char *, int first);
/* Appends an integer cell preceded by a comma unless first. */
void	csv_int(struct buf *, int64_t, int first);
/* Ends the row with CRLF. */
void	csv_end(struct buf *);

#endif
