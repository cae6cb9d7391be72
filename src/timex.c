/*
 * Time expressions: the date a sentence speaks of, resolved against the
 * publication date (weekday names, yesterday, last week, "Aug. 31",
 * "1 September 2021"), and standalone date lines ("Thursday 2 September 2021").
 * A time named only to the month or the year ("earlier this month", "in
 * August", "last year", "in 2015") dates to its first day: the date stays
 * in the period the text names.
 */
#include "doc.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>

static const char *const MONTHS[] = {"january", "february", "march", "april", "may", "june", "july",
                                     "august", "september", "october", "november", "december"};
static const char *const MONTHS3[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
static const char *const WEEKDAYS[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};

/* Month 1-12 for a word (full, three-letter or "sept"), else 0. `strict`
 * refuses the ambiguous "may" and "march" unless capitalised. */
static int month_of(const char *s, size_t n)
{
    while (n && s[n - 1] == '.')
        n--;
    if (n < 3 || n > 9 || !evc_is_upper((unsigned char)s[0]))
        return 0; /* every month name is 3-9 letters and must be capitalised */
    int c0 = evc_to_lower((unsigned char)s[0]);
    for (int i = 0; i < 12; i++)
        if (MONTHS[i][0] == c0 && (evc_eq_nocase(s, n, MONTHS[i]) || evc_eq_nocase(s, n, MONTHS3[i])))
            return evc_is_upper((unsigned char)s[0]) ? i + 1 : 0;
    if (evc_eq_nocase(s, n, "sept") && evc_is_upper((unsigned char)s[0]))
        return 9;
    return 0;
}

static int weekday_of(const char *s, size_t n)
{
    if (n < 6)
        return -1; /* "Monday" ... "Wednesday's" are 6-11 bytes */
    int c0 = evc_to_lower((unsigned char)s[0]);
    for (int i = 0; i < 7; i++)
        if (WEEKDAYS[i][0] == c0 && evc_eq_nocase(s, n, WEEKDAYS[i]))
            return i;
    if (n > 2 && evc_eq_nocase(s + n - 2, 2, "'s")) /* Wednesday's comment */
        return weekday_of(s, n - 2);
    return -1;
}

static int number_of(const char *s, size_t n, int maxdigits)
{
    if (!n || n > (size_t)maxdigits)
        return -1;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!evc_is_digit(s[i]))
            return -1;
        v = v * 10 + s[i] - '0';
    }
    return v;
}

/* Day number, accepting ordinals (1st, 22nd, 3rd, 4th). */
static int day_of(const char *s, size_t n)
{
    if (n > 2 && (evc_eq_nocase(s + n - 2, 2, "st") || evc_eq_nocase(s + n - 2, 2, "nd") ||
                  evc_eq_nocase(s + n - 2, 2, "rd") || evc_eq_nocase(s + n - 2, 2, "th")))
        n -= 2;
    int d = number_of(s, n, 2);
    return d >= 1 && d <= 31 ? d : -1;
}

static long make_date(int y, int m, int d)
{
    long days = evc_days_from_civil(y, m, d);
    int y2, m2, d2;
    evc_civil_from_days(days, &y2, &m2, &d2);
    return (y2 == y && m2 == m && d2 == d) ? days : EVC_NO_DATE;
}

typedef struct word { const char *s; size_t n; } word;

static size_t split_words(const char *s, size_t n, word *w, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < cap;) {
        while (i < n && !(evc_is_alpha(s[i]) || evc_is_digit(s[i]) || s[i] == '\''))
            i++;
        size_t st = i;
        while (i < n && (evc_is_alpha(s[i]) || evc_is_digit(s[i]) || s[i] == '-' || s[i] == ':' || s[i] == '.' || s[i] == '\''))
            i++;
        if (i > st) {
            size_t e = i;
            while (e > st && (s[e - 1] == '.' || s[e - 1] == '-' || s[e - 1] == ':'))
                e--;
            w[k++] = (word){s + st, e - st};
        }
    }
    return k;
}

