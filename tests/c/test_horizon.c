/* The C suite's tests of calendar data and policy versions through the C
 * ABI: assessment warnings sent to the log callback, the typed accessors of
 * undetermined and provisional deadlines, the PLAINT_ASSESS_BEYOND_DATA_*
 * flags, newer holiday data given with plaint_engine_with_calendar (a file
 * written by `plaint calendar import`), and pinned policy versions.
 *
 * The cases: a petition (cn-petition-2022) received 2026-12-01 and accepted
 * (acknowledged) 2026-12-03, assessed 2026-12-06; its 60-day handling limit
 * reaches into 2027, past cn-mainland's data (to 2026-12-31). Due dates are
 * counted by hand in the comments beside them. */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"

#include <stdint.h>
#include <stdlib.h>

static const char PETITION[] = "cn-petition-2022";
static const char PETITION_CASE[] =
    "{\"complaint\":{\"id\":\"PET-1\",\"received_at\":\"2026-12-01T10:00:00+08:00\",\"text\":\"信访事项\"},"
    "\"events\":[{\"type\":\"received\",\"at\":\"2026-12-01T10:00:00+08:00\"},"
    "{\"type\":\"acknowledged\",\"at\":\"2026-12-03T10:00:00+08:00\"}]}";
/* The same petition accepted on Thu 2026-12-10 instead. */
static const char PETITION_CASE_1210[] =
    "{\"complaint\":{\"id\":\"PET-2\",\"received_at\":\"2026-12-01T10:00:00+08:00\",\"text\":\"信访事项\"},"
    "\"events\":[{\"type\":\"received\",\"at\":\"2026-12-01T10:00:00+08:00\"},"
    "{\"type\":\"acknowledged\",\"at\":\"2026-12-10T10:00:00+08:00\"}]}";

/* The warnings of PET-1 at 2026-12-06 (the vector beyond-data.json#petition-handling-*):
 * 25 days from 12-06 to the data's end 12-31, within the default 60-day horizon. */
static const char ENDING[] = "calendar cn-mainland's official holiday data ends on 2026-12-31, in 25 days";
static const char UNDETERMINED[] = "deadline handling cannot be computed (calendar_range_exceeded)";
static const char PROJECTED[] = "deadline handling was counted on projected holiday data after 2026-12-31: it is provisional";

static int64_t ms(const char *rfc3339) {
    int64_t t = 0;
    CHECK_STATUS(plaint_instant_parse(L(rfc3339), &t), PLAINT_STATUS_OK);
    return t;
}

static plaint_engine *preset(const char *name) {
    plaint_engine *e = NULL;
    char *err = NULL;
    CHECK_STATUS(plaint_engine_from_preset(L(name), &e, &err), PLAINT_STATUS_OK);
    if (err) fprintf(stderr, "  %s: %s\n", name, err);
    plaint_string_free(err);
    return e;
}

static plaint_assessment *assess(const plaint_engine *e, const char *case_json, const char *now, uint32_t flags) {
    plaint_assessment *a = NULL;
    char *err = NULL;
    CHECK_STATUS(plaint_assessment_new(e, L(case_json), ms(now), flags, &a, &err), PLAINT_STATUS_OK);
    if (err) fprintf(stderr, "  %s\n", err);
    plaint_string_free(err);
    return a;
}

/* The index of the deadline `id`, SIZE_MAX (every accessor's "nothing") if none. */
static size_t deadline(const plaint_assessment *a, const char *id) {
    for (size_t i = 0; i < plaint_assessment_deadline_count(a); i++)
        if (str_eq(plaint_assessment_deadline_id(a, i), id)) return i;
    return SIZE_MAX;
}

/* Warning i has this code, deadline (NULL: none) and message, on cn-mainland's data to 2026-12-31. */
static int warning_is(const plaint_assessment *a, size_t i, const char *code, const char *dl, const char *message) {
    return str_eq(plaint_assessment_warning_code(a, i), code) && str_eq(plaint_assessment_warning_deadline(a, i), dl) &&
           str_eq(plaint_assessment_warning_message(a, i), message) &&
           str_eq(plaint_assessment_warning_calendar(a, i), "cn-mainland") &&
           str_eq(plaint_assessment_warning_data_end(a, i), "2026-12-31");
}

/* ------------------------------------------------------------------ the log callback */

enum { RECORDS = 16 };

