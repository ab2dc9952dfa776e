/// A format `brief formats` lists: built in, or defined by a template folder
/// with a `format.yaml` manifest.
public struct FormatDescription: Sendable, Hashable {
    public var name: String
    /// Without the dot: "md", "html".
    public var fileExtension: String
    public var mediaType: String
    public var escaping: EscapingRule
    public var validator: OutputValidator?
    public var summary: String
    /// Where its templates come from ("built in", or a folder).
    public var origin: String

    public init(name: String, fileExtension: String, mediaType: String, escaping: EscapingRule,
                validator: OutputValidator?, summary: String, origin: String) {
        self.name = name
        self.fileExtension = fileExtension
        self.mediaType = mediaType
        self.escaping = escaping
        self.validator = validator
        self.summary = summary
        self.origin = origin
    }
}
