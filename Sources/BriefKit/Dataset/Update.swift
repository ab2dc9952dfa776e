/// A change of a commitment's status, with its own date and sources.
public struct Update: Sendable, Hashable {
    public var id: String
    public var commitment: Reference
    public var date: EDTFDate
    public var status: CommitmentStatus
    public var sources: [Citation]
    public var note: String?
    public var evidence: Reference?
    /// Held behind a pointer (`Indirect`): few records have either.
    private var recordedStorage: Indirect<EDTFDate>?
    private var retractedStorage: Indirect<Retraction>?
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
