/*
 * The SQLite store: schema, snapshots of coded documents, and batches
 * written in one transaction each (see store.h and docs/store.md).
 *
 * Idempotence: an article is keyed by its id and a hash of its content; a
 * put of a stored (id, hash) changes nothing, so rerunning an interrupted
 * ingest stores exactly what one clean run stores. Every count an event
 * carries is recomputed from its mention rows inside the same transaction,
 * never incremented, so no interruption can leave it off by one.
 *
 * Events: a mention joins an event of its day whose actor and event codes
 * are compatible with its own (equal, or one more specific: USA and USAMIL,
 * 180 and 1831); the row keeps the most specific codes of its mentions.
 * Every choice depends only on the rows stored before, so a rerun of the
 * same input in the same order makes the same choices.
 */
#include "doc.h"
#include "store.h"
#include "util.h"
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SCHEMA[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS articles("
    " id INTEGER PRIMARY KEY, article TEXT NOT NULL UNIQUE, content_hash TEXT NOT NULL,"
    " title TEXT, published TEXT, outlet TEXT, url TEXT, text TEXT NOT NULL, n_sentences INTEGER NOT NULL,"
    " canonical INTEGER REFERENCES articles(id), similarity REAL, minhash BLOB);"
    "CREATE TABLE IF NOT EXISTS article_links("
    " article INTEGER NOT NULL REFERENCES articles(id), other INTEGER NOT NULL REFERENCES articles(id),"
    " kind TEXT NOT NULL, score REAL NOT NULL, PRIMARY KEY(article, other)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS minhash_bands(key INTEGER NOT NULL, article INTEGER NOT NULL,"
    " PRIMARY KEY(key, article)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS passages(hash INTEGER NOT NULL, article INTEGER NOT NULL,"
    " PRIMARY KEY(hash, article)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS events("
    " id INTEGER PRIMARY KEY, day TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, code TEXT NOT NULL,"
    " root TEXT NOT NULL, quad_class INTEGER NOT NULL, goldstein REAL NOT NULL,"
    " source_name TEXT, target_name TEXT, location_name TEXT, country TEXT, lat REAL, lon REAL,"
    " num_mentions INTEGER NOT NULL DEFAULT 0, num_sources INTEGER NOT NULL DEFAULT 0,"
    " num_articles INTEGER NOT NULL DEFAULT 0, scope TEXT NOT NULL DEFAULT '',"
    " UNIQUE(day, source, target, code, scope));"
    "CREATE INDEX IF NOT EXISTS events_source ON events(source);"
    "CREATE INDEX IF NOT EXISTS events_target ON events(target);"
    "CREATE INDEX IF NOT EXISTS events_code ON events(code);"
    /* the events a mention may join: same day, scope and root, a source
     * code that is a prefix or an extension of the mention's */
    "CREATE INDEX IF NOT EXISTS events_merge ON events(day, scope, root, source);"
    "CREATE TABLE IF NOT EXISTS mentions("
    " id INTEGER PRIMARY KEY, event INTEGER NOT NULL REFERENCES events(id),"
    " article INTEGER NOT NULL REFERENCES articles(id), sentence_index INTEGER NOT NULL,"
    " sentence TEXT NOT NULL, sentence_hash INTEGER NOT NULL, date TEXT,"
    " source TEXT NOT NULL, source_name TEXT, target TEXT NOT NULL, target_name TEXT, code TEXT NOT NULL,"
    " location_name TEXT, country TEXT, lat REAL, lon REAL, copy_of INTEGER REFERENCES mentions(id),"
    " goldstein REAL, UNIQUE(article, sentence_index, event));"
    "CREATE INDEX IF NOT EXISTS mentions_event ON mentions(event);"
    "CREATE INDEX IF NOT EXISTS mentions_hash ON mentions(sentence_hash);"
    "CREATE TABLE IF NOT EXISTS quotes("
    " id INTEGER PRIMARY KEY, article INTEGER NOT NULL REFERENCES articles(id), ordinal INTEGER NOT NULL,"
    " sentence_index INTEGER NOT NULL, speaker TEXT, speaker_code TEXT, kind TEXT NOT NULL, text TEXT NOT NULL,"
    " cue TEXT, venue TEXT, date TEXT, UNIQUE(article, ordinal));"
    "CREATE TABLE IF NOT EXISTS actors(code TEXT NOT NULL, name TEXT NOT NULL, mentions INTEGER NOT NULL,"
    " PRIMARY KEY(code, name)) WITHOUT ROWID;"
    /* full-text indexes over the tables' own text (external content), kept
     * in step by triggers inside the writing transaction */
    "CREATE VIRTUAL TABLE IF NOT EXISTS mentions_fts USING fts5(sentence, content='mentions', content_rowid='id');"
    "CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(text, speaker, content='quotes', content_rowid='id');"
    "CREATE TRIGGER IF NOT EXISTS mentions_ai AFTER INSERT ON mentions BEGIN"
    " INSERT INTO mentions_fts(rowid, sentence) VALUES(new.id, new.sentence); END;"
    "CREATE TRIGGER IF NOT EXISTS mentions_ad AFTER DELETE ON mentions BEGIN"
    " INSERT INTO mentions_fts(mentions_fts, rowid, sentence) VALUES('delete', old.id, old.sentence); END;"
    "CREATE TRIGGER IF NOT EXISTS quotes_ai AFTER INSERT ON quotes BEGIN"
    " INSERT INTO quotes_fts(rowid, text, speaker) VALUES(new.id, new.text, new.speaker); END;"
    "CREATE TRIGGER IF NOT EXISTS quotes_ad AFTER DELETE ON quotes BEGIN"
    " INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker) VALUES('delete', old.id, old.text, old.speaker); END;";

/* Prepared statements, by index into st->stmt. */
enum {
    Q_FIND_ARTICLE, Q_INSERT_ARTICLE, Q_UPDATE_ARTICLE, Q_BAND_CANDIDATES, Q_MINHASH_OF, Q_INSERT_BAND,
    Q_PASSAGE_OWNERS, Q_INSERT_PASSAGE, Q_INSERT_LINK, Q_FIND_COPY, Q_COMPATIBLE, Q_INSERT_EVENT, Q_EVENT_KEY,
    Q_FILL_LOCATION, Q_COLLIDING, Q_RESHAPE, Q_MOVE_MENTIONS, Q_EVENT_MENTIONS, Q_MENTION_ACTORS, Q_REPOINT_COPIES,
    Q_DEL_MENTION, Q_DEL_EVENT, Q_INSERT_MENTION, Q_INSERT_QUOTE, Q_BUMP_ACTOR, Q_RECOUNT, Q_OLD_EVENTS,
    Q_OLD_ACTORS, Q_UNLINK_COPIES, Q_DEL_MENTIONS, Q_DEL_QUOTES, Q_DEL_BANDS, Q_DEL_PASSAGES, Q_DEL_LINKS,
    Q_DEL_EMPTY_EVENT, Q_DEL_NO_ACTORS,
    Q_N
};

/* The most specific codes among the mentions of event ?1 (docs/store.md,
 * "Events"): the longest source and target (ties: byte order), the code of
 * highest rank (4-digit, 3-digit, the root's generic xx0, other; as
 * code_rank), each with the values of the first mention that has it. */
#define BY_SOURCE " FROM mentions WHERE event = ?1 ORDER BY length(source) DESC, source, id LIMIT 1"
#define BY_TARGET " FROM mentions WHERE event = ?1 ORDER BY length(target) DESC, target, id LIMIT 1"
#define BY_CODE                                                                                                        \
    " FROM mentions WHERE event = ?1 ORDER BY CASE WHEN code GLOB '[0-9][0-9][0-9][0-9]' THEN 3"                       \
    " WHEN code GLOB '[0-9][0-9][1-9]' THEN 2 WHEN code GLOB '[0-9][0-9]0' THEN 1 ELSE 0 END DESC, code, id LIMIT 1"

static const char *const SQL[Q_N] = {
    [Q_FIND_ARTICLE] = "SELECT id, content_hash FROM articles WHERE article = ?1",
    [Q_INSERT_ARTICLE] = "INSERT INTO articles(article, content_hash, title, published, outlet, url, text, n_sentences,"
                         " canonical, similarity, minhash) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [Q_UPDATE_ARTICLE] = "UPDATE articles SET content_hash = ?2, title = ?3, published = ?4, outlet = ?5, url = ?6,"
                         " text = ?7, n_sentences = ?8, canonical = ?9, similarity = ?10, minhash = ?11"
                         " WHERE id = ?1",
    [Q_BAND_CANDIDATES] = "SELECT article FROM minhash_bands WHERE key = ?1 AND article <> ?2 LIMIT 64",
    [Q_MINHASH_OF] = "SELECT minhash, coalesce(canonical, id) FROM articles WHERE id = ?1",
    [Q_INSERT_BAND] = "INSERT OR IGNORE INTO minhash_bands(key, article) VALUES(?1, ?2)",
    [Q_PASSAGE_OWNERS] = "SELECT article FROM passages WHERE hash = ?1 AND article <> ?2 LIMIT 64",
    [Q_INSERT_PASSAGE] = "INSERT OR IGNORE INTO passages(hash, article) VALUES(?1, ?2)",
    [Q_INSERT_LINK] = "INSERT OR REPLACE INTO article_links(article, other, kind, score) VALUES(?1, ?2, ?3, ?4)",
    /* an identical sentence coded alike in an article this one copies from */
    [Q_FIND_COPY] = "SELECT m.id, m.event FROM mentions m WHERE m.sentence_hash = ?1 AND m.code = ?2"
                    " AND m.source = ?3 AND m.target = ?4"
                    " AND m.article IN (SELECT other FROM article_links WHERE article = ?5)"
                    " ORDER BY m.id LIMIT 1",
    /* events of the day, scope and root whose source is a prefix of ?3 (the
     * recursive part lists them) or extends it (?4: ?3 and a byte 0xFF, which
     * UTF-8 never holds); the caller keeps the compatible ones */
    [Q_COMPATIBLE] = "WITH RECURSIVE p(v) AS (SELECT ?3 UNION ALL SELECT substr(v, 1, length(v) - 1) FROM p"
                     " WHERE length(v) > 1)"
                     " SELECT id, source, target, code, num_mentions FROM events"
                     " WHERE day = ?1 AND scope = ?2 AND root = ?5 AND source IN p"
                     " UNION ALL SELECT id, source, target, code, num_mentions FROM events"
                     " WHERE day = ?1 AND scope = ?2 AND root = ?5 AND source > ?3 AND source < ?4",
    [Q_INSERT_EVENT] = "INSERT INTO events(day, source, target, code, root, quad_class, goldstein, source_name,"
                       " target_name, location_name, country, lat, lon, scope)"
                       " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    [Q_EVENT_KEY] = "SELECT source, target, code FROM events WHERE id = ?1",
    [Q_FILL_LOCATION] = "UPDATE events SET location_name = ?2, country = ?3, lat = ?4, lon = ?5"
                        " WHERE id = ?1 AND location_name IS NULL",
    /* another event of the day and scope that already has the codes event
     * ?1 is to take from its mentions */
    [Q_COLLIDING] = "SELECT f.id FROM events e JOIN events f ON f.day = e.day AND f.scope = e.scope AND f.id <> e.id"
                    " WHERE e.id = ?1 AND f.source = (SELECT source" BY_SOURCE ")"
                    " AND f.target = (SELECT target" BY_TARGET ") AND f.code = (SELECT code" BY_CODE ")",
    /* codes, names, Goldstein score and place of event ?1 from its mentions
     * (the place: of the first mention that has one) */
    [Q_RESHAPE] = "UPDATE events SET (source, source_name) = (SELECT source, source_name" BY_SOURCE "),"
                  " (target, target_name) = (SELECT target, target_name" BY_TARGET "),"
                  " (code, goldstein) = (SELECT code, coalesce(goldstein, events.goldstein)" BY_CODE "),"
                  " (location_name, country, lat, lon) = (SELECT location_name, country, lat, lon FROM mentions"
                  "   WHERE event = ?1 AND location_name IS NOT NULL ORDER BY id LIMIT 1)"
                  " WHERE id = ?1 AND EXISTS (SELECT 1 FROM mentions WHERE event = ?1)",
    /* merging event ?1 into ?2: a sentence both report stays in ?2 only */
    [Q_MOVE_MENTIONS] = "UPDATE OR IGNORE mentions SET event = ?2 WHERE event = ?1",
    [Q_EVENT_MENTIONS] = "SELECT id FROM mentions WHERE event = ?1",
    [Q_MENTION_ACTORS] = "SELECT source, source_name, target, target_name FROM mentions WHERE id = ?1",
    /* copies of mention ?1 now copy its sentence's mention in event ?2 */
    [Q_REPOINT_COPIES] = "UPDATE mentions SET copy_of = (SELECT s.id FROM mentions s JOIN mentions x ON x.id = ?1"
                         " WHERE s.event = ?2 AND s.article = x.article AND s.sentence_index = x.sentence_index)"
                         " WHERE copy_of = ?1",
    [Q_DEL_MENTION] = "DELETE FROM mentions WHERE id = ?1",
    [Q_DEL_EVENT] = "DELETE FROM events WHERE id = ?1",
    [Q_INSERT_MENTION] = "INSERT OR IGNORE INTO mentions(event, article, sentence_index, sentence, sentence_hash, date,"
                         " source, source_name, target, target_name, code, location_name, country, lat, lon, copy_of,"
                         " goldstein)"
                         " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    [Q_INSERT_QUOTE] = "INSERT OR IGNORE INTO quotes(article, ordinal, sentence_index, speaker, speaker_code, kind, text,"
                       " cue, venue, date) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    [Q_BUMP_ACTOR] = "INSERT INTO actors(code, name, mentions) VALUES(?1, ?2, ?3)"
                     " ON CONFLICT(code, name) DO UPDATE SET mentions = mentions + excluded.mentions",
    /* a mention counts once per story (a near-duplicate belongs to its
     * canonical article's story) and distinct sentence; a source is the
     * story's outlet, or the story itself when its outlet is unknown */
    [Q_RECOUNT] = "UPDATE events SET"
                  " num_mentions = (SELECT count(*) FROM (SELECT DISTINCT coalesce(a.canonical, a.id), m.sentence_hash"
                  "   FROM mentions m JOIN articles a ON a.id = m.article WHERE m.event = ?1)),"
                  " num_articles = (SELECT count(DISTINCT coalesce(a.canonical, a.id))"
                  "   FROM mentions m JOIN articles a ON a.id = m.article WHERE m.event = ?1),"
                  " num_sources = (SELECT count(DISTINCT coalesce(c.outlet, '#' || c.id)) FROM mentions m"
                  "   JOIN articles a ON a.id = m.article JOIN articles c ON c.id = coalesce(a.canonical, a.id)"
                  "   WHERE m.event = ?1)"
                  " WHERE id = ?1",
    [Q_OLD_EVENTS] = "SELECT DISTINCT event FROM mentions WHERE article = ?1",
    [Q_OLD_ACTORS] = "SELECT source, source_name FROM mentions WHERE article = ?1 AND source_name IS NOT NULL"
                     " UNION ALL SELECT target, target_name FROM mentions WHERE article = ?1 AND target <> ''"
                     " AND target_name IS NOT NULL"
                     " UNION ALL SELECT speaker_code, speaker FROM quotes WHERE article = ?1"
                     " AND speaker_code IS NOT NULL AND speaker IS NOT NULL",
    /* copies of a replaced article keep their events but lose the mark */
    [Q_UNLINK_COPIES] = "UPDATE mentions SET copy_of = NULL WHERE copy_of IN (SELECT id FROM mentions WHERE article = ?1)",
    [Q_DEL_MENTIONS] = "DELETE FROM mentions WHERE article = ?1",
    [Q_DEL_QUOTES] = "DELETE FROM quotes WHERE article = ?1",
    [Q_DEL_BANDS] = "DELETE FROM minhash_bands WHERE article = ?1",
    [Q_DEL_PASSAGES] = "DELETE FROM passages WHERE article = ?1",
    [Q_DEL_LINKS] = "DELETE FROM article_links WHERE article = ?1",
    [Q_DEL_EMPTY_EVENT] = "DELETE FROM events WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM mentions WHERE event = ?1)",
    [Q_DEL_NO_ACTORS] = "DELETE FROM actors WHERE mentions <= 0",
};

evc_status evc_store_fail(evc_store *st, evc_error *err, const char *what)
{
    if (err) {
        memset(err, 0, sizeof *err);
        err->code = EVC_ERR_IO;
        snprintf(err->msg, sizeof err->msg, "%s: %s", what, st && st->db ? sqlite3_errmsg(st->db) : "out of memory");
    }
    return EVC_ERR_IO;
}

int evc_store_bind(sqlite3_stmt *s, int i, const char *v)
{
    return v ? sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(s, i);
}

static void set_msg(evc_error *err, evc_status code, const char *msg)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->code = code;
    snprintf(err->msg, sizeof err->msg, "%s", msg);
}

/* The statement `which`, prepared on first use, reset and unbound. */
static sqlite3_stmt *stmt(evc_store *st, int which)
{
    sqlite3_stmt *s = st->stmt[which];
    if (!s) {
        if (sqlite3_prepare_v3(st->db, SQL[which], -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK)
            return NULL;
        st->stmt[which] = s;
    } else {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
    }
    return s;
}

/* Runs a statement that returns no rows. */
static int step_done(sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Schema 2 over a store of schema 1: the Goldstein score of each mention
 * (merged events take the score of their most specific mention's code). In
 * schema 1 every mention had its event's code, so it takes the event's
 * score. A PostgreSQL working copy has the column already (store_pg.c). */
static const char MIGRATE_1_2[] =
    "UPDATE mentions SET goldstein = (SELECT goldstein FROM events WHERE id = mentions.event) WHERE goldstein IS NULL";

evc_status evc_store_check_schema(evc_store *st, evc_error *err)
{
    sqlite3_stmt *s = NULL;
    int version = 0, has_col = 0;
    if (sqlite3_prepare_v2(st->db, "SELECT value FROM meta WHERE key = 'schema'", -1, &s, NULL) != SQLITE_OK)
        return evc_store_fail(st, err, "reading the schema version");
    if (sqlite3_step(s) == SQLITE_ROW)
        version = atoi((const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    if (version > EVC_STORE_SCHEMA) {
        set_msg(err, EVC_ERR_IO, "the store was written by a newer evcode (schema version too high)");
        return EVC_ERR_IO;
    }
    if (version == EVC_STORE_SCHEMA)
        return EVC_OK;
    if (version == 1) {
        if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM pragma_table_info('mentions') WHERE name = 'goldstein'",
                               -1, &s, NULL) != SQLITE_OK)
            return evc_store_fail(st, err, "reading the schema");
        has_col = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) == 1;
        sqlite3_finalize(s);
        const char *add = "ALTER TABLE mentions ADD COLUMN goldstein REAL";
        if ((!has_col && sqlite3_exec(st->db, add, NULL, NULL, NULL) != SQLITE_OK) ||
            sqlite3_exec(st->db, MIGRATE_1_2, NULL, NULL, NULL) != SQLITE_OK)
            return evc_store_fail(st, err, "upgrading the store to schema 2");
    }
    /* 2 -> 3: the watch tables, which evc_watch_open made before this */
    char sql[128];
    snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO meta(key, value) VALUES('schema', '%d')", EVC_STORE_SCHEMA);
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return evc_store_fail(st, err, "writing the schema version");
    return EVC_OK;
}

evc_status evc_store_open(const char *path, evc_store **out, evc_error *err)
{
    if (!out)
        return EVC_ERR_ARG;
    *out = NULL;
    if (!path || !*path) {
        set_msg(err, EVC_ERR_ARG, "no database path");
        return EVC_ERR_ARG;
    }
    if (evc_store_is_pg_url(path))
        return evc_store_pg_open(path, out, err);
    evc_store *st = calloc(1, sizeof *st);
    if (!st)
        return EVC_ERR_NOMEM;
    evc_status rc = EVC_ERR_IO;
    if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        rc = evc_store_fail(st, err, "cannot open the database");
        goto fail;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, 10000);
    /* WAL: readers never block the writer; synchronous=NORMAL keeps every
     * committed batch through a crash of the process (not of the machine) */
    if (sqlite3_exec(st->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", NULL,
                     NULL, NULL) != SQLITE_OK) {
        rc = evc_store_fail(st, err, "not an evcode store");
        goto fail;
    }
    if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        rc = evc_store_fail(st, err, "cannot lock the database");
        goto fail;
    }
    if (sqlite3_exec(st->db, SCHEMA, NULL, NULL, NULL) != SQLITE_OK || evc_watch_open(st)) {
        rc = evc_store_fail(st, err, "not an evcode store");
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        goto fail;
    }
    if ((rc = evc_store_check_schema(st, err)) != EVC_OK) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        goto fail;
    }
    if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        rc = evc_store_fail(st, err, "creating the schema");
        goto fail;
    }
    *out = st;
    return EVC_OK;
fail:
    evc_store_close(st);
    return rc;
}

