import Foundation
import Testing
@testable import BriefKit

/// The diagnostics of `data/t.yaml` loaded beside the clean base dataset.
private func check(_ yaml: String) throws -> [String] {
    try TemporaryDataset.diagnostics(of: yaml)
}

/// A record of each kind, complete, to which a test adds or replaces lines.
private enum Record {
    /// Lines 1–6.
    static let event = """
        events:
          - id: e1
            date: 2025-04-11
            type: meeting
            title: T
            sources: [src1]
        """
    /// Lines 1–6.
    static let quote = """
        quotes:
          - id: q2
            speaker: aliyev
            text: Words.
            date: 2025-04-11
            sources: [src1]
        """
    /// Lines 1–7.
    static let commitment = """
        commitments:
          - id: c2
            by: [aze]
            kind: pledge
            text: T
            made: 2025-04-11
            sources: [src1]
        """
    /// Lines 1–6.
    static let update = """
        updates:
          - id: u2
            commitment: c1
            date: 2025-04-20
            status: open
            sources: [src1]
        """
    /// Lines 1–4.
    static let organization = """
        actors:
          - id: o1
            kind: organization
            name: O
        """
    /// Lines 1–5.
    static let person = """
        actors:
          - id: p1
            kind: person
            name: P
            roles:
        """

