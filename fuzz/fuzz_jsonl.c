/*
 * Fuzz target: the JSON Lines reader (src/jsonl.c) alone. The input is one
 * line. On success every field it fills is a NUL-terminated copy no longer
 * than the line (escapes only ever shrink), and "text" is there; on failure
 * the column lies within the line. A second parse of the same bytes must
 * agree (the reader keeps no state).
 */
#include "jsonl.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void field_ok(const char *s, size_t n, size_t line_len)
{
    if (s && (n > line_len || s[n] != 0))
        abort();
    if (!s && n)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *line = (const char *)data;
    evc_arena arena;
    evc_arena_init(&arena, 4096);
    evc_article a, b;
    evc_error err;
    memset(&err, 0, sizeof err);
    evc_status st = evc_jsonl_parse(&arena, line, size, &a, &err);
    if (st == EVC_OK) {
        if (!a.text)
            abort();
        field_ok(a.id, a.id_len, size);
        field_ok(a.url, a.url_len, size);
        field_ok(a.outlet, a.outlet_len, size);
        field_ok(a.published, a.published_len, size);
        field_ok(a.title, a.title_len, size);
        field_ok(a.text, a.text_len, size);
    } else if (st == EVC_ERR_JSON) {
        if (err.code != EVC_ERR_JSON || err.col < 1 || err.col > size + 1 || !err.msg[0])
            abort();
    } else if (st != EVC_ERR_NOMEM) {
        abort();
    }
    evc_status again = evc_jsonl_parse(&arena, line, size, &b, NULL);
    if (again != st || (st == EVC_OK && (a.text_len != b.text_len || memcmp(a.text, b.text, a.text_len))))
        abort();
    evc_arena_free(&arena);
    return 0;
}
