/*
 * `evcode serve`: a JSON API over a store and a dashboard page, on civetweb
 * (Debian's libcivetweb). Parses arguments and requests, calls the public
 * API (evcode.h) and writes responses.
 *
 * Each civetweb worker thread opens the store read-only on its first
 * request and keeps it until the server stops (evc_store is one thread's at
 * a time); SQLite's WAL lets an `evcode ingest` write meanwhile, and every
 * response is read in one transaction. Query strings are parsed here with
 * fixed limits: any malformed or unknown parameter gets a 400 with a JSON
 * error, never a crash.
 */
#define _POSIX_C_SOURCE 200809L
#include "serve.h"
#include "evcode.h"
#include <civetweb.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dashboard.inc"   /* EVC_DASHBOARD: share/dashboard/index.html */

static const char SERVE_USAGE[] =
    "usage: evcode serve --db FILE [--port 8080] [--bind 127.0.0.1] [--threads N]\n"
    "\n"
    "A JSON API over the store FILE and a dashboard at http://BIND:PORT/.\n"
    "Only loopback by default; --bind 0.0.0.0 listens on every interface (no\n"
    "authentication: put it behind a proxy if others may reach it). --port 0\n"
    "takes a free port; the address is printed on stdout. The store is read-only\n"
    "here; `evcode ingest` may add to it while serving. Stop with Ctrl-C (SIGINT)\n"
    "or SIGTERM.\n"
    "\n"
    "  GET /                  the dashboard\n"
    "  GET /api/events        ?actor=&code=&from=&to=&text=&limit=&offset=\n"
    "                         merged events (filters as for evcode query)\n"
    "  GET /api/events/ID     one event with every mention (article, sentence)\n"
    "  GET /api/articles/ID   an article: metadata, text, links, mentions, quotes\n"
    "  GET /api/stats         counts of the store\n"
    "  GET /api/actors        ?prefix=&limit=  actors, most mentioned first\n"
    "  GET /api/quotes        ?speaker=&text=&limit=&offset=\n"
    "  GET /api/timeline      ?actor=&code=&from=&to=&text=&by=day|week|month\n"
    "                         events, mentions and mean Goldstein per period\n"
    "Bad parameters get 400, unknown routes 404, both with {\"error\": ...}.\n";

enum { MAX_QUERY = 4096, MAX_PARAMS = 16, DEFAULT_LIMIT = 50, MAX_LIMIT = 1000 };

typedef struct server {
    const char *db;
} server;

/* One per civetweb worker thread (init_thread / exit_thread). */
typedef struct worker {
    evc_store *st;
} worker;

/* ---- A response body -------------------------------------------------------- */

typedef struct body {
    char *p;
    size_t len, cap;
    int oom;
} body;

static void put(body *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (n > SIZE_MAX / 2 - b->len) {
        b->oom = 1;
        return;
    }
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void puts_(body *b, const char *s)
{
    put(b, s, strlen(s));
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void printf_(body *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp)
        b->oom = 1;
    else
        put(b, tmp, (size_t)n);
}

static int body_write(void *user, const char *bytes, size_t len)
{
    body *b = user;
    put(b, bytes, len);
    return b->oom;
}

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    size_t l = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 && s[0] < 0xE0 ? 2 : 0;
    if (!l || l > n)
        return 0;
    for (size_t i = 1; i < l; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0) || (s[0] == 0xF0 && s[1] < 0x90) ||
        (s[0] == 0xF4 && s[1] >= 0x90))
        return 0;
    return l;
}

/* s as a JSON string (null for NULL); invalid UTF-8 becomes U+FFFD. */
static void json_str(body *b, const char *s)
{
    if (!s) {
        puts_(b, "null");
        return;
    }
    put(b, "\"", 1);
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        unsigned char c = u[i];
        if (c >= 0x80) {
            size_t l = utf8_len(u + i, n - i);
            put(b, l ? s + i : "\xEF\xBF\xBD", l ? l : 3);
            i += l ? l : 1;
            continue;
        }
        if (c == '"' || c == '\\')
            put(b, c == '"' ? "\\\"" : "\\\\", 2);
        else if (c < 0x20)
            printf_(b, "\\u%04x", c);
        else
            put(b, s + i, 1);
        i++;
    }
    put(b, "\"", 1);
}

/* ---- Responses -------------------------------------------------------------- */

