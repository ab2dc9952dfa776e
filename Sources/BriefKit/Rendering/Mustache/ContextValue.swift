/// A value a template reads, typed: a place in the brief's tree
/// (`FlatTree`), or one of the few kinds of value `TemplateContext` adds.
/// Nothing is converted or escaped ahead of use: derived fields are computed
/// when a tag names them, and text is escaped by the format's rule as it is
/// written. Copying one counts no reference unless it holds a `String` or a
/// list of its own (the root's few added fields).
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
    /// Text not in the tree (a label, a name): escaped by the format's rule when written.
    case string(String)
    /// Text already escaped for the format, or markup: written as it is.
    case text(String)
    /// Text of the tree, its bytes `start ..< start + count`: escaped when written.
    case treeText(start: Int32, count: Int32)
    /// A list of the tree, by its node.
    case treeArray(Int32)
    /// An object of the model, by its node, with the derived fields of `TemplateContext.convert`.
    case treeObject(Int32)
    /// A list not in the tree (`partyNames`).
    case list([ContextValue])
    /// `textLines` of the tree's text `start ..< end`: each line is an
    /// object whose only field is `line` (`TemplateContext.lines`).
    case lines(start: Int32, end: Int32)
    case line(start: Int32, count: Int32)
    /// An object with only the fields it holds (`raw`, `counts`).
    case plain([String: ContextValue])
    /// The root of a brief or of a set of changes.
    case root(RootContext)

    /// The value of `node` of `tree`.
    @inline(__always)
    init(node: Int32, of tree: FlatTree) {
        let value = tree.nodes[Int(node)]
        switch value.kind {
        case .null: self = .null
        case .bool: self = .bool(value.start != 0)
        case .number: self = .number(tree.numbers[Int(value.start)])
        case .string: self = .treeText(start: value.start, count: value.count)
        case .array: self = .treeArray(node)
        case .object: self = .treeObject(node)
        }
    }

    /// The field `key` of this value; nil when it has none, and the lookup
    /// goes on in the enclosing value. Only objects have fields.
    func field(_ key: ContextKey, in tree: FlatTree) -> ContextValue? {
        switch self {
        case let .treeObject(node):
            return Self.field(key, of: node, in: tree)
        case let .root(root):
            if let field = key.rootField, let value = root.extras[field.index] { return value }
            guard root.object >= 0 else { return key.isOptional ? .null : nil }
            return Self.field(key, of: root.object, in: tree)
        case let .plain(fields):
            return fields[key.name]
        case let .line(start, count):
            return key.name == "line" ? .treeText(start: start, count: count) : nil
        case .null, .bool, .int, .number, .string, .text, .treeText, .treeArray, .list, .lines:
            return nil
        }
    }

    /// A field of a model object, as `convert` leaves it: the derived fields
    /// of `addLabels` first (they replace any other), then the `hasX` flag of
    /// a list and the object's own fields, then an optional member it leaves
    /// out, present as null.
    static func field(_ key: ContextKey, of object: Int32, in tree: FlatTree) -> ContextValue? {
        if let derived = key.derived, let value = derivedField(derived, of: object, in: tree) { return value }
        for source in key.listFlagSources {
            if let list = tree.member(object, source), tree.nodes[Int(list)].kind == .array {
                return .bool(tree.nodes[Int(list)].count > 0)
            }
        }
        if let member = tree.member(object, key.field) { return ContextValue(node: member, of: tree) }
        return key.isOptional ? .null : nil
    }

    /// The string node of member `name` of `object`; nil when it is absent or not a string.
    private static func stringMember(_ name: FieldName, of object: Int32, in tree: FlatTree) -> FlatTree.Node? {
        guard let member = tree.member(object, name) else { return nil }
        let node = tree.nodes[Int(member)]
        return node.kind == .string ? node : nil
    }

    private static func numberMember(_ name: FieldName, of object: Int32, in tree: FlatTree) -> Double? {
        guard let member = tree.member(object, name) else { return nil }
        let node = tree.nodes[Int(member)]
        return node.kind == .number ? tree.numbers[Int(node.start)] : nil
    }

    /// `TemplateContext.addLabels`, one field at a time.
    static func derivedField(_ derived: DerivedField, of object: Int32, in tree: FlatTree) -> ContextValue? {
        switch derived {
        case let .label(source):
            guard let word = stringMember(source, of: object, in: tree) else { return nil }
            let bytes = tree.text(word.start, word.count)
            // Most words have no hyphen: the tree's own text, nothing made.
            guard bytes.contains(UInt8(ascii: "-")) else { return .treeText(start: word.start, count: word.count) }
            return .string(TemplateContext.label(String(decoding: bytes, as: UTF8.self)))
        case .isContext:
            guard let scope = stringMember(DerivedField.scope, of: object, in: tree) else { return nil }
            return .bool(tree.text(scope.start, scope.count).elementsEqual("context".utf8))
        case .scopeLabel:
            guard let scope = stringMember(DerivedField.scope, of: object, in: tree) else { return nil }
            return .string(tree.text(scope.start, scope.count).elementsEqual("context".utf8) ? "context" : "bilateral")
        case .scoreDisplay:
            guard let score = numberMember(DerivedField.score, of: object, in: tree) else { return nil }
            return .string(BottomLine.signed(score))
        case .hasEvents:
            guard let events = numberMember(DerivedField.events, of: object, in: tree) else { return nil }
            return .bool(events > 0)
        case .urlHref:
            guard let url = stringMember(DerivedField.url, of: object, in: tree) else { return nil }
            let bytes = tree.text(url.start, url.count)
            // Most URLs carry every byte as it is: the tree's own text.
            if TemplateContext.keepsAsIs(url: bytes) { return .treeText(start: url.start, count: url.count) }
            return .string(TemplateContext.percentEncoded(String(decoding: bytes, as: UTF8.self)))
        case .textLines:
            guard let text = stringMember(DerivedField.text, of: object, in: tree) else { return nil }
            return .lines(start: text.start, end: text.start + text.count)
        case .isRightToLeft:
            guard let text = stringMember(DerivedField.text, of: object, in: tree) else { return nil }
            return .bool(WritingDirection.of(utf8: tree.text(text.start, text.count)) == .rightToLeft)
        case let .joined(source):
            guard let member = tree.member(object, source) else { return nil }
            let list = tree.nodes[Int(member)]
            guard list.kind == .array else { return nil }
            var names: [String] = []
            for index in Int(list.start) ..< Int(list.start + list.count) {
                if let name = tree.string(tree.items[index]) { names.append(name) }
            }
            return .string(names.joined(separator: ", "))
        }
    }
}

