/// Turns what belongs to a brief on a date into the Brief model: the
/// bilateral summary, the key quotes, the commitments and the sources. Knows
/// nothing of formats.
///
/// Records are read where the dataset holds them, by position, and only the
/// fields an item shows are copied out: a brief of a large dataset ranks
/// thousands of records to show a handful.
/// A selected event as the analysis reads it: its position in the dataset's
/// events, its scope, its type's place in the vocabulary, its date's days.
typealias SelectedEvent = (position: Int, scope: Scope, type: Int?, extent: DateExtent)

public struct BriefAnalyzer {
    let selection: BriefSelection
    let dataset: Dataset
    let day: Day
    let definition: BriefDefinition
    let view: AsOfView
    /// The events that belong, in the view's order: their positions in the
    /// dataset's events, their scopes, their types' places in the vocabulary,
    /// and the days their dates cover. Read from each record once: the passes
    /// that filter and order the events read this array, not the records.
    let events: [SelectedEvent]
    /// The quotes that belong, in the view's order.
    let quotes: [(position: Int, scope: Scope)]
    /// The commitments that belong, in the view's order: their places in the
    /// view's commitments and their positions in the dataset's.
    let commitments: [(place: Int, position: Int, scope: Scope)]
    let lookups: AnalysisLookups

    public init(selection: BriefSelection) {
        self.selection = selection
        view = selection.view
        dataset = view.dataset
        day = view.date
        definition = selection.definition
        lookups = AnalysisLookups(dataset: dataset)
        let (view, dataset, lookups) = (view, dataset, lookups)
        events = selection.eventPlaces.map { selected in
            let position = view.events.position(at: Int(selected.place))
            return (position, selected.scope, lookups.vocabularyPosition(dataset.events[position].type),
                    dataset.events[position].date.extent)
        }
        quotes = selection.quotePlaces.map { (view.quotes.position(at: Int($0.place)), $0.scope) }
        commitments = selection.commitmentPlaces.map { selected in
            let place = Int(selected.place)
            return (place, view.commitments.records.position(at: place), selected.scope)
        }
    }

    /// The brief for `definition` as of `day`.
    public static func brief(for definition: BriefDefinition, in dataset: Dataset, on day: Day) -> Brief {
        brief(for: definition, in: AsOfView(dataset: dataset, on: day))
    }

    /// The brief for `definition` from a view already made: one view serves
    /// every brief of the day.
    public static func brief(for definition: BriefDefinition, in view: AsOfView) -> Brief {
        BriefAnalyzer(selection: BriefSelection(view: view, definition: definition)).brief()
    }

    /// The brief for `definition`, and the quotes its two quote lists were
    /// ranked from: what `BriefDiff` needs to tell a quote outranked from one
    /// that is no longer there to rank.
    public static func briefAndQuotePools(for definition: BriefDefinition, in view: AsOfView) -> (brief: Brief, pools: QuotePools) {
        let analyzer = BriefAnalyzer(selection: BriefSelection(view: view, definition: definition))
        return (analyzer.brief(), analyzer.quotePools())
    }

    /// The same, with what the brief read on its day (`DayReadSet`), for the run state.
    public static func briefQuotePoolsAndReadSet(for definition: BriefDefinition, in view: AsOfView)
        -> (brief: Brief, pools: QuotePools, read: DayReadSet) {
        let selection = BriefSelection(view: view, definition: definition)
        let analyzer = BriefAnalyzer(selection: selection)
        return (analyzer.brief(), analyzer.quotePools(), DayReadSet(selection))
    }

    /// The ids of the quotes that belong to the brief on its date, direct
    /// ones (ranked for the key quotes) apart from reported ones.
    public func quotePools() -> QuotePools {
        var pools = QuotePools(key: [], reported: [])
        let all = dataset.quotes
        for selected in quotes {
            // Two fields read in place: binding the quote copied all of its fields.
            if all[selected.position].form == .direct {
                pools.key.insert(all[selected.position].id)
            } else {
                pools.reported.insert(all[selected.position].id)
            }
        }
        return pools
    }

