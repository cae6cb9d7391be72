/*
 * `evcode serve`: a JSON API over a store and a dashboard page, on civetweb
 * (Debian's libcivetweb). Parses arguments and requests, calls the public
 * API (evcode.h) and writes responses.
 *
 * Each civetweb worker thread opens the store read-only on its first
 * request and keeps it until the server stops (evc_store is one thread's at
 * a time); SQLite's WAL lets an `evcode ingest` write meanwhile, and every
 * response is read in one transaction. Requests are parsed by http.c with
 * fixed limits: any malformed or unknown parameter gets a 400 with a JSON
 * error, never a crash; so do civetweb's own errors (http_error below).
 */
#define _POSIX_C_SOURCE 200809L
#include "serve.h"
#include "evcode.h"
#include "http.h"
#include <civetweb.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
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
    "  GET /v1/events         ?actor=&code=&from=&to=&text=&limit=&offset=\n"
    "                         merged events (filters as for evcode query)\n"
    "  GET /v1/events/ID      one event with every mention (article, sentence)\n"
    "  GET /v1/articles/ID    an article: metadata, text, links, mentions, quotes\n"
    "  GET /v1/stats          counts of the store\n"
    "  GET /v1/actors         ?prefix=&limit=  actors, most mentioned first\n"
    "  GET /v1/quotes         ?speaker=&text=&limit=&offset=\n"
    "  GET /v1/timeline       ?actor=&code=&from=&to=&text=&by=day|week|month\n"
    "                         events, mentions and mean Goldstein per period\n"
    "/api/... is an alias of /v1/.... Bad parameters and malformed or oversized\n"
    "requests get 4xx, unknown routes 404, all with {\"error\": ...}.\n";

typedef struct server {
    const char *db;
} server;

/* One per civetweb worker thread (init_thread / exit_thread). */
typedef struct worker {
    evc_store *st;
} worker;

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
    http_body b = {0};
    http_puts(&b, "{\"error\":");
    http_json_str(&b, msg);
    http_printf(&b, ",\"status\":%d}\n", status);
    int rc = b.oom ? respond(conn, 500, "application/json", "{\"error\":\"out of memory\"}\n", 26)
                   : respond(conn, status, "application/json", b.p, b.len);
    free(b.p);
    return rc;
}

static int send_json(struct mg_connection *conn, http_body *b)
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

/* ---- Routes ------------------------------------------------------------------------ */

typedef struct list {
    http_body *b;
    size_t n, limit;
    int more;
} list;

static int event_row(void *user, const evc_event_row *r)
{
    list *l = user;
    http_body *b = l->b;
    if (l->n == l->limit) {
        l->more = 1;
        return 1;
    }
    http_puts(b, l->n++ ? ",{\"id\":" : "{\"id\":");
    http_printf(b, "%lld,\"day\":", r->id);
    http_json_str(b, r->day && *r->day ? r->day : NULL);
    http_puts(b, ",\"source\":");
    http_json_str(b, r->source && *r->source ? r->source : NULL);
    http_puts(b, ",\"source_name\":");
    http_json_str(b, r->source_name);
    http_puts(b, ",\"target\":");
    http_json_str(b, r->target);
    http_puts(b, ",\"target_name\":");
    http_json_str(b, r->target_name);
    http_puts(b, ",\"code\":");
    http_json_str(b, r->code);
    http_printf(b, ",\"quad_class\":%d,\"goldstein\":%.1f,\"num_mentions\":%ld,\"num_sources\":%ld,\"num_articles\":%ld",
            r->quad_class, r->goldstein, r->num_mentions, r->num_sources, r->num_articles);
    http_puts(b, ",\"article\":");
    http_json_str(b, r->article);
    http_puts(b, ",\"sentence\":");
    http_json_str(b, r->sentence);
    http_puts(b, ",\"location\":");
    http_json_str(b, r->location);
    http_puts(b, "}");
    return b->oom;
}

/* The filters of /v1/events and /v1/timeline into q. */
static void fill_query(const http_request *r, evc_query *q)
{
    memset(q, 0, sizeof *q);
    q->actor = http_param(r, "actor");
    q->code = http_param(r, "code");
    q->from = http_param(r, "from");
    q->to = http_param(r, "to");
    q->text = http_param(r, "text");
}

static int route_events(struct mg_connection *conn, evc_store *st, const http_request *r)
{
    evc_query q;
    fill_query(r, &q);
    size_t limit = r->limit, offset = r->offset;
    q.limit = limit + 1;   /* one more: whether there are more */
    q.offset = offset;
    http_body b = {0};
    list l = {&b, 0, limit, 0};
    http_puts(&b, ",\"events\":[");
    evc_error err;
    memset(&err, 0, sizeof err);
    evc_status rc = evc_store_query(st, &q, event_row, &l, &err);
    if (rc != EVC_OK && !(rc == EVC_ERR_ABORT && l.more && !b.oom)) {
        free(b.p);
        return b.oom ? send_error(conn, 500, "out of memory") : send_status(conn, rc, &err);
    }
    http_puts(&b, "]}\n");
    http_body whole = {0};
    http_printf(&whole, "{\"offset\":%zu,\"limit\":%zu,\"count\":%zu,\"more\":%s", offset, limit, l.n,
            l.more ? "true" : "false");
    http_put(&whole, b.p ? b.p : "", b.len);
    whole.oom |= b.oom;
    free(b.p);
    return send_json(conn, &whole);
}

