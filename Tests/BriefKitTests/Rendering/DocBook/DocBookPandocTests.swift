import Foundation
import Testing
@testable import BriefKit

/// pandoc (Debian's) reads every DocBook brief back to Markdown with the
/// quotes intact: each key quote and reported statement is a block quote of
/// its own, its words unchanged, its attribution after it.
@Suite struct DocBookPandocTests {
    static func pandoc(_ xml: String, to format: String) throws -> String {
        try withTemporaryFolder { folder in
            let file = try xml.write(into: folder, named: "brief.xml")
            let result = try ExternalTool.run("pandoc", ["--from=docbook", "--to=\(format)", "--wrap=none", file], in: folder)
            try #require(result.status == 0, "pandoc exit \(result.status): \(result.errors)")
            return result.output
        }
    }

    /// What pandoc read, whatever its writers do with it: the block quotes of
    /// its document model (`-t json`), each as its paragraphs' text.
    @Test(arguments: RenderCase.all)
    func pandocReadsEveryQuoteIntact(_ renderCase: RenderCase) throws {
        let (brief, xml) = try renderCase.render("docbook")
        let json = try Self.pandoc(xml, to: "json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let blocks = try #require(document["blocks"] as? [Any])
        let blockquotes = PandocAST.blocks(ofType: "BlockQuote", in: blocks)
        let quotes = brief.keyQuotes + brief.reportedStatements
        try #require(blockquotes.count == quotes.count, "\(blockquotes.count) block quotes for \(quotes.count) quotes")
        for (quote, blockquote) in zip(quotes, blockquotes) {
            let children = (blockquote["c"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }
            #expect(children.allSatisfy { $0["t"] as? String == "Para" }, "quote \(quote.id): \(children.map { $0["t"] ?? "" })")
            let paragraphs = children.map(PandocAST.text)
            // pandoc reads the attribution as a last paragraph opening with a dash.
            let attribution = normalisedWhitespace(paragraphs.last ?? "")
            #expect(attribution.hasPrefix("— " + normalisedWhitespace(quote.speakerName)), "quote \(quote.id): attribution \(attribution)")
            #expect(paragraphs.dropLast().joined(separator: "\n") == normalisedWhitespace(quote.text, keepingLines: true), "quote \(quote.id)")
        }
    }

    /// The Markdown pandoc writes (`-t gfm`), parsed by cmark-gfm: each quote
    /// a block quote with its words. Only for real data: pandoc 2.17's
    /// Markdown writers leave some markup-like text unescaped (a paragraph
    /// "---", the text "&amp;"), which the hostile briefs are made of.
    @Test(arguments: RenderCase.plain)
    func pandocWritesTheQuotesAsMarkdownBlockQuotes(_ renderCase: RenderCase) throws {
        let (brief, xml) = try renderCase.render("docbook")
        let document = try CommonMark.parse(try Self.pandoc(xml, to: "gfm"))
        let blockquotes = document.descendants(named: "block_quote")
        let quotes = brief.keyQuotes + brief.reportedStatements
        try #require(blockquotes.count == quotes.count, "\(blockquotes.count) block quotes for \(quotes.count) quotes")
        for (quote, blockquote) in zip(quotes, blockquotes) {
            let paragraphs = blockquote.elements.map(CommonMark.text)
            #expect(blockquote.elements.allSatisfy { $0.name == "paragraph" })
            let attribution = paragraphs.last ?? ""
            #expect(attribution.hasPrefix("— " + quote.speakerName), "quote \(quote.id): attribution \(attribution)")
            let words = paragraphs.dropLast().joined(separator: "\n")
            #expect(normalisedWhitespace(words) == normalisedWhitespace(quote.text), "quote \(quote.id)")
        }
        // The headings of the brief survive too.
        let headings = document.descendants(named: "heading").map(CommonMark.text)
        for title in ["Key quotes", "Reported statements", "Outstanding commitments", "Sources"] {
            #expect(headings.contains(title), "no heading \(title) in \(headings)")
        }
    }

    /// Sources come back with their titles (pandoc drops a biblioentry's `title`, not its `citetitle`).
    @Test(arguments: RenderCase.plain)
    func pandocKeepsTheSourceTitles(_ renderCase: RenderCase) throws {
        let (brief, xml) = try renderCase.render("docbook")
        let plain = try Self.pandoc(xml, to: "plain")
        for source in brief.sources {
            #expect(plain.contains(source.title), "source \(source.id): title lost")
        }
    }
}

/// pandoc's document model as `-t json` writes it.
enum PandocAST {
    /// Blocks of type `type`, in document order, at any depth.
    static func blocks(ofType type: String, in value: Any) -> [[String: Any]] {
        if let array = value as? [Any] { return array.flatMap { blocks(ofType: type, in: $0) } }
        guard let node = value as? [String: Any] else { return [] }
        if node["t"] as? String == type { return [node] }
        return node["c"].map { blocks(ofType: type, in: $0) } ?? []
    }

    /// The text of inlines: strings, spaces, and line breaks as "\n".
    static func text(_ value: Any) -> String {
        if let array = value as? [Any] { return array.map(text).joined() }
        guard let node = value as? [String: Any], let type = node["t"] as? String else { return "" }
        switch type {
        case "Str": return node["c"] as? String ?? ""
        case "Space": return " "
        case "SoftBreak", "LineBreak": return "\n"
        case "Code", "Math", "RawInline":
            return (node["c"] as? [Any])?.last as? String ?? ""
        default: return node["c"].map(text) ?? ""
        }
    }
}
