/// When the dataset knew each source, and so each record (DATASET.md,
/// "As-of"), read by position: the view judges every record of the dataset,
/// and a lookup through `sourcesByID` would copy a source for each citation.
struct Knowledge: Sendable {
    /// A day no record is known on: a source never surely known, or none.
    static let never = Int.max

    let dataset: Dataset
    /// The first day each source is known (the last day of `published`), by
    /// position in the dataset's sources; `never` for an open end.
    private let sourceDays: [Int]

    init(dataset: Dataset) {
        self.dataset = dataset
        sourceDays = dataset.sources.map { $0.knownFrom?.rawValue ?? Self.never }
    }

    /// The first day the source a citation names is known; `never` for a
    /// source never surely known or not in the dataset.
    func knownDay(of citation: Citation) -> Int {
        guard let position = dataset.sourcePosition(citation.source.id) else { return Self.never }
        return sourceDays[position]
    }

    /// The first day the source at `position` is known; `never` for an open end.
    func knownDay(ofSourceAt position: Int) -> Int {
        sourceDays[position]
    }

    /// The same, for a pass that looks up many citations.
    func knownDay(of citation: Citation, lookups: inout PositionLookups) -> Int {
        guard let position = lookups.source(citation.source.id) else { return Self.never }
        return sourceDays[position]
    }

    /// `Dataset.knownFrom` as a day number, `never` for nil.
    func knownFrom(_ citations: [Citation], recorded: EDTFDate?, lookups: inout PositionLookups) -> Int {
        var earliest = Self.never
        for index in citations.indices {
            earliest = min(earliest, knownDay(of: citations[index], lookups: &lookups))
        }
        guard earliest != Self.never, let recorded else { return earliest }
        return max(earliest, recorded.knownFrom?.rawValue ?? Self.never)
    }

    /// The first day a retraction is in effect (`Dataset.isEffective`):
    /// its date has begun and its sources are known; `never` for none.
    func effectiveFrom(_ retraction: Retraction?, lookups: inout PositionLookups) -> Int {
        guard let retraction else { return Self.never }
        let known = knownFrom(retraction.sources, recorded: nil, lookups: &lookups)
        guard known != Self.never else { return Self.never }
        return max(known, retraction.date.earliest?.rawValue ?? Int.min)
    }

    /// Whether any citation names a source not yet published on `day`: the
    /// record then cites only the others that day.
    func citesLater(_ citations: [Citation], than day: Day) -> Bool {
        citations.indices.contains { knownDay(of: citations[$0]) > day.rawValue }
    }
}
