/// An event type: its label, cooperation-conflict weight on the Goldstein
/// scale, nearest CAMEO code, and whether it is a timeline milestone.
public struct VocabularyEntry: Sendable, Hashable {
    public var type: String
    public var label: String
    /// -10 (most conflictual) to +10 (most cooperative).
    public var weight: Double
    /// Kept as text: "044", not 44.
    public var cameo: String?
    public var milestone: Bool
    /// Shipped with the program rather than added by the dataset.
    public var shipped: Bool
    public var extensions: Extensions
    public var origin: SourceLocation

    public init(type: String, label: String, weight: Double, cameo: String? = nil, milestone: Bool = false,
                shipped: Bool = false, extensions: Extensions = [], origin: SourceLocation) {
        self.type = type
        self.label = label
        self.weight = weight
        self.cameo = cameo
        self.milestone = milestone
        self.shipped = shipped
        self.extensions = extensions
        self.origin = origin
    }
}
