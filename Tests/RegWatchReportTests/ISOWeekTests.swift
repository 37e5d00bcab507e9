import Foundation
import RegWatchCore
import RegWatchReport
import RegWatchTestSupport
import Testing

@Suite("ISO weeks")
struct ISOWeekTests {
    @Test("reads 2026-W27 as the week from Monday 29 June to Sunday 5 July 2026")
    func parsesWeek() throws {
        let week = try #require(ISOWeek(parsing: "2026-W27", today: Date(timeIntervalSince1970: 0)))
        #expect(week.description == "2026-W27")
        #expect(week.firstDay == "2026-06-29")
        #expect(week.lastDay == "2026-07-05")
        #expect(ISOWeek(parsing: "2026W27", today: .now) == week)
    }

    @Test("reads last and current against the date it is given, not the system clock")
    func relativeWeeks() throws {
        let wednesday = try #require(CivilDay.parse("2026-07-08")).asDate
        #expect(ISOWeek(parsing: "current", today: wednesday)?.description == "2026-W28")
        #expect(ISOWeek(parsing: "last", today: wednesday)?.description == "2026-W27")
        let newYear = try #require(CivilDay.parse("2027-01-01")).asDate
        #expect(ISOWeek(parsing: "current", today: newYear)?.description == "2026-W53")
    }

    @Test("rejects weeks a year does not have and text that is not a week", arguments: ["2025-W53", "2026-W54", "2026-W00", "W27", "2026-27", "soon", ""])
    func rejects(_ text: String) {
        #expect(ISOWeek(parsing: text, today: Date(timeIntervalSince1970: 0)) == nil)
    }

    @Test("agrees with Foundation's ISO 8601 calendar on 5,000 days from 1990 to 2060")
    func agreesWithCalendar() {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var rng = SeededGenerator(seed: 27)
        for _ in 0..<5000 {
            let day = Int.random(in: 7305...33_000, using: &rng)
            let seconds = Double(day) * 86_400 + Double(Int.random(in: 0..<86_400, using: &rng))
            let date = Date(timeIntervalSince1970: seconds)
            let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
            let week = ISOWeek(containing: date)
            #expect(week.year == parts.yearForWeekOfYear && week.week == parts.weekOfYear, "\(date)")
            #expect(week.start <= date && date < week.end)
            #expect(ISOWeek(year: week.year, week: week.week) == week)
        }
    }

    @Test("formats timestamps and days without a formatter")
    func formats() {
        #expect(CivilDay.timestamp(Date(timeIntervalSince1970: 1_783_080_000)) == "2026-07-03T12:00:00Z")
        #expect(CivilDay.parse("2026-02-30") == nil)
        #expect(CivilDay.string(CivilDay.parse("2024-02-29")!) == "2024-02-29")
    }
}

extension Int {
    /// Midnight UTC of a day number.
    var asDate: Date { CivilDay.date(self) }
}
