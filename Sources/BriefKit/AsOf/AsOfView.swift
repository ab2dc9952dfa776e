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
    /// For each state, the positions in `events` (`quotes`, `commitments`)
    /// of the records that name it, ascending: a brief reads only the records
    /// that name one of its parties, not every record of the day.
    /// The states each withdrawn record names (an update: its commitment's),
    /// aligned with `withdrawn`.
    let withdrawnStates: [Set<String>]
    let eventPositions: [String: [Int]]
    let quotePositions: [String: [Int]]
    let commitmentPositions: [String: [Int]]

    public init(dataset: Dataset, on date: Day) {
        self.date = date
        self.dataset = dataset
        var withdrawn: [Withdrawal] = []

        // The records are large values, and every copy retains each of their
        // fields: they are picked and put in date order by index, then copied
        // once, citing only what could be cited on the day.
        func visible<R>(_ records: [R], _ kind: RecordKind, id: (R) -> String, dated: (R) -> EDTFDate, citations: (R) -> [Citation],
                        recorded: (R) -> EDTFDate?, retracted: (R) -> Retraction?, cite: (inout R, [Citation]) -> Void,
                        where include: (R) -> Bool = { _ in true }) -> [R] {
            var kept: [Int] = []
            for index in records.indices {
                let record = records[index]
                guard let known = dataset.knownFrom(citations(record), recorded: recorded(record)), known <= date else { continue }
                if dataset.isEffective(retracted(record), on: date), let retraction = retracted(record) {
                    withdrawn.append(Withdrawal(kind: kind, id: id(record), retraction: retraction))
                    continue
                }
                if include(record) { kept.append(index) }
            }
            return Self.chronologicalOrder(of: kept, in: records, date: dated, id: id).map { index in
                var copy = records[index]
                let all = citations(copy)
                let citable = dataset.citable(all, on: date)
                if citable.count != all.count { cite(&copy, citable) }
                return copy
            }
        }

        events = visible(dataset.events, .event, id: \.id, dated: \.date, citations: \.sources, recorded: \.recorded,
                         retracted: \.retracted, cite: { $0.sources = $1 })
        quotes = visible(dataset.quotes, .quote, id: \.id, dated: \.date, citations: \.sources, recorded: \.recorded,
                         retracted: \.retracted, cite: { $0.sources = $1 })
        let commitmentRecords = visible(dataset.commitments, .commitment, id: \.id, dated: \.made, citations: \.sources,
                                        recorded: \.recorded, retracted: \.retracted, cite: { $0.sources = $1 })
        let updates = visible(dataset.updates, .update, id: \.id, dated: \.date, citations: \.sources, recorded: \.recorded,
                              retracted: \.retracted, cite: { $0.sources = $1 }, where: { $0.date.earliest.map { $0 <= date } ?? true })
        let updatesByCommitment = Dictionary(grouping: updates, by: \.commitment.id)
        commitments = commitmentRecords
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
        withdrawnStates = self.withdrawn.map { withdrawal in
            switch withdrawal.kind {
            case .event: return dataset.eventsByID[withdrawal.id].map(dataset.states(of:)) ?? []
            case .quote: return dataset.quotesByID[withdrawal.id].map(dataset.states(of:)) ?? []
            case .commitment: return dataset.commitmentsByID[withdrawal.id].map(dataset.states(of:)) ?? []
            case .update:
                let commitment = dataset.updatesByID[withdrawal.id].flatMap { dataset.commitmentsByID[$0.commitment.id] }
                return commitment.map(dataset.states(of:)) ?? []
            case .actor, .source: return []
            }
        }
        eventPositions = Self.positions(eventStates)
        quotePositions = Self.positions(quoteStates)
        commitmentPositions = Self.positions(commitmentStates)
    }

    /// Each state named in `states`, with the positions that name it, ascending.
    static func positions(_ states: [Set<String>]) -> [String: [Int]] {
        var positions: [String: [Int]] = [:]
        for (index, named) in states.enumerated() {
            for state in named { positions[state, default: []].append(index) }
        }
        return positions
    }
}

extension AsOfView {
    /// The records at `indices`, as indices, in the order of DATASET.md's
    /// "Dates": sorted by index so that the large records themselves are not
    /// moved at every comparison. Equal records keep the order of `indices`
    /// (the sort is stable).
    static func chronologicalOrder<R>(of indices: [Int], in records: [R], date: (R) -> EDTFDate, id: (R) -> String) -> [Int] {
        let keys = indices.map { (start: date(records[$0]).sortStart, end: date(records[$0]).sortEnd, id: Array(id(records[$0]).utf8)) }
        return keys.indices.sorted { a, b in
            let x = keys[a], y = keys[b]
            if x.start != y.start { return x.start < y.start }
            if x.end != y.end { return x.end < y.end }
            return x.id.lexicographicallyPrecedes(y.id)
        }.map { indices[$0] }
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
