/*
 * A store in PostgreSQL (`--db postgresql://...`), through libpq.
 *
 * Design: the store's logic (deduplication, event merging, recounts,
 * queries, exports) is written once, in SQLite SQL (store.c,
 * store_export.c). A PostgreSQL store keeps the same tables and columns
 * (docs/store.md); opening one makes an in-memory SQLite working copy and
 * fills it from PostgreSQL with COPY ... TO STDOUT. From then on triggers
 * log the primary key of every row the working copy inserts, updates or
 * deletes (temp.chg_<table>), and each committed batch writes back only
 * those rows, in one PostgreSQL transaction: the logged keys deleted, the
 * copy's rows of those keys sent with COPY ... FROM STDIN. So PostgreSQL
 * holds either the store before the batch or after it (a killed ingest run
 * again ends like a clean run, as with SQLite). A generation number in
 * evcode_sync refuses a batch when another writer changed the store since
 * it was read.
 *
 * Cost: a batch costs what it changed (a few round trips per changed
 * table), but opening still reads the whole store into memory: fine for
 * stores of some hundred thousand rows, not for GDELT-sized ones.
 */
#include "buf.h"
#include "store.h"
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tables in load order (a row's references come first). */
static const char *const TABLES[] = {"meta", "articles", "article_links", "minhash_bands", "passages",
                                     "events", "mentions", "quotes", "actors", "watchlists", "watch_hits",
                                     "watch_deliveries", "watch_attempts", NULL};

/* The schema of store.c in PostgreSQL types; no foreign keys (a batch
 * deletes and copies the rows it changed table by table, in no order they
 * would accept), the same unique keys. */
static const char PG_SCHEMA[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS articles(id BIGINT PRIMARY KEY, article TEXT NOT NULL UNIQUE,"
    " content_hash TEXT NOT NULL, title TEXT, published TEXT, outlet TEXT, url TEXT, text TEXT NOT NULL,"
    " n_sentences INTEGER NOT NULL, canonical BIGINT, similarity DOUBLE PRECISION, minhash BYTEA);"
    "CREATE TABLE IF NOT EXISTS article_links(article BIGINT NOT NULL, other BIGINT NOT NULL, kind TEXT NOT NULL,"
    " score DOUBLE PRECISION NOT NULL, PRIMARY KEY(article, other));"
    "CREATE TABLE IF NOT EXISTS minhash_bands(key BIGINT NOT NULL, article BIGINT NOT NULL, PRIMARY KEY(key, article));"
    "CREATE TABLE IF NOT EXISTS passages(hash BIGINT NOT NULL, article BIGINT NOT NULL, PRIMARY KEY(hash, article));"
    "CREATE TABLE IF NOT EXISTS events(id BIGINT PRIMARY KEY, day TEXT NOT NULL, source TEXT NOT NULL,"
    " target TEXT NOT NULL, code TEXT NOT NULL, root TEXT NOT NULL, quad_class INTEGER NOT NULL,"
    " goldstein DOUBLE PRECISION NOT NULL, source_name TEXT, target_name TEXT, location_name TEXT, country TEXT,"
    " lat DOUBLE PRECISION, lon DOUBLE PRECISION, num_mentions INTEGER NOT NULL DEFAULT 0,"
    " num_sources INTEGER NOT NULL DEFAULT 0, num_articles INTEGER NOT NULL DEFAULT 0, scope TEXT NOT NULL DEFAULT '',"
    " UNIQUE(day, source, target, code, scope));"
    "CREATE INDEX IF NOT EXISTS events_source ON events(source);"
    "CREATE INDEX IF NOT EXISTS events_target ON events(target);"
    "CREATE INDEX IF NOT EXISTS events_code ON events(code);"
    "CREATE TABLE IF NOT EXISTS mentions(id BIGINT PRIMARY KEY, event BIGINT NOT NULL, article BIGINT NOT NULL,"
    " sentence_index INTEGER NOT NULL, sentence TEXT NOT NULL, sentence_hash BIGINT NOT NULL, date TEXT,"
    " source TEXT NOT NULL, source_name TEXT, target TEXT NOT NULL, target_name TEXT, code TEXT NOT NULL,"
    " location_name TEXT, country TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION, copy_of BIGINT,"
    " goldstein DOUBLE PRECISION, UNIQUE(article, sentence_index, event));"
    /* schema 1 -> 2, the column only (the working copy's upgrade fills it);
     * no ALTER, and so no table lock, once it is there */
    "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()"
    " AND table_name = 'mentions' AND column_name = 'goldstein') THEN"
    " ALTER TABLE mentions ADD COLUMN goldstein DOUBLE PRECISION; END IF; END $$;"
    "CREATE INDEX IF NOT EXISTS mentions_event ON mentions(event);"
    "CREATE TABLE IF NOT EXISTS quotes(id BIGINT PRIMARY KEY, article BIGINT NOT NULL, ordinal INTEGER NOT NULL,"
    " sentence_index INTEGER NOT NULL, speaker TEXT, speaker_code TEXT, kind TEXT NOT NULL, text TEXT NOT NULL,"
    " cue TEXT, venue TEXT, date TEXT, UNIQUE(article, ordinal));"
    "CREATE TABLE IF NOT EXISTS actors(code TEXT NOT NULL, name TEXT NOT NULL, mentions INTEGER NOT NULL,"
    " PRIMARY KEY(code, name));"
    "CREATE TABLE IF NOT EXISTS watchlists(id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE, actors TEXT NOT NULL,"
    " codes TEXT NOT NULL, places TEXT NOT NULL, goldstein_below DOUBLE PRECISION, webhook TEXT, created TEXT NOT NULL,"
    " seen BIGINT NOT NULL DEFAULT 0);"
    "CREATE TABLE IF NOT EXISTS watch_hits(id BIGINT PRIMARY KEY, watchlist BIGINT NOT NULL, event BIGINT NOT NULL,"
    " recorded TEXT NOT NULL, UNIQUE(watchlist, event));"
    "CREATE TABLE IF NOT EXISTS watch_deliveries(id BIGINT PRIMARY KEY, hit BIGINT NOT NULL UNIQUE, state TEXT NOT NULL,"
    " attempts INTEGER NOT NULL, next_at TEXT NOT NULL, last_status INTEGER, last_error TEXT, delivered_at TEXT);"
    "CREATE TABLE IF NOT EXISTS watch_attempts(delivery BIGINT NOT NULL, attempt INTEGER NOT NULL, started TEXT NOT NULL,"
    " finished TEXT, status INTEGER, error TEXT, PRIMARY KEY(delivery, attempt));"
    "CREATE TABLE IF NOT EXISTS evcode_sync(generation BIGINT NOT NULL);"
    "INSERT INTO evcode_sync SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM evcode_sync);";

struct evc_store_pg {
    PGconn *conn;
    long long generation;   /* evcode_sync.generation when last read or written */
};

int evc_store_is_pg_url(const char *path)
{
    return path && (!strncmp(path, "postgresql://", 13) || !strncmp(path, "postgres://", 11));
}

static evc_status pg_fail(PGconn *c, evc_error *err, const char *what)
{
    if (err) {
        memset(err, 0, sizeof *err);
        err->code = EVC_ERR_IO;
        const char *m = c ? PQerrorMessage(c) : "out of memory";
        snprintf(err->msg, sizeof err->msg, "PostgreSQL: %s: %.*s", what, (int)strcspn(m, "\n"), m);
    }
    return EVC_ERR_IO;
}

/* Runs a command that returns no rows (or tuples, ignored); 0 or -1. */
static int pg_exec(PGconn *c, const char *sql)
{
    PGresult *r = PQexec(c, sql);
    int st = PQresultStatus(r);
    PQclear(r);
    return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? 0 : -1;
}

/* evcode_sync.generation (-1 on error); with lock, a transaction is begun
 * and the row locked until its end, in one round trip. */
static long long pg_generation(PGconn *c, int lock)
{
    PGresult *r = PQexec(c, lock ? "BEGIN; SELECT generation FROM evcode_sync FOR UPDATE"
                                 : "SELECT generation FROM evcode_sync");
    long long g = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 ? atoll(PQgetvalue(r, 0, 0)) : -1;
    PQclear(r);
    return g;
}

/* ---- COPY text format ------------------------------------------------------- */

/* Undoes COPY's text escapes of one field in place (\\ \t \n \r \b \f \v and
 * octal \NNN); returns the new length. */
static size_t copy_unescape(char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\' || i + 1 == n) {
            s[o++] = s[i];
            continue;
        }
        char c = s[++i];
        if (c >= '0' && c <= '7') {
            int v = 0;
            for (int k = 0; k < 3 && i < n && s[i] >= '0' && s[i] <= '7'; k++)
                v = v * 8 + (s[i++] - '0');
            i--;
            s[o++] = (char)v;
        } else {
            s[o++] = c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c == 'b' ? '\b' : c == 'f' ? '\f'
                   : c == 'v' ? '\v' : c;
        }
    }
    return o;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Binds one COPY field (already unescaped) to column i by its SQLite type. */
static int bind_field(sqlite3_stmt *ins, int i, const char *decl, char *f, size_t n)
{
    if (decl && !strcmp(decl, "BLOB")) {
        /* bytea in hex: \x0a1b... */
        if (n < 2 || f[0] != '\\' || f[1] != 'x' || (n - 2) % 2)
            return -1;
        size_t len = (n - 2) / 2;
        for (size_t k = 0; k < len; k++) {
            int hi = hexval(f[2 + 2 * k]), lo = hexval(f[3 + 2 * k]);
            if (hi < 0 || lo < 0)
                return -1;
            f[k] = (char)(hi * 16 + lo);
        }
        return sqlite3_bind_blob(ins, i, f, (int)len, SQLITE_TRANSIENT);
    }
    if (decl && !strcmp(decl, "INTEGER"))
        return sqlite3_bind_int64(ins, i, strtoll(f, NULL, 10));
    if (decl && !strcmp(decl, "REAL"))
        return sqlite3_bind_double(ins, i, strtod(f, NULL));
    return sqlite3_bind_text(ins, i, f, (int)n, SQLITE_TRANSIENT);
}

/* The columns of a table of the working copy (pragma table_info, in
 * column order) as fragments of SQL. */
typedef struct cols {
    int n;
    char *decl[64];      /* declared types */
    evc_buf list;        /* every column: "a", "b", "c" */
    evc_buf key;         /* the primary key: "a", "b" */
    evc_buf new_key;     /* new."a", new."b" */
    evc_buf old_key;     /* old."a", old."b" */
} cols;

static void cols_free(cols *c)
{
    for (int i = 0; i < c->n; i++)
        free(c->decl[i]);
    evc_buf *b[] = {&c->list, &c->key, &c->new_key, &c->old_key};
    for (size_t i = 0; i < sizeof b / sizeof *b; i++)
        evc_buf_free(b[i]);
}

static char *sdup(const char *s)
{
    size_t n = strlen(s ? s : "") + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s ? s : "", n);
    return p;
}

/* Fills c (free with cols_free, also on failure). */
static int table_cols(sqlite3 *db, const char *table, cols *c)
{
    memset(c, 0, sizeof *c);
    evc_buf *b[] = {&c->list, &c->key, &c->new_key, &c->old_key};
    for (size_t i = 0; i < sizeof b / sizeof *b; i++)
        evc_buf_init(b[i]);
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db, "SELECT name, type, pk FROM pragma_table_info(?1) ORDER BY cid", -1, &s, NULL) !=
        SQLITE_OK)
        return -1;
    sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
    int nk = 0, bad = 0;
    while (!bad && sqlite3_step(s) == SQLITE_ROW && c->n < 64) {
        const char *name = (const char *)sqlite3_column_text(s, 0);
        int i = c->n++, pk = sqlite3_column_int(s, 2) > 0;
        bad = !(c->decl[i] = sdup((const char *)sqlite3_column_text(s, 1)));
        evc_buf_printf(&c->list, "%s\"%s\"", i ? ", " : "", name);
        if (!pk)
            continue;
        const char *sep = nk++ ? ", " : "";
        evc_buf_printf(&c->key, "%s\"%s\"", sep, name);
        evc_buf_printf(&c->new_key, "%snew.\"%s\"", sep, name);
        evc_buf_printf(&c->old_key, "%sold.\"%s\"", sep, name);
    }
    sqlite3_finalize(s);
    for (size_t i = 0; i < sizeof b / sizeof *b; i++)
        bad |= b[i]->oom;
    return bad || !c->n || !nk ? -1 : 0;
}

