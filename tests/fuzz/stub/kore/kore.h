/*
 * kore.h (stub): just enough of Kore's header for fuzz targets to compile
 * src/http/validators.c, which only names struct http_request and returns
 * KORE_RESULT_*. Values as in Kore 4.1's include/kore/kore.h. Not Kore.
 */
#ifndef FUZZ_STUB_KORE_H
#define FUZZ_STUB_KORE_H

#define KORE_RESULT_ERROR	0
#define KORE_RESULT_OK		1

struct http_request;

#endif
