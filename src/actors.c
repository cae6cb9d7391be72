/*
 * Actors: dictionary phrases found in a sentence, grouped into mentions.
 *
 * 1. Longest dictionary match at each token (names, countries, agents).
 * 2. Adjacent matches form a chunk ("U.S. military commanders",
 *    "Secretary of State Antony Blinken", "Pakistani embassy"): a person in
 *    the chunk wins; otherwise the country or group takes the role of the
 *    last agent (USA + MIL -> USAMIL).
 * 3. Names outside the dictionary: a title or role followed by capitalised
 *    words ("Spokesperson Ned Price") is a person of that role; a surname
 *    alone refers back to a person named earlier in the article.
 * 4. Coreference: he/she to the last person of that gender, "the group",
 *    "the militants" to the last armed group, "the spokesman" to the last
 *    person introduced with that role, unattached state roles ("officials")
 *    to the article's main country.
 */
#include "doc.h"
#include "lexicon.h"
#include "util.h"
#include <stdio.h>
#include <string.h>

typedef struct raw {
    uint32_t t0, t1;
    const evc_phrase *ph;
} raw;

static int tok_cap(const evc_token *t) { return (t->flags & (EVC_TK_CAP | EVC_TK_ALLCAPS)) != 0; }

/* The hash of token t without a final 's' ("Libyas": "libya"), or 0. */
static uint64_t singular_hash(const evc_doc *d, const evc_token *t)
{
    char norm[64];
    size_t n = evc_token_norm(evc_tok_text(d, t), t->len, norm, sizeof norm);
    return n > 2 && n < sizeof norm - 1 && norm[n - 1] == 's' && norm[n - 2] != '\'' ? evc_hash(norm, n - 1) : 0;
}

/* Is token t word w with TABARI's noun ending 's' (w->plural)? */
static int plural_of(const evc_doc *d, const evc_word *w, const evc_token *t)
{
    return d->ctx->peer == EVC_PEER_TABARI && singular_hash(d, t) == w->h && (!w->caps || (t->flags & EVC_TK_ALLCAPS));
}

/* Does token t match word w of a phrase? */
static inline int word_hit(const evc_doc *d, const evc_word *w, const evc_token *t)
{
    return w->stem ? evc_stem_match(w, t, evc_tok_text(d, t), t->len)
                   : evc_word_match(w, t) || (w->plural && plural_of(d, w, t));
}

/* The end (exclusive) of phrase p matched at token i, or 0. With TABARI
 * dictionaries a word written after a space, not '_', may have up to
 * LOOSE_GAP other words before it, but no comma ("ITHILEN TELEVISION":
 * "Ithilen state-run television"). */
enum { LOOSE_GAP = 4 };
static size_t phrase_match(const evc_doc *d, const evc_phrase *p, const evc_token *toks, size_t i, size_t end)
{
    const evc_ctx *ctx = d->ctx;
    if (i + p->n_words > end)
        return 0;
    /* a name written with a capital must be so in the text; "The Guardian"
     * is "the Guardian" inside a sentence */
    if ((p->flags & EVC_PH_CAPFIRST) && !tok_cap(&toks[i]) &&
        !(p->n_words > 1 && evc_tok_is(d, &toks[i], "the") && tok_cap(&toks[i + 1])))
        return 0;
    size_t at = i;
    for (uint16_t k = 0; k < p->n_words; k++) {
        const evc_word *w = &ctx->words[p->words + k];
        size_t j = at;
        if (j >= end)
            return 0;
        if (!word_hit(d, w, &toks[j])) {
            if (!k || !w->loose || ctx->peer != EVC_PEER_TABARI)
                return 0;
            do {
                if (evc_tok_is(d, &toks[j], ","))
                    return 0; /* not across a comma: "Radagast, the Brown wizard" */
                j++;
            } while (j <= at + LOOSE_GAP && j < end && !word_hit(d, w, &toks[j]));
            if (j > at + LOOSE_GAP || j >= end)
                return 0;
        }
        /* a peer stem does not reach into a word that is a name of its own:
         * "THE_KU" is not "The Kuwait", which "KUWAIT" names */
        size_t n;
        if (w->stem && k > 0 && w->h != toks[j].h && evc_phrases_at(ctx, toks[j].h, &n))
            return 0;
        at = j + 1;
    }
    return at;
}

/* The longest phrase at token i (its end in *stop), or NULL. */
static const evc_phrase *longest_at(evc_doc *d, const evc_token *toks, size_t i, size_t end, size_t *stop)
{
    const evc_ctx *ctx = d->ctx;
    const evc_phrase *best = NULL;
    /* most words start no phrase: known after the first look at each */
    int as_word = toks[i].lemma != toks[i].h;
    evc_word_memo *m = evc_memo_slot(d, toks[i].h);
    uint32_t known = as_word ? EVC_MEMO_PHRASE_WORD : EVC_MEMO_PHRASE_NAME;
    uint32_t starts = as_word ? EVC_MEMO_STARTS_WORD : EVC_MEMO_STARTS_NAME;
    if (m && (m->have & known) && !(m->have & starts))
        return NULL;
    int any = 0;
    uint64_t keys[66]; /* not zero-filled: this runs at every token */
    keys[0] = toks[i].h;
    keys[1] = toks[i].lemma;
    int nk = keys[0] == keys[1] ? 1 : 2;
    if (ctx->stem_lens) /* peer stems: every prefix of the word with a stem of that length */
        nk += evc_stem_keys(evc_tok_text(d, &toks[i]), toks[i].len, ctx->stem_lens, keys + nk);
    if (ctx->peer == EVC_PEER_TABARI && (keys[nk] = singular_hash(d, &toks[i]))) /* "Libyas" */
        nk++;
    for (int k = 0; k < nk; k++) {
        size_t n;
        const evc_phrase *c = evc_phrases_at(ctx, keys[k], &n);
        any |= n > 0;
        for (size_t j = 0; j < n; j++) {
            size_t e = !best || c[j].n_words > best->n_words ? phrase_match(d, &c[j], toks, i, end) : 0;
            if (e) {
                best = &c[j];
                *stop = e;
                break; /* candidates are sorted longest first */
            }
        }
    }
    if (m)
        m->have |= known | (any ? starts : 0);
    return best;
}

/* "Hamas-led gunmen", "the Israeli-linked cargo ship", "U.S.-led forces":
 * a name joined by a hyphen to a word of leadership or ownership is that
 * actor's, as the name alone would be; not "Iranian-made", "Iran-backed"
 * nor "London-based", which name no one who acts. The one-word phrase of
 * the name, or NULL. */
static const evc_phrase *led_by(evc_doc *d, const evc_token *t)
{
    static const char *const ties[] = {"led", "owned", "linked", "flagged", "registered", "operated", "run",
                                       "controlled", "affiliated", NULL};
    const char *s = evc_tok_text(d, t);
    const char *h = NULL;
    for (size_t k = t->len; tok_cap(t) && k-- > 1 && !h;)
        h = s[k] == '-' ? s + k : NULL;
    if (!h)
        return NULL;
    size_t n = (size_t)(h - s), tl = t->len - n - 1;
    int tie = 0;
    for (size_t k = 0; ties[k] && !tie; k++)
        tie = strlen(ties[k]) == tl && evc_eq_nocase(h + 1, tl, ties[k]);
    char norm[64];
    size_t nn = tie ? evc_token_norm(s, n, norm, sizeof norm) : 0;
    if (!nn || nn >= sizeof norm - 1)
        return NULL;
    evc_token one = *t; /* the name alone */
    one.len = (uint32_t)n;
    one.h = one.lemma = evc_hash(norm, nn);
    int upper = 1;
    for (size_t k = 0; k < n; k++)
        upper &= !evc_is_alpha((unsigned char)s[k]) || evc_is_upper((unsigned char)s[k]);
    one.flags = (uint16_t)((one.flags & ~EVC_TK_ALLCAPS) | (upper ? EVC_TK_ALLCAPS : 0));
    size_t np;
    const evc_phrase *c = evc_phrases_at(d->ctx, one.h, &np);
    for (size_t j = 0; j < np; j++)
        if (c[j].n_words == 1 && !(c[j].flags & (EVC_PH_AGENT | EVC_PH_DISCARD)) &&
            word_hit(d, &d->ctx->words[c[j].words], &one))
            return &c[j]; /* capitalised, as a name must be */
    return NULL;
}

/* Peer conventions: any actor code takes the role ("DAG" + "GOV"); a role
 * written "NGM~" goes before it; no actor is "---" (TABARI: "~GOV"). */
static const char *peer_combine(evc_doc *d, const char *code, const char *role)
{
    if (!role)
        return code;
    size_t rl = strlen(role), cl = code ? strlen(code) : 3;
    int prefix = rl > 1 && role[rl - 1] == '~';
    if (!prefix && code && cl >= rl && !strcmp(code + cl - rl, role))
        return code; /* "Washington [USAGOV] officials [~GOV]": USAGOV */
    if (prefix && code && cl >= rl - 1 && !strncmp(code, role, rl - 1))
        return code; /* "activists [NGM~] Amnesty International [NGM]": NGM */
    char *c = evc_arena_alloc(&d->arena, cl + rl + 1);
    if (!c)
        return code;
    if (prefix)
        snprintf(c, cl + rl + 1, "%.*s%s", (int)(rl - 1), role, code ? code : "---");
    else
        snprintf(c, cl + rl + 1, "%s%s", code ? code : d->ctx->peer == EVC_PEER_TABARI ? "~" : "---", role);
    return c;
}

