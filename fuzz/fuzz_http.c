/*
 * Fuzz target: the request parsing of `evcode serve` (tools/evcode/http.c),
 * everything between civetweb and the store or the coder. The first input
 * byte chooses the method (GET, POST, another, none), whether the query
 * string is absent, and whether the rest is a request or a POST body:
 *   request: "PATH?QUERY" (split at the first '?', as civetweb does; a NUL
 *     ends the path). Checks: the answer is 0 or one of 400, 404, 405 with a
 *     reason (and the method taken after a 405); a parsed request stays
 *     inside its limits and points into its input, and a watchlist name is
 *     made of the characters of one; every reason and parameter value
 *     escapes to valid UTF-8 JSON without control characters.
 *   body (bit 0x10): "CONTENT-LENGTH\nTRANSFER-ENCODING\nCONTENT-TYPE\nBODY"
 *     (an empty header line is an absent header) through the checks of
 *     POST /v1/code: its framing against a 64-byte limit, its kind, and its
 *     lines. Checks: each answer is 0 or one of the statuses documented
 *     with a reason; a framing never passes a length over the limit; every
 *     line returned lies inside the body, holds no newline, is trimmed and
 *     not empty, and the line numbers and positions only grow. (The JSON of
 *     each line is the library's reader: fuzz_jsonl.)
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
    if ((r->route == HTTP_DASHBOARD) != (r->file != NULL) || r->allow)
        abort();
    if ((r->quotes | r->articles | r->json_array | r->group_root) & ~1)
        abort();
    if (r->limit > HTTP_MAX_LIMIT || r->offset > HTTP_MAX_OFFSET || r->event < 0)
        abort();
    if ((r->route == HTTP_EVENTS || r->route == HTTP_QUOTES || r->route == HTTP_ACTORS || r->route == HTTP_DYADS ||
         r->route == HTTP_SPEAKERS || r->route == HTTP_WATCH_EVENTS) &&
        r->limit < 1)
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

/* The next header line of "A\nB\n..." at *p (NULL when empty: absent). */
static char *header_line(char **p)
{
    char *s = *p, *nl = strchr(s, '\n');
    if (nl) {
        *nl = '\0';
        *p = nl + 1;
    } else {
        *p = s + strlen(s);
    }
    return *s ? s : NULL;
}

static void check_error(int status, const http_request *r, const int *allowed)
{
    size_t i = 0;
    while (allowed[i] && allowed[i] != status)
        i++;
    if (!allowed[i] || !r->why[0])
        abort();
    check_json(r->why);
}

/* The checks of a POST body: buf holds the three header lines and the body. */
static void fuzz_body(char *buf, size_t size, http_request *r)
{
    enum { MAX = 64 };
    static const int FRAMING[] = {400, 411, 413, 501, 0}, KIND[] = {400, 415, 0};
    char *p = buf;
    const char *cl = header_line(&p), *te = header_line(&p), *ct = header_line(&p);
    const char *body = p;
    size_t len = size - (size_t)(p - buf), declared;
    int chunked = 0;
    r->why[0] = '\0';
    int status = http_body_framing(cl, te, MAX, &declared, &chunked, r);
    if (status)
        check_error(status, r, FRAMING);
    else if (declared > MAX || (chunked && (declared || !te)) || (!chunked && !cl))
        abort();
    http_kind kind = 0;
    char charset[40];
    r->why[0] = '\0';
    status = http_body_kind(ct, body, len, &kind, charset, r);
    if (status) {
        check_error(status, r, KIND);
        return;
    }
    if (kind < HTTP_BODY_TEXT || kind > HTTP_BODY_HTML || strlen(charset) >= sizeof charset)
        abort();
    size_t pos = 0, lineno = 0, prev_pos = 0, prev_line = 0, n;
    const char *line;
    while (http_next_line(body, len, &pos, &lineno, &line, &n)) {
        if (pos <= prev_pos || pos > len || lineno <= prev_line || !n || line < body || line + n > body + pos)
            abort();
        if (memchr(line, '\n', n) || memchr(" \t\r", line[0], 3) || memchr(" \t\r", line[n - 1], 3))
            abort();
        prev_pos = pos;
        prev_line = lineno;
    }
    if (pos != len)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const char *const METHODS[] = {"GET", "GET", "GET", "POST", "HEAD", "get", "", "POST"};
    const char *method = (data[0] & 7) == 6 ? NULL : METHODS[data[0] & 7];
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
    if (data[0] & 0x10) {
        /* a body may hold NUL bytes: its length is the input's */
        fuzz_body(buf, size - 1, r);
        free(r);
        free(buf);
        return 0;
    }
    char *qs = strchr(buf, '?');
    if (qs)
        *qs++ = '\0';
    static const int STATUSES[] = {400, 404, 405, 0};
    int status = http_parse(method, buf, no_query ? NULL : qs, r);
    if (status == 0)
        check_request(r, buf, strlen(buf));
    else
        check_error(status, r, STATUSES);
    if (status && (status == 405) != (r->allow != NULL))
        abort();
    free(r);
    free(buf);
    return 0;
}
