import YAMLReader

/// Reads the fields of one YAML map (a record, a role, a citation) as the
/// contract types them, collecting a located diagnostic for every problem and
/// the place of every field.
///
/// It reads straight from the file's `YAMLTape`: a field is found by comparing
/// the bytes of a dozen keys, and a `String` is made only for a value that is
/// kept or quoted in a message.
struct FieldReader {
    let file: String
    /// "event", "role", "brief definition": for messages.
    let noun: String
    let mark: Mark
    private(set) var id: String?
    /// Held so that the values read from it stay valid while this reader lives.
    private let tape: YAMLTape
    private let map: YAMLTape.Value
    /// The fields the map may hold, and the pair of each one it does hold:
    /// found in one pass over the keys, so that reading a field costs no search.
    private let fields: [String]
    private var slots: [YAMLTape.Pairs.Pair?]
    /// Where the last field read was among `fields` (`slot(of:)`).
    private var cursor = 0
    /// Whether any key starts with `x-`.
    private var hasExtensions = false
    private(set) var diagnostics: [Diagnostic] = []

    /// Every reference read, with the rule of what it must name. Its subject
    /// (`recordSubject`) is added only where a use is kept (`uses`): a record
    /// that is kept lists its references again for the validator, so for most
    /// records the subject is never made.
    private(set) var pending: [PendingUse] = []
    /// The record a nested map (a role, a citation) belongs to, for messages.
    private let owner: RecordSubject?
    /// The ids references named so far (`ReferenceIDTable`), where the
    /// file's reader lends one.
    private let ids: ReferenceIDTable?

    /// What messages and kept uses name a record by: "event 'antalya-meeting'".
    /// Its text is made only when one needs it: every citation written as a
    /// map is read by a reader of its own, and making its owner's name for
    /// each one was a string built for nothing nearly every time.
    struct RecordSubject {
        let noun: String
        let id: String?

        var text: String { FieldReader.subject(noun: noun, id: id) }
    }

    /// A reference read, before the subject of a `ReferenceUse` is added.
    struct PendingUse {
        var field: String
        var reference: Reference
        var rule: ReferenceRule
    }

    /// Every reference read, for the validator.
    var uses: [ReferenceUse] {
        guard !pending.isEmpty else { return [] }
        let subject = recordSubject.text
        return pending.map { ReferenceUse(subject: subject, field: $0.field, reference: $0.reference, expectation: $0.rule.expectation) }
    }

    /// "event 'antalya-meeting'", or "event" when it has no usable id: made
    /// when a message or a kept use needs it.
    var subject: String { Self.subject(noun: noun, id: id) }

    static func subject(noun: String, id: String?) -> String {
        if let id, !id.isEmpty { "\(noun) '\(id)'" } else { noun }
    }

    private var ownerPrefix: String { owner.map { "\($0.text): " } ?? "" }

    /// Reads `node` as a map holding only `fields` (and `x-` fields); anything
    /// else is reported. Returns nil (with a diagnostic) when `node` is not a map.
    /// `node`'s tape must live as long as the reader: the reader holds it.
    init?(_ node: YAMLTape.Value, noun: String, file: String, fields: [String], owner: RecordSubject? = nil, idKey: String = "id",
          id knownID: String? = nil, ids: ReferenceIDTable? = nil, into sink: inout [Diagnostic]) {
        self.file = file
        self.ids = ids
        self.noun = noun
        self.mark = node.mark
        guard node.kind == .mapping else {
            let subject = owner.map { "\($0.text): " } ?? ""
            sink.append(.error(SourceLocation(file: file, line: node.mark.line, column: node.mark.column),
                               "\(subject)\(FieldReader.article(noun)) must be a map of fields, not \(node.kindDescription)"))
            return nil
        }
        self.tape = node.tape
        self.map = node
        self.fields = fields
        // The parser has dropped duplicate keys: each field is in one pair at most.
        var slots = [YAMLTape.Pairs.Pair?](repeating: nil, count: fields.count)
        var unknown: [YAMLTape.Value] = []
        // Keys are mostly written in the order `fields` names them.
        var next = 0
        for pair in node.pairs {
            if let position = pair.key.index(in: fields, tryingFirst: next) {
                slots[position] = pair
                next = position + 1
            } else if pair.key.hasPrefix("x-") {
                hasExtensions = true
            } else {
                unknown.append(pair.key)
            }
        }
        self.slots = slots
        // Only a well-formed id names the record in messages: a malformed one
        // (or a 10 MB one) is reported once, where it is.
        if let knownID {
            id = knownID
        } else if let text = (Self.position(of: idKey, in: fields).flatMap { slots[$0]?.value } ?? node.value(of: idKey))?.scalar,
                  Identifier.isValid(text) {
            id = text
        }
        self.owner = owner
        for key in unknown {
            let text = key.text
            var message = "\(ownerPrefix)\(subject): unknown field '\(text)'"
            if let guess = Spelling.closest(to: text, among: fields) { message += " (did you mean '\(guess)'?)" }
            diagnostics.append(.error(location(key.mark), message))
        }
    }

