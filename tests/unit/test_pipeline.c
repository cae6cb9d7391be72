/* Whole-article behaviour through the public API with the fixture
 * dictionary: cleaning, actors, events, quotes, dates, writers. */
#include "evcode.h"
#include "harness.h"
#include <stdlib.h>
#include <string.h>

static evc_ctx *ctx;
static evc_doc *doc;

static evc_status code(const char *published, const char *text)
{
    evc_article a;
    memset(&a, 0, sizeof a);
    a.id = "t";
    a.id_len = 1;
    a.text = text;
    a.text_len = strlen(text);
    a.title_in_text = 1;
    if (published) {
        a.published = published;
        a.published_len = strlen(published);
    }
    return evc_doc_code(doc, &a, NULL);
}

/* "SRC CODE TGT" of event i, or "" */
static const char *ev(size_t i)
{
    static char buf[128];
    const evc_event *e = evc_doc_event(doc, i);
    if (!e)
        return "";
    snprintf(buf, sizeof buf, "%s %s %s", e->source, e->code, e->target);
    return buf;
}

static int collect(void *user, const char *bytes, size_t len)
{
    char **out = user;
    size_t old = *out ? strlen(*out) : 0;
    char *p = realloc(*out, old + len + 1);
    if (!p)
        return 1;
    memcpy(p + old, bytes, len);
    p[old + len] = 0;
    *out = p;
    return 0;
}

