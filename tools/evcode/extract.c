/*
 * evcode extract: the main text and metadata of HTML pages, one article
 * record per page (JSONL), or one JSON object keyed by page id in the form
 * of the Zyte article-extraction benchmark (--format zyte).
 */
#define _POSIX_C_SOURCE 200809L
#include "evcode.h"
#include "web.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char EXTRACT_USAGE[] =
    "usage: evcode extract [OPTIONS] FILE|DIR|WARC...\n"
    "\n"
    "The main text and metadata of web pages: .html and .htm files (optionally\n"
    ".gz), directories of them, and WARC archives (.warc, .warc.gz: the HTML\n"
    "responses). The id of a page is its file name without .gz and extension;\n"
    "that of a WARC record is the archive's id, '-' and the record number.\n"
    "\n"
    "Options:\n"
    "  --format jsonl|zyte    jsonl (default): one article record per line\n"
    "                         {\"type\":\"article\",\"article\",\"title\",\"published\",\n"
    "                         \"outlet\",\"url\",\"language\",\"text\"}; zyte: one JSON\n"
    "                         object {id: {\"articleBody\",\"headline\",\"datePublished\"}}\n"
    "  --max-bytes N          skip pages larger than N bytes (default 16777216)\n"
    "  -h, --help             this help\n"
    "\n"
    "Problems are reported as 'file:line: reason' on stderr and the other pages\n"
    "are still extracted; exit status 2 when a page was skipped, 1 on a usage error.\n";

typedef struct xstate {
    evc_extractor *x;
    int zyte, n, problems;
} xstate;

static void json_str(const char *s)
{
    if (!s) {
        fputs("null", stdout);
        return;
    }
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned c = *p;
        if (c == '"' || c == '\\') {
            putchar('\\');
            putchar((int)c);
        } else if (c == '\n') {
            fputs("\\n", stdout);
        } else if (c < 0x20) {
            printf("\\u%04x", c);
        } else {
            putchar((int)c);
        }
    }
    putchar('"');
}

static void on_page(void *user, web_page *p)
{
    xstate *st = user;
    evc_page pg;
    evc_error err;
    evc_status s = evc_html_extract(st->x, p->data, p->len, p->url, p->charset, &pg, &err);
    free(p->data);
    if (s != EVC_OK) {
        fprintf(stderr, "%s:%zu: %s\n", p->file, p->line, err.msg[0] ? err.msg : evc_strerror(s));
        st->problems = 1;
        if (!st->zyte)
            return;
        memset(&pg, 0, sizeof pg);
        pg.text = "";
    }
    if (st->zyte) {
        fputs(st->n++ ? ",\n" : "{\n", stdout);
        json_str(p->id);
        fputs(": {\"articleBody\": ", stdout);
        json_str(pg.text);
        fputs(", \"headline\": ", stdout);
        json_str(pg.title);
        fputs(", \"datePublished\": ", stdout);
        json_str(pg.published);
        fputs("}", stdout);
        return;
    }
    st->n++;
    fputs("{\"type\":\"article\",\"article\":", stdout);
    json_str(p->id);
    const char *keys[] = {"title", "published", "outlet", "url", "language", "charset", "text"};
    const char *vals[] = {pg.title, pg.published, pg.outlet, pg.url, pg.lang, pg.charset, pg.text};
    for (int i = 0; i < 7; i++) {
        printf(",\"%s\":", keys[i]);
        json_str(vals[i]);
    }
    fputs("}\n", stdout);
}

typedef struct walk_ctx {
    xstate *st;
    size_t max;
} walk_ctx;

static void walk_one(void *user, const char *path)
{
    walk_ctx *w = user;
    w->st->problems |= web_read(path, w->max, on_page, w->st);
}

int cmd_extract(int argc, char **argv)
{
    xstate st = {NULL, 0, 0, 0};
    size_t max = 16u << 20;
    char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    int ninputs = 0;
    if (!inputs)
        return 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(EXTRACT_USAGE, stdout);
            free(inputs);
            return 0;
        } else if (!strcmp(a, "--format") && val && (!strcmp(val, "jsonl") || !strcmp(val, "zyte"))) {
            st.zyte = !strcmp(val, "zyte");
            i++;
        } else if (!strcmp(a, "--max-bytes") && val) {
            char *end;
            errno = 0;
            unsigned long long v = strtoull(val, &end, 10);
            if (errno || *end || !v || val[0] == '-' || v > EVC_MAX_ARTICLE_BYTES) {
                fprintf(stderr, "evcode extract: --max-bytes wants 1..%zu\n", EVC_MAX_ARTICLE_BYTES);
                free(inputs);
                return 1;
            }
            max = (size_t)v;
            i++;
        } else if (a[0] == '-') {
            fprintf(stderr, "evcode extract: unknown option or bad value: %s\n%s", a, EXTRACT_USAGE);
            free(inputs);
            return 1;
        } else {
            inputs[ninputs++] = argv[i];
        }
    }
    if (!ninputs) {
        fputs(EXTRACT_USAGE, stderr);
        free(inputs);
        return 1;
    }
    st.x = evc_extractor_new();
    if (!st.x) {
        fprintf(stderr, "evcode: out of memory\n");
        free(inputs);
        return 1;
    }
    static char outbuf[1 << 16];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    walk_ctx w = {&st, max};
    for (int i = 0; i < ninputs; i++) {
        struct stat sb;
        if (stat(inputs[i], &sb) == 0 && S_ISDIR(sb.st_mode))
            st.problems |= web_walk(inputs[i], web_is_page_path, walk_one, &w);
        else
            walk_one(&w, inputs[i]);
    }
    if (st.zyte)
        fputs(st.n ? "\n}\n" : "{}\n", stdout);
    evc_extractor_free(st.x);
    free(inputs);
    int bad = fflush(stdout) != 0 || ferror(stdout);
    if (bad)
        fprintf(stderr, "evcode: error writing output: %s\n", strerror(errno));
    return bad ? 1 : st.problems ? 2 : 0;
}