void evc_store_close(evc_store *st)
{
    if (!st)
        return;
    for (int i = 0; i < EVC_ST_NSTMT; i++)
        sqlite3_finalize(st->stmt[i]);
    if (st->in_tx)
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(st->db);
    evc_store_pg_free(st->pg);
    free(st);
}

evc_status evc_store_begin(evc_store *st, evc_error *err)
{
    if (!st || st->in_tx)
        return EVC_ERR_ARG;
    if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return evc_store_fail(st, err, "cannot begin a batch");
    st->in_tx = 1;
    /* under the write lock: no watchlist can come or go during the batch */
    if ((st->watching = evc_watch_active(st)) < 0) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        st->in_tx = 0;
        return evc_store_fail(st, err, "reading the watchlists");
    }
    return EVC_OK;
}

evc_status evc_store_commit(evc_store *st, evc_error *err)
{
    if (!st || !st->in_tx)
        return EVC_ERR_ARG;
    for (int i = 0; i < EVC_ST_NSTMT; i++)
        if (st->stmt[i])
            sqlite3_reset(st->stmt[i]);
    if (st->watching && evc_watch_match(st, err)) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        st->in_tx = 0;
        return EVC_ERR_IO;
    }
    if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        evc_status rc = evc_store_fail(st, err, "cannot commit the batch");
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        st->in_tx = 0;
        return rc;
    }
    st->in_tx = 0;
    return st->pg ? evc_store_pg_sync(st, err) : EVC_OK;
}

