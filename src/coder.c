/*
 * Events: verb patterns matched on lemmas, with source and target chosen by
 * shallow clause rules (TABARI-like, but aware of reported speech):
 *
 * - the clause of a verb runs back to a hard boundary (sentence start, ';',
 *   ':', a dash, a reporting verb and its "that"); soft boundaries (", and",
 *   subordinators, relative pronouns) end it once a subject was found;
 * - the source is the leftmost actor of that clause that is neither a
 *   possessor ("Biden's") nor the object of a preposition; in the passive it
 *   is the "by" agent and the subject becomes the target;
 * - the target is the pattern's '*' actor, else the first actor after the
 *   verb in the clause;
 * - "we"/"I" inside a quotation is its speaker; a clause with no actor after
 *   a reporting verb takes the speaker as source;
 * - negated verbs give no event, hypotheticals ("if", "should X attack")
 *   give none, and modal or future material acts become threats (13x) or
 *   intents (03x) as CAMEO prescribes; an act denied ("denied that it had
 *   struck X") is the denial (016), aimed at the act's target;
 * - a country named by one of its own officials speaking is the body that
 *   official speaks for ("Psaki said the United States ...": USAGOV).
 */
#include "doc.h"
#include "lexicon.h"
#include "places.h"
#include "util.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct sctx {
    evc_doc *d;
    size_t s, b, e;              /* sentence and its token range */
    int32_t *mstart;             /* token -> mention index + 1 starting there */
    uint8_t *covered;            /* token inside a mention */
    const uint64_t (*anchor)[3]; /* token's verb-index runs (lemma, form, TABARI stem); zero when none */
    size_t subject;              /* first token of the first mention that can be a subject, or e */
    evc_why why;                 /* what emit() records beside each event, when explaining */
    size_t n_events;             /* events before this sentence's */
    uint64_t weak;               /* this sentence's events from weak patterns (bit k: n_events + k) */
    /* for a relative clause ("... the attack that killed X"): the last act
     * coded (its source and where its words end) and the last nominal act
     * left without an actor (its code and end) */
    const evc_mention *last_src, *last_tgt; /* last_tgt: NULL when that act had no single named target */
    size_t last_end;
    size_t asked_end; /* "urged X to": where an appeal or demand for an act ends (0 when none) */
    const char *nominal_code;
    size_t nominal_end;
    evc_where there; /* "arrived there": the place named before (name NULL when none) */
    /* "denied that it had struck X": who denies, and the tokens where the
     * act denied stands (deny_end 0 when none) */
    const evc_mention *denier;
    size_t deny_from, deny_end;
    const char *voice; /* the code of who reports the act being coded (a reporting verb's subject, a quotation's
                          speaker), or NULL */
    uint8_t *aside;    /* TABARI: tokens of the comma-delimited clauses its COMMA option skips (NULL: none) */
    int tabari;        /* TABARI's dictionaries: its coding conventions apply */
} sctx;

/* A nominal act at token i, ending at `end`, that coded nothing itself; the
 * first of overlapping ones is kept ("suicide attack", not "attack" again). */
static void note_nominal(sctx *c, const char *code, size_t i, size_t end)
{
    if (c->nominal_code && i < c->nominal_end)
        return;
    c->nominal_code = code;
    c->nominal_end = end;
}

/* EVCODE_TRACE=1: each matched pattern and what became of it, on stderr
 * (a debugging aid for dictionary and grammar work). */
static void trace(const sctx *c, size_t i, const evc_pattern *p, const char *what, const char *src, const char *tgt)
{
    if (c->d->explain && !strncmp(what, "skip", 4)) { /* why a matched pattern coded nothing */
        evc_skip *k = EVC_VEC_PUSH(&c->d->arena, c->d->skips);
        if (k) {
            k->sent = (uint32_t)c->s;
            k->tok = (uint32_t)i;
            k->pattern = p;
            k->why = what + 6;
        }
    }
    if (!c->d->ctx->trace)
        return;
    const evc_token *t = &c->d->toks.v[i];
    fprintf(stderr, "trace: sentence %zu token %zu '%.*s': %s %s (%s:%u): %s", c->s, i - c->b, (int)t->len,
            evc_tok_text(c->d, t), p->code, p->text ? p->text : "", c->d->ctx->files[p->file], p->line, what);
    if (src || tgt)
        fprintf(stderr, " [%s -> %s]", src ? src : "-", tgt ? tgt : "-");
    fputc('\n', stderr);
}

#define PREPS EVC_LX_PREP
#define DETS EVC_LX_DET
#define SOFT EVC_LX_SOFT
#define MODALS EVC_LX_MODAL
#define LOCATIVE EVC_LX_LOCATIVE
#define NEG EVC_LX_NEG
#define BE EVC_LX_BE

#define lx(t, cls) EVC_LX(t, cls)

/* The CAMEO root of a code ("1831" -> 18). */
static int code_root(const char *code) { return (code[0] - '0') * 10 + (code[1] - '0'); }

static const evc_mention *mention(const sctx *c, size_t i)
{
    return c->mstart[i - c->b] ? &c->d->mentions.v[c->mstart[i - c->b] - 1] : NULL;
}

int evc_prep_object(const evc_doc *d, const evc_mention *m)
{
    size_t b = d->sents.v[m->sent].tok0, i = m->t0;
    while (i > b && lx(&d->toks.v[i - 1], DETS))
        i--;
    return i > b && lx(&d->toks.v[i - 1], PREPS);
}

int evc_possessor(const evc_doc *d, const evc_mention *m)
{
    const evc_sent *se = &d->sents.v[m->sent];
    if (m->t1 >= se->tok0 + se->ntok)
        return 0;
    const evc_token *t = &d->toks.v[m->t1];
    /* "Biden's", and "the US’ ability": a possessive apostrophe after a name */
    return evc_tok_is(d, t, "'s") || evc_tok_is(d, t, "'");
}

static int prep_object(const sctx *c, const evc_mention *m) { return evc_prep_object(c->d, m); }
static int possessor(const sctx *c, const evc_mention *m) { return evc_possessor(c->d, m); }

/* The quotation (direct) containing byte offset off in paragraph p, or NULL. */
static const evc_qspan *quote_at(const evc_doc *d, size_t p, size_t off)
{
    /* quotes are in paragraph order: find the first of paragraph p */
    size_t lo = 0, hi = d->quotes.n;
    EVC_LOWER_BOUND(lo, hi, mid, d->quotes.v[mid].para < p);
    for (size_t i = lo; i < d->quotes.n && d->quotes.v[i].para == p; i++) {
        const evc_qspan *q = &d->quotes.v[i];
        if (q->kind == 0 && off >= q->start && off < q->start + q->len)
            return q;
    }
    return NULL;
}

/* Code of a mention, resolving "we"/"I" inside a quotation to its speaker. */
static const char *mcode(const sctx *c, const evc_mention *m, const char **name)
{
    *name = m->name;
    if (!(m->flags & EVC_MN_FIRST_PERSON))
        return m->code;
    const evc_qspan *q = quote_at(c->d, c->d->sents.v[c->s].para, c->d->toks.v[m->t0].start);
    if (!q || !q->speaker_code)
        return NULL;
    *name = q->speaker_name;
    return q->speaker_code;
}

/* Can mention m be a source or target? Not without a code, not a TABARI
 * actor coded "---" (recognised, no one: the next actor is looked for),
 * not inside a comma clause TABARI skips. */
static int usable(const sctx *c, const evc_mention *m)
{
    const char *n, *code = mcode(c, m, &n);
    return code != NULL && !(c->aside && m->t0 >= c->b && c->aside[m->t0 - c->b]) &&
           !(c->tabari && !strcmp(code, "---"));
}

/* Can mention m be the subject of a verb (coded, neither "Biden's" nor
 * the object of a preposition)? */
static int subject_like(const sctx *c, const evc_mention *m)
{
    return usable(c, m) && !possessor(c, m) && !prep_object(c, m);
}

/* The first token of the sentence where a subject-like mention starts, or
 * c->e: computed once per sentence, so that each cue costs O(1). */
static size_t first_subject(const sctx *c)
{
    for (size_t i = c->b; i < c->e; i++) {
        const evc_mention *m = mention(c, i);
        if (m && subject_like(c, m))
            return i;
    }
    return c->e;
}

/* Reporting verb at token i (said, told, ...), and its subject: the
 * sentence's first subject-like mention before it, else the mention right
 * after it ("said Smith"). */
static const evc_mention *cue_subject(const sctx *c, size_t cue)
{
    const evc_mention *best = c->subject < cue ? mention(c, c->subject) : NULL;
    if (!best && cue + 1 < c->e) {
        const evc_mention *m = mention(c, cue + 1);
        if (m && usable(c, m))
            best = m;
    }
    return best;
}

static int verb_form(const evc_doc *d, const evc_token *t);

typedef struct clause {
    size_t lo;                   /* first token of the clause */
    const evc_mention *speaker;  /* subject of a reporting verb that opened it */
    size_t cue;                  /* that verb, or SIZE_MAX */
} clause;

/* TABARI: does "and" or "or" at k open a clause of its own, an actor
 * after a word that is no actor ("urged Bree to chill out and Gondor
 * asked"), not a compound ("Elrond and Gondor")? */
static int actor_after_and(const sctx *c, size_t k)
{
    const evc_token *T = c->d->toks.v;
    return (evc_tok_is(c->d, &T[k], "and") || evc_tok_is(c->d, &T[k], "or")) && k + 1 < c->e &&
           c->covered[k + 1 - c->b] && k > c->b && !c->covered[k - 1 - c->b] && (T[k - 1].flags & EVC_TK_WORD);
}

static clause clause_of(const sctx *c, size_t anchor)
{
    clause cl = {c->b, NULL, SIZE_MAX};
    int have = 0;
    for (size_t i = anchor; i-- > c->b;) {
        if (anchor - i > 60) { /* a clause is not longer than this: keeps coding linear */
            cl.lo = i + 1;
            return cl;
        }
        const evc_token *t = &c->d->toks.v[i];
        const char *s = evc_tok_text(c->d, t);
        if (c->covered[i - c->b]) {
            const evc_mention *m = mention(c, i);
            if (m && subject_like(c, m))
                have = 1;
            continue;
        }
        if ((t->len == 1 && (s[0] == ';' || s[0] == ':')) ||
            (c->tabari && evc_tok_is(c->d, t, "but")) || /* TABARI: see clause_joint */
            (c->tabari && actor_after_and(c, i)) ||
            (t->len == 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x94)) {
            cl.lo = i + 1;
            return cl;
        }
        int fears = evc_tok_is(c->d, t, "raise") || evc_tok_is(c->d, t, "raised") || evc_tok_is(c->d, t, "raises");
        if (fears)
            fears = i + 1 < c->e && (evc_tok_is(c->d, &c->d->toks.v[i + 1], "fears") ||
                                     evc_tok_is(c->d, &c->d->toks.v[i + 1], "concerns") ||
                                     evc_tok_is(c->d, &c->d->toks.v[i + 1], "alarm"));
        int noun = i > c->b && (lx(&c->d->toks.v[i - 1], DETS) ||
                                evc_tok_is(c->d, &c->d->toks.v[i - 1], "'s"));
        /* (TABARI knows no reported speech: its source is the first actor) */
        if ((fears || (evc_is_strong_cue(c->d, t) && !noun)) && (t->flags & EVC_TK_WORD) && !c->tabari) {
            cl.lo = i + 1;
            cl.speaker = cue_subject(c, i);
            cl.cue = i;
            /* "told the Security Council on Monday that X ...": those told
             * are not in the clause reported */
            for (size_t k = i + 1; k < anchor && k < i + 10; k++) {
                const evc_token *w = &c->d->toks.v[k];
                if (evc_tok_is(c->d, w, "that") && !c->covered[k - c->b]) {
                    cl.lo = k + 1;
                    break;
                }
                if (evc_tok_is(c->d, w, ",") || (!c->covered[k - c->b] && verb_form(c->d, w)))
                    break;
            }
            return cl;
        }
        if (have && !c->tabari && (lx(t, SOFT) ||
                     ((evc_tok_is(c->d, t, "and") || evc_tok_is(c->d, t, "that")) && i > c->b &&
                      evc_tok_is(c->d, &c->d->toks.v[i - 1], ",")))) {
            /* "Evil Mordor, the awful Fornost, and good Gondor welcomed": no
             * verb before ", and" makes it the end of a list, not a clause */
            int verb = !evc_tok_is(c->d, t, "and");
            for (size_t k = i > c->b + 40 ? i - 40 : c->b; k + 1 < i && !verb; k++)
                verb = !c->covered[k - c->b] && (verb_form(c->d, &c->d->toks.v[k]) || evc_is_cue(c->d, &c->d->toks.v[k]));
            if (verb) {
                cl.lo = i + 1;
                return cl;
            }
        }
    }
    return cl;
}

/* "refused to extend the deal", "failed to stop the attack": the act that a
 * refusal or a failure names did not happen (the refusal is coded by its
 * own pattern). `start` is where the act's match begins. */
static int refused(const sctx *c, size_t lo, size_t start)
{
    const evc_token *T = c->d->toks.v;
    if (start < lo + 2 || !evc_tok_is(c->d, &T[start - 1], "to"))
        return 0;
    static const char *const refusals[] = {"refuse",  "refuses",  "refused", "refusing", "decline", "declines",
                                           "declined", "declining", "fail",    "fails",    "failed",  "failing", NULL};
    for (size_t k = start - 2; k + 4 > start && k >= lo; k--) { /* "refused outright to" */
        if (evc_tok_in(c->d, &T[k], refusals))
            return 1;
        if (!(T[k].flags & EVC_TK_WORD) || k == lo)
            break;
    }
    return 0;
}

/* Is the verb at `anchor` negated, hypothetical, or modal within its clause? */
static int preceded_by(const sctx *c, size_t lo, size_t anchor, size_t window, uint32_t cls)
{
    for (size_t i = anchor; i-- > lo && anchor - i <= window;)
        if (lx(&c->d->toks.v[i], cls))
            return 1;
    return 0;
}

static int hypothetical(const sctx *c, size_t lo, size_t anchor)
{
    /* "a resolution that would have condemned X": what did not happen */
    static const char *const unreal[] = {"would", "could", "might", NULL};
    if (!c->d->ctx->peer && anchor >= c->b + 2 && evc_tok_is(c->d, &c->d->toks.v[anchor - 1], "have") &&
        evc_tok_in(c->d, &c->d->toks.v[anchor - 2], unreal))
        return 1;
    int modal = 0;
    for (size_t i = anchor; i-- > c->b && anchor - i <= 12;) {
        const evc_token *t = &c->d->toks.v[i];
        if (evc_tok_is(c->d, t, "if") || evc_tok_is(c->d, t, "unless") || evc_tok_is(c->d, t, "whether"))
            return 1;
        modal |= lx(t, MODALS);
        if (modal && evc_tok_is(c->d, t, ","))
            return 0; /* "If X attacks, we will respond": the consequence, see conditioned() */
        /* "should the terrorists attack": inverted conditional */
        if (evc_tok_is(c->d, t, "should") && i + 1 < anchor && lx(&c->d->toks.v[i + 1], DETS))
            return 1;
        if (i < lo)
            break;
    }
    return 0;
}

/* The first token after a condition that opens the clause of the verb at i
 * ("If X attacks, we will respond": "we"), or lo when there is none. */
static size_t after_condition(const sctx *c, size_t lo, size_t i)
{
    size_t comma = 0;
    for (size_t k = i; k-- > lo && i - k <= 16;) {
        const evc_token *t = &c->d->toks.v[k];
        if (evc_tok_is(c->d, t, "if") || evc_tok_is(c->d, t, "unless"))
            return comma ? comma + 1 : lo;
        if (!comma && evc_tok_is(c->d, t, ","))
            comma = k;
    }
    return lo;
}

/* "condemned Russia's attack on Ukraine", "welcomed Iran's decision": the
 * owner of what a verb judges, right after it, is its target. */
static int owner_object(const sctx *c, const evc_mention *m, size_t end, const char *code)
{
    int root = code_root(code);
    if (root == 3 || root == 4)
        return 0; /* "discussed Russia's war with X": the partner is */
    size_t k = end;
    while (k < m->t0 && (lx(&c->d->toks.v[k], DETS) || (c->d->toks.v[k].flags & EVC_TK_CAP)))
        k++; /* "the", a title: "House Speaker Nancy Pelosi's visit" */
    return k == m->t0;
}

/* "Thousands of supporters of Niger's junta rallied": the actor whose people
 * the subject counts. */
static int of_followers(const sctx *c, const evc_mention *m)
{
    static const char *const followers[] = {"supporters", "loyalists", "followers", "members", "thousands",
                                            "hundreds", "dozens", NULL};
    const evc_token *T = c->d->toks.v;
    size_t k = m->t0;
    while (k > c->b && lx(&T[k - 1], DETS))
        k--;
    return k >= c->b + 2 && evc_tok_is(c->d, &T[k - 1], "of") && evc_tok_in(c->d, &T[k - 2], followers);
}

/* A word of a sum of money: "100", "million", "dollars", "$", "US". */
static int amount_word(const evc_doc *d, const evc_token *t)
{
    static const char *const words[] = {"million", "billion", "trillion", "thousand", "hundred", "dollars", "dollar",
                                        "euros", "euro", "pounds", "pound", "yen", "yuan", "rupees", "francs",
                                        "$", "\xE2\x82\xAC", "\xC2\xA3", "US", "U.S.", "bn", "m", NULL};
    const char *s = evc_tok_text(d, t);
    return (s[0] >= '0' && s[0] <= '9') || evc_tok_in(d, t, words);
}

/* Is the act at [i, end) the consequence of a condition: "would cut aid to
 * Israel if it invaded Rafah", "unless the strikes stop", "If X attacks, we
 * will respond"? */
static int conditioned(const sctx *c, size_t i, size_t end)
{
    const evc_doc *d = c->d;
    for (size_t k = end; k < c->e && k < end + 20; k++) {
        const evc_token *t = &d->toks.v[k];
        if (evc_tok_is(d, t, "if") || evc_tok_is(d, t, "unless"))
            return 1;
        if (evc_tok_is(d, t, ";") || evc_tok_is(d, t, "but") || evc_is_strong_cue(d, t))
            break; /* "..., but if ...", "... would X, he said, adding that if" */
    }
    return after_condition(c, c->b, i) > c->b;
}

/* Skips a time adjunct at pos: "on Thursday", "Friday", "yesterday", "on
 * Sept. 1". Returns the first token after it (pos when there is none). */
/* "night", "morning", "evening", "afternoon" (after a day: "Tuesday night") */
static int day_part(const evc_doc *d, const evc_token *t)
{
    static const char *const part[] = {"night", "morning", "evening", "afternoon", NULL};
    return t->len >= 5 && (t->flags & EVC_TK_PLAIN) && evc_tok_in(d, t, part);
}

static size_t skip_time(const sctx *c, size_t pos)
{
    const evc_doc *d = c->d;
    size_t j = pos;
    if (j < c->e && evc_tok_is(d, &d->toks.v[j], "on"))
        j++;
    if (j < c->e && lx(&d->toks.v[j], EVC_LX_TIME))
        return j + 1 + (j + 1 < c->e && day_part(d, &d->toks.v[j + 1])); /* "on Tuesday night" */
    return pos;
}

static inline void seen_add(uint64_t *seen, uint64_t h)
{
    unsigned b = evc_word_bit(h);
    seen[b >> 6] |= 1ULL << (b & 63);
}

/* May the sentence hold every word the anchored pattern needs? */
static inline int seen_all(const uint64_t *seen, const evc_anchor *an)
{
    for (int i = 0; i < 4 && an->need[i] != EVC_NO_NEED; i++)
        if (!((seen[an->need[i] >> 6] >> (an->need[i] & 63)) & 1))
            return 0;
    return 1;
}

/* Is pattern element e the word "with" (a partner follows)? */
static int with_partner(const evc_ctx *ctx, const evc_pelem *e)
{
    return e->n_alts == 1 && ctx->alts[e->alts] == evc_hash("with", 4);
}

/* Where the second element of a pattern anchored at i is looked for: after
 * a time adjunct and quote marks ("called on Russia on Thursday to release",
 * 'in “regular communication” with'). */
static size_t after_adjuncts(const sctx *c, size_t pos)
{
    pos = skip_time(c, pos);
    while (pos < c->e && (c->d->toks.v[pos].flags & EVC_TK_QUOTE))
        pos++;
    return pos;
}

/* Skips a place adjunct and a time after it at pos: "in Tel Aviv on
 * Saturday", "at the United Nations", "outside Paris". Returns the first
 * token after them (pos when there is no such place). */
static size_t after_place(const sctx *c, size_t pos)
{
    static const char *const preps[] = {"in", "at", "near", "outside", NULL};
    const evc_token *T = c->d->toks.v;
    if (pos >= c->e || !lx(&T[pos], LOCATIVE) || !evc_tok_in(c->d, &T[pos], preps))
        return pos;
    size_t j = pos + 1;
    if (j < c->e && evc_tok_is(c->d, &T[j], "the"))
        j++;
    size_t k = j;
    while (k < c->e && k < j + 4 && (T[k].flags & EVC_TK_CAP) && (T[k].flags & EVC_TK_WORD))
        k++;
    return k == j ? pos : after_adjuncts(c, k);
}

/* Is x one of the n ascending values a[]? Short lists are scanned. */
static int in_sorted(const uint64_t *a, size_t n, uint64_t x)
{
    if (n <= 8) {
        for (size_t i = 0; i < n; i++)
            if (a[i] == x)
                return 1;
        return 0;
    }
    size_t lo = 0, hi = n;
    EVC_LOWER_BOUND(lo, hi, mid, a[mid] < x);
    return lo < n && a[lo] == x;
}

/* Does token t (its form or its lemma) match pattern element e? */
static int elem_hit(const evc_ctx *ctx, const evc_pelem *e, const evc_token *t)
{
    const uint64_t *a = ctx->alts + e->alts;
    return in_sorted(a, e->n_alts, t->h) || (t->lemma != t->h && in_sorted(a, e->n_alts, t->lemma));
}

/* elem_hit (1), or a TABARI stem among e's alternatives that token t
 * begins with (2: "REAL~_PLEASANT" for "really pleasant") */
static int stem_hit(const sctx *c, const evc_pelem *e, const evc_token *t)
{
    const evc_ctx *ctx = c->d->ctx;
    if (elem_hit(ctx, e, t))
        return 1;
    if (!(e->adj & EVC_PE_STEMS))
        return 0;
    const uint64_t *a = ctx->alts + e->alts;
    if (in_sorted(a, e->n_alts, t->h ^ EVC_STEM_SALT))
        return 1; /* the stem written whole */
    uint64_t keys[64];
    for (int k = evc_stem_keys(evc_tok_text(c->d, t), t->len, ctx->word_stem_lens, keys); k-- > 0;)
        if (in_sorted(a, e->n_alts, keys[k] ^ EVC_STEM_SALT))
            return 2;
    return 0;
}

/* Does peer pattern p name a synset ("* &CURRENCY")? */
static int synset_word(const evc_pattern *p) { return p->text && strchr(p->text, '&') != NULL; }

/* Does token k start some verb pattern? */
static int is_anchor(const sctx *c, size_t k)
{
    return c->anchor[k - c->b][0] || c->anchor[k - c->b][1] || c->anchor[k - c->b][2];
}

/* The verb-index run of the longest TABARI verb stem the word (text s[0..n))
 * begins with ("RESTOR": "restore"), 0 when none. */
static uint64_t stem_run(const evc_ctx *ctx, const char *s, size_t n)
{
    uint64_t keys[64];
    for (int k = evc_stem_keys(s, n, ctx->verb_stem_lens, keys); k-- > 0;) {
        const uint64_t *v = evc_htab_get(&ctx->verb_index, keys[k]);
        for (size_t j = 0; v && j < (*v & 0xffffffffu); j++)
            if (ctx->anchors[(*v >> 32) + j].stem == 1)
                return *v;
    }
    return 0;
}

/* "gave the French ambassador, Sylvain Itte, 48 hours to leave": past a
 * name set off by commas at pos, else pos. */
static size_t past_apposed_name(const sctx *c, size_t pos)
{
    const evc_token *T = c->d->toks.v;
    if (pos + 2 >= c->e || !evc_tok_is(c->d, &T[pos], ","))
        return pos;
    size_t x = pos + 1;
    while (x < c->e && x < pos + 6 && (T[x].flags & EVC_TK_CAP) && (T[x].flags & EVC_TK_WORD))
        x++;
    return x > pos + 1 && x < c->e && evc_tok_is(c->d, &T[x], ",") ? x + 1 : pos;
}

/* Tries pattern p at anchor token i; returns the end token (0 = no match)
 * and the target mention in *target. A pattern that ends in a preposition
 * "with" and its target ("restore ties with *") also matches without them,
 * with *partial set: "Egypt and Turkey restored ties" acts on each other.
 * `next` is after_adjuncts(c, i + 1), shared by every pattern of the anchor;
 * `*next2` is after_place(c, next), where a second word that is not at
 * `next` may stand (SIZE_MAX until found). */
