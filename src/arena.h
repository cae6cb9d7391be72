/*
 * Arena allocator: per-document memory released all at once.
 *
 * Blocks are chained; allocation bumps a pointer in the current block and
 * grows by doubling, so n allocations cost O(n) and free is O(blocks).
 * evc_arena_reset() keeps the first block for reuse by the next document.
 */
#ifndef EVC_ARENA_H
#define EVC_ARENA_H
#include <stddef.h>

typedef struct evc_arena_block evc_arena_block;
typedef struct evc_arena {
    evc_arena_block *head;   /* current block, newest first */
    size_t block_size;       /* size of the next block to allocate */
} evc_arena;

void evc_arena_init(evc_arena *a, size_t first_block);
/* Returns zeroed memory aligned for any type, or NULL on overflow or OOM. */
void *evc_arena_alloc(evc_arena *a, size_t size);
/* The same, uninitialised: for buffers about to be filled. */
void *evc_arena_alloc_raw(evc_arena *a, size_t size);
/* n * size with overflow check. */
void *evc_arena_calloc(evc_arena *a, size_t n, size_t size);
/* A NUL-terminated copy of s[0..len). */
char *evc_arena_strndup(evc_arena *a, const char *s, size_t len);
/* Grows an array held in the arena: returns a new array of new_cap elements
 * holding the old n elements (the old one is abandoned in the arena). */
void *evc_arena_grow(evc_arena *a, void *old, size_t n, size_t new_cap, size_t elem);
void evc_arena_reset(evc_arena *a);
void evc_arena_free(evc_arena *a);
#endif
