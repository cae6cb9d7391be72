/*
 * Quotations. Direct quotes are the spans between quotation marks (curly or
 * straight, double or single; a quote left open runs to the end of its
 * paragraph). Terms and titles in quotes ("the “mission”", “Meet the
 * Press.”) are not quotations. The speaker comes from a reporting verb (the
 * cue) in the same paragraph, after or before the quote; a paragraph with
 * no cue continues the previous speaker. Indirect quotes are the clauses
 * after a cue ("Price stated that ...").
 */
#include "doc.h"
#include "lexicon.h"
#include "util.h"
#include <string.h>

/* Is t a lower-case word of the reporting-verb class `cls`? ("Secretary of
 * State" is no cue) */
static int in_list(const evc_doc *d, const evc_token *t, uint32_t cls)
{
    (void)d;
    return (t->flags & EVC_TK_WORD) && !(t->flags & (EVC_TK_CAP | EVC_TK_ALLCAPS)) && (t->lex & cls);
}

/* Cues that also have ordinary uses ("continued to", "reported cases",
 * "raised taxes", "posted troops") attribute quotes but do not open a
 * reported clause (EVC_LX_WEAK). */
int evc_is_strong_cue(const evc_doc *d, const evc_token *t)
{
    return evc_is_cue(d, t) && !(t->lex & EVC_LX_WEAK);
}

int evc_is_cue(const evc_doc *d, const evc_token *t)
{
    if (!in_list(d, t, EVC_LX_CUE))
        return 0;
    return !evc_state_noun(d, t);
}

int evc_state_noun(const evc_doc *d, const evc_token *t)
{
    return t > d->toks.v && (t[-1].flags & EVC_TK_CAP) && (evc_tok_is(d, t, "state") || evc_tok_is(d, t, "states"));
}

/* Kind of quotation mark at byte i of text (n bytes): 1 double open,
 * 2 double close, 3 double straight, 4 single open, 5 single close,
 * 6 single straight; *len its byte length. */
static int mark_at(const char *s, size_t n, size_t i, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[i] == '"') { *len = 1; return 3; }
    if (u[i] == '\'') { *len = 1; return 6; }
    if (i + 2 < n && u[i] == 0xE2 && u[i + 1] == 0x80) {
        *len = 3;
        switch (u[i + 2]) {
        case 0x9C: return 1;
        case 0x9D: return 2;
        case 0x98: return 4;
        case 0x99: return 5;
        }
    }
    if (i + 1 < n && u[i] == 0xC2 && (u[i + 1] == 0xAB || u[i + 1] == 0xBB)) {
        *len = 2;
        return u[i + 1] == 0xAB ? 1 : 2;
    }
    return 0;
}

static int letter_at(const char *s, size_t n, size_t i)
{
    if (i >= n)
        return 0;
    unsigned char c = (unsigned char)s[i];
    return evc_is_alpha(c) || evc_is_digit(c) || c >= 0xC3;
}

static int space_before(const char *s, size_t i)
{
    if (i == 0)
        return 1;
    unsigned char c = (unsigned char)s[i - 1];
    return evc_is_space(c) || c == '(' || c == '[' || c == '-' || c == '/' || c == 0x94 /* end of — */;
}

typedef struct span { size_t a, b; } span;  /* inner text, relative to paragraph */

/* Finds quotation spans in a paragraph. */
static size_t find_spans(const char *s, size_t n, span *out, size_t cap)
{
    size_t k = 0;
    int open = 0;     /* 0 none, 1 double, 2 single */
    size_t start = 0;
    for (size_t i = 0; i < n && k < cap;) {
        size_t l;
        int m = mark_at(s, n, i, &l);
        if (!m) {
            i++;
            continue;
        }
        int dbl = m <= 3;
        int can_open = m == 1 || m == 4 || ((m == 3 || m == 6) && space_before(s, i) && letter_at(s, n, i + l)) ||
                       (m == 3 && space_before(s, i));
        int can_close = m == 2 || (m == 5 && !letter_at(s, n, i + l)) || (m == 3) ||
                        (m == 6 && !letter_at(s, n, i + l) && i > 0 && !space_before(s, i));
        if (m == 4 && !space_before(s, i) && letter_at(s, n, i - 1))
            can_open = 0;
        if (!open && can_open) {
            open = dbl ? 1 : 2;
            start = i + l;
        } else if (open && can_close && ((open == 1) == dbl)) {
            if (i > start)
                out[k++] = (span){start, i};
            open = 0;
        }
        i += l;
    }
    if (open && k < cap && n > start)
        out[k++] = (span){start, n};
    return k;
}

