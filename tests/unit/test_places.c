#define _XOPEN_SOURCE 700
/* Places: the gazetteer (fixtures/places.tsv) and the place of each event:
 * cues, ambiguous names, countries never towns, longer proper names, the
 * article's focus, coordinates, malformed lines, the compiled cache, and
 * coding without a gazetteer. */
#include "doc_helpers.h"
#include "file_helpers.h"
#include "places.h"
#include <math.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

/* "NAME COUNTRY" of the first event's place, or "-" */
static const char *place(const char *text)
{
    static char buf[256];
    if (code("2021-09-02", text) != EVC_OK)
        return "(error)";
    const evc_event *e = evc_doc_event(doc, 0);
    if (!e)
        return "(no event)";
    snprintf(buf, sizeof buf, "%s %s", e->location_name ? e->location_name : "-",
             e->location_country ? e->location_country : "-");
    return buf;
}

static int near(double a, double b) { return fabs(a - b) < 1e-4; }

/* A dictionary directory like the fixtures, with `places` as its gazetteer
 * (none when NULL). */
static void make_dict(const char *dir, const char *places)
{
    static const char *const FILES[] = {"cameo.txt", "en/countries.txt", "en/actors.txt", "en/agents.txt",
                                        "en/verbs.txt", "en/lemmas.txt"};
    char path[512], from[512];
    snprintf(path, sizeof path, "%s/en", dir);
    mkdir(dir, 0755);
    mkdir(path, 0755);
    for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++) {
        snprintf(from, sizeof from, "%s/%s", EVC_FIXTURES, FILES[i]);
        snprintf(path, sizeof path, "%s/%s", dir, FILES[i]);
        copy_file(from, path);
    }
    if (places) {
        snprintf(path, sizeof path, "%s/places.tsv", dir);
        put_file(path, places, "wb");
    }
}

static int n_errors;
static char first_error[512];
static void on_error(void *user, const evc_error *err)
{
    (void)user;
    if (!n_errors++)
        snprintf(first_error, sizeof first_error, "%zu: %s", err->line, err->msg);
}

static void cues_and_kinds(void)
{
    /* a place after "in", "near", "the city of"; its coordinates */
    STR_EQ(place("The Taliban attacked Pakistani troops in Kandahar."), "Kandahar AFG");
    const evc_event *e = evc_doc_event(doc, 0);
    OK(e && near(e->lat, 31.6133) && near(e->lon, 65.7101));
    STR_EQ(place("The Taliban attacked Pakistani troops near Lashkar Gah."), "Lashkar Gah AFG");
    STR_EQ(place("The Taliban attacked Pakistani troops in the southern city of Lashkar Gah."), "Lashkar Gah AFG");
    /* ASCII spelling, the gazetteer's name */
    STR_EQ(place("The Taliban attacked Pakistani troops outside Mazar-e Sharif."), "Mazār-e Sharīf AFG");
    /* a region by its short name and its word; the city by its name alone */
    STR_EQ(place("The Taliban attacked Pakistani troops in Helmand province."), "Helmand Province AFG");
    STR_EQ(place("The Taliban attacked Pakistani troops in the province of Kabul."), "Kabul AFG");
    e = evc_doc_event(doc, 0);
    OK(e && near(e->lat, 34.5879)); /* the region */
    STR_EQ(place("The Taliban attacked Pakistani troops in Kabul."), "Kabul AFG");
    e = evc_doc_event(doc, 0);
    OK(e && near(e->lat, 34.5281)); /* the capital */
    /* a town the actor dictionaries code as its country is still that town */
    STR_EQ(place("The Taliban attacked Pakistani troops in Lashkar Gah."), "Lashkar Gah AFG");
    STR_EQ(place("The Taliban attacked Pakistani troops through Lashkar Gah."), "Lashkar Gah AFG");
    /* the most specific place wins; a city's facility sets it as a place */
    STR_EQ(place("The Taliban attacked Pakistani troops in Kandahar, Afghanistan."), "Kandahar AFG");
    STR_EQ(place("The Taliban attacked Pakistani troops guarding Kandahar airport."), "Kandahar AFG");
    /* named, but not set as a place: no place, and no focus to fall back on */
    STR_EQ(place("The Taliban attacked Pakistani troops. Kandahar is quiet."), "- -");
}

