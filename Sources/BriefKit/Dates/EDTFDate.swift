/// How much of a date is known: a year, a month or a day.
public enum DatePrecision: String, Sendable, Hashable, Codable {
    case year, month, day
}

/// EDTF's qualifiers. They are shown in briefs but never change which days a date covers.
public enum DateQualifier: String, Sendable, Hashable, Codable {
    case uncertain = "?"
    case approximate = "~"
    case both = "%"
}

/// One end of an EDTF date: a year, month or day, maybe qualified.
///
/// Stored in 12 bytes rather than 34: every record holds one to four dates,
/// each with up to two points, and a loaded dataset holds millions of them.
/// Years are 0000–9999 and months and days small; a value out of the stored
/// range (which the parser never makes) is clamped.
public struct EDTFPoint: Sendable, Hashable {
    private var storedYear: Int32
    private var storedMonth: Int16?
    private var storedDay: Int16?
    public var qualifier: DateQualifier?

    public var year: Int {
        get { Int(storedYear) }
        set { storedYear = Int32(clamping: newValue) }
    }

    /// 1–12, nil for a year.
    public var month: Int? {
        get { storedMonth.map(Int.init) }
        set { storedMonth = newValue.map { Int16(clamping: $0) } }
    }

    /// Nil for a year or a month; never set without `month`.
    public var day: Int? {
        get { storedDay.map(Int.init) }
        set { storedDay = newValue.map { Int16(clamping: $0) } }
    }

    public init(year: Int, month: Int? = nil, day: Int? = nil, qualifier: DateQualifier? = nil) {
        storedYear = Int32(clamping: year)
        storedMonth = month.map { Int16(clamping: $0) }
        storedDay = day.map { Int16(clamping: $0) }
        self.qualifier = qualifier
    }

    /// The single, unqualified day `day`.
    public init(day: Day) {
        let (y, m, d) = day.components
        self.init(year: y, month: m, day: d)
    }

    public var precision: DatePrecision {
        if month == nil { return .year }
        return day == nil ? .month : .day
    }

    /// The first day it covers: 1 January for a year, the 1st for a month.
    public var first: Day {
        let m = Self.clamped(month ?? 1, to: 1...12)
        let d = Self.clamped(day ?? 1, to: 1...Day.daysIn(month: m, year: year))
        return Day(rawValue: Day.rawValue(year: year, month: m, day: d))
    }

    /// The last day it covers: 31 December for a year, the month's last day for a month.
    public var last: Day {
        let m = Self.clamped(month ?? 12, to: 1...12)
        let monthEnd = Day.daysIn(month: m, year: year)
        let d = Self.clamped(day ?? monthEnd, to: 1...monthEnd)
        return Day(rawValue: Day.rawValue(year: year, month: m, day: d))
    }

    /// Canonical EDTF text: `2025`, `2025-04`, `2025-04-11`, then the qualifier if any.
    public var text: String {
        var text = Day.padded(year, width: 4)
        if let month {
            text += "-" + Day.padded(month, width: 2)
            if let day { text += "-" + Day.padded(day, width: 2) }
        }
        return text + (qualifier?.rawValue ?? "")
    }

    /// Keeps a hand-built point with out-of-range fields from trapping; parsed ones never need it.
    private static func clamped(_ value: Int, to range: ClosedRange<Int>) -> Int {
        min(max(value, range.lowerBound), range.upperBound)
    }
}

/// A date that does not follow the grammar of DATASET.md, with where the problem starts.
public struct EDTFError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Quotes the offending text and says what was expected, e.g.
    /// "'2025-02-30' is not a valid date: February 2025 has 28 days".
    public var message: String
    /// 0-based character offset in the text as given (leading whitespace included) where the
    /// problem starts.
    public var offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { message }
}

