import Foundation
import Testing
@testable import BriefKit

/// Parses a date the test knows to be valid.
private func date(_ text: String) throws -> EDTFDate {
    try EDTFDate(parsing: text)
}

/// A day the test knows to be valid.
private func day(_ iso: String) throws -> Day {
    try #require(Day(iso: iso))
}

/// The error parsing `text` throws, or nil if it parses.
private func parseError(_ text: String) -> EDTFError? {
    do {
        _ = try EDTFDate(parsing: text)
        return nil
    } catch {
        return error
    }
}

@Suite("EDTFDate")
struct EDTFDateTests {
    // MARK: Accepted forms and their days

    struct Accepted: Sendable, CustomTestStringConvertible {
        var text: String
        var earliest: String?
        var latest: String?
        var testDescription: String { text }
    }

    @Test(
        "accepted forms cover the right days",
        arguments: [
            Accepted(text: "2025", earliest: "2025-01-01", latest: "2025-12-31"),
            Accepted(text: "1992", earliest: "1992-01-01", latest: "1992-12-31"),
            Accepted(text: "0000", earliest: "0000-01-01", latest: "0000-12-31"),
            Accepted(text: "9999", earliest: "9999-01-01", latest: "9999-12-31"),
            Accepted(text: "2025-04", earliest: "2025-04-01", latest: "2025-04-30"),
            Accepted(text: "2008-05", earliest: "2008-05-01", latest: "2008-05-31"),
            Accepted(text: "2024-02", earliest: "2024-02-01", latest: "2024-02-29"),
            Accepted(text: "2023-02", earliest: "2023-02-01", latest: "2023-02-28"),
            Accepted(text: "1900-02", earliest: "1900-02-01", latest: "1900-02-28"),
            Accepted(text: "2000-02", earliest: "2000-02-01", latest: "2000-02-29"),
            Accepted(text: "2025-04-11", earliest: "2025-04-11", latest: "2025-04-11"),
            Accepted(text: "2024-02-29", earliest: "2024-02-29", latest: "2024-02-29"),
            Accepted(text: "2000-02-29", earliest: "2000-02-29", latest: "2000-02-29"),
            Accepted(text: "2010~", earliest: "2010-01-01", latest: "2010-12-31"),
            Accepted(text: "2012-07~", earliest: "2012-07-01", latest: "2012-07-31"),
            Accepted(text: "2012?", earliest: "2012-01-01", latest: "2012-12-31"),
            Accepted(text: "2012%", earliest: "2012-01-01", latest: "2012-12-31"),
            Accepted(text: "2025-04-11?", earliest: "2025-04-11", latest: "2025-04-11"),
            Accepted(text: "2025-04-01/2025-04-10", earliest: "2025-04-01", latest: "2025-04-10"),
            Accepted(text: "2024-12-30/2025-01-02", earliest: "2024-12-30", latest: "2025-01-02"),
            Accepted(text: "2025-04/2025-04-10", earliest: "2025-04-01", latest: "2025-04-10"),
            Accepted(text: "2025-04-10/2025-04", earliest: "2025-04-10", latest: "2025-04-30"),
            Accepted(text: "2025-04-30/2025-04", earliest: "2025-04-30", latest: "2025-04-30"),
            Accepted(text: "2025-04/2025-04", earliest: "2025-04-01", latest: "2025-04-30"),
            Accepted(text: "2025-04-11/2025-04-11", earliest: "2025-04-11", latest: "2025-04-11"),
            Accepted(text: "2012/2014", earliest: "2012-01-01", latest: "2014-12-31"),
            Accepted(text: "2025/2025-03", earliest: "2025-01-01", latest: "2025-03-31"),
            Accepted(text: "2010~/2012?", earliest: "2010-01-01", latest: "2012-12-31"),
            Accepted(text: "2025-04-01%/2025-04-10~", earliest: "2025-04-01", latest: "2025-04-10"),
            Accepted(text: "../2025-04-11", earliest: nil, latest: "2025-04-11"),
            Accepted(text: "../2025-04", earliest: nil, latest: "2025-04-30"),
            Accepted(text: "../2025", earliest: nil, latest: "2025-12-31"),
            Accepted(text: "../2025-04~", earliest: nil, latest: "2025-04-30"),
            Accepted(text: "2025/..", earliest: "2025-01-01", latest: nil),
            Accepted(text: "2025-04/..", earliest: "2025-04-01", latest: nil),
            Accepted(text: "2025-04-11/..", earliest: "2025-04-11", latest: nil),
        ]
    )
    func accepted(_ example: Accepted) throws {
        let parsed = try date(example.text)
        #expect(parsed.text == example.text)
        #expect(parsed.description == example.text)
        #expect(parsed.earliest?.iso == example.earliest)
        #expect(parsed.latest?.iso == example.latest)
    }