typedef struct {
    int n;
    plaint_log_level level[RECORDS];
    char code[RECORDS][32];
    char message[RECORDS][256];
} recorder;

static void record(void *user_data, plaint_log_level level, const char *code, const char *message) {
    recorder *r = user_data;
    if (r->n < RECORDS) {
        r->level[r->n] = level;
        snprintf(r->code[r->n], sizeof r->code[0], "%s", code);
        snprintf(r->message[r->n], sizeof r->message[0], "%s", message);
    }
    r->n++;
}

/* Record i is a warning with this code and "complaint ID: message". */
static int recorded(const recorder *r, int i, const char *code, const char *id, const char *message) {
    char want[256];
    snprintf(want, sizeof want, "complaint %s: %s", id, message);
    return i < r->n && i < RECORDS && r->level[i] == PLAINT_LOG_LEVEL_WARN && !strcmp(r->code[i], code) &&
           !strcmp(r->message[i], want);
}

/* Every assess entry point sends each warning of the assessment to the
 * callback at WARN level, in order, and returns the same JSON as without a
 * callback; the JSON layer as is (run_op, stats) logs nothing. */
static void test_warnings_reach_the_log_callback(void) {
    plaint_engine *e = preset(PETITION);
    const int64_t now = ms("2026-12-06T10:00:00+08:00");
    char *quiet = NULL, *out = NULL;
    CHECK_STATUS(plaint_engine_assess(e, L(PETITION_CASE), now, &quiet, NULL), PLAINT_STATUS_OK);
    recorder r = {0};
    plaint_set_log_callback(record, &r);

    CHECK_STATUS(plaint_engine_assess(e, L(PETITION_CASE), now, &out, NULL), PLAINT_STATUS_OK);
    CHECK(quiet && out && !strcmp(out, quiet));
    CHECK(r.n == 2 && recorded(&r, 0, "calendar_data_ending", "PET-1", ENDING) &&
          recorded(&r, 1, "deadline_undetermined", "PET-1", UNDETERMINED));
    plaint_string_free(out);

    r.n = 0;
    CHECK_STATUS(plaint_engine_assess_with(e, L(PETITION_CASE), now, PLAINT_ASSESS_NO_TRACE, &out, NULL), PLAINT_STATUS_OK);
    CHECK(r.n == 2 && recorded(&r, 0, "calendar_data_ending", "PET-1", ENDING) &&
          recorded(&r, 1, "deadline_undetermined", "PET-1", UNDETERMINED));
    plaint_string_free(out);

    r.n = 0;
    plaint_assessment *a = NULL;
    CHECK_STATUS(plaint_assessment_new(e, L(PETITION_CASE), now, 0, &a, NULL), PLAINT_STATUS_OK);
    CHECK(r.n == 2 && plaint_assessment_warning_count(a) == 2 && recorded(&r, 0, "calendar_data_ending", "PET-1", ENDING) &&
          recorded(&r, 1, "deadline_undetermined", "PET-1", UNDETERMINED));
    plaint_assessment_free(a);

    /* The batch: each line's warnings, in line order; a bad line logs
     * nothing. At 12-11 (20 days before the data's end) both petitions'
     * handling limits reach 2027. */
    r.n = 0;
    char lines[1024];
    snprintf(lines, sizeof lines, "%s\n{}\n%s\n", PETITION_CASE_1210, PETITION_CASE);
    size_t failed = 0;
    const char *ending_1211 = "calendar cn-mainland's official holiday data ends on 2026-12-31, in 20 days";
    CHECK_STATUS(plaint_engine_assess_batch(e, L(lines), ms("2026-12-11T10:00:00+08:00"), 0, &out, &failed, NULL),
                 PLAINT_STATUS_OK);
    CHECK(failed == 1 && r.n == 4);
    CHECK(recorded(&r, 0, "calendar_data_ending", "PET-2", ending_1211) &&
          recorded(&r, 1, "deadline_undetermined", "PET-2", UNDETERMINED));
    CHECK(recorded(&r, 2, "calendar_data_ending", "PET-1", ending_1211) &&
          recorded(&r, 3, "deadline_undetermined", "PET-1", UNDETERMINED));
    plaint_string_free(out);

    /* On projected data: the deadline is provisional instead. */
    r.n = 0;
    CHECK_STATUS(plaint_engine_assess_with(e, L(PETITION_CASE), now, PLAINT_ASSESS_BEYOND_DATA_PROJECTED, &out, NULL),
                 PLAINT_STATUS_OK);
    CHECK(r.n == 2 && recorded(&r, 0, "calendar_data_ending", "PET-1", ENDING) &&
          recorded(&r, 1, "projected_data", "PET-1", PROJECTED));
    plaint_string_free(out);

    /* The JSON layer as is: the warnings are in its output only. */
    r.n = 0;
    char input[1024];
    snprintf(input, sizeof input, "{\"policy\":\"%s\",\"now\":\"2026-12-06T10:00:00+08:00\",\"case\":%s}", PETITION, PETITION_CASE);
    CHECK_STATUS(plaint_run_op(L("assess"), L(input), &out, NULL), PLAINT_STATUS_OK);
    CHECK(out && strstr(out, "\"code\":\"deadline_undetermined\"") && r.n == 0);
    plaint_string_free(out);
    snprintf(input, sizeof input, "{\"now\":\"2026-12-06T10:00:00+08:00\",\"cases\":[%s]}", PETITION_CASE);
    CHECK_STATUS(plaint_engine_stats(e, L(input), &out, NULL), PLAINT_STATUS_OK);
    CHECK(r.n == 0);
    plaint_string_free(out);

    /* Removed: nothing more arrives. */
    plaint_set_log_callback(NULL, NULL);
    CHECK_STATUS(plaint_engine_assess(e, L(PETITION_CASE), now, &out, NULL), PLAINT_STATUS_OK);
    CHECK(r.n == 0 && out && !strcmp(out, quiet));
    plaint_string_free(out);
    plaint_string_free(quiet);
    plaint_engine_free(e);
}

