import Foundation
import Testing
@testable import BriefKit

/// The snapshot is written from the brief's tree (`JSONText`) rather than by
/// `JSONEncoder`: the bytes must be the ones `JSONEncoder` writes, or every
/// archived `brief.json` would differ from the one a past run wrote.
@Suite struct JSONTextTests {
    func encoderText<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    @Test(arguments: [
        (Fixtures.seed, "azerbaijan-syria", ["2025-05-01", "2024-01-01", "2026-11-27"]),
        (Fixtures.freedonia, "freedonia-sylvania", ["2025-03-01", "2025-06-01"]),
        (AdversarialBrief.paths, AdversarialBrief.id, [AdversarialBrief.asOf]),
    ])
    func aBriefIsWrittenAsJSONEncoderWritesIt(_ paths: InputPaths, _ id: String, _ dates: [String]) throws {
        let loaded = try Fixtures.load(paths)
        let definition = try #require(loaded.definitions.first { $0.id == id })
        for date in dates {
            let brief = BriefAnalyzer.brief(for: definition, in: loaded.dataset, on: Fixtures.day(date))
            let expected = try encoderText(brief)
            #expect(try JSONRenderer().render(brief) == expected)
            #expect(JSONText.pretty(try JSONRenderer.tree(of: brief)) == expected)
        }
    }

    /// `daily` makes the snapshot first (its text keys the brief's files) and
    /// hands its tree to the layouts: every file must be what rendering from
    /// nothing gives.
    @Test func aSnapshotMadeFirstGivesTheSameFiles() throws {
        let loaded = try Fixtures.load(Fixtures.freedonia)
        let definition = try #require(loaded.definitions.first { $0.id == "freedonia-sylvania" })
        let brief = BriefAnalyzer.brief(for: definition, in: loaded.dataset, on: Fixtures.day("2025-06-01"))
        let registry = try RendererRegistry(templates: TemplateSearchPath(layers: [.builtIn]))
        let renderers = ["markdown", "html", "docbook", "json"].compactMap(registry.renderer(named:))
        #expect(renderers.count == 4)
        let snapshot = try BriefSnapshot(brief)
        #expect(snapshot.text == (try encoderText(brief)))
        let shared = try RenderedBrief.render(brief, formats: renderers, snapshot: snapshot).files
        #expect(shared.count == 5)
        #expect(shared == (try RenderedBrief.render(brief, formats: renderers).files))
    }

    @Test func changesAreWrittenAsJSONEncoderWritesThem() throws {
        let loaded = try Fixtures.load(Fixtures.freedonia)
        let definition = try #require(loaded.definitions.first { $0.id == "freedonia-sylvania" })
        let old = BriefAnalyzer.brief(for: definition, in: loaded.dataset, on: Fixtures.day("2025-03-01"))
        let new = BriefAnalyzer.brief(for: definition, in: loaded.dataset, on: Fixtures.day("2025-06-01"))
        let changes = try BriefDiff(old: old, new: new).changes()
        #expect(changes.hasChanges)
        #expect(try JSONRenderer().renderChanges(changes) == encoderText(changes))
    }

    /// What the fixtures may not hold: every ASCII character and a few beyond
    /// in a string, empty and nested containers, keys that sort differently
    /// by case and by digits, and the numbers a brief carries.
    struct Shapes: Encodable {
        var text = String((0..<128).map { Character(Unicode.Scalar(UInt8($0))) }) + "é 😀 \u{2028} \u{FEFF} Ω / \\ \""
        var emptyList: [Int] = []
        var emptyMap: [String: Int] = [:]
        var nested: [[String: [Int]]] = [[:], ["a": []], ["b": [1, 2]]]
        var keys: [String: Int] = ["b": 1, "B": 2, "a10": 3, "a9": 4, "é": 5, "Z": 6, "": 7, "a b": 8]
        var numbers: [Double] = [0, -0.0, 1, -3, 1.5, 0.1, 1e-7, Double.leastNonzeroMagnitude, 123_456_789_012, 1e14, 1e15, 9_007_199_254_740_992, 9.5e15, 1e16, 1.7976931348623157e308, -42.125]
        var counts: [Int] = [0, 1, -1, 365, 999_999_999_999_999]
        var flag = false
        var absent: String?
    }

    @Test func everyShapeIsWrittenAsJSONEncoderWritesIt() throws {
        #expect(try JSONRenderer.encode(Shapes()) == encoderText(Shapes()))
    }

    @Test func aNonFiniteNumberIsAFailureNotAnEmptyObject() {
        #expect(throws: RenderFailure.self) { try JSONRenderer.encode(["x": Double.nan]) }
    }
}
