/*
 * gen_places: writes evcode's gazetteer, data/places.tsv, from the GeoNames
 * cities that Debian's libgeonames ships (package libgeonames-common: the
 * 24,361 places of GeoNames' cities15000 dump with their English name,
 * first-level administrative region, country, coordinates and population;
 * GeoNames data, CC-BY 4.0).
 *
 * Usage: see tools/gen_places.sh, which builds and runs it:
 *     gen_places ISO_JSON COUNTRIES_EXTRA SOURCE_NOTE > data/places.tsv
 *
 * This program links libgeonames (GPL-3). evcode never does: the program is
 * not part of the build or of CI; only its output is committed.
 *
 * What it writes (data/README.md documents the format):
 * - every city of the dump, its name as GeoNames gives it in English;
 * - every region (first-level division) that holds one of them, and every
 *   country; the dump gives these only as the names of a city's region and
 *   country, with no coordinates of their own, so their point is the medoid
 *   of their cities (the city with the least total distance to the others: a
 *   central point that always lies inside the region or country) and their
 *   population is the sum of their cities';
 * - country codes as evcode's CAMEO codes: ISO 3166-1 alpha-2 to alpha-3
 *   through Debian's iso-codes, then the `code` lines of
 *   tools/countries_extra.txt (ROU -> ROM, TLS -> TMP); GeoNames' XK is
 *   Kosovo, KSV;
 * - alternate names: an ASCII form (its own column), the region names
 *   without their generic word ("Helmand Province" -> "Helmand", "State of
 *   Uttar Pradesh" -> "Uttar Pradesh"), "St." and "St" for "Saint", both
 *   halves of "A / B", a name without its parenthesised or comma part when no
 *   other city of the country starts with it; for countries the ISO names;
 *   for capitals (kind `capital`) the variants listed on the `capital` lines
 *   of tools/countries_extra.txt ("Kiev", "Peking", "Washington").
 *
 * The output is sorted (country code, kind, name) and depends only on the
 * inputs.
 */
#include <geonames.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { K_COUNTRY, K_REGION, K_CAPITAL, K_CITY };
static const char *const KIND_NAMES[] = {"country", "region", "capital", "city"};

typedef struct place {
    int kind;
    char code[4];
    char *name, *region;    /* region: a city's region name, else NULL */
    double lat, lon;
    unsigned long pop;
    GPtrArray *alts;        /* char * */
    GPtrArray *members;     /* regions and countries: their cities (place *) */
} place;

static void die(const char *msg, const char *arg)
{
    fprintf(stderr, "gen_places: %s%s\n", msg, arg ? arg : "");
    exit(1);
}

static place *place_new(int kind, const char *code, const char *name)
{
    place *p = g_new0(place, 1);
    p->kind = kind;
    g_strlcpy(p->code, code, sizeof p->code);
    p->name = g_strdup(name);
    p->alts = g_ptr_array_new();
    return p;
}

/* ---- ASCII forms and alternate names ---- */

/* Letters that g_str_to_ascii does not reduce (as tools/gen_countries.py). */
static const char *const TRANSLIT[][2] = {
    {"ø", "o"}, {"Ø", "O"}, {"æ", "ae"}, {"Æ", "AE"}, {"œ", "oe"}, {"Œ", "OE"}, {"ß", "ss"},
    {"ł", "l"}, {"Ł", "L"}, {"đ", "d"}, {"Đ", "D"}, {"Ð", "D"}, {"ı", "i"}, {"ʻ", "'"},
    {"ʼ", "'"}, {"’", "'"}, {"‘", "'"}, {"ʿ", "'"}, {"ʾ", "'"},
};

