/*
 * The socket-free half of `evcode serve` (http.c): a growing response body
 * with JSON string escaping, and the parsing of a request (method, path,
 * query string) into a route with checked parameters. serve.c runs the
 * route against the store; fuzz/fuzz_http.c feeds these functions any bytes.
 *
 * Routes live under /v1/ (canonical); /api/ is an alias of /v1/ kept for
 * links written before the prefix had a version.
 */
#ifndef EVCODE_HTTP_H
#define EVCODE_HTTP_H
#include <stddef.h>

enum {
    HTTP_MAX_QUERY = 4096,  /* bytes of a query string */
    HTTP_MAX_PARAMS = 16,
    HTTP_MAX_ARTICLE_ID = 1024,
    HTTP_MAX_WATCH_NAME = 64,
    HTTP_DEFAULT_LIMIT = 50,
    HTTP_MAX_LIMIT = 1000,
    HTTP_MAX_OFFSET = 1000000000
};

/* ---- A response body ---- */

/* A NUL-terminated byte buffer; p is NULL until the first write. After an
 * allocation failure oom is set and further writes do nothing. The owner
 * frees p. */
typedef struct http_body {
    char *p;
    size_t len, cap;
    int oom;
} http_body;

void http_put(http_body *b, const char *s, size_t n);
void http_puts(http_body *b, const char *s);
/* At most 255 bytes of output per call (more sets oom). */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void http_printf(http_body *b, const char *fmt, ...);
/* A write callback for the store's JSON readers: user is an http_body;
 * non-zero (stop) once out of memory. */
int http_body_write(void *user, const char *bytes, size_t len);
/* s as a JSON string, `null` for NULL; invalid UTF-8 becomes U+FFFD and
 * control characters \u00XX, so the output is valid UTF-8 JSON. */
void http_json_str(http_body *b, const char *s);

/* ---- A request ---- */

typedef enum http_route {
    HTTP_DASHBOARD = 1,
    HTTP_EVENTS = 2,    /* /v1/events */
    HTTP_EVENT = 3,     /* /v1/events/ID */
    HTTP_ARTICLE = 4,   /* /v1/articles/ID */
    HTTP_STATS = 5,
    HTTP_ACTORS = 6,
    HTTP_QUOTES = 7,
    HTTP_TIMELINE = 8,
    HTTP_WATCHLISTS = 9,   /* /v1/watchlists */
    HTTP_WATCH_EVENTS = 10 /* /v1/watchlists/NAME/events */
} http_route;

typedef struct http_request {
    http_route route;
    const char *article;          /* HTTP_ARTICLE: points into the path */
    long long event;              /* HTTP_EVENT: the id */
    char watch[HTTP_MAX_WATCH_NAME + 1]; /* HTTP_WATCH_EVENTS: the watchlist's name */
    size_t limit, offset;         /* checked against the route's range */
    char by;                      /* HTTP_TIMELINE: 'd', 'w' or 'm' */
    char buf[HTTP_MAX_QUERY + 1]; /* the query string, decoded in place */
    const char *name[HTTP_MAX_PARAMS], *value[HTTP_MAX_PARAMS];
    size_t n;
    char why[128];                /* what was wrong, for the error response */
} http_request;

/* Parses a request: method (NULL is not GET), path (civetweb's decoded
 * local_uri; NULL as "") and the raw query string qs (may be NULL). Each
 * parameter name must be one the route takes and appear at most once; an
 * empty value counts as absent; numbers are checked against their range.
 * Returns 0 with r filled, or the HTTP status to answer (400, 404, 405) with
 * r->why set. r may hold pointers into path; reads no more than the NUL
 * terminators of its arguments. */
int http_parse(const char *method, const char *path, const char *qs, http_request *r);

/* The value of parameter `name` (decoded), or NULL when absent or empty. */
const char *http_param(const http_request *r, const char *name);
#endif
