/// The rules of DATASET.md that need the whole dataset: unique ids, references
/// that resolve to the right kind, the vocabulary, role and commitment dates,
/// and the brief definitions against the dataset.
public struct DatasetValidator {
    let dataset: Dataset
    let declared: [DeclaredID]
    let ids: DeclaredIDs
    var diagnostics: [Diagnostic] = []

    /// `ids`, when given, is `DeclaredIDs(declared, in: dataset)` built already.
    init(dataset: Dataset, declared: [DeclaredID], ids: DeclaredIDs? = nil) {
        self.dataset = dataset
        self.declared = declared
        self.ids = ids ?? DeclaredIDs(declared, in: dataset)
    }

    /// Every cross-record problem in the dataset and the definitions. The
    /// records are checked in parts of `partSize` (the messages do not depend on it).
    static func validate(_ dataset: Dataset, declared: [DeclaredID], ids: DeclaredIDs? = nil, uses: [ReferenceUse],
                         definitions: [BriefDefinition], knownFormats: Set<String>, partSize: Int = ParallelParts.size) -> [Diagnostic] {
        var validator = DatasetValidator(dataset: dataset, declared: declared, ids: ids)
        validator.checkUniqueIDs()
        var cited = CitedSources(count: dataset.sources.count)
        for use in uses { validator.check(use) }
        // One pass over the records, in parallel: each part's messages are
        // kept apart and joined in the order the rules have always run in
        // (every reference first, then the rules of each kind).
        let records = validator.checkRecords(citing: &cited, partSize: partSize)
        validator.diagnostics += records.references
        validator.checkVocabulary()
        validator.checkActors()
        validator.diagnostics += records.events
        validator.diagnostics += records.commitments
        validator.diagnostics += records.updates
        validator.checkCitedSources(cited)
        for definition in definitions {
            validator.check(definition, knownFormats: knownFormats)
        }
        return validator.diagnostics
    }

    // MARK: - Ids

    mutating func checkUniqueIDs() {
        for (id, positions) in ids.repeated {
            let ordered = positions.map { declared[$0] }.sorted { $0.location < $1.location }
            let first = ordered[0]
            for other in ordered.dropFirst() {
                diagnostics.append(.error(other.location,
                    "duplicate id '\(id)': \(other.kind.withArticle) here and \(first.kind.withArticle) at \(first.location)"))
            }
        }
    }

    // MARK: - References

    /// Reports a reference that names nothing, or a record of the wrong kind.
    mutating func check(_ use: ReferenceUse) {
        let reference = use.reference
        // Made only for a message: most references are fine.
        var lead: String { "\(use.subject): '\(use.field)' names '\(reference.id)'" }
        guard let entry = ids.entry(reference.id, expecting: use.expectation) else {
            diagnostics.append(.error(reference.origin, "\(lead), which is not in the dataset"))
            return
        }
        switch use.expectation {
        case let .record(expected) where entry.kind != expected:
            diagnostics.append(.error(reference.origin, "\(lead), which is \(entry.kind.withArticle), not \(expected.withArticle)"))
        case let .actor(kinds):
            if let problem = Self.actorProblem(entry, allowed: kinds.contains, noun: use.expectation.noun) {
                diagnostics.append(.error(reference.origin, "\(lead), which is \(problem)"))
            }
        default:
            break
        }
    }

    /// Reports a reference a kept record holds that names nothing, or a
    /// record of the wrong kind; `subject` is made only for a message.
    /// Returns what the id names.
    static func check(_ reference: Reference, field: String, rule: ReferenceRule, subject: () -> String,
                      ids: DeclaredIDs, actorsAndSources: inout ResolvedIDs<DeclaredIDs.Entry?>,
                      into diagnostics: inout [Diagnostic]) -> DeclaredIDs.Entry? {
        var lead: String { "\(subject()): '\(field)' names '\(reference.id)'" }
        let kind = rule.kind
        // Most references name one of a few thousand actors and sources:
        // their answers are remembered; an event or a commitment is named
        // once or twice, and looked up each time.
        let found = kind == .actor || kind == .source
            ? actorsAndSources.value(of: reference.id) { ids.entry($0, expecting: kind) }
            : ids.entry(reference.id, expecting: kind)
        guard let entry = found else {
            diagnostics.append(.error(reference.origin, "\(lead), which is not in the dataset"))
            return nil
        }
        if kind != .actor {
            if entry.kind != kind {
                diagnostics.append(.error(reference.origin, "\(lead), which is \(entry.kind.withArticle), not \(kind.withArticle)"))
            }
        } else if let problem = actorProblem(entry, allowed: rule.allows, noun: rule.expectation.noun) {
            diagnostics.append(.error(reference.origin, "\(lead), which is \(problem)"))
        }
        return entry
    }

    /// What is wrong with `entry` where an actor of an `allowed` kind must be
    /// named ("a source, not an actor"), or nil.
    static func actorProblem(_ entry: DeclaredIDs.Entry, allowed: (ActorKind) -> Bool, noun: @autoclosure () -> String) -> String? {
        guard entry.kind == .actor else { return "\(entry.kind.withArticle), not \(noun())" }
        guard let actorKind = entry.actorKind, !allowed(actorKind) else { return nil }
        return "\(FieldReader.article(actorKind.rawValue)), not \(noun())"
    }

