/*
 * Fuzz target: the TABARI / PETRARCH dictionary readers. The first input
 * byte chooses the kind (actors, agents, verbs, discards, issues, pico, TABARI
 * options) and the dialect (a ".txt" file is read as PETRARCH, else as
 * TABARI); the rest is the file. The load runs once as evc_ctx_new does (a
 * sentence is then coded with what loaded) and once in check mode (every
 * error reported).
 * The other kinds come from the small unit-test dictionaries, so that a
 * run compiles a few lines rather than the whole default set.
 */
#define _POSIX_C_SOURCE 200809L
#include "dict.h"
#include "evcode.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void count(void *user, const evc_error *e)
{
    (void)e;
    ++*(size_t *)user;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const kinds[] = {"actors", "agents", "verbs", "discards", "issues", "pico", "options"};
    enum { N_KINDS = sizeof kinds / sizeof kinds[0] };
    if (size < 1)
        return 0;
    const char *kind = kinds[data[0] % N_KINDS];
    int txt = (data[0] / N_KINDS) & 1;
    char path[64];
    snprintf(path, sizeof path, "/tmp/evc-fuzz-%ld.%s", (long)getpid(), txt ? "txt" : kind);
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data + 1, 1, size - 1, f);
    fclose(f);
    char spec[96];
    snprintf(spec, sizeof spec, "%s:%s", kind, path);
    const char *files[] = {spec};
    evc_options o;
    evc_options_default(&o);
    o.dict_dir = EVC_FIXTURES;
    o.dict_files = files;
    o.n_dict_files = 1;
    evc_ctx *ctx = NULL;
    if (evc_ctx_new(&o, &ctx, NULL) == EVC_OK) {
        evc_doc *doc = evc_doc_new(ctx);
        static const char text[] = "Nordland troops attacked Sudmark and the minister condemned the attack.";
        evc_article a;
        memset(&a, 0, sizeof a);
        a.text = text;
        a.text_len = sizeof text - 1;
        if (doc)
            evc_doc_code(doc, &a, NULL);
        evc_doc_free(doc);
    }
    evc_ctx_free(ctx);
    /* check mode: every error reported, none fatal */
    size_t n = 0;
    evc_dict_check_opts(&o, count, &n, NULL);
    remove(path);
    return 0;
}
