/// Exactly what the dataset could have said on a day: the records known by
/// then and not retracted, each citing only the sources published by then,
/// and every commitment's status as known on that day. Every brief and every
/// diff is built from one of these, so a past brief regenerates byte for byte.
///
/// The view copies no record: it keeps positions into the dataset's arrays
/// (`AsOfRecords`), and for each record the number of the set of states it
/// names, with the records of each set listed (`StateIndex`), so that a brief
/// reads only the records of the sets that belong to it.
public struct AsOfView: Sendable {
    public let date: Day
    public let dataset: Dataset
    /// In date order (DATASET.md "Dates"), then id.
    public let events: AsOfRecords<Event>
    public let quotes: AsOfRecords<Quote>
    public let commitments: AsOfCommitments
    /// Records known on the day whose retraction had taken effect by then.
    public let withdrawn: [Withdrawal]

    /// When each source was known, and whom each actor stands for.
    let knowledge: Knowledge
    let actorStates: ActorStates
    /// The distinct sets of states the records name.
    let stateSets: StateSets
    /// The set each event (quote, commitment) names, and the events of each set.
    let eventStates: StateIndex
    let quoteStates: StateIndex
    let commitmentStates: StateIndex
    /// The set each withdrawn record names (an update: its commitment's),
    /// aligned with `withdrawn`.
    let withdrawnStates: [Int32]

    public init(dataset: Dataset, on date: Day) {
        self.date = date
        self.dataset = dataset
        let knowledge = Knowledge(dataset: dataset)
        let actorStates = ActorStates(dataset: dataset)

        // The four kinds are independent until the sets of states are numbered:
        // each is chosen, ordered and given its records' states on its own core.
        // The events and the quotes, the most numerous, in two halves each,
        // joined after: as one piece, each kept one core busy alone at the
        // end, the other kinds done (the events until 8f579b1, then the quotes).
        let day = date.rawValue
        func halves(_ count: Int) -> (Range<Int>, Range<Int>) { (0..<count / 2, count / 2..<count) }
        let (eventHalves, quoteHalves) = (halves(dataset.events.count), halves(dataset.quotes.count))
        let pieces = ParallelParts.map(6) { piece -> Chosen in
            switch piece {
            case 0, 1:
                Self.choose(dataset.events, in: piece == 0 ? eventHalves.0 : eventHalves.1, knowledge: knowledge, on: date) { position, states, lookups in
                    actorStates.states(ofEventAt: position, into: &states, lookups: &lookups)
                }
            case 2, 3:
                Self.choose(dataset.quotes, in: piece == 2 ? quoteHalves.0 : quoteHalves.1, knowledge: knowledge, on: date) { position, states, lookups in
                    actorStates.states(ofQuoteAt: position, into: &states, lookups: &lookups)
                }
            case 4:
                Self.choose(dataset.commitments, knowledge: knowledge, on: date) { position, states, lookups in
                    actorStates.states(ofCommitmentAt: position, into: &states, lookups: &lookups)
                }
            default:
                // An update takes effect once its date has begun (decisions.md).
                Self.choose(dataset.updates, knowledge: knowledge, on: date,
                            where: { (dataset.updates[$0].date.earliest?.rawValue ?? Int.min) <= day }, states: nil)
            }
        }
        let chosenEvents = Self.joined(pieces[0], pieces[1], in: dataset.events)
        let chosenQuotes = Self.joined(pieces[2], pieces[3], in: dataset.quotes)
        let (chosenCommitments, chosenUpdates) = (pieces[4], pieces[5])

        // Numbered in one order (events, quotes, commitments, then the
        // withdrawn), whatever the schedule.
        var stateSets = StateSets()
        func numbered(_ chosen: Chosen) -> [Int32] {
            let local = chosen.stateSets.map { stateSets.number(of: $0) }
            return chosen.sets.map { local[Int($0)] }
        }
        let eventSets = numbered(chosenEvents)
        let quoteSets = numbered(chosenQuotes)
        let commitmentSets = numbered(chosenCommitments)

        let withdrawals = chosenEvents.withdrawn + chosenQuotes.withdrawn + chosenCommitments.withdrawn + chosenUpdates.withdrawn
        withdrawn = withdrawals.indices.sorted { a, b in
            let x = withdrawals[a], y = withdrawals[b]
            if x.kind != y.kind { return x.kind.rawValue.utf8Precedes(y.kind.rawValue) }
            let order = x.id.utf8Order(y.id)
            return order != 0 ? order < 0 : a < b
        }.map { withdrawals[$0] }
        var states: [Int32] = []
        var lookups = PositionLookups(dataset: dataset)
        withdrawnStates = withdrawn.map { withdrawal in
            Self.states(of: withdrawal, in: dataset, actorStates: actorStates, into: &states, lookups: &lookups)
            return stateSets.number(of: states)
        }

        events = AsOfRecords(all: dataset.events, positions: chosenEvents.kept, knowledge: knowledge, day: date)
        quotes = AsOfRecords(all: dataset.quotes, positions: chosenQuotes.kept, knowledge: knowledge, day: date)
        commitments = Self.commitments(AsOfRecords(all: dataset.commitments, positions: chosenCommitments.kept, knowledge: knowledge, day: date),
                                       updates: AsOfRecords(all: dataset.updates, positions: chosenUpdates.kept, knowledge: knowledge, day: date),
                                       on: date)
        self.knowledge = knowledge
        self.actorStates = actorStates
        self.stateSets = stateSets
        eventStates = StateIndex(sets: eventSets, setCount: stateSets.count)
        quoteStates = StateIndex(sets: quoteSets, setCount: stateSets.count)
        commitmentStates = StateIndex(sets: commitmentSets, setCount: stateSets.count)
    }

