/* Merging differently specific reports of one event (src/store.c,
 * docs/store.md "Events"): compatible actor and event codes, the most
 * specific codes on the event row, the choice among several compatible
 * events, a downgrade when an article is replaced, and two events merged
 * when a replacement leaves them with the same codes. The articles are
 * records (evc_store_doc_from_records), so each case states its codes. */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"
#include "evcode.h"
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char path[128];

/* One coded sentence: its index, source, target ("" for none), code and
 * Goldstein score. */
typedef struct rec {
    int sent;
    const char *source, *target, *code;
    double goldstein;
} rec;

/* Stores article `id` (its own outlet) published on `day`, whose text is
 * made of words of `text_of` only: articles with the same text_of are
 * near-duplicates with the same sentences, others share no shingle. */
static void put(evc_store *st, const char *id, const char *text_of, const char *day, const rec *r, size_t n)
{
    char text[512], sent[8][96], names[8][2][64];
    snprintf(text, sizeof text, "%s one %s two %s three %s four %s five %s six %s seven %s eight", text_of, text_of,
             text_of, text_of, text_of, text_of, text_of, text_of);
    evc_event ev[8];
    memset(ev, 0, sizeof ev);
    for (size_t i = 0; i < n && i < 8; i++) {
        snprintf(sent[i], sizeof sent[i], "The report %s tells of act %d.", text_of, r[i].sent);
        snprintf(names[i][0], sizeof names[i][0], "name of %s", r[i].source);
        snprintf(names[i][1], sizeof names[i][1], "name of %s", r[i].target);
        ev[i].sentence_index = r[i].sent;
        ev[i].sentence = sent[i];
        ev[i].source = r[i].source;
        ev[i].source_name = names[i][0];
        ev[i].target = *r[i].target ? r[i].target : NULL;
        ev[i].target_name = *r[i].target ? names[i][1] : NULL;
        ev[i].code = r[i].code;
        ev[i].quad_class = 4;
        ev[i].goldstein = r[i].goldstein;
        ev[i].lat = ev[i].lon = NAN;
    }
    evc_article_info info = {id, NULL, day, id, NULL, text, 8};
    evc_store_doc *sd = NULL;
    INT_EQ(evc_store_doc_from_records(&info, ev, n, NULL, 0, &sd), EVC_OK);
    INT_EQ(evc_store_begin(st, NULL), EVC_OK);
    INT_EQ(evc_store_put(st, sd, NULL, NULL), EVC_OK);
    INT_EQ(evc_store_commit(st, NULL), EVC_OK);
    evc_store_doc_free(sd);
}

/* The first column of the first row of `sql` on the store ("" for none);
 * static, overwritten by the next call. */
static const char *q(const char *sql)
{
    static char out[2048];
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    snprintf(out, sizeof out, "(error)");
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK) {
        int rc = sqlite3_step(s);
        const unsigned char *t = rc == SQLITE_ROW ? sqlite3_column_text(s, 0) : NULL;
        snprintf(out, sizeof out, "%s", t ? (const char *)t : "");
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return out;
}

/* Every event: day source>target code articles/mentions, in export order. */
#define EVENTS                                                                                                         \
    "SELECT group_concat(x, ' | ') FROM (SELECT day || ' ' || source || '>' || target || ' ' || code || ' '"         \
    " || num_articles || '/' || num_mentions AS x FROM events ORDER BY day, source, target, code)"

/* The mentions of the event with code c: article:sentence:its own target and code. */
#define MENTIONS(c)                                                                                                    \
    "SELECT group_concat(x, ' ') FROM (SELECT a.article || ':' || m.sentence_index || ':' || m.target || ':'"          \
    " || m.code AS x FROM mentions m JOIN articles a ON a.id = m.article JOIN events e ON e.id = m.event"              \
    " WHERE e.code = '" c "' ORDER BY a.article, m.sentence_index)"

static evc_store *open_new(const char *name)
{
    snprintf(path, sizeof path, "%s", name);
    unlink(path);
    evc_store *st = NULL;
    INT_EQ(evc_store_open(path, &st, NULL), EVC_OK);
    return st;
}

/* Two reports of one attack (USA and 180; USAMIL and 1831) are one event
 * with the specific codes; other days, actors and roots stay apart. */
