/*
 * evcode: news text in, CAMEO-coded events and attributed quotations out.
 *
 * This is the only public header. All types are opaque except the small
 * option, error, article and record structs below.
 *
 * Thread-safety: an evc_ctx is immutable once evc_ctx_new() returns and may be
 * shared by any number of threads. An evc_doc belongs to one thread at a time;
 * use one evc_doc per worker thread and reuse it with evc_doc_reset().
 *
 * Memory: every pointer returned by an evc_doc_* accessor points into the
 * document's arena and stays valid until the next evc_doc_reset(),
 * evc_doc_code() or evc_doc_free() on that document. The caller frees nothing
 * it did not allocate, except objects returned by *_new(), which it frees with
 * the matching *_free(). Every *_free(NULL) does nothing.
 *
 * The library never prints, exits or aborts on bad input: invalid UTF-8 is
 * replaced by U+FFFD, NUL and control bytes by spaces, and problems are
 * reported through evc_status codes and an optional evc_error.
 */
#ifndef EVCODE_H
#define EVCODE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define EVC_EXPORT __attribute__((visibility("default")))
#else
#define EVC_EXPORT
#endif

#define EVC_VERSION "0.1.0"
#define EVC_SCHEMA_VERSION 1

/* Status codes: EVC_OK is 0, errors are negative. Values are never renumbered. */
typedef enum evc_status {
    EVC_OK = 0,
    EVC_ERR_NOMEM = -1,   /* an allocation failed */
    EVC_ERR_IO = -2,      /* a file could not be opened or read */
    EVC_ERR_ARG = -3,     /* an argument is invalid (NULL where not allowed, ...) */
    EVC_ERR_DICT = -4,    /* a dictionary file has an error */
    EVC_ERR_JSON = -5,    /* a JSON input line is malformed */
    EVC_ERR_INPUT = -6,   /* an article is unusable (empty, binary, too large) */
    EVC_ERR_ABORT = -7    /* a callback asked to stop */
} evc_status;

/* A static English message for a status code. */
EVC_EXPORT const char *evc_strerror(evc_status status);

/* Details of an input error. `line` and `col` are 1-based, 0 when unknown;
 * `offset` is a byte offset into the input given to the failing call. */
typedef struct evc_error {
    evc_status code;
    size_t line;
    size_t col;
    size_t offset;
    char file[256];   /* dictionary file, for dictionary errors; else "" */
    char msg[256];
} evc_error;

/* Output formats and record kinds (bit flags for evc_doc_write). */
typedef enum evc_format { EVC_FORMAT_JSONL = 1, EVC_FORMAT_TSV = 2 } evc_format;
enum {
    EVC_REC_EVENTS = 1 << 0,
    EVC_REC_QUOTES = 1 << 1,
    EVC_REC_ARTICLES = 1 << 2,
    /* with EVC_REC_EVENTS, each event gets an "explain" object (why it was
     * coded: dictionary lines and rules), and each sentence without an event
     * a {"type":"no_event"} record saying why; needs evc_doc_set_explain */
    EVC_REC_EXPLAIN = 1 << 3
};

/* The largest max_article_bytes: a larger value is lowered to it. */
#define EVC_MAX_ARTICLE_BYTES ((size_t)512 << 20)

/* TABARI's coding options, the commands of its .options file and of the
 * OPTION records of its validation suite; they apply when the dictionaries
 * are TABARI's. */
typedef struct evc_tabari_options {
    /* SET: MINIMUM WORDS = N: a sentence of fewer words is not coded. The
     * default here is 0 (a filter is an option, not a default); TABARI's own
     * is 8, which `evcode validate` assumes for its suite */
    int min_words;
    /* DEFAULT: SOURCE [X] PRIOR TARGET [Y] AFTER: the codes of a source or a
     * target the sentence does not name ("" = none). Without PRIOR the
     * source may be the first actor after the verb, without AFTER the
     * target may be the last of a compound source; with them, the default
     * takes their place. */
    char default_source[16], default_target[16];
    int default_prior, default_after;
    /* COMMA: MIN = . MAX = . EMIN = . EMAX = . BMIN = . BMAX = .: a clause
     * set off by commas is skipped when its words number MIN..MAX inside the
     * sentence, EMIN..EMAX at its end, BMIN..BMAX at its start (default 2
     * 10 2 10 255 0); COMMA: OFF skips none and lets a verb's actors lie
     * past commas */
    int comma_off, comma[6];
    /* SET: CODE BY CLAUSE (the default: a clause codes its first verb), CODE
     * BY SENTENCE (a sentence its first), CODE ALL (every verb; one without
     * its own source or target takes the sentence's first act's) */
    int code_by;
    /* COMPLEX: VERBS[V] CONJ[C] NOACTPRIOR: a sentence is too complex to
     * code when it has V verbs or more (a word after an article is a noun),
     * C conjunctions or more ("and" or "or" between two actors joins a
     * compound and does not count), or (NOACTPRIOR) no actor before its
     * first verb that codes; 0 = no such limit */
    int complex_verbs, complex_conj, complex_noactprior;
} evc_tabari_options;
enum { EVC_TABARI_CODE_BY_CLAUSE = 0, EVC_TABARI_CODE_BY_SENTENCE = 1, EVC_TABARI_CODE_ALL = 2 };

