/*
 * evcode command-line tool. Parses arguments, reads inputs, calls the public
 * API (include/evcode.h) and prints; it never includes src/ headers.
 *
 * Articles are coded in parallel by worker threads, one evc_doc each, in
 * batches; records are written in input order. Input problems are reported
 * as "file:line: reason" on stderr and the rest of the input is coded.
 * Exit status: 0 all clean, 2 some input skipped or repaired, 1 usage or
 * fatal error.
 */
#define _POSIX_C_SOURCE 200809L
#include "evcode.h"
#include "readall.h"
#include "serve.h"
#include "store_cmd.h"
#include "upkeep.h"
#include "validate.h"
#include "watch_cmd.h"
#include "web.h"
#include "webhook.h"
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define ERRORS \
    "Errors: every input problem is reported on stderr as 'file:line[:col]: reason'\n" \
    "(the column for malformed JSON; 'file: reason' when a file cannot be opened or\n" \
    "read) and the rest of the input is still coded. Skipped: a malformed JSON line,\n" \
    "an empty or binary article, an article or line over --max-bytes. Repaired:\n" \
    "invalid UTF-8 (to U+FFFD), NUL bytes (to spaces), a 'published' that is no date\n" \
    "(ignored). Exit status: 0 when all input was clean (stderr empty), 2 when some\n" \
    "input was skipped or repaired, 1 on a usage or fatal error (a dictionary error,\n" \
    "output that could not be written).\n"

static const char USAGE[] =
    "usage: evcode COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "Commands:\n"
    "  code [FILE...|-]     code articles: one JSON record per line on stdout\n"
    "  extract FILE|DIR|WARC...\n"
    "                       the main text and metadata of web pages (HTML, WARC),\n"
    "                       as article records or --format zyte\n"
    "  ingest --db FILE [FILE...|-]\n"
    "                       code articles into a SQLite store (no records on stdout;\n"
    "                       takes the options of code); re-ingesting adds nothing\n"
    "  export --db FILE [--format jsonl|gdelt|plover|csv]\n"
    "                       write the store: events merged GDELT-style, mentions, quotes\n"
    "                       (FILE may be a postgresql://... URL for code, ingest, export\n"
    "                       and query: the same tables in PostgreSQL; docs/store.md)\n"
    "  query --db FILE [--actor C] [--code C] [--from D --to D] [--text WORDS]\n"
    "                       list merged events as a table (or --format jsonl)\n"
    "  serve --db FILE [--port 8080] [--bind 127.0.0.1]\n"
    "                       serve the store: JSON API and dashboard (--help: routes)\n"
    "  watch add|list|rm|events|deliver --db FILE ...\n"
    "                       watchlists: saved filters whose new events are recorded at\n"
    "                       each ingest and POSTed to a webhook (watch --help)\n"
    "  dict stats [DIR]     count the dictionary entries of DIR (default: built-in data), then\n"
    "                       every CAMEO code with its number of verb patterns\n"
    "                       (--no-cache: compile, neither read nor write the cache)\n"
    "  dict check [DIR]     report every malformed dictionary line as file:line: reason\n"
    "  explain [FILE...|-]  code articles and say why: each event's dictionary lines and\n"
    "                       rules, and why a sentence has none (text on a terminal)\n"
    "  upkeep [FILE...|-]   what the dictionaries miss: names where an actor was needed\n"
    "                       (most frequent first, with examples and a suggested entry),\n"
    "                       and verbs after known actors that no pattern matched\n"
    "  validate SUITE [--dict DIR]\n"
    "                       code a TABARI (.project) or PETRARCH (.xml) validation suite\n"
    "                       with the dictionaries it names; print each failing record\n"
    "\n"
    "Run 'evcode code --help' for the options of code and ingest, 'evcode export\n"
    "--help', 'evcode query --help', 'evcode serve --help' (the API routes) and\n"
    "'evcode watch --help' for theirs; docs/store.md for the store.\n"
    "\n"
    "Dictionaries are compiled at their first load and cached in $EVCODE_CACHE_DIR,\n"
    "else $XDG_CACHE_HOME/evcode, else ~/.cache/evcode; a cache is rebuilt when a\n"
    "source file or this program changes. --no-cache turns it off.\n"
    "\n"
    ERRORS;

