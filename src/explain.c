/*
 * Explanations (evcode explain, code --explain): why each event was coded
 * and why a sentence gave none, from what the stages kept while explaining
 * (evc_doc_set_explain): the verb pattern and its file:line, each actor's
 * dictionary lines and how its code was found (a name, a pronoun or role
 * noun referring back to sentence N, ...), the grammar rule that chose source
 * and target, and the rules that set the date and the place.
 *
 * Written as JSON (an "explain" object per event, "no_event" records) or as
 * text for a terminal; both read the same facts through the helpers below.
 */
#include "buf.h"
#include "doc.h"
#include <string.h>

static const char *const how_text[] = {
    [EVC_HOW_NAME] = "a name in the dictionaries",
    [EVC_HOW_PERSON] = "a person in the dictionaries",
    [EVC_HOW_ROLE_NAME] = "a role before a name the dictionaries lack",
    [EVC_HOW_TITLE_SURNAME] = "a title and a known surname",
    [EVC_HOW_SURNAME] = "the surname of a person named before",
    [EVC_HOW_PRONOUN] = "a pronoun",
    [EVC_HOW_ROLE_REF] = "a role noun for a person named in the article",
    [EVC_HOW_GROUP_REF] = "\"the group\" or a like noun for a group named before",
    [EVC_HOW_AGENT] = "a role noun (the country, when a state role, from the article)",
    [EVC_HOW_CIVILIANS] = "people of a country (\"those in X\")",
    [EVC_HOW_APPOSITIVE] = "a name with its role beside it (\"X, NATO's secretary general,\")",
    [EVC_HOW_UNKNOWN_NAME] = "a name the dictionaries lack",
    [EVC_HOW_SPEAKER] = "\"we\" or \"I\" in a quotation: its speaker",
    [EVC_HOW_LIST_ROLE] = "a country in a list after a role (\"ambassadors of X, Y and Z\")",
    [EVC_HOW_FOLLOWERS] = "a person's followers (\"supporters of X\"): the opposition, or civilians of a leader in office",
};

static const char *how_of(const evc_mention *m)
{
    return m->how < sizeof how_text / sizeof *how_text && how_text[m->how] ? how_text[m->how] : "";
}

static void key_str(evc_buf *b, const char *k, const char *v)
{
    evc_buf_printf(b, ",\"%s\":", k);
    evc_buf_json_val(b, v);
}

/* The text of tokens [t0,t1), as a JSON string or plain. */
static void span(evc_buf *b, const evc_doc *d, uint32_t t0, uint32_t t1, int json)
{
    const evc_token *a = &d->toks.v[t0], *z = &d->toks.v[t1 - 1];
    if (json) {
        evc_buf_putc(b, '"');
        evc_buf_json_str(b, d->text + a->start, z->start + z->len - a->start);
        evc_buf_putc(b, '"');
    } else {
        evc_buf_put(b, d->text + a->start, z->start + z->len - a->start);
    }
}

static const char *file_of(const evc_doc *d, unsigned file) { return d->ctx->files[file]; }

/* {"file","line","entry"} of a phrase (number + 1) or a pattern. */
static void phrase_json(evc_buf *b, const evc_doc *d, uint32_t no, const char *kind)
{
    const evc_phrase *p = &d->ctx->phrases[no - 1];
    evc_buf_printf(b, "{\"kind\":\"%s\",\"file\":", kind);
    evc_buf_json_val(b, file_of(d, p->file));
    evc_buf_printf(b, ",\"line\":%u", p->line);
    key_str(b, "entry", p->name);
    evc_buf_putc(b, '}');
}

/* {"file","line","entry","code","matched"} of pattern p matched at token `at`. */
static void pattern_json(evc_buf *b, const evc_doc *d, const evc_pattern *p, uint32_t at)
{
    evc_buf_puts(b, "{\"file\":");
    evc_buf_json_val(b, file_of(d, p->file));
    evc_buf_printf(b, ",\"line\":%u", p->line);
    key_str(b, "entry", p->text);
    key_str(b, "code", p->code);
    evc_buf_puts(b, ",\"matched\":");
    span(b, d, at, at + 1, 1);
    evc_buf_putc(b, '}');
}

