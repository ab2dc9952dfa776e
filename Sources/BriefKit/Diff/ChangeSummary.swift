/// The changes' opening paragraph, in counts.
struct ChangeSummary {
    let changes: BriefChanges

    var text: String {
        let c = changes
        guard c.hasChanges else { return "No change between \(c.fromDisplay) and \(c.toDisplay)." }
        var parts: [String] = []
        func add(_ n: Int, _ singular: String, _ plural: String) {
            if n > 0 { parts.append("\(n) \(n == 1 ? singular : plural)") }
        }
        add(c.events.appeared.count, "new event", "new events")
        add(c.events.withdrawn.count + c.commitments.withdrawn.count, "retraction", "retractions")
        add(c.keyQuotes.entered.count, "quote entered the key quotes", "quotes entered the key quotes")
        add(c.keyQuotes.left.count, "quote left the key quotes", "quotes left the key quotes")
        add(c.reportedStatements.entered.count, "new reported statement", "new reported statements")
        add(c.commitments.made.count, "commitment made", "commitments made")
        add(c.commitments.statusChanged.count, "change of status", "changes of status")
        add(c.commitments.becameOverdue.count, "commitment became overdue", "commitments became overdue")
        add(c.events.changed.count + c.quotesChanged.count + c.commitments.changed.count, "item revised", "items revised")
        add(c.newSources.count, "newly cited source", "newly cited sources")
        var text = "Between \(c.fromDisplay) and \(c.toDisplay): " + (parts.isEmpty ? "the counts moved" : parts.joined(separator: ", ")) + "."
        if let trend = c.trend, trend.directionFrom != trend.directionTo {
            text += " The relationship's direction went from \(trend.directionFrom.rawValue) to \(trend.directionTo.rawValue)."
        }
        return text
    }
}
