/// A name in a tag, compiled once: where the lookup starts, and each part of
/// a dotted name with what it can mean already worked out, so a lookup while
/// rendering compares no strings but the dictionary's.
///
/// The rules are swift-mustache's: `.` is the current value; a name starting
/// with a dot (`.note`) is looked up in the current value only; any other
/// name is looked up in the current value, then in each enclosing one, up to
/// the root, and the rest of a dotted name (`commitments.outstanding`) in
/// what the first part found. An empty name with transforms (`last()`) asks
/// where the current item stands in the list being rendered.
///
/// A class, as `ContextKey`: the nodes hold it without copying its parts.
final class ValuePath: Sendable {
    enum Start: Sendable {
        /// `.`, and names that are only dots.
        case current
        /// `.name`: the current value only.
        case currentOnly
        /// `name`: the current value, then the enclosing ones.
        case stack
        /// `first()`, `last()`, `index()`, `even()`, `odd()`, and transforms of their results.
        case sequence
    }

    let start: Start
    /// The parts of a dotted name; empty for `.current` and `.sequence`.
    let keys: [ContextKey]
    /// `keys`' first, held by `keys`: a lookup reads it without counting a reference.
    let firstKey: Unmanaged<ContextKey>?
    /// For `.sequence`: the transforms, innermost first.
    let transforms: [SequenceTransform]

    /// The tag's name as the parser read it (for messages and tests).
    let name: String

    /// Nil when the name uses a transform the engine does not implement
    /// (`lowercased(title)`, `count(recent)`…).
    init?(name: String, transforms: [String]) {
        self.name = name
        if name == "." {
            guard transforms.isEmpty else { return nil }
            start = .current
            keys = []
            firstKey = nil
            self.transforms = []
            return
        }
        if name.isEmpty, !transforms.isEmpty {
            start = .sequence
            keys = []
            firstKey = nil
            // swift-mustache applies `a(b())` as b, then a.
            self.transforms = transforms.reversed().map { SequenceTransform(name: $0) }
            return
        }
        guard transforms.isEmpty else { return nil }
        let parts = name.split(separator: ".").map { ContextKey(String($0)) }
        keys = parts
        firstKey = parts.first.map { Unmanaged.passUnretained($0) }
        self.transforms = []
        if parts.isEmpty {
            start = .current
        } else {
            start = name.first == "." ? .currentOnly : .stack
        }
    }
}

/// What swift-mustache's sequence context and integer transforms give.
enum SequenceTransform: Sendable, Equatable {
    case first, last, index, even, odd
    case plusOne, minusOne, equalZero
    /// Any other name: swift-mustache gives nothing.
    case unknown

    init(name: String) {
        switch name {
        case "first": self = .first
        case "last": self = .last
        case "index": self = .index
        case "even": self = .even
        case "odd": self = .odd
        case "plusone": self = .plusOne
        case "minusone": self = .minusOne
        case "equalzero": self = .equalZero
        default: self = .unknown
        }
    }
}

/// One part of a name, with the derived fields of `TemplateContext` it may
/// name worked out once. A class: lookups pass it around without copying
/// its strings.
final class ContextKey: Sendable {
    let name: String
    /// `name`, numbered for lookups in a brief's tree.
    let field: FieldName
    /// A field computed from another one of the same object (`statusLabel`…).
    let derived: DerivedField?
    /// For `hasX`: the fields whose being a non-empty list it reports.
    let listFlagSources: [FieldName]
    /// An optional member of the model: present as null in every object.
    let isOptional: Bool
    /// A field only the root of a brief or of a set of changes has.
    let rootField: RootField?

    init(_ name: String) {
        self.name = name
        field = FieldName(name)
        derived = DerivedField(name: name)
        listFlagSources = Self.listFlagSources(of: name).map(FieldName.init)
        isOptional = TemplateContext.optionalFieldSet.contains(name)
        rootField = RootField(rawValue: name)
    }

    /// `hasRecent` reports whether `recent` is a non-empty list: the fields
    /// whose flag is called `name` (`TemplateContext.listFlagName`). Model
    /// keys are ASCII identifiers, so the first letter of the rest of the
    /// name, lowercased or as it is, gives them all.
    static func listFlagSources(of name: String) -> [String] {
        guard name.hasPrefix("has") else { return [] }
        let rest = name.dropFirst(3)
        guard let first = rest.first else { return [] }
        var sources: [String] = []
        for candidate in [first.lowercased() + rest.dropFirst(), String(rest)] where !sources.contains(candidate) {
            if TemplateContext.listFlagName(of: candidate) == name { sources.append(candidate) }
        }
        return sources
    }
}

/// The fields `TemplateContext.addLabels` adds to an object, by the field they come from.
enum DerivedField: Sendable, Equatable {
    /// `statusLabel`, `kindLabel`…: a word of an enumeration, hyphens as spaces.
    case label(source: FieldName)
    case isContext
    case scopeLabel
    case scoreDisplay
    /// From a number of events (a trend point); a list of events gives `hasEvents` as any list does.
    case hasEvents
    case urlHref
    case textLines
    /// Whether the object's `text` is written right to left (`WritingDirection`).
    case isRightToLeft
    /// `byList`, `toList`, `topicList`: the names of a list, joined.
    case joined(source: FieldName)

    init?(name: String) {
        switch name {
        case "statusLabel": self = .label(source: FieldName("status"))
        case "fromLabel": self = .label(source: FieldName("from"))
        case "toLabel": self = .label(source: FieldName("to"))
        case "directionFromLabel": self = .label(source: FieldName("directionFrom"))
        case "directionToLabel": self = .label(source: FieldName("directionTo"))
        case "reasonLabel": self = .label(source: FieldName("reason"))
        case "kindLabel": self = .label(source: FieldName("kind"))
        case "isContext": self = .isContext
        case "scopeLabel": self = .scopeLabel
        case "scoreDisplay": self = .scoreDisplay
        case "hasEvents": self = .hasEvents
        case "urlHref": self = .urlHref
        case "textLines": self = .textLines
        case "isRightToLeft": self = .isRightToLeft
        case "byList": self = .joined(source: FieldName("byNames"))
        case "toList": self = .joined(source: FieldName("toNames"))
        case "topicList": self = .joined(source: FieldName("topics"))
        default: return nil
        }
    }

    /// The fields the derived fields other than labels and lists read.
    static let scope = FieldName("scope")
    static let score = FieldName("score")
    static let events = FieldName("events")
    static let url = FieldName("url")
    static let text = FieldName("text")
}

/// The fields `TemplateContext.context(for:)` and `context(forChanges:)` add
/// to the root, over those of the model.
enum RootField: String, Sendable, CaseIterable {
    case raw, titleText, dyad, hasRelatedNames, partyNames, relatedNames, directionLabel, counts
    case hasQuoteChanges, hasCommitmentChanges, hasEventChanges

    var index: Int {
        switch self {
        case .raw: 0
        case .titleText: 1
        case .dyad: 2
        case .hasRelatedNames: 3
        case .partyNames: 4
        case .relatedNames: 5
        case .directionLabel: 6
        case .counts: 7
        case .hasQuoteChanges: 8
        case .hasCommitmentChanges: 9
        case .hasEventChanges: 10
        }
    }
}