/* ---- Snapshots ---------------------------------------------------------- */

static const char *dup(evc_arena *a, const char *s)
{
    return s ? evc_arena_strndup(a, s, strlen(s)) : NULL;
}

/* The content hash: FNV-1a over the metadata and the cleaned body, fields
 * separated by a byte no field holds and NULL told apart from "". */
static void content_hash(const evc_article_info *in, char out[17])
{
    const char *f[] = {in->title, in->published, in->outlet, in->url, in->text};
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
        const char *s = f[i] ? f[i] : "";
        unsigned char sep = f[i] ? 0x1f : 0x1e;
        for (; *s; s++) {
            h ^= (unsigned char)*s;
            h *= 1099511628211ULL;
        }
        h ^= sep;
        h *= 1099511628211ULL;
    }
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

static int copy_events(evc_store_doc *sd, const evc_event *events, size_t n)
{
    evc_arena *a = &sd->arena;
    sd->n_events = n;
    sd->events = evc_arena_calloc(a, sd->n_events + 1, sizeof *sd->events);
    sd->sent_hash = evc_arena_calloc(a, sd->n_events + 1, sizeof *sd->sent_hash);
    if (!sd->events || !sd->sent_hash)
        return -1;
    for (size_t i = 0; i < sd->n_events; i++) {
        const evc_event *e = &events[i];
        evc_event *o = &sd->events[i];
        *o = *e;
        o->sentence = dup(a, e->sentence ? e->sentence : "");
        o->date = dup(a, e->date);
        o->source = dup(a, e->source ? e->source : "");
        o->source_name = dup(a, e->source_name);
        o->target = dup(a, e->target);
        o->target_name = dup(a, e->target_name);
        o->code = dup(a, e->code ? e->code : "");
        o->location_name = dup(a, e->location_name);
        o->location_country = dup(a, e->location_country);
        if (!o->sentence || !o->source || !o->code)
            return -1;
        sd->sent_hash[i] = evc_fingerprint(o->sentence, strlen(o->sentence), NULL) | 1;
    }
    return 0;
}

