/*
 * evcode._evcode: the CPython binding of libevcode (include/evcode.h).
 *
 * Coder wraps one immutable evc_ctx; it is shared freely between Python
 * threads. Each code() call borrows an evc_doc from the Coder's free list
 * (popped and pushed with the GIL held, so the list needs no other lock) and
 * releases the GIL while the library codes. code_many() returns an iterator
 * that runs N worker pthreads over a ring of slots, one evc_doc per slot:
 * the Python thread fills slots from the input and turns finished slots into
 * dicts in input order while the workers code the next ones, never holding
 * the GIL themselves.
 *
 * Records are built as dicts directly from the document, field for field as
 * evc_doc_write writes them in JSONL (goldstein to 1 decimal, lat/lon to 4),
 * so json.loads of the CLI's lines equals what code() returns.
 *
 * Store wraps an evc_store for merging records coded elsewhere
 * (evc_store_doc_from_records), exporting and counting.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "evcode.h"
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- Exceptions and interned keys ---------------------------------------- */

static PyObject *Error, *InputError, *DictionaryError, *InputWarning;

enum {
    K_TYPE, K_ARTICLE, K_SENTENCE_INDEX, K_SENTENCE, K_DATE, K_PUBLISHED, K_SOURCE, K_SOURCE_NAME, K_TARGET,
    K_TARGET_NAME, K_CODE, K_ROOT, K_QUAD_CLASS, K_GOLDSTEIN, K_LOCATION, K_NAME, K_COUNTRY, K_LAT, K_LON,
    K_SPEAKER, K_SPEAKER_CODE, K_KIND, K_TEXT, K_CUE, K_VENUE, K_TITLE, K_OUTLET, K_URL, K_SENTENCES, K_ID,
    K_EVENT, K_QUOTE, N_KEYS
};
static const char *const KEY_NAMES[N_KEYS] = {
    "type", "article", "sentence_index", "sentence", "date", "published", "source", "source_name", "target",
    "target_name", "code", "root", "quad_class", "goldstein", "location", "name", "country", "lat", "lon",
    "speaker", "speaker_code", "kind", "text", "cue", "venue", "title", "outlet", "url", "sentences", "id",
    "event", "quote"};
static PyObject *KEY[N_KEYS];   /* interned once at import, never changed */

/* Raises the exception for status st (InputError for input problems),
 * its message prefixed with "article ID: " when id is not NULL; the
 * exception's `status` attribute is the evc_status code. */
static void raise_status(evc_status st, const evc_error *err, const char *id)
{
    PyObject *type = st == EVC_ERR_NOMEM ? PyExc_MemoryError
                     : st == EVC_ERR_DICT ? DictionaryError
                     : (st == EVC_ERR_INPUT || st == EVC_ERR_JSON || st == EVC_ERR_ARG) ? InputError
                                                                                          : Error;
    const char *msg = err && err->msg[0] ? err->msg : evc_strerror(st);
    const char *pre = id ? "article " : "", *sep = id ? ": " : "";
    id = id ? id : "";
    PyObject *e;
    if (err && st == EVC_ERR_JSON && err->col)
        e = PyUnicode_FromFormat("%s%s%s%s (column %zu)", pre, id, sep, msg, err->col);
    else if (err && st == EVC_ERR_DICT && err->file[0])
        e = PyUnicode_FromFormat("%s:%zu: %s", err->file, err->line, msg);
    else
        e = PyUnicode_FromFormat("%s%s%s%s", pre, id, sep, msg);
    if (!e)
        return;
    PyObject *exc = PyObject_CallOneArg(type, e);
    Py_DECREF(e);
    if (!exc)
        return;
    PyObject *code = PyLong_FromLong((long)st);
    if (code && type != PyExc_MemoryError)
        PyObject_SetAttrString(exc, "status", code);
    Py_XDECREF(code);
    PyErr_SetObject(type, exc);
    Py_DECREF(exc);
}

/* The pending Python error as one exception object (traceback attached);
 * restore_error raises it again. (PyErr_GetRaisedException is 3.12+.) */
static PyObject *take_error(void)
{
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    if (tb && v)
        PyException_SetTraceback(v, tb);
    Py_XDECREF(t);
    Py_XDECREF(tb);
    return v;
}

static void restore_error(PyObject *v)
{
    PyErr_SetObject((PyObject *)Py_TYPE(v), v);
    Py_DECREF(v);
}

/* ---- Records as dicts ------------------------------------------------------ */

static PyObject *str_or_none(const char *s)
{
    if (!s)
        Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
}

/* x rounded as printf's %.*f rounds it, the way the JSONL writer prints it. */
static PyObject *fixed(double x, int decimals)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", decimals, x);
    return PyFloat_FromDouble(strtod(buf, NULL));
}

/* Sets d[KEY[k]] = v and drops the reference to v; -1 when v is NULL. */
static int put(PyObject *d, int k, PyObject *v)
{
    if (!v)
        return -1;
    int rc = PyDict_SetItem(d, KEY[k], v);
    Py_DECREF(v);
    return rc;
}

static int put_str(PyObject *d, int k, const char *s) { return put(d, k, str_or_none(s)); }

static PyObject *location_dict(const evc_event *e)
{
    if (!e->location_name)
        Py_RETURN_NONE;
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    int bad = put_str(d, K_NAME, e->location_name) || put_str(d, K_COUNTRY, e->location_country);
    if (!bad && isnan(e->lat))
        bad = put(d, K_LAT, Py_NewRef(Py_None)) || put(d, K_LON, Py_NewRef(Py_None));
    else if (!bad)
        bad = put(d, K_LAT, fixed(e->lat, 4)) || put(d, K_LON, fixed(e->lon, 4));
    if (bad)
        Py_CLEAR(d);
    return d;
}

static PyObject *event_dict(const evc_article_info *a, PyObject *article_id, const evc_event *e)
{
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    char root[3] = {e->code[0], e->code[0] ? e->code[1] : 0, 0};
    int bad = PyDict_SetItem(d, KEY[K_TYPE], KEY[K_EVENT]) || PyDict_SetItem(d, KEY[K_ARTICLE], article_id) ||
              put(d, K_SENTENCE_INDEX, PyLong_FromLong(e->sentence_index)) ||
              put_str(d, K_SENTENCE, e->sentence) || put_str(d, K_DATE, e->date) ||
              put_str(d, K_PUBLISHED, a->published) || put_str(d, K_SOURCE, e->source) ||
              put_str(d, K_SOURCE_NAME, e->source_name) || put_str(d, K_TARGET, e->target) ||
              put_str(d, K_TARGET_NAME, e->target_name) || put_str(d, K_CODE, e->code) || put_str(d, K_ROOT, root) ||
              put(d, K_QUAD_CLASS, PyLong_FromLong(e->quad_class)) || put(d, K_GOLDSTEIN, fixed(e->goldstein, 1)) ||
              put(d, K_LOCATION, location_dict(e));
    if (bad)
        Py_CLEAR(d);
    return d;
}

