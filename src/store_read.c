/*
 * Reading the store for the HTTP API of `evcode serve` (evcode.h, "Reading
 * the store"): a read-only open, and one JSON object per call for an event
 * with its mentions, an article with its text and links, actors, quotes and
 * speakers.
 *
 * Each call runs in one read transaction (a consistent snapshot while an
 * ingest commits batches in WAL mode) and binds every value it is given;
 * only fixed fragments of SQL are concatenated. Listings fetch one row more
 * than asked to say whether there are more ("more") without counting.
 */
#include "buf.h"
#include "store.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void set_msg(evc_error *err, evc_status code, const char *msg)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->code = code;
    snprintf(err->msg, sizeof err->msg, "%s", msg);
}

evc_status evc_store_open_readonly(const char *path, evc_store **out, evc_error *err)
{
    if (!out)
        return EVC_ERR_ARG;
    *out = NULL;
    if (!path || !*path) {
        set_msg(err, EVC_ERR_ARG, "no database path");
        return EVC_ERR_ARG;
    }
    if (evc_store_is_pg_url(path)) {
        set_msg(err, EVC_ERR_ARG, "a read-only store is a SQLite file, not a PostgreSQL URL");
        return EVC_ERR_ARG;
    }
    evc_store *st = calloc(1, sizeof *st);
    if (!st)
        return EVC_ERR_NOMEM;
    evc_status rc = EVC_ERR_IO;
    sqlite3_stmt *s = NULL;
    if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        rc = evc_store_fail(st, err, "cannot open the database");
        goto fail;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, 10000);
    if (sqlite3_exec(st->db, "PRAGMA query_only=1", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(st->db, "SELECT value FROM meta WHERE key = 'schema'", -1, &s, NULL) != SQLITE_OK) {
        rc = evc_store_fail(st, err, "not an evcode store");
        goto fail;
    }
    int version = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_finalize(s);
    if (version < 1 || version > EVC_STORE_SCHEMA) {
        set_msg(err, EVC_ERR_IO, version ? "the store was written by a newer evcode (schema version too high)"
                                         : "not an evcode store (no schema version)");
        goto fail;
    }
    *out = st;
    return EVC_OK;
fail:
    evc_store_close(st);
    return rc;
}

/* ---- JSON of result rows -------------------------------------------------- */

typedef struct reader {
    evc_store *st;
    evc_buf b;
    evc_error *err;
} reader;

/* Appends "name":value for columns first.. of s, one per name (NULL ends
 * the list); each value takes its SQLite type: null, integer, real or text.
 * `comma` puts a comma before the first pair. */
static void jcols(evc_buf *b, sqlite3_stmt *s, int first, const char *const *names, int comma)
{
    for (int k = 0; names[k]; k++) {
        int i = first + k;
        evc_buf_printf(b, "%s\"%s\":", comma || k ? "," : "", names[k]);
        switch (sqlite3_column_type(s, i)) {
        case SQLITE_NULL:
            evc_buf_puts(b, "null");
            break;
        case SQLITE_INTEGER:
            evc_buf_printf(b, "%lld", (long long)sqlite3_column_int64(s, i));
            break;
        case SQLITE_FLOAT:
            evc_buf_printf(b, "%.6g", sqlite3_column_double(s, i));
            break;
        default:
            evc_buf_json_val(b, (const char *)sqlite3_column_text(s, i));
        }
    }
}

/* Appends ,"key":[ {row}, ... ] for every row of s (bound by the caller);
 * 0, or -1 on a database error. */
static int jarray(evc_buf *b, const char *key, sqlite3_stmt *s, const char *const *names)
{
    evc_buf_printf(b, ",\"%s\":[", key);
    int rc, n = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        evc_buf_puts(b, n++ ? ",{" : "{");
        jcols(b, s, 0, names, 0);
        evc_buf_putc(b, '}');
    }
    evc_buf_putc(b, ']');
    return rc == SQLITE_DONE ? 0 : -1;
}

