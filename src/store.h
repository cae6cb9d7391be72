/*
 * The SQLite store (public API in evcode.h; schema and method in
 * docs/store.md). store.c opens the database, keeps the schema and writes
 * batches; store_export.c reads it back (export formats and queries).
 *
 * Statements are prepared once per store and reused (sqlite3_reset after
 * each use); every value reaches SQL as a bound parameter.
 */
#ifndef EVC_STORE_H
#define EVC_STORE_H
#include "arena.h"
#include "buf.h"
#include "dedup.h"
#include "doc.h"
#include "evcode.h"
#include <sqlite3.h>
#include <stdint.h>

#define EVC_STORE_SCHEMA 2

struct evc_store_doc {
    evc_arena arena;
    const char *id, *title, *published, *outlet, *url, *text;
    int n_sentences;
    char hash[17];                /* content hash: 16 hex digits */
    uint32_t sig[EVC_MINHASH_N];  /* MinHash of the cleaned body */
    size_t n_shingles;
    evc_event *events;
    uint64_t *sent_hash;          /* fingerprint of each event's sentence */
    size_t n_events;
    evc_quote *quotes;
    size_t n_quotes;
    uint64_t *passages;           /* fingerprints of long paragraphs, distinct */
    size_t n_passages;
};

enum { EVC_ST_NSTMT = 40 };

typedef struct evc_store_pg evc_store_pg;

struct evc_store {
    sqlite3 *db;
    int in_tx;
    sqlite3_stmt *stmt[EVC_ST_NSTMT];
    evc_store_pg *pg;   /* a PostgreSQL store: db is its working copy (store_pg.c) */
};

/* PostgreSQL (store_pg.c): whether path is a postgresql:// or postgres://
 * URL; open (an in-memory working copy filled from PostgreSQL); write the
 * working copy back after a committed batch; free the connection. */
int evc_store_is_pg_url(const char *path);
evc_status evc_store_pg_open(const char *url, evc_store **out, evc_error *err);
evc_status evc_store_pg_sync(evc_store *st, evc_error *err);
void evc_store_pg_free(evc_store_pg *pg);

/* A snapshot of one coded article from its parts (evc_store_doc_new gives a
 * document's; store_make.c gives one read back from records): every string
 * is copied; `paras` are the paragraphs of `text` (which may differ from
 * in->text only in lifetime). *out is NULL on failure. */
evc_status evc_store_doc_build(const evc_article_info *in, const evc_event *events, size_t n_events,
                               const evc_quote *quotes, size_t n_quotes, const char *text, const evc_para *paras,
                               size_t n_paras, evc_store_doc **out);

/* Checks the schema version in meta inside the caller's transaction: writes
 * it into a new store, upgrades an older store (schema 1: mentions without
 * their Goldstein score), refuses a newer one (EVC_ERR_IO, err filled). */
evc_status evc_store_check_schema(evc_store *st, evc_error *err);
/* Fills err (may be NULL) with "what: <SQLite's message>" and returns EVC_ERR_IO. */
evc_status evc_store_fail(evc_store *st, evc_error *err, const char *what);
/* The words of `text` as an FTS5 query (each word quoted, all required) in
 * q; -1 when it has no words. */
int evc_store_fts_query(const char *text, evc_buf *q);
/* Binds s (NULL binds SQL NULL). */
int evc_store_bind(sqlite3_stmt *s, int i, const char *v);
#endif
