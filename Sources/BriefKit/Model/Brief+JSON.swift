/// The brief's model as JSON, in one place: each type of the model lists
/// its fields once (`fields(into:)`), in byte order of their names, and a
/// sink makes of them either the brief's tree (`jsonTree()`, what the layouts
/// and the diff read) or the snapshot's text (`JSONTextWriter`, `brief.json`).
///
/// Both are what the generic `Codable` path gave for the same value: fields
/// under their own names, an absent optional left out, numbers as `Double`s,
/// enumerations as their raw words, a non-finite number a failure; and the
/// text is, byte for byte, `JSONText.pretty` of the tree (so what
/// `JSONEncoder` wrote). Neither goes through an `Encoder`: a container and
/// a coding path per field were most of the cost of every brief's snapshot.
/// `JSONTreeTests` holds the tree to the `JSONEncoder` round trip and checks
/// that the briefs it uses hold every field of the model;
/// `JSONSnapshotTextTests` holds the text to the tree's.
protocol JSONModel: Encodable {
    /// How many stored properties the type has, so the most fields
    /// `fields(into:)` writes: the room its object in the tree is made with.
    /// `JSONTreeTests` holds it to the type's stored properties.
    static var jsonFieldCount: Int { get }

    /// Every stored property, in byte order of its name (the text is written in this order).
    func fields(into sink: inout some JSONSink) throws
}

/// What a model's fields are written to.
protocol JSONSink {
    mutating func string(_ key: StaticString, _ value: String)
    mutating func integer(_ key: StaticString, _ value: Int)
    mutating func bool(_ key: StaticString, _ value: Bool)
    /// Fails on a number JSON cannot hold.
    mutating func number(_ key: StaticString, _ value: Double) throws
    mutating func strings(_ key: StaticString, _ values: [String])
    mutating func object(_ key: StaticString, _ value: some JSONModel) throws
    mutating func objects(_ key: StaticString, _ values: [some JSONModel]) throws
}

/// An absent optional is left out.
extension JSONSink {
    mutating func string(_ key: StaticString, _ value: String?) {
        if let value { string(key, value) }
    }

    mutating func integer(_ key: StaticString, _ value: Int?) {
        if let value { integer(key, value) }
    }

    mutating func number(_ key: StaticString, _ value: Double?) throws {
        if let value { try number(key, value) }
    }

    mutating func object(_ key: StaticString, _ value: (some JSONModel)?) throws {
        if let value { try object(key, value) }
    }
}

/// The name of the field a non-finite number was found in.
struct JSONFieldKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension JSONValueEncoder.NonFiniteNumber {
    init(field: StaticString) {
        self.init(codingPath: [JSONFieldKey(stringValue: "\(field)")])
    }
}

// MARK: - The tree

extension JSONModel {
    /// The tree the generic `Codable` path gives for this value.
    func jsonTree() throws -> JSONValue {
        var sink = JSONTreeSink(capacity: Self.jsonFieldCount)
        try fields(into: &sink)
        return .object(sink.fields)
    }
}

struct JSONTreeSink: JSONSink {
    /// Made with room for every field of its type, and no more: a brief's tree
    /// holds thousands of objects (most of them citations of four fields),
    /// which the layouts look fields up in three times over. Room for 24
    /// fields everywhere made each one about 1 KB; the tree's size was most
    /// of the cost of building it, reading it and freeing it.
    var fields: JSONObject

    init(capacity: Int) {
        fields = JSONObject(minimumCapacity: capacity)
    }

    /// A field name as a `String`, straight from its UTF-8.
    static func name(_ key: StaticString) -> String {
        key.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
    }

    mutating func string(_ key: StaticString, _ value: String) { fields.append(Self.name(key), .string(value)) }
    mutating func integer(_ key: StaticString, _ value: Int) { fields.append(Self.name(key), .number(Double(value))) }
    mutating func bool(_ key: StaticString, _ value: Bool) { fields.append(Self.name(key), .bool(value)) }

    mutating func number(_ key: StaticString, _ value: Double) throws {
        guard value.isFinite else { throw JSONValueEncoder.NonFiniteNumber(field: key) }
        fields.append(Self.name(key), .number(value))
    }

    mutating func strings(_ key: StaticString, _ values: [String]) { fields.append(Self.name(key), .array(values.map(JSONValue.string))) }
    mutating func object(_ key: StaticString, _ value: some JSONModel) throws { fields.append(Self.name(key), try value.jsonTree()) }

    mutating func objects(_ key: StaticString, _ values: [some JSONModel]) throws {
        var trees: [JSONValue] = []
        trees.reserveCapacity(values.count)
        for value in values { trees.append(try value.jsonTree()) }
        fields.append(Self.name(key), .array(trees))
    }
}

// MARK: - The text

