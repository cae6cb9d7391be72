#include "arena.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct evc_arena_block {
    evc_arena_block *next;
    size_t size, used;
    max_align_t data[];
};

#define ALIGN (sizeof(max_align_t))

void evc_arena_init(evc_arena *a, size_t first_block)
{
    a->head = NULL;
    a->block_size = first_block ? first_block : 64 * 1024;
}

static evc_arena_block *new_block(size_t size)
{
    if (size > SIZE_MAX - sizeof(evc_arena_block))
        return NULL;
    evc_arena_block *b = malloc(sizeof(evc_arena_block) + size);
    if (!b)
        return NULL;
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

void *evc_arena_alloc_raw(evc_arena *a, size_t size)
{
    if (size == 0)
        size = 1;
    if (size > SIZE_MAX - ALIGN)
        return NULL;
    size = (size + ALIGN - 1) & ~(ALIGN - 1);
    evc_arena_block *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t want = a->block_size;
        while (want < size) {
            if (want > SIZE_MAX / 2)
                return NULL;
            want *= 2;
        }
        evc_arena_block *nb = new_block(want);
        if (!nb)
            return NULL;
        nb->next = b;
        a->head = b = nb;
        if (a->block_size < (size_t)1 << 26)
            a->block_size *= 2;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    return p;
}

void *evc_arena_alloc(evc_arena *a, size_t size)
{
    void *p = evc_arena_alloc_raw(a, size);
    if (p)
        memset(p, 0, size ? size : 1);
    return p;
}

void *evc_arena_calloc(evc_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return evc_arena_alloc(a, n * size);
}

char *evc_arena_strndup(evc_arena *a, const char *s, size_t len)
{
    if (len == SIZE_MAX)
        return NULL;
    char *p = evc_arena_alloc_raw(a, len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = 0;
    return p;
}

void *evc_arena_grow(evc_arena *a, void *old, size_t n, size_t new_cap, size_t elem)
{
    if (elem && new_cap > SIZE_MAX / elem)
        return NULL;
    if (n > new_cap)
        n = new_cap;
    char *p = evc_arena_alloc_raw(a, new_cap * elem); /* the copied part needs no zeroing, the rest does */
    if (!p)
        return NULL;
    if (n)
        memcpy(p, old, n * elem);
    memset(p + n * elem, 0, (new_cap - n) * elem);
    return p;
}

void evc_arena_reset(evc_arena *a)
{
    evc_arena_block *b = a->head;
    if (!b)
        return;
    /* keep the largest (newest) block, free the rest */
    evc_arena_block *rest = b->next;
    b->next = NULL;
    b->used = 0;
    while (rest) {
        evc_arena_block *n = rest->next;
        free(rest);
        rest = n;
    }
}

void evc_arena_free(evc_arena *a)
{
    evc_arena_block *b = a->head;
    while (b) {
        evc_arena_block *n = b->next;
        free(b);
        b = n;
    }
    a->head = NULL;
}
