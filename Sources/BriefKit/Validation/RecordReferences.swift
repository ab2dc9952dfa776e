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

    /// Calls `visit` with each reference the record keeps, the field it is in
    /// (as messages name it) and what it must name: in the order the reader
    /// recorded them.
    func forEachReference(_ visit: (_ field: String, _ reference: Reference, _ expectation: Expectation) -> Void)
}

extension ReferencingRecord {
    /// The citations of a retraction, last, as its reader recorded them.
    fileprivate func visit(_ retracted: Retraction?,
                           _ visit: (_ field: String, _ reference: Reference, _ expectation: Expectation) -> Void) {
        for citation in retracted?.sources ?? [] { visit("retracted.sources", citation.source, .record(.source)) }
    }
}

/// The expectations written at the fields' readers in `DatasetFile`, made once.
private enum Expected {
    static let state = Expectation.actor([.state])
}

extension Actor: ReferencingRecord {
    var referenceSubject: String { "\(RecordKind.actor.rawValue) '\(id)'" }

    func forEachReference(_ visit: (_ field: String, _ reference: Reference, _ expectation: Expectation) -> Void) {
        if let of { visit("of", of, .belonging) }
        for role in roles { visit("roles.of", role.of, .belonging) }
    }
}

extension Event: ReferencingRecord {
    var referenceSubject: String { "\(RecordKind.event.rawValue) '\(id)'" }

    func forEachReference(_ visit: (_ field: String, _ reference: Reference, _ expectation: Expectation) -> Void) {
        for citation in sources { visit("sources", citation.source, .record(.source)) }
        for reference in participants { visit("participants", reference, .anyActor) }
        for reference in by { visit("by", reference, .anyActor) }
        for reference in to { visit("to", reference, .anyActor) }
        for reference in parties { visit("parties", reference, Expected.state) }
        self.visit(retracted, visit)
    }
}

extension Quote: ReferencingRecord {
    var referenceSubject: String { "\(RecordKind.quote.rawValue) '\(id)'" }

    func forEachReference(_ visit: (_ field: String, _ reference: Reference, _ expectation: Expectation) -> Void) {
        visit("speaker", speaker, .anyActor)
        for citation in sources { visit("sources", citation.source, .record(.source)) }
        if let event { visit("event", event, .record(.event)) }
        for reference in about { visit("about", reference, .anyActor) }
        self.visit(retracted, visit)
    }
}

extension Commitment: ReferencingRecord {
    var referenceSubject: String { "\(RecordKind.commitment.rawValue) '\(id)'" }

    func forEachReference(_ visit: (_ field: String, _ reference: Reference, _ expectation: Expectation) -> Void) {
        for reference in by { visit("by", reference, .anyActor) }
        for citation in sources { visit("sources", citation.source, .record(.source)) }
        for reference in to { visit("to", reference, .anyActor) }
        if let event { visit("event", event, .record(.event)) }
        self.visit(retracted, visit)
    }
}

extension Update: ReferencingRecord {
    var referenceSubject: String { "\(RecordKind.update.rawValue) '\(id)'" }

    func forEachReference(_ visit: (_ field: String, _ reference: Reference, _ expectation: Expectation) -> Void) {
        visit("commitment", commitment, .record(.commitment))
        for citation in sources { visit("sources", citation.source, .record(.source)) }
        if let evidence { visit("evidence", evidence, .record(.event)) }
        self.visit(retracted, visit)
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
struct ReferencedIDs {
    private var ids = Set<String>()

    /// Replaces `id` by the equal string seen first. Ids of up to 15 bytes are
    /// stored inside the `String` itself, with no storage to share: they are
    /// left alone and never enter the set.
    mutating func share(_ id: inout String) {
        guard id.utf8.count > 15 else { return }
        id = ids.insert(id).memberAfterInsert
    }

    /// Makes the ids of every reference of `records` shared.
    mutating func share<Record: SharingReferenceIDs>(_ records: inout [Record]) {
        for index in records.indices {
            records[index].shareReferenceIDs { share(&$0) }
        }
    }
}