/* The ASCII form of s (g_free it), or NULL when some letter has none. */
static char *ascii_of(const char *s)
{
    GString *pre = g_string_new(NULL);
    for (const char *p = s; *p;) {
        size_t k = 0, n = sizeof TRANSLIT / sizeof TRANSLIT[0];
        while (k < n && strncmp(p, TRANSLIT[k][0], strlen(TRANSLIT[k][0])) != 0)
            k++;
        if (k < n) {
            g_string_append(pre, TRANSLIT[k][1]);
            p += strlen(TRANSLIT[k][0]);
        } else {
            g_string_append_c(pre, *p++);
        }
    }
    char *a = g_str_to_ascii(pre->str, "C");
    g_string_free(pre, TRUE);
    if (strchr(a, '?') || !*a) {
        g_free(a);
        return NULL;
    }
    return a;
}

static int has_alt(const place *p, const char *s)
{
    if (!strcmp(p->name, s))
        return 1;
    for (guint i = 0; i < p->alts->len; i++)
        if (!strcmp(g_ptr_array_index(p->alts, i), s))
            return 1;
    return 0;
}

/* Adds s, its ASCII form, and "St."/"St" forms of "Saint ..." names. */
static void add_alt(place *p, const char *s)
{
    if (!*s || strpbrk(s, "\t\n|"))
        return;
    if (!has_alt(p, s))
        g_ptr_array_add(p->alts, g_strdup(s));
    char *a = ascii_of(s);
    if (a && !has_alt(p, a))
        g_ptr_array_add(p->alts, g_strdup(a));
    if (a && !strncmp(a, "Saint ", 6)) {
        char *st1 = g_strconcat("St. ", a + 6, NULL), *st2 = g_strconcat("St ", a + 6, NULL);
        add_alt(p, st1);
        add_alt(p, st2);
        g_free(st1);
        g_free(st2);
    }
    g_free(a);
}

/* Words that say only where in a country a region lies: never a name alone. */
static int generic_word(const char *s)
{
    static const char *const W[] = {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
                                    "Central", "Centre", "Center", "Capital", "Upper", "Lower", "Greater", "Middle",
                                    "Coast", "Coastal", "Islands", "Island", "Northeast", "Northwest", "Southeast",
                                    "Southwest", "North East", "North West", "South East", "South West", NULL};
    char *t = g_strdelimit(g_strdup(s), "-", ' '); /* "North-West" */
    int hit = 0;
    for (int i = 0; W[i] && !hit; i++)
        hit = !g_ascii_strcasecmp(t, W[i]);
    g_free(t);
    return hit;
}

static int has_letters(const char *s)
{
    int n = 0, lower = 0;
    for (; *s; s++) {
        n += g_ascii_isalpha(*s) || (unsigned char)*s >= 0x80;
        lower += g_ascii_islower(*s) || (unsigned char)*s >= 0x80;
    }
    return n >= 3 && lower > 0; /* "VIII", "1": no */
}

/* "Helmand Province" -> "Helmand", "State of Uttar Pradesh" -> "Uttar Pradesh". */
static void add_region_alts(place *p)
{
    static const char *const PREFIX[] = {"State of ", "Canton of ", "Province of ", "City of ", "Region of ",
                                         "Republic of ", "Municipality of ", "Departamento de ", "Departamento del ",
                                         "Estado de ", "Estado do ", "Estado ", "Provincia de ", "Provincia di ",
                                         "Región de ", "Canton ", "Region ", NULL};
    static const char *const SUFFIX[] = {" Province", " Region", " Governorate", " Oblast", " County", " District",
                                         " Department", " Prefecture", " Municipality", " kraj", " Voivodeship",
                                         " Voivodship", " Division", " Emirate", " Territory", " State", " Republic",
                                         " Krai", " Kray", " Okrug", " Autonomous Region", " Autonomous Okrug",
                                         " Autonomous Oblast", " Autonomous Community", " Capital District",
                                         " Special Capital Region", " Governorate", " Parish", " Canton", NULL};
    char *s = g_strdup(p->name);
    int changed = 1;
    while (changed) {
        changed = 0;
        for (int i = 0; PREFIX[i]; i++)
            if (g_str_has_prefix(s, PREFIX[i]) && strlen(s) > strlen(PREFIX[i])) {
                memmove(s, s + strlen(PREFIX[i]), strlen(s) - strlen(PREFIX[i]) + 1);
                changed = 1;
            }
        for (int i = 0; SUFFIX[i]; i++)
            if (g_str_has_suffix(s, SUFFIX[i]) && strlen(s) > strlen(SUFFIX[i])) {
                s[strlen(s) - strlen(SUFFIX[i])] = 0;
                changed = 1;
            }
    }
    if (strcmp(s, p->name) != 0 && has_letters(s) && !generic_word(s))
        add_alt(p, s);
    g_free(s);
}

