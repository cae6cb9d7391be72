/*
 * Places: the gazetteer and the place of each sentence (see places.h).
 */
#include "places.h"
#include "lexicon.h"
#include "util.h"
#include <math.h>
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

/* ---- the place of a sentence ---- */

/* A place named in a sentence: a gazetteer name or a country or capital of
 * the actor dictionaries. */
typedef struct span {
    uint32_t t0, t1;            /* its tokens */
    uint32_t first, n;          /* its candidates: place_ids[first, first + n) */
    const evc_mention *m;       /* the actor mention on these words, or NULL */
    const char *hint;           /* the country of the actor chunk around them ("protesters in Paris"), or NULL */
    int cue;                    /* 0 not set as a place, 1 weakly ("of", "from"), 2 clearly ("in") */
} span;

typedef struct sent {
    evc_doc *d;
    const evc_token *T;
    size_t s, b, e;             /* the sentence and its tokens */
    int32_t *cover;             /* token - b -> mention index + 1 */
    span *sp;
    size_t n;
} sent;


/* words before a place that set it as one ("in Kabul") */
static const char *const STRONG[] = {"in", "at", "near", "outside", "inside", "into", "across", "around", "through",
                                     "throughout", "within", "toward", "towards", NULL};
static const char *const WEAK[] = {"from", "over", "of", NULL};
/* "the city of", "north of", "the outskirts of" */
static const char *const OF_NOUNS[] = {"city", "town", "towns", "village", "villages", "province", "provinces",
                                       "region", "district", "state", "county", "capital", "outskirts", "suburbs",
                                       "suburb", "area", "areas", "part", "parts", "north", "south", "east", "west",
                                       "northeast", "northwest", "southeast", "southwest", "heart", "center",
                                       "centre", "streets", "coast", "governorate", "oblast", "municipality",
                                       "prefecture", "neighborhood", "neighbourhood", "port", "island", NULL};
/* words between the cue and the name: "in the southern", "near eastern" */
static const char *const BETWEEN[] = {"northern", "southern", "eastern", "western", "central", "northeastern",
                                      "northwestern", "southeastern", "southwestern", "north", "south", "east",
                                      "west", "neighboring", "neighbouring", "nearby", "restive", NULL};
/* a place before these names where something is ("Kabul airport") */
static const char *const FACILITY[] = {"airport", "embassy", "consulate", "base", "airbase", "prison", "jail",
                                       "hospital", "university", "mosque", "church", "hotel", "stadium", "harbor",
                                       "harbour", "station", "checkpoint", "market", "bazaar", "palace", NULL};
/* never a place name alone: months, continents (a town of the Philippines
 * is called Asia), and the compass words that some regions are named by
 * ("Central", "Western") */
static const char *const NEVER_ALONE[] = {"january", "february", "march", "april", "may", "june", "july", "august",
                                          "september", "october", "november", "december", "north", "south", "east",
                                          "west", "northern", "southern", "eastern", "western", "central", "centre",
                                          "center", "capital", "upper", "lower", "middle", "coast", "africa",
                                          "america", "americas", "asia", "europe", "oceania", "antarctica", NULL};
/* a region's word after its name ("Helmand province"), or before "of" */
static const char *const REGION_WORDS[] = {"province", "provinces", "state", "region", "governorate", "oblast",
                                           "district", "county", "prefecture", "department", "emirate",
                                           "territory", "canton", "krai", NULL};
static const char *const CITY_WORDS[] = {"city", "town", "village", "capital", NULL};
/* the last word of a sea's name: "the Red Sea" is the sea, not the
 * provinces of Egypt and Sudan named after it (unless "Red Sea state");
 * bays, lakes and rivers name too many towns (Walvis Bay, Cross River) */
static const char *const WATER_WORDS[] = {"sea", "ocean", "gulf", "strait", "straits", "channel", NULL};

/* A word that may begin a place name: written with a capital (or a letter
 * beyond ASCII, whose case the tokenizer does not know). */
static int capital_word(const evc_doc *d, const evc_token *t)
{
    return (t->flags & EVC_TK_WORD) && ((t->flags & EVC_TK_CAP) ||
                                        (!(t->flags & EVC_TK_PLAIN) && (unsigned char)evc_tok_text(d, t)[0] >= 0x80));
}

