/*
 * Near-duplicate detection for the store (docs/store.md, "Deduplication").
 *
 * Articles: MinHash over word 5-shingles (Broder 1997, "On the resemblance
 * and containment of documents"): EVC_MINHASH_N hash functions, each keeping
 * the least hash of any shingle, so that the share of equal slots between two
 * signatures estimates the Jaccard similarity of their shingle sets. Candidate
 * pairs are found by LSH banding (Leskovec, Rajaraman, Ullman, "Mining of
 * Massive Datasets", ch. 3): EVC_LSH_BANDS bands of EVC_LSH_ROWS slots, one
 * key per band; articles that share a key are compared.
 *
 * Passages and sentences: a 64-bit fingerprint of the words of a paragraph or
 * sentence, lower-cased, punctuation and spacing ignored.
 */
#ifndef EVC_DEDUP_H
#define EVC_DEDUP_H
#include <stddef.h>
#include <stdint.h>

#define EVC_SHINGLE_WORDS 5
#define EVC_LSH_BANDS 42
#define EVC_LSH_ROWS 3
#define EVC_MINHASH_N (EVC_LSH_BANDS * EVC_LSH_ROWS)
/* estimated Jaccard at or above which an article is a near-duplicate */
#define EVC_DUP_THRESHOLD 0.5
/* paragraphs of at least this many words are passage fingerprints */
#define EVC_PASSAGE_MIN_WORDS 8
/* shared passages that link two articles that are not near-duplicates */
#define EVC_PASSAGE_LINK_MIN 3

/* Fills sig with the MinHash signature of text[0..len); returns the number
 * of shingles (0: no words, sig is all 0xFFFFFFFF). */
size_t evc_minhash(const char *text, size_t len, uint32_t sig[EVC_MINHASH_N]);
/* The share of equal slots: an estimate of the Jaccard similarity. */
double evc_minhash_similarity(const uint32_t a[EVC_MINHASH_N], const uint32_t b[EVC_MINHASH_N]);
/* One LSH key per band (band number mixed in, so keys of different bands
 * never meet). */
void evc_minhash_bands(const uint32_t sig[EVC_MINHASH_N], uint64_t keys[EVC_LSH_BANDS]);
/* Fingerprint of the words of s[0..len), and their count in *nwords (may be
 * NULL); 0 when there are no words. */
uint64_t evc_fingerprint(const char *s, size_t len, size_t *nwords);
#endif
