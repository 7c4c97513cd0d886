/*
 * json.h: a small JSON writer over struct buf, for credentials, JWT
 * headers, JWKS and other documents we publish. It owns escaping: every
 * string goes out as valid JSON whatever bytes it holds (control
 * characters as \uXXXX, invalid UTF-8 replaced by U+FFFD, and < > & and
 * U+2028/U+2029 escaped so the text is also safe inside HTML or JS).
 * It never parses JSON.
 *
 *	struct json j;
 *	json_init(&j, &buf);
 *	json_obj_open(&j);
 *	json_kv_str(&j, "name", name);
 *	json_key(&j, "type"); json_arr_open(&j); json_str(&j, "X");
 *	json_arr_close(&j);
 *	json_obj_close(&j);
 *
 * Commas are placed by the writer; the caller only keeps objects and
 * arrays balanced (nesting deeper than JSON_MAX_DEPTH is a broken
 * invariant and ends the process).
 */
#ifndef ETHICA_JSON_H
#define ETHICA_JSON_H

#include <stddef.h>
#include <stdint.h>

struct buf;

#define JSON_MAX_DEPTH	32

struct json {
	struct buf	*out;		/* borrowed; output is appended */
	int		 depth;
	int		 count[JSON_MAX_DEPTH];	/* items written per level */
	int		 after_key;	/* a key was written, value next */
};

/* Starts writing into out (appends; out stays the caller's). */
void	json_init(struct json *, struct buf *out);
void	json_obj_open(struct json *);
void	json_obj_close(struct json *);
void	json_arr_open(struct json *);
void	json_arr_close(struct json *);
/* A member name inside an object; the next call writes its value. */
void	json_key(struct json *, const char *);
/* Values; a NULL string writes null. */
void	json_str(struct json *, const char *);
void	json_int(struct json *, int64_t);
void	json_bool(struct json *, int);
void	json_null(struct json *);
/* key + value in one call. */
void	json_kv_str(struct json *, const char *key, const char *val);
void	json_kv_int(struct json *, const char *key, int64_t val);
void	json_kv_bool(struct json *, const char *key, int val);

/* Appends s as a quoted, escaped JSON string to out. */
void	json_escape(struct buf *out, const char *s);

#endif
