#define _XOPEN_SOURCE 700
/* The compiled dictionary cache: written at the first load, mapped at the
 * next with the same results, rebuilt when a source file changes or a file
 * appears in a listed directory, and never trusted when damaged. */
#include "doc_helpers.h"
#include "file_helpers.h"
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#define PEER EVC_FIXTURES "/peer/"

static char work[256], cache_dir[300], dict_dir[300];

/* Loads dict_dir with (or without) the cache; returns the cache state, -1
 * when the load failed. */
static int load(int use_cache)
{
    evc_doc_free(doc);
    evc_ctx_free(ctx);
    doc = NULL;
    ctx = NULL;
    evc_options o;
    evc_options_default(&o);
    o.dict_dir = dict_dir;
    o.cache_dir = use_cache ? cache_dir : NULL;
    if (evc_ctx_new(&o, &ctx, NULL) != EVC_OK || !(doc = evc_doc_new(ctx)))
        return -1;
    evc_dict_stats st;
    evc_ctx_stats(ctx, &st);
    return st.cache;
}

static const char TEXT[] = "Nordland condemned Sudmark on Monday. Erik Voss visited Sudmark. "
                           "Ostia condemned Nordland.";

/* The events of TEXT, as "SRC CODE TGT|...". */
static const char *events(void)
{
    static char out[1024];
    out[0] = 0;
    if (code("2005-01-01", TEXT) != EVC_OK)
        return "(error)";
    for (size_t i = 0; i < evc_doc_n_events(doc); i++) {
        size_t l = strlen(out);
        snprintf(out + l, sizeof out - l, "%s%s", i ? "|" : "", ev(i));
    }
    return out;
}

/* The one cache file in cache_dir. */
static int cache_file(char *out, size_t cap)
{
    char cmd[400];
    snprintf(cmd, sizeof cmd, "ls %s/dict-*.bin 2>/dev/null", cache_dir);
    FILE *p = popen(cmd, "r");
    int ok = p && fgets(out, (int)cap, p) != NULL;
    if (p)
        pclose(p);
    if (ok)
        out[strcspn(out, "\n")] = 0;
    return ok;
}

static void damage(const char *path, long at, int truncate_it)
{
    FILE *f = fopen(path, "r+b");
    if (!f)
        return;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fclose(f);
    if (truncate_it) {
        if (truncate(path, size / 2) != 0)
            perror("truncate");
        return;
    }
    f = fopen(path, "r+b");
    if (!f)
        return;
    fseek(f, at % size, SEEK_SET);
    int c = fgetc(f);
    fseek(f, at % size, SEEK_SET);
    fputc(c ^ 0x5a, f);
    fclose(f);
}

int main(void)
{
    snprintf(work, sizeof work, "/tmp/evc-cache-test-XXXXXX");
    if (!mkdtemp(work)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(cache_dir, sizeof cache_dir, "%s/cache/evcode", work);
    snprintf(dict_dir, sizeof dict_dir, "%s/dict", work);
    mkdir(dict_dir, 0755);
    static const char *const FILES[] = {"mini.actors", "mini.agents", "mini.verbs"};
    for (size_t i = 0; i < 3; i++) {
        char from[512], to[512];
        snprintf(from, sizeof from, PEER "%s", FILES[i]);
        snprintf(to, sizeof to, "%s/%s", dict_dir, FILES[i]);
        copy_file(from, to);
    }

    /* the reference: compiled, no cache */
    INT_EQ(load(0), 0);
    char want[1024];
    snprintf(want, sizeof want, "%s", events());
    OK(strlen(want) > 0);
    evc_dict_stats ref;
    evc_ctx_stats(ctx, &ref);

    /* first load writes, the second maps; both code alike */
    INT_EQ(load(1), 2);
    STR_EQ(events(), want);
    INT_EQ(load(1), 1);
    STR_EQ(events(), want);
    evc_dict_stats got;
    evc_ctx_stats(ctx, &got);
    INT_EQ((long)got.actors, (long)ref.actors);
    INT_EQ((long)got.verb_patterns, (long)ref.verb_patterns);
    INT_EQ((long)got.cameo_codes, (long)ref.cameo_codes);
    INT_EQ((long)got.lemmas, (long)ref.lemmas);

    /* a source changes: rebuilt, and the change is seen */
    char path[512];
    snprintf(path, sizeof path, "%s/mini.actors", dict_dir);
    put_file(path, "OSTIA_ [OST]\n", "ab");
    INT_EQ(load(1), 2);
    OK(strstr(events(), "OST 122") != NULL);
    snprintf(want, sizeof want, "%s", events());
    INT_EQ(load(1), 1);
    STR_EQ(events(), want);

    /* a new file in the listed directory: rebuilt */
    snprintf(path, sizeof path, "%s/more.actors", dict_dir);
    put_file(path, "WESTMARCH_ [WSM]\n", "ab");
    INT_EQ(load(1), 2);
    INT_EQ(load(1), 1);

    /* damaged caches are rebuilt, never trusted */
    char file[512];
    OK(cache_file(file, sizeof file));
    for (long at = 3; at < 400000; at = at * 3 + 7) {
        damage(file, at, 0);
        INT_EQ(load(1), 2);
        STR_EQ(events(), want);
    }
    damage(file, 0, 1);
    INT_EQ(load(1), 2);
    STR_EQ(events(), want);
    INT_EQ(load(1), 1);

    /* an unwritable cache directory: the load still works */
    snprintf(cache_dir, sizeof cache_dir, "/proc/evc-no-such-dir");
    INT_EQ(load(1), 0);
    STR_EQ(events(), want);

    evc_doc_free(doc);
    evc_ctx_free(ctx);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf %s", work);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", work);
    DONE();
}