static size_t word_count(const char *s, size_t n, size_t *long_words, size_t *long_caps)
{
    size_t w = 0;
    *long_words = *long_caps = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && !letter_at(s, n, i))
            i++;
        size_t st = i;
        while (i < n && (letter_at(s, n, i) || s[i] == '\'' || s[i] == '-'))
            i++;
        if (i > st) {
            w++;
            if (i - st >= 4) {
                (*long_words)++;
                *long_caps += evc_is_upper((unsigned char)s[st]);
            }
        }
    }
    return w;
}

/* The token index at byte offset `off` of doc->text (first token starting
 * at or after it) within sentence range [b,e). */
static size_t tok_at(const evc_doc *d, size_t b, size_t e, size_t off)
{
    size_t lo = b, hi = e;
    EVC_LOWER_BOUND(lo, hi, mid, d->toks.v[mid].start < off);
    return lo;
}

static int is_term(const evc_doc *d, const char *p, size_t a, size_t b, size_t pstart)
{
    size_t lw, lc;
    size_t w = word_count(p + a, b - a, &lw, &lc);
    if (w == 0)
        return 1;
    /* a title: every long word capitalised */
    if (w >= 2 && w <= 8 && lw && lc == lw)
        return 1;
    if (w > 3)
        return 0;
    /* a term: "the “mission”", "an 'over the horizon' capability" */
    size_t t = tok_at(d, 0, d->toks.n, pstart + a);
    size_t q = t;
    while (q > 0 && (d->toks.v[q - 1].flags & EVC_TK_QUOTE))
        q--;
    if (q == 0)
        return 0;
    const evc_token *prev = &d->toks.v[q - 1];
    static const char *const det[] = {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that",
                                      "so-called", "called", "dubbed", "termed", "word", "phrase", "provide",
                                      "providing", "of", "as", NULL};
    int termish = evc_tok_in(d, prev, det);
    if (!termish || evc_tok_is(d, prev, "so-called") || evc_tok_is(d, prev, "dubbed") || evc_tok_is(d, prev, "termed"))
        return termish;
    /* "Mikati said the ceasefire was a “fundamental step”": the speaker's own
     * words inside reported speech; "Asked to define the “mission”": a term */
    size_t lo = 0, hi = d->sents.n;
    while (lo + 1 < hi) { /* the sentence holding token q */
        size_t mid = (lo + hi) / 2;
        if (d->sents.v[mid].tok0 <= q)
            lo = mid;
        else
            hi = mid;
    }
    size_t s = lo;
    for (size_t k = d->sents.v[s].tok0 + 60 < q ? q - 60 : d->sents.v[s].tok0; k < q; k++)
        if (evc_is_cue(d, &d->toks.v[k]) && !evc_tok_is(d, &d->toks.v[k], "asked") && !evc_tok_is(d, &d->toks.v[k], "ask"))
            return 0;
    return 1;
}

/* The actor mention that speaks through cue token c of sentence s: the
 * leftmost subject between the last quotation (or sentence start) and the
 * cue, else the name right after it ("said Price", "reports the Journal").
 * `inq` marks tokens inside quotations (relative to pt0), or NULL. */
