import Foundation
import Testing
@testable import BriefKit

/// The diagnostics of `data/t.yaml` loaded beside the clean base dataset.
private func check(_ yaml: String) throws -> [String] {
    try TemporaryDataset.diagnostics(of: yaml)
}

/// One bad value in one small file, and the exact diagnostics it must give.
struct BadValue: Sendable, CustomTestStringConvertible {
    var name: String
    var yaml: String
    var expected: [String]
    var testDescription: String { name }
}

/// Rules on single values: enumerations, dates, addresses, codes, flags, tags.
@Suite("Validation: values")
struct ValueRuleTests {
    // MARK: - Enumerations

    static let enumerations: [BadValue] = [
        BadValue(name: "actor kind", yaml: """
            actors:
              - id: x1
                kind: country
                name: X
            """, expected: ["data/t.yaml:3:11: error: actor 'x1': 'kind' must be 'state', 'person' or 'organization', not 'country'"]),
        BadValue(name: "actor kind, capitalised", yaml: """
            actors:
              - id: x1
                kind: State
                name: X
            """, expected: ["data/t.yaml:3:11: error: actor 'x1': 'kind' must be 'state', 'person' or 'organization', not 'State'"]),
        BadValue(name: "organization level", yaml: """
            actors:
              - id: x1
                kind: organization
                name: X
                of: aze
                level: boss
            """, expected: ["data/t.yaml:6:12: error: actor 'x1': 'level' must be 'head', 'minister', 'official' or 'other', not 'boss'"]),
        BadValue(name: "role level", yaml: """
            actors:
              - id: x1
                kind: person
                name: X
                roles:
                  - title: Envoy
                    of: aze
                    level: senior
            """, expected: ["data/t.yaml:8:16: error: actor 'x1': role: 'level' must be 'head', 'minister', 'official' or 'other', not 'senior'"]),
        BadValue(name: "source kind", yaml: """
            sources:
              - id: s2
                title: T
                published: 2025
                kind: blog
            """, expected: [
                "data/t.yaml:2:5: warning: source 's2' is never cited",
                "data/t.yaml:5:11: error: source 's2': 'kind' must be 'article', 'statement', 'press-briefing', 'speech', 'transcript', 'report' or 'other', not 'blog'",
            ]),
        BadValue(name: "reliability", yaml: """
            sources:
              - id: s2
                title: T
                published: 2025
                reliability: G
            """, expected: [
                "data/t.yaml:2:5: warning: source 's2' is never cited",
                "data/t.yaml:5:18: error: source 's2': 'reliability' must be 'A', 'B', 'C', 'D', 'E' or 'F', not 'G'",
            ]),
        BadValue(name: "reliability in lower case", yaml: """
            sources:
              - id: s2
                title: T
                published: 2025
                reliability: b
            """, expected: [
                "data/t.yaml:2:5: warning: source 's2' is never cited",
                "data/t.yaml:5:18: error: source 's2': 'reliability' must be 'A', 'B', 'C', 'D', 'E' or 'F', not 'b'",
            ]),
        BadValue(name: "credibility 0, 7 and B", yaml: """
            sources:
              - id: s2
                title: T
                published: 2025
                credibility: 0
              - id: s3
                title: T
                published: 2025
                credibility: 7
            events:
              - id: e1
                date: 2025-04-11
                type: meeting
                title: T
                sources:
                  - source: src1
                    credibility: B
            """, expected: [
                "data/t.yaml:2:5: warning: source 's2' is never cited",
                "data/t.yaml:5:18: error: source 's2': 'credibility' must be '1', '2', '3', '4', '5' or '6', not '0'",
                "data/t.yaml:6:5: warning: source 's3' is never cited",
                "data/t.yaml:9:18: error: source 's3': 'credibility' must be '1', '2', '3', '4', '5' or '6', not '7'",
                "data/t.yaml:17:22: error: event 'e1': citation: 'credibility' must be '1', '2', '3', '4', '5' or '6', not 'B'",
            ]),
        BadValue(name: "quote form and priority", yaml: """
            quotes:
              - id: q2
                speaker: aliyev
                text: Words.
                date: 2025-04-11
                sources: [src1]
                form: verbatim
                priority: high
            """, expected: [
                "data/t.yaml:7:11: error: quote 'q2': 'form' must be 'direct' or 'indirect', not 'verbatim'",
                "data/t.yaml:8:15: error: quote 'q2': 'priority' must be 'key' or 'normal', not 'high'",
            ]),
        BadValue(name: "commitment kind", yaml: """
            commitments:
              - id: c2
                by: [aze]
                kind: promise
                text: T
                made: 2025-04-11
                sources: [src1]
            """, expected: [
                "data/t.yaml:4:11: error: commitment 'c2': 'kind' must be 'agreement', 'pledge', 'offer' or 'invitation', not 'promise'",
            ]),
        BadValue(name: "update status", yaml: """
            updates:
              - id: u2
                commitment: c1
                date: 2025-04-20
                status: done
                sources: [src1]
            """, expected: [
                "data/t.yaml:5:13: error: update 'u2': 'status' must be 'open', 'in-progress', 'partially-fulfilled', 'fulfilled', 'lapsed', 'withdrawn', 'superseded' or 'unknown', not 'done'",
            ]),
        BadValue(name: "an enumeration given a list", yaml: """
            updates:
              - id: u2
                commitment: c1
                date: 2025-04-20
                status: [open]
                sources: [src1]
            """, expected: [
                "data/t.yaml:5:13: error: update 'u2': 'status' must be one of 'open', 'in-progress', 'partially-fulfilled', 'fulfilled', 'lapsed', 'withdrawn', 'superseded' or 'unknown', not a list",
            ]),
    ]

