/// What one brief can read of the dataset, on any day: its read set.
///
/// A brief is made from the records that belong to it (`BriefSelection`:
/// their states, found from their actors on their own dates, fit its parties
/// and related states), and from what those records lead to. That part of the
/// dataset does not depend on the day: the day only decides which of its
/// records are known, withdrawn or in effect. So the brief of any day made from
/// `Dataset.inputs(of:)` is byte for byte the brief made from the whole
/// dataset, and a change to a record outside it cannot change the brief
/// (`BriefInputsTests` holds every generated dataset, brief and day to this).
///
/// This is the dependency an incremental run rests on (docs/performance.md,
/// "What a warm run still pays"): a brief none of whose inputs changed need
/// not be made again. A record missing here would be a stale brief, so the
/// set is generous where in doubt: every actor and the whole vocabulary, and
/// the sources of every record kept, even those the brief never lists.
public struct BriefInputs: Sendable {
    /// Positions in the dataset's arrays, ascending.
    public var events: [Int] = []
    public var quotes: [Int] = []
    public var commitments: [Int] = []
    public var updates: [Int] = []
    public var sources: [Int] = []

    /// The records a brief can read of `dataset`:
    /// - every actor and every vocabulary entry (whom an actor stands for
    ///   follows `of` chains and roles through other actors);
    /// - the events, quotes and commitments that belong to the brief,
    ///   whether or not they are known, retracted or in effect on a day;
    /// - the updates of those commitments;
    /// - the events those records point at (a quote's or a commitment's
    ///   `event`, an update's `evidence`), which need not belong themselves;
    /// - every source any record kept cites, in its citations or its retraction's.
    public init(of definition: BriefDefinition, in dataset: Dataset) {
        let actorStates = ActorStates(dataset: dataset)
        var lookups = PositionLookups(dataset: dataset)
        // A party or related state that is no actor's id is named by no record.
        let parties = Set(definition.parties.compactMap { dataset.actorPosition($0.id).map(Int32.init) })
        let related = Set(definition.related.compactMap { dataset.actorPosition($0.id).map(Int32.init) })
        var states: [Int32] = []
        func belongs() -> Bool { Scope.of(states[...], parties: parties, related: related) != nil }

        var events = Set<Int>()
        for position in dataset.events.indices {
            actorStates.states(ofEventAt: position, into: &states, lookups: &lookups)
            if belongs() { events.insert(position) }
        }
        for position in dataset.quotes.indices {
            actorStates.states(ofQuoteAt: position, into: &states, lookups: &lookups)
            if belongs() { quotes.append(position) }
        }
        var commitmentIDs = Set<String>()
        for position in dataset.commitments.indices {
            actorStates.states(ofCommitmentAt: position, into: &states, lookups: &lookups)
            if belongs() {
                commitments.append(position)
                commitmentIDs.insert(dataset.commitments[position].id)
            }
        }
        for position in dataset.updates.indices where commitmentIDs.contains(dataset.updates[position].commitment.id) {
            updates.append(position)
        }

        // The events pointed at, which may belong to no brief at all.
        func pointAt(_ reference: Reference?) {
            if let reference, let position = dataset.eventPosition(reference.id) { events.insert(position) }
        }
        for position in quotes { pointAt(dataset.quotes[position].event) }
        for position in commitments { pointAt(dataset.commitments[position].event) }
        for position in updates { pointAt(dataset.updates[position].evidence) }
        self.events = events.sorted()

        var cited = Set<Int>()
        func cite(_ citations: [Citation], _ retraction: Retraction?) {
            for citation in citations + (retraction?.sources ?? []) {
                if let position = lookups.source(citation.source.id) { cited.insert(position) }
            }
        }
        for position in self.events { cite(dataset.events[position].sources, dataset.events[position].retracted) }
        for position in quotes { cite(dataset.quotes[position].sources, dataset.quotes[position].retracted) }
        for position in commitments { cite(dataset.commitments[position].sources, dataset.commitments[position].retracted) }
        for position in updates { cite(dataset.updates[position].sources, dataset.updates[position].retracted) }
        sources = cited.sorted()
    }

    /// How many records of the dataset the brief can read, actors and
    /// vocabulary aside.
    public var recordCount: Int { events.count + quotes.count + commitments.count + updates.count + sources.count }
}

extension Dataset {
    /// The dataset a brief reads (`BriefInputs`), records in their order:
    /// any brief of `definition`, on any day, made from it is the brief made
    /// from the whole dataset.
    public func inputs(of definition: BriefDefinition) -> Dataset {
        let read = BriefInputs(of: definition, in: self)
        var part = Dataset(actors: actors, sources: read.sources.map { sources[$0] }, events: read.events.map { events[$0] },
                           quotes: read.quotes.map { quotes[$0] }, commitments: read.commitments.map { commitments[$0] },
                           updates: read.updates.map { updates[$0] }, vocabulary: vocabulary)
        part.extensions = extensions
        return part
    }
}
