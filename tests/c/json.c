/* See json.h. */
#include "json.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *p, *end;
    int depth;
} reader;

static void ws(reader *r) {
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')) r->p++;
}

static int push(jval *v, jval item, char *key, size_t key_len) {
    jval *items = realloc(v->items, (v->n + 1) * sizeof *items);
    if (!items) return 0;
    v->items = items;
    if (v->type == J_OBJ) {
        char **keys = realloc(v->keys, (v->n + 1) * sizeof *keys);
        if (!keys) return 0;
        v->keys = keys;
        size_t *lens = realloc(v->key_lens, (v->n + 1) * sizeof *lens);
        if (!lens) return 0;
        v->key_lens = lens;
        v->keys[v->n] = key;
        v->key_lens[v->n] = key_len;
    }
    v->items[v->n++] = item;
    return 1;
}

static int hex4(const char *p, unsigned *out) {
    unsigned x = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        x <<= 4;
        if (c >= '0' && c <= '9') x |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') x |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') x |= (unsigned)(c - 'A' + 10);
        else return 0;
    }
    *out = x;
    return 1;
}

static size_t utf8(unsigned cp, char *o) {
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12)); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18)); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A string at r->p (the opening quote); decoded into a new buffer. */
static char *string(reader *r, size_t *len) {
    r->p++;
    const char *start = r->p;
    while (r->p < r->end && *r->p != '"') r->p += (*r->p == '\\') ? 2 : 1;
    if (r->p >= r->end) return NULL;
    char *out = malloc((size_t)(r->p - start) + 1), *o = out;
    if (!out) return NULL;
    for (const char *s = start; s < r->p; s++) {
        if (*s != '\\') { *o++ = *s; continue; }
        s++;
        switch (*s) {
        case 'n': *o++ = '\n'; break;
        case 't': *o++ = '\t'; break;
        case 'r': *o++ = '\r'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'u': {
            unsigned cp, lo;
            if (r->p - s < 5 || !hex4(s + 1, &cp)) { free(out); return NULL; }
            s += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && r->p - s >= 7 && s[1] == '\\' && s[2] == 'u' && hex4(s + 3, &lo)) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                s += 6;
            }
            o += utf8(cp, o);
            break;
        }
        default: *o++ = *s; /* \" \\ \/ */
        }
    }
    *o = '\0';
    *len = (size_t)(o - out);
    r->p++;
    return out;
}

static int value(reader *r, jval *v);

static int container(reader *r, jval *v, char close) {
    if (++r->depth > 256) return 0;
    r->p++;
    ws(r);
    if (r->p < r->end && *r->p == close) { r->p++; r->depth--; return 1; }
    for (;;) {
        char *key = NULL;
        size_t key_len = 0;
        ws(r);
        if (v->type == J_OBJ) {
            if (r->p >= r->end || *r->p != '"' || !(key = string(r, &key_len))) return 0;
            ws(r);
            if (r->p >= r->end || *r->p != ':') { free(key); return 0; }
            r->p++;
        }
        jval item;
        if (!value(r, &item)) { free(key); return 0; }
        if (!push(v, item, key, key_len)) { free(key); json_free(&item); return 0; }
        ws(r);
        if (r->p < r->end && *r->p == ',') { r->p++; continue; }
        if (r->p < r->end && *r->p == close) { r->p++; r->depth--; return 1; }
        return 0;
    }
}

static int value(reader *r, jval *v) {
    memset(v, 0, sizeof *v);
    ws(r);
    if (r->p >= r->end) return 0;
    v->src = r->p;
    int ok = 1;
    char c = *r->p;
    if (c == '{') { v->type = J_OBJ; ok = container(r, v, '}'); }
    else if (c == '[') { v->type = J_ARR; ok = container(r, v, ']'); }
    else if (c == '"') { v->type = J_STR; ok = (v->str = string(r, &v->str_len)) != NULL; }
    else if (r->end - r->p >= 4 && !memcmp(r->p, "null", 4)) { v->type = J_NULL; r->p += 4; }
    else if (r->end - r->p >= 4 && !memcmp(r->p, "true", 4)) { v->type = J_BOOL; v->boolean = 1; r->p += 4; }
    else if (r->end - r->p >= 5 && !memcmp(r->p, "false", 5)) { v->type = J_BOOL; r->p += 5; }
    else if (c == '-' || (c >= '0' && c <= '9')) {
        v->type = J_NUM;
        const char *s = r->p;
        while (r->p < r->end && strchr("+-0123456789.eE", *r->p)) r->p++;
        v->str_len = (size_t)(r->p - s);
        v->str = malloc(v->str_len + 1);
        if (!v->str) return 0;
        memcpy(v->str, s, v->str_len);
        v->str[v->str_len] = '\0';
    } else ok = 0;
    if (!ok) { json_free(v); return 0; }
    v->src_len = (size_t)(r->p - v->src);
    return 1;
}

