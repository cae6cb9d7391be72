/*
 * `evcode watch`: watchlists of a store (add, list, rm, events) and their
 * webhook deliveries (deliver). Parses arguments, calls the public API
 * (evcode.h, "Watchlists and alerts") and prints: a table on a terminal,
 * JSON Lines otherwise (or as --format says).
 */
#define _POSIX_C_SOURCE 200809L
#include "watch_cmd.h"
#include "store_cmd.h"
#include "webhook.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char WATCH_USAGE[] =
    "usage: evcode watch add --db FILE NAME [--actor A]... [--code C]... [--place P]...\n"
    "                        [--goldstein-below X] [--webhook URL]\n"
    "       evcode watch list --db FILE [--format table|jsonl]\n"
    "       evcode watch rm --db FILE NAME\n"
    "       evcode watch events --db FILE NAME [--new] [--format table|jsonl]\n"
    "       evcode watch deliver --db FILE [--now] [--failed]\n"
    "\n"
    "A watchlist is a saved filter. Every ingest (or code --db) after it is added\n"
    "records each new or changed event it matches as a hit, once per event, and\n"
    "POSTs the event as JSON to its webhook, if it has one.\n"
    "\n"
    "  add       NAME: letters, digits, '.', '_', '-'. The filters are those of\n"
    "            evcode query: --actor (source or target starts with A), --code\n"
    "            (the CAMEO code starts with C: a code or a root), --place (the\n"
    "            event's country code or place name); each may be repeated (any\n"
    "            of them); --goldstein-below X (score below X). Different filters\n"
    "            must all hold. --webhook: an http:// URL (no https://: put an\n"
    "            http:// relay in front). The store is created when missing.\n"
    "  list      every watchlist with its filter, hits, hits not yet seen (NEW)\n"
    "            and deliveries by state\n"
    "  rm        removes a watchlist with its hits and deliveries\n"
    "  events    its hits, oldest first, with their delivery state; --new: only\n"
    "            those after the last `events --new`, which are then marked seen\n"
    "  deliver   POSTs the deliveries that are due (ingest and serve do it too;\n"
    "            failures are retried 5 s, 10 s, 20 s, ... up to 6 h apart, 20\n"
    "            times); --now: also those waiting for their retry time; --failed:\n"
    "            one more attempt for those given up. Exit status 2 when an\n"
    "            attempt failed.\n"
    "\n"
    "The store's tables and the JSON POSTed: docs/store.md (\"Watchlists\").\n";

typedef struct watch_args {
    const char *db, *format, *webhook, *name;
    filter_args f;
    int now, failed, new_only;
} watch_args;

/* Whether `allowed` lists option o ("filters" stands for the filter options). */
static int allowed_opt(const char *const *allowed, const char *o)
{
    static const char *const FILTERS[] = {"--actor", "--code", "--place", "--goldstein-below", NULL};
    for (size_t k = 0; allowed[k]; k++) {
        if (!strcmp(allowed[k], o))
            return 1;
        for (size_t f = 0; !strcmp(allowed[k], "filters") && FILTERS[f]; f++)
            if (!strcmp(FILTERS[f], o))
                return 1;
    }
    return 0;
}

/* Parses the options of `watch SUB`: `allowed` lists those it takes (with
 * "filters" for the filter options); a NAME operand when want_name. 0, 1
 * after a usage error (printed), 2 after --help. */
static int parse_args(int argc, char **argv, const char *sub, const char *const *allowed, int want_name,
                      watch_args *a)
{
    memset(a, 0, sizeof *a);
    char cmd[32];
    snprintf(cmd, sizeof cmd, "watch %s", sub);
    for (int i = 2; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int ok = allowed_opt(allowed, o);
        if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
            fputs(WATCH_USAGE, stdout);
            return 2;
        }
        const char **slot = !strcmp(o, "--db") ? &a->db : !strcmp(o, "--format") ? &a->format
                            : !strcmp(o, "--webhook") ? &a->webhook : NULL;
        int *flag = !strcmp(o, "--now") ? &a->now : !strcmp(o, "--failed") ? &a->failed
                    : !strcmp(o, "--new") ? &a->new_only : NULL;
        int took = ok ? filter_arg(cmd, o, v, &a->f) : 0;
        if (took < 0)
            return 1;
        if (took) {
            i++;
        } else if (ok && slot && v) {
            *slot = v;
            i++;
        } else if (ok && flag) {
            *flag = 1;
        } else if (want_name && !a->name && o[0] != '-') {
            a->name = o;
        } else {
            fprintf(stderr, "evcode %s: %s: %s\n%s", cmd, o[0] == '-' ? "unknown option or missing value"
                                                                      : "one NAME only", o, WATCH_USAGE);
            return 1;
        }
    }
    if (!a->db || (want_name && !a->name)) {
        fprintf(stderr, "evcode %s: %s is required\n%s", cmd, !a->db ? "--db FILE" : "NAME", WATCH_USAGE);
        return 1;
    }
    if (a->format && strcmp(a->format, "table") && strcmp(a->format, "jsonl")) {
        fprintf(stderr, "evcode %s: unknown format '%s' (table or jsonl)\n", cmd, a->format);
        return 1;
    }
    return 0;
}

