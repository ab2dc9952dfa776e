/// A state, a person or an organization.
public struct Actor: Sendable, Hashable {
    public var id: String
    public var kind: ActorKind
    public var name: String
    /// For states: ISO 3166-1 alpha-3 or a user-assigned `X..` code.
    public var code: String?
    public var aliases: [String]
    /// For organizations: the state, or an organization leading to a state, it belongs to.
    public var of: Reference?
    /// For persons: the posts they held, in the order the analyst listed them.
    public var roles: [Role]
    /// For organizations: the rank of their institutional statements.
    public var level: Level?
    public var note: String?
    public var extensions: Extensions
    public var origin: SourceLocation
    public var fieldOrigins: FieldOrigins

    public init(id: String, kind: ActorKind, name: String, code: String? = nil, aliases: [String] = [], of: Reference? = nil,
                roles: [Role] = [], level: Level? = nil, note: String? = nil, extensions: Extensions = [],
                origin: SourceLocation, fieldOrigins: FieldOrigins = FieldOrigins()) {
        self.id = id
        self.kind = kind
        self.name = name
        self.code = code
        self.aliases = aliases
        self.of = of
        self.roles = roles
        self.level = level
        self.note = note
        self.extensions = extensions
        self.origin = origin
        self.fieldOrigins = fieldOrigins
    }
}

/// A post a person held: "President" of a state, from and to a date.
public struct Role: Sendable, Hashable {
    public var title: String
    public var of: Reference
    public var from: EDTFDate?
    public var to: EDTFDate?
    public var level: Level
    public var origin: SourceLocation

    public init(title: String, of: Reference, from: EDTFDate? = nil, to: EDTFDate? = nil, level: Level = .official, origin: SourceLocation) {
        self.title = title
        self.of = of
        self.from = from
        self.to = to
        self.level = level
        self.origin = origin
    }

    /// Whether the role holds on `day`: from the first day of `from` to the last
    /// day of `to`, both included; an absent end is unbounded.
    public func holds(on day: Day) -> Bool {
        if let from, let start = from.earliest, day < start { return false }
        if let to, let end = to.latest, day > end { return false }
        return true
    }
}
