/*
 * Fuzz target: the readers of peer validation suites behind `evcode
 * validate` (tools/evcode/suite.c). The first input byte chooses the
 * reader: a TABARI project's <textfile>, TABARI .text records, or PETRARCH
 * XML (comments blanked, then the <Environment> file names and the
 * <Sentence> records); the rest is the file. Checks: names lie inside the
 * file, records are complete (id, YYYY-MM-DD date, text) with at most
 * SUITE_MAX_EV distinct expected events.
 */
#include "suite.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct span {
    const char *buf;
    size_t len, n;
} span;

static void inside(const span *s, const char *name, size_t n)
{
    if (!n || name < s->buf || name + n > s->buf + s->len)
        abort();
}

static int env_name(void *user, const char *kind, const char *name, size_t n)
{
    span *s = user;
    inside(s, name, n);
    if (memchr(name, ',', n) || memchr(name, ' ', n) || memchr(name, '<', n) || !kind[0])
        abort();
    return ++s->n >= 16; /* the CLI stops at its 16 files */
}

static void check_records(const suite *S)
{
    for (size_t i = 0; i < S->n; i++) {
        const suite_record *r = &S->v[i];
        if (!r->id || !r->date || !r->text || strlen(r->date) != 10 || r->n_ev < 0 || r->n_ev > SUITE_MAX_EV)
            abort();
        for (int k = 0; k < r->n_ev; k++)
            for (int j = 0; j < k; j++)
                if (!strcmp(r->ev[j], r->ev[k]))
                    abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char *buf = malloc(size);
    if (!buf)
        return 0;
    memcpy(buf, data + 1, size - 1);
    buf[size - 1] = 0;
    span sp = {buf, size - 1, 0};
    suite S;
    memset(&S, 0, sizeof S);
    size_t n;
    const char *name;
    switch (data[0] % 3) {
    case 0:
        if ((name = suite_tabari_textfile(buf, &n)) && n)
            inside(&sp, name, n);
        break;
    case 1:
        suite_tabari_records(&S, buf);
        break;
    default:
        suite_xml_uncomment(buf);
        suite_xml_env(buf, env_name, &sp);
        suite_xml_records(&S, buf);
        break;
    }
    check_records(&S);
    suite_free(&S);
    free(buf);
    return 0;
}
