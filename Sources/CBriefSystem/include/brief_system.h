#ifndef BRIEF_SYSTEM_H
#define BRIEF_SYSTEM_H

/// Swaps two paths in one atomic step (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0, or -1 with errno set.
int brief_rename_exchange(const char *from, const char *to);

/// Flushes the whole file system holding the folder `path` to disk (syncfs):
/// one flush for a folder of new files instead of one fsync per file.
/// Returns 0, or -1 with errno set.
int brief_syncfs(const char *path);

/// Whether the byte at `offset` of the file open at `descriptor` is in the
/// system's page cache, read without waiting for the disk (Linux preadv2 with
/// RWF_NOWAIT): 1 if it is, 0 if it is not, -1 when the system cannot tell
/// (an older kernel, a file system that does not support it, a read error).
int brief_is_cached(int descriptor, long long offset);

/// Asks the system to read the whole file open at `descriptor` into its page
/// cache, without waiting (posix_fadvise POSIX_FADV_WILLNEED). Returns 0, or
/// an error number.
int brief_will_need(int descriptor);

/// Asks the system to begin writing the file open at `descriptor` to disk,
/// without waiting for it (Linux sync_file_range with SYNC_FILE_RANGE_WRITE):
/// a later flush (syncfs) then waits only for what is not yet written. Makes
/// nothing durable by itself. Returns 0, or an error number; 0 where the
/// system has no such call.
int brief_start_writeback(int descriptor);

/// Writes `count` bytes to the new, empty file open at `descriptor` with
/// direct I/O (Linux O_DIRECT), from the start: from the program's memory to
/// the disk, without a copy in the system's page cache. The bytes go through
/// a buffer aligned to `alignment` (a power of two, the file system's block
/// size or a multiple of it), in pieces of whole blocks; the last is padded
/// and the file cut back to `count` bytes. The descriptor's flags are as they
/// were when it returns. Makes nothing durable by itself: a later flush
/// (fsync, syncfs) does, as for any write.
/// Returns 0 when the file holds the bytes; 1 when the file system refused
/// direct I/O before any byte was kept (the file is empty, for an ordinary
/// write); -1 with errno set on a failure (the file's content is then undefined).
int brief_write_direct(int descriptor, const void *bytes, unsigned long count, unsigned long alignment);

/// The type of the file system holding `path` (statfs's f_type: 0xEF53 for
/// ext4), or -1 when it cannot be told.
long brief_file_system_type(const char *path);

/// Returns the memory malloc holds free to the system: mimalloc's mi_collect
/// where the program is linked with it, else glibc's malloc_trim; does nothing
/// where the C library has no such call.
void brief_release_freed_memory(void);

/// "mimalloc" when mimalloc's malloc is the one the process calls ("mimalloc,
/// keeping freed memory" when it does not give freed pages back to the
/// system, as `brief` sets it at load), else "glibc" (or "system"): what the
/// benchmark's tables record.
const char *brief_allocator(void);

/// Copies the GNU build ID of the running program (the linker's hash of the
/// executable it wrote, in its NT_GNU_BUILD_ID note) into `out`, at most
/// `capacity` bytes, read from the program's headers in memory. Returns its
/// length, or 0 when the program has no such note (or the system cannot tell).
unsigned long brief_program_build_id(unsigned char *out, unsigned long capacity);

#endif
