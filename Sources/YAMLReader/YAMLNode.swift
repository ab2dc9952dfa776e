/// A position in a YAML file, 1-based, in characters (as an editor counts them).
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: Mark, b: Mark) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// How a scalar was written. Plain scalars are the only ones that can mean "null".
public enum ScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// A YAML node as typed: every scalar is kept as its text, never as a number, a
/// boolean or a timestamp. The contract decides the type of a field, not YAML's
/// implicit typing (`language: no` is Norwegian).
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(String, ScalarStyle)
        case sequence([YAMLNode])
        case mapping([Pair])
    }

    public struct Pair: Sendable {
        public var key: String
        public var keyMark: Mark
        public var value: YAMLNode
    }

    public var content: Content
    public var mark: Mark
    /// Number of nodes in this subtree, aliases counted in full: bounds the work
    /// a hostile file can cause through nested aliases.
    public var weight: Int
    /// Levels of lists and maps, this node included: bounds recursion over the tree.
    public var depth: Int

    public init(content: Content, mark: Mark, weight: Int = 1, depth: Int = 1) {
        self.content = content
        self.mark = mark
        self.weight = weight
        self.depth = depth
    }

    /// A plain `~`, `null` or empty scalar: YAML's null, read as "absent".
    public var isNull: Bool {
        if case let .scalar(text, .plain) = content {
            return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
        }
        return false
    }

    /// The node's text if it is a (non-null) scalar.
    public var scalar: String? {
        if isNull { return nil }
        if case let .scalar(text, _) = content { return text }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case let .sequence(items) = content { return items }
        return nil
    }

    public var mapping: [Pair]? {
        if case let .mapping(pairs) = content { return pairs }
        return nil
    }

    /// What this node is, in words for an error message.
    public var kindDescription: String {
        if isNull { return "nothing" }
        switch content {
        case .scalar: return "a scalar"
        case .sequence: return "a list"
        case .mapping: return "a map"
        }
    }
}

/// A problem found while reading YAML: a syntax error (which ends the file) or a
/// duplicate key (which does not).
public struct YAMLProblem: Sendable, Hashable, Error {
    public var mark: Mark
    public var message: String

    public init(mark: Mark, message: String) {
        self.mark = mark
        self.message = message
    }
}

/// The documents of one file and every problem met while reading it.
public struct YAMLFile: Sendable {
    public var documents: [YAMLNode]
    public var problems: [YAMLProblem]
}
