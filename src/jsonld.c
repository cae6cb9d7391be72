/*
 * JSON-LD hints: string values of a few keys ("articleBody", "headline",
 * "datePublished") anywhere in the page's ld+json scripts. A flat scan, not
 * a parser: a string followed by ':' is a key, and the string after it its
 * value. Malformed JSON only makes the scan find less. O(n) per key.
 */
#include "html.h"
#include "utf8.h"
#include "util.h"
#include <string.h>

/* The end of the string whose opening quote is at s[i] (the index of the
 * closing quote, or n). */
static size_t string_end(const char *s, size_t i, size_t n)
{
    for (i++; i < n; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return i;
    }
    return n;
}

static int hex4(const char *s, uint32_t *v)
{
    uint32_t r = 0;
    for (int i = 0; i < 4; i++) {
        int c = (unsigned char)s[i], d;
        if (evc_is_digit(c))
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return 0;
        r = r * 16 + (uint32_t)d;
    }
    *v = r;
    return 1;
}

/* Decodes the JSON string body s[0..n) into out (room for n + 1 bytes: no
 * escape grows); returns the length. */
static size_t decode(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\' || i + 1 >= n) {
            out[o++] = s[i];
            continue;
        }
        char c = s[++i];
        uint32_t cp, lo;
        switch (c) {
        case 'n': case 'r': case 't': case 'f': case 'b':
            out[o++] = c == 'n' ? '\n' : ' ';
            break;
        case 'u':
            if (i + 4 >= n || !hex4(s + i + 1, &cp)) {
                out[o++] = 'u';
                break;
            }
            i += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < n && s[i + 1] == '\\' && s[i + 2] == 'u' &&
                hex4(s + i + 3, &lo) && lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 6;
            }
            if ((cp >= 0xD800 && cp < 0xE000) || cp == 0)
                cp = 0xFFFD;
            o += evc_utf8_encode(cp, out + o);
            break;
        default:
            out[o++] = c;
        }
    }
    return o;
}

const char *evc_jsonld_get(evc_arena *a, const char *s, size_t n, const char *key, int longest)
{
    size_t kl = strlen(key), best_b = 0, best_n = 0;
    int found = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '"')
            continue;
        size_t e = string_end(s, i, n);
        size_t j = e + 1;
        while (j < n && evc_is_space((unsigned char)s[j]))
            j++;
        int is_key = j < n && s[j] == ':';
        if (is_key && e - i - 1 == kl && !memcmp(s + i + 1, key, kl)) {
            j++;
            while (j < n && evc_is_space((unsigned char)s[j]))
                j++;
            if (j < n && s[j] == '"') {
                size_t ve = string_end(s, j, n);
                if (!found || (longest && ve - j - 1 > best_n)) {
                    best_b = j + 1;
                    best_n = ve - j - 1;
                    found = 1;
                }
                if (!longest)
                    break;
                e = ve;
            }
        }
        i = e;
    }
    if (!found || !best_n)
        return NULL;
    char *out = evc_arena_alloc(a, best_n + 1);
    if (!out)
        return NULL;
    size_t l = decode(s + best_b, best_n, out);
    return evc_html_squash(a, out, l);
}
