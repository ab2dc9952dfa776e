import CBriefSystem
import Dispatch
import Glibc
import Synchronization

/// Asks the disk for the files a run is about to read, a little ahead of the
/// threads that read them.
///
/// A morning's first run often finds the dataset gone from the system's page
/// cache (the machine needed the memory overnight, or was restarted). Read
/// one file at a time by each of a few threads, the files then came from the
/// disk one request after another, each thread waiting for its own: at a
/// million records, a cold `daily` took 8.7–8.9 s where it takes 7.1–7.4 s with the
/// files in the cache. Asked for ahead (`posix_fadvise`, `WILLNEED`), the
/// disk reads the next files while the threads parse the ones before
/// (docs/performance.md, "Files not in the page cache").
///
/// Asking for a file already in the cache still costs the system a walk over
/// its pages (some 10 µs a file, 0.1 s of CPU at a million records), so files
/// are asked for by groups, and a group whose first and last files are in the
/// cache is taken to be there whole and left alone: a dataset's files are
/// listed by path, and files written or read together stay or go together.
final class ReadAhead: Sendable {
    /// What asks for a run of files, in order: `askDisk`, unless a test
    /// records them instead.
    typealias Ask = @Sendable (ArraySlice<String>) -> Void

    /// How many files are judged by their first and last.
    static let groupSize = 32

    private let paths: [String]
    private let ask: Ask
    /// The files before this one have been asked for.
    private let asked = Mutex(0)
    /// One thread, so that the files are asked for in the order they are read.
    let queue = DispatchQueue(label: "brief.read-ahead", qos: .utility)

    init(_ paths: [String], ask: @escaping Ask = ReadAhead.askDisk) {
        self.paths = paths
        self.ask = ask
    }

    /// The files before `end` (an index of `paths`) are about to be read:
    /// those not asked for yet are, on a thread of their own. Returns at once.
    func reading(upTo end: Int) {
        let end = min(end, paths.count)
        let (files, ask, queue) = (paths, self.ask, self.queue)
        asked.withLock { asked in
            guard end > asked else { return }
            let range = asked..<end
            asked = end
            // Queued under the lock: two threads that take the next runs
            // one after the other queue them in that order too.
            queue.async { ask(files[range]) }
        }
    }

    /// Asks the system to read `paths` into its page cache, a group at a
    /// time, without waiting; groups already there are left alone.
    static func askDisk(_ paths: ArraySlice<String>) {
        askDisk(paths, isCached: isCached, willNeed: willNeed)
    }

    /// `askDisk`, with what tells a file in the cache and what asks for one.
    static func askDisk(_ paths: ArraySlice<String>, isCached: (String) -> Bool, willNeed: (String) -> Void) {
        var start = paths.startIndex
        while start < paths.endIndex {
            let group = paths[start..<min(start + groupSize, paths.endIndex)]
            if !(isCached(group.first!) && isCached(group.last!)) {
                for path in group { willNeed(path) }
            }
            start = group.endIndex
        }
    }

    /// Whether the first byte of the file at `path` is in the page cache:
    /// false when it is not, and when the system cannot tell.
    static func isCached(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return brief_is_cached(descriptor, 0) == 1
    }

    /// Asks for the whole file at `path`. A file that cannot be opened is
    /// passed over: reading it reports it.
    static func willNeed(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = brief_will_need(descriptor)
        close(descriptor)
    }
}
