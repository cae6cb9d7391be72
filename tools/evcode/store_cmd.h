/* The store commands of the CLI: batches for `code --db` and `ingest`,
 * and `export` and `query`. */
#ifndef EVC_CLI_STORE_CMD_H
#define EVC_CLI_STORE_CMD_H
#include "evcode.h"
#include <stddef.h>

typedef struct store_totals {
    size_t articles, added, unchanged, replaced, duplicates, linked, mentions, new_events, quotes, batches;
} store_totals;

/* Opens the store at path; prints the reason and returns 1 on failure. */
int store_cli_open(const char *path, evc_store **st);
/* Stores docs[0..n) (NULL entries are skipped) in one transaction, adding to
 * *t. Prints the reason and returns 1 on a database error. The test hook
 * EVCODE_TEST_KILL=after:N (or inside:N) sends the process SIGKILL right
 * after batch N commits (or halfway through putting it). */
int store_cli_batch(evc_store *st, evc_store_doc **docs, size_t n, store_totals *t);
/* The one-line summary `evcode ingest` prints. */
void store_cli_summary(const store_totals *t, evc_store *st);

/* The repeatable filters of query, export and watch add. */
typedef struct filter_args {
    const char *actors[EVC_QUERY_MAX_LIST], *codes[EVC_QUERY_MAX_LIST], *places[EVC_QUERY_MAX_LIST];
    size_t n_actors, n_codes, n_places;
    int use_goldstein_below;
    double goldstein_below;
} filter_args;
/* When option o is --actor, --code, --place or --goldstein-below, takes its
 * value v (NULL when missing) into f and returns 1, or prints why it cannot
 * and returns -1; returns 0 for any other option. */
int filter_arg(const char *cmd, const char *o, const char *v, filter_args *f);
/* Points q's lists at f's. */
void filter_to_query(const filter_args *f, evc_query *q);

/* Tables on stdout: the display width of UTF-8 text (a column per code
 * point); s in at most w columns, cut with "..." when longer and padded to
 * w with `pad`; the terminal's width (0 when stdout is not a terminal:
 * nothing is cut). */
size_t cli_width(const char *s);
void cli_cell(const char *s, size_t w, int pad);
size_t cli_term_width(void);

int cmd_export(int argc, char **argv);
int cmd_query(int argc, char **argv);
#endif
