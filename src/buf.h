/* Growable byte buffer whose `ptr` is never NULL and always NUL-terminated. */
#ifndef EVC_BUF_H
#define EVC_BUF_H
#include <stddef.h>

typedef struct evc_buf {
    char *ptr;
    size_t len, cap;
    int oom;          /* sticky: set when a growth failed */
} evc_buf;

void evc_buf_init(evc_buf *b);
void evc_buf_free(evc_buf *b);
void evc_buf_clear(evc_buf *b);
/* Appends; on OOM sets b->oom and leaves the buffer unchanged. */
void evc_buf_put(evc_buf *b, const char *s, size_t n);
void evc_buf_puts(evc_buf *b, const char *s);
void evc_buf_putc(evc_buf *b, char c);
void evc_buf_printf(evc_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Appends v in decimal, as printf's "%ld" would. */
void evc_buf_put_int(evc_buf *b, long v);
/* Appends x with `decimals` (0-6) digits after the point, exactly as
 * printf's "%.*f" would, without its cost in the common case. */
void evc_buf_put_fixed(evc_buf *b, double x, int decimals);
/* Appends s[0..n) as the body of a JSON string (no surrounding quotes);
 * each byte of an invalid UTF-8 sequence becomes U+FFFD. */
void evc_buf_json_str(evc_buf *b, const char *s, size_t n);
/* Appends s as a JSON value: a quoted string, or null when s is NULL. */
void evc_buf_json_val(evc_buf *b, const char *s);
#endif
