#include "jsonl.h"
#include "utf8.h"
#include "util.h"
#include <stdio.h>
#include <string.h>

typedef struct parser {
    const char *s;
    size_t n, i;
    evc_arena *arena;
    evc_error *err;
    evc_status st;
} parser;

static int fail(parser *p, evc_status st, const char *msg)
{
    if (p->st == EVC_OK) {
        p->st = st;
        if (p->err) {
            p->err->code = st;
            p->err->col = p->i + 1;
            p->err->offset = p->i;
            snprintf(p->err->msg, sizeof p->err->msg, "%s", msg);
        }
    }
    return -1;
}

static void ws(parser *p)
{
    while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\r' || p->s[p->i] == '\n'))
        p->i++;
}

static int hex4(parser *p, uint32_t *v)
{
    if (p->n - p->i < 4)
        return fail(p, EVC_ERR_JSON, "truncated \\u escape");
    *v = 0;
    for (int k = 0; k < 4; k++) {
        char c = p->s[p->i++];
        int d = evc_is_digit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
        if (d < 0)
            return fail(p, EVC_ERR_JSON, "bad hex digit in \\u escape");
        *v = *v << 4 | (uint32_t)d;
    }
    return 0;
}

/* Parses a string at p->i (on the opening quote). When out != NULL, stores an
 * unescaped NUL-terminated copy (invalid UTF-8 kept for the cleaner to repair). */
static int string(parser *p, char **out, size_t *out_len)
{
    p->i++;
    size_t start = p->i;
    int escaped = 0;
    for (;;) {
        if (p->i >= p->n)
            return fail(p, EVC_ERR_JSON, "unterminated string");
        unsigned char c = (unsigned char)p->s[p->i];
        if (c == '"')
            break;
        if (c < 0x20)
            return fail(p, EVC_ERR_JSON, c ? "control character in string" : "NUL byte in string");
        if (c == '\\') {
            escaped = 1;
            p->i++;
            if (p->i >= p->n)
                return fail(p, EVC_ERR_JSON, "unterminated string");
        }
        p->i++;
    }
    size_t end = p->i++;
    if (!out)
        return 0;
    char *d = evc_arena_alloc(p->arena, end - start + 1);
    if (!d)
        return fail(p, EVC_ERR_NOMEM, "out of memory");
    if (!escaped) {
        memcpy(d, p->s + start, end - start);
        *out = d;
        *out_len = end - start;
        return 0;
    }
    size_t o = 0, save = p->i;
    for (p->i = start; p->i < end;) {
        char c = p->s[p->i++];
        if (c != '\\') {
            d[o++] = c;
            continue;
        }
        char e = p->s[p->i++];
        switch (e) {
        case '"': d[o++] = '"'; break;
        case '\\': d[o++] = '\\'; break;
        case '/': d[o++] = '/'; break;
        case 'b': d[o++] = '\b'; break;
        case 'f': d[o++] = '\f'; break;
        case 'n': d[o++] = '\n'; break;
        case 'r': d[o++] = '\r'; break;
        case 't': d[o++] = '\t'; break;
        case 'u': {
            uint32_t v, lo;
            if (hex4(p, &v))
                return -1;
            if (v >= 0xD800 && v <= 0xDBFF && p->i + 6 <= end && p->s[p->i] == '\\' && p->s[p->i + 1] == 'u') {
                size_t back = p->i;
                p->i += 2;
                if (hex4(p, &lo))
                    return -1;
                if (lo >= 0xDC00 && lo <= 0xDFFF)
                    v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
                else
                    p->i = back;
            }
            if (v >= 0xD800 && v <= 0xDFFF)
                v = 0xFFFD; /* lone surrogate */
            /* \u0000 becomes a space: articles are text */
            if (v == 0)
                v = ' ';
            o += evc_utf8_encode(v, d + o);
            break;
        }
        default:
            p->i--;
            return fail(p, EVC_ERR_JSON, "invalid escape in string");
        }
    }
    p->i = save;
    d[o] = 0;
    *out = d;
    *out_len = o;
    return 0;
}

static int value(parser *p, int depth);

static int literal(parser *p, const char *w)
{
    size_t n = strlen(w);
    if (p->n - p->i < n || memcmp(p->s + p->i, w, n) != 0)
        return fail(p, EVC_ERR_JSON, "invalid literal");
    p->i += n;
    return 0;
}

static int number(parser *p)
{
    size_t s = p->i;
    if (p->i < p->n && p->s[p->i] == '-')
        p->i++;
    if (p->i >= p->n || !evc_is_digit(p->s[p->i]))
        return fail(p, EVC_ERR_JSON, "invalid number");
    if (p->s[p->i] == '0')
        p->i++;
    else
        while (p->i < p->n && evc_is_digit(p->s[p->i])) p->i++;
    if (p->i < p->n && p->s[p->i] == '.') {
        p->i++;
        if (p->i >= p->n || !evc_is_digit(p->s[p->i]))
            return fail(p, EVC_ERR_JSON, "invalid number");
        while (p->i < p->n && evc_is_digit(p->s[p->i])) p->i++;
    }
    if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
        p->i++;
        if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
            p->i++;
        if (p->i >= p->n || !evc_is_digit(p->s[p->i]))
            return fail(p, EVC_ERR_JSON, "invalid number");
        while (p->i < p->n && evc_is_digit(p->s[p->i])) p->i++;
    }
    return p->i > s ? 0 : -1;
}

