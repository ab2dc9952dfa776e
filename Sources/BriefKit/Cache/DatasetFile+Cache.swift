/// What one dataset file decoded to, in the cache's layout and back. Every
/// stored property of every record is written, in declaration order; a new
/// property must be added here too (`CacheCodingTests` round-trips every kind
/// of record from fixtures that use every field, and compares with `==`).
///
/// Places (`SourceLocation`) name the file they are in; inside one dataset
/// file that is almost always the file itself, so it is written as a flag and
/// the path is shared when read back.
extension DatasetFile {
    func cacheEncoded() -> [UInt8] {
        var out = BinaryWriter(capacity: 64 + actors.count * 200 + (events.count + quotes.count) * 400)
        let coder = RecordEncoder(path: path)
        coder.write(self, to: &out)
        return out.bytes
    }

    static func cacheDecoded(_ bytes: UnsafeRawBufferPointer, path: String) throws(CacheCorruption) -> DatasetFile {
        var reader = BinaryReader(bytes)
        let decoder = RecordDecoder(path: path)
        let file = try decoder.file(&reader)
        guard reader.isAtEnd else { throw CacheCorruption(description: "bytes after the last record") }
        return file
    }
}

/// What a record says, places aside: the SHA-256 of its cache layout
/// without a single `SourceLocation`, cut to 128 bits. A record moved to
/// another line or file, or one whose neighbours changed, keeps it; any
/// change of a field changes it. The run state (`DatasetChange`) tells
/// records that changed from those that did not by it.
enum RecordContent {
    typealias Digest = (UInt64, UInt64)

    static func digest(_ source: Source) -> Digest { digest { $0.source(source, &$1) } }
    static func digest(_ event: Event) -> Digest { digest { $0.event(event, &$1) } }
    static func digest(_ quote: Quote) -> Digest { digest { $0.quote(quote, &$1) } }
    static func digest(_ commitment: Commitment) -> Digest { digest { $0.commitment(commitment, &$1) } }
    static func digest(_ update: Update) -> Digest { digest { $0.update(update, &$1) } }

    private static func digest(_ encode: (RecordEncoder, inout BinaryWriter) -> Void) -> Digest {
        var out = BinaryWriter(capacity: 512)
        encode(RecordEncoder(path: "", places: false), &out)
        let hash = SHA256.hash(out.bytes)
        var first: UInt64 = 0, second: UInt64 = 0
        for index in 0..<8 {
            first = first << 8 | UInt64(hash[index])
            second = second << 8 | UInt64(hash[8 + index])
        }
        return (first, second)
    }
}

private struct RecordEncoder {
    let path: String
    /// Whether places are written: not for `RecordContent`.
    var places = true

    func write(_ file: DatasetFile, to out: inout BinaryWriter) {
        out.write(file.actors) { out, actor in self.actor(actor, &out) }
        out.write(file.sources) { out, source in self.source(source, &out) }
        out.write(file.events) { out, event in self.event(event, &out) }
        out.write(file.quotes) { out, quote in self.quote(quote, &out) }
        out.write(file.commitments) { out, commitment in self.commitment(commitment, &out) }
        out.write(file.updates) { out, update in self.update(update, &out) }
        out.write(file.vocabulary) { out, entry in self.vocabulary(entry, &out) }
        extensions(file.extensions, &out)
        out.write(file.declared) { out, declared in
            out.write(declared.id)
            out.write(word: declared.kind)
            self.location(declared.location, &out)
        }
        out.write(file.uses) { out, use in
            out.write(use.subject)
            out.write(use.field)
            self.reference(use.reference, &out)
            switch use.expectation {
            case let .record(kind):
                out.write(UInt64(0))
                out.write(word: kind)
            case let .actor(kinds):
                out.write(UInt64(1))
                // Sorted: a Set's order differs between runs.
                out.write(kinds.map(\.rawValue).sorted())
            }
        }
        out.write(file.diagnostics) { out, diagnostic in
            out.write(word: diagnostic.severity)
            self.location(diagnostic.location, &out)
            out.write(diagnostic.message)
        }
    }

