/*
 * Response bodies and request parsing for `evcode serve` (see http.h). No
 * sockets and no store here, so that the fuzz target reaches all of it.
 */
#include "http.h"
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
            return fail(r, "unknown parameter '%.40s'", pair);
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
static const char *const FILTERS[] = {"actor", "code", "from", "to", "text", "limit", "offset", "by", NULL};
static const char *const ACTORS[] = {"prefix", "limit", NULL};
static const char *const QUOTES[] = {"speaker", "text", "limit", "offset", NULL};
static const char *const PAGE[] = {"limit", "offset", NULL};

/* The route of `rest` (the path after /v1/); 0 when there is none. */
static http_route route_of(const char *rest, const char *const **allowed)
{
    static const struct {
        const char *name;
        http_route route;
        const char *const *allowed;
    } R[] = {{"events", HTTP_EVENTS, FILTERS},  {"timeline", HTTP_TIMELINE, FILTERS},
             {"actors", HTTP_ACTORS, ACTORS},   {"quotes", HTTP_QUOTES, QUOTES},
             {"stats", HTTP_STATS, NONE},       {"events/", HTTP_EVENT, NONE},
             {"articles/", HTTP_ARTICLE, NONE}, {"watchlists", HTTP_WATCHLISTS, NONE},
             {"watchlists/", HTTP_WATCH_EVENTS, PAGE}};
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

/* The route-specific checks once the parameters are split. */
static int check_route(http_request *r, const char *rest)
{
    switch (r->route) {
    case HTTP_EVENTS:
        if (http_param(r, "by"))
            return fail(r, "unknown parameter 'by' (for /v1/timeline)");
        return count_param(r, "limit", 1, HTTP_MAX_LIMIT, HTTP_DEFAULT_LIMIT, &r->limit) ||
                       count_param(r, "offset", 0, HTTP_MAX_OFFSET, 0, &r->offset)
                   ? -1
                   : 0;
    case HTTP_TIMELINE: {
        const char *by = http_param(r, "by");
        if (http_param(r, "limit") || http_param(r, "offset"))
            return fail(r, "the timeline takes no limit or offset");
        if (by && strcmp(by, "day") && strcmp(by, "week") && strcmp(by, "month"))
            return fail(r, "by is day, week or month");
        r->by = by ? by[0] : 'd';
        return 0;
    }
    case HTTP_ACTORS:
        return count_param(r, "limit", 1, HTTP_MAX_LIMIT, 20, &r->limit);
    case HTTP_QUOTES:
        return count_param(r, "limit", 1, HTTP_MAX_LIMIT, HTTP_DEFAULT_LIMIT, &r->limit) ||
                       count_param(r, "offset", 0, HTTP_MAX_OFFSET, 0, &r->offset)
                   ? -1
                   : 0;
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
        return count_param(r, "limit", 1, HTTP_MAX_LIMIT, HTTP_DEFAULT_LIMIT, &r->limit) ||
                       count_param(r, "offset", 0, HTTP_MAX_OFFSET, 0, &r->offset)
                   ? -1
                   : 0;
    }
    default:
        return 0;
    }
}

int http_parse(const char *method, const char *path, const char *qs, http_request *r)
{
    r->route = 0;
    r->article = NULL;
    r->event = 0;
    r->watch[0] = '\0';
    r->limit = r->offset = 0;
    r->by = 0;
    r->n = 0;
    r->why[0] = '\0';
    if (!path)
        path = "";
    if (!method || strcmp(method, "GET")) {
        fail(r, "only GET");
        return 405;
    }
    if (!strcmp(path, "/") || !strcmp(path, "/index.html")) {
        r->route = HTTP_DASHBOARD;
        return qs && *qs ? (fail(r, "the dashboard takes no parameters"), 400) : 0;
    }
    if (strncmp(path, "/v1/", 4) && strncmp(path, "/api/", 5)) {
        fail(r, "no such route (the API is under /v1/; the dashboard is at /)");
        return 404;
    }
    const char *rest = path + (path[1] == 'v' ? 4 : 5);
    const char *const *allowed = NONE;
    r->route = route_of(rest, &allowed);
    if (!r->route) {
        fail(r, "no such route (see GET / or evcode serve --help)");
        return 404;
    }
    return parse_params(qs, allowed, r) || check_route(r, rest) ? 400 : 0;
}
