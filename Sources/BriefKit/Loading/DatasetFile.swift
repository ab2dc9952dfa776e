import YAMLReader

/// What one dataset file holds, as read, with the problems found in it alone.
/// Files are read independently (and in parallel) and merged afterwards.
struct DatasetFile: Sendable {
    var path: String
    var actors: [Actor] = []
    var sources: [Source] = []
    var events: [Event] = []
    var quotes: [Quote] = []
    var commitments: [Commitment] = []
    var updates: [Update] = []
    var vocabulary: [VocabularyEntry] = []
    var extensions: Extensions = []
    /// Every well-formed id a record declared, even where the record itself
    /// had errors: so that a reference to it is not reported a second time.
    var declared: [DeclaredID] = []
    /// The references written in what was not kept (a record with errors, a
    /// role without a title), with what they must name. A kept record's own
    /// references are listed again from it at validation
    /// (`ReferencingRecord`), rather than held twice until then.
    var uses: [ReferenceUse] = []
    var diagnostics: [Diagnostic] = []
    /// While reading: the uses the last record's reader recorded, and whose
    /// they are, until the record is kept or not (`settleUses`). Always empty
    /// once read, and not cached.
    private var settling = Settling()
    /// While reading: the ids references named so far (`ReferenceIDTable`),
    /// held by `read`, on the one thread that reads the file.
    private var ids: ReferenceIDTable?

    private struct Settling {
        var pending: [FieldReader.PendingUse] = []
        var noun = ""
        var id: String?
    }

    init(path: String) {
        self.path = path
    }

    static let topLevelKeys = ["actors", "sources", "events", "quotes", "commitments", "updates", "vocabulary"]

    /// Reads and decodes one file's bytes. With `sharing`, the ids its
    /// references name are the run's shared strings (`ReferencedIDs`) when
    /// it returns; without, they are shared within the file only.
    static func read(bytes: [UInt8], path: String, shipped: Bool = false, sharing: ReferencedIDs? = nil) -> DatasetFile {
        guard let sharing else { return read(bytes: bytes, path: path, shipped: shipped, ids: ReferenceIDTable(sharing: nil)) }
        return sharing.withTable { read(bytes: bytes, path: path, shipped: shipped, ids: $0) }
    }

    private static func read(bytes: [UInt8], path: String, shipped: Bool, ids: ReferenceIDTable) -> DatasetFile {
        var file = DatasetFile(path: path)
        file.ids = ids
        let tape = YAMLTape.parse(bytes)
        for problem in tape.problems {
            file.diagnostics.append(.error(SourceLocation(file: path, line: problem.mark.line, column: problem.mark.column), problem.message))
        }
        withExtendedLifetime(tape) {
            for document in tape.documentValues {
                file.decode(document: document, shipped: shipped)
            }
        }
        file.settling = Settling()
        file.ids = nil
        return file
    }

    private mutating func location(_ mark: Mark) -> SourceLocation {
        SourceLocation(file: path, line: mark.line, column: mark.column)
    }

    private mutating func decode(document: YAMLTape.Value, shipped: Bool) {
        if document.isNull { return }
        guard let pairs = document.mapping else {
            diagnostics.append(.error(location(document.mark),
                                      "a dataset file must be a map with keys such as 'events' or 'quotes', not \(document.kindDescription)"))
            return
        }
        for pair in pairs {
            if pair.key.hasPrefix("x-") {
                extensions.append(ExtensionField(key: pair.key.text, value: FieldReader.extensionValue(pair.value)))
                continue
            }
            guard let key = Self.topLevelKeys.first(where: { pair.key.is($0) }) else {
                let key = pair.key.text
                var message = "unknown top-level key '\(key)'"
                if let guess = Spelling.closest(to: key, among: Self.topLevelKeys) { message += " (did you mean '\(guess)'?)" }
                message += "; a dataset file holds \(Self.topLevelKeys.map { "'\($0)'" }.joined(separator: ", ")) and 'x-' keys"
                diagnostics.append(.error(location(pair.key.mark), message))
                continue
            }
            if pair.value.isNull { continue }
            guard let items = pair.value.sequence else {
                diagnostics.append(.error(location(pair.value.mark), "'\(key)' must be a list of records, not \(pair.value.kindDescription)"))
                continue
            }
            for item in items {
                switch key {
                case "actors": let kept = Self.append(decodeActor(item), to: &actors); settleUses(listedByTheLastOf: actors, if: kept)
                case "sources": if let r = decodeSource(item) { sources.append(r) }; settleUses(listedBy: UnsafePointer<Event>?.none)
                case "events": let kept = Self.append(decodeEvent(item), to: &events); settleUses(listedByTheLastOf: events, if: kept)
                case "quotes": let kept = Self.append(decodeQuote(item), to: &quotes); settleUses(listedByTheLastOf: quotes, if: kept)
                case "commitments": let kept = Self.append(decodeCommitment(item), to: &commitments); settleUses(listedByTheLastOf: commitments, if: kept)
                case "updates": let kept = Self.append(decodeUpdate(item), to: &updates); settleUses(listedByTheLastOf: updates, if: kept)
                default:
                    if let r = decodeVocabulary(item, shipped: shipped) { vocabulary.append(r) }
                    settleUses(listedBy: UnsafePointer<Event>?.none)
                }
            }
        }
    }

