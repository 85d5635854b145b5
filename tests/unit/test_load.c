/* The loader: the good fixture loads with the right derived values; each
 * class of bad row is reported at its exact file:line and leaves an
 * existing output file byte-for-byte untouched. */
#include <dirent.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "load/fact.h"
#include "load/load.h"
#include "load/reach.h"
#include "load/rules.h"
#include "store/snapshot_check.h"

#define FIXTURE "tests/fixtures/good"

static char tmpdir[256];

static void spit(const char *path, const char *data)
{
    FILE *f = fopen(path, "wb");
    fputs(data, f);
    fclose(f);
}

/* A fresh copy of the good fixture in dir. */
static void copy_fixture(const char *dir)
{
    DIR *d = opendir(FIXTURE);
    struct dirent *e;
    char src[1024], dst[1024];
    mkdir(dir, 0755);
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t n;
        snprintf(src, sizeof src, "%s/%s", FIXTURE, e->d_name);
        snprintf(dst, sizeof dst, "%s/%s", dir, e->d_name);
        char *p = check_slurp(src, &n);
        FILE *f = fopen(dst, "wb");
        fwrite(p, 1, n, f);
        fclose(f);
        free(p);
    }
    closedir(d);
}

/* Runs the loader; returns its result and the messages in *msg. */
static enum pf_err
run_load_max(const char *dir, const char *out, int max_errors, char **msg)
{
    size_t len;
    FILE *m = open_memstream(msg, &len);
    struct load_opts o = {
        .dir = dir, .out = out, .max_errors = max_errors, .msg = m};
    enum pf_err rc = load_run(&o);
    fclose(m);
    return rc;
}

static enum pf_err run_load(const char *dir, const char *out, char **msg)
{
    return run_load_max(dir, out, 50, msg);
}

struct bad_case {
    const char *name;
    const char *file;     /* file written into the copy */
    const char *contents; /* NULL: use header + row */
    const char *row;
    const char *expect; /* substring of the messages, with file:line */
    const char *also;   /* another one, or NULL */
    const char *never;  /* a substring that must not appear, or NULL */
};

/* facts_a.csv has 11 lines (one record spans two): a row appended to it is
 * on line 12, which also checks line counting across quoted newlines. EV
 * ends a row with data evidence, no knowledge-time rule and no rank
 * reason (the last five columns). */
