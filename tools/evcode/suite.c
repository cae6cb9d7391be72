/*
 * Peer validation suites parsed from memory (see suite.h). Searches inside a
 * record are bounded by the record, so a file of n bytes is read in O(n)
 * even when records lack the parts looked for.
 */
#include "suite.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dupn(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = 0;
    }
    return d;
}

/* The first `needle` lying wholly in [s, end), or NULL. */
static const char *find(const char *s, const char *end, const char *needle)
{
    size_t nl = strlen(needle);
    while (s < end && (size_t)(end - s) >= nl) {
        const char *c = memchr(s, needle[0], (size_t)(end - s) - nl + 1);
        if (!c)
            return NULL;
        if (!memcmp(c, needle, nl))
            return c;
        s = c + 1;
    }
    return NULL;
}

static suite_record *add_record(suite *S)
{
    if (S->n == S->cap) {
        size_t nc = S->cap ? S->cap * 2 : 64;
        suite_record *nv = realloc(S->v, nc * sizeof *nv);
        if (!nv)
            return NULL;
        S->v = nv;
        S->cap = nc;
    }
    suite_record *r = &S->v[S->n++];
    memset(r, 0, sizeof *r);
    return r;
}

void suite_add_event(suite_record *r, const char *src, size_t sl, const char *tgt, size_t tl, const char *code,
                     size_t cl)
{
    if (r->n_ev >= SUITE_MAX_EV)
        return;
    char buf[256];
    snprintf(buf, sizeof buf, "%.*s %.*s %.*s", (int)sl, src, (int)tl, tgt, (int)cl, code);
    for (char *p = buf; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 32);
    for (int i = 0; i < r->n_ev; i++)
        if (!strcmp(r->ev[i], buf))
            return; /* a set */
    if ((r->ev[r->n_ev] = dupn(buf, strlen(buf))))
        r->n_ev++;
}

void suite_record_free(suite_record *r)
{
    free(r->id);
    free(r->date);
    free(r->text);
    free(r->options);
    for (int k = 0; k < r->n_ev; k++)
        free(r->ev[k]);
}

void suite_free(suite *S)
{
    for (size_t i = 0; i < S->n; i++)
        suite_record_free(&S->v[i]);
    free(S->v);
    for (size_t i = 0; i < S->n_files; i++)
        free(S->files[i]);
    memset(S, 0, sizeof *S);
}

int suite_add_file(suite *S, const char *kind, const char *path)
{
    char buf[8192];
    snprintf(buf, sizeof buf, "%s:%s", kind, path);
    if (S->n_files >= sizeof S->files / sizeof S->files[0] || !(S->files[S->n_files] = dupn(buf, strlen(buf))))
        return -1;
    S->n_files++;
    return 0;
}

/* ---- TABARI ----------------------------------------------------------------- */

const char *suite_tabari_textfile(const char *project, size_t *n)
{
    const char *t = strstr(project, "<textfile>");
    if (!t)
        return NULL;
    t += 10;
    while (*t == ' ' || *t == '\t')
        t++;
    *n = strcspn(t, " \t\r\n");
    return t;
}

/* A record's date, YYMMDD (nd = 6) or, under SET: YYYY, YYYYMMDD (nd >= 8;
 * the day is the last two digits). */
static void record_date(const char *s, size_t nd, char out[11])
{
    if (nd == 6) {
        int yy = (s[0] - '0') * 10 + (s[1] - '0');
        snprintf(out, 11, "%d-%.2s-%.2s", yy < 30 ? 2000 + yy : 1900 + yy, s + 2, s + 4);
    } else {
        snprintf(out, 11, "%.4s-%.2s-%.2s", s, s + 4, s + nd - 2);
    }
}

/* Appends to *opts each "OPTION:" command of the comment [cm, ce), up to
 * its '}' (or the comment's end: the suite sometimes leaves it out), one
 * per line; returns 1 when one sets "YYYY" (four-digit years) to TRUE, 0
 * when to FALSE, else yyyy. */
static int tabari_options(char **opts, const char *cm, const char *ce, int yyyy)
{
    for (const char *q = find(cm, ce, "OPTION:"); q; q = find(q + 7, ce, "OPTION:")) {
        const char *e = memchr(q, '}', (size_t)(ce - q));
        if (!e)
            e = ce;
        size_t old = *opts ? strlen(*opts) : 0, n = (size_t)(e - q - 7);
        char *m = realloc(*opts, old + n + 2);
        if (!m)
            return yyyy;
        memcpy(m + old, q + 7, n);
        m[old + n] = '\n';
        m[old + n + 1] = 0;
        *opts = m;
        const char *y = find(q, e, "YYYY");
        if (y)
            yyyy = find(y, e, "TRUE") != NULL;
    }
    return yyyy;
}

/* The expectations "{ SRC / TGT / CODE }" of the comment [cm, ce) into r;
 * returns 1 when the comment holds any, and sets *option for "{OPTION ...}". */
