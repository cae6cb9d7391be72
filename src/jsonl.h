/* Reader for one JSON Lines article record. */
#ifndef EVC_JSONL_H
#define EVC_JSONL_H
#include "arena.h"
#include "evcode.h"

/* Parses `line` (one JSON object) and fills the string fields of `art`
 * (id, url, outlet, published, title, text) with unescaped copies in `arena`;
 * other members are validated and skipped. Absent or null fields stay NULL.
 * Returns EVC_OK, EVC_ERR_JSON (err->col and err->msg say where and what) or
 * EVC_ERR_NOMEM. Nesting deeper than 64 levels is an error. */
evc_status evc_jsonl_parse(evc_arena *arena, const char *line, size_t len,
                           evc_article *art, evc_error *err);
#endif
