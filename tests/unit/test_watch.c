/* Watchlists (src/store_watch.c): adding and checking them, hits recorded
 * at commit for the events a batch touched (the same events as a query
 * with the same filters, once each), the delivery queue (claims, leases,
 * backoff, giving up), removal, the schema 2 -> 3 migration, and webhook
 * URLs. No network: the test plays the caller that POSTs. */
#define _POSIX_C_SOURCE 200809L
#include "doc_helpers.h"
#include "store.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static const char STORY[] =
    "France attacks Pakistan\n\n"
    "France attacked Pakistan on Monday, officials in Kabul said after a long night of talks.\n\n"
    "The United States criticized France on Tuesday for the attack and for the silence that followed it.\n\n"
    "Pakistan threatened to strike back against France if the attacks went on through the week.\n";

static const char MORE[] =
    "France again\n\n"
    "France attacked Pakistan again on Wednesday, officials said.\n";

static char dir[64];

static int put(evc_store *st, const char *id, const char *published, const char *text)
{
    evc_article a;
    memset(&a, 0, sizeof a);
    a.id = id;
    a.id_len = strlen(id);
    a.published = published;
    a.published_len = strlen(published);
    a.text = text;
    a.text_len = strlen(text);
    a.title_in_text = 1;
    evc_store_doc *sd = NULL;
    int rc = evc_doc_code(doc, &a, NULL) == EVC_OK && evc_store_doc_new(doc, &sd) == EVC_OK &&
                     evc_store_begin(st, NULL) == EVC_OK && evc_store_put(st, sd, NULL, NULL) == EVC_OK &&
                     evc_store_commit(st, NULL) == EVC_OK
                 ? 0
                 : -1;
    evc_store_doc_free(sd);
    return rc;
}

/* Event ids, summed and counted, of a query and of a watchlist's hits. */
typedef struct ids {
    long long sum;
    long n;
} ids;

static int add_row(void *user, const evc_event_row *r)
{
    ids *x = user;
    x->sum += r->id;
    x->n++;
    return 0;
}

static int add_hit(void *user, const evc_watch_hit *h)
{
    return add_row(user, &h->event);
}

static ids hits_of(evc_store *st, const char *name)
{
    ids x = {0, 0};
    evc_hit_query q;
    memset(&q, 0, sizeof q);
    q.watchlist = name;
    int found = 0;
    INT_EQ(evc_watch_hits(st, &q, add_hit, &x, &found, NULL), EVC_OK);
    OK(found);
    return x;
}

