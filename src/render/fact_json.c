/* Typed facts as JSON (see fact_json.h). The members are generated from
 * fact_schema.h, so the text writer and the tree builder cannot drift
 * apart. Must not query the store or read requests: it gets rows and a
 * base URL. */
#include "render/fact_json.h"

#include <stdlib.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/url.h"

struct frag {
    char *text;
    size_t len;
};

struct render_frags {
    struct frag *source, *measure;
    size_t nsource, nmeasure;
};

static void str_or_null(struct buf *b, const char *s)
{
    if (s)
        jw_str(b, s, strlen(s));
    else
        buf_append(b, "null", 4);
}

static int frag_take(struct frag *fr, struct buf *b)
{
    if (buf_failed(b)) {
        buf_free(b);
        return -1;
    }
    fr->text = buf_steal(b, &fr->len);
    return 0;
}

/* {"id":..,"title":..,...}: the source fields a fact embeds */
static int source_frag(struct frag *fr, const struct pf_source *s)
{
    struct buf b;
    buf_init(&b);
    const char *sep = "{";
#define SRC(n, type, flags)                                                    \
    buf_puts(&b, sep);                                                         \
    buf_puts(&b, "\"" #n "\":");                                               \
    str_or_null(&b, s->n);                                                     \
    sep = ",";
    PF_FACT_SOURCE_FIELDS(SRC)
#undef SRC
    buf_putc(&b, '}');
    return frag_take(fr, &b);
}

/* ,"unit":..,"category":.. */
static int measure_frag(struct frag *fr, const struct pf_measure *m)
{
    struct buf b;
    buf_init(&b);
#define MEAS(n, type, flags)                                                   \
    buf_puts(&b, ",\"" #n "\":");                                              \
    str_or_null(&b, m->n);
    PF_FACT_MEASURE_FIELDS(MEAS)
#undef MEAS
    return frag_take(fr, &b);
}

void render_frags_free(void *p)
{
    struct render_frags *fr = p;
    if (!fr)
        return;
    for (size_t i = 0; fr->source && i < fr->nsource; i++)
        free(fr->source[i].text);
    for (size_t i = 0; fr->measure && i < fr->nmeasure; i++)
        free(fr->measure[i].text);
    free(fr->source);
    free(fr->measure);
    free(fr);
}

struct render_frags *render_frags_new(const struct pf_source *sources,
                                      size_t nsources,
                                      const struct pf_measure *measures,
                                      size_t nmeasures)
{
    struct render_frags *fr = calloc(1, sizeof *fr);
    if (!fr)
        return NULL;
    fr->source = calloc(nsources + 1, sizeof *fr->source);
    fr->measure = calloc(nmeasures + 1, sizeof *fr->measure);
    fr->nsource = nsources;
    fr->nmeasure = nmeasures;
    if (!fr->source || !fr->measure)
        goto fail;
    for (size_t i = 0; i < nsources; i++)
        if (source_frag(&fr->source[i], &sources[i]) != 0)
            goto fail;
    for (size_t i = 0; i < nmeasures; i++)
        if (measure_frag(&fr->measure[i], &measures[i]) != 0)
            goto fail;
    return fr;
fail:
    render_frags_free(fr);
    return NULL;
}

const char *render_frags_source(const struct render_frags *fr,
                                const struct pf_source *s,
                                size_t *len)
{
    *len = fr->source[s->index].len;
    return fr->source[s->index].text;
}

/* ---- text -------------------------------------------------------------- */

/* One fact is written at a raw pointer into room reserved for it at
 * once (its upper bound below): a page writes a hundred facts of thirty
 * members each, and a capacity check per member was most of the cost. */

/* The members' keys, all of them: ,"id":,"kind":,... */
#define KEY_LEN(n, type, flags) +sizeof(",\"" #n "\":")
enum { KEYS_LEN = 0 PF_FACT_FIELDS(KEY_LEN) };

/* At most the bytes f's text takes: its length plain, six per byte
 * escaped; a number JW_NUM_MAX. */
#define BOUND_TEXT(n)                                                          \
    need += !f->n ? 4 : 2 + (f->plain >> PF_FACT_##n & 1 ? 1 : 6) * f->n##_len;
#define BOUND_REAL(n)         need += JW_NUM_MAX;
#define BOUND_INT(n)          need += JW_NUM_MAX;
#define BOUND(n, type, flags) BOUND_##type(n)

static size_t row_bound(const struct pf_fact *f,
                        const struct frag *m,
                        const struct frag *src,
                        size_t base_len)
{
    size_t need = KEYS_LEN + m->len + src->len + base_len + 64;
    PF_FACT_FIELDS(BOUND)
    return need + 3 * f->id_len; /* the link's percent-encoded id */
}

static inline char *put(char *w, const void *s, size_t n)
{
    memcpy(w, s, n);
    return w + n;
}

/* "key": with a comma before all but the first field */
#define KEY(n)                                                                 \
    do {                                                                       \
        static const char k[] = ",\"" #n "\":";                                \
        if (PF_FACT_##n == 0)                                                  \
            w = put(w, k + 1, sizeof k - 2);                                   \
        else                                                                   \
            w = put(w, k, sizeof k - 1);                                       \
    } while (0)
#define VAL_TEXT(n)                                                            \
    if (!f->n) {                                                               \
        w = put(w, "null", 4);                                                 \
    } else if (f->plain >> PF_FACT_##n & 1) {                                  \
        *w++ = '"';                                                            \
        w = put(w, f->n, f->n##_len);                                          \
        *w++ = '"';                                                            \
    } else {                                                                   \
        w = jw_str_to(w, f->n, f->n##_len);                                    \
    }
#define VAL_REAL(n) w = f->has_##n ? jw_real_to(w, f->n) : put(w, "null", 4);
#define VAL_INT(n)  w = f->has_##n ? jw_int_to(w, f->n) : put(w, "null", 4);
/* flags are constants: the compiler keeps one branch of each test */
#define WRITE(n, type, flags)                                                  \
    if (!((flags)&PF_FF_SOURCE_REF)) {                                         \
        KEY(n);                                                                \
        VAL_##type(n)                                                          \
    }                                                                          \
    if ((flags)&PF_FF_MEASURE_REF)                                             \
        w = put(w, m->text, m->len);

void render_fact_json(struct buf *b,
                      const struct pf_fact *f,
                      const struct render_frags *fr,
                      const char *link_base)
{
    const struct frag *m = &fr->measure[f->measure_ref->index];
    const struct frag *src = &fr->source[f->source_ref->index];
    size_t base_len = strlen(link_base);
    size_t need = row_bound(f, m, src, base_len);
    buf_reserve(b, b->len + need);
    if (buf_failed(b) || b->cap < b->len + need + 1)
        return; /* out of memory: buf_failed(b) says so */
    char *w = b->data + b->len;
    *w++ = '{';
    PF_FACT_FIELDS(WRITE)
    w = put(w, ",\"source\":", 10);
    w = put(w, src->text, src->len);
    /* The base URL (validated host and prefix) and the percent-encoded id
     * hold no character JSON must escape: written as they are. */
    w = put(w, ",\"links\":{\"self\":\"", 18);
    w = put(w, link_base, base_len);
    w = put(w, "/v1/facts/", 10);
    w = url_encode_to(w, f->id);
    w = put(w, "\"}}", 3);
    b->len = (size_t)(w - b->data);
    b->data[b->len] = '\0';
}

void render_fact_page_reserve(struct buf *b, int limit)
{
    /* Bounded: a long first row must not reserve megabytes for short
     * ones. */
    size_t want = b->len * (size_t)limit + b->len / 8 + 256;
    buf_reserve(b, want < (1u << 20) ? want : (1u << 20));
}

/* ---- tree -------------------------------------------------------------- */

static json_t *jstr(const char *s, size_t n)
{
    return s ? json_stringn(s, n) : json_null();
}

static json_t *jstr0(const char *s)
{
    return s ? json_string(s) : json_null();
}

#define TREE_TEXT(n) jstr(f->n, f->n##_len)
#define TREE_REAL(n) (f->has_##n ? json_real(f->n) : json_null())
#define TREE_INT(n)  (f->has_##n ? json_integer(f->n) : json_null())
#define TREE(n, type, flags)                                                   \
    if (!((flags)&PF_FF_SOURCE_REF))                                           \
        bad |= json_object_set_new(o, #n, TREE_##type(n)) != 0;                \
    if ((flags)&PF_FF_MEASURE_REF) {                                           \
        PF_FACT_MEASURE_FIELDS(TREE_MEASURE)                                   \
    }
#define TREE_MEASURE(n, type, flags)                                           \
    bad |= json_object_set_new(o, #n, jstr0(f->measure_ref->n)) != 0;
#define TREE_SOURCE(n, type, flags)                                            \
    bad |= json_object_set_new(src, #n, jstr0(f->source_ref->n)) != 0;

static json_t *fact_link(const struct pf_fact *f, const char *link_base)
{
    struct buf url;
    buf_init(&url);
    buf_puts(&url, link_base);
    buf_append(&url, "/v1/facts/", 10);
    url_encode_component(&url, f->id);
    json_t *links = buf_failed(&url)
                        ? NULL
                        : json_pack("{s:s%}", "self", url.data, url.len);
    buf_free(&url);
    return links;
}

json_t *render_fact_tree(const struct pf_fact *f, const char *link_base)
{
    json_t *o = json_object(), *src = json_object();
    bool bad = !o || !src;
    if (!bad) {
        PF_FACT_FIELDS(TREE)
        PF_FACT_SOURCE_FIELDS(TREE_SOURCE)
    }
    bad |= json_object_set_new(o, "source", src) != 0;
    src = NULL;
    bad |= json_object_set_new(o, "links", fact_link(f, link_base)) != 0;
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}
