/*
 * Readers for the dictionaries of TABARI and PETRARCH (the "peer" formats),
 * compiled into the same tables as ours (dict.c), so that one engine codes
 * with either.
 *
 * Both formats, as their manuals and files define them:
 * - comments start at ';' (TABARI) or '#' (PETRARCH); "<!-- -->" (or "<! --") lines and
 *   "<NOUN>", "<ADJECTIVE>", "<TIME>" sections are skipped, but for the
 *   "<TIME>" phrases coded "[###]" or "[+++]", read as verbs;
 * - a phrase joins its words with '_' or spaces (TABARI: a space lets other
 *   words stand between them, evc_word.loose); its last word is a stem
 *   that matches every word it begins ("ARGENTIN" matches "Argentine")
 *   unless a trailing '_' makes it whole ("KABUL_"; TABARI: "Kabuls" too)
 *   or a trailing '=' exact;
 * - actors: "NAME [CODE] [CODE DATES]...", synonyms on "+NAME" lines and
 *   codes on "[...]" lines below the entry; DATES are "YYMMDD-YYMMDD",
 *   "<YYMMDD", ">YYMMDD" (six or eight digits); "[---]" names an actor that
 *   is recognised but coded as nobody;
 * - agents: "NAME {PLURALS} [~ROLE]" ("[ROLE~]" puts the role before the
 *   actor's code); regular plurals are added; "!X! = A, B" substitutes
 *   each of A, B for "!X!" in later names;
 * - verbs: synsets ("&NAME" with "+member" lines), blocks of verbs that
 *   share patterns (TABARI: "VERB [code]" with "{ FORMS }"; PETRARCH:
 *   "--- NAME [code] ---" with "VERB {FORMS} [code]" and "+MULTI_WORD"
 *   lines), and patterns "- words * words [code]": '*' is the verb, '$' the
 *   source, '+' the target, '_' joins neighbours, "{a | b}" is a choice,
 *   "&SET" a synset, "^" before a '$' or '+' after the verb skips the noun
 *   phrase standing there ("* AT ^ +"), "%" marks acts between the members
 *   of a compound ("% *": the source's; TABARI "* WITH %": the one after the
 *   verb), other '^' are accepted and ignored; "[a:b]" codes a pair of
 *   events, "[---]" matches and codes nothing; in TABARI's patterns a word
 *   is a stem unless a trailing '_' makes it whole ("ON_"; "IN_ *" is whole
 *   and loose, "IN_*" joined), and '~' makes a word joined to the next one
 *   a stem ("REAL~_PLEASANT"); a verb written with '=' ("BAN=") matches
 *   only as written; the words of a synset member written with a space may
 *   have others between them ("AUSTRIAN FLORIN": "Austrian gold florin");
 *   '_' after a synset joins the word that follows to the member
 *   ("&TIETYPES_MEMOS");
 * - discards: phrases after which a sentence ("+" first: the story) is not
 *   coded; issues: counted, not coded (evcode has no issue field yet);
 * - UD-PETRARCH's internal coding ontology: "CODE:VALUE" lines (load_pico),
 *   by which a negated act gets a code;
 * - TABARI options ("SET: MINIMUM WORDS = 8", "DEFAULT: ...", "COMMA: ...",
 *   "COMPLEX: ...", "SET: CODE ALL"): evc_tabari_option, for the .options
 *   file and for callers; the others are read and not applied.
 */
#define _POSIX_C_SOURCE 200809L
#include "dictload.h"
#include "util.h"
#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NOMEM(L) evc_load_fail((L), EVC_ERR_NOMEM, "out of memory%s", NULL)
#define DERR(L, fmt, arg) evc_load_fail((L), EVC_ERR_DICT, fmt, arg)

enum { MAX_SEQ = 8, MAX_ALTS = 256, MAX_SLOTS = 24, MAX_VARIANTS = 16, MAX_NAMES = 64 };

/* ---- lines ---------------------------------------------------------------- */

/* Cuts a comment (';', '#' at the start of a line or anywhere in PETRARCH
 * files, where TABARI's "[###]" cannot occur) and surrounding space;
 * returns the new start and sets *n. XML comment lines and TABARI's "~~"
 * end marks are empty. */
static char *peer_line(char *s, size_t *n, int hash_comments)
{
    size_t lead = 0;
    while (lead < *n && evc_is_space((unsigned char)s[lead]))
        lead++;
    for (size_t i = 0; i < *n; i++)
        if (s[i] == ';' || (s[i] == '#' && (hash_comments || i == lead))) {
            *n = i;
            break;
        }
    while (*n && evc_is_space((unsigned char)*s))
        s++, (*n)--;
    while (*n && evc_is_space((unsigned char)s[*n - 1]))
        (*n)--;
    /* "<!-- -->", and "<! -- -->" as PETR.Validate.actors.txt writes one */
    if (*n >= 2 && (!memcmp(s, "<!", 2) || !memcmp(s, "~~", 2)))
        *n = 0;
    s[*n] = 0;
    return s;
}

typedef struct lines {
    char *buf, *p, *end;
    int hash_comments;   /* PETRARCH ('.txt' files) */
} lines;

static evc_status lines_open(evc_loader *L, lines *it, const char *path)
{
    size_t len;
    int missing;
    L->file = path;
    L->line = 0;
    it->buf = evc_read_file(path, &len, &missing);
    if (!it->buf)
        return evc_load_fail(L, EVC_ERR_IO, missing ? "cannot find %s" : "cannot read %s", path);
    it->p = it->buf;
    it->end = it->buf + len;
    size_t pl = strlen(path);
    it->hash_comments = pl > 4 && evc_eq_nocase(path + pl - 4, 4, ".txt");
    if (evc_load_file(L, path)) {
        free(it->buf);
        it->buf = NULL;
        return NOMEM(L);
    }
    return EVC_OK;
}

/* The next line, comments cut; NULL at the end. */
static char *lines_next(evc_loader *L, lines *it, size_t *n)
{
    if (it->p >= it->end)
        return NULL;
    char *s = it->p, *nl = memchr(s, '\n', (size_t)(it->end - s));
    *n = nl ? (size_t)(nl - s) : (size_t)(it->end - s);
    it->p = nl ? nl + 1 : it->end;
    L->line++;
    return peer_line(s, n, it->hash_comments);
}

/* Does s[0..n) hold the string w? */
static int find_in(const char *s, size_t n, const char *w)
{
    size_t wl = strlen(w);
    for (size_t k = 0; k + wl <= n; k++)
        if (!memcmp(s + k, w, wl))
            return 1;
    return 0;
}

/* ---- names ---------------------------------------------------------------- */

/* Adds one phrase "WORD_WORD_" with the codes [codes0, L->codes.n): its
 * last word a stem unless written whole, with a trailing '_' (which TABARI
 * lets take an 's': "LIBYA_" is "Libyas" too) or '=' (exactly). */
static evc_status add_name(evc_loader *L, const char *raw, size_t n, uint16_t flags, size_t codes0, const char *canon,
                           evc_arena *tmp)
{
    char buf[512] = {0};
    while (n && (raw[n - 1] == ' ' || raw[n - 1] == '\t'))
        n--;
    if (n >= sizeof buf)
        return DERR(L, "name longer than 511 bytes%s", NULL);
    int whole = n && (raw[n - 1] == '_' || raw[n - 1] == '='); /* '=': not even an 's' ending */
    int exact = n && raw[n - 1] == '=';
    /* an abbreviation is no stem: "U.S." is not "Use", "U.N." not "until" */
    for (size_t i = n; i-- > 0 && raw[i] != ' ' && raw[i] != '_' && !whole;)
        whole = raw[i] == '.';
    for (size_t i = 0; i < n; i++)
        buf[i] = raw[i] == '_' || (raw[i] == '=' && i + 1 == n) ? ' ' : raw[i];
    size_t w0 = L->words.n;
    size_t nw = evc_load_words(L, buf, n, raw, tmp);
    if (!nw) {
        for (size_t i = 0; i < n; i++)
            if (!evc_is_space((unsigned char)buf[i]))
                return NOMEM(L);
        return DERR(L, "empty name%s", NULL);
    }
    if (nw > 32)
        return DERR(L, "name longer than 32 words%s", NULL);
    for (size_t k = w0; k < L->words.n; k++)
        L->words.v[k].caps = 0; /* peer dictionaries are written in capitals */
    L->words.v[L->words.n - 1].plural = (uint8_t)(whole && !exact);
    if (!whole) {
        /* the stem is the last word's normal form; its hash is the word's */
        evc_token_vec toks = {0};
        evc_arena_reset(tmp);
        if (evc_tokenize(tmp, buf, n, 0, &toks) || !toks.n)
            return NOMEM(L);
        const evc_token *t = &toks.v[toks.n - 1];
        char norm[64];
        size_t nl = evc_token_norm(buf + t->start, t->len, norm, sizeof norm);
        if ((t->flags & EVC_TK_WORD) && nl < 64)
            L->words.v[L->words.n - 1].stem = (uint8_t)nl;
    }
    return evc_load_phrase(L, w0, nw, flags, codes0, canon);
}

