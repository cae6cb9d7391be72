/*
 * Compiled dictionary cache (see cache.h).
 *
 * File layout, native byte order, every section 8-byte aligned:
 *   cache_head   magic, format version, struct layout, build id, body size
 *                and hash
 *   cache_body   offsets and counts of the sections below, and scalars
 *   sections     the context's arrays as they are in memory; hash tables as
 *                keys and values; source files and listed directories with
 *                their hashes; one string section. A pointer field holds
 *                1 + the offset of its string in the string section (0 for
 *                NULL) and is made a pointer again when the file is mapped.
 * The map is private and writable, so the fix-ups stay in this process.
 */
#define _XOPEN_SOURCE 700
#include "cache.h"
#include "buf.h"
#include "dictload.h"
#include "util.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#if __has_include("evc_build_id.h")
#include "evc_build_id.h"
#endif
#ifndef EVC_BUILD_ID
#define EVC_BUILD_ID 0 /* unknown build: never cache */
#endif

#define CACHE_VERSION 9

typedef struct sect { uint64_t off, n; } sect;
typedef struct tab { sect keys, vals; uint64_t cap, n; } tab;
typedef struct cache_src { uint64_t path, size, hash; } cache_src;
typedef struct cache_dsig { uint64_t path, hash; } cache_dsig;

typedef struct cache_head {
    char magic[8];
    uint32_t version, layout;
    uint64_t build, body_len, body_hash;
} cache_head;

typedef struct cache_body {
    sect strings, srcs, dirs, files;
    sect phrases, words, codes, patterns, elems, alts, anchors, cameo, boiler, cameo_slot;
    sect places, place_text, place_ids;
    tab phrase_index, verb_index, lemmas, known, countries, surnames, place_index, place_country;
    uint64_t n_lemmas, peer, stem_lens, verb_stem_lens, word_stem_lens, n_discards, n_issues, n_synsets, n_skipped;
    evc_tabari_options tabari;
} cache_body;

static const char MAGIC[8] = "EVCDICT";

/* Changes whenever a struct written here changes size. */
static uint32_t layout(void)
{
    return (uint32_t)(sizeof(evc_phrase) * 1 + sizeof(evc_word) * 3 + sizeof(evc_codespec) * 7 +
                      sizeof(evc_pattern) * 11 + sizeof(evc_pelem) * 13 + sizeof(evc_cameo) * 17 +
                      sizeof(evc_boiler) * 19 + sizeof(cache_body) * 23 + sizeof(void *) * 29 +
                      sizeof(evc_place) * 31 + sizeof(evc_anchor) * 37);
}

/* Hash of bytes, eight at a time (fast enough to check megabytes of
 * sources at every load). */
static uint64_t hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 0x243f6a8885a308d3ULL ^ n;
    while (n >= 8) {
        uint64_t x;
        memcpy(&x, s, 8);
        h = (h ^ x) * 0x9e3779b97f4a7c15ULL;
        h ^= h >> 31;
        s += 8;
        n -= 8;
    }
    uint64_t x = 0;
    memcpy(&x, s, n);
    h = (h ^ x) * 0x9e3779b97f4a7c15ULL;
    return h ^ (h >> 29);
}

/* Size and content hash of a file; -1 when it cannot be read. */
static int file_sig(const char *path, uint64_t *size, uint64_t *hash)
{
    size_t len;
    int missing;
    char *buf = evc_read_file(path, &len, &missing);
    if (!buf)
        return -1;
    *size = len;
    *hash = hash_bytes(buf, len);
    free(buf);
    return 0;
}

/* Order-free hash of a directory's visible names; 1 when it cannot be listed. */
static uint64_t dir_sig(const char *path)
{
    DIR *dp = opendir(path);
    if (!dp)
        return 1;
    uint64_t h = 2;
    struct dirent *e;
    while ((e = readdir(dp)))
        if (e->d_name[0] != '.')
            h += evc_hash(e->d_name, strlen(e->d_name)) | 1;
    closedir(dp);
    return h;
}