static const char CODE_USAGE[] =
    "usage: evcode code [OPTIONS] [FILE...|-]\n"
    "\n"
    "Inputs: .txt files (one article each; the first line is the title when it\n"
    "reads as a headline; the id is the file name without extension), .jsonl\n"
    "files (one article per line: id, url, outlet, published, title, text; only\n"
    "text is required), or - for standard input (JSONL when it starts with '{');\n"
    "web pages: .html and .htm files (optionally .gz) and WARC archives (.warc,\n"
    ".warc.gz: their HTML responses), whose main text is extracted and coded with\n"
    "the page's title, date and outlet; directories of any of these.\n"
    "\n"
    "Options:\n"
    "  --quotes               also emit quote records\n"
    "  --articles             also emit article records (cleaned text and metadata)\n"
    "  --published YYYY-MM-DD publication date for inputs that carry none\n"
    "  --dict DIR             dictionary directory (default: built-in data); a directory\n"
    "                         of TABARI or PETRARCH dictionaries, or a TABARI .project\n"
    "  --no-cache             compile the dictionaries; neither read nor write the cache\n"
    "  --joint-codes          a peer actor coded for several (\"[FRO/BIL/SAM]\") gives one\n"
    "                         event with that code, as UD-PETRARCH codes (default: one\n"
    "                         event for each, as TABARI and PETRARCH2 code)\n"
    "  --format jsonl|tsv     output format (default jsonl; tsv holds events only)\n"
    "  --threads N            worker threads (default: all cores)\n"
    "  --max-bytes N          skip articles larger than N bytes (default 16777216, at\n"
    "                         most 536870912)\n"
    "  --min-words N          do not code sentences shorter than N tokens\n"
    "  --first-sentences N    code only the first N sentences of each article\n"
    "  --progress             articles, MB, articles/s and time left on stderr (default:\n"
    "                         on when stderr is a terminal)\n"
    "  --stats                at the end, the time each pipeline stage took, on stderr\n"
    "  --db FILE              also store articles, events and quotes in the SQLite store\n"
    "                         FILE (created when missing; see docs/store.md), or in\n"
    "                         PostgreSQL with a postgresql://... URL\n"
    "  --batch N              articles per store transaction (default 32 per thread)\n"
    "                         (with --db, the events each batch adds or changes are\n"
    "                         matched against the store's watchlists; their webhooks\n"
    "                         are called in the background, and at the end for at most\n"
    "                         2 s more: what is left stays pending; see evcode watch)\n"
    "  --explain              add to each event an \"explain\" object (the dictionary lines\n"
    "                         and rules behind it) and write a \"no_event\" record, with the\n"
    "                         reason, for each sentence without an event\n"
    "  -h, --help             this help\n"
    "\n" ERRORS;

static const char UPKEEP_USAGE[] =
    "usage: evcode upkeep [OPTIONS] [FILE...|-]\n"
    "\n"
    "Codes the articles (the inputs and options of 'evcode code') and lists what\n"
    "the dictionaries missed, most frequent first: the names and noun phrases that\n"
    "stood where a matched verb pattern needed its source or target, each with two\n"
    "example sentences and a suggested line for data/en/actors.txt (the country\n"
    "and role guessed from the words around it, else the article's country; a\n"
    "comment to complete when nothing says), then the verbs right after known\n"
    "actors in sentences no pattern coded.\n"
    "\n"
    "  --format text|jsonl    text (the default on a terminal) or JSON Lines:\n"
    "                         {\"type\":\"missing_actor\",\"text\",\"count\",\"as_source\",\n"
    "                         \"as_target\",\"pattern\",\"suggest\",\"guessed\",\"examples\"}\n"
    "                         and {\"type\":\"missing_verb\",\"text\",\"count\",\"examples\"}\n"
    "\n" ERRORS;

static const char EXPLAIN_USAGE[] =
    "usage: evcode explain [OPTIONS] [FILE...|-]\n"
    "\n"
    "Codes the articles as 'evcode code' does (same inputs and options) and says\n"
    "why: for each event, the verb pattern and the actors' dictionary entries\n"
    "(file:line and the entry), how each actor was found (a name, a pronoun or role\n"
    "noun referring back to sentence N, ...), the rule that chose source and target,\n"
    "and the rules that set its date and place; for a sentence without an event,\n"
    "why (no verb pattern, no actor, a pattern skipped as negated, reported speech,\n"
    "no source or no target, discarded).\n"
    "\n"
    "  --format text|jsonl    text (the default on a terminal) or JSON Lines: the\n"
    "                         records of 'code --explain' (the default otherwise)\n"
    "\n" ERRORS;

typedef struct job {
    char *id;             /* article id (text inputs) or default id (JSONL) */
    char *data;           /* text, or a JSON line */
    size_t len;
    int json;             /* 0 text, 1 a JSON line, 2 an HTML page */
    char *url, *charset;  /* HTML pages: where from (WARC), the HTTP charset */
    const char *file;
    size_t line;
    /* results */
    evc_store_doc *sdoc;  /* snapshot for the store (--db) */
    char *out;
    size_t out_len, out_cap;
    char msg[512];
    int problem;
} job;

typedef struct config {
    evc_ctx *ctx;
    int records;
    evc_format format;
    const char *published;
    int stats;                               /* --stats: time the stages */
    int explain;          /* 1: --explain (JSON), 2: evcode explain's text, 3: evcode upkeep's gaps */
    evc_store *store;     /* --db: also store */
    int no_output;        /* ingest: store only */
} config;

typedef struct pool {
    config *cfg;
    job *jobs;
    size_t n, next, done;
    int quit;
    pthread_mutex_t mu;
    pthread_cond_t work, finished;
    unsigned gen;
    double stage_s[EVC_N_STAGES + 1];        /* --stats: summed over workers; the last is writing */
} pool;