static int copy_quotes(evc_store_doc *sd, const evc_quote *quotes, size_t n)
{
    evc_arena *a = &sd->arena;
    sd->n_quotes = n;
    sd->quotes = evc_arena_calloc(a, sd->n_quotes + 1, sizeof *sd->quotes);
    if (!sd->quotes)
        return -1;
    for (size_t i = 0; i < sd->n_quotes; i++) {
        const evc_quote *q = &quotes[i];
        evc_quote *o = &sd->quotes[i];
        *o = *q;
        o->speaker = dup(a, q->speaker);
        o->speaker_code = dup(a, q->speaker_code);
        o->kind = dup(a, q->kind ? q->kind : "direct");
        o->text = dup(a, q->text ? q->text : "");
        o->cue = dup(a, q->cue);
        o->venue = dup(a, q->venue);
        o->date = dup(a, q->date);
        if (!o->kind || !o->text)
            return -1;
    }
    return 0;
}

/* The distinct fingerprints of the paragraphs of at least
 * EVC_PASSAGE_MIN_WORDS words. Quadratic in the paragraphs of one article
 * only (a few dozen). */
static int copy_passages(evc_store_doc *sd, const char *text, const evc_para *paras, size_t n)
{
    sd->passages = evc_arena_calloc(&sd->arena, n + 1, sizeof *sd->passages);
    if (!sd->passages)
        return -1;
    for (size_t i = 0; i < n; i++) {
        size_t nw;
        uint64_t h = evc_fingerprint(text + paras[i].start, paras[i].len, &nw);
        if (nw < EVC_PASSAGE_MIN_WORDS)
            continue;
        size_t k = 0;
        while (k < sd->n_passages && sd->passages[k] != h)
            k++;
        if (k == sd->n_passages)
            sd->passages[sd->n_passages++] = h;
    }
    return 0;
}

