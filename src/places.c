/*
 * Places: the gazetteer (see places.h).
 */
#include "places.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>

#define lfail evc_load_fail
#define NOMEM(L) lfail((L), EVC_ERR_NOMEM, "out of memory%s", NULL)

enum { MAX_NAME_WORDS = 16 };

/* ---- loading ---- */

static int kind_of(const char *s, size_t n)
{
    static const char *const K[] = {"", "country", "capital", "city", "region"};
    for (int k = EVC_PL_COUNTRY; k <= EVC_PL_REGION; k++)
        if (strlen(K[k]) == n && memcmp(s, K[k], n) == 0)
            return k;
    return 0;
}

/* Indexes one name of place `idx`: its full hash, and the hashes of its
 * first words as prefixes of a longer name. Names that cannot be matched
 * (punctuation, too many words, one word of one or two letters) are skipped. */
static evc_status index_name(evc_loader *L, const char *s, size_t n, uint32_t idx, evc_arena *tmp)
{
    evc_token_vec toks = {0};
    evc_arena_reset(tmp);
    if (evc_tokenize(tmp, s, n, 0, &toks))
        return NOMEM(L);
    if (!toks.n || toks.n > MAX_NAME_WORDS)
        return EVC_OK;
    for (size_t i = 0; i < toks.n; i++)
        if (!(toks.v[i].flags & EVC_TK_WORD))
            return EVC_OK;
    if (toks.n == 1 && toks.v[0].nletters < 3)
        return EVC_OK;
    uint64_t key = toks.v[0].h;
    for (size_t i = 1; i < toks.n; i++) {
        uint64_t *p = EVC_VEC_PUSH(&L->scratch, L->place_prefixes);
        if (!p)
            return NOMEM(L);
        *p = key;
        key = evc_hash_mix(key, toks.v[i].h);
    }
    evc_place_key *k = EVC_VEC_PUSH(&L->scratch, L->place_keys);
    if (!k)
        return NOMEM(L);
    k->key = key;
    k->place = idx;
    return EVC_OK;
}

/* Splits s at tabs into at most `max` fields (the rest are empty). */
static size_t split_tabs(char *s, size_t n, char **f, size_t *fl, size_t max)
{
    size_t k = 0;
    while (k < max) {
        char *tab = memchr(s, '\t', n);
        f[k] = s;
        fl[k] = tab ? (size_t)(tab - s) : n;
        k++;
        if (!tab)
            break;
        n -= fl[k - 1] + 1;
        s = tab + 1;
    }
    for (size_t i = k; i < max; i++) {
        f[i] = s + n;
        fl[i] = 0;
    }
    return k;
}

/* Degrees written [-]D[.DDDD] (strtod is a tenth of the load time). */
static int parse_coord(const char *s, size_t n, double limit, float *out)
{
    size_t i = n && s[0] == '-';
    double v = 0, scale = 1;
    int digits = 0, dot = 0;
    for (; i < n; i++) {
        if (s[i] == '.' && !dot) {
            dot = 1;
        } else if (evc_is_digit(s[i]) && digits < 12) {
            v = v * 10 + (s[i] - '0');
            scale *= dot ? 10 : 1;
            digits++;
        } else {
            return -1;
        }
    }
    v /= scale;
    if (!digits || v > limit)
        return -1;
    *out = (float)(n && s[0] == '-' ? -v : v);
    return 0;
}

