#define _POSIX_C_SOURCE 200809L
/* TABARI and PETRARCH dictionaries (fixtures written for evcode in those
 * formats): stems, dated codes, agents, synsets, joined and loose pattern
 * words, paired and null codes, discards, and errors as file:line. */
#include "doc_helpers.h"

#define PEER EVC_FIXTURES "/peer/"

static int joint_codes; /* evc_options.joint_codes for the next load */
static const evc_tabari_options *tabari_opts; /* evc_options.tabari for the next load */

static int load(const char *const *files, size_t n, const char *dir)
{
    evc_options o;
    evc_options_default(&o);
    o.joint_codes = joint_codes;
    o.tabari = tabari_opts;
    o.dict_dir = dir ? dir : EVC_DATA;
    o.dict_files = files;
    o.n_dict_files = n;
    evc_doc_free(doc);
    evc_ctx_free(ctx);
    doc = NULL;
    evc_error err;
    if (evc_ctx_new(&o, &ctx, &err) != EVC_OK) {
        fprintf(stderr, "load: %s:%zu: %s\n", err.file, err.line, err.msg);
        return -1;
    }
    doc = evc_doc_new(ctx);
    return doc ? 0 : -1;
}

/* The events of a text as "SRC TGT CODE|..." in order. */
static const char *events(const char *published, const char *text)
{
    static char out[1024];
    out[0] = 0;
    if (code(published, text) != EVC_OK)
        return "(error)";
    for (size_t i = 0; i < evc_doc_n_events(doc); i++) {
        const evc_event *e = evc_doc_event(doc, i);
        size_t l = strlen(out);
        snprintf(out + l, sizeof out - l, "%s%s %s %s", i ? "|" : "", e->source, e->target, e->code);
    }
    return out;
}

/* A sentence coded on a date and the events it must give ("" for none). */
typedef struct peer_case {
    const char *date, *text, *want;
} peer_case;

static void run_cases(const peer_case *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *got = events(v[i].date, v[i].text);
        if (!strcmp(got, v[i].want)) {
            h_pass++;
        } else {
            h_fail++;
            fprintf(stderr, "%s: FAIL: \"%s\" (%s) gave \"%s\", expected \"%s\"\n", __FILE__, v[i].text, v[i].date,
                    got, v[i].want);
        }
    }
}

static int n_errors;
static char last_error[1024];
static void on_error(void *user, const evc_error *e)
{
    (void)user;
    n_errors++;
    snprintf(last_error, sizeof last_error, "%s:%zu: %s", strrchr(e->file, '/') ? strrchr(e->file, '/') + 1 : e->file,
             e->line, e->msg);
    fprintf(stderr, "  (expected) %s\n", last_error);
}

