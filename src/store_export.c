/*
 * Reading the store back: evcode's JSONL dump, the GDELT 2.0 event table,
 * PLOVER records, CSV, and event rows for queries (see docs/store.md).
 *
 * Every output is ordered by natural keys (article id; day, source, target,
 * code), never by row ids, so two stores holding the same data export the
 * same bytes. Filters reach SQL as bound parameters; only fixed fragments
 * of SQL are concatenated.
 */
#include "buf.h"
#include "store.h"
#include "utf8.h"
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct out {
    evc_buf b;
    evc_write_fn write;
    void *user;
    int aborted;
} out;

/* Hands the buffer to the caller's writer once it holds 64 KiB. */
static void flush(out *o, int force)
{
    if (o->aborted || (!force && o->b.len < 65536))
        return;
    if (o->b.len && o->write(o->user, o->b.ptr, o->b.len))
        o->aborted = 1;
    evc_buf_clear(&o->b);
}

static const char *col(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

/* A JSON key and string value (null for NULL or, with empty_null, ""). */
static void jkey(evc_buf *b, const char *k, const char *v, int empty_null)
{
    evc_buf_printf(b, ",\"%s\":", k);
    evc_buf_json_val(b, v && (!empty_null || *v) ? v : NULL);
}

static void jnum(evc_buf *b, const char *k, sqlite3_stmt *s, int i)
{
    if (sqlite3_column_type(s, i) == SQLITE_NULL)
        evc_buf_printf(b, ",\"%s\":null", k);
    else
        evc_buf_printf(b, ",\"%s\":%lld", k, (long long)sqlite3_column_int64(s, i));
}

/* ---- Filters ------------------------------------------------------------- */

static int is_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    return 1;
}

/* The words of `text` as an FTS5 query: each word a quoted string, all
 * required; nothing the user types can be read as FTS5 syntax. */
int evc_store_fts_query(const char *text, evc_buf *q)
{
    size_t n = 0;
    for (const char *p = text; *p;) {
        while (*p && !((unsigned char)*p >= 0x80 || isalnum((unsigned char)*p)))
            p++;
        const char *w = p;
        while (*p && ((unsigned char)*p >= 0x80 || isalnum((unsigned char)*p)))
            p++;
        if (p > w) {
            evc_buf_puts(q, n++ ? " \"" : "\"");
            evc_buf_put(q, w, (size_t)(p - w));
            evc_buf_putc(q, '"');
        }
    }
    return n ? 0 : -1;
}

static const char EVENT_COLS[] =
    "SELECT e.id, e.day, e.source, e.source_name, e.target, e.target_name, e.code, e.root, e.quad_class,"
    " e.goldstein, e.num_mentions, e.num_sources, e.num_articles, e.location_name, e.country, e.lat, e.lon,"
    " a.article, m.sentence, a.url, (SELECT min(sentence_index) FROM mentions WHERE event = e.id), a.published"
    " FROM events e JOIN mentions m ON m.id = (SELECT min(id) FROM mentions WHERE event = e.id)"
    " JOIN articles a ON a.id = m.article WHERE 1";
enum {
    C_ID, C_DAY, C_SRC, C_SRCNAME, C_TGT, C_TGTNAME, C_CODE, C_ROOT, C_QUAD, C_GOLD, C_NMENT, C_NSRC, C_NART,
    C_LOC, C_COUNTRY, C_LAT, C_LON, C_ARTICLE, C_SENTENCE, C_URL, C_MINSENT, C_PUBLISHED
};

static int set_err(evc_error *err, evc_status code, const char *msg)
{
    if (err) {
        memset(err, 0, sizeof *err);
        err->code = code;
        snprintf(err->msg, sizeof err->msg, "%s", msg);
    }
    return -1;
}

/* Appends the next parameter, ?N, for a text (s) or number value. */
static void param(evc_filter *f, const char *s, double d, int fts)
{
    int k = f->n++;
    f->v[k].s = s;
    f->v[k].d = d;
    f->v[k].fts = fts;
    evc_buf_printf(&f->sql, "?%d", f->first + k);
}

/* One list filter: " AND (cond OR cond ...)" over `one` (may be NULL) and
 * list[0..n); each cond is `fmt` with every '#' replaced by the value's
 * parameter. Checks each value with `ok`; -1 with err set to `why` on a bad
 * one. */
