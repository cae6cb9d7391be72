#include "htab.h"
#include <stdlib.h>

static int rehash(evc_htab *t, size_t cap)
{
    uint64_t *k = calloc(cap, sizeof *k), *v = calloc(cap, sizeof *v);
    if (!k || !v) {
        free(k);
        free(v);
        return -1;
    }
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->keys[i])
            continue;
        size_t j = (size_t)(t->keys[i] * 0x9E3779B97F4A7C15ULL >> 20) & (cap - 1);
        while (k[j])
            j = (j + 1) & (cap - 1);
        k[j] = t->keys[i];
        v[j] = t->vals[i];
    }
    free(t->keys);
    free(t->vals);
    t->keys = k;
    t->vals = v;
    t->cap = cap;
    return 0;
}

int evc_htab_put(evc_htab *t, uint64_t key, uint64_t val)
{
    if ((t->n + 1) * 2 > t->cap && rehash(t, t->cap ? t->cap * 2 : 64))
        return -1;
    size_t j = (size_t)(key * 0x9E3779B97F4A7C15ULL >> 20) & (t->cap - 1);
    while (t->keys[j] && t->keys[j] != key)
        j = (j + 1) & (t->cap - 1);
    if (!t->keys[j])
        t->n++;
    t->keys[j] = key;
    t->vals[j] = val;
    return 0;
}

const uint64_t *evc_htab_get(const evc_htab *t, uint64_t key)
{
    if (!t->cap)
        return NULL;
    size_t j = (size_t)(key * 0x9E3779B97F4A7C15ULL >> 20) & (t->cap - 1);
    while (t->keys[j]) {
        if (t->keys[j] == key)
            return &t->vals[j];
        j = (j + 1) & (t->cap - 1);
    }
    return NULL;
}

void evc_htab_free(evc_htab *t)
{
    free(t->keys);
    free(t->vals);
    t->keys = t->vals = NULL;
    t->cap = t->n = 0;
}
