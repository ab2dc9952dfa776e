/// A brief's JSON tree as the layouts read it: every node in one list, every
/// text in one run of bytes, every member's name a number.
///
/// The tree of `JSONValue`s held each object's names and values, each list
/// and each text, in storage of its own: reading a field copied what it held
/// (a retain, then a release), some four of every ten samples of laying out a
/// brief, and freeing the tree was a release of every part. Here a node is
/// three numbers and a value a layout reads is a position: nothing is counted,
/// and a brief's tree is a handful of allocations, freed at once.
///
/// Built from the model through the same `fields(into:)` as the snapshot and
/// the `JSONValue` tree (`init(_:)`), or from any `JSONValue` (`init(json:)`,
/// for a set of changes and for tests); `FlatTreeTests` holds the two to the
/// same tree. Immutable once built, and read by any number of threads.
final class FlatTree: @unchecked Sendable {
    enum Kind: UInt8, Sendable {
        case null, bool, number, string, array, object
    }

    /// A value. A bool's `start` is 0 or 1; a number's, its place in
    /// `numbers`; a string's, an array's and an object's, where their bytes,
    /// items or members start, and `count` how many there are.
    struct Node: Sendable {
        let kind: Kind
        let start: Int32
        let count: Int32
    }

    let nodes: UnsafeBufferPointer<Node>
    let numbers: UnsafeBufferPointer<Double>
    let bytes: UnsafeBufferPointer<UInt8>
    /// The items of every array, by node, each array's together.
    let items: UnsafeBufferPointer<Int32>
    /// The members of every object, each object's together: their names'
    /// numbers (`FieldName`) and their values' nodes.
    let memberNames: UnsafeBufferPointer<Int32>
    let memberValues: UnsafeBufferPointer<Int32>
    /// The names no model type has (`FieldName.known`), numbered after them.
    let otherNames: [String]
    /// The whole value.
    let root: Int32

    /// A tree whose nodes, texts or lists hold more than `limit` (the
    /// positions are 32-bit) is refused rather than cut short: some two
    /// gigabytes of text in one brief, far beyond any brief of a real desk.
    struct TooLarge: Error, CustomStringConvertible {
        let limit: Int
        var description: String { "the brief is too large to lay out: more than \(limit) bytes of text, items or members" }
    }

    /// The brief's tree, from its model.
    convenience init(_ brief: Brief, limit: Int = Int(Int32.max)) throws {
        var builder = Builder(limit: limit)
        let root = try builder.object(brief)
        try self.init(builder, root: root)
    }

    /// The brief's tree; a value JSON cannot hold (a non-finite number), or a
    /// tree too large, is a failure, as for the snapshot.
    static func of(_ brief: Brief) throws(RenderFailure) -> FlatTree {
        do {
            return try FlatTree(brief)
        } catch let tooLarge as TooLarge {
            throw RenderFailure(location: nil, message: tooLarge.description)
        } catch {
            throw RenderFailure(location: nil, message: "cannot encode the brief as JSON: \(error)")
        }
    }

    /// The tree of any JSON value.
    convenience init(json: JSONValue, limit: Int = Int(Int32.max)) throws(TooLarge) {
        var builder = Builder(limit: limit)
        let root = builder.add(json)
        try self.init(builder, root: root)
    }

    /// The tree of a JSON value the layouts read (a set of changes); one too large is a failure.
    static func of(json: JSONValue) throws(RenderFailure) -> FlatTree {
        do {
            return try FlatTree(json: json)
        } catch {
            throw RenderFailure(location: nil, message: error.description)
        }
    }

    private init(_ builder: Builder, root: Int32) throws(TooLarge) {
        guard !builder.tooLarge else { throw TooLarge(limit: builder.limit) }
        nodes = UnsafeBufferPointer(UnsafeMutableBufferPointer.copying(builder.nodes))
        numbers = UnsafeBufferPointer(UnsafeMutableBufferPointer.copying(builder.numbers))
        bytes = UnsafeBufferPointer(UnsafeMutableBufferPointer.copying(builder.bytes))
        items = UnsafeBufferPointer(UnsafeMutableBufferPointer.copying(builder.items))
        memberNames = UnsafeBufferPointer(UnsafeMutableBufferPointer.copying(builder.memberNames))
        memberValues = UnsafeBufferPointer(UnsafeMutableBufferPointer.copying(builder.memberValues))
        otherNames = builder.otherNames
        self.root = root
    }

    deinit {
        nodes.deallocate()
        numbers.deallocate()
        bytes.deallocate()
        items.deallocate()
        memberNames.deallocate()
        memberValues.deallocate()
    }

    // MARK: - Reading

