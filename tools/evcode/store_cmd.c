/*
 * Store commands: the batch writer behind `evcode code --db` and `evcode
 * ingest`, and `evcode export` and `evcode query`. Parses arguments, calls
 * the public API (evcode.h) and prints.
 */
#define _POSIX_C_SOURCE 200809L
#include "store_cmd.h"
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int store_cli_open(const char *path, evc_store **st)
{
    evc_error err;
    memset(&err, 0, sizeof err);
    if (evc_store_open(path, st, &err) != EVC_OK) {
        fprintf(stderr, "evcode: %s: %s\n", path, err.msg[0] ? err.msg : "cannot open the store");
        return 1;
    }
    return 0;
}

/* EVCODE_TEST_KILL: "after:N" or "inside:N"; *inside tells which. */
static long kill_batch(int *inside)
{
    const char *v = getenv("EVCODE_TEST_KILL");
    *inside = 0;
    if (!v)
        return 0;
    if (!strncmp(v, "after:", 6))
        return atol(v + 6);
    if (!strncmp(v, "inside:", 7)) {
        *inside = 1;
        return atol(v + 7);
    }
    return 0;
}

int store_cli_batch(evc_store *st, evc_store_doc **docs, size_t n, store_totals *t)
{
    evc_error err;
    memset(&err, 0, sizeof err);
    int inside;
    long kill_at = kill_batch(&inside);
    t->batches++;
    if (evc_store_begin(st, &err) != EVC_OK)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        if (inside && (long)t->batches == kill_at && i == n / 2) {
            fflush(NULL);
            raise(SIGKILL);
        }
        if (!docs[i])
            continue;
        evc_store_result res;
        if (evc_store_put(st, docs[i], &res, &err) != EVC_OK)
            goto fail;
        t->articles++;
        t->added += res.status == EVC_STORE_ADDED;
        t->unchanged += res.status == EVC_STORE_UNCHANGED;
        t->replaced += res.status == EVC_STORE_REPLACED;
        t->duplicates += res.duplicate != 0;
        t->linked += res.linked != 0;
        t->mentions += res.events;
        t->new_events += res.new_events;
        t->quotes += res.quotes;
    }
    if (evc_store_commit(st, &err) != EVC_OK)
        goto fail;
    if (!inside && kill_at && (long)t->batches == kill_at) {
        fflush(NULL);
        raise(SIGKILL);
    }
    return 0;
fail:
    fprintf(stderr, "evcode: store: %s\n", err.msg[0] ? err.msg : "database error");
    return 1;
}

void store_cli_summary(const store_totals *t, evc_store *st)
{
    printf("%zu articles: %zu added, %zu unchanged, %zu replaced; %zu near-duplicates, %zu sharing passages\n"
           "%zu mentions, %zu new events, %zu quotes\n",
           t->articles, t->added, t->unchanged, t->replaced, t->duplicates, t->linked, t->mentions, t->new_events,
           t->quotes);
    evc_store_stats s;
    if (evc_store_stats_get(st, &s, NULL) == EVC_OK)
        printf("store: %zu articles (%zu near-duplicates, %zu passage links), %zu events, %zu mentions, %zu quotes, "
               "%zu actors\n",
               s.articles, s.duplicates, s.links, s.events, s.mentions, s.quotes, s.actors);
}

/* ---- export and query ---------------------------------------------------- */

static const char EXPORT_USAGE[] =
    "usage: evcode export --db FILE [--format jsonl|gdelt|plover|csv] [FILTERS]\n"
    "\n"
    "  jsonl    (default) every article (with its near-duplicate and passage links),\n"
    "           every merged event with all its mentions and their sentences, every\n"
    "           quote and actor; ordered by article id and by day, source, target, code\n"
    "  gdelt    the GDELT 2.0 event table: 61 tab-separated columns, no header\n"
    "  plover   one JSON record per event with its PLOVER event type and mode\n"
    "           (data/plover.txt; CAMEO 01 and 02 have no PLOVER type and are left out)\n"
    "  csv      one row per merged event, with a header (RFC 4180)\n"
    "\n"
    "Filters (as for query; with any filter, jsonl holds events only):\n"
    "  --actor CODE  --code CAMEO  --place P  --goldstein-below X  --from YYYY-MM-DD\n"
    "  --to YYYY-MM-DD  --text WORDS  --limit N\n";