    func location(_ location: SourceLocation, _ out: inout BinaryWriter) {
        guard places else { return }
        if location.file == path {
            out.write(true)
        } else {
            out.write(false)
            out.write(location.file)
        }
        out.write(location.line)
        out.write(location.column)
    }

    func origins(_ origins: FieldOrigins, _ out: inout BinaryWriter) {
        guard places else { return }
        // Sorted, so that the same file always gives the same bytes.
        out.write(origins.written) { out, pair in
            out.write(pair.field)
            self.location(pair.origin, &out)
        }
    }

    func reference(_ reference: Reference, _ out: inout BinaryWriter) {
        out.write(reference.id)
        location(reference.origin, &out)
    }

    func references(_ references: [Reference], _ out: inout BinaryWriter) {
        out.write(references) { out, reference in self.reference(reference, &out) }
    }

    func optionalReference(_ reference: Reference?, _ out: inout BinaryWriter) {
        out.write(reference) { out, reference in self.reference(reference, &out) }
    }

    func date(_ date: EDTFDate, _ out: inout BinaryWriter) {
        switch date.form {
        case let .point(point):
            out.write(UInt64(0))
            self.point(point, &out)
        case let .interval(start, end):
            out.write(UInt64(1))
            out.write(start) { out, point in self.point(point, &out) }
            out.write(end) { out, point in self.point(point, &out) }
        }
    }

    func optionalDate(_ date: EDTFDate?, _ out: inout BinaryWriter) {
        out.write(date) { out, date in self.date(date, &out) }
    }

    func point(_ point: EDTFPoint, _ out: inout BinaryWriter) {
        out.write(point.year)
        out.write(point.month) { $0.write($1) }
        out.write(point.day) { $0.write($1) }
        out.write(word: point.qualifier)
    }

    func citations(_ citations: [Citation], _ out: inout BinaryWriter) {
        out.write(citations) { out, citation in
            self.reference(citation.source, &out)
            out.write(citation.locator)
            out.write(word: citation.credibility)
        }
    }

    func retraction(_ retraction: Retraction?, _ out: inout BinaryWriter) {
        out.write(retraction) { out, retraction in
            self.date(retraction.date, &out)
            out.write(retraction.note)
            self.citations(retraction.sources, &out)
            self.location(retraction.origin, &out)
        }
    }

    func extensions(_ extensions: Extensions, _ out: inout BinaryWriter) {
        out.write(extensions) { out, field in
            out.write(field.key)
            self.value(field.value, &out)
        }
    }

    func value(_ value: ExtensionValue, _ out: inout BinaryWriter) {
        switch value {
        case .null: out.write(UInt64(0))
        case let .text(text):
            out.write(UInt64(1))
            out.write(text)
        case let .list(items):
            out.write(UInt64(2))
            out.write(items) { out, item in self.value(item, &out) }
        case let .map(fields):
            out.write(UInt64(3))
            extensions(fields, &out)
        }
    }

    func actor(_ actor: Actor, _ out: inout BinaryWriter) {
        out.write(actor.id)
        out.write(word: actor.kind)
        out.write(actor.name)
        out.write(actor.code)
        out.write(actor.aliases)
        optionalReference(actor.of, &out)
        out.write(actor.roles) { out, role in
            out.write(role.title)
            self.reference(role.of, &out)
            self.optionalDate(role.from, &out)
            self.optionalDate(role.to, &out)
            out.write(word: role.level)
            self.location(role.origin, &out)
        }
        out.write(word: actor.level)
        out.write(actor.note)
        extensions(actor.extensions, &out)
        location(actor.origin, &out)
        origins(actor.fieldOrigins, &out)
    }

