import Testing
@testable import BriefKit

/// The escaping rules read and write UTF-8; they must give, for every text,
/// what the rules written over Unicode scalars gave (`ScalarEscaping`).
@Suite struct EscapingOracleTests {
    /// Pieces the rules treat differently: every character a rule changes,
    /// line starts and ends, "www" after letters of other scripts, digits
    /// that are not ASCII, characters of two, three and four bytes, and the
    /// non-characters and their neighbours.
    static let pieces: [String] = [
        "a", "W", "w", "www", "WwW", "Ｗ", "1", "9", "12", "٣", " ", "\t", "\n", "\r", "\r\n", ".", ")", ":", "/", "://", "#", "+",
        "-", "=", "*", "_", "&", "<", ">", "\"", "'", "@", "|", "~", "`", "[", "]", "\\", "\u{7F}", "\u{0}", "\u{1}", "\u{1B}",
        "\u{1F}", "\u{85}", "é", "ß", "Ω", "ж", "ب", "日", "\u{301}", "\u{200D}", "\u{202E}", "\u{2028}", "\u{FFFD}", "\u{FFFE}",
        "\u{FFFF}", "\u{FEFF}", "\u{EFBF}", "😀", "𝔸", "Plain words", "2025-06-01",
    ]

    /// Texts of up to `length` pieces, from a fixed pseudo-random walk.
    static func texts(count: Int, length: Int) -> [String] {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        return (0..<count).map { _ in
            (0..<Int(next() % UInt64(length)) + 1).map { _ in pieces[Int(next() % UInt64(pieces.count))] }.joined()
        }
    }

    static let samples = texts(count: 30_000, length: 8) + texts(count: 2_000, length: 60)
        + ["", "1. one", "10) ten", "- x", "--", "= ", "éwww.x", "ǅwww.x", "1www.x", " www.x", "Ｗww.x", "\u{FFFE}", "\u{EF}"]

    @Test func markupMatchesTheScalarRule() {
        for text in Self.samples {
            let html = ScalarEscaping.markup(text, lineBreak: "<br/>"), xml = ScalarEscaping.markup(text, lineBreak: "\n")
            #expect(EscapingRule.html.escape(text) == html, "\(text.debugDescription)")
            #expect(EscapingRule.xml.escape(text) == xml, "\(text.debugDescription)")
            #expect(EscapingRule.markup(text, lineBreak: "<br/>") == html, "\(text.debugDescription)")
        }
    }

    @Test func markdownMatchesTheScalarRule() {
        for text in Self.samples {
            let expected = ScalarEscaping.markdown(text)
            #expect(EscapingRule.markdown.escape(text) == expected, "\(text.debugDescription)")
            #expect(EscapingRule.markdown(text) == expected, "\(text.debugDescription)")
        }
    }

    /// What a layout writes: the escaped text appended after what is there.
    @Test func escapingIntoBytesAppends() {
        for rule in EscapingRule.allCases {
            for text in Self.samples.prefix(3_000) {
                var out = Array("head|".utf8)
                rule.escape(text, into: &out)
                #expect(out == Array(("head|" + rule.escape(text)).utf8), "\(rule) \(text.debugDescription)")
            }
        }
    }

    /// The walk reaches what it is meant to: each rule changes some of the
    /// texts in each of its ways.
    @Test func theSamplesReachEveryCase() {
        let markdown = Self.samples.map(ScalarEscaping.markdown).joined()
        for escaped in ["\\#", "\\:", "www\\.", "\\-", "\\.", "\\)", "&#32;", "&#9;", "<br>", "\u{2421}", "\u{2400}", "\u{FFFD}"] {
            #expect(markdown.contains(escaped), "\(escaped)")
        }
        let html = Self.samples.map { ScalarEscaping.markup($0, lineBreak: "<br/>") }.joined()
        for escaped in ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "<br/>", "\u{241B}", "\u{FFFD}"] {
            #expect(html.contains(escaped), "\(escaped)")
        }
    }
}
