import Foundation
import Testing
@testable import BriefKit

/// The diagnostics of `data/t.yaml` loaded beside the clean base dataset.
private func check(_ yaml: String) throws -> [String] {
    try TemporaryDataset.diagnostics(of: yaml)
}

@Suite("Validation: vocabulary and warnings")
struct VocabularyAndWarningTests {
    // MARK: - Vocabulary

    @Test("the shipped vocabulary loads cleanly and covers the types DATASET.md lists")
    func shippedVocabulary() throws {
        let loaded = try TemporaryDataset.load([])
        #expect(loaded.lines == [])
        let types = Set(loaded.dataset.vocabulary.map(\.type))
        for required in ["relations-established", "relations-severed", "embassy-opened", "embassy-closed", "embassy-reopened",
                         "meeting", "visit", "state-visit", "phone-call", "statement", "speech", "agreement-signed",
                         "invitation", "aid", "criticism", "sanction", "protest", "military-incident", "forum"] {
            #expect(types.contains(required), "\(required)")
        }
        #expect(loaded.dataset.vocabulary.filter { !$0.shipped }.isEmpty)
        #expect(loaded.dataset.vocabularyByType["state-visit"]?.milestone == true)
        #expect(loaded.dataset.vocabularyByType["meeting"]?.milestone == false)
    }

    @Test("a dataset may add types, kept as typed: cameo as text, milestone as a flag")
    func addedTypes() throws {
        let loaded = try TemporaryDataset.load([("data/base.yaml", TemporaryDataset.base), ("data/t.yaml", """
            vocabulary:
              - type: summit
                label: Summit
                weight: 3.5
                cameo: 044
                milestone: true
              - type: spat
                label: Spat
                weight: -10
                cameo: "1121"
            events:
              - id: e1
                date: 2025-04-11
                type: summit
                title: T
                sources: [src1]
            """)])
        #expect(loaded.lines == [])
        let summit = try #require(loaded.dataset.vocabularyByType["summit"])
        #expect(summit.cameo == "044")
        #expect(summit.weight == 3.5)
        #expect(summit.milestone)
        #expect(!summit.shipped)
        let spat = try #require(loaded.dataset.vocabularyByType["spat"])
        #expect(spat.weight == -10)
        #expect(spat.cameo == "1121")
        #expect(!spat.milestone)
    }

    @Test("redefining a shipped type is an error")
    func redefineShippedType() throws {
        expectLines(try check("""
            vocabulary:
              - type: meeting
                label: Meeting again
                weight: 1
            """), [
            "data/t.yaml:2:5: error: vocabulary entry 'meeting': redefines a type the program ships; give your entry another name",
        ])
    }

    @Test("the same new type twice is an error naming the first place, across files too")
    func typeTwice() throws {
        expectLines(try TemporaryDataset.diagnostics([
            ("data/base.yaml", TemporaryDataset.base),
            ("data/a.yaml", """
                vocabulary:
                  - type: summit
                    label: Summit
                    weight: 3
                  - type: summit
                    label: Summit again
                    weight: 3
                """),
            ("data/b.yaml", """
                vocabulary:
                  - type: summit
                    label: Summit, third time
                    weight: 3
                """),
        ]), [
            "data/a.yaml:5:5: error: vocabulary entry 'summit': type defined twice (first at data/a.yaml:2:5)",
            "data/b.yaml:2:5: error: vocabulary entry 'summit': type defined twice (first at data/a.yaml:2:5)",
        ])
    }

    @Test("a weight outside -10…10 or not a number is an error naming the entry", arguments: [
        ("11", "'11'"), ("-10.5", "'-10.5'"), ("high", "'high'"), ("1e1", "'1e1'"), ("\"\"", "''"), ("[1]", "a list"),
    ])
    func badWeight(yaml: String, shown: String) throws {
        expectLines(try check("""
            vocabulary:
              - type: summit
                label: Summit
                weight: \(yaml)
            """), [
            "data/t.yaml:4:13: error: vocabulary entry 'summit': 'weight' must be a number from -10 to 10, not \(shown)",
        ])
    }

    @Test("weights at the edges and in decimal notation are accepted", arguments: [
        ("10", 10.0), ("-10", -10.0), ("+2.5", 2.5), ("0", 0.0), ("\"-7.0\"", -7.0),
    ])
    func goodWeight(yaml: String, weight: Double) throws {
        let loaded = try TemporaryDataset.load([("data/base.yaml", TemporaryDataset.base), ("data/t.yaml", """
            vocabulary:
              - type: summit
                label: Summit
                weight: \(yaml)
            """)])
        #expect(loaded.lines == [])
        #expect(loaded.dataset.vocabularyByType["summit"]?.weight == weight)
    }