/* ---- The change log ----------------------------------------------------------- */

/* Logs the primary key of every row of `table` that a statement inserts,
 * updates or deletes in the working copy, in temp.chg_<table> (the old key
 * too when an update changes it). A key may be logged many times (readers
 * take it once): a plain INSERT costs a trigger least, and no conflict
 * clause of the statement firing it can make it fail. */
static int track_table(evc_store *st, const char *t)
{
    cols c;
    evc_buf b;
    evc_buf_init(&b);
    int rc = table_cols(st->db, t, &c);
    if (!rc) {
        const char *k = c.key.ptr, *nk = c.new_key.ptr, *ok = c.old_key.ptr;
        evc_buf_printf(&b, "CREATE TEMP TABLE chg_%s(%s);", t, k);
        evc_buf_printf(&b, "CREATE TEMP TRIGGER chg_%s_i AFTER INSERT ON main.%s BEGIN"
                           " INSERT INTO chg_%s VALUES(%s); END;", t, t, t, nk);
        evc_buf_printf(&b, "CREATE TEMP TRIGGER chg_%s_u AFTER UPDATE ON main.%s BEGIN"
                           " INSERT INTO chg_%s VALUES(%s); END;", t, t, t, nk);
        evc_buf_printf(&b, "CREATE TEMP TRIGGER chg_%s_k AFTER UPDATE ON main.%s WHEN (%s) IS NOT (%s) BEGIN"
                           " INSERT INTO chg_%s VALUES(%s); END;", t, t, ok, nk, t, ok);
        evc_buf_printf(&b, "CREATE TEMP TRIGGER chg_%s_d AFTER DELETE ON main.%s BEGIN"
                           " INSERT INTO chg_%s VALUES(%s); END;", t, t, t, ok);
        rc = b.oom || sqlite3_exec(st->db, b.ptr, NULL, NULL, NULL) != SQLITE_OK;
    }
    evc_buf_free(&b);
    cols_free(&c);
    return rc ? -1 : 0;
}