    /// Reads a map of a tree already built (a format manifest).
    init?(_ node: YAMLNode, noun: String, file: String, fields: [String], owner: RecordSubject? = nil, idKey: String = "id",
          id knownID: String? = nil, into sink: inout [Diagnostic]) {
        let tape = YAMLTape(node)
        // Alive until the reader holds it.
        defer { withExtendedLifetime(tape) {} }
        guard let root = tape.documentValues.first else { return nil }
        self.init(root, noun: noun, file: file, fields: fields, owner: owner, idKey: idKey, id: knownID, into: &sink)
    }

    /// The place of each of `FieldOrigins.fields` the map has, for messages about
    /// the record (the record's own place serves the rest).
    var fieldOrigins: FieldOrigins {
        var origins = FieldOrigins()
        for (field, pair) in zip(fields, slots) {
            if let pair, FieldOrigins.keeps(field) { origins[field] = location(pair.key.mark) }
        }
        return origins
    }

    /// Where `key` is among `names`: `firstIndex(of:)`, with the byte counts
    /// compared first. Every field read looks its name up this way, and
    /// names of another length (most of them) are passed over without a
    /// call into `String`'s comparison.
    static func position(of key: String, in names: [String]) -> Int? {
        let count = key.utf8.count
        for index in names.indices where names[index].utf8.count == count && names[index] == key { return index }
        return nil
    }

    /// The record this reader's references belong to, in messages.
    var recordSubject: RecordSubject { owner ?? RecordSubject(noun: noun, id: id) }

    var origin: SourceLocation { location(mark) }

    func location(_ mark: Mark) -> SourceLocation {
        SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    mutating func has(_ key: String) -> Bool { node(key) != nil }

    mutating func node(_ key: String) -> YAMLTape.Value? {
        let found = slot(of: key).map { slots[$0]?.value } ?? map.value(of: key)
        guard let value = found, !value.isNull else { return nil }
        return value
    }

    /// Where `key` is among `fields`. Records read their fields mostly in the
    /// order the list names them, so the one after the field found last, then
    /// that field again, are tried first.
    private mutating func slot(of key: String) -> Int? {
        if cursor + 1 < fields.count, fields[cursor + 1] == key {
            cursor += 1
            return cursor
        }
        if cursor < fields.count, fields[cursor] == key { return cursor }
        guard let position = Self.position(of: key, in: fields) else { return nil }
        cursor = position
        return position
    }

    mutating func error(_ mark: Mark, _ message: String) {
        diagnostics.append(.error(location(mark), "\(ownerPrefix)\(subject): \(message)"))
    }

    private mutating func missing(_ key: String) {
        error(mark, "missing required field '\(key)'")
    }

    // MARK: - Scalars

    /// A text field. Trailing line breaks of a block scalar are dropped; those
    /// inside are kept.
    mutating func text(_ key: String, required: Bool = false) -> String? {
        guard let node = node(key) else {
            if required { missing(key) }
            return nil
        }
        guard node.kind == .scalar else {
            error(node.mark, "'\(key)' must be text, not \(node.kindDescription)")
            return nil
        }
        let text = Self.trimmedText(node)
        if required && Self.isBlank(text) {
            error(node.mark, "'\(key)' must not be empty")
            return nil
        }
        return text
    }

    /// A scalar's text, less the trailing line breaks of a block scalar
    /// (those inside are kept).
    static func trimmedText(_ node: YAMLTape.Value) -> String {
        var text = node.text
        let style = node.style
        if style == .literal || style == .folded {
            while text.hasSuffix("\n") || text.hasSuffix("\r\n") { text.removeLast() }
        }
        return text
    }

    /// Nothing but whitespace (or nothing). A text that starts with a
    /// printable ASCII character other than a space is not, whatever follows:
    /// known from its first byte, without reading a `Character`.
    static func isBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, first > 0x20, first < 0x7F { return false }
        return text.allSatisfy(\.isWhitespace)
    }

