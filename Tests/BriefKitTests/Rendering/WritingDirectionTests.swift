import Testing
@testable import BriefKit

/// A text's direction is that of its first letter (or directional mark),
/// as HTML's `dir="auto"` finds it.
@Suite struct WritingDirectionTests {
    @Test(arguments: [
        ("English", "We will deliver.", WritingDirection.leftToRight),
        ("Arabic", "سنفي بالتزاماتنا", .rightToLeft),
        ("Persian", "ما متعهد هستیم", .rightToLeft),
        ("Hebrew", "נעמוד בהתחייבויות", .rightToLeft),
        ("Russian", "Мы выполним обязательства", .leftToRight),
        ("Chinese", "我们将履行承诺", .leftToRight),
        ("Arabic after digits and punctuation", "2025 — «سنفي»", .rightToLeft),
        ("English after Arabic-Indic digits", "٢٠٢٥ yes", .leftToRight),
        ("Arabic presentation forms", "\u{FEB3}\u{FEE8}", .rightToLeft),
        ("a right-to-left mark first", "\u{200F}2025 yes", .rightToLeft),
        ("a left-to-right mark first", "\u{200E}سنفي", .leftToRight),
        ("an isolated English name first", "\u{2068}Smith\u{2069} قال", .rightToLeft),
        ("combining marks before a letter", "\u{064E}\u{0651}ب", .rightToLeft),
    ])
    func theFirstStrongCharacterDecides(_ example: (String, String, WritingDirection)) {
        #expect(WritingDirection.of(example.1) == example.2, "\(example.0)")
    }

    @Test(arguments: ["", "2025", "٢٠٢٥", "— !?", "\u{2067}نعم\u{2069}", "\u{064E}"])
    func aTextWithoutLettersHasNoDirection(_ text: String) {
        #expect(WritingDirection.of(text) == nil)
    }
}