/* ------------------------------------------------------------------ undetermined and provisional deadlines */

/* The petition's handling limit past the data: undetermined, with its
 * error; the written notice (15 days from receipt: Wed 12-16 18:00) met;
 * nothing changes by itself. */
static void test_undetermined_deadline(void) {
    plaint_engine *e = preset(PETITION);
    plaint_assessment *a = assess(e, PETITION_CASE, "2026-12-06T10:00:00+08:00", 0);
    size_t notice = deadline(a, "written_notice"), handling = deadline(a, "handling");
    CHECK(plaint_assessment_deadline_state(a, notice) == PLAINT_DEADLINE_STATE_MET);
    CHECK(plaint_assessment_deadline_due_ms(a, notice) == ms("2026-12-16T18:00:00+08:00"));
    CHECK(plaint_assessment_deadline_error(a, notice) == PLAINT_STATUS_OK);
    CHECK(str_eq(plaint_assessment_deadline_error_message(a, notice), NULL));
    CHECK(plaint_assessment_deadline_state(a, handling) == PLAINT_DEADLINE_STATE_UNDETERMINED);
    CHECK(plaint_assessment_deadline_due_ms(a, handling) == PLAINT_NO_INSTANT);
    CHECK(plaint_assessment_deadline_error(a, handling) == PLAINT_STATUS_CALENDAR_RANGE_EXCEEDED);
    CHECK(!strcmp(plaint_status_code_name(plaint_assessment_deadline_error(a, handling)), "calendar_range_exceeded"));
    /* The message names the first day the count needs outside the data. */
    plaint_str why = plaint_assessment_deadline_error_message(a, handling);
    char text[256];
    snprintf(text, sizeof text, "%.*s", (int)why.len, why.data ? why.data : "");
    CHECK(strstr(text, "2027-01-01") != NULL);
    for (size_t i = 0; i < plaint_assessment_deadline_count(a); i++) {
        CHECK(plaint_assessment_deadline_kind(a, i) == PLAINT_DEADLINE_KIND_DEADLINE);
        CHECK(str_eq(plaint_assessment_deadline_calendar(a, i), "cn-mainland"));
        CHECK(!plaint_assessment_deadline_provisional(a, i));
    }
    CHECK(plaint_assessment_next_check_ms(a) == PLAINT_NO_INSTANT);
    CHECK(plaint_assessment_warning_count(a) == 2);
    CHECK(warning_is(a, 0, "calendar_data_ending", NULL, ENDING));
    CHECK(warning_is(a, 1, "deadline_undetermined", "handling", UNDETERMINED));
    CHECK(str_eq(plaint_assessment_policy_name(a), PETITION) && str_eq(plaint_assessment_policy_selected_by(a), "single"));
    /* PLAINT_ASSESS_BEYOND_DATA_UNDETERMINED: the preset's own default, the same assessment. */
    plaint_assessment *u = assess(e, PETITION_CASE, "2026-12-06T10:00:00+08:00", PLAINT_ASSESS_BEYOND_DATA_UNDETERMINED);
    char *j1 = NULL, *j2 = NULL;
    CHECK_STATUS(plaint_assessment_to_json(a, &j1), PLAINT_STATUS_OK);
    CHECK_STATUS(plaint_assessment_to_json(u, &j2), PLAINT_STATUS_OK);
    CHECK(j1 && j2 && !strcmp(j1, j2));
    plaint_string_free(j1);
    plaint_string_free(j2);
    plaint_assessment_free(u);
    plaint_assessment_free(a);
    plaint_engine_free(e);
}