/* "CATTLE!PERSON!" with "!PERSON! = MAN, MEN": every substitution. */
typedef struct macro {
    char name[32];
    char *alts; /* comma-separated, in the context arena */
} macro;

typedef struct names {
    char *v[MAX_NAMES];
    size_t n;
} names;

static void expand_macros(const macro *m, size_t nm, const char *s, names *out, evc_arena *a, int depth)
{
    const char *b = strchr(s, '!');
    const char *e = b ? strchr(b + 1, '!') : NULL;
    if (!e || depth > 3) {
        if (out->n < MAX_NAMES)
            out->v[out->n++] = evc_arena_strndup(a, s, strlen(s));
        return;
    }
    for (size_t i = 0; i < nm; i++) {
        if (strlen(m[i].name) != (size_t)(e - b + 1) || memcmp(m[i].name, b, (size_t)(e - b + 1)))
            continue;
        for (const char *p = m[i].alts; *p;) {
            const char *c = strchr(p, ',');
            size_t al = c ? (size_t)(c - p) : strlen(p);
            char buf[512];
            int w = snprintf(buf, sizeof buf, "%.*s%.*s%s", (int)(b - s), s, (int)al, p, e + 1);
            if (w > 0 && (size_t)w < sizeof buf)
                expand_macros(m, nm, buf, out, a, depth + 1);
            p = c ? c + 1 : p + al;
            while (*p == ' ')
                p++;
        }
        return;
    }
    if (out->n < MAX_NAMES)
        out->v[out->n++] = evc_arena_strndup(a, s, strlen(s)); /* unknown macro: as written */
}

/* Regular plural of a name's last word, for agents: "MINISTER_" -> "MINISTERS_". */
static int plural(const char *s, char *out, size_t cap)
{
    size_t n = strlen(s);
    int whole = n && s[n - 1] == '_';
    size_t b = whole ? n - 1 : n;
    if (b < 2 || b + 4 >= cap)
        return 0;
    memcpy(out, s, b);
    char l = (char)evc_to_lower((unsigned char)s[b - 1]), p = (char)evc_to_lower((unsigned char)s[b - 2]);
    size_t o = b;
    if (l == 'y' && !strchr("aeiou", p)) {
        o = b - 1;
        memcpy(out + o, "IES", 3), o += 3;
    } else if (l == 's' || l == 'x' || l == 'z' || (l == 'h' && (p == 'c' || p == 's'))) {
        memcpy(out + o, "ES", 2), o += 2;
    } else if (b >= 3 && evc_eq_nocase(s + b - 3, 3, "man")) {
        out[b - 2] = 'E';
    } else {
        out[o++] = 'S';
    }
    if (whole)
        out[o++] = '_';
    out[o] = 0;
    return 1;
}

/* ---- codes ---------------------------------------------------------------- */

static int parse_yymmdd(const char *s, size_t n, long *out)
{
    if (n != 6 && n != 8)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!evc_is_digit(s[i]))
            return -1;
    int y, m, d;
    if (n == 6) {
        y = (s[0] - '0') * 10 + (s[1] - '0');
        y += y < 30 ? 2000 : 1900;
        s += 2;
    } else {
        y = atoi(s) / 10000;
        s += 4;
    }
    m = (s[0] - '0') * 10 + (s[1] - '0');
    d = (s[2] - '0') * 10 + (s[3] - '0');
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    *out = evc_days_from_civil(y, m, d);
    return 0;
}

/* One "[CODE DATES]" block (inside the brackets); agents keep "~" marks. */
static evc_status add_code(evc_loader *L, char *s, size_t n, int agent)
{
    size_t cl = 0;
    while (cl < n && !evc_is_space((unsigned char)s[cl]) && s[cl] != '<' && s[cl] != '>')
        cl++;
    if (!cl)
        return DERR(L, "empty code block%s", NULL);
    char code[32];
    size_t o = 0;
    for (size_t i = 0; i < cl && o < sizeof code - 1; i++)
        if (s[i] != '~' || (agent && i == cl - 1 && i > 0))
            code[o++] = s[i]; /* "~GOV" -> GOV; "NGM~" keeps its mark: a prefix */
    code[o] = 0;
    if (!o || (!agent && evc_is_digit((unsigned char)code[0]) && cl == n))
        return DERR(L, "code block without a code%s", NULL);
    for (size_t i = 0; i < o; i++)
        if (!(evc_is_alpha((unsigned char)code[i]) || evc_is_digit((unsigned char)code[i]) || code[i] == '-' ||
              code[i] == '~' || code[i] == '#' || code[i] == '+' || code[i] == '/'))
            return DERR(L, "invalid character in code '%s'", code);
    evc_codespec *c = EVC_VEC_PUSH(&L->ctx->arena, L->codes);
    if (!c)
        return NOMEM(L);
    for (size_t i = 0; i < o; i++)
        code[i] = (char)(evc_is_lower((unsigned char)code[i]) ? code[i] - 32 : code[i]);
    c->code = evc_arena_strndup(&L->ctx->arena, code, o);
    c->from = LONG_MIN;
    c->to = LONG_MAX;
    if (!c->code)
        return NOMEM(L);
    /* dates: "A-B", "A - B", "<A", ">A" */
    char *r = s + cl;
    size_t rn = n - cl;
    char rest[64];
    size_t k = 0;
    for (size_t i = 0; i < rn && k < sizeof rest - 1; i++)
        if (!evc_is_space((unsigned char)r[i]))
            rest[k++] = r[i];
    rest[k] = 0;
    if (!k)
        return EVC_OK;
    long a, b;
    char *dash = strchr(rest, '-');
    if (rest[0] == '<' && !parse_yymmdd(rest + 1, k - 1, &a))
        c->to = a - 1;
    else if (rest[0] == '>' && !parse_yymmdd(rest + 1, k - 1, &a))
        c->from = a;
    else if (dash && !parse_yymmdd(rest, (size_t)(dash - rest), &a) && !parse_yymmdd(dash + 1, strlen(dash + 1), &b) &&
             a <= b)
        c->from = a, c->to = b;
    else
        return DERR(L, "invalid date restriction '%s' (YYMMDD-YYMMDD, <YYMMDD or >YYMMDD)", rest);
    return EVC_OK;
}

/* Reads the "[...]" blocks of s; returns the text before the first one in *name_len. */
static evc_status add_codes(evc_loader *L, char *s, size_t n, int agent, size_t *name_len, int *found)
{
    char *lb = memchr(s, '[', n);
    *name_len = lb ? (size_t)(lb - s) : n;
    *found = 0;
    while (lb) {
        char *rb = memchr(lb, ']', n - (size_t)(lb - s));
        if (!rb)
            return DERR(L, "unclosed '['%s", NULL);
        size_t bn = (size_t)(rb - lb - 1);
        char *b = lb + 1;
        while (bn && evc_is_space((unsigned char)*b))
            b++, bn--;
        while (bn && evc_is_space((unsigned char)b[bn - 1]))
            bn--;
        evc_status st = add_code(L, b, bn, agent);
        if (st)
            return st;
        *found = 1;
        lb = memchr(rb, '[', n - (size_t)(rb - s));
    }
    return EVC_OK;
}

/* ---- actors, agents, discards ---------------------------------------------- */

typedef struct entry {
    names nm;
    size_t codes0;
    size_t line;
    int open;
} entry;

