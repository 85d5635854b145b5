/* The dataset table of a new store (see dataset.h). It owns the table's
 * keys (counts, licenses, the sources of each measure) and the build time; it
 * must not hash content itself: the hash is the store's (store_content_hash),
 * so that `verify` recomputes the same bytes. */
#include "load/dataset.h"

#include <stdlib.h>
#include <time.h>

#include "base/buf.h"
#include "load/sql.h"
#include "store/snapshot_check.h"

/* Now, or SOURCE_DATE_EPOCH: rebuilt files are then identical. */
static void build_time(char out[32])
{
    time_t now = time(NULL);
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde)
        now = (time_t)strtoll(sde, NULL, 10);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

enum pf_err load_dataset_write(sqlite3 *db, struct load_report *r)
{
    char hex[33], built[32];
    struct buf sql;
    enum pf_err rc;

    if ((rc = store_content_hash(db, hex)) != PF_OK) {
        load_report_sqlite(r, db);
        return rc;
    }
    build_time(built);
    buf_init(&sql);
    buf_printf(&sql,
               "INSERT INTO dataset VALUES('schema_version','%d'),"
               "('content_hash','%s'),('version','%.16s'),"
               "('build_time','%s');"
               "INSERT INTO dataset SELECT 'count_facts', count(*) FROM facts;"
               "INSERT INTO dataset SELECT 'count_sources', count(*) FROM "
               "sources;"
               "INSERT INTO dataset SELECT 'count_entities', count(*) FROM "
               "entities;"
               "INSERT INTO dataset SELECT 'count_measures', count(*) FROM "
               "measures;"
               /* per kind: the store's choice of an index reads them */
               "INSERT INTO dataset SELECT 'count_kind_' || kind, count(*) "
               "FROM facts GROUP BY kind;"
               "INSERT INTO dataset SELECT 'licenses', json_group_array("
               "license) FROM (SELECT DISTINCT license FROM sources WHERE "
               "license IS NOT NULL ORDER BY license);"
               /* {"measure": ["source", ...]}: the sources each measure's
                * facts cite (the data package's resources name them) */
               "INSERT INTO dataset SELECT 'measure_sources', "
               "json_group_object(measure, json(s)) FROM (SELECT measure, "
               "json_group_array(source_id) s FROM (SELECT DISTINCT "
               "measure, source_id FROM facts ORDER BY 1, 2) GROUP BY "
               "measure ORDER BY measure);",
               PF_SCHEMA_VERSION, hex, hex, built);
    rc = buf_failed(&sql) ? PF_ENOMEM : load_sql_exec(db, r, buf_cstr(&sql));
    buf_free(&sql);
    return rc;
}
