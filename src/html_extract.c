/*
 * Main text of a parsed page (see html.h).
 *
 * Each block gets a class from its own features: GOOD (enough letters, few of
 * them in links, sentence punctuation), LINKS (mostly link text: menus,
 * related-story lists) or SHORT. One pass from the last node to the first
 * (children follow their parent in the node list) sums the blocks into
 * each node: `good` the letters of GOOD blocks, `bad` the letters of LINKS
 * blocks and a fixed cost per SHORT block; a boilerplate node (navigation,
 * footer, share, comments ...) hands all of its text up as bad. The main
 * node is the one with the highest good - bad (raised a little when tag or
 * class say "article"); siblings nearly as good join it (articles split by
 * an advertisement). Its blocks are kept in document order: GOOD ones,
 * headings and short ones that sit between GOOD ones (context, as jusText
 * does), each distinct paragraph once. O(nodes + blocks).
 */
#include "html.h"
#include "util.h"
#include <string.h>

enum { C_SHORT, C_GOOD, C_LINKS };

#define SHORT_COST 12

/* A copyright or rights line: page furniture, whatever its length. */
static int legal_line(const char *s, size_t n)
{
    static const char *const W[] = {"\xC2\xA9", "all rights reserved", NULL};
    for (int k = 0; W[k]; k++) {
        size_t wl = strlen(W[k]);
        for (size_t i = 0; i + wl <= n; i++)
            if ((s[i] | 0x20) == (W[k][0] | 0x20) && evc_eq_nocase(s + i, wl, W[k]))
                return 1;
    }
    return 0;
}

static int block_class(const evc_extractor *x, const evc_hblock *b)
{
    uint64_t size = b->size, link = b->link_size;
    if (size < 400 && legal_line(x->text.ptr + b->start, b->len))
        return C_LINKS;
    if (link * 2 > size && !(size >= 150 && b->punct >= 3 && link * 5 <= size * 4 && !(b->flags & HB_LI)))
        return C_LINKS; /* (a long paragraph of sentences may be mostly links) */
    if ((b->flags & HB_LI) && (b->flags & HB_LEADLINK) && link * 6 > size)
        return C_SHORT; /* a list item led by a link: a teaser of another story */
    if (size >= 60 && (link * 3 <= size || (size >= 150 && b->punct >= 3)) && (b->punct >= 1 || size >= 150) &&
        !(b->flags & HB_HEADING))
        return C_GOOD;
    return C_SHORT;
}

typedef struct acc {
    int64_t good, bad;
} acc;

/* Sums block classes into nodes; returns the best node. `use_class` off
 * ignores boilerplate flags (the fallback when they hid the article). */
static uint32_t best_node(evc_extractor *x, acc *a, int use_boiler, int64_t *best_score)
{
    size_t n = x->nodes.n;
    memset(a, 0, n * sizeof *a);
    for (size_t i = 0; i < x->blocks.n; i++) {
        const evc_hblock *b = &x->blocks.v[i];
        int c = block_class(x, b);
        if (c == C_GOOD)
            a[b->owner].good += (int64_t)(b->size - b->link_size);
        else if (c == C_LINKS)
            a[b->owner].bad += (int64_t)b->size;
        else {
            /* short text: labels, bylines, data rows (cheap); with links: menus */
            int64_t cost = b->link_size ? SHORT_COST : SHORT_COST / 4;
            a[b->owner].bad += (int64_t)b->size < cost ? (int64_t)b->size : cost;
        }
    }
    for (size_t i = n; i-- > 1;) {
        const evc_hnode *nd = &x->nodes.v[i];
        acc *p = &a[nd->parent];
        if (use_boiler && (nd->flags & HN_BOILER)) {
            p->bad += a[i].good + a[i].bad;
        } else {
            p->good += a[i].good;
            p->bad += a[i].bad;
        }
    }
    uint32_t best = 0;
    int64_t bs = INT64_MIN;
    uint8_t *under = x->under;  /* inside boilerplate: no candidate */
    for (size_t i = 0; i < n; i++) {
        const evc_hnode *nd = &x->nodes.v[i];
        under[i] = (uint8_t)(use_boiler && ((nd->flags & HN_BOILER) || (i && under[nd->parent])));
        if (under[i])
            continue;
        int64_t s = a[i].good - a[i].bad;
        if (s > 0 && (nd->flags & HN_STRONGPOS))
            s += s / 3;
        else if (s > 0 && (nd->flags & HN_POS))
            s += s / 10;
        if (s >= bs) {
            bs = s;
            best = (uint32_t)i;
        }
    }
    *best_score = bs;
    return best;
}

/* From the best node down to the child that holds most of its GOOD text,
 * while one holds DESCEND_SHARE of it: the article without the teasers
 * and link lists around it. */
#define DESCEND_SHARE 0.75
static uint32_t descend(evc_extractor *x, const acc *a, uint32_t best, int use_boiler, int64_t *bs)
{
    size_t n = x->nodes.n;
    uint32_t *top = evc_arena_calloc(&x->arena, n, sizeof *top); /* child with most good text, 0 none */
    if (!top)
        return best;
    for (size_t i = 1; i < n; i++) {
        const evc_hnode *nd = &x->nodes.v[i];
        if (use_boiler && x->under[i])
            continue;
        uint32_t p = nd->parent, t = top[p];
        if (!t || a[i].good > a[t].good)
            top[p] = (uint32_t)i;
    }
    for (;;) {
        uint32_t c = top[best];
        if (!c || (double)a[c].good < DESCEND_SHARE * (double)a[best].good)
            break;
        best = c;
    }
    *bs = a[best].good - a[best].bad;
    return best;
}