static size_t match_at(const sctx *c, const evc_pattern *p, size_t i, size_t next, size_t *next2,
                       const evc_mention **target, const evc_mention **source, int *partial)
{
    const evc_ctx *ctx = c->d->ctx;
    const evc_token *T = c->d->toks.v;
    *target = NULL;
    *source = NULL;
    *partial = 0;
    const evc_pelem *e1 = &ctx->elems[p->elems + 1];
    /* "the incursion by Ukrainian forces into Kursk", "rockets fired by
     * Hezbollah at Israel": the act's agent, named between its word and the
     * preposition of its target, is its source */
    const evc_mention *agent = NULL;
    if (p->n_elems > 1 && e1->kind == EVC_PE_WORD && next + 1 < c->e && evc_tok_is(c->d, &T[next], "by") &&
        !elem_hit(ctx, e1, &T[next])) {
        size_t j = next + 1;
        while (j < c->e && j < next + 4 && !mention(c, j) && lx(&T[j], DETS))
            j++;
        agent = j < c->e ? mention(c, j) : NULL;
        if (agent && agent->t1 < c->e && elem_hit(ctx, e1, &T[agent->t1]))
            next = agent->t1;
        else
            agent = NULL;
    }
    if (p->n_elems > 1 && e1->kind == EVC_PE_WORD && !(next < c->e && elem_hit(ctx, e1, &T[next]))) {
        if (*next2 == SIZE_MAX)
            *next2 = after_place(c, next); /* found once per anchor, when first needed */
        if (*next2 == next || !(*next2 < c->e && elem_hit(ctx, e1, &T[*next2])))
            return 0; /* the common miss, decided before the loop */
        next = *next2; /* "rallied in Tel Aviv on Saturday against" */
    }
    size_t pos = i + 1;
    for (uint16_t k = 1; k < p->n_elems; k++) {
        const evc_pelem *e = &ctx->elems[p->elems + k];
        pos = k == 1 ? next : after_adjuncts(c, pos);
        if (k > 1 && pos < c->e && !(T[pos].flags & EVC_TK_WORD))
            pos = past_apposed_name(c, pos);
        if (e->kind == EVC_PE_TARGET || e->kind == EVC_PE_SOURCE) {
            size_t j = pos;
            while (j < c->e && j < pos + 3 && !mention(c, j) && lx(&T[j], DETS))
                j++;
            const evc_mention *m = j < c->e ? mention(c, j) : NULL;
            /* "the former head of Islamic State", "members of the group", "a
             * case over the incursion by Ukrainian forces", "near the border
             * with Ukraine" */
            static const char *const edges[] = {"border", "borders", "frontier", "boundary", NULL};
            for (size_t h = j; !m && h < c->e && h < j + 3 && !c->covered[h - c->b] && (T[h].flags & EVC_TK_WORD) &&
                               !(T[h].flags & EVC_TK_CAP);
                 h++) {
                if (h + 1 < c->e && (evc_tok_is(c->d, &T[h + 1], "of") || evc_tok_is(c->d, &T[h + 1], "by") ||
                                     (evc_tok_is(c->d, &T[h + 1], "with") && evc_tok_in(c->d, &T[h], edges)))) {
                    size_t x = h + 2;
                    while (x < c->e && x < h + 5 && !mention(c, x) && lx(&T[x], DETS))
                        x++;
                    m = x < c->e ? mention(c, x) : NULL;
                    break;
                }
            }
            if (!m)
                return 0;
            pos = m->t1;
            if (e->kind == EVC_PE_SOURCE) { /* "a visit by $ to *" */
                *source = m;
                continue;
            }
            *target = m;
            /* a list as target: "designated four TTP and South Asian Al Qaeda leaders as" */
            for (;;) {
                size_t x = pos;
                while (x < c->e && x < pos + 3 && (evc_tok_is(c->d, &T[x], "and") || evc_tok_is(c->d, &T[x], ",") ||
                                                   evc_tok_is(c->d, &T[x], "or") || lx(&T[x], DETS)))
                    x++;
                if (x == pos || x >= c->e || !mention(c, x))
                    break;
                pos = mention(c, x)->t1;
            }
            continue;
        }
        if (e->kind == EVC_PE_GAP) {
            /* the shortest gap (0-3 words) after which the rest matches: the
             * next word, or an optional word before it ("restored full
             * diplomatic relations" for "restore _ (diplomatic) relation") */
            uint16_t n1 = (uint16_t)(k + 1);
            while (n1 < p->n_elems && ctx->elems[p->elems + n1].kind == EVC_PE_OPT)
                n1++;
            const evc_pelem *nx = n1 < p->n_elems ? &ctx->elems[p->elems + n1] : NULL;
            if (!nx || nx->kind != EVC_PE_WORD)
                continue;
            size_t j = pos;
            int found = 0;
            /* "and", "or", numbers and commas do not count: "the immediate
             * and unconditional release", "separate, mirror-image
             * agreements", "a 3 billion dollar loan" */
            for (size_t n = 0; j < c->e && n <= 3 && j <= pos + 6; j++) {
                found = elem_hit(ctx, nx, &T[j]);
                for (uint16_t o = (uint16_t)(k + 1); o < n1 && !found; o++)
                    found = elem_hit(ctx, &ctx->elems[p->elems + o], &T[j]);
                if (found)
                    break;
                if (!(T[j].flags & (EVC_TK_WORD | EVC_TK_QUOTE))) {
                    if (j == pos || !evc_tok_is(c->d, &T[j], ","))
                        return 0;
                    continue; /* a comma does not count */
                }
                /* "claimed they had attacked": a subject starts a clause of its
                 * own; "attacks by protesters": "by" names the act's agent */
                if (lx(&T[j], EVC_LX_SUBJ) || (k == 1 && j == pos && evc_tok_is(c->d, &T[j], "by")))
                    return 0;
                /* "pulled out of the sixth round of nuclear talks": a measure
                 * of the act ("round of", "series of") does not count either */
                static const char *const measures[] = {"round", "rounds", "series", "wave", "waves", "set", NULL};
                if (j + 1 < c->e && evc_tok_is(c->d, &T[j + 1], "of") && evc_tok_in(c->d, &T[j], measures)) {
                    j++;
                    continue;
                }
                if (!(T[j].flags & EVC_TK_NUM) &&
                    !(T[j].len <= 3 && (evc_tok_is(c->d, &T[j], "and") || evc_tok_is(c->d, &T[j], "or"))))
                    n++;
            }
            if (!found)
                return 0;
            /* "F-16 fighter jets" for "{jet|fighter} to": the last of a run of hits */
            while (j + 1 < c->e && elem_hit(ctx, nx, &T[j]) && elem_hit(ctx, nx, &T[j + 1]))
                j++;
            pos = j;
            continue;
        }
        if (pos < c->e && elem_hit(ctx, e, &T[pos])) {
            pos++;
        } else if (e->kind != EVC_PE_OPT) {
            if (k >= 2 && k + 2 == p->n_elems && ctx->elems[p->elems + k + 1].kind == EVC_PE_TARGET &&
                with_partner(ctx, e)) {
                *partial = 1;
                if (agent && !*source)
                    *source = agent;
                return pos;
            }
            return 0;
        }
    }
    if (agent && !*source)
        *source = agent;
    return pos;
}

/* "Sanctions were imposed on Iran by ...": pattern p ("impose _ sanction
 * on *") with its object noun as the subject of the passive participle at
 * i (after a form of "be"; the caller checks). Returns the end token, the
 * noun's token in *start and the target. */
static size_t match_noun_passive(const sctx *c, const evc_pattern *p, size_t i, size_t next, size_t *start,
                                 const evc_mention **target, const evc_mention **source, int *partial)
{
    const evc_ctx *ctx = c->d->ctx;
    const evc_token *T = c->d->toks.v;
    const evc_pelem *E = &ctx->elems[p->elems];
    uint16_t kn = p->n_elems > 1 && E[1].kind == EVC_PE_GAP ? 2 : 1;
    if (p->n_pre || kn + 1 >= p->n_elems || E[kn].kind != EVC_PE_WORD)
        return 0;
    size_t j = i - 1; /* "were imposed", "have been imposed", "were being imposed" */
    if (j > c->b && (lx(&T[j - 1], BE | MODALS) || evc_tok_is(c->d, &T[j - 1], "have") ||
                     evc_tok_is(c->d, &T[j - 1], "has") || evc_tok_is(c->d, &T[j - 1], "had")))
        j--;
    size_t k = j;
    while (k > c->b && k + 3 > j && !c->covered[k - 1 - c->b] && (T[k - 1].flags & EVC_TK_WORD) &&
           !elem_hit(ctx, &E[kn], &T[k - 1]))
        k--;
    if (k == c->b || !elem_hit(ctx, &E[kn], &T[k - 1]))
        return 0;
    evc_pattern rest = *p; /* the elements after the noun, matched after the participle */
    rest.elems += kn;
    rest.n_elems = (uint16_t)(rest.n_elems - kn);
    size_t none = SIZE_MAX;
    size_t end = match_at(c, &rest, i, next, &none, target, source, partial);
    if (end)
        *start = k - 1;
    return end;
}

/* A peer (TABARI / PETRARCH) pattern at anchor i: words before the verb are
 * found backwards, the rest forwards, each anywhere in the sentence unless
 * joined ('_') to its neighbour; '$' and '+' take the nearest actor. Sets
 * the span matched and the actors the pattern names. */
static int match_loose(const sctx *c, const evc_pattern *p, size_t i, size_t *start, size_t *end,
                       const evc_mention **src, const evc_mention **tgt, int *prefixes)
{
    const evc_ctx *ctx = c->d->ctx;
    const evc_token *T = c->d->toks.v;
    const evc_pelem *E = &ctx->elems[p->elems];
    size_t pos = i;
    *src = *tgt = NULL;
    *prefixes = 0;
    for (size_t k = p->n_pre; k-- > 0;) {
        const evc_pelem *e = &E[k];
        int adj = E[k + 1].adj & 1;
        if (e->kind == EVC_PE_SOURCE || e->kind == EVC_PE_TARGET) {
            const evc_mention *m = NULL;
            for (size_t j = pos; j-- > c->b && !m;) {
                const evc_mention *x = mention(c, j);
                if (x && x->t1 <= pos && usable(c, x))
                    m = x;
                else if (adj && !lx(&T[j], DETS))
                    break;
            }
            if (!m)
                return 0;
            *(e->kind == EVC_PE_SOURCE ? src : tgt) = m;
            pos = m->t0;
            continue;
        }
        size_t j = pos;
        int found = 0;
        while (j > c->b && !found) {
            j--;
            found = stem_hit(c, e, &T[j]);
            *prefixes += found > 1;
            if (adj)
                break;
        }
        if (!found) {
            if (e->kind == EVC_PE_OPT)
                continue;
            return 0;
        }
        pos = j;
    }
    *start = pos;
    pos = i + 1;
    for (size_t k = p->n_pre + 1u; k < p->n_elems; k++) {
        const evc_pelem *e = &E[k];
        if (e->kind == EVC_PE_SOURCE || e->kind == EVC_PE_TARGET) {
            const evc_mention *m = NULL;
            /* "* AT ^ +": '^' skips the noun phrase right there ("warned at
             * the Gondor of the Prince of X"); none there, it skips nothing */
            for (int skip = e->adj >> 1; skip > 0; skip--) {
                size_t j = pos;
                while (j < c->e && lx(&T[j], DETS))
                    j++;
                const evc_mention *x = j < c->e ? mention(c, j) : NULL;
                if (x && usable(c, x))
                    pos = x->t1;
            }
            for (size_t j = pos; j < c->e && !m; j++) {
                const evc_mention *x = mention(c, j);
                if (x && usable(c, x))
                    m = x;
                else if ((e->adj & 1) && !lx(&T[j], DETS))
                    break;
            }
            if (!m)
                return 0;
            *(e->kind == EVC_PE_SOURCE ? src : tgt) = m;
            pos = m->t1;
            continue;
        }
        size_t j = pos;
        int found = 0;
        for (; j < c->e; j++) {
            if ((found = stem_hit(c, e, &T[j]))) {
                *prefixes += found > 1;
                break;
            }
            if (e->adj & 1)
                break;
        }
        if (!found) {
            if (e->kind == EVC_PE_OPT)
                continue;
            return 0;
        }
        pos = j + 1;
    }
    *end = pos;
    return 1;
}

static int characterisation(const sctx *c, const evc_pattern *p, size_t i)
{
    static const char *const verbs[] = {"pose", "represent", "constitute", "remain", "be", NULL};
    uint64_t threat = evc_hash("threat", 6);
    int has = 0;
    for (uint16_t k = 0; k < p->n_elems; k++) {
        const evc_pelem *e = &c->d->ctx->elems[p->elems + k];
        for (uint16_t a = 0; a < e->n_alts; a++)
            has |= c->d->ctx->alts[e->alts + a] == threat;
    }
    if (!has)
        return 0;
    for (size_t j = i + 1; j-- > c->b && i - j <= 3;)
        for (int k = 0; verbs[k]; k++)
            if (c->d->toks.v[j].lemma == evc_hash(verbs[k], strlen(verbs[k])))
                return 1;
    return 0;
}

static int place_like(const sctx *c, const evc_mention *m);

static const evc_mention *condition_actor(const sctx *c, const evc_mention *subj, size_t from)
{
    const evc_doc *d = c->d;
    size_t lo = c->b, hi = c->e;
    for (size_t k = from; k < c->e && k < from + 4; k++)
        if (evc_tok_is(d, &d->toks.v[k], "if") || evc_tok_is(d, &d->toks.v[k], "unless") ||
            evc_tok_is(d, &d->toks.v[k], "should")) {
            lo = k + 1;
            hi = k + 14 < c->e ? k + 14 : c->e;
            break;
        }
    if (lo == c->b) {
        /* a condition before the clause: "If we see anyone ..., we will" */
        if (!(c->b < c->e && (evc_tok_is(d, &d->toks.v[c->b], "if") ||
                              (c->b + 1 < c->e && evc_tok_is(d, &d->toks.v[c->b + 1], "if")))))
            return NULL;
        hi = from;
    }
    for (size_t k = lo; k < hi; k++) {
        const evc_mention *m = mention(c, k);
        if (m && m != subj && usable(c, m) && !(m->flags & (EVC_MN_FIRST_PERSON | EVC_PH_AGENT | EVC_PH_ADJ)) &&
            !place_like(c, m) && (m->flags & (EVC_PH_GROUP | EVC_PH_COUNTRY | EVC_PH_ORG)))
            return m;
    }
    return NULL;
}

/* Is token i covered only by a bare role-noun mention ("terrorist", "military")? */
static int agent_only(const sctx *c, size_t i)
{
    for (size_t k = i + 1; k-- > c->b;) {
        const evc_mention *m = mention(c, k);
        if (m && m->t0 <= i && i < m->t1)
            return (m->flags & EVC_PH_AGENT) && !(m->flags & (EVC_PH_PERSON | EVC_MN_PRONOUN)) && m->t1 - m->t0 == 1;
        if (i - k > 8)
            break;
    }
    return 0;
}

static const char *const PARTICLES[] = {"down", "up", "off", "out", "back", "away", NULL};
static const char *const ACT_PREPS[] = {"against", "on", "with", "at", "by", "over", "into", NULL};
static const char *const SUBJECT_PRONOUNS[] = {"he", "she", "it", "they", "we", "who", "which", "that", NULL};
static const char *const ARTICLES[] = {"the", "a", "an", NULL};
/* verbs whose act goes both ways */
static const char *const EXCHANGES[] = {"exchange", "exchanged", "exchanges", "exchanging", "swap", "swapped", "swaps",
                                        "swapping", "trade", "traded", "trades", "trading", NULL};
static const char *const WARNS[] = {"warn", "warns", "warned", "warning", "threaten", "threatens", "threatened",
                                    "threatening", "vow", "vows", "vowed", "vowing", NULL};
static const char *const ANAPHORIC[] = {"the", "this", "that", NULL}; /* "the attack": one told before */
static const char *const ANY[] = {"any", "every", "no", NULL}; /* "any attack": one that may come */
/* "an interest in attacks", "plotting attacks": an aim, not an act */
static const char *const AIMS[] = {"interest", "intent", "intention", "intentions", "ambition", "ambitions",
                                   "plot", "plots", "plotting", NULL};

/* A word in -ing ("demanding", "mediating"). */
static int ing_form(const evc_doc *d, const evc_token *t)
{
    return t->len > 4 && !memcmp(evc_tok_text(d, t) + t->len - 3, "ing", 3);
}

/* A verb form: -ed, -ing, or an irregular past ("fought", "held"). */
static int verb_form(const evc_doc *d, const evc_token *t)
{
    const char *s = evc_tok_text(d, t);
    if (t->len > 3 && (!memcmp(s + t->len - 2, "ed", 2) || !memcmp(s + t->len - 3, "ing", 3)))
        return 1;
    return t->lemma != t->h && s[t->len - 1] != 's';
}

/* A past form in -ed ("targeted", "killed"). */
static int past_ed(const evc_doc *d, const evc_token *t)
{
    return t->len > 3 && !memcmp(evc_tok_text(d, t) + t->len - 2, "ed", 2);
}

/* Is the pattern anchor at i a noun ("the attack on", "a US strike",
 * "Taliban's attack") rather than a verb? */
static int is_nominal(const sctx *c, size_t i)
{
    const evc_doc *d = c->d;
    size_t k = i;
    /* an adverb before a verb: "Spain and Norway formally recognised" */
    const evc_token *a0 = &d->toks.v[i];
    if (a0->len > 4 && !memcmp(evc_tok_text(d, a0) + a0->len - 2, "ly", 2) && i + 1 < c->e &&
        verb_form(d, &d->toks.v[i + 1]))
        return 0;
    /* up to two lower-case modifiers: "the suicide attack", "a drone strike" */
    while (k > c->b && i - k < 2 && !c->covered[k - 1 - c->b] && (d->toks.v[k - 1].flags & EVC_TK_WORD) &&
           !(d->toks.v[k - 1].flags & EVC_TK_CAP) && !lx(&d->toks.v[k - 1], DETS) &&
           !lx(&d->toks.v[k - 1], MODALS) && !lx(&d->toks.v[k - 1], BE) &&
           !lx(&d->toks.v[k - 1], PREPS) && !evc_tok_is(d, &d->toks.v[k - 1], "to") &&
           !evc_tok_is(d, &d->toks.v[k - 1], "that") && !evc_tok_in(d, &d->toks.v[k - 1], ANY) &&
           !verb_form(d, &d->toks.v[k - 1]))
        k--;
    if (k == c->b)
        return 0;
    /* "joined the Western sanctions": a capitalised word outside the
     * dictionaries between an article and the act */
    if (k == i && k > c->b + 1 && (d->toks.v[k - 1].flags & EVC_TK_CAP) && !c->covered[k - 1 - c->b] &&
        evc_tok_in(d, &d->toks.v[k - 2], ARTICLES))
        return 1;
    /* "The attack targeted the envoy": a past form after an act noun is the
     * verb that noun is the subject of */
    if (k < i && is_anchor(c, i - 1) && past_ed(d, &d->toks.v[i]) && lx(&d->toks.v[k - 1], DETS) &&
        (k - 1 == c->b || !(d->toks.v[k - 2].flags & EVC_TK_WORD)))
        return 0; /* not "claimed the rocket barrages fired at X" */
    const evc_token *p = &d->toks.v[k - 1];
    if (c->covered[k - 1 - c->b]) {
        /* "a US strike", "Taliban attack"; but "the Taliban attacked" and "the
         * United States appreciates" are verbs */
        const evc_token *a = &d->toks.v[i];
        if (verb_form(d, a))
            return 0;
        if (i + 1 < c->e && evc_tok_in(d, &d->toks.v[i + 1], PARTICLES))
            return 0; /* "Bangladesh shut down", "the Taliban hit back" */
        if (i + 1 >= c->e)
            return 1;
        if (a->lemma == a->h) {
            /* "France and Germany welcome the decision", "Pakistan and India
             * condemn Russia": a base form after a bare name, before its
             * object, is a verb; "a US strike", "the Taliban attack" nouns */
            const evc_token *n = &d->toks.v[i + 1];
            const evc_mention *m = NULL;
            for (size_t k2 = k; k2-- > c->b && !m;)
                m = c->covered[k2 - c->b] ? mention(c, k2) : NULL;
            int bare = m && m->t1 == k && (m->t0 == c->b || !lx(&d->toks.v[m->t0 - 1], DETS | PREPS)) &&
                       !(d->toks.v[m->t0].flags & EVC_TK_ALLCAPS) && !(m->flags & EVC_PH_ADJ);
            /* "France and the Central African Republic agree to": after a
             * list of names, a base form is the plural verb */
            size_t lb = m && m->t1 == k && !(m->flags & EVC_PH_ADJ) ? m->t0 : 0;
            while (lb > c->b && lx(&d->toks.v[lb - 1], DETS))
                lb--;
            if (lb > c->b + 1 && evc_tok_is(d, &d->toks.v[lb - 1], "and") && c->covered[lb - 2 - c->b] &&
                mention(c, lb - 2) && !(mention(c, lb - 2)->flags & EVC_PH_ADJ))
                return 0;
            return !(bare && (evc_tok_in(d, n, ARTICLES) || lx(n, EVC_LX_POSS) || c->covered[i + 1 - c->b] ||
                              evc_tok_is(d, n, "that")));
        }
        /* "-s": "ISIS threats against" is a noun, "the U.S. appreciates its" a verb */
        const evc_token *n = &d->toks.v[i + 1];
        return !(lx(n, DETS) || c->covered[i + 1 - c->b] || evc_tok_is(d, n, "that"));
    }
    static const char *const det[] = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these",
                                      "those", "'s", "'", "any", "every", "further", "new", "no", NULL};
    /* "the attack that killed": a relative pronoun before a verb form, no determiner */
    if (k == i && evc_tok_is(d, p, "that") && verb_form(d, &d->toks.v[i]))
        return 0;
    /* "a planned attack", "the alleged strike": a participle between an
     * article and the act describes it */
    if (k == i && k > c->b + 1 && past_ed(d, p) && !c->covered[k - 1 - c->b] &&
        evc_tok_in(d, &d->toks.v[k - 2], ARTICLES))
        return 1;
    /* "for attacks on Pakistan", "in battling them", "with anti-government
     * riots": a noun after a preposition (an adverb may stand between a
     * preposition and a verb: "as Iran again attacked"; a hyphened word is
     * no adverb) */
    const evc_token *m1 = &d->toks.v[k];
    return evc_tok_in(d, p, det) ||
           ((k == i || (k + 1 == i && memchr(evc_tok_text(d, m1), '-', m1->len))) && !evc_tok_is(d, p, "to") &&
            lx(p, PREPS));
}

/* Is the act word at i, in its base form, the modifier of a vehicle,
 * weapon or team after it ("an aid convoy", "sent attack helicopters",
 * "with rescue teams"), not a verb ("they attack drones", "will aid
 * convoys") nor a pattern with that word in it? */
static int modifier_act(const sctx *c, const evc_pattern *p, size_t i)
{
    const evc_doc *d = c->d;
    const evc_token *t = &d->toks.v[i], *n = &d->toks.v[i + 1];
    if (t->lemma != t->h || !lx(n, EVC_LX_WEAPON | EVC_LX_CARRIER) || (n->flags & EVC_TK_CAP) ||
        c->covered[i + 1 - c->b])
        return 0;
    const evc_ctx *ctx = d->ctx;
    const evc_pelem *e = (size_t)p->n_pre + 1 < p->n_elems ? &ctx->elems[p->elems + p->n_pre + 1] : NULL;
    if (e && e->kind == EVC_PE_WORD && elem_hit(ctx, e, n))
        return 0; /* "launch drones at" */
    if (i == c->b)
        return 1;
    const evc_token *b = &d->toks.v[i - 1];
    return (lx(b, DETS | PREPS) && !evc_tok_is(d, b, "to")) || (verb_form(d, b) && !c->covered[i - 1 - c->b]) ||
           is_nominal(c, i);
}

/* A noun for certain: a determiner right before it, or before one modifier
 * ("their meeting", "a brief visit"), and no verb ending ("-ed"). */
static int after_det(const sctx *c, size_t i)
{
    static const char *const det[] = {"the", "a", "an", "its", "their", "his", "her", "this", "these", "those", "'s",
                                      "any", "every", "no", NULL};
    const evc_doc *d = c->d;
    const evc_token *t = &d->toks.v[i];
    if (t->len > 2 && !memcmp(evc_tok_text(d, t) + t->len - 2, "ed", 2))
        return 0;
    if (i > c->b && evc_tok_in(d, &d->toks.v[i - 1], det))
        return 1;
    return i > c->b + 1 && !c->covered[i - 1 - c->b] && (d->toks.v[i - 1].flags & EVC_TK_WORD) &&
           !(d->toks.v[i - 1].flags & EVC_TK_CAP) && !verb_form(d, &d->toks.v[i - 1]) &&
           evc_tok_in(d, &d->toks.v[i - 2], det);
}

/* "warnings from Beijing", "pressure from Washington": the "from" at k
 * names who warned or pressed, not a place. */
static int said_from(const sctx *c, size_t k)
{
    static const char *const words[] = {
        "warning", "warnings", "call",    "calls",    "pressure", "demand",    "demands",   "request",
        "requests", "threat",  "threats", "appeal",   "appeals",  "criticism", "objection", "objections",
        "offer",   "offers",   "ultimatum", "invitation", "message", "protest", "protests", "condemnation",
        NULL};
    const evc_token *T = c->d->toks.v;
    return evc_tok_is(c->d, &T[k], "from") && k > c->b && evc_tok_in(c->d, &T[k - 1], words);
}

/* A country or city after "in", "at", "from" ... is where something happened,
 * not who it happened to ("attack targets in Afghanistan"). */
