/*
 * Response bodies, request parsing and the checks of a POST body for
 * `evcode serve` (see http.h). No sockets, no store and no coder here, so
 * that the fuzz target reaches all of it.
 */
#include "http.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- A response body ---- */

void http_put(http_body *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (n > SIZE_MAX / 2 - b->len) {
        b->oom = 1;
        return;
    }
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void http_puts(http_body *b, const char *s)
{
    http_put(b, s, strlen(s));
}

void http_printf(http_body *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp)
        b->oom = 1;
    else
        http_put(b, tmp, (size_t)n);
}

int http_body_write(void *user, const char *bytes, size_t len)
{
    http_body *b = user;
    http_put(b, bytes, len);
    return b->oom;
}

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    /* 0xF5..0xFF lead nothing (they once passed as 3-byte leads: fuzz/corpus/http/crash_utf8_ff_lead) */
    size_t l = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3 : s[0] >= 0xC2 && s[0] < 0xE0 ? 2 : 0;
    if (!l || l > n)
        return 0;
    for (size_t i = 1; i < l; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0) || (s[0] == 0xF0 && s[1] < 0x90) ||
        (s[0] == 0xF4 && s[1] >= 0x90))
        return 0;
    return l;
}

void http_json_str(http_body *b, const char *s)
{
    if (!s) {
        http_puts(b, "null");
        return;
    }
    http_put(b, "\"", 1);
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        unsigned char c = u[i];
        if (c >= 0x80) {
            size_t l = utf8_len(u + i, n - i);
            http_put(b, l ? s + i : "\xEF\xBF\xBD", l ? l : 3);
            i += l ? l : 1;
            continue;
        }
        if (c == '"' || c == '\\')
            http_put(b, c == '"' ? "\\\"" : "\\\\", 2);
        else if (c < 0x20 || c == 0x7F)
            http_printf(b, "\\u%04x", c);
        else
            http_put(b, s + i, 1);
        i++;
    }
    http_put(b, "\"", 1);
}