evc_status evc_store_doc_build(const evc_article_info *in, const evc_event *events, size_t n_events,
                               const evc_quote *quotes, size_t n_quotes, const char *text, const evc_para *paras,
                               size_t n_paras, evc_store_doc **out)
{
    *out = NULL;
    evc_store_doc *sd = calloc(1, sizeof *sd);
    if (!sd)
        return EVC_ERR_NOMEM;
    evc_arena_init(&sd->arena, 64 * 1024);
    evc_arena *a = &sd->arena;
    sd->id = dup(a, in->id);
    sd->title = dup(a, in->title);
    sd->published = dup(a, in->published);
    sd->outlet = dup(a, in->outlet);
    sd->url = dup(a, in->url);
    sd->text = dup(a, in->text ? in->text : "");
    sd->n_sentences = in->n_sentences;
    if (!sd->id || !sd->text || copy_events(sd, events, n_events) || copy_quotes(sd, quotes, n_quotes) ||
        copy_passages(sd, text, paras, n_paras)) {
        evc_store_doc_free(sd);
        return EVC_ERR_NOMEM;
    }
    content_hash(in, sd->hash);
    sd->n_shingles = evc_minhash(sd->text, strlen(sd->text), sd->sig);
    *out = sd;
    return EVC_OK;
}

evc_status evc_store_doc_new(const evc_doc *doc, evc_store_doc **out)
{
    if (!out)
        return EVC_ERR_ARG;
    *out = NULL;
    if (!doc || !doc->info.id)
        return EVC_ERR_ARG;
    return evc_store_doc_build(&doc->info, doc->events.v, doc->events.n, doc->quotes_pub.v, doc->quotes_pub.n,
                               doc->text, doc->paras.v, doc->paras.n, out);
}

void evc_store_doc_free(evc_store_doc *sd)
{
    if (!sd)
        return;
    evc_arena_free(&sd->arena);
    free(sd);
}

/* ---- Putting one article ------------------------------------------------ */

/* Event ids touched by one put, recounted at its end. */
typedef struct idset {
    long long *v;
    size_t n, cap;
} idset;

static int idset_add(idset *s, long long id)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i] == id)
            return 0;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        long long *v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return -1;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = id;
    return 0;
}

static int bump_actor(evc_store *st, const char *code, const char *name, int delta)
{
    if (!code || !*code || !name || !*name)
        return 0;
    sqlite3_stmt *s = stmt(st, Q_BUMP_ACTOR);
    if (!s)
        return -1;
    evc_store_bind(s, 1, code);
    evc_store_bind(s, 2, name);
    sqlite3_bind_int(s, 3, delta);
    return step_done(s);
}

/* Runs statement `which` with ?1 = id. */
static int exec_id(evc_store *st, int which, long long id)
{
    sqlite3_stmt *s = stmt(st, which);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    return step_done(s);
}

/* ---- Merging reports of one event ------------------------------------------ */

/* Whether actor codes a and b can name one actor: equal, or one a prefix of
 * the other (USA and USAMIL; not the siblings USAGOV and USAMIL); "" (no
 * target) only with "". */
static int actors_compatible(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (!na || !nb)
        return na == nb;
    return strncmp(a, b, na < nb ? na : nb) == 0;
}

/* How specific a CAMEO event code is: 3 four digits (1831), 2 three digits
 * (183), 1 the generic code of a root, three digits ending in 0 (180, "not
 * specified"), 0 anything else (merged only with itself). BY_CODE ranks
 * alike in SQL. */
static int code_rank(const char *c)
{
    size_t n = strspn(c, "0123456789");
    if (c[n] || (n != 3 && n != 4))
        return 0;
    return n == 4 ? 3 : c[2] != '0' ? 2 : 1;
}

/* Whether CAMEO codes a and b can report one act: equal, or of one root
 * with one of them the root's generic code (180 and 1831, 190 and 195) or
 * a three-digit code and one of its four-digit codes (183 and 1831). */
static int codes_compatible(const char *a, const char *b)
{
    if (!strcmp(a, b))
        return 1;
    int ra = code_rank(a), rb = code_rank(b);
    if (!ra || !rb || strncmp(a, b, 2))
        return 0;
    return ra == 1 || rb == 1 || (ra != rb && strncmp(a, b, 3) == 0);
}

/* Drops mention m of an event merged into `keep`, which has a mention of
 * the same sentence: its actors count one less, its copies copy that one. */
static int drop_mention(evc_store *st, long long m, long long keep)
{
    sqlite3_stmt *s = stmt(st, Q_MENTION_ACTORS);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, m);
    int rc = sqlite3_step(s) == SQLITE_ROW ? 0 : -1;
    if (!rc)
        rc = bump_actor(st, (const char *)sqlite3_column_text(s, 0), (const char *)sqlite3_column_text(s, 1), -1) ||
             bump_actor(st, (const char *)sqlite3_column_text(s, 2), (const char *)sqlite3_column_text(s, 3), -1);
    sqlite3_reset(s);
    if (rc || !(s = stmt(st, Q_REPOINT_COPIES)))
        return -1;
    sqlite3_bind_int64(s, 1, m);
    sqlite3_bind_int64(s, 2, keep);
    return step_done(s) || exec_id(st, Q_DEL_MENTION, m);
}

/* Merges events a and b of one day and scope into the older (lower id):
 * the other's mentions move to it, but for one of a sentence it has
 * already (dropped), and the other is deleted. Returns the kept id, -1 on
 * error. */
static long long merge_events(evc_store *st, long long a, long long b, idset *touched)
{
    long long keep = a < b ? a : b, gone = a < b ? b : a;
    sqlite3_stmt *s = stmt(st, Q_MOVE_MENTIONS);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, gone);
    sqlite3_bind_int64(s, 2, keep);
    if (step_done(s) || !(s = stmt(st, Q_EVENT_MENTIONS)))
        return -1;
    /* the ids first: no row is deleted under a running SELECT */
    idset left = {0};
    sqlite3_bind_int64(s, 1, gone);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if (idset_add(&left, sqlite3_column_int64(s, 0)))
            break;
    sqlite3_reset(s);
    int bad = rc != SQLITE_DONE;
    for (size_t i = 0; i < left.n && !bad; i++)
        bad = drop_mention(st, left.v[i], keep);
    free(left.v);
    return bad || exec_id(st, Q_DEL_EVENT, gone) || idset_add(touched, keep) ? -1 : keep;
}

/* Gives event ev the most specific codes of its mentions, with their names
 * and Goldstein score, and the place of its first mention that has one.
 * When another event of its day and scope has those codes already, the
 * two report one event and are merged (merge_events). An event without
 * mentions is left as it is. */
static int reshape(evc_store *st, long long ev, idset *touched)
{
    sqlite3_stmt *s = stmt(st, Q_COLLIDING);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, ev);
    int rc = sqlite3_step(s);
    long long other = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return -1;
    if (other && (ev = merge_events(st, ev, other, touched)) < 0)
        return -1;
    return exec_id(st, Q_RESHAPE, ev);
}

