/*
 * Peer validation suites in memory (suite.c): the TABARI .project / .text
 * format and PETRARCH / UD-PETRARCH XML records, parsed from buffers without
 * any file access, so that `evcode validate` (validate.c) and the fuzz
 * target fuzz/fuzz_suite.c share one reader.
 *
 * Every parser takes a NUL-terminated buffer and never reads past its
 * terminator; unusable records are counted in `skipped`. Allocation failures
 * stop a parser early (the records read so far stay).
 */
#ifndef EVCODE_SUITE_H
#define EVCODE_SUITE_H
#include <stddef.h>

enum { SUITE_MAX_EV = 32 };

typedef struct suite_record {
    char *id, *date, *text;    /* date YYYY-MM-DD */
    char *options;             /* TABARI: the OPTION commands given since the record
                                * before ("SET: MINIMUM WORDS = 4"), a line each; or NULL */
    char *ev[SUITE_MAX_EV];    /* "SRC TGT CODE", upper case, no repeats */
    int n_ev;
} suite_record;

typedef struct suite {
    suite_record *v;
    size_t n, cap;
    char *files[16];           /* "KIND:PATH" for the context */
    size_t n_files;
    size_t skipped;            /* records not evaluated */
    int joint_codes;           /* UD-PETRARCH records: a joint code ("FRO/BIL/SAM") is one actor */
    int tabari;                /* a TABARI suite */
} suite;

/* Frees every record and file name of S (not S itself); S may be all zero. */
void suite_free(suite *S);
void suite_record_free(suite_record *r);
/* Adds "SRC TGT CODE" to r's set (nothing when full or already there). */
void suite_add_event(suite_record *r, const char *src, size_t sl, const char *tgt, size_t tl, const char *code,
                     size_t cl);
/* Adds "KIND:PATH" to S->files; -1 when full or out of memory. */
int suite_add_file(suite *S, const char *kind, const char *path);

/* The file name after <textfile> in a TABARI project (length in *n), or NULL. */
const char *suite_tabari_textfile(const char *project, size_t *n);
/* The records of a TABARI .text file: a "YYMMDD ID" line, the text, then a
 * comment holding "{ SRC / TGT / CODE }" expectations. */
void suite_tabari_records(suite *S, const char *text);

/* Blanks XML comments in place (newlines kept, so lines still count). */
void suite_xml_uncomment(char *xml);
/* Calls fn for each dictionary file named in the <Environment> of a
 * PETRARCH records file, with our kind (verbs, actors, agents, discards) and
 * the name (n bytes, not NUL-terminated). Returns -1 as soon as fn does,
 * else 0. */
typedef int (*suite_env_fn)(void *user, const char *kind, const char *name, size_t n);
int suite_xml_env(const char *xml, suite_env_fn fn, void *user);
/* Is the records file UD-PETRARCH's: its <Environment> names the
 * ontology file (<PICOfile>) that only UD-PETRARCH reads? */
int suite_xml_ud(const char *xml);
/* The <Sentence> records of a PETRARCH records file (comments blanked). */
void suite_xml_records(suite *S, const char *xml);
#endif
