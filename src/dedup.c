/* MinHash signatures, LSH band keys and word fingerprints (see dedup.h). */
#include "dedup.h"
#include "util.h"
#include <string.h>

/* splitmix64 (Steele, Lea, Flood 2014): a bijective 64-bit mixer */
static uint64_t mix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/* A word is a run of ASCII letters and digits or of non-ASCII bytes (UTF-8
 * letters); ASCII is lower-cased. Returns the word's hash and moves *i past
 * it, or 0 at the end of the text. */
static uint64_t next_word(const char *s, size_t len, size_t *i)
{
    size_t p = *i;
    while (p < len) {
        unsigned char c = (unsigned char)s[p];
        if (c >= 0x80 || evc_is_alpha(c) || evc_is_digit(c))
            break;
        p++;
    }
    if (p >= len) {
        *i = p;
        return 0;
    }
    uint64_t h = 1469598103934665603ULL;
    while (p < len) {
        unsigned char c = (unsigned char)s[p];
        if (!(c >= 0x80 || evc_is_alpha(c) || evc_is_digit(c)))
            break;
        h ^= (unsigned char)evc_to_lower(c);
        h *= 1099511628211ULL;
        p++;
    }
    *i = p;
    return h ? h : 1;
}

/* The i-th hash function is x -> high 32 bits of (a_i * mix(x) + b_i) with
 * a_i odd: a multiply-shift family, fixed by seed so signatures are stable
 * across runs and machines. */
typedef struct hfam {
    uint64_t a[EVC_MINHASH_N], b[EVC_MINHASH_N];
} hfam;

static void hfam_init(hfam *f)
{
    for (size_t i = 0; i < EVC_MINHASH_N; i++) {
        f->a[i] = mix64(2 * i + 1) | 1;
        f->b[i] = mix64(2 * i + 2);
    }
}

static void update(const hfam *f, uint32_t sig[EVC_MINHASH_N], uint64_t shingle)
{
    uint64_t x = mix64(shingle);
    for (size_t i = 0; i < EVC_MINHASH_N; i++) {
        uint32_t v = (uint32_t)((f->a[i] * x + f->b[i]) >> 32);
        if (v < sig[i])
            sig[i] = v;
    }
}

size_t evc_minhash(const char *text, size_t len, uint32_t sig[EVC_MINHASH_N])
{
    memset(sig, 0xFF, EVC_MINHASH_N * sizeof *sig);
    hfam f;
    hfam_init(&f);
    uint64_t ring[EVC_SHINGLE_WORDS];
    size_t nw = 0, n = 0, i = 0;
    uint64_t w;
    while ((w = next_word(text, len, &i)) != 0) {
        ring[nw % EVC_SHINGLE_WORDS] = w;
        nw++;
        if (nw >= EVC_SHINGLE_WORDS) {
            uint64_t h = 0;
            for (size_t k = nw - EVC_SHINGLE_WORDS; k < nw; k++)
                h = evc_hash_mix(h, ring[k % EVC_SHINGLE_WORDS]);
            update(&f, sig, h);
            n++;
        }
    }
    if (nw > 0 && nw < EVC_SHINGLE_WORDS) {
        /* a text shorter than one shingle is one shingle of all its words */
        uint64_t h = 0;
        for (size_t k = 0; k < nw; k++)
            h = evc_hash_mix(h, ring[k]);
        update(&f, sig, h);
        n = 1;
    }
    return n;
}

double evc_minhash_similarity(const uint32_t a[EVC_MINHASH_N], const uint32_t b[EVC_MINHASH_N])
{
    size_t eq = 0;
    for (size_t i = 0; i < EVC_MINHASH_N; i++)
        eq += a[i] == b[i];
    return (double)eq / EVC_MINHASH_N;
}

void evc_minhash_bands(const uint32_t sig[EVC_MINHASH_N], uint64_t keys[EVC_LSH_BANDS])
{
    for (size_t b = 0; b < EVC_LSH_BANDS; b++) {
        uint64_t h = mix64(b + 1);
        for (size_t r = 0; r < EVC_LSH_ROWS; r++)
            h = evc_hash_mix(h, sig[b * EVC_LSH_ROWS + r]);
        /* stored as a signed SQLite integer: keep it in 63 bits */
        keys[b] = h & 0x7fffffffffffffffULL;
    }
}

uint64_t evc_fingerprint(const char *s, size_t len, size_t *nwords)
{
    size_t i = 0, n = 0;
    uint64_t h = 0, w;
    while ((w = next_word(s, len, &i)) != 0) {
        h = evc_hash_mix(h, w);
        n++;
    }
    if (nwords)
        *nwords = n;
    return n ? (h & 0x7fffffffffffffffULL) | 1 : 0;
}