    func source(_ source: Source, _ out: inout BinaryWriter) {
        out.write(source.id)
        out.write(source.title)
        date(source.published, &out)
        out.write(source.publisher)
        out.write(source.url)
        out.write(word: source.kind)
        out.write(word: source.reliability)
        out.write(word: source.credibility)
        out.write(source.note)
        extensions(source.extensions, &out)
        location(source.origin, &out)
        origins(source.fieldOrigins, &out)
    }

    func event(_ event: Event, _ out: inout BinaryWriter) {
        out.write(event.id)
        date(event.date, &out)
        out.write(event.type)
        out.write(event.title)
        citations(event.sources, &out)
        references(event.participants, &out)
        references(event.by, &out)
        references(event.to, &out)
        references(event.parties, &out)
        out.write(event.location)
        out.write(event.venue)
        out.write(event.summary)
        out.write(event.topics)
        optionalDate(event.recorded, &out)
        retraction(event.retracted, &out)
        extensions(event.extensions, &out)
        location(event.origin, &out)
        origins(event.fieldOrigins, &out)
    }

    func quote(_ quote: Quote, _ out: inout BinaryWriter) {
        out.write(quote.id)
        reference(quote.speaker, &out)
        out.write(quote.text)
        date(quote.date, &out)
        citations(quote.sources, &out)
        optionalReference(quote.event, &out)
        references(quote.about, &out)
        out.write(quote.topics)
        out.write(quote.language)
        out.write(quote.translated)
        out.write(word: quote.form)
        out.write(word: quote.priority)
        optionalDate(quote.recorded, &out)
        retraction(quote.retracted, &out)
        extensions(quote.extensions, &out)
        location(quote.origin, &out)
        origins(quote.fieldOrigins, &out)
    }

    func commitment(_ commitment: Commitment, _ out: inout BinaryWriter) {
        out.write(commitment.id)
        references(commitment.by, &out)
        out.write(word: commitment.kind)
        out.write(commitment.text)
        date(commitment.made, &out)
        citations(commitment.sources, &out)
        references(commitment.to, &out)
        optionalReference(commitment.event, &out)
        optionalDate(commitment.due, &out)
        out.write(commitment.quantity)
        out.write(commitment.topics)
        optionalDate(commitment.recorded, &out)
        retraction(commitment.retracted, &out)
        extensions(commitment.extensions, &out)
        location(commitment.origin, &out)
        origins(commitment.fieldOrigins, &out)
    }

    func update(_ update: Update, _ out: inout BinaryWriter) {
        out.write(update.id)
        reference(update.commitment, &out)
        date(update.date, &out)
        out.write(word: update.status)
        citations(update.sources, &out)
        out.write(update.note)
        optionalReference(update.evidence, &out)
        optionalDate(update.recorded, &out)
        retraction(update.retracted, &out)
        extensions(update.extensions, &out)
        location(update.origin, &out)
        origins(update.fieldOrigins, &out)
    }

    func vocabulary(_ entry: VocabularyEntry, _ out: inout BinaryWriter) {
        out.write(entry.type)
        out.write(entry.label)
        out.write(entry.weight)
        out.write(entry.cameo)
        out.write(entry.milestone)
        out.write(entry.shipped)
        extensions(entry.extensions, &out)
        location(entry.origin, &out)
    }
}

/// The mirror of `RecordEncoder`: the same order, every value checked.
private struct RecordDecoder {
    let path: String

    typealias Reader = BinaryReader

