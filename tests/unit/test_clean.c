/* Cleaning: boilerplate, captions, credits, repeated lines, title and date
 * header; sentence splitting. */
#include "doc_helpers.h"

int main(void)
{
    if (setup()) {
        fprintf(stderr, "cannot load the fixture dictionary\n");
        return 1;
    }
    const evc_event *e;
    const evc_article_info *info;
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

    /* a text whose lines all lack a final stop is still body, not captions */
    code(NULL, "The Taliban attacked Pakistan and France criticized the Taliban for it\n");
    OK(evc_doc_article(doc)->n_sentences == 1);

    /* sentence splitting survives abbreviations */
    code(NULL, "Gen. Smith met U.S. officials on Sept. 1 at 10 a.m. in Kabul. The Taliban attacked Pakistan.");
    INT_EQ(evc_doc_article(doc)->n_sentences, 2);

    teardown();
    DONE();
}
