/* Unit tests: HTML reading (charsets, entities, metadata, extraction rules),
 * JSON-LD strings, and the WARC reader over cut reads. */
#include "evcode.h"
#include "harness.h"
#include "html.h"
#include <stdlib.h>
#include <string.h>

static evc_page page(evc_extractor *x, const char *html, const char *url, const char *cs)
{
    evc_page p;
    evc_status st = evc_html_extract(x, html, strlen(html), url, cs, &p, NULL);
    INT_EQ(st, EVC_OK);
    return p;
}

#define LONG_P "<p>The ministers met in the capital on Monday and agreed to resume talks on trade, officials said.</p>"

static void test_charsets(evc_extractor *x)
{
    /* undeclared and not UTF-8: windows-1252 */
    evc_page p = page(x, "<p>\x93" "Caf\xe9\x94 \x80 5 and more words to make a block of text here.</p>", NULL, NULL);
    STR_EQ(p.charset, "windows-1252");
    OK(strstr(p.text, "\xE2\x80\x9C" "Caf\xC3\xA9" "\xE2\x80\x9D \xE2\x82\xAC") != NULL);
    /* the HTTP charset wins over the page's meta */
    p = page(x, "<meta charset=\"utf-8\"><p>Caf\xe9 au lait is served here every single morning, they said.</p>", NULL,
             "ISO-8859-1");
    OK(strstr(p.text, "Caf\xC3\xA9") != NULL);
    /* a meta declaration (iconv) */
    p = page(x, "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"><p>\xf0\xd2\xc9\xd7\xc5\xd4, "
                "and some more words to make this paragraph long enough.</p>",
             NULL, NULL);
    STR_EQ(p.charset, "koi8-r");
    OK(strncmp(p.text, "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82", 12) == 0);
    /* entities, and valid UTF-8 as it is */
    p = page(x, "<p>Fish &amp; chips &#8217;n&rsquo; caf\xC3\xA9 are all on the menu of the old harbour inn.</p>", NULL,
             NULL);
    STR_EQ(p.charset, "UTF-8");
    OK(strstr(p.text, "Fish & chips \xE2\x80\x99n\xE2\x80\x99 caf\xC3\xA9") != NULL);
    /* binary is refused */
    char bin[64];
    memset(bin, 1, sizeof bin);
    evc_error err;
    INT_EQ(evc_html_extract(x, bin, sizeof bin, NULL, NULL, &p, &err), EVC_ERR_INPUT);
}

static void test_metadata(evc_extractor *x)
{
    evc_page p = page(x,
                      "<html lang=\"en-GB\"><head><title>Talks resume | The Daily Example</title>"
                      "<meta property=\"og:site_name\" content=\"The Daily Example\"></head>"
                      "<body><time datetime=\"2021-08-29T10:00\">Sunday</time>" LONG_P "</body></html>",
                      "https://www.example.org/news/talks", NULL);
    STR_EQ(p.title, "Talks resume");
    STR_EQ(p.published, "2021-08-29");
    STR_EQ(p.outlet, "The Daily Example");
    STR_EQ(p.lang, "en");
    STR_EQ(p.url, "https://www.example.org/news/talks");
    p = page(x, "<title>A headline that is long enough - Site</title>" LONG_P, "https://www.example.org/2019/05/12/x",
             NULL);
    STR_EQ(p.title, "A headline that is long enough");
    STR_EQ(p.published, "2019-05-12");
    STR_EQ(p.outlet, "example.org");
    p = page(x,
             "<script type=\"application/ld+json\">{\"headline\":\"LD \\u00e9 title\",\"datePublished\":\"March 4, "
             "2019\"}</script>" LONG_P,
             NULL, NULL);
    STR_EQ(p.title, "LD \xC3\xA9 title");
    STR_EQ(p.published, "2019-03-04");
}

