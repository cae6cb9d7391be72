/*
 * Fuzz target: the WARC reader (src/warc.c): gzip members, record headers,
 * resynchronisation after bad records, HTTP responses with chunked transfer
 * and gzip/deflate content coding. The first byte chooses the read size
 * (1 to 256 bytes or 64 KiB: records and gzip members cut anywhere) and the
 * record limit (64 bytes to 64 MiB). Every record must be within the limit,
 * have strings that are NUL-terminated and a line number that never goes
 * back; reading must end (each call consumes input); HTML records go
 * through the extractor.
 */
#include "evcode.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct src {
    const uint8_t *p;
    size_t n, step;
} src;

static long feed(void *user, char *buf, size_t cap)
{
    src *s = user;
    size_t k = s->n < s->step ? s->n : s->step;
    if (k > cap)
        k = cap;
    memcpy(buf, s->p, k);
    s->p += k;
    s->n -= k;
    return (long)k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned opt = data[0];
    src s = {data + 1, size - 1, (opt & 3) == 3 ? 65536 : (size_t)1 + (opt >> 2) * 4};
    size_t max = (opt & 64) ? 64 + (opt & 63) * 16 : 0;
    evc_warc *w = evc_warc_new(feed, &s, max);
    static evc_extractor *x;
    if (!w || (!x && !(x = evc_extractor_new())))
        abort();
    evc_warc_record r;
    evc_error err;
    size_t last_line = 0, calls = 0;
    int st;
    while ((st = evc_warc_next(w, &r, &err)) != 0) {
        if (++calls > size + 2)
            abort(); /* every call must consume input */
        if (st < 0) {
            if (!err.msg[0] || err.line < last_line)
                abort();
            last_line = err.line;
            continue;
        }
        if (r.line < last_line || (max && r.payload_len > max) || (r.payload_len && !r.payload))
            abort();
        last_line = r.line;
        const char *strs[] = {r.type, r.target_uri, r.date, r.content_type, r.charset};
        for (int i = 0; i < 5; i++)
            if (strs[i])
                (void)strlen(strs[i]);
        if (r.is_html) {
            evc_page pg;
            (void)evc_html_extract(x, r.payload, r.payload_len, r.target_uri, r.charset, &pg, NULL);
        }
    }
    evc_warc_free(w);
    return 0;
}
