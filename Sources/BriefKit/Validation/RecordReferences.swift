import Synchronization
/// A record that keeps references to other records, and can list them as the
/// `ReferenceUse`s its reader recorded while decoding it.
///
/// A loaded record's uses are not held until validation (they were a large
/// share of a loaded dataset's memory): the validator lists them again from
/// the record. Only the uses of what was not kept (a record with errors, a role
/// without a title) are held, in `DatasetFile.uses`.
protocol ReferencingRecord {
    /// "event 'antalya-meeting'": what messages about the record's references call it.
    var referenceSubject: String { get }

    /// Calls `visit` with each reference the record at `record` keeps, the
    /// field it is in (as messages name it) and what it must name: in the
    /// order the reader recorded them.
    ///
    /// Through a pointer because a record read in place and passed to a
    /// function whose closure may write memory is first copied whole (a
    /// retain of every field), while a field read through the pointer is
    /// copied alone: the validator visits every record of the dataset.
    static func visitReferences(of record: UnsafePointer<Self>, _ visit: (_ field: String, _ reference: Reference, _ rule: ReferenceRule) -> Void)
}

/// What a reference must name, as `Expectation` says it, without the set of
/// actor kinds that `Expectation` carries: the validator reads millions of
/// references, on every core, and copying that set for each one made every
/// core retain and release the same object.
enum ReferenceRule: Sendable {
    case source, event, commitment, anyActor, state, belonging

    var expectation: Expectation {
        switch self {
        case .source: .record(.source)
        case .event: .record(.event)
        case .commitment: .record(.commitment)
        case .anyActor: .anyActor
        case .state: Expected.state
        case .belonging: .belonging
        }
    }

    /// The kind of record it must name.
    var kind: RecordKind {
        switch self {
        case .source: .source
        case .event: .event
        case .commitment: .commitment
        case .anyActor, .state, .belonging: .actor
        }
    }

    /// Whether an actor of `kind` is what it must name.
    func allows(_ kind: ActorKind) -> Bool {
        switch self {
        case .anyActor: true
        case .state: kind == .state
        case .belonging: kind == .state || kind == .organization
        case .source, .event, .commitment: false
        }
    }
}

extension ReferencingRecord {
    /// `visitReferences(of:)` of this record.
    func visitReferences(_ visit: (_ field: String, _ reference: Reference, _ rule: ReferenceRule) -> Void) {
        withUnsafePointer(to: self) { Self.visitReferences(of: $0, visit) }
    }

    /// Each reference with what it must name, as its reader recorded it.
    func forEachReference(_ visit: (_ field: String, _ reference: Reference, _ expectation: Expectation) -> Void) {
        visitReferences { field, reference, rule in visit(field, reference, rule.expectation) }
    }

    /// The citations of a retraction, last, as its reader recorded them.
    @inline(__always)
    fileprivate static func visit(_ retracted: Retraction?,
                                  _ visit: (_ field: String, _ reference: Reference, _ rule: ReferenceRule) -> Void) {
        guard let sources = retracted?.sources else { return }
        for index in sources.indices { visit("retracted.sources", sources[index].source, .source) }
    }
}

/// The expectations written at the fields' readers in `DatasetFile`, made once.
private enum Expected {
    static let state = Expectation.actor([.state])
}

extension Array where Element == Reference {
    /// Each reference, read in place rather than copied out of the array.
    @inline(__always)
    fileprivate func visit(_ field: String, _ rule: ReferenceRule,
                           _ visit: (_ field: String, _ reference: Reference, _ rule: ReferenceRule) -> Void) {
        for index in indices { visit(field, self[index], rule) }
    }
}

extension Array where Element == Citation {
    @inline(__always)
    fileprivate func visit(_ visit: (_ field: String, _ reference: Reference, _ rule: ReferenceRule) -> Void) {
        for index in indices { visit("sources", self[index].source, .source) }
    }
}

extension Actor: ReferencingRecord {
    var referenceSubject: String { "\(RecordKind.actor.rawValue) '\(id)'" }