/* A best node that holds several <article> elements with text is a list of
 * stories: the one with the most text is the article. */
static uint32_t one_article(const evc_extractor *x, const acc *a, uint32_t best, uint8_t *in, int64_t *bs)
{
    size_t n = x->nodes.n, count = 0;
    uint32_t top = 0;
    memset(in, 0, n);
    in[best] = 1;
    for (size_t i = best + 1; i < n; i++) {
        const evc_hnode *nd = &x->nodes.v[i];
        in[i] = in[nd->parent];
        if (in[i] && nd->tag == HT_ARTICLE_TAG && a[i].good >= 200) {
            count++;
            if (!top || a[i].good > a[top].good)
                top = (uint32_t)i;
        }
    }
    if (count < 2 || top == best || a[top].good * 2 < a[best].good)
        return best;
    *bs = a[top].good - a[top].bad;
    return top;
}

/* Marks in m[] the nodes whose blocks may be kept: the best node, its good
 * siblings, and their descendants that are not boilerplate. */
static void mark_main(const evc_extractor *x, const acc *a, uint32_t best, int64_t bs, int use_boiler, uint8_t *m)
{
    size_t n = x->nodes.n;
    uint32_t parent = x->nodes.v[best].parent;
    int64_t need = bs / 4 > 150 ? bs / 4 : 150;
    memset(m, 0, n);
    m[best] = 1;
    for (size_t i = 1; i < n; i++) {
        const evc_hnode *nd = &x->nodes.v[i];
        int boiler = use_boiler && (nd->flags & HN_BOILER);
        if (m[i])
            continue;
        if (best != 0 && nd->parent == parent && i != best && !boiler && a[i].good - a[i].bad >= need)
            m[i] = 1;
        else if (m[nd->parent] && !boiler && nd->parent != i)
            m[i] = 1;
    }
}

/* A set of 64-bit paragraph hashes (open addressing, power-of-two size). */
static int seen_before(uint64_t *set, size_t mask, uint64_t h)
{
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        if (set[i] == h)
            return 1;
        if (!set[i]) {
            set[i] = h;
            return 0;
        }
    }
}

static void emit(evc_extractor *x, const uint8_t *m, const char *cls, int loose)
{
    size_t nb = x->blocks.n, cap = 16, nc = 0;
    while (cap < nb * 2)
        cap *= 2;
    uint64_t *set = evc_arena_calloc(&x->arena, cap, sizeof *set);
    uint32_t *cand = evc_arena_calloc(&x->arena, nb, sizeof *cand);
    if (!set || !cand) {
        x->oom = 1;
        return;
    }
    for (size_t i = 0; i < nb; i++)
        if (m[x->blocks.v[i].owner])
            cand[nc++] = (uint32_t)i;
    size_t last_good = (size_t)-1;
    for (size_t k = 0; k < nc; k++) {
        const evc_hblock *b = &x->blocks.v[cand[k]];
        int c = cls[cand[k]];
        int keep = c == C_GOOD;
        if (!keep && c != C_LINKS && !(b->flags & HB_H1)) {
            /* a heading before a GOOD block, a short block between two */
            int before = last_good != (size_t)-1 && k - last_good <= 3;
            int after = 0;
            for (size_t j = k + 1; j < nc && j <= k + 3; j++) {
                if (cls[cand[j]] == C_GOOD) {
                    after = 1;
                    break;
                }
                if (cls[cand[j]] == C_LINKS)
                    break;
            }
            keep = (after && (before || (b->flags & HB_HEADING))) || (before && k - last_good <= 2 && !(b->flags & HB_HEADING));
        }
        if (c == C_GOOD)
            last_good = k;
        if (!keep && !(loose && c != C_LINKS))
            continue;
        const char *s = x->text.ptr + b->start;
        if (seen_before(set, cap - 1, evc_hash(s, b->len)))
            continue;
        if (x->out.len)
            evc_buf_putc(&x->out, '\n');
        evc_buf_put(&x->out, s, b->len);
    }
}

void evc_html_main_text(evc_extractor *x)
{
    evc_buf_clear(&x->out);
    size_t n = x->nodes.n, nb = x->blocks.n;
    if (!n || !nb)
        return;
    acc *a = evc_arena_calloc(&x->arena, n, sizeof *a);
    uint8_t *m = evc_arena_alloc(&x->arena, n);
    char *cls = evc_arena_alloc(&x->arena, nb);
    x->under = evc_arena_alloc(&x->arena, n);
    if (!a || !m || !cls || !x->under) {
        x->oom = 1;
        return;
    }
    for (size_t i = 0; i < nb; i++)
        cls[i] = (char)block_class(x, &x->blocks.v[i]);
    int64_t bs;
    int use_boiler = 1;
    uint32_t best = best_node(x, a, 1, &bs);
    if (a[best].good < 150) {
        /* little text outside boilerplate: the flags may hide the article */
        int64_t good = a[best].good, bs2;
        uint32_t b2 = best_node(x, a, 0, &bs2);
        if (a[b2].good > 4 * good + 400) {
            use_boiler = 0;
            best = b2;
            bs = bs2;
        } else {
            best = best_node(x, a, 1, &bs);
        }
    }
    best = one_article(x, a, best, m, &bs);
    best = descend(x, a, best, use_boiler, &bs);
    mark_main(x, a, best, bs, use_boiler, m);
    x->best = best;
    x->main = m;
    emit(x, m, cls, 0);
    if (!x->out.len)
        emit(x, m, cls, 1); /* no article paragraph: a short page keeps its text */
}