jval *json_parse(const char *text, size_t len) {
    reader r = {text, text + len, 0};
    jval *v = malloc(sizeof *v);
    if (!v) return NULL;
    if (!value(&r, v)) { free(v); return NULL; }
    ws(&r);
    if (r.p != r.end) { json_free(v); free(v); return NULL; }
    return v;
}

void json_free(jval *v) {
    if (!v) return;
    for (size_t i = 0; i < v->n; i++) {
        json_free(&v->items[i]);
        if (v->keys) free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->key_lens);
    free(v->str);
    memset(v, 0, sizeof *v);
}

static const jval *get_n(const jval *obj, const char *key, size_t key_len) {
    if (!obj || obj->type != J_OBJ) return NULL;
    for (size_t i = 0; i < obj->n; i++)
        if (obj->key_lens[i] == key_len && !memcmp(obj->keys[i], key, key_len)) return &obj->items[i];
    return NULL;
}

const jval *json_get(const jval *obj, const char *key) { return get_n(obj, key, strlen(key)); }

static int is_integer(const char *lexeme) { return !strpbrk(lexeme, ".eE"); }

/* serde_json: integers equal integers by value; floats equal floats; never mixed. */
static int num_equal(const char *a, const char *b) {
    int ia = is_integer(a), ib = is_integer(b);
    if (ia != ib) return 0;
    if (ia) {
        if ((a[0] == '-') != (b[0] == '-')) return 0;
        if (a[0] == '-') return strtoll(a, NULL, 10) == strtoll(b, NULL, 10);
        return strtoull(a, NULL, 10) == strtoull(b, NULL, 10);
    }
    return strtod(a, NULL) == strtod(b, NULL);
}

int json_equal(const jval *a, const jval *b) {
    if (a->type != b->type) return 0;
    switch (a->type) {
    case J_NULL: return 1;
    case J_BOOL: return a->boolean == b->boolean;
    case J_NUM: return num_equal(a->str, b->str);
    case J_STR: return a->str_len == b->str_len && !memcmp(a->str, b->str, a->str_len);
    case J_ARR:
        if (a->n != b->n) return 0;
        for (size_t i = 0; i < a->n; i++)
            if (!json_equal(&a->items[i], &b->items[i])) return 0;
        return 1;
    case J_OBJ:
        if (a->n != b->n) return 0;
        for (size_t i = 0; i < a->n; i++) {
            const jval *bv = get_n(b, a->keys[i], a->key_lens[i]);
            if (!bv || !json_equal(&a->items[i], bv)) return 0;
        }
        return 1;
    }
    return 0;
}

static int subset_at(const jval *e, const jval *a, char *path, size_t path_len, char *why, size_t why_len) {
    if (e->type == J_OBJ && a->type == J_OBJ) {
        int diffs = 0;
        size_t base = strlen(path);
        for (size_t i = 0; i < e->n; i++) {
            snprintf(path + base, path_len - base, "/%s", e->keys[i]);
            const jval *av = get_n(a, e->keys[i], e->key_lens[i]);
            if (!av) {
                if (!diffs && why) snprintf(why, why_len, "%s: missing, expected %.*s", path, (int)e->items[i].src_len, e->items[i].src);
                diffs++;
            } else {
                diffs += subset_at(&e->items[i], av, path, path_len, diffs ? NULL : why, why_len);
            }
            path[base] = '\0';
        }
        return diffs;
    }
    if (json_equal(e, a)) return 0;
    if (why) snprintf(why, why_len, "%s: expected %.*s, got %.*s", path, (int)e->src_len, e->src, (int)(a->src_len > 300 ? 300 : a->src_len), a->src);
    return 1;
}

int json_subset(const jval *expect, const jval *actual, char *why, size_t why_len) {
    char path[1024] = "";
    return subset_at(expect, actual, path, sizeof path, why, why_len);
}
