/* CSV reading with libcsv. The input is fed one physical line at a time so
 * that each record can be tied to the line it starts on; libcsv itself keeps
 * the quoting state across lines. It owns records and line numbers only:
 * what a header or a field means is its callers' business. */
#include "load/csvread.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct state {
    csvread_cb cb;
    void *ctx;
    char **fields;
    size_t *lens;
    size_t n, cap;
    long cur_line;   /* physical line being fed */
    long start_line; /* line where the current record began */
    long next_start; /* line after the last complete record */
    int stop;
    int oom;
};

static int no_space(unsigned char c)
{
    (void)c;
    return 0; /* keep spaces: values and quotes are copied verbatim */
}

static void on_field(void *data, size_t len, void *st_)
{
    struct state *st = st_;
    if (st->stop || st->oom)
        return;
    if (st->n == 0) {
        long nl = 0;
        for (size_t i = 0; i < len; i++)
            nl += ((const char *)data)[i] == '\n';
        st->start_line = st->cur_line - nl;
    }
    if (st->n == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 32;
        char **f = realloc(st->fields, cap * sizeof *f);
        if (!f) {
            st->oom = 1;
            return;
        }
        st->fields = f;
        size_t *l = realloc(st->lens, cap * sizeof *l);
        if (!l) {
            st->oom = 1;
            return;
        }
        st->lens = l;
        st->cap = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy) {
        st->oom = 1;
        return;
    }
    if (len)
        memcpy(copy, data, len);
    copy[len] = '\0';
    st->fields[st->n] = copy;
    st->lens[st->n] = len;
    st->n++;
}

static void clear_fields(struct state *st)
{
    for (size_t i = 0; i < st->n; i++)
        free(st->fields[i]);
    st->n = 0;
}

static void on_row(int c, void *st_)
{
    struct state *st = st_;
    (void)c;
    if (!st->stop && !st->oom && st->n > 0) {
        struct csvread_row row = {st->fields, st->lens, st->n, st->start_line};
        if (!st->cb(st->ctx, &row))
            st->stop = 1;
    }
    st->next_start = st->cur_line + 1;
    clear_fields(st);
}

/* Feeds one chunk line by line; returns PF_OK or PF_EDATA on a parse
 * error. */
static enum pf_err
feed(struct csv_parser *p, struct state *st, const char *data, size_t len)
{
    size_t pos = 0;
    while (pos < len && !st->stop && !st->oom) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (data + pos)) + 1 : len - pos;
        if (csv_parse(p, data + pos, n, on_field, on_row, st) != n)
            return PF_EDATA;
        pos += n;
        if (nl)
            st->cur_line++;
    }
    return PF_OK;
}

enum pf_err csvread_file(const char *path,
                         csvread_cb cb,
                         void *ctx,
                         char *err,
                         size_t errlen,
                         long *errline)
{
    struct csv_parser p;
    struct state st = {.cb = cb, .ctx = ctx, .cur_line = 1, .next_start = 1};
    char chunk[65536];
    enum pf_err rc = PF_EIO;
    int first = 1;

    *errline = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot open: %s", strerror(errno));
        return PF_EIO;
    }
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        snprintf(err, errlen, "out of memory");
        fclose(f);
        return PF_ENOMEM;
    }
    csv_set_space_func(&p, no_space);
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        const char *data = chunk;
        if (first && got >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0) {
            data += 3; /* UTF-8 byte order mark */
            got -= 3;
        }
        first = 0;
        if (feed(&p, &st, data, got) != PF_OK) {
            snprintf(err, errlen, "malformed CSV: %s",
                     csv_strerror(csv_error(&p)));
            *errline = st.cur_line;
            rc = PF_EDATA;
            goto done;
        }
        if (st.stop || st.oom)
            break;
    }
    if (ferror(f)) {
        snprintf(err, errlen, "read error: %s", strerror(errno));
        goto done;
    }
    if (!st.stop && !st.oom && csv_fini(&p, on_field, on_row, &st) != 0) {
        snprintf(err, errlen, "malformed CSV: unterminated quoted field");
        *errline = st.next_start;
        rc = PF_EDATA;
        goto done;
    }
    if (st.oom) {
        snprintf(err, errlen, "out of memory");
        rc = PF_ENOMEM;
        goto done;
    }
    rc = PF_OK;
done:
    clear_fields(&st);
    free(st.fields);
    free(st.lens);
    csv_free(&p);
    fclose(f);
    return rc;
}
