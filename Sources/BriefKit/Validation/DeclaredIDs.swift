/// Every id the records declared, and what a reference to it names: the kind
/// of its first declaration by place (DATASET.md, "Identifiers").
///
/// A class: the check of each reference hands it on, and a copy of a struct
/// of four tables was four retains and four releases, on every core at once.
final class DeclaredIDs: Sendable {
    /// What one id names.
    struct Entry: Sendable {
        /// The position in the declarations of the first one by place.
        var first: Int32
        /// Its kind.
        var kind: RecordKind
        /// For an actor, the kind of the first actor of the dataset with this id.
        var actorKind: ActorKind?
        /// The position in the dataset's sources of the first source with this
        /// id, or -1: what a citation of it marks as cited.
        var source: Int32
    }

    /// Every declared id, with the position of its entry.
    private let positions: IDTable
    /// The ids of actors and sources, which most references name, with the
    /// position of their entry: a table a few thousand ids long stays in the
    /// processor's cache, where one of every id of a large dataset does not.
    private let actorsAndSources: IDTable
    private let entries: [Entry]
    /// The positions in the declarations of every id declared more than once.
    let repeated: [String: [Int]]

    convenience init(_ declared: [DeclaredID], in dataset: Dataset) {
        self.init(declared, actors: dataset.actors, sources: dataset.sources)
    }

    /// The dataset's actors and sources are all it reads of the dataset.
    init(_ declared: [DeclaredID], actors: [Actor], sources: [Source]) {
        var positions = IDTable(minimumCapacity: declared.count)
        var entries: [Entry] = []
        entries.reserveCapacity(declared.count)
        var repeated: [String: [Int]] = [:]
        // Fields read where the lists hold them: a loop over the records
        // copied each one whole (a retain of every field), for one or two
        // fields read.
        for position in declared.indices {
            guard let existing = positions.insert(declared[position].id, at: entries.count) else {
                entries.append(Entry(first: Int32(position), kind: declared[position].kind, actorKind: nil, source: -1))
                continue
            }
            let id = declared[position].id
            let earlier = Int(entries[existing].first)
            repeated[id, default: [earlier]].append(position)
            // Ties keep the one declared first.
            if declared[position].location < declared[earlier].location {
                entries[existing].first = Int32(position)
                entries[existing].kind = declared[position].kind
            }
        }
        var actorsAndSources = IDTable(minimumCapacity: actors.count + sources.count)
        for index in actors.indices {
            let id = actors[index].id
            guard let entry = positions[id] else { continue }
            actorsAndSources.insert(id, at: entry)
            // The first actor with the id is the one a lookup by id finds.
            if entries[entry].kind == .actor, entries[entry].actorKind == nil {
                entries[entry].actorKind = actors[index].kind
            }
        }
        for position in sources.indices {
            let id = sources[position].id
            guard let entry = positions[id] else { continue }
            actorsAndSources.insert(id, at: entry)
            if entries[entry].source < 0 { entries[entry].source = Int32(position) }
        }
        self.positions = positions
        self.actorsAndSources = actorsAndSources
        self.entries = entries
        self.repeated = repeated
    }

    /// What `id` names, if it was declared; `kind`, what it should name,
    /// says which table to look in first. For an actor and a source alike,
    /// the same table first: a pass can remember the answer for both
    /// (`ResolvedIDs`).
    func entry(_ id: String, expecting kind: RecordKind) -> Entry? {
        if kind == .actor || kind == .source, let position = actorsAndSources[id] { return entries[position] }
        return positions[id].map { entries[$0] }
    }

    func entry(_ id: String, expecting expectation: Expectation) -> Entry? {
        switch expectation {
        case let .record(kind): entry(id, expecting: kind)
        case .actor: entry(id, expecting: .actor)
        }
    }
}
