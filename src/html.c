/*
 * HTML parsing: libxml2's HTML parser in SAX mode fills the extractor's flat
 * node list and text blocks (see html.h). No DOM is built: each element is
 * one 16-byte node in an arena vector, each run of inline text between two
 * block boundaries one block.
 */
#define _POSIX_C_SOURCE 200809L
#include "html.h"
#include "util.h"
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <pthread.h>
#include <string.h>

enum {
    HT_OTHER, HT_A, HT_P, HT_DIV, HT_H, HT_LI, HT_TD, HT_BLOCK, HT_ARTICLE = HT_ARTICLE_TAG, HT_MAIN, HT_NAV, HT_BOILER, HT_DROP,
    HT_BR, HT_TITLE, HT_META, HT_LINK, HT_HTML, HT_HEAD, HT_BODY, HT_TIME, HT_PRE
};

typedef struct tagdef {
    const char *name;
    uint8_t tag;
} tagdef;

/* element names as libxml2 gives them (lower case) */
static const tagdef TAGS[] = {
    {"a", HT_A}, {"p", HT_P}, {"div", HT_DIV}, {"h1", HT_H}, {"h2", HT_H}, {"h3", HT_H}, {"h4", HT_H},
    {"h5", HT_H}, {"h6", HT_H}, {"li", HT_LI}, {"td", HT_TD}, {"th", HT_TD}, {"dd", HT_BLOCK}, {"dt", HT_BLOCK},
    {"ul", HT_BLOCK}, {"ol", HT_BLOCK}, {"dl", HT_BLOCK}, {"tr", HT_BLOCK}, {"table", HT_BLOCK},
    {"tbody", HT_BLOCK}, {"thead", HT_BLOCK}, {"tfoot", HT_BLOCK}, {"section", HT_BLOCK},
    {"blockquote", HT_BLOCK}, {"center", HT_BLOCK}, {"address", HT_BLOCK}, {"hr", HT_BLOCK},
    {"details", HT_BLOCK}, {"summary", HT_BLOCK}, {"fieldset", HT_BLOCK}, {"form", HT_BLOCK},
    {"caption", HT_DROP}, {"article", HT_ARTICLE}, {"main", HT_MAIN}, {"nav", HT_NAV}, {"aside", HT_BOILER},
    {"footer", HT_BOILER}, {"header", HT_BOILER}, {"menu", HT_NAV}, {"figure", HT_DROP},
    {"figcaption", HT_DROP}, {"button", HT_DROP}, {"select", HT_DROP}, {"option", HT_DROP},
    {"iframe", HT_DROP}, {"object", HT_DROP}, {"embed", HT_DROP}, {"canvas", HT_DROP}, {"video", HT_DROP},
    {"audio", HT_DROP}, {"map", HT_DROP}, {"dialog", HT_DROP}, {"input", HT_DROP}, {"label", HT_DROP},
    {"picture", HT_DROP}, {"math", HT_DROP}, {"br", HT_BR}, {"title", HT_TITLE}, {"meta", HT_META},
    {"link", HT_LINK}, {"html", HT_HTML}, {"head", HT_HEAD}, {"body", HT_BODY}, {"time", HT_TIME},
    {"pre", HT_PRE}, {"script", HT_DROP}, {"style", HT_DROP}, {"noscript", HT_DROP}, {"template", HT_DROP},
    {"svg", HT_DROP}, {"textarea", HT_DROP}, {NULL, 0}};

static int tag_of(const char *name)
{
    /* a linear scan of ~70 short names, first letter checked first, costs
     * less than the parser's own work per element */
    for (const tagdef *t = TAGS; t->name; t++)
        if (t->name[0] == name[0] && t->name[1] == name[1] && !strcmp(t->name, name))
            return t->tag;
    return HT_OTHER;
}

/* ---- class and id words --------------------------------------------------- */

/* Words of class and id values, in alphabetical order; FIRST[c - 'a'] is
 * the index of the first word starting with letter c (FIRST[26]: the end).
 *   K_NEG   boilerplate whatever else the class says;
 *   K_WEAK  layout words: boilerplate unless the same class also names the
 *           article ("content-with-sidebar");
 *   K_POS   the article.
 * Keep the table sorted and FIRST in step with it when adding a word. */