static const evc_mention *speaker_for_cue(const evc_doc *d, size_t s, size_t c, size_t lo, const uint8_t *inq,
                                          size_t pt0)
{
    size_t m0 = d->sent_mention0.v[s], m1 = s + 1 < d->sent_mention0.n ? d->sent_mention0.v[s + 1] : d->mentions.n;
    if (c > lo + 40)
        lo = c - 40; /* a speaker stands near the verb; keeps long sentences linear */
    size_t hi = m1; /* m0 := first mention ending at or after lo (mentions are in text order) */
    EVC_LOWER_BOUND(m0, hi, mid, d->mentions.v[mid].t1 < lo);
    for (size_t k = c; k-- > lo;) {
        if ((inq && inq[k - pt0]) || evc_tok_is(d, &d->toks.v[k], ";")) {
            lo = k + 1;
            break;
        }
        /* "X warned Americans ..., and an official told AP": a clause of
         * another reporting verb ends at ", and" when a subject of its own
         * follows ("X welcomed it, but said ..." keeps X) */
        if (k > lo + 1 && (evc_tok_is(d, &d->toks.v[k], "and") || evc_tok_is(d, &d->toks.v[k], "but")) &&
            evc_tok_is(d, &d->toks.v[k - 1], ",")) {
            int cue_before = 0, subject = 0;
            for (size_t v = lo; v + 1 < k && !cue_before; v++)
                cue_before = evc_is_cue(d, &d->toks.v[v]);
            for (size_t i = m0; i < m1 && cue_before && !subject; i++)
                subject = d->mentions.v[i].t0 > k && d->mentions.v[i].t1 <= c;
            if (subject) {
                lo = k + 1;
                break;
            }
        }
    }
    /* "Russian officials told him that ..., the minister said": after a
     * fronted clause, the subject right before the verb speaks */
    for (size_t i = m0; i < m1; i++) {
        const evc_mention *m = &d->mentions.v[i];
        if (m->t1 != c || m->t0 <= lo || (m->flags & EVC_MN_FIRST_PERSON))
            continue;
        size_t k = m->t0;
        while (k > lo && in_list(d, &d->toks.v[k - 1], EVC_LX_DET))
            k--;
        if (k > lo && evc_tok_is(d, &d->toks.v[k - 1], ","))
            return m;
    }
    for (size_t i = m0; i < m1; i++) {
        const evc_mention *m = &d->mentions.v[i];
        if (m->t0 > c + 4)
            break;
        if (m->t1 > c || m->t0 < lo || (m->flags & EVC_MN_FIRST_PERSON))
            continue;
        if (!evc_possessor(d, m) && !evc_prep_object(d, m)) {
            /* "Mali's government spokesman, Col. Abdoulaye Maiga, said" */
            const evc_mention *n = i + 1 < m1 ? &d->mentions.v[i + 1] : NULL;
            /* "Its executive director, Cindy McCain, said"; ", Col. Abdoulaye
             * Maiga"; "A resident of Moulay Brahim, Hassan Ait Ali, said" */
            for (size_t j = i + 1; m->person < 0 && j < m1 && d->mentions.v[j].t0 <= m->t1 + 6; j++) {
                const evc_mention *a = &d->mentions.v[j];
                if (a->person >= 0 && a->t0 > m->t1 && a->t0 < c &&
                    (evc_tok_is(d, &d->toks.v[a->t0 - 1], ",") || evc_tok_is(d, &d->toks.v[a->t0 - 2], ",")))
                    return a;
            }
            if (m->person < 0 && n && n->person >= 0 && n->t0 <= m->t1 + 4 && n->t0 > m->t1 && n->t0 < c) {
                /* "MSNBC host Nicolle Wallace asked": an institution, a title, a person */
                size_t k = m->t1;
                while (k < n->t0 && (d->toks.v[k].flags & EVC_TK_WORD) && !(d->toks.v[k].flags & EVC_TK_CAP) &&
                       !in_list(d, &d->toks.v[k], EVC_LX_DET | EVC_LX_PREP | EVC_LX_SOFT | EVC_LX_BE | EVC_LX_CUE))
                    k++;
                if (k == n->t0 && k > m->t1 && !in_list(d, &d->toks.v[k], EVC_LX_TIME))
                    return n;
            }
            return m;
        }
    }
    /* "... Staff Mark Milley said": a name right before the verb speaks */
    for (size_t i = m0; i < m1; i++) {
        const evc_mention *m = &d->mentions.v[i];
        if (m->t1 == c && m->t0 >= lo && m->person >= 0)
            return m;
    }
    for (size_t i = m0; i < m1; i++) {
        const evc_mention *m = &d->mentions.v[i];
        if (m->t0 > c && m->t0 <= c + 3 && !(m->flags & EVC_MN_FIRST_PERSON))
            return m;
    }
    return NULL;
}

