#define _POSIX_C_SOURCE 200809L
#include "dictload.h"
#include "places.h"
#include "util.h"
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

typedef evc_loader loader;

evc_status evc_load_fail(loader *L, evc_status st, const char *fmt, const char *arg)
{
    if (L->err) {
        L->err->code = st;
        L->err->line = L->line;
        snprintf(L->err->file, sizeof L->err->file, "%s", L->file ? L->file : "");
        snprintf(L->err->msg, sizeof L->err->msg, fmt, arg ? arg : "");
    }
    return st;
}

evc_status evc_load_report(loader *L, evc_status st)
{
    if (st == EVC_ERR_DICT && !L->on_error && L->ctx->peer) {
        /* peer dictionaries carry old slips ("9008223"): skipped, as their
         * programs skip them, and counted (evcode dict check lists them) */
        L->ctx->n_skipped++;
        return EVC_OK;
    }
    if (st != EVC_ERR_DICT || !L->on_error)
        return st;
    L->on_error(L->user, L->err);
    L->n_errors++;
    return EVC_OK;
}

#define lfail evc_load_fail
#define NOMEM(L) lfail((L), EVC_ERR_NOMEM, "out of memory%s", NULL)

char *evc_read_file(const char *path, size_t *len, int *missing)
{
    *missing = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        *missing = errno == ENOENT;
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n + 1 >= cap) {
            char *nb = cap > SIZE_MAX / 2 ? NULL : realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        free(buf);
        return NULL;
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

/* Cuts comments and surrounding space; returns the trimmed length. */
static size_t clean_line(char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) {
            n = i;
            break;
        }
    while (n && evc_is_space((unsigned char)s[n - 1]))
        n--;
    return n;
}

static char *trim(char *s, size_t *n)
{
    while (*n && evc_is_space((unsigned char)*s)) {
        s++;
        (*n)--;
    }
    while (*n && evc_is_space((unsigned char)s[*n - 1]))
        (*n)--;
    return s;
}

static int caps_word(const char *s, size_t n)
{
    size_t letters = 0, upper = 0;
    for (size_t i = 0; i < n; i++)
        if (evc_is_alpha(s[i])) {
            letters++;
            upper += evc_is_upper(s[i]);
        }
    return letters >= 2 && letters <= 4 && upper == letters;
}

/* Tokenizes a dictionary phrase into L->words; returns the count, 0 on error. */
size_t evc_load_words(loader *L, const char *s, size_t n, const char *raw, evc_arena *tmp)
{
    evc_token_vec toks = {0};
    evc_arena_reset(tmp);
    if (evc_tokenize(tmp, s, n, 0, &toks))
        return 0;
    for (size_t i = 0; i < toks.n; i++) {
        evc_word *w = EVC_VEC_PUSH(&L->ctx->arena, L->words);
        if (!w)
            return 0;
        w->h = toks.v[i].h;
        w->caps = (uint8_t)caps_word(s + toks.v[i].start, toks.v[i].len);
        w->loose = w->plural = 0;
        for (size_t k = i ? toks.v[i - 1].start + toks.v[i - 1].len : 0; raw && i && k < toks.v[i].start; k++)
            w->loose |= raw[k] == ' ' || raw[k] == '\t';
    }
    return toks.n;
}

static int parse_bound(const char *s, size_t n, int end, long *out)
{
    int y = 0, m = end ? 12 : 1, d = 1;
    if (n != 4 && n != 7 && n != 10)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!(evc_is_digit(s[i]) || ((i == 4 || i == 7) && s[i] == '-')))
            return -1;
    y = atoi(s);
    if (n >= 7)
        m = atoi(s + 5);
    if (m < 1 || m > 12)
        return -1;
    if (n == 10) {
        d = atoi(s + 8);
        if (d < 1 || d > 31)
            return -1;
        *out = evc_days_from_civil(y, m, d);
        return 0;
    }
    if (end) { /* last day of the year or month */
        int ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;
        *out = evc_days_from_civil(ny, nm, 1) - 1;
    } else {
        *out = evc_days_from_civil(y, m, 1);
    }
    return 0;
}

static int valid_code(const char *s, size_t n)
{
    if (n < 3 || n > 15)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!(evc_is_upper(s[i]) || evc_is_digit(s[i])))
            return 0;
    return 1;
}

evc_status evc_load_phrase(loader *L, size_t w0, size_t nw, uint16_t flags, size_t codes0, const char *canon)
{
    evc_phrase *p = EVC_VEC_PUSH(&L->ctx->arena, L->phrases);
    if (!p)
        return NOMEM(L);
    p->first = L->words.v[w0].h;
    p->words = (uint32_t)w0;
    p->n_words = (uint16_t)nw;
    p->flags = flags;
    p->codes = (uint32_t)codes0;
    p->n_codes = (uint16_t)(L->codes.n - codes0);
    p->file = L->file_idx;
    p->line = (uint32_t)L->line;
    p->name = canon;
    return EVC_OK;
}

