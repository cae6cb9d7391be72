/* Dates: date lines and time expressions against the publication date. */
#include "doc.h"
#include "harness.h"
#include "util.h"

static long day(int y, int m, int d) { return evc_days_from_civil(y, m, d); }

static const char *date_of(evc_ctx *ctx, const char *published, const char *text)
{
    static char out[11];
    evc_doc *d = evc_doc_new(ctx);
    evc_article a = {0};
    a.text = text;
    a.text_len = strlen(text);
    a.published = published;
    a.published_len = published ? strlen(published) : 0;
    int tense;
    out[0] = 0;
    if (evc_doc_code(d, &a, NULL) == EVC_OK && d->sents.n) {
        long x = evc_sentence_date(d, 0, &tense, NULL);
        if (x != EVC_NO_DATE)
            evc_format_date(x, out);
    }
    evc_doc_free(d);
    return out;
}

int main(void)
{
    INT_EQ(evc_parse_date_line("Thursday 2 September 2021", 25), day(2021, 9, 2));
    INT_EQ(evc_parse_date_line("September 2, 2021", 17), day(2021, 9, 2));
    INT_EQ(evc_parse_date_line("Published: Aug. 29, 2021 10:31 a.m. ET", 38), day(2021, 8, 29));
    INT_EQ(evc_parse_date_line("2022-12-08", 10), day(2022, 12, 8));
    INT_EQ(evc_parse_date_line("The briefing was on 2 September 2021", 36), EVC_NO_DATE);
    INT_EQ(evc_parse_date_line("31 February 2021", 16), EVC_NO_DATE);
    INT_EQ(evc_weekday(day(2021, 8, 29)), 0); /* a Sunday */

    evc_options o;
    evc_options_default(&o);
    o.dict_dir = EVC_FIXTURES;
    evc_ctx *ctx = NULL;
    INT_EQ(evc_ctx_new(&o, &ctx, NULL), EVC_OK);
    /* 2021-09-02 was a Thursday */
    STR_EQ(date_of(ctx, "2021-09-02", "Officials met on Wednesday."), "2021-09-01");
    STR_EQ(date_of(ctx, "2021-09-02", "Officials met on Thursday."), "2021-09-02");
    STR_EQ(date_of(ctx, "2021-09-02", "Officials will meet on Monday."), "2021-09-06");
    /* the past verb before the weekday wins over a later "will" */
    STR_EQ(date_of(ctx, "2021-09-02", "He said Wednesday the talks will resume."), "2021-09-01");
    STR_EQ(date_of(ctx, "2021-09-02", "Officials met yesterday."), "2021-09-01");
    STR_EQ(date_of(ctx, "2021-09-02", "The attack last week killed many."), "2021-08-26");
    STR_EQ(date_of(ctx, "2021-09-02", "Troops left by Aug. 31 as planned."), "2021-08-31");
    /* the deadline of an act to come does not date it */
    STR_EQ(date_of(ctx, "2021-09-02", "They plan to remove all staff by Aug. 31."), "");
    STR_EQ(date_of(ctx, "2021-09-02", "They met on Monday to plan to remove all staff by Aug. 31."), "2021-08-30");
    STR_EQ(date_of(ctx, "2021-09-02", "The deadline of 1 September passed."), "2021-09-01");
    STR_EQ(date_of(ctx, "2021-09-02", "It happened on March 3, 2019 in Kabul."), "2019-03-03");
    STR_EQ(date_of(ctx, "2022-01-05", "Talks were held on Dec. 20."), "2021-12-20");
    /* a month or a year: its first day */
    STR_EQ(date_of(ctx, "2022-12-08", "Washington had earlier this month designated them."), "2022-12-01");
    STR_EQ(date_of(ctx, "2022-01-05", "The truce collapsed last month."), "2021-12-01");
    STR_EQ(date_of(ctx, "2022-12-08", "The talks will resume next month."), "2023-01-01");
    STR_EQ(date_of(ctx, "2022-12-08", "Rebels seized the town last year."), "2021-01-01");
    STR_EQ(date_of(ctx, "2022-12-08", "A strike in August killed him."), "2022-08-01");
    STR_EQ(date_of(ctx, "2022-03-08", "A strike in August killed him."), "2021-08-01");
    STR_EQ(date_of(ctx, "2022-03-08", "Elections will be held in August."), "2022-08-01");
    STR_EQ(date_of(ctx, "2022-03-08", "They met last March in Oslo."), "2021-03-01");
    STR_EQ(date_of(ctx, "2022-03-08", "The war began in early 2015."), "2015-01-01");
    STR_EQ(date_of(ctx, "2022-03-08", "The accord was signed in June 2019."), "2019-06-01");
    STR_EQ(date_of(ctx, "2022-03-08", "The 2015 accord was signed by both."), "");
    STR_EQ(date_of(ctx, "2022-03-08", "May officials meet soon?"), "");
    STR_EQ(date_of(ctx, NULL, "Officials met on Wednesday."), "");
    STR_EQ(date_of(ctx, "2021-09-02", "They may visit soon."), "");
    evc_ctx_free(ctx);
    DONE();
}