static PyObject *quote_dict(PyObject *article_id, const evc_quote *q)
{
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    int bad = PyDict_SetItem(d, KEY[K_TYPE], KEY[K_QUOTE]) || PyDict_SetItem(d, KEY[K_ARTICLE], article_id) ||
              put(d, K_SENTENCE_INDEX, PyLong_FromLong(q->sentence_index)) || put_str(d, K_SPEAKER, q->speaker) ||
              put_str(d, K_SPEAKER_CODE, q->speaker_code) || put_str(d, K_KIND, q->kind) ||
              put_str(d, K_TEXT, q->text) || put_str(d, K_CUE, q->cue) || put_str(d, K_VENUE, q->venue) ||
              put_str(d, K_DATE, q->date);
    if (bad)
        Py_CLEAR(d);
    return d;
}

static PyObject *article_dict(const evc_article_info *a, PyObject *article_id)
{
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    int bad = PyDict_SetItem(d, KEY[K_TYPE], KEY[K_ARTICLE]) || PyDict_SetItem(d, KEY[K_ARTICLE], article_id) ||
              put_str(d, K_TITLE, a->title) || put_str(d, K_PUBLISHED, a->published) ||
              put_str(d, K_OUTLET, a->outlet) || put_str(d, K_URL, a->url) ||
              put(d, K_SENTENCES, PyLong_FromLong(a->n_sentences)) || put_str(d, K_TEXT, a->text);
    if (bad)
        Py_CLEAR(d);
    return d;
}

/* The records of a coded document, in evc_doc_write's order: the article
 * (when `records` asks), its events, its quotes. */
static PyObject *doc_records(const evc_doc *doc, int records)
{
    const evc_article_info *a = evc_doc_article(doc);
    size_t ne = records & EVC_REC_EVENTS ? evc_doc_n_events(doc) : 0;
    size_t nq = records & EVC_REC_QUOTES ? evc_doc_n_quotes(doc) : 0;
    size_t na = records & EVC_REC_ARTICLES ? 1 : 0;
    PyObject *id = str_or_none(a->id);
    PyObject *list = id ? PyList_New((Py_ssize_t)(na + ne + nq)) : NULL;
    if (!list) {
        Py_XDECREF(id);
        return NULL;
    }
    Py_ssize_t k = 0;
    PyObject *r;
    if (na) {
        if (!(r = article_dict(a, id)))
            goto fail;
        PyList_SET_ITEM(list, k++, r);
    }
    for (size_t i = 0; i < ne; i++) {
        if (!(r = event_dict(a, id, evc_doc_event(doc, i))))
            goto fail;
        PyList_SET_ITEM(list, k++, r);
    }
    for (size_t i = 0; i < nq; i++) {
        if (!(r = quote_dict(id, evc_doc_quote(doc, i))))
            goto fail;
        PyList_SET_ITEM(list, k++, r);
    }
    Py_DECREF(id);
    return list;
fail:
    Py_DECREF(id);
    Py_DECREF(list);
    return NULL;
}

/* ---- Articles in --------------------------------------------------------- */

enum { MAX_REFS = 8 };

/* One article to code: pointers into Python objects it holds references to. */
typedef struct job {
    evc_article art;
    int json;                      /* art.text is one JSON Lines record */
    const char *default_id;        /* for JSON records without "id" */
    const char *default_published; /* for JSON records without "published" */
    PyObject *refs[MAX_REFS];
    int nrefs;
    /* results */
    evc_status st;
    evc_error err;
    int records;                   /* > 0: also write these records as JSONL into out */
    char *out;
    size_t out_len, out_cap;
} job;

static void job_clear(job *j)
{
    for (int i = 0; i < j->nrefs; i++)
        Py_DECREF(j->refs[i]);
    free(j->out);
    memset(j, 0, sizeof *j);
}

static int append_out(void *user, const char *bytes, size_t len)
{
    job *j = user;
    if (j->out_len + len > j->out_cap) {
        size_t cap = j->out_cap ? j->out_cap : 4096;
        while (cap < j->out_len + len)
            cap *= 2;
        char *p = realloc(j->out, cap);
        if (!p)
            return 1;
        j->out = p;
        j->out_cap = cap;
    }
    memcpy(j->out + j->out_len, bytes, len);
    j->out_len += len;
    return 0;
}

/* UTF-8 of str `o` into *s and *len, keeping a reference; None gives NULL.
 * TypeError for anything else (`what` names the field). */
static int take_str(job *j, PyObject *o, const char **s, size_t *len, const char *what)
{
    if (o == Py_None || !o) {
        *s = NULL;
        *len = 0;
        return 0;
    }
    if (!PyUnicode_Check(o)) {
        PyErr_Format(PyExc_TypeError, "%s must be a str or None, not %.80s", what, Py_TYPE(o)->tp_name);
        return -1;
    }
    Py_ssize_t n;
    const char *u = PyUnicode_AsUTF8AndSize(o, &n);
    if (!u)
        return -1;
    if (j->nrefs == MAX_REFS) {
        PyErr_SetString(PyExc_RuntimeError, "internal: too many fields");
        return -1;
    }
    j->refs[j->nrefs++] = Py_NewRef(o);
    *s = u;
    *len = (size_t)n;
    return 0;
}

/* Fills j from `item`: a str (plain text; the first line may be the title),
 * bytes (one JSON Lines record) or a mapping with "text" and optionally "id",
 * "url", "outlet", "published", "title" (the fields of a JSON Lines record).
 * `default_id` (str or None) names an article that carries no id. */