static int list_filter(evc_filter *f, const char *one, const char *const *list, size_t n, const char *fmt,
                       int (*ok)(const char *), const char *why, evc_error *err)
{
    if (n > EVC_QUERY_MAX_LIST || (n && !list))
        return set_err(err, EVC_ERR_ARG, "too many values in one filter (at most 64)");
    if (!one && !n)
        return 0;
    evc_buf_puts(&f->sql, " AND (");
    int conds = 0;
    for (size_t i = 0; i <= n; i++) {
        const char *v = i ? list[i - 1] : one;
        if (!i && !v)
            continue;
        if (!v || !ok(v))
            return set_err(err, EVC_ERR_ARG, why);
        int k = f->first + f->n;
        f->v[f->n].s = v;
        f->v[f->n++].fts = 0;
        if (conds++)
            evc_buf_puts(&f->sql, " OR ");
        for (const char *p = fmt; *p; p++) {
            if (*p == '#')
                evc_buf_printf(&f->sql, "?%d", k);
            else
                evc_buf_putc(&f->sql, *p);
        }
    }
    evc_buf_putc(&f->sql, ')');
    return 0;
}

static int ok_actor(const char *v)
{
    return *v && strlen(v) <= 64;
}

static int ok_code(const char *v)
{
    return *v && strlen(v) <= 4 && strspn(v, "0123456789") == strlen(v);
}

static int ok_place(const char *v)
{
    size_t n = strlen(v);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)v[i] < 0x20)
            return 0;
    return n && n <= 100;
}

int evc_query_filtered(const evc_query *q)
{
    return q && (q->actor || q->code || q->from || q->to || q->text || q->limit || q->offset || q->n_actors ||
                 q->n_codes || q->n_places || q->use_goldstein_below);
}

int evc_filter_build(evc_filter *f, const evc_query *q, int first, evc_error *err)
{
    memset(f, 0, sizeof *f);
    evc_buf_init(&f->sql);
    evc_buf_init(&f->fts);
    f->first = first;
    if (!q)
        return 0;
    if ((q->from && !is_date(q->from)) || (q->to && !is_date(q->to)))
        return set_err(err, EVC_ERR_ARG, "dates are YYYY-MM-DD");
    if (q->use_goldstein_below && !(q->goldstein_below >= -10 && q->goldstein_below <= 10))
        return set_err(err, EVC_ERR_ARG, "a Goldstein bound is a number from -10 to 10");
    static const char ACTOR[] = "substr(e.source, 1, length(#)) = # OR substr(e.target, 1, length(#)) = #",
                      CODE[] = "substr(e.code, 1, length(#)) = #",
                      PLACE[] = "upper(e.country) = upper(#) OR lower(e.location_name) = lower(#)";
    if (list_filter(f, q->actor, q->actors, q->n_actors, ACTOR, ok_actor,
                    "an actor code is 1 to 64 characters (a CAMEO actor code or its prefix: USA, USAGOV)", err) ||
        list_filter(f, q->code, q->codes, q->n_codes, CODE, ok_code,
                    "an event code is 1 to 4 digits (a CAMEO code or its prefix: 13, 138)", err) ||
        list_filter(f, NULL, q->places, q->n_places, PLACE, ok_place,
                    "a place is a country code or a place name of 1 to 100 characters", err))
        return -1;
    if (q->from) {
        evc_buf_puts(&f->sql, " AND e.day >= ");
        param(f, q->from, 0, 0);
    }
    if (q->to) {
        evc_buf_puts(&f->sql, " AND e.day <= ");
        param(f, q->to, 0, 0);
    }
    if (q->use_goldstein_below) {
        evc_buf_puts(&f->sql, " AND e.goldstein < ");
        param(f, NULL, q->goldstein_below, 0);
    }
    if (q->text) {
        if (evc_store_fts_query(q->text, &f->fts))
            return set_err(err, EVC_ERR_ARG, "the text filter has no words");
        evc_buf_puts(&f->sql, " AND e.id IN (SELECT mm.event FROM mentions mm WHERE mm.id IN"
                              " (SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH ");
        param(f, NULL, 0, 1);
        evc_buf_puts(&f->sql, "))");
    }
    if (f->sql.oom || f->fts.oom)
        return set_err(err, EVC_ERR_NOMEM, "out of memory");
    return 0;
}

void evc_filter_bind(const evc_filter *f, sqlite3_stmt *s)
{
    for (int k = 0; k < f->n; k++) {
        if (f->v[k].fts)
            evc_store_bind(s, f->first + k, f->fts.ptr);
        else if (f->v[k].s)
            evc_store_bind(s, f->first + k, f->v[k].s);
        else
            sqlite3_bind_double(s, f->first + k, f->v[k].d);
    }
}