    public func brief() -> Brief {
        let recent = recentEvents()
        let timeline = events.indices
            .filter { events[$0].type.map { dataset.vocabulary[$0].milestone } == true }
            .map(eventItem)
        let (keyQuotes, reported) = rankedQuotes()
        let commitments = commitmentLists()
        let bilateral = events.filter { $0.scope == .bilateral }
            .map { (date: $0.extent, weight: $0.type.map { dataset.vocabulary[$0].weight }) }
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
        return events.indices
            .filter { index in
                let date = events[index].extent
                guard let span = date.spanDays, span <= 31 else { return false }
                return date.overlaps(from: first, through: day)
            }
            // Stable, as sorting the events themselves was.
            .sorted { [all = dataset.events, events] a, b in Self.newestFirst(a, b, events: events, in: all) ?? (a < b) }
            .map(eventItem)
    }

    /// Newest first by first day; on the same day the narrower date first,
    /// then bilateral before context, then id. Nil for events equal in all.
    func newestFirst(_ a: Int, _ b: Int) -> Bool? {
        Self.newestFirst(a, b, events: events, in: dataset.events)
    }

    /// `newestFirst` of the selected `events`, whose positions are in `all`.
    /// Static, so that a sort's comparisons read two arrays and do not copy the
    /// analyzer (a retain of each of its fields) for each comparison.
    static func newestFirst(_ a: Int, _ b: Int, events: [SelectedEvent], in all: [Event]) -> Bool? {
        let x = events[a].extent, y = events[b].extent
        if x.sortStart != y.sortStart { return x.sortStart > y.sortStart }
        if x.sortEnd != y.sortEnd { return x.sortEnd < y.sortEnd }
        if events[a].scope != events[b].scope { return events[a].scope == .bilateral }
        let order = all[events[a].position].id.utf8Order(all[events[b].position].id)
        return order == 0 ? nil : order < 0
    }

    /// The newest bilateral event that has begun by the brief's date (the
    /// newest context event only when there is no bilateral one): the bottom
    /// line is about the dyad.
    func latestDevelopment() -> EventItem? {
        // The first of the begun events in `newestFirst` order, found in one
        // pass; on a tie the earlier event stays, as a stable sort would keep it.
        var newest: Int?, newestBilateral: Int?
        for index in events.indices where events[index].extent.sortStart <= day {
            if newest.map({ newestFirst(index, $0) == true }) ?? true { newest = index }
            if events[index].scope == .bilateral, newestBilateral.map({ newestFirst(index, $0) == true }) ?? true {
                newestBilateral = index
            }
        }
        return (newestBilateral ?? newest).map(eventItem)
    }

    /// The item of the selected event at `index`.
    func eventItem(_ index: Int) -> EventItem {
        let (position, scope, type, _) = events[index]
        let event = dataset.events[position]
        let entry = type.map { dataset.vocabulary[$0] }
        return EventItem(
            id: event.id, date: event.date.text, dateDisplay: lookups.display(event.date), type: event.type,
            typeLabel: entry?.label ?? event.type, weight: entry?.weight, milestone: entry?.milestone ?? false,
            title: event.title, summary: event.summary, location: event.location, venue: event.venue,
            participants: event.participants.map(\.id), scope: scope, topics: event.topics,
            sources: citations(event.sources))
    }

    // MARK: - Quotes