    mutating func identifier(required: Bool = true) -> String? {
        guard let node = node("id") else {
            if required { missing("id") }
            return nil
        }
        guard let text = node.scalar else {
            error(node.mark, "'id' must be text, not \(node.kindDescription)")
            return nil
        }
        guard Identifier.isValid(text) else {
            diagnostics.append(.error(location(node.mark), "\(ownerPrefix)\(noun): \(Identifier.problem(with: text))"))
            return nil
        }
        return text
    }

    mutating func enumeration<E: ContractEnumeration>(_ key: String, as type: E.Type = E.self, required: Bool = false) -> E? {
        guard let node = node(key) else {
            if required { missing(key) }
            return nil
        }
        guard let text = node.scalar else {
            error(node.mark, "'\(key)' must be one of \(E.choices), not \(node.kindDescription)")
            return nil
        }
        guard let value = E(rawValue: text) else {
            error(node.mark, "'\(key)' must be \(E.choices), not '\(Self.shorten(text))'")
            return nil
        }
        return value
    }

    /// A yes/no field: `true` or `false` and nothing else.
    mutating func bool(_ key: String) -> Bool? {
        guard let node = node(key) else { return nil }
        switch node.scalar {
        case "true": return true
        case "false": return false
        case let text?: error(node.mark, "'\(key)' must be true or false, not '\(Self.shorten(text))'")
        case nil: error(node.mark, "'\(key)' must be true or false, not \(node.kindDescription)")
        }
        return nil
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let node = node(key) else { return nil }
        guard let text = node.scalar, !text.isEmpty, text.utf8.count <= 9, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              let value = Int(text), range.contains(value)
        else {
            let shown = node.scalar.map { "'\(Self.shorten($0))'" } ?? node.kindDescription
            error(node.mark, "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(shown)")
            return nil
        }
        return value
    }

    mutating func number(_ key: String, in range: ClosedRange<Double>, required: Bool = false) -> Double? {
        guard let node = node(key) else {
            if required { missing(key) }
            return nil
        }
        guard let text = node.scalar, Self.isDecimal(text), let value = Double(text), range.contains(value) else {
            let shown = node.scalar.map { "'\(Self.shorten($0))'" } ?? node.kindDescription
            error(node.mark, "'\(key)' must be a number from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound)), not \(shown)")
            return nil
        }
        return value
    }

    mutating func date(_ key: String, required: Bool = false) -> EDTFDate? {
        guard let node = node(key) else {
            if required { missing(key) }
            return nil
        }
        return parseDate(node, field: key)
    }

    mutating func parseDate(_ node: YAMLTape.Value, field: String) -> EDTFDate? {
        guard node.kind == .scalar else {
            error(node.mark, "'\(field)' must be a date, not \(node.kindDescription)")
            return nil
        }
        let text = node.text
        if let date = Self.plainDate(text) { return date }
        let style = node.style
        do {
            return try EDTFDate(parsing: text)
        } catch {
            // Point at the offending character: past the opening quote, if any.
            let quote = (style == .singleQuoted || style == .doubleQuoted) ? 1 : 0
            let column = node.mark.column + quote + max(0, error.offset)
            self.error(Mark(line: node.mark.line, column: column), "'\(field)': \(error.message)")
            return nil
        }
    }

    /// A date written the plain way, read without the general parser: a
    /// point `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with or without a qualifier
    /// (`?`, `~`, `%`) at its end, or an interval of two such points (either
    /// end may be `..`) that does not end before it starts. Nearly every date
    /// of a desk's dataset is one. Anything else, or a month or a day that
    /// does not exist, is left to the parser, and so are its messages.
    static func plainDate(_ text: String) -> EDTFDate? {
        var text = text
        return text.withUTF8 { bytes -> EDTFDate? in
            let form: EDTFDate.Form
            if let slash = bytes.firstIndex(of: UInt8(ascii: "/")) {
                let left = UnsafeBufferPointer(rebasing: bytes[..<slash])
                let right = UnsafeBufferPointer(rebasing: bytes[(slash + 1)...])
                let start = isOpenEnd(left) ? nil : plainPoint(left)
                let end = isOpenEnd(right) ? nil : plainPoint(right)
                guard start != nil || isOpenEnd(left), end != nil || isOpenEnd(right), start != nil || end != nil else { return nil }
                if let start, let end, end.last < start.first { return nil }
                form = .interval(start: start, end: end)
            } else {
                guard let point = plainPoint(bytes) else { return nil }
                form = .point(point)
            }
            // The same value the parser makes, text included: four digits of
            // year, two of month and two of day, zero-padded, a qualifier after
            // them and '..' for an open end are the canonical text.
            let date = EDTFDate(form: form, canonicalText: String(decoding: bytes, as: UTF8.self))
            assert(date == EDTFDate(form: form), "a plain date's text is its canonical text")
            return date
        }
    }

