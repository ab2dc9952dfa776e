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
        root["dyad"] = escaping.escape(Self.dyad(of: brief))
        root["hasRelatedNames"] = !brief.related.isEmpty
        root["partyNames"] = Self.names(of: brief.parties, in: brief).map(escaping.escape)
        root["relatedNames"] = Self.names(of: brief.related, in: brief).map(escaping.escape)
        root["directionLabel"] = escaping.escape(brief.trend.direction.rawValue)
        root["counts"] = Dictionary(uniqueKeysWithValues: Self.counts(of: brief).map { ($0.name, $0.count) })
        return root
    }

    /// The actors' names for their ids (the id where no actor has it).
    static func names(of ids: [String], in brief: Brief) -> [String] {
        ids.map { id in brief.actors.first { $0.id == id }?.name ?? id }
    }

    /// The parties' names joined by a dash: "Azerbaijan–Syria".
    static func dyad(of brief: Brief) -> String {
        names(of: brief.parties, in: brief).joined(separator: "–")
    }

    /// How many items each part of the brief holds, under `counts`.
    static func counts(of brief: Brief) -> [(name: String, count: Int)] {
        [("recent", brief.recent.count), ("timeline", brief.timeline.count), ("keyQuotes", brief.keyQuotes.count),
         ("reportedStatements", brief.reportedStatements.count), ("outstanding", brief.commitments.outstanding.count),
         ("unknown", brief.commitments.unknown.count), ("closed", brief.commitments.closed.count),
         ("overdue", brief.commitments.overdueCount), ("sources", brief.sources.count), ("withdrawn", brief.withdrawn.count)]
    }

    /// For places that hold text only (an HTML `<title>`): escaped, with line
    /// breaks kept as characters rather than turned into markup.
    func plainText(_ text: String) -> String {
        escaping == .html ? EscapingRule.xml.escape(text) : escaping.escape(text)
    }

    /// The context of a set of changes: the same conventions as a brief's.
    func context(forChanges changes: BriefChanges) -> [String: Any] {
        var root = convert(Self.jsonValue(changes)) as? [String: Any] ?? [:]
        root["titleText"] = plainText(changes.title)
        root["hasQuoteChanges"] = Self.hasQuoteChanges(changes)
        root["hasCommitmentChanges"] = Self.hasCommitmentChanges(changes)
        root["hasEventChanges"] = Self.hasEventChanges(changes)
        return root
    }

    static func hasQuoteChanges(_ changes: BriefChanges) -> Bool {
        !(changes.keyQuotes.entered.isEmpty && changes.keyQuotes.left.isEmpty
            && changes.reportedStatements.entered.isEmpty && changes.reportedStatements.left.isEmpty && changes.quotesChanged.isEmpty)
    }

    static func hasCommitmentChanges(_ changes: BriefChanges) -> Bool {
        let c = changes.commitments
        return !(c.made.isEmpty && c.statusChanged.isEmpty && c.becameOverdue.isEmpty && c.withdrawn.isEmpty && c.changed.isEmpty)
    }

    static func hasEventChanges(_ changes: BriefChanges) -> Bool {
        !(changes.events.appeared.isEmpty && changes.events.withdrawn.isEmpty && changes.events.changed.isEmpty)
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
                if case let .array(items) = field, let flag = Self.listFlagName(of: key) {
                    result[flag] = !items.isEmpty
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
        // Most URLs carry every byte as it is: the string itself, nothing made.
        if keepsAsIs(url: url.utf8) { return url }
        let bytes = Array(url.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        func isHex(_ b: UInt8) -> Bool { (48...57).contains(b) || (65...70).contains(b) || (97...102).contains(b) }
        let digits = Array("0123456789ABCDEF".utf8)
        for (index, byte) in bytes.enumerated() {
            if byte < 0x80, allowed[Int(byte)] {
                out.append(byte)
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `percentEncoded` leaves the URL of these UTF-8 bytes as it is.
    static func keepsAsIs(url: some Sequence<UInt8>) -> Bool {
        let allowed = urlAllowed
        return url.allSatisfy { $0 < 0x80 && allowed[Int($0)] }
    }

    /// The ASCII bytes a URL carries as they are, by value: made once, not per URL.
    static let urlAllowed: [Bool] = {
        var allowed = [Bool](repeating: false, count: 128)
        for byte in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=".utf8 { allowed[Int(byte)] = true }
        return allowed
    }()

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

    /// The same, for lookups by name.
    static let optionalFieldSet = Set(optionalFields)

    /// The name of the flag that says whether the list under `key` has items:
    /// `recent` gives `hasRecent`.
    static func listFlagName(of key: String) -> String? {
        guard let first = key.first else { return nil }
        return "has" + first.uppercased() + key.dropFirst()
    }

    /// A word of an enumeration as a label: `partly-fulfilled` reads "partly fulfilled".
    /// ASCII text, which most words are, is rewritten byte by byte: the same
    /// result as Foundation's replacement, which the rest goes through.
    static func label(_ word: String) -> String {
        let hyphen = UInt8(ascii: "-")
        guard word.utf8.contains(hyphen) else { return word }
        guard word.utf8.allSatisfy({ $0 < 0x80 }) else { return word.replacingOccurrences(of: "-", with: " ") }
        return String(decoding: word.utf8.map { $0 == hyphen ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }

    /// The strings of a list, joined with commas: `byNames` as `byList`.
    static func joined(_ names: [JSONValue]) -> String {
        names.compactMap { if case let .string(n) = $0 { return n } else { return nil } }.joined(separator: ", ")
    }

    /// The lines of a text, each a value of its own in `textLines`.
    /// `text.split(separator: "\n", omittingEmptySubsequences: false)`, by
    /// bytes (`lineBreak(in:from:textStart:)`). Splitting by characters
    /// cost some thirty thousand instructions a quote.
    static func lines(_ text: String) -> [Substring] {
        var text = text
        let cuts = text.withUTF8 { bytes in
            var cuts: [Int] = []
            var start = 0
            while true {
                let cut = lineBreak(in: bytes, from: start, textStart: 0)
                cuts.append(cut)
                if cut == bytes.count { return cuts }
                start = cut + 1
            }
        }
        var lines: [Substring] = []
        lines.reserveCapacity(cuts.count)
        var start = 0
        for cut in cuts {
            lines.append(Substring(text.utf8[text.utf8.index(text.startIndex, offsetBy: start) ..< text.utf8.index(text.startIndex, offsetBy: cut)]))
            start = cut + 1
        }
        return lines
    }

    /// Where the line that starts at `start` ends in `bytes`, a text's UTF-8
    /// from `textStart` on: at the next line feed that does not follow a
    /// carriage return ("\r\n" is one character, and no line break to
    /// `split`), or at the end.
    static func lineBreak(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, textStart: Int) -> Int {
        var cut = start
        while cut < bytes.count, !(bytes[cut] == 0x0A && (cut == textStart || bytes[cut - 1] != 0x0D)) { cut += 1 }
        return cut
    }

    /// Words for the enumerations, so layouts need no logic.
    func addLabels(to result: inout [String: Any], from fields: JSONObject) {
        if case let .string(status)? = fields["status"] { result["statusLabel"] = escaping.escape(Self.label(status)) }
        for key in ["from", "to", "directionFrom", "directionTo", "reason"] {
            if case let .string(word)? = fields[key] { result[key + "Label"] = escaping.escape(Self.label(word)) }
        }
        if case let .string(scope)? = fields["scope"] {
            result["isContext"] = scope == "context"
            result["scopeLabel"] = escaping.escape(scope == "context" ? "context" : "bilateral")
        }
        if case let .string(kind)? = fields["kind"] { result["kindLabel"] = escaping.escape(Self.label(kind)) }
        if case let .number(score)? = fields["score"] { result["scoreDisplay"] = escaping.escape(BottomLine.signed(score)) }
        if case let .number(events)? = fields["events"] { result["hasEvents"] = events > 0 }
        if case let .string(url)? = fields["url"] { result["urlHref"] = escaping.escape(Self.percentEncoded(url)) }
        if case let .string(text)? = fields["text"] {
            result["textLines"] = Self.lines(text).map { ["line": escaping.escape(String($0))] }
            result["isRightToLeft"] = WritingDirection.of(text) == .rightToLeft
        }
        if case let .array(names)? = fields["byNames"] { result["byList"] = escaping.escape(Self.joined(names)) }
        if case let .array(names)? = fields["toNames"] { result["toList"] = escaping.escape(Self.joined(names)) }
        if case let .array(topics)? = fields["topics"] { result["topicList"] = escaping.escape(Self.joined(topics)) }
    }
}
