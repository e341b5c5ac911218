/* The C test suite of the plaint C ABI (include/plaint.h), run by
 * tools/ffi/test.sh plainly, under ASan+UBSan and under valgrind.
 *
 *   test_plaint VECTORS_DIR CASE_FILE
 *
 * Every unit test below and every conformance case of VECTORS_DIR counts as
 * one test; the last line is "N passed, M failed" and the exit status is
 * non-zero when a test fails. Set PLAINT_TEST_QUICK=1 to skip the 64 MiB
 * input (valgrind runs keep it; it only takes longer). */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"
#include "json.h"
#include "plaint.h"

#include <dirent.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ harness */

int current_failed;
static int passed, failed;
static const char *case_file = "examples/cases/major-leak.json";
const char *vectors_dir = "tests/vectors";

static void finish(const char *name) {
    if (current_failed) {
        failed++;
        fprintf(stderr, "FAIL %s\n", name);
    } else {
        passed++;
    }
    current_failed = 0;
}

char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        if (len) *len = (size_t)n;
    }
    return buf;
}

int error_has_code(const char *error_json, const char *code) {
    if (!error_json) return 0;
    jval *v = json_parse(error_json, strlen(error_json));
    if (!v) return 0;
    const jval *c = json_get(v, "code");
    const jval *problems = json_get(v, "problems");
    int ok = c && c->type == J_STR && !strcmp(c->str, code) && json_get(v, "message") && json_get(v, "path") &&
             problems && problems->type == J_ARR && problems->n >= 1;
    json_free(v);
    free(v);
    return ok;
}

int error_has_path(const char *error_json, const char *path) {
    jval *v = error_json ? json_parse(error_json, strlen(error_json)) : NULL;
    const jval *p = json_get(v, "path");
    int ok = p && p->type == J_STR && !strcmp(p->str, path);
    json_free(v);
    free(v);
    return ok;
}

int str_eq(plaint_str got, const char *s) {
    if (!s) return got.data == NULL && got.len == 0;
    return got.data && got.len == strlen(s) && !memcmp(got.data, s, got.len);
}

static const char PROPERTY[] = "cn-property";
static const char CN[] = "cn-mainland";
static const char COMPLAINT[] =
    "{\"id\":\"c1\",\"received_at\":\"2026-09-24T16:00:00+08:00\",\"channel\":\"phone\","
    "\"customer\":{\"id\":\"owner-1\",\"tier\":\"regular\"},\"text\":\"电梯坏了。\",\"facts\":{\"cause\":\"hardware\"}}";
static const char CASE[] =
    "{\"complaint\":{\"id\":\"c1\",\"received_at\":\"2026-09-24T16:00:00+08:00\",\"channel\":\"phone\","
    "\"text\":\"楼道灯不亮。\"},\"events\":[]}";
static const char STATS_INPUT[] = "{\"now\":\"2026-11-09T12:00:00+08:00\",\"cases\":[]}";
static const char CAL_JSON[] =
    "{\"plaint_calendar\":1,\"name\":\"t\",\"zone\":\"Asia/Shanghai\",\"valid_from\":\"2026-01-01\","
    "\"valid_to\":\"2026-12-31\"}";
static const int64_t START = INT64_C(1790236800000); /* 2026-09-24T16:00:00+08:00 */

static plaint_engine *engine(void) {
    plaint_engine *e = NULL;
    CHECK_STATUS(plaint_engine_from_preset(L(PROPERTY), &e, NULL), PLAINT_STATUS_OK);
    return e;
}

static plaint_calendar *calendar(void) {
    plaint_calendar *c = NULL;
    CHECK_STATUS(plaint_calendar_from_preset(L(CN), &c, NULL), PLAINT_STATUS_OK);
    return c;
}

/* ------------------------------------------------------------------ basics */

static void test_version(void) {
    CHECK(plaint_version() != NULL && strlen(plaint_version()) >= 5);
    CHECK(plaint_abi_version() == PLAINT_ABI_VERSION);
}

static void test_status_names(void) {
    static const struct { uint32_t n; const char *name; } names[] = {
        {0, "ok"}, {1, "null_argument"}, {2, "invalid_utf8"}, {3, "panic"}, {100, "invalid_json"},
        {101, "invalid_type"}, {102, "missing_field"}, {103, "unknown_field"}, {104, "invalid_value"},
        {105, "unsupported_version"}, {106, "instant_without_offset"}, {107, "invalid_instant"},
        {108, "invalid_date"}, {109, "unknown_zone"}, {110, "invalid_hours"}, {111, "overlapping_hours"},
        {112, "conflicting_day"}, {113, "invalid_range"}, {114, "duplicate_id"}, {115, "unknown_reference"},
        {116, "unknown_preset"}, {117, "unknown_calendar"}, {118, "calendar_range_exceeded"},
        {119, "negative_amount"}, {120, "amount_overflow"}, {121, "invalid_transition"}, {122, "invalid_event"},
        {123, "input_too_large"}, {124, "duplicate_key"}, {125, "instant_out_of_range"}, {126, "invalid_feed"},
        {127, "overlapping_versions"}, {128, "version_gap"}, {129, "no_version_in_force"}, {130, "unknown_version"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *got = plaint_status_code_name(names[i].n);
        CHECK(got != NULL && !strcmp(got, names[i].name));
    }
    CHECK(PLAINT_STATUS_INPUT_TOO_LARGE == 123 && PLAINT_STATUS_PANIC == 3);
    CHECK(PLAINT_STATUS_DUPLICATE_KEY == 124 && PLAINT_STATUS_INSTANT_OUT_OF_RANGE == 125 && PLAINT_STATUS_INVALID_FEED == 126);
    CHECK(PLAINT_STATUS_OVERLAPPING_VERSIONS == 127 && PLAINT_STATUS_UNKNOWN_VERSION == 130);
    uint32_t unknown[] = {4, 99, 131, 1000, UINT32_MAX};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) CHECK(plaint_status_code_name(unknown[i]) == NULL);
}

static void test_free_accepts_null(void) {
    plaint_engine_free(NULL);
    plaint_calendar_free(NULL);
    plaint_string_free(NULL);
}

static void test_error_out_written_on_success(void) {
    plaint_engine *e = SENTINEL_PTR;
    char *err = SENTINEL_PTR;
    CHECK_STATUS(plaint_engine_from_preset(L(PROPERTY), &e, &err), PLAINT_STATUS_OK);
    CHECK(err == NULL);
    CHECK(e != SENTINEL_PTR && e != NULL);
    plaint_engine_free(e);
}

/* ------------------------------------------------------------------ NULL for every pointer */

