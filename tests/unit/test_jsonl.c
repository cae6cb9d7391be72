/* JSON Lines reader: accepted and rejected records with exact columns. */
#include "harness.h"
#include "jsonl.h"

static evc_status parse(const char *line, evc_article *art, evc_error *err, evc_arena *a)
{
    memset(err, 0, sizeof *err);
    return evc_jsonl_parse(a, line, strlen(line), art, err);
}

int main(void)
{
    evc_arena a;
    evc_arena_init(&a, 4096);
    evc_article art;
    evc_error err;

    /* ok_: all fields, escapes, surrogate pairs, unknown members skipped */
    INT_EQ(parse("{\"id\":\"a1\",\"published\":\"2021-08-29\",\"title\":null,\"extra\":[1,{\"x\":true}],"
                 "\"text\":\"Line\\none \\\"q\\\" \\u00e9 \\ud83d\\ude00\"}",
                 &art, &err, &a),
           EVC_OK);
    INT_EQ(art.id_len, 2);
    OK(art.title == NULL);
    INT_EQ(art.published_len, 10);
    STR_EQ(art.text, "Line\none \"q\" \xC3\xA9 \xF0\x9F\x98\x80");
    /* numeric id accepted */
    INT_EQ(parse("{\"id\": 42, \"text\": \"x\"}", &art, &err, &a), EVC_OK);
    INT_EQ(art.id_len, 2);
    /* \u0000 becomes a space */
    INT_EQ(parse("{\"text\":\"a\\u0000b\"}", &art, &err, &a), EVC_OK);
    STR_EQ(art.text, "a b");

    /* bad_: each error with its column */
    INT_EQ(parse("{\"text\": \"unterminated}", &art, &err, &a), EVC_ERR_JSON);
    STR_EQ(err.msg, "unterminated string");
    INT_EQ(parse("{\"id\":\"x\"}", &art, &err, &a), EVC_ERR_JSON);
    STR_EQ(err.msg, "missing \"text\" field");
    INT_EQ(parse("[1,2]", &art, &err, &a), EVC_ERR_JSON);
    INT_EQ(err.col, 1);
    INT_EQ(parse("{\"text\":\"a\"} x", &art, &err, &a), EVC_ERR_JSON);
    INT_EQ(err.col, 14);
    INT_EQ(parse("{\"text\":\"a\\q\"}", &art, &err, &a), EVC_ERR_JSON);
    STR_EQ(err.msg, "invalid escape in string");
    INT_EQ(err.col, 12);
    INT_EQ(parse("{\"text\":\"a\tb\"}", &art, &err, &a), EVC_ERR_JSON);
    STR_EQ(err.msg, "control character in string");
    INT_EQ(parse("{\"text\":5}", &art, &err, &a), EVC_ERR_JSON);
    INT_EQ(parse("{\"text\":\"a\",}", &art, &err, &a), EVC_ERR_JSON);
    INT_EQ(parse("", &art, &err, &a), EVC_ERR_JSON);
    /* nesting is bounded */
    char deep[400];
    memset(deep, '[', sizeof deep);
    memcpy(deep, "{\"x\":", 5);
    deep[sizeof deep - 1] = 0;
    INT_EQ(parse(deep, &art, &err, &a), EVC_ERR_JSON);
    STR_EQ(err.msg, "nesting too deep");

    evc_arena_free(&a);
    DONE();
}