/* NAME | NAME = CODESPEC... +FLAGS   (agents: NAME | NAME = ROLE) */
static evc_status parse_actor_line(loader *L, char *s, size_t n, uint16_t base_flags, evc_arena *tmp)
{
    char *eq = memchr(s, '=', n);
    if (!eq)
        return lfail(L, EVC_ERR_DICT, "missing '=' between names and codes%s", NULL);
    size_t rn = n - (size_t)(eq + 1 - s);
    char *r = eq + 1;
    uint16_t flags = base_flags;
    size_t codes_start = L->codes.n;
    while (rn) {
        r = trim(r, &rn);
        size_t w = 0;
        while (w < rn && !evc_is_space((unsigned char)r[w]))
            w++;
        if (!w)
            break;
        if (r[0] == '+') {
            if (evc_eq_nocase(r + 1, w - 1, "m")) flags |= EVC_PH_MALE | EVC_PH_PERSON;
            else if (evc_eq_nocase(r + 1, w - 1, "f")) flags |= EVC_PH_FEMALE | EVC_PH_PERSON;
            else if (evc_eq_nocase(r + 1, w - 1, "person")) flags |= EVC_PH_PERSON;
            else if (evc_eq_nocase(r + 1, w - 1, "group")) flags |= EVC_PH_GROUP;
            else if (evc_eq_nocase(r + 1, w - 1, "country")) flags |= EVC_PH_COUNTRY;
            else if (evc_eq_nocase(r + 1, w - 1, "capital")) flags = (uint16_t)((flags & ~EVC_PH_COUNTRY) | EVC_PH_CAPITAL);
            else if (evc_eq_nocase(r + 1, w - 1, "adj")) flags = (uint16_t)((flags & ~EVC_PH_COUNTRY) | EVC_PH_ADJ);
            else {
                r[w] = 0;
                return lfail(L, EVC_ERR_DICT, "unknown flag '%s'", r);
            }
        } else {
            char *at = memchr(r, '@', w);
            size_t cl = at ? (size_t)(at - r) : w;
            if (!valid_code(r, cl)) {
                r[w] = 0;
                return lfail(L, EVC_ERR_DICT, "invalid code '%s' (capital letters and digits, 3 to 15)", r);
            }
            evc_codespec *c = EVC_VEC_PUSH(&L->ctx->arena, L->codes);
            if (!c)
                return NOMEM(L);
            c->code = evc_arena_strndup(&L->ctx->arena, r, cl);
            c->from = LONG_MIN;
            c->to = LONG_MAX;
            if (at) {
                char *range = at + 1;
                size_t rl = w - cl - 1;
                char *dots = NULL;
                for (size_t i = 0; i + 1 < rl; i++)
                    if (range[i] == '.' && range[i + 1] == '.') {
                        dots = range + i;
                        break;
                    }
                if (!dots) {
                    r[w] = 0;
                    return lfail(L, EVC_ERR_DICT, "date range '%s' needs FROM..TO", r);
                }
                size_t fl = (size_t)(dots - range), tl = rl - fl - 2;
                if ((fl && parse_bound(range, fl, 0, &c->from)) || (tl && parse_bound(dots + 2, tl, 1, &c->to)) ||
                    c->from > c->to) {
                    r[w] = 0;
                    return lfail(L, EVC_ERR_DICT, "invalid date range in '%s'", r);
                }
            }
            if (!c->code)
                return NOMEM(L);
        }
        r += w;
        rn -= w;
    }
    if (L->codes.n == codes_start)
        return lfail(L, EVC_ERR_DICT, "no code after '='%s", NULL);
    if (!(flags & (EVC_PH_COUNTRY | EVC_PH_GROUP | EVC_PH_PERSON | EVC_PH_ADJ | EVC_PH_CAPITAL | EVC_PH_AGENT)))
        flags |= EVC_PH_ORG;
    /* names */
    size_t ln = (size_t)(eq - s);
    char *name = s;
    const char *canon = NULL;
    while (ln) {
        char *bar = memchr(name, '|', ln);
        size_t nl = bar ? (size_t)(bar - name) : ln;
        size_t tl = nl;
        char *t = trim(name, &tl);
        if (!tl)
            return lfail(L, EVC_ERR_DICT, "empty name%s", NULL);
        if (!canon && !(canon = evc_arena_strndup(&L->ctx->arena, t, tl)))
            return NOMEM(L);
        size_t w0 = L->words.n;
        size_t nw = evc_load_words(L, t, tl, NULL, tmp);
        if (!nw || nw > 32)
            return nw ? lfail(L, EVC_ERR_DICT, "name longer than 32 words%s", NULL) : NOMEM(L);
        evc_status st = evc_load_phrase(L, w0, nw, (uint16_t)(flags | (evc_is_upper((unsigned char)t[0]) ? EVC_PH_CAPFIRST : 0)),
                                        codes_start, canon);
        if (st)
            return st;
        if (!bar)
            break;
        ln -= nl + 1;
        name = bar + 1;
    }
    return EVC_OK;
}

evc_status evc_load_alt(loader *L, uint64_t h)
{
    uint64_t *a = EVC_VEC_PUSH(&L->ctx->arena, L->alts);
    if (!a || evc_htab_put(&L->ctx->known, h, 1))
        return NOMEM(L);
    *a = h;
    return EVC_OK;
}

