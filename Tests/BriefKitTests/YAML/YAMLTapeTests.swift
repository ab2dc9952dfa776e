import Testing
import YAMLReader

private func mark(_ line: Int, _ column: Int) -> Mark { Mark(line: line, column: column) }

/// The tape is what the dataset loader reads: it must say what the tree says.
@Suite("YAML tape")
struct YAMLTapeTests {
    @Test("pairs leave out a duplicate key and its value, and a key that is not text")
    func droppedPairs() throws {
        let tape = YAMLTape.parse(Array("id: a\ntitle: x\nid: b\n[k]: v\nnote: n\n".utf8))
        #expect(tape.problems.map(\.mark) == [mark(3, 1), mark(4, 1)])
        defer { withExtendedLifetime(tape) {} }
        let root = try #require(tape.documentValues.first)
        let pairs = Array(try #require(root.mapping))
        #expect(pairs.map(\.key.text) == ["id", "title", "note"])
        #expect(pairs.map(\.value.text) == ["a", "x", "n"])
        #expect(root.value(of: "id")?.scalar == "a")
        #expect(root.value(of: "note")?.mark == mark(5, 7))
    }

    @Test("an alias reads as its anchor's content, placed where the alias is; inner places stay the anchor's")
    func aliases() throws {
        let tape = YAMLTape.parse(Array("base: &b {x: 1}\ncopy: *b\n".utf8))
        defer { withExtendedLifetime(tape) {} }
        let root = try #require(tape.documentValues.first)
        let copy = try #require(root.value(of: "copy"))
        #expect(copy.kind == .mapping)
        #expect(copy.mark == mark(2, 7))
        #expect(copy.value(of: "x")?.mark == mark(1, 14))
        #expect(copy.value(of: "x")?.scalar == "1")
    }

    @Test("plain null words are null; quoted ones and other words are text", arguments: [
        ("~", true), ("null", true), ("Null", true), ("NULL", true), ("", true),
        ("'null'", false), ("nULL", false), ("nul", false), ("\"\"", false),
    ])
    func nulls(yaml: String, isNull: Bool) throws {
        let tape = YAMLTape.parse(Array("v: \(yaml)\n".utf8))
        defer { withExtendedLifetime(tape) {} }
        let root = try #require(tape.documentValues.first)
        #expect(root.value(of: "v")?.isNull == isNull)
    }

    @Test("keys compare as Strings do: canonically equivalent text matches, whatever its bytes")
    func canonicalKeys() throws {
        // U+212A KELVIN SIGN is canonically equivalent to "K"; "é" may be one scalar or two.
        let tape = YAMLTape.parse(Array("\u{212A}: kelvin\ne\u{301}: decomposed\n".utf8))
        defer { withExtendedLifetime(tape) {} }
        let root = try #require(tape.documentValues.first)
        let keys = Array(try #require(root.mapping)).map(\.key)
        #expect(keys[0].index(in: ["a", "K"]) == 1)
        #expect(keys[1].index(in: ["\u{E9}"]) == 0)
        #expect(keys[1].hasPrefix("e") == false)
        #expect(root.value(of: "\u{E9}")?.scalar == "decomposed")
    }

    @Test("a tape made from a tree reads the same as the file")
    func fromTree() throws {
        let text = "a: [1, {b: c}]\nd: |\n  line\n"
        let tree = try #require(YAMLParser.parse(text).documents.first)
        let fromTree = YAMLTape(tree)
        let parsed = YAMLTape.parse(Array(text.utf8))
        defer { withExtendedLifetime((fromTree, parsed)) {} }
        let root = try #require(fromTree.documentValues.first)
        let direct = try #require(parsed.documentValues.first)
        #expect(root.value(of: "d")?.scalar == direct.value(of: "d")?.scalar)
        #expect(root.value(of: "d")?.style == .literal)
        let items = Array(try #require(root.value(of: "a")?.sequence))
        #expect(items.map(\.mark) == Array(try #require(direct.value(of: "a")?.sequence)).map(\.mark))
        #expect(items[1].value(of: "b")?.mark == mark(1, 12))
    }

    @Test("a syntax error keeps the complete documents before it and no part of the broken one")
    func brokenDocument() {
        let tape = YAMLTape.parse(Array("a: 1\n---\nb: [2\n".utf8))
        #expect(tape.documents.count == 1)
        #expect(tape.problems.count == 1)
    }
}