/* KIND  COUNTRY  POPULATION  LAT  LON  NAME  ASCII  ALTERNATES  REGION */
evc_status evc_places_line(evc_loader *L, char *s, size_t n, evc_arena *tmp)
{
    char *f[9];
    size_t fl[9];
    if (split_tabs(s, n, f, fl, 9) < 6)
        return lfail(L, EVC_ERR_DICT, "expected KIND COUNTRY POPULATION LAT LON NAME, separated by tabs%s", NULL);
    evc_place p;
    memset(&p, 0, sizeof p);
    p.parent = EVC_NO_PLACE;
    if (!(p.kind = (uint8_t)kind_of(f[0], fl[0])))
        return lfail(L, EVC_ERR_DICT, "unknown kind (country, capital, city or region)%s", NULL);
    if (fl[1] != 3 || !evc_is_upper(f[1][0]) || !evc_is_upper(f[1][1]) || !evc_is_upper(f[1][2]))
        return lfail(L, EVC_ERR_DICT, "country code must be three capital letters%s", NULL);
    memcpy(p.code, f[1], 3);
    uint64_t pop = 0;
    for (size_t i = 0; i < fl[2]; i++) {
        if (!evc_is_digit(f[2][i]) || fl[2] > 12)
            return lfail(L, EVC_ERR_DICT, "population must be a number%s", NULL);
        pop = pop * 10 + (uint64_t)(f[2][i] - '0');
    }
    p.pop = pop > UINT32_MAX ? UINT32_MAX : (uint32_t)pop;
    if (parse_coord(f[3], fl[3], 90, &p.lat) || parse_coord(f[4], fl[4], 180, &p.lon))
        return lfail(L, EVC_ERR_DICT, "latitude and longitude must be degrees%s", NULL);
    if (!fl[5])
        return lfail(L, EVC_ERR_DICT, "empty name%s", NULL);
    if (L->places.n >= EVC_NO_PLACE - 1 || L->place_text.n + fl[5] + 1 > UINT32_MAX)
        return lfail(L, EVC_ERR_DICT, "too many places%s", NULL);
    uint32_t idx = (uint32_t)L->places.n;
    p.name = (uint32_t)L->place_text.n;
    for (size_t i = 0; i <= fl[5]; i++) {
        char *c = EVC_VEC_PUSH(&L->scratch, L->place_text);
        if (!c)
            return NOMEM(L);
        *c = i < fl[5] ? f[5][i] : 0;
    }
    uint64_t region = 0;
    if (p.kind == EVC_PL_REGION || fl[8])
        region = evc_hash_mix(evc_hash(p.code, 3),
                              p.kind == EVC_PL_REGION ? evc_hash(f[5], fl[5]) : evc_hash(f[8], fl[8]));
    evc_place *slot = EVC_VEC_PUSH(&L->scratch, L->places);
    uint64_t *rslot = EVC_VEC_PUSH(&L->scratch, L->place_region);
    if (!slot || !rslot)
        return NOMEM(L);
    *slot = p;
    *rslot = region;
    /* its names: the name, the ASCII form, the alternates */
    evc_status st = index_name(L, f[5], fl[5], idx, tmp);
    if (!st && fl[6])
        st = index_name(L, f[6], fl[6], idx, tmp);
    char *a = f[7];
    size_t an = fl[7];
    while (!st && an) {
        char *bar = memchr(a, '|', an);
        size_t w = bar ? (size_t)(bar - a) : an, t0 = 0, t1 = w;
        while (t0 < t1 && evc_is_space((unsigned char)a[t0]))
            t0++;
        while (t1 > t0 && evc_is_space((unsigned char)a[t1 - 1]))
            t1--;
        if (t1 > t0)
            st = index_name(L, a + t0, t1 - t0, idx, tmp);
        if (!bar)
            break;
        an -= w + 1;
        a = bar + 1;
    }
    return st;
}

static int cmp_key(const void *a, const void *b)
{
    const evc_place_key *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    return x->place < y->place ? -1 : x->place > y->place;
}

