import Foundation
import Testing

/// A format defined by templates alone, and one overridden partial, through
/// the `brief` program as a desk uses them.
@Suite struct TemplateFormatCommandTests {
    static let freedonia = BriefProcess.packageRoot.appendingPathComponent("Tests/BriefKitTests/Fixtures/freedonia").path
    static let brief = "freedonia-sylvania"
    static let asOf = "2025-06-01"

    /// A mail format: a manifest and one template, no Swift.
    static func writeMailFormat(in folder: TemporaryFolder) throws {
        try folder.write("templates/mail/format.yaml", """
            extension: eml
            mediaType: message/rfc822
            escaping: none
            description: the morning mail
            """)
        try folder.write("templates/mail/brief.mustache", """
            Subject: {{title}}, as of {{asOfDisplay}}
            Content-Type: text/plain; charset=utf-8

            {{bluf}}
            {{#keyQuotes}}
            * "{{text}}" ({{speakerName}}, {{dateDisplay}})
            {{/keyQuotes}}
            {{#commitments.outstanding}}
            * {{byList}}: {{text}}{{#overdue}} (OVERDUE){{/overdue}}
            {{/commitments.outstanding}}

            """)
    }

    @Test func formatsListsATemplateDefinedFormat() throws {
        let folder = try TemporaryFolder()
        try Self.writeMailFormat(in: folder)
        let templates = folder.url.appendingPathComponent("templates").path
        let result = try BriefProcess.run(["formats", "--templates", templates], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        let mail = try #require(rows.first { $0.first == "mail" }, "no mail row in:\n\(result.stdout)")
        #expect(Array(mail.prefix(4)) == ["mail", "eml", "message/rfc822", "-"])
        #expect(mail.contains(templates + "/mail"), "the row does not say where the templates are: \(mail)")
        #expect(result.stdout.contains("the morning mail"))
        // The built-in formats are still there, first.
        #expect(rows.dropFirst().prefix(4).map { $0.first ?? "" } == ["markdown", "html", "docbook", "json"])
    }

    @Test func generateWritesATemplateDefinedFormat() throws {
        let folder = try TemporaryFolder()
        try Self.writeMailFormat(in: folder)
        let output = folder.url.appendingPathComponent("Output")
        let result = try BriefProcess.run(["generate", Self.brief, "--briefs", Self.freedonia, "--as-of", Self.asOf,
                                           "--format", "mail,json", "--templates", folder.url.appendingPathComponent("templates").path,
                                           "--output", output.path], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let day = output.appendingPathComponent(Self.brief).appendingPathComponent(Self.asOf)
        let mail = try String(contentsOf: day.appendingPathComponent("brief.eml"), encoding: .utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: day.appendingPathComponent("brief.json"))) as? [String: Any])

        // The text the template lays out, from the values of the snapshot written beside it.
        var expected = "Subject: \(json["title"] as? String ?? "?"), as of \(json["asOfDisplay"] as? String ?? "?")\n"
        expected += "Content-Type: text/plain; charset=utf-8\n\n\(json["bluf"] as? String ?? "?")\n"
        for quote in json["keyQuotes"] as? [[String: Any]] ?? [] {
            expected += "* \"\(quote["text"] as? String ?? "?")\" (\(quote["speakerName"] as? String ?? "?"), \(quote["dateDisplay"] as? String ?? "?"))\n"
        }
        for commitment in (json["commitments"] as? [String: Any])?["outstanding"] as? [[String: Any]] ?? [] {
            let by = (commitment["byNames"] as? [String] ?? []).joined(separator: ", ")
            expected += "* \(by): \(commitment["text"] as? String ?? "?")\(commitment["overdue"] as? Bool == true ? " (OVERDUE)" : "")\n"
        }
        #expect(mail == expected)
        // Known values, so that an empty snapshot cannot make both sides agree.
        #expect(mail.hasPrefix("Subject: Freedonia and Sylvania, as of 1 June 2025\n"))
        #expect(mail.contains("* \"A new chapter\nbegins today.\" (Gloria Teasdale, 5 March 2025)\n"), "a key quote is missing or escaped:\n\(mail)")
        #expect(mail.contains("* Gloria Teasdale: An invitation to visit Fredville (OVERDUE)\n"))
        #expect(FileManager.default.fileExists(atPath: day.appendingPathComponent("trend.svg").path))
        #expect(!FileManager.default.fileExists(atPath: day.appendingPathComponent("brief.md").path), "a format that was not asked for was written")
    }

    /// A desk that wants another quote block overrides `html/quote.mustache`
    /// alone: here the built-in block, wrapped. Everything else is as built in.
    @Test func overridingOnePartialChangesOnlyThatPart() throws {
        let folder = try TemporaryFolder()
        let original = try String(contentsOf: BriefProcess.packageRoot.appendingPathComponent("Templates/html/quote.mustache"), encoding: .utf8)
        try folder.write("templates/html/quote.mustache", "<div class=\"desk-quote\">\n" + original + "</div><!-- desk-quote -->\n")
        let common = ["generate", Self.brief, "--briefs", Self.freedonia, "--as-of", Self.asOf, "--format", "html", "--output", "-"]
        let standard = try BriefProcess.run(common)
        let overridden = try BriefProcess.run(common + ["--templates", folder.url.appendingPathComponent("templates").path])
        #expect(standard.status == 0, "\(standard.stderr)")
        #expect(overridden.status == 0, "\(overridden.stderr)")

        let lines = overridden.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let wrappers = lines.filter { $0 == "<div class=\"desk-quote\">" || $0 == "</div><!-- desk-quote -->" }
        // Two key quotes and one reported statement, each wrapped once.
        #expect(wrappers.count == 6, "expected three wrapped quote blocks, found \(wrappers.count / 2)")
        #expect(!standard.stdout.contains("desk-quote"))
        let unwrapped = lines.filter { $0 != "<div class=\"desk-quote\">" && $0 != "</div><!-- desk-quote -->" }.joined(separator: "\n")
        #expect(unwrapped == standard.stdout, "the override changed more than the quote blocks")
    }
}
