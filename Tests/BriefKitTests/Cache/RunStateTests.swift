import Foundation
import Testing
@testable import BriefKit

/// The run state is read back exactly as written, and never trusted when
/// it is damaged, truncated, of another layout or another program's.
@Suite struct RunStateTests {
    static let program = Array(repeating: UInt8(7), count: 32)

    static func sample() -> RunState {
        RunState(program: program, day: Fixtures.day("2025-06-01"), files: [
            RunState.File(path: "data/a.yaml", key: Array(0..<32), declaresShared: true, ids: [], contents: [], knownSources: [],
                          references: []),
            RunState.File(path: "data/ünïcode/b.yaml", key: Array(repeating: 255, count: 32), declaresShared: false,
                          ids: [0, 5, 5, UInt64.max], contents: [1, 2, 3, 4, 5, 6, UInt64.max, 0], knownSources: [5, UInt64.max],
                          references: [3, 8, 1 << 63]),
        ], briefs: [
            RunState.Brief(id: "aa-bb", parties: ["Aland", "Borduria"], bluf: "Talks resumed.",
                           renderKey: String(repeating: "ab", count: 32), context: Array(repeating: 9, count: 32), readSet: [1, 2, 1 << 40]),
        ])
    }

    @Test func aStateIsReadBackAsWritten() throws {
        let folder = try TemporaryCacheFolder()
        let cache = try ParseCache(folder: folder.path, program: Self.program)
        let path = RunState.path(in: cache, archive: "\(folder.path)/archive")
        // The same archive however it is named; another archive elsewhere.
        #expect(path == RunState.path(in: cache, archive: "\(folder.path)/./archive/"))
        #expect(path != RunState.path(in: cache, archive: "\(folder.path)/other"))
        let state = Self.sample()
        try state.write(at: path)
        #expect(RunState.read(at: path, program: Self.program) == state)
        // Written again over itself: replaced whole, no temporary file left.
        var next = state
        next.briefs[0].readSet = [3]
        try next.write(at: path)
        #expect(RunState.read(at: path, program: Self.program) == next)
        let folderOfStates = String(path[..<path.lastIndex(of: "/")!])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folderOfStates).count == 1)
    }

    @Test func aStateOfAnotherProgramIsNotRead() throws {
        let folder = try TemporaryCacheFolder()
        let path = RunState.path(in: try ParseCache(folder: folder.path, program: Self.program), archive: folder.path)
        try Self.sample().write(at: path)
        #expect(RunState.read(at: path, program: Self.program) != nil)
        #expect(RunState.read(at: path, program: Array(repeating: 8, count: 32)) == nil)
    }

    /// Every byte flipped in turn, and every length cut short: none is read.
    @Test func aDamagedOrTruncatedStateIsNeverTrusted() throws {
        let bytes = Self.sample().encoded()
        var accepted = 0
        for index in bytes.indices {
            var damaged = bytes
            damaged[index] ^= 0x20
            if (damaged.withUnsafeBytes { try? RunState.decode($0) }) != nil { accepted += 1 }
        }
        for length in 0..<bytes.count {
            if (Array(bytes.prefix(length)).withUnsafeBytes { try? RunState.decode($0) }) != nil { accepted += 1 }
        }
        #expect(accepted == 0)
        #expect((bytes.withUnsafeBytes { try? RunState.decode($0) }) == Self.sample())
    }

    @Test func recordHashesAreStableAndTellKindsApart() {
        // FNV-1a 64 of "event", a zero byte and "ev-1": the same in every run.
        #expect(RecordHash.of(.event, "ev-1") == RecordHash.of(.event, "ev-1"))
        #expect(RecordHash.of(.event, "x") != RecordHash.of(.quote, "x"))
        #expect(RecordHash.of(.source, "") == Self.fnv1a(Array("source".utf8) + [0]))
        #expect(RecordHash.sortedUnique([5, 1, 5, 3]) == [1, 3, 5])
        #expect(RecordHash.intersect([1, 4, 9], [2, 9]))
        #expect(!RecordHash.intersect([1, 4, 9], [2, 3, 10]))
        #expect(RecordHash.contains([1, 4, 9], 4) && !RecordHash.contains([1, 4, 9], 5))
    }

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    /// What a record says does not depend on where it is written.
    @Test func aRecordsContentIgnoresItsPlace() throws {
        let here = BriefKit.SourceLocation(file: "a.yaml", line: 3, column: 5), there = BriefKit.SourceLocation(file: "b.yaml", line: 40, column: 7)
        let date = Fixtures.day("2025-01-02")
        func event(_ place: BriefKit.SourceLocation, title: String = "Talks") -> Event {
            Event(id: "ev", date: EDTFDate(day: date), type: "meeting", title: title,
                  sources: [Citation(source: Reference("s", at: place), locator: nil)], parties: [Reference("aa", at: place)], origin: place)
        }
        #expect(RecordContent.digest(event(here)) == RecordContent.digest(event(there)))
        #expect(RecordContent.digest(event(here)) != RecordContent.digest(event(here, title: "Talk")))
    }
}