/* PLAINT_ASSESS_BEYOND_DATA_PROJECTED: counted on the projected holidays. */
static void test_projected_deadline(void) {
    plaint_engine *e = preset(PETITION);
    /* Day 60 after Thu 12-03: 28 days to 12-31, 31 in January, 1: Mon
     * 2027-02-01, a working day by the projection (its one projected holiday
     * on the way: 2027-01-01), close of business 18:00. */
    plaint_assessment *a = assess(e, PETITION_CASE, "2026-12-06T10:00:00+08:00", PLAINT_ASSESS_BEYOND_DATA_PROJECTED);
    size_t handling = deadline(a, "handling");
    CHECK(plaint_assessment_deadline_state(a, handling) == PLAINT_DEADLINE_STATE_PENDING);
    CHECK(plaint_assessment_deadline_due_ms(a, handling) == ms("2027-02-01T18:00:00+08:00"));
    CHECK(plaint_assessment_deadline_provisional(a, handling));
    CHECK(plaint_assessment_deadline_error(a, handling) == PLAINT_STATUS_OK);
    CHECK(!plaint_assessment_deadline_provisional(a, deadline(a, "written_notice")));
    CHECK(plaint_assessment_next_check_ms(a) == ms("2027-02-01T18:00:00+08:00"));
    CHECK(plaint_assessment_warning_count(a) == 2);
    CHECK(warning_is(a, 0, "calendar_data_ending", NULL, ENDING));
    CHECK(warning_is(a, 1, "projected_data", "handling", PROJECTED));
    plaint_assessment_free(a);
    /* Accepted Thu 12-10: day 60 is Mon 2027-02-08, 春节 by the projection,
     * then 02-09 and 02-10 (补假): rolled to Thu 02-11 18:00. */
    a = assess(e, PETITION_CASE_1210, "2026-12-11T10:00:00+08:00", PLAINT_ASSESS_BEYOND_DATA_PROJECTED);
    handling = deadline(a, "handling");
    CHECK(plaint_assessment_deadline_due_ms(a, handling) == ms("2027-02-11T18:00:00+08:00"));
    CHECK(plaint_assessment_deadline_provisional(a, handling));
    plaint_assessment_free(a);
    plaint_engine_free(e);
}

