import Foundation
import Testing
@testable import BriefKit

/// A brief reads only its inputs (`BriefInputs`): made from them alone, on any
/// day, it is byte for byte the brief made from the whole dataset, with the
/// same quote pools; and they leave out most of a dataset about other pairs.
/// An incremental run keeps a brief whose inputs did not change, so a record
/// the set missed would be a stale brief.
@Suite struct BriefInputsTests {
    @Test(arguments: GeneratedDatasets.all)
    func aBriefMadeFromItsInputsIsTheBriefMadeFromTheWholeDataset(_ generated: GeneratedDatasets.Generated) throws {
        let dataset = generated.inputs.dataset
        let days = GeneratedDatasets.days(of: generated.inputs)
        let views = days.map { AsOfView(dataset: dataset, on: $0) }
        var compared = 0, withdrawn = 0, leftOut = 0
        for definition in AsOfIndexTests.definitions(of: generated.inputs) {
            let inputs = dataset.inputs(of: definition)
            leftOut += dataset.recordCount - inputs.recordCount
            for whole in views {
                withdrawn += try Self.expectSameBrief(definition, from: inputs, as: whole).withdrawn.count
                compared += 1
            }
        }
        // The comparisons reach what could go missing: withdrawn records and
        // records of other pairs left out.
        #expect(compared > 20)
        #expect(withdrawn > 0)
        #expect(leftOut > 0)
    }

    /// Expects the brief of `definition` made from `inputs` on the day of
    /// `whole` to be the one made from `whole`, with the same quote pools;
    /// returns the latter.
    @discardableResult
    static func expectSameBrief(_ definition: BriefDefinition, from inputs: Dataset, as whole: AsOfView,
                                sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Brief {
        let day = whole.date
        let (expected, expectedPools) = BriefAnalyzer.briefAndQuotePools(for: definition, in: whole)
        let (brief, pools) = BriefAnalyzer.briefAndQuotePools(for: definition, in: AsOfView(dataset: inputs, on: day))
        let text = try BriefSnapshot(brief).text, expectedText = try BriefSnapshot(expected).text
        if text != expectedText {
            let first = zip(text.utf8, expectedText.utf8).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? 0
            let around = String(decoding: Array(expectedText.utf8.dropFirst(max(0, first - 80)).prefix(200)), as: UTF8.self)
            Issue.record("\(definition.id) on \(day.iso): the snapshots differ from byte \(first), expected …\(around)…",
                         sourceLocation: sourceLocation)
        }
        #expect(pools == expectedPools, "\(definition.id) on \(day.iso): quote pools", sourceLocation: sourceLocation)
        return expected
    }

    /// What the inputs hold besides the records that belong: the event a
    /// quote was said at and an update's evidence, though they belong to
    /// another pair; the updates of a commitment that belongs; the sources
    /// of a retraction. A commitment about another pair, its update and
    /// the source only they cite are left out.
    @Test func theInputsFollowWhatTheRecordsThatBelongLeadTo() throws {
        let loaded = try Self.alandAndBorduria()
        #expect(loaded.errors.isEmpty, "\(loaded.errors)")
        let dataset = loaded.dataset
        let definition = Self.alandAndBorduriaDefinition
        let read = dataset.inputs(of: definition)
        #expect(read.actors.map(\.id) == dataset.actors.map(\.id))
        #expect(read.events.map(\.id) == ["ev-ab", "ev-ac", "ev-bc"])
        #expect(read.quotes.map(\.id) == ["q-ab"])
        #expect(read.commitments.map(\.id) == ["c-ab"])
        #expect(read.updates.map(\.id) == ["u-ab"])
        #expect(read.sources.map(\.id) == ["s-ab", "s-cc", "s-retraction", "s-elsewhere"])
        #expect(read.vocabulary.count == dataset.vocabulary.count)
        // Before the update, after it, and after the quote's retraction (its
        // only source then being in the inputs for the retraction alone).
        var withdrawn = 0
        for day in ["2024-05-05", "2024-05-15", "2024-06-15"].map(Fixtures.day) {
            withdrawn += try Self.expectSameBrief(definition, from: read, as: AsOfView(dataset: dataset, on: day)).withdrawn.count
        }
        #expect(withdrawn == 1)
    }

    /// Aland and Borduria, with records of other pairs that theirs point at.
    static func alandAndBorduria() throws -> Inputs {
        try TemporaryDataset.with([("data/all.yaml", """
            actors:
              - {id: aa, kind: state, name: Aland}
              - {id: bb, kind: state, name: Borduria}
              - {id: cc, kind: state, name: Carpania}
              - id: minister
                kind: person
                name: A Minister
                roles:
                  - {title: Foreign Minister, of: aa, from: 2020-01-01}
            sources:
              - {id: s-ab, title: On Aland and Borduria, published: 2024-05-01}
              - {id: s-cc, title: On Carpania, published: 2024-05-02}
              - {id: s-retraction, title: A correction, published: 2024-06-01}
              - {id: s-elsewhere, title: Elsewhere, published: 2024-05-03}
              - {id: s-other, title: Another pair, published: 2024-05-04}
            events:
              - {id: ev-ab, date: 2024-04-30, type: meeting, title: Aland meets Borduria, parties: [aa, bb], sources: [s-ab]}
              - {id: ev-ac, date: 2024-04-30, type: meeting, title: Aland meets Carpania, parties: [aa, cc], sources: [s-cc]}
              - {id: ev-bc, date: 2024-04-30, type: meeting, title: Borduria meets Carpania, parties: [bb, cc], sources: [s-elsewhere]}
            quotes:
              - id: q-ab
                speaker: minister
                text: We met Borduria.
                about: [bb]
                date: 2024-04-30
                event: ev-ac
                sources: [s-ab]
                retracted: {date: 2024-06-01, note: misattributed, sources: [s-retraction]}
            commitments:
              - {id: c-ab, by: [aa], to: [bb], kind: pledge, text: A pledge, made: 2024-04-30, sources: [s-ab]}
              - {id: c-bc, by: [bb], to: [cc], kind: pledge, text: Another pledge, made: 2024-04-30, sources: [s-other]}
            updates:
              - {id: u-ab, commitment: c-ab, date: 2024-05-10, status: in-progress, evidence: ev-bc, sources: [s-ab]}
              - {id: u-bc, commitment: c-bc, date: 2024-05-10, status: fulfilled, sources: [s-other]}
            """)]) { try $0.load() }
    }

    static let alandAndBorduriaDefinition: BriefDefinition = {
        let place = SourceLocation(file: "test", line: 1, column: 1)
        return BriefDefinition(id: "aa-bb", title: "Aland and Borduria", parties: [Reference("aa", at: place), Reference("bb", at: place)],
                               related: [], origin: place)
    }()
}
