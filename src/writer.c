/* Record writers: JSONL (schema v1) and TSV. */
#include "buf.h"
#include "doc.h"
#include "utf8.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static void key(evc_buf *b, const char *k, const char *v)
{
    evc_buf_putc(b, ',');
    evc_buf_putc(b, '"');
    evc_buf_puts(b, k);
    evc_buf_puts(b, "\":");
    evc_buf_json_val(b, v);
}

static void event_json(evc_buf *b, const evc_doc *d, size_t i, int explain)
{
    const evc_event *e = &d->events.v[i];
    evc_buf_puts(b, "{\"type\":\"event\"");
    key(b, "article", d->info.id);
    evc_buf_puts(b, ",\"sentence_index\":");
    evc_buf_put_int(b, e->sentence_index);
    key(b, "sentence", e->sentence);
    key(b, "date", e->date);
    key(b, "published", d->info.published);
    key(b, "source", e->source);
    key(b, "source_name", e->source_name);
    key(b, "target", e->target);
    key(b, "target_name", e->target_name);
    key(b, "code", e->code);
    char root[3] = {e->code[0], e->code[1], 0};
    key(b, "root", root);
    evc_buf_puts(b, ",\"quad_class\":");
    evc_buf_put_int(b, e->quad_class);
    evc_buf_puts(b, ",\"goldstein\":");
    evc_buf_put_fixed(b, e->goldstein, 1);
    evc_buf_puts(b, ",\"location\":");
    if (e->location_name) {
        evc_buf_puts(b, "{\"name\":");
        evc_buf_json_val(b, e->location_name);
        key(b, "country", e->location_country);
        if (isnan(e->lat)) {
            evc_buf_puts(b, ",\"lat\":null,\"lon\":null}");
        } else {
            evc_buf_puts(b, ",\"lat\":");
            evc_buf_put_fixed(b, e->lat, 4);
            evc_buf_puts(b, ",\"lon\":");
            evc_buf_put_fixed(b, e->lon, 4);
            evc_buf_putc(b, '}');
        }
    } else {
        evc_buf_puts(b, "null");
    }
    if (explain) {
        evc_buf_puts(b, ",\"explain\":");
        evc_explain_event_json(b, d, i);
    }
    evc_buf_puts(b, "}\n");
}

static void quote_json(evc_buf *b, const evc_doc *d, const evc_quote *q)
{
    evc_buf_puts(b, "{\"type\":\"quote\"");
    key(b, "article", d->info.id);
    evc_buf_puts(b, ",\"sentence_index\":");
    evc_buf_put_int(b, q->sentence_index);
    key(b, "speaker", q->speaker);
    key(b, "speaker_code", q->speaker_code);
    key(b, "kind", q->kind);
    key(b, "text", q->text);
    key(b, "cue", q->cue);
    key(b, "venue", q->venue);
    key(b, "date", q->date);
    evc_buf_puts(b, "}\n");
}

static void article_json(evc_buf *b, const evc_doc *d)
{
    evc_buf_puts(b, "{\"type\":\"article\"");
    key(b, "article", d->info.id);
    key(b, "title", d->info.title);
    key(b, "published", d->info.published);
    key(b, "outlet", d->info.outlet);
    key(b, "url", d->info.url);
    evc_buf_puts(b, ",\"sentences\":");
    evc_buf_put_int(b, d->info.n_sentences);
    key(b, "text", d->info.text);
    evc_buf_puts(b, "}\n");
}

/* A TSV field of an event row; the last ends the line. */
static void field(evc_buf *b, const char *s, int last) { evc_buf_field(b, s, 0, last ? '\n' : '\t'); }

const char *evc_tsv_header(void)
{
    return "article\tsentence_index\tdate\tpublished\tsource\tsource_name\ttarget\ttarget_name\tcode\troot\t"
           "quad_class\tgoldstein\tlocation\tcountry\tlat\tlon\tsentence\n";
}

static void event_tsv(evc_buf *b, const evc_doc *d, const evc_event *e)
{
    char num[32];
    field(b, d->info.id, 0);
    snprintf(num, sizeof num, "%d", e->sentence_index);
    field(b, num, 0);
    field(b, e->date, 0);
    field(b, d->info.published, 0);
    field(b, e->source, 0);
    field(b, e->source_name, 0);
    field(b, e->target, 0);
    field(b, e->target_name, 0);
    field(b, e->code, 0);
    char root[3] = {e->code[0], e->code[1], 0};
    field(b, root, 0);
    snprintf(num, sizeof num, "%d", e->quad_class);
    field(b, num, 0);
    snprintf(num, sizeof num, "%.1f", e->goldstein);
    field(b, num, 0);
    field(b, e->location_name, 0);
    field(b, e->location_country, 0);
    if (isnan(e->lat)) {
        field(b, NULL, 0);
        field(b, NULL, 0);
    } else {
        snprintf(num, sizeof num, "%.4f", e->lat);
        field(b, num, 0);
        snprintf(num, sizeof num, "%.4f", e->lon);
        field(b, num, 0);
    }
    field(b, e->sentence, 1);
}

evc_status evc_doc_write(const evc_doc *d, evc_format format, int records, evc_write_fn write, void *user)
{
    if (!d || !write || (format != EVC_FORMAT_JSONL && format != EVC_FORMAT_TSV))
        return EVC_ERR_ARG;
    evc_buf b;
    evc_buf_init(&b);
    if (format == EVC_FORMAT_TSV) {
        /* TSV holds events only: one GDELT-style row each */
        for (size_t i = 0; (records & EVC_REC_EVENTS) && i < d->events.n; i++)
            event_tsv(&b, d, &d->events.v[i]);
    } else {
        if (records & EVC_REC_ARTICLES)
            article_json(&b, d);
        int explain = (records & EVC_REC_EXPLAIN) && evc_explained(d);
        for (size_t i = 0; (records & EVC_REC_EVENTS) && i < d->events.n; i++)
            event_json(&b, d, i, explain);
        if ((records & EVC_REC_EVENTS) && explain)
            evc_explain_no_events_json(&b, d);
        for (size_t i = 0; (records & EVC_REC_QUOTES) && i < d->quotes_pub.n; i++)
            quote_json(&b, d, &d->quotes_pub.v[i]);
    }
    evc_status st = b.oom ? EVC_ERR_NOMEM : EVC_OK;
    if (!st && b.len && write(user, b.ptr, b.len))
        st = EVC_ERR_ABORT;
    evc_buf_free(&b);
    return st;
}
