/// Something that happened between states: a meeting, a visit, an agreement signed.
public struct Event: Sendable, Hashable {
    public var id: String
    public var date: EDTFDate
    public var type: String
    public var title: String
    public var sources: [Citation]
    public var participants: [Reference]
    public var by: [Reference]
    public var to: [Reference]
    public var parties: [Reference]
    public var location: String?
    public var venue: String?
    public var summary: String?
    public var topics: [String]
    /// Held behind a pointer (`Indirect`): few records have either.
    private var recordedStorage: Indirect<EDTFDate>?
    private var retractedStorage: Indirect<Retraction>?
    public var extensions: Extensions
    public var origin: SourceLocation
    public var fieldOrigins: FieldOrigins

    public init(id: String, date: EDTFDate, type: String, title: String, sources: [Citation],
                participants: [Reference] = [], by: [Reference] = [], to: [Reference] = [], parties: [Reference] = [],
                location: String? = nil, venue: String? = nil, summary: String? = nil, topics: [String] = [],
                recorded: EDTFDate? = nil, retracted: Retraction? = nil, extensions: Extensions = [],
                origin: SourceLocation, fieldOrigins: FieldOrigins = FieldOrigins()) {
        self.id = id
        self.date = date
        self.type = type
        self.title = title
        self.sources = sources
        self.participants = participants
        self.by = by
        self.to = to
        self.parties = parties
        self.location = location
        self.venue = venue
        self.summary = summary
        self.topics = topics
        recordedStorage = recorded.map(Indirect.value)
        retractedStorage = retracted.map(Indirect.value)
        self.extensions = extensions
        self.origin = origin
        self.fieldOrigins = fieldOrigins
    }

    public var recorded: EDTFDate? {
        get { recordedStorage?.value }
        set { recordedStorage = newValue.map(Indirect.value) }
    }

    public var retracted: Retraction? {
        get { retractedStorage?.value }
        set { retractedStorage = newValue.map(Indirect.value) }
    }
}