/* The longest gazetteer name at token i: its end, and its index value in *v;
 * i when none. One probe per word. */
static size_t longest(const sent *x, size_t i, uint64_t *val)
{
    const evc_ctx *ctx = x->d->ctx;
    uint64_t key = x->T[i].h;
    const uint64_t *v = evc_htab_get(&ctx->place_index, key);
    size_t end = i;
    for (size_t j = i; v;) {
        if ((*v >> 1 & 0x7fffffffu) && capital_word(x->d, &x->T[j])) {
            end = j + 1;
            *val = *v;
        }
        if (!(*v & 1) || ++j >= x->e || !(x->T[j].flags & EVC_TK_WORD) || j - i >= MAX_NAME_WORDS)
            break;
        key = evc_hash_mix(key, x->T[j].h);
        v = evc_htab_get(&ctx->place_index, key);
    }
    return end;
}

static span *add_span(sent *x, size_t t0, size_t t1, uint64_t val, const evc_mention *m)
{
    span *s = &x->sp[x->n++];
    s->t0 = (uint32_t)t0;
    s->t1 = (uint32_t)t1;
    s->first = (uint32_t)(val >> 32);
    s->n = (uint32_t)(val >> 1 & 0x7fffffffu);
    s->m = m;
    s->hint = NULL;
    s->cue = 0;
    return s;
}

/* Is the capitalised word at token k the rest of a longer proper name
 * ("Independence Square", "South China Sea", "New York Times")? Words
 * naming a region or a city ("Helmand Province", "Kabul Airport") are not. */
static int part_of_longer(const sent *x, size_t k)
{
    const evc_token *t = k < x->e ? &x->T[k] : NULL;
    return t && capital_word(x->d, t) && !evc_tok_in(x->d, t, REGION_WORDS) && !evc_tok_in(x->d, t, FACILITY) &&
           !evc_tok_in(x->d, t, CITY_WORDS);
}

/* May the gazetteer name [i, end) stand? Not over a person's or group's
 * mention, nor over part of any mention; a country or capital mention it
 * encloses is part of a longer name ("New Mexico", "Mexico City"). Not part
 * of a longer proper name ("Independence Square", "New York Times") and,
 * alone, no closed-class word ("Of", "Van"), month or compass word. */
static int name_ok(const sent *x, size_t i, size_t end)
{
    const evc_doc *d = x->d;
    for (size_t k = i; k < end; k++) {
        int32_t c = x->cover[k - x->b];
        if (!c)
            continue;
        const evc_mention *m = &d->mentions.v[c - 1];
        if (!(m->flags & (EVC_PH_COUNTRY | EVC_PH_CAPITAL)) || m->t0 < i || m->t1 > end || (m->t0 == i && m->t1 == end))
            return 0;
    }
    if (evc_tok_in(d, &x->T[end - 1], WATER_WORDS) && !(end < x->e && evc_tok_in(d, &x->T[end], REGION_WORDS)))
        return 0;
    return !part_of_longer(x, end) && (end - i > 1 || (!x->T[i].lex && !evc_tok_in(d, &x->T[i], NEVER_ALONE)));
}

/* Is some place of index value val in the country of code? */
static int has_country(const evc_ctx *ctx, uint64_t val, const char *code)
{
    uint32_t first = (uint32_t)(val >> 32), n = (uint32_t)(val >> 1 & 0x7fffffffu);
    for (uint32_t i = 0; i < n; i++)
        if (!memcmp(ctx->places[ctx->place_ids[first + i]].code, code, 3))
            return 1;
    return 0;
}

/* A country or capital mention: the mention itself when it is a gazetteer
 * name or holds none, else the gazetteer names of its country inside it
 * ("protesters in Paris", coded FRAOPP; not "Asia" in "South Asia"), which
 * keep that country as a hint. */