static void tabari(void)
{
    /* a .project as the dictionary "directory" */
    OK(load(NULL, 0, PEER "mini.project") == 0);
    if (!ctx)
        return;
    static const peer_case cases[] = {
        {"2005-01-01", "Nordland condemned Sudmark.", "NDL SDM 122"},
        /* stem NORDLAN: "Nordlanders"; synset member of two words; "TO +" */
        {"2005-01-01", "The Nordlanders sent clean water to Sudmark on Monday.", "NDL SDM 073"},
        {"2005-01-01", "Nordland sent medicine to Sudmark.", "NDL SDM 073"},
        {"2005-01-01", "Nordland sent blankets to Sudmark.", "NDL SDM 074"}, /* the word, not the synset */
        /* a synset member of two words may have others between them */
        {"2005-01-01", "Nordland sent clean drinking water to Sudmark.", "NDL SDM 073"},
        /* "&AID_SHIPMENTS": joined to the member, nothing between */
        {"2005-01-01", "Nordland sent medicine shipments to Sudmark.", "NDL SDM 0733"},
        {"2005-01-01", "Nordland sent medicine in shipments to Sudmark.", "NDL SDM 073"},
        /* pattern words are stems ("TERMS"), '~' makes one before '_' a stem too
         * ("HARSH~_"), a trailing '_' a whole word ("STRONG_") */
        {"2005-01-01", "Nordland criticized Sudmark in the harshest terms.", "NDL SDM 1121"},
        {"2005-01-01", "Nordland criticized Sudmark in harsh words.", "NDL SDM 111"},
        {"2005-01-01", "Nordland criticized Sudmark in strong words.", "NDL SDM 1122"},
        {"2005-01-01", "Nordland criticized Sudmark in the strongest words.", "NDL SDM 111"},
        /* "IN_*" joined to the verb; "IN_ *" a whole word with others between */
        {"2005-01-01", "Nordland was in agreement with Sudmark.", "NDL SDM 0311"},
        {"2005-01-01", "Nordland was in full agreement with Sudmark.", "NDL SDM 0312"},
        /* a pronoun stands for the sentence's first actor; "and" before an
         * actor after a verb's words opens a clause of its own */
        {"2005-01-01", "Nordland condemned Sudmark on Monday and Ostmark warned it.", "NDL SDM 122|OST NDL 160"},
        {"2005-01-01", "Nordland pleaded with Sudmark to relax and Ostmark warned him on Monday.",
         "NDL SDM 020|OST NDL 160"},
        /* "BAN=": the verb only as written */
        {"2005-01-01", "Nordland will ban Sudmark.", "NDL SDM 191"},
        {"2005-01-01", "Nordland is baning Sudmark.", ""},
        {"2005-01-01", "Nordland bans Sudmark.", ""},
        /* whole words: "SUDMARK_" does not match "Sudmarkers", but takes an 's';
         * "OSTMARK=" not even that */
        {"2005-01-01", "Nordland condemned the Sudmarkers.", ""},
        {"2005-01-01", "Nordland condemned the Sudmarks.", "NDL SDM 122"},
        {"2005-01-01", "Ostmark condemned Sudmark.", "OST SDM 122"},
        {"2005-01-01", "Ostmarks condemned Sudmark.", ""},
        /* a whole verb takes TABARI's verb endings, -en too */
        {"2005-01-01", "Nordland departen from Sudmark on Monday.", "NDL SDM 032"},
        {"2005-01-01", "Nordland departink from Sudmark on Monday.", ""},
        /* negation is the patterns' ("NOT *"): a verb without one is coded */
        {"2005-01-01", "Nordland did not condemn Sudmark.", "NDL SDM 122"},
        /* "neither ... nor" joins a compound */
        {"2005-01-01", "Neither Nordland nor Ostmark condemned Sudmark on Monday.", "NDL SDM 122|OST SDM 122"},
        /* an abbreviation is no stem: "S.M." is not "Smith" */
        {"2005-01-01", "Nordland condemned S.M. on Monday.", "NDL SDM 122"},
        {"2005-01-01", "Nordland condemned Smith on Monday.", ""},
        /* the target may stand far after the verb, in its clause */
        {"2005-01-01",
         "Nordland condemned in a very long and loud and harsh statement read out on the radio on Monday night Sudmark.",
         "NDL SDM 122"},
        /* a verb's word with "'s" is a noun */
        {"2005-01-01", "Nordland condemn's Sudmark.", ""},
        /* a null code: the pattern matches and codes nothing */
        {"2005-01-01", "Nordland restored its embassy in Sudmark.", ""},
        /* joined words: DIPLOMATIC_TIES */
        {"2005-01-01", "Nordland will restore diplomatic ties with Sudmark.", "NDL SDM 064"},
        /* a verb's word after an article is a noun, one with a capital inside the sentence a name */
        {"2005-01-01", "Nordland is about the restore diplomatic ties with Sudmark.", ""},
        {"2005-01-01", "Nordland will Restore diplomatic ties with Sudmark.", ""},
        {"2005-01-01", "NORDLAND WILL RESTORE DIPLOMATIC TIES WITH SUDMARK.", "NDL SDM 064"},
        /* a paired code and a dated actor */
        {"2005-01-01", "Erik Voss visited Sudmark.", "NDLGOV SDM 042|SDM NDLGOV 043"},
        {"2015-01-01", "Erik Voss visited Sudmark.", "NDLELI SDM 042|SDM NDLELI 043"},
        /* names on lines of their own share the codes below; ">" opens a range */
        {"2016-03-01", "Lind condemned Nordland.", "SDMGOV NDL 122"},
        {"2010-03-01", "Anna Lind condemned Nordland.", "SDM NDL 122"},
        /* agents: after an actor, before ("RELIEF_AGENCY_ [NGO~]"), alone */
        {"2005-01-01", "The Nordland minister condemned Sudmark.", "NDLGOV SDM 122"},
        {"2005-01-01", "A minister condemned Sudmark.", "~GOV SDM 122"}, /* TABARI writes "~GOV" */
        {"2005-01-01", "The Sudmark relief agency condemned Nordland.", "NGOSDM NDL 122"},
        /* a role its actor's code already begins with is not added twice */
        {"2005-01-01", "The relief agency Helping Hands condemned Nordland.", "NGO NDL 122"},
        /* a word before the verb in the pattern: "NOT *" */
        {"2005-01-01", "Nordland did not meet Sudmark.", "NDL SDM 111"},
        {"2005-01-01", "Nordland met Sudmark.", "NDL SDM 040"},
        /* a verb is a stem unless it ends in '_': RECONCIL */
        {"2005-01-01", "Nordland will reconcile with Sudmark.", "NDL SDM 041"},
        {"2005-01-01", "Nordland reconciled with Sudmark.", "NDL SDM 041"},
        /* "[023?]" codes only a sentence with nothing else to code */
        {"2005-01-01", "Nordland replied to Sudmark.", "NDL SDM 023"},
        {"2005-01-01", "Nordland replied and met Sudmark.", "NDL SDM 040"},
        /* a weak event gives way to an event of the same root between the same actors */
        {"2005-01-01", "Nordland replied and pleaded with Sudmark.", "NDL SDM 020"},
        /* "[###]" discards the sentence: a verb, an actor from the date its code is "###" */
        {"2005-01-01", "Nordland met Sudmark and vowed revenge.", ""},
        {"2004-01-01", "Nordland met Sudmark in Greyhaven.", "NDL SDM 040"},
        {"2005-01-01", "Nordland met Sudmark in Greyhaven.", ""},
        /* the target is the first actor after the verb, even one that looks like a speaker */
        {"2005-01-01", "Nordland warned Sudmark to stay away.", "NDL SDM 160"},
        /* "%": acts between the members of a compound source */
        {"2005-01-01", "Nordland and Sudmark resumed talks.", "NDL SDM 036|SDM NDL 036"},
        {"2005-01-01", "Nordland resumed talks with Sudmark.", "NDL SDM 036"},
        /* "* WITH %": between the members of the compound after the verb */
        {"2005-01-01", "Nordland swapped prisoners with Sudmark and Helping Hands.", "SDM NGO 067|NGO SDM 067"},
        /* a pattern for the word's own form wins over its lemma's: "LEFT_", not "LEAVE" */
        {"2005-01-01", "Nordland left for Sudmark on Monday.", "NDL SDM 032|SDM NDL 033"},
        {"2005-01-01", "Nordland will leave Sudmark on Monday.", "NDL SDM 012"},
        /* <TIME>: a phrase coded "###" discards its sentence wherever it stands */
        {"2005-01-01", "Nordland condemned Sudmark, once upon a time, on Monday.", ""},
        {"2005-01-01", "Nordland condemned Sudmark tomorrow.", "NDL SDM 122"},
        /* a pronoun subject is the first actor of the sentence before, without its agent */
        {"2005-01-01", "The Nordland minister condemned Sudmark. He met Sudmark on Tuesday.",
         "NDLGOV SDM 122|NDL SDM 040"},
        {"2005-01-01", "He met Sudmark on Tuesday.", ""},
        /* "[---]" actor: recognised, coded as nobody; the next actor is the target */
        {"2005-01-01", "Quietville condemned Sudmark.", ""},
        {"2005-01-01", "Nordland condemned Quietville in Sudmark on Monday.", "NDL SDM 122"},
        /* words joined by a space may have others between, not a comma; by '_' none */
        {"2005-01-01", "Nordland state-run television condemned Sudmark.", "NDLTV SDM 122"},
        {"2005-01-01", "Nordland, whose television condemned Sudmark, met Sudmark.", "NDL SDM 040"},
        {"2005-01-01", "Nord Watch condemned Sudmark on Monday.", "NWT SDM 122"},
        {"2005-01-01", "Nord and Watch condemned Sudmark on Monday.", ""},
        {"2005-01-01", "Nord_Watch condemned Sudmark on Monday.", "NWT SDM 122"},
    };
    run_cases(cases, sizeof cases / sizeof cases[0]);
    evc_dict_stats st;
    evc_ctx_stats(ctx, &st);
    INT_EQ(st.synsets, 1);
    INT_EQ(st.skipped_lines, 0);
    /* the options file's commands that change coding apply */
    evc_tabari_options t;
    evc_ctx_tabari_options(ctx, &t);
    INT_EQ(t.min_words, 3);
}

