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
        case .html, .xml: if Self.markupKeepsAsIs(text) { return text }
        case .markdown: if Self.markdownKeepsAsIs(text) { return text }
        }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        escape(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `escape(text)`'s UTF-8, appended to `out`: what a layout writes,
    /// without a `String` made for it.
    func escape(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in escape(bytes: bytes, into: &out) }
    }

    /// The same, for text as UTF-8.
    func escape(bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        switch self {
        case .none:
            out.append(contentsOf: bytes)
        case .html, .xml:
            if Self.markupKeepsAsIs(bytes: bytes) {
                out.append(contentsOf: bytes)
            } else {
                Self.markup(bytes, lineBreak: self == .html ? Self.xhtmlBreak : Self.newline, into: &out)
            }
        case .markdown:
            if Self.markdownKeepsAsIs(bytes: bytes) {
                out.append(contentsOf: bytes)
            } else {
                Self.markdown(bytes, into: &out)
            }
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

    // The full rules read and write UTF-8: every character they change is
    // ASCII, or U+FFFE and U+FFFF, so the bytes of anything else, however
    // long its encoding, go out as they came in, a run at a time.

    static let xhtmlBreak = Array("<br/>".utf8)
    static let newline = Array("\n".utf8)

    /// `& < > " '` as references; characters XML cannot carry as their visible
    /// control pictures; line breaks as `lineBreak`.
    static func markup(_ bytes: UnsafeBufferPointer<UInt8>, lineBreak: [UInt8], into out: inout [UInt8]) {
        var run = 0
        var index = 0
        let count = bytes.count
        func replace(_ replacement: some Collection<UInt8>, consumed: Int) {
            Self.write(replacement, of: bytes, run: &run, index: &index, consumed: consumed, into: &out)
        }
        while index < count {
            switch bytes[index] {
            case UInt8(ascii: "&"): replace("&amp;".utf8, consumed: 1)
            case UInt8(ascii: "<"): replace("&lt;".utf8, consumed: 1)
            case UInt8(ascii: ">"): replace("&gt;".utf8, consumed: 1)
            case UInt8(ascii: "\""): replace("&quot;".utf8, consumed: 1)
            case UInt8(ascii: "'"): replace("&#39;".utf8, consumed: 1)
            case UInt8(ascii: "\n"): replace(lineBreak, consumed: 1)
            case UInt8(ascii: "\r"):
                // CR LF is one line break; a lone CR is a line break too.
                replace(lineBreak, consumed: index + 1 < count && bytes[index + 1] == UInt8(ascii: "\n") ? 2 : 1)
            case UInt8(ascii: "\t"):
                index += 1
            case let byte where byte < 0x20:
                replace(picture(controlByte: byte), consumed: 1)
            case 0xEF where isNonCharacter(bytes, at: index):
                replace(replacementCharacter, consumed: 3)
            default:
                index += 1
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<count]))
    }

    /// Writes the unchanged bytes `bytes[run..<index]`, then `replacement`
    /// for the `consumed` bytes at `index`; the next run starts after them.
    @inline(__always)
    private static func write(_ replacement: some Collection<UInt8>, of bytes: UnsafeBufferPointer<UInt8>, run: inout Int, index: inout Int,
                              consumed: Int, into out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
        out.append(contentsOf: replacement)
        index += consumed
        run = index
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
    static func markdown(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), backslash = UInt8(ascii: "\\")
        let count = bytes.count
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        // Whitespace after the last visible character: kept as references.
        var trailingStart = count
        while trailingStart > 0, bytes[trailingStart - 1] == space || bytes[trailingStart - 1] == tab { trailingStart -= 1 }
        var lineStart = true
        var run = 0
        var index = 0
        func replace(_ replacement: some Collection<UInt8>, consumed: Int) {
            Self.write(replacement, of: bytes, run: &run, index: &index, consumed: consumed, into: &out)
        }
        while index < count {
            let byte = bytes[index]
            // Every test of a neighbour is made beside an ASCII byte, so the
            // neighbouring byte stands for the neighbouring character: the
            // bytes of any other character are never ASCII.
            let next: UInt8? = index + 1 < count ? bytes[index + 1] : nil
            if byte == space || byte == tab, lineStart || index >= trailingStart {
                replace(byte == space ? "&#32;".utf8 : "&#9;".utf8, consumed: 1)
                continue
            }
            if lineStart {
                lineStart = false
                // A list item, a setext underline or a break: the marker is
                // followed by a space, the end, or more of itself.
                if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "="),
                   next == nil || next == space || next == tab || next == byte {
                    replace([backslash, byte], consumed: 1)
                    continue
                }
                // An ordered-list marker: digits, then "." or ")", then a space or the end.
                if isDigit(byte) {
                    var end = index
                    while end < count, isDigit(bytes[end]) { end += 1 }
                    let after: UInt8? = end + 1 < count ? bytes[end + 1] : nil
                    if end < count, bytes[end] == UInt8(ascii: ".") || bytes[end] == UInt8(ascii: ")"),
                       after == nil || after == space || after == tab {
                        index = end
                        replace([backslash, bytes[end]], consumed: 1)
                        continue
                    }
                }
            }
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"),
                 UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "~"), UInt8(ascii: "&"), UInt8(ascii: "@"):
                replace([backslash, byte], consumed: 1)
            case UInt8(ascii: "#") where index == 0 || bytes[index - 1] == space || bytes[index - 1] == tab:
                replace([backslash, byte], consumed: 1)
            case UInt8(ascii: ":") where next == UInt8(ascii: "/") && index + 2 < count && bytes[index + 2] == UInt8(ascii: "/"):
                replace([backslash, byte], consumed: 1)
            case UInt8(ascii: ".") where endsWithWWW(bytes, before: index):
                replace([backslash, byte], consumed: 1)
            case UInt8(ascii: "\n"):
                replace("<br>".utf8, consumed: 1)
            case UInt8(ascii: "\r"):
                replace("<br>".utf8, consumed: next == UInt8(ascii: "\n") ? 2 : 1)
            case 0x7F:
                replace(picture(controlByte: byte), consumed: 1)
            case let control where control < 0x20 && control != tab:
                replace(picture(controlByte: control), consumed: 1)
            case 0xEF where isNonCharacter(bytes, at: index):
                replace(replacementCharacter, consumed: 3)
            default:
                index += 1
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<count]))
    }

    /// "www" (any case) just before `index`, at the start of a word: the
    /// character before it, if any, is not a letter.
    static func endsWithWWW(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int) -> Bool {
        guard index >= 3 else { return false }
        for position in (index - 3)..<index where bytes[position] | 0x20 != UInt8(ascii: "w") { return false }
        guard index > 3 else { return true }
        // The character ending just before the "www": back to its first byte.
        var start = index - 4
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        var decoder = UTF8()
        var iterator = UnsafeBufferPointer(rebasing: bytes[start..<(index - 3)]).makeIterator()
        guard case let .scalarValue(scalar) = decoder.decode(&iterator) else { return true }
        return !scalar.properties.isAlphabetic
    }

    /// U+FFFE or U+FFFF (`EF BF BE`, `EF BF BF`) starts at `index`.
    private static func isNonCharacter(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index + 2 < bytes.count && bytes[index + 1] == 0xBF && (bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF)
    }

    /// U+FFFD, for U+FFFE and U+FFFF.
    private static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// A C0 control or DEL as its visible picture, in UTF-8: U+2400 "SYMBOL
    /// FOR NULL" to U+241F, and U+2421 for DEL.
    private static func picture(controlByte byte: UInt8) -> [UInt8] {
        byte == 0x7F ? [0xE2, 0x90, 0xA1] : [0xE2, 0x90, 0x80 + byte]
    }
}
