/// What a brief read on its day: the records whose change could change what
/// it says on that day, when every actor, the vocabulary and the sources
/// not yet known stay as they are (docs/performance.md, "The run state").
///
/// - the records that belong to it and are known on the day, or withdrawn by
///   then (`BriefSelection`), with the updates of its commitments in effect;
/// - the records these point at: a quote's or a commitment's event, an
///   update's evidence, a withdrawn update's commitment;
/// - every source any of these cite, in its citations or its retraction's.
///
/// A brief made from these records alone, with every actor and the
/// vocabulary, is byte for byte the brief made from the whole dataset on
/// that day (`DayReadSetTests`). A record outside them changes the brief only
/// by entering it (known on the day, and belonging or an update in effect of
/// a commitment that does), or through a source that becomes known on the
/// day: `DatasetChange` looks for both.
public struct DayReadSet: Sendable {
    /// `RecordHash` of each, sorted, each once.
    public let hashes: [UInt64]

    public init(_ selection: BriefSelection) {
        var hashes: [UInt64] = []
        Self.visit(selection) { kind, id in hashes.append(RecordHash.of(kind, id)) }
        self.hashes = RecordHash.sortedUnique(hashes)
    }

    /// Each record read, by kind and id; a record may be named more than once.
    static func visit(_ selection: BriefSelection, _ read: (RecordKind, String) -> Void) {
        let view = selection.view, dataset = view.dataset
        func cites(_ citations: [Citation], _ retraction: Retraction?) {
            for citation in citations { read(.source, citation.source.id) }
            for citation in retraction?.sources ?? [] { read(.source, citation.source.id) }
        }
        // An event pointed at shows its title and place while it is known
        // and not withdrawn: it is read with its sources. Records are read
        // in place, not copied: this runs for every record of every brief.
        func event(at position: Int) {
            read(.event, dataset.events[position].id)
            cites(dataset.events[position].sources, dataset.events[position].retracted)
        }
        func event(_ reference: Reference?) {
            guard let reference else { return }
            if let position = dataset.eventPosition(reference.id) {
                event(at: position)
            } else {
                read(.event, reference.id)
            }
        }
        func update(at position: Int) {
            read(.update, dataset.updates[position].id)
            cites(dataset.updates[position].sources, dataset.updates[position].retracted)
            event(dataset.updates[position].evidence)
        }
        func commitment(at position: Int) {
            read(.commitment, dataset.commitments[position].id)
            cites(dataset.commitments[position].sources, dataset.commitments[position].retracted)
            event(dataset.commitments[position].event)
        }
        func quote(at position: Int) {
            read(.quote, dataset.quotes[position].id)
            cites(dataset.quotes[position].sources, dataset.quotes[position].retracted)
            event(dataset.quotes[position].event)
        }

        for selected in selection.eventPlaces { event(at: view.events.position(at: Int(selected.place))) }
        for selected in selection.quotePlaces { quote(at: view.quotes.position(at: Int(selected.place))) }
        for selected in selection.commitmentPlaces {
            let place = Int(selected.place)
            commitment(at: view.commitments.records.position(at: place))
            for updatePlace in view.commitments.updates(of: place) {
                update(at: view.commitments.updates.position(at: Int(updatePlace)))
            }
        }
        for withdrawal in selection.withdrawn {
            switch withdrawal.kind {
            case .event: event(Reference(withdrawal.id, at: withdrawal.retraction.origin))
            case .quote: if let position = dataset.quotePosition(withdrawal.id) { quote(at: position) }
            case .commitment: if let position = dataset.commitmentPosition(withdrawal.id) { commitment(at: position) }
            case .update:
                if let position = dataset.updatePosition(withdrawal.id) {
                    update(at: position)
                    // Its commitment's words, shown once the commitment is known:
                    // read already when it is (it belongs, as the update does),
                    // named here so that the set does not rest on that.
                    if let owner = dataset.commitmentPosition(dataset.updates[position].commitment.id) { commitment(at: owner) }
                }
            case .actor, .source:
                read(withdrawal.kind, withdrawal.id)
            }
        }
    }
}

