/*
 * Fuzz target: the whole `code` path with quotes and articles on. The first
 * input byte chooses the API path (whole buffer, streamed in small chunks,
 * or one JSON line), and whether the dictionaries are ours or TABARI's
 * (with its options on); every writer runs.
 * Records must be whole lines of valid UTF-8.
 * Build with libFuzzer (clang -fsanitize=fuzzer) or link replay.c to run a
 * corpus without it.
 */
#include "evcode.h"
#include "fuzz_check.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Every record ends a line, and the output is valid UTF-8 whatever the
 * input was: non-zero (abort) otherwise. */
static int sink(void *user, const char *bytes, size_t len)
{
    size_t *n = user;
    *n += len;
    return !fuzz_valid_utf8(bytes, len) || bytes[len - 1] != '\n';
}

/* One JSON object (evc_doc_explain_json): valid UTF-8, braces at both ends. */
static int object_sink(void *user, const char *bytes, size_t len)
{
    size_t *n = user;
    *n += len;
    return !fuzz_valid_utf8(bytes, len) || len < 2 || bytes[0] != '{' || bytes[len - 1] != '}';
}

/* A context with TABARI dictionaries (the unit tests' small project) and
 * its options turned on: defaults, comma clauses, complexity, CODE ALL. */
static evc_ctx *tabari_ctx(void)
{
    static evc_ctx *ctx;
    if (!ctx) {
        evc_tabari_options t;
        evc_tabari_options_default(&t);
        static const char *const cmds[] = {"DEFAULT: SOURCE [DSR] TARGET [DTG]", "COMPLEX: VERBS[4] CONJ[3] NOACTPRIOR",
                                           "COMMA: MIN = 1 MAX = 5 EMIN = 1 EMAX = 4 BMIN = 1 BMAX = 3",
                                           "SET: CODE ALL", "SET: MINIMUM WORDS = 2"};
        for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
            evc_tabari_option(&t, cmds[i], strlen(cmds[i]));
        evc_options o;
        evc_options_default(&o);
        o.dict_dir = EVC_FIXTURES "/peer/mini.project";
        o.tabari = &t;
        if (evc_ctx_new(&o, &ctx, NULL) != EVC_OK)
            abort();
    }
    return ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned mode = data[0];
    evc_ctx *ctx = (mode & 32) ? tabari_ctx() : fuzz_ctx(); /* bit 5: TABARI's dictionaries and options */
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    evc_doc *doc = evc_doc_new(ctx);
    if (!doc)
        return 0;
    int explain = (mode & 16) != 0;
    evc_doc_set_explain(doc, explain);
    evc_article a;
    memset(&a, 0, sizeof a);
    a.id = "fuzz";
    a.id_len = 4;
    a.published = (mode & 8) ? "2021-09-02" : NULL;
    a.published_len = a.published ? 10 : 0;
    a.title_in_text = 1;
    evc_status st;
    switch (mode % 3) {
    case 0:
        a.text = text;
        a.text_len = len;
        st = evc_doc_code(doc, &a, NULL);
        break;
    case 1:
        st = evc_doc_begin(doc, &a, NULL);
        for (size_t i = 0; st == EVC_OK && i < len; i += 7)
            st = evc_doc_feed(doc, text + i, len - i < 7 ? len - i : 7, NULL);
        if (st == EVC_OK)
            st = evc_doc_finish(doc, NULL);
        break;
    default:
        st = evc_doc_code_json(doc, text, len, "fuzz", NULL, NULL);
        break;
    }
    if (st == EVC_OK) {
        size_t n = 0;
        int rec = EVC_REC_EVENTS | EVC_REC_QUOTES | EVC_REC_ARTICLES | (explain ? EVC_REC_EXPLAIN : 0);
        if (evc_doc_write(doc, EVC_FORMAT_JSONL, rec, sink, &n) == EVC_ERR_ABORT)
            abort();
        if (explain && (evc_doc_explain_text(doc, sink, &n) != EVC_OK ||
                        (evc_doc_n_events(doc) && evc_doc_explain_json(doc, 0, object_sink, &n) != EVC_OK)))
            abort();
        if (evc_doc_write(doc, EVC_FORMAT_TSV, EVC_REC_EVENTS, sink, &n) == EVC_ERR_ABORT)
            abort();
    }
    evc_doc_free(doc);
    return 0;
}
