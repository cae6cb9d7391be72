/* The store (src/store.c, src/dedup.c, src/store_export.c): MinHash and
 * fingerprints, idempotent puts, replaced articles, near-duplicates, merged
 * events and their counts, exports and their errors. */
#define _POSIX_C_SOURCE 200809L
#include "dedup.h"
#include "doc_helpers.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char STORY[] =
    "France attacks Pakistan\n\n"
    "France attacked Pakistan on Monday, officials in Kabul said after a long night of talks.\n\n"
    "The United States criticized France on Tuesday for the attack and for the silence that followed it.\n\n"
    "Pakistan threatened to strike back against France if the attacks went on through the week.\n";

static const char OTHER[] =
    "Visit\n\n"
    "The United States will visit Afghanistan next month to discuss trade, roads, schools and water.\n";

static char dir[64];

static evc_store_doc *snap(const char *id, const char *outlet, const char *text)
{
    evc_article a;
    memset(&a, 0, sizeof a);
    a.id = id;
    a.id_len = strlen(id);
    a.outlet = outlet;
    a.outlet_len = outlet ? strlen(outlet) : 0;
    a.published = "2024-03-05";
    a.published_len = 10;
    a.text = text;
    a.text_len = strlen(text);
    a.title_in_text = 1;
    evc_store_doc *sd = NULL;
    if (evc_doc_code(doc, &a, NULL) != EVC_OK || evc_store_doc_new(doc, &sd) != EVC_OK)
        return NULL;
    return sd;
}

static int put(evc_store *st, const char *id, const char *outlet, const char *text, evc_store_result *res)
{
    evc_store_doc *sd = snap(id, outlet, text);
    int rc = sd && evc_store_begin(st, NULL) == EVC_OK && evc_store_put(st, sd, res, NULL) == EVC_OK &&
                     evc_store_commit(st, NULL) == EVC_OK
                 ? 0
                 : -1;
    evc_store_doc_free(sd);
    return rc;
}

static void test_minhash(void)
{
    uint32_t a[EVC_MINHASH_N], b[EVC_MINHASH_N], c[EVC_MINHASH_N];
    INT_EQ(evc_minhash(STORY, strlen(STORY), a), 46);   /* 50 words */
    /* case, punctuation and spacing do not change the shingles */
    char *upper = strdup(STORY);
    for (char *p = upper; *p; p++)
        *p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p == ',' ? ' ' : *p);
    evc_minhash(upper, strlen(upper), b);
    OK(evc_minhash_similarity(a, b) == 1.0);
    free(upper);
    evc_minhash(OTHER, strlen(OTHER), c);
    OK(evc_minhash_similarity(a, c) < 0.1);
    INT_EQ(evc_minhash("", 0, c), 0);
    INT_EQ(evc_minhash("one two", 7, c), 1);
    uint64_t ka[EVC_LSH_BANDS], kb[EVC_LSH_BANDS];
    evc_minhash_bands(a, ka);
    evc_minhash_bands(b, kb);
    OK(memcmp(ka, kb, sizeof ka) == 0);
    OK(ka[0] != ka[1]);
    size_t n;
    OK(evc_fingerprint("The US said, \"No.\"", 19, &n) == evc_fingerprint("the us  said no", 15, NULL));
    INT_EQ(n, 4);
    OK(evc_fingerprint(" ... ", 5, NULL) == 0);
}

static void test_put(void)
{
    char path[128];
    snprintf(path, sizeof path, "%s/t.db", dir);
    evc_store *st = NULL;
    evc_error err;
    INT_EQ(evc_store_open(path, &st, &err), EVC_OK);
    if (!st)
        return;
    evc_store_result r;
    OK(put(st, "a", "outlet-a", STORY, &r) == 0);
    INT_EQ(r.status, EVC_STORE_ADDED);
    OK(r.events > 0);
    INT_EQ(r.new_events, r.events);
    size_t events = r.events;
    /* the same article again: nothing */
    OK(put(st, "a", "outlet-a", STORY, &r) == 0);
    INT_EQ(r.status, EVC_STORE_UNCHANGED);
    INT_EQ(r.events, 0);
    /* a copy from another outlet: a near-duplicate; its events merge */
    OK(put(st, "b", "outlet-b", STORY, &r) == 0);
    INT_EQ(r.status, EVC_STORE_ADDED);
    INT_EQ(r.duplicate, 1);
    OK(r.similarity == 1.0);
    INT_EQ(r.new_events, 0);
    OK(put(st, "c", NULL, OTHER, &r) == 0);
    INT_EQ(r.duplicate, 0);
    evc_store_stats s;
    INT_EQ(evc_store_stats_get(st, &s, NULL), EVC_OK);
    INT_EQ(s.articles, 3);
    INT_EQ(s.duplicates, 1);
    INT_EQ(s.mentions, 2 * events + r.events);
    INT_EQ(s.events, events + r.events);
    /* a new version of "c" replaces the old one */
    OK(put(st, "c", NULL, STORY, &r) == 0);
    INT_EQ(r.status, EVC_STORE_REPLACED);
    INT_EQ(evc_store_stats_get(st, &s, NULL), EVC_OK);
    INT_EQ(s.articles, 3);
    INT_EQ(s.events, events);
    /* a put outside a batch is refused */
    evc_store_doc *sd = snap("d", NULL, OTHER);
    INT_EQ(evc_store_put(st, sd, NULL, &err), EVC_ERR_ARG);
    evc_store_doc_free(sd);
    evc_store_close(st);
    /* reopened: the rows are there */
    INT_EQ(evc_store_open(path, &st, NULL), EVC_OK);
    INT_EQ(evc_store_stats_get(st, &s, NULL), EVC_OK);
    INT_EQ(s.articles, 3);
    evc_store_close(st);
}

