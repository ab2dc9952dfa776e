#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <string.h>
#ifdef __linux__
#include <elf.h>
#include <link.h>
#endif
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/vfs.h>
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

int brief_is_cached(int descriptor, long long offset) {
#if defined(__linux__) && defined(RWF_NOWAIT)
    unsigned char byte;
    struct iovec vector = { &byte, 1 };
    int saved = errno;
    ssize_t got = preadv2(descriptor, &vector, 1, (off_t)offset, RWF_NOWAIT);
    int cached = got >= 0 ? 1 : (errno == EAGAIN ? 0 : -1);
    errno = saved;
    return cached;
#else
    (void)descriptor;
    (void)offset;
    return -1;
#endif
}

int brief_will_need(int descriptor) {
    return posix_fadvise(descriptor, 0, 0, POSIX_FADV_WILLNEED);
}

int brief_start_writeback(int descriptor) {
#if defined(__linux__) && defined(SYNC_FILE_RANGE_WRITE)
    return sync_file_range(descriptor, 0, 0, SYNC_FILE_RANGE_WRITE) == 0 ? 0 : errno;
#else
    (void)descriptor;
    return 0;
#endif
}

/* The most a direct write copies into its aligned buffer at a time: large
   enough that the disk is given big requests, small enough to stay a buffer. */
#define BRIEF_DIRECT_PIECE ((size_t)4 << 20)

/* Writes bytes [from, count) of `bytes` at the same offsets, through the page cache. */
static int brief_write_rest(int descriptor, const unsigned char *bytes, size_t from, size_t count) {
    while (from < count) {
        ssize_t written = pwrite(descriptor, bytes + from, count - from, (off_t)from);
        if (written < 0 && errno == EINTR) continue;
        if (written < 0) return -1;
        if (written == 0) {
            errno = EIO;
            return -1;
        }
        from += (size_t)written;
    }
    return 0;
}

int brief_write_direct(int descriptor, const void *bytes, unsigned long count, unsigned long alignment) {
#if defined(__linux__) && defined(O_DIRECT)
    int flags = fcntl(descriptor, F_GETFL);
    if (flags < 0 || alignment == 0 || (alignment & (alignment - 1)) != 0) return 1;
    /* Refused by file systems without direct I/O: nothing written yet. */
    if (fcntl(descriptor, F_SETFL, flags | O_DIRECT) != 0) return 1;
    size_t room = count < BRIEF_DIRECT_PIECE ? count : BRIEF_DIRECT_PIECE;
    room = (room + alignment - 1) & ~(alignment - 1);
    if (room == 0) room = alignment;
    unsigned char *buffer = NULL;
    if (posix_memalign((void **)&buffer, alignment < sizeof(void *) ? sizeof(void *) : alignment, room) != 0) {
        fcntl(descriptor, F_SETFL, flags);
        return 1;
    }
    int result = 0, saved = 0;
    size_t offset = 0;
    while (offset < count) {
        size_t piece = count - offset < room ? count - offset : room;
        /* The last piece is padded with zeros to a whole block; the file is
           cut back to its length after. */
        size_t padded = (piece + alignment - 1) & ~(alignment - 1);
        memcpy(buffer, (const unsigned char *)bytes + offset, piece);
        memset(buffer + piece, 0, padded - piece);
        size_t done = 0;
        while (done < padded) {
            ssize_t written = pwrite(descriptor, buffer + done, padded - done, (off_t)(offset + done));
            if (written < 0 && errno == EINTR) continue;
            if (written < 0 && errno == EINVAL && offset == 0 && done == 0) {
                /* The file system took the flag but not these requests (its
                   blocks larger than `alignment`): nothing written. */
                result = 1;
                goto out;
            }
            if (written < 0 || written == 0) {
                saved = written < 0 ? errno : EIO;
                result = -1;
                goto out;
            }
            if (((size_t)written % alignment) != 0) {
                /* A short write that leaves the next request out of line
                   (a full disk, a file-size limit): the rest is written
                   through the page cache, where the system says what is wrong. */
                fcntl(descriptor, F_SETFL, flags);
                if (brief_write_rest(descriptor, bytes, offset + done + (size_t)written, count) != 0) {
                    saved = errno;
                    result = -1;
                    goto out;
                }
                offset = count;
                break;
            }
            done += (size_t)written;
        }
        if (offset == count) break;
        offset += piece;
    }
    if (ftruncate(descriptor, (off_t)count) != 0) {
        saved = errno;
        result = -1;
    }
out:
    free(buffer);
    fcntl(descriptor, F_SETFL, flags);
    if (result == 1 && ftruncate(descriptor, 0) != 0) {
        saved = errno;
        result = -1;
    }
    if (result < 0) errno = saved;
    return result;
#else
    (void)descriptor;
    (void)bytes;
    (void)count;
    (void)alignment;
    return 1;
#endif
}

