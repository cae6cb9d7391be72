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

/* 2: mentions.goldstein; 3: watchlists, watch_hits, watch_deliveries,
 * watch_attempts (store_watch.c) */
#define EVC_STORE_SCHEMA 3

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
    int watching;       /* the open batch matches watchlists (store_watch.c) */
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
 * their Goldstein score; schema 2: no watch tables, which the CREATE ... IF
 * NOT EXISTS of opening has just made), refuses a newer one (EVC_ERR_IO,
 * err filled). */
evc_status evc_store_check_schema(evc_store *st, evc_error *err);

/* Watchlists (store_watch.c), hooked into store.c: the tables and the
 * batch's temporary set of touched events, made when a store is opened;
 * whether any watchlist exists (read at the start of a batch); the events a
 * put touched; and, before the batch commits, a hit for each touched event
 * a watchlist matches (and a delivery when it has a webhook). 0 or -1. */
int evc_watch_open(evc_store *st);
int evc_watch_active(evc_store *st);
int evc_watch_touch(evc_store *st, const long long *ids, size_t n);
int evc_watch_match(evc_store *st, evc_error *err);

/* store_read.c, for store_watch.c: the event `id` as evc_store_event_json
 * writes it, appended to b inside the caller's transaction; *found as
 * there. 0, or -1 on a database error. */
int evc_store_event_object(evc_store *st, long long id, evc_buf *b, int *found);

/* Fills err (may be NULL) with "what: <SQLite's message>" and returns EVC_ERR_IO. */
evc_status evc_store_fail(evc_store *st, evc_error *err, const char *what);
/* The words of `text` as an FTS5 query (each word quoted, all required) in
 * q; -1 when it has no words. */
int evc_store_fts_query(const char *text, evc_buf *q);
/* Binds s (NULL binds SQL NULL). */
int evc_store_bind(sqlite3_stmt *s, int i, const char *v);

/* The filters of an evc_query as SQL over `events e` (store_export.c): one
 * builder for queries, exports and watchlists, so that a watchlist matches
 * exactly the events `evcode query` lists with the same filters. `sql` holds
 * " AND ..." conditions with numbered parameters ?first.. ?first+n-1, whose
 * values evc_filter_bind binds (text values point into the query's strings,
 * which must outlive the binding). */
enum { EVC_FILTER_MAX = 3 * EVC_QUERY_MAX_LIST + 8 };
typedef struct evc_filter {
    evc_buf sql;
    evc_buf fts;                       /* the FTS5 query of q->text */
    struct {
        const char *s;                 /* NULL: the number d, or the FTS query when fts is set */
        double d;
        int fts;
    } v[EVC_FILTER_MAX];
    int n, first;
} evc_filter;

/* Builds f for q (NULL: no filter), numbering parameters from `first`.
 * Returns 0, or -1 with err (may be NULL) filled: EVC_ERR_ARG and what is
 * wrong with the filter, or EVC_ERR_NOMEM. Free f with evc_filter_free
 * either way. */
int evc_filter_build(evc_filter *f, const evc_query *q, int first, evc_error *err);
void evc_filter_bind(const evc_filter *f, sqlite3_stmt *s);
void evc_filter_free(evc_filter *f);
/* Whether q sets any filter (limit and offset included). */
int evc_query_filtered(const evc_query *q);
#endif