static evc_status entry_close(evc_loader *L, entry *e, uint16_t flags, int agent, evc_arena *tmp, evc_arena *keep)
{
    evc_status st = EVC_OK;
    if (!e->open)
        return EVC_OK;
    e->open = 0;
    size_t line = L->line;
    L->line = e->line;
    if (L->codes.n == e->codes0) {
        st = DERR(L, "entry without a code%s", NULL);
        L->line = line;
        return st;
    }
    const char *canon = NULL;
    for (size_t i = 0; st == EVC_OK && i < e->nm.n; i++) {
        const char *nm = e->nm.v[i];
        if (!nm)
            return NOMEM(L);
        if (!canon) {
            char buf[512];
            size_t k = 0;
            for (; nm[k] && k < sizeof buf - 1; k++)
                buf[k] = nm[k] == '_' ? ' ' : nm[k];
            while (k && buf[k - 1] == ' ')
                k--;
            if (!(canon = evc_arena_strndup(&L->ctx->arena, buf, k)))
                return NOMEM(L);
        }
        st = add_name(L, nm, strlen(nm), flags, e->codes0, canon, tmp);
        char pl[520];
        if (st == EVC_OK && agent && plural(nm, pl, sizeof pl))
            st = add_name(L, pl, strlen(pl), flags, e->codes0, canon, tmp);
    }
    e->nm.n = 0;
    evc_arena_reset(keep);
    L->line = line;
    return st;
}

static void entry_add(entry *e, const macro *m, size_t nm, const char *s, size_t n, evc_arena *keep)
{
    char buf[512];
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, s, n);
    buf[n] = 0;
    expand_macros(m, nm, buf, &e->nm, keep, 0);
}

static evc_status load_actors(evc_loader *L, const char *path, int agent, evc_arena *tmp)
{
    lines it;
    evc_status st = lines_open(L, &it, path);
    if (st)
        return st;
    evc_arena keep;
    evc_arena_init(&keep, 4096);
    EVC_VEC(macro) macros = {0};
    entry e = {0};
    int skip = 0; /* inside <NOUN>, <ADJECTIVE>, <TIME> */
    uint16_t flags = agent ? EVC_PH_AGENT : EVC_PH_ORG;
    char *s;
    size_t n;
    while (st == EVC_OK && (s = lines_next(L, &it, &n))) {
        if (!n)
            continue;
        size_t snap[3] = {L->phrases.n, L->words.n, L->codes.n};
        if (s[0] == '<') {
            skip = s[1] != '/';
            continue;
        }
        if (skip)
            continue;
        char *eq = s[0] == '!' ? strchr(s, '=') : NULL;
        if (eq) { /* !X! = A, B */
            char *b2 = strchr(s + 1, '!');
            /* in the context arena: macros outlive the entries (keep is reset) */
            macro *m = b2 && b2 < eq && (size_t)(b2 - s + 1) < sizeof m->name ? EVC_VEC_PUSH(&L->ctx->arena, macros) : NULL;
            if (!b2 || b2 > eq || (size_t)(b2 - s + 1) >= sizeof m->name) {
                st = evc_load_report(L, DERR(L, "substitution needs '!NAME! = A, B'%s", NULL));
                continue;
            }
            if (!m) {
                st = NOMEM(L);
                break;
            }
            memcpy(m->name, s, (size_t)(b2 - s + 1));
            m->name[b2 - s + 1] = 0;
            char *v = eq + 1;
            while (*v == ' ')
                v++;
            /* the macro outlives entry arenas: keep it in the context */
            if (!(m->alts = evc_arena_strndup(&L->ctx->arena, v, strlen(v))))
                st = NOMEM(L);
            continue;
        }
        if (s[0] == '+' || s[0] == '[' || s[0] == '{') {
            if (!e.open) {
                st = evc_load_report(L, DERR(L, "'+', '[' or '{' line outside an entry%s", NULL));
                continue;
            }
            size_t nl;
            int found;
            if (s[0] == '+') {
                st = add_codes(L, s + 1, n - 1, agent, &nl, &found);
                if (st == EVC_OK)
                    entry_add(&e, macros.v, macros.n, s + 1, nl, &keep);
            } else {
                st = add_codes(L, s, n, agent, &nl, &found);
            }
            if (st == EVC_ERR_DICT) {
                L->codes.n = snap[2];
                st = evc_load_report(L, st);
            }
            continue;
        }
        /* names on lines of their own share the codes that follow them */
        int more = e.open && L->codes.n == e.codes0 && !memchr(s, '[', n);
        if (!more) {
            st = entry_close(L, &e, flags, agent, tmp, &keep);
            if (st == EVC_ERR_DICT) {
                L->phrases.n = snap[0], L->words.n = snap[1], L->codes.n = snap[2];
                st = evc_load_report(L, st);
            }
            if (st)
                break;
            snap[0] = L->phrases.n, snap[1] = L->words.n, snap[2] = L->codes.n;
            e.open = 1;
            e.line = L->line;
            e.codes0 = L->codes.n;
        }
        size_t nl;
        int found;
        st = add_codes(L, s, n, agent, &nl, &found);
        if (st == EVC_OK) {
            /* "NAME {PLURAL FORMS} [code]" */
            char *br = memchr(s, '{', nl);
            size_t base = br ? (size_t)(br - s) : nl;
            while (base && evc_is_space((unsigned char)s[base - 1]))
                base--;
            entry_add(&e, macros.v, macros.n, s, base, &keep);
            if (br) {
                char *cb = memchr(br, '}', nl - base);
                char *p = br + 1;
                while (cb && p < cb) {
                    while (p < cb && (*p == ' ' || *p == '\t'))
                        p++;
                    char *q = p;
                    while (q < cb && *q != ' ' && *q != '\t')
                        q++;
                    if (q > p)
                        entry_add(&e, macros.v, macros.n, p, (size_t)(q - p), &keep);
                    p = q;
                }
            }
        }
        if (st == EVC_ERR_DICT) {
            e.open = 0;
            e.nm.n = 0;
            L->codes.n = snap[2];
            st = evc_load_report(L, st);
        }
    }
    if (st == EVC_OK) {
        size_t snap[3] = {L->phrases.n, L->words.n, L->codes.n};
        st = entry_close(L, &e, flags, agent, tmp, &keep);
        if (st == EVC_ERR_DICT) {
            L->phrases.n = snap[0], L->words.n = snap[1], L->codes.n = snap[2];
            st = evc_load_report(L, st);
        }
    }
    evc_arena_free(&keep);
    free(it.buf);
    return st;
}

static evc_status load_discards(evc_loader *L, const char *path, evc_arena *tmp)
{
    lines it;
    evc_status st = lines_open(L, &it, path);
    if (st)
        return st;
    char *s;
    size_t n;
    while (st == EVC_OK && (s = lines_next(L, &it, &n))) {
        if (!n || s[0] == '<')
            continue;
        uint16_t flags = EVC_PH_DISCARD;
        if (s[0] == '+') {
            flags |= EVC_PH_STORY;
            s++, n--;
        }
        char *lb = memchr(s, '[', n);
        if (lb)
            n = (size_t)(lb - s);
        size_t snap[2] = {L->phrases.n, L->words.n};
        st = add_name(L, s, n, flags, L->codes.n, NULL, tmp);
        if (st == EVC_ERR_DICT) {
            L->phrases.n = snap[0], L->words.n = snap[1];
            st = evc_load_report(L, st);
        } else if (st == EVC_OK) {
            L->ctx->n_discards++;
        }
    }
    free(it.buf);
    return st;
}

/* Issues: "phrase [CODE]" lines (the code defaults to the section's) in
 * <ISSUE> sections; read and checked. */
static evc_status load_issues(evc_loader *L, const char *path)
{
    lines it;
    evc_status st = lines_open(L, &it, path);
    if (st)
        return st;
    char *s;
    size_t n;
    while (st == EVC_OK && (s = lines_next(L, &it, &n))) {
        if (!n || s[0] == '<' || s[0] == '~')
            continue;
        char *lb = memchr(s, '[', n), *rb = lb ? memchr(lb, ']', n - (size_t)(lb - s)) : NULL;
        if (lb && (!rb || rb == lb + 1 || lb == s))
            st = evc_load_report(L, DERR(L, "issue line needs 'PHRASE [CODE]'%s", NULL));
        else
            L->ctx->n_issues++;
    }
    free(it.buf);
    return st;
}

/* ---- UD-PETRARCH's internal coding ontology ------------------------------ */