/* TABARI's defaults. */
EVC_EXPORT void evc_tabari_options_default(evc_tabari_options *o);
/* Applies one TABARI option command ("SET: MINIMUM WORDS = 4", "DEFAULT:
 * OFF", "COMMA: MIN = 4 MAX = 6", "SET: CODE ALL", "COMPLEX: VERBS[5]", n
 * bytes) to o. Returns 1 when the command
 * is one of the above, 0 for the others (TABARI's output and interface
 * settings, which do not change what is coded), which leave o as it was. */
EVC_EXPORT int evc_tabari_option(evc_tabari_options *o, const char *cmd, size_t n);

/* Options for a context. Fill with evc_options_default() and change fields;
 * new fields are only ever appended. */
typedef struct evc_options {
    const char *dict_dir;        /* directory of dictionaries; NULL = built-in data dir */
    size_t max_article_bytes;    /* larger articles are refused with EVC_ERR_INPUT; at most
                                  * EVC_MAX_ARTICLE_BYTES (texts are indexed with 32-bit offsets) */
    int min_sentence_words;      /* Phoenix-style filter: shorter sentences are not coded (0 = off) */
    int max_sentences;           /* code only the first N body sentences (0 = all) */
    /* TABARI or PETRARCH dictionary files, each "KIND:PATH" with KIND one of
     * actors, agents, verbs, discards, issues, options, project, pico (UD-
     * PETRARCH's internal coding ontology, which gives negated acts their
     * codes); when given
     * they replace the actors, agents and verbs of dict_dir (which may itself
     * be a directory of such files or a TABARI .project file). */
    const char *const *dict_files;
    size_t n_dict_files;
    /* directory for compiled dictionary caches (NULL = compile at every
     * load): the first load writes the compiled tables there, later loads
     * of unchanged dictionaries map them (see evc_default_cache_dir) */
    const char *cache_dir;
    /* a peer actor coded for several ("THE_SHIRE_ [FRO/BIL/SAM]"): 0 = an
     * event for each of them, as TABARI and PETRARCH2 code it; 1 = one event
     * with the joint code, as UD-PETRARCH does */
    int joint_codes;
    /* TABARI's coding options (copied); NULL = its defaults with the
     * commands of the dictionaries' .options file applied */
    const evc_tabari_options *tabari;
} evc_options;

EVC_EXPORT void evc_options_default(evc_options *opts);

/* The data directory compiled into the library (where `make install` or the
 * source tree keeps data/). */
EVC_EXPORT const char *evc_default_data_dir(void);

/* The per-user cache directory for compiled dictionaries: $EVCODE_CACHE_DIR,
 * else $XDG_CACHE_HOME/evcode, else $HOME/.cache/evcode, written into buf;
 * NULL when none is set or buf is too small. */
EVC_EXPORT const char *evc_default_cache_dir(char *buf, size_t cap);

/* ---- Context ---------------------------------------------------------- */

typedef struct evc_ctx evc_ctx;

/* Loads the dictionaries named by `opts` (NULL = defaults) into a new context.
 * On success *out owns the context (free with evc_ctx_free). On failure *out is
 * NULL, the status is returned and `err` (may be NULL) says which file and line.
 * Thread-safe: may be called from any thread; the result is immutable. */
EVC_EXPORT evc_status evc_ctx_new(const evc_options *opts, evc_ctx **out, evc_error *err);
EVC_EXPORT void evc_ctx_free(evc_ctx *ctx);

/* Counts of loaded dictionary entries, for reports. */
typedef struct evc_dict_stats {
    size_t actors, agents, verb_patterns, cameo_codes, lemmas;
    /* the actor names by kind (they add up to `actors`), and files read */
    size_t countries, people, organisations, files;
    /* peer dictionaries: discard phrases, issue phrases, synsets, and the
     * malformed lines skipped (evc_dict_check reports each) */
    size_t discards, issues, synsets, skipped_lines;
    /* the compiled cache: 0 not used, 1 loaded from it, 2 compiled and written */
    int cache;
    /* the gazetteer (data/places.tsv): its places */
    size_t places;
} evc_dict_stats;
EVC_EXPORT void evc_ctx_stats(const evc_ctx *ctx, evc_dict_stats *out);
/* The TABARI options the context codes with (see evc_tabari_options). */
EVC_EXPORT void evc_ctx_tabari_options(const evc_ctx *ctx, evc_tabari_options *out);

/* The i-th CAMEO code of the loaded table (i < stats.cameo_codes), with the
 * number of verb patterns that produce it in *n_patterns; NULL past the end. */
EVC_EXPORT const char *evc_ctx_cameo_code(const evc_ctx *ctx, size_t i, size_t *n_patterns);

/* Receives one dictionary error: err->file, err->line and err->msg. */
typedef void (*evc_dict_error_fn)(void *user, const evc_error *err);

