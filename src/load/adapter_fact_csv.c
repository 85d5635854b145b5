/* The fact CSV adapter: facts_*.csv, one fact per row, the columns of
 * PF_FACT_FIELDS (store/fact_schema.h) in any order, the required ones
 * present. It owns only the mapping from a CSV row to struct load_fact;
 * checks and the insert are shared with every adapter (load_fact_add). */
#include "load/adapter.h"
#include "load/ctx.h"
#include "load/fact.h"
#include "load/table.h"

static const struct load_col fact_cols[] = {
#define FACT_COL(name, type, flags) {#name, ((flags)&PF_FF_REQUIRED) != 0},
    PF_FACT_FIELDS(FACT_COL)
#undef FACT_COL
};
_Static_assert(PF_ARRAY_LEN(fact_cols) == LF_COUNT && LF_COUNT <= LOAD_MAX_COLS,
               "a facts CSV row maps one to one onto a load_fact");

static const struct load_table fact_table = {fact_cols,
                                             PF_ARRAY_LEN(fact_cols)};

static enum pf_err on_row(void *arg, const struct load_row *row)
{
    struct load_fact f;
    load_fact_init(&f, row->file, row->line);
    for (size_t k = 0; k < LF_COUNT; k++)
        load_fact_set(&f, (enum load_field)k, row->f[k], row->len[k]);
    return load_fact_add(arg, &f);
}

static enum pf_err read_files(struct load_ctx *c, char *const *paths, size_t n)
{
    enum pf_err rc = PF_OK;
    for (size_t i = 0; i < n && rc == PF_OK; i++)
        rc = load_table_read(&c->rep, paths[i], &fact_table, on_row, c);
    return rc;
}

const struct load_adapter load_adapter_fact_csv = {
    .name = "fact tables",
    .pattern = "facts_*.csv",
    .read = read_files,
};
