/// What one brief covers: a dyad, its related parties, and how it is laid out.
/// Read from `Briefs/<id>.yaml`; the file name is the id.
public struct BriefDefinition: Sendable, Hashable {
    public static let defaultWindow = 30
    public static let defaultQuotes = 5
    /// The built-in formats, in the order they are listed: what a brief is
    /// rendered in when its definition names none.
    public static let builtInFormats = ["markdown", "html", "docbook", "json"]

    /// The formats this brief is rendered in by default.
    public var defaultFormats: [String] { formats.isEmpty ? Self.builtInFormats : formats }

    public var id: String
    public var title: String
    /// The two states of the dyad.
    public var parties: [Reference]
    /// Third-party states whose dealings with either party are context.
    public var related: [Reference]
    /// Days counted as "recent developments".
    public var window: Int
    /// How many key quotes.
    public var quotes: Int
    public var formats: [String]
    /// Where each of `formats` was written.
    public var formatOrigins: [SourceLocation] = []
    public var audience: String?
    public var note: String?
    public var extensions: Extensions
    public var origin: SourceLocation
    public var fieldOrigins: [String: SourceLocation]

    public init(id: String, title: String, parties: [Reference], related: [Reference] = [],
                window: Int = BriefDefinition.defaultWindow, quotes: Int = BriefDefinition.defaultQuotes,
                formats: [String] = [], audience: String? = nil, note: String? = nil, extensions: Extensions = [],
                origin: SourceLocation, fieldOrigins: [String: SourceLocation] = [:]) {
        self.id = id
        self.title = title
        self.parties = parties
        self.related = related
        self.window = window
        self.quotes = quotes
        self.formats = formats
        self.audience = audience
        self.note = note
        self.extensions = extensions
        self.origin = origin
        self.fieldOrigins = fieldOrigins
    }
}