const char *evc_combine_code(evc_doc *d, const char *code, const char *role)
{
    if (d->ctx->peer)
        return peer_combine(d, code, role);
    if (!code)
        return role;
    if (!role || strlen(code) != 3)
        return code;
    size_t rl = strlen(role);
    char *c = evc_arena_alloc(&d->arena, 4 + rl);
    if (!c)
        return code;
    memcpy(c, code, 3);
    memcpy(c + 3, role, rl + 1);
    return c;
}

void evc_count_country(evc_doc *d, const char *code)
{
    if (!evc_is_country_code(d->ctx, code))
        return; /* "LEG" from a lone role, IGO..., IMG... are no countries */
    for (size_t i = 0; i < d->n_countries; i++)
        if (memcmp(d->country_code[i], code, 3) == 0) {
            d->country_count[i]++;
            return;
        }
    if (d->n_countries < 64) {
        d->country_code[d->n_countries] = code;
        d->country_count[d->n_countries++] = 1;
    }
}

const char *evc_dominant_country(evc_doc *d)
{
    int best = 0;
    const char *code = NULL;
    for (size_t i = 0; i < d->n_countries; i++)
        if (d->country_count[i] > best) {
            best = d->country_count[i];
            code = d->country_code[i];
        }
    if (!code)
        return NULL;
    /* the three-letter country part */
    char *c = evc_arena_strndup(&d->arena, code, 3);
    return c;
}

static const char *role_of(const evc_doc *d, const evc_phrase *p)
{
    return p ? evc_phrase_code(d->ctx, p, d->published) : NULL;
}

/* "al-Thani", "el-Sisi", "bin-Salman": a particle joined to a capitalised name */
static int joined_particle(const evc_doc *d, const evc_token *t)
{
    const char *s = evc_tok_text(d, t);
    for (const char *const *p = (const char *const[]){"al-", "el-", "ad-", "as-", "ash-", "bin-", NULL}; *p; p++) {
        size_t l = strlen(*p);
        if (t->len > l + 1 && memcmp(s, *p, l) == 0 && evc_is_upper((unsigned char)s[l]))
            return 1;
    }
    return 0;
}

/* Length of a capitalised name starting at token i (2-6 tokens), else 0. */
static size_t name_len(const evc_doc *d, size_t i, size_t end, const uint8_t *used)
{
    size_t k = i;
    while (k < end && k - i < 6 && !used[k - i] &&
           (((d->toks.v[k].flags & EVC_TK_CAP) && (d->toks.v[k].flags & EVC_TK_WORD) &&
             !(d->toks.v[k].flags & EVC_TK_ALLCAPS)) ||
            (k > i && (EVC_LX(&d->toks.v[k], EVC_LX_PARTICLE) || joined_particle(d, &d->toks.v[k])))))
        k++;
    while (k > i && EVC_LX(&d->toks.v[k - 1], EVC_LX_PARTICLE))
        k--;
    return k - i >= 2 ? k - i : 0;
}

static int add_person(evc_doc *d, const char *name, const char *code, uint64_t surname, uint64_t role, uint32_t flags)
{
    if (d->people.n >= 2048)
        return -1; /* no article names that many people; keeps lookups bounded */
    for (size_t i = 0; i < d->people.n; i++)
        if (strcmp(d->people.v[i].name, name) == 0) {
            if (role && !d->people.v[i].role)
                d->people.v[i].role = role;
            if (code && !d->people.v[i].code)
                d->people.v[i].code = code;
            return (int)i;
        }
    evc_person *p = EVC_VEC_PUSH(&d->arena, d->people);
    if (!p)
        return -1;
    p->name = name;
    p->code = code;
    p->surname = surname;
    p->role = role;
    p->flags = flags;
    p->first = d->mentions.n ? (int32_t)(d->mentions.n - 1) : -1; /* called right after pushing its mention */
    return (int)(d->people.n - 1);
}

static evc_mention *push_mention(evc_doc *d, size_t s, size_t t0, size_t t1, const char *code, const char *name,
                                 uint32_t flags)
{
    evc_mention *m = EVC_VEC_PUSH(&d->arena, d->mentions);
    if (!m)
        return NULL;
    m->sent = (uint32_t)s;
    m->t0 = (uint32_t)t0;
    m->t1 = (uint32_t)t1;
    m->code = code;
    m->name = name;
    m->flags = flags;
    m->person = -1;
    m->ph = m->agent_ph = 0;
    m->ante = -1;
    m->how = EVC_HOW_NAME;
    return m;
}

/* The phrase's number for evc_mention.ph: its index + 1, 0 for none. */
static uint32_t phrase_no(const evc_doc *d, const evc_phrase *p) { return p ? (uint32_t)(p - d->ctx->phrases) + 1 : 0; }

/* A mention of tokens [t0,t1) that refers back to person p (how: evc_how). */
static evc_status refer(evc_doc *d, size_t s, size_t t0, size_t t1, int p, uint32_t flags, uint64_t role, int how)
{
    evc_mention *m = push_mention(d, s, t0, t1, d->people.v[p].code, d->people.v[p].name, flags);
    if (!m)
        return EVC_ERR_NOMEM;
    m->person = p;
    m->role = role;
    m->ante = d->people.v[p].first;
    m->how = (uint8_t)how;
    return EVC_OK;
}

/* A mention of tokens [t0,t1) that refers back to mention a, of kind
 * `flags` (EVC_PH_*). */
static evc_status refer_mention(evc_doc *d, size_t s, size_t t0, size_t t1, const evc_mention *a, uint32_t flags,
                                int how)
{
    int32_t ante = (int32_t)(a - d->mentions.v); /* before the push, which may move the vector */
    evc_mention *m = push_mention(d, s, t0, t1, a->code, a->name, flags | EVC_MN_PRONOUN);
    if (!m)
        return EVC_ERR_NOMEM;
    m->ante = ante;
    m->how = (uint8_t)how;
    return EVC_OK;
}

/* ... to the group mention g */
static evc_status refer_group(evc_doc *d, size_t s, size_t t0, size_t t1, const evc_mention *g, int how)
{
    return refer_mention(d, s, t0, t1, g, EVC_PH_GROUP, how);
}

/* ... from the pronoun at token t, with a's kind (country, group, body) */
static evc_status refer_back(evc_doc *d, size_t s, size_t t, const evc_mention *a)
{
    uint32_t kind = a->flags & (EVC_PH_COUNTRY | EVC_PH_GROUP | EVC_PH_ORG | EVC_PH_AGENT | EVC_PH_CAPITAL);
    return refer_mention(d, s, t, t + 1, a, kind, EVC_HOW_PRONOUN);
}

static const char *tok_span(evc_doc *d, size_t t0, size_t t1)
{
    const evc_token *a = &d->toks.v[t0], *b = &d->toks.v[t1 - 1];
    return evc_arena_strndup(&d->arena, d->text + a->start, b->start + b->len - a->start);
}

/* Hash of the words of tokens [t0,t1) (a role noun phrase). */
static uint64_t span_hash(const evc_doc *d, size_t t0, size_t t1)
{
    uint64_t h = 1;
    for (size_t i = t0; i < t1; i++)
        h = evc_hash_mix(h, d->toks.v[i].lemma);
    return h;
}

/* Backward scans for antecedents look at most this many mentions back: a
 * pronoun refers to something recent, and coding stays linear. */
#define EVC_COREF_WINDOW 400

/* The mention of the last person of that gender (0: any) met, or NULL. */
static const evc_mention *last_person_mention(const evc_doc *d, uint32_t gender)
{
    for (size_t i = d->mentions.n; i-- > 0 && d->mentions.n - i <= EVC_COREF_WINDOW;) {
        const evc_mention *m = &d->mentions.v[i];
        if (m->person < 0)
            continue;
        uint32_t g = d->people.v[m->person].flags & (EVC_PH_MALE | EVC_PH_FEMALE);
        if (!g || !gender || g == gender)
            return m;
    }
    return NULL;
}

/* Is t the surname of a person met in the article or of a dictionary person? */
static int known_surname(const evc_doc *d, const evc_token *t)
{
    for (size_t k = 0; k < d->people.n; k++)
        if (d->people.v[k].surname == t->h)
            return 1;
    const uint64_t *v = evc_htab_get(&d->ctx->surnames, t->h);
    return v && *v;
}

/* The last person mentioned whose code is `code` (or starts with it). */
static int last_person_with(const evc_doc *d, const char *code)
{
    size_t n = strlen(code);
    for (size_t i = d->mentions.n; i-- > 0 && d->mentions.n - i <= EVC_COREF_WINDOW;) {
        const evc_mention *m = &d->mentions.v[i];
        if (m->person >= 0 && m->code && !strncmp(m->code, code, n))
            return m->person;
    }
    return -1;
}

/* The last person mentioned whose code has role `role` (USAGOV for GOV). */
static int last_person_role(const evc_doc *d, const char *role)
{
    for (size_t i = d->mentions.n; i-- > 0 && d->mentions.n - i <= EVC_COREF_WINDOW;) {
        const evc_mention *m = &d->mentions.v[i];
        if (m->person >= 0 && m->code && strlen(m->code) >= 6 && !strcmp(m->code + strlen(m->code) - 3, role))
            return m->person;
    }
    return -1;
}