/// The root of what a template reads: the model's fields, and the fields
/// `TemplateContext` adds over them (names of the parties, counts, flags).
final class RootContext {
    /// The model's object in the tree; -1 when the tree's root is not an object.
    let object: Int32
    /// By `RootField.index`; nil where this root has no such field.
    let extras: [ContextValue?]

    init(object: Int32, extras: [RootField: ContextValue]) {
        self.object = object
        var byIndex = [ContextValue?](repeating: nil, count: RootField.allCases.count)
        for (field, value) in extras { byIndex[field.index] = value }
        self.extras = byIndex
    }

    /// The tree's root when it is an object; -1 otherwise.
    static func object(of tree: FlatTree) -> Int32 {
        tree.nodes[Int(tree.root)].kind == .object ? tree.root : -1
    }

    /// A brief's root, as `TemplateContext.context(for:tree:raw:)` builds it:
    /// `raw` is markup, written as it is; `titleText` is escaped already.
    convenience init(brief: Brief, tree: FlatTree, raw: [String: String], escaping: EscapingRule) {
        let names = { (ids: [String]) in ContextValue.list(TemplateContext.names(of: ids, in: brief).map { .string($0) }) }
        self.init(object: Self.object(of: tree), extras: [
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
    convenience init(changes: BriefChanges, tree: FlatTree, escaping: EscapingRule) {
        self.init(object: Self.object(of: tree), extras: [
            .titleText: .text(TemplateContext(escaping: escaping).plainText(changes.title)),
            .hasQuoteChanges: .bool(TemplateContext.hasQuoteChanges(changes)),
            .hasCommitmentChanges: .bool(TemplateContext.hasCommitmentChanges(changes)),
            .hasEventChanges: .bool(TemplateContext.hasEventChanges(changes)),
        ])
    }
}