static int respond(struct mg_connection *conn, int status, const char *type, const char *data, size_t len)
{
    char clen[32];
    snprintf(clen, sizeof clen, "%zu", len);
    mg_response_header_start(conn, status);
    mg_response_header_add(conn, "Content-Type", type, -1);
    mg_response_header_add(conn, "Content-Length", clen, -1);
    mg_response_header_add(conn, "Cache-Control", "no-store", -1);
    mg_response_header_add(conn, "X-Content-Type-Options", "nosniff", -1);
    mg_response_header_send(conn);
    if (len)
        mg_write(conn, data, len);
    return status;
}

static int send_error(struct mg_connection *conn, int status, const char *msg)
{
    body b = {0};
    puts_(&b, "{\"error\":");
    json_str(&b, msg);
    printf_(&b, ",\"status\":%d}\n", status);
    int rc = b.oom ? respond(conn, 500, "application/json", "{\"error\":\"out of memory\"}\n", 26)
                   : respond(conn, status, "application/json", b.p, b.len);
    free(b.p);
    return rc;
}

static int send_json(struct mg_connection *conn, body *b)
{
    int rc = b->oom ? send_error(conn, 500, "out of memory") : respond(conn, 200, "application/json", b->p, b->len);
    free(b->p);
    b->p = NULL;
    return rc;
}

/* The response for a failed library call. */
static int send_status(struct mg_connection *conn, evc_status rc, const evc_error *err)
{
    const char *msg = err->msg[0] ? err->msg : evc_strerror(rc);
    return send_error(conn, rc == EVC_ERR_ARG ? 400 : 500, msg);
}

/* ---- Query strings -------------------------------------------------------------- */