static int append_out(void *user, const char *bytes, size_t len)
{
    job *j = user;
    if (j->out_len + len > j->out_cap) {
        size_t cap = j->out_cap ? j->out_cap : 4096;
        while (cap < j->out_len + len)
            cap *= 2;
        char *p = realloc(j->out, cap);
        if (!p)
            return 1;
        j->out = p;
        j->out_cap = cap;
    }
    memcpy(j->out + j->out_len, bytes, len);
    j->out_len += len;
    return 0;
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Codes job j; adds the time spent writing its records to *write_s under --stats. */
static void run_job(config *cfg, evc_doc *doc, job *j, double *write_s)
{
    evc_error err;
    memset(&err, 0, sizeof err);
    evc_status st;
    if (j->json == 2) {
        st = evc_doc_code_html(doc, j->data, j->len, j->id, j->url, j->charset, cfg->published, &err);
    } else if (j->json) {
        st = evc_doc_code_json(doc, j->data, j->len, j->id, cfg->published, &err);
    } else {
        evc_article a;
        memset(&a, 0, sizeof a);
        a.id = j->id;
        a.id_len = strlen(j->id);
        a.text = j->data;
        a.text_len = j->len;
        a.title_in_text = 1;
        if (cfg->published) {
            a.published = cfg->published;
            a.published_len = strlen(cfg->published);
        }
        st = evc_doc_code(doc, &a, &err);
    }
    if (st != EVC_OK) {
        size_t line = j->line ? j->line : 1;
        if (st == EVC_ERR_JSON)
            snprintf(j->msg, sizeof j->msg, "%s:%zu:%zu: %s; line skipped", j->file, line, err.col, err.msg);
        else
            snprintf(j->msg, sizeof j->msg, "%s:%zu: %s", j->file, line, err.msg[0] ? err.msg : evc_strerror(st));
        j->problem = 1;
        return;
    }
    evc_repairs rep;
    evc_doc_repairs(doc, &rep);
    if (rep.invalid_utf8 || rep.nul_bytes) {
        size_t line = j->json ? j->line : rep.first_line;
        snprintf(j->msg, sizeof j->msg, "%s:%zu: %zu invalid UTF-8 sequence(s) and %zu NUL byte(s) replaced", j->file,
                 line ? line : 1, rep.invalid_utf8, rep.nul_bytes);
        j->problem = 1;
    } else if (err.msg[0]) {
        snprintf(j->msg, sizeof j->msg, "%s:%zu: %s", j->file, j->line ? j->line : 1, err.msg);
        j->problem = 1;
    }
    if (cfg->store && evc_store_doc_new(doc, &j->sdoc) != EVC_OK) {
        snprintf(j->msg, sizeof j->msg, "%s:%zu: out of memory storing the article", j->file, j->line ? j->line : 1);
        j->problem = 1;
    }
    double t = cfg->stats ? now_s() : 0;
    evc_status wst = EVC_OK;
    if (!cfg->no_output)
        wst = cfg->explain == 2   ? evc_doc_explain_text(doc, append_out, j)
              : cfg->explain == 3 ? (upkeep_write(doc, append_out, j) ? EVC_ERR_NOMEM : EVC_OK)
                                  : evc_doc_write(doc, cfg->format, cfg->records, append_out, j);
    if (wst != EVC_OK) {
        snprintf(j->msg, sizeof j->msg, "%s:%zu: out of memory writing records", j->file, j->line ? j->line : 1);
        j->problem = 1;
    }
    if (cfg->stats)
        *write_s += now_s() - t;
}

static void *worker(void *arg)
{
    pool *p = arg;
    evc_doc *doc = evc_doc_new(p->cfg->ctx);
    evc_doc_set_timing(doc, p->cfg->stats);
    evc_doc_set_explain(doc, p->cfg->explain != 0);
    double write_s = 0;
    unsigned seen = 0;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->quit && (p->gen == seen || p->next >= p->n))
            pthread_cond_wait(&p->work, &p->mu);
        if (p->quit)
            break;
        size_t i = p->next++;
        pthread_mutex_unlock(&p->mu);
        if (doc)
            run_job(p->cfg, doc, &p->jobs[i], &write_s);
        else {
            snprintf(p->jobs[i].msg, sizeof p->jobs[i].msg, "%s: out of memory", p->jobs[i].file);
            p->jobs[i].problem = 1;
        }
        pthread_mutex_lock(&p->mu);
        if (++p->done == p->n) {
            seen = p->gen;
            pthread_cond_signal(&p->finished);
        }
    }
    double st[EVC_N_STAGES];
    evc_doc_stage_seconds(doc, st);
    for (int k = 0; k < EVC_N_STAGES; k++)
        p->stage_s[k] += st[k];
    p->stage_s[EVC_N_STAGES] += write_s;
    pthread_mutex_unlock(&p->mu);
    evc_doc_free(doc);
    return NULL;
}

typedef struct runner {
    config cfg;
    pool pool;
    pthread_t *threads;
    int nthreads;
    job *batch;
    size_t n, cap;
    int problems;
    int fatal;            /* the store failed: stop */
    ingest_watch *watch;  /* --db: webhook deliveries of the watchlists */
    evc_store_doc **sdocs;
    store_totals totals;
    /* --progress */
    int progress;
    size_t done_articles, done_bytes, total_bytes;
    struct timespec start, last;
} runner;

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

