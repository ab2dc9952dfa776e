import Foundation
import Testing
@testable import BriefKit

/// Every DocBook brief is valid DocBook 5.0, and the built-in check
/// (libxml2's RELAX NG, in process) agrees with `xmllint --relaxng` on the
/// official schema, on valid documents and on invalid ones alike.
@Suite struct DocBookValidityTests {
    /// xmllint's verdict on `text`: nil when valid, else its messages.
    static func xmllintProblems(_ text: String) throws -> String? {
        try withTemporaryFolder { folder in
            let file = try text.write(into: folder, named: "brief.xml")
            let result = try ExternalTool.run("xmllint", ["--noout", "--nonet", "--relaxng", ExternalTool.docbookSchema, file], in: folder)
            return result.status == 0 ? nil : "xmllint exit \(result.status): \(result.errors)"
        }
    }

    @Test(arguments: RenderCase.all)
    func everyBriefIsValidForBothChecks(_ renderCase: RenderCase) throws {
        let (_, xml) = try renderCase.render("docbook")
        let builtIn = try OutputValidator.docbook.problems(in: xml)
        #expect(builtIn.isEmpty, "built-in check: \(builtIn.map(\.description))")
        let xmllint = try Self.xmllintProblems(xml)
        #expect(xmllint == nil, "\(xmllint ?? "")")
    }

    /// Ways a DocBook document goes wrong, each made from a valid brief.
    struct Breakage: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var apply: @Sendable (String) -> String

        static func replacing(_ description: String, _ old: String, with new: String) -> Breakage {
            Breakage(testDescription: description) { $0.replacingOccurrences(of: old, with: new) }
        }

        static let all: [Breakage] = [
            .replacing("a section without a title", "<title>Timeline of milestones</title>\n", with: ""),
            .replacing("an xml:id starting with a digit", "xml:id=\"summary\"", with: "xml:id=\"1summary\""),
            .replacing("an xml:id with a colon", "xml:id=\"summary\"", with: "xml:id=\"brief:summary\""),
            .replacing("two elements with the same xml:id", "xml:id=\"timeline\"", with: "xml:id=\"recent\""),
            .replacing("no DocBook namespace", " xmlns=\"http://docbook.org/ns/docbook\"", with: ""),
            .replacing("a table without a title", "informaltable", with: "table"),
            .replacing("a tgroup without cols", "<tgroup cols=\"10\">", with: "<tgroup>"),
            .replacing("an HTML named entity", "No development recorded", with: "No&nbsp;development recorded"),
            .replacing("an attribution after the quoted text", "</attribution>\n<para>Sylvania will deliver.</para>",
                       with: "<para>Sylvania will deliver.</para>\n<attribution>x</attribution>"),
            Breakage(testDescription: "a bibliography without entries") { text in
                text.replacingOccurrences(of: #"<biblioentry[^>]*>[\s\S]*?</biblioentry>\n"#, with: "", options: .regularExpression)
            },
            .replacing("a text node where an element must be", "<mediaobject>", with: "<mediaobject>chart"),
        ]
    }

    @Test(arguments: Breakage.all)
    func anInvalidDocumentFailsBothChecks(_ breakage: Breakage) throws {
        let (_, valid) = try RenderCase(.freedonia, "2025-07-15").render("docbook")
        let broken = breakage.apply(valid)
        try #require(broken != valid, "the breakage did not apply: the template changed, update the test")
        let builtIn = try OutputValidator.docbook.problems(in: broken)
        #expect(!builtIn.isEmpty, "the built-in check accepts \(breakage.testDescription)")
        #expect(try Self.xmllintProblems(broken) != nil, "xmllint accepts \(breakage.testDescription)")
    }

    /// The document the breakages start from passes both checks, so each
    /// failure above is the breakage's doing.
    @Test func theBrokenDocumentsStartValid() throws {
        let (_, valid) = try RenderCase(.freedonia, "2025-07-15").render("docbook")
        #expect(try OutputValidator.docbook.problems(in: valid).isEmpty)
        #expect(try Self.xmllintProblems(valid) == nil)
    }

    /// A broken template is refused by the renderer itself, with a located
    /// message, and nothing comes out.
    @Test func theRendererRefusesAnInvalidTemplate() throws {
        try withTemporaryFolder { folder in
            let docbook = folder.appendingPathComponent("docbook")
            try FileManager.default.createDirectory(at: docbook, withIntermediateDirectories: true)
            // A section with no title, overriding one partial of the built-in templates.
            _ = try "<section xml:id=\"trend\"><para>no title</para></section>\n".write(into: docbook, named: "trend.mustache")
            let registry = try RendererRegistry(templates: TemplateSearchPath(layers: [.folder(folder.path), .builtIn]))
            let renderer = try #require(registry.renderer(named: "docbook"))
            let brief = try RenderCase(.freedonia, "2025-07-15").brief()
            let failure = #expect(throws: RenderFailure.self) { try renderer.render(brief) }
            #expect(failure?.message.contains("docbook check") == true, "\(failure?.message ?? "")")
            #expect(failure?.location?.file == "freedonia-sylvania/2025-07-15/brief.xml")
        }
    }

    @Test func ncNameCheckTellsNamesApart() {
        #expect(isNCName("source-gazette"))
        #expect(isNCName("_x.y-1"))
        #expect(isNCName("é"))
        #expect(!isNCName("1summary"))
        #expect(!isNCName("-x"))
        #expect(!isNCName("a:b"))
        #expect(!isNCName("a b"))
        #expect(!isNCName(""))
    }
}
