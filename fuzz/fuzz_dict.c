/*
 * Fuzz target: our dictionary reader (src/dict.c). A scratch directory
 * holds a copy of the unit-test fixture dictionaries; the first input byte
 * chooses which file the rest of the input replaces (cameo.txt, one of the
 * files in en/, or a sibling en/actors-fuzz.txt). The directory is then read in
 * check mode (evc_dict_check, every bad line reported) and loaded as
 * evc_ctx_new does, and a sentence is coded with what loaded. Checks: each
 * report names the file and a line inside it; the check and the load agree
 * on whether the dictionaries are good.
 */
#define _POSIX_C_SOURCE 200809L
#include "evcode.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef EVC_FIXTURES
#error "EVC_FIXTURES names the fixture dictionary directory"
#endif

static const char *const FILES[] = {"cameo.txt",          "en/lemmas.txt", "en/countries.txt",
                                    "en/actors.txt",      "en/people.txt", "en/agents.txt",
                                    "en/verbs.txt",       "en/boilerplate.txt", "en/actors-fuzz.txt"};
enum { N_FILES = sizeof FILES / sizeof FILES[0] };
static char dir[64];

static void remove_dir(void)
{
    char path[128];
    for (size_t i = 0; i < N_FILES; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, FILES[i]);
        remove(path);
    }
    snprintf(path, sizeof path, "%s/en", dir);
    rmdir(path);
    rmdir(dir);
}

/* Copies fixture file i into the scratch directory (nothing when absent). */
static void restore(size_t i)
{
    char src[4096], dst[128], buf[4096];
    snprintf(src, sizeof src, "%s/%s", EVC_FIXTURES, FILES[i]);
    snprintf(dst, sizeof dst, "%s/%s", dir, FILES[i]);
    remove(dst);
    FILE *in = fopen(src, "rb"), *out = in ? fopen(dst, "wb") : NULL;
    size_t n;
    while (out && (n = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, n, out);
    if (out)
        fclose(out);
    if (in)
        fclose(in);
}

static int setup(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/evc-fuzz-dict-XXXXXX", tmp && strlen(tmp) < 30 ? tmp : "/tmp");
    char en[96];
    if (!mkdtemp(dir))
        return -1;
    snprintf(en, sizeof en, "%s/en", dir);
    if (mkdir(en, 0700))
        return -1;
    atexit(remove_dir);
    for (size_t i = 0; i < N_FILES; i++)
        restore(i);
    return 0;
}

typedef struct report {
    const char *file;   /* the file the input replaced */
    size_t lines, n;
} report;

static void on_error(void *user, const evc_error *e)
{
    report *r = user;
    if (!e->msg[0] || !e->file[0])
        abort();
    if (e->code == EVC_ERR_DICT) {
        if (e->line < 1)
            abort();
        size_t fl = strlen(e->file), nl = strlen(r->file);
        if (fl >= nl && !strcmp(e->file + fl - nl, r->file) && e->line > r->lines)
            abort(); /* a line past the end of the fuzzed file */
    }
    r->n++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0] && setup())
        abort();
    if (size < 1)
        return 0;
    size_t which = data[0] % N_FILES;
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, FILES[which]);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data + 1, 1, size - 1, f);
    fclose(f);
    report r = {FILES[which], 1, 0};
    for (size_t i = 1; i < size; i++)
        r.lines += data[i] == '\n';

    evc_dict_stats stats;
    evc_status checked = evc_dict_check(dir, on_error, &r, &stats);
    if ((checked == EVC_ERR_DICT && !r.n) || (checked == EVC_OK && r.n))
        abort(); /* a failed check reports why; a passed one reports nothing */
    evc_options o;
    evc_options_default(&o);
    o.dict_dir = dir;
    evc_ctx *ctx = NULL;
    evc_error err;
    evc_status loaded = evc_ctx_new(&o, &ctx, &err);
    if ((loaded == EVC_OK) != (checked == EVC_OK) || (loaded == EVC_OK) != (ctx != NULL))
        abort();
    if (ctx) {
        size_t n;
        evc_ctx_stats(ctx, &stats);
        for (size_t i = 0; evc_ctx_cameo_code(ctx, i, &n); i++)
            ;
        evc_doc *doc = evc_doc_new(ctx);
        static const char text[] = "Nordland troops attacked Sudmark on Monday and the minister condemned it.";
        evc_article a;
        memset(&a, 0, sizeof a);
        a.text = text;
        a.text_len = sizeof text - 1;
        a.published = "2021-09-02";
        a.published_len = 10;
        if (doc)
            evc_doc_code(doc, &a, NULL);
        evc_doc_free(doc);
    }
    evc_ctx_free(ctx);
    restore(which);
    return 0;
}
