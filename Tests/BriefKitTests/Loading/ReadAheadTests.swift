import CBriefSystem
import Foundation
import Glibc
import Synchronization
import Testing
@testable import BriefKit

/// `ReadAhead` asks the disk for files ahead of the threads that read them:
/// each file once, in the order read, never past the end; a group of files
/// whose ends are in the page cache is left alone.
@Suite struct ReadAheadTests {
    static func paths(_ count: Int) -> [String] { (0..<count).map { "/data/file-\($0).yaml" } }

    /// Every run of files asked for, in order.
    final class Asked: Sendable {
        let runs = Mutex<[[String]]>([])
        var all: [String] { runs.withLock { $0.flatMap { $0 } } }
    }

    @Test func filesAreAskedForOnceEachInTheOrderRead() {
        let asked = Asked()
        let paths = Self.paths(100)
        let readAhead = ReadAhead(paths) { run in asked.runs.withLock { $0.append(Array(run)) } }
        readAhead.reading(upTo: 10)
        readAhead.reading(upTo: 5)
        readAhead.reading(upTo: 10)
        readAhead.reading(upTo: 40)
        readAhead.finish()
        #expect(asked.runs.withLock { $0 } == [Array(paths[0..<10]), Array(paths[10..<40])])
        readAhead.reading(upTo: 1000)
        readAhead.reading(upTo: 2000)
        readAhead.finish()
        #expect(asked.all == paths)
    }

    @Test func readingManyTimesFromSeveralThreadsAsksForEachFileOnceInOrder() {
        let paths = Self.paths(1000)
        // Many rounds: two threads taking the next runs at nearly the same
        // moment is what would ask for them out of order.
        for _ in 0..<50 {
            let asked = Asked()
            let readAhead = ReadAhead(paths) { run in asked.runs.withLock { $0.append(Array(run)) } }
            DispatchQueue.concurrentPerform(iterations: 200) { step in
                readAhead.reading(upTo: (step % 50) * 25 + 7)
            }
            readAhead.finish()
            #expect(asked.all == paths)
        }
    }

    @Test func aGroupIsAskedForWholeUnlessItsEndsAreInTheCache() {
        let paths = Self.paths(100)
        let group = ReadAhead.groupSize
        // In the cache: every file but the last of the second group and the
        // last of the fourth (files 96 to 99).
        let notCached: Set<String> = [paths[2 * group - 1], paths[99]]
        var asked: [String] = []
        ReadAhead.askDisk(paths[...], isCached: { !notCached.contains($0) }, willNeed: { asked.append($0) })
        #expect(asked == Array(paths[group..<(2 * group)]) + Array(paths[(3 * group)...]))
        asked = []
        ReadAhead.askDisk(paths[...], isCached: { _ in true }, willNeed: { asked.append($0) })
        #expect(asked.isEmpty)
        ReadAhead.askDisk(paths[5..<9], isCached: { _ in false }, willNeed: { asked.append($0) })
        #expect(asked == Array(paths[5..<9]))
    }

    @Test func aFileJustWrittenIsNeverSaidToBeOutOfTheCache() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("read-ahead-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("events.yaml").path
        try Data(repeating: UInt8(ascii: "a"), count: 100_000).write(to: URL(fileURLWithPath: path))
        let descriptor = open(path, O_RDONLY)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        // Its pages were just written, so they are in the cache: 1, or -1
        // where the system cannot tell (the read-ahead then asks for it).
        #expect([1, -1].contains(brief_is_cached(descriptor, 0)))
        #expect([1, -1].contains(brief_is_cached(descriptor, 99_999)))
        #expect(brief_will_need(descriptor) == 0)
        // A file that is not there is not in the cache, and asking for it does nothing.
        #expect(!ReadAhead.isCached(folder.appendingPathComponent("missing.yaml").path))
        ReadAhead.willNeed(folder.appendingPathComponent("missing.yaml").path)
        // Read in full afterwards, byte for byte.
        var problems: [Diagnostic] = []
        #expect(DatasetFolder.bytes(of: path, into: &problems).count == 100_000)
        #expect(problems.isEmpty)
    }
}

extension ReadAhead {
    /// Waits until every file asked for so far has been.
    func finish() {
        queue.sync {}
    }
}