enum { K_NEG = 1, K_WEAK = 2, K_POS = 4 };
typedef struct kword {
    const char *w;
    uint8_t n, kind;
} kword;
#define KW(s, k) {s, sizeof s - 1, k}
static const kword WORDS[] = {
    KW("ad", K_NEG), KW("ads", K_NEG), KW("adslot", K_NEG), KW("adunit", K_NEG), KW("advert", K_NEG),
    KW("advertisement", K_NEG), KW("advertising", K_NEG), KW("article", K_POS), KW("articlebody", K_POS),
    KW("author", K_NEG), KW("authors", K_NEG), KW("banner", K_WEAK), KW("bio", K_NEG), KW("blog", K_POS),
    KW("body", K_POS), KW("breadcrumb", K_NEG), KW("breadcrumbs", K_NEG), KW("byline", K_NEG),
    KW("caption", K_NEG), KW("captions", K_NEG), KW("comment", K_NEG), KW("comments", K_NEG),
    KW("consent", K_NEG), KW("content", K_POS), KW("cookie", K_NEG), KW("cookies", K_NEG),
    KW("copyright", K_NEG), KW("credit", K_NEG), KW("credits", K_NEG), KW("dateline", K_NEG),
    KW("disclaimer", K_NEG), KW("disqus", K_NEG), KW("entry", K_POS), KW("follow", K_NEG), KW("footer", K_WEAK),
    KW("gdpr", K_NEG), KW("jump", K_NEG), KW("login", K_NEG), KW("main", K_POS), KW("masthead", K_WEAK),
    KW("menu", K_WEAK), KW("meta", K_NEG), KW("modal", K_WEAK), KW("mostread", K_NEG), KW("nav", K_WEAK),
    KW("navbar", K_WEAK), KW("navigation", K_WEAK), KW("newsletter", K_NEG), KW("newsletters", K_NEG),
    KW("outbrain", K_NEG), KW("overlay", K_WEAK), KW("pager", K_WEAK), KW("pagination", K_WEAK),
    KW("photo", K_NEG), KW("popular", K_NEG), KW("popup", K_WEAK), KW("post", K_POS), KW("print", K_NEG),
    KW("promo", K_NEG), KW("promoted", K_NEG), KW("promotion", K_NEG), KW("prose", K_POS), KW("rail", K_WEAK),
    KW("readmore", K_NEG), KW("recommendation", K_NEG), KW("recommendations", K_NEG), KW("recommended", K_NEG),
    KW("related", K_NEG), KW("share", K_NEG), KW("sharebar", K_NEG), KW("shares", K_NEG), KW("sharing", K_NEG),
    KW("sidebar", K_WEAK), KW("signup", K_NEG), KW("skip", K_NEG), KW("social", K_NEG), KW("socials", K_NEG),
    KW("sponsor", K_NEG), KW("sponsored", K_NEG), KW("story", K_POS), KW("subscribe", K_NEG),
    KW("subscription", K_NEG), KW("taboola", K_NEG), KW("tag", K_NEG), KW("tags", K_NEG), KW("teaser", K_NEG),
    KW("teasers", K_NEG), KW("text", K_POS), KW("timestamp", K_NEG), KW("toolbar", K_WEAK),
    KW("trending", K_NEG), KW("widget", K_WEAK), KW("widgets", K_WEAK),
};
static const uint16_t FIRST[27] = {0, 11, 18, 29, 32, 33, 35, 36, 36, 36, 37, 37, 38, 44, 49, 51, 62, 62, 68, 82, 91, 91, 91, 93, 93, 93, 93};

/* The kind of the lower-case word w[0..n), 0 when none. */
static int word_kind(const char *w, size_t n)
{
    if (w[0] < 'a' || w[0] > 'z')
        return 0;
    for (unsigned i = FIRST[w[0] - 'a']; i < FIRST[w[0] - 'a' + 1]; i++)
        if (WORDS[i].n == n && !memcmp(WORDS[i].w, w, n))
            return WORDS[i].kind;
    return 0;
}

