/*
 * Web inputs of the CLI: HTML pages, gzip files, WARC archives and
 * directories. Files are read with zlib (gzread reads plain files as they
 * are); WARC archives are parsed by the library (evc_warc_*), one record at
 * a time, so memory stays bounded by the largest record.
 */
#define _POSIX_C_SOURCE 200809L
#include "web.h"
#include "evcode.h"
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

static int ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    if (a < b)
        return 0;
    for (size_t i = 0; i < b; i++) {
        char c = s[a - b + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != suf[i])
            return 0;
    }
    return 1;
}

static int is_warc(const char *p) { return ends_with(p, ".warc") || ends_with(p, ".warc.gz"); }

int web_is_page_path(const char *p)
{
    return ends_with(p, ".html") || ends_with(p, ".htm") || ends_with(p, ".html.gz") || ends_with(p, ".htm.gz") ||
           is_warc(p);
}

char *web_page_id(const char *path)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = strlen(b);
    if (n > 3 && ends_with(b, ".gz"))
        n -= 3;
    for (size_t i = n; i-- > 1;)
        if (b[i] == '.') {
            n = i;
            break;
        }
    char *id = malloc(n + 1);
    if (id) {
        memcpy(id, b, n);
        id[n] = 0;
    }
    return id;
}

/* Reads a (possibly gzip) file whole; NULL with *msg set on failure. */
static char *read_gz(const char *path, size_t max, size_t *len, const char **msg)
{
    gzFile g = gzopen(path, "rb");
    if (!g) {
        *msg = strerror(errno ? errno : ENOENT);
        return NULL;
    }
    gzbuffer(g, 1 << 17);
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    *msg = NULL;
    while (buf) {
        if (n + 1 >= cap) {
            if (cap > max + 2) {
                *msg = "too large";
                break;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                *msg = "out of memory";
                break;
            }
            buf = nb;
            cap *= 2;
        }
        int got = gzread(g, buf + n, (unsigned)(cap - n - 1 < (1u << 30) ? cap - n - 1 : (1u << 30)));
        if (got < 0) {
            int e;
            *msg = gzerror(g, &e);
            break;
        }
        if (!got)
            break;
        n += (size_t)got;
    }
    if (!buf)
        *msg = "out of memory";
    if (!*msg && n > max)
        *msg = "too large";
    gzclose(g);
    if (*msg) {
        free(buf);
        return NULL;
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

static long read_file(void *user, char *buf, size_t cap)
{
    FILE *f = user;
    size_t got = fread(buf, 1, cap, f);
    return got == 0 && ferror(f) ? -1 : (long)got;
}

static int read_warc(const char *path, size_t max, web_page_fn fn, void *user)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
        return 1;
    }
    evc_warc *w = evc_warc_new(read_file, f, max);
    char *base = web_page_id(path);
    int problems = 0;
    if (!w || !base) {
        fprintf(stderr, "%s: out of memory\n", path);
        problems = 1;
    }
    evc_warc_record rec;
    evc_error err;
    int r;
    while (w && base && (r = evc_warc_next(w, &rec, &err)) != 0) {
        if (r < 0) {
            fprintf(stderr, "%s:%zu: %s\n", path, err.line ? err.line : 1, err.msg);
            problems = 1;
            continue;
        }
        if (!rec.is_html)
            continue;
        char id[512];
        snprintf(id, sizeof id, "%s-%zu", base, rec.index);
        web_page p = {id, rec.target_uri, rec.charset, path, malloc(rec.payload_len + 1), rec.payload_len, rec.line};
        if (!p.data) {
            fprintf(stderr, "%s:%zu: out of memory; record skipped\n", path, rec.line);
            problems = 1;
            continue;
        }
        memcpy(p.data, rec.payload, rec.payload_len);
        p.data[rec.payload_len] = 0;
        fn(user, &p);
    }
    evc_warc_free(w);
    free(base);
    fclose(f);
    return problems;
}

int web_read(const char *path, size_t max, web_page_fn fn, void *user)
{
    if (is_warc(path))
        return read_warc(path, max, fn, user);
    size_t len = 0;
    const char *msg;
    char *data = read_gz(path, max, &len, &msg);
    if (!data) {
        if (!strcmp(msg, "too large"))
            fprintf(stderr, "%s:1: page larger than %zu bytes; skipped\n", path, max);
        else
            fprintf(stderr, "%s: cannot read: %s\n", path, msg);
        return 1;
    }
    char *id = web_page_id(path);
    if (!id) {
        free(data);
        fprintf(stderr, "%s: out of memory\n", path);
        return 1;
    }
    web_page p = {id, NULL, NULL, path, data, len, 1};
    fn(user, &p);
    free(id);
    return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b) { return strcmp((*a)->d_name, (*b)->d_name); }

int web_walk(const char *dir, int (*want)(const char *path), void (*fn)(void *user, const char *path), void *user)
{
    struct dirent **ents;
    int n = scandir(dir, &ents, NULL, by_name);
    if (n < 0) {
        fprintf(stderr, "%s: cannot read directory: %s\n", dir, strerror(errno));
        return 1;
    }
    int problems = 0;
    for (int i = 0; i < n; i++) {
        const char *name = ents[i]->d_name;
        size_t pl = strlen(dir) + strlen(name) + 2;
        char *p = name[0] != '.' ? malloc(pl) : NULL;
        if (p) {
            snprintf(p, pl, "%s/%s", dir, name);
            struct stat st;
            if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
                problems |= web_walk(p, want, fn, user);
            else if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && want(p))
                fn(user, p);
            free(p);
        }
        free(ents[i]);
    }
    free(ents);
    return problems;
}