void evc_filter_free(evc_filter *f)
{
    evc_buf_free(&f->sql);
    evc_buf_free(&f->fts);
}

/* Prepares the event query for `q`; NULL with err filled on a bad filter
 * or a database error. */
static sqlite3_stmt *event_query(evc_store *st, const evc_query *q, evc_error *err)
{
    evc_filter f;
    if (evc_filter_build(&f, q, 1, err)) {
        evc_filter_free(&f);
        return NULL;
    }
    evc_buf sql;
    evc_buf_init(&sql);
    evc_buf_puts(&sql, EVENT_COLS);
    evc_buf_put(&sql, f.sql.ptr, f.sql.len);
    evc_buf_puts(&sql, " ORDER BY e.day, e.source, e.target, e.code, e.scope");
    int paged = q && (q->limit || q->offset);
    if (paged)
        evc_buf_printf(&sql, " LIMIT ?%d OFFSET ?%d", f.n + 1, f.n + 2);
    sqlite3_stmt *s = NULL;
    if (sql.oom || sqlite3_prepare_v2(st->db, sql.ptr, -1, &s, NULL) != SQLITE_OK) {
        evc_store_fail(st, err, "querying events");
        sqlite3_finalize(s);
        s = NULL;
    } else {
        evc_filter_bind(&f, s);
        if (paged) {
            sqlite3_bind_int64(s, f.n + 1,
                               !q->limit ? -1 : q->limit > (size_t)INT64_MAX ? INT64_MAX : (sqlite3_int64)q->limit);
            sqlite3_bind_int64(s, f.n + 2, q->offset > (size_t)INT64_MAX ? INT64_MAX : (sqlite3_int64)q->offset);
        }
    }
    evc_buf_free(&sql);
    evc_filter_free(&f);
    return s;
}

/* ---- JSONL ------------------------------------------------------------------ */

static void location_json(evc_buf *b, sqlite3_stmt *s, int name, int country, int lat, int lon)
{
    evc_buf_puts(b, ",\"location\":");
    if (sqlite3_column_type(s, name) == SQLITE_NULL) {
        evc_buf_puts(b, "null");
        return;
    }
    evc_buf_puts(b, "{\"name\":");
    evc_buf_json_val(b, col(s, name));
    jkey(b, "country", col(s, country), 0);
    if (sqlite3_column_type(s, lat) == SQLITE_NULL)
        evc_buf_puts(b, ",\"lat\":null,\"lon\":null}");
    else
        evc_buf_printf(b, ",\"lat\":%.4f,\"lon\":%.4f}", sqlite3_column_double(s, lat), sqlite3_column_double(s, lon));
}

/* An event row's quad class, Goldstein score, counts and location, as JSON
 * members (the jsonl and plover exports share them). */
static void measures_json(evc_buf *b, sqlite3_stmt *s)
{
    jnum(b, "quad_class", s, C_QUAD);
    evc_buf_printf(b, ",\"goldstein\":%.1f", sqlite3_column_double(s, C_GOLD));
    jnum(b, "num_mentions", s, C_NMENT);
    jnum(b, "num_sources", s, C_NSRC);
    jnum(b, "num_articles", s, C_NART);
    location_json(b, s, C_LOC, C_COUNTRY, C_LAT, C_LON);
}

