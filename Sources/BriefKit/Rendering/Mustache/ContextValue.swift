/// A value a template reads, typed: the model's JSON tree as it is, plus the
/// few kinds of value `TemplateContext` adds. Nothing is converted or escaped
/// ahead of use: derived fields are computed when a tag names them, and text
/// is escaped by the format's rule as it is written.
///
/// Each case behaves as the `[String: Any]` value `TemplateContext` builds
/// for swift-mustache behaves there (the differential tests hold them to it).
enum ContextValue {
    /// An absent optional or a JSON null: stops a lookup, renders as nothing.
    case null
    case bool(Bool)
    case int(Int)
    /// Written as an integer when it is a whole number, as `convert` does.
    case number(Double)
    /// Text from the model: escaped by the format's rule when written.
    case string(String)
    /// Text already escaped for the format, or markup: written as it is.
    case text(String)
    case array([JSONValue])
    /// `textLines`: each line is an object whose only field is `line`.
    case lines([Substring])
    case line(Substring)
    /// An object of the model, with the derived fields of `TemplateContext.convert`.
    case object(JSONObject)
    /// An object with only the fields it holds (`raw`, `counts`).
    case plain([String: ContextValue])
    /// The root of a brief or of a set of changes.
    case root(RootContext)

    init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case let .bool(flag): self = .bool(flag)
        case let .number(number): self = .number(number)
        case let .string(text): self = .string(text)
        case let .array(items): self = .array(items)
        case let .object(fields): self = .object(fields)
        }
    }

    /// The field `key` of this value; nil when it has none, and the lookup
    /// goes on in the enclosing value. Only objects have fields.
    func field(_ key: ContextKey) -> ContextValue? {
        switch self {
        case let .object(fields):
            return Self.field(key, of: fields)
        case let .root(root):
            if let field = key.rootField, let value = root.extras[field.index] { return value }
            return Self.field(key, of: root.fields)
        case let .plain(fields):
            return fields[key.name]
        case let .line(line):
            return key.name == "line" ? .string(String(line)) : nil
        case .null, .bool, .int, .number, .string, .text, .array, .lines:
            return nil
        }
    }

    /// A field of a model object, as `convert` leaves it: the derived fields
    /// of `addLabels` first (they replace any other), then the `hasX` flag of
    /// a list and the object's own fields, then an optional member it leaves
    /// out, present as null.
    static func field(_ key: ContextKey, of fields: JSONObject) -> ContextValue? {
        if let derived = key.derived, let value = derivedField(derived, of: fields) { return value }
        for source in key.listFlagSources {
            if case let .array(items)? = fields[source] { return .bool(!items.isEmpty) }
        }
        if let field = fields[key.name] { return ContextValue(field) }
        return key.isOptional ? .null : nil
    }

    /// `TemplateContext.addLabels`, one field at a time.
    static func derivedField(_ derived: DerivedField, of fields: JSONObject) -> ContextValue? {
        switch derived {
        case let .label(source):
            guard case let .string(word)? = fields[source] else { return nil }
            return .string(TemplateContext.label(word))
        case .isContext:
            guard case let .string(scope)? = fields["scope"] else { return nil }
            return .bool(scope == "context")
        case .scopeLabel:
            guard case let .string(scope)? = fields["scope"] else { return nil }
            return .string(scope == "context" ? "context" : "bilateral")
        case .scoreDisplay:
            guard case let .number(score)? = fields["score"] else { return nil }
            return .string(BottomLine.signed(score))
        case .hasEvents:
            guard case let .number(events)? = fields["events"] else { return nil }
            return .bool(events > 0)
        case .urlHref:
            guard case let .string(url)? = fields["url"] else { return nil }
            return .string(TemplateContext.percentEncoded(url))
        case .textLines:
            guard case let .string(text)? = fields["text"] else { return nil }
            return .lines(TemplateContext.lines(text))
        case .isRightToLeft:
            guard case let .string(text)? = fields["text"] else { return nil }
            return .bool(WritingDirection.of(text) == .rightToLeft)
        case let .joined(source):
            guard case let .array(names)? = fields[source] else { return nil }
            return .string(TemplateContext.joined(names))
        }
    }
}

/// The root of what a template reads: the model's fields, and the fields
/// `TemplateContext` adds over them (names of the parties, counts, flags).
final class RootContext {
    let fields: JSONObject
    /// By `RootField.index`; nil where this root has no such field.
    let extras: [ContextValue?]

    init(fields: JSONObject, extras: [RootField: ContextValue]) {
        self.fields = fields
        var byIndex = [ContextValue?](repeating: nil, count: RootField.allCases.count)
        for (field, value) in extras { byIndex[field.index] = value }
        self.extras = byIndex
    }

    /// A brief's root, as `TemplateContext.context(for:tree:raw:)` builds it:
    /// `raw` is markup, written as it is; `titleText` is escaped already.
    convenience init(brief: Brief, tree: JSONValue, raw: [String: String], escaping: EscapingRule) {
        let fields: JSONObject
        if case let .object(object) = tree { fields = object } else { fields = [:] }
        let names = { (ids: [String]) in ContextValue.array(TemplateContext.names(of: ids, in: brief).map { .string($0) }) }
        self.init(fields: fields, extras: [
            .raw: .plain(raw.mapValues { .text($0) }),
            .titleText: .text(TemplateContext(escaping: escaping).plainText(brief.title)),
            .dyad: .string(TemplateContext.dyad(of: brief)),
            .hasRelatedNames: .bool(!brief.related.isEmpty),
            .partyNames: names(brief.parties),
            .relatedNames: names(brief.related),
            .directionLabel: .string(brief.trend.direction.rawValue),
            .counts: .plain(Dictionary(uniqueKeysWithValues: TemplateContext.counts(of: brief).map { ($0.name, ContextValue.int($0.count)) })),
        ])
    }

    /// The root of a set of changes, as `TemplateContext.context(forChanges:)` builds it.
    convenience init(changes: BriefChanges, tree: JSONValue, escaping: EscapingRule) {
        let fields: JSONObject
        if case let .object(object) = tree { fields = object } else { fields = [:] }
        self.init(fields: fields, extras: [
            .titleText: .text(TemplateContext(escaping: escaping).plainText(changes.title)),
            .hasQuoteChanges: .bool(TemplateContext.hasQuoteChanges(changes)),
            .hasCommitmentChanges: .bool(TemplateContext.hasCommitmentChanges(changes)),
            .hasEventChanges: .bool(TemplateContext.hasEventChanges(changes)),
        ])
    }
}