    // MARK: - Shared steps

    /// Opens a record: checks it is a map, reads and declares its id.
    private mutating func open(_ node: YAMLTape.Value, _ kind: RecordKind, fields: [String]) -> (reader: FieldReader, id: String?)? {
        guard var reader = FieldReader(node, noun: kind.rawValue, file: path, fields: fields, ids: ids, into: &diagnostics) else { return nil }
        let id = reader.identifier()
        if let id, let place = reader.node("id") {
            declared.append(DeclaredID(id: id, kind: kind, location: location(place.mark)))
        }
        return (consume reader, id)
    }

    private mutating func close(_ reader: FieldReader) {
        diagnostics += reader.diagnostics
        settling = Settling(pending: reader.pending, noun: reader.noun, id: reader.id)
    }

    /// Keeps, as `uses`, the references the last record's reader recorded that
    /// the record does not list itself: all of them when it was not kept, and
    /// otherwise those of what it dropped (a role without a title). A kept
    /// record's own references are listed again from it at validation
    /// (`ReferencingRecord`).
    ///
    /// A kept record is visited where its list holds it, the last one:
    /// passed by value, it was copied whole (a retain of each of its fields).
    private mutating func settleUses<Record: ReferencingRecord>(listedByTheLastOf list: [Record], if kept: Bool) {
        guard kept else { return settleUses(listedBy: UnsafePointer<Record>?.none) }
        list.withUnsafeBufferPointer { records in settleUses(listedBy: records.baseAddress! + (records.count - 1)) }
    }

    /// Appends `record` to `list` if there is one; whether there was.
    private static func append<Record>(_ record: consuming Record?, to list: inout [Record]) -> Bool {
        guard let record = consume record else { return false }
        list.append(record)
        return true
    }

    private mutating func settleUses<Record: ReferencingRecord>(listedBy record: UnsafePointer<Record>?) {
        let recorded = settling.pending
        settling.pending = []
        guard !recorded.isEmpty else { return }
        var kept = recorded[...]
        if let record {
            // Usually the record lists exactly what was recorded, in the same order.
            var position = 0
            var inOrder = true
            Record.visitReferences(of: record) { field, reference, rule in
                guard inOrder else { return }
                if position < recorded.count, recorded[position].rule == rule, recorded[position].field == field,
                   recorded[position].reference == reference {
                    position += 1
                } else {
                    inOrder = false
                }
            }
            if inOrder {
                kept = recorded[position...]
            } else {
                var left = recorded
                Record.visitReferences(of: record) { field, reference, rule in
                    let listed = left.firstIndex { $0.rule == rule && $0.field == field && $0.reference == reference }
                    // Every reference a record keeps was recorded: the validator would otherwise check it twice.
                    assert(listed != nil, "\(record.pointee.referenceSubject) lists a reference its reader did not record")
                    if let listed { left.remove(at: listed) }
                }
                kept = left[...]
            }
        }
        guard !kept.isEmpty else { return }
        let subject = FieldReader.subject(noun: settling.noun, id: settling.id)
        for use in kept {
            uses.append(ReferenceUse(subject: subject, field: use.field, reference: use.reference, expectation: use.rule.expectation))
        }
    }