static const char QUERY_USAGE[] =
    "usage: evcode query --db FILE [--actor CODE]... [--code CAMEO]... [--place P]...\n"
    "                    [--goldstein-below X] [--from D] [--to D] [--text WORDS]\n"
    "                    [--limit N] [--format table|jsonl]\n"
    "\n"
    "Merged events of the store, ordered by day, source, target and code:\n"
    "  --actor CODE   source or target code starts with CODE (USA matches USAGOV)\n"
    "  --code CAMEO   event code starts with CAMEO (13 = every threat)\n"
    "  --place P      the event's country code (UKR) or place name (Kabul)\n"
    "                 (--actor, --code and --place may be repeated: any of them)\n"
    "  --goldstein-below X  Goldstein score below X (-10 to 10)\n"
    "  --from D --to D  event day from / to D (YYYY-MM-DD, inclusive)\n"
    "  --text WORDS   every word occurs in a sentence that reported the event\n"
    "  --limit N      at most N events\n"
    "  --format table (default; columns fit the terminal) or jsonl (events with mentions)\n";

typedef struct store_args {
    const char *db, *format;
    evc_query q;
    filter_args f;
    int help;
} store_args;

int filter_arg(const char *cmd, const char *o, const char *v, filter_args *f)
{
    const char **list = !strcmp(o, "--actor") ? f->actors : !strcmp(o, "--code") ? f->codes
                        : !strcmp(o, "--place") ? f->places : NULL;
    size_t *n = !strcmp(o, "--actor") ? &f->n_actors : !strcmp(o, "--code") ? &f->n_codes : &f->n_places;
    if (!list && strcmp(o, "--goldstein-below"))
        return 0;
    if (!v) {
        fprintf(stderr, "evcode %s: %s wants a value\n", cmd, o);
        return -1;
    }
    if (list) {
        if (*n == EVC_QUERY_MAX_LIST) {
            fprintf(stderr, "evcode %s: at most %d %s options\n", cmd, EVC_QUERY_MAX_LIST, o);
            return -1;
        }
        list[(*n)++] = v;
        return 1;
    }
    char *end;
    double x = strtod(v, &end);
    if (!*v || *end || !(x >= -10 && x <= 10)) {
        fprintf(stderr, "evcode %s: --goldstein-below wants a number from -10 to 10, not '%s'\n", cmd, v);
        return -1;
    }
    f->use_goldstein_below = 1;
    f->goldstein_below = x;
    return 1;
}

void filter_to_query(const filter_args *f, evc_query *q)
{
    q->actors = f->actors;
    q->n_actors = f->n_actors;
    q->codes = f->codes;
    q->n_codes = f->n_codes;
    q->places = f->places;
    q->n_places = f->n_places;
    q->use_goldstein_below = f->use_goldstein_below;
    q->goldstein_below = f->goldstein_below;
}

static int parse_limit(const char *s, size_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end || s[0] == '-' || v == 0 || v > 1000000000ULL)
        return -1;
    *out = (size_t)v;
    return 0;
}