static int place_like(const sctx *c, const evc_mention *m)
{
    if (!(m->flags & (EVC_PH_COUNTRY | EVC_PH_CAPITAL)))
        return 0;
    size_t i = m->t0;
    while (i > c->b && evc_tok_is(c->d, &c->d->toks.v[i - 1], "the"))
        i--;
    if (i > c->b && lx(&c->d->toks.v[i - 1], LOCATIVE))
        return !said_from(c, i - 1);
    /* "in the Sea of Japan", "near the border of Chad" */
    if (i <= c->b + 1 || !evc_tok_is(c->d, &c->d->toks.v[i - 1], "of"))
        return 0;
    for (size_t k = i - 1; k-- > c->b && i - k <= 5;) {
        const evc_token *t = &c->d->toks.v[k];
        if (c->covered[k - c->b] || !(t->flags & EVC_TK_WORD))
            return 0;
        if (lx(t, LOCATIVE))
            return 1;
    }
    return 0;
}

/* A lone role noun used as a modifier ("military drills", "opposition
 * rallies") names nobody the act is aimed at. */
static int attributive(const sctx *c, const evc_mention *m)
{
    if (!(m->flags & EVC_PH_AGENT) || (m->flags & (EVC_PH_PERSON | EVC_MN_PRONOUN)) || m->t1 - m->t0 != 1 ||
        m->t1 >= c->e || c->covered[m->t1 - c->b])
        return 0;
    const evc_token *n = &c->d->toks.v[m->t1];
    return (n->flags & EVC_TK_WORD) && !(n->flags & EVC_TK_CAP) && !lx(n, PREPS | DETS | LOCATIVE) && !verb_form(c->d, n) &&
           !evc_is_cue(c->d, n) && !evc_tok_is(c->d, n, "and") && !evc_tok_is(c->d, n, "or") && !lx(n, MODALS | BE);
}

/* The speaker of an attribution ("..., Blinken said") is not an object. */
static int speaker_like(const sctx *c, const evc_mention *m)
{
    return (m->t1 < c->e && evc_is_cue(c->d, &c->d->toks.v[m->t1])) ||
           (m->t0 > c->b && evc_is_cue(c->d, &c->d->toks.v[m->t0 - 1]));
}

static const char *intent_code(const char *code)
{
    int root = code_root(code);
    /* a future use of force is a threat of force (138); announced postures
     * (15) and cuts in relations (16) are coded as the acts announced */
    if (root >= 18)
        return "138";
    if (root == 14 || root == 17)
        return "130";
    if (root == 15 || root == 16)
        return code;
    if (root == 4)
        return "036";
    if (root == 5)
        return "032"; /* "pledged to deepen ties" */
    /* material cooperation and yielding: the intent of the same kind
     * (061 -> 0311, 072 -> 0332, 0841 -> 0353, 087 -> 0356) */
    static const char *const intents[][2] = {
        {"061", "0311"}, {"062", "0312"}, {"063", "0313"}, {"064", "0314"}, {"071", "0331"}, {"072", "0332"},
        {"073", "0333"}, {"074", "0334"}, {"081", "0351"}, {"082", "0352"}, {"084", "0353"}, {"085", "0354"},
        {"086", "0355"}, {"087", "0356"}};
    for (size_t k = 0; k < sizeof intents / sizeof intents[0]; k++)
        if (!strncmp(code, intents[k][0], 3))
            return intents[k][1];
    if (root == 6)
        return "031";
    if (root == 7)
        return "033";
    if (root == 8)
        return "035";
    return code;
}

/* The threat of a coercive act (CAMEO roots 14-20) that is promised on a
 * condition or as a warning ("would cut ties unless", "warned it would
 * impose sanctions"), or NULL for an act of another kind. */
static const char *threat_code(const char *code)
{
    int root = code_root(code);
    if (root >= 18 || root == 15)
        return "138"; /* force, or a show of it */
    if (root == 14)
        return "133"; /* dissent */
    static const char *const threats[][2] = {
        {"161", "1313"}, {"162", "1311"}, {"163", "1312"}, {"164", "134"}, {"165", "135"}, {"166", "136"},
        {"1721", "1321"}, {"1722", "1322"}, {"1723", "1323"}, {"1724", "1324"}, {"172", "132"}, {"170", "130"}};
    for (size_t k = 0; k < sizeof threats / sizeof threats[0]; k++)
        if (!strncmp(code, threats[k][0], strlen(threats[k][0])))
            return threats[k][1];
    if (root == 16)
        return "131";
    if (root == 17)
        return "137"; /* repression: seizure, arrest, expulsion, violence */
    return NULL;
}

static int is_participle(const evc_doc *d, const evc_token *t)
{
    const char *s = evc_tok_text(d, t);
    /* base forms in -en: "was open to talks" is no passive */
    static const char *const base_en[] = {"open", "happen", "listen", "threaten", "strengthen", "weaken", "broaden",
                                          "deepen", "tighten", "worsen", "harden", "soften", "widen", "lessen",
                                          "sharpen", "heighten", "burden", "even", "often", NULL};
    if (t->len > 2 && memcmp(s + t->len - 2, "en", 2) == 0 && evc_tok_in(d, t, base_en))
        return 0;
    if (t->len > 2 && (memcmp(s + t->len - 2, "ed", 2) == 0 || memcmp(s + t->len - 2, "en", 2) == 0))
        return 1;
    if (t->len > 3 && (memcmp(s + t->len - 3, "ing", 3) == 0 || s[t->len - 1] == 's'))
        return 0; /* "was carrying out", not a passive */
    return t->lemma != t->h; /* irregular: held, hit, fought ... */
}

/* A parenthetical opening at token k ("(", or a dash set off by spaces that
 * another closes): the token after its close, else k. */
static size_t skip_aside(const sctx *c, size_t k)
{
    const evc_token *T = c->d->toks.v;
    static const char *const dashes[] = {"-", "\xE2\x80\x93", "\xE2\x80\x94", "--", NULL};
    int paren = evc_tok_is(c->d, &T[k], "(");
    if (!paren && !evc_tok_in(c->d, &T[k], dashes))
        return k;
    for (size_t j = k + 1; j < c->e && j < k + 40; j++)
        if (paren ? evc_tok_is(c->d, &T[j], ")") : T[j].len == T[k].len && evc_tok_in(c->d, &T[j], dashes))
            return j + 1;
    return k;
}

/* Is token k where the words an act is aimed at end: a semicolon, a colon,
 * a reporting verb? */
static int aim_stop(const sctx *c, size_t k)
{
    const evc_token *t = &c->d->toks.v[k];
    return evc_tok_is(c->d, t, ";") || evc_tok_is(c->d, t, ":") || (evc_is_cue(c->d, t) && !c->covered[k - c->b]);
}

/* The end of the words after token `from` where place_target looks. */
static size_t aim_end(const sctx *c, size_t from)
{
    size_t k = from;
    for (size_t n = 0; k < c->e && n < 12 && !aim_stop(c, k); k++, n++)
        ;
    return k;
}

/* The first place named after token `from` in the same clause ("in Gaza",
 * "around Taiwan"), or NULL. */
static const evc_mention *place_target(const sctx *c, size_t from)
{
    for (size_t k = from, n = 0; k < c->e && n < 12; k++, n++) {
        k = skip_aside(c, k); /* "paraded hardware - some funded by U.S. taxpayers - in Kandahar" */
        if (k >= c->e || aim_stop(c, k))
            break;
        const evc_mention *m = mention(c, k);
        /* "in the Gulf of Oman": the sea, no country's */
        static const char *const waters[] = {"gulf", "sea", "strait", "straits", "bay", "ocean", "channel", NULL};
        if (m && m->t0 >= c->b + 2 && evc_tok_is(c->d, &c->d->toks.v[m->t0 - 1], "of") &&
            evc_tok_in(c->d, &c->d->toks.v[m->t0 - 2], waters))
            continue;
        if (m && usable(c, m) && place_like(c, m))
            return m;
        /* PETRARCH dictionaries mark no countries: a three-letter code
         * after a locative ("leading into Mordor") is one */
        if (m && usable(c, m) && c->d->ctx->peer == EVC_PEER_PETRARCH && m->code && strlen(m->code) == 3 &&
            m->person < 0 && m->t0 > c->b && lx(&c->d->toks.v[m->t0 - 1], LOCATIVE))
            return m;
    }
    return NULL;
}

/* A bare role code ("CVL", "GOV") names no one: such events are not kept.
 * UAF (unidentified armed forces) is an actor in its own right. */
static int state_role(const char *role)
{
    static const char *const roles[] = {"GOV", "MIL", "COP", "JUD", "SPY", "LEG", NULL};
    for (int i = 0; roles[i]; i++)
        if (!strncmp(role, roles[i], 3))
            return 1;
    return 0;
}

/* "Blinken said the United States will act": a country named as actor by one
 * of its own officials is the body that official speaks for (USAGOV). */
static const char *voiced(sctx *c, const evc_mention *m, const char *code)
{
    const char *v = c->voice;
    if (!v || !code || strlen(code) != 3 || !(m->flags & EVC_PH_COUNTRY) || (m->flags & EVC_PH_AGENT) ||
        strlen(v) != 6 || strncmp(v, code, 3) || !state_role(v + 3))
        return code;
    if (!c->why.rule)
        c->why.rule = "a country named by one of its officials speaking: the body the official speaks for";
    return v;
}

static int bare_role(const char *code)
{
    static const char *const roles[] = {"GOV", "MIL", "CVL", "REB", "OPP", "MED", "JUD", "LEG", "COP", "SPY", "BUS",
                                        "EDU", "HLH", "REF", "LAB", "CRM", "NGO", "ELI", "INS", "SEP", "REL", "ENV",
                                        "AGR", "MOD", "RAD", NULL};
    for (int i = 0; roles[i]; i++)
        if (!strcmp(code, roles[i]))
            return 1;
    return 0;
}

static evc_status role_name_gap(sctx *c, int32_t mention_index, const char *kind);

/* Is the code an armed group's: rebels, insurgents, militias, separatists? */
static int armed_group(const char *code)
{
    size_t n = strlen(code);
    return n >= 6 && (!strcmp(code + n - 3, "REB") || !strcmp(code + n - 3, "INS") || !strcmp(code + n - 3, "UAF") ||
                      !strcmp(code + n - 3, "SEP"));
}

/* Is token k a plain lower-case word that may qualify or head a noun
 * ("army posts", "border communities"), not a verb, time or function word? */
static int plain_noun(const sctx *c, size_t k)
{
    if (k < c->b || k >= c->e) /* k may be "before the first" (wrapped) */
        return 0;
    const evc_token *t = &c->d->toks.v[k];
    return !c->covered[k - c->b] && (t->flags & EVC_TK_WORD) && !(t->flags & EVC_TK_CAP) &&
           !verb_form(c->d, t) && !lx(t, PREPS | SOFT | MODALS | BE | NEG | DETS | EVC_LX_TIME) &&
           !evc_tok_is(c->d, t, "and") && !evc_tok_is(c->d, t, "or");
}

static int and_or(const sctx *c, size_t k)
{
    return k >= c->b && k < c->e && (evc_tok_is(c->d, &c->d->toks.v[k], "and") || evc_tok_is(c->d, &c->d->toks.v[k], "or"));
}

/* "Israeli army posts and border communities": the country of the member a
 * role with none is joined to (past its noun and the role's qualifiers), as
 * three letters, or NULL. */
static const char *conjunct_country(sctx *c, const evc_mention *m)
{
    size_t k = m->t0; /* its qualifiers: nouns in the singular ("border"; not "hates") */
    for (int q = 0; q < 2 && plain_noun(c, k - 1) && evc_tok_text(c->d, &c->d->toks.v[k - 1])[c->d->toks.v[k - 1].len - 1] != 's';
         q++)
        k--;
    if (!and_or(c, k - 1))
        return NULL;
    k--;
    if (plain_noun(c, k - 1))
        k--;
    const evc_mention *o = NULL; /* the member that ends there */
    for (size_t j = k; !o && j > c->b && j + 6 > k; j--)
        if (mention(c, j - 1) && mention(c, j - 1)->t1 == k)
            o = mention(c, j - 1);
    const char *on, *oc = o && usable(c, o) ? mcode(c, o, &on) : NULL;
    if (!oc || strlen(oc) < 3 || !evc_is_country_code(c->d->ctx, oc))
        return NULL;
    return evc_arena_strndup(&c->d->arena, oc, 3);
}

/* "Protesters stormed the palace in Colombo": a role of no country is of
 * the country of a place the sentence names, else of the state that
 * coerces it (17x); else it stays bare. Civilians only as the victims of
 * violence or violent repression there ("killing dozens of people",
 * "opened fire on a crowd"): hostages, refugees and people elsewhere are
 * as often foreign as local. */
static const char *placed_role(sctx *c, const char *role, int32_t mi, const char *other, const char *act)
{
    /* "its citizens", "their supporters": someone's, not the place's */
    const evc_doc *d = c->d;
    if (mi >= 0 && (size_t)mi < d->mentions.n) {
        const evc_mention *m = &d->mentions.v[mi];
        size_t t0 = m->t0; /* "its citizens", "its own citizens" */
        if ((t0 > c->b && lx(&d->toks.v[t0 - 1], EVC_LX_POSS)) ||
            (t0 > c->b + 1 && lx(&d->toks.v[t0 - 2], EVC_LX_POSS))) {
            /* the owner: the state named last before them ("Britain told
             * its citizens": GBRCVL); a group's people stay unnamed */
            for (size_t k = t0; k-- > c->b;) {
                const evc_mention *o = mention(c, k);
                const char *on, *oc = o && usable(c, o) ? mcode(c, o, &on) : NULL;
                if (!oc)
                    continue;
                size_t ol = strlen(oc);
                if ((ol == 3 || (ol == 6 && state_role(oc + 3))) && evc_is_country_code(d->ctx, oc)) {
                    const char *cc = evc_arena_strndup(&c->d->arena, oc, 3);
                    const char *code = cc ? evc_combine_code(c->d, cc, role) : NULL;
                    if (code && !c->why.rule)
                        c->why.rule = "a role after a possessive pronoun (\"its citizens\"): of the state named before";
                    return code ? code : role;
                }
                break;
            }
            return role;
        }
    }
    if (!strcmp(role, "CVL") && !(act[0] == '1' && act[1] >= '8') && act[0] != '2' && strncmp(act, "175", 3))
        return role;
    /* "the government and the opposition signed an accord in Barbados":
     * the opposition of that government's country */
    const char *country = NULL;
    evc_where w;
    if (mi >= 0 && (size_t)mi < d->mentions.n && d->mentions.v[mi].sent == c->s &&
        (country = conjunct_country(c, &d->mentions.v[mi])) != NULL) {
        if (!c->why.rule)
            c->why.rule = "a role joined to a member of a country (\"Israeli army posts and border communities\"): "
                          "of that country";
    } else if (!strcmp(role, "OPP") && strlen(other) == 6 &&
        (!strcmp(other + 3, "GOV") || !strcmp(other + 3, "ELI") || !strcmp(other + 3, "LEG")))
        country = other;
    else if (evc_place_of_sentence(c->d, c->s, &w) && w.how == 1) /* the article's focus is too weak a clue */
        country = w.country;
    /* "security forces arrested dozens of activists", "Iran's crackdown on
     * protesters": a state coerces, arrests and represses people under its
     * own rule */
    else if (act[0] == '1' && act[1] == '7' &&
             ((strlen(other) == 6 && state_role(other + 3)) || (strlen(other) == 3 && evc_is_country_code(d->ctx, other))))
        country = other;
    if (!country || strlen(country) < 3 || !evc_is_country_code(c->d->ctx, country))
        return role;
    const char *cc = evc_arena_strndup(&c->d->arena, country, 3);
    const char *code = cc ? evc_combine_code(c->d, cc, role) : NULL;
    if (!code)
        return role;
    if (!c->why.rule)
        c->why.rule = "a role of no country: the country of the place the sentence names, of the government "
                      "an opposition faces, or of the state that coerces it";
    return code;
}

/* "an interest in attacks", "plotting attacks on": an act noun k that an
 * aim or a plot is for, which has not happened */
static int aimed_at(const sctx *c, size_t k)
{
    const evc_doc *d = c->d;
    size_t j = k;
    while (j > c->b && j + 3 > k && !c->covered[j - 1 - c->b] && !evc_tok_in(d, &d->toks.v[j - 1], AIMS) &&
           !(d->toks.v[j - 1].flags & EVC_TK_CAP) && (d->toks.v[j - 1].flags & EVC_TK_WORD))
        j--;
    return j > c->b && evc_tok_in(d, &d->toks.v[j - 1], AIMS);
}

/* "what it called", "what they described as": a naming starts at token k */
static int naming(const sctx *c, size_t k)
{
    static const char *const names[] = {"called", "calls", "call", "described", "describes", "termed", "terms",
                                        "labelled", "labeled", "dubbed", NULL};
    const evc_doc *d = c->d;
    return k + 2 < c->e && lx(&d->toks.v[k + 1], EVC_LX_SUBJ) && evc_tok_is(d, &d->toks.v[k], "what") &&
           evc_tok_in(d, &d->toks.v[k + 2], names);
}

/* "attacks by the Taliban": an act noun in the plural right before "by"
 * and a name (a verb there would be a participle: "attacked by") */
/* The actor named right after "by" at token j (past an article), or NULL. */
static const evc_mention *by_agent(const sctx *c, size_t j)
{
    const evc_doc *d = c->d;
    if (j + 1 >= c->e || !evc_tok_is(d, &d->toks.v[j], "by"))
        return NULL;
    return mention(c, j + 1 + (j + 2 < c->e && lx(&d->toks.v[j + 1], DETS)));
}

static int by_agent_noun(const sctx *c, size_t k)
{
    const evc_doc *d = c->d;
    const evc_token *t = &d->toks.v[k];
    return k + 2 < c->e && !verb_form(d, t) && evc_tok_text(d, t)[t->len - 1] == 's' && by_agent(c, k + 1);
}

/* "opened a case over the incursion by Ukrainian forces into Kursk",
 * "condemned the killing of civilians by Russian troops": the first act
 * named as a noun inside the match (i, end) with its agent after "by", or
 * 0. Coding goes on from there, so that it is coded too. */
static size_t agented_nominal(const sctx *c, size_t i, size_t end, const evc_mention **agent)
{
    const evc_doc *d = c->d;
    for (size_t k = i + 1; k < end; k++) {
        if (c->covered[k - c->b] || !is_anchor(c, k) || !(is_nominal(c, k) || by_agent_noun(c, k)))
            continue; /* "the killing of", "what he called treasonous attacks by" */
        /* "the killing of civilians in Bucha by Russian troops" */
        for (size_t j = k + 1; j + 1 < c->e && j < k + 8; j++) {
            const evc_token *t = &d->toks.v[j];
            if ((!c->covered[j - c->b] && verb_form(d, t) && !is_anchor(c, j)) || lx(t, SOFT) || evc_tok_is(d, t, ","))
                break;
            const evc_mention *m = by_agent(c, j);
            if (m && usable(c, m)) {
                if (agent)
                    *agent = m;
                return k;
            }
        }
    }
    return 0;
}

/* Does a word inside the match (i, end) start a pattern of its own? */
static int inner_anchor(const sctx *c, size_t i, size_t end)
{
    for (size_t k = i + 1; k < end; k++)
        if (is_anchor(c, k))
            return 1;
    return 0;
}

/* UD-PETRARCH's ontology (peerdict.c) negates an act by taking 0xFFFF
 * from its value: the code of that value ("did not clash over", 110, is
 * 050), or NULL when there is none or no ontology was loaded. */
static const char *pico_negation(const evc_ctx *ctx, const char *code)
{
    const evc_cameo *cm = evc_cameo_find(ctx, code);
    if (!cm || !cm->has_pico)
        return NULL;
    int32_t want = cm->pico - 0xFFFF;
    for (size_t k = 0; k < ctx->n_cameo; k++)
        if (ctx->cameo[k].has_pico && ctx->cameo[k].pico == want)
            return ctx->cameo[k].code;
    return NULL;
}

/* Is the code a protest's (CAMEO root 14)? */
static int protest(const char *code) { return code[0] == '1' && code[1] == '4'; }

/* "Niamey" (NER) and "the Nigerien state" (NERGOV): a country and its own
 * government are one actor, as one code is */
static int state_and_government(const evc_ctx *ctx, const char *a, const char *b)
{
    if (strlen(a) > strlen(b)) {
        const char *t = a;
        a = b;
        b = t;
    }
    return strlen(a) == 3 && strlen(b) == 6 && !strncmp(a, b, 3) && !strcmp(b + 3, "GOV") && evc_is_country_code(ctx, a);
}

/* May the source protest against its own state: a country's people
 * ("Iranians") or someone of a role outside the state ("opposition leader",
 * "protesters"); a state or its organs ("France", "police") may not. */
static int protester(sctx *c, const evc_mention *src)
{
    const char *sn, *sc = mcode(c, src, &sn);
    size_t n = sc ? strlen(sc) : 0;
    return n == 3 ? (src->flags & EVC_PH_ADJ) && !(src->flags & EVC_PH_COUNTRY) : n == 6 && !state_role(sc + 3);
}

