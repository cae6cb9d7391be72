/* Writers and the document API: JSON and TSV records, unusable input,
 * repairs, streaming, the JSON entry point. */
#include "doc_helpers.h"
#include "buf.h"
#include <limits.h>
#include <stdint.h>

/* The number writers give what printf gives, on values where rounding is
 * hard: ties, values a hair off a tie, negatives rounding to zero, large. */
static void numbers(void)
{
    static const double xs[] = {0.0, -0.0, 0.05, 0.15, 0.25, -0.05, -0.04, 2.675, 1.00005, -1.00005, 12.34565,
                                33.99999, 1e9 + 0.5, 123456789.123456, 1e20, -7.25, 10.0, -10.0, 3.4, 0.95};
    uint64_t seed = 88172645463325252ULL; /* xorshift: many ordinary coordinates */
    evc_buf a, b;
    evc_buf_init(&a);
    evc_buf_init(&b);
    for (int i = 0; i < 20000; i++) {
        double x;
        if (i < (int)(sizeof xs / sizeof xs[0])) {
            x = xs[i];
        } else {
            seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
            x = ((double)(seed % 3600000000ULL) / 1e7 - 180.0) / (double)(1 + i % 3);
        }
        for (int dec = 0; dec <= 6; dec++) {
            evc_buf_clear(&a);
            evc_buf_clear(&b);
            evc_buf_put_fixed(&a, x, dec);
            evc_buf_printf(&b, "%.*f", dec, x);
            if (strcmp(a.ptr, b.ptr)) {
                STR_EQ(a.ptr, b.ptr);
                break;
            }
        }
        evc_buf_clear(&a);
        evc_buf_clear(&b);
        long v = (long)(x * 1e6);
        evc_buf_put_int(&a, v);
        evc_buf_printf(&b, "%ld", v);
        if (strcmp(a.ptr, b.ptr))
            STR_EQ(a.ptr, b.ptr);
    }
    evc_buf_clear(&a);
    evc_buf_put_int(&a, LONG_MIN);
    evc_buf_clear(&b);
    evc_buf_printf(&b, "%ld", LONG_MIN);
    STR_EQ(a.ptr, b.ptr);
    evc_buf_free(&a);
    evc_buf_free(&b);
}

int main(void)
{
    numbers();
    if (setup()) {
        fprintf(stderr, "cannot load the fixture dictionary\n");
        return 1;
    }
    /* JSON output: escaping and record shape */
    code("2021-09-02", "The Taliban attacked \"Pakistan\"\ttroops.");
    char *out = NULL;
    INT_EQ(evc_doc_write(doc, EVC_FORMAT_JSONL, EVC_REC_EVENTS | EVC_REC_ARTICLES, collect, &out), EVC_OK);
    OK(out && strstr(out, "{\"type\":\"article\",\"article\":\"t\"") == out);
    OK(out && strstr(out, "attacked \\\"Pakistan\\\"\\ttroops.") != NULL);
    OK(out && strstr(out, "\"code\":\"190\",\"root\":\"19\",\"quad_class\":4,\"goldstein\":-10.0") != NULL);
    free(out);
    out = NULL;
    INT_EQ(evc_doc_write(doc, EVC_FORMAT_TSV, EVC_REC_EVENTS, collect, &out), EVC_OK);
    OK(out && strncmp(out, "t\t0\t2021-09-02\t2021-09-02\tAFGREB\t", 33) == 0);
    OK(out && strstr(out, "attacked \"Pakistan\" troops.\n") != NULL);
    free(out);

    /* unusable input */
    evc_error err;
    evc_article a;
    memset(&a, 0, sizeof a);
    a.text = "   \n ";
    a.text_len = 5;
    INT_EQ(evc_doc_code(doc, &a, &err), EVC_ERR_INPUT);
    OK(strstr(err.msg, "empty") != NULL);
    char bin[64];
    memset(bin, 1, sizeof bin);
    a.text = bin;
    a.text_len = sizeof bin;
    INT_EQ(evc_doc_code(doc, &a, &err), EVC_ERR_INPUT);
    OK(strstr(err.msg, "binary") != NULL);
    /* invalid UTF-8 and NUL are repaired and counted */
    a.text = "The Taliban attacked \xFF Pakistan.\0";
    a.text_len = 33;
    INT_EQ(evc_doc_code(doc, &a, &err), EVC_OK);
    evc_repairs rep;
    evc_doc_repairs(doc, &rep);
    INT_EQ(rep.invalid_utf8, 1);
    INT_EQ(rep.nul_bytes, 1);
    INT_EQ(rep.first_line, 1);
    /* streaming in small chunks gives the same result as one call */
    const char *text = "The Taliban attacked Pakistan. ISIS and the Taliban fought each other.";
    evc_article m;
    memset(&m, 0, sizeof m);
    m.published = "2021-09-02";
    m.published_len = 10;
    INT_EQ(evc_doc_begin(doc, &m, NULL), EVC_OK);
    for (size_t i = 0; i < strlen(text); i += 3)
        INT_EQ(evc_doc_feed(doc, text + i, strlen(text) - i < 3 ? strlen(text) - i : 3, NULL), EVC_OK);
    INT_EQ(evc_doc_finish(doc, NULL), EVC_OK);
    INT_EQ(evc_doc_n_events(doc), 3);
    /* JSON entry point */
    const char *line = "{\"id\":\"j1\",\"published\":\"2021-09-02\",\"text\":\"The Taliban attacked Pakistan.\"}";
    INT_EQ(evc_doc_code_json(doc, line, strlen(line), NULL, NULL, NULL), EVC_OK);
    STR_EQ(evc_doc_article(doc)->id, "j1");
    INT_EQ(evc_doc_n_events(doc), 1);
    INT_EQ(evc_doc_code_json(doc, "{\"id\":1", 7, NULL, NULL, &err), EVC_ERR_JSON);

    /* issue 8: metadata with invalid UTF-8 or NUL is repaired and counted like
     * the text, and the records are valid UTF-8 */
    const char *bad = "{\"id\":\"a\xFF\",\"title\":\"T\xC3(\",\"url\":\"u\xED\xA0\x80\","
                      "\"text\":\"The Taliban attacked Pakistan.\"}";
    INT_EQ(evc_doc_code_json(doc, bad, strlen(bad), NULL, NULL, NULL), EVC_OK);
    STR_EQ(evc_doc_article(doc)->id, "a\xEF\xBF\xBD");
    STR_EQ(evc_doc_article(doc)->title, "T\xEF\xBF\xBD(");
    evc_doc_repairs(doc, &rep);
    INT_EQ(rep.invalid_utf8, 5);
    memset(&m, 0, sizeof m);
    m.id = "x\0y";
    m.id_len = 3;
    m.text = "The Taliban attacked Pakistan.";
    m.text_len = strlen(m.text);
    INT_EQ(evc_doc_code(doc, &m, NULL), EVC_OK);
    STR_EQ(evc_doc_article(doc)->id, "x y");
    evc_doc_repairs(doc, &rep);
    INT_EQ(rep.nul_bytes, 1);
    out = NULL;
    INT_EQ(evc_doc_write(doc, EVC_FORMAT_JSONL, EVC_REC_EVENTS | EVC_REC_ARTICLES, collect, &out), EVC_OK);
    OK(out && strstr(out, "\"article\":\"x y\"") != NULL);
    free(out);

    evc_doc_free(NULL);
    teardown();
    DONE();
}