    /// The fields of each kind of map, made once rather than per record.
    enum Fields {
        static let dated = ["recorded", "retracted"]
        static let actor = ["id", "kind", "name", "code", "aliases", "of", "roles", "level", "note"]
        static let role = ["title", "of", "from", "to", "level"]
        static let source = ["id", "title", "published", "publisher", "url", "kind", "reliability", "credibility", "note"]
        static let event = ["id", "date", "type", "title", "sources", "participants", "by", "to", "parties",
                            "location", "venue", "summary", "topics"] + dated
        static let quote = ["id", "speaker", "text", "date", "sources", "event", "about", "topics",
                            "language", "translated", "form", "priority"] + dated
        static let commitment = ["id", "by", "kind", "text", "made", "sources", "to", "event", "due", "quantity", "topics"] + dated
        static let update = ["id", "commitment", "date", "status", "sources", "note", "evidence"] + dated
        static let vocabulary = ["type", "label", "weight", "cameo", "milestone"]

        /// Every field name of every kind of map above.
        static let all = dated + actor + role + source + event + quote + commitment + update + vocabulary
    }

    // MARK: - Record kinds

    private mutating func decodeActor(_ node: YAMLTape.Value) -> Actor? {
        // Bound straight from what `open` returns: taken out of a tuple
        // held in a constant, the reader was copied (a retain of each of its fields).
        guard case (var reader, let id)? = open(node, .actor, fields: Fields.actor) else { return nil }
        defer { close(reader) }
        let kind = reader.enumeration("kind", as: ActorKind.self, required: true)
        let name = reader.text("name", required: true)
        let code = reader.text("code")
        let aliases = reader.textList("aliases")
        let of = reader.reference("of", expecting: .belonging)
        let level = reader.enumeration("level", as: Level.self)
        let note = reader.text("note")
        var roles: [Role] = []
        if let items = reader.list("roles") {
            for item in items {
                var sink: [Diagnostic] = []
                guard var roleReader = FieldReader(item, noun: "role", file: path, fields: Fields.role,
                                                   owner: reader.recordSubject, ids: ids, into: &sink) else {
                    diagnostics += sink
                    continue
                }
                let title = roleReader.text("title", required: true)
                let roleOf = roleReader.reference("of", required: true, expecting: .belonging, label: "roles.of")
                let from = roleReader.date("from")
                let to = roleReader.date("to")
                let roleLevel = roleReader.enumeration("level", as: Level.self) ?? .official
                if let from, let to, let start = from.earliest, let end = to.latest, end < start, let mark = roleReader.node("to")?.mark {
                    roleReader.error(mark, "the role ends (\(to.text)) before it starts (\(from.text))")
                }
                diagnostics += sink
                reader.absorb(roleReader)
                if let title, let roleOf {
                    roles.append(Role(title: title, of: roleOf, from: from, to: to, level: roleLevel, origin: location(item.mark)))
                }
            }
        }
        if let code, let mark = reader.node("code")?.mark, !(code.utf8.count == 3 && code.utf8.allSatisfy { $0 >= 65 && $0 <= 90 }) {
            reader.error(mark, "'code' must be three capital letters (ISO 3166-1 alpha-3, or a user-assigned X.. code), not '\(FieldReader.shorten(code))'")
        }
        if let kind {
            let misplaced: [(String, ActorKind?, String)] = [
                ("code", .state, "'code' is for states"),
                ("of", .organization, kind == .person ? "'of' is for organizations; a person belongs to a state through 'roles'" : "'of' is for organizations"),
                ("roles", .person, "'roles' is for persons"),
            ]
            for (field, owner, message) in misplaced where kind != owner {
                if let mark = reader.node(field)?.mark { reader.error(mark, "\(message), and this actor is \(FieldReader.article(kind.rawValue))") }
            }
            if kind == .person, let mark = reader.node("level")?.mark {
                reader.error(mark, "'level' is for organizations and states; a person's rank comes from the 'level' of each role")
            }
        }
        guard let id, let kind, let name else { return nil }
        return Actor(id: id, kind: kind, name: name, code: code, aliases: aliases, of: of, roles: roles, level: level,
                     note: note, extensions: reader.extensions(), origin: reader.origin, fieldOrigins: reader.fieldOrigins)
    }