int evc_cache_path(const char *cache_dir, const char *dir, const char *const *files, size_t n_files, char *out,
                   size_t cap)
{
    if (!cache_dir || !*cache_dir || EVC_BUILD_ID == 0)
        return 0;
    /* the same dictionaries named two ways share a cache when both resolve */
    char real[4096];
    uint64_t key = evc_hash("evcode-dict", 11);
    const char *names[2] = {dir, evc_default_data_dir()};
    for (int i = 0; i < 2; i++) {
        const char *n = names[i] ? names[i] : "";
        if (realpath(n, real))
            n = real;
        key = evc_hash_mix(key, evc_hash(n, strlen(n)));
    }
    for (size_t i = 0; i < n_files; i++) {
        const char *colon = strchr(files[i], ':');
        const char *p = colon ? colon + 1 : files[i];
        key = evc_hash_mix(key, evc_hash(files[i], colon ? (size_t)(colon - files[i]) : 0));
        if (realpath(p, real))
            p = real;
        key = evc_hash_mix(key, evc_hash(p, strlen(p)));
    }
    int w = snprintf(out, cap, "%s/dict-%016llx.bin", cache_dir, (unsigned long long)key);
    return w > 0 && (size_t)w < cap;
}

/* ---- writing ---- */

typedef struct writer {
    evc_buf b;          /* head, body, sections */
    evc_buf strs;       /* the string section, appended last */
    evc_htab seen;      /* string address -> 1 + offset */
} writer;

static void align8(evc_buf *b)
{
    static const char zero[8] = {0};
    if (b->len % 8)
        evc_buf_put(b, zero, 8 - b->len % 8);
}

/* Appends n elements of size sz; returns their offset in the body. */
static uint64_t put_array(writer *w, sect *s, const void *p, size_t n, size_t sz)
{
    align8(&w->b);
    uint64_t off = w->b.len - sizeof(cache_head);
    if (n)
        evc_buf_put(&w->b, p, n * sz);
    s->off = off;
    s->n = n;
    return off;
}

/* The address in the buffer of the section at body offset off (NULL after an
 * allocation failure). */
static void *at(writer *w, uint64_t off) { return w->b.oom ? NULL : w->b.ptr + sizeof(cache_head) + off; }

static uint64_t str_ref(writer *w, const char *s)
{
    if (!s)
        return 0;
    const uint64_t *v = evc_htab_get(&w->seen, (uint64_t)(uintptr_t)s);
    if (v)
        return *v;
    uint64_t ref = w->strs.len + 1;
    evc_buf_put(&w->strs, s, strlen(s) + 1);
    if (evc_htab_put(&w->seen, (uint64_t)(uintptr_t)s, ref))
        w->strs.oom = 1;
    return ref;
}

/* A string pointer field holds its reference while in the file. */
#define REF(w, field) ((field) = (const char *)(uintptr_t)str_ref((w), (field)))

static void put_tab(writer *w, tab *t, const evc_htab *h)
{
    put_array(w, &t->keys, h->keys, h->cap, sizeof(uint64_t));
    put_array(w, &t->vals, h->vals, h->cap, sizeof(uint64_t));
    t->cap = h->cap;
    t->n = h->n;
}

static int mkdirs(const char *path)
{
    char tmp[4096];
    int w = snprintf(tmp, sizeof tmp, "%s", path);
    if (w <= 0 || (size_t)w >= sizeof tmp)
        return -1;
    for (char *p = tmp + 1; *p; p++)
        if (*p == '/') {
            *p = 0;
            mkdir(tmp, 0755);
            *p = '/';
        }
    return mkdir(tmp, 0755) == 0 || access(tmp, W_OK) == 0 ? 0 : -1;
}

