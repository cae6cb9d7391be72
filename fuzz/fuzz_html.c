/*
 * Fuzz target: the HTML reader (src/html*.c, src/jsonld.c): charset
 * detection and conversion, the prefilter, libxml2's parser through our SAX
 * callbacks, main-text extraction and metadata. The first byte chooses the
 * HTTP charset given (none, UTF-8, windows-1252, ISO-8859-2, Shift_JIS, an
 * unknown name), whether a URL is given, and whether the page is also coded
 * (evc_doc_code_html). Every string of the result must be valid UTF-8
 * without NUL, the text as long as text_len says, and a second extraction
 * with the same extractor must give the same text (no state leaks between
 * pages).
 */
#include "fuzz_check.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check_page(const evc_page *p)
{
    if (!p->text || strlen(p->text) != p->text_len)
        abort();
    fuzz_check_utf8(p->text, p->text_len);
    fuzz_check_str(p->title);
    fuzz_check_str(p->published);
    fuzz_check_str(p->outlet);
    fuzz_check_str(p->url);
    fuzz_check_str(p->lang);
    if (p->published && strlen(p->published) != 10)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const CHARSETS[] = {NULL, "utf-8", "windows-1252", "ISO-8859-2", "Shift_JIS", "x-no-such"};
    if (size < 1)
        return 0;
    unsigned opt = data[0];
    const char *html = (const char *)data + 1;
    size_t len = size - 1;
    const char *cs = CHARSETS[opt % 6];
    const char *url = (opt & 8) ? "https://www.example.org/2021/08/29/page.html" : NULL;
    static evc_extractor *x;
    if (!x && !(x = evc_extractor_new()))
        abort();
    evc_page a, b;
    evc_status st = evc_html_extract(x, html, len, url, cs, &a, NULL);
    if (st == EVC_OK) {
        check_page(&a);
        char *copy = malloc(a.text_len + 1);
        if (!copy)
            return 0;
        memcpy(copy, a.text, a.text_len + 1);
        if (evc_html_extract(x, html, len, url, cs, &b, NULL) != EVC_OK || strcmp(copy, b.text) != 0)
            abort();
        free(copy);
    } else if (st != EVC_ERR_INPUT && st != EVC_ERR_NOMEM) {
        abort();
    }
    if (opt & 16) {
        evc_doc *doc = evc_doc_new(fuzz_ctx());
        evc_error err;
        if (!doc)
            return 0;
        st = evc_doc_code_html(doc, html, len, "fuzz", url, cs, "2021-08-29", &err);
        if (st == EVC_OK)
            fuzz_check_str(evc_doc_article(doc)->text);
        evc_doc_free(doc);
    }
    return 0;
}
