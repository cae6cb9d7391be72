/*
 * evcode upkeep: the names the dictionaries keep missing, ranked.
 *
 * Each worker codes its article with explanations on and writes the
 * article's gaps (evc_doc_gap) as tab-separated lines; the main thread adds
 * them up here, in input order, and at the end prints every missing actor
 * (most frequent first, ties by name) with two example sentences and a
 * suggested line for data/en/actors.txt, then the verbs met right after
 * known actors in sentences that no pattern coded.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "upkeep.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct item {
    char *key;            /* actors: the name; verbs: the lemma hash */
    char *text;           /* as first written */
    int verb;
    long count, as_source, as_target;
    char *example[2];     /* "article\tindex\tsentence" */
    char *code, *flags;   /* the first guess, and the votes for it */
    long code_votes;
    char *pattern;        /* a pattern that needed it */
} item;

static item *items;
static size_t n_items, cap_items;

static size_t *slots;    /* open addressing: item index + 1, 0 empty */
static size_t n_slots;

static size_t hash_of(const char *key, int verb)
{
    size_t h = 1469598103934665603u ^ (size_t)verb;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return h;
}

static int grow_slots(void)
{
    size_t n = n_slots ? n_slots * 2 : 1024;
    size_t *s = calloc(n, sizeof *s);
    if (!s)
        return 1;
    for (size_t i = 0; i < n_items; i++) {
        size_t h = hash_of(items[i].key, items[i].verb) & (n - 1);
        while (s[h])
            h = (h + 1) & (n - 1);
        s[h] = i + 1;
    }
    free(slots);
    slots = s;
    n_slots = n;
    return 0;
}

static item *find(const char *key, int verb)
{
    if ((n_items + 1) * 2 > n_slots && grow_slots())
        return NULL;
    size_t h = hash_of(key, verb) & (n_slots - 1);
    for (; slots[h]; h = (h + 1) & (n_slots - 1)) {
        item *it = &items[slots[h] - 1];
        if (it->verb == verb && !strcmp(it->key, key))
            return it;
    }
    if (n_items == cap_items) {
        size_t cap = cap_items ? cap_items * 2 : 256;
        item *p = realloc(items, cap * sizeof *p);
        if (!p)
            return NULL;
        items = p;
        cap_items = cap;
    }
    item *it = &items[n_items];
    memset(it, 0, sizeof *it);
    it->key = strdup(key);
    it->verb = verb;
    if (!it->key)
        return NULL;
    slots[h] = ++n_items;
    return it;
}

int upkeep_write(const evc_doc *doc, int (*write)(void *, const char *, size_t), void *user)
{
    const evc_article_info *a = evc_doc_article(doc);
    for (size_t i = 0; i < evc_doc_n_gaps(doc); i++) {
        const evc_gap *g = evc_doc_gap(doc, i);
        char head[128];
        snprintf(head, sizeof head, "%s\t%llx\t%d\t", g->kind, g->key, g->sentence_index);
        const char *f[] = {head, g->text, "\t", g->code ? g->code : "", "\t", g->flags ? g->flags : "", "\t",
                           g->pattern ? g->pattern : "", "\t", a->id ? a->id : "", "\t", g->sentence, "\n"};
        for (size_t k = 0; k < sizeof f / sizeof *f; k++) {
            /* tabs and line ends inside the fields become spaces */
            char buf[512];
            const char *s = f[k];
            size_t n = strlen(s);
            if (k % 2 == 0) {
                if (write(user, s, n))
                    return 1;
                continue;
            }
            while (n) {
                size_t m = n < sizeof buf ? n : sizeof buf;
                for (size_t x = 0; x < m; x++)
                    buf[x] = s[x] == '\t' || s[x] == '\n' || s[x] == '\r' ? ' ' : s[x];
                if (write(user, buf, m))
                    return 1;
                s += m;
                n -= m;
            }
        }
    }
    return 0;
}

/* Splits line into at most n tab-separated fields in place. */
static size_t fields(char *line, char **f, size_t n)
{
    size_t k = 0;
    while (k < n) {
        f[k++] = line;
        char *t = strchr(line, '\t');
        if (!t)
            break;
        *t = 0;
        line = t + 1;
    }
    return k;
}

