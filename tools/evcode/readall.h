/* Reading a whole stream into memory, for the CLI (readall.c). */
#ifndef EVCODE_READALL_H
#define EVCODE_READALL_H
#include <stdio.h>

/* Reads f to its end after `prefix` (plen bytes, may be 0) into a malloc'd,
 * NUL-terminated buffer; *len is its length. Stops with *too_big set once
 * more than max bytes were read. NULL when out of memory. */
char *read_all(FILE *f, const char *prefix, size_t plen, size_t max, size_t *len, int *too_big);
#endif
