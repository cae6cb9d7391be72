/* Shared by the stage tests: code a text with the fixture dictionary. */
#ifndef EVC_DOC_HELPERS_H
#define EVC_DOC_HELPERS_H
#include "evcode.h"
#include "harness.h"
#include <stdlib.h>
#include <string.h>

static evc_ctx *ctx;
static evc_doc *doc;

static inline int setup(void)
{
    evc_options o;
    evc_options_default(&o);
    o.dict_dir = EVC_FIXTURES;
    if (evc_ctx_new(&o, &ctx, NULL) != EVC_OK)
        return -1;
    doc = evc_doc_new(ctx);
    return doc ? 0 : -1;
}

static inline void teardown(void)
{
    evc_doc_free(doc);
    evc_ctx_free(ctx);
}

static inline evc_status code(const char *published, const char *text)
{
    evc_article a;
    memset(&a, 0, sizeof a);
    a.id = "t";
    a.id_len = 1;
    a.text = text;
    a.text_len = strlen(text);
    a.title_in_text = 1;
    if (published) {
        a.published = published;
        a.published_len = strlen(published);
    }
    return evc_doc_code(doc, &a, NULL);
}

/* "SRC CODE TGT" of event i, or "" */
static inline const char *ev(size_t i)
{
    static char buf[128];
    const evc_event *e = evc_doc_event(doc, i);
    if (!e)
        return "";
    snprintf(buf, sizeof buf, "%s %s %s", e->source, e->code, e->target);
    return buf;
}

/* Is some event "SRC CODE TGT"? */
static inline int has(const char *want)
{
    for (size_t i = 0; i < evc_doc_n_events(doc); i++)
        if (!strcmp(ev(i), want))
            return 1;
    return 0;
}

static inline int collect(void *user, const char *bytes, size_t len)
{
    char **out = user;
    size_t old = *out ? strlen(*out) : 0;
    char *p = realloc(*out, old + len + 1);
    if (!p)
        return 1;
    memcpy(p + old, bytes, len);
    p[old + len] = 0;
    *out = p;
    return 0;
}

#endif