    private mutating func decodeSource(_ node: YAMLTape.Value) -> Source? {
        // Bound straight from what `open` returns: taken out of a tuple
        // held in a constant, the reader was copied (a retain of each of its fields).
        guard case (var reader, let id)? = open(node, .source, fields: Fields.source) else { return nil }
        defer { close(reader) }
        let title = reader.text("title", required: true)
        let published = reader.date("published", required: true)
        let publisher = reader.text("publisher")
        let url = reader.text("url")
        if let url, let mark = reader.node("url")?.mark, !Self.isWebAddress(url) {
            reader.error(mark, "'url' must be an http or https address, not '\(FieldReader.shorten(url))'")
        }
        let kind = reader.enumeration("kind", as: SourceKind.self)
        let reliability = reader.enumeration("reliability", as: Reliability.self)
        let credibility = reader.enumeration("credibility", as: Credibility.self)
        let note = reader.text("note")
        guard let id, let title, let published else { return nil }
        return Source(id: id, title: title, published: published, publisher: publisher, url: url, kind: kind,
                      reliability: reliability, credibility: credibility, note: note, extensions: reader.extensions(),
                      origin: reader.origin, fieldOrigins: reader.fieldOrigins)
    }

    private mutating func decodeEvent(_ node: YAMLTape.Value) -> Event? {
        // Bound straight from what `open` returns: taken out of a tuple
        // held in a constant, the reader was copied (a retain of each of its fields).
        guard case (var reader, let id)? = open(node, .event, fields: Fields.event) else { return nil }
        defer { close(reader) }
        let date = reader.date("date", required: true)
        let type = reader.text("type", required: true)
        if let type, let mark = reader.node("type")?.mark, !Identifier.isValid(type) {
            reader.error(mark, "'type': \(Identifier.problem(with: type))")
        }
        let title = reader.text("title", required: true)
        let sources = reader.citations(required: true)
        let participants = reader.references("participants", expecting: .anyActor)
        let by = reader.references("by", expecting: .anyActor)
        let to = reader.references("to", expecting: .anyActor)
        let parties = reader.references("parties", expecting: .state)
        let place = reader.text("location")
        let venue = reader.text("venue")
        let summary = reader.text("summary")
        let topics = reader.textList("topics")
        let recorded = reader.date("recorded")
        let retracted = reader.retraction()
        guard let id, let date, let type, Identifier.isValid(type), let title, !sources.isEmpty else { return nil }
        return Event(id: id, date: date, type: type, title: title, sources: sources, participants: participants, by: by, to: to,
                     parties: parties, location: place, venue: venue, summary: summary, topics: topics, recorded: recorded,
                     retracted: retracted, extensions: reader.extensions(), origin: reader.origin, fieldOrigins: reader.fieldOrigins)
    }

    private mutating func decodeQuote(_ node: YAMLTape.Value) -> Quote? {
        // Bound straight from what `open` returns: taken out of a tuple
        // held in a constant, the reader was copied (a retain of each of its fields).
        guard case (var reader, let id)? = open(node, .quote, fields: Fields.quote) else { return nil }
        defer { close(reader) }
        let speaker = reader.reference("speaker", required: true, expecting: .anyActor)
        let text = reader.text("text", required: true)
        let date = reader.date("date", required: true)
        let sources = reader.citations(required: true)
        let event = reader.reference("event", expecting: .event)
        let about = reader.references("about", expecting: .anyActor)
        let topics = reader.textList("topics")
        let language = reader.text("language")
        if let language, let mark = reader.node("language")?.mark, !Self.isLanguageTag(language) {
            reader.error(mark, "'language' must be a BCP 47 language tag such as 'en', 'ar' or 'az-Latn', not '\(FieldReader.shorten(language))'")
        }
        let translated = reader.bool("translated") ?? false
        let form = reader.enumeration("form", as: QuoteForm.self) ?? .direct
        let priority = reader.enumeration("priority", as: Priority.self) ?? .normal
        let recorded = reader.date("recorded")
        let retracted = reader.retraction()
        guard let id, let speaker, let text, let date, !sources.isEmpty else { return nil }
        return Quote(id: id, speaker: speaker, text: text, date: date, sources: sources, event: event, about: about, topics: topics,
                     language: language, translated: translated, form: form, priority: priority, recorded: recorded,
                     retracted: retracted, extensions: reader.extensions(), origin: reader.origin, fieldOrigins: reader.fieldOrigins)
    }