    private static func isOpenEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 2 && bytes[0] == UInt8(ascii: ".") && bytes[1] == UInt8(ascii: ".")
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, then at most one qualifier.
    private static func plainPoint(_ bytes: UnsafeBufferPointer<UInt8>) -> EDTFPoint? {
        var count = bytes.count
        var qualifier: DateQualifier?
        switch bytes.last {
        case UInt8(ascii: "?"): qualifier = .uncertain
        case UInt8(ascii: "~"): qualifier = .approximate
        case UInt8(ascii: "%"): qualifier = .both
        default: break
        }
        if qualifier != nil { count -= 1 }
        guard count == 4 || count == 7 || count == 10 else { return nil }
        var values = (0, 0, 0)
        for position in 0..<count {
            let byte = bytes[position]
            if position == 4 || position == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int(byte - UInt8(ascii: "0"))
            switch position {
            case 0..<4: values.0 = values.0 * 10 + digit
            case 5..<7: values.1 = values.1 * 10 + digit
            default: values.2 = values.2 * 10 + digit
            }
        }
        switch count {
        case 4:
            return EDTFPoint(year: values.0, qualifier: qualifier)
        case 7:
            guard (1...12).contains(values.1) else { return nil }
            return EDTFPoint(year: values.0, month: values.1, qualifier: qualifier)
        default:
            guard Day(year: values.0, month: values.1, day: values.2) != nil else { return nil }
            return EDTFPoint(year: values.0, month: values.1, day: values.2, qualifier: qualifier)
        }
    }

    // MARK: - Lists and references

    mutating func textList(_ key: String) -> [String] {
        guard let items = list(key) else { return [] }
        var result: [String] = []
        for item in items {
            guard let text = item.scalar, !text.isEmpty else {
                error(item.mark, "each item of '\(key)' must be text, not \(item.kindDescription)")
                continue
            }
            result.append(text)
        }
        return result
    }

    /// The items of a list field; nil (reported) when the field is not a list.
    mutating func list(_ key: String, required: Bool = false) -> YAMLTape.Items? {
        guard let node = node(key) else {
            if required { missing(key) }
            return nil
        }
        guard let items = node.sequence else {
            error(node.mark, "'\(key)' must be a list, not \(node.kindDescription)")
            return nil
        }
        if required && items.isEmpty {
            error(node.mark, "'\(key)' must name at least one item")
        }
        return items
    }

    /// A reference field; the use is recorded so that the validator checks it
    /// even where the record itself has other errors.
    mutating func reference(_ key: String, required: Bool = false, expecting: ReferenceRule, label: String? = nil) -> Reference? {
        guard let node = node(key) else {
            if required { missing(key) }
            return nil
        }
        return referenceItem(node, field: label ?? key, expecting: expecting)
    }

    mutating func references(_ key: String, required: Bool = false, expecting: ReferenceRule) -> [Reference] {
        guard let items = list(key, required: required) else { return [] }
        var result: [Reference] = []
        for item in items {
            if let reference = referenceItem(item, field: key, expecting: expecting) { result.append(reference) }
        }
        return result
    }

    private mutating func referenceItem(_ node: YAMLTape.Value, field: String, expecting: ReferenceRule) -> Reference? {
        guard let id = wellFormedID(node) else {
            if let text = node.scalar {
                error(node.mark, "'\(field)': \(Identifier.problem(with: text))")
            } else {
                error(node.mark, "'\(field)' must name an id, not \(node.kindDescription)")
            }
            return nil
        }
        return recordReference(id, at: node.mark, field: field, expecting: expecting)
    }

    /// The id `node` names, when it is a well-formed one; nil (nothing
    /// reported) otherwise.
    private func wellFormedID(_ node: YAMLTape.Value) -> String? {
        // Well-formed when found: checked when it was added.
        if let ids, let known = node.withASCIIScalarBytes({ ids.id(spelled: $0) }) ?? nil { return known }
        guard let text = node.scalar, Identifier.isValid(text) else { return nil }
        return ids?.add(text) ?? text
    }

    private mutating func recordReference(_ id: String, at mark: Mark, field: String, expecting: ReferenceRule) -> Reference {
        let reference = Reference(id, at: location(mark))
        if pending.isEmpty { pending.reserveCapacity(8) }
        pending.append(PendingUse(field: field, reference: reference, rule: expecting))
        return reference
    }

    /// The fields of a citation written as a map, and of a retraction.
    static let citationFields = ["source", "locator", "credibility"]
    static let retractionFields = ["date", "note", "sources"]