/* Reads the dictionaries of `dir` (NULL = the built-in data) as
 * evc_ctx_new() does, but reports every malformed line through on_error
 * (which may be NULL) instead of stopping at the first, and fills `stats`
 * (may be NULL) with what was read. Returns EVC_OK, EVC_ERR_DICT when some
 * line was bad, or EVC_ERR_IO / EVC_ERR_NOMEM (also reported through
 * on_error). Thread-safe. */
EVC_EXPORT evc_status evc_dict_check(const char *dir, evc_dict_error_fn on_error, void *user, evc_dict_stats *stats);

/* ---- Articles ---------------------------------------------------------- */

/* An article given to the coder. Strings are UTF-8 (invalid bytes are
 * replaced), need not be NUL-terminated and are copied by the call; any field
 * but `text` may be NULL. `published` is YYYY-MM-DD. */
typedef struct evc_article {
    const char *id; size_t id_len;
    const char *url; size_t url_len;
    const char *outlet; size_t outlet_len;
    const char *published; size_t published_len;
    const char *title; size_t title_len;
    const char *text; size_t text_len;
    /* When non-zero the first non-empty line of `text` may be taken as the
     * title (plain-text inputs); JSONL inputs with a title set this to 0. */
    int title_in_text;
} evc_article;

/* ---- Documents ---------------------------------------------------------- */

typedef struct evc_doc evc_doc;

/* A new, empty document bound to `ctx` (which must outlive it). NULL when out
 * of memory. One thread at a time. */
EVC_EXPORT evc_doc *evc_doc_new(const evc_ctx *ctx);
EVC_EXPORT void evc_doc_free(evc_doc *doc);
/* Forgets the current article and all its results, keeping the memory. */
EVC_EXPORT void evc_doc_reset(evc_doc *doc);

/* Whole-article call: cleans, splits, and codes `art`. Replaces any previous
 * results of `doc`. Returns EVC_OK, or EVC_ERR_INPUT (empty, binary or too
 * large; `err` says why), EVC_ERR_NOMEM. Problems that were repaired (invalid
 * UTF-8, NUL bytes) are counted in evc_doc_repairs(). */
EVC_EXPORT evc_status evc_doc_code(evc_doc *doc, const evc_article *art, evc_error *err);

/* Streaming calls: begin with the metadata of `art` (its text is ignored),
 * feed the text in chunks of any size, then finish, which codes the article.
 * evc_doc_code() is sugar over these three. */
EVC_EXPORT evc_status evc_doc_begin(evc_doc *doc, const evc_article *art, evc_error *err);
EVC_EXPORT evc_status evc_doc_feed(evc_doc *doc, const char *chunk, size_t len, evc_error *err);
EVC_EXPORT evc_status evc_doc_finish(evc_doc *doc, evc_error *err);

/* Parses one JSON Lines record ({"id","url","outlet","published","title",
 * "text"}; only "text" is required) and codes it as evc_doc_code() does.
 * `default_id` is used when the record has no "id". Returns EVC_ERR_JSON with
 * the column in `err` when the line is not a JSON object of that shape. */
EVC_EXPORT evc_status evc_doc_code_json(evc_doc *doc, const char *line, size_t len,
                                        const char *default_id, const char *default_published,
                                        evc_error *err);

/* Repairs made to the last article's bytes (its text and its metadata: id,
 * url, outlet, title): invalid UTF-8 sequences and NUL bytes replaced. */
typedef struct evc_repairs {
    size_t invalid_utf8, nul_bytes;
    size_t first_line;    /* 1-based line of the first repair in the text (1 when only the
                           * metadata was repaired), 0 when none */
} evc_repairs;
EVC_EXPORT void evc_doc_repairs(const evc_doc *doc, evc_repairs *out);

/* ---- Results -------------------------------------------------------------- */

/* A coded event. Strings are NUL-terminated and owned by the document;
 * `target`, `date`, `location_*` may be NULL. */
typedef struct evc_event {
    int sentence_index;
    const char *sentence;
    const char *date;
    const char *source, *source_name;
    const char *target, *target_name;
    const char *code;
    int quad_class;
    double goldstein;
    const char *location_name, *location_country;
    double lat, lon;      /* NaN when unknown */
} evc_event;

typedef struct evc_quote {
    int sentence_index;
    const char *speaker, *speaker_code;
    const char *kind;     /* "direct" or "indirect" */
    const char *text;
    const char *cue, *venue, *date;
} evc_quote;

typedef struct evc_article_info {
    const char *id, *title, *published, *outlet, *url, *text;
    int n_sentences;
} evc_article_info;

EVC_EXPORT size_t evc_doc_n_events(const evc_doc *doc);
EVC_EXPORT const evc_event *evc_doc_event(const evc_doc *doc, size_t i);
EVC_EXPORT size_t evc_doc_n_quotes(const evc_doc *doc);
EVC_EXPORT const evc_quote *evc_doc_quote(const evc_doc *doc, size_t i);
EVC_EXPORT const evc_article_info *evc_doc_article(const evc_doc *doc);

