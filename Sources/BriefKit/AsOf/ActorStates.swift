/// Which state each actor stands for (DATASET.md "What belongs to a brief"):
/// a state itself, an organization the state its `of` chain leads to, a
/// person the state of the role held on a day; and the rank it speaks with.
/// Worked out once per view, so that the states of every record and the rank
/// of every speaker need no lookup beyond each actor's position. A state is
/// named by the position of its actor in the dataset: the first actor with
/// its id, the one `actorsByID` finds.
struct ActorStates: Sendable {
    /// What an actor stands for, by its position.
    private enum Standing: Sendable {
        /// A state, or nothing (-1), and a rank, whatever the day.
        case fixed(Int32, Level)
        /// The roles of a person, in the order listed: `roles[range]`.
        case person(Range<Int32>)
    }

    /// The days a role holds, both included, the state it stands for (-1:
    /// none) and its rank.
    private struct RoleSpan: Sendable {
        var first: Int
        var last: Int
        var state: Int32
        var level: Level
    }

    private let dataset: Dataset
    private let standings: [Standing]
    private let roles: [RoleSpan]

    init(dataset: Dataset) {
        self.dataset = dataset
        var standings: [Standing] = []
        standings.reserveCapacity(dataset.actors.count)
        var roles: [RoleSpan] = []
        for (position, actor) in dataset.actors.enumerated() {
            switch actor.kind {
            // `Dataset.level(of:on:)`: a state or an organization without a level ranks `official`.
            case .state:
                standings.append(.fixed(Int32(dataset.actorPosition(actor.id) ?? position), actor.level ?? .official))
            case .organization:
                standings.append(.fixed(Self.state(following: actor.of?.id, in: dataset), actor.level ?? .official))
            case .person:
                let start = Int32(roles.count)
                for role in actor.roles {
                    // `Role.holds(on:)`: a missing or open end does not bound.
                    roles.append(RoleSpan(first: role.from?.earliest?.rawValue ?? Int.min, last: role.to?.latest?.rawValue ?? Int.max,
                                          state: Self.state(following: role.of.id, in: dataset), level: role.level))
                }
                standings.append(.person(start..<Int32(roles.count)))
            }
        }
        self.standings = standings
        self.roles = roles
    }

    /// `Dataset.state(following:)`: the state an `of` chain from `id` leads
    /// to, as a position, or -1.
    private static func state(following id: String?, in dataset: Dataset) -> Int32 {
        var current = id
        var seen = Set<String>()
        while let next = current, let position = dataset.actorPosition(next), seen.insert(next).inserted {
            let actor = dataset.actors[position]
            if actor.kind == .state { return Int32(position) }
            guard actor.kind == .organization else { return -1 }
            current = actor.of?.id
        }
        return -1
    }

    /// The state the actor with `id` stands for on `day` (`Dataset.state(of:on:)`
    /// on a date whose reference day is `day`), or nil.
    func state(of id: String, on day: Int, lookups: inout PositionLookups) -> Int32? {
        guard let position = lookups.actor(id) else { return nil }
        switch standings[position] {
        case let .fixed(state, _):
            return state >= 0 ? state : nil
        case let .person(range):
            guard let role = role(in: range, on: day) else { return nil }
            return role.state >= 0 ? role.state : nil
        }
    }

    /// The rank the actor at `position` speaks with on `date`
    /// (`Dataset.level(of:on:)`): a person without a role that day, or no
    /// actor at all (nil), ranks `other`.
    func level(ofActorAt position: Int?, on date: EDTFDate) -> Level {
        guard let position else { return .other }
        switch standings[position] {
        case let .fixed(_, level):
            return level
        case let .person(range):
            return role(in: range, on: date.referenceDay.rawValue)?.level ?? .other
        }
    }

    /// The first of a person's roles that holds on `day`.
    private func role(in range: Range<Int32>, on day: Int) -> RoleSpan? {
        for index in range.lowerBound..<range.upperBound {
            let role = roles[Int(index)]
            if role.first <= day && day <= role.last { return role }
        }
        return nil
    }

    /// The state named by a record's `parties` entry `id`, or nil when it is
    /// not a state's id.
    func party(_ id: String, lookups: inout PositionLookups) -> Int32? {
        guard let position = lookups.actor(id), dataset.actors[position].kind == .state else { return nil }
        return Int32(position)
    }

    // MARK: - The states of a record

    /// Fills `states` with the states the event at `position` names on its
    /// date, ascending and each once (`Dataset.states(of:)`). Records are read
    /// in place, by position: one passed by value is copied.
    func states(ofEventAt position: Int, into states: inout [Int32], lookups: inout PositionLookups) {
        states.removeAll(keepingCapacity: true)
        let events = dataset.events
        for index in events[position].parties.indices {
            if let state = party(events[position].parties[index].id, lookups: &lookups) { states.append(state) }
        }
        let day = events[position].date.referenceDay.rawValue
        add(events[position].participants, on: day, to: &states, lookups: &lookups)
        add(events[position].by, on: day, to: &states, lookups: &lookups)
        add(events[position].to, on: day, to: &states, lookups: &lookups)
        Self.normalize(&states)
    }

    func states(ofQuoteAt position: Int, into states: inout [Int32], lookups: inout PositionLookups) {
        states.removeAll(keepingCapacity: true)
        let quotes = dataset.quotes
        let day = quotes[position].date.referenceDay.rawValue
        if let state = state(of: quotes[position].speaker.id, on: day, lookups: &lookups) { states.append(state) }
        add(quotes[position].about, on: day, to: &states, lookups: &lookups)
        Self.normalize(&states)
    }

    func states(ofCommitmentAt position: Int, into states: inout [Int32], lookups: inout PositionLookups) {
        states.removeAll(keepingCapacity: true)
        let commitments = dataset.commitments
        let day = commitments[position].made.referenceDay.rawValue
        add(commitments[position].by, on: day, to: &states, lookups: &lookups)
        add(commitments[position].to, on: day, to: &states, lookups: &lookups)
        Self.normalize(&states)
    }

    private func add(_ references: [Reference], on day: Int, to states: inout [Int32], lookups: inout PositionLookups) {
        for index in references.indices {
            if let state = state(of: references[index].id, on: day, lookups: &lookups) { states.append(state) }
        }
    }

    /// Sorts and removes repeats: a set, in an array that is reused.
    private static func normalize(_ states: inout [Int32]) {
        guard states.count > 1 else { return }
        states.sort()
        var kept = 1
        for index in 1..<states.count where states[index] != states[kept - 1] {
            states[kept] = states[index]
            kept += 1
        }
        states.removeLast(states.count - kept)
    }
}