static evc_status emit_codes(sctx *c, const char *code, const char *sc, const char *sn, const char *tc,
                             const char *tn, long date)
{
    evc_doc *d = c->d;
    /* a peer actor that stands for several ("THE_SHIRE_ [FRO/BIL/SAM]"):
     * one event for each, unless the joint code is asked for */
    const char *ss = sc ? strchr(sc, '/') : NULL, *ts = tc ? strchr(tc, '/') : NULL;
    if ((ss || ts) && !d->ctx->opts.joint_codes) {
        const char *whole = ss ? sc : tc, *slash = ss ? ss : ts;
        const char *first = evc_arena_strndup(&d->arena, whole, (size_t)(slash - whole));
        if (!first)
            return EVC_ERR_NOMEM;
        evc_status st = ss ? emit_codes(c, code, first, sn, tc, tn, date) : emit_codes(c, code, sc, sn, first, tn, date);
        if (st != EVC_OK)
            return st;
        return ss ? emit_codes(c, code, slash + 1, sn, tc, tn, date) : emit_codes(c, code, sc, sn, slash + 1, tn, date);
    }
    if (!d->ctx->peer && sc && tc && bare_role(sc) != bare_role(tc)) { /* two roles name no one */
        if (bare_role(sc))
            sc = placed_role(c, sc, c->why.src, tc, code);
        else
            tc = placed_role(c, tc, c->why.tgt, sc, code);
    }
    /* "Israelis rallied against the government's plan": a country's people
     * protesting at home are its opposition, and what they protest against
     * is its government */
    if (!d->ctx->peer && protest(code) && sc && tc && strlen(sc) == 3 && !strncmp(sc, tc, 3) &&
        evc_is_country_code(d->ctx, sc) && c->why.src >= 0 && protester(c, &d->mentions.v[c->why.src])) {
        sc = evc_combine_code(d, sc, "OPP");
        if (strlen(tc) == 3)
            tc = evc_combine_code(d, tc, "GOV");
        c->why.rule = "a country's people protesting at home: its opposition, against its government";
    } else if (!d->ctx->peer && protest(code) && sc && tc && !strcmp(sc, tc) && strlen(sc) == 6 &&
               !state_role(sc + 3) && evc_is_country_code(d->ctx, sc)) {
        /* "a hunger strike against his detention": a protest of one's own
         * plight is aimed at the state that causes it */
        const char *home = evc_arena_strndup(&d->arena, sc, 3);
        if (!home)
            return EVC_ERR_NOMEM;
        tc = evc_combine_code(d, home, "GOV");
        c->why.rule = "a protest about the protester's own plight: against the government of the protester's country";
    }
    /* "the United States warned Americans to avoid the airport": a country's
     * people, acted on by their own state, are its civilians */
    else if (!d->ctx->peer && sc && tc && strlen(tc) == 3 && !strncmp(sc, tc, 3) && evc_is_country_code(d->ctx, tc) &&
             c->why.tgt >= 0 && (d->mentions.v[c->why.tgt].flags & EVC_PH_ADJ) &&
             !(d->mentions.v[c->why.tgt].flags & EVC_PH_COUNTRY)) {
        tc = evc_combine_code(d, tc, "CVL");
        c->why.rule = "a country's people acted on by their own state: its civilians";
    }
    /* peer dictionaries write an agent of nobody "---GOV" or "~GOV": a bare
     * three-letter code there is an actor's ("AL_GORE [AGR]") */
    int bare = sc && tc && !d->ctx->peer && (bare_role(sc) || bare_role(tc));
    if (!sc || !tc || strcmp(sc, tc) == 0 || bare || (!d->ctx->peer && state_and_government(d->ctx, sc, tc))) {
        if (d->explain && c->why.pattern) {
            evc_skip *k = EVC_VEC_PUSH(&d->arena, d->skips);
            if (!k)
                return EVC_ERR_NOMEM;
            k->sent = (uint32_t)c->s;
            k->tok = c->why.anchor;
            k->pattern = c->why.pattern;
            k->why = sc && tc && !strcmp(sc, tc) ? "source and target are one actor"
                                                 : bare ? "an actor with a role but no country or group (a bare role)"
                                                        : "a country and its own government are one actor";
        }
        if (d->explain && bare && bare_role(sc) && role_name_gap(c, c->why.src, "source"))
            return EVC_ERR_NOMEM;
        if (d->explain && bare && bare_role(tc) && role_name_gap(c, c->why.tgt, "target"))
            return EVC_ERR_NOMEM;
        return EVC_OK;
    }
    /* a militant group's attack on anyone but another armed group is
     * unconventional violence (180), as CAMEO codes terrorist attacks;
     * fighting between armed groups stays 190 */
    if (!d->ctx->peer && !strcmp(code, "190") && !strncmp(sc, "IMG", 3) && strncmp(tc, "IMG", 3) &&
        !armed_group(tc)) {
        code = "180";
        c->why.rule = "a militant group's attack: unconventional violence (180), as CAMEO codes terrorist attacks";
    }
    /* a state's threat against an armed group is one of force (138); its
     * intent to cooperate, voiced by its forces, military cooperation
     * (0312); an intent to aid civilians, humanitarian aid (0333) */
    size_t sl0 = strlen(sc), tl0 = strlen(tc);
    int state = sl0 == 3 || (sl0 == 6 && state_role(sc + 3));
    if (!d->ctx->peer && !strcmp(code, "130") && state &&
        (armed_group(tc) || !strncmp(tc, "IMG", 3) || !strcmp(tc, "UAF"))) {
        code = "138";
        c->why.rule = "a state's threat against an armed group: a threat of military force (138)";
    } else if (!d->ctx->peer && !strcmp(code, "130") && state && tl0 == 6 && !strcmp(tc + 3, "OPP") &&
               !strncmp(sc, tc, 3)) {
        code = "137";
        c->why.rule = "a state's threat against its own opposition or protesters: a threat of repression (137)";
    } else if (!d->ctx->peer && !strcmp(code, "031") && sl0 == 6 && !strcmp(sc + 3, "MIL")) {
        code = "0312";
        c->why.rule = "an intent to cooperate voiced by armed forces: military cooperation (0312)";
    } else if (!d->ctx->peer && !strcmp(code, "033") && tl0 >= 6 && !strcmp(tc + tl0 - 3, "CVL")) {
        code = "0333";
        c->why.rule = "an intent to aid civilians: humanitarian aid (0333)";
    }
    /* gunmen of no known force firing on civilians ("opened fire on
     * concertgoers", 193; "shelled", 194): unconventional violence */
    size_t sl = strlen(sc), tl = strlen(tc);
    if (!d->ctx->peer && code_root(code) == 19 && sl >= 3 && !strcmp(sc + sl - 3, "UAF") && tl >= 3 &&
        !strcmp(tc + tl - 3, "CVL")) {
        code = "180";
        c->why.rule = "unidentified gunmen's attack on civilians: unconventional violence (180)";
    }
    /* protesters or civilians storming or fighting, protesters burning or
     * beating: a riot (145), not military force nor terror */
    if (!d->ctx->peer && sl == 6 &&
        ((!strcmp(code, "190") && (!strcmp(sc + 3, "OPP") || !strcmp(sc + 3, "CVL"))) ||
         (!strcmp(sc + 3, "OPP") && (!strncmp(code, "171", 3) || !strncmp(code, "18", 2))))) {
        code = "145";
        c->why.rule = "protesters' or civilians' violence is a violent protest or riot (145), not military force";
    }
    /* "police stormed the embassy": a state force storming a building
     * seizes it (171); only protesters riot */
    if (!d->ctx->peer && !strcmp(code, "145") && sl == 6 &&
        (!strcmp(sc + 3, "COP") || !strcmp(sc + 3, "MIL") || !strcmp(sc + 3, "SPY"))) {
        code = "171";
        c->why.rule = "a state force storming a building seizes property (171); only protesters riot (145)";
    }
    if (!strcmp(sc, "---") || !strcmp(tc, "---"))
        return EVC_OK; /* a peer actor coded as nobody ("[---]") */
    /* one event per pair and act in a sentence: per CAMEO base code with
     * ours ("filed a case against Israel, accusing it of genocide": 115 and
     * 1124), per root with the peers' */
    size_t same = d->ctx->peer ? 2 : 3;
    for (size_t i = d->events.n; i-- > 0 && d->events.n - i <= 32;) {
        const evc_event *x = &d->events.v[i];
        if (x->sentence_index != d->sents.v[c->s].index)
            break;
        if (i - c->n_events < 64 && (c->weak >> (i - c->n_events) & 1))
            continue; /* a weak event gives way (drop_weak) */
        if (!strcmp(x->source, sc) && !strcmp(x->target, tc) && !strncmp(x->code, code, same))
            return EVC_OK;
    }
    evc_event *ev = EVC_VEC_PUSH(&d->arena, d->events);
    if (!ev)
        return EVC_ERR_NOMEM;
    if (!strcmp(code, "015") || (code[0] == '1' && code[1] >= '8') || code[0] == '2') {
        d->attack_target = tc; /* for "claimed responsibility for the attack" later */
        d->attack_target_name = tn;
        d->attack_target_mention = c->why.tgt;
        d->attack_source_mention = c->why.src;
        d->attack_sent = c->s + 1;
    }
    ev->sentence_index = d->sents.v[c->s].index;
    ev->sentence = d->sents.v[c->s].text;
    ev->source = sc;
    ev->source_name = sn;
    ev->target = tc;
    ev->target_name = tn;
    ev->code = code;
    const evc_cameo *cm = evc_cameo_find(d->ctx, code);
    if (!cm && strlen(code) == 4) {
        char three[4] = {code[0], code[1], code[2], 0};
        cm = evc_cameo_find(d->ctx, three);
    }
    ev->goldstein = cm ? cm->goldstein : 0.0;
    int root = code_root(code);
    ev->quad_class = root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4;
    if (date != EVC_NO_DATE) {
        char *ds = evc_arena_alloc(&d->arena, 11);
        if (!ds)
            return EVC_ERR_NOMEM;
        evc_format_date(date, ds);
        ev->date = ds;
    }
    /* where: the place the sentence names, else the country attacked ("the
     * attacks on the U.S."; not its people or forces, who may be anywhere),
     * else the country the article is about (places.c) */
    evc_where w;
    evc_place_of_sentence(d, c->s, &w);
    if (w.how != 1 && c->there.name)
        w = c->there; /* "arrived there" */
    const evc_place *attacked = NULL;
    if (w.how != 1 && root >= 18 && tl == 3 && evc_is_country_code(d->ctx, tc) &&
        (attacked = evc_place_country(d->ctx, tc)) != NULL) {
        w.name = evc_place_name(d->ctx, attacked);
        w.country = attacked->code;
        w.lat = attacked->lat;
        w.lon = attacked->lon;
    }
    ev->location_name = w.name;
    ev->location_country = w.country;
    ev->lat = w.lat;
    ev->lon = w.lon;
    if (d->explain) {
        evc_why *y = EVC_VEC_PUSH(&d->arena, d->why);
        if (!y)
            return EVC_ERR_NOMEM;
        *y = c->why;
        y->place_rule = !w.name      ? NULL
                        : w.how == 1 ? "named in the sentence"
                        : attacked   ? "the country attacked"
                                     : "the country the article names most";
    }
    return EVC_OK;
}

/* "the Ukrainian minister ... shipments from Odesa": a state acting on its
 * own country or one of its places says nothing (rebels facing their
 * country do: "Taliban fighters paraded in Kandahar"; and "Americans" are
 * people, not a place). */
static int own_place(const char *sc, const char *tc)
{
    return sc && tc && strlen(tc) >= 3 && !strncmp(sc, tc, 3) && (strlen(sc) == 3 || state_role(sc + 3));
}

/* The source's country with a role ("BGD" + "CVL"), when the source is of a
 * country; *name is the country's name. */
static const char *home_of(sctx *c, const char *sc, const char *sn, const char *role, const char **name);
static const char *home_code(sctx *c, const evc_mention *src, const char *role, const char **name)
{
    const char *sn, *sc = mcode(c, src, &sn);
    return home_of(c, sc, sn, role, name);
}

/* The same for a source coded sc, named sn. */
static const char *home_of(sctx *c, const char *sc, const char *sn, const char *role, const char **name)
{
    if (!sc || strlen(sc) < 3 || !evc_is_country_code(c->d->ctx, sc))
        return NULL;
    char *code = evc_arena_alloc(&c->d->arena, 7);
    if (!code)
        return NULL;
    memcpy(code, sc, 3);
    memcpy(code + 3, role, 4);
    const evc_place *home = evc_place_country(c->d->ctx, sc);
    *name = home ? evc_place_name(c->d->ctx, home) : sn;
    return code;
}

/* "Syrian jets bombed Douma": force (18x-20x) that a state uses on a place
 * of its own country is used on the people there. The target for a place
 * coded tc: tc, or its country's civilians ("SYRCVL"); NULL when out of
 * memory. */
static const char *own_people(sctx *c, const char *code, const char *sc, const char *tc)
{
    if (c->d->ctx->peer || !own_place(sc, tc) || strlen(tc) != 3 || code[0] < '1' || code[0] > '2' ||
        (code[0] == '1' && code[1] < '8'))
        return tc;
    return evc_combine_code(c->d, tc, "CVL");
}

static evc_status emit(sctx *c, const char *code, const evc_mention *src, const evc_mention *tgt, long date)
{
    c->why.src = (int32_t)(src - c->d->mentions.v);
    c->why.tgt = (int32_t)(tgt - c->d->mentions.v);
    if (c->d->explain && (role_name_gap(c, c->why.src, "source") || role_name_gap(c, c->why.tgt, "target")))
        return EVC_ERR_NOMEM;
    const char *sn, *tn;
    const char *sc = voiced(c, src, mcode(c, src, &sn)), *tc = mcode(c, tgt, &tn);
    /* "Iran rejected the deal and vowed to fight it": "it" is not the act's
     * own source, but what was named before that */
    if (!c->d->ctx->peer && sc && tc && !strcmp(sc, tc) && tgt->how == EVC_HOW_PRONOUN && tgt->ante >= 0 &&
        evc_tok_is(c->d, &c->d->toks.v[tgt->t0], "it"))
        for (const evc_mention *a = &c->d->mentions.v[tgt->ante]; a && tc && !strcmp(sc, tc);) {
            a = evc_it_antecedent(c->d, tgt->sent, tgt->t0, (size_t)(a - c->d->mentions.v));
            if (a) {
                c->why.tgt = (int32_t)(a - c->d->mentions.v);
                tc = mcode(c, a, &tn);
            }
        }
    if ((tgt->flags & (EVC_PH_COUNTRY | EVC_PH_CAPITAL)) && !(tgt->flags & EVC_PH_AGENT) && strlen(tc ? tc : "") == 3 &&
        own_place(sc, tc) && !(protest(code) && strlen(sc) == 3)) { /* see emit_codes: protests */
        const char *people = !(tgt->flags & EVC_PH_CAPITAL) && evc_place_town(c->d, tgt->t0, tgt->t1)
                                 ? own_people(c, code, sc, tc) : tc;
        if (!people)
            return EVC_ERR_NOMEM;
        if (people == tc)
            return EVC_OK;
        tc = people;
    }
    return emit_codes(c, code, sc, sn, tc, tn, date);
}

/* "seized Goma", "seized most of the eastern city of Goma": what is seized
 * (the object, or the words up to it) is a place. */
static int seized_land(const sctx *c, size_t from, const evc_mention *tgt)
{
    static const char *const land[] = {"city", "town", "village", "territory", "region", "province", "district",
                                       "capital", "island", "islands", "towns", "villages", "cities", NULL};
    if (tgt && (tgt->flags & (EVC_PH_COUNTRY | EVC_PH_CAPITAL)) && !(tgt->flags & EVC_PH_AGENT) && !tgt->agent_ph &&
        tgt->t0 <= from + 1) /* "seized Goma", not "seized assets of Russia" nor "a tanker in Iran" */
        return 1;
    size_t to = tgt ? tgt->t0 : from + 8;
    for (size_t k = from; k < to && k < c->e; k++) {
        const evc_token *t = &c->d->toks.v[k];
        if (evc_tok_in(c->d, t, land))
            return 1;
        if (lx(t, SOFT) || evc_tok_is(c->d, t, ","))
            break;
    }
    return 0;
}

/* "X hosted Y", "X received Y": the guest visits (042) the host's country. */
static evc_status guest_visits(sctx *c, const evc_mention *host, const evc_mention *guest, long date)
{
    const char *hn, *gn, *hc = mcode(c, host, &hn), *gc = mcode(c, guest, &gn);
    if (!hc || !gc || strlen(hc) < 3 || !evc_is_country_code(c->d->ctx, hc) || !strncmp(hc, gc, 3))
        return EVC_OK;
    const char *cc = evc_arena_strndup(&c->d->arena, hc, 3);
    if (!cc)
        return EVC_ERR_NOMEM;
    c->why.src = (int32_t)(guest - c->d->mentions.v);
    c->why.tgt = (int32_t)(host - c->d->mentions.v);
    c->why.rule = "a host receives a guest: the guest visits the host's country";
    return emit_codes(c, "042", gc, gn, cc, hn, date);
}

/* Does m stand right after the verb at `anchor` (matched up to `end`),
 * so that a cue word after it ("attacked army posts") heads the object
 * rather than attributing it? Not after a reporting verb whose clause opens
 * there: "he said government proposed". */
static int object_head(const sctx *c, const evc_mention *m, size_t anchor, size_t end)
{
    const evc_token *T = c->d->toks.v;
    size_t j = end;
    while (j < m->t0 && lx(&T[j], DETS))
        j++;
    return j == m->t0 && !(evc_is_cue(c->d, &T[anchor]) && m->t1 < c->e && verb_form(c->d, &T[m->t1]));
}

/* The date of a statement by `speaker` in this sentence: in reported speech
 * the time next to the reporting verb, else the speaker's last statement,
 * else the statement the article is reporting; a time elsewhere in such a
 * sentence dates what is reported, not the saying ("said ... the attack
 * last week"). Without a reporting verb, the sentence's own time first. */
static long statement_date(sctx *c, const char *speaker, long own, long speech, size_t a0, size_t a1)
{
    int reported = 0; /* a reporting verb other than the act's own words ("claimed responsibility") */
    for (size_t i = c->b; i < c->e && !reported; i++)
        reported = (i < a0 || i >= a1) && evc_is_cue(c->d, &c->d->toks.v[i]);
    long cue = evc_cue_date(c->d, c->s), said = evc_speaker_date(c->d, speaker);
    static const char *const rule[] = {"the time next to its reporting verb", "its speaker's last dated statement",
                                       "the date of the statements the article reports",
                                       "the time expression of its clause"};
    long x[4] = {reported ? cue : EVC_NO_DATE, said, speech, own};
    static const int order[2][4] = {{3, 1, 2, 0}, {0, 1, 2, 3}};
    for (int k = 0; k < 4; k++) {
        int r = order[reported][k];
        if (x[r] != EVC_NO_DATE || k == 3) {
            c->why.date_rule = rule[r];
            c->why.date_expr = r == 3;
            return x[r];
        }
    }
    return EVC_NO_DATE;
}

/* Speakers who call an actor a threat accuse it (CAMEO 112): "officials warn
 * that ISIS poses a threat", "the threat from ISIS is real", "'there
 * continue to be active ISIS-K threats,' she said". Only inside reported
 * speech or a quotation with a known speaker, never when negated. */
static evc_status threats(sctx *c, long own_date, long speech_date)
{
    evc_doc *d = c->d;
    const evc_token *T = d->toks.v;
    uint64_t threat = evc_hash("threat", 6), face = evc_hash("face", 4), pay = evc_hash("pay", 3),
             attack = evc_hash("attack", 6);
    for (size_t i = c->b; i < c->e; i++) {
        /* "said Putin was responsible for the death of": blame, the same way */
        int blame = evc_tok_is(d, &T[i], "responsible") && i + 1 < c->e && evc_tok_is(d, &T[i + 1], "for");
        /* "warned that Israel would face a harsh response", "... would pay
         * a heavy price": the speaker threatens (130) */
        static const char *const fates[] = {"consequence", "response", "retaliation", "punishment", "reprisal",
                                            "price", "wrath", "revenge", NULL};
        int fate = 0;
        if ((T[i].lemma == face || T[i].lemma == pay) && i > c->b + 1 &&
            (evc_tok_is(d, &T[i - 1], "will") || evc_tok_is(d, &T[i - 1], "would") ||
             evc_tok_is(d, &T[i - 1], "'ll")))
            for (size_t k = i + 1; k < c->e && k < i + 5 && !fate; k++) {
                for (size_t f = 0; fates[f] && !fate; f++)
                    fate = T[k].lemma == evc_hash(fates[f], strlen(fates[f]));
            }
        /* "ISIS-K has a keen interest in attacks against our personnel", "X
         * is plotting attacks on": the speaker says an actor means to attack */
        int designs = 0;
        if (T[i].lemma != threat && (T[i].flags & EVC_TK_PLAIN) && evc_tok_in(d, &T[i], AIMS))
            for (size_t k = i + 1; k < c->e && k < i + 4 && !designs; k++)
                designs = T[k].lemma == attack;
        if ((T[i].lemma != threat && !blame && !fate && !designs) || c->covered[i - c->b])
            continue;
        const char *sc = NULL, *sn = NULL;
        const evc_qspan *q = quote_at(d, d->sents.v[c->s].para, T[i].start);
        clause cl = clause_of(c, i);
        /* "Officials declined to detail the ISIS threat but described it as
         * significant": the subject that opens the sentence speaks, through a
         * reporting verb after the threat */
        const evc_mention *opener = NULL;
        size_t k0 = c->b;
        while (k0 < i && ((T[k0].flags & EVC_TK_QUOTE) || lx(&T[k0], DETS)))
            k0++;
        const evc_mention *m0 = cl.speaker ? NULL : mention(c, k0);
        if (m0 && m0->t0 == k0 && usable(c, m0) && !(m0->flags & EVC_MN_FIRST_PERSON))
            for (size_t j = i + 1; j < c->e && !opener; j++)
                if (evc_is_cue(d, &T[j]))
                    opener = m0;
        if (cl.speaker || opener) {
            sc = mcode(c, cl.speaker ? cl.speaker : opener, &sn);
            q = NULL; /* a reported clause inside a quotation: its own speaker */
        } else if (q && q->speaker_code) {
            sc = q->speaker_code;
            sn = q->speaker_name;
        }
        if (!sc || preceded_by(c, c->b, i, 10, NEG) || hypothetical(c, cl.lo, i) || preceded_by(c, c->b, i, 3, EVC_LX_CAUSE))
            continue;
        const evc_mention *x = NULL;
        size_t j = i + 1;
        if (!blame && j < c->e && (evc_tok_is(d, &T[j], "of") || evc_tok_is(d, &T[j], "from"))) {
            j++;
            while (j < c->e && lx(&T[j], DETS))
                j++;
            x = j < c->e ? mention(c, j) : NULL;
        }
        /* "ISIS-K threats", "the ISIS threat" */
        for (size_t k = c->b; !x && !blame && k < i; k++) {
            const evc_mention *m = mention(c, k);
            if (m && m->t1 == i && usable(c, m))
                x = m;
        }
        /* "X poses a threat", "X remains a potent threat", "X is a threat" */
        static const char *const pred[] = {"pose", "poses", "posed", "posing", "is", "are", "was", "were", "remain",
                                           "remains", "remained", "represent", "represents", "represented",
                                           "constitute", "constitutes", NULL};
        int predicate = fate || designs;
        for (size_t k = i; k-- > c->b && i - k <= 4;)
            if (evc_tok_in(d, &T[k], pred))
                predicate = 1;
        if (!designs && i > c->b && (evc_tok_is(d, &T[i - 1], "that") || evc_tok_is(d, &T[i - 1], "the") ||
                                     evc_tok_is(d, &T[i - 1], "this")))
            predicate = 0;
        for (size_t k = q ? c->b : cl.lo; predicate && !x && k < i; k++) {
            const evc_mention *m = mention(c, k);
            if (m && usable(c, m) && !possessor(c, m) && !prep_object(c, m) && !(m->flags & EVC_MN_FIRST_PERSON) &&
                (!q || T[k].start >= q->start))
                x = m;
        }
        if (!x || (x->flags & EVC_MN_FIRST_PERSON))
            continue;
        const char *xn, *xc = mcode(c, x, &xn);
        c->why = (evc_why){.rule = fate      ? "a speaker says an actor will face consequences: threaten (130)"
                                   : designs ? "a speaker says an actor means to attack (\"has an interest in attacks\"): accuse (112)"
                                   : blame ? "a speaker calls an actor responsible for something: accuse (112)"
                                           : "a speaker calls an actor a threat: accuse (112)",
                           .src_rule = cl.speaker ? "the speaker of the reported clause"
                                       : opener   ? "the subject of a reporting verb after it"
                                                  : "the speaker of the quotation",
                           .tgt_rule = fate      ? "the actor who will face them"
                                       : designs ? "the actor said to mean to attack"
                                       : blame ? "the actor named as responsible"
                                               : "the actor named as the threat",
                           .src = cl.speaker ? (int32_t)(cl.speaker - d->mentions.v)
                                  : opener   ? (int32_t)(opener - d->mentions.v)
                                  : q        ? q->mention
                                             : -1,
                           .tgt = (int32_t)(x - d->mentions.v),
                           .anchor = (uint32_t)i};
        long date = statement_date(c, sn, own_date, speech_date, i, i + 1);
        if (date == EVC_NO_DATE) {
            date = d->published;
            c->why.date_rule = "the publication date";
            c->why.date_expr = 0;
        }
        evc_status st = emit_codes(c, fate ? "130" : "112", sc, sn, xc, xn, date);
        if (st)
            return st;
    }
    return EVC_OK;
}

/* Actors joined to m by "and", "or" or commas: "ISIS and the Taliban". */
/* "condemned the killing of X", "investigated the bombing of": a verb that
 * judges, mourns, denies or looks into an act (a one-word pattern of roots
 * 09-12, or 016-018) is no light verb: the act is someone else's. (Not 05:
 * "approved a round of sanctions" imposes them.) */
static int comments_on(const sctx *c, size_t k)
{
    const evc_ctx *ctx = c->d->ctx;
    for (int r = 0; r < 2; r++) {
        uint64_t v = c->anchor[k - c->b][r];
        for (size_t j = 0; j < (v & 0xffffffffu); j++) {
            const evc_pattern *p = &ctx->patterns[ctx->anchors[(v >> 32) + j].pattern];
            const char *code = p->code;
            int root = code_root(code);
            if (p->n_elems == 1 && ((root >= 9 && root <= 12) || !strncmp(code, "016", 3) ||
                                    !strncmp(code, "017", 3) || !strncmp(code, "018", 3)))
                return 1;
        }
    }
    return 0;
}

/* "X and Y urged the two sides to show restraint": an infinitive at `anchor`
 * whose own subject (a noun phrase after the last subject mention `m`)
 * stands between them. */
static int own_subject(const sctx *c, const evc_mention *m, size_t anchor)
{
    const evc_doc *d = c->d;
    if (anchor <= m->t1 || m->t0 < c->b || !evc_tok_is(d, &d->toks.v[anchor - 1], "to"))
        return 0;
    for (size_t k = m->t1; k + 1 < anchor; k++)
        if (lx(&d->toks.v[k], DETS) || (c->covered[k - c->b] && mention(c, k)))
            return 1;
    return 0;
}

/* Does an object the dictionaries do not know follow the pattern ending at
 * `end` ("attacked a restaurant")? Then the subjects did not act on each
 * other. */
static int has_object(const sctx *c, size_t end)
{
    const evc_doc *d = c->d;
    if (end > c->b && evc_tok_is(d, &d->toks.v[end - 1], "that"))
        return 0; /* "agree that disputes should ...": a clause, no object */
    size_t k = skip_time(c, end);
    if (k >= c->e || c->covered[k - c->b])
        return 0;
    const evc_token *t = &d->toks.v[k];
    /* "agree that disputes should be resolved": "that" opens a clause when
     * a modal or a form of "be" or "have" follows within a few words */
    if (evc_tok_is(d, t, "that"))
        for (size_t q = k + 1; q < c->e && q <= k + 5; q++) {
            const evc_token *v = &d->toks.v[q];
            if (lx(v, MODALS | BE) || evc_tok_is(d, v, "has") || evc_tok_is(d, v, "have") || evc_tok_is(d, v, "had"))
                return 0;
        }
    /* an adverb is no object: "halted hostilities early on Wednesday" */
    static const char *const not_adverbs[] = {"supply", "assembly", "family", "rally", "reply", "ally", "anomaly",
                                              "monopoly", NULL};
    const char *w = evc_tok_text(d, t);
    if (!(t->flags & EVC_TK_CAP) && ((t->len > 4 && !memcmp(w + t->len - 2, "ly", 2) && !evc_tok_in(d, t, not_adverbs)) ||
                                     evc_tok_is(d, t, "early") || evc_tok_is(d, t, "late") || evc_tok_is(d, t, "again")))
        return 0;
    return lx(t, DETS) || ((t->flags & EVC_TK_WORD) && !(t->flags & EVC_TK_CAP) && !lx(t, PREPS | SOFT | LOCATIVE) &&
                           !verb_form(d, t) &&
                           !evc_tok_is(d, t, "and") && !evc_tok_is(d, t, "but") && !evc_tok_is(d, t, "each") &&
                           !evc_tok_is(d, t, "one") && !evc_tok_is(d, t, "together") && !evc_is_cue(d, t));
}

/* "deployed 1,000 soldiers and police officers to X", "mobilised its
 * troops": a state's own forces (or forces of no country named) are what a
 * show of force (15x) moves, not whom it is aimed at. */