static int has_role_person(const evc_doc *d, uint64_t role_h)
{
    for (size_t i = 0; i < d->people.n; i++)
        if (d->people.v[i].role == role_h)
            return 1;
    return 0;
}

static const evc_mention *last_group(const evc_doc *d)
{
    for (size_t i = d->mentions.n; i-- > 0 && d->mentions.n - i <= EVC_COREF_WINDOW;)
        if ((d->mentions.v[i].flags & EVC_PH_GROUP) && d->mentions.v[i].code)
            return &d->mentions.v[i];
    return NULL;
}

static int is_state_role(const char *role)
{
    static const char *const roles[] = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", NULL};
    for (int i = 0; roles[i]; i++)
        if (role && strcmp(role, roles[i]) == 0)
            return 1;
    return 0;
}

/* Registers a dictionary person for surname coreference; returns people index. */
static int dict_person(evc_doc *d, const evc_phrase *p, const char *code, uint64_t role)
{
    uint64_t last = d->ctx->words[p->words + p->n_words - 1].h;
    return add_person(d, p->name, code, p->n_words >= 2 ? last : 0, role, p->flags);
}

/* Interprets chunk raws[a..b) spanning tokens [t0,t1) of sentence s. */
static int bridge(const evc_doc *d, size_t from, size_t to, const raw *prev, const raw *next, int has_actor);

/* A noun that names an act, the anchor of a verb pattern written as a noun
 * ("strikes", "invasion", "attack"): not a verb form in -ed or -ing. */
static int event_noun(const evc_doc *d, const evc_token *t)
{
    const char *s = evc_tok_text(d, t);
    if (t->len > 3 && (!memcmp(s + t->len - 2, "ed", 2) || !memcmp(s + t->len - 3, "ing", 3)))
        return 0;
    return evc_htab_get(&d->ctx->verb_index, t->h) || evc_htab_get(&d->ctx->verb_index, t->lemma);
}

/* "Russian and Ukrainian delegations", "U.S., British and Jordanian
 * aircraft": the agent ending a list of adjectives (or abbreviated country
 * names) belongs to each of them, and so does a weapon: each country's
 * military. Called for the list item ending at token t1, with r[b] the next
 * match; returns the agent's match, or NULL, setting *weapon when the list
 * ends in a weapon. */
static const raw *shared_agent(const evc_doc *d, const raw *r, size_t b, size_t nr, size_t t1, size_t end, int *weapon)
{
    const evc_token *T = d->toks.v;
    for (size_t at = t1, k = b; k < nr; at = r[k].t1, k++) {
        if (r[k].t0 <= at || r[k].t0 - at > 2)
            return NULL;
        for (size_t x = at; x < r[k].t0; x++)
            if (!evc_tok_is(d, &T[x], "and") && !evc_tok_is(d, &T[x], "or") && !evc_tok_is(d, &T[x], ","))
                return NULL;
        uint32_t f = r[k].ph->flags;
        if (!(f & EVC_PH_ADJ) && !((f & EVC_PH_COUNTRY) && (T[r[k].t0].flags & EVC_TK_ALLCAPS)))
            return NULL;
        if (k + 1 < nr && (r[k + 1].ph->flags & EVC_PH_AGENT) && bridge(d, r[k].t1, r[k + 1].t0, &r[k], &r[k + 1], 1))
            return &r[k + 1];
        if ((f & EVC_PH_ADJ) && r[k].t1 < end && (T[r[k].t1].flags & EVC_TK_WORD) && EVC_LX(&T[r[k].t1], EVC_LX_WEAPON)) {
            *weapon = 1;
            return NULL;
        }
    }
    return NULL;
}

/* "Ukrainian territory", "four Ukrainian regions": the country's land */
static const char *const LAND[] = {"territory", "territories", "region", "regions", "province", "provinces",
                                   "soil", "land", "lands", "airspace", "waters", "cities", "towns", "villages", NULL};

/* "a Palestinian state", "the Kurdish state.": the word "state" as the head
 * of its phrase (not "state media", "state assets"). */
static int state_head(const evc_doc *d, const evc_token *T, size_t k, size_t end)
{
    if (!evc_tok_is(d, &T[k], "state"))
        return 0;
    return k + 1 >= end || !(T[k + 1].flags & EVC_TK_WORD) || (T[k + 1].flags & EVC_TK_CAP) ||
           EVC_LX(&T[k + 1], EVC_LX_PREP | EVC_LX_SOFT) || evc_tok_is(d, &T[k + 1], "and");
}

