/*
 * HTML pages before parsing: charset, conversion to UTF-8, prefilter.
 *
 * The charset is the HTTP header's, else a byte-order mark, else the first
 * <meta charset> or http-equiv Content-Type in the first 64 KiB, else
 * detected (valid UTF-8, or windows-1252, the web's usual 8-bit charset).
 * Conversion uses a table for windows-1252 and ISO-8859-1 and iconv(3) for
 * the rest; an unknown charset is read as UTF-8 and repaired.
 *
 * The prefilter copies the UTF-8 page into x->pre without comments and
 * without script, style, noscript, svg and template elements, whose bodies
 * are raw text to an HTML parser and never article text; it halves a news
 * page and so the parser's work. JSON-LD script bodies go to x->ld.
 */
#define _POSIX_C_SOURCE 200809L
#include "html.h"
#include "utf8.h"
#include "util.h"
#include <errno.h>
#include <iconv.h>
#include <string.h>

/* the longest <meta> tag looked into */
#define MAX_TAG 4096
/* the attributes kept of one tag */
#define MAX_ATTRS 16

/* windows-1252 0x80-0x9F (0 = undefined: U+FFFD) */
static const uint16_t CP1252[32] = {0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
                                    0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
                                    0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

static int ascii_ieq(const char *s, size_t n, const char *w)
{
    size_t i = 0;
    for (; i < n && w[i]; i++)
        if (evc_to_lower((unsigned char)s[i]) != w[i])
            return 0;
    return i == n && !w[i];
}

/* Is s[0..n) valid UTF-8 (NUL allowed: the parser's copy repairs it)? */
static int valid_utf8(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        uint64_t w;
        if (i + 8 <= n) {
            memcpy(&w, u + i, 8); /* eight ASCII bytes at a time */
            if (!(w & 0x8080808080808080ULL)) {
                i += 8;
                continue;
            }
        }
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t l = evc_utf8_decode(u + i, n - i, &cp);
        if (!l)
            return 0;
        i += l;
    }
    return 1;
}

/* Finds the charset named by a <meta> in s[0..n); returns its length and
 * sets *name, or 0. Looks for "charset=" inside a meta tag. */
static size_t meta_charset(const char *s, size_t n, const char **name)
{
    const char *end = s + n, *p = s;
    while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
        if (end - p < 6 || !ascii_ieq(p + 1, 4, "meta")) {
            p++;
            continue;
        }
        size_t lim = (size_t)(end - p) < MAX_TAG ? (size_t)(end - p) : MAX_TAG;
        const char *gt = memchr(p, '>', lim);
        if (!gt) {
            p++;
            continue;
        }
        for (const char *q = p; q + 8 <= gt; q++) {
            if (!ascii_ieq(q, 8, "charset="))
                continue;
            q += 8;
            while (q < gt && (*q == '"' || *q == '\'' || *q == ' '))
                q++;
            const char *b = q;
            while (q < gt && (evc_is_alpha((unsigned char)*q) || evc_is_digit((unsigned char)*q) || *q == '-' ||
                              *q == '_' || *q == ':' || *q == '.'))
                q++;
            if (q > b && q - b < 40) {
                *name = b;
                return (size_t)(q - b);
            }
            break;
        }
        p = gt;
    }
    return 0;
}

/* Appends the single-byte page s[0..n) as UTF-8; cp1252 selects the table. */
static void from_8bit(evc_buf *o, const char *s, size_t n, int cp1252)
{
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && (unsigned char)s[j] < 0x80)
            j++;
        evc_buf_put(o, s + i, j - i);
        if (j == n)
            break;
        unsigned c = (unsigned char)s[j];
        uint32_t cp = c >= 0xA0 || !cp1252 ? c : CP1252[c - 0x80];
        char u[4];
        evc_buf_put(o, u, evc_utf8_encode(cp ? cp : 0xFFFD, u));
        i = j + 1;
    }
}