typedef struct cue_hit { size_t sent, tok; const evc_mention *who; } cue_hit;

/* First (or with `last`, last) cue with a speaker in token range [b,e) of
 * the paragraph, outside quotes. */
static int find_cue(const evc_doc *d, size_t s0, size_t s1, size_t b, size_t e, const uint8_t *inq, size_t pt0,
                    int last, cue_hit *hit)
{
    int found = 0;
    for (size_t s = s0; s < s1; s++) {
        const evc_sent *se = &d->sents.v[s];
        for (size_t i = se->tok0; i < se->tok0 + se->ntok; i++) {
            if (i < b || i >= e || inq[i - pt0] || !evc_is_cue(d, &d->toks.v[i]))
                continue;
            /* "according to X" */
            const evc_mention *who = speaker_for_cue(d, s, i, se->tok0, inq, pt0);
            if (who) {
                *hit = (cue_hit){s, i, who};
                found = 1;
                if (!last)
                    return 1;
            }
        }
        for (size_t i = se->tok0; i + 1 < se->tok0 + se->ntok && !(found && last); i++) {
            if (i < b || i >= e || inq[i - pt0] || !evc_tok_is(d, &d->toks.v[i], "according") ||
                !evc_tok_is(d, &d->toks.v[i + 1], "to"))
                continue;
            const evc_mention *who = speaker_for_cue(d, s, i + 1, i + 1, inq, pt0);
            if (who) {
                *hit = (cue_hit){s, i, who};
                return 1;
            }
        }
    }
    return found;
}

static const char *venue_after(evc_doc *d, size_t s, size_t c)
{
    const evc_sent *se = &d->sents.v[s];
    size_t e = se->tok0 + se->ntok;
    for (size_t i = c + 1; i < e && i < c + 8; i++) {
        const evc_token *t = &d->toks.v[i];
        if (!(evc_tok_is(d, t, "on") || evc_tok_is(d, t, "during") || evc_tok_is(d, t, "at") ||
              evc_tok_is(d, t, "in") || evc_tok_is(d, t, "to") || evc_tok_is(d, t, "with")))
            continue;
        size_t j = i + 1, last = 0;
        for (; j < e && j < i + 8; j++) {
            const evc_token *u = &d->toks.v[j];
            if (evc_tok_is(d, u, ",") || evc_tok_is(d, u, "that") || evc_tok_is(d, u, "."))
                break;
            if ((u->flags & EVC_TK_CAP) || evc_tok_is(d, u, "briefing") || evc_tok_is(d, u, "conference") ||
                evc_tok_is(d, u, "interview") || evc_tok_is(d, u, "statement") || evc_tok_is(d, u, "speech"))
                last = j + 1;
        }
        if (!last)
            continue;
        size_t a = i + 1;
        while (a < last && (evc_tok_is(d, &d->toks.v[a], "a") || evc_tok_is(d, &d->toks.v[a], "an") ||
                            evc_tok_is(d, &d->toks.v[a], "the") || (d->toks.v[a].flags & EVC_TK_QUOTE)))
            a++;
        while (last > a && (d->toks.v[last - 1].flags & EVC_TK_PUNCT))
            last--;
        if (last <= a)
            return NULL;
        const evc_token *x = &d->toks.v[a], *y = &d->toks.v[last - 1];
        return evc_arena_strndup(&d->arena, d->text + x->start, y->start + y->len - x->start);
    }
    return NULL;
}

