/*
 * Dictionary loading state, shared by the readers of our format (dict.c)
 * and of the TABARI / PETRARCH formats (peerdict.c). Private to the library.
 */
#ifndef EVC_DICTLOAD_H
#define EVC_DICTLOAD_H
#include "dict.h"
#include "vec.h"

/* A name of a place (places.c): the hash of its words, and the place. */
typedef struct evc_place_key {
    uint64_t key;
    uint64_t order;         /* set when the index is built: kind, then population */
    uint32_t place;
} evc_place_key;

/* Growable arrays in the context's arena; build_indexes() turns them into
 * the context's flat tables. */
typedef struct evc_loader {
    evc_ctx *ctx;
    evc_error *err;
    const char *file;
    uint16_t file_idx;
    size_t line;
    EVC_VEC(evc_phrase) phrases;
    EVC_VEC(evc_word) words;
    EVC_VEC(evc_codespec) codes;
    EVC_VEC(evc_pattern) patterns;
    EVC_VEC(evc_pelem) elems;
    EVC_VEC(uint64_t) alts;
    EVC_VEC(evc_cameo) cameo;
    EVC_VEC(evc_boiler) boiler;
    /* the gazetteer while it is read (places.c), in `scratch`, an arena
     * freed when loading ends */
    evc_arena scratch;
    EVC_VEC(evc_place) places;
    EVC_VEC(uint64_t) place_region;     /* per place: hash of its country and region name; 0 when none */
    EVC_VEC(char) place_text;
    EVC_VEC(evc_place_key) place_keys;  /* every name of every place */
    EVC_VEC(uint64_t) place_prefixes;   /* hashes of the first words of longer names */
    EVC_VEC(const char *) files;
    EVC_VEC(const char *) dirs;
    evc_htab sets;                /* our verb files: "&NAME" hash -> start << 32 | count in set_words */
    EVC_VEC(uint64_t) set_words;
    EVC_VEC(uint64_t) verb_stems; /* TABARI verbs matched as stems: their hashes */
    EVC_VEC(uint64_t) verb_exact; /* TABARI verbs written with '=' ("BAN="): only as written */
    evc_dict_error_fn on_error;   /* check mode: report each bad line and go on */
    void *user;
    size_t n_errors;
} evc_loader;

/* Records err (file, line, message with one %s) and returns st. */
evc_status evc_load_fail(evc_loader *L, evc_status st, const char *fmt, const char *arg);
/* In check mode reports the error just recorded and returns EVC_OK (the
 * caller goes on with the next entry); otherwise returns st. */
evc_status evc_load_report(evc_loader *L, evc_status st);
/* The whole file, NUL-terminated, in malloc'd memory (NULL on failure;
 * *missing set when it does not exist). */
char *evc_read_file(const char *path, size_t *len, int *missing);
/* Makes path the current file of L (for errors and phrase provenance). */
evc_status evc_load_file(evc_loader *L, const char *path);
/* Records a directory whose listing chose the files read (a new file there
 * invalidates the compiled cache). */
evc_status evc_load_dir(evc_loader *L, const char *path);
/* Appends the tokens of a phrase to L->words; returns their count (0: out of memory). */
/* raw: the same bytes as written in a peer dictionary ('_' joins words, a
 * space lets other words stand between: evc_word.loose), or NULL */
size_t evc_load_words(evc_loader *L, const char *s, size_t n, const char *raw, evc_arena *tmp);
/* Appends a phrase of the words [w0, w0 + nw) with the codes [codes0, L->codes.n). */
evc_status evc_load_phrase(evc_loader *L, size_t w0, size_t nw, uint16_t flags, size_t codes0, const char *canon);
/* Pattern word alternatives: one token each, registered for lemmatisation. */
evc_status evc_load_alt(evc_loader *L, uint64_t h);

/* peerdict.c: reads a TABARI or PETRARCH file of the given kind ("actors",
 * "agents", "verbs", "discards", "issues", "options"), or a TABARI
 * .project naming them (kind "project"). */
evc_status evc_peer_load(evc_loader *L, const char *kind, const char *path, evc_arena *tmp);
/* Is `dir` a directory of peer dictionaries (or `path` a .project file)?
 * Then loads them all. Returns 1 when it was, with *st set. */
int evc_peer_load_dir(evc_loader *L, const char *dir, evc_arena *tmp, evc_status *st);
/* Is `dir` a directory of our own dictionaries (it has en/verbs.txt)? */
int evc_dict_dir_is_ours(const char *dir);
#endif
