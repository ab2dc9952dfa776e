import Foundation
import Testing
@testable import BriefKit

/// The diagnostics of `data/t.yaml` loaded beside the clean base dataset.
private func check(_ yaml: String) throws -> [String] {
    try TemporaryDataset.diagnostics(of: yaml)
}

/// File-level rules, record shapes, fields and ids.
@Suite("Validation: files, records, fields and ids")
struct ValidationRuleTests {
    @Test("the base dataset the other tests build on is clean")
    func baseIsClean() throws {
        let loaded = try TemporaryDataset.load([("data/base.yaml", TemporaryDataset.base)])
        #expect(loaded.lines == [])
        #expect(loaded.dataset.actors.map(\.id).sorted() == ["aliyev", "aze", "geo", "mfa-aze", "trend", "tur"])
        #expect(loaded.dataset.sources.map(\.id) == ["src1"])
        #expect(loaded.dataset.events.map(\.id) == ["ev1"])
        #expect(loaded.dataset.quotes.map(\.id) == ["q1"])
        #expect(loaded.dataset.commitments.map(\.id) == ["c1"])
        #expect(loaded.dataset.updates.map(\.id) == ["u1"])
        #expect(loaded.inputs.fileCount == 1)
        #expect(!loaded.inputs.hasErrors)
    }

    // MARK: - Files

