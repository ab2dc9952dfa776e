/// A reference to another record by id, with the place it was written so that a
/// dangling reference is reported where it occurs.
public struct Reference: Sendable, Hashable, Codable, CustomStringConvertible {
    public var id: String
    public var origin: SourceLocation

    public init(_ id: String, at origin: SourceLocation) {
        self.id = id
        self.origin = origin
    }

    public var description: String { id }
}
