/// From `date` on the record is no longer believed; it stays in the dataset so
/// that older briefs regenerate exactly.
public struct Retraction: Sendable, Hashable {
    public var date: EDTFDate
    public var note: String?
    public var sources: [Citation]
    public var origin: SourceLocation

    public init(date: EDTFDate, note: String? = nil, sources: [Citation], origin: SourceLocation) {
        self.date = date
        self.note = note
        self.sources = sources
        self.origin = origin
    }
}
