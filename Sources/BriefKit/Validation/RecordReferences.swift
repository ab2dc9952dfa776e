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