static int articles_jsonl(evc_store *st, out *o)
{
    static const char SQL[] =
        "SELECT a.article, a.title, a.published, a.outlet, a.url, a.n_sentences, a.content_hash, c.article,"
        " a.similarity, a.text, a.id FROM articles a LEFT JOIN articles c ON c.id = a.canonical ORDER BY a.article";
    static const char LINKS[] = "SELECT o.article, l.kind, l.score FROM article_links l JOIN articles o ON o.id = l.other"
                                " WHERE l.article = ?1 ORDER BY o.article";
    sqlite3_stmt *s = NULL, *l = NULL;
    if (sqlite3_prepare_v2(st->db, SQL, -1, &s, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(st->db, LINKS, -1, &l, NULL) != SQLITE_OK) {
        sqlite3_finalize(s);
        return -1;
    }
    int rc = SQLITE_DONE;
    while (!o->aborted && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        evc_buf *b = &o->b;
        evc_buf_puts(b, "{\"type\":\"article\"");
        jkey(b, "article", col(s, 0), 0);
        jkey(b, "title", col(s, 1), 0);
        jkey(b, "published", col(s, 2), 0);
        jkey(b, "outlet", col(s, 3), 0);
        jkey(b, "url", col(s, 4), 0);
        jnum(b, "sentences", s, 5);
        jkey(b, "content_hash", col(s, 6), 0);
        jkey(b, "duplicate_of", col(s, 7), 0);
        if (sqlite3_column_type(s, 8) == SQLITE_NULL)
            evc_buf_puts(b, ",\"similarity\":null");
        else
            evc_buf_printf(b, ",\"similarity\":%.3f", sqlite3_column_double(s, 8));
        evc_buf_puts(b, ",\"links\":[");
        sqlite3_reset(l);
        sqlite3_bind_int64(l, 1, sqlite3_column_int64(s, 10));
        for (int n = 0; sqlite3_step(l) == SQLITE_ROW; n++) {
            evc_buf_puts(b, n ? ",{\"article\":" : "{\"article\":");
            evc_buf_json_val(b, col(l, 0));
            jkey(b, "kind", col(l, 1), 0);
            evc_buf_printf(b, ",\"score\":%.3f}", sqlite3_column_double(l, 2));
        }
        evc_buf_putc(b, ']');
        jkey(b, "text", col(s, 9), 0);
        evc_buf_puts(b, "}\n");
        flush(o, 0);
    }
    sqlite3_finalize(l);
    sqlite3_finalize(s);
    return o->aborted || rc == SQLITE_DONE ? 0 : -1;
}

static void mentions_json(evc_buf *b, sqlite3_stmt *m, long long ev)
{
    sqlite3_reset(m);
    sqlite3_bind_int64(m, 1, ev);
    evc_buf_puts(b, ",\"mentions\":[");
    for (int n = 0; sqlite3_step(m) == SQLITE_ROW; n++) {
        evc_buf_puts(b, n ? ",{\"article\":" : "{\"article\":");
        evc_buf_json_val(b, col(m, 0));
        jnum(b, "sentence_index", m, 1);
        jkey(b, "sentence", col(m, 2), 0);
        jkey(b, "date", col(m, 3), 0);
        /* as its sentence was coded (the event has the most specific codes) */
        jkey(b, "source", col(m, 9), 1);
        jkey(b, "source_name", col(m, 4), 0);
        jkey(b, "target", col(m, 10), 1);
        jkey(b, "target_name", col(m, 5), 0);
        jkey(b, "code", col(m, 11), 0);
        evc_buf_printf(b, ",\"duplicate\":%s,\"copy_of\":", sqlite3_column_int(m, 6) ? "true" : "false");
        if (sqlite3_column_type(m, 7) == SQLITE_NULL) {
            evc_buf_puts(b, "null}");
        } else {
            evc_buf_puts(b, "{\"article\":");
            evc_buf_json_val(b, col(m, 7));
            jnum(b, "sentence_index", m, 8);
            evc_buf_puts(b, "}}");
        }
    }
    evc_buf_putc(b, ']');
}

static int events_jsonl(evc_store *st, out *o, const evc_query *q, evc_error *err)
{
    static const char MENTIONS[] =
        "SELECT a.article, m.sentence_index, m.sentence, m.date, m.source_name, m.target_name,"
        " a.canonical IS NOT NULL, ca.article, cm.sentence_index, m.source, m.target, m.code"
        " FROM mentions m JOIN articles a ON a.id = m.article LEFT JOIN mentions cm ON cm.id = m.copy_of"
        " LEFT JOIN articles ca ON ca.id = cm.article WHERE m.event = ?1 ORDER BY a.article, m.sentence_index";
    sqlite3_stmt *s = event_query(st, q, err), *m = NULL;
    if (!s)
        return -2;
    if (sqlite3_prepare_v2(st->db, MENTIONS, -1, &m, NULL) != SQLITE_OK) {
        sqlite3_finalize(s);
        return -1;
    }
    int rc = SQLITE_DONE;
    while (!o->aborted && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        evc_buf *b = &o->b;
        evc_buf_puts(b, "{\"type\":\"event\"");
        jkey(b, "day", col(s, C_DAY), 1);
        jkey(b, "source", col(s, C_SRC), 1);
        jkey(b, "source_name", col(s, C_SRCNAME), 0);
        jkey(b, "target", col(s, C_TGT), 1);
        jkey(b, "target_name", col(s, C_TGTNAME), 0);
        jkey(b, "code", col(s, C_CODE), 0);
        jkey(b, "root", col(s, C_ROOT), 0);
        measures_json(b, s);
        mentions_json(b, m, sqlite3_column_int64(s, C_ID));
        evc_buf_puts(b, "}\n");
        flush(o, 0);
    }
    sqlite3_finalize(m);
    sqlite3_finalize(s);
    return o->aborted || rc == SQLITE_DONE ? 0 : -1;
}

static int quotes_actors_jsonl(evc_store *st, out *o)
{
    static const char QUOTES[] =
        "SELECT a.article, q.sentence_index, q.speaker, q.speaker_code, q.kind, q.text, q.cue, q.venue, q.date"
        " FROM quotes q JOIN articles a ON a.id = q.article ORDER BY a.article, q.ordinal";
    static const char ACTORS[] = "SELECT code, name, mentions FROM actors ORDER BY code, name";
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, QUOTES, -1, &s, NULL) != SQLITE_OK)
        return -1;
    int rc = SQLITE_DONE;
    while (!o->aborted && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        evc_buf *b = &o->b;
        evc_buf_puts(b, "{\"type\":\"quote\"");
        jkey(b, "article", col(s, 0), 0);
        jnum(b, "sentence_index", s, 1);
        jkey(b, "speaker", col(s, 2), 0);
        jkey(b, "speaker_code", col(s, 3), 0);
        jkey(b, "kind", col(s, 4), 0);
        jkey(b, "text", col(s, 5), 0);
        jkey(b, "cue", col(s, 6), 0);
        jkey(b, "venue", col(s, 7), 0);
        jkey(b, "date", col(s, 8), 0);
        evc_buf_puts(b, "}\n");
        flush(o, 0);
    }
    sqlite3_finalize(s);
    if (!o->aborted && rc != SQLITE_DONE)
        return -1;
    if (sqlite3_prepare_v2(st->db, ACTORS, -1, &s, NULL) != SQLITE_OK)
        return -1;
    while (!o->aborted && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        evc_buf *b = &o->b;
        evc_buf_puts(b, "{\"type\":\"actor\"");
        jkey(b, "code", col(s, 0), 0);
        jkey(b, "name", col(s, 1), 0);
        jnum(b, "mentions", s, 2);
        evc_buf_puts(b, "}\n");
        flush(o, 0);
    }
    sqlite3_finalize(s);
    return o->aborted || rc == SQLITE_DONE ? 0 : -1;
}

