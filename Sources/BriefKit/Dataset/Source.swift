/// A document the dataset's facts come from, with its grades.
public struct Source: Sendable, Hashable {
    public var id: String
    public var title: String
    /// Decides when the dataset "knew" what the source says.
    public var published: EDTFDate
    public var publisher: String?
    public var url: String?
    public var kind: SourceKind?
    public var reliability: Reliability?
    public var credibility: Credibility?
    public var note: String?
    public var extensions: Extensions
    public var origin: SourceLocation
    public var fieldOrigins: FieldOrigins

    public init(id: String, title: String, published: EDTFDate, publisher: String? = nil, url: String? = nil,
                kind: SourceKind? = nil, reliability: Reliability? = nil, credibility: Credibility? = nil,
                note: String? = nil, extensions: Extensions = [], origin: SourceLocation,
                fieldOrigins: FieldOrigins = FieldOrigins()) {
        self.id = id
        self.title = title
        self.published = published
        self.publisher = publisher
        self.url = url
        self.kind = kind
        self.reliability = reliability
        self.credibility = credibility
        self.note = note
        self.extensions = extensions
        self.origin = origin
        self.fieldOrigins = fieldOrigins
    }

    /// The day from which the dataset can be sure it knew this source: the last
    /// day of `published`; nil when that is open-ended.
    public var knownFrom: Day? { published.knownFrom }
}

/// A record's pointer to a source, with where in it and, optionally, a
/// credibility for this piece of information.
public struct Citation: Sendable, Hashable {
    public var source: Reference
    public var locator: String?
    public var credibility: Credibility?

    public init(source: Reference, locator: String? = nil, credibility: Credibility? = nil) {
        self.source = source
        self.locator = locator
        self.credibility = credibility
    }
}