static evc_status chunk_mention(evc_doc *d, size_t s, raw *r, size_t a, size_t b, size_t nr, uint8_t *used, size_t end)
{
    const evc_phrase *person = NULL, *actor = NULL, *agent = NULL;
    size_t t0 = r[a].t0, t1 = r[b - 1].t1, agent_raw = b - 1;
    /* "student leaders", "rebel spokesman", "union officials": a leader
     * or voice of a group has the group's role, not the government's */
    static const char *const voices[] = {"leader", "leaders", "official", "officials", "spokesman", "spokeswoman",
                                         "spokesperson", "spokesmen", "spokespeople", NULL};
    for (size_t i = a; i < b; i++) {
        const evc_phrase *p = r[i].ph;
        if (p->flags & EVC_PH_PERSON)
            person = p;
        else if (p->flags & EVC_PH_AGENT) {
            const char *was = agent ? role_of(d, agent) : NULL, *now = role_of(d, p);
            if (was && now && !strcmp(now, "GOV") && strcmp(was, "GOV") && r[i].t1 - r[i].t0 == 1 &&
                evc_tok_in(d, &d->toks.v[r[i].t0], voices))
                continue;
            agent = p;
            agent_raw = i;
        } else if (!actor || strlen(role_of(d, p) ? role_of(d, p) : "") > strlen(role_of(d, actor) ? role_of(d, actor) : ""))
            actor = p;
    }
    const evc_token *T = d->toks.v;
    uint64_t role_h = agent ? span_hash(d, r[agent_raw].t0, r[agent_raw].t1) : 0;
    if (person) {
        const char *code = role_of(d, person);
        evc_mention *m = push_mention(d, s, t0, t1, code, person->name, person->flags);
        if (!m)
            return EVC_ERR_NOMEM;
        m->ph = phrase_no(d, person);
        m->agent_ph = phrase_no(d, agent);
        m->how = EVC_HOW_PERSON;
        m->person = dict_person(d, person, code, agent ? span_hash(d, r[a].t0, r[a].t1) : 0);
        evc_count_country(d, code);
        return EVC_OK;
    }
    /* a role followed by a name outside the dictionary: "Spokesperson Ned Price" */
    if (agent && t1 < end) {
        size_t nl = name_len(d, t1, end, used + (t1 - d->sents.v[s].tok0));
        if (nl) {
            const char *base = actor ? role_of(d, actor) : evc_dominant_country(d);
            const char *code = evc_combine_code(d, base, role_of(d, agent));
            const char *name = tok_span(d, t1, t1 + nl);
            if (!name)
                return EVC_ERR_NOMEM;
            evc_mention *m = push_mention(d, s, t0, t1 + nl, code, name, EVC_PH_PERSON);
            if (!m)
                return EVC_ERR_NOMEM;
            m->ph = phrase_no(d, actor);
            m->agent_ph = phrase_no(d, agent);
            m->how = EVC_HOW_ROLE_NAME;
            m->person = add_person(d, name, code, T[t1 + nl - 1].h, role_h, EVC_PH_PERSON);
            evc_count_country(d, code);
            return EVC_OK;
        }
    }
    int armed = 0; /* "American, British and Jordanian aircraft": American of the list's weapon */
    if (actor && !agent && a + 1 == b &&
        ((actor->flags & EVC_PH_ADJ) || ((actor->flags & EVC_PH_COUNTRY) && (T[t0].flags & EVC_TK_ALLCAPS)))) {
        const raw *sh = shared_agent(d, r, b, nr, t1, end, &armed);
        if (sh) {
            agent = sh->ph;
            role_h = span_hash(d, sh->t0, sh->t1);
        }
    }
    if (actor) {
        const char *code = role_of(d, actor);
        /* "the Brazilian Congress", "Mexico's Supreme Court": an institution
         * that every state has, named bare in the dictionary for one of them,
         * belongs to the country written with it */
        for (size_t i = a; i < b && code && strlen(code) == 6 && is_state_role(code + 3); i++) {
            const evc_phrase *p = r[i].ph;
            const char *hc = p != actor && (p->flags & (EVC_PH_COUNTRY | EVC_PH_ADJ)) &&
                                     !(p->flags & (EVC_PH_AGENT | EVC_PH_PERSON | EVC_PH_CAPITAL))
                                 ? role_of(d, p)
                                 : NULL;
            if (hc && strlen(hc) == 3 && strncmp(hc, code, 3)) {
                code = evc_combine_code(d, hc, code + 3);
                break;
            }
        }
        /* "Brazil's Congress, Supreme Court and ...": the next institutions
         * of a list, given no country by a word of their own (their code is
         * still the dictionary's), belong to the same country as its first */
        if (code && code == role_of(d, actor) && strlen(code) == 6 && is_state_role(code + 3) && d->mentions.n) {
            const evc_mention *p = &d->mentions.v[d->mentions.n - 1];
            const char *was = p->ph ? role_of(d, &d->ctx->phrases[p->ph - 1]) : NULL;
            size_t k = p->t1;
            while (k < t0 && (evc_tok_is(d, &T[k], ",") || evc_tok_is(d, &T[k], "and") || evc_tok_is(d, &T[k], "the")))
                k++;
            if (p->sent == s && k == t0 && k > p->t1 && was && p->code && strlen(was) == 6 && strlen(p->code) == 6 &&
                strncmp(was, p->code, 3) && !strncmp(was, code, 3) && is_state_role(p->code + 3))
                code = evc_combine_code(d, evc_arena_strndup(&d->arena, p->code, 3), code + 3);
        }
        if (agent && code && (actor->flags & EVC_PH_CAPITAL) && strlen(code) > 3)
            code = evc_arena_strndup(&d->arena, code, 3); /* "citizens from Kabul": AFG, not AFGGOV */
        if (agent)
            code = evc_combine_code(d, code, role_of(d, agent));
        uint32_t fl = actor->flags;
        /* a lone adjective ("Afghan affiliate") is not an actor, a plural
         * demonym is, and so is the adjective of an act or a weapon: "Israeli
         * strikes", "the Russian invasion", "Russian missiles" (the military) */
        if ((fl & EVC_PH_ADJ) && !agent) {
            const evc_token *last = &T[t1 - 1];
            const char *w = evc_tok_text(d, last);
            int plural = w[last->len - 1] == 's';
            int noun_follows = t1 < end && (T[t1].flags & EVC_TK_WORD) && !(T[t1].flags & EVC_TK_CAP);
            /* the head of the phrase, past up to two modifiers: "Russian
             * cruise missiles", "Chinese electric vehicles" */
            size_t hd = t1;
            for (size_t k = t1; noun_follows && k < end && k < t1 + 3; k++) {
                if (!(T[k].flags & EVC_TK_WORD) || (T[k].flags & EVC_TK_CAP) ||
                    EVC_LX(&T[k], EVC_LX_DET | EVC_LX_PREP | EVC_LX_SOFT | EVC_LX_FUNCTION | EVC_LX_BE | EVC_LX_MODAL |
                                      EVC_LX_NEG | EVC_LX_CUE))
                    break;
                if (EVC_LX(&T[k], EVC_LX_WEAPON | EVC_LX_GOODS)) {
                    hd = k;
                    break;
                }
                if (evc_htab_get(&d->ctx->verb_index, T[k].lemma))
                    break; /* "the Chinese side fired missiles": a verb ends the phrase */
            }
            if (armed || (noun_follows && EVC_LX(&T[hd], EVC_LX_WEAPON))) {
                code = evc_combine_code(d, code, "MIL");
            } else if (noun_follows && EVC_LX(&T[hd], EVC_LX_GOODS)) {
                /* "Russian oil", "Ukrainian grain": the country's trade */
            } else if (!plural && noun_follows && !event_noun(d, &T[t1]) && !state_head(d, T, t1, end) &&
                       !evc_tok_in(d, &T[t1], LAND)) {
                return EVC_OK;
            }
        }
        /* "those in Afghanistan", "civilians from Gaza": the country's civilians */
        size_t sb = d->sents.v[s].tok0;
        if ((fl & (EVC_PH_COUNTRY | EVC_PH_CAPITAL)) && !agent && t0 >= sb + 2 &&
            (evc_tok_is(d, &T[t0 - 1], "in") || evc_tok_is(d, &T[t0 - 1], "from")) && EVC_LX(&T[t0 - 2], EVC_LX_PEOPLE) &&
            code && strlen(code) >= 3) {
            char cc[4] = {code[0], code[1], code[2], 0};
            const char *cvl = evc_combine_code(d, evc_arena_strndup(&d->arena, cc, 3), "CVL");
            const char *nm = tok_span(d, t0 - 2, t1);
            evc_mention *m = push_mention(d, s, t0 - 2, t1, cvl, nm, EVC_PH_AGENT);
            if (!m)
                return EVC_ERR_NOMEM;
            m->ph = phrase_no(d, actor);
            m->how = EVC_HOW_CIVILIANS;
            return EVC_OK;
        }
        /* "the Chinese minister said": the last person of that country and role */
        int the = t0 > d->sents.v[s].tok0 && evc_tok_is(d, &T[t0 - 1], "the");
        const evc_token *hd = &T[t1 - 1];
        /* ... unless the name follows: "The U.N. special envoy, Volker Perthes," */
        int named = t1 + 1 < end && evc_tok_is(d, &T[t1], ",") && (T[t1 + 1].flags & EVC_TK_CAP);
        if (agent && the && !named && evc_tok_text(d, hd)[hd->len - 1] != 's' && code &&
            !EVC_LX(hd, EVC_LX_COLLECTIVE)) {
            int p = last_person_with(d, code);
            if (p >= 0) {
                return refer(d, s, t0, t1, p, EVC_PH_PERSON | EVC_MN_PRONOUN, 0, EVC_HOW_ROLE_REF);
            }
        }
        const char *name = (fl & EVC_PH_COUNTRY) && !agent ? actor->name : tok_span(d, t0, t1);
        evc_mention *m = push_mention(d, s, t0, t1, code, name ? name : actor->name, fl);
        if (!m)
            return EVC_ERR_NOMEM;
        m->ph = phrase_no(d, actor);
        m->agent_ph = phrase_no(d, agent);
        m->role = role_h;
        if (fl & (EVC_PH_COUNTRY | EVC_PH_CAPITAL | EVC_PH_ADJ))
            evc_count_country(d, code);
        return EVC_OK;
    }
    /* a title and a known surname: "President Biden", "Secretary Blinken" */
    if (agent && t1 < end && (T[t1].flags & EVC_TK_CAP) && !used[t1 - d->sents.v[s].tok0]) {
        for (size_t k = d->people.n; k-- > 0;)
            if (d->people.v[k].surname == T[t1].h) {
                return refer(d, s, t0, t1 + 1, (int)k, d->people.v[k].flags | EVC_PH_PERSON, 0, EVC_HOW_TITLE_SURNAME);
            }
        const uint64_t *v = evc_htab_get(&d->ctx->surnames, T[t1].h);
        if (v && *v) {
            const evc_phrase *p = &d->ctx->phrases[*v - 1];
            const char *code = role_of(d, p);
            evc_mention *m = push_mention(d, s, t0, t1 + 1, code, p->name, p->flags);
            if (!m)
                return EVC_ERR_NOMEM;
            m->ph = phrase_no(d, p);
            m->agent_ph = phrase_no(d, agent);
            m->how = EVC_HOW_TITLE_SURNAME;
            m->person = dict_person(d, p, code, role_h);
            evc_count_country(d, code);
            return EVC_OK;
        }
    }
    /* agents alone */
    const char *role = role_of(d, agent);
    /* "Danish media and government", "Russian soldiers and police": a role
     * right after "and" shares the actor of the role before it */
    if (role && t0 > d->sents.v[s].tok0 && evc_tok_is(d, &T[t0 - 1], "and") && d->mentions.n) {
        const evc_mention *p = &d->mentions.v[d->mentions.n - 1];
        const evc_phrase *ap = p->ph ? &d->ctx->phrases[p->ph - 1] : NULL;
        if (p->sent == s && p->t1 + 1 == t0 && p->agent_ph && ap && !(p->flags & EVC_PH_PERSON) &&
            !(ap->flags & (EVC_PH_AGENT | EVC_PH_PERSON)) && role_of(d, ap)) {
            const char *code = evc_combine_code(d, role_of(d, ap), role);
            evc_mention *m = push_mention(d, s, t0, t1, code, tok_span(d, t0, t1), EVC_PH_AGENT);
            if (!m)
                return EVC_ERR_NOMEM;
            m->ph = p->ph;
            m->agent_ph = phrase_no(d, agent);
            m->role = role_h;
            return EVC_OK;
        }
    }
    if (d->ctx->peer) { /* coded as an agent of nobody ("---GOV"), as the peer coders do */
        evc_mention *m = push_mention(d, s, t0, t1, evc_combine_code(d, NULL, role), tok_span(d, t0, t1), EVC_PH_AGENT);
        if (!m)
            return EVC_ERR_NOMEM;
        m->agent_ph = phrase_no(d, agent);
        m->how = EVC_HOW_AGENT;
        m->role = role_h;
        return EVC_OK;
    }
    /* "the people behind the attack", "those responsible": the perpetrators,
     * no civilians */
    if (role && !strcmp(role, "CVL") && t1 < end &&
        (evc_tok_is(d, &T[t1], "behind") || evc_tok_is(d, &T[t1], "responsible")))
        return EVC_OK;
    int definite = t0 > d->sents.v[s].tok0 && (evc_tok_is(d, &T[t0 - 1], "the") || evc_tok_is(d, &T[t0 - 1], "that") ||
                                               evc_tok_is(d, &T[t0 - 1], "this"));
    const evc_token *head = &T[t1 - 1];
    int plural = evc_tok_text(d, head)[head->len - 1] == 's';
    if (definite && (EVC_LX(head, EVC_LX_GROUPNOUN) || (role && (!strcmp(role, "REB") || !strcmp(role, "UAF") || !strcmp(role, "INS"))))) {
        const evc_mention *g = last_group(d);
        if (g)
            return refer_group(d, s, t0, t1, g, EVC_HOW_GROUP_REF);
    }
    if (definite && !plural && EVC_LX(head, EVC_LX_COLLECTIVE))
        definite = 0; /* "the junta", "the government": a body, not a person */
    if (definite && !plural && (!role_h || !has_role_person(d, role_h))) {
        /* "the president said": the last person met whose code has that role */
        const char *dom = evc_dominant_country(d);
        const char *want = evc_combine_code(d, dom ? dom : "---", role);
        int p = want ? last_person_with(d, want) : -1;
        if (p < 0 && role)
            p = last_person_role(d, role);
        if (p >= 0) {
            return refer(d, s, t0, t1, p, EVC_PH_PERSON | EVC_MN_PRONOUN, role_h, EVC_HOW_ROLE_REF);
        }
    }
    if (definite && !plural) {
        for (size_t i = d->people.n; i-- > 0;)
            if (d->people.v[i].role == role_h) {
                return refer(d, s, t0, t1, (int)i, EVC_PH_PERSON | EVC_MN_PRONOUN, 0, EVC_HOW_ROLE_REF);
            }
    }
    const char *code = role;
    const evc_phrase *of = NULL;
    /* "people leave Afghanistan", "refugees from Syria": civilians of the
     * country named next; "its citizens to leave Lebanon" are someone's (see
     * the coder) */
    int owned = t0 > d->sents.v[s].tok0 && EVC_LX(&T[t0 - 1], EVC_LX_POSS);
    if (role && !owned && (!strcmp(role, "CVL") || !strcmp(role, "REF")) && b < nr && r[b].t0 <= t1 + 2 &&
        (r[b].ph->flags & (EVC_PH_COUNTRY | EVC_PH_CAPITAL))) {
        const char *cc = role_of(d, r[b].ph);
        if (cc && strlen(cc) >= 3) {
            code = evc_combine_code(d, evc_arena_strndup(&d->arena, cc, 3), role);
            of = r[b].ph;
        }
    }
    if (is_state_role(role)) {
        const char *c = evc_dominant_country(d);
        if (c)
            code = evc_combine_code(d, c, role);
    }
    evc_mention *m = push_mention(d, s, t0, t1, code, tok_span(d, t0, t1),
                                  EVC_PH_AGENT | (definite && !plural ? EVC_MN_ROLE : 0));
    if (!m)
        return EVC_ERR_NOMEM;
    m->ph = phrase_no(d, of);
    m->agent_ph = phrase_no(d, agent);
    m->how = EVC_HOW_AGENT;
    m->role = role_h;
    return EVC_OK;
}

