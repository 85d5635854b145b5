/* The World Bank WDI adapter: a small data directory (the good CSV
 * fixture plus a wdi/ subdirectory written here, in the raw files'
 * format) loads with the facts, entities, measures and sources it must
 * make; an empty value is a missing fact, never 0; and each bad case (a
 * malformed row, a repeated country and year, a manifest code that is not
 * its file's indicator, a file nobody names, ...) is reported at its exact
 * file:line with nothing written: an existing output file stays byte for
 * byte the same. */
#include <dirent.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "load/load.h"

#define FIXTURE "tests/fixtures/good"
#define COMMIT  "4ebec5a2273f531ba238a34dbe440394dc5a6c4b"
#define REPO    "datasets/world-development-indicators"

static char tmpdir[256];

static void spit(const char *dir, const char *name, const char *data)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    fputs(data, f);
    fclose(f);
}

static void copy_fixture(const char *dir)
{
    DIR *d = opendir(FIXTURE);
    char src[700];
    mkdir(dir, 0755);
    for (struct dirent *e; (e = readdir(d));) {
        size_t n;
        if (e->d_name[0] == '.')
            continue;
        snprintf(src, sizeof src, "%s/%s", FIXTURE, e->d_name);
        char *p = check_slurp(src, &n);
        spit(dir, e->d_name, p);
        free(p);
    }
    closedir(d);
}

/* ---- the wdi/ files ----------------------------------------------------- */

#define MANIFEST_HEAD                                                          \
    "code,measure,kind,category,unit,min,max,id_prefix,file,datapackage,"      \
    "source_id,repository,commit,path,license,published\r\n"
#define ROW_TAIL(code)                                                         \
    REPO "," COMMIT ",indicators/" code "/data.csv,CC-BY-4.0,2026-07-01\r\n"
/* imports (a new GDP component), growth (an indicator) and the fixture's
 * own measure 'share' (measures.csv gives it NE.CON.PRVT.ZS) */
#define ROW_IMPORTS(code, file)                                                \
    code                                                                       \
        ",imports,gdp_share,imports,percent of GDP,-200,500,gdp.imports," file \
        ",im.datapackage.json,wdi-im," ROW_TAIL("ne.imp.gnfs.zs")
#define ROWS_REST                                                              \
    "NY.GDP.MKTP.KD.ZG,growth,statistic,,percent,-100,200,indicator.growth,"   \
    "g.csv,g.datapackage.json,wdi-g," ROW_TAIL(                                \
        "ny.gdp.mktp.kd.zg") "NE.CON.PRVT.ZS,share,gdp_share,household_"       \
                             "consumption,percent of GDP,,,"                   \
                             "gdp.hh,hh.csv,hh.datapackage.json,wdi-"          \
                             "hh," ROW_TAIL("ne.con.prvt.zs")
#define MANIFEST MANIFEST_HEAD ROW_IMPORTS("NE.IMP.GNFS.ZS", "im.csv") ROWS_REST

#define HEAD "Country Name,Country Code,Year,Value\r\n"
/* line 3: an empty value (a missing fact); line 4: an exponent */
#define IM_CSV                                                                 \
    HEAD "Brazil,BRA,2019,14.5\r\nBrazil,BRA,2020,\r\n"                        \
         "China,CHN,2020,-9.17E-07\r\nWorld,WLD,2020,25.1\r\n"

static const char *datapackage(const char *code, const char *title)
{
    static char buf[1024];
    snprintf(buf, sizeof buf,
             "{\"title\": \"%s\", \"name\": \"%s\", \"worldbank\": "
             "{\"indicator\": \"%s\"}, \"readme\": \"What it is.\\n\\n\\nMore "
             "text.\", \"licenses\": [{\"name\": \"CC-BY-4.0\"}], "
             "\"resources\": [{\"name\": \"data\", \"path\": \"data.csv\", "
             "\"schema\": {\"fields\": [{\"name\": \"Country Name\"}, "
             "{\"name\": \"Country Code\"}, {\"name\": \"Year\"}, {\"name\": "
             "\"Value\"}]}}]}",
             title, code, code);
    return buf;
}

