/// The rules of DATASET.md that need the whole dataset: unique ids, references
/// that resolve to the right kind, the vocabulary, role and commitment dates,
/// and the brief definitions against the dataset.
public struct DatasetValidator {
    let dataset: Dataset
    let declared: [DeclaredID]
    /// For each id, the position in `declared` of its first declaration by
    /// place: one entry per id, rather than an array of places per id.
    let firstDeclared: [String: Int]
    /// The positions of every declaration of an id declared more than once.
    let repeated: [String: [Int]]
    var diagnostics: [Diagnostic] = []

    init(dataset: Dataset, declared: [DeclaredID]) {
        self.dataset = dataset
        self.declared = declared
        var first: [String: Int] = Dictionary(minimumCapacity: declared.count)
        var repeated: [String: [Int]] = [:]
        for (position, declaration) in declared.enumerated() {
            guard let earlier = first.updateValue(position, forKey: declaration.id) else { continue }
            repeated[declaration.id, default: [earlier]].append(position)
            // Ties keep the one declared first, as `min` did.
            if !(declaration.location < declared[earlier].location) { first[declaration.id] = earlier }
        }
        self.firstDeclared = first
        self.repeated = repeated
    }

    /// Every cross-record problem in the dataset and the definitions.
    static func validate(_ dataset: Dataset, declared: [DeclaredID], uses: [ReferenceUse], definitions: [BriefDefinition],
                         knownFormats: Set<String>) -> [Diagnostic] {
        var validator = DatasetValidator(dataset: dataset, declared: declared)
        validator.checkUniqueIDs()
        for use in uses { validator.check(use) }
        validator.checkReferences(of: dataset.actors)
        validator.checkReferences(of: dataset.events)
        validator.checkReferences(of: dataset.quotes)
        validator.checkReferences(of: dataset.commitments)
        validator.checkReferences(of: dataset.updates)
        validator.checkVocabulary()
        validator.checkActors()
        validator.checkEvents()
        validator.checkCommitments()
        validator.checkUpdates()
        validator.checkCitedSources()
        for definition in definitions {
            validator.check(definition, knownFormats: knownFormats)
        }
        return validator.diagnostics
    }

    // MARK: - Ids

    mutating func checkUniqueIDs() {
        for (id, positions) in repeated {
            let ordered = positions.map { declared[$0] }.sorted { $0.location < $1.location }
            let first = ordered[0]
            for other in ordered.dropFirst() {
                diagnostics.append(.error(other.location,
                    "duplicate id '\(id)': \(other.kind.withArticle) here and \(first.kind.withArticle) at \(first.location)"))
            }
        }
    }

    // MARK: - References

    /// Checks the references the records keep: their uses are listed from the
    /// records rather than held since loading.
    mutating func checkReferences<Record: ReferencingRecord>(of records: [Record]) {
        for record in records {
            record.forEachReference { field, reference, expectation in
                check(reference, field: field, expectation: expectation, subject: record.referenceSubject)
            }
        }
    }

    /// Reports a reference that names nothing, or a record of the wrong kind.
    mutating func check(_ use: ReferenceUse) {
        check(use.reference, field: use.field, expectation: use.expectation, subject: use.subject)
    }

    /// Reports a reference that names nothing, or a record of the wrong kind;
    /// `subject` is made only for a message.
    mutating func check(_ reference: Reference, field: String, expectation: Expectation, subject: @autoclosure () -> String) {
        // Made only for a message: most references are fine.
        var lead: String { "\(subject()): '\(field)' names '\(reference.id)'" }
        guard let first = firstDeclared[reference.id] else {
            diagnostics.append(.error(reference.origin, "\(lead), which is not in the dataset"))
            return
        }
        let kind = declared[first].kind
        switch expectation {
        case let .record(expected) where kind != expected:
            diagnostics.append(.error(reference.origin, "\(lead), which is \(kind.withArticle), not \(expected.withArticle)"))
        case let .actor(kinds):
            guard kind == .actor else {
                diagnostics.append(.error(reference.origin, "\(lead), which is \(kind.withArticle), not \(expectation.noun)"))
                return
            }
            if let actor = dataset.actorsByID[reference.id], !kinds.contains(actor.kind) {
                diagnostics.append(.error(reference.origin, "\(lead), which is \(FieldReader.article(actor.kind.rawValue)), not \(expectation.noun)"))
            }
        default:
            break
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

    mutating func checkEvents() {
        for event in dataset.events {
            let subject = "event '\(event.id)'"
            if dataset.vocabularyByType[event.type] == nil {
                diagnostics.append(.warning(event.fieldOrigins["type"] ?? event.origin,
                    "\(subject): type '\(event.type)' is not in the vocabulary; it counts 0 in the trend and is never a milestone"))
            }
        }
    }

    mutating func checkCommitments() {
        for commitment in dataset.commitments {
            let subject = "commitment '\(commitment.id)'"
            if let due = commitment.due, let dueEnd = due.latest, let madeStart = commitment.made.earliest, dueEnd < madeStart {
                diagnostics.append(.warning(commitment.fieldOrigins["due"] ?? commitment.origin,
                    "\(subject): due \(due.text) is before it was made (\(commitment.made.text))"))
            }
        }
    }

    mutating func checkUpdates() {
        for update in dataset.updates {
            let subject = "update '\(update.id)'"
            if let commitment = dataset.commitmentsByID[update.commitment.id],
               let last = update.date.latest, let made = commitment.made.earliest, last < made {
                diagnostics.append(.error(update.fieldOrigins["date"] ?? update.origin,
                    "\(subject): dated \(update.date.text), wholly before its commitment '\(commitment.id)' was made (\(commitment.made.text))"))
            }
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
    mutating func checkCitedSources() {
        var cited = Set<String>()
        func add(_ citations: [Citation], _ retraction: Retraction?) {
            for citation in citations { cited.insert(citation.source.id) }
            for citation in retraction?.sources ?? [] { cited.insert(citation.source.id) }
        }
        for event in dataset.events { add(event.sources, event.retracted) }
        for quote in dataset.quotes { add(quote.sources, quote.retracted) }
        for commitment in dataset.commitments { add(commitment.sources, commitment.retracted) }
        for update in dataset.updates { add(update.sources, update.retracted) }
        for source in dataset.sources where !cited.contains(source.id) {
            diagnostics.append(.warning(source.origin, "source '\(source.id)' is never cited"))
        }
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
