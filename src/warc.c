/*
 * WARC reader (WARC/1.0 and 1.1, ISO 28500): records from a byte stream,
 * one at a time.
 *
 * The stream is plain or gzip (sniffed from its first two bytes); a gzip
 * stream may hold one member per record, as Common Crawl writes them, or
 * one for the whole file: members are inflated one after the other. The
 * uncompressed bytes go through a window buffer that holds at most one
 * record header and one block. A record is its "WARC/1.x" line, header
 * fields up to an empty line, Content-Length bytes of block and two line
 * ends. A malformed header is reported and skipped: the reader looks for the
 * next line that starts with "WARC/1.". The block of a "response" record of
 * HTTP is split into status, header and body; chunked transfer coding and
 * gzip or deflate content coding are undone. Decoded bodies are limited to
 * max_record bytes (decompression bombs). Everything is O(bytes).
 */
#include "arena.h"
#include "buf.h"
#include "evcode.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define WARC_MAX_HEADER (256u * 1024u)

struct evc_warc {
    evc_read_fn read;
    void *user;
    size_t max;
    int state;            /* 0 reading, 1 end, 2 failed */
    int gz;               /* -1 unknown, 0 plain, 1 gzip */
    int z_live;
    z_stream z;
    char raw[1 << 16];    /* compressed input */
    size_t raw_pos, raw_len;
    int raw_eof;
    evc_buf win;          /* uncompressed window: bytes [pos, len) unread */
    size_t pos;
    size_t line;          /* line number of win[pos] */
    size_t index;         /* records read */
    evc_arena arena;      /* the current record's strings */
    evc_buf block, body;
};

static void set_err(evc_error *err, evc_status st, size_t line, const char *msg)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->code = st;
    err->line = line;
    snprintf(err->msg, sizeof err->msg, "%s", msg);
}

evc_warc *evc_warc_new(evc_read_fn read, void *user, size_t max_record)
{
    if (!read)
        return NULL;
    evc_warc *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->read = read;
    w->user = user;
    w->max = max_record ? max_record : (size_t)64 << 20;
    w->gz = -1;
    w->line = 1;
    evc_buf_init(&w->win);
    evc_buf_init(&w->block);
    evc_buf_init(&w->body);
    evc_arena_init(&w->arena, 4096);
    return w;
}

void evc_warc_free(evc_warc *w)
{
    if (!w)
        return;
    if (w->z_live)
        inflateEnd(&w->z);
    evc_buf_free(&w->win);
    evc_buf_free(&w->block);
    evc_buf_free(&w->body);
    evc_arena_free(&w->arena);
    free(w);
}

/* Refills w->raw; 0 at the end, -1 on a read error. */
static int raw_fill(evc_warc *w)
{
    if (w->raw_pos < w->raw_len)
        return 1;
    if (w->raw_eof)
        return 0;
    long got = w->read(w->user, w->raw, sizeof w->raw);
    if (got < 0)
        return -1;
    w->raw_pos = 0;
    w->raw_len = (size_t)got > sizeof w->raw ? sizeof w->raw : (size_t)got;
    if (!got)
        w->raw_eof = 1;
    return got > 0;
}

/* Appends more uncompressed bytes to the window: 1 some, 0 at the end, -1
 * on an error (read error or corrupt gzip). */
static int more(evc_warc *w)
{
    int r = raw_fill(w);
    if (r <= 0)
        return r;
    if (w->gz < 0) {
        if (w->raw_len - w->raw_pos < 2 && !w->raw_eof) {
            /* two bytes decide: keep reading (rare: a one-byte read) */
            w->gz = 0;
        } else {
            w->gz = w->raw_len - w->raw_pos >= 2 && (unsigned char)w->raw[w->raw_pos] == 0x1f &&
                    (unsigned char)w->raw[w->raw_pos + 1] == 0x8b;
        }
    }
    if (!w->gz) {
        evc_buf_put(&w->win, w->raw + w->raw_pos, w->raw_len - w->raw_pos);
        w->raw_pos = w->raw_len;
        return w->win.oom ? -1 : 1;
    }
    if (!w->z_live) {
        memset(&w->z, 0, sizeof w->z);
        if (inflateInit2(&w->z, 15 + 16) != Z_OK)
            return -1;
        w->z_live = 1;
    }
    size_t before = w->win.len;
    char out[1 << 16];
    while (w->win.len == before) {
        if (raw_fill(w) <= 0)
            return w->raw_eof ? (w->z.total_in ? -1 : 0) : -1;
        w->z.next_in = (Bytef *)w->raw + w->raw_pos;
        w->z.avail_in = (uInt)(w->raw_len - w->raw_pos);
        w->z.next_out = (Bytef *)out;
        w->z.avail_out = sizeof out;
        uInt had = w->z.avail_in;
        int zr = inflate(&w->z, Z_NO_FLUSH);
        w->raw_pos = w->raw_len - w->z.avail_in;
        if (zr == Z_BUF_ERROR && had == w->z.avail_in && w->z.avail_out == sizeof out)
            return -1; /* no progress */
        evc_buf_put(&w->win, out, sizeof out - w->z.avail_out);
        if (zr == Z_STREAM_END) {
            inflateReset(&w->z); /* the next member, if any */
            w->z.total_in = 0;
        } else if (zr != Z_OK && zr != Z_BUF_ERROR) {
            return -1;
        }
        if (w->win.oom)
            return -1;
    }
    return 1;
}

