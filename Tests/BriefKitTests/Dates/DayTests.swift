import Foundation
import Testing
@testable import BriefKit

@Suite("Day")
struct DayTests {
    // MARK: Known values

    @Test("1970-01-01 is day zero")
    func epoch() throws {
        let day = try #require(Day(year: 1970, month: 1, day: 1))
        #expect(day.rawValue == 0)
        #expect(Day(rawValue: 0).iso == "1970-01-01")
        #expect(Day(rawValue: -1).iso == "1969-12-31")
        #expect(Day(rawValue: 1).iso == "1970-01-02")
    }

    @Test(
        "raw values agree with known day counts",
        arguments: [
            ("2000-01-01", 10_957),
            ("2000-03-01", 11_017),
            ("2025-04-11", 20_189),
            ("1900-01-01", -25_567),
            ("2101-01-01", 47_847),
            ("0001-01-01", -719_162),
            ("0000-01-01", -719_528),
            ("9999-12-31", 2_932_896),
        ]
    )
    func knownRawValues(iso: String, rawValue: Int) throws {
        let day = try #require(Day(iso: iso))
        #expect(day.rawValue == rawValue)
        #expect(Day(rawValue: rawValue).iso == iso)
    }

    // MARK: Round trips

    /// Walks the calendar day by day with `daysIn`, independently of the conversion formulas.
    @Test("every day 1900–2100 round-trips year/month/day ↔ rawValue ↔ iso")
    func everyDayRoundTrips() throws {
        var raw = try #require(Day(year: 1900, month: 1, day: 1)).rawValue
        var failures: [String] = []
        for year in 1900...2100 {
            for month in 1...12 {
                for dayOfMonth in 1...Day.daysIn(month: month, year: year) {
                    let built = Day(year: year, month: month, day: dayOfMonth)
                    let back = Day(rawValue: raw)
                    if built?.rawValue != raw
                        || back.year != year || back.month != month || back.day != dayOfMonth
                        || Day(iso: back.iso) != back
                    {
                        failures.append("\(year)-\(month)-\(dayOfMonth) (raw \(raw))")
                    }
                    raw += 1
                }
            }
        }
        #expect(failures.isEmpty)
        #expect(raw == Day(year: 2101, month: 1, day: 1)?.rawValue)
    }

