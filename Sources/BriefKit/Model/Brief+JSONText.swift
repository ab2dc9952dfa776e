/// The snapshot's text (`brief.json`) written straight from the model, in
/// the bytes `JSONText.pretty` writes from the brief's tree (and so the bytes
/// `JSONEncoder` wrote): each type writes its fields in byte order of their
/// names, absent optionals left out, through the same string and number rules.
///
/// `daily` makes every brief's snapshot to key its files; a brief whose key is
/// unchanged is not rendered again, and then no tree is needed at all. Building
/// a tree of dictionaries only to sort its keys and free it was most of the
/// cost of those briefs. `JSONSnapshotTextTests` holds the writer to
/// `JSONText.pretty` of the tree on the fixtures and the generated datasets.
protocol JSONTextWritable {
    func write(to writer: inout JSONTextWriter) throws
}

struct JSONTextWriter {
    private(set) var out: [UInt8] = []
    private var indent = 0
    /// No member written yet in the innermost open object or array.
    private var first = true

    /// The text of `value`, with the final line break `JSONText.pretty` writes.
    static func text(of value: some JSONTextWritable) throws -> String {
        var writer = JSONTextWriter()
        writer.out.reserveCapacity(1 << 16)
        try value.write(to: &writer)
        writer.out.append(UInt8(ascii: "\n"))
        return String(decoding: writer.out, as: UTF8.self)
    }

    // MARK: - Containers

    /// Opens an object or array; pass what it returns to `close`.
    mutating func open(_ bracket: Unicode.Scalar) -> Bool {
        let outer = first
        out.append(UInt8(ascii: bracket))
        out.append(UInt8(ascii: "\n"))
        indent += 2
        first = true
        return outer
    }

    /// Closes the innermost container. An empty one keeps an empty line, as `JSONEncoder` writes it.
    mutating func close(_ bracket: Unicode.Scalar, outer: Bool) {
        out.append(UInt8(ascii: "\n"))
        indent -= 2
        JSONText.spaces(indent, into: &out)
        out.append(UInt8(ascii: bracket))
        first = outer
    }

    /// Starts the next member of an object: `"key" : `.
    mutating func key(_ name: StaticString) {
        next()
        out.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(contentsOf: "\" : ".utf8)
    }

    /// Starts the next item of an array.
    mutating func next() {
        if !first {
            out.append(UInt8(ascii: ","))
            out.append(UInt8(ascii: "\n"))
        }
        first = false
        JSONText.spaces(indent, into: &out)
    }

    // MARK: - Values

    mutating func string(_ text: String) { JSONText.string(text, into: &out) }
    mutating func integer(_ value: Int) { JSONText.writeNumber(Double(value), into: &out) }
    mutating func bool(_ flag: Bool) { out.append(contentsOf: (flag ? "true" : "false").utf8) }

    mutating func number(_ value: Double, _ field: StaticString) throws {
        guard value.isFinite else { throw JSONValueEncoder.NonFiniteNumber(codingPath: [JSONFieldKey(stringValue: "\(field)")]) }
        JSONText.writeNumber(value, into: &out)
    }

    mutating func strings(_ values: [String]) {
        let outer = open("[")
        for value in values {
            next()
            string(value)
        }
        close("]", outer: outer)
    }

    mutating func items(_ values: [some JSONTextWritable]) throws {
        let outer = open("[")
        for value in values {
            next()
            try value.write(to: &self)
        }
        close("]", outer: outer)
    }
}

extension Brief: JSONTextWritable {
    func write(to w: inout JSONTextWriter) throws {
        let outer = w.open("{")
        w.key("actors"); try w.items(actors)
        w.key("asOf"); w.string(asOf)
        w.key("asOfDisplay"); w.string(asOfDisplay)
        if let audience { w.key("audience"); w.string(audience) }
        w.key("bluf"); w.string(bluf)
        w.key("brief"); w.string(brief)
        w.key("commitments"); try commitments.write(to: &w)
        w.key("keyQuotes"); try w.items(keyQuotes)
        if let note { w.key("note"); w.string(note) }
        w.key("parties"); w.strings(parties)
        w.key("recent"); try w.items(recent)
        w.key("related"); w.strings(related)
        w.key("reportedStatements"); try w.items(reportedStatements)
        w.key("schemaVersion"); w.integer(schemaVersion)
        w.key("sources"); try w.items(sources)
        w.key("thirdParties"); try w.items(thirdParties)
        w.key("timeline"); try w.items(timeline)
        w.key("title"); w.string(title)
        w.key("topics"); try w.items(topics)
        w.key("trend"); try trend.write(to: &w)
        w.key("window"); w.integer(window)
        w.key("withdrawn"); try w.items(withdrawn)
        w.close("}", outer: outer)
    }
}