/* Opens the store; `create`: also a new one. Prints why and returns 1 on failure. */
static int open_store(const watch_args *a, const char *cmd, int create, evc_store **st)
{
    if (!create && !strstr(a->db, "://") && access(a->db, F_OK) != 0) {
        fprintf(stderr, "evcode watch %s: %s: no such store\n", cmd, a->db);
        return 1;
    }
    return store_cli_open(a->db, st);
}

/* Closes st; 1 after printing the error of a failed call, else 0. */
static int finish(evc_store *st, evc_status rc, const evc_error *err, const char *cmd)
{
    evc_store_close(st);
    int bad_write = fflush(stdout) != 0 || ferror(stdout);
    if (rc == EVC_OK && !bad_write)
        return 0;
    fprintf(stderr, "evcode watch %s: %s\n", cmd,
            rc == EVC_OK || rc == EVC_ERR_ABORT ? "error writing output" : err->msg[0] ? err->msg : evc_strerror(rc));
    return 1;
}

static int write_stdout(void *user, const char *bytes, size_t len)
{
    (void)user;
    return fwrite(bytes, 1, len, stdout) != len;
}

static int as_table(const watch_args *a)
{
    return a->format ? !strcmp(a->format, "table") : isatty(STDOUT_FILENO);
}

/* ---- A table: rows of strings, the last column cut to the terminal ---------- */

typedef struct grid {
    size_t ncols, n, cap;
    char **cells;   /* n * ncols */
    int oom;
} grid;

static void grid_add(grid *g, const char *const *row)
{
    if (g->oom)
        return;
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 32;
        char **c = realloc(g->cells, cap * g->ncols * sizeof *c);
        if (!c) {
            g->oom = 1;
            return;
        }
        g->cells = c;
        g->cap = cap;
    }
    for (size_t k = 0; k < g->ncols; k++) {
        const char *v = row[k] ? row[k] : "-";
        char *p = malloc(strlen(v) + 1);
        g->cells[g->n * g->ncols + k] = p;
        if (p)
            strcpy(p, v);
        g->oom |= !p;
    }
    g->n++;
}

static void grid_print(const grid *g, const char *const *head)
{
    size_t w[16] = {0}, nc = g->ncols, used = 0;
    for (size_t k = 0; k < nc; k++) {
        w[k] = cli_width(head[k]);
        for (size_t i = 0; i < g->n; i++) {
            const char *c = g->cells[i * nc + k];
            if (c && cli_width(c) > w[k])
                w[k] = cli_width(c);
        }
        used += k + 1 < nc ? w[k] + 2 : 0;
    }
    size_t tw = cli_term_width();
    w[nc - 1] = tw ? (tw > used + 10 ? tw - used : 10) : (size_t)-1;
    for (size_t i = 0; i <= g->n; i++)
        for (size_t k = 0; k < nc; k++) {
            const char *c = i ? g->cells[(i - 1) * nc + k] : head[k];
            cli_cell(c ? c : "", w[k], k + 1 < nc);
            fputs(k + 1 < nc ? "  " : "\n", stdout);
        }
}

static void grid_free(grid *g)
{
    for (size_t i = 0; i < g->n * g->ncols; i++)
        free(g->cells[i]);
    free(g->cells);
}

/* ---- add, rm ---------------------------------------------------------------- */