    /// Foundation's Gregorian calendar is an oracle for the modern era (it turns Julian before 1582).
    @Test("agrees with Foundation's Gregorian calendar, 1900–2100")
    func agreesWithFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var mismatches: [Int] = []
        for raw in stride(from: -25_567, to: 47_847, by: 3) {
            let date = Date(timeIntervalSince1970: Double(raw) * 86_400)
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let day = Day(rawValue: raw)
            if parts.year != day.year || parts.month != day.month || parts.day != day.day {
                mismatches.append(raw)
            }
        }
        #expect(mismatches.isEmpty)
    }

    @Test("every year 0000–9999 has 365 or 366 days and joins the next")
    func everyYear() throws {
        var failures: [Int] = []
        for year in 0...9999 {
            guard let first = Day(year: year, month: 1, day: 1),
                  let last = Day(year: year, month: 12, day: 31)
            else {
                failures.append(year)
                continue
            }
            let length = last - first + 1
            if length != (Day.isLeap(year) ? 366 : 365)
                || last.adding(days: 1) != Day(year: year + 1, month: 1, day: 1)
                || first.year != year || first.month != 1 || first.day != 1
                || last.year != year || last.month != 12 || last.day != 31
                || Day(iso: first.iso) != first || Day(iso: last.iso) != last
            {
                failures.append(year)
            }
        }
        #expect(failures.isEmpty)
    }

    // MARK: Leap years and month lengths

    @Test(
        "Gregorian leap years",
        arguments: [
            (2000, true), (1900, false), (2024, true), (2023, false), (2100, false),
            (2400, true), (1600, true), (1700, false), (0, true), (4, true), (1, false),
        ]
    )
    func leapYears(year: Int, isLeap: Bool) {
        #expect(Day.isLeap(year) == isLeap)
        #expect(Day.daysIn(month: 2, year: year) == (isLeap ? 29 : 28))
        #expect((Day(year: year, month: 2, day: 29) != nil) == isLeap)
    }

    @Test(
        "month lengths",
        arguments: [
            (1, 31), (2, 28), (3, 31), (4, 30), (5, 31), (6, 30),
            (7, 31), (8, 31), (9, 30), (10, 31), (11, 30), (12, 31),
        ]
    )
    func monthLengths(month: Int, days: Int) throws {
        #expect(Day.daysIn(month: month, year: 2023) == days)
        #expect(Day.daysIn(month: month, year: 2024) == (month == 2 ? 29 : days))
        let end = try #require(Day(year: 2023, month: month, day: days))
        #expect(end.day == days)
        #expect(end.adding(days: 1).day == 1)
        #expect(Day(year: 2023, month: month, day: days + 1) == nil)
    }

    @Test("months outside 1–12 have no days")
    func impossibleMonths() {
        #expect(Day.daysIn(month: 0, year: 2025) == 0)
        #expect(Day.daysIn(month: 13, year: 2025) == 0)
    }

    @Test(
        "impossible days are nil",
        arguments: [
            (2025, 2, 30), (2023, 2, 29), (1900, 2, 29), (2025, 4, 31), (2025, 6, 31),
            (2025, 9, 31), (2025, 11, 31), (2025, 0, 1), (2025, 13, 1), (2025, 1, 0),
            (2025, 1, 32), (2025, -1, 1), (2025, 1, -1),
        ]
    )
    func impossibleDays(year: Int, month: Int, day: Int) {
        #expect(Day(year: year, month: month, day: day) == nil)
    }

    @Test("29 February exists in 2024 and 2000")
    func leapDays() throws {
        let leap2024 = try #require(Day(year: 2024, month: 2, day: 29))
        #expect(leap2024.iso == "2024-02-29")
        #expect(leap2024.adding(days: 1).iso == "2024-03-01")
        let leap2000 = try #require(Day(year: 2000, month: 2, day: 29))
        #expect(leap2000.iso == "2000-02-29")
    }

    // MARK: ISO text

    @Test(
        "strict ISO parsing accepts YYYY-MM-DD",
        arguments: [
            ("2025-04-11", 2025, 4, 11), ("0000-01-01", 0, 1, 1), ("9999-12-31", 9999, 12, 31),
            ("2024-02-29", 2024, 2, 29), ("0005-03-07", 5, 3, 7),
        ]
    )
    func isoAccepts(text: String, year: Int, month: Int, day: Int) throws {
        let parsed = try #require(Day(iso: text))
        #expect(parsed == Day(year: year, month: month, day: day))
        #expect(parsed.iso == text)
    }

    @Test(
        "strict ISO parsing rejects everything else",
        arguments: [
            "", "2025-04", "2025", "2025-4-11", "2025-04-1", " 2025-04-11", "2025-04-11 ",
            "2025/04/11", "20250411", "2025-04-11T00:00", "2025-02-30", "2023-02-29",
            "2025-13-01", "2025-00-10", "2025-04-00", "+2025-04-11", "-2025-04-11",
            "abcd-ef-gh", "２０２５-04-11", "2025_04_11", "2025-04-11?",
        ]
    )
    func isoRejects(text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test("iso pads the year to four digits and description is iso")
    func isoPadding() throws {
        let early = try #require(Day(year: 5, month: 3, day: 7))
        #expect(early.iso == "0005-03-07")
        #expect(early.description == "0005-03-07")
        let late = try #require(Day(year: 2025, month: 12, day: 1))
        #expect("\(late)" == "2025-12-01")
        #expect(Day(rawValue: -719_529).iso == "-0001-12-31")
        #expect(Day(rawValue: 2_932_897).iso == "10000-01-01")
    }

    // MARK: Arithmetic and order

    @Test(
        "adding days crosses months, years and leap days",
        arguments: [
            ("2024-02-28", 1, "2024-02-29"), ("2024-02-28", 2, "2024-03-01"),
            ("2023-02-28", 1, "2023-03-01"), ("2024-12-31", 1, "2025-01-01"),
            ("2025-01-01", -1, "2024-12-31"), ("2025-04-11", 0, "2025-04-11"),
            ("2025-04-11", 30, "2025-05-11"), ("2025-03-01", -1, "2025-02-28"),
            ("2024-03-01", -1, "2024-02-29"), ("1970-01-01", -365, "1969-01-01"),
            ("2000-01-01", 366, "2001-01-01"), ("1900-01-01", 365, "1901-01-01"),
        ]
    )
    func adding(from: String, days: Int, to: String) throws {
        let start = try #require(Day(iso: from))
        let end = try #require(Day(iso: to))
        #expect(start.adding(days: days) == end)
        #expect(end - start == days)
        #expect(start.advanced(by: days) == end)
        #expect(start.distance(to: end) == days)
    }

    @Test("subtraction counts days between")
    func subtraction() throws {
        let first = try #require(Day(iso: "2025-04-01"))
        let eleventh = try #require(Day(iso: "2025-04-11"))
        #expect(eleventh - first == 10)
        #expect(first - eleventh == -10)
        #expect(first - first == 0)
        let y2024 = try #require(Day(iso: "2024-01-01"))
        let y2025 = try #require(Day(iso: "2025-01-01"))
        #expect(y2025 - y2024 == 366)
    }

    @Test("days order by time and stride as ranges")
    func order() throws {
        let a = try #require(Day(iso: "2024-12-31"))
        let b = try #require(Day(iso: "2025-01-01"))
        #expect(a < b)
        #expect(!(b < a))
        #expect(!(a < a))
        #expect(a <= a)
        #expect([b, a].sorted() == [a, b])
        let week = Array(a...a.adding(days: 6))
        #expect(week.count == 7)
        #expect(week.last?.iso == "2025-01-06")
        #expect((a..<b).count == 1)
    }

    // MARK: Today

    @Test("today depends on the zone: 2025-04-11T22:30Z")
    func todayInZones() throws {
        let now = Date(timeIntervalSince1970: 1_744_410_600)  // 2025-04-11T22:30:00Z
        let baku = try #require(TimeZone(identifier: "Asia/Baku"))
        let utc = try #require(TimeZone(identifier: "UTC"))
        let losAngeles = try #require(TimeZone(identifier: "America/Los_Angeles"))
        #expect(Day.today(in: baku, now: now).iso == "2025-04-12")
        #expect(Day.today(in: utc, now: now).iso == "2025-04-11")
        #expect(Day.today(in: losAngeles, now: now).iso == "2025-04-11")
        let plusFour = try #require(TimeZone(secondsFromGMT: 4 * 3600))
        #expect(Day.today(in: plusFour, now: now).iso == "2025-04-12")
    }

    @Test("today west of Greenwich is still the day before")
    func todayWest() throws {
        let now = Date(timeIntervalSince1970: 1_744_336_800)  // 2025-04-11T02:00:00Z
        let losAngeles = try #require(TimeZone(identifier: "America/Los_Angeles"))
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(Day.today(in: losAngeles, now: now).iso == "2025-04-10")
        #expect(Day.today(in: utc, now: now).iso == "2025-04-11")
    }

    @Test("today at the edges of midnight, and before 1970")
    func todayMidnight() throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        let midnight = Date(timeIntervalSince1970: 1_744_416_000)  // 2025-04-12T00:00:00Z
        #expect(Day.today(in: utc, now: midnight).iso == "2025-04-12")
        #expect(Day.today(in: utc, now: midnight.addingTimeInterval(-1)).iso == "2025-04-11")
        #expect(Day.today(in: utc, now: Date(timeIntervalSince1970: -1)).iso == "1969-12-31")
        #expect(Day.today(in: utc, now: Date(timeIntervalSince1970: 0)).iso == "1970-01-01")
    }

    // MARK: Display and Codable

    @Test("display is fixed English, day unpadded")
    func display() throws {
        #expect(try #require(Day(iso: "2025-04-11")).display == "11 April 2025")
        #expect(try #require(Day(iso: "2025-01-01")).display == "1 January 2025")
        #expect(try #require(Day(iso: "2024-12-31")).display == "31 December 2024")
    }

    @Test(
        "month names",
        arguments: zip(1...12, [
            "January", "February", "March", "April", "May", "June",
            "July", "August", "September", "October", "November", "December",
        ])
    )
    func monthNames(month: Int, name: String) {
        #expect(Day.monthName(month) == name)
    }

    @Test("Codable is a single YYYY-MM-DD string")
    func codable() throws {
        let days = [try #require(Day(iso: "2025-04-11")), try #require(Day(iso: "0005-03-07"))]
        let data = try JSONEncoder().encode(days)
        #expect(String(decoding: data, as: UTF8.self) == #"["2025-04-11","0005-03-07"]"#)
        #expect(try JSONDecoder().decode([Day].self, from: data) == days)
    }

    @Test(
        "decoding rejects anything but a valid YYYY-MM-DD string",
        arguments: [#"["2025-02-30"]"#, #"["2025-4-1"]"#, #"["2025"]"#, "[20250411]", "[null]"]
    )
    func decodingRejects(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Day].self, from: Data(json.utf8))
        }
    }
}
