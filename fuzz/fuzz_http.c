/*
 * Fuzz target: the request parsing of `evcode serve` (tools/evcode/http.c),
 * everything between civetweb and the store. The first input byte chooses
 * the method (GET, another method, none) and whether the query string is
 * absent; the rest is "PATH?QUERY" (split at the first '?', as civetweb
 * does; a NUL ends the path). Checks: the answer is 0 or one of 400, 404,
 * 405 with a reason; a parsed request stays inside its limits and points
 * into its input, and a watchlist name is made of the characters of one;
 * every reason and parameter value escapes to valid UTF-8 JSON without
 * control characters.
 */
#include "http.h"
#include "fuzz_check.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The JSON string of s: quoted, valid UTF-8, no raw control character. */
static void check_json(const char *s)
{
    http_body b = {0};
    http_json_str(&b, s);
    if (b.oom)
        abort();
    if (b.len < 2 || b.p[0] != '"' || b.p[b.len - 1] != '"')
        abort();
    for (size_t i = 0; i < b.len; i++)
        if ((unsigned char)b.p[i] < 0x20)
            abort();
    fuzz_check_utf8(b.p, b.len);
    free(b.p);
}

static void check_request(const http_request *r, const char *path, size_t path_len)
{
    if (r->route < HTTP_DASHBOARD || r->route > HTTP_WATCH_EVENTS || r->n > HTTP_MAX_PARAMS || r->why[0])
        abort();
    if (r->limit > HTTP_MAX_LIMIT || r->offset > HTTP_MAX_OFFSET || r->event < 0)
        abort();
    if ((r->route == HTTP_EVENTS || r->route == HTTP_QUOTES || r->route == HTTP_ACTORS ||
         r->route == HTTP_WATCH_EVENTS) && r->limit < 1)
        abort();
    /* a watchlist name: 1-64 of A-Z a-z 0-9 . _ -, only on its route */
    size_t wn = strlen(r->watch);
    if ((r->route == HTTP_WATCH_EVENTS) != (wn > 0) || wn > HTTP_MAX_WATCH_NAME ||
        strspn(r->watch, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != wn)
        abort();
    if (r->route == HTTP_TIMELINE && r->by != 'd' && r->by != 'w' && r->by != 'm')
        abort();
    if (r->route == HTTP_ARTICLE) {
        size_t n = strlen(r->article);
        if (!n || n > HTTP_MAX_ARTICLE_ID || r->article < path || r->article + n != path + path_len)
            abort();
        check_json(r->article);
    }
    for (size_t i = 0; i < r->n; i++) {
        if (r->value[i] < r->buf || r->value[i] > r->buf + HTTP_MAX_QUERY || http_param(r, r->name[i]) == NULL) {
            if (*r->value[i]) /* an empty value reads as absent */
                abort();
        }
        check_json(r->value[i]);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const char *const METHODS[] = {"GET", "GET", "GET", "POST", "HEAD", "get", "", NULL};
    const char *method = METHODS[data[0] & 7];
    int no_query = data[0] & 8;
    char *buf = malloc(size);
    http_request *r = malloc(sizeof *r);
    if (!buf || !r) {
        free(buf);
        free(r);
        return 0;
    }
    memcpy(buf, data + 1, size - 1);
    buf[size - 1] = '\0';
    char *qs = strchr(buf, '?');
    if (qs)
        *qs++ = '\0';
    int status = http_parse(method, buf, no_query ? NULL : qs, r);
    if (status == 0)
        check_request(r, buf, strlen(buf));
    else if ((status != 400 && status != 404 && status != 405) || !r->why[0])
        abort();
    else
        check_json(r->why);
    free(r);
    free(buf);
    return 0;
}