/* ---- PostgreSQL -> the working copy ---------------------------------------- */

static int load_table(evc_store *st, PGconn *pc, const char *table)
{
    cols c;
    if (table_cols(st->db, table, &c)) {
        cols_free(&c);
        return -1;
    }
    char *sql = malloc(c.list.len * 2 + 128);
    int rc = -1;
    sqlite3_stmt *ins = NULL;
    if (!sql)
        goto done;
    int w = sprintf(sql, "INSERT OR REPLACE INTO %s(%s) VALUES(", table, c.list.ptr);
    for (int i = 0; i < c.n; i++)
        w += sprintf(sql + w, i ? ", ?" : "?");
    sprintf(sql + w, ")");
    if (sqlite3_prepare_v2(st->db, sql, -1, &ins, NULL) != SQLITE_OK)
        goto done;
    sprintf(sql, "COPY %s(%s) TO STDOUT", table, c.list.ptr);
    PGresult *r = PQexec(pc, sql);
    int ok = PQresultStatus(r) == PGRES_COPY_OUT;
    PQclear(r);
    if (!ok)
        goto done;
    char *row;
    int n;
    rc = 0;
    while ((n = PQgetCopyData(pc, &row, 0)) > 0) {
        /* a row: tab-separated fields, \N for NULL, bound by declared type */
        if (!rc) {
            sqlite3_reset(ins);
            sqlite3_clear_bindings(ins);
            size_t len = (size_t)n;
            if (len && row[len - 1] == '\n')
                len--;
            row[len] = '\0';
            char *p = row;
            for (int i = 0; i < c.n && !rc; i++) {
                char *end = strchr(p, '\t');
                size_t fl = end ? (size_t)(end - p) : strlen(p);
                if (!end && i + 1 < c.n)
                    rc = -1;
                else if (!(fl == 2 && p[0] == '\\' && p[1] == 'N')) {
                    size_t u = copy_unescape(p, fl);
                    p[u] = '\0';
                    rc = bind_field(ins, i + 1, c.decl[i], p, u) == SQLITE_OK ? 0 : -1;
                }
                p = end ? end + 1 : p + fl;
            }
            if (!rc && sqlite3_step(ins) != SQLITE_DONE)
                rc = -1;
        }
        PQfreemem(row);
    }
    r = PQgetResult(pc);
    if (n != -1 || PQresultStatus(r) != PGRES_COMMAND_OK)
        rc = -1;
    PQclear(r);
    while ((r = PQgetResult(pc)))
        PQclear(r);
done:
    sqlite3_finalize(ins);
    free(sql);
    cols_free(&c);
    return rc;
}