/// A date of the dataset: EDTF levels 0/1 subset of DATASET.md, also an interval of days.
public struct EDTFDate: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Form: Sendable, Hashable {
        case point(EDTFPoint)
        /// Nil is an open end (`..`); never both.
        case interval(start: EDTFPoint?, end: EDTFPoint?)
    }

    public let form: Form
    /// Canonical EDTF text, e.g. `2025-04-01/2025-04-10`, `../2025-04-11`.
    public let text: String

    /// Parses the grammar of DATASET.md exactly; leading and trailing whitespace is ignored.
    public init(parsing text: String) throws(EDTFError) {
        self.init(form: try EDTFParser.parse(text))
    }

    /// A single day.
    public init(day: Day) {
        self.init(form: .point(EDTFPoint(day: day)))
    }

    /// A form whose canonical text the caller already holds (a plain day read
    /// as written): the text is not made again.
    init(form: Form, canonicalText: String) {
        self.form = form
        text = canonicalText
    }

    init(form: Form) {
        self.form = form
        switch form {
        case .point(let point):
            text = point.text
        case .interval(let start, let end):
            text = (start?.text ?? "..") + "/" + (end?.text ?? "..")
        }
    }

    // MARK: Days covered

    /// The first day covered; nil for an open start.
    public var earliest: Day? {
        switch form {
        case .point(let point): point.first
        case .interval(let start, _): start?.first
        }
    }

    /// The last day covered; nil for an open end.
    public var latest: Day? {
        switch form {
        case .point(let point): point.last
        case .interval(_, let end): end?.last
        }
    }

    /// The days the date covers, without its text: what sorting and judging
    /// read, in a value that holds no reference (copying it retains nothing).
    public var extent: DateExtent { DateExtent(earliest: earliest, latest: latest) }

    /// True when an open end (`..`) makes the date unbounded on one side.
    public var isOpen: Bool { extent.isOpen }

    /// True when it covers exactly one day (`2025-04-11`, or `2025-04-11/2025-04-11`).
    public var isSingleDay: Bool {
        guard let earliest, let latest else { return false }
        return earliest == latest
    }

    /// The number of days covered, both ends included; nil if open.
    public var spanDays: Int? { extent.spanDays }

    // MARK: Ordering and judging

    /// Sorting per DATASET.md: first day (last day where the start is open), then last day.
    public var sortStart: Day { extent.sortStart }

    /// Last day (first day where the end is open).
    public var sortEnd: Day { extent.sortEnd }

    /// Orders by (sortStart, sortEnd); the caller breaks ties by record id.
    public static func sortsBefore(_ a: EDTFDate, _ b: EDTFDate) -> Bool {
        (a.sortStart, a.sortEnd) < (b.sortStart, b.sortEnd)
    }

    /// The day a role or an age is judged on: the last day, or the first day when the end is open.
    public var referenceDay: Day { extent.sortEnd }

    /// When a source with this publication date is known: its last day (nil: open end, never
    /// surely known).
    public var knownFrom: Day? { latest }

    /// Whether any day covered lies in `from...through`; open ends are unbounded.
    public func overlaps(from: Day, through: Day) -> Bool {
        extent.overlaps(from: from, through: through)
    }

    public var description: String { text }

    // MARK: Codable

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

// MARK: - Parser

/// The grammar of DATASET.md, with an error that says what was wrong and where.
private struct EDTFParser {
    /// The text with leading and trailing whitespace removed.
    let chars: [Character]
    /// How many characters of leading whitespace were removed (added to every offset).
    let lead: Int

    static let example = "YYYY, YYYY-MM or YYYY-MM-DD"

    static func parse(_ text: String) throws(EDTFError) -> EDTFDate.Form {
        let all = Array(text)
        var lo = 0
        var hi = all.count
        while lo < hi, all[lo].isWhitespace { lo += 1 }
        while hi > lo, all[hi - 1].isWhitespace { hi -= 1 }
        let parser = EDTFParser(chars: Array(all[lo..<hi]), lead: lo)
        return try parser.parseDate()
    }

    private func fail(_ message: String, at index: Int) -> EDTFError {
        EDTFError(message: message, offset: lead + index)
    }

    private var whole: String { String(chars) }

    private func parseDate() throws(EDTFError) -> EDTFDate.Form {
        guard let first = chars.first else {
            throw EDTFError(message: "empty date: expected \(Self.example), as in '2025-04-11'", offset: 0)
        }
        if first == "[" || first == "{" {
            throw fail("'\(whole)': sets of dates are not supported; write one date, or an interval such as '2025/2026'", at: 0)
        }
        let slashes = chars.indices.filter { chars[$0] == "/" }
        if slashes.count > 1 {
            throw fail("'\(whole)': an interval has one '/', between its start and its end", at: slashes[1])
        }
        guard let slash = slashes.first else {
            if whole == ".." {
                throw fail("'..' alone is not a date: an open interval is written '../2025-04-11' (on or before) or '2025-04-11/..' (on or after)", at: 0)
            }
            return .point(try parsePoint(chars[...]))
        }
        if slash == 0 {
            throw fail("'\(whole)': the interval has no start; an open start is written '..', as in '..\(whole)'", at: slash)
        }
        if slash == chars.count - 1 {
            throw fail("'\(whole)': the interval has no end; an open end is written '..', as in '\(whole)..'", at: slash)
        }
        let left = chars[..<slash]
        let right = chars[(slash + 1)...]
        let openStart = String(left) == ".."
        let openEnd = String(right) == ".."
        if openStart && openEnd {
            throw fail("'\(whole)': an interval needs at least one known end", at: 0)
        }
        let start = openStart ? nil : try parsePoint(left)
        let end = openEnd ? nil : try parsePoint(right)
        if let start, let end, end.last < start.first {
            throw fail("'\(whole)': interval ends before it starts (\(end.last.display) is before \(start.first.display))", at: slash + 1)
        }
        return .interval(start: start, end: end)
    }