#define EV_DATA "data,o/r@1234567:f.csv,9"
#define EV      "," EV_DATA ",,"
static const struct bad_case cases[] = {
    {"bad date", "facts_a.csv", NULL,
     "x1,gdp_share,CHN,,share,,,1,,,,exact,,2025-13-01,,,,,src-a,,,," EV "\n",
     "facts_a.csv:12: valid_from: '2025-13-01' is not a date", NULL, NULL},
    {"bad number", "facts_a.csv", NULL,
     "x2,gdp_share,CHN,,share,,,12.5.1,,,,exact,2021,,,,,,src-a,,,," EV "\n",
     "facts_a.csv:12: value: '12.5.1' not a number", NULL, NULL},
    {"unknown entity", "facts_a.csv", NULL,
     "x3,gdp_share,XXX,,share,,,1,,,,exact,2021,,,,,,src-a,,,," EV "\n",
     "facts_a.csv:12: subject: unknown entity 'XXX'", NULL, NULL},
    {"unknown measure", "facts_a.csv", NULL,
     "x4,gdp_share,CHN,,nope,,,1,,,,exact,2021,,,,,,src-a,,,," EV "\n",
     "facts_a.csv:12: measure: unknown measure 'nope'", NULL, NULL},
    {"unknown source", "facts_a.csv", NULL,
     "x5,gdp_share,CHN,,share,,,1,,,,exact,2021,,,,,,src-z,,,," EV "\n",
     "facts_a.csv:12: source_id: unknown source 'src-z'", NULL, NULL},
    {"duplicate id", "facts_a.csv", NULL,
     "gdp.chn.2019,gdp_share,CHN,,share,,,41,,,,exact,2018,,,,,,src-a,,,," EV
     "\n",
     "facts_a.csv:12: id: duplicate id 'gdp.chn.2019' (first at ", NULL, NULL},
    {"qualifier vocabulary", "facts_a.csv", NULL,
     "x6,gdp_share,CHN,,share,,,1,,,,roughly,2021,,,,,,src-a,,,," EV "\n",
     "facts_a.csv:12: qualifier: 'roughly' is not one of exact, approx, "
     "range, at_least, at_most",
     NULL, NULL},
    {"range low above high", "facts_a.csv", NULL,
     "x7,gdp_share,USA,,share,,,,70,50,,range,2021,,,,,,src-a,,,," EV "\n",
     "facts_a.csv:12: value_high: range low 70 is above high 50", NULL, NULL},
    {"implausible value", "facts_a.csv", NULL,
     "x8,tariff_rate,USA,CHN,rate,usa-chn-l1,,5000,,,,exact,,2021-01-01,,,,,"
     "src-a,,"
     ",," EV "\n",
     "facts_a.csv:12: value: 5000 is outside the plausible range 0..1000", NULL,
     NULL},
    {"exact duplicate row", "facts_a.csv", NULL,
     "x9,gdp_share,CHN,,share,,,40.5,,,,exact,2019,,,,,,src-a,,,,,data,"
     "example/wdi@0123abc:data.csv,2,,\n",
     "facts_a.csv:12: -: exact duplicate of fact 'gdp.chn.2019'", NULL, NULL},
    {"two preferred in one question", "facts_a.csv", NULL,
     "x10,tariff_rate,USA,CHN,avg,usa-chn-avg,,20,,,,exact,,2020-02-14,,,,"
     "preferred,src-b,,,," EV "\n",
     "facts_a.csv:5: rank: 3 fact(s) from 'avg.2020.a' on answer the same "
     "question",
     NULL, NULL},
    {"text for a numeric measure", "facts_a.csv", NULL,
     "x11,gdp_share,CHN,,share,,,,,,forty,exact,2021,,,,,,src-a,,,," EV "\n",
     "facts_a.csv:12: value_text: measure 'share' is numeric", NULL, NULL},
    {"no value", "facts_a.csv", NULL,
     "x12,gdp_share,CHN,,share,,,,,,,exact,2021,,,,,,src-a,,,," EV "\n",
     "facts_a.csv:12: value: no value", NULL, NULL},
    {"wrong field count", "facts_a.csv", NULL, "x13,gdp_share,CHN\n",
     "facts_a.csv:12: -: row has 3 fields, the header has 28", NULL, NULL},
    {"invalid UTF-8", "facts_a.csv", NULL,
     "x14,gdp_share,CHN,,share,,,1,,,,exact,2021,,,,,,src-a,bad \xc3\x28,,,"
     "" EV "\n",
     "facts_a.csv:12: quote: invalid UTF-8", NULL, NULL},
    {"unterminated quote", "facts_a.csv", NULL,
     "x15,gdp_share,CHN,,share,,,1,,,,exact,2021,,,,,,src-a,\"open,,,\n",
     "facts_a.csv:12: -: malformed CSV", NULL, NULL},
    {"unknown column", "facts_c.csv", "id,kind,colour\n", NULL,
     "facts_c.csv:1: colour: unknown column", NULL, NULL},
    {"missing required column", "facts_c.csv",
     "id,kind,subject,measure,qualifier\n", NULL,
     "facts_c.csv:1: source_id: required column missing", NULL, NULL},
    {"empty file", "facts_c.csv", "", NULL,
     "facts_c.csv:1: -: empty file: a header row is required", NULL, NULL},
    {"unknown table file", "colours.csv", "a,b\n", NULL,
     "colours.csv:1: -: unknown table file (expected sources.csv, "
     "entities.csv, measures.csv, series.csv, outcome_links.csv or "
     "facts_*.csv)",
     NULL, NULL},
    {"bad source URL", "sources.csv",
     "id,title,url\nsrc-a,A,ftp://x\nsrc-b,B,\nsrc-c,C,\n", NULL,
     "sources.csv:2: url: must be an http:// or https:// URL", NULL, NULL},
    {"country id not ISO3", "entities.csv",
     "id,name,type,iso3\nCHN,China,country,CHN\nUSA,US,country,USA\nWLD,W,"
     "aggregate,\nPRG,P,programme,\nXX,Nowhere,country,XXY\n",
     NULL, "entities.csv:6: iso3: a country's id must be its ISO 3166", NULL,
     NULL},
    /* vocabularies: each message names the words of fact_schema.h */
    {"kind vocabulary", "facts_a.csv", NULL,
     "x16,growth,CHN,,share,,,1,,,,exact,2021,,,,,,src-a,,,," EV "\n",
     "facts_a.csv:12: kind: 'growth' is not one of target, tariff_rate, "
     "gdp_share, growth_target, statement, statistic",
     NULL, NULL},
    {"rank vocabulary", "facts_a.csv", NULL,
     "x17,gdp_share,CHN,,share,,,1,,,,exact,2021,,,,,best,src-a,,,," EV "\n",
     "facts_a.csv:12: rank: 'best' is not one of preferred, normal, "
     "deprecated",
     NULL, NULL},
    {"entity type vocabulary", "entities.csv",
     "id,name,type\nCHN,China,country\nUSA,US,country\nWLD,W,aggregate\n"
     "PRG,P,programme\nMARS,Mars,planet\n",
     NULL,
     "entities.csv:6: type: 'planet' is not one of country, aggregate, "
     "group, programme",
     NULL, NULL},
    /* the rule lists: every list says its problems; within the values,
     * a bad number gates the checks that would read it */
    {"references and numbers both said", "facts_a.csv", NULL,
     "x18,gdp_share,ZZ,,share,,,x,,,,exact,2021,,,,,,src-a,,,," EV "\n",
     "facts_a.csv:12: subject: unknown entity 'ZZ'",
     "facts_a.csv:12: value: 'x' not a number", "no value"},
    {"range needs both ends", "facts_a.csv", NULL,
     "x19,gdp_share,USA,,share,,,,50,,,range,2021,,,,,,src-a,,,," EV "\n",
     "facts_a.csv:12: value_high: a range needs both value_low and "
     "value_high",
     NULL, "outside the plausible range"},
    {"a range for a measure of words", "facts_a.csv", NULL,
     "x20,target,PRG,,words,,,,1,2,,range,,,,2030,,,src-a,,,," EV "\n",
     "facts_a.csv:12: value: measure 'words' is not numeric (qualitative): "
     "use value_text",
     NULL, NULL},
    {"ends before it starts", "facts_a.csv", NULL,
     "x21,gdp_share,CHN,,share,,,1,,,,exact,,2021-05,2021-04,,,,src-a,,,," EV
     "\n",
     "facts_a.csv:12: valid_to: ends (2021-04-30) before it starts "
     "(2021-05-01)",
     NULL, NULL},
    {"target year", "facts_a.csv", NULL,
     "x22,target,PRG,,words,,,,,,more,exact,,,,1800,,,src-a,,,," EV "\n",
     "facts_a.csv:12: target_year: '1800': year outside 1900..2100", NULL,
     NULL},
    {"known_from not a date", "facts_a.csv", NULL,
     "x23,gdp_share,CHN,,share,,,1,,,,exact,2021,,,,2021-02-30,,src-a,,,," EV
     "\n",
     "facts_a.csv:12: known_from: '2021-02-30' is not a date", NULL, NULL},
    {"duplicate id in another file", "facts_b.csv",
     "id,kind,subject,measure,qualifier,source_id,value,period,evidence,"
     "data_file,data_row\n"
     "avg.2021,gdp_share,CHN,share,exact,src-a,1,2022," EV_DATA "\n",
     NULL, "facts_b.csv:2: id: duplicate id 'avg.2021' (first at ",
     "facts_a.csv:7)", NULL},
    {"no preferred answer", "facts_a.csv", NULL,
     "x24,gdp_share,CHN,,share,,,1,,,,exact,2030,,,,,normal,src-a,,,," EV "\n"
     "x25,gdp_share,CHN,,share,,,2,,,,exact,2030,,,,,normal,src-b,,,," EV "\n",
     "facts_a.csv:12: rank: 2 fact(s) from 'x24' on answer the same "
     "question",
     NULL, NULL},
    {"measure min above max", "measures.csv",
     "id,name,unit,min,max,nature\navg,A,percent,0,1000,estimate\n"
     "rate,R,percent,0,1000,in_force\nshare,S,percent of GDP,0,100,estimate\n"
     "words,W,qualitative,,,in_force\nm,M,u,5,1,estimate\n",
     NULL, "measures.csv:6: max: min 5 is above max 1", NULL, NULL},
    /* provenance (issue 17): evidence, quotes that hedge the number,
     * rank reasons; each at the row's line */
    {"hedged number stated exact", "facts_a.csv", NULL,
     "x30,tariff_rate,USA,CHN,avg,usa-chn-avg,,41,,,,exact,,2022-01-01,,,,,"
     "src-a,about 41 percent,,,,text,,,,\n",
     "facts_a.csv:12: qualifier: the quote says 'about' before the fact's "
     "number",
     NULL, NULL},
    {"hedge and no number", "facts_a.csv", NULL,
     "x31,tariff_rate,USA,CHN,avg,usa-chn-avg,,41,,,,exact,,2022-01-01,,,,,"
     "src-a,roughly as high as before,,,,text,,,,\n",
     "facts_a.csv:12: qualifier: the quote says 'roughly' and does not "
     "state the number",
     NULL, NULL},
    {"text without a quote", "facts_a.csv", NULL,
     "x32,gdp_share,CHN,,share,,,1,,,,exact,2021,,,,,,src-a,,,,,text,,,,\n",
     "facts_a.csv:12: quote: evidence 'text' needs the verbatim quote", NULL,
     NULL},
    {"text names a file", "facts_a.csv", NULL,
     "x33,gdp_share,CHN,,share,,,1,,,,exact,2021,,,,,,src-a,one percent,,,,"
     "text,o/r@1234567:f.csv,,,\n",
     "facts_a.csv:12: data_file: evidence 'text' names no data file or row",
     NULL, NULL},
    {"data without its row", "facts_a.csv", NULL,
     "x34,gdp_share,CHN,,share,,,1,,,,exact,2021,,,,,,src-a,,,,,data,"
     "o/r@1234567:f.csv,,,\n",
     "facts_a.csv:12: data_row: evidence 'data' needs the row of the file",
     NULL, NULL},
    {"data file form", "facts_a.csv", NULL,
     "x35,gdp_share,CHN,,share,,,1,,,,exact,2021,,,,,,src-a,,,,,data,"
     "somewhere,9,,\n",
     "facts_a.csv:12: data_file: 'somewhere' is not owner/repo@commit:path",
     NULL, NULL},
    {"data row form", "facts_a.csv", NULL,
     "x36,gdp_share,CHN,,share,,,1,,,,exact,2021,,,,,,src-a,,,,,data,"
     "o/r@1234567:f.csv,line 9,,\n",
     "facts_a.csv:12: data_row: 'line 9' is not a line number (N)", NULL, NULL},
    {"evidence vocabulary", "facts_a.csv", NULL,
     "x37,gdp_share,CHN,,share,,,1,,,,exact,2021,,,,,,src-a,,,,,memory,,,,\n",
     "facts_a.csv:12: evidence: 'memory' is not one of text, data", NULL, NULL},
    {"deprecated without a reason", "facts_a.csv", NULL,
     "x38,gdp_share,CHN,,share,,,1,,,,exact,2021,,,,,deprecated,src-a,,,," EV
     "\n",
     "facts_a.csv:12: rank_reason: a deprecated fact says why", NULL, NULL},
    {"tariff fact without a series", "facts_a.csv", NULL,
     "x39,tariff_rate,USA,CHN,rate,,,5,,,,exact,,2021-01-01,,,,,src-a,,,," EV
     "\n",
     "facts_a.csv:12: series: a tariff fact names its series", NULL, NULL},
    {"series not in series.csv", "facts_a.csv", NULL,
     "x40,tariff_rate,USA,CHN,rate,usa-chn-zz,,5,,,,exact,,2021-01-01,,,,,"
     "src-a,,,," EV "\n",
     "facts_a.csv:12: series: unknown series 'usa-chn-zz' (not in "
     "series.csv)",
     NULL, NULL},
    {"series of another pair", "facts_a.csv", NULL,
     "x41,tariff_rate,CHN,USA,rate,usa-chn-l1,,5,,,,exact,,2021-01-01,,,,,"
     "src-a,,,," EV "\n",
     "facts_a.csv:12: series: series 'usa-chn-l1' is USA->CHN, the fact "
     "CHN->USA",
     NULL, NULL},
    /* knowledge time: given with its rule, else derived, never empty */
    {"known_from without its rule", "facts_a.csv", NULL,
     "x42,gdp_share,CHN,,share,,,1,,,,exact,2021,,,,2022-02-01,,src-a,,,," EV
     "\n",
     "facts_a.csv:12: known_from_rule: a known_from given in the row says "
     "how it was obtained",
     NULL, NULL},
    {"rule without known_from", "facts_a.csv", NULL,
     "x43,gdp_share,CHN,,share,,,1,,,,exact,2021,,,,,,src-a,,,,,data,"
     "o/r@1234567:f.csv,9,announced,\n",
     "facts_a.csv:12: known_from: known_from_rule 'announced' without "
     "known_from",
     NULL, NULL},
    {"a derived rule given", "facts_a.csv", NULL,
     "x44,gdp_share,CHN,,share,,,1,,,,exact,2021,,,,2022-02-01,,src-a,,,,"
     ",data,o/r@1234567:f.csv,9,effective,\n",
     "facts_a.csv:12: known_from_rule: 'effective' is derived by the loader",
     NULL, NULL},
    {"known_from_rule vocabulary", "facts_a.csv", NULL,
     "x45,gdp_share,CHN,,share,,,1,,,,exact,2021,,,,2022-02-01,,src-a,,,,"
     ",data,o/r@1234567:f.csv,9,guess,\n",
     "facts_a.csv:12: known_from_rule: 'guess' is not one of row, announced, "
     "bound, effective, source_published, vintage",
     NULL, NULL},
    {"no knowledge time", "facts_a.csv", NULL,
     "x46,gdp_share,CHN,,share,,,1,,,,exact,2021,,,,,,src-c,,,," EV "\n",
     "facts_a.csv:12: known_from: no knowledge time: give known_from with "
     "its rule, or a published date for source 'src-c'",
     NULL, NULL},
    /* reachability: an estimate of a tariff series must have a date */
    {"unreachable estimate", "facts_a.csv", NULL,
     "x47,tariff_rate,USA,CHN,avg,usa-chn-avg,,5,,,,exact,,,,,,,src-a,,,," EV
     "\n",
     "facts_a.csv:12: -: fact 'x47' is unreachable: an estimate of a tariff "
     "series with no date",
     NULL, NULL},
    /* the new reference tables and columns */
    {"measure nature", "measures.csv", NULL, "m2,M,percent,,,0,1,,sometimes\n",
     "measures.csv:6: nature: 'sometimes' is not one of in_force, estimate",
     NULL, NULL},
    {"published_kind vocabulary", "sources.csv", NULL,
     "src-d,D,,,2020,,,,guessed\n",
     "sources.csv:5: published_kind: 'guessed' is not one of published, "
     "vintage",
     NULL, NULL},
    {"series replaces an unknown series", "series.csv", NULL,
     "usa-chn-x,X,USA,CHN,,all_goods,replaces,usa-wld-none,b,,\n",
     "series.csv:6: replaces: unknown series 'usa-wld-none'", NULL, NULL},
    {"series replaces nothing", "series.csv", NULL,
     "usa-chn-x,X,USA,CHN,,all_goods,replaces,,b,,\n",
     "series.csv:6: replaces: combines 'replaces' needs the series it "
     "replaces",
     NULL, NULL},
    {"series scope vocabulary", "series.csv", NULL,
     "usa-chn-x,X,USA,CHN,,some_goods,stacks,,b,,\n",
     "series.csv:6: scope: 'some_goods' is not one of all_goods, products",
     NULL, NULL},
    {"series of an unknown entity", "series.csv", NULL,
     "usa-xxx-x,X,USA,XXX,,all_goods,stacks,,b,,\n",
     "series.csv:6: target: unknown entity 'XXX'", NULL, NULL},
    {"outcome measure unknown after every adapter", "outcome_links.csv", NULL,
     "words,nope,CHN,same,,at_least_low\n",
     "outcome_links.csv:3: outcome_measure: unknown measure 'nope'", NULL,
     NULL},
    {"proxy link without a note", "outcome_links.csv", NULL,
     "words,avg,CHN,proxy,,at_least_low\n",
     "outcome_links.csv:3: note: a proxy link must say how the two series "
     "differ",
     NULL, NULL},
    {"link from an unknown target measure", "outcome_links.csv", NULL,
     "nope,share,CHN,same,,at_most\n",
     "outcome_links.csv:3: target_measure: unknown measure 'nope'", NULL, NULL},
    {"link given twice", "outcome_links.csv", NULL,
     "words,share,CHN,same,,at_most\n",
     "outcome_links.csv:3: -: the link from 'words' to 'share' for 'CHN' is "
     "given twice",
     NULL, NULL},
    {"status rule vocabulary", "outcome_links.csv", NULL,
     "words,avg,CHN,same,,at_best\n",
     "outcome_links.csv:3: status_rule: 'at_best' is not one of "
     "at_least_low, at_most",
     NULL, NULL},
    {"source published not a date", "sources.csv",
     "id,title,published\nsrc-a,A,2020-01-15\nsrc-b,B,2021-06\n"
     "src-c,C,\nsrc-d,D,2021-99\n",
     NULL,
     "sources.csv:5: published: not a date (expected YYYY, YYYY-MM or "
     "YYYY-MM-DD)",
     NULL, NULL},
};