    @Test("every enumeration rejects a value outside it", arguments: enumerations)
    func enumeration(_ bad: BadValue) throws {
        expectLines(try check(bad.yaml), bad.expected)
    }

    @Test("every value of every enumeration is accepted, typed as the contract types it")
    func enumerationValuesAccepted() throws {
        let loaded = try TemporaryDataset.load([("data/base.yaml", TemporaryDataset.base), ("data/t.yaml", """
            sources:
              - id: s2
                title: T
                published: 1992
                kind: press-briefing
                reliability: F
                credibility: 3
            quotes:
              - id: q2
                speaker: mfa-aze
                text: Words.
                date: 2025-04-11
                sources: [s2]
                form: indirect
                priority: key
                language: no
                translated: true
            """)])
        #expect(loaded.lines == [])
        let source = try #require(loaded.dataset.sourcesByID["s2"])
        #expect(source.kind == .pressBriefing)
        #expect(source.reliability == .f)
        #expect(source.credibility == .three)
        #expect(source.published.text == "1992")
        let quote = try #require(loaded.dataset.quotesByID["q2"])
        #expect(quote.form == .indirect)
        #expect(quote.priority == .key)
        #expect(quote.language == "no")
        #expect(quote.translated)
    }

    // MARK: - Dates

    static let dates: [BadValue] = [
        BadValue(name: "impossible day, unquoted", yaml: """
            events:
              - id: e1
                date: 2025-02-30
                type: meeting
                title: T
                sources: [src1]
            """, expected: ["data/t.yaml:3:19: error: event 'e1': 'date': '2025-02-30' is not a valid date: February 2025 has 28 days"]),
        BadValue(name: "impossible day, double-quoted", yaml: """
            events:
              - id: e1
                date: "2025-02-30"
                type: meeting
                title: T
                sources: [src1]
            """, expected: ["data/t.yaml:3:20: error: event 'e1': 'date': '2025-02-30' is not a valid date: February 2025 has 28 days"]),
        BadValue(name: "impossible day, single-quoted", yaml: """
            quotes:
              - id: q2
                speaker: aliyev
                text: Words.
                date: '2024-13-01'
                sources: [src1]
            """, expected: ["data/t.yaml:5:17: error: quote 'q2': 'date': '2024-13-01': there is no month 13; expected 01–12"]),
        BadValue(name: "interval ending before it starts", yaml: """
            events:
              - id: e1
                date: 2025-04-10/2025-04-01
                type: meeting
                title: T
                sources: [src1]
            """, expected: ["data/t.yaml:3:22: error: event 'e1': 'date': '2025-04-10/2025-04-01': interval ends before it starts (1 April 2025 is before 10 April 2025)"]),
        BadValue(name: "garbage", yaml: """
            sources:
              - id: s2
                title: T
                published: April 2025
            """, expected: ["data/t.yaml:4:16: error: source 's2': 'published': 'April 2025' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"]),
        // A word that happens to start with 'y' is no EDTF long year ('Y12345'): saying
        // "only years 0000–9999 are supported" about it would mislead.
        BadValue(name: "garbage starting with y", yaml: """
            sources:
              - id: s2
                title: T
                published: yesterday
            """, expected: ["data/t.yaml:4:16: error: source 's2': 'published': 'yesterday' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"]),
        BadValue(name: "a timestamp", yaml: """
            commitments:
              - id: c2
                by: [aze]
                kind: pledge
                text: T
                made: 2025-04-11T10:00:00Z
                sources: [src1]
            """, expected: ["data/t.yaml:6:21: error: commitment 'c2': 'made': '2025-04-11T10:00:00Z': times are not part of the date grammar; write the day alone, as in '2025-04-11'"]),
        BadValue(name: "a list where a date belongs", yaml: """
            updates:
              - id: u2
                commitment: c1
                date: [2025]
                status: open
                sources: [src1]
            """, expected: ["data/t.yaml:4:11: error: update 'u2': 'date' must be a date, not a list"]),
        BadValue(name: "due, recorded, role dates and retraction date", yaml: """
            actors:
              - id: p1
                kind: person
                name: P
                roles:
                  - title: Minister
                    of: aze
                    from: 2020-1
            commitments:
              - id: c2
                by: [aze]
                kind: pledge
                text: T
                made: 2025-04-11
                due: 2025-06-31
                recorded: "2025/04"
                sources: [src1]
                retracted:
                  date: soon
                  sources: [src1]
            """, expected: [
                "data/t.yaml:8:20: error: actor 'p1': role: 'from': '2020-1': a month has two digits, as in '2020-01'",
                "data/t.yaml:15:18: error: commitment 'c2': 'due': '2025-06-31' is not a valid date: June 2025 has 30 days",
                "data/t.yaml:16:21: error: commitment 'c2': 'recorded': '04': expected a four-digit year YYYY (write the year in full, as in '2025')",
                "data/t.yaml:19:13: error: commitment 'c2': retraction: 'date': 'soon' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD",
            ]),
    ]