evc_status evc_store_pg_open(const char *url, evc_store **out, evc_error *err)
{
    evc_store *st = NULL;
    evc_status rc = evc_store_open(":memory:", &st, err);
    if (rc != EVC_OK)
        return rc;
    st->pg = calloc(1, sizeof *st->pg);
    if (!st->pg) {
        evc_store_close(st);
        return EVC_ERR_NOMEM;
    }
    PGconn *pc = st->pg->conn = PQconnectdb(url);
    if (PQstatus(pc) != CONNECTION_OK) {
        rc = pg_fail(pc, err, "cannot connect");
        goto fail;
    }
    /* one snapshot of every table; the schema made on first use */
    if (pg_exec(pc, "SET client_min_messages = warning") || pg_exec(pc, "SET client_encoding = 'UTF8'") ||
        pg_exec(pc, "BEGIN") || pg_exec(pc, PG_SCHEMA) || pg_exec(pc, "COMMIT") ||
        pg_exec(pc, "BEGIN ISOLATION LEVEL REPEATABLE READ")) {
        rc = pg_fail(pc, err, "creating the schema");
        goto fail;
    }
    /* the copy holds what PostgreSQL holds (the version row of a new store
     * too), so the log below has every difference; recursive triggers: a
     * row that INSERT OR REPLACE deletes is logged as well */
    sqlite3_exec(st->db, "PRAGMA foreign_keys=OFF; PRAGMA recursive_triggers=ON; BEGIN; DELETE FROM meta", NULL, NULL,
                 NULL);
    for (int i = 0; TABLES[i]; i++)
        if (load_table(st, pc, TABLES[i]) || track_table(st, TABLES[i])) {
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
            rc = PQstatus(pc) == CONNECTION_OK && *PQerrorMessage(pc) ? pg_fail(pc, err, "reading the store")
                                                                       : evc_store_fail(st, err, "loading the store");
            goto fail;
        }
    st->pg->generation = pg_generation(pc, 0);
    /* a new store gets its version row, an old one its upgrade: both logged */
    if ((rc = evc_store_check_schema(st, err)) != EVC_OK) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        goto fail;
    }
    if (sqlite3_exec(st->db, "COMMIT; PRAGMA foreign_keys=ON", NULL, NULL, NULL) != SQLITE_OK || pg_exec(pc, "COMMIT") ||
        st->pg->generation < 0) {
        rc = pg_fail(pc, err, "reading the store");
        goto fail;
    }
    *out = st;
    return EVC_OK;
