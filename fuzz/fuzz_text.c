/*
 * Fuzz target: the tokenizer (src/tokenize.c) and the sentence splitter
 * (src/sentence.c). The tokenizer first runs on the raw input bytes (any
 * bytes at all): tokens must be non-empty, in order, inside the input, and
 * every byte they leave out must be a space (or '_'). Then the input is cleaned as
 * an article and split: each paragraph's tokens must be cut into sentences
 * that cover them all, in order, each sentence's text being its bytes.
 */
#include "doc.h"
#include "fuzz_check.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Length of the space at s[k] (ASCII, a no-break space, or '_', which joins
 * words as a space does), 0 when none. */
static size_t space_len(const char *s, size_t k, size_t end)
{
    if (evc_is_space((unsigned char)s[k]) || s[k] == '_')
        return 1;
    return k + 1 < end && (unsigned char)s[k] == 0xC2 && (unsigned char)s[k + 1] == 0xA0 ? 2 : 0;
}

static void check_gap(const char *s, size_t from, size_t to)
{
    for (size_t k = from, l; k < to; k += l)
        if (!(l = space_len(s, k, to)))
            abort();
}

static void check_tokens(const char *s, size_t n, size_t base, const evc_token *t, size_t nt)
{
    size_t at = 0;
    for (size_t i = 0; i < nt; i++) {
        if (t[i].start < base || !t[i].len)
            abort();
        size_t st = t[i].start - base;
        if (st < at || st + t[i].len > n)
            abort();
        check_gap(s, at, st);
        at = st + t[i].len;
    }
    check_gap(s, at, n);
}

static void check_sentences(const evc_doc *d)
{
    size_t tok = 0;
    for (size_t s = 0; s < d->sents.n; s++) {
        const evc_sent *x = &d->sents.v[s];
        if (x->tok0 != tok || !x->ntok || (size_t)x->tok0 + x->ntok > d->toks.n || x->para >= d->paras.n ||
            x->index != (int)s)
            abort();
        const evc_para *p = &d->paras.v[x->para];
        const evc_token *a = &d->toks.v[x->tok0], *b = &d->toks.v[x->tok0 + x->ntok - 1];
        if (x->start != a->start || x->start + x->len != b->start + b->len || x->start < p->start ||
            x->start + x->len > p->start + p->len)
            abort();
        if (strlen(x->text) != x->len || memcmp(x->text, d->text + x->start, x->len))
            abort();
        if (s && x->para < d->sents.v[s - 1].para)
            abort();
        tok += x->ntok;
    }
    if (tok != d->toks.n)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    evc_ctx *ctx = fuzz_ctx();
    const char *s = (const char *)data;
    evc_arena arena;
    evc_arena_init(&arena, 4096);
    evc_token_vec toks = {0};
    if (evc_tokenize(&arena, s, size, 7, &toks) == 0)
        check_tokens(s, size, 7, toks.v, toks.n);
    evc_arena_free(&arena);

    evc_doc *doc = evc_doc_new(ctx);
    if (!doc)
        return 0;
    evc_article a;
    memset(&a, 0, sizeof a);
    a.text = s;
    a.text_len = size;
    a.title_in_text = 1;
    if (evc_doc_begin(doc, &a, NULL) == EVC_OK && evc_doc_feed(doc, s, size, NULL) == EVC_OK &&
        evc_clean(doc, NULL) == EVC_OK && evc_split(doc) == EVC_OK)
        check_sentences(doc);
    evc_doc_free(doc);
    return 0;
}
