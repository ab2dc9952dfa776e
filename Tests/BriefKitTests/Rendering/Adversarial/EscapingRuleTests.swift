import Testing
@testable import BriefKit

/// The escaping rules, character by character.
@Suite struct EscapingRuleTests {
    @Test(arguments: [
        // Markup characters and quotes as references.
        ("<a href=\"x\">T&amp;C's</a>", "&lt;a href=&quot;x&quot;&gt;T&amp;amp;C&#39;s&lt;/a&gt;"),
        ("]]>", "]]&gt;"),
        // Line breaks: LF, CR LF and a lone CR are one line break each.
        ("a\nb\r\nc\rd\r\n", "a<br/>b<br/>c<br/>d<br/>"),
        ("\r\r\n\n", "<br/><br/><br/>"),
        // What XML 1.0 cannot carry becomes visible; tab, DEL, C1 controls and bidirectional controls stay.
        ("\0\u{01}\u{1B}\u{1F}", "\u{2400}\u{2401}\u{241B}\u{241F}"),
        ("\u{FFFE}\u{FFFF}", "\u{FFFD}\u{FFFD}"),
        ("a\tb\u{7F}c\u{85}d\u{202E}e", "a\tb\u{7F}c\u{85}d\u{202E}e"),
        ("مرحبا", "مرحبا"),
    ])
    func html(_ text: String, _ escaped: String) {
        #expect(EscapingRule.html.escape(text) == escaped)
        #expect(EscapingRule.xml.escape(text) == escaped.replacingOccurrences(of: "<br/>", with: "\n"))
    }

    @Test(arguments: [
        // Line starts: list items, headings, quotes, setext underlines, breaks.
        ("1. one", "1\\. one"), ("10) ten", "10\\) ten"), ("1.5 litres", "1.5 litres"), ("2025. A year", "2025\\. A year"),
        ("- item", "\\- item"), ("+ item", "\\+ item"), ("-", "\\-"), ("---", "\\---"), ("-x", "-x"),
        ("===", "\\==="), ("= x", "\\= x"), ("* item", "\\* item"), ("> quote", "\\> quote"),
        // `#` where it opens or closes a heading; elsewhere it is text.
        ("# Heading", "\\# Heading"), ("#tag", "\\#tag"), ("Title #", "Title \\#"), ("Title ##", "Title \\##"), ("C#", "C#"),
        // Inline markup everywhere.
        ("*_[]`|~<>&@\\", "\\*\\_\\[\\]\\`\\|\\~\\<\\>\\&\\@\\\\"),
        // Web addresses are broken; e-mail addresses only as far as an escape can.
        ("https://e.example and www.e.example", "https\\://e.example and www\\.e.example"),
        // Leading and trailing spaces and tabs survive as references; inner ones stay.
        ("    code", "&#32;&#32;&#32;&#32;code"), ("\tcode", "&#9;code"), ("a \t b", "a \t b"), ("end  ", "end&#32;&#32;"),
        ("end\t", "end&#9;"), (" ", "&#32;"),
        // Line breaks: LF, CR LF and a lone CR are one `<br>` each; what follows is not a line start.
        ("a\nb\r\nc\rd", "a<br>b<br>c<br>d"), ("a\n1. b", "a<br>1. b"),
        // Controls as their pictures, DEL too (Markdown would hide it).
        ("\0\u{07}\u{7F}\u{FFFF}", "\u{2400}\u{2407}\u{2421}\u{FFFD}"),
        ("\u{202E}مرحبا\u{202C}", "\u{202E}مرحبا\u{202C}"),
    ])
    func markdown(_ text: String, _ escaped: String) {
        #expect(EscapingRule.markdown.escape(text) == escaped)
    }

    @Test func noneKeepsEverything() {
        let text = "<b>\0\u{07}\r\n\u{7F}\u{FFFE}*_#"
        #expect(EscapingRule.none.escape(text) == text)
    }
}