    func file(_ r: inout Reader) throws(CacheCorruption) -> DatasetFile {
        var file = DatasetFile(path: path)
        file.actors = try r.array { r throws(CacheCorruption) in try actor(&r) }
        file.sources = try r.array { r throws(CacheCorruption) in try source(&r) }
        file.events = try r.array { r throws(CacheCorruption) in try event(&r) }
        file.quotes = try r.array { r throws(CacheCorruption) in try quote(&r) }
        file.commitments = try r.array { r throws(CacheCorruption) in try commitment(&r) }
        file.updates = try r.array { r throws(CacheCorruption) in try update(&r) }
        file.vocabulary = try r.array { r throws(CacheCorruption) in try vocabulary(&r) }
        file.extensions = try extensions(&r)
        file.declared = try r.array { r throws(CacheCorruption) in
            DeclaredID(id: try r.string(), kind: try r.word(), location: try location(&r))
        }
        file.uses = try r.array { r throws(CacheCorruption) in
            let subject = try r.string()
            let field = try r.string()
            let reference = try reference(&r)
            let expectation: Expectation
            switch try r.unsigned() {
            case 0: expectation = .record(try r.word())
            case 1:
                var kinds = Set<ActorKind>()
                for word in try r.strings() {
                    guard let kind = ActorKind(rawValue: word) else { throw CacheCorruption(description: "'\(word)' is no actor kind") }
                    kinds.insert(kind)
                }
                expectation = .actor(kinds)
            default: throw CacheCorruption(description: "an unknown expectation")
            }
            return ReferenceUse(subject: subject, field: field, reference: reference, expectation: expectation)
        }
        file.diagnostics = try r.array { r throws(CacheCorruption) in
            let severity: Diagnostic.Severity = try r.word()
            let location = try location(&r)
            return Diagnostic(severity, at: location, try r.string())
        }
        return file
    }

    func location(_ r: inout Reader) throws(CacheCorruption) -> SourceLocation {
        let file = try r.bool() ? path : try r.string()
        return SourceLocation(file: file, line: try r.integer(), column: try r.integer())
    }

    func origins(_ r: inout Reader) throws(CacheCorruption) -> FieldOrigins {
        let count = try r.count()
        var origins = FieldOrigins()
        for _ in 0..<count {
            let key = try r.string()
            origins[key] = try location(&r)
        }
        return origins
    }

    func reference(_ r: inout Reader) throws(CacheCorruption) -> Reference {
        let id = try r.string()
        return Reference(id, at: try location(&r))
    }

    func references(_ r: inout Reader) throws(CacheCorruption) -> [Reference] {
        try r.array { r throws(CacheCorruption) in try reference(&r) }
    }

    func optionalReference(_ r: inout Reader) throws(CacheCorruption) -> Reference? {
        try r.optional { r throws(CacheCorruption) in try reference(&r) }
    }

    func date(_ r: inout Reader) throws(CacheCorruption) -> EDTFDate {
        switch try r.unsigned() {
        case 0: return EDTFDate(form: .point(try point(&r)))
        case 1:
            let start = try r.optional { r throws(CacheCorruption) in try point(&r) }
            let end = try r.optional { r throws(CacheCorruption) in try point(&r) }
            return EDTFDate(form: .interval(start: start, end: end))
        default: throw CacheCorruption(description: "an unknown date form")
        }
    }

    func optionalDate(_ r: inout Reader) throws(CacheCorruption) -> EDTFDate? {
        try r.optional { r throws(CacheCorruption) in try date(&r) }
    }

    func point(_ r: inout Reader) throws(CacheCorruption) -> EDTFPoint {
        EDTFPoint(year: try r.integer(),
                  month: try r.optional { r throws(CacheCorruption) in try r.integer() },
                  day: try r.optional { r throws(CacheCorruption) in try r.integer() },
                  qualifier: try r.optionalWord())
    }

    func citations(_ r: inout Reader) throws(CacheCorruption) -> [Citation] {
        try r.array { r throws(CacheCorruption) in
            Citation(source: try reference(&r), locator: try r.optionalString(), credibility: try r.optionalWord())
        }
    }

    func retraction(_ r: inout Reader) throws(CacheCorruption) -> Retraction? {
        try r.optional { r throws(CacheCorruption) in
            Retraction(date: try date(&r), note: try r.optionalString(), sources: try citations(&r), origin: try location(&r))
        }
    }

    func extensions(_ r: inout Reader) throws(CacheCorruption) -> Extensions {
        try r.array { r throws(CacheCorruption) in ExtensionField(key: try r.string(), value: try value(&r)) }
    }

