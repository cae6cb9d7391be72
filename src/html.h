/*
 * HTML main-text extraction (src/html*.c).
 *
 * A page goes through four steps, each linear in its bytes:
 *   1. html_pre.c: the charset (HTTP header, BOM, <meta charset>, else
 *      detection: valid UTF-8 or windows-1252), conversion to UTF-8, and a
 *      prefilter that drops comments and the bodies of script, style,
 *      noscript, svg and template elements (about half of a news page's
 *      bytes) while keeping JSON-LD scripts aside for metadata.
 *   2. html.c: libxml2's HTML parser (SAX: no DOM is built) fills a flat
 *      tree of element nodes in document order (a parent always precedes its
 *      children) and a list of text blocks, each the inline text of one
 *      block-level element, with its length and the share inside links.
 *   3. html_extract.c: block classes (good, short, link list, boilerplate),
 *      one bottom-up pass that sums them into a score per node, the best
 *      node and its good siblings, and the blocks kept in document order,
 *      each paragraph at most once.
 *   4. html_meta.c: title, date, outlet, URL and language from meta tags,
 *      JSON-LD, <time>, <h1>, <title> and the URL.
 * Design: our own; it follows the ideas of boilerplate detection by text and
 * link density (Kohlschütter et al., "Boilerplate Detection using Shallow
 * Text Features", WSDM 2010) and of readability-style container scoring.
 */
#ifndef EVC_HTML_H
#define EVC_HTML_H
#include "arena.h"
#include "buf.h"
#include "evcode.h"
#include "vec.h"
#include <stdint.h>

/* the tag of <article> elements (html.c HT_ARTICLE) */
#define HT_ARTICLE_TAG 8

/* node flags */
enum {
    HN_BLOCK = 1 << 0,    /* a block-level element: owns the inline text inside it */
    HN_BOILER = 1 << 1,   /* navigation, footer, share widget, comments ...: dropped below the main node */
    HN_POS = 1 << 2,      /* class, id, itemprop or tag say "article body" */
    HN_HEADING = 1 << 3,  /* h1-h6 */
    HN_LI = 1 << 4,
    HN_H1 = 1 << 5,
    HN_STRONGPOS = 1 << 6 /* itemprop=articleBody and the like */
};

typedef struct evc_hnode {
    uint32_t parent;      /* index; the root (0) is its own parent */
    uint16_t tag;         /* HT_* (html.c) */
    uint16_t flags;       /* HN_* */
    int64_t score;        /* filled by the extractor */
} evc_hnode;

/* block flags */
enum { HB_HEADING = 1, HB_LI = 2, HB_H1 = 4, HB_TD = 8, HB_LEADLINK = 16 /* starts inside a link */ };

typedef struct evc_hblock {
    uint32_t start, len;  /* text in x->text */
    uint32_t owner;       /* the innermost block-level element */
    uint32_t size;        /* letters and digits; a CJK character counts 3 */
    uint32_t link_size;   /* of those, inside <a> */
    uint16_t flags;       /* HB_* */
    uint16_t punct;       /* sentence punctuation and commas */
} evc_hblock;

struct evc_extractor {
    evc_arena arena;      /* per page: nodes, blocks, metadata strings */
    evc_buf conv;         /* the page in UTF-8, when it was not */
    evc_buf pre;          /* the prefiltered page given to libxml2 */
    evc_buf ld;           /* JSON-LD script bodies, one per line */
    evc_buf text;         /* block texts */
    evc_buf title;        /* <title> */
    evc_buf out;          /* the extracted body */
    EVC_VEC(evc_hnode) nodes;
    EVC_VEC(evc_hblock) blocks;
    EVC_VEC(uint32_t) stack;  /* open elements */
    EVC_VEC(uint32_t) blockstack;  /* open block-level elements */
    /* parser state */
    uint32_t skip;        /* > 0: inside a dropped element (depth) */
    uint32_t links;       /* open <a> elements */
    uint32_t cur_start;   /* where the current block's text starts in x->text */
    uint32_t cur_size, cur_link, cur_punct;
    int in_title, in_head, space, cur_lead;
    int oom;
    uint8_t *under;       /* html_extract.c: per node, inside boilerplate */
    uint8_t *main;        /* ... per node, its blocks may be kept */
    uint32_t best;        /* ... the main node */
    /* metadata seen by the parser (arena strings, NULL when absent) */
    const char *m_title, *m_site, *m_date, *m_url, *m_canon, *m_lang, *m_locale, *m_time, *m_desc;
    const char *charset;
    evc_page page;
};

/* html_pre.c: fills x->pre (and x->ld) from the raw page; `charset` is the
 * HTTP header's, or NULL. Sets x->charset. */
evc_status evc_html_prepare(evc_extractor *x, const char *html, size_t len, const char *charset);
/* html.c: parses x->pre into x->nodes and x->blocks. */
evc_status evc_html_parse(evc_extractor *x);
/* html_extract.c: the body text into x->out (blocks joined by '\n'). */
void evc_html_main_text(evc_extractor *x);
/* html_meta.c: fills x->page from what the parser saw and `url`. */
void evc_html_meta(evc_extractor *x, const char *url);
/* jsonld.c: the first string value of `key` in the JSON text s[0..n),
 * decoded to UTF-8 into the arena; NULL when there is none. With `longest`
 * the longest value of all occurrences. */
const char *evc_jsonld_get(evc_arena *a, const char *s, size_t n, const char *key, int longest);
/* A NUL-terminated arena copy of s[0..n) with whitespace runs collapsed to one
 * space and trimmed; NULL when nothing is left. */
const char *evc_html_squash(evc_arena *a, const char *s, size_t n);
#endif
