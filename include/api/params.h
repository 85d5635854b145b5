/* Parameter vocabularies shared by several endpoints' tables. */
#ifndef PF_PARAMS_H
#define PF_PARAMS_H

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

#endif
