/*
 * Places: the gazetteer (data/places.tsv, GeoNames data; see data/README.md)
 * compiled into flat tables, and the place where the events of a sentence
 * happened.
 *
 * Every name of a place (its name, ASCII form and alternates) is a sequence
 * of token hashes. `place_index` maps the chained hash of a whole name, and of
 * each proper prefix of one (h1, mix(h1, h2), ...), to
 *     start << 32 | count << 1 | longer
 * where [start, start + count) is the run of `place_ids` holding the places
 * of that name (sorted by kind: country, capital, city, region; then by
 * population, largest first) and `longer` says that some longer name begins
 * with these words. Matching at a token is one probe, plus one per further
 * word of a longer name: never a scan of the table.
 *
 * A name matches only written with a capital; a place counts for an event
 * only where the text sets it as a place: after "in", "at", "near",
 * "outside", "north of", "the city of" ..., before "airport", "province" ...,
 * or beside another such place ("in Kandahar, Afghanistan", "Kabul and
 * Herat"). Ambiguous names are resolved by the words around them ("X
 * province" is the region, "Paris, Texas" the Paris of Texas), then by the
 * countries the article names, then by kind and population. A name that is a
 * country's is always the country.
 */
#ifndef EVC_PLACES_H
#define EVC_PLACES_H
#include "doc.h"
#include "dictload.h"

/* The place where events happened, as the writers print it. Strings belong
 * to the context or the document; lat and lon are NaN when unknown. */
typedef struct evc_where {
    const char *name, *country;
    double lat, lon;
    int how;                /* 1 named in the sentence, 2 the article's focus */
} evc_where;

/* loading (dict.c): one line of a places file; then, once every file is read,
 * the tables of the context */
evc_status evc_places_line(evc_loader *L, char *s, size_t n, evc_arena *tmp);
evc_status evc_places_build(evc_loader *L, evc_arena *tmp);
void evc_places_free(evc_ctx *ctx);

/* The country of a code (its first three letters), or NULL. */
const evc_place *evc_place_country(const evc_ctx *ctx, const char *code);
/* The capital of that country (the most populous when it has two), or NULL. */
const evc_place *evc_place_capital(const evc_ctx *ctx, const char *code);
/* The name of place p. */
static inline const char *evc_place_name(const evc_ctx *c, const evc_place *p) { return c->place_text + p->name; }

/* Where the events of sentence s happened: the place the sentence names,
 * else the article's focus (doc->focus_code). Fills *out and returns 1, or
 * returns 0 when neither is known. The sentence's own place is found once and
 * kept in the document; before the focus is set, only that place is returned. */
int evc_place_of_sentence(evc_doc *d, size_t s, evc_where *out);
/* The gazetteer place that an act told at tokens [from, to) of sentence s
 * is aimed at, when the act names no actor as its target: the first place
 * after the verb, as its object ("shelled Kramatorsk") or set as a place
 * ("villages near Kramatorsk", "gas on Douma"). Fills *out and returns 1, or
 * returns 0 (also when an actor's name comes first). */
int evc_place_aimed(evc_doc *d, size_t s, size_t from, size_t to, evc_where *out);
/* Are tokens [t0, t1) the name of a town or region of the gazetteer, and of
 * no country ("Aleppo", not "Syria")? */
int evc_place_town(const evc_doc *d, size_t t0, size_t t1);
#endif
