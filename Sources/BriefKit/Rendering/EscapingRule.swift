/// How user text is made inert in a format. The renderer escapes every value
/// before a template sees it; template authors never escape anything.
///
/// Every rule keeps every character of the text, visibly: nothing is dropped
/// and nothing becomes markup. The only changes are the ones a format forces:
/// - a line break (LF, CR LF or a lone CR) becomes the format's line break:
///   `<br>` in Markdown, `<br/>` in HTML, a newline in XML;
/// - a character XML 1.0 cannot carry (C0 controls other than tab, LF and CR;
///   U+FFFE, U+FFFF) becomes its visible Unicode control picture (U+2400 plus
///   its code; U+FFFD for the two non-characters), in Markdown, HTML and XML
///   alike, and DEL becomes U+2421 in Markdown, where it would otherwise be
///   invisible. `none` (JSON-like and plain-text formats) keeps everything.
public enum EscapingRule: String, Sendable, Hashable, Codable, CaseIterable {
    case markdown, html, xml, none

    public func escape(_ text: String) -> String {
        switch self {
        case .none: return text
        case .html: return Self.markupKeepsAsIs(text) ? text : Self.markup(text, lineBreak: "<br/>")
        case .xml: return Self.markupKeepsAsIs(text) ? text : Self.markup(text, lineBreak: "\n")
        case .markdown: return Self.markdownKeepsAsIs(text) ? text : Self.markdown(text)
        }
    }

    // MARK: - Text that needs nothing

    // Most values (names, dates, plain sentences) come out as they went in.
    // These checks read the UTF-8 bytes once and answer "unchanged" only when
    // the full rules below certainly change nothing; anything they are unsure
    // of goes through the full rules, so they never change a result.

    /// No character that HTML or XML escaping touches: `& < > " '`, controls
    /// (line breaks included), and no U+Fxxx (where U+FFFE and U+FFFF are).
    static func markupKeepsAsIs(_ text: String) -> Bool {
        // Over the bytes in place where the string has them so (nearly always):
        // stepping through `utf8` costs several times the comparison.
        if let keeps = text.utf8.withContiguousStorageIfAvailable({ markupKeepsAsIs(bytes: $0) }) { return keeps }
        return markupKeepsAsIs(bytes: Array(text.utf8))
    }

    private static func markupKeepsAsIs(bytes: some Collection<UInt8>) -> Bool {
        for byte in bytes {
            switch byte {
            case 0..<0x20, UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0xEF:
                return false
            default:
                continue
            }
        }
        return true
    }

    /// Nothing that `markdown(_:)` escapes: it starts with a letter, or with
    /// digits not followed by `.` or `)`; no space or tab at either end; no
    /// control, DEL or U+Fxxx; none of the characters escaped everywhere, no
    /// `#`, no `:` before `/`, no `.` after a `w`.
    static func markdownKeepsAsIs(_ text: String) -> Bool {
        if let keeps = text.utf8.withContiguousStorageIfAvailable({ markdownKeepsAsIs(bytes: $0) }) { return keeps }
        return markdownKeepsAsIs(bytes: Array(text.utf8))
    }

    private static func markdownKeepsAsIs<Bytes: BidirectionalCollection<UInt8>>(bytes: Bytes) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return true }
        if last == UInt8(ascii: " ") { return false }
        switch first {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), 0x80...:
            break
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            let afterDigits = bytes.first { !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            if afterDigits == UInt8(ascii: ".") || afterDigits == UInt8(ascii: ")") { return false }
        default:
            return false
        }
        var previous: UInt8 = 0
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            bytes.formIndex(after: &index)
            switch byte {
            case 0..<0x20, 0x7F, 0xEF,
                 UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"),
                 UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "~"), UInt8(ascii: "&"), UInt8(ascii: "@"),
                 UInt8(ascii: "#"):
                return false
            case UInt8(ascii: ":") where index != bytes.endIndex && bytes[index] == UInt8(ascii: "/"):
                return false
            case UInt8(ascii: ".") where previous == UInt8(ascii: "w") || previous == UInt8(ascii: "W"):
                return false
            default:
                break
            }
            previous = byte
        }
        return true
    }

    // MARK: - HTML and XML

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

    // MARK: - Markdown

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

    // MARK: - Characters XML cannot carry

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
