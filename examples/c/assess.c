/* Load the cn-property preset, assess a case at an instant, print the due
 * dates and, through the log callback, the assessment's warnings (e.g. the
 * calendar's holiday data ending soon). C11; build with pkg-config:
 *   cc -std=c11 assess.c $(pkg-config --cflags --libs plaint) -o assess
 *   ./assess examples/cases/major-leak.json 2026-09-29T10:00:00+08:00 */
#include <plaint.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_file(const char *path, size_t *len) {
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
    if (buf) buf[n] = '\0', *len = (size_t)n;
    return buf;
}

/* Print the string field `key` of the JSON object at [p, end), at its top
 * level. A real program uses its JSON library (cJSON, jansson, ...); this
 * keeps the example dependency-free. */
static void print_field(const char *p, const char *end, const char *key) {
    size_t kl = strlen(key);
    int depth = 0;
    for (; p < end; p++) {
        if (*p == '{' || *p == '[') depth++;
        else if (*p == '}' || *p == ']') depth--;
        else if (*p == '"') {
            const char *s = ++p;
            while (*p != '"') p += (*p == '\\') ? 2 : 1;
            if (depth == 1 && (size_t)(p - s) == kl && !strncmp(s, key, kl) && p[1] == ':') {
                const char *v = p + 2;
                if (*v == '"') {
                    const char *e = strchr(v + 1, '"');
                    printf("%.*s", (int)(e - v - 1), v + 1);
                } else {
                    printf("-");
                }
                return;
            }
        }
    }
}

/* The log callback: warnings of assessments (and caught panics) arrive here
 * instead of being written anywhere by the library. */
static void log_record(void *user_data, plaint_log_level level, const char *code, const char *message) {
    (void)user_data;
    printf("%s %s: %s\n", level == PLAINT_LOG_LEVEL_WARN ? "warning" : "error", code, message);
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "examples/cases/major-leak.json";
    const char *now_text = argc > 2 ? argv[2] : "2026-09-29T10:00:00+08:00";
    size_t len = 0;
    char *case_json = read_file(path, &len);
    if (!case_json) {
        fprintf(stderr, "cannot read %s\n", path);
        return 1;
    }
    plaint_set_log_callback(log_record, NULL);
    plaint_engine *engine = NULL;
    char *out = NULL, *err = NULL;
    int64_t now = 0;
    plaint_status st = plaint_engine_from_preset("cn-property", strlen("cn-property"), &engine, &err);
    if (st == PLAINT_STATUS_OK) st = plaint_instant_parse(now_text, strlen(now_text), &now);
    if (st == PLAINT_STATUS_OK) printf("plaint %s: %s at %s\n", plaint_version(), path, now_text);
    if (st == PLAINT_STATUS_OK) st = plaint_engine_assess(engine, case_json, len, now, &out, &err);
    if (st != PLAINT_STATUS_OK) {
        fprintf(stderr, "plaint error %s: %s\n", plaint_status_code_name(st), err ? err : "");
    } else {
        const char *p = strstr(out, "\"deadlines\":[");
        int depth = 0;
        const char *start = NULL;
        for (p = p ? p + 13 : NULL; p && *p; p++) {
            if (*p == '"') {
                for (p++; *p != '"'; p++)
                    if (*p == '\\') p++;
            } else if (*p == '{' && depth++ == 0) {
                start = p;
            } else if (*p == '}' && --depth == 0) {
                printf("  ");
                print_field(start, p + 1, "id");
                printf("  ");
                print_field(start, p + 1, "state");
                printf("  due ");
                print_field(start, p + 1, "due_at");
                printf("\n");
            } else if (*p == ']' && depth == 0) {
                break;
            }
        }
        printf("next check at ");
        print_field(out, out + strlen(out), "next_check_at");
        printf("\n");
    }
    plaint_string_free(out);
    plaint_string_free(err);
    plaint_engine_free(engine);
    free(case_json);
    return st == PLAINT_STATUS_OK ? 0 : 1;
}
