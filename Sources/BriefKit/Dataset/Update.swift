/// A change of a commitment's status, with its own date and sources.
public struct Update: Sendable, Hashable {
    public var id: String
    public var commitment: Reference
    public var date: EDTFDate
    public var status: CommitmentStatus
    public var sources: [Citation]
    public var note: String?
    public var evidence: Reference?
    public var recorded: EDTFDate?
    public var retracted: Retraction?
    public var extensions: Extensions
    public var origin: SourceLocation
    public var fieldOrigins: FieldOrigins

    public init(id: String, commitment: Reference, date: EDTFDate, status: CommitmentStatus, sources: [Citation],
                note: String? = nil, evidence: Reference? = nil, recorded: EDTFDate? = nil, retracted: Retraction? = nil,
                extensions: Extensions = [], origin: SourceLocation, fieldOrigins: FieldOrigins = FieldOrigins()) {
        self.id = id
        self.commitment = commitment
        self.date = date
        self.status = status
        self.sources = sources
        self.note = note
        self.evidence = evidence
        self.recorded = recorded
        self.retracted = retracted
        self.extensions = extensions
        self.origin = origin
        self.fieldOrigins = fieldOrigins
    }
}