/* Returns 0, or 1 after printing a usage error. */
static int parse_store_args(int argc, char **argv, store_args *a, const char *cmd, const char *usage)
{
    memset(a, 0, sizeof *a);
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        const char **slot = !strcmp(o, "--db")       ? &a->db
                            : !strcmp(o, "--format") ? &a->format
                            : !strcmp(o, "--from")   ? &a->q.from
                            : !strcmp(o, "--to")     ? &a->q.to
                            : !strcmp(o, "--text")   ? &a->q.text
                                                     : NULL;
        int took = filter_arg(cmd, o, v, &a->f);
        if (took < 0) {
            return 1;
        } else if (took) {
            i++;
        } else if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
            a->help = 1;
            fputs(usage, stdout);
            return 0;
        } else if (slot && v) {
            *slot = v;
            i++;
        } else if (!strcmp(o, "--limit") && v) {
            if (parse_limit(v, &a->q.limit)) {
                fprintf(stderr, "evcode %s: --limit wants 1..1000000000\n", cmd);
                return 1;
            }
            i++;
        } else {
            fprintf(stderr, "evcode %s: unknown option or missing value: %s\n%s", cmd, o, usage);
            return 1;
        }
    }
    filter_to_query(&a->f, &a->q);
    if (!a->db) {
        fprintf(stderr, "evcode %s: --db FILE is required\n%s", cmd, usage);
        return 1;
    }
    if (!strstr(a->db, "://") && access(a->db, F_OK) != 0) {   /* a file, not a postgresql:// URL */
        fprintf(stderr, "evcode %s: %s: no such store (create one with evcode ingest --db %s INPUT...)\n", cmd, a->db,
                a->db);
        return 1;
    }
    return 0;
}

static int write_stdout(void *user, const char *bytes, size_t len)
{
    (void)user;
    return fwrite(bytes, 1, len, stdout) != len;
}

static int finish(evc_store *st, evc_status rc, const evc_error *err, const char *cmd)
{
    evc_store_close(st);
    int bad_write = fflush(stdout) != 0 || ferror(stdout);
    if (rc == EVC_ERR_ABORT || bad_write) {
        fprintf(stderr, "evcode %s: error writing output\n", cmd);
        return 1;
    }
    if (rc != EVC_OK) {
        fprintf(stderr, "evcode %s: %s\n", cmd, err->msg[0] ? err->msg : evc_strerror(rc));
        return 1;
    }
    return 0;
}

int cmd_export(int argc, char **argv)
{
    store_args a;
    if (parse_store_args(argc, argv, &a, "export", EXPORT_USAGE))
        return 1;
    if (a.help)
        return 0;
    evc_export_format f = EVC_EXPORT_JSONL;
    if (a.format) {
        static const char *const N[] = {"jsonl", "gdelt", "plover", "csv"};
        size_t k = 0;
        while (k < 4 && strcmp(a.format, N[k]))
            k++;
        if (k == 4) {
            fprintf(stderr, "evcode export: unknown format '%s' (jsonl, gdelt, plover or csv)\n", a.format);
            return 1;
        }
        f = (evc_export_format)(k + 1);
    }
    evc_store *st;
    if (store_cli_open(a.db, &st))
        return 1;
    evc_error err;
    memset(&err, 0, sizeof err);
    evc_status rc = evc_store_export(st, f, &a.q, write_stdout, NULL, &err);
    return finish(st, rc, &err, "export");
}

/* ---- the table ------------------------------------------------------------ */

typedef struct row {
    char *day, *source, *target, *code, *counts, *sentence;
} row;

typedef struct table {
    row *v;
    size_t n, cap;
    int oom;
} table;

static char *sdup(const char *s)
{
    s = s ? s : "";
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (p)
        memcpy(p, s, n + 1);
    return p;
}

static int collect(void *user, const evc_event_row *r)
{
    table *t = user;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        row *v = realloc(t->v, cap * sizeof *v);
        if (!v) {
            t->oom = 1;
            return 1;
        }
        t->v = v;
        t->cap = cap;
    }
    char counts[64];
    snprintf(counts, sizeof counts, "%ld/%ld/%ld", r->num_mentions, r->num_sources, r->num_articles);
    row *o = &t->v[t->n];
    o->day = sdup(r->day && *r->day ? r->day : "-");
    o->source = sdup(r->source && *r->source ? r->source : "-");
    o->target = sdup(r->target ? r->target : "-");
    o->code = sdup(r->code);
    o->counts = sdup(counts);
    o->sentence = sdup(r->sentence);
    t->n++;
    if (!o->day || !o->source || !o->target || !o->code || !o->counts || !o->sentence) {
        t->oom = 1;
        return 1;
    }
    return 0;
}

/* Display width of UTF-8 text: one column per code point. */
size_t cli_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

/* Prints s in at most w columns, cut at a code point with "..." when longer,
 * padded to w when pad is set. */
