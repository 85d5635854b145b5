/* policyfacts: argv -> subcommand. serve runs the API; load builds a fact
 * store from CSV; verify checks one; healthcheck probes a running server
 * (for container HEALTHCHECKs without curl).
 *
 * Exit codes: 0 success, 1 bad data or a failed check, 2 usage or
 * configuration error, 3 cannot start (port, database). Owns the command
 * line and the serve loop (signals, reloads); must not hold HTTP or data
 * logic of its own. */
#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "api/spec.h"
#include "base/config.h"
#include "base/log.h"
#include "base/metrics.h"
#include "healthcheck.h"
#include "http/server.h"
#include "load/load.h"
#include "load/reach.h"
#include "store/snapshot_check.h"
#include "store/store.h"

#ifndef PF_VERSION
#define PF_VERSION "dev"
#endif

static int usage(FILE *out, int code)
{
    fprintf(out,
            "policyfacts %s — sourced policy facts over HTTP\n\n"
            "usage:\n"
            "  policyfacts serve [--db FILE] [--port N] [...]  run the API "
            "(serve --help)\n"
            "  policyfacts load DIR -o FILE [--max-errors N]    build a fact "
            "store from CSV\n"
            "  policyfacts verify FILE                          check a fact "
            "store\n"
            "  policyfacts healthcheck [--url URL]              probe "
            "/healthz (exit 0 if 200)\n"
            "  policyfacts version\n",
            PF_VERSION);
    return code;
}

static int cmd_load(int argc, char **argv)
{
    struct load_opts o = {.max_errors = 50, .msg = stderr};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc)
            o.out = argv[++i];
        else if (!strcmp(argv[i], "--max-errors") && i + 1 < argc)
            o.max_errors = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--quiet"))
            o.quiet = 1;
        else if (argv[i][0] != '-' && !o.dir)
            o.dir = argv[i];
        else
            return usage(stderr, 2);
    }
    if (!o.dir || !o.out || o.max_errors < 0)
        return usage(stderr, 2);
    switch (load_run(&o)) {
    case PF_OK:
        return 0;
    case PF_EDATA:
        return 1; /* the data has errors, each reported */
    default:
        return 2; /* the loader failed (I/O, SQLite, memory) */
    }
}

static int cmd_verify(int argc, char **argv)
{
    struct pf_dsinfo info;
    char why[512];
    if (argc != 2)
        return usage(stderr, 2);
    long unreachable;
    if (store_snapshot_check(argv[1], true, &info, why, sizeof why) != PF_OK ||
        load_reach_list_file(argv[1], stderr, &unreachable, why, sizeof why) !=
            PF_OK) {
        fprintf(stderr, "policyfacts verify: %s\n", why);
        return 1;
    }
    if (unreachable) {
        fprintf(stderr,
                "policyfacts verify: %s: %ld fact(s) no query can reach\n",
                argv[1], unreachable);
        return 1;
    }
    printf("ok: %s version %s built %s: %ld facts, %ld sources, %ld "
           "entities, %ld measures\n",
           argv[1], info.version, info.build_time, info.facts, info.sources,
           info.entities, info.measures);
    return 0;
}

/* Opens the configured file for a reload; the old store stays on any
 * failure. */
static void reload(struct pf_server *srv, const struct pf_config *cfg)
{
    struct pf_store *st;
    char why[512];
    if (store_open(cfg->db, &st, why, sizeof why) != PF_OK) {
        metrics_reload(false);
        log_msg(PF_LOG_WARN, "reload_failed",
                "%s; still serving the previous data", why);
        return;
    }
    const struct pf_dsinfo *i = store_info(st);
    metrics_dataset(i->version, (double)time(NULL));
    metrics_reload(true);
    log_fields(PF_LOG_INFO, "reload",
               json_pack("{s:s, s:s, s:I}", "db", cfg->db, "dataset_version",
                         i->version, "facts", (json_int_t)i->facts));
    http_server_swap_store(srv, st);
}

/* Identity of the database file, to notice a replacement (--watch). */
struct file_id {
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime;
};

static bool file_id(const char *path, struct file_id *out)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return false;
    *out = (struct file_id){sb.st_dev, sb.st_ino, sb.st_size, sb.st_mtim};
    return true;
}

static bool same_file(const struct file_id *a, const struct file_id *b)
{
    return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
           a->mtime.tv_sec == b->mtime.tv_sec &&
           a->mtime.tv_nsec == b->mtime.tv_nsec;
}

/* Signals are taken synchronously by this thread (sigtimedwait); every
 * thread started after this inherits the blocked mask. */
static void block_signals(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGHUP);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGINT);
    pthread_sigmask(SIG_BLOCK, set, NULL);
    signal(SIGPIPE, SIG_IGN);
}