static int job_prepare(job *j, PyObject *item, PyObject *default_id, PyObject *published)
{
    memset(j, 0, sizeof *j);
    evc_article *a = &j->art;
    if (take_str(j, published, &a->published, &a->published_len, "published") ||
        take_str(j, default_id, &a->id, &a->id_len, "id"))
        goto fail;
    if (PyUnicode_Check(item)) {
        if (take_str(j, item, &a->text, &a->text_len, "text"))
            goto fail;
        a->title_in_text = 1;
        return 0;
    }
    if (PyBytes_Check(item)) {
        j->json = 1;
        j->default_id = a->id;
        j->default_published = a->published;
        j->refs[j->nrefs++] = Py_NewRef(item);
        a->text = PyBytes_AS_STRING(item);
        a->text_len = (size_t)PyBytes_GET_SIZE(item);
        return 0;
    }
    if (!PyMapping_Check(item) || PySequence_Check(item)) {
        PyErr_Format(PyExc_TypeError, "an article is a str (text), bytes (a JSON Lines record) or a dict, not %.80s",
                     Py_TYPE(item)->tp_name);
        goto fail;
    }
    static const char *const F[] = {"id", "url", "outlet", "published", "title", "text"};
    const char **ptr[] = {&a->id, &a->url, &a->outlet, &a->published, &a->title, &a->text};
    size_t *lens[] = {&a->id_len, &a->url_len, &a->outlet_len, &a->published_len, &a->title_len, &a->text_len};
    for (int f = 0; f < 6; f++) {
        PyObject *v = PyMapping_GetItemString(item, F[f]);
        if (!v) {
            if (!PyErr_ExceptionMatches(PyExc_KeyError))
                goto fail;
            PyErr_Clear();
            if (f == 5) {
                PyErr_SetString(InputError, "the article has no \"text\"");
                goto fail;
            }
            continue;
        }
        /* a key set to None is absent, as null is in a JSON record, but
         * defaults only fill what the record does not give */
        const char *s;
        size_t n;
        int rc = take_str(j, v, &s, &n, F[f]);
        Py_DECREF(v);
        if (rc)
            goto fail;
        if (s || f == 4 || f == 5) {
            *ptr[f] = s;
            *lens[f] = n;
        }
    }
    if (!a->text) {
        PyErr_SetString(PyExc_TypeError, "text must be a str");
        goto fail;
    }
    a->title_in_text = a->title == NULL;
    return 0;
fail:
    job_clear(j);
    return -1;
}

/* Codes j into doc. Runs without the GIL. */
static void job_run(job *j, evc_doc *doc)
{
    memset(&j->err, 0, sizeof j->err);
    if (j->json)
        j->st = evc_doc_code_json(doc, j->art.text, j->art.text_len, j->default_id, j->default_published, &j->err);
    else
        j->st = evc_doc_code(doc, &j->art, &j->err);
    if (j->st == EVC_OK && j->records > 0 && evc_doc_write(doc, EVC_FORMAT_JSONL, j->records, append_out, j) != EVC_OK)
        j->st = EVC_ERR_NOMEM;
}

/* The results of a coded job: its records as dicts, or as the bytes of
 * their JSONL lines when the job wrote them. */
static PyObject *job_results(const job *j, const evc_doc *doc, int records)
{
    if (j->records > 0)
        return PyBytes_FromStringAndSize(j->out ? j->out : "", (Py_ssize_t)j->out_len);
    return doc_records(doc, records);
}

/* ---- Coder ----------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    evc_ctx *ctx;
    evc_doc **free_docs;   /* docs not in use (GIL-protected) */
    size_t n_free, cap_free;
} Coder;

static evc_doc *coder_take_doc(Coder *c)
{
    if (c->n_free)
        return c->free_docs[--c->n_free];
    evc_doc *d = evc_doc_new(c->ctx);
    if (!d)
        PyErr_NoMemory();
    return d;
}

static void coder_give_doc(Coder *c, evc_doc *d)
{
    if (c->n_free < c->cap_free) {
        evc_doc_reset(d);
        c->free_docs[c->n_free++] = d;
    } else {
        evc_doc_free(d);
    }
}

static int parse_records(int quotes, int articles) { return EVC_REC_EVENTS | (quotes ? EVC_REC_QUOTES : 0) | (articles ? EVC_REC_ARTICLES : 0); }

/* `published`: None, a YYYY-MM-DD str, or an object with isoformat() (a
 * date). Returns a new reference to a str or None. */
static PyObject *norm_published(PyObject *p)
{
    if (!p || p == Py_None)
        Py_RETURN_NONE;
    PyObject *s;
    if (PyUnicode_Check(p))
        s = Py_NewRef(p);
    else if (PyObject_HasAttrString(p, "isoformat"))
        s = PyObject_CallMethod(p, "isoformat", NULL);
    else {
        PyErr_Format(PyExc_TypeError, "published must be a 'YYYY-MM-DD' str or a date, not %.80s", Py_TYPE(p)->tp_name);
        return NULL;
    }
    if (!s)
        return NULL;
    Py_ssize_t n;
    const char *u = PyUnicode_Check(s) ? PyUnicode_AsUTF8AndSize(s, &n) : NULL;
    int ok = u && n == 10 && u[4] == '-' && u[7] == '-';
    for (int i = 0; ok && i < 10; i++)
        ok = i == 4 || i == 7 || (u[i] >= '0' && u[i] <= '9');
    if (ok) {
        int m = atoi(u + 5), d = atoi(u + 8);
        ok = m >= 1 && m <= 12 && d >= 1 && d <= 31;
    }
    if (!ok) {
        PyErr_Clear();
        PyErr_Format(PyExc_ValueError, "published wants YYYY-MM-DD, not %R", p);
        Py_DECREF(s);
        return NULL;
    }
    return s;
}

