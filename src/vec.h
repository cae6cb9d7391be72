/*
 * Typed vectors in an arena: EVC_VEC(T) declares {T *v; size_t n, cap;}.
 * EVC_VEC_PUSH evaluates to a pointer to the new zeroed slot, or NULL on OOM
 * (zeroed each time: a slot given back by lowering n, as the dictionary
 * loader does to drop a bad line, holds the old values).
 */
#ifndef EVC_VEC_H
#define EVC_VEC_H
#include "arena.h"
#include <string.h>

static inline void *evc_vec_zero(void *slot, size_t size) { return memset(slot, 0, size); }

#define EVC_VEC(T) struct { T *v; size_t n, cap; }

void *evc_vec_reserve(evc_arena *a, void **v, size_t n, size_t *cap, size_t elem);

#define EVC_VEC_PUSH(arena, vec) \
    ((vec).n < (vec).cap || evc_vec_reserve((arena), (void **)&(vec).v, (vec).n, &(vec).cap, sizeof *(vec).v) \
         ? evc_vec_zero(&(vec).v[(vec).n++], sizeof *(vec).v) : NULL)
#endif
