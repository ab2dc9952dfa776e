/// Exactly what the dataset could have said on a day: the records known by
/// then and not retracted, each citing only the sources published by then,
/// and every commitment's status as known on that day. Every brief and every
/// diff is built from one of these, so a past brief regenerates byte for byte.
public struct AsOfView: Sendable {
    public let date: Day
    public let dataset: Dataset
    /// In date order (DATASET.md "Dates"), then id.
    public let events: [Event]
    public let quotes: [Quote]
    public let commitments: [CommitmentState]
    /// Records known on the day whose retraction had taken effect by then.
    public let withdrawn: [Withdrawal]
    /// The states each record names, aligned with `events`, `quotes` and
    /// `commitments`: the same for every brief, so worked out once per day.
    public let eventStates: [Set<String>]
    public let quoteStates: [Set<String>]
    public let commitmentStates: [Set<String>]

    public init(dataset: Dataset, on date: Day) {
        self.date = date
        self.dataset = dataset
        var withdrawn: [Withdrawal] = []

        /// The positions of the records known on the day and not withdrawn.
        /// Positions, not copies: the records are copied once, in order, by `collect`.
        func visible<R>(_ records: [R], _ kind: RecordKind, id: (R) -> String, citations: (R) -> [Citation],
                        recorded: (R) -> EDTFDate?, retracted: (R) -> Retraction?) -> [Int] {
            var positions: [Int] = []
            for position in records.indices {
                let record = records[position]
                guard let known = dataset.knownFrom(citations(record), recorded: recorded(record)), known <= date else { continue }
                if dataset.isEffective(retracted(record), on: date), let retraction = retracted(record) {
                    withdrawn.append(Withdrawal(kind: kind, id: id(record), retraction: retraction))
                    continue
                }
                positions.append(position)
            }
            return positions
        }

        /// The records at `positions`, in chronological order, each citing only
        /// the sources published by the day. A record whose sources are all
        /// citable keeps its own list, shared rather than copied: most records,
        /// on most days.
        func collect<R>(_ records: [R], _ positions: [Int], date recordDate: (R) -> EDTFDate, id: (R) -> String,
                        citations: (R) -> [Citation], cite: (inout R, [Citation]) -> Void) -> [R] {
            Self.chronological(positions, of: records, date: recordDate, id: id).map { position in
                var record = records[position]
                let cited = citations(record)
                let citable = dataset.citable(cited, on: date)
                if citable.count != cited.count { cite(&record, citable) }
                return record
            }
        }

        let eventPositions = visible(dataset.events, .event, id: \.id, citations: \.sources, recorded: \.recorded, retracted: \.retracted)
        events = collect(dataset.events, eventPositions, date: \.date, id: \.id, citations: \.sources, cite: { $0.sources = $1 })
        let quotePositions = visible(dataset.quotes, .quote, id: \.id, citations: \.sources, recorded: \.recorded, retracted: \.retracted)
        quotes = collect(dataset.quotes, quotePositions, date: \.date, id: \.id, citations: \.sources, cite: { $0.sources = $1 })
        let commitmentPositions = visible(dataset.commitments, .commitment, id: \.id, citations: \.sources, recorded: \.recorded,
                                          retracted: \.retracted)
        let updatePositions = visible(dataset.updates, .update, id: \.id, citations: \.sources, recorded: \.recorded,
                                      retracted: \.retracted)
            .filter { dataset.updates[$0].date.earliest.map { $0 <= date } ?? true }
        let updates = collect(dataset.updates, updatePositions, date: \.date, id: \.id, citations: \.sources, cite: { $0.sources = $1 })
        let updatesByCommitment = Dictionary(grouping: updates, by: \.commitment.id)
        commitments = collect(dataset.commitments, commitmentPositions, date: \.made, id: \.id, citations: \.sources,
                              cite: { $0.sources = $1 })
            .map { CommitmentState(commitment: $0, updates: updatesByCommitment[$0.id] ?? [], on: date) }
        let keys = withdrawn.map { (kind: Array($0.kind.rawValue.utf8), id: Array($0.id.utf8)) }
        self.withdrawn = keys.indices.sorted { a, b in
            keys[a].kind != keys[b].kind ? keys[a].kind.lexicographicallyPrecedes(keys[b].kind) : keys[a].id.lexicographicallyPrecedes(keys[b].id)
        }.map { withdrawn[$0] }
        // Most records name the same few pairs of states: equal sets share
        // one storage rather than each record holding its own.
        var distinct = Set<Set<String>>()
        func shared(_ states: Set<String>) -> Set<String> { distinct.insert(states).memberAfterInsert }
        eventStates = events.map { shared(dataset.states(of: $0)) }
        quoteStates = quotes.map { shared(dataset.states(of: $0)) }
        commitmentStates = commitments.map { shared(dataset.states(of: $0.commitment)) }
    }
}

extension AsOfView {
    /// `positions` into `records`, ordered as DATASET.md's "Dates" orders the
    /// records there: positions are sorted so that the large records
    /// themselves are copied once, in order, never at a comparison. Ids are
    /// compared byte-wise where they are, not copied out.
    static func chronological<R>(_ positions: [Int], of records: [R], date: (R) -> EDTFDate, id: (R) -> String) -> [Int] {
        let keys = positions.map { position in
            let record = records[position]
            return (start: date(record).sortStart, end: date(record).sortEnd, id: id(record))
        }
        return keys.indices.sorted { a, b in
            let x = keys[a], y = keys[b]
            if x.start != y.start { return x.start < y.start }
            if x.end != y.end { return x.end < y.end }
            return x.id.utf8.lexicographicallyPrecedes(y.id.utf8)
        }.map { positions[$0] }
    }
}

/// A record that was known and then retracted.
public struct Withdrawal: Sendable, Hashable {
    public var kind: RecordKind
    public var id: String
    public var retraction: Retraction
}

/// The total order of DATASET.md: first day (the last where the start is
/// open), then last day, then id.
public enum Chronology {
    public static func precedes(_ a: EDTFDate, _ aID: String, _ b: EDTFDate, _ bID: String) -> Bool {
        if a.sortStart != b.sortStart { return a.sortStart < b.sortStart }
        if a.sortEnd != b.sortEnd { return a.sortEnd < b.sortEnd }
        return Array(aID.utf8).lexicographicallyPrecedes(Array(bID.utf8))
    }
}