/* The value of a hexadecimal digit, or -1. */
static int hex_digit(int c)
{
    c = evc_to_lower(c);
    return evc_is_digit(c) ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* "110:0x1007f", "121:-0xFFFF+0x0070": a CAMEO code and its value in the
 * ontology (PICO), a sum of signed hexadecimal terms; '#' starts a comment.
 * The coder negates an act by taking 0xFFFF from its value: "did not clash
 * over" (110, 0xFFFF + 0x0080) is 050 (0x0080). Codes our CAMEO table lacks
 * are skipped. */
static evc_status load_pico(evc_loader *L, const char *path)
{
    lines it;
    evc_status st = lines_open(L, &it, path);
    if (st)
        return st;
    it.hash_comments = 1;
    char *s;
    size_t n;
    while (st == EVC_OK && (s = lines_next(L, &it, &n))) {
        if (!n)
            continue;
        char *colon = memchr(s, ':', n), *end = s + n;
        size_t cl = colon ? (size_t)(colon - s) : 0;
        int digits = cl >= 2 && cl <= 4;
        for (size_t k = 0; digits && k < cl; k++)
            digits = evc_is_digit((unsigned char)s[k]);
        long v = 0;
        int terms = 0, bad = !digits;
        for (char *p = colon ? colon + 1 : end; !bad && p < end;) {
            while (p < end && evc_is_space((unsigned char)*p))
                p++;
            if (p == end)
                break;
            int sign = 1;
            if (*p == '+' || *p == '-')
                sign = *p++ == '-' ? -1 : 1;
            while (p < end && evc_is_space((unsigned char)*p))
                p++;
            if (end - p < 3 || p[0] != '0' || (p[1] != 'x' && p[1] != 'X') || hex_digit((unsigned char)p[2]) < 0) {
                bad = 1;
                break;
            }
            long x = 0;
            for (p += 2; p < end && hex_digit((unsigned char)*p) >= 0 && x <= 0xFFFFFF; p++)
                x = x * 16 + hex_digit((unsigned char)*p);
            bad = x > 0xFFFFFF || ++terms > 8;
            v += sign * x;
        }
        if (bad || !terms) {
            st = evc_load_report(L, DERR(L, "ontology line needs 'CODE:VALUE' (VALUE: hexadecimal terms 0x.. joined by + or -)%s", NULL));
            continue;
        }
        char code[5];
        memcpy(code, s, cl);
        code[cl] = 0;
        const evc_cameo *cm = evc_cameo_find(L->ctx, code);
        if (cm) {
            evc_cameo *w = &L->cameo.v[cm - L->ctx->cameo];
            w->pico = (int32_t)v;
            w->has_pico = 1;
        }
    }
    free(it.buf);
    return st;
}

/* ---- verbs ---------------------------------------------------------------- */

/* Words of a pattern: their hashes; bit t of `loose`: other words may
 * stand between word t and the one before it ("YUM YENNYEN" in a synset);
 * bit t of `stem`: word t is a stem (TABARI: written without a trailing
 * '_', or with "~_") of len[t] bytes. */
typedef struct seq {
    uint8_t n;
    uint16_t loose, stem;
    uint8_t len[MAX_SEQ];
    uint64_t h[MAX_SEQ];
} seq;

enum { SL_WORD, SL_STAR, SL_SRC, SL_TGT };

typedef struct slot {
    uint8_t kind, adj;
    uint16_t n;
    seq *alts; /* n alternatives */
} slot;

typedef struct synset {
    char name[48];
    char **members;
    size_t n;
} synset;

typedef struct vctx {
    evc_loader *L;
    evc_arena *tmp;   /* tokenizer scratch */
    evc_arena *work;  /* per-block */
    synset *sets;
    size_t n_sets;
    int petrarch;     /* PETRARCH verbs list their forms; TABARI's are stems */
} vctx;

/* The synset named s; a trailing '_' does not count ("&PREPOSIT1_" is
 * defined, "&PREPOSIT1" used). */
static const synset *find_set(const vctx *V, const char *s, size_t n)
{
    n -= n > 1 && s[n - 1] == '_';
    for (size_t i = 0; i < V->n_sets; i++) {
        size_t k = strlen(V->sets[i].name);
        k -= k > 1 && V->sets[i].name[k - 1] == '_';
        if (k == n && !memcmp(V->sets[i].name, s, n))
            return &V->sets[i];
    }
    return NULL;
}

static size_t expand(vctx *V, const char *s, size_t n, seq *out, size_t cap, int depth);

/* Tokenizes one word of a pattern ("WON'T" may be two tokens). */
static int word_seq(vctx *V, const char *s, size_t n, seq *out)
{
    evc_token_vec toks = {0};
    evc_arena_reset(V->tmp);
    out->n = 0;
    out->loose = out->stem = 0;
    if (evc_tokenize(V->tmp, s, n, 0, &toks))
        return -1;
    for (size_t i = 0; i < toks.n && out->n < MAX_SEQ; i++) {
        char norm[64];
        out->len[out->n] = (uint8_t)evc_token_norm(s + toks.v[i].start, toks.v[i].len, norm, sizeof norm);
        out->h[out->n++] = toks.v[i].h;
    }
    return out->n ? 0 : 1;
}

static int is_sep(char c) { return c == ' ' || c == '\t' || c == '_' || c == '(' || c == ')' || c == '~' || c == '%' || c == '^'; }

/* Lexes a pattern fragment into slots (max cap); returns the count, -1 on error. */
static int lex(vctx *V, const char *s, size_t n, slot *sl, int cap, int depth)
{
    int ns = 0, adj = 0, skip = 0;
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (c == '^') { /* skip a noun phrase: counted for the actor slot that follows */
            skip += skip < 3;
            i++;
            continue;
        }
        if (is_sep(c)) {
            /* TABARI: "IN_ *" is the whole word IN, loose; "IN_*" joined */
            if (c == '_' && (V->petrarch || (i + 1 < n && s[i + 1] != ' ' && s[i + 1] != '\t')))
                adj = 1;
            i++;
            continue;
        }
        if (ns >= cap)
            return -1;
        slot *x = &sl[ns];
        memset(x, 0, sizeof *x);
        x->adj = (uint8_t)adj;
        adj = 0;
        if (c == '*' || c == '$' || c == '+') {
            x->kind = c == '*' ? SL_STAR : c == '$' ? SL_SRC : SL_TGT;
            if (c != '*')
                x->adj = (uint8_t)(x->adj | skip << 1); /* "AT ^ +": noun phrases to skip first */
            skip = 0;
            i++;
            ns++;
            continue;
        }
        x->kind = SL_WORD;
        skip = 0;
        seq buf[MAX_ALTS];
        size_t nb = 0;
        if (c == '{') {
            const char *e = memchr(s + i, '}', n - i);
            if (!e)
                return -1;
            size_t in = (size_t)(e - s - i - 1);
            const char *inner = s + i + 1;
            if (!memchr(inner, '|', in)) { /* PETRARCH grouping: just the words */
                int k = lex(V, inner, in, sl + ns, cap - ns, depth);
                if (k < 0)
                    return -1;
                if (k)
                    sl[ns].adj = (uint8_t)x->adj;
                ns += k;
                i = (size_t)(e - s) + 1;
                continue;
            }
            for (const char *p = inner; p < e;) {
                const char *bar = memchr(p, '|', (size_t)(e - p));
                size_t pl = bar ? (size_t)(bar - p) : (size_t)(e - p);
                nb += expand(V, p, pl, buf + nb, MAX_ALTS - nb, depth + 1);
                p += pl + (bar ? 1 : 0);
            }
            i = (size_t)(e - s) + 1;
        } else {
            size_t j = i + 1;
            while (j < n && !is_sep(s[j]) && s[j] != '{' && s[j] != '*' && s[j] != '$' && !(s[j] == '+' && c != '&'))
                j++;
            if (c == '&') {
                /* "&PREPOSIT1_" may include its trailing '_' */
                const synset *set = j < n && s[j] == '_' ? find_set(V, s + i, j - i + 1) : NULL;
                if (set && ++j < n && !is_sep(s[j]))
                    adj = 1; /* "&TIETYPES_MEMOS": the '_' joins the next word */
                else if (!set)
                    set = find_set(V, s + i, j - i);
                if (!set || depth > 4)
                    return -2; /* unknown synset */
                for (size_t m = 0; m < set->n && nb < MAX_ALTS; m++)
                    nb += expand(V, set->members[m], strlen(set->members[m]), buf + nb, MAX_ALTS - nb, depth + 1);
            } else {
                int r = word_seq(V, s + i, j - i, &buf[0]);
                if (r < 0)
                    return -1;
                nb = r == 0;
                /* TABARI: a word is a stem unless written whole, with a
                 * trailing '_' ("ON_"); '~' makes one joined to the next a
                 * stem ("REAL~_PLEASANT": "really pleasant") */
                if (nb && !V->petrarch && (j >= n || s[j] != '_') && buf[0].n == 1 && buf[0].len[0])
                    buf[0].stem = 1;
            }
            i = j;
        }
        if (!nb)
            continue;
        x->alts = evc_arena_alloc(V->work, nb * sizeof *x->alts);
        if (!x->alts)
            return -1;
        memcpy(x->alts, buf, nb * sizeof *buf);
        x->n = (uint16_t)nb;
        ns++;
    }
    return ns;
}

