import Foundation
import RegWatchCore

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