long evc_parse_date_line(const char *s, size_t n)
{
    if (n > 80)
        return EVC_NO_DATE;
    word w[16];
    size_t k = split_words(s, n, w, 16);
    if (k == 0 || k >= 16)
        return EVC_NO_DATE;
    size_t i = 0;
    static const char *const prefix[] = {"published", "updated", "posted", "on", "date", "last", "first", NULL};
    for (;;) {
        int hit = 0;
        for (int p = 0; prefix[p] && i < k; p++)
            if (evc_eq_nocase(w[i].s, w[i].n, prefix[p])) {
                i++;
                hit = 1;
            }
        if (!hit)
            break;
    }
    if (i < k && weekday_of(w[i].s, w[i].n) >= 0)
        i++;
    long date = EVC_NO_DATE;
    if (i < k && w[i].n == 10 && w[i].s[4] == '-') {
        long d;
        if (evc_parse_iso_date(w[i].s, 10, &d) == 0) {
            date = d;
            i++;
        }
    } else if (i + 2 < k + 0 && day_of(w[i].s, w[i].n) > 0 && month_of(w[i + 1].s, w[i + 1].n)) {
        int y = number_of(w[i + 2].s, w[i + 2].n, 4);
        if (y >= 1900)
            date = make_date(y, month_of(w[i + 1].s, w[i + 1].n), day_of(w[i].s, w[i].n));
        i += 3;
    } else if (i + 2 < k && month_of(w[i].s, w[i].n) && day_of(w[i + 1].s, w[i + 1].n) > 0) {
        int y = number_of(w[i + 2].s, w[i + 2].n, 4);
        if (y >= 1900)
            date = make_date(y, month_of(w[i].s, w[i].n), day_of(w[i + 1].s, w[i + 1].n));
        i += 3;
    }
    if (date == EVC_NO_DATE)
        return EVC_NO_DATE;
    /* allow a trailing time: 10:32, am/pm, a zone */
    for (; i < k; i++) {
        const word *x = &w[i];
        int ok = memchr(x->s, ':', x->n) != NULL || evc_eq_nocase(x->s, x->n, "am") || evc_eq_nocase(x->s, x->n, "pm") ||
                 evc_eq_nocase(x->s, x->n, "a.m") || evc_eq_nocase(x->s, x->n, "p.m") || evc_eq_nocase(x->s, x->n, "at");
        if (!ok) {
            size_t caps = 0;
            for (size_t c = 0; c < x->n; c++)
                caps += evc_is_upper(x->s[c]);
            ok = caps == x->n && x->n <= 4; /* ET, EDT, GMT, UTC, BST */
        }
        if (!ok)
            return EVC_NO_DATE;
    }
    return date;
}

/* Is token i preceded (within the sentence) by one of the words? */
static int prev_is(const evc_doc *d, const evc_sent *s, size_t i, const char *w)
{
    return i > s->tok0 && evc_tok_is(d, &d->toks.v[i - 1], w);
}

long evc_sentence_date(const evc_doc *d, size_t si, int *tense, uint32_t span[2])
{
    const evc_sent *s = &d->sents.v[si];
    return evc_range_date(d, si, s->tok0, s->tok0 + s->ntok, 0, 0, tense, span);
}

long evc_cue_date(const evc_doc *d, size_t si)
{
    const evc_sent *s = &d->sents.v[si];
    size_t e = s->tok0 + s->ntok;
    for (size_t i = s->tok0; i < e; i++) {
        if (!evc_is_strong_cue(d, &d->toks.v[i]))
            continue;
        /* "Also Sunday, Blinken said", "vowed Sunday that", "said on Thursday" */
        size_t a = i > s->tok0 + 6 ? i - 6 : s->tok0, b = i + 4 < e ? i + 4 : e;
        int tense;
        /* statements are reported after they are made: "Also Sunday, Blinken said ... will";
         * a month or a year near the verb dates something in the past, not the saying
         * ("ran aground in 1999 to assert its claim") */
        return evc_range_date(d, si, a, b, -1, 1, &tense, NULL);
    }
    return EVC_NO_DATE;
}

/* "yesterday", "last week", "earlier this month", "next year": the date
 * against the publication date, or EVC_NO_DATE; *coarse is set for a month
 * or a year. */