static void mention_spans(sent *x, const evc_mention *m)
{
    uint64_t val = 0;
    size_t end = x->d->ctx->n_places ? longest(x, m->t0, &val) : m->t0;
    if (end == m->t1 || !x->d->ctx->n_places) {
        if (!part_of_longer(x, m->t1))
            add_span(x, m->t0, m->t1, end == m->t1 ? val : 0, m);
        return;
    }
    size_t n0 = x->n;
    for (size_t j = m->t0; j < m->t1;) {
        end = capital_word(x->d, &x->T[j]) ? longest(x, j, &val) : j;
        if (end > j && end <= m->t1 && has_country(x->d->ctx, val, m->code) && !part_of_longer(x, end)) {
            add_span(x, j, end, val, NULL)->hint = m->code;
            j = end;
        } else {
            j++;
        }
    }
    if (x->n == n0 && !part_of_longer(x, m->t1))
        add_span(x, m->t0, m->t1, 0, m);
}

/* The country and capital mentions and the gazetteer names of the sentence,
 * left to right, the longest first. */
static void find_spans(sent *x)
{
    const evc_doc *d = x->d;
    for (size_t i = x->b; i < x->e;) {
        if (d->ctx->n_places && capital_word(d, &x->T[i])) {
            uint64_t val = 0;
            size_t end = longest(x, i, &val);
            if (end > i && name_ok(x, i, end)) {
                add_span(x, i, end, val, NULL);
                i = end;
                continue;
            }
        }
        int32_t mi = x->cover[i - x->b];
        if (mi) {
            const evc_mention *m = &d->mentions.v[mi - 1];
            if (m->code && (m->flags & (EVC_PH_COUNTRY | EVC_PH_CAPITAL)) && m->t0 == i)
                mention_spans(x, m);
            i = m->t1 > i ? m->t1 : i + 1;
        } else {
            i++;
        }
    }
}

/* The span that ends just before token k, or NULL. */
static const span *span_ending(const sent *x, size_t k)
{
    for (size_t i = x->n; i-- > 0;)
        if (x->sp[i].t1 == k)
            return &x->sp[i];
    return NULL;
}

/* How clearly the words before span s set it as a place. */
static int cue_of(const sent *x, const span *s)
{
    const evc_doc *d = x->d;
    const evc_token *T = x->T;
    size_t k = s->t0;
    while (k > x->b && (EVC_LX(&T[k - 1], EVC_LX_DET) || (!capital_word(d, &T[k - 1]) && evc_tok_in(d, &T[k - 1], BETWEEN))))
        k--;
    if (k == x->b)
        return 0;
    const evc_token *p = &T[k - 1];
    if (evc_tok_in(d, p, STRONG))
        return 2;
    if (evc_tok_is(d, p, "of") && k - 1 > x->b && evc_tok_in(d, &T[k - 2], OF_NOUNS))
        return 2;
    /* "the people of Afghanistan"; but "the Duke of York" is no event in York */
    if (evc_tok_in(d, p, WEAK) && (s->m || !evc_tok_is(d, p, "of")))
        return 1;
    /* "in the capital, Kabul" */
    if (evc_tok_is(d, p, ",") && k - 1 > x->b && evc_tok_in(d, &T[k - 2], CITY_WORDS))
        return 2;
    /* "in Kandahar, Afghanistan", "Kabul and Herat", "Afghanistan's Helmand province" */
    if (evc_tok_is(d, p, ",") || evc_tok_is(d, p, "and") || evc_tok_is(d, p, "or") || evc_tok_is(d, p, "'s") ||
        evc_tok_is(d, p, "'")) {
        const span *before = span_ending(x, k - 1);
        return before ? before->cue : 0;
    }
    return 0;
}

/* What the words around span s ask for: EVC_PL_REGION ("Helmand province",
 * "the province of Helmand"), EVC_PL_CITY ("the city of Kandahar") or 0. */
static int kind_wanted(const sent *x, const span *s)
{
    const evc_doc *d = x->d;
    if (s->t1 < x->e && evc_tok_in(d, &x->T[s->t1], REGION_WORDS))
        return EVC_PL_REGION;
    if (s->t1 < x->e && evc_tok_is(d, &x->T[s->t1], "city"))
        return EVC_PL_CITY;
    size_t k = s->t0;
    while (k > x->b && EVC_LX(&x->T[k - 1], EVC_LX_DET))
        k--;
    if (k >= x->b + 2 && evc_tok_is(d, &x->T[k - 1], "of")) {
        if (evc_tok_in(d, &x->T[k - 2], REGION_WORDS))
            return EVC_PL_REGION;
        if (evc_tok_in(d, &x->T[k - 2], CITY_WORDS))
            return EVC_PL_CITY;
    }
    return 0;
}