/* ---- Query strings ---- */

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decodes s in place (%XX and '+'); -1 on a bad escape or a NUL byte. */
static int url_decode(char *s)
{
    char *o = s;
    for (const char *p = s; *p; p++) {
        if (*p == '+') {
            *o++ = ' ';
        } else if (*p == '%') {
            int hi = hexval(p[1]), lo = hi < 0 ? -1 : hexval(p[2]);
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
                return -1;
            *o++ = (char)(hi * 16 + lo);
            p += 2;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return 0;
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int fail(http_request *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->why, sizeof r->why, fmt, ap);
    va_end(ap);
    return -1;
}

/* The 400 for parameter `name`, naming those the route takes. */
static int unknown_param(http_request *r, const char *name, const char *const *allowed)
{
    char takes[80] = "none";
    size_t n = 0;
    for (size_t k = 0; allowed[k] && n < sizeof takes; k++)
        n += (size_t)snprintf(takes + n, sizeof takes - n, "%s%s", k ? ", " : "", allowed[k]);
    return fail(r, "unknown parameter '%.24s' (takes: %s)", name, takes);
}

/* Splits and decodes `qs` (may be NULL) into r. Each name must be in
 * `allowed` (NULL-terminated) and appear once. 0, or -1 with r->why set. */
static int parse_params(const char *qs, const char *const *allowed, http_request *r)
{
    r->n = 0;
    if (!qs || !*qs)
        return 0;
    size_t len = strlen(qs);
    if (len > HTTP_MAX_QUERY)
        return fail(r, "the query string is longer than %d bytes", HTTP_MAX_QUERY);
    memcpy(r->buf, qs, len + 1);
    for (char *pair = r->buf, *next; pair; pair = next) {
        next = strchr(pair, '&');
        if (next)
            *next++ = '\0';
        if (!*pair)
            continue;
        char *eq = strchr(pair, '=');
        char *val = eq ? eq + 1 : pair + strlen(pair);
        if (eq)
            *eq = '\0';
        if (url_decode(pair) || url_decode(val))
            return fail(r, "bad percent-encoding in the query string");
        size_t k = 0;
        while (allowed[k] && strcmp(allowed[k], pair))
            k++;
        if (!allowed[k])
            return unknown_param(r, pair, allowed);
        for (size_t i = 0; i < r->n; i++)
            if (!strcmp(r->name[i], allowed[k]))
                return fail(r, "parameter '%s' given twice", allowed[k]);
        if (r->n == HTTP_MAX_PARAMS)
            return fail(r, "too many parameters");
        r->name[r->n] = allowed[k];
        r->value[r->n++] = val;
    }
    return 0;
}

const char *http_param(const http_request *r, const char *name)
{
    for (size_t i = 0; i < r->n; i++)
        if (!strcmp(r->name[i], name))
            return *r->value[i] ? r->value[i] : NULL;
    return NULL;
}

/* A count parameter in [min, max] (def when absent); -1 with why set. */
static int count_param(http_request *r, const char *name, size_t min, size_t max, size_t def, size_t *out)
{
    const char *v = http_param(r, name);
    *out = def;
    if (!v)
        return 0;
    size_t x = 0, len = strlen(v);
    if (len > 10 || strspn(v, "0123456789") != len)
        return fail(r, "%s is a whole number from %zu to %zu", name, min, max);
    for (size_t i = 0; i < len; i++)
        x = x * 10 + (size_t)(v[i] - '0');
    if (x < min || x > max)
        return fail(r, "%s is a whole number from %zu to %zu", name, min, max);
    *out = x;
    return 0;
}

/* ---- Routes ---- */

static const char *const NONE[] = {NULL};
static const char *const EVENTS[] = {"actor", "code", "from", "to", "text", "limit", "offset", NULL};
static const char *const TIMELINE[] = {"actor", "code", "from", "to", "text", "by", "group", NULL};
static const char *const ACTORS[] = {"prefix", "limit", NULL};
static const char *const QUOTES[] = {"speaker", "text", "limit", "offset", NULL};
static const char *const PAGE[] = {"limit", "offset", NULL};
static const char *const CODE[] = {"quotes", "articles", "explain", "format", "id", "published", NULL};

/* The files of the dashboard (serve.c has their bytes). */
static const char *const FILES[] = {"/index.html", "/dashboard.js", "/dashboard.css", "/uPlot.iife.min.js",
                                    "/uPlot.min.css", NULL};

/* The route of `rest` (the path after /v1/); 0 when there is none. */
static http_route route_of(const char *rest, const char *const **allowed)
{
    static const struct {
        const char *name;
        http_route route;
        const char *const *allowed;
    } R[] = {{"events", HTTP_EVENTS, EVENTS},  {"timeline", HTTP_TIMELINE, TIMELINE},
             {"dyads", HTTP_DYADS, EVENTS},    {"actors", HTTP_ACTORS, ACTORS},
             {"quotes", HTTP_QUOTES, QUOTES},  {"speakers", HTTP_SPEAKERS, PAGE},
             {"stats", HTTP_STATS, NONE},      {"code", HTTP_CODE, CODE},
             {"events/", HTTP_EVENT, NONE},    {"articles/", HTTP_ARTICLE, NONE},
             {"watchlists", HTTP_WATCHLISTS, NONE}, {"watchlists/", HTTP_WATCH_EVENTS, PAGE}};
    for (size_t i = 0; i < sizeof R / sizeof R[0]; i++) {
        size_t n = strlen(R[i].name), len = strlen(rest);
        /* watchlists/NAME/events: a name between the prefix and the suffix */
        if (R[i].route == HTTP_WATCH_EVENTS && (len < n + 7 || strcmp(rest + len - 7, "/events")))
            continue;
        if (R[i].name[n - 1] == '/' ? !strncmp(rest, R[i].name, n) : !strcmp(rest, R[i].name)) {
            *allowed = R[i].allowed;
            return R[i].route;
        }
    }
    return 0;
}

/* limit in [1, HTTP_MAX_LIMIT] (def when absent) and offset. */
static int page_params(http_request *r, size_t def)
{
    return count_param(r, "limit", 1, HTTP_MAX_LIMIT, def, &r->limit) ||
                   count_param(r, "offset", 0, HTTP_MAX_OFFSET, 0, &r->offset)
               ? -1
               : 0;
}

/* A flag parameter: 0 or 1 (0 when absent); -1 with why set. */
static int flag_param(http_request *r, const char *name, int *out)
{
    const char *v = http_param(r, name);
    *out = v && !strcmp(v, "1");
    return !v || !strcmp(v, "0") || *out ? 0 : fail(r, "%s is 0 or 1", name);
}

/* YYYY-MM-DD with a month 01-12 and a day 01-31, as `evcode code --published` takes. */
static int is_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int m = (s[5] - '0') * 10 + s[6] - '0', d = (s[8] - '0') * 10 + s[9] - '0';
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static int check_code(http_request *r)
{
    const char *format = http_param(r, "format"), *id = http_param(r, "id"), *published = http_param(r, "published");
    if (flag_param(r, "quotes", &r->quotes) || flag_param(r, "articles", &r->articles) ||
        flag_param(r, "explain", &r->explain))
        return -1;
    if (format && strcmp(format, "jsonl") && strcmp(format, "json"))
        return fail(r, "format is jsonl (JSON Lines, the default) or json (one array)");
    r->json_array = format && !strcmp(format, "json");
    if (id && strlen(id) > HTTP_MAX_ARTICLE_ID)
        return fail(r, "an article id is 1 to %d bytes", HTTP_MAX_ARTICLE_ID);
    if (published && !is_date(published))
        return fail(r, "published is a date: YYYY-MM-DD");
    return 0;
}

static int check_timeline(http_request *r)
{
    const char *by = http_param(r, "by"), *group = http_param(r, "group");
    if (by && strcmp(by, "day") && strcmp(by, "week") && strcmp(by, "month"))
        return fail(r, "by is day, week or month");
    if (group && strcmp(group, "root"))
        return fail(r, "group is root (events per CAMEO root code)");
    r->by = by ? by[0] : 'd';
    r->group_root = group != NULL;
    return 0;
}

/* The route-specific checks once the parameters are split. */
static int check_route(http_request *r, const char *rest)
{
    switch (r->route) {
    case HTTP_EVENTS:
    case HTTP_DYADS:
    case HTTP_QUOTES:
        return page_params(r, HTTP_DEFAULT_LIMIT);
    case HTTP_ACTORS:
        return count_param(r, "limit", 1, HTTP_MAX_LIMIT, 20, &r->limit);
    case HTTP_SPEAKERS:
        return page_params(r, 20);
    case HTTP_TIMELINE:
        return check_timeline(r);
    case HTTP_CODE:
        return check_code(r);
    case HTTP_EVENT: {
        const char *id = rest + strlen("events/");
        size_t len = strlen(id);
        if (!len || len > 18 || strspn(id, "0123456789") != len)
            return fail(r, "an event id is a positive whole number (the id of /v1/events)");
        r->event = strtoll(id, NULL, 10);
        return 0;
    }
    case HTTP_ARTICLE:
        r->article = rest + strlen("articles/");
        if (!*r->article || strlen(r->article) > HTTP_MAX_ARTICLE_ID)
            return fail(r, "an article id is 1 to %d bytes", HTTP_MAX_ARTICLE_ID);
        return 0;
    case HTTP_WATCH_EVENTS: {
        const char *name = rest + strlen("watchlists/");
        size_t len = strlen(name) - strlen("/events");
        if (!len || len > HTTP_MAX_WATCH_NAME ||
            strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") < len)
            return fail(r, "a watchlist name is 1 to %d letters, digits, '.', '_' or '-'", HTTP_MAX_WATCH_NAME);
        memcpy(r->watch, name, len);
        r->watch[len] = '\0';
        return page_params(r, HTTP_DEFAULT_LIMIT);
    }
    default:
        return 0;
    }
}

/* A file of the dashboard: 0 with r->file set, or the status. */
static int parse_file(const char *path, const char *qs, http_request *r)
{
    if (!strcmp(path, "/"))
        path = "/index.html";
    for (size_t i = 0; FILES[i]; i++)
        if (!strcmp(path, FILES[i])) {
            r->route = HTTP_DASHBOARD;
            r->file = FILES[i];
            return qs && *qs ? (fail(r, "the dashboard takes no parameters"), 400) : 0;
        }
    fail(r, "no such route (the API is under /v1/; the dashboard is at /)");
    return 404;
}

int http_parse(const char *method, const char *path, const char *qs, http_request *r)
{
    memset(r, 0, offsetof(http_request, buf));
    r->n = 0;
    r->why[0] = '\0';
    if (!path)
        path = "";
    int status = 0;
    const char *rest = NULL;
    const char *const *allowed = NONE;
    if (strncmp(path, "/v1/", 4) && strncmp(path, "/api/", 5)) {
        status = parse_file(path, qs, r);
    } else {
        rest = path + (path[1] == 'v' ? 4 : 5);
        if (!(r->route = route_of(rest, &allowed))) {
            fail(r, "no such route (see GET / or evcode serve --help)");
            return 404;
        }
    }
    if (status == 404)
        return status;
    const char *want = r->route == HTTP_CODE ? "POST" : "GET";
    if (!method || strcmp(method, want)) {
        r->allow = want;
        fail(r, r->route == HTTP_CODE ? "only POST: the articles are the body" : "only GET");
        return 405;
    }
    if (status || !rest)
        return status;
    return parse_params(qs, allowed, r) || check_route(r, rest) ? 400 : 0;
}

/* ---- A POST body ---- */

/* Whether s starts with the lower-case `lower`, ASCII case ignored. */
static int starts_ci(const char *s, const char *lower)
{
    for (; *lower; s++, lower++)
        if (tolower((unsigned char)*s) != *lower)
            return 0;
    return 1;
}

int http_body_framing(const char *content_length, const char *transfer_encoding, size_t max, size_t *len,
                      int *chunked, http_request *r)
{
    *len = 0;
    *chunked = 0;
    if (transfer_encoding) {
        if (content_length) {
            fail(r, "both Content-Length and Transfer-Encoding");
            return 400;
        }
        if (!starts_ci(transfer_encoding, "chunked") || transfer_encoding[7]) {
            fail(r, "the only transfer coding taken is chunked");
            return 501;
        }
        *chunked = 1;
        return 0;
    }
    if (!content_length) {
        fail(r, "a POST body needs a Content-Length (or chunked transfer coding)");
        return 411;
    }
    const char *p = content_length;
    while (*p == ' ' || *p == '\t')
        p++;
    size_t n = 0, digits = strspn(p, "0123456789");
    const char *end = p + digits;
    while (*end == ' ' || *end == '\t')
        end++;
    if (!digits || *end) {
        fail(r, "Content-Length is not a whole number");
        return 400;
    }
    /* stops once past max, before n * 10 can overflow (max < SIZE_MAX / 10) */
    size_t i = 0;
    for (; i < digits && n <= max; i++)
        n = n * 10 + (size_t)(p[i] - '0');
    if (n > max) {
        *len = i == digits && n <= max * 10 ? n : SIZE_MAX;
        fail(r, "the body is larger than %zu bytes (--max-body)", max);
        return 413;
    }
    *len = n;
    return 0;
}

/* Copies the media type (lower-cased, up to ';') of a Content-Type into
 * type and the charset parameter into charset; both at most cap - 1
 * bytes (longer ones are cut, and then match nothing). */
static void media_type(const char *ct, char *type, char *charset, size_t cap)
{
    size_t n = 0;
    while (*ct == ' ' || *ct == '\t')
        ct++;
    for (; *ct && *ct != ';' && *ct != ' ' && *ct != '\t'; ct++)
        if (n + 1 < cap)
            type[n++] = (char)tolower((unsigned char)*ct);
    type[n] = '\0';
    charset[0] = '\0';
    for (const char *p = ct; (p = strchr(p, ';'));) {
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!starts_ci(p, "charset="))
            continue;
        p += 8;
        int quoted = *p == '"';
        p += quoted;
        n = 0;
        for (; *p && *p != ';' && *p != '"' && *p != ' '; p++)
            if (n + 1 < cap)
                charset[n++] = (char)tolower((unsigned char)*p);
        charset[n] = '\0';
        break;
    }
}

static int is_utf8_charset(const char *cs)
{
    return !*cs || !strcmp(cs, "utf-8") || !strcmp(cs, "utf8") || !strcmp(cs, "us-ascii");
}

int http_body_kind(const char *content_type, const char *body, size_t len, http_kind *kind, char charset[40],
                   http_request *r)
{
    static const char *const JSON[] = {"application/json", "application/x-ndjson", "application/jsonl",
                                       "application/x-jsonlines", "application/jsonlines", NULL};
    static const char *const SNIFF[] = {"", "application/octet-stream", "application/x-www-form-urlencoded", NULL};
    char type[64];
    media_type(content_type ? content_type : "", type, charset, 40);
    size_t first = 0;
    while (first < len && (body[first] == ' ' || body[first] == '\t' || body[first] == '\r' || body[first] == '\n'))
        first++;
    if (first == len) {
        fail(r, "the body is empty: POST an article's text, or JSON Lines of articles");
        return 400;
    }
    *kind = 0;
    if (!strcmp(type, "text/plain"))
        *kind = HTTP_BODY_TEXT;
    else if (!strcmp(type, "text/html") || !strcmp(type, "application/xhtml+xml"))
        *kind = HTTP_BODY_HTML;
    for (size_t i = 0; JSON[i] && !*kind; i++)
        if (!strcmp(type, JSON[i]))
            *kind = HTTP_BODY_JSONL;
    for (size_t i = 0; SNIFF[i] && !*kind; i++)
        if (!strcmp(type, SNIFF[i]))
            *kind = body[first] == '{' ? HTTP_BODY_JSONL : HTTP_BODY_TEXT;
    if (!*kind) {
        fail(r, "Content-Type '%.40s' is not taken: text/plain, application/json (JSON Lines) or text/html", type);
        return 415;
    }
    if (*kind != HTTP_BODY_HTML && !is_utf8_charset(charset)) {
        fail(r, "text and JSON are UTF-8, not charset '%.39s'", charset);
        return 415;
    }
    return 0;
}

int http_next_line(const char *body, size_t len, size_t *pos, size_t *lineno, const char **line, size_t *line_len)
{
    while (*pos < len) {
        const char *s = body + *pos;
        const char *nl = memchr(s, '\n', len - *pos);
        size_t n = nl ? (size_t)(nl - s) : len - *pos;
        *pos += n + (nl != NULL);
        ++*lineno;
        while (n && (*s == ' ' || *s == '\t' || *s == '\r'))
            s++, n--;
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
            n--;
        if (n) {
            *line = s;
            *line_len = n;
            return 1;
        }
    }
    return 0;
}
