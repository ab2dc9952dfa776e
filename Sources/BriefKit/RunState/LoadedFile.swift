/// A dataset file as a run read it: its path, the parse cache's key of its
/// bytes at that path, and where its records lie in the dataset's lists (the
/// merge appends each file's records, in path order, so they are contiguous).
public struct LoadedFile: Sendable, Hashable {
    /// How many records of each kind the dataset's lists held.
    struct Counts: Sendable, Hashable {
        var sources: Int, events: Int, quotes: Int, commitments: Int, updates: Int

        init(of dataset: Dataset) {
            sources = dataset.sources.count
            events = dataset.events.count
            quotes = dataset.quotes.count
            commitments = dataset.commitments.count
            updates = dataset.updates.count
        }
    }

    public var path: String
    /// `ParseCache`'s key of the file's bytes at its path; nil without a cache.
    public var key: [UInt8]?
    /// Its records are at `start..<end` of each of the dataset's lists.
    var start: Counts
    var end: Counts
    /// It declares actors, vocabulary entries or top-level `x-` keys: what
    /// every brief reads.
    var declaresShared: Bool

    init(path: String, key: [UInt8]?, start: Counts, declaresShared: Bool) {
        self.path = path
        self.key = key
        self.start = start
        end = start
        self.declaresShared = declaresShared
    }

    /// One record the file declares, as the dataset holds it now.
    struct Record {
        var kind: RecordKind
        var position: Int
        var id: UInt64
        var content: RecordContent.Digest
    }

    /// Every record the file declares, actors aside (a file with actors is
    /// `declaresShared`), with its `RecordHash` and `RecordContent`.
    func records(in dataset: Dataset) -> [Record] {
        var records: [Record] = []
        records.reserveCapacity(end.sources - start.sources + end.events - start.events + end.quotes - start.quotes
            + end.commitments - start.commitments + end.updates - start.updates)
        func add<Kind: StateRecord>(_ list: [Kind], _ range: Range<Int>) {
            for position in range {
                records.append(Record(kind: Kind.recordKind, position: position, id: RecordHash.of(Kind.recordKind, list[position].id),
                                      content: list[position].contentDigest))
            }
        }
        add(dataset.sources, start.sources..<end.sources)
        add(dataset.events, start.events..<end.events)
        add(dataset.quotes, start.quotes..<end.quotes)
        add(dataset.commitments, start.commitments..<end.commitments)
        add(dataset.updates, start.updates..<end.updates)
        return records
    }

    /// The same as the run state keeps them: hashes ascending (then
    /// contents), and the contents two numbers each, in that order.
    func stateRecords(in dataset: Dataset) -> (ids: [UInt64], contents: [UInt64]) {
        let records = records(in: dataset).sorted { a, b in
            if a.id != b.id { return a.id < b.id }
            return a.content.0 != b.content.0 ? a.content.0 < b.content.0 : a.content.1 < b.content.1
        }
        var contents: [UInt64] = []
        contents.reserveCapacity(2 * records.count)
        for record in records {
            contents.append(record.content.0)
            contents.append(record.content.1)
        }
        return (records.map(\.id), contents)
    }

    /// The `RecordHash` of every record the file's records name, actors
    /// aside (their kind is what the reference must name), sorted: what lets
    /// a later run find, without reading the file, whether it names a record
    /// another file declares.
    func referenceHashes(in dataset: Dataset) -> [UInt64] {
        var hashes: [UInt64] = []
        func add<Kind: ReferencingRecord>(_ list: [Kind], _ range: Range<Int>) {
            for position in range {
                list[position].visitReferences { _, reference, rule in
                    if rule.kind != .actor { hashes.append(RecordHash.of(rule.kind, reference.id)) }
                }
            }
        }
        add(dataset.events, start.events..<end.events)
        add(dataset.quotes, start.quotes..<end.quotes)
        add(dataset.commitments, start.commitments..<end.commitments)
        add(dataset.updates, start.updates..<end.updates)
        return RecordHash.sortedUnique(hashes)
    }

    /// The `RecordHash` of the file's sources known on `day`, sorted.
    func knownSources(in dataset: Dataset, knowledge: Knowledge, on day: Day) -> [UInt64] {
        var known: [UInt64] = []
        for position in start.sources..<end.sources where knowledge.knownDay(ofSourceAt: position) <= day.rawValue {
            known.append(RecordHash.of(.source, dataset.sources[position].id))
        }
        return RecordHash.sortedUnique(known)
    }
}

/// A kind of record the run state names, by its id and what it says.
protocol StateRecord {
    static var recordKind: RecordKind { get }
    var id: String { get }
    var contentDigest: RecordContent.Digest { get }
}

extension Source: StateRecord {
    static var recordKind: RecordKind { .source }
    var contentDigest: RecordContent.Digest { RecordContent.digest(self) }
}

extension Event: StateRecord {
    var contentDigest: RecordContent.Digest { RecordContent.digest(self) }
}

extension Quote: StateRecord {
    var contentDigest: RecordContent.Digest { RecordContent.digest(self) }
}

extension Commitment: StateRecord {
    var contentDigest: RecordContent.Digest { RecordContent.digest(self) }
}

extension Update: StateRecord {
    var contentDigest: RecordContent.Digest { RecordContent.digest(self) }
}