    /// Key quotes (direct) and reported statements (indirect), each the first
    /// N by: priority, the speaker's level that day, date (newest first),
    /// bilateral before context, id.
    func rankedQuotes() -> (key: [QuoteItem], reported: [QuoteItem]) {
        struct Rank {
            var key: Bool
            var level: Int
            var start: Int
            var end: Int
            var bilateral: Bool
            var index: Int
            /// The quote's position in the dataset, for the last tie-break by id.
            var position: Int
        }
        var direct: [Rank] = [], indirect: [Rank] = []
        var levels: [Level] = []
        levels.reserveCapacity(quotes.count)
        let all = dataset.quotes
        for (index, selected) in quotes.enumerated() {
            let date = all[selected.position].date
            let level = view.actorStates.level(ofActorAt: lookups.actor(all[selected.position].speaker.id), on: date)
            levels.append(level)
            let rank = Rank(key: all[selected.position].priority == .key, level: level.rank, start: date.sortStart.rawValue,
                            end: date.sortEnd.rawValue, bilateral: selected.scope == .bilateral, index: index,
                            position: selected.position)
            if all[selected.position].form == .direct { direct.append(rank) } else { indirect.append(rank) }
        }
        // Sorted by keys made once, each list on its own: the lists keep the
        // order of one sort of all the quotes, which ends with the id and, for
        // quotes equal in everything, their order in the view (a stable sort).
        // The comparison reads only `all`: a comparison that reached the
        // analyzer's fields copied the whole analyzer each time.
        func ranked(_ ranks: inout [Rank]) -> [QuoteItem] {
            ranks.sort { [all] x, y in
                if x.key != y.key { return x.key }
                if x.level != y.level { return x.level < y.level }
                if x.start != y.start { return x.start > y.start }
                if x.end != y.end { return x.end > y.end }
                if x.bilateral != y.bilateral { return x.bilateral }
                let order = all[x.position].id.utf8Order(all[y.position].id)
                return order != 0 ? order < 0 : x.index < y.index
            }
            return ranks.prefix(definition.quotes).map { quoteItem($0.index, level: levels[$0.index]) }
        }
        return (ranked(&direct), ranked(&indirect))
    }

    func quoteItem(_ index: Int, level: Level) -> QuoteItem {
        let quote = dataset.quotes[quotes[index].position]
        let role = dataset.role(of: quote.speaker.id, on: quote.date)
        let current = dataset.role(of: quote.speaker.id, on: EDTFDate(day: day))
        // The quote names its event; the event's title and place are shown
        // only if the dataset knew of the event on the day.
        let event = quote.event.flatMap { dataset.eventsByID[$0.id] }.flatMap { view.holds($0) ? $0 : nil }
        return QuoteItem(
            id: quote.id, speaker: quote.speaker.id, speakerName: name(of: quote.speaker.id), role: role?.title,
            formerRole: role != nil && role != current, level: level, date: quote.date.text,
            dateDisplay: quote.date.display, text: quote.text, form: quote.form, priority: quote.priority,
            language: quote.language, translated: quote.translated, event: quote.event?.id, eventTitle: event?.title,
            venue: event?.venue ?? event?.location, scope: quotes[index].scope, sources: citations(quote.sources))
    }

    // MARK: - Commitments

    /// Outstanding, of unknown status and closed, each overdue first, then
    /// by the date made. Each item is made once, in the list it belongs to.
    func commitmentLists() -> CommitmentLists {
        let facts = view.commitments.facts
        // The comparison reads local arrays only, not the analyzer's fields
        // (which copied the whole analyzer for each comparison).
        let ordered = commitments.indices
            .sorted { [commitments, all = dataset.commitments] a, b in
                let x = commitments[a], y = commitments[b]
                if facts[x.place].overdue != facts[y.place].overdue { return facts[x.place].overdue }
                let made = all[x.position].made, other = all[y.position].made
                if made.sortStart != other.sortStart { return made.sortStart < other.sortStart }
                if made.sortEnd != other.sortEnd { return made.sortEnd < other.sortEnd }
                let order = all[x.position].id.utf8Order(all[y.position].id)
                return order != 0 ? order < 0 : a < b
            }
        func items(_ standing: CommitmentStatus.Standing) -> [CommitmentItem] {
            ordered.filter { facts[commitments[$0].place].status.standing == standing }.map(commitmentItem)
        }
        return CommitmentLists(
            outstanding: items(.outstanding),
            unknown: items(.unknown),
            closed: items(.closed),
            overdueCount: commitments.count { facts[$0.place].overdue })
    }

