/*
 * Per-article state shared by the pipeline stages. Everything here lives in
 * the document's arena and is released by evc_doc_reset()/evc_doc_free().
 *
 * Stages, in order (doc.c drives them):
 *   clean    raw bytes -> repaired UTF-8 -> kept body paragraphs, metadata
 *   sentence paragraphs -> sentences (byte ranges of doc->text)
 *   tokenize sentences -> tokens with lemmas
 *   actors   tokens -> actor mentions (dictionary, titles, coreference)
 *   quotes   paragraphs -> direct and indirect quotations with speakers
 *   coder    verb patterns + clause rules -> events
 *   timex    dates of sentences, events and quotes
 */
#ifndef EVC_DOC_H
#define EVC_DOC_H
#include "buf.h"
#include "dict.h"
#include "tokenize.h"
#include "vec.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>
#include <limits.h>

#define EVC_NO_DATE LONG_MIN

typedef struct evc_para {
    uint32_t start, len;      /* in doc->text */
    int bullet;
} evc_para;

typedef struct evc_sent {
    uint32_t start, len;      /* in doc->text */
    uint32_t para;
    uint32_t tok0, ntok;      /* into doc->toks */
    int index;
    long date;                /* own time expression, or EVC_NO_DATE */
    int tense;                /* 1 future, -1 past, 0 unknown */
    int discard;              /* holds a peer discard phrase: not coded */
    uint32_t date_span[2];    /* the tokens of its time expression, when date is set */
    const char *text;
} evc_sent;

enum {
    EVC_MN_PRONOUN = 1 << 12,  /* resolved from a pronoun or role noun */
    EVC_MN_POSSESSOR = 1 << 13,/* followed by 's */
    EVC_MN_PREP = 1 << 14,     /* object of a preposition */
    EVC_MN_FIRST_PERSON = 1 << 15,
    EVC_MN_ROLE = 1 << 16        /* a definite role noun not yet resolved ("the chairman") */
};

/* How a mention got its code (explain.c says it in words). */
typedef enum evc_how {
    EVC_HOW_NAME,             /* a dictionary name (actor, or actor + agent) */
    EVC_HOW_PERSON,           /* a person of the dictionaries */
    EVC_HOW_ROLE_NAME,        /* a role before a name outside the dictionaries */
    EVC_HOW_TITLE_SURNAME,    /* a title and a known surname */
    EVC_HOW_SURNAME,          /* the surname of a person named earlier */
    EVC_HOW_PRONOUN,          /* a pronoun */
    EVC_HOW_ROLE_REF,         /* "the spokesman", "the Chinese minister": a person named earlier */
    EVC_HOW_GROUP_REF,        /* "the group", "the militants": a group named earlier */
    EVC_HOW_AGENT,            /* a role noun alone (with the article's country when a state role) */
    EVC_HOW_CIVILIANS,        /* "those in Afghanistan": the country's civilians */
    EVC_HOW_APPOSITIVE,       /* "Mark Rutte, NATO's secretary general,": the role beside a name */
    EVC_HOW_UNKNOWN_NAME,     /* a name outside the dictionaries ("X said", "Gen. X") */
    EVC_HOW_SPEAKER,          /* "we", "I" in a quotation: its speaker */
    EVC_HOW_LIST_ROLE,        /* "ambassadors of X, Y and Z": Y with the role written before the list */
    EVC_HOW_FOLLOWERS         /* "supporters of X", "X's supporters": a person's followers */
} evc_how;

typedef struct evc_mention {
    uint32_t sent;
    uint32_t t0, t1;          /* token range in doc->toks */
    const char *code;         /* NULL when unresolved */
    const char *name;         /* canonical name or text */
    uint32_t flags;           /* EVC_PH_* | EVC_MN_* */
    uint64_t role;            /* hash of the role noun that introduced a person */
    int person;               /* index into doc->people, or -1 */
    /* where the code came from (evcode explain): */
    uint32_t ph, agent_ph;    /* the actor's and the agent's dictionary phrases + 1; 0 for none */
    int32_t ante;             /* the mention it refers back to, or -1 */
    uint8_t how;              /* evc_how */
} evc_mention;

typedef struct evc_person {
    const char *name, *code;
    uint64_t surname, role;
    uint32_t flags;
    int32_t first;            /* the mention that named the person first */
} evc_person;

/* Why an event was coded, kept beside doc->events when explaining
 * (evc_doc_set_explain); explain.c writes it. Rules are fixed phrases. */
typedef struct evc_why {
    const evc_pattern *pattern;   /* the verb pattern, or NULL (then `rule` says what coded it) */
    const char *rule;             /* a rule that set or changed the code; NULL: the pattern's code */
    const char *src_rule, *tgt_rule;
    int32_t src, tgt;             /* mention indices; tgt -1 for none */
    uint32_t anchor;              /* the token the pattern matched at */
    const char *date_rule;
    int date_expr;                /* 1: the time expression date_span set the date */
    uint32_t date_span[2];        /* its tokens */
    const char *place_rule;
} evc_why;

