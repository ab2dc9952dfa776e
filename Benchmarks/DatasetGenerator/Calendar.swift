/// Proleptic Gregorian days as integers (days since 1970-01-01), after Howard
/// Hinnant's `days_from_civil` / `civil_from_days`. No Foundation calendar, so
/// the output cannot depend on the machine's time zone or locale.
enum CivilCalendar {
    static func day(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(_ number: Int) -> (year: Int, month: Int, day: Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
    }

    /// `2025-04-11`
    static func dayText(_ number: Int) -> String {
        let (y, m, d) = civil(number)
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }

    /// `2025-04`
    static func monthText(_ number: Int) -> String {
        let (y, m, _) = civil(number)
        return pad(y, 4) + "-" + pad(m, 2)
    }

    /// `2025`
    static func yearText(_ number: Int) -> String {
        pad(civil(number).year, 4)
    }

    /// The first day of the month holding `number`.
    static func monthStart(_ number: Int) -> Int {
        let (y, m, _) = civil(number)
        return day(y, m, 1)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