/* Words of class and id values, with their lengths. */
typedef struct word {
    const char *w;
    size_t n;
} word;
#define W(s) {s, sizeof s - 1}
static const word HIDDEN_CLASSES[] = {
    W("hidden"), W("visually-hidden"), W("visuallyhidden"), W("sr-only"), W("screen-reader-text"),
    W("screenreader"), W("element-invisible"), {NULL, 0}};

/* Flags from a class or id value: HN_BOILER when a word (a run of letters,
 * lower-cased) names boilerplate, else HN_POS when one names the article;
 * -1 when a whole class says the element is hidden. */
static int class_flags(const char *v)
{
    int neg = 0, weak = 0, pos = 0;
    const char *p = v;
    for (;;) {
        while (*p && evc_is_space((unsigned char)*p))
            p++;
        const char *tok = p;
        while (*p && !evc_is_space((unsigned char)*p))
            p++;
        size_t tl = (size_t)(p - tok);
        if (!tl)
            break;
        for (const word *h = HIDDEN_CLASSES; h->w; h++)
            if (h->n == tl && h->w[0] == evc_to_lower((unsigned char)tok[0]) && evc_eq_nocase(tok, tl, h->w))
                return -1;
        for (const char *q = tok; q < p;) {
            while (q < p && !evc_is_alpha((unsigned char)*q))
                q++;
            char w[24];
            size_t n = 0;
            while (q < p && evc_is_alpha((unsigned char)*q)) {
                if (n < sizeof w)
                    w[n] = (char)evc_to_lower((unsigned char)*q);
                n++;
                q++;
                if (q < p && evc_is_upper((unsigned char)*q) && evc_is_lower((unsigned char)q[-1]))
                    break; /* camelCase: a new word */
            }
            if (n && n <= sizeof w) {
                int k = word_kind(w, n);
                neg |= k == K_NEG;
                weak |= k == K_WEAK;
                pos |= k == K_POS;
            }
        }
    }
    return neg || (weak && !pos) ? HN_BOILER : pos ? HN_POS : 0;
}

static const char *attr(const xmlChar **atts, const char *name)
{
    for (size_t i = 0; atts && atts[i]; i += 2)
        if (!strcmp((const char *)atts[i], name))
            return atts[i + 1] ? (const char *)atts[i + 1] : "";
    return NULL;
}

static int contains_nocase(const char *v, const char *w)
{
    size_t wl = strlen(w), vl = strlen(v);
    for (size_t i = 0; i + wl <= vl; i++)
        if (evc_eq_nocase(v + i, wl, w))
            return 1;
    return 0;
}

/* -1 when the element is hidden, else HN_* flags from its attributes. */
static int attr_flags(const xmlChar **atts)
{
    int flags = 0;
    for (size_t i = 0; atts && atts[i]; i += 2) {
        const char *k = (const char *)atts[i], *v = atts[i + 1] ? (const char *)atts[i + 1] : "";
        if (!strcmp(k, "class") || !strcmp(k, "id")) {
            int f = class_flags(v);
            if (f < 0)
                return -1;
            flags |= f;
        } else if (!strcmp(k, "hidden")) {
            return -1;
        } else if (!strcmp(k, "aria-hidden") && !strcmp(v, "true")) {
            return -1;
        } else if (!strcmp(k, "style")) {
            char c[64];
            size_t n = 0;
            for (const char *p = v; *p && n + 1 < sizeof c; p++)
                if (*p != ' ')
                    c[n++] = (char)evc_to_lower((unsigned char)*p);
            c[n] = 0;
            if (strstr(c, "display:none") || strstr(c, "visibility:hidden"))
                return -1;
        } else if (!strcmp(k, "itemprop")) {
            if (contains_nocase(v, "articlebody") || !strcmp(v, "text"))
                flags |= HN_POS | HN_STRONGPOS;
        } else if (!strcmp(k, "role")) {
            if (!strcmp(v, "navigation") || !strcmp(v, "complementary") || !strcmp(v, "contentinfo") ||
                !strcmp(v, "banner") || !strcmp(v, "menu") || !strcmp(v, "dialog") || !strcmp(v, "alert"))
                flags |= HN_BOILER;
            else if (!strcmp(v, "main") || !strcmp(v, "article"))
                flags |= HN_POS;
        }
    }
    if ((flags & HN_BOILER) && (flags & HN_STRONGPOS))
        flags &= ~HN_BOILER;
    return flags;
}

