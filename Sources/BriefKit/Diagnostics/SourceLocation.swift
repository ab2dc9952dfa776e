/// Where something stands in the input files: the place every message points at.
public struct SourceLocation: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// Orders by file (byte-wise, never locale), then line, then column.
    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        if a.file != b.file { return Array(a.file.utf8).lexicographicallyPrecedes(Array(b.file.utf8)) }
        return (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(file):\(line):\(column)" }
}