    static func visitReferences(of actor: UnsafePointer<Actor>, _ visit: (_ field: String, _ reference: Reference, _ rule: ReferenceRule) -> Void) {
        if let of = actor.pointee.of { visit("of", of, .belonging) }
        let roles = actor.pointee.roles
        for index in roles.indices { visit("roles.of", roles[index].of, .belonging) }
    }
}

extension Event: ReferencingRecord {
    var referenceSubject: String { "\(RecordKind.event.rawValue) '\(id)'" }

    static func visitReferences(of event: UnsafePointer<Event>, _ visit: (_ field: String, _ reference: Reference, _ rule: ReferenceRule) -> Void) {
        event.pointee.sources.visit(visit)
        event.pointee.participants.visit("participants", .anyActor, visit)
        event.pointee.by.visit("by", .anyActor, visit)
        event.pointee.to.visit("to", .anyActor, visit)
        event.pointee.parties.visit("parties", .state, visit)
        Self.visit(event.pointee.retracted, visit)
    }
}

extension Quote: ReferencingRecord {
    var referenceSubject: String { "\(RecordKind.quote.rawValue) '\(id)'" }

    static func visitReferences(of quote: UnsafePointer<Quote>, _ visit: (_ field: String, _ reference: Reference, _ rule: ReferenceRule) -> Void) {
        visit("speaker", quote.pointee.speaker, .anyActor)
        quote.pointee.sources.visit(visit)
        if let event = quote.pointee.event { visit("event", event, .event) }
        quote.pointee.about.visit("about", .anyActor, visit)
        Self.visit(quote.pointee.retracted, visit)
    }
}

extension Commitment: ReferencingRecord {
    var referenceSubject: String { "\(RecordKind.commitment.rawValue) '\(id)'" }

    static func visitReferences(of commitment: UnsafePointer<Commitment>, _ visit: (_ field: String, _ reference: Reference, _ rule: ReferenceRule) -> Void) {
        commitment.pointee.by.visit("by", .anyActor, visit)
        commitment.pointee.sources.visit(visit)
        commitment.pointee.to.visit("to", .anyActor, visit)
        if let event = commitment.pointee.event { visit("event", event, .event) }
        Self.visit(commitment.pointee.retracted, visit)
    }
}

extension Update: ReferencingRecord {
    var referenceSubject: String { "\(RecordKind.update.rawValue) '\(id)'" }

    static func visitReferences(of update: UnsafePointer<Update>, _ visit: (_ field: String, _ reference: Reference, _ rule: ReferenceRule) -> Void) {
        visit("commitment", update.pointee.commitment, .commitment)
        update.pointee.sources.visit(visit)
        if let evidence = update.pointee.evidence { visit("evidence", evidence, .event) }
        Self.visit(update.pointee.retracted, visit)
    }
}

// MARK: - Sharing the ids references name

/// A record whose references' ids can be replaced by equal strings: the
/// loader makes every reference to an id share one storage (`ReferencedIDs`).
protocol SharingReferenceIDs {
    /// Calls `share` with the id of every reference the record keeps.
    mutating func shareReferenceIDs(_ share: (inout String) -> Void)
}

extension Array where Element == Reference {
    fileprivate mutating func shareIDs(_ share: (inout String) -> Void) {
        for index in indices { share(&self[index].id) }
    }
}

extension Array where Element == Citation {
    fileprivate mutating func shareIDs(_ share: (inout String) -> Void) {
        for index in indices { share(&self[index].source.id) }
    }
}

extension Actor: SharingReferenceIDs {
    mutating func shareReferenceIDs(_ share: (inout String) -> Void) {
        if of != nil { share(&of!.id) }
        for index in roles.indices { share(&roles[index].of.id) }
    }
}

extension Event: SharingReferenceIDs {
    mutating func shareReferenceIDs(_ share: (inout String) -> Void) {
        sources.shareIDs(share)
        participants.shareIDs(share)
        by.shareIDs(share)
        to.shareIDs(share)
        parties.shareIDs(share)
        retracted?.sources.shareIDs(share)
    }
}

