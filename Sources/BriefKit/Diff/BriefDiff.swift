import Foundation

/// Compares two Brief models of the same brief. Changes are what was learned
/// or changed between the dates; what only moves with the calendar (an event
/// ageing out of the recent window, a commitment a day older) is not a change.
public struct BriefDiff {
    public let old: Brief
    public let new: Brief

    /// Two snapshots that cannot be compared.
    public struct Mismatch: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { "error: " + message }
    }

    public init(old: Brief, new: Brief) throws(Mismatch) {
        for brief in [old, new] where brief.schemaVersion != Brief.currentSchemaVersion {
            throw Mismatch(message: "snapshot of '\(brief.brief)' as of \(brief.asOf) has model version \(brief.schemaVersion); this brief reads version \(Brief.currentSchemaVersion)")
        }
        guard old.brief == new.brief else {
            throw Mismatch(message: "the snapshots are of different briefs: '\(old.brief)' and '\(new.brief)'")
        }
        self.old = old
        self.new = new
    }

    /// What changed. With `pools`, the quotes the new brief's lists were
    /// ranked from, a quote that left a list is said to be outranked only
    /// if it was still there to rank; without them (two snapshots), only if
    /// another quote entered the list.
    public func changes(pools: QuotePools? = nil) -> BriefChanges {
        let oldEvents = Dictionary(old.recent + old.timeline, uniquingKeysWith: { a, _ in a })
        let newEvents = Dictionary(new.recent + new.timeline, uniquingKeysWith: { a, _ in a })
        let oldWithdrawn = Set(old.withdrawn.map(\.id))
        let withdrawn = new.withdrawn.filter { !oldWithdrawn.contains($0.id) }
        let withdrawnIDs = Set(withdrawn.map(\.id))

        let appeared = (new.recent + new.timeline).uniqued(by: \.id).filter { oldEvents[$0.id] == nil }
        let eventsChanged = newEvents.values.sorted { $0.id < $1.id }.compactMap { event -> ItemChange? in
            guard let before = oldEvents[event.id] else { return nil }
            return Self.change(.event, event.id, event.title, before, event, sources: event.sources, ignoring: [])
        }

        let keyQuotes = quoteChanges(old.keyQuotes, new.keyQuotes, withdrawn: withdrawnIDs, pool: pools?.key)
        let reported = quoteChanges(old.reportedStatements, new.reportedStatements, withdrawn: withdrawnIDs, pool: pools?.reported)
        let oldQuotes = Dictionary((old.keyQuotes + old.reportedStatements).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let quotesChanged = (new.keyQuotes + new.reportedStatements).sorted { $0.id < $1.id }.compactMap { quote -> ItemChange? in
            guard let before = oldQuotes[quote.id] else { return nil }
            return Self.change(.quote, quote.id, quote.text, before, quote, sources: quote.sources, ignoring: ["formerRole"])
        }

        let oldCommitments = Dictionary((old.commitments.outstanding + old.commitments.unknown + old.commitments.closed).map { ($0.id, $0) },
                                        uniquingKeysWith: { a, _ in a })
        let newCommitmentList = new.commitments.outstanding + new.commitments.unknown + new.commitments.closed
        var made: [CommitmentItem] = [], statusChanged: [StatusChange] = [], overdue: [CommitmentItem] = [], commitmentsChanged: [ItemChange] = []
        for item in newCommitmentList {
            guard let before = oldCommitments[item.id] else {
                made.append(item)
                continue
            }
            if before.status != item.status {
                let known = Set(before.history.map(\.id))
                statusChanged.append(StatusChange(id: item.id, text: item.text, byNames: item.byNames, from: before.status, to: item.status,
                                                  updates: item.history.filter { !known.contains($0.id) }, overdue: item.overdue,
                                                  sources: item.sources))
            } else if item.overdue && !before.overdue {
                overdue.append(item)
            }
            if let change = Self.change(.commitment, item.id, item.text, Self.comparable(before), Self.comparable(item),
                                        sources: item.sources, ignoring: Self.commitmentFieldsWithChangesOfTheirOwn) {
                commitmentsChanged.append(change)
            }
        }

        let oldSources = Set(old.sources.map(\.id))
        let newSources = new.sources.filter { !oldSources.contains($0.id) }
        let bluf = old.bluf == new.bluf ? nil : TextChange(from: old.bluf, to: new.bluf)
        let trend = old.trend.direction == new.trend.direction && old.trend.recentScore == new.trend.recentScore ? nil
            : TrendChange(directionFrom: old.trend.direction, directionTo: new.trend.direction,
                          recentScoreFrom: old.trend.recentScore, recentScoreTo: new.trend.recentScore)
        let counts = [
            ("outstanding commitments", old.commitments.outstanding.count, new.commitments.outstanding.count),
            ("overdue commitments", old.commitments.overdueCount, new.commitments.overdueCount),
            ("commitments of unknown status", old.commitments.unknown.count, new.commitments.unknown.count),
            ("closed commitments", old.commitments.closed.count, new.commitments.closed.count),
            ("sources", old.sources.count, new.sources.count),
        ].filter { $0.1 != $0.2 }.map { CountChange(name: $0.0, from: $0.1, to: $0.2) }

        var changes = BriefChanges(
            schemaVersion: BriefChanges.currentSchemaVersion, brief: new.brief, title: new.title,
            from: old.asOf, fromDisplay: old.asOfDisplay, to: new.asOf, toDisplay: new.asOfDisplay, summary: "", hasChanges: false,
            events: EventChanges(appeared: appeared, withdrawn: withdrawn.filter { $0.kind == .event }, changed: eventsChanged),
            keyQuotes: keyQuotes, reportedStatements: reported, quotesChanged: quotesChanged,
            commitments: CommitmentChanges(made: made, statusChanged: statusChanged, becameOverdue: overdue,
                                           withdrawn: withdrawn.filter { $0.kind == .commitment || $0.kind == .update },
                                           changed: commitmentsChanged),
            bluf: bluf, trend: trend, counts: counts, newSources: newSources)
        changes.hasChanges = !(appeared.isEmpty && withdrawn.isEmpty && eventsChanged.isEmpty && keyQuotes.entered.isEmpty
            && keyQuotes.left.isEmpty && reported.entered.isEmpty && reported.left.isEmpty && quotesChanged.isEmpty && made.isEmpty
            && statusChanged.isEmpty && overdue.isEmpty && commitmentsChanged.isEmpty && trend == nil && counts.isEmpty && newSources.isEmpty)
        changes.summary = ChangeSummary(changes: changes).text
        return changes
    }

    /// A quote is said to be outranked only when another took a place in the
    /// list and, where the list's pool is known, it was still in the pool:
    /// with none entering, nothing outranked it (a diff back to an earlier
    /// date), and one no longer in the pool (removed from the dataset, no
    /// longer about the pair, no longer of its form) was not outranked even
    /// if another entered. Saying so would tell the analyst something false.
    func quoteChanges(_ before: [QuoteItem], _ after: [QuoteItem], withdrawn: Set<String>, pool: Set<String>?) -> QuoteChanges {
        let beforeIDs = Set(before.map(\.id)), afterIDs = Set(after.map(\.id))
        let entered = after.filter { !beforeIDs.contains($0.id) }
        return QuoteChanges(
            entered: entered,
            left: before.filter { !afterIDs.contains($0.id) }.map { quote in
                let reason: QuoteExit.Reason
                if withdrawn.contains(quote.id) {
                    reason = .withdrawn
                } else if entered.isEmpty || pool.map({ !$0.contains(quote.id) }) == true {
                    reason = .noLongerSelected
                } else {
                    reason = .outranked
                }
                return QuoteExit(quote: quote, reason: reason)
            })
    }

    /// A commitment's fields that `change` leaves out: its status and history
    /// are a status change of their own, being overdue is reported on its
    /// own, and its age moves with the calendar.
    static let commitmentFieldsWithChangesOfTheirOwn: Set<String> = ["status", "overdue", "ageDays", "lastUpdate", "history"]

    /// A commitment with those fields set alike, so that one whose other
    /// fields are as they were is found equal without being made into JSON
    /// (every commitment's age changes every day). `change` leaves the fields
    /// out, so what it finds is the same.
    static func comparable(_ item: CommitmentItem) -> CommitmentItem {
        var item = item
        item.status = .unknown
        item.overdue = false
        item.ageDays = 0
        item.lastUpdate = nil
        item.history = []
        return item
    }

    /// The fields of an item that differ, compared as JSON; display-only
    /// twins of a field (`dateDisplay`) follow their field. An item equal to
    /// what it was (nearly all of them, each morning) has none, and is not
    /// made into JSON to find that out.
    static func change<T: Encodable & Equatable>(_ kind: RecordKind, _ id: String, _ title: String, _ before: T, _ after: T,
                                                 sources: [CitationItem], ignoring: Set<String>) -> ItemChange? {
        guard before != after else { return nil }
        guard case let .object(a) = TemplateContext.jsonValue(before), case let .object(b) = TemplateContext.jsonValue(after) else { return nil }
        var fields: [FieldChange] = []
        for key in Set(a.keys).union(b.keys).sorted() where !ignoring.contains(key) && !key.hasSuffix("Display") {
            let x = a[key] ?? .null, y = b[key] ?? .null
            if x != y { fields.append(FieldChange(field: key, from: x.jsonText, to: y.jsonText)) }
        }
        return fields.isEmpty ? nil : ItemChange(kind: kind, id: id, title: title, fields: fields, sources: sources)
    }
}

extension Dictionary where Key == String, Value == EventItem {
    init(_ events: [EventItem], uniquingKeysWith combine: (EventItem, EventItem) -> EventItem) {
        self.init(events.map { ($0.id, $0) }, uniquingKeysWith: combine)
    }
}

extension Array {
    func uniqued(by key: (Element) -> String) -> [Element] {
        var seen = Set<String>()
        return filter { seen.insert(key($0)).inserted }
    }
}
