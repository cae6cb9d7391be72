#include "lexicon.h"
#include "dict.h"
#include "tokenize.h"
#include "util.h"
#include <string.h>

typedef struct wordlist {
    uint32_t cls;
    const char *const *words;
} wordlist;

static const char *const DETS[] = {"the", "a", "an", "its", "their", "his", "her", "our", "some", "several", "two",
                                   "three", "four", "many", "all", "other", NULL};
static const char *const PREPS[] = {"of", "to", "from", "with", "against", "in", "on", "at", "for", "by", "into",
                                    "over", "about", "toward", "towards", "near", "across", "through", "than",
                                    "including", "like", "behind", "despite", "amid", "among", "between", "via",
                                    "under", "within", "during", NULL};
static const char *const SOFT[] = {"while", "as", "after", "because", "when", "although", "though", "since",
                                   "before", "who", "which", "whom", "whose", "where", "once", "until", "but", NULL};
static const char *const MODALS[] = {"will", "would", "could", "can", "might", "may", "should", "must", "'ll",
                                     "ability", "capacity", "able", "prepared", "ready", "plan", "plans", "planning",
                                     "threaten", "threatened", "threatens", "vow", "vowed", "vows", "promise",
                                     "promised", "pledged", "pledge", "going", "intend", "intends", "intended",
                                     "want", "wants", "capability", "commitment", "committed", "determined",
                                     "ambition", "ambitions", NULL};
static const char *const LOCATIVE[] = {"in", "at", "near", "inside", "across", "throughout", "around", "outside",
                                       "from", "into", "along", "within", NULL};
static const char *const NEG[] = {"not", "n't", "never", "no", "neither", "nor", "without", "avoid", "avoids", "avoided",
                                   "avoiding", "refrain", "refrained", "refraining", NULL};
static const char *const POSS[] = {"its", "their", "his", "her", "our", "my", "your", NULL};
static const char *const SUBJ[] = {"he", "she", "it", "they", "we", "i", NULL};
static const char *const BE[] = {"is", "are", "was", "were", "be", "been", "being", "'s", "get", "got", NULL};
static const char *const ABILITY[] = {"ability", "capacity", "capability", "capabilities", "able", "prepared",
                                      "ready", "means", "possible", "likely", NULL};
static const char *const CAUSE[] = {"due", "because", "amid", "despite", "over", NULL};

/* Reporting verbs, in their base form (inflections are found by stems). */
static const char *const CUES[] = {
    "say", "said", "add", "tell", "told", "warn", "vow", "insist", "note", "explain", "claim", "state", "ask",
    "reply", "write", "wrote", "written", "stress", "emphasize", "emphasise", "argue", "declare", "announce",
    "acknowledge", "admit", "conclude", "predict", "recall", "suggest", "maintain", "report", "respond", "answer",
    "urge", "caution", "promise", "assert", "contend", "reiterate", "remark", "comment", "observe", "tweet", "post",
    "continue", "mention", "confirm", "describe", "raise", NULL};
static const char *const INDIRECT[] = {"say", "said", "add", "state", "insist", "warn", "emphasize", "emphasise",
                                       "tell", "told", "write", "wrote", "note", "maintain", "report", "claim", "vow",
                                       "stress", "reiterate", "argue", "explain", "assert", "contend", "acknowledge",
                                       "admit", "declare", "announce", "confirm", "predict", "promise", NULL};
static const char *const BARE[] = {"say", "said", "insist", "warn", "claim", "argue", "predict", "assert", "contend",
                                   "stress", "acknowledge", "admit", NULL};
static const char *const WEAK[] = {"continue", "report", "raise", "post", "describe", "mention", "confirm",
                                   "observe", NULL};

static const char *const PARTICLE_WORDS[] = {"bin", "ibn", "al", "el", "de", "da", "del", "van", "von", "der", "la", "abu", "bint", NULL};
static const char *const GROUPNOUN_WORDS[] = {"group", "militants", "terrorists", "extremists", "jihadists", "insurgents",
                                    "rebels", "militia", "organization", "organisation", "network", NULL};
static const char *const PEOPLE_WORDS[] = {"those", "people", "civilians", "residents", "citizens", "nationals",
                                    "families", "villagers", "inhabitants", "refugees", NULL};
static const char *const MEMBER_WORDS[] = {"members", "fighters", "leaders", "militants", "commanders", "leader",
                                    "leadership", "operatives", "ranks", "strongholds", "positions", "bases", NULL};
static const char *const COLLECTIVE_WORDS[] = {"military", "army", "navy", "government", "administration", "ministry",
                                    "police", "forces", "force", "embassy", "cabinet", "parliament", "court",
                                    "authorities", "regime", "junta", "party", "opposition", "media", "press",
                                    "department", "agency", "command", "coalition", "alliance", "council", "leadership",
                                    "presidency", "office", "secretariat", "commission", "palace", "residence", NULL};
static const char *const FUNCTION_WORDS[] = {"the", "a", "an", "but", "and", "or", "in", "on", "at", "as", "after", "before",
                                    "when", "while", "if", "it", "he", "she", "they", "we", "i", "this", "that",
                                    "these", "those", "his", "her", "their", "our", "its", "meanwhile", "however",
                                    "still", "also", "since", "then", "there", "here", "speaking", "asked", "what",
                                    "separately", "earlier", "later", "now", "today", "yesterday", "for", "with",
                                    "during", "until", "according", NULL};

