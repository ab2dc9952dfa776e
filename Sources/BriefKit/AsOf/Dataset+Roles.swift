/// Who an actor was on a date: their role, their rank, their state.
extension Dataset {
    /// The role a person held on the day `date` is judged on (its last day; the
    /// first where the end is open). Where several hold, the first listed.
    public func role(of actorID: String, on date: EDTFDate) -> Role? {
        guard let actor = actorsByID[actorID], actor.kind == .person else { return nil }
        let day = date.referenceDay
        return actor.roles.first { $0.holds(on: day) }
    }

    /// The rank that orders speakers: a person's role level (`other` without a
    /// role that day); a state's or organization's `level`, else `official`.
    public func level(of actorID: String, on date: EDTFDate) -> Level {
        guard let actor = actorsByID[actorID] else { return .other }
        switch actor.kind {
        case .person: return role(of: actorID, on: date)?.level ?? .other
        case .state, .organization: return actor.level ?? .official
        }
    }

    /// The state an actor stands for on `date`: a state itself, an
    /// organization through its `of` chain, a person through the role held.
    public func state(of actorID: String, on date: EDTFDate) -> String? {
        guard let actor = actorsByID[actorID] else { return nil }
        switch actor.kind {
        case .state: return actor.id
        case .organization: return state(following: actor.of?.id)
        case .person: return state(following: role(of: actorID, on: date)?.of.id)
        }
    }

    /// Follows `of` links from `id` until a state, guarding against circles.
    private func state(following id: String?) -> String? {
        var current = id
        var seen = Set<String>()
        while let next = current, let actor = actorsByID[next], seen.insert(next).inserted {
            if actor.kind == .state { return actor.id }
            guard actor.kind == .organization else { return nil }
            current = actor.of?.id
        }
        return nil
    }

    /// The states a record names on its date: its `parties`, and the states of
    /// every actor it lists.
    public func states(parties: [Reference] = [], actors: [[Reference]], on date: EDTFDate) -> Set<String> {
        var states = Set<String>()
        for party in parties where actorsByID[party.id]?.kind == .state { states.insert(party.id) }
        for list in actors {
            for reference in list {
                if let state = state(of: reference.id, on: date) { states.insert(state) }
            }
        }
        return states
    }

    public func states(of event: Event) -> Set<String> {
        states(parties: event.parties, actors: [event.participants, event.by, event.to], on: event.date)
    }

    public func states(of quote: Quote) -> Set<String> {
        states(actors: [[quote.speaker], quote.about], on: quote.date)
    }

    public func states(of commitment: Commitment) -> Set<String> {
        states(actors: [commitment.by, commitment.to], on: commitment.made)
    }
}