/* A pattern that matched but coded nothing, and why (explaining only). */
typedef struct evc_skip {
    uint32_t sent, tok;
    const evc_pattern *pattern;
    const char *why;
} evc_skip;

typedef struct evc_qspan {
    uint32_t start, len;      /* quoted words in doc->text */
    uint32_t sent, para;
    int speaker;              /* index into doc->people, or -1 */
    int32_t mention;          /* the speaker's mention, or -1 */
    const char *speaker_name, *speaker_code, *cue, *venue;
    int kind;                 /* 0 direct, 1 indirect */
    long date;
} evc_qspan;

typedef struct evc_ev {
    evc_event pub;
} evc_ev;

struct evc_doc {
    const evc_ctx *ctx;
    evc_arena arena;
    evc_buf in;               /* raw text fed so far */
    evc_article_info info;
    evc_repairs repairs;
    long published;           /* days or EVC_NO_DATE */
    int title_in_text;
    int begun;

    const char *text;         /* cleaned body */
    size_t text_len;
    EVC_VEC(evc_para) paras;
    EVC_VEC(evc_sent) sents;
    evc_token_vec toks;
    EVC_VEC(evc_mention) mentions;
    EVC_VEC(uint32_t) sent_mention0;  /* first mention index of each sentence */
    EVC_VEC(evc_person) people;
    EVC_VEC(evc_qspan) quotes;
    EVC_VEC(evc_event) events;
    EVC_VEC(evc_why) why;     /* beside events, when explaining */
    EVC_VEC(evc_skip) skips;  /* when explaining */
    EVC_VEC(evc_gap) gaps;    /* when explaining (coder.c) */
    int explain;              /* evc_doc_set_explain; kept across articles */
    EVC_VEC(evc_quote) quotes_pub;
    EVC_VEC(struct { const char *code; long date; }) spoke;  /* last statement date per speaker name */
    const char *focus_name, *focus_code;  /* the country the article is mostly about */
    int country_count[64];
    const char *country_code[64];
    size_t n_countries;
    int story_discard;        /* a peer story-discard phrase: no events at all */
    struct evc_where *where;  /* places.c: the place of each sentence, once chosen */
    uint8_t *where_known;     /* ... 0 not yet chosen, 1 chosen, 2 none */
    struct evc_where *facility; /* ... the city last named before each facility word ("Kabul airport") */
    uint32_t *facility_sent;    /* ... and its sentence + 1 (0: none yet) */
    int facility_seen;          /* ... some facility_sent is set */
    const char *attack_target, *attack_target_name; /* coder.c: the victim of the last attack or claim */
    int32_t attack_target_mention;                  /* ... its mention (-1: none) */
    int32_t attack_source_mention;                  /* ... the attacker's or claimer's (-1: none) */
    size_t attack_sent;                             /* ... and its sentence + 1 */
    struct evc_word_memo *memo; /* evc_memo_slot; kept across articles */
    int timing;                 /* evc_doc_set_timing; kept across articles, as are the sums */
    uint64_t stage_ns[EVC_N_STAGES];
};

/* What depends only on a token's normalised form (its hash h) is memoised
 * per document, across articles: a direct-mapped table, one slot per hash,
 * each fact computed when first needed. */
typedef struct evc_word_memo {
    uint64_t h, lemma;
    uint32_t lex_word, lex_name; /* word classes read as a word (with its lemma) and as a name */
    uint32_t have;               /* EVC_MEMO_* */
} evc_word_memo;
enum {
    EVC_MEMO_WORD = 1,           /* lemma and lex_word are set */
    EVC_MEMO_NAME = 2,           /* lex_name is set */
    EVC_MEMO_PHRASE_NAME = 4,    /* known whether an actor phrase may start here, read as a name */
    EVC_MEMO_STARTS_NAME = 8,    /* ... and one may */
    EVC_MEMO_PHRASE_WORD = 16,   /* the same, read as a word (by its form and its lemma) */
    EVC_MEMO_STARTS_WORD = 32
};
#define EVC_MEMO_SLOTS 4096
/* The slot of hash h, emptied when it held another hash; NULL without memory
 * (then nothing is memoised). */
static inline evc_word_memo *evc_memo_slot(evc_doc *d, uint64_t h)
{
    if (!d->memo && !(d->memo = calloc(EVC_MEMO_SLOTS, sizeof *d->memo)))
        return NULL;
    evc_word_memo *m = &d->memo[(h * 0x9E3779B97F4A7C15ULL) >> 52];
    if (m->h != h) {
        m->h = h;
        m->have = 0;
    }
    return m;
}

/* clean.c: fills doc->text, doc->paras and the article metadata from doc->in. */
evc_status evc_clean(evc_doc *doc, evc_error *err);
/* sentence.c: splits doc->paras into doc->sents and tokenizes them. */
evc_status evc_split(evc_doc *doc);
/* actors.c: finds actor mentions in sentence s. */
evc_status evc_actors(evc_doc *doc, size_t s);
/* actors.c: after all sentences, points role nouns that were met before
 * the person they name ("The chairman ... said", then "Gen. Mark Milley,
 * chairman of ...") at that person, and refreshes quote speakers. */
