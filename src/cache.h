/*
 * Compiled dictionary cache: the flat tables of a loaded context written as
 * one file and mapped back by the next load of the same dictionaries, so
 * that a large dictionary set (Phoenix) is compiled once.
 *
 * A cache is used only when it was written by this very build of the
 * library (its file's identity), its whole body checksums, every source
 * file still has the size and content hash it had, and every directory
 * that was listed for files still lists the same names. Otherwise it is
 * rebuilt. Writes are atomic (a temporary file renamed into place), so
 * processes that load at once never see half a file.
 */
#ifndef EVC_CACHE_H
#define EVC_CACHE_H
#include "dict.h"

enum { EVC_CACHE_OFF = 0, EVC_CACHE_LOADED = 1, EVC_CACHE_WRITTEN = 2 };

/* The cache file for the dictionaries named by dir / files[] under
 * cache_dir, written into out; 0 when it cannot be named. */
int evc_cache_path(const char *cache_dir, const char *dir, const char *const *files, size_t n_files, char *out,
                   size_t cap);
/* Maps a valid cache at path into ctx (tables, counts, cameo table).
 * Returns 1 when loaded; 0 when missing, stale or damaged (ctx untouched). */
int evc_cache_load(evc_ctx *ctx, const char *path);
/* Writes ctx's tables to path (creating its directory). Returns 0 on
 * success, -1 when the cache could not be written (the load still stands). */
int evc_cache_save(const evc_ctx *ctx, const char *path);
#endif
