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

        events = visible(dataset.events, .event, id: \.id, citations: \.sources, recorded: \.recorded, retracted: \.retracted,
                         cite: { $0.sources = $1 })
            .sorted { Chronology.precedes($0.date, $0.id, $1.date, $1.id) }
        quotes = visible(dataset.quotes, .quote, id: \.id, citations: \.sources, recorded: \.recorded, retracted: \.retracted,
                         cite: { $0.sources = $1 })
            .sorted { Chronology.precedes($0.date, $0.id, $1.date, $1.id) }
        let commitmentRecords = visible(dataset.commitments, .commitment, id: \.id, citations: \.sources, recorded: \.recorded,
                                        retracted: \.retracted, cite: { $0.sources = $1 })
        let updates = visible(dataset.updates, .update, id: \.id, citations: \.sources, recorded: \.recorded, retracted: \.retracted,
                              cite: { $0.sources = $1 })
            .filter { $0.date.earliest.map { $0 <= date } ?? true }
            .sorted { Chronology.precedes($0.date, $0.id, $1.date, $1.id) }
        let updatesByCommitment = Dictionary(grouping: updates, by: \.commitment.id)
        commitments = commitmentRecords
            .map { CommitmentState(commitment: $0, updates: updatesByCommitment[$0.id] ?? [], on: date) }
            .sorted { Chronology.precedes($0.commitment.made, $0.commitment.id, $1.commitment.made, $1.commitment.id) }
        self.withdrawn = withdrawn.sorted { ($0.kind.rawValue, $0.id) < ($1.kind.rawValue, $1.id) }
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