    /// `record` with the line starting `    field:` replaced by `line`, or `line` added at the end.
    static func with(_ record: String, _ line: String) -> String {
        var lines = record.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let field = line.trimmingCharacters(in: .whitespaces).split(separator: ":").first.map(String.init) ?? ""
        if let index = lines.firstIndex(where: { $0.hasPrefix("    \(field):") }), line.hasPrefix("    "), !line.hasPrefix("     ") {
            lines[index] = line
        } else {
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

@Suite("Validation: references")
struct ReferenceRuleTests {
    @Test("the record templates are clean")
    func templatesAreClean() throws {
        for record in [Record.event, Record.quote, Record.commitment, Record.update, Record.organization + "\n    of: aze"] {
            expectLines(try check(record), [])
        }
    }

    static let dangling: [BadValue] = [
        BadValue(name: "event participants", yaml: Record.with(Record.event, "    participants: [aze, nope]"),
                 expected: ["data/t.yaml:7:25: error: event 'e1': 'participants' names 'nope', which is not in the dataset"]),
        BadValue(name: "event by", yaml: Record.with(Record.event, "    by: [nope]"),
                 expected: ["data/t.yaml:7:10: error: event 'e1': 'by' names 'nope', which is not in the dataset"]),
        BadValue(name: "event to", yaml: Record.with(Record.event, "    to: [nope]"),
                 expected: ["data/t.yaml:7:10: error: event 'e1': 'to' names 'nope', which is not in the dataset"]),
        BadValue(name: "event parties", yaml: Record.with(Record.event, "    parties: [nope]"),
                 expected: ["data/t.yaml:7:15: error: event 'e1': 'parties' names 'nope', which is not in the dataset"]),
        BadValue(name: "event sources", yaml: Record.with(Record.event, "    sources: [src1, nope]"),
                 expected: ["data/t.yaml:6:21: error: event 'e1': 'sources' names 'nope', which is not in the dataset"]),
        BadValue(name: "a citation object's source", yaml: Record.with(Record.event, "    sources:\n      - source: nope\n        locator: p. 3"),
                 expected: ["data/t.yaml:7:17: error: event 'e1': 'sources' names 'nope', which is not in the dataset"]),
        BadValue(name: "retraction sources", yaml: Record.with(Record.event, "    retracted:\n      date: 2025-05\n      sources: [nope]"),
                 expected: ["data/t.yaml:9:17: error: event 'e1': 'retracted.sources' names 'nope', which is not in the dataset"]),
        BadValue(name: "quote speaker", yaml: Record.with(Record.quote, "    speaker: nope"),
                 expected: ["data/t.yaml:3:14: error: quote 'q2': 'speaker' names 'nope', which is not in the dataset"]),
        BadValue(name: "quote about", yaml: Record.with(Record.quote, "    about: [nope]"),
                 expected: ["data/t.yaml:7:13: error: quote 'q2': 'about' names 'nope', which is not in the dataset"]),
        BadValue(name: "quote event", yaml: Record.with(Record.quote, "    event: nope"),
                 expected: ["data/t.yaml:7:12: error: quote 'q2': 'event' names 'nope', which is not in the dataset"]),
        BadValue(name: "quote retraction sources", yaml: Record.with(Record.quote, "    retracted: {date: 2025-05, sources: [nope]}"),
                 expected: ["data/t.yaml:7:42: error: quote 'q2': 'retracted.sources' names 'nope', which is not in the dataset"]),
        BadValue(name: "commitment by", yaml: Record.with(Record.commitment, "    by: [nope]"),
                 expected: ["data/t.yaml:3:10: error: commitment 'c2': 'by' names 'nope', which is not in the dataset"]),
        BadValue(name: "commitment to", yaml: Record.with(Record.commitment, "    to: [nope]"),
                 expected: ["data/t.yaml:8:10: error: commitment 'c2': 'to' names 'nope', which is not in the dataset"]),
        BadValue(name: "commitment event", yaml: Record.with(Record.commitment, "    event: nope"),
                 expected: ["data/t.yaml:8:12: error: commitment 'c2': 'event' names 'nope', which is not in the dataset"]),
        BadValue(name: "commitment sources", yaml: Record.with(Record.commitment, "    sources: [nope]"),
                 expected: ["data/t.yaml:7:15: error: commitment 'c2': 'sources' names 'nope', which is not in the dataset"]),
        BadValue(name: "update commitment", yaml: Record.with(Record.update, "    commitment: nope"),
                 expected: ["data/t.yaml:3:17: error: update 'u2': 'commitment' names 'nope', which is not in the dataset"]),
        BadValue(name: "update evidence", yaml: Record.with(Record.update, "    evidence: nope"),
                 expected: ["data/t.yaml:7:15: error: update 'u2': 'evidence' names 'nope', which is not in the dataset"]),
        BadValue(name: "update sources", yaml: Record.with(Record.update, "    sources: [nope]"),
                 expected: ["data/t.yaml:6:15: error: update 'u2': 'sources' names 'nope', which is not in the dataset"]),
        BadValue(name: "organization of", yaml: Record.with(Record.organization, "    of: nope"),
                 expected: ["data/t.yaml:5:9: error: actor 'o1': 'of' names 'nope', which is not in the dataset"]),
        BadValue(name: "role of", yaml: Record.with(Record.person, "      - title: Minister\n        of: nope"),
                 expected: ["data/t.yaml:7:13: error: actor 'p1': 'roles.of' names 'nope', which is not in the dataset"]),
    ]

    @Test("a dangling reference is an error where it occurs, for every reference field", arguments: dangling)
    func danglingReference(_ bad: BadValue) throws {
        expectLines(try check(bad.yaml), bad.expected)
    }

    @Test("a reference to a record whose own id was malformed is reported once, at the reference")
    func referenceToMalformedID() throws {
        expectLines(try check("""
            sources:
              - id: Src2
                title: T
                published: 2025
            events:
              - id: e1
                date: 2025-04-11
                type: meeting
                title: T
                sources: [src2]
            """), [
            "data/t.yaml:2:9: error: source: 'Src2' is not a valid id: ids use lowercase letters, digits, '.', '_' and '-', and start with a letter or digit",
            "data/t.yaml:10:15: error: event 'e1': 'sources' names 'src2', which is not in the dataset",
        ])
    }

    @Test("a reference to a record that had other errors is not reported again")
    func referenceToBrokenRecord() throws {
        expectLines(try check("""
            sources:
              - id: s2
                published: 2025
            events:
              - id: e1
                date: 2025-04-11
                type: meeting
                title: T
                sources: [s2]
            """), [
            "data/t.yaml:2:5: error: source 's2': missing required field 'title'",
        ])
    }

    /// DATASET.md, Errors: "Every problem found in a dataset is reported, all of them in one
    /// run". A record that failed to decode (here: an impossible date) must still have its
    /// references checked, or the analyst fixes the date only to meet the next error.
    /// A kept record's references are checked from the record itself; those of
    /// a part it did not keep (a role without a title, a retraction without a
    /// date) must be checked all the same, and each reference once.
    @Test("a part a kept record dropped still has its references checked, once")
    func referencesOfADroppedPartAreChecked() throws {
        let lines = try check("""
            actors:
              - id: p1
                kind: person
                name: P
                roles:
                  - of: nope
                  - title: Minister
                    of: nope2
            events:
              - id: e1
                date: 2025-04-11
                type: meeting
                title: T
                sources: [src1, nope3]
                retracted: {note: N, sources: [nope4]}
            """)
        for (id, field) in [("nope", "roles.of"), ("nope2", "roles.of"), ("nope3", "sources"), ("nope4", "retracted.sources")] {
            #expect(lines.filter { $0.contains("'\(field)' names '\(id)', which is not in the dataset") }.count == 1, "\(lines)")
        }
    }

    @Test("a record with an error elsewhere still has its references checked, in the same run")
    func referencesOfAFaultyRecordAreChecked() throws {
        expectLines(try check("""
            events:
              - id: e1
                date: 2025-02-30
                type: meeting
                title: T
                sources: [src1, nope]
            """), [
            "data/t.yaml:3:19: error: event 'e1': 'date': '2025-02-30' is not a valid date: February 2025 has 28 days",
            "data/t.yaml:6:21: error: event 'e1': 'sources' names 'nope', which is not in the dataset",
        ])
    }

    @Test("a malformed id in a reference field is an error at the reference")
    func malformedReference() throws {
        expectLines(try check(Record.with(Record.event, "    participants: [Tur]")), [
            "data/t.yaml:7:20: error: event 'e1': 'participants': 'Tur' is not a valid id: ids use lowercase letters, digits, '.', '_' and '-', and start with a letter or digit",
        ])
    }

    static let wrongKinds: [BadValue] = [
        BadValue(name: "a speaker that is a source", yaml: Record.with(Record.quote, "    speaker: src1"),
                 expected: ["data/t.yaml:3:14: error: quote 'q2': 'speaker' names 'src1', which is a source, not an actor"]),
        BadValue(name: "parties naming a person", yaml: Record.with(Record.event, "    parties: [aliyev]"),
                 expected: ["data/t.yaml:7:15: error: event 'e1': 'parties' names 'aliyev', which is a person, not a state"]),
        BadValue(name: "parties naming an organization", yaml: Record.with(Record.event, "    parties: [mfa-aze]"),
                 expected: ["data/t.yaml:7:15: error: event 'e1': 'parties' names 'mfa-aze', which is an organization, not a state"]),
        BadValue(name: "participants naming an event", yaml: Record.with(Record.event, "    participants: [ev1]"),
                 expected: ["data/t.yaml:7:20: error: event 'e1': 'participants' names 'ev1', which is an event, not an actor"]),
        BadValue(name: "sources naming an actor", yaml: Record.with(Record.event, "    sources: [aze]"),
                 expected: ["data/t.yaml:6:15: error: event 'e1': 'sources' names 'aze', which is an actor, not a source"]),
        BadValue(name: "an update's commitment that is an event", yaml: Record.with(Record.update, "    commitment: ev1"),
                 expected: ["data/t.yaml:3:17: error: update 'u2': 'commitment' names 'ev1', which is an event, not a commitment"]),
        BadValue(name: "evidence that is a quote", yaml: Record.with(Record.update, "    evidence: q1"),
                 expected: ["data/t.yaml:7:15: error: update 'u2': 'evidence' names 'q1', which is a quote, not an event"]),
        BadValue(name: "a quote's event that is a commitment", yaml: Record.with(Record.quote, "    event: c1"),
                 expected: ["data/t.yaml:7:12: error: quote 'q2': 'event' names 'c1', which is a commitment, not an event"]),
        BadValue(name: "a commitment's event that is an update", yaml: Record.with(Record.commitment, "    event: u1"),
                 expected: ["data/t.yaml:8:12: error: commitment 'c2': 'event' names 'u1', which is an update, not an event"]),
        BadValue(name: "an organization's of that is a person", yaml: Record.with(Record.organization, "    of: aliyev"),
                 expected: ["data/t.yaml:5:9: error: actor 'o1': 'of' names 'aliyev', which is a person, not a state or an organization"]),
        BadValue(name: "a role's of that is a person", yaml: Record.with(Record.person, "      - title: Adviser\n        of: aliyev"),
                 expected: ["data/t.yaml:7:13: error: actor 'p1': 'roles.of' names 'aliyev', which is a person, not a state or an organization"]),
        BadValue(name: "about naming a quote", yaml: Record.with(Record.quote, "    about: [q1]"),
                 expected: ["data/t.yaml:7:13: error: quote 'q2': 'about' names 'q1', which is a quote, not an actor"]),
    ]

    @Test("a reference to the wrong kind of record", arguments: wrongKinds)
    func wrongKind(_ bad: BadValue) throws {
        expectLines(try check(bad.yaml), bad.expected)
    }

    @Test("every kind of actor is accepted where any actor is")
    func anyActor() throws {
        expectLines(try check(Record.with(Record.event, "    participants: [aze, aliyev, mfa-aze]\n    by: [trend]\n    to: [tur]")), [])
        expectLines(try check(Record.with(Record.quote, "    speaker: mfa-aze\n    about: [aliyev, tur]\n    event: ev1")), [])
        expectLines(try check(Record.with(Record.commitment, "    to: [aliyev]\n    event: ev1")), [])
    }

    @Test("an organization's 'of' going round in a circle is reported once per circle")
    func ofCycle() throws {
        expectLines(try check("""
            actors:
              - id: o2
                kind: organization
                name: O2
                of: o1
              - id: o1
                kind: organization
                name: O1
                of: o2
              - id: o3
                kind: organization
                name: O3
                of: o3
              - id: o4
                kind: organization
                name: O4
                of: o2
            """), [
            "data/t.yaml:9:9: error: actor 'o1': 'of' goes round in a circle (o1 → o2 → o1)",
            "data/t.yaml:13:9: error: actor 'o3': 'of' goes round in a circle (o3 → o3)",
        ])
    }

    @Test("an organization of an organization of a state is fine")
    func ofChain() throws {
        let loaded = try TemporaryDataset.load([("data/base.yaml", TemporaryDataset.base)])
        #expect(loaded.dataset.actorsByID["trend"]?.of?.id == "mfa-aze")
        #expect(loaded.lines == [])
    }

    // MARK: - Updates and their commitments

    @Test("an update wholly before its commitment was made is an error; one in the same month is not")
    func updateBeforeMade() throws {
        expectLines(try check("""
            updates:
              - id: u2
                commitment: c1
                date: 2025-04-10
                status: open
                sources: [src1]
              - id: u3
                commitment: c1
                date: 2025-04
                status: in-progress
                sources: [src1]
              - id: u4
                commitment: c1
                date: 2025-03
                status: lapsed
                sources: [src1]
              - id: u5
                commitment: c1
                date: ../2025-04-11
                status: unknown
                sources: [src1]
              - id: u6
                commitment: c1
                date: 2025-04-11
                status: open
                sources: [src1]
            """), [
            "data/t.yaml:4:5: error: update 'u2': dated 2025-04-10, wholly before its commitment 'c1' was made (2025-04-11)",
            "data/t.yaml:14:5: error: update 'u4': dated 2025-03, wholly before its commitment 'c1' was made (2025-04-11)",
        ])
    }

    @Test("an update before a commitment made in a month is judged on the month's first day")
    func updateBeforeMonthMade() throws {
        expectLines(try check("""
            commitments:
              - id: c2
                by: [aze]
                kind: offer
                text: T
                made: 2025-05
                sources: [src1]
            updates:
              - id: u2
                commitment: c2
                date: 2025-05-01
                status: open
                sources: [src1]
              - id: u3
                commitment: c2
                date: 2025-04-30
                status: open
                sources: [src1]
            """), [
            "data/t.yaml:16:5: error: update 'u3': dated 2025-04-30, wholly before its commitment 'c2' was made (2025-05)",
        ])
    }
}