/* The dictionary lines behind mention m, and behind what it refers to. */
static void entries_json(evc_buf *b, const evc_doc *d, const evc_mention *m)
{
    evc_buf_puts(b, ",\"entries\":[");
    int n = 0;
    if (m->ph) {
        phrase_json(b, d, m->ph, "actor");
        n++;
    }
    if (m->agent_ph) {
        if (n++)
            evc_buf_putc(b, ',');
        phrase_json(b, d, m->agent_ph, "agent");
    }
    evc_buf_putc(b, ']');
}

/* The mention m refers back to, at the end of the chain of references (a
 * pronoun for a surname for a full name): the one that names the actor. */
static const evc_mention *antecedent(const evc_doc *d, const evc_mention *m)
{
    for (int hops = 0; m->ante >= 0 && (size_t)m->ante < d->mentions.n && hops < 8; hops++)
        m = &d->mentions.v[m->ante];
    return m;
}

static void mention_json(evc_buf *b, const evc_doc *d, const evc_mention *m, const char *rule, const char *code,
                         const char *name)
{
    evc_buf_puts(b, "{\"text\":");
    span(b, d, m->t0, m->t1, 1);
    key_str(b, "code", code);
    key_str(b, "name", name);
    key_str(b, "rule", rule);
    key_str(b, "how", how_of(m));
    entries_json(b, d, m);
    const evc_mention *a = antecedent(d, m);
    if (a != m) {
        evc_buf_puts(b, ",\"refers_to\":{\"text\":");
        span(b, d, a->t0, a->t1, 1);
        evc_buf_printf(b, ",\"sentence_index\":%d", d->sents.v[a->sent].index);
        key_str(b, "how", how_of(a));
        entries_json(b, d, a);
        evc_buf_putc(b, '}');
    }
    evc_buf_putc(b, '}');
}

static const evc_mention *mention_at(const evc_doc *d, int32_t i)
{
    return i >= 0 && (size_t)i < d->mentions.n ? &d->mentions.v[i] : NULL;
}

void evc_explain_event_json(evc_buf *b, const evc_doc *d, size_t i)
{
    const evc_event *e = &d->events.v[i];
    const evc_why *y = &d->why.v[i];
    evc_buf_puts(b, "{\"verb\":");
    if (y->pattern) {
        pattern_json(b, d, y->pattern, y->anchor);
    } else {
        evc_buf_puts(b, "null");
    }
    key_str(b, "rule", y->rule);
    const evc_mention *src = mention_at(d, y->src), *tgt = mention_at(d, y->tgt);
    evc_buf_puts(b, ",\"source\":");
    if (src)
        mention_json(b, d, src, y->src_rule, e->source, e->source_name);
    else
        evc_buf_puts(b, "null");
    evc_buf_puts(b, ",\"target\":");
    if (tgt)
        mention_json(b, d, tgt, y->tgt_rule, e->target, e->target_name);
    else
        evc_buf_puts(b, "null");
    evc_buf_puts(b, ",\"date\":{\"value\":");
    evc_buf_json_val(b, e->date);
    key_str(b, "rule", y->date_rule);
    if (y->date_expr && y->date_span[1] > y->date_span[0]) {
        evc_buf_puts(b, ",\"expression\":");
        span(b, d, y->date_span[0], y->date_span[1], 1);
    }
    evc_buf_puts(b, "},\"place\":");
    if (e->location_name) {
        evc_buf_puts(b, "{\"name\":");
        evc_buf_json_val(b, e->location_name);
        key_str(b, "rule", y->place_rule);
        evc_buf_putc(b, '}');
    } else {
        evc_buf_puts(b, "null");
    }
    evc_buf_putc(b, '}');
}

/* Why sentence s gave no event: a reason, and the patterns that matched
 * but were skipped (from *k on, in doc->skips; *k is advanced past them). */
