import Foundation
import Testing
@testable import BriefKit

/// `JSONReader`, the strict reader the snapshots are read back with: what it
/// takes and refuses, held to `JSONDecoder` wherever the two should agree.
@Suite struct JSONReaderTests {
    /// A one-field document read both ways.
    struct Holder<Value: Codable & Equatable>: Codable, Equatable { var value: Value }

    static func read<Value>(_ text: String, _ read: (inout JSONReader) throws(JSONReader.Failure) -> Value) -> Result<Value, JSONReader.Failure> {
        let bytes = Array(text.utf8)
        do {
            return .success(try JSONReader.read(bytes) { (reader: inout JSONReader) throws(JSONReader.Failure) in
                var value: Value?
                let start = try reader.object { (reader: inout JSONReader, name: String) throws(JSONReader.Failure) in
                    if name == "value" { value = try read(&reader) } else { try reader.skipValue() }
                }
                return try reader.required(value, "value", in: start)
            })
        } catch {
            return .failure(error)
        }
    }

    static func decoded<Value: Codable & Equatable>(_ text: String, as _: Value.Type) -> Value? {
        try? JSONDecoder().decode(Holder<Value>.self, from: Data(text.utf8)).value
    }

    // MARK: - Strings

    /// Strings of every kind the model holds, written by our writer and by
    /// `JSONEncoder`, read back to themselves; `JSONDecoder` agrees.
    @Test func stringsReadBackToThemselves() throws {
        var generator = TemplateEngineRandomTests.Generator(state: 7)
        let alphabet: [String] = ["a", "Z", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "ə",
                                  "ş", "\u{644}", "\u{5D0}", "\u{4E2D}", "\u{1F600}", "\u{200F}", "\u{2028}", "\u{FFFD}", "e\u{301}", "{", "}", ":", ","]
        var texts = alphabet + [""]
        for _ in 0..<400 {
            texts.append((0..<Int.random(in: 1...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            var ours: [UInt8] = []
            JSONText.string(text, into: &ours)
            let document = "{\"value\": " + String(decoding: ours, as: UTF8.self) + "}"
            #expect(try Self.read(document) { (reader: inout JSONReader) throws(JSONReader.Failure) in try reader.string() }.get() == text)
            #expect(Self.decoded(document, as: String.self) == text)
            let theirs = try String(decoding: JSONEncoder().encode(Holder(value: text)), as: UTF8.self)
            #expect(try Self.read(theirs) { (reader: inout JSONReader) throws(JSONReader.Failure) in try reader.string() }.get() == text)
        }
    }

    @Test func escapesAreReadAsJSONHasThem() throws {
        let cases: [(String, String)] = [
            (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
            (#""\u00e9\u00C9""#, "éÉ"),
            (#""\ud83d\ude00""#, "\u{1F600}"),
            (#""a\u0000b""#, "a\u{0}b"),
            (#""\u2028""#, "\u{2028}"),
        ]
        for (literal, expected) in cases {
            let document = "{\"value\": \(literal)}"
            #expect(try Self.read(document) { (reader: inout JSONReader) throws(JSONReader.Failure) in try reader.string() }.get() == expected)
            #expect(Self.decoded(document, as: String.self) == expected)
        }
    }

    // MARK: - Numbers

    @Test func numbersFollowJSONsGrammar() throws {
        let valid: [(String, Double)] = [("0", 0), ("-0", 0), ("12", 12), ("-4.5", -4.5), ("1.5e3", 1500), ("1E+2", 100),
                                        ("2e-2", 0.02), ("0.1", 0.1), ("123456789.125", 123456789.125)]
        for (text, value) in valid {
            let document = "{\"value\": \(text)}"
            #expect(try Self.read(document) { (reader: inout JSONReader) throws(JSONReader.Failure) in try reader.double() }.get() == value, "\(text)")
            #expect(Self.decoded(document, as: Double.self) == value, "\(text)")
        }
        for text in ["01", "1.", ".5", "+1", "-", "NaN", "Infinity", "1e", "1e+", "0x10", "1e400", "--1"] {
            let document = "{\"value\": \(text)}"
            #expect(throws: JSONReader.Failure.self, "\(text)") {
                try Self.read(document) { (reader: inout JSONReader) throws(JSONReader.Failure) in try reader.double() }.get()
            }
            #expect(Self.decoded(document, as: Double.self) == nil, "\(text)")
        }
    }

    /// An integer of the model takes a whole number however it is written,
    /// within `Int`'s range, as `JSONDecoder` does.
    @Test func wholeNumbersForIntegers() throws {
        let cases: [(String, Int?)] = [("3", 3), ("-3", -3), ("3.0", 3), ("3e0", 3), ("1.0e1", 10), ("-0", 0),
                                      ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min),
                                      ("9223372036854775808", nil), ("3.5", nil), ("1e20", nil), ("\"3\"", nil), ("true", nil), ("null", nil)]
        for (text, value) in cases {
            let document = "{\"value\": \(text)}"
            let ours = try? Self.read(document) { (reader: inout JSONReader) throws(JSONReader.Failure) in try reader.int() }.get()
            #expect(ours == value, "\(text)")
            #expect(Self.decoded(document, as: Int.self) == value, "\(text)")
        }
    }

    // MARK: - What is refused, and where

    /// Each refusal, with its place and message. `JSONDecoder` refuses the
    /// same documents, except the trailing commas and the name given twice the
    /// reader is stricter about.
    @Test(arguments: [
        ("{\"value\": \"a\tb\"}", 1, 13, "a control character must be escaped in a string", false),
        ("{\"value\": \"\\ud800\"}", 1, 12, "an unpaired surrogate escape", false),
        ("{\"value\": \"\\udc00x\"}", 1, 12, "an unpaired surrogate escape", false),
        ("{\"value\": \"\\x\"}", 1, 12, "'\\x' is not an escape in JSON", false),
        ("{\"value\": \"\\u12\"}", 1, 12, "expected four hex digits in a \\u escape", false),
        ("{\"value\": \"abc", 1, 11, "the string is not closed", false),
        ("{\"value\": \"x\"} {}", 1, 16, "text after the end of the JSON value", false),
        ("{\"value\": \"x\"", 1, 14, "expected ',' or '}' in an object", false),
        ("{\"value\": nul}", 1, 11, "expected a string, found 'nul'", false),
        ("{\"value\": null}", 1, 11, "expected a string, found null", false),
        ("{\"value\": 'x'}", 1, 11, "expected a string, found a single quote", false),
        ("{value: \"x\"}", 1, 2, "expected a field name in quotes", false),
        ("{\"value\" \"x\"}", 1, 10, "expected ':' after the field name", false),
        ("[\"x\"]", 1, 1, "expected an object, found an array", false),
        ("", 1, 1, "expected an object, found the end of the text", false),
        // Stricter than JSONDecoder:
        ("{\"value\": \"x\",}", 1, 15, "expected a field name in quotes", true),
        ("{\n  \"value\": \"x\",\n  \"other\": [1, 2,]\n}", 3, 18, "expected a value, found ']'", true),
        ("{\n  \"value\": \"x\",\n  \"value\": \"y\"\n}", 3, 3, "the field 'value' appears twice in this object", true),
    ])
    func refusals(document: String, line: Int, column: Int, message: String, decoderTakesIt: Bool) {
        let result = Self.read(document) { (reader: inout JSONReader) throws(JSONReader.Failure) in try reader.string() }
        guard case let .failure(failure) = result else {
            Issue.record("read: \(document)")
            return
        }
        #expect(failure.message == message)
        let position = failure.position(in: Array(document.utf8))
        #expect(position.line == line && position.column == column, "\(position)")
        #expect((Self.decoded(document, as: String.self) != nil) == decoderTakesIt)
    }

    /// Bytes that are not UTF-8, in a value or a name.
    @Test func textThatIsNotUTF8IsRefused() {
        let invalid: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE4, 0xB8], [0xF4, 0x90, 0x80, 0x80]]
        for bytes: [UInt8] in invalid.map({ Array("{\"value\": \"a".utf8) + $0 + Array("\"}".utf8) }) + [
            Array("{\"".utf8) + [0xC3] + Array("\": 1, \"value\": \"x\"}".utf8),
        ] {
            #expect(throws: JSONReader.Failure.self) {
                try JSONReader.read(bytes) { (reader: inout JSONReader) throws(JSONReader.Failure) in
                    try reader.object { (reader: inout JSONReader, _: String) throws(JSONReader.Failure) in try reader.skipValue() }
                }
            }
            #expect((try? JSONDecoder().decode(Holder<String>.self, from: Data(bytes))) == nil)
        }
    }

    /// Unknown fields are skipped however they nest, up to a depth no
    /// snapshot comes near; deeper fails rather than exhausting the stack.
    @Test func nestingIsBounded() throws {
        func document(depth: Int) -> String {
            "{\"value\": \"x\", \"deep\": " + String(repeating: "[{\"a\":", count: depth / 2) + "null" + String(repeating: "}]", count: depth / 2) + "}"
        }
        let read = { (text: String) in Self.read(text) { (reader: inout JSONReader) throws(JSONReader.Failure) in try reader.string() } }
        #expect(try read(document(depth: 500)).get() == "x")
        guard case let .failure(failure) = read(document(depth: 100_000)) else {
            Issue.record("a document 100,000 levels deep was read")
            return
        }
        #expect(failure.message == "nested more than 512 levels deep")
    }

    @Test func aByteOrderMarkIsIgnoredAndSpaceAllowedAround() throws {
        let text = "\u{FEFF} \r\n\t{ \"value\" :\n \"x\" } \n"
        #expect(try Self.read(text) { (reader: inout JSONReader) throws(JSONReader.Failure) in try reader.string() }.get() == "x")
        #expect(Self.decoded(text, as: String.self) == "x")
    }

    /// Columns count characters, not bytes.
    @Test func columnsCountCharacters() {
        let document = "{\"əşé\": \"中文\", \"value\": tru}"
        guard case let .failure(failure) = Self.read(document, { (reader: inout JSONReader) throws(JSONReader.Failure) in try reader.bool() }) else {
            Issue.record("read")
            return
        }
        #expect(failure.message == "expected true or false, found 'tru'")
        let position = failure.position(in: Array(document.utf8))
        #expect(position.line == 1 && position.column == 24)
    }
}
