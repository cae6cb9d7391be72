#include "readall.h"
#include <stdlib.h>
#include <string.h>

char *read_all(FILE *f, const char *prefix, size_t plen, size_t max, size_t *len, int *too_big)
{
    size_t cap = 1 << 16, n = 0;
    while (cap < plen + 1)
        cap *= 2;
    char *buf = malloc(cap);
    *too_big = 0;
    if (buf && plen) {
        memcpy(buf, prefix, plen);
        n = plen;
    }
    while (buf) {
        if (n + 1 >= cap) {
            if (cap > max + 2) {
                *too_big = 1;
                break;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        if (!got)
            break;
        n += got;
    }
    if (buf) {
        buf[n] = 0;
        *len = n;
    }
    return buf;
}