    private mutating func decodeCommitment(_ node: YAMLTape.Value) -> Commitment? {
        // Bound straight from what `open` returns: taken out of a tuple
        // held in a constant, the reader was copied (a retain of each of its fields).
        guard case (var reader, let id)? = open(node, .commitment, fields: Fields.commitment) else { return nil }
        defer { close(reader) }
        let by = reader.references("by", required: true, expecting: .anyActor)
        let kind = reader.enumeration("kind", as: CommitmentKind.self, required: true)
        let text = reader.text("text", required: true)
        let made = reader.date("made", required: true)
        let sources = reader.citations(required: true)
        let to = reader.references("to", expecting: .anyActor)
        let event = reader.reference("event", expecting: .event)
        let due = reader.date("due")
        let quantity = reader.text("quantity")
        let topics = reader.textList("topics")
        let recorded = reader.date("recorded")
        let retracted = reader.retraction()
        guard let id, !by.isEmpty, let kind, let text, let made, !sources.isEmpty else { return nil }
        return Commitment(id: id, by: by, kind: kind, text: text, made: made, sources: sources, to: to, event: event, due: due,
                          quantity: quantity, topics: topics, recorded: recorded, retracted: retracted,
                          extensions: reader.extensions(), origin: reader.origin, fieldOrigins: reader.fieldOrigins)
    }

    private mutating func decodeUpdate(_ node: YAMLTape.Value) -> Update? {
        // Bound straight from what `open` returns: taken out of a tuple
        // held in a constant, the reader was copied (a retain of each of its fields).
        guard case (var reader, let id)? = open(node, .update, fields: Fields.update) else { return nil }
        defer { close(reader) }
        let commitment = reader.reference("commitment", required: true, expecting: .commitment)
        let date = reader.date("date", required: true)
        let status = reader.enumeration("status", as: CommitmentStatus.self, required: true)
        let sources = reader.citations(required: true)
        let note = reader.text("note")
        let evidence = reader.reference("evidence", expecting: .event)
        let recorded = reader.date("recorded")
        let retracted = reader.retraction()
        guard let id, let commitment, let date, let status, !sources.isEmpty else { return nil }
        return Update(id: id, commitment: commitment, date: date, status: status, sources: sources, note: note, evidence: evidence,
                      recorded: recorded, retracted: retracted, extensions: reader.extensions(), origin: reader.origin,
                      fieldOrigins: reader.fieldOrigins)
    }

