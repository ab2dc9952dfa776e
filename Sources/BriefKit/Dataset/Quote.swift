/// Words spoken: verbatim (`direct`) or as the source reported them (`indirect`).
public struct Quote: Sendable, Hashable {
    public var id: String
    public var speaker: Reference
    /// As the source prints them; line breaks kept.
    public var text: String
    public var date: EDTFDate
    public var sources: [Citation]
    public var event: Reference?
    public var about: [Reference]
    public var topics: [String]
    public var language: String?
    public var translated: Bool
    public var form: QuoteForm
    public var priority: Priority
    /// Held behind a pointer (`Indirect`): few records have either.
    private var recordedStorage: Indirect<EDTFDate>?
    private var retractedStorage: Indirect<Retraction>?
    public var extensions: Extensions
    public var origin: SourceLocation
    public var fieldOrigins: FieldOrigins

    public init(id: String, speaker: Reference, text: String, date: EDTFDate, sources: [Citation],
                event: Reference? = nil, about: [Reference] = [], topics: [String] = [], language: String? = nil,
                translated: Bool = false, form: QuoteForm = .direct, priority: Priority = .normal,
                recorded: EDTFDate? = nil, retracted: Retraction? = nil, extensions: Extensions = [],
                origin: SourceLocation, fieldOrigins: FieldOrigins = FieldOrigins()) {
        self.id = id
        self.speaker = speaker
        self.text = text
        self.date = date
        self.sources = sources
        self.event = event
        self.about = about
        self.topics = topics
        self.language = language
        self.translated = translated
        self.form = form
        self.priority = priority
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
