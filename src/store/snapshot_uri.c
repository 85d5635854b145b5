/* The SQLite URI of a snapshot, and the VFS that lets SQLite open a file
 * pinned by descriptor. It owns only name-building and that VFS; it must
 * not open, check or keep any database itself.
 *
 * The server pins a store's inode with an open descriptor and lets SQLite
 * open "/proc/self/fd/N". SQLite's unix VFS canonicalises names by
 * following symbolic links, and once the file at the original path has
 * been replaced (the way a new release is shipped) the link reads
 * "/path/file.db (deleted)": every new connection to the pinned store then
 * failed with "unable to open database file" (a 500 to the client), or,
 * before the old file was unlinked, silently opened the new file. This VFS
 * is the default one except that it keeps /proc/self/fd/ names as they are,
 * and opens them without O_NOFOLLOW, so open() goes through the kernel's
 * link to the pinned inode itself. Registered once, at the first store
 * open (at start, before any other thread uses SQLite). */
#include "store/snapshot_uri.h"

#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <string.h>

static sqlite3_vfs pinned_vfs;
static sqlite3_vfs *real_vfs;
static int (*real_open)(const char *, int, int);

/* The unix VFS opens database files with O_NOFOLLOW (it has resolved links
 * itself); /proc/self/fd/N is a link by nature, so drop the flag for it. */
static int pinned_open(const char *path, int flags, int mode)
{
    if (strncmp(path, "/proc/self/fd/", 14) == 0)
        flags &= ~O_NOFOLLOW;
    return real_open(path, flags, mode);
}

static int
pinned_full_pathname(sqlite3_vfs *vfs, const char *name, int nout, char *out)
{
    (void)vfs;
    if (strncmp(name, "/proc/self/fd/", 14) == 0) {
        size_t len = strlen(name);
        if (len + 1 > (size_t)nout)
            return SQLITE_CANTOPEN;
        memcpy(out, name, len + 1);
        return SQLITE_OK;
    }
    return real_vfs->xFullPathname(real_vfs, name, nout, out);
}

static void register_pinned_vfs(void)
{
    sqlite3_vfs *v = sqlite3_vfs_find(NULL);
    if (!v || v->iVersion < 3 || !v->xGetSystemCall || !v->xSetSystemCall)
        return;
    real_open = (int (*)(const char *, int, int))v->xGetSystemCall(v, "open");
    if (!real_open ||
        v->xSetSystemCall(v, "open", (sqlite3_syscall_ptr)pinned_open) !=
            SQLITE_OK)
        return;
    real_vfs = v;
    pinned_vfs = *real_vfs; /* pAppData too: the unix VFS needs its own */
    pinned_vfs.zName = "pf-pinned";
    pinned_vfs.pNext = NULL;
    pinned_vfs.xFullPathname = pinned_full_pathname;
    sqlite3_vfs_register(&pinned_vfs, 0);
}

void store_snapshot_uri(const char *path, char *out, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    size_t o = 0;
    const char *prefix = "file:";
    bool pinned = strncmp(path, "/proc/self/fd/", 14) == 0;
    const char *suffix =
        pinned && (pthread_once(&once, register_pinned_vfs), real_vfs)
            ? "?mode=ro&immutable=1&vfs=pf-pinned"
            : "?mode=ro&immutable=1";

    for (const char *p = prefix; *p && o + 1 < n; p++)
        out[o++] = *p;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        /* '?', '#' and '%' would end or escape the path part of the URI */
        if (*p == '?' || *p == '#' || *p == '%') {
            if (o + 4 >= n)
                break;
            out[o++] = '%';
            out[o++] = hex[*p >> 4];
            out[o++] = hex[*p & 15];
        } else if (o + 1 < n) {
            out[o++] = (char)*p;
        }
    }
    for (const char *p = suffix; *p && o + 1 < n; p++)
        out[o++] = *p;
    out[o] = '\0';
}