static int Coder_init(Coder *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"dict_dir", "dict_files", "cache_dir", "max_article_bytes", "min_sentence_words",
                             "max_sentences", NULL};
    PyObject *dict_dir = Py_None, *dict_files = Py_None, *cache_dir = Py_True;
    Py_ssize_t max_bytes = 0, min_words = 0, max_sents = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|O$OOnnn:Coder", kwlist, &dict_dir, &dict_files, &cache_dir,
                                     &max_bytes, &min_words, &max_sents))
        return -1;
    if (self->ctx) {
        PyErr_SetString(PyExc_RuntimeError, "Coder is already initialised");
        return -1;
    }
    if (max_bytes < 0 || (size_t)max_bytes > EVC_MAX_ARTICLE_BYTES || min_words < 0 || min_words > 10000 ||
        max_sents < 0 || max_sents > 1000000) {
        PyErr_SetString(PyExc_ValueError, "max_article_bytes, min_sentence_words or max_sentences out of range");
        return -1;
    }
    evc_options o;
    evc_options_default(&o);
    if (max_bytes)
        o.max_article_bytes = (size_t)max_bytes;
    o.min_sentence_words = (int)min_words;
    o.max_sentences = (int)max_sents;
    PyObject *dir_b = NULL, *cache_b = NULL, *files = NULL;
    const char **file_v = NULL;
    char cache_buf[4096];
    int rc = -1;
    if (dict_dir != Py_None) {
        if (!PyUnicode_FSConverter(dict_dir, &dir_b))
            goto done;
        o.dict_dir = PyBytes_AS_STRING(dir_b);
    } else {
        const char *env = getenv("EVCODE_DATA");
        o.dict_dir = env && *env ? env : NULL;
    }
    if (cache_dir == Py_True) {
        o.cache_dir = evc_default_cache_dir(cache_buf, sizeof cache_buf);
    } else if (cache_dir != Py_None && cache_dir != Py_False) {
        if (!PyUnicode_FSConverter(cache_dir, &cache_b))
            goto done;
        o.cache_dir = PyBytes_AS_STRING(cache_b);
    }
    if (dict_files != Py_None) {
        files = PySequence_Fast(dict_files, "dict_files must be a sequence of 'KIND:PATH' str");
        if (!files)
            goto done;
        Py_ssize_t n = PySequence_Fast_GET_SIZE(files);
        file_v = calloc((size_t)n + 1, sizeof *file_v);
        if (!file_v) {
            PyErr_NoMemory();
            goto done;
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *f = PySequence_Fast_GET_ITEM(files, i);
            if (!PyUnicode_Check(f) || !(file_v[i] = PyUnicode_AsUTF8(f))) {
                if (!PyErr_Occurred())
                    PyErr_SetString(PyExc_TypeError, "dict_files must be a sequence of 'KIND:PATH' str");
                goto done;
            }
        }
        o.dict_files = file_v;
        o.n_dict_files = (size_t)n;
    }
    evc_error err;
    memset(&err, 0, sizeof err);
    evc_status st;
    evc_ctx *ctx = NULL;
    Py_BEGIN_ALLOW_THREADS
    st = evc_ctx_new(&o, &ctx, &err);
    Py_END_ALLOW_THREADS
    if (st != EVC_OK) {
        if (st == EVC_ERR_IO || st == EVC_ERR_ARG)
            st = EVC_ERR_DICT;   /* a missing or unreadable dictionary is a dictionary error to Python */
        raise_status(st, &err, NULL);
        goto done;
    }
    self->ctx = ctx;
    self->cap_free = 64;
    self->free_docs = calloc(self->cap_free, sizeof *self->free_docs);
    if (!self->free_docs) {
        PyErr_NoMemory();
        goto done;
    }
    rc = 0;
done:
    free(file_v);
    Py_XDECREF(files);
    Py_XDECREF(dir_b);
    Py_XDECREF(cache_b);
    return rc;
}

static void Coder_dealloc(Coder *self)
{
    for (size_t i = 0; i < self->n_free; i++)
        evc_doc_free(self->free_docs[i]);
    free(self->free_docs);
    evc_ctx_free(self->ctx);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int coder_ready(Coder *self)
{
    if (!self->ctx) {
        PyErr_SetString(PyExc_RuntimeError, "Coder.__init__ was not called");
        return 0;
    }
    return 1;
}

/* Warns (InputWarning) about repairs or an ignored field of a coded article. */
static int warn_repairs(const evc_doc *doc, const job *j)
{
    evc_repairs rep;
    evc_doc_repairs(doc, &rep);
    if (rep.invalid_utf8 || rep.nul_bytes)
        return PyErr_WarnFormat(InputWarning, 2, "%zu invalid UTF-8 sequence(s) and %zu NUL byte(s) replaced",
                                rep.invalid_utf8, rep.nul_bytes);
    if (j->err.msg[0])
        return PyErr_WarnFormat(InputWarning, 2, "%s", j->err.msg);
    return 0;
}

static PyObject *Coder_code(Coder *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"text", "published", "quotes", "article_records", "id", "jsonl", NULL};
    PyObject *item, *published = Py_None, *id = Py_None;
    int quotes = 1, articles = 0, jsonl = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|Opp$Op:code", kwlist, &item, &published, &quotes, &articles, &id,
                                     &jsonl))
        return NULL;
    if (!coder_ready(self))
        return NULL;
    PyObject *pub = norm_published(published);
    if (!pub)
        return NULL;
    job j;
    int rc = job_prepare(&j, item, id, pub);
    Py_DECREF(pub);
    if (rc)
        return NULL;
    int records = parse_records(quotes, articles);
    j.records = jsonl ? records : 0;
    evc_doc *doc = coder_take_doc(self);
    if (!doc) {
        job_clear(&j);
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    job_run(&j, doc);
    Py_END_ALLOW_THREADS
    PyObject *out = NULL;
    if (j.st != EVC_OK)
        raise_status(j.st, &j.err, NULL);
    else if (warn_repairs(doc, &j) == 0)
        out = job_results(&j, doc, records);
    job_clear(&j);
    coder_give_doc(self, doc);
    return out;
}

static PyObject *Coder_stats(Coder *self, PyObject *unused)
{
    if (!coder_ready(self))
        return NULL;
    evc_dict_stats s;
    evc_ctx_stats(self->ctx, &s);
    return Py_BuildValue("{sn sn sn sn sn sn sn sn sn sn sn sn sn}", "actors", (Py_ssize_t)s.actors, "agents",
                         (Py_ssize_t)s.agents, "verb_patterns", (Py_ssize_t)s.verb_patterns, "cameo_codes",
                         (Py_ssize_t)s.cameo_codes, "lemmas", (Py_ssize_t)s.lemmas, "countries",
                         (Py_ssize_t)s.countries, "people", (Py_ssize_t)s.people, "organisations",
                         (Py_ssize_t)s.organisations, "files", (Py_ssize_t)s.files, "discards",
                         (Py_ssize_t)s.discards, "issues", (Py_ssize_t)s.issues, "places", (Py_ssize_t)s.places,
                         "cache", (Py_ssize_t)s.cache);
}

/* ---- code_many: worker threads over a ring of slots ------------------------ */

enum { SLOT_FREE, SLOT_QUEUED, SLOT_DONE };
enum { ERR_RAISE, ERR_SKIP, ERR_RETURN };

typedef struct slot {
    job j;
    evc_doc *doc;
    int state;
    PyObject *exc;       /* a Python error raised preparing this article */
} slot;

typedef struct {
    PyObject_HEAD
    Coder *coder;
    PyObject *input;     /* iterator; NULL once exhausted */
    PyObject *published;
    int records, jsonl;
    int errors;          /* ERR_RAISE, ERR_SKIP or ERR_RETURN */
    slot *slots;
    size_t n_slots;
    size_t filled, taken, yielded;   /* slots filled by Python, taken by workers, returned */
    pthread_t *threads;
    int n_threads;
    int quit, finished;
    pthread_mutex_t mu;
    pthread_cond_t work, done;
} ManyIter;

