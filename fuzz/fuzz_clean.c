/*
 * Fuzz target: the cleaner (src/clean.c) with the built-in dictionaries'
 * boilerplate. The first input byte chooses the article's metadata (title
 * in the text or given, publication date) and whether the text is fed
 * whole or in chunks of 1 to 16 bytes; the rest is the text, cleaned even
 * when it would be refused as empty or binary. Checks: the body is valid
 * UTF-8 without control bytes but '\n' and '\t', its paragraphs lie inside
 * it in order, separated by blank lines, and title, outlet and date are
 * well formed.
 */
#include "doc.h"
#include "fuzz_check.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check_body(const evc_doc *d)
{
    if (!d->text || d->text[d->text_len] != 0)
        abort();
    fuzz_check_utf8(d->text, d->text_len);
    for (size_t i = 0; i < d->text_len; i++) {
        unsigned char c = (unsigned char)d->text[i];
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
            abort();
    }
    size_t end = 0;
    for (size_t p = 0; p < d->paras.n; p++) {
        const evc_para *pa = &d->paras.v[p];
        if (!pa->len || pa->start < end || (size_t)pa->start + pa->len > d->text_len)
            abort();
        if (p && (pa->start != end + 2 || d->text[end] != '\n' || d->text[end + 1] != '\n'))
            abort();
        if (memchr(d->text + pa->start, '\n', pa->len) || evc_is_space((unsigned char)d->text[pa->start]) ||
            evc_is_space((unsigned char)d->text[pa->start + pa->len - 1]))
            abort();
        end = pa->start + pa->len;
    }
    if (end != d->text_len)
        abort();
    fuzz_check_str(d->info.title);
    fuzz_check_str(d->info.outlet);
    long days;
    if (d->info.published && evc_parse_iso_date(d->info.published, strlen(d->info.published), &days))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    evc_ctx *ctx = fuzz_ctx();
    if (size < 1)
        return 0;
    unsigned mode = data[0];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    evc_doc *doc = evc_doc_new(ctx);
    if (!doc)
        return 0;
    evc_article a;
    memset(&a, 0, sizeof a);
    a.title_in_text = mode & 1;
    a.title = (mode & 2) ? "Talks resume in Kabul" : NULL;
    a.title_len = a.title ? strlen(a.title) : 0;
    a.published = (mode & 4) ? "2021-09-02" : NULL;
    a.published_len = a.published ? 10 : 0;
    evc_status st = evc_doc_begin(doc, &a, NULL);
    size_t chunk = (mode & 8) ? (mode >> 4) + 1 : len;
    for (size_t i = 0; st == EVC_OK && i < len; i += chunk)
        st = evc_doc_feed(doc, text + i, len - i < chunk ? len - i : chunk, NULL);
    if (st == EVC_OK && evc_clean(doc, NULL) == EVC_OK)
        check_body(doc);
    evc_doc_free(doc);
    return 0;
}