/* Writes the document's records (a mask of EVC_REC_*) in `format` through
 * `write`, which receives bytes to append and returns non-zero to abort
 * (then EVC_ERR_ABORT is returned). JSONL: schema v1, one object per line. */
typedef int (*evc_write_fn)(void *user, const char *bytes, size_t len);
EVC_EXPORT evc_status evc_doc_write(const evc_doc *doc, evc_format format, int records,
                                    evc_write_fn write, void *user);

/* The TSV header line (with its newline) matching evc_doc_write's TSV rows. */
EVC_EXPORT const char *evc_tsv_header(void);


/* ---- Web pages: HTML main text and WARC archives ------------------------ */

/* What evc_html_extract() found on a page. Strings are NUL-terminated UTF-8
 * owned by the extractor, valid until its next call or evc_extractor_free();
 * any may be NULL but `text` ("" when the page has no main text). `text`
 * holds one paragraph or heading per line. `published` is YYYY-MM-DD. */
typedef struct evc_page {
    const char *title, *published, *outlet, *url, *lang, *text;
    size_t text_len;
    const char *charset;  /* the charset the page was read in */
} evc_page;

/* An extractor holds the buffers reused from page to page. One thread at a
 * time; one per thread. NULL when out of memory. */
typedef struct evc_extractor evc_extractor;
EVC_EXPORT evc_extractor *evc_extractor_new(void);
EVC_EXPORT void evc_extractor_free(evc_extractor *x);

/* Parses the HTML page html[0..len) (libxml2) and extracts its main text and
 * metadata into *out. `url` (may be NULL) is where the page came from;
 * `charset` (may be NULL) the charset of its HTTP header, which wins over
 * the page's own <meta charset>; without either the bytes are read as UTF-8
 * when they are valid UTF-8, else as windows-1252. Returns EVC_OK (also for
 * a page without main text: out->text is then ""), EVC_ERR_INPUT when the
 * bytes are no HTML (binary) or EVC_ERR_NOMEM. */
EVC_EXPORT evc_status evc_html_extract(evc_extractor *x, const char *html, size_t len, const char *url,
                                       const char *charset, evc_page *out, evc_error *err);

/* Extracts an HTML page as evc_html_extract() does and codes its main text
 * as evc_doc_code() does, with the page's title, date, outlet and URL. `id`
 * names the article; `url` and `charset` are as above; `default_published`
 * (YYYY-MM-DD, may be NULL) is used when the page carries no date. A page
 * without main text fails with EVC_ERR_INPUT. */
EVC_EXPORT evc_status evc_doc_code_html(evc_doc *doc, const char *html, size_t len, const char *id, const char *url,
                                        const char *charset, const char *default_published, evc_error *err);

/* A WARC reader (WARC/1.0 and 1.1, plain or gzip, one member per record or
 * one for the whole file) over bytes supplied by `read`, which fills
 * buf[0..cap) and returns the number of bytes read, 0 at the end, or -1 on
 * an error. Streaming: one record is held at a time. */
typedef long (*evc_read_fn)(void *user, char *buf, size_t cap);
typedef struct evc_warc evc_warc;

/* One record. Strings are NUL-terminated and owned by the reader, valid
 * until its next call; those the record lacks are NULL. For "response"
 * records of HTTP, `status` is the HTTP status, `content_type` and `charset`
 * come from the HTTP header and `payload` is the HTTP body with chunked
 * transfer and gzip or deflate content encoding undone; otherwise status is
 * 0 and payload is the record block. `line` is the 1-based line of the
 * record's "WARC/" line in the uncompressed stream; `index` its 1-based
 * number in the file. `is_html` is set for 2xx HTML responses. */
typedef struct evc_warc_record {
    const char *type, *target_uri, *date, *content_type, *charset;
    int status, is_html;
    const char *payload;
    size_t payload_len, line, index;
} evc_warc_record;

/* A new reader; records whose block exceeds max_record bytes (0: 64 MiB)
 * are skipped with an error. NULL when out of memory. */
EVC_EXPORT evc_warc *evc_warc_new(evc_read_fn read, void *user, size_t max_record);
EVC_EXPORT void evc_warc_free(evc_warc *w);

/* Reads the next record into *rec. Returns 1 with a record, 0 at the end of
 * the input, or a negative status: EVC_ERR_INPUT for a malformed or too
 * large record (err->line and err->msg say which; the reader has skipped
 * it, call again for the next record), EVC_ERR_IO when `read` failed or the
 * compressed stream is corrupt (the reader stops: later calls return 0),
 * EVC_ERR_NOMEM. */
EVC_EXPORT int evc_warc_next(evc_warc *w, evc_warc_record *rec, evc_error *err);
/* ---- Stage timing (for benchmarks) --------------------------------------- */

/* The stages of coding an article, in pipeline order. Writing records is the
 * caller's to time (evc_doc_write takes a const document). */
