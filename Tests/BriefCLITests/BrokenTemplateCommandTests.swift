import Foundation
import Testing

/// A template that produces invalid output, or cannot be parsed, stops
/// `brief generate` with a located error (exit 70) and leaves the output
/// folder exactly as it was.
@Suite struct BrokenTemplateCommandTests {
    static let freedonia = BriefProcess.packageRoot.appendingPathComponent("Tests/BriefKitTests/Fixtures/freedonia").path
    static let brief = "freedonia-sylvania"
    static let asOf = "2025-06-01"

    /// An output folder from an earlier run: a file of the desk's own, an
    /// older brief on the same date, and another date.
    static func writeEarlierOutput(in folder: TemporaryFolder) throws -> URL {
        try folder.write("Output/notes.txt", "the desk's own notes\n")
        try folder.write("Output/\(brief)/\(asOf)/brief.md", "# An older brief\n")
        try folder.write("Output/\(brief)/\(asOf)/.hidden", "kept\n")
        try folder.write("Output/\(brief)/2025-05-01/brief.json", "{}\n")
        let output = folder.url.appendingPathComponent("Output")
        try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent(brief).appendingPathComponent("latest").path,
                                                   withDestinationPath: asOf)
        return output
    }

    /// Every entry under `root` (hidden ones too): its kind, and its bytes or link target.
    static func snapshot(of root: URL) throws -> [String: String] {
        var entries: [String: String] = [:]
        let manager = FileManager.default
        guard let walker = manager.enumerator(atPath: root.path) else { return [:] }
        while let name = walker.nextObject() as? String {
            let path = root.appendingPathComponent(name).path
            let attributes = try manager.attributesOfItem(atPath: path)
            switch attributes[.type] as? FileAttributeType {
            case .typeSymbolicLink?: entries[name] = "link -> " + (try manager.destinationOfSymbolicLink(atPath: path))
            case .typeDirectory?: entries[name] = "folder"
            default: entries[name] = "file " + (try Data(contentsOf: URL(fileURLWithPath: path))).base64EncodedString()
            }
        }
        return entries
    }

    @Test func anInvalidDocBookTemplateFailsWithALocatedErrorAndWritesNothing() throws {
        let folder = try TemporaryFolder()
        // A section without its title: well-formed, but not DocBook.
        try folder.write("templates/docbook/brief.mustache", """
            <?xml version="1.0" encoding="UTF-8"?>
            <article xmlns="http://docbook.org/ns/docbook" version="5.0">
            <info><title>{{title}}</title></info>
            <section xml:id="summary">
            <para>{{bluf}}</para>
            </section>
            </article>

            """)
        let output = try Self.writeEarlierOutput(in: folder)
        let before = try Self.snapshot(of: output)
        #expect(before.count == 8)

        let result = try BriefProcess.run(["generate", Self.brief, "--briefs", Self.freedonia, "--as-of", Self.asOf,
                                           "--format", "markdown,docbook,json", "--templates", folder.url.appendingPathComponent("templates").path,
                                           "--output", output.path], in: folder.url)
        #expect(result.status == 70, "\(result.stderr)")
        let marker = ": error: the docbook output fails its docbook check: "
        let line = try #require(result.stderr.split(separator: "\n").first { $0.contains(marker) }, "no located DocBook error in:\n\(result.stderr)")
        let location = String(line[..<line.range(of: marker)!.lowerBound])
        let parts = location.split(separator: ":")
        #expect(parts.count == 3 && parts[0].hasSuffix("\(Self.brief)/\(Self.asOf)/brief.xml"), "not FILE:LINE:COLUMN: \(location)")
        // The fourth line of the output, `<section xml:id="summary">`, is where the schema stops.
        #expect(parts.count == 3 && parts[1] == "4" && Int(parts[2]).map { $0 >= 1 } == true, "not located at the section: \(location)")
        #expect(line.contains("<section xml:id=\"summary\">"), "the message does not quote the line: \(line)")
        #expect(result.stdout.isEmpty)
        #expect(try Self.snapshot(of: output) == before, "the output folder changed")
    }

    /// The DocBook schema is compiled when the first output is checked (the
    /// fast path's grammar includes the same file, and the official schema
    /// only when the fast path refuses): a schema that cannot be read must
    /// still stop the run with exit 70 and its path, and write nothing.
    @Test func aMissingDocBookSchemaStopsTheRunAndWritesNothing() throws {
        let folder = try TemporaryFolder()
        let output = try Self.writeEarlierOutput(in: folder)
        let before = try Self.snapshot(of: output)
        let missing = folder.url.appendingPathComponent("no-such-schema/docbook.rng").path
        var environment = BriefProcess.environment
        environment["BRIEF_DOCBOOK_RNG"] = missing

        let result = try BriefProcess.run(["generate", Self.brief, "--briefs", Self.freedonia, "--as-of", Self.asOf,
                                           "--format", "markdown,docbook", "--output", output.path],
                                          in: folder.url, environment: environment)
        #expect(result.status == 70, "\(result.stderr)")
        #expect(result.stderr.contains("cannot load the DocBook 5 RELAX NG schema at \(missing)"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try Self.snapshot(of: output) == before, "the output folder changed")

        // Without DocBook among the formats, the schema is never needed.
        let markdown = try BriefProcess.run(["generate", Self.brief, "--briefs", Self.freedonia, "--as-of", Self.asOf,
                                             "--format", "markdown", "--output", folder.url.appendingPathComponent("Markdown").path],
                                            in: folder.url, environment: environment)
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Markdown/\(Self.brief)/\(Self.asOf)/brief.md").path))
    }

    @Test func aTemplateSyntaxErrorIsLocatedInTheTemplate() throws {
        let folder = try TemporaryFolder()
        try folder.write("templates/docbook/brief.mustache", "<article>\n<title>{{title}}</title>\n{{#keyQuotes}}\n<para>{{text}}</para>\n")
        let output = try Self.writeEarlierOutput(in: folder)
        let before = try Self.snapshot(of: output)
        let templates = folder.url.appendingPathComponent("templates").path

        let result = try BriefProcess.run(["generate", Self.brief, "--briefs", Self.freedonia, "--as-of", Self.asOf,
                                           "--format", "markdown,docbook", "--templates", templates, "--output", output.path], in: folder.url)
        #expect(result.status == 70, "\(result.stderr)")
        let prefix = templates + "/docbook/brief.mustache:"
        let line = try #require(result.stderr.split(separator: "\n").first { $0.hasPrefix(prefix) }, "no error located in the template:\n\(result.stderr)")
        let rest = line.dropFirst(prefix.count)
        let parts = rest.split(separator: ":", maxSplits: 2)
        // The unclosed section is found at the end of the file: line 5, column 1.
        #expect(parts.count == 3 && parts[0] == "5" && parts[1] == "1", "not located at the end of the template: \(line)")
        #expect(parts.count == 3 && parts[2].hasPrefix(" error: template syntax"), "\(line)")
        #expect(try Self.snapshot(of: output) == before, "the output folder changed")
    }

    /// A partial reached again from itself would lay out forever (a brief's
    /// data has no nesting for it to end on): refused before anything is
    /// rendered, at the tag that closes the circle.
    @Test func partialsThatIncludeOneAnotherAreRefusedAtTheTagThatClosesTheCircle() throws {
        try Self.expectRefused(templates: [
            ("markdown/brief.mustache", "# {{title}}\n\n{{#keyQuotes}}\n{{>loop-a}}\n{{/keyQuotes}}\n"),
            ("markdown/loop-a.mustache", "> {{text}}\n{{>loop-b}}\n"),
            ("markdown/loop-b.mustache", "{{#sources}}\n- {{title}}\n{{/sources}}\n  {{> loop-a }}\n"),
        ], formats: "markdown,json",
        at: "markdown/loop-b.mustache:4:3", "format 'markdown': the partials include one another without end (brief → loop-a → loop-b → loop-a)")
    }

    /// Template inheritance is left to swift-mustache, which expands a
    /// parent that leads back to its child until the stack runs out: refused
    /// in the same way, not a crash, and located under the delimiters the
    /// template sets.
    @Test func parentsThatLeadBackToTheirChildAreRefusedNotACrash() throws {
        try Self.expectRefused(templates: [
            ("markdown/brief.mustache", "# {{title}}\n{{<base}}{{$body}}{{bluf}}{{/body}}{{/base}}\n"),
            ("markdown/base.mustache", "{{$body}}nothing{{/body}}\n{{=<% %>=}}\n  <%< brief %><%/brief%>\n"),
        ], formats: "markdown,json",
        at: "markdown/base.mustache:3:3", "format 'markdown': the partials include one another without end (brief → base → brief)")
    }

    /// Sections nested thousands deep ran the parser out of stack (exit
    /// 139, a stack trace): refused with the place of the tag too deep.
    @Test func sectionsNestedThousandsDeepAreRefusedNotACrash() throws {
        let deep = String(repeating: "{{#keyQuotes}}", count: 20_000) + "x" + String(repeating: "{{/keyQuotes}}", count: 20_000)
        try Self.expectRefused(templates: [("markdown/brief.mustache", "# {{title}}\n" + deep + "\n")], formats: "markdown,json",
                               at: "markdown/brief.mustache:2:1401", "template syntax: sections nest more than 100 levels deep")
    }

    /// Runs `generate` with `templates` (paths inside a `--templates` folder)
    /// over an earlier output folder, and expects exit 70, the error line
    /// `<templates>/<at>: error: <message>`, nothing on standard output and
    /// the output folder exactly as it was.
    static func expectRefused(templates files: [(String, String)], formats: String, at place: String, _ message: String) throws {
        let folder = try TemporaryFolder()
        for (path, text) in files { try folder.write("templates/" + path, text) }
        let output = try writeEarlierOutput(in: folder)
        let before = try snapshot(of: output)
        let templates = folder.url.appendingPathComponent("templates").path

        let result = try BriefProcess.run(["generate", brief, "--briefs", freedonia, "--as-of", asOf,
                                           "--format", formats, "--templates", templates, "--output", output.path], in: folder.url)
        #expect(result.status == 70, "\(result.stderr)")
        let expected = templates + "/" + place + ": error: " + message
        #expect(result.stderr.split(separator: "\n").contains { $0 == expected }, "expected \(expected) in:\n\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try snapshot(of: output) == before, "the output folder changed")
    }

    /// The same partial used twice, or by two templates, is no circle.
    @Test func aPartialSharedByTwoTemplatesIsNoCircle() throws {
        let folder = try TemporaryFolder()
        try folder.write("templates/markdown/brief.mustache", "# {{title}}\n\n{{>line}}\n{{#keyQuotes}}\n{{>quoted}}\n{{/keyQuotes}}\n{{>line}}\n")
        try folder.write("templates/markdown/quoted.mustache", "> {{text}}\n{{>line}}\n")
        try folder.write("templates/markdown/line.mustache", "---\n")
        let output = folder.url.appendingPathComponent("Output")
        let templates = folder.url.appendingPathComponent("templates").path

        let result = try BriefProcess.run(["generate", Self.brief, "--briefs", Self.freedonia, "--as-of", Self.asOf,
                                           "--format", "markdown", "--templates", templates, "--output", output.path], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOf: output.appendingPathComponent("\(Self.brief)/\(Self.asOf)/brief.md"), encoding: .utf8)
        #expect(text.hasPrefix("# "))
        #expect(text.components(separatedBy: "---\n").count - 1 >= 3, "\(text)")
    }

    /// A brief's files are named by their format's extension: a format whose
    /// extension another format has would overwrite that format's files, and
    /// one with `json` the snapshot that diffs and past briefs are made from.
    @Test(arguments: [
        ("json", "extension 'json' is already the extension of format 'json'; brief.json is the snapshot every brief is stored with; choose another extension"),
        ("XML", "extension 'XML' is already the extension of format 'docbook'; both would write brief.xml; choose another extension"),
    ])
    func aFormatWithAnExtensionAlreadyTakenIsRefusedAtItsExtension(fileExtension: String, message: String) throws {
        try Self.expectRefused(templates: [
            ("clash/format.yaml", "mediaType: text/plain\nextension: \(fileExtension)\nescaping: none\n"),
            ("clash/brief.mustache", "{{title}}\n"),
        ], formats: "markdown", at: "clash/format.yaml:2:12", "format 'clash': " + message)
    }

    /// A folder of templates without a `format.yaml` would be passed over (the
    /// desk would only hear "unknown format"), and a `json` folder would be
    /// ignored: both are errors at the folder's first template.
    @Test func templateFoldersThatAreNotFormatsAreErrors() throws {
        let folder = try TemporaryFolder()
        try folder.write("templates/plaintext/brief.mustache", "{{title}}\n")
        try folder.write("templates/json/brief.mustache", "{{title}}\n")
        try folder.write("templates/assets/logo.txt", "not a template\n")
        let templates = folder.url.appendingPathComponent("templates").path

        let result = try BriefProcess.run(["formats", "--templates", templates], in: folder.url)
        #expect(result.status == 70, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").map(String.init) == [
            templates + "/json/brief.mustache:1:1: error: format 'json' is the brief's snapshot, written by the program: templates cannot lay it out; give the folder another name to make a format of its own",
            templates + "/plaintext/brief.mustache:1:1: error: folder 'plaintext' holds templates but no format.yaml: add one (extension, mediaType, escaping) to make it a format",
        ])
    }
}