/* ---- metadata from <meta>, <link>, <html>, <time> ------------------------- */

static void keep(evc_extractor *x, const char **slot, const char *v)
{
    if (!*slot && v)
        *slot = evc_html_squash(&x->arena, v, strlen(v));
}

static int is_date_name(const char *k)
{
    static const char *const D[] = {"article:published_time", "datepublished", "date", "pubdate", "publishdate",
                                    "publish-date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created",
                                    "sailthru.date", "parsely-pub-date", "article.published", "og:published_time",
                                    "published_time", "article_date_original", "original-publish-date",
                                    "publication_date", "date.release", "citation_publication_date", NULL};
    for (int i = 0; D[i]; i++)
        if (evc_eq_nocase(k, strlen(k), D[i]))
            return 1;
    return 0;
}

static void on_meta(evc_extractor *x, const xmlChar **atts)
{
    const char *k = attr(atts, "property");
    const char *v = attr(atts, "content");
    if (!k)
        k = attr(atts, "name");
    if (!k)
        k = attr(atts, "itemprop");
    if (!k) {
        k = attr(atts, "http-equiv");
        if (k && evc_eq_nocase(k, strlen(k), "content-language"))
            keep(x, &x->m_lang, v);
        return;
    }
    if (!v)
        v = attr(atts, "datetime");
    if (!v)
        return;
    size_t kl = strlen(k);
    if (evc_eq_nocase(k, kl, "og:title") || evc_eq_nocase(k, kl, "twitter:title"))
        keep(x, &x->m_title, v);
    else if (evc_eq_nocase(k, kl, "og:site_name"))
        keep(x, &x->m_site, v);
    else if (evc_eq_nocase(k, kl, "og:url"))
        keep(x, &x->m_url, v);
    else if (evc_eq_nocase(k, kl, "og:locale"))
        keep(x, &x->m_locale, v);
    else if (evc_eq_nocase(k, kl, "og:description") || evc_eq_nocase(k, kl, "description"))
        keep(x, &x->m_desc, v);
    else if (is_date_name(k))
        keep(x, &x->m_date, v);
}

/* ---- SAX callbacks ------------------------------------------------------- */

static uint32_t top(const evc_extractor *x) { return x->stack.n ? x->stack.v[x->stack.n - 1] : 0; }

/* The innermost open block-level element (the root when none). */
static uint32_t owner(const evc_extractor *x) { return x->blockstack.n ? x->blockstack.v[x->blockstack.n - 1] : 0; }

/* Ends the current run of inline text: a block when it has letters. */
static void flush(evc_extractor *x)
{
    evc_buf *t = &x->text;
    if (x->cur_size) {
        size_t end = t->len;
        while (end > x->cur_start && t->ptr[end - 1] == ' ')
            end--;
        evc_hblock *b = EVC_VEC_PUSH(&x->arena, x->blocks);
        if (!b) {
            x->oom = 1;
        } else {
            uint32_t o = owner(x);
            const evc_hnode *on = &x->nodes.v[o];
            b->start = x->cur_start;
            b->len = (uint32_t)(end - x->cur_start);
            b->owner = o;
            b->size = x->cur_size;
            b->link_size = x->cur_link;
            b->punct = (uint16_t)(x->cur_punct > 0xFFFF ? 0xFFFF : x->cur_punct);
            b->flags = (uint16_t)(((on->flags & HN_HEADING) ? HB_HEADING : 0) | ((on->flags & HN_LI) ? HB_LI : 0) |
                                  ((on->flags & HN_H1) ? HB_H1 : 0) | (on->tag == HT_TD ? HB_TD : 0) |
                                  (x->cur_lead ? HB_LEADLINK : 0));
            evc_buf_putc(t, '\n');
            x->cur_start = (uint32_t)t->len;
        }
    } else {
        t->len = x->cur_start;
    }
    x->cur_size = x->cur_link = x->cur_punct = 0;
    x->cur_lead = 0;
    x->space = 1;
}

