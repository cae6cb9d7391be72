/* Documents: the public per-article API, driving the pipeline stages. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "doc.h"
#include "jsonl.h"
#include "places.h"
#include "utf8.h"
#include "util.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

evc_doc *evc_doc_new(const evc_ctx *ctx)
{
    if (!ctx)
        return NULL;
    evc_doc *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->ctx = ctx;
    evc_arena_init(&d->arena, 256 * 1024);
    evc_buf_init(&d->in);
    evc_doc_reset(d);
    return d;
}

void evc_doc_free(evc_doc *d)
{
    if (!d)
        return;
    evc_arena_free(&d->arena);
    evc_buf_free(&d->in);
    free(d->memo);
    free(d);
}

void evc_doc_reset(evc_doc *d)
{
    if (!d)
        return;
    const evc_ctx *ctx = d->ctx;
    evc_arena arena = d->arena;
    evc_buf in = d->in;
    struct evc_word_memo *memo = d->memo;
    int timing = d->timing, explain = d->explain;
    uint64_t stage_ns[EVC_N_STAGES];
    memcpy(stage_ns, d->stage_ns, sizeof stage_ns);
    evc_arena_reset(&arena);
    evc_buf_clear(&in);
    memset(d, 0, sizeof *d);
    d->ctx = ctx;
    d->arena = arena;
    d->in = in;
    d->memo = memo;
    d->timing = timing;
    d->explain = explain;
    memcpy(d->stage_ns, stage_ns, sizeof stage_ns);
    d->published = EVC_NO_DATE;
}

/* Stage timing: lap() adds the time since `since` to a stage and returns
 * the new mark; both cost nothing while timing is off. */
static uint64_t mark(const evc_doc *d)
{
    if (!d->timing)
        return 0;
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static uint64_t lap(evc_doc *d, evc_stage stage, uint64_t since)
{
    if (!d->timing)
        return 0;
    uint64_t now = mark(d);
    d->stage_ns[stage] += now - since;
    return now;
}

void evc_doc_set_timing(evc_doc *d, int on)
{
    if (d)
        d->timing = on != 0;
}

void evc_doc_set_explain(evc_doc *d, int on)
{
    if (d)
        d->explain = on != 0;
}

void evc_doc_stage_seconds(const evc_doc *d, double out[EVC_N_STAGES])
{
    for (int i = 0; i < EVC_N_STAGES; i++)
        out[i] = d ? (double)d->stage_ns[i] / 1e9 : 0;
}

const char *evc_stage_name(evc_stage stage)
{
    static const char *const names[EVC_N_STAGES] = {"parse", "clean", "split", "actors", "quotes", "dates", "code"};
    return stage >= 0 && stage < EVC_N_STAGES ? names[stage] : "?";
}

static void set_err(evc_error *err, evc_status st, size_t offset, const char *msg)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->code = st;
    err->offset = offset;
    err->line = 1;
    snprintf(err->msg, sizeof err->msg, "%s", msg);
}

/* A trimmed copy of metadata s[0..n) in the arena, NULL when empty; invalid
 * UTF-8 and NUL bytes are replaced (and counted) as in the text. */