static void test_extraction(evc_extractor *x)
{
    evc_page p = page(x,
                      "<body><nav><a href=/>Home</a> <a href=/a>World</a></nav>"
                      "<div class=\"share-tools\"><a>Share on social media with all your many friends, please.</a></div>"
                      "<article><h1>Title</h1>" LONG_P "<p class=\"wp-caption-text\">A caption of the photo that shows the "
                      "ministers, with far too many words.</p><p>Short one.</p>" LONG_P
                      "<h2>Subheading</h2><p>Another paragraph of the article follows here, with words enough to be kept as "
                      "text.</p></article>"
                      "<div id=\"commentsSection\"><p>A reader comment that is long enough to look like an article "
                      "paragraph, with commas, too.</p></div><footer><p>Copyright 2021, all rights reserved by the "
                      "publisher of this page.</p></footer></body>",
                      NULL, NULL);
    const char *want = "The ministers met in the capital on Monday and agreed to resume talks on trade, officials said.\n"
                       "Short one.\nSubheading\n"
                       "Another paragraph of the article follows here, with words enough to be kept as text.";
    STR_EQ(p.text, want); /* the repeated paragraph once; no nav, share, caption, comments, footer, h1 */
    /* nothing but a menu: empty text, still OK */
    p = page(x, "<ul><li><a href=/a>One</a></li><li><a href=/b>Two</a></li></ul>", NULL, NULL);
    STR_EQ(p.text, "");
}

static void test_jsonld(void)
{
    evc_arena a;
    evc_arena_init(&a, 1024);
    const char *js = "{\"a\":{\"articleBody\":\"short\"},\"articleBody\":\"a \\\"longer\\\" one\\n\\ud83d\\ude00\","
                     "\"name\":\"articleBody\"}";
    STR_EQ(evc_jsonld_get(&a, js, strlen(js), "articleBody", 0), "short");
    STR_EQ(evc_jsonld_get(&a, js, strlen(js), "articleBody", 1), "a \"longer\" one \xF0\x9F\x98\x80");
    OK(evc_jsonld_get(&a, js, strlen(js), "headline", 0) == NULL);
    OK(evc_jsonld_get(&a, "\"articleBody\":\"unterminated", 27, "articleBody", 0) != NULL);
    evc_arena_free(&a);
}

typedef struct src {
    const char *p;
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

static void test_warc(void)
{
    static const char W[] =
        "WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 4\r\n\r\nabcd\r\n\r\n"
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: <http://a.example/x>\r\n"
        "Content-Type: application/http; msgtype=response\r\nContent-Length: 107\r\n\r\n"
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"ISO-8859-1\"\r\nTransfer-Encoding: chunked\r\n\r\n"
        "3\r\n<p>\r\n0\r\n\r\n\r\n\r\n"
        "garbage line\nWARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 2\r\n\r\nhi\r\n\r\n";
    for (size_t step = 1; step <= 64; step *= 4) {
        src s = {W, sizeof W - 1, step};
        evc_warc *w = evc_warc_new(feed, &s, 0);
        evc_warc_record r;
        evc_error err;
        INT_EQ(evc_warc_next(w, &r, &err), 1);
        STR_EQ(r.type, "warcinfo");
        INT_EQ(r.line, 1);
        INT_EQ(evc_warc_next(w, &r, &err), 1);
        STR_EQ(r.target_uri, "http://a.example/x");
        STR_EQ(r.charset, "ISO-8859-1");
        INT_EQ(r.status, 200);
        INT_EQ(r.is_html, 1);
        INT_EQ(r.payload_len, 3);
        OK(r.payload && !memcmp(r.payload, "<p>", 3));
        INT_EQ(r.line, 7);
        INT_EQ(evc_warc_next(w, &r, &err), EVC_ERR_INPUT);
        INT_EQ(err.line, 23);
        INT_EQ(evc_warc_next(w, &r, &err), 1);
        STR_EQ(r.type, "resource");
        INT_EQ(r.index, 3);
        INT_EQ(evc_warc_next(w, &r, &err), 0);
        evc_warc_free(w);
    }
}

int main(void)
{
    evc_extractor *x = evc_extractor_new();
    OK(x != NULL);
    test_charsets(x);
    test_metadata(x);
    test_extraction(x);
    evc_extractor_free(x);
    evc_extractor_free(NULL);
    evc_warc_free(NULL);
    test_jsonld();
    test_warc();
    DONE();
}