    // MARK: - Every record, in parallel

    /// What the pass over the records found, each list in record order.
    struct RecordFindings {
        var references: [Diagnostic] = []
        var events: [Diagnostic] = []
        var commitments: [Diagnostic] = []
        var updates: [Diagnostic] = []
    }

    /// Checks every record's references and the rules of its kind, the parts
    /// of each kind in parallel, and marks the sources the records cite.
    func checkRecords(citing cited: inout CitedSources, partSize: Int) -> RecordFindings {
        enum Kind { case actor, event, quote, commitment, update }
        func parts(_ kind: Kind, _ count: Int) -> [(kind: Kind, range: Range<Int>)] {
            ParallelParts.ranges(count: count, size: partSize).map { (kind, $0) }
        }
        let parts = parts(.actor, dataset.actors.count) + parts(.event, dataset.events.count) + parts(.quote, dataset.quotes.count)
            + parts(.commitment, dataset.commitments.count) + parts(.update, dataset.updates.count)
        let (dataset, ids) = (dataset, ids)
        let results = ParallelParts.map(parts.count) { index in
            var part = PartChecker(dataset: dataset, ids: ids)
            let range = parts[index].range
            switch parts[index].kind {
            case .actor: part.checkReferences(of: dataset.actors, in: range)
            case .event:
                part.checkReferences(of: dataset.events, in: range)
                part.checkEvents(in: range)
            case .quote: part.checkReferences(of: dataset.quotes, in: range)
            case .commitment:
                part.checkReferences(of: dataset.commitments, in: range)
                part.checkCommitments(in: range)
            case .update:
                part.checkReferences(of: dataset.updates, in: range)
                part.checkUpdates(in: range)
            }
            return (part.findings, part.cited)
        }
        var findings = RecordFindings()
        for (part, partCited) in results {
            findings.references += part.references
            findings.events += part.events
            findings.commitments += part.commitments
            findings.updates += part.updates
            cited.formUnion(partCited)
        }
        return findings
    }

    /// The checks of one part of the records, with its own messages.
    struct PartChecker {
        let dataset: Dataset
        let ids: DeclaredIDs
        var findings = RecordFindings()
        var cited: CitedSources
        var actorsAndSources = ResolvedIDs<DeclaredIDs.Entry?>()

        init(dataset: Dataset, ids: DeclaredIDs) {
            self.dataset = dataset
            self.ids = ids
            cited = CitedSources(count: dataset.sources.count)
        }

        /// Checks the references the records keep: their uses are listed from
        /// the records rather than held since loading. Every citation marks
        /// its source as cited (an actor cites nothing).
        mutating func checkReferences<Record: ReferencingRecord>(of records: [Record], in range: Range<Int>) {
            Self.checkReferences(of: records, in: range, ids: ids, actorsAndSources: &actorsAndSources,
                                 into: &findings.references, citing: &cited)
        }

        /// Static, so that its closure captures `ids` as a parameter rather
        /// than through an inout `self`, from which it was retained (three
        /// tables) on every reference, by every core at once.
        private static func checkReferences<Record: ReferencingRecord>(
            of records: [Record], in range: Range<Int>, ids: DeclaredIDs, actorsAndSources: inout ResolvedIDs<DeclaredIDs.Entry?>,
            into references: inout [Diagnostic], citing cited: inout CitedSources
        ) {
            // Read through a pointer: a record read in place and passed on is
            // copied whole, a retain of each of its fields (`visitReferences(of:)`).
            records.withUnsafeBufferPointer { records in
                for index in range {
                    Record.visitReferences(of: records.baseAddress! + index) { field, reference, rule in
                        let entry = DatasetValidator.check(reference, field: field, rule: rule, subject: { records[index].referenceSubject },
                                                           ids: ids, actorsAndSources: &actorsAndSources, into: &references)
                        if rule == .source, let source = entry?.source, source >= 0 {
                            cited.insert(Int(source))
                        }
                    }
                }
            }
        }

        mutating func checkEvents(in range: Range<Int>) {
            let events = dataset.events
            for index in range where dataset.vocabularyPosition(events[index].type) == nil {
                let event = events[index]
                findings.events.append(.warning(event.fieldOrigins["type"] ?? event.origin,
                    "event '\(event.id)': type '\(event.type)' is not in the vocabulary; it counts 0 in the trend and is never a milestone"))
            }
        }

        mutating func checkCommitments(in range: Range<Int>) {
            let commitments = dataset.commitments
            for index in range {
                guard let dueEnd = commitments[index].due?.latest, let madeStart = commitments[index].made.earliest,
                      dueEnd < madeStart, let due = commitments[index].due else { continue }
                let commitment = commitments[index]
                findings.commitments.append(.warning(commitment.fieldOrigins["due"] ?? commitment.origin,
                    "commitment '\(commitment.id)': due \(due.text) is before it was made (\(commitment.made.text))"))
            }
        }

