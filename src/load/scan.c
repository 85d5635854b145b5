/* The data directory (see scan.h): every *.csv file is a reference table
 * (read before, by refs.c) or belongs to the source adapter whose pattern
 * it matches; any other is reported. A pattern with a '/' names files in
 * a subdirectory (wdi/manifest.csv), found with glob(3); the adapter owns
 * the rest of that subdirectory. Each adapter then reads its files in name
 * order, adapters in the order of the list below. This file must not read
 * a file's content. */
#include "load/scan.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "load/adapter.h"
#include "load/ctx.h"
#include "load/refs.h"

/* The source adapters, in the order they run. */
static const struct load_adapter *const adapters[] = {
    /* first: the measures, sources and economies it defines may be named
     * by the fact tables */
    &load_adapter_wdi,
    &load_adapter_fact_csv,
};
#define NADAPTERS PF_ARRAY_LEN(adapters)

struct claimed {
    char **paths; /* names while scanning, full paths once sorted */
    size_t n, cap;
};

static void claimed_free(struct claimed *cl)
{
    for (size_t a = 0; a < NADAPTERS; a++) {
        for (size_t i = 0; i < cl[a].n; i++)
            free(cl[a].paths[i]);
        free(cl[a].paths);
    }
}

static enum pf_err claim(struct claimed *cl, const char *name)
{
    if (cl->n == cl->cap) {
        size_t cap = cl->cap ? cl->cap * 2 : 16;
        char **p = realloc(cl->paths, cap * sizeof *p);
        if (!p)
            return PF_ENOMEM;
        cl->paths = p;
        cl->cap = cap;
    }
    if (!(cl->paths[cl->n] = strdup(name)))
        return PF_ENOMEM;
    cl->n++;
    return PF_OK;
}

static bool is_ref_file(const char *name)
{
    for (size_t i = 0; i < PF_ARRAY_LEN(load_refs_files); i++)
        if (strcmp(name, load_refs_files[i]) == 0)
            return true;
    return false;
}

static bool in_subdir(const struct load_adapter *a)
{
    return strchr(a->pattern, '/') != NULL;
}

/* "a, b or c": the reference tables and the patterns a file of the data
 * directory itself may match (top_level), or every adapter's pattern. */
static void names_text(struct buf *b, bool top_level)
{
    const char *names[PF_ARRAY_LEN(load_refs_files) + NADAPTERS];
    size_t n = 0;
    for (size_t i = 0; top_level && i < PF_ARRAY_LEN(load_refs_files); i++)
        names[n++] = load_refs_files[i];
    for (size_t a = 0; a < NADAPTERS; a++)
        if (!top_level || !in_subdir(adapters[a]))
            names[n++] = adapters[a]->pattern;
    for (size_t i = 0; i < n; i++)
        buf_printf(b, "%s%s", i == 0 ? "" : (i + 1 == n ? " or " : ", "),
                   names[i]);
}

static void report_unknown(struct load_ctx *c, const char *name)
{
    struct buf expected;
    buf_init(&expected);
    names_text(&expected, true);
    load_report_at(&c->rep, name, 1, "-", "unknown table file (expected %s)",
                   buf_cstr(&expected));
    buf_free(&expected);
}

/* One directory entry: skipped, claimed by an adapter, or unknown. */
static enum pf_err
sort_entry(struct load_ctx *c, struct claimed *cl, const char *name)
{
    size_t len = strlen(name);
    if (len < 4 || strcmp(name + len - 4, ".csv") != 0 || is_ref_file(name))
        return PF_OK;
    for (size_t a = 0; a < NADAPTERS; a++)
        if (!in_subdir(adapters[a]) &&
            fnmatch(adapters[a]->pattern, name, 0) == 0)
            return claim(&cl[a], name);
    report_unknown(c, name);
    return PF_OK;
}

static enum pf_err list_dir(struct load_ctx *c, struct claimed *cl)
{
    DIR *d = opendir(c->o->dir);
    enum pf_err rc = PF_OK;
    if (!d) {
        load_report_say(&c->rep, "%s: %s", c->o->dir, strerror(errno));
        return PF_EIO;
    }
    for (struct dirent *e; rc == PF_OK && (e = readdir(d));)
        rc = sort_entry(c, cl, e->d_name);
    closedir(d);
    return rc;
}

/* The files of the subdirectory patterns, as names relative to dir. */
static enum pf_err list_subdirs(struct load_ctx *c, struct claimed *cl)
{
    struct buf pat;
    enum pf_err rc = PF_OK;
    size_t skip = strlen(c->o->dir) + 1;
    buf_init(&pat);
    for (size_t a = 0; a < NADAPTERS && rc == PF_OK; a++) {
        glob_t g;
        if (!in_subdir(adapters[a]))
            continue;
        buf_reset(&pat);
        buf_printf(&pat, "%s/%s", c->o->dir, adapters[a]->pattern);
        if (buf_failed(&pat)) {
            rc = PF_ENOMEM;
            break;
        }
        int grc = glob(pat.data, 0, NULL, &g);
        if (grc == GLOB_NOSPACE)
            rc = PF_ENOMEM;
        for (size_t i = 0; grc == 0 && i < g.gl_pathc && rc == PF_OK; i++)
            rc = claim(&cl[a], g.gl_pathv[i] + skip);
        if (grc == 0)
            globfree(&g);
    }
    buf_free(&pat);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts the names and makes them paths under dir. */
static enum pf_err to_paths(struct claimed *cl, const char *dir)
{
    struct buf path;
    buf_init(&path);
    if (cl->n)
        qsort(cl->paths, cl->n, sizeof *cl->paths, cmp_str);
    for (size_t i = 0; i < cl->n; i++) {
        buf_reset(&path);
        buf_printf(&path, "%s/%s", dir, cl->paths[i]);
        free(cl->paths[i]);
        cl->paths[i] = buf_failed(&path) ? NULL : strdup(path.data);
        if (!cl->paths[i]) {
            buf_free(&path);
            return PF_ENOMEM;
        }
    }
    buf_free(&path);
    return PF_OK;
}

enum pf_err load_scan_run(struct load_ctx *c)
{
    struct claimed cl[NADAPTERS];
    size_t total = 0;
    enum pf_err rc;

    memset(cl, 0, sizeof cl);
    if ((rc = list_dir(c, cl)) != PF_OK || (rc = list_subdirs(c, cl)) != PF_OK)
        goto done;
    for (size_t a = 0; a < NADAPTERS; a++)
        total += cl[a].n;
    if (total == 0) {
        struct buf want;
        buf_init(&want);
        names_text(&want, false);
        load_report_at(&c->rep, c->o->dir, 0, "-", "no %s file",
                       buf_cstr(&want));
        buf_free(&want);
    }
    for (size_t a = 0; a < NADAPTERS && rc == PF_OK; a++)
        if ((rc = to_paths(&cl[a], c->o->dir)) == PF_OK && cl[a].n)
            rc = adapters[a]->read(c, cl[a].paths, cl[a].n);
done:
    claimed_free(cl);
    return rc;
}