int evc_cache_save(const evc_ctx *c, const char *path)
{
    if (EVC_BUILD_ID == 0 || c->image)
        return -1;
    writer w;
    memset(&w, 0, sizeof w);
    evc_buf_init(&w.b);
    evc_buf_init(&w.strs);
    cache_head head;
    cache_body body;
    memset(&head, 0, sizeof head);
    memset(&body, 0, sizeof body);
    evc_buf_put(&w.b, (const char *)&head, sizeof head);
    evc_buf_put(&w.b, (const char *)&body, sizeof body);
    int rc = -1;

    /* sources and directories, as they are now */
    cache_src *srcs = calloc(c->n_files ? c->n_files : 1, sizeof *srcs);
    cache_dsig *dirs = calloc(c->n_dirs ? c->n_dirs : 1, sizeof *dirs);
    uint64_t *files = calloc(c->n_files ? c->n_files : 1, sizeof *files);
    if (!srcs || !dirs || !files)
        goto out;
    for (size_t i = 0; i < c->n_files; i++) {
        if (file_sig(c->files[i], &srcs[i].size, &srcs[i].hash))
            goto out; /* a source vanished while loading: do not cache */
        srcs[i].path = files[i] = str_ref(&w, c->files[i]);
    }
    for (size_t i = 0; i < c->n_dirs; i++) {
        dirs[i].path = str_ref(&w, c->dirs[i]);
        dirs[i].hash = dir_sig(c->dirs[i]);
    }
    put_array(&w, &body.srcs, srcs, c->n_files, sizeof *srcs);
    put_array(&w, &body.dirs, dirs, c->n_dirs, sizeof *dirs);
    put_array(&w, &body.files, files, c->n_files, sizeof *files);

    uint64_t off = put_array(&w, &body.phrases, c->phrases, c->n_phrases, sizeof *c->phrases);
    evc_phrase *ph = at(&w, off);
    for (size_t i = 0; ph && i < c->n_phrases; i++)
        REF(&w, ph[i].name);
    put_array(&w, &body.words, c->words, c->n_words, sizeof *c->words);
    off = put_array(&w, &body.codes, c->codes, c->n_codes, sizeof *c->codes);
    evc_codespec *cs = at(&w, off);
    for (size_t i = 0; cs && i < c->n_codes; i++)
        REF(&w, cs[i].code);
    off = put_array(&w, &body.patterns, c->patterns, c->n_patterns, sizeof *c->patterns);
    evc_pattern *pt = at(&w, off);
    for (size_t i = 0; pt && i < c->n_patterns; i++) {
        REF(&w, pt[i].code);
        REF(&w, pt[i].code2);
        REF(&w, pt[i].text);
    }
    put_array(&w, &body.elems, c->elems, c->n_elems, sizeof *c->elems);
    put_array(&w, &body.alts, c->alts, c->n_alts, sizeof *c->alts);
    put_array(&w, &body.anchors, c->anchors, c->n_anchors, sizeof *c->anchors);
    off = put_array(&w, &body.cameo, c->cameo, c->n_cameo, sizeof *c->cameo);
    evc_cameo *cm = at(&w, off);
    for (size_t i = 0; cm && i < c->n_cameo; i++) {
        REF(&w, cm[i].code);
        REF(&w, cm[i].desc);
    }
    off = put_array(&w, &body.boiler, c->boiler, c->n_boiler, sizeof *c->boiler);
    evc_boiler *bp = at(&w, off);
    for (size_t i = 0; bp && i < c->n_boiler; i++)
        REF(&w, bp[i].text);
    put_array(&w, &body.cameo_slot, c->cameo_slot, sizeof c->cameo_slot / sizeof c->cameo_slot[0],
              sizeof c->cameo_slot[0]);
    put_tab(&w, &body.phrase_index, &c->phrase_index);
    put_tab(&w, &body.verb_index, &c->verb_index);
    put_tab(&w, &body.lemmas, &c->lemmas);
    put_tab(&w, &body.known, &c->known);
    put_tab(&w, &body.countries, &c->countries);
    put_tab(&w, &body.surnames, &c->surnames);
    put_array(&w, &body.places, c->places, c->n_places, sizeof *c->places);
    put_array(&w, &body.place_text, c->place_text, c->n_place_text, 1);
    put_array(&w, &body.place_ids, c->place_ids, c->n_place_ids, sizeof *c->place_ids);
    put_tab(&w, &body.place_index, &c->place_index);
    put_tab(&w, &body.place_country, &c->place_country);
    body.n_lemmas = c->n_lemmas;
    body.peer = (uint64_t)c->peer;
    body.tabari = c->tabari;
    body.stem_lens = c->stem_lens;
    body.verb_stem_lens = c->verb_stem_lens;
    body.word_stem_lens = c->word_stem_lens;
    body.n_discards = c->n_discards;
    body.n_issues = c->n_issues;
    body.n_synsets = c->n_synsets;
    body.n_skipped = c->n_skipped;
    put_array(&w, &body.strings, w.strs.ptr, w.strs.len, 1);
    align8(&w.b);
    if (w.b.oom || w.strs.oom)
        goto out;

    memcpy(w.b.ptr + sizeof head, &body, sizeof body);
    memcpy(head.magic, MAGIC, sizeof head.magic);
    head.version = CACHE_VERSION;
    head.layout = layout();
    head.build = EVC_BUILD_ID;
    head.body_len = w.b.len - sizeof head;
    head.body_hash = hash_bytes(w.b.ptr + sizeof head, head.body_len);
    memcpy(w.b.ptr, &head, sizeof head);

    /* write beside, then rename: readers see the old file or the new one */
    char dir[4096], tmp[4200];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash) {
        *slash = 0;
        if (mkdirs(dir))
            goto out;
    }
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f)
        goto out;
    int bad = fwrite(w.b.ptr, 1, w.b.len, f) != w.b.len;
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, path) != 0) {
        unlink(tmp);
        goto out;
    }
    rc = 0;