static sqlite3_stmt *prepare(reader *r, const char *sql)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(r->st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        sqlite3_finalize(s);
        return NULL;
    }
    return s;
}

/* Opens the read transaction of one call. */
static evc_status begin(reader *r, evc_store *st, evc_error *err)
{
    r->st = st;
    r->err = err;
    evc_buf_init(&r->b);
    if (sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return evc_store_fail(st, err, "reading the store");
    return EVC_OK;
}

/* Ends the call: rc < 0 is a database error; otherwise the buffer goes to
 * write (unless empty: nothing found). */
static evc_status finish(reader *r, int rc, evc_write_fn write, void *user)
{
    evc_status status = EVC_OK;
    if (rc < 0)
        status = evc_store_fail(r->st, r->err, "reading the store");
    sqlite3_exec(r->st->db, "COMMIT", NULL, NULL, NULL);
    if (status == EVC_OK && r->b.oom)
        status = EVC_ERR_NOMEM;
    if (status == EVC_OK && r->b.len && write(user, r->b.ptr, r->b.len))
        status = EVC_ERR_ABORT;
    evc_buf_free(&r->b);
    return status;
}

static sqlite3_int64 to_i64(size_t v)
{
    return v > (size_t)INT64_MAX ? INT64_MAX : (sqlite3_int64)v;
}

/* ---- An event ---------------------------------------------------------------- */

static int event_body(reader *r, long long id, int *found)
{
    static const char EVENT[] =
        "SELECT id, day, source, source_name, target, target_name, code, root, quad_class, goldstein,"
        " num_mentions, num_sources, num_articles, location_name, country, lat, lon FROM events WHERE id = ?1";
    static const char *const EV_COLS[] = {"id", "day", "source", "source_name", "target", "target_name", "code",
                                          "root", "quad_class", "goldstein", "num_mentions", "num_sources",
                                          "num_articles", NULL};
    static const char *const LOC_COLS[] = {"name", "country", "lat", "lon", NULL};
    static const char MENTIONS[] =
        "SELECT a.article, a.title, a.published, a.outlet, a.url, m.sentence_index, m.sentence, m.date,"
        " m.source, m.source_name, m.target, m.target_name, m.code, a.canonical IS NOT NULL, ca.article,"
        " cm.sentence_index"
        " FROM mentions m JOIN articles a ON a.id = m.article LEFT JOIN mentions cm ON cm.id = m.copy_of"
        " LEFT JOIN articles ca ON ca.id = cm.article WHERE m.event = ?1 ORDER BY a.article, m.sentence_index";
    static const char *const M_COLS[] = {"article", "title", "published", "outlet", "url", "sentence_index",
                                         "sentence", "date", "source", "source_name", "target", "target_name",
                                         "code", "duplicate", "copy_of_article", "copy_of_sentence_index", NULL};
    sqlite3_stmt *e = prepare(r, EVENT), *m = prepare(r, MENTIONS);
    int rc = -1;
    if (!e || !m)
        goto done;
    sqlite3_bind_int64(e, 1, id);
    int step = sqlite3_step(e);
    if (step != SQLITE_ROW) {
        rc = step == SQLITE_DONE ? 0 : -1;
        goto done;
    }
    *found = 1;
    evc_buf *b = &r->b;
    evc_buf_putc(b, '{');
    jcols(b, e, 0, EV_COLS, 0);
    if (sqlite3_column_type(e, 13) == SQLITE_NULL) {
        evc_buf_puts(b, ",\"location\":null");
    } else {
        evc_buf_puts(b, ",\"location\":{");
        jcols(b, e, 13, LOC_COLS, 0);
        evc_buf_putc(b, '}');
    }
    sqlite3_bind_int64(m, 1, id);
    rc = jarray(b, "mentions", m, M_COLS);
    evc_buf_puts(b, "}\n");
done:
    sqlite3_finalize(e);
    sqlite3_finalize(m);
    return rc;
}

evc_status evc_store_event_json(evc_store *st, long long id, evc_write_fn write, void *user, int *found,
                                evc_error *err)
{
    if (!st || !write || !found)
        return EVC_ERR_ARG;
    *found = 0;
    reader r;
    evc_status status = begin(&r, st, err);
    if (status != EVC_OK)
        return status;
    return finish(&r, event_body(&r, id, found), write, user);
}

/* ---- An article ------------------------------------------------------------ */

static int article_body(reader *r, const char *article, int *found)
{
    static const char ARTICLE[] =
        "SELECT a.article, a.title, a.published, a.outlet, a.url, a.n_sentences, c.article, a.similarity,"
        " a.content_hash, a.text, a.id FROM articles a LEFT JOIN articles c ON c.id = a.canonical"
        " WHERE a.article = ?1";
    static const char *const A_COLS[] = {"article", "title", "published", "outlet", "url", "sentences",
                                         "duplicate_of", "similarity", "content_hash", "text", NULL};
    static const char LINKS[] = "SELECT o.article, l.kind, l.score FROM article_links l"
                                " JOIN articles o ON o.id = l.other WHERE l.article = ?1 ORDER BY o.article";
    static const char LINKED_FROM[] = "SELECT o.article, l.kind, l.score FROM article_links l"
                                      " JOIN articles o ON o.id = l.article WHERE l.other = ?1 ORDER BY o.article";
    static const char *const L_COLS[] = {"article", "kind", "score", NULL};
    static const char MENTIONS[] =
        "SELECT m.event, m.sentence_index, m.sentence, e.day, e.source, e.target, e.code, e.goldstein"
        " FROM mentions m JOIN events e ON e.id = m.event WHERE m.article = ?1 ORDER BY m.sentence_index, e.code";
    static const char *const M_COLS[] = {"event", "sentence_index", "sentence", "day", "source", "target",
                                         "code", "goldstein", NULL};
    static const char QUOTES[] = "SELECT sentence_index, speaker, speaker_code, kind, text, cue, venue, date"
                                 " FROM quotes WHERE article = ?1 ORDER BY ordinal";
    static const char *const Q_COLS[] = {"sentence_index", "speaker", "speaker_code", "kind", "text", "cue",
                                         "venue", "date", NULL};
    const char *sql[] = {ARTICLE, LINKS, LINKED_FROM, MENTIONS, QUOTES};
    sqlite3_stmt *s[5] = {NULL};
    int rc = -1;
    for (int i = 0; i < 5; i++)
        if (!(s[i] = prepare(r, sql[i])))
            goto done;
    evc_store_bind(s[0], 1, article);
    int step = sqlite3_step(s[0]);
    if (step != SQLITE_ROW) {
        rc = step == SQLITE_DONE ? 0 : -1;
        goto done;
    }
    *found = 1;
    sqlite3_int64 aid = sqlite3_column_int64(s[0], 10);
    evc_buf *b = &r->b;
    evc_buf_putc(b, '{');
    jcols(b, s[0], 0, A_COLS, 0);
    static const char *const KEY[] = {NULL, "links", "linked_from", "mentions", "quotes"};
    const char *const *cols[] = {NULL, L_COLS, L_COLS, M_COLS, Q_COLS};
    rc = 0;
    for (int i = 1; i < 5 && !rc; i++) {
        sqlite3_bind_int64(s[i], 1, aid);
        rc = jarray(b, KEY[i], s[i], cols[i]);
    }
    evc_buf_puts(b, "}\n");
done:
    for (int i = 0; i < 5; i++)
        sqlite3_finalize(s[i]);
    return rc;
}

evc_status evc_store_article_json(evc_store *st, const char *article, evc_write_fn write, void *user, int *found,
                                  evc_error *err)
{
    if (!st || !article || !write || !found)
        return EVC_ERR_ARG;
    *found = 0;
    reader r;
    evc_status status = begin(&r, st, err);
    if (status != EVC_OK)
        return status;
    return finish(&r, article_body(&r, article, found), write, user);
}

/* ---- Actors and quotes --------------------------------------------------------- */

evc_status evc_store_actors_json(evc_store *st, const char *prefix, size_t limit, evc_write_fn write, void *user,
                                 evc_error *err)
{
    static const char SQL[] =
        "SELECT code, name, mentions FROM actors WHERE ?1 IS NULL"
        " OR substr(upper(code), 1, length(?1)) = upper(?1) OR substr(lower(name), 1, length(?1)) = lower(?1)"
        " ORDER BY mentions DESC, code, name LIMIT ?2";
    static const char *const COLS[] = {"code", "name", "mentions", NULL};
    if (!st || !write)
        return EVC_ERR_ARG;
    if (prefix && strlen(prefix) > 200) {
        set_msg(err, EVC_ERR_ARG, "the prefix is longer than 200 bytes");
        return EVC_ERR_ARG;
    }
    reader r;
    evc_status status = begin(&r, st, err);
    if (status != EVC_OK)
        return status;
    sqlite3_stmt *s = prepare(&r, SQL);
    int rc = -1;
    if (s) {
        evc_store_bind(s, 1, prefix && *prefix ? prefix : NULL);
        sqlite3_bind_int64(s, 2, limit ? to_i64(limit) : -1);
        evc_buf_puts(&r.b, "{\"prefix\":");
        evc_buf_json_val(&r.b, prefix);
        rc = jarray(&r.b, "actors", s, COLS);
        evc_buf_puts(&r.b, "}\n");
    }
    sqlite3_finalize(s);
    return finish(&r, rc, write, user);
}

/* The quote listing's statement, bound, in *out; EVC_ERR_ARG on a bad
 * filter or EVC_ERR_IO, with r->err filled. */
static evc_status quotes_stmt(reader *r, const char *speaker, const char *text, size_t limit, size_t offset,
                              sqlite3_stmt **out)
{
    evc_buf sql, fts;
    evc_buf_init(&sql);
    evc_buf_init(&fts);
    sqlite3_stmt *s = NULL;
    evc_status status = EVC_OK;
    if (text) {
        /* the text column only, not the speaker's: text : ("w1" "w2") */
        evc_buf_puts(&fts, "text : (");
        if (evc_store_fts_query(text, &fts)) {
            set_msg(r->err, EVC_ERR_ARG, "the text filter has no words");
            status = EVC_ERR_ARG;
            goto done;
        }
        evc_buf_putc(&fts, ')');
    }
    evc_buf_puts(&sql, "SELECT a.article, q.sentence_index, q.speaker, q.speaker_code, q.kind, q.text, q.cue,"
                       " q.venue, q.date FROM quotes q JOIN articles a ON a.id = q.article WHERE 1");
    if (speaker)
        evc_buf_puts(&sql, " AND (instr(lower(coalesce(q.speaker, '')), lower(?1)) > 0"
                           " OR substr(coalesce(q.speaker_code, ''), 1, length(?1)) = upper(?1))");
    if (text)
        evc_buf_puts(&sql, " AND q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?2)");
    evc_buf_puts(&sql, " ORDER BY q.date IS NULL, q.date, a.article, q.ordinal LIMIT ?3 OFFSET ?4");
    if (sql.oom || fts.oom || !(s = prepare(r, sql.ptr))) {
        status = evc_store_fail(r->st, r->err, "querying quotes");
        goto done;
    }
    if (speaker)
        evc_store_bind(s, 1, speaker);
    if (text)
        evc_store_bind(s, 2, fts.ptr);
    /* one more than asked: whether there are more */
    sqlite3_bind_int64(s, 3, limit && limit < (size_t)INT64_MAX ? (sqlite3_int64)limit + 1 : -1);
    sqlite3_bind_int64(s, 4, to_i64(offset));
done:
    evc_buf_free(&sql);
    evc_buf_free(&fts);
    *out = s;
    return status;
}

evc_status evc_store_quotes_json(evc_store *st, const char *speaker, const char *text, size_t limit, size_t offset,
                                 evc_write_fn write, void *user, evc_error *err)
{
    static const char *const COLS[] = {"article", "sentence_index", "speaker", "speaker_code", "kind", "text",
                                       "cue", "venue", "date", NULL};
    if (!st || !write)
        return EVC_ERR_ARG;
    if (speaker && (!*speaker || strlen(speaker) > 200)) {
        set_msg(err, EVC_ERR_ARG, "a speaker filter is 1 to 200 bytes");
        return EVC_ERR_ARG;
    }
    reader r;
    evc_status status = begin(&r, st, err);
    if (status != EVC_OK)
        return status;
    sqlite3_stmt *s;
    if ((status = quotes_stmt(&r, speaker, text, limit, offset, &s)) != EVC_OK) {
        sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
        evc_buf_free(&r.b);
        return status;
    }
    evc_buf *b = &r.b;
    evc_buf_puts(b, ",\"quotes\":[");
    size_t n = 0;
    int more = 0, step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (limit && n == limit) {
            more = 1;
            continue;
        }
        evc_buf_puts(b, n++ ? ",{" : "{");
        jcols(b, s, 0, COLS, 0);
        evc_buf_putc(b, '}');
    }
    evc_buf_puts(b, "]}\n");
    sqlite3_finalize(s);
    /* the header, now that the count is known */
    char head[160];
    int hl = snprintf(head, sizeof head, "{\"offset\":%zu,\"limit\":%zu,\"count\":%zu,\"more\":%s", offset, limit, n,
                      more ? "true" : "false");
    evc_buf whole;
    evc_buf_init(&whole);
    evc_buf_put(&whole, head, (size_t)hl);
    evc_buf_put(&whole, b->ptr, b->len);
    if (whole.oom)
        b->oom = 1;
    evc_buf_free(b);
    r.b = whole;
    return finish(&r, step == SQLITE_DONE ? 0 : -1, write, user);
}