    @Test("a CAMEO code must be 2 to 4 digits", arguments: ["4a", "12345", "1", "0x10"])
    func badCameo(_ cameo: String) throws {
        expectLines(try check("""
            vocabulary:
              - type: summit
                label: Summit
                weight: 3
                cameo: \(cameo)
            """), [
            "data/t.yaml:5:12: error: vocabulary entry 'summit': 'cameo' must be a CAMEO code of 2 to 4 digits, written as text (\"044\"), not '\(cameo)'",
        ])
    }

    @Test("a vocabulary type must follow the id grammar")
    func badType() throws {
        expectLines(try check("""
            vocabulary:
              - type: Summit Talks
                label: Summit
                weight: 3
            """), [
            "data/t.yaml:2:11: error: vocabulary entry: 'type': 'Summit Talks' is not a valid id: ids use lowercase letters, digits, '.', '_' and '-', and start with a letter or digit",
        ])
    }

    @Test("an event's type that is not a valid id is an error, not a warning")
    func badEventType() throws {
        expectLines(try check("""
            events:
              - id: e1
                date: 2025-04-11
                type: Meeting
                title: T
                sources: [src1]
            """), [
            "data/t.yaml:4:11: error: event 'e1': 'type': 'Meeting' is not a valid id: ids use lowercase letters, digits, '.', '_' and '-', and start with a letter or digit",
        ])
    }

    // MARK: - Warnings

    @Test("an event type not in the vocabulary is a warning")
    func unknownEventType() throws {
        let loaded = try TemporaryDataset.load([("data/base.yaml", TemporaryDataset.base), ("data/t.yaml", """
            events:
              - id: e1
                date: 2025-04-11
                type: summitry
                title: T
                sources: [src1]
            """)])
        #expect(loaded.lines == [
            "data/t.yaml:4:5: warning: event 'e1': type 'summitry' is not in the vocabulary; it counts 0 in the trend and is never a milestone",
        ])
        #expect(!loaded.inputs.hasErrors)
        #expect(loaded.dataset.eventsByID["e1"] != nil)
    }

    @Test("a source never cited is a warning; one cited only by a retraction or a citation object is cited")
    func uncitedSource() throws {
        expectLines(try check("""
            sources:
              - id: s2
                title: Never cited
                published: 2025
              - id: s3
                title: Cited by a retraction
                published: 2025
              - id: s4
                title: Cited by a citation object
                published: 2025
            events:
              - id: e1
                date: 2025-04-11
                type: meeting
                title: T
                sources:
                  - source: s4
                    locator: p. 2
                retracted:
                  date: 2025-05
                  sources: [s3]
            """), [
            "data/t.yaml:2:5: warning: source 's2' is never cited",
        ])
    }

    @Test("'.yml' files are not read, with a warning")
    func ymlFilesNotRead() throws {
        let loaded = try TemporaryDataset.load([
            ("data/base.yaml", TemporaryDataset.base),
            ("data/extra.yml", "events:\n  - id: e9\n    title: [broken\n"),
            ("data/sub/more.yml", "not: read\n"),
            ("data/notes.txt", "not yaml at all: [\n"),
            ("other-brief.yml", "title: [broken\n"),
        ])
        #expect(loaded.lines == [
            "data/extra.yml:1:1: warning: not read: dataset files end in '.yaml'",
            "data/sub/more.yml:1:1: warning: not read: dataset files end in '.yaml'",
            "other-brief.yml:1:1: warning: not read: dataset files end in '.yaml'",
        ])
        #expect(loaded.dataset.eventsByID["e9"] == nil)
        #expect(loaded.inputs.fileCount == 1)
    }

    @Test("a commitment due before it was made is a warning; due within the month it was made is not")
    func dueBeforeMade() throws {
        expectLines(try check("""
            commitments:
              - id: c2
                by: [aze]
                kind: pledge
                text: T
                made: 2025-04-11
                due: 2025-01
                sources: [src1]
              - id: c3
                by: [aze]
                kind: pledge
                text: T
                made: 2025-04-11
                due: 2025-04
                sources: [src1]
            """), [
            "data/t.yaml:7:5: warning: commitment 'c2': due 2025-01 is before it was made (2025-04-11)",
        ])
    }

    @Test("warnings alone are not errors")
    func warningsAreNotErrors() throws {
        let loaded = try TemporaryDataset.load([("data/base.yaml", TemporaryDataset.base), ("data/x.yml", "")])
        #expect(loaded.inputs.diagnostics.count == 1)
        #expect(loaded.inputs.errors.isEmpty)
        #expect(!loaded.inputs.hasErrors)
    }
}
