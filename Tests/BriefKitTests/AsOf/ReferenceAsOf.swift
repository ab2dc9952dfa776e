@testable import BriefKit

/// The as-of view and a brief's selection worked out the plain way, as
/// `brief` did before the view kept positions and sets of states: every
/// record judged with the dataset's own rules (`knownFrom`, `isEffective`,
/// `citable`, `states(of:)`, `Scope.of`), copies sorted by comparing
/// `Array(utf8)`s, each brief reading every record of the day. Slow and
/// plainly right: what the indexed view must match, record for record.
struct ReferenceAsOf {
    let dataset: Dataset
    let date: Day
    private(set) var events: [Event] = []
    private(set) var quotes: [Quote] = []
    private(set) var commitments: [CommitmentState] = []
    private(set) var withdrawn: [Withdrawal] = []

    init(dataset: Dataset, on date: Day) {
        self.dataset = dataset
        self.date = date
        var withdrawn: [Withdrawal] = []
        func visible<R: DatedRecord>(_ records: [R], where include: (R) -> Bool = { _ in true }) -> [R] {
            var kept: [R] = []
            for record in records {
                guard let known = dataset.knownFrom(record.sources, recorded: record.recorded), known <= date else { continue }
                if dataset.isEffective(record.retracted, on: date), let retraction = record.retracted {
                    withdrawn.append(Withdrawal(kind: R.recordKind, id: record.id, retraction: retraction))
                    continue
                }
                if include(record) { kept.append(record) }
            }
            return kept.sorted { a, b in
                let x = a.chronologicalDate, y = b.chronologicalDate
                if x.sortStart != y.sortStart { return x.sortStart < y.sortStart }
                if x.sortEnd != y.sortEnd { return x.sortEnd < y.sortEnd }
                return Array(a.id.utf8).lexicographicallyPrecedes(Array(b.id.utf8))
            }.map { record in
                var copy = record
                copy.sources = dataset.citable(record.sources, on: date)
                return copy
            }
        }
        events = visible(dataset.events)
        quotes = visible(dataset.quotes)
        let commitmentRecords = visible(dataset.commitments)
        let updates = visible(dataset.updates, where: { $0.date.earliest.map { $0 <= date } ?? true })
        let updatesByCommitment = Dictionary(grouping: updates, by: \.commitment.id)
        commitments = commitmentRecords.map { CommitmentState(commitment: $0, updates: updatesByCommitment[$0.id] ?? [], on: date) }
        self.withdrawn = withdrawn.enumerated().sorted { a, b in
            let x = (Array(a.element.kind.rawValue.utf8), Array(a.element.id.utf8)), y = (Array(b.element.kind.rawValue.utf8), Array(b.element.id.utf8))
            if x.0 != y.0 { return x.0.lexicographicallyPrecedes(y.0) }
            if x.1 != y.1 { return x.1.lexicographicallyPrecedes(y.1) }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// What belongs to a brief, by DATASET.md's rule applied to every record of the day.
    struct Selection {
        var events: [Scoped<Event>] = []
        var quotes: [Scoped<Quote>] = []
        var commitments: [Scoped<CommitmentState>] = []
        var withdrawn: [Withdrawal] = []
        var thirdParties: [(state: String, records: Int)] = []
    }

    func selection(for definition: BriefDefinition) -> Selection {
        let parties = Set(definition.parties.map(\.id))
        let related = Set(definition.related.map(\.id))
        var selection = Selection()
        var counts: [String: Int] = [:]
        func scoped<R>(_ records: [R], states: (R) -> Set<String>) -> [Scoped<R>] {
            records.compactMap { record in
                let named = states(record)
                guard let scope = Scope.of(named, parties: parties, related: related) else { return nil }
                for state in named.intersection(related) { counts[state, default: 0] += 1 }
                return Scoped(record: record, scope: scope)
            }
        }
        selection.events = scoped(events, states: dataset.states(of:))
        selection.quotes = scoped(quotes, states: dataset.states(of:))
        selection.commitments = scoped(commitments) { dataset.states(of: $0.commitment) }
        selection.withdrawn = withdrawn.filter { withdrawal in
            let states: Set<String>
            switch withdrawal.kind {
            case .event: states = dataset.eventsByID[withdrawal.id].map(dataset.states(of:)) ?? []
            case .quote: states = dataset.quotesByID[withdrawal.id].map(dataset.states(of:)) ?? []
            case .commitment: states = dataset.commitmentsByID[withdrawal.id].map(dataset.states(of:)) ?? []
            case .update:
                let commitment = dataset.updatesByID[withdrawal.id].flatMap { dataset.commitmentsByID[$0.commitment.id] }
                states = commitment.map(dataset.states(of:)) ?? []
            case .actor, .source: states = []
            }
            return Scope.of(states, parties: parties, related: related) != nil
        }
        selection.thirdParties = counts.map { (state: $0.key, records: $0.value) }
            .sorted { $0.records != $1.records ? $0.records > $1.records : Array($0.state.utf8).lexicographicallyPrecedes(Array($1.state.utf8)) }
        return selection
    }
}
