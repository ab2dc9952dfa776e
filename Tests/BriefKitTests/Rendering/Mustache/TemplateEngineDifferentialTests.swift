import DatasetGenerator
import Foundation
import Testing
@testable import BriefKit

/// Our Mustache engine against swift-mustache over real briefs: every
/// built-in template format (Markdown, HTML, DocBook, text) lays out each
/// brief, and each set of changes, to the same bytes with both. The briefs
/// are those of the seed, the fictional and the adversarial fixtures, and of
/// generated datasets (a few hundred records, several seeds) on several dates.
@Suite struct TemplateEngineDifferentialTests {
    static let formats = ["markdown", "html", "docbook", "text"]

    /// The repository's templates and the copies built into the program.
    static let templateSets: [(name: String, path: TemplateSearchPath)] = [
        ("Templates/", TemplateSearchPath(layers: [.folder(Fixtures.packageRoot.appendingPathComponent("Templates").path), .builtIn])),
        ("built in", TemplateSearchPath(layers: [.builtIn])),
    ]

    /// Every template format of `templates`, checked to be laid out by our
    /// engine: a format left to swift-mustache would compare it with itself.
    static func renderers(_ templates: TemplateSearchPath) throws -> [TemplateRenderer] {
        let registry = try RendererRegistry(templates: templates)
        return try formats.map { name in
            let renderer = try #require(registry.renderer(named: name) as? TemplateRenderer, "no \(name) template format")
            #expect(renderer.briefFallback == nil, "\(name): \(renderer.briefFallback ?? "")")
            if name != "text" {
                #expect(renderer.changesFallback == nil, "\(name): \(renderer.changesFallback ?? "")")
            }
            return renderer
        }
    }

    /// Lays out `brief` (and `changes`) with both engines in every format;
    /// returns how many layouts were compared.
    @discardableResult
    static func compare(_ brief: Brief, changes: BriefChanges?, _ renderers: [TemplateRenderer], _ what: String) throws -> Int {
        let tree = TemplateContext.jsonValue(brief)
        var compared = 0
        for renderer in renderers {
            let own = try renderer.layOut(brief, tree: tree, with: .own)
            let reference = try renderer.layOut(brief, tree: tree, with: .swiftMustache)
            #expect(own == reference, "\(what), \(renderer.format.name): \(firstDifference(own, reference))")
            compared += 1
            if let changes {
                let own = try renderer.layOut(changes, with: .own)
                let reference = try renderer.layOut(changes, with: .swiftMustache)
                #expect(own == reference, "\(what), changes, \(renderer.format.name): \(firstDifference(own ?? "", reference ?? ""))")
                if own != nil { compared += 1 }
            }
        }
        return compared
    }

    static func firstDifference(_ own: String, _ reference: String) -> String {
        let a = Array(own.utf8), b = Array(reference.utf8)
        let index = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        guard index < max(a.count, b.count) else { return "same bytes" }
        func around(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(0, index - 60)..<min(bytes.count, index + 60)], as: UTF8.self).debugDescription
        }
        return "byte \(index): ours \(around(a)), swift-mustache \(around(b))"
    }

    /// The brief on `asOf` and, when `since` is given, its changes since then.
    static func brief(_ definition: BriefDefinition, _ inputs: Inputs, _ asOf: String, since: String?) throws -> (Brief, BriefChanges?) {
        let brief = BriefAnalyzer.brief(for: definition, in: inputs.dataset, on: Fixtures.day(asOf))
        guard let since else { return (brief, nil) }
        let old = BriefAnalyzer.brief(for: definition, in: inputs.dataset, on: Fixtures.day(since))
        return (brief, try BriefDiff(old: old, new: brief).changes())
    }

    // MARK: - Fixtures

    struct Fixture: Sendable, CustomTestStringConvertible {
        let name: String
        let briefs: String
        let dates: [String]
        var testDescription: String { name }
    }

    static let fixtures = [
        Fixture(name: "seed", briefs: Fixtures.seed.briefs, dates: ["2025-04-01", "2025-04-12", "2025-05-01", "2026-01-01"]),
        Fixture(name: "freedonia", briefs: Fixtures.freedonia.briefs, dates: ["2025-01-01", "2025-03-15", "2025-06-01", "2026-06-01"]),
        Fixture(name: "adversarial", briefs: AdversarialBrief.paths.briefs, dates: ["2025-01-01", AdversarialBrief.asOf]),
    ]

    @Test(arguments: fixtures)
    func fixtureBriefsAreTheSameBytesWithBothEngines(_ fixture: Fixture) throws {
        let inputs = try Fixtures.load(InputPaths(briefs: fixture.briefs))
        try #require(!inputs.hasErrors, "\(fixture.name) has errors")
        try #require(!inputs.definitions.isEmpty)
        var compared = 0
        for (name, templates) in Self.templateSets {
            let renderers = try Self.renderers(templates)
            for definition in inputs.definitions {
                for (index, date) in fixture.dates.enumerated() {
                    let (brief, changes) = try Self.brief(definition, inputs, date, since: index > 0 ? fixture.dates[index - 1] : nil)
                    compared += try Self.compare(brief, changes: changes, renderers, "\(fixture.name) \(definition.id) \(date) (\(name))")
                }
            }
        }
        #expect(compared >= 2 * Self.formats.count * fixture.dates.count)
    }

    // MARK: - Generated datasets

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func generatedBriefsAreTheSameBytesWithBothEngines(seed: UInt64) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brief-engine-\(getpid())-\(seed)-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let summary = try DatasetGenerator.generate(GeneratorOptions(records: 400, seed: seed, briefs: 3), into: folder)
        #expect(summary.records >= 400)
        let inputs = try Fixtures.load(InputPaths(briefs: folder))
        try #require(!inputs.hasErrors, "the generated dataset has errors: \(inputs.diagnostics.prefix(3))")
        try #require(inputs.definitions.count == 3)
        let renderers = try Self.renderers(Self.templateSets[1].path)
        let dates = ["2012-03-01", "2019-07-15", "2024-11-30", "2026-06-01"]
        var compared = 0
        var changed = 0
        for definition in inputs.definitions {
            for (index, date) in dates.enumerated() {
                let (brief, changes) = try Self.brief(definition, inputs, date, since: index > 0 ? dates[index - 1] : nil)
                if changes?.hasChanges == true { changed += 1 }
                compared += try Self.compare(brief, changes: changes, renderers, "seed \(seed) \(definition.id) \(date)")
            }
        }
        #expect(compared > 0)
        #expect(changed > 0, "no set of changes to compare")
    }
}
