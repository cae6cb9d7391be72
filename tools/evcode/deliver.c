/*
 * Draining a store's webhook deliveries (see webhook.h). The store keeps
 * the queue (evc_watch_claim / evc_watch_settle); here deliveries are
 * POSTed, outside any transaction, so a slow or dead receiver holds up
 * nothing but this loop.
 *
 * During an ingest into SQLite a thread with its own store handles does
 * it: the ingest's batches never wait for a POST, and SQLite's locking
 * lets the thread's short bookkeeping transactions in between batches. A
 * PostgreSQL store is a working copy per handle (store_pg.c), whose
 * writes from a second handle would refuse the ingest's next batch, so
 * there the deliveries due at the end are made on the ingest's own handle.
 */
#define _POSIX_C_SOURCE 200809L
#include "webhook.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double mono_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Whether the loop's deadline has passed, or is too close (50 ms) to start
 * a POST. */
static int past(deliver_deadline_fn deadline, void *user)
{
    double until = deadline ? deadline(user) : 0;
    return until > 0 && mono_s() + 0.05 >= until;
}

int deliver_due(evc_store *st, deliver_deadline_fn deadline, void *user, deliver_counts *c, evc_error *err)
{
    /* claims a few at a time: what the deadline cuts off is released */
    while (!past(deadline, user)) {
        evc_delivery *d = NULL;
        size_t n = 0;
        if (evc_watch_claim(st, 4, &d, &n, err) != EVC_OK)
            return -1;
        if (!n)
            return 0;
        for (size_t i = 0; i < n; i++) {
            if (past(deadline, user)) {
                d[i].not_attempted = 1;
                continue;
            }
            char headers[256];
            snprintf(headers, sizeof headers,
                     "X-Evcode-Watchlist: %s\r\nX-Evcode-Delivery: %lld\r\nX-Evcode-Attempt: %d\r\n", d[i].watchlist,
                     d[i].id, d[i].attempt);
            d[i].status = webhook_post(d[i].url, headers, d[i].body, d[i].body_len, WEBHOOK_TIMEOUT_MS, deadline, user,
                                       d[i].error, sizeof d[i].error);
            if (d[i].status >= 200 && d[i].status <= 299)
                c->delivered++;
            else
                c->failed++;
        }
        int rc = evc_watch_settle(st, d, n, err) == EVC_OK ? 0 : -1;
        evc_deliveries_free(d, n);
        if (rc)
            return -1;
    }
    return 0;
}

/* ---- The thread ------------------------------------------------------------ */

struct deliverer {
    char *db;
    const char *who;     /* prefix of the error messages */
    double poll_s;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int kicked, stopping;
    double deadline;     /* when stopping: the end of the grace */
    deliver_counts counts;
    int reported;        /* a database error was printed */
};

static double thread_deadline(void *user)
{
    deliverer *d = user;
    pthread_mutex_lock(&d->mu);
    double t = d->stopping ? d->deadline : 0;
    pthread_mutex_unlock(&d->mu);
    return t;
}

/* One look: opens the store read-only (once) to count what is due, and for
 * writing (once) when something is, and delivers it. Returns the attempts
 * made, or -1 on a database error (printed the first time). */
static long look(deliverer *d, evc_store **ro, evc_store **rw)
{
    size_t due = 0;
    evc_error err;
    memset(&err, 0, sizeof err);
    size_t before = d->counts.delivered + d->counts.failed;
    if ((!*ro && evc_store_open_readonly(d->db, ro, &err) != EVC_OK) || evc_watch_due(*ro, &due, &err) != EVC_OK ||
        (due && ((!*rw && evc_store_open(d->db, rw, &err) != EVC_OK) ||
                 deliver_due(*rw, thread_deadline, d, &d->counts, &err)))) {
        if (!d->reported++)
            fprintf(stderr, "%s: webhook deliveries: %s (retried every %.0f s)\n", d->who,
                    err.msg[0] ? err.msg : "database error", d->poll_s);
        return -1;
    }
    return (long)(d->counts.delivered + d->counts.failed - before);
}

