/*
 * Closed-class word lists of the grammar (determiners, prepositions,
 * modals, reporting verbs, ...), compiled into one hash table in the context.
 * Each token gets the bit set of its classes once, when its sentence is
 * split, so that the grammar's many word tests are single bit tests.
 */
#ifndef EVC_LEXICON_H
#define EVC_LEXICON_H
#include "evcode.h"
#include <stddef.h>
#include <stdint.h>

enum {
    EVC_LX_DET = 1u << 0,       /* the, a, its, two ... */
    EVC_LX_PREP = 1u << 1,      /* of, to, with, against ... */
    EVC_LX_SOFT = 1u << 2,      /* while, because, who, which ...: soft clause boundaries */
    EVC_LX_MODAL = 1u << 3,     /* will, would, vow, plan ...: intent or future */
    EVC_LX_LOCATIVE = 1u << 4,  /* in, at, near ...: a place follows */
    EVC_LX_NEG = 1u << 5,       /* not, never, no ... */
    EVC_LX_BE = 1u << 6,        /* is, was, been ...: passive auxiliaries */
    EVC_LX_ABILITY = 1u << 7,   /* ability, capacity, possible ...: intent at a distance */
    EVC_LX_CAUSE = 1u << 8,     /* due, because, amid ...: causes, not claims */
    EVC_LX_CUE = 1u << 9,       /* reporting verbs: said, told, warned ... (any inflection) */
    EVC_LX_INDIRECT = 1u << 10, /* cues that introduce an indirect quote */
    EVC_LX_BARE = 1u << 11,     /* ... whose complement may come without "that" */
    EVC_LX_WEAK = 1u << 12,     /* cues with ordinary uses: continued, reported ... */
    EVC_LX_PARTICLE = 1u << 13, /* bin, al, de, van ...: inside personal names */
    EVC_LX_GROUPNOUN = 1u << 14,/* group, militants ...: "the group" refers back */
    EVC_LX_PEOPLE = 1u << 15,   /* those, people, civilians ...: "those in X" */
    EVC_LX_MEMBER = 1u << 16,   /* members, fighters ...: "its members" */
    EVC_LX_COLLECTIVE = 1u << 17, /* military, government ...: bodies, not persons */
    EVC_LX_FUNCTION = 1u << 18, /* capitalised sentence starters that are never names */
    EVC_LX_TIME = 1u << 19,     /* monday ... sunday, yesterday, today, tonight */
    EVC_LX_TITLE = 1u << 20,    /* mr, gen, president ...: titles before names */
    EVC_LX_WEAPON = 1u << 21,   /* missiles, drones, warplanes ...: "Russian missiles" act for the military */
    EVC_LX_GOODS = 1u << 22,    /* oil, gas, grain ...: "Russian oil" is the country's trade */
    EVC_LX_POSS = 1u << 23,     /* its, their, his ...: possessive pronouns */
    EVC_LX_SUBJ = 1u << 24,     /* he, she, it, they, we, i: subject pronouns */
    EVC_LX_CARRIER = 1u << 25   /* convoy, trucks, ships, teams ...: what carries or does an act ("aid convoy") */
};

/* Is token t of one of the classes cls? (t is an evc_token) */
#define EVC_LX(t, cls) (((t)->lex & (cls)) != 0)

struct evc_ctx;
/* Builds ctx->lex. Returns EVC_OK or EVC_ERR_NOMEM. */
evc_status evc_lexicon_load(struct evc_ctx *ctx);
/* The classes of a word token: of its normal form, its lemma and, for the
 * reporting-verb classes, its crude stems (-s, -es, -d, -ed, -ing). */
uint32_t evc_lexicon_classes(const struct evc_ctx *ctx, const char *s, size_t n, uint64_t h, uint64_t lemma);
#endif