    func commitmentItem(_ index: Int) -> CommitmentItem {
        let (place, position, scope) = commitments[index]
        let commitment = dataset.commitments[position]
        let facts = view.commitments.facts[place]
        let updates = view.commitments.updates
        let history = view.commitments.updates(of: place).map { updatePlace in
            let update = dataset.updates[updates.position(at: Int(updatePlace))]
            return UpdateItem(id: update.id, date: update.date.text, dateDisplay: lookups.display(update.date), status: update.status,
                              note: update.note, evidence: update.evidence?.id, sources: citations(update.sources))
        }
        return CommitmentItem(
            id: commitment.id, kind: commitment.kind, by: commitment.by.map(\.id), byNames: commitment.by.map { name(of: $0.id) },
            to: commitment.to.map(\.id), toNames: commitment.to.map { name(of: $0.id) }, text: commitment.text,
            made: commitment.made.text, madeDisplay: lookups.display(commitment.made), due: commitment.due?.text,
            dueDisplay: commitment.due.map(lookups.display), quantity: commitment.quantity, status: facts.status, overdue: facts.overdue,
            ageDays: facts.ageDays, event: commitment.event?.id, lastUpdate: history.last, history: history,
            scope: scope, sources: citations(commitment.sources))
    }

    // MARK: - Summary parts

