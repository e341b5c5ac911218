/* One call of plaint_engine_assess_batch over COPIES copies of a JSON-lines
 * sample, for counting its instructions with callgrind (see
 * tools/ffi/callgrind_batch.sh): the benchmark's batch (tests/c/bench.c)
 * without its timing loop.
 *     callgrind_batch CASES_JSONL COPIES */
#include <plaint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) return NULL;
    fclose(f);
    *len = (size_t)n;
    return buf;
}

int main(int argc, char **argv) {
    if (argc != 3) return 2;
    size_t sample_len = 0;
    char *sample = slurp(argv[1], &sample_len);
    int copies = atoi(argv[2]);
    if (!sample || copies < 1) return 2;
    char *batch = malloc(sample_len * (size_t)copies);
    for (int c = 0; c < copies; c++) memcpy(batch + (size_t)c * sample_len, sample, sample_len);
    plaint_engine *engine = NULL;
    int64_t now = 0;
    if (plaint_engine_from_preset("cn-property", 11, &engine, NULL) ||
        plaint_instant_parse("2026-11-01T09:00:00+08:00", 25, &now))
        return 1;
    char *out = NULL;
    size_t failed = 1;
    if (plaint_engine_assess_batch(engine, batch, sample_len * (size_t)copies, now, PLAINT_ASSESS_NO_TRACE, &out,
                                   &failed, NULL) ||
        failed != 0)
        return 1;
    plaint_string_free(out);
    plaint_engine_free(engine);
    free(batch);
    free(sample);
    return 0;
}
