/*
 * Open-addressing hash table from non-zero 64-bit keys to 64-bit values.
 * Linear probing, power-of-two capacity, load <= 1/2. Built once at load
 * time, then read-only (safe to share between threads).
 */
#ifndef EVC_HTAB_H
#define EVC_HTAB_H
#include <stddef.h>
#include <stdint.h>

typedef struct evc_htab {
    uint64_t *keys;
    uint64_t *vals;
    size_t cap, n;
} evc_htab;

/* Inserts or replaces. Returns 0, or -1 on OOM. */
int evc_htab_put(evc_htab *t, uint64_t key, uint64_t val);
/* Pointer to the value, or NULL. */
const uint64_t *evc_htab_get(const evc_htab *t, uint64_t key);
void evc_htab_free(evc_htab *t);
#endif
