/// A JSON document as values: the bridge from the Codable Brief model to the
/// plain values a template reads, with the model's own field names.
enum JSONValue: Sendable, Hashable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(JSONObject(try container.decode([String: JSONValue].self))) }
    }

    /// Compact JSON text of the value, keys sorted: for showing a changed field.
    var jsonText: String {
        switch self {
        case .null: return "null"
        case let .bool(flag): return flag ? "true" : "false"
        case let .number(number): return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case let .string(text): return text
        case let .array(items): return "[" + items.map { $0.quoted }.joined(separator: ", ") + "]"
        case let .object(fields): return "{" + fields.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.quoted)" }.joined(separator: ", ") + "}"
        }
    }

    private var quoted: String {
        if case let .string(text) = self { return "\"" + text + "\"" }
        return jsonText
    }

    subscript(key: String) -> JSONValue? {
        if case let .object(fields) = self { return fields[key] }
        return nil
    }
}

/// A JSON object's members, in the byte order of their names, each name once.
///
/// Not a dictionary: a brief's tree holds thousands of small objects (most of
/// them citations of four fields), which the layouts look fields up in three
/// times over, and a dictionary hashed the name on every lookup. Here a
/// lookup compares lengths first and names of the same length only: about
/// half the time of a dictionary's for the model's objects of up to twenty
/// fields. The members also come in the order the snapshot writes them, so
/// the tree is built by appending.
struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    private(set) var names: [String] = []
    private(set) var values: [JSONValue] = []

    init() {}

    init(minimumCapacity: Int) {
        names.reserveCapacity(minimumCapacity)
        values.reserveCapacity(minimumCapacity)
    }

    init(_ members: [String: JSONValue]) {
        self.init(minimumCapacity: members.count)
        for (name, value) in members.sorted(by: { Self.precedes($0.key, $1.key) }) {
            names.append(name)
            values.append(value)
        }
    }

    init(dictionaryLiteral members: (String, JSONValue)...) {
        self.init(Dictionary(members, uniquingKeysWith: { _, last in last }))
    }

    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    var count: Int { names.count }
    var isEmpty: Bool { names.isEmpty }
    var keys: [String] { names }

    /// Where the member `name` is; nil when there is none.
    @inline(__always)
    func index(of name: String) -> Int? {
        let length = name.utf8.count
        for index in names.indices where names[index].utf8.count == length && names[index] == name { return index }
        return nil
    }

    subscript(name: String) -> JSONValue? {
        get { index(of: name).map { values[$0] } }
        set {
            if let index = index(of: name) {
                if let newValue {
                    values[index] = newValue
                } else {
                    names.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                let place = names.firstIndex { Self.precedes(name, $0) } ?? names.count
                names.insert(name, at: place)
                values.insert(newValue, at: place)
            }
        }
    }

    /// Adds a member whose name is not there yet: at the end when it comes
    /// after every name (as the model writes its fields), in its place otherwise.
    mutating func append(_ name: String, _ value: JSONValue) {
        if let last = names.last, !Self.precedes(last, name) {
            self[name] = value
        } else {
            names.append(name)
            values.append(value)
        }
    }

    struct Iterator: IteratorProtocol {
        fileprivate let object: JSONObject
        fileprivate var index = 0

        mutating func next() -> (key: String, value: JSONValue)? {
            guard index < object.names.count else { return nil }
            defer { index += 1 }
            return (object.names[index], object.values[index])
        }
    }

    func makeIterator() -> Iterator {
        Iterator(object: self)
    }
}