evc_status evc_store_speakers_json(evc_store *st, size_t limit, size_t offset, evc_write_fn write, void *user,
                                   evc_error *err)
{
    static const char SQL[] = "SELECT speaker, speaker_code, count(*) AS n FROM quotes GROUP BY speaker, speaker_code"
                              " ORDER BY n DESC, speaker IS NULL, speaker, speaker_code LIMIT ?1 OFFSET ?2";
    static const char *const COLS[] = {"speaker", "speaker_code", "quotes", NULL};
    if (!st || !write)
        return EVC_ERR_ARG;
    reader r;
    evc_status status = begin(&r, st, err);
    if (status != EVC_OK)
        return status;
    sqlite3_stmt *s = prepare(&r, SQL);
    int rc = -1;
    if (s) {
        /* one more than asked: whether there are more */
        sqlite3_bind_int64(s, 1, limit && limit < (size_t)INT64_MAX ? (sqlite3_int64)limit + 1 : -1);
        sqlite3_bind_int64(s, 2, to_i64(offset));
        evc_buf body;
        evc_buf_init(&body);
        size_t n = 0;
        int step;
        while ((step = sqlite3_step(s)) == SQLITE_ROW && (!limit || n < limit)) {
            evc_buf_puts(&body, n++ ? ",{" : "{");
            jcols(&body, s, 0, COLS, 0);
            evc_buf_putc(&body, '}');
        }
        int more = step == SQLITE_ROW;
        rc = step == SQLITE_ROW || step == SQLITE_DONE ? 0 : -1;
        evc_buf_printf(&r.b, "{\"offset\":%zu,\"limit\":%zu,\"count\":%zu,\"more\":%s,\"speakers\":[", offset,
                       limit, n, more ? "true" : "false");
        evc_buf_put(&r.b, body.ptr, body.len);
        evc_buf_puts(&r.b, "]}\n");
        if (body.oom)
            r.b.oom = 1;
        evc_buf_free(&body);
    }
    sqlite3_finalize(s);
    return finish(&r, rc, write, user);
}

/* ---- For store_watch.c ------------------------------------------------------ */

int evc_store_event_object(evc_store *st, long long id, evc_buf *b, int *found)
{
    reader r = {st, *b, NULL};
    int rc = event_body(&r, id, found);
    *b = r.b;
    return rc;
}