void cli_cell(const char *s, size_t w, int pad)
{
    size_t sw = cli_width(s);
    if (sw <= w) {
        fputs(s, stdout);
        for (size_t i = sw; pad && i < w; i++)
            putchar(' ');
        return;
    }
    size_t keep = w > 3 ? w - 3 : 0, cols = 0;
    const char *p = s;
    while (*p && cols < keep) {
        p++;
        while (((unsigned char)*p & 0xC0) == 0x80)
            p++;
        cols++;
    }
    fwrite(s, 1, (size_t)(p - s), stdout);
    fputs(w >= 3 ? "..." : "", stdout);
}

size_t cli_term_width(void)
{
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
        return ws.ws_col;
    const char *c = getenv("COLUMNS");
    if (c && atoi(c) >= 40)
        return (size_t)atoi(c);
    return isatty(STDOUT_FILENO) ? 80 : 0;   /* 0: not a terminal, no cutting */
}

static void print_table(const table *t)
{
    static const char *const H[] = {"DAY", "SOURCE", "TARGET", "CODE", "M/S/A", "SENTENCE"};
    size_t w[6];
    for (int c = 0; c < 6; c++)
        w[c] = cli_width(H[c]);
    for (size_t i = 0; i < t->n; i++) {
        const char *f[] = {t->v[i].day, t->v[i].source, t->v[i].target, t->v[i].code, t->v[i].counts};
        for (int c = 0; c < 5; c++)
            if (cli_width(f[c]) > w[c])
                w[c] = cli_width(f[c]);
    }
    size_t tw = cli_term_width(), used = 0;
    for (int c = 0; c < 5; c++)
        used += w[c] + 2;
    size_t sw = tw ? (tw > used + 10 ? tw - used : 10) : (size_t)-1;
    for (int c = 0; c < 6; c++) {
        cli_cell(H[c], c < 5 ? w[c] : sw, c < 5);
        fputs(c < 5 ? "  " : "\n", stdout);
    }
    for (size_t i = 0; i < t->n; i++) {
        const char *f[] = {t->v[i].day, t->v[i].source, t->v[i].target, t->v[i].code, t->v[i].counts,
                           t->v[i].sentence};
        for (int c = 0; c < 6; c++) {
            cli_cell(f[c], c < 5 ? w[c] : sw, c < 5);
            fputs(c < 5 ? "  " : "\n", stdout);
        }
    }
    printf("%zu event%s (M/S/A: mentions, sources, articles)\n", t->n, t->n == 1 ? "" : "s");
}

static void table_free(table *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].day);
        free(t->v[i].source);
        free(t->v[i].target);
        free(t->v[i].code);
        free(t->v[i].counts);
        free(t->v[i].sentence);
    }
    free(t->v);
}

int cmd_query(int argc, char **argv)
{
    store_args a;
    if (parse_store_args(argc, argv, &a, "query", QUERY_USAGE))
        return 1;
    if (a.help)
        return 0;
    int jsonl = 0;
    if (a.format && !(jsonl = !strcmp(a.format, "jsonl")) && strcmp(a.format, "table")) {
        fprintf(stderr, "evcode query: unknown format '%s' (table or jsonl)\n", a.format);
        return 1;
    }
    evc_store *st;
    if (store_cli_open(a.db, &st))
        return 1;
    evc_error err;
    memset(&err, 0, sizeof err);
    if (jsonl) {
        /* events only, even without a filter */
        if (!a.q.limit)
            a.q.limit = (size_t)-1 / 2;
        evc_status rc = evc_store_export(st, EVC_EXPORT_JSONL, &a.q, write_stdout, NULL, &err);
        return finish(st, rc, &err, "query");
    }
    table t = {0};
    evc_status rc = evc_store_query(st, &a.q, collect, &t, &err);
    if (rc == EVC_ERR_ABORT && t.oom) {
        rc = EVC_ERR_NOMEM;
        snprintf(err.msg, sizeof err.msg, "out of memory");
    }
    if (rc == EVC_OK)
        print_table(&t);
    table_free(&t);
    return finish(st, rc, &err, "query");
}