/* Converts with iconv; returns 0 when the charset is unknown to iconv. An
 * undecodable byte becomes U+FFFD. */
static int from_iconv(evc_buf *o, const char *s, size_t n, const char *cs)
{
    iconv_t cd = iconv_open("UTF-8", cs);
    if (cd == (iconv_t)-1)
        return 0;
    char tmp[8192];
    char *in = (char *)s;
    size_t left = n;
    while (left && !o->oom) {
        char *op = tmp;
        size_t room = sizeof tmp;
        size_t r = iconv(cd, &in, &left, &op, &room);
        evc_buf_put(o, tmp, (size_t)(op - tmp));
        if (r == (size_t)-1 && errno != E2BIG) {
            evc_buf_put(o, "\xEF\xBF\xBD", 3);
            in++;
            left--;
        }
    }
    iconv_close(cd);
    return 1;
}

/* Normalised charset class: 0 UTF-8, 1 windows-1252 (also ISO-8859-1 and
 * US-ASCII, as browsers read them), 2 another (iconv). */
static int charset_class(const char *cs)
{
    if (!cs || !*cs)
        return 0;
    static const char *const U8[] = {"utf-8", "utf8", "unicode-1-1-utf-8", NULL};
    static const char *const W[] = {"windows-1252", "cp1252", "iso-8859-1", "iso8859-1", "latin1", "latin-1",
                                    "us-ascii", "ascii", "iso_8859-1", "x-cp1252", NULL};
    size_t n = strlen(cs);
    for (int i = 0; U8[i]; i++)
        if (ascii_ieq(cs, n, U8[i]))
            return 0;
    for (int i = 0; W[i]; i++)
        if (ascii_ieq(cs, n, W[i]))
            return 1;
    return 2;
}

/* Decides the charset and leaves the page as UTF-8 in *s, *n (x->conv when
 * converted). */
static void to_utf8(evc_extractor *x, const char **s, size_t *n, const char *http)
{
    const char *p = *s;
    size_t len = *n;
    char name[48];
    name[0] = 0;
    if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) {
        *s = p + 3;
        *n = len - 3;
        x->charset = "UTF-8";
        return;
    }
    const char *cs = NULL;
    if (len >= 2 && (!memcmp(p, "\xFF\xFE", 2) || !memcmp(p, "\xFE\xFF", 2))) {
        cs = p[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
        p += 2;
        len -= 2;
    } else if (http && *http) {
        cs = http;
    } else {
        const char *m;
        size_t ml = meta_charset(p, len < 65536 ? len : 65536, &m);
        if (ml) {
            memcpy(name, m, ml);
            name[ml] = 0;
            cs = name;
        }
    }
    int cls = charset_class(cs);
    if (cls == 0 && (cs || valid_utf8(p, len))) {
        x->charset = "UTF-8";
        return; /* the parser's copy repairs invalid bytes of a declared UTF-8 page */
    }
    if (cls == 0)
        cls = 1, cs = NULL; /* undeclared and not UTF-8: detected as windows-1252 */
    evc_buf_clear(&x->conv);
    if (cls == 1)
        from_8bit(&x->conv, p, len, 1);
    else if (!from_iconv(&x->conv, p, len, cs)) {
        x->charset = "UTF-8"; /* unknown charset: read as UTF-8, repaired */
        return;
    }
    x->charset = cls == 1 ? "windows-1252" : evc_arena_strndup(&x->arena, cs, strlen(cs));
    *s = x->conv.ptr;
    *n = x->conv.len;
}

/* The element at s[0..n) (just after '<') is one whose body the prefilter
 * drops: returns its name length, else 0. */
static size_t raw_element(const char *s, size_t n)
{
    static const char *const RAW[] = {"script", "style", "noscript", "svg", "template", "textarea", NULL};
    for (int i = 0; RAW[i]; i++) {
        size_t l = strlen(RAW[i]);
        if (n > l && ascii_ieq(s, l, RAW[i]) &&
            (s[l] == '>' || s[l] == '/' || evc_is_space((unsigned char)s[l])))
            return l;
    }
    return 0;
}