static evc_status add_quote(evc_doc *d, size_t start, size_t len, size_t sent, size_t para, const cue_hit *cue,
                            int kind, const evc_qspan *prev)
{
    evc_qspan *q = EVC_VEC_PUSH(&d->arena, d->quotes);
    if (!q)
        return EVC_ERR_NOMEM;
    q->start = (uint32_t)start;
    q->len = (uint32_t)len;
    q->sent = (uint32_t)sent;
    q->para = (uint32_t)para;
    q->kind = kind;
    q->speaker = -1;
    q->mention = -1;
    q->date = EVC_NO_DATE;
    if (cue) {
        q->mention = (int32_t)(cue->who - d->mentions.v);
        q->speaker_name = cue->who->name;
        q->speaker_code = cue->who->code;
        q->speaker = cue->who->person;
        const evc_token *c = &d->toks.v[cue->tok];
        q->cue = evc_arena_strndup(&d->arena, d->text + c->start, c->len);
        if (evc_tok_is(d, c, "according"))
            q->cue = "according to";
        q->venue = venue_after(d, cue->sent, cue->tok);
    } else if (prev) {
        q->mention = prev->mention;
        q->speaker_name = prev->speaker_name;
        q->speaker_code = prev->speaker_code;
        q->speaker = prev->speaker;
        q->venue = prev->venue;
    }
    return EVC_OK;
}

static size_t sent_of_tok(const evc_doc *d, size_t s0, size_t s1, size_t tok)
{
    for (size_t s = s0; s < s1; s++)
        if (tok < d->sents.v[s].tok0 + d->sents.v[s].ntok)
            return s;
    return s1 ? s1 - 1 : 0;
}

/* "Russian officials told him that Russia had no part in it, the minister
 * said": a sentence that ends with ", SPEAKER said" reports all that comes
 * before the comma (when none of it is quoted). Adds that quote and returns
 * 1, or returns 0 (-1 when out of memory). */
static int fronted(evc_doc *d, size_t p, size_t s, const uint8_t *inq, size_t pt0)
{
    const evc_sent *se = &d->sents.v[s];
    size_t b = se->tok0, c = b + se->ntok;
    while (c > b && (d->toks.v[c - 1].flags & EVC_TK_PUNCT))
        c--;
    if (c <= b + 5 || !evc_is_cue(d, &d->toks.v[c - 1]))
        return 0;
    c--; /* the cue */
    size_t m0 = d->sent_mention0.v[s], m1 = s + 1 < d->sent_mention0.n ? d->sent_mention0.v[s + 1] : d->mentions.n;
    const evc_mention *who = NULL;
    for (size_t i = m0; i < m1 && !who; i++)
        if (d->mentions.v[i].t1 == c && !(d->mentions.v[i].flags & EVC_MN_FIRST_PERSON))
            who = &d->mentions.v[i];
    if (!who)
        return 0;
    size_t k = who->t0;
    while (k > b && in_list(d, &d->toks.v[k - 1], EVC_LX_DET))
        k--;
    if (k < b + 4 || !evc_tok_is(d, &d->toks.v[k - 1], ","))
        return 0;
    for (size_t t = b; t < k; t++)
        if (inq[t - pt0] || (d->toks.v[t].flags & EVC_TK_QUOTE))
            return 0;
    const evc_token *x = &d->toks.v[b], *y = &d->toks.v[k - 2];
    cue_hit hit = {s, c, who};
    return add_quote(d, x->start, y->start + y->len - x->start, s, p, &hit, 1, NULL) ? -1 : 1;
}