    /// The UTF-8 of a string node, or of a part of one (a line).
    func text(_ start: Int32, _ count: Int32) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[Int(start) ..< Int(start) + Int(count)])
    }

    /// The text of a string node as a `String`; nil for any other node.
    func string(_ node: Int32) -> String? {
        let value = nodes[Int(node)]
        guard value.kind == .string else { return nil }
        return String(decoding: text(value.start, value.count), as: UTF8.self)
    }

    /// The number of `name` in this tree; nil when no member has it.
    @inline(__always)
    func number(of name: FieldName) -> Int32? {
        if name.known >= 0 { return name.known }
        guard !otherNames.isEmpty, let index = otherNames.firstIndex(of: name.name) else { return nil }
        return Int32(FieldName.knownNames.count + index)
    }

    /// The value of member `name` of object `node`; nil when the node is not
    /// an object or has no such member.
    func member(_ node: Int32, _ name: FieldName) -> Int32? {
        let object = nodes[Int(node)]
        guard object.kind == .object, let number = number(of: name) else { return nil }
        let start = Int(object.start)
        for index in start ..< start + Int(object.count) where memberNames[index] == number {
            return memberValues[index]
        }
        return nil
    }

    // MARK: - Building

    /// Adds each object's members, and each array's items, where they end up
    /// only once the object or array is complete: the values nested in them
    /// are added first. Until then they wait in `pending…`.
    private struct Builder: JSONSink {
        var nodes: [Node] = []
        var numbers: [Double] = []
        var bytes: [UInt8] = []
        var items: [Int32] = []
        var memberNames: [Int32] = []
        var memberValues: [Int32] = []
        var otherNames: [String] = []
        private var pendingNames: [Int32] = []
        private var pendingValues: [Int32] = []
        private var pendingItems: [Int32] = []
        /// The numbers of the model's field names, by where their text is
        /// (each `StaticString` of `fields(into:)` is one constant): a name
        /// is made a `String` and looked up once per tree, not once per field.
        private var names = StaticNames()

        /// The most any position or count may be.
        let limit: Int
        /// Whether one went past `limit`: the tree is then refused whole.
        private(set) var tooLarge = false

        init(limit: Int) {
            self.limit = limit
            nodes.reserveCapacity(1024)
            bytes.reserveCapacity(1 << 16)
            pendingNames.reserveCapacity(64)
            pendingValues.reserveCapacity(64)
        }

        /// Every position the tree holds (of a text, a list, a member, a
        /// number, and each node's own) goes through here.
        mutating func node(_ kind: Kind, _ start: Int, _ count: Int) -> Int32 {
            if start + count > limit || nodes.count >= limit { tooLarge = true }
            nodes.append(Node(kind: kind, start: Int32(truncatingIfNeeded: start), count: Int32(truncatingIfNeeded: count)))
            return Int32(truncatingIfNeeded: nodes.count - 1)
        }

        mutating func string(_ value: String) -> Int32 {
            var value = value
            let start = bytes.count
            value.withUTF8 { bytes.append(contentsOf: $0) }
            return node(.string, start, bytes.count - start)
        }

        mutating func number(_ value: Double) -> Int32 {
            numbers.append(value)
            return node(.number, numbers.count - 1, 0)
        }

        /// The number of a name not found among the model's.
        mutating func number(ofName name: String) -> Int32 {
            if let known = FieldName.knownNumbers[name] { return known }
            if let index = otherNames.firstIndex(of: name) { return Int32(FieldName.knownNames.count + index) }
            otherNames.append(name)
            return Int32(FieldName.knownNames.count + otherNames.count - 1)
        }

        mutating func member(_ key: StaticString, _ value: Int32) {
            let number: Int32
            if let known = names.number(of: key) {
                number = known
            } else {
                number = self.number(ofName: key.hasPointerRepresentation
                    ? key.withUTF8Buffer { String(decoding: $0, as: UTF8.self) } : "\(key)")
                names.add(key, number)
            }
            pendingNames.append(number)
            pendingValues.append(value)
        }

        /// The object of the members added since `mark`.
        mutating func closeObject(from mark: Int) -> Int32 {
            let start = memberNames.count
            memberNames.append(contentsOf: pendingNames[mark...])
            memberValues.append(contentsOf: pendingValues[mark...])
            pendingNames.removeSubrange(mark...)
            pendingValues.removeSubrange(mark...)
            return node(.object, start, memberNames.count - start)
        }

        /// The array of the items added since `mark`.
        mutating func closeArray(from mark: Int) -> Int32 {
            let start = items.count
            items.append(contentsOf: pendingItems[mark...])
            pendingItems.removeSubrange(mark...)
            return node(.array, start, items.count - start)
        }

        mutating func object(_ value: some JSONModel) throws -> Int32 {
            let mark = pendingNames.count
            try value.fields(into: &self)
            return closeObject(from: mark)
        }

        mutating func add(_ value: JSONValue) -> Int32 {
            switch value {
            case .null: return node(.null, 0, 0)
            case let .bool(flag): return node(.bool, flag ? 1 : 0, 0)
            case let .number(number): return self.number(number)
            case let .string(text): return string(text)
            case let .array(elements):
                var children: [Int32] = []
                children.reserveCapacity(elements.count)
                for element in elements { children.append(add(element)) }
                let mark = pendingItems.count
                pendingItems += children
                return closeArray(from: mark)
            case let .object(fields):
                var children: [(Int32, Int32)] = []
                children.reserveCapacity(fields.count)
                for (name, field) in fields { children.append((number(ofName: name), add(field))) }
                let mark = pendingNames.count
                for (name, child) in children {
                    pendingNames.append(name)
                    pendingValues.append(child)
                }
                return closeObject(from: mark)
            }
        }

        // MARK: JSONSink

        mutating func string(_ key: StaticString, _ value: String) { member(key, string(value)) }
        mutating func integer(_ key: StaticString, _ value: Int) { member(key, number(Double(value))) }
        mutating func bool(_ key: StaticString, _ value: Bool) { member(key, node(.bool, value ? 1 : 0, 0)) }

        mutating func number(_ key: StaticString, _ value: Double) throws {
            guard value.isFinite else { throw JSONValueEncoder.NonFiniteNumber(field: key) }
            member(key, number(value))
        }

        mutating func strings(_ key: StaticString, _ values: [String]) {
            let mark = pendingItems.count
            for value in values { pendingItems.append(string(value)) }
            member(key, closeArray(from: mark))
        }

        mutating func object(_ key: StaticString, _ value: some JSONModel) throws {
            member(key, try object(value))
        }

        mutating func objects(_ key: StaticString, _ values: [some JSONModel]) throws {
            let mark = pendingItems.count
            for value in values {
                let child = try object(value)
                pendingItems.append(child)
            }
            member(key, closeArray(from: mark))
        }
    }

    /// The numbers of the `StaticString` names a builder has met, by the
    /// address of their text: a small open-addressed table.
    private struct StaticNames {
        private var addresses = [UInt](repeating: 0, count: 256)
        private var numbers = [Int32](repeating: 0, count: 256)

        private var count = 0

        /// The number of `key`, when it has been added.
        func number(of key: StaticString) -> Int32? {
            guard key.hasPointerRepresentation else { return nil }
            let address = UInt(bitPattern: key.utf8Start)
            var slot = Int((address >> 3) & 255)
            while addresses[slot] != 0 {
                if addresses[slot] == address { return numbers[slot] }
                slot = (slot + 1) & 255
            }
            return nil
        }

        /// Remembers `key`'s number; past 255 names, the rest are looked up
        /// by their text each time.
        mutating func add(_ key: StaticString, _ number: Int32) {
            guard key.hasPointerRepresentation, count < 255 else { return }
            let address = UInt(bitPattern: key.utf8Start)
            var slot = Int((address >> 3) & 255)
            while addresses[slot] != 0 { slot = (slot + 1) & 255 }
            addresses[slot] = address
            numbers[slot] = number
            count += 1
        }
    }
}