    // MARK: - Choosing the records of the day

    /// What the view keeps of one kind of record.
    struct Chosen: Sendable {
        /// The kept records' positions in the dataset's array, in date
        /// order, then id.
        var kept: [Int32] = []
        /// For each kept record, the number of its set of states among
        /// `stateSets`, numbered for this kind alone in the order the records
        /// lie in the array.
        var sets: [Int32] = []
        var withdrawn: [Withdrawal] = []
        var stateSets: [[Int32]] = []
        /// The kept records' keys, in the same order, which `joined` merges
        /// by; empty in what `joined` gives.
        var keys: [ChronologicalKey] = []
    }

    /// What `choose` gives for the records of both pieces, `first` chosen
    /// from the records before those of `second`: the withdrawn in their
    /// order, the sets of states numbered by first appearance, the kept
    /// records merged in date order, then id (an order in which no two
    /// records tie: the position decides last).
    static func joined<Record: DatedRecord>(_ first: Chosen, _ second: Chosen, in records: [Record]) -> Chosen {
        var joined = Chosen(withdrawn: first.withdrawn + second.withdrawn, stateSets: first.stateSets)
        var numbers: [[Int32]: Int32] = Dictionary(minimumCapacity: first.stateSets.count)
        for (number, set) in first.stateSets.enumerated() { numbers[set] = Int32(number) }
        let renumbered = second.stateSets.map { set -> Int32 in
            if let number = numbers[set] { return number }
            let number = Int32(joined.stateSets.count)
            numbers[set] = number
            joined.stateSets.append(set)
            return number
        }
        // Only the positions and the sets are written: the merged keys
        // themselves were six times the memory, new pages the kernel clears
        // while the other core waits (this runs after the pieces, on one).
        let count = first.keys.count + second.keys.count
        joined.kept.reserveCapacity(count)
        joined.sets.reserveCapacity(count)
        func take(_ key: ChronologicalKey, renumbering: Bool) {
            joined.kept.append(key.position)
            joined.sets.append(renumbering && !renumbered.isEmpty ? renumbered[Int(key.set)] : key.set)
        }
        var (i, j) = (0, 0)
        while i < first.keys.count, j < second.keys.count {
            if precedes(second.keys[j], first.keys[i], in: records) {
                take(second.keys[j], renumbering: true)
                j += 1
            } else {
                take(first.keys[i], renumbering: false)
                i += 1
            }
        }
        for key in first.keys[i...] { take(key, renumbering: false) }
        for key in second.keys[j...] { take(key, renumbering: true) }
        return joined
    }

