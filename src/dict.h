/*
 * Dictionaries compiled into flat tables (see data/README.md for the formats).
 *
 * Phrases (actor names, agent nouns) are token-hash sequences in one array,
 * sorted by first-token hash and then by length, longest first; `phrase_index`
 * maps a first-token hash to its run, so matching at a token is one hash
 * probe plus a short scan of the candidates that start with that word.
 * Verb patterns are indexed the same way by anchor word.
 */
#ifndef EVC_DICT_H
#define EVC_DICT_H
#include "arena.h"
#include "evcode.h"
#include "htab.h"
#include "tokenize.h"
#include <stdint.h>

enum {
    EVC_PH_COUNTRY = 1 << 0,
    EVC_PH_GROUP = 1 << 1,
    EVC_PH_PERSON = 1 << 2,
    EVC_PH_ADJ = 1 << 3,
    EVC_PH_CAPITAL = 1 << 4,
    EVC_PH_AGENT = 1 << 5,
    EVC_PH_ORG = 1 << 6,     /* other named actor (body, IGO, media) */
    EVC_PH_MALE = 1 << 7,
    EVC_PH_FEMALE = 1 << 8,
    EVC_PH_CAPFIRST = 1 << 9, /* written with a capital: the text must be too */
    EVC_PH_DISCARD = 1 << 10, /* a peer discard phrase: the sentence is not coded */
    EVC_PH_STORY = 1 << 11    /* ... nor is the rest of the article (a story discard) */
    /* bits from 1 << 12 are mention flags (doc.h) */
};

typedef struct evc_codespec {
    const char *code;
    long from, to;          /* days; LONG_MIN / LONG_MAX when open */
} evc_codespec;

typedef struct evc_phrase {
    uint64_t first;         /* hash of the first word */
    uint32_t words;         /* index of the first word in ctx->words */
    uint16_t n_words;
    uint16_t flags;
    uint32_t codes;         /* index into ctx->codes */
    uint16_t n_codes;
    uint16_t file;          /* index into ctx->files */
    uint32_t line;
    const char *name;       /* canonical name: the first alias on its line */
} evc_phrase;

typedef struct evc_word {
    uint64_t h;             /* of the whole word, or of the stem when `stem` */
    uint8_t caps;           /* matches only a token written in capitals */
    uint8_t stem;           /* length of a stem that matches any word it begins (peer dictionaries); 0 = whole word */
    uint8_t loose;          /* TABARI: a space, not '_', before it: other words may stand between */
    uint8_t plural;         /* TABARI: a name's last word written whole ("LIBYA_") also matches with an
                               's' ("Libyas") */
} evc_word;

enum { EVC_PE_WORD = 1, EVC_PE_OPT = 2, EVC_PE_GAP = 3, EVC_PE_TARGET = 4, EVC_PE_SOURCE = 5 };
enum { EVC_PE_STEMS = 8 };
#define EVC_STEM_SALT 0x5bd1e9955bd1e995ULL

typedef struct evc_pelem {
    uint8_t kind;
    uint8_t adj;            /* loose patterns: bit 0 joined to the element before it ("IN_*"), no words
                               between; bits 1-2 for a target or source after the verb: noun
                               phrases to skip first ("AT ^ +"); EVC_PE_STEMS: some alternatives
                               are stems, kept as their hash ^ EVC_STEM_SALT */
    uint16_t n_alts;
    uint32_t alts;          /* index into ctx->alts */
} evc_pelem;

typedef struct evc_pattern {
    uint32_t elems;         /* n_pre words before the anchor, the anchor, then the rest */
    uint16_t n_elems;
    uint16_t file;
    uint32_t line;
    uint8_t n_pre;
    uint8_t loose;          /* peer pattern: words may stand apart unless joined */
    uint8_t weak;           /* TABARI "[023?]": coded only when its sentence codes nothing else */
    uint8_t compound;       /* TABARI "% *" (1): the acts are between the members of a compound source;
                               "* WITH %" (2): of the compound after the verb */
    const char *code;       /* "---": the pattern matches but codes nothing */
    const char *code2;      /* paired event (peer "[032:033]"): target to source; NULL when none */
    const char *text;       /* the pattern as written */
} evc_pattern;

/* A pattern under one of its anchor words, with up to four words a sentence
 * must contain for it to match, as bit positions in the coder's 512-bit
 * filter of the sentence's words (EVC_NO_NEED: unused): a quick filter,
 * read in sequence before any pattern is touched. */
enum { EVC_PEER_PETRARCH = 1, EVC_PEER_TABARI = 2 };

typedef struct evc_anchor {
    uint16_t need[4];
    uint32_t pattern;
    uint32_t stem;          /* 1: a TABARI verb stem, matches any word it begins ("RESTOR": "restore");
                               2: a TABARI verb written with '=' ("BAN="), only as written */
} evc_anchor;
#define EVC_NO_NEED 0xFFFFu
/* The bit of word hash h in a sentence's word filter. */
static inline unsigned evc_word_bit(uint64_t h) { return (unsigned)((h * 0x9E3779B97F4A7C15ULL) >> 55); }

typedef struct evc_cameo {
    const char *code;
    double goldstein;
    const char *desc;
    int32_t pico;           /* its value in UD-PETRARCH's ontology (has_pico set), see peerdict.c */
    uint8_t has_pico;
} evc_cameo;

enum { EVC_BP_LINE = 1, EVC_BP_PREFIX = 2, EVC_BP_CONTAINS = 3, EVC_BP_OUTLET = 4 };
typedef struct evc_boiler {
    int kind;
    const char *text;       /* lower case */
    size_t len;
} evc_boiler;