static int container(parser *p, int depth, char close)
{
    p->i++;
    ws(p);
    if (p->i < p->n && p->s[p->i] == close) {
        p->i++;
        return 0;
    }
    for (;;) {
        ws(p);
        if (close == '}') {
            if (p->i >= p->n || p->s[p->i] != '"')
                return fail(p, EVC_ERR_JSON, "expected a member name");
            if (string(p, NULL, NULL))
                return -1;
            ws(p);
            if (p->i >= p->n || p->s[p->i] != ':')
                return fail(p, EVC_ERR_JSON, "expected ':'");
            p->i++;
        }
        if (value(p, depth + 1))
            return -1;
        ws(p);
        if (p->i < p->n && p->s[p->i] == ',') {
            p->i++;
            continue;
        }
        if (p->i < p->n && p->s[p->i] == close) {
            p->i++;
            return 0;
        }
        return fail(p, EVC_ERR_JSON, close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

static int value(parser *p, int depth)
{
    if (depth > 64)
        return fail(p, EVC_ERR_JSON, "nesting too deep");
    ws(p);
    if (p->i >= p->n)
        return fail(p, EVC_ERR_JSON, "unexpected end of line");
    switch (p->s[p->i]) {
    case '"': return string(p, NULL, NULL);
    case '{': return container(p, depth, '}');
    case '[': return container(p, depth, ']');
    case 't': return literal(p, "true");
    case 'f': return literal(p, "false");
    case 'n': return literal(p, "null");
    default: return number(p);
    }
}

static const char *const FIELDS[] = {"id", "url", "outlet", "published", "title", "text"};

evc_status evc_jsonl_parse(evc_arena *arena, const char *line, size_t len,
                           evc_article *art, evc_error *err)
{
    parser p = {line, len, 0, arena, err, EVC_OK};
    memset(art, 0, sizeof *art);
    const char **ptr[6] = {&art->id, &art->url, &art->outlet, &art->published, &art->title, &art->text};
    size_t *lens[6] = {&art->id_len, &art->url_len, &art->outlet_len, &art->published_len, &art->title_len, &art->text_len};
    ws(&p);
    if (p.i >= p.n || p.s[p.i] != '{') {
        fail(&p, EVC_ERR_JSON, "not a JSON object");
        return p.st;
    }
    p.i++;
    ws(&p);
    if (p.i < p.n && p.s[p.i] == '}') {
        p.i++;
    } else {
        for (;;) {
            ws(&p);
            if (p.i >= p.n || p.s[p.i] != '"') {
                fail(&p, EVC_ERR_JSON, "expected a member name");
                return p.st;
            }
            char *key;
            size_t klen;
            if (string(&p, &key, &klen))
                return p.st;
            ws(&p);
            if (p.i >= p.n || p.s[p.i] != ':') {
                fail(&p, EVC_ERR_JSON, "expected ':'");
                return p.st;
            }
            p.i++;
            ws(&p);
            int f = -1;
            for (int k = 0; k < 6; k++)
                if (strlen(FIELDS[k]) == klen && memcmp(FIELDS[k], key, klen) == 0)
                    f = k;
            if (f >= 0 && p.i < p.n && p.s[p.i] == '"') {
                char *v;
                size_t vl;
                if (string(&p, &v, &vl))
                    return p.st;
                *ptr[f] = v;
                *lens[f] = vl;
            } else if (f >= 0 && p.i < p.n && p.s[p.i] == 'n') {
                if (literal(&p, "null"))
                    return p.st;
            } else if (f >= 0 && f != 0) {
                fail(&p, EVC_ERR_JSON, "field must be a string or null");
                return p.st;
            } else if (f == 0 && p.i < p.n && (evc_is_digit(p.s[p.i]) || p.s[p.i] == '-')) {
                size_t s = p.i; /* numeric ids are accepted as text */
                if (number(&p))
                    return p.st;
                art->id = evc_arena_strndup(arena, line + s, p.i - s);
                art->id_len = p.i - s;
            } else if (value(&p, 1)) {
                return p.st;
            }
            ws(&p);
            if (p.i < p.n && p.s[p.i] == ',') {
                p.i++;
                continue;
            }
            if (p.i < p.n && p.s[p.i] == '}') {
                p.i++;
                break;
            }
            fail(&p, EVC_ERR_JSON, "expected ',' or '}'");
            return p.st;
        }
    }
    ws(&p);
    if (p.i != p.n) {
        fail(&p, EVC_ERR_JSON, "trailing characters after the object");
        return p.st;
    }
    if (!art->text) {
        p.i = 0;
        fail(&p, EVC_ERR_JSON, "missing \"text\" field");
        return p.st;
    }
    return EVC_OK;
}