/* All word sequences a fragment ("MEMOS_ON_&TIETYPES") stands for. */
static size_t expand(vctx *V, const char *s, size_t n, seq *out, size_t cap, int depth)
{
    slot sl[MAX_SLOTS];
    int ns = lex(V, s, n, sl, MAX_SLOTS, depth);
    if (ns <= 0 || !cap)
        return 0;
    size_t k = 1;
    out[0].n = 0;
    out[0].loose = out[0].stem = 0;
    for (int i = 0; i < ns; i++) {
        if (sl[i].kind != SL_WORD)
            continue;
        size_t nk = 0;
        seq next[MAX_ALTS];
        for (size_t a = 0; a < k; a++)
            for (uint16_t b = 0; b < sl[i].n && nk < MAX_ALTS; b++) {
                seq x = out[a];
                const seq *y = &sl[i].alts[b];
                for (uint8_t t = 0; t < y->n && x.n < MAX_SEQ; t++) {
                    if (t ? (y->loose >> t & 1) : x.n && !sl[i].adj)
                        x.loose = (uint16_t)(x.loose | 1u << x.n);
                    if (y->stem >> t & 1)
                        x.stem = (uint16_t)(x.stem | 1u << x.n);
                    x.len[x.n] = y->len[t];
                    x.h[x.n++] = y->h[t];
                }
                next[nk++] = x;
            }
        k = nk < cap ? nk : cap;
        memcpy(out, next, k * sizeof *out);
    }
    return out[0].n ? k : 0;
}

/* The verb of a block: anchor alternatives, or a multi-word verb. */
typedef struct verb {
    seq pre, post;          /* words joined before / after it (multi-word verbs) */
    uint16_t n;             /* anchors (the verb and its forms) */
    uint64_t *h;
    const char *code;       /* its own code, or NULL for the block's */
    size_t line;
} verb;

typedef struct vpat {
    char *text;
    const char *code;
    size_t line;
} vpat;

typedef struct block {
    const char *code;
    EVC_VEC(verb) verbs;
    EVC_VEC(vpat) pats;
} block;

/* An element of alternatives h[0..n); stem[i], when stem is given, is the
 * length of h[i] as a stem, 0 for a whole word. */
static evc_status push_elem(evc_loader *L, uint8_t kind, uint8_t adj, const uint64_t *h, const uint8_t *stem,
                            size_t n)
{
    evc_pelem *e = EVC_VEC_PUSH(&L->ctx->arena, L->elems);
    if (!e)
        return NOMEM(L);
    e->kind = kind;
    e->adj = adj;
    e->alts = (uint32_t)L->alts.n;
    for (size_t i = 0; i < n; i++) {
        evc_status st = evc_load_alt(L, h[i]);
        if (st)
            return st;
        if (stem && stem[i] && stem[i] < 64) {
            L->alts.v[L->alts.n - 1] ^= EVC_STEM_SALT;
            L->ctx->word_stem_lens |= (uint64_t)1 << stem[i];
            e->adj |= EVC_PE_STEMS;
        }
    }
    e->n_alts = (uint16_t)n;
    return EVC_OK;
}

static evc_status push_seq(evc_loader *L, const seq *q, uint8_t adj)
{
    for (uint8_t i = 0; i < q->n; i++) {
        uint8_t stem = q->stem >> i & 1 ? q->len[i] : 0;
        evc_status st = push_elem(L, EVC_PE_WORD, i ? !(q->loose >> i & 1) : adj, &q->h[i], &stem, 1);
        if (st)
            return st;
    }
    return EVC_OK;
}

static evc_status split_code(evc_loader *L, const char *code, const char **c1, const char **c2)
{
    const char *colon = strchr(code, ':');
    *c2 = NULL;
    if (!colon) {
        *c1 = code;
        return EVC_OK;
    }
    *c1 = evc_arena_strndup(&L->ctx->arena, code, (size_t)(colon - code));
    *c2 = evc_arena_strndup(&L->ctx->arena, colon + 1, strlen(colon + 1));
    return *c1 && *c2 ? EVC_OK : NOMEM(L);
}

/* One compiled pattern: slots (one choice per multi-word alternative) around the verb. */
static evc_status emit_pattern(evc_loader *L, const slot *sl, int ns, const int *pick, const verb *v, const char *code,
                               const char *text, size_t line)
{
    evc_pattern *p = EVC_VEC_PUSH(&L->ctx->arena, L->patterns);
    if (!p)
        return NOMEM(L);
    size_t e0 = L->elems.n;
    p->elems = (uint32_t)e0;
    p->loose = 1;
    p->file = L->file_idx;
    p->line = (uint32_t)line;
    p->text = text;
    const char *pc = text ? strchr(text, '%') : NULL, *verb_at = text ? strchr(text, '*') : NULL;
    p->compound = !pc ? 0 : verb_at && pc > verb_at ? 2 : 1; /* "% *": before the verb; "* WITH %": after */
    size_t cl = strlen(code);
    if (cl > 1 && code[cl - 1] == '?') { /* TABARI: only when nothing else is coded */
        p->weak = 1;
        if (!(code = evc_arena_strndup(&L->ctx->arena, code, cl - 1)))
            return NOMEM(L);
    }
    evc_status st = split_code(L, code, &p->code, &p->code2);
    int star = -1;
    for (int i = 0; i < ns; i++)
        if (sl[i].kind == SL_STAR)
            star = i;
    for (int pass = 0; st == EVC_OK && pass < 2; pass++) {
        /* pass 0: the words before the verb; pass 1: the verb and the rest */
        if (pass == 1) {
            if (v->pre.n)
                st = push_seq(L, &v->pre, star > 0 ? sl[star].adj : 0);
            p->n_pre = (uint8_t)(L->elems.n - e0);
            if (st == EVC_OK)
                st = push_elem(L, EVC_PE_WORD, v->pre.n ? 1 : (star > 0 ? sl[star].adj : 0), v->h, NULL, v->n);
            if (st == EVC_OK && v->post.n)
                st = push_seq(L, &v->post, 1);
        }
        for (int i = pass ? star + 1 : 0; st == EVC_OK && i < (pass ? ns : (star < 0 ? 0 : star)); i++) {
            const slot *x = &sl[i];
            if (x->kind == SL_SRC || x->kind == SL_TGT) {
                st = push_elem(L, x->kind == SL_SRC ? EVC_PE_SOURCE : EVC_PE_TARGET, x->adj, NULL, NULL, 0);
                continue;
            }
            if (x->kind != SL_WORD)
                continue;
            if (pick[i] < 0) { /* the one-word alternatives, as one element */
                uint64_t h[MAX_ALTS];
                uint8_t stem[MAX_ALTS];
                size_t k = 0;
                for (uint16_t a = 0; a < x->n; a++)
                    if (x->alts[a].n == 1) {
                        stem[k] = x->alts[a].stem & 1 ? x->alts[a].len[0] : 0;
                        h[k++] = x->alts[a].h[0];
                    }
                st = push_elem(L, EVC_PE_WORD, x->adj, h, stem, k);
            } else {
                st = push_seq(L, &x->alts[pick[i]], x->adj);
            }
        }
    }
    if (st)
        return st;
    if (L->elems.n - e0 > 60000 || p->n_pre > 200)
        return DERR(L, "pattern too long%s", NULL);
    p->n_elems = (uint16_t)(L->elems.n - e0);
    return EVC_OK;
}

/* Every choice of multi-word alternatives (up to MAX_VARIANTS patterns).
 * A slot starts at -1 (its one-word members as one element) when it has
 * one-word members, else at its first multi-word member, so that every
 * step of the odometer is a pattern and the loop ends within the bound. */
static evc_status emit_variants(evc_loader *L, const slot *sl, int ns, const verb *v, const char *code,
                                const char *text, size_t line)
{
    int pick[MAX_SLOTS], first[MAX_SLOTS];
    for (int i = 0; i < ns; i++) {
        first[i] = -1;
        if (sl[i].kind == SL_WORD) {
            int singles = 0, multi = -1;
            for (uint16_t a = 0; a < sl[i].n; a++) {
                singles += sl[i].alts[a].n == 1;
                if (multi < 0 && sl[i].alts[a].n != 1)
                    multi = a;
            }
            if (!singles && multi < 0)
                return EVC_OK; /* an empty set: no pattern */
            if (!singles)
                first[i] = multi;
        }
        pick[i] = first[i];
    }
    for (size_t made = 0; made < MAX_VARIANTS; made++) {
        evc_status st = emit_pattern(L, sl, ns, pick, v, code, text, line);
        if (st)
            return st;
        /* next choice: odometer over the multi-word alternatives */
        int i = 0;
        for (; i < ns; i++) {
            if (sl[i].kind != SL_WORD)
                continue;
            int a = pick[i] + 1;
            while (a < sl[i].n && sl[i].alts[a].n == 1)
                a++;
            if (a < sl[i].n) {
                pick[i] = a;
                break;
            }
            pick[i] = first[i];
        }
        if (i == ns)
            break;
    }
    return EVC_OK;
}

