/* Small shared helpers: hashing, ASCII classes, calendar dates. */
#ifndef EVC_UTIL_H
#define EVC_UTIL_H
#include <stddef.h>
#include <stdint.h>

/* 64-bit FNV-1a over bytes; never returns 0 (0 means "no hash"). */
static inline uint64_t evc_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h ? h : 1;
}

static inline uint64_t evc_hash_mix(uint64_t h, uint64_t x)
{
    h ^= x + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h ? h : 1;
}

static inline int evc_is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static inline int evc_is_lower(int c) { return c >= 'a' && c <= 'z'; }
static inline int evc_is_alpha(int c) { return evc_is_upper(c) || evc_is_lower(c); }
static inline int evc_is_digit(int c) { return c >= '0' && c <= '9'; }
static inline int evc_to_lower(int c) { return evc_is_upper(c) ? c + 32 : c; }
static inline int evc_is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/* Binary search: narrows [lo, hi) to the first index `mid` for which
 * `less` (an expression of mid) is false, in a range where `less` holds
 * for a prefix. lo and hi are size_t lvalues; the answer is left in lo. */
#define EVC_LOWER_BOUND(lo, hi, mid, less)                                                                             \
    while ((lo) < (hi)) {                                                                                              \
        size_t mid = (lo) + ((hi) - (lo)) / 2;                                                                         \
        if (less)                                                                                                      \
            (lo) = mid + 1;                                                                                            \
        else                                                                                                           \
            (hi) = mid;                                                                                                \
    }

/* Days since 1970-01-01 for a proleptic Gregorian date, and back. */
long evc_days_from_civil(int y, int m, int d);
void evc_civil_from_days(long z, int *y, int *m, int *d);
/* Parses "YYYY-MM-DD" (exactly) into days; returns 0 on success. */
int evc_parse_iso_date(const char *s, size_t n, long *days);
/* Writes "YYYY-MM-DD" + NUL into out[11]. */
void evc_format_date(long days, char out[11]);
/* 0 = Sunday ... 6 = Saturday */
int evc_weekday(long days);
/* Case-insensitive ASCII comparison of s[0..n) with the NUL-terminated word. */
static inline int evc_eq_nocase(const char *s, size_t n, const char *word)
{
    size_t i = 0;
    for (; i < n && word[i]; i++)
        if (evc_to_lower((unsigned char)s[i]) != evc_to_lower((unsigned char)word[i]))
            return 0;
    return i == n && !word[i];
}
#endif
