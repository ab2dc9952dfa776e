import DatasetGenerator
import Testing
@testable import BriefKit

/// `ReferenceIDTable`: a file's references name each long id with one
/// string, found again by its bytes, and shared with the run where asked.
@Suite struct ReferenceIDTableTests {
    private static func lookUp(_ text: String, in table: ReferenceIDTable) -> String? {
        Array(text.utf8).withUnsafeBytes { table.id(spelled: $0) }
    }

    @Test func anIDAddedIsFoundByItsBytesAsTheSameString() {
        let table = ReferenceIDTable(sharing: nil)
        // Enough ids to make the table grow several times, differing at the
        // end, in the middle and in length.
        let ids = (0..<700).map { "p-amina-novak-person-\($0)" } + (0..<40).map { "src-\($0)-wesarland-press" }
            + ["ministry-of-foreign-affairs", "ministry-of-foreign-affairs-x"]
        var kept: [String] = []
        for id in ids {
            #expect(Self.lookUp(id, in: table) == nil, "\(id) found before it was added")
            kept.append(table.add(StringStorage.copy(id)))
        }
        for (index, id) in ids.enumerated() {
            let found = Self.lookUp(id, in: table)
            #expect(found == id)
            #expect(found.map(StringStorage.address) == StringStorage.address(of: kept[index]), "\(id) was not the string added")
        }
        #expect(Self.lookUp("ministry-of-foreign-affair", in: table) == nil)
        #expect(Self.lookUp("ministry-of-foreign-affairs-y", in: table) == nil)
    }

    @Test func shortIDsAreLeftToTheCaller() {
        let table = ReferenceIDTable(sharing: nil)
        #expect(table.add("alanora-mfa") == "alanora-mfa")
        #expect(Self.lookUp("alanora-mfa", in: table) == nil)
    }

    @Test func withTheRunsIDsANewIDIsTheRunsString() {
        let run = ReferencedIDs()
        var first = StringStorage.copy("src-2011-wesarland-press")
        run.share(&first)
        let table = ReferenceIDTable(sharing: run)
        let added = table.add(StringStorage.copy("src-2011-wesarland-press"))
        #expect(StringStorage.address(of: added) == StringStorage.address(of: first))
        #expect(Self.lookUp("src-2011-wesarland-press", in: table).map(StringStorage.address) == StringStorage.address(of: first))
    }

    /// Ids whose hashes collide are still told apart by their bytes, and an
    /// id the table could not place is made again rather than mistaken.
    @Test func everyHashIsComparedByItsBytes() {
        let table = ReferenceIDTable(sharing: nil)
        let ids = (0..<5000).map { "r-\($0)-0123456789abcdef" }
        for id in ids { _ = table.add(StringStorage.copy(id)) }
        for id in ids { #expect(Self.lookUp(id, in: table) == id) }
    }
}

/// What the loader makes of the ids references name: one string per id for
/// the whole dataset, whether its files are parsed or come from the cache;
/// and a malformed id is still reported wherever it is written.
@Suite struct SharedReferenceIDsTests {
    /// Every long id references name, and the storages holding it.
    private static func storages(_ dataset: Dataset) -> [String: Set<UInt>] {
        var found: [String: Set<UInt>] = [:]
        func note(_ id: String) {
            guard id.utf8.count > ReferenceIDTable.smallLength else { return }
            let address = id.utf8.withContiguousStorageIfAvailable { UInt(bitPattern: $0.baseAddress) } ?? 0
            found[id, default: []].insert(address)
        }
        for event in dataset.events {
            event.sources.forEach { note($0.source.id) }
            (event.participants + event.by + event.to + event.parties).forEach { note($0.id) }
        }
        for quote in dataset.quotes {
            note(quote.speaker.id)
            quote.sources.forEach { note($0.source.id) }
        }
        for commitment in dataset.commitments { (commitment.by + commitment.to).forEach { note($0.id) } }
        for update in dataset.updates { note(update.commitment.id) }
        return found
    }

    private static func assertShared(_ dataset: Dataset) {
        let found = storages(dataset)
        #expect(found.count > 100, "too few long ids to show anything: \(found.count)")
        let split = found.filter { $0.value.count != 1 || $0.value.contains(0) }.keys.sorted()
        #expect(split.count == 0, "ids held in more than one storage, such as \(split.prefix(5))")
    }

    @Test func eachIDIsOneStringAcrossTheFiles() throws {
        let files = try DatasetGenerator.render(GeneratorOptions(records: 3_000, seed: 3, briefs: 1)).map { ($0.path, Array($0.text.utf8)) }
        try TemporaryDataset.with(files) { folder in
            let paths = try DatasetFolder.files(in: folder.root + "/data", recursive: true).yaml
            #expect(paths.count > 20)
            Self.assertShared(InputLoader.loadDataset(files: paths).dataset)
            // Filling a cache, then from its entries.
            let cacheFolder = try TemporaryCacheFolder()
            for _ in 0..<2 {
                let cache = try ParseCache(folder: cacheFolder.path)
                Self.assertShared(InputLoader.loadDataset(files: paths, cache: cache).dataset)
            }
        }
    }

    /// The first place a long, malformed id is written does not make the
    /// next one pass: each is reported; and a well-formed id met before
    /// still resolves, wherever it is written again.
    @Test func aMalformedIDIsReportedEachTimeItIsWritten() throws {
        let text = """
        sources:
          - {id: src-wesarland-press-1, title: T, published: 2020-01-01, publisher: P, kind: article, reliability: B}
        events:
          - id: ev-1
            date: 2020-01-01
            type: statement
            title: One
            sources: [src-wesarland-press-1, Src-Wesarland-Press-1]
          - id: ev-2
            date: 2020-01-02
            type: statement
            title: Two
            sources: [Src-Wesarland-Press-1, src-wesarland-press-1]

        """
        let file = DatasetFile.read(bytes: Array(text.utf8), path: "desk/ids.yaml", sharing: ReferencedIDs())
        let messages = file.diagnostics.map(\.description)
        let malformed = messages.filter { $0.contains("'Src-Wesarland-Press-1' is not a valid id") }
        #expect(malformed.count == 2, "\(messages)")
        #expect(malformed.contains { $0.hasPrefix("desk/ids.yaml:8:") } && malformed.contains { $0.hasPrefix("desk/ids.yaml:13:") }, "\(malformed)")
    }
}
