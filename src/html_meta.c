/*
 * Page metadata and the public HTML calls (include/evcode.h, "Web pages").
 *
 * Title: og:title, else the first <h1>, else <title>; a site name after a
 * separator (" | ", " - ", ...) is cut. Date: article:published_time and the
 * other date metas, JSON-LD datePublished, <time datetime>, a date in the
 * URL. Outlet: og:site_name, else the URL's host without "www.". URL: the
 * caller's, og:url, <link rel=canonical>. Language: <html lang>, the
 * Content-Language meta or og:locale, as its primary subtag.
 */
#include "html.h"
#include "utf8.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *evc_html_squash(evc_arena *a, const char *s, size_t n)
{
    char *o = evc_arena_alloc(a, n + 1);
    if (!o)
        return NULL;
    size_t j = 0;
    int space = 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (evc_is_space(c) || c == 0) {
            if (!space)
                o[j++] = ' ';
            space = 1;
        } else {
            o[j++] = (char)c;
            space = 0;
        }
    }
    while (j && o[j - 1] == ' ')
        j--;
    o[j] = 0;
    return j ? o : NULL;
}

/* ---- dates ---------------------------------------------------------------- */

static int num(const char *s, size_t n, size_t i, size_t w)
{
    int v = 0;
    if (i + w > n)
        return -1;
    for (size_t k = 0; k < w; k++) {
        if (!evc_is_digit((unsigned char)s[i + k]))
            return -1;
        v = v * 10 + s[i + k] - '0';
    }
    return v;
}

static int month_of(const char *s, size_t n)
{
    static const char *const M[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                    "jul", "aug", "sep", "oct", "nov", "dec"};
    if (n < 3)
        return 0;
    for (int i = 0; i < 12; i++)
        if (evc_to_lower((unsigned char)s[0]) == M[i][0] && evc_to_lower((unsigned char)s[1]) == M[i][1] &&
            evc_to_lower((unsigned char)s[2]) == M[i][2])
            return i + 1;
    return 0;
}

static int good_ymd(int y, int m, int d) { return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31; }

/* Finds a date in s[0..n): YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, "D Month YYYY"
 * or "Month D, YYYY"; writes YYYY-MM-DD into out[11]. With `url` set only
 * /YYYY/MM/DD/ and YYYY-MM-DD forms count (path segments). */
static int find_date(const char *s, size_t n, char out[11], int url)
{
    for (size_t i = 0; i + 8 <= n; i++) {
        if (i && evc_is_digit((unsigned char)s[i - 1]))
            continue;
        int y = num(s, n, i, 4);
        if (y >= 1990 && i + 4 < n && (s[i + 4] == '-' || s[i + 4] == '/' || (!url && s[i + 4] == '.'))) {
            char sep = s[i + 4];
            int m = num(s, n, i + 5, 2), d = -1;
            if (m > 0 && i + 7 < n && s[i + 7] == sep)
                d = num(s, n, i + 8, 2);
            if (d > 0 && good_ymd(y, m, d) && (i + 10 >= n || !evc_is_digit((unsigned char)s[i + 10]))) {
                snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
                return 1;
            }
        }
        if (url)
            continue;
        /* "4 March 2019", "March 4, 2019" */
        int m = evc_is_alpha((unsigned char)s[i]) && (!i || !evc_is_alpha((unsigned char)s[i - 1])) ? month_of(s + i, n - i) : 0;
        if (m) {
            size_t j = i;
            while (j < n && evc_is_alpha((unsigned char)s[j]))
                j++;
            while (j < n && (s[j] == ' ' || s[j] == '.'))
                j++;
            int d = num(s, n, j, 2) >= 0 ? num(s, n, j, 2) : num(s, n, j, 1);
            size_t dw = num(s, n, j, 2) >= 0 ? 2 : 1;
            if (d > 0) {
                j += dw;
                while (j < n && (s[j] == ',' || s[j] == ' ' || evc_is_alpha((unsigned char)s[j])) && j < i + 24)
                    j++;
                int yy = num(s, n, j, 4);
                if (good_ymd(yy, m, d)) {
                    snprintf(out, 11, "%04d-%02d-%02d", yy, m, d);
                    return 1;
                }
            }
            /* day before the month */
            size_t k = i;
            while (k && s[k - 1] == ' ')
                k--;
            if (k >= 1 && evc_is_digit((unsigned char)s[k - 1])) {
                int dd = s[k - 1] - '0';
                if (k >= 2 && evc_is_digit((unsigned char)s[k - 2]))
                    dd += 10 * (s[k - 2] - '0');
                size_t e = i;
                while (e < n && evc_is_alpha((unsigned char)s[e]))
                    e++;
                while (e < n && (s[e] == ' ' || s[e] == ','))
                    e++;
                int yy = num(s, n, e, 4);
                if (good_ymd(yy, m, dd)) {
                    snprintf(out, 11, "%04d-%02d-%02d", yy, m, dd);
                    return 1;
                }
            }
        }
    }
    return 0;
}