static void test_null_engine_from_preset(void) {
    plaint_engine *e = SENTINEL_PTR;
    char *err = NULL;
    CHECK_STATUS(plaint_engine_from_preset(NULL, 11, &e, &err), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK(e == SENTINEL_PTR);
    CHECK(error_has_code(err, "null_argument"));
    plaint_string_free(err);
    CHECK_STATUS(plaint_engine_from_preset(L(PROPERTY), NULL, NULL), PLAINT_STATUS_NULL_ARGUMENT);
}

static void test_null_engine_from_json(void) {
    plaint_engine *e = SENTINEL_PTR;
    CHECK_STATUS(plaint_engine_from_json(NULL, 3, &e, NULL), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK(e == SENTINEL_PTR);
    CHECK_STATUS(plaint_engine_from_json(L("\"cn-property\""), NULL, NULL), PLAINT_STATUS_NULL_ARGUMENT);
}

static void test_null_engine_classify(void) {
    plaint_engine *e = engine();
    char *out = SENTINEL_PTR, *err = NULL;
    CHECK_STATUS(plaint_engine_classify(NULL, L(COMPLAINT), &out, &err), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK(error_has_code(err, "null_argument"));
    plaint_string_free(err);
    CHECK_STATUS(plaint_engine_classify(e, NULL, 5, &out, NULL), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(plaint_engine_classify(e, L(COMPLAINT), NULL, NULL), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK(out == SENTINEL_PTR);
    plaint_engine_free(e);
}

static void test_null_engine_assess(void) {
    plaint_engine *e = engine();
    char *out = SENTINEL_PTR;
    CHECK_STATUS(plaint_engine_assess(NULL, L(CASE), START, &out, NULL), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(plaint_engine_assess(e, NULL, 5, START, &out, NULL), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(plaint_engine_assess(e, L(CASE), START, NULL, NULL), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK(out == SENTINEL_PTR);
    plaint_engine_free(e);
}

static void test_null_engine_stats(void) {
    plaint_engine *e = engine();
    char *out = SENTINEL_PTR;
    CHECK_STATUS(plaint_engine_stats(NULL, L(STATS_INPUT), &out, NULL), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(plaint_engine_stats(e, NULL, 5, &out, NULL), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(plaint_engine_stats(e, L(STATS_INPUT), NULL, NULL), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK(out == SENTINEL_PTR);
    plaint_engine_free(e);
}

static void test_null_engine_calendar(void) {
    plaint_engine *e = engine();
    plaint_calendar *c = SENTINEL_PTR;
    CHECK_STATUS(plaint_engine_calendar(NULL, &c), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(plaint_engine_calendar(e, NULL), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK(c == SENTINEL_PTR);
    plaint_engine_free(e);
}

static void test_null_run_op(void) {
    char *out = SENTINEL_PTR;
    CHECK_STATUS(plaint_run_op(NULL, 8, L("{}"), &out, NULL), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(plaint_run_op(L("classify"), NULL, 2, &out, NULL), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(plaint_run_op(L("classify"), L("{}"), NULL, NULL), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK(out == SENTINEL_PTR);
}

static void test_null_calendar_constructors(void) {
    plaint_calendar *c = SENTINEL_PTR;
    CHECK_STATUS(plaint_calendar_from_preset(NULL, 2, &c, NULL), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(plaint_calendar_from_preset(L(CN), NULL, NULL), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(plaint_calendar_from_json(NULL, 2, &c, NULL), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(plaint_calendar_from_json(L(CAL_JSON), NULL, NULL), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK(c == SENTINEL_PTR);
}

static void test_null_calendar_add(void) {
    plaint_calendar *c = calendar();
    int64_t out = SENTINEL_MS;
    CHECK_STATUS(plaint_calendar_add(NULL, START, PLAINT_CLOCK_WORKING_DAYS, 3, PLAINT_END_DEFAULT, PLAINT_ROLL_NONE, &out),
                 PLAINT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(plaint_calendar_add(c, START, PLAINT_CLOCK_WORKING_DAYS, 3, PLAINT_END_DEFAULT, PLAINT_ROLL_NONE, NULL),
                 PLAINT_STATUS_NULL_ARGUMENT);
    CHECK(out == SENTINEL_MS);
    plaint_calendar_free(c);
}

static void test_null_calendar_add_batch(void) {
    plaint_calendar *c = calendar();
    int64_t starts[2] = {START, START}, out[2] = {SENTINEL_MS, SENTINEL_MS};
    plaint_status st[2] = {99, 99};
    CHECK_STATUS(plaint_calendar_add_batch(NULL, starts, 2, 2, 3, 0, 0, out, st), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(plaint_calendar_add_batch(c, NULL, 2, 2, 3, 0, 0, out, st), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(plaint_calendar_add_batch(c, starts, 2, 2, 3, 0, 0, NULL, st), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK(out[0] == SENTINEL_MS && st[0] == 99);
    /* NULL statuses is allowed; NULL arrays are allowed when n == 0. */
    CHECK_STATUS(plaint_calendar_add_batch(c, starts, 2, 2, 3, 0, 0, out, NULL), PLAINT_STATUS_OK);
    CHECK(out[0] != SENTINEL_MS && out[0] == out[1]);
    CHECK_STATUS(plaint_calendar_add_batch(c, NULL, 0, 2, 3, 0, 0, NULL, NULL), PLAINT_STATUS_OK);
    plaint_calendar_free(c);
}

static void test_null_calendar_format_and_parse(void) {
    plaint_calendar *c = calendar();
    char *out = SENTINEL_PTR;
    int64_t ms = SENTINEL_MS;
    CHECK_STATUS(plaint_calendar_format(NULL, START, &out), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(plaint_calendar_format(c, START, NULL), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(plaint_instant_parse(NULL, 4, &ms), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(plaint_instant_parse(L("2026-09-24T16:00:00+08:00"), NULL), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK(out == SENTINEL_PTR && ms == SENTINEL_MS);
    plaint_calendar_free(c);
}

/* ------------------------------------------------------------------ invalid UTF-8 */

static void test_invalid_utf8_every_string(void) {
    static const char bad[] = "{\"id\":\"\xff\xfe\"}";    /* bytes that are never UTF-8 */
    static const char cut[] = "\"\xe7\x94\xb5\"";          /* 电 with its last byte cut below */
    plaint_engine *e = engine(), *e2 = SENTINEL_PTR;
    plaint_calendar *c = NULL, *c2 = SENTINEL_PTR;
    char *out = SENTINEL_PTR, *err = NULL;
    int64_t ms = SENTINEL_MS;
    (void)c;
    CHECK_STATUS(plaint_engine_from_preset(L("cn-\xff"), &e2, &err), PLAINT_STATUS_INVALID_UTF8);
    CHECK(error_has_code(err, "invalid_utf8"));
    plaint_string_free(err);
    CHECK_STATUS(plaint_engine_from_json(bad, sizeof bad - 1, &e2, NULL), PLAINT_STATUS_INVALID_UTF8);
    CHECK_STATUS(plaint_engine_from_json(cut, 3, &e2, NULL), PLAINT_STATUS_INVALID_UTF8);
    CHECK_STATUS(plaint_engine_classify(e, bad, sizeof bad - 1, &out, NULL), PLAINT_STATUS_INVALID_UTF8);
    CHECK_STATUS(plaint_engine_assess(e, bad, sizeof bad - 1, START, &out, NULL), PLAINT_STATUS_INVALID_UTF8);
    CHECK_STATUS(plaint_engine_stats(e, bad, sizeof bad - 1, &out, NULL), PLAINT_STATUS_INVALID_UTF8);
    CHECK_STATUS(plaint_run_op(L("class\xc0"), L("{}"), &out, NULL), PLAINT_STATUS_INVALID_UTF8);
    CHECK_STATUS(plaint_run_op(L("classify"), bad, sizeof bad - 1, &out, NULL), PLAINT_STATUS_INVALID_UTF8);
    CHECK_STATUS(plaint_calendar_from_preset(L("cn\xed\xa0\x80"), &c2, NULL), PLAINT_STATUS_INVALID_UTF8); /* surrogate */
    CHECK_STATUS(plaint_calendar_from_json(bad, sizeof bad - 1, &c2, NULL), PLAINT_STATUS_INVALID_UTF8);
    CHECK_STATUS(plaint_instant_parse(L("2026\xff"), &ms), PLAINT_STATUS_INVALID_UTF8);
    CHECK(e2 == SENTINEL_PTR && c2 == SENTINEL_PTR && out == SENTINEL_PTR && ms == SENTINEL_MS);
    plaint_engine_free(e);
}

/* ------------------------------------------------------------------ malformed and hostile JSON */

static void test_truncated_json(void) {
    plaint_engine *e = engine(), *e2 = SENTINEL_PTR;
    char *out = SENTINEL_PTR, *err = NULL;
    size_t n = strlen(COMPLAINT);
    for (size_t cut = 0; cut < n; cut += 7) {
        if (((unsigned char)COMPLAINT[cut] & 0xC0) == 0x80) continue; /* inside a character: invalid_utf8 */
        CHECK_STATUS(plaint_engine_classify(e, COMPLAINT, cut, &out, NULL), PLAINT_STATUS_INVALID_JSON);
    }
    CHECK_STATUS(plaint_engine_from_json(L("{\"plaint_policy\": 1, \"name\": \"t"), &e2, &err), PLAINT_STATUS_INVALID_JSON);
    CHECK(error_has_code(err, "invalid_json"));
    plaint_string_free(err);
    CHECK_STATUS(plaint_run_op(L("classify"), L("{\"policy\": \"cn-property\", \"complaint\": {"), &out, NULL),
                 PLAINT_STATUS_INVALID_JSON);
    CHECK(out == SENTINEL_PTR && e2 == SENTINEL_PTR);
    plaint_engine_free(e);
}

static void test_ten_megabyte_json(void) {
    /* A valid complaint whose text is 10 MB: classified, not refused. */
    size_t big = 10u * 1024 * 1024;
    const char *head = "{\"id\":\"big\",\"received_at\":\"2026-09-24T16:00:00+08:00\",\"channel\":\"phone\",\"text\":\"";
    const char *tail = "漏水\"}";
    size_t hl = strlen(head), tl = strlen(tail);
    char *doc = malloc(hl + big + tl);
    CHECK(doc != NULL);
    if (!doc) return;
    memcpy(doc, head, hl);
    memset(doc + hl, 'a', big);
    memcpy(doc + hl + big, tail, tl);
    plaint_engine *e = engine();
    char *out = NULL, *err = NULL;
    CHECK_STATUS(plaint_engine_classify(e, doc, hl + big + tl, &out, &err), PLAINT_STATUS_OK);
    CHECK(out != NULL && strstr(out, "severity") != NULL);
    plaint_string_free(out);
    plaint_string_free(err);
    /* The same 10 MB, cut short: a status, never a crash. */
    out = SENTINEL_PTR;
    CHECK_STATUS(plaint_engine_classify(e, doc, hl + big, &out, NULL), PLAINT_STATUS_INVALID_JSON);
    CHECK(out == SENTINEL_PTR);
    /* A 10 MB policy document with an unknown key. */
    const char *ph = "{\"plaint_policy\":1,\"name\":\"t\",\"version\":\"1\",\"calendar\":\"cn-mainland\",\"deadlines\":[],\"x\":\"";
    size_t pl = strlen(ph);
    memcpy(doc, ph, pl);
    memset(doc + pl, 'b', big - pl);
    memcpy(doc + big, "\"}", 2);
    plaint_engine *e2 = SENTINEL_PTR;
    plaint_status st = plaint_engine_from_json(doc, big + 2, &e2, &err);
    CHECK(st != PLAINT_STATUS_OK && st != PLAINT_STATUS_PANIC && plaint_status_code_name(st) != NULL);
    CHECK(e2 == SENTINEL_PTR && err != NULL);
    plaint_string_free(err);
    free(doc);
    plaint_engine_free(e);
}

static void test_nested_100000_deep(void) {
    size_t depth = 100000;
    char *doc = malloc(2 * depth);
    CHECK(doc != NULL);
    if (!doc) return;
    memset(doc, '[', depth);
    memset(doc + depth, ']', depth);
    plaint_engine *e = engine(), *e2 = SENTINEL_PTR;
    char *out = SENTINEL_PTR, *err = NULL;
    CHECK_STATUS(plaint_engine_classify(e, doc, 2 * depth, &out, &err), PLAINT_STATUS_INVALID_JSON);
    CHECK(error_has_code(err, "invalid_json"));
    plaint_string_free(err);
    CHECK_STATUS(plaint_engine_from_json(doc, 2 * depth, &e2, NULL), PLAINT_STATUS_INVALID_JSON);
    CHECK_STATUS(plaint_run_op(L("assess"), doc, 2 * depth, &out, NULL), PLAINT_STATUS_INVALID_JSON);
    /* Objects, unterminated: {"a":{"a":{"a":... */
    char *obj = malloc(6 * depth);
    CHECK(obj != NULL);
    if (obj) {
        for (size_t i = 0; i < depth; i++) memcpy(obj + 6 * i, "{\"a\":", 5), obj[6 * i + 5] = ' ';
        plaint_calendar *c = SENTINEL_PTR;
        CHECK_STATUS(plaint_calendar_from_json(obj, 6 * depth, &c, NULL), PLAINT_STATUS_INVALID_JSON);
        CHECK(c == SENTINEL_PTR);
        free(obj);
    }
    CHECK(out == SENTINEL_PTR && e2 == SENTINEL_PTR);
    free(doc);
    plaint_engine_free(e);
}

/* ------------------------------------------------------------------ one test per status code */

static void expect_engine_json(const char *policy, plaint_status want, const char *code) {
    plaint_engine *e = SENTINEL_PTR;
    char *err = NULL;
    CHECK_STATUS(plaint_engine_from_json(L(policy), &e, &err), want);
    CHECK(e == SENTINEL_PTR);
    CHECK(error_has_code(err, code));
    plaint_string_free(err);
}

static void expect_calendar_json(const char *cal, plaint_status want, const char *code) {
    plaint_calendar *c = SENTINEL_PTR;
    char *err = NULL;
    CHECK_STATUS(plaint_calendar_from_json(L(cal), &c, &err), want);
    CHECK(c == SENTINEL_PTR);
    CHECK(error_has_code(err, code));
    plaint_string_free(err);
}

static void expect_classify(const char *complaint, plaint_status want, const char *code) {
    plaint_engine *e = engine();
    char *out = SENTINEL_PTR, *err = NULL;
    CHECK_STATUS(plaint_engine_classify(e, L(complaint), &out, &err), want);
    CHECK(out == SENTINEL_PTR);
    CHECK(error_has_code(err, code));
    plaint_string_free(err);
    plaint_engine_free(e);
}

static void expect_add(int64_t start, uint32_t clock, int64_t amount, uint32_t end, uint32_t roll, plaint_status want) {
    plaint_calendar *c = calendar();
    int64_t out = SENTINEL_MS;
    CHECK_STATUS(plaint_calendar_add(c, start, clock, amount, end, roll, &out), want);
    CHECK(out == SENTINEL_MS);
    plaint_calendar_free(c);
}

#define POLICY(extra)                                                                              \
    "{\"plaint_policy\":1,\"name\":\"t\",\"version\":\"1\",\"calendar\":\"cn-mainland\","          \
    "\"deadlines\":[{\"id\":\"d\",\"clock\":\"working_days\",\"amount\":3,\"met_by\":[\"resolved\"]}" extra "}"
#define CALENDAR(extra)                                                                          \
    "{\"plaint_calendar\":1,\"name\":\"t\",\"zone\":\"Asia/Shanghai\",\"valid_from\":\"2026-01-01\"," extra "}"

static void test_status_ok(void) {
    plaint_engine *e = engine();
    char *out = NULL, *err = SENTINEL_PTR;
    CHECK_STATUS(plaint_engine_classify(e, L(COMPLAINT), &out, &err), PLAINT_STATUS_OK);
    CHECK(out != NULL && err == NULL);
    plaint_string_free(out);
    plaint_engine_free(e);
}
static void test_status_null_argument(void) {
    char *err = NULL;
    CHECK_STATUS(plaint_run_op(NULL, 0, NULL, 0, NULL, &err), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK(error_has_code(err, "null_argument"));
    plaint_string_free(err);
}
static void test_status_invalid_utf8(void) {
    char *out = SENTINEL_PTR;
    CHECK_STATUS(plaint_run_op(L("classify"), L("\"\x80\""), &out, NULL), PLAINT_STATUS_INVALID_UTF8);
}
static void test_status_panic(void) {
    char *err = NULL;
    CHECK_STATUS(plaint_selftest_panic(&err), PLAINT_STATUS_PANIC);
    CHECK(error_has_code(err, "panic"));
    plaint_string_free(err);
    CHECK_STATUS(plaint_selftest_panic(NULL), PLAINT_STATUS_PANIC);
    /* The library keeps working after a caught panic. */
    plaint_engine *e = engine();
    plaint_engine_free(e);
}
static void test_status_invalid_json(void) {
    expect_classify("{\"id\": }", PLAINT_STATUS_INVALID_JSON, "invalid_json");
}
static void test_status_invalid_type(void) {
    expect_classify("{\"id\":\"c1\",\"received_at\":\"2026-09-24T16:00:00+08:00\",\"channel\":\"phone\",\"text\":7}",
                    PLAINT_STATUS_INVALID_TYPE, "invalid_type");
}
static void test_status_missing_field(void) {
    expect_classify("{\"id\":\"c1\",\"channel\":\"phone\",\"text\":\"x\"}", PLAINT_STATUS_MISSING_FIELD, "missing_field");
}
static void test_status_unknown_field(void) {
    expect_classify("{\"id\":\"c1\",\"received_at\":\"2026-09-24T16:00:00+08:00\",\"channel\":\"phone\",\"text\":\"x\","
                    "\"colour\":\"red\"}",
                    PLAINT_STATUS_UNKNOWN_FIELD, "unknown_field");
}
static void test_status_invalid_value(void) {
    expect_classify("{\"id\":\"c1\",\"received_at\":\"2026-09-24T16:00:00+08:00\",\"channel\":\"fax\",\"text\":\"x\"}",
                    PLAINT_STATUS_INVALID_VALUE, "invalid_value");
    expect_add(START, 99, 3, 0, 0, PLAINT_STATUS_INVALID_VALUE);
    expect_add(START, 2, 3, 3, 0, PLAINT_STATUS_INVALID_VALUE);
    expect_add(START, 2, 3, 0, 2, PLAINT_STATUS_INVALID_VALUE);
    char *out = SENTINEL_PTR;
    CHECK_STATUS(plaint_run_op(L("frobnicate"), L("{}"), &out, NULL), PLAINT_STATUS_INVALID_VALUE);
}
static void test_status_unsupported_version(void) {
    expect_engine_json("{\"plaint_policy\":2,\"name\":\"t\",\"version\":\"1\",\"calendar\":\"cn-mainland\","
                       "\"deadlines\":[{\"id\":\"d\",\"clock\":\"working_days\",\"amount\":3,\"met_by\":[\"resolved\"]}]}",
                       PLAINT_STATUS_UNSUPPORTED_VERSION, "unsupported_version");
}
static void test_status_instant_without_offset(void) {
    expect_classify("{\"id\":\"c1\",\"received_at\":\"2026-09-24T16:00:00\",\"channel\":\"phone\",\"text\":\"x\"}",
                    PLAINT_STATUS_INSTANT_WITHOUT_OFFSET, "instant_without_offset");
    int64_t ms = SENTINEL_MS;
    CHECK_STATUS(plaint_instant_parse(L("2026-09-29T10:00:00"), &ms), PLAINT_STATUS_INSTANT_WITHOUT_OFFSET);
}
static void test_status_invalid_instant(void) {
    expect_classify("{\"id\":\"c1\",\"received_at\":\"2026-13-01T00:00:00+08:00\",\"channel\":\"phone\",\"text\":\"x\"}",
                    PLAINT_STATUS_INVALID_INSTANT, "invalid_instant");
    expect_add(INT64_MAX, PLAINT_CLOCK_ELAPSED, 1, 0, 0, PLAINT_STATUS_INVALID_INSTANT);
    plaint_engine *e = engine();
    char *out = SENTINEL_PTR;
    CHECK_STATUS(plaint_engine_assess(e, L(CASE), INT64_MIN, &out, NULL), PLAINT_STATUS_INVALID_INSTANT);
    CHECK(out == SENTINEL_PTR);
    plaint_engine_free(e);
}
static void test_status_invalid_date(void) {
    expect_calendar_json(CALENDAR("\"valid_to\":\"2026-12-31\",\"holidays\":[{\"date\":\"2026-02-30\"}]"),
                         PLAINT_STATUS_INVALID_DATE, "invalid_date");
}
static void test_status_unknown_zone(void) {
    expect_calendar_json("{\"plaint_calendar\":1,\"name\":\"t\",\"zone\":\"Asia/Beijing\",\"valid_from\":\"2026-01-01\","
                         "\"valid_to\":\"2026-12-31\"}",
                         PLAINT_STATUS_UNKNOWN_ZONE, "unknown_zone");
}
static void test_status_invalid_hours(void) {
    expect_calendar_json(CALENDAR("\"valid_to\":\"2026-12-31\",\"hours\":{\"default\":[\"18:00-09:00\"]}"),
                         PLAINT_STATUS_INVALID_HOURS, "invalid_hours");
}
static void test_status_overlapping_hours(void) {
    expect_calendar_json(CALENDAR("\"valid_to\":\"2026-12-31\",\"hours\":{\"default\":[\"09:00-12:00\",\"11:00-14:00\"]}"),
                         PLAINT_STATUS_OVERLAPPING_HOURS, "overlapping_hours");
}
static void test_status_conflicting_day(void) {
    expect_calendar_json(CALENDAR("\"valid_to\":\"2026-12-31\",\"holidays\":[{\"date\":\"2026-10-01\"},{\"date\":\"2026-10-01\"}]"),
                         PLAINT_STATUS_CONFLICTING_DAY, "conflicting_day");
}
static void test_status_invalid_range(void) {
    expect_calendar_json(CALENDAR("\"valid_to\":\"2025-12-31\""), PLAINT_STATUS_INVALID_RANGE, "invalid_range");
}
static void test_status_duplicate_id(void) {
    expect_engine_json(POLICY(",{\"id\":\"d\",\"clock\":\"calendar_days\",\"amount\":7,\"met_by\":[\"replied\"]}]"),
                       PLAINT_STATUS_DUPLICATE_ID, "duplicate_id");
}
static void test_status_unknown_reference(void) {
    expect_engine_json(POLICY("],\"classification\":[{\"id\":\"severity\",\"output\":\"severity\",\"hit\":\"first\","
                              "\"default\":\"minor\",\"rows\":[{\"id\":\"r\",\"when\":{\"signals\":\"nope\"},\"then\":\"major\"}]}]"),
                       PLAINT_STATUS_UNKNOWN_REFERENCE, "unknown_reference");
}
static void test_status_unknown_preset(void) {
    plaint_engine *e = SENTINEL_PTR;
    char *err = NULL;
    CHECK_STATUS(plaint_engine_from_preset(L("cn-proprety"), &e, &err), PLAINT_STATUS_UNKNOWN_PRESET);
    CHECK(e == SENTINEL_PTR && error_has_code(err, "unknown_preset"));
    plaint_string_free(err);
}
static void test_status_unknown_calendar(void) {
    plaint_calendar *c = SENTINEL_PTR;
    char *err = NULL;
    CHECK_STATUS(plaint_calendar_from_preset(L("cn"), &c, &err), PLAINT_STATUS_UNKNOWN_CALENDAR);
    CHECK(c == SENTINEL_PTR && error_has_code(err, "unknown_calendar"));
    plaint_string_free(err);
}
static void test_status_calendar_range_exceeded(void) {
    /* cn-mainland's data ends 2026-12-31: 10 working days from 2026-12-28 need 2027. */
    expect_add(INT64_C(1798423200000), PLAINT_CLOCK_WORKING_DAYS, 10, 0, 0, PLAINT_STATUS_CALENDAR_RANGE_EXCEEDED);
}
static void test_status_negative_amount(void) {
    expect_add(START, PLAINT_CLOCK_WORKING_DAYS, -1, 0, 0, PLAINT_STATUS_NEGATIVE_AMOUNT);
    expect_classify("{\"id\":\"c1\",\"received_at\":\"2026-09-24T16:00:00+08:00\",\"channel\":\"phone\",\"text\":\"x\","
                    "\"facts\":{\"times_raised_before\":-1}}",
                    PLAINT_STATUS_NEGATIVE_AMOUNT, "negative_amount");
}
static void test_status_amount_overflow(void) {
    expect_add(START, PLAINT_CLOCK_ELAPSED, INT64_MAX, 0, 0, PLAINT_STATUS_AMOUNT_OVERFLOW);
    expect_add(START, PLAINT_CLOCK_WEEKS, INT64_MAX / 2, 0, 0, PLAINT_STATUS_AMOUNT_OVERFLOW);
}
static void test_status_invalid_transition(void) {
    plaint_engine *e = engine();
    char *out = SENTINEL_PTR, *err = NULL;
    const char *c = "{\"complaint\":{\"id\":\"S9\",\"received_at\":\"2026-11-02T10:00:00+08:00\",\"channel\":\"phone\","
                    "\"text\":\"楼道灯不亮。\"},\"events\":[{\"type\":\"resumed\",\"at\":\"2026-11-02T11:00:00+08:00\"}]}";
    CHECK_STATUS(plaint_engine_assess(e, L(c), INT64_C(1793757600000), &out, &err), PLAINT_STATUS_INVALID_TRANSITION);
    CHECK(out == SENTINEL_PTR && error_has_code(err, "invalid_transition"));
    CHECK(err && strstr(err, "\"path\":\"/events/0\"") != NULL);
    plaint_string_free(err);
    plaint_engine_free(e);
}
static void test_status_invalid_event(void) {
    plaint_engine *e = engine();
    char *out = SENTINEL_PTR, *err = NULL;
    const char *c = "{\"complaint\":{\"id\":\"S1\",\"received_at\":\"2026-09-24T16:00:00+08:00\",\"channel\":\"phone\","
                    "\"customer\":{\"id\":\"owner-1201\",\"tier\":\"regular\"},\"subject\":\"漏水\","
                    "\"text\":\"楼上漏水,天花板脱落,我母亲被砸伤送医。\",\"facts\":{\"personal_injury\":true}},"
                    "\"events\":[{\"type\":\"extension_granted\",\"at\":\"2026-09-28T10:00:00+08:00\","
                    "\"deadline\":\"major_settle\",\"amount\":2}]}";
    CHECK_STATUS(plaint_engine_assess(e, L(c), INT64_C(1790647200000), &out, &err), PLAINT_STATUS_INVALID_EVENT);
    CHECK(out == SENTINEL_PTR && error_has_code(err, "invalid_event"));
    plaint_string_free(err);
    plaint_engine_free(e);
}
static void test_status_duplicate_key(void) {
    /* Two "deadlines" arrays: JSON parsers commonly keep the last; plaint refuses. */
    plaint_engine *e = SENTINEL_PTR;
    char *err = NULL;
    CHECK_STATUS(plaint_engine_from_json(L(POLICY("],\"deadlines\":[]")), &e, &err), PLAINT_STATUS_DUPLICATE_KEY);
    CHECK(e == SENTINEL_PTR && error_has_code(err, "duplicate_key"));
    CHECK(err && strstr(err, "\"path\":\"/deadlines\"") != NULL);
    plaint_string_free(err);
    e = engine();
    char *out = SENTINEL_PTR;
    err = NULL;
    const char *c = "{\"complaint\":{\"id\":\"a\",\"id\":\"b\",\"received_at\":\"2026-11-02T10:00:00+08:00\"},\"events\":[]}";
    CHECK_STATUS(plaint_engine_assess(e, L(c), INT64_C(1793757600000), &out, &err), PLAINT_STATUS_DUPLICATE_KEY);
    CHECK(out == SENTINEL_PTR && err && strstr(err, "\"path\":\"/complaint/id\"") != NULL);
    plaint_string_free(err);
    plaint_engine_free(e);
}
static void test_status_instant_out_of_range(void) {
    /* 9999-12-31T23:50:00Z + 30 minutes is past 9999-12-31T23:59:59.999Z, the last instant. */
    expect_add(INT64_C(253402300200000), PLAINT_CLOCK_ELAPSED, 30, 0, 0, PLAINT_STATUS_INSTANT_OUT_OF_RANGE);
}
static void test_status_input_too_large(void) {
    if (getenv("PLAINT_TEST_QUICK")) return;
    size_t n = (size_t)64 * 1024 * 1024 + 1;
    char *doc = malloc(n);
    CHECK(doc != NULL);
    if (!doc) return;
    memset(doc, ' ', n);
    doc[0] = '{';
    plaint_engine *e = SENTINEL_PTR;
    char *err = NULL;
    CHECK_STATUS(plaint_engine_from_json(doc, n, &e, &err), PLAINT_STATUS_INPUT_TOO_LARGE);
    CHECK(e == SENTINEL_PTR && error_has_code(err, "input_too_large"));
    plaint_string_free(err);
    free(doc);
    /* A length no buffer can have. */
    char *out = SENTINEL_PTR;
    CHECK_STATUS(plaint_run_op(L("classify"), "{}", SIZE_MAX, &out, NULL), PLAINT_STATUS_INPUT_TOO_LARGE);
}

/* ------------------------------------------------------------------ behaviour */

static void test_engine_from_json_lists_every_problem(void) {
    plaint_engine *e = SENTINEL_PTR;
    char *err = NULL;
    const char *p = "{\"plaint_policy\":1,\"name\":\"t\",\"version\":\"1\",\"calendar\":\"cn-mainland\",\"colour\":1,"
                    "\"deadlines\":[{\"id\":\"d\",\"clock\":\"hours\",\"amount\":3,\"met_by\":[\"resolved\"]}]}";
    plaint_status st = plaint_engine_from_json(L(p), &e, &err);
    CHECK(st != PLAINT_STATUS_OK && e == SENTINEL_PTR && err != NULL);
    jval *v = err ? json_parse(err, strlen(err)) : NULL;
    const jval *problems = json_get(v, "problems");
    CHECK(problems && problems->type == J_ARR && problems->n >= 2);
    CHECK(err && strstr(err, "/deadlines/0/clock") && strstr(err, "/colour"));
    const jval *code = json_get(v, "code");
    CHECK(code && !strcmp(code->str, plaint_status_code_name(st)));
    json_free(v);
    free(v);
    plaint_string_free(err);
    /* The same document through the JSON layer names the same problems. */
    plaint_engine *ok = NULL;
    CHECK_STATUS(plaint_engine_from_json(L("\"cn-goods\""), &ok, NULL), PLAINT_STATUS_OK);
    plaint_engine_free(ok);
}

static void test_calendar_add_matches_json_layer(void) {
    plaint_calendar *c = calendar();
    static const struct { uint32_t clock; int64_t amount; uint32_t end; uint32_t roll; const char *json; } cases[] = {
        {PLAINT_CLOCK_WORKING_DAYS, 3, 0, 0, "\"clock\":\"working_days\",\"amount\":3"},
        {PLAINT_CLOCK_BUSINESS, 240, 0, 0, "\"clock\":\"business\",\"amount\":240"},
        {PLAINT_CLOCK_ELAPSED, 1440, 0, 0, "\"clock\":\"elapsed\",\"amount\":1440"},
        {PLAINT_CLOCK_CALENDAR_DAYS, 7, PLAINT_END_END_OF_DAY, PLAINT_ROLL_NEXT_WORKING_DAY,
         "\"clock\":\"calendar_days\",\"amount\":7,\"end\":\"end_of_day\",\"roll\":\"next_working_day\""},
        {PLAINT_CLOCK_WEEKS, 2, PLAINT_END_CLOSE_OF_BUSINESS, 0, "\"clock\":\"weeks\",\"amount\":2,\"end\":\"close_of_business\""},
        {PLAINT_CLOCK_MONTHS, 1, 0, PLAINT_ROLL_NEXT_WORKING_DAY, "\"clock\":\"months\",\"amount\":1,\"roll\":\"next_working_day\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t due = SENTINEL_MS;
        CHECK_STATUS(plaint_calendar_add(c, START, cases[i].clock, cases[i].amount, cases[i].end, cases[i].roll, &due),
                     PLAINT_STATUS_OK);
        char *text = NULL, *out = NULL, input[512];
        CHECK_STATUS(plaint_calendar_format(c, due, &text), PLAINT_STATUS_OK);
        snprintf(input, sizeof input,
                 "{\"calendar\":\"cn-mainland\",\"request\":{\"start\":\"2026-09-24T16:00:00+08:00\",%s}}", cases[i].json);
        CHECK_STATUS(plaint_run_op(L("deadline"), L(input), &out, NULL), PLAINT_STATUS_OK);
        char want[128];
        snprintf(want, sizeof want, "{\"due_at\":\"%s\"}", text ? text : "");
        CHECK(out && !strcmp(out, want));
        if (out && strcmp(out, want)) fprintf(stderr, "  case %zu: %s vs %s\n", i, out, want);
        plaint_string_free(text);
        plaint_string_free(out);
    }
    /* docs/time.md example 1: 3 working days from 2026-09-24 16:00 across the Mid-Autumn holiday. */
    int64_t due = 0;
    char *text = NULL;
    CHECK_STATUS(plaint_calendar_add(c, START, PLAINT_CLOCK_WORKING_DAYS, 3, 0, 0, &due), PLAINT_STATUS_OK);
    CHECK_STATUS(plaint_calendar_format(c, due, &text), PLAINT_STATUS_OK);
    CHECK(text && !strcmp(text, "2026-09-30T18:00:00+08:00"));
    plaint_string_free(text);
    plaint_calendar_free(c);
}

static void test_batch_matches_single_calls(void) {
    plaint_calendar *c = calendar();
    enum { N = 1000 };
    int64_t starts[N], out[N], inplace[N];
    plaint_status st[N];
    for (int i = 0; i < N; i++) starts[i] = inplace[i] = START + (int64_t)i * 3600 * 1000 * 7;
    starts[5] = inplace[5] = INT64_MAX; /* one bad element */
    CHECK_STATUS(plaint_calendar_add_batch(c, starts, N, PLAINT_CLOCK_WORKING_DAYS, 3, 0, 0, out, st),
                 PLAINT_STATUS_INVALID_INSTANT);
    CHECK_STATUS(plaint_calendar_add_batch(c, inplace, N, PLAINT_CLOCK_WORKING_DAYS, 3, 0, 0, inplace, NULL),
                 PLAINT_STATUS_INVALID_INSTANT);
    int mismatches = 0;
    for (int i = 0; i < N; i++) {
        int64_t one = SENTINEL_MS;
        plaint_status s = plaint_calendar_add(c, starts[i], PLAINT_CLOCK_WORKING_DAYS, 3, 0, 0, &one);
        if (s != st[i]) mismatches++;
        if (s == PLAINT_STATUS_OK && (one != out[i] || one != inplace[i])) mismatches++;
    }
    CHECK(mismatches == 0);
    CHECK(st[5] == PLAINT_STATUS_INVALID_INSTANT && inplace[5] == INT64_MAX);
    /* Some starts run past the calendar's data: a status per element. */
    CHECK(st[N - 1] == PLAINT_STATUS_CALENDAR_RANGE_EXCEEDED || st[N - 1] == PLAINT_STATUS_OK);
    /* An argument problem is reported before any element is written. */
    int64_t untouched[2] = {SENTINEL_MS, SENTINEL_MS};
    CHECK_STATUS(plaint_calendar_add_batch(c, starts, 2, 77, 3, 0, 0, untouched, NULL), PLAINT_STATUS_INVALID_VALUE);
    CHECK(untouched[0] == SENTINEL_MS);
    plaint_calendar_free(c);
}

static void test_engine_calendar(void) {
    plaint_engine *e = engine();
    plaint_calendar *c = NULL;
    CHECK_STATUS(plaint_engine_calendar(e, &c), PLAINT_STATUS_OK);
    plaint_engine_free(e); /* the calendar outlives its engine */
    int64_t due = 0;
    CHECK_STATUS(plaint_calendar_add(c, START, PLAINT_CLOCK_WORKING_DAYS, 3, 0, 0, &due), PLAINT_STATUS_OK);
    CHECK(due == INT64_C(1790762400000)); /* 2026-09-30T18:00:00+08:00 */
    plaint_calendar_free(c);
}

static void test_instant_parse(void) {
    int64_t ms = 0;
    CHECK_STATUS(plaint_instant_parse(L("2026-09-24T16:00:00+08:00"), &ms), PLAINT_STATUS_OK);
    CHECK(ms == START);
    CHECK_STATUS(plaint_instant_parse(L("2026-09-24T08:00:00Z"), &ms), PLAINT_STATUS_OK);
    CHECK(ms == START);
    CHECK_STATUS(plaint_instant_parse(L("yesterday"), &ms), PLAINT_STATUS_INVALID_INSTANT);
}

static void test_calendar_from_json(void) {
    plaint_calendar *c = NULL;
    CHECK_STATUS(plaint_calendar_from_json(L(CAL_JSON), &c, NULL), PLAINT_STATUS_OK);
    int64_t due = 0;
    CHECK_STATUS(plaint_calendar_add(c, START, PLAINT_CLOCK_CALENDAR_DAYS, 1, PLAINT_END_END_OF_DAY, 0, &due),
                 PLAINT_STATUS_OK);
    CHECK(due == INT64_C(1790352000000)); /* 2026-09-26T00:00:00+08:00 */
    plaint_calendar_free(c);
    c = NULL;
    const char *ext = "{\"plaint_calendar\":1,\"extends\":\"cn-mainland\",\"name\":\"acme\","
                      "\"holidays\":[{\"date\":\"2026-09-25\",\"name\":\"company day\"}]}";
    CHECK_STATUS(plaint_calendar_from_json(L(ext), &c, NULL), PLAINT_STATUS_OK);
    plaint_calendar_free(c);
}

/* Engine outputs equal the JSON layer's, byte for byte. */
static void test_engine_equals_run_op(void) {
    plaint_engine *e = engine();
    char *a = NULL, *b = NULL, input[2048];
    CHECK_STATUS(plaint_engine_classify(e, L(COMPLAINT), &a, NULL), PLAINT_STATUS_OK);
    snprintf(input, sizeof input, "{\"policy\":\"cn-property\",\"complaint\":%s}", COMPLAINT);
    CHECK_STATUS(plaint_run_op(L("classify"), L(input), &b, NULL), PLAINT_STATUS_OK);
    CHECK(a && b && !strcmp(a, b));
    plaint_string_free(a);
    plaint_string_free(b);
    a = b = NULL;
    CHECK_STATUS(plaint_engine_assess(e, L(CASE), START + 86400000, &a, NULL), PLAINT_STATUS_OK);
    snprintf(input, sizeof input, "{\"policy\":\"cn-property\",\"case\":%s,\"now\":\"2026-09-25T16:00:00+08:00\"}", CASE);
    CHECK_STATUS(plaint_run_op(L("assess"), L(input), &b, NULL), PLAINT_STATUS_OK);
    CHECK(a && b && !strcmp(a, b));
    plaint_string_free(a);
    plaint_string_free(b);
    a = b = NULL;
    snprintf(input, sizeof input, "{\"now\":\"2026-09-29T10:00:00+08:00\",\"cases\":[%s,%s]}", CASE, CASE);
    CHECK_STATUS(plaint_engine_stats(e, L(input), &a, NULL), PLAINT_STATUS_OK);
    snprintf(input, sizeof input, "{\"policy\":\"cn-property\",\"now\":\"2026-09-29T10:00:00+08:00\",\"cases\":[%s,%s]}",
             CASE, CASE);
    CHECK_STATUS(plaint_run_op(L("stats"), L(input), &b, NULL), PLAINT_STATUS_OK);
    CHECK(a && b && !strcmp(a, b));
    plaint_string_free(a);
    plaint_string_free(b);
    plaint_engine_free(e);
}


/* ------------------------------------------------------------------ versions, diagnostics */

static void test_version_numbers(void) {
    char want[64];
    snprintf(want, sizeof want, "%d.%d.%d", PLAINT_VERSION_MAJOR, PLAINT_VERSION_MINOR, PLAINT_VERSION_PATCH);
    CHECK(!strcmp(plaint_version(), want));
    CHECK(PLAINT_VERSION_NUMBER == PLAINT_VERSION_MAJOR * 1000000 + PLAINT_VERSION_MINOR * 1000 + PLAINT_VERSION_PATCH);
    CHECK(plaint_version_number() == PLAINT_VERSION_NUMBER);
}

static void test_null_argument_names_the_argument(void) {
    plaint_engine *e = engine();
    char *out = NULL, *err = NULL;
    CHECK_STATUS(plaint_engine_assess(e, NULL, 5, START, &out, &err), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK(error_has_path(err, "case_json"));
    plaint_string_free(err);
    err = NULL;
    CHECK_STATUS(plaint_engine_assess(NULL, L(CASE), START, &out, &err), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK(error_has_path(err, "engine"));
    plaint_string_free(err);
    err = NULL;
    CHECK_STATUS(plaint_engine_from_preset(L(PROPERTY), NULL, &err), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK(error_has_path(err, "engine_out"));
    plaint_string_free(err);
    err = NULL;
    CHECK_STATUS(plaint_engine_classify(e, L("\"\xc3\x28\""), &out, &err), PLAINT_STATUS_INVALID_UTF8);
    CHECK(error_has_path(err, "complaint_json"));
    plaint_string_free(err);
    plaint_engine_free(e);
}

/* A caught panic's message and location are in the error JSON. */
static void test_panic_message_and_location(void) {
    char *err = NULL;
    CHECK_STATUS(plaint_selftest_panic(&err), PLAINT_STATUS_PANIC);
    jval *v = err ? json_parse(err, strlen(err)) : NULL;
    const jval *panic = json_get(v, "panic");
    const jval *msg = json_get(panic, "message"), *loc = json_get(panic, "location");
    CHECK(msg && msg->type == J_STR && !strcmp(msg->str, "plaint_selftest_panic: a deliberate panic"));
    CHECK(loc && loc->type == J_STR && strstr(loc->str, "ffi/src/version.rs:") == loc->str);
    const jval *message = json_get(v, "message");
    CHECK(message && strstr(message->str, "a deliberate panic at ffi/src/version.rs:"));
    json_free(v);
    free(v);
    plaint_string_free(err);
}

typedef struct {
    pthread_mutex_t lock;
    int records;
    plaint_log_level level;
    char code[32];
    char message[512];
} log_sink;

static void collect(void *user_data, plaint_log_level level, const char *code, const char *message) {
    log_sink *s = user_data;
    pthread_mutex_lock(&s->lock);
    s->records++;
    s->level = level;
    snprintf(s->code, sizeof s->code, "%s", code);
    snprintf(s->message, sizeof s->message, "%s", message);
    pthread_mutex_unlock(&s->lock);
}

static void *panic_twice(void *arg) {
    (void)arg;
    plaint_selftest_panic(NULL);
    plaint_selftest_panic(NULL);
    return NULL;
}

/* The host's callback receives caught panics (from any thread) instead of
 * stderr; NULL turns it off again. */
static void test_log_callback(void) {
    log_sink sink = {PTHREAD_MUTEX_INITIALIZER, 0, 0, "", ""};
    plaint_set_log_callback(collect, &sink);
    CHECK_STATUS(plaint_selftest_panic(NULL), PLAINT_STATUS_PANIC);
    CHECK(sink.records == 1 && sink.level == PLAINT_LOG_LEVEL_ERROR && !strcmp(sink.code, "panic"));
    CHECK(strstr(sink.message, "ffi/src/version.rs:") && strstr(sink.message, "a deliberate panic"));
    pthread_t tid[4];
    for (int t = 0; t < 4; t++) CHECK(pthread_create(&tid[t], NULL, panic_twice, NULL) == 0);
    for (int t = 0; t < 4; t++) pthread_join(tid[t], NULL);
    CHECK(sink.records == 9);
    plaint_set_log_callback(NULL, NULL);
    CHECK_STATUS(plaint_selftest_panic(NULL), PLAINT_STATUS_PANIC);
    CHECK(sink.records == 9);
    pthread_mutex_destroy(&sink.lock);
}

/* The header's example: a third deadline rule whose clock is not a clock. */
static void test_policy_problem_example(void) {
    const char *p = "{\"plaint_policy\":1,\"name\":\"t\",\"version\":\"1\",\"calendar\":\"cn-mainland\",\"deadlines\":["
                    "{\"id\":\"a\",\"clock\":\"working_days\",\"amount\":1,\"met_by\":[\"replied\"]},"
                    "{\"id\":\"b\",\"clock\":\"working_days\",\"amount\":2,\"met_by\":[\"replied\"]},"
                    "{\"id\":\"c\",\"clock\":\"fortnights\",\"amount\":3,\"met_by\":[\"replied\"]}]}";
    plaint_engine *e = SENTINEL_PTR;
    char *err = NULL;
    CHECK_STATUS(plaint_engine_from_json(L(p), &e, &err), PLAINT_STATUS_INVALID_VALUE);
    CHECK(e == SENTINEL_PTR && error_has_code(err, "invalid_value") && error_has_path(err, "/deadlines/2/clock"));
    plaint_string_free(err);
}

/* now_ms before the complaint was received is an error at /now. */
static void test_now_before_received(void) {
    plaint_engine *e = engine();
    char *out = SENTINEL_PTR, *err = NULL;
    CHECK_STATUS(plaint_engine_assess(e, L(CASE), START - 1, &out, &err), PLAINT_STATUS_INVALID_VALUE);
    CHECK(out == SENTINEL_PTR && error_has_code(err, "invalid_value") && error_has_path(err, "/now"));
    plaint_string_free(err);
    plaint_assessment *a = SENTINEL_PTR;
    CHECK_STATUS(plaint_assessment_new(e, L(CASE), START - 1, 0, &a, NULL), PLAINT_STATUS_INVALID_VALUE);
    CHECK(a == SENTINEL_PTR);
    CHECK_STATUS(plaint_engine_assess(e, L(CASE), START, &out, NULL), PLAINT_STATUS_OK);
    plaint_string_free(out);
    plaint_engine_free(e);
}

static void test_assess_flags(void) {
    plaint_engine *e = engine();
    char *out = SENTINEL_PTR, *err = NULL;
    CHECK_STATUS(plaint_engine_assess_with(e, L(CASE), START, 8, &out, &err), PLAINT_STATUS_INVALID_VALUE);
    CHECK(out == SENTINEL_PTR && error_has_path(err, "flags"));
    plaint_string_free(err);
    plaint_assessment *a = SENTINEL_PTR;
    CHECK_STATUS(plaint_assessment_new(e, L(CASE), START, 0x80000000u, &a, NULL), PLAINT_STATUS_INVALID_VALUE);
    CHECK(a == SENTINEL_PTR);
    /* Projected and undetermined at once contradict each other. */
    const uint32_t both = PLAINT_ASSESS_BEYOND_DATA_PROJECTED | PLAINT_ASSESS_BEYOND_DATA_UNDETERMINED;
    CHECK(PLAINT_ASSESS_NO_TRACE == 1 && PLAINT_ASSESS_BEYOND_DATA_PROJECTED == 2 && PLAINT_ASSESS_BEYOND_DATA_UNDETERMINED == 4);
    err = NULL;
    CHECK_STATUS(plaint_engine_assess_with(e, L(CASE), START, both, &out, &err), PLAINT_STATUS_INVALID_VALUE);
    CHECK(out == SENTINEL_PTR && error_has_path(err, "flags"));
    plaint_string_free(err);
    CHECK_STATUS(plaint_assessment_new(e, L(CASE), START, both | PLAINT_ASSESS_NO_TRACE, &a, NULL), PLAINT_STATUS_INVALID_VALUE);
    CHECK(a == SENTINEL_PTR);
    size_t failed_lines = 99;
    CHECK_STATUS(plaint_engine_assess_batch(e, L(CASE), START, both, &out, &failed_lines, NULL), PLAINT_STATUS_INVALID_VALUE);
    CHECK(out == SENTINEL_PTR && failed_lines == 99);
    /* Flags 0 is plaint_engine_assess. */
    char *plain = NULL, *zero = NULL;
    CHECK_STATUS(plaint_engine_assess(e, L(CASE), START, &plain, NULL), PLAINT_STATUS_OK);
    CHECK_STATUS(plaint_engine_assess_with(e, L(CASE), START, 0, &zero, NULL), PLAINT_STATUS_OK);
    CHECK(plain && zero && !strcmp(plain, zero));
    plaint_string_free(plain);
    plaint_string_free(zero);
    plaint_engine_free(e);
}

/* Accessors never fail: NULL and out-of-range give the "nothing" values. */
static void test_accessors_null_and_out_of_range(void) {
    CHECK(plaint_assessment_deadline_count(NULL) == 0 && plaint_assessment_escalation_count(NULL) == 0);
    CHECK(plaint_assessment_required_action_count(NULL) == 0);
    CHECK(plaint_assessment_complaint_id(NULL).data == NULL && plaint_assessment_complaint_id(NULL).len == 0);
    CHECK(plaint_assessment_next_check_ms(NULL) == PLAINT_NO_INSTANT);
    CHECK(plaint_assessment_deadline_state(NULL, 0) == PLAINT_DEADLINE_STATE_NONE);
    CHECK(plaint_assessment_escalation_level_max(NULL) == -1);
    CHECK(plaint_assessment_warning_count(NULL) == 0 && plaint_assessment_warning_code(NULL, 0).data == NULL);
    CHECK(plaint_assessment_deadline_kind(NULL, 0) == PLAINT_DEADLINE_KIND_NONE);
    CHECK(plaint_assessment_deadline_provisional(NULL, 0) == false);
    CHECK(plaint_assessment_deadline_error(NULL, 0) == PLAINT_STATUS_OK);
    CHECK(plaint_assessment_deadline_counted_until_ms(NULL, 0) == PLAINT_NO_INSTANT);
    CHECK(str_eq(plaint_assessment_deadline_calendar(NULL, 0), NULL));
    CHECK(str_eq(plaint_assessment_policy_name(NULL), NULL) && str_eq(plaint_assessment_policy_version(NULL), NULL));
    CHECK(str_eq(plaint_assessment_policy_effective_from(NULL), NULL));
    CHECK(str_eq(plaint_assessment_policy_effective_to(NULL), NULL));
    CHECK(str_eq(plaint_assessment_policy_selected_by(NULL), NULL));
    plaint_assessment_free(NULL);
    plaint_engine *e = engine();
    plaint_assessment *a = NULL;
    CHECK_STATUS(plaint_assessment_new(e, L(CASE), START + 86400000, PLAINT_ASSESS_NO_TRACE, &a, NULL), PLAINT_STATUS_OK);
    size_t n = plaint_assessment_deadline_count(a);
    CHECK(n == 5); /* cn-property's five deadline rules */
    CHECK(plaint_assessment_deadline_id(a, n).data == NULL);
    CHECK(plaint_assessment_deadline_state(a, n) == PLAINT_DEADLINE_STATE_NONE);
    CHECK(plaint_assessment_deadline_due_ms(a, n) == PLAINT_NO_INSTANT);
    CHECK(plaint_assessment_deadline_due_ms(a, SIZE_MAX) == PLAINT_NO_INSTANT);
    CHECK(plaint_assessment_escalation_level_index(a, 1000) == -1);
    CHECK(plaint_assessment_required_action(a, 1000).len == 0);
    CHECK(plaint_assessment_deadline_kind(a, n) == PLAINT_DEADLINE_KIND_NONE);
    CHECK(plaint_assessment_deadline_kind(a, 0) == PLAINT_DEADLINE_KIND_DEADLINE);
    CHECK(str_eq(plaint_assessment_deadline_calendar(a, n), NULL) && str_eq(plaint_assessment_deadline_calendar(a, 0), "cn-mainland"));
    CHECK(plaint_assessment_deadline_provisional(a, n) == false && plaint_assessment_deadline_error(a, n) == PLAINT_STATUS_OK);
    CHECK(str_eq(plaint_assessment_deadline_error_message(a, n), NULL));
    CHECK(plaint_assessment_deadline_counted_until_ms(a, SIZE_MAX) == PLAINT_NO_INSTANT);
    size_t w = plaint_assessment_warning_count(a);
    CHECK(str_eq(plaint_assessment_warning_code(a, w), NULL) && str_eq(plaint_assessment_warning_message(a, w), NULL));
    CHECK(str_eq(plaint_assessment_warning_calendar(a, w), NULL) && str_eq(plaint_assessment_warning_deadline(a, w), NULL));
    CHECK(str_eq(plaint_assessment_warning_data_end(a, SIZE_MAX), NULL));
    /* cn-property has one version: named by the preset, no dates. */
    CHECK(str_eq(plaint_assessment_policy_name(a), "cn-property") && str_eq(plaint_assessment_policy_selected_by(a), "single"));
    CHECK(str_eq(plaint_assessment_policy_effective_from(a), NULL) && str_eq(plaint_assessment_policy_effective_to(a), NULL));
    plaint_str id = plaint_assessment_complaint_id(a);
    CHECK(id.len == 2 && !memcmp(id.data, "c1", 2));
    CHECK(plaint_assessment_escalation_level_max(a) == -1 || plaint_assessment_escalation_count(a) > 0);
    plaint_assessment_free(a);
    plaint_engine_free(e);
    /* Names of the states; NULL for NONE and for numbers not yet known. */
    static const char *names[] = {NULL, "not_applicable", "not_started", "pending", "at_risk",
                                  "breached", "paused", "met", "met_late", "lapsed", "undetermined"};
    for (uint32_t i = 1; i < sizeof names / sizeof names[0]; i++)
        CHECK(plaint_deadline_state_name(i) && !strcmp(plaint_deadline_state_name(i), names[i]));
    CHECK(plaint_deadline_state_name(0) == NULL && plaint_deadline_state_name(11) == NULL &&
          plaint_deadline_state_name(99) == NULL);
    CHECK(PLAINT_DEADLINE_KIND_DEADLINE == 1 && PLAINT_DEADLINE_KIND_WINDOW == 2 && PLAINT_DEADLINE_KIND_INTERNAL == 3);
    CHECK(!strcmp(plaint_deadline_kind_name(1), "deadline") && !strcmp(plaint_deadline_kind_name(2), "window") &&
          !strcmp(plaint_deadline_kind_name(3), "internal"));
    CHECK(plaint_deadline_kind_name(0) == NULL && plaint_deadline_kind_name(4) == NULL);
}

/* The batch: line endings, blank and non-UTF-8 lines, the failed count. */
static void test_batch_lines(void) {
    plaint_engine *e = engine();
    char *out = SENTINEL_PTR, *err = SENTINEL_PTR;
    size_t failed = 99;
    CHECK_STATUS(plaint_engine_assess_batch(e, NULL, 0, START, 0, &out, &failed, &err), PLAINT_STATUS_OK);
    CHECK(out && !strcmp(out, "") && failed == 0 && err == NULL);
    plaint_string_free(out);
    char single[8192], input[8192];
    char *one = NULL;
    CHECK_STATUS(plaint_engine_assess_with(e, L(CASE), START, PLAINT_ASSESS_NO_TRACE, &one, NULL), PLAINT_STATUS_OK);
    snprintf(single, sizeof single, "%s", one ? one : "");
    plaint_string_free(one);
    /* case CRLF, blank, bad UTF-8, case without a final newline */
    snprintf(input, sizeof input, "%s\r\n\n\xff\xfe\n%s", CASE, CASE);
    out = NULL;
    CHECK_STATUS(plaint_engine_assess_batch(e, L(input), START, PLAINT_ASSESS_NO_TRACE, &out, &failed, NULL),
                 PLAINT_STATUS_OK);
    CHECK(failed == 2);
    char *lines[5] = {0};
    int k = 0;
    for (char *p = out, *nl; p && k < 5 && (nl = strchr(p, '\n')); p = nl + 1, k++) {
        *nl = '\0';
        lines[k] = p;
    }
    CHECK(k == 4);
    CHECK(lines[0] && !strcmp(lines[0], single) && lines[3] && !strcmp(lines[3], single));
    CHECK(lines[1] && strstr(lines[1], "{\"error\":{\"code\":\"invalid_json\"") == lines[1]);
    CHECK(lines[2] && strstr(lines[2], "{\"error\":{\"code\":\"invalid_json\"") == lines[2] && strstr(lines[2], "UTF-8"));
    plaint_string_free(out);
    CHECK_STATUS(plaint_engine_assess_batch(e, L(CASE), START, 8, &out, NULL, NULL), PLAINT_STATUS_INVALID_VALUE);
    CHECK_STATUS(plaint_engine_assess_batch(NULL, L(CASE), START, 0, &out, NULL, NULL), PLAINT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(plaint_engine_assess_batch(e, NULL, 3, START, 0, &out, NULL, NULL), PLAINT_STATUS_NULL_ARGUMENT);
    plaint_engine_free(e);
}

/* ------------------------------------------------------------------ threads */

enum { THREADS = 8, ROUNDS = 6 };

typedef struct {
    const plaint_engine *engine;
    const plaint_calendar *calendar;
    const char *case_json;
    size_t case_len;
    char *outputs[ROUNDS];
    int64_t dues[64];
    int ok;
} work;

static void *worker(void *arg) {
    work *w = arg;
    w->ok = 1;
    for (int r = 0; r < ROUNDS; r++) {
        int64_t now = INT64_C(1790647200000) + (int64_t)r * 86400000; /* 2026-09-29T10:00:00+08:00 + r days */
        if (plaint_engine_assess(w->engine, w->case_json, w->case_len, now, &w->outputs[r], NULL) != PLAINT_STATUS_OK)
            w->ok = 0;
    }
    int64_t starts[64];
    for (int i = 0; i < 64; i++) starts[i] = START + (int64_t)i * 5400000;
    if (plaint_calendar_add_batch(w->calendar, starts, 64, PLAINT_CLOCK_BUSINESS, 600, 0, 0, w->dues, NULL) !=
        PLAINT_STATUS_OK)
        w->ok = 0;
    return NULL;
}

static void test_eight_threads_share_one_engine(void) {
    size_t len = 0;
    char *text = read_file(case_file, &len);
    CHECK(text != NULL);
    if (!text) return;
    plaint_engine *e = engine();
    plaint_calendar *c = calendar();
    work one = {e, c, text, len, {0}, {0}, 0};
    worker(&one);
    CHECK(one.ok);
    work many[THREADS];
    pthread_t tid[THREADS];
    for (int t = 0; t < THREADS; t++) {
        many[t] = (work){e, c, text, len, {0}, {0}, 0};
        CHECK(pthread_create(&tid[t], NULL, worker, &many[t]) == 0);
    }
    for (int t = 0; t < THREADS; t++) pthread_join(tid[t], NULL);
    for (int t = 0; t < THREADS; t++) {
        CHECK(many[t].ok);
        for (int r = 0; r < ROUNDS; r++) {
            CHECK(many[t].outputs[r] && one.outputs[r] && !strcmp(many[t].outputs[r], one.outputs[r]));
            plaint_string_free(many[t].outputs[r]);
        }
        CHECK(!memcmp(many[t].dues, one.dues, sizeof one.dues));
    }
    for (int r = 0; r < ROUNDS; r++) plaint_string_free(one.outputs[r]);
    plaint_calendar_free(c);
    plaint_engine_free(e);
    free(text);
}

/* ------------------------------------------------------------------ conformance vectors */

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }


/* ------------------------------------------------------------------ typed accessors and the batch on every vector */

/* An instant of the JSON as epoch ms; PLAINT_NO_INSTANT for null/absent. */
static int64_t stamp_ms(const jval *v) {
    int64_t ms = PLAINT_NO_INSTANT;
    if (v && v->type == J_STR && plaint_instant_parse(v->str, v->str_len, &ms) != PLAINT_STATUS_OK) return INT64_MAX;
    return ms;
}

static int str_is(plaint_str s, const jval *v) {
    if (!v || v->type != J_STR) return s.data == NULL && s.len == 0;
    return s.len == v->str_len && !memcmp(s.data, v->str, s.len);
}

#define EXPECT(cond, ...) \
    do {                  \
        if (!(cond)) {    \
            snprintf(why, why_len, __VA_ARGS__); \
            return 0;     \
        }                 \
    } while (0)

/* How many times the vectors gave each accessor a value other than its
 * "nothing" value: each must be non-zero, or the comparison proved little. */
static struct {
    int windows, provisional, errors, counted_until, warnings, warning_deadlines, effective_from, effective_to;
} seen;

static int bool_is(bool got, const jval *v) { return v && v->type == J_BOOL && (v->boolean != 0) == got; }

/* Every accessor of `a` equals the value in `json` (the same assessment). */
static int accessors_match(const plaint_assessment *a, const jval *json, char *why, size_t why_len) {
    EXPECT(str_is(plaint_assessment_complaint_id(a), json_get(json, "complaint_id")), "complaint_id differs");
    EXPECT(str_is(plaint_assessment_state(a), json_get(json, "state")), "state differs");
    EXPECT(str_is(plaint_assessment_severity(a), json_get(json_get(json, "classification"), "severity")), "severity differs");
    EXPECT(plaint_assessment_next_check_ms(a) == stamp_ms(json_get(json, "next_check_at")), "next_check_at differs");
    const jval *ds = json_get(json, "deadlines");
    EXPECT(ds && plaint_assessment_deadline_count(a) == ds->n, "deadline count differs");
    for (size_t i = 0; i < ds->n; i++) {
        const jval *d = &ds->items[i];
        const char *name = plaint_deadline_state_name(plaint_assessment_deadline_state(a, i));
        const jval *state = json_get(d, "state");
        EXPECT(str_is(plaint_assessment_deadline_id(a, i), json_get(d, "id")), "deadline %zu id differs", i);
        EXPECT(name && state && !strcmp(name, state->str), "deadline %zu state %s, JSON %s", i, name ? name : "?",
               state ? state->str : "?");
        EXPECT(plaint_assessment_deadline_due_ms(a, i) == stamp_ms(json_get(d, "due_at")), "deadline %zu due differs", i);
        EXPECT(plaint_assessment_deadline_warn_ms(a, i) == stamp_ms(json_get(d, "warn_at")), "deadline %zu warn differs", i);
        EXPECT(plaint_assessment_deadline_started_ms(a, i) == stamp_ms(json_get(d, "started_at")), "deadline %zu start differs", i);
        EXPECT(plaint_assessment_deadline_met_ms(a, i) == stamp_ms(json_get(d, "met_at")), "deadline %zu met differs", i);
        EXPECT(plaint_assessment_deadline_next_check_ms(a, i) == stamp_ms(json_get(d, "next_change_at")),
               "deadline %zu next_change_at differs", i);
        const char *kind = plaint_deadline_kind_name(plaint_assessment_deadline_kind(a, i));
        const jval *json_kind = json_get(d, "kind");
        EXPECT(kind && json_kind && json_kind->type == J_STR && !strcmp(kind, json_kind->str), "deadline %zu kind differs", i);
        EXPECT(str_is(plaint_assessment_deadline_calendar(a, i), json_get(d, "calendar")), "deadline %zu calendar differs", i);
        EXPECT(bool_is(plaint_assessment_deadline_provisional(a, i), json_get(d, "provisional")),
               "deadline %zu provisional differs", i);
        EXPECT(plaint_assessment_deadline_counted_until_ms(a, i) == stamp_ms(json_get(d, "counted_until")),
               "deadline %zu counted_until differs", i);
        const jval *error = json_get(d, "error");
        const char *error_name = plaint_status_code_name(plaint_assessment_deadline_error(a, i));
        if (error && error->type == J_OBJ) {
            const jval *code = json_get(error, "code");
            EXPECT(code && error_name && plaint_assessment_deadline_error(a, i) != PLAINT_STATUS_OK && !strcmp(code->str, error_name),
                   "deadline %zu error code %s, JSON %s", i, error_name ? error_name : "?", code ? code->str : "?");
            EXPECT(str_is(plaint_assessment_deadline_error_message(a, i), json_get(error, "message")),
                   "deadline %zu error message differs", i);
            seen.errors++;
        } else {
            EXPECT(plaint_assessment_deadline_error(a, i) == PLAINT_STATUS_OK, "deadline %zu has an error, JSON none", i);
            EXPECT(str_eq(plaint_assessment_deadline_error_message(a, i), NULL), "deadline %zu has an error message", i);
        }
        seen.windows += plaint_assessment_deadline_kind(a, i) == PLAINT_DEADLINE_KIND_WINDOW;
        seen.provisional += plaint_assessment_deadline_provisional(a, i);
        seen.counted_until += plaint_assessment_deadline_counted_until_ms(a, i) != PLAINT_NO_INSTANT;
    }
    const jval *ws = json_get(json, "warnings");
    EXPECT(ws && ws->type == J_ARR && plaint_assessment_warning_count(a) == ws->n, "warning count differs");
    for (size_t i = 0; i < ws->n; i++) {
        const jval *w = &ws->items[i];
        EXPECT(str_is(plaint_assessment_warning_code(a, i), json_get(w, "code")), "warning %zu code differs", i);
        EXPECT(str_is(plaint_assessment_warning_message(a, i), json_get(w, "message")), "warning %zu message differs", i);
        EXPECT(str_is(plaint_assessment_warning_calendar(a, i), json_get(w, "calendar")), "warning %zu calendar differs", i);
        EXPECT(str_is(plaint_assessment_warning_data_end(a, i), json_get(w, "data_end")), "warning %zu data_end differs", i);
        EXPECT(str_is(plaint_assessment_warning_deadline(a, i), json_get(w, "deadline")), "warning %zu deadline differs", i);
        seen.warnings++;
        seen.warning_deadlines += json_get(w, "deadline") != NULL;
    }
    const jval *pv = json_get(json, "policy_version");
    EXPECT(pv && pv->type == J_OBJ, "no policy_version");
    EXPECT(str_is(plaint_assessment_policy_name(a), json_get(pv, "name")), "policy name differs");
    EXPECT(str_is(plaint_assessment_policy_version(a), json_get(pv, "version")), "policy version differs");
    EXPECT(str_is(plaint_assessment_policy_effective_from(a), json_get(pv, "effective_from")), "effective_from differs");
    EXPECT(str_is(plaint_assessment_policy_effective_to(a), json_get(pv, "effective_to")), "effective_to differs");
    EXPECT(str_is(plaint_assessment_policy_selected_by(a), json_get(pv, "selected_by")), "selected_by differs");
    seen.effective_from += plaint_assessment_policy_effective_from(a).data != NULL;
    seen.effective_to += plaint_assessment_policy_effective_to(a).data != NULL;
    const jval *es = json_get(json, "escalations");
    EXPECT(es && plaint_assessment_escalation_count(a) == es->n, "escalation count differs");
    long top = -1;
    for (size_t i = 0; i < es->n; i++) {
        const jval *e = &es->items[i];
        const jval *index = json_get(e, "level_index");
        long level = index ? strtol(index->str, NULL, 10) : -2;
        top = level > top ? level : top;
        EXPECT(str_is(plaint_assessment_escalation_level(a, i), json_get(e, "level")), "escalation %zu level differs", i);
        EXPECT(str_is(plaint_assessment_escalation_trigger(a, i), json_get(e, "trigger")), "escalation %zu trigger differs", i);
        EXPECT(plaint_assessment_escalation_level_index(a, i) == level, "escalation %zu level_index differs", i);
        EXPECT(plaint_assessment_escalation_notify_ms(a, i) == stamp_ms(json_get(e, "notify_at")), "escalation %zu notify differs", i);
        EXPECT(plaint_assessment_escalation_act_by_ms(a, i) == stamp_ms(json_get(e, "act_by")), "escalation %zu act_by differs", i);
    }
    EXPECT(plaint_assessment_escalation_level_max(a) == top, "escalation level max differs");
    const jval *rs = json_get(json, "required_actions");
    EXPECT(rs && plaint_assessment_required_action_count(a) == rs->n, "required action count differs");
    for (size_t i = 0; i < rs->n; i++)
        EXPECT(str_is(plaint_assessment_required_action(a, i), json_get(&rs->items[i], "action")), "action %zu differs", i);
    return 1;
}

/* `lean` (no trace) equals `full` but for classification.trace, which is []. */
static int same_but_trace(const jval *full, const jval *lean) {
    if (!full || !lean || full->type != J_OBJ || lean->type != J_OBJ || full->n != lean->n) return 0;
    for (size_t i = 0; i < full->n; i++) {
        const jval *other = json_get(lean, full->keys[i]);
        if (!other) return 0;
        if (strcmp(full->keys[i], "classification")) {
            if (!json_equal(&full->items[i], other)) return 0;
            continue;
        }
        const jval *fc = &full->items[i];
        if (fc->type != J_OBJ || other->type != J_OBJ || fc->n != other->n) return 0;
        for (size_t k = 0; k < fc->n; k++) {
            const jval *o = json_get(other, fc->keys[k]);
            if (!o) return 0;
            if (!strcmp(fc->keys[k], "trace") ? !(o->type == J_ARR && o->n == 0) : !json_equal(&fc->items[k], o)) return 0;
        }
    }
    return 1;
}

/* The typed API's form of a vector's "beyond_data": a flag; an unknown
 * value becomes the two contradicting flags (INVALID_VALUE either way). */
static uint32_t beyond_flags(const jval *input) {
    const jval *b = json_get(input, "beyond_data");
    if (!b || b->type == J_NULL) return 0;
    if (b->type == J_STR && !strcmp(b->str, "projected")) return PLAINT_ASSESS_BEYOND_DATA_PROJECTED;
    if (b->type == J_STR && !strcmp(b->str, "undetermined")) return PLAINT_ASSESS_BEYOND_DATA_UNDETERMINED;
    return PLAINT_ASSESS_BEYOND_DATA_PROJECTED | PLAINT_ASSESS_BEYOND_DATA_UNDETERMINED;
}

/* A failure of the typed path must be the vector's expected error: the same
 * code and, when the vector names a path and the call reports one, the same
 * path once mapped: `prefix` + the call's path (a calendar's paths lie under
 * "/calendar" in the JSON layer), or, when `own` is given, the typed API's
 * name for the argument at fault (the JSON layer's "/beyond_data" is the
 * argument "flags" here). */
static int same_error(const jval *c, plaint_status st, const char *err_json, const char *prefix, const char *own,
                      char *why, size_t why_len) {
    const jval *expect = json_get(c, "expect_error");
    const char *name = plaint_status_code_name(st);
    if (!expect) {
        snprintf(why, why_len, "the typed path failed: %s %.300s", name ? name : "?", err_json ? err_json : "");
        return 0;
    }
    const jval *code = json_get(expect, "code"), *path = json_get(expect, "path");
    if (!name || !code || code->type != J_STR || strcmp(code->str, name)) {
        snprintf(why, why_len, "the typed path failed with %s, the vector expects %s", name ? name : "?",
                 code && code->type == J_STR ? code->str : "?");
        return 0;
    }
    if (!path || !err_json) return 1;
    jval *ev = json_parse(err_json, strlen(err_json));
    const jval *got = json_get(ev, "path");
    char want[512] = "";
    if (got && got->type == J_STR) snprintf(want, sizeof want, "%s%s", own ? "" : prefix, got->str);
    int ok = got && got->type == J_STR && (own ? !strcmp(got->str, own) : path->type == J_STR && !strcmp(want, path->str));
    if (!ok) snprintf(why, why_len, "the typed path's error is at %s, the vector's at %s", want, path->str ? path->str : "?");
    json_free(ev);
    free(ev);
    return ok;
}

/* The engine of a vector: its policy, given the vector's "calendar" with
 * plaint_engine_with_calendar. 1 with *out set, or 0 with *ok the verdict
 * (the vector expected this error, or not). */
static int vector_engine(const jval *c, plaint_engine **out, int *ok, char *why, size_t why_len) {
    const jval *input = json_get(c, "input");
    const jval *policy = json_get(input, "policy"), *cal = json_get(input, "calendar");
    plaint_engine *e = NULL, *with = NULL;
    plaint_calendar *calendar = NULL;
    char *err = NULL;
    plaint_status st = plaint_engine_from_json(policy->src, policy->src_len, &e, &err);
    if (st != PLAINT_STATUS_OK) {
        *ok = same_error(c, st, err, "", NULL, why, why_len);
        plaint_string_free(err);
        return 0;
    }
    if (!cal || cal->type == J_NULL) {
        *out = e;
        return 1;
    }
    st = cal->type == J_STR ? plaint_calendar_from_preset(cal->str, cal->str_len, &calendar, &err)
                            : plaint_calendar_from_json(cal->src, cal->src_len, &calendar, &err);
    if (st != PLAINT_STATUS_OK) {
        *ok = same_error(c, st, err, "/calendar", NULL, why, why_len);
    } else {
        st = plaint_engine_with_calendar(e, calendar, &with, &err);
        if (st != PLAINT_STATUS_OK) *ok = same_error(c, st, err, "", NULL, why, why_len);
    }
    plaint_string_free(err);
    plaint_calendar_free(calendar);
    plaint_engine_free(e);
    *out = with;
    return with != NULL;
}

/* For an "assess" vector, in the typed API's form (its "beyond_data" a flag,
 * its "calendar" given with plaint_engine_with_calendar, its "case_json"
 * text passed as is): the handle's accessors equal the JSON result; its JSON
 * equals plaint_run_op's byte for byte; without the trace only the trace
 * differs; a batch of [case, bad line, case] gives the single calls' lines
 * around one error line. For a vector that expects an error, each typed
 * call fails with that error (and the batch has it on the case's lines). */
static int check_typed(const jval *c, const char *run_op_out, char *why, size_t why_len) {
    const jval *input = json_get(c, "input");
    const jval *kase = json_get(input, "case"), *case_text = json_get(input, "case_json"), *now_v = json_get(input, "now");
    if (!json_get(input, "policy") || !(kase || (case_text && case_text->type == J_STR)) || !now_v || now_v->type != J_STR) {
        snprintf(why, why_len, "an assess vector without policy, case or now");
        return 0;
    }
    const char *case_src = kase ? kase->src : case_text->str;
    size_t case_len = kase ? kase->src_len : case_text->str_len;
    int64_t now = 0;
    plaint_status now_st = plaint_instant_parse(now_v->str, now_v->str_len, &now);
    if (now_st != PLAINT_STATUS_OK) return same_error(c, now_st, NULL, "", NULL, why, why_len);
    int ok = 0;
    plaint_engine *e = NULL;
    if (!vector_engine(c, &e, &ok, why, why_len)) return ok;
    const uint32_t beyond = beyond_flags(input);
    plaint_assessment *a = NULL, *lean = NULL;
    char *json = NULL, *single = NULL, *single_lean = NULL, *batch = NULL, *err = NULL;
    jval *parsed = NULL, *parsed_lean = NULL;
    plaint_status st = plaint_assessment_new(e, case_src, case_len, now, beyond, &a, &err);
    size_t n = 2 * case_len + 16, failed = 0;
    char *lines = malloc(n);
    snprintf(lines, n, "%.*s\n{\n%.*s", (int)case_len, case_src, (int)case_len, case_src);
    /* One line per case: a raw newline can only be whitespace in JSON. */
    for (size_t i = 0, k = 0; lines[i]; i++) {
        if (lines[i] == '\n' && i >= case_len && k < 2 && (i == case_len || i == case_len + 2)) {
            k++;
            continue;
        }
        if (lines[i] == '\n' || lines[i] == '\r') lines[i] = ' ';
    }
    char *batch_err = NULL;
    plaint_status batch_st = plaint_engine_assess_batch(e, lines, strlen(lines), now, beyond, &batch, &failed, &batch_err);
    if (batch_st != PLAINT_STATUS_OK) {
        /* Only the flags fail a whole batch: the vector's option is at fault. */
        ok = st == batch_st && same_error(c, batch_st, batch_err, "", "flags", why, why_len);
        plaint_string_free(batch_err);
        goto done;
    }
    if (st != PLAINT_STATUS_OK) {
        /* The handle fails with the vector's error; every case line of the batch is it. */
        char head[256];
        jval *ev = err ? json_parse(err, strlen(err)) : NULL;
        const jval *code = json_get(ev, "code");
        snprintf(head, sizeof head, "{\"error\":{\"code\":\"%s\"", code ? code->str : "?");
        json_free(ev);
        free(ev);
        const char *second = strchr(batch, '\n');
        ok = same_error(c, st, err, "", NULL, why, why_len);
        if (ok && !(failed == 3 && strstr(batch, head) == batch && second && strstr(second + 1, "{\"error\":") == second + 1)) {
            snprintf(why, why_len, "batch of a failing case: %.200s", batch);
            ok = 0;
        }
        goto done;
    }
    if (plaint_assessment_to_json(a, &json) != PLAINT_STATUS_OK || !run_op_out || strcmp(json, run_op_out)) {
        snprintf(why, why_len, "plaint_assessment_to_json differs from plaint_run_op");
        goto done;
    }
    parsed = json_parse(json, strlen(json));
    if (!accessors_match(a, parsed, why, why_len)) goto done;
    if (plaint_assessment_new(e, case_src, case_len, now, beyond | PLAINT_ASSESS_NO_TRACE, &lean, NULL) != PLAINT_STATUS_OK ||
        !accessors_match(lean, parsed, why, why_len)) {
        if (!why[0]) snprintf(why, why_len, "no-trace assessment failed");
        goto done;
    }
    if (plaint_engine_assess_with(e, case_src, case_len, now, beyond | PLAINT_ASSESS_NO_TRACE, &single_lean, NULL) ||
        !(parsed_lean = json_parse(single_lean, strlen(single_lean))) || !same_but_trace(parsed, parsed_lean)) {
        snprintf(why, why_len, "the no-trace JSON differs beyond the trace");
        goto done;
    }
    /* Without options, plaint_engine_assess itself. */
    if ((beyond ? plaint_engine_assess_with(e, case_src, case_len, now, beyond, &single, NULL)
                : plaint_engine_assess(e, case_src, case_len, now, &single, NULL)) != PLAINT_STATUS_OK ||
        strcmp(single, json)) {
        snprintf(why, why_len, "plaint_engine_assess differs from the handle's JSON");
        goto done;
    }
    size_t len = strlen(single);
    const char *second = batch + len + 1;
    const char *third = strchr(second, '\n');
    ok = failed == 1 && !strncmp(batch, single, len) && batch[len] == '\n' && strstr(second, "{\"error\":{\"code\":\"invalid_json\"") == second &&
         third && !strncmp(third + 1, single, len) && !strcmp(third + 1 + len, "\n");
    if (!ok) snprintf(why, why_len, "batch lines differ from the single calls");
done:
    json_free(parsed);
    free(parsed);
    json_free(parsed_lean);
    free(parsed_lean);
    free(lines);
    plaint_string_free(json);
    plaint_string_free(single);
    plaint_string_free(single_lean);
    plaint_string_free(batch);
    plaint_string_free(err);
    plaint_assessment_free(a);
    plaint_assessment_free(lean);
    plaint_engine_free(e);
    return ok;
}

static int typed_cases;

/* Run one case through plaint_run_op; 1 when it passes. */
static int run_case(const jval *c, char *why, size_t why_len) {
    const jval *op = json_get(c, "op"), *input = json_get(c, "input");
    const jval *expect = json_get(c, "expect"), *expect_error = json_get(c, "expect_error");
    if (!op || op->type != J_STR || !input) return snprintf(why, why_len, "case without op or input"), 0;
    char *out = NULL, *err = NULL;
    plaint_status st = plaint_run_op(op->str, op->str_len, input->src, input->src_len, &out, &err);
    int ok = 0;
    if (expect) {
        jval *actual = out ? json_parse(out, strlen(out)) : NULL;
        if (st != PLAINT_STATUS_OK) snprintf(why, why_len, "unexpected error %s", err ? err : "?");
        else if (!actual) snprintf(why, why_len, "output is not JSON");
        else ok = json_subset(expect, actual, why, why_len) == 0;
        json_free(actual);
        free(actual);
    } else if (expect_error) {
        const jval *code = json_get(expect_error, "code"), *path = json_get(expect_error, "path");
        jval *e = err ? json_parse(err, strlen(err)) : NULL;
        const jval *got_path = json_get(e, "path"), *got_code = json_get(e, "code");
        const char *name = plaint_status_code_name(st);
        if (st == PLAINT_STATUS_OK) snprintf(why, why_len, "expected error, got %.200s", out);
        else if (!code || !name || strcmp(code->str, name) || !got_code || strcmp(got_code->str, name))
            snprintf(why, why_len, "expected %s, got %s", code ? code->str : "?", name ? name : "?");
        else if (path && (!got_path || !json_equal(path, got_path)))
            snprintf(why, why_len, "expected path %s, got %s", path->str, got_path ? got_path->str : "?");
        else ok = 1;
        json_free(e);
        free(e);
    } else {
        snprintf(why, why_len, "case has neither expect nor expect_error");
    }
    if (ok && !strcmp(op->str, "assess")) {
        typed_cases++;
        ok = check_typed(c, out, why, why_len);
    }
    plaint_string_free(out);
    plaint_string_free(err);
    return ok;
}

static void run_vectors(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "FAIL cannot open %s\n", dir);
        failed++;
        return;
    }
    char *names[256];
    size_t n = 0;
    struct dirent *ent;
    while ((ent = readdir(d)) && n < 256) {
        size_t l = strlen(ent->d_name);
        if (l > 5 && !strcmp(ent->d_name + l - 5, ".json")) names[n++] = strdup(ent->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp_str);
    int cases = 0;
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t len = 0;
        char *text = read_file(path, &len);
        jval *suite = text ? json_parse(text, len) : NULL;
        const jval *list = json_get(suite, "cases");
        if (!list || list->type != J_ARR) {
            fprintf(stderr, "FAIL %s: not a vector file\n", path);
            failed++;
        }
        for (size_t k = 0; list && k < list->n; k++) {
            char why[1024] = "";
            const jval *id = json_get(&list->items[k], "id");
            cases++;
            if (run_case(&list->items[k], why, sizeof why)) {
                passed++;
            } else {
                failed++;
                fprintf(stderr, "FAIL vector %s#%s: %s\n", names[i], id && id->str ? id->str : "?", why);
            }
        }
        json_free(suite);
        free(suite);
        free(text);
        free(names[i]);
    }
    printf("conformance vectors through plaint_run_op: %d cases\n", cases);
    printf("assess vectors also through the assessment handle, its accessors and the batch: %d\n", typed_cases);
    printf("  values other than \"nothing\" seen: %d windows, %d provisional, %d deadline errors, %d counted_until, "
           "%d warnings (%d about a deadline), %d effective_from, %d effective_to\n",
           seen.windows, seen.provisional, seen.errors, seen.counted_until, seen.warnings, seen.warning_deadlines,
           seen.effective_from, seen.effective_to);
    if (typed_cases == 0) failed++;
    if (!seen.windows || !seen.provisional || !seen.errors || !seen.counted_until || !seen.warnings ||
        !seen.warning_deadlines || !seen.effective_from || !seen.effective_to) {
        fprintf(stderr, "FAIL the assess vectors leave an accessor at its \"nothing\" value throughout\n");
        failed++;
    }
    if (cases == 0) failed++;
}

/* ------------------------------------------------------------------ main */

#define T(name) {#name, name}
static const test_case TESTS[] = {
    T(test_version), T(test_status_names), T(test_free_accepts_null), T(test_error_out_written_on_success),
    T(test_null_engine_from_preset), T(test_null_engine_from_json), T(test_null_engine_classify),
    T(test_null_engine_assess), T(test_null_engine_stats), T(test_null_engine_calendar), T(test_null_run_op),
    T(test_null_calendar_constructors), T(test_null_calendar_add), T(test_null_calendar_add_batch),
    T(test_null_calendar_format_and_parse), T(test_invalid_utf8_every_string), T(test_truncated_json),
    T(test_ten_megabyte_json), T(test_nested_100000_deep),
    T(test_status_ok), T(test_status_null_argument), T(test_status_invalid_utf8), T(test_status_panic),
    T(test_status_invalid_json), T(test_status_invalid_type), T(test_status_missing_field),
    T(test_status_unknown_field), T(test_status_invalid_value), T(test_status_unsupported_version),
    T(test_status_instant_without_offset), T(test_status_invalid_instant), T(test_status_invalid_date),
    T(test_status_unknown_zone), T(test_status_invalid_hours), T(test_status_overlapping_hours),
    T(test_status_conflicting_day), T(test_status_invalid_range), T(test_status_duplicate_id),
    T(test_status_unknown_reference), T(test_status_unknown_preset), T(test_status_unknown_calendar),
    T(test_status_calendar_range_exceeded), T(test_status_negative_amount), T(test_status_amount_overflow),
    T(test_status_invalid_transition), T(test_status_invalid_event), T(test_status_input_too_large),
    T(test_status_duplicate_key), T(test_status_instant_out_of_range),
    T(test_engine_from_json_lists_every_problem), T(test_calendar_add_matches_json_layer),
    T(test_batch_matches_single_calls), T(test_engine_calendar), T(test_instant_parse), T(test_calendar_from_json),
    T(test_engine_equals_run_op), T(test_eight_threads_share_one_engine),
    T(test_version_numbers), T(test_null_argument_names_the_argument), T(test_panic_message_and_location),
    T(test_log_callback), T(test_policy_problem_example), T(test_now_before_received), T(test_assess_flags),
    T(test_accessors_null_and_out_of_range), T(test_batch_lines),
};

int main(int argc, char **argv) {
    if (argc > 1) vectors_dir = argv[1];
    if (argc > 2) case_file = argv[2];
    for (size_t i = 0; i < sizeof TESTS / sizeof TESTS[0]; i++) {
        TESTS[i].fn();
        finish(TESTS[i].name);
    }
    for (size_t i = 0; i < horizon_test_count; i++) {
        horizon_tests[i].fn();
        finish(horizon_tests[i].name);
    }
    int unit = passed + failed;
    run_vectors(vectors_dir);
    printf("unit tests: %d; conformance cases: %d\n", unit, passed + failed - unit);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