/// A member's name as the layouts look it up: its text, and its number when
/// it is one of the model's names (the same in every tree).
struct FieldName: Sendable, Hashable {
    let name: String
    /// Its place in `knownNames`; -1 for any other name.
    let known: Int32

    init(_ name: String) {
        self.name = name
        known = Self.knownNumbers[name] ?? -1
    }

    /// Every field name of the Brief and changes models, and the names the
    /// derived fields read: numbered once, so that a tree built from the
    /// model needs no table of its own. A name not here still works, looked
    /// up by its text (`FlatTree.otherNames`).
    static let knownNames: [String] = [
        "actors", "ageDays", "asOf", "asOfDisplay", "audience", "bluf", "brief", "by", "byNames", "closed", "code",
        "commitments", "count", "credibility", "date", "dateDisplay", "direction", "due", "dueDisplay", "event",
        "eventTitle", "events", "evidence", "form", "formerRole", "grade", "granularity", "history", "id", "keyQuotes",
        "kind", "label", "language", "lastUpdate", "level", "location", "locator", "made", "madeDisplay", "milestone",
        "name", "note", "outstanding", "overdue", "overdueCount", "participants", "parties", "period", "points",
        "previousScore", "priority", "published", "publishedDisplay", "publisher", "quantity", "recent", "recentScore",
        "records", "related", "reliability", "reportedStatements", "retracted", "retractedDisplay", "role",
        "schemaVersion", "scope", "score", "source", "sources", "speaker", "speakerName", "status", "summary", "text",
        "thirdParties", "timeline", "title", "to", "toNames", "topic", "topics", "translated", "trend", "type",
        "typeLabel", "unknown", "unplaced", "url", "venue", "weight", "window", "withdrawn",
        "from", "directionFrom", "directionTo", "reason",
    ]

    static let knownNumbers: [String: Int32] = {
        var numbers: [String: Int32] = [:]
        for (index, name) in knownNames.enumerated() where numbers[name] == nil { numbers[name] = Int32(index) }
        return numbers
    }()
}