extension Quote: SharingReferenceIDs {
    mutating func shareReferenceIDs(_ share: (inout String) -> Void) {
        share(&speaker.id)
        sources.shareIDs(share)
        if event != nil { share(&event!.id) }
        about.shareIDs(share)
        retracted?.sources.shareIDs(share)
    }
}

extension Commitment: SharingReferenceIDs {
    mutating func shareReferenceIDs(_ share: (inout String) -> Void) {
        by.shareIDs(share)
        sources.shareIDs(share)
        to.shareIDs(share)
        if event != nil { share(&event!.id) }
        retracted?.sources.shareIDs(share)
    }
}

extension Update: SharingReferenceIDs {
    mutating func shareReferenceIDs(_ share: (inout String) -> Void) {
        share(&commitment.id)
        sources.shareIDs(share)
        if evidence != nil { share(&evidence!.id) }
        retracted?.sources.shareIDs(share)
    }
}

/// One storage per id that references name. Each reference read from a file
/// holds its own copy of the id it names, and an id longer than 15 bytes has
/// heap storage of its own: an actor's or a source's id, written thousands of
/// times across files, was held thousands of times.
///
/// Shared by the threads that read files: the ids are spread over locked
/// shards by their last bytes, so that two threads seldom wait for each other,
/// and an id always meets its equals in the same shard.
final class ReferencedIDs: Sendable {
    private final class Shard: Sendable {
        let ids = Mutex(Set<String>())
    }

    private static let shardCount = 64
    private let shards: [Shard] = (0..<shardCount).map { _ in Shard() }
    /// The tables of ids lent to the threads reading files, while not lent.
    private let tables = Mutex<[ReferenceIDTable]>([])

    /// Calls `body` with a table of the ids met so far that no other reader
    /// holds meanwhile (`ReferenceIDTable`): new ids it meets are shared.
    func withTable<Result>(_ body: (ReferenceIDTable) -> Result) -> Result {
        let table = tables.withLock { $0.popLast() } ?? ReferenceIDTable(sharing: self)
        defer { tables.withLock { $0.append(table) } }
        return body(table)
    }

    /// Replaces `id` by the equal string seen first. Ids of up to 15 bytes are
    /// stored inside the `String` itself, with no storage to share: they are
    /// left alone and never enter a set.
    func share(_ id: inout String) {
        guard id.utf8.count > 15 else { return }
        let shard = shards[Self.shard(of: id)]
        let candidate = id
        id = shard.ids.withLock { $0.insert(candidate).memberAfterInsert }
    }

    /// The shard of an id of more than one byte, from its last two bytes and
    /// its length rather than its `hashValue`: the set hashes the id anyway,
    /// and hashing it twice was about an eighth of the time spent sharing
    /// (4.5 % of a cold `daily`'s samples at a million records, 3.9 % after).
    /// Ids that differ mostly at the end (a number, a date) still spread over the shards.
    static func shard(of id: String) -> Int {
        let bytes = id.utf8
        let last = bytes.index(before: bytes.endIndex)
        let mixed = Int(bytes[last]) &* 31 &+ Int(bytes[bytes.index(before: last)]) &* 7 &+ bytes.count
        return mixed % shardCount
    }

    /// Makes the ids of every reference of `records` shared.
    func share<Record: SharingReferenceIDs>(_ records: inout [Record]) {
        for index in records.indices {
            records[index].shareReferenceIDs { share(&$0) }
        }
    }
}

extension DatasetFile {
    /// Makes the ids of every reference of the file's records shared, before
    /// they join the dataset, so that the file's own copies are freed with it.
    mutating func shareReferenceIDs(with ids: ReferencedIDs) {
        ids.share(&actors)
        ids.share(&events)
        ids.share(&quotes)
        ids.share(&commitments)
        ids.share(&updates)
    }
}