fail:
    evc_store_close(st);
    return rc;
}

/* ---- The working copy -> PostgreSQL ------------------------------------------- */

/* Appends v as a COPY text field. */
static void copy_field(evc_buf *b, sqlite3_stmt *s, int i)
{
    switch (sqlite3_column_type(s, i)) {
    case SQLITE_NULL:
        evc_buf_puts(b, "\\N");
        return;
    case SQLITE_INTEGER:
        evc_buf_printf(b, "%lld", (long long)sqlite3_column_int64(s, i));
        return;
    case SQLITE_FLOAT:
        evc_buf_printf(b, "%.17g", sqlite3_column_double(s, i));
        return;
    case SQLITE_BLOB: {
        const unsigned char *p = sqlite3_column_blob(s, i);
        int n = sqlite3_column_bytes(s, i);
        evc_buf_puts(b, "\\\\x");
        for (int k = 0; k < n; k++)
            evc_buf_printf(b, "%02x", p[k]);
        return;
    }
    default:
        break;
    }
    const char *t = (const char *)sqlite3_column_text(s, i);
    int n = sqlite3_column_bytes(s, i);
    for (int k = 0; k < n; k++) {
        char c = t[k];
        if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
            evc_buf_putc(b, '\\');
            c = c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : c;
        }
        evc_buf_putc(b, c);
    }
}

