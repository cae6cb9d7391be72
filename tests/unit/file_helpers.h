/* Shared by the tests that build dictionary directories in a temporary
 * directory: copy a file, write or append text. */
#ifndef EVC_FILE_HELPERS_H
#define EVC_FILE_HELPERS_H
#include <stdio.h>

static inline void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    char buf[4096];
    size_t n;
    while (in && out && (n = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, n, out);
    if (in)
        fclose(in);
    if (out)
        fclose(out);
}

/* mode "wb" writes the file anew, "ab" appends to it */
static inline void put_file(const char *path, const char *text, const char *mode)
{
    FILE *f = fopen(path, mode);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}
#endif
