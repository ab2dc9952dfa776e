/// Whether a record is about the dyad itself or about one party's dealings
/// with a related state.
public enum Scope: String, Sendable, Hashable, Codable {
    case bilateral, context

    /// DATASET.md "What belongs to a brief": both parties (bilateral), or one
    /// with a related party (context), and no state outside the dyad and `related`.
    public static func of(_ states: Set<String>, parties: Set<String>, related: Set<String>) -> Scope? {
        let named = states.intersection(parties)
        let others = states.subtracting(parties)
        guard others.isSubset(of: related) else { return nil }
        if named.count == 2 { return .bilateral }
        if named.count == 1 && !others.isEmpty { return .context }
        return nil
    }
}

/// A record that belongs to a brief, with its scope.
public struct Scoped<Record: Sendable & Hashable>: Sendable, Hashable {
    public var record: Record
    public var scope: Scope
}

/// The part of an as-of view that belongs to one brief definition.
public struct BriefSelection: Sendable {
    public let view: AsOfView
    public let definition: BriefDefinition
    public let events: [Scoped<Event>]
    public let quotes: [Scoped<Quote>]
    public let commitments: [Scoped<CommitmentState>]
    /// Retracted records that would otherwise belong: a diff shows them withdrawn.
    public let withdrawn: [Withdrawal]
    /// Each related state in play, with how many distinct records name it;
    /// most named first, then by id.
    public let thirdParties: [(state: String, records: Int)]

    public init(view: AsOfView, definition: BriefDefinition) {
        self.view = view
        self.definition = definition
        let parties = Set(definition.parties.map(\.id))
        let related = Set(definition.related.map(\.id))
        var counts: [String: Int] = [:]

        func scoped<R>(_ records: [R], states: [Set<String>], positions: [String: [Int]]) -> [Scoped<R>] {
            var result: [Scoped<R>] = []
            // Most records of a large dataset name neither party: only the
            // positions of those that name one are read, in the view's order
            // (a record naming both parties is listed under each).
            var candidates = parties.flatMap { positions[$0] ?? [] }
            candidates.sort()
            var previous = -1
            for index in candidates {
                guard index != previous else { continue }
                previous = index
                let named = states[index]
                guard let scope = Scope.of(named, parties: parties, related: related) else { continue }
                for state in named.intersection(related) { counts[state, default: 0] += 1 }
                result.append(Scoped(record: records[index], scope: scope))
            }
            return result
        }
        events = scoped(view.events, states: view.eventStates, positions: view.eventPositions)
        quotes = scoped(view.quotes, states: view.quoteStates, positions: view.quotePositions)
        commitments = scoped(view.commitments, states: view.commitmentStates, positions: view.commitmentPositions)
        withdrawn = view.withdrawn.indices.filter { index in
            Scope.of(view.withdrawnStates[index], parties: parties, related: related) != nil
        }.map { view.withdrawn[$0] }
        thirdParties = counts.map { (state: $0.key, records: $0.value) }
            .sorted { $0.records != $1.records ? $0.records > $1.records : Array($0.state.utf8).lexicographicallyPrecedes(Array($1.state.utf8)) }
    }
}