/* ---- title, host, language ------------------------------------------------ */

static const char *const SEPS[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xBB ",
                                   " \xC2\xB7 ", " / ", NULL};

/* The title without a site name: the longest part between separators, when
 * the title has any (or, with `site`, only a part equal to the site name is
 * cut). */
static const char *cut_site(evc_arena *a, const char *t, const char *site)
{
    if (!t)
        return NULL;
    size_t n = strlen(t), bs = 0, bl = n, ps = 0;
    int parts = 0;
    size_t best_len = 0;
    for (size_t i = 0; i <= n; i++) {
        size_t sl = 0;
        for (int k = 0; SEPS[k] && i < n; k++)
            if (!strncmp(t + i, SEPS[k], strlen(SEPS[k]))) {
                sl = strlen(SEPS[k]);
                break;
            }
        if (i == n || sl) {
            size_t len = i - ps;
            if (site) {
                if (len == strlen(site) && evc_eq_nocase(t + ps, len, site) && parts + (i < n) >= 1) {
                    /* drop this part: keep the rest */
                    const char *rest = ps ? t : t + i + sl;
                    size_t rl = ps ? ps : n - i - sl;
                    while (rl && (rest[rl - 1] == ' ' || rest[rl - 1] == '|' || rest[rl - 1] == '-'))
                        rl--;
                    return rl ? evc_html_squash(a, rest, rl) : t;
                }
            } else if (len > best_len) {
                best_len = len;
                bs = ps;
                bl = len;
            }
            parts++;
            if (i == n)
                break;
            ps = i + sl;
            i += sl - 1;
        }
    }
    if (site || parts < 2 || best_len < 16)
        return t;
    return evc_html_squash(a, t + bs, bl);
}

static const char *host_of(evc_arena *a, const char *url)
{
    if (!url)
        return NULL;
    const char *p = strstr(url, "://");
    if (!p)
        return NULL;
    p += 3;
    size_t n = strcspn(p, "/:?#");
    if (n > 4 && !strncmp(p, "www.", 4)) {
        p += 4;
        n -= 4;
    }
    char *h = n ? evc_arena_strndup(a, p, n) : NULL;
    for (size_t i = 0; h && i < n; i++)
        h[i] = (char)evc_to_lower((unsigned char)h[i]);
    return h;
}

static const char *lang_of(evc_arena *a, const char *l)
{
    if (!l)
        return NULL;
    size_t n = 0;
    while (evc_is_alpha((unsigned char)l[n]) && n < 8)
        n++;
    if (n < 2 || n > 3)
        return NULL;
    char *o = evc_arena_strndup(a, l, n);
    for (size_t i = 0; o && i < n; i++)
        o[i] = (char)evc_to_lower((unsigned char)o[i]);
    return o;
}

static int absolute(const char *u) { return u && (!strncmp(u, "http://", 7) || !strncmp(u, "https://", 8)); }