/* Does the article name the country of code? */
static int article_country(const evc_doc *d, const char *code)
{
    for (size_t i = 0; i < d->n_countries; i++)
        if (!memcmp(d->country_code[i], code, 3))
            return 1;
    return d->focus_code && !memcmp(d->focus_code, code, 3);
}

/* Does place p lie in what span y names ("Paris, Texas", "Kandahar, Afghanistan")? */
static int inside(const evc_ctx *ctx, const evc_place *p, const span *y)
{
    if (y->m && (y->m->flags & EVC_PH_COUNTRY) && !memcmp(p->code, y->m->code, 3))
        return 1;
    for (uint32_t i = 0; i < y->n; i++) {
        uint32_t id = ctx->place_ids[y->first + i];
        const evc_place *q = &ctx->places[id];
        if ((q->kind == EVC_PL_COUNTRY && !memcmp(q->code, p->code, 3)) || (q->kind == EVC_PL_REGION && p->parent == id))
            return 1;
    }
    return 0;
}

/* The place span k of the sentence names: a country when the name is a
 * country's; else the candidate that the words around it point to ("Paris,
 * Texas"; "Helmand province"), that lies in the country of its actor mention
 * or in a country of the article, or is a national capital, and comes first
 * in kind and population. NULL when the span is an actor mention that the
 * gazetteer does not hold. */
static const evc_place *resolve(const sent *x, size_t k)
{
    const evc_ctx *ctx = x->d->ctx;
    const span *s = &x->sp[k];
    const uint32_t *ids = ctx->place_ids + s->first;
    /* a country mention is the country, unless the gazetteer holds its name
     * as a town or region of that country only: the actor dictionaries code
     * "Kandahar" as Afghanistan, the place is Kandahar */
    int country_mention = s->m && (s->m->flags & EVC_PH_COUNTRY);
    if (country_mention && (!s->n || ctx->places[ids[0]].kind == EVC_PL_COUNTRY))
        return evc_place_country(ctx, s->m->code);
    if (s->n && ctx->places[ids[0]].kind == EVC_PL_COUNTRY)
        return &ctx->places[ids[0]]; /* a country's name is the country, never a town */
    int want = kind_wanted(x, s);
    const span *y = k + 1 < x->n && x->sp[k + 1].t0 == s->t1 + 1 && evc_tok_is(x->d, &x->T[s->t1], ",")
                        ? &x->sp[k + 1] : NULL;
    const evc_place *best = NULL;
    int best_score = -1;
    /* a capital of the actor dictionaries stands in its own country, unless
     * the text says otherwise ("Paris, Texas") */
    const char *hint = s->m ? s->m->code : s->hint;
    for (uint32_t i = 0; i < s->n; i++) {
        const evc_place *p = &ctx->places[ids[i]];
        int score = (y && inside(ctx, p, y)) * 32 +
                    (want && (p->kind == want || (want == EVC_PL_CITY && p->kind == EVC_PL_CAPITAL))) * 16 +
                    (hint && !memcmp(p->code, hint, 3)) * 8 +
                    (article_country(x->d, p->code) + (p->kind == EVC_PL_CAPITAL)) * 4;
        if (score > best_score) { /* ties: the order of the run, kind then population */
            best = p;
            best_score = score;
        }
    }
    if (country_mention && (!best || memcmp(best->code, s->m->code, 3)))
        return evc_place_country(ctx, s->m->code);
    return best;
}

/* City 4, region 3, country 2; 1 for a wider region of the actor
 * dictionaries ("South Asia": no country of the gazetteer, or without one,
 * no country of the actor dictionaries). */
static int specificity(const evc_ctx *ctx, const evc_place *p, const span *s)
{
    if (!p)
        return s->m && (s->m->flags & EVC_PH_CAPITAL) ? 4 : !ctx->n_places && evc_is_country_code(ctx, s->m->code) ? 2 : 1;
    return p->kind == EVC_PL_COUNTRY ? 2 : p->kind == EVC_PL_REGION ? 3 : 4;
}

static void where_of_place(const evc_doc *d, const evc_place *p, evc_where *w)
{
    w->name = evc_place_name(d->ctx, p);
    w->country = p->code;
    w->lat = p->lat;
    w->lon = p->lon;
}