static void *many_worker(void *arg)
{
    ManyIter *it = arg;
    /* in jsonl mode the records are written out by the worker, so it keeps
     * one document hot in its cache for every article */
    evc_doc *own = it->jsonl ? evc_doc_new(it->coder->ctx) : NULL;
    pthread_mutex_lock(&it->mu);
    for (;;) {
        while (!it->quit && it->taken == it->filled)
            pthread_cond_wait(&it->work, &it->mu);
        if (it->quit)
            break;
        slot *s = &it->slots[it->taken++ % it->n_slots];
        if (s->state != SLOT_QUEUED)
            continue;
        pthread_mutex_unlock(&it->mu);
        job_run(&s->j, own ? own : s->doc);
        pthread_mutex_lock(&it->mu);
        s->state = SLOT_DONE;
        pthread_cond_broadcast(&it->done);
    }
    pthread_mutex_unlock(&it->mu);
    evc_doc_free(own);
    return NULL;
}

/* Stops and joins the workers and drops every slot. */
static void many_stop(ManyIter *it)
{
    if (it->threads) {
        pthread_mutex_lock(&it->mu);
        it->quit = 1;
        pthread_cond_broadcast(&it->work);
        pthread_mutex_unlock(&it->mu);
        Py_BEGIN_ALLOW_THREADS
        for (int t = 0; t < it->n_threads; t++)
            pthread_join(it->threads[t], NULL);
        Py_END_ALLOW_THREADS
        free(it->threads);
        it->threads = NULL;
    }
    for (size_t i = 0; it->slots && i < it->n_slots; i++) {
        job_clear(&it->slots[i].j);
        Py_CLEAR(it->slots[i].exc);
        evc_doc_free(it->slots[i].doc);
    }
    free(it->slots);
    it->slots = NULL;
    Py_CLEAR(it->input);
    it->finished = 1;
}

/* Fills free slots from the input. Python errors (from the input or a bad
 * article) are kept in the slot and raised in order. */
static void many_fill(ManyIter *it)
{
    while (it->input && it->filled - it->yielded < it->n_slots) {
        PyObject *item = PyIter_Next(it->input);
        slot *s = &it->slots[it->filled % it->n_slots];
        if (!item) {
            Py_CLEAR(it->input);
            if (!PyErr_Occurred())
                return;
            s->exc = take_error();
        } else {
            PyObject *id = Py_None, *art = item;
            if (PyTuple_Check(item) && PyTuple_GET_SIZE(item) == 2) {
                id = PyTuple_GET_ITEM(item, 0);
                art = PyTuple_GET_ITEM(item, 1);
            }
            if (job_prepare(&s->j, art, id, it->published))
                s->exc = take_error();
            else
                s->j.records = it->jsonl ? it->records : 0;
            Py_DECREF(item);
        }
        pthread_mutex_lock(&it->mu);
        if (s->exc) {
            s->state = SLOT_DONE;   /* nothing to code: workers pass over it */
        } else {
            s->state = SLOT_QUEUED;
        }
        it->filled++;
        pthread_cond_signal(&it->work);
        pthread_mutex_unlock(&it->mu);
        if (s->exc && !it->input)
            return;
    }
}

static PyObject *ManyIter_next(ManyIter *it)
{
    for (;;) {
        if (it->finished)
            return NULL;
        many_fill(it);
        if (it->yielded == it->filled) {
            many_stop(it);
            return NULL;
        }
        slot *s = &it->slots[it->yielded % it->n_slots];
        pthread_mutex_lock(&it->mu);
        int ready = s->state == SLOT_DONE;
        pthread_mutex_unlock(&it->mu);
        if (!ready) {
            Py_BEGIN_ALLOW_THREADS
            pthread_mutex_lock(&it->mu);
            while (s->state != SLOT_DONE)
                pthread_cond_wait(&it->done, &it->mu);
            pthread_mutex_unlock(&it->mu);
            Py_END_ALLOW_THREADS
        }
        PyObject *out = NULL;
        if (s->exc) {
            restore_error(s->exc);
            s->exc = NULL;
            many_stop(it);
            return NULL;
        }
        if (s->j.st == EVC_OK) {
            out = job_results(&s->j, s->doc, it->records);
        } else if (it->errors == ERR_SKIP) {
            out = it->jsonl ? PyBytes_FromStringAndSize("", 0) : PyList_New(0);
        } else {
            raise_status(s->j.st, &s->j.err, s->j.art.id);
            if (it->errors == ERR_RETURN)
                out = take_error();
        }
        job_clear(&s->j);
        evc_doc_reset(s->doc);
        s->state = SLOT_FREE;
        it->yielded++;
        if (!out)
            many_stop(it);
        return out;
    }
}

static void ManyIter_dealloc(ManyIter *it)
{
    many_stop(it);
    pthread_mutex_destroy(&it->mu);
    pthread_cond_destroy(&it->work);
    pthread_cond_destroy(&it->done);
    Py_XDECREF(it->published);
    Py_XDECREF(it->coder);
    Py_TYPE(it)->tp_free((PyObject *)it);
}

static PyObject *ManyIter_close(ManyIter *it, PyObject *unused)
{
    many_stop(it);
    Py_RETURN_NONE;
}

static PyMethodDef ManyIter_methods[] = {
    {"close", (PyCFunction)ManyIter_close, METH_NOARGS, "Stop the worker threads and drop unread results."},
    {NULL, NULL, 0, NULL}};

static PyTypeObject ManyIterType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "evcode._evcode.CodeManyIterator",
    .tp_basicsize = sizeof(ManyIter),
    .tp_dealloc = (destructor)ManyIter_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Iterator over the records of each article given to Coder.code_many, in input order.",
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)ManyIter_next,
    .tp_methods = ManyIter_methods,
};