void evc_html_meta(evc_extractor *x, const char *url)
{
    evc_arena *a = &x->arena;
    evc_page *pg = &x->page;
    const char *ld = x->ld.ptr;
    size_t ldn = x->ld.len;
    pg->url = absolute(url) ? evc_html_squash(a, url, strlen(url))
                            : absolute(x->m_url) ? x->m_url : absolute(x->m_canon) ? x->m_canon : NULL;
    pg->outlet = x->m_site ? x->m_site : host_of(a, pg->url);
    const char *h1 = NULL;
    for (size_t i = 0; i < x->blocks.n && !h1; i++)
        if (x->blocks.v[i].flags & HB_H1)
            h1 = evc_html_squash(a, x->text.ptr + x->blocks.v[i].start, x->blocks.v[i].len);
    const char *t = x->m_title ? cut_site(a, x->m_title, x->m_site) : NULL;
    if (!t && ldn)
        t = evc_jsonld_get(a, ld, ldn, "headline", 0);
    if (!t)
        t = h1;
    if (!t) {
        const char *tt = evc_html_squash(a, x->title.ptr, x->title.len);
        t = x->m_site ? cut_site(a, tt, x->m_site) : tt;
        if (t == tt)
            t = cut_site(a, tt, NULL);
    }
    pg->title = t;
    char d[11];
    const char *ldd = ldn ? evc_jsonld_get(a, ld, ldn, "datePublished", 0) : NULL;
    const char *cands[] = {x->m_date, ldd, x->m_time};
    pg->published = NULL;
    for (int i = 0; i < 3 && !pg->published; i++)
        if (cands[i] && find_date(cands[i], strlen(cands[i]), d, 0))
            pg->published = evc_arena_strndup(a, d, 10);
    if (!pg->published && pg->url && find_date(pg->url, strlen(pg->url), d, 1))
        pg->published = evc_arena_strndup(a, d, 10);
    pg->lang = lang_of(a, x->m_lang ? x->m_lang : x->m_locale);
    pg->charset = x->charset;
}

/* ---- public calls ---------------------------------------------------------- */

evc_extractor *evc_extractor_new(void)
{
    evc_extractor *x = calloc(1, sizeof *x);
    if (!x)
        return NULL;
    evc_arena_init(&x->arena, 256 * 1024);
    evc_buf *bufs[] = {&x->conv, &x->pre, &x->ld, &x->text, &x->title, &x->out};
    for (size_t i = 0; i < sizeof bufs / sizeof *bufs; i++)
        evc_buf_init(bufs[i]);
    return x;
}

void evc_extractor_free(evc_extractor *x)
{
    if (!x)
        return;
    evc_arena_free(&x->arena);
    evc_buf *bufs[] = {&x->conv, &x->pre, &x->ld, &x->text, &x->title, &x->out};
    for (size_t i = 0; i < sizeof bufs / sizeof *bufs; i++)
        evc_buf_free(bufs[i]);
    free(x);
}

static void reset(evc_extractor *x)
{
    evc_arena_reset(&x->arena);
    evc_buf *bufs[] = {&x->conv, &x->pre, &x->ld, &x->text, &x->title, &x->out};
    for (size_t i = 0; i < sizeof bufs / sizeof *bufs; i++) {
        evc_buf_clear(bufs[i]);
        bufs[i]->oom = 0;
    }
    memset(&x->nodes, 0, sizeof x->nodes);
    memset(&x->blocks, 0, sizeof x->blocks);
    memset(&x->stack, 0, sizeof x->stack);
    memset(&x->blockstack, 0, sizeof x->blockstack);
    x->skip = x->links = x->cur_start = x->cur_size = x->cur_link = x->cur_punct = 0;
    x->in_title = x->in_head = x->space = x->oom = x->cur_lead = 0;
    x->m_title = x->m_site = x->m_date = x->m_url = x->m_canon = x->m_lang = x->m_locale = x->m_time = NULL;
    x->m_desc = NULL;
    x->charset = NULL;
    memset(&x->page, 0, sizeof x->page);
}

static void set_err(evc_error *err, evc_status st, const char *msg)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->code = st;
    err->line = 1;
    snprintf(err->msg, sizeof err->msg, "%s", msg);
}

/* Binary: NUL or other control bytes in more than 1 of 20 of the first 4 KiB
 * (UTF-16 pages start with a byte-order mark and are not binary). */
static int binary(const char *s, size_t n)
{
    if (n >= 2 && (!memcmp(s, "\xFF\xFE", 2) || !memcmp(s, "\xFE\xFF", 2)))
        return 0;
    size_t m = n < 4096 ? n : 4096, bad = 0;
    for (size_t i = 0; i < m; i++) {
        unsigned char c = (unsigned char)s[i];
        bad += c < 0x09 || (c > 0x0D && c < 0x20);
    }
    return bad * 20 > m;
}

/* A JSON-LD articleBody much longer than the text found in the page (which
 * a script fills in, or a paywall cut) replaces it; markup in it is dropped. */