static int own_force(sctx *c, const evc_mention *subj, const evc_mention *m)
{
    const char *n, *mc = mcode(c, m, &n), *sc = subj ? mcode(c, subj, &n) : NULL;
    if (!mc)
        return 0;
    if (bare_role(mc))
        return state_role(mc);
    return sc && strlen(sc) >= 3 && strlen(mc) == 6 && !strncmp(sc, mc, 3) && state_role(mc + 3);
}

/* "sent troops to Mozambique", "deploying soldiers to Mozambique's Cabo
 * Delgado province": forces a state sends to another country (named as a
 * country after "to"; not "into", "toward", nor to its border, coast or
 * waters) come to that country's aid. */
static int hosted(const sctx *c, const evc_mention *src, const evc_mention *dest)
{
    static const char *const edge[] = {"border", "borders", "frontier", "coast", "coasts", "waters", "strait", "sea",
                                       "gulf", "airspace", "doorstep", NULL};
    const evc_doc *d = c->d;
    const char *n, *sc = mcode(c, src, &n), *dc = mcode(c, dest, &n);
    size_t k = dest->t0;
    while (k > c->b && lx(&d->toks.v[k - 1], DETS))
        k--;
    if (!sc || !dc || strlen(sc) < 3 || strlen(dc) < 3 || !strncmp(sc, dc, 3) || k == c->b ||
        !evc_tok_is(d, &d->toks.v[k - 1], "to") || !(dest->flags & EVC_PH_COUNTRY) || (dest->flags & EVC_PH_ADJ))
        return 0;
    for (size_t j = dest->t1; j < c->e && j < dest->t1 + 3; j++)
        if (evc_tok_in(d, &d->toks.v[j], edge))
            return 0;
    return 1;
}

/* The actor after "to", "into" or "toward" in the words after `from`: where
 * something is sent ("soldiers to Mozambique's Cabo Delgado"), or NULL. */
static const evc_mention *destination(const sctx *c, size_t from)
{
    static const char *const to[] = {"to", "into", "toward", "towards", NULL};
    for (size_t k = from, end = aim_end(c, from); k + 1 < end; k++) {
        if (!evc_tok_in(c->d, &c->d->toks.v[k], to))
            continue;
        size_t j = k + 1;
        while (j < end && lx(&c->d->toks.v[j], DETS))
            j++;
        const evc_mention *m = j < end ? mention(c, j) : NULL;
        if (m && usable(c, m))
            return m;
    }
    return NULL;
}

/* The largest number written in figures in [from, to) ("1,200"), up to 8
 * tokens; 0 when none. */
static unsigned long counted(const sctx *c, size_t from, size_t to)
{
    unsigned long best = 0;
    for (size_t k = from; k < to && k < from + 8; k++) {
        const evc_token *t = &c->d->toks.v[k];
        if (!(t->flags & EVC_TK_NUM))
            continue;
        const char *w = evc_tok_text(c->d, t);
        unsigned long v = 0;
        size_t j = 0;
        for (; j < t->len && (evc_is_digit((unsigned char)w[j]) || w[j] == ','); j++)
            if (w[j] != ',' && v < 100000000UL)
                v = v * 10 + (unsigned long)(w[j] - '0');
        if (j == t->len && v > best)
            best = v;
    }
    return best;
}

/* "opened fire on protesters, killing dozens", "detonated two car bombs,
 * killing at least 100 people": a participle after a comma telling the toll
 * of an attack its source made earlier in the sentence is that attack, not
 * one more. */
static int attack_toll(const sctx *c, size_t i, const evc_mention *src)
{
    static const char *const toll[] = {"killing", "wounding", "injuring", NULL};
    const evc_doc *d = c->d;
    if (i <= c->b || !evc_tok_in(d, &d->toks.v[i], toll) || !evc_tok_is(d, &d->toks.v[i - 1], ","))
        return 0;
    const char *sn, *sc = mcode(c, src, &sn);
    for (size_t k = c->n_events; sc && k < d->events.n; k++) {
        const char *x = d->events.v[k].code;
        if (((code_root(x) >= 18 && code_root(x) <= 20) || !strcmp(x, "175")) &&
            !strncmp(d->events.v[k].source, sc, 3))
            return 1;
    }
    return 0;
}

/* Does mention m name civilians ("people", "Palestinian civilians")? */
static int civilians(sctx *c, const evc_mention *m)
{
    const char *n, *mc = mcode(c, m, &n);
    size_t l = mc ? strlen(mc) : 0;
    return l >= 3 && !strcmp(mc + l - 3, "CVL");
}

/* The end of the noun phrase a pattern ends inside: "renewed * diplomatic"
 * matched, "ties" is still its phrase, not an object of its own (only when
 * the pattern has words after its anchor at i, and the last is a word). */
static size_t phrase_end(const sctx *c, size_t i, size_t end)
{
    const evc_doc *d = c->d;
    if (end <= i + 1 || !(d->toks.v[end - 1].flags & EVC_TK_WORD))
        return end;
    while (end < c->e && end < i + 12) {
        const evc_token *t = &d->toks.v[end];
        if (!(t->flags & EVC_TK_WORD) || (t->flags & EVC_TK_CAP) || lx(t, DETS | PREPS | SOFT | LOCATIVE) ||
            verb_form(d, t) || evc_tok_is(d, t, "and") || evc_tok_is(d, t, "or") || evc_is_cue(d, t))
            break;
        end++;
    }
    return end;
}

/* The members of the compound actor that begins with m: "Spain, Ireland and
 * Norway". An object's list ends where a new clause's subject stands:
 * "stormed parliament and police opened fire". */
static size_t compound(const sctx *c, const evc_mention *m, const evc_mention **out, size_t cap, int object,
                       size_t anchor)
{
    size_t n = 0;
    out[n++] = m;
    if (m->t1 <= c->b || m->t1 > c->e)
        return n; /* named in a sentence before ("The attack killed X") */
    size_t i = m->t1;
    while (n < cap && i < c->e) {
        /* "attacked Israeli army posts and border communities": past the
         * noun an object member qualifies */
        if (object && !c->d->ctx->peer && plain_noun(c, i) && and_or(c, i + 1))
            i++;
        size_t j = i;
        int joined = 0, conj = 0;
        while (j < c->e && j < i + 3 && (evc_tok_is(c->d, &c->d->toks.v[j], "and") ||
                                         evc_tok_is(c->d, &c->d->toks.v[j], "or") ||
                                         evc_tok_is(c->d, &c->d->toks.v[j], ",") ||
                                         (c->tabari && evc_tok_is(c->d, &c->d->toks.v[j], "nor")) ||
                                         lx(&c->d->toks.v[j], DETS))) {
            joined |= !lx(&c->d->toks.v[j], DETS);
            conj |= !lx(&c->d->toks.v[j], DETS) && !evc_tok_is(c->d, &c->d->toks.v[j], ",");
            j++;
        }
        const evc_mention *x = j < c->e ? mention(c, j) : NULL;
        for (size_t k = i; !x && k < j; k++)
            if (lx(&c->d->toks.v[k], DETS))
                x = mention(c, k); /* a name with its article: "and the Netherlands" */
        /* "and the evil awful Gondor", "and good Gondor": its adjectives */
        for (size_t k = j; !x && joined && k < c->e && k < j + 2 && !c->covered[k - c->b]; k++) {
            const evc_token *a = &c->d->toks.v[k];
            if (!(a->flags & EVC_TK_WORD) || (a->flags & EVC_TK_CAP) || verb_form(c->d, a) ||
                lx(a, PREPS | SOFT | MODALS | BE | NEG | DETS) || evc_tok_is(c->d, a, "and") || evc_tok_is(c->d, a, "or"))
                break;
            x = k + 1 < c->e ? mention(c, k + 1) : NULL;
        }
        /* "X and Y urged": the verb coded is no attribution */
        if (!joined || !x || !usable(c, x) || (x->t1 != anchor && speaker_like(c, x)))
            break;
        /* "France, Pakistan's neighbour,": an appositive, not a member */
        if (!conj && x->t1 < c->e && evc_tok_is(c->d, &c->d->toks.v[x->t1], "'s"))
            break;
        if (object && x->t1 < c->e) {
            const evc_token *v = &c->d->toks.v[x->t1];
            const char *w = evc_tok_text(c->d, v);
            if (!c->covered[x->t1 - c->b] && verb_form(c->d, v) && !(v->len > 3 && !memcmp(w + v->len - 3, "ing", 3)))
                break;
        }
        /* "its political leader, Ismail Haniyeh", "the then UK Home
         * Secretary, Sajid Javid": a name in apposition to a role is one
         * actor; a role named in full ("UK Home Secretary"), written for
         * the time of the act, keeps its code */
        const evc_mention *last = out[n - 1];
        if (n == 1 && j == i + 1 && evc_tok_is(c->d, &c->d->toks.v[i], ",") &&
            ((last->flags & EVC_PH_AGENT) || last->agent_ph) && !(last->flags & EVC_PH_PERSON) && x->person >= 0) {
            if (!last->code || strlen(last->code) <= 3 || last->how != EVC_HOW_NAME)
                out[0] = x; /* "its political leader": the name is surer than the pronoun */
            i = x->t1;
            continue;
        }
        out[n++] = x;
        i = x->t1;
    }
    return n;
}

/* The relative pronoun opening the clause of the verb at `anchor` with no
 * actor between them ("that killed", "which later hit"), or 0. */
static size_t relative_pronoun(const sctx *c, size_t anchor)
{
    static const char *const rel[] = {"that", "which", NULL};
    for (size_t k = anchor; k-- > c->b && anchor - k <= 3;) {
        if (c->covered[k - c->b])
            return 0;
        if (evc_tok_in(c->d, &c->d->toks.v[k], rel))
            return k > c->b ? k : 0;
    }
    return 0;
}

/* ---- Gaps in the dictionaries (evcode upkeep), while explaining ---- */

/* Could token k start or continue a proper name the dictionaries lack? */
static int name_word(const sctx *c, size_t k)
{
    const evc_token *t = &c->d->toks.v[k];
    const char *w = evc_tok_text(c->d, t);
    /* "al-Sham", "el-Sisi", "ad-Din": a particle joined to a capitalised word */
    int joined = t->len > 4 && (w[2] == '-' || w[3] == '-') && evc_is_upper((unsigned char)w[w[2] == '-' ? 3 : 4]);
    return (t->flags & EVC_TK_WORD) && ((t->flags & (EVC_TK_CAP | EVC_TK_ALLCAPS)) || joined) &&
           !(t->flags & EVC_TK_NUM) && !lx(t, EVC_LX_FUNCTION | EVC_LX_TIME | EVC_LX_TITLE) && !c->covered[k - c->b];
}

/* A joining word inside a name: "Army of Islam", "Hayat Tahrir al-Sham". */
static int name_joint(const sctx *c, size_t k)
{
    const evc_token *t = &c->d->toks.v[k];
    return !c->covered[k - c->b] && (lx(t, EVC_LX_PARTICLE) || evc_tok_is(c->d, t, "of") || evc_tok_is(c->d, t, "for"));
}

/* Does the noun t name people by its form: "protesters", "militants",
 * "guards", "gunmen", "residents"? (Most other nouns near a verb are
 * things: "the bill", "the agreement".) */
static int agent_noun(const evc_doc *d, const evc_token *t)
{
    static const char *const end[] = {"ers", "ors", "ist", "ists", "ian", "ians", "man", "men", "ants", "ees",
                                      "iers", "ards", NULL};
    static const char *const word[] = {"police", "people", "forces", "troops", "militia", "militias", "army", "crew",
                                       "staff", "youths", "agent", "agents", "guard", "resident", "residents",
                                       "student", "students", "militant", NULL};
    if (evc_tok_in(d, t, word))
        return 1;
    const char *w = evc_tok_text(d, t);
    for (int i = 0; end[i]; i++) {
        size_t n = strlen(end[i]);
        if (t->len > n + 2 && !memcmp(w + t->len - n, end[i], n))
            return 1;
    }
    return 0;
}

/* The end of the words after `from` where an act with no actor named as
 * its target may be aimed at a place: aim_end(); `from` (none) when words
 * name people after all ("killed the people behind the attack in
 * Kandahar") or a relative clause tells whom the act hit ("the bombing in
 * Pulwama, which killed 40 police"). */
static size_t people_end(const sctx *c, size_t from)
{
    static const char *const rel[] = {"which", "that", "who", NULL};
    size_t end = aim_end(c, from);
    for (size_t k = from; k < end; k++)
        if (agent_noun(c->d, &c->d->toks.v[k]) || lx(&c->d->toks.v[k], EVC_LX_PEOPLE | EVC_LX_MEMBER) ||
            evc_tok_in(c->d, &c->d->toks.v[k], rel))
            return from;
    return end;
}

/* Could token k be a word of a noun phrase naming someone ("local
 * militiamen")? Not a closed-class word, not a pattern's word. */
static int np_word(const sctx *c, size_t k)
{
    static const char *const pron[] = {"it", "he", "she", "they", "we", "i", "you", "who", "which", "what", "that",
                                       "this", "these", "those", "there", "one", "all", "both", "each", NULL};
    const evc_token *t = &c->d->toks.v[k];
    return (t->flags & EVC_TK_WORD) && !(t->flags & (EVC_TK_CAP | EVC_TK_NUM)) && !c->covered[k - c->b] &&
           !is_anchor(c, k) && !evc_tok_in(c->d, t, pron) &&
           !lx(t, DETS | PREPS | SOFT | NEG | BE | MODALS | EVC_LX_CUE | EVC_LX_TIME) && !verb_form(c->d, t);
}

/* The words in [lo, hi) nearest the verb (searching back from hi when
 * `back`, else forward from lo) that may name the actor it needed: a name the
 * dictionaries lack (an uncoded mention, or capitalised words), else a
 * determiner's noun phrase. 0 when an actor the dictionaries know stands
 * there first, or nothing does. */
static int gap_words(const sctx *c, size_t lo, size_t hi, int back, size_t *t0, size_t *t1)
{
    int words = 0;
    for (size_t n = 0; n < hi - lo; n++) {
        size_t k = back ? hi - 1 - n : lo + n;
        const evc_mention *m = NULL;
        for (size_t j = k + 1; j-- > lo && !m && k - j < 8;)
            if (mention(c, j) && mention(c, j)->t1 > k)
                m = mention(c, j);
        if (m) {
            if (m->code || (m->flags & EVC_MN_PRONOUN))
                return 0;
            *t0 = m->t0;
            *t1 = m->t1;
            return 1;
        }
        if (name_word(c, k) && !(k == c->b && !(k + 1 < hi && name_word(c, k + 1)))) {
            size_t a = k, z = k + 1;
            while (a > lo && (name_word(c, a - 1) || (a - 1 > lo && name_joint(c, a - 1) && name_word(c, a - 2))))
                a--;
            while (z < hi && (name_word(c, z) || (z + 1 < hi && name_joint(c, z) && name_word(c, z + 1))))
                z++;
            const evc_token *T = c->d->toks.v;
            /* a place ("in Pulwama", "over Kashmir"), a time ("in August") or a
             * weapon's name ("Kalibr missiles") is no missing actor */
            if ((a > c->b && (lx(&T[a - 1], LOCATIVE) || evc_tok_is(c->d, &T[a - 1], "over") ||
                              evc_tok_is(c->d, &T[a - 1], "from"))) ||
                (z < c->e && lx(&T[z], EVC_LX_WEAPON)))
                return 0;
            *t0 = a;
            *t1 = z;
            return 1;
        }
        /* "the protesters attacked", "attacked local militiamen" */
        if (!back && lx(&c->d->toks.v[k], DETS)) {
            size_t z = k + 1;
            while (z < hi && z < k + 4 && np_word(c, z))
                z++;
            if (z > k + 1 && agent_noun(c->d, &c->d->toks.v[z - 1])) {
                *t0 = k + 1;
                *t1 = z;
                return 1;
            }
            return 0;
        }
        if (back && np_word(c, k)) {
            size_t a = k;
            while (a > lo && k - a < 2 && np_word(c, a - 1))
                a--;
            if (a > lo && lx(&c->d->toks.v[a - 1], DETS) && agent_noun(c->d, &c->d->toks.v[k])) {
                *t0 = a;
                *t1 = k + 1;
                return 1;
            }
            if (++words > 2) /* an adverb or two between subject and verb: "X later attacked" */
                return 0;
        }
    }
    return 0;
}

/* The code the text around tokens [t0,t1) suggests for them: the country of
 * an adjective or country right before ("Syrian rebel group X", "Sudan's
 * X") or in an appositive after (", a Syrian rebel group"), with the role of
 * a role noun there; else the article's country. Sets *group when the role
 * is an armed or political group's. */
static const char *guess_code(sctx *c, size_t t0, size_t t1, int *group)
{
    evc_doc *d = c->d;
    const char *country = NULL, *role = NULL;
    size_t ranges[2][2] = {{t0 > c->b + 4 ? t0 - 4 : c->b, t0}, {t1, t1 + 6 < c->e ? t1 + 6 : c->e}};
    if (!(t1 < c->e && evc_tok_is(d, &d->toks.v[t1], ",")))
        ranges[1][1] = t1; /* only an appositive after the name counts */
    for (int r = 0; r < 2; r++)
        for (size_t k = ranges[r][0]; k < ranges[r][1]; k++) {
            const evc_mention *m = mention(c, k);
            if (!m || !m->code || m->t1 > ranges[r][1] + 1)
                continue;
            size_t n = strlen(m->code);
            if ((m->flags & (EVC_PH_ADJ | EVC_PH_COUNTRY | EVC_PH_CAPITAL)) && n >= 3 && !country)
                country = m->code;
            if ((m->flags & EVC_PH_AGENT) && n >= 3 && !role)
                role = m->code + n - 3;
        }
    if (!country)
        country = d->focus_code;
    /* "... Brigades", "... Front", "... Army": the name of an armed group */
    static const char *const armed[] = {"brigade", "brigades", "battalion", "battalions", "front", "army", "units",
                                        "forces", "militia", "mujahideen", "movement", "legion", NULL};
    if (!role && evc_tok_in(d, &d->toks.v[t1 - 1], armed))
        role = "REB";
    for (size_t k = t0; k < t1 && !role; k++) { /* a role noun heading the name: "X Police" */
        const evc_mention *m = mention(c, k);
        if (m && m->code && (m->flags & EVC_PH_AGENT) && strlen(m->code) >= 3)
            role = m->code + strlen(m->code) - 3;
    }
    *group = role && (!strcmp(role, "REB") || !strcmp(role, "INS") || !strcmp(role, "UAF") || !strcmp(role, "SEP") ||
                      !strcmp(role, "RAD") || !strcmp(role, "OPP"));
    if (!country && !role)
        return NULL;
    char buf[8];
    snprintf(buf, sizeof buf, "%.3s%.3s", country ? country : "", role ? role : "");
    return evc_arena_strndup(&d->arena, buf, strlen(buf));
}

static evc_status push_gap(sctx *c, const char *kind, size_t t0, size_t t1, const evc_pattern *p)
{
    evc_doc *d = c->d;
    const evc_token *T = d->toks.v;
    const char *text = d->text + T[t0].start;
    size_t len = T[t1 - 1].start + T[t1 - 1].len - T[t0].start;
    for (size_t i = d->gaps.n; i-- > 0 && d->gaps.n - i <= 16 && d->gaps.v[i].sentence_index == d->sents.v[c->s].index;)
        if (strlen(d->gaps.v[i].text) == len && !memcmp(d->gaps.v[i].text, text, len))
            return EVC_OK; /* two patterns of one sentence missed the same words */
    evc_gap *g = EVC_VEC_PUSH(&d->arena, d->gaps);
    if (!g)
        return EVC_ERR_NOMEM;
    g->kind = kind;
    g->text = evc_arena_strndup(&d->arena, text, len);
    g->sentence_index = d->sents.v[c->s].index;
    g->sentence = d->sents.v[c->s].text;
    if (!g->text)
        return EVC_ERR_NOMEM;
    if (p) {
        size_t n = strlen(p->code) + 1 + strlen(p->text ? p->text : "");
        char *pt = evc_arena_alloc(&d->arena, n + 1);
        if (!pt)
            return EVC_ERR_NOMEM;
        snprintf(pt, n + 1, "%s %s", p->code, p->text ? p->text : "");
        g->pattern = pt;
        int group = 0;
        g->code = guess_code(c, t0, t1, &group);
        const evc_mention *m = mention(c, t0);
        g->flags = m && (m->flags & EVC_PH_PERSON) ? "+person" : group ? "+group" : "";
    } else {
        g->key = T[t0].lemma;
    }
    return EVC_OK;
}

/* The actor a matched pattern lacked: its source (in the clause before the
 * verb) or its target (after the matched words). */
static evc_status missing_actor(sctx *c, const evc_pattern *p, size_t lo, size_t start, size_t end, int source)
{
    size_t t0, t1;
    if (!c->d->explain)
        return EVC_OK;
    size_t hi = end + 8 < c->e ? end + 8 : c->e;
    if (!(source ? gap_words(c, lo, start, 1, &t0, &t1) : gap_words(c, end, hi, 0, &t0, &t1)))
        return EVC_OK;
    return push_gap(c, source ? "source" : "target", t0, t1, p);
}

/* A role noun that ends a name the dictionaries lack ("the Nadir Hills
 * Brigades", coded by "Brigades" alone): the whole name is the missing actor. */
static evc_status role_name_gap(sctx *c, int32_t mention_index, const char *kind)
{
    if (!c->why.pattern || mention_index < 0 || (size_t)mention_index >= c->d->mentions.n)
        return EVC_OK;
    const evc_mention *m = &c->d->mentions.v[mention_index];
    if (m->sent != c->s || m->how != EVC_HOW_AGENT || m->ph || m->t0 <= c->b || !name_word(c, m->t0 - 1))
        return EVC_OK;
    size_t a = m->t0 - 1;
    while (a > c->b && (name_word(c, a - 1) || (a - 1 > c->b && name_joint(c, a - 1) && name_word(c, a - 2))))
        a--;
    return push_gap(c, kind, a, m->t1, c->why.pattern);
}

/* In a sentence where no pattern matched: the verbs right after known
 * actors ("Hamas shelled ..."), which the patterns may lack. */
static evc_status unmatched_verbs(sctx *c)
{
    evc_doc *d = c->d;
    const evc_token *T = d->toks.v;
    size_t last = SIZE_MAX;
    for (size_t i = c->b; i < c->e; i++) {
        const evc_mention *m = mention(c, i);
        if (!m || !m->code || possessor(c, m) || prep_object(c, m))
            continue;
        for (size_t k = m->t1; k < c->e && k < m->t1 + 3; k++) {
            const evc_token *t = &T[k];
            if (c->covered[k - c->b] || !(t->flags & EVC_TK_WORD) || (t->flags & EVC_TK_CAP))
                break;
            if (lx(t, BE | MODALS | NEG | EVC_LX_CUE) || evc_is_cue(d, t))
                break;
            if (lx(t, DETS | PREPS | SOFT))
                continue; /* "X also shelled", "X, which ..." */
            static const char *const light[] = {"had", "has", "have", "did", "does", "went", "got", "gets", NULL};
            if (k != last && verb_form(d, t) && !evc_tok_in(d, t, light)) {
                evc_status st = push_gap(c, "verb", k, k + 1, NULL);
                if (st)
                    return st;
                last = k;
            }
            break;
        }
    }
    return EVC_OK;
}

/* The words of tokens [b, e) as TABARI counts them (SET: MINIMUM WORDS):
 * runs between spaces, so "Gondor's" is one. */
static size_t spaced_words(const evc_doc *d, size_t b, size_t e)
{
    size_t n = 0;
    for (size_t k = b; k < e; k++)
        n += k == b || d->toks.v[k].start > d->toks.v[k - 1].start + d->toks.v[k - 1].len;
    return n;
}

/* May token k start a verb pattern? */
static int anchor_at(const sctx *c, size_t k)
{
    return c->anchor[k - c->b][0] || c->anchor[k - c->b][1] || c->anchor[k - c->b][2];
}

/* Is there a verb anchor in tokens [from, to) outside c->aside? */
static int verb_outside(const sctx *c, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++)
        if (anchor_at(c, k) && !(c->aside && c->aside[k - c->b]))
            return 1;
    return 0;
}

/* TABARI's COMMA option: marks in c->aside the clauses set off by commas
 * that it skips, by their words: MIN..MAX between two commas, EMIN..EMAX
 * after the last, BMIN..BMAX before the first. A clause is kept when it
 * holds the sentence's only verbs, and when ", and" or ", or" follows it
 * (a list: "Mordor, the awful Fornost, and Gondor"). Returns 0, or -1 when
 * out of memory. */
static int comma_clauses(sctx *c, const evc_tabari_options *o)
{
    const evc_doc *d = c->d;
    size_t prev = SIZE_MAX; /* the comma before, SIZE_MAX at the start */
    for (size_t k = c->b; k <= c->e; k++) {
        if (k < c->e && !evc_tok_is(d, &d->toks.v[k], ","))
            continue;
        size_t from = prev == SIZE_MAX ? c->b : prev + 1;
        size_t to = k; /* the clause [from, to), between commas or an end */
        if (k == c->e && to > from && (d->toks.v[to - 1].flags & EVC_TK_WORD) == 0)
            to--; /* the full stop */
        int at = prev == SIZE_MAX ? 4 : k == c->e ? 2 : 0; /* its bounds in o->comma */
        size_t n = spaced_words(d, from, to);
        int list = k + 1 < c->e && (evc_tok_is(d, &d->toks.v[k + 1], "and") || evc_tok_is(d, &d->toks.v[k + 1], "or"));
        if ((prev != SIZE_MAX || k < c->e) && to > from && n >= (size_t)o->comma[at] && n <= (size_t)o->comma[at + 1] &&
            !list && (verb_outside(c, c->b, from) || verb_outside(c, k, c->e))) {
            if (!c->aside && !(c->aside = evc_arena_calloc(&c->d->arena, c->e - c->b + 1, 1)))
                return -1;
            memset(c->aside + (from - c->b), 1, to - from);
        }
        prev = k;
    }
    return 0;
}