/* Drops consumed window bytes once they are the larger part. */
static void compact(evc_warc *w)
{
    if (w->pos && w->pos * 2 >= w->win.len) {
        memmove(w->win.ptr, w->win.ptr + w->pos, w->win.len - w->pos);
        w->win.len -= w->pos;
        w->pos = 0;
    }
}

static void consume(evc_warc *w, size_t n)
{
    const char *p = w->win.ptr + w->pos, *e = p + n;
    while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
        w->line++;
        p++;
    }
    w->pos += n;
}

/* Ensures `n` unread bytes; 1 when there, 0 when the stream ends first,
 * -1 on an error. */
static int need(evc_warc *w, size_t n)
{
    while (w->win.len - w->pos < n) {
        compact(w);
        int r = more(w);
        if (r <= 0)
            return r;
    }
    return 1;
}

/* The end of the header that starts at the window position: the offset
 * after its empty line, 0 when not found within the limit or before a line
 * that starts another record, (size_t)-1 on a stream error. */
static size_t header_end(evc_warc *w)
{
    size_t scanned = 0;
    for (;;) {
        const char *p = w->win.ptr + w->pos;
        size_t n = w->win.len - w->pos;
        for (size_t i = scanned; i < n; i++) {
            if (p[i] != '\n')
                continue;
            if (i + 1 < n && p[i + 1] == '\n')
                return i + 2;
            if (i + 2 < n && p[i + 1] == '\r' && p[i + 2] == '\n')
                return i + 3;
            if (i + 8 <= n && !memcmp(p + i + 1, "WARC/1.", 7))
                return 0; /* the next record starts: this header never ends (keeps resync linear) */
        }
        scanned = n > 8 ? n - 8 : 0;
        if (n > WARC_MAX_HEADER)
            return 0;
        compact(w);
        int r = more(w);
        if (r < 0)
            return (size_t)-1;
        if (r == 0)
            return 0;
    }
}

/* A field's value from header h[0..n) ("Name: value" lines), as an arena
 * string; NULL when absent. */
static const char *field(evc_arena *a, const char *h, size_t n, const char *name)
{
    size_t nl = strlen(name);
    for (size_t i = 0; i < n;) {
        const char *eol = memchr(h + i, '\n', n - i);
        size_t e = eol ? (size_t)(eol - h) : n;
        if (e - i > nl && h[i + nl] == ':' && evc_eq_nocase(h + i, nl, name)) {
            size_t s = i + nl + 1;
            while (s < e && (h[s] == ' ' || h[s] == '\t'))
                s++;
            size_t t = e;
            while (t > s && (h[t - 1] == '\r' || h[t - 1] == ' ' || h[t - 1] == '\t'))
                t--;
            return evc_arena_strndup(a, h + s, t - s);
        }
        i = e + 1;
    }
    return NULL;
}

/* Skips to the next line that starts a record; 0 when none. */
static int resync(evc_warc *w)
{
    for (;;) {
        const char *p = w->win.ptr + w->pos;
        size_t n = w->win.len - w->pos;
        for (size_t i = 1; i + 7 <= n; i++)
            if (p[i - 1] == '\n' && !memcmp(p + i, "WARC/1.", 7)) {
                consume(w, i);
                return 1;
            }
        if (n > 7)
            consume(w, n - 7);
        compact(w);
        if (more(w) <= 0)
            return 0;
    }
}

/* ---- HTTP responses ---------------------------------------------------------- */

static int hexval(int c)
{
    return evc_is_digit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
}

/* Undoes chunked transfer coding of s[0..n) into out; 0 when s is not
 * chunked after all (then out is left empty). A body cut short keeps the
 * chunks it has. */
static int dechunk(const char *s, size_t n, evc_buf *out)
{
    size_t i = 0;
    evc_buf_clear(out);
    while (i < n) {
        size_t size = 0, digits = 0;
        int v;
        while (i < n && (v = hexval((unsigned char)s[i])) >= 0) {
            if (size > (SIZE_MAX >> 4))
                return digits > 0;
            size = size * 16 + (size_t)v;
            i++;
            digits++;
        }
        if (!digits)
            return out->len > 0;
        const char *eol = memchr(s + i, '\n', n - i);
        if (!eol)
            return 1;
        i = (size_t)(eol - s) + 1;
        if (size == 0)
            return 1;
        size_t take = size < n - i ? size : n - i;
        evc_buf_put(out, s + i, take);
        i += take;
        while (i < n && (s[i] == '\r' || s[i] == '\n'))
            i++;
    }
    return 1;
}