int main(void)
{
    evc_options o;
    evc_options_default(&o);
    o.dict_dir = EVC_FIXTURES;
    INT_EQ(evc_ctx_new(&o, &ctx, NULL), EVC_OK);
    doc = evc_doc_new(ctx);
    OK(doc != NULL);

    /* actor + agent chunks, subject and object */
    INT_EQ(code("2021-09-02", "U.S. troops attacked Taliban fighters near Kabul."), EVC_OK);
    INT_EQ(evc_doc_n_events(doc), 1);
    STR_EQ(ev(0), "USAMIL 190 AFGREB");
    /* passive with an agent */
    code("2021-09-02", "Taliban fighters were attacked by American soldiers.");
    STR_EQ(ev(0), "USAMIL 190 AFGREB");
    /* negation gives no event */
    code("2021-09-02", "The Taliban did not attack the Islamic State.");
    INT_EQ(evc_doc_n_events(doc), 0);
    /* a hypothetical gives none */
    code("2021-09-02", "If the Taliban attack Pakistan, nobody will be surprised.");
    INT_EQ(evc_doc_n_events(doc), 0);
    /* a future material act is a threat (13x) */
    code("2021-09-02", "The Islamic State will attack Pakistan.");
    STR_EQ(ev(0), "IMGMUSISI 138 PAK");
    /* compound actors and reciprocal verbs */
    code("2021-09-02", "ISIS and the Taliban fought each other in Afghanistan.");
    INT_EQ(evc_doc_n_events(doc), 2);
    STR_EQ(ev(0), "IMGMUSISI 190 AFGREB");
    STR_EQ(ev(1), "AFGREB 190 IMGMUSISI");
    /* prepositional objects are not subjects; patterns with a target slot */
    code("2021-09-02", "Along with Pakistan, the United States launched a drone strike on the Islamic State.");
    STR_EQ(ev(0), "USA 195 IMGMUSISI");
    /* reported speech: the reported actor is the source */
    code("2021-09-02", "Antony Blinken said the Taliban attacked Pakistani troops.");
    STR_EQ(ev(0), "AFGREB 190 PAKMIL");
    /* a person's code follows the article date */
    code("2018-05-01", "Antony Blinken criticized the Taliban.");
    STR_EQ(ev(0), "USAELI 111 AFGREB");
    /* all-caps IS is the group, "is" never */
    code("2021-09-02", "IS attacked Pakistan. It is bombed by nobody.");
    INT_EQ(evc_doc_n_events(doc), 1);
    STR_EQ(ev(0), "IMGMUSISI 190 PAK");
    /* nominal events need their actor: "the Taliban's attack on Pakistan" */
    code("2021-09-02", "The Taliban's attack on Pakistan angered many.");
    STR_EQ(ev(0), "AFGREB 190 PAK");
    code("2021-09-02", "France blamed the Islamic State for the attack on Pakistan.");
    INT_EQ(evc_doc_n_events(doc), 0);
    /* a light verb passes its subject to the nominal: "launched a drone strike on" */
    code("2021-09-02", "The United States launched a drone strike against the Taliban.");
    STR_EQ(ev(0), "USA 195 AFGREB");
    /* a place after "in" is not the target; "those in X" are its civilians */
    code("2021-09-02", "The Taliban attacked a convoy in Pakistan.");
    INT_EQ(evc_doc_n_events(doc), 0);
    code("2021-09-02", "The Taliban attacked those in Pakistan.");
    STR_EQ(ev(0), "AFGREB 190 PAKCVL");
    /* a speaker who calls an actor a threat accuses it (112) */
    code("2021-09-02", "U.S. officials said the Islamic State poses a threat to Pakistan.");
    STR_EQ(ev(0), "USAGOV 112 IMGMUSISI");
    code("2021-09-02", "Officials did not say that the Islamic State is a threat.");
    INT_EQ(evc_doc_n_events(doc), 0);

    /* event details: quad class, Goldstein, place, evidence, date */
    code("2021-09-02", "The Taliban attacked Pakistani soldiers in Kabul on Monday.");
    const evc_event *e = evc_doc_event(doc, 0);
    OK(e != NULL);
    if (e) {
        INT_EQ(e->quad_class, 4);
        OK(e->goldstein == -10.0);
        STR_EQ(e->location_country, "AFG");
        STR_EQ(e->date, "2021-08-30");
        INT_EQ(e->sentence_index, 0);
        STR_EQ(e->sentence, "The Taliban attacked Pakistani soldiers in Kabul on Monday.");
    }

    /* quotes: speaker after, before, pronoun continuation; scare quotes */
    code("2021-09-02",
         "Headline about talks\n\n"
         "Secretary of State Antony Blinken visited Pakistan on Tuesday.\n\n"
         "\xE2\x80\x9CWe will stand with our partners,\xE2\x80\x9D Blinken said.\n\n"
         "\xE2\x80\x9C" "And we will keep working.\xE2\x80\x9D\n\n"
         "He called the plan a \xE2\x80\x9Cstep\xE2\x80\x9D forward.\n\n"
         "Jen Psaki said: 'The talks were useful.'\n");
    const evc_article_info *info = evc_doc_article(doc);
    STR_EQ(info->title, "Headline about talks");
    INT_EQ(evc_doc_n_quotes(doc), 3);
    const evc_quote *q = evc_doc_quote(doc, 0);
    if (q) {
        STR_EQ(q->text, "We will stand with our partners,");
        STR_EQ(q->speaker, "Antony Blinken");
        STR_EQ(q->speaker_code, "USAGOV");
        STR_EQ(q->cue, "said");
        STR_EQ(q->kind, "direct");
        STR_EQ(q->date, "2021-08-31");
    }
    q = evc_doc_quote(doc, 1);
    if (q) {
        STR_EQ(q->text, "And we will keep working.");
        STR_EQ(q->speaker, "Antony Blinken");
        OK(q->cue == NULL);
    }
    q = evc_doc_quote(doc, 2);
    if (q) {
        STR_EQ(q->text, "The talks were useful.");
        STR_EQ(q->speaker, "Jen Psaki");
    }
    STR_EQ(ev(0), "USAGOV 042 PAK");

    /* names outside the dictionary next to a cue; appositive roles; a role
     * noun met before the name it refers to */
    code("2021-09-02", "The spokesman said on Monday that talks would resume.\n\n"
                       "\"We are ready,\" said Ali Ahmadi, the spokesman of Pakistan.\n\n"
                       "Ahmadi added: \"Nothing has changed.\"\n");
    INT_EQ(evc_doc_n_quotes(doc), 3);
    q = evc_doc_quote(doc, 0);
    if (q) {
        STR_EQ(q->kind, "indirect");
        STR_EQ(q->speaker, "Ali Ahmadi");
    }
    q = evc_doc_quote(doc, 1);
    if (q) {
        STR_EQ(q->text, "We are ready,");
        STR_EQ(q->speaker, "Ali Ahmadi");
        STR_EQ(q->speaker_code, "PAKGOV");
    }
    q = evc_doc_quote(doc, 2);
    if (q)
        STR_EQ(q->speaker, "Ali Ahmadi");

    /* cleaning: captions with credits, repeated lines, boilerplate, date header */
    code(NULL, "Pages\n\nTuesday 31 August 2021\n\nTalks resume in Kabul\n\n"
               "The Taliban attacked Pakistan on Monday.\n\n"
               "A soldier stands guard.\nJohn Doe/AFP via Getty Images\n\n"
               "Pakistani troops guard the border crossing near the city of Chaman on Sunday morning\n\n"
               "Pakistani troops guard the border crossing near the city of Chaman on Sunday morning\n\n"
               "France criticized the Taliban.\n\nPost a Comment\n");
    info = evc_doc_article(doc);
    STR_EQ(info->published, "2021-08-31");
    STR_EQ(info->title, "Talks resume in Kabul");
    STR_EQ(info->text, "The Taliban attacked Pakistan on Monday.\n\nFrance criticized the Taliban.");
    INT_EQ(evc_doc_n_events(doc), 2);
    e = evc_doc_event(doc, 0);
    if (e)
        STR_EQ(e->date, "2021-08-30");
    /* a first line that is a sentence stays body */
    code(NULL, "The Taliban attacked Pakistan.\nFrance criticized the Taliban.\n");
    OK(evc_doc_article(doc)->title == NULL);
    INT_EQ(evc_doc_article(doc)->n_sentences, 2);

    /* sentence splitting survives abbreviations */
    code(NULL, "Gen. Smith met U.S. officials on Sept. 1 at 10 a.m. in Kabul. The Taliban attacked Pakistan.");
    INT_EQ(evc_doc_article(doc)->n_sentences, 2);

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

    evc_doc_free(doc);
    evc_doc_free(NULL);
    evc_ctx_free(ctx);
    DONE();
}
