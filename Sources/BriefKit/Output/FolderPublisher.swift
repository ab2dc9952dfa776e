import Foundation
import CBriefSystem
#if canImport(Glibc)
import Glibc
#endif

/// Cannot write the output (exit 73).
public struct WriteFailure: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "\(path): error: cannot write: \(reason)" }
}

/// Publishes a folder of files atomically: everything is written and synced
/// in a staging folder beside the target, then swapped in with one rename.
/// A reader, or a crash at any instant, sees the old complete folder or the
/// new complete one, never a mix. Files of the old folder that the new one
/// does not replace are kept (hard-linked into the staging folder).
public enum FolderPublisher {
    public static func publish(_ files: [String: String], to target: String) throws(WriteFailure) {
        let manager = FileManager.default
        let parent = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        do {
            try manager.createDirectory(atPath: parent.isEmpty ? "." : parent, withIntermediateDirectories: true)
        } catch {
            throw WriteFailure(path: parent, reason: reason(error))
        }
        let staging = InputPaths.join(parent.isEmpty ? "." : parent, ".\(name).staging-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try manager.createDirectory(atPath: staging, withIntermediateDirectories: false)
        } catch {
            throw WriteFailure(path: staging, reason: reason(error))
        }
        var published = false
        defer { if !published { try? manager.removeItem(atPath: staging) } }

        for (file, text) in files.sorted(by: { $0.key < $1.key }) {
            try write(Data(text.utf8), to: InputPaths.join(staging, file))
        }
        var isFolder: ObjCBool = false
        let exists = manager.fileExists(atPath: target, isDirectory: &isFolder) && isFolder.boolValue
        if exists {
            for old in (try? manager.contentsOfDirectory(atPath: target)) ?? [] where files[old] == nil && !old.hasPrefix(".") {
                if link(InputPaths.join(target, old), InputPaths.join(staging, old)) != 0 {
                    throw WriteFailure(path: InputPaths.join(target, old), reason: String(cString: strerror(errno)))
                }
            }
        }
        syncFolder(staging)
        if exists {
            // Swap the two folders in one step, then drop the old one.
            guard brief_rename_exchange(staging, target) == 0 else {
                throw WriteFailure(path: target, reason: String(cString: strerror(errno)))
            }
            published = true
            syncFolder(parent.isEmpty ? "." : parent)
            try? manager.removeItem(atPath: staging)
        } else {
            guard rename(staging, target) == 0 else {
                throw WriteFailure(path: target, reason: String(cString: strerror(errno)))
            }
            published = true
            syncFolder(parent.isEmpty ? "." : parent)
        }
    }

    /// Writes and syncs one file, so that a crash after the rename cannot leave it empty.
    static func write(_ data: Data, to path: String) throws(WriteFailure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteFailure(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var offset = 0
        let failure: Int32? = data.withUnsafeBytes { buffer -> Int32? in
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure { throw WriteFailure(path: path, reason: String(cString: strerror(failure))) }
        guard fsync(descriptor) == 0 else { throw WriteFailure(path: path, reason: String(cString: strerror(errno))) }
    }

    static func syncFolder(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    static func reason(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
