/* Webhook deliveries of watchlists (evcode.h, "Watchlists and alerts"):
 * the HTTP POST client (webhook.c) and the loops that drain a store's
 * delivery queue (deliver.c): once (`evcode watch deliver`), in a thread
 * during an ingest and in one during `evcode serve`. */
#ifndef EVC_CLI_WEBHOOK_H
#define EVC_CLI_WEBHOOK_H
#include "evcode.h"
#include <stddef.h>
#include <stdio.h>

enum {
    WEBHOOK_CONNECT_MS = 2000,  /* at most this long to connect */
    WEBHOOK_TIMEOUT_MS = 5000   /* at most this long for a whole POST */
};
/* Seconds an ingest (or a stopping server) keeps delivering what is due
 * after its last batch; what is left stays pending in the store. */
#define DELIVER_GRACE 2.0

/* The current deadline of a delivery loop on the CLOCK_MONOTONIC clock in
 * seconds (0: none); it may come closer while a POST runs (a stop). */
typedef double (*deliver_deadline_fn)(void *user);

/* POSTs body[0..len) as JSON to the http:// URL `url`, with `headers`
 * (more header lines, each ending in CRLF; may be NULL), in at most
 * timeout_ms (connecting in at most WEBHOOK_CONNECT_MS of it) and never
 * past deadline(user) (deadline may be NULL), which it asks every 100 ms.
 * Returns the response's HTTP status, or 0 with why[0..cap) saying what
 * failed. Raises no SIGPIPE; thread-safe. Name resolution is the system
 * resolver's and is not bounded by the timeouts. */
int webhook_post(const char *url, const char *headers, const char *body, size_t len, int timeout_ms,
                 deliver_deadline_fn deadline, void *user, char *why, size_t cap);

typedef struct deliver_counts {
    size_t delivered, failed;   /* attempts that succeeded, that failed */
} deliver_counts;

/* Claims and POSTs the due deliveries of st (16 at a time) until none is
 * due or the deadline passes, adding to *c. A failed attempt is rescheduled
 * by the store (backoff), so the loop ends. 0, or -1 with err filled on a
 * database error. */
int deliver_due(evc_store *st, deliver_deadline_fn deadline, void *user, deliver_counts *c, evc_error *err);

/* A thread that delivers the due deliveries of the SQLite store at `db`
 * every poll_s seconds and when kicked. It opens the store read-only to
 * look, and for writing only once something is due, so a store without
 * webhooks is never written. A database error is printed on stderr, after
 * `who:`, the first time; the thread tries again at the next look. NULL
 * when it cannot start. */
typedef struct deliverer deliverer;
deliverer *deliverer_start(const char *db, double poll_s, const char *who);
/* Something may have become due (a batch committed): look now. */
void deliverer_kick(deliverer *d);
/* Keeps delivering what is due for at most `grace` seconds (an attempt
 * under way is cut off then), stops the thread and frees d; adds its
 * counts to *c (may be NULL). d may be NULL. */
void deliverer_stop(deliverer *d, double grace, deliver_counts *c);

/* The deliveries of an ingest (`ingest` and `code --db`) into `db`, whose
 * store the caller holds in st: started after opening (NULL when no
 * watchlist has a webhook), kicked after each batch, finished at the end:
 * a thread for SQLite; for PostgreSQL (whose working copy cannot be shared)
 * the deliveries due at the end, on the caller's store, within
 * DELIVER_GRACE. `report` (may be NULL) gets one line of counts. */
typedef struct ingest_watch ingest_watch;
ingest_watch *ingest_watch_start(const char *db, evc_store *st);
void ingest_watch_kick(ingest_watch *w);
void ingest_watch_finish(ingest_watch *w, evc_store *st, FILE *report);
#endif