static int count_rows(void *user, const evc_event_row *row)
{
    long *n = user;
    *n += 1;
    return row->num_articles < 1;
}

static void test_export(void)
{
    char path[128];
    snprintf(path, sizeof path, "%s/t.db", dir);
    evc_store *st = NULL;
    INT_EQ(evc_store_open(path, &st, NULL), EVC_OK);
    if (!st)
        return;
    char *out = NULL;
    INT_EQ(evc_store_export(st, EVC_EXPORT_GDELT, NULL, collect, &out, NULL), EVC_OK);
    OK(out && strchr(out, '\n'));
    size_t tabs = 0;
    for (const char *p = out; p && *p && *p != '\n'; p++)
        tabs += *p == '\t';
    INT_EQ(tabs, 60);
    free(out);
    out = NULL;
    evc_query q;
    memset(&q, 0, sizeof q);
    q.code = "19";
    INT_EQ(evc_store_export(st, EVC_EXPORT_JSONL, &q, collect, &out, NULL), EVC_OK);
    /* one event: three articles ("a", its copy "b", and "c" now the same
     * story), one story, three mentions kept */
    OK(out && strstr(out, "\"code\":\"190\"") && !strstr(out, "\"code\":\"111\""));
    OK(out && strstr(out, "\"num_mentions\":1,\"num_sources\":1,\"num_articles\":1"));
    size_t nm = 0;
    for (const char *p = out; p && (p = strstr(p, "{\"article\":")); p++)
        nm++;
    INT_EQ(nm, 5);   /* three mentions, two of them with copy_of: {"article": ...} */
    OK(out && strstr(out, "\"copy_of\":{\"article\":\"a\",\"sentence_index\":0}"));
    free(out);
    long n = 0;
    memset(&q, 0, sizeof q);
    q.text = "silence";
    INT_EQ(evc_store_query(st, &q, count_rows, &n, NULL), EVC_OK);
    INT_EQ(n, 1);
    /* bad filters */
    evc_error err;
    q.text = NULL;
    q.from = "5 March";
    INT_EQ(evc_store_query(st, &q, count_rows, &n, &err), EVC_ERR_ARG);
    OK(strstr(err.msg, "YYYY-MM-DD") != NULL);
    q.from = NULL;
    q.code = "1'3";
    INT_EQ(evc_store_export(st, EVC_EXPORT_CSV, &q, collect, &out, &err), EVC_ERR_ARG);
    q.code = NULL;
    q.data_dir = dir;   /* no plover.txt there */
    INT_EQ(evc_store_export(st, EVC_EXPORT_PLOVER, &q, collect, &out, &err), EVC_ERR_IO);
    OK(strstr(err.msg, "plover.txt") != NULL);
    INT_EQ(evc_store_export(st, (evc_export_format)9, NULL, collect, &out, NULL), EVC_ERR_ARG);
    evc_store_close(st);
}

static void test_open_errors(void)
{
    evc_store *st = (evc_store *)1;
    evc_error err;
    INT_EQ(evc_store_open("", &st, &err), EVC_ERR_ARG);
    OK(st == NULL);
    char path[128];
    snprintf(path, sizeof path, "%s/text.db", dir);
    FILE *f = fopen(path, "w");
    OK(f != NULL);
    for (int i = 0; f && i < 200; i++)
        fputs("this is not a database\n", f);
    if (f)
        fclose(f);
    INT_EQ(evc_store_open(path, &st, &err), EVC_ERR_IO);
    OK(st == NULL && err.msg[0]);
    snprintf(path, sizeof path, "%s/no/such/dir/x.db", dir);
    INT_EQ(evc_store_open(path, &st, &err), EVC_ERR_IO);
    evc_store_close(NULL);
    evc_store_doc_free(NULL);
    evc_store_doc *sd;
    INT_EQ(evc_store_doc_new(NULL, &sd), EVC_ERR_ARG);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/evc-test-store-XXXXXX");
    if (!mkdtemp(dir) || setup() != 0) {
        fprintf(stderr, "setup failed\n");
        return 1;
    }
    test_minhash();
    test_put();
    test_export();
    test_open_errors();
    teardown();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    DONE();
}