static void ambiguity(void)
{
    /* the words around the name: "Paris, Texas", "Springfield, Illinois" */
    STR_EQ(place("The Taliban attacked American troops in Paris."), "Paris FRA");
    STR_EQ(place("The Taliban attacked American troops in Paris, Texas."), "Paris USA");
    STR_EQ(place("The Taliban attacked American troops in Springfield."), "Springfield USA");
    const evc_event *e = evc_doc_event(doc, 0);
    OK(e && near(e->lat, 37.2153)); /* the larger, in Missouri */
    STR_EQ(place("The Taliban attacked American troops in Springfield, Illinois."), "Springfield USA");
    e = evc_doc_event(doc, 0);
    OK(e && near(e->lat, 39.8017));
    /* the countries of the article, then the population */
    STR_EQ(place("The Taliban attacked American troops in Punjab."), "Punjab IND");
    STR_EQ(place("The Taliban attacked Pakistani troops in Punjab."), "Punjab PAK");
    /* a capital by an alternate name */
    STR_EQ(place("The Taliban attacked American troops in Washington."), "Washington D.C. USA");
    /* a country's name is the country, never a town or a region ... */
    STR_EQ(place("The Taliban attacked American troops in Georgia."), "Georgia GEO");
    /* ... but a city's place may name the region ("Atlanta, Georgia") */
    STR_EQ(place("The Taliban attacked American troops in Atlanta, Georgia."), "Atlanta USA");
}

static void not_places(void)
{
    /* part of a longer proper name; a month */
    STR_EQ(place("The Taliban attacked Pakistani troops in Independence Square."), "- -");
    STR_EQ(place("The Taliban attacked Pakistani troops in March."), "- -");
    /* a sea, not the region named after it */
    STR_EQ(place("The Taliban attacked Pakistani troops in the Arabian Sea."), "- -");
    /* of two places set alike, the one in a country the article names */
    STR_EQ(place("Afghanistan said the Taliban attacked Pakistani troops at Lido beach in Kandahar."), "Kandahar AFG");
    /* the focus: the country the article names most, with its coordinates */
    STR_EQ(place("The Taliban attacked Pakistani troops. Afghanistan and Pakistan talked. Afghanistan waited."),
           "Afghanistan AFG");
    const evc_event *e = evc_doc_event(doc, 0);
    OK(e && near(e->lat, 34.8216) && near(e->lon, 67.8273));
    /* ... where the places the sentences name count more than countries
     * named as actors ("Pakistani officials") */
    STR_EQ(place("The Taliban attacked Pakistani troops. Pakistani officials met in Kandahar. Talks went on in "
                 "Kabul."),
           "Afghanistan AFG");
}

static void article_context(void)
{
    /* "the airport": the one an earlier sentence named */
    STR_EQ(place("Kandahar airport reopened. The Taliban attacked Pakistani troops at the airport."), "Kandahar AFG");
    STR_EQ(place("The Taliban attacked Pakistani troops at the airport."), "- -");
    /* an attack on a country, with no place named, happens in that country;
     * not so an attack on its forces, who may be anywhere */
    STR_EQ(place("The Taliban attacked Pakistan."), "Pakistan PAK");
    STR_EQ(place("The Taliban attacked Pakistani troops."), "- -");
    STR_EQ(place("The Taliban attacked Pakistan in Kandahar."), "Kandahar AFG");
}