/* One line on stderr, rewritten in place: articles, MB, articles/s and,
 * when the input size is known, the time left. */
static void show_progress(runner *r, int final)
{
    if (!r->progress || (!final && seconds_since(&r->last) < 0.5))
        return;
    clock_gettime(CLOCK_MONOTONIC, &r->last);
    double el = seconds_since(&r->start);
    double rate = el > 0 ? (double)r->done_articles / el : 0, mbs = el > 0 ? (double)r->done_bytes / el : 0;
    fprintf(stderr, "\r%zu articles, %.1f MB, %.0f articles/s", r->done_articles, (double)r->done_bytes / 1048576.0,
            rate);
    if (r->total_bytes && mbs > 0 && r->done_bytes <= r->total_bytes)
        fprintf(stderr, ", %.0f s left", (double)(r->total_bytes - r->done_bytes) / mbs);
    fputs(final ? "\n" : "   ", stderr);
}

/* --stats: each stage's seconds (summed over the worker threads) and share. */
static void print_stage_times(const double *stage_s, double wall)
{
    double total = 0;
    for (int k = 0; k <= EVC_N_STAGES; k++)
        total += stage_s[k];
    fprintf(stderr, "stages (seconds over all threads; %.2f s wall):", wall);
    for (int k = 0; k <= EVC_N_STAGES; k++)
        fprintf(stderr, " %s %.3f (%.1f%%)", k < EVC_N_STAGES ? evc_stage_name((evc_stage)k) : "write", stage_s[k],
                total > 0 ? 100.0 * stage_s[k] / total : 0.0);
    fputc('\n', stderr);
}

static void flush_batch(runner *r)
{
    if (!r->n)
        return;
    pool *p = &r->pool;
    pthread_mutex_lock(&p->mu);
    p->jobs = r->batch;
    p->n = r->n;
    p->next = p->done = 0;
    p->gen++;
    pthread_cond_broadcast(&p->work);
    while (p->done < p->n)
        pthread_cond_wait(&p->finished, &p->mu);
    pthread_mutex_unlock(&p->mu);
    if (r->cfg.store && !r->fatal) {
        for (size_t i = 0; i < r->n; i++)
            r->sdocs[i] = r->batch[i].sdoc;
        r->fatal = store_cli_batch(r->cfg.store, r->sdocs, r->n, &r->totals);
        ingest_watch_kick(r->watch);
    }
    for (size_t i = 0; i < r->n; i++) {
        job *j = &r->batch[i];
        if (j->problem) {
            fprintf(stderr, "%s\n", j->msg);
            r->problems = 1;
        }
        if (j->out_len && r->cfg.explain == 3 && upkeep_add(j->out, j->out_len)) {
            fprintf(stderr, "evcode upkeep: out of memory\n");
            r->fatal = 1;
        } else if (j->out_len && r->cfg.explain != 3) {
            fwrite(j->out, 1, j->out_len, stdout);
        }
        r->done_articles++;
        r->done_bytes += j->len;
        evc_store_doc_free(j->sdoc);
        free(j->out);
        free(j->data);
        free(j->id);
        free(j->url);
        free(j->charset);
        memset(j, 0, sizeof *j);
    }
    r->n = 0;
    show_progress(r, 0);
}

static void add_job(runner *r, char *id, char *data, size_t len, int json, const char *file, size_t line)
{
    if (r->n == r->cap)
        flush_batch(r);
    job *j = &r->batch[r->n++];
    memset(j, 0, sizeof *j);
    j->id = id;
    j->data = data;
    j->len = len;
    j->json = json;
    j->file = file;
    j->line = line;
}

static char *base_id(const char *path)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    const char *dot = strrchr(b, '.');
    size_t n = dot && dot != b ? (size_t)(dot - b) : strlen(b);
    char *id = malloc(n + 1);
    if (id) {
        memcpy(id, b, n);
        id[n] = 0;
    }
    return id;
}

static int ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcmp(s + a - b, suf) == 0;
}

/* Reads JSON Lines from f; each line becomes a job. Lines longer than max
 * are skipped with a message, without being held in memory. */
typedef struct line_reader {
    runner *r;
    const char *file;
    char *buf;
    size_t len, cap, lineno, max;
    int skipping;
} line_reader;

static void line_append(line_reader *lr, const char *s, size_t n)
{
    if (lr->skipping || !n)
        return;
    if (lr->len + n > lr->max) {
        lr->skipping = 1;
        return;
    }
    if (lr->len + n + 1 > lr->cap) {
        size_t nc = lr->cap ? lr->cap : 4096;
        while (nc < lr->len + n + 1)
            nc *= 2;
        char *nb = realloc(lr->buf, nc);
        if (!nb) {
            lr->skipping = 2;
            return;
        }
        lr->buf = nb;
        lr->cap = nc;
    }
    memcpy(lr->buf + lr->len, s, n);
    lr->len += n;
}