/* TABARI's option commands, as its .options file and the OPTION records of
 * its suite give them, and how they change coding. */
static void tabari_options(void)
{
    evc_tabari_options t;
    evc_tabari_options_default(&t);
    INT_EQ(t.min_words, 0);
    INT_EQ(t.comma[1], 10);
#define CMD(o, s) evc_tabari_option(o, s, strlen(s))
    INT_EQ(CMD(&t, "SET: MINIMUM WORDS = 5"), 1);
    INT_EQ(t.min_words, 5);
    INT_EQ(CMD(&t, "DEFAULT: SOURCE [DSR] PRIOR TARGET [DTG] AFTER"), 1);
    STR_EQ(t.default_source, "DSR");
    STR_EQ(t.default_target, "DTG");
    INT_EQ(t.default_prior + t.default_after, 2);
    INT_EQ(CMD(&t, "comma: min = 4 max = 6"), 1); /* any case; the bounds not given stay */
    INT_EQ(t.comma[0] * 100 + t.comma[1] * 10 + t.comma[2], 462);
    INT_EQ(CMD(&t, "OUTPUT: ID STORY SENT"), 0); /* no change to what is coded */
    INT_EQ(t.min_words, 5);

    tabari_opts = &t; /* MINIMUM WORDS */
    OK(load(NULL, 0, PEER "mini.project") == 0);
    if (!ctx)
        return;
    STR_EQ(events("2005-01-01", "Nordland's government condemned Sudmark."), ""); /* four words */
    STR_EQ(events("2005-01-01", "Nordland condemned Sudmark on Monday."), "NDL SDM 122");

    evc_tabari_options_default(&t); /* DEFAULT: a source or target not named */
    CMD(&t, "DEFAULT: SOURCE [DSR] PRIOR TARGET [DTG] AFTER");
    OK(load(NULL, 0, PEER "mini.project") == 0);
    STR_EQ(events("2005-01-01", "Somebody condemned Sudmark on Monday."), "DSR SDM 122");
    STR_EQ(events("2005-01-01", "Nordland condemned the plan on Monday."), "NDL DTG 122");
    STR_EQ(events("2005-01-01", "Nordland and Sudmark condemned the plan."), "NDL DTG 122|SDM DTG 122");
    CMD(&t, "DEFAULT: SOURCE [DSR] TARGET [DTG]"); /* without PRIOR and AFTER */
    OK(load(NULL, 0, PEER "mini.project") == 0);
    STR_EQ(events("2005-01-01", "Somebody condemned Sudmark on Monday."), "SDM DTG 122");
    STR_EQ(events("2005-01-01", "Nordland and Sudmark condemned the plan."), "NDL SDM 122");
    STR_EQ(events("2005-01-01", "Nordland condemned Sudmark on Monday."), "NDL SDM 122");

    evc_tabari_options_default(&t); /* COMMA: clauses set off by commas */
    OK(load(NULL, 0, PEER "mini.project") == 0);
    STR_EQ(events("2005-01-01", "Nordland condemned, in a statement on Monday, Sudmark."), "NDL SDM 122");
    STR_EQ(events("2005-01-01", "Nordland condemned the plan, Sudmark said."), ""); /* a short end clause */
    STR_EQ(events("2005-01-01", "Nordland, Helping Hands, and Sudmark condemned the plan."), ""); /* a list stays */
    /* the clause with the only verb stays */
    STR_EQ(events("2005-01-01", "Nordland, at once, condemned Sudmark."), "NDL SDM 122");
    CMD(&t, "COMMA: OFF");
    OK(load(NULL, 0, PEER "mini.project") == 0);
    STR_EQ(events("2005-01-01", "Nordland condemned the plan, Sudmark said."), "NDL SDM 122");
    CMD(&t, "COMMA: MIN = 2 MAX = 10 EMIN = 3 EMAX = 10 BMIN = 255 BMAX = 0"); /* two words: too short */
    OK(load(NULL, 0, PEER "mini.project") == 0);
    STR_EQ(events("2005-01-01", "Nordland condemned the plan, Sudmark said."), "NDL SDM 122");

    /* SET: CODE BY CLAUSE (the default: "but" opens a clause), BY SENTENCE, ALL */
    evc_tabari_options_default(&t);
    OK(load(NULL, 0, PEER "mini.project") == 0);
    STR_EQ(events("2005-01-01", "Nordland condemned Sudmark but Sudmark met Nordland."), "NDL SDM 122|SDM NDL 040");
    STR_EQ(events("2005-01-01", "Nordland condemned Sudmark and sent medicine."), "NDL SDM 122");
    CMD(&t, "SET: CODE BY SENTENCE");
    OK(load(NULL, 0, PEER "mini.project") == 0);
    STR_EQ(events("2005-01-01", "Nordland condemned Sudmark but Sudmark met Nordland."), "NDL SDM 122");
    CMD(&t, "SET: CODE ALL"); /* a verb with no target of its own: the first act's */
    OK(load(NULL, 0, PEER "mini.project") == 0);
    STR_EQ(events("2005-01-01", "Nordland condemned Sudmark and sent medicine."), "NDL SDM 122|NDL SDM 070");

    /* COMPLEX: too many verbs or conjunctions, no actor before the first
     * verb that codes; an actor or verb coded "+++" */
    evc_tabari_options_default(&t);
    CMD(&t, "COMMA: OFF");
    OK(load(NULL, 0, PEER "mini.project") == 0);
    STR_EQ(events("2005-01-01", "Tanglewood condemned Sudmark on Monday."), "");
    STR_EQ(events("2005-01-01", "Nordland met Sudmark, condemned Sudmark, visited Sudmark."), "NDL SDM 040");
    STR_EQ(events("2005-01-01", "Nordland met Sudmark and condemned Sudmark but sent medicine."),
           "NDL SDM 040|NDL SDM 122");
    CMD(&t, "COMPLEX: VERBS[3] CONJ[2] NOACTPRIOR");
    OK(load(NULL, 0, PEER "mini.project") == 0);
    STR_EQ(events("2005-01-01", "Nordland met Sudmark, condemned Sudmark, visited Sudmark."), "");
    STR_EQ(events("2005-01-01", "Nordland met Sudmark and condemned Sudmark but sent medicine."), "");
    STR_EQ(events("2005-01-01", "Nordland met the visiting Sudmark minister."), "NDL SDMGOV 040"); /* a noun */
    STR_EQ(events("2005-01-01", "Restoring calm, Nordland condemned Sudmark."), "NDL SDM 122");
    CMD(&t, "DEFAULT: SOURCE [DSR] TARGET [DTG]");
    OK(load(NULL, 0, PEER "mini.project") == 0);
    STR_EQ(events("2005-01-01", "Somebody condemned Sudmark on Monday."), "");
#undef CMD
    tabari_opts = NULL;
}

