/*
 * The socket-free half of `evcode serve` (http.c): a growing response body
 * with JSON string escaping, the parsing of a request (method, path, query
 * string) into a route with checked parameters, and the checks of a POST
 * body (its framing, its kind, its lines). serve.c runs the route against
 * the store or the coder; fuzz/fuzz_http.c feeds these functions any bytes.
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
    HTTP_MAX_OFFSET = 1000000000,
    HTTP_DEFAULT_MAX_BODY = 1 << 20   /* bytes of a POST body (--max-body) */
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
    HTTP_DASHBOARD = 1, /* a file of the dashboard: the page, its script and style, uPlot's */
    HTTP_EVENTS = 2,    /* /v1/events */
    HTTP_EVENT = 3,     /* /v1/events/ID */
    HTTP_ARTICLE = 4,   /* /v1/articles/ID */
    HTTP_STATS = 5,
    HTTP_ACTORS = 6,
    HTTP_QUOTES = 7,
    HTTP_TIMELINE = 8,
    HTTP_CODE = 9,      /* POST /v1/code */
    HTTP_DYADS = 10,
    HTTP_SPEAKERS = 11,
    HTTP_WATCHLISTS = 12,  /* /v1/watchlists */
    HTTP_WATCH_EVENTS = 13 /* /v1/watchlists/NAME/events */
} http_route;

typedef struct http_request {
    http_route route;
    const char *article;          /* HTTP_ARTICLE: points into the path */
    long long event;              /* HTTP_EVENT: the id */
    char watch[HTTP_MAX_WATCH_NAME + 1]; /* HTTP_WATCH_EVENTS: the watchlist's name */
    size_t limit, offset;         /* checked against the route's range */
    char by;                      /* HTTP_TIMELINE: 'd', 'w' or 'm' */
    int group_root;               /* HTTP_TIMELINE: group=root */
    int quotes, articles;         /* HTTP_CODE: quote and article records too */
    int explain;                  /* HTTP_CODE: each event's "explain" and the no_event records */
    int json_array;               /* HTTP_CODE: format=json */
    const char *file;             /* HTTP_DASHBOARD: the file's name ("/" is "/index.html") */
    const char *allow;            /* after a 405: the method the route takes */
    char buf[HTTP_MAX_QUERY + 1]; /* the query string, decoded in place */
    const char *name[HTTP_MAX_PARAMS], *value[HTTP_MAX_PARAMS];
    size_t n;
    char why[128];                /* what was wrong, for the error response */
} http_request;

/* Parses a request: method (NULL is none), path (civetweb's decoded
 * local_uri; NULL as "") and the raw query string qs (may be NULL). POST
 * /v1/code takes only POST, every other route only GET. Each parameter name
 * must be one the route takes and appear at most once; an empty value
 * counts as absent; numbers and choices are checked. Returns 0 with r
 * filled, or the HTTP status to answer (400, 404, 405) with r->why set (and
 * r->allow after a 405). r may hold pointers into path; reads no more than
 * the NUL terminators of its arguments. */
int http_parse(const char *method, const char *path, const char *qs, http_request *r);

/* The value of parameter `name` (decoded), or NULL when absent or empty. */
const char *http_param(const http_request *r, const char *name);

/* ---- A POST body ---- */

/* The framing of a request body, from its Content-Length and
 * Transfer-Encoding headers (each NULL when absent). Returns 0 with *len
 * the declared length and *chunked 0, or *chunked 1 (the length is known
 * once read: the reader stops past max bytes); otherwise the status, with
 * r->why: 400 (a Content-Length that is not one whole number, or both
 * headers), 411 (neither: a length is required), 413 (longer than max:
 * *len is then the declared length, or SIZE_MAX when it is past 10 times
 * max), 501 (a transfer coding other than chunked). */
int http_body_framing(const char *content_length, const char *transfer_encoding, size_t max, size_t *len,
                      int *chunked, http_request *r);

typedef enum http_kind {
    HTTP_BODY_TEXT = 1,  /* one article: its text (the first line may be its title) */
    HTTP_BODY_JSONL = 2, /* JSON Lines: one article object per line */
    HTTP_BODY_HTML = 3   /* one web page: its main text is extracted */
} http_kind;

/* The kind of the body body[0..len) from its Content-Type (NULL when
 * absent): text/plain, application/json (or x-ndjson, jsonl), text/html;
 * none, application/octet-stream or a form type (curl -d) are sniffed as
 * `evcode code -` does: JSON Lines when the first non-space byte is '{',
 * else text. A charset other than UTF-8 is refused except for HTML, whose
 * charset (lower-cased, at most 39 bytes) goes to charset[40] ("" when
 * none). Returns 0 with *kind, or 400 (a body of only spaces) or 415 (a
 * type or charset not taken) with r->why. */
int http_body_kind(const char *content_type, const char *body, size_t len, http_kind *kind, char charset[40],
                   http_request *r);

/* The next line of body[0..len) from *pos that is not blank, with spaces,
 * tabs and CRs trimmed at both ends, in *line and *line_len; *lineno
 * counts every line passed (so it is the 1-based line of the one
 * returned). Returns 0 when no such line is left. */
int http_next_line(const char *body, size_t len, size_t *pos, size_t *lineno, const char **line, size_t *line_len);
#endif
