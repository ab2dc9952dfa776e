import Foundation

/// A strict reader of JSON text (RFC 8259) that a model type pulls its fields
/// from, without a generic tree or a `Decoder` in between: what reading a
/// brief's snapshot back costs (`Brief+Reading.swift`).
///
/// It accepts what RFC 8259 calls JSON text, with a UTF-8 byte order mark
/// ignored at the start, and refuses:
/// - anything else: a trailing comma, a comment, a number JSON cannot write
///   (`NaN`, `+1`, `01`, `1.`), a control character inside a string, an
///   unpaired surrogate escape, bytes that are not UTF-8, text after the value;
/// - a name twice in one object: the snapshot would hold two values for one
///   field, and which one is meant is a guess;
/// - a number too large for a `Double`, or not a whole number where the model
///   has an integer (a whole number written `3.0` or `3e0` is read as 3);
/// - nesting deeper than 512 levels (unknown fields are skipped, not trusted).
///
/// `JSONDecoder` reads the same documents the same way, except that it takes
/// trailing commas and keeps the first of two equal names (`JSONReaderTests`).
struct JSONReader {
    /// What is wrong, and where: `offset` is a byte offset into the text.
    struct Failure: Error, Equatable {
        var offset: Int
        var message: String

        /// Line and column (in characters, from 1) of `offset` in `bytes`.
        func position(in bytes: [UInt8]) -> (line: Int, column: Int) {
            var line = 1, column = 1
            for byte in bytes[..<min(offset, bytes.count)] {
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
            }
            return (line, column)
        }
    }

    static let maximumDepth = 512