    /// The records known on `date`: those retracted by then are withdrawn,
    /// the others kept where `include` says so, in date order, then id, each
    /// with the states it names where `states` fills them. Both are given
    /// positions in `records`: a record passed by value is copied, a retain
    /// of each of its fields.
    ///
    /// Every record is read once, in the order the dataset holds them, which
    /// is the order their parts lie in memory; only the small keys are then
    /// put in date order. Read in date order, each record was a fresh miss
    /// of the processor's cache, and that was most of the view's time.
    static func choose<Record: DatedRecord>(_ records: [Record], in range: Range<Int>? = nil, knowledge: Knowledge, on date: Day,
                                            where include: (Int) -> Bool = { _ in true },
                                            states: ((Int, inout [Int32], inout PositionLookups) -> Void)?) -> Chosen {
        var chosen = Chosen()
        var keys: [ChronologicalKey] = []
        var numbers: [[Int32]: Int32] = [:]
        var named: [Int32] = []
        var lookups = PositionLookups(dataset: knowledge.dataset)
        let day = date.rawValue
        for index in range ?? records.indices {
            guard knowledge.knownFrom(records[index].sources, recorded: records[index].recorded, lookups: &lookups) <= day else { continue }
            if let retraction = records[index].retracted, knowledge.effectiveFrom(retraction, lookups: &lookups) <= day {
                chosen.withdrawn.append(Withdrawal(kind: Record.recordKind, id: records[index].id, retraction: retraction))
                continue
            }
            guard include(index) else { continue }
            var set: Int32 = 0
            if let states {
                states(index, &named, &lookups)
                if let number = numbers[named] {
                    set = number
                } else {
                    set = Int32(chosen.stateSets.count)
                    numbers[named] = set
                    chosen.stateSets.append(named)
                }
            }
            keys.append(ChronologicalKey(records[index].chronologicalDate, id: records[index].id, position: Int32(index), set: set))
        }
        sortChronologically(&keys, in: records)
        chosen.kept = keys.map(\.position)
        chosen.sets = keys.map(\.set)
        chosen.keys = keys
        return chosen
    }

    // What a record shows of another it points at (a quote's event, a
    // withdrawn update's commitment) must be known on the day too: a brief
    // says only what the dataset could have said then.

    /// Whether the dataset knew of `record` on the day (DATASET.md "As-of"),
    /// withdrawn since or not.
    func knows<Record: DatedRecord>(_ record: Record) -> Bool {
        var lookups = PositionLookups(dataset: dataset)
        return knowledge.knownFrom(record.sources, recorded: record.recorded, lookups: &lookups) <= date.rawValue
    }

    /// Whether the view holds `record`: known on the day and not withdrawn
    /// by then, the test `choose` applies.
    func holds<Record: DatedRecord>(_ record: Record) -> Bool {
        var lookups = PositionLookups(dataset: dataset)
        return knows(record) && knowledge.effectiveFrom(record.retracted, lookups: &lookups) > date.rawValue
    }

    /// Puts `keys` in the order of DATASET.md's "Dates": first day, last day,
    /// id; records equal in all three keep their order in `records`.
    static func sortChronologically<Record: DatedRecord>(_ keys: inout [ChronologicalKey], in records: [Record]) {
        keys.sort { precedes($0, $1, in: records) }
    }

    /// Whether `x` comes before `y` in that order.
    static func precedes<Record: DatedRecord>(_ x: ChronologicalKey, _ y: ChronologicalKey, in records: [Record]) -> Bool {
        if x.start != y.start { return x.start < y.start }
        if x.end != y.end { return x.end < y.end }
        if x.idPrefix != y.idPrefix { return x.idPrefix < y.idPrefix }
        // The same first sixteen bytes: the ids themselves decide.
        let order = records[Int(x.position)].id.utf8Order(records[Int(y.position)].id)
        return order != 0 ? order < 0 : x.position < y.position
    }