static void petrarch(void)
{
    const char *files[] = {"actors:" PEER "petr.actors.txt", "agents:" PEER "petr.agents.txt",
                           "verbs:" PEER "petr.verbs.txt", "discards:" PEER "petr.discards.txt"};
    OK(load(files, 4, NULL) == 0);
    if (!ctx)
        return;
    STR_EQ(events("2012-01-01", "Nordland accused Sudmark."), "NDL SDM 112");
    /* a verb's own code; "- * + OF LYING" */
    STR_EQ(events("2012-01-01", "Nordland blamed Sudmark."), "NDL SDM 1121");
    STR_EQ(events("2012-01-01", "Nordland accused Sudmark of lying."), "NDL SDM 1122");
    /* multi-word verbs and their forms; a synset after the verb */
    STR_EQ(events("2012-01-01", "Nordland handed over rifles to Sudmark."), "NDL SDM 072");
    STR_EQ(events("2012-01-01", "Nordland supplied guns to Sudmark."), "NDL SDM 072");
    /* a synset defined as "&AID_" and used as "&AID" */
    STR_EQ(events("2012-01-01", "Nordland supplied food to Sudmark."), "NDL SDM 073");
    /* "!PERSON!" substitution and regular plurals; "{SPOKESPEOPLE}" */
    STR_EQ(events("2012-01-01", "Nordland policemen accused Sudmark."), "NDLCOP SDM 112");
    STR_EQ(events("2012-01-01", "Sudmark spokespeople accused Nordland."), "SDMGOV NDL 112");
    /* an agent its actor's code already ends with is not added twice */
    STR_EQ(events("2012-01-01", "Nordland cabinet spokespeople accused Sudmark."), "NDLGOV SDM 112");
    STR_EQ(events("2012-01-01", "Karl Berg accused Sudmark."), "NDLGOV SDM 112");
    /* '^' skips the noun phrase right there: "* AT ^ +" */
    STR_EQ(events("2012-01-01", "Nordland accused at the Sudmark meeting Karl Berg."), "NDL NDLGOV 1124");
    STR_EQ(events("2012-01-01", "Nordland accused at noon Sudmark."), "NDL SDM 1124");
    /* an actor's role after two modifiers joined by "and" */
    STR_EQ(events("2012-01-01", "Sudmark's brave and loyal spokesperson accused Nordland."), "SDMGOV NDL 112");
    /* a role after "and" shares the actor before it: "Nordland policemen and spokespeople" */
    STR_EQ(events("2012-01-01", "Nordland policemen and spokespeople accused Sudmark."), "NDLCOP SDM 112|NDLGOV SDM 112");
    /* PETRARCH codes verbs: a noun after a determiner is no verb */
    STR_EQ(events("2012-01-01", "Nordland rejected the blame of Sudmark."), "");
    STR_EQ(events("2012-01-01", "Nordland welcomed a new supply of guns to Sudmark."), "");
    /* discards: the sentence, or (with '+') the whole story */
    STR_EQ(events("2012-01-01", "Nordland accused Sudmark after the football match."), "");
    STR_EQ(events("2012-01-01", "Nordland accused Sudmark. Nordland blamed Sudmark."), "NDL SDM 112|NDL SDM 1121");
    STR_EQ(events("2012-01-01", "Nordland accused Sudmark. The crossword was hard."), "");
    /* "<! -- ... -->" is a comment too: what follows it is read */
    STR_EQ(events("2012-01-01", "Ostmark accused Sudmark."), "OSM SDM 112");
    /* a role "in" an actor with a three-letter code is that state's */
    STR_EQ(events("2012-01-01", "Spokespeople in Sudmark accused Nordland."), "SDMGOV NDL 112");
    /* a stem does not reach into a word that is a name of its own */
    STR_EQ(events("2012-01-01", "The Nordmen accused Sudmark."), "NRD SDM 112");
    STR_EQ(events("2012-01-01", "The Nordland accused Sudmark."), "NDL SDM 112");
    /* a pattern that ends inside its noun phrase ("* DIPLOMATIC" in
     * "restored diplomatic ties") leaves no object: the two subjects act
     * on each other */
    STR_EQ(events("2012-01-01", "Nordland and Sudmark restored diplomatic ties."), "NDL SDM 064|SDM NDL 064");
    STR_EQ(events("2012-01-01", "Nordland and Sudmark restored diplomatic ties with Ostmark."), "NDL OSM 064|SDM OSM 064");
    /* ... and so does a base form after a list: a plural verb, no noun */
    STR_EQ(events("2012-01-01", "Nordland and the Sudmark restore diplomatic ties."), "NDL SDM 064|SDM NDL 064");
    /* a verb with a clause for object is aimed at that clause's subject */
    STR_EQ(events("2012-01-01", "Nordland accused that Sudmark was no friend."), "NDL SDM 112");
    /* "that" opening a clause is no object */
    STR_EQ(events("2012-01-01", "Nordland and Sudmark agreed that talks should resume."), "NDL SDM 050|SDM NDL 050");
    /* with a compound subject and no one else named, the pattern for acts
     * between its members ("- % *") wins over a longer one */
    STR_EQ(events("2012-01-01", "Nordland and Sudmark delayed their meeting."), "NDL SDM 120|SDM NDL 120");
    STR_EQ(events("2012-01-01", "Nordland delayed a meeting with Sudmark."), "NDL SDM 161");
    /* a role before a list of countries is each one's */
    STR_EQ(events("2012-01-01", "Spokespeople of Nordland and Ostmark accused Sudmark."), "NDLGOV SDM 112|OSMGOV SDM 112");
    /* a material act aimed at no actor named is aimed at the country it
     * reaches: a three-letter code after a locative (past a verb whose
     * pattern codes nothing, "leading") */
    STR_EQ(events("2012-01-01", "Nordland supplied the roads leading into Sudmark."), "NDL SDM 070");
    /* without an ontology, a negated act is no event */
    STR_EQ(events("2012-01-01", "Nordland did not snub Sudmark."), "");
    /* an actor coded for two ("[SDM/OSM]"): an event for each, or one with
     * the joint code when asked, as UD-PETRARCH codes */
    STR_EQ(events("2012-01-01", "Nordland accused the Marches."), "NDL SDM 112|NDL OSM 112");
    STR_EQ(events("2012-01-01", "The Marches accused Nordland."), "SDM NDL 112|OSM NDL 112");
    joint_codes = 1;
    OK(load(files, 4, NULL) == 0);
    joint_codes = 0;
    if (ctx)
        STR_EQ(events("2012-01-01", "Nordland accused the Marches."), "NDL SDM/OSM 112");
}