/// Writes the snapshot's text as `JSONText.pretty` lays out the tree.
struct JSONTextWriter: JSONSink {
    private(set) var out: [UInt8] = []
    private var indent = 0
    /// No member written yet in the innermost open object or array.
    private var first = true

    /// The text of `value`, with the final line break `JSONText.pretty` writes.
    static func text(of value: some JSONModel) throws -> String {
        var writer = JSONTextWriter()
        writer.out.reserveCapacity(1 << 16)
        try writer.write(value)
        writer.out.append(UInt8(ascii: "\n"))
        return String(decoding: writer.out, as: UTF8.self)
    }

    private mutating func write(_ value: some JSONModel) throws {
        let outer = open("{")
        try value.fields(into: &self)
        close("}", outer: outer)
    }

    /// Opens an object or array; pass what it returns to `close`.
    private mutating func open(_ bracket: Unicode.Scalar) -> Bool {
        let outer = first
        out.append(UInt8(ascii: bracket))
        out.append(UInt8(ascii: "\n"))
        indent += 2
        first = true
        return outer
    }

    /// Closes the innermost container. An empty one keeps an empty line, as `JSONEncoder` writes it.
    private mutating func close(_ bracket: Unicode.Scalar, outer: Bool) {
        out.append(UInt8(ascii: "\n"))
        indent -= 2
        JSONText.spaces(indent, into: &out)
        out.append(UInt8(ascii: bracket))
        first = outer
    }

    /// Starts the next member of an object: `"key" : `.
    private mutating func key(_ name: StaticString) {
        next()
        out.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(contentsOf: "\" : ".utf8)
    }

    /// Starts the next item of an array.
    private mutating func next() {
        if !first {
            out.append(UInt8(ascii: ","))
            out.append(UInt8(ascii: "\n"))
        }
        first = false
        JSONText.spaces(indent, into: &out)
    }

    mutating func string(_ key: StaticString, _ value: String) {
        self.key(key)
        JSONText.string(value, into: &out)
    }

    mutating func integer(_ key: StaticString, _ value: Int) {
        self.key(key)
        JSONText.writeNumber(Double(value), into: &out)
    }

    mutating func bool(_ key: StaticString, _ value: Bool) {
        self.key(key)
        out.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func number(_ key: StaticString, _ value: Double) throws {
        guard value.isFinite else { throw JSONValueEncoder.NonFiniteNumber(field: key) }
        self.key(key)
        JSONText.writeNumber(value, into: &out)
    }

    mutating func strings(_ key: StaticString, _ values: [String]) {
        self.key(key)
        let outer = open("[")
        for value in values {
            next()
            JSONText.string(value, into: &out)
        }
        close("]", outer: outer)
    }

    mutating func object(_ key: StaticString, _ value: some JSONModel) throws {
        self.key(key)
        try write(value)
    }

    mutating func objects(_ key: StaticString, _ values: [some JSONModel]) throws {
        self.key(key)
        let outer = open("[")
        for value in values {
            next()
            try write(value)
        }
        close("]", outer: outer)
    }
}

// MARK: - The model's fields

extension Brief: JSONModel {
    static var jsonFieldCount: Int { 22 }

    func fields(into w: inout some JSONSink) throws {
        try w.objects("actors", actors)
        w.string("asOf", asOf)
        w.string("asOfDisplay", asOfDisplay)
        w.string("audience", audience)
        w.string("bluf", bluf)
        w.string("brief", brief)
        try w.object("commitments", commitments)
        try w.objects("keyQuotes", keyQuotes)
        w.string("note", note)
        w.strings("parties", parties)
        try w.objects("recent", recent)
        w.strings("related", related)
        try w.objects("reportedStatements", reportedStatements)
        w.integer("schemaVersion", schemaVersion)
        try w.objects("sources", sources)
        try w.objects("thirdParties", thirdParties)
        try w.objects("timeline", timeline)
        w.string("title", title)
        try w.objects("topics", topics)
        try w.object("trend", trend)
        w.integer("window", window)
        try w.objects("withdrawn", withdrawn)
    }
}

extension CitationItem: JSONModel {
    static var jsonFieldCount: Int { 4 }

    func fields(into w: inout some JSONSink) throws {
        w.integer("credibility", credibility)
        w.string("grade", grade)
        w.string("locator", locator)
        w.string("source", source)
    }
}

extension EventItem: JSONModel {
    static var jsonFieldCount: Int { 15 }

    func fields(into w: inout some JSONSink) throws {
        w.string("date", date)
        w.string("dateDisplay", dateDisplay)
        w.string("id", id)
        w.string("location", location)
        w.bool("milestone", milestone)
        w.strings("participants", participants)
        w.string("scope", scope.rawValue)
        try w.objects("sources", sources)
        w.string("summary", summary)
        w.string("title", title)
        w.strings("topics", topics)
        w.string("type", type)
        w.string("typeLabel", typeLabel)
        w.string("venue", venue)
        try w.number("weight", weight)
    }
}

extension QuoteItem: JSONModel {
    static var jsonFieldCount: Int { 18 }

