/* evc_store_doc_from_records (src/store_make.c): a snapshot rebuilt from an
 * article's parts stores exactly what the coded document's snapshot stores,
 * near-duplicates and shared passages included; bad arguments. */
#define _POSIX_C_SOURCE 200809L
#include "doc_helpers.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define P1 "France attacked Pakistan on Monday, officials in Kabul said after a long night of talks.\n\n"
#define P2 "The United States criticized France on Tuesday for the attack and for the silence that followed it.\n\n"
#define P3 "Pakistan threatened to strike back against France if the attacks went on through the week.\n\n"
static const char *const TEXTS[] = {
    "France attacks Pakistan\n\n" P1 P2 P3,
    /* a syndicated copy */
    "France attacks Pakistan again\n\n" P1 P2 P3,
    /* a new story that reuses the three paragraphs */
    "Talks\n\n" P1 P2 P3
    "The United States will visit Afghanistan next month to discuss trade, roads, schools and water.\n\n"
    "Pakistan said it \"will not stand for this\" and the minister left the room before the vote.\n\n"
    "Many people in the capital waited for news through the cold night near the old station.\n\n"
    "The talks will resume in the spring, a spokesman for the ministry of foreign affairs said.\n\n"
    "Farmers in the north asked the government for seeds, tools and help with the coming harvest.\n",
};

/* Codes text i and snapshots it either way. */
static evc_store_doc *snap(size_t i, int from_records)
{
    char id[8];
    snprintf(id, sizeof id, "a%zu", i);
    evc_article a;
    memset(&a, 0, sizeof a);
    a.id = id;
    a.id_len = strlen(id);
    a.published = "2024-03-05";
    a.published_len = 10;
    a.text = TEXTS[i];
    a.text_len = strlen(TEXTS[i]);
    a.title_in_text = 1;
    evc_store_doc *sd = NULL;
    if (evc_doc_code(doc, &a, NULL) != EVC_OK)
        return NULL;
    if (!from_records) {
        INT_EQ(evc_store_doc_new(doc, &sd), EVC_OK);
        return sd;
    }
    /* the parts copied out, as a reader of the records would hold them */
    size_t ne = evc_doc_n_events(doc), nq = evc_doc_n_quotes(doc);
    evc_event *ev = calloc(ne + 1, sizeof *ev);
    evc_quote *qu = calloc(nq + 1, sizeof *qu);
    for (size_t k = 0; k < ne; k++)
        ev[k] = *evc_doc_event(doc, k);
    for (size_t k = 0; k < nq; k++)
        qu[k] = *evc_doc_quote(doc, k);
    evc_article_info info = *evc_doc_article(doc);
    char *text = strdup(info.text);
    info.text = text;
    INT_EQ(evc_store_doc_from_records(&info, ev, ne, qu, nq, &sd), EVC_OK);
    free(text);
    free(ev);
    free(qu);
    return sd;
}

static char *fill(const char *path, int from_records)
{
    evc_store *st = NULL;
    INT_EQ(evc_store_open(path, &st, NULL), EVC_OK);
    if (!st)
        return NULL;
    INT_EQ(evc_store_begin(st, NULL), EVC_OK);
    size_t dups = 0, links = 0;
    for (size_t i = 0; i < sizeof TEXTS / sizeof *TEXTS; i++) {
        evc_store_doc *sd = snap(i, from_records);
        evc_store_result res;
        OK(sd != NULL);
        INT_EQ(evc_store_put(st, sd, &res, NULL), EVC_OK);
        dups += (size_t)res.duplicate;
        links += res.linked;
        evc_store_doc_free(sd);
    }
    INT_EQ(evc_store_commit(st, NULL), EVC_OK);
    INT_EQ(dups, 1);
    OK(links >= 1);
    char *out = NULL;
    INT_EQ(evc_store_export(st, EVC_EXPORT_JSONL, NULL, collect, &out, NULL), EVC_OK);
    evc_store_close(st);
    return out;
}

static void test_same_store(const char *dir)
{
    char p1[128], p2[128];
    snprintf(p1, sizeof p1, "%s/doc.db", dir);
    snprintf(p2, sizeof p2, "%s/rec.db", dir);
    char *a = fill(p1, 0), *b = fill(p2, 1);
    OK(a && b && strstr(a, "\"type\":\"event\""));
    STR_EQ(a ? a : "", b ? b : "-");
    free(a);
    free(b);
}

static void test_bad_args(void)
{
    evc_store_doc *sd = (evc_store_doc *)1;
    evc_article_info info;
    memset(&info, 0, sizeof info);
    INT_EQ(evc_store_doc_from_records(&info, NULL, 0, NULL, 0, &sd), EVC_ERR_ARG);
    OK(sd == NULL);
    info.id = "x";
    INT_EQ(evc_store_doc_from_records(&info, NULL, 1, NULL, 0, &sd), EVC_ERR_ARG);
    evc_event e;
    memset(&e, 0, sizeof e);
    INT_EQ(evc_store_doc_from_records(&info, &e, 1, NULL, 0, &sd), EVC_ERR_ARG);
    INT_EQ(evc_store_doc_from_records(NULL, NULL, 0, NULL, 0, &sd), EVC_ERR_ARG);
    INT_EQ(evc_store_doc_from_records(&info, NULL, 0, NULL, 0, NULL), EVC_ERR_ARG);
    /* no text and no records: an empty article is still a snapshot */
    INT_EQ(evc_store_doc_from_records(&info, NULL, 0, NULL, 0, &sd), EVC_OK);
    evc_store_doc_free(sd);
}

int main(void)
{
    char dir[64];
    snprintf(dir, sizeof dir, "/tmp/evc-test-records-XXXXXX");
    if (!mkdtemp(dir) || setup() != 0) {
        fprintf(stderr, "setup failed\n");
        return 1;
    }
    test_same_store(dir);
    test_bad_args();
    teardown();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    DONE();
}