    private let bytes: [UInt8]
    private var offset = 0
    private var depth = 0
    /// The names read so far in each open object, innermost last: a stack
    /// shared by the objects, each starting at the index it noted.
    private var names: [String] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
        names.reserveCapacity(64)
    }

    /// Reads the whole text as one value with `read`; fails on anything after it.
    static func read<Value>(_ bytes: [UInt8], _ read: (inout JSONReader) throws(Failure) -> Value) throws(Failure) -> Value {
        var reader = JSONReader(bytes)
        let value = try read(&reader)
        reader.skipSpace()
        guard reader.offset == bytes.count else { throw reader.failure("text after the end of the JSON value") }
        return value
    }

    func failure(_ message: String, at offset: Int? = nil) -> Failure {
        Failure(offset: offset ?? self.offset, message: message)
    }

    // MARK: - Containers

    /// Reads an object, calling `field` with each name; `field` reads the
    /// value (or skips it). Returns where the object starts, for messages
    /// about a field it lacks.
    @discardableResult
    mutating func object(_ field: (inout JSONReader, String) throws(Failure) -> Void) throws(Failure) -> Int {
        let base = names.count
        let start = try members { (reader: inout JSONReader, name: String, nameStart: Int) throws(Failure) in
            // Lengths first: most names differ in length, and comparing those costs nothing.
            if reader.names[base...].contains(where: { $0.utf8.count == name.utf8.count && $0 == name }) {
                throw reader.failure("the field '\(name)' appears twice in this object", at: nameStart)
            }
            reader.names.append(name)
            try field(&reader, name)
        }
        names.removeSubrange(base...)
        return start
    }

    /// Reads an object whose names are data rather than fields (a brief's
    /// dates, say), each value with `value`. A name twice is refused as in
    /// any object, but found in the dictionary: such an object may have
    /// thousands of names, and comparing each with all before it would
    /// take their square.
    mutating func map<Value>(_ value: (inout JSONReader) throws(Failure) -> Value) throws(Failure) -> [String: Value] {
        var result: [String: Value] = [:]
        try members { (reader: inout JSONReader, name: String, nameStart: Int) throws(Failure) in
            guard result[name] == nil else { throw reader.failure("the field '\(name)' appears twice in this object", at: nameStart) }
            result[name] = try value(&reader)
        }
        return result
    }

    /// Reads an object's members, calling `member` with each name and where
    /// it starts to read the value; returns where the object starts.
    @discardableResult
    private mutating func members(_ member: (inout JSONReader, String, Int) throws(Failure) -> Void) throws(Failure) -> Int {
        let start = try open(UInt8(ascii: "{"), "an object")
        skipSpace()
        if peek() == UInt8(ascii: "}") {
            offset += 1
        } else {
            fields: while true {
                skipSpace()
                let nameStart = offset
                guard peek() == UInt8(ascii: "\"") else { throw failure("expected a field name in quotes") }
                let name = try readString()
                skipSpace()
                guard peek() == UInt8(ascii: ":") else { throw failure("expected ':' after the field name") }
                offset += 1
                try member(&self, name, nameStart)
                skipSpace()
                switch peek() {
                case UInt8(ascii: ","): offset += 1
                case UInt8(ascii: "}"): offset += 1; break fields
                default: throw failure("expected ',' or '}' in an object")
                }
            }
        }
        depth -= 1
        return start
    }

    /// Reads an array, each item with `item`.
    mutating func array<Item>(_ item: (inout JSONReader) throws(Failure) -> Item) throws(Failure) -> [Item] {
        try open(UInt8(ascii: "["), "an array")
        var items: [Item] = []
        skipSpace()
        if peek() == UInt8(ascii: "]") {
            offset += 1
        } else {
            elements: while true {
                items.append(try item(&self))
                skipSpace()
                switch peek() {
                case UInt8(ascii: ","): offset += 1
                case UInt8(ascii: "]"): offset += 1; break elements
                default: throw failure("expected ',' or ']' in an array")
                }
            }
        }
        depth -= 1
        return items
    }

    /// Past `bracket`, one level deeper; where the container starts.
    @discardableResult
    private mutating func open(_ bracket: UInt8, _ what: String) throws(Failure) -> Int {
        skipSpace()
        guard peek() == bracket else { throw failure("expected \(what), found \(found())") }
        guard depth < Self.maximumDepth else { throw failure("nested more than \(Self.maximumDepth) levels deep") }
        depth += 1
        offset += 1
        return offset - 1
    }

    // MARK: - Values

    mutating func string() throws(Failure) -> String {
        skipSpace()
        guard peek() == UInt8(ascii: "\"") else { throw failure("expected a string, found \(found())") }
        return try readString()
    }

    /// A string, or nil for `null`.
    mutating func optionalString() throws(Failure) -> String? {
        try readNull() ? nil : string()
    }

    mutating func strings() throws(Failure) -> [String] {
        try array { (reader: inout JSONReader) throws(Failure) in try reader.string() }
    }

    /// A string that is one of `Word`'s raw values.
    mutating func word<Word: RawRepresentable>(_: Word.Type, _ what: String) throws(Failure) -> Word where Word.RawValue == String {
        skipSpace()
        let start = offset
        let text = try string()
        guard let word = Word(rawValue: text) else { throw failure("'\(text)' is not \(what)", at: start) }
        return word
    }

    mutating func optionalWord<Word: RawRepresentable>(_ type: Word.Type, _ what: String) throws(Failure) -> Word? where Word.RawValue == String {
        try readNull() ? nil : word(type, what)
    }

    mutating func bool() throws(Failure) -> Bool {
        skipSpace()
        if take("true") { return true }
        if take("false") { return false }
        throw failure("expected true or false, found \(found())")
    }

    mutating func double() throws(Failure) -> Double {
        skipSpace()
        let start = offset
        let (text, _) = try readNumber("a number")
        guard let value = Double(text), value.isFinite else { throw failure("the number \(text) is out of range", at: start) }
        return value
    }

    mutating func optionalDouble() throws(Failure) -> Double? {
        try readNull() ? nil : double()
    }

    /// A whole number that fits an `Int`.
    mutating func int() throws(Failure) -> Int {
        skipSpace()
        let start = offset
        let (text, digitsOnly) = try readNumber("a whole number")
        if digitsOnly, let value = Int(text) { return value }
        // 3.0, 3e0: whole numbers written as decimals.
        if !digitsOnly, let value = Double(text), value.isFinite, value == value.rounded(),
           value >= -0x1p63, value < 0x1p63 {
            return Int(value)
        }
        throw failure("expected a whole number, found \(text)", at: start)
    }

    mutating func optionalInt() throws(Failure) -> Int? {
        try readNull() ? nil : int()
    }

    /// Reads `null` if it comes next.
    mutating func readNull() -> Bool {
        skipSpace()
        return take("null")
    }

    /// Reads any value, keeping nothing of it (a field the model does not have).
    mutating func skipValue() throws(Failure) {
        skipSpace()
        switch peek() {
        case UInt8(ascii: "{"): try object { (reader: inout JSONReader, _: String) throws(Failure) in try reader.skipValue() }
        case UInt8(ascii: "["): _ = try array { (reader: inout JSONReader) throws(Failure) in try reader.skipValue() }
        case UInt8(ascii: "\""): _ = try readString()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try bool()
        case UInt8(ascii: "n"):
            guard readNull() else { throw failure("expected a value, found \(found())") }
        default: _ = try readNumber("a value")
        }
    }

    // MARK: - Lexing

    private func peek() -> UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    /// What stands at the offset, for a message.
    private func found() -> String {
        guard let byte = peek() else { return "the end of the text" }
        switch byte {
        case UInt8(ascii: "{"): return "an object"
        case UInt8(ascii: "["): return "an array"
        case UInt8(ascii: "\""): return "a string"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return "a number"
        case UInt8(ascii: "'"): return "a single quote"
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            // A literal, or a word JSON does not have.
            var end = offset
            while end < bytes.count, end - offset < 16, case let letter = bytes[end] | 0x20,
                  letter >= UInt8(ascii: "a"), letter <= UInt8(ascii: "z") { end += 1 }
            let word = String(decoding: bytes[offset..<end], as: UTF8.self)
            return ["true", "false", "null"].contains(word) ? word : "'\(word)'"
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        default: return "the byte 0x\(String(byte, radix: 16, uppercase: true))"
        }
    }

    private mutating func skipSpace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    /// Reads `literal` if it comes next.
    private mutating func take(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - offset >= count else { return false }
        let matches = literal.withUTF8Buffer { literal in
            for index in 0..<count where bytes[offset + index] != literal[index] { return false }
            return true
        }
        guard matches else { return false }
        offset += count
        return true
    }

    /// A number's text as JSON's grammar has it, and whether it is only
    /// digits (with a sign): no fraction, no exponent.
    private mutating func readNumber(_ what: String) throws(Failure) -> (String, Bool) {
        let start = offset
        func digits() -> Int {
            let first = offset
            while offset < bytes.count, bytes[offset] >= UInt8(ascii: "0"), bytes[offset] <= UInt8(ascii: "9") { offset += 1 }
            return offset - first
        }
        if peek() == UInt8(ascii: "-") { offset += 1 }
        let integerStart = offset
        let integerDigits = digits()
        guard integerDigits > 0 else {
            offset = start
            throw failure("expected \(what), found \(found())")
        }
        if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") {
            throw failure("a number does not start with 0 in JSON", at: start)
        }
        var digitsOnly = true
        if peek() == UInt8(ascii: ".") {
            offset += 1
            digitsOnly = false
            guard digits() > 0 else { throw failure("expected digits after the decimal point") }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            offset += 1
            digitsOnly = false
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { offset += 1 }
            guard digits() > 0 else { throw failure("expected digits in the exponent") }
        }
        return (String(decoding: bytes[start..<offset], as: UTF8.self), digitsOnly)
    }

    /// Reads a string from its opening quote.
    private mutating func readString() throws(Failure) -> String {
        let start = offset
        offset += 1
        // Most strings have no escape: made from their bytes in one go.
        let run = offset
        var ascii = true
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                let text = ascii ? String(decoding: bytes[run..<offset], as: UTF8.self) : try Self.text(bytes[run..<offset], at: run)
                offset += 1
                return text
            }
            ascii = ascii && byte < 0x80
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw failure("a control character must be escaped in a string") }
            offset += 1
        }
        var out: [UInt8] = Array(bytes[run..<offset])
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                let text = try Self.text(out[...], at: run)
                offset += 1
                return text
            case UInt8(ascii: "\\"):
                try readEscape(into: &out)
            case 0..<0x20:
                throw failure("a control character must be escaped in a string")
            default:
                out.append(byte)
                offset += 1
            }
        }
        throw failure("the string is not closed", at: start)
    }

    /// The string of `bytes`, which must be UTF-8. Decoding replaces what is
    /// not UTF-8, so text that decodes to other bytes was not UTF-8. (Faster
    /// than `String(validating:as:)`, which is not specialised here.)
    private static func text(_ bytes: ArraySlice<UInt8>, at offset: Int) throws(Failure) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        let same = text.withUTF8 { decoded in
            bytes.withUnsafeBufferPointer { given in
                decoded.count == given.count && (given.isEmpty || memcmp(decoded.baseAddress!, given.baseAddress!, given.count) == 0)
            }
        }
        guard same else {
            throw Failure(offset: offset, message: "a string that is not UTF-8")
        }
        return text
    }

    /// Reads one escape from its backslash, appending its UTF-8.
    private mutating func readEscape(into out: inout [UInt8]) throws(Failure) {
        let start = offset
        offset += 1
        guard let letter = peek() else { throw failure("the string is not closed") }
        offset += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(letter)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var value = try readHex(start)
            if (0xD800..<0xDC00).contains(value) {
                guard take("\\u") else { throw failure("an unpaired surrogate escape", at: start) }
                let low = try readHex(start)
                guard (0xDC00..<0xE000).contains(low) else { throw failure("an unpaired surrogate escape", at: start) }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(value) {
                throw failure("an unpaired surrogate escape", at: start)
            }
            guard let scalar = Unicode.Scalar(value) else { throw failure("an unpaired surrogate escape", at: start) }
            out.append(contentsOf: scalar.utf8)
        default:
            throw failure("'\\\(Character(Unicode.Scalar(letter)))' is not an escape in JSON", at: start)
        }
    }

    /// Four hex digits.
    private mutating func readHex(_ escape: Int) throws(Failure) -> UInt32 {
        guard bytes.count - offset >= 4 else { throw failure("expected four hex digits in a \\u escape", at: escape) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("expected four hex digits in a \\u escape", at: escape)
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }
}
