@testable import BriefKit

/// The analysis as `brief` did it before it read records by position: the
/// same rules, written plainly over copies of the records (`ReferenceAsOf`'s
/// selection), every lookup through the dataset's by-id tables, every order
/// by comparing `Array(utf8)`s. What `BriefAnalyzer` must produce, field for
/// field.
struct ReferenceAnalysis {
    let selection: ReferenceAsOf.Selection
    let dataset: Dataset
    let day: Day
    let definition: BriefDefinition
    /// The events known on the day and not withdrawn, whatever their states.
    let knownEvents: [String: Event]

    init(_ reference: ReferenceAsOf, definition: BriefDefinition) {
        selection = reference.selection(for: definition)
        knownEvents = Dictionary(reference.events.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        dataset = reference.dataset
        day = reference.date
        self.definition = definition
    }

    func brief() -> Brief {
        let recent = recentEvents()
        let timeline = selection.events
            .filter { dataset.vocabularyByType[$0.record.type]?.milestone == true }
            .map(eventItem)
        let (keyQuotes, reported) = rankedQuotes()
        let commitments = commitmentLists()
        let bilateral = selection.events.filter { $0.scope == .bilateral }
            .map { (date: $0.record.date.extent, weight: dataset.vocabularyByType[$0.record.type]?.weight) }
        let trend = TrendAnalysis(events: bilateral, day: day).trend()
        let withdrawn = withdrawnItems()
        var brief = Brief(
            schemaVersion: Brief.currentSchemaVersion,
            brief: definition.id,
            title: definition.title,
            asOf: day.iso,
            asOfDisplay: day.display,
            parties: definition.parties.map(\.id),
            related: definition.related.map(\.id),
            audience: definition.audience,
            note: definition.note,
            window: definition.window,
            bluf: "",
            recent: recent,
            timeline: timeline,
            topics: topicCounts(),
            thirdParties: selection.thirdParties.map { ThirdParty(id: $0.state, name: name(of: $0.state), records: $0.records) },
            trend: trend,
            keyQuotes: keyQuotes,
            reportedStatements: reported,
            commitments: commitments,
            withdrawn: withdrawn,
            sources: [],
            actors: []
        )
        brief.sources = citedSources(in: brief)
        brief.actors = namedActors(in: brief)
        brief.bluf = BottomLine(brief: brief, latest: latestDevelopment(), partyNames: definition.parties.map { name(of: $0.id) }).text
        return brief
    }

    // MARK: - Events

    /// Events overlapping the window's days ending on the brief's date, newest
    /// first; an event spanning more than 31 days is never recent.
    func recentEvents() -> [EventItem] {
        let first = day.adding(days: -(definition.window - 1))
        return selection.events
            .filter { event in
                guard let span = event.record.date.spanDays, span <= 31 else { return false }
                return event.record.date.overlaps(from: first, through: day)
            }
            .sorted(by: Self.newestFirst)
            .map(eventItem)
    }

    /// Newest first by first day; on the same day the narrower date first,
    /// then bilateral before context, then id.
    static func newestFirst(_ a: Scoped<Event>, _ b: Scoped<Event>) -> Bool {
        let x = a.record.date, y = b.record.date
        if x.sortStart != y.sortStart { return x.sortStart > y.sortStart }
        if x.sortEnd != y.sortEnd { return x.sortEnd < y.sortEnd }
        if a.scope != b.scope { return a.scope == .bilateral }
        return Array(a.record.id.utf8).lexicographicallyPrecedes(Array(b.record.id.utf8))
    }

    /// The newest bilateral event that has begun by the brief's date (the
    /// newest context event only when there is no bilateral one): the bottom
    /// line is about the dyad.
    func latestDevelopment() -> EventItem? {
        // The first of the begun events in `newestFirst` order, found in one
        // pass by index rather than by sorting copies of them all; on a tie the
        // earlier event stays, as a stable sort would keep it.
        let events = selection.events
        var newest: Int?, newestBilateral: Int?
        for index in events.indices where events[index].record.date.sortStart <= day {
            if newest.map({ Self.newestFirst(events[index], events[$0]) }) ?? true { newest = index }
            if events[index].scope == .bilateral, newestBilateral.map({ Self.newestFirst(events[index], events[$0]) }) ?? true {
                newestBilateral = index
            }
        }
        return (newestBilateral ?? newest).map { eventItem(events[$0]) }
    }

    func eventItem(_ scoped: Scoped<Event>) -> EventItem {
        let event = scoped.record
        let entry = dataset.vocabularyByType[event.type]
        return EventItem(
            id: event.id, date: event.date.text, dateDisplay: event.date.display, type: event.type,
            typeLabel: entry?.label ?? event.type, weight: entry?.weight, milestone: entry?.milestone ?? false,
            title: event.title, summary: event.summary, location: event.location, venue: event.venue,
            participants: event.participants.map(\.id), scope: scoped.scope, topics: event.topics,
            sources: citations(event.sources))
    }

    // MARK: - Quotes

    /// Key quotes (direct) and reported statements (indirect), each the first
    /// N by: priority, the speaker's level that day, date (newest first),
    /// bilateral before context, id.
    func rankedQuotes() -> (key: [QuoteItem], reported: [QuoteItem]) {
        // Sorted by index (stable, like sorting the quotes themselves): the
        // large quote records are not moved at every comparison.
        let quotes = selection.quotes
        let levels = quotes.map { dataset.level(of: $0.record.speaker.id, on: $0.record.date) }
        let ranked = quotes.indices.sorted { a, b in
            let x = quotes[a].record, y = quotes[b].record
            if x.priority != y.priority { return x.priority == .key }
            if levels[a] != levels[b] { return levels[a] < levels[b] }
            if x.date.sortStart != y.date.sortStart { return x.date.sortStart > y.date.sortStart }
            if x.date.sortEnd != y.date.sortEnd { return x.date.sortEnd > y.date.sortEnd }
            if quotes[a].scope != quotes[b].scope { return quotes[a].scope == .bilateral }
            return Array(x.id.utf8).lexicographicallyPrecedes(Array(y.id.utf8))
        }
        let direct = ranked.filter { quotes[$0].record.form == .direct }.prefix(definition.quotes)
        let indirect = ranked.filter { quotes[$0].record.form == .indirect }.prefix(definition.quotes)
        return (direct.map { quoteItem(quotes[$0], level: levels[$0]) }, indirect.map { quoteItem(quotes[$0], level: levels[$0]) })
    }

    func quoteItem(_ scoped: Scoped<Quote>, level: Level) -> QuoteItem {
        let quote = scoped.record
        let role = dataset.role(of: quote.speaker.id, on: quote.date)
        let current = dataset.role(of: quote.speaker.id, on: EDTFDate(day: day))
        // Its event only as the dataset knew it on the day: not before, not once withdrawn.
        let event = quote.event.flatMap { knownEvents[$0.id] }
        return QuoteItem(
            id: quote.id, speaker: quote.speaker.id, speakerName: name(of: quote.speaker.id), role: role?.title,
            formerRole: role != nil && role != current, level: level, date: quote.date.text,
            dateDisplay: quote.date.display, text: quote.text, form: quote.form, priority: quote.priority,
            language: quote.language, translated: quote.translated, event: quote.event?.id, eventTitle: event?.title,
            venue: event?.venue ?? event?.location, scope: scoped.scope, sources: citations(quote.sources))
    }

    // MARK: - Commitments

    func commitmentLists() -> CommitmentLists {
        let commitments = selection.commitments
        let items = commitments.indices
            .sorted { a, b in
                if commitments[a].record.overdue != commitments[b].record.overdue { return commitments[a].record.overdue }
                let x = commitments[a].record.commitment, y = commitments[b].record.commitment
                return Self.precedes(x.made, x.id, y.made, y.id)
            }
            .map { commitmentItem(commitments[$0]) }
        return CommitmentLists(
            outstanding: items.filter { $0.status.standing == .outstanding },
            unknown: items.filter { $0.status.standing == .unknown },
            closed: items.filter { $0.status.standing == .closed },
            overdueCount: items.filter(\.overdue).count)
    }

    func commitmentItem(_ scoped: Scoped<CommitmentState>) -> CommitmentItem {
        let state = scoped.record
        let commitment = state.commitment
        let history = state.updates.map { update in
            UpdateItem(id: update.id, date: update.date.text, dateDisplay: update.date.display, status: update.status,
                       note: update.note, evidence: update.evidence?.id, sources: citations(update.sources))
        }
        return CommitmentItem(
            id: commitment.id, kind: commitment.kind, by: commitment.by.map(\.id), byNames: commitment.by.map { name(of: $0.id) },
            to: commitment.to.map(\.id), toNames: commitment.to.map { name(of: $0.id) }, text: commitment.text,
            made: commitment.made.text, madeDisplay: commitment.made.display, due: commitment.due?.text,
            dueDisplay: commitment.due?.display, quantity: commitment.quantity, status: state.status, overdue: state.overdue,
            ageDays: state.ageDays, event: commitment.event?.id, lastUpdate: history.last, history: history,
            scope: scoped.scope, sources: citations(commitment.sources))
    }

    // MARK: - Summary parts

    /// Topics of every item in the brief, most frequent first, then by name.
    func topicCounts() -> [TopicCount] {
        var counts: [String: Int] = [:]
        for event in selection.events { for topic in Set(event.record.topics) { counts[topic, default: 0] += 1 } }
        for quote in selection.quotes { for topic in Set(quote.record.topics) { counts[topic, default: 0] += 1 } }
        for commitment in selection.commitments { for topic in Set(commitment.record.commitment.topics) { counts[topic, default: 0] += 1 } }
        return counts.map { TopicCount(topic: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : Array($0.topic.utf8).lexicographicallyPrecedes(Array($1.topic.utf8)) }
    }

    func withdrawnItems() -> [WithdrawnItem] {
        selection.withdrawn.map { withdrawal in
            let title: String
            switch withdrawal.kind {
            case .event: title = dataset.eventsByID[withdrawal.id]?.title ?? withdrawal.id
            case .quote: title = dataset.quotesByID[withdrawal.id].map { "\(name(of: $0.speaker.id)): \($0.text)" } ?? withdrawal.id
            case .commitment: title = dataset.commitmentsByID[withdrawal.id]?.text ?? withdrawal.id
            case .update:
                // Its commitment's words only if the commitment was known on the day, withdrawn or not.
                let update = dataset.updatesByID[withdrawal.id]
                title = update.map { update in
                    let commitment = dataset.commitmentsByID[update.commitment.id]
                    let known = commitment.flatMap { dataset.knownFrom($0.sources, recorded: $0.recorded) }.map { $0 <= day } ?? false
                    return "\(update.status.rawValue): \(known ? commitment!.text : update.commitment.id)"
                } ?? withdrawal.id
            case .actor, .source: title = withdrawal.id
            }
            let retraction = withdrawal.retraction
            return WithdrawnItem(kind: withdrawal.kind, id: withdrawal.id, title: title, retracted: retraction.date.text,
                                 retractedDisplay: retraction.date.display, note: retraction.note,
                                 sources: citations(dataset.citable(retraction.sources, on: day)))
        }
    }

    // MARK: - Sources and names

    func citations(_ list: [Citation]) -> [CitationItem] {
        list.map { citation in
            let source = dataset.sourcesByID[citation.source.id]
            let credibility = (citation.credibility ?? source?.credibility)?.grade
            return CitationItem(source: citation.source.id, locator: citation.locator, credibility: credibility,
                                grade: Self.grade(source?.reliability, credibility))
        }
    }

    static func grade(_ reliability: Reliability?, _ credibility: Int?) -> String {
        (reliability?.rawValue ?? "–") + (credibility.map(String.init) ?? "–")
    }

    /// Every source any item of the brief cites, oldest publication first.
    func citedSources(in brief: Brief) -> [SourceItem] {
        var ids = Set<String>()
        let lists: [[CitationItem]] = brief.recent.map(\.sources) + brief.timeline.map(\.sources)
            + brief.keyQuotes.map(\.sources) + brief.reportedStatements.map(\.sources)
            + (brief.commitments.outstanding + brief.commitments.unknown + brief.commitments.closed)
                .flatMap { [$0.sources] + $0.history.map(\.sources) }
            + brief.withdrawn.map(\.sources)
        for list in lists { for citation in list { ids.insert(citation.source) } }
        return ids.compactMap { dataset.sourcesByID[$0] }
            .sorted { Self.precedes($0.published, $0.id, $1.published, $1.id) }
            .map { source in
                SourceItem(id: source.id, title: source.title, publisher: source.publisher, published: source.published.text,
                           publishedDisplay: source.published.display, url: source.url, kind: source.kind,
                           reliability: source.reliability?.rawValue, credibility: source.credibility?.grade,
                           grade: Self.grade(source.reliability, source.credibility?.grade), note: source.note)
            }
    }

    func namedActors(in brief: Brief) -> [ActorItem] {
        var ids = Set(brief.parties + brief.related + brief.thirdParties.map(\.id))
        for event in brief.recent + brief.timeline { ids.formUnion(event.participants) }
        for quote in brief.keyQuotes + brief.reportedStatements { ids.insert(quote.speaker) }
        for item in brief.commitments.outstanding + brief.commitments.unknown + brief.commitments.closed {
            ids.formUnion(item.by)
            ids.formUnion(item.to)
        }
        return ids.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.compactMap { id in
            dataset.actorsByID[id].map { ActorItem(id: $0.id, name: $0.name, kind: $0.kind, code: $0.code) }
        }
    }

    func name(of id: String) -> String { dataset.actorsByID[id]?.name ?? id }

    /// DATASET.md's order of dates, then ids, as `Chronology` had it.
    static func precedes(_ a: EDTFDate, _ aID: String, _ b: EDTFDate, _ bID: String) -> Bool {
        if a.sortStart != b.sortStart { return a.sortStart < b.sortStart }
        if a.sortEnd != b.sortEnd { return a.sortEnd < b.sortEnd }
        return Array(aID.utf8).lexicographicallyPrecedes(Array(bID.utf8))
    }
}