/* Is token k a verb of the dictionaries: the anchor of a pattern with no
 * other word ("SATISF", "RESTORE"; not "HAS" for "HAS_NO_WISH")? */
static int verb_word(const sctx *c, size_t k)
{
    const evc_ctx *ctx = c->d->ctx;
    for (int r = 0; r < 3; r++) {
        uint64_t v = c->anchor[k - c->b][r];
        for (size_t j = 0; j < (v & 0xffffffffu); j++) {
            const evc_anchor *an = &ctx->anchors[(v >> 32) + j];
            const evc_pattern *p = &ctx->patterns[an->pattern];
            size_t words = 0;
            for (size_t e = 0; e < p->n_elems && words < 2; e++)
                words += ctx->elems[p->elems + e].kind == EVC_PE_WORD;
            if ((r < 2 || an->stem == 1) && words == 1)
                return 1;
        }
    }
    return 0;
}

/* TABARI's COMPLEX option: does the sentence have too many verbs (see
 * verb_word; not after an article or a possessive, right or past one
 * modifier: "the promised aid", "Gondor's dramatic cooperation") or
 * conjunctions (not "and" or "or" between two actors)? */
static int too_complex(const sctx *c, const evc_tabari_options *o)
{
    const evc_doc *d = c->d;
    const evc_token *T = d->toks.v;
    int verbs = 0, conj = 0;
    for (size_t k = c->b; k < c->e; k++) {
        if (c->covered[k - c->b] || (c->aside && c->aside[k - c->b]))
            continue;
        if (anchor_at(c, k) && verb_word(c, k)) {
            int noun = 0;
            for (size_t j = k; j > c->b && k - j < 2 && !noun; j--) {
                noun = lx(&T[j - 1], DETS | EVC_LX_POSS) || evc_tok_is(d, &T[j - 1], "'s");
                if (j < k && (anchor_at(c, j) || c->covered[j - c->b] || !(T[j].flags & EVC_TK_WORD)))
                    noun = 0; /* the word between is a verb, an actor or punctuation */
            }
            verbs += !noun;
        } else if (evc_tok_is(d, &T[k], "but")) {
            conj++;
        } else if (evc_tok_is(d, &T[k], "and") || evc_tok_is(d, &T[k], "or")) {
            conj += !(k > c->b && k + 1 < c->e && c->covered[k - 1 - c->b] &&
                      (c->covered[k + 1 - c->b] || (k + 2 < c->e && lx(&T[k + 1], DETS) && c->covered[k + 2 - c->b])));
        }
    }
    return (o->complex_verbs && verbs >= o->complex_verbs) || (o->complex_conj && conj >= o->complex_conj);
}

/* TABARI's forwarding: the source of a verb with no actor before it but a
 * subject pronoun ("He has also asked X", "In a later statement it
 * promised") is the first actor of the sentence before, by the code of its
 * actor (no agent: "Fornost President Umbardacil" forwards FOR); NULL when
 * none. */
static const char *forwarded(sctx *c, size_t lo, size_t i)
{
    evc_doc *d = c->d;
    const evc_token *T = d->toks.v;
    int pronoun = 0;
    for (size_t k = lo; k < i && !pronoun; k++)
        pronoun = !c->covered[k - c->b] && lx(&T[k], EVC_LX_SUBJ) && !evc_tok_is(d, &T[k], "i") &&
                  !evc_tok_is(d, &T[k], "we");
    if (!pronoun || c->s == 0)
        return NULL;
    for (size_t mi = d->sent_mention0.v[c->s - 1]; mi < d->sent_mention0.v[c->s]; mi++) {
        const evc_mention *m = &d->mentions.v[mi];
        if (!usable(c, m))
            continue;
        const evc_phrase *ph = m->ph ? &d->ctx->phrases[m->ph - 1] : NULL;
        const char *code = ph && !(ph->flags & EVC_PH_PERSON) ? evc_phrase_code(d->ctx, ph, d->published) : NULL;
        const char *n;
        return code ? code : mcode(c, m, &n);
    }
    return NULL;
}

/* TABARI's DEFAULT option for the act `code` at anchor i with the actors
 * found (src before the verb, tgt after it; either may be NULL). Without
 * PRIOR, a missing source is the first actor after the verb; without AFTER,
 * a missing target is the last member of a compound source; what is still
 * missing takes its default code (under CODE ALL, the source or target of
 * the sentence's first act). Sets *done when it coded the act; leaves it 0
 * when both actors were there as found, or one is missing with no default
 * (the act is then coded as without the option). */
static evc_status tabari_default(sctx *c, const evc_pattern *p, const char *code, const evc_mention *src,
                                 const evc_mention *tgt, const char *fwd, size_t i, long date, int *done)
{
    const evc_tabari_options *o = &c->d->ctx->tabari;
    const char *ds = o->default_source[0] ? o->default_source : NULL;
    const char *dt = o->default_target[0] ? o->default_target : NULL;
    if (o->code_by == EVC_TABARI_CODE_ALL && c->d->events.n > c->n_events) { /* CODE ALL: the sentence's first act's */
        ds = c->d->events.v[c->n_events].source;
        dt = c->d->events.v[c->n_events].target;
    }
    if (fwd && !src)
        ds = fwd; /* a pronoun, forwarded */
    const evc_mention *ss[4], *tt[4];
    size_t ns = src ? compound(c, src, ss, 4, 0, i) : 0, nt = tgt ? compound(c, tgt, tt, 4, 1, i) : 0;
    int moved = 0;
    *done = 0;
    if (!ns && nt && ds && !o->default_prior && !(fwd && !src)) {
        ss[ns++] = tt[0];
        memmove(tt, tt + 1, --nt * sizeof *tt);
        moved = 1;
    }
    if (!nt && ns > 1 && dt && !o->default_after) {
        tt[nt++] = ss[--ns];
        moved = 1;
    }
    if ((!moved && ns && nt) || (!ns && !ds) || (!nt && !dt))
        return EVC_OK;
    *done = 1;
    c->why.rule = "TABARI's DEFAULT option: a source or target not named takes its default code";
    for (size_t a = 0; a < (ns ? ns : 1); a++)
        for (size_t b = 0; b < (nt ? nt : 1); b++) {
            const char *sn = "(default source)", *tn = "(default target)";
            const char *sc = ns ? mcode(c, ss[a], &sn) : ds, *tc = nt ? mcode(c, tt[b], &tn) : dt;
            c->why.src = ns ? (int32_t)(ss[a] - c->d->mentions.v) : -1;
            c->why.tgt = nt ? (int32_t)(tt[b] - c->d->mentions.v) : -1;
            evc_status st = emit_codes(c, code, sc, sn, tc, tn, date);
            if (!st && p->code2) /* a peer pair: "left for" visits, the host receives */
                st = emit_codes(c, p->code2, tc, tn, sc, sn, date);
            if (st)
                return st;
        }
    return EVC_OK;
}

/* Does token k join a new clause ("..., and promised aid", "; but")? Not
 * "and" between two actors ("Fornost and Gondor"). */
static int clause_joint(const sctx *c, size_t k)
{
    const evc_doc *d = c->d;
    const evc_token *T = d->toks.v;
    if (evc_tok_is(d, &T[k], ";") || evc_tok_is(d, &T[k], "but"))
        return 1;
    if (!evc_tok_is(d, &T[k], "and") && !evc_tok_is(d, &T[k], "or"))
        return 0;
    if (k + 1 < c->e && c->covered[k + 1 - c->b])
        return actor_after_and(c, k);
    return k + 1 < c->e && !c->covered[k + 1 - c->b] && !lx(&T[k + 1], DETS);
}

/* Drops the events [n0, ...) marked in `weak` when some other event of the
 * sentence is not: TABARI's "SAID [023?]" codes a sentence that has no other verb. */
static void drop_weak(evc_doc *d, size_t n0, uint64_t weak)
{
    size_t n = d->events.n - n0 < 64 ? d->events.n - n0 : 64;
    if (weak == (n == 64 ? ~0ULL : ((uint64_t)1 << n) - 1))
        return;
    int why = evc_explained(d);
    size_t o = n0;
    for (size_t k = n0; k < d->events.n; k++) {
        if (k - n0 < 64 && (weak >> (k - n0) & 1))
            continue;
        d->events.v[o] = d->events.v[k];
        if (why)
            d->why.v[o] = d->why.v[k];
        o++;
    }
    d->events.n = o;
    if (why)
        d->why.n = o;
}

int evc_yes_no_question(const evc_doc *d, size_t s)
{
    if (d->ctx->peer == EVC_PEER_TABARI)
        return 0; /* TABARI codes questions as any sentence */
    const evc_sent *se = &d->sents.v[s];
    size_t b = se->tok0, e = se->tok0 + se->ntok;
    while (e > b && !(d->toks.v[e - 1].flags & EVC_TK_WORD) && !evc_tok_is(d, &d->toks.v[e - 1], "?"))
        e--; /* a closing quotation mark */
    while (b < e && !(d->toks.v[b].flags & EVC_TK_WORD))
        b++;
    static const char *const aux[] = {"will", "would", "could", "can", "should", "shall", "may", "might", "must",
                                      "did", "does", "do", "is", "are", "was", "were", "has", "have", "had", NULL};
    return e > b + 2 && evc_tok_is(d, &d->toks.v[e - 1], "?") && evc_tok_in(d, &d->toks.v[b], aux);
}