/* ---- inputs: iso-codes and countries_extra.txt ---- */

typedef struct country_info {
    char a2[3], a3[4];
    char *name, *common;
} country_info;

static GHashTable *iso_by_a2;   /* alpha-2 -> country_info */
static GHashTable *cameo_code;  /* ISO alpha-3 -> CAMEO code (`code` lines) */
static GHashTable *capitals;    /* CAMEO/ISO code -> GPtrArray of names */

static char *read_all(const char *path)
{
    char *buf;
    if (!g_file_get_contents(path, &buf, NULL, NULL))
        die("cannot read ", path);
    return buf;
}

/* The string value of "key" inside the JSON object text [s, e), or NULL. */
static char *json_field(const char *s, const char *e, const char *key)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *p = g_strstr_len(s, e - s, pat);
    if (!p)
        return NULL;
    p += strlen(pat);
    while (p < e && *p == ' ')
        p++;
    if (p >= e || *p != '"')
        return NULL;
    GString *v = g_string_new(NULL);
    for (p++; p < e && *p != '"'; p++) {
        if (*p == '\\') /* iso-codes writes UTF-8 and escapes only quotes and backslashes */
            p++;
        g_string_append_c(v, *p);
    }
    return g_string_free(v, FALSE);
}

static void load_iso(const char *path)
{
    char *buf = read_all(path);
    iso_by_a2 = g_hash_table_new(g_str_hash, g_str_equal);
    const char *s = strstr(buf, "\"3166-1\"");
    if (!s)
        die("no 3166-1 list in ", path);
    while ((s = strchr(s, '{'))) {
        const char *e = strchr(s, '}');
        if (!e)
            break;
        char *a2 = json_field(s, e, "alpha_2"), *a3 = json_field(s, e, "alpha_3");
        if (!a2 || !a3 || strlen(a2) != 2 || strlen(a3) != 3)
            die("malformed entry in ", path);
        country_info *c = g_new0(country_info, 1);
        memcpy(c->a2, a2, 3);
        memcpy(c->a3, a3, 4);
        c->name = json_field(s, e, "name");
        c->common = json_field(s, e, "common_name");
        g_hash_table_insert(iso_by_a2, c->a2, c);
        g_free(a2);
        g_free(a3);
        s = e + 1;
    }
    g_free(buf);
}

static void load_extra(const char *path)
{
    char *buf = read_all(path);
    cameo_code = g_hash_table_new(g_str_hash, g_str_equal);
    capitals = g_hash_table_new(g_str_hash, g_str_equal);
    char **lines = g_strsplit(buf, "\n", -1);
    for (char **l = lines; *l; l++) {
        char *hash = strstr(*l, " #");
        if (hash)
            *hash = 0;
        g_strstrip(*l);
        char a[16], b[16];
        if (sscanf(*l, "code %15s %15s", a, b) == 2) {
            g_hash_table_insert(cameo_code, g_strdup(a), g_strdup(b));
        } else if (g_str_has_prefix(*l, "capital ")) {
            char *colon = strchr(*l, ':');
            if (!colon)
                die("malformed capital line: ", *l);
            *colon = 0;
            char *key = g_strstrip(g_strdup(*l + 8));
            GPtrArray *names = g_ptr_array_new();
            char **parts = g_strsplit(colon + 1, "|", -1);
            for (char **p = parts; *p; p++)
                if (*g_strstrip(*p))
                    g_ptr_array_add(names, g_strdup(*p));
            g_strfreev(parts);
            g_hash_table_insert(capitals, key, names);
        }
    }
    g_strfreev(lines);
    g_free(buf);
}

