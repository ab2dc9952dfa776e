import Dispatch
import Synchronization

/// What changed in the dataset since a run state of the same day, and which
/// briefs it can reach (docs/performance.md, "The run state").
///
/// Files are compared by the key of their bytes; inside a changed file,
/// records by what they say (`RecordContent`), so that a record moved to
/// another line or file, or left as it was beside an edited one, is no
/// change. A brief is reached, and must be analysed again, when:
///
/// - a record that changed or went, in its old version, is one the brief
///   read on the day (`DayReadSet`);
/// - a record that changed or is new enters the brief: an event, quote or
///   commitment known on the day (withdrawn by then or not) that belongs to
///   it, or an update known on the day of a commitment that belongs to it;
/// - a source that was in the dataset but not known on the day is known on
///   it now, and a record that enters the brief in the same way cites it
///   (in its citations or its retraction's).
///
/// Every brief is reached when a changed, new or removed file declares
/// actors, vocabulary or top-level `x-` keys: whom a record names, and so
/// which brief it belongs to, can then change anywhere.
///
/// Anything else leaves every record a brief read on the day, and every
/// record it could read then, as it was: the brief is the one the state's
/// run made. Only what changed is read, apart from a search for the records
/// that cite a source newly known.
public struct DatasetChange: Sendable {
    /// Why every brief must be analysed again, if it must.
    public let reachesEveryBrief: String?
    /// The records, by hash, that changed or went; sorted.
    let changedIDs: [UInt64]
    /// The briefs, by id, that a changed or new record enters.
    let entered: Set<String>

    /// Compares `files` (each with its key: loaded through a cache) with
    /// `state`, of the same `day`.
    public init(since state: RunState, files: [LoadedFile], dataset: Dataset, definitions: [BriefDefinition], day: Day) {
        var old: [String: RunState.File] = [:]
        for file in state.files { old[file.path] = file }
        var changed: [LoadedFile] = []
        for file in files {
            if let previous = old[file.path], previous.key == file.key {
                old[file.path] = nil
            } else {
                changed.append(file)
            }
        }
        // What is left: the old versions of the changed files, and the removed files.
        self.init(since: state, changed: changed, gone: Array(old.values), dataset: dataset, definitions: definitions, day: day)
    }

    /// The same, from the `changed` and new files (loaded into `dataset`,
    /// which holds at least every actor, the records they name and the
    /// records that cite their sources) and the state's entries of the
    /// files `gone`: the old versions of the changed ones and those removed.
    init(since state: RunState, changed: [LoadedFile], gone: [RunState.File], dataset: Dataset, definitions: [BriefDefinition], day: Day) {
        guard state.day == day else {
            (reachesEveryBrief, changedIDs, entered) = ("the state is of \(state.day.iso)", [], [])
            return
        }
        guard !gone.contains(where: \.declaresShared), !changed.contains(where: \.declaresShared) else {
            (reachesEveryBrief, changedIDs, entered) = ("actors, vocabulary or x- keys changed", [], [])
            return
        }

        // Each record of the changed files, old and new, by hash.
        var before: [UInt64: [RecordContent.Digest]] = [:]
        for file in gone {
            for record in file.records { before[record.id, default: []].append(record.content) }
        }
        let now = changed.map { $0.records(in: dataset) }
        var after: [UInt64: [RecordContent.Digest]] = [:]
        for file in now {
            for record in file { after[record.id, default: []].append(record.content) }
        }
        func holds(_ table: [UInt64: [RecordContent.Digest]], _ id: UInt64, _ content: RecordContent.Digest) -> Bool {
            table[id]?.contains { $0 == content } ?? false
        }
        var changedIDs: [UInt64] = []
        for file in gone {
            for record in file.records where !holds(after, record.id, record.content) { changedIDs.append(record.id) }
        }
        self.changedIDs = RecordHash.sortedUnique(changedIDs)

        let knowledge = Knowledge(dataset: dataset)
        let knownBefore = RecordHash.sortedUnique(gone.flatMap(\.knownSources))
        var candidates = Candidates()
        var newlyKnown = Set<String>()
        for record in now.joined() where !holds(before, record.id, record.content) {
            switch record.kind {
            case .source:
                if knowledge.knownDay(ofSourceAt: record.position) <= day.rawValue, before[record.id] != nil,
                   !RecordHash.contains(knownBefore, record.id) {
                    newlyKnown.insert(dataset.sources[record.position].id)
                }
            case .event: candidates.events.append(record.position)
            case .quote: candidates.quotes.append(record.position)
            case .commitment: candidates.commitments.append(record.position)
            case .update: candidates.updates.append(record.position)
            case .actor: break
            }
        }
        if !newlyKnown.isEmpty { candidates.add(citing: newlyKnown, in: dataset) }
        reachesEveryBrief = nil
        entered = candidates.briefsEntered(in: dataset, knowledge: knowledge, definitions: definitions, day: day)
    }