/* Cities to their region, regions to their country. */
static evc_status link_parents(evc_loader *L)
{
    evc_ctx *c = L->ctx;
    evc_htab regions = {0};
    evc_status st = EVC_OK;
    for (size_t i = 0; i < c->n_places && !st; i++) {
        const evc_place *p = &c->places[i];
        /* a country's first row, and its most populous capital */
        uint64_t ck = evc_hash(p->code, 3);
        const uint64_t *cv = evc_htab_get(&c->place_country, ck);
        uint64_t val = cv ? *cv : 0;
        if (p->kind == EVC_PL_COUNTRY && !(val & 0xffffffffu))
            val |= i + 1;
        if (p->kind == EVC_PL_CAPITAL && (!(val >> 32) || c->places[(val >> 32) - 1].pop < p->pop))
            val = (val & 0xffffffffu) | (uint64_t)(i + 1) << 32;
        if ((!cv || val != *cv) && evc_htab_put(&c->place_country, ck, val))
            st = NOMEM(L);
        if (p->kind == EVC_PL_REGION && !evc_htab_get(&regions, L->place_region.v[i]) &&
            evc_htab_put(&regions, L->place_region.v[i], i + 1))
            st = NOMEM(L);
    }
    for (size_t i = 0; i < c->n_places && !st; i++) {
        evc_place *p = &c->places[i];
        const uint64_t *v = NULL;
        uint32_t parent = EVC_NO_PLACE;
        if (p->kind == EVC_PL_REGION && (v = evc_htab_get(&c->place_country, evc_hash(p->code, 3))) &&
            (*v & 0xffffffffu))
            parent = (uint32_t)(*v & 0xffffffffu) - 1;
        else if (p->kind != EVC_PL_COUNTRY && L->place_region.v[i] && (v = evc_htab_get(&regions, L->place_region.v[i])))
            parent = (uint32_t)*v - 1;
        p->parent = parent;
    }
    evc_htab_free(&regions);
    return st;
}

evc_status evc_places_build(evc_loader *L, evc_arena *tmp)
{
    (void)tmp;
    evc_ctx *c = L->ctx;
    if (!L->places.n)
        return EVC_OK;
    /* the final tables, sized once, in the context's arena */
    c->places = evc_arena_calloc(&c->arena, L->places.n, sizeof *c->places);
    c->place_text = evc_arena_alloc(&c->arena, L->place_text.n);
    c->place_ids = evc_arena_calloc(&c->arena, L->place_keys.n ? L->place_keys.n : 1, sizeof *c->place_ids);
    if (!c->places || !c->place_text || !c->place_ids)
        return NOMEM(L);
    memcpy(c->places, L->places.v, L->places.n * sizeof *c->places);
    memcpy(c->place_text, L->place_text.v, L->place_text.n);
    c->n_places = L->places.n;
    c->n_place_text = L->place_text.n;
    evc_status st = link_parents(L);
    if (st)
        return st;
    /* candidates of a name: countries, capitals, cities, regions; the most populous first */
    evc_place_key *k = L->place_keys.v;
    size_t nk = L->place_keys.n;
    for (size_t i = 0; i < nk; i++) {
        const evc_place *p = &c->places[k[i].place];
        k[i].order = (uint64_t)p->kind << 32 | (UINT32_MAX - p->pop);
    }
    if (nk)
        qsort(k, nk, sizeof *k, cmp_key);
    size_t ids = 0;
    for (size_t i = 0; i < nk;) {
        size_t start = ids, j = i;
        for (; j < nk && k[j].key == k[i].key; j++)
            if (j == i || k[j].place != k[j - 1].place)
                c->place_ids[ids++] = k[j].place;
        if (evc_htab_put(&c->place_index, k[i].key, (uint64_t)start << 32 | (uint64_t)(ids - start) << 1))
            return NOMEM(L);
        i = j;
    }
    c->n_place_ids = ids;
    for (size_t i = 0; i < L->place_prefixes.n; i++) {
        uint64_t key = L->place_prefixes.v[i];
        const uint64_t *v = evc_htab_get(&c->place_index, key);
        if (evc_htab_put(&c->place_index, key, (v ? *v : 0) | 1))
            return NOMEM(L);
    }
    return EVC_OK;
}

void evc_places_free(evc_ctx *ctx)
{
    evc_htab_free(&ctx->place_index);
    evc_htab_free(&ctx->place_country);
}

const evc_place *evc_place_country(const evc_ctx *ctx, const char *code)
{
    if (!code || strlen(code) < 3)
        return NULL;
    const uint64_t *v = evc_htab_get(&ctx->place_country, evc_hash(code, 3));
    return v && (*v & 0xffffffffu) ? &ctx->places[(*v & 0xffffffffu) - 1] : NULL;
}

const evc_place *evc_place_capital(const evc_ctx *ctx, const char *code)
{
    if (!code || strlen(code) < 3)
        return NULL;
    const uint64_t *v = evc_htab_get(&ctx->place_country, evc_hash(code, 3));
    return v && (*v >> 32) ? &ctx->places[(*v >> 32) - 1] : NULL;
}