static const char *no_event_reason(const evc_doc *d, size_t s, size_t k_end, size_t k)
{
    const evc_sent *se = &d->sents.v[s];
    if (se->discard || d->story_discard)
        return "discarded: the sentence or the article holds a discard phrase";
    if (d->ctx->opts.max_sentences > 0 && s >= (size_t)d->ctx->opts.max_sentences)
        return "not coded: beyond the first sentences (--first-sentences)";
    if (d->ctx->opts.min_sentence_words && (int)se->ntok < d->ctx->opts.min_sentence_words)
        return "not coded: shorter than --min-words";
    if (evc_yes_no_question(d, s))
        return "not coded: a yes-no question tells of no act";
    if (k < k_end)
        return "verb patterns matched, each skipped for the reason given";
    size_t m0 = d->sent_mention0.v[s], m1 = s + 1 < d->sent_mention0.n ? d->sent_mention0.v[s + 1] : d->mentions.n;
    int coded = 0;
    for (size_t i = m0; i < m1; i++)
        coded += d->mentions.v[i].code != NULL;
    if (!coded)
        return "no actor: no name or role noun of the dictionaries";
    return "no verb pattern matched";
}

static size_t skips_of(const evc_doc *d, size_t s, size_t *k)
{
    while (*k < d->skips.n && d->skips.v[*k].sent < s)
        (*k)++;
    size_t e = *k;
    while (e < d->skips.n && d->skips.v[e].sent == s)
        e++;
    return e;
}

void evc_explain_no_events_json(evc_buf *b, const evc_doc *d)
{
    size_t ev = 0, k = 0;
    for (size_t s = 0; s < d->sents.n; s++) {
        int idx = d->sents.v[s].index, has = 0;
        while (ev < d->events.n && d->events.v[ev].sentence_index < idx)
            ev++;
        for (size_t j = ev; j < d->events.n && !has; j++)
            has = d->events.v[j].sentence_index == idx;
        size_t k_end = skips_of(d, s, &k);
        if (has)
            continue;
        evc_buf_puts(b, "{\"type\":\"no_event\"");
        key_str(b, "article", d->info.id);
        evc_buf_printf(b, ",\"sentence_index\":%d", idx);
        key_str(b, "sentence", d->sents.v[s].text);
        key_str(b, "why", no_event_reason(d, s, k_end, k));
        evc_buf_puts(b, ",\"skipped\":[");
        for (size_t j = k; j < k_end; j++) {
            const evc_skip *x = &d->skips.v[j];
            if (j > k)
                evc_buf_putc(b, ',');
            evc_buf_puts(b, "{\"verb\":");
            pattern_json(b, d, x->pattern, x->tok);
            key_str(b, "why", x->why);
            evc_buf_putc(b, '}');
        }
        evc_buf_puts(b, "]}\n");
    }
}

/* ---- text, for a terminal ---- */

static void phrase_text(evc_buf *b, const evc_doc *d, uint32_t no, const char *kind)
{
    const evc_phrase *p = &d->ctx->phrases[no - 1];
    evc_buf_printf(b, "\n               %s %s:%u \"%s\"", kind, file_of(d, p->file), p->line, p->name);
}

static void mention_text(evc_buf *b, const evc_doc *d, const char *what, const evc_mention *m, const char *rule,
                         const char *code)
{
    evc_buf_printf(b, "    %-8s   %s \"", what, code ? code : "-");
    span(b, d, m->t0, m->t1, 0);
    evc_buf_printf(b, "\": %s; %s", rule ? rule : "", how_of(m));
    if (m->ph)
        phrase_text(b, d, m->ph, "actor");
    if (m->agent_ph)
        phrase_text(b, d, m->agent_ph, "agent");
    const evc_mention *a = antecedent(d, m);
    if (a != m) {
        evc_buf_puts(b, "\n               refers to \"");
        span(b, d, a->t0, a->t1, 0);
        evc_buf_printf(b, "\" in sentence %d (%s)", d->sents.v[a->sent].index, how_of(a));
        if (a->ph)
            phrase_text(b, d, a->ph, "actor");
        if (a->agent_ph)
            phrase_text(b, d, a->agent_ph, "agent");
    }
    evc_buf_putc(b, '\n');
}

