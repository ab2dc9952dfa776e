/// The one-paragraph bottom line up front: the relationship's direction, the
/// latest development, and the count of outstanding and overdue commitments.
struct BottomLine {
    let brief: Brief
    let latest: EventItem?
    let partyNames: [String]

    var text: String {
        let dyad = partyNames.joined(separator: "–")
        var sentences: [String] = []
        let trend = brief.trend
        let window = "the twelve months to \(brief.asOfDisplay)"
        switch trend.direction {
        case .quiet:
            sentences.append("No bilateral \(dyad) event is recorded in \(window).")
        case .improving, .deteriorating, .steady:
            sentences.append("\(dyad) relations are \(trend.direction.rawValue): bilateral events in \(window) score "
                + "\(Self.signed(trend.recentScore)) on the cooperation–conflict scale, against \(Self.signed(trend.previousScore)) in the twelve months before.")
        }
        if let latest {
            sentences.append("Latest development (\(latest.dateDisplay)): \(Self.sentence(latest.title))")
        }
        let lists = brief.commitments
        var counts = "\(Self.count(lists.outstanding.count, "commitment")) outstanding"
        let overdue = lists.outstanding.filter(\.overdue).count
        counts += overdue == 0 ? " (none overdue)" : " (\(overdue) overdue)"
        if !lists.unknown.isEmpty {
            let unknownOverdue = lists.unknown.filter(\.overdue).count
            counts += "; \(lists.unknown.count) of unknown status" + (unknownOverdue > 0 ? " (\(unknownOverdue) overdue)" : "")
        }
        sentences.append(counts + ".")
        return sentences.joined(separator: " ")
    }

    /// "+3.5", "-4", "0": at most two decimals, no locale.
    static func signed(_ value: Double) -> String {
        let cents = Int((abs(value) * 100).rounded())
        guard cents != 0 else { return "0" }
        var text = String(cents / 100)
        if cents % 100 != 0 {
            var decimals = String(cents % 100)
            if decimals.count == 1 { decimals = "0" + decimals }
            if decimals.hasSuffix("0") { decimals.removeLast() }
            text += "." + decimals
        }
        return (value > 0 ? "+" : "-") + text
    }

    static func count(_ n: Int, _ noun: String) -> String {
        n == 1 ? "1 \(noun)" : "\(n) \(noun)s"
    }

    /// Ends a title as a sentence.
    static func sentence(_ title: String) -> String {
        guard let last = title.last else { return title }
        return ".!?".contains(last) ? title : title + "."
    }
}