    @Test("bad dates are errors pointing into the value", arguments: dates)
    func badDate(_ bad: BadValue) throws {
        expectLines(try check(bad.yaml), bad.expected)
    }

    @Test("dates load as dates whether quoted or not, never as numbers or timestamps")
    func datesAsTyped() throws {
        let loaded = try TemporaryDataset.load([("data/base.yaml", TemporaryDataset.base), ("data/t.yaml", """
            events:
              - id: e1
                date: 1992
                type: meeting
                title: T
                sources: [src1]
              - id: e2
                date: "2008-05"
                type: meeting
                title: T
                sources: [src1]
              - id: e3
                date: ../2025-04-11
                type: meeting
                title: T
                sources: [src1]
              - id: e4
                date: 2010?/2012-07~
                type: meeting
                title: T
                sources: [src1]
            """)])
        #expect(loaded.lines == [])
        #expect(loaded.dataset.eventsByID["e1"]?.date.text == "1992")
        #expect(loaded.dataset.eventsByID["e2"]?.date.text == "2008-05")
        #expect(loaded.dataset.eventsByID["e3"]?.date.text == "../2025-04-11")
        #expect(loaded.dataset.eventsByID["e4"]?.date.text == "2010?/2012-07~")
    }

    @Test("a role whose 'to' is before its 'from' is an error at 'to'")
    func roleEndsBeforeItStarts() throws {
        expectLines(try check("""
            actors:
              - id: p1
                kind: person
                name: P
                roles:
                  - title: Minister
                    of: aze
                    from: 2021
                    to: 2020-05
                  - title: Envoy
                    of: tur
                    from: 2021-05
                    to: 2021
            """), [
            "data/t.yaml:9:13: error: actor 'p1': role: the role ends (2020-05) before it starts (2021)",
        ])
    }