out:
    free(srcs);
    free(dirs);
    free(files);
    evc_buf_free(&w.b);
    evc_buf_free(&w.strs);
    evc_htab_free(&w.seen);
    return rc;
}

/* ---- reading ---- */

typedef struct reader {
    char *body;
    uint64_t len;
    const char *strs;
    uint64_t n_strs;
    int bad;
} reader;

/* The section's elements, or NULL (and r->bad) when it does not fit. */
static void *sect_at(reader *r, const sect *s, size_t sz)
{
    if (s->off % 8 || s->off > r->len || (sz && s->n > (r->len - s->off) / sz)) {
        r->bad = 1;
        return NULL;
    }
    return r->body + s->off;
}

/* Makes a reference a pointer again. */
static const char *unref(reader *r, const char *field)
{
    uint64_t ref = (uint64_t)(uintptr_t)field;
    if (!ref)
        return NULL;
    if (ref > r->n_strs) {
        r->bad = 1;
        return "";
    }
    return r->strs + ref - 1;
}

static void get_tab(reader *r, evc_htab *h, const tab *t)
{
    uint64_t *k = sect_at(r, &t->keys, sizeof(uint64_t)), *v = sect_at(r, &t->vals, sizeof(uint64_t));
    if (!k || !v || t->keys.n != t->cap || t->vals.n != t->cap || (t->cap & (t->cap - 1)) || t->n * 2 > t->cap) {
        r->bad = 1;
        return;
    }
    size_t used = 0;
    for (size_t i = 0; i < t->cap; i++)
        used += k[i] != 0;
    if (used != t->n) {
        r->bad = 1;
        return;
    }
    h->keys = t->cap ? k : NULL;
    h->vals = t->cap ? v : NULL;
    h->cap = t->cap;
    h->n = t->n;
}

/* Every value of an index is start << 32 | count within n entries. */
static int runs_ok(const evc_htab *h, size_t n)
{
    for (size_t i = 0; i < h->cap; i++)
        if (h->keys[i] && ((h->vals[i] >> 32) + (h->vals[i] & 0xffffffffu) > n || !(h->vals[i] & 0xffffffffu)))
            return 0;
    return 1;
}

/* Do the gazetteer's indexes stay inside its tables? Names are NUL-terminated
 * inside the text, ids and parents name places, index runs lie in the ids. */
static int places_ok(const evc_ctx *c, const evc_place *pl, uint64_t n, const char *text, uint64_t n_text,
                     const uint32_t *ids, uint64_t n_ids)
{
    if (n_text && text[n_text - 1] != 0)
        return 0;
    for (uint64_t i = 0; i < n; i++)
        if (pl[i].name >= n_text || (pl[i].parent != EVC_NO_PLACE && pl[i].parent >= n) || pl[i].code[3] != 0)
            return 0;
    for (uint64_t i = 0; i < n_ids; i++)
        if (ids[i] >= n)
            return 0;
    const evc_htab *h = &c->place_index;
    for (size_t i = 0; i < h->cap; i++)
        if (h->keys[i] && (h->vals[i] >> 32) + (h->vals[i] >> 1 & 0x7fffffffu) > n_ids)
            return 0;
    h = &c->place_country;
    for (size_t i = 0; i < h->cap; i++)
        if (h->keys[i] && ((h->vals[i] & 0xffffffffu) > n || (h->vals[i] >> 32) > n))
            return 0;
    return 1;
}

/* Are the sources and listed directories as they were when it was written? */
static int fresh(reader *r, const cache_body *b)
{
    const cache_src *srcs = sect_at(r, &b->srcs, sizeof *srcs);
    const cache_dsig *dirs = sect_at(r, &b->dirs, sizeof *dirs);
    if (!srcs || !dirs)
        return 0;
    for (size_t i = 0; i < b->dirs.n; i++) {
        const char *p = unref(r, (const char *)(uintptr_t)dirs[i].path);
        if (r->bad || !p || dir_sig(p) != dirs[i].hash)
            return 0;
    }
    for (size_t i = 0; i < b->srcs.n; i++) {
        const char *p = unref(r, (const char *)(uintptr_t)srcs[i].path);
        uint64_t size, hash;
        if (r->bad || !p || file_sig(p, &size, &hash) || size != srcs[i].size || hash != srcs[i].hash)
            return 0;
    }
    return 1;
}