/* A policy that opts in to projected data itself; the per-call flags override it. */
static void test_flags_override_the_policy_option(void) {
    const char *policy = "{\"plaint_policy\":1,\"name\":\"t\",\"version\":\"1\",\"calendar\":\"cn-mainland\","
                         "\"options\":{\"beyond_data\":\"projected\"},"
                         "\"deadlines\":[{\"id\":\"a\",\"clock\":\"working_days\",\"amount\":30,\"met_by\":[\"replied\"]}]}";
    const char *kase = "{\"complaint\":{\"id\":\"T-1\",\"received_at\":\"2026-12-01T10:00:00+08:00\",\"text\":\"x\"},\"events\":[]}";
    plaint_engine *e = NULL;
    CHECK_STATUS(plaint_engine_from_json(L(policy), &e, NULL), PLAINT_STATUS_OK);
    /* 30 working days from Tue 12-01 (not counted): 22 in December (12-02..12-31),
     * 2027-01-01 a projected holiday, Jan 4-8 (27), 11, 12, 13 (30): Wed 01-13 18:00. */
    const int64_t due = ms("2027-01-13T18:00:00+08:00");
    const uint32_t flags[] = {0, PLAINT_ASSESS_BEYOND_DATA_PROJECTED, PLAINT_ASSESS_BEYOND_DATA_UNDETERMINED};
    for (size_t k = 0; k < 3; k++) {
        plaint_assessment *a = assess(e, kase, "2026-12-06T10:00:00+08:00", flags[k] | PLAINT_ASSESS_NO_TRACE);
        const int undetermined = flags[k] == PLAINT_ASSESS_BEYOND_DATA_UNDETERMINED;
        CHECK(plaint_assessment_deadline_state(a, 0) ==
              (undetermined ? PLAINT_DEADLINE_STATE_UNDETERMINED : PLAINT_DEADLINE_STATE_PENDING));
        CHECK(plaint_assessment_deadline_due_ms(a, 0) == (undetermined ? PLAINT_NO_INSTANT : due));
        CHECK(plaint_assessment_deadline_provisional(a, 0) == !undetermined);
        CHECK(plaint_assessment_deadline_error(a, 0) ==
              (undetermined ? PLAINT_STATUS_CALENDAR_RANGE_EXCEEDED : PLAINT_STATUS_OK));
        CHECK(str_eq(plaint_assessment_warning_code(a, 1), undetermined ? "deadline_undetermined" : "projected_data"));
        CHECK(str_eq(plaint_assessment_warning_deadline(a, 1), "a"));
        plaint_assessment_free(a);
    }
    plaint_engine_free(e);
}

/* ------------------------------------------------------------------ newer holiday data */

/* tests/c/fixtures/cn-mainland-2027.json was written by
 *   plaint calendar import bindings/cli/tests/fixtures/cn-2027.ics --extends cn-mainland -o ...
 * (a 2027 schedule written for the tests in the shape of a State Council
 * notice: 元旦 01-01..03, 春节 02-05..12, make-up working day Sat 02-20, ...). */
static plaint_calendar *imported_2027(void) {
    char path[4096];
    snprintf(path, sizeof path, "%s/../c/fixtures/cn-mainland-2027.json", vectors_dir);
    size_t len = 0;
    char *text = read_file(path, &len);
    CHECK(text != NULL);
    plaint_calendar *c = NULL;
    char *err = NULL;
    if (text) CHECK_STATUS(plaint_calendar_from_json(text, len, &c, &err), PLAINT_STATUS_OK);
    if (err) fprintf(stderr, "  %s\n", err);
    plaint_string_free(err);
    free(text);
    return c;
}

static void test_engine_with_imported_calendar(void) {
    plaint_engine *e = preset(PETITION), *e27 = SENTINEL_PTR;
    plaint_calendar *cal = imported_2027();
    char *err = SENTINEL_PTR;
    CHECK_STATUS(plaint_engine_with_calendar(e, cal, &e27, &err), PLAINT_STATUS_OK);
    CHECK(err == NULL && e27 != SENTINEL_PTR && e27 != NULL);
    /* The new engine shares the calendar: either may be freed first. */
    plaint_calendar_free(cal);
    /* The same day 60, Mon 2027-02-01, a working day in the imported data: official. */
    plaint_assessment *a = assess(e27, PETITION_CASE, "2026-12-06T10:00:00+08:00", 0);
    size_t handling = deadline(a, "handling");
    CHECK(plaint_assessment_deadline_state(a, handling) == PLAINT_DEADLINE_STATE_PENDING);
    CHECK(plaint_assessment_deadline_due_ms(a, handling) == ms("2027-02-01T18:00:00+08:00"));
    CHECK(!plaint_assessment_deadline_provisional(a, handling));
    CHECK(str_eq(plaint_assessment_deadline_calendar(a, handling), "cn-mainland-2027"));
    CHECK(str_eq(plaint_assessment_deadline_calendar(a, deadline(a, "written_notice")), "cn-mainland-2027"));
    /* The data now ends 2027-12-31: 390 days away, 333 after the due date. */
    CHECK(plaint_assessment_warning_count(a) == 0);
    plaint_assessment_free(a);
    /* The original engine keeps its own calendar. */
    a = assess(e, PETITION_CASE, "2026-12-06T10:00:00+08:00", 0);
    CHECK(plaint_assessment_deadline_state(a, deadline(a, "handling")) == PLAINT_DEADLINE_STATE_UNDETERMINED);
    plaint_assessment_free(a);
    plaint_engine_free(e);
    /* Accepted Thu 12-10: day 60 is Mon 02-08, inside 春节 02-05..12, then
     * the weekend: Mon 2027-02-15 18:00 (the projection said 02-11). With
     * official data the projected flag changes nothing. */
    for (uint32_t flags = 0; flags <= PLAINT_ASSESS_BEYOND_DATA_PROJECTED; flags += PLAINT_ASSESS_BEYOND_DATA_PROJECTED) {
        a = assess(e27, PETITION_CASE_1210, "2026-12-17T10:00:00+08:00", flags);
        handling = deadline(a, "handling");
        CHECK(plaint_assessment_deadline_due_ms(a, handling) == ms("2027-02-15T18:00:00+08:00"));
        CHECK(!plaint_assessment_deadline_provisional(a, handling));
        plaint_assessment_free(a);
    }
    plaint_engine_free(e27);
}