static void ld_body(evc_extractor *x)
{
    if (!x->ld.len)
        return;
    const char *b = evc_jsonld_get(&x->arena, x->ld.ptr, x->ld.len, "articleBody", 1);
    size_t n = b ? strlen(b) : 0;
    if (n < 200 || n < 2 * x->out.len)
        return;
    char *o = evc_arena_alloc(&x->arena, n + 1);
    if (!o)
        return;
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (b[i] == '<') {
            const char *gt = memchr(b + i, '>', n - i);
            if (gt && gt - (b + i) < 200) {
                i = (size_t)(gt - b);
                o[j++] = '\n';
                continue;
            }
        }
        o[j++] = b[i];
    }
    o[j] = 0;
    x->page.text = o;
    x->page.text_len = j;
}

/* s as valid UTF-8 without NUL: itself, or a repaired arena copy (JSON-LD
 * strings and pages in an unknown charset carry the page's raw bytes). */
static const char *valid(evc_extractor *x, const char *s, size_t *len)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    const unsigned char *u = (const unsigned char *)s;
    int ok = 1;
    for (size_t i = 0; i < n && ok;) {
        uint32_t cp;
        size_t l = u[i] < 0x80 ? 1 : evc_utf8_decode(u + i, n - i, &cp);
        ok = l > 0;
        i += l ? l : 1;
    }
    if (len)
        *len = n;
    if (ok)
        return s;
    char *o = n <= (SIZE_MAX - 1) / 3 ? evc_arena_alloc(&x->arena, 3 * n + 1) : NULL;
    if (!o)
        return "";
    size_t bad = 0, nul = 0, m = evc_utf8_repair(s, n, o, &bad, &nul);
    o[m] = 0;
    if (len)
        *len = m;
    return o;
}

evc_status evc_html_extract(evc_extractor *x, const char *html, size_t len, const char *url, const char *charset,
                            evc_page *out, evc_error *err)
{
    if (!x || (!html && len) || !out)
        return EVC_ERR_ARG;
    reset(x);
    memset(out, 0, sizeof *out);
    if (!html)
        html = "";
    if (binary(html, len)) {
        set_err(err, EVC_ERR_INPUT, "binary data, not an HTML page; skipped");
        return EVC_ERR_INPUT;
    }
    evc_status st = evc_html_prepare(x, html, len, charset);
    if (st == EVC_OK)
        st = evc_html_parse(x);
    if (st == EVC_OK)
        evc_html_main_text(x);
    if (st == EVC_OK && (x->oom || x->out.oom))
        st = EVC_ERR_NOMEM;
    if (st != EVC_OK) {
        set_err(err, st, st == EVC_ERR_NOMEM ? "out of memory" : "page too large");
        return st;
    }
    evc_html_meta(x, url);
    x->page.text = x->out.ptr;
    x->page.text_len = x->out.len;
    ld_body(x);
    evc_page *pg = &x->page;
    pg->text = valid(x, pg->text, &pg->text_len);
    const char **f[] = {&pg->title, &pg->published, &pg->outlet, &pg->url, &pg->lang};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        *f[i] = valid(x, *f[i], NULL);
    *out = x->page;
    return EVC_OK;
}

evc_status evc_doc_code_html(evc_doc *doc, const char *html, size_t len, const char *id, const char *url,
                             const char *charset, const char *default_published, evc_error *err)
{
    if (!doc)
        return EVC_ERR_ARG;
    evc_extractor *x = evc_extractor_new();
    if (!x)
        return EVC_ERR_NOMEM;
    evc_page pg;
    evc_status st = evc_html_extract(x, html, len, url, charset, &pg, err);
    if (st == EVC_OK && !pg.text_len) {
        set_err(err, EVC_ERR_INPUT, "no article text found in the page; skipped");
        st = EVC_ERR_INPUT;
    }
    if (st == EVC_OK) {
        evc_article art;
        memset(&art, 0, sizeof art);
        const char *pub = pg.published ? pg.published : default_published;
        art.id = id;
        art.id_len = id ? strlen(id) : 0;
        art.url = pg.url;
        art.url_len = pg.url ? strlen(pg.url) : 0;
        art.outlet = pg.outlet;
        art.outlet_len = pg.outlet ? strlen(pg.outlet) : 0;
        art.published = pub;
        art.published_len = pub ? strlen(pub) : 0;
        art.title = pg.title;
        art.title_len = pg.title ? strlen(pg.title) : 0;
        art.text = pg.text;
        art.text_len = pg.text_len;
        st = evc_doc_code(doc, &art, err);
    }
    evc_extractor_free(x);
    return st;
}