evc_status evc_code_sentence(evc_doc *d, size_t s, long date, long speech_date)
{
    const evc_sent *se = &d->sents.v[s];
    sctx c = {.d = d, .s = s, .b = se->tok0, .e = se->tok0 + se->ntok, .tabari = d->ctx->peer == EVC_PEER_TABARI};
    if ((d->ctx->opts.min_sentence_words && (int)se->ntok < d->ctx->opts.min_sentence_words) || se->discard ||
        d->story_discard || evc_yes_no_question(d, s) ||
        (c.tabari && spaced_words(d, c.b, c.e) < (size_t)d->ctx->tabari.min_words))
        return EVC_OK;
    c.mstart = evc_arena_calloc(&d->arena, se->ntok + 1, sizeof *c.mstart);
    c.covered = evc_arena_calloc(&d->arena, se->ntok + 1, 1);
    uint64_t(*runs)[3] = evc_arena_calloc(&d->arena, se->ntok + 1, sizeof *runs);
    if (!c.mstart || !c.covered || !runs)
        return EVC_ERR_NOMEM;
    /* one probe per token and key: the runs serve both as "may start a
     * verb" and as the candidate patterns below */
    /* the words of the sentence, forms and lemmas, in a 512-bit Bloom filter:
     * a pattern whose needed word is not in it cannot match */
    uint64_t seen[8] = {0};
    for (size_t i = c.b; i < c.e; i++) {
        const evc_token *t = &d->toks.v[i];
        seen_add(seen, t->h);
        seen_add(seen, t->lemma);
        if (!(t->flags & EVC_TK_WORD) || evc_state_noun(d, t))
            continue;
        const uint64_t *v = evc_htab_get(&d->ctx->verb_index, t->lemma);
        runs[i - c.b][0] = v ? *v : 0;
        v = t->h != t->lemma ? evc_htab_get(&d->ctx->verb_index, t->h) : NULL;
        runs[i - c.b][1] = v ? *v : 0;
        if (d->ctx->verb_stem_lens && !runs[i - c.b][0] && !runs[i - c.b][1])
            runs[i - c.b][2] = stem_run(d->ctx, evc_tok_text(d, t), t->len);
    }
    c.anchor = (const uint64_t(*)[3])runs;
    size_t m0 = d->sent_mention0.v[s], m1 = s + 1 < d->sent_mention0.n ? d->sent_mention0.v[s + 1] : d->mentions.n;
    for (size_t i = m0; i < m1; i++) {
        const evc_mention *m = &d->mentions.v[i];
        if (!c.mstart[m->t0 - c.b])
            c.mstart[m->t0 - c.b] = (int32_t)(i + 1);
        for (size_t k = m->t0; k < m->t1; k++)
            c.covered[k - c.b] = 1;
    }
    if (c.tabari && !d->ctx->tabari.comma_off && comma_clauses(&c, &d->ctx->tabari))
        return EVC_ERR_NOMEM;
    if (c.tabari && too_complex(&c, &d->ctx->tabari))
        return EVC_OK;
    c.subject = first_subject(&c);
    const evc_ctx *ctx = d->ctx;
    /* a peer actor coded "###" (on this date) discards its sentence; one
     * coded "+++" makes it too complex to code (TABARI); ours code neither */
    for (size_t i = m0; d->ctx->peer && i < m1; i++) {
        const char *code = d->mentions.v[i].code;
        if (code && (!strcmp(code, "###") || !strcmp(code, "+++")))
            return EVC_OK;
    }
    size_t n_events = d->events.n;
    c.n_events = n_events;
    const evc_token *T = d->toks.v;
    int matched = 0; /* some pattern matched (explaining: else the verbs are gaps) */
    int tabari = c.tabari; /* TABARI's coding conventions apply */
    /* TABARI: a clause codes its first verb only (SET: CODE BY CLAUSE), a
     * sentence its first (BY SENTENCE), or every verb is coded (CODE ALL) */
    int code_by = tabari ? ctx->tabari.code_by : EVC_TABARI_CODE_ALL;
    int coding_verb = 0; /* a verb that codes came before (TABARI's NOACTPRIOR) */
    int clause_coded = 0;
    for (size_t i = c.b; i < c.e; i++) {
        if (clause_coded && code_by == EVC_TABARI_CODE_BY_CLAUSE && clause_joint(&c, i))
            clause_coded = 0;
        if (clause_coded && code_by == EVC_TABARI_CODE_BY_SENTENCE)
            break;
        /* a role noun used as a modifier may start a pattern: "terrorist attack" */
        if ((c.covered[i - c.b] && !agent_only(&c, i)) || !(T[i].flags & EVC_TK_WORD))
            continue;
        /* past a clause's coded verb or inside a skipped comma clause, a
         * peer pattern may still discard the sentence ("###"; not "+++",
         * which only a verb that is reached finds too complex) */
        int stop_only = clause_coded || (c.aside && c.aside[i - c.b]);
        const evc_pattern *best = NULL;
        const evc_mention *best_tgt = NULL, *best_src = NULL;
        size_t best_end = 0, best_start = i, best_len = 0;
        int best_partial = 0, best_k = 0, best_prefixes = 0;
        size_t next = after_adjuncts(&c, i + 1), next2 = SIZE_MAX;
        /* a passive participle may have its pattern's object noun as subject */
        int noun_passive = !ctx->peer && i >= c.b + 2 && lx(&T[i - 1], BE) && is_participle(d, &T[i]);
        /* or "journalists detained by Iran": after the noun it tells of
         * (found when first needed) */
        int bare_passive = noun_passive ? 1 : ctx->peer ? 0 : -1;
        const evc_pattern *hits[8]; /* patterns that matched here */
        const evc_pattern *between = NULL; /* the first of them for acts between a compound's members ("% *") */
        size_t n_hits = 0;
        for (int k = 0; k < 3; k++) {
            uint64_t v = c.anchor[i - c.b][k]; /* start << 32 | count, 0 when none */
            for (size_t j = 0; j < (v & 0xffffffffu); j++) {
                const evc_anchor *an = &ctx->anchors[(v >> 32) + j];
                if (!seen_all(seen, an) || (k == 2 && an->stem != 1) ||
                    (k == 0 && an->stem == 2 && T[i].lemma != T[i].h)) /* "BAN=" is not "baning" */
                    continue;
                const evc_pattern *p = &ctx->patterns[an->pattern];
                if (stop_only && strcmp(p->code, "###"))
                    continue;
                const evc_mention *tgt, *src = NULL;
                size_t end, start = i, len = p->n_elems;
                int partial = 0, prefixes = 0;
                if (p->loose) {
                    if (!match_loose(&c, p, i, &start, &end, &src, &tgt, &prefixes))
                        continue;
                } else {
                    end = match_at(&c, p, i, next, &next2, &tgt, &src, &partial);
                    if (!end && noun_passive)
                        end = match_noun_passive(&c, p, i, next, &start, &tgt, &src, &partial);
                    /* "Bout was released by the United States": a verb's
                     * object is the subject of its passive (found below) */
                    if (!end && bare_passive && !p->n_pre && p->n_elems == 2 &&
                        ctx->elems[p->elems + 1].kind == EVC_PE_TARGET) {
                        if (bare_passive < 0)
                            bare_passive = i > c.b && c.covered[i - 1 - c.b] && i + 1 < c.e &&
                                           evc_tok_is(d, &T[i + 1], "by") && is_participle(d, &T[i]);
                        end = bare_passive ? i + 1 : 0;
                    }
                    if (end && start < i)
                        len++; /* over a pattern of the participle alone ("sanction" in "Sanctions were imposed") */
                    len -= partial ? 2 : 0; /* a whole match of a shorter pattern wins */
                }
                if (end && !p->loose && n_hits < 8)
                    hits[n_hits++] = p;
                if (end && p->compound == 1 && !between)
                    between = p;
                /* of two as long, one written for the word's own form
                 * wins over one reached through its lemma ("LEFT_" over
                 * "LEAVE" for "left"), one with a word over one with a
                 * synset ("* DOLLAR" over "* &CURRENCY"), a whole match over
                 * one without its "with *", one with fewer words matched by a
                 * stem ("RESISTANCE TO THE INVADING" over "RESIST TO THE END") */
                if (end && (!best || len > best_len || (len == best_len && k == 1 && best_k == 0) ||
                            (len == best_len && best_partial && !partial) ||
                            (len == best_len && ctx->peer && synset_word(best) && !synset_word(p)) ||
                            (len == best_len && p->loose && prefixes < best_prefixes))) {
                    best_prefixes = prefixes;
                    best_k = k;
                    best = p;
                    best_len = len;
                    best_partial = partial;
                    best_end = end;
                    best_start = start;
                    best_tgt = tgt;
                    best_src = src;
                }
            }
        }
        if (!best)
            continue;
        matched = 1;
        c.why = (evc_why){.pattern = best, .anchor = (uint32_t)i, .src = -1, .tgt = -1};
        /* the first act after "denied that" is the act denied */
        int denied = c.deny_end && i >= c.deny_from && i < c.deny_end;
        if (c.deny_end && i >= c.deny_from)
            c.deny_end = 0;
        /* a peer pattern that discards its sentence (###) or finds it too complex (+++) */
        if (!strcmp(best->code, "###") || !strcmp(best->code, "+++")) {
            d->events.n = n_events;
            d->why.n = d->why.n > n_events ? n_events : d->why.n;
            trace(&c, i, best, "skip: the pattern discards its sentence (### or +++)", NULL, NULL);
            return EVC_OK;
        }
        /* "urged Washington to stop arming Taiwan": an act asked for is not
         * done; the appeal is coded, the act not */
        if (!ctx->peer && c.asked_end == i) {
            trace(&c, i, best, "skip: an act asked for (\"urged X to ...\")", NULL, NULL);
            i = best_end > i ? best_end - 1 : i;
            continue;
        }
        if (!strcmp(best->code, "---")) {
            trace(&c, i, best, "null code", NULL, NULL);
            i = best_end > i ? best_end - 1 : i; /* a peer pattern that codes nothing */
            continue;
        }
        if (ctx->peer && !tabari && after_det(&c, i)) { /* "postponed their meeting" */
            trace(&c, i, best, "skip: PETRARCH codes verbs, not nouns", NULL, NULL);
            continue;
        }
        /* "to release the detained journalists": a participle between an
         * article and its noun describes the noun; the act is told elsewhere */
        if (!ctx->peer && best_start == i && i > c.b && i + 1 < c.e && lx(&T[i - 1], EVC_LX_DET) &&
            is_participle(d, &T[i]) && (T[i + 1].flags & EVC_TK_WORD) && !lx(&T[i + 1], PREPS | DETS) &&
            !evc_tok_is(d, &T[i + 1], "by")) {
            trace(&c, i, best, "skip: a participle describing the noun after it", NULL, NULL);
            continue;
        }
        /* "an aid convoy", "sent attack helicopters": an act word before a
         * vehicle, weapon or team names what that is for; no act is told */
        if (!ctx->peer && best_start == i && i + 1 < c.e && modifier_act(&c, best, i)) {
            trace(&c, i, best, "skip: an act word naming what the vehicle or weapon after it is for", NULL, NULL);
            continue;
        }
        /* TABARI: a word right after an article is a noun ("about the
         * restore"), as is one with "'s" ("donate's"); one written with a
         * capital inside the sentence is a name ("about To Restore") */
        if (tabari && best_start == i &&
            ((i > c.b && (evc_tok_in(d, &T[i - 1], ARTICLES) ||
                          ((T[i].flags & EVC_TK_CAP) && !(T[i].flags & EVC_TK_ALLCAPS)))) ||
             (i + 1 < c.e && evc_tok_is(d, &T[i + 1], "'s") && T[i + 1].start == T[i].start + T[i].len))) {
            trace(&c, i, best, "skip: a noun after an article, or a name (TABARI)", NULL, NULL);
            continue;
        }
        /* TABARI's COMPLEX: NOACTPRIOR: no actor before the first verb that codes */
        if (tabari && ctx->tabari.complex_noactprior && !coding_verb) {
            int prior = 0;
            for (size_t k = c.b; k < i && !prior; k++)
                prior = mention(&c, k) && usable(&c, mention(&c, k));
            if (!prior && !forwarded(&c, c.b, i)) { /* a forwarded pronoun is an actor */
                trace(&c, i, best, "skip: too complex, no actor before the first verb (TABARI's COMPLEX)", NULL, NULL);
                d->events.n = n_events;
                d->why.n = d->why.n > n_events ? n_events : d->why.n;
                return EVC_OK;
            }
        }
        coding_verb = 1;
        /* "X poses a threat", "X represents a threat": a characterisation by
         * the writer or a speaker (see threats()), not an act of X */
        if (characterisation(&c, best, i)) {
            trace(&c, i, best, "skip: a characterisation", NULL, NULL);
            continue;
        }
        /* "warned that ...", "warned the threat of ...": speech, coded by the
         * clause it reports and by threats() */
        if (evc_is_cue(d, &T[i]) && i + 1 < c.e &&
            (evc_tok_is(d, &T[i + 1], "that") ||
             (i + 2 < c.e && lx(&T[i + 1], DETS) && T[i + 2].lemma == evc_hash("threat", 6)))) {
            trace(&c, i, best, "skip: reported speech", NULL, NULL);
            continue;
        }
        /* "what he called treasonous attacks": a naming, not a call */
        if (!ctx->peer && i >= c.b + 2 && naming(&c, i - 2)) {
            trace(&c, i, best, "skip: a naming (\"what he called\")", NULL, NULL);
            continue;
        }
        clause cl = clause_of(&c, i);
        int negated = !tabari && preceded_by(&c, cl.lo, best_start, 3, NEG); /* TABARI: its patterns say ("NOT *") */
        if (!ctx->peer && !negated && refused(&c, cl.lo, best_start)) {
            trace(&c, i, best, "skip: the act of a refusal or a failure", NULL, NULL);
            continue;
        }
        const char *unsaid = negated ? pico_negation(ctx, best->code) : NULL;
        if ((negated && !unsaid) || hypothetical(&c, cl.lo, i) ||
            (!ctx->peer && code_root(best->code) >= 15 && code_root(best->code) <= 20 && aimed_at(&c, i))) { /* force */
            trace(&c, i, best, "skip: negated or hypothetical", NULL, NULL);
            continue;
        }
        const char *code = unsaid ? unsaid : best->code;
        if (unsaid)
            c.why.rule = "a negated act, as UD-PETRARCH's ontology codes it (its value less 0xFFFF)";
        /* "launched two drone strikes against": the longest match names the
         * target, a shorter one of the same root may name the act more
         * exactly (195, not 190) */
        if (!ctx->peer && strlen(code) == 3 && code[2] == '0')
            for (size_t h = 0; h < n_hits; h++)
                if (hits[h] != best && hits[h]->n_elems > 1 && !strncmp(hits[h]->code, code, 2) &&
                    strcmp(hits[h]->code, code) && hits[h]->code[2] != '0') { /* not "shoot" in "shoot down" */
                    code = hits[h]->code;
                    c.why.rule = "a shorter pattern of the same root names the act more exactly";
                    break;
                }
        int threatened = 0;   /* a coercive act promised: "X would be punished" */
        int future_after = 0; /* "the evacuation ... would continue" */
        for (size_t k = best_end; k < c.e && k < best_end + 6 && !evc_tok_is(d, &T[k], "that") &&
                                  !evc_tok_is(d, &T[k], ",");
             k++) /* not "said during a meeting with X that the US would help" */
            if (evc_tok_is(d, &T[k], "will") || evc_tok_is(d, &T[k], "would"))
                future_after = 1;
        if (!ctx->peer && (preceded_by(&c, cl.lo, i, 12, MODALS) || preceded_by(&c, cl.lo, i, 16, EVC_LX_ABILITY) ||
                      (future_after && is_nominal(&c, i)))) {
            /* "would cut aid if ...", "warned it would expel ...": a threat */
            const char *threat = threat_code(code);
            if (threat && (conditioned(&c, i, best_end) || (cl.cue != SIZE_MAX && evc_tok_in(d, &T[cl.cue], WARNS)))) {
                code = threat;
                threatened = 1;
                c.why.rule = "a coercive act promised on a condition or as a warning: a threat (13x)";
            } else {
                code = intent_code(code);
                if (strcmp(code, best->code))
                    c.why.rule = "a modal, future or ability verb: the threat or intent to act (13x, 03x), not the act";
            }
        }
        /* passive: "was attacked by X" */
        int passive = i > c.b && !c.covered[i - 1 - c.b] && lx(&T[i - 1], BE) && is_participle(d, &T[i]);
        /* "missiles supplied by the United States": a participle with its agent */
        const evc_mention *patient = NULL; /* "journalists detained by Iran": the noun it follows */
        if (!passive && is_participle(d, &T[i]) && i + 1 < c.e && evc_tok_is(d, &T[i + 1], "by")) {
            size_t j = i + 2; /* an actor after "by": not "spoke by phone" */
            while (j < c.e && lx(&T[j], DETS))
                j++;
            passive = j < c.e && mention(&c, j) && usable(&c, mention(&c, j));
            for (size_t k = c.b; passive && k < i; k++) {
                const evc_mention *m = mention(&c, k);
                if (m && m->t1 == i && usable(&c, m))
                    patient = m;
            }
        }
        if (!passive && i > c.b + 1 && !c.covered[i - 2 - c.b] && lx(&T[i - 2], BE) &&
            is_participle(d, &T[i]) &&
            (T[i - 1].flags & EVC_TK_WORD) && T[i - 1].len > 2 && !memcmp(evc_tok_text(d, &T[i - 1]) + T[i - 1].len - 2, "ly", 2))
            passive = 1;
        /* "is committed to working with", "are determined to": a state of
         * the subject, who acts, not a passive */
        static const char *const stative[] = {"committed", "determined", "prepared", "dedicated", "poised",
                                              "resolved", NULL};
        if (passive && evc_tok_in(d, &T[i], stative) && i + 1 < c.e && evc_tok_is(d, &T[i + 1], "to"))
            passive = 0;
        const evc_mention *subj = best_src, *obj = best_tgt, *by = NULL;
        const char *src_rule = subj ? "the pattern's source slot" : NULL;
        const char *tgt_rule = obj ? "the pattern's target slot" : NULL;
        for (size_t k = i + 1; !obj && k < best_end; k++)
            if (mention(&c, k) && usable(&c, mention(&c, k)) && !attributive(&c, mention(&c, k))) {
                obj = mention(&c, k); /* "evacuate American citizens": the object inside the pattern */
                tgt_rule = "the actor inside the matched words";
            }
        /* TABARI: a verb is a verb; "what they called attacks by the
         * Taliban": a plural act noun before its agent is one too */
        int nominal = !best_src && !tabari &&
                      (is_nominal(&c, i) || (!ctx->peer && by_agent_noun(&c, i)));
        /* "suspended development aid and budget support to Niger": an act
         * named after "and" right where the words of the act just coded
         * end is more of its object, coded with it */
        if (!best_src && !ctx->peer && c.last_src && c.last_end > c.b && !c.covered[c.last_end - 1 - c.b] &&
            !verb_form(d, &T[i])) {
            size_t k = best_start;
            while (k > c.b + 1 && best_start - k < 2 && !c.covered[k - 1 - c.b] && (T[k - 1].flags & EVC_TK_WORD) &&
                   !(T[k - 1].flags & EVC_TK_CAP) && !evc_tok_is(d, &T[k - 1], "and") && !lx(&T[k - 1], DETS | PREPS))
                k--;
            if (k > c.b && evc_tok_is(d, &T[k - 1], "and") && c.last_end == k - 1) {
                trace(&c, i, best, "skip: more of the object of the act just coded", NULL, NULL);
                continue;
            }
        }
        if (nominal) {
            /* "the Taliban's attack", "a US strike": the actor right before */
            size_t k = i;
            while (k > c.b && !c.covered[k - 1 - c.b] && (T[k - 1].flags & EVC_TK_WORD) &&
                   !(T[k - 1].flags & EVC_TK_CAP) && !lx(&T[k - 1], DETS) && i - k < 2)
                k--;
            if (k > c.b && (evc_tok_is(d, &T[k - 1], "'s") || evc_tok_is(d, &T[k - 1], "'")))
                k--;
            for (size_t mi = c.b; k > c.b && mi < k; mi++) {
                const evc_mention *m = mention(&c, mi);
                if (m && m->t1 == k && usable(&c, m)) {
                    subj = m;
                    src_rule = "the actor right before the act (\"a US strike\", \"the Taliban's attack\")";
                }
            }
            /* "that group's terrorist attacks": the possessor before a role modifier */
            if (subj && (subj->flags & EVC_PH_AGENT) && subj->t0 > c.b + 1 &&
                (evc_tok_is(d, &T[subj->t0 - 1], "'s") || evc_tok_is(d, &T[subj->t0 - 1], "'")))
                for (size_t mi = c.b; mi < subj->t0 - 1; mi++) {
                    const evc_mention *m = mention(&c, mi);
                    if (m && m->t1 == subj->t0 - 1 && usable(&c, m)) {
                        subj = m;
                        src_rule = "the possessor before a role word (\"that group's terrorist attacks\")";
                    }
                }
            if (subj && subj->t1 > i)
                subj = NULL; /* the anchor itself was the modifier */
            if (!subj) { /* "the attack on X by Y", "a request from Y" */
                for (size_t k2 = best_end; k2 + 1 < c.e && k2 < best_end + 6; k2++)
                    if (evc_tok_is(d, &T[k2], "by") || (k2 == best_end && said_from(&c, k2))) {
                        size_t j = k2 + 1;
                        while (j < c.e && lx(&T[j], DETS))
                            j++;
                        if (j < c.e && mention(&c, j) && usable(&c, mention(&c, j))) {
                            subj = mention(&c, j);
                            src_rule = "the 'by' or 'from' agent of the act (\"the attack on X by Y\", \"a request from Y\")";
                        }
                        break;
                    }
            }
            /* "during his visit to Israel", "condemned Israel for its strikes":
             * after a preposition (a light verb's subject acts: "began their
             * exercises"), a possessive pronoun is the nearest person (his,
             * her) or body (its, their) before it */
            if (!subj && k > c.b + 2 && lx(&T[k - 1], EVC_LX_POSS) && lx(&T[k - 2], PREPS)) {
                int person = evc_tok_is(d, &T[k - 1], "his") || evc_tok_is(d, &T[k - 1], "her");
                for (size_t mi = k - 1; mi-- > c.b && !subj;) {
                    const evc_mention *m = mention(&c, mi);
                    if (m && usable(&c, m) &&
                        !(m->flags & EVC_PH_PERSON) == !person) {
                        subj = m;
                        src_rule = "the owner a possessive pronoun refers to (\"during his visit\")";
                    }
                }
            }
            /* "launched a drone strike": the subject of the light verb acts;
             * "behind the attack", "for the attack": no actor, no event */
            size_t det = k;
            while (det > c.b && !c.covered[det - 1 - c.b] && !lx(&T[det - 1], DETS) && i - det < 3)
                det--;
            /* the light verb before the article: "launched a strike"; or
             * before a quantity: "launched one of its largest drone attacks",
             * "carried out a series of strikes" */
            static const char *const quantity[] = {"one", "some", "series", "wave", "string", "spate",
                                                   "number", "round", "barrage", NULL};
            size_t lv = 0; /* none: a light verb has a subject before it, so lv > c.b */
            if (det > c.b + 1 && lx(&T[det - 1], DETS)) {
                lv = det - 2;
                if (det > c.b + 3 && evc_tok_is(d, &T[det - 2], "of") && evc_tok_in(d, &T[det - 3], quantity)) {
                    size_t q = det - 3;
                    lv = q > c.b + 1 && lx(&T[q - 1], DETS) ? q - 2 : q > c.b ? q - 1 : 0;
                }
            } else {
                /* before a sum: "announced 100 million dollars in humanitarian
                 * assistance", "sent $5 million worth of aid" */
                size_t q = i;
                while (q > c.b && i - q < 3 && !c.covered[q - 1 - c.b] && !evc_tok_is(d, &T[q - 1], "in") &&
                       !evc_tok_is(d, &T[q - 1], "of"))
                    q--;
                if (q > c.b && (evc_tok_is(d, &T[q - 1], "in") || evc_tok_is(d, &T[q - 1], "of"))) {
                    q--;
                    if (q > c.b && evc_tok_is(d, &T[q - 1], "worth"))
                        q--;
                    size_t a = q;
                    int digits = 0;
                    while (a > c.b && q - a < 6 && !c.covered[a - 1 - c.b] && amount_word(d, &T[a - 1])) {
                        a--;
                        digits |= (T[a].flags & EVC_TK_NUM) != 0;
                    }
                    if (digits && a > c.b + 1)
                        lv = a - 1;
                }
            }
            /* "would respond to any attack on its citizens": an act that may
             * come, not one that came */
            if ((i > c.b && evc_tok_in(d, &T[i - 1], ANY)) ||
                (i > c.b + 1 && !c.covered[i - 1 - c.b] && evc_tok_in(d, &T[i - 2], ANY))) {
                trace(&c, i, best, "skip: a nominal act that may come (\"any attack\")", NULL, NULL);
                continue;
            }
            /* "X, on a visit to Y,", "X said in a phone call with Y": a
             * trip's traveller, a call's caller is the subject */
            int on_trip = lv > c.b && code[0] == '0' && code[1] == '4' &&
                          (evc_tok_is(d, &T[lv], "on") || evc_tok_is(d, &T[lv], "in") || evc_tok_is(d, &T[lv], "during"));
            int light = lv > c.b && (T[lv].flags & EVC_TK_WORD) && !(T[lv].flags & EVC_TK_CAP) && !c.covered[lv - c.b] &&
                        (!lx(&T[lv], PREPS) || on_trip) && !lx(&T[lv], SOFT) && !lx(&T[lv], DETS) && !evc_tok_is(d, &T[lv], "and") &&
                        !evc_tok_is(d, &T[lv], "once") && !evc_tok_is(d, &T[lv], "if") && !evc_tok_is(d, &T[lv], "that") &&
                        !comments_on(&c, lv);
            if (!subj && !light) {
                trace(&c, i, best, "skip: a nominal act without its actor", NULL, NULL);
                note_nominal(&c, code, i, best_end);
                continue;
            }
            /* "has not joined the sanctions": the light verb negated */
            if (!subj && light && preceded_by(&c, cl.lo, lv, 3, NEG)) {
                trace(&c, i, best, "skip: its light verb is negated", NULL, NULL);
                continue;
            }
            /* "pledged $5 million in aid", "announced new aid": aid
             * promised, not yet given (033x) */
            static const char *const pledges[] = {"pledge", "pledges", "pledged", "promise", "promises", "promised",
                                                  "announce", "announces", "announced", "offer", "offers",
                                                  "offered", NULL};
            if (!subj && light && code[0] == '0' && code[1] == '7' && evc_tok_in(d, &T[lv], pledges)) {
                code = intent_code(code);
                c.why.rule = "aid pledged or announced: the intent to give it (033x)";
            }
        }
        /* a subject stands within 20 words of its verb (TABARI: anywhere before it) */
        size_t lo = cl.lo + 20 < i && !tabari ? i - 20 : cl.lo;
        lo = after_condition(&c, lo, i);          /* "If X attacks, Y will ..." */
        size_t hi = i;
        if (tabari && best_start < i) { /* "$ SUGGESTED + *": before the pattern's words */
            hi = best_start;
            lo = clause_of(&c, best_start).lo;
        }
        /* "Washington designated them as terrorists and threatened to ...":
         * a verb right after "and" shares the subject of the act before */
        if (!subj && !nominal && !tabari && i > c.b && evc_tok_is(d, &T[i - 1], "and") && c.last_src &&
            c.last_end <= i) {
            subj = c.last_src;
            src_rule = "the subject of the act before \"and\" (\"X designated them ... and threatened ...\")";
        }
        /* "X urged Y to calm down and then she asked Z": a pronoun right
         * before the verb is its subject, not the first actor of the clause */
        if (!subj && !nominal && !tabari) {
            size_t k = i;
            static const char *const adverbs[] = {"then", "also", "later", "again", "now", "quickly", "since", NULL};
            while (k > lo + 1 && evc_tok_in(d, &T[k - 1], adverbs))
                k--;
            const evc_mention *m = k > lo ? mention(&c, k - 1) : NULL; /* a pronoun is one word */
            if (m && m->t1 == k && m->how == EVC_HOW_PRONOUN && usable(&c, m) &&
                !(m->flags & EVC_MN_FIRST_PERSON)) {
                subj = m;
                src_rule = "the pronoun right before the verb (\"and then she asked\")";
                /* "X urged Y ... and then he asked": after "and", the
                 * subject goes on (when the pronoun fits it) */
                uint32_t g = EVC_PH_MALE | EVC_PH_FEMALE;
                size_t a = m->t0;
                while (a > c.b + 1 && evc_tok_in(d, &T[a - 1], adverbs))
                    a--; /* "and then he" */
                uint32_t gl = c.last_src && c.last_src->person >= 0 ? d->people.v[c.last_src->person].flags & g : 0;
                uint32_t gm = m->person >= 0 ? d->people.v[m->person].flags & g : 0;
                if (a > c.b && evc_tok_is(d, &T[a - 1], "and") && c.last_src != m && gl && gl == gm) {
                    subj = c.last_src;
                    src_rule = "a pronoun after \"and\": the subject of the clause before";
                }
            }
        }
        /* "Bout, who was released by X", "Hamas, which attacked": a relative
         * clause's subject is the noun its pronoun follows; when that is no
         * actor, the clause has none */
        int relative = 0;
        if (!subj && !nominal && !tabari) {
            static const char *const rel[] = {"who", "which", "that", NULL};
            static const char *const aux[] = {"has", "have", "had", "been", "being", "also", NULL};
            size_t k = i;
            while (k > lo + 1 && (lx(&T[k - 1], BE) || evc_tok_in(d, &T[k - 1], aux)))
                k--;
            if (k > lo + 1 && k < i && evc_tok_in(d, &T[k - 1], rel) && !c.covered[k - 1 - c.b]) {
                size_t a = k - 1;
                static const char *const marks[] = {",", "-", "--", "\xE2\x80\x93", "\xE2\x80\x94", NULL};
                while (a > c.b + 1 && k - 1 - a < 2 && evc_tok_in(d, &T[a - 1], marks))
                    a--; /* ", who", "-- which" */
                const evc_mention *m = NULL; /* the mention that ends there */
                for (size_t mi = a; !m && mi-- > c.b && c.covered[mi - c.b];)
                    m = mention(&c, mi) && mention(&c, mi)->t1 == a ? mention(&c, mi) : NULL;
                relative = 1;
                if (m && usable(&c, m) && !possessor(&c, m)) {
                    subj = m;
                    src_rule = "the noun a relative pronoun follows (\"X, who was freed by\")";
                }
            }
        }
        /* "fired at protesters demanding his resignation": a present
         * participle right after an actor tells of that actor */
        if (!subj && !nominal && !tabari && i > lo && ing_form(d, &T[i]))
            for (size_t k = lo; k < i && !subj; k++) {
                const evc_mention *m = mention(&c, k);
                if (m && m->t0 == k && m->t1 == i && usable(&c, m) && !possessor(&c, m)) {
                    subj = m;
                    src_rule = "the actor a present participle follows (\"protesters demanding\")";
                }
            }
        for (size_t k = lo; k < hi && !subj && !relative; k++) {
            const evc_mention *m = mention(&c, k);
            if (m && usable(&c, m) && (tabari || (!possessor(&c, m) && (!prep_object(&c, m) || of_followers(&c, m))))) {
                subj = m;
                src_rule = nominal ? "the subject of the verb before the act (\"launched a strike\")"
                                   : "the first actor of the verb's clause, before it";
            }
        }
        /* "protesters stormed parliament and police opened fire", "we have
         * seen information that IS-K claimed it": a second subject, after
         * "and" or "that" past another verb, right before its own */
        if (subj && !nominal && !tabari && subj->t1 < i && subj->t0 >= c.b) {
            const evc_mention *z = NULL;
            for (size_t k = subj->t1; k < i; k++) {
                const evc_mention *m = mention(&c, k);
                if (m && m->t0 == k && usable(&c, m))
                    z = m;
            }
            int verb_between = 0;
            for (size_t k = subj->t1; z && k < z->t0; k++)
                verb_between |= !c.covered[k - c.b] && verb_form(d, &T[k]);
            size_t zb = z ? z->t0 : 0; /* before its determiners */
            while (zb > c.b + 1 && lx(&T[zb - 1], DETS))
                zb--;
            /* "the US is planning to remove": auxiliaries between it and its verb */
            static const char *const aux[] = {"is", "are", "was", "were", "has", "have", "had", "will", "would",
                                              "planning", "plans", "planned", "going", "expected", "set", "about",
                                              "to", "be", "been", "also", "now", "then", "already", "still", NULL};
            size_t zv = z ? z->t1 : 0;
            while (z && zv < i && i - zv <= 4 && evc_tok_in(d, &T[zv], aux))
                zv++;
            if (z && verb_between && zb > c.b &&
                (evc_tok_is(d, &T[zb - 1], "and") || evc_tok_is(d, &T[zb - 1], "that")) &&
                ((z->t1 + 1 >= i && !evc_tok_is(d, &T[i - 1], "and")) || zv == i) &&
                !possessor(&c, z) && !prep_object(&c, z)) {
                subj = z;
                src_rule = "the subject after 'and' or 'that' that stands right before its verb";
            }
        }
        /* "a roadside bomb planted by X killed", "the attack carried out by X
         * wounded": the agent of the means, in the subject */
        for (size_t k = lo + 1; !subj && !nominal && k + 1 < hi; k++)
            if (evc_tok_is(d, &T[k], "by") && is_participle(d, &T[k - 1]) && !c.covered[k - 1 - c.b]) {
                size_t j = k + 1;
                while (j < hi && lx(&T[j], DETS))
                    j++;
                const evc_mention *m = j < hi ? mention(&c, j) : NULL;
                if (m && usable(&c, m) && !place_like(&c, m)) {
                    subj = m;
                    src_rule = "the agent of the means in the subject (\"a bomb planted by X killed\")";
                }
            }
        if (!subj)
            for (size_t k = i; k-- > cl.lo && !subj;) {
                const evc_mention *m = mention(&c, k);
                if (m && usable(&c, m) && possessor(&c, m)) {
                    subj = m; /* nominal event: "the Taliban's attack" */
                    src_rule = "the possessor in the act's clause (\"the Taliban's attack\")";
                }
            }
        /* "The attack targeted X": the attacker, or the claimer, of the
         * attack told in the sentences just before */
        if (!subj && !nominal && i >= c.b + 2 && is_anchor(&c, i - 1) && evc_tok_in(d, &T[i - 2], ANAPHORIC) &&
            d->attack_sent && d->attack_sent <= s + 1 && d->attack_sent + 4 > s + 1 && d->attack_source_mention >= 0 &&
            (size_t)d->attack_source_mention < d->mentions.n) {
            subj = &d->mentions.v[d->attack_source_mention];
            src_rule = "the actor of the attack told before (\"The attack targeted X\")";
        }
        if (!subj && cl.speaker && !relative) {
            subj = cl.speaker;
            src_rule = "the speaker of the reported clause";
        }
        /* a relative clause on an act: "X claimed the attack that killed Y",
         * "the suicide attack (by X) that killed Y": its verb is that act */
        size_t rel = relative_pronoun(&c, i);
        if (rel && !nominal) {
            if (!subj && c.last_src && rel >= c.last_end && rel - c.last_end <= 6) {
                subj = c.last_src;
                src_rule = "the actor of the act a relative clause tells of (\"X claimed the attack that killed Y\")";
            }
            int r = code_root(code), nr = c.nominal_code ? code_root(c.nominal_code) : 0;
            if (c.nominal_code && rel >= c.nominal_end && rel - c.nominal_end <= 6 && (r == 18 || r == 19) &&
                (nr == 18 || nr == 19) && strlen(c.nominal_code) >= strlen(code) && strcmp(code, c.nominal_code)) {
                code = c.nominal_code;
                c.why.rule = "the act a relative clause tells of keeps its noun's code (\"the suicide attack that killed\")";
            }
        }
        /* "The affiliate of the Islamic State claimed": the actor a headless
         * subject belongs to, near the start of the clause */
        for (size_t k = cl.lo; k < i && k < cl.lo + 8 && !subj && !nominal; k++) {
            const evc_mention *m = mention(&c, k);
            size_t j = k;
            while (j > cl.lo && lx(&T[j - 1], DETS))
                j--;
            if (m && usable(&c, m) && !place_like(&c, m) && j > cl.lo && evc_tok_is(d, &T[j - 1], "of")) {
                subj = m;
                src_rule = "the actor a headless subject belongs to (\"the affiliate of X\")";
            }
        }
        /* PETRARCH: "allowed that Mordor isn't a place to visit": a verb with
         * a clause for object is aimed at that clause's subject */
        int petr_that = ctx->peer == EVC_PEER_PETRARCH && !obj;
        size_t obj_from = best_end; /* where the object starts */
        for (size_t k = best_end; k < c.e && k < best_end + (tabari ? 60 : 15); k++) { /* TABARI: its clause */
            /* "condemned what it called the coast guard's actions": past the naming */
            if (!ctx->peer && naming(&c, k)) {
                k += 2;
                obj_from = k + 1;
                continue;
            }
            const evc_token *t = &T[k];
            /* the object stays in the verb's clause: stop at the next verb,
             * a reporting verb or a clause mark */
            int claim = !strcmp(code, "015"); /* the target of a claim is the victim of the act claimed */
            /* "rejected a resolution passed by X", "welcomed the plan put
             * forward by X": a word on a text is aimed at its authors */
            int r = code_root(code);
            if (!obj && !tabari && (r <= 5 || (r >= 10 && r <= 13)) && is_participle(d, t) &&
                !c.covered[k - c.b] && k + 1 < c.e && evc_tok_is(d, &T[k + 1], "by") &&
                !preceded_by(&c, best_end, k, k - best_end, PREPS)) { /* not "in a deal brokered by" */
                size_t j = k + 2;
                while (j < c.e && lx(&T[j], DETS))
                    j++;
                const evc_mention *m = j < c.e ? mention(&c, j) : NULL;
                if (m && usable(&c, m) && m != subj && !place_like(&c, m)) {
                    obj = m;
                    tgt_rule = "the author of the text acted on (\"rejected a resolution passed by X\")";
                }
            }
            if (evc_tok_is(d, t, ";") || evc_tok_is(d, t, ":")) /* TABARI: commas too (see comma_clauses) */
                break;
            /* ", officials on both sides said": the tail names the speakers */
            int tail = 0;
            for (size_t j = k + 1; !tabari && evc_tok_is(d, t, ",") && j < c.e && j < k + 8 && !tail; j++) {
                if (evc_tok_is(d, &T[j], ",") || evc_tok_is(d, &T[j], "that"))
                    break;
                tail = evc_is_cue(d, &T[j]) && !c.covered[j - c.b];
            }
            if (tail)
                break;
            if (!tabari && ((!claim && k > best_end && is_anchor(&c, k) && !c.covered[k - c.b] &&
                 !lx(&T[k - 1], EVC_LX_POSS) && /* "its partners" is a noun */
                 !evc_tok_in(d, &T[k - 1], ARTICLES) && /* "over the killing of X" too */
                 /* an -s form is a verb after its subject ("Russia attacks", "it
                  * says") or an act of its own ("sanctions against Russia"),
                  * else a plural noun ("weapons and Stinger missiles to") */
                 (verb_form(d, t) || evc_tok_is(d, &T[k - 1], "to") ||
                  (t->lemma != t->h && (c.covered[k - 1 - c.b] || evc_tok_in(d, &T[k - 1], SUBJECT_PRONOUNS) ||
                                        (k + 1 < c.e && evc_tok_in(d, &T[k + 1], ACT_PREPS)))))) ||
                (evc_is_cue(d, t) && !c.covered[k - c.b] && !(k > c.b && evc_tok_in(d, &T[k - 1], ARTICLES))) ||
                (!claim && !c.covered[k - c.b] && /* "the report" is a noun */
                 (lx(t, SOFT) || (evc_tok_is(d, t, "that") && !(petr_that && k == best_end)) ||
                  evc_tok_is(d, t, "if") || evc_tok_is(d, t, "whether")))))
                break;
            if (passive && evc_tok_is(d, t, "by") && k + 1 < c.e) {
                size_t j = k + 1;
                while (j < c.e && lx(&T[j], DETS))
                    j++;
                if (j < c.e && mention(&c, j) && usable(&c, mention(&c, j)))
                    by = mention(&c, j);
            }
            const evc_mention *m = mention(&c, k);
            /* "with the UAE mediating": an aside, no object */
            if (!ctx->peer && m && m->t1 < c.e && ing_form(d, &T[m->t1])) {
                size_t w = m->t0;
                while (w > c.b && lx(&T[w - 1], DETS))
                    w--;
                if (w > c.b && evc_tok_is(d, &T[w - 1], "with"))
                    m = NULL;
            }
            if (!obj && m && usable(&c, m) && m != subj && (ctx->peer || !possessor(&c, m) || owner_object(&c, m, obj_from, code)) &&
                !place_like(&c, m) &&
                (tabari || ((object_head(&c, m, i, best_end) || !speaker_like(&c, m)) && !attributive(&c, m)))) {
                obj = m;
                tgt_rule = "the first actor after the verb in its clause";
            }
        }
        /* "we will take action if ISIS-K ...", "If X ..., we will act": a threat
         * is aimed at the actor of its condition */
        if (!obj && code[0] == '1' && code[1] == '3') {
            obj = condition_actor(&c, subj, best_end);
            tgt_rule = "the actor of the threat's condition (\"if X ...\")";
        }
        /* "denied reports (that) the administration was blocking flights":
         * what follows is the content of the reports, not their authors;
         * reports with no author named are the press's */
        int press = 0;
        if (!strcmp(code, "016") && !best_tgt && !tabari) {
            for (size_t k = i + 1; k < best_end && !press; k++)
                press = T[k].lemma == evc_hash("report", 6);
            if (press && best_end < c.e &&
                (evc_tok_is(d, &T[best_end], "by") || evc_tok_is(d, &T[best_end], "from") ||
                 evc_tok_is(d, &T[best_end], "in")))
                press = 0; /* "reports by X", "reports in the Post" */
            if (press)
                obj = NULL;
            /* "denied that it had struck X", "denied reports that X": the
             * act that follows is denied (see below) */
            size_t th = after_adjuncts(&c, best_end);
            if (!obj && (press || subj) && th < c.e && evc_tok_is(d, &T[th], "that")) {
                c.denier = press ? NULL : subj;
                c.deny_from = th + 1;
                c.deny_end = th + 16 < c.e ? th + 16 : c.e;
            }
        }
        const evc_mention *src = subj, *tgt = obj;
        if (passive && !best_src) {
            /* "was shot twice by a gunman": the pattern's slot reached the agent */
            if (!by && best_tgt && best_tgt->t0 > i) {
                size_t j = best_tgt->t0;
                while (j > i + 1 && lx(&T[j - 1], DETS))
                    j--;
                if (evc_tok_is(d, &T[j - 1], "by"))
                    by = best_tgt;
            }
            src = by;
            tgt = patient ? patient : subj;
            src_rule = "passive: the 'by' agent";
            tgt_rule = patient ? "passive: the noun the participle follows" : "passive: the subject";
            /* "Russia's missile strike on the hospital was condemned by X": a
             * judgement of an act coded just before is aimed at its agent */
            int r = code_root(code);
            if (!ctx->peer && tgt && c.last_src && (r == 9 || r == 11 || r == 12) && d->events.n > c.n_events &&
                c.last_src->t0 >= cl.lo && c.last_tgt == tgt && tgt->t0 >= c.last_src->t1) {
                tgt = c.last_src;
                tgt_rule = "passive: the agent of the act its subject names (\"X's strike on Y was condemned\")";
            }
            if (best_start < i && best_tgt && best_tgt != by) { /* "sanctions were imposed on Iran": the pattern's */
                tgt = best_tgt;
                tgt_rule = "the pattern's target slot, its object noun the subject of the passive";
            }
            /* "vowed that Israel would be punished": whoever vows it */
            if (!src && threatened && cl.speaker && cl.speaker != tgt) {
                src = cl.speaker;
                src_rule = "a threat in the passive with no agent: its speaker";
            }
        }
        /* "Putin warned that NATO would be at war with Russia if ...": a
         * warning of a state of war with the speaker's own side (not of an
         * act: "warned that Israel would attack Iran") is the speaker's
         * threat to the other party */
        if (!ctx->peer && threatened && src && tgt && cl.speaker && cl.speaker != src && cl.cue != SIZE_MAX &&
            evc_tok_in(d, &T[cl.cue], WARNS) && lx(&T[i], BE)) {
            const char *n1, *n2, *speaker_code = mcode(&c, cl.speaker, &n1), *target_code = mcode(&c, tgt, &n2);
            if (speaker_code && target_code && strlen(speaker_code) >= 3 && !strncmp(speaker_code, target_code, 3) &&
                !possessor(&c, tgt)) {
                tgt = src;
                src = cl.speaker;
                src_rule = "the speaker who warns of war with their own side";
                tgt_rule = "the other party to that war";
            }
        }
        /* "demanded the release of the hostages held by Hamas": a call for a
         * release is aimed at whoever holds the captives */
        if (!tabari && tgt && (!strcmp(code, "1053") || !strcmp(code, "0253"))) {
            static const char *const held[] = {"held", "detained", "captured", "kidnapped", "abducted", "jailed",
                                               "imprisoned", "seized", NULL};
            for (size_t k = tgt->t1; k + 2 < c.e && k < tgt->t1 + 3; k++)
                if (evc_tok_in(d, &T[k], held) && evc_tok_is(d, &T[k + 1], "by")) {
                    size_t j = k + 2;
                    while (j < c.e && lx(&T[j], DETS))
                        j++;
                    const evc_mention *m = j < c.e ? mention(&c, j) : NULL;
                    if (m && usable(&c, m)) {
                        tgt = m;
                        tgt_rule = "whoever holds the captives (\"the release of hostages held by X\")";
                    }
                    break;
                }
        }
        /* "condemned the killing of civilians by Russian troops",
         * "investigating the incursion by Ukrainian forces": a judgement of
         * an act, an inquiry into it or a threat over it is aimed at its agent */
        if (!ctx->peer && (code_root(code) == 9 || code_root(code) == 11 || code_root(code) == 13)) {
            const evc_mention *agent = NULL;
            size_t from = tgt ? tgt->t1 : best_end, k = agented_nominal(&c, i, from + 8 < c.e ? from + 8 : c.e, &agent);
            const char *n0, *n1, *tc = tgt ? mcode(&c, tgt, &n0) : NULL, *sc = src ? mcode(&c, src, &n1) : NULL;
            /* the act's words around the target ("the killing of civilians by"),
             * or after no target or a mere pronoun for the source ("vowed to
             * respond to what he called attacks by protesters") */
            if (k && agent != src && (!tgt || agent->t0 > tgt->t0) &&
                (!tgt || tgt->t0 > k || (tgt->how == EVC_HOW_PRONOUN && tc && sc && !strcmp(tc, sc)))) {
                tgt = agent;
                tgt_rule = "the agent of the act judged, inquired into or threatened over (\"the killing of X by Y\")";
            }
        }
        /* "denied that it had struck the hospital": the act denied did not
         * happen as far as its teller says; the denial (016) did, aimed at
         * those the act would have hit */
        if (denied && c.denier == NULL) {
            trace(&c, i, best, "skip: told by reports the source denies", NULL, NULL);
            continue;
        }
        if (denied && tgt && !passive) {
            code = "016";
            src = c.denier;
            src_rule = "the subject of the denial";
            c.why.rule = "an act denied (\"denied that it had struck X\"): a denial (016) aimed at its target";
        }
        c.why.src_rule = src_rule;
        c.why.tgt_rule = tgt_rule;
        /* "a suicide bomber killed 14 soldiers", "gunmen and a suicide bomber
         * attacked", "killed by a suicide bomber": a suicide bombing */
        if (!ctx->peer && src && code[0] == '1' && (code[1] == '8' || code[1] == '9') && strcmp(code, "1831")) {
            size_t from = src->t0 < i ? src->t0 : i, to = src->t1 > i ? src->t1 : i;
            for (size_t k = from > c.b ? from - 1 : from; k < to; k++)
                if (evc_tok_is(d, &T[k], "suicide") && k + 1 < c.e && T[k + 1].lemma == evc_hash("bomber", 6)) {
                    code = "1831";
                    c.why.rule = "an attack by a suicide bomber: a suicide bombing (1831)";
                    break;
                }
        }
        /* "killed about 1,200 people", "had killed more than 1,000 members
         * of the Masalit community": the killing of a hundred or more
         * civilians is a mass killing (202); "has killed more than 32,000
         * people since" is the running toll of a war, its attacks */
        if (!ctx->peer && !strcmp(code, "190") && T[i].lemma == evc_hash("kill", 4) && tgt && tgt->t0 > i &&
            !(i > c.b && (evc_tok_is(d, &T[i - 1], "has") || evc_tok_is(d, &T[i - 1], "have"))) &&
            civilians(&c, tgt) && counted(&c, i + 1, tgt->t0) >= 100) {
            code = "202";
            c.why.rule = "a killing of a hundred or more civilians: a mass killing (202)";
        }
        if (!ctx->peer && src && attack_toll(&c, i, src)) {
            trace(&c, i, best, "skip: the toll of an attack coded before it", src->name, NULL);
            continue;
        }
        if (!strcmp(code, "1711") && seized_land(&c, best_end, tgt)) {
            code = "192";
            c.why.rule = "a seizure of land or a town is the occupation of territory (192), not of property";
        }
        const char *fwd = tabari && !src ? forwarded(&c, cl.lo, i) : NULL;
        /* TABARI: a pronoun for the act's own source is not its target
         * ("urged Bree to assist it") */
        if (tabari && tgt && (tgt->flags & EVC_MN_PRONOUN) && tgt->code) {
            const char *sn0, *sc0 = src ? mcode(&c, src, &sn0) : fwd;
            if (sc0 && !strcmp(sc0, tgt->code))
                tgt = NULL;
        }
        if (tabari && (ctx->tabari.default_source[0] || ctx->tabari.default_target[0] || fwd ||
                       (code_by == EVC_TABARI_CODE_ALL && d->events.n > n_events))) {
            int done;
            evc_status st = tabari_default(&c, best, code, src, tgt, fwd, i, date, &done);
            if (st)
                return st;
            if (done) {
                trace(&c, i, best, code, src ? src->name : "(default)", tgt ? tgt->name : "(default)");
                c.last_src = src;
                c.last_tgt = NULL;
                c.last_end = best_end;
                clause_coded = !best->weak && code_by != EVC_TABARI_CODE_ALL;
                i = best_end > i ? best_end - 1 : i;
                continue;
            }
        }
        if (!src) {
            trace(&c, i, best, "skip: no source", NULL, tgt ? tgt->name : NULL);
            if (missing_actor(&c, best, cl.lo, best_start, best_end, 1))
                return EVC_ERR_NOMEM;
            continue;
        }
        const evc_mention *ss[4], *tt[4];
        size_t ns = compound(&c, src, ss, 4, 0, i), nt = tgt ? compound(&c, tgt, tt, 4, tgt == obj, i) : 0;
        /* "Israel and Hamas agreed to a truce and the exchange of hostages":
         * a bare role inside a noun phrase after the act names no party to
         * it; the subjects may act on each other (below) */
        if (!ctx->peer && ns > 1 && nt == 1 && tgt != best_tgt && tgt->t0 > c.b && evc_tok_is(d, &T[tgt->t0 - 1], "of")) {
            const char *n0, *n1, *tc = mcode(&c, tgt, &n0), *s0 = mcode(&c, ss[0], &n1);
            if (tc && bare_role(tc) && s0 && !bare_role(s0))
                nt = 0;
        }
        /* a show of force is aimed at neither the forces it moves nor at
         * no one: "deployed soldiers and police to Mozambique" */
        if (!ctx->peer && code[0] == '1' && code[1] == '5') {
            size_t keep = 0;
            for (size_t b = 0; b < nt; b++)
                if (!own_force(&c, src, tt[b]))
                    tt[keep++] = tt[b];
            if (!keep) {
                tgt = NULL;
                const evc_mention *dest = destination(&c, nt ? tt[nt - 1]->t1 : best_end);
                if (dest) {
                    tt[keep++] = tgt = dest;
                    c.why.tgt_rule = tgt_rule = "where a show of force sends the forces it moves";
                }
            }
            nt = keep;
            if (nt == 1 && hosted(&c, src, tt[0])) {
                code = "074";
                c.why.rule = "forces sent onto another country's soil (\"deployed troops to Mozambique\"): "
                             "military protection (074), not a show of force against it";
            }
        }
        /* "called Erdogan on Monday to offer his condolences": an act done
         * for the purpose of the one just coded, with no target of its own,
         * is aimed at that one's */
        if (!nt && !ctx->peer && c.last_tgt && c.last_src == src && i > c.b + 1 && evc_tok_is(d, &T[i - 1], "to") &&
            c.last_end < i && after_adjuncts(&c, c.last_end) == i - 1) {
            tgt = c.last_tgt;
            tt[0] = tgt;
            nt = 1;
            c.why.tgt_rule = tgt_rule = "the target of the act this one is the purpose of (\"called X to offer ...\")";
        }
        /* "Gondor and Osgiliath postponed their meeting": with a compound
         * subject and no one else named, a pattern for acts between its
         * members ("POSTPONE - % *") wins over a longer one */
        if (ns > 1 && !nt && between && best != between && code == best->code /* no rule changed it */) {
            best = between;
            code = best->code;
            c.why.pattern = best;
        }
        /* "X said on Tuesday that Russia attacked Ukraine last week": an act
         * in a reported clause takes the time its own clause gives */
        long own = date;
        c.why.date_span[0] = d->sents.v[s].date_span[0];
        c.why.date_span[1] = d->sents.v[s].date_span[1];
        if (cl.lo > c.b) {
            int tense;
            uint32_t span[2];
            size_t from = cl.lo; /* past the reporting verb's own time: "said on Tuesday that" */
            for (size_t k = cl.lo; k < i && k < cl.lo + 6; k++)
                if (evc_tok_is(d, &T[k], "that")) {
                    from = k + 1;
                    break;
                }
            /* the sentence's tense, known; a window near the verb, so that a
             * sentence of many verbs costs linear time */
            size_t to = best_end + 30 < c.e ? best_end + 30 : c.e;
            long x = evc_range_date(d, s, from, to, d->sents.v[s].tense, 0, &tense, span);
            if (x != EVC_NO_DATE) {
                own = x;
                c.why.date_span[0] = span[0];
                c.why.date_span[1] = span[1];
            }
        }
        long evdate = own;
        c.why.date_rule = "the time expression of its clause";
        c.why.date_expr = 1;
        int root = code_root(code);
        const evc_qspan *inq = quote_at(d, d->sents.v[s].para, T[i].start);
        if (cl.speaker) {
            const char *vn;
            c.voice = mcode(&c, cl.speaker, &vn);
        } else {
            c.voice = inq ? inq->speaker_code : NULL;
        }
        if (root <= 3 || root == 5 || (root >= 9 && root <= 13)) {
            /* a statement (not a meeting or visit, 04): the date of its
             * reporting verb, else of its speaker's last statement */
            const char *sn;
            mcode(&c, src, &sn);
            evdate = statement_date(&c, sn, own, speech_date, i, best_end);
        } else if (inq && own == EVC_NO_DATE) {
            /* an act told in a quotation, without a time of its own: when it was said */
            evdate = statement_date(&c, inq->speaker_name, own, speech_date, i, best_end);
        } else if (own == EVC_NO_DATE && speech_date != EVC_NO_DATE) {
            evdate = speech_date;
            c.why.date_rule = "the date of the statements the article reports";
            c.why.date_expr = 0;
        }
        if (evdate == EVC_NO_DATE) {
            evdate = d->published;
            c.why.date_rule = "the publication date";
            c.why.date_expr = 0;
        }
        int reciprocal = best_end + 1 < c.e && (evc_tok_is(d, &T[best_end], "each") || evc_tok_is(d, &T[best_end], "one")) &&
                         (evc_tok_is(d, &T[best_end + 1], "other") || evc_tok_is(d, &T[best_end + 1], "another"));
        /* "X and Y fought", "X and Y met", "X and Y signed a treaty", "X and
         * Y restored ties (with each other)": with no one else named and no
         * object left over, acts done together are between the subjects */
        if (ns > 1 && best->compound == 1)
            reciprocal = 1;
        if (nt > 1 && best->compound == 2 && tabari) { /* "exchanged prisoners with Gondor and Osgiliath" */
            memcpy(ss, tt, nt * sizeof *ss);
            ns = nt;
            reciprocal = 1;
        }
        if (!nt && ns > 1 && !own_subject(&c, ss[ns - 1], best_start) &&
            !has_object(&c, phrase_end(&c, i, best_end)) &&
            (best_partial || (root == 3 && best->code[1] == '3') || root == 4 || root == 5 || root == 6 ||
             (root == 19 && best->n_elems == 1) || /* "X and Y fought", not "X and Y intercepted drones" */
             !strcmp(code, "057") || !strncmp(code, "087", 3) || !strcmp(code, "019") || /* "X and Y agree that" */
             evc_tok_in(d, &T[i], EXCHANGES))) /* "X and Y exchanged prisoners" */
            reciprocal = 1;
        /* "X and Y held talks in Muscat": a meeting's place is no party to
         * it (a visit's is: "arrived in Kyiv") */
        if (nt && ns > 1 && root == 4 && strcmp(code, "042") && strcmp(code, "043") && best_tgt &&
            place_like(&c, best_tgt))
            reciprocal = 1;
        if (!reciprocal && !nt) {
            /* "shelled villages in Ukraine", "drills around Taiwan", "meals into
             * Gaza", "an investigation into war crimes in Ukraine": a material
             * act or an investigation aimed at no one named is aimed at the
             * country where it happens */
            const evc_mention *pl = NULL;
            if (!nominal && (root == 6 || root == 7 || root == 9 || root >= 15 || !strcmp(code, "015")))
                pl = place_target(&c, best_end); /* a claim is aimed at the victims of the act claimed */
            const char *pn, *pc = pl ? mcode(&c, pl, &pn) : NULL;
            int town = pl && !(pl->flags & EVC_PH_CAPITAL) && evc_place_town(d, pl->t0, pl->t1);
            evc_where w;
            if (!pl && !nominal && !strcmp(code, "192") && evc_place_of_sentence(d, s, &w) && w.how == 1 &&
                w.country) {
                pc = w.country; /* "seized the town of Kandahar": the territory, from the gazetteer */
                pn = w.name;
            } else if (!pl && !nominal && !ctx->peer && (root == 6 || root == 7 || root == 9 || root >= 15) &&
                       evc_place_aimed(d, s, best_end, people_end(&c, best_end), &w)) {
                pc = w.country; /* "shelled Kramatorsk", "gas on Douma": a town the dictionaries lack */
                pn = w.name;
                town = 1;
            }
            /* "claimed credit for the attack": the victims of the attack told before */
            static const char *const attack_nouns[] = {"attack", "attacks", "bombing", "bombings", "blast",
                                                       "explosion", "strike", "assault", "raid", "shooting",
                                                       "massacre", "ambush", NULL};
            int victims = 0;
            if (!pc && !strcmp(code, "015") && d->attack_target && d->attack_target_mention >= 0 && d->attack_sent <= s &&
                d->attack_sent + 10 > s + 1 && best_end + 1 < c.e && lx(&T[best_end], DETS) &&
                !evc_tok_is(d, &T[best_end], "a") && !evc_tok_is(d, &T[best_end], "an") &&
                evc_tok_in(d, &T[best_end + 1], attack_nouns)) {
                pc = d->attack_target;
                pn = d->attack_target_name;
                victims = 1;
            }
            /* "arrived there": the place the sentences before named */
            int there_place = 0;
            if (!pc && !nominal && code[0] == '0' && code[1] == '4' && evc_tok_is(d, &T[best_end - 1], "there"))
                for (size_t back = s; back-- > 0 && back + 3 > s && !pl;) {
                    evc_where *there = &c.there;
                    size_t b0 = d->sent_mention0.v[back], b1 = d->sent_mention0.v[back + 1];
                    if (!evc_place_of_sentence(d, back, there) || there->how != 1 || !there->country)
                        continue;
                    for (size_t mi = b0; mi < b1 && !pl; mi++) {
                        const evc_mention *m = &d->mentions.v[mi];
                        if ((m->flags & (EVC_PH_COUNTRY | EVC_PH_CAPITAL)) && m->code &&
                            !strncmp(m->code, there->country, 3))
                            pl = m; /* the place, as a mention: "Kabul airport" */
                    }
                    if (pl) {
                        pc = there->country;
                        pn = there->name;
                        there_place = 1;
                    }
                }
            if (!there_place)
                c.there.name = NULL; /* only an accepted place is used */
            /* "imposed a curfew", "declared a state of emergency", "shut down
             * the internet": measures a state takes at home, on its own
             * people; "denied reports": the reports of its own press */
            const char *home = NULL; /* why the target is of the source's country */
            if (!pc && !nominal && (!strncmp(code, "081", 3) || !strncmp(code, "172", 3))) {
                pc = home_code(&c, src, "CVL", &pn);
                home = "a measure a state takes at home (081x, 172x): on its own people";
            } else if (!pc && !nominal && root == 14 && !is_nominal(&c, i) &&
                       !inner_anchor(&c, i, best_end)) { /* "staged a strike against X": the inner act's */
                const char *sn, *sc = mcode(&c, src, &sn);
                if (sc && bare_role(sc) && !state_role(sc)) { /* "Protesters stormed the palace in Colombo" */
                    sc = placed_role(&c, sc, (int32_t)(src - d->mentions.v), "", code);
                    if (strlen(sc) == 6)
                        pc = home_of(&c, sc, sn, "GOV", &pn);
                } else if (protester(&c, src)) {
                    pc = home_code(&c, src, "GOV", &pn);
                }
                home = "a protest aimed at no one named: at the government of the protesters' country";
            } else if (!pc && press) {
                pc = home_code(&c, src, "MED", &pn);
                pn = "the press";
                home = "a denial of reports with no author named: its own press's";
            }
            if (!pc)
                home = NULL;
            if (!pc || strlen(pc) < 3) {
                trace(&c, i, best, "skip: no target", src->name, NULL);
                if (missing_actor(&c, best, cl.lo, best_start, best_end, 0))
                    return EVC_ERR_NOMEM;
                if (nominal || is_nominal(&c, i)) {
                    note_nominal(&c, code, i, best_end);
                    c.last_src = src; /* "X carried out the suicide attack that killed Y" */
                    c.last_tgt = NULL;
                    c.last_end = best_end;
                }
                continue;
            }
            const char *cc = victims || home ? pc : evc_arena_strndup(&d->arena, pc, 3);
            if (!cc)
                return EVC_ERR_NOMEM;
            trace(&c, i, best,
                  victims ? "target: the victims of the attack told before"
                  : home  ? "target: of its own country"
                          : "target: where it happened",
                  src->name, pn);
            c.why.tgt = victims ? d->attack_target_mention
                        : pl    ? (int32_t)(pl - d->mentions.v)
                        : home  ? (int32_t)(src - d->mentions.v) /* the country it comes from */
                                : -1;
            c.why.tgt_rule = victims ? "the victims of the attack told before (\"claimed the attack\")"
                             : home  ? home
                             : there_place
                                 ? "\"there\": the country of the place a sentence before named"
                                 : "no actor named as target: the country where it happened, named after the verb";
            for (size_t a = 0; a < ns; a++) {
                c.why.src = (int32_t)(ss[a] - d->mentions.v);
                const char *sn, *sc = voiced(&c, ss[a], mcode(&c, ss[a], &sn)), *tc = cc;
                if (town && !(tc = own_people(&c, code, sc, cc)))
                    return EVC_ERR_NOMEM;
                evc_status st = tc == cc && own_place(sc, cc) && !home ? EVC_OK : emit_codes(&c, code, sc, sn, tc, pn, evdate);
                if (st)
                    return st;
            }
            c.there.name = NULL;
            c.last_src = src;
            c.last_tgt = NULL;
            c.last_end = best_end;
            i = best_end > i ? best_end - 1 : i;
            continue;
        }
        trace(&c, i, best, code, src->name, reciprocal ? "each other" : tgt->name);
        if (reciprocal)
            c.why.tgt_rule = "each other: actors joined by \"and\" acting together";
        if (reciprocal && ns > 1) {
            for (size_t a = 0; a < ns; a++)
                for (size_t b = 0; b < ns; b++)
                    if (a != b) {
                        evc_status st = emit(&c, code, ss[a], ss[b], evdate);
                        if (st)
                            return st;
                    }
        } else {
            size_t e0 = d->events.n;
            for (size_t a = 0; a < ns; a++)
                for (size_t b = 0; b < nt; b++) {
                    evc_status st = emit(&c, code, ss[a], tt[b], evdate);
                    if (!st && best->code2) /* a peer pair: "left for" visits, the host receives */
                        st = emit(&c, best->code2, tt[b], ss[a], evdate);
                    else if (!st && !ctx->peer && !strcmp(code, "043"))
                        st = guest_visits(&c, ss[a], tt[b], evdate);
                    if (st)
                        return st;
                }
            for (size_t k = e0; best->weak && k < d->events.n && k - n_events < 64; k++)
                c.weak |= (uint64_t)1 << (k - n_events);
            clause_coded = code_by != EVC_TABARI_CODE_ALL && !best->weak && d->events.n > e0;
        }
        c.last_src = src;
        c.last_tgt = !reciprocal && nt == 1 ? tt[0] : NULL;
        c.last_end = best_end;
        if ((!strncmp(code, "02", 2) || !strncmp(code, "10", 2)) && evc_tok_is(d, &T[best_end - 1], "to"))
            c.asked_end = best_end;
        /* an act named with its agent inside the match is coded too */
        size_t inner = ctx->peer ? 0 : agented_nominal(&c, i + 1, best_end, NULL);
        i = inner ? inner - 1 : best_end > i ? best_end - 1 : i;
    }
    if (c.weak)
        drop_weak(d, n_events, c.weak);
    if (!matched && d->explain && !ctx->peer) {
        evc_status st = unmatched_verbs(&c);
        if (st)
            return st;
    }
    return ctx->peer ? EVC_OK : threats(&c, date, speech_date);
}