static long word_date(const evc_doc *d, const evc_sent *s, size_t i, int *coarse)
{
    const evc_token *t = &d->toks.v[i];
    long pub = d->published;
    if (pub == EVC_NO_DATE)
        return EVC_NO_DATE;
    if (evc_tok_is(d, t, "yesterday"))
        return pub - 1;
    if (evc_tok_is(d, t, "today") || evc_tok_is(d, t, "tonight"))
        return pub;
    if (evc_tok_is(d, t, "tomorrow"))
        return pub + 1;
    if (evc_tok_is(d, t, "week"))
        return prev_is(d, s, i, "last") ? pub - 7 : EVC_NO_DATE;
    int month = evc_tok_is(d, t, "month");
    if (!month && !evc_tok_is(d, t, "year"))
        return EVC_NO_DATE;
    int shift = prev_is(d, s, i, "last") ? -1 : prev_is(d, s, i, "this") ? 0 : prev_is(d, s, i, "next") ? 1 : 2;
    if (shift == 2)
        return EVC_NO_DATE;
    int py, pm, pd;
    evc_civil_from_days(pub, &py, &pm, &pd);
    *coarse = 1;
    if (!month)
        return make_date(py + shift, 1, 1);
    pm += shift;
    if (pm < 1)
        pm = 12, py--;
    if (pm > 12)
        pm = 1, py++;
    return make_date(py, pm, 1);
}

/* The date a time expression starting at token i of sentence s gives, in
 * the sentence's tense (EVC_NO_DATE when none starts there); *last is set to
 * the expression's last token, *coarse when it names a month or a year only. */
static long date_at(const evc_doc *d, const evc_sent *s, size_t i, int tense, size_t *last, int *coarse)
{
    const evc_token *t = &d->toks.v[i];
    const char *w = evc_tok_text(d, t);
    long pub = d->published;
    *last = i;
    *coarse = 0;
    if (!(t->flags & EVC_TK_WORD))
        return EVC_NO_DATE;
    /* time words are capitalised names (months, weekdays), numbers, or these
     * few (capitalised only at the start of a sentence) */
    int plain = !(t->flags & (EVC_TK_CAP | EVC_TK_NUM));
    if (plain || i == s->tok0) {
        long x = word_date(d, s, i, coarse);
        if (x != EVC_NO_DATE || plain)
            return x;
    }
    if (pub != EVC_NO_DATE) {
        int wd = (t->flags & EVC_TK_CAP) ? weekday_of(w, t->len) : -1;
        if (wd >= 0) {
            int cur = evc_weekday(pub);
            /* "said Wednesday", "met on Monday": a past verb right before wins over a later "will" */
            size_t v = i;
            if (v > s->tok0 && prev_is(d, s, v, "on"))
                v--;
            int past_verb = 0;
            if (v > s->tok0) {
                const evc_token *pv = &d->toks.v[v - 1];
                const char *ps = evc_tok_text(d, pv);
                past_verb = (pv->len > 2 && memcmp(ps + pv->len - 2, "ed", 2) == 0) ||
                            (pv->lemma != pv->h && ps[pv->len - 1] != 's' && (pv->flags & EVC_TK_WORD) &&
                             !(pv->flags & EVC_TK_CAP));
            }
            if (prev_is(d, s, i, "next") || (tense > 0 && !past_verb && !prev_is(d, s, i, "last"))) {
                int ahead = (wd - cur + 7) % 7;
                return pub + (ahead ? ahead : 7);
            }
            int back = (cur - wd + 7) % 7;
            if (prev_is(d, s, i, "last") && back == 0)
                back = 7;
            return pub - back;
        }
    }
    int m = month_of(w, t->len);
    if (m && i + 1 < s->tok0 + s->ntok) {
        const evc_token *n1 = &d->toks.v[i + 1];
        int day = day_of(evc_tok_text(d, n1), n1->len);
        int year = -1;
        size_t j = i + 2;
        if (j < s->tok0 + s->ntok && evc_tok_is(d, &d->toks.v[j], ","))
            j++;
        if (j < s->tok0 + s->ntok)
            year = number_of(evc_tok_text(d, &d->toks.v[j]), d->toks.v[j].len, 4);
        if (day > 0) {
            *last = year >= 1900 ? j : i + 1;
            if (year >= 1900)
                return make_date(year, m, day);
            if (pub == EVC_NO_DATE)
                return EVC_NO_DATE;
            int py, pm, pd;
            evc_civil_from_days(pub, &py, &pm, &pd);
            long x = make_date(py, m, day);
            if (x != EVC_NO_DATE && tense < 0 && x > pub + 31)
                x = make_date(py - 1, m, day);
            return x;
        }
        int y1 = number_of(evc_tok_text(d, n1), n1->len, 4);
        if (y1 >= 1900 && y1 <= 2100) { /* "in August 2021" */
            *last = i + 1;
            *coarse = 1;
            return make_date(y1, m, 1);
        }
    }
    /* "in August", "in early 2015", "last March": a month or a year after
     * "in" or a modifier; a month alone is the latest one on or before
     * publication, or the next one in a future sentence */
    int yr = (t->flags & EVC_TK_NUM) ? number_of(w, t->len, 4) : -1;
    if (m || (yr >= 1900 && yr <= 2100)) {
        size_t p = i;
        if (prev_is(d, s, p, "early") || prev_is(d, s, p, "late") || prev_is(d, s, p, "mid") ||
            prev_is(d, s, p, "last") || prev_is(d, s, p, "next"))
            p--;
        if (p < i || prev_is(d, s, p, "in")) {
            *coarse = 1;
            if (!m)
                return make_date(yr, 1, 1);
            if (pub == EVC_NO_DATE)
                return EVC_NO_DATE;
            int py, pm, pd;
            evc_civil_from_days(pub, &py, &pm, &pd);
            if (prev_is(d, s, i, "last") || (!prev_is(d, s, i, "next") && tense <= 0))
                py -= m > pm || (m == pm && prev_is(d, s, i, "last"));
            else
                py += m < pm || (m == pm && prev_is(d, s, i, "next"));
            return make_date(py, m, 1);
        }
    }
    /* 1 September (2021) */
    int day = day_of(w, t->len);
    if (day > 0 && i + 1 < s->tok0 + s->ntok) {
        const evc_token *n1 = &d->toks.v[i + 1];
        int m2 = month_of(evc_tok_text(d, n1), n1->len);
        if (m2) {
            int year = -1;
            if (i + 2 < s->tok0 + s->ntok)
                year = number_of(evc_tok_text(d, &d->toks.v[i + 2]), d->toks.v[i + 2].len, 4);
            *last = year >= 1900 ? i + 2 : i + 1;
            if (year >= 1900)
                return make_date(year, m2, day);
            if (pub != EVC_NO_DATE) {
                int py, pm, pd;
                evc_civil_from_days(pub, &py, &pm, &pd);
                return make_date(py, m2, day);
            }
        }
    }
    return EVC_NO_DATE;
}

