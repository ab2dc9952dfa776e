/// When the dataset knew a record: DATASET.md, "As-of".
extension Dataset {
    /// The first day a record citing `citations` is known: the earliest of its
    /// sources' publication (each counted from its last day), or `recorded`
    /// (its last day) where that is later. Nil: never surely known.
    public func knownFrom(_ citations: [Citation], recorded: EDTFDate? = nil) -> Day? {
        var earliest: Day?
        for citation in citations {
            guard let day = sourcesByID[citation.source.id]?.knownFrom else { continue }
            if earliest == nil || day < earliest! { earliest = day }
        }
        guard let known = earliest else { return nil }
        if let recorded {
            guard let day = recorded.knownFrom else { return nil }
            return max(known, day)
        }
        return known
    }

    /// The citations whose source was published (last day) on or before `day`.
    public func citable(_ citations: [Citation], on day: Day) -> [Citation] {
        citations.filter { citation in
            guard let known = sourcesByID[citation.source.id]?.knownFrom else { return false }
            return known <= day
        }
    }

    /// Whether a retraction has taken effect on `day`: its date has begun and
    /// its sources are known.
    public func isEffective(_ retraction: Retraction?, on day: Day) -> Bool {
        guard let retraction else { return false }
        guard retraction.date.earliest.map({ $0 <= day }) ?? true else { return false }
        guard let known = knownFrom(retraction.sources) else { return false }
        return known <= day
    }
}
