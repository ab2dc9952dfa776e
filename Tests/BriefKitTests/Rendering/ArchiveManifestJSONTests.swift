import Foundation
import Testing
@testable import BriefKit

/// The archive's manifest written and read by our own JSON code: the same
/// bytes `JSONEncoder` writes, read back to the same value, and what is not a
/// manifest refused with a located reason.
@Suite struct ArchiveManifestJSONTests {
    /// `JSONEncoder` as the archive used it before.
    static func encoded(_ manifest: ArchiveManifest) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return [UInt8](try encoder.encode(manifest))
    }

    /// Names whose byte order differs from a numeric or case-blind one, text
    /// with every kind of character the writer treats apart.
    static let awkward: ArchiveManifest = {
        var briefs: [String: ArchiveManifest.BriefEntry] = [:]
        for (number, id) in ["pair-10", "pair-2", "pair-1a", "pair_1", "a.b", "z-9"].enumerated() {
            var dates: [String: ArchiveManifest.DateEntry] = [:]
            for day in 1...(number + 1) {
                let date = "2025-0\(1 + number % 9)-\(day < 10 ? "0" : "")\(day)"
                dates[date] = ArchiveManifest.DateEntry(
                    store: "\(date)-0123456789abcdef",
                    bluf: ["Relations improve: +2.5 on the scale / \"quoted\" \\ back", "Tab\there, line\nbreak, bell \u{7}, DEL \u{7F}",
                           "Ελληνικά, العربية, 中文, emoji 🌍, \u{2028} separator", ""][day % 4],
                    files: day % 3 == 0 ? [] : ["brief.html", "brief.json", "brief.md", "brief.xml", "trend.svg"],
                    renderedBy: day % 2 == 0 ? nil : String(repeating: "ab", count: 32))
            }
            briefs[id] = ArchiveManifest.BriefEntry(title: "Title of \(id) / relations", parties: number == 3 ? [] : ["alpha", "beta/gamma"], dates: dates)
        }
        briefs["empty"] = ArchiveManifest.BriefEntry(title: "", parties: [], dates: [:])
        return ArchiveManifest(generation: 1234567, briefs: briefs)
    }()

    @Test("the text is JSONEncoder's, byte for byte", arguments: [
        awkward,
        ArchiveManifest(generation: 0, briefs: [:]),
        ArchiveManifest(generation: 3, briefs: ["one": .init(title: "One", parties: ["a"], dates: ["2025-01-01": .init(store: "s", bluf: "b", files: ["f"], renderedBy: nil)])]),
    ])
    func theTextIsJSONEncoders(manifest: ArchiveManifest) throws {
        let ours = manifest.jsonText(), theirs = try Self.encoded(manifest)
        let first = zip(ours, theirs).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(ours.count, theirs.count)
        func around(_ bytes: [UInt8]) -> String { String(decoding: bytes[max(0, first - 60)..<min(bytes.count, first + 60)], as: UTF8.self) }
        #expect(ours.count == theirs.count && first == ours.count, "at byte \(first): ours «\(around(ours))», JSONEncoder's «\(around(theirs))»")
    }

    @Test func whatEitherWroteReadsBackTheSame() throws {
        let manifest = Self.awkward
        #expect(try ArchiveManifest(json: manifest.jsonText()) == manifest)
        #expect(try ArchiveManifest(json: Self.encoded(manifest)) == manifest)
        // What JSONDecoder reads of our text is the same value too.
        #expect(try JSONDecoder().decode(ArchiveManifest.self, from: Data(manifest.jsonText())) == manifest)
    }

    @Test func namesOfFieldsItDoesNotKnowAreSkipped() throws {
        let text = #"{"x-note": [1, {"a": null}], "generation": 2, "briefs": {"b": {"title": "T", "parties": [], "dates": {}, "later": true}}}"#
        let manifest = try ArchiveManifest(json: Array(text.utf8))
        #expect(manifest == ArchiveManifest(generation: 2, briefs: ["b": .init(title: "T", parties: [], dates: [:])]))
    }

    @Test("what is not a manifest is refused, located", arguments: [
        (#"{"generation": 2}"#, "the field 'briefs' is missing"),
        (#"{"generation": 2, "briefs": {"b": {"title": "T", "parties": [], "dates": {"2025-01-01": {"store": "s", "bluf": "b", "files": []}, "2025-01-01": {"store": "s", "bluf": "b", "files": []}}}}}"#,
         "the field '2025-01-01' appears twice in this object"),
        (#"{"generation": "2", "briefs": {}}"#, "a whole number"),
        (#"{"generation": 2, "briefs": {}"#, "expected ',' or '}' in an object"),
        ("", "expected an object"),
        (#"{"generation": 2, "briefs": {}} {}"#, "text after the end of the JSON value"),
    ])
    func whatIsNotAManifestIsRefused(text: String, message: String) throws {
        let bytes = Array(text.utf8)
        #expect(throws: JSONReader.Failure.self) { try ArchiveManifest(json: bytes) }
        do {
            _ = try ArchiveManifest(json: bytes)
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.offset <= bytes.count)
        }
    }

    /// A brief's dates are a map of thousands of names: each read once, not compared with every other.
    @Test func tenYearsOfDatesReadBack() throws {
        var dates: [String: ArchiveManifest.DateEntry] = [:]
        var day = Day(year: 2016, month: 1, day: 1)!
        for _ in 0..<3653 {
            dates[day.iso] = ArchiveManifest.DateEntry(store: "\(day.iso)-0123456789abcdef", bluf: "Summary of \(day.iso).", files: ["brief.json"], renderedBy: nil)
            day = day.adding(days: 1)
        }
        let manifest = ArchiveManifest(generation: 3653, briefs: ["a-b": .init(title: "A–B", parties: ["a", "b"], dates: dates)])
        let read = try ArchiveManifest(json: manifest.jsonText())
        #expect(read.briefs["a-b"]?.dates.count == 3653)
        #expect(read == manifest)
    }
}
