import Testing
@testable import BriefKit

/// The shortcuts that let text needing no escaping through as is never
/// disagree with the full rules: wherever they say "unchanged", the full rule
/// gives the text back unchanged.
@Suite struct EscapingShortcutTests {
    /// Short strings over the characters the rules care about, plus plain ones.
    static func samples() -> [String] {
        let alphabet: [String] = ["a", "W", "w", "1", "9", " ", "\t", "\n", "\r", ".", ")", ":", "/", "#", "+", "-", "=", "*", "_",
                                  "&", "<", ">", "\"", "'", "@", "|", "~", "`", "[", "\\", "\u{7F}", "\u{1}", "é", "\u{FFFE}", "\u{FFFD}", "日"]
        var samples = ["", "Plain sentence, with 3 numbers.", "2025-04-01", "1. list", "12) item", "www.example.org", "https://x",
                       "ends with space ", "a#b", "a #b", "Ｗww.x"]
        // A fixed pseudo-random walk: the same samples on every run.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var text = ""
            var bits = state
            for _ in 0..<Int(bits % 6) + 1 {
                bits /= 7
                text += alphabet[Int(bits % UInt64(alphabet.count))]
            }
            samples.append(text)
        }
        return samples
    }

    @Test func theMarkdownShortcutAgreesWithTheRule() {
        for text in Self.samples() where EscapingRule.markdownKeepsAsIs(text) {
            #expect(EscapingRule.markdown(text) == text, "\(text.debugDescription)")
        }
    }

    @Test func theMarkupShortcutAgreesWithTheRule() {
        for text in Self.samples() where EscapingRule.markupKeepsAsIs(text) {
            #expect(EscapingRule.markup(text, lineBreak: "<br/>") == text, "\(text.debugDescription)")
            #expect(EscapingRule.markup(text, lineBreak: "\n") == text, "\(text.debugDescription)")
        }
    }

    @Test func plainTextTakesTheShortcut() {
        #expect(EscapingRule.markdownKeepsAsIs("Plain sentence, with 3 numbers."))
        #expect(EscapingRule.markdownKeepsAsIs("2025-04-01"))
        #expect(EscapingRule.markupKeepsAsIs("Plain sentence, with 3 numbers."))
        #expect(!EscapingRule.markdownKeepsAsIs("1. list"))
        #expect(!EscapingRule.markupKeepsAsIs("a & b"))
    }
}