long evc_range_date(const evc_doc *d, size_t si, size_t from, size_t to, int force, int day_only, int *tense,
                    uint32_t span[2])
{
    const evc_sent *s = &d->sents.v[si];
    *tense = force ? force : -1;
    for (size_t i = s->tok0; !force && i < s->tok0 + s->ntok; i++) {
        const evc_token *t = &d->toks.v[i];
        if (evc_tok_is(d, t, "will") || evc_tok_is(d, t, "'ll") || evc_tok_is(d, t, "shall") ||
            evc_tok_is(d, t, "tomorrow"))
            *tense = 1;
    }
    for (size_t i = from; i < to; i++) {
        size_t last;
        int coarse;
        long x = date_at(d, s, i, *tense, &last, &coarse);
        if (x == EVC_NO_DATE || (coarse && day_only))
            continue;
        /* "plans to remove them by Tuesday", "will stay until Friday": the
         * deadline of an act to come, not when it happens ("troops left by
         * Aug. 31" did) */
        if (prev_is(d, s, i, "by") || prev_is(d, s, i, "until") || prev_is(d, s, i, "till")) {
            static const char *const ahead[] = {"to", "will", "would", "must", "should", "'ll", NULL};
            int deadline = 0;
            for (size_t k = from; k + 1 < i && !deadline; k++)
                deadline = evc_tok_in(d, &d->toks.v[k], ahead);
            if (deadline) {
                i = last;
                continue;
            }
        }
        if (span) {
            /* "last week", "on Monday", "next Friday": with the word before */
            int lead = prev_is(d, s, i, "last") || prev_is(d, s, i, "next") || prev_is(d, s, i, "on") ||
                       prev_is(d, s, i, "this");
            span[0] = (uint32_t)(lead ? i - 1 : i);
            span[1] = (uint32_t)last + 1;
        }
        return x;
    }
    return EVC_NO_DATE;
}