/* The CAMEO country code of an ISO alpha-2 code. */
static const char *code_of(const char *a2)
{
    if (!strcmp(a2, "XK")) /* GeoNames' user-assigned code for Kosovo */
        return "KSV";
    country_info *c = g_hash_table_lookup(iso_by_a2, a2);
    if (!c)
        die("country code not in iso-codes: ", a2);
    const char *cameo = g_hash_table_lookup(cameo_code, c->a3);
    return cameo ? cameo : c->a3;
}

/* ---- the places ---- */

static GPtrArray *all;            /* every place */
static GHashTable *countries;     /* code -> place */
static GHashTable *regions;       /* "CODE\tregion" -> place */

static double dist(const place *a, const place *b)
{
    /* great-circle distance (haversine), in radians */
    double r = G_PI / 180, p1 = a->lat * r, p2 = b->lat * r;
    double dp = p2 - p1, dl = (b->lon - a->lon) * r;
    double h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
    return 2 * asin(sqrt(h < 1 ? h : 1));
}

/* Point and population of a region or country from its cities. O(n^2). */
static void medoid(place *area)
{
    GPtrArray *m = area->members;
    double best = INFINITY;
    for (guint i = 0; i < m->len; i++) {
        const place *c = g_ptr_array_index(m, i);
        double sum = 0;
        for (guint j = 0; j < m->len && sum < best; j++)
            sum += dist(c, g_ptr_array_index(m, j));
        if (sum < best || (sum == best && strcmp(c->name, area->name) < 0)) {
            best = sum;
            area->lat = c->lat;
            area->lon = c->lon;
        }
        area->pop += c->pop;
    }
}

static place *area_of(GHashTable *t, const char *key, int kind, const char *code, const char *name)
{
    place *p = g_hash_table_lookup(t, key);
    if (!p) {
        p = place_new(kind, code, name);
        p->members = g_ptr_array_new();
        g_hash_table_insert(t, g_strdup(key), p);
        g_ptr_array_add(all, p);
    }
    return p;
}

/* Part of a city name usable alone: "Frankfurt (Oder)" -> "Frankfurt",
 * "Burgdorf, Hanover" -> "Burgdorf"; "A / B" gives A and B. */
static void add_city_alts(place *c, GHashTable *prefixes)
{
    char *s = g_strdup(c->name), *cut = strpbrk(s, "(,");
    if (cut) {
        *cut = 0;
        g_strstrip(s);
        char *key = g_strconcat(c->code, "\t", s, " ", NULL);
        /* "Frankfurt" alone means Frankfurt am Main, not Frankfurt (Oder) */
        if (has_letters(s) && GPOINTER_TO_INT(g_hash_table_lookup(prefixes, key)) <= 1)
            add_alt(c, s);
        g_free(key);
    }
    g_free(s);
    if (strchr(c->name, '/') && !strchr(c->name, '(')) {
        char **parts = g_strsplit(c->name, "/", -1);
        for (char **p = parts; *p; p++)
            if (has_letters(g_strstrip(*p)))
                add_alt(c, *p);
        g_strfreev(parts);
    }
}

