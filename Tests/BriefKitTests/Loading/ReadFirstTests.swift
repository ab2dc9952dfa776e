import DatasetGenerator
import Foundation
import Testing
@testable import BriefKit

/// The largest files are read first, beside the batches, and merged in their
/// place: what is loaded must not depend on the order files were read in.
struct ReadFirstTests {
    /// Four times the mean size, and 64 KiB at least, largest first.
    @Test func theFilesReadFirstAreTheMuchLargerOnes() {
        var sizes: [String: Int] = [:]
        var files: [String] = []
        for index in 0..<100 {
            files.append(String(format: "data/%03d.yaml", index))
            sizes[files[index]] = 30_000
        }
        files += ["data/actors.yaml", "data/long.yaml", "data/longer.yaml", "data/unknown.yaml"]
        sizes["data/actors.yaml"] = 900_000
        sizes["data/long.yaml"] = 150_000
        sizes["data/longer.yaml"] = 400_000
        // Mean: 4,450,000 / 104 bytes; four times that is 171,153.
        #expect(InputLoader.readFirst(files, sizes: sizes) == [100, 102])
        #expect(InputLoader.readFirst(files, sizes: [:]) == [])
        // Small files, however uneven, are read in their batch.
        let few = (0..<10).map { "data/\($0).yaml" }
        var uneven = Dictionary(uniqueKeysWithValues: few.map { ($0, 100) })
        uneven["data/9.yaml"] = 60_000
        #expect(InputLoader.readFirst(few, sizes: uneven) == [])
        uneven["data/9.yaml"] = 600_000
        #expect(InputLoader.readFirst(few, sizes: uneven) == [9])
    }

    /// After the first batch, the lists are made room for the rest by bytes.
    @Test func theListsGrowByTheBytesLeftToRead() throws {
        let files = ["a", "b", "c", "d"]
        let sizes = ["a": 10, "b": 10, "c": 20, "d": 60]
        #expect(try #require(InputLoader.growth(files, readUpTo: 2, sizes: sizes)) == 1.1 * 100 / 20)
        #expect(InputLoader.growth(files, readUpTo: 4, sizes: sizes) == nil)
        #expect(InputLoader.growth(files, readUpTo: 2, sizes: [:]) == nil)
        var merger = DatasetMerger()
        merger.reserve(scale: 3)
        let empty = merger.finish()
        #expect(empty.dataset.events.isEmpty && empty.declared.isEmpty && empty.files.isEmpty)
    }

    /// Files said to be large, in the first, second and last batches (and
    /// one that cannot be read), are read first: the dataset, its
    /// declarations, uses and diagnostics, and the files' places in it are
    /// those of reading every file in its batch.
    @Test func readingLargeFilesFirstLoadsTheSameDataset() throws {
        var files = try DatasetGenerator.render(GeneratorOptions(records: 9_000, seed: 5, briefs: 2)).map { ($0.path, Array($0.text.utf8)) }
        files.append(("data/2003/broken.yaml", Array("events: [\n".utf8)))
        try TemporaryDataset.with(files) { folder in
            let listing = try DatasetFolder.files(in: folder.root + "/data", recursive: true)
            let paths = listing.yaml
            #expect(paths.count > InputLoader.batchSize + 4)
            var sizes = Dictionary(uniqueKeysWithValues: paths.map { ($0, 1) })
            let broken = try #require(paths.firstIndex { $0.hasSuffix("/broken.yaml") })
            let large = [1, InputLoader.batchSize + 3, broken, paths.count - 1]
            for (rank, index) in large.enumerated() { sizes[paths[index]] = 10_000_000 - rank }
            #expect(InputLoader.readFirst(paths, sizes: sizes) == large)

            let inBatches = InputLoader.loadDataset(files: paths)
            let largeFirst = InputLoader.loadDataset(files: paths, sizes: sizes)
            #expect(Summary(inBatches, folder) == Summary(largeFirst, folder))
            #expect(Summary(inBatches, folder).diagnostics.contains { $0.hasPrefix("data/2003/broken.yaml:") })
            #expect(inBatches.dataset.events.count > 3_000)
        }
    }

    /// What a load gives, in comparable form.
    struct Summary: Equatable {
        var ids: [[String]]
        var declared: [String]
        var uses: [String]
        var diagnostics: [String]
        var files: [String]

        init(_ loaded: MergedDataset, _ folder: TemporaryDataset) {
            let (dataset, declared, uses, diagnostics, files) = (loaded.dataset, loaded.declared, loaded.uses, loaded.diagnostics, loaded.files)
            ids = [dataset.actors.map(\.id), dataset.sources.map(\.id), dataset.events.map(\.id), dataset.quotes.map(\.id),
                   dataset.commitments.map(\.id), dataset.updates.map(\.id), dataset.vocabulary.map(\.type)]
            self.declared = declared.map { "\($0.id) \($0.kind) \(folder.relative($0.location.description))" }
            self.uses = uses.map { "\($0.subject) \($0.field) \($0.reference.id)" }
            self.diagnostics = folder.describe(diagnostics)
            self.files = files.map { "\(folder.relative($0.path)) \($0.start) \($0.end) \($0.declaresShared)" }
        }
    }
}
