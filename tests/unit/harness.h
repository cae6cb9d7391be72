/* A tiny test harness: OK, INT_EQ, STR_EQ count failures and report them
 * with file:line; DONE prints "N passed, N failed" and gives the exit code. */
#ifndef EVC_HARNESS_H
#define EVC_HARNESS_H
#include <stdio.h>
#include <string.h>

static int h_pass, h_fail;

#define OK(cond)                                                                                                       \
    do {                                                                                                               \
        if (cond)                                                                                                      \
            h_pass++;                                                                                                  \
        else {                                                                                                         \
            h_fail++;                                                                                                  \
            fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__, __LINE__, #cond);                                           \
        }                                                                                                              \
    } while (0)

#define INT_EQ(a, b)                                                                                                   \
    do {                                                                                                               \
        long long h_a = (long long)(a), h_b = (long long)(b);                                                          \
        if (h_a == h_b)                                                                                                \
            h_pass++;                                                                                                  \
        else {                                                                                                         \
            h_fail++;                                                                                                  \
            fprintf(stderr, "%s:%d: FAIL: %s == %lld, expected %lld\n", __FILE__, __LINE__, #a, h_a, h_b);             \
        }                                                                                                              \
    } while (0)

#define STR_EQ(a, b)                                                                                                   \
    do {                                                                                                               \
        const char *h_a = (a), *h_b = (b);                                                                             \
        if ((!h_a && !h_b) || (h_a && h_b && strcmp(h_a, h_b) == 0))                                                  \
            h_pass++;                                                                                                  \
        else {                                                                                                         \
            h_fail++;                                                                                                  \
            fprintf(stderr, "%s:%d: FAIL: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a,                   \
                    h_a ? h_a : "(null)", h_b ? h_b : "(null)");                                                       \
        }                                                                                                              \
    } while (0)

#define DONE()                                                                                                         \
    do {                                                                                                               \
        printf("%d passed, %d failed\n", h_pass, h_fail);                                                              \
        return h_fail ? 1 : 0;                                                                                         \
    } while (0)
#endif