static void line_done(line_reader *lr)
{
    runner *r = lr->r;
    lr->lineno++;
    if (lr->skipping) {
        if (lr->skipping == 1)
            fprintf(stderr, "%s:%zu: line longer than %zu bytes; skipped\n", lr->file, lr->lineno, lr->max);
        else
            fprintf(stderr, "%s:%zu: out of memory; line skipped\n", lr->file, lr->lineno);
        r->problems = 1;
    } else {
        size_t s = 0, e = lr->len;
        while (s < e && (lr->buf[s] == ' ' || lr->buf[s] == '\t' || lr->buf[s] == '\r'))
            s++;
        while (e > s && (lr->buf[e - 1] == ' ' || lr->buf[e - 1] == '\t' || lr->buf[e - 1] == '\r'))
            e--;
        if (e > s) {
            char *data = malloc(e - s + 1);
            char *base = base_id(lr->file);
            size_t il = (base ? strlen(base) : 0) + 32;
            char *id = malloc(il);
            if (!data || !id || !base) {
                free(data);
                free(id);
                free(base);
                fprintf(stderr, "%s:%zu: out of memory; line skipped\n", lr->file, lr->lineno);
                r->problems = 1;
            } else {
                memcpy(data, lr->buf + s, e - s);
                data[e - s] = 0;
                snprintf(id, il, "%s-%zu", base, lr->lineno);
                free(base);
                add_job(r, id, data, e - s, 1, lr->file, lr->lineno);
            }
        }
    }
    lr->len = 0;
    lr->skipping = 0;
}

static void read_jsonl(runner *r, FILE *f, const char *file, size_t max, const char *prefix, size_t plen)
{
    line_reader lr = {r, file, NULL, 0, 0, 0, max, 0};
    static char chunk[1 << 16];
    line_append(&lr, prefix, plen);
    for (;;) {
        size_t got = fread(chunk, 1, sizeof chunk, f);
        if (!got) {
            if (lr.len || lr.skipping)
                line_done(&lr);
            break;
        }
        for (size_t i = 0; i < got;) {
            char *nl = memchr(chunk + i, '\n', got - i);
            size_t take = nl ? (size_t)(nl - (chunk + i)) : got - i;
            line_append(&lr, chunk + i, take);
            i += take;
            if (!nl)
                break;
            i++;
            line_done(&lr);
        }
    }
    if (ferror(f)) {
        fprintf(stderr, "%s: read error: %s\n", file, strerror(errno));
        r->problems = 1;
    } else if (lr.lineno == 0) {
        fprintf(stderr, "%s:1: empty input; skipped\n", file);
        r->problems = 1;
    }
    free(lr.buf);
}

static void read_text(runner *r, FILE *f, const char *file, const char *id_from, size_t max, const char *prefix,
                      size_t plen)
{
    size_t len = 0;
    int too_big;
    char *buf = read_all(f, prefix, plen, max, &len, &too_big);
    if (!buf) {
        fprintf(stderr, "%s: out of memory\n", file);
        r->problems = 1;
        return;
    }
    if (too_big || len > max) {
        fprintf(stderr, "%s:1: article larger than %zu bytes; skipped\n", file, max);
        r->problems = 1;
        free(buf);
        return;
    }
    if (ferror(f)) {
        fprintf(stderr, "%s: read error: %s\n", file, strerror(errno));
        r->problems = 1;
        free(buf);
        return;
    }
    buf[len] = 0;
    char *id = base_id(id_from);
    if (!id) {
        free(buf);
        return;
    }
    add_job(r, id, buf, len, 0, file, 1);
}

static char *dup_or_null(const char *s)
{
    char *d = s ? malloc(strlen(s) + 1) : NULL;
    if (d)
        strcpy(d, s);
    return d;
}

/* An HTML page from web_read(): a job of its own (extracted in a worker). */
static void add_page(void *user, web_page *p)
{
    runner *r = user;
    char *id = dup_or_null(p->id);
    if (!id) {
        free(p->data);
        fprintf(stderr, "%s:%zu: out of memory\n", p->file, p->line);
        r->problems = 1;
        return;
    }
    add_job(r, id, p->data, p->len, 2, p->file, p->line);
    r->batch[r->n - 1].url = dup_or_null(p->url);
    r->batch[r->n - 1].charset = dup_or_null(p->charset);
}

static int codable(const char *path)
{
    return web_is_page_path(path) || ends_with(path, ".txt") || ends_with(path, ".jsonl");
}

static void read_input(runner *r, const char *path, size_t max);

typedef struct walk_arg {
    runner *r;
    size_t max, n;
} walk_arg;

static void walk_input(void *user, const char *path)
{
    walk_arg *w = user;
    w->n++;
    read_input(w->r, path, w->max);
}

