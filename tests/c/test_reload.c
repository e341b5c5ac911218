/* Load and unload libplaint 200 times, as a daemon that reloads its
 * plugins does: dlopen -> a preset engine and calendar -> free -> dlclose.
 * The library is linked with -z nodelete: every dlopen after the first gets
 * the same copy and the presets it already built, so nothing is lost per
 * cycle. Without it each cycle would leave the presets of an unmapped copy
 * behind (about 240 KB here).
 *   test_reload LIBRARY_PATH [CYCLES] [--heap]
 * --heap: also check with mallinfo2 that the heap in use after the last
 * cycle is what it was after the first (run it without valgrind, whose
 * allocator mallinfo2 does not see); tools/ffi/test.sh runs it that way and
 * under valgrind, which must find 0 bytes lost. Prints "N passed, M failed". */
#define _GNU_SOURCE
#include "plaint.h"

#include <dlfcn.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef plaint_status (*from_preset_fn)(const char *, size_t, plaint_engine **, char **);
typedef plaint_status (*calendar_fn)(const plaint_engine *, plaint_calendar **);
typedef plaint_status (*add_fn)(const plaint_calendar *, int64_t, uint32_t, int64_t, uint32_t, uint32_t, int64_t *);
typedef void (*engine_free_fn)(plaint_engine *);
typedef void (*calendar_free_fn)(plaint_calendar *);

/* One cycle; returns 1 when every call worked and gave the known answer. */
static int cycle(const char *path) {
    void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        fprintf(stderr, "dlopen: %s\n", dlerror());
        return 0;
    }
    /* POSIX allows converting dlsym's void * to a function pointer. */
    from_preset_fn from_preset;
    calendar_fn engine_calendar;
    add_fn add;
    engine_free_fn engine_free;
    calendar_free_fn calendar_free;
    *(void **)&from_preset = dlsym(lib, "plaint_engine_from_preset");
    *(void **)&engine_calendar = dlsym(lib, "plaint_engine_calendar");
    *(void **)&add = dlsym(lib, "plaint_calendar_add");
    *(void **)&engine_free = dlsym(lib, "plaint_engine_free");
    *(void **)&calendar_free = dlsym(lib, "plaint_calendar_free");
    int ok = from_preset && engine_calendar && add && engine_free && calendar_free;
    plaint_engine *engine = NULL;
    plaint_calendar *cal = NULL;
    int64_t due = 0;
    if (ok) ok = from_preset("cn-property", 11, &engine, NULL) == PLAINT_STATUS_OK;
    if (ok) ok = engine_calendar(engine, &cal) == PLAINT_STATUS_OK;
    /* 2026-09-24T16:00:00+08:00 + 3 working days over the Mid-Autumn
     * holiday = 2026-09-30T18:00:00+08:00 (the README's example). */
    if (ok) ok = add(cal, INT64_C(1790236800000), PLAINT_CLOCK_WORKING_DAYS, 3, 0, 0, &due) == PLAINT_STATUS_OK;
    if (ok) ok = due == INT64_C(1790762400000);
    if (calendar_free) calendar_free(cal);
    if (engine_free) engine_free(engine);
    if (dlclose(lib) != 0) ok = 0;
    return ok;
}

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    int cycles = argc > 2 ? atoi(argv[2]) : 200;
    int heap = argc > 3 && !strcmp(argv[3], "--heap");
    int passed = 0, failed = 0;
    size_t after_first = 0;
    for (int i = 0; i < cycles; i++) {
        cycle(argv[1]) ? passed++ : failed++;
        if (i == 0) after_first = mallinfo2().uordblks;
    }
    if (heap) {
        size_t after_last = mallinfo2().uordblks;
        long growth = (long)after_last - (long)after_first;
        printf("heap in use after cycle 1: %zu bytes, after cycle %d: %zu bytes (growth %ld)\n", after_first, cycles,
               after_last, growth);
        growth == 0 ? passed++ : failed++;
    }
    printf("%d dlopen/dlclose cycles\n%d passed, %d failed\n", cycles, passed, failed);
    return failed ? 1 : 0;
}
