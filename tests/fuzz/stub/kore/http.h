/* http.h (stub): see kore.h next to it. Not Kore. */
#ifndef FUZZ_STUB_KORE_HTTP_H
#define FUZZ_STUB_KORE_HTTP_H
#endif