static evc_status block_close(vctx *V, block *b)
{
    evc_loader *L = V->L;
    evc_status st = EVC_OK;
    if (!b->verbs.n) {
        b->pats.n = 0;
        return EVC_OK;
    }
    /* one-word verbs share one anchor element per pattern */
    verb all = {0};
    all.h = evc_arena_alloc(V->work, 1024 * sizeof *all.h);
    if (!all.h)
        return NOMEM(L);
    for (size_t i = 0; i < b->verbs.n; i++) {
        verb *v = &b->verbs.v[i];
        size_t keep_line = L->line;
        L->line = v->line;
        slot none[1] = {{0}};
        /* a verb before any block header codes nothing of its own */
        st = emit_variants(L, none, 0, v, v->code ? v->code : b->code ? b->code : "---", NULL, v->line);
        L->line = keep_line;
        if (st)
            return st;
        if (!v->pre.n && !v->post.n)
            for (uint16_t k = 0; k < v->n && all.n < 1024; k++)
                all.h[all.n++] = v->h[k];
    }
    for (size_t j = 0; j < b->pats.n; j++) {
        vpat *pt = &b->pats.v[j];
        size_t keep_line = L->line;
        L->line = pt->line;
        slot sl[MAX_SLOTS];
        int ns = lex(V, pt->text, strlen(pt->text), sl, MAX_SLOTS, 0);
        int star = 0;
        for (int i = 0; i < ns; i++)
            star += sl[i].kind == SL_STAR;
        if (ns == -2)
            st = DERR(L, "unknown synset in pattern '%s'", pt->text);
        else if (ns < 0)
            st = DERR(L, "malformed pattern '%s'", pt->text);
        else if (star != 1)
            st = DERR(L, "a pattern needs one '*' for the verb: '%s'", pt->text);
        const char *text = st ? NULL : evc_arena_strndup(&L->ctx->arena, pt->text, strlen(pt->text));
        if (!st && !text)
            st = NOMEM(L);
        if (!st && all.n)
            st = emit_variants(L, sl, ns, &all, pt->code, text, pt->line);
        for (size_t i = 0; !st && i < b->verbs.n; i++)
            if (b->verbs.v[i].pre.n || b->verbs.v[i].post.n)
                st = emit_variants(L, sl, ns, &b->verbs.v[i], pt->code, text, pt->line);
        st = evc_load_report(L, st);
        L->line = keep_line;
        if (st)
            return st;
    }
    b->verbs.n = 0;
    b->pats.n = 0;
    return EVC_OK;
}

/* The code of "[...]" in s, cut off s; NULL when there is none. */
static const char *take_code(evc_loader *L, char *s, size_t *n, int *bad)
{
    *bad = 0;
    char *lb = memchr(s, '[', *n), *rb = lb ? memchr(lb, ']', *n - (size_t)(lb - s)) : NULL;
    if (!lb)
        return NULL;
    if (!rb) {
        *bad = 1;
        return NULL;
    }
    char code[32];
    size_t k = 0;
    for (char *p = lb + 1; p < rb && k < sizeof code - 1; p++)
        if (evc_is_alpha((unsigned char)*p) || evc_is_digit((unsigned char)*p) || *p == '-' || *p == ':' || *p == '+' || *p == '#' ||
            *p == '?')
            code[k++] = (char)(evc_is_lower((unsigned char)*p) ? *p - 32 : *p);
    code[k] = 0;
    /* the rest of the line after the code is a comment; what is before is kept */
    memmove(lb, rb + 1, (size_t)(s + *n - rb - 1));
    *n -= (size_t)(rb + 1 - lb);
    s[*n] = 0;
    if (!k) {
        *bad = 1;
        return NULL;
    }
    return evc_arena_strndup(&L->ctx->arena, code, k);
}