/* A place of the gazetteer (places.c). */
enum { EVC_PL_COUNTRY = 1, EVC_PL_CAPITAL = 2, EVC_PL_CITY = 3, EVC_PL_REGION = 4 };
#define EVC_NO_PLACE UINT32_MAX
typedef struct evc_place {
    float lat, lon;
    uint32_t pop;
    uint32_t name;          /* offset of the name in ctx->place_text */
    uint32_t parent;        /* a city's region, a region's country: a place index; EVC_NO_PLACE */
    char code[4];           /* CAMEO country code */
    uint8_t kind;           /* EVC_PL_* */
    uint8_t pad[3];
} evc_place;

struct evc_ctx {
    evc_arena arena;
    evc_options opts;
    const char **files;
    size_t n_files;

    const char **dirs;      /* directories listed for dictionary files (cache.c checks them) */
    size_t n_dirs;

    evc_phrase *phrases;
    size_t n_phrases;
    evc_word *words;
    size_t n_words;
    evc_codespec *codes;
    size_t n_codes;
    evc_htab phrase_index;  /* first-word hash -> start << 32 | count */

    evc_pattern *patterns;
    size_t n_patterns;
    evc_pelem *elems;
    size_t n_elems;
    uint64_t *alts;
    size_t n_alts;
    evc_anchor *anchors;    /* patterns grouped by anchor hash */
    size_t n_anchors;
    evc_htab verb_index;    /* anchor hash -> start << 32 | count in anchors */

    evc_cameo *cameo;
    size_t n_cameo;
    int16_t cameo_slot[50000];  /* code key -> index + 1 */

    evc_htab lemmas;        /* form hash -> lemma hash */
    evc_htab known;         /* words of the verb patterns, where lemmas lead (see evc_lemma) */
    evc_htab lex;           /* closed-class words -> EVC_LX_* bits (lexicon.c) */
    evc_htab countries;     /* hashes of the 3-letter codes of countries.txt */
    evc_htab surnames;      /* last-name hash -> person phrase index + 1, 0 when ambiguous */
    size_t n_lemmas;

    evc_boiler *boiler;
    size_t n_boiler;

    /* the gazetteer (places.h) */
    evc_place *places;
    size_t n_places;
    char *place_text;       /* the places' names, each NUL-terminated */
    size_t n_place_text;
    uint32_t *place_ids;    /* runs of candidate places, one per name */
    size_t n_place_ids;
    evc_htab place_index;   /* hash of a name or of its first words -> start << 32 | count << 1 | longer */
    evc_htab place_country; /* hash of a country code -> (its capital + 1) << 32 | (the country + 1); 0 for none */

    /* peer dictionaries: their conventions apply (EVC_PEER_*; 0: ours) */
    int peer;
    evc_tabari_options tabari; /* TABARI's coding options (peer TABARI) */
    uint64_t stem_lens;     /* bit L set: some phrase starts with a stem of L bytes (L < 64) */
    uint64_t verb_stem_lens; /* bit L set: some verb anchor is a stem of L bytes (L < 64) */
    uint64_t word_stem_lens; /* bit L set: some word of a TABARI pattern is a stem of L bytes */
    size_t n_discards, n_issues, n_synsets, n_skipped;

    /* compiled cache (cache.c): the mapped image the tables above point
     * into when they were loaded from it; its size; EVC_CACHE_* */
    void *image;
    size_t image_len;
    int cache_state;
    int trace;              /* EVCODE_TRACE set: the coder explains itself on stderr */
};

/* Loads the dictionaries of dir (ours, or a directory or .project of peer
 * dictionaries), or the peer files "KIND:PATH" of files[] when n_files > 0
 * (the base files then come from dir when it is ours, else from the built-in
 * data). With on_error set, every malformed line is
 * reported through it and skipped (EVC_ERR_DICT at the end); without, the
 * first one fails the load. */
evc_status evc_dict_load(evc_ctx *ctx, const char *dir, const char *const *files, size_t n_files, evc_error *err,
                         evc_dict_error_fn on_error, void *user);
void evc_dict_free(evc_ctx *ctx);
/* evc_dict_check for any options: dict_files are checked too. */
evc_status evc_dict_check_opts(const evc_options *o, evc_dict_error_fn on_error, void *user, evc_dict_stats *stats);

/* The code of phrase `p` for an article dated `day` (LONG_MIN = unknown). */
const char *evc_phrase_code(const evc_ctx *ctx, const evc_phrase *p, long day);
/* Is the code's first three letters a country of the dictionaries? */
int evc_is_country_code(const evc_ctx *ctx, const char *code);
/* CAMEO table entry for a code string, or NULL. */
const evc_cameo *evc_cameo_find(const evc_ctx *ctx, const char *code);
/* Lemma hash of the token s[0..n) (its own hash when no rule applies). */
uint64_t evc_lemma(const evc_ctx *ctx, const char *s, size_t n, uint64_t h);
/* Candidate phrases starting with word hash h: *n set, NULL when none. */
const evc_phrase *evc_phrases_at(const evc_ctx *ctx, uint64_t h, size_t *n);
/* Does token t match dictionary word w? (Stems need the text: see evc_stem_match.) */
static inline int evc_word_match(const evc_word *w, const evc_token *t)
{
    return (w->h == t->h || w->h == t->lemma) && (!w->caps || (t->flags & EVC_TK_ALLCAPS));
}
/* Does token t (text s[0..n)) begin with the stem of w? */
int evc_stem_match(const evc_word *w, const evc_token *t, const char *s, size_t n);
/* The hashes of the proper prefixes of a word's normal form (text s[0..n))
 * whose lengths are bits of `lens` (peer stems), shortest first, into
 * out[64]; returns their count. */
int evc_stem_keys(const char *s, size_t n, uint64_t lens, uint64_t *out);
#endif
