#include "vec.h"
#include <string.h>

void *evc_vec_reserve(evc_arena *a, void **v, size_t n, size_t *cap, size_t elem)
{
    size_t nc = *cap ? *cap * 2 : 16;
    if (nc < *cap)
        return NULL;
    void *p = evc_arena_grow(a, *v, n, nc, elem);
    if (!p)
        return NULL;
    *v = p;
    *cap = nc;
    return p;
}