typedef enum evc_stage {
    EVC_STAGE_PARSE,  /* the JSON Lines record */
    EVC_STAGE_CLEAN,  /* repairs, boilerplate, title, captions */
    EVC_STAGE_SPLIT,  /* sentences, tokens, lemmas */
    EVC_STAGE_ACTORS, /* actor mentions and coreference */
    EVC_STAGE_QUOTES, /* quotations and speakers */
    EVC_STAGE_DATES,  /* sentence and statement dates, the article's focus */
    EVC_STAGE_CODE,   /* verb patterns, grammar, places: the events */
    EVC_N_STAGES
} evc_stage;
EVC_EXPORT const char *evc_stage_name(evc_stage stage);
/* Off by default. When on, the wall time of each stage is added up over every
 * article the document codes (evc_doc_reset keeps the sums). */
EVC_EXPORT void evc_doc_set_timing(evc_doc *doc, int on);
EVC_EXPORT void evc_doc_stage_seconds(const evc_doc *doc, double out[EVC_N_STAGES]);
/* Off by default. When on, coding keeps why each event was coded and why
 * each sentence gave none (EVC_REC_EXPLAIN); costs a little time. */
EVC_EXPORT void evc_doc_set_explain(evc_doc *doc, int on);
/* The explanation of event i as one JSON object, appended through `write`;
 * EVC_ERR_ARG when explaining was off or i is out of range. */
EVC_EXPORT evc_status evc_doc_explain_json(const evc_doc *doc, size_t i, evc_write_fn write, void *user);
/* Gaps in the dictionaries met while explaining (evcode upkeep): a name or
 * noun phrase that stood where a matched verb pattern needed its source or
 * target but matched no entry ("source", "target"), and a verb right after
 * a known actor in a sentence where no pattern matched ("verb"). `code` and
 * `flags` are guessed from the text around it (an adjective or country and a
 * role noun before it or in an appositive, else the article's country);
 * NULL when nothing says. Verbs carry their lemma's hash in `key` (equal for
 * every form of one verb). Valid until the document codes again. */
typedef struct evc_gap {
    const char *kind;     /* "source", "target" or "verb" */
    const char *text;
    const char *code, *flags;
    unsigned long long key;
    int sentence_index;
    const char *sentence;
    const char *pattern;  /* "CODE words" of the pattern that needed an actor; NULL for verbs */
} evc_gap;
EVC_EXPORT size_t evc_doc_n_gaps(const evc_doc *doc);
EVC_EXPORT const evc_gap *evc_doc_gap(const evc_doc *doc, size_t i);
/* The article's explanation as text for a terminal: each sentence, its events
 * with their dictionary lines and rules, or why it gave none. */
EVC_EXPORT evc_status evc_doc_explain_text(const evc_doc *doc, evc_write_fn write, void *user);

/* ---- Store (SQLite) ------------------------------------------------------
 * A store keeps articles, events merged GDELT-style (one per day and
 * compatible source, target and code: USA and USAMIL, 180 and 1831; with
 * every mention, its sentence and own codes), quotes and actors
 * in one SQLite file (WAL). docs/store.md gives the schema and the
 * deduplication method. Writing: evc_store_doc_new() snapshots a coded
 * document (any thread; it also computes the MinHash signature), then
 * evc_store_begin(), evc_store_put() for each snapshot in input order and
 * evc_store_commit() write one batch in one transaction. An article whose id
 * and content hash are already stored adds nothing, so a batch interrupted
 * at any moment (even by SIGKILL) can be run again. One evc_store belongs to
 * one thread at a time; several processes may read a store while one writes. */
typedef struct evc_store evc_store;
typedef struct evc_store_doc evc_store_doc;

/* Opens (creating when missing) the store at `path`. On failure *out is NULL
 * and `err` (may be NULL) says why: EVC_ERR_IO (cannot open, not a store,
 * newer schema). Free with evc_store_close(). */
EVC_EXPORT evc_status evc_store_open(const char *path, evc_store **out, evc_error *err);
/* Closes; an open batch is rolled back. */
EVC_EXPORT void evc_store_close(evc_store *st);

/* A snapshot of `doc`'s article, events and quotes that owns its memory
 * (free with evc_store_doc_free). Thread-safe for distinct docs. */
EVC_EXPORT evc_status evc_store_doc_new(const evc_doc *doc, evc_store_doc **out);
EVC_EXPORT void evc_store_doc_free(evc_store_doc *sd);

/* A snapshot rebuilt from the records of one article as evc_doc_write
 * writes them in JSONL (EVC_REC_ARTICLES | EVC_REC_EVENTS | EVC_REC_QUOTES),
 * read back by the caller: `art` holds the article record's article (id),
 * title, published, outlet, url, sentences (n_sentences) and text, `events`
 * and `quotes` its event and quote records in order (lat/lon NaN when null).
 * Storing it does exactly what storing evc_store_doc_new() of the coded
 * document does, so records coded on several machines merge into one store
 * with the deduplication of a single run. Every string is copied. Returns
 * EVC_ERR_ARG when art or its id is NULL or an event has no code; free with
 * evc_store_doc_free. Thread-safe. */
EVC_EXPORT evc_status evc_store_doc_from_records(const evc_article_info *art, const evc_event *events,
                                                 size_t n_events, const evc_quote *quotes, size_t n_quotes,
                                                 evc_store_doc **out);