/* Marks the capitals of tools/countries_extra.txt and gives them its variants. */
static void mark_capitals(GHashTable *by_code)
{
    GHashTableIter it;
    gpointer key, val;
    g_hash_table_iter_init(&it, capitals);
    while (g_hash_table_iter_next(&it, &key, &val)) {
        const char *cameo = g_hash_table_lookup(cameo_code, key);
        GPtrArray *cities = g_hash_table_lookup(by_code, cameo ? cameo : key), *names = val;
        if (!cities)
            continue;
        place *first = NULL;
        GPtrArray *unmatched = g_ptr_array_new();
        for (guint n = 0; n < names->len; n++) {
            const char *want = g_ptr_array_index(names, n);
            /* a name two cities of the country share is no capital's name
             * ("Washington", Illinois and Utah: the capital is "Washington D.C.") */
            place *best = NULL;
            int found = 0;
            for (guint i = 0; i < cities->len; i++) {
                place *c = g_ptr_array_index(cities, i);
                if (!strcmp(c->name, want)) {
                    best = c;
                    found++;
                }
            }
            if (found == 1) {
                best->kind = K_CAPITAL;
                if (!first)
                    first = best;
            } else {
                g_ptr_array_add(unmatched, (gpointer)want);
            }
        }
        /* "Washington" -> "Washington D.C."; "Kiev" -> the first capital found */
        for (guint n = 0; n < unmatched->len; n++) {
            const char *want = g_ptr_array_index(unmatched, n);
            place *to = first;
            for (guint i = 0; !first && i < cities->len; i++) {
                place *c = g_ptr_array_index(cities, i);
                if (g_str_has_prefix(c->name, want) && c->name[strlen(want)] == ' ' && (!to || c->pop > to->pop))
                    to = c;
            }
            if (to) {
                to->kind = K_CAPITAL;
                first = to;
                add_alt(to, want);
            }
        }
        g_ptr_array_free(unmatched, TRUE);
    }
}

static void read_cities(void)
{
    GHashTable *by_code = g_hash_table_new(g_str_hash, g_str_equal);     /* code -> GPtrArray of cities */
    GHashTable *prefixes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GPtrArray *cities = g_ptr_array_new();
    int n = geonames_get_n_cities();
    if (n < 20000)
        die("libgeonames holds too few cities", NULL);
    for (int i = 0; i < n; i++) {
        GeonamesCity *g = geonames_get_city(i);
        const char *code = code_of(geonames_city_get_country_code(g));
        place *c = place_new(K_CITY, code, geonames_city_get_name(g));
        const char *region = geonames_city_get_state(g), *country = geonames_city_get_country(g);
        c->region = region && *region ? g_strdup(region) : NULL;
        c->lat = geonames_city_get_latitude(g);
        c->lon = geonames_city_get_longitude(g);
        c->pop = geonames_city_get_population(g);
        place *ct = area_of(countries, code, K_COUNTRY, code, country);
        g_ptr_array_add(ct->members, c);
        if (c->region) {
            char *key = g_strconcat(code, "\t", c->region, NULL);
            g_ptr_array_add(area_of(regions, key, K_REGION, code, c->region)->members, c);
            g_free(key);
        }
        GPtrArray *same = g_hash_table_lookup(by_code, ct->code);
        if (!same)
            g_hash_table_insert(by_code, ct->code, same = g_ptr_array_new());
        g_ptr_array_add(same, c);
        /* every "CODE\tfirst words " of a name, for add_city_alts */
        for (const char *sp = strchr(c->name, ' '); sp; sp = strchr(sp + 1, ' ')) {
            char *key = g_strconcat(code, "\t", NULL), *full = g_strndup(c->name, (gsize)(sp - c->name) + 1);
            char *k2 = g_strconcat(key, full, NULL);
            g_hash_table_insert(prefixes, k2, GINT_TO_POINTER(GPOINTER_TO_INT(g_hash_table_lookup(prefixes, k2)) + 1));
            g_free(key);
            g_free(full);
        }
        g_ptr_array_add(cities, c);
        g_ptr_array_add(all, c);
        geonames_city_free(g);
    }
    for (guint i = 0; i < cities->len; i++)
        add_city_alts(g_ptr_array_index(cities, i), prefixes);
    mark_capitals(by_code);
    g_hash_table_destroy(prefixes);
}

/* A country goes by the shortest of its GeoNames and ISO names ("Russia",
 * not "Russian Federation"; "United States", not "United States of
 * America"); the others stay alternates. */
static void shortest_name(place *p)
{
    guint best = p->alts->len;
    for (guint i = 0; i < p->alts->len; i++) {
        const char *a = g_ptr_array_index(p->alts, i);
        if (g_utf8_strlen(a, -1) < g_utf8_strlen(best < p->alts->len ? g_ptr_array_index(p->alts, best) : p->name, -1) &&
            !strpbrk(a, ".,("))
            best = i;
    }
    if (best == p->alts->len)
        return;
    char *old = p->name;
    p->name = g_ptr_array_index(p->alts, best);
    p->alts->pdata[best] = old;
}

