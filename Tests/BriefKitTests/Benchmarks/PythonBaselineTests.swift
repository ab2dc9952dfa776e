import DatasetGenerator
import Foundation
import Testing
import XMLSupport
@testable import BriefKit

/// `Benchmarks/baseline/python_briefs.py`, the hand-written script the
/// performance goal's 10× is measured against (docs/performance.md, "The
/// Python script"), must do the job it is timed for: read every file, and
/// write each brief in the formats its definition lists, as documents a
/// reader would accept. A script that failed half-way, or wrote empty or
/// broken files, would flatter `brief` in the suite's table.
@Suite struct PythonBaselineTests {
    static let script = Fixtures.packageRoot.appendingPathComponent("Benchmarks/baseline/python_briefs.py").path

    @Test func writesEveryBriefInItsFormatsAsValidDocuments() throws {
        try withTemporaryFolder { folder in try check(in: folder) }
    }

    func check(in folder: URL) throws {
        let briefs = folder.appendingPathComponent("briefs").path
        let output = folder.appendingPathComponent("out").path
        _ = try DatasetGenerator.generate(GeneratorOptions(records: 1500, seed: 5, briefs: 3), into: briefs)
        let inputs = try Fixtures.load(InputPaths(briefs: briefs))
        #expect(inputs.definitions.count == 3)

        let date = "2025-06-01"
        let (status, printed) = try Python.run([Self.script, briefs, output, "--date", date])
        try #require(status == 0, "the script failed: \(printed)")

        // "SECONDS FILES BRIEFS": every dataset file and definition read, every brief written.
        let dataFiles = (FileManager.default.enumerator(atPath: briefs + "/data")?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".yaml") }
        let fields = printed.split(separator: "\n").last?.split(separator: " ") ?? []
        #expect(fields.count == 3 && Double(fields[0]) != nil, "\(printed)")
        #expect(fields.dropFirst().map(String.init) == ["\(dataFiles.count + 3)", "3"])

        for definition in inputs.definitions {
            let day = "\(output)/\(definition.id)/\(date)"
            let written = try FileManager.default.contentsOfDirectory(atPath: day).sorted()
            let expected = definition.formats.compactMap { ["markdown": "brief.md", "html": "brief.html", "docbook": "brief.xml"][$0] }
            #expect(written == expected.sorted(), "\(definition.id)")

            let markdown = try String(contentsOfFile: "\(day)/brief.md", encoding: .utf8)
            #expect(markdown.hasPrefix("# \(definition.title)\n"), "\(definition.id)")
            let html = try String(contentsOfFile: "\(day)/brief.html", encoding: .utf8)
            #expect(XMLCheck.wellFormedness(of: html).isEmpty, "\(definition.id)")
            #expect(html.contains("<title>\(definition.title), as of \(date)</title>"), "\(definition.id)")
            let docbook = try String(contentsOfFile: "\(day)/brief.xml", encoding: .utf8)
            #expect(try DocBookSchema.shared().validate(docbook).isEmpty, "\(definition.id)")
            // It cites sources, as our brief of the same day does: the work is done, not skipped.
            #expect(docbook.components(separatedBy: "<biblioentry").count > 1, "\(definition.id)")
        }
    }
}
