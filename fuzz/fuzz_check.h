/* Invariant checks shared by the stage fuzz targets: each aborts (so that
 * libFuzzer and the replay report a crash) when the stage broke its contract. */
#ifndef EVC_FUZZ_CHECK_H
#define EVC_FUZZ_CHECK_H
#include "utf8.h"
#include <stdlib.h>

/* s[0..n) is valid UTF-8 without NUL (the cleaner's output always is). */
static inline void fuzz_check_utf8(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = evc_utf8_decode(u + i, n - i, &cp);
        if (!l || cp == 0)
            abort();
        i += l;
    }
}

/* A NUL-terminated string: valid UTF-8, NULL allowed. */
static inline void fuzz_check_str(const char *s)
{
    if (s) {
        size_t n = 0;
        while (s[n])
            n++;
        fuzz_check_utf8(s, n);
    }
}
#endif
