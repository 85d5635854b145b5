/* Fact pages (see facts_page.h): the store's rows to a body written
 * straight from them (JSON envelope, CSV or NDJSON) or through trees, and
 * the next cursor. Must not read request parameters
 * (params.c) or build links (envelope.c). */
#include "api/facts_page.h"

#include <stdlib.h>

#include "api/api_error.h"
#include "api/cursor.h"
#include "api/envelope.h"
#include "render/envelope.h"
#include "render/fact_json.h"
#include "render/fact_rows.h"

const struct render_frags *facts_page_frags(struct pf_store *s)
{
    const struct render_frags *fr = store_slot_get(s);
    if (fr)
        return fr;
    size_t ns, nm;
    const struct pf_source *src = store_source_list(s, &ns);
    const struct pf_measure *m = store_measure_list(s, &nm);
    struct render_frags *made = render_frags_new(src, ns, m, nm);
    return made ? store_slot_set(s, made, render_frags_free) : NULL;
}

struct text_page {
    struct buf b;
    const struct render_frags *fr;
    const char *base;
    int limit, n;
    enum pf_format format;
};

static enum pf_err text_row(const struct pf_fact *f, void *arg)
{
    struct text_page *p = arg;
    switch (p->format) {
    case PF_FMT_CSV:
        render_fact_csv(&p->b, f, p->base);
        break;
    case PF_FMT_NDJSON:
        render_fact_ndjson(&p->b, f, p->fr, p->base);
        break;
    case PF_FMT_JSON:
        if (p->n)
            buf_putc(&p->b, ',');
        render_fact_json(&p->b, f, p->fr, p->base);
        break;
    }
    if (p->n++ == 0)
        render_fact_page_reserve(&p->b, p->limit);
    return PF_OK;
}

struct tree_page {
    const struct pf_req *req;
    json_t *items;
    facts_decorate_fn decorate;
};

static enum pf_err tree_row(const struct pf_fact *f, void *arg)
{
    struct tree_page *p = arg;
    json_t *item = render_fact_tree(f, p->req->base_url);
    if (!item || json_array_append_new(p->items, item) != 0)
        return PF_ENOMEM;
    return p->decorate ? p->decorate(p->req, f, item) : PF_OK;
}

/* The next page's cursor (NULL on the last page); *err PF_ENOMEM when it
 * could not be made. */
static char *next_cursor(const struct fact_params *fp,
                         const struct pf_fact_pos *pos,
                         enum pf_err *err)
{
    *err = PF_OK;
    if (!pos->more)
        return NULL;
    char *c = cursor_encode(params_sort_name(fp->q.sort), pos->last_key,
                            pos->last_id);
    if (!c)
        *err = PF_ENOMEM;
    return c;
}

static enum pf_err text_reply(const struct pf_req *req,
                              struct fact_params *fp,
                              struct pf_reply *rep)
{
    struct text_page p = {.fr = facts_page_frags(req->store),
                          .base = req->base_url,
                          .limit = fp->q.limit,
                          .format = req->format};
    struct pf_fact_pos pos = {0};
    char why[256], *cursor = NULL;
    enum pf_err err = p.fr ? PF_OK : PF_ENOMEM;
    why[0] = '\0';
    buf_init(&p.b);
    if (p.format == PF_FMT_JSON) {
        render_envelope_open(&p.b);
        buf_putc(&p.b, '[');
    } else if (p.format == PF_FMT_CSV) {
        render_fact_csv_header(&p.b);
    }
    if (err == PF_OK)
        err = store_fact_each(req->store, &fp->q, text_row, &p, &pos, why,
                              sizeof why);
    if (err == PF_OK)
        cursor = next_cursor(fp, &pos, &err);
    store_fact_pos_free(&pos);
    if (err != PF_OK) {
        buf_free(&p.b);
        api_error_store(rep, err, why);
        return err;
    }
    /* each answers a failure itself */
    if (p.format == PF_FMT_JSON) {
        buf_putc(&p.b, ']');
        err = envelope_reply_text(req, rep, &p.b, p.n, fp->q.limit, cursor);
    } else {
        err = envelope_reply_rendered(req, rep, &p.b, cursor);
    }
    free(cursor);
    return err;
}

enum pf_err facts_page_reply(const struct pf_req *req,
                             struct fact_params *fp,
                             struct pf_reply *rep,
                             facts_decorate_fn decorate,
                             enum render_csv csv)
{
    /* the rows' own writers know the plain fact's members and columns */
    if (!decorate && (req->format != PF_FMT_CSV || csv == RENDER_CSV_FACTS))
        return text_reply(req, fp, rep);
    struct tree_page p = {req, json_array(), decorate};
    struct pf_fact_pos pos = {0};
    char why[256], *cursor = NULL;
    enum pf_err err = p.items ? PF_OK : PF_ENOMEM;
    why[0] = '\0';
    if (err == PF_OK)
        err = store_fact_each(req->store, &fp->q, tree_row, &p, &pos, why,
                              sizeof why);
    if (err == PF_OK)
        cursor = next_cursor(fp, &pos, &err);
    store_fact_pos_free(&pos);
    if (err != PF_OK) {
        json_decref(p.items);
        api_error_store(rep, err, why);
        return err;
    }
    err = envelope_reply(req, rep, p.items, fp->q.limit, cursor);
    if (err == PF_OK)
        rep->csv_columns = render_csv_columns(csv);
    free(cursor);
    return err;
}