/* Inflates s[0..n) (gzip, zlib or raw deflate) into out, at most max bytes;
 * 0 on corrupt data or when the limit is passed. */
static int inflate_body(const char *s, size_t n, evc_buf *out, size_t max, int raw)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, raw ? -15 : 15 + 32) != Z_OK)
        return 0;
    evc_buf_clear(out);
    char tmp[1 << 15];
    z.next_in = (Bytef *)s;
    z.avail_in = n > UINT32_MAX ? UINT32_MAX : (uInt)n;
    int ok = 0;
    for (;;) {
        z.next_out = (Bytef *)tmp;
        z.avail_out = sizeof tmp;
        int zr = inflate(&z, Z_NO_FLUSH);
        evc_buf_put(out, tmp, sizeof tmp - z.avail_out);
        if (out->len > max || out->oom)
            break;
        if (zr == Z_STREAM_END) {
            ok = 1;
            break;
        }
        if (zr != Z_OK) {
            ok = zr == Z_BUF_ERROR && out->len > 0; /* truncated: keep what came */
            break;
        }
    }
    inflateEnd(&z);
    return ok && out->len <= max && !out->oom;
}

static int starts_nocase(const char *s, const char *w) { return s && evc_eq_nocase(s, strlen(w) <= strlen(s) ? strlen(w) : strlen(s), w); }

/* The charset parameter of a Content-Type value, as an arena string. */
static const char *charset_of(evc_arena *a, const char *ct)
{
    if (!ct)
        return NULL;
    for (const char *p = ct; *p; p++) {
        if (!evc_eq_nocase(p, strlen(p) < 8 ? strlen(p) : 8, "charset="))
            continue;
        p += 8;
        while (*p == '"' || *p == '\'' || *p == ' ')
            p++;
        size_t n = 0;
        while (p[n] && p[n] != '"' && p[n] != '\'' && p[n] != ';' && p[n] != ' ')
            n++;
        return n && n < 40 ? evc_arena_strndup(a, p, n) : NULL;
    }
    return NULL;
}

static int html_type(const char *ct)
{
    return starts_nocase(ct, "text/html") || starts_nocase(ct, "application/xhtml+xml");
}

static int http_response(evc_warc *w, evc_warc_record *rec, const char *ctype, evc_error *err)
{
    const char *b = w->block.ptr;
    size_t n = w->block.len;
    rec->content_type = ctype;
    rec->payload = b;
    rec->payload_len = n;
    if (!rec->type || strcmp(rec->type, "response") != 0 || !starts_nocase(ctype, "application/http"))
        return 1;
    if (n < 12 || memcmp(b, "HTTP/", 5) != 0) {
        set_err(err, EVC_ERR_INPUT, rec->line, "response record without an HTTP status line; skipped");
        return EVC_ERR_INPUT;
    }
    const char *sp = memchr(b, ' ', n < 16 ? n : 16);
    rec->status = sp && sp + 4 <= b + n ? atoi(sp + 1) : 0;
    size_t he = 0;
    for (size_t i = 0; i + 1 < n && !he; i++)
        if (b[i] == '\n' && (b[i + 1] == '\n' || (i + 2 < n && b[i + 1] == '\r' && b[i + 2] == '\n')))
            he = i + (b[i + 1] == '\n' ? 2 : 3);
    if (!he) {
        set_err(err, EVC_ERR_INPUT, rec->line, "HTTP response without the end of its header; skipped");
        return EVC_ERR_INPUT;
    }
    rec->content_type = field(&w->arena, b, he, "Content-Type");
    rec->charset = charset_of(&w->arena, rec->content_type);
    const char *te = field(&w->arena, b, he, "Transfer-Encoding");
    const char *ce = field(&w->arena, b, he, "Content-Encoding");
    const char *body = b + he;
    size_t blen = n - he;
    if (te && strstr(te, "chunked") && dechunk(body, blen, &w->body)) {
        /* w->body holds the chunks; inflate from a copy in the block's place */
        evc_buf_clear(&w->block);
        evc_buf_put(&w->block, w->body.ptr, w->body.len);
        body = w->block.ptr;
        blen = w->block.len;
    }
    if (w->block.oom || w->body.oom) {
        set_err(err, EVC_ERR_NOMEM, rec->line, "out of memory");
        return EVC_ERR_NOMEM;
    }
    if (ce && (starts_nocase(ce, "gzip") || starts_nocase(ce, "x-gzip") || starts_nocase(ce, "deflate"))) {
        if (!inflate_body(body, blen, &w->body, w->max, 0) && !inflate_body(body, blen, &w->body, w->max, 1)) {
            set_err(err, EVC_ERR_INPUT, rec->line, "HTTP body with corrupt or oversized gzip/deflate coding; skipped");
            return EVC_ERR_INPUT;
        }
        body = w->body.ptr;
        blen = w->body.len;
    }
    rec->payload = body;
    rec->payload_len = blen;
    int sniff = !rec->content_type && blen && (body[0] == '<' || (blen > 3 && !memcmp(body, "\xEF\xBB\xBF<", 4)));
    rec->is_html = rec->status >= 200 && rec->status < 300 && (html_type(rec->content_type) || sniff);
    return 1;
}

