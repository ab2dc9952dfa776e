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

    /// Position of each id in its array: the lookups below read the record
    /// from the array, so that no record is held twice (a dictionary of records
    /// doubled the memory of a loaded dataset and the time to index it).
    private var actorPositions = IDTable()
    private var sourcePositions = IDTable()
    private var eventPositions = IDTable()
    private var quotePositions = IDTable()
    private var commitmentPositions = IDTable()
    private var updatePositions = IDTable()
    private var vocabularyPositions = IDTable()

    public var actorsByID: RecordLookup<Actor> { RecordLookup(records: actors, positions: actorPositions) }
    public var sourcesByID: RecordLookup<Source> { RecordLookup(records: sources, positions: sourcePositions) }
    public var eventsByID: RecordLookup<Event> { RecordLookup(records: events, positions: eventPositions) }
    public var quotesByID: RecordLookup<Quote> { RecordLookup(records: quotes, positions: quotePositions) }
    public var commitmentsByID: RecordLookup<Commitment> { RecordLookup(records: commitments, positions: commitmentPositions) }
    public var updatesByID: RecordLookup<Update> { RecordLookup(records: updates, positions: updatePositions) }
    public var vocabularyByType: RecordLookup<VocabularyEntry> { RecordLookup(records: vocabulary, positions: vocabularyPositions) }

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
    /// an error the validator reports). Call it after changing the arrays.
    public mutating func reindex() {
        actorPositions = Self.positions(of: actors) { $0.id }
        sourcePositions = Self.positions(of: sources) { $0.id }
        eventPositions = Self.positions(of: events) { $0.id }
        quotePositions = Self.positions(of: quotes) { $0.id }
        commitmentPositions = Self.positions(of: commitments) { $0.id }
        updatePositions = Self.positions(of: updates) { $0.id }
        vocabularyPositions = Self.positions(of: vocabulary) { $0.type }
    }

    private static func positions<Record>(of records: [Record], _ key: (Record) -> String) -> IDTable {
        var positions = IDTable(minimumCapacity: records.count)
        // The first record with an id is the one the table keeps.
        for position in records.indices {
            positions.insert(key(records[position]), at: position)
        }
        return positions
    }

    // MARK: Positions

    // Where the first record with an id stands in its array. The as-of view,
    // the analysis and the validator read the few fields they need there:
    // a lookup through `actorsByID` copies the whole record (a retain of
    // every field), which in a loop over every record costs more than the work.

    /// The tables behind `actorPosition`, `sourcePosition` and
    /// `vocabularyPosition`, for a lookup that keeps them: a closure that
    /// captured the dataset to call those copied all of its fields each time.
    var actorPositionTable: IDTable { actorPositions }
    var sourcePositionTable: IDTable { sourcePositions }
    var vocabularyPositionTable: IDTable { vocabularyPositions }

    func actorPosition(_ id: String) -> Int? { actorPositions[id] }
    func sourcePosition(_ id: String) -> Int? { sourcePositions[id] }
    func eventPosition(_ id: String) -> Int? { eventPositions[id] }
    func quotePosition(_ id: String) -> Int? { quotePositions[id] }
    func commitmentPosition(_ id: String) -> Int? { commitmentPositions[id] }
    func updatePosition(_ id: String) -> Int? { updatePositions[id] }
    func vocabularyPosition(_ type: String) -> Int? { vocabularyPositions[type] }

    /// The kind of the record with this id, if any.
    public func kind(of id: String) -> RecordKind? {
        if actorPositions[id] != nil { return .actor }
        if sourcePositions[id] != nil { return .source }
        if eventPositions[id] != nil { return .event }
        if quotePositions[id] != nil { return .quote }
        if commitmentPositions[id] != nil { return .commitment }
        if updatePositions[id] != nil { return .update }
        return nil
    }

    public var recordCount: Int {
        actors.count + sources.count + events.count + quotes.count + commitments.count + updates.count
    }
}

/// The records of one kind by id (or the vocabulary by type), read through
/// positions into the dataset's array.
public struct RecordLookup<Record: Sendable>: Sendable {
    let records: [Record]
    let positions: IDTable

    public subscript(id: String) -> Record? {
        guard let position = positions[id], position < records.count else { return nil }
        return records[position]
    }
}