/* What evc_store_put() did with one article. */
typedef struct evc_store_result {
    int status;           /* EVC_STORE_ADDED, _UNCHANGED or _REPLACED */
    int duplicate;        /* 1 when linked to an earlier canonical article */
    double similarity;    /* estimated Jaccard with it (0 when none) */
    size_t linked;        /* earlier articles it shares passages with */
    size_t events, new_events, quotes;
} evc_store_result;
enum { EVC_STORE_ADDED = 1, EVC_STORE_UNCHANGED = 2, EVC_STORE_REPLACED = 3 };

EVC_EXPORT evc_status evc_store_begin(evc_store *st, evc_error *err);
/* Stores one snapshot inside the open batch; `res` may be NULL. */
EVC_EXPORT evc_status evc_store_put(evc_store *st, const evc_store_doc *sd, evc_store_result *res, evc_error *err);
EVC_EXPORT evc_status evc_store_commit(evc_store *st, evc_error *err);

typedef struct evc_store_stats {
    size_t articles, duplicates, links, events, mentions, quotes, actors;
} evc_store_stats;
EVC_EXPORT evc_status evc_store_stats_get(evc_store *st, evc_store_stats *out, evc_error *err);

/* Export and query. Filters left NULL (or 0) do not filter: `actor` is a
 * prefix of the source or target code, `code` a prefix of the CAMEO code,
 * `from`/`to` bound the event day (YYYY-MM-DD, inclusive), `text` words that
 * must all occur in a mention's sentence. The lists appended at the end
 * widen one filter each: an event passes `actors` when any entry is a prefix
 * of its source or target (`actor`, when set, is one more entry), `codes`
 * when any entry is a prefix of its code (`code` likewise), `places` when any
 * entry equals its country code or its place name (ASCII case ignored).
 * Different filters combine with AND. At most EVC_QUERY_MAX_LIST entries
 * per list. */
typedef enum evc_export_format {
    EVC_EXPORT_JSONL = 1,  /* articles, events with their mentions, quotes, actors */
    EVC_EXPORT_GDELT = 2,  /* GDELT 2.0 event table: 61 tab-separated columns */
    EVC_EXPORT_PLOVER = 3, /* PLOVER event type and mode mapped from CAMEO, JSONL */
    EVC_EXPORT_CSV = 4     /* events, one row each, with a header */
} evc_export_format;
typedef struct evc_query {
    const char *actor, *code, *from, *to, *text;
    size_t limit;          /* at most this many events (0 = all) */
    const char *data_dir;  /* where plover.txt is (NULL = evc_default_data_dir()) */
    size_t offset;         /* skip this many events first (0 = none) */
    const char *const *actors;
    size_t n_actors;
    const char *const *codes;
    size_t n_codes;
    const char *const *places;   /* a country code (UKR) or a place name (Kabul) */
    size_t n_places;
    int use_goldstein_below;     /* when set: Goldstein score < goldstein_below */
    double goldstein_below;      /* -10 to 10 */
} evc_query;
#define EVC_QUERY_MAX_LIST 64

/* Writes the store (events filtered by `q`, which may be NULL) in `format`
 * through `write`. EVC_ERR_ARG for a bad filter (err says which),
 * EVC_ERR_IO for a database error, EVC_ERR_ABORT when write returned non-zero. */
EVC_EXPORT evc_status evc_store_export(evc_store *st, evc_export_format format, const evc_query *q,
                                       evc_write_fn write, void *user, evc_error *err);

/* One merged event, for callers that lay out their own tables. Strings are
 * valid during the callback only; target and location may be NULL. */
typedef struct evc_event_row {
    long long id;
    const char *day, *source, *source_name, *target, *target_name, *code;
    int quad_class;
    double goldstein;
    long num_mentions, num_sources, num_articles;
    const char *article, *sentence;   /* the first mention */
    const char *location;
} evc_event_row;
typedef int (*evc_event_row_fn)(void *user, const evc_event_row *row);
/* Calls `fn` for each event matching `q` in day, source, target, code order. */
EVC_EXPORT evc_status evc_store_query(evc_store *st, const evc_query *q, evc_event_row_fn fn, void *user,
                                      evc_error *err);

/* ---- Reading the store (the HTTP API of `evcode serve`) -------------------
 * Each call writes one JSON object through `write` from one read transaction,
 * so it is a consistent snapshot while another process ingests. Values reach
 * SQL as bound parameters. Return EVC_OK, EVC_ERR_ARG (a bad argument; err
 * says which), EVC_ERR_IO (database), EVC_ERR_NOMEM or EVC_ERR_ABORT (write
 * returned non-zero). Like every evc_store call, one store per thread. */

/* Opens an existing store read-only (it is never created or changed).
 * EVC_ERR_IO when it is missing, not a store or of a newer schema. */
EVC_EXPORT evc_status evc_store_open_readonly(const char *path, evc_store **out, evc_error *err);
/* The event with row id `id` (evc_event_row.id) and every mention: article
 * (id, title, published, outlet, url), sentence index, sentence, date.
 * Writes nothing and sets *found to 0 when there is no such event. */