static int fail(evc_warc *w, evc_error *err, evc_status st, size_t line, const char *msg)
{
    set_err(err, st, line, msg);
    if (st == EVC_ERR_IO || st == EVC_ERR_NOMEM)
        w->state = 2;
    return st;
}

/* Reads a block of `len` bytes into w->block, or skips it when too large. */
static int read_block(evc_warc *w, size_t len, int keep)
{
    evc_buf_clear(&w->block);
    while (len) {
        if (w->pos == w->win.len) {
            compact(w);
            int r = more(w);
            if (r <= 0)
                return r < 0 ? -1 : 0;
        }
        size_t take = w->win.len - w->pos < len ? w->win.len - w->pos : len;
        if (keep)
            evc_buf_put(&w->block, w->win.ptr + w->pos, take);
        consume(w, take);
        len -= take;
        if (w->block.oom)
            return -1;
    }
    return 1;
}

int evc_warc_next(evc_warc *w, evc_warc_record *rec, evc_error *err)
{
    if (!w || !rec || w->state)
        return 0;
    memset(rec, 0, sizeof *rec);
    evc_arena_reset(&w->arena);
    /* line ends between records */
    for (;;) {
        int r = need(w, 1);
        if (r < 0)
            return fail(w, err, EVC_ERR_IO, w->line, "read error or corrupt gzip stream; rest of the file skipped");
        if (r == 0) {
            w->state = 1;
            return 0;
        }
        char c = w->win.ptr[w->pos];
        if (c != '\r' && c != '\n')
            break;
        consume(w, 1);
    }
    size_t line = w->line;
    size_t he = header_end(w);
    if (he == (size_t)-1)
        return fail(w, err, EVC_ERR_IO, line, "read error or corrupt gzip stream; rest of the file skipped");
    const char *h = w->win.ptr + w->pos;
    if (he == 0 || he < 8 || memcmp(h, "WARC/1.", 7) != 0) {
        if (!resync(w))
            w->state = 1;
        return fail(w, err, EVC_ERR_INPUT, line, "not a WARC/1.0 or 1.1 record header; skipped to the next record");
    }
    w->index++;
    rec->index = w->index;
    rec->line = line;
    rec->type = field(&w->arena, h, he, "WARC-Type");
    rec->target_uri = field(&w->arena, h, he, "WARC-Target-URI");
    rec->date = field(&w->arena, h, he, "WARC-Date");
    const char *ctype = field(&w->arena, h, he, "Content-Type");
    const char *clen = field(&w->arena, h, he, "Content-Length");
    if (rec->target_uri && rec->target_uri[0] == '<') {
        /* WARC/1.0 drafts wrote <uri> */
        char *u = (char *)rec->target_uri + 1;
        size_t n = strlen(u);
        if (n && u[n - 1] == '>')
            u[n - 1] = 0;
        rec->target_uri = u;
    }
    char *end;
    unsigned long long len = clen ? strtoull(clen, &end, 10) : 0;
    int bad_len = !clen || end == clen || *end || clen[0] == '-';
    consume(w, he);
    if (bad_len) {
        if (!resync(w))
            w->state = 1;
        return fail(w, err, EVC_ERR_INPUT, line, "WARC record without a valid Content-Length; skipped");
    }
    int keep = len <= w->max;
    int r = read_block(w, (size_t)(len > SIZE_MAX ? SIZE_MAX : len), keep);
    if (r < 0)
        return fail(w, err, w->block.oom ? EVC_ERR_NOMEM : EVC_ERR_IO, line,
                    "read error or corrupt gzip stream; rest of the file skipped");
    if (r == 0) {
        w->state = 1;
        return fail(w, err, EVC_ERR_INPUT, line, "WARC record cut short by the end of the file; skipped");
    }
    if (!keep) {
        char msg[128];
        snprintf(msg, sizeof msg, "WARC record larger than %zu bytes; skipped", w->max);
        return fail(w, err, EVC_ERR_INPUT, line, msg);
    }
    return http_response(w, rec, ctype, err);
}