/* The good fixture with a good wdi/ directory, in dir. */
static void wdi_fixture(const char *dir, char *wdi, size_t wdilen)
{
    copy_fixture(dir);
    snprintf(wdi, wdilen, "%s/wdi", dir);
    mkdir(wdi, 0755);
    spit(wdi, "manifest.csv", MANIFEST);
    spit(wdi, "aggregates.csv", "code,name\nWLD,World\nEMU,Euro area\n");
    spit(wdi, "im.csv", IM_CSV);
    spit(wdi, "g.csv",
         HEAD "Brazil,BRA,2020,-3.3\r\nEuro area,EMU,2020,-6.1\r\n");
    spit(wdi, "hh.csv", HEAD "United States,USA,2018,67.9\r\n");
    spit(wdi, "im.datapackage.json",
         datapackage("ne.imp.gnfs.zs", "Imports of goods and services (% of "
                                       "GDP)"));
    spit(wdi, "g.datapackage.json",
         datapackage("ny.gdp.mktp.kd.zg", "GDP growth (annual %)"));
    spit(wdi, "hh.datapackage.json",
         datapackage("ne.con.prvt.zs", "Households consumption (% of GDP)"));
    spit(wdi, "README.md", "the files\n");
}

static enum pf_err run_load(const char *dir, const char *out, char **msg)
{
    size_t len;
    FILE *m = open_memstream(msg, &len);
    struct load_opts o = {.dir = dir, .out = out, .max_errors = 50, .msg = m};
    enum pf_err rc = load_run(&o);
    fclose(m);
    return rc;
}

