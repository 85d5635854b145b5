/* Request parameters to store queries: the parameter tables' shared rows
 * and vocabularies, and the mapping of a fact collection's parameters onto
 * a struct pf_fact_query (lists checked against the store, dates to days,
 * ranks, sort, limit, cursor). Problems for bad values are put in the
 * reply here; callers stop on any result but PF_OK. */
#ifndef PF_PARAMS_H
#define PF_PARAMS_H

#include "api/handler.h"
#include "store/store.h"

extern const char *const format_words[];
extern const char *const sort_words[];

/* Table rows every paginated fact collection accepts. */
#define PARAMS_FACT_COMMON                                                     \
    {"from", P_DATE, NULL, 0, 0, NULL}, {"to", P_DATE, NULL, 0, 0, NULL},      \
        {"on", P_DAY, NULL, 0, 0, NULL}, {"as_of", P_DATE, NULL, 0, 0, NULL},  \
        {"q", P_TEXT, NULL, 0, 0, NULL}, {"rank", P_SET, NULL, 0, 0, NULL},    \
        {"sort", P_ENUM, "id", 0, 0, sort_words},                              \
        {"limit", P_INT, "100", 1, 1000, NULL},                                \
        {"cursor", P_CURSOR, NULL, 0, 0, NULL},                                \
    {                                                                          \
        "format", P_ENUM, NULL, 0, 0, format_words                             \
    }

/* What a comma-list parameter's items must name. */
enum pf_listref {
    LR_NONE,
    LR_ENTITY,
    LR_MEASURE,
    LR_SOURCE,
    LR_KIND,
    LR_CATEGORY, /* tariff kinds: additional, average, total, effective */
};

struct fact_params {
    struct pf_fact_query q;
    char from[11], to[11], on[11], as_of[11];
    char *cursor_key, *cursor_id;
    char *scratch[12];
    int nscratch;
};

/* Splits the comma-list parameter name into out, checking each item
 * against the store. PF_OK, PF_EINVAL (a 400 in rep) or PF_ENOMEM (a 500
 * in rep). */
enum pf_err params_list(const struct pf_req *req,
                        struct fact_params *fp,
                        const char *name,
                        enum pf_listref ref,
                        struct pf_list *out,
                        struct pf_reply *rep);

/* Reads the parameters every fact collection shares: from, to, on,
 * as_of, q, rank, sort, limit, cursor. Results as params_list. */
enum pf_err params_common(const struct pf_req *req,
                          struct fact_params *fp,
                          struct pf_reply *rep);
void params_free(struct fact_params *fp);

/* The sort's name as the sort parameter gives it ("-valid_from"). */
const char *params_sort_name(enum pf_sort s);

#endif
