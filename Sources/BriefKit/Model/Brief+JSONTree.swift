/// The brief's JSON tree built straight from the model: the tree that the
/// generic `Codable` path (`JSONValueEncoder`) gives for the same value, without
/// an encoder, a container or a coding path per field. Every brief's tree is
/// made once per run for its snapshot, its render key and its layouts, and the
/// generic path was the largest cost left in making it.
///
/// Each type writes its stored properties under their own names, as the
/// synthesized `Encodable` conformance does: an absent optional is left out,
/// numbers are `Double`s, enumerations their raw words. A non-finite number
/// fails as it does on the generic path. `JSONTreeTests` holds each type to
/// the generic path's tree and to its list of stored properties.
protocol JSONTreeBuilding: Encodable {
    func jsonTree() throws -> JSONValue
}

/// The pieces every builder uses.
private extension JSONValue {
    static func integer(_ value: Int) -> JSONValue { .number(Double(value)) }

    static func finite(_ value: Double, _ field: String) throws -> JSONValue {
        guard value.isFinite else { throw JSONValueEncoder.NonFiniteNumber(codingPath: [JSONFieldKey(stringValue: field)]) }
        return .number(value)
    }

    static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    static func trees<Item: JSONTreeBuilding>(_ items: [Item]) throws -> JSONValue {
        var trees: [JSONValue] = []
        trees.reserveCapacity(items.count)
        for item in items { trees.append(try item.jsonTree()) }
        return .array(trees)
    }
}

/// The name of the field a non-finite number was found in.
struct JSONFieldKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension Brief: JSONTreeBuilding {
    func jsonTree() throws -> JSONValue {
        var fields: [String: JSONValue] = [:]
        fields.reserveCapacity(24)
        fields["schemaVersion"] = .integer(schemaVersion)
        fields["brief"] = .string(brief)
        fields["title"] = .string(title)
        fields["asOf"] = .string(asOf)
        fields["asOfDisplay"] = .string(asOfDisplay)
        fields["parties"] = .strings(parties)
        fields["related"] = .strings(related)
        if let audience { fields["audience"] = .string(audience) }
        if let note { fields["note"] = .string(note) }
        fields["window"] = .integer(window)
        fields["bluf"] = .string(bluf)
        fields["recent"] = try .trees(recent)
        fields["timeline"] = try .trees(timeline)
        fields["topics"] = try .trees(topics)
        fields["thirdParties"] = try .trees(thirdParties)
        fields["trend"] = try trend.jsonTree()
        fields["keyQuotes"] = try .trees(keyQuotes)
        fields["reportedStatements"] = try .trees(reportedStatements)
        fields["commitments"] = try commitments.jsonTree()
        fields["withdrawn"] = try .trees(withdrawn)
        fields["sources"] = try .trees(sources)
        fields["actors"] = try .trees(actors)
        return .object(fields)
    }
}

extension CitationItem: JSONTreeBuilding {
    func jsonTree() -> JSONValue {
        var fields: [String: JSONValue] = [:]
        fields.reserveCapacity(4)
        fields["source"] = .string(source)
        if let locator { fields["locator"] = .string(locator) }
        if let credibility { fields["credibility"] = .integer(credibility) }
        fields["grade"] = .string(grade)
        return .object(fields)
    }
}

extension EventItem: JSONTreeBuilding {
    func jsonTree() throws -> JSONValue {
        var fields: [String: JSONValue] = [:]
        fields.reserveCapacity(17)
        fields["id"] = .string(id)
        fields["date"] = .string(date)
        fields["dateDisplay"] = .string(dateDisplay)
        fields["type"] = .string(type)
        fields["typeLabel"] = .string(typeLabel)
        if let weight { fields["weight"] = try .finite(weight, "weight") }
        fields["milestone"] = .bool(milestone)
        fields["title"] = .string(title)
        if let summary { fields["summary"] = .string(summary) }
        if let location { fields["location"] = .string(location) }
        if let venue { fields["venue"] = .string(venue) }
        fields["participants"] = .strings(participants)
        fields["scope"] = .string(scope.rawValue)
        fields["topics"] = .strings(topics)
        fields["sources"] = try .trees(sources)
        return .object(fields)
    }
}

extension QuoteItem: JSONTreeBuilding {
    func jsonTree() throws -> JSONValue {
        var fields: [String: JSONValue] = [:]
        fields.reserveCapacity(20)
        fields["id"] = .string(id)
        fields["speaker"] = .string(speaker)
        fields["speakerName"] = .string(speakerName)
        if let role { fields["role"] = .string(role) }
        fields["formerRole"] = .bool(formerRole)
        fields["level"] = .string(level.rawValue)
        fields["date"] = .string(date)
        fields["dateDisplay"] = .string(dateDisplay)
        fields["text"] = .string(text)
        fields["form"] = .string(form.rawValue)
        fields["priority"] = .string(priority.rawValue)
        if let language { fields["language"] = .string(language) }
        fields["translated"] = .bool(translated)
        if let event { fields["event"] = .string(event) }
        if let eventTitle { fields["eventTitle"] = .string(eventTitle) }
        if let venue { fields["venue"] = .string(venue) }
        fields["scope"] = .string(scope.rawValue)
        fields["sources"] = try .trees(sources)
        return .object(fields)
    }
}

