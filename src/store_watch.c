/*
 * Watchlists and alerts (evcode.h, "Watchlists and alerts"; docs/store.md).
 *
 * A watchlist keeps the filters of evc_query as JSON arrays of strings
 * (actors, codes, places) and a Goldstein bound. Matching reuses the query's
 * filter builder (evc_filter, store_export.c), so a watchlist matches exactly
 * the events `evcode query` lists with the same options.
 *
 * Matching runs inside each batch's transaction: every put adds the events
 * it touched to a temporary table, and just before COMMIT each watchlist's
 * filter runs over those events only, inserting a hit per (watchlist,
 * event) with INSERT OR IGNORE. A batch rolled back (a crash) takes its hits
 * with it, and the unique key keeps an event merged into later from being
 * alerted twice. New hits of watchlists with a webhook get a delivery row.
 *
 * Deliveries are a queue in the store, so any process may drain it: a claim
 * (one write transaction) counts an attempt and pushes the delivery's
 * retry time a lease ahead, so no other claimer takes it while it is being
 * POSTed; settling records the outcome and, on failure, the next retry time
 * (exponential backoff). No transaction is open while the caller POSTs.
 */
#define _POSIX_C_SOURCE 200809L
#include "arena.h"
#include "buf.h"
#include "store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char WATCH_SCHEMA[] =
    "CREATE TABLE IF NOT EXISTS watchlists("
    " id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, actors TEXT NOT NULL DEFAULT '[]',"
    " codes TEXT NOT NULL DEFAULT '[]', places TEXT NOT NULL DEFAULT '[]', goldstein_below REAL, webhook TEXT,"
    " created TEXT NOT NULL, seen INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE IF NOT EXISTS watch_hits("
    " id INTEGER PRIMARY KEY, watchlist INTEGER NOT NULL REFERENCES watchlists(id) ON DELETE CASCADE,"
    " event INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE, recorded TEXT NOT NULL,"
    " UNIQUE(watchlist, event));"
    "CREATE INDEX IF NOT EXISTS watch_hits_event ON watch_hits(event);"
    "CREATE TABLE IF NOT EXISTS watch_deliveries("
    " id INTEGER PRIMARY KEY, hit INTEGER NOT NULL UNIQUE REFERENCES watch_hits(id) ON DELETE CASCADE,"
    " state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0, next_at TEXT NOT NULL,"
    " last_status INTEGER, last_error TEXT, delivered_at TEXT);"
    "CREATE INDEX IF NOT EXISTS watch_deliveries_due ON watch_deliveries(state, next_at);"
    "CREATE TABLE IF NOT EXISTS watch_attempts("
    " delivery INTEGER NOT NULL REFERENCES watch_deliveries(id) ON DELETE CASCADE, attempt INTEGER NOT NULL,"
    " started TEXT NOT NULL, finished TEXT, status INTEGER, error TEXT, PRIMARY KEY(delivery, attempt))"
    " WITHOUT ROWID;"
    /* per connection, and inside the batch's transaction like the rest */
    "CREATE TEMP TABLE IF NOT EXISTS watch_touched(id INTEGER PRIMARY KEY);";

enum {
    BACKOFF_FIRST = 5,        /* seconds before the second attempt */
    BACKOFF_MAX = 6 * 3600,
    MAX_ATTEMPTS = 20,
    LEASE = 60                /* seconds a claimed delivery is left to its claimer */
};

/* Fills err (may be NULL) with code and msg, in which one %s (if any)
 * stands for arg; returns -1. */
static int set_err(evc_error *err, evc_status code, const char *msg, const char *arg)
{
    if (err) {
        memset(err, 0, sizeof *err);
        err->code = code;
        snprintf(err->msg, sizeof err->msg, msg, arg ? arg : "");
    }
    return -1;
}

/* evc_store_fail for the int-returning helpers: -1. */
static int db_fail(evc_store *st, evc_error *err, const char *what)
{
    evc_store_fail(st, err, what);
    return -1;
}

/* UTC time t as YYYY-MM-DDTHH:MM:SSZ. */
static void iso_time(time_t t, char out[32])
{
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        memset(&tm, 0, sizeof tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static sqlite3_stmt *prepare(evc_store *st, const char *sql)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        sqlite3_finalize(s);
        return NULL;
    }
    return s;
}

/* Ends the caller's write transaction (from evc_store_begin) undone. */
static void rollback(evc_store *st)
{
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    st->in_tx = 0;
}

/* Runs a statement without rows and finalizes it; 0 or -1. */
static int run(sqlite3_stmt *s)
{
    int rc = s && sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
    sqlite3_finalize(s);
    return rc;
}

/* Whether the store has the watch tables (a read-only store of schema 1 or 2
 * lacks them); -1 on a database error. */
static int has_tables(evc_store *st)
{
    sqlite3_stmt *s = prepare(st, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'watch_attempts'");
    if (!s)
        return -1;
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* ---- Hooks of store.c ------------------------------------------------------- */

int evc_watch_open(evc_store *st)
{
    return sqlite3_exec(st->db, WATCH_SCHEMA, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int evc_watch_active(evc_store *st)
{
    sqlite3_stmt *s = prepare(st, "SELECT EXISTS (SELECT 1 FROM watchlists)");
    int rc = s && sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
    sqlite3_finalize(s);
    return rc;
}

int evc_watch_touch(evc_store *st, const long long *ids, size_t n)
{
    if (!n)
        return 0;
    sqlite3_stmt *s = prepare(st, "INSERT OR IGNORE INTO temp.watch_touched(id) VALUES(?1)");
    int rc = s ? 0 : -1;
    for (size_t i = 0; i < n && !rc; i++) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, ids[i]);
        rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
    }
    sqlite3_finalize(s);
    return rc;
}

/* ---- A watchlist as an evc_watch ---------------------------------------------- */

/* The strings of the JSON array `json` (its text entries) in a new array
 * in `a`; -1 when out of memory or on a database error. */
static int load_list(evc_store *st, evc_arena *a, const char *json, const char *const **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = prepare(st, "SELECT value FROM json_each(?1) WHERE type = 'text'");
    if (!s)
        return -1;
    evc_store_bind(s, 1, json ? json : "[]");
    const char **v = NULL;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 4;
            if (!(v = evc_arena_grow(a, v, *n, cap, sizeof *v)))
                break;
        }
        const char *t = (const char *)sqlite3_column_text(s, 0);
        if (!(v[(*n)++] = evc_arena_strndup(a, t ? t : "", t ? strlen(t) : 0)))
            break;
    }
    sqlite3_finalize(s);
    *out = v;
    return rc == SQLITE_DONE ? 0 : -1;
}