/* The best place the sentence sets as one: a place before a wider region
 * of the actor dictionaries ("South Asia"), then the one set most clearly
 * ("in" before "from"), then the most specific (city, region, country), then
 * the first. */
static int choose(evc_doc *d, sent *x, evc_where *out)
{
    for (size_t i = 0; i < x->n; i++)
        x->sp[i].cue = cue_of(x, &x->sp[i]);
    int best_rank = 0;
    for (size_t i = 0; i < x->n; i++) {
        const span *s = &x->sp[i];
        int facility = s->t1 < x->e && evc_tok_in(d, &x->T[s->t1], FACILITY);
        if (!s->cue && !facility)
            continue;
        const evc_place *p = resolve(x, i);
        if (!p && !s->m)
            continue;
        if (!p && (s->m->flags & EVC_PH_CAPITAL)) /* "the White House": the capital's place */
            p = evc_place_capital(d->ctx, s->m->code);
        int cue = s->cue;
        if (facility && specificity(d->ctx, p, s) == 4) { /* "Kabul airport": a city's, not a country's */
            cue = 2;
            if (p && d->facility) { /* for "the airport" later in the article */
                size_t f = 0;
                while (!evc_tok_is(d, &x->T[s->t1], FACILITY[f]))
                    f++;
                where_of_place(d, p, &d->facility[f]);
                d->facility_sent[f] = x->s + 1;
                d->facility_seen = 1;
            }
        }
        if (!cue)
            continue;
        /* then a place in a country the article names ("at Lido beach in Mogadishu") */
        const char *pc = p ? p->code : s->m->code;
        int spec = specificity(d->ctx, p, s),
            rank = (spec > 1) * 1000 + cue * 100 + (pc && article_country(d, pc)) * 10 + spec;
        if (rank <= best_rank)
            continue;
        best_rank = rank;
        if (p) {
            where_of_place(d, p, out);
        } else { /* the gazetteer is absent or lacks it: the actor's name and country */
            out->name = s->m->name;
            out->country = evc_arena_strndup(&d->arena, s->m->code, 3);
            out->lat = out->lon = NAN;
        }
    }
    return best_rank > 0 && out->country != NULL;
}

/* The places sentence s names, in *x; 0 when out of memory. */
static int sent_spans(evc_doc *d, size_t s, sent *x)
{
    const evc_sent *se = &d->sents.v[s];
    memset(x, 0, sizeof *x);
    x->d = d;
    x->T = d->toks.v;
    x->s = s;
    x->b = se->tok0;
    x->e = se->tok0 + se->ntok;
    x->cover = evc_arena_calloc(&d->arena, se->ntok + 1, sizeof *x->cover);
    x->sp = evc_arena_calloc(&d->arena, se->ntok + 1, sizeof *x->sp);
    if (!x->cover || !x->sp)
        return 0;
    size_t m0 = d->sent_mention0.v[s], m1 = s + 1 < d->sent_mention0.n ? d->sent_mention0.v[s + 1] : d->mentions.n;
    for (size_t i = m0; i < m1; i++) {
        const evc_mention *m = &d->mentions.v[i];
        if (m->sent != s || (m->flags & (EVC_MN_PRONOUN | EVC_MN_ROLE)) || m->t0 < x->b || m->t1 > x->e)
            continue;
        for (size_t t = m->t0; t < m->t1; t++)
            x->cover[t - x->b] = (int32_t)i + 1;
    }
    find_spans(x);
    return 1;
}

/* The place sentence s names, or 0. */
static int place_of(evc_doc *d, size_t s, evc_where *out)
{
    sent x;
    if (!sent_spans(d, s, &x))
        return 0;
    if (choose(d, &x, out)) {
        out->how = 1;
        return 1;
    }
    /* "the airport", "the embassy": the one an earlier sentence named ("Kabul airport") */
    for (size_t i = x.b + 1; d->facility_seen && i < x.e; i++) {
        if (!evc_tok_is(d, &x.T[i - 1], "the"))
            continue;
        for (size_t f = 0; FACILITY[f]; f++)
            if (d->facility_sent[f] && d->facility_sent[f] <= s && evc_tok_is(d, &x.T[i], FACILITY[f])) {
                *out = d->facility[f];
                out->how = 1;
                return 1;
            }
    }
    return 0;
}