    func fields(into w: inout some JSONSink) throws {
        w.string("date", date)
        w.string("dateDisplay", dateDisplay)
        w.string("event", event)
        w.string("eventTitle", eventTitle)
        w.string("form", form.rawValue)
        w.bool("formerRole", formerRole)
        w.string("id", id)
        w.string("language", language)
        w.string("level", level.rawValue)
        w.string("priority", priority.rawValue)
        w.string("role", role)
        w.string("scope", scope.rawValue)
        try w.objects("sources", sources)
        w.string("speaker", speaker)
        w.string("speakerName", speakerName)
        w.string("text", text)
        w.bool("translated", translated)
        w.string("venue", venue)
    }
}

extension CommitmentItem: JSONModel {
    static var jsonFieldCount: Int { 20 }

    func fields(into w: inout some JSONSink) throws {
        w.integer("ageDays", ageDays)
        w.strings("by", by)
        w.strings("byNames", byNames)
        w.string("due", due)
        w.string("dueDisplay", dueDisplay)
        w.string("event", event)
        try w.objects("history", history)
        w.string("id", id)
        w.string("kind", kind.rawValue)
        try w.object("lastUpdate", lastUpdate)
        w.string("made", made)
        w.string("madeDisplay", madeDisplay)
        w.bool("overdue", overdue)
        w.string("quantity", quantity)
        w.string("scope", scope.rawValue)
        try w.objects("sources", sources)
        w.string("status", status.rawValue)
        w.string("text", text)
        w.strings("to", to)
        w.strings("toNames", toNames)
    }
}

extension UpdateItem: JSONModel {
    static var jsonFieldCount: Int { 7 }

    func fields(into w: inout some JSONSink) throws {
        w.string("date", date)
        w.string("dateDisplay", dateDisplay)
        w.string("evidence", evidence)
        w.string("id", id)
        w.string("note", note)
        try w.objects("sources", sources)
        w.string("status", status.rawValue)
    }
}

extension CommitmentLists: JSONModel {
    static var jsonFieldCount: Int { 4 }

    func fields(into w: inout some JSONSink) throws {
        try w.objects("closed", closed)
        try w.objects("outstanding", outstanding)
        w.integer("overdueCount", overdueCount)
        try w.objects("unknown", unknown)
    }
}

extension SourceItem: JSONModel {
    static var jsonFieldCount: Int { 11 }

    func fields(into w: inout some JSONSink) throws {
        w.integer("credibility", credibility)
        w.string("grade", grade)
        w.string("id", id)
        if let kind { w.string("kind", kind.rawValue) }
        w.string("note", note)
        w.string("published", published)
        w.string("publishedDisplay", publishedDisplay)
        w.string("publisher", publisher)
        w.string("reliability", reliability)
        w.string("title", title)
        w.string("url", url)
    }
}

extension ActorItem: JSONModel {
    static var jsonFieldCount: Int { 4 }

    func fields(into w: inout some JSONSink) throws {
        w.string("code", code)
        w.string("id", id)
        w.string("kind", kind.rawValue)
        w.string("name", name)
    }
}

extension TopicCount: JSONModel {
    static var jsonFieldCount: Int { 2 }

    func fields(into w: inout some JSONSink) throws {
        w.integer("count", count)
        w.string("topic", topic)
    }
}

extension ThirdParty: JSONModel {
    static var jsonFieldCount: Int { 3 }

    func fields(into w: inout some JSONSink) throws {
        w.string("id", id)
        w.string("name", name)
        w.integer("records", records)
    }
}

extension WithdrawnItem: JSONModel {
    static var jsonFieldCount: Int { 7 }

    func fields(into w: inout some JSONSink) throws {
        w.string("id", id)
        w.string("kind", kind.rawValue)
        w.string("note", note)
        w.string("retracted", retracted)
        w.string("retractedDisplay", retractedDisplay)
        try w.objects("sources", sources)
        w.string("title", title)
    }
}

extension Trend: JSONModel {
    static var jsonFieldCount: Int { 6 }

    func fields(into w: inout some JSONSink) throws {
        w.string("direction", direction.rawValue)
        w.string("granularity", granularity.rawValue)
        try w.objects("points", points)
        try w.number("previousScore", previousScore)
        try w.number("recentScore", recentScore)
        w.integer("unplaced", unplaced)
    }
}

extension TrendPoint: JSONModel {
    static var jsonFieldCount: Int { 4 }

    func fields(into w: inout some JSONSink) throws {
        w.integer("events", events)
        w.string("label", label)
        w.string("period", period)
        try w.number("score", score)
    }
}