static void on_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
    evc_extractor *x = ctx;
    if (x->oom)
        return;
    if (x->skip) {
        x->skip++;
        return;
    }
    const char *name = (const char *)xname;
    int tag = tag_of(name);
    switch (tag) {
    case HT_META:
        on_meta(x, atts);
        break;
    case HT_LINK: {
        const char *rel = attr(atts, "rel");
        if (rel && evc_eq_nocase(rel, strlen(rel), "canonical"))
            keep(x, &x->m_canon, attr(atts, "href"));
        break;
    }
    case HT_HTML:
        keep(x, &x->m_lang, attr(atts, "lang"));
        break;
    case HT_TITLE:
        x->in_title = 1;
        break;
    case HT_TIME:
        keep(x, &x->m_time, attr(atts, "datetime"));
        break;
    default:
        break;
    }
    int af = attr_flags(atts);
    if (tag == HT_TD && !x->space) {
        /* table cells join their row's block: a data row is one line */
        evc_buf_putc(&x->text, ' ');
        x->space = 1;
    }
    int block = tag == HT_P || tag == HT_DIV || tag == HT_H || tag == HT_LI || tag == HT_BLOCK ||
                tag == HT_ARTICLE || tag == HT_MAIN || tag == HT_NAV || tag == HT_BOILER || tag == HT_PRE ||
                tag == HT_BODY || tag == HT_DROP;
    if (block)
        flush(x);
    if (tag == HT_BR && !x->space) {
        /* a line break inside the block: kept as a line end of its text */
        evc_buf_putc(&x->text, '\n');
        x->space = 1;
    }
    if (tag == HT_DROP || tag == HT_NAV || af < 0) {
        x->skip = 1;
        return;
    }
    if (tag == HT_BR || tag == HT_BODY || tag == HT_HTML)
        af = 0; /* page-wide classes ("has-sidebar") say nothing about the text */
    uint32_t parent = top(x);
    evc_hnode *nd = EVC_VEC_PUSH(&x->arena, x->nodes);
    uint32_t *sp = EVC_VEC_PUSH(&x->arena, x->stack);
    if (!nd || !sp) {
        x->oom = 1;
        return;
    }
    uint32_t idx = (uint32_t)(x->nodes.n - 1);
    nd->parent = parent;
    *sp = idx;
    nd->tag = (uint16_t)tag;
    nd->flags = (uint16_t)af;
    if (block && tag != HT_BR) {
        nd->flags |= HN_BLOCK;
        uint32_t *bp = EVC_VEC_PUSH(&x->arena, x->blockstack);
        if (!bp)
            x->oom = 1;
        else
            *bp = idx;
    }
    if (tag == HT_H) {
        nd->flags |= HN_HEADING;
        if (name[1] == '1')
            nd->flags |= HN_H1;
    }
    if (tag == HT_LI)
        nd->flags |= HN_LI;
    if (tag == HT_BOILER)
        nd->flags |= HN_BOILER;
    if (tag == HT_ARTICLE || tag == HT_MAIN)
        nd->flags |= HN_POS;
    if (tag == HT_A)
        x->links++;
    if (tag == HT_HEAD)
        x->in_head = 1;
}

static void on_end(void *ctx, const xmlChar *xname)
{
    evc_extractor *x = ctx;
    if (x->oom)
        return;
    if (x->skip) {
        x->skip--;
        if (!x->skip)
            x->space = 1;
        return;
    }
    if (!x->stack.n)
        return;
    uint32_t idx = x->stack.v[--x->stack.n];
    evc_hnode *nd = &x->nodes.v[idx];
    if (nd->flags & HN_BLOCK) {
        flush(x);
        if (x->blockstack.n)
            x->blockstack.n--;
    }
    switch (nd->tag) {
    case HT_A:
        if (x->links)
            x->links--;
        break;
    case HT_TITLE:
        x->in_title = 0;
        break;
    case HT_HEAD:
        x->in_head = 0;
        break;
    default:
        break;
    }
    (void)xname;
}

