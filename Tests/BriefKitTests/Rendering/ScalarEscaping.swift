@testable import BriefKit

/// The escaping rules as they were first written, one Unicode scalar at a
/// time (`EscapingRule` before it read and wrote UTF-8): the oracle that
/// `EscapingOracleTests` holds the byte rules to.
enum ScalarEscaping {
    /// `& < > " '` as references; characters XML cannot carry as their visible
    /// control pictures; line breaks as `lineBreak`.
    static func markup(_ text: String, lineBreak: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            defer { index += 1 }
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n": out += lineBreak
            case "\r":
                // CR LF is one line break; a lone CR is a line break too.
                if index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                out += lineBreak
            default:
                out.unicodeScalars.append(Self.isForbiddenInXML(scalar) ? Self.picture(scalar) : scalar)
            }
        }
        return out
    }

    /// CommonMark with GFM tables. The characters that can open or close
    /// inline markup are backslash-escaped everywhere; the ones that only
    /// matter at the start of a line (`+`, `-`, `=`, `1.`) are escaped there,
    /// and `#` wherever it could start a heading or close one (at the start,
    /// or after a space or tab); leading and trailing spaces and tabs, which
    /// CommonMark would strip or read as indentation or a hard break, become
    /// character references; the autolinks of the GFM extension that an
    /// escape can break (`https://`, `www.`) are broken. A line break becomes
    /// `<br>`, so that it survives in headings, paragraphs, block quotes,
    /// list items and table cells. Every value is escaped as if it began a
    /// line, since a template may put it at the start of one.
    static func markdown(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        // Whitespace after the last visible character: kept as references.
        var trailingStart = scalars.count
        while trailingStart > 0, scalars[trailingStart - 1] == " " || scalars[trailingStart - 1] == "\t" { trailingStart -= 1 }
        var lineStart = true
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let previous = index > 0 ? scalars[index - 1] : nil
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            defer { index += 1 }
            if scalar == " " || scalar == "\t", lineStart || index >= trailingStart {
                out += scalar == " " ? "&#32;" : "&#9;"
                continue
            }
            if lineStart {
                lineStart = false
                // A list item, a setext underline or a break: the marker is
                // followed by a space, the end, or more of itself.
                let spaceOrEnd = next == nil || next == " " || next == "\t"
                if "+-=".unicodeScalars.contains(scalar) && (spaceOrEnd || next == scalar) {
                    out += "\\"
                    out.unicodeScalars.append(scalar)
                    continue
                }
                // An ordered-list marker: digits, then "." or ")", then a space or the end.
                if scalar.isASCII, scalar.properties.numericType != nil {
                    var end = index
                    while end < scalars.count, scalars[end].isASCII, scalars[end].properties.numericType != nil { end += 1 }
                    let after = end + 1 < scalars.count ? scalars[end + 1] : nil
                    if end < scalars.count, scalars[end] == "." || scalars[end] == ")", after == nil || after == " " || after == "\t" {
                        for digit in scalars[index..<end] { out.unicodeScalars.append(digit) }
                        out += "\\"
                        out.unicodeScalars.append(scalars[end])
                        index = end
                        continue
                    }
                }
            }
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "@":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "#" where previous == nil || previous == " " || previous == "\t":
                out += "\\#"
            case ":" where next == "/" && index + 2 < scalars.count && scalars[index + 2] == "/":
                out += "\\:"
            case "." where Self.endsWithWWW(scalars, before: index):
                out += "\\."
            case "\n":
                out += "<br>"
            case "\r":
                if next == "\n" { index += 1 }
                out += "<br>"
            case "\u{7F}":
                out.unicodeScalars.append("\u{2421}")
            default:
                out.unicodeScalars.append(Self.isForbiddenInXML(scalar) ? Self.picture(scalar) : scalar)
            }
        }
        return out
    }

    /// "www" just before `index`, at the start of a word.
    static func endsWithWWW(_ scalars: [Unicode.Scalar], before index: Int) -> Bool {
        guard index >= 3 else { return false }
        let word = String(String.UnicodeScalarView(scalars[(index - 3)..<index])).lowercased()
        guard word == "www" else { return false }
        return index == 3 || !scalars[index - 4].properties.isAlphabetic
    }

    /// Not a `Char` of XML 1.0: C0 controls other than tab, LF and CR, and
    /// the non-characters U+FFFE and U+FFFF (surrogates never reach a String).
    static func isForbiddenInXML(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF
    }

    /// U+2400 "SYMBOL FOR NULL" and its neighbours: visible, and safe everywhere.
    static func picture(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value < 0x20 { return Unicode.Scalar(0x2400 + scalar.value)! }
        if scalar.value == 0x7F { return "\u{2421}" }
        return "\u{FFFD}"
    }
}