/* ---- GDELT 2.0 event table ------------------------------------------------ */

/* Three-letter CAMEO prefixes that are not countries: the code names an
 * international or transnational actor, whose group code follows. */
static int non_state(const char *c)
{
    static const char *const K[] = {"IGO", "NGO", "NGM", "MNC", "IMG", "UIS", "INT", "REG"};
    for (size_t i = 0; i < sizeof K / sizeof *K; i++)
        if (!strncmp(c, K[i], 3))
            return 1;
    return 0;
}

/* Actor fields: Code, Name, CountryCode, KnownGroupCode, EthnicCode,
 * Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code. The code is
 * split in three-letter parts: a country (or a non-state prefix and its
 * group) and then up to three role types. */
static void gdelt_actor(evc_buf *b, const char *code, const char *name)
{
    char part[4][4] = {{0}};
    size_t n = code ? strlen(code) : 0;
    for (size_t i = 0; i < 4 && (i + 1) * 3 <= n; i++)
        memcpy(part[i], code + i * 3, 3);
    int ns = n >= 3 && non_state(code);
    evc_buf_field(b, n ? code : NULL, 0, '\t');
    evc_buf_field(b, n ? name : NULL, 0, '\t');
    evc_buf_field(b, ns ? NULL : part[0], 0, '\t');
    evc_buf_field(b, ns ? part[1] : NULL, 0, '\t');
    evc_buf_field(b, NULL, 0, '\t');
    evc_buf_field(b, NULL, 0, '\t');
    evc_buf_field(b, NULL, 0, '\t');
    for (int t = ns ? 2 : 1; t < (ns ? 5 : 4); t++)
        evc_buf_field(b, t < 4 ? part[t] : NULL, 0, '\t');
}

/* Geo fields: Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long,
 * FeatureID; empty when the place is unknown. */