/* Opens the store and starts the server. NULL on failure, with the exit
 * code in *code. */
static struct pf_server *serve_start(const struct pf_config *cfg, int *code)
{
    char err[512];
    struct pf_store *st;
    /* Answers of 128 KiB and more (a 100-fact page, the world compare)
     * are built in buffers glibc would mmap and unmap on every request:
     * page faults on each new page and a TLB shootdown on each unmap,
     * most of an uncached world answer's time at -c64. Up to 16 MiB they
     * come from the heap and its free lists instead. */
    mallopt(M_MMAP_THRESHOLD, 16 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    if (store_open(cfg->db, &st, err, sizeof err) != PF_OK) {
        fprintf(stderr, "policyfacts serve: %s\n", err);
        log_msg(PF_LOG_ERROR, "start_failed", "%s", err);
        *code = 3;
        return NULL;
    }
    if (spec_load(cfg->spec) != 0)
        log_msg(PF_LOG_WARN, "start", "serving without /openapi.json");
    const struct pf_dsinfo *info = store_info(st);
    metrics_dataset(info->version, (double)time(NULL));
    char version[17];
    snprintf(version, sizeof version, "%s", info->version);
    long facts = info->facts;
    struct pf_server *srv = http_server_start(cfg, st);
    if (!srv) {
        fprintf(stderr, "policyfacts serve: cannot listen on %s:%d\n",
                cfg->bind, cfg->port);
        spec_free();
        *code = 3;
        return NULL;
    }
    log_fields(PF_LOG_INFO, "start",
               json_pack("{s:s, s:s, s:i, s:s, s:s, s:I, s:s}", "version",
                         PF_VERSION, "bind", cfg->bind, "port",
                         http_server_port(srv), "db", cfg->db,
                         "dataset_version", version, "facts", (json_int_t)facts,
                         "base_path", cfg->base_path));
    return srv;
}

/* Serves until SIGTERM or SIGINT, reloading on SIGHUP (and, with --watch,
 * when the file is replaced). Returns the signal that stopped it. */
static int serve_loop(struct pf_server *srv,
                      const struct pf_config *cfg,
                      const sigset_t *set)
{
    struct file_id seen;
    bool have_id = file_id(cfg->db, &seen);
    for (;;) {
        struct timespec tick = {1, 0};
        int sig = sigtimedwait(set, NULL, &tick);
        if (sig == SIGHUP) {
            reload(srv, cfg);
            have_id = file_id(cfg->db, &seen);
        } else if (sig == SIGTERM || sig == SIGINT) {
            return sig;
        } else if (cfg->watch) {
            struct file_id now;
            if (file_id(cfg->db, &now) &&
                (!have_id || !same_file(&now, &seen))) {
                seen = now;
                have_id = true;
                reload(srv, cfg);
            }
        }
    }
}

static int cmd_serve(int argc, char **argv)
{
    struct pf_config cfg;
    char err[512];
    sigset_t set;
    int code = 0;
    if (config_load(&cfg, argc, argv, stdout, err, sizeof err) != PF_OK) {
        fprintf(stderr, "policyfacts serve: %s\n", err);
        return 2;
    }
    if (cfg.help)
        return 0;
    log_set_level(cfg.log_level);
    block_signals(&set);
    /* SQLite's memory statistics take a global mutex on every allocation;
     * worker threads would queue on it. Each connection is already used by
     * one thread at a time (SQLITE_OPEN_NOMUTEX). */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    struct pf_server *srv = serve_start(&cfg, &code);
    if (!srv)
        return code;
    int sig = serve_loop(srv, &cfg, &set);
    log_fields(PF_LOG_INFO, "shutdown",
               json_pack("{s:i, s:I, s:i}", "signal", sig, "in_flight",
                         (json_int_t)metrics_inflight_now(), "drain_timeout_s",
                         cfg.drain_timeout));
    long left = http_server_stop(srv, cfg.drain_timeout);
    spec_free();
    log_fields(PF_LOG_INFO, "stopped",
               json_pack("{s:I}", "unfinished_requests", (json_int_t)left));
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage(stderr, 2);
    const char *cmd = argv[1];
    if (!strcmp(cmd, "serve"))
        return cmd_serve(argc - 1, argv + 1);
    if (!strcmp(cmd, "load"))
        return cmd_load(argc - 1, argv + 1);
    if (!strcmp(cmd, "verify"))
        return cmd_verify(argc - 1, argv + 1);
    if (!strcmp(cmd, "healthcheck"))
        return healthcheck_run(argc - 1, argv + 1);
    if (!strcmp(cmd, "version")) {
        printf("policyfacts %s\n", PF_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help"))
        return usage(stdout, 0);
    fprintf(stderr, "policyfacts: unknown command '%s'\n", cmd);
    return usage(stderr, 2);
}