/* Removes what an earlier version of article `aid` stored, remembering the
 * events it touched (recounted at the end of the put). */
static int remove_children(evc_store *st, long long aid, idset *touched)
{
    sqlite3_stmt *s = stmt(st, Q_OLD_EVENTS);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, aid);
    int rc = SQLITE_DONE;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if (idset_add(touched, sqlite3_column_int64(s, 0)))
            return -1;
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return -1;
    /* actor counts go down by what the old version added; the names are
     * copied out before bump_actor reuses the connection */
    s = stmt(st, Q_OLD_ACTORS);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, aid);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *c = (const char *)sqlite3_column_text(s, 0), *n = (const char *)sqlite3_column_text(s, 1);
        char code[128], name[512];
        snprintf(code, sizeof code, "%s", c ? c : "");
        snprintf(name, sizeof name, "%s", n ? n : "");
        if (bump_actor(st, code, name, -1))
            return -1;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return -1;
    static const int DEL[] = {Q_UNLINK_COPIES, Q_DEL_MENTIONS, Q_DEL_QUOTES, Q_DEL_BANDS, Q_DEL_PASSAGES, Q_DEL_LINKS};
    for (size_t i = 0; i < sizeof DEL / sizeof *DEL; i++)
        if (exec_id(st, DEL[i], aid))
            return -1;
    /* its events: deleted when left without mentions, else given the codes
     * of the mentions they keep (before the new version's join them) */
    for (size_t i = 0; i < touched->n; i++)
        if (exec_id(st, Q_DEL_EMPTY_EVENT, touched->v[i]) || reshape(st, touched->v[i], touched))
            return -1;
    return 0;
}

/* The best earlier near-duplicate of `sd` through the LSH bands: its id in
 * *other, its canonical article in *canon and the estimated Jaccard in *sim
 * (0 when none reaches EVC_DUP_THRESHOLD). */
static int find_duplicate(evc_store *st, const evc_store_doc *sd, long long aid, long long *other, long long *canon,
                          double *sim)
{
    *other = *canon = 0;
    *sim = 0;
    if (!sd->n_shingles)
        return 0;
    uint64_t keys[EVC_LSH_BANDS];
    evc_minhash_bands(sd->sig, keys);
    idset cand = {0};
    sqlite3_stmt *s;
    int rc = 0;
    for (size_t b = 0; b < EVC_LSH_BANDS && !rc; b++) {
        if (!(s = stmt(st, Q_BAND_CANDIDATES))) {
            rc = -1;
            break;
        }
        sqlite3_bind_int64(s, 1, (sqlite3_int64)keys[b]);
        sqlite3_bind_int64(s, 2, aid);
        int r;
        while ((r = sqlite3_step(s)) == SQLITE_ROW && cand.n < 256)
            rc |= idset_add(&cand, sqlite3_column_int64(s, 0));
        if (r != SQLITE_ROW && r != SQLITE_DONE)
            rc = -1;
        sqlite3_reset(s);
    }
    for (size_t i = 0; i < cand.n && !rc; i++) {
        if (!(s = stmt(st, Q_MINHASH_OF))) {
            rc = -1;
            break;
        }
        sqlite3_bind_int64(s, 1, cand.v[i]);
        if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_bytes(s, 0) == (int)sizeof sd->sig) {
            uint32_t sig[EVC_MINHASH_N];
            memcpy(sig, sqlite3_column_blob(s, 0), sizeof sig);
            double j = evc_minhash_similarity(sd->sig, sig);
            /* the most similar wins; on a tie the earliest, so the result
             * does not depend on the order SQLite returns candidates in */
            if (j >= EVC_DUP_THRESHOLD && (j > *sim || (j == *sim && cand.v[i] < *other))) {
                *sim = j;
                *other = cand.v[i];
                *canon = sqlite3_column_int64(s, 1);
            }
        }
        sqlite3_reset(s);
    }
    free(cand.v);
    if (*canon == aid) {
        /* a new version of a canonical article met one of its own copies */
        *other = *canon = 0;
        *sim = 0;
    }
    return rc;
}

static int insert_link(evc_store *st, long long aid, long long other, const char *kind, double score)
{
    sqlite3_stmt *s = stmt(st, Q_INSERT_LINK);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, aid);
    sqlite3_bind_int64(s, 2, other);
    evc_store_bind(s, 3, kind);
    sqlite3_bind_double(s, 4, score);
    return step_done(s);
}

/* Band keys and passage fingerprints of the new article, and a link to each
 * earlier article it shares EVC_PASSAGE_LINK_MIN passages with. */
static int index_article(evc_store *st, const evc_store_doc *sd, long long aid, long long dup_of,
                         evc_store_result *res)
{
    uint64_t keys[EVC_LSH_BANDS];
    sqlite3_stmt *s;
    if (sd->n_shingles) {
        evc_minhash_bands(sd->sig, keys);
        for (size_t b = 0; b < EVC_LSH_BANDS; b++) {
            if (!(s = stmt(st, Q_INSERT_BAND)))
                return -1;
            sqlite3_bind_int64(s, 1, (sqlite3_int64)keys[b]);
            sqlite3_bind_int64(s, 2, aid);
            if (step_done(s))
                return -1;
        }
    }
    /* shared passages per earlier article: ids and counts in two arrays */
    idset ids = {0};
    size_t *counts = calloc(sd->n_passages * 64 + 1, sizeof *counts);
    int rc = counts ? 0 : -1;
    for (size_t p = 0; p < sd->n_passages && !rc; p++) {
        if (!(s = stmt(st, Q_PASSAGE_OWNERS))) {
            rc = -1;
            break;
        }
        sqlite3_bind_int64(s, 1, (sqlite3_int64)sd->passages[p]);
        sqlite3_bind_int64(s, 2, aid);
        while (sqlite3_step(s) == SQLITE_ROW) {
            long long other = sqlite3_column_int64(s, 0);
            size_t k = 0;
            while (k < ids.n && ids.v[k] != other)
                k++;
            if (k == ids.n && idset_add(&ids, other)) {
                rc = -1;
                break;
            }
            counts[k]++;
        }
        sqlite3_reset(s);
        if (!(s = stmt(st, Q_INSERT_PASSAGE))) {
            rc = -1;
            break;
        }
        sqlite3_bind_int64(s, 1, (sqlite3_int64)sd->passages[p]);
        sqlite3_bind_int64(s, 2, aid);
        rc |= step_done(s);
    }
    for (size_t k = 0; k < ids.n && !rc; k++) {
        if (counts[k] < EVC_PASSAGE_LINK_MIN || ids.v[k] == dup_of)
            continue;
        rc |= insert_link(st, aid, ids.v[k], "passages", (double)counts[k]);
        res->linked++;
    }
    free(ids.v);
    free(counts);
    return rc;
}

