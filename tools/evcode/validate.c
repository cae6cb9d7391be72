/*
 * evcode validate SUITE: codes the records of a peer validation suite (the
 * TABARI Validate.project / .text format, or PETRARCH / UD-PETRARCH XML
 * records) with the dictionaries the suite names and compares events.
 *
 * Only each record's text is coded, never a parse the suite supplies. A
 * record passes when the set of (source, target, code) it yields is the set
 * it expects. Output: each failing record (id, expected, got), then
 * "events: expected N, found N (P%), extra N (Q%)" and "N passed, N failed".
 */
#define _POSIX_C_SOURCE 200809L
#include "validate.h"
#include "readall.h"
#include "suite.h"
#include "evcode.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    int too_big;
    char *b = read_all(f, NULL, 0, (size_t)1 << 30, len, &too_big);
    int bad = ferror(f) || too_big;
    fclose(f);
    if (bad) {
        free(b);
        return NULL;
    }
    return b;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Is `name` beside the suite, else in dict_dir? Writes the path found. */
static int locate(const char *suite_path, const char *dict_dir, const char *name, size_t n, char *out, size_t cap)
{
    const char *slash = strrchr(suite_path, '/');
    struct stat sb;
    snprintf(out, cap, "%.*s/%.*s", slash ? (int)(slash - suite_path) : 1, slash ? suite_path : ".", (int)n, name);
    if (stat(out, &sb) == 0)
        return 1;
    if (dict_dir) {
        snprintf(out, cap, "%s/%.*s", dict_dir, (int)n, name);
        if (stat(out, &sb) == 0)
            return 1;
    }
    return 0;
}

static int read_tabari(suite *S, const char *project, const char *dict_dir)
{
    size_t len;
    char *p = slurp(project, &len);
    if (!p) {
        fprintf(stderr, "evcode: cannot read %s\n", project);
        return -1;
    }
    char textfile[4096] = "";
    size_t n;
    const char *t = suite_tabari_textfile(p, &n);
    if (t && !locate(project, dict_dir, t, n, textfile, sizeof textfile))
        textfile[0] = 0;
    free(p);
    if (!textfile[0]) {
        fprintf(stderr, "evcode: %s names no <textfile> that can be found\n", project);
        return -1;
    }
    if (suite_add_file(S, "project", project))
        return -1;
    char *buf = slurp(textfile, &len);
    if (!buf) {
        fprintf(stderr, "evcode: cannot read %s\n", textfile);
        return -1;
    }
    suite_tabari_records(S, buf);
    S->tabari = 1;
    free(buf);
    return 0;
}

typedef struct env_ctx {
    suite *S;
    const char *path, *dict_dir;
} env_ctx;

/* A dictionary named by a PETRARCH <Environment>: found beside the records
 * file or in --dict, and added to the suite's files. */
static int env_file(void *user, const char *kind, const char *name, size_t n)
{
    env_ctx *c = user;
    char full[4096];
    if (!locate(c->path, c->dict_dir, name, n, full, sizeof full)) {
        if (!strcmp(kind, "pico")) { /* optional: without it negated acts are not coded */
            fprintf(stderr, "evcode: %s names the ontology %.*s, found neither beside it nor in %s: negated acts are not coded\n",
                    c->path, (int)n, name, c->dict_dir ? c->dict_dir : "(no --dict)");
            return 0;
        }
        fprintf(stderr, "evcode: %s names %.*s, found neither beside it nor in %s\n", c->path, (int)n, name,
                c->dict_dir ? c->dict_dir : "(no --dict)");
        return -1;
    }
    return suite_add_file(c->S, kind, full);
}

static int read_xml(suite *S, const char *path, const char *dict_dir)
{
    size_t len;
    char *buf = slurp(path, &len);
    if (!buf) {
        fprintf(stderr, "evcode: cannot read %s\n", path);
        return -1;
    }
    suite_xml_uncomment(buf);
    env_ctx c = {S, path, dict_dir};
    if (suite_xml_env(buf, env_file, &c)) {
        free(buf);
        return -1;
    }
    if (!S->n_files) {
        fprintf(stderr, "evcode: %s has no <Environment> naming its dictionaries\n", path);
        free(buf);
        return -1;
    }
    S->joint_codes = suite_xml_ud(buf);
    suite_xml_records(S, buf);
    free(buf);
    return 0;
}

/* ---- running ---------------------------------------------------------------- */

static void print_set(const char *label, char **ev, int n)
{
    printf("  %s:", label);
    if (!n)
        printf(" (none)");
    for (int i = 0; i < n; i++)
        printf("%s %s", i ? " |" : "", ev[i]);
    printf("\n");
}

