/*
 * Places: the gazetteer (data/places.tsv, GeoNames data; see data/README.md)
 * compiled into flat tables.
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

 */
#ifndef EVC_PLACES_H
#define EVC_PLACES_H
#include "doc.h"
#include "dictload.h"

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

#endif
