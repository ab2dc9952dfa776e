import Foundation
import Testing
import YAMLReader

/// The text and style of a scalar node; nil for a list or a map.
private func scalar(_ node: YAMLNode?) -> (text: String, style: ScalarStyle)? {
    guard let node, case let .scalar(text, style) = node.content else { return nil }
    return (text, style)
}

/// The value of `key` in a map node.
private func value(_ node: YAMLNode?, _ key: String) -> YAMLNode? {
    node?.mapping?.first { $0.key == key }?.value
}

/// The place of `key` in a map node.
private func keyMark(_ node: YAMLNode?, _ key: String) -> Mark? {
    node?.mapping?.first { $0.key == key }?.keyMark
}

/// The one document of a file that must read without a problem.
private func document(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> YAMLNode {
    let file = YAMLParser.parse(text)
    #expect(file.problems == [], sourceLocation: sourceLocation)
    #expect(file.documents.count == 1, sourceLocation: sourceLocation)
    return try #require(file.documents.first, sourceLocation: sourceLocation)
}

private func mark(_ line: Int, _ column: Int) -> Mark { Mark(line: line, column: column) }

@Suite("YAML parser")
struct YAMLParserTests {
    // MARK: - Scalars are kept as typed

    struct Typed: Sendable, CustomTestStringConvertible {
        var yaml: String
        var text: String
        var style: ScalarStyle
        var testDescription: String { yaml }
    }

    @Test(
        "every scalar is kept as the text typed, never as a number, boolean or timestamp",
        arguments: [
            Typed(yaml: "no", text: "no", style: .plain),
            Typed(yaml: "yes", text: "yes", style: .plain),
            Typed(yaml: "1992", text: "1992", style: .plain),
            Typed(yaml: "2025-04-11", text: "2025-04-11", style: .plain),
            Typed(yaml: "2025-04-11T10:00:00Z", text: "2025-04-11T10:00:00Z", style: .plain),
            Typed(yaml: "3", text: "3", style: .plain),
            Typed(yaml: "044", text: "044", style: .plain),
            Typed(yaml: "true", text: "true", style: .plain),
            Typed(yaml: "False", text: "False", style: .plain),
            Typed(yaml: "1e3", text: "1e3", style: .plain),
            Typed(yaml: "0x10", text: "0x10", style: .plain),
            Typed(yaml: "0o17", text: "0o17", style: .plain),
            Typed(yaml: "-10.50", text: "-10.50", style: .plain),
            Typed(yaml: ".inf", text: ".inf", style: .plain),
            Typed(yaml: "1_000", text: "1_000", style: .plain),
            Typed(yaml: "\"~\"", text: "~", style: .doubleQuoted),
            Typed(yaml: "'null'", text: "null", style: .singleQuoted),
            Typed(yaml: "\"044\"", text: "044", style: .doubleQuoted),
            Typed(yaml: "'it''s'", text: "it's", style: .singleQuoted),
            Typed(yaml: "\"a\\tb\\u00e9\"", text: "a\tbé", style: .doubleQuoted),
            Typed(yaml: "Türkiye", text: "Türkiye", style: .plain),
        ]
    )
    func typedText(_ typed: Typed) throws {
        let root = try document("value: \(typed.yaml)\n")
        let found = try #require(scalar(value(root, "value")))
        #expect(found.text == typed.text)
        #expect(found.style == typed.style)
        #expect(value(root, "value")?.isNull == false)
        #expect(value(root, "value")?.scalar == typed.text)
    }

    @Test("plain ~, null, Null, NULL and nothing are null; quoted ones are text", arguments: [
        ("~", true), ("null", true), ("Null", true), ("NULL", true), ("", true),
        ("\"~\"", false), ("'~'", false), ("\"null\"", false), ("''", false), ("\"\"", false), ("nULL", false), ("none", false),
    ])
    func nullDetection(yaml: String, isNull: Bool) throws {
        let root = try document("value: \(yaml)\n")
        let node = try #require(value(root, "value"))
        #expect(node.isNull == isNull)
        if isNull {
            #expect(node.scalar == nil)
            #expect(node.kindDescription == "nothing")
        } else {
            #expect(node.scalar != nil)
            #expect(node.kindDescription == "a scalar")
        }
    }

    @Test("kinds are described in words")
    func kindDescriptions() throws {
        let root = try document("a: [1]\nb: {c: 1}\nd: text\n")
        #expect(value(root, "a")?.kindDescription == "a list")
        #expect(value(root, "b")?.kindDescription == "a map")
        #expect(value(root, "d")?.kindDescription == "a scalar")
        #expect(value(root, "a")?.sequence?.count == 1)
        #expect(value(root, "a")?.mapping == nil)
        #expect(value(root, "b")?.sequence == nil)
    }

    // MARK: - Places

    @Test("keys and values carry 1-based line and column")
    func marks() throws {
        let root = try document("""
            first: one
            second:
              nested:   "two"
            list:
              - a
              -   b
            flow: [x, {y: z}]

            """)
        #expect(root.mark == mark(1, 1))
        #expect(keyMark(root, "first") == mark(1, 1))
        #expect(value(root, "first")?.mark == mark(1, 8))
        #expect(keyMark(root, "second") == mark(2, 1))
        let second = value(root, "second")
        #expect(second?.mark == mark(3, 3))
        #expect(keyMark(second, "nested") == mark(3, 3))
        #expect(value(second, "nested")?.mark == mark(3, 13))
        let list = try #require(value(root, "list")?.sequence)
        #expect(value(root, "list")?.mark == mark(5, 3))
        #expect(list.map(\.mark) == [mark(5, 5), mark(6, 7)])
        let flow = try #require(value(root, "flow")?.sequence)
        #expect(value(root, "flow")?.mark == mark(7, 7))
        #expect(flow.map(\.mark) == [mark(7, 8), mark(7, 11)])
        #expect(keyMark(flow[1], "y") == mark(7, 12))
        #expect(value(flow[1], "y")?.mark == mark(7, 15))
    }

    @Test("columns count characters, not bytes")
    func columnsInCharacters() throws {
        let root = try document("名前: 値\nnote: «é» x\n")
        #expect(value(root, "名前")?.mark == mark(1, 5))
        #expect(keyMark(root, "note") == mark(2, 1))
        #expect(value(root, "note")?.mark == mark(2, 7))
        #expect(value(root, "note")?.scalar == "«é» x")
    }

    @Test("CRLF line endings: places are still right and no carriage return is kept")
    func crlf() throws {
        let root = try document("a: 1\r\nb:\r\n  - two\r\ntext: |\r\n  x\r\n  y\r\n")
        #expect(keyMark(root, "b") == mark(2, 1))
        #expect(value(root, "b")?.sequence?.first?.mark == mark(3, 5))
        #expect(value(root, "a")?.scalar == "1")
        #expect(value(root, "b")?.sequence?.first?.scalar == "two")
        #expect(value(root, "text")?.scalar == "x\ny\n")
        #expect(keyMark(root, "text") == mark(4, 1))
    }

    @Test("a UTF-8 byte order mark is skipped and does not shift columns")
    func byteOrderMark() throws {
        let root = try document("\u{FEFF}a: b\nc: d\n")
        #expect(keyMark(root, "a") == mark(1, 1))
        #expect(value(root, "a")?.mark == mark(1, 4))
        #expect(value(root, "c")?.mark == mark(2, 4))
    }

    // MARK: - Block scalars

    @Test("block scalars keep their line breaks and their style")
    func blockScalars() throws {
        let root = try document("""
            literal: |
              first line
                indented
              last
            folded: >
              one
              two

              three
            stripped: |-
              no break at the end
            after: x

            """)
        let literal = try #require(scalar(value(root, "literal")))
        #expect(literal.text == "first line\n  indented\nlast\n")
        #expect(literal.style == .literal)
        #expect(value(root, "literal")?.mark == mark(1, 10))
        let folded = try #require(scalar(value(root, "folded")))
        #expect(folded.text == "one two\nthree\n")
        #expect(folded.style == .folded)
        #expect(scalar(value(root, "stripped"))?.text == "no break at the end")
        #expect(keyMark(root, "after") == mark(12, 1))
    }

    // MARK: - Problems

    @Test("a duplicate key is reported at the second place, naming the first; the first value is kept")
    func duplicateKey() throws {
        let file = YAMLParser.parse("id: a\ntitle: x\nid: b\n")
        #expect(file.problems == [YAMLProblem(mark: mark(3, 1), message: "duplicate key 'id' (first at line 1, column 1)")])
        let root = try #require(file.documents.first)
        #expect(root.mapping?.map(\.key) == ["id", "title"])
        #expect(value(root, "id")?.scalar == "a")
    }

    @Test("duplicate keys in nested maps are reported too")
    func nestedDuplicateKey() {
        let file = YAMLParser.parse("events:\n  - id: a\n    title: x\n    title: y\n")
        #expect(file.problems == [YAMLProblem(mark: mark(4, 5), message: "duplicate key 'title' (first at line 3, column 5)")])
        #expect(file.documents.count == 1)
    }

    @Test("keys alike in length and first bytes are told apart; equal ones are found however they are written", arguments: [
        ("abcdX: 1\nabcdY: 2\nabcd: 3\nabcdXY: 4\n", []),
        ("ab: 1\nabcdef: 2\nabcdef: 3\n", ["duplicate key 'abcdef' (first at line 2, column 1)"]),
        // Canonically equivalent text is the same key: é precomposed, then as e and a combining accent.
        ("caf\u{E9}: 1\ncafe\u{301}: 2\n", ["duplicate key 'cafe\u{301}' (first at line 1, column 1)"]),
        ("a: &k name\n*k : 2\nname: 3\n", ["duplicate key 'name' (first at line 2, column 1)"]),
        ("\"\": 1\n'': 2\n", ["duplicate key '' (first at line 1, column 1)"]),
    ] as [(String, [String])])
    func keysAlikeAndEqual(_ yaml: String, _ problems: [String]) {
        #expect(YAMLParser.parse(yaml).problems.map(\.message) == problems)
    }

    @Test("the same key in two different maps is no duplicate")
    func sameKeyInTwoMaps() throws {
        let root = try document("- id: a\n- id: b\n")
        #expect(root.sequence?.compactMap { value($0, "id")?.scalar } == ["a", "b"])
    }

    struct Broken: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        var problem: YAMLProblem
        var testDescription: String { name }
    }

    @Test(
        "a syntax error is located and ends the file",
        arguments: [
            Broken(name: "bad indentation", yaml: "a:\n  b: 1\n c: 2\n",
                   problem: YAMLProblem(mark: mark(3, 2), message: "YAML syntax: did not find expected key while parsing a block mapping")),
            Broken(name: "unclosed double quote", yaml: "a: 1\ntitle: \"abc\nb: 2\n",
                   problem: YAMLProblem(mark: mark(2, 8), message: "YAML syntax: the quoted text that starts here is never closed (the file ends first)")),
            Broken(name: "unclosed single quote", yaml: "title: 'abc\n",
                   problem: YAMLProblem(mark: mark(1, 8), message: "YAML syntax: the quoted text that starts here is never closed (the file ends first)")),
            Broken(name: "tab indentation", yaml: "a:\n\tb: 1\n",
                   problem: YAMLProblem(mark: mark(2, 1), message: "YAML syntax: found character that cannot start any token while scanning for the next token")),
            Broken(name: "unclosed flow list", yaml: "a: [1, 2\nb: 3\n",
                   problem: YAMLProblem(mark: mark(2, 2), message: "YAML syntax: did not find expected ',' or ']' while parsing a flow sequence")),
            Broken(name: "key after a scalar value", yaml: "a: b: c\n",
                   problem: YAMLProblem(mark: mark(1, 5), message: "YAML syntax: mapping values are not allowed in this context")),
        ]
    )
    func syntaxError(_ broken: Broken) {
        let file = YAMLParser.parse(broken.yaml)
        #expect(file.problems == [broken.problem])
        #expect(file.documents.isEmpty)
    }

    /// libyaml notices an unclosed quote only at the end of the file; the error must
    /// still lead the analyst to the quote that was left open (libyaml's context mark).
    @Test("an unclosed quote is reported where the quote opened")
    func unclosedQuoteNamesItsStart() {
        let file = YAMLParser.parse("a: 1\ntitle: \"abc\nb: 2\nc: 3\n")
        #expect(file.problems.map(\.mark) == [Mark(line: 2, column: 8)])
    }

    @Test("a syntax error in a later document keeps the documents read before it")
    func syntaxErrorInSecondDocument() {
        let file = YAMLParser.parse("a: 1\n---\nb: [\n")
        #expect(file.documents.count == 1)
        #expect(file.problems.count == 1)
        #expect(file.problems.first?.mark.line == 4)
    }

    @Test("invalid UTF-8 is located and the message says the file is not valid UTF-8", arguments: [
        ([UInt8]("a: b\nc: ".utf8) + [0xFF] + [UInt8]("\n".utf8), mark(2, 4), "invalid leading UTF-8 octet (byte 0xFF)"),
        ([UInt8]("a: é".utf8) + [0xC3], mark(1, 5), "incomplete UTF-8 octet sequence"),
        ([UInt8]("title: ab".utf8) + [0xC3, 0x28] + [UInt8]("\n".utf8), mark(1, 10), "invalid trailing UTF-8 octet (byte 0x28)"),
    ])
    func invalidUTF8(bytes: [UInt8], at place: Mark, detail: String) {
        let file = YAMLParser.parse(bytes)
        #expect(file.problems == [YAMLProblem(mark: place, message: "YAML syntax: the file is not valid UTF-8: \(detail)")])
        #expect(file.documents.isEmpty)
    }

    @Test("a UTF-8 byte order mark does not shift the column of an encoding error on line 1")
    func byteOrderMarkAndEncodingError() {
        let file = YAMLParser.parse([0xEF, 0xBB, 0xBF] + [UInt8]("a: ".utf8) + [0xFF])
        #expect(file.problems.map(\.mark) == [mark(1, 4)])
        #expect(file.problems.first?.message.hasPrefix("YAML syntax: the file is not valid UTF-8") == true)
    }

    @Test("a NUL or another control character is located", arguments: [
        ("a: b\nc: d\u{0}e\n", mark(2, 5), "00"),
        ("a: b\u{7}\n", mark(1, 5), "07"),
        ("\u{1B}", mark(1, 1), "1B"),
    ])
    func controlCharacter(yaml: String, at place: Mark, hex: String) {
        let file = YAMLParser.parse(yaml)
        #expect(file.problems == [YAMLProblem(mark: place, message: "YAML syntax: control characters are not allowed (byte 0x\(hex))")])
    }

    // MARK: - Anchors and aliases

    @Test("anchors and aliases are resolved, each copy placed where the alias is")
    func aliases() throws {
        let root = try document("""
            base: &b
              x: 1
              y: [2, 3]
            copy: *b
            list: [&s hello, *s]

            """)
        let copy = try #require(value(root, "copy"))
        #expect(copy.mark == mark(4, 7))
        #expect(value(copy, "x")?.scalar == "1")
        #expect(value(copy, "y")?.sequence?.compactMap(\.scalar) == ["2", "3"])
        #expect(value(root, "list")?.sequence?.compactMap(\.scalar) == ["hello", "hello"])
        #expect(value(root, "list")?.sequence?.map(\.mark) == [mark(5, 8), mark(5, 18)])
        #expect(copy.weight == value(root, "base")?.weight)
    }

    @Test("an alias to an unknown anchor is located")
    func unknownAlias() {
        let file = YAMLParser.parse("a: 1\nb: *nope\n")
        #expect(file.problems == [YAMLProblem(mark: mark(2, 4), message: "unknown alias '*nope'")])
    }

    @Test("anchors do not carry over from one document to the next")
    func anchorsPerDocument() {
        let file = YAMLParser.parse("a: &x 1\n---\nb: *x\n")
        #expect(file.documents.count == 1)
        #expect(file.problems == [YAMLProblem(mark: mark(3, 4), message: "unknown alias '*x'")])
    }

    @Test("a billion-laughs alias bomb is stopped with a message, quickly", .timeLimit(.minutes(1)))
    func billionLaughs() {
        var yaml = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        let letters = Array("abcdefghij")
        for index in 1..<letters.count {
            let previous = letters[index - 1]
            let items = Array(repeating: "*\(previous)", count: 9).joined(separator: ",")
            yaml += "\(letters[index]): &\(letters[index]) [\(items)]\n"
        }
        let start = ContinuousClock.now
        let file = YAMLParser.parse(yaml)
        let elapsed = ContinuousClock.now - start
        #expect(file.problems.count == 1)
        #expect(file.problems.first?.message == "the file expands to more than \(YAMLParser.maximumWeight) nodes through aliases")
        #expect(file.problems.first.map { $0.mark.line >= 1 && $0.mark.line <= 10 } == true)
        #expect(file.documents.isEmpty)
        #expect(elapsed < .seconds(10))
    }

    @Test("aliases that stay within the bound are fine and weigh what they expand to")
    func smallAliasTree() throws {
        let root = try document("a: &a [1, 2, 3]\nb: &b [*a, *a]\nc: [*b, *b]\n")
        #expect(value(root, "a")?.weight == 4)
        #expect(value(root, "b")?.weight == 9)
        #expect(value(root, "c")?.weight == 19)
        #expect(value(root, "c")?.sequence?.first?.sequence?.first?.sequence?.compactMap(\.scalar) == ["1", "2", "3"])
    }

    // MARK: - Documents

    @Test("an empty file has no documents and no problems", arguments: [[UInt8](), [UInt8]("\n\n".utf8), [UInt8]("   ".utf8)])
    func emptyFile(bytes: [UInt8]) {
        let file = YAMLParser.parse(bytes)
        #expect(file.documents.isEmpty)
        #expect(file.problems.isEmpty)
    }

    @Test("a file of only comments has no documents and no problems")
    func onlyComments() {
        let file = YAMLParser.parse("# a comment\n   # another\n#\n")
        #expect(file.documents.isEmpty)
        #expect(file.problems.isEmpty)
    }

    @Test("a file of only '---' has one null document")
    func onlyDocumentMarker() throws {
        let file = YAMLParser.parse("---\n")
        #expect(file.problems.isEmpty)
        #expect(file.documents.count == 1)
        #expect(file.documents.first?.isNull == true)
    }

    @Test("several documents are all read, each with its own places")
    func multipleDocuments() throws {
        let file = YAMLParser.parse("a: 1\n---\nb: 2\n...\n---\n- x\n--- plain\n")
        #expect(file.problems.isEmpty)
        #expect(file.documents.count == 4)
        #expect(keyMark(file.documents[1], "b") == mark(3, 1))
        #expect(file.documents[2].sequence?.first?.mark == mark(6, 3))
        #expect(file.documents[3].scalar == "plain")
    }

    // MARK: - Size and shape

    @Test("a 10 MB string value is read whole, fast", .timeLimit(.minutes(1)))
    func hugeString() throws {
        let big = String(repeating: "abcdefghij", count: 1_000_000)
        let start = ContinuousClock.now
        let file = YAMLParser.parse("title: \(big)\nnext: 1\n")
        let elapsed = ContinuousClock.now - start
        #expect(file.problems.isEmpty)
        let root = try #require(file.documents.first)
        #expect(value(root, "title")?.scalar?.utf8.count == 10_000_000)
        #expect(value(root, "next")?.mark == mark(2, 7))
        #expect(elapsed < .seconds(20))
    }

    @Test("a complex key is reported and its value dropped", arguments: [
        ("? [a, b]\n: value\nother: 1\n", mark(1, 3), "a list"),
        ("{x: 1}: value\nother: 1\n", mark(1, 1), "a map"),
        ("? - a\n: value\nother: 1\n", mark(1, 3), "a list"),
    ])
    func complexKey(yaml: String, at place: Mark, kind: String) throws {
        let file = YAMLParser.parse(yaml)
        #expect(file.problems == [YAMLProblem(mark: place, message: "a key must be plain text, not \(kind)")])
        let root = try #require(file.documents.first)
        #expect(root.mapping?.map(\.key) == ["other"])
    }

    /// Either read whole, or refused with one problem located on the line (a depth limit);
    /// never a crash.
    @Test("deeply nested lists are read or refused with a located problem, without exhausting the stack", .timeLimit(.minutes(1)))
    func deepNesting() throws {
        let depth = 10_000
        let yaml = "a: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        let file = YAMLParser.parse(yaml)
        if file.problems.isEmpty {
            var node = try #require(value(file.documents.first, "a"))
            var levels = 1
            while let inner = node.sequence?.first {
                node = inner
                levels += 1
            }
            #expect(levels == depth)
        } else {
            #expect(file.problems.count == 1)
            #expect(file.problems.first?.mark.line == 1)
            #expect(file.documents.isEmpty)
        }
    }

    /// 50 anchors, each 200 levels deep around an alias of the one before: 10,000 levels.
    @Test("depth built from aliases is read or refused with a located problem, without exhausting the stack", .timeLimit(.minutes(1)))
    func deepThroughAliases() throws {
        var yaml = ""
        for k in 0..<50 {
            yaml += "a\(k): &a\(k) " + String(repeating: "[", count: 200) + (k == 0 ? "x" : "*a\(k - 1)") + String(repeating: "]", count: 200) + "\n"
        }
        let file = YAMLParser.parse(yaml)
        if file.problems.isEmpty {
            var node = try #require(value(file.documents.first, "a49"))
            var levels = 0
            while let inner = node.sequence?.first {
                node = inner
                levels += 1
            }
            #expect(levels == 10_000)
            #expect(node.scalar == "x")
        } else {
            #expect(file.problems.count == 1)
            #expect(file.problems.first.map { (1...50).contains($0.mark.line) } == true)
            #expect(file.documents.isEmpty)
        }
    }
}