static int open_ctx(const evc_options *o, evc_ctx **ctx, evc_doc **doc)
{
    evc_error err;
    evc_status st = evc_ctx_new(o, ctx, &err);
    if (st) {
        fprintf(stderr, "evcode: %s%s%zu: %s\n", err.file, err.file[0] ? ":" : "", err.line,
                err.msg[0] ? err.msg : evc_strerror(st));
        return -1;
    }
    return (*doc = evc_doc_new(*ctx)) ? 0 : -1;
}

/* A new context (and document) coding with the TABARI options *tab. */
static int reopen_ctx(evc_options *o, const evc_tabari_options *tab, evc_ctx **ctx, evc_doc **doc)
{
    o->tabari = tab;
    evc_doc_free(*doc);
    evc_ctx_free(*ctx);
    *doc = NULL;
    *ctx = NULL;
    return open_ctx(o, ctx, doc);
}

/* Applies the option commands (a line each) to *t; 1 when they changed it. */
static int tabari_commands(evc_tabari_options *t, const char *cmds)
{
    evc_tabari_options was = *t;
    for (const char *p = cmds; *p;) {
        size_t n = strcspn(p, "\n");
        evc_tabari_option(t, p, n);
        p += n + (p[n] == '\n');
    }
    return memcmp(&was, t, sizeof was) != 0;
}

/* ---- TABARI's FORWARD: stories ------------------------------------------------ */

/* The FORWARD command among the option commands (a line each) into fwd:
 * its pattern ("^^*****NNN*SSS"), or "" for "FORWARD: ... OFF". */
static void forward_option(char *fwd, size_t cap, const char *cmds)
{
    for (const char *p = strstr(cmds, "FORWARD:"); p; p = strstr(p + 8, "FORWARD:")) {
        size_t n = strcspn(p, "\n");
        const char *q = p + 8 + strspn(p + 8, " \t");
        size_t pl = strcspn(q, " \t\n");
        const char *off = strstr(q, "OFF");
        if ((off && off < p + n) || pl >= cap)
            fwd[0] = 0;
        else
            snprintf(fwd, cap, "%.*s", (int)pl, q);
    }
}

/* A record id's story under a FORWARD pattern: the id without the
 * characters the pattern marks S (its sentence number). The pattern's
 * leading '^' are not part of the id. 0 when the id does not fit it. */
static int story_key(const char *pattern, const char *id, char *out, size_t cap)
{
    while (*pattern == '^')
        pattern++;
    size_t n = strlen(pattern), o = 0;
    if (strlen(id) != n || n >= cap)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (pattern[k] != 'S')
            out[o++] = id[k];
    out[o] = 0;
    return 1;
}

/* s with each run of white space as one space, trimmed (malloc'd), or NULL. */
static char *squeeze(const char *s)
{
    char *o = malloc(strlen(s) + 1), *w = o;
    if (!o)
        return NULL;
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            *w++ = *s;
        else if (w > o && w[-1] != ' ')
            *w++ = ' ';
    while (w > o && w[-1] == ' ')
        w--;
    *w = 0;
    return o;
}

/* Does the text hold the sentence, white space aside? */
static int holds(const char *text, const char *sentence)
{
    char *a = squeeze(text), *b = squeeze(sentence);
    int in = a && b && strstr(a, b) != NULL;
    free(a);
    free(b);
    return in;
}

/* Codes the records v[0..n) as one article (a story, their texts its
 * paragraphs, dated by the first) and adds each event to got[k] for the
 * record whose text holds its sentence. */
static void code_story(evc_doc *doc, const suite_record *v, size_t n, suite_record *got)
{
    size_t len = 0;
    for (size_t k = 0; k < n; k++)
        len += strlen(v[k].text) + 2;
    char *text = n > 1 ? malloc(len + 1) : NULL;
    if (n > 1 && !text)
        return;
    if (text) {
        text[0] = 0;
        for (size_t k = 0; k < n; k++)
            strcat(strcat(text, v[k].text), "\n\n");
    }
    evc_article a;
    memset(&a, 0, sizeof a);
    a.id = v[0].id;
    a.id_len = strlen(v[0].id);
    a.published = v[0].date;
    a.published_len = 10;
    a.text = text ? text : v[0].text;
    a.text_len = strlen(a.text);
    if (evc_doc_code(doc, &a, NULL) == EVC_OK)
        for (size_t e = 0; e < evc_doc_n_events(doc); e++) {
            const evc_event *ev = evc_doc_event(doc, e);
            size_t k = 0;
            while (n > 1 && k + 1 < n && !holds(v[k].text, ev->sentence))
                k++;
            suite_add_event(&got[k], ev->source, strlen(ev->source), ev->target, strlen(ev->target), ev->code,
                            strlen(ev->code));
        }
    free(text);
}

typedef struct tally {
    size_t pass, fail, expected, found, extra, coded;
} tally;