    @Test("a YAML syntax error is reported at its place and nothing else in the file is read")
    func yamlSyntaxError() throws {
        let loaded = try TemporaryDataset.load([("data/base.yaml", TemporaryDataset.base), ("data/t.yaml", """
            events:
              - id: e1
                title: x
               date: 2025
            """)])
        #expect(loaded.lines == [
            "data/t.yaml:4:4: error: YAML syntax: did not find expected '-' indicator while parsing a block collection",
        ])
        #expect(loaded.dataset.eventsByID["e1"] == nil)
    }

    @Test("a duplicate key in a record is an error naming both places")
    func duplicateKey() throws {
        expectLines(try check("""
            events:
              - id: e1
                date: 2025-04-11
                type: meeting
                title: One
                sources: [src1]
                title: Two
            """), [
            "data/t.yaml:7:5: error: duplicate key 'title' (first at line 5, column 5)",
        ])
    }

    @Test("a dataset file that is a list or a scalar instead of a map", arguments: [
        ("- id: e1\n- id: e2\n", "a list"),
        ("just some text\n", "a scalar"),
        ("\"quoted\"\n", "a scalar"),
    ])
    func fileIsNotAMap(yaml: String, kind: String) throws {
        expectLines(try check(yaml), [
            "data/t.yaml:1:1: error: a dataset file must be a map with keys such as 'events' or 'quotes', not \(kind)",
        ])
    }

    @Test("an unknown top-level key is an error, with a suggestion where one is close")
    func unknownTopLevelKey() throws {
        let tail = "; a dataset file holds 'actors', 'sources', 'events', 'quotes', 'commitments', 'updates', 'vocabulary' and 'x-' keys"
        expectLines(try check("""
            event:
              - id: e1
            Actors: []
            meta: 1
            """), [
            "data/t.yaml:1:1: error: unknown top-level key 'event' (did you mean 'events'?)\(tail)",
            "data/t.yaml:3:1: error: unknown top-level key 'Actors' (did you mean 'actors'?)\(tail)",
            "data/t.yaml:4:1: error: unknown top-level key 'meta'\(tail)",
        ])
    }

    @Test("a top-level key whose value is not a list of records", arguments: [
        ("events:\n  id: e1\n", "data/t.yaml:2:3: error: 'events' must be a list of records, not a map"),
        ("actors: aze\n", "data/t.yaml:1:9: error: 'actors' must be a list of records, not a scalar"),
        ("vocabulary: \"x\"\n", "data/t.yaml:1:13: error: 'vocabulary' must be a list of records, not a scalar"),
    ])
    func topLevelValueNotAList(yaml: String, expected: String) throws {
        expectLines(try check(yaml), [expected])
    }

    @Test("an empty top-level key, or an empty list, is fine")
    func emptyTopLevelKeys() throws {
        expectLines(try check("events:\nquotes: []\nactors: ~\n"), [])
    }

    @Test("a record that is not a map", arguments: [
        ("events:\n  - e1\n", "data/t.yaml:2:5: error: an event must be a map of fields, not a scalar"),
        ("actors:\n  - [aze]\n", "data/t.yaml:2:5: error: an actor must be a map of fields, not a list"),
        ("sources:\n  - \"s\"\n", "data/t.yaml:2:5: error: a source must be a map of fields, not a scalar"),
        ("quotes:\n  - []\n", "data/t.yaml:2:5: error: a quote must be a map of fields, not a list"),
        ("commitments:\n  - x\n", "data/t.yaml:2:5: error: a commitment must be a map of fields, not a scalar"),
        ("updates:\n  - - u\n", "data/t.yaml:2:5: error: an update must be a map of fields, not a list"),
        ("vocabulary:\n  - summit\n", "data/t.yaml:2:5: error: a vocabulary entry must be a map of fields, not a scalar"),
    ])
    func recordNotAMap(yaml: String, expected: String) throws {
        expectLines(try check(yaml), [expected])
    }

    @Test("a null item in a list of records is reported, not silently dropped")
    func nullRecord() throws {
        expectLines(try check("events:\n  -\n  - ~\n"), [
            "data/t.yaml:2:4: error: an event must be a map of fields, not nothing",
            "data/t.yaml:3:5: error: an event must be a map of fields, not nothing",
        ])
    }

    // MARK: - x- keys and fields

    @Test("'x-' top-level keys and fields are accepted and kept in the model")
    func extensionsAreKept() throws {
        let loaded = try TemporaryDataset.load([("data/base.yaml", TemporaryDataset.base), ("data/t.yaml", """
            x-desk: caucasus
            x-tags: [a, b]
            events:
              - id: e1
                date: 2025-04-11
                type: meeting
                title: A meeting
                sources:
                  - source: src1
                    x-page: 4
                x-analyst: jd
                x-review: {done: true, by: [a], note: ~}
            actors:
              - id: p1
                kind: person
                name: P
                x-born: 1961
                roles:
                  - title: Minister
                    of: aze
                    x-source: decree
            """)])
        #expect(loaded.lines == [])
        let fileExtensions = loaded.dataset.extensions.first { $0.key.hasSuffix("/data/t.yaml") }?.value
        #expect(fileExtensions == [
            ExtensionField(key: "x-desk", value: .text("caucasus")),
            ExtensionField(key: "x-tags", value: .list([.text("a"), .text("b")])),
        ])
        #expect(loaded.dataset.extensions.count == 1)
        let event = try #require(loaded.dataset.eventsByID["e1"])
        #expect(event.extensions == [
            ExtensionField(key: "x-analyst", value: .text("jd")),
            ExtensionField(key: "x-review", value: .map([
                ExtensionField(key: "done", value: .text("true")),
                ExtensionField(key: "by", value: .list([.text("a")])),
                ExtensionField(key: "note", value: .null),
            ])),
        ])
        #expect(loaded.dataset.actorsByID["p1"]?.extensions == [ExtensionField(key: "x-born", value: .text("1961"))])
    }

    // MARK: - Unknown fields

    @Test("an unknown field is an error with a suggestion; a required field it was meant to be is still missing")
    func unknownField() throws {
        expectLines(try check("""
            events:
              - id: e1
                date: 2025-04-11
                type: meeting
                titel: A meeting
                sources: [src1]
                colour: red
            """), [
            "data/t.yaml:2:5: error: event 'e1': missing required field 'title'",
            "data/t.yaml:5:5: error: event 'e1': unknown field 'titel' (did you mean 'title'?)",
            "data/t.yaml:7:5: error: event 'e1': unknown field 'colour'",
        ])
    }

    @Test("unknown fields in roles, citations and retractions name their record")
    func unknownNestedFields() throws {
        expectLines(try check("""
            actors:
              - id: p1
                kind: person
                name: P
                roles:
                  - title: Minister
                    of: aze
                    form: 2020
            events:
              - id: e1
                date: 2025-04-11
                type: meeting
                title: A meeting
                sources:
                  - source: src1
                    page: 4
                retracted:
                  date: 2025-05
                  sources: [src1]
                  notes: denied
            """), [
            "data/t.yaml:8:9: error: actor 'p1': role: unknown field 'form' (did you mean 'from'?)",
            "data/t.yaml:16:9: error: event 'e1': citation: unknown field 'page'",
            "data/t.yaml:20:7: error: event 'e1': retraction: unknown field 'notes' (did you mean 'note'?)",
        ])
    }

    // MARK: - Required fields

    struct Required: Sendable, CustomTestStringConvertible {
        var key: String
        var noun: String
        var id: String
        var fields: [(String, String)]
        var required: [String]
        var testDescription: String { key }
    }

    static let kinds: [Required] = [
        Required(key: "actors", noun: "actor", id: "p1",
                 fields: [("id", "p1"), ("kind", "person"), ("name", "P")],
                 required: ["id", "kind", "name"]),
        Required(key: "sources", noun: "source", id: "s2",
                 fields: [("id", "s2"), ("title", "T"), ("published", "2025-04-12")],
                 required: ["id", "title", "published"]),
        Required(key: "events", noun: "event", id: "e1",
                 fields: [("id", "e1"), ("date", "2025-04-11"), ("type", "meeting"), ("title", "T"), ("sources", "[src1]")],
                 required: ["id", "date", "type", "title", "sources"]),
        Required(key: "quotes", noun: "quote", id: "q2",
                 fields: [("id", "q2"), ("speaker", "aliyev"), ("text", "Words."), ("date", "2025-04-11"), ("sources", "[src1]")],
                 required: ["id", "speaker", "text", "date", "sources"]),
        Required(key: "commitments", noun: "commitment", id: "c2",
                 fields: [("id", "c2"), ("by", "[aze]"), ("kind", "pledge"), ("text", "T"), ("made", "2025-04-11"), ("sources", "[src1]")],
                 required: ["id", "by", "kind", "text", "made", "sources"]),
        Required(key: "updates", noun: "update", id: "u2",
                 fields: [("id", "u2"), ("commitment", "c1"), ("date", "2025-04-20"), ("status", "lapsed"), ("sources", "[src1]")],
                 required: ["id", "commitment", "date", "status", "sources"]),
        Required(key: "vocabulary", noun: "vocabulary entry", id: "summit",
                 fields: [("type", "summit"), ("label", "Summit"), ("weight", "3.5")],
                 required: ["type", "label", "weight"]),
    ]

    static let requiredCases: [(Required, String)] = kinds.flatMap { kind in kind.required.map { (kind, $0) } }

    static func yaml(_ kind: Required, without omitted: String? = nil, replacing replaced: String? = nil, by text: String = "") -> String {
        var lines = ["\(kind.key):"]
        for (field, value) in kind.fields where field != omitted {
            let lead = lines.count == 1 ? "  - " : "    "
            lines.append(lead + field + ": " + (field == replaced ? text : value))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "event 'e1'", or "event" when the field left out is the one that names the record.
    static func subject(_ kind: Required, without field: String) -> String {
        let naming = kind.noun == "vocabulary entry" ? "type" : "id"
        return field == naming ? kind.noun : "\(kind.noun) '\(kind.id)'"
    }

    @Test("each complete record of each kind is clean", arguments: kinds)
    func completeRecord(_ kind: Required) throws {
        let loaded = try TemporaryDataset.load([("data/base.yaml", TemporaryDataset.base), ("data/t.yaml", Self.yaml(kind))])
        // A source nobody cites draws a warning, nothing else does.
        #expect(loaded.lines == (kind.noun == "source" ? ["data/t.yaml:2:5: warning: source 's2' is never cited"] : []))
    }

    @Test("each required field missing, for each record kind", arguments: requiredCases)
    func missingRequiredField(_ kind: Required, field: String) throws {
        let subject = Self.subject(kind, without: field)
        expectLines(try check(Self.yaml(kind, without: field)), [
            "data/t.yaml:2:5: error: \(subject): missing required field '\(field)'",
        ])
    }

    @Test("a required field written but left empty counts as missing", arguments: requiredCases)
    func nullRequiredField(_ kind: Required, field: String) throws {
        let subject = Self.subject(kind, without: field)
        expectLines(try check(Self.yaml(kind, replacing: field, by: "~")), [
            "data/t.yaml:2:5: error: \(subject): missing required field '\(field)'",
        ])
    }

    @Test("required fields of roles, citation objects and retractions")
    func requiredNestedFields() throws {
        expectLines(try check("""
            actors:
              - id: p1
                kind: person
                name: P
                roles:
                  - title: Minister
                  - of: aze
            events:
              - id: e1
                date: 2025-04-11
                type: meeting
                title: A meeting
                sources:
                  - locator: p. 4
                  - src1
                retracted:
                  note: denied
            """), [
            "data/t.yaml:6:9: error: actor 'p1': role: missing required field 'of'",
            "data/t.yaml:7:9: error: actor 'p1': role: missing required field 'title'",
            "data/t.yaml:14:9: error: event 'e1': citation: missing required field 'source'",
            "data/t.yaml:17:7: error: event 'e1': retraction: missing required field 'date'",
            "data/t.yaml:17:7: error: event 'e1': retraction: missing required field 'sources'",
        ])
    }

    @Test("empty required text is an error at the value", arguments: ["\"\"", "''", "\"   \"", "|\n      \n"])
    func emptyRequiredText(_ empty: String) throws {
        expectLines(try check("""
            events:
              - id: e1
                date: 2025-04-11
                type: meeting
                sources: [src1]
                title: \(empty)
            """), [
            "data/t.yaml:6:12: error: event 'e1': 'title' must not be empty",
        ])
    }

    @Test("an empty required list is an error at the value")
    func emptyRequiredList() throws {
        expectLines(try check("""
            commitments:
              - id: c2
                by: []
                kind: pledge
                text: T
                made: 2025-04-11
                sources: []
            """), [
            "data/t.yaml:3:9: error: commitment 'c2': 'by' must name at least one item",
            "data/t.yaml:7:14: error: commitment 'c2': 'sources' must name at least one item",
        ])
    }

    // MARK: - Shapes

    @Test("wrong shapes: a list where text belongs, a map where a list belongs, text where a list belongs")
    func wrongShapes() throws {
        expectLines(try check("""
            events:
              - id: e1
                date: 2025-04-11
                type: meeting
                title: [a, b]
                sources: src1
                participants: {aze: tur}
                topics: [energy, [nested]]
                summary: {a: 1}
            """), [
            "data/t.yaml:5:12: error: event 'e1': 'title' must be text, not a list",
            "data/t.yaml:6:14: error: event 'e1': 'sources' must be a list, not a scalar",
            "data/t.yaml:7:19: error: event 'e1': 'participants' must be a list, not a map",
            "data/t.yaml:8:22: error: event 'e1': each item of 'topics' must be text, not a list",
            "data/t.yaml:9:14: error: event 'e1': 'summary' must be text, not a map",
        ])
    }

    @Test("a reference item that is not an id, and an id that is not text")
    func referenceShapes() throws {
        expectLines(try check("""
            quotes:
              - id: q2
                speaker: [aliyev]
                text: Words.
                date: 2025-04-11
                sources: [src1]
                about: [tur, {x: 1}]
            events:
              - id: [e1]
                date: 2025-04-11
                type: meeting
                title: T
                sources: [src1]
            """), [
            "data/t.yaml:3:14: error: quote 'q2': 'speaker' must name an id, not a list",
            "data/t.yaml:7:18: error: quote 'q2': 'about' must name an id, not a map",
            "data/t.yaml:9:9: error: event: 'id' must be text, not a list",
        ])
    }

    // MARK: - Ids

    @Test("malformed ids are errors at the id", arguments: [
        ("E1", "'E1' is not a valid id: ids use lowercase letters, digits, '.', '_' and '-', and start with a letter or digit"),
        ("-e1", "'-e1' is not a valid id: ids use lowercase letters, digits, '.', '_' and '-', and start with a letter or digit"),
        ("e 1", "'e 1' is not a valid id: ids use lowercase letters, digits, '.', '_' and '-', and start with a letter or digit"),
        ("\"\"", "an id cannot be empty"),
        ("ünter", "'ünter' is not a valid id: ids use lowercase letters, digits, '.', '_' and '-', and start with a letter or digit"),
        (String(repeating: "a", count: 129),
         "'\(String(repeating: "a", count: 40))…' is not a valid id: ids are at most 128 characters"),
    ])
    func malformedID(id: String, problem: String) throws {
        expectLines(try check("""
            events:
              - id: \(id)
                date: 2025-04-11
                type: meeting
                title: T
                sources: [src1]
            """), ["data/t.yaml:2:9: error: event: \(problem)"])
    }

    @Test("well-formed ids at the edges of the grammar are accepted", arguments: [
        String(repeating: "a", count: 128), "0", "a.b_c-d", "2025-04-11-antalya", "9-",
    ])
    func wellFormedID(id: String) throws {
        let loaded = try TemporaryDataset.load([("data/base.yaml", TemporaryDataset.base), ("data/t.yaml", """
            events:
              - id: \(id)
                date: 2025-04-11
                type: meeting
                title: T
                sources: [src1]
            """)])
        #expect(loaded.lines == [])
        #expect(loaded.dataset.eventsByID[id] != nil)
    }

    @Test("a duplicate id across two kinds in two files names both places")
    func duplicateIDAcrossKindsAndFiles() throws {
        expectLines(try TemporaryDataset.diagnostics([
            ("data/base.yaml", TemporaryDataset.base),
            ("data/a.yaml", """
                sources:
                  - id: x
                    title: A source
                    published: 2025-04-12
                """),
            ("data/b.yaml", """
                events:
                  - id: x
                    date: 2025-04-11
                    type: meeting
                    title: T
                    sources: [x]
                """),
        ]), [
            "data/b.yaml:2:9: error: duplicate id 'x': an event here and a source at data/a.yaml:2:9",
        ])
    }

    @Test("a duplicate id in one file, and an id used by three records")
    func duplicateIDInOneFile() throws {
        expectLines(try check("""
            actors:
              - id: tur
                kind: state
                name: Turkey
              - id: p1
                kind: person
                name: P
              - id: p1
                kind: person
                name: P again
            """), [
            "data/t.yaml:2:9: error: duplicate id 'tur': an actor here and an actor at data/base.yaml:6:9",
            "data/t.yaml:8:9: error: duplicate id 'p1': an actor here and an actor at data/t.yaml:5:9",
        ])
    }

    @Test("a vocabulary type is not an id: it may equal a record's id")
    func vocabularyTypeIsNotARecordID() throws {
        expectLines(try check("""
            vocabulary:
              - type: ev1
                label: Same as an event id
                weight: 0
            """), [])
    }
}
