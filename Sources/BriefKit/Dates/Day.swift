import Foundation

/// A calendar day, proleptic Gregorian, stored as days since 1970-01-01.
///
/// Days are plain integers underneath so that comparing, subtracting and hashing them is exact
/// and cheap, and so that no time zone or clock time can creep into the dataset's dates.
public struct Day: Sendable, Hashable, Comparable, Strideable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let rawValue: Int

    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// The day `year-month-day`, or nil when no such day exists (`2025-02-30`, month 13).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else {
            return nil
        }
        self.init(rawValue: Day.rawValue(year: year, month: month, day: day))
    }

    /// A day written strictly as `YYYY-MM-DD` (ASCII digits, four-digit year, no whitespace).
    public init?(iso: String) {
        let bytes = Array(iso.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = Day.decimal(bytes[0..<4]),
              let month = Day.decimal(bytes[5..<7]),
              let day = Day.decimal(bytes[8..<10])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    // MARK: Components

    /// Year, month and day at once (each property alone recomputes them).
    public var components: (year: Int, month: Int, day: Int) {
        Day.civil(fromRawValue: rawValue)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    /// `2025-04-11`: the year zero-padded to four digits (a sign before years below zero).
    public var iso: String {
        let (y, m, d) = components
        let year = y < 0 ? "-" + Day.padded(-y, width: 4) : Day.padded(y, width: 4)
        return "\(year)-\(Day.padded(m, width: 2))-\(Day.padded(d, width: 2))"
    }

    public var description: String { iso }

    /// `11 April 2025`: fixed English, never locale-dependent.
    public var display: String {
        let (y, m, d) = components
        return "\(d) \(Day.monthName(m)) \(y)"
    }

    // MARK: Arithmetic

    public func adding(days: Int) -> Day {
        Day(rawValue: rawValue + days)
    }

    /// The number of days from `b` to `a` (`a - b`), so a day minus the day before it is 1.
    public static func - (a: Day, b: Day) -> Int {
        a.rawValue - b.rawValue
    }

    public static func < (a: Day, b: Day) -> Bool {
        a.rawValue < b.rawValue
    }

    public func distance(to other: Day) -> Int {
        other.rawValue - rawValue
    }

    public func advanced(by n: Int) -> Day {
        adding(days: n)
    }

    // MARK: Calendar

    /// The day it is at `now` on a wall clock in `zone`.
    public static func today(in zone: TimeZone, now: Date = Date()) -> Day {
        let local = now.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: now))
        return Day(rawValue: Int((local / 86_400).rounded(.down)))
    }

    /// Days in `month` (1–12) of `year`; 0 for a month that does not exist.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: 31
        case 4, 6, 9, 11: 30
        case 2: isLeap(year) ? 29 : 28
        default: 0
        }
    }

    /// Gregorian rule: every fourth year, except centuries not divisible by 400.
    public static func isLeap(_ year: Int) -> Bool {
        year.isMultiple(of: 4) && (!year.isMultiple(of: 100) || year.isMultiple(of: 400))
    }

    /// `April`: the English month name for 1–12 (empty for anything else).
    public static func monthName(_ month: Int) -> String {
        (1...12).contains(month) ? monthNames[month - 1] : ""
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    // MARK: Codable

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a day: expected YYYY-MM-DD")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    // MARK: Internals

    /// Days since 1970-01-01 for any year, month 1–12 and any day (linear in `day`, so day 0 or
    /// 32 land on the neighbouring months). After Howard Hinnant's `days_from_civil`.
    static func rawValue(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `rawValue(year:month:day:)` (Hinnant's `civil_from_days`).
    static func civil(fromRawValue raw: Int) -> (year: Int, month: Int, day: Int) {
        let z = raw + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// The value of a run of ASCII digits, nil if any byte is not one.
    private static func decimal(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