static void read_input(runner *r, const char *path, size_t max)
{
    struct stat sb;
    if (strcmp(path, "-") != 0 && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        walk_arg w = {r, max, 0};
        r->problems |= web_walk(path, codable, walk_input, &w);
        if (!w.n) {
            fprintf(stderr, "%s: directory without input files (.txt, .jsonl, .html, .htm, .warc); skipped\n", path);
            r->problems = 1;
        }
        return;
    }
    if (strcmp(path, "-") != 0 && web_is_page_path(path)) {
        r->problems |= web_read(path, max, add_page, r);
        return;
    }
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    const char *label = is_stdin ? "<stdin>" : path;
    if (!f) {
        fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
        r->problems = 1;
        return;
    }
    if (is_stdin || !(ends_with(path, ".jsonl") || ends_with(path, ".txt"))) {
        /* sniff: JSON Lines when the first non-space byte is '{' */
        char head[4096];
        size_t n = 0;
        int c;
        while (n < sizeof head && (c = fgetc(f)) != EOF) {
            head[n++] = (char)c;
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                break;
        }
        if (n == 0 && ferror(f)) {
            fprintf(stderr, "%s: read error: %s\n", label, strerror(errno));
            r->problems = 1;
        } else if (n == 0) {
            fprintf(stderr, "%s:1: empty input; skipped\n", label);
            r->problems = 1;
        } else if (head[n - 1] == '{') {
            read_jsonl(r, f, label, max, head, n);
        } else {
            read_text(r, f, label, is_stdin ? "stdin" : path, max, head, n);
        }
    } else if (ends_with(path, ".jsonl")) {
        read_jsonl(r, f, label, max, NULL, 0);
    } else {
        read_text(r, f, label, path, max, NULL, 0);
    }
    if (!is_stdin)
        fclose(f);
}

static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-')
        return -1;
    *out = (size_t)v;
    return 0;
}

static int valid_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int m = atoi(s + 5), d = atoi(s + 8);
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static int load_ctx(const evc_options *opts, evc_ctx **ctx)
{
    evc_error err;
    evc_status st = evc_ctx_new(opts, ctx, &err);
    if (st != EVC_OK) {
        if (err.file[0])
            fprintf(stderr, "evcode: %s:%zu: %s\n", err.file, err.line, err.msg);
        else
            fprintf(stderr, "evcode: cannot load dictionaries: %s%s%s\n", evc_strerror(st), err.msg[0] ? ": " : "",
                    err.msg);
        return 1;
    }
    return 0;
}

static const char *default_dict(void)
{
    const char *env = getenv("EVCODE_DATA");
    return env && *env ? env : NULL;
}

const char *evc_cli_cache_dir(void)
{
    static char buf[4096];
    return evc_default_cache_dir(buf, sizeof buf);
}