/* The article's focus, for a sentence that names no place. */
static int focus_of(evc_doc *d, evc_where *out)
{
    if (!d->focus_code)
        return 0;
    const evc_place *c = evc_place_country(d->ctx, d->focus_code);
    if (c) {
        where_of_place(d, c, out);
    } else {
        out->name = d->focus_name;
        out->country = d->focus_code;
        out->lat = out->lon = NAN;
    }
    out->how = 2;
    return out->name != NULL;
}

int evc_place_of_sentence(evc_doc *d, size_t s, evc_where *out)
{
    memset(out, 0, sizeof *out);
    out->lat = out->lon = NAN;
    if (s >= d->sents.n || s >= d->sent_mention0.n)
        return 0;
    if (!d->where) {
        d->where = evc_arena_calloc(&d->arena, d->sents.n, sizeof *d->where);
        d->where_known = evc_arena_calloc(&d->arena, d->sents.n, 1);
        d->facility = evc_arena_calloc(&d->arena, sizeof FACILITY / sizeof *FACILITY, sizeof *d->facility);
        d->facility_sent = evc_arena_calloc(&d->arena, sizeof FACILITY / sizeof *FACILITY, sizeof *d->facility_sent);
        if (!d->where || !d->where_known || !d->facility || !d->facility_sent) {
            d->where = NULL;
            d->facility = NULL;
            return 0;
        }
    }
    if (!d->where_known[s]) {
        evc_where w = {NULL, NULL, NAN, NAN, 0};
        d->where_known[s] = place_of(d, s, &w) ? 1 : 2;
        d->where[s] = w;
    }
    if (d->where_known[s] == 1) {
        *out = d->where[s];
        return 1;
    }
    return focus_of(d, out);
}

/* words before a place that make it what an act hits ("strikes on Kharkiv"),
 * beside those that set it as a place (STRONG: "at", "into", "toward") */
static const char *const AIMED[] = {"on", "against", "targeting", NULL};

int evc_place_aimed(evc_doc *d, size_t s, size_t from, size_t to, evc_where *out)
{
    memset(out, 0, sizeof *out);
    out->lat = out->lon = NAN;
    sent x;
    if (!d->ctx->n_places || s >= d->sents.n || s >= d->sent_mention0.n || !sent_spans(d, s, &x))
        return 0;
    for (size_t i = 0; i < x.n; i++) {
        const span *y = &x.sp[i];
        if (y->t0 < from || y->t1 > to)
            continue;
        for (size_t k = from; k < y->t1; k++)
            if (x.cover[k - x.b]) /* an actor's name first, or over it: the coder has seen it */
                return 0;
        size_t k = y->t0;
        while (k > x.b && EVC_LX(&x.T[k - 1], EVC_LX_DET))
            k--;
        int object = k == from; /* "shelled Kramatorsk" */
        int set = cue_of(&x, y) > 0 || (k > x.b && evc_tok_in(d, &x.T[k - 1], AIMED));
        if (!set && !object)
            continue;
        const evc_place *p = resolve(&x, i);
        /* a bare object might be a person the dictionaries lack ("shot
         * Gonzalez"): only a town of some size or of a country the article names */
        if (!p || (!set && p->pop < 100000 && !article_country(d, p->code)))
            return 0;
        where_of_place(d, p, out);
        out->how = 1;
        return 1;
    }
    return 0;
}

int evc_place_town(const evc_doc *d, size_t t0, size_t t1)
{
    const evc_ctx *ctx = d->ctx;
    if (!ctx->n_places || t1 <= t0)
        return 0;
    uint64_t key = d->toks.v[t0].h;
    for (size_t k = t0 + 1; k < t1; k++)
        key = evc_hash_mix(key, d->toks.v[k].h);
    const uint64_t *v = evc_htab_get(&ctx->place_index, key);
    if (!v || !(*v >> 1 & 0x7fffffffu))
        return 0;
    uint8_t kind = ctx->places[ctx->place_ids[*v >> 32]].kind;
    return kind == EVC_PL_CITY || kind == EVC_PL_CAPITAL || kind == EVC_PL_REGION;
}
