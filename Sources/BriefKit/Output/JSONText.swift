/// The text of a `JSONValue` tree, laid out byte for byte as `JSONEncoder`
/// lays out the same model with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]`: two-space indentation, `"key" : value`, keys in
/// byte order, an empty array or object as an opening and a closing bracket
/// with an empty line between, numbers as `Double`'s shortest text without a
/// trailing `.0`, and only `"`, `\` and the C0 controls escaped.
///
/// The brief's tree is built once for every format (`TemplateContext.json`):
/// writing the snapshot from it costs a fraction of encoding the model again.
/// `JSONTextTests` holds it to `JSONEncoder`'s output.
enum JSONText {
    static func pretty(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(value, indent: 0, into: &out)
        out.append(UInt8(ascii: "\n"))
        return String(decoding: out, as: UTF8.self)
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case let .bool(flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case let .number(number): writeNumber(number, into: &out)
        case let .string(text): string(text, into: &out)
        case let .array(items):
            out.append(UInt8(ascii: "["))
            out.append(UInt8(ascii: "\n"))
            if items.isEmpty { out.append(UInt8(ascii: "\n")) }
            for (position, item) in items.enumerated() {
                spaces(indent + 2, into: &out)
                write(item, indent: indent + 2, into: &out)
                if position < items.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\n"))
            }
            spaces(indent, into: &out)
            out.append(UInt8(ascii: "]"))
        case let .object(fields):
            out.append(UInt8(ascii: "{"))
            out.append(UInt8(ascii: "\n"))
            if fields.isEmpty { out.append(UInt8(ascii: "\n")) }
            // Members are kept in the byte order of their names.
            for (position, field) in fields.enumerated() {
                spaces(indent + 2, into: &out)
                string(field.key, into: &out)
                out.append(contentsOf: " : ".utf8)
                write(field.value, indent: indent + 2, into: &out)
                if position < fields.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\n"))
            }
            spaces(indent, into: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    static func spaces(_ count: Int, into out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    /// `Double`'s own text, less a trailing `.0` (what `JSONEncoder` writes,
    /// and for the model's `Int`s, their digits). Whole numbers below 10^15
    /// take a shorter way to the same digits.
    static func writeNumber(_ number: Double, into out: inout [UInt8]) {
        if number == number.rounded(), abs(number) < 1e15, !(number == 0 && number.sign == .minus) {
            out.append(contentsOf: String(Int(number)).utf8)
            return
        }
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.append(contentsOf: text.utf8)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Whether a byte is written escaped: `"`, `\\` and the C0 controls.
    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// A string's JSON text. With `escapingSlashes`, `/` is written `\/`, as
    /// `JSONEncoder` writes it without `.withoutEscapingSlashes`.
    static func string(_ text: String, escapingSlashes: Bool = false, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escape: copied in one go.
        let copied: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: { needsEscape($0) || (escapingSlashes && $0 == UInt8(ascii: "/")) }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case UInt8(ascii: "/") where escapingSlashes: out.append(contentsOf: "\\/".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case 0..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
