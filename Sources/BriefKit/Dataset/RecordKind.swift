/// The kinds of record a dataset holds, named as in the files.
public enum RecordKind: String, Sendable, Hashable, CaseIterable, Codable {
    case actor, source, event, quote, commitment, update

    /// The top-level key that holds this kind ("actors").
    public var key: String { rawValue + "s" }

    /// "an actor", "a quote": for messages.
    public var withArticle: String {
        switch self {
        case .actor, .event, .update: return "an \(rawValue)"
        default: return "a \(rawValue)"
        }
    }
}
