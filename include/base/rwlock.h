/* Read-write locks for state every request reads and a rare writer
 * (a reload, a cache insertion) changes. */
#ifndef PF_RWLOCK_H
#define PF_RWLOCK_H

#include <pthread.h>

/* Readers never wait for each other. A writer waits only for the readers
 * already in the lock: later readers queue behind it, so under constant
 * load it is not starved waiting for a moment with no reader (glibc's
 * default prefers readers). Readers must not take it recursively. */
static inline int rwlock_init_writer_first(pthread_rwlock_t *l)
{
    pthread_rwlockattr_t a;
    pthread_rwlockattr_init(&a);
    pthread_rwlockattr_setkind_np(&a,
                                  PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    int rc = pthread_rwlock_init(l, &a);
    pthread_rwlockattr_destroy(&a);
    return rc;
}

#endif