static PyObject *Coder_code_many(Coder *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"articles", "threads", "published", "quotes", "article_records", "errors", "jsonl", NULL};
    PyObject *articles, *threads_o = Py_None, *published = Py_None;
    int quotes = 1, art_rec = 0, jsonl = 0;
    const char *errors = "raise";
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|O$Oppsp:code_many", kwlist, &articles, &threads_o, &published,
                                     &quotes, &art_rec, &errors, &jsonl))
        return NULL;
    if (!coder_ready(self))
        return NULL;
    long nthreads = threads_o == Py_None ? sysconf(_SC_NPROCESSORS_ONLN) : PyLong_AsLong(threads_o);
    if (nthreads == -1 && PyErr_Occurred())
        return NULL;
    if (nthreads < 1 || nthreads > 256) {
        PyErr_SetString(PyExc_ValueError, "threads wants 1..256");
        return NULL;
    }
    int err_mode = !strcmp(errors, "raise") ? ERR_RAISE : !strcmp(errors, "skip") ? ERR_SKIP
                   : !strcmp(errors, "return")                                   ? ERR_RETURN
                                                                                 : -1;
    if (err_mode < 0) {
        PyErr_SetString(PyExc_ValueError, "errors must be 'raise', 'skip' or 'return'");
        return NULL;
    }
    PyObject *pub = norm_published(published);
    if (!pub)
        return NULL;
    PyObject *input = PyObject_GetIter(articles);
    if (!input) {
        Py_DECREF(pub);
        return NULL;
    }
    ManyIter *it = PyObject_New(ManyIter, &ManyIterType);
    if (!it) {
        Py_DECREF(pub);
        Py_DECREF(input);
        return NULL;
    }
    memset((char *)it + sizeof(PyObject), 0, sizeof *it - sizeof(PyObject));
    pthread_mutex_init(&it->mu, NULL);
    pthread_cond_init(&it->work, NULL);
    pthread_cond_init(&it->done, NULL);
    it->coder = (Coder *)Py_NewRef(self);
    it->input = input;
    it->published = pub;
    it->records = parse_records(quotes, art_rec);
    it->errors = err_mode;
    it->jsonl = jsonl;
    /* enough slots that workers never wait while Python builds dicts */
    it->n_slots = (size_t)nthreads * 4 + 4;
    it->slots = calloc(it->n_slots, sizeof *it->slots);
    it->threads = calloc((size_t)nthreads, sizeof *it->threads);
    if (!it->slots || !it->threads) {
        Py_DECREF(it);
        return PyErr_NoMemory();
    }
    for (size_t i = 0; i < it->n_slots; i++)
        if (!(it->slots[i].doc = evc_doc_new(self->ctx))) {
            Py_DECREF(it);
            return PyErr_NoMemory();
        }
    for (long t = 0; t < nthreads; t++)
        if (pthread_create(&it->threads[it->n_threads], NULL, many_worker, it) == 0)
            it->n_threads++;
    if (!it->n_threads) {
        Py_DECREF(it);
        PyErr_SetString(PyExc_RuntimeError, "cannot start worker threads");
        return NULL;
    }
    return (PyObject *)it;
}

static PyMethodDef Coder_methods[] = {
    {"code", (PyCFunction)(void (*)(void))Coder_code, METH_VARARGS | METH_KEYWORDS,
     "code(text, published=None, quotes=True, article_records=False, *, id=None, jsonl=False)\n"
     "    -> list[dict] | bytes\n\n"
     "Code one article and return its records as dicts, as `evcode code` writes them in JSONL:\n"
     "the article record (article_records=True), then events, then quotes (quotes=True).\n"
     "`text` is a str (plain text; its first line may be the title), bytes (one JSON Lines\n"
     "record) or a dict with 'text' and optionally 'id', 'url', 'outlet', 'published', 'title'.\n"
     "`published` (YYYY-MM-DD or a date) applies when the article carries none; `id` names an\n"
     "article that carries none. Raises InputError for an article the coder refuses (empty,\n"
     "binary, too large, malformed JSON), TypeError for a wrong type, ValueError for a bad date.\n"
     "jsonl=True returns the records as the bytes of their JSON lines, exactly as the CLI prints.\n"
     "Thread-safe; releases the GIL while coding."},
    {"code_many", (PyCFunction)(void (*)(void))Coder_code_many, METH_VARARGS | METH_KEYWORDS,
     "code_many(articles, threads=None, *, published=None, quotes=True, article_records=False,\n"
     "          errors='raise', jsonl=False) -> Iterator[list[dict] | bytes]\n\n"
     "Code an iterable of articles on `threads` worker threads (default: all cores), yielding\n"
     "each article's records in input order. An item is an article as code() takes it, or an\n"
     "(id, article) pair whose id names an article that carries none. The workers never hold\n"
     "the GIL. errors='raise' raises InputError at the first refused article (after yielding\n"
     "those before it) and ends the iteration; errors='skip' yields [] (b'') in its place, as\n"
     "the CLI skips it; errors='return' yields the InputError in its place. jsonl=True yields\n"
     "the bytes of the JSON lines (written by the workers). At most 4 * threads + 4 articles\n"
     "are in flight."},
    {"stats", (PyCFunction)Coder_stats, METH_NOARGS, "stats() -> dict: counts of the loaded dictionary entries."},
    {NULL, NULL, 0, NULL}};

static PyTypeObject CoderType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "evcode._evcode.Coder",
    .tp_basicsize = sizeof(Coder),
    .tp_dealloc = (destructor)Coder_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Coder(dict_dir=None, *, dict_files=None, cache_dir=True, max_article_bytes=0,\n"
              "      min_sentence_words=0, max_sentences=0)\n\n"
              "Loads the dictionaries once (dict_dir: evcode's own, a directory of TABARI/PETRARCH\n"
              "dictionaries or a TABARI .project; default $EVCODE_DATA or the built-in data) and codes\n"
              "articles. cache_dir: True for the per-user cache, None/False for none, or a directory.\n"
              "Immutable and thread-safe: share one Coder between threads. Raises DictionaryError.",
    .tp_init = (initproc)Coder_init,
    .tp_new = PyType_GenericNew,
    .tp_methods = Coder_methods,
};

/* ---- Store ----------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    evc_store *st;
} Store;

static int Store_init(Store *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"path", NULL};
    PyObject *path_b = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O&:Store", kwlist, PyUnicode_FSConverter, &path_b))
        return -1;
    if (self->st) {
        PyErr_SetString(PyExc_RuntimeError, "Store is already open");
        Py_DECREF(path_b);
        return -1;
    }
    evc_error err;
    memset(&err, 0, sizeof err);
    evc_status st;
    Py_BEGIN_ALLOW_THREADS
    st = evc_store_open(PyBytes_AS_STRING(path_b), &self->st, &err);
    Py_END_ALLOW_THREADS
    Py_DECREF(path_b);
    if (st != EVC_OK) {
        raise_status(st, &err, NULL);
        return -1;
    }
    return 0;
}

static void Store_dealloc(Store *self)
{
    evc_store_close(self->st);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int store_ready(Store *self)
{
    if (!self->st) {
        PyErr_SetString(Error, "the store is closed");
        return 0;
    }
    return 1;
}

/* d[key] as UTF-8 (NULL for None or missing); -1 on a wrong type. The
 * pointer lives as long as d holds the str. */
