import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One writer at a time on an output folder: an advisory `flock` on
/// `<output>/.lock`. The kernel releases it when the process dies, so no
/// stale lock outlives a crash.
public final class ArchiveLock: Sendable {
    private let descriptor: Int32

    /// The lock file, in the output folder.
    public static let fileName = ".lock"

    /// Another run holds the lock (exit 75: try later).
    public struct Busy: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var description: String {
            "\(path): error: another brief run holds the lock \(InputPaths.join(path, ArchiveLock.fileName)) and is writing to this output folder; try again later"
        }
    }

    /// Takes the lock without waiting.
    public init(output: String) throws(ArchiveError) {
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            throw .write(WriteFailure(path: output, reason: "cannot create the folder"))
        }
        let path = InputPaths.join(output, Self.fileName)
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .write(WriteFailure(path: path, reason: String(cString: strerror(errno)))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { throw .busy(Busy(path: output)) }
            throw .write(WriteFailure(path: path, reason: String(cString: strerror(code))))
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// Why an archive could not be updated.
public enum ArchiveError: Error, Sendable, CustomStringConvertible {
    case busy(ArchiveLock.Busy)
    case write(WriteFailure)

    public var description: String {
        switch self {
        case let .busy(busy): return busy.description
        case let .write(failure): return failure.description
        }
    }
}