EVC_EXPORT evc_status evc_store_event_json(evc_store *st, long long id, evc_write_fn write, void *user, int *found,
                                           evc_error *err);
/* The article `article` (its id): metadata, cleaned text, links to and
 * from other articles, its event mentions and quotes. *found as above. */
EVC_EXPORT evc_status evc_store_article_json(evc_store *st, const char *article, evc_write_fn write, void *user,
                                             int *found, evc_error *err);
/* {"actors":[{code,name,mentions}]}: most mentioned first; `prefix` (may be
 * NULL) starts the code or the name (ASCII case ignored); limit 0 = all. */
EVC_EXPORT evc_status evc_store_actors_json(evc_store *st, const char *prefix, size_t limit, evc_write_fn write,
                                            void *user, evc_error *err);
/* {"offset","limit","count","more","quotes":[...]}: quotes by date, article
 * and order; `speaker` (may be NULL) occurs in the speaker's name or starts
 * the speaker's code; every word of `text` (may be NULL) occurs in the
 * quote. limit 0 = all. */
EVC_EXPORT evc_status evc_store_quotes_json(evc_store *st, const char *speaker, const char *text, size_t limit,
                                            size_t offset, evc_write_fn write, void *user, evc_error *err);
/* {"offset","limit","count","more","speakers":[{speaker,speaker_code,quotes}]}:
 * each (speaker, speaker code) pair with its number of quotes, most quoted
 * first (then by name and code; a quote without a speaker is counted under
 * null). limit 0 = all. */
EVC_EXPORT evc_status evc_store_speakers_json(evc_store *st, size_t limit, size_t offset, evc_write_fn write,
                                              void *user, evc_error *err);

/* ---- Watchlists and alerts ------------------------------------------------
 * A watchlist is a saved filter (the actor, code, place and Goldstein filters
 * of evc_query, with the same meaning as in evc_store_query) and an optional
 * webhook URL. Every batch that evc_store_commit() commits records, in the
 * same transaction, a hit for each event the batch added or changed that a
 * watchlist matches: one per (watchlist, event), however many mentions
 * later merge into the event, so a rerun after a crash neither loses nor
 * repeats one. A hit of a watchlist with a webhook gets a delivery. The
 * library opens no socket: evc_watch_claim() hands out the deliveries that
 * are due with the JSON to POST, the caller POSTs each and fills in the
 * outcome, evc_watch_settle() records it; a failed attempt is retried after
 * 5 s, 10 s, 20 s, ... (at most 6 h apart) until the 20th, after which the
 * delivery is marked failed. Times are UTC, YYYY-MM-DDTHH:MM:SSZ. Tables and
 * method: docs/store.md. The write calls below run their own transaction
 * (EVC_ERR_ARG inside an open batch). */

/* A watchlist. In `filter` only actor, code, actors, codes, places and the
 * Goldstein bound may be set. */
typedef struct evc_watch {
    const char *name;     /* 1-64 bytes of A-Z a-z 0-9 . _ -, the first a letter or digit */
    evc_query filter;
    const char *webhook;  /* http://host[:port][/path][?query], or NULL */
} evc_watch;

/* EVC_ERR_ARG (err says why) unless w's name, filter and webhook URL
 * (only http://: there is no TLS client) are valid. Needs no store. */
EVC_EXPORT evc_status evc_watch_check(const evc_watch *w, evc_error *err);
/* Adds a watchlist. EVC_ERR_ARG (err says why) when evc_watch_check fails
 * or the name is taken. It
 * matches events of later batches only; `evcode query` with the same
 * filters lists the earlier ones. */
EVC_EXPORT evc_status evc_watch_add(evc_store *st, const evc_watch *w, evc_error *err);
/* Removes the watchlist `name` with its hits and deliveries; *found is 0
 * when there is none. */
EVC_EXPORT evc_status evc_watch_remove(evc_store *st, const char *name, int *found, evc_error *err);

/* A watchlist with its counts. Strings and lists are valid during the
 * callback only; filter.actors, .codes and .places hold every entry. */
typedef struct evc_watch_info {
    evc_watch watch;
    long long id;
    const char *created, *last_hit;  /* last_hit: when the newest hit was recorded, or NULL */
    long long hits, unseen;          /* unseen: hits after the mark (evc_hit_query.mark) */
    long long pending, delivered, failed;   /* deliveries by state */
} evc_watch_info;
typedef int (*evc_watch_info_fn)(void *user, const evc_watch_info *w);
/* Calls fn for each watchlist, by name (nothing on a store of schema 1 or 2,
 * which a read-only handle may be). */
EVC_EXPORT evc_status evc_watch_list(evc_store *st, evc_watch_info_fn fn, void *user, evc_error *err);
/* The same as JSON: {"watchlists":[{name, actors, codes, places,
 * goldstein_below, webhook, created, hits, unseen, pending, delivered,
 * failed, last_hit}]}, or with `lines` one object per line. Without
 * `full_url` a webhook is given as its origin only (http://host:port), since
 * the path of a webhook URL often holds a secret. */
