/* Tokenizer and sentence splitter. */
#include "doc.h"
#include "harness.h"
#include "tokenize.h"
#include "util.h"

static size_t toks(const char *s, evc_token_vec *v, evc_arena *a)
{
    v->n = 0;
    evc_tokenize(a, s, strlen(s), 0, v);
    return v->n;
}

static int tok_eq(const char *s, const evc_token *t, const char *want)
{
    return strlen(want) == t->len && memcmp(s + t->start, want, t->len) == 0;
}

int main(void)
{
    evc_arena a;
    evc_arena_init(&a, 4096);
    evc_token_vec v = {0};

    const char *s1 = "U.S. troops left Kabul's airport on Sept. 1.";
    INT_EQ(toks(s1, &v, &a), 10);
    OK(tok_eq(s1, &v.v[0], "U.S."));
    OK(v.v[0].flags & EVC_TK_ALLCAPS);
    OK(tok_eq(s1, &v.v[3], "Kabul"));
    OK(tok_eq(s1, &v.v[4], "'s"));
    OK(tok_eq(s1, &v.v[7], "Sept."));
    OK(tok_eq(s1, &v.v[9], "."));
    INT_EQ(v.v[0].h, evc_hash("us", 2)); /* dots dropped, lower case */

    const char *s2 = "ISIS-K didn\xE2\x80\x99t fight al-Qaeda in C\xC3\xB4te d'Ivoire, 120,000 said.";
    toks(s2, &v, &a);
    OK(tok_eq(s2, &v.v[0], "ISIS-K"));
    OK(tok_eq(s2, &v.v[1], "did"));
    OK(tok_eq(s2, &v.v[2], "n\xE2\x80\x99t"));
    INT_EQ(v.v[2].h, evc_hash("n't", 3)); /* curly apostrophe normalised */
    OK(tok_eq(s2, &v.v[4], "al-Qaeda"));
    OK(tok_eq(s2, &v.v[6], "C\xC3\xB4te"));
    OK(tok_eq(s2, &v.v[7], "d'Ivoire"));
    OK(tok_eq(s2, &v.v[9], "120,000"));
    OK(v.v[9].flags & EVC_TK_NUM);

    /* quotation marks are punctuation tokens flagged as quotes */
    const char *s3 = "\xE2\x80\x9CWe will act,\xE2\x80\x9D he said.";
    toks(s3, &v, &a);
    OK(v.v[0].flags & EVC_TK_QUOTE);
    OK(tok_eq(s3, &v.v[1], "We"));
    OK(v.v[5].flags & EVC_TK_QUOTE);

    /* an underscore joins words as a space does ("Dol_Amroth", as TABARI writes names) */
    const char *s4 = "the Prince of Dol_Amroth";
    INT_EQ(toks(s4, &v, &a), 5);
    OK(tok_eq(s4, &v.v[3], "Dol"));
    OK(tok_eq(s4, &v.v[4], "Amroth"));

    /* offsets are relative to the base given */
    v.n = 0;
    evc_tokenize(&a, "ab cd", 5, 100, &v);
    INT_EQ(v.v[1].start, 103);

    /* abbreviations */
    OK(evc_is_abbrev("Gen", 3));
    OK(evc_is_abbrev("sept", 4));
    OK(!evc_is_abbrev("Kabul", 5));

    /* every byte value: no crash, all bytes covered or skipped */
    char all[256];
    for (int i = 0; i < 256; i++)
        all[i] = (char)(i ? i : ' ');
    v.n = 0;
    OK(evc_tokenize(&a, all, sizeof all, 0, &v) == 0);
    for (size_t i = 0; i < v.n; i++)
        OK(v.v[i].start + v.v[i].len <= sizeof all);

    evc_arena_free(&a);
    DONE();
}