/* Indirect quotes: "X said (that) CLAUSE" outside direct quotes. */
static evc_status indirect(evc_doc *d, size_t p, size_t s0, size_t s1, const uint8_t *inq, size_t pt0)
{
    for (size_t s = s0; s < s1; s++) {
        const evc_sent *se = &d->sents.v[s];
        size_t e = se->tok0 + se->ntok;
        int f = fronted(d, p, s, inq, pt0);
        if (f < 0)
            return EVC_ERR_NOMEM;
        for (size_t i = se->tok0; !f && i + 2 < e; i++) {
            const evc_token *t = &d->toks.v[i];
            if (inq[i - pt0] || !in_list(d, t, EVC_LX_INDIRECT))
                continue;
            size_t a = i + 1;
            /* "said on Monday that", "said in a statement that" */
            for (size_t k = a; k < e && k < a + 12; k++) {
                const evc_token *u = &d->toks.v[k];
                if (evc_tok_is(d, u, "that")) {
                    int plain = 1;
                    for (size_t x = a; x < k; x++)
                        plain &= !(d->toks.v[x].flags & EVC_TK_PUNCT) || evc_tok_is(d, &d->toks.v[x], ",");
                    if (plain)
                        a = k;
                    break;
                }
                if ((u->flags & EVC_TK_PUNCT) && !evc_tok_is(d, u, ","))
                    break;
            }
            /* '"...," said X': the speaker follows, there is no clause */
            if (i > se->tok0 && (d->toks.v[i - 1].flags & EVC_TK_QUOTE))
                continue;
            if (i > se->tok0 + 1 && evc_tok_is(d, &d->toks.v[i - 1], ",") && (d->toks.v[i - 2].flags & EVC_TK_QUOTE))
                continue;
            if (evc_tok_is(d, &d->toks.v[a], "that"))
                a++;
            else if (!in_list(d, t, EVC_LX_BARE)) {
                continue; /* "maintain a capability", "noted the date": only with "that" */
            } else {
                const evc_token *n = &d->toks.v[a];
                static const char *const no[] = {"on", "in", "at", "to", "during", "with", "by", "of", "for",
                                                 "about", "it", "in", "so", "as", "this", "earlier", "later",
                                                 "last", "yesterday", "sunday", "monday", "tuesday", "wednesday",
                                                 "thursday", "friday", "saturday", NULL};
                if (!(n->flags & EVC_TK_WORD))
                    continue;
                int bad = 0;
                for (int k = 0; no[k]; k++)
                    bad |= evc_tok_is(d, n, no[k]);
                /* "warned Americans to avoid the airport": an object and an infinitive, no clause */
                static const char *const obj_inf[] = {"warn", "warned", "warns", "urge", "urged", "urges", "ask",
                                                      "asked", "asks", "tell", "told", "tells", "advise", "advised",
                                                      "advises", NULL};
                for (size_t k = a + 1; !bad && evc_tok_in(d, t, obj_inf) && k < e && k < a + 5 &&
                                       !(d->toks.v[k].flags & EVC_TK_PUNCT);
                     k++)
                    bad = evc_tok_is(d, &d->toks.v[k], "to");
                if (bad)
                    continue;
            }
            if (a >= e || (d->toks.v[a].flags & EVC_TK_QUOTE))
                continue;
            const evc_mention *who = speaker_for_cue(d, s, i, se->tok0, inq, pt0);
            if (!who || who->t0 >= a)
                continue;
            size_t z = a;
            while (z < e && !inq[z - pt0] && !(evc_tok_is(d, &d->toks.v[z], ",") && z + 1 < e &&
                                               (evc_is_cue(d, &d->toks.v[z + 1]) ||
                                                evc_tok_is(d, &d->toks.v[z + 1], "claiming"))))
                z++;
            while (z < e && inq[z - pt0])
                z++;
            if (z < e && !evc_tok_is(d, &d->toks.v[z], ","))
                z = e;
            size_t last = z;
            while (last > a && (evc_tok_is(d, &d->toks.v[last - 1], ".") || evc_tok_is(d, &d->toks.v[last - 1], ",")))
                last--;
            if (last - a < 3)
                continue;
            const evc_token *x = &d->toks.v[a], *y = &d->toks.v[last - 1];
            cue_hit hit = {s, i, who};
            evc_status st = add_quote(d, x->start, y->start + y->len - x->start, s, p, &hit, 1, NULL);
            if (st)
                return st;
            i = z;
        }
    }
    return EVC_OK;
}

