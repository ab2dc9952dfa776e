import Foundation
import Testing
@testable import BriefKit

/// The hash that names stored folders: a field's bytes give the same hash
/// however they are split into pieces, fields hash apart, the names it gives
/// do not change from one version to the next, and an archive whose folders
/// were named by the hash before it (FNV-1a) keeps their names.
@Suite struct ContentHashTests {
    /// FNV-1a as the archive named folders with before 28 November 2026, written out here.
    static func fnv1a(_ fields: [[UInt8]]) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for field in fields {
            for byte in field + [0xff] { value = (value ^ UInt64(byte)) &* 0x100000001b3 }
        }
        return value
    }

    @Test func aFieldSplitAnywhereHashesAsAWhole() {
        let bytes = (0..<67).map { UInt8(truncatingIfNeeded: ($0 &* 0x9E37_79B1) >> 7) }
        var whole = ContentHash()
        whole.add(bytes)
        for first in 0...bytes.count {
            for second in [first, min(first + 1, bytes.count), min(first + 9, bytes.count)] {
                var split = ContentHash()
                for part in [bytes[..<first], bytes[first..<second], bytes[second...]] {
                    Array(part).withUnsafeBufferPointer { split.fold($0) }
                }
                split.separate()
                #expect(split.value == whole.value, "split at \(first) and \(second)")
            }
        }
    }

    @Test func fieldsHashApart() {
        func hash(_ fields: [String]) -> UInt64 {
            var hash = ContentHash()
            for field in fields { hash.add(field.utf8) }
            return hash.value
        }
        let cases: [[String]] = [["ab", "c"], ["a", "bc"], ["abc"], ["abc", ""], ["", "abc"], ["abcdefgh", ""], ["abcdefg", "h"], ["abcdefgh"]]
        #expect(Set(cases.map(hash)).count == cases.count)
        #expect(ContentHash.of(["brief.md": "x", "brief.html": "y"]) != ContentHash.of(["brief.md": "y", "brief.html": "x"]))
    }

    /// Stored folders keep their names across versions: a change of these
    /// values renames every folder a desk's archive holds.
    @Test func theNamesAreStable() {
        #expect(ContentHash.of([:]) == "243f6a8885a308d3")
        #expect(ContentHash.of(["brief.md": "# Title\n", "trend.svg": String(repeating: "<svg/>", count: 100)]) == Self.pinned)
        let files = ["brief.md": "# Title\n", "brief.json": "{}\n"]
        let fields = files.sorted { $0.key < $1.key }.flatMap { [Array($0.key.utf8), Array($0.value.utf8)] }
        #expect(ContentHash.of(files, .fnv1a) == String(format: "%016llx", Self.fnv1a(fields)))
    }

    static let pinned = "0685ba4cd7cd1f3f"

    /// A date stored under an FNV-1a name (by a version before this hash),
    /// stored again with the same files (the same day's run after an
    /// upgrade), keeps its name and is not counted as changed. (It is never
    /// reused without rendering: its render key names the program before.)
    @Test func foldersNamedByTheOldHashAreKeptAndReused() throws {
        let folder = try TemporaryCacheFolder()
        let archive = Archive(root: folder.path + "/Output")
        let day = Day(year: 2026, month: 11, day: 27)!
        let files = ["brief.json": "{\n}\n", "brief.md": "# Aldoria – Brevania relations\n"]
        func entry() -> Archive.Entry {
            Archive.Entry(brief: "aldoria-brevania", title: "Aldoria – Brevania relations", parties: ["aldoria", "brevania"], date: day,
                          bluf: "Nothing new.", files: files, keepOtherFiles: false, renderedBy: "key")
        }
        let first = try Archive.Publication(archive)
        try first.publish([try first.store(entry())])

        // The archive as a version before this hash made it: the folder, its
        // date link and the manifest name it by FNV-1a.
        let current = archive.root + "/.store/aldoria-brevania/" + "\(day.iso)-\(ContentHash.of(files))"
        let legacy = "\(day.iso)-\(ContentHash.of(files, .fnv1a))"
        try #require(FileManager.default.fileExists(atPath: current) && !current.hasSuffix(legacy))
        try FileManager.default.moveItem(atPath: current, toPath: archive.root + "/.store/aldoria-brevania/" + legacy)
        let link = archive.root + "/.archive/gen-000001/aldoria-brevania/" + day.iso
        try FileManager.default.removeItem(atPath: link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "../../../.store/aldoria-brevania/" + legacy)
        var manifest = archive.manifest()
        manifest.briefs["aldoria-brevania"]?.dates[day.iso]?.store = legacy
        try Data(manifest.jsonText()).write(to: URL(fileURLWithPath: archive.root + "/.archive/gen-000001/manifest.json"))

        let second = try Archive.Publication(archive)
        #expect(second.repairs.isEmpty)
        let stored = try second.store(entry())
        #expect(stored.store == legacy && !stored.changed)
        // A date whose files changed is stored under the new hash.
        var changed = entry()
        changed.files["brief.md"] = "# Aldoria – Brevania relations, revised\n"
        let restored = try second.store(changed)
        #expect(restored.store == "\(day.iso)-\(ContentHash.of(changed.files))" && restored.changed)
        second.abandon()
    }
}
