/// What changed in a brief between two dates, in the analyst's terms: what
/// was learned or changed in the world, keyed by the items' stable ids.
/// Also a public JSON shape (`changes.json`), versioned like the Brief.
public struct BriefChanges: Sendable, Hashable, Codable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var brief: String
    public var title: String
    public var from: String
    public var fromDisplay: String
    public var to: String
    public var toDisplay: String
    /// One paragraph: what is new, in counts.
    public var summary: String
    public var hasChanges: Bool
    public var events: EventChanges
    public var keyQuotes: QuoteChanges
    public var reportedStatements: QuoteChanges
    /// Quotes present on both dates whose content changed.
    public var quotesChanged: [ItemChange]
    public var commitments: CommitmentChanges
    public var bluf: TextChange?
    public var trend: TrendChange?
    public var counts: [CountChange]
    /// Sources cited on the later date and not on the earlier.
    public var newSources: [SourceItem]
}

public struct EventChanges: Sendable, Hashable, Codable {
    /// Newly in the brief (recent developments or timeline).
    public var appeared: [EventItem]
    /// Retracted between the two dates.
    public var withdrawn: [WithdrawnItem]
    public var changed: [ItemChange]
}

public struct QuoteChanges: Sendable, Hashable, Codable {
    public var entered: [QuoteItem]
    public var left: [QuoteExit]
}

/// A quote that left a list: outranked by others, retracted, or no longer
/// selected (not yet known on an earlier date, removed from the dataset, no
/// longer about the pair, no longer of its form).
public struct QuoteExit: Sendable, Hashable, Codable {
    public enum Reason: String, Sendable, Hashable, Codable {
        case outranked, withdrawn
        case noLongerSelected = "no-longer-selected"
    }
    public var quote: QuoteItem
    public var reason: Reason
}

/// The quotes a brief's two lists were ranked from on its date, by id: what
/// was there to be outranked by. Not part of the snapshot; `daily` and
/// `diff BRIEF --from --to` have it from the dataset.
public struct QuotePools: Sendable, Hashable {
    /// Direct quotes, from which the key quotes are the first N.
    public var key: Set<String>
    /// Reported statements, from which the listed ones are the first N.
    public var reported: Set<String>

    public init(key: Set<String>, reported: Set<String>) {
        self.key = key
        self.reported = reported
    }
}

public struct CommitmentChanges: Sendable, Hashable, Codable {
    /// Newly known commitments.
    public var made: [CommitmentItem]
    public var statusChanged: [StatusChange]
    public var becameOverdue: [CommitmentItem]
    public var withdrawn: [WithdrawnItem]
    public var changed: [ItemChange]
}

/// A commitment whose status moved, with the update that moved it.
public struct StatusChange: Sendable, Hashable, Codable {
    public var id: String
    public var text: String
    public var byNames: [String]
    public var from: CommitmentStatus
    public var to: CommitmentStatus
    /// The updates in effect on the later date that were not on the earlier.
    public var updates: [UpdateItem]
    public var overdue: Bool
    public var sources: [CitationItem]
}

/// An item present on both dates whose fields differ.
public struct ItemChange: Sendable, Hashable, Codable {
    public var kind: RecordKind
    public var id: String
    public var title: String
    public var fields: [FieldChange]
    public var sources: [CitationItem]
}

public struct FieldChange: Sendable, Hashable, Codable {
    public var field: String
    /// The values as JSON text.
    public var from: String
    public var to: String
}

public struct TextChange: Sendable, Hashable, Codable {
    public var from: String
    public var to: String
}

public struct TrendChange: Sendable, Hashable, Codable {
    public var directionFrom: Trend.Direction
    public var directionTo: Trend.Direction
    public var recentScoreFrom: Double
    public var recentScoreTo: Double
}

public struct CountChange: Sendable, Hashable, Codable {
    public var name: String
    public var from: Int
    public var to: Int
}
