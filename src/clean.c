/*
 * Cleaning: repairs the bytes, then decides line by line what is article
 * body. Removed: boilerplate listed in data/en/boilerplate.txt, photo
 * credits and the caption blocks they close, captions (long lines that do
 * not end a sentence, "(left)" markers), lines that occur twice or more, and
 * a date header (which becomes the publication date when none was given).
 * The first kept line is the title when it reads as a headline.
 */
#include "doc.h"
#include "utf8.h"
#include "util.h"
#include <string.h>

/* Repairs doc->in into a NUL-terminated UTF-8 copy with \n line ends. */
static char *normalize(evc_doc *doc, size_t *out_len)
{
    const unsigned char *s = (const unsigned char *)doc->in.ptr;
    size_t n = doc->in.len;
    if (n > (SIZE_MAX - 1) / 3)
        return NULL;
    char *o = evc_arena_alloc_raw(&doc->arena, n * 3 + 1); /* U+FFFD is 3 bytes per bad byte */
    if (!o)
        return NULL;
    evc_repairs *r = &doc->repairs;
    if (!r->first_line && (r->nul_bytes || r->invalid_utf8))
        r->first_line = 1;
    size_t j = 0, line = 1;
    for (size_t i = 0; i < n;) {
        while (i < n && s[i] >= 0x20 && s[i] < 0x7F) /* the common case: printable ASCII */
            o[j++] = (char)s[i++];
        if (i >= n)
            break;
        unsigned char c = s[i];
        if (c < 0x80) {
            line += c == '\n';
            if (c == '\r') {
                o[j++] = '\n';
                i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
                continue;
            }
            if (c == 0) {
                r->nul_bytes++;
                if (!r->first_line)
                    r->first_line = line;
            }
            o[j++] = (c < 0x20 && c != '\n' && c != '\t') || c == 0x7F ? ' ' : (char)c;
            i++;
            continue;
        }
        uint32_t cp;
        size_t l = evc_utf8_decode(s + i, n - i, &cp);
        if (!l) {
            r->invalid_utf8++;
            if (!r->first_line)
                r->first_line = line;
            j += evc_utf8_encode(0xFFFD, o + j);
            i++;
            continue;
        }
        if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
            cp == 0x2028 || cp == 0x2029 || (cp >= 0x80 && cp < 0xA0)) {
            o[j++] = (cp == 0x2028 || cp == 0x2029) ? '\n' : ' ';
        } else if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF || cp == 0xAD) {
            /* invisible: dropped */
        } else {
            memcpy(o + j, s + i, l);
            j += l;
        }
        i += l;
    }
    o[j] = 0;
    *out_len = j;
    return o;
}

typedef struct line {
    const char *s;
    size_t n;
    int block, block_lines;
    int keep;
    int bullet;
    uint64_t key;       /* hash of the normalised line, for duplicates */
} line;

static size_t count_words(const char *s, size_t n)
{
    size_t w = 0;
    int in = 0;
    for (size_t i = 0; i < n; i++) {
        int sp = evc_is_space((unsigned char)s[i]);
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

/* Does the line end a sentence (. ! ? … possibly inside closing quotes)? */
static int ends_sentence(const char *s, size_t n)
{
    while (n) {
        unsigned char c = (unsigned char)s[n - 1];
        if (evc_is_space(c) || c == '"' || c == '\'' || c == ')' || c == ']') {
            n--;
            continue;
        }
        /* ” ’ » */
        if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
            ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x99)) {
            n -= 3;
            continue;
        }
        if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)s[n - 1] == 0xBB) {
            n -= 2;
            continue;
        }
        break;
    }
    if (!n)
        return 0;
    char c = s[n - 1];
    if (c == '.' || c == '!' || c == '?')
        return 1;
    return n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
           (unsigned char)s[n - 1] == 0xA6; /* … */
}

/* Lowercase, whitespace collapsed, dashes as '-', quotes straight. */
static uint64_t line_key(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (i + 2 < n && c == 0xE2 && (unsigned char)s[i + 1] == 0x80) {
            unsigned char d = (unsigned char)s[i + 2];
            if (d >= 0x90 && d <= 0x95) { c = '-'; i += 2; }
            else if (d >= 0x98 && d <= 0x9F) { c = '\''; i += 2; }
        }
        if (evc_is_space(c)) {
            space = 1;
            continue;
        }
        if (space) {
            h = (h ^ ' ') * 1099511628211ULL;
            space = 0;
        }
        h = (h ^ (uint64_t)evc_to_lower(c)) * 1099511628211ULL;
    }
    return h ? h : 1;
}