/* A country or capital; with peer dictionaries, which flag no countries,
 * any actor with a three-letter code ("ARNOR_ [ARN]"). */
static int state_like(const evc_doc *d, const evc_phrase *p)
{
    if (p->flags & (EVC_PH_COUNTRY | EVC_PH_CAPITAL))
        return 1;
    const char *c = d->ctx->peer ? role_of(d, p) : NULL;
    return c && strlen(c) == 3;
}

/* Can tokens between two matches be bridged inside one chunk?
 * actor + agent ("U.S. military commanders", "Pakistan's foreign ministry"),
 * agent + actor ("spokesman of Pakistan"), agent + person ("Secretary of
 * State Antony Blinken"), person's + agent ("Biden's press secretary").
 * A person otherwise ends a chunk, and a word in between must be a
 * modifier ("senior", "top") between an actor and its agent. */
static int bridge(const evc_doc *d, size_t from, size_t to, const raw *prev, const raw *next, int has_actor)
{
    uint32_t pf = prev->ph->flags, nf = next->ph->flags;
    if ((pf & EVC_PH_AGENT) && !(nf & (EVC_PH_AGENT | EVC_PH_PERSON | EVC_PH_ADJ)) && to > from && to - from <= 2 &&
        (evc_tok_is(d, &d->toks.v[from], "of") || evc_tok_is(d, &d->toks.v[from], "for") ||
         (evc_tok_is(d, &d->toks.v[from], "in") && state_like(d, next->ph) && !has_actor) ||
         /* "troops from Kenya", "officials from the European Union" */
         (evc_tok_is(d, &d->toks.v[from], "from") && !(nf & EVC_PH_PERSON) && !has_actor)) &&
        (to - from == 1 || evc_tok_is(d, &d->toks.v[from + 1], "the")))
        return 1;
    /* "Ithilen's awful and evil minister": two modifiers joined by "and"
     * (not for TABARI, whose chunks end there) */
    size_t and_at = SIZE_MAX;
    for (size_t k = from + 1; k + 1 < to && and_at == SIZE_MAX && d->ctx->peer != EVC_PEER_TABARI; k++)
        if (evc_tok_is(d, &d->toks.v[k], "and") && !evc_tok_is(d, &d->toks.v[k - 1], "'s"))
            and_at = k;
    if (to - from > (and_at == SIZE_MAX ? 2u : 4u))
        return 0;
    if (pf & EVC_PH_PERSON)
        return (nf & EVC_PH_AGENT) && to - from == 1 && evc_tok_is(d, &d->toks.v[from], "'s");
    for (size_t k = from; k < to; k++) {
        const evc_token *t = &d->toks.v[k];
        if (evc_tok_is(d, t, "'s") || evc_tok_is(d, t, "'"))
            continue;
        if (!(t->flags & EVC_TK_WORD) || (t->flags & EVC_TK_CAP) || !(nf & EVC_PH_AGENT) || (pf & EVC_PH_AGENT))
            return 0;
        static const char *const stop[] = {"and", "or", "but", "that", "who", "which", "to", "said", "says", "with",
                                           "the", "a", "an", "in", "on", "at", "by", "from", "as", "is", "was", "are",
                                           "were", "has", "have", "had", "will", "would", "for", "of", NULL};
        if (evc_tok_in(d, t, stop) && k != and_at)
            return 0;
        /* "Sudan's warring generals": after a possessive, a participle in
         * -ing modifies the role */
        int ing = t->len > 4 && !memcmp(evc_tok_text(d, t) + t->len - 3, "ing", 3) && k > from &&
                  (evc_tok_is(d, &d->toks.v[k - 1], "'s") || evc_tok_is(d, &d->toks.v[k - 1], "'"));
        if (!ing && (t->lemma != t->h || (t->len > 2 && !memcmp(evc_tok_text(d, t) + t->len - 2, "ed", 2))))
            return 0; /* an inflected verb, not a modifier */
    }
    return 1;
}

/* "accusing it of genocide", "sanctions against it": "it" as an object
 * (after a word, before a preposition or the clause's end) is the country
 * or body named last before it in its sentence, among the mentions
 * before index `below`; passing over people, nationalities, possessors ("the
 * IAEA's board"), names that only modify a noun ("the BRICS summit"),
 * places where things happen ("at the ICJ", "in Gaza") and the subject of
 * the verb "it" follows ("Russia said Ukraine attacked it"). "It" as a
 * subject ("it said", "it was") or in "made it clear" is no one: NULL. */
const evc_mention *evc_it_antecedent(const evc_doc *d, size_t s, size_t i, size_t below)
{
    const evc_token *T = d->toks.v;
    const evc_sent *se = &d->sents.v[s];
    if (i == se->tok0 || !(T[i - 1].flags & EVC_TK_WORD) || EVC_LX(&T[i - 1], EVC_LX_SOFT | EVC_LX_BE) ||
        evc_tok_is(d, &T[i - 1], "and") || evc_tok_is(d, &T[i - 1], "or") || evc_tok_is(d, &T[i - 1], "but"))
        return NULL;
    if (i + 1 < se->tok0 + se->ntok && (T[i + 1].flags & EVC_TK_WORD) && !EVC_LX(&T[i + 1], EVC_LX_PREP))
        return NULL;
    for (size_t k = below; k-- > 0;) {
        const evc_mention *m = &d->mentions.v[k];
        if (m->sent < s)
            break;
        if (!m->code || m->person >= 0 || m->t1 > i || (m->flags & (EVC_PH_ADJ | EVC_PH_AGENT)) == EVC_PH_ADJ ||
            (m->flags & (EVC_PH_PERSON | EVC_MN_FIRST_PERSON)) ||
            !(m->flags & (EVC_PH_COUNTRY | EVC_PH_GROUP | EVC_PH_ORG)) || evc_possessor(d, m))
            continue;
        const evc_sent *ms = &d->sents.v[m->sent];
        const evc_token *after = m->t1 < ms->tok0 + ms->ntok ? &T[m->t1] : NULL;
        if (after && (after->flags & EVC_TK_WORD) && !(after->flags & EVC_TK_CAP) && after->lemma == after->h &&
            !EVC_LX(after, EVC_LX_PREP | EVC_LX_SOFT | EVC_LX_DET | EVC_LX_BE | EVC_LX_MODAL | EVC_LX_CUE | EVC_LX_NEG |
                               EVC_LX_TIME) &&
            !evc_tok_is(d, after, "and") && !evc_tok_is(d, after, "or"))
            continue; /* "the BRICS summit": the summit */
        size_t p = m->t0;
        while (p > ms->tok0 && EVC_LX(&T[p - 1], EVC_LX_DET))
            p--;
        static const char *const venues[] = {"in", "at", "near", "inside", "outside", "across", "throughout", NULL};
        if (p > ms->tok0 && evc_tok_in(d, &T[p - 1], venues))
            continue;
        if (m->t1 + 3 > i) {
            size_t g = m->t1;
            while (g < i - 1 && (T[g].flags & EVC_TK_WORD) && !EVC_LX(&T[g], EVC_LX_PREP | EVC_LX_DET | EVC_LX_SOFT) &&
                   !evc_tok_is(d, &T[g], "and") && !evc_tok_is(d, &T[g], "or"))
                g++;
            if (g == i - 1)
                continue; /* the subject of the verb before "it" */
        }
        return m;
    }
    return NULL;
}