/* The position after the closing tag "</name" ... ">" in s[i..n), or n. */
static size_t skip_to_close(const char *s, size_t i, size_t n, const char *name, size_t nl)
{
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt)
            return n;
        i = (size_t)(lt - s);
        if (i + 2 + nl <= n && s[i + 1] == '/' && ascii_ieq(s + i + 2, nl, name)) {
            const char *gt = memchr(s + i, '>', n - i);
            return gt ? (size_t)(gt - s) + 1 : n;
        }
        i++;
    }
    return n;
}

static int has_nocase(const char *s, size_t n, const char *w)
{
    size_t wl = strlen(w);
    for (size_t i = 0; i + wl <= n; i++)
        if (ascii_ieq(s + i, wl, w))
            return 1;
    return 0;
}

/* Is the attribute a[0..n) one the parser's callbacks read? */
static int kept_attr(const char *a, size_t n, int is_link)
{
    static const char *const KEEP[] = {"class", "id", "style", "hidden", "aria-hidden", "itemprop", "role",
                                       "property", "name", "content", "http-equiv", "rel", "datetime", "lang",
                                       "type", "charset", NULL};
    int c = evc_to_lower((unsigned char)a[0]);
    for (int k = 0; KEEP[k]; k++)
        if (KEEP[k][0] == c && ascii_ieq(a, n, KEEP[k]))
            return 1;
    return is_link && ascii_ieq(a, n, "href");
}

/* Copies the start tag at s[j] ('<' and a letter) with only the attributes
 * kept_attr() names (srcset, data-*, href of links ... are a third of a
 * page's bytes and each would cost the parser a copy), at most MAX_ATTRS of
 * them (the parser's duplicate check is quadratic in a tag's attributes).
 * Returns the index after the tag; a tag without an end (or with an
 * unterminated quote) runs to the end of the page, as it would for the
 * parser. */
static size_t copy_tag(evc_buf *o, const char *s, size_t j, size_t n)
{
    size_t lim = n, i = j + 1, kept = 0;
    while (i < lim && !evc_is_space((unsigned char)s[i]) && s[i] != '>' && s[i] != '/')
        i++;
    int is_link = i - j - 1 == 4 && ascii_ieq(s + j + 1, 4, "link");
    evc_buf_put(o, s + j, i - j);
    for (;;) {
        while (i < lim && (evc_is_space((unsigned char)s[i]) || s[i] == '/'))
            i++;
        if (i >= lim)
            break;
        if (s[i] == '>') {
            evc_buf_putc(o, '>');
            return i + 1;
        }
        size_t a = i;
        while (i < lim && !evc_is_space((unsigned char)s[i]) && s[i] != '>' && s[i] != '=' && s[i] != '/')
            i++;
        if (i == a)
            i++; /* a stray '=': skipped */
        size_t an = i - a, v = i, vn = 0;
        char q = 0;
        size_t k = i;
        while (k < lim && evc_is_space((unsigned char)s[k]))
            k++;
        if (k < lim && s[k] == '=' && an) {
            k++;
            while (k < lim && evc_is_space((unsigned char)s[k]))
                k++;
            if (k < lim && (s[k] == '"' || s[k] == '\'')) {
                q = s[k];
                const char *e = memchr(s + k + 1, q, lim - k - 1);
                if (!e)
                    break;
                v = k + 1;
                vn = (size_t)(e - s) - v;
                i = (size_t)(e - s) + 1;
            } else {
                v = k;
                while (k < lim && !evc_is_space((unsigned char)s[k]) && s[k] != '>')
                    k++;
                vn = k - v;
                i = k;
            }
        }
        if (an && kept < MAX_ATTRS && kept_attr(s + a, an, is_link)) {
            kept++;
            evc_buf_putc(o, ' ');
            evc_buf_put(o, s + a, an);
            if (v != a + an || vn) {
                char qq = q == '\'' || memchr(s + v, '"', vn) ? '\'' : '"';
                if (qq == '\'' && memchr(s + v, '\'', vn))
                    qq = '"'; /* both quotes inside: cannot happen when quoted */
                evc_buf_putc(o, '=');
                evc_buf_putc(o, qq);
                evc_buf_put(o, s + v, vn);
                evc_buf_putc(o, qq);
            }
        }
    }
    evc_buf_putc(o, '>'); /* no end: the tag runs to the end of the page */
    return n;
}