static const char *copy(evc_doc *d, const char *s, size_t n)
{
    if (!s)
        return NULL;
    while (n && evc_is_space((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && evc_is_space((unsigned char)s[n - 1]))
        n--;
    int plain = 1; /* ASCII without NUL: copied as it is */
    for (size_t i = 0; i < n && plain; i++)
        plain = (unsigned char)s[i] - 1u < 0x7Fu;
    if (!n || plain)
        return n ? evc_arena_strndup(&d->arena, s, n) : NULL;
    char *o = n <= (SIZE_MAX - 1) / 3 ? evc_arena_alloc(&d->arena, n * 3 + 1) : NULL;
    if (o)
        o[evc_utf8_repair(s, n, o, &d->repairs.invalid_utf8, &d->repairs.nul_bytes)] = 0;
    return o;
}

evc_status evc_doc_begin(evc_doc *d, const evc_article *art, evc_error *err)
{
    if (!d || !art)
        return EVC_ERR_ARG;
    evc_doc_reset(d);
    d->begun = 1;
    d->info.id = copy(d, art->id, art->id_len);
    d->info.url = copy(d, art->url, art->url_len);
    d->info.outlet = copy(d, art->outlet, art->outlet_len);
    d->info.title = copy(d, art->title, art->title_len);
    d->title_in_text = art->title_in_text && !d->info.title;
    if (art->published && art->published_len) {
        long days;
        const char *p = art->published;
        size_t n = art->published_len;
        if (n >= 10 && evc_parse_iso_date(p, 10, &days) == 0) { /* accepts "2021-08-29T10:00:00Z" */
            d->published = days;
            d->info.published = evc_arena_strndup(&d->arena, p, 10);
        } else {
            set_err(err, EVC_ERR_INPUT, 0, "\"published\" is not a YYYY-MM-DD date; ignored");
        }
    }
    return EVC_OK;
}

evc_status evc_doc_feed(evc_doc *d, const char *chunk, size_t len, evc_error *err)
{
    if (!d || !d->begun || (!chunk && len))
        return EVC_ERR_ARG;
    if (len > d->ctx->opts.max_article_bytes - d->in.len) { /* in.len never exceeds the limit */
        char msg[128];
        snprintf(msg, sizeof msg, "article larger than %zu bytes; skipped", d->ctx->opts.max_article_bytes);
        set_err(err, EVC_ERR_INPUT, d->in.len, msg);
        return EVC_ERR_INPUT;
    }
    evc_buf_put(&d->in, chunk, len);
    return d->in.oom ? EVC_ERR_NOMEM : EVC_OK;
}

static int looks_binary(const char *s, size_t n)
{
    /* control bytes other than \t \n \f \r, and DEL, as a bit mask */
    static const uint32_t CTRL = ~((1u << '\t') | (1u << '\n') | (1u << '\f') | (1u << '\r'));
    size_t k = n < 8192 ? n : 8192, ctrl = 0;
    for (size_t i = 0; i < k; i++) {
        unsigned char c = (unsigned char)s[i];
        ctrl += c < 0x20 ? (CTRL >> c) & 1 : c == 0x7F;
    }
    return k && ctrl * 10 > k;
}

static evc_status build_quotes(evc_doc *d)
{
    for (size_t i = 0; i < d->quotes.n; i++) {
        const evc_qspan *q = &d->quotes.v[i];
        evc_quote *o = EVC_VEC_PUSH(&d->arena, d->quotes_pub);
        if (!o)
            return EVC_ERR_NOMEM;
        long date = q->date != EVC_NO_DATE ? q->date : d->published;
        if (date != EVC_NO_DATE) {
            char *ds = evc_arena_alloc(&d->arena, 11);
            if (!ds)
                return EVC_ERR_NOMEM;
            evc_format_date(date, ds);
            o->date = ds;
        }
        o->sentence_index = d->sents.v[q->sent].index;
        o->speaker = q->speaker_name;
        o->speaker_code = q->speaker_code;
        o->kind = q->kind ? "indirect" : "direct";
        o->text = evc_arena_strndup(&d->arena, d->text + q->start, q->len);
        o->cue = q->cue;
        o->venue = q->venue;
        if (!o->text)
            return EVC_ERR_NOMEM;
    }
    return EVC_OK;
}

long evc_speaker_date(const evc_doc *d, const char *name)
{
    for (size_t i = d->spoke.n; name && i-- > 0;)
        if (!strcmp(d->spoke.v[i].code, name))
            return d->spoke.v[i].date;
    return EVC_NO_DATE;
}

static int set_speaker_date(evc_doc *d, const char *code, long date)
{
    for (size_t i = 0; i < d->spoke.n; i++)
        if (!strcmp(d->spoke.v[i].code, code)) {
            d->spoke.v[i].date = date;
            return 0;
        }
    if (d->spoke.n >= 256)
        return 0; /* enough speakers for any article */
    void *slot = EVC_VEC_PUSH(&d->arena, d->spoke);
    if (!slot)
        return -1;
    d->spoke.v[d->spoke.n - 1].code = code;
    d->spoke.v[d->spoke.n - 1].date = date;
    return 0;
}


evc_status evc_doc_finish(evc_doc *d, evc_error *err)
{
    if (!d || !d->begun)
        return EVC_ERR_ARG;
    d->begun = 0;
    if (d->in.oom)
        return EVC_ERR_NOMEM;
    size_t nonspace = 0;
    for (size_t i = 0; i < d->in.len && !nonspace; i++)
        nonspace = !evc_is_space((unsigned char)d->in.ptr[i]);
    if (!nonspace) {
        set_err(err, EVC_ERR_INPUT, 0, "empty article; skipped");
        return EVC_ERR_INPUT;
    }
    if (looks_binary(d->in.ptr, d->in.len)) {
        set_err(err, EVC_ERR_INPUT, 0, "binary data, not text; skipped");
        return EVC_ERR_INPUT;
    }
    uint64_t t = mark(d);
    evc_status st = evc_clean(d, err);
    t = lap(d, EVC_STAGE_CLEAN, t);
    if (!st)
        st = evc_split(d);
    t = lap(d, EVC_STAGE_SPLIT, t);
    /* paragraph by paragraph: actors, then quotations, so that "he said"
     * can refer to the speaker of the quotes before it */
    for (size_t p = 0, s = 0; !st && p < d->paras.n; p++) {
        for (; !st && s < d->sents.n && d->sents.v[s].para == p; s++) {
            uint32_t *m0 = EVC_VEC_PUSH(&d->arena, d->sent_mention0);
            if (!m0)
                return EVC_ERR_NOMEM;
            *m0 = (uint32_t)d->mentions.n;
            st = evc_actors(d, s);
        }
        t = lap(d, EVC_STAGE_ACTORS, t);
        if (!st)
            st = evc_quotes(d, p);
        t = lap(d, EVC_STAGE_QUOTES, t);
    }
    if (!st)
        evc_resolve_forward(d);
    t = lap(d, EVC_STAGE_ACTORS, t);
    if (st)
        return st;
    long *sdate = evc_arena_calloc(&d->arena, d->sents.n + 1, sizeof *sdate);
    long *speech = evc_arena_calloc(&d->arena, d->sents.n + 1, sizeof *speech);
    if (!sdate || !speech)
        return EVC_ERR_NOMEM;
    /* the date of a statement (said on Thursday, or the lede's date) holds
     * for the quotes and statements that follow it: per speaker, and for
     * the article as a fallback */
    long current = EVC_NO_DATE;
    size_t q = 0;
    for (size_t s = 0; s < d->sents.n; s++) {
        int tense;
        sdate[s] = evc_sentence_date(d, s, &tense, d->sents.v[s].date_span);
        d->sents.v[s].date = sdate[s];
        d->sents.v[s].tense = tense;
        long cue = evc_cue_date(d, s);
        if (s == 0 && cue == EVC_NO_DATE) /* the lede's day, never a month or a year of background */
            cue = evc_range_date(d, s, d->sents.v[s].tok0, d->sents.v[s].tok0 + d->sents.v[s].ntok, 0, 1, &tense,
                                 NULL);
        /* the quotes of this sentence: within its paragraph (indirect ones come last) */
        size_t para = d->sents.v[s].para;
        for (; q < d->quotes.n && d->quotes.v[q].para < para; q++)
            ;
        for (size_t k = q; k < d->quotes.n && d->quotes.v[k].para == para; k++) {
            const evc_qspan *x = &d->quotes.v[k];
            if (x->sent != s)
                continue;
            long when = cue != EVC_NO_DATE ? cue : evc_speaker_date(d, x->speaker_name);
            if (when == EVC_NO_DATE)
                when = current;
            d->quotes.v[k].date = when;
            if (cue != EVC_NO_DATE && x->speaker_name && set_speaker_date(d, x->speaker_name, cue))
                return EVC_ERR_NOMEM;
        }
        if (cue != EVC_NO_DATE)
            current = cue;
        speech[s] = cue != EVC_NO_DATE ? cue : current;
    }
    /* the article's focus: the country it names most often, where each
     * sentence's place ("in Kabul", "in Afghanistan") weighs twice a
     * country named as an actor ("U.S. troops") */
    {
        const char *codes[64];
        int counts[64], n = 0, best = -1;
        for (size_t i = 0, s = 0; i < d->mentions.n || s < d->sents.n;) {
            const char *code = NULL;
            int weight = 1;
            if (i < d->mentions.n) {
                const evc_mention *m = &d->mentions.v[i++];
                if (!(m->flags & (EVC_PH_COUNTRY | EVC_PH_CAPITAL)) || !evc_is_country_code(d->ctx, m->code))
                    continue;
                code = m->code;
            } else {
                evc_where w;
                if (!evc_place_of_sentence(d, s++, &w) || !w.country)
                    continue;
                code = w.country;
                weight = 2;
            }
            int k = 0;
            while (k < n && strncmp(codes[k], code, 3))
                k++;
            if (k == n && n < 64) {
                codes[n] = code;
                counts[n++] = 0;
            }
            if (k < n && (counts[k] += weight) > (best >= 0 ? counts[best] : 0))
                best = k;
        }
        if (best >= 0 && counts[best] >= 2) {
            for (size_t i = 0; i < d->mentions.n && !d->focus_name; i++) {
                const evc_mention *m = &d->mentions.v[i];
                if ((m->flags & EVC_PH_COUNTRY) && m->code && !strncmp(m->code, codes[best], 3))
                    d->focus_name = m->name;
            }
            d->focus_code = evc_arena_strndup(&d->arena, codes[best], 3);
            if (!d->focus_code)
                return EVC_ERR_NOMEM;
        }
    }
    t = lap(d, EVC_STAGE_DATES, t);
    size_t limit = d->ctx->opts.max_sentences > 0 ? (size_t)d->ctx->opts.max_sentences : d->sents.n;
    for (size_t s = 0; !st && s < d->sents.n && s < limit; s++)
        st = evc_code_sentence(d, s, sdate[s], speech[s]);
    t = lap(d, EVC_STAGE_CODE, t);
    if (!st)
        st = build_quotes(d);
    lap(d, EVC_STAGE_QUOTES, t);
    d->info.n_sentences = (int)d->sents.n;
    if (!d->info.text)
        d->info.text = "";
    return st;
}

evc_status evc_doc_code(evc_doc *d, const evc_article *art, evc_error *err)
{
    evc_status st = evc_doc_begin(d, art, err);
    if (!st)
        st = evc_doc_feed(d, art->text, art->text_len, err);
    if (!st)
        st = evc_doc_finish(d, err);
    return st;
}

evc_status evc_doc_code_json(evc_doc *d, const char *line, size_t len, const char *default_id,
                             const char *default_published, evc_error *err)
{
    if (!d || !line)
        return EVC_ERR_ARG;
    evc_doc_reset(d);
    uint64_t t = mark(d);
    evc_article art;
    evc_status st = evc_jsonl_parse(&d->arena, line, len, &art, err);
    lap(d, EVC_STAGE_PARSE, t);
    if (st)
        return st;
    if (!art.id && default_id) {
        art.id = default_id;
        art.id_len = strlen(default_id);
    }
    if (!art.published && default_published) {
        art.published = default_published;
        art.published_len = strlen(default_published);
    }
    art.title_in_text = art.title == NULL;
    /* the parsed strings live in the arena that begin() resets: copy first */
    evc_arena keep;
    evc_arena_init(&keep, len + 64);
    const char **f[] = {&art.id, &art.url, &art.outlet, &art.published, &art.title, &art.text};
    size_t *l[] = {&art.id_len, &art.url_len, &art.outlet_len, &art.published_len, &art.title_len, &art.text_len};
    for (int i = 0; i < 6; i++)
        if (*f[i] && !(*f[i] = evc_arena_strndup(&keep, *f[i], *l[i]))) {
            evc_arena_free(&keep);
            return EVC_ERR_NOMEM;
        }
    st = evc_doc_code(d, &art, err);
    evc_arena_free(&keep);
    return st;
}

void evc_doc_repairs(const evc_doc *d, evc_repairs *out) { *out = d->repairs; }

size_t evc_doc_n_events(const evc_doc *d) { return d->events.n; }
const evc_event *evc_doc_event(const evc_doc *d, size_t i) { return i < d->events.n ? &d->events.v[i] : NULL; }
size_t evc_doc_n_gaps(const evc_doc *d) { return d ? d->gaps.n : 0; }
const evc_gap *evc_doc_gap(const evc_doc *d, size_t i) { return d && i < d->gaps.n ? &d->gaps.v[i] : NULL; }
size_t evc_doc_n_quotes(const evc_doc *d) { return d->quotes_pub.n; }
const evc_quote *evc_doc_quote(const evc_doc *d, size_t i) { return i < d->quotes_pub.n ? &d->quotes_pub.v[i] : NULL; }
const evc_article_info *evc_doc_article(const evc_doc *d) { return &d->info; }