long brief_file_system_type(const char *path) {
    struct statfs info;
    return statfs(path, &info) == 0 ? (long)info.f_type : -1;
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

/* mimalloc gives the memory of a freed 64 KiB page back to the system a few
   milliseconds after the page empties (decommit), and the next allocation
   there takes a fresh page from the system again. On the virtual machines the
   desks and the benchmark run on, a first touch of a page costs several
   microseconds (the host backs it), and a run at a million records faulted
   410,000 pages where it holds 300,000 at its peak. Keeping freed memory
   (allow_decommit off) costs about a seventh more peak memory and saves a
   fifth of the faults (docs/performance.md, "Pages given back and taken again").
   Set at load, before the program allocates, since each segment reads the
   option when it is made; MIMALLOC_ALLOW_DECOMMIT in the environment
   stands. Does nothing where mimalloc is not the allocator. */
#if __has_include(<mimalloc.h>)
#include <mimalloc.h>
#define BRIEF_HAS_MIMALLOC_OPTIONS 1
#endif

__attribute__((constructor))
static void brief_keep_freed_memory(void) {
#if defined(BRIEF_HAS_MIMALLOC_OPTIONS) && MI_MALLOC_VERSION < 210
    if (getenv("MIMALLOC_ALLOW_DECOMMIT") != NULL) return;
    typedef void (*set_option_function)(mi_option_t option, long value);
    set_option_function set_option = (set_option_function)dlsym(RTLD_DEFAULT, "mi_option_set");
    if (set_option) set_option(mi_option_allow_decommit, 0);
#endif
}

const char *brief_allocator(void) {
    /* mimalloc's malloc is an alias of mi_malloc: the same address when it
       is the malloc every library of the process calls. */
    void *malloc_address = dlsym(RTLD_DEFAULT, "malloc");
    void *mimalloc_address = dlsym(RTLD_DEFAULT, "mi_malloc");
    if (mimalloc_address && malloc_address == mimalloc_address) {
#if defined(BRIEF_HAS_MIMALLOC_OPTIONS) && MI_MALLOC_VERSION < 210
        typedef long (*get_option_function)(mi_option_t option);
        get_option_function get_option = (get_option_function)dlsym(RTLD_DEFAULT, "mi_option_get");
        if (get_option && get_option(mi_option_allow_decommit) == 0) return "mimalloc, keeping freed memory";
#endif
        return "mimalloc";
    }
#ifdef __GLIBC__
    return "glibc";
#else
    return "system";
#endif
}

#ifdef __linux__
struct build_id_search {
    unsigned char *out;
    unsigned long capacity;
    unsigned long length;
};

/// The notes of one PT_NOTE segment, each a header, a name and a
/// description, the last two padded to the segment's alignment (4, or 8).
static unsigned long build_id_in_notes(const unsigned char *notes, size_t size, size_t alignment,
                                       unsigned char *out, unsigned long capacity) {
    const size_t mask = alignment - 1;
    while (size >= sizeof(ElfW(Nhdr))) {
        const ElfW(Nhdr) *header = (const ElfW(Nhdr) *)notes;
        const size_t name = (header->n_namesz + mask) & ~mask;
        const size_t description = (header->n_descsz + mask) & ~mask;
        if (name > size || description > size || sizeof(ElfW(Nhdr)) + name + description > size) return 0;
        if (header->n_type == NT_GNU_BUILD_ID && header->n_namesz == 4
            && memcmp(notes + sizeof(ElfW(Nhdr)), "GNU", 4) == 0 && header->n_descsz > 0) {
            const unsigned long length = header->n_descsz < capacity ? header->n_descsz : capacity;
            memcpy(out, notes + sizeof(ElfW(Nhdr)) + name, length);
            return length;
        }
        notes += sizeof(ElfW(Nhdr)) + name + description;
        size -= sizeof(ElfW(Nhdr)) + name + description;
    }
    return 0;
}

static int find_build_id(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    struct build_id_search *search = data;
    for (ElfW(Half) index = 0; index < info->dlpi_phnum && search->length == 0; index++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[index];
        if (segment->p_type != PT_NOTE) continue;
        const size_t alignment = segment->p_align == 8 ? 8 : 4;
        search->length = build_id_in_notes((const unsigned char *)(info->dlpi_addr + segment->p_vaddr), segment->p_memsz,
                                           alignment, search->out, search->capacity);
    }
    // The first object dl_iterate_phdr reports is the program itself: stop there.
    return 1;
}
#endif

unsigned long brief_program_build_id(unsigned char *out, unsigned long capacity) {
#ifdef __linux__
    struct build_id_search search = { out, capacity, 0 };
    if (out == NULL || capacity == 0) return 0;
    dl_iterate_phdr(find_build_id, &search);
    return search.length;
#else
    (void)out;
    (void)capacity;
    return 0;
#endif
}
