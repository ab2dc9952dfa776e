/// How user text is made inert in a format. The renderer escapes every value
/// before a template sees it; template authors never escape anything.
public enum EscapingRule: String, Sendable, Hashable, Codable, CaseIterable {
    case markdown, html, xml, none

    public func escape(_ text: String) -> String {
        switch self {
        case .none: return text
        case .html: return Self.markup(text, lineBreak: "<br/>")
        case .xml: return Self.markup(text, lineBreak: "\n")
        case .markdown: return Self.markdown(text)
        }
    }

    /// `& < > " '` as references; characters XML cannot carry as their visible
    /// control pictures; line breaks as `lineBreak`.
    static func markup(_ text: String, lineBreak: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n": out += lineBreak
            case "\r": continue
            default:
                if Self.isUnsafeControl(scalar) { out.unicodeScalars.append(Self.picture(scalar)) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// CommonMark with GFM: the characters that can open or close inline
    /// markup are backslash-escaped everywhere; the ones that only matter at
    /// the start of a line (`#`, `-`, `+`, `=`, `1.`) are escaped there;
    /// autolinks (`https://`, `www.`, `a@b`) are broken. A line break becomes
    /// `<br>` so that it survives in paragraphs, block quotes and table cells.
    static func markdown(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        var lineStart = true
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            defer { index += 1 }
            if lineStart {
                if scalar == " " || scalar == "\t" {
                    out += "&#32;"
                    continue
                }
                lineStart = false
                // A heading, a list item, a setext underline or a break: the
                // marker is followed by a space, the end, or more of itself.
                let spaceOrEnd = next == nil || next == " " || next == "\t"
                if scalar == "#" || ("+-=".unicodeScalars.contains(scalar) && (spaceOrEnd || next == scalar)) {
                    out += "\\"
                    out.unicodeScalars.append(scalar)
                    continue
                }
                // An ordered-list marker: digits, then "." or ")", then a space or the end.
                if scalar.properties.numericType != nil, scalar.isASCII {
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
            case ":" where next == "/" && index + 2 < scalars.count && scalars[index + 2] == "/":
                out += "\\:"
            case "." where Self.endsWithWWW(scalars, before: index):
                out += "\\."
            case "\n":
                out += "<br>"
            case "\r":
                continue
            case "\t":
                out += " "
            default:
                if Self.isUnsafeControl(scalar) { out.unicodeScalars.append(Self.picture(scalar)) } else { out.unicodeScalars.append(scalar) }
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

    static func isUnsafeControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0x7F || v == 0xFFFE || v == 0xFFFF
    }

    /// U+2400 "SYMBOL FOR NULL" and its neighbours: visible, and safe everywhere.
    static func picture(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value < 0x20 { return Unicode.Scalar(0x2400 + scalar.value)! }
        if scalar.value == 0x7F { return "\u{2421}" }
        return "\u{FFFD}"
    }
}
