import Foundation
import Testing

/// The JSON Schemas in docs/ that editors use must accept what `brief check`
/// accepts: the seed, the fictional fixture and the shipped vocabulary, read
/// the way an editor reads YAML. Checked with Python's jsonschema.
@Suite struct JSONSchemaTests {
    static let script = """
        import json, sys, yaml
        from jsonschema import Draft202012Validator
        # Editors read YAML 1.2, which has no timestamps: a date stays text.
        class EditorLoader(yaml.SafeLoader): pass
        EditorLoader.yaml_implicit_resolvers = {
            first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
        schema = json.load(open(sys.argv[1]))
        Draft202012Validator.check_schema(schema)
        validator = Draft202012Validator(schema)
        bad = 0
        for path in sys.argv[2:]:
            for error in validator.iter_errors(yaml.load(open(path, encoding="utf-8"), Loader=EditorLoader)):
                bad += 1
                print(f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
        print(f"checked {len(sys.argv) - 2} files, {bad} problems")
        """

    func validate(schema: String, files: [URL]) throws -> String {
        try Python.run(["-c", Self.script, Fixtures.packageRoot.appendingPathComponent(schema).path] + files.map(\.path)).output
    }

    func yamlFiles(under folder: URL) -> [URL] {
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        return (walker?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path }
    }

    @Test func datasetFilesMatchTheDatasetSchema() throws {
        let files = yamlFiles(under: Fixtures.packageRoot.appendingPathComponent("Briefs/data"))
            + yamlFiles(under: Fixtures.folder.appendingPathComponent("freedonia/data"))
            + [Fixtures.packageRoot.appendingPathComponent("Sources/BriefKit/Resources/vocabulary.yaml")]
        #expect(files.count >= 7)
        let output = try validate(schema: "docs/dataset.schema.json", files: files)
        #expect(output == "checked \(files.count) files, 0 problems\n")
    }

    @Test func briefDefinitionsMatchTheBriefSchema() throws {
        let files = [Fixtures.packageRoot.appendingPathComponent("Briefs/azerbaijan-syria.yaml"),
                     Fixtures.folder.appendingPathComponent("freedonia/freedonia-sylvania.yaml")]
        let output = try validate(schema: "docs/brief.schema.json", files: files)
        #expect(output == "checked 2 files, 0 problems\n")
    }

    @Test func theSchemaRejectsWhatTheCheckerRejects() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.yaml")
        try Data("events:\n  - {id: Bad, date: 2025-13, type: meeting, title: T, sources: [s], colour: red}\n".utf8).write(to: file)
        let output = try validate(schema: "docs/dataset.schema.json", files: [file])
        #expect(!output.hasSuffix(", 0 problems\n"))
        #expect(output.contains("events/0"))
    }
}
