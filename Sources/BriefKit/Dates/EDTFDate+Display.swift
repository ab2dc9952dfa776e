// MARK: Display in briefs

/// Fixed English, at the date's own precision: a brief never shows a day it does not know.
extension EDTFPoint {
    /// `11 April 2025`, `April 2025`, `2025`; `c. 2010` (~), `2012 (uncertain)` (?),
    /// `c. 2012 (uncertain)` (%).
    public var display: String {
        qualified(plain)
    }

    /// The point without its qualifier.
    private var plain: String {
        guard let month else { return "\(year)" }
        let name = Day.monthName(month)
        guard let day else { return "\(name) \(year)" }
        return "\(day) \(name) \(year)"
    }

    private func qualified(_ text: String) -> String {
        switch qualifier {
        case nil: text
        case .approximate: "c. \(text)"
        case .uncertain: "\(text) (uncertain)"
        case .both: "c. \(text) (uncertain)"
        }
    }
}

extension EDTFDate {
    /// The date as a brief prints it: `11 April 2025`, `1–10 April 2025`,
    /// `28 April – 2 May 2025`, `2012 – 2014`, `April – June 2025`, `on or before 11 April 2025`.
    public var display: String {
        switch form {
        case .point(let point):
            return point.display
        case .interval(nil, let end?):
            return "on or before \(end.display)"
        case .interval(let start?, nil):
            return "on or after \(start.display)"
        case .interval(let start?, let end?):
            return Self.display(from: start, to: end)
        case .interval(nil, nil):
            return text
        }
    }

    /// A closed interval, shortened only where both ends are unqualified and of one precision.
    private static func display(from start: EDTFPoint, to end: EDTFPoint) -> String {
        if start == end { return start.display }
        let full = "\(start.display) – \(end.display)"
        guard start.qualifier == nil, end.qualifier == nil, start.precision == end.precision,
              start.year == end.year
        else { return full }
        switch start.precision {
        case .year:
            return full
        case .month:
            return "\(Day.monthName(start.month ?? 0)) – \(Day.monthName(end.month ?? 0)) \(end.year)"
        case .day:
            let startDay = start.day ?? 0
            let endDay = end.day ?? 0
            let endMonth = Day.monthName(end.month ?? 0)
            if start.month == end.month {
                return "\(startDay)–\(endDay) \(endMonth) \(end.year)"
            }
            return "\(startDay) \(Day.monthName(start.month ?? 0)) – \(endDay) \(endMonth) \(end.year)"
        }
    }
}