static int fill(evc_ctx *ctx, reader *r, const cache_body *b)
{
    if (!fresh(r, b))
        return 0;
    evc_ctx c;
    memset(&c, 0, sizeof c);
    evc_phrase *ph = sect_at(r, &b->phrases, sizeof *ph);
    evc_word *wd = sect_at(r, &b->words, sizeof *wd);
    evc_codespec *cs = sect_at(r, &b->codes, sizeof *cs);
    evc_pattern *pt = sect_at(r, &b->patterns, sizeof *pt);
    evc_pelem *el = sect_at(r, &b->elems, sizeof *el);
    uint64_t *alts = sect_at(r, &b->alts, sizeof *alts);
    evc_anchor *anchors = sect_at(r, &b->anchors, sizeof *anchors);
    evc_cameo *cm = sect_at(r, &b->cameo, sizeof *cm);
    evc_boiler *bp = sect_at(r, &b->boiler, sizeof *bp);
    int16_t *slots = sect_at(r, &b->cameo_slot, sizeof *slots);
    uint64_t *files = sect_at(r, &b->files, sizeof *files);
    if (r->bad || b->cameo_slot.n != sizeof c.cameo_slot / sizeof c.cameo_slot[0] || b->files.n > 65535)
        return 0;

    /* every index stays inside its table */
    for (size_t i = 0; i < b->phrases.n; i++)
        if ((uint64_t)ph[i].words + ph[i].n_words > b->words.n || !ph[i].n_words ||
            (uint64_t)ph[i].codes + ph[i].n_codes > b->codes.n || ph[i].file >= b->files.n)
            return 0;
    for (size_t i = 0; i < b->patterns.n; i++)
        if ((uint64_t)pt[i].elems + pt[i].n_elems > b->elems.n || pt[i].n_pre >= pt[i].n_elems ||
            pt[i].file >= b->files.n)
            return 0;
    for (size_t i = 0; i < b->elems.n; i++)
        if ((uint64_t)el[i].alts + el[i].n_alts > b->alts.n)
            return 0;
    for (size_t i = 0; i < b->anchors.n; i++)
        if (anchors[i].pattern >= b->patterns.n || (anchors[i].need[0] != EVC_NO_NEED && anchors[i].need[0] > 511) ||
            (anchors[i].need[1] != EVC_NO_NEED && anchors[i].need[1] > 511) ||
            (anchors[i].need[2] != EVC_NO_NEED && anchors[i].need[2] > 511) ||
            (anchors[i].need[3] != EVC_NO_NEED && anchors[i].need[3] > 511))
            return 0;
    for (size_t i = 0; i < b->cameo_slot.n; i++)
        if (slots[i] < 0 || (uint64_t)slots[i] > b->cameo.n)
            return 0;
    get_tab(r, &c.phrase_index, &b->phrase_index);
    get_tab(r, &c.verb_index, &b->verb_index);
    get_tab(r, &c.lemmas, &b->lemmas);
    get_tab(r, &c.known, &b->known);
    get_tab(r, &c.countries, &b->countries);
    get_tab(r, &c.surnames, &b->surnames);
    get_tab(r, &c.place_index, &b->place_index);
    get_tab(r, &c.place_country, &b->place_country);
    if (r->bad || !runs_ok(&c.phrase_index, b->phrases.n) || !runs_ok(&c.verb_index, b->anchors.n))
        return 0;
    evc_place *pl = sect_at(r, &b->places, sizeof *pl);
    char *ptext = sect_at(r, &b->place_text, 1);
    uint32_t *pids = sect_at(r, &b->place_ids, sizeof *pids);
    if (r->bad || !places_ok(&c, pl, b->places.n, ptext, b->place_text.n, pids, b->place_ids.n))
        return 0;
    for (size_t i = 0; i < c.surnames.cap; i++)
        if (c.surnames.keys[i] && c.surnames.vals[i] > b->phrases.n)
            return 0;

    /* pointers again; a code or name must exist */
    const char **fnames = (const char **)(void *)files;
    for (size_t i = 0; i < b->files.n; i++)
        fnames[i] = unref(r, (const char *)(uintptr_t)files[i]);
    for (size_t i = 0; i < b->phrases.n; i++)
        ph[i].name = unref(r, ph[i].name);
    for (size_t i = 0; i < b->codes.n; i++)
        if (!(cs[i].code = unref(r, cs[i].code)))
            return 0;
    for (size_t i = 0; i < b->patterns.n; i++) {
        pt[i].code = unref(r, pt[i].code);
        pt[i].code2 = unref(r, pt[i].code2);
        pt[i].text = unref(r, pt[i].text);
        if (!pt[i].code)
            return 0;
    }
    for (size_t i = 0; i < b->cameo.n; i++) {
        cm[i].code = unref(r, cm[i].code);
        cm[i].desc = unref(r, cm[i].desc);
        if (!cm[i].code || !cm[i].desc)
            return 0;
    }
    for (size_t i = 0; i < b->boiler.n; i++)
        if (!(bp[i].text = unref(r, bp[i].text)) || bp[i].len != strlen(bp[i].text))
            return 0;
    if (r->bad)
        return 0;

    ctx->files = fnames;
    ctx->n_files = b->files.n;
    ctx->dirs = NULL; /* only a fresh compile records them */
    ctx->n_dirs = 0;
    ctx->phrases = ph;
    ctx->n_phrases = b->phrases.n;
    ctx->words = wd;
    ctx->n_words = b->words.n;
    ctx->codes = cs;
    ctx->n_codes = b->codes.n;
    ctx->patterns = pt;
    ctx->n_patterns = b->patterns.n;
    ctx->elems = el;
    ctx->n_elems = b->elems.n;
    ctx->alts = alts;
    ctx->n_alts = b->alts.n;
    ctx->anchors = anchors;
    ctx->n_anchors = b->anchors.n;
    ctx->cameo = cm;
    ctx->n_cameo = b->cameo.n;
    ctx->boiler = bp;
    ctx->n_boiler = b->boiler.n;
    memcpy(ctx->cameo_slot, slots, sizeof ctx->cameo_slot);
    ctx->phrase_index = c.phrase_index;
    ctx->verb_index = c.verb_index;
    ctx->lemmas = c.lemmas;
    ctx->known = c.known;
    ctx->countries = c.countries;
    ctx->surnames = c.surnames;
    ctx->places = pl;
    ctx->n_places = b->places.n;
    ctx->place_text = ptext;
    ctx->n_place_text = b->place_text.n;
    ctx->place_ids = pids;
    ctx->n_place_ids = b->place_ids.n;
    ctx->place_index = c.place_index;
    ctx->place_country = c.place_country;
    ctx->n_lemmas = b->n_lemmas;
    ctx->peer = (int)b->peer;
    ctx->tabari = b->tabari;
    ctx->stem_lens = b->stem_lens;
    ctx->verb_stem_lens = b->verb_stem_lens;
    ctx->word_stem_lens = b->word_stem_lens;
    ctx->n_discards = b->n_discards;
    ctx->n_issues = b->n_issues;
    ctx->n_synsets = b->n_synsets;
    ctx->n_skipped = b->n_skipped;
    return 1;
}