static void *run(void *arg)
{
    deliverer *d = arg;
    evc_store *ro = NULL, *rw = NULL;
    for (;;) {
        pthread_mutex_lock(&d->mu);
        if (!d->kicked && !d->stopping) {
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            double s = (double)until.tv_sec + (double)until.tv_nsec / 1e9 + d->poll_s;
            until.tv_sec = (time_t)s;
            until.tv_nsec = (long)((s - (double)until.tv_sec) * 1e9);
            pthread_cond_timedwait(&d->cv, &d->mu, &until);
        }
        int stopping = d->stopping;
        d->kicked = 0;
        pthread_mutex_unlock(&d->mu);
        long made = look(d, &ro, &rw);
        if (made < 0) {
            /* a store that cannot be read now may be later (a server may
             * start before the store has watchlists): look again */
            evc_store_close(ro);
            evc_store_close(rw);
            ro = rw = NULL;
        }
        if (stopping && (made <= 0 || mono_s() >= thread_deadline(d)))
            break;
    }
    evc_store_close(ro);
    evc_store_close(rw);
    return NULL;
}

deliverer *deliverer_start(const char *db, double poll_s, const char *who)
{
    deliverer *d = calloc(1, sizeof *d);
    if (!d || !(d->db = malloc(strlen(db) + 1))) {
        free(d);
        return NULL;
    }
    strcpy(d->db, db);
    d->poll_s = poll_s;
    d->who = who;
    pthread_mutex_init(&d->mu, NULL);
    pthread_cond_init(&d->cv, NULL);
    if (pthread_create(&d->thread, NULL, run, d) != 0) {
        pthread_mutex_destroy(&d->mu);
        pthread_cond_destroy(&d->cv);
        free(d->db);
        free(d);
        return NULL;
    }
    return d;
}

void deliverer_kick(deliverer *d)
{
    if (!d)
        return;
    pthread_mutex_lock(&d->mu);
    d->kicked = 1;
    pthread_cond_signal(&d->cv);
    pthread_mutex_unlock(&d->mu);
}

void deliverer_stop(deliverer *d, double grace, deliver_counts *c)
{
    if (!d)
        return;
    pthread_mutex_lock(&d->mu);
    d->stopping = 1;
    d->deadline = mono_s() + grace;
    pthread_cond_signal(&d->cv);
    pthread_mutex_unlock(&d->mu);
    pthread_join(d->thread, NULL);
    if (c) {
        c->delivered += d->counts.delivered;
        c->failed += d->counts.failed;
    }
    pthread_mutex_destroy(&d->mu);
    pthread_cond_destroy(&d->cv);
    free(d->db);
    free(d);
}

/* ---- An ingest's deliveries ------------------------------------------------------ */

struct ingest_watch {
    deliverer *thread;       /* SQLite */
    int inline_pg;           /* PostgreSQL: at the end, on the ingest's store */
    evc_watch_totals before;
};

ingest_watch *ingest_watch_start(const char *db, evc_store *st)
{
    evc_watch_totals t;
    if (evc_watch_totals_get(st, &t, NULL) != EVC_OK || !t.watchlists)
        return NULL;
    ingest_watch *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->before = t;
    w->inline_pg = strstr(db, "://") != NULL;
    if (t.webhooks && !w->inline_pg)
        w->thread = deliverer_start(db, 1.0, "evcode");
    return w;
}

void ingest_watch_kick(ingest_watch *w)
{
    if (w)
        deliverer_kick(w->thread);
}

static double fixed_deadline(void *user)
{
    return *(const double *)user;
}

void ingest_watch_finish(ingest_watch *w, evc_store *st, FILE *report)
{
    if (!w)
        return;
    deliver_counts c = {0, 0};
    deliverer_stop(w->thread, DELIVER_GRACE, &c);
    evc_watch_totals t;
    evc_error err;
    memset(&err, 0, sizeof err);
    size_t due = 0;
    if (w->inline_pg && w->before.webhooks && evc_watch_due(st, &due, &err) == EVC_OK && due) {
        double until = mono_s() + DELIVER_GRACE;
        if (deliver_due(st, fixed_deadline, &until, &c, &err))
            fprintf(stderr, "evcode: webhook deliveries: %s\n", err.msg);
    }
    if (report && evc_watch_totals_get(st, &t, NULL) == EVC_OK) {
        fprintf(report, "watch: %zu new hits (%zu watchlist%s)", t.hits - w->before.hits, t.watchlists,
                t.watchlists == 1 ? "" : "s");
        if (t.webhooks)
            fprintf(report, "; webhooks: %zu delivered, %zu attempts failed, %zu pending, %zu failed for good",
                    c.delivered, c.failed, t.pending, t.failed);
        fputc('\n', report);
    }
    free(w);
}