evc_status evc_quotes(evc_doc *d, size_t p)
{
    const evc_para *pa = &d->paras.v[p];
    const char *ps = d->text + pa->start;
    /* sentences and tokens of this paragraph */
    size_t s0 = 0, hi = d->sents.n; /* s0 := first sentence of paragraph p */
    EVC_LOWER_BOUND(s0, hi, mid, d->sents.v[mid].para < p);
    size_t s1 = s0;
    while (s1 < d->sents.n && d->sents.v[s1].para == p)
        s1++;
    if (s0 == s1)
        return EVC_OK;
    size_t pt0 = d->sents.v[s0].tok0, pt1 = d->sents.v[s1 - 1].tok0 + d->sents.v[s1 - 1].ntok;
    uint8_t *inq = evc_arena_calloc(&d->arena, pt1 - pt0 + 1, 1);
    span sp[64];
    size_t ns = find_spans(ps, pa->len, sp, 64);
    if (!inq)
        return EVC_ERR_NOMEM;
    int keep[64];
    for (size_t k = 0; k < ns; k++) {
        keep[k] = !is_term(d, ps, sp[k].a, sp[k].b, pa->start);
        size_t ta = tok_at(d, pt0, pt1, pa->start + sp[k].a), tb = tok_at(d, pt0, pt1, pa->start + sp[k].b);
        for (size_t t = ta; t < tb; t++)
            inq[t - pt0] = keep[k] ? 1 : 2;
    }
    /* the paragraph's cue: after the first quote, else before it, else anywhere */
    cue_hit hit;
    int have = 0;
    for (size_t k = 0; k < ns && !have; k++) {
        if (!keep[k])
            continue;
        size_t tb = tok_at(d, pt0, pt1, pa->start + sp[k].b);
        size_t next = k + 1 < ns ? tok_at(d, pt0, pt1, pa->start + sp[k + 1].a) : pt1;
        /* '..., he said', '," said X', '" reports the Journal': right after the mark */
        size_t near = tb;
        while (near < next && near < tb + 3 && (d->toks.v[near].flags & EVC_TK_PUNCT))
            near++;
        size_t lim = near + 4 < next ? near + 4 : next;
        have = find_cue(d, s0, s1, tb, lim, inq, pt0, 0, &hit);
        if (!have) { /* the cue nearest before it: "X warned ..., and an official told AP that '...'" */
            size_t ta = tok_at(d, pt0, pt1, pa->start + sp[k].a);
            have = find_cue(d, s0, s1, pt0, ta, inq, pt0, 1, &hit);
        }
    }
    /* else any attribution in the paragraph */
    for (size_t k = 0; k < ns && !have; k++)
        if (keep[k])
            have = find_cue(d, s0, s1, pt0, pt1, inq, pt0, 0, &hit);
    /* a paragraph without attribution continues the last speaker, preferring
     * a person over an institution */
    const evc_qspan *prev = d->quotes.n ? &d->quotes.v[d->quotes.n - 1] : NULL;
    for (size_t k = d->quotes.n; k-- > 0 && k + 4 >= d->quotes.n;)
        if (d->quotes.v[k].speaker >= 0) {
            prev = &d->quotes.v[k];
            break;
        }
    for (size_t k = 0; k < ns; k++) {
        if (!keep[k])
            continue;
        size_t a = sp[k].a, b = sp[k].b;
        while (a < b && evc_is_space((unsigned char)ps[a]))
            a++;
        while (b > a && evc_is_space((unsigned char)ps[b - 1]))
            b--;
        if (b <= a)
            continue;
        size_t ta = tok_at(d, pt0, pt1, pa->start + a);
        evc_status st = add_quote(d, pa->start + a, b - a, sent_of_tok(d, s0, s1, ta), p, have ? &hit : NULL, 0,
                                  have ? NULL : prev);
        if (st)
            return st;
    }
    for (size_t t = pt0; t < pt1; t++)
        if (inq[t - pt0] == 2)
            inq[t - pt0] = 0;
    return indirect(d, p, s0, s1, inq, pt0);
}