    @Test(
        "every month's last day is its latest day, and the day after it is rejected",
        arguments: [2023, 2024], 1...12
    )
    func monthEnds(year: Int, month: Int) throws {
        let length = [31, Day.isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        let mm = month < 10 ? "0\(month)" : "\(month)"
        let parsedMonth = try date("\(year)-\(mm)")
        #expect(parsedMonth.latest?.day == length)
        #expect(parsedMonth.latest?.month == month)
        #expect(parsedMonth.spanDays == length)
        let lastDay = try date("\(year)-\(mm)-\(length)")
        #expect(lastDay.isSingleDay)
        #expect(lastDay.latest == parsedMonth.latest)
        let tooFar = "\(year)-\(mm)-\(length + 1)"
        let error = try #require(parseError(tooFar))
        #expect(error.message == "'\(tooFar)' is not a valid date: \(Day.monthName(month)) \(year) has \(length) days")
        #expect(error.offset == 8)
    }

    @Test("leap days: 2024 and 2000 have 29 February, 2023 and 1900 do not")
    func leapDays() throws {
        #expect(try date("2024-02-29").latest?.iso == "2024-02-29")
        #expect(try date("2000-02-29").latest?.iso == "2000-02-29")
        #expect(parseError("2023-02-29")?.message == "'2023-02-29' is not a valid date: February 2023 has 28 days")
        #expect(parseError("1900-02-29")?.message == "'1900-02-29' is not a valid date: February 1900 has 28 days")
    }

    // MARK: Structure

    @Test("points carry year, month, day, qualifier and precision")
    func pointStructure() throws {
        #expect(try date("2012-07~").form == .point(EDTFPoint(year: 2012, month: 7, qualifier: .approximate)))
        #expect(try date("2012?").form == .point(EDTFPoint(year: 2012, qualifier: .uncertain)))
        #expect(try date("2012%").form == .point(EDTFPoint(year: 2012, qualifier: .both)))
        #expect(try date("2025-04-11").form == .point(EDTFPoint(year: 2025, month: 4, day: 11)))
        #expect(EDTFPoint(year: 2025).precision == .year)
        #expect(EDTFPoint(year: 2025, month: 4).precision == .month)
        #expect(EDTFPoint(year: 2025, month: 4, day: 11).precision == .day)
    }

    @Test("intervals carry both ends, nil where open")
    func intervalStructure() throws {
        #expect(try date("../2025-04-11").form == .interval(start: nil, end: EDTFPoint(year: 2025, month: 4, day: 11)))
        #expect(try date("2025/..").form == .interval(start: EDTFPoint(year: 2025), end: nil))
        #expect(
            try date("2010~/2012-05?").form
                == .interval(
                    start: EDTFPoint(year: 2010, qualifier: .approximate),
                    end: EDTFPoint(year: 2012, month: 5, qualifier: .uncertain)))
    }

    @Test("point text is canonical and zero-padded; first and last clamp hand-built points")
    func pointText() throws {
        #expect(EDTFPoint(year: 5).text == "0005")
        #expect(EDTFPoint(year: 2025, month: 4, day: 1, qualifier: .both).text == "2025-04-01%")
        #expect(EDTFPoint(year: 2025, month: 2, day: 30).last == (try day("2025-02-28")))
        #expect(EDTFPoint(year: 2025, month: 13).first == (try day("2025-12-01")))
        #expect(EDTFPoint(day: try day("2025-04-11")) == EDTFPoint(year: 2025, month: 4, day: 11))
    }

    @Test("surrounding whitespace is trimmed")
    func whitespace() throws {
        #expect(try date("  2025-04-11\n").text == "2025-04-11")
        #expect(try date("\t../2025 ").text == "../2025")
        let error = try #require(parseError("  2025-02-30"))
        #expect(error.offset == 10)
        #expect(error.message == "'2025-02-30' is not a valid date: February 2025 has 28 days")
    }

