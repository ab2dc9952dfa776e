import Foundation
import Testing
@testable import BriefKit

/// The derived fields both template engines compute: their fast paths give
/// what the plain definitions give.
@Suite struct TemplateContextTests {
    /// The definition `percentEncoded` had before its fast path: Unicode
    /// scalars appended one by one, the allowed ones found in a set.
    static func plainPercentEncoded(_ url: String) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=".unicodeScalars)
        let bytes = Array(url.utf8)
        var out = ""
        func isHex(_ b: UInt8) -> Bool { (48...57).contains(b) || (65...70).contains(b) || (97...102).contains(b) }
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) {
                out += "%"
            } else if byte < 0x80, allowed.contains(Unicode.Scalar(byte)) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// Strings made of the pieces that matter to URLs and labels.
    static func samples() -> [String] {
        var random = TemplateEngineRandomTests.Generator(state: 7)
        let pieces = ["a", "Z", "9", "-", "%", "%4", "%41", "%4g", "%zz", " ", "\"", "<", ">", "\\", "^", "`", "{", "|", "}", "\u{7F}",
                      "\0", "\n", "é", "e\u{301}", "-\u{301}", "مرحبا", "\u{202E}", "😀", "?a=1&b=2", "#frag", "https://x.example/"]
        var samples = ["", "-", "%", "%%", "a%", "a%4", "partly-fulfilled", "in-progress", "open"]
        for _ in 0..<2000 {
            samples.append((0..<Int.random(in: 1...8, using: &random)).map { _ in random.pick(pieces) }.joined())
        }
        return samples
    }

    @Test func percentEncodingGivesWhatThePlainDefinitionGives() {
        #expect(TemplateContext.percentEncoded("https://x.example/a b?q=%41%4g%") == "https://x.example/a%20b?q=%41%254g%25")
        for sample in Self.samples() {
            #expect(TemplateContext.percentEncoded(sample) == Self.plainPercentEncoded(sample), "\(sample.debugDescription)")
        }
    }

    /// `textLines` cuts at line feeds by bytes: the same lines as splitting
    /// by characters, where "\r\n" is one character and no line feed.
    @Test func linesAreWhatSplittingByCharactersGives() {
        var random = TemplateEngineRandomTests.Generator(state: 11)
        let pieces = ["a", " ", "\n", "\r", "\r\n", "\n\r", "\u{301}", "e\u{301}", "\n\u{301}", "\u{85}", "\u{2028}", "دمشق", "😀",
                      "👍🏽", "\u{200D}", "\0", "\t"]
        var samples = ["", "\n", "\n\n", "\r\n", "\r\n\n", "a\r\nb\nc", "\r", "a\n", "\na", "\u{301}\n\u{301}"]
        for _ in 0..<3000 {
            samples.append((0..<Int.random(in: 1...10, using: &random)).map { _ in random.pick(pieces) }.joined())
        }
        #expect(TemplateContext.lines("one\r\ntwo\nthree\n").map(String.init) == ["one\r\ntwo", "three", ""])
        for sample in samples {
            let byCharacters = sample.split(separator: "\n", omittingEmptySubsequences: false)
            let lines = TemplateContext.lines(sample)
            #expect(lines.map { Array($0.utf8) } == byCharacters.map { Array($0.utf8) }, "\(sample.debugDescription)")
            #expect(lines == byCharacters, "\(sample.debugDescription)")
        }
    }

    @Test func labelsGiveWhatFoundationsReplacementGives() {
        #expect(TemplateContext.label("partly-fulfilled") == "partly fulfilled")
        for sample in Self.samples() {
            let label = TemplateContext.label(sample)
            #expect(Array(label.utf8) == Array(sample.replacingOccurrences(of: "-", with: " ").utf8), "\(sample.debugDescription)")
        }
    }
}
