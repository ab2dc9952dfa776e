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

        func visible<R>(_ records: [R], _ kind: RecordKind, id: (R) -> String, citations: (R) -> [Citation],
                        recorded: (R) -> EDTFDate?, retracted: (R) -> Retraction?, cite: (inout R, [Citation]) -> Void) -> [R] {
            var result: [R] = []
            for record in records {
                guard let known = dataset.knownFrom(citations(record), recorded: recorded(record)), known <= date else { continue }
                if dataset.isEffective(retracted(record), on: date), let retraction = retracted(record) {
                    withdrawn.append(Withdrawal(kind: kind, id: id(record), retraction: retraction))
                    continue
                }
                var copy = record
                cite(&copy, dataset.citable(citations(record), on: date))
                result.append(copy)
            }
            return result
        }

        events = Self.chronological(visible(dataset.events, .event, id: \.id, citations: \.sources, recorded: \.recorded,
                                            retracted: \.retracted, cite: { $0.sources = $1 }), date: \.date, id: \.id)
        quotes = Self.chronological(visible(dataset.quotes, .quote, id: \.id, citations: \.sources, recorded: \.recorded,
                                            retracted: \.retracted, cite: { $0.sources = $1 }), date: \.date, id: \.id)
        let commitmentRecords = visible(dataset.commitments, .commitment, id: \.id, citations: \.sources, recorded: \.recorded,
                                        retracted: \.retracted, cite: { $0.sources = $1 })
        let updates = Self.chronological(visible(dataset.updates, .update, id: \.id, citations: \.sources, recorded: \.recorded,
                                                 retracted: \.retracted, cite: { $0.sources = $1 })
            .filter { $0.date.earliest.map { $0 <= date } ?? true }, date: \.date, id: \.id)
        let updatesByCommitment = Dictionary(grouping: updates, by: \.commitment.id)
        commitments = Self.chronological(commitmentRecords, date: \.made, id: \.id)
            .map { CommitmentState(commitment: $0, updates: updatesByCommitment[$0.id] ?? [], on: date) }
        let keys = withdrawn.map { (kind: Array($0.kind.rawValue.utf8), id: Array($0.id.utf8)) }
        self.withdrawn = keys.indices.sorted { a, b in
            keys[a].kind != keys[b].kind ? keys[a].kind.lexicographicallyPrecedes(keys[b].kind) : keys[a].id.lexicographicallyPrecedes(keys[b].id)
        }.map { withdrawn[$0] }
        eventStates = events.map(dataset.states(of:))
        quoteStates = quotes.map(dataset.states(of:))
        commitmentStates = commitments.map { dataset.states(of: $0.commitment) }
    }
}

extension AsOfView {
    /// Records in the order of DATASET.md's "Dates", sorted by index so that
    /// the large records themselves are moved once, not at every comparison.
    static func chronological<R>(_ records: [R], date: (R) -> EDTFDate, id: (R) -> String) -> [R] {
        let keys = records.map { (start: date($0).sortStart, end: date($0).sortEnd, id: Array(id($0).utf8)) }
        let order = keys.indices.sorted { a, b in
            let x = keys[a], y = keys[b]
            if x.start != y.start { return x.start < y.start }
            if x.end != y.end { return x.end < y.end }
            return x.id.lexicographicallyPrecedes(y.id)
        }
        return order.map { records[$0] }
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