    /// `sources`: ids, or `{source, locator, credibility}` maps.
    mutating func citations(_ key: String = "sources", required: Bool = false, label: String? = nil) -> [Citation] {
        guard let items = list(key, required: required) else { return [] }
        let field = label ?? key
        var result: [Citation] = []
        for item in items {
            if item.kind == .mapping, let citation = plainCitation(item, field: field) {
                result.append(citation)
            } else if item.kind == .mapping {
                guard var reader = FieldReader(item, noun: "citation", file: file, fields: Self.citationFields,
                                               owner: recordSubject, ids: ids, into: &diagnostics) else { continue }
                let source = reader.reference("source", required: true, expecting: .source, label: field)
                let locator = reader.text("locator")
                let credibility = reader.enumeration("credibility", as: Credibility.self)
                absorb(reader)
                if let source { result.append(Citation(source: source, locator: locator, credibility: credibility)) }
            } else if let reference = referenceItem(item, field: field, expecting: .source) {
                result.append(Citation(source: reference))
            }
        }
        return result
    }

    /// A citation map read without a reader of its own, when nothing in it
    /// would be reported: only `citationFields` and `x-` keys, a well-formed
    /// source id, a text locator, a credibility grade. The use of its source
    /// is recorded as a nested reader's would be once taken over (`absorb`).
    /// Nil for anything else, which the nested reader then reads and reports.
    /// About a third of a desk's records cite a source this way, and a reader
    /// made for each one (its slots, its list of uses, a retain of each of its
    /// fields, then taken over and freed) cost more than the citation itself.
    private mutating func plainCitation(_ item: YAMLTape.Value, field: String) -> Citation? {
        var source: YAMLTape.Value?
        var locator: YAMLTape.Value?
        var credibility: YAMLTape.Value?
        for pair in item.pairs {
            switch pair.key.index(in: Self.citationFields) {
            case 0: source = pair.value
            case 1: locator = pair.value
            case 2: credibility = pair.value
            default: guard pair.key.hasPrefix("x-") else { return nil }
            }
        }
        guard let source, !source.isNull else { return nil }
        var locatorText: String?
        if let locator, !locator.isNull {
            guard locator.kind == .scalar else { return nil }
            locatorText = Self.trimmedText(locator)
        }
        var grade: Credibility?
        if let credibility, !credibility.isNull {
            guard let text = credibility.scalar, let value = Credibility(rawValue: text) else { return nil }
            grade = value
        }
        // Last: a new id is added to the reader's table, which a map handed
        // to the nested reader would then have done twice.
        guard let id = wellFormedID(source) else { return nil }
        let reference = recordReference(id, at: source.mark, field: field, expecting: .source)
        return Citation(source: reference, locator: locatorText, credibility: grade)
    }

    /// `retracted: {date, note, sources}`.
    mutating func retraction() -> Retraction? {
        guard let node = node("retracted") else { return nil }
        guard var reader = FieldReader(node, noun: "retraction", file: file, fields: Self.retractionFields,
                                       owner: recordSubject, ids: ids, into: &diagnostics) else { return nil }
        let date = reader.date("date", required: true)
        let note = reader.text("note")
        let sources = reader.citations(required: true, label: "retracted.sources")
        absorb(reader)
        guard let date, !sources.isEmpty else { return nil }
        return Retraction(date: date, note: note, sources: sources, origin: location(node.mark))
    }

    /// Takes over what a reader of a nested map found.
    mutating func absorb(_ nested: FieldReader) {
        diagnostics += nested.diagnostics
        // A nested map's uses have its owner's subject, this reader's `recordSubject`.
        pending += nested.pending
    }

    /// The `x-` fields, in the order typed.
    func extensions() -> Extensions {
        var fields: Extensions = []
        guard hasExtensions else { return fields }
        for pair in map.pairs where pair.key.hasPrefix("x-") {
            fields.append(ExtensionField(key: pair.key.text, value: Self.extensionValue(pair.value)))
        }
        return fields
    }

    static func extensionValue(_ node: YAMLTape.Value) -> ExtensionValue {
        if node.isNull { return .null }
        switch node.kind {
        case .scalar: return .text(node.text)
        case .sequence: return .list(node.sequence.map { $0.map(extensionValue) } ?? [])
        case .mapping: return .map(node.pairs.map { ExtensionField(key: $0.key.text, value: extensionValue($0.value)) })
        }
    }

    // MARK: - Helpers

    static func article(_ noun: String) -> String {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        return (noun.first.map { vowels.contains($0) } ?? false ? "an " : "a ") + noun
    }

    static func shorten(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }

    static func isDecimal(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= 48 && $0 <= 57 } }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