static evc_status pronoun(evc_doc *d, size_t s, size_t i)
{
    const evc_token *t = &d->toks.v[i];
    uint32_t g = 0;
    static const char *const tabari_pronouns[] = {"it", "he", "him", "she", "her", "they", "them", NULL};
    if (d->ctx->peer == EVC_PEER_TABARI && evc_tok_in(d, t, tabari_pronouns)) {
        /* TABARI: a pronoun stands for the first actor of its sentence */
        const evc_mention *first = NULL;
        for (size_t k = d->mentions.n; k-- > 0 && d->mentions.v[k].sent == s;) {
            const evc_mention *m = &d->mentions.v[k];
            if (m->code && m->t1 <= i && strcmp(m->code, "---"))
                first = m;
        }
        return first ? refer_back(d, s, i, first) : EVC_OK;
    }
    if (evc_tok_is(d, t, "he") || evc_tok_is(d, t, "him"))
        g = EVC_PH_MALE;
    else if (evc_tok_is(d, t, "she"))
        g = EVC_PH_FEMALE;
    else if ((evc_tok_is(d, t, "they") || evc_tok_is(d, t, "them")) && !(t->flags & EVC_TK_ALLCAPS)) {
        /* "they", "them": the group named last, unless plural people came between
         * ("these individuals ... with them") */
        const evc_mention *grp = NULL;
        for (size_t k = d->mentions.n; k-- > 0 && !grp;) {
            const evc_mention *m = &d->mentions.v[k];
            if (m->sent + 1 < s)
                break;
            if ((m->flags & EVC_PH_GROUP) && m->code)
                grp = m;
            else if ((m->flags & EVC_PH_AGENT) && evc_tok_text(d, &d->toks.v[m->t1 - 1])[d->toks.v[m->t1 - 1].len - 1] == 's')
                break;
        }
        return grp ? refer_group(d, s, i, i + 1, grp, EVC_HOW_PRONOUN) : EVC_OK;
    } else if (evc_tok_is(d, t, "it") && !d->ctx->peer) { /* (the peers leave "it" unresolved) */
        const evc_mention *a = evc_it_antecedent(d, s, i, d->mentions.n);
        return a ? refer_back(d, s, i, a) : EVC_OK;
    } else if (evc_tok_is(d, t, "group") && i > d->sents.v[s].tok0 &&
             (evc_tok_is(d, &d->toks.v[i - 1], "the") || evc_tok_is(d, &d->toks.v[i - 1], "that") ||
              evc_tok_is(d, &d->toks.v[i - 1], "this") ||
              (i > d->sents.v[s].tok0 + 1 && (evc_tok_is(d, &d->toks.v[i - 2], "the") ||
                                              evc_tok_is(d, &d->toks.v[i - 2], "that"))))) {
        /* "the group", "that group", "the militant group" */
        const evc_mention *grp = last_group(d);
        return grp ? refer_group(d, s, i, i + 1, grp, EVC_HOW_GROUP_REF) : EVC_OK;
    } else if (evc_tok_is(d, t, "general") && i > d->sents.v[s].tok0 && evc_tok_is(d, &d->toks.v[i - 1], "the") &&
               i + 1 < d->sents.v[s].tok0 + d->sents.v[s].ntok && evc_is_cue(d, &d->toks.v[i + 1])) {
        /* "the general said": a noun only before a verb (the dictionaries
         * leave "general" out, an adjective elsewhere); the officer met last */
        int p = last_person_role(d, "MIL");
        return p >= 0 ? refer(d, s, i, i + 1, p, EVC_PH_PERSON | EVC_MN_PRONOUN, 0, EVC_HOW_ROLE_REF) : EVC_OK;
    } else if ((evc_tok_is(d, t, "its") || evc_tok_is(d, t, "their")) && i + 1 < d->sents.v[s].tok0 + d->sents.v[s].ntok &&
             EVC_LX(&d->toks.v[i + 1], EVC_LX_MEMBER)) {
        /* "its members", "their fighters": the group met last */
        const evc_mention *grp = last_group(d);
        return grp ? refer_group(d, s, i, i + 2, grp, EVC_HOW_PRONOUN) : EVC_OK;
    } else if (evc_tok_is(d, t, "we") || evc_tok_is(d, t, "i") || evc_tok_is(d, t, "us") ||
             evc_tok_is(d, t, "our")) {
        if (evc_tok_is(d, t, "us") && (t->flags & EVC_TK_ALLCAPS))
            return EVC_OK;
        evc_mention *m = push_mention(d, s, i, i + 1, NULL, NULL, EVC_MN_FIRST_PERSON | EVC_MN_PRONOUN);
        if (!m)
            return EVC_ERR_NOMEM;
        m->how = EVC_HOW_SPEAKER;
        return EVC_OK;
    } else
        return EVC_OK;
    const evc_mention *lm = last_person_mention(d, g);
    int p = lm ? lm->person : -1;
    const evc_sent *se = &d->sents.v[s];
    /* "Matthew Miller said ... . He said": a pronoun opening a sentence is
     * the person the sentence before was about (its subject), rather than
     * the last person it named */
    if (i == se->tok0 && s > 0 && s < d->sent_mention0.n) {
        const evc_sent *ps = &d->sents.v[s - 1];
        for (size_t k = d->sent_mention0.v[s - 1]; k < d->sent_mention0.v[s]; k++) {
            const evc_mention *m = &d->mentions.v[k];
            if (m->t0 < ps->tok0 || (d->toks.v[ps->tok0].flags & EVC_TK_QUOTE))
                break;
            if (evc_possessor(d, m))
                continue;
            uint32_t mg = m->person >= 0 ? d->people.v[m->person].flags & (EVC_PH_MALE | EVC_PH_FEMALE) : 0;
            if (m->person >= 0 && (!mg || mg == g) && !evc_prep_object(d, m))
                return refer(d, s, i, i + 1, m->person, EVC_PH_PERSON | EVC_MN_PRONOUN, 0, EVC_HOW_PRONOUN);
            break;
        }
    }
    /* "he said" after quotations continues their speaker; "he replied" is
     * the one who was asked */
    if (i + 1 < se->tok0 + se->ntok && evc_is_cue(d, &d->toks.v[i + 1]) && d->quotes.n) {
        const evc_qspan *q = &d->quotes.v[d->quotes.n - 1];
        int replied = evc_tok_is(d, &d->toks.v[i + 1], "replied") || evc_tok_is(d, &d->toks.v[i + 1], "answered") ||
                      evc_tok_is(d, &d->toks.v[i + 1], "responded");
        if (q->speaker >= 0 && q->para + 3 >= se->para) {
            uint32_t qg = d->people.v[q->speaker].flags & (EVC_PH_MALE | EVC_PH_FEMALE);
            if (replied) {
                for (size_t k = d->mentions.n; k-- > 0;)
                    if (d->mentions.v[k].person >= 0 && d->mentions.v[k].person != q->speaker) {
                        uint32_t mg = d->people.v[d->mentions.v[k].person].flags & (EVC_PH_MALE | EVC_PH_FEMALE);
                        if (!mg || mg == g) {
                            p = d->mentions.v[k].person;
                            break;
                        }
                    }
            } else if (!qg || qg == g) {
                p = q->speaker;
            }
        }
    }
    if (p < 0)
        return EVC_OK;
    return refer(d, s, i, i + 1, p, EVC_PH_PERSON | EVC_MN_PRONOUN, 0, EVC_HOW_PRONOUN);
}

/* Is code an office's: of a state (GOV, MIL, LEG, JUD, SPY, COP) or of an
 * international body? An opposition leader's or a journalist's surname
 * alone ("Diallo") names too many people. */
static int office(const char *code)
{
    static const char *const roles[] = {"GOV", "MIL", "LEG", "JUD", "SPY", "COP", NULL};
    size_t n = strlen(code);
    if (!strncmp(code, "IGO", 3))
        return 1;
    for (int i = 0; roles[i] && n >= 6; i++)
        if (!strcmp(code + n - 3, roles[i]))
            return 1;
    return 0;
}

/* A capitalised token that is the surname of a person met before, or of a
 * dictionary person in office on the article date or in the four years
 * before it ("Trump" in 2024), or after a title. */
