import Foundation
import Testing
@testable import BriefKit

/// The layouts read a brief's tree laid out flat (`FlatTree`), built straight
/// from the model; the tests of the engine build theirs from `JSONValue`s.
/// Both must be the brief's JSON tree, member for member, or a layout would
/// read something the snapshot does not hold.
@Suite struct FlatTreeTests {
    @Test func theTreeOfEveryBriefIsItsJSONTree() throws {
        #expect(JSONTreeTests.briefs.count > 20)
        for brief in JSONTreeTests.briefs {
            let json = try brief.jsonTree()
            let flat = try FlatTree(brief)
            #expect(flat.json(flat.root) == json, "\(brief.brief) on \(brief.asOf)")
            let converted = try FlatTree(json: json)
            #expect(converted.json(converted.root) == json, "\(brief.brief) on \(brief.asOf)")
            // Built from the model, every name is one of the model's.
            #expect(flat.otherNames.isEmpty, "\(flat.otherNames)")
        }
    }

    @Test func membersAreFoundByTheirNamesWhetherTheModelHasThemOrNot() throws {
        let json = try TemplateEngineTests.tree(#"""
            {"title": "T", "zeta": [1, "two", null, true, {"status": "open"}], "": "empty name", "alpha": {}}
            """#)
        let tree = try FlatTree(json: json)
        #expect(tree.otherNames.sorted() == ["", "alpha", "zeta"])
        #expect(FieldName("title").known >= 0)
        #expect(FieldName("zeta").known == -1)
        let title = try #require(tree.member(tree.root, FieldName("title")))
        #expect(tree.string(title) == "T")
        let zeta = try #require(tree.member(tree.root, FieldName("zeta")))
        #expect(tree.json(zeta) == .array([.number(1), .string("two"), .null, .bool(true), .object(["status": .string("open")])]))
        #expect(tree.string(try #require(tree.member(tree.root, FieldName(""))))  == "empty name")
        #expect(tree.json(try #require(tree.member(tree.root, FieldName("alpha")))) == .object([:]))
        // Absent, whether the model has the name or not; and nothing is a member of a list or a text.
        #expect(tree.member(tree.root, FieldName("note")) == nil)
        #expect(tree.member(tree.root, FieldName("omega")) == nil)
        #expect(tree.member(zeta, FieldName("status")) == nil)
        #expect(tree.member(title, FieldName("title")) == nil)
    }

    /// Positions are 32-bit: a tree that would hold more is refused whole,
    /// and the renderer reports it, rather than positions cut short (shown
    /// here with a small limit; the real one is some two gigabytes).
    @Test func aTreeTooLargeIsRefusedNotCutShort() throws {
        let json = JSONValue.object(["title": .string("0123456789"), "topics": .array([.string("a"), .string("b")])])
        #expect(throws: FlatTree.TooLarge.self) { try FlatTree(json: json, limit: 8) }
        #expect(try FlatTree(json: json, limit: 16).json(0) == .string("0123456789"))
        let brief = try #require(JSONTreeTests.briefs.first)
        #expect(throws: FlatTree.TooLarge.self) { try FlatTree(brief, limit: 64) }
        let tree = try FlatTree(brief)
        #expect(tree.json(tree.root) == (try brief.jsonTree()))
    }

    /// The engine cuts a text of the tree into `textLines` where
    /// `TemplateContext.lines` cuts the same text as a `String`.
    @Test func theEnginesLinesAreThoseOfTheContext() throws {
        let renderer = try TemplateEngineTests.renderer(["brief": "{{#quotes}}{{#textLines}}<{{line}}>{{^last()}}|{{/last()}}{{/textLines}};{{/quotes}}"])
        var random = TemplateEngineRandomTests.Generator(state: 5)
        let pieces = ["a", "\n", "\r", "\r\n", "\n\r", "\u{301}", "دمشق", "😀", "\t", "<", "&"]
        var samples = ["", "\n", "\n\n", "\r\n", "\r\n\n", "a\r\nb\nc", "\r", "a\n", "\na"]
        for _ in 0..<500 {
            samples.append((0..<Int.random(in: 1...8, using: &random)).map { _ in random.pick(pieces) }.joined())
        }
        let json = JSONValue.object(["quotes": .array(samples.map { .object(["text": .string($0)]) })])
        let expected = samples.map { TemplateContext.lines($0).map { "<\($0)>" }.joined(separator: "|") + ";" }.joined()
        #expect(renderer.engine.render("brief", json: json, escaping: .none) == expected)
    }

    @Test func theDirectionOfUTF8IsThatOfTheString() {
        let samples = ["", "abc", "«نعم» قال", "2025: yes", "2025!", "\u{2067}שלום\u{2069} hello", "\u{200F}x", "😀 עברית",
                       "\u{10900}", "é", "\u{2066}\u{2066}a\u{2069}ב"]
        for sample in samples {
            var text = sample
            let fromBytes = text.withUTF8 { WritingDirection.of(utf8: $0) }
            #expect(fromBytes == WritingDirection.of(sample), "\(sample.debugDescription)")
        }
    }
}

extension FlatTree {
    /// The members of object `node`, by name, in the order they were added
    /// (the model's, byte order of names); for tests.
    func members(_ node: Int32) -> [(name: String, value: Int32)] {
        let object = nodes[Int(node)]
        guard object.kind == .object else { return [] }
        return (Int(object.start) ..< Int(object.start + object.count)).map { index in
            let number = Int(memberNames[index])
            let name = number < FieldName.knownNames.count ? FieldName.knownNames[number] : otherNames[number - FieldName.knownNames.count]
            return (name, memberValues[index])
        }
    }

    /// The tree from `node` down as a `JSONValue`: for tests, and to compare two trees.
    func json(_ node: Int32) -> JSONValue {
        let value = nodes[Int(node)]
        switch value.kind {
        case .null: return .null
        case .bool: return .bool(value.start != 0)
        case .number: return .number(numbers[Int(value.start)])
        case .string: return .string(string(node) ?? "")
        case .array: return .array((Int(value.start) ..< Int(value.start + value.count)).map { json(items[$0]) })
        case .object:
            var object = JSONObject(minimumCapacity: Int(value.count))
            for (name, member) in members(node) { object[name] = json(member) }
            return .object(object)
        }
    }
}
