import Foundation

/// The values a template sees: the Brief model under its JSON field names,
/// every text already escaped for the format, plus a few derived fields
/// (labels, counts, flags) that layouts need. Raw markup, like the chart's
/// SVG, is only under `raw`.
struct TemplateContext {
    let escaping: EscapingRule

    /// Builds the context of a brief from its JSON tree (`json(_:)`, built
    /// once and shared by every format); `raw` holds markup inserted as is.
    func context(for brief: Brief, tree: JSONValue, raw: [String: String]) -> [String: Any] {
        var root = convert(tree) as? [String: Any] ?? [:]
        root["raw"] = raw
        root["titleText"] = plainText(brief.title)
        root["dyad"] = escaping.escape(brief.parties.map { name in brief.actors.first { $0.id == name }?.name ?? name }.joined(separator: "–"))
        root["hasRelatedNames"] = !brief.related.isEmpty
        root["partyNames"] = brief.parties.map { id in escaping.escape(brief.actors.first { $0.id == id }?.name ?? id) }
        root["relatedNames"] = brief.related.map { id in escaping.escape(brief.actors.first { $0.id == id }?.name ?? id) }
        root["directionLabel"] = escaping.escape(brief.trend.direction.rawValue)
        root["counts"] = [
            "recent": brief.recent.count, "timeline": brief.timeline.count, "keyQuotes": brief.keyQuotes.count,
            "reportedStatements": brief.reportedStatements.count, "outstanding": brief.commitments.outstanding.count,
            "unknown": brief.commitments.unknown.count, "closed": brief.commitments.closed.count,
            "overdue": brief.commitments.overdueCount, "sources": brief.sources.count, "withdrawn": brief.withdrawn.count,
        ]
        return root
    }

    static func json(_ brief: Brief) -> JSONValue { jsonValue(brief) }

    /// For places that hold text only (an HTML `<title>`): escaped, with line
    /// breaks kept as characters rather than turned into markup.
    func plainText(_ text: String) -> String {
        escaping == .html ? EscapingRule.xml.escape(text) : escaping.escape(text)
    }

    /// The context of a set of changes: the same conventions as a brief's.
    func context(forChanges changes: BriefChanges) -> [String: Any] {
        var root = convert(Self.jsonValue(changes)) as? [String: Any] ?? [:]
        root["titleText"] = plainText(changes.title)
        root["hasQuoteChanges"] = !(changes.keyQuotes.entered.isEmpty && changes.keyQuotes.left.isEmpty
            && changes.reportedStatements.entered.isEmpty && changes.reportedStatements.left.isEmpty && changes.quotesChanged.isEmpty)
        let c = changes.commitments
        root["hasCommitmentChanges"] = !(c.made.isEmpty && c.statusChanged.isEmpty && c.becameOverdue.isEmpty && c.withdrawn.isEmpty && c.changed.isEmpty)
        root["hasEventChanges"] = !(changes.events.appeared.isEmpty && changes.events.withdrawn.isEmpty && changes.events.changed.isEmpty)
        return root
    }

    /// Any model value under its JSON field names: the tree `JSONEncoder`
    /// and `JSONDecoder` would give, built directly. A value JSON cannot hold
    /// (a non-finite number) gives an empty object, as the text round trip did.
    static func jsonValue<T: Encodable>(_ value: T) -> JSONValue {
        (try? JSONValueEncoder.encode(value)) ?? .object([:])
    }

    /// Escapes every string; whole numbers become integers; objects gain labels.
    func convert(_ value: JSONValue) -> Any {
        switch value {
        case .null: return NSNull()
        case let .bool(flag): return flag
        case let .number(number): return number == number.rounded() && abs(number) < 1e15 ? Int(number) : number
        case let .string(text): return escaping.escape(text)
        case let .array(items): return items.map(convert)
        case let .object(fields):
            // An optional field left out of the JSON is still present, as empty:
            // otherwise `{{#note}}` would find the enclosing brief's note. The
            // fields below replace the ones present.
            var result = Self.absentOptionalFields
            for (key, field) in fields {
                if case .null = field {
                    result[key] = NSNull()
                    continue
                }
                result[key] = convert(field)
                // `hasRecent`, `hasSources`…: a list's presence, for sections.
                if case let .array(items) = field, let first = key.first {
                    result["has" + first.uppercased() + key.dropFirst()] = !items.isEmpty
                }
            }
            addLabels(to: &result, from: fields)
            return result
        }
    }