    func value(_ r: inout Reader) throws(CacheCorruption) -> ExtensionValue {
        switch try r.unsigned() {
        case 0: return .null
        case 1: return .text(try r.string())
        case 2: return .list(try r.array { r throws(CacheCorruption) in try value(&r) })
        case 3: return .map(try extensions(&r))
        default: throw CacheCorruption(description: "an unknown extension value")
        }
    }

    func actor(_ r: inout Reader) throws(CacheCorruption) -> Actor {
        Actor(id: try r.string(), kind: try r.word(), name: try r.string(), code: try r.optionalString(), aliases: try r.strings(),
              of: try optionalReference(&r),
              roles: try r.array { r throws(CacheCorruption) in
                  Role(title: try r.string(), of: try reference(&r), from: try optionalDate(&r), to: try optionalDate(&r),
                       level: try r.word(), origin: try location(&r))
              },
              level: try r.optionalWord(), note: try r.optionalString(), extensions: try extensions(&r),
              origin: try location(&r), fieldOrigins: try origins(&r))
    }

    func source(_ r: inout Reader) throws(CacheCorruption) -> Source {
        Source(id: try r.string(), title: try r.string(), published: try date(&r), publisher: try r.optionalString(),
               url: try r.optionalString(), kind: try r.optionalWord(), reliability: try r.optionalWord(),
               credibility: try r.optionalWord(), note: try r.optionalString(), extensions: try extensions(&r),
               origin: try location(&r), fieldOrigins: try origins(&r))
    }

    func event(_ r: inout Reader) throws(CacheCorruption) -> Event {
        Event(id: try r.string(), date: try date(&r), type: try r.string(), title: try r.string(), sources: try citations(&r),
              participants: try references(&r), by: try references(&r), to: try references(&r), parties: try references(&r),
              location: try r.optionalString(), venue: try r.optionalString(), summary: try r.optionalString(),
              topics: try r.strings(), recorded: try optionalDate(&r), retracted: try retraction(&r),
              extensions: try extensions(&r), origin: try location(&r), fieldOrigins: try origins(&r))
    }

    func quote(_ r: inout Reader) throws(CacheCorruption) -> Quote {
        Quote(id: try r.string(), speaker: try reference(&r), text: try r.string(), date: try date(&r), sources: try citations(&r),
              event: try optionalReference(&r), about: try references(&r), topics: try r.strings(), language: try r.optionalString(),
              translated: try r.bool(), form: try r.word(), priority: try r.word(), recorded: try optionalDate(&r),
              retracted: try retraction(&r), extensions: try extensions(&r), origin: try location(&r), fieldOrigins: try origins(&r))
    }

    func commitment(_ r: inout Reader) throws(CacheCorruption) -> Commitment {
        Commitment(id: try r.string(), by: try references(&r), kind: try r.word(), text: try r.string(), made: try date(&r),
                   sources: try citations(&r), to: try references(&r), event: try optionalReference(&r), due: try optionalDate(&r),
                   quantity: try r.optionalString(), topics: try r.strings(), recorded: try optionalDate(&r),
                   retracted: try retraction(&r), extensions: try extensions(&r), origin: try location(&r),
                   fieldOrigins: try origins(&r))
    }

    func update(_ r: inout Reader) throws(CacheCorruption) -> Update {
        Update(id: try r.string(), commitment: try reference(&r), date: try date(&r), status: try r.word(), sources: try citations(&r),
               note: try r.optionalString(), evidence: try optionalReference(&r), recorded: try optionalDate(&r),
               retracted: try retraction(&r), extensions: try extensions(&r), origin: try location(&r), fieldOrigins: try origins(&r))
    }

    func vocabulary(_ r: inout Reader) throws(CacheCorruption) -> VocabularyEntry {
        VocabularyEntry(type: try r.string(), label: try r.string(), weight: try r.double(), cameo: try r.optionalString(),
                        milestone: try r.bool(), shipped: try r.bool(), extensions: try extensions(&r), origin: try location(&r))
    }
}
