/* A daemon's run of similar batches reuses one answer's memory
 * (docs/c-abi.md): after two calls of 1,000 lines, ten more calls fault
 * almost no page, where answers that came fresh from the kernel each time
 * would fault every 4 KiB page of them (some 860 pages a call here). Run in
 * a process of its own, as a daemon starts: malloc's thresholds depend on
 * what was freed before. glibc's malloc only: tools/ffi/test.sh runs it on
 * the plain build, not under the sanitizers or valgrind, which bring
 * allocators of their own.
 *   test_batch_memory        prints "N passed, M failed" */
#define _POSIX_C_SOURCE 200809L
#include "plaint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static const char CASE[] =
    "{\"complaint\":{\"id\":\"c1\",\"received_at\":\"2026-09-24T16:00:00+08:00\",\"channel\":\"phone\","
    "\"text\":\"楼道灯不亮。\"},\"events\":[]}";

/* Minor page faults of the process so far. */
static long minor_faults(void) {
    struct rusage u;
    return getrusage(RUSAGE_SELF, &u) == 0 ? u.ru_minflt : -1;
}

int main(void) {
    enum { LINES = 1000, CALLS = 12, FIRST_MEASURED = 2 };
    plaint_engine *e = NULL;
    if (plaint_engine_from_preset("cn-property", 11, &e, NULL) != PLAINT_STATUS_OK) return 1;
    int64_t now = 0;
    if (plaint_instant_parse("2026-09-29T10:00:00+08:00", 25, &now) != PLAINT_STATUS_OK) return 1;
    size_t len = strlen(CASE), size = (len + 1) * LINES;
    char *input = malloc(size);
    if (!input) return 1;
    for (size_t i = 0; i < LINES; i++) {
        memcpy(input + i * (len + 1), CASE, len);
        input[i * (len + 1) + len] = '\n';
    }
    long before = 0;
    size_t answer = 0;
    int ok = 1;
    for (int call = 0; call < CALLS; call++) {
        if (call == FIRST_MEASURED) before = minor_faults();
        char *out = NULL;
        size_t failed = 1;
        if (plaint_engine_assess_batch(e, input, size, now, PLAINT_ASSESS_NO_TRACE, &out, &failed, NULL) !=
                PLAINT_STATUS_OK ||
            failed != 0)
            ok = 0;
        answer = out ? strlen(out) : 0;
        plaint_string_free(out);
    }
    long faults = minor_faults() - before;
    int calls = CALLS - FIRST_MEASURED;
    /* An answer of this size is hundreds of pages: fresh each call, the
     * calls would fault over 5,000 times. */
    int big = answer > 2000 * (size_t)LINES;
    int reused = before >= 0 && faults < 100;
    printf("answers of %zu bytes; %ld page faults in %d calls\n", answer, faults, calls);
    free(input);
    plaint_engine_free(e);
    int passed = ok + big + reused;
    printf("%d passed, %d failed\n", passed, 3 - passed);
    return passed == 3 ? 0 : 1;
}
