/*
 * Tokenizer: words, numbers and punctuation with byte offsets into the text.
 *
 * Words keep inner hyphens (ISIS-K), inner apostrophes (d'Ivoire) and
 * dotted abbreviations (U.S., a.m.); clitics are split off ('s, n't, 're).
 * Each token carries the hash of its normal form: ASCII lowercase, dots
 * dropped, curly apostrophes made straight. Tokens are never copied.
 */
#ifndef EVC_TOKENIZE_H
#define EVC_TOKENIZE_H
#include "vec.h"
#include <stdint.h>

enum {
    EVC_TK_WORD = 1 << 0,
    EVC_TK_CAP = 1 << 1,      /* first letter upper case */
    EVC_TK_ALLCAPS = 1 << 2,  /* two or more letters, all upper case */
    EVC_TK_PUNCT = 1 << 3,
    EVC_TK_NUM = 1 << 4,
    EVC_TK_QUOTE = 1 << 5,    /* a quotation mark: " “ ” ‘ ’ ' */
    EVC_TK_ABBR = 1 << 6,     /* ends with a dot that belongs to the word */
    EVC_TK_PLAIN = 1 << 7     /* ASCII without dots: the text, lower-cased, is the normal form */
};

typedef struct evc_token {
    uint32_t start, len;   /* bytes, relative to the base given to evc_tokenize */
    uint64_t h;            /* hash of the normal form */
    uint64_t lemma;        /* hash of the lemma (== h when none); set by the caller */
    uint16_t flags;
    uint16_t nletters;
    uint32_t lex;          /* EVC_LX_* classes; set with the lemma */
} evc_token;

typedef EVC_VEC(evc_token) evc_token_vec;

/* Appends the tokens of s[0..n) to *out with offsets start+base.
 * Returns 0, or -1 when out of memory. Linear in n. */
int evc_tokenize(evc_arena *a, const char *s, size_t n, size_t base, evc_token_vec *out);

/* Writes the normal form of s[0..n) (one token) into buf (cap >= 1), NUL
 * terminated and truncated to cap-1 bytes; returns its length. */
size_t evc_token_norm(const char *s, size_t n, char *buf, size_t cap);

/* True when the abbreviation (without its dot) is one that takes a dot
 * without ending a sentence: Mr, Gen, Sept, ... */
int evc_is_abbrev(const char *s, size_t n);
#endif
