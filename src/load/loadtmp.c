/* The loader's output file, written atomically. The temporary file is
 * created beside the target so the final rename stays within one
 * filesystem, and named after the loading process so that a later load can
 * tell a file of a killed load from one still being written. This file
 * must not write content: it only creates, renames and removes. */
#include "load/loadtmp.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum pf_err loadtmp_create(const char *out, struct buf *name)
{
    buf_reset(name);
    buf_printf(name, "%s.tmp-%ld-XXXXXX", out, (long)getpid());
    if (buf_failed(name)) {
        errno = ENOMEM;
        return PF_ENOMEM;
    }
    int fd = mkstemp(name->data);
    if (fd < 0)
        return PF_EIO;
    /* mkstemp creates 0600; the server may run as another user */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0644 & ~mask);
    close(fd);
    return PF_OK;
}

static enum pf_err fsync_path(const char *path, int flags)
{
    int fd = open(path, flags);
    if (fd < 0)
        return PF_EIO;
    int rc = fsync(fd);
    int saved = errno;
    close(fd);
    errno = saved;
    return rc == 0 ? PF_OK : PF_EIO;
}

enum pf_err loadtmp_commit(const char *tmp, const char *out)
{
    if (fsync_path(tmp, O_RDONLY) != PF_OK || rename(tmp, out) != 0)
        return PF_EIO;
    /* The rename is done: a failure to make the directory durable is not
     * a failed load (the new file is in place either way). */
    char *dirc = strdup(out);
    if (dirc) {
        fsync_path(dirname(dirc), O_RDONLY | O_DIRECTORY);
        free(dirc);
    }
    return PF_OK;
}

/* The PID in "BASE.tmp-PID-XXXXXX", or 0 when NAME is not such a file. */
static long temp_pid(const char *name, const char *base)
{
    size_t n = strlen(base);
    if (strncmp(name, base, n) != 0 || strncmp(name + n, ".tmp-", 5) != 0)
        return 0;
    char *end;
    long pid = strtol(name + n + 5, &end, 10);
    if (pid <= 0 || *end != '-' || strlen(end + 1) != 6)
        return 0;
    return pid;
}

/* Gone: no process has the PID. A live PID may be a reused one; its file
 * stays, which is the safe mistake. The age check covers a loader in
 * another PID namespace writing into a shared directory. */
static bool stale(const char *path, long pid, int stale_seconds)
{
    struct stat st;
    if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
        return false;
    return lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
           time(NULL) - st.st_mtime >= stale_seconds;
}

int loadtmp_sweep(const char *out, FILE *msg, int stale_seconds)
{
    char *dirc = strdup(out), *basec = strdup(out);
    int removed = 0;
    DIR *d = NULL;
    if (!dirc || !basec)
        goto done;
    const char *dir = dirname(dirc), *base = basename(basec);
    d = opendir(dir);
    if (!d)
        goto done;
    struct buf path;
    buf_init(&path);
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        long pid = temp_pid(e->d_name, base);
        if (!pid)
            continue;
        buf_reset(&path);
        buf_printf(&path, "%s/%s", dir, e->d_name);
        if (buf_failed(&path) || !stale(path.data, pid, stale_seconds))
            continue;
        if (unlink(path.data) == 0) {
            removed++;
            fprintf(msg,
                    "policyfacts load: removed %s, left by a load that "
                    "was stopped (pid %ld)\n",
                    path.data, pid);
        }
    }
    buf_free(&path);
done:
    if (d)
        closedir(d);
    free(dirc);
    free(basec);
    return removed;
}