/* Appends text with whitespace runs collapsed; counts letters (a CJK or
 * Hangul character as 3) and sentence punctuation. */
static void on_text(void *ctx, const xmlChar *ch, int len)
{
    evc_extractor *x = ctx;
    if (x->oom || len <= 0)
        return;
    const unsigned char *s = ch;
    size_t n = (size_t)len;
    if (x->in_title) {
        evc_buf_put(&x->title, (const char *)s, n);
        return;
    }
    if (x->skip || x->in_head)
        return;
    evc_buf *t = &x->text;
    uint32_t size = 0, punct = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] > ' ' && s[j] < 0x80) {
            unsigned c = s[j];
            size += evc_is_alpha((int)c) || evc_is_digit((int)c);
            punct += c == '.' || c == ',' || c == '!' || c == '?' || c == ';';
            j++;
        }
        while (j < n && s[j] >= 0x80) {
            unsigned c = s[j];
            if (c >= 0xE3 && c <= 0xED)
                size += 3;
            else if (c >= 0xC0)
                size++;
            if (c == 0xE3 && j + 2 < n && s[j + 1] == 0x80 && (s[j + 2] == 0x81 || s[j + 2] == 0x82))
                punct++;
            j++;
        }
        if (j > i) {
            if (t->len == x->cur_start && x->links)
                x->cur_lead = 1;
            evc_buf_put(t, (const char *)s + i, j - i);
            x->space = 0;
            i = j;
            continue;
        }
        if (s[i] <= ' ') {
            if (!x->space)
                evc_buf_putc(t, ' ');
            x->space = 1;
            i++;
        } else {
            i++; /* unreachable: every byte is one of the classes above */
        }
    }
    x->cur_size += size;
    x->cur_punct += punct;
    if (x->links)
        x->cur_link += size;
    if (t->oom)
        x->oom = 1;
}

static void on_error(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static void xml_init(void) { xmlInitParser(); }

evc_status evc_html_parse(evc_extractor *x)
{
    pthread_once(&xml_once, xml_init);
    if (x->pre.len > (size_t)INT32_MAX)
        return EVC_ERR_INPUT;
    evc_hnode *root = EVC_VEC_PUSH(&x->arena, x->nodes);
    if (!root)
        return EVC_ERR_NOMEM;
    root->flags = HN_BLOCK;
    x->space = 1;
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(x->pre.len ? x->pre.ptr : " ", x->pre.len ? (int)x->pre.len : 1);
    if (!ctxt)
        return EVC_ERR_NOMEM;
    htmlSAXHandler h;
    memset(&h, 0, sizeof h);
    h.startElement = on_start;
    h.endElement = on_end;
    h.characters = on_text;
    h.cdataBlock = on_text;
    h.ignorableWhitespace = on_text;
    h.warning = on_error;
    h.error = on_error;
    h.fatalError = on_error;
    memcpy(ctxt->sax, &h, sizeof h);
    ctxt->userData = x;
    htmlCtxtUseOptions(ctxt, HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    /* the library never prints: libxml2's thread-local generic error
     * handler is silenced during the parse and restored after */
    xmlGenericErrorFunc old_fn = xmlGenericError;
    void *old_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, on_error);
    htmlParseDocument(ctxt);
    xmlSetGenericErrorFunc(old_ctx, old_fn);
    if (ctxt->myDoc)
        xmlFreeDoc(ctxt->myDoc);
    ctxt->myDoc = NULL;
    htmlFreeParserCtxt(ctxt);
    x->skip = 0;
    flush(x);
    return x->oom || x->text.oom || x->title.oom ? EVC_ERR_NOMEM : EVC_OK;
}