/* Does the lowercased line s[0..n) contain the lowercase word w? memchr
 * finds each candidate start, so a line is scanned at memchr speed. */
static int contains(const char *s, size_t n, const char *w, size_t wl)
{
    if (!wl || wl > n)
        return !wl;
    const char *p = s, *end = s + (n - wl) + 1; /* candidate starts are in [s, end) */
    while (p < end && (p = memchr(p, w[0], (size_t)(end - p))) != NULL) {
        if (memcmp(p, w, wl) == 0)
            return 1;
        p++;
    }
    return 0;
}

/* Words that mark a photo credit line; low is the line lowercased. */
static int is_credit(const char *s, const char *low, size_t n)
{
    static const char *const marks[] = {"getty images", "/afp", "afp via", "/reuters", "/ap photo", "ap photo/",
                                        "photo:", "photograph:", "image:", "credit:", "(photo", "photo by",
                                        "/shutterstock", "/epa", "epa-efe", "/anadolu", "/bloomberg", NULL};
    size_t words = count_words(s, n);
    if (words > 12)
        return 0;
    /* "Reuters/Jane Doe", "Jane Doe/AP": agency and name joined by a slash */
    const char *slash = memchr(s, '/', n);
    if (slash && words <= 6 && !ends_sentence(s, n) && slash > s && slash + 1 < s + n &&
        evc_is_alpha((unsigned char)slash[-1]) && evc_is_upper((unsigned char)slash[1]) && !memchr(s, ':', n))
        return 1;
    for (int i = 0; marks[i]; i++)
        if (contains(low, n, marks[i], strlen(marks[i])))
            return 1;
    return 0;
}

static int is_caption_marker(const char *low, size_t n)
{
    if (!memchr(low, '(', n))
        return 0; /* every marker is in brackets */
    static const char *const marks[] = {"(left)", "(right)", "(center)", "(centre)", "(pictured)", "(above)",
                                        "(below)", "(file photo)", "(top)", "(bottom)", "(inset)", NULL};
    for (int i = 0; marks[i]; i++)
        if (contains(low, n, marks[i], strlen(marks[i])))
            return 1;
    return 0;
}

/* Matches the line against boilerplate entries; sets *outlet when an
 * "outlet:" prefix names one. */
static int is_boiler(const evc_ctx *ctx, const char *s, const char *low, size_t n, const char **outlet,
                     size_t *outlet_len)
{
    int first = (unsigned char)low[0];
    int short_line = n < 400; /* boilerplate is short: "contains:" only looks at short lines */
    for (size_t i = 0; i < ctx->n_boiler; i++) {
        const evc_boiler *b = &ctx->boiler[i];
        if (b->kind != EVC_BP_CONTAINS && b->text[0] != first)
            continue; /* whole-line and prefix entries start with the line */
        if (b->kind == EVC_BP_CONTAINS && !short_line)
            continue;
        switch (b->kind) {
        case EVC_BP_LINE:
            if (n == b->len && evc_eq_nocase(s, n, b->text))
                return 1;
            break;
        case EVC_BP_PREFIX:
            if (n >= b->len && evc_eq_nocase(s, b->len, b->text))
                return 1;
            break;
        case EVC_BP_CONTAINS:
            if (contains(low, n, b->text, b->len))
                return 1;
            break;
        case EVC_BP_OUTLET:
            if (n > b->len && evc_eq_nocase(s, b->len, b->text) && count_words(s, n) <= b->len / 2 + 4) {
                const char *o = s + b->len;
                size_t ol = n - b->len;
                while (ol && (evc_is_space((unsigned char)*o) || *o == ':')) {
                    o++;
                    ol--;
                }
                while (ol && (o[ol - 1] == '.' || evc_is_space((unsigned char)o[ol - 1])))
                    ol--;
                if (ol) {
                    *outlet = o;
                    *outlet_len = ol;
                }
                return 1;
            }
            break;
        }
    }
    return 0;
}