/* Copies the UTF-8 page s[0..n) into x->pre without comments and raw
 * elements; JSON-LD bodies go to x->ld. NUL bytes become spaces. */
static void prefilter(evc_extractor *x, const char *s, size_t n)
{
    evc_buf *o = &x->pre;
    size_t i = 0;
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        size_t j = lt ? (size_t)(lt - s) : n;
        evc_buf_put(o, s + i, j - i);
        if (j == n)
            break;
        if (n - j >= 4 && !memcmp(s + j, "<!--", 4)) {
            size_t k = j + 4;
            for (;;) {
                const char *d = memchr(s + k, '-', n - k);
                if (!d) {
                    k = n;
                    break;
                }
                k = (size_t)(d - s);
                if (k + 3 <= n && s[k + 1] == '-' && s[k + 2] == '>') {
                    k += 3;
                    break;
                }
                k++;
            }
            i = k;
            continue;
        }
        if (n - j > 5 && ascii_ieq(s + j + 1, 4, "meta")) {
            /* a charset declaration would make the parser decode the UTF-8
             * copy again: the tag is dropped (its charset was read above).
             * Tags longer than MAX_TAG are not looked into (linear time). */
            size_t lim = n - j < MAX_TAG ? n - j : MAX_TAG;
            const char *gt = memchr(s + j, '>', lim);
            size_t e = gt ? (size_t)(gt - s) + 1 : j;
            if (gt && has_nocase(s + j, e - j, "charset")) {
                i = e;
                continue;
            }
        }
        size_t nl = raw_element(s + j + 1, n - j - 1);
        if (!nl) {
            size_t e = j + 1 < n && evc_is_alpha((unsigned char)s[j + 1]) ? copy_tag(o, s, j, n) : 0;
            if (!e) {
                evc_buf_putc(o, '<');
                e = j + 1;
            }
            i = e;
            continue;
        }
        const char *gt = memchr(s + j, '>', n - j);
        size_t body = gt ? (size_t)(gt - s) + 1 : n;
        char name[16];
        memcpy(name, s + j + 1, nl);
        name[nl] = 0;
        for (size_t k = 0; k < nl; k++)
            name[k] = (char)evc_to_lower((unsigned char)name[k]);
        size_t end = skip_to_close(s, body, n, name, nl);
        if (nl == 6 && !memcmp(name, "script", 6) && has_nocase(s + j, body - j, "ld+json")) {
            size_t close = end;
            while (close > body && s[close - 1] != '<')
                close--;
            if (close > body) {
                evc_buf_put(&x->ld, s + body, close - 1 - body);
                evc_buf_putc(&x->ld, '\n');
            }
        }
        i = end;
    }
    for (size_t k = 0; k < o->len; k++)
        if (!o->ptr[k])
            o->ptr[k] = ' ';
}

evc_status evc_html_prepare(evc_extractor *x, const char *html, size_t len, const char *charset)
{
    evc_buf_clear(&x->pre);
    evc_buf_clear(&x->ld);
    to_utf8(x, &html, &len, charset);
    prefilter(x, html, len);
    return x->pre.oom || x->ld.oom || x->conv.oom ? EVC_ERR_NOMEM : EVC_OK;
}