/* Compares the events got for record r with those it expects. */
static void score(tally *t, suite_record *r, suite_record *got, int quiet)
{
    qsort(r->ev, (size_t)r->n_ev, sizeof *r->ev, cmp_str);
    qsort(got->ev, (size_t)got->n_ev, sizeof *got->ev, cmp_str);
    int same = r->n_ev == got->n_ev;
    size_t hit = 0;
    for (int k = 0; k < got->n_ev; k++) {
        int in = 0;
        for (int j = 0; j < r->n_ev && !in; j++)
            in = !strcmp(got->ev[k], r->ev[j]);
        hit += (size_t)in;
        same &= in;
    }
    t->expected += (size_t)r->n_ev;
    t->found += hit;
    t->coded += (size_t)got->n_ev;
    t->extra += (size_t)got->n_ev - hit;
    if (same) {
        t->pass++;
    } else {
        t->fail++;
        if (!quiet) {
            printf("FAIL %s\n", r->id);
            print_set("expected", r->ev, r->n_ev);
            print_set("got", got->ev, got->n_ev);
        }
    }
}

int cmd_validate(int argc, char **argv)
{
    const char *suite_path = NULL, *dict_dir = NULL;
    int quiet = 0, no_cache = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--dict") && i + 1 < argc)
            dict_dir = argv[++i];
        else if (!strcmp(argv[i], "--quiet"))
            quiet = 1;
        else if (!strcmp(argv[i], "--no-cache"))
            no_cache = 1;
        else if (argv[i][0] != '-' && !suite_path)
            suite_path = argv[i];
        else {
            fprintf(stderr, "usage: evcode validate SUITE [--dict DIR] [--quiet] [--no-cache]\n"
                            "  SUITE: a TABARI .project, or PETRARCH / UD-PETRARCH validation records (.xml)\n");
            return 1;
        }
    }
    if (!suite_path) {
        fprintf(stderr, "usage: evcode validate SUITE [--dict DIR] [--quiet] [--no-cache]\n");
        return 1;
    }
    suite S;
    memset(&S, 0, sizeof S);
    size_t pl = strlen(suite_path);
    int rc = pl > 8 && !strcmp(suite_path + pl - 8, ".project") ? read_tabari(&S, suite_path, dict_dir)
                                                               : read_xml(&S, suite_path, dict_dir);
    evc_ctx *ctx = NULL;
    evc_doc *doc = NULL;
    evc_options o;
    evc_options_default(&o);
    o.dict_files = (const char *const *)S.files;
    o.n_dict_files = S.n_files;
    o.cache_dir = no_cache ? NULL : evc_cli_cache_dir();
    o.joint_codes = S.joint_codes;
    if (rc == 0)
        rc = open_ctx(&o, &ctx, &doc);
    evc_tabari_options tab; /* in force: TABARI's OPTION records change them */
    if (ctx)
        evc_ctx_tabari_options(ctx, &tab);
    const char *tabari_default = "SET: MINIMUM WORDS = 8"; /* TABARI's, which its suite assumes */
    if (ctx && S.tabari && !tab.min_words && tabari_commands(&tab, tabari_default))
        rc = reopen_ctx(&o, &tab, &ctx, &doc);
    tally t = {0};
    char fwd[64] = ""; /* TABARI's FORWARD pattern: the records of a story are coded as one article */
    for (size_t i = 0; rc == 0 && i < S.n;) {
        suite_record *r = &S.v[i];
        if (r->options) {
            forward_option(fwd, sizeof fwd, r->options);
            if (tabari_commands(&tab, r->options) && (rc = reopen_ctx(&o, &tab, &ctx, &doc)))
                break;
        }
        size_t j = i + 1; /* the story [i, j) */
        char key[64], next[64];
        if (fwd[0] && story_key(fwd, r->id, key, sizeof key))
            while (j < S.n && !S.v[j].options && story_key(fwd, S.v[j].id, next, sizeof next) && !strcmp(key, next))
                j++;
        suite_record *got = calloc(j - i, sizeof *got);
        if (!got) {
            rc = -1;
            break;
        }
        code_story(doc, &S.v[i], j - i, got);
        for (size_t k = i; k < j; k++) {
            score(&t, &S.v[k], &got[k - i], quiet);
            for (int e = 0; e < got[k - i].n_ev; e++)
                free(got[k - i].ev[e]);
        }
        free(got);
        i = j;
    }
    if (rc == 0) {
        printf("events: expected %zu, found %zu (%.1f%%), extra %zu (%.1f%% of %zu coded)\n", t.expected, t.found,
               t.expected ? 100.0 * (double)t.found / (double)t.expected : 0.0, t.extra,
               t.coded ? 100.0 * (double)t.extra / (double)t.coded : 0.0, t.coded);
        printf("%zu passed, %zu failed\n", t.pass, t.fail);
    }
    evc_doc_free(doc);
    evc_ctx_free(ctx);
    suite_free(&S);
    return rc == 0 ? 0 : 1;
}