/* UD-PETRARCH's ontology: a negated act is coded as its value less 0xFFFF
 * gives, when a code has that value */
static void ontology(void)
{
    const char *files[] = {"actors:" PEER "petr.actors.txt", "verbs:" PEER "petr.verbs.txt",
                           "pico:" PEER "petr.ontology.txt"};
    OK(load(files, 3, NULL) == 0);
    if (!ctx)
        return;
    STR_EQ(events("2012-01-01", "Nordland snubbed Sudmark."), "NDL SDM 110");
    STR_EQ(events("2012-01-01", "Nordland did not snub Sudmark."), "NDL SDM 050");
    STR_EQ(events("2012-01-01", "Nordland did not accuse Sudmark."), ""); /* no code of 0x70a0 - 0xFFFF */
    /* malformed lines are reported and skipped */
    const char *bad[] = {"actors:" PEER "petr.actors.txt", "pico:" PEER "bad.ontology.txt"};
    OK(load(bad, 2, NULL) == 0);
    evc_dict_stats st;
    if (ctx) {
        evc_ctx_stats(ctx, &st);
        INT_EQ(st.skipped_lines, 2);
    }
}

static void errors(void)
{
    /* every malformed line is reported as file:line: reason; the rest loads */
    n_errors = 0;
    evc_dict_stats st;
    evc_status rc = evc_dict_check(PEER "bad.project", on_error, NULL, &st);
    OK(rc == EVC_ERR_DICT);
    INT_EQ(n_errors, 3);
    STR_EQ(last_error, "bad.actors:5: unclosed '['");
    INT_EQ(st.actors, 1); /* GOOD */
    const char *files[] = {"actors:" PEER "bad.actors", "verbs:" PEER "mini.verbs"};
    OK(load(files, 2, NULL) == 0); /* without a callback, bad lines are skipped and counted */
    if (ctx) {
        evc_ctx_stats(ctx, &st);
        INT_EQ(st.skipped_lines, 3);
        STR_EQ(events("2005-01-01", "Good condemned Good."), "");
    }
    const char *unknown[] = {"nonsense:" PEER "bad.actors"};
    OK(load(unknown, 1, NULL) != 0);
    const char *missing[] = {"actors:" PEER "no-such-file.actors"};
    OK(load(missing, 1, NULL) != 0);
}

int main(void)
{
    tabari();
    tabari_options();
    petrarch();
    ontology();
    errors();
    evc_doc_free(doc);
    evc_ctx_free(ctx);
    DONE();
}
