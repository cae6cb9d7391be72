/* Quotations and their speakers: cues before and after, continuation,
 * pronouns, names outside the dictionary, appositive roles. */
#include "doc_helpers.h"

/* "SPEAKER CODE CUE" of quote k ("-" for what is missing), or "(no quote)". */
static const char *speaker(size_t k)
{
    static char buf[256];
    const evc_quote *q = evc_doc_quote(doc, k);
    if (!q)
        return "(no quote)";
    snprintf(buf, sizeof buf, "%s %s %s", q->speaker ? q->speaker : "-", q->speaker_code ? q->speaker_code : "-",
             q->cue ? q->cue : "-");
    return buf;
}

int main(void)
{
    if (setup()) {
        fprintf(stderr, "cannot load the fixture dictionary\n");
        return 1;
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

    /* each speaker's statements keep the date of their reporting verb; a time
     * inside the reported clause dates what is reported, not the saying */
    code("2021-09-02", "Antony Blinken said on Tuesday that the talks were useful.\n\n"
                       "Jen Psaki said Wednesday that the Taliban attacked Pakistan last week.\n\n"
                       "\"We will keep talking,\" Blinken said.\n");
    q = evc_doc_quote(doc, 0);
    if (q)
        STR_EQ(q->date, "2021-08-31");
    q = evc_doc_quote(doc, 1);
    if (q)
        STR_EQ(q->date, "2021-09-01");
    q = evc_doc_quote(doc, 2);
    if (q) {
        STR_EQ(q->speaker, "Antony Blinken");
        STR_EQ(q->date, "2021-08-31");
    }

    /* the cue nearest before a quotation speaks, and a second clause's
     * subject; "warned X to avoid" opens no indirect quotation */
    code("2021-09-02", "According to the Daily Ledger, the United States has warned Americans to avoid Kabul airport, "
                       "and one official told the Daily Ledger that \"the threat to the airport is growing every "
                       "day.\"");
    INT_EQ(evc_doc_n_quotes(doc), 1);
    STR_EQ(speaker(0), "official USAGOV told");
    /* a fronted reported clause: ", the spokesman said" reports all before it */
    code("2021-09-02", "Pakistani officials told him that Pakistan had no part in the attack, the spokesman said.");
    INT_EQ(evc_doc_n_quotes(doc), 1);
    q = evc_doc_quote(doc, 0);
    if (q)
        STR_EQ(q->text, "Pakistani officials told him that Pakistan had no part in the attack");
    STR_EQ(speaker(0), "spokesman PAKGOV said");
    /* texts whose quote k has the speaker, code and cue given */
    static const struct {
        const char *text;
        size_t k;
        const char *want;
    } said[] = {
        /* a name the dictionaries write "The X" is also "the X" inside a sentence */
        {"\"The talks are over for now,\" noted the Daily Ledger.", 0, "the Daily Ledger USAMED noted"},
        /* an institution, a title, a person: the person asks */
        {"The Daily Ledger columnist Mary Stone asked Antony Blinken: \"Will the troops leave Afghanistan soon?\"", 0,
         "Mary Stone - asked"},
        /* "A spokesman of Pakistan, Ali Ahmadi, said": the name, with the role's code */
        {"A spokesman of Pakistan, Ali Ahmadi, said: \"We are ready to talk to everyone.\"", 0, "Ali Ahmadi PAKGOV said"},
        /* a pronoun opening a sentence is the subject of the one before, not
         * the last person it named */
        {"Antony Blinken told reporters that he met Imran Khan in Kabul. He said the talks were useful.", 1,
         "Antony Blinken USAGOV said"},
        /* "the general said": the officer named before */
        {"Gen. Frank Ochoa, the commander of Pakistani troops, visited Kabul. \"We will stay as long as needed,\" "
         "the general said.",
         0, "Gen. Frank Ochoa PAKMIL said"},
    };
    for (size_t i = 0; i < sizeof said / sizeof said[0]; i++) {
        code("2021-09-02", said[i].text);
        STR_EQ(speaker(said[i].k), said[i].want);
    }
    teardown();
    DONE();
}
