/* Web inputs of the CLI (web.c): HTML pages (.html, .htm, optionally .gz),
 * WARC archives (.warc, .warc.gz) and directories; `evcode extract`
 * (extract.c). */
#ifndef EVCODE_WEB_H
#define EVCODE_WEB_H
#include <stddef.h>

/* One HTML page read from a file or a WARC record. `data` is malloc'd and
 * handed over to the callback, which frees it; the strings are valid during
 * the call only. */
typedef struct web_page {
    const char *id, *url, *charset, *file;
    char *data;
    size_t len, line;
} web_page;
typedef void (*web_page_fn)(void *user, web_page *p);

/* 1 for a path web_read() reads: .html/.htm/.warc, each optionally .gz. */
int web_is_page_path(const char *path);

/* Reads the HTML pages of `path` (a page or a WARC archive) and calls `fn`
 * for each, in order. Problems are reported on stderr as file:line: reason;
 * returns 1 when there was one, else 0. Pages larger than max are skipped. */
int web_read(const char *path, size_t max, web_page_fn fn, void *user);

/* Calls fn for each file under the directory `dir` (recursively, in name
 * order, hidden entries skipped) whose name `want` accepts. Returns 1 when a
 * directory could not be read (reported), else 0. */
int web_walk(const char *dir, int (*want)(const char *path), void (*fn)(void *user, const char *path), void *user);

/* The page id of a path: its base name without .gz and one more extension. */
char *web_page_id(const char *path);

int cmd_extract(int argc, char **argv);
#endif