static void bad_cases(const char *out, const char *good, size_t good_len)
{
    char dir[512], path[600];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct bad_case *c = &cases[i];
        char *msg = NULL;
        snprintf(dir, sizeof dir, "%s/case%zu", tmpdir, i);
        copy_fixture(dir);
        snprintf(path, sizeof path, "%s/%s", dir, c->file);
        if (c->contents) {
            spit(path, c->contents);
        } else {
            FILE *f = fopen(path, "ab");
            fputs(c->row, f);
            fclose(f);
        }
        enum pf_err rc = run_load(dir, out, &msg);
        if (rc != PF_EDATA || !strstr(msg, c->expect))
            fprintf(stderr, "case '%s': rc %d, messages:\n%s", c->name, rc,
                    msg);
        CHECK_EQ_INT(rc, PF_EDATA);
        CHECK_CONTAINS(msg, c->expect);
        if (c->also)
            CHECK_CONTAINS(msg, c->also);
        if (c->never)
            CHECK(!strstr(msg, c->never));
        CHECK_CONTAINS(msg, "error(s);");
        size_t n;
        char *now = check_slurp(out, &n);
        CHECK(now && n == good_len && memcmp(now, good, n) == 0);
        free(now);
        free(msg);
    }
}

static const char *one(sqlite3 *db, const char *sql)
{
    static char out[256];
    sqlite3_stmt *st;
    out[0] = '\0';
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return "(prepare failed)";
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(out, sizeof out, "%s", sqlite3_column_text(st, 0));
    else
        snprintf(out, sizeof out, "(null)");
    sqlite3_finalize(st);
    return out;
}