extension CommitmentItem: JSONTreeBuilding {
    func jsonTree() throws -> JSONValue {
        var fields: [String: JSONValue] = [:]
        fields.reserveCapacity(21)
        fields["id"] = .string(id)
        fields["kind"] = .string(kind.rawValue)
        fields["by"] = .strings(by)
        fields["byNames"] = .strings(byNames)
        fields["to"] = .strings(to)
        fields["toNames"] = .strings(toNames)
        fields["text"] = .string(text)
        fields["made"] = .string(made)
        fields["madeDisplay"] = .string(madeDisplay)
        if let due { fields["due"] = .string(due) }
        if let dueDisplay { fields["dueDisplay"] = .string(dueDisplay) }
        if let quantity { fields["quantity"] = .string(quantity) }
        fields["status"] = .string(status.rawValue)
        fields["overdue"] = .bool(overdue)
        fields["ageDays"] = .integer(ageDays)
        if let event { fields["event"] = .string(event) }
        if let lastUpdate { fields["lastUpdate"] = try lastUpdate.jsonTree() }
        fields["history"] = try .trees(history)
        fields["scope"] = .string(scope.rawValue)
        fields["sources"] = try .trees(sources)
        return .object(fields)
    }
}

extension UpdateItem: JSONTreeBuilding {
    func jsonTree() throws -> JSONValue {
        var fields: [String: JSONValue] = [:]
        fields.reserveCapacity(7)
        fields["id"] = .string(id)
        fields["date"] = .string(date)
        fields["dateDisplay"] = .string(dateDisplay)
        fields["status"] = .string(status.rawValue)
        if let note { fields["note"] = .string(note) }
        if let evidence { fields["evidence"] = .string(evidence) }
        fields["sources"] = try .trees(sources)
        return .object(fields)
    }
}

extension CommitmentLists: JSONTreeBuilding {
    func jsonTree() throws -> JSONValue {
        .object([
            "outstanding": try .trees(outstanding),
            "unknown": try .trees(unknown),
            "closed": try .trees(closed),
            "overdueCount": .integer(overdueCount),
        ])
    }
}

extension SourceItem: JSONTreeBuilding {
    func jsonTree() -> JSONValue {
        var fields: [String: JSONValue] = [:]
        fields.reserveCapacity(11)
        fields["id"] = .string(id)
        fields["title"] = .string(title)
        if let publisher { fields["publisher"] = .string(publisher) }
        fields["published"] = .string(published)
        fields["publishedDisplay"] = .string(publishedDisplay)
        if let url { fields["url"] = .string(url) }
        if let kind { fields["kind"] = .string(kind.rawValue) }
        if let reliability { fields["reliability"] = .string(reliability) }
        if let credibility { fields["credibility"] = .integer(credibility) }
        fields["grade"] = .string(grade)
        if let note { fields["note"] = .string(note) }
        return .object(fields)
    }
}

extension ActorItem: JSONTreeBuilding {
    func jsonTree() -> JSONValue {
        var fields: [String: JSONValue] = [:]
        fields.reserveCapacity(4)
        fields["id"] = .string(id)
        fields["name"] = .string(name)
        fields["kind"] = .string(kind.rawValue)
        if let code { fields["code"] = .string(code) }
        return .object(fields)
    }
}

extension TopicCount: JSONTreeBuilding {
    func jsonTree() -> JSONValue {
        .object(["topic": .string(topic), "count": .integer(count)])
    }
}

extension ThirdParty: JSONTreeBuilding {
    func jsonTree() -> JSONValue {
        .object(["id": .string(id), "name": .string(name), "records": .integer(records)])
    }
}

extension WithdrawnItem: JSONTreeBuilding {
    func jsonTree() throws -> JSONValue {
        var fields: [String: JSONValue] = [:]
        fields.reserveCapacity(7)
        fields["kind"] = .string(kind.rawValue)
        fields["id"] = .string(id)
        fields["title"] = .string(title)
        fields["retracted"] = .string(retracted)
        fields["retractedDisplay"] = .string(retractedDisplay)
        if let note { fields["note"] = .string(note) }
        fields["sources"] = try .trees(sources)
        return .object(fields)
    }
}

extension Trend: JSONTreeBuilding {
    func jsonTree() throws -> JSONValue {
        .object([
            "granularity": .string(granularity.rawValue),
            "points": try .trees(points),
            "direction": .string(direction.rawValue),
            "recentScore": try .finite(recentScore, "recentScore"),
            "previousScore": try .finite(previousScore, "previousScore"),
            "unplaced": .integer(unplaced),
        ])
    }
}

extension TrendPoint: JSONTreeBuilding {
    func jsonTree() throws -> JSONValue {
        .object([
            "period": .string(period),
            "label": .string(label),
            "score": try .finite(score, "score"),
            "events": .integer(events),
        ])
    }
}