int upkeep_add(const char *bytes, size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy)
        return 1;
    memcpy(copy, bytes, len);
    copy[len] = 0;
    int bad = 0;
    for (char *line = copy, *nl; !bad && *line; line = nl + 1) {
        nl = strchr(line, '\n');
        if (!nl)
            break;
        *nl = 0;
        char *f[9];
        if (fields(line, f, 9) < 9)
            continue;
        /* kind, key, sentence index, text, code, flags, pattern, article, sentence */
        int verb = !strcmp(f[0], "verb");
        item *it = find(verb ? f[1] : f[3], verb);
        if (!it) {
            bad = 1;
            break;
        }
        it->count++;
        it->as_source += !strcmp(f[0], "source");
        it->as_target += !strcmp(f[0], "target");
        if (!it->text)
            it->text = strdup(f[3]);
        if (!it->pattern && f[6][0])
            it->pattern = strdup(f[6]);
        if (f[4][0]) {
            if (!it->code) {
                it->code = strdup(f[4]);
                it->flags = strdup(f[5]);
            }
            it->code_votes += !strcmp(it->code, f[4]);
        }
        for (int e = 0; e < 2; e++) {
            if (it->example[e])
                continue;
            size_t n = strlen(f[7]) + strlen(f[2]) + strlen(f[8]) + 3;
            if ((it->example[e] = malloc(n)))
                snprintf(it->example[e], n, "%s\t%s\t%s", f[7], f[2], f[8]);
            break;
        }
    }
    free(copy);
    return bad;
}

static int by_count(const void *a, const void *b)
{
    const item *x = a, *y = b;
    if (x->verb != y->verb)
        return x->verb - y->verb;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->text ? x->text : "", y->text ? y->text : "");
}

/* The suggested dictionary line: the name, its guessed code and flags; a
 * comment to complete when the text said nothing of its country or role. */
static void suggestion(const item *it, char *out, size_t n)
{
    if (!it->code)
        snprintf(out, n, "# %s = CODE  (the text names no country or role: fill in)", it->text);
    else
        snprintf(out, n, "%s = %s%s%s", it->text, it->code, it->flags && it->flags[0] ? " " : "",
                 it->flags ? it->flags : "");
}

static void put_json_str(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            fprintf(out, "\\%c", ch);
        else if (ch < 0x20)
            fprintf(out, "\\u%04x", ch);
        else
            fputc(ch, out);
    }
    fputc('"', out);
}

void upkeep_print(FILE *out, int text)
{
    if (n_items) /* qsort wants a non-NULL array even when empty */
        qsort(items, n_items, sizeof *items, by_count);
    for (size_t i = 0; i < n_items; i++) {
        const item *it = &items[i];
        char line[640];
        suggestion(it, line, sizeof line);
        if (text) {
            if (i == 0 || items[i - 1].verb != it->verb)
                fprintf(out, "%s", it->verb ? "\nVerbs right after known actors in sentences no pattern coded:\n"
                                            : "Names and noun phrases where an actor was needed, most frequent first:\n");
            fprintf(out, "\n%5ld  %s", it->count, it->text);
            if (!it->verb)
                fprintf(out, "   (source %ld, target %ld; needed by \"%s\")\n       suggested: %s\n", it->as_source,
                        it->as_target, it->pattern ? it->pattern : "", line);
            else
                fputc('\n', out);
            for (int e = 0; e < 2 && it->example[e]; e++) {
                char *ex = strdup(it->example[e]), *f[3];
                if (ex && fields(ex, f, 3) == 3)
                    fprintf(out, "       %s #%s: %s\n", f[0], f[1], f[2]);
                free(ex);
            }
            continue;
        }
        fprintf(out, "{\"type\":\"%s\",\"text\":", it->verb ? "missing_verb" : "missing_actor");
        put_json_str(out, it->text ? it->text : "");
        fprintf(out, ",\"count\":%ld", it->count);
        if (!it->verb) {
            fprintf(out, ",\"as_source\":%ld,\"as_target\":%ld,\"pattern\":", it->as_source, it->as_target);
            put_json_str(out, it->pattern ? it->pattern : "");
            fputs(",\"suggest\":", out);
            put_json_str(out, line);
            fprintf(out, ",\"guessed\":%s", it->code ? "true" : "false");
        }
        fputs(",\"examples\":[", out);
        for (int e = 0; e < 2 && it->example[e]; e++) {
            char *ex = strdup(it->example[e]), *f[3];
            if (ex && fields(ex, f, 3) == 3) {
                fputs(e ? ",{\"article\":" : "{\"article\":", out);
                put_json_str(out, f[0]);
                fprintf(out, ",\"sentence_index\":%s,\"sentence\":", f[1]);
                put_json_str(out, f[2]);
                fputc('}', out);
            }
            free(ex);
        }
        fputs("]}\n", out);
    }
    for (size_t i = 0; i < n_items; i++) {
        free(items[i].key);
        free(items[i].text);
        free(items[i].code);
        free(items[i].flags);
        free(items[i].pattern);
        free(items[i].example[0]);
        free(items[i].example[1]);
    }
    free(items);
    free(slots);
    items = NULL;
    slots = NULL;
    n_items = cap_items = n_slots = 0;
}