/* One pattern element word list: "word", "{a|b}" or "(a|b)". */
static evc_status add_alts(loader *L, const char *s, size_t n, evc_pelem *e, evc_arena *tmp)
{
    e->alts = (uint32_t)L->alts.n;
    while (n) {
        const char *bar = memchr(s, '|', n);
        size_t wl = bar ? (size_t)(bar - s) : n;
        evc_token_vec toks = {0};
        evc_arena_reset(tmp);
        if (evc_tokenize(tmp, s, wl, 0, &toks))
            return NOMEM(L);
        evc_status st = EVC_OK;
        if (wl > 1 && s[0] == '&') { /* a word set: every one of its words */
            const uint64_t *v = evc_htab_get(&L->sets, evc_hash(s + 1, wl - 1));
            if (!v) {
                char name[64];
                snprintf(name, sizeof name, "%.*s", (int)(wl < 63 ? wl : 63), s);
                return lfail(L, EVC_ERR_DICT, "unknown word set '%s' (define it first: &NAME = a | b)", name);
            }
            for (size_t k = 0; st == EVC_OK && k < (*v & 0xffffffffu); k++, e->n_alts++)
                st = evc_load_alt(L, L->set_words.v[(*v >> 32) + k]);
        } else {
            if (toks.n != 1)
                return lfail(L, EVC_ERR_DICT, "pattern word must be a single token%s", NULL);
            st = evc_load_alt(L, toks.v[0].h);
            e->n_alts++;
        }
        if (st)
            return st;
        if (!bar)
            break;
        n -= wl + 1;
        s = bar + 1;
    }
    return e->n_alts ? EVC_OK : lfail(L, EVC_ERR_DICT, "empty word list%s", NULL);
}

/* "&NAME = word | word ...": a word set for the patterns that follow. */
static evc_status parse_word_set(loader *L, char *s, size_t n, evc_arena *tmp)
{
    char *eq = memchr(s, '=', n);
    size_t nl = eq ? (size_t)(eq - s) : 0;
    while (nl > 1 && evc_is_space((unsigned char)s[nl - 1]))
        nl--;
    if (!eq || nl < 2)
        return lfail(L, EVC_ERR_DICT, "expected '&NAME = word | word ...'%s", NULL);
    for (size_t i = 1; i < nl; i++)
        if (!evc_is_alpha((unsigned char)s[i]) && !evc_is_digit((unsigned char)s[i]) && s[i] != '_')
            return lfail(L, EVC_ERR_DICT, "a word set name is letters, digits and '_'%s", NULL);
    uint64_t key = evc_hash(s + 1, nl - 1);
    if (evc_htab_get(&L->sets, key))
        return lfail(L, EVC_ERR_DICT, "word set defined twice%s", NULL);
    size_t start = L->set_words.n;
    char *p = eq + 1, *end = s + n;
    while (p < end) {
        char *bar = memchr(p, '|', (size_t)(end - p));
        size_t wl = bar ? (size_t)(bar - p) : (size_t)(end - p);
        char *w = trim(p, &wl);
        evc_token_vec toks = {0};
        evc_arena_reset(tmp);
        if (evc_tokenize(tmp, w, wl, 0, &toks))
            return NOMEM(L);
        if (toks.n != 1)
            return lfail(L, EVC_ERR_DICT, "a word set holds single words%s", NULL);
        uint64_t *slot = EVC_VEC_PUSH(&L->ctx->arena, L->set_words);
        if (!slot)
            return NOMEM(L);
        *slot = toks.v[0].h;
        p = bar ? bar + 1 : end;
    }
    if (L->set_words.n == start)
        return lfail(L, EVC_ERR_DICT, "empty word set%s", NULL);
    if (evc_htab_put(&L->sets, key, (uint64_t)start << 32 | (L->set_words.n - start)))
        return NOMEM(L);
    L->ctx->n_synsets++;
    return EVC_OK;
}

static evc_status parse_verb_line(loader *L, char *s, size_t n, evc_arena *tmp)
{
    if (s[0] == '&')
        return parse_word_set(L, s, n, tmp);
    size_t cl = 0;
    while (cl < n && evc_is_digit(s[cl]))
        cl++;
    if (cl == 0 && n > 3 && !memcmp(s, "---", 3))
        cl = 3; /* a pattern that codes nothing where it matches */
    if (cl < 2 || cl > 4 || cl == n || !evc_is_space((unsigned char)s[cl]))
        return lfail(L, EVC_ERR_DICT, "expected 'CODE PATTERN' with a 2-4 digit CAMEO code or ---%s", NULL);
    char code[8];
    memcpy(code, s, cl);
    code[cl] = 0;
    if (s[0] != '-' && !evc_cameo_find(L->ctx, code) && L->ctx->n_cameo)
        return lfail(L, EVC_ERR_DICT, "unknown CAMEO code '%s'", code);
    size_t pn = n - cl;
    char *p = trim(s + cl, &pn);
    evc_pattern *pat = EVC_VEC_PUSH(&L->ctx->arena, L->patterns);
    if (!pat)
        return NOMEM(L);
    pat->code = evc_arena_strndup(&L->ctx->arena, code, cl);
    pat->text = evc_arena_strndup(&L->ctx->arena, p, pn);
    pat->elems = (uint32_t)L->elems.n;
    pat->file = L->file_idx;
    pat->line = (uint32_t)L->line;
    if (!pat->code || !pat->text)
        return NOMEM(L);
    while (pn) {
        p = trim(p, &pn);
        if (!pn)
            break;
        size_t w;
        evc_pelem *e = EVC_VEC_PUSH(&L->ctx->arena, L->elems);
        if (!e)
            return NOMEM(L);
        evc_status st = EVC_OK;
        if (p[0] == '{' || p[0] == '(') {
            char close = p[0] == '{' ? '}' : ')';
            char *c = memchr(p, close, pn);
            if (!c)
                return lfail(L, EVC_ERR_DICT, "unbalanced '%s'", p[0] == '{' ? "{" : "(");
            w = (size_t)(c - p) + 1;
            e->kind = close == '}' ? EVC_PE_WORD : EVC_PE_OPT;
            st = add_alts(L, p + 1, w - 2, e, tmp);
        } else {
            w = 0;
            while (w < pn && !evc_is_space((unsigned char)p[w]))
                w++;
            if (w == 1 && p[0] == '*')
                e->kind = EVC_PE_TARGET;
            else if (w == 1 && p[0] == '$')
                e->kind = EVC_PE_SOURCE;
            else if (w == 1 && p[0] == '_')
                e->kind = EVC_PE_GAP;
            else {
                e->kind = EVC_PE_WORD;
                st = add_alts(L, p, w, e, tmp);
            }
        }
        if (st)
            return st;
        pat->n_elems++;
        p += w;
        pn -= w;
    }
    if (!pat->n_elems || L->elems.v[pat->elems].kind != EVC_PE_WORD)
        return lfail(L, EVC_ERR_DICT, "a pattern must start with a word%s", NULL);
    return EVC_OK;
}