static int tabari_expectations(suite_record *r, const char *cm, const char *ce, int *option)
{
    int expects = 0;
    for (const char *q = cm; q < ce; q++) {
        if (*q != '{' || (q > cm && q[-1] == '-'))
            continue; /* "-{...}" is a disabled expectation */
        const char *e = memchr(q, '}', (size_t)(ce - q));
        if (!e)
            break;
        char f[3][64];
        int nf = 0;
        const char *x = q + 1;
        if (find(x, e, "OPTION")) {
            *option = 1;
            q = e;
            continue;
        }
        while (x < e && nf < 3) {
            while (x < e && (*x == ' ' || *x == '\t'))
                x++;
            const char *y = x;
            while (y < e && *y != '/')
                y++;
            const char *z = y;
            while (z > x && (z[-1] == ' ' || z[-1] == '\t'))
                z--;
            snprintf(f[nf++], 64, "%.*s", (int)(z - x), x);
            x = y + (y < e);
        }
        expects = 1;
        if (nf == 3)
            suite_add_event(r, f[0], strlen(f[0]), f[1], strlen(f[1]), f[2], strlen(f[2]));
        /* "{---}", "{+++}", "{###}": no event */
        q = e;
    }
    return expects;
}

void suite_tabari_records(suite *S, const char *buf)
{
    const char *s = buf;
    char *opts = NULL; /* the option commands given since the record before */
    int yyyy = 0;
    while (s && *s) {
        const char *nl = strchr(s, '\n');
        size_t ll = nl ? (size_t)(nl - s) : strlen(s);
        size_t nd = strspn(s, "0123456789");
        int head = ll > nd + 2 && (nd == 6 || (yyyy && (nd == 8 || nd == 9))) && (s[nd] == ' ' || s[nd] == '\t');
        if (!head) {
            s = nl ? nl + 1 : NULL;
            continue;
        }
        const char *id = s + nd;
        while (*id == ' ' || *id == '\t')
            id++;
        size_t il = strcspn(id, " \t\r\n");
        if (il >= 5 && !strncmp(id, "FINAL", 5))
            break; /* the end of the standard records */
        const char *body = nl ? nl + 1 : s + ll;
        const char *cm = strstr(body, "/*");
        const char *ce = cm ? strstr(cm, "*/") : NULL;
        if (!cm || !ce)
            break;
        suite_record *r = add_record(S);
        if (!r)
            break;
        r->id = dupn(id, il);
        char d[11];
        record_date(s, nd, d);
        r->date = dupn(d, 10);
        r->text = dupn(body, (size_t)(cm - body));
        if (!r->id || !r->date || !r->text) {
            suite_record_free(r);
            S->n--;
            break;
        }
        for (char *q = r->text; *q; q++)
            if (*q == '\n' || *q == '\r')
                *q = ' ';
        int option = 0;
        int expects = tabari_expectations(r, cm, ce, &option);
        if (!expects || (option && !r->n_ev)) {
            suite_record_free(r);
            S->n--; /* an option change or a comment: not a test */
            S->skipped++;
        } else {
            r->options = opts;
            opts = NULL;
        }
        yyyy = tabari_options(&opts, cm, ce, yyyy); /* in force from the next record on */
        s = ce + 2;
    }
    free(opts);
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

void suite_xml_uncomment(char *s)
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

int suite_xml_env(const char *buf, suite_env_fn fn, void *user)
{
    static const char *const env[][2] = {{"Verbfile", "verbs"}, {"Actorfile", "actors"}, {"Agentfile", "agents"},
                                         {"Discardfile", "discards"}, {"PICOfile", "pico"}};
    const char *envb = strstr(buf, "<Environment>"), *enve = envb ? strstr(envb, "</Environment>") : NULL;
    for (size_t k = 0; envb && enve && k < sizeof env / sizeof env[0]; k++) {
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
            if (fn(user, env[k][1], t, n))
                return -1;
            t += n;
        }
    }
    return 0;
}

int suite_xml_ud(const char *buf)
{
    const char *envb = strstr(buf, "<Environment>"), *enve = envb ? strstr(envb, "</Environment>") : NULL;
    const char *pico = envb ? strstr(envb, "<PICOfile>") : NULL;
    return enve && pico && pico < enve;
}

void suite_xml_records(suite *S, const char *buf)
{
    const char *end = buf + strlen(buf);
    for (const char *p = strstr(buf, "<Sentence "); p;) {
        const char *te = strchr(p, '>');
        if (!te)
            break;
        const char *next = strstr(te, "<Sentence ");
        const char *lim = next ? next : end;
        size_t n;
        const char *ev = attr(p, te, "evaluate", &n);
        int skip = ev && n == 5 && !strncmp(ev, "false", 5);
        const char *id = attr(p, te, "id", &n);
        size_t idl = n;
        const char *date = attr(p, te, "date", &n);
        size_t dl = n;
        const char *tx = find(te, lim, "<Text>");
        const char *txe = tx ? find(tx, lim, "</Text>") : NULL;
        if (skip || !id || !date || dl != 8 || !tx || !txe) {
            S->skipped++;
            p = next;
            continue;
        }
        suite_record *r = add_record(S);
        if (!r)
            break;
        r->id = dupn(id, idl);
        char d[11];
        snprintf(d, sizeof d, "%.4s-%.2s-%.2s", date, date + 4, date + 6);
        r->date = dupn(d, 10);
        r->text = xml_text(tx + 6, (size_t)(txe - tx - 6));
        if (!r->id || !r->date || !r->text) {
            suite_record_free(r);
            S->n--;
            break;
        }
        for (const char *e = find(te, lim, "<EventCoding"); e; e = find(e + 1, lim, "<EventCoding")) {
            const char *ee = strchr(e, '>');
            if (!ee)
                break;
            size_t sl, tl, cl;
            const char *sc = attr(e, ee, "sourcecode", &sl), *tc = attr(e, ee, "targetcode", &tl),
                       *cc = attr(e, ee, "eventcode", &cl);
            if (sc && tc && cc)
                suite_add_event(r, sc, sl, tc, tl, cc, cl);
        }
        p = next;
    }
}
