import CBriefSystem
import Foundation
import Glibc
import Testing
@testable import BriefKit

/// A brief's large stored files are written straight to the disk
/// (`brief_write_direct`, through `DurableFile.write(_:to:direct:)`): every
/// byte at every length, the page cache left alone where the file system
/// does direct I/O, and an ordinary write where it refuses.
@Suite struct DirectWriteTests {
    /// A fresh folder in the temporary directory, removed by the caller.
    static func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("brief-direct-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// Bytes with no zeros and no repeat within a block: padding left in the
    /// file, or a piece written at the wrong place, changes them.
    static func bytes(_ count: Int) -> [UInt8] {
        var state: UInt32 = 0x9E37_79B9
        return (0..<count).map { _ in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: state >> 24) | 1
        }
    }

    /// Whether the folder's file system writes directly to a disk (ext4,
    /// XFS, Btrfs), where the kernel checks a direct request's alignment and
    /// keeps what it writes out of the page cache. Others (tmpfs) take the
    /// flag and copy as usual.
    static func writesToDisk(_ path: String) -> Bool {
        [0xEF53, 0x5846_5342, 0x9123_683E].contains(brief_file_system_type(path))
    }

    static func open(_ path: String) -> Int32 {
        Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    }

    @Test func everyByteIsWrittenAtEveryLength() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let piece = 4 << 20
        // Around a block, a piece (4 MiB) and several pieces with a tail.
        let lengths = [0, 1, 511, 512, 4095, 4096, 4097, 65_537, piece - 1, piece, piece + 1, 2 * piece + 12_345]
        for length in lengths {
            let expected = Self.bytes(length)
            let path = "\(folder)/file-\(length)"
            let descriptor = Self.open(path)
            #expect(descriptor >= 0)
            let flags = fcntl(descriptor, F_GETFL)
            let result = expected.withUnsafeBytes { brief_write_direct(descriptor, $0.baseAddress, UInt($0.count), 4096) }
            #expect(result == 0, "length \(length)")
            // The descriptor's flags as they were: later writes to it are ordinary.
            #expect(fcntl(descriptor, F_GETFL) == flags)
            close(descriptor)
            let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            // Compared outside the expectation: a failure describing megabytes took minutes.
            let same = written == expected
            #expect(written.count == length)
            #expect(same, "length \(length)")
        }
    }

    @Test func whatIsWrittenDirectlyIsNotKeptInThePageCache() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Printable ASCII: the text is written as it is.
        let expected = Self.bytes(1 << 20).map { 0x21 + $0 % 94 }
        for direct in [false, true] {
            let path = "\(folder)/brief-\(direct).json"
            try DurableFile.write(String(decoding: expected, as: UTF8.self), to: path, sync: false, direct: direct)
            let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            defer { close(descriptor) }
            let cached = brief_is_cached(descriptor, 0)
            if Self.writesToDisk(folder) {
                // Written as usual, the file's pages are in the cache; written
                // directly, they are on the disk only (-1: the system cannot tell).
                #expect(cached == (direct ? 0 : 1) || cached == -1, "direct: \(direct)")
            }
            let same = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == expected
            #expect(same, "direct: \(direct)")
        }
    }

    @Test func aFileSystemRefusingTheRequestsGetsAnOrdinaryWrite() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let expected = Self.bytes(1001)
        let path = "\(folder)/refused"
        let descriptor = Self.open(path)
        defer { close(descriptor) }
        let flags = fcntl(descriptor, F_GETFL)
        // Requests aligned to 8 bytes only: a disk's file system refuses them
        // (EINVAL) before anything is written, and the file is left empty.
        let result = expected.withUnsafeBytes { brief_write_direct(descriptor, $0.baseAddress, UInt($0.count), 8) }
        if Self.writesToDisk(folder) {
            #expect(result == 1)
            var info = stat()
            #expect(fstat(descriptor, &info) == 0)
            #expect(info.st_size == 0)
            #expect(fcntl(descriptor, F_GETFL) == flags)
        } else {
            #expect(result == 0)
        }
    }

    @Test func aDescriptorWithoutDirectWritesIsLeftAlone() {
        // A socket takes no O_DIRECT: refused before anything is written.
        var ends: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        let bytes = Self.bytes(8192)
        let result = bytes.withUnsafeBytes { brief_write_direct(ends[0], $0.baseAddress, UInt($0.count), 4096) }
        #expect(result == 1)
        var byte: UInt8 = 0
        #expect(recv(ends[1], &byte, 1, Int32(MSG_DONTWAIT)) == -1)
    }

    @Test func anArchiveStoresLargeFilesByteForByte() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Text with several scripts, large enough to be written directly.
        var text = ""
        var line = 0
        while text.utf8.count < 3 * DurableFile.directMinimum + 77 {
            text += "\(line): Ministère des Affaires étrangères, «citation» — Вестник, 外交部, وزارة الخارجية\n"
            line += 1
        }
        let small = "# Brief\n"
        let archive = Archive(root: folder)
        let target = "\(folder)/.store/alpha-beta/2025-06-01-0"
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let staging = try archive.stage(["brief.json": text, "brief.md": small], linking: [:], beside: target)
        #expect(Archive.folder(staging, holdsExactly: ["brief.json": text, "brief.md": small]))
        let same = try String(contentsOfFile: "\(staging)/brief.json", encoding: .utf8) == text
        #expect(same)
    }
}
