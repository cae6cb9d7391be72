/* evcode upkeep (upkeep.c): gaps of each article, added up over a corpus. */
#ifndef EVC_UPKEEP_H
#define EVC_UPKEEP_H
#include "evcode.h"
#include <stdio.h>

/* Writes the article's gaps as lines for upkeep_add (on a worker thread). */
int upkeep_write(const evc_doc *doc, int (*write)(void *, const char *, size_t), void *user);
/* Adds lines written by upkeep_write (main thread, in input order); 1 when out of memory. */
int upkeep_add(const char *bytes, size_t len);
/* Prints the missing actors, then the verbs, most frequent first, as text
 * or JSON Lines, and frees what was added up. */
void upkeep_print(FILE *out, int text);
#endif
