/* Context: options and dictionaries, loaded once and shared read-only. */
#define _POSIX_C_SOURCE 200809L
#include "cache.h"
#include "dict.h"
#include "lexicon.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef EVC_DATA_DIR
#define EVC_DATA_DIR "data"
#endif

const char *evc_strerror(evc_status status)
{
    switch (status) {
    case EVC_OK: return "success";
    case EVC_ERR_NOMEM: return "out of memory";
    case EVC_ERR_IO: return "cannot read file";
    case EVC_ERR_ARG: return "invalid argument";
    case EVC_ERR_DICT: return "dictionary error";
    case EVC_ERR_JSON: return "malformed JSON";
    case EVC_ERR_INPUT: return "unusable input";
    case EVC_ERR_ABORT: return "aborted by callback";
    }
    return "unknown error";
}

void evc_options_default(evc_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->max_article_bytes = (size_t)16 << 20;
}

const char *evc_default_data_dir(void) { return EVC_DATA_DIR; }

const char *evc_default_cache_dir(char *buf, size_t cap)
{
    const char *v = getenv("EVCODE_CACHE_DIR");
    int w = -1;
    if (v && *v)
        w = snprintf(buf, cap, "%s", v);
    else if ((v = getenv("XDG_CACHE_HOME")) && *v == '/')
        w = snprintf(buf, cap, "%s/evcode", v);
    else if ((v = getenv("HOME")) && *v)
        w = snprintf(buf, cap, "%s/.cache/evcode", v);
    return w > 0 && (size_t)w < cap ? buf : NULL;
}

static evc_status ctx_create(const evc_options *opts, evc_ctx **out, evc_error *err, evc_dict_error_fn on_error,
                             void *user)
{
    if (!out)
        return EVC_ERR_ARG;
    *out = NULL;
    if (err)
        memset(err, 0, sizeof *err);
    evc_ctx *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return EVC_ERR_NOMEM;
    evc_arena_init(&ctx->arena, 1 << 20);
    const char *tr = getenv("EVCODE_TRACE");
    ctx->trace = tr && *tr && *tr != '0';
    if (opts)
        ctx->opts = *opts;
    else
        evc_options_default(&ctx->opts);
    if (!ctx->opts.max_article_bytes)
        ctx->opts.max_article_bytes = (size_t)16 << 20;
    if (ctx->opts.max_article_bytes > EVC_MAX_ARTICLE_BYTES)
        ctx->opts.max_article_bytes = EVC_MAX_ARTICLE_BYTES;
    const char *dir = ctx->opts.dict_dir ? ctx->opts.dict_dir : EVC_DATA_DIR;
    ctx->opts.dict_dir = NULL; /* not kept: the caller owns the strings */
    ctx->opts.dict_files = NULL;
    const char *const *files = opts ? opts->dict_files : NULL;
    size_t n_files = opts ? opts->n_dict_files : 0;
    /* the compiled cache, never in check mode (which reports every line) */
    char cache[4096];
    int cached = !on_error && evc_cache_path(ctx->opts.cache_dir, dir, files, n_files, cache, sizeof cache);
    ctx->opts.cache_dir = NULL;
    ctx->opts.tabari = NULL; /* copied below */
    evc_tabari_options_default(&ctx->tabari);
    evc_status st = EVC_OK;
    if (!cached || !evc_cache_load(ctx, cache)) {
        st = evc_dict_load(ctx, dir, files, n_files, err, on_error, user);
        if (st == EVC_OK && cached && evc_cache_save(ctx, cache) == 0)
            ctx->cache_state = EVC_CACHE_WRITTEN;
    }
    if (opts && opts->tabari)
        ctx->tabari = *opts->tabari;
    if (st == EVC_OK)
        st = evc_lexicon_load(ctx);
    if (st != EVC_OK && !(st == EVC_ERR_DICT && on_error)) {
        evc_ctx_free(ctx);
        return st;
    }
    *out = ctx;
    return st; /* EVC_OK, or EVC_ERR_DICT in check mode */
}

void evc_ctx_tabari_options(const evc_ctx *ctx, evc_tabari_options *out) { *out = ctx->tabari; }

evc_status evc_ctx_new(const evc_options *opts, evc_ctx **out, evc_error *err)
{
    return ctx_create(opts, out, err, NULL, NULL);
}

evc_status evc_dict_check(const char *dir, evc_dict_error_fn on_error, void *user, evc_dict_stats *stats)
{
    evc_options o;
    evc_options_default(&o);
    o.dict_dir = dir;
    return evc_dict_check_opts(&o, on_error, user, stats);
}

evc_status evc_dict_check_opts(const evc_options *o, evc_dict_error_fn on_error, void *user, evc_dict_stats *stats)
{
    evc_ctx *ctx = NULL;
    evc_error err;
    memset(&err, 0, sizeof err);
    if (stats)
        memset(stats, 0, sizeof *stats);
    evc_status st = ctx_create(o, &ctx, &err, on_error, user);
    if (ctx && stats)
        evc_ctx_stats(ctx, stats);
    evc_ctx_free(ctx);
    if (st != EVC_OK && st != EVC_ERR_DICT && on_error)
        on_error(user, &err); /* a missing or unreadable file */
    return st;
}

void evc_ctx_free(evc_ctx *ctx)
{
    if (!ctx)
        return;
    evc_dict_free(ctx);
    evc_arena_free(&ctx->arena);
    free(ctx);
}

const char *evc_ctx_cameo_code(const evc_ctx *ctx, size_t i, size_t *n_patterns)
{
    if (!ctx || i >= ctx->n_cameo)
        return NULL;
    const char *code = ctx->cameo[i].code;
    size_t n = 0;
    for (size_t k = 0; k < ctx->n_patterns; k++)
        n += strcmp(ctx->patterns[k].code, code) == 0;
    if (n_patterns)
        *n_patterns = n;
    return code;
}

void evc_ctx_stats(const evc_ctx *ctx, evc_dict_stats *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < ctx->n_phrases; i++) {
        uint32_t f = ctx->phrases[i].flags;
        if (f & EVC_PH_DISCARD)
            continue;
        if (f & EVC_PH_AGENT) {
            out->agents++;
            continue;
        }
        out->actors++;
        if (f & EVC_PH_PERSON)
            out->people++;
        else if (f & (EVC_PH_COUNTRY | EVC_PH_ADJ | EVC_PH_CAPITAL))
            out->countries++;
        else
            out->organisations++;
    }
    out->files = ctx->n_files;
    out->discards = ctx->n_discards;
    out->issues = ctx->n_issues;
    out->synsets = ctx->n_synsets;
    out->skipped_lines = ctx->n_skipped;
    out->verb_patterns = ctx->n_patterns;
    out->cameo_codes = ctx->n_cameo;
    out->lemmas = ctx->n_lemmas;
    out->cache = ctx->cache_state;
    out->places = ctx->n_places;
}