/* A preset with dated versions: every version counts on the new data. */
static void test_engine_with_calendar_every_version(void) {
    const char *kase = "{\"complaint\":{\"id\":\"S-1\",\"received_at\":\"2026-12-01T10:00:00+08:00\",\"channel\":\"letter\","
                       "\"text\":\"complaint\",\"attributes\":{}},"
                       "\"events\":[{\"type\":\"acknowledged\",\"at\":\"2026-12-03T10:00:00+08:00\"}]}";
    plaint_calendar *cal = imported_2027();
    /* Order 121 (in force from 2026-04-15): 60 natural days from Thu 12-03:
     * 28 to 12-31, 31 in January, 1: Mon 2027-02-01, a working day, 18:00. */
    plaint_engine *e = preset("cn-consumer-samr"), *e27 = NULL;
    plaint_assessment *a = assess(e, kase, "2026-12-06T10:00:00+08:00", 0);
    CHECK(plaint_assessment_deadline_state(a, deadline(a, "mediation")) == PLAINT_DEADLINE_STATE_UNDETERMINED);
    plaint_assessment_free(a);
    CHECK_STATUS(plaint_engine_with_calendar(e, cal, &e27, NULL), PLAINT_STATUS_OK);
    a = assess(e27, kase, "2026-12-06T10:00:00+08:00", 0);
    CHECK(str_eq(plaint_assessment_policy_version(a), "2026"));
    CHECK(plaint_assessment_deadline_due_ms(a, deadline(a, "mediation")) == ms("2027-02-01T18:00:00+08:00"));
    plaint_assessment_free(a);
    plaint_engine_free(e);
    plaint_engine_free(e27);
    /* The Interim Measures, pinned: 45 working days from Thu 12-03: Dec 4 (1),
     * 7-11 (6), 14-18 (11), 21-25 (16), 28-31 (20); 元旦 01-01..03; Jan 4-8
     * (25), 11-15 (30), 18-22 (35), 25-29 (40), Feb 1-4 (44); 春节 02-05..12,
     * the weekend; Mon 2027-02-15 (45), 18:00. */
    e = preset("cn-consumer-samr@2022");
    CHECK_STATUS(plaint_engine_with_calendar(e, cal, &e27, NULL), PLAINT_STATUS_OK);
    a = assess(e27, kase, "2026-12-06T10:00:00+08:00", 0);
    CHECK(str_eq(plaint_assessment_policy_version(a), "2022") && str_eq(plaint_assessment_policy_selected_by(a), "pinned"));
    CHECK(plaint_assessment_deadline_due_ms(a, deadline(a, "mediation")) == ms("2027-02-15T18:00:00+08:00"));
    CHECK(str_eq(plaint_assessment_deadline_calendar(a, deadline(a, "mediation")), "cn-mainland-2027"));
    plaint_assessment_free(a);
    plaint_engine_free(e);
    plaint_engine_free(e27);
    plaint_calendar_free(cal);
}

