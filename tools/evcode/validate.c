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
#include "evcode.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { MAX_EV = 32 };

typedef struct record {
    char *id, *date, *text;    /* date YYYY-MM-DD */
    char *ev[MAX_EV];          /* "SRC TGT CODE", sorted */
    int n_ev;
} record;

typedef struct suite {
    record *v;
    size_t n, cap;
    char *files[16];           /* "KIND:PATH" for the context */
    size_t n_files;
    size_t skipped;            /* records not evaluated */
} suite;

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

static char *dupn(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = 0;
    }
    return d;
}

static record *add_record(suite *S)
{
    if (S->n == S->cap) {
        size_t nc = S->cap ? S->cap * 2 : 64;
        record *nv = realloc(S->v, nc * sizeof *nv);
        if (!nv)
            return NULL;
        S->v = nv;
        S->cap = nc;
    }
    record *r = &S->v[S->n++];
    memset(r, 0, sizeof *r);
    return r;
}

static void add_event(record *r, const char *src, size_t sl, const char *tgt, size_t tl, const char *code, size_t cl)
{
    if (r->n_ev >= MAX_EV)
        return;
    char buf[256];
    snprintf(buf, sizeof buf, "%.*s %.*s %.*s", (int)sl, src, (int)tl, tgt, (int)cl, code);
    for (char *p = buf; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 32);
    for (int i = 0; i < r->n_ev; i++)
        if (!strcmp(r->ev[i], buf))
            return; /* a set */
    r->ev[r->n_ev++] = dupn(buf, strlen(buf));
}