static int field_str(PyObject *d, const char *key, const char **out)
{
    *out = NULL;
    PyObject *v = PyDict_GetItemString(d, key);   /* borrowed */
    if (!v || v == Py_None)
        return 0;
    if (!PyUnicode_Check(v)) {
        PyErr_Format(InputError, "record field %s must be a str or null", key);
        return -1;
    }
    return (*out = PyUnicode_AsUTF8(v)) ? 0 : -1;
}

static int field_num(PyObject *d, const char *key, double *out, int required)
{
    PyObject *v = PyDict_GetItemString(d, key);
    if (!v || v == Py_None) {
        *out = NAN;
        if (required)
            PyErr_Format(InputError, "record has no %s", key);
        return required ? -1 : 0;
    }
    *out = PyFloat_AsDouble(v);
    return *out == -1.0 && PyErr_Occurred() ? -1 : 0;
}

static int read_event(PyObject *r, evc_event *e)
{
    double si, qc;
    if (field_num(r, "sentence_index", &si, 1) || field_str(r, "sentence", &e->sentence) ||
        field_str(r, "date", &e->date) || field_str(r, "source", &e->source) ||
        field_str(r, "source_name", &e->source_name) || field_str(r, "target", &e->target) ||
        field_str(r, "target_name", &e->target_name) || field_str(r, "code", &e->code) ||
        field_num(r, "quad_class", &qc, 1) || field_num(r, "goldstein", &e->goldstein, 1))
        return -1;
    e->sentence_index = (int)si;
    e->quad_class = (int)qc;
    e->lat = e->lon = NAN;
    PyObject *loc = PyDict_GetItemString(r, "location");
    if (loc && PyDict_Check(loc))
        return field_str(loc, "name", &e->location_name) || field_str(loc, "country", &e->location_country) ||
               field_num(loc, "lat", &e->lat, 0) || field_num(loc, "lon", &e->lon, 0);
    return 0;
}

static int read_quote(PyObject *r, evc_quote *q)
{
    double si;
    if (field_num(r, "sentence_index", &si, 1) || field_str(r, "speaker", &q->speaker) ||
        field_str(r, "speaker_code", &q->speaker_code) || field_str(r, "kind", &q->kind) ||
        field_str(r, "text", &q->text) || field_str(r, "cue", &q->cue) || field_str(r, "venue", &q->venue) ||
        field_str(r, "date", &q->date))
        return -1;
    q->sentence_index = (int)si;
    return 0;
}

static PyObject *Store_put(Store *self, PyObject *arg)
{
    if (!store_ready(self))
        return NULL;
    PyObject *recs = PySequence_Fast(arg, "put() wants a list of record dicts");
    if (!recs)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(recs);
    evc_event *ev = calloc((size_t)n + 1, sizeof *ev);
    evc_quote *qu = calloc((size_t)n + 1, sizeof *qu);
    evc_article_info info;
    memset(&info, 0, sizeof info);
    size_t ne = 0, nq = 0, na = 0;
    PyObject *out = NULL;
    evc_store_doc *sd = NULL;
    if (!ev || !qu) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *r = PySequence_Fast_GET_ITEM(recs, i);
        const char *type = NULL;
        if (!PyDict_Check(r)) {
            PyErr_SetString(InputError, "a record must be a dict");
            goto done;
        }
        if (field_str(r, "type", &type))
            goto done;
        int bad;
        if (type && !strcmp(type, "article")) {
            double ns;
            bad = field_str(r, "article", &info.id) || field_str(r, "title", &info.title) ||
                  field_str(r, "published", &info.published) || field_str(r, "outlet", &info.outlet) ||
                  field_str(r, "url", &info.url) || field_str(r, "text", &info.text) ||
                  field_num(r, "sentences", &ns, 1);
            info.n_sentences = bad ? 0 : (int)ns;
            na++;
        } else if (type && !strcmp(type, "event")) {
            bad = read_event(r, &ev[ne++]);
        } else if (type && !strcmp(type, "quote")) {
            bad = read_quote(r, &qu[nq++]);
        } else {
            PyErr_SetString(InputError, "a record's type must be article, event or quote");
            bad = 1;
        }
        if (bad)
            goto done;
    }
    if (na != 1 || !info.id) {
        PyErr_SetString(InputError, "put() wants exactly one article record (with its article id)");
        goto done;
    }
    evc_status st = evc_store_doc_from_records(&info, ev, ne, qu, nq, &sd);
    if (st != EVC_OK) {
        raise_status(st, NULL, NULL);
        goto done;
    }
    evc_store_result res;
    evc_error err;
    memset(&err, 0, sizeof err);
    st = evc_store_put(self->st, sd, &res, &err);
    if (st != EVC_OK) {
        raise_status(st, &err, NULL);
        goto done;
    }
    static const char *const STATUS[] = {"", "added", "unchanged", "replaced"};
    out = Py_BuildValue("{ss sO sd sn sn sn sn}", "status", STATUS[res.status >= 1 && res.status <= 3 ? res.status : 0],
                        "duplicate", res.duplicate ? Py_True : Py_False, "similarity", res.similarity, "linked",
                        (Py_ssize_t)res.linked, "events", (Py_ssize_t)res.events, "new_events",
                        (Py_ssize_t)res.new_events, "quotes", (Py_ssize_t)res.quotes);
done:
    evc_store_doc_free(sd);
    free(ev);
    free(qu);
    Py_DECREF(recs);
    return out;
}

