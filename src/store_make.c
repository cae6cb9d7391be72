/*
 * Store snapshots read back from records (evc_store_doc_from_records): the
 * article, event and quote records that evc_doc_write gives, parsed by the
 * caller, become the snapshot evc_store_doc_new would have taken of the
 * coded document. Articles coded on many machines can so be merged into one
 * store, with the store's deduplication applied as if one machine had coded
 * them all.
 *
 * The cleaned body is one paragraph per kept line, paragraphs joined by a
 * blank line (clean.c), so splitting the article record's text at "\n\n"
 * gives back the paragraphs the passage fingerprints are taken from.
 */
#include "store.h"
#include <stdlib.h>
#include <string.h>

/* The paragraphs of `text` (at most UINT32_MAX bytes): spans between "\n\n".
 * Returns a malloc'd array (caller frees) and its length in *n; NULL when
 * out of memory. */
static evc_para *split_paras(const char *text, size_t len, size_t *n)
{
    size_t cap = 1;
    for (const char *p = text; (p = strstr(p, "\n\n")); p += 2)
        cap++;
    evc_para *v = calloc(cap, sizeof *v);
    if (!v)
        return NULL;
    size_t k = 0, start = 0;
    for (;;) {
        const char *e = strstr(text + start, "\n\n");
        size_t end = e ? (size_t)(e - text) : len;
        if (end > start) {
            v[k].start = (uint32_t)start;
            v[k].len = (uint32_t)(end - start);
            k++;
        }
        if (!e)
            break;
        start = end + 2;
    }
    *n = k;
    return v;
}

evc_status evc_store_doc_from_records(const evc_article_info *art, const evc_event *events, size_t n_events,
                                      const evc_quote *quotes, size_t n_quotes, evc_store_doc **out)
{
    if (!out)
        return EVC_ERR_ARG;
    *out = NULL;
    if (!art || !art->id || (n_events && !events) || (n_quotes && !quotes))
        return EVC_ERR_ARG;
    for (size_t i = 0; i < n_events; i++)
        if (!events[i].code || strlen(events[i].code) < 2)
            return EVC_ERR_ARG;
    const char *text = art->text ? art->text : "";
    size_t len = strlen(text);
    if (len > EVC_MAX_ARTICLE_BYTES)
        return EVC_ERR_ARG;
    size_t n_paras = 0;
    evc_para *paras = split_paras(text, len, &n_paras);
    if (!paras)
        return EVC_ERR_NOMEM;
    evc_status st = evc_store_doc_build(art, events, n_events, quotes, n_quotes, text, paras, n_paras, out);
    free(paras);
    return st;
}