EVC_EXPORT evc_status evc_watch_list_json(evc_store *st, int lines, int full_url, evc_write_fn write, void *user,
                                          evc_error *err);

/* Which hits of a watchlist to read. */
typedef struct evc_hit_query {
    const char *watchlist;   /* its name */
    int unseen;              /* only the hits after the watchlist's mark */
    size_t limit, offset;    /* limit 0 = all */
    int oldest_first;        /* default: newest first */
    int mark;                /* move the mark past the hits read (in a write transaction; not
                              * when fn aborts), so that the next `unseen` read starts after them */
} evc_hit_query;
/* A hit: the event as evc_store_query gives it (valid during the callback),
 * when it was recorded, and its delivery. */
typedef struct evc_watch_hit {
    long long hit;
    const char *recorded;
    const char *delivery;    /* "pending", "delivered" or "failed"; NULL without a webhook */
    long attempts;
    int last_status;         /* HTTP status of the last attempt; 0 when none */
    const char *last_error;  /* why the last attempt failed, or NULL */
    evc_event_row event;
} evc_watch_hit;
typedef int (*evc_watch_hit_fn)(void *user, const evc_watch_hit *h);
/* Calls fn for each hit of q->watchlist; *found is 0 (and fn is not called)
 * when there is no such watchlist. */
EVC_EXPORT evc_status evc_watch_hits(evc_store *st, const evc_hit_query *q, evc_watch_hit_fn fn, void *user,
                                     int *found, evc_error *err);
/* The same as JSON: {"watchlist","offset","limit","count","more","events":[
 * the fields of a /v1/events row, with "hit", "recorded", "delivery",
 * "attempts", "last_status", "last_error"]}, or with `lines` one event per
 * line. */
EVC_EXPORT evc_status evc_watch_hits_json(evc_store *st, const evc_hit_query *q, int lines, evc_write_fn write,
                                          void *user, int *found, evc_error *err);

/* Counts over all watchlists (zeros on a store of schema 1 or 2). `due`:
 * pending deliveries whose retry time has come. */
typedef struct evc_watch_totals {
    size_t watchlists, webhooks, hits, pending, delivered, failed, due;
} evc_watch_totals;
EVC_EXPORT evc_status evc_watch_totals_get(evc_store *st, evc_watch_totals *out, evc_error *err);

/* How many pending deliveries are due now (0 on a store of schema 1 or 2): a
 * cheap look for a process that polls (an index range). */
EVC_EXPORT evc_status evc_watch_due(evc_store *st, size_t *n, evc_error *err);

/* A delivery claimed for one attempt. The strings belong to the claim. */
typedef struct evc_delivery {
    long long id;
    int attempt;             /* 1 for the first */
    const char *watchlist, *url;
    const char *body;        /* the JSON to POST: {"watchlist","hit","recorded","delivery","attempt",
                              * "event": the event as evc_store_event_json writes it} */
    size_t body_len;
    /* the outcome, filled by the caller: success is a status of 200-299 */
    int status;              /* the HTTP status; 0 when none came */
    char error[160];         /* why the attempt failed, when status does not say */
    int not_attempted;       /* released unattempted: due again at once, not counted */
} evc_delivery;
/* Claims up to `max` (at most 1024) pending deliveries whose retry time
 * has come, in the order they became due; *out is a new array of *n (NULL
 * when none), freed with evc_deliveries_free. A claim counts as an attempt
 * and moves the retry time a minute ahead (a lease): no other caller
 * claims the delivery meanwhile, and should the caller die before settling,
 * it is tried again then. Several processes may claim from one store. */
EVC_EXPORT evc_status evc_watch_claim(evc_store *st, size_t max, evc_delivery **out, size_t *n, evc_error *err);
/* Makes every pending delivery due now (with `failed`, also those given
 * up, for one more attempt each), except those being attempted; *n says
 * how many. */
EVC_EXPORT evc_status evc_watch_retry(evc_store *st, int failed, size_t *n, evc_error *err);
/* Records the outcome of d[0..n): delivered, failed and rescheduled
 * (failed for good after the 20th attempt), or released unattempted. */
EVC_EXPORT evc_status evc_watch_settle(evc_store *st, const evc_delivery *d, size_t n, evc_error *err);
EVC_EXPORT void evc_deliveries_free(evc_delivery *d, size_t n);

/* A webhook URL split for connecting: http:// only. */
typedef struct evc_http_url {
    char host[256];   /* a name or an IPv4 address, or an IPv6 address without its brackets */
    char port[8];     /* "80" unless given */
    char path[2048];  /* from the first '/' (query included); "/" when none */
} evc_http_url;
/* EVC_ERR_ARG (err says why) unless url is an http:// URL without user
 * info or fragment, of printable ASCII, at most 2000 bytes. Thread-safe. */
EVC_EXPORT evc_status evc_webhook_parse(const char *url, evc_http_url *out, evc_error *err);

#ifdef __cplusplus
}
#endif
#endif /* EVCODE_H */
