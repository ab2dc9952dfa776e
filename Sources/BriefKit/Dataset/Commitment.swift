/// A promise by one or more actors: an agreement, a pledge, an offer, an invitation.
public struct Commitment: Sendable, Hashable {
    public var id: String
    public var by: [Reference]
    public var kind: CommitmentKind
    public var text: String
    public var made: EDTFDate
    public var sources: [Citation]
    public var to: [Reference]
    public var event: Reference?
    public var due: EDTFDate?
    public var quantity: String?
    public var topics: [String]
    /// Held behind a pointer (`Indirect`): few records have either.
    private var recordedStorage: Indirect<EDTFDate>?
    private var retractedStorage: Indirect<Retraction>?
    public var extensions: Extensions
    public var origin: SourceLocation
    public var fieldOrigins: FieldOrigins

    public init(id: String, by: [Reference], kind: CommitmentKind, text: String, made: EDTFDate, sources: [Citation],
                to: [Reference] = [], event: Reference? = nil, due: EDTFDate? = nil, quantity: String? = nil,
                topics: [String] = [], recorded: EDTFDate? = nil, retracted: Retraction? = nil,
                extensions: Extensions = [], origin: SourceLocation, fieldOrigins: FieldOrigins = FieldOrigins()) {
        self.id = id
        self.by = by
        self.kind = kind
        self.text = text
        self.made = made
        self.sources = sources
        self.to = to
        self.event = event
        self.due = due
        self.quantity = quantity
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