static int watch_add(int argc, char **argv)
{
    static const char *const OPTS[] = {"--db", "--webhook", "filters", NULL};
    watch_args a;
    int p = parse_args(argc, argv, "add", OPTS, 1, &a);
    if (p)
        return p == 2 ? 0 : 1;
    evc_watch w;
    memset(&w, 0, sizeof w);
    w.name = a.name;
    w.webhook = a.webhook;
    filter_to_query(&a.f, &w.filter);
    evc_error err;
    memset(&err, 0, sizeof err);
    /* a bad name, filter or URL before a store is made */
    if (evc_watch_check(&w, &err) != EVC_OK)
        return finish(NULL, EVC_ERR_ARG, &err, "add");
    evc_store *st;
    if (open_store(&a, "add", 1, &st))
        return 1;
    evc_status rc = evc_watch_add(st, &w, &err);
    if (rc == EVC_OK)
        printf("watchlist %s added%s\n", a.name, a.webhook ? "; webhook deliveries on" : "");
    return finish(st, rc, &err, "add");
}

static int watch_rm(int argc, char **argv)
{
    static const char *const OPTS[] = {"--db", NULL};
    watch_args a;
    int p = parse_args(argc, argv, "rm", OPTS, 1, &a);
    if (p)
        return p == 2 ? 0 : 1;
    evc_store *st;
    if (open_store(&a, "rm", 0, &st))
        return 1;
    evc_error err;
    memset(&err, 0, sizeof err);
    int found = 0;
    evc_status rc = evc_watch_remove(st, a.name, &found, &err);
    if (rc == EVC_OK && !found) {
        evc_store_close(st);
        fprintf(stderr, "evcode watch rm: no watchlist named %s\n", a.name);
        return 1;
    }
    if (rc == EVC_OK)
        printf("watchlist %s removed\n", a.name);
    return finish(st, rc, &err, "rm");
}

/* ---- list ------------------------------------------------------------------------ */

static void join(char *out, size_t cap, const char *label, const char *const *v, size_t n)
{
    size_t len = strlen(out);
    for (size_t i = 0; i < n && len < cap; i++) {
        snprintf(out + len, cap - len, "%s%s%s", i ? "|" : *out ? "; " : "", i ? "" : label, v[i]);
        len = strlen(out);
    }
}

static int list_row(void *user, const evc_watch_info *w)
{
    const evc_query *q = &w->watch.filter;
    char filter[1024] = "", num[5][24];
    join(filter, sizeof filter, "actor ", q->actors, q->n_actors);
    join(filter, sizeof filter, "code ", q->codes, q->n_codes);
    join(filter, sizeof filter, "place ", q->places, q->n_places);
    size_t len = strlen(filter);
    if (q->use_goldstein_below)
        snprintf(filter + len, sizeof filter - len, "%sgoldstein < %g", len ? "; " : "", q->goldstein_below);
    len = strlen(filter);
    snprintf(filter + len, sizeof filter - len, "%s%s%s", len ? "; " : "", w->watch.webhook ? "webhook " : "",
             w->watch.webhook ? w->watch.webhook : "no webhook");
    const long long v[5] = {w->hits, w->unseen, w->pending, w->delivered, w->failed};
    for (int i = 0; i < 5; i++)
        snprintf(num[i], sizeof num[i], "%lld", v[i]);
    const char *row[] = {w->watch.name, num[0], num[1], num[2], num[3], num[4], w->last_hit, filter};
    grid_add(user, row);
    return ((grid *)user)->oom;
}

static int watch_list(int argc, char **argv)
{
    static const char *const OPTS[] = {"--db", "--format", NULL};
    static const char *const HEAD[] = {"NAME", "HITS", "NEW", "PENDING", "DELIVERED", "FAILED", "LAST HIT",
                                       "FILTER AND WEBHOOK"};
    watch_args a;
    int p = parse_args(argc, argv, "list", OPTS, 0, &a);
    if (p)
        return p == 2 ? 0 : 1;
    evc_store *st;
    if (open_store(&a, "list", 0, &st))
        return 1;
    evc_error err;
    memset(&err, 0, sizeof err);
    if (!as_table(&a))
        return finish(st, evc_watch_list_json(st, 1, 1, write_stdout, NULL, &err), &err, "list");
    grid g = {.ncols = 8};
    evc_status rc = evc_watch_list(st, list_row, &g, &err);
    if (rc == EVC_OK)
        grid_print(&g, HEAD);
    if (g.oom)
        snprintf(err.msg, sizeof err.msg, "out of memory");
    grid_free(&g);
    return finish(st, g.oom ? EVC_ERR_NOMEM : rc, &err, "list");
}

/* ---- events ------------------------------------------------------------------------- */