/* The columns every reader of watchlists selects, in this order. */
#define WATCH_COLS "w.id, w.name, w.actors, w.codes, w.places, w.goldstein_below, w.webhook, w.created"

/* Fills w from row s (WATCH_COLS at column 0) with its lists in `a`. */
static int load_watch(evc_store *st, sqlite3_stmt *s, evc_arena *a, evc_watch *w)
{
    memset(w, 0, sizeof *w);
    w->name = (const char *)sqlite3_column_text(s, 1);
    w->webhook = (const char *)sqlite3_column_text(s, 6);
    evc_query *q = &w->filter;
    if (sqlite3_column_type(s, 5) != SQLITE_NULL) {
        q->use_goldstein_below = 1;
        q->goldstein_below = sqlite3_column_double(s, 5);
    }
    return load_list(st, a, (const char *)sqlite3_column_text(s, 2), &q->actors, &q->n_actors) ||
                   load_list(st, a, (const char *)sqlite3_column_text(s, 3), &q->codes, &q->n_codes) ||
                   load_list(st, a, (const char *)sqlite3_column_text(s, 4), &q->places, &q->n_places)
               ? -1
               : 0;
}

/* ---- Matching ---------------------------------------------------------------- */

/* Inserts the hits of one watchlist (id wid, filter q) among the touched
 * events; -1 with err filled on a bad stored filter or a database error. */
static int match_one(evc_store *st, long long wid, const char *name, const evc_query *q, const char *now,
                     evc_error *err)
{
    evc_filter f;
    evc_error ferr;
    if (evc_filter_build(&f, q, 3, &ferr)) {
        evc_filter_free(&f);
        if (err) {
            memset(err, 0, sizeof *err);
            err->code = EVC_ERR_IO;
            snprintf(err->msg, sizeof err->msg, "watchlist %.64s: %.170s", name ? name : "?", ferr.msg);
        }
        return -1;
    }
    evc_buf sql;
    evc_buf_init(&sql);
    evc_buf_puts(&sql, "INSERT OR IGNORE INTO watch_hits(watchlist, event, recorded) SELECT ?1, e.id, ?2 FROM events e"
                       " WHERE e.id IN (SELECT id FROM temp.watch_touched)");
    evc_buf_put(&sql, f.sql.ptr, f.sql.len);
    sqlite3_stmt *s = sql.oom ? NULL : prepare(st, sql.ptr);
    if (s) {
        sqlite3_bind_int64(s, 1, wid);
        evc_store_bind(s, 2, now);
        evc_filter_bind(&f, s);
    }
    int rc = run(s);
    evc_buf_free(&sql);
    evc_filter_free(&f);
    return rc ? db_fail(st, err, "matching watchlists") : 0;
}

int evc_watch_match(evc_store *st, evc_error *err)
{
    char now[32];
    iso_time(time(NULL), now);
    /* nothing touched (a transaction of the delivery queue): nothing to do */
    sqlite3_stmt *s = prepare(st, "SELECT EXISTS (SELECT 1 FROM temp.watch_touched),"
                                  " (SELECT coalesce(max(id), 0) FROM watch_hits)");
    int step = s ? sqlite3_step(s) : SQLITE_ERROR;
    int touched = step == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    long long before = step == SQLITE_ROW ? sqlite3_column_int64(s, 1) : -1;
    sqlite3_finalize(s);
    if (before >= 0 && !touched)
        return 0;
    if (before < 0 || !(s = prepare(st, "SELECT " WATCH_COLS " FROM watchlists w ORDER BY w.id")))
        return db_fail(st, err, "matching watchlists");
    evc_arena a;
    evc_arena_init(&a, 4096);
    int rc = 0;
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
        evc_watch w;
        rc = load_watch(st, s, &a, &w) ? db_fail(st, err, "reading a watchlist")
                                       : match_one(st, sqlite3_column_int64(s, 0), w.name, &w.filter, now, err);
        evc_arena_reset(&a);
    }
    if (!rc && step != SQLITE_DONE)
        rc = db_fail(st, err, "reading the watchlists");
    sqlite3_finalize(s);
    evc_arena_free(&a);
    if (rc)
        return -1;
    /* hits are numbered upwards, so this batch's are those after `before` */
    s = prepare(st, "INSERT INTO watch_deliveries(hit, next_at) SELECT h.id, ?2 FROM watch_hits h"
                    " JOIN watchlists w ON w.id = h.watchlist WHERE h.id > ?1 AND w.webhook IS NOT NULL");
    if (s) {
        sqlite3_bind_int64(s, 1, before);
        evc_store_bind(s, 2, now);
    }
    if (run(s) || run(prepare(st, "DELETE FROM temp.watch_touched")))
        return db_fail(st, err, "recording watchlist hits");
    return 0;
}

/* ---- Adding and removing ---------------------------------------------------- */