        mutating func checkUpdates(in range: Range<Int>) {
            let updates = dataset.updates
            for index in range {
                guard let position = dataset.commitmentPosition(updates[index].commitment.id), let last = updates[index].date.latest,
                      let made = dataset.commitments[position].made.earliest, last < made else { continue }
                let update = updates[index]
                let commitment = dataset.commitments[position]
                findings.updates.append(.error(update.fieldOrigins["date"] ?? update.origin,
                    "update '\(update.id)': dated \(update.date.text), wholly before its commitment '\(commitment.id)' was made (\(commitment.made.text))"))
            }
        }
    }

    // MARK: - Record kinds

    mutating func checkActors() {
        for actor in dataset.actors where actor.kind == .organization {
            checkChain(from: actor)
        }
    }

    /// An organization's `of` must lead to a state without going round in a circle.
    mutating func checkChain(from start: Actor) {
        var path = [start.id]
        var current = start
        while let next = current.of?.id, let actor = dataset.actorsByID[next], actor.kind == .organization {
            if let loop = path.firstIndex(of: next) {
                // Report once, at the member of the circle whose id sorts first.
                let circle = Array(path[loop...])
                if circle.min() == start.id, let origin = start.of?.origin {
                    diagnostics.append(.error(origin, "actor '\(start.id)': 'of' goes round in a circle (\((circle + [start.id]).joined(separator: " → ")))"))
                }
                return
            }
            path.append(next)
            current = actor
        }
    }

    // MARK: - Vocabulary and sources

    mutating func checkVocabulary() {
        var first: [String: VocabularyEntry] = [:]
        for entry in dataset.vocabulary {
            guard let earlier = first[entry.type] else {
                first[entry.type] = entry
                continue
            }
            if earlier.shipped {
                diagnostics.append(.error(entry.origin,
                    "vocabulary entry '\(entry.type)': redefines a type the program ships; give your entry another name"))
            } else {
                diagnostics.append(.error(entry.origin, "vocabulary entry '\(entry.type)': type defined twice (first at \(earlier.origin))"))
            }
        }
    }

    /// A source nothing cites is probably a forgotten reference: worth a warning.
    mutating func checkCitedSources(_ cited: CitedSources) {
        // A source whose id no record declared (its id was malformed) is
        // matched by its text against every citation, as a set of ids would.
        // Each source's id read where the list holds it: a loop over the
        // sources copied each one whole.
        var citedIDs: Set<String>?
        let sources = dataset.sources
        for position in sources.indices {
            if let entry = ids.entry(sources[position].id, expecting: .source), entry.source >= 0 {
                if cited.contains(Int(entry.source)) { continue }
            } else {
                if citedIDs == nil { citedIDs = allCitedIDs() }
                if citedIDs!.contains(sources[position].id) { continue }
            }
            diagnostics.append(.warning(sources[position].origin, "source '\(sources[position].id)' is never cited"))
        }
    }

    /// The id of every citation, for the rare source `CitedSources` cannot mark.
    func allCitedIDs() -> Set<String> {
        var cited = Set<String>()
        func add(_ citations: [Citation], _ retraction: Retraction?) {
            for citation in citations { cited.insert(citation.source.id) }
            for citation in retraction?.sources ?? [] { cited.insert(citation.source.id) }
        }
        for event in dataset.events { add(event.sources, event.retracted) }
        for quote in dataset.quotes { add(quote.sources, quote.retracted) }
        for commitment in dataset.commitments { add(commitment.sources, commitment.retracted) }
        for update in dataset.updates { add(update.sources, update.retracted) }
        return cited
    }

    // MARK: - Brief definitions

    mutating func check(_ definition: BriefDefinition, knownFormats: Set<String>) {
        let subject = "brief '\(definition.id)'"
        let origin = definition.fieldOrigins["parties"] ?? definition.origin
        if definition.parties.count != 2 {
            diagnostics.append(.error(origin, "\(subject): 'parties' must name exactly two states, not \(definition.parties.count)"))
        } else if definition.parties[0].id == definition.parties[1].id {
            diagnostics.append(.error(definition.parties[1].origin, "\(subject): 'parties' names '\(definition.parties[0].id)' twice"))
        }
        let parties = Set(definition.parties.map(\.id))
        var seen = Set<String>()
        for related in definition.related {
            if parties.contains(related.id) {
                diagnostics.append(.error(related.origin, "\(subject): '\(related.id)' is one of the parties, so it cannot also be related"))
            } else if !seen.insert(related.id).inserted {
                diagnostics.append(.error(related.origin, "\(subject): 'related' names '\(related.id)' twice"))
            }
        }
        for (position, format) in definition.formats.enumerated() where !knownFormats.contains(format) {
            let place = definition.formatOrigins.indices.contains(position) ? definition.formatOrigins[position] : origin
            var message = "\(subject): unknown format '\(format)'"
            if let guess = Spelling.closest(to: format, among: knownFormats.sorted()) { message += " (did you mean '\(guess)'?)" }
            message += "; `brief formats` lists the formats"
            diagnostics.append(.error(place, message))
        }
    }
}