    // MARK: - Addresses, codes, flags and tags

    @Test("a url must be an http or https address", arguments: [
        ("ftp://example.com/a", "ftp://example.com/a"),
        ("example.com", "example.com"),
        ("\"https://example.com/a b\"", "https://example.com/a b"),
        ("https://", "https://"),
        ("mailto:desk@example.com", "mailto:desk@example.com"),
    ])
    func badURL(yaml: String, shown: String) throws {
        expectLines(try check("""
            sources:
              - id: s2
                title: T
                published: 2025
                url: \(yaml)
            """), [
            "data/t.yaml:2:5: warning: source 's2' is never cited",
            "data/t.yaml:5:10: error: source 's2': 'url' must be an http or https address, not '\(shown)'",
        ])
    }

    @Test("http and https addresses are accepted", arguments: ["https://example.com/a?b=c", "http://example.org", "HTTPS://EXAMPLE.COM"])
    func goodURL(_ url: String) throws {
        expectLines(try check("""
            sources:
              - id: s2
                title: T
                published: 2025
                url: \(url)
            events:
              - id: e1
                date: 2025
                type: meeting
                title: T
                sources: [s2]
            """), [])
    }

    @Test("a state code must be three capital letters", arguments: ["aze", "AZ", "AZER", "A1Z", "ÄZE"])
    func badCode(_ code: String) throws {
        expectLines(try check("""
            actors:
              - id: x1
                kind: state
                name: X
                code: \(code)
            """), [
            "data/t.yaml:5:11: error: actor 'x1': 'code' must be three capital letters (ISO 3166-1 alpha-3, or a user-assigned X.. code), not '\(code)'",
        ])
    }

    @Test("user-assigned codes are accepted and not checked against the ISO list", arguments: ["XKX", "XXA", "QQQ"])
    func userAssignedCode(_ code: String) throws {
        expectLines(try check("actors:\n  - id: x1\n    kind: state\n    name: X\n    code: \(code)\n"), [])
    }

    @Test("fields on the wrong kind of actor")
    func misplacedActorFields() throws {
        expectLines(try check("""
            actors:
              - id: p1
                kind: person
                name: P
                code: AZE
                of: aze
                level: head
              - id: s1
                kind: state
                name: S
                roles:
                  - title: Member
                    of: aze
              - id: o1
                kind: organization
                name: O
                of: aze
                code: ORG
                roles: []
            """), [
            "data/t.yaml:5:11: error: actor 'p1': 'code' is for states, and this actor is a person",
            "data/t.yaml:6:9: error: actor 'p1': 'of' is for organizations; a person belongs to a state through 'roles', and this actor is a person",
            "data/t.yaml:7:12: error: actor 'p1': 'level' is for organizations and states; a person's rank comes from the 'level' of each role",
            "data/t.yaml:12:7: error: actor 's1': 'roles' is for persons, and this actor is a state",
            "data/t.yaml:18:11: error: actor 'o1': 'code' is for states, and this actor is an organization",
            "data/t.yaml:19:12: error: actor 'o1': 'roles' is for persons, and this actor is an organization",
        ])
    }