/* A verb word or "+MULTI_WORD" (the '+' marks the verb among the words). */
static evc_status add_verb(vctx *V, block *b, const char *s, size_t n, const char *code, const verb *like)
{
    evc_loader *L = V->L;
    verb *v = EVC_VEC_PUSH(V->work, b->verbs);
    if (!v)
        return NOMEM(L);
    v->code = code;
    v->line = L->line;
    if (like) { /* an irregular form of a multi-word verb: its own entry */
        v->code = like->code;
        v->line = like->line;
    }
    char buf[256];
    if (n >= sizeof buf)
        return DERR(L, "verb longer than 255 bytes%s", NULL);
    int marked = 0;
    for (size_t i = 0; i < n; i++)
        marked |= s[i] == '+';
    /* words before the marked one, the verb, words after */
    size_t i = 0;
    int phase = marked ? 0 : 1;
    while (i < n) {
        while (i < n && (s[i] == '_' || s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i >= n)
            break;
        int is_verb = 0;
        if (s[i] == '+') {
            is_verb = 1;
            i++;
        }
        size_t j = i;
        while (j < n && s[j] != '_' && s[j] != ' ' && s[j] != '\t' && s[j] != '+')
            j++;
        seq q;
        memcpy(buf, s + i, j - i);
        int r = word_seq(V, buf, j - i, &q);
        if (r < 0)
            return NOMEM(L);
        i = j;
        if (r)
            continue;
        if (phase == 1 && !v->n) { /* the first word is the verb when none is marked */
            is_verb = 1;
        }
        if (is_verb && !v->n) {
            v->h = evc_arena_alloc(V->work, 64 * sizeof *v->h);
            if (!v->h)
                return NOMEM(L);
            v->h[v->n++] = q.h[0];
            for (uint8_t t = 1; t < q.n && v->post.n < MAX_SEQ; t++)
                v->post.h[v->post.n++] = q.h[t];
            phase = 2;
            continue;
        }
        seq *dst = v->n ? &v->post : &v->pre;
        for (uint8_t t = 0; t < q.n && dst->n < MAX_SEQ; t++)
            dst->h[dst->n++] = q.h[t];
    }
    if (!v->n) {
        b->verbs.n--;
        return DERR(L, "verb line without a verb%s", NULL);
    }
    /* TABARI: a one-word verb is a stem unless it ends in '_' ("RESTOR"
     * codes "restore", "restored", "restoring") */
    if (!V->petrarch && !v->pre.n && !v->post.n && s[n - 1] != '_') {
        size_t w = 0;
        while (w < n && (s[w] == '+' || s[w] == '_' || evc_is_space((unsigned char)s[w])))
            w++;
        char norm[64];
        size_t nl = evc_token_norm(s + w, n - w, norm, sizeof norm);
        if (nl > 0 && nl < 64) {
            uint64_t *h = EVC_VEC_PUSH(&L->ctx->arena, L->verb_stems);
            if (!h)
                return NOMEM(L);
            *h = v->h[0];
            L->ctx->verb_stem_lens |= (uint64_t)1 << nl;
        }
    }
    return EVC_OK;
}

/* A TABARI verb written with '=' ("BAN="): no stem (add_verb made it one,
 * the last), no other form. */
static evc_status exact_verb(evc_loader *L, uint64_t h)
{
    if (L->verb_stems.n && L->verb_stems.v[L->verb_stems.n - 1] == h)
        L->verb_stems.n--;
    uint64_t *x = EVC_VEC_PUSH(&L->ctx->arena, L->verb_exact);
    if (!x)
        return NOMEM(L);
    *x = h;
    return EVC_OK;
}

/* "{FORMS}" of the last verb: one-word forms join its anchors; multi-word
 * forms are verbs of their own. */
static evc_status add_forms(vctx *V, block *b, const char *s, size_t n)
{
    if (!b->verbs.n)
        return DERR(V->L, "forms without a verb%s", NULL);
    size_t last = b->verbs.n - 1;
    for (size_t i = 0; i < n;) {
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        size_t j = i;
        while (j < n && s[j] != ' ' && s[j] != '\t')
            j++;
        if (j == i)
            break;
        int multi = 0;
        for (size_t k = i; k < j - 1; k++)
            multi |= s[k] == '_' && k > i;
        multi |= s[i] == '+';
        if (multi) {
            verb like = b->verbs.v[last];
            evc_status st = add_verb(V, b, s + i, j - i, NULL, &like);
            if (st)
                return st;
        } else {
            seq q;
            size_t l = j - i;
            while (l && s[i + l - 1] == '_')
                l--;
            int r = word_seq(V, s + i, l, &q);
            if (r < 0)
                return NOMEM(V->L);
            verb *v = &b->verbs.v[last];
            if (!r && v->n < 64)
                v->h[v->n++] = q.h[0];
        }
        i = j;
    }
    return EVC_OK;
}

static evc_status load_verbs(evc_loader *L, const char *path, evc_arena *tmp)
{
    lines it;
    evc_status st = lines_open(L, &it, path);
    if (st)
        return st;
    evc_arena work;
    evc_arena_init(&work, 1 << 16);
    vctx V = {L, tmp, &work, NULL, 0, 0};
    EVC_VEC(synset) sets = {0};
    /* pass 1, on a copy: synsets (used before or after their definition) and the dialect */
    size_t len = (size_t)(it.end - it.buf);
    lines c1 = {malloc(len + 1), NULL, NULL, it.hash_comments};
    int petrarch = 0;
    if (!c1.buf) {
        free(it.buf);
        evc_arena_free(&work);
        return NOMEM(L);
    }
    memcpy(c1.buf, it.buf, len + 1);
    c1.p = c1.buf;
    c1.end = c1.buf + len;
    synset *cur = NULL;
    EVC_VEC(char *) members = {0};
    evc_arena sarena;
    evc_arena_init(&sarena, 1 << 14);
    char *s;
    size_t n;
    while (st == EVC_OK && (s = lines_next(L, &c1, &n))) {
        if (n >= 3 && !memcmp(s, "---", 3))
            petrarch = 1;
        if (cur && n && s[0] == '+') {
            char **m = EVC_VEC_PUSH(&sarena, members);
            if (!m || !(*m = evc_arena_strndup(&sarena, s + 1, n - 1)))
                st = NOMEM(L);
            cur->members = members.v;
            cur->n = members.n;
            continue;
        }
        if (!n)
            continue;
        cur = NULL;
        if (s[0] == '&') {
            size_t k = 0;
            while (k < n && !evc_is_space((unsigned char)s[k]))
                k++;
            cur = k < sizeof cur->name ? EVC_VEC_PUSH(&sarena, sets) : NULL;
            if (!cur && k < sizeof cur->name) {
                st = NOMEM(L);
                break;
            }
            if (cur) {
                memcpy(cur->name, s, k);
                cur->name[k] = 0;
                memset(&members, 0, sizeof members);
                L->ctx->n_synsets++;
            }
        }
    }
    free(c1.buf);
    V.sets = sets.v;
    V.n_sets = sets.n;
    V.petrarch = petrarch;
    if (!petrarch)
        L->ctx->peer = EVC_PEER_TABARI;
    /* pass 2: blocks */
    L->line = 0;
    block b = {0};
    int skip = 0, in_set = 0, time = 0;
    while (st == EVC_OK && (s = lines_next(L, &it, &n))) {
        if (!n)
            continue;
        if (s[0] == '<') {
            skip = s[1] != '/';
            time = n >= 6 && !memcmp(s, "<TIME>", 6);
            continue;
        }
        /* <TIME>: a phrase that discards its sentence ("KAN_WA_MA_KAN
         * [###]") or makes it too complex ("WHEN_PEACE_COMES [+++]") is
         * read as a verb of that code; the date shifts ("TOMORROW [+1]")
         * are not applied */
        if (skip && !(time && s[0] != '-' && (find_in(s, n, "[###]") || find_in(s, n, "[+++]"))))
            continue;
        if (s[0] == '&') {
            in_set = 1;
            continue;
        }
        if (in_set && s[0] == '+')
            continue;
        in_set = 0;
        int bad;
        if (s[0] == '-' && (n < 3 || memcmp(s, "---", 3))) { /* a pattern */
            const char *code = take_code(L, s, &n, &bad);
            if (!code || bad) {
                st = evc_load_report(L, bad ? DERR(L, "unclosed or empty code '['%s", NULL) : DERR(L, "pattern without a [code]%s", NULL));
                continue;
            }
            if (!b.verbs.n && !b.code) {
                st = evc_load_report(L, DERR(L, "pattern outside a verb block%s", NULL));
                continue;
            }
            vpat *pt = EVC_VEC_PUSH(&work, b.pats);
            if (!pt || !(pt->text = evc_arena_strndup(&work, s + 1, n - 1))) {
                st = NOMEM(L);
                break;
            }
            pt->code = code;
            pt->line = L->line;
            continue;
        }
        if (s[0] == '{') {
            char *e = memchr(s, '}', n);
            st = evc_load_report(L, e ? add_forms(&V, &b, s + 1, (size_t)(e - s - 1)) : DERR(L, "unclosed '{'%s", NULL));
            continue;
        }
        int head = (n >= 3 && !memcmp(s, "---", 3)) || !petrarch;
        if (head) {
            st = block_close(&V, &b);
            if (st)
                break;
            evc_arena_reset(&work);
            memset(&b, 0, sizeof b);
        }
        if (n >= 3 && !memcmp(s, "---", 3)) {
            const char *code = take_code(L, s, &n, &bad);
            b.code = code ? code : "---";
            if (bad)
                st = evc_load_report(L, DERR(L, "unclosed or empty code '['%s", NULL));
            continue;
        }
        /* a verb: "VERB {FORMS} [code]" */
        const char *code = take_code(L, s, &n, &bad);
        if (bad) {
            st = evc_load_report(L, DERR(L, "unclosed or empty code '['%s", NULL));
            continue;
        }
        if (head)
            b.code = code ? code : "---";
        char *br = memchr(s, '{', n);
        size_t vn = br ? (size_t)(br - s) : n;
        int exact = 0; /* TABARI "BAN=": the word only as written */
        while (vn && (evc_is_space((unsigned char)s[vn - 1]) || s[vn - 1] == '=')) {
            exact |= s[vn - 1] == '=';
            vn--;
        }
        st = add_verb(&V, &b, s, vn, head ? NULL : code, NULL);
        if (st == EVC_OK && exact && !V.petrarch)
            st = exact_verb(L, b.verbs.v[b.verbs.n - 1].h[0]);
        if (st == EVC_OK && br) {
            char *e = memchr(br, '}', n - (size_t)(br - s));
            st = e ? add_forms(&V, &b, br + 1, (size_t)(e - br - 1)) : DERR(L, "unclosed '{'%s", NULL);
        }
        st = evc_load_report(L, st);
    }
    if (st == EVC_OK)
        st = block_close(&V, &b);
    evc_arena_free(&sarena);
    evc_arena_free(&work);
    free(it.buf);
    return st;
}

/* ---- projects and directories ------------------------------------------------ */

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && evc_eq_nocase(s + n - k, k, suf);
}

static int contains_nocase(const char *s, const char *w)
{
    size_t n = strlen(s), k = strlen(w);
    for (size_t i = 0; i + k <= n; i++)
        if (evc_eq_nocase(s + i, k, w))
            return 1;
    return 0;
}

