#define _XOPEN_SOURCE 700
/* Places: the gazetteer (fixtures/places.tsv): its tables and malformed lines. */
#include "doc_helpers.h"
#include "places.h"
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static void copy(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    char buf[4096];
    size_t n;
    while (in && out && (n = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, n, out);
    if (in)
        fclose(in);
    if (out)
        fclose(out);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

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
        copy(from, path);
    }
    if (places) {
        snprintf(path, sizeof path, "%s/places.tsv", dir);
        write_file(path, places);
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

static void tables(void)
{
    evc_dict_stats st;
    evc_ctx_stats(ctx, &st);
    INT_EQ(st.places, 31);
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

/* Without a gazetteer, places come from the actor dictionaries, without
 * coordinates. */

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
    tables();
    malformed(work);
    teardown();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s", work);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", work);
    DONE();
}
