/* The C side of tools/ffi/bench.sh, timed with clock_gettime (best of
 * several runs, the peers of a comparison interleaved in the same runs):
 *   - the JSON assess call through the ABI (same case, same instant as
 *     ffi/examples/bench_rust.rs), with and without the classification trace;
 *   - reading every typed accessor of one assessment handle;
 *   - the JSON-lines batch call on the cases of CASES_JSONL, repeated, in
 *     calls of 1,000 lines and in one call;
 *   - the typed batch deadline call.
 *   bench CASE_FILE CASES_JSONL        prints `name value` lines */
#define _POSIX_C_SOURCE 200809L
#include <plaint.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* CPU time of this thread: what one core spends, whatever else runs on the
 * machine (the per-core throughput of the batch). */
static double cpu_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc(*len + 1);
    if (!text || fread(text, 1, *len, f) != *len) return NULL;
    text[*len] = '\0';
    fclose(f);
    return text;
}

/* Time one JSON assess call with these flags, ITERS times; CPU ns per call. */
static double time_assess(const plaint_engine *engine, const char *text, size_t len, int64_t now, uint32_t flags, int iters) {
    double t = cpu_ns();
    for (int i = 0; i < iters; i++) {
        char *out = NULL;
        if (plaint_engine_assess_with(engine, text, len, now, flags, &out, NULL) != PLAINT_STATUS_OK) exit(1);
        plaint_string_free(out);
    }
    return (cpu_ns() - t) / iters;
}

static volatile int64_t sink;

/* Read every accessor of one assessment once (what a host needing the due
 * dates, states, escalation and actions would read). */