extension CitationItem: JSONTextWritable {
    func write(to w: inout JSONTextWriter) {
        let outer = w.open("{")
        if let credibility { w.key("credibility"); w.integer(credibility) }
        w.key("grade"); w.string(grade)
        if let locator { w.key("locator"); w.string(locator) }
        w.key("source"); w.string(source)
        w.close("}", outer: outer)
    }
}

extension EventItem: JSONTextWritable {
    func write(to w: inout JSONTextWriter) throws {
        let outer = w.open("{")
        w.key("date"); w.string(date)
        w.key("dateDisplay"); w.string(dateDisplay)
        w.key("id"); w.string(id)
        if let location { w.key("location"); w.string(location) }
        w.key("milestone"); w.bool(milestone)
        w.key("participants"); w.strings(participants)
        w.key("scope"); w.string(scope.rawValue)
        w.key("sources"); try w.items(sources)
        if let summary { w.key("summary"); w.string(summary) }
        w.key("title"); w.string(title)
        w.key("topics"); w.strings(topics)
        w.key("type"); w.string(type)
        w.key("typeLabel"); w.string(typeLabel)
        if let venue { w.key("venue"); w.string(venue) }
        if let weight { w.key("weight"); try w.number(weight, "weight") }
        w.close("}", outer: outer)
    }
}

extension QuoteItem: JSONTextWritable {
    func write(to w: inout JSONTextWriter) throws {
        let outer = w.open("{")
        w.key("date"); w.string(date)
        w.key("dateDisplay"); w.string(dateDisplay)
        if let event { w.key("event"); w.string(event) }
        if let eventTitle { w.key("eventTitle"); w.string(eventTitle) }
        w.key("form"); w.string(form.rawValue)
        w.key("formerRole"); w.bool(formerRole)
        w.key("id"); w.string(id)
        if let language { w.key("language"); w.string(language) }
        w.key("level"); w.string(level.rawValue)
        w.key("priority"); w.string(priority.rawValue)
        if let role { w.key("role"); w.string(role) }
        w.key("scope"); w.string(scope.rawValue)
        w.key("sources"); try w.items(sources)
        w.key("speaker"); w.string(speaker)
        w.key("speakerName"); w.string(speakerName)
        w.key("text"); w.string(text)
        w.key("translated"); w.bool(translated)
        if let venue { w.key("venue"); w.string(venue) }
        w.close("}", outer: outer)
    }
}

extension CommitmentItem: JSONTextWritable {
    func write(to w: inout JSONTextWriter) throws {
        let outer = w.open("{")
        w.key("ageDays"); w.integer(ageDays)
        w.key("by"); w.strings(by)
        w.key("byNames"); w.strings(byNames)
        if let due { w.key("due"); w.string(due) }
        if let dueDisplay { w.key("dueDisplay"); w.string(dueDisplay) }
        if let event { w.key("event"); w.string(event) }
        w.key("history"); try w.items(history)
        w.key("id"); w.string(id)
        w.key("kind"); w.string(kind.rawValue)
        if let lastUpdate { w.key("lastUpdate"); try lastUpdate.write(to: &w) }
        w.key("made"); w.string(made)
        w.key("madeDisplay"); w.string(madeDisplay)
        w.key("overdue"); w.bool(overdue)
        if let quantity { w.key("quantity"); w.string(quantity) }
        w.key("scope"); w.string(scope.rawValue)
        w.key("sources"); try w.items(sources)
        w.key("status"); w.string(status.rawValue)
        w.key("text"); w.string(text)
        w.key("to"); w.strings(to)
        w.key("toNames"); w.strings(toNames)
        w.close("}", outer: outer)
    }
}