    /// Whether the change can reach the brief `brief` of the state.
    public func reaches(_ brief: RunState.Brief) -> Bool {
        reachesEveryBrief != nil || entered.contains(brief.id) || RecordHash.intersect(changedIDs, brief.readSet)
    }

    /// Records, by position, that may enter a brief.
    struct Candidates {
        var events: [Int] = []
        var quotes: [Int] = []
        var commitments: [Int] = []
        var updates: [Int] = []

        /// Every record that cites one of `sources`, in its citations or its retraction's.
        mutating func add(citing sources: Set<String>, in dataset: Dataset) {
            events += dataset.events.indices.filter { dataset.events[$0].cites(any: sources) }
            quotes += dataset.quotes.indices.filter { dataset.quotes[$0].cites(any: sources) }
            commitments += dataset.commitments.indices.filter { dataset.commitments[$0].cites(any: sources) }
            updates += dataset.updates.indices.filter { dataset.updates[$0].cites(any: sources) }
        }

        /// The briefs a candidate known on `day` belongs to (an update: its commitment).
        func briefsEntered(in dataset: Dataset, knowledge: Knowledge, definitions: [BriefDefinition], day: Day) -> Set<String> {
            let actorStates = ActorStates(dataset: dataset)
            var lookups = PositionLookups(dataset: dataset)
            let scopes = definitions.map { definition in
                (id: definition.id,
                 parties: Set(definition.parties.compactMap { dataset.actorPosition($0.id).map(Int32.init) }),
                 related: Set(definition.related.compactMap { dataset.actorPosition($0.id).map(Int32.init) }))
            }
            var entered = Set<String>()
            var states: [Int32] = []
            func enter() {
                for scope in scopes where Scope.of(states[...], parties: scope.parties, related: scope.related) != nil {
                    entered.insert(scope.id)
                }
            }
            func known<Record: DatedRecord>(_ record: Record) -> Bool {
                knowledge.knownFrom(record.sources, recorded: record.recorded, lookups: &lookups) <= day.rawValue
            }
            for position in events where known(dataset.events[position]) {
                actorStates.states(ofEventAt: position, into: &states, lookups: &lookups)
                enter()
            }
            for position in quotes where known(dataset.quotes[position]) {
                actorStates.states(ofQuoteAt: position, into: &states, lookups: &lookups)
                enter()
            }
            for position in commitments where known(dataset.commitments[position]) {
                actorStates.states(ofCommitmentAt: position, into: &states, lookups: &lookups)
                enter()
            }
            for position in updates where known(dataset.updates[position]) {
                guard let commitment = dataset.commitmentPosition(dataset.updates[position].commitment.id) else { continue }
                actorStates.states(ofCommitmentAt: commitment, into: &states, lookups: &lookups)
                enter()
            }
            return entered
        }
    }

    /// The run state's entries of `files` on `day`: a file whose bytes did
    /// not change since `previous` keeps its records' hashes (and, on the
    /// same day, its known sources); the others are worked out from the
    /// dataset, on all cores. Nil when a file has no key (no cache).
    public static func stateFiles(_ files: [LoadedFile], dataset: Dataset, day: Day, previous: RunState?) -> [RunState.File]? {
        guard files.allSatisfy({ $0.key != nil }) else { return nil }
        var byPath: [String: RunState.File] = [:]
        for file in previous?.files ?? [] { byPath[file.path] = file }
        let old = byPath
        let knowledge = Knowledge(dataset: dataset)
        let sameDay = previous?.day == day
        let parts = ParallelParts.ranges(count: files.count, size: 64)
        let made = ParallelParts.map(parts.count) { part in
            parts[part].map { index -> RunState.File in
                let file = files[index], key = file.key!
                if let kept = old[file.path], kept.key == key {
                    if sameDay { return kept }
                    var moved = kept
                    moved.knownSources = file.knownSources(in: dataset, knowledge: knowledge, on: day)
                    return moved
                }
                let (ids, contents) = file.stateRecords(in: dataset)
                return RunState.File(path: file.path, key: key, declaresShared: file.declaresShared, ids: ids, contents: contents,
                                     knownSources: file.knownSources(in: dataset, knowledge: knowledge, on: day),
                                     references: file.referenceHashes(in: dataset))
            }
        }
        return Array(made.joined())
    }
}
