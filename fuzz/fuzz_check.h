/* Invariant checks shared by the stage fuzz targets: each aborts (so that
 * libFuzzer and the replay report a crash) when the stage broke its contract. */
#ifndef EVC_FUZZ_CHECK_H
#define EVC_FUZZ_CHECK_H
#include "evcode.h"
#include "utf8.h"
#include <stdlib.h>

/* The context of the built-in dictionaries ($EVCODE_DATA overrides the
 * directory), loaded at the first call. */
static inline evc_ctx *fuzz_ctx(void)
{
    static evc_ctx *ctx;
    if (!ctx) {
        evc_options o;
        evc_options_default(&o);
        o.dict_dir = getenv("EVCODE_DATA") ? getenv("EVCODE_DATA") : evc_default_data_dir();
        if (evc_ctx_new(&o, &ctx, NULL) != EVC_OK)
            abort();
    }
    return ctx;
}

/* Is s[0..n) valid UTF-8 without NUL? */
static inline int fuzz_valid_utf8(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = evc_utf8_decode(u + i, n - i, &cp);
        if (!l || cp == 0)
            return 0;
        i += l;
    }
    return 1;
}

/* s[0..n) is valid UTF-8 without NUL (the cleaner's output always is). */
static inline void fuzz_check_utf8(const char *s, size_t n)
{
    if (!fuzz_valid_utf8(s, n))
        abort();
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
