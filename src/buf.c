#include "buf.h"
#include "utf8.h"
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char empty[1];

void evc_buf_init(evc_buf *b)
{
    b->ptr = empty;
    b->len = b->cap = 0;
    b->oom = 0;
}

void evc_buf_free(evc_buf *b)
{
    if (b->cap)
        free(b->ptr);
    evc_buf_init(b);
}

void evc_buf_clear(evc_buf *b)
{
    b->len = 0;
    if (b->cap)
        b->ptr[0] = 0;
}

static int grow(evc_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1) {
        b->oom = 1;
        return 0;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->cap ? b->ptr : NULL, cap);
    if (!p) {
        b->oom = 1;
        return 0;
    }
    if (!b->cap)
        p[0] = 0;
    b->ptr = p;
    b->cap = cap;
    return 1;
}

void evc_buf_put(evc_buf *b, const char *s, size_t n)
{
    if (!n || !grow(b, n))
        return;
    memcpy(b->ptr + b->len, s, n);
    b->len += n;
    b->ptr[b->len] = 0;
}

void evc_buf_puts(evc_buf *b, const char *s) { evc_buf_put(b, s, strlen(s)); }

void evc_buf_putc(evc_buf *b, char c) { evc_buf_put(b, &c, 1); }

void evc_buf_printf(evc_buf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        evc_buf_put(b, tmp, (size_t)n);
        return;
    }
    if (!grow(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void evc_buf_put_int(evc_buf *b, long v)
{
    char tmp[24], *p = tmp + sizeof tmp;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    evc_buf_put(b, p, (size_t)(tmp + sizeof tmp - p));
}

void evc_buf_put_fixed(evc_buf *b, double x, int decimals)
{
    static const double scale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    double a = fabs(x) * (decimals >= 0 && decimals <= 6 ? scale[decimals] : 1);
    double whole = floor(a), frac = a - whole;
    /* beyond the fast path, or so near a tie that only printf's exact
     * decimal expansion can round it */
    if (decimals < 0 || decimals > 6 || !(a < 1e15) || fabs(frac - 0.5) < 1e-6) {
        evc_buf_printf(b, "%.*f", decimals, x);
        return;
    }
    unsigned long long k = (unsigned long long)whole + (frac > 0.5);
    char tmp[48], *p = tmp + sizeof tmp;
    for (int i = 0; i < decimals; i++) {
        *--p = (char)('0' + k % 10);
        k /= 10;
    }
    if (decimals)
        *--p = '.';
    do {
        *--p = (char)('0' + k % 10);
        k /= 10;
    } while (k);
    if (signbit(x))
        *--p = '-';
    evc_buf_put(b, p, (size_t)(tmp + sizeof tmp - p));
}

void evc_buf_json_str(evc_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) { /* output is valid UTF-8 whatever came in: U+FFFD for a bad byte */
            uint32_t cp;
            size_t l = evc_utf8_decode((const unsigned char *)s + i, n - i, &cp);
            if (l) {
                i += l - 1;
                continue;
            }
            evc_buf_put(b, s + run, i - run);
            evc_buf_put(b, "\xEF\xBF\xBD", 3);
            run = i + 1;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        evc_buf_put(b, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': evc_buf_put(b, "\\\"", 2); break;
        case '\\': evc_buf_put(b, "\\\\", 2); break;
        case '\n': evc_buf_put(b, "\\n", 2); break;
        case '\r': evc_buf_put(b, "\\r", 2); break;
        case '\t': evc_buf_put(b, "\\t", 2); break;
        default: {
            char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            evc_buf_put(b, e, 6);
        }
        }
    }
    evc_buf_put(b, s + run, n - run);
}

void evc_buf_json_val(evc_buf *b, const char *s)
{
    if (!s) {
        evc_buf_put(b, "null", 4);
        return;
    }
    evc_buf_putc(b, '"');
    evc_buf_json_str(b, s, strlen(s));
    evc_buf_putc(b, '"');
}