static evc_status parse_cameo_line(loader *L, char *s, size_t n)
{
    size_t cl = 0;
    while (cl < n && evc_is_digit(s[cl]))
        cl++;
    if (cl < 2 || cl > 4 || cl == n)
        return lfail(L, EVC_ERR_DICT, "expected 'CODE GOLDSTEIN DESCRIPTION'%s", NULL);
    char *end;
    s[n] = 0;
    double g = strtod(s + cl, &end);
    if (end == s + cl || g < -10 || g > 10)
        return lfail(L, EVC_ERR_DICT, "invalid Goldstein value%s", NULL);
    size_t dl = n - (size_t)(end - s);
    char *d = trim(end, &dl);
    evc_cameo *c = EVC_VEC_PUSH(&L->ctx->arena, L->cameo);
    if (!c)
        return NOMEM(L);
    c->code = evc_arena_strndup(&L->ctx->arena, s, cl);
    c->desc = evc_arena_strndup(&L->ctx->arena, d, dl);
    c->goldstein = g;
    if (!c->code || !c->desc)
        return NOMEM(L);
    int key = (int)cl * 10000 + atoi(c->code);
    L->ctx->cameo_slot[key] = (int16_t)L->cameo.n;
    L->ctx->cameo = L->cameo.v;
    L->ctx->n_cameo = L->cameo.n;
    return EVC_OK;
}

static evc_status parse_lemma_line(loader *L, char *s, size_t n)
{
    size_t a = 0;
    while (a < n && !evc_is_space((unsigned char)s[a]))
        a++;
    size_t bn = n - a;
    char *b = trim(s + a, &bn);
    if (!a || !bn)
        return lfail(L, EVC_ERR_DICT, "expected 'FORM LEMMA'%s", NULL);
    char x[128], y[128];
    size_t xl = evc_token_norm(s, a, x, sizeof x), yl = evc_token_norm(b, bn, y, sizeof y);
    if (evc_htab_put(&L->ctx->lemmas, evc_hash(x, xl), evc_hash(y, yl)))
        return NOMEM(L);
    L->ctx->n_lemmas++;
    return EVC_OK;
}

static evc_status parse_boiler_line(loader *L, char *s, size_t n)
{
    static const char *const kinds[] = {"", "line:", "prefix:", "contains:", "outlet:"};
    for (int k = 1; k <= 4; k++) {
        size_t kl = strlen(kinds[k]);
        if (n > kl && evc_eq_nocase(s, kl, kinds[k])) {
            size_t tl = n - kl;
            char *t = trim(s + kl, &tl);
            evc_boiler *b = EVC_VEC_PUSH(&L->ctx->arena, L->boiler);
            if (!b)
                return NOMEM(L);
            char *low = evc_arena_strndup(&L->ctx->arena, t, tl);
            if (!low)
                return NOMEM(L);
            for (size_t i = 0; i < tl; i++)
                low[i] = (char)evc_to_lower((unsigned char)low[i]);
            b->kind = k;
            b->text = low;
            b->len = tl;
            return EVC_OK;
        }
    }
    return lfail(L, EVC_ERR_DICT, "expected 'line:', 'prefix:', 'contains:' or 'outlet:'%s", NULL);
}

enum { F_CAMEO, F_COUNTRIES, F_ACTORS, F_PEOPLE, F_AGENTS, F_VERBS, F_LEMMAS, F_BOILER, F_DISCARDS, F_PLACES };
static const struct {
    const char *path;
    int kind;
    int required;
} FILES[] = {
    {"cameo.txt", F_CAMEO, 1},         {"en/lemmas.txt", F_LEMMAS, 0}, {"en/countries.txt", F_COUNTRIES, 0},
    {"en/actors.txt", F_ACTORS, 0},    {"en/people.txt", F_PEOPLE, 0}, {"en/agents.txt", F_AGENTS, 0},
    {"en/verbs.txt", F_VERBS, 1},      {"en/boilerplate.txt", F_BOILER, 0}, {"en/discards.txt", F_DISCARDS, 0},
    {"places.tsv", F_PLACES, 0},
};

/* "PHRASE" (the sentence is not coded) or "PHRASE +story" (nor is the rest
 * of the article). */
static evc_status parse_discard_line(loader *L, char *s, size_t n, evc_arena *tmp)
{
    uint16_t flags = EVC_PH_DISCARD;
    if (n > 7 && !memcmp(s + n - 6, "+story", 6) && evc_is_space((unsigned char)s[n - 7])) {
        flags |= EVC_PH_STORY;
        n -= 7;
        s = trim(s, &n);
    }
    if (memchr(s, '+', n) || memchr(s, '=', n))
        return lfail(L, EVC_ERR_DICT, "expected 'PHRASE' or 'PHRASE +story'%s", NULL);
    size_t w0 = L->words.n;
    size_t nw = evc_load_words(L, s, n, NULL, tmp);
    if (!nw)
        return NOMEM(L);
    evc_status st = evc_load_phrase(L, w0, nw, flags, L->codes.n, NULL);
    if (st == EVC_OK)
        L->ctx->n_discards++;
    return st;
}