/* Streams the rows of `select` (on the working copy) into PostgreSQL
 * through `copy` (a COPY ... FROM STDIN of as many columns). */
static int copy_rows(evc_store *st, PGconn *pc, const char *select, const char *copy)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, select, -1, &s, NULL) != SQLITE_OK)
        return -1;
    PGresult *r = PQexec(pc, copy);
    int ok = PQresultStatus(r) == PGRES_COPY_IN;
    PQclear(r);
    if (!ok) {
        sqlite3_finalize(s);
        return -1;
    }
    int n = sqlite3_column_count(s);
    evc_buf b;
    evc_buf_init(&b);
    int step, bad = 0;
    while (!bad && (step = sqlite3_step(s)) == SQLITE_ROW) {
        for (int i = 0; i < n; i++) {
            if (i)
                evc_buf_putc(&b, '\t');
            copy_field(&b, s, i);
        }
        evc_buf_putc(&b, '\n');
        if (b.len >= 65536) {
            bad = b.oom || PQputCopyData(pc, b.ptr, (int)b.len) != 1;
            evc_buf_clear(&b);
        }
    }
    if (!bad && b.len)
        bad = b.oom || PQputCopyData(pc, b.ptr, (int)b.len) != 1;
    evc_buf_free(&b);
    bad = bad || step != SQLITE_DONE;
    sqlite3_finalize(s);
    PQputCopyEnd(pc, bad ? "evcode: reading the working copy failed" : NULL);
    r = PQgetResult(pc);
    int rc = !bad && PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : -1;
    PQclear(r);
    while ((r = PQgetResult(pc)))
        PQclear(r);
    return rc;
}

/* Appends to `del` the DELETE statements of the rows of `table` whose keys
 * the batch logged: (k1, k2) IN (VALUES (...), ...), at most 10,000 keys a
 * statement, the values as literals (integers, or text escaped by libpq). */
static int delete_changed(evc_store *st, PGconn *pc, const char *t, evc_buf *del)
{
    cols c;
    evc_buf sel;
    evc_buf_init(&sel);
    sqlite3_stmt *s = NULL;
    int rc = table_cols(st->db, t, &c);
    if (!rc) {
        evc_buf_printf(&sel, "SELECT DISTINCT %s FROM temp.chg_%s", c.key.ptr, t);
        rc = sel.oom || sqlite3_prepare_v2(st->db, sel.ptr, -1, &s, NULL) != SQLITE_OK;
    }
    size_t n = 0;
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
        if (n % 10000 == 0)
            evc_buf_printf(del, "%sDELETE FROM %s WHERE (%s) IN (VALUES (", n ? "));" : "", t, c.key.ptr);
        else
            evc_buf_puts(del, "), (");
        n++;
        for (int i = 0; i < sqlite3_column_count(s) && !rc; i++) {
            if (i)
                evc_buf_puts(del, ", ");
            if (sqlite3_column_type(s, i) == SQLITE_INTEGER) {
                evc_buf_printf(del, "%lld", (long long)sqlite3_column_int64(s, i));
                continue;
            }
            const char *v = (const char *)sqlite3_column_text(s, i);
            char *lit = v ? PQescapeLiteral(pc, v, (size_t)sqlite3_column_bytes(s, i)) : NULL;
            rc = !lit;
            if (lit)
                evc_buf_puts(del, lit);
            PQfreemem(lit);
        }
    }
    if (!rc && step != SQLITE_DONE)
        rc = -1;
    if (n)
        evc_buf_puts(del, "));");
    sqlite3_finalize(s);
    evc_buf_free(&sel);
    cols_free(&c);
    return rc || del->oom ? -1 : 0;
}