static void free_record(record *r)
{
    free(r->id);
    free(r->date);
    free(r->text);
    for (int k = 0; k < r->n_ev; k++)
        free(r->ev[k]);
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

static int add_file(suite *S, const char *kind, const char *path)
{
    char buf[8192];
    snprintf(buf, sizeof buf, "%s:%s", kind, path);
    if (S->n_files >= sizeof S->files / sizeof S->files[0] || !(S->files[S->n_files] = dupn(buf, strlen(buf))))
        return -1;
    S->n_files++;
    return 0;
}

/* ---- TABARI ----------------------------------------------------------------- */

static void date6(const char *s, char out[11])
{
    int yy = (s[0] - '0') * 10 + (s[1] - '0');
    snprintf(out, 11, "%d-%.2s-%.2s", yy < 30 ? 2000 + yy : 1900 + yy, s + 2, s + 4);
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
    const char *t = strstr(p, "<textfile>");
    if (t) {
        t += 10;
        while (*t == ' ' || *t == '\t')
            t++;
        size_t n = strcspn(t, " \t\r\n");
        if (!locate(project, dict_dir, t, n, textfile, sizeof textfile))
            textfile[0] = 0;
    }
    free(p);
    if (!textfile[0]) {
        fprintf(stderr, "evcode: %s names no <textfile> that can be found\n", project);
        return -1;
    }
    if (add_file(S, "project", project))
        return -1;
    char *buf = slurp(textfile, &len);
    if (!buf) {
        fprintf(stderr, "evcode: cannot read %s\n", textfile);
        return -1;
    }
    /* records: "YYMMDD ID" line, text, then a comment holding "{ SRC / TGT / CODE }" */
    char *s = buf;
    while (s && *s) {
        char *nl = strchr(s, '\n');
        size_t ll = nl ? (size_t)(nl - s) : strlen(s);
        int head = ll > 8 && strspn(s, "0123456789") == 6 && (s[6] == ' ' || s[6] == '\t');
        if (!head) {
            s = nl ? nl + 1 : NULL;
            continue;
        }
        char *id = s + 6;
        while (*id == ' ' || *id == '\t')
            id++;
        size_t il = strcspn(id, " \t\r\n");
        if (il >= 5 && !strncmp(id, "FINAL", 5))
            break; /* the end of the standard records */
        char *body = nl ? nl + 1 : s + ll;
        char *cm = strstr(body, "/*");
        char *ce = cm ? strstr(cm, "*/") : NULL;
        if (!cm || !ce)
            break;
        record *r = add_record(S);
        if (!r)
            break;
        r->id = dupn(id, il);
        char d[11];
        date6(s, d);
        r->date = dupn(d, 10);
        r->text = dupn(body, (size_t)(cm - body));
        for (char *q = r->text; q && *q; q++)
            if (*q == '\n' || *q == '\r')
                *q = ' ';
        int expects = 0, option = 0;
        for (char *q = cm; q < ce; q++) {
            if (*q != '{' || (q > cm && q[-1] == '-'))
                continue; /* "-{...}" is a disabled expectation */
            char *e = memchr(q, '}', (size_t)(ce - q));
            if (!e)
                break;
            char f[3][64];
            int nf = 0;
            char *x = q + 1;
            if (strstr(x, "OPTION") && strstr(x, "OPTION") < e) {
                option = 1;
                q = e;
                continue;
            }
            while (x < e && nf < 3) {
                while (x < e && (*x == ' ' || *x == '\t'))
                    x++;
                char *y = x;
                while (y < e && *y != '/')
                    y++;
                char *z = y;
                while (z > x && (z[-1] == ' ' || z[-1] == '\t'))
                    z--;
                snprintf(f[nf++], 64, "%.*s", (int)(z - x), x);
                x = y + (y < e);
            }
            expects = 1;
            if (nf == 3)
                add_event(r, f[0], strlen(f[0]), f[1], strlen(f[1]), f[2], strlen(f[2]));
            /* "{---}", "{+++}", "{###}": no event */
            q = e;
        }
        if (!expects || (option && !r->n_ev)) {
            free_record(r);
            S->n--; /* an option change or a comment: not a test */
            S->skipped++;
        }
        s = ce + 2;
    }
    free(buf);
    return 0;
}

/* ---- PETRARCH XML ------------------------------------------------------------- */

static const char *attr(const char *tag, const char *end, const char *name, size_t *n)
{
    size_t nl = strlen(name);
    for (const char *p = tag; p + nl < end; p++)
        if (!strncmp(p, name, nl) && (p == tag || p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n')) {
            const char *q = p + nl;
            while (q < end && (*q == ' ' || *q == '\t'))
                q++;
            if (q >= end || *q != '=')
                continue;
            q++;
            while (q < end && (*q == ' ' || *q == '\t'))
                q++;
            if (q >= end || *q != '"')
                continue;
            const char *e = memchr(q + 1, '"', (size_t)(end - q - 1));
            if (!e)
                return NULL;
            *n = (size_t)(e - q - 1);
            return q + 1;
        }
    return NULL;
}

static char *xml_text(const char *s, size_t n)
{
    char *o = malloc(n + 1);
    size_t k = 0;
    if (!o)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        static const struct { const char *e; char c; } ents[] = {
            {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
        int hit = 0;
        for (size_t j = 0; j < 5 && !hit; j++) {
            size_t el = strlen(ents[j].e);
            if (i + el <= n && !strncmp(s + i, ents[j].e, el)) {
                o[k++] = ents[j].c;
                i += el - 1;
                hit = 1;
            }
        }
        if (!hit)
            o[k++] = s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i];
    }
    o[k] = 0;
    return o;
}

/* Cuts XML comments out (in place, as spaces). */
static void blank_comments(char *s)
{
    for (char *p = strstr(s, "<!--"); p; p = strstr(p, "<!--")) {
        char *e = strstr(p + 4, "-->");
        char *stop = e ? e + 3 : p + strlen(p);
        for (char *q = p; q < stop; q++)
            if (*q != '\n')
                *q = ' ';
        p = stop;
    }
}

static int read_xml(suite *S, const char *path, const char *dict_dir)
{
    size_t len;
    char *buf = slurp(path, &len);
    if (!buf) {
        fprintf(stderr, "evcode: cannot read %s\n", path);
        return -1;
    }
    blank_comments(buf);
    static const char *const env[][2] = {{"Verbfile", "verbs"}, {"Actorfile", "actors"}, {"Agentfile", "agents"},
                                         {"Discardfile", "discards"}};
    const char *envb = strstr(buf, "<Environment>"), *enve = envb ? strstr(envb, "</Environment>") : NULL;
    for (size_t k = 0; envb && enve && k < 4; k++) {
        char open[32];
        snprintf(open, sizeof open, "<%s>", env[k][0]);
        const char *t = strstr(envb, open);
        if (!t || t > enve)
            continue;
        t += strlen(open);
        const char *e = strchr(t, '<');
        while (t && e && t < e) { /* "a.txt,b.txt" */
            while (t < e && (*t == ' ' || *t == ','))
                t++;
            size_t n = 0;
            while (t + n < e && t[n] != ',' && t[n] != ' ')
                n++;
            if (!n)
                break;
            char full[4096];
            if (!locate(path, dict_dir, t, n, full, sizeof full)) {
                fprintf(stderr, "evcode: %s names %.*s, found neither beside it nor in %s\n", path, (int)n, t,
                        dict_dir ? dict_dir : "(no --dict)");
                free(buf);
                return -1;
            }
            if (add_file(S, env[k][1], full)) {
                free(buf);
                return -1;
            }
            t += n;
        }
    }
    if (!S->n_files) {
        fprintf(stderr, "evcode: %s has no <Environment> naming its dictionaries\n", path);
        free(buf);
        return -1;
    }
    for (char *p = strstr(buf, "<Sentence "); p;) {
        char *te = strchr(p, '>');
        if (!te)
            break;
        char *next = strstr(te, "<Sentence ");
        char *lim = next ? next : buf + len;
        size_t n;
        const char *ev = attr(p, te, "evaluate", &n);
        int skip = ev && n == 5 && !strncmp(ev, "false", 5);
        const char *id = attr(p, te, "id", &n);
        size_t idl = n;
        const char *date = attr(p, te, "date", &n);
        size_t dl = n;
        const char *tx = strstr(te, "<Text>");
        const char *txe = tx ? strstr(tx, "</Text>") : NULL;
        if (skip || !id || !date || dl != 8 || !tx || !txe || tx > lim) {
            S->skipped++;
            p = next;
            continue;
        }
        record *r = add_record(S);
        if (!r)
            break;
        r->id = dupn(id, idl);
        char d[11];
        snprintf(d, sizeof d, "%.4s-%.2s-%.2s", date, date + 4, date + 6);
        r->date = dupn(d, 10);
        r->text = xml_text(tx + 6, (size_t)(txe - tx - 6));
        for (char *e = strstr(te, "<EventCoding"); e && e < lim; e = strstr(e + 1, "<EventCoding")) {
            char *ee = strchr(e, '>');
            if (!ee)
                break;
            size_t sl, tl, cl;
            const char *sc = attr(e, ee, "sourcecode", &sl), *tc = attr(e, ee, "targetcode", &tl),
                       *cc = attr(e, ee, "eventcode", &cl);
            if (sc && tc && cc)
                add_event(r, sc, sl, tc, tl, cc, cl);
        }
        p = next;
    }
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
    if (rc == 0) {
        evc_options o;
        evc_options_default(&o);
        o.dict_files = (const char *const *)S.files;
        o.n_dict_files = S.n_files;
        o.cache_dir = no_cache ? NULL : evc_cli_cache_dir();
        evc_error err;
        evc_status st = evc_ctx_new(&o, &ctx, &err);
        if (st) {
            fprintf(stderr, "evcode: %s%s%zu: %s\n", err.file, err.file[0] ? ":" : "", err.line,
                    err.msg[0] ? err.msg : evc_strerror(st));
            rc = -1;
        } else if (!(doc = evc_doc_new(ctx))) {
            rc = -1;
        }
    }
    size_t pass = 0, fail = 0, expected = 0, found = 0, extra = 0, coded = 0;
    for (size_t i = 0; rc == 0 && i < S.n; i++) {
        record *r = &S.v[i];
        evc_article a;
        memset(&a, 0, sizeof a);
        a.id = r->id;
        a.id_len = strlen(r->id);
        a.published = r->date;
        a.published_len = 10;
        a.text = r->text;
        a.text_len = strlen(r->text);
        record got;
        memset(&got, 0, sizeof got);
        if (evc_doc_code(doc, &a, NULL) == EVC_OK)
            for (size_t k = 0; k < evc_doc_n_events(doc); k++) {
                const evc_event *e = evc_doc_event(doc, k);
                add_event(&got, e->source, strlen(e->source), e->target, strlen(e->target), e->code, strlen(e->code));
            }
        qsort(r->ev, (size_t)r->n_ev, sizeof *r->ev, cmp_str);
        qsort(got.ev, (size_t)got.n_ev, sizeof *got.ev, cmp_str);
        int same = r->n_ev == got.n_ev;
        size_t hit = 0;
        for (int k = 0; k < got.n_ev; k++) {
            int in = 0;
            for (int j = 0; j < r->n_ev && !in; j++)
                in = !strcmp(got.ev[k], r->ev[j]);
            hit += (size_t)in;
            same &= in;
        }
        expected += (size_t)r->n_ev;
        found += hit;
        coded += (size_t)got.n_ev;
        extra += (size_t)got.n_ev - hit;
        if (same) {
            pass++;
        } else {
            fail++;
            if (!quiet) {
                printf("FAIL %s\n", r->id);
                print_set("expected", r->ev, r->n_ev);
                print_set("got", got.ev, got.n_ev);
            }
        }
        for (int k = 0; k < got.n_ev; k++)
            free(got.ev[k]);
    }
    if (rc == 0) {
        printf("events: expected %zu, found %zu (%.1f%%), extra %zu (%.1f%% of %zu coded)\n", expected, found,
               expected ? 100.0 * (double)found / (double)expected : 0.0, extra,
               coded ? 100.0 * (double)extra / (double)coded : 0.0, coded);
        printf("%zu passed, %zu failed\n", pass, fail);
    }
    evc_doc_free(doc);
    evc_ctx_free(ctx);
    for (size_t i = 0; i < S.n; i++)
        free_record(&S.v[i]);
    free(S.v);
    for (size_t i = 0; i < S.n_files; i++)
        free(S.files[i]);
    return rc == 0 ? 0 : 1;
}