evc_status evc_load_file(loader *L, const char *path)
{
    L->line = 0;
    const char *fname = evc_arena_strndup(&L->ctx->arena, path, strlen(path));
    const char **slot = fname ? EVC_VEC_PUSH(&L->ctx->arena, L->files) : NULL;
    if (!slot || L->files.n > 65535)
        return NOMEM(L);
    *slot = fname;
    L->ctx->files = L->files.v;
    L->file_idx = (uint16_t)(L->files.n - 1);
    L->ctx->n_files = L->files.n;
    L->file = fname;
    return EVC_OK;
}

evc_status evc_load_dir(loader *L, const char *path)
{
    for (size_t i = 0; i < L->dirs.n; i++)
        if (!strcmp(L->dirs.v[i], path))
            return EVC_OK;
    const char *keep = evc_arena_strndup(&L->ctx->arena, path, strlen(path));
    const char **slot = keep ? EVC_VEC_PUSH(&L->ctx->arena, L->dirs) : NULL;
    if (!slot)
        return NOMEM(L);
    *slot = keep;
    L->ctx->dirs = L->dirs.v;
    L->ctx->n_dirs = L->dirs.n;
    return EVC_OK;
}

static evc_status load_path(loader *L, const char *path, int kind, int required, evc_arena *tmp)
{
    size_t len;
    int missing;
    L->file = path;
    L->line = 0;
    char *buf = evc_read_file(path, &len, &missing);
    if (!buf) {
        if (missing && !required)
            return EVC_OK;
        return lfail(L, EVC_ERR_IO, missing ? "cannot find %s" : "cannot read %s", path);
    }
    if (evc_load_file(L, path)) {
        free(buf);
        return NOMEM(L);
    }
    evc_status st = EVC_OK;
    char *s = buf;
    while (st == EVC_OK && s < buf + len) {
        char *nl = memchr(s, '\n', (size_t)(buf + len - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(buf + len - s);
        L->line++;
        size_t cn = clean_line(s, n);
        size_t tn = cn;
        char *t = trim(s, &tn);
        if (tn) {
            t[tn] = 0;
            size_t snap[8] = {L->phrases.n, L->words.n, L->codes.n, L->patterns.n,
                              L->elems.n,   L->alts.n,  L->cameo.n, L->boiler.n};
            switch (kind) {
            case F_CAMEO: st = parse_cameo_line(L, t, tn); break;
            case F_COUNTRIES: st = parse_actor_line(L, t, tn, EVC_PH_COUNTRY, tmp); break;
            case F_ACTORS: st = parse_actor_line(L, t, tn, 0, tmp); break;
            case F_PEOPLE: st = parse_actor_line(L, t, tn, EVC_PH_PERSON, tmp); break;
            case F_AGENTS: st = parse_actor_line(L, t, tn, EVC_PH_AGENT, tmp); break;
            case F_VERBS: st = parse_verb_line(L, t, tn, tmp); break;
            case F_LEMMAS: st = parse_lemma_line(L, t, tn); break;
            case F_BOILER: st = parse_boiler_line(L, t, tn); break;
            case F_DISCARDS: st = parse_discard_line(L, t, tn, tmp); break;
            case F_PLACES: st = evc_places_line(L, t, tn, tmp); break;
            }
            if (st == EVC_ERR_DICT && L->on_error) {
                /* check mode: undo the half-read entry, report, read on */
                L->phrases.n = snap[0], L->words.n = snap[1], L->codes.n = snap[2], L->patterns.n = snap[3];
                L->elems.n = snap[4], L->alts.n = snap[5], L->cameo.n = snap[6], L->boiler.n = snap[7];
                st = evc_load_report(L, st);
            }
        }
        s = nl ? nl + 1 : buf + len;
    }
    free(buf);
    return st;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Loads DIR/en/stem.txt, then DIR/en/stem-*.txt in name order (regional or
 * user files of the same kind). */
static evc_status load_kind(loader *L, const char *dir, int idx, evc_arena *tmp)
{
    char path[4096];
    int w = snprintf(path, sizeof path, "%s/%s", dir, FILES[idx].path);
    if (w < 0 || (size_t)w >= sizeof path - 64)
        return lfail(L, EVC_ERR_ARG, "dictionary path too long%s", NULL);
    evc_status st = load_path(L, path, FILES[idx].kind, FILES[idx].required, tmp);
    if (st)
        return st;
    /* siblings: "en/people.txt" -> "en/people-*.txt" */
    char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
    if (!slash || !dot || dot < slash)
        return EVC_OK;
    char stem[256];
    size_t sl = (size_t)(dot - slash - 1);
    if (sl + 2 > sizeof stem)
        return EVC_OK;
    memcpy(stem, slash + 1, sl);
    stem[sl] = '-';
    stem[sl + 1] = 0;
    char ext[16]; /* siblings share the extension: "places.tsv" -> "places-*.tsv" */
    size_t el = strlen(dot);
    if (el >= sizeof ext)
        return EVC_OK;
    memcpy(ext, dot, el + 1);
    *slash = 0;
    if (evc_load_dir(L, path))
        return NOMEM(L);
    DIR *dp = opendir(path);
    if (!dp)
        return EVC_OK;
    EVC_VEC(char *) names = {0};
    struct dirent *e;
    while ((e = readdir(dp))) {
        size_t n = strlen(e->d_name);
        if (strncmp(e->d_name, stem, sl + 1) != 0 || n < sl + 2 + el || strcmp(e->d_name + n - el, ext) != 0)
            continue;
        char **slot = EVC_VEC_PUSH(&L->ctx->arena, names);
        if (!slot || !(*slot = evc_arena_strndup(&L->ctx->arena, e->d_name, n))) {
            closedir(dp);
            return NOMEM(L);
        }
    }
    closedir(dp);
    if (names.n)
        qsort(names.v, names.n, sizeof *names.v, cmp_str);
    char dirpath[4096];
    snprintf(dirpath, sizeof dirpath, "%s", path);
    for (size_t i = 0; st == EVC_OK && i < names.n; i++) {
        char full[4096 + 256];
        snprintf(full, sizeof full, "%s/%s", dirpath, names.v[i]);
        char *keep = evc_arena_strndup(&L->ctx->arena, full, strlen(full));
        if (!keep)
            return NOMEM(L);
        st = load_path(L, keep, FILES[idx].kind, 1, tmp);
    }
    return st;
}

static int cmp_phrase(const void *a, const void *b)
{
    const evc_phrase *x = a, *y = b;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    if (x->n_words != y->n_words)
        return x->n_words > y->n_words ? -1 : 1;
    /* people and named actors before agents with the same words */
    return (int)(x->flags & EVC_PH_AGENT) - (int)(y->flags & EVC_PH_AGENT);
}

typedef struct anchor_pair { uint64_t h; uint32_t id; } anchor_pair;

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The words pattern p needs, as filter bits: its required single words
 * other than the anchor (the last four), except "with", which a partial
 * match may leave out, and stems. */
static void needed_words(const evc_ctx *c, const evc_pattern *p, uint16_t need[4])
{
    int n = 0;
    for (int i = 0; i < 4; i++)
        need[i] = EVC_NO_NEED;
    for (uint16_t k = 0; k < p->n_elems; k++) {
        const evc_pelem *e = &c->elems[p->elems + k];
        if (k == p->n_pre || e->kind != EVC_PE_WORD || e->n_alts != 1 || (e->adj & EVC_PE_STEMS) ||
            c->alts[e->alts] == evc_hash("with", 4))
            continue; /* a stem is no word of its own to look for */
        need[n++ % 4] = (uint16_t)evc_word_bit(c->alts[e->alts]);
    }
}

/* Is h in the sorted list v[0..n)? */
static int in_list(const uint64_t *v, size_t n, uint64_t h)
{
    size_t lo = 0, hi = n;
    EVC_LOWER_BOUND(lo, hi, mid, v[mid] < h);
    return lo < n && v[lo] == h;
}

static int cmp_anchor(const void *a, const void *b)
{
    const anchor_pair *x = a, *y = b;
    if (x->h != y->h)
        return x->h < y->h ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

static evc_status build_indexes(loader *L)
{
    evc_ctx *c = L->ctx;
    c->phrases = L->phrases.v;
    c->n_phrases = L->phrases.n;
    c->words = L->words.v;
    c->n_words = L->words.n;
    c->codes = L->codes.v;
    c->n_codes = L->codes.n;
    if (c->n_phrases)
        qsort(c->phrases, c->n_phrases, sizeof *c->phrases, cmp_phrase);
    for (size_t i = 0; i < c->n_phrases; i++) {
        uint8_t sl = c->words[c->phrases[i].words].stem;
        if (sl && sl < 64)
            c->stem_lens |= (uint64_t)1 << sl;
    }
    for (size_t i = 0; i < c->n_phrases;) {
        size_t j = i;
        while (j < c->n_phrases && c->phrases[j].first == c->phrases[i].first)
            j++;
        if (evc_htab_put(&c->phrase_index, c->phrases[i].first, (uint64_t)i << 32 | (j - i)))
            return NOMEM(L);
        i = j;
    }
    for (size_t i = 0; i < c->n_phrases; i++) {
        const evc_phrase *p = &c->phrases[i];
        if (!(p->flags & EVC_PH_PERSON) || p->n_words < 2)
            continue;
        uint64_t last = c->words[p->words + p->n_words - 1].h;
        const uint64_t *v = evc_htab_get(&c->surnames, last);
        uint64_t val = i + 1;
        if (v && *v && strcmp(c->phrases[*v - 1].name, p->name) != 0)
            val = 0; /* two people share the surname: never guess */
        else if (v)
            continue;
        if (evc_htab_put(&c->surnames, last, val))
            return NOMEM(L);
    }
    for (size_t i = 0; i < c->n_phrases; i++) {
        const evc_phrase *p = &c->phrases[i];
        if (!(p->flags & (EVC_PH_COUNTRY | EVC_PH_ADJ | EVC_PH_CAPITAL)))
            continue;
        for (uint16_t k = 0; k < p->n_codes; k++)
            if (strlen(c->codes[p->codes + k].code) >= 3 &&
                evc_htab_put(&c->countries, evc_hash(c->codes[p->codes + k].code, 3), 1))
                return NOMEM(L);
    }
    c->patterns = L->patterns.v;
    c->n_patterns = L->patterns.n;
    c->elems = L->elems.v;
    c->n_elems = L->elems.n;
    c->alts = L->alts.v;
    c->n_alts = L->alts.n;
    /* each element's alternatives in ascending order: the coder looks words
     * up in long lists (word sets) by binary search */
    for (size_t i = 0; i < c->n_elems; i++)
        if (c->elems[i].n_alts > 1)
            qsort(c->alts + c->elems[i].alts, c->elems[i].n_alts, sizeof *c->alts, cmp_u64);
    size_t np = 0;
    for (size_t i = 0; i < c->n_patterns; i++)
        np += c->elems[c->patterns[i].elems + c->patterns[i].n_pre].n_alts;
    anchor_pair *pairs = evc_arena_calloc(&c->arena, np ? np : 1, sizeof *pairs);
    c->anchors = evc_arena_calloc(&c->arena, np ? np : 1, sizeof *c->anchors);
    if (!pairs || !c->anchors)
        return NOMEM(L);
    size_t k = 0;
    for (size_t i = 0; i < c->n_patterns; i++) {
        const evc_pelem *e = &c->elems[c->patterns[i].elems + c->patterns[i].n_pre];
        for (uint16_t a = 0; a < e->n_alts; a++)
            pairs[k++] = (anchor_pair){c->alts[e->alts + a], (uint32_t)i};
    }
    if (np)
        qsort(pairs, np, sizeof *pairs, cmp_anchor);
    if (L->verb_stems.n)
        qsort(L->verb_stems.v, L->verb_stems.n, sizeof *L->verb_stems.v, cmp_u64);
    if (L->verb_exact.n)
        qsort(L->verb_exact.v, L->verb_exact.n, sizeof *L->verb_exact.v, cmp_u64);
    for (size_t i = 0; i < np;) {
        size_t j = i;
        int stem = in_list(L->verb_stems.v, L->verb_stems.n, pairs[i].h)   ? 1
                   : in_list(L->verb_exact.v, L->verb_exact.n, pairs[i].h) ? 2
                                                                          : 0;
        while (j < np && pairs[j].h == pairs[i].h) {
            c->anchors[j].pattern = pairs[j].id;
            c->anchors[j].stem = (uint32_t)stem;
            needed_words(c, &c->patterns[pairs[j].id], c->anchors[j].need);
            j++;
        }
        if (evc_htab_put(&c->verb_index, pairs[i].h, (uint64_t)i << 32 | (j - i)))
            return NOMEM(L);
        i = j;
    }
    c->n_anchors = np;
    c->boiler = L->boiler.v;
    c->n_boiler = L->boiler.n;
    return EVC_OK;
}

/* Our files of kind idx from dir; in peer mode only the language resources
 * (CAMEO table, lemmas, boilerplate) and the gazetteer */
static evc_status load_ours(loader *L, const char *dir, int peer, evc_arena *tmp)
{
    evc_status st = EVC_OK;
    for (size_t i = 0; st == EVC_OK && i < sizeof FILES / sizeof FILES[0]; i++) {
        int k = FILES[i].kind;
        if (!peer || k == F_CAMEO || k == F_LEMMAS || k == F_BOILER || k == F_PLACES)
            st = load_kind(L, dir, (int)i, tmp);
    }
    return st;
}

evc_status evc_dict_load(evc_ctx *ctx, const char *dir, const char *const *files, size_t n_files, evc_error *err,
                         evc_dict_error_fn on_error, void *user)
{
    loader L;
    evc_error scratch;
    memset(&L, 0, sizeof L);
    L.ctx = ctx;
    L.err = err ? err : &scratch;
    L.on_error = on_error;
    L.user = user;
    evc_arena tmp;
    evc_arena_init(&tmp, 4096);
    evc_arena_init(&L.scratch, 1 << 16);
    evc_status st = EVC_OK;
    if (n_files) { /* evc_peer_load sets ctx->peer; the base files from dir when it is ours */
        st = load_ours(&L, evc_dict_dir_is_ours(dir) ? dir : evc_default_data_dir(), 1, &tmp);
        for (size_t i = 0; st == EVC_OK && i < n_files; i++) {
            const char *colon = strchr(files[i], ':');
            char kind[16];
            size_t kl = colon ? (size_t)(colon - files[i]) : 0;
            if (!colon || kl >= sizeof kind) {
                L.file = files[i];
                st = lfail(&L, EVC_ERR_ARG, "dictionary file '%s' needs a KIND: prefix", files[i]);
                break;
            }
            memcpy(kind, files[i], kl);
            kind[kl] = 0;
            st = evc_peer_load(&L, kind, colon + 1, &tmp);
        }
    } else {
        if (!evc_peer_load_dir(&L, dir, &tmp, &st)) {
            st = load_ours(&L, dir, 0, &tmp);
        } else if (st == EVC_OK) {
            st = load_ours(&L, evc_default_data_dir(), 1, &tmp);
        }
    }
    if (st == EVC_OK)
        st = build_indexes(&L);
    if (st == EVC_OK)
        st = evc_places_build(&L, &tmp);
    evc_htab_free(&L.sets);
    evc_arena_free(&tmp);
    evc_arena_free(&L.scratch);
    if (st == EVC_OK && L.n_errors)
        st = EVC_ERR_DICT;
    return st;
}

void evc_dict_free(evc_ctx *ctx)
{
    if (ctx->image) { /* the tables live in the mapped cache */
        munmap(ctx->image, ctx->image_len);
        ctx->image = NULL;
        evc_htab_free(&ctx->lex);
        return;
    }
    evc_htab_free(&ctx->phrase_index);
    evc_htab_free(&ctx->verb_index);
    evc_htab_free(&ctx->lemmas);
    evc_htab_free(&ctx->known);
    evc_htab_free(&ctx->surnames);
    evc_htab_free(&ctx->lex);
    evc_htab_free(&ctx->countries);
    evc_places_free(ctx);
}

const char *evc_phrase_code(const evc_ctx *ctx, const evc_phrase *p, long day)
{
    const evc_codespec *fallback = NULL;
    for (uint16_t i = 0; i < p->n_codes; i++) {
        const evc_codespec *c = &ctx->codes[p->codes + i];
        if (c->from == LONG_MIN && c->to == LONG_MAX) {
            if (!fallback)
                fallback = c;
        } else if (day != LONG_MIN && day >= c->from && day <= c->to) {
            return c->code;
        }
    }
    /* with an unknown date, the first dated code (a role says more than the
     * fallback, usually a former official's) */
    if (day == LONG_MIN && p->n_codes)
        return ctx->codes[p->codes].code;
    return fallback ? fallback->code : NULL;
}

int evc_is_country_code(const evc_ctx *ctx, const char *code)
{
    return code && strlen(code) >= 3 && evc_htab_get(&ctx->countries, evc_hash(code, 3)) != NULL;
}

const evc_cameo *evc_cameo_find(const evc_ctx *ctx, const char *code)
{
    size_t n = strlen(code);
    if (n < 2 || n > 4)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (!evc_is_digit(code[i]))
            return NULL;
    int slot = ctx->cameo_slot[(int)n * 10000 + atoi(code)];
    return slot > 0 ? &ctx->cameo[slot - 1] : NULL;
}

int evc_stem_match(const evc_word *w, const evc_token *t, const char *s, size_t n)
{
    if (!w->stem)
        return evc_word_match(w, t);
    if (w->h == t->h)
        return 1;
    if (!(t->flags & EVC_TK_WORD) || n < w->stem)
        return 0;
    char norm[64];
    size_t len = evc_token_norm(s, n, norm, sizeof norm);
    return len >= w->stem && evc_hash(norm, w->stem) == w->h;
}

int evc_stem_keys(const char *s, size_t n, uint64_t lens, uint64_t *out)
{
    char norm[64];
    size_t len = evc_token_norm(s, n, norm, sizeof norm);
    uint64_t h = 1469598103934665603ULL;
    int k = 0;
    for (size_t l = 1; l < len && l < 64; l++) {
        h = (h ^ (unsigned char)norm[l - 1]) * 1099511628211ULL;
        if (lens >> l & 1)
            out[k++] = h ? h : 1; /* evc_hash of the prefix, computed on the way */
    }
    return k;
}

const evc_phrase *evc_phrases_at(const evc_ctx *ctx, uint64_t h, size_t *n)
{
    const uint64_t *v = evc_htab_get(&ctx->phrase_index, h);
    if (!v) {
        *n = 0;
        return NULL;
    }
    *n = (size_t)(*v & 0xffffffffu);
    return &ctx->phrases[*v >> 32];
}

static int known(const evc_ctx *ctx, const char *w, size_t n, uint64_t *h)
{
    *h = evc_hash(w, n);
    return evc_htab_get(&ctx->known, *h) != NULL;
}

uint64_t evc_lemma(const evc_ctx *ctx, const char *s, size_t n, uint64_t h)
{
    const uint64_t *l = evc_htab_get(&ctx->lemmas, h);
    if (l)
        return *l;
    /* an inflection of a pattern word wins even when the inflected form also
     * appears in some pattern ("accused" -> "accuse"); tokens match patterns
     * by their own form too, so nothing is lost */
    char w[64];
    size_t len = evc_token_norm(s, n, w, sizeof w);
    if (len < 4 || len >= sizeof w - 2)
        return h;
    uint64_t c, first = 0;
    char t[64];
    /* the first candidate that anchors a verb pattern, else the first that is
     * a pattern word: "severed" is "sever", not "severe" */
#define TRY(str, l)                                                                                                    \
    do {                                                                                                               \
        if (known(ctx, (str), (l), &c)) {                                                                              \
            if (evc_htab_get(&ctx->verb_index, c))                                                                     \
                return c;                                                                                              \
            if (!first)                                                                                                \
                first = c;                                                                                             \
        }                                                                                                              \
    } while (0)
    if (len > 4 && memcmp(w + len - 3, "ies", 3) == 0) {
        memcpy(t, w, len - 3);
        t[len - 3] = 'y';
        TRY(t, len - 2);
    }
    if (len > 4 && memcmp(w + len - 3, "ied", 3) == 0) {
        memcpy(t, w, len - 3);
        t[len - 3] = 'y';
        TRY(t, len - 2);
    }
    if (w[len - 1] == 's' && w[len - 2] != 's') {
        TRY(w, len - 1);
        if (w[len - 2] == 'e')
            TRY(w, len - 2);
    }
    if (len == 4 && memcmp(w + 2, "ed", 2) == 0 && w[1] != 'e')
        TRY(w, 3); /* "used", "owed"; not "need", "seed" */
    if (len > 4 && memcmp(w + len - 2, "ed", 2) == 0) {
        TRY(w, len - 1);
        TRY(w, len - 2);
        if (w[len - 3] == w[len - 4])
            TRY(w, len - 3);
    }
    /* TABARI's verb ending -en ("departen"), for a verb only: "kroneren" stays */
    if (ctx->peer == EVC_PEER_TABARI && len > 4 && memcmp(w + len - 2, "en", 2) == 0 &&
        known(ctx, w, len - 2, &c) && evc_htab_get(&ctx->verb_index, c))
        return c;
    if (len > 5 && memcmp(w + len - 3, "ing", 3) == 0) {
        TRY(w, len - 3);
        memcpy(t, w, len - 3);
        t[len - 3] = 'e';
        TRY(t, len - 2);
        if (w[len - 4] == w[len - 5])
            TRY(w, len - 4);
    }
#undef TRY
    return first ? first : h;
}

