#include "tokenize.h"
#include "util.h"
#include "utf8.h"
#include <string.h>

/* Titles, months and Latin abbreviations that take a dot mid-sentence. */
static const char *const ABBREVS[] = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt", "cpl", "maj", "adm", "gov", "sen",
    "rep", "rev", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "jr", "sr", "prof", "no", "vs", "etc", "inc", "co", "corp", "ltd", "mt", "ft",
    "pres", "amb", "brig", "cmdr", "gens", "messrs", "hon", "dept", "est", "approx", "fig", "vol",
    "e.g", "i.e", "a.m", "p.m", "u.s", "u.k", "u.n", "u.s.a", "e.u", NULL};

int evc_is_abbrev(const char *s, size_t n)
{
    if (n == 0 || n > 6)
        return 0; /* none is longer */
    for (int i = 0; ABBREVS[i]; i++)
        if (evc_eq_nocase(s, n, ABBREVS[i]))
            return 1;
    return 0;
}

/* Length of the UTF-8 punctuation character at s, or 0 when s starts a letter. */
static size_t punct_len(const unsigned char *s, size_t n, int *is_quote)
{
    *is_quote = 0;
    unsigned char c = s[0];
    if (c < 0x80) {
        if (evc_is_alpha(c) || evc_is_digit(c))
            return 0;
        if (c == '"' || c == '\'')
            *is_quote = 1;
        return 1;
    }
    uint32_t cp;
    size_t l = evc_utf8_decode(s, n, &cp);
    if (!l)
        return 1;
    if (cp == 0x2018 || cp == 0x2019 || cp == 0x201C || cp == 0x201D || cp == 0x00AB || cp == 0x00BB ||
        cp == 0x201E || cp == 0x201A) {
        *is_quote = 1;
        return l;
    }
    /* general punctuation, dashes, bullets, ellipsis, spaces, symbols */
    if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x00A0 && cp <= 0x00BF) || cp == 0x00D7 || cp == 0x00F7 ||
        cp == 0xFFFD || (cp >= 0x2190 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F))
        return l;
    return 0;
}

/* Bytes between words: white space, and '_' ("Dol_Amroth": joined words, as
 * TABARI writes them). A table: this runs at every byte. */
static const unsigned char SEP[256] = {['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1, ['_'] = 1};

static int is_space_at(const unsigned char *s, size_t n)
{
    if (SEP[s[0]])
        return 1;
    return n >= 2 && s[0] == 0xC2 && s[1] == 0xA0;
}

/* An apostrophe (straight or curly) at s? returns its length */
static size_t apos_len(const unsigned char *s, size_t n)
{
    if (s[0] == '\'')
        return 1;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0x99)
        return 3;
    return 0;
}

static int is_word_start(const unsigned char *s, size_t n)
{
    int q;
    return !is_space_at(s, n) && punct_len(s, n, &q) == 0;
}

size_t evc_token_norm(const char *s, size_t n, char *buf, size_t cap)
{
    size_t o = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n && o + 1 < cap;) {
        size_t al = apos_len(u + i, n - i);
        if (al) {
            buf[o++] = '\'';
            i += al;
        } else if (u[i] == '.') {
            i++;
        } else {
            buf[o++] = (char)evc_to_lower(u[i]);
            i++;
        }
    }
    buf[o] = 0;
    return o;
}

/* evc_hash(evc_token_norm(s, n) into a 256-byte buffer) without the buffer:
 * lower case, apostrophes as ', dots dropped, at most 255 bytes. Sets *plain
 * when s is ASCII without dots. */
static uint64_t norm_hash(const char *s, size_t n, int *plain)
{
    const unsigned char *u = (const unsigned char *)s;
    uint64_t h = 1469598103934665603ULL;
    size_t o = 0, i = 0;
    *plain = 1;
    while (i < n && o < 255) {
        unsigned c = u[i];
        if (c == '.') {
            *plain = 0;
            i++;
            continue;
        }
        if (c >= 0x80) {
            *plain = 0;
            size_t al = apos_len(u + i, n - i);
            if (al) {
                c = '\'';
                i += al;
            } else {
                i++;
            }
        } else {
            c = (unsigned)evc_to_lower((int)c);
            i++;
        }
        h = (h ^ c) * 1099511628211ULL;
        o++;
    }
    for (; *plain && i < n; i++) /* past the 255 bytes hashed */
        *plain = u[i] < 0x80 && u[i] != '.';
    return h ? h : 1;
}

static const char *const CLITICS[] = {"s", "re", "ve", "ll", "d", "m", NULL};

static int push(evc_arena *a, evc_token_vec *out, size_t start, size_t len, uint16_t flags, const char *s,
                size_t base)
{
    evc_token *t = EVC_VEC_PUSH(a, *out);
    if (!t)
        return -1;
    t->start = (uint32_t)(start + base);
    t->len = (uint32_t)len;
    t->flags = flags;
    int plain;
    t->h = norm_hash(s + start, len, &plain);
    t->lemma = t->h;
    if (plain)
        t->flags |= EVC_TK_PLAIN;
    return 0;
}

