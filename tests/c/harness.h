/* The test harness shared by the files of the C suite (tests/c/test_*.c,
 * linked into one program by tools/ffi/test.sh): checks that mark the
 * current test failed, and helpers over files and error JSON. */
#ifndef PLAINT_TEST_HARNESS_H
#define PLAINT_TEST_HARNESS_H

#include "plaint.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* Set by a failed check; the runner counts the test and clears it. */
extern int current_failed;
/* The conformance vectors' directory (argv[1]); fixtures live beside it in ../c/fixtures. */
extern const char *vectors_dir;

#define CHECK(cond)                                                                     \
    do {                                                                                \
        if (!(cond)) {                                                                  \
            fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            current_failed = 1;                                                         \
        }                                                                               \
    } while (0)

#define CHECK_STATUS(expr, want)                                                                        \
    do {                                                                                                \
        plaint_status got_ = (expr);                                                                    \
        if (got_ != (plaint_status)(want)) {                                                            \
            const char *g_ = plaint_status_code_name(got_);                                            \
            fprintf(stderr, "  %s:%d: %s: status %u (%s), want %s\n", __FILE__, __LINE__, #expr,      \
                    (unsigned)got_, g_ ? g_ : "?", #want);                                              \
            current_failed = 1;                                                                         \
        }                                                                                               \
    } while (0)

#define L(s) (s), strlen(s)

/* The sentinel written to out-pointers: they must stay untouched on failure. */
#define SENTINEL_PTR ((void *)&current_failed)
#define SENTINEL_MS INT64_C(-424242)

/* The whole file, NUL-terminated (length in *len when not NULL); NULL when unreadable. */
char *read_file(const char *path, size_t *len);
/* `error_json` is an error JSON with this code (and message, path, problems). */
int error_has_code(const char *error_json, const char *code);
/* The error JSON's "path" is `path`. */
int error_has_path(const char *error_json, const char *path);
/* A borrowed plaint_str equals the C string `s` (an absent string equals NULL only). */
int str_eq(plaint_str got, const char *s);

typedef struct {
    const char *name;
    void (*fn)(void);
} test_case;

/* tests/c/test_horizon.c: calendar data, versions, warnings. */
extern const test_case horizon_tests[];
extern const size_t horizon_test_count;

#endif