static void test_compatible(const char *dir)
{
    char p[128];
    snprintf(p, sizeof p, "%s/compat.db", dir);
    evc_store *st = open_new(p);
    if (!st)
        return;
    put(st, "r1", "alpha", "2021-08-26", (rec[]){{0, "IMGMUSISI", "USA", "180", -9.0}}, 1);
    put(st, "r2", "bravo", "2021-08-26", (rec[]){{0, "IMGMUSISI", "USAMIL", "1831", -10.0}}, 1);
    STR_EQ(q(EVENTS), "2021-08-26 IMGMUSISI>USAMIL 1831 2/2");
    STR_EQ(q("SELECT target_name || ' ' || goldstein || ' ' || num_sources FROM events"), "name of USAMIL -10.0 2");
    /* each mention keeps its own codes */
    STR_EQ(q(MENTIONS("1831")), "r1:0:USA:180 r2:0:USAMIL:1831");
    /* the generic report after the specific one joins it too */
    put(st, "r3", "charlie", "2021-08-26", (rec[]){{2, "IMGMUSISI", "USA", "180", -9.0}}, 1);
    STR_EQ(q(EVENTS), "2021-08-26 IMGMUSISI>USAMIL 1831 3/3");
    /* apart: another day; unrelated source or target; another root; a
     * code not the generic of the other's (181 and 1831); no target */
    put(st, "r4", "delta", "2021-08-27", (rec[]){{0, "IMGMUSISI", "USA", "180", -9.0}}, 1);
    put(st, "r5", "echo", "2021-08-26",
        (rec[]){{0, "RUS", "USA", "180", -9.0},
                {1, "IMGMUSISI", "RUS", "180", -9.0},
                {2, "IMGMUSISI", "USA", "190", -10.0},
                {3, "IMGMUSISI", "USA", "181", -9.0},
                {4, "IMGMUSISI", "", "180", -9.0}},
        5);
    STR_EQ(q(EVENTS), "2021-08-26 IMGMUSISI> 180 1/1 | 2021-08-26 IMGMUSISI>RUS 180 1/1"
                      " | 2021-08-26 IMGMUSISI>USA 181 1/1 | 2021-08-26 IMGMUSISI>USA 190 1/1"
                      " | 2021-08-26 IMGMUSISI>USAMIL 1831 3/3 | 2021-08-26 RUS>USA 180 1/1"
                      " | 2021-08-27 IMGMUSISI>USA 180 1/1");
    /* within a root: 190 and 195 (generic), 183 and 1832 (its four-digit code) */
    put(st, "r6", "foxtrot", "2021-08-28",
        (rec[]){{0, "USA", "AFG", "190", -10.0}, {1, "USA", "IRQ", "183", -10.0}}, 2);
    put(st, "r7", "golf", "2021-08-28",
        (rec[]){{0, "USA", "AFG", "195", -10.0}, {1, "USA", "IRQ", "1832", -10.0}}, 2);
    STR_EQ(q("SELECT group_concat(target || ' ' || code || ' ' || num_articles, ', ') FROM"
             " (SELECT * FROM events WHERE day = '2021-08-28' ORDER BY target)"),
           "AFG 195 2, IRQ 1832 2");
    evc_store_close(st);
}

/* Siblings (USAGOV, USAMIL) stay apart; a report compatible with both
 * joins the one with the most mentions, on a tie the older. */
static void test_choice(const char *dir)
{
    char p[128];
    snprintf(p, sizeof p, "%s/choice.db", dir);
    evc_store *st = open_new(p);
    if (!st)
        return;
    const char *d = "2021-08-26";
    put(st, "s1", "hotel", d, (rec[]){{0, "USAGOV", "AFGREB", "111", -2.0}}, 1);
    put(st, "s2", "india", d, (rec[]){{0, "USAMIL", "AFGREB", "111", -2.0}}, 1);
    STR_EQ(q(EVENTS), "2021-08-26 USAGOV>AFGREB 111 1/1 | 2021-08-26 USAMIL>AFGREB 111 1/1");
    put(st, "s3", "juliet", d, (rec[]){{0, "USA", "AFGREB", "111", -2.0}}, 1);
    STR_EQ(q(EVENTS), "2021-08-26 USAGOV>AFGREB 111 2/2 | 2021-08-26 USAMIL>AFGREB 111 1/1");
    put(st, "s4", "kilo", d, (rec[]){{0, "USAMIL", "AFGREB", "111", -2.0}, {1, "USAMIL", "AFGREB", "110", -2.0}}, 2);
    STR_EQ(q(EVENTS), "2021-08-26 USAGOV>AFGREB 111 2/2 | 2021-08-26 USAMIL>AFGREB 111 2/3");
    put(st, "s5", "lima", d, (rec[]){{0, "USA", "AFGREB", "110", -2.0}}, 1);
    STR_EQ(q(EVENTS), "2021-08-26 USAGOV>AFGREB 111 2/2 | 2021-08-26 USAMIL>AFGREB 111 3/4");
    evc_store_close(st);
}