/* One text of the loaded file ("" when no row). */
static const char *one(sqlite3 *db, const char *sql)
{
    static char buf[512];
    sqlite3_stmt *st;
    buf[0] = '\0';
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(buf, sizeof buf, "%s", sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return buf;
}

static void good_load(const char *out)
{
    char dir[300], wdi[320], *msg = NULL;
    sqlite3 *db;
    snprintf(dir, sizeof dir, "%s/good", tmpdir);
    wdi_fixture(dir, wdi, sizeof wdi);
    CHECK_EQ_INT(run_load(dir, out, &msg), PF_OK);
    /* 9 facts of the CSV fixture and 6 of the files (one value empty) */
    CHECK_CONTAINS(msg, "policyfacts load: 15 facts, 6 sources");
    free(msg);
    CHECK_EQ_INT(sqlite3_open_v2(out, &db, SQLITE_OPEN_READONLY, NULL),
                 SQLITE_OK);
    CHECK_EQ_STR(one(db, "SELECT value||'|'||kind||'|'||period||'|'||"
                         "source_id||'|'||known_from||'|'||known_from_rule||"
                         "'|'||rank||'|'||label FROM facts WHERE "
                         "id='gdp.imports.bra.2019'"),
                 "14.5|gdp_share|2019|wdi-im|2026-07-01|vintage|preferred|"
                 "Imports of goods and services (% of GDP), Brazil 2019");
    /* the evidence: the file at the pinned commit and the row's line */
    CHECK_EQ_STR(one(db, "SELECT evidence||'|'||data_file||'|'||data_row||"
                         "'|'||nature||'|'||ifnull(locator,'-') FROM facts "
                         "WHERE id='gdp.imports.chn.2020'"),
                 "data|" REPO "@" COMMIT ":indicators/ne.imp.gnfs.zs/data.csv"
                 "|4|estimate|-");
    /* an empty value is a missing fact, never 0 */
    CHECK_EQ_STR(one(db, "SELECT count(*) FROM facts WHERE "
                         "id='gdp.imports.bra.2020' OR (subject='BRA' AND "
                         "measure='imports' AND period='2020')"),
                 "0");
    CHECK_EQ_STR(one(db, "SELECT value FROM facts WHERE "
                         "id='gdp.imports.chn.2020'"),
                 "-9.17e-07");
    CHECK_EQ_STR(one(db, "SELECT kind||'|'||value FROM facts WHERE "
                         "id='indicator.growth.emu.2020'"),
                 "statistic|-6.1");
    CHECK_EQ_STR(one(db, "SELECT source_id FROM facts WHERE "
                         "id='gdp.hh.usa.2018' AND measure='share'"),
                 "wdi-hh");
    /* entities: economies and aggregates from the files; the fixture's
     * own rows stay as they are */
    CHECK_EQ_STR(one(db, "SELECT name||'|'||type||'|'||iso3 FROM entities "
                         "WHERE id='BRA'"),
                 "Brazil|country|BRA");
    CHECK_EQ_STR(one(db, "SELECT name||'|'||type||'|'||ifnull(iso3,'-') "
                         "FROM entities WHERE id='EMU'"),
                 "Euro area|aggregate|-");
    CHECK_EQ_STR(one(db, "SELECT name FROM entities WHERE id='USA'"),
                 "United States");
    /* measures: a new one from the manifest and the datapackage; the
     * fixture's 'share' once, as measures.csv has it */
    CHECK_EQ_STR(one(db, "SELECT name||'|'||unit||'|'||category||'|'||code"
                         "||'|'||min||'|'||description||'|'||nature FROM "
                         "measures WHERE id='imports'"),
                 "Imports of goods and services (% of GDP)|percent of "
                 "GDP|imports|NE.IMP.GNFS.ZS|-200.0|What it is. More "
                 "text.|estimate");
    CHECK_EQ_STR(one(db, "SELECT count(*)||'|'||max(name) FROM measures "
                         "WHERE id='share'"),
                 "1|Household share");
    /* one source per file, at the pinned commit */
    CHECK_EQ_STR(one(db, "SELECT url||'|'||published||'|'||license FROM "
                         "sources WHERE id='wdi-g'"),
                 "https://github.com/" REPO "/blob/" COMMIT
                 "/indicators/ny.gdp.mktp.kd.zg/data.csv|2026-07-01|"
                 "CC-BY-4.0");
    CHECK_EQ_STR(one(db, "SELECT count(*) FROM facts WHERE source_id LIKE "
                         "'wdi-%' AND (evidence<>'data' OR known_from_rule<>"
                         "'vintage' OR data_row IS NULL)"),
                 "0");
    sqlite3_close(db);
}

struct bad {
    const char *name;
    const char *file; /* in wdi/ */
    const char *contents;
    const char *expect; /* after the directory: "/wdi/FILE:LINE: ..." */
};

static const struct bad bad[] = {
    {"malformed row: too few fields", "im.csv", IM_CSV "Brazil,BRA,2021\r\n",
     "/wdi/im.csv:6: -: row has 3 fields, the header has 4"},
    {"malformed row: not a year", "im.csv", IM_CSV "Brazil,BRA,20x1,1\r\n",
     "/wdi/im.csv:6: Year: '20x1': not a year"},
    {"malformed row: not a number", "im.csv", IM_CSV "Brazil,BRA,2021,n/a\r\n",
     "/wdi/im.csv:6: value: 'n/a' not a number"},
    {"malformed row: not a country code", "im.csv",
     IM_CSV "Brazil,Brazil,2021,1\r\n",
     "/wdi/im.csv:6: Country Code: 'Brazil': expected three upper-case"},
    {"malformed CSV", "g.csv", HEAD "Brazil,\"BRA,2021,1\r\n",
     "/wdi/g.csv:2: -: malformed CSV"},
    {"wrong header", "g.csv",
     "Country,Code,Year,Value\r\nBrazil,BRA,2020,1\r\n",
     "/wdi/g.csv:1: Country: unknown column"},
    {"duplicate country and year", "im.csv", IM_CSV "Brazil,BRA,2019,15\r\n",
     "/wdi/im.csv:6: Year: BRA has 2019 already at line 2"},
    {"duplicate with an empty value", "im.csv", IM_CSV "Brazil,BRA,2020,3\r\n",
     "/wdi/im.csv:6: Year: BRA has 2020 already at line 3"},
    {"unknown code in the manifest", "manifest.csv",
     MANIFEST_HEAD ROW_IMPORTS("NE.IMP.XX.ZS", "im.csv") ROWS_REST,
     "/wdi/manifest.csv:2: code: 'NE.IMP.XX.ZS': not the indicator its "
     "datapackage names"},
    {"manifest code not a World Bank code", "manifest.csv",
     MANIFEST_HEAD ROW_IMPORTS("ne.imp.gnfs.zs", "im.csv") ROWS_REST,
     "/wdi/manifest.csv:2: code: 'ne.imp.gnfs.zs': not a World Bank "
     "indicator code"},
    {"manifest names no such file", "manifest.csv",
     MANIFEST_HEAD ROW_IMPORTS("NE.IMP.GNFS.ZS", "nope.csv") ROWS_REST,
     "/wdi/manifest.csv:2: file: 'nope.csv': no such file"},
    {"manifest repeats a code", "manifest.csv",
     MANIFEST
     "NE.IMP.GNFS.ZS,imports2,gdp_share,imports,percent of GDP,0,1,"
     "gdp.im2,im.csv,im.datapackage.json,wdi-im2," ROW_TAIL("ne.imp.gnfs.zs"),
     "/wdi/manifest.csv:5: code: 'NE.IMP.GNFS.ZS' is already at line 2"},
    {"manifest unit not the measure's", "manifest.csv",
     MANIFEST_HEAD ROW_IMPORTS(
         "NE.IMP.GNFS.ZS",
         "im.csv") "NY.GDP.MKTP.KD.ZG,growth,statistic,,percent,-100,200,"
                   "indicator.growth,"
                   "g.csv,g.datapackage.json,wdi-g," ROW_TAIL(
                       "ny.gdp.mktp.kd.zg") "NE.CON.PRVT.ZS,share,gdp_share,"
                                            "household_consumption,percent,,,"
                                            "gdp.hh,hh.csv,hh.datapackage.json,"
                                            "wdi-hh," ROW_TAIL(
                                                "ne.con.prvt.zs"),
     "/wdi/manifest.csv:4: unit: 'percent', but measures.csv gives measure "
     "'share' 'percent of GDP'"},
    {"a file nobody names", "stray.csv", HEAD,
     "/wdi:0: stray.csv: file not named by manifest.csv"},
    {"an economy the entities table calls an aggregate", "aggregates.csv",
     "code,name\nEMU,Euro area\n",
     "/wdi/im.csv:5: Country Code: entities.csv makes 'WLD' a aggregate, but "
     "it is an economy in the WDI"},
    {"not a datapackage", "g.datapackage.json",
     "{\"title\": ", "/wdi/g.datapackage.json:1: -: not a datapackage.json"},
};

static void bad_cases(const char *out, const char *before, size_t before_len)
{
    char dir[300], wdi[320];
    for (size_t i = 0; i < PF_ARRAY_LEN(bad); i++) {
        char *msg = NULL, want[600];
        size_t len;
        snprintf(dir, sizeof dir, "%s/bad%zu", tmpdir, i);
        wdi_fixture(dir, wdi, sizeof wdi);
        spit(wdi, bad[i].file, bad[i].contents);
        enum pf_err rc = run_load(dir, out, &msg);
        snprintf(want, sizeof want, "%s%s", dir, bad[i].expect);
        if (rc != PF_EDATA || !strstr(msg, want))
            fprintf(stderr, "case '%s': rc %d, messages:\n%s", bad[i].name, rc,
                    msg);
        CHECK_EQ_INT(rc, PF_EDATA);
        CHECK_CONTAINS(msg, want);
        CHECK_CONTAINS(msg, "not written");
        /* nothing written: the earlier output is untouched */
        char *after = check_slurp(out, &len);
        CHECK(after && len == before_len && memcmp(after, before, len) == 0);
        free(after);
        free(msg);
    }
}

int main(void)
{
    char out[300];
    size_t len;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/pf-test-wdi-XXXXXX");
    if (!mkdtemp(tmpdir))
        return 1;
    snprintf(out, sizeof out, "%s/out.db", tmpdir);
    good_load(out);
    char *before = check_slurp(out, &len);
    CHECK(before != NULL && len > 0);
    bad_cases(out, before, len);
    free(before);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    return check_done("test_wdi");
}