    /// A URL as an `href` may carry it: characters URLs do not allow, and a
    /// `%` not followed by two hex digits, are percent-encoded; the rest is kept.
    static func percentEncoded(_ url: String) -> String {
        let allowed = urlAllowed
        let bytes = Array(url.utf8)
        var out = ""
        var index = 0
        func isHex(_ b: UInt8) -> Bool { (48...57).contains(b) || (65...70).contains(b) || (97...102).contains(b) }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) {
                out += "%"
            } else if byte < 0x80, allowed.contains(Unicode.Scalar(byte)) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
            index += 1
        }
        return out
    }

    /// The characters a URL carries as they are: made once, not per URL.
    static let urlAllowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=".unicodeScalars)

    /// Every optional member as `NSNull`, with room for an object's fields:
    /// each object starts as a copy, cheaper than inserting them one by one.
    /// Never mutated after it is built, and `NSNull` is immutable.
    nonisolated(unsafe) static let absentOptionalFields: [String: Any] = {
        var fields = [String: Any](minimumCapacity: 2 * optionalFields.count + 16)
        for key in optionalFields { fields[key] = NSNull() }
        return fields
    }()

    /// Every optional member of the Brief and changes models.
    static let optionalFields = ["audience", "note", "summary", "location", "venue", "weight", "role", "language", "event",
                                 "eventTitle", "due", "dueDisplay", "quantity", "lastUpdate", "evidence", "publisher", "url",
                                 "kind", "reliability", "credibility", "locator", "bluf", "trend", "urlHref"]

    /// Words for the enumerations, so layouts need no logic.
    func addLabels(to result: inout [String: Any], from fields: [String: JSONValue]) {
        if case let .string(status)? = fields["status"] { result["statusLabel"] = escaping.escape(status.replacingOccurrences(of: "-", with: " ")) }
        for key in ["from", "to", "directionFrom", "directionTo", "reason"] {
            if case let .string(word)? = fields[key] { result[key + "Label"] = escaping.escape(word.replacingOccurrences(of: "-", with: " ")) }
        }
        if case let .string(scope)? = fields["scope"] {
            result["isContext"] = scope == "context"
            result["scopeLabel"] = escaping.escape(scope == "context" ? "context" : "bilateral")
        }
        if case let .string(kind)? = fields["kind"] { result["kindLabel"] = escaping.escape(kind.replacingOccurrences(of: "-", with: " ")) }
        if case let .number(score)? = fields["score"] { result["scoreDisplay"] = escaping.escape(BottomLine.signed(score)) }
        if case let .number(events)? = fields["events"] { result["hasEvents"] = events > 0 }
        if case let .string(url)? = fields["url"] { result["urlHref"] = escaping.escape(Self.percentEncoded(url)) }
        if case let .string(text)? = fields["text"] {
            result["textLines"] = text.split(separator: "\n", omittingEmptySubsequences: false).map { ["line": escaping.escape(String($0))] }
        }
        if case let .array(names)? = fields["byNames"] {
            result["byList"] = escaping.escape(names.compactMap { if case let .string(n) = $0 { return n } else { return nil } }.joined(separator: ", "))
        }
        if case let .array(names)? = fields["toNames"] {
            result["toList"] = escaping.escape(names.compactMap { if case let .string(n) = $0 { return n } else { return nil } }.joined(separator: ", "))
        }
        if case let .array(topics)? = fields["topics"] {
            result["topicList"] = escaping.escape(topics.compactMap { if case let .string(n) = $0 { return n } else { return nil } }.joined(separator: ", "))
        }
    }
}