    /// What a point has read so far, for saying what may follow.
    private enum Stage {
        case year, month, day, qualifier

        var expected: String {
            let qualifiers = "a qualifier ('?', '~' or '%')"
            switch self {
            case .year: return "'-MM', \(qualifiers) or the end of the date"
            case .month: return "'-DD', \(qualifiers) or the end of the date"
            case .day: return "\(qualifiers) or the end of the date"
            case .qualifier: return "nothing after the qualifier"
            }
        }
    }

    /// One point, `YYYY[-MM[-DD]][?~%]`; `segment` keeps its indices into `chars`.
    private func parsePoint(_ segment: ArraySlice<Character>) throws(EDTFError) -> EDTFPoint {
        let text = String(segment)
        let end = segment.endIndex
        func at(_ index: Int) -> Character? { index < end ? segment[index] : nil }

        var i = segment.startIndex
        guard let first = at(i) else {
            throw fail("'\(whole)': expected a date, \(Self.example)", at: i)
        }
        if "-+".contains(first) || ("Yy".contains(first) && (at(i + 1).map { $0.isASCII && ($0.isNumber || $0 == "-") } ?? false)) {
            throw fail("'\(text)': only years 0000–9999 are supported", at: i)
        }
        if let qualifier = DateQualifier(rawValue: String(first)) {
            throw fail("'\(text)': a qualifier goes at the end of the date, as in '\(String(segment.dropFirst()))\(qualifier.rawValue)'", at: i)
        }

        // Year
        let yearRun = try digits(from: i, width: 4, in: segment)
        let number = yearRun.value
        if yearRun.count == 8, let compact = Day(year: number / 10_000, month: number / 100 % 100, day: number % 100) {
            throw fail("'\(text)': write a day with hyphens, as in '\(compact.iso)'", at: i)
        }
        if yearRun.count == 6, (1...12).contains(number % 100) {
            let example = "\(Day.padded(number / 100, width: 4))-\(Day.padded(number % 100, width: 2))"
            throw fail("'\(text)': write a month with a hyphen, as in '\(example)'", at: i)
        }
        switch yearRun.count {
        case 0:
            throw fail("'\(text)' is not a date: expected \(Self.example)", at: i)
        case 1...3:
            throw fail("'\(text)': expected a four-digit year YYYY (write the year in full, as in '2025')", at: i)
        case 4:
            break
        default:
            throw fail("'\(text)': only years 0000–9999 are supported", at: i)
        }
        let year = yearRun.value
        var month: Int?
        var day: Int?
        var stage = Stage.year
        i = yearRun.end

        // Month
        if at(i) == "-" {
            let start = i + 1
            try rejectEarlyQualifier(at: start, in: segment)
            let run = try digits(from: start, width: 2, in: segment)
            switch run.count {
            case 0:
                throw fail("'\(text)': expected a two-digit month MM after '-'", at: start)
            case 1:
                throw fail("'\(text)': a month has two digits, as in '\(Day.padded(year, width: 4))-0\(run.value)'", at: start)
            case 2:
                break
            default:
                throw fail("'\(text)': a month has two digits, 01–12", at: start)
            }
            switch run.value {
            case 1...12:
                break
            case 21...41:
                throw fail("'\(text)': seasons are not supported (\(run.value) is not a month); write the months, as in '2025-03/2025-05'", at: start)
            default:
                throw fail("'\(text)': there is no month \(Day.padded(run.value, width: 2)); expected 01–12", at: start)
            }
            let monthNumber = run.value
            month = monthNumber
            stage = .month
            i = run.end

            // Day
            if at(i) == "-" {
                let start = i + 1
                try rejectEarlyQualifier(at: start, in: segment)
                let run = try digits(from: start, width: 2, in: segment)
                switch run.count {
                case 0:
                    throw fail("'\(text)': expected a two-digit day DD after '-'", at: start)
                case 1:
                    let example = "\(Day.padded(year, width: 4))-\(Day.padded(monthNumber, width: 2))-0\(run.value)"
                    throw fail("'\(text)': a day has two digits, as in '\(example)'", at: start)
                case 2:
                    break
                default:
                    throw fail("'\(text)': a day has two digits, 01–31", at: start)
                }
                let length = Day.daysIn(month: monthNumber, year: year)
                if run.value == 0 {
                    throw fail("'\(text)' is not a valid date: days are numbered from 01", at: start)
                }
                if run.value > length {
                    throw fail("'\(text)' is not a valid date: \(Day.monthName(monthNumber)) \(year) has \(length) days", at: start)
                }
                day = run.value
                stage = .day
                i = run.end
            }
        }

        // Times are the most likely thing to follow a day (`2025-04-11T10:00`, a YAML timestamp).
        if let next = at(i), next == "T" || next == "t" || (next.isWhitespace && segment[i...].contains(":")) {
            throw fail("'\(text)': times are not part of the date grammar; write the day alone, as in '\(String(segment[..<i]))'", at: i)
        }

        // Qualifier
        var qualifier: DateQualifier?
        if let next = at(i), let q = DateQualifier(rawValue: String(next)) {
            qualifier = q
            stage = .qualifier
            i += 1
            if let after = at(i), DateQualifier(rawValue: String(after)) != nil {
                throw fail("'\(text)': a date takes one qualifier: '?' (uncertain), '~' (approximate) or '%' (both)", at: i)
            }
            if at(i) == "-" {
                var moved = segment
                moved.remove(at: i - 1)
                let rest = segment[i...]
                let hint = rest.contains { DateQualifier(rawValue: String($0)) != nil } ? "" : ", as in '\(String(moved))\(q.rawValue)'"
                throw fail("'\(text)': a qualifier goes at the end of the date\(hint)", at: i - 1)
            }
        }

        if let next = at(i) {
            if next == "," {
                throw fail("'\(whole)': lists of dates are not supported; write one date, or an interval such as '2025/2026'", at: i)
            }
            let before = String(segment[..<i])
            var message = "'\(text)': unexpected '\(next)' after '\(before)'; expected \(stage.expected)"
            if next.isWhitespace {
                message += "; a date has no spaces inside it"
            } else if next == "–" || next == "—" {
                message += "; an interval is written with '/', as in '2025/2026'"
            }
            throw fail(message, at: i)
        }
        return EDTFPoint(year: year, month: month, day: day, qualifier: qualifier)
    }