extension UpdateItem: JSONTextWritable {
    func write(to w: inout JSONTextWriter) throws {
        let outer = w.open("{")
        w.key("date"); w.string(date)
        w.key("dateDisplay"); w.string(dateDisplay)
        if let evidence { w.key("evidence"); w.string(evidence) }
        w.key("id"); w.string(id)
        if let note { w.key("note"); w.string(note) }
        w.key("sources"); try w.items(sources)
        w.key("status"); w.string(status.rawValue)
        w.close("}", outer: outer)
    }
}

extension CommitmentLists: JSONTextWritable {
    func write(to w: inout JSONTextWriter) throws {
        let outer = w.open("{")
        w.key("closed"); try w.items(closed)
        w.key("outstanding"); try w.items(outstanding)
        w.key("overdueCount"); w.integer(overdueCount)
        w.key("unknown"); try w.items(unknown)
        w.close("}", outer: outer)
    }
}

extension SourceItem: JSONTextWritable {
    func write(to w: inout JSONTextWriter) {
        let outer = w.open("{")
        if let credibility { w.key("credibility"); w.integer(credibility) }
        w.key("grade"); w.string(grade)
        w.key("id"); w.string(id)
        if let kind { w.key("kind"); w.string(kind.rawValue) }
        if let note { w.key("note"); w.string(note) }
        w.key("published"); w.string(published)
        w.key("publishedDisplay"); w.string(publishedDisplay)
        if let publisher { w.key("publisher"); w.string(publisher) }
        if let reliability { w.key("reliability"); w.string(reliability) }
        w.key("title"); w.string(title)
        if let url { w.key("url"); w.string(url) }
        w.close("}", outer: outer)
    }
}

extension ActorItem: JSONTextWritable {
    func write(to w: inout JSONTextWriter) {
        let outer = w.open("{")
        if let code { w.key("code"); w.string(code) }
        w.key("id"); w.string(id)
        w.key("kind"); w.string(kind.rawValue)
        w.key("name"); w.string(name)
        w.close("}", outer: outer)
    }
}

extension TopicCount: JSONTextWritable {
    func write(to w: inout JSONTextWriter) {
        let outer = w.open("{")
        w.key("count"); w.integer(count)
        w.key("topic"); w.string(topic)
        w.close("}", outer: outer)
    }
}

extension ThirdParty: JSONTextWritable {
    func write(to w: inout JSONTextWriter) {
        let outer = w.open("{")
        w.key("id"); w.string(id)
        w.key("name"); w.string(name)
        w.key("records"); w.integer(records)
        w.close("}", outer: outer)
    }
}

extension WithdrawnItem: JSONTextWritable {
    func write(to w: inout JSONTextWriter) throws {
        let outer = w.open("{")
        w.key("id"); w.string(id)
        w.key("kind"); w.string(kind.rawValue)
        if let note { w.key("note"); w.string(note) }
        w.key("retracted"); w.string(retracted)
        w.key("retractedDisplay"); w.string(retractedDisplay)
        w.key("sources"); try w.items(sources)
        w.key("title"); w.string(title)
        w.close("}", outer: outer)
    }
}

extension Trend: JSONTextWritable {
    func write(to w: inout JSONTextWriter) throws {
        let outer = w.open("{")
        w.key("direction"); w.string(direction.rawValue)
        w.key("granularity"); w.string(granularity.rawValue)
        w.key("points"); try w.items(points)
        w.key("previousScore"); try w.number(previousScore, "previousScore")
        w.key("recentScore"); try w.number(recentScore, "recentScore")
        w.key("unplaced"); w.integer(unplaced)
        w.close("}", outer: outer)
    }
}

extension TrendPoint: JSONTextWritable {
    func write(to w: inout JSONTextWriter) throws {
        let outer = w.open("{")
        w.key("events"); w.integer(events)
        w.key("label"); w.string(label)
        w.key("period"); w.string(period)
        w.key("score"); try w.number(score, "score")
        w.close("}", outer: outer)
    }
}
