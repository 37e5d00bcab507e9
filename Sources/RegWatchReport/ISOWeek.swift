import Foundation

/// An ISO 8601 week (Monday to Sunday, UTC), such as `2026-W27`.
///
/// Weeks are counted from day numbers (days since 1970-01-01) with integer arithmetic, not `Calendar`, because a
/// trend over a million events asks for the week of every event.
public struct ISOWeek: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The Monday of the week, in days since 1970-01-01 (UTC).
    public let monday: Int
    /// The ISO week-numbering year (the year of the week's Thursday).
    public let year: Int
    /// 1...53.
    public let week: Int

    /// The week that starts on the Monday `monday` (days since 1970-01-01). Any other day is moved back to its Monday.
    public init(monday day: Int) {
        let monday = day - CivilDay.weekday(day)
        self.monday = monday
        let thursday = monday + 3
        let year = CivilDay.civil(thursday).year
        self.year = year
        self.week = (thursday - CivilDay.days(year: year, month: 1, day: 1)) / 7 + 1
    }

    /// The week that contains `date`.
    public init(containing date: Date) {
        self.init(monday: CivilDay.dayNumber(date))
    }

    /// The week `week` of the ISO year `year`, or nil when the year has no such week.
    public init?(year: Int, week: Int) {
        guard (1...53).contains(week) else { return nil }
        let jan4 = CivilDay.days(year: year, month: 1, day: 4)
        let candidate = ISOWeek(monday: jan4 - CivilDay.weekday(jan4) + (week - 1) * 7)
        guard candidate.year == year, candidate.week == week else { return nil }
        self = candidate
    }

    /// Reads `2026-W27` (or `2026W27`), `current` (the week containing `today`) or `last` (the one before).
    ///
    /// - Parameters:
    ///   - text: the argument as typed.
    ///   - today: the caller's clock; Report never reads the system clock.
    public init?(parsing text: String, today: Date) {
        let lowered = text.lowercased()
        switch lowered {
        case "current", "this": self = ISOWeek(containing: today)
        case "last", "previous": self = ISOWeek(containing: today).advanced(by: -1)
        default:
            let parts = lowered.split(separator: "w", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            var yearText = parts[0]
            if yearText.hasSuffix("-") { yearText = yearText.dropLast() }
            guard yearText.count == 4, let year = Int(yearText), parts[1].count == 2 || parts[1].count == 1,
                  let week = Int(parts[1]) else { return nil }
            guard let parsed = ISOWeek(year: year, week: week) else { return nil }
            self = parsed
        }
    }

    /// `2026-W27`.
    public var description: String {
        week < 10 ? "\(year)-W0\(week)" : "\(year)-W\(week)"
    }

    /// Monday 00:00 UTC.
    public var start: Date { CivilDay.date(monday) }
    /// The next Monday 00:00 UTC (exclusive end).
    public var end: Date { CivilDay.date(monday + 7) }
    /// `YYYY-MM-DD` of the Monday.
    public var firstDay: String { CivilDay.string(monday) }
    /// `YYYY-MM-DD` of the Sunday.
    public var lastDay: String { CivilDay.string(monday + 6) }

    public func advanced(by weeks: Int) -> ISOWeek { ISOWeek(monday: monday + weeks * 7) }

    /// Whole weeks from `self` to `other`.
    public func distance(to other: ISOWeek) -> Int { (other.monday - monday) / 7 }

    public static func < (lhs: ISOWeek, rhs: ISOWeek) -> Bool { lhs.monday < rhs.monday }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let week = ISOWeek(parsing: text, today: Date(timeIntervalSince1970: 0)), text.lowercased().contains("w")
        else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "\(text) is not an ISO week such as 2026-W27"))
        }
        self = week
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

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