static evc_status surname(evc_doc *d, size_t s, size_t i)
{
    const evc_token *t = &d->toks.v[i];
    for (size_t k = d->people.n; k-- > 0;)
        if (d->people.v[k].surname == t->h) {
            return refer(d, s, i, i + 1, (int)k, d->people.v[k].flags | EVC_PH_PERSON, 0, EVC_HOW_SURNAME);
        }
    /* never a function word ("In" of Moon Jae-in); "May" stays a surname */
    const uint64_t *v = EVC_LX(t, EVC_LX_FUNCTION | EVC_LX_PREP | EVC_LX_DET | EVC_LX_SOFT)
                            ? NULL
                            : evc_htab_get(&d->ctx->surnames, t->h);
    if (!v || !*v)
        return EVC_OK;
    const evc_phrase *p = &d->ctx->phrases[*v - 1];
    int titled = i > d->sents.v[s].tok0 && EVC_LX(&d->toks.v[i - 1], EVC_LX_TITLE);
    int in_office = 0;
    for (uint16_t c = 0; c < p->n_codes; c++) {
        const evc_codespec *cs = &d->ctx->codes[p->codes + c];
        if (d->published != EVC_NO_DATE && cs->from != LONG_MIN && d->published >= cs->from &&
            (cs->to == LONG_MAX || d->published <= cs->to + 4 * 366) && office(cs->code))
            in_office = 1;
    }
    if (!titled && !in_office)
        return EVC_OK;
    const char *code = role_of(d, p);
    size_t t0 = titled ? i - 1 : i;
    evc_mention *m = push_mention(d, s, t0, i + 1, code, p->name, p->flags);
    if (!m)
        return EVC_ERR_NOMEM;
    m->ph = phrase_no(d, p);
    m->how = titled ? EVC_HOW_TITLE_SURNAME : EVC_HOW_SURNAME;
    m->person = dict_person(d, p, code, 0);
    evc_count_country(d, code);
    return EVC_OK;
}

/* "the ambassadors of Arnor, Osgiliath and Gondor", "lawmakers in France
 * and Germany": a role written before a list of countries is each one's.
 * The list must close with "and" or "or" ("envoys of Chad, its neighbour"
 * is no list). PETRARCH2 codes so; TABARI does not. */
static evc_status list_role(evc_doc *d, size_t s, size_t m0)
{
    if (d->ctx->peer == EVC_PEER_TABARI)
        return EVC_OK; /* TABARI leaves the others bare */
    const evc_token *T = d->toks.v;
    size_t e = d->sents.v[s].tok0 + d->sents.v[s].ntok;
    for (size_t i = m0; i + 1 < d->mentions.n; i++) {
        const evc_mention *m = &d->mentions.v[i];
        if (!m->agent_ph || !m->ph || !m->code || m->person >= 0 || (m->flags & EVC_PH_PERSON))
            continue;
        const char *cc = role_of(d, &d->ctx->phrases[m->ph - 1]);
        size_t cl = cc ? strlen(cc) : 0;
        if (cl != 3 || strlen(m->code) <= 3 || strncmp(m->code, cc, 3))
            continue;
        int before = 0; /* the role before its country: "ambassadors of Arnor" */
        for (size_t k = m->t0 + 1; k + 1 < m->t1 && !before; k++)
            before = evc_tok_is(d, &T[k], "of") || evc_tok_is(d, &T[k], "in") || evc_tok_is(d, &T[k], "from");
        if (!before)
            continue;
        size_t j = i + 1, at = m->t1;
        int closed = 0;
        for (; j < d->mentions.n && !closed; j++) {
            const evc_mention *n = &d->mentions.v[j];
            if (n->sent != s || n->agent_ph || n->person >= 0 || !n->ph || !state_like(d, &d->ctx->phrases[n->ph - 1]) ||
                !n->code || strlen(n->code) != 3 || n->t0 <= at || n->t0 > at + 2)
                break;
            int comma = 0, conj = 0;
            for (size_t k = at; k < n->t0; k++) {
                comma += evc_tok_is(d, &T[k], ",");
                conj += evc_tok_is(d, &T[k], "and") || evc_tok_is(d, &T[k], "or");
            }
            if (comma + conj != (int)(n->t0 - at))
                break;
            closed = conj > 0;
            at = n->t1;
        }
        if (!closed || (at < e && evc_tok_is(d, &T[at], "'s")))
            continue; /* "envoys of Chad and Niger's president" */
        for (size_t k = i + 1; k < j; k++) {
            evc_mention *n = &d->mentions.v[k];
            const char *code = evc_combine_code(d, n->code, m->code + 3);
            if (!code)
                return EVC_ERR_NOMEM;
            n->code = code;
            n->agent_ph = m->agent_ph;
            n->how = EVC_HOW_LIST_ROLE;
        }
        i = j - 1;
    }
    return EVC_OK;
}

/* "Mark Rutte, NATO's new secretary general," / "Gen. Mark Milley, chairman
 * of the joint chiefs": the role after a name belongs to that person. */
static void appositives(evc_doc *d, size_t s, size_t m0)
{
    const evc_sent *se = &d->sents.v[s];
    size_t e = se->tok0 + se->ntok;
    for (size_t i = m0; i + 1 < d->mentions.n; i++) {
        const evc_mention *p = &d->mentions.v[i];
        if (p->person < 0 || p->t1 >= e || !evc_tok_is(d, &d->toks.v[p->t1], ","))
            continue;
        for (size_t j = i + 1; j < d->mentions.n; j++) {
            const evc_mention *a = &d->mentions.v[j];
            if (a->t0 > p->t1 + 5)
                break;
            if (!a->role || a->person >= 0)
                continue;
            evc_person *pp = &d->people.v[p->person];
            if (!pp->role)
                pp->role = a->role;
            if (!pp->code && a->code && strlen(a->code) > 3) {
                pp->code = a->code;
                d->mentions.v[i].code = a->code;
                d->mentions.v[i].agent_ph = a->agent_ph;
                if (!d->mentions.v[i].ph)
                    d->mentions.v[i].ph = a->ph;
                d->mentions.v[i].how = EVC_HOW_APPOSITIVE;
            }
            break;
        }
    }
}

/* "supporters of former President X", "X supporters", "X's loyalists": a
 * person's followers are not the person. Those of someone out of office
 * (ELI) or in opposition are the country's opposition (OPP), those of a
 * leader in office its civilians (CVL); the mention takes their words. */
static void followers(evc_doc *d, size_t s, size_t m0)
{
    static const char *const words[] = {"supporters", "loyalists", "followers", NULL};
    const evc_sent *se = &d->sents.v[s];
    size_t b = se->tok0, e = se->tok0 + se->ntok;
    const evc_token *T = d->toks.v;
    for (size_t i = m0; i < d->mentions.n; i++) {
        evc_mention *m = &d->mentions.v[i];
        if (m->person < 0 || !m->code || strlen(m->code) != 6)
            continue;
        const char *role = m->code + 3;
        const char *to = !strcmp(role, "ELI") || !strcmp(role, "OPP") ? "OPP" : !strcmp(role, "GOV") ? "CVL" : NULL;
        if (!to)
            continue;
        size_t t0 = m->t0, t1 = m->t1;
        size_t k = t1 < e && evc_tok_is(d, &T[t1], "'s") ? t1 + 1 : t1;
        if (k < e && evc_tok_in(d, &T[k], words)) {
            t1 = k + 1; /* "Bolsonaro supporters", "Khan's supporters" */
        } else {
            /* "supporters of (former President) X": the title words are not covered */
            size_t j = t0;
            while (j > b && j + 3 > t0 && !evc_tok_is(d, &T[j - 1], "of") && (T[j - 1].flags & EVC_TK_WORD))
                j--;
            if (j < b + 2 || !evc_tok_is(d, &T[j - 1], "of") || !evc_tok_in(d, &T[j - 2], words) ||
                (i > m0 && d->mentions.v[i - 1].t1 > j - 2))
                continue;
            t0 = j - 2;
        }
        const char *country = evc_arena_strndup(&d->arena, m->code, 3);
        const char *code = country ? evc_combine_code(d, country, to) : NULL;
        const char *name = tok_span(d, t0, t1);
        if (!code || !name)
            continue; /* out of memory: the person stays */
        m->t0 = (uint32_t)t0;
        m->t1 = (uint32_t)t1;
        m->code = code;
        m->name = name;
        m->flags = (m->flags & ~(uint32_t)EVC_PH_PERSON) | EVC_PH_GROUP;
        m->person = -1;
        m->how = EVC_HOW_FOLLOWERS;
    }
}

/* The code an appositive gives a name outside the dictionaries: "Vadim
 * Krasikov, a Russian serving ..." (RUS), "Ali Haidar, the Syrian
 * information minister," (SYRGOV). `x` is the comma after the name; the
 * appositive's first dictionary words must stand within its first few words,
 * after its article and adjectives ("a jailed British activist"). Not a
 * possessor: "X, the Kremlin's fiercest critic" is not the Kremlin. */
static const char *appositive_code(evc_doc *d, const raw *r, size_t ri, size_t nr, size_t x, size_t end)
{
    const evc_token *T = d->toks.v;
    static const char *const arts[] = {"a", "an", "the", NULL};
    if (!(x + 2 < end && evc_tok_is(d, &T[x], ",") && evc_tok_in(d, &T[x + 1], arts)))
        return NULL;
    while (ri < nr && r[ri].t0 <= x)
        ri++;
    if (ri >= nr || r[ri].t0 > x + 4)
        return NULL;
    for (size_t k = x + 2; k < r[ri].t0; k++) /* its adjectives: lower-case words */
        if (!(T[k].flags & EVC_TK_WORD) || (T[k].flags & EVC_TK_CAP) || EVC_LX(&T[k], EVC_LX_FUNCTION))
            return NULL;
    const evc_phrase *ph = r[ri].ph;
    size_t t1 = r[ri].t1;
    if ((ph->flags & EVC_PH_AGENT) || (t1 < end && evc_tok_is(d, &T[t1], "'s")))
        return NULL;
    /* "a China scholar", "a Russian affairs expert": a subject of study, not
     * the person's own country */
    static const char *const students[] = {"scholar", "expert", "analyst", "specialist", "researcher", "watcher",
                                           "historian", "affairs", "studies", "hand", "correspondent", NULL};
    for (size_t k = t1; k < end && k < t1 + 2 && (T[k].flags & EVC_TK_WORD); k++)
        if (evc_tok_in(d, &T[k], students))
            return NULL;
    const char *code = role_of(d, ph);
    /* "a Syrian opposition activist", "a NATO spokesman": the actor takes
     * the role after it */
    for (size_t k = t1; code && ri + 1 < nr && k <= t1 + 1 && k < end; k++)
        if (r[ri + 1].t0 == k && (r[ri + 1].ph->flags & EVC_PH_AGENT))
            return evc_combine_code(d, code, role_of(d, r[ri + 1].ph));
    /* with no role, only a nationality says whose: "a Russian serving ..."
     * (not "a Kremlin critic", "a Hamas supporter") */
    return (ph->flags & EVC_PH_ADJ) ? code : NULL;
}

