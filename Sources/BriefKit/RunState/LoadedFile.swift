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

    /// Every record the file declares, actors aside (a file with actors is
    /// `declaresShared`): its `RecordHash` and `RecordContent`, in order of
    /// the hash, then the content.
    func records(in dataset: Dataset) -> (ids: [UInt64], contents: [UInt64]) {
        var entries: [(id: UInt64, content: RecordContent.Digest)] = []
        for position in start.sources..<end.sources {
            entries.append((RecordHash.of(.source, dataset.sources[position].id), RecordContent.digest(dataset.sources[position])))
        }
        for position in start.events..<end.events {
            entries.append((RecordHash.of(.event, dataset.events[position].id), RecordContent.digest(dataset.events[position])))
        }
        for position in start.quotes..<end.quotes {
            entries.append((RecordHash.of(.quote, dataset.quotes[position].id), RecordContent.digest(dataset.quotes[position])))
        }
        for position in start.commitments..<end.commitments {
            entries.append((RecordHash.of(.commitment, dataset.commitments[position].id), RecordContent.digest(dataset.commitments[position])))
        }
        for position in start.updates..<end.updates {
            entries.append((RecordHash.of(.update, dataset.updates[position].id), RecordContent.digest(dataset.updates[position])))
        }
        entries.sort { a, b in
            if a.id != b.id { return a.id < b.id }
            return a.content.0 != b.content.0 ? a.content.0 < b.content.0 : a.content.1 < b.content.1
        }
        var contents: [UInt64] = []
        contents.reserveCapacity(2 * entries.count)
        for entry in entries {
            contents.append(entry.content.0)
            contents.append(entry.content.1)
        }
        return (entries.map(\.id), contents)
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