void evc_resolve_forward(evc_doc *doc);
/* quotes.c: quotations of paragraph p. */
evc_status evc_quotes(evc_doc *doc, size_t p);
/* coder.c: events of sentence s; `date` is the sentence's own date and
 * `speech_date` the date of the statement it belongs to (EVC_NO_DATE when
 * unknown); verbal events prefer the last statement date of their source
 * (evc_speaker_date). */
evc_status evc_code_sentence(evc_doc *doc, size_t s, long date, long speech_date);
/* Is sentence s a yes-no question ("Will Israel strike Iran?")? It tells of
 * no act, and is not coded (with TABARI dictionaries it is, as TABARI does). */
int evc_yes_no_question(const evc_doc *doc, size_t s);
/* doc.c: the date of the last statement of the speaker named `name`, or EVC_NO_DATE. */
long evc_speaker_date(const evc_doc *doc, const char *name);
/* quotes.c: is token t a reporting verb (said, told, added, ...)? */
int evc_is_cue(const evc_doc *d, const evc_token *t);
/* ... that opens a reported clause ("said", "warned"; not "continued"). */
int evc_is_strong_cue(const evc_doc *d, const evc_token *t);
/* Is token t "state" or "states" after a capitalised word ("in Kaduna
 * state", "the Gulf states"): a name's noun, not the verb "to state"? */
int evc_state_noun(const evc_doc *d, const evc_token *t);
/* timex.c: the date expressed in sentence s, or EVC_NO_DATE; sets *tense. */
long evc_sentence_date(const evc_doc *doc, size_t s, int *tense, uint32_t span[2]);
/* ... by the time expression among tokens [from,to) of sentence s; `force`
 * is the tense to assume (-1 past, 1 future) or 0 to read it from the sentence;
 * `day_only` skips times named only to the month or the year. When span is
 * not NULL it receives the expression's tokens [span[0], span[1]). */
long evc_range_date(const evc_doc *doc, size_t s, size_t from, size_t to, int force, int day_only, int *tense,
                    uint32_t span[2]);
/* The date of the statement sentence s reports: a time expression next to
 * its reporting verb ("said on Thursday"), or EVC_NO_DATE. */
long evc_cue_date(const evc_doc *doc, size_t s);
/* timex.c: parses a standalone date line ("Thursday 2 September 2021"). */
long evc_parse_date_line(const char *s, size_t n);

/* explain.c: the "explain" object of event i; the "no_event" records of the
 * sentences without events; the whole article as text. Only when
 * evc_explained(d). */
static inline int evc_explained(const evc_doc *d) { return d->explain && d->why.n == d->events.n; }
void evc_explain_event_json(evc_buf *b, const evc_doc *d, size_t i);
void evc_explain_no_events_json(evc_buf *b, const evc_doc *d);
void evc_explain_text(evc_buf *b, const evc_doc *d);

/* Helpers shared by stages. */
static inline const char *evc_tok_text(const evc_doc *d, const evc_token *t) { return d->text + t->start; }
int evc_tok_is_slow(const evc_token *t, const char *word, size_t n);
/* Is token t the (lower-case) word? Inline so that strlen of a literal folds:
 * plain tokens compare text, others their normal form's hash. */
static inline int evc_tok_is(const evc_doc *d, const evc_token *t, const char *word)
{
    size_t n = strlen(word);
    if (!(t->flags & EVC_TK_PLAIN))
        return evc_tok_is_slow(t, word, n);
    if (t->len != n)
        return 0;
    const char *s = d->text + t->start;
    for (size_t i = 0; i < n; i++)
        if (evc_to_lower((unsigned char)s[i]) != (unsigned char)word[i])
            return 0;
    return 1;
}
/* Is token t one of the NULL-terminated lowercase words w? A plain token's
 * first letter rules out most words before any comparison. */
static inline int evc_tok_in(const evc_doc *d, const evc_token *t, const char *const *w)
{
    int c0 = (t->flags & EVC_TK_PLAIN) && t->len ? evc_to_lower((unsigned char)d->text[t->start]) : -1;
    for (int i = 0; w[i]; i++)
        if ((c0 < 0 || (unsigned char)w[i][0] == c0) && evc_tok_is(d, t, w[i]))
            return 1;
    return 0;
}
const char *evc_dominant_country(evc_doc *d);
/* Is mention m the object of a preposition ("with al-Qaeda", "in the
 * country"), skipping determiners? Is it a possessor ("Biden's")? */
int evc_prep_object(const evc_doc *d, const evc_mention *m);
int evc_possessor(const evc_doc *d, const evc_mention *m);
/* The country or body an object "it" (token i of sentence s) refers to,
 * among the mentions before index `below`; NULL when none (or "it" is no
 * object). */
const evc_mention *evc_it_antecedent(const evc_doc *d, size_t s, size_t i, size_t below);
void evc_count_country(evc_doc *d, const char *code);
/* Builds "CODE"+"ROLE" in the arena; when code already has a role, keeps it. */
const char *evc_combine_code(evc_doc *d, const char *code, const char *role);
#endif
