/// A briefing as of a date: format-neutral, and the JSON snapshot that `diff`
/// and users' scripts read (`brief.json`). Arrays are in the order the brief
/// shows them. A change that breaks a reader bumps `schemaVersion`.
public struct Brief: Sendable, Hashable, Codable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// The brief definition's id.
    public var brief: String
    public var title: String
    /// "YYYY-MM-DD".
    public var asOf: String
    public var asOfDisplay: String
    /// The two states of the dyad, in the definition's order.
    public var parties: [String]
    public var related: [String]
    public var audience: String?
    public var note: String?
    /// Days counted as recent.
    public var window: Int
    /// The bottom line up front, generated from the data.
    public var bluf: String
    public var recent: [EventItem]
    public var timeline: [EventItem]
    /// Cooperation areas: the topics of the brief's items, most frequent first.
    public var topics: [TopicCount]
    public var thirdParties: [ThirdParty]
    public var trend: Trend
    public var keyQuotes: [QuoteItem]
    public var reportedStatements: [QuoteItem]
    public var commitments: CommitmentLists
    /// Records that belonged to the brief and have been retracted.
    public var withdrawn: [WithdrawnItem]
    public var sources: [SourceItem]
    /// Every actor the brief names, by id: names for display.
    public var actors: [ActorItem]
}

/// How an item is cited: the source, where in it, and the grade of this
/// piece of information ("B2").
public struct CitationItem: Sendable, Hashable, Codable {
    public var source: String
    public var locator: String?
    /// The citation's own credibility, else the source's.
    public var credibility: Int?
    /// Reliability letter and credibility digit, e.g. "B2"; "–" parts unknown.
    public var grade: String
}

/// A record's scope in the brief: the dyad itself, or a party's dealings with a related state.
public typealias ItemScope = Scope

public struct EventItem: Sendable, Hashable, Codable {
    public var id: String
    /// EDTF text, as in the dataset.
    public var date: String
    /// At its own precision: "April 2025", "c. 2010".
    public var dateDisplay: String
    public var type: String
    public var typeLabel: String
    /// Goldstein weight of the type; nil when the type is not in the vocabulary.
    public var weight: Double?
    public var milestone: Bool
    public var title: String
    public var summary: String?
    public var location: String?
    public var venue: String?
    public var participants: [String]
    public var scope: Scope
    public var topics: [String]
    public var sources: [CitationItem]
}

public struct QuoteItem: Sendable, Hashable, Codable {
    public var id: String
    public var speaker: String
    public var speakerName: String
    /// The speaker's role on the quote's date ("President of Azerbaijan"); nil without one.
    public var role: String?
    /// The speaker no longer holds `role` on the brief's date: shown as "then".
    public var formerRole: Bool
    public var level: Level
    public var date: String
    public var dateDisplay: String
    /// Verbatim, line breaks kept.
    public var text: String
    public var form: QuoteForm
    public var priority: Priority
    public var language: String?
    public var translated: Bool
    public var event: String?
    public var eventTitle: String?
    public var venue: String?
    public var scope: Scope
    public var sources: [CitationItem]
}

public struct CommitmentItem: Sendable, Hashable, Codable {
    public var id: String
    public var kind: CommitmentKind
    public var by: [String]
    public var byNames: [String]
    public var to: [String]
    public var toNames: [String]
    public var text: String
    public var made: String
    public var madeDisplay: String
    public var due: String?
    public var dueDisplay: String?
    public var quantity: String?
    public var status: CommitmentStatus
    public var overdue: Bool
    /// Days since it was made (from the last day of `made`).
    public var ageDays: Int
    public var event: String?
    public var lastUpdate: UpdateItem?
    /// Every status change in effect, oldest first.
    public var history: [UpdateItem]
    public var scope: Scope
    public var sources: [CitationItem]
}

public struct UpdateItem: Sendable, Hashable, Codable {
    public var id: String
    public var date: String
    public var dateDisplay: String
    public var status: CommitmentStatus
    public var note: String?
    public var evidence: String?
    public var sources: [CitationItem]
}

public struct CommitmentLists: Sendable, Hashable, Codable {
    /// Status open, in-progress or partially-fulfilled.
    public var outstanding: [CommitmentItem]
    /// Status unknown.
    public var unknown: [CommitmentItem]
    /// Fulfilled, lapsed, withdrawn or superseded.
    public var closed: [CommitmentItem]
    public var overdueCount: Int
}

public struct SourceItem: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var publisher: String?
    public var published: String
    public var publishedDisplay: String
    public var url: String?
    public var kind: SourceKind?
    public var reliability: String?
    public var credibility: Int?
    /// "B2", with "–" for an unknown part.
    public var grade: String
    public var note: String?
}

public struct ActorItem: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var kind: ActorKind
    public var code: String?
}

public struct TopicCount: Sendable, Hashable, Codable {
    public var topic: String
    public var count: Int
}

public struct ThirdParty: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// Distinct records in the brief that name it.
    public var records: Int
}

public struct WithdrawnItem: Sendable, Hashable, Codable {
    public var kind: RecordKind
    public var id: String
    public var title: String
    public var retracted: String
    public var retractedDisplay: String
    public var note: String?
    public var sources: [CitationItem]
}