    /// `of` on a state has nothing to do with persons: the message must not talk about them.
    @Test("'of' on a state is an error whose message fits a state")
    func ofOnAState() throws {
        expectLines(try check("""
            actors:
              - id: s1
                kind: state
                name: S
                of: aze
            """), [
            "data/t.yaml:5:9: error: actor 's1': 'of' is for organizations, and this actor is a state",
        ])
    }

    @Test("a yes/no field takes true or false and nothing else", arguments: ["yes", "no", "True", "1", "on", "\"true\""])
    func badBool(_ value: String) throws {
        let shown = value == "\"true\"" ? "true" : value
        let expected = value == "\"true\"" ? [String]() : [
            "data/t.yaml:7:17: error: quote 'q2': 'translated' must be true or false, not '\(shown)'",
        ]
        expectLines(try check("""
            quotes:
              - id: q2
                speaker: aliyev
                text: Words.
                date: 2025-04-11
                sources: [src1]
                translated: \(value)
            """), expected)
    }

    @Test("a yes/no field given a list")
    func boolGivenAList() throws {
        expectLines(try check("""
            vocabulary:
              - type: summit
                label: Summit
                weight: 3
                milestone: [true]
            """), [
            "data/t.yaml:5:16: error: vocabulary entry 'summit': 'milestone' must be true or false, not a list",
        ])
    }

    @Test("a language must be a BCP 47 tag", arguments: ["english!", "e", "123", "en_GB", "en--GB", "abcd", "en-toolongsubtag"])
    func badLanguage(_ tag: String) throws {
        expectLines(try check("""
            quotes:
              - id: q2
                speaker: aliyev
                text: Words.
                date: 2025-04-11
                sources: [src1]
                language: \(tag)
            """), [
            "data/t.yaml:7:15: error: quote 'q2': 'language' must be a BCP 47 language tag such as 'en', 'ar' or 'az-Latn', not '\(tag)'",
        ])
    }

    /// Two or three ASCII letters are taken as a tag at once: what the whole
    /// grammar says of every such text, and of its neighbours.
    @Test func theShortLanguageTagsAreWhatTheGrammarAccepts() {
        let letters = ["a", "z", "A", "Z", "é", "1", "-", "_", "x", "ı", "İ", "ß", "@", "[", "`", "{"]
        var samples: [String] = []
        for a in letters {
            samples.append(a)
            for b in letters {
                samples.append(a + b)
                for c in letters { samples.append(a + b + c) }
            }
        }
        for sample in samples {
            #expect(DatasetFile.isLanguageTag(sample) == DatasetFile.isLanguageTagInFull(sample), "\(sample.debugDescription)")
        }
        #expect(DatasetFile.isLanguageTag("az") && DatasetFile.isLanguageTag("TLH") && !DatasetFile.isLanguageTag("a1"))
    }

    @Test("well-formed language tags are accepted", arguments: ["en", "az-Latn", "no", "zh-Hant-TW", "x-klingon", "es-419", "tlh"])
    func goodLanguage(_ tag: String) throws {
        let loaded = try TemporaryDataset.load([("data/base.yaml", TemporaryDataset.base), ("data/t.yaml", """
            quotes:
              - id: q2
                speaker: aliyev
                text: Words.
                date: 2025-04-11
                sources: [src1]
                language: \(tag)
            """)])
        #expect(loaded.lines == [])
        #expect(loaded.dataset.quotesByID["q2"]?.language == tag)
    }

    @Test("text keeps its line breaks; a block scalar loses only its final break")
    func textAsTyped() throws {
        let loaded = try TemporaryDataset.load([("data/base.yaml", TemporaryDataset.base), ("data/t.yaml", """
            quotes:
              - id: q2
                speaker: aliyev
                text: |
                  First line,
                  second line.
                date: 2025-04-11
                sources: [src1]
            """)])
        #expect(loaded.lines == [])
        #expect(loaded.dataset.quotesByID["q2"]?.text == "First line,\nsecond line.")
    }
}
