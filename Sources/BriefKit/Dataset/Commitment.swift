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
    public var recorded: EDTFDate?
    public var retracted: Retraction?
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
        self.recorded = recorded
        self.retracted = retracted
        self.extensions = extensions
        self.origin = origin
        self.fieldOrigins = fieldOrigins
    }
}
