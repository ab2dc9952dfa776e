import Foundation
import Testing
@testable import BriefKit

/// Hostile text in Markdown briefs comes out inert and intact, as the
/// reference parser, cmark-gfm, reads it: every character there (controls as
/// their pictures), no markup made from the data.
@Suite("Adversarial text in Markdown")
struct MarkdownAdversarialTests {
    /// The extensions the format claims (GFM tables), and strikethrough, whose `~` the escaping covers too.
    static let extensions = ["table", "strikethrough"]

    @Test func everyHostileValueIsShownWholeAndMakesNoMarkup() throws {
        let brief = try AdversarialBrief.brief()
        let renderer = try #require(try AdversarialBrief.renderer("markdown"))
        let hostile = try renderer.render(brief)
        let tame = try renderer.render(try AdversarialBrief.tame(brief))
        let parsed = try IndependentParser.markdown([hostile, tame], extensions: Self.extensions)
        let (document, reference) = (parsed[0], parsed[1])

        AdversarialBrief.expectIntact(document.text, values: try AdversarialBrief.fieldValues(of: brief), rule: .markdown,
                                      required: AdversarialBrief.shownEverywhere, format: "markdown")
        AdversarialBrief.expectShown(document.text, url: AdversarialBrief.shown(AdversarialBrief.url, as: .markdown), format: "markdown")

        // The data adds no node: the hostile brief has exactly the structure of the tame one.
        let sameStructure = document.skeleton == reference.skeleton
        #expect(sameStructure, "\(Self.firstDifference(document.skeleton, reference.skeleton))")
        // And none of the kinds of node that only data could have made (every `<br>` was taken as a line break).
        for node in document.nodes {
            #expect(!["html_inline", "html_block", "code", "code_block", "link", "image", "strikethrough", "thematic_break"].contains(node.name),
                    "a \(node.name) node came from the data: \(node.text.prefix(80).debugDescription)")
        }
        let tables = document.nodes.filter { $0.name == "table" }.count
        #expect(tables >= 3, "the brief was not parsed as Markdown with tables")
    }

    /// GFM's autolink extension (not part of the format, which is CommonMark
    /// with tables) finds e-mail addresses in plain text after parsing, where
    /// no escape can reach. Web addresses it would find are broken by the
    /// escaping; an e-mail address becomes a `mailto:` link with its text whole.
    @Test func withGFMAutolinksOnlyEmailAddressesBecomeLinks() throws {
        let brief = try AdversarialBrief.brief()
        let renderer = try #require(try AdversarialBrief.renderer("markdown"))
        let document = try #require(try IndependentParser.markdown([try renderer.render(brief)], extensions: Self.extensions + ["autolink"]).first)
        let links = document.nodes.filter { $0.name == "link" }
        #expect(!links.isEmpty, "the fixture's e-mail address is no longer there to test the extension")
        for link in links {
            #expect(link.attributes["destination"] == "mailto:a@b.example" && link.text == "a@b.example",
                    "an autolink other than the e-mail address: \(link.attributes) \(link.text.debugDescription)")
        }
    }

    // MARK: - The escaping rule in every place a template puts a value

    /// Where templates put values: at the start of a paragraph, in headings,
    /// list items, block quotes, emphasis, table cells, after a hard break.
    /// `Q` stands for the value.
    static let contexts = [
        "Q\n", "# Q\n", "## Title: Q\n", "- Q\n", "1. Q\n", "> Q\n>\n> — Q, a\n", "*Q*\n", "**Label:** Q\n",
        "| h | h |\n|---|---|\n| Q | Q |\n", "- **d** · Q · Q [s]  \n  Q\n", "Q Q\n",
    ]

    /// One trap per line: block starts, inline markup, HTML, links, entities, whitespace, line breaks, controls.
    static let values = [
        "1. x", "1) x", "12345678. x", "- x", "+ x", "* x", "-", "+", "---", "***", "___", "===", "= x", "# x", "###### x",
        "#x", "x #", "x ##", "x \\#", "C# and F#", "> x", "    code", "\tcode", "  two spaces", "x  ", "x\t", " ", "```", "~~~",
        "```js\nx\n```", "<div>x</div>", "<script>alert(1)</script>", "<!-- x -->", "<![CDATA[x]]>", "<?php x ?>",
        "[x]: https://e.example", "[a](b)", "![a](b)", "[a][b]", "[^1]", "<https://e.example>", "https://e.example/a",
        "www.e.example", "http://x.y", "`x`", "``x``", "a|b", "|a|", "a\\", "a\\\nb", "\\*", "*a*", "**a**", "_a_", "__a__",
        "~~a~~", "~a~", "[ ] task", "[x] done", "&amp;", "&#0;", "&#x41;", "&nbsp;", "& a", "a\nb", "a\r\nb", "a\rb",
        "a\n\nb", "a\n- b", "a\n1. b", "a\n# b", "a\n    b", "a  \nb", "\0", "\u{07}\u{1B}[0m", "\u{7F}", "\u{FFFE}\u{FFFF}",
        "\u{202E}abc\u{202C}", "مرحبا بالعالم", "\"quoted\" 'single'", "{{x}}", "$x$", "a\u{2028}b", "x\u{85}y",
    ]

    @Test func theMarkdownRuleKeepsEveryValueTextInEveryPlace() throws {
        var documents: [String] = []
        for context in Self.contexts {
            documents.append(context.replacingOccurrences(of: "Q", with: "Qvalue"))
            for value in Self.values {
                documents.append(context.replacingOccurrences(of: "Q", with: EscapingRule.markdown.escape(value)))
            }
        }
        let parsed = try IndependentParser.markdown(documents, extensions: Self.extensions)
        try #require(parsed.count == documents.count)
        var index = 0
        for context in Self.contexts {
            let reference = parsed[index]
            index += 1
            for value in Self.values {
                let document = parsed[index]
                index += 1
                let expected = reference.text.replacingOccurrences(of: "Qvalue", with: AdversarialBrief.shown(value, as: .markdown))
                let (text, sameStructure) = (document.text, document.skeleton == reference.skeleton)
                #expect(text == expected, "\(value.debugDescription) in \(context.debugDescription)")
                #expect(sameStructure,
                        "\(value.debugDescription) in \(context.debugDescription) changes the structure: \(Self.firstDifference(document.skeleton, reference.skeleton))")
            }
        }
    }

    static func firstDifference(_ a: [String], _ b: [String]) -> String {
        guard let index = zip(a, b).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset else {
            return a.count == b.count ? "no difference" : "\(a.count) nodes against \(b.count)"
        }
        return "node \(index): \(a[index].debugDescription) against \(b[index].debugDescription)"
    }
}