static void finish_areas(void)
{
    for (guint i = 0; i < all->len; i++) {
        place *p = g_ptr_array_index(all, i);
        add_alt(p, p->name); /* "St." forms of "Saint ..." */
        if (p->kind == K_REGION) {
            medoid(p);
            add_region_alts(p);
        } else if (p->kind == K_COUNTRY) {
            medoid(p);
            GHashTableIter it;
            gpointer k, v;
            g_hash_table_iter_init(&it, iso_by_a2);
            while (g_hash_table_iter_next(&it, &k, &v)) {
                country_info *c = v;
                if (strcmp(code_of(c->a2), p->code) != 0)
                    continue;
                /* "Korea, Republic of" and "Bolivia (Plurinational State of)" are no names in text */
                if (c->name && !strpbrk(c->name, ",("))
                    add_alt(p, c->name);
                if (c->common && !strpbrk(c->common, ",("))
                    add_alt(p, c->common);
            }
            shortest_name(p);
        }
    }
}

/* ---- output ---- */

static int cmp_place(gconstpointer a, gconstpointer b)
{
    const place *x = *(place *const *)a, *y = *(place *const *)b;
    int c = strcmp(x->code, y->code);
    if (c)
        return c;
    int kx = x->kind == K_CAPITAL ? K_CITY : x->kind, ky = y->kind == K_CAPITAL ? K_CITY : y->kind;
    if (kx != ky)
        return kx - ky;
    if ((c = strcmp(x->name, y->name)))
        return c;
    if ((c = g_strcmp0(x->region, y->region)))
        return c;
    if (x->pop != y->pop)
        return x->pop > y->pop ? -1 : 1;
    return x->lat < y->lat ? -1 : x->lat > y->lat;
}

static void write_place(const place *p)
{
    char *ascii = ascii_of(p->name);
    GString *alts = g_string_new(NULL);
    for (guint i = 0; i < p->alts->len; i++) {
        const char *a = g_ptr_array_index(p->alts, i);
        if (ascii && !strcmp(a, ascii))
            continue;
        g_string_append_printf(alts, "%s%s", alts->len ? " | " : "", a);
    }
    printf("%s\t%s\t%lu\t%.4f\t%.4f\t%s\t%s\t%s\t%s\n", KIND_NAMES[p->kind], p->code, p->pop, p->lat, p->lon,
           p->name, ascii ? ascii : "", alts->str, p->region ? p->region : "");
    g_string_free(alts, TRUE);
    g_free(ascii);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fputs("usage: gen_places ISO_JSON COUNTRIES_EXTRA SOURCE_NOTE > data/places.tsv\n", stderr);
        return 1;
    }
    load_iso(argv[1]);
    load_extra(argv[2]);
    all = g_ptr_array_new();
    countries = g_hash_table_new(g_str_hash, g_str_equal);
    regions = g_hash_table_new(g_str_hash, g_str_equal);
    read_cities();
    finish_areas();
    g_ptr_array_sort(all, cmp_place);
    size_t count[4] = {0};
    for (guint i = 0; i < all->len; i++)
        count[((place *)g_ptr_array_index(all, i))->kind]++;
    printf("# Generated by tools/gen_places.sh from %s; do not edit by hand\n", argv[3]);
    printf("# GeoNames data (https://www.geonames.org), CC-BY 4.0; format: data/README.md\n");
    printf("# %zu countries, %zu regions, %zu cities (%zu capitals)\n", count[K_COUNTRY], count[K_REGION],
           count[K_CITY] + count[K_CAPITAL], count[K_CAPITAL]);
    printf("# kind\tcountry\tpopulation\tlat\tlon\tname\tascii\talternates\tregion\n");
    for (guint i = 0; i < all->len; i++)
        write_place(g_ptr_array_index(all, i));
    return 0;
}