void evc_explain_text(evc_buf *b, const evc_doc *d)
{
    size_t ev = 0, k = 0;
    evc_buf_printf(b, "article %s\n", d->info.id ? d->info.id : "-");
    for (size_t s = 0; s < d->sents.n; s++) {
        const evc_sent *se = &d->sents.v[s];
        size_t k_end = skips_of(d, s, &k);
        evc_buf_printf(b, "\n  sentence %d: %s\n", se->index, se->text);
        int has = 0;
        for (; ev < d->events.n && d->events.v[ev].sentence_index == se->index; ev++, has = 1) {
            const evc_event *e = &d->events.v[ev];
            const evc_why *y = &d->why.v[ev];
            evc_buf_printf(b, "  event %s %s -> %s, %s%s%s\n", e->code, e->source, e->target,
                           e->date ? e->date : "no date", e->location_name ? ", " : "",
                           e->location_name ? e->location_name : "");
            if (y->pattern) {
                evc_buf_printf(b, "    verb       %s:%u \"%s %s\" matched \"", file_of(d, y->pattern->file),
                               y->pattern->line, y->pattern->code, y->pattern->text ? y->pattern->text : "");
                span(b, d, y->anchor, y->anchor + 1, 0);
                evc_buf_puts(b, "\"\n");
            }
            if (y->rule)
                evc_buf_printf(b, "    rule       %s\n", y->rule);
            const evc_mention *src = mention_at(d, y->src), *tgt = mention_at(d, y->tgt);
            if (src)
                mention_text(b, d, "source", src, y->src_rule, e->source);
            if (tgt)
                mention_text(b, d, "target", tgt, y->tgt_rule, e->target);
            evc_buf_printf(b, "    date       %s", y->date_rule ? y->date_rule : "");
            if (y->date_expr && y->date_span[1] > y->date_span[0]) {
                evc_buf_puts(b, ": \"");
                span(b, d, y->date_span[0], y->date_span[1], 0);
                evc_buf_putc(b, '"');
            }
            evc_buf_putc(b, '\n');
            if (e->location_name)
                evc_buf_printf(b, "    place      %s: %s\n", e->location_name, y->place_rule ? y->place_rule : "");
        }
        if (!has)
            evc_buf_printf(b, "  no event: %s\n", no_event_reason(d, s, k_end, k));
        for (size_t j = k; j < k_end; j++) {
            const evc_skip *x = &d->skips.v[j];
            evc_buf_printf(b, "    skipped    %s:%u \"%s %s\" at \"", file_of(d, x->pattern->file), x->pattern->line,
                           x->pattern->code, x->pattern->text ? x->pattern->text : "");
            span(b, d, x->tok, x->tok + 1, 0);
            evc_buf_printf(b, "\": %s\n", x->why);
        }
    }
}

static evc_status flush(evc_buf *b, evc_write_fn write, void *user)
{
    evc_status st = b->oom ? EVC_ERR_NOMEM : b->len && write(user, b->ptr, b->len) ? EVC_ERR_ABORT : EVC_OK;
    evc_buf_free(b);
    return st;
}

evc_status evc_doc_explain_json(const evc_doc *d, size_t i, evc_write_fn write, void *user)
{
    if (!d || !write || !evc_explained(d) || i >= d->events.n)
        return EVC_ERR_ARG;
    evc_buf b;
    evc_buf_init(&b);
    evc_explain_event_json(&b, d, i);
    return flush(&b, write, user);
}

evc_status evc_doc_explain_text(const evc_doc *d, evc_write_fn write, void *user)
{
    if (!d || !write || !evc_explained(d))
        return EVC_ERR_ARG;
    evc_buf b;
    evc_buf_init(&b);
    evc_explain_text(&b, d);
    return flush(&b, write, user);
}