typedef struct params {
    char buf[MAX_QUERY + 1];   /* the query string, decoded in place */
    const char *name[MAX_PARAMS], *value[MAX_PARAMS];
    size_t n;
    char why[128];             /* what was wrong, for the 400 */
} params;

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decodes s in place (%XX and '+'); -1 on a bad escape or a NUL byte. */
static int url_decode(char *s)
{
    char *o = s;
    for (const char *p = s; *p; p++) {
        if (*p == '+') {
            *o++ = ' ';
        } else if (*p == '%') {
            int hi = hexval(p[1]), lo = hi < 0 ? -1 : hexval(p[2]);
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
                return -1;
            *o++ = (char)(hi * 16 + lo);
            p += 2;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return 0;
}

/* Splits and decodes `qs` (may be NULL). Each name must be in `allowed`
 * (NULL-terminated) and appear once; an empty value counts as absent.
 * 0, or -1 with p->why set. */
static int parse_params(const char *qs, const char *const *allowed, params *p)
{
    p->n = 0;
    p->why[0] = '\0';
    if (!qs || !*qs)
        return 0;
    if (strlen(qs) > MAX_QUERY) {
        snprintf(p->why, sizeof p->why, "the query string is longer than %d bytes", MAX_QUERY);
        return -1;
    }
    memcpy(p->buf, qs, strlen(qs) + 1);
    for (char *pair = p->buf, *next; pair; pair = next) {
        next = strchr(pair, '&');
        if (next)
            *next++ = '\0';
        if (!*pair)
            continue;
        char *eq = strchr(pair, '=');
        char *val = eq ? eq + 1 : pair + strlen(pair);
        if (eq)
            *eq = '\0';
        if (url_decode(pair) || url_decode(val)) {
            snprintf(p->why, sizeof p->why, "bad percent-encoding in the query string");
            return -1;
        }
        size_t k = 0;
        while (allowed[k] && strcmp(allowed[k], pair))
            k++;
        if (!allowed[k]) {
            snprintf(p->why, sizeof p->why, "unknown parameter '%.40s'", pair);
            return -1;
        }
        for (size_t i = 0; i < p->n; i++)
            if (!strcmp(p->name[i], allowed[k])) {
                snprintf(p->why, sizeof p->why, "parameter '%s' given twice", allowed[k]);
                return -1;
            }
        if (p->n == MAX_PARAMS) {
            snprintf(p->why, sizeof p->why, "too many parameters");
            return -1;
        }
        p->name[p->n] = allowed[k];
        p->value[p->n++] = val;
    }
    return 0;
}

/* The value of `name`, or NULL when absent or empty. */
static const char *param(const params *p, const char *name)
{
    for (size_t i = 0; i < p->n; i++)
        if (!strcmp(p->name[i], name))
            return *p->value[i] ? p->value[i] : NULL;
    return NULL;
}

/* A count parameter in [min, max] (def when absent); -1 with why set. */
static int count_param(params *p, const char *name, size_t min, size_t max, size_t def, size_t *out)
{
    const char *v = param(p, name);
    *out = def;
    if (!v)
        return 0;
    size_t x = 0, len = strlen(v);
    if (len > 10 || strspn(v, "0123456789") != len) {
        snprintf(p->why, sizeof p->why, "%s is a whole number from %zu to %zu", name, min, max);
        return -1;
    }
    for (size_t i = 0; i < len; i++)
        x = x * 10 + (size_t)(v[i] - '0');
    if (x < min || x > max) {
        snprintf(p->why, sizeof p->why, "%s is a whole number from %zu to %zu", name, min, max);
        return -1;
    }
    *out = x;
    return 0;
}

/* ---- Routes ------------------------------------------------------------------------ */

typedef struct list {
    body *b;
    size_t n, limit;
    int more;
} list;

static int event_row(void *user, const evc_event_row *r)
{
    list *l = user;
    body *b = l->b;
    if (l->n == l->limit) {
        l->more = 1;
        return 1;
    }
    puts_(b, l->n++ ? ",{\"id\":" : "{\"id\":");
    printf_(b, "%lld,\"day\":", r->id);
    json_str(b, r->day && *r->day ? r->day : NULL);
    puts_(b, ",\"source\":");
    json_str(b, r->source && *r->source ? r->source : NULL);
    puts_(b, ",\"source_name\":");
    json_str(b, r->source_name);
    puts_(b, ",\"target\":");
    json_str(b, r->target);
    puts_(b, ",\"target_name\":");
    json_str(b, r->target_name);
    puts_(b, ",\"code\":");
    json_str(b, r->code);
    printf_(b, ",\"quad_class\":%d,\"goldstein\":%.1f,\"num_mentions\":%ld,\"num_sources\":%ld,\"num_articles\":%ld",
            r->quad_class, r->goldstein, r->num_mentions, r->num_sources, r->num_articles);
    puts_(b, ",\"article\":");
    json_str(b, r->article);
    puts_(b, ",\"sentence\":");
    json_str(b, r->sentence);
    puts_(b, ",\"location\":");
    json_str(b, r->location);
    puts_(b, "}");
    return b->oom;
}

static const char *const FILTERS[] = {"actor", "code", "from", "to", "text", "limit", "offset", "by", NULL};

/* The filters of /api/events and /api/timeline into q. */
static void fill_query(const params *p, evc_query *q)
{
    memset(q, 0, sizeof *q);
    q->actor = param(p, "actor");
    q->code = param(p, "code");
    q->from = param(p, "from");
    q->to = param(p, "to");
    q->text = param(p, "text");
}

static int route_events(struct mg_connection *conn, evc_store *st, params *p)
{
    evc_query q;
    fill_query(p, &q);
    size_t limit, offset;
    if (param(p, "by") || count_param(p, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT, &limit) ||
        count_param(p, "offset", 0, 1000000000, 0, &offset))
        return send_error(conn, 400, p->why[0] ? p->why : "unknown parameter 'by' (for /api/timeline)");
    q.limit = limit + 1;   /* one more: whether there are more */
    q.offset = offset;
    body b = {0};
    list l = {&b, 0, limit, 0};
    puts_(&b, ",\"events\":[");
    evc_error err;
    memset(&err, 0, sizeof err);
    evc_status rc = evc_store_query(st, &q, event_row, &l, &err);
    if (rc != EVC_OK && !(rc == EVC_ERR_ABORT && l.more && !b.oom)) {
        free(b.p);
        return b.oom ? send_error(conn, 500, "out of memory") : send_status(conn, rc, &err);
    }
    puts_(&b, "]}\n");
    body whole = {0};
    printf_(&whole, "{\"offset\":%zu,\"limit\":%zu,\"count\":%zu,\"more\":%s", offset, limit, l.n,
            l.more ? "true" : "false");
    put(&whole, b.p ? b.p : "", b.len);
    whole.oom |= b.oom;
    free(b.p);
    return send_json(conn, &whole);
}

/* ---- the timeline: events of the filter, aggregated by day, week or month */

typedef struct tl_state {
    body *b;
    char by;              /* 'd', 'w' or 'm' */
    char key[11];         /* the open bucket's period */
    size_t n, buckets, undated;
    long mentions;
    double goldstein;
} tl_state;

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, long *m, long *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp + (mp < 10 ? 3 : -9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* The period of `day` (YYYY-MM-DD): itself, its month (YYYY-MM) or the
 * Monday of its ISO week (YYYY-MM-DD). */
static void period_of(const char *day, char by, char out[11])
{
    if (by == 'm') {
        snprintf(out, 11, "%.7s", day);
        return;
    }
    long y = 0, m = 0, d = 0;
    if (by == 'd' || sscanf(day, "%4ld-%2ld-%2ld", &y, &m, &d) != 3) {
        snprintf(out, 11, "%.10s", day);
        return;
    }
    long z = days_from_civil(y, m, d);
    long wd = ((z % 7) + 7 + 3) % 7;   /* 1970-01-01 was a Thursday: Monday = 0 */
    civil_from_days(z - wd, &y, &m, &d);
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%04ld-%02ld-%02ld", y, m, d);
    snprintf(out, 11, "%.10s", tmp);
}

static void close_bucket(tl_state *t)
{
    if (!t->n)
        return;
    puts_(t->b, t->buckets++ ? ",{\"period\":" : "{\"period\":");
    json_str(t->b, t->key);
    printf_(t->b, ",\"events\":%zu,\"mentions\":%ld,\"goldstein\":%.2f}", t->n, t->mentions,
            t->goldstein / (double)t->n);
    t->n = 0;
    t->mentions = 0;
    t->goldstein = 0;
}

/* Rows come in day order, so a bucket is closed when the period changes. */
static int timeline_row(void *user, const evc_event_row *r)
{
    tl_state *t = user;
    if (!r->day || strlen(r->day) != 10) {
        t->undated++;
        return 0;
    }
    char key[11];
    period_of(r->day, t->by, key);
    if (t->n && strcmp(key, t->key))
        close_bucket(t);
    memcpy(t->key, key, sizeof key);
    t->n++;
    t->mentions += r->num_mentions;
    t->goldstein += r->goldstein;
    return t->b->oom;
}

static int route_timeline(struct mg_connection *conn, evc_store *st, params *p)
{
    evc_query q;
    fill_query(p, &q);
    const char *by = param(p, "by");
    if (param(p, "limit") || param(p, "offset"))
        return send_error(conn, 400, "the timeline takes no limit or offset");
    if (by && strcmp(by, "day") && strcmp(by, "week") && strcmp(by, "month"))
        return send_error(conn, 400, "by is day, week or month");
    body b = {0};
    tl_state t = {.b = &b, .by = by ? by[0] : 'd'};
    printf_(&b, "{\"by\":\"%s\",\"buckets\":[", by ? by : "day");
    evc_error err;
    memset(&err, 0, sizeof err);
    evc_status rc = evc_store_query(st, &q, timeline_row, &t, &err);
    if (rc != EVC_OK) {
        free(b.p);
        return b.oom ? send_error(conn, 500, "out of memory") : send_status(conn, rc, &err);
    }
    close_bucket(&t);
    printf_(&b, "],\"undated\":%zu}\n", t.undated);
    return send_json(conn, &b);
}

static int route_stats(struct mg_connection *conn, evc_store *st)
{
    evc_store_stats s;
    evc_error err;
    memset(&err, 0, sizeof err);
    evc_status rc = evc_store_stats_get(st, &s, &err);
    if (rc != EVC_OK)
        return send_status(conn, rc, &err);
    body b = {0};
    printf_(&b,
            "{\"articles\":%zu,\"duplicates\":%zu,\"links\":%zu,\"events\":%zu,\"mentions\":%zu,\"quotes\":%zu,"
            "\"actors\":%zu}\n",
            s.articles, s.duplicates, s.links, s.events, s.mentions, s.quotes, s.actors);
    return send_json(conn, &b);
}

static int route_actors(struct mg_connection *conn, evc_store *st, params *p)
{
    size_t limit;
    if (count_param(p, "limit", 1, MAX_LIMIT, 20, &limit))
        return send_error(conn, 400, p->why);
    body b = {0};
    evc_error err;
    memset(&err, 0, sizeof err);
    evc_status rc = evc_store_actors_json(st, param(p, "prefix"), limit, body_write, &b, &err);
    if (rc != EVC_OK) {
        free(b.p);
        return send_status(conn, rc, &err);
    }
    return send_json(conn, &b);
}

static int route_quotes(struct mg_connection *conn, evc_store *st, params *p)
{
    size_t limit, offset;
    if (count_param(p, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT, &limit) ||
        count_param(p, "offset", 0, 1000000000, 0, &offset))
        return send_error(conn, 400, p->why);
    body b = {0};
    evc_error err;
    memset(&err, 0, sizeof err);
    evc_status rc =
        evc_store_quotes_json(st, param(p, "speaker"), param(p, "text"), limit, offset, body_write, &b, &err);
    if (rc != EVC_OK) {
        free(b.p);
        return send_status(conn, rc, &err);
    }
    return send_json(conn, &b);
}

/* /api/events/ID and /api/articles/ID */
static int route_one(struct mg_connection *conn, evc_store *st, const char *id, int event)
{
    long long n = 0;
    if (event) {
        size_t len = strlen(id);
        if (!len || len > 18 || strspn(id, "0123456789") != len)
            return send_error(conn, 400, "an event id is a positive whole number (the id of /api/events)");
        n = strtoll(id, NULL, 10);
    } else if (!*id || strlen(id) > 1024) {
        return send_error(conn, 400, "an article id is 1 to 1024 bytes");
    }
    body b = {0};
    evc_error err;
    memset(&err, 0, sizeof err);
    int found = 0;
    evc_status rc = event ? evc_store_event_json(st, n, body_write, &b, &found, &err)
                          : evc_store_article_json(st, id, body_write, &b, &found, &err);
    if (rc != EVC_OK || !found) {
        free(b.p);
        return rc != EVC_OK ? send_status(conn, rc, &err)
                            : send_error(conn, 404, event ? "no such event" : "no such article");
    }
    return send_json(conn, &b);
}

/* ---- Dispatch ------------------------------------------------------------------------ */

/* The worker's store, opened read-only on first use; NULL after sending 503. */
static evc_store *worker_store(struct mg_connection *conn, const server *srv)
{
    worker *w = mg_get_thread_pointer(conn);
    if (!w) {
        send_error(conn, 503, "no worker state");
        return NULL;
    }
    if (!w->st) {
        evc_error err;
        memset(&err, 0, sizeof err);
        if (evc_store_open_readonly(srv->db, &w->st, &err) != EVC_OK) {
            char msg[300];
            snprintf(msg, sizeof msg, "the store cannot be read: %s", err.msg[0] ? err.msg : "?");
            send_error(conn, 503, msg);
            return NULL;
        }
    }
    return w->st;
}

static int api(struct mg_connection *conn, const server *srv, const char *path, const char *qs)
{
    static const char *const NONE[] = {NULL};
    static const char *const ACTORS[] = {"prefix", "limit", NULL};
    static const char *const QUOTES[] = {"speaker", "text", "limit", "offset", NULL};
    int events = !strcmp(path, "events"), timeline = !strcmp(path, "timeline");
    int actors = !strcmp(path, "actors"), quotes = !strcmp(path, "quotes"), stats = !strcmp(path, "stats");
    int one_event = !strncmp(path, "events/", 7), one_article = !strncmp(path, "articles/", 9);
    if (!(events || timeline || actors || quotes || stats || one_event || one_article))
        return send_error(conn, 404, "no such route (see GET / or evcode serve --help)");
    params *p = malloc(sizeof *p);
    if (!p)
        return send_error(conn, 503, "out of memory");
    int rc;
    if (parse_params(qs, events || timeline ? FILTERS : actors ? ACTORS : quotes ? QUOTES : NONE, p)) {
        rc = send_error(conn, 400, p->why);
    } else {
        evc_store *st = worker_store(conn, srv);
        rc = !st          ? 503
             : events     ? route_events(conn, st, p)
             : timeline   ? route_timeline(conn, st, p)
             : actors     ? route_actors(conn, st, p)
             : quotes     ? route_quotes(conn, st, p)
             : stats      ? route_stats(conn, st)
             : one_event  ? route_one(conn, st, path + 7, 1)
                          : route_one(conn, st, path + 9, 0);
    }
    free(p);
    return rc;
}

static int begin_request(struct mg_connection *conn)
{
    const struct mg_request_info *ri = mg_get_request_info(conn);
    const server *srv = ri->user_data;
    const char *path = ri->local_uri ? ri->local_uri : "";
    if (strcmp(ri->request_method, "GET") != 0)
        return send_error(conn, 405, "only GET");
    if (!strcmp(path, "/") || !strcmp(path, "/index.html")) {
        if (ri->query_string && *ri->query_string)
            return send_error(conn, 400, "the dashboard takes no parameters");
        return respond(conn, 200, "text/html; charset=utf-8", (const char *)EVC_DASHBOARD, sizeof EVC_DASHBOARD);
    }
    if (!strncmp(path, "/api/", 5))
        return api(conn, srv, path + 5, ri->query_string);
    return send_error(conn, 404, "no such route (the API is under /api/; the dashboard is at /)");
}

static void *init_thread(const struct mg_context *ctx, int type)
{
    (void)ctx;
    return type == 1 ? calloc(1, sizeof(worker)) : NULL;
}

static void exit_thread(const struct mg_context *ctx, int type, void *ptr)
{
    (void)ctx;
    (void)type;
    worker *w = ptr;
    if (w) {
        evc_store_close(w->st);
        free(w);
    }
}

static int log_message(const struct mg_connection *conn, const char *msg)
{
    (void)conn;
    fprintf(stderr, "evcode serve: %s\n", msg);
    return 1;
}

/* ---- The command --------------------------------------------------------------------- */

typedef struct serve_args {
    const char *db, *bind;
    long port, threads;
} serve_args;

static int parse_long(const char *s, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

/* 0 to serve, 1 on a usage error (printed), 2 after --help. */
static int parse_serve_args(int argc, char **argv, serve_args *a)
{
    *a = (serve_args){.bind = "127.0.0.1", .port = 8080, .threads = 8};
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
            fputs(SERVE_USAGE, stdout);
            return 2;
        }
        int ok = v != NULL;
        if (ok && !strcmp(o, "--db"))
            a->db = v;
        else if (ok && !strcmp(o, "--bind"))
            ok = *v && strlen(v) < 64 && strspn(v, "0123456789abcdefABCDEF.:") == strlen(v), a->bind = v;
        else if (ok && !strcmp(o, "--port"))
            ok = !parse_long(v, 0, 65535, &a->port);
        else if (ok && !strcmp(o, "--threads"))
            ok = !parse_long(v, 1, 64, &a->threads);
        else
            ok = 0;
        if (!ok) {
            fprintf(stderr, "evcode serve: bad option or value: %s%s%s\n%s", o, v ? " " : "", v ? v : "", SERVE_USAGE);
            return 1;
        }
        i++;
    }
    if (!a->db) {
        fprintf(stderr, "evcode serve: --db FILE is required\n%s", SERVE_USAGE);
        return 1;
    }
    return 0;
}

/* Checks that the store can be read before listening. */
static int check_store(const char *db)
{
    evc_store *st = NULL;
    evc_error err;
    memset(&err, 0, sizeof err);
    if (evc_store_open_readonly(db, &st, &err) != EVC_OK) {
        fprintf(stderr, "evcode serve: %s: %s\n", db, err.msg[0] ? err.msg : "cannot open the store");
        return 1;
    }
    evc_store_close(st);
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    serve_args a;
    int prc = parse_serve_args(argc, argv, &a);
    if (prc)
        return prc == 2 ? 0 : 1;
    if (check_store(a.db))
        return 1;
    char ports[96], threads[16];
    snprintf(ports, sizeof ports, strchr(a.bind, ':') ? "[%s]:%ld" : "%s:%ld", a.bind, a.port);
    snprintf(threads, sizeof threads, "%ld", a.threads);
    const char *options[] = {"listening_ports", ports, "num_threads", threads, "request_timeout_ms", "30000",
                             "enable_keep_alive", "yes", NULL};
    /* SIGINT and SIGTERM are taken by sigwait below, not by any thread */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    struct mg_callbacks cb;
    memset(&cb, 0, sizeof cb);
    cb.begin_request = begin_request;
    cb.init_thread = init_thread;
    cb.exit_thread = exit_thread;
    cb.log_message = log_message;
    server srv = {a.db};
    mg_init_library(0);
    struct mg_context *ctx = mg_start(&cb, &srv, options);
    if (!ctx) {
        fprintf(stderr, "evcode serve: cannot listen on %s\n", ports);
        mg_exit_library();
        return 1;
    }
    struct mg_server_port sp[4];
    int np = mg_get_server_ports(ctx, 4, sp);
    printf("evcode serve: http://%s%s%s:%d/ (store %s)\n", strchr(a.bind, ':') ? "[" : "", a.bind,
           strchr(a.bind, ':') ? "]" : "", np > 0 ? sp[0].port : (int)a.port, a.db);
    fflush(stdout);
    int sig = 0;
    sigwait(&sigs, &sig);
    mg_stop(ctx);
    mg_exit_library();
    fprintf(stderr, "evcode serve: stopped (%s)\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    return 0;
}
