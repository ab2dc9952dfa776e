import CBriefSystem
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Cannot write the output (exit 73).
public struct WriteFailure: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): error: cannot write: \(reason)" }
}

/// File operations that survive a crash: data is synced before it is
/// renamed into place, and folders are synced after their entries change.
enum DurableFile {
    static func failure(_ path: String, _ code: Int32 = errno) -> WriteFailure {
        WriteFailure(path: path, reason: String(cString: strerror(code)))
    }

    /// Creates a new file (it must not exist), writes it whole and syncs it
    /// (unless `sync` is false: for what is checked when read back, like
    /// cache entries, or what a later `syncAll` makes durable).
    static func write(_ data: Data, to path: String, sync: Bool = true) throws(WriteFailure) {
        let problem: WriteFailure? = data.withUnsafeBytes { buffer in
            do throws(WriteFailure) { try write(bytes: buffer, to: path, sync: sync, startWriteback: false) } catch { return error }
            return nil
        }
        if let problem { throw problem }
    }

    /// The same for text, written as UTF-8 straight from the string's own
    /// storage: a brief's files are megabytes, and `Data(text.utf8)` copied
    /// each one before it was written.
    /// With `startWriteback` (and no `sync`), the system is asked to begin
    /// writing the file to disk before this returns, without waiting: the
    /// later `syncAll` that makes it durable then waits only for what the
    /// disk has not taken yet (a brief's stored files, `Archive.stage`).
    /// With `direct`, a file of `directMinimum` bytes or more goes straight to
    /// the disk where its file system allows (`brief_write_direct`): for files
    /// this run does not read again.
    static func write(_ text: String, to path: String, sync: Bool = true, startWriteback: Bool = false,
                      direct: Bool = false) throws(WriteFailure) {
        var text = text
        let problem: WriteFailure? = text.withUTF8 { buffer in
            do throws(WriteFailure) {
                try write(bytes: UnsafeRawBufferPointer(buffer), to: path, sync: sync, startWriteback: startWriteback, direct: direct)
            } catch { return error }
            return nil
        }
        if let problem { throw problem }
    }

    /// The size from which `direct` writes skip the page cache. Each direct
    /// write waits for the disk, where a copy into pages the system has just
    /// freed costs less: a run whose files are smaller than this (100,000
    /// records: 1 MB and less) holds too little memory to use up such pages,
    /// and was slower with them written directly (docs/performance.md).
    static let directMinimum = 1 << 20
    /// What direct writes are aligned to: the block size of the usual file
    /// systems and disks, or a multiple of it (a file system with larger
    /// blocks refuses the writes, and the file is written as usual).
    static let directAlignment = 4096

    private static func write(bytes buffer: UnsafeRawBufferPointer, to path: String, sync: Bool, startWriteback: Bool,
                              direct: Bool = false) throws(WriteFailure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(path) }
        defer { close(descriptor) }
        if direct, buffer.count >= directMinimum {
            switch brief_write_direct(descriptor, buffer.baseAddress!, UInt(buffer.count), UInt(directAlignment)) {
            case 0:
                guard !sync || fsync(descriptor) == 0 else { throw failure(path) }
                return
            case 1: break
            default: throw failure(path)
            }
        }
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw failure(path)
            }
            offset += written
        }
        guard !sync || fsync(descriptor) == 0 else { throw failure(path) }
        // Only a request: whether or not it is taken, the flush that makes
        // the file durable comes later and waits for what is left.
        if startWriteback, !sync { _ = brief_start_writeback(descriptor) }
    }

    /// The largest piece `readPieces` reads at a time.
    static let pieceSize = 1 << 20

    /// Reads the regular file at `path` a piece at a time into `buffer`
    /// (grown to a piece, then reused from file to file): `size` is told the
    /// size the system gives before any byte, then `piece` each piece in
    /// order; either returns false to stop. True when the whole file was
    /// read, its bytes as many as its size said; false when it cannot be
    /// opened or read, is not a regular file, grew or shrank while it was
    /// read, or a body stopped.
    static func readPieces(of path: String, buffer: inout [UInt8], size: (Int) -> Bool = { _ in true },
                           _ piece: (UnsafeRawBufferPointer) -> Bool) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        let expected = Int(info.st_size)
        guard size(expected) else { return false }
        let wanted = min(max(expected, 1), pieceSize)
        if buffer.count < wanted { buffer = [UInt8](repeating: 0, count: wanted) }
        return buffer.withUnsafeMutableBytes { room -> Bool in
            var total = 0
            while true {
                let count = read(descriptor, room.baseAddress!, room.count)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                if count == 0 { return total == expected }
                total += count
                guard total <= expected, piece(UnsafeRawBufferPointer(rebasing: room[..<count])) else { return false }
            }
        }
    }

    /// Whether the file at `path` holds exactly the UTF-8 of `text`, read in
    /// pieces and compared in place (no copy of the text).
    static func file(_ path: String, holds text: String) -> Bool {
        var text = text
        return text.withUTF8 { expected -> Bool in
            var buffer: [UInt8] = [], offset = 0
            return readPieces(of: path, buffer: &buffer, size: { $0 == expected.count }) { piece in
                guard memcmp(piece.baseAddress!, expected.baseAddress! + offset, piece.count) == 0 else { return false }
                offset += piece.count
                return true
            }
        }
    }

    static func makeFolder(_ path: String) throws(WriteFailure) {
        guard mkdir(path, 0o755) == 0 else { throw failure(path) }
    }

    static func symlink(_ target: String, at path: String) throws(WriteFailure) {
        guard Glibc.symlink(target, path) == 0 else { throw failure(path) }
    }

    /// A symbolic link to `target` at `path`, made as another name for the
    /// link at `existing` when that one holds the same target: a hard link
    /// to a symbolic link allocates no inode, where a new link does (and
    /// freeing its twin later frees one). Where the file system refuses,
    /// or `existing` is not such a link, a new one is made.
    static func symlink(_ target: String, at path: String, sameAs existing: String) throws(WriteFailure) {
        if readsAsLink(existing, to: target), linkat(AT_FDCWD, existing, AT_FDCWD, path, 0) == 0 { return }
        try symlink(target, at: path)
    }

    /// Whether `path` is a symbolic link whose target is exactly `target`.
    static func readsAsLink(_ path: String, to target: String) -> Bool {
        let expected = Array(target.utf8)
        var buffer = [UInt8](repeating: 0, count: expected.count + 1)
        let count = buffer.withUnsafeMutableBufferPointer { readlink(path, $0.baseAddress!, $0.count) }
        return count == expected.count && buffer.prefix(count).elementsEqual(expected)
    }

    static func rename(_ from: String, to: String) throws(WriteFailure) {
        guard Glibc.rename(from, to) == 0 else { throw failure(to) }
    }

    /// Makes everything written under `folder` durable at once (syncfs of
    /// its file system): files written with `sync: false` and the folder's
    /// own entries, in one call however many files there are.
    static func syncAll(under folder: String) throws(WriteFailure) {
        if brief_syncfs(folder) != 0 { throw failure(folder) }
    }

    static func syncFolder(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
