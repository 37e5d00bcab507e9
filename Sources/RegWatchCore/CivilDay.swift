import Foundation

/// Calendar days as integers (days since 1970-01-01, UTC), with Howard Hinnant's civil-date algorithms
/// (https://howardhinnant.github.io/date_algorithms.html): exact, allocation-free and clock-free.
public enum CivilDay {
    /// The day number of `date` (UTC).
    @inline(__always)
    public static func dayNumber(_ date: Date) -> Int {
        Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// Monday is 0, Sunday is 6 (1970-01-01 was a Thursday).
    @inline(__always)
    public static func weekday(_ day: Int) -> Int {
        let r = (day + 3) % 7
        return r < 0 ? r + 7 : r
    }

    public static func date(_ day: Int) -> Date { Date(timeIntervalSince1970: Double(day) * 86_400) }

    public static func civil(_ day: Int) -> (year: Int, month: Int, day: Int) {
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// `YYYY-MM-DD`.
    public static func string(_ day: Int) -> String {
        let c = civil(day)
        return "\(c.year)-\(c.month < 10 ? "0" : "")\(c.month)-\(c.day < 10 ? "0" : "")\(c.day)"
    }

    /// Reads `YYYY-MM-DD`; nil for anything else or an impossible date.
    public static func parse(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        let n = days(year: y, month: m, day: d)
        let back = civil(n)
        return back.month == m && back.day == d ? n : nil
    }

    /// `2026-07-03T12:00:00Z`: fixed format, no formatter, so output never depends on locale.
    public static func timestamp(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - day * 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(string(day))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    /// `29 Jun 2026`, for headings.
    public static func short(_ day: Int) -> String {
        let c = civil(day)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(c.day) \(months[c.month - 1]) \(c.year)"
    }
}