static void bind_location(sqlite3_stmt *s, int i, const evc_event *e)
{
    evc_store_bind(s, i, e->location_name);
    evc_store_bind(s, i + 1, e->location_name ? e->location_country : NULL);
    if (e->location_name && !isnan(e->lat)) {
        sqlite3_bind_double(s, i + 2, e->lat);
        sqlite3_bind_double(s, i + 3, e->lon);
    } else {
        sqlite3_bind_null(s, i + 2);
        sqlite3_bind_null(s, i + 3);
    }
}

/* Of the events of `day` and `scope` a mention coded as e (target: its
 * target or "") may join, the one with the most mentions, then the lowest
 * id: its id, 0 when there is none, -1 on error. The mentions counted are
 * those of the last recount: whatever they are, a rerun of the same input
 * counts the same. */
static long long compatible_event(evc_store *st, const char *day, const char *scope, const evc_event *e,
                                  const char *target)
{
    size_t n = strlen(e->source);
    sqlite3_stmt *s = n < INT_MAX ? stmt(st, Q_COMPATIBLE) : NULL;
    char *hi = s ? malloc(n + 1) : NULL, root[3] = {e->code[0], e->code[0] ? e->code[1] : 0, 0};
    if (!hi)
        return -1;
    memcpy(hi, e->source, n);
    hi[n] = (char)0xFF;
    evc_store_bind(s, 1, day);
    evc_store_bind(s, 2, scope);
    evc_store_bind(s, 3, e->source);
    /* SQLite frees hi; "" has no extension (the range is then empty) */
    sqlite3_bind_text(s, 4, hi, n ? (int)n + 1 : 0, free);
    evc_store_bind(s, 5, root);
    long long best = 0, best_n = -1;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *src = (const char *)sqlite3_column_text(s, 1), *tgt = (const char *)sqlite3_column_text(s, 2),
                   *code = (const char *)sqlite3_column_text(s, 3);
        long long id = sqlite3_column_int64(s, 0), nm = sqlite3_column_int64(s, 4);
        if (src && tgt && code && actors_compatible(e->source, src) && actors_compatible(target, tgt) &&
            codes_compatible(e->code, code) && (nm > best_n || (nm == best_n && id < best))) {
            best = id;
            best_n = nm;
        }
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? best : -1;
}

/* The event of mention e: the event of the same sentence coded alike in an
 * article this one copies from, else a compatible event of its day
 * (compatible_event), else a new one (*joined 0). An event of unknown day
 * is merged only within its story (scope "#" and the story's row id):
 * without a day, equal codes in unrelated articles need not be one event. */
static long long event_of(evc_store *st, const evc_store_doc *sd, size_t i, long long aid, long long story,
                          long long *copy_of, int *joined, evc_store_result *res)
{
    const evc_event *e = &sd->events[i];
    const char *target = e->target ? e->target : "";
    const char *day = e->date ? e->date : sd->published ? sd->published : "";
    char scope[32] = "";
    if (!*day)
        snprintf(scope, sizeof scope, "#%lld", story);
    *copy_of = 0;
    *joined = 1;
    sqlite3_stmt *s = stmt(st, Q_FIND_COPY);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, (sqlite3_int64)sd->sent_hash[i]);
    evc_store_bind(s, 2, e->code);
    evc_store_bind(s, 3, e->source);
    evc_store_bind(s, 4, target);
    sqlite3_bind_int64(s, 5, aid);
    long long ev = 0;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *copy_of = sqlite3_column_int64(s, 0);
        ev = sqlite3_column_int64(s, 1);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return -1;
    if (!ev)
        ev = compatible_event(st, day, scope, e, target);
    if (ev)
        return ev;
    *joined = 0;
    if (!(s = stmt(st, Q_INSERT_EVENT)))
        return -1;
    char root[3] = {e->code[0], e->code[0] ? e->code[1] : 0, 0};
    evc_store_bind(s, 1, day);
    evc_store_bind(s, 2, e->source);
    evc_store_bind(s, 3, target);
    evc_store_bind(s, 4, e->code);
    evc_store_bind(s, 5, root);
    sqlite3_bind_int(s, 6, e->quad_class);
    sqlite3_bind_double(s, 7, e->goldstein);
    evc_store_bind(s, 8, e->source_name);
    evc_store_bind(s, 9, e->target_name);
    bind_location(s, 10, e);
    evc_store_bind(s, 14, scope);
    if (step_done(s))
        return -1;
    res->new_events++;
    return sqlite3_last_insert_rowid(st->db);
}

/* After mention e joined event ev: the event takes its place when it had
 * none, and its codes when they are more specific (reshape). */
static int joined_event(evc_store *st, long long ev, const evc_event *e, idset *touched)
{
    sqlite3_stmt *s;
    if (e->location_name) {
        if (!(s = stmt(st, Q_FILL_LOCATION)))
            return -1;
        sqlite3_bind_int64(s, 1, ev);
        bind_location(s, 2, e);
        if (step_done(s))
            return -1;
    }
    if (!(s = stmt(st, Q_EVENT_KEY)))
        return -1;
    sqlite3_bind_int64(s, 1, ev);
    int rc = sqlite3_step(s), more = 0;
    if (rc == SQLITE_ROW) {
        const char *src = (const char *)sqlite3_column_text(s, 0), *tgt = (const char *)sqlite3_column_text(s, 1),
                   *code = (const char *)sqlite3_column_text(s, 2);
        more = strlen(e->source) > strlen(src ? src : "") ||
               strlen(e->target ? e->target : "") > strlen(tgt ? tgt : "") ||
               code_rank(e->code) > code_rank(code ? code : "");
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW)
        return -1;
    return more ? reshape(st, ev, touched) : 0;
}

static int put_events(evc_store *st, const evc_store_doc *sd, long long aid, long long story, idset *touched,
                      evc_store_result *res)
{
    for (size_t i = 0; i < sd->n_events; i++) {
        const evc_event *e = &sd->events[i];
        long long copy_of;
        int joined;
        long long ev = event_of(st, sd, i, aid, story, &copy_of, &joined, res);
        sqlite3_stmt *s = ev > 0 ? stmt(st, Q_INSERT_MENTION) : NULL;
        if (!s || idset_add(touched, ev))
            return -1;
        sqlite3_bind_int64(s, 1, ev);
        sqlite3_bind_int64(s, 2, aid);
        sqlite3_bind_int(s, 3, e->sentence_index);
        evc_store_bind(s, 4, e->sentence);
        sqlite3_bind_int64(s, 5, (sqlite3_int64)sd->sent_hash[i]);
        evc_store_bind(s, 6, e->date);
        evc_store_bind(s, 7, e->source);
        evc_store_bind(s, 8, e->source_name);
        evc_store_bind(s, 9, e->target ? e->target : "");
        evc_store_bind(s, 10, e->target_name);
        evc_store_bind(s, 11, e->code);
        bind_location(s, 12, e);
        if (copy_of)
            sqlite3_bind_int64(s, 16, copy_of);
        sqlite3_bind_double(s, 17, e->goldstein);
        if (step_done(s))
            return -1;
        if (sqlite3_changes(st->db) == 0)
            continue;   /* one sentence reporting one event twice: one mention, the first */
        res->events++;
        if (bump_actor(st, e->source, e->source_name, 1) || bump_actor(st, e->target, e->target_name, 1) ||
            (joined && joined_event(st, ev, e, touched)))
            return -1;
    }
    return 0;
}

