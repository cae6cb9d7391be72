/*
 * The timeline and the dyads of `evcode serve` (see aggregate.h), from the
 * rows of evc_store_query(). The timeline streams: rows come in day order,
 * so a bucket is written when the period changes. The dyads are counted in
 * an open-addressing hash table (linear probing, at most half full) and
 * sorted once at the end: O(events + dyads log dyads).
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "aggregate.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- The timeline ---- */

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

/* The index of a code's root (its first two digits), -1 when it has none. */
static int root_of(const char *code)
{
    if (!code || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9')
        return -1;
    return (code[0] - '0') * 10 + code[1] - '0';
}

void agg_timeline_begin(agg_timeline *t, http_body *b, char by, int group_root)
{
    memset(t, 0, sizeof *t);
    t->b = b;
    t->by = by;
    t->group_root = group_root;
    http_printf(b, "{\"by\":\"%s\"%s,\"buckets\":[", by == 'm' ? "month" : by == 'w' ? "week" : "day",
                group_root ? ",\"group\":\"root\"" : "");
}

/* ,"roots":{"01":3,...} of the roots counted in n[] (none: {}). */
static void roots_json(http_body *b, const size_t *n, int counts)
{
    http_puts(b, counts ? ",\"roots\":{" : ",\"roots\":[");
    int k = 0;
    for (int i = 0; i < AGG_ROOTS; i++) {
        if (!n[i])
            continue;
        http_printf(b, "%s\"%02d\"", k++ ? "," : "", i);
        if (counts)
            http_printf(b, ":%zu", n[i]);
    }
    http_puts(b, counts ? "}" : "]");
}

static void close_bucket(agg_timeline *t)
{
    if (!t->n)
        return;
    http_puts(t->b, t->buckets++ ? ",{\"period\":" : "{\"period\":");
    http_json_str(t->b, t->key);
    http_printf(t->b, ",\"events\":%zu,\"mentions\":%ld,\"goldstein\":%.2f", t->n, t->mentions,
                t->goldstein / (double)t->n);
    if (t->group_root) {
        roots_json(t->b, t->root, 1);
        memset(t->root, 0, sizeof t->root);
    }
    http_puts(t->b, "}");
    t->n = 0;
    t->mentions = 0;
    t->goldstein = 0;
}

int agg_timeline_row(void *user, const evc_event_row *r)
{
    agg_timeline *t = user;
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
    int root = root_of(r->code);
    if (root >= 0) {
        t->root[root]++;
        t->seen[root]++;
    }
    return t->b->oom;
}

void agg_timeline_end(agg_timeline *t)
{
    close_bucket(t);
    http_printf(t->b, "],\"undated\":%zu", t->undated);
    if (t->group_root)
        roots_json(t->b, t->seen, 0);
    http_puts(t->b, "}\n");
}

/* ---- Dyads ---- */

static uint64_t dyad_hash(const char *source, const char *target)
{
    uint64_t h = 14695981039346656037ULL;   /* FNV-1a over source, '\0', target */
    for (const unsigned char *p = (const unsigned char *)source;; p++) {
        h = (h ^ *p) * 1099511628211ULL;
        if (!*p)
            break;
    }
    for (const unsigned char *p = (const unsigned char *)target; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return h;
}

/* The slot of (source, target) in d->d: its own, or the empty one where it goes. */
static agg_dyad *dyad_slot(agg_dyad *slots, size_t cap, const char *source, const char *target)
{
    size_t i = (size_t)dyad_hash(source, target) & (cap - 1);
    while (slots[i].source && (strcmp(slots[i].source, source) || strcmp(slots[i].target, target)))
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

/* Doubles the table (or makes the first); -1 when out of memory. */
static int dyads_grow(agg_dyads *d)
{
    size_t cap = d->cap ? d->cap * 2 : 256;
    if (cap > SIZE_MAX / sizeof *d->d)
        return -1;
    agg_dyad *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < d->cap; i++)
        if (d->d[i].source)
            *dyad_slot(slots, cap, d->d[i].source, d->d[i].target) = d->d[i];
    free(d->d);
    d->d = slots;
    d->cap = cap;
    return 0;
}

int agg_dyads_row(void *user, const evc_event_row *r)
{
    agg_dyads *d = user;
    if (!r->target || !*r->target || !r->source || !*r->source) {
        d->no_target++;
        return 0;
    }
    if (2 * (d->n + 1) > d->cap && dyads_grow(d))
        return d->oom = 1;
    agg_dyad *s = dyad_slot(d->d, d->cap, r->source, r->target);
    if (!s->source) {
        char *source = strdup(r->source), *target = strdup(r->target);
        if (!source || !target) {
            free(source);
            free(target);
            return d->oom = 1;
        }
        s->source = source;
        s->target = target;
        d->n++;
    }
    s->events++;
    s->mentions += r->num_mentions;
    s->goldstein += r->goldstein;
    return 0;
}

static int dyad_order(const void *pa, const void *pb)
{
    const agg_dyad *a = pa, *b = pb;
    if (a->events != b->events)
        return a->events > b->events ? -1 : 1;
    if (a->mentions != b->mentions)
        return a->mentions > b->mentions ? -1 : 1;
    int c = strcmp(a->source, b->source);
    return c ? c : strcmp(a->target, b->target);
}

void agg_dyads_json(agg_dyads *d, size_t limit, size_t offset, http_body *b)
{
    size_t n = 0;   /* the dyads to the front, then in order */
    for (size_t i = 0; i < d->cap; i++)
        if (d->d[i].source)
            d->d[n++] = d->d[i];
    for (size_t i = n; i < d->cap; i++)
        memset(&d->d[i], 0, sizeof d->d[i]);
    if (n)
        qsort(d->d, n, sizeof *d->d, dyad_order);
    size_t end = offset < n ? offset + (limit < n - offset ? limit : n - offset) : offset;
    http_printf(b, "{\"offset\":%zu,\"limit\":%zu,\"count\":%zu,\"more\":%s,\"total\":%zu,\"no_target\":%zu,\"dyads\":[",
                offset, limit, end - offset, end < n ? "true" : "false", n, d->no_target);
    for (size_t i = offset; i < end; i++) {
        const agg_dyad *x = &d->d[i];
        http_puts(b, i > offset ? ",{\"source\":" : "{\"source\":");
        http_json_str(b, x->source);
        http_puts(b, ",\"target\":");
        http_json_str(b, x->target);
        http_printf(b, ",\"events\":%zu,\"mentions\":%ld,\"goldstein\":%.2f}", x->events, x->mentions,
                    x->goldstein / (double)x->events);
    }
    http_puts(b, "]}\n");
}

void agg_dyads_free(agg_dyads *d)
{
    for (size_t i = 0; i < d->cap; i++) {
        free(d->d[i].source);
        free(d->d[i].target);
    }
    free(d->d);
    memset(d, 0, sizeof *d);
}