    /// The states a withdrawn record names (`Dataset.states(of:)` of the
    /// record with its id; an update: of its commitment), into `states`.
    static func states(of withdrawal: Withdrawal, in dataset: Dataset, actorStates: ActorStates, into states: inout [Int32],
                       lookups: inout PositionLookups) {
        states.removeAll(keepingCapacity: true)
        switch withdrawal.kind {
        case .event:
            if let position = dataset.eventPosition(withdrawal.id) { actorStates.states(ofEventAt: position, into: &states, lookups: &lookups) }
        case .quote:
            if let position = dataset.quotePosition(withdrawal.id) { actorStates.states(ofQuoteAt: position, into: &states, lookups: &lookups) }
        case .commitment:
            if let position = dataset.commitmentPosition(withdrawal.id) { actorStates.states(ofCommitmentAt: position, into: &states, lookups: &lookups) }
        case .update:
            if let update = dataset.updatePosition(withdrawal.id),
               let position = dataset.commitmentPosition(dataset.updates[update].commitment.id) {
                actorStates.states(ofCommitmentAt: position, into: &states, lookups: &lookups)
            }
        case .actor, .source:
            break
        }
    }

    /// Each commitment kept with the updates in effect on `date` (those of
    /// its id, in their order) and its state from them.
    static func commitments(_ records: AsOfRecords<Commitment>, updates: AsOfRecords<Update>, on date: Day) -> AsOfCommitments {
        let dataset = records.knowledge.dataset
        // The updates of each commitment, grouped by the position of the
        // first commitment with the id they name.
        let count = dataset.commitments.count
        var starts = [Int32](repeating: 0, count: count + 1)
        let owners = updates.positions.map { position in
            dataset.commitmentPosition(dataset.updates[Int(position)].commitment.id).map(Int32.init) ?? -1
        }
        for owner in owners where owner >= 0 { starts[Int(owner) + 1] += 1 }
        for index in 0..<count { starts[index + 1] += starts[index] }
        var next = starts
        var grouped = [Int32](repeating: 0, count: Int(starts[count]))
        for (place, owner) in owners.enumerated() where owner >= 0 {
            grouped[Int(next[Int(owner)])] = Int32(place)
            next[Int(owner)] += 1
        }

        var updateStarts: [Int32] = [0]
        var updatePlaces: [Int32] = []
        var facts: [CommitmentState.Facts] = []
        updateStarts.reserveCapacity(records.count + 1)
        facts.reserveCapacity(records.count)
        for place in records.indices {
            let position = records.position(at: place)
            var status: CommitmentStatus?
            if let owner = dataset.commitmentPosition(dataset.commitments[position].id) {
                let mine = grouped[Int(starts[owner])..<Int(starts[owner + 1])]
                updatePlaces += mine
                status = mine.last.map { dataset.updates[updates.position(at: Int($0))].status }
            }
            updateStarts.append(Int32(updatePlaces.count))
            facts.append(CommitmentState.Facts(made: dataset.commitments[position].made, due: dataset.commitments[position].due,
                                               lastStatus: status, on: date))
        }
        return AsOfCommitments(records: records, updates: updates, facts: facts, updateStarts: updateStarts, updatePlaces: updatePlaces)
    }
}

/// Where a record stands in the order of DATASET.md's "Dates": its first
/// and last days and the first sixteen bytes of its id, which decide most
/// ties without reading the record again; with its position and the number
/// of the set of states it names, carried along.
struct ChronologicalKey {
    var start: Int
    var end: Int
    /// The id's first sixteen UTF-8 bytes, big-endian, zero-padded: in the
    /// order of the bytes themselves.
    var idPrefix: UInt128
    var position: Int32
    var set: Int32

    init(_ date: EDTFDate, id: String, position: Int32, set: Int32) {
        start = date.sortStart.rawValue
        end = date.sortEnd.rawValue
        var prefix: UInt128 = 0
        var count = 0
        for byte in id.utf8.prefix(16) {
            prefix = prefix << 8 | UInt128(byte)
            count += 1
        }
        idPrefix = prefix << (8 * (16 - count))
        self.position = position
        self.set = set
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
        return aID.utf8Precedes(bID)
    }
}