static int put_quotes(evc_store *st, const evc_store_doc *sd, long long aid, evc_store_result *res)
{
    for (size_t i = 0; i < sd->n_quotes; i++) {
        const evc_quote *q = &sd->quotes[i];
        sqlite3_stmt *s = stmt(st, Q_INSERT_QUOTE);
        if (!s)
            return -1;
        sqlite3_bind_int64(s, 1, aid);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
        sqlite3_bind_int(s, 3, q->sentence_index);
        evc_store_bind(s, 4, q->speaker);
        evc_store_bind(s, 5, q->speaker_code);
        evc_store_bind(s, 6, q->kind);
        evc_store_bind(s, 7, q->text);
        evc_store_bind(s, 8, q->cue);
        evc_store_bind(s, 9, q->venue);
        evc_store_bind(s, 10, q->date);
        if (step_done(s) || bump_actor(st, q->speaker_code, q->speaker, 1))
            return -1;
        res->quotes++;
    }
    return 0;
}

static int recount(evc_store *st, const idset *touched)
{
    for (size_t i = 0; i < touched->n; i++)
        if (exec_id(st, Q_RECOUNT, touched->v[i]) || exec_id(st, Q_DEL_EMPTY_EVENT, touched->v[i]))
            return -1;
    sqlite3_stmt *s = stmt(st, Q_DEL_NO_ACTORS);
    return s ? step_done(s) : -1;
}

/* Writes the article row (new, or over an earlier version with id *aid). */
static int write_article(evc_store *st, const evc_store_doc *sd, long long *aid, long long canon, double sim)
{
    sqlite3_stmt *s = stmt(st, *aid ? Q_UPDATE_ARTICLE : Q_INSERT_ARTICLE);
    if (!s)
        return -1;
    if (*aid)
        sqlite3_bind_int64(s, 1, *aid);
    else
        evc_store_bind(s, 1, sd->id);
    evc_store_bind(s, 2, sd->hash);
    evc_store_bind(s, 3, sd->title);
    evc_store_bind(s, 4, sd->published);
    evc_store_bind(s, 5, sd->outlet);
    evc_store_bind(s, 6, sd->url);
    evc_store_bind(s, 7, sd->text);
    sqlite3_bind_int(s, 8, sd->n_sentences);
    if (canon) {
        sqlite3_bind_int64(s, 9, canon);
        sqlite3_bind_double(s, 10, sim);
    }
    if (sd->n_shingles)
        sqlite3_bind_blob(s, 11, sd->sig, (int)sizeof sd->sig, SQLITE_TRANSIENT);
    if (step_done(s))
        return -1;
    if (!*aid)
        *aid = sqlite3_last_insert_rowid(st->db);
    return 0;
}

/* Looks the article up: 0 when new, 1 when stored with the same content,
 * 2 when stored with other content (its row id in *aid); -1 on error. */
static int lookup(evc_store *st, const evc_store_doc *sd, long long *aid)
{
    sqlite3_stmt *s = stmt(st, Q_FIND_ARTICLE);
    if (!s)
        return -1;
    evc_store_bind(s, 1, sd->id);
    int rc = sqlite3_step(s), found = 0;
    *aid = 0;
    if (rc == SQLITE_ROW) {
        *aid = sqlite3_column_int64(s, 0);
        const char *h = (const char *)sqlite3_column_text(s, 1);
        found = h && strcmp(h, sd->hash) == 0 ? 1 : 2;
    }
    sqlite3_reset(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? found : -1;
}

evc_status evc_store_put(evc_store *st, const evc_store_doc *sd, evc_store_result *res, evc_error *err)
{
    evc_store_result local;
    if (!res)
        res = &local;
    memset(res, 0, sizeof *res);
    if (!st || !sd)
        return EVC_ERR_ARG;
    if (!st->in_tx) {
        set_msg(err, EVC_ERR_ARG, "evc_store_put outside a batch (call evc_store_begin first)");
        return EVC_ERR_ARG;
    }
    long long aid, other = 0, canon = 0;
    double sim = 0;
    idset touched = {0};
    int found = lookup(st, sd, &aid);
    if (found == 1) {
        res->status = EVC_STORE_UNCHANGED;
        return EVC_OK;
    }
    res->status = found == 2 ? EVC_STORE_REPLACED : EVC_STORE_ADDED;
    int rc = found < 0 || (found == 2 && remove_children(st, aid, &touched)) ||
             find_duplicate(st, sd, aid, &other, &canon, &sim) || write_article(st, sd, &aid, canon, sim) ||
             (canon && insert_link(st, aid, other, "duplicate", sim)) ||
             index_article(st, sd, aid, other, res) || put_events(st, sd, aid, canon ? canon : aid, &touched, res) ||
             put_quotes(st, sd, aid, res) || recount(st, &touched) ||
             (st->watching && evc_watch_touch(st, touched.v, touched.n));
    free(touched.v);
    if (rc)
        return evc_store_fail(st, err, sd->id);
    res->duplicate = canon != 0;
    res->similarity = sim;
    return EVC_OK;
}

static long long count_of(evc_store *st, const char *sql)
{
    sqlite3_stmt *s = NULL;
    long long n = -1;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

evc_status evc_store_stats_get(evc_store *st, evc_store_stats *out, evc_error *err)
{
    if (!st || !out)
        return EVC_ERR_ARG;
    static const char *const Q[] = {
        "SELECT count(*) FROM articles", "SELECT count(*) FROM articles WHERE canonical IS NOT NULL",
        "SELECT count(*) FROM article_links WHERE kind = 'passages'", "SELECT count(*) FROM events",
        "SELECT count(*) FROM mentions", "SELECT count(*) FROM quotes", "SELECT count(*) FROM actors"};
    size_t *f[] = {&out->articles, &out->duplicates, &out->links, &out->events,
                   &out->mentions, &out->quotes, &out->actors};
    for (size_t i = 0; i < sizeof Q / sizeof *Q; i++) {
        long long n = count_of(st, Q[i]);
        if (n < 0)
            return evc_store_fail(st, err, "counting rows");
        *f[i] = (size_t)n;
    }
    return EVC_OK;
}