/* code (mode 0), ingest (1), explain (2) and upkeep (3): one runner, four outputs */
static int cmd_code(int argc, char **argv, int mode)
{
    int ingest = mode == 1;
    evc_options opts;
    evc_options_default(&opts);
    opts.dict_dir = default_dict();
    opts.cache_dir = evc_cli_cache_dir();
    runner r;
    memset(&r, 0, sizeof r);
    r.cfg.records = EVC_REC_EVENTS;
    r.cfg.format = EVC_FORMAT_JSONL;
    long nthreads = sysconf(_SC_NPROCESSORS_ONLN);
    const char *db = NULL;
    size_t batch = 0;
    r.cfg.no_output = ingest;
    char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    int ninputs = 0;
    if (!inputs)
        return 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(mode == 3 ? UPKEEP_USAGE : mode == 2 ? EXPLAIN_USAGE : CODE_USAGE, stdout);
            free(inputs);
            return 0;
        } else if (!strcmp(a, "--explain")) {
            r.cfg.explain = 1;
        } else if (mode >= 2 && !strcmp(a, "--format") && val && !strcmp(val, "text")) {
            r.cfg.explain = 2;
            i++;
        } else if (!strcmp(a, "--quotes")) {
            r.cfg.records |= EVC_REC_QUOTES;
        } else if (!strcmp(a, "--articles")) {
            r.cfg.records |= EVC_REC_ARTICLES;
        } else if (!strcmp(a, "--published") && val) {
            if (!valid_date(val)) {
                fprintf(stderr, "evcode code: --published wants YYYY-MM-DD, not '%s'\n", val);
                free(inputs);
                return 1;
            }
            r.cfg.published = val;
            i++;
        } else if (!strcmp(a, "--dict") && val) {
            opts.dict_dir = val;
            i++;
        } else if (!strcmp(a, "--no-cache")) {
            opts.cache_dir = NULL;
        } else if (!strcmp(a, "--joint-codes")) {
            opts.joint_codes = 1;
        } else if (!strcmp(a, "--format") && val) {
            if (!strcmp(val, "jsonl"))
                r.cfg.format = EVC_FORMAT_JSONL;
            else if (!strcmp(val, "tsv"))
                r.cfg.format = EVC_FORMAT_TSV;
            else {
                fprintf(stderr, "evcode code: unknown format '%s' (jsonl or tsv)\n", val);
                free(inputs);
                return 1;
            }
            i++;
        } else if (!strcmp(a, "--threads") && val) {
            size_t n;
            if (parse_size(val, &n) || n < 1 || n > 256) {
                fprintf(stderr, "evcode code: --threads wants 1..256\n");
                free(inputs);
                return 1;
            }
            nthreads = (long)n;
            i++;
        } else if (!strcmp(a, "--max-bytes") && val) {
            if (parse_size(val, &opts.max_article_bytes) || !opts.max_article_bytes ||
                opts.max_article_bytes > EVC_MAX_ARTICLE_BYTES) {
                fprintf(stderr, "evcode code: --max-bytes wants 1..%zu\n", EVC_MAX_ARTICLE_BYTES);
                free(inputs);
                return 1;
            }
            i++;
        } else if (!strcmp(a, "--min-words") && val) {
            size_t n;
            if (parse_size(val, &n) || n > 10000) {
                fprintf(stderr, "evcode code: --min-words wants 0..10000\n");
                free(inputs);
                return 1;
            }
            opts.min_sentence_words = (int)n;
            i++;
        } else if (!strcmp(a, "--db") && val) {
            db = val;
            i++;
        } else if (!strcmp(a, "--batch") && val) {
            if (parse_size(val, &batch) || batch < 1 || batch > 100000) {
                fprintf(stderr, "evcode code: --batch wants 1..100000\n");
                free(inputs);
                return 1;
            }
            i++;
        } else if (!strcmp(a, "--progress")) {
            r.progress = 1;
        } else if (!strcmp(a, "--stats")) {
            r.cfg.stats = 1;
        } else if (!strcmp(a, "--first-sentences") && val) {
            size_t n;
            if (parse_size(val, &n) || n > 1000000) {
                fprintf(stderr, "evcode code: --first-sentences wants 0..1000000\n");
                free(inputs);
                return 1;
            }
            opts.max_sentences = (int)n;
            i++;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "evcode code: unknown option or missing value: %s\n%s", a, CODE_USAGE);
            free(inputs);
            return 1;
        } else {
            inputs[ninputs++] = argv[i];
        }
    }
    if (ingest && !db) {
        fprintf(stderr, "evcode ingest: --db FILE is required\n");
        free(inputs);
        return 1;
    }
    int text = r.cfg.explain == 2 || (isatty(STDOUT_FILENO) && r.cfg.format == EVC_FORMAT_JSONL);
    if (mode == 2 && !r.cfg.explain) /* text on a terminal, JSON Lines otherwise */
        r.cfg.explain = text ? 2 : 1;
    if (mode == 3) {
        if (db) {
            fprintf(stderr, "evcode upkeep: --db is not taken\n");
            free(inputs);
            return 1;
        }
        r.cfg.explain = 3;
    }
    if (r.cfg.explain == 1)
        r.cfg.records |= EVC_REC_EXPLAIN;
    if (r.cfg.explain && r.cfg.format == EVC_FORMAT_TSV) {
        fprintf(stderr, "evcode: explanations are JSON Lines or text, not TSV\n");
        free(inputs);
        return 1;
    }
    if (!ninputs)
        inputs[ninputs++] = "-";
    if (nthreads < 1)
        nthreads = 1;
    if (load_ctx(&opts, &r.cfg.ctx)) {
        free(inputs);
        return 1;
    }
    if (db && store_cli_open(db, &r.cfg.store)) {
        evc_ctx_free(r.cfg.ctx);
        free(inputs);
        return 1;
    }
    if (db)
        r.watch = ingest_watch_start(db, r.cfg.store);
    r.cap = batch ? batch : (size_t)nthreads * 32;
    r.batch = calloc(r.cap, sizeof *r.batch);
    r.sdocs = calloc(r.cap, sizeof *r.sdocs);
    r.threads = calloc((size_t)nthreads, sizeof *r.threads);
    if (!r.batch || !r.threads || !r.sdocs) {
        fprintf(stderr, "evcode: out of memory\n");
        return 1;
    }
    r.pool.cfg = &r.cfg;
    pthread_mutex_init(&r.pool.mu, NULL);
    pthread_cond_init(&r.pool.work, NULL);
    pthread_cond_init(&r.pool.finished, NULL);
    for (long t = 0; t < nthreads; t++)
        if (pthread_create(&r.threads[r.nthreads], NULL, worker, &r.pool) == 0)
            r.nthreads++;
    if (!r.nthreads) {
        fprintf(stderr, "evcode: cannot start worker threads\n");
        return 1;
    }
    static char outbuf[1 << 16];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    if (r.cfg.format == EVC_FORMAT_TSV && !ingest)
        fputs(evc_tsv_header(), stdout);
    if (!r.progress)
        r.progress = isatty(STDERR_FILENO);
    for (int i = 0; i < ninputs; i++) {
        struct stat sb;
        if (strcmp(inputs[i], "-") != 0 && stat(inputs[i], &sb) == 0)
            r.total_bytes += (size_t)sb.st_size;
    }
    clock_gettime(CLOCK_MONOTONIC, &r.start);
    r.last = r.start;
    for (int i = 0; i < ninputs && !r.fatal; i++)
        read_input(&r, inputs[i], opts.max_article_bytes);
    flush_batch(&r);
    show_progress(&r, 1);
    pthread_mutex_lock(&r.pool.mu);
    r.pool.quit = 1;
    pthread_cond_broadcast(&r.pool.work);
    pthread_mutex_unlock(&r.pool.mu);
    for (int t = 0; t < r.nthreads; t++)
        pthread_join(r.threads[t], NULL);
    if (r.cfg.stats)
        print_stage_times(r.pool.stage_s, seconds_since(&r.start));
    if (ingest && !r.fatal)
        store_cli_summary(&r.totals, r.cfg.store);
    ingest_watch_finish(r.watch, r.cfg.store, ingest && !r.fatal ? stdout : NULL);
    if (mode == 3 && !r.fatal)
        upkeep_print(stdout, text);
    evc_store_close(r.cfg.store);
    int bad_write = fflush(stdout) != 0 || ferror(stdout);
    if (bad_write)
        fprintf(stderr, "evcode: error writing output: %s\n", strerror(errno));
    evc_ctx_free(r.cfg.ctx);
    free(r.sdocs);
    free(r.batch);
    free(r.threads);
    free(inputs);
    return bad_write || r.fatal ? 1 : r.problems ? 2 : 0;
}