/* A calendar of another line cannot replace the policy's; NULLs are named. */
static void test_engine_with_calendar_errors(void) {
    plaint_engine *e = preset(PETITION), *out = SENTINEL_PTR;
    plaint_calendar *gb = NULL;
    CHECK_STATUS(plaint_calendar_from_preset(L("gb-eng"), &gb, NULL), PLAINT_STATUS_OK);
    char *err = NULL;
    CHECK_STATUS(plaint_engine_with_calendar(e, gb, &out, &err), PLAINT_STATUS_INVALID_VALUE);
    CHECK(out == SENTINEL_PTR && error_has_code(err, "invalid_value") && error_has_path(err, "/calendar"));
    plaint_string_free(err);
    const struct { const plaint_engine *e; const plaint_calendar *c; plaint_engine **out; const char *path; } nulls[] = {
        {NULL, gb, &out, "engine"}, {e, NULL, &out, "calendar"}, {e, gb, NULL, "engine_out"}};
    for (size_t i = 0; i < 3; i++) {
        err = NULL;
        CHECK_STATUS(plaint_engine_with_calendar(nulls[i].e, nulls[i].c, nulls[i].out, &err), PLAINT_STATUS_NULL_ARGUMENT);
        CHECK(error_has_path(err, nulls[i].path));
        plaint_string_free(err);
    }
    CHECK(out == SENTINEL_PTR);
    plaint_calendar_free(gb);
    plaint_engine_free(e);
}

/* ------------------------------------------------------------------ pinned versions */

/* cn-consumer-samr: the Interim Measures until 2026-04-14, Order 121 from
 * 2026-04-15. A complaint received Wed 04-15, accepted Mon 04-20
 * (policy-versions.json#samr-*-mediation): Order 121's 60 natural days end
 * Fri 06-19, the Dragon Boat holiday, so Mon 06-22 18:00; pinned to 2022,
 * the Interim Measures' 45 working days end Thu 06-25 18:00. */
static void test_pinned_policy_version(void) {
    const char *kase = "{\"complaint\":{\"id\":\"V-S6\",\"received_at\":\"2026-04-15T10:00:00+08:00\",\"channel\":\"letter\","
                       "\"text\":\"complaint\",\"attributes\":{}},"
                       "\"events\":[{\"type\":\"acknowledged\",\"at\":\"2026-04-20T10:00:00+08:00\"}]}";
    const char *now = "2026-04-21T09:00:00+08:00";
    plaint_engine *e = preset("cn-consumer-samr");
    plaint_assessment *a = assess(e, kase, now, 0);
    CHECK(str_eq(plaint_assessment_policy_name(a), "cn-consumer-samr") && str_eq(plaint_assessment_policy_version(a), "2026"));
    CHECK(str_eq(plaint_assessment_policy_effective_from(a), "2026-04-15") && str_eq(plaint_assessment_policy_effective_to(a), NULL));
    CHECK(str_eq(plaint_assessment_policy_selected_by(a), "received_at"));
    CHECK(plaint_assessment_deadline_due_ms(a, deadline(a, "mediation")) == ms("2026-06-22T18:00:00+08:00"));
    plaint_assessment_free(a);
    plaint_engine_free(e);

    e = preset("cn-consumer-samr@2022");
    a = assess(e, kase, now, 0);
    CHECK(str_eq(plaint_assessment_policy_name(a), "cn-consumer-samr") && str_eq(plaint_assessment_policy_version(a), "2022"));
    CHECK(str_eq(plaint_assessment_policy_effective_from(a), "2020-01-01"));
    CHECK(str_eq(plaint_assessment_policy_effective_to(a), "2026-04-14"));
    CHECK(str_eq(plaint_assessment_policy_selected_by(a), "pinned"));
    CHECK(plaint_assessment_deadline_due_ms(a, deadline(a, "mediation")) == ms("2026-06-25T18:00:00+08:00"));
    plaint_assessment_free(a);
    plaint_engine_free(e);

    plaint_engine *none = SENTINEL_PTR;
    char *err = NULL;
    CHECK_STATUS(plaint_engine_from_preset(L("cn-consumer-samr@2019"), &none, &err), PLAINT_STATUS_UNKNOWN_VERSION);
    CHECK(none == SENTINEL_PTR && error_has_code(err, "unknown_version"));
    plaint_string_free(err);
}

#define T(name) {#name, name}
const test_case horizon_tests[] = {
    T(test_warnings_reach_the_log_callback), T(test_undetermined_deadline), T(test_projected_deadline),
    T(test_flags_override_the_policy_option), T(test_engine_with_imported_calendar),
    T(test_engine_with_calendar_every_version), T(test_engine_with_calendar_errors), T(test_pinned_policy_version),
};
const size_t horizon_test_count = sizeof horizon_tests / sizeof horizon_tests[0];
