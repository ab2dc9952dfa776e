/// Writes YAML text line by line. Scalars are written plain when that is
/// certainly read back as the same text, and quoted otherwise.
struct YAMLWriter {
    private(set) var text = ""

    init(capacity: Int = 1 << 16) {
        text.reserveCapacity(capacity)
    }

    mutating func line(_ content: String) {
        text += content
        text += "\n"
    }

    /// `key: value` at `indent` spaces, the value written as given (already a YAML scalar).
    mutating func field(_ indent: Int, _ key: String, raw value: String) {
        text += String(repeating: " ", count: indent)
        text += key
        text += ": "
        text += value
        text += "\n"
    }

    mutating func field(_ indent: Int, _ key: String, _ value: String, style: QuoteStyle = .auto) {
        field(indent, key, raw: YAMLWriter.scalar(value, style: style))
    }

    /// A literal block scalar (`|`): the lines are kept as typed.
    mutating func block(_ indent: Int, _ key: String, lines: [String]) {
        text += String(repeating: " ", count: indent) + key + ": |\n"
        let pad = String(repeating: " ", count: indent + 2)
        for item in lines {
            text += item.isEmpty ? "\n" : pad + item + "\n"
        }
    }

    enum QuoteStyle {
        /// Plain where safe, double quotes otherwise.
        case auto, single, double
    }

    static func scalar(_ value: String, style: QuoteStyle = .auto) -> String {
        switch style {
        case .auto:
            return isPlainSafe(value) ? value : doubleQuoted(value)
        case .single:
            return value.contains("\n") ? doubleQuoted(value) : "'" + value.replacingAll("'", with: "''") + "'"
        case .double:
            return doubleQuoted(value)
        }
    }

    /// A flow list of scalars: `[a, b, "c, d"]`.
    static func flowList(_ values: [String]) -> String {
        "[" + values.map { scalar($0) }.joined(separator: ", ") + "]"
    }

    static func doubleQuoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Conservative: letters, digits, spaces and a few harmless marks, starting
    /// with a letter or digit, and never a word YAML reads as null.
    static func isPlainSafe(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, let last = value.unicodeScalars.last else { return false }
        if value == "null" || value == "Null" || value == "NULL" || value == "~" { return false }
        let isAlnum = { (s: Unicode.Scalar) in
            (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9")
        }
        guard isAlnum(first) || first.value >= 0x80, last != " " else { return false }
        for s in value.unicodeScalars {
            if s.value < 0x20 || s.value == 0x7F { return false }
            if s.value >= 0x80 { continue }
            if isAlnum(s) { continue }
            switch s {
            case " ", ".", "-", "_", "/", "(", ")", "?", "~", "+", "=", ";", "$", "^": continue
            default: return false
            }
        }
        return true
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }

    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }

    /// Lowercase ASCII id fragment: `Amina Velasco` → `amina-velasco`.
    var slug: String {
        var out = ""
        var dash = false
        for s in unicodeScalars {
            if (s >= "a" && s <= "z") || (s >= "0" && s <= "9") {
                out.unicodeScalars.append(s)
                dash = false
            } else if s >= "A" && s <= "Z" {
                out.unicodeScalars.append(Unicode.Scalar(s.value + 32)!)
                dash = false
            } else if !dash && !out.isEmpty {
                out += "-"
                dash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }
}