int evc_cache_load(evc_ctx *ctx, const char *path)
{
    if (EVC_BUILD_ID == 0 || !path)
        return 0;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return 0;
    struct stat sb;
    if (fstat(fd, &sb) || !S_ISREG(sb.st_mode) || (uint64_t)sb.st_size < sizeof(cache_head) + sizeof(cache_body) ||
        (uint64_t)sb.st_size > ((uint64_t)1 << 40)) {
        close(fd);
        return 0;
    }
    size_t size = (size_t)sb.st_size;
    void *m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED)
        return 0;
    cache_head head;
    memcpy(&head, m, sizeof head);
    reader r = {(char *)m + sizeof head, size - sizeof head, NULL, 0, 0};
    int ok = !memcmp(head.magic, MAGIC, sizeof MAGIC) && head.version == CACHE_VERSION && head.layout == layout() &&
             head.build == EVC_BUILD_ID && head.body_len == r.len && hash_bytes(r.body, r.len) == head.body_hash;
    if (ok) {
        cache_body b;
        memcpy(&b, r.body, sizeof b);
        r.strs = sect_at(&r, &b.strings, 1);
        r.n_strs = b.strings.n;
        ok = r.strs && (!r.n_strs || r.strs[r.n_strs - 1] == 0) && fill(ctx, &r, &b);
    }
    if (!ok) {
        munmap(m, size);
        return 0;
    }
    ctx->image = m;
    ctx->image_len = size;
    ctx->cache_state = EVC_CACHE_LOADED;
    return 1;
}