static long long scalar(evc_store *st, const char *sql)
{
    sqlite3_stmt *s = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

static void test_add(evc_store *st)
{
    static const char *const CODES[] = {"19", "13"};
    evc_watch w;
    memset(&w, 0, sizeof w);
    evc_error err;
    w.name = "bad name";
    INT_EQ(evc_watch_add(st, &w, &err), EVC_ERR_ARG);
    OK(strstr(err.msg, "letters, digits") != NULL);
    w.name = "fra-attacks";
    w.filter.actor = "FRA";
    w.filter.codes = CODES;
    w.filter.n_codes = 2;
    w.filter.code = "1x";
    INT_EQ(evc_watch_add(st, &w, &err), EVC_ERR_ARG);
    OK(strstr(err.msg, "1 to 4 digits") != NULL);   /* the message of query */
    w.filter.code = NULL;
    w.filter.from = "2024-01-01";
    INT_EQ(evc_watch_add(st, &w, &err), EVC_ERR_ARG);
    w.filter.from = NULL;
    w.webhook = "https://example.org/hook";
    INT_EQ(evc_watch_add(st, &w, &err), EVC_ERR_ARG);
    OK(strstr(err.msg, "not https://") != NULL);
    w.webhook = "http://127.0.0.1:9/hook?k=1";
    INT_EQ(evc_watch_add(st, &w, &err), EVC_OK);
    INT_EQ(evc_watch_add(st, &w, &err), EVC_ERR_ARG);
    OK(strstr(err.msg, "already") != NULL);
    /* no webhook, a place and a Goldstein bound */
    evc_watch p;
    memset(&p, 0, sizeof p);
    static const char *const PLACES[] = {"kabul"};
    p.name = "kabul";
    p.filter.places = PLACES;
    p.filter.n_places = 1;
    p.filter.use_goldstein_below = 1;
    p.filter.goldstein_below = -11;
    INT_EQ(evc_watch_add(st, &p, &err), EVC_ERR_ARG);
    p.filter.goldstein_below = 0;
    INT_EQ(evc_watch_add(st, &p, &err), EVC_OK);
    memset(&p, 0, sizeof p);
    p.name = "nothing";
    p.filter.actor = "ZZZ";
    p.webhook = "http://127.0.0.1:9/";
    INT_EQ(evc_watch_add(st, &p, &err), EVC_OK);
}

static void test_match(evc_store *st)
{
    OK(put(st, "a", "2024-03-05", STORY) == 0);
    ids h = hits_of(st, "fra-attacks"), q = {0, 0};
    static const char *const CODES[] = {"19", "13"};
    evc_query f;
    memset(&f, 0, sizeof f);
    f.actor = "FRA";
    f.codes = CODES;
    f.n_codes = 2;
    INT_EQ(evc_store_query(st, &f, add_row, &q, NULL), EVC_OK);
    OK(q.n >= 1);
    INT_EQ(h.n, q.n);
    INT_EQ(h.sum, q.sum);
    /* the place filter and the bound, as query has them */
    ids k = hits_of(st, "kabul"), kq = {0, 0};
    static const char *const PLACES[] = {"kabul"};
    memset(&f, 0, sizeof f);
    f.places = PLACES;
    f.n_places = 1;
    f.use_goldstein_below = 1;
    INT_EQ(evc_store_query(st, &f, add_row, &kq, NULL), EVC_OK);
    INT_EQ(k.n, kq.n);
    INT_EQ(k.sum, kq.sum);
    INT_EQ(hits_of(st, "nothing").n, 0);
    /* every hit of a watchlist with a webhook has a delivery */
    INT_EQ(scalar(st, "SELECT count(*) FROM watch_deliveries"), h.n);
    /* the same article again, and a copy whose mentions merge: no new hit */
    OK(put(st, "a", "2024-03-05", STORY) == 0);
    OK(put(st, "copy", "2024-03-05", STORY) == 0);
    OK(scalar(st, "SELECT max(num_mentions) FROM events") >= 1);
    INT_EQ(hits_of(st, "fra-attacks").n, h.n);
    /* a new event of another day is a new hit */
    OK(put(st, "b", "2024-03-07", MORE) == 0);
    INT_EQ(hits_of(st, "fra-attacks").n, h.n + 1);
    evc_watch_totals t;
    INT_EQ(evc_watch_totals_get(st, &t, NULL), EVC_OK);
    INT_EQ(t.watchlists, 3);
    INT_EQ(t.webhooks, 2);
    INT_EQ(t.pending, h.n + 1);
    INT_EQ(t.due, h.n + 1);
}

/* Fails every claimed delivery with a connection error. */
static void fail_all(evc_delivery *d, size_t n)
{
    for (size_t i = 0; i < n; i++)
        snprintf(d[i].error, sizeof d[i].error, "connection refused");
}

static void test_deliver(evc_store *st)
{
    long long pending = scalar(st, "SELECT count(*) FROM watch_deliveries WHERE state = 'pending'");
    evc_delivery *d = NULL;
    size_t n = 0;
    INT_EQ(evc_watch_claim(st, 100, &d, &n, NULL), EVC_OK);
    INT_EQ(n, pending);
    OK(n && d[0].attempt == 1 && !strcmp(d[0].watchlist, "fra-attacks") && strstr(d[0].url, "?k=1"));
    OK(n && strstr(d[0].body, "{\"watchlist\":\"fra-attacks\",\"hit\":") == d[0].body &&
       strstr(d[0].body, "\"event\":{\"id\":") && strstr(d[0].body, "\"mentions\":[") &&
       d[0].body[d[0].body_len - 1] == '\n');
    /* claimed: not due while the lease runs, not even after a retry */
    evc_delivery *e = NULL;
    size_t m = 9;
    INT_EQ(evc_watch_retry(st, 1, &m, NULL), EVC_OK);
    INT_EQ(m, 0);
    INT_EQ(evc_watch_claim(st, 100, &e, &m, NULL), EVC_OK);
    INT_EQ(m, 0);
    OK(e == NULL);
    fail_all(d, n);
    INT_EQ(evc_watch_settle(st, d, n, NULL), EVC_OK);
    evc_deliveries_free(d, n);
    /* failed once: retried 5 s later, so not due now, unless made due */
    INT_EQ(scalar(st, "SELECT count(*) FROM watch_deliveries WHERE attempts = 1 AND last_error = 'connection refused'"
                      " AND next_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"),
           pending);
    INT_EQ(evc_watch_claim(st, 100, &d, &n, NULL), EVC_OK);
    INT_EQ(n, 0);
    INT_EQ(evc_watch_retry(st, 0, &m, NULL), EVC_OK);
    INT_EQ(m, pending);
    INT_EQ(evc_watch_claim(st, 100, &d, &n, NULL), EVC_OK);
    INT_EQ(n, pending);
    OK(n && d[0].attempt == 2);
    fail_all(d, n);
    INT_EQ(evc_watch_settle(st, d, n, NULL), EVC_OK);
    evc_deliveries_free(d, n);
    /* the backoff doubles: 5 s after the first failure, 10 s after the second */
    INT_EQ(scalar(st, "SELECT count(*) FROM watch_attempts a JOIN watch_deliveries d ON d.id = a.delivery"
                      " WHERE a.attempt = 2 AND a.error = 'connection refused'"
                      " AND unixepoch(d.next_at) - unixepoch(a.finished) = 10"),
           pending);
    /* delivered */
    INT_EQ(evc_watch_retry(st, 0, &m, NULL), EVC_OK);
    INT_EQ(evc_watch_claim(st, 1, &d, &n, NULL), EVC_OK);
    INT_EQ(n, 1);
    if (n)
        d[0].status = 204;
    INT_EQ(evc_watch_settle(st, d, n, NULL), EVC_OK);
    evc_deliveries_free(d, n);
    INT_EQ(scalar(st, "SELECT count(*) FROM watch_deliveries WHERE state = 'delivered' AND attempts = 3"
                      " AND last_status = 204 AND delivered_at IS NOT NULL"),
           1);
    /* a 500 is a failure; after the 20th attempt the delivery is given up */
    sqlite3_exec(st->db, "UPDATE watch_deliveries SET attempts = 19 WHERE state = 'pending'", NULL, NULL, NULL);
    INT_EQ(evc_watch_claim(st, 100, &d, &n, NULL), EVC_OK);
    INT_EQ(n, pending - 1);
    for (size_t i = 0; i < n; i++)
        d[i].status = 500;
    INT_EQ(evc_watch_settle(st, d, n, NULL), EVC_OK);
    evc_deliveries_free(d, n);
    INT_EQ(scalar(st, "SELECT count(*) FROM watch_deliveries WHERE state = 'failed' AND last_error = 'HTTP status 500'"),
           pending - 1);
    INT_EQ(evc_watch_retry(st, 0, &m, NULL), EVC_OK);
    INT_EQ(m, 0);
    /* one more attempt for those given up */
    INT_EQ(evc_watch_retry(st, 1, &m, NULL), EVC_OK);
    INT_EQ(m, pending - 1);
    INT_EQ(evc_watch_claim(st, 100, &d, &n, NULL), EVC_OK);
    INT_EQ(n, pending - 1);
    OK(n && d[0].attempt == 21);
    fail_all(d, n);
    INT_EQ(evc_watch_settle(st, d, n, NULL), EVC_OK);
    evc_deliveries_free(d, n);
    INT_EQ(scalar(st, "SELECT count(*) FROM watch_deliveries WHERE state = 'failed'"), pending - 1);
}

static int count_watch(void *user, const evc_watch_info *w)
{
    long *n = user;
    (*n)++;
    if (!strcmp(w->watch.name, "fra-attacks")) {
        OK(w->watch.filter.n_actors == 1 && !strcmp(w->watch.filter.actors[0], "FRA"));
        OK(w->watch.filter.n_codes == 2 && !strcmp(w->watch.filter.codes[1], "13"));
        OK(w->hits >= 2 && w->unseen == w->hits && w->delivered == 1 && w->failed == w->hits - 1);
    }
    return 0;
}

static void test_list_remove(evc_store *st)
{
    long n = 0;
    INT_EQ(evc_watch_list(st, count_watch, &n, NULL), EVC_OK);
    INT_EQ(n, 3);
    char *out = NULL;
    INT_EQ(evc_watch_list_json(st, 0, 0, collect, &out, NULL), EVC_OK);
    /* the API shows a webhook's origin, not its path (which may be a secret) */
    OK(out && strstr(out, "\"webhook\":\"http://127.0.0.1:9\"") && !strstr(out, "?k=1"));
    free(out);
    out = NULL;
    evc_hit_query q;
    memset(&q, 0, sizeof q);
    q.watchlist = "fra-attacks";
    q.limit = 1;
    int found;
    INT_EQ(evc_watch_hits_json(st, &q, 0, collect, &out, &found, NULL), EVC_OK);
    OK(found && out && strstr(out, "\"count\":1,\"more\":true") && strstr(out, "\"delivery\":"));
    free(out);
    /* read the unseen and mark them: nothing unseen after that */
    q.unseen = q.mark = 1;
    q.limit = 0;
    ids x = {0, 0};
    INT_EQ(evc_watch_hits(st, &q, add_hit, &x, &found, NULL), EVC_OK);
    INT_EQ(x.n, scalar(st, "SELECT count(*) FROM watch_hits h JOIN watchlists w ON w.id = h.watchlist"
                           " WHERE w.name = 'fra-attacks'"));
    x.n = 0;
    INT_EQ(evc_watch_hits(st, &q, add_hit, &x, &found, NULL), EVC_OK);
    INT_EQ(x.n, 0);
    q.watchlist = "missing";
    INT_EQ(evc_watch_hits(st, &q, add_hit, &x, &found, NULL), EVC_OK);
    INT_EQ(found, 0);
    INT_EQ(evc_watch_remove(st, "fra-attacks", &found, NULL), EVC_OK);
    INT_EQ(found, 1);
    INT_EQ(evc_watch_remove(st, "fra-attacks", &found, NULL), EVC_OK);
    INT_EQ(found, 0);
    /* its hits, deliveries and attempts went with it */
    INT_EQ(scalar(st, "SELECT count(*) FROM watch_deliveries"), 0);
    INT_EQ(scalar(st, "SELECT count(*) FROM watch_attempts"), 0);
}

/* A store of schema 2 (no watch tables) is brought up to 3 when opened for
 * writing, and can be read (with no watchlists) before. */
static void test_migration(void)
{
    char path[128];
    snprintf(path, sizeof path, "%s/old.db", dir);
    evc_store *st = NULL;
    INT_EQ(evc_store_open(path, &st, NULL), EVC_OK);
    if (!st)
        return;
    OK(put(st, "a", "2024-03-05", STORY) == 0);
    sqlite3_exec(st->db,
                 "DROP TABLE watch_attempts; DROP TABLE watch_deliveries; DROP TABLE watch_hits; DROP TABLE watchlists;"
                 "UPDATE meta SET value = '2' WHERE key = 'schema'",
                 NULL, NULL, NULL);
    evc_store_close(st);
    INT_EQ(evc_store_open_readonly(path, &st, NULL), EVC_OK);
    evc_watch_totals t;
    INT_EQ(evc_watch_totals_get(st, &t, NULL), EVC_OK);
    INT_EQ(t.watchlists, 0);
    long n = 0;
    INT_EQ(evc_watch_list(st, count_watch, &n, NULL), EVC_OK);
    INT_EQ(n, 0);
    evc_store_close(st);
    INT_EQ(evc_store_open(path, &st, NULL), EVC_OK);
    INT_EQ(scalar(st, "SELECT value FROM meta WHERE key = 'schema'"), 3);
    INT_EQ(scalar(st, "SELECT count(*) FROM watchlists"), 0);
    evc_store_close(st);
}

static void test_urls(void)
{
    evc_http_url u;
    evc_error err;
    INT_EQ(evc_webhook_parse("http://127.0.0.1:8080/a/b?c=d", &u, NULL), EVC_OK);
    STR_EQ(u.host, "127.0.0.1");
    STR_EQ(u.port, "8080");
    STR_EQ(u.path, "/a/b?c=d");
    INT_EQ(evc_webhook_parse("HTTP://hooks.example.org?x=1", &u, NULL), EVC_OK);
    STR_EQ(u.host, "hooks.example.org");
    STR_EQ(u.port, "80");
    STR_EQ(u.path, "/?x=1");
    INT_EQ(evc_webhook_parse("http://[::1]:9000", &u, NULL), EVC_OK);
    STR_EQ(u.host, "::1");
    STR_EQ(u.port, "9000");
    STR_EQ(u.path, "/");
    static const char *const BAD[] = {"https://x/",   "ftp://x",         "x.org/hook",      "http://",
                                      "http://:80/",  "http://x:0/",     "http://x:65536/", "http://x:8a/",
                                      "http://u@x/",  "http://x/a b",    "http://x/#f",     "http://[zz]/",
                                      "http://[::1]x/", "http://x/\xc3\xa9", "://x"};
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
        err.msg[0] = '\0';
        INT_EQ(evc_webhook_parse(BAD[i], &u, &err), EVC_ERR_ARG);
        OK(err.msg[0] != '\0');
    }
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/evc-test-watch-XXXXXX");
    if (!mkdtemp(dir) || setup() != 0) {
        fprintf(stderr, "setup failed\n");
        return 1;
    }
    char path[128];
    snprintf(path, sizeof path, "%s/w.db", dir);
    evc_store *st = NULL;
    INT_EQ(evc_store_open(path, &st, NULL), EVC_OK);
    if (st) {
        test_add(st);
        test_match(st);
        test_deliver(st);
        test_list_remove(st);
        evc_store_close(st);
    }
    test_migration();
    test_urls();
    teardown();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    DONE();
}