    /// `2025-?04`: EDTF level 2 qualifies single parts; this grammar only qualifies the whole.
    private func rejectEarlyQualifier(at index: Int, in segment: ArraySlice<Character>) throws(EDTFError) {
        guard index < segment.endIndex, DateQualifier(rawValue: String(segment[index])) != nil else { return }
        throw fail("'\(String(segment))': a qualifier goes at the end of the date, after the day or month it qualifies", at: index)
    }

    /// A run of ASCII digits from `start`; an unspecified digit (`X`) within the first `width`
    /// places is an error.
    private func digits(
        from start: Int, width: Int, in segment: ArraySlice<Character>
    ) throws(EDTFError) -> (value: Int, count: Int, end: Int) {
        var i = start
        var value = 0
        while i < segment.endIndex {
            let c = segment[i]
            if c == "X" || c == "x", i - start < width {
                throw fail("'\(String(segment))': unspecified digits ('X') are not supported; write the known precision or an interval, as in '2025' or '2010/2019'", at: i)
            }
            guard let digit = c.asciiValue, digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { break }
            value = value &* 10 &+ Int(digit - UInt8(ascii: "0"))
            i += 1
        }
        return (value, i - start, i)
    }
}

/// The first and last day a date covers, nil at an open end (the grammar
/// never leaves both open). `EDTFDate` judges and sorts through it; the
/// analysis keeps one per selected event, so that its passes over the events
/// read a few bytes each rather than the event records themselves.
public struct DateExtent: Sendable, Hashable {
    public let earliest: Day?
    public let latest: Day?

    public init(earliest: Day?, latest: Day?) {
        self.earliest = earliest
        self.latest = latest
    }

    /// True when an open end makes the date unbounded on one side.
    public var isOpen: Bool { earliest == nil || latest == nil }

    /// The number of days covered, both ends included; nil if open.
    public var spanDays: Int? {
        guard let earliest, let latest else { return nil }
        return latest - earliest + 1
    }

    /// The first day; the last where the start is open.
    public var sortStart: Day { earliest ?? latest ?? Day(rawValue: 0) }

    /// The last day; the first where the end is open.
    public var sortEnd: Day { latest ?? earliest ?? Day(rawValue: 0) }

    /// Whether any day covered lies in `from...through`; open ends are unbounded.
    public func overlaps(from: Day, through: Day) -> Bool {
        if let earliest, earliest > through { return false }
        if let latest, latest < from { return false }
        return from <= through
    }
}