    /// Topics of every item in the brief, most frequent first, then by name.
    func topicCounts() -> [TopicCount] {
        // Counted by place in `topics`, found by the string that holds each
        // topic rather than by hashing its text: a brief counts the topics of
        // every one of its records, and there are only a few distinct ones.
        var places = ResolvedIDs<Int>(capacity: 64)
        var topics: [TopicCount] = []
        func count(_ list: [String]) {
            // Each topic once per record, however often the record lists it.
            for index in list.indices where !list[..<index].contains(list[index]) {
                let place = places.value(of: list[index]) { _ in topics.count }
                if place == topics.count { topics.append(TopicCount(topic: list[index], count: 0)) }
                topics[place].count += 1
            }
        }
        for event in events { count(dataset.events[event.position].topics) }
        for quote in quotes { count(dataset.quotes[quote.position].topics) }
        for commitment in commitments { count(dataset.commitments[commitment.position].topics) }
        // Two strings that spell a topic alike count as one, as in a dictionary of topics.
        var merged: [String: Int] = [:]
        for topic in topics { merged[topic.topic, default: 0] += topic.count }
        return merged.map { TopicCount(topic: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.topic.utf8Precedes($1.topic) }
    }

    func withdrawnItems() -> [WithdrawnItem] {
        selection.withdrawn.map { withdrawal in
            let title: String
            switch withdrawal.kind {
            case .event: title = dataset.eventsByID[withdrawal.id]?.title ?? withdrawal.id
            case .quote: title = dataset.quotesByID[withdrawal.id].map { "\(name(of: $0.speaker.id)): \($0.text)" } ?? withdrawal.id
            case .commitment: title = dataset.commitmentsByID[withdrawal.id]?.text ?? withdrawal.id
            case .update:
                // Its commitment's words only if the dataset knew of the commitment on the day.
                let update = dataset.updatesByID[withdrawal.id]
                title = update.map { update in
                    let commitment = dataset.commitmentsByID[update.commitment.id].flatMap { view.knows($0) ? $0 : nil }
                    return "\(update.status.rawValue): \(commitment?.text ?? update.commitment.id)"
                } ?? withdrawal.id
            case .actor, .source: title = withdrawal.id
            }
            let retraction = withdrawal.retraction
            return WithdrawnItem(kind: withdrawal.kind, id: withdrawal.id, title: title, retracted: retraction.date.text,
                                 retractedDisplay: retraction.date.display, note: retraction.note,
                                 sources: citations(retraction.sources))
        }
    }

    // MARK: - Sources and names

    /// The citations a record or retraction could make on the day: those of
    /// sources published by then (DATASET.md "As-of"), in their order.
    func citations(_ list: [Citation]) -> [CitationItem] {
        var items: [CitationItem] = []
        items.reserveCapacity(list.count)
        for citation in list {
            guard let position = lookups.source(citation.source.id),
                  view.knowledge.knownDay(ofSourceAt: position) <= day.rawValue else { continue }
            let credibility = (citation.credibility ?? dataset.sources[position].credibility)?.grade
            items.append(CitationItem(source: citation.source.id, locator: citation.locator, credibility: credibility,
                                      grade: Self.grade(dataset.sources[position].reliability, credibility)))
        }
        return items
    }

    static func grade(_ reliability: Reliability?, _ credibility: Int?) -> String {
        (reliability?.rawValue ?? "–") + (credibility.map(String.init) ?? "–")
    }

    /// Every source any item of the brief cites, oldest publication first.
    func citedSources(in brief: Brief) -> [SourceItem] {
        var positions = Set<Int>()
        func add(_ list: [CitationItem]) {
            for citation in list {
                if let position = lookups.source(citation.source) { positions.insert(position) }
            }
        }
        for item in brief.recent { add(item.sources) }
        for item in brief.timeline { add(item.sources) }
        for item in brief.keyQuotes { add(item.sources) }
        for item in brief.reportedStatements { add(item.sources) }
        // List by list: joining the lists would copy every item.
        for list in [brief.commitments.outstanding, brief.commitments.unknown, brief.commitments.closed] {
            for index in list.indices {
                add(list[index].sources)
                for update in list[index].history.indices { add(list[index].history[update].sources) }
            }
        }
        for item in brief.withdrawn { add(item.sources) }
        let sources = dataset.sources
        let keys = positions.map { (start: sources[$0].published.sortStart, end: sources[$0].published.sortEnd, position: $0) }
        return keys
            .sorted { x, y in
                if x.start != y.start { return x.start < y.start }
                if x.end != y.end { return x.end < y.end }
                return sources[x.position].id.utf8Precedes(sources[y.position].id)
            }
            .map { key in
                let source = sources[key.position]
                return SourceItem(id: source.id, title: source.title, publisher: source.publisher, published: source.published.text,
                                  publishedDisplay: lookups.display(source.published), url: source.url, kind: source.kind,
                                  reliability: source.reliability?.rawValue, credibility: source.credibility?.grade,
                                  grade: Self.grade(source.reliability, source.credibility?.grade), note: source.note)
            }
    }

    func namedActors(in brief: Brief) -> [ActorItem] {
        var ids = Set(brief.parties + brief.related + brief.thirdParties.map(\.id))
        for event in brief.recent { ids.formUnion(event.participants) }
        for event in brief.timeline { ids.formUnion(event.participants) }
        for quote in brief.keyQuotes { ids.insert(quote.speaker) }
        for quote in brief.reportedStatements { ids.insert(quote.speaker) }
        for list in [brief.commitments.outstanding, brief.commitments.unknown, brief.commitments.closed] {
            for index in list.indices {
                ids.formUnion(list[index].by)
                ids.formUnion(list[index].to)
            }
        }
        return ids.sorted { $0.utf8Precedes($1) }.compactMap { id in
            lookups.actor(id).map { position in
                let actor = dataset.actors[position]
                return ActorItem(id: actor.id, name: actor.name, kind: actor.kind, code: actor.code)
            }
        }
    }

    func name(of id: String) -> String {
        lookups.actor(id).map { dataset.actors[$0].name } ?? id
    }
}
