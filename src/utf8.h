/* UTF-8 decoding and repair. */
#ifndef EVC_UTF8_H
#define EVC_UTF8_H
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s[0..n) (n >= 1). Returns its length in bytes
 * (1-4) and the code point in *cp, or 0 for an invalid, overlong, surrogate
 * or truncated sequence (then *cp is undefined). */
size_t evc_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Encodes cp into out (4 bytes room); returns the length. */
size_t evc_utf8_encode(uint32_t cp, char *out);
/* Copies s[0..n) into out (room for 3n bytes; may not overlap s) as valid
 * UTF-8 without NUL: each byte of an invalid sequence becomes U+FFFD, each
 * NUL a space. Adds the replacements to *invalid and *nul; returns the
 * length written. */
size_t evc_utf8_repair(const char *s, size_t n, char *out, size_t *invalid, size_t *nul);
#endif