static PyObject *Store_begin(Store *self, PyObject *unused)
{
    evc_error err;
    memset(&err, 0, sizeof err);
    evc_status st;
    if (!store_ready(self))
        return NULL;
    if ((st = evc_store_begin(self->st, &err)) != EVC_OK) {
        raise_status(st, &err, NULL);
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *Store_commit(Store *self, PyObject *unused)
{
    evc_error err;
    memset(&err, 0, sizeof err);
    evc_status st;
    if (!store_ready(self))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    st = evc_store_commit(self->st, &err);
    Py_END_ALLOW_THREADS
    if (st != EVC_OK) {
        raise_status(st, &err, NULL);
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *Store_close(Store *self, PyObject *unused)
{
    evc_store_close(self->st);
    self->st = NULL;
    Py_RETURN_NONE;
}

static int append_bytes(void *user, const char *bytes, size_t len)
{
    PyObject **buf = user;   /* a bytearray; the GIL is held */
    Py_ssize_t old = PyByteArray_GET_SIZE(*buf);
    if (PyByteArray_Resize(*buf, old + (Py_ssize_t)len) < 0)
        return 1;
    memcpy(PyByteArray_AS_STRING(*buf) + old, bytes, len);
    return 0;
}

static PyObject *Store_export(Store *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"format", NULL};
    const char *fmt = "jsonl";
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|s:export", kwlist, &fmt) || !store_ready(self))
        return NULL;
    evc_export_format f = !strcmp(fmt, "jsonl")    ? EVC_EXPORT_JSONL
                          : !strcmp(fmt, "gdelt")  ? EVC_EXPORT_GDELT
                          : !strcmp(fmt, "plover") ? EVC_EXPORT_PLOVER
                          : !strcmp(fmt, "csv")    ? EVC_EXPORT_CSV
                                                   : 0;
    if (!f) {
        PyErr_SetString(PyExc_ValueError, "format must be jsonl, gdelt, plover or csv");
        return NULL;
    }
    PyObject *buf = PyByteArray_FromStringAndSize(NULL, 0);
    if (!buf)
        return NULL;
    evc_error err;
    memset(&err, 0, sizeof err);
    evc_status st = evc_store_export(self->st, f, NULL, append_bytes, &buf, &err);
    if (st != EVC_OK) {
        Py_DECREF(buf);
        if (!PyErr_Occurred())
            raise_status(st, &err, NULL);
        return NULL;
    }
    PyObject *s = PyUnicode_DecodeUTF8(PyByteArray_AS_STRING(buf), PyByteArray_GET_SIZE(buf), "replace");
    Py_DECREF(buf);
    return s;
}

static PyObject *Store_stats(Store *self, PyObject *unused)
{
    if (!store_ready(self))
        return NULL;
    evc_store_stats s;
    evc_error err;
    memset(&err, 0, sizeof err);
    evc_status st = evc_store_stats_get(self->st, &s, &err);
    if (st != EVC_OK) {
        raise_status(st, &err, NULL);
        return NULL;
    }
    return Py_BuildValue("{sn sn sn sn sn sn sn}", "articles", (Py_ssize_t)s.articles, "duplicates",
                         (Py_ssize_t)s.duplicates, "links", (Py_ssize_t)s.links, "events", (Py_ssize_t)s.events,
                         "mentions", (Py_ssize_t)s.mentions, "quotes", (Py_ssize_t)s.quotes, "actors",
                         (Py_ssize_t)s.actors);
}

static PyObject *Store_enter(Store *self, PyObject *unused) { return Py_NewRef(self); }

static PyObject *Store_exit(Store *self, PyObject *args) { return Store_close(self, NULL); }

static PyMethodDef Store_methods[] = {
    {"begin", (PyCFunction)Store_begin, METH_NOARGS, "begin(): open a batch (one transaction)."},
    {"put", (PyCFunction)Store_put, METH_O,
     "put(records) -> dict\n\nStore one article from its records (dicts as Coder.code returns with\n"
     "article_records=True: exactly one article record, its events and quotes), inside a batch;\n"
     "deduplicated as `evcode ingest` does. Returns what was done (status, duplicate, ...)."},
    {"commit", (PyCFunction)Store_commit, METH_NOARGS, "commit(): write the open batch."},
    {"export", (PyCFunction)(void (*)(void))Store_export, METH_VARARGS | METH_KEYWORDS,
     "export(format='jsonl') -> str: the store as `evcode export` writes it (jsonl, gdelt, plover, csv)."},
    {"stats", (PyCFunction)Store_stats, METH_NOARGS, "stats() -> dict: rows of each kind."},
    {"close", (PyCFunction)Store_close, METH_NOARGS, "close(): close the store (an open batch is rolled back)."},
    {"__enter__", (PyCFunction)Store_enter, METH_NOARGS, NULL},
    {"__exit__", (PyCFunction)Store_exit, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}};

static PyTypeObject StoreType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "evcode._evcode.Store",
    .tp_basicsize = sizeof(Store),
    .tp_dealloc = (destructor)Store_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Store(path): the SQLite store of `evcode ingest` (created when missing).\n"
              "One thread at a time. See docs/store.md.",
    .tp_init = (initproc)Store_init,
    .tp_new = PyType_GenericNew,
    .tp_methods = Store_methods,
};

/* ---- Module ---------------------------------------------------------------- */

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_evcode", "The C core of evcode: Coder and Store over libevcode.", -1, NULL,
    NULL, NULL, NULL, NULL};

static PyObject *new_error(PyObject *m, const char *name, PyObject *bases, const char *doc)
{
    char full[64];
    snprintf(full, sizeof full, "evcode.%s", name);
    PyObject *e = PyErr_NewExceptionWithDoc(full, doc, bases, NULL);
    if (e && PyModule_AddObjectRef(m, name, e) < 0)
        Py_CLEAR(e);
    return e;
}

PyMODINIT_FUNC PyInit__evcode(void)
{
    if (PyType_Ready(&CoderType) < 0 || PyType_Ready(&ManyIterType) < 0 || PyType_Ready(&StoreType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (!m)
        return NULL;
    for (int k = 0; k < N_KEYS; k++)
        if (!(KEY[k] = PyUnicode_InternFromString(KEY_NAMES[k])))
            goto fail;
    if (!(Error = new_error(m, "Error", NULL, "An evcode error.")))
        goto fail;
    PyObject *bases = PyTuple_Pack(2, Error, PyExc_ValueError);
    if (!bases)
        goto fail;
    InputError = new_error(m, "InputError", bases,
                           "An article the coder refuses: empty, binary, too large, malformed JSON.");
    Py_DECREF(bases);
    if (!InputError || !(DictionaryError = new_error(m, "DictionaryError", Error,
                                                     "A dictionary that cannot be read: file:line: reason.")))
        goto fail;
    if (!(InputWarning = new_error(m, "InputWarning", PyExc_UserWarning,
                                   "An article coded after a repair (invalid UTF-8, NUL bytes, a bad date).")))
        goto fail;
    if (PyModule_AddObjectRef(m, "Coder", (PyObject *)&CoderType) < 0 ||
        PyModule_AddObjectRef(m, "Store", (PyObject *)&StoreType) < 0 ||
        PyModule_AddStringConstant(m, "__version__", EVC_VERSION) < 0 ||
        PyModule_AddIntConstant(m, "SCHEMA_VERSION", EVC_SCHEMA_VERSION) < 0 ||
        PyModule_AddStringConstant(m, "DATA_DIR", evc_default_data_dir()) < 0)
        goto fail;
    return m;
fail:
    Py_DECREF(m);
    return NULL;
}