/* ---- the timeline: events of the filter, aggregated by day, week or month */

typedef struct tl_state {
    http_body *b;
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
    http_puts(t->b, t->buckets++ ? ",{\"period\":" : "{\"period\":");
    http_json_str(t->b, t->key);
    http_printf(t->b, ",\"events\":%zu,\"mentions\":%ld,\"goldstein\":%.2f}", t->n, t->mentions,
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

static int route_timeline(struct mg_connection *conn, evc_store *st, const http_request *r)
{
    evc_query q;
    fill_query(r, &q);
    http_body b = {0};
    tl_state t = {.b = &b, .by = r->by};
    http_printf(&b, "{\"by\":\"%s\",\"buckets\":[", r->by == 'm' ? "month" : r->by == 'w' ? "week" : "day");
    evc_error err;
    memset(&err, 0, sizeof err);
    evc_status rc = evc_store_query(st, &q, timeline_row, &t, &err);
    if (rc != EVC_OK) {
        free(b.p);
        return b.oom ? send_error(conn, 500, "out of memory") : send_status(conn, rc, &err);
    }
    close_bucket(&t);
    http_printf(&b, "],\"undated\":%zu}\n", t.undated);
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
    http_body b = {0};
    http_printf(&b,
            "{\"articles\":%zu,\"duplicates\":%zu,\"links\":%zu,\"events\":%zu,\"mentions\":%zu,\"quotes\":%zu,"
            "\"actors\":%zu}\n",
            s.articles, s.duplicates, s.links, s.events, s.mentions, s.quotes, s.actors);
    return send_json(conn, &b);
}

static int route_actors(struct mg_connection *conn, evc_store *st, const http_request *r)
{
    http_body b = {0};
    evc_error err;
    memset(&err, 0, sizeof err);
    evc_status rc = evc_store_actors_json(st, http_param(r, "prefix"), r->limit, http_body_write, &b, &err);
    if (rc != EVC_OK) {
        free(b.p);
        return send_status(conn, rc, &err);
    }
    return send_json(conn, &b);
}

static int route_quotes(struct mg_connection *conn, evc_store *st, const http_request *r)
{
    http_body b = {0};
    evc_error err;
    memset(&err, 0, sizeof err);
    evc_status rc =
        evc_store_quotes_json(st, http_param(r, "speaker"), http_param(r, "text"), r->limit, r->offset, http_body_write, &b, &err);
    if (rc != EVC_OK) {
        free(b.p);
        return send_status(conn, rc, &err);
    }
    return send_json(conn, &b);
}

/* /v1/events/ID and /v1/articles/ID */
static int route_one(struct mg_connection *conn, evc_store *st, const http_request *r)
{
    int event = r->route == HTTP_EVENT;
    http_body b = {0};
    evc_error err;
    memset(&err, 0, sizeof err);
    int found = 0;
    evc_status rc = event ? evc_store_event_json(st, r->event, http_body_write, &b, &found, &err)
                          : evc_store_article_json(st, r->article, http_body_write, &b, &found, &err);
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

static int run_route(struct mg_connection *conn, const server *srv, const http_request *r)
{
    if (r->route == HTTP_DASHBOARD)
        return respond(conn, 200, "text/html; charset=utf-8", (const char *)EVC_DASHBOARD, sizeof EVC_DASHBOARD);
    evc_store *st = worker_store(conn, srv);
    if (!st)
        return 503;
    switch (r->route) {
    case HTTP_EVENTS:
        return route_events(conn, st, r);
    case HTTP_TIMELINE:
        return route_timeline(conn, st, r);
    case HTTP_ACTORS:
        return route_actors(conn, st, r);
    case HTTP_QUOTES:
        return route_quotes(conn, st, r);
    case HTTP_STATS:
        return route_stats(conn, st);
    default:
        return route_one(conn, st, r);
    }
}

static int begin_request(struct mg_connection *conn)
{
    const struct mg_request_info *ri = mg_get_request_info(conn);
    http_request *r = malloc(sizeof *r);   /* 4 KB of query string: not on a worker's stack */
    if (!r)
        return send_error(conn, 503, "out of memory");
    int status = http_parse(ri->request_method, ri->local_uri, ri->query_string, r);
    int rc = status ? send_error(conn, status, r->why) : run_route(conn, ri->user_data, r);
    free(r);
    return rc;
}

/* civetweb's own errors (a request line or headers too long or malformed,
 * a method it does not know) answered as JSON like ours. */
static int http_error(struct mg_connection *conn, int status, const char *msg)
{
    if (status == 400 && msg && !strcmp(msg, "Malformed message"))
        msg = "malformed request, or its request line and headers are longer than 16 KB";
    send_error(conn, status, msg && *msg ? msg : "bad request");
    return 0;
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
    /* tcp_nodelay: a response goes out as two writes (headers, body); with
     * Nagle's algorithm the body waited for the client's delayed ACK of the
     * headers, 40 ms per request on a kept-alive connection */
    const char *options[] = {"listening_ports", ports, "num_threads", threads, "request_timeout_ms", "30000",
                             "enable_keep_alive", "yes", "max_request_size", "16384", "tcp_nodelay", "1", NULL};
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
    cb.http_error = http_error;
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