void evc_resolve_forward(evc_doc *d)
{
    for (size_t i = 0; i < d->mentions.n; i++) {
        evc_mention *m = &d->mentions.v[i];
        if (!(m->flags & EVC_MN_ROLE))
            continue;
        for (size_t k = 0; k < d->people.n; k++)
            if (d->people.v[k].role == m->role) {
                m->person = (int)k;
                m->ante = d->people.v[k].first;
                m->how = EVC_HOW_ROLE_REF;
                m->code = d->people.v[k].code ? d->people.v[k].code : m->code;
                m->name = d->people.v[k].name;
                m->flags = (m->flags & ~(uint32_t)EVC_MN_ROLE) | EVC_PH_PERSON | EVC_MN_PRONOUN;
                break;
            }
    }
    for (size_t i = 0; i < d->quotes.n; i++) {
        evc_qspan *q = &d->quotes.v[i];
        if (q->mention < 0)
            continue;
        const evc_mention *m = &d->mentions.v[q->mention];
        q->speaker = m->person;
        q->speaker_name = m->person >= 0 ? d->people.v[m->person].name : m->name;
        q->speaker_code = m->person >= 0 && d->people.v[m->person].code ? d->people.v[m->person].code : m->code;
    }
}

evc_status evc_actors(evc_doc *d, size_t s)
{
    size_t first_mention = d->mentions.n;
    const evc_sent *se = &d->sents.v[s];
    size_t b = se->tok0, e = se->tok0 + se->ntok;
    const evc_token *T = d->toks.v;
    raw *r = evc_arena_calloc(&d->arena, se->ntok + 1, sizeof *r);
    uint8_t *used = evc_arena_calloc(&d->arena, se->ntok + 1, 1);
    if (!r || !used)
        return EVC_ERR_NOMEM;
    size_t nr = 0;
    for (size_t i = b; i < e;) {
        size_t stop = i;
        const evc_phrase *p = (T[i].flags & EVC_TK_WORD) ? longest_at(d, T, i, e, &stop) : NULL;
        if (!p && (T[i].flags & EVC_TK_WORD) && tok_cap(&T[i]) && !d->ctx->peer && (p = led_by(d, &T[i])))
            stop = i + 1;
        if (!p) {
            i++;
            continue;
        }
        if (p->flags & EVC_PH_DISCARD) {
            d->sents.v[s].discard = 1;
            d->story_discard |= (p->flags & EVC_PH_STORY) != 0;
            i = stop;
            continue;
        }
        r[nr++] = (raw){(uint32_t)i, (uint32_t)stop, p};
        for (size_t k = i; k < stop; k++)
            used[k - b] = 1;
        i = stop;
    }
    /* walk tokens: chunks of matches, pronouns and surnames in text order */
    size_t ri = 0;
    for (size_t i = b; i < e;) {
        if (ri < nr && r[ri].t0 == i) {
            size_t a = ri++;
            int has_actor = !(r[a].ph->flags & EVC_PH_AGENT);
            while (ri < nr && bridge(d, r[ri - 1].t1, r[ri].t0, &r[ri - 1], &r[ri], has_actor)) {
                has_actor |= !(r[ri].ph->flags & EVC_PH_AGENT);
                ri++;
            }
            size_t before = d->mentions.n;
            evc_status st = chunk_mention(d, s, r, a, ri, nr, used, e);
            if (st)
                return st;
            i = d->mentions.n > before ? d->mentions.v[d->mentions.n - 1].t1 : r[ri - 1].t1;
            if (i < r[ri - 1].t1)
                i = r[ri - 1].t1;
            while (ri < nr && r[ri].t0 < i)
                ri++;
            continue;
        }
        const evc_token *t = &T[i];
        /* a name outside the dictionary next to a reporting verb: "Jens
         * Stoltenberg said", "said Mark Rutte" */
        if ((t->flags & EVC_TK_CAP) && !used[i - b] && !EVC_LX(t, EVC_LX_FUNCTION)) {
            size_t nl = name_len(d, i, e, used + (i - b));
            int after_cue = i > b && (evc_is_cue(d, &T[i - 1]) ||
                                      (i > b + 1 && evc_tok_is(d, &T[i - 1], "to") && evc_tok_is(d, &T[i - 2], "according")));
            /* "Ruto said": one capitalised word right before a reporting verb */
            if (!nl && i + 1 < e && evc_is_cue(d, &T[i + 1]) && (t->flags & EVC_TK_WORD) && !(t->flags & EVC_TK_ALLCAPS) &&
                t->nletters >= 3 && !known_surname(d, t))
                nl = 1;
            /* "Getachew Reda, who led ...", "Mao Ning, a Chinese spokeswoman," at the start of a sentence */
            int apposed = nl >= 2 && i == b && i + nl + 1 < e && evc_tok_is(d, &T[i + nl], ",") &&
                          (evc_tok_is(d, &T[i + nl + 1], "who") || evc_tok_is(d, &T[i + nl + 1], "a") ||
                           evc_tok_is(d, &T[i + nl + 1], "an") || evc_tok_is(d, &T[i + nl + 1], "the"));
            /* "A resident of the village, Hassan Ait Ali, said": the person
             * has the role's code */
            const evc_mention *role = NULL;
            if (nl >= 2 && i > b && evc_tok_is(d, &T[i - 1], ",") && i + nl + 1 < e &&
                evc_tok_is(d, &T[i + nl], ",") && evc_is_cue(d, &T[i + nl + 1])) {
                apposed = 1;
                for (size_t k = d->mentions.n; k-- > first_mention && !role;)
                    if (((d->mentions.v[k].flags & EVC_PH_AGENT) || d->mentions.v[k].agent_ph) && d->mentions.v[k].code)
                        role = &d->mentions.v[k];
            }
            /* "released Vadim Krasikov, a Russian serving ...": a name whose
             * appositive gives its code, anywhere in the sentence */
            const char *apcode = nl >= 2 ? appositive_code(d, r, ri, nr, i + nl, e) : NULL;
            if (nl && ((i + nl < e && evc_is_cue(d, &T[i + nl])) || (nl >= 2 && after_cue) || apposed || apcode)) {
                const char *name = tok_span(d, i, i + nl);
                if (!name)
                    return EVC_ERR_NOMEM;
                int known = -1;
                for (size_t k = 0; k < d->people.n && known < 0; k++)
                    if (!strcmp(d->people.v[k].name, name))
                        known = (int)k;
                const char *code = known >= 0 ? d->people.v[known].code : role ? role->code : apcode;
                evc_mention *m = push_mention(d, s, i, i + nl, code, name, EVC_PH_PERSON);
                if (!m)
                    return EVC_ERR_NOMEM;
                m->how = EVC_HOW_UNKNOWN_NAME;
                if (known >= 0) {
                    m->ante = d->people.v[known].first;
                    m->how = EVC_HOW_SURNAME;
                }
                if (role && known < 0) {
                    m->agent_ph = role->agent_ph;
                    m->how = EVC_HOW_APPOSITIVE;
                } else if (apcode && known < 0) {
                    m->how = EVC_HOW_APPOSITIVE;
                }
                m->person = known >= 0 ? known
                                       : add_person(d, name, code, T[i + nl - 1].h, role ? role->role : 0, EVC_PH_PERSON);
                i += nl;
                continue;
            }
        }
        if (t->flags & EVC_TK_WORD) {
            size_t before = d->mentions.n;
            evc_status st = pronoun(d, s, i);
            if (!st && d->mentions.n == before && (t->flags & EVC_TK_CAP) && !used[i - b])
                st = surname(d, s, i);
            if (st)
                return st;
            /* a title and a name outside the dictionary: "Gen. Frank McKenzie" */
            if (d->mentions.n == before && EVC_LX(t, EVC_LX_TITLE) && (t->flags & EVC_TK_CAP)) {
                size_t nl = name_len(d, i + 1, e, used + (i + 1 - b));
                if (nl) {
                    const char *name = tok_span(d, i + 1, i + 1 + nl);
                    if (!name)
                        return EVC_ERR_NOMEM;
                    evc_mention *m = push_mention(d, s, i, i + 1 + nl, NULL, name, EVC_PH_PERSON);
                    if (!m)
                        return EVC_ERR_NOMEM;
                    m->how = EVC_HOW_UNKNOWN_NAME;
                    m->person = add_person(d, name, NULL, T[i + nl].h, 0, EVC_PH_PERSON);
                    i += 1 + nl;
                    continue;
                }
            }
        }
        i++;
    }
    appositives(d, s, first_mention);
    followers(d, s, first_mention);
    return list_role(d, s, first_mention);
}
