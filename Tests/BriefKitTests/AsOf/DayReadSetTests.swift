import Foundation
import Testing
@testable import BriefKit

/// What a brief read on its day (`DayReadSet`) is all it needs that day:
/// made from those records alone, with every actor and the vocabulary, the
/// brief is byte for byte the brief made from the whole dataset, with the
/// same quote pools. A `daily` run keeps a brief whose read records did not
/// change, so a record missing here would be a stale brief.
@Suite struct DayReadSetTests {
    /// The records of `dataset` the brief of `view`'s day read, in their order.
    static func readPart(of definition: BriefDefinition, in view: AsOfView) -> Dataset {
        var read = Set<String>()
        DayReadSet.visit(BriefSelection(view: view, definition: definition)) { kind, id in read.insert("\(kind.rawValue) \(id)") }
        let dataset = view.dataset
        func keep<Record>(_ records: [Record], _ kind: RecordKind, _ id: (Record) -> String) -> [Record] {
            records.filter { read.contains("\(kind.rawValue) \(id($0))") }
        }
        var part = Dataset(actors: dataset.actors, sources: keep(dataset.sources, .source, \.id), events: keep(dataset.events, .event, \.id),
                           quotes: keep(dataset.quotes, .quote, \.id), commitments: keep(dataset.commitments, .commitment, \.id),
                           updates: keep(dataset.updates, .update, \.id), vocabulary: dataset.vocabulary)
        part.extensions = dataset.extensions
        return part
    }

    @Test(arguments: GeneratedDatasets.all)
    func aBriefMadeFromWhatItReadOnItsDayIsTheBriefMadeFromTheWholeDataset(_ generated: GeneratedDatasets.Generated) throws {
        let dataset = generated.inputs.dataset
        var compared = 0, withdrawn = 0, smallest = Int.max, largest = 0
        for day in GeneratedDatasets.days(of: generated.inputs) {
            let whole = AsOfView(dataset: dataset, on: day)
            for definition in AsOfIndexTests.definitions(of: generated.inputs) {
                let part = Self.readPart(of: definition, in: whole)
                let brief = try BriefInputsTests.expectSameBrief(definition, from: part, as: whole)
                withdrawn += brief.withdrawn.count
                compared += 1
                let count = part.sources.count + part.events.count + part.quotes.count + part.commitments.count + part.updates.count
                smallest = min(smallest, count)
                largest = max(largest, count)
                // The hashes name the same records, one each.
                #expect(DayReadSet(BriefSelection(view: whole, definition: definition)).hashes.count == count)
            }
        }
        // The comparisons reach what could go missing: withdrawn records, and
        // days on which a brief read nothing as well as most of its records.
        #expect(compared > 20)
        #expect(withdrawn > 0)
        #expect(smallest == 0)
        #expect(largest > 0 && largest < (dataset.recordCount - dataset.actors.count - dataset.vocabulary.count) / 2)
    }

    /// The fixture of `BriefInputsTests`: a quote's event of another pair,
    /// an update's evidence, a retraction and its source.
    @Test func whatABriefReadFollowsWhatItsRecordsPointAt() throws {
        let loaded = try BriefInputsTests.alandAndBorduria()
        let dataset = loaded.dataset
        let definition = BriefInputsTests.alandAndBorduriaDefinition
        var withdrawn = 0
        for day in ["2024-05-05", "2024-05-15", "2024-06-15"].map(Fixtures.day) {
            let view = AsOfView(dataset: dataset, on: day)
            let part = Self.readPart(of: definition, in: view)
            withdrawn += try BriefInputsTests.expectSameBrief(definition, from: part, as: view).withdrawn.count
            // The event of another pair the quote was said at, and the update's
            // evidence; never the commitment about another pair.
            #expect(part.events.map(\.id).contains("ev-ac"))
            #expect(!part.commitments.map(\.id).contains("c-bc"))
            if day == Fixtures.day("2024-05-15") {
                #expect(part.events.map(\.id).contains("ev-bc"), "the update's evidence, once the update is in effect")
            }
            if day == Fixtures.day("2024-06-15") {
                #expect(part.sources.map(\.id).contains("s-retraction"), "the retraction's source")
            }
        }
        #expect(withdrawn == 1)
    }
}