evc_status evc_peer_load(evc_loader *L, const char *kind, const char *path, evc_arena *tmp)
{
    if (!L->ctx->peer)
        L->ctx->peer = EVC_PEER_PETRARCH; /* until a TABARI verbs file says otherwise */
    if (!strcmp(kind, "actors"))
        return load_actors(L, path, 0, tmp);
    if (!strcmp(kind, "agents"))
        return load_actors(L, path, 1, tmp);
    if (!strcmp(kind, "verbs"))
        return load_verbs(L, path, tmp);
    if (!strcmp(kind, "discards"))
        return load_discards(L, path, tmp);
    if (!strcmp(kind, "issues"))
        return load_issues(L, path);
    if (!strcmp(kind, "pico"))
        return load_pico(L, path);
    if (!strcmp(kind, "options")) {
        lines it; /* the commands that change what is coded apply; the others are read, not applied */
        evc_status st = lines_open(L, &it, path);
        char *s;
        size_t n;
        while (st == EVC_OK && (s = lines_next(L, &it, &n)))
            if (!(n >= 2 && s[0] == '/' && s[1] == '/'))
                evc_tabari_option(&L->ctx->tabari, s, n);
        free(it.buf);
        return st;
    }
    if (!strcmp(kind, "project")) {
        lines it;
        evc_status st = lines_open(L, &it, path);
        if (st)
            return st;
        static const char *const tags[][2] = {{"<actorsfile>", "actors"}, {"<verbsfile>", "verbs"},
                                              {"<agentsfile>", "agents"}, {"<optionsfile>", "options"},
                                              {"<discardfile>", "discards"}};
        char dir[4096];
        const char *slash = strrchr(path, '/');
        snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
        const char *proj = L->file;
        EVC_VEC(char *) todo = {0};
        evc_arena a;
        evc_arena_init(&a, 4096);
        char *s;
        size_t n;
        while (st == EVC_OK && (s = lines_next(L, &it, &n)))
            for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++) {
                size_t tl = strlen(tags[t][0]);
                if (n <= tl || !evc_eq_nocase(s, tl, tags[t][0]))
                    continue;
                size_t fl = n - tl;
                char *f = s + tl;
                while (fl && evc_is_space((unsigned char)*f))
                    f++, fl--;
                char full[8192];
                snprintf(full, sizeof full, "%s:%s/%.*s", tags[t][1], dir, (int)fl, f);
                char **out = EVC_VEC_PUSH(&a, todo);
                if (!out || !(*out = evc_arena_strndup(&a, full, strlen(full))))
                    st = NOMEM(L);
            }
        free(it.buf);
        if (st == EVC_OK && !todo.n)
            st = evc_load_fail(L, EVC_ERR_DICT, "%s names no dictionary file", proj);
        for (size_t i = 0; st == EVC_OK && i < todo.n; i++) {
            char *colon = strchr(todo.v[i], ':');
            *colon = 0;
            st = evc_peer_load(L, todo.v[i], colon + 1, tmp);
        }
        evc_arena_free(&a);
        return st;
    }
    L->file = path;
    L->line = 0;
    return evc_load_fail(L, EVC_ERR_ARG, "unknown dictionary kind for %s", path);
}

/* The kind of a peer file, by its name; NULL for none. */
static const char *kind_of(const char *name)
{
    if (ends_with(name, ".actors") || (contains_nocase(name, "actors") && ends_with(name, ".txt")))
        return "actors";
    if (ends_with(name, ".agents") || (contains_nocase(name, "agents") && ends_with(name, ".txt")))
        return "agents";
    if (ends_with(name, ".verbs") || (contains_nocase(name, "verbs") && ends_with(name, ".txt")) ||
        (!strncmp(name, "CAMEO.", 6) && ends_with(name, ".txt")))
        return "verbs";
    if (contains_nocase(name, "discards"))
        return "discards";
    if (contains_nocase(name, "issue"))
        return "issues";
    if (contains_nocase(name, "coding_ontology"))
        return "pico";
    return NULL;
}

static int cmp_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int evc_dict_dir_is_ours(const char *dir)
{
    char probe[4096];
    snprintf(probe, sizeof probe, "%s/en/verbs.txt", dir);
    struct stat sb;
    return stat(probe, &sb) == 0;
}

int evc_peer_load_dir(evc_loader *L, const char *dir, evc_arena *tmp, evc_status *st)
{
    *st = EVC_OK;
    if (ends_with(dir, ".project")) {
        *st = evc_peer_load(L, "project", dir, tmp);
        return 1;
    }
    if (evc_dict_dir_is_ours(dir))
        return 0;
    DIR *dp = opendir(dir);
    if (!dp)
        return 0;
    if (evc_load_dir(L, dir)) {
        closedir(dp);
        *st = EVC_ERR_NOMEM;
        return 1;
    }
    /* the files a PETRARCH config names, else every file with a known kind;
     * validation dictionaries (PETR.Validate.*) only when they are all there is */
    char *list[256];
    size_t n = 0, n_validate = 0;
    struct dirent *e;
    while ((e = readdir(dp)) && n < 256)
        if (e->d_name[0] != '.' && kind_of(e->d_name) && (list[n] = strdup(e->d_name))) {
            n_validate += contains_nocase(e->d_name, "validate");
            n++;
        }
    closedir(dp);
    if (!n)
        return 0;
    qsort(list, n, sizeof *list, cmp_name);
    for (size_t i = 0; *st == EVC_OK && i < n; i++) {
        if (n_validate < n && contains_nocase(list[i], "validate"))
            continue;
        char full[8192];
        snprintf(full, sizeof full, "%s/%s", dir, list[i]);
        *st = evc_peer_load(L, kind_of(list[i]), full, tmp);
    }
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    return 1;
}

/* ---- TABARI options --------------------------------------------------------- */

void evc_tabari_options_default(evc_tabari_options *o)
{
    static const evc_tabari_options def = {.comma = {2, 10, 2, 10, 255, 0}};
    *o = def;
}

/* Where [p, end) holds the word w (upper case; matched in any case, not
 * inside a longer word), or NULL. */
static const char *option_word(const char *p, const char *end, const char *w)
{
    size_t n = strlen(w);
    for (const char *q = p; q + n <= end; q++) {
        size_t k = 0;
        while (k < n && toupper((unsigned char)q[k]) == w[k])
            k++;
        if (k == n && (q == p || !isalnum((unsigned char)q[-1])) && (q + n == end || !isalnum((unsigned char)q[n])))
            return q;
    }
    return NULL;
}

/* The number after "NAME =" in [p, end), or def. */
static int option_number(const char *p, const char *end, const char *name, int def)
{
    const char *q = option_word(p, end, name);
    if (!q)
        return def;
    q += strlen(name);
    while (q < end && (*q == ' ' || *q == '\t' || *q == '='))
        q++;
    if (q >= end || !isdigit((unsigned char)*q))
        return def;
    int v = 0;
    while (q < end && isdigit((unsigned char)*q) && v < 100000)
        v = v * 10 + (*q++ - '0');
    return v;
}

/* The number in brackets right after `name` ("VERBS[5]"), or 0. */
static int option_bracket(const char *p, const char *end, const char *name)
{
    const char *q = option_word(p, end, name);
    if (!q || (q += strlen(name)) >= end || *q != '[')
        return 0;
    int v = 0;
    while (++q < end && isdigit((unsigned char)*q) && v < 100000)
        v = v * 10 + (*q - '0');
    return v;
}

/* The code in brackets after `name` ("SOURCE [DEFSRC]") into out, or "". */
static void option_code(const char *p, const char *end, const char *name, char out[16])
{
    out[0] = 0;
    const char *q = option_word(p, end, name);
    if (!q)
        return;
    q += strlen(name);
    while (q < end && (*q == ' ' || *q == '\t'))
        q++;
    const char *e = q < end && *q == '[' ? memchr(q, ']', (size_t)(end - q)) : NULL;
    if (e && e - q > 1 && e - q - 1 < 16)
        snprintf(out, 16, "%.*s", (int)(e - q - 1), q + 1);
}

int evc_tabari_option(evc_tabari_options *o, const char *cmd, size_t n)
{
    const char *p = cmd, *end = cmd + n;
    if (option_word(p, end, "MINIMUM") && option_word(p, end, "WORDS")) {
        o->min_words = option_number(p, end, "WORDS", o->min_words);
    } else if (option_word(p, end, "DEFAULT")) {
        memset(o->default_source, 0, sizeof o->default_source);
        memset(o->default_target, 0, sizeof o->default_target);
        o->default_prior = o->default_after = 0;
        if (option_word(p, end, "OFF"))
            return 1;
        option_code(p, end, "SOURCE", o->default_source);
        option_code(p, end, "TARGET", o->default_target);
        o->default_prior = option_word(p, end, "PRIOR") != NULL;
        o->default_after = option_word(p, end, "AFTER") != NULL;
    } else if (option_word(p, end, "CODE") && option_word(p, end, "SET")) {
        o->code_by = option_word(p, end, "ALL")        ? EVC_TABARI_CODE_ALL
                     : option_word(p, end, "SENTENCE") ? EVC_TABARI_CODE_BY_SENTENCE
                                                       : EVC_TABARI_CODE_BY_CLAUSE;
    } else if (option_word(p, end, "COMPLEX")) {
        o->complex_verbs = option_bracket(p, end, "VERBS");
        o->complex_conj = option_bracket(p, end, "CONJ");
        o->complex_noactprior = option_word(p, end, "NOACTPRIOR") != NULL;
    } else if (option_word(p, end, "COMMA")) {
        static const char *const keys[6] = {"MIN", "MAX", "EMIN", "EMAX", "BMIN", "BMAX"};
        o->comma_off = option_word(p, end, "OFF") != NULL;
        for (int k = 0; k < 6 && !o->comma_off; k++)
            o->comma[k] = option_number(p, end, keys[k], o->comma[k]);
    } else {
        return 0;
    }
    return 1;
}