    private mutating func decodeVocabulary(_ node: YAMLTape.Value, shipped: Bool) -> VocabularyEntry? {
        guard var reader = FieldReader(node, noun: "vocabulary entry", file: path, fields: Fields.vocabulary,
                                       idKey: "type", into: &diagnostics) else { return nil }
        defer { close(reader) }
        let type = reader.text("type", required: true)
        if let type, let mark = reader.node("type")?.mark, !Identifier.isValid(type) {
            reader.error(mark, "'type': \(Identifier.problem(with: type))")
        }
        let label = reader.text("label", required: true)
        let weight = reader.number("weight", in: -10...10, required: true)
        let cameo = reader.text("cameo")
        if let cameo, let mark = reader.node("cameo")?.mark, !(2...4).contains(cameo.utf8.count) || !cameo.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            reader.error(mark, "'cameo' must be a CAMEO code of 2 to 4 digits, written as text (\"044\"), not '\(FieldReader.shorten(cameo))'")
        }
        let milestone = reader.bool("milestone") ?? false
        guard let type, Identifier.isValid(type), let label, let weight else { return nil }
        return VocabularyEntry(type: type, label: label, weight: weight, cameo: cameo, milestone: milestone, shipped: shipped,
                               extensions: reader.extensions(), origin: reader.origin)
    }

    // MARK: - Formats

    static func isWebAddress(_ text: String) -> Bool {
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") { rest = lower.dropFirst(8) } else if lower.hasPrefix("http://") { rest = lower.dropFirst(7) } else { return false }
        guard let host = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first, !host.isEmpty else { return false }
        return !text.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }
    }

    /// Well-formed BCP 47 (RFC 5646, section 2.1): language (2–3 letters with
    /// up to three 3-letter extlangs, or 5–8 letters), then optional script (4
    /// letters), region (2 letters or 3 digits), variants (5–8 letters or
    /// digits, or a digit and 3), extensions (a singleton and 2–8) and private
    /// use (`x` and 1–8); or a private-use tag alone.
    static func isLanguageTag(_ text: String) -> Bool {
        // Most tags are a language alone, two or three ASCII letters: one of
        // those is a tag, read without making the parts below.
        let count = text.utf8.count
        if count == 2 || count == 3, text.utf8.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) { return true }
        return isLanguageTagInFull(text)
    }

    /// `isLanguageTag` by the whole grammar.
    static func isLanguageTagInFull(_ text: String) -> Bool {
        let parts = text.lowercased().split(separator: "-", omittingEmptySubsequences: false).map(Array.init)
        func alpha(_ p: [Character]) -> Bool { p.allSatisfy { $0.isASCII && $0.isLetter } }
        func digits(_ p: [Character]) -> Bool { p.allSatisfy { $0.isASCII && $0.isNumber } }
        func alnum(_ p: [Character]) -> Bool { p.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
        guard let first = parts.first, !first.isEmpty else { return false }
        var i = 0
        if first == ["x"] { return parts.count > 1 && parts.dropFirst().allSatisfy { (1...8).contains($0.count) && alnum($0) } }
        // Four letters are reserved by RFC 5646 for future use: no language has them.
        guard alpha(first), (2...8).contains(first.count), first.count != 4 else { return false }
        i = 1
        if first.count <= 3 {
            var extlangs = 0
            while i < parts.count, parts[i].count == 3, alpha(parts[i]), extlangs < 3 { i += 1; extlangs += 1 }
        }
        if i < parts.count, parts[i].count == 4, alpha(parts[i]) { i += 1 }
        if i < parts.count, (parts[i].count == 2 && alpha(parts[i])) || (parts[i].count == 3 && digits(parts[i])) { i += 1 }
        while i < parts.count, alnum(parts[i]), (5...8).contains(parts[i].count) || (parts[i].count == 4 && parts[i][0].isNumber) { i += 1 }
        while i < parts.count, parts[i].count == 1, parts[i] != ["x"], alnum(parts[i]) {
            i += 1
            var count = 0
            while i < parts.count, (2...8).contains(parts[i].count), alnum(parts[i]) { i += 1; count += 1 }
            if count == 0 { return false }
        }
        if i < parts.count, parts[i] == ["x"] {
            i += 1
            var count = 0
            while i < parts.count, (1...8).contains(parts[i].count), alnum(parts[i]) { i += 1; count += 1 }
            if count == 0 { return false }
        }
        return i == parts.count
    }
}

/// A reference as written, with what it must name: checked once the whole
/// dataset is read.
struct ReferenceUse: Sendable, Hashable {
    var subject: String
    var field: String
    var reference: Reference
    var expectation: Expectation
}

/// What a reference must name: a record of a kind, or an actor of some kinds.
enum Expectation: Sendable, Hashable {
    case record(RecordKind)
    case actor(Set<ActorKind>)

    static let anyActor = Expectation.actor([.state, .person, .organization])
    static let belonging = Expectation.actor([.state, .organization])

    var noun: String {
        switch self {
        case let .record(kind): return kind.withArticle
        case let .actor(kinds):
            if kinds == [.state] { return "a state" }
            if kinds == [.state, .organization] { return "a state or an organization" }
            return "an actor"
        }
    }
}

/// An id as a record declared it: what it is and where.
struct DeclaredID: Sendable, Hashable {
    var id: String
    var kind: RecordKind
    var location: SourceLocation
}
