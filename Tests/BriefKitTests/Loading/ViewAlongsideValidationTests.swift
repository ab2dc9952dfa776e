import DatasetGenerator
import Foundation
import Synchronization
import Testing
@testable import BriefKit

/// `daily` makes the view of the day while the dataset is validated
/// (`InputLoader.load(_:alongside:)`): on a dataset whose errors only
/// validation finds, the view is made without trapping, the load waits for
/// it, and the errors are those of a load without it.
@Suite struct ViewAlongsideValidationTests {
    /// References that name nothing, or the wrong kind of record, and an id
    /// declared twice: errors no single file shows.
    static let broken = """
    sources:
      - {id: src-zz-broken-gazette-1, title: T, published: 2020-01-01, publisher: P, kind: article, reliability: B}
    events:
      - id: ev-zz-broken-1
        date: 2020-01-01
        type: statement
        title: One
        sources: [src-zz-broken-gazette-1, src-nowhere-to-be-found]
        participants: [nobody-at-all-in-this-dataset]
        parties: [nowhere-state-1, nowhere-state-2]
    quotes:
      - id: q-zz-broken-1
        speaker: nobody-at-all-in-this-dataset
        date: 2020-01-01
        text: "Words."
        sources: [src-zz-broken-gazette-1]
        event: src-zz-broken-gazette-1
    commitments:
      - id: ev-zz-broken-1
        kind: pledge
        by: [nobody-at-all-in-this-dataset]
        text: A promise.
        made: 2020-01-01
        status: open
        sources: [src-zz-broken-gazette-1]
    updates:
      - id: up-zz-broken-1
        commitment: no-such-commitment-anywhere
        date: 2020-02-01
        status: fulfilled
        sources: [src-zz-broken-gazette-1]

    """

    @Test func theViewIsMadeBesideValidationOnADatasetWithErrors() throws {
        var files = try DatasetGenerator.render(GeneratorOptions(records: 2_000, seed: 9, briefs: 2)).map { ($0.path, Array($0.text.utf8)) }
        files.append(("data/2020/zz-broken.yaml", Array(Self.broken.utf8)))
        try TemporaryDataset.with(files) { folder in
            let made = Mutex(0)
            let day = Day(year: 2025, month: 6, day: 1)!
            let beside = try InputLoader.load(folder.paths, alongside: { dataset in
                let view = AsOfView(dataset: dataset, on: day)
                made.withLock { $0 = view.events.count }
            })
            let alone = try InputLoader.load(folder.paths)
            #expect(made.withLock { $0 } > 0, "the view was not made before the load returned")
            #expect(beside.diagnostics.map(\.description) == alone.diagnostics.map(\.description))
            let broken = beside.errors.filter { $0.location.file.hasSuffix("zz-broken.yaml") }
            #expect(broken.count >= 6, "\(broken.map(\.description))")
        }
    }

    /// The view starts before the table of declared ids is done, as soon as
    /// the dataset has its own lookups: what it is given is the whole
    /// dataset, every record found by its id.
    @Test func theViewIsGivenTheWholeDatasetWithItsLookups() throws {
        let files = try DatasetGenerator.render(GeneratorOptions(records: 3_000, seed: 4, briefs: 2)).map { ($0.path, Array($0.text.utf8)) }
        try TemporaryDataset.with(files) { folder in
            let given = Mutex<Dataset?>(nil)
            let loaded = try InputLoader.load(folder.paths, alongside: { dataset in given.withLock { $0 = dataset } })
            let dataset = try #require(given.withLock { $0 })
            #expect(dataset.recordCount == loaded.dataset.recordCount)
            #expect(dataset.events.count > 100 && dataset.quotes.count > 100)
            let unfound = dataset.events.indices.filter { dataset.eventsByID[dataset.events[$0].id]?.id != dataset.events[$0].id }
                + dataset.quotes.indices.filter { dataset.quotesByID[dataset.quotes[$0].id]?.id != dataset.quotes[$0].id }
                + dataset.sources.indices.filter { dataset.sourcesByID[dataset.sources[$0].id]?.id != dataset.sources[$0].id }
                + dataset.actors.indices.filter { dataset.actorsByID[dataset.actors[$0].id]?.id != dataset.actors[$0].id }
            // Counted outside the expectation, which would describe every index.
            let unfoundCount = unfound.count
            #expect(unfoundCount == 0, "records not found by their ids")
        }
    }
}
