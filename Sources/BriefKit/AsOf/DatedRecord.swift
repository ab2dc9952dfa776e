/// An event, a quote, a commitment or an update: a record that is known from
/// its sources, may be retracted, and is ordered by a date. The as-of view
/// treats the four kinds alike through this.
public protocol DatedRecord: Sendable, Hashable {
    static var recordKind: RecordKind { get }
    var id: String { get }
    /// The date it is ordered by (DATASET.md "Dates"): `made` for a
    /// commitment, `date` for the others.
    var chronologicalDate: EDTFDate { get }
    var sources: [Citation] { get set }
    var recorded: EDTFDate? { get }
    var retracted: Retraction? { get }
}

extension DatedRecord {
    /// Whether it cites one of `sources`, in its citations or its retraction's.
    func cites(any sources: Set<String>) -> Bool {
        self.sources.contains { sources.contains($0.source.id) }
            || (retracted?.sources.contains { sources.contains($0.source.id) } ?? false)
    }
}

extension Event: DatedRecord {
    public static var recordKind: RecordKind { .event }
    public var chronologicalDate: EDTFDate { date }
}

extension Quote: DatedRecord {
    public static var recordKind: RecordKind { .quote }
    public var chronologicalDate: EDTFDate { date }
}

extension Commitment: DatedRecord {
    public static var recordKind: RecordKind { .commitment }
    public var chronologicalDate: EDTFDate { made }
}

extension Update: DatedRecord {
    public static var recordKind: RecordKind { .update }
    public var chronologicalDate: EDTFDate { date }
}
