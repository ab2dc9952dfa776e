#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include "brief_system.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int brief_rename_exchange(const char *from, const char *to) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

int brief_syncfs(const char *path) {
    int descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (descriptor < 0) return -1;
    int result = syncfs(descriptor);
    int saved = errno;
    close(descriptor);
    errno = saved;
    return result;
}

/* mimalloc's, when the program is linked with it (Package.swift): looked up
   rather than linked, so that BriefKit builds and runs with either allocator. */
typedef void (*brief_collect_function)(bool force);

static brief_collect_function brief_mimalloc_collect(void) {
    return (brief_collect_function)dlsym(RTLD_DEFAULT, "mi_collect");
}

void brief_release_freed_memory(void) {
    brief_collect_function collect = brief_mimalloc_collect();
    if (collect) {
        collect(true);
        return;
    }
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

const char *brief_allocator(void) {
    /* mimalloc's malloc is an alias of mi_malloc: the same address when it
       is the malloc every library of the process calls. */
    void *malloc_address = dlsym(RTLD_DEFAULT, "malloc");
    void *mimalloc_address = dlsym(RTLD_DEFAULT, "mi_malloc");
    if (mimalloc_address && malloc_address == mimalloc_address) return "mimalloc";
#ifdef __GLIBC__
    return "glibc";
#else
    return "system";
#endif
}
