#define _POSIX_C_SOURCE 200809L
/* Dictionary loading: our formats, date-bounded codes, errors with file:line. */
#include "dict.h"
#include "harness.h"
#include "util.h"
#include <stdlib.h>
#include <sys/stat.h>

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* Loads a copy of the fixture dictionary with one file replaced. */
static evc_status load_with(const char *file, const char *text, evc_error *err)
{
    char dir[] = "/tmp/evc-dict-XXXXXX";
    if (!mkdtemp(dir))
        return EVC_ERR_IO;
    char path[256], cmd[512];
    snprintf(cmd, sizeof cmd, "cp -r '%s'/. '%s'/", EVC_FIXTURES, dir);
    if (system(cmd) != 0)
        return EVC_ERR_IO;
    snprintf(path, sizeof path, "%s/%s", dir, file);
    write_file(path, text);
    evc_options o;
    evc_options_default(&o);
    o.dict_dir = dir;
    evc_ctx *ctx = NULL;
    evc_status st = evc_ctx_new(&o, &ctx, err);
    evc_ctx_free(ctx);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return EVC_ERR_IO;
    return st;
}

int main(void)
{
    evc_options o;
    evc_options_default(&o);
    o.dict_dir = EVC_FIXTURES;
    evc_ctx *ctx = NULL;
    evc_error err;
    INT_EQ(evc_ctx_new(&o, &ctx, &err), EVC_OK);
    evc_dict_stats st;
    evc_ctx_stats(ctx, &st);
    INT_EQ(st.verb_patterns, 72);
    INT_EQ(st.cameo_codes, 72);
    INT_EQ(st.agents, 22);

    /* a person's code depends on the article date */
    size_t n;
    const evc_phrase *p = evc_phrases_at(ctx, evc_hash("antony", 6), &n);
    OK(p && n == 1);
    if (p) {
        STR_EQ(evc_phrase_code(ctx, p, evc_days_from_civil(2022, 3, 1)), "USAGOV");
        STR_EQ(evc_phrase_code(ctx, p, evc_days_from_civil(2019, 3, 1)), "USAELI");
        STR_EQ(p->name, "Antony Blinken");
        OK(p->flags & EVC_PH_MALE);
    }
    /* all-caps short words only match capitals: IS vs is */
    p = evc_phrases_at(ctx, evc_hash("is", 2), &n);
    OK(p && ctx->words[p->words].caps);
    /* CAMEO table */
    const evc_cameo *c = evc_cameo_find(ctx, "138");
    OK(c && c->goldstein == -7.0);
    OK(evc_cameo_find(ctx, "999") == NULL);
    OK(evc_cameo_find(ctx, "1a") == NULL);
    /* lemmas: table and suffix rules restricted to known words */
    INT_EQ(evc_lemma(ctx, "fought", 6, evc_hash("fought", 6)), evc_hash("fight", 5));
    INT_EQ(evc_lemma(ctx, "attacked", 8, evc_hash("attacked", 8)), evc_hash("attack", 6));
    INT_EQ(evc_lemma(ctx, "visiting", 8, evc_hash("visiting", 8)), evc_hash("visit", 5));
    INT_EQ(evc_lemma(ctx, "criticizes", 10, evc_hash("criticizes", 10)), evc_hash("criticize", 9));
    INT_EQ(evc_lemma(ctx, "bombed", 6, evc_hash("bombed", 6)), evc_hash("bomb", 4));
    INT_EQ(evc_lemma(ctx, "strikes", 7, evc_hash("strikes", 7)), evc_hash("strike", 6));
    INT_EQ(evc_lemma(ctx, "used", 4, evc_hash("used", 4)), evc_hash("use", 3)); /* four letters */
    evc_ctx_free(ctx);

    /* bad_: each error names the file and line */
    INT_EQ(load_with("en/actors.txt", "Taliban = AFGREB\nBroken line without codes\n", &err), EVC_ERR_DICT);
    INT_EQ(err.line, 2);
    OK(strstr(err.file, "en/actors.txt") != NULL);
    OK(strstr(err.msg, "missing '='") != NULL);
    INT_EQ(load_with("en/people.txt", "# c\nX Y = USAGOV@2021-13-01..2022 +m\n", &err), EVC_ERR_DICT);
    INT_EQ(err.line, 2);
    OK(strstr(err.msg, "invalid date range") != NULL);
    INT_EQ(load_with("en/people.txt", "X Y = usagov\n", &err), EVC_ERR_DICT);
    INT_EQ(load_with("en/people.txt", "X Y = USA +zz\n", &err), EVC_ERR_DICT);
    OK(strstr(err.msg, "unknown flag") != NULL);
    INT_EQ(load_with("en/verbs.txt", "190 attack\n999 fly\n", &err), EVC_ERR_DICT);
    INT_EQ(err.line, 2);
    OK(strstr(err.msg, "unknown CAMEO code") != NULL);
    INT_EQ(load_with("en/verbs.txt", "190 {attack|hit\n", &err), EVC_ERR_DICT);
    INT_EQ(load_with("en/verbs.txt", "190 * attack\n", &err), EVC_ERR_DICT);
    OK(strstr(err.msg, "must start with a word") != NULL);
    INT_EQ(load_with("cameo.txt", "01 x Make\n", &err), EVC_ERR_DICT);
    INT_EQ(load_with("en/agents.txt", "=\n", &err), EVC_ERR_DICT);
    /* a missing required file */
    o.dict_dir = "/nonexistent/evcode";
    ctx = NULL;
    INT_EQ(evc_ctx_new(&o, &ctx, &err), EVC_ERR_IO);
    OK(ctx == NULL);
    evc_ctx_free(NULL);
    DONE();
}