static int is_bullet(const char *s, size_t n, size_t *skip)
{
    /* • ▪ ● – - * followed by a space */
    static const char *const marks[] = {"\xE2\x80\xA2", "\xE2\x96\xAA", "\xE2\x97\x8F", "* ", "- ", NULL};
    for (int i = 0; marks[i]; i++) {
        size_t l = strlen(marks[i]);
        if (n > l && memcmp(s, marks[i], l) == 0) {
            *skip = l;
            return 1;
        }
    }
    return 0;
}

typedef struct dup_slot { uint64_t key; size_t count; } dup_slot;

static size_t dup_count(const dup_slot *t, size_t cap, uint64_t key)
{
    size_t j = (size_t)(key * 0x9E3779B97F4A7C15ULL >> 17) & (cap - 1);
    while (t[j].key && t[j].key != key)
        j = (j + 1) & (cap - 1);
    return t[j].count;
}

static int same_text(const char *a, size_t an, const char *b, size_t bn)
{
    return line_key(a, an) == line_key(b, bn);
}

evc_status evc_clean(evc_doc *doc, evc_error *err)
{
    size_t n;
    char *t = normalize(doc, &n);
    if (!t)
        return EVC_ERR_NOMEM;
    (void)err;
    /* split into lines */
    size_t nlines = 1;
    for (const char *p = t; (p = memchr(p, '\n', (size_t)(t + n - p))) != NULL; p++)
        nlines++;
    line *L = evc_arena_calloc(&doc->arena, nlines, sizeof *L);
    if (!L)
        return EVC_ERR_NOMEM;
    size_t m = 0;
    int block = 0, blank = 1;
    for (size_t i = 0; i <= n;) {
        const char *nl = i < n ? memchr(t + i, '\n', n - i) : NULL;
        size_t e = nl ? (size_t)(nl - t) : n;
        const char *s = t + i;
        size_t len = e - i;
        while (len && evc_is_space((unsigned char)*s)) {
            s++;
            len--;
        }
        while (len && evc_is_space((unsigned char)s[len - 1]))
            len--;
        if (len) {
            if (blank)
                block++;
            L[m] = (line){s, len, block, 0, 1, 0, line_key(s, len)};
            m++;
            blank = 0;
        } else {
            blank = 1;
        }
        i = e + 1;
    }
    /* block sizes; is this a blank-line-separated document? */
    size_t single = 0;
    for (size_t i = 0; i < m;) {
        size_t j = i;
        while (j < m && L[j].block == L[i].block)
            j++;
        for (size_t k = i; k < j; k++)
            L[k].block_lines = (int)(j - i);
        single += j - i == 1;
        i = j;
    }
    int blank_style = block >= 4 && single * 2 >= (size_t)block;

    /* occurrences of each line, in an open-addressing table */
    size_t dcap = 16;
    while (dcap < m * 2)
        dcap *= 2;
    dup_slot *dups = evc_arena_calloc(&doc->arena, dcap, sizeof *dups);
    if (!dups)
        return EVC_ERR_NOMEM;
    for (size_t i = 0; i < m; i++) {
        size_t j = (size_t)(L[i].key * 0x9E3779B97F4A7C15ULL >> 17) & (dcap - 1);
        while (dups[j].key && dups[j].key != L[i].key)
            j = (j + 1) & (dcap - 1);
        dups[j].key = L[i].key;
        dups[j].count++;
    }
    /* the text lowercased once, for the phrase searches of every line */
    char *lower = evc_arena_alloc(&doc->arena, n + 1);
    if (!lower)
        return EVC_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        lower[i] = (char)evc_to_lower((unsigned char)t[i]);
    const char *outlet = NULL;
    size_t outlet_len = 0;
    long date_line = EVC_NO_DATE;
    size_t seen = 0;
    for (size_t i = 0; i < m; i++) {
        line *l = &L[i];
        size_t skip;
        l->bullet = is_bullet(l->s, l->n, &skip);
        if (l->bullet) {
            l->s += skip;
            l->n -= skip;
            while (l->n && evc_is_space((unsigned char)*l->s)) {
                l->s++;
                l->n--;
            }
        }
        const char *low = lower + (l->s - t); /* the line lowercased */
        if (is_boiler(doc->ctx, l->s, low, l->n, &outlet, &outlet_len)) {
            l->keep = 0;
            continue;
        }
        if (seen < 8 || i + 3 >= m) {
            long d = evc_parse_date_line(l->s, l->n);
            if (d != EVC_NO_DATE) {
                if (date_line == EVC_NO_DATE)
                    date_line = d;
                l->keep = 0;
                continue;
            }
        }
        seen++;
        if (is_credit(l->s, low, l->n) || is_caption_marker(low, l->n)) {
            l->keep = 0;
            /* the credit closes a caption block: drop the block */
            if (blank_style && l->block_lines > 1) {
                for (size_t k = i; k > 0 && L[k - 1].block == l->block; k--)
                    L[k - 1].keep = 0;
                for (size_t k = i + 1; k < m && L[k].block == l->block; k++)
                    L[k].keep = 0;
            }
            continue;
        }
        if (dup_count(dups, dcap, l->key) > 1)
            l->keep = 0;
    }
    /* multi-line blocks of non-sentences in blank-line documents are captions */
    if (blank_style) {
        for (size_t i = 0; i < m;) {
            size_t j = i, bullets = 0, open = 0;
            while (j < m && L[j].block == L[i].block) {
                bullets += L[j].bullet;
                open += !ends_sentence(L[j].s, L[j].n);
                j++;
            }
            if (j - i > 1 && !bullets && open * 2 >= j - i && i > 0)
                for (size_t k = i; k < j; k++)
                    L[k].keep = 0;
            i = j;
        }
    }
    /* title: the first kept line, when it reads as a headline */
    size_t first = 0;
    while (first < m && !L[first].keep)
        first++;
    const char *title = NULL;
    size_t title_len = 0;
    size_t second = first + 1;
    while (second < m && !L[second].keep)
        second++;
    /* a headline heads something: a text of one line is body */
    if (first < m && second < m && doc->title_in_text && !doc->info.title && !ends_sentence(L[first].s, L[first].n) &&
        !L[first].bullet && count_words(L[first].s, L[first].n) <= 50) {
        title = L[first].s;
        title_len = L[first].n;
        L[first].keep = 0;
    } else if (first < m && doc->info.title &&
               same_text(L[first].s, L[first].n, doc->info.title, strlen(doc->info.title))) {
        L[first].keep = 0; /* the given title repeated as the first line */
    }
    /* captions: long lines that do not end a sentence; a second headline */
    for (size_t i = 0; i < m; i++) {
        line *l = &L[i];
        if (!l->keep || l->bullet)
            continue;
        if (!ends_sentence(l->s, l->n) && count_words(l->s, l->n) >= 8 && l->s[l->n - 1] != ':')
            l->keep = -1;
    }
    /* an article that is all "captions" is really a text without final stops */
    size_t kept = 0;
    for (size_t i = 0; i < m; i++)
        kept += L[i].keep == 1;
    for (size_t i = 0; i < m; i++)
        if (L[i].keep == -1)
            L[i].keep = kept == 0;
    /* assemble the body: one paragraph per kept line */
    size_t total = 0;
    for (size_t i = 0; i < m; i++)
        if (L[i].keep == 1)
            total += L[i].n + 2;
    char *body = evc_arena_alloc(&doc->arena, total + 1);
    if (!body)
        return EVC_ERR_NOMEM;
    size_t o = 0;
    for (size_t i = 0; i < m; i++) {
        if (L[i].keep != 1)
            continue;
        if (o) {
            body[o++] = '\n';
            body[o++] = '\n';
        }
        evc_para *p = EVC_VEC_PUSH(&doc->arena, doc->paras);
        if (!p)
            return EVC_ERR_NOMEM;
        p->start = (uint32_t)o;
        p->len = (uint32_t)L[i].n;
        p->bullet = L[i].bullet;
        memcpy(body + o, L[i].s, L[i].n);
        o += L[i].n;
    }
    body[o] = 0;
    doc->text = body;
    doc->text_len = o;
    doc->info.text = body;
    if (title && !doc->info.title)
        doc->info.title = evc_arena_strndup(&doc->arena, title, title_len);
    if (outlet && !doc->info.outlet)
        doc->info.outlet = evc_arena_strndup(&doc->arena, outlet, outlet_len);
    if (doc->published == EVC_NO_DATE && date_line != EVC_NO_DATE) {
        doc->published = date_line;
        char *d = evc_arena_alloc(&doc->arena, 11);
        if (!d)
            return EVC_ERR_NOMEM;
        evc_format_date(date_line, d);
        doc->info.published = d;
    }
    return EVC_OK;
}
