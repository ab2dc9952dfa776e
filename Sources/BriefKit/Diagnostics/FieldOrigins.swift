/// Where a record's date, type and the like were written, for messages that
/// point at one field rather than at the whole record.
///
/// Only the few fields some message points at (`fields`) are kept, each as a
/// line and a column in the record's own file: a dictionary of full places per
/// record cost more than a hundred bytes of heap for every record loaded, this
/// costs none. Read it like the dictionary it replaces: `origins["date"]`.
public struct FieldOrigins: Sendable, Hashable {
    /// The fields whose place is kept; any other field reads as nil.
    public static let fields = ["type", "date", "due", "made", "parties", "published"]

    /// A line and a column. The line is stored plus one, so that 0 (the
    /// default) is a field not written without the cost of an optional.
    private struct Place: Sendable, Hashable {
        var storedLine: UInt32 = 0
        var column: UInt32 = 0

        var isWritten: Bool { storedLine != 0 }
    }

    /// The file every field is in: the record's (the string is shared, not copied).
    private var file = ""
    private var type = Place()
    private var date = Place()
    private var due = Place()
    private var made = Place()
    private var parties = Place()
    private var published = Place()

    public init() {}

    /// Whether `field` is one of `fields`: asked for every field of every
    /// record read, so the byte count rules most fields out first.
    static func keeps(_ field: String) -> Bool {
        switch field.utf8.count {
        case 3: field == "due"
        case 4: field == "type" || field == "date" || field == "made"
        case 7: field == "parties"
        case 9: field == "published"
        default: false
        }
    }

    /// Keeps the places of `fields` among `origins`; they are in one file, the record's.
    public init(_ origins: [String: SourceLocation]) {
        for (field, origin) in origins { self[field] = origin }
    }

    private func place(_ field: String) -> Place? {
        switch field {
        case "type": type
        case "date": date
        case "due": due
        case "made": made
        case "parties": parties
        case "published": published
        default: nil
        }
    }

    /// The place `field` was written, if it was and is one of `fields`.
    /// Setting one of the other fields does nothing.
    public subscript(field: String) -> SourceLocation? {
        get {
            guard let place = place(field), place.isWritten else { return nil }
            return SourceLocation(file: file, line: Int(place.storedLine) - 1, column: Int(place.column))
        }
        set {
            // Lines and columns past four billion cannot occur in a file read into memory.
            let place = newValue.map { Place(storedLine: UInt32(clamping: $0.line + 1), column: UInt32(clamping: $0.column)) } ?? Place()
            if let newValue { file = newValue.file }
            switch field {
            case "type": type = place
            case "date": date = place
            case "due": due = place
            case "made": made = place
            case "parties": parties = place
            case "published": published = place
            default: break
            }
        }
    }

    /// `fields` in the order of their names: the order the parse cache writes them in.
    static let fieldsByName = fields.sorted()

    /// Every field written, by name, with its place: `dictionary` sorted by
    /// key, without the dictionary (the parse cache writes it for every record).
    var written: [(field: String, origin: SourceLocation)] {
        var written: [(field: String, origin: SourceLocation)] = []
        for field in Self.fieldsByName {
            if let origin = self[field] { written.append((field, origin)) }
        }
        return written
    }

    /// Every field written, with its place: what the dictionary held.
    public var dictionary: [String: SourceLocation] {
        var origins: [String: SourceLocation] = [:]
        for field in Self.fields { origins[field] = self[field] }
        return origins
    }

    public var isEmpty: Bool { Self.fields.allSatisfy { place($0)?.isWritten != true } }
}