static void gdelt_geo(evc_buf *b, sqlite3_stmt *s, int known)
{
    if (!known || sqlite3_column_type(s, C_LOC) == SQLITE_NULL) {
        for (int i = 0; i < 8; i++)
            evc_buf_field(b, NULL, 0, '\t');
        return;
    }
    char num[32];
    evc_buf_field(b, NULL, 0, '\t');
    evc_buf_field(b, col(s, C_LOC), 0, '\t');
    evc_buf_field(b, col(s, C_COUNTRY), 0, '\t');
    evc_buf_field(b, NULL, 0, '\t');
    evc_buf_field(b, NULL, 0, '\t');
    if (sqlite3_column_type(s, C_LAT) == SQLITE_NULL) {
        evc_buf_field(b, NULL, 0, '\t');
        evc_buf_field(b, NULL, 0, '\t');
    } else {
        snprintf(num, sizeof num, "%.4f", sqlite3_column_double(s, C_LAT));
        evc_buf_field(b, num, 0, '\t');
        snprintf(num, sizeof num, "%.4f", sqlite3_column_double(s, C_LON));
        evc_buf_field(b, num, 0, '\t');
    }
    evc_buf_field(b, NULL, 0, '\t');
}

static void gdelt_row(evc_buf *b, sqlite3_stmt *s)
{
    const char *day = col(s, C_DAY), *code = col(s, C_CODE);
    char ymd[9] = "", ym[7] = "", y[5] = "", frac[16] = "", base[4] = "";
    if (day && strlen(day) == 10) {
        snprintf(ymd, sizeof ymd, "%.4s%.2s%.2s", day, day + 5, day + 8);
        snprintf(ym, sizeof ym, "%.6s", ymd);
        snprintf(y, sizeof y, "%.4s", ymd);
        int mo = atoi(day + 5), d = atoi(day + 8);
        static const int CUM[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
        int doy = (mo >= 1 && mo <= 12 ? CUM[mo - 1] : 0) + d;
        snprintf(frac, sizeof frac, "%s.%04d", y, (int)((doy * 10000L) / 365 > 9999 ? 9999 : (doy * 10000L) / 365));
    }
    snprintf(base, sizeof base, "%.3s", code ? code : "");
    evc_buf_printf(b, "%lld\t", (long long)sqlite3_column_int64(s, C_ID));
    evc_buf_field(b, ymd, 0, '\t');
    evc_buf_field(b, ym, 0, '\t');
    evc_buf_field(b, y, 0, '\t');
    evc_buf_field(b, frac, 0, '\t');
    gdelt_actor(b, col(s, C_SRC), col(s, C_SRCNAME));
    gdelt_actor(b, col(s, C_TGT), col(s, C_TGTNAME));
    /* IsRootEvent: reported in the lead (the first two sentences) */
    evc_buf_printf(b, "%d\t", sqlite3_column_int(s, C_MINSENT) <= 1);
    evc_buf_field(b, code, 0, '\t');
    evc_buf_field(b, base, 0, '\t');
    evc_buf_field(b, col(s, C_ROOT), 0, '\t');
    evc_buf_printf(b, "%d\t%.1f\t%lld\t%lld\t%lld\t\t", sqlite3_column_int(s, C_QUAD),
                   sqlite3_column_double(s, C_GOLD), (long long)sqlite3_column_int64(s, C_NMENT),
                   (long long)sqlite3_column_int64(s, C_NSRC), (long long)sqlite3_column_int64(s, C_NART));
    gdelt_geo(b, s, 0);
    gdelt_geo(b, s, 0);
    gdelt_geo(b, s, 1);
    /* DATEADDED: the first article's publication day (stable across runs) */
    const char *pub = col(s, C_PUBLISHED);
    if (pub && strlen(pub) == 10)
        evc_buf_printf(b, "%.4s%.2s%.2s000000\t", pub, pub + 5, pub + 8);
    else
        evc_buf_putc(b, '\t');
    const char *url = col(s, C_URL);
    evc_buf_field(b, url && *url ? url : col(s, C_ARTICLE), 0, '\n');
}

/* ---- CSV ------------------------------------------------------------------ */

static const char CSV_HEADER[] = "id,day,source,source_name,target,target_name,code,root,quad_class,goldstein,"
                                 "num_mentions,num_sources,num_articles,location,country,lat,lon,article,url,"
                                 "sentence\r\n";

static void csv_row(evc_buf *b, sqlite3_stmt *s)
{
    static const int TEXT[] = {C_DAY, C_SRC, C_SRCNAME, C_TGT, C_TGTNAME, C_CODE, C_ROOT};
    evc_buf_printf(b, "%lld,", (long long)sqlite3_column_int64(s, C_ID));
    for (size_t i = 0; i < sizeof TEXT / sizeof *TEXT; i++)
        evc_buf_field(b, col(s, TEXT[i]), 1, ',');
    evc_buf_printf(b, "%d,%.1f,%lld,%lld,%lld,", sqlite3_column_int(s, C_QUAD), sqlite3_column_double(s, C_GOLD),
                   (long long)sqlite3_column_int64(s, C_NMENT), (long long)sqlite3_column_int64(s, C_NSRC),
                   (long long)sqlite3_column_int64(s, C_NART));
    evc_buf_field(b, col(s, C_LOC), 1, ',');
    evc_buf_field(b, col(s, C_COUNTRY), 1, ',');
    if (sqlite3_column_type(s, C_LAT) == SQLITE_NULL)
        evc_buf_puts(b, ",,");
    else
        evc_buf_printf(b, "%.4f,%.4f,", sqlite3_column_double(s, C_LAT), sqlite3_column_double(s, C_LON));
    evc_buf_field(b, col(s, C_ARTICLE), 1, ',');
    evc_buf_field(b, col(s, C_URL), 1, ',');
    evc_buf_field(b, col(s, C_SENTENCE), 1, '\r');
    evc_buf_putc(b, '\n');
}

/* ---- PLOVER ------------------------------------------------------------- */

typedef struct plover_map {
    char (*code)[16];
    char (*type)[32];
    char (*mode)[48];
    size_t n;
} plover_map;

static void plover_free(plover_map *m)
{
    free(m->code);
    free(m->type);
    free(m->mode);
}

/* Reads plover.txt: "CAMEO TYPE [MODE]" per line, '#' comments. */
static int plover_load(const char *dir, plover_map *m, evc_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/plover.txt", dir);
    FILE *f = fopen(path, "r");
    memset(m, 0, sizeof *m);
    if (!f) {
        if (err) {
            memset(err, 0, sizeof *err);
            err->code = EVC_ERR_IO;
            snprintf(err->msg, sizeof err->msg, "%.200s: cannot open the PLOVER mapping", path);
        }
        return -1;
    }
    size_t cap = 0;
    char line[512];
    int rc = 0;
    while (!rc && fgets(line, sizeof line, f)) {
        char *hash = strchr(line, '#');
        if (hash)
            *hash = 0;
        char c[16] = "", t[32] = "", mo[48] = "";
        if (sscanf(line, "%15s %31s %47s", c, t, mo) < 2)
            continue;
        if (m->n == cap) {
            cap = cap ? cap * 2 : 256;
            void *a = realloc(m->code, cap * sizeof *m->code), *b = a ? realloc(m->type, cap * sizeof *m->type) : NULL,
                 *d = b ? realloc(m->mode, cap * sizeof *m->mode) : NULL;
            if (a)
                m->code = a;
            if (b)
                m->type = b;
            if (d)
                m->mode = d;
            if (!a || !b || !d) {
                rc = -1;
                break;
            }
        }
        snprintf(m->code[m->n], sizeof *m->code, "%s", c);
        snprintf(m->type[m->n], sizeof *m->type, "%s", t);
        snprintf(m->mode[m->n], sizeof *m->mode, "%s", mo);
        m->n++;
    }
    fclose(f);
    if (rc && err) {
        memset(err, 0, sizeof *err);
        err->code = EVC_ERR_NOMEM;
        snprintf(err->msg, sizeof err->msg, "out of memory reading the PLOVER mapping");
    }
    return rc;
}

/* The longest entry that is a prefix of `code`, or -1. */
static long plover_find(const plover_map *m, const char *code)
{
    long best = -1;
    size_t bl = 0;
    for (size_t i = 0; code && i < m->n; i++) {
        size_t l = strlen(m->code[i]);
        if (l > bl && !strncmp(code, m->code[i], l)) {
            best = (long)i;
            bl = l;
        }
    }
    return best;
}

static void plover_row(evc_buf *b, sqlite3_stmt *s, const plover_map *m, long k)
{
    evc_buf_printf(b, "{\"id\":\"evcode-%lld\"", (long long)sqlite3_column_int64(s, C_ID));
    jkey(b, "event_date", col(s, C_DAY), 1);
    jkey(b, "event_type", m->type[k], 0);
    jkey(b, "mode", m->mode[k], 1);
    jkey(b, "source", col(s, C_SRC), 1);
    jkey(b, "source_name", col(s, C_SRCNAME), 0);
    jkey(b, "target", col(s, C_TGT), 1);
    jkey(b, "target_name", col(s, C_TGTNAME), 0);
    jkey(b, "cameo", col(s, C_CODE), 0);
    measures_json(b, s);
    jkey(b, "article", col(s, C_ARTICLE), 0);
    jkey(b, "text", col(s, C_SENTENCE), 0);
    evc_buf_puts(b, "}\n");
}

/* ---- Entry points ------------------------------------------------------ */

/* Event rows of `q` in one of the flat formats. */
static int flat_events(evc_store *st, out *o, evc_export_format format, const evc_query *q, const plover_map *pm,
                       evc_error *err)
{
    sqlite3_stmt *s = event_query(st, q, err);
    if (!s)
        return -2;
    if (format == EVC_EXPORT_CSV)
        evc_buf_puts(&o->b, CSV_HEADER);
    int rc = SQLITE_DONE;
    while (!o->aborted && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (format == EVC_EXPORT_GDELT)
            gdelt_row(&o->b, s);
        else if (format == EVC_EXPORT_CSV)
            csv_row(&o->b, s);
        else {
            long k = plover_find(pm, col(s, C_CODE));
            if (k >= 0 && strcmp(pm->type[k], "-") != 0)
                plover_row(&o->b, s, pm, k);
        }
        flush(o, 0);
    }
    sqlite3_finalize(s);
    return o->aborted || rc == SQLITE_DONE ? 0 : -1;
}

evc_status evc_store_export(evc_store *st, evc_export_format format, const evc_query *q, evc_write_fn write,
                            void *user, evc_error *err)
{
    if (!st || !write || format < EVC_EXPORT_JSONL || format > EVC_EXPORT_CSV)
        return EVC_ERR_ARG;
    plover_map pm;
    memset(&pm, 0, sizeof pm);
    if (format == EVC_EXPORT_PLOVER &&
        plover_load(q && q->data_dir ? q->data_dir : evc_default_data_dir(), &pm, err))
        return err ? err->code : EVC_ERR_IO;
    out o = {.write = write, .user = user};
    evc_buf_init(&o.b);
    /* one read transaction: the export is one snapshot even while an
     * ingest commits batches */
    int rc = sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
    int filtered = evc_query_filtered(q);
    if (!rc && format == EVC_EXPORT_JSONL) {
        if (!filtered)
            rc = articles_jsonl(st, &o);
        if (!rc)
            rc = events_jsonl(st, &o, q, err);
        if (!rc && !filtered)
            rc = quotes_actors_jsonl(st, &o);
    } else if (!rc) {
        rc = flat_events(st, &o, format, q, &pm, err);
    }
    sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    flush(&o, 1);
    evc_status status = o.aborted ? EVC_ERR_ABORT : o.b.oom ? EVC_ERR_NOMEM : EVC_OK;
    if (rc == -2)
        status = EVC_ERR_ARG;
    else if (rc)
        status = evc_store_fail(st, err, "exporting");
    evc_buf_free(&o.b);
    plover_free(&pm);
    return status;
}

evc_status evc_store_query(evc_store *st, const evc_query *q, evc_event_row_fn fn, void *user, evc_error *err)
{
    if (!st || !fn)
        return EVC_ERR_ARG;
    sqlite3_stmt *s = event_query(st, q, err);
    if (!s)
        return err && err->code == EVC_ERR_ARG ? EVC_ERR_ARG : EVC_ERR_IO;
    int rc = SQLITE_DONE;
    evc_status status = EVC_OK;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        evc_event_row r;
        memset(&r, 0, sizeof r);
        r.id = sqlite3_column_int64(s, C_ID);
        r.day = col(s, C_DAY);
        r.source = col(s, C_SRC);
        r.source_name = col(s, C_SRCNAME);
        r.target = col(s, C_TGT) && *col(s, C_TGT) ? col(s, C_TGT) : NULL;
        r.target_name = col(s, C_TGTNAME);
        r.code = col(s, C_CODE);
        r.quad_class = sqlite3_column_int(s, C_QUAD);
        r.goldstein = sqlite3_column_double(s, C_GOLD);
        r.num_mentions = (long)sqlite3_column_int64(s, C_NMENT);
        r.num_sources = (long)sqlite3_column_int64(s, C_NSRC);
        r.num_articles = (long)sqlite3_column_int64(s, C_NART);
        r.article = col(s, C_ARTICLE);
        r.sentence = col(s, C_SENTENCE);
        r.location = col(s, C_LOC);
        if (fn(user, &r)) {
            status = EVC_ERR_ABORT;
            break;
        }
    }
    if (status == EVC_OK && rc != SQLITE_DONE)
        status = evc_store_fail(st, err, "querying events");
    sqlite3_finalize(s);
    return status;
}
