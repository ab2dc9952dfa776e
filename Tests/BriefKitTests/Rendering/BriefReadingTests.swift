import Foundation
import Testing
@testable import BriefKit

/// A brief read back from its snapshot (`Brief(snapshot:)`) is the brief that
/// was written, field for field, and the brief `JSONDecoder` reads from it;
/// a snapshot that is not one fails at its place.
@Suite struct BriefReadingTests {
    /// The briefs of `JSONTreeTests`, which hold every field of the model.
    static var briefs: [Brief] { JSONTreeTests.briefs }

    static func snapshot(of brief: Brief) throws -> Data {
        Data(try JSONTextWriter.text(of: brief).utf8)
    }

    @Test func everySnapshotReadsBackAsItsBrief() throws {
        #expect(Self.briefs.count > 20)
        for brief in Self.briefs {
            let data = try Self.snapshot(of: brief)
            let read = try Brief(snapshot: data)
            #expect(read == brief, "\(brief.brief) on \(brief.asOf)")
            #expect(try JSONDecoder().decode(Brief.self, from: data) == read, "\(brief.brief) on \(brief.asOf)")
        }
    }

    /// The same fields in another order, on one line, with fields the model
    /// does not have (a later version's) and optional fields set to null:
    /// the same brief, as `JSONDecoder` reads it.
    @Test func orderSpacingUnknownFieldsAndNullsDoNotMatter() throws {
        for brief in Self.briefs.prefix(8) {
            var tree = try brief.jsonTree()
            func rewrite(_ value: inout JSONValue, depth: Int) {
                switch value {
                case var .object(fields):
                    for key in fields.keys { rewrite(&fields[key]!, depth: depth + 1) }
                    fields["zz-later-field"] = .array([.object(["nested": .array([.number(1), .string("x"), .null, .bool(true)])])])
                    value = .object(fields)
                case var .array(items):
                    for index in items.indices { rewrite(&items[index], depth: depth + 1) }
                    value = .array(items)
                default:
                    break
                }
            }
            rewrite(&tree, depth: 0)
            if case var .object(fields) = tree {
                // Optionals the brief leaves out, present as null.
                if fields["audience"] == nil { fields["audience"] = .null }
                if fields["note"] == nil { fields["note"] = .null }
                tree = .object(fields)
            }
            let text = Self.reversedCompactText(tree)
            let read = try Brief(snapshot: Data(text.utf8))
            #expect(read == brief, "\(brief.brief) on \(brief.asOf)")
            #expect(try JSONDecoder().decode(Brief.self, from: Data(text.utf8)) == brief)
        }
    }

    /// Keys in reverse byte order, no spaces.
    static func reversedCompactText(_ value: JSONValue) -> String {
        switch value {
        case .null, .bool, .number:
            return value.jsonText
        case let .string(text):
            var out: [UInt8] = []
            JSONText.string(text, into: &out)
            return String(decoding: out, as: UTF8.self)
        case let .array(items):
            return "[" + items.map(reversedCompactText).joined(separator: ",") + "]"
        case let .object(fields):
            let keys = fields.keys.sorted { $1.utf8.lexicographicallyPrecedes($0.utf8) }
            return "{" + keys.map { key in reversedCompactText(.string(key)) + ":" + reversedCompactText(fields[key]!) }.joined(separator: ",") + "}"
        }
    }

    /// A snapshot edited by hand or cut short: each fails where the problem
    /// is, with what is wrong; `JSONDecoder` refuses each as well.
    @Test func aBrokenSnapshotFailsAtItsPlace() throws {
        let brief = try #require(Self.briefs.first { !$0.timeline.isEmpty && !$0.keyQuotes.isEmpty })
        let text = try JSONTextWriter.text(of: brief)
        /// Line and column of the first `needle` in `text`.
        func place(of needle: String, in text: String) throws -> (Int, Int) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let index = try #require(lines.firstIndex { $0.contains(needle) })
            let column = try #require(lines[index].range(of: needle)).lowerBound
            return (index + 1, lines[index].distance(from: lines[index].startIndex, to: column) + 1)
        }
        let window = text.replacingOccurrences(of: "\"window\" : \(brief.window)", with: "\"window\" : \"\(brief.window)\"")
        let scope = text.replacingOccurrences(of: "\"scope\" : \"\(brief.timeline[0].scope.rawValue)\"", with: "\"scope\" : \"galactic\"")
        let cases: [(String, (Int, Int), String)] = [
            (window, try place(of: "\"\(brief.window)\"", in: window), "expected a whole number, found a string"),
            (scope, try place(of: "\"galactic\"", in: scope), "'galactic' is not a scope"),
            (text.replacingOccurrences(of: "  \"bluf\" : ", with: "  \"blurb\" : "), (1, 1), "the field 'bluf' is missing"),
            (String(text.prefix(text.utf8.count / 2)), (0, 0), ""),
        ]
        for (edited, (line, column), message) in cases {
            #expect(edited != text)
            #expect((try? JSONDecoder().decode(Brief.self, from: Data(edited.utf8))) == nil)
            do {
                _ = try Brief(snapshot: Data(edited.utf8))
                Issue.record("read: \(message)")
            } catch {
                if line > 0 {
                    #expect(error.line == line && error.column == column, "\(error)")
                    #expect(error.message == message)
                } else {
                    #expect(error.line > 1 && !error.message.isEmpty, "\(error)")
                }
            }
        }
    }

    @Test func theVersionIsReadOnItsOwn() throws {
        let brief = try #require(Self.briefs.first)
        let text = try JSONTextWriter.text(of: brief)
        let version = try Brief.snapshotVersion(of: Data(text.utf8))
        #expect(version.brief == brief.brief && version.schemaVersion == Brief.currentSchemaVersion)
        // A later model's snapshot: its version is read though its fields are not.
        let later = try Brief.snapshotVersion(of: Data(#"{"brief": "x", "schemaVersion": 2, "recent": {"new": "shape"}}"#.utf8))
        #expect(later.brief == "x" && later.schemaVersion == 2)
        #expect(throws: Brief.ReadFailure.self) { try Brief(snapshot: Data(#"{"brief": "x", "schemaVersion": 2, "recent": {"new": "shape"}}"#.utf8)) }
        let junk = try Brief.snapshotVersion(of: Data(#"{"hello": 1}"#.utf8))
        #expect(junk.brief == nil && junk.schemaVersion == nil)
        #expect(throws: Brief.ReadFailure.self) { try Brief.snapshotVersion(of: Data(#"{"brief": 1}"#.utf8)) }
    }
}