static void read_all(const plaint_assessment *a) {
    int64_t acc = plaint_assessment_next_check_ms(a) + (int64_t)plaint_assessment_complaint_id(a).len +
                  (int64_t)plaint_assessment_state(a).len + (int64_t)plaint_assessment_severity(a).len;
    size_t n = plaint_assessment_deadline_count(a);
    for (size_t i = 0; i < n; i++) {
        acc += (int64_t)plaint_assessment_deadline_id(a, i).len + plaint_assessment_deadline_state(a, i) +
               plaint_assessment_deadline_due_ms(a, i) + plaint_assessment_deadline_warn_ms(a, i) +
               plaint_assessment_deadline_started_ms(a, i) + plaint_assessment_deadline_met_ms(a, i) +
               plaint_assessment_deadline_next_check_ms(a, i) + plaint_assessment_deadline_kind(a, i) +
               (int64_t)plaint_assessment_deadline_calendar(a, i).len + plaint_assessment_deadline_provisional(a, i) +
               plaint_assessment_deadline_counted_until_ms(a, i) + plaint_assessment_deadline_error(a, i) +
               (int64_t)plaint_assessment_deadline_error_message(a, i).len;
    }
    n = plaint_assessment_warning_count(a);
    for (size_t i = 0; i < n; i++) {
        acc += (int64_t)plaint_assessment_warning_code(a, i).len + (int64_t)plaint_assessment_warning_message(a, i).len +
               (int64_t)plaint_assessment_warning_calendar(a, i).len + (int64_t)plaint_assessment_warning_data_end(a, i).len +
               (int64_t)plaint_assessment_warning_deadline(a, i).len;
    }
    acc += (int64_t)plaint_assessment_policy_name(a).len + (int64_t)plaint_assessment_policy_version(a).len +
           (int64_t)plaint_assessment_policy_effective_from(a).len + (int64_t)plaint_assessment_policy_effective_to(a).len +
           (int64_t)plaint_assessment_policy_selected_by(a).len;
    n = plaint_assessment_escalation_count(a);
    acc += plaint_assessment_escalation_level_max(a);
    for (size_t i = 0; i < n; i++) {
        acc += (int64_t)plaint_assessment_escalation_level(a, i).len + plaint_assessment_escalation_level_index(a, i) +
               (int64_t)plaint_assessment_escalation_trigger(a, i).len + plaint_assessment_escalation_notify_ms(a, i) +
               plaint_assessment_escalation_act_by_ms(a, i);
    }
    n = plaint_assessment_required_action_count(a);
    for (size_t i = 0; i < n; i++) acc += (int64_t)plaint_assessment_required_action(a, i).len;
    sink = acc;
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "examples/cases/major-leak.json";
    const char *lines_path = argc > 2 ? argv[2] : NULL;
    size_t len = 0;
    char *text = slurp(path, &len);
    if (!text) return 1;

    plaint_engine *engine = NULL;
    plaint_calendar *cal = NULL;
    int64_t now = 0;
    if (plaint_engine_from_preset("cn-property", 11, &engine, NULL) || plaint_calendar_from_preset("cn-mainland", 11, &cal, NULL) ||
        plaint_instant_parse("2026-09-29T10:00:00+08:00", 25, &now))
        return 1;

    enum { ITERS = 20000 };
    double best = 1e30;
    for (int run = 0; run < 6; run++) { /* run 0 warms up */
        double t = now_ns();
        for (int i = 0; i < ITERS; i++) {
            char *out = NULL;
            if (plaint_engine_assess(engine, text, len, now, &out, NULL) != PLAINT_STATUS_OK) return 1;
            plaint_string_free(out);
        }
        double per = (now_ns() - t) / ITERS;
        if (run > 0 && per < best) best = per;
    }
    printf("c_assess_json_ns %.1f\n", best);

    /* With and without the trace, interleaved run by run. */
    double full = 1e30, lean = 1e30;
    for (int run = 0; run < 8; run++) {
        double a = time_assess(engine, text, len, now, 0, 5000);
        double b = time_assess(engine, text, len, now, PLAINT_ASSESS_NO_TRACE, 5000);
        if (run > 0 && a < full) full = a;
        if (run > 0 && b < lean) lean = b;
    }
    printf("c_assess_trace_ns %.1f\n", full);
    printf("c_assess_no_trace_ns %.1f\n", lean);

    /* Typed accessors: every value of one assessment, read per case. */
    plaint_assessment *handle = NULL;
    if (plaint_assessment_new(engine, text, len, now, PLAINT_ASSESS_NO_TRACE, &handle, NULL)) return 1;
    best = 1e30;
    for (int run = 0; run < 6; run++) {
        enum { READS = 200000 };
        double t = cpu_ns();
        for (int i = 0; i < READS; i++) read_all(handle);
        double per = (cpu_ns() - t) / READS;
        if (run > 0 && per < best) best = per;
    }
    plaint_assessment_free(handle);
    printf("c_accessors_ns %.1f\n", best);

    /* The JSON-lines batch, without the trace: the sample cases repeated to
     * 20,000 lines, given as docs/c-abi.md advises, in calls of 1,000 lines,
     * each answer freed before the next call (a daemon's overnight run);
     * then the same lines in one call, whose answer of 88 MB comes fresh
     * from the kernel every time. */
    if (lines_path) {
        size_t sample_len = 0;
        char *sample = slurp(lines_path, &sample_len);
        if (!sample) return 1;
        size_t lines = 0;
        for (size_t i = 0; i < sample_len; i++) lines += sample[i] == '\n';
        enum { COPIES = 500, CHUNK_COPIES = 25 };
        char *batch = malloc(sample_len * COPIES);
        for (int c = 0; c < COPIES; c++) memcpy(batch + (size_t)c * sample_len, sample, sample_len);
        int64_t batch_now = 0;
        if (plaint_instant_parse("2026-11-01T09:00:00+08:00", 25, &batch_now)) return 1;
        /* calls = COPIES / CHUNK_COPIES, each on the first CHUNK_COPIES
         * copies; then calls = 1 on all of them. */
        for (int whole = 0; whole < 2; whole++) {
            int calls = whole ? 1 : COPIES / CHUNK_COPIES;
            size_t len = sample_len * (whole ? COPIES : CHUNK_COPIES);
            best = 1e30;
            double best_wall = 1e30;
            for (int run = 0; run < 6; run++) {
                double t = now_ns(), c = cpu_ns();
                for (int call = 0; call < calls; call++) {
                    char *out = NULL;
                    size_t failed = 1;
                    if (plaint_engine_assess_batch(engine, batch, len, batch_now, PLAINT_ASSESS_NO_TRACE, &out, &failed,
                                                   NULL) ||
                        failed != 0)
                        return 1;
                    plaint_string_free(out);
                }
                double per = (cpu_ns() - c) / (double)(lines * COPIES);
                double wall = (now_ns() - t) / (double)(lines * COPIES);
                if (run > 0 && per < best) best = per;
                if (run > 0 && wall < best_wall) best_wall = wall;
            }
            const char *name = whole ? "c_batch_one_call" : "c_batch";
            printf("%s_cases %zu\n", name, lines * COPIES);
            printf("%s_cases_per_s %.0f\n", name, 1e9 / best);
            printf("%s_cases_per_wall_s %.0f\n", name, 1e9 / best_wall);
        }
        free(batch);
        free(sample);
    }

    enum { N = 100000 };
    int64_t *starts = malloc(N * sizeof *starts), *out = malloc(N * sizeof *out);
    int64_t base = 0;
    plaint_instant_parse("2026-01-05T09:00:00+08:00", 25, &base);
    for (int64_t i = 0; i < N; i++) starts[i] = base + (i * 7919000) % (INT64_C(300) * 86400000);
    best = 1e30;
    for (int run = 0; run < 21; run++) {
        double t = now_ns();
        if (plaint_calendar_add_batch(cal, starts, N, PLAINT_CLOCK_WORKING_DAYS, 3, PLAINT_END_DEFAULT, PLAINT_ROLL_NONE, out, NULL))
            return 1;
        double per = (now_ns() - t) / N;
        if (run > 0 && per < best) best = per;
    }
    printf("c_batch_deadline_ns %.2f\n", best);
    printf("c_batch_deadlines_per_s %.0f\n", 1e9 / best);
    free(starts);
    free(out);
    free(text);
    plaint_calendar_free(cal);
    plaint_engine_free(engine);
    return 0;
}