static int hit_row(void *user, const evc_watch_hit *h)
{
    const evc_event_row *e = &h->event;
    char hit[24], gold[16], delivery[64];
    snprintf(hit, sizeof hit, "%lld", h->hit);
    snprintf(gold, sizeof gold, "%.1f", e->goldstein);
    if (!h->delivery)
        snprintf(delivery, sizeof delivery, "-");
    else
        snprintf(delivery, sizeof delivery, "%s (%ld)", h->delivery, h->attempts);
    const char *row[] = {hit, h->recorded, e->day && *e->day ? e->day : NULL, e->source, e->target,
                         e->code, gold, delivery, e->sentence};
    grid_add(user, row);
    return ((grid *)user)->oom;
}

static int watch_events(int argc, char **argv)
{
    static const char *const OPTS[] = {"--db", "--format", "--new", NULL};
    static const char *const HEAD[] = {"HIT", "RECORDED", "DAY", "SOURCE", "TARGET", "CODE", "GOLD",
                                       "DELIVERY (ATTEMPTS)", "SENTENCE"};
    watch_args a;
    int p = parse_args(argc, argv, "events", OPTS, 1, &a);
    if (p)
        return p == 2 ? 0 : 1;
    evc_store *st;
    if (open_store(&a, "events", 0, &st))
        return 1;
    evc_hit_query q;
    memset(&q, 0, sizeof q);
    q.watchlist = a.name;
    q.oldest_first = 1;
    q.unseen = q.mark = a.new_only;
    evc_error err;
    memset(&err, 0, sizeof err);
    int found = 0;
    grid g = {.ncols = 9};
    int table = as_table(&a);
    evc_status rc = table ? evc_watch_hits(st, &q, hit_row, &g, &found, &err)
                          : evc_watch_hits_json(st, &q, 1, write_stdout, NULL, &found, &err);
    if (rc == EVC_OK && !found) {
        evc_store_close(st);
        grid_free(&g);
        fprintf(stderr, "evcode watch events: no watchlist named %s\n", a.name);
        return 1;
    }
    if (rc == EVC_OK && table) {
        grid_print(&g, HEAD);
        printf("%zu hit%s%s\n", g.n, g.n == 1 ? "" : "s", a.new_only ? " not seen before (now marked seen)" : "");
    }
    if (g.oom)
        snprintf(err.msg, sizeof err.msg, "out of memory");
    grid_free(&g);
    return finish(st, g.oom ? EVC_ERR_NOMEM : rc, &err, "events");
}

/* ---- deliver ------------------------------------------------------------------------ */

static int watch_deliver(int argc, char **argv)
{
    static const char *const OPTS[] = {"--db", "--now", "--failed", NULL};
    watch_args a;
    int p = parse_args(argc, argv, "deliver", OPTS, 0, &a);
    if (p)
        return p == 2 ? 0 : 1;
    evc_store *st;
    if (open_store(&a, "deliver", 0, &st))
        return 1;
    evc_error err;
    memset(&err, 0, sizeof err);
    size_t n = 0;
    deliver_counts c = {0, 0};
    if (((a.now || a.failed) && evc_watch_retry(st, a.failed, &n, &err) != EVC_OK) ||
        deliver_due(st, NULL, NULL, &c, &err))
        return finish(st, err.code ? err.code : EVC_ERR_IO, &err, "deliver");
    evc_watch_totals t;
    if (evc_watch_totals_get(st, &t, &err) != EVC_OK)
        return finish(st, err.code, &err, "deliver");
    printf("deliver: %zu delivered, %zu attempts failed; %zu pending (%zu due), %zu failed for good\n",
           c.delivered, c.failed, t.pending, t.due, t.failed);
    int rc = finish(st, EVC_OK, &err, "deliver");
    return rc ? rc : c.failed ? 2 : 0;
}

int cmd_watch(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(int, char **);
    } SUB[] = {{"add", watch_add}, {"list", watch_list}, {"rm", watch_rm}, {"events", watch_events},
               {"deliver", watch_deliver}};
    if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
        fputs(WATCH_USAGE, stdout);
        return 0;
    }
    for (size_t i = 0; argc >= 2 && i < sizeof SUB / sizeof *SUB; i++)
        if (!strcmp(argv[1], SUB[i].name))
            return SUB[i].run(argc, argv);
    fprintf(stderr, "evcode watch: %s\n%s", argc < 2 ? "a subcommand is required" : "unknown subcommand",
            WATCH_USAGE);
    return 1;
}
