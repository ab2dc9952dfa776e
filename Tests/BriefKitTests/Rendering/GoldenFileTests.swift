import Foundation
import Testing
@testable import BriefKit

/// Every built-in format, and the trend chart, of three briefs, byte for byte
/// against the files in `Golden/<fixture>/`: the seed as of 2025-05-01, the
/// fictional Freedonia–Sylvania brief as of 2025-06-01, and the adversarial
/// brief as of 2025-06-01. Rendering twice gives the same bytes.
///
/// A deliberate change of layout or model: `scripts/update-golden.sh`
/// (`BRIEF_UPDATE_GOLDEN=1`) rewrites the files from the current code, then
/// review them with `git diff`. Never edit them by hand.
@Suite struct GoldenFileTests {
    struct Case: Sendable, CustomTestStringConvertible {
        /// The folder under `Golden/`.
        let fixture: String
        let briefs: String
        let brief: String
        let asOf: String

        var testDescription: String { "\(fixture) as of \(asOf)" }
        var paths: InputPaths { InputPaths(briefs: briefs) }
    }

    static let cases = [
        Case(fixture: "seed", briefs: Fixtures.seed.briefs, brief: "azerbaijan-syria", asOf: "2025-05-01"),
        Case(fixture: "freedonia", briefs: Fixtures.freedonia.briefs, brief: "freedonia-sylvania", asOf: "2025-06-01"),
        Case(fixture: "adversarial", briefs: AdversarialBrief.paths.briefs, brief: AdversarialBrief.id, asOf: AdversarialBrief.asOf),
    ]

    static let formats = ["markdown", "html", "docbook", "json"]

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// The repository's templates, as `brief` run at the package root finds them.
    static var templates: TemplateSearchPath {
        TemplateSearchPath(layers: [.folder(Fixtures.packageRoot.appendingPathComponent("Templates").path), .builtIn])
    }

    static var updating: Bool { ProcessInfo.processInfo.environment["BRIEF_UPDATE_GOLDEN"] == "1" }

    /// `<format>/brief.<ext>` for each format, and `trend.svg`.
    static func render(_ item: Case) throws -> [String: String] {
        let loaded = try Fixtures.load(item.paths)
        try #require(!loaded.hasErrors, "\(item.fixture) has errors: \(loaded.errors.map(\.description))")
        let definition = try #require(loaded.definitions.first { $0.id == item.brief })
        let brief = BriefAnalyzer.brief(for: definition, in: loaded.dataset, on: Fixtures.day(item.asOf))
        let registry = try RendererRegistry(templates: templates)
        let renderers = try formats.map { name in try #require(registry.renderer(named: name), "no \(name) renderer") }
        let rendered = try RenderedBrief.render(brief, formats: renderers)
        var files: [String: String] = [:]
        for renderer in renderers {
            let name = "brief.\(renderer.format.fileExtension)"
            let text = try #require(rendered.files[name], "no \(name)")
            files["\(renderer.format.name)/\(name)"] = text
        }
        let chart = try #require(rendered.files["trend.svg"], "no trend.svg")
        files["trend.svg"] = chart
        return files
    }

    @Test(arguments: cases)
    func renderingMatchesTheGoldenFiles(_ item: Case) throws {
        let files = try Self.render(item)
        #expect(try Self.render(item) == files, "rendering the same brief twice gives different bytes")
        let root = Self.folder.appendingPathComponent(item.fixture)

        if Self.updating {
            try? FileManager.default.removeItem(at: root)
            for (name, text) in files {
                let file = root.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: file)
            }
            return
        }

        let stored = Self.storedFiles(under: root)
        #expect(!stored.isEmpty, "no golden files in \(root.path): run scripts/update-golden.sh")
        for name in stored.subtracting(files.keys).sorted() {
            Issue.record("Golden/\(item.fixture)/\(name) is no longer written: run scripts/update-golden.sh")
        }
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            guard let golden = FileManager.default.contents(atPath: root.appendingPathComponent(name).path) else {
                Issue.record("Golden/\(item.fixture)/\(name) is missing: run scripts/update-golden.sh")
                continue
            }
            let actual = Data(text.utf8)
            #expect(actual == golden, "Golden/\(item.fixture)/\(name) differs: \(Self.firstDifference(actual, golden)); if the change is meant, run scripts/update-golden.sh and review the diff")
        }
    }

    /// Paths of the files under `root`, relative to it.
    static func storedFiles(under root: URL) -> Set<String> {
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var names: Set<String> = []
        while let name = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isFolder), !isFolder.boolValue {
                names.insert(name)
            }
        }
        return names
    }

    /// The first line that differs, both ways.
    static func firstDifference(_ actual: Data, _ golden: Data) -> String {
        let a = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let b = String(decoding: golden, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? String(a[index]) : "(end of file)"
            let y = index < b.count ? String(b[index]) : "(end of file)"
            if x != y { return "line \(index + 1) is now \(x.prefix(200).debugDescription), was \(y.prefix(200).debugDescription)" }
        }
        return "same lines, different bytes"
    }
}