static int valid_name(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (!n || n > 64 || !((name[0] >= '0' && name[0] <= '9') || ((name[0] | 32) >= 'a' && (name[0] | 32) <= 'z')))
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z') || c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

/* Appends one list (q's single value first, then its list) as a JSON array. */
static void json_list(evc_buf *b, const char *one, const char *const *list, size_t n)
{
    evc_buf_putc(b, '[');
    int k = 0;
    if (one) {
        evc_buf_json_val(b, one);
        k++;
    }
    for (size_t i = 0; i < n; i++) {
        evc_buf_puts(b, k++ ? "," : "");
        evc_buf_json_val(b, list[i]);
    }
    evc_buf_putc(b, ']');
}

evc_status evc_watch_check(const evc_watch *w, evc_error *err)
{
    if (!w)
        return EVC_ERR_ARG;
    const evc_query *q = &w->filter;
    evc_filter f;
    evc_http_url u;
    if (!valid_name(w->name)) {
        set_err(err, EVC_ERR_ARG,
                "a watchlist name is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit", NULL);
        return EVC_ERR_ARG;
    }
    if (q->from || q->to || q->text || q->limit || q->offset) {
        set_err(err, EVC_ERR_ARG, "a watchlist filters by actors, codes, places and Goldstein score only", NULL);
        return EVC_ERR_ARG;
    }
    evc_error ferr;
    int rc = evc_filter_build(&f, q, 1, &ferr);
    evc_filter_free(&f);
    if (rc) {
        if (err)
            *err = ferr;
        return ferr.code;
    }
    return w->webhook ? evc_webhook_parse(w->webhook, &u, err) : EVC_OK;
}

evc_status evc_watch_add(evc_store *st, const evc_watch *w, evc_error *err)
{
    if (!st || !w)
        return EVC_ERR_ARG;
    evc_status rc = evc_watch_check(w, err);
    if (rc != EVC_OK)
        return rc;
    rc = evc_store_begin(st, err);
    if (rc != EVC_OK)
        return rc;
    sqlite3_stmt *s = prepare(st, "SELECT 1 FROM watchlists WHERE name = ?1");
    int taken = -1;
    if (s) {
        evc_store_bind(s, 1, w->name);
        int step = sqlite3_step(s);
        taken = step == SQLITE_ROW ? 1 : step == SQLITE_DONE ? 0 : -1;
        sqlite3_finalize(s);
    }
    if (taken) {
        rollback(st);
        if (taken < 0)
            return evc_store_fail(st, err, "adding a watchlist");
        set_err(err, EVC_ERR_ARG, "there is a watchlist named %s already (evcode watch rm removes it)", w->name);
        return EVC_ERR_ARG;
    }
    evc_buf lists[3];
    const evc_query *q = &w->filter;
    for (int i = 0; i < 3; i++)
        evc_buf_init(&lists[i]);
    json_list(&lists[0], q->actor, q->actors, q->n_actors);
    json_list(&lists[1], q->code, q->codes, q->n_codes);
    json_list(&lists[2], NULL, q->places, q->n_places);
    char now[32];
    iso_time(time(NULL), now);
    s = prepare(st, "INSERT INTO watchlists(name, actors, codes, places, goldstein_below, webhook, created)"
                    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (s) {
        evc_store_bind(s, 1, w->name);
        for (int i = 0; i < 3; i++)
            evc_store_bind(s, 2 + i, lists[i].ptr);
        if (q->use_goldstein_below)
            sqlite3_bind_double(s, 5, q->goldstein_below);
        evc_store_bind(s, 6, w->webhook);
        evc_store_bind(s, 7, now);
    }
    int bad = lists[0].oom || lists[1].oom || lists[2].oom || run(s);
    for (int i = 0; i < 3; i++)
        evc_buf_free(&lists[i]);
    if (bad) {
        rc = evc_store_fail(st, err, "adding a watchlist");
        rollback(st);
        return rc;
    }
    return evc_store_commit(st, err);
}

evc_status evc_watch_remove(evc_store *st, const char *name, int *found, evc_error *err)
{
    if (!st || !name || !found)
        return EVC_ERR_ARG;
    *found = 0;
    evc_status rc = evc_store_begin(st, err);
    if (rc != EVC_OK)
        return rc;
    /* the hits, deliveries and attempts go with it (ON DELETE CASCADE) */
    sqlite3_stmt *s = prepare(st, "DELETE FROM watchlists WHERE name = ?1");
    if (s)
        evc_store_bind(s, 1, name);
    if (run(s)) {
        rc = evc_store_fail(st, err, "removing a watchlist");
        rollback(st);
        return rc;
    }
    *found = sqlite3_changes(st->db) > 0;
    return evc_store_commit(st, err);
}

/* ---- Reading ------------------------------------------------------------------- */

/* Opens a read transaction unless a batch is open; *own says whether. */
static evc_status read_begin(evc_store *st, int *own, evc_error *err)
{
    *own = !st->in_tx;
    if (*own && sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return evc_store_fail(st, err, "reading the store");
    return EVC_OK;
}

static void read_end(evc_store *st, int own)
{
    if (own)
        sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
}

evc_status evc_watch_list(evc_store *st, evc_watch_info_fn fn, void *user, evc_error *err)
{
    static const char SQL[] =
        "SELECT " WATCH_COLS ", (SELECT max(recorded) FROM watch_hits WHERE watchlist = w.id),"
        " (SELECT count(*) FROM watch_hits WHERE watchlist = w.id),"
        " (SELECT count(*) FROM watch_hits WHERE watchlist = w.id AND id > w.seen),"
        " (SELECT count(*) FROM watch_deliveries d JOIN watch_hits h ON h.id = d.hit"
        "   WHERE h.watchlist = w.id AND d.state = 'pending'),"
        " (SELECT count(*) FROM watch_deliveries d JOIN watch_hits h ON h.id = d.hit"
        "   WHERE h.watchlist = w.id AND d.state = 'delivered'),"
        " (SELECT count(*) FROM watch_deliveries d JOIN watch_hits h ON h.id = d.hit"
        "   WHERE h.watchlist = w.id AND d.state = 'failed')"
        " FROM watchlists w ORDER BY w.name";
    if (!st || !fn)
        return EVC_ERR_ARG;
    int own, tables;
    evc_status status = read_begin(st, &own, err);
    if (status != EVC_OK)
        return status;
    sqlite3_stmt *s = NULL;
    if ((tables = has_tables(st)) <= 0 || !(s = prepare(st, SQL))) {
        read_end(st, own);
        return tables ? evc_store_fail(st, err, "reading the watchlists") : EVC_OK;
    }
    evc_arena a;
    evc_arena_init(&a, 4096);
    int step;
    while (status == EVC_OK && (step = sqlite3_step(s)) == SQLITE_ROW) {
        evc_watch_info w;
        memset(&w, 0, sizeof w);
        if (load_watch(st, s, &a, &w.watch)) {
            status = evc_store_fail(st, err, "reading a watchlist");
            break;
        }
        w.id = sqlite3_column_int64(s, 0);
        w.created = (const char *)sqlite3_column_text(s, 7);
        w.last_hit = (const char *)sqlite3_column_text(s, 8);
        long long *counts[] = {&w.hits, &w.unseen, &w.pending, &w.delivered, &w.failed};
        for (int i = 0; i < 5; i++)
            *counts[i] = sqlite3_column_int64(s, 9 + i);
        if (fn(user, &w))
            status = EVC_ERR_ABORT;
        evc_arena_reset(&a);
    }
    if (status == EVC_OK && step != SQLITE_DONE)
        status = evc_store_fail(st, err, "reading the watchlists");
    sqlite3_finalize(s);
    evc_arena_free(&a);
    read_end(st, own);
    return status;
}

typedef struct jout {
    evc_buf b;
    int lines, full_url;
    size_t n, limit;
    int more;
} jout;

static void json_strings(evc_buf *b, const char *key, const char *const *v, size_t n)
{
    evc_buf_printf(b, ",\"%s\":[", key);
    for (size_t i = 0; i < n; i++) {
        evc_buf_puts(b, i ? "," : "");
        evc_buf_json_val(b, v[i]);
    }
    evc_buf_putc(b, ']');
}

static int watch_json(void *user, const evc_watch_info *w)
{
    jout *o = user;
    evc_buf *b = &o->b;
    const evc_query *q = &w->watch.filter;
    evc_buf_puts(b, o->lines ? "{\"name\":" : o->n++ ? ",{\"name\":" : "{\"name\":");
    evc_buf_json_val(b, w->watch.name);
    json_strings(b, "actors", q->actors, q->n_actors);
    json_strings(b, "codes", q->codes, q->n_codes);
    json_strings(b, "places", q->places, q->n_places);
    if (q->use_goldstein_below)
        evc_buf_printf(b, ",\"goldstein_below\":%g", q->goldstein_below);
    else
        evc_buf_puts(b, ",\"goldstein_below\":null");
    evc_buf_puts(b, ",\"webhook\":");
    evc_http_url u;
    if (!w->watch.webhook || o->full_url || evc_webhook_parse(w->watch.webhook, &u, NULL) != EVC_OK) {
        evc_buf_json_val(b, w->watch.webhook);
    } else {
        char origin[300];
        int v6 = strchr(u.host, ':') != NULL;
        snprintf(origin, sizeof origin, "http://%s%s%s:%s", v6 ? "[" : "", u.host, v6 ? "]" : "", u.port);
        evc_buf_json_val(b, origin);
    }
    evc_buf_puts(b, ",\"created\":");
    evc_buf_json_val(b, w->created);
    evc_buf_printf(b, ",\"hits\":%lld,\"unseen\":%lld,\"pending\":%lld,\"delivered\":%lld,\"failed\":%lld,\"last_hit\":",
                   w->hits, w->unseen, w->pending, w->delivered, w->failed);
    evc_buf_json_val(b, w->last_hit);
    evc_buf_puts(b, o->lines ? "}\n" : "}");
    return b->oom;
}

/* Hands o's buffer to write: EVC_ERR_NOMEM, EVC_ERR_ABORT or `status`. */
static evc_status jout_end(jout *o, evc_status status, evc_write_fn write, void *user)
{
    if (status == EVC_OK && o->b.oom)
        status = EVC_ERR_NOMEM;
    if (status == EVC_OK && o->b.len && write(user, o->b.ptr, o->b.len))
        status = EVC_ERR_ABORT;
    evc_buf_free(&o->b);
    return status;
}

evc_status evc_watch_list_json(evc_store *st, int lines, int full_url, evc_write_fn write, void *user,
                               evc_error *err)
{
    if (!st || !write)
        return EVC_ERR_ARG;
    jout o = {.lines = lines, .full_url = full_url};
    evc_buf_init(&o.b);
    if (!lines)
        evc_buf_puts(&o.b, "{\"watchlists\":[");
    evc_status status = evc_watch_list(st, watch_json, &o, err);
    if (status == EVC_ERR_ABORT && o.b.oom)
        status = EVC_ERR_NOMEM;
    if (!lines)
        evc_buf_puts(&o.b, "]}\n");
    return jout_end(&o, status, write, user);
}

/* The hit listing's columns: the hit and its delivery, then the event as
 * evc_store_query gives it. */
static const char HITS_SQL[] =
    "SELECT h.id, h.recorded, d.state, d.attempts, d.last_status, d.last_error,"
    " e.id, e.day, e.source, e.source_name, e.target, e.target_name, e.code, e.quad_class, e.goldstein,"
    " e.num_mentions, e.num_sources, e.num_articles, a.article, m.sentence, e.location_name"
    " FROM watch_hits h JOIN events e ON e.id = h.event"
    " JOIN mentions m ON m.id = (SELECT min(id) FROM mentions WHERE event = e.id)"
    " JOIN articles a ON a.id = m.article LEFT JOIN watch_deliveries d ON d.hit = h.id"
    " WHERE h.watchlist = ?1 AND h.id > ?2";

static const char *text(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

static void hit_row(sqlite3_stmt *s, evc_watch_hit *h)
{
    memset(h, 0, sizeof *h);
    h->hit = sqlite3_column_int64(s, 0);
    h->recorded = text(s, 1);
    h->delivery = text(s, 2);
    h->attempts = (long)sqlite3_column_int64(s, 3);
    h->last_status = sqlite3_column_int(s, 4);
    h->last_error = text(s, 5);
    evc_event_row *r = &h->event;
    r->id = sqlite3_column_int64(s, 6);
    r->day = text(s, 7);
    r->source = text(s, 8);
    r->source_name = text(s, 9);
    r->target = text(s, 10) && *text(s, 10) ? text(s, 10) : NULL;
    r->target_name = text(s, 11);
    r->code = text(s, 12);
    r->quad_class = sqlite3_column_int(s, 13);
    r->goldstein = sqlite3_column_double(s, 14);
    r->num_mentions = (long)sqlite3_column_int64(s, 15);
    r->num_sources = (long)sqlite3_column_int64(s, 16);
    r->num_articles = (long)sqlite3_column_int64(s, 17);
    r->article = text(s, 18);
    r->sentence = text(s, 19);
    r->location = text(s, 20);
}

/* The watchlist `name`: its id and mark in *id and *seen, 0 when missing. */
static int find_watch(evc_store *st, const char *name, long long *id, long long *seen)
{
    sqlite3_stmt *s = prepare(st, "SELECT id, seen FROM watchlists WHERE name = ?1");
    if (!s)
        return -1;
    evc_store_bind(s, 1, name);
    int rc = sqlite3_step(s);
    *id = *seen = 0;
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        *seen = sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* The rows of the hit listing of watchlist wid, bound. */
static sqlite3_stmt *hits_stmt(evc_store *st, const evc_hit_query *q, long long wid, long long seen)
{
    evc_buf sql;
    evc_buf_init(&sql);
    evc_buf_puts(&sql, HITS_SQL);
    evc_buf_puts(&sql, q->oldest_first ? " ORDER BY h.id LIMIT ?3 OFFSET ?4" : " ORDER BY h.id DESC LIMIT ?3 OFFSET ?4");
    sqlite3_stmt *s = sql.oom ? NULL : prepare(st, sql.ptr);
    evc_buf_free(&sql);
    if (s) {
        sqlite3_bind_int64(s, 1, wid);
        sqlite3_bind_int64(s, 2, q->unseen ? seen : 0);
        sqlite3_bind_int64(s, 3, q->limit && q->limit < (size_t)INT64_MAX ? (sqlite3_int64)q->limit : -1);
        sqlite3_bind_int64(s, 4, q->offset < (size_t)INT64_MAX ? (sqlite3_int64)q->offset : INT64_MAX);
    }
    return s;
}

/* Calls fn for the rows of s; *top gets the largest hit id fn took. */
static evc_status each_hit(sqlite3_stmt *s, evc_watch_hit_fn fn, void *user, long long *top)
{
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        evc_watch_hit h;
        hit_row(s, &h);
        if (fn(user, &h))
            return EVC_ERR_ABORT;
        if (h.hit > *top)
            *top = h.hit;
    }
    return step == SQLITE_DONE ? EVC_OK : EVC_ERR_IO;
}

evc_status evc_watch_hits(evc_store *st, const evc_hit_query *q, evc_watch_hit_fn fn, void *user, int *found,
                          evc_error *err)
{
    if (!st || !q || !q->watchlist || !fn || !found)
        return EVC_ERR_ARG;
    *found = 0;
    int own = 0, tables;
    evc_status status = q->mark ? evc_store_begin(st, err) : read_begin(st, &own, err);
    if (status != EVC_OK)
        return status;
    long long wid = 0, seen = 0, top = 0;
    sqlite3_stmt *s = NULL;
    if ((tables = has_tables(st)) < 0 || (tables && (*found = find_watch(st, q->watchlist, &wid, &seen)) < 0) ||
        (*found > 0 && !(s = hits_stmt(st, q, wid, seen)))) {
        *found = 0;
        status = evc_store_fail(st, err, "reading hits");
    } else if (*found > 0 && (status = each_hit(s, fn, user, &top)) == EVC_ERR_IO) {
        status = evc_store_fail(st, err, "reading hits");
    }
    sqlite3_finalize(s);
    if (!q->mark) {
        read_end(st, own);
        return status;
    }
    if (status == EVC_OK && top > seen) {
        sqlite3_stmt *u = prepare(st, "UPDATE watchlists SET seen = ?2 WHERE id = ?1");
        if (u) {
            sqlite3_bind_int64(u, 1, wid);
            sqlite3_bind_int64(u, 2, top);
        }
        if (run(u))
            status = evc_store_fail(st, err, "marking hits seen");
    }
    if (status != EVC_OK) {
        rollback(st);
        return status;
    }
    return evc_store_commit(st, err);
}

static void jstr(evc_buf *b, const char *key, const char *v)
{
    evc_buf_printf(b, ",\"%s\":", key);
    evc_buf_json_val(b, v);
}

static int hit_json(void *user, const evc_watch_hit *h)
{
    jout *o = user;
    if (!o->lines && o->n == o->limit && o->limit) {
        o->more = 1;
        return 1;
    }
    evc_buf *b = &o->b;
    const evc_event_row *r = &h->event;
    evc_buf_puts(b, o->lines || !o->n++ ? "{" : ",{");
    evc_buf_printf(b, "\"id\":%lld", r->id);
    jstr(b, "day", r->day && *r->day ? r->day : NULL);
    jstr(b, "source", r->source && *r->source ? r->source : NULL);
    jstr(b, "source_name", r->source_name);
    jstr(b, "target", r->target);
    jstr(b, "target_name", r->target_name);
    jstr(b, "code", r->code);
    evc_buf_printf(b, ",\"quad_class\":%d,\"goldstein\":%.1f,\"num_mentions\":%ld,\"num_sources\":%ld,\"num_articles\":%ld",
                   r->quad_class, r->goldstein, r->num_mentions, r->num_sources, r->num_articles);
    jstr(b, "article", r->article);
    jstr(b, "sentence", r->sentence);
    jstr(b, "location", r->location);
    evc_buf_printf(b, ",\"hit\":%lld", h->hit);
    jstr(b, "recorded", h->recorded);
    jstr(b, "delivery", h->delivery);
    evc_buf_printf(b, ",\"attempts\":%ld", h->attempts);
    if (h->last_status)
        evc_buf_printf(b, ",\"last_status\":%d", h->last_status);
    else
        evc_buf_puts(b, ",\"last_status\":null");
    jstr(b, "last_error", h->last_error);
    evc_buf_puts(b, o->lines ? "}\n" : "}");
    return b->oom;
}

evc_status evc_watch_hits_json(evc_store *st, const evc_hit_query *q, int lines, evc_write_fn write, void *user,
                               int *found, evc_error *err)
{
    if (!st || !q || !write || !found)
        return EVC_ERR_ARG;
    jout o = {.lines = lines, .limit = q->limit};
    evc_buf_init(&o.b);
    evc_hit_query one_more = *q;
    if (!lines && q->limit)
        one_more.limit = q->limit + 1;   /* whether there are more */
    evc_status status = evc_watch_hits(st, &one_more, hit_json, &o, found, err);
    if (status == EVC_ERR_ABORT && o.more && !o.b.oom)
        status = EVC_OK;
    if (status != EVC_OK || !*found) {
        evc_buf_free(&o.b);
        return status == EVC_ERR_ABORT && o.b.oom ? EVC_ERR_NOMEM : status;
    }
    if (!lines) {
        evc_buf whole;
        evc_buf_init(&whole);
        evc_buf_puts(&whole, "{\"watchlist\":");
        evc_buf_json_val(&whole, q->watchlist);
        evc_buf_printf(&whole, ",\"offset\":%zu,\"limit\":%zu,\"count\":%zu,\"more\":%s,\"events\":[", q->offset,
                       q->limit, o.n, o.more ? "true" : "false");
        evc_buf_put(&whole, o.b.ptr, o.b.len);
        evc_buf_puts(&whole, "]}\n");
        whole.oom |= o.b.oom;
        evc_buf_free(&o.b);
        o.b = whole;
    }
    return jout_end(&o, status, write, user);
}

evc_status evc_watch_totals_get(evc_store *st, evc_watch_totals *out, evc_error *err)
{
    static const char SQL[] =
        "SELECT (SELECT count(*) FROM watchlists), (SELECT count(*) FROM watchlists WHERE webhook IS NOT NULL),"
        " (SELECT count(*) FROM watch_hits), (SELECT count(*) FROM watch_deliveries WHERE state = 'pending'),"
        " (SELECT count(*) FROM watch_deliveries WHERE state = 'delivered'),"
        " (SELECT count(*) FROM watch_deliveries WHERE state = 'failed'),"
        " (SELECT count(*) FROM watch_deliveries WHERE state = 'pending' AND next_at <= ?1)";
    if (!st || !out)
        return EVC_ERR_ARG;
    memset(out, 0, sizeof *out);
    int own, tables;
    evc_status status = read_begin(st, &own, err);
    if (status != EVC_OK)
        return status;
    sqlite3_stmt *s = NULL;
    int rc = (tables = has_tables(st)) < 0 ? -1 : 0;
    if (tables > 0) {
        char now[32];
        iso_time(time(NULL), now);
        if ((s = prepare(st, SQL)))
            evc_store_bind(s, 1, now);
        if (s && sqlite3_step(s) == SQLITE_ROW) {
            size_t *f[] = {&out->watchlists, &out->webhooks, &out->hits,   &out->pending,
                           &out->delivered,  &out->failed,   &out->due};
            for (int i = 0; i < 7; i++)
                *f[i] = (size_t)sqlite3_column_int64(s, i);
        } else {
            rc = -1;
        }
    }
    sqlite3_finalize(s);
    read_end(st, own);
    return rc ? evc_store_fail(st, err, "counting hits and deliveries") : EVC_OK;
}

/* ---- Deliveries ------------------------------------------------------------------ */

void evc_deliveries_free(evc_delivery *d, size_t n)
{
    for (size_t i = 0; d && i < n; i++)
        free((char *)d[i].watchlist);   /* one block: watchlist, url, body */
    free(d);
}

/* The payload of delivery d (hit h, recorded at `recorded`, of event ev) in
 * one block, set into *d; -1 on a database error or when out of memory. */
static int payload(evc_store *st, evc_delivery *d, const char *name, const char *url, long long hit,
                   const char *recorded, long long ev)
{
    evc_buf b;
    evc_buf_init(&b);
    evc_buf_puts(&b, "{\"watchlist\":");
    evc_buf_json_val(&b, name);
    evc_buf_printf(&b, ",\"hit\":%lld,\"recorded\":", hit);
    evc_buf_json_val(&b, recorded);
    evc_buf_printf(&b, ",\"delivery\":%lld,\"attempt\":%d,\"event\":", d->id, d->attempt);
    int found = 0;
    if (evc_store_event_object(st, ev, &b, &found) || !found || b.oom) {
        evc_buf_free(&b);
        return -1;
    }
    if (b.len && b.ptr[b.len - 1] == '\n')
        b.len--;
    evc_buf_puts(&b, "}\n");
    size_t nl = strlen(name) + 1, ul = strlen(url) + 1;
    char *block = b.oom ? NULL : malloc(nl + ul + b.len + 1);
    if (block) {
        memcpy(block, name, nl);
        memcpy(block + nl, url, ul);
        memcpy(block + nl + ul, b.ptr, b.len + 1);
        d->watchlist = block;
        d->url = block + nl;
        d->body = block + nl + ul;
        d->body_len = b.len;
    }
    evc_buf_free(&b);
    return block ? 0 : -1;
}

/* Claims the rows of due (selected, bound) into v[0..*n); -1 on error. */
static int claim_rows(evc_store *st, sqlite3_stmt *due, const char *now, const char *lease, evc_delivery *v, size_t *n)
{
    sqlite3_stmt *up = prepare(st, "UPDATE watch_deliveries SET attempts = attempts + 1, next_at = ?2 WHERE id = ?1");
    sqlite3_stmt *at = prepare(st, "INSERT INTO watch_attempts(delivery, attempt, started) VALUES(?1, ?2, ?3)");
    int rc = up && at ? 0 : -1, step;
    while (!rc && (step = sqlite3_step(due)) == SQLITE_ROW) {
        evc_delivery *d = &v[*n];
        memset(d, 0, sizeof *d);
        d->id = sqlite3_column_int64(due, 0);
        d->attempt = sqlite3_column_int(due, 1) + 1;
        if (payload(st, d, text(due, 3), text(due, 2), sqlite3_column_int64(due, 4), text(due, 5),
                    sqlite3_column_int64(due, 6))) {
            rc = -1;
            break;
        }
        (*n)++;
        sqlite3_reset(up);
        sqlite3_bind_int64(up, 1, d->id);
        evc_store_bind(up, 2, lease);
        sqlite3_reset(at);
        sqlite3_bind_int64(at, 1, d->id);
        sqlite3_bind_int(at, 2, d->attempt);
        evc_store_bind(at, 3, now);
        rc = sqlite3_step(up) == SQLITE_DONE && sqlite3_step(at) == SQLITE_DONE ? 0 : -1;
    }
    if (!rc && step != SQLITE_DONE)
        rc = -1;
    sqlite3_finalize(up);
    sqlite3_finalize(at);
    return rc;
}

evc_status evc_watch_due(evc_store *st, size_t *n, evc_error *err)
{
    if (!st || !n)
        return EVC_ERR_ARG;
    *n = 0;
    int own, tables;
    evc_status status = read_begin(st, &own, err);
    if (status != EVC_OK)
        return status;
    char now[32];
    iso_time(time(NULL), now);
    sqlite3_stmt *s = (tables = has_tables(st)) > 0
                          ? prepare(st, "SELECT count(*) FROM watch_deliveries WHERE state = 'pending' AND next_at <= ?1")
                          : NULL;
    if (s)
        evc_store_bind(s, 1, now);
    if (s && sqlite3_step(s) == SQLITE_ROW)
        *n = (size_t)sqlite3_column_int64(s, 0);
    else if (tables)
        status = evc_store_fail(st, err, "counting deliveries");
    sqlite3_finalize(s);
    read_end(st, own);
    return status;
}

evc_status evc_watch_claim(evc_store *st, size_t max, evc_delivery **out, size_t *n, evc_error *err)
{
    /* a claimed delivery is not due until its lease has run out */
    static const char DUE[] =
        "SELECT d.id, d.attempts, w.webhook, w.name, h.id, h.recorded, h.event FROM watch_deliveries d"
        " JOIN watch_hits h ON h.id = d.hit JOIN watchlists w ON w.id = h.watchlist"
        " WHERE d.state = 'pending' AND d.next_at <= ?1 AND w.webhook IS NOT NULL ORDER BY d.next_at, d.id LIMIT ?2";
    if (!st || !out || !n || !max)
        return EVC_ERR_ARG;
    *out = NULL;
    *n = 0;
    evc_delivery *v = calloc(max > 1024 ? 1024 : max, sizeof *v);
    if (!v)
        return EVC_ERR_NOMEM;
    evc_status rc = evc_store_begin(st, err);
    if (rc != EVC_OK) {
        free(v);
        return rc;
    }
    time_t t = time(NULL);
    char now[32], lease[32];
    iso_time(t, now);
    iso_time(t + LEASE, lease);
    sqlite3_stmt *due = prepare(st, DUE);
    if (due) {
        evc_store_bind(due, 1, now);
        sqlite3_bind_int64(due, 2, (sqlite3_int64)(max > 1024 ? 1024 : max));
    }
    int bad = !due || claim_rows(st, due, now, lease, v, n);
    sqlite3_finalize(due);
    if (bad) {
        rc = evc_store_fail(st, err, "claiming deliveries");
        rollback(st);
        evc_deliveries_free(v, *n);
        *n = 0;
        return rc;
    }
    if ((rc = evc_store_commit(st, err)) != EVC_OK || !*n) {
        evc_deliveries_free(v, *n);
        *n = 0;
        return rc;
    }
    *out = v;
    return EVC_OK;
}

evc_status evc_watch_retry(evc_store *st, int failed, size_t *n, evc_error *err)
{
    if (!st || !n)
        return EVC_ERR_ARG;
    *n = 0;
    time_t t = time(NULL);
    char now[32], cutoff[32];
    iso_time(t, now);
    iso_time(t - LEASE, cutoff);
    evc_status rc = evc_store_begin(st, err);
    if (rc != EVC_OK)
        return rc;
    /* not one that another caller is attempting (claimed within the lease) */
    sqlite3_stmt *s = prepare(st, "UPDATE watch_deliveries SET next_at = ?1, state = 'pending'"
                                  " WHERE (state = 'pending' OR (?3 AND state = 'failed')) AND next_at > ?1"
                                  " AND NOT EXISTS (SELECT 1 FROM watch_attempts t WHERE t.delivery = watch_deliveries.id"
                                  " AND t.finished IS NULL AND t.started > ?2)");
    if (s) {
        evc_store_bind(s, 1, now);
        evc_store_bind(s, 2, cutoff);
        sqlite3_bind_int(s, 3, failed != 0);
    }
    if (run(s)) {
        rc = evc_store_fail(st, err, "rescheduling deliveries");
        rollback(st);
        return rc;
    }
    *n = (size_t)sqlite3_changes(st->db);
    return evc_store_commit(st, err);
}

/* Seconds before attempt `attempts` + 1, after `attempts` failed ones. */
static long backoff(int attempts)
{
    long d = BACKOFF_FIRST;
    for (int i = 1; i < attempts && d < BACKOFF_MAX; i++)
        d *= 2;
    return d < BACKOFF_MAX ? d : BACKOFF_MAX;
}

/* A claim given back: the attempt is not counted and the delivery is due. */
static int release(evc_store *st, const evc_delivery *d, const char *now)
{
    sqlite3_stmt *s = prepare(st, "UPDATE watch_deliveries SET attempts = attempts - 1, next_at = ?3"
                                  " WHERE id = ?1 AND attempts = ?2 AND state = 'pending'");
    if (s) {
        sqlite3_bind_int64(s, 1, d->id);
        sqlite3_bind_int(s, 2, d->attempt);
        evc_store_bind(s, 3, now);
    }
    if (run(s))
        return -1;
    s = prepare(st, "DELETE FROM watch_attempts WHERE delivery = ?1 AND attempt = ?2 AND finished IS NULL");
    if (s) {
        sqlite3_bind_int64(s, 1, d->id);
        sqlite3_bind_int(s, 2, d->attempt);
    }
    return run(s);
}

static int settle_one(evc_store *st, sqlite3_stmt *up, sqlite3_stmt *at, const evc_delivery *d)
{
    int ok = d->status >= 200 && d->status <= 299;
    time_t t = time(NULL);
    char now[32], next[32], why[200];
    iso_time(t, now);
    if (d->not_attempted)
        return release(st, d, now);
    iso_time(t + backoff(d->attempt), next);
    if (ok)
        why[0] = '\0';
    else if (d->error[0])
        snprintf(why, sizeof why, "%s", d->error);
    else
        snprintf(why, sizeof why, "HTTP status %d", d->status);
    const char *state = ok ? "delivered" : d->attempt >= MAX_ATTEMPTS ? "failed" : "pending";
    sqlite3_reset(up);
    sqlite3_bind_int64(up, 1, d->id);
    evc_store_bind(up, 2, state);
    if (d->status)
        sqlite3_bind_int(up, 3, d->status);
    else
        sqlite3_bind_null(up, 3);
    evc_store_bind(up, 4, ok ? NULL : why);
    evc_store_bind(up, 5, ok ? now : NULL);
    evc_store_bind(up, 6, next);
    sqlite3_bind_int(up, 7, d->attempt);
    sqlite3_reset(at);
    sqlite3_bind_int64(at, 1, d->id);
    sqlite3_bind_int(at, 2, d->attempt);
    evc_store_bind(at, 3, now);
    if (d->status)
        sqlite3_bind_int(at, 4, d->status);
    else
        sqlite3_bind_null(at, 4);
    evc_store_bind(at, 5, ok ? NULL : why);
    return sqlite3_step(up) == SQLITE_DONE && sqlite3_step(at) == SQLITE_DONE ? 0 : -1;
}

evc_status evc_watch_settle(evc_store *st, const evc_delivery *d, size_t n, evc_error *err)
{
    if (!st || (n && !d))
        return EVC_ERR_ARG;
    if (!n)
        return EVC_OK;
    evc_status rc = evc_store_begin(st, err);
    if (rc != EVC_OK)
        return rc;
    /* only the attempt that was claimed: a delivery claimed again after
     * its lease ran out belongs to the later claimer */
    sqlite3_stmt *up = prepare(st, "UPDATE watch_deliveries SET state = ?2, last_status = ?3, last_error = ?4,"
                                   " delivered_at = ?5, next_at = ?6 WHERE id = ?1 AND attempts = ?7"
                                   " AND state = 'pending'");
    sqlite3_stmt *at = prepare(st, "UPDATE watch_attempts SET finished = ?3, status = ?4, error = ?5"
                                   " WHERE delivery = ?1 AND attempt = ?2");
    int bad = !up || !at;
    for (size_t i = 0; i < n && !bad; i++)
        bad = settle_one(st, up, at, &d[i]);
    sqlite3_finalize(up);
    sqlite3_finalize(at);
    if (bad) {
        rc = evc_store_fail(st, err, "recording deliveries");
        rollback(st);
        return rc;
    }
    return evc_store_commit(st, err);
}

/* ---- Webhook URLs ------------------------------------------------------------------ */

static evc_status bad_url(evc_error *err, const char *msg, const char *arg)
{
    set_err(err, EVC_ERR_ARG, msg, arg);
    return EVC_ERR_ARG;
}

/* Splits the authority host[:port] or [v6][:port] (n bytes at a) into out. */
static evc_status url_authority(const char *a, size_t n, evc_http_url *out, evc_error *err)
{
    static const char NAME[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_";
    const char *end = a + n, *hend, *port;
    if (memchr(a, '@', n))
        return bad_url(err, "user info (user:password@) in a webhook URL is not supported", NULL);
    if (n && *a == '[') {
        hend = memchr(a, ']', n);
        size_t hl = hend ? (size_t)(hend - a - 1) : 0;
        if (!hl || hl >= sizeof out->host || strspn(a + 1, "0123456789abcdefABCDEF:.") != hl ||
            (hend + 1 < end && hend[1] != ':'))
            return bad_url(err, "a bad IPv6 address in a webhook URL", NULL);
        memcpy(out->host, a + 1, hl);
        port = hend + 1 < end ? hend + 2 : NULL;
    } else {
        hend = memchr(a, ':', n);
        size_t hl = hend ? (size_t)(hend - a) : n;
        if (!hl || hl >= sizeof out->host || strspn(a, NAME) < hl)
            return bad_url(err, "a webhook URL needs a host (a name or an address)", NULL);
        memcpy(out->host, a, hl);
        port = hend ? hend + 1 : NULL;
    }
    if (!port) {
        strcpy(out->port, "80");
        return EVC_OK;
    }
    size_t pl = (size_t)(end - port);
    long v = pl >= 1 && pl <= 5 && strspn(port, "0123456789") >= pl ? strtol(port, NULL, 10) : 0;
    if (v < 1 || v > 65535)
        return bad_url(err, "a webhook port is 1 to 65535", NULL);
    snprintf(out->port, sizeof out->port, "%ld", v);
    return EVC_OK;
}

evc_status evc_webhook_parse(const char *url, evc_http_url *out, evc_error *err)
{
    if (!url || !out)
        return EVC_ERR_ARG;
    memset(out, 0, sizeof *out);
    size_t n = strlen(url);
    const char *sep = strstr(url, "://");
    size_t sl = sep ? (size_t)(sep - url) : 0;
    if (!sl || sl > 16 || strspn(url, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-") < sl)
        return bad_url(err, "a webhook is an http:// URL (http://host[:port]/path)", NULL);
    char scheme[17];
    for (size_t i = 0; i < sl; i++)
        scheme[i] = (char)(url[i] | 32);
    scheme[sl] = '\0';
    if (strcmp(scheme, "http"))
        return bad_url(err, "only http:// webhooks are supported, not %s:// (there is no TLS client here; put an "
                            "http:// relay in front of it)", scheme);
    if (n > 2000)
        return bad_url(err, "a webhook URL is at most 2000 bytes", NULL);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)url[i] <= 0x20 || (unsigned char)url[i] >= 0x7F || url[i] == '#')
            return bad_url(err, "a webhook URL is printable ASCII without spaces or a #fragment (percent-encode "
                                "the rest)", NULL);
    const char *auth = sep + 3, *rest = auth + strcspn(auth, "/?");
    evc_status rc = url_authority(auth, (size_t)(rest - auth), out, err);
    if (rc == EVC_OK)
        snprintf(out->path, sizeof out->path, "%s%s", *rest == '/' ? "" : "/", rest);
    return rc;
}
