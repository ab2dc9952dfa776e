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

    /// The same rule for states named by their actors' positions.
    static func of(_ states: ArraySlice<Int32>, parties: Set<Int32>, related: Set<Int32>) -> Scope? {
        var named = 0, others = 0
        for state in states {
            if parties.contains(state) {
                named += 1
            } else if related.contains(state) {
                others += 1
            } else {
                return nil
            }
        }
        if named == 2 { return .bilateral }
        if named == 1 && others > 0 { return .context }
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
    /// The places in the view's lists of the records that belong, in the
    /// view's order, with their scopes.
    let eventPlaces: [Selected]
    let quotePlaces: [Selected]
    let commitmentPlaces: [Selected]
    /// Retracted records that would otherwise belong: a diff shows them withdrawn.
    public let withdrawn: [Withdrawal]
    /// Each related state in play, with how many distinct records name it;
    /// most named first, then by id.
    public let thirdParties: [(state: String, records: Int)]

    public var events: SelectedRecords<AsOfRecords<Event>> { SelectedRecords(base: view.events, selected: eventPlaces) }
    public var quotes: SelectedRecords<AsOfRecords<Quote>> { SelectedRecords(base: view.quotes, selected: quotePlaces) }
    public var commitments: SelectedRecords<AsOfCommitments> { SelectedRecords(base: view.commitments, selected: commitmentPlaces) }

    public init(view: AsOfView, definition: BriefDefinition) {
        self.view = view
        self.definition = definition
        let dataset = view.dataset
        // A party or related state that is no actor's id is named by no record.
        let parties = Set(definition.parties.compactMap { dataset.actorPosition($0.id).map(Int32.init) })
        let related = Set(definition.related.compactMap { dataset.actorPosition($0.id).map(Int32.init) })

        // Whether the records naming a set belong is decided once per set;
        // only the records of the sets that do are read.
        let sets = view.stateSets
        let (scopes, belonging) = Self.scopes(of: sets, parties: parties, related: related)
        func selected(_ index: StateIndex) -> [Selected] {
            var places: [Int32] = []
            for set in belonging { places += index.places(naming: set) }
            places.sort()
            return places.map { Selected(place: $0, scope: scopes[Int(index.setOfRecord[Int($0)])]!) }
        }
        eventPlaces = selected(view.eventStates)
        quotePlaces = selected(view.quoteStates)
        commitmentPlaces = selected(view.commitmentStates)

        var counts: [Int32: Int] = [:]
        for set in belonging {
            let records = view.eventStates.places(naming: set).count + view.quoteStates.places(naming: set).count
                + view.commitmentStates.places(naming: set).count
            guard records > 0 else { continue }
            for state in sets.states(of: set) where related.contains(state) {
                counts[state, default: 0] += records
            }
        }
        thirdParties = counts.map { (state: dataset.actors[Int($0.key)].id, records: $0.value) }
            .sorted { $0.records != $1.records ? $0.records > $1.records : $0.state.utf8Precedes($1.state) }
        withdrawn = view.withdrawn.indices.filter { scopes[Int(view.withdrawnStates[$0])] != nil }.map { view.withdrawn[$0] }
    }
}

extension BriefSelection {
    /// Each set of states' scope in a brief of `parties` and `related` (nil
    /// when its records do not belong), and the sets whose records belong.
    static func scopes(of sets: StateSets, parties: Set<Int32>, related: Set<Int32>) -> (scopes: [Scope?], belonging: [Int32]) {
        var scopes: [Scope?] = []
        var belonging: [Int32] = []
        scopes.reserveCapacity(sets.count)
        for set in 0..<Int32(sets.count) {
            let scope = Scope.of(sets.states(of: set), parties: parties, related: related)
            scopes.append(scope)
            if scope != nil { belonging.append(set) }
        }
        return (scopes, belonging)
    }

    /// How many events, quotes and commitments of `view` belong to the brief
    /// `definition` defines: what its analysis and layouts grow with, counted
    /// without selecting them (a run starts the largest briefs first).
    public static func recordCount(of definition: BriefDefinition, in view: AsOfView) -> Int {
        let dataset = view.dataset
        let parties = Set(definition.parties.compactMap { dataset.actorPosition($0.id).map(Int32.init) })
        let related = Set(definition.related.compactMap { dataset.actorPosition($0.id).map(Int32.init) })
        return scopes(of: view.stateSets, parties: parties, related: related).belonging.reduce(0) { count, set in
            count + view.eventStates.places(naming: set).count + view.quoteStates.places(naming: set).count
                + view.commitmentStates.places(naming: set).count
        }
    }
}

/// A record of a view that belongs to a brief: its place in the view's list.
struct Selected: Sendable {
    var place: Int32
    var scope: Scope
}

/// The records of one kind that belong to a brief, in the view's order, each
/// read from the view when it is asked for.
public struct SelectedRecords<Base: RandomAccessCollection & Sendable>: RandomAccessCollection, Sendable
where Base.Index == Int, Base.Element: Sendable & Hashable {
    let base: Base
    let selected: [Selected]

    public var startIndex: Int { 0 }
    public var endIndex: Int { selected.count }

    public subscript(index: Int) -> Scoped<Base.Element> {
        Scoped(record: base[Int(selected[index].place)], scope: selected[index].scope)
    }
}
