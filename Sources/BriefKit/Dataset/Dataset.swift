/// Every record of every file, merged. The order records were read in never
/// matters: lookups are by id and every listing is sorted by the caller.
public struct Dataset: Sendable {
    public var actors: [Actor]
    public var sources: [Source]
    public var events: [Event]
    public var quotes: [Quote]
    public var commitments: [Commitment]
    public var updates: [Update]
    /// Shipped entries first, then the dataset's own.
    public var vocabulary: [VocabularyEntry]
    /// Top-level `x-` keys, by file.
    public var extensions: [String: Extensions]

    public private(set) var actorsByID: [String: Actor] = [:]
    public private(set) var sourcesByID: [String: Source] = [:]
    public private(set) var eventsByID: [String: Event] = [:]
    public private(set) var quotesByID: [String: Quote] = [:]
    public private(set) var commitmentsByID: [String: Commitment] = [:]
    public private(set) var updatesByID: [String: Update] = [:]
    public private(set) var vocabularyByType: [String: VocabularyEntry] = [:]

    public init(actors: [Actor] = [], sources: [Source] = [], events: [Event] = [], quotes: [Quote] = [],
                commitments: [Commitment] = [], updates: [Update] = [], vocabulary: [VocabularyEntry] = [],
                extensions: [String: Extensions] = [:]) {
        self.actors = actors
        self.sources = sources
        self.events = events
        self.quotes = quotes
        self.commitments = commitments
        self.updates = updates
        self.vocabulary = vocabulary
        self.extensions = extensions
        reindex()
    }

    /// Rebuilds the id lookups; the first record with an id wins (a duplicate is
    /// an error the validator reports).
    public mutating func reindex() {
        actorsByID = Dictionary(actors.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        sourcesByID = Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        eventsByID = Dictionary(events.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        quotesByID = Dictionary(quotes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        commitmentsByID = Dictionary(commitments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        updatesByID = Dictionary(updates.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        vocabularyByType = Dictionary(vocabulary.map { ($0.type, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The kind of the record with this id, if any.
    public func kind(of id: String) -> RecordKind? {
        if actorsByID[id] != nil { return .actor }
        if sourcesByID[id] != nil { return .source }
        if eventsByID[id] != nil { return .event }
        if quotesByID[id] != nil { return .quote }
        if commitmentsByID[id] != nil { return .commitment }
        if updatesByID[id] != nil { return .update }
        return nil
    }

    public var recordCount: Int {
        actors.count + sources.count + events.count + quotes.count + commitments.count + updates.count
    }
}