static void tables(void)
{
    evc_dict_stats st;
    evc_ctx_stats(ctx, &st);
    INT_EQ(st.places, 33);
    const evc_place *c = evc_place_country(ctx, "AFGREB");
    OK(c && !strcmp(evc_place_name(ctx, c), "Afghanistan") && c->kind == EVC_PL_COUNTRY);
    const evc_place *k = evc_place_capital(ctx, "AFG");
    OK(k && !strcmp(evc_place_name(ctx, k), "Kabul") && k->kind == EVC_PL_CAPITAL);
    /* cities know their region, regions their country */
    OK(k && k->parent != EVC_NO_PLACE && ctx->places[k->parent].kind == EVC_PL_REGION);
    OK(k && k->parent != EVC_NO_PLACE && ctx->places[ctx->places[k->parent].parent].kind == EVC_PL_COUNTRY);
    OK(evc_place_country(ctx, "XYZ") == NULL);
}

static void malformed(const char *work)
{
    char dir[400];
    snprintf(dir, sizeof dir, "%s/bad", work);
    make_dict(dir, "# comment\n"
                   "country\tAFG\t1\t34.5\t69.1\tAfghanistan\n"
                   "town\tAFG\t1\t34.5\t69.1\tKabul\n"
                   "city\tAF\t1\t34.5\t69.1\tKabul\n"
                   "city\tAFG\tmany\t34.5\t69.1\tKabul\n"
                   "city\tAFG\t1\t134.5\t69.1\tKabul\n"
                   "city\tAFG\t1\t34.5\t69.1\n"
                   "city\tAFG\t1\t34.5\t69.1\tKabul\n");
    evc_dict_stats st;
    n_errors = 0;
    INT_EQ(evc_dict_check(dir, on_error, NULL, &st), EVC_ERR_DICT);
    INT_EQ(n_errors, 5);
    STR_EQ(first_error, "3: unknown kind (country, capital, city or region)");
    INT_EQ(st.places, 2);
}

/* The same places, compiled and mapped from the cache. */
static void cached(const char *work)
{
    char cache[400];
    snprintf(cache, sizeof cache, "%s/cache", work);
    const char *text = "The Taliban attacked American troops in Springfield, Illinois.";
    for (int round = 0; round < 2; round++) {
        evc_doc_free(doc);
        evc_ctx_free(ctx);
        evc_options o;
        evc_options_default(&o);
        o.dict_dir = EVC_FIXTURES;
        o.cache_dir = cache;
        INT_EQ(evc_ctx_new(&o, &ctx, NULL), EVC_OK);
        doc = evc_doc_new(ctx);
        evc_dict_stats st;
        evc_ctx_stats(ctx, &st);
        INT_EQ(st.cache, round ? 1 : 2);
        INT_EQ(st.places, 33);
        STR_EQ(place(text), "Springfield USA");
        const evc_event *e = evc_doc_event(doc, 0);
        OK(e && near(e->lat, 39.8017) && near(e->lon, -89.6437));
    }
}

/* Without a gazetteer, places come from the actor dictionaries, without
 * coordinates. */
static void without(const char *work)
{
    char dir[400];
    snprintf(dir, sizeof dir, "%s/none", work);
    make_dict(dir, NULL);
    evc_doc_free(doc);
    evc_ctx_free(ctx);
    evc_options o;
    evc_options_default(&o);
    o.dict_dir = dir;
    INT_EQ(evc_ctx_new(&o, &ctx, NULL), EVC_OK);
    doc = evc_doc_new(ctx);
    STR_EQ(place("The Taliban attacked Pakistani troops in Kabul."), "Kabul AFG");
    const evc_event *e = evc_doc_event(doc, 0);
    OK(e && isnan(e->lat) && isnan(e->lon));
    STR_EQ(place("The Taliban attacked Pakistani troops in Kandahar."), "- -");
}

int main(void)
{
    if (setup()) {
        fprintf(stderr, "cannot load the fixture dictionary\n");
        return 1;
    }
    char work[] = "/tmp/evc-places-test-XXXXXX";
    if (!mkdtemp(work)) {
        perror("mkdtemp");
        return 1;
    }
    cues_and_kinds();
    ambiguity();
    not_places();
    article_context();
    tables();
    malformed(work);
    cached(work);
    without(work);
    teardown();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s", work);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", work);
    DONE();
}
