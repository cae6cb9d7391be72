/*
 * Sentence splitting over tokens. A paragraph always ends a sentence; inside
 * one, '.', '!', '?' and '…' end a sentence when the next token (after any
 * closing quotes or brackets) begins with a capital, a digit or an opening
 * quote. Abbreviations keep their dot inside the token (tokenize.c), so
 * "Gen. Milley" and "Sept. 1" never split; an abbreviation such as "U.S."
 * ends a sentence only before a word that typically starts one.
 */
#include "doc.h"
#include "lexicon.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>

static const char *const STARTERS[] = {"The", "He", "She", "It", "They", "We", "I", "But", "And", "In", "A", "An",
                                       "This", "That", "These", "Those", "His", "Her", "Their", "Our", "On", "At",
                                       "As", "After", "Meanwhile", "However", "Still", "Also", "Since", NULL};

int evc_tok_is_slow(const evc_token *t, const char *word, size_t n)
{
    return t->h == evc_hash(word, n); /* the normal form: lower case, ’ as ', no dots */
}

static int is_closer(const evc_doc *d, const evc_token *t)
{
    const char *s = evc_tok_text(d, t);
    if (t->len == 1)
        return s[0] == ')' || s[0] == ']' || s[0] == '"' || s[0] == '\'';
    return t->len == 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
           ((unsigned char)s[2] == 0x9D || (unsigned char)s[2] == 0x99);
}

static int is_end_punct(const evc_doc *d, const evc_token *t)
{
    const char *s = evc_tok_text(d, t);
    if (t->len == 1)
        return s[0] == '.' || s[0] == '!' || s[0] == '?';
    return t->len == 3 && memcmp(s, "\xE2\x80\xA6", 3) == 0;
}

static int starts_sentence(const evc_doc *d, const evc_token *t)
{
    const char *s = evc_tok_text(d, t);
    if (t->flags & EVC_TK_QUOTE)
        return 1;
    return evc_is_upper((unsigned char)s[0]) || evc_is_digit((unsigned char)s[0]) || ((unsigned char)s[0] >= 0xC3 && (t->flags & EVC_TK_CAP));
}

static evc_status add_sentence(evc_doc *d, uint32_t para, size_t t0, size_t t1)
{
    if (t1 <= t0)
        return EVC_OK;
    evc_sent *s = EVC_VEC_PUSH(&d->arena, d->sents);
    if (!s)
        return EVC_ERR_NOMEM;
    const evc_token *a = &d->toks.v[t0], *b = &d->toks.v[t1 - 1];
    s->start = a->start;
    s->len = b->start + b->len - a->start;
    s->para = para;
    s->tok0 = (uint32_t)t0;
    s->ntok = (uint32_t)(t1 - t0);
    s->index = (int)d->sents.n - 1;
    s->date = EVC_NO_DATE;
    s->text = evc_arena_strndup(&d->arena, d->text + s->start, s->len);
    return s->text ? EVC_OK : EVC_ERR_NOMEM;
}

/* Lemma and lexicon classes of token i in a sentence that began at token
 * `start`: names inside a sentence are no inflected verbs, so only
 * lower-case words and words that may begin a sentence get a lemma. */
/* A token's lemma and word classes depend only on its normalised form, that
 * is on its hash h, so they are memoised (doc.h: evc_memo_slot). */
static void set_lemma(evc_doc *d, size_t i, size_t start)
{
    evc_token *t = &d->toks.v[i];
    int name = (t->flags & (EVC_TK_CAP | EVC_TK_ALLCAPS)) && i > start && !is_end_punct(d, &d->toks.v[i - 1]) &&
               !(d->toks.v[i - 1].flags & EVC_TK_QUOTE);
    int word = (t->flags & EVC_TK_WORD) && !name;
    evc_word_memo *m = evc_memo_slot(d, t->h);
    if (m) {
        if (m->have & (word ? EVC_MEMO_WORD : EVC_MEMO_NAME)) {
            if (word)
                t->lemma = m->lemma;
            t->lex = word ? m->lex_word : m->lex_name;
            return;
        }
    }
    if (word) {
        t->lemma = evc_lemma(d->ctx, evc_tok_text(d, t), t->len, t->h);
        t->lex = evc_lexicon_classes(d->ctx, evc_tok_text(d, t), t->len, t->h, t->lemma);
    } else {
        t->lex = evc_lexicon_classes(d->ctx, evc_tok_text(d, t), t->len, t->h, t->h);
    }
    if (m) {
        if (word) {
            m->lemma = t->lemma;
            m->lex_word = t->lex;
        } else {
            m->lex_name = t->lex;
        }
        m->have |= word ? EVC_MEMO_WORD : EVC_MEMO_NAME;
    }
}

evc_status evc_split(evc_doc *d)
{
    for (size_t p = 0; p < d->paras.n; p++) {
        const evc_para *pa = &d->paras.v[p];
        size_t t0 = d->toks.n;
        if (evc_tokenize(&d->arena, d->text + pa->start, pa->len, pa->start, &d->toks))
            return EVC_ERR_NOMEM;
        size_t t1 = d->toks.n, start = t0;
        for (size_t i = t0; i < t1; i++) {
            evc_token *t = &d->toks.v[i];
            set_lemma(d, i, start);
            int end = is_end_punct(d, t);
            if (!end && (t->flags & EVC_TK_ABBR) && i + 1 < t1) {
                const evc_token *n = &d->toks.v[i + 1];
                for (int k = 0; STARTERS[k]; k++)
                    if (evc_eq_nocase(evc_tok_text(d, n), n->len, STARTERS[k]) && (n->flags & EVC_TK_CAP))
                        end = 2;
            }
            if (!end)
                continue;
            size_t j = i + 1;
            while (end == 1 && j < t1 && is_closer(d, &d->toks.v[j]) &&
                   d->toks.v[j].start == d->toks.v[j - 1].start + d->toks.v[j - 1].len)
                j++;
            while (end == 1 && j < t1 && is_end_punct(d, &d->toks.v[j]))
                j++;
            if (j < t1 && !starts_sentence(d, &d->toks.v[j])) {
                /* the closers and marks up to j would each reach this same
                 * j and fail too: skip them, so a run of marks is O(run) */
                while (++i < j)
                    set_lemma(d, i, start);
                i = j - 1;
                continue;
            }
            evc_status st = add_sentence(d, (uint32_t)p, start, j);
            if (st)
                return st;
            start = j;
            i = j - 1;
        }
        evc_status st = add_sentence(d, (uint32_t)p, start, t1);
        if (st)
            return st;
    }
    return EVC_OK;
}