    @Test("init(day:) is the single-day date")
    func fromDay() throws {
        let made = EDTFDate(day: try day("2025-04-11"))
        #expect(made == (try date("2025-04-11")))
        #expect(made.text == "2025-04-11")
        #expect(made.isSingleDay)
        #expect(made.display == "11 April 2025")
    }

    // MARK: Rejected forms

    struct Rejected: Sendable, CustomTestStringConvertible {
        var text: String
        var offset: Int
        var message: String
        var testDescription: String { text.debugDescription }
    }

    @Test(
        "rejected forms say what is wrong and where",
        arguments: [
            Rejected(text: "", offset: 0, message: "empty date: expected YYYY, YYYY-MM or YYYY-MM-DD, as in '2025-04-11'"),
            Rejected(text: "   ", offset: 0, message: "empty date: expected YYYY, YYYY-MM or YYYY-MM-DD, as in '2025-04-11'"),
            Rejected(text: "2025-4-1", offset: 5, message: "'2025-4-1': a month has two digits, as in '2025-04'"),
            Rejected(text: "2025-04-1", offset: 8, message: "'2025-04-1': a day has two digits, as in '2025-04-01'"),
            Rejected(text: "2025-004", offset: 5, message: "'2025-004': a month has two digits, 01–12"),
            Rejected(text: "2025-04-011", offset: 8, message: "'2025-04-011': a day has two digits, 01–31"),
            Rejected(text: "25", offset: 0, message: "'25': expected a four-digit year YYYY (write the year in full, as in '2025')"),
            Rejected(text: "992", offset: 0, message: "'992': expected a four-digit year YYYY (write the year in full, as in '2025')"),
            Rejected(text: "2025-13", offset: 5, message: "'2025-13': there is no month 13; expected 01–12"),
            Rejected(text: "2025-00", offset: 5, message: "'2025-00': there is no month 00; expected 01–12"),
            Rejected(text: "2025-20", offset: 5, message: "'2025-20': there is no month 20; expected 01–12"),
            Rejected(text: "2025-42", offset: 5, message: "'2025-42': there is no month 42; expected 01–12"),
            Rejected(text: "2025-02-30", offset: 8, message: "'2025-02-30' is not a valid date: February 2025 has 28 days"),
            Rejected(text: "2025-04-31", offset: 8, message: "'2025-04-31' is not a valid date: April 2025 has 30 days"),
            Rejected(text: "2025-01-32", offset: 8, message: "'2025-01-32' is not a valid date: January 2025 has 31 days"),
            Rejected(text: "2025-04-00", offset: 8, message: "'2025-04-00' is not a valid date: days are numbered from 01"),
            Rejected(text: "2025-04-11T10:00", offset: 10, message: "'2025-04-11T10:00': times are not part of the date grammar; write the day alone, as in '2025-04-11'"),
            Rejected(text: "2025-04-11T10:00:00Z", offset: 10, message: "'2025-04-11T10:00:00Z': times are not part of the date grammar; write the day alone, as in '2025-04-11'"),
            Rejected(text: "2025-04-11 10:00:00", offset: 10, message: "'2025-04-11 10:00:00': times are not part of the date grammar; write the day alone, as in '2025-04-11'"),
            Rejected(text: "2025-21", offset: 5, message: "'2025-21': seasons are not supported (21 is not a month); write the months, as in '2025-03/2025-05'"),
            Rejected(text: "2025-24", offset: 5, message: "'2025-24': seasons are not supported (24 is not a month); write the months, as in '2025-03/2025-05'"),
            Rejected(text: "2025-41", offset: 5, message: "'2025-41': seasons are not supported (41 is not a month); write the months, as in '2025-03/2025-05'"),
            Rejected(text: "201X", offset: 3, message: "'201X': unspecified digits ('X') are not supported; write the known precision or an interval, as in '2025' or '2010/2019'"),
            Rejected(text: "20XX", offset: 2, message: "'20XX': unspecified digits ('X') are not supported; write the known precision or an interval, as in '2025' or '2010/2019'"),
            Rejected(text: "2025-XX", offset: 5, message: "'2025-XX': unspecified digits ('X') are not supported; write the known precision or an interval, as in '2025' or '2010/2019'"),
            Rejected(text: "2025-04-1X", offset: 9, message: "'2025-04-1X': unspecified digits ('X') are not supported; write the known precision or an interval, as in '2025' or '2010/2019'"),
            Rejected(text: "-0500", offset: 0, message: "'-0500': only years 0000–9999 are supported"),
            Rejected(text: "Y12345", offset: 0, message: "'Y12345': only years 0000–9999 are supported"),
            Rejected(text: "Y-12345", offset: 0, message: "'Y-12345': only years 0000–9999 are supported"),
            Rejected(text: "+2025", offset: 0, message: "'+2025': only years 0000–9999 are supported"),
            Rejected(text: "12345", offset: 0, message: "'12345': only years 0000–9999 are supported"),
            Rejected(text: "20250411", offset: 0, message: "'20250411': write a day with hyphens, as in '2025-04-11'"),
            Rejected(text: "202504", offset: 0, message: "'202504': write a month with a hyphen, as in '2025-04'"),
            Rejected(text: "199212~", offset: 0, message: "'199212~': write a month with a hyphen, as in '1992-12'"),
            Rejected(text: "19920229", offset: 0, message: "'19920229': write a day with hyphens, as in '1992-02-29'"),
            Rejected(text: "123456", offset: 0, message: "'123456': only years 0000–9999 are supported"),
            Rejected(text: "20250230", offset: 0, message: "'20250230': only years 0000–9999 are supported"),
            Rejected(text: "/2025", offset: 0, message: "'/2025': the interval has no start; an open start is written '..', as in '../2025'"),
            Rejected(text: "2025/", offset: 4, message: "'2025/': the interval has no end; an open end is written '..', as in '2025/..'"),
            Rejected(text: "/", offset: 0, message: "'/': the interval has no start; an open start is written '..', as in '../'"),
            Rejected(text: "../..", offset: 0, message: "'../..': an interval needs at least one known end"),
            Rejected(text: "..", offset: 0, message: "'..' alone is not a date: an open interval is written '../2025-04-11' (on or before) or '2025-04-11/..' (on or after)"),
            Rejected(text: "2025??", offset: 5, message: "'2025??': a date takes one qualifier: '?' (uncertain), '~' (approximate) or '%' (both)"),
            Rejected(text: "2025?~", offset: 5, message: "'2025?~': a date takes one qualifier: '?' (uncertain), '~' (approximate) or '%' (both)"),
            Rejected(text: "2025-04-11~%", offset: 11, message: "'2025-04-11~%': a date takes one qualifier: '?' (uncertain), '~' (approximate) or '%' (both)"),
            Rejected(text: "2025?-04", offset: 4, message: "'2025?-04': a qualifier goes at the end of the date, as in '2025-04?'"),
            Rejected(text: "2025-04~-11", offset: 7, message: "'2025-04~-11': a qualifier goes at the end of the date, as in '2025-04-11~'"),
            Rejected(text: "2025?-04~", offset: 4, message: "'2025?-04~': a qualifier goes at the end of the date"),
            Rejected(text: "2025-?04", offset: 5, message: "'2025-?04': a qualifier goes at the end of the date, after the day or month it qualifies"),
            Rejected(text: "2025-04-?11", offset: 8, message: "'2025-04-?11': a qualifier goes at the end of the date, after the day or month it qualifies"),
            Rejected(text: "?2025", offset: 0, message: "'?2025': a qualifier goes at the end of the date, as in '2025?'"),
            Rejected(text: "[2025,2026]", offset: 0, message: "'[2025,2026]': sets of dates are not supported; write one date, or an interval such as '2025/2026'"),
            Rejected(text: "{2025..2026}", offset: 0, message: "'{2025..2026}': sets of dates are not supported; write one date, or an interval such as '2025/2026'"),
            Rejected(text: "2025,2026", offset: 4, message: "'2025,2026': lists of dates are not supported; write one date, or an interval such as '2025/2026'"),
            Rejected(text: "2025-05/2025-04", offset: 8, message: "'2025-05/2025-04': interval ends before it starts (30 April 2025 is before 1 May 2025)"),
            Rejected(text: "2025-04-10/2025-04-01", offset: 11, message: "'2025-04-10/2025-04-01': interval ends before it starts (1 April 2025 is before 10 April 2025)"),
            Rejected(text: "2026/2025", offset: 5, message: "'2026/2025': interval ends before it starts (31 December 2025 is before 1 January 2026)"),
            Rejected(text: "2025/2026/2027", offset: 9, message: "'2025/2026/2027': an interval has one '/', between its start and its end"),
            Rejected(text: "2025/2025-02-30", offset: 13, message: "'2025-02-30' is not a valid date: February 2025 has 28 days"),
            Rejected(text: "2025-13/2026", offset: 5, message: "'2025-13': there is no month 13; expected 01–12"),
            Rejected(text: "April 2025", offset: 0, message: "'April 2025' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"),
            Rejected(text: "2025–2026", offset: 4, message: "'2025–2026': unexpected '–' after '2025'; expected '-MM', a qualifier ('?', '~' or '%') or the end of the date; an interval is written with '/', as in '2025/2026'"),
            Rejected(text: "2025-04-01 / 2025-04-10", offset: 10, message: "'2025-04-01 ': unexpected ' ' after '2025-04-01'; expected a qualifier ('?', '~' or '%') or the end of the date; a date has no spaces inside it"),
            Rejected(text: "2025-04-11x", offset: 10, message: "'2025-04-11x': unexpected 'x' after '2025-04-11'; expected a qualifier ('?', '~' or '%') or the end of the date"),
            Rejected(text: "2025-04-11-", offset: 10, message: "'2025-04-11-': unexpected '-' after '2025-04-11'; expected a qualifier ('?', '~' or '%') or the end of the date"),
            Rejected(text: "2025-04Z", offset: 7, message: "'2025-04Z': unexpected 'Z' after '2025-04'; expected '-DD', a qualifier ('?', '~' or '%') or the end of the date"),
            Rejected(text: "2025?x", offset: 5, message: "'2025?x': unexpected 'x' after '2025?'; expected nothing after the qualifier"),
            Rejected(text: "2025-", offset: 5, message: "'2025-': expected a two-digit month MM after '-'"),
            Rejected(text: "2025-04-", offset: 8, message: "'2025-04-': expected a two-digit day DD after '-'"),
            Rejected(text: "２０２５", offset: 0, message: "'２０２５' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ]
    )
    func rejected(_ example: Rejected) throws {
        let error = try #require(parseError(example.text))
        #expect(error.message == example.message)
        #expect(error.offset == example.offset)
        #expect(error.description == example.message)
    }

    // MARK: Sorting and judging

    @Test(
        "sort keys: first day then last day; open starts sort at their last day",
        arguments: [
            ("2025", "2025-01-01", "2025-12-31"),
            ("2025-04", "2025-04-01", "2025-04-30"),
            ("2025-04-11", "2025-04-11", "2025-04-11"),
            ("2025-04-01/2025-04-10", "2025-04-01", "2025-04-10"),
            ("../2025-04-11", "2025-04-11", "2025-04-11"),
            ("../2025-04", "2025-04-30", "2025-04-30"),
            ("2025/..", "2025-01-01", "2025-01-01"),
            ("2025-04-11/..", "2025-04-11", "2025-04-11"),
        ]
    )
    func sortKeys(text: String, start: String, end: String) throws {
        let parsed = try date(text)
        #expect(parsed.sortStart.iso == start)
        #expect(parsed.sortEnd.iso == end)
    }

    @Test(
        "extent: the first and last day covered, nil at an open end",
        arguments: [
            ("2025", "2025-01-01", "2025-12-31"), ("2025-04-11", "2025-04-11", "2025-04-11"),
            ("2025-04-01/2025-04-10", "2025-04-01", "2025-04-10"), ("../2025-04", nil, "2025-04-30"),
            ("2025/..", "2025-01-01", nil), ("2024-12-30/2025-02", "2024-12-30", "2025-02-28"),
        ] as [(String, String?, String?)]
    )
    func extent(text: String, first: String?, last: String?) throws {
        let extent = try date(text).extent
        #expect(extent.earliest?.iso == first)
        #expect(extent.latest?.iso == last)
    }

    @Test("sortsBefore orders by first day, then last day")
    func sortsBefore() throws {
        let expected = [
            "2024/..", "2025", "2025-04-01/2025-04-10", "2025-04", "../2025-04-11",
            "2025-04-11/2025-04-12", "../2025-04-30", "2025-05",
        ]
        let dates = try expected.map(date)
        #expect(dates.reversed().sorted(by: EDTFDate.sortsBefore).map(\.text) == expected)
        #expect(dates.shuffled().sorted(by: EDTFDate.sortsBefore).map(\.text) == expected)
    }

    @Test("equal sort keys are left to the caller's tie-break")
    func sortTies() throws {
        let open = try date("../2025-04-11")
        let single = try date("2025-04-11")
        #expect(!EDTFDate.sortsBefore(open, single))
        #expect(!EDTFDate.sortsBefore(single, open))
        #expect(!EDTFDate.sortsBefore(single, single))
        #expect(EDTFDate.sortsBefore(single, try date("2025-04-11/2025-04-12")))
        #expect(!EDTFDate.sortsBefore(try date("2025-04-11/2025-04-12"), single))
    }

    @Test(
        "referenceDay is the last day, or the first where the end is open",
        arguments: [
            ("2025-04", "2025-04-30"), ("2025-04-11", "2025-04-11"), ("2025", "2025-12-31"),
            ("2010/2012", "2012-12-31"), ("2025/..", "2025-01-01"), ("2025-04-11/..", "2025-04-11"),
            ("../2025-04-11", "2025-04-11"), ("../2025-04", "2025-04-30"),
        ]
    )
    func referenceDay(text: String, expected: String) throws {
        #expect(try date(text).referenceDay.iso == expected)
    }

    @Test(
        "knownFrom is the last day, never with an open end",
        arguments: [
            ("2025-04", "2025-04-30"), ("2025-04-11", "2025-04-11"), ("2025", "2025-12-31"),
            ("2024-02", "2024-02-29"), ("../2025-04", "2025-04-30"), ("2025/..", nil),
            ("2025-04-01/2025-04-10", "2025-04-10"),
        ] as [(String, String?)]
    )
    func knownFrom(text: String, expected: String?) throws {
        #expect(try date(text).knownFrom?.iso == expected)
    }

    @Test(
        "overlaps a range of days, open ends unbounded",
        arguments: [
            ("2025-04", "2025-04-30", "2025-05-05", true),
            ("2025-04", "2025-03-31", "2025-04-01", true),
            ("2025-04", "2025-05-01", "2025-05-31", false),
            ("2025-04", "2025-03-01", "2025-03-31", false),
            ("2025-04", "2025-04-10", "2025-04-10", true),
            ("2025-04", "2025-01-01", "2025-12-31", true),
            ("2025-04-11", "2025-04-11", "2025-04-11", true),
            ("2025-04-11", "2025-04-12", "2025-04-20", false),
            ("2025-04-11", "2025-04-01", "2025-04-10", false),
            ("2025/..", "2030-01-01", "2030-01-01", true),
            ("2025/..", "2024-12-31", "2024-12-31", false),
            ("2025/..", "2024-12-31", "2025-01-01", true),
            ("../2025-04-11", "1900-01-01", "1900-01-01", true),
            ("../2025-04-11", "2025-04-11", "2025-04-20", true),
            ("../2025-04-11", "2025-04-12", "2025-04-20", false),
            ("2025-04-01/2025-04-10", "2025-04-10", "2025-04-12", true),
            ("2025-04-01/2025-04-10", "2025-04-11", "2025-04-12", false),
            ("2025/..", "2030-01-02", "2030-01-01", false),  // an empty range overlaps nothing
        ]
    )
    func overlaps(text: String, from: String, through: String, expected: Bool) throws {
        #expect(try date(text).overlaps(from: day(from), through: day(through)) == expected)
    }

    @Test(
        "spanDays and isSingleDay",
        arguments: [
            ("2025-04-11", 1, true), ("2025-04-11/2025-04-11", 1, true), ("2025-04", 30, false),
            ("2024-02", 29, false), ("2023-02", 28, false), ("2024", 366, false), ("2025", 365, false),
            ("2025-04-01/2025-04-10", 10, false), ("2024-12-30/2025-01-02", 4, false),
            ("2025-04-11/2025-04-12", 2, false), ("../2025-04-11", nil, false), ("2025/..", nil, false),
        ] as [(String, Int?, Bool)]
    )
    func span(text: String, days: Int?, single: Bool) throws {
        let parsed = try date(text)
        #expect(parsed.spanDays == days)
        #expect(parsed.isSingleDay == single)
        #expect(parsed.isOpen == (days == nil))
    }

    // MARK: Display

    @Test(
        "display at the date's own precision",
        arguments: [
            ("2025-04-11", "11 April 2025"),
            ("2025-04-01", "1 April 2025"),
            ("2025-04", "April 2025"),
            ("2025", "2025"),
            ("2010~", "c. 2010"),
            ("2012-07~", "c. July 2012"),
            ("2025-04-11~", "c. 11 April 2025"),
            ("2012?", "2012 (uncertain)"),
            ("2012-07?", "July 2012 (uncertain)"),
            ("2012%", "c. 2012 (uncertain)"),
            ("2025-04-11%", "c. 11 April 2025 (uncertain)"),
            ("2025-04-01/2025-04-10", "1–10 April 2025"),
            ("2025-04-28/2025-05-02", "28 April – 2 May 2025"),
            ("2024-12-30/2025-01-02", "30 December 2024 – 2 January 2025"),
            ("2025-04-11/2025-04-11", "11 April 2025"),
            ("2012/2014", "2012 – 2014"),
            ("2012/2012", "2012"),
            ("2025-04/2025-06", "April – June 2025"),
            ("2024-11/2025-02", "November 2024 – February 2025"),
            ("2025-04/2025-04", "April 2025"),
            ("2025-04/2025-05-10", "April 2025 – 10 May 2025"),
            ("2025-04-10/2025-04", "10 April 2025 – April 2025"),
            ("2012/2014-06", "2012 – June 2014"),
            ("2010~/2012?", "c. 2010 – 2012 (uncertain)"),
            ("2025-04-01~/2025-04-10", "c. 1 April 2025 – 10 April 2025"),
            ("2025-04~/2025-06", "c. April 2025 – June 2025"),
            ("2012~/2012~", "c. 2012"),
            ("2012/2014~", "2012 – c. 2014"),
            ("2025-04-01/2025-04-10~", "1 April 2025 – c. 10 April 2025"),
            ("2025-04/2025-06?", "April 2025 – June 2025 (uncertain)"),
            ("2012?/2012", "2012 (uncertain) – 2012"),
            ("../2025-04-11", "on or before 11 April 2025"),
            ("../2025-04~", "on or before c. April 2025"),
            ("../2025?", "on or before 2025 (uncertain)"),
            ("2025/..", "on or after 2025"),
            ("2025-04-11/..", "on or after 11 April 2025"),
            ("2010%/..", "on or after c. 2010 (uncertain)"),
        ]
    )
    func display(text: String, expected: String) throws {
        #expect(try date(text).display == expected)
    }

    // MARK: Codable

    struct Record: Codable, Equatable {
        var id: String
        var date: EDTFDate
    }

    @Test("Codable is the canonical text, and round-trips")
    func codable() throws {
        let dates = try ["2025-04-11", "2012-07~", "../2025-04-11", "2010~/2012?", "2025/.."].map(date)
        let data = try JSONEncoder().encode(dates)
        #expect(
            String(decoding: data, as: UTF8.self)
                == #"["2025-04-11","2012-07~","..\/2025-04-11","2010~\/2012?","2025\/.."]"#
                || String(decoding: data, as: UTF8.self)
                == #"["2025-04-11","2012-07~","../2025-04-11","2010~/2012?","2025/.."]"#)
        #expect(try JSONDecoder().decode([EDTFDate].self, from: data) == dates)

        let record = Record(id: "e1", date: try date("2025-04"))
        let decoded = try JSONDecoder().decode(Record.self, from: JSONEncoder().encode(record))
        #expect(decoded == record)
        #expect(decoded.date.latest?.iso == "2025-04-30")
    }

    @Test("decoding canonicalises surrounding whitespace")
    func decodingTrims() throws {
        let decoded = try JSONDecoder().decode([EDTFDate].self, from: Data(#"[" 2025-04 "]"#.utf8))
        #expect(decoded.map(\.text) == ["2025-04"])
    }

    @Test(
        "decoding fails on bad text with the parser's message",
        arguments: [
            (#"["2025-02-30"]"#, "'2025-02-30' is not a valid date: February 2025 has 28 days"),
            (#"["2025-05/2025-04"]"#, "'2025-05/2025-04': interval ends before it starts (30 April 2025 is before 1 May 2025)"),
            (#"[""]"#, "empty date: expected YYYY, YYYY-MM or YYYY-MM-DD, as in '2025-04-11'"),
        ]
    )
    func decodingFails(json: String, message: String) {
        do {
            _ = try JSONDecoder().decode([EDTFDate].self, from: Data(json.utf8))
            Issue.record("decoded \(json)")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.debugDescription == message)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("decoding a number fails")
    func decodingNumber() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([EDTFDate].self, from: Data("[1992]".utf8))
        }
    }
}