static const char *const TIME[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                   "yesterday", "today", "tonight", NULL};
static const char *const TITLES[] = {"mr", "mrs", "ms", "dr", "gen", "sen", "rep", "col", "adm", "lt", "president",
                                     "secretary", "minister", "general", "chairman", "senator", NULL};

static const char *const WEAPONS[] = {"missile", "missiles", "drone", "drones", "rocket", "rockets", "warplane",
                                      "warplanes", "jet", "jets", "aircraft", "bomber", "bombers", "helicopter",
                                      "helicopters", "gunship", "gunships", "tank", "tanks", "artillery", "shell",
                                      "shells", "warship", "warships", "gunboat", "gunboats", "submarine",
                                      "submarines", "destroyer", "destroyers", "frigate", "frigates", NULL};

static const char *const GOODS[] = {"oil", "crude", "gas", "lng", "coal", "grain", "grains", "wheat", "corn", "rice",
                                    "fertilizer", "fertiliser", "fertilizers", "fertilisers", "steel", "aluminium",
                                    "aluminum", "uranium", "goods", "products", "exports", "imports", "timber",
                                    "diesel", "fuel", "petroleum", "cotton", "copper", "nickel", "vehicles", "cars",
                                    "chips", "semiconductors", "batteries", "seafood", "beef", "pork", NULL};

static const char *const CARRIERS[] = {"convoy", "convoys", "truck", "trucks", "lorry", "lorries", "ship", "ships",
                                       "vessel", "vessels", "boat", "boats", "plane", "planes", "flight", "flights",
                                       "team", "teams", "unit", "units", "dog", "dogs", "route", "routes",
                                       "corridor", "corridors", "warehouse", "warehouses", "depot", "depots", NULL};

static const wordlist LISTS[] = {
    {EVC_LX_TIME, TIME}, {EVC_LX_TITLE, TITLES}, {EVC_LX_WEAPON, WEAPONS}, {EVC_LX_GOODS, GOODS},
    {EVC_LX_CARRIER, CARRIERS},
    {EVC_LX_PARTICLE, PARTICLE_WORDS},
    {EVC_LX_GROUPNOUN, GROUPNOUN_WORDS},
    {EVC_LX_PEOPLE, PEOPLE_WORDS},
    {EVC_LX_MEMBER, MEMBER_WORDS},
    {EVC_LX_COLLECTIVE, COLLECTIVE_WORDS},
    {EVC_LX_FUNCTION, FUNCTION_WORDS},

    {EVC_LX_DET, DETS},         {EVC_LX_PREP, PREPS},     {EVC_LX_SOFT, SOFT},   {EVC_LX_MODAL, MODALS},
    {EVC_LX_LOCATIVE, LOCATIVE}, {EVC_LX_NEG, NEG},       {EVC_LX_BE, BE},       {EVC_LX_ABILITY, ABILITY},
    {EVC_LX_CAUSE, CAUSE},      {EVC_LX_CUE, CUES},       {EVC_LX_INDIRECT, INDIRECT},
    {EVC_LX_BARE, BARE},        {EVC_LX_WEAK, WEAK},      {EVC_LX_POSS, POSS},   {EVC_LX_SUBJ, SUBJ},
};

#define VERB_CLASSES (EVC_LX_CUE | EVC_LX_INDIRECT | EVC_LX_BARE | EVC_LX_WEAK)

evc_status evc_lexicon_load(struct evc_ctx *ctx)
{
    for (size_t l = 0; l < sizeof LISTS / sizeof LISTS[0]; l++)
        for (size_t i = 0; LISTS[l].words[i]; i++) {
            uint64_t h = evc_hash(LISTS[l].words[i], strlen(LISTS[l].words[i]));
            const uint64_t *v = evc_htab_get(&ctx->lex, h);
            if (evc_htab_put(&ctx->lex, h, (v ? *v : 0) | LISTS[l].cls))
                return EVC_ERR_NOMEM;
        }
    return EVC_OK;
}

static uint32_t classes_of(const struct evc_ctx *ctx, uint64_t h)
{
    const uint64_t *v = evc_htab_get(&ctx->lex, h);
    return v ? (uint32_t)*v : 0;
}

uint32_t evc_lexicon_classes(const struct evc_ctx *ctx, const char *s, size_t n, uint64_t h, uint64_t lemma)
{
    uint32_t c = classes_of(ctx, h);
    if (lemma != h)
        c |= classes_of(ctx, lemma) & VERB_CLASSES;
    char w[48];
    size_t len = evc_token_norm(s, n, w, sizeof w);
    if (len < 4 || len >= sizeof w - 1)
        return c;
    static const char *const suf[] = {"s", "es", "d", "ed", "ing", NULL};
    for (int i = 0; suf[i]; i++) {
        size_t l = strlen(suf[i]);
        if (len > l + 2 && memcmp(w + len - l, suf[i], l) == 0)
            c |= classes_of(ctx, evc_hash(w, len - l)) & VERB_CLASSES;
    }
    if (len > 5 && memcmp(w + len - 3, "ing", 3) == 0) { /* "noting" -> "note" */
        w[len - 3] = 'e';
        c |= classes_of(ctx, evc_hash(w, len - 2)) & VERB_CLASSES;
    } else if (len > 4 && memcmp(w + len - 3, "ied", 3) == 0) { /* "replied" -> "reply" */
        w[len - 3] = 'y';
        c |= classes_of(ctx, evc_hash(w, len - 2)) & VERB_CLASSES;
    }
    return c;
}