/* Copies the working copy's rows of `table` whose keys the batch logged
 * into PostgreSQL (after delete_changed: a deleted row has none). */
static int copy_changed(evc_store *st, PGconn *pc, const char *t)
{
    cols c;
    evc_buf sel, copy;
    evc_buf_init(&sel);
    evc_buf_init(&copy);
    int rc = table_cols(st->db, t, &c);
    if (!rc) {
        evc_buf_printf(&sel, "SELECT %s FROM main.%s WHERE (%s) IN (SELECT %s FROM temp.chg_%s)", c.list.ptr, t,
                       c.key.ptr, c.key.ptr, t);
        evc_buf_printf(&copy, "COPY %s(%s) FROM STDIN", t, c.list.ptr);
        rc = sel.oom || copy.oom || copy_rows(st, pc, sel.ptr, copy.ptr);
    }
    evc_buf_free(&sel);
    evc_buf_free(&copy);
    cols_free(&c);
    return rc ? -1 : 0;
}

/* Whether the batch logged a row of TABLES[i] (-1 on error). */
static int changed(evc_store *st, int i)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT EXISTS (SELECT 1 FROM temp.chg_%s)", TABLES[i]);
    sqlite3_stmt *s = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        rc = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return rc;
}

/* Writes what the batch changed, in one PostgreSQL transaction: the
 * generation checked and locked; the rows of every logged key deleted (one
 * call); the working copy's rows of those keys copied in, table by table;
 * the new generation and the COMMIT (one call). Rows not logged are equal
 * on both sides, so none of them holds a value a unique key of a copied
 * row needs. */
evc_status evc_store_pg_sync(evc_store *st, evc_error *err)
{
    PGconn *pc = st->pg->conn;
    int todo[sizeof TABLES / sizeof *TABLES] = {0}, any = 0;
    for (int i = 0; TABLES[i]; i++) {
        if ((todo[i] = changed(st, i)) < 0)
            return evc_store_fail(st, err, "reading the change log");
        any |= todo[i];
    }
    if (!any)
        return EVC_OK;   /* nothing to write: no transaction, no new generation */
    long long g = pg_generation(pc, 1);
    if (g < 0) {
        evc_status s = pg_fail(pc, err, "cannot begin");
        pg_exec(pc, "ROLLBACK");
        return s;
    }
    if (g != st->pg->generation) {
        pg_exec(pc, "ROLLBACK");
        if (err) {
            memset(err, 0, sizeof *err);
            err->code = EVC_ERR_IO;
            snprintf(err->msg, sizeof err->msg,
                     "PostgreSQL: the store was changed by another writer since it was read; run again");
        }
        return EVC_ERR_IO;
    }
    evc_buf del;
    evc_buf_init(&del);
    int rc = 0;
    for (int i = 0; !rc && TABLES[i]; i++)
        if (todo[i])
            rc = delete_changed(st, pc, TABLES[i], &del);
    rc = rc || (del.len && pg_exec(pc, del.ptr));
    evc_buf_free(&del);
    for (int i = 0; !rc && TABLES[i]; i++)
        if (todo[i])
            rc = copy_changed(st, pc, TABLES[i]);
    if (rc || pg_exec(pc, "UPDATE evcode_sync SET generation = generation + 1; COMMIT")) {
        evc_status s = pg_fail(pc, err, "writing the batch");
        pg_exec(pc, "ROLLBACK");
        return s;
    }
    st->pg->generation = g + 1;
    /* written: the log starts again (kept when the write failed, so a
     * write after it would still carry this batch's rows) */
    for (int i = 0; TABLES[i]; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "DELETE FROM temp.chg_%s", TABLES[i]);
        if (todo[i] && sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
            return evc_store_fail(st, err, "clearing the change log");
    }
    return EVC_OK;
}

void evc_store_pg_free(evc_store_pg *pg)
{
    if (!pg)
        return;
    PQfinish(pg->conn);
    free(pg);
}
