/// The cooperation–conflict trend from the vocabulary's Goldstein weights.
///
/// Only bilateral events count: context events are a party's dealings with a
/// third state, not the dyad's relationship. Events whose type is not in the
/// vocabulary have no weight and are left out.
struct TrendAnalysis {
    /// The days each bilateral event's date covers and the weight of its type
    /// (nil: a type not in the vocabulary): all the trend reads, so neither the
    /// (large) event records nor their dates' text are copied to make it.
    let events: [(date: DateExtent, weight: Double?)]
    let day: Day

    /// Months are used when the first weighted event is at most this many
    /// years before the brief's date; years otherwise.
    static let monthlySpanYears = 3
    /// A change of the summed weight smaller than this is "steady".
    static let threshold = 1.0

    func trend() -> Trend {
        let weighted = events.compactMap { event -> (date: DateExtent, weight: Double)? in
            guard event.date.sortStart <= day, let weight = event.weight else { return nil }
            return (event.date, weight)
        }
        let earliest = weighted.map { $0.date.sortStart }.min()
        let granularity: Trend.Granularity
        if let earliest, earliest.year > day.year - Self.monthlySpanYears { granularity = .month } else { granularity = .year }

        var scores: [Int: (score: Double, events: Int)] = [:]
        var unplaced = 0
        for (date, weight) in weighted {
            guard let period = period(of: date, granularity) else {
                unplaced += 1
                continue
            }
            scores[period, default: (0, 0)].score += weight
            scores[period, default: (0, 0)].events += 1
        }
        var points: [TrendPoint] = []
        if let first = scores.keys.min() {
            let last = index(of: day, granularity)
            for period in first...max(first, last) {
                let value = scores[period] ?? (0, 0)
                points.append(TrendPoint(period: key(period, granularity), label: label(period, granularity),
                                         score: Self.rounded(value.score), events: value.events))
            }
        }

        // Direction: the last twelve months against the twelve before, from
        // events dated to within a month.
        let yearAgo = day.adding(days: -365), twoYearsAgo = day.adding(days: -730)
        var recent = 0.0, previous = 0.0, recentCount = 0
        for (date, weight) in weighted {
            guard let span = date.spanDays, span <= 31 else { continue }
            let start = date.sortStart
            if start > yearAgo && start <= day {
                recent += weight
                recentCount += 1
            } else if start > twoYearsAgo && start <= yearAgo {
                previous += weight
            }
        }
        let direction: Trend.Direction
        if recentCount == 0 { direction = .quiet }
        else if recent - previous >= Self.threshold { direction = .improving }
        else if previous - recent >= Self.threshold { direction = .deteriorating }
        else { direction = .steady }
        return Trend(granularity: granularity, points: points, direction: direction, recentScore: Self.rounded(recent),
                     previousScore: Self.rounded(previous), unplaced: unplaced)
    }

    /// The period an event lies wholly within, or nil when its date spans more than one.
    func period(of date: DateExtent, _ granularity: Trend.Granularity) -> Int? {
        guard let first = date.earliest, let last = date.latest else { return nil }
        let a = index(of: first, granularity), b = index(of: last, granularity)
        return a == b ? a : nil
    }

    func index(of day: Day, _ granularity: Trend.Granularity) -> Int {
        granularity == .year ? day.year : day.year * 12 + (day.month - 1)
    }

    func key(_ index: Int, _ granularity: Trend.Granularity) -> String {
        switch granularity {
        case .year: return Day.padded(index, width: 4)
        case .month: return Day.padded(index / 12, width: 4) + "-" + Day.padded(index % 12 + 1, width: 2)
        }
    }

    func label(_ index: Int, _ granularity: Trend.Granularity) -> String {
        switch granularity {
        case .year: return String(index)
        case .month: return "\(Day.monthName(index % 12 + 1)) \(index / 12)"
        }
    }

    /// Two decimals, so that sums of weights print and compare the same everywhere.
    static func rounded(_ value: Double) -> Double {
        (value * 100).rounded() / 100
    }
}
