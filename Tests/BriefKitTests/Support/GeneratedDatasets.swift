import DatasetGenerator
import Foundation
import Testing
@testable import BriefKit

/// Datasets from `brief-datagen`'s generator (`Benchmarks/DatasetGenerator`),
/// loaded once per test run: every date form of the contract, retractions,
/// status histories, persons changing roles, thousands of records on the
/// same few pairs of states. Written to a temporary folder, loaded, and the
/// folder removed.
enum GeneratedDatasets {
    struct Generated: Sendable, CustomTestStringConvertible {
        let seed: UInt64
        let inputs: Inputs

        var testDescription: String { "seed \(seed)" }
    }

    /// Four seeds, 3,000 records and 4 briefs each. In seeds 3 and 4 some
    /// records also cite a source published later than their own (the
    /// generator never writes one): on the days between, they cite only the
    /// sources published by then.
    static let all: [Generated] = [UInt64(1), 2, 3, 4].map { seed in
        var inputs = load(GeneratorOptions(records: 3000, seed: seed, briefs: 4))
        if seed > 2 { citeLaterSources(in: &inputs.dataset) }
        return Generated(seed: seed, inputs: inputs)
    }

    /// Adds to every seventh event, quote, commitment and update a citation
    /// of another source, picked by position (so often a later one).
    static func citeLaterSources(in dataset: inout Dataset) {
        let sources = dataset.sources
        func cite(_ citations: inout [Citation], _ index: Int) {
            guard index % 7 == 0, !sources.isEmpty else { return }
            let source = sources[(index * 31 + 17) % sources.count]
            citations.append(Citation(source: Reference(source.id, at: source.origin), locator: "added"))
        }
        for index in dataset.events.indices { cite(&dataset.events[index].sources, index) }
        for index in dataset.quotes.indices { cite(&dataset.quotes[index].sources, index) }
        for index in dataset.commitments.indices { cite(&dataset.commitments[index].sources, index) }
        for index in dataset.updates.indices { cite(&dataset.updates[index].sources, index) }
        dataset.reindex()
    }

    static func load(_ options: GeneratorOptions) -> Inputs {
        do {
            let files = try DatasetGenerator.render(options)
            return try TemporaryDataset.with(files.map { ($0.path, $0.text) }) { try $0.load() }
        } catch {
            fatalError("cannot generate or load seed \(options.seed): \(error)")
        }
    }

    /// Days from before the first source to after the last (the view of a
    /// day in the past cites only what was published by then), and a few
    /// days after sources of the dataset, so that briefs have recent events.
    static func days(of inputs: Inputs) -> [Day] {
        let fixed = ["2000-01-15", "2003-07-31", "2008-02-29", "2014-11-01", "2019-06-30", "2024-12-31", "2026-11-27"].map(Fixtures.day)
        let published = inputs.dataset.sources.compactMap(\.published.latest).sorted()
        let after = [published.count / 3, 2 * published.count / 3, published.count - 1].filter(published.indices.contains)
            .map { published[$0].adding(days: 3) }
        return fixed + after
    }
}
