/*
 * Aggregations of the event listing for `evcode serve` (aggregate.c): the
 * timeline (events, mentions and mean Goldstein per day, week or month,
 * optionally events per CAMEO root code) and the dyads (source and target
 * pairs with their counts). Each is fed the rows of evc_store_query() in
 * its order (day first) and writes its JSON into an http_body. No store and
 * no socket here.
 */
#ifndef EVCODE_AGGREGATE_H
#define EVCODE_AGGREGATE_H
#include "evcode.h"
#include "http.h"

/* ---- The timeline ---- */

enum { AGG_ROOTS = 100 };   /* CAMEO root codes are two digits: 01..20 */

typedef struct agg_timeline {
    http_body *b;           /* the buckets are written here as they close */
    char by;                /* 'd', 'w' or 'm' */
    int group_root;         /* count events per root code in each bucket */
    char key[11];           /* the open bucket's period */
    size_t n, buckets, undated;
    long mentions;
    double goldstein;
    size_t root[AGG_ROOTS]; /* the open bucket's events per root */
    size_t seen[AGG_ROOTS]; /* every bucket's */
} agg_timeline;

/* Starts a timeline into b: writes {"by":...,"buckets":[ */
void agg_timeline_begin(agg_timeline *t, http_body *b, char by, int group_root);
/* An evc_event_row_fn: user is the agg_timeline. Non-zero once b is out of memory. */
int agg_timeline_row(void *user, const evc_event_row *r);
/* Closes the last bucket and the object. */
void agg_timeline_end(agg_timeline *t);

/* ---- Dyads ---- */

typedef struct agg_dyad {
    char *source, *target;  /* owned */
    size_t events;
    long mentions;
    double goldstein;       /* the sum; the mean is written */
} agg_dyad;

typedef struct agg_dyads {
    agg_dyad *d;
    size_t n, cap;          /* cap is a power of two; d is the hash table */
    size_t no_target;       /* events without a target: no dyad */
    int oom;
} agg_dyads;

/* An evc_event_row_fn: user is a zeroed agg_dyads. Non-zero when out of memory. */
int agg_dyads_row(void *user, const evc_event_row *r);
/* Writes {"offset","limit","count","more","total","no_target","dyads":[...]}
 * into b: the dyads by events, then mentions (most first), then source and
 * target; `limit` of them from `offset`. Reorders d->d. */
void agg_dyads_json(agg_dyads *d, size_t limit, size_t offset, http_body *b);
void agg_dyads_free(agg_dyads *d);
#endif
