/* A minimal JSON reader for the C conformance runner (tests/c): enough to
 * read the files of tests/vectors, keep each value's source span (so a case's
 * "input" is handed to plaint_run_op as text), and compare values the way
 * core/tests/vectors.rs does. Not a general-purpose parser. */
#ifndef PLAINT_TEST_JSON_H
#define PLAINT_TEST_JSON_H

#include <stddef.h>

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } jtype;

typedef struct jval {
    jtype type;
    const char *src; /* the value's text in the parsed buffer */
    size_t src_len;
    int boolean;
    char *str; /* J_STR: decoded UTF-8 (NUL-terminated); J_NUM: the lexeme */
    size_t str_len;
    size_t n;            /* J_ARR / J_OBJ: number of items */
    struct jval *items;  /* items (values) */
    char **keys;         /* J_OBJ: decoded keys */
    size_t *key_lens;
} jval;

/* Parse `len` bytes; NULL on malformed input. The result points into `text`. */
jval *json_parse(const char *text, size_t len);
void json_free(jval *v);
/* The member `key` of an object, or NULL. */
const jval *json_get(const jval *obj, const char *key);
/* Full equality (objects: same keys, any order; numbers as serde_json does). */
int json_equal(const jval *a, const jval *b);
/* vectors.rs subset matching: every key of an expected object must match
 * recursively; anything else must be equal. Returns the number of
 * differences; describes the first in `why` (may be NULL). */
int json_subset(const jval *expect, const jval *actual, char *why, size_t why_len);

#endif