/* A replaced article takes its codes away: the event goes back to the
 * codes of the mentions it keeps; when that leaves two events of one day
 * with the same codes, they are merged into the older, and a sentence
 * both reported stays once. */
static void test_replace(const char *dir)
{
    char p[128];
    snprintf(p, sizeof p, "%s/replace.db", dir);
    evc_store *st = open_new(p);
    if (!st)
        return;
    const char *d = "2021-08-26";
    put(st, "t1", "mike", d, (rec[]){{0, "IMGMUSISI", "USA", "180", -9.0}}, 1);
    put(st, "t2", "november", d, (rec[]){{0, "IMGMUSISI", "USAMIL", "1831", -10.0}}, 1);
    STR_EQ(q(EVENTS), "2021-08-26 IMGMUSISI>USAMIL 1831 2/2");
    put(st, "t2", "oscar", d, NULL, 0);
    STR_EQ(q(EVENTS), "2021-08-26 IMGMUSISI>USA 180 1/1");
    STR_EQ(q("SELECT target_name || ' ' || goldstein FROM events"), "name of USA -9.0");
    evc_store_close(st);

    /* E1 (X>USAMIL) and E2 (X>USAGOV); u5, a copy of u1, codes its
     * sentence twice: X>USAMIL joins E1 as a copy, X>USA joins E2 (more
     * mentions than E1) */
    snprintf(p, sizeof p, "%s/collide.db", dir);
    st = open_new(p);
    if (!st)
        return;
    put(st, "u1", "papa", d, (rec[]){{0, "X", "USAMIL", "180", -9.0}}, 1);
    put(st, "u2", "quebec", d, (rec[]){{0, "X", "USAGOV", "180", -9.0}, {1, "X", "USAGOV", "180", -9.0}}, 2);
    put(st, "u3", "romeo", d, (rec[]){{0, "X", "USA", "180", -9.0}}, 1);
    put(st, "u4", "sierra", d, (rec[]){{0, "X", "USA", "180", -9.0}}, 1);
    put(st, "u5", "papa", d, (rec[]){{0, "X", "USAMIL", "180", -9.0}, {0, "X", "USA", "180", -9.0}}, 2);
    STR_EQ(q(EVENTS), "2021-08-26 X>USAGOV 180 4/5 | 2021-08-26 X>USAMIL 180 1/1");
    STR_EQ(q("SELECT group_concat(m.target || (m.copy_of IS NOT NULL), ' ') FROM mentions m"
             " JOIN articles a ON a.id = m.article WHERE a.article = 'u5'"),
           "USAMIL1 USA0");
    /* u2 replaced: E2 goes back to X>USA, compatible with E1 */
    put(st, "u2", "tango", d, NULL, 0);
    STR_EQ(q(EVENTS), "2021-08-26 X>USA 180 3/3 | 2021-08-26 X>USAMIL 180 1/1");
    /* u6 joins E2 (more mentions) and gives it E1's codes: one event, in
     * E1; u5's sentence stays once, as the copy it was in E1 */
    put(st, "u6", "uniform", d, (rec[]){{0, "X", "USAMIL", "180", -9.0}}, 1);
    STR_EQ(q(EVENTS), "2021-08-26 X>USAMIL 180 4/4");
    STR_EQ(q(MENTIONS("180")), "u1:0:USAMIL:180 u3:0:USA:180 u4:0:USA:180 u5:0:USAMIL:180 u6:0:USAMIL:180");
    STR_EQ(q("SELECT group_concat(code || '=' || mentions, ' ') FROM (SELECT * FROM actors ORDER BY code)"),
           "USA=2 USAMIL=3 X=5");
    evc_store_close(st);
}

int main(void)
{
    char dir[64];
    snprintf(dir, sizeof dir, "/tmp/evc-test-merge-XXXXXX");
    if (!mkdtemp(dir)) {
        fprintf(stderr, "setup failed\n");
        return 1;
    }
    test_compatible(dir);
    test_choice(dir);
    test_replace(dir);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    DONE();
}
