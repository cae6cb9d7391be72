/* Events: clause rules, passive, negation, conditionals, threats, compounds,
 * nominal events, places, dates. */
#include "doc_helpers.h"

/* The date of the first event, or "(no event)". */
static const char *first_date(void)
{
    const evc_event *e = evc_doc_event(doc, 0);
    return !e ? "(no event)" : e->date ? e->date : "(no date)";
}

int main(void)
{
    if (setup()) {
        fprintf(stderr, "cannot load the fixture dictionary\n");
        return 1;
    }
    /* actor + agent chunks, subject and object */
    INT_EQ(code("2021-09-02", "U.S. troops attacked Taliban fighters near Kabul."), EVC_OK);
    INT_EQ(evc_doc_n_events(doc), 1);
    STR_EQ(ev(0), "USAMIL 190 AFGREB");
    /* passive with an agent */
    code("2021-09-02", "Taliban fighters were attacked by American soldiers.");
    STR_EQ(ev(0), "USAMIL 190 AFGREB");
    /* negation gives no event */
    code("2021-09-02", "The Taliban did not attack the Islamic State.");
    INT_EQ(evc_doc_n_events(doc), 0);
    /* a target beyond "the border with"; of two matches as long, the whole
     * one wins over one without its "with *" */
    code("2021-09-02", "Pakistan began military exercises near the border with Afghanistan.");
    STR_EQ(ev(0), "PAK 150 AFG");
    code("2021-09-02", "Pakistan held an exercise near its border with Afghanistan.");
    STR_EQ(ev(0), "PAK 150 AFG");
    /* a name in apposition to a role named in full is one actor, coded as
     * the role (his own code is PAKELI after 2022-05-09) */
    code("2023-01-01", "A Pakistani official, Arun Dev-in, criticized the Taliban.");
    INT_EQ(evc_doc_n_events(doc), 1);
    STR_EQ(ev(0), "PAKGOV 111 AFGREB");
    /* "calls from Pakistan", "a request from Pakistan": who called, not a
     * place; the request is Pakistan's, not the Taliban's */
    code("2021-09-02", "The Taliban criticized calls from Pakistan.");
    STR_EQ(ev(0), "AFGREB 111 PAK");
    code("2021-09-02", "The Taliban criticized a request from Pakistan.");
    INT_EQ(evc_doc_n_events(doc), 1);
    STR_EQ(ev(0), "AFGREB 111 PAK");
    /* ... nor does the act that a refusal or a failure names */
    code("2021-09-02", "The Taliban refused to attack the Islamic State.");
    INT_EQ(evc_doc_n_events(doc), 0);
    code("2021-09-02", "The Taliban failed again to attack the Islamic State.");
    INT_EQ(evc_doc_n_events(doc), 0);
    /* an object "it" is the country or body named before it in the
     * sentence: not the subject of its own verb, not a place where
     * something happens ("in Afghanistan"); one event per pair and CAMEO
     * base code, so that "attacked ..., bombing it" is two */
    code("2021-09-02", "Pakistan said the Taliban attacked it.");
    STR_EQ(ev(0), "AFGREB 190 PAK");
    code("2021-09-02", "The United States warned Pakistan and urged it to talk.");
    OK(has("USA 020 PAK"));
    code("2021-09-02", "The United States imposed sanctions on Pakistan, suspending aid to it.");
    OK(has("USA 1621 PAK"));
    code("2021-09-02", "The United States attacked the Taliban in Afghanistan and bombed it.");
    OK(has("USA 195 AFGREB"));
    code("2021-09-02", "The United States attacked the Taliban in Pakistan, bombing it.");
    INT_EQ(evc_doc_n_events(doc), 2);
    OK(has("USA 195 AFGREB"));
    /* ... and never the act's own source */
    code("2021-09-02", "Pakistan rejected the plan and vowed to fight it.");
    INT_EQ(evc_doc_n_events(doc), 0);
    /* a hypothetical gives none */
    code("2021-09-02", "If the Taliban attack Pakistan, nobody will be surprised.");
    INT_EQ(evc_doc_n_events(doc), 0);
    /* a future material act is a threat (13x) */
    code("2021-09-02", "The Islamic State will attack Pakistan.");
    STR_EQ(ev(0), "IMGMUSISI 138 PAK");
    /* compound actors and reciprocal verbs */
    code("2021-09-02", "ISIS and the Taliban fought each other in Afghanistan.");
    INT_EQ(evc_doc_n_events(doc), 2);
    STR_EQ(ev(0), "IMGMUSISI 190 AFGREB");
    STR_EQ(ev(1), "AFGREB 190 IMGMUSISI");
    /* prepositional objects are not subjects; patterns with a target slot */
    code("2021-09-02", "Along with Pakistan, the United States launched a drone strike on the Islamic State.");
    STR_EQ(ev(0), "USA 195 IMGMUSISI");
    /* reported speech: the reported actor is the source */
    code("2021-09-02", "Antony Blinken said the Taliban attacked Pakistani troops.");
    STR_EQ(ev(0), "AFGREB 190 PAKMIL");
    /* a person's code follows the article date */
    code("2018-05-01", "Antony Blinken criticized the Taliban.");
    STR_EQ(ev(0), "USAELI 111 AFGREB");
    /* all-caps IS is the group, "is" never */
    code("2021-09-02", "IS attacked Pakistan. It is bombed by nobody.");
    INT_EQ(evc_doc_n_events(doc), 1);
    /* ... and a militant group's attack is unconventional violence (180);
     * fighting between armed groups (above) stays 190 */
    STR_EQ(ev(0), "IMGMUSISI 180 PAK");
    /* a relative clause tells of the act before it: its actor is the
     * claimer, its code the noun's */
    code("2021-09-02", "The Islamic State claimed responsibility for the attack that killed Pakistani soldiers.");
    OK(has("IMGMUSISI 180 PAKMIL"));
    code("2021-09-02", "The Islamic State carried out the suicide attack last week that killed Pakistani soldiers.");
    OK(has("IMGMUSISI 1831 PAKMIL"));
    /* nominal events need their actor: "the Taliban's attack on Pakistan" */
    code("2021-09-02", "The Taliban's attack on Pakistan angered many.");
    STR_EQ(ev(0), "AFGREB 190 PAK");
    code("2021-09-02", "France blamed the Islamic State for the attack on Pakistan.");
    INT_EQ(evc_doc_n_events(doc), 0);
    /* a light verb passes its subject to the nominal: "launched a drone strike on" */
    code("2021-09-02", "The United States launched a drone strike against the Taliban.");
    STR_EQ(ev(0), "USA 195 AFGREB");
    code("2021-09-02", "The United States launched one of its largest drone strikes against the Taliban.");
    STR_EQ(ev(0), "USA 195 AFGREB");
    code("2021-09-02", "Pakistan carried out a series of air strikes on the Taliban.");
    STR_EQ(ev(0), "PAK 195 AFGREB");
    /* a place after "in" is not the target of a named victim; "those in X"
     * are its civilians; a material act aimed at no one named is aimed at
     * the country where it happened */
    code("2021-09-02", "The Taliban attacked American troops in Pakistan.");
    STR_EQ(ev(0), "AFGREB 190 USAMIL");
    INT_EQ(evc_doc_n_events(doc), 1);
    code("2021-09-02", "The Taliban attacked a convoy in Pakistan.");
    STR_EQ(ev(0), "AFGREB 190 PAK");
    code("2021-09-02", "The Taliban met a delegation in Pakistan.");
    INT_EQ(evc_doc_n_events(doc), 0);
    /* ... past an aside set off by dashes or brackets, however long */
    code("2021-09-02", "The Taliban attacked a convoy - one of the many trucks and buses that carry fuel, food and "
                       "medicine for the aid agencies of the United Nations and France - in Pakistan.");
    STR_EQ(ev(0), "AFGREB 190 PAK");
    code("2021-09-02", "The Taliban attacked a convoy (one of the many trucks and buses that carry fuel, food and "
                       "medicine for the aid agencies of France) in Pakistan.");
    STR_EQ(ev(0), "AFGREB 190 PAK");
    /* "was attacking" is not a passive */
    code("2021-09-02", "Pakistan was attacking Afghanistan.");
    STR_EQ(ev(0), "PAK 190 AFG");
    /* the agent that ends a list of adjectives belongs to each */
    code("2021-09-02", "American and Pakistani troops attacked the Taliban.");
    STR_EQ(ev(0), "USAMIL 190 AFGREB");
    STR_EQ(ev(1), "PAKMIL 190 AFGREB");
    code("2021-09-02", "U.S. and French delegations attacked the Taliban.");
    STR_EQ(ev(0), "USAGOV 190 AFGREB");
    STR_EQ(ev(1), "FRAGOV 190 AFGREB");
    /* a role before a list of countries is each one's ... */
    code("2021-09-02", "Delegations of the United States, France and Pakistan attacked the Taliban.");
    STR_EQ(ev(0), "USAGOV 190 AFGREB");
    STR_EQ(ev(1), "FRAGOV 190 AFGREB");
    STR_EQ(ev(2), "PAKGOV 190 AFGREB");
    /* ... when a list it is, closed by "and" */
    code("2021-09-02", "Troops from France, Pakistan's neighbour, attacked the Taliban.");
    STR_EQ(ev(0), "FRAMIL 190 AFGREB");
    INT_EQ(evc_doc_n_events(doc), 1);
    /* an adjective before a weapon names its military */
    code("2021-09-02", "American drones attacked the Taliban.");
    STR_EQ(ev(0), "USAMIL 190 AFGREB");
    /* compound subjects of a cooperative act with no one else named act on each other */
    code("2021-09-02", "The United States and Pakistan signed a treaty on Friday.");
    INT_EQ(evc_doc_n_events(doc), 2);
    STR_EQ(ev(0), "USA 057 PAK");
    STR_EQ(ev(1), "PAK 057 USA");
    /* ... unless the infinitive has a subject of its own */
    code("2021-09-02", "France and Pakistan urged the two sides to show restraint.");
    INT_EQ(evc_doc_n_events(doc), 0);
    /* ... or an object nobody named is left over */
    code("2021-09-02", "The Taliban and the Islamic State attacked a convoy.");
    INT_EQ(evc_doc_n_events(doc), 0);
    /* a pattern whose partner follows "with" also matches without it */
    code("2021-09-02", "France and Pakistan restored ties on Monday.");
    STR_EQ(ev(0), "FRA 050 PAK");
    STR_EQ(ev(1), "PAK 050 FRA");
    code("2021-09-02", "France restored ties.");
    INT_EQ(evc_doc_n_events(doc), 0);
    /* "in the Sea of X": a place, not a target */
    code("2021-09-02", "American and French troops fought in the mountains of Afghanistan.");
    STR_EQ(ev(0), "USAMIL 190 FRAMIL");
    STR_EQ(ev(1), "FRAMIL 190 USAMIL");
    /* our format: word sets, negative patterns, the source marker, discards */
    code("2021-09-02", "The United States sent missiles to Pakistan.");
    STR_EQ(ev(0), "USA 072 PAK");
    code("2021-09-02", "The Taliban attacked the reputation of Pakistan.");
    INT_EQ(evc_doc_n_events(doc), 0);
    code("2021-09-02", "The Taliban attacked Pakistan.");
    STR_EQ(ev(0), "AFGREB 190 PAK");
    code("2021-09-02", "Pakistan praised the visit by France to Afghanistan.");
    STR_EQ(ev(0), "FRA 042 AFG");
    code("2021-09-02", "The Taliban attacked Pakistan after a football match.");
    INT_EQ(evc_doc_n_events(doc), 0);
    /* a state acting on its own country as a place says nothing */
    code("2021-09-02", "Pakistani troops attacked a convoy in Pakistan.");
    INT_EQ(evc_doc_n_events(doc), 0);
    /* a participle with its agent is a passive */
    code("2021-09-02", "Pakistani troops attacked by the Taliban fled.");
    STR_EQ(ev(0), "AFGREB 190 PAKMIL");
    code("2021-09-02", "The Taliban attacked those in Pakistan.");
    STR_EQ(ev(0), "AFGREB 190 PAKCVL");
    /* a speaker who calls an actor a threat accuses it (112) */
    code("2021-09-02", "U.S. officials said the Islamic State poses a threat to Pakistan.");
    STR_EQ(ev(0), "USAGOV 112 IMGMUSISI");
    code("2021-09-02", "Officials did not say that the Islamic State is a threat.");
    INT_EQ(evc_doc_n_events(doc), 0);

    /* a threat aims at the actor of its condition */
    code("2021-09-02", "The United States will take action if the Islamic State attacks Pakistan.");
    STR_EQ(ev(0), "USA 138 IMGMUSISI"); /* coercion (17x) announced: a threat (130), of force against a group */
    code("2021-09-02", "The United States will take action if Pakistan attacks France.");
    STR_EQ(ev(0), "USA 130 PAK"); /* ... and a bare threat against a state */
    code("2021-09-02", "The Taliban will attack Pakistan.");
    STR_EQ(ev(0), "AFGREB 138 PAK"); /* force announced: a threat of force */
    /* a list as the target of a pattern */
    code("2021-09-02", "France designated the Taliban and the Islamic State as terrorists.");
    INT_EQ(evc_doc_n_events(doc), 2);
    STR_EQ(ev(0), "FRA 163 AFGREB");
    STR_EQ(ev(1), "FRA 163 IMGMUSISI");
    /* "the leader of X" as the target */
    code("2021-09-02", "The Taliban executed the former leader of the Islamic State.");
    STR_EQ(ev(0), "AFGREB 180 IMGMUSISI");
    /* "its members" refers back to the group; bare roles are nobody */
    code("2021-09-02", "The Islamic State attacked Pakistan. France bombed its members.");
    STR_EQ(ev(1), "FRA 195 IMGMUSISI");
    code("2021-09-02", "Soldiers attacked officials.");
    INT_EQ(evc_doc_n_events(doc), 0);

    /* event details: quad class, Goldstein, place, evidence, date */
    code("2021-09-02", "The Taliban attacked Pakistani soldiers in Kabul on Monday.");
    const evc_event *e = evc_doc_event(doc, 0);
    OK(e != NULL);
    if (e) {
        INT_EQ(e->quad_class, 4);
        OK(e->goldstein == -10.0);
        STR_EQ(e->location_country, "AFG");
        STR_EQ(e->date, "2021-08-30");
        INT_EQ(e->sentence_index, 0);
        STR_EQ(e->sentence, "The Taliban attacked Pakistani soldiers in Kabul on Monday.");
    }
    /* "arrived there": the place a sentence before named, and its country */
    code("2021-09-02", "The Taliban attacked Pakistani soldiers in Kabul. Pakistani officials arrived there on Monday.");
    OK(has("PAKGOV 042 AFG"));
    e = evc_doc_event(doc, 1);
    OK(e && e->location_name && !strcmp(e->location_name, "Kabul"));
    /* "in Kandahar state": a name's noun, no reporting verb, and the place is
     * the region */
    code("2021-09-02", "The Taliban attacked Pakistani soldiers in Kandahar state.");
    e = evc_doc_event(doc, 0);
    OK(e && e->location_name && !strcmp(e->location_name, "Kandahar"));
    /* an act in a reported clause takes its own clause's time, not the
     * reporting verb's: the attack last week, said on Tuesday */
    code("2024-03-06", "The Taliban said on Tuesday that France attacked Pakistan last week.");
    STR_EQ(first_date(), "2024-02-28");
    code("2024-03-06", "The Taliban said on Tuesday that France attacked Pakistan.");
    STR_EQ(first_date(), "2024-03-05"); /* none of its own: when it was told */
    /* an act with no time of its own happened on the day the story reports,
     * not on the day it was published; a month or a year dates to its first day */
    code("2024-03-06", "The Taliban said on Tuesday that talks failed. France attacked Pakistan.");
    STR_EQ(first_date(), "2024-03-05");
    code("2024-03-06", "France attacked Pakistan in February.");
    STR_EQ(first_date(), "2024-02-01");

    /* "claimed responsibility for the attack": the victims of the attack told
     * before; "a new attack" is another one */
    code("2021-09-02", "The Taliban attacked Pakistani troops in Kandahar. The Islamic State claimed responsibility "
                       "for the attack on Monday.");
    STR_EQ(ev(1), "IMGMUSISI 015 PAKMIL");
    code("2021-09-02", "The Taliban attacked Pakistani troops in Kandahar. The Islamic State claimed responsibility "
                       "for a new attack.");
    INT_EQ(evc_doc_n_events(doc), 1);

    /* an adverb before the verb: the compound subject acts, every member */
    code("2021-09-02", "Pakistan and France formally recognised Afghanistan.");
    INT_EQ(evc_doc_n_events(doc), 2);
    OK(has("PAK 054 AFG") && has("FRA 054 AFG"));
    /* a role of no country is of the country where the sentence happens;
     * the opposition is the government's */
    code("2021-09-02", "Protesters attacked Pakistani troops in Kandahar.");
    STR_EQ(ev(0), "AFGOPP 145 PAKMIL");
    code("2021-09-02", "A Pakistani official signed an agreement with the opposition in Kandahar.");
    STR_EQ(ev(0), "PAKGOV 057 PAKOPP");
    /* civilians only as the victims of violence; two roles name no one */
    code("2021-09-02", "Pakistani troops killed civilians in Kandahar.");
    STR_EQ(ev(0), "PAKMIL 190 AFGCVL");
    code("2021-09-02", "Protesters attacked troops in Kandahar.");
    INT_EQ(evc_doc_n_events(doc), 0);
    /* "the people behind" an attack are no civilians; gunmen's attack on
     * civilians is unconventional violence */
    code("2021-09-02", "Pakistani troops killed the people behind the attack in Kandahar.");
    INT_EQ(evc_doc_n_events(doc), 0);
    code("2021-09-02", "Gunmen killed American civilians.");
    STR_EQ(ev(0), "UAF 180 USACVL");
    /* a gap before an optional word: "restore _ (diplomatic) {tie|relation} with *" */
    code("2021-09-02", "Pakistan restored full diplomatic relations with France.");
    STR_EQ(ev(0), "PAK 050 FRA");
    code("2021-09-02", "Pakistan restored full relations with France.");
    STR_EQ(ev(0), "PAK 050 FRA");
    /* a compound acts on itself past an adverb: "restored relations early on Monday" */
    code("2021-09-02", "Pakistan and France restored relations early on Monday.");
    OK(has("PAK 050 FRA") && has("FRA 050 PAK"));
    /* an object's list ends where the next clause's subject stands */
    code("2021-09-02", "The Taliban attacked Pakistani troops and American troops attacked the Islamic State.");
    OK(has("AFGREB 190 PAKMIL") && !has("AFGREB 190 USAMIL"));
    /* ... and that subject acts in its own clause */
    OK(has("USAMIL 190 IMGMUSISI") && !has("AFGREB 190 IMGMUSISI"));
    /* sentences whose first event is the one given */
    static const struct {
        const char *text, *want;
    } first[] = {
        /* right after the verb, a noun that is also a cue heads the object */
        {"The Taliban attacked Pakistani army posts.", "AFGREB 190 PAKMIL"},
        /* a role followed by a place word is no modifier: the object */
        {"Pakistani troops attacked protesters outside Kandahar.", "PAKMIL 190 AFGOPP"},
        /* a future act of aid is the intent of that kind of aid */
        {"Pakistan will send weapons to France.", "PAK 0332 FRA"},
        /* a seizure of a town is the occupation of territory */
        {"Pakistani troops seized most of the town of Kandahar.", "PAKMIL 192 AFG"},
        /* the voice of a group has the group's role */
        {"A Pakistani opposition spokesman criticized Pakistani officials.", "PAKOPP 111 PAKGOV"},
        /* a subject after "that", past another verb, acts */
        {"France has received reports that the Taliban attacked Pakistan.", "AFGREB 190 PAK"},
        /* the subject after "that" past auxiliaries ("is planning to"); a cut
         * in relations aimed at no one named: the country where it happens */
        {"France reported that Pakistan is planning to withdraw diplomats in Kabul.", "PAK 161 AFG"},
        /* a country's adjective before its goods is the country */
        {"France bought Pakistani oil.", "FRA 061 PAK"},
        /* reports denied are their authors', else the source's own press;
         * what they say is no target */
        {"Pakistani officials denied reports the Taliban attacked France.", "PAKGOV 016 PAKMED"},
        {"Pakistani officials denied reports by France.", "PAKGOV 016 FRA"},
        /* "is committed to": a state of the subject, no passive; "its
         * partners" is a noun, not the next verb */
        {"Pakistan is committed to working with its partners, particularly France.", "PAK 030 FRA"},
        /* a measure a state takes at home is aimed at its own people */
        {"Pakistani officials imposed a nationwide curfew on Friday.", "PAKGOV 1723 PAKCVL"},
        /* the agent of the means in the subject acts */
        {"A bomb planted by Islamic State militants killed Pakistani soldiers.", "IMGMUSISI 180 PAKMIL"},
        /* a word on a text is aimed at its authors, not at a broker */
        {"Pakistan rejected a resolution passed by France.", "PAK 120 FRA"},
        /* an institution named bare belongs to the country written with it;
         * protesters' violence is a riot */
        {"Pakistani protesters attacked Pakistan's Supreme Court.", "PAKOPP 145 PAKJUD"},
        {"The Taliban criticized the Pakistani Supreme Court.", "AFGREB 111 PAKJUD"},
        /* a particle after the subject makes a verb of a bare form ("shut"),
         * not a noun like "a US strike" */
        {"Pakistan shut down the internet.", "PAK 1721 PAKCVL"},
        /* a country named by one of its officials speaking is the body the
         * official speaks for; another country stays itself */
        {"Jen Psaki said that the United States criticized the Taliban.", "USAGOV 111 AFGREB"},
        {"Jen Psaki said that Pakistan criticized the Taliban.", "PAK 111 AFGREB"},
        /* a state's threat against an armed group is one of force */
        {"France warned the Taliban.", "FRA 138 AFGREB"},
        {"France warned Pakistan.", "FRA 130 PAK"},
        {"France warned the gunmen.", "FRA 138 UAF"},
        /* the longest match names the target, a shorter one the act */
        {"France launched drone strikes against the Taliban.", "FRA 195 AFGREB"},
        {"France launched strikes against the Taliban.", "FRA 190 AFGREB"},
        /* cooperation voiced by forces is military; aid to civilians humanitarian */
        {"Pakistani troops cooperated with France.", "PAKMIL 0312 FRA"},
        {"France promised aid to Pakistani civilians.", "FRA 0333 PAKCVL"},
        {"France promised aid to Pakistan.", "FRA 033 PAK"},
        /* the act denied is not coded: the denial is, aimed at its target */
        {"France denied that its troops had attacked Pakistan.", "FRA 016 PAK"},
        /* a speaker who calls an actor responsible for something accuses it */
        {"Jen Psaki said that the Taliban were responsible for the attack.", "USAGOV 112 AFGREB"},
        /* a gap passes "and" uncounted; a call for a release is aimed
         * at whoever holds the captives */
        {"France demanded the immediate and unconditional release of all the civilians held by the Taliban.",
         "FRA 1053 AFGREB"},
        {"France demanded the release of Pakistani officials.", "FRA 1053 PAKGOV"},
        /* those told are not in the clause reported */
        {"France told the Taliban on Monday that Pakistan attacked the Islamic State.", "PAK 190 IMGMUSISI"},
        /* a role "from" an actor is that actor's */
        {"Fighters from the Islamic State attacked Pakistan.", "IMGMUSISI 180 PAK"},
        /* a role after a possessive pronoun is the state's named before, not
         * the country named after it */
        {"France warned its civilians.", "FRA 130 FRACVL"},
        {"France warned its civilians to leave Pakistan.", "FRA 130 FRACVL"},
        /* an act avoided or refrained from does not happen */
        {"France refrained from attacking Pakistan.", ""},
        /* "any attack": an act that may come is not coded */
        {"France said it would respond to any attack on its civilians.", ""},
        /* a coercive act promised on a condition or in a warning is a
         * threat; announced outright, it is coded as the act */
        {"France said it would impose sanctions on Pakistan if it attacked India.", "FRA 1312 PAK"},
        {"If Pakistan attacks India, France will impose sanctions on Pakistan.", "FRA 1312 PAK"},
        {"France warned that it would impose sanctions on Pakistan.", "FRA 1312 PAK"},
        {"France said it would impose sanctions on Pakistan.", "FRA 163 PAK"},
        /* protesters of no country protest against the government of the
         * country where they are; their seizures and burnings are riots */
        {"Protesters protested in Kabul.", "AFGOPP 141 AFGGOV"},
        {"Protesters seized the police station in Kabul.", "AFGOPP 145 AFG"},
        /* aid after a sum is the object of the verb before the sum; aid
         * announced or pledged is aid promised */
        {"France sent 5 million dollars in humanitarian aid to Pakistan.", "FRA 073 PAK"},
        {"France announced $5 million worth of humanitarian aid for Pakistan.", "FRA 0333 PAK"},
        /* the caller or host "in a meeting with Y" is the subject; a "would"
         * in the clause reported after it is not the meeting's */
        {"France said during a meeting with Pakistan that it would attack India.", "FRA 040 PAK"},
        /* "supporters of X" act as X's people */
        {"Thousands of supporters of the Taliban criticized France.", "AFGREB 111 FRA"},
        /* an attack told before with no actor gives none */
        {"Pakistan criticized the attack. The attack killed Imran Khan.", ""},
        /* a country's people acted on by their own state are its civilians */
        {"Pakistan warned Pakistanis.", "PAK 130 PAKCVL"},
        /* the owner of the act judged is the target */
        {"France criticized Pakistan's attack on India.", "FRA 111 PAK"},
        /* "would be attacked" in a vow: the speaker's threat */
        {"Imran Khan vowed that France would be attacked.", "PAKGOV 138 FRA"},
    };
    for (size_t k = 0; k < sizeof first / sizeof first[0]; k++) {
        code("2021-09-02", first[k].text);
        STR_EQ(ev(0), first[k].want);
    }
    /* sentences with all of the events given (and no more when n > 0) */
    static const struct {
        const char *text, *want[3];
        size_t n;
    } all[] = {
        /* a possessive pronoun after a preposition: the nearest person (his)
         * or body (its) before it; the traveller "on a visit" is the subject */
        {"Imran Khan met with French officials during his visit to France.", {"PAKGOV 042 FRA"}, 0},
        {"France criticized the Taliban for its attack on Pakistan.", {"FRA 111 AFGREB", "AFGREB 190 PAK"}, 0},
        {"Imran Khan, on a visit to France, criticized the Taliban.", {"PAKGOV 042 FRA", "PAKGOV 111 AFGREB"}, 0},
        /* an -s form not after its subject is a plural noun, not the next verb */
        {"Pakistan criticized the weapons and bombs of France.", {"PAK 111 FRA"}, 0},
        /* an act judged is someone else's; its noun in -ing after an article
         * does not end the object */
        {"France criticized the bombing of Pakistani civilians.", {"FRA 111 PAKCVL"}, 1},
        /* a verb right after "and" shares the subject of the act before,
         * however far it stands */
        {"France on Monday in a long statement read out at a crowded news conference held in Kabul criticized "
         "the leaders of the Taliban and the Islamic State and threatened to attack Pakistan.",
         {"FRA 111 AFGREB", "FRA 138 PAK"}, 0},
        /* "The attack killed X": the claimer of the attack told before */
        {"The Taliban claimed responsibility for the attack on Pakistan. The attack killed Imran Khan.",
         {"AFGREB 015 PAK", "AFGREB 190 PAKGOV"}, 2},
        /* a modal reaches through "to ... and" to a verb twelve words on */
        {"Pakistan said that France would cooperate with Pakistan and its neighbours to hunt down and attack the Taliban.",
         {"FRA 031 PAK", "FRA 138 AFGREB"}, 2},
        /* a base form after a bare name, before its object, is a verb */
        {"Pakistan and France criticize the Taliban.", {"PAK 111 AFGREB", "FRA 111 AFGREB"}, 2},
        /* ", and" ends a list, not a clause, when no verb stands before it */
        {"Pakistan, the Taliban, and France criticized Antony Blinken.",
         {"PAK 111 USAGOV", "AFGREB 111 USAGOV", "FRA 111 USAGOV"}, 3},
        /* "X and Y agree that ...": each with the other; what follows
         * "that" is a clause, not an object */
        {"Pakistan and France agree that the war must end.", {"PAK 019 FRA", "FRA 019 PAK"}, 2},
        /* a pronoun right before the verb is its subject; after "and", a
         * pronoun that fits the subject before goes on with it */
        {"Jen Psaki told Imran Khan to leave and then she visited France.", {"USAGOV 042 FRA"}, 1},
        {"Imran Khan warned Antony Blinken and then he visited France.", {"PAKGOV 130 USAGOV", "PAKGOV 042 FRA"}, 2},
        /* a list member with its adjectives */
        {"Pakistan and the brave Taliban criticized France.", {"PAK 111 FRA", "AFGREB 111 FRA"}, 2},
        /* ", X said" names the speakers, not the object */
        {"Pakistan and France fought at several points, Pakistani officials on both sides said.",
         {"PAK 190 FRA", "FRA 190 PAK"}, 2},
        /* a name with its article joins a compound: "and the Daily Ledger" */
        {"Pakistan and the Daily Ledger criticized France.", {"PAK 111 FRA", "USAMED 111 FRA"}, 0},
        /* a meeting's place is no party to it: the subjects meet each other */
        {"Pakistan and France held talks in Kabul.", {"PAK 044 FRA", "FRA 044 PAK"}, 2},
        /* "round of" in a gap does not count as one of its words */
        {"Pakistan and France held a third round of talks in Kabul.", {"PAK 044 FRA", "FRA 044 PAK"}, 2},
        /* a pledge of diplomatic cooperation is its intent (032), made together */
        {"Pakistan and France pledged to restore relations.", {"PAK 032 FRA", "FRA 032 PAK"}, 0},
        /* a participle with its agent after a noun: the noun is acted on */
        {"France demanded the release of Pakistani officials detained by the Taliban.",
         {"FRA 1053 AFGREB", "AFGREB 173 PAKGOV"}, 2},
        /* a place and a time may stand between a verb and its preposition;
         * a country's people protesting at home are its opposition, facing
         * its government */
        {"Pakistanis rallied in Lahore on Monday against the government's plan.", {"PAKOPP 1412 PAKGOV"}, 1},
        /* a protest aimed at no one named: at the protesters' government */
        {"Pakistani protesters protested.", {"PAKOPP 141 PAKGOV"}, 1},
        /* an investigation aimed at no one named: at the country where the
         * acts happened */
        {"France opened an investigation into war crimes in Afghanistan.", {"FRA 094 AFG"}, 1},
        /* the object noun of a pattern as the subject of its passive */
        {"Sanctions were imposed on Pakistan by France.", {"FRA 163 PAK"}, 1},
        /* an adjective of a country before modifiers and goods: the country */
        {"France imposed sanctions on Pakistani electric vehicles.", {"FRA 163 PAK"}, 0},
        /* "along the border" is a place: the subjects sign with each other */
        {"France and Pakistan signed a treaty along the border.", {"FRA 057 PAK", "PAK 057 FRA"}, 0},
        /* a crowd fired on is the civilians of the place */
        {"Pakistani troops opened fire on a crowd near a school in Afghanistan.", {"PAKMIL 175 AFGCVL"}, 0},
        /* a present participle right after an actor tells of that actor */
        {"Pakistani troops attacked American fighters criticizing France.", {"PAKMIL 190 USAREB", "USAREB 111 FRA"}, 2},
        /* a state detains people under its own rule */
        {"Pakistani troops detained dozens of protesters.", {"PAKMIL 173 PAKOPP"}, 0},
        /* "with X mediating" is an aside; an exchange goes both ways */
        {"France and Pakistan exchanged prisoners, with America mediating.", {"FRA 0841 PAK", "PAK 0841 FRA"}, 2},
        /* an attack by a suicide bomber is a suicide bombing */
        {"A suicide bomber attacked Pakistani soldiers.", {"UAF 1831 PAKMIL"}, 0},
        /* "X would pay a heavy price", said: a threat by the speaker */
        {"Pakistani officials said France would pay a heavy price.", {"PAKGOV 130 FRA"}, 0},
        /* a gap ends at the last of a run of words that fit ("fighter jets") */
        {"France sent fighter jets to Pakistan.", {"FRA 072 PAK"}, 0},
        /* an act asked of someone is not done: the appeal is coded */
        {"France urged Pakistan to attack the Taliban.", {"FRA 020 PAK"}, 1},
        /* "was open to": an adjective, no passive */
        {"Pakistan was open to talks with France.", {"PAK 036 FRA"}, 0},
        /* a gap does not reach across a subject pronoun: "claimed they had
         * attacked" is an attack, not "claim _ attack" */
        {"The Taliban claimed they had attacked Pakistani soldiers.", {"AFGREB 190 PAKMIL"}, 0},
        /* a name outside the dictionaries takes the nationality its
         * appositive gives */
        {"France released Imran Ali, a Pakistani serving a sentence in Kabul.", {"FRA 0841 PAK"}, 1},
        /* the next institutions of a list belong to the country of its first */
        {"Pakistani protesters attacked Pakistan's Congress and Supreme Court.", {"PAKOPP 145 PAKLEG", "PAKOPP 145 PAKJUD"}, 2},
        /* a nominal act's agent after "by" is its source */
        {"France criticized the incursion by Pakistani troops into Afghanistan.", {"PAKMIL 190 AFG"}, 0},
        /* a state represses people under its own rule */
        {"France criticized Pakistan's crackdown on protesters.", {"PAK 175 PAKOPP"}, 0},
        /* an act done for the purpose of the one before, with no target of
         * its own, is aimed at that one's */
        {"Pakistan hosted French officials on Monday to sign a treaty.", {"PAK 043 FRAGOV", "PAK 057 FRAGOV"}, 0},
        /* a participle between an article and its noun tells of no act */
        {"France urged Pakistan to release the detained protesters.", {"FRA 020 PAK"}, 1},
        /* a list of adjectives before a weapon: each country's military */
        {"American and French aircraft attacked the Taliban.", {"USAMIL 190 AFGREB", "FRAMIL 190 AFGREB"}, 2},
        /* a bare role inside a noun phrase after a joint act is no party to it */
        {"Pakistan and the Taliban agreed to a ceasefire and the exchange of hostages.",
         {"PAK 0871 AFGREB", "AFGREB 0871 PAK"}, 2},
        /* a verb's object is the subject of its passive, its agent after
         * "by" even past an adverb */
        {"Pakistani protesters were released twice by France.", {"FRA 0841 PAKOPP"}, 1},
        /* a country and its own government are one actor: no event */
        {"Pakistan criticized Imran Khan and France.", {"PAK 111 FRA"}, 1},
        /* a person's followers are not the person: a leader's in office are
         * civilians; a state force storming a building seizes it */
        {"Supporters of Imran Khan attacked Pakistani troops.", {"PAKCVL 145 PAKMIL"}, 1},
        {"Pakistani troops stormed the French embassy.", {"PAKMIL 171 FRAGOV"}, 1},
        /* a warning of war with the speaker's own side: the speaker threatens */
        {"Pakistani officials warned that France would be at war with Pakistan if it attacked.", {"PAKGOV 138 FRA"}, 1},
        /* a participle between an article and the act describes it: a
         * nominal act, with no actor here */
        {"France criticized Pakistan over a planned attack in Afghanistan.", {"FRA 111 PAK"}, 1},
        /* a name joined to a word of leadership or ownership is that actor's */
        {"France seized a Pakistani-owned cargo ship.", {"FRA 1711 PAKBUS"}, 1},
        /* force used on a town the actor dictionaries lack: the country of
         * the town in the gazetteer, as the object or set as a place; on a
         * town of one's own country, on its people; a seat of power stays
         * the government (and a mere criticism is aimed at no place, below) */
        {"Pakistani troops attacked Mazar-e Sharif.", {"PAKMIL 190 AFG"}, 1},
        {"Pakistani troops attacked villages near Mazar-e Sharif.", {"PAKMIL 190 AFG"}, 1},
        {"Pakistani troops bombed targets in Lahore.", {"PAKMIL 195 PAKCVL"}, 1},
        {"Afghanistan's army attacked Lashkar Gah.", {"AFGMIL 190 AFGCVL"}, 1},
        {"Pakistani troops attacked Kabul.", {"PAKMIL 190 AFGGOV"}, 1},
        /* a show of force is aimed at where it sends the forces it moves,
         * never at them (and at no one when it sends them nowhere, below);
         * forces sent onto another country's soil come to its aid */
        {"France deployed 1,000 soldiers and police officers to Pakistan.", {"FRA 074 PAK"}, 1},
        {"France deployed troops to Pakistan's Punjab province.", {"FRA 074 PAK"}, 1},
        {"France deployed troops to Pakistan's border.", {"FRA 150 PAK"}, 1},
        {"France deployed troops toward Pakistan.", {"FRA 150 PAK"}, 1},
        /* the killing of a hundred or more civilians is a mass killing;
         * of fewer, of soldiers, or a running toll, an attack */
        {"Pakistani troops killed about 1,200 civilians in Kandahar.", {"PAKMIL 202 AFGCVL"}, 1},
        {"Pakistani troops killed 12 civilians in Kandahar.", {"PAKMIL 190 AFGCVL"}, 1},
        {"Pakistani troops have killed 1,200 civilians in Kandahar since May.", {"PAKMIL 190 AFGCVL"}, 1},
        {"Pakistani troops killed 1,500 American soldiers.", {"PAKMIL 190 USAMIL"}, 1},
        {"Taliban-led fighters attacked Pakistani troops.", {"AFGREB 190 PAKMIL"}, 1},
        /* gunmen of no known force firing on civilians: unconventional
         * violence; the toll told after an attack is that attack's */
        {"Gunmen opened fire on civilians in Kandahar.", {"UAF 180 AFGCVL"}, 1},
        {"Pakistani troops opened fire on protesters in Lahore, killing 12 people.", {"PAKMIL 175 PAKOPP"}, 1},
        /* a role joined to a member of a country, past that member's noun */
        {"Taliban-led fighters attacked Pakistani army posts and border communities.",
         {"AFGREB 190 PAKMIL", "AFGREB 190 PAKCVL"}, 2},
        /* a judgement of an act named as a noun is aimed at its agent after
         * "by", and the act inside is coded too */
        {"France criticized the killing of civilians in Kandahar by Pakistani troops.",
         {"FRA 111 PAKMIL", "PAKMIL 190 AFGCVL"}, 2},
        {"France criticized the attack on civilians by Pakistani troops.", {"FRA 111 PAKMIL"}, 1},
        /* a state's threat against its own protesters is one of repression;
         * a threat over acts named with their agent is aimed at that agent
         * ("what they called" names, it is no call); "on Tuesday night" is
         * an adjunct inside a pattern */
        {"Pakistani officials threatened Pakistani protesters.", {"PAKGOV 137 PAKOPP"}, 1},
        {"Pakistani officials vowed to respond to what they called attacks by the Taliban.", {"PAKGOV 138 AFGREB"}, 1},
        {"Pakistan vowed on Tuesday night to respond to France.", {"PAK 130 FRA"}, 1},
        {"France criticized what it called Pakistan's aggression.", {"FRA 111 PAK"}, 1},
        /* a speaker who says an actor means to attack accuses it; the
         * attacks aimed at have not happened */
        {"Pakistani officials said the Taliban had a keen interest in attacks on France.", {"PAKGOV 112 AFGREB"}, 1},
        {"Pakistani officials said the Taliban was plotting attacks on France.", {"PAKGOV 112 AFGREB"}, 1},
        /* a reporting word after an article is a noun, not a clause's verb */
        {"France criticized the report on Pakistan.", {"FRA 111 PAK"}, 1},
        /* a judgement in the passive of an act its subject names is aimed
         * at that act's agent, not at its target */
        {"Pakistan's drone strike on the Taliban's camp was criticized by France.", {"PAK 195 AFGREB", "FRA 111 PAK"}, 2},
        /* a country's adjective before its land names the country */
        {"Pakistani troops attacked French territory.", {"PAKMIL 190 FRA"}, 1},
        /* a name set off by commas inside a pattern's words */
        {"France urged Pakistani officials, Imran Ali, to leave.", {"FRA 020 PAKGOV"}, 1},
        /* a relative clause's subject is the noun its pronoun follows */
        {"France released Pakistani protesters who had attacked the Taliban.", {"FRA 0841 PAKOPP", "PAKOPP 145 AFGREB"}, 2},
        {"France attacked the Taliban, who were released by America.", {"FRA 190 AFGREB", "USA 0841 AFGREB"}, 2},
    };
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) {
        code("2021-09-02", all[k].text);
        for (size_t w = 0; w < 3 && all[k].want[w]; w++)
            if (!has(all[k].want[w]))
                STR_EQ(all[k].text, all[k].want[w]); /* fails, naming the sentence and the event */
        if (all[k].n)
            INT_EQ(evc_doc_n_events(doc), all[k].n);
    }
    code("2021-09-02", "Pakistani troops criticized Lahore.");
    INT_EQ(evc_doc_n_events(doc), 0);
    code("2021-09-02", "Pakistan deployed its troops.");
    INT_EQ(evc_doc_n_events(doc), 0);
    /* what would have happened did not */
    code("2021-09-02", "Pakistan would have attacked France.");
    INT_EQ(evc_doc_n_events(doc), 0);
    /* those of someone out of office are the opposition */
    code("2023-09-02", "Arun Dev In's supporters attacked Pakistani troops.");
    STR_EQ(ev(0), "PAKOPP 145 PAKMIL");
    /* an act word before a weapon or vehicle names what that is for */
    code("2021-09-02", "France sent attack helicopters to Pakistan.");
    INT_EQ(evc_doc_n_events(doc), 0);
    /* a country studied is not the nationality of its expert */
    code("2021-09-02", "France released Imran Ali, a Pakistani affairs expert.");
    INT_EQ(evc_doc_n_events(doc), 0);
    /* a state protesting names its target; a protest after a preposition
     * and a hyphened adjective is a noun, no act of the subject */
    code("2021-09-02", "France protested.");
    INT_EQ(evc_doc_n_events(doc), 0);
    code("2021-09-02", "Pakistanis gathered to deal with anti-government protests.");
    OK(!has("PAKOPP 141 PAKGOV"));
    code("2021-09-02", "Jen Psaki said that the Taliban were not responsible for the attack.");
    INT_EQ(evc_doc_n_events(doc), 0);
    /* nor is an act that reports the source denies tell of */
    code("2021-09-02", "France denied reports that its troops had attacked Pakistan.");
    OK(!has("FRAMIL 190 PAK"));
    /* only the first act after "denied that" is denied */
    code("2021-09-02", "France denied that it attacked Pakistan and criticized the Taliban.");
    OK(has("FRA 111 AFGREB"));
    /* "by" with no actor after it makes no passive */
    code("2021-09-02", "Pakistan and France fought by night.");
    OK(has("PAK 190 FRA") && has("FRA 190 PAK"));
    /* a host receives a guest: the guest visits the host's country */
    code("2021-09-02", "Pakistani officials hosted an American delegation.");
    OK(has("PAKGOV 043 USAGOV") && has("USAGOV 042 PAK"));
    /* ... but no seizure of weapons is an occupation */
    code("2021-09-02", "Pakistani troops seized American weapons.");
    OK(!has("PAKMIL 192 USAMIL"));

    /* a nominal act after an article and a word outside the dictionaries;
     * its light verb negated, nothing happened */
    code("2021-09-02", "France joined the Western sanctions against Pakistan.");
    STR_EQ(ev(0), "FRA 163 PAK");
    code("2021-09-02", "France has not joined the Western sanctions against Pakistan.");
    INT_EQ(evc_doc_n_events(doc), 0);
    /* an act named after "and" where the words of the act just coded end is
     * more of its object */
    code("2021-09-02", "France suspended aid and budget support to Pakistan.");
    STR_EQ(ev(0), "FRA 1621 PAK");
    INT_EQ(evc_doc_n_events(doc), 1);
    code("2021-09-02", "France gave budget support to Pakistan.");
    STR_EQ(ev(0), "FRA 071 PAK");
    /* a yes-no question tells of no act */
    code("2021-09-02", "Will the Taliban attack Pakistan?");
    INT_EQ(evc_doc_n_events(doc), 0);
    code("2021-09-02", "Why did the Taliban attack Pakistan?");
    INT_EQ(evc_doc_n_events(doc), 1);

    /* a sea named after a country is nobody's territory */
    code("2021-09-02", "France seized a tanker in the Gulf of Pakistan.");
    INT_EQ(evc_doc_n_events(doc), 0);
    code("2021-09-02", "France seized a tanker in Pakistan.");
    STR_EQ(ev(0), "FRA 1711 PAK");
    /* ... and a ship there is property, not territory */
    code("2021-09-02", "France seized a cargo ship in Pakistan.");
    STR_EQ(ev(0), "FRA 1711 PAKBUS");
    /* a bare surname: of a person in office or out of it for at most four
     * years, never a function word (the "In" of "Arun Dev In") */
    code("2027-01-01", "Blinken criticized France.");
    STR_EQ(ev(0), "USAELI 111 FRA");
    code("2030-01-01", "Blinken criticized France.");
    INT_EQ(evc_doc_n_events(doc), 0);
    code("2023-01-01", "In a speech, France criticized Pakistan.");
    STR_EQ(ev(0), "FRA 111 PAK");
    /* ... of an office: an opposition leader's surname alone names too many */
    code("2023-01-01", "Dorvale criticized France.");
    INT_EQ(evc_doc_n_events(doc), 0);
    code("2023-01-01", "Amina Dorvale criticized France. Dorvale also criticized America.");
    OK(has("PAKOPP 111 FRA") && has("PAKOPP 111 USA"));

    teardown();
    DONE();
}