/* Scans a word starting at i; returns its end. */
static size_t scan_word(const unsigned char *s, size_t n, size_t i, int *abbr)
{
    *abbr = 0;
    size_t j = i;
    int q;
    for (;;) {
        while (j < n && !is_space_at(s + j, n - j) && punct_len(s + j, n - j, &q) == 0) {
            uint32_t cp;
            size_t l = s[j] < 0x80 ? 1 : evc_utf8_decode(s + j, n - j, &cp);
            j += l ? l : 1;
        }
        if (j >= n)
            return j;
        /* inner hyphen or slash-free joiners: word-word */
        if ((s[j] == '-') && j + 1 < n && is_word_start(s + j + 1, n - j - 1)) {
            j++;
            continue;
        }
        /* dotted abbreviations: U.S. a.m. (single letters between dots) */
        if (s[j] == '.' && j + 1 < n && evc_is_alpha(s[j + 1]) && (j + 2 >= n || s[j + 2] == '.' || !evc_is_alpha(s[j + 2])) &&
            j - i >= 1 && (j - i == 1 || s[j - 2] == '.')) {
            j++;
            continue;
        }
        if (s[j] == '.' && j >= 2 && s[j - 2] == '.' && evc_is_alpha(s[j - 1])) {
            *abbr = 1;
            return j + 1; /* final dot of U.S. */
        }
        /* numbers: 120,000 and 3.5 */
        if ((s[j] == ',' || s[j] == '.') && j > i && evc_is_digit(s[j - 1]) && j + 1 < n && evc_is_digit(s[j + 1])) {
            j++;
            continue;
        }
        size_t al = apos_len(s + j, n - j);
        if (al && j > i && j + al < n && evc_is_alpha(s[j + al])) {
            /* clitic? then stop before the apostrophe */
            size_t k = j + al, e = k;
            while (e < n && evc_is_alpha(s[e]))
                e++;
            int clitic = 0;
            for (int c = 0; CLITICS[c]; c++)
                if (evc_eq_nocase((const char *)s + k, e - k, CLITICS[c]))
                    clitic = 1;
            if (clitic)
                return j;
            if (evc_eq_nocase((const char *)s + k, e - k, "t") && j - 1 > i && (s[j - 1] == 'n' || s[j - 1] == 'N'))
                return j - 1; /* don't -> do n't */
            j = k;
            continue;
        }
        if (s[j] == '.' && evc_is_abbrev((const char *)s + i, j - i)) {
            *abbr = 1;
            return j + 1;
        }
        return j;
    }
}

int evc_tokenize(evc_arena *a, const char *str, size_t n, size_t base, evc_token_vec *out)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        if (is_space_at(s + i, n - i)) {
            i += s[i] == 0xC2 ? 2 : 1;
            continue;
        }
        int q;
        size_t pl = punct_len(s + i, n - i, &q);
        if (pl) {
            /* clitic after a word: 's 're n't */
            size_t al = apos_len(s + i, n - i);
            if (al && out->n && out->v[out->n - 1].start + out->v[out->n - 1].len == i + base && i + al < n &&
                evc_is_alpha(s[i + al])) {
                size_t e = i + al;
                while (e < n && evc_is_alpha(s[e]))
                    e++;
                if (push(a, out, i, e - i, EVC_TK_WORD, str, base))
                    return -1;
                i = e;
                continue;
            }
            if (push(a, out, i, pl, (uint16_t)(EVC_TK_PUNCT | (q ? EVC_TK_QUOTE : 0)), str, base))
                return -1;
            i += pl;
            continue;
        }
        int abbr;
        size_t e = scan_word(s, n, i, &abbr);
        if (e == i)
            e = i + 1;
        uint16_t fl = EVC_TK_WORD | (abbr ? EVC_TK_ABBR : 0);
        size_t letters = 0, upper = 0, digits = 0;
        for (size_t k = i; k < e; k++) {
            if (evc_is_alpha(s[k])) {
                letters++;
                upper += evc_is_upper(s[k]);
            } else if (evc_is_digit(s[k])) {
                digits++;
            } else if (s[k] >= 0x80 && (s[k] & 0xC0) != 0x80) {
                letters++;
            }
        }
        if (evc_is_upper(s[i]) || (s[i] >= 0xC3 && s[i] <= 0xC3 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9E))
            fl |= EVC_TK_CAP;
        if (letters >= 2 && upper == letters)
            fl |= EVC_TK_ALLCAPS;
        if (digits && !letters)
            fl |= EVC_TK_NUM;
        if (push(a, out, i, e - i, fl, str, base))
            return -1;
        out->v[out->n - 1].nletters = (uint16_t)(letters > 65535 ? 65535 : letters);
        i = e;
    }
    return 0;
}