static void good_values(const char *out)
{
    sqlite3 *db;
    CHECK_EQ_INT(sqlite3_open_v2(out, &db, SQLITE_OPEN_READONLY, NULL),
                 SQLITE_OK);
    CHECK_EQ_STR(one(db, "SELECT count(*) FROM facts"), "9");
    /* BOM stripped: the first source id is exactly src-a */
    CHECK_EQ_STR(one(db, "SELECT title FROM sources WHERE id='src-a'"),
                 "Report A, with a comma");
    CHECK_EQ_STR(one(db, "SELECT notes FROM sources WHERE id='src-b'"),
                 "a note with \"quotes\"");
    CHECK_EQ_STR(one(db, "SELECT value_text FROM facts WHERE "
                         "id='target.prg.2030'"),
                 "a \"quoted\", multi-line\nvalue");
    /* valid time from the period, and from the series */
    CHECK_EQ_STR(one(db, "SELECT valid_to FROM facts WHERE id='gdp.chn.2019'"),
                 "2019-12-31");
    CHECK_EQ_STR(one(db, "SELECT valid_to FROM facts WHERE id='avg.2020.a'"),
                 "2020-12-31");
    CHECK_EQ_STR(one(db, "SELECT valid_to FROM facts WHERE id='avg.2021'"),
                 "(null)");
    /* a fact alone on its question is preferred; knowledge time from the
     * source, a partial date counted from the end of its period */
    CHECK_EQ_STR(one(db, "SELECT rank FROM facts WHERE id='avg.2021'"),
                 "preferred");
    CHECK_EQ_STR(one(db, "SELECT known_by FROM facts WHERE id='avg.2021'"),
                 "2021-06-30");
    /* a tariff layer in force from an undated source is known from its
     * effective date; a statistics source's facts from its vintage */
    CHECK_EQ_STR(one(db, "SELECT known_from || ' ' || known_from_rule || ' ' "
                         "|| known_by FROM facts WHERE id='rate.l1.2019'"),
                 "2019-01-01 effective 2019-01-01");
    CHECK_EQ_STR(one(db, "SELECT known_from_rule FROM facts WHERE "
                         "id='avg.2021'"),
                 "vintage");
    CHECK_EQ_STR(one(db, "SELECT known_from_rule FROM facts WHERE "
                         "id='avg.2020.a'"),
                 "source_published");
    /* nature from the measure; the end an estimate states (its day), the
     * end its series derives, and the value that derived it */
    CHECK_EQ_STR(one(db, "SELECT nature || ' ' || stated_to || ' ' || "
                         "valid_to || ' ' || (SELECT id FROM facts g WHERE "
                         "g.rowid=f.ended_by) FROM facts f WHERE "
                         "id='avg.2020.a'"),
                 "estimate 2020-02-14 2020-12-31 avg.2021");
    CHECK_EQ_STR(one(db, "SELECT nature || ' ' || ifnull(stated_to, 'null') "
                         "|| ' ' || ifnull(ended_by, 'null') FROM facts "
                         "WHERE id='rate.l1.2019'"),
                 "in_force null null");
    CHECK_EQ_STR(one(db, "SELECT evidence || ' ' || data_file || ' ' || "
                         "data_row FROM facts WHERE id='rate.l1.2019'"),
                 "data https://example.org/rates.csv geo=chn,time=2019");
    CHECK_EQ_STR(one(db, "SELECT rank_reason FROM facts WHERE "
                         "id='avg.2020.b'"),
                 "a rounded figure beside the preferred one");
    /* the reference tables of the temporal model */
    CHECK_EQ_STR(one(db, "SELECT replaces FROM series WHERE "
                         "id='usa-chn-own'"),
                 "usa-wld-base");
    CHECK_EQ_STR(one(db, "SELECT match || ' ' || status_rule FROM "
                         "outcome_links"),
                 "proxy at_least_low");
    CHECK_EQ_STR(one(db, "SELECT group_concat(published_kind) FROM (SELECT "
                         "published_kind FROM sources ORDER BY id)"),
                 "published,vintage,published");
    CHECK_EQ_STR(one(db, "SELECT nature FROM measures WHERE id='rate'"),
                 "in_force");
    CHECK_EQ_STR(one(db, "SELECT value FROM facts WHERE id='gdp.chn.2020'"),
                 "39.25");
    CHECK_EQ_STR(one(db, "SELECT count(*) FROM facts_fts WHERE facts_fts "
                         "MATCH 'roughly'"),
                 "1");
    CHECK_EQ_STR(one(db, "PRAGMA journal_mode"), "delete");
    /* a fact without a rank is normal (ordinal 1: its place in PF_RANKS)
     * unless it alone answers its question; knowledge time as stated, or
     * the source's publication date */
    CHECK_EQ_STR(one(db, "SELECT rank || ' ' || rank_ord FROM facts WHERE "
                         "id='avg.2020.b'"),
                 "normal 1");
    CHECK_EQ_STR(one(db, "SELECT rank || ' ' || rank_ord FROM facts WHERE "
                         "id='avg.2020.a'"),
                 "preferred 0");
    CHECK_EQ_STR(one(db, "SELECT known_from FROM facts WHERE id='avg.2021'"),
                 "2021-06");
    CHECK_EQ_STR(one(db, "SELECT typeof(value) || typeof(target_year) FROM "
                         "facts WHERE id='gdp.chn.2019'"),
                 "realnull");
    CHECK_EQ_STR(one(db, "SELECT typeof(target_year) || target_year FROM "
                         "facts WHERE id='target.prg.2030'"),
                 "integer2030");
    CHECK_EQ_STR(one(db, "SELECT vf_key || '|' || kb_key || '|' || "
                         "ifnull(known_by, 'null') FROM facts WHERE "
                         "id='target.prg.2030'"),
                 "|2020-01-15|2020-01-15");
    sqlite3_close(db);
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* A file named like a temporary of OUT, by process pid, aged age seconds. */
static void fake_temp(char *path,
                      size_t size,
                      const char *out,
                      long pid,
                      const char *suffix,
                      int age)
{
    snprintf(path, size, "%s.tmp-%ld-%s", out, pid, suffix);
    spit(path, "half a database");
    struct timeval tv[2];
    gettimeofday(&tv[0], NULL);
    tv[0].tv_sec -= age;
    tv[1] = tv[0];
    utimes(path, tv);
}

/* A load removes the temporaries of killed loads of the same target (their
 * process is gone and they have not been written for a minute) and leaves
 * those of a live process, a fresh one, and other files alone. */
static void stale_temps(const char *out)
{
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    waitpid(child, NULL, 0); /* its pid is now free */
    char dead_old[400], dead_new[400], live[400], other[400], *msg = NULL;
    fake_temp(dead_old, sizeof dead_old, out, (long)child, "Ab3dEf", 3600);
    fake_temp(dead_new, sizeof dead_new, out, (long)child, "Gh5jKl", 0);
    fake_temp(live, sizeof live, out, (long)getpid(), "Mn7pQr", 3600);
    snprintf(other, sizeof other, "%s.tmp-notapid-Ab3dEf", out);
    spit(other, "not ours");
    CHECK_EQ_INT(run_load(FIXTURE, out, &msg), PF_OK);
    CHECK(!exists(dead_old));
    CHECK_CONTAINS(msg, "left by a load that was stopped");
    CHECK(exists(dead_new));
    CHECK(exists(live));
    CHECK(exists(other));
    free(msg);
    /* and the load's own temporary is gone: only the four files above
     * and OUT remain beside it */
    int n = 0;
    DIR *d = opendir(tmpdir);
    for (struct dirent *e; d && (e = readdir(d));)
        n += strstr(e->d_name, ".tmp-") != NULL;
    if (d)
        closedir(d);
    CHECK_EQ_INT(n, 3);
    unlink(dead_new);
    unlink(live);
    unlink(other);
}

/* Whole-directory problems, the error limit, and failures of the loader
 * itself (not data errors). */
static void directory_cases(const char *out)
{
    char dir[512], path[600], *msg = NULL;
    snprintf(dir, sizeof dir, "%s/dircase", tmpdir);
    copy_fixture(dir);
    snprintf(path, sizeof path, "%s/measures.csv", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/facts_a.csv", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/facts_b.csv", dir);
    unlink(path);
    CHECK_EQ_INT(run_load(dir, out, &msg), PF_EDATA);
    CHECK_CONTAINS(msg, "/dircase/measures.csv:0: -: missing reference table");
    CHECK_CONTAINS(msg,
                   "/dircase:0: -: no wdi/manifest.csv or facts_*.csv file");
    /* without measures.csv, the outcome link's target measure is unknown */
    CHECK_CONTAINS(msg, "/dircase/outcome_links.csv:2: target_measure: "
                        "unknown measure 'words'");
    CHECK_CONTAINS(msg, "policyfacts load: 3 error(s);");
    free(msg);

    /* past --max-errors, errors are only counted */
    CHECK_EQ_INT(run_load_max(dir, out, 1, &msg), PF_EDATA);
    CHECK_CONTAINS(msg, "... and 2 more errors\n");
    CHECK(!strstr(msg, "no facts_*.csv"));
    free(msg);

    /* no such input directory, no such output directory */
    snprintf(path, sizeof path, "%s/nowhere", tmpdir);
    CHECK_EQ_INT(run_load(path, out, &msg), PF_EIO);
    CHECK_CONTAINS(msg, "/nowhere: No such file or directory");
    free(msg);
    snprintf(path, sizeof path, "%s/nowhere/x.db", tmpdir);
    CHECK_EQ_INT(run_load(FIXTURE, path, &msg), PF_EIO);
    CHECK_CONTAINS(msg, "policyfacts load: cannot create a file beside");
    free(msg);
}

/* Sets the fact field called name, as an adapter would. */
static void set(struct load_fact *f, const char *name, const char *value)
{
#define FIELD_NAME(n, type, flags) #n,
    static const char *const names[LF_COUNT] = {PF_FACT_FIELDS(FIELD_NAME)};
#undef FIELD_NAME
    for (int k = 0; k < LF_COUNT; k++)
        if (strcmp(names[k], name) == 0)
            load_fact_set(f, (enum load_field)k, value, strlen(value));
}

/* The row rules on a fact made in memory, as a source adapter other than
 * the CSV tables makes them: no file, one shared path. */
static void rules_in_memory(void)
{
    struct load_refs refs;
    struct load_measure share = {.numeric = true, .min = 0, .max = 100};
    struct load_source src = {.published = "2020-01-15"};
    char *msg = NULL;
    size_t len;
    FILE *m = open_memstream(&msg, &len);
    struct load_report rep = {.msg = m, .max_errors = 10};
    const struct load_rule_env env = {.refs = &refs, .rep = &rep};

    load_refs_init(&refs);
    snprintf(share.unit, sizeof share.unit, "percent");
    refs.measures = &share;
    refs.sources = &src;
    CHECK_EQ_INT(refmap_put(&refs.entity_ids, "CHN", 0), PF_OK);
    CHECK_EQ_INT(refmap_put(&refs.measure_ids, "share", 0), PF_OK);
    CHECK_EQ_INT(refmap_put(&refs.source_ids, "src-a", 0), PF_OK);

    struct load_fact f;
    load_fact_init(&f, "memory", 7);
    set(&f, "id", "t1");
    set(&f, "kind", "gdp_share");
    set(&f, "subject", "CHN");
    set(&f, "measure", "share");
    set(&f, "value", "40");
    set(&f, "qualifier", "exact");
    set(&f, "period", "2021-03");
    set(&f, "source_id", "src-a");
    set(&f, "evidence", "data");
    set(&f, "data_file", "datasets/wdi@4ebec5a:indicators/x/data.csv");
    set(&f, "data_row", "2191");
    CHECK(load_rules_check(&env, &f));
    CHECK_EQ_STR(f.out[LF_valid_from], "2021-03-01");
    CHECK_EQ_STR(f.out[LF_valid_to], "2021-03-31");
    CHECK_EQ_STR(f.out[LF_known_from], "2020-01-15");
    CHECK_EQ_STR(f.known_by, "2020-01-15");
    CHECK_EQ_STR(f.out[LF_rank], "normal");
    CHECK_EQ_INT(f.rank_ord, 1);
    CHECK(f.has_num[LF_value] && f.num[LF_value] == 40);
    CHECK_EQ_INT(rep.nerrors, 0);

    set(&f, "value", "140");
    CHECK(!load_rules_check(&env, &f));
    fflush(m);
    CHECK_EQ_STR(msg, "memory:7: value: 140 is outside the plausible range "
                      "0..100 for measure 'share' (percent)\n");
    fclose(m);
    free(msg);
    refs.measures = NULL;
    refs.sources = NULL;
    load_refs_free(&refs);

    /* every rule has a name, unique across the lists (a fact will record
     * the names of the rules that derived its values) */
    const struct load_rule_list *lists[] = {&load_rules_refs, &load_rules_value,
                                            &load_rules_provenance,
                                            &load_rules_time};
    for (size_t a = 0; a < 4; a++)
        for (size_t i = 0; i < lists[a]->n; i++) {
            const char *name = lists[a]->rules[i].name;
            CHECK(name && *name);
            for (size_t b = 0; b < 4; b++)
                for (size_t j = 0; j < lists[b]->n; j++)
                    if (a != b || i != j)
                        CHECK(strcmp(name, lists[b]->rules[j].name) != 0);
        }
}

/* The hedge rule on the quotes the research checked (data/research/
 * qualifier_fixes.csv): a hedge before the fact's own number makes
 * 'exact' wrong; one before another number of the quote does not. */
static const struct hedge_case {
    const char *quote, *value, *qualifier;
    bool ok;
} hedge_cases[] = {
    {"it lowered the average tariff to around 40%.", "40", "exact", false},
    {"it lowered the average tariff to around 40%.", "40", "approx", true},
    {"an additional duty rate of 15 percent – not 10 percent as originally "
     "announced – will begin Sept. 1, 2019, on products imported from China "
     "... valued at approximately $300 billion",
     "15", "exact", true},
    {"what is known about China's tariffs is that they will also remain "
     "elevated at an average of 20.9 percent, down only slightly from their "
     "current average rate of 21.1 percent.",
     "21.1", "exact", true},
    {"The United States will lower its tariffs to 7.5 percent from 15 "
     "percent on over $100 billion of Chinese exports",
     "7.5", "exact", true},
    {"These tariffs are more than 40 times higher than before the US-China "
     "tariff war began in 2018 and are already 6 times higher than the "
     "average US tariff on China of 20.8 percent",
     "20.8", "exact", true},
    {"On April 5 (10 percentage points), April 9 (74 percentage points), "
     "and April 10 (41 percentage points), the United States increased "
     "tariffs ... albeit with some sectoral carveouts",
     "10", "exact", true},
    {"GDP grows by about eight percent", "8", "exact", false},
    {"above 6 per cent", "6", "exact", false},
    {"above 6 per cent", "6", "at_least", true},
    {"costs of up to US$1,200 a tonne", "1200", "exact", false},
    {"a rate of ~40%", "40", "exact", false},
    {"List 3 at 25 percent and nearly 7.5 percent on List 4A", "25", "exact",
     true},
    {"List 3 at 25 percent and nearly 7.5 percent on List 4A", "7.5", "exact",
     false},
    {"heading 9903.01.20 at about 25%, and 20 percent more", "20", "exact",
     true},
    /* numbers in words, and a number stated twice */
    {"some forty-one percent", "41", "exact", false},
    {"his government wants a seven percent economic growth", "7", "exact",
     true},
    {"posting a nine percent year-on-year growth rate, the first time below "
     "a double-digit level since 2003",
     "9", "exact", true},
    {"expanded by 5 percent in 2024 - meeting the country's preset annual "
     "growth target of around 5 percent",
     "5", "exact", true},
    {"the target of around 5 percent, about 5 percent", "5", "exact", false},
    {"roughly as high as before", "41", "exact", false},
};

static void hedges_in_memory(void)
{
    struct load_refs refs;
    struct load_measure rate = {.numeric = true, .min = 0, .max = 10000};
    struct load_source src = {.published = "2020-01-15"};
    FILE *m = fopen("/dev/null", "w");
    struct load_report rep = {.msg = m, .max_errors = 100};
    const struct load_rule_env env = {.refs = &refs, .rep = &rep};

    load_refs_init(&refs);
    snprintf(rate.unit, sizeof rate.unit, "percent");
    refs.measures = &rate;
    refs.sources = &src;
    CHECK_EQ_INT(refmap_put(&refs.entity_ids, "CHN", 0), PF_OK);
    CHECK_EQ_INT(refmap_put(&refs.measure_ids, "rate", 0), PF_OK);
    CHECK_EQ_INT(refmap_put(&refs.source_ids, "src-a", 0), PF_OK);
    for (size_t i = 0; i < PF_ARRAY_LEN(hedge_cases); i++) {
        const struct hedge_case *h = &hedge_cases[i];
        struct load_fact f;
        load_fact_init(&f, "memory", (long)i);
        set(&f, "id", "h");
        set(&f, "kind", "target");
        set(&f, "subject", "CHN");
        set(&f, "measure", "rate");
        set(&f, "value", h->value);
        set(&f, "qualifier", h->qualifier);
        set(&f, "source_id", "src-a");
        set(&f, "evidence", "text");
        set(&f, "quote", h->quote);
        if (load_rules_check(&env, &f) != h->ok)
            fprintf(stderr, "hedge case %zu (%s, %s): want %s\n", i, h->value,
                    h->qualifier, h->ok ? "ok" : "rejected");
        CHECK(load_rules_check(&env, &f) == h->ok);
    }
    fclose(m);
    refs.measures = NULL;
    refs.sources = NULL;
    load_refs_free(&refs);
}

/* `policyfacts verify` lists the facts no answer can reach: a store
 * whose estimate lost its date (the load would have refused it). */
static void verify_lists_unreachable(const char *out)
{
    char copy[340], why[256], *msg = NULL;
    size_t len;
    long n = -1;
    snprintf(copy, sizeof copy, "%s.reach", out);
    CHECK_EQ_INT(run_load(FIXTURE, copy, &msg), PF_OK);
    free(msg);
    FILE *m = open_memstream(&msg, &len);
    CHECK_EQ_INT(load_reach_list_file(copy, m, &n, why, sizeof why), PF_OK);
    fflush(m);
    CHECK_EQ_INT(n, 0);
    CHECK_EQ_STR(msg, "");
    fclose(m);
    free(msg);
    sqlite3 *db;
    CHECK_EQ_INT(sqlite3_open(copy, &db), SQLITE_OK);
    CHECK_EQ_INT(sqlite3_exec(db,
                              "UPDATE facts SET valid_from=NULL WHERE "
                              "id='avg.2021'",
                              NULL, NULL, NULL),
                 SQLITE_OK);
    sqlite3_close(db);
    m = open_memstream(&msg, &len);
    CHECK_EQ_INT(load_reach_list_file(copy, m, &n, why, sizeof why), PF_OK);
    fflush(m);
    CHECK_EQ_INT(n, 1);
    CHECK_CONTAINS(msg, "unreachable: avg.2021: an estimate of a tariff "
                        "series with no date");
    fclose(m);
    free(msg);
    unlink(copy);
}

int main(void)
{
    char out[300], *msg = NULL;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/pf-test-load-XXXXXX");
    if (!mkdtemp(tmpdir))
        return 2;
    snprintf(out, sizeof out, "%s/out.db", tmpdir);
    rules_in_memory();
    hedges_in_memory();

    CHECK_EQ_INT(run_load(FIXTURE, out, &msg), PF_OK);
    CHECK_CONTAINS(msg, "9 facts");
    free(msg);
    struct pf_dsinfo info;
    char why[256];
    CHECK_EQ_INT(store_snapshot_check(out, true, &info, why, sizeof why),
                 PF_OK);
    CHECK_EQ_INT(info.facts, 9);
    /* The content hash (the dataset version in every ETag) of the fixture
     * as every build before this one made it: the loader and the hash must
     * keep these bytes. Change it only with a change to the data model
     * (schema 3: facts_packed). */
    CHECK_EQ_STR(info.hash, "250d1d52588e928cce3092e1c479e395");
    good_values(out);

    /* The same content gives the same version (it is a content hash). */
    char out2[320];
    snprintf(out2, sizeof out2, "%s/again.db", tmpdir);
    CHECK_EQ_INT(run_load(FIXTURE, out2, &msg), PF_OK);
    free(msg);
    struct pf_dsinfo info2;
    CHECK_EQ_INT(store_snapshot_check(out2, false, &info2, why, sizeof why),
                 PF_OK);
    CHECK_EQ_STR(info2.hash, info.hash);

    size_t good_len;
    char *good = check_slurp(out, &good_len);
    bad_cases(out, good, good_len);
    free(good);

    stale_temps(out);
    directory_cases(out);

    /* verify: missing, not SQLite, truncated */
    CHECK_EQ_INT(store_snapshot_check("/nonexistent/x.db", false, &info, why,
                                      sizeof why),
                 PF_EIO);
    CHECK_CONTAINS(why, "No such file");
    char junk[340];
    snprintf(junk, sizeof junk, "%s/junk.db", tmpdir);
    spit(junk, "this is not a database at all, just some text");
    CHECK_EQ_INT(store_snapshot_check(junk, false, &info, why, sizeof why),
                 PF_EDATA);
    CHECK_CONTAINS(why, "not an SQLite database");
    good = check_slurp(out, &good_len);
    FILE *f = fopen(junk, "wb");
    fwrite(good, 1, good_len / 2, f);
    fclose(f);
    free(good);
    CHECK_EQ_INT(store_snapshot_check(junk, true, &info, why, sizeof why),
                 PF_EDATA);
    CHECK_CONTAINS(why, "damaged or truncated database");

    verify_lists_unreachable(out);

    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    CHECK_EQ_INT(system(cmd), 0);
    return check_done("test_load");
}
