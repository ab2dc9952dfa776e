import Foundation
import Testing
@testable import BriefKit

/// The `text` format: defined by templates alone, plain text that escapes
/// nothing, so every word of the data reaches the reader as it is.
@Suite struct TextFormatTests {
    @Test func isATemplateDefinedPlainTextFormat() throws {
        let registry = try RendererRegistry(templates: TemplateSearchPath(layers: [.builtIn]))
        let text = try #require(registry.renderer(named: "text"))
        #expect(text.format.escaping == .none)
        #expect(text.format.fileExtension == "txt")
        #expect(text.format.validator == nil)
        #expect(text.format.mediaType.hasPrefix("text/plain"))
    }

    @Test(arguments: RenderCase.all)
    func holdsTheBottomLineAndEveryKeyQuoteVerbatim(_ renderCase: RenderCase) throws {
        let (brief, text) = try renderCase.render("text")
        #expect(text.hasPrefix(brief.title + "\n"))
        #expect(text.contains("\nBOTTOM LINE\n" + brief.bluf + "\n"))
        for quote in brief.keyQuotes {
            #expect(text.contains("\"" + quote.text + "\"\n  - " + quote.speakerName), "quote \(quote.id)")
        }
        if brief.keyQuotes.isEmpty { #expect(text.contains("KEY QUOTES\nNone recorded.")) }
        for commitment in brief.commitments.outstanding + brief.commitments.unknown {
            #expect(text.contains(commitment.text), "commitment \(commitment.id)")
        }
        for source in brief.sources {
            #expect(text.contains("[\(source.id)] \(source.title)"), "source \(source.id)")
        }
        // Nothing escaped for another format.
        for escape in ["&amp;", "&#39;", "&lt;", "\\[", "\\*", "<br>"] where !renderCase.hostile {
            #expect(!text.contains(escape), "text output holds \(escape)")
        }
    }

    /// The items that need a second look are marked as in the other formats.
    @Test func marksContextQuotesAndOverdueCommitments() throws {
        let (seed, seedText) = try RenderCase(.seed, "2025-05-01").render("text")
        let context = try #require(seed.keyQuotes.first { $0.scope == .context })
        let line = seedText.components(separatedBy: "\"" + context.text + "\"\n").last?.split(separator: "\n").first ?? ""
        #expect(line.contains("(context)"), "\(line)")
        if let unknown = seed.commitments.unknown.first {
            #expect(seedText.contains("STATUS UNKNOWN\n"))
            #expect(seedText.contains(unknown.text))
        }
        let (fixture, fixtureText) = try RenderCase(.freedonia, "2025-07-15").render("text")
        try #require(fixture.commitments.outstanding.contains { $0.overdue })
        #expect(fixtureText.contains("OVERDUE"))
    }
}

/// The templates built into the program are the ones in Templates/ (for the
/// formats these suites own): `scripts/embed-templates.py` was run.
@Suite struct BuiltInTemplateCopyTests {
    @Test(arguments: ["docbook", "markdown", "text"])
    func builtInCopyMatchesTheFolder(_ format: String) throws {
        let folder = Fixtures.packageRoot.appendingPathComponent("Templates").path
        let onDisk = TemplateSearchPath(layers: [.folder(folder)]).files(of: format)
        let builtIn = TemplateSearchPath(layers: [.builtIn]).files(of: format)
        try #require(!onDisk.isEmpty)
        #expect(onDisk.keys.sorted() == builtIn.keys.sorted(), "run python3 scripts/embed-templates.py")
        for (name, file) in onDisk {
            #expect(builtIn[name]?.text == file.text, "\(format)/\(name) differs: run python3 scripts/embed-templates.py")
        }
    }
}