static void print_dict_error(void *user, const evc_error *err)
{
    (void)user;
    if (err->file[0])
        fprintf(stderr, "%s:%zu: %s\n", err->file, err->line, err->msg);
    else
        fprintf(stderr, "evcode: %s\n", err->msg[0] ? err->msg : evc_strerror(err->code));
}

static void print_stats(const evc_dict_stats *st)
{
    printf("files\t%zu\nactors\t%zu\n  countries\t%zu\n  people\t%zu\n  organisations\t%zu\nagents\t%zu\n"
           "verb_patterns\t%zu\ncameo_codes\t%zu\nlemmas\t%zu\n",
           st->files, st->actors, st->countries, st->people, st->organisations, st->agents, st->verb_patterns,
           st->cameo_codes, st->lemmas);
    if (st->places)
        printf("places\t%zu\n", st->places);
    if (st->discards || st->issues || st->synsets || st->skipped_lines)
        printf("discards\t%zu\nissues\t%zu\nsynsets\t%zu\nskipped_lines\t%zu\n", st->discards, st->issues,
               st->synsets, st->skipped_lines);
}

static int cmd_dict(int argc, char **argv)
{
    int no_cache = argc > 2 && !strcmp(argv[argc - 1], "--no-cache");
    argc -= no_cache;
    if (argc < 2 || argc > 3 || (strcmp(argv[1], "stats") != 0 && strcmp(argv[1], "check") != 0)) {
        fputs("usage: evcode dict stats [DIR] [--no-cache]   count the entries of each kind\n"
              "       evcode dict check [DIR]                report every malformed line as file:line: reason\n",
              stderr);
        return 1;
    }
    const char *dir = argc > 2 ? argv[2] : default_dict();
    evc_dict_stats st;
    if (!strcmp(argv[1], "check")) {
        evc_status rc = evc_dict_check(dir, print_dict_error, NULL, &st);
        print_stats(&st);
        return rc == EVC_OK ? 0 : 1;
    }
    evc_options opts;
    evc_options_default(&opts);
    opts.dict_dir = dir;
    opts.cache_dir = no_cache ? NULL : evc_cli_cache_dir();
    evc_ctx *ctx;
    if (load_ctx(&opts, &ctx))
        return 1;
    evc_ctx_stats(ctx, &st);
    print_stats(&st);
    static const char *const CACHE[] = {"off", "loaded", "written"};
    printf("cache\t%s\n", CACHE[st.cache >= 0 && st.cache <= 2 ? st.cache : 0]);
    /* every CAMEO code with its number of verb patterns */
    size_t n, missing = 0;
    const char *code;
    printf("patterns per CAMEO code:\n");
    for (size_t i = 0; (code = evc_ctx_cameo_code(ctx, i, &n)); i++) {
        printf("%s\t%zu\n", code, n);
        missing += n == 0;
    }
    evc_ctx_free(ctx);
    if (missing)
        fprintf(stderr, "evcode: %zu CAMEO code(s) have no verb pattern\n", missing);
    return missing ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(USAGE, stderr);
        return 1;
    }
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        fputs(USAGE, stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("evcode %s (record schema v%d)\n", EVC_VERSION, EVC_SCHEMA_VERSION);
        return 0;
    }
    if (!strcmp(argv[1], "code"))
        return cmd_code(argc - 1, argv + 1, 0);
    if (!strcmp(argv[1], "explain"))
        return cmd_code(argc - 1, argv + 1, 2);
    if (!strcmp(argv[1], "upkeep"))
        return cmd_code(argc - 1, argv + 1, 3);
    if (!strcmp(argv[1], "ingest"))
        return cmd_code(argc - 1, argv + 1, 1);
    if (!strcmp(argv[1], "export"))
        return cmd_export(argc - 1, argv + 1);
    if (!strcmp(argv[1], "query"))
        return cmd_query(argc - 1, argv + 1);
    if (!strcmp(argv[1], "serve"))
        return cmd_serve(argc - 1, argv + 1);
    if (!strcmp(argv[1], "watch"))
        return cmd_watch(argc - 1, argv + 1);
    if (!strcmp(argv[1], "dict"))
        return cmd_dict(argc - 1, argv + 1);
    if (!strcmp(argv[1], "extract"))
        return cmd_extract(argc - 1, argv + 1);
    if (!strcmp(argv[1], "validate"))
        return cmd_validate(argc - 1, argv + 1);
    fprintf(stderr, "evcode: unknown command '%s'\n%s", argv[1], USAGE);
    return 1;
}
