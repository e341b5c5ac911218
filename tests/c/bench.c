/* The C side of tools/ffi/bench.sh: the JSON assess call through the ABI
 * (same case, same instant as ffi/examples/bench_rust.rs) and the typed
 * batch deadline call, timed with clock_gettime (best of 5 runs).
 *   bench CASE_FILE        prints `name value` lines */
#define _POSIX_C_SOURCE 200809L
#include <plaint.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "examples/cases/major-leak.json";
    FILE *f = fopen(path, "rb");
    if (!f) return 1;
    fseek(f, 0, SEEK_END);
    size_t len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc(len);
    if (!text || fread(text, 1, len, f) != len) return 1;
    fclose(f);

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
