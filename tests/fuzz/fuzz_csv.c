/* The CSV loader end to end: the input becomes one table file of a data
 * directory whose other tables are minimal and valid, and load_run builds
 * a store from it.
 *
 * Input: byte 0 picks which file the rest replaces (mostly the facts file;
 * sometimes sources.csv, entities.csv or measures.csv, with the facts file
 * kept valid). series.csv and outcome_links.csv stay fixed.
 *
 * Invariants:
 *  - load_run returns PF_OK or PF_EDATA (a failure of the loader itself,
 *    PF_EIO, PF_EDB or PF_ENOMEM, would be a bug here);
 *  - on success the output exists and store_snapshot_check accepts it
 *    (full check);
 *  - on failure no output file appears;
 *  - either way no temporary file is left next to the output. */
#include "fuzz_common.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load/load.h"
#include "store/snapshot_check.h"

static const char sources_csv[] =
    "id,title,publisher,url,published,license,retrieved_from,notes\n"
    "src-a,Source A,Pub,https://example.org/a,2024-05-01,CC-BY-4.0,,\n"
    "src-b,Source B,,,2023,,,\n";
static const char entities_csv[] = "id,name,type,iso3,notes\n"
                                   "CHN,China,country,CHN,\n"
                                   "USA,United States,country,USA,\n"
                                   "mic2025,Made in China 2025,programme,,\n";
static const char measures_csv[] =
    "id,name,unit,category,code,min,max,description,nature\n"
    "average_tariff_rate,Average tariff rate,percent,average,,0,1000,,"
    "estimate\n"
    "consumption_share,Consumption share,percent of GDP,,NE.CON.TOTL.ZS,0,"
    "100,,estimate\n"
    "wording,Wording,qualitative,,,,,,in_force\n";
static const char facts_csv[] =
    "id,kind,subject,object,measure,series,label,value,value_low,value_high,"
    "value_text,qualifier,period,valid_from,valid_to,target_year,known_from,"
    "rank,source_id,quote,locator,statement,notes,evidence,data_file,"
    "data_row\n"
    "f1,tariff_rate,USA,CHN,average_tariff_rate,usa-chn,Avg,3.1,,,,exact,,"
    "2017-01-20,,,,,src-a,\"quote, with comma\",,,,text,,\n"
    "f2,gdp_share,CHN,,consumption_share,,,39.1,,,,approx,2023,,,,,,src-b,,,"
    ",,data,o/r@1234567:d.csv,2\n";
/* Fixed tables the facts refer to (not fuzzed). */
static const char series_csv[] =
    "id,name,imposer,target,authority,scope,combines,replaces,basis,"
    "source_id,notes\n"
    "usa-chn,US average on China,USA,CHN,,all_goods,none,,an estimate,,\n";
static const char links_csv[] = "target_measure,outcome_measure,subject,"
                                "match,note,status_rule\n"
                                "wording,consumption_share,CHN,proxy,a "
                                "note,at_least_low\n";

static char g_dir[256];
static char g_out[300];
static char g_path[6][300];
static FILE *g_null;

static void write_file(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    FUZZ_ASSERT(f);
    FUZZ_ASSERT(fwrite(p, 1, n, f) == n);
    FUZZ_ASSERT(fclose(f) == 0);
}

static void cleanup(void)
{
    char outdir[300];
    for (int i = 0; i < 6; i++)
        unlink(g_path[i]);
    unlink(g_out);
    snprintf(outdir, sizeof outdir, "%s.out", g_dir);
    rmdir(outdir);
    rmdir(g_dir);
}

static void setup(void)
{
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(g_dir, sizeof g_dir, "%s/pf-fuzz-csv-XXXXXX", base);
    FUZZ_ASSERT(mkdtemp(g_dir));
    snprintf(g_path[0], sizeof g_path[0], "%s/facts_fuzz.csv", g_dir);
    snprintf(g_path[1], sizeof g_path[1], "%s/sources.csv", g_dir);
    snprintf(g_path[2], sizeof g_path[2], "%s/entities.csv", g_dir);
    snprintf(g_path[3], sizeof g_path[3], "%s/measures.csv", g_dir);
    snprintf(g_path[4], sizeof g_path[4], "%s/series.csv", g_dir);
    snprintf(g_path[5], sizeof g_path[5], "%s/outcome_links.csv", g_dir);
    write_file(g_path[4], series_csv, sizeof series_csv - 1);
    write_file(g_path[5], links_csv, sizeof links_csv - 1);
    snprintf(g_out, sizeof g_out, "%s.out/store.db", g_dir);
    char outdir[300];
    snprintf(outdir, sizeof outdir, "%s.out", g_dir);
    FUZZ_ASSERT(mkdir(outdir, 0700) == 0);
    g_null = fopen("/dev/null", "w");
    FUZZ_ASSERT(g_null);
    atexit(cleanup);
}

/* Counts entries of the output directory (the store and any temp file). */
static int count_out_entries(void)
{
    char outdir[300];
    snprintf(outdir, sizeof outdir, "%s.out", g_dir);
    DIR *d = opendir(outdir);
    FUZZ_ASSERT(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 65536)
        return 0;
    if (!g_null)
        setup();
    int which = data[0] % 8; /* 0-4: facts, 5: sources, 6: entities, 7: m */
    which = which <= 4 ? 0 : which - 4;
    const void *deflt[4] = {facts_csv, sources_csv, entities_csv, measures_csv};
    size_t dlen[4] = {sizeof facts_csv - 1, sizeof sources_csv - 1,
                      sizeof entities_csv - 1, sizeof measures_csv - 1};
    for (int i = 0; i < 4; i++) {
        if (i == which)
            write_file(g_path[i], data + 1, size - 1);
        else
            write_file(g_path[i], deflt[i], dlen[i]);
    }
    unlink(g_out);
    struct load_opts o = {.dir = g_dir,
                          .out = g_out,
                          .max_errors = 20,
                          .msg = g_null,
                          .quiet = 1};
    enum pf_err rc = load_run(&o);
    FUZZ_ASSERT(rc == PF_OK || rc == PF_EDATA);
    struct stat sb;
    bool exists = stat(g_out, &sb) == 0;
    if (rc == PF_OK) {
        FUZZ_ASSERT(exists);
        FUZZ_ASSERT(count_out_entries() == 1);
        struct pf_dsinfo info;
        char why[256];
        enum pf_err vrc =
            store_snapshot_check(g_out, true, &info, why, sizeof why);
        if (vrc != PF_OK)
            fprintf(stderr, "verify failed: %s\n", why);
        FUZZ_ASSERT(vrc == PF_OK);
    } else {
        FUZZ_ASSERT(!exists);
        FUZZ_ASSERT(count_out_entries() == 0);
    }
    unlink(g_out);
    return 0;
}
