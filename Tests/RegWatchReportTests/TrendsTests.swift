import Foundation
import RegWatchCore
import RegWatchReport
import RegWatchTestSupport
import Testing

@Suite("Trends")
struct TrendsTests {
    @Test("counts events per ISO week of first sighting and compares with the weeks before")
    func countsPerWeek() throws {
        let trends = Trends(events: try FixedStore.events(), endingWith: FixedStore.week27, weeks: 8, by: .type)
        #expect(trends.weeks.map(\.description) == (20...27).map { "2026-W\($0)" })
        let ban = try #require(trends.rows.first { $0.key == "ban" })
        // W20 India, W26 Texas, W27 Commerce; the Garante ban (W18) is in the previous period.
        #expect(ban.counts == [1, 0, 0, 0, 0, 0, 1, 1])
        #expect(ban.previousTotal == 1)
        #expect(ban.change == 2)
        #expect(ban.changePercent == 200)
        // The block first seen at Monday 00:00 of W28 is outside the window.
        #expect(trends.rows.first { $0.key == "block" }?.counts == [0, 0, 0, 0, 0, 0, 1, 1])
        #expect(trends.totals.total == 12)
    }

    @Test("finds rising and falling companies")
    func movers() throws {
        let trends = Trends(events: try FixedStore.events(), endingWith: FixedStore.week27, weeks: 8, by: .company)
        #expect(trends.rising.first?.key == "Nvidia")
        #expect(trends.rising.first?.change == 3)
        #expect(trends.falling.map(\.key) == ["Garante"])
        let deepSeek = try #require(trends.rows.first { $0.key == "DeepSeek" })
        #expect(deepSeek.change == 0)
    }

    @Test("keeps only the types asked for")
    func typeFilter() throws {
        let trends = Trends(events: try FixedStore.events(), endingWith: FixedStore.week27, weeks: 8, by: .country,
                            types: [.workaround])
        #expect(trends.rows.map(\.key) == ["CN", "MY", "SG"])
        #expect(trends.totals.total == 2)
    }

    @Test("does not depend on the order of the events")
    func orderIndependent() throws {
        let events = try FixedStore.events()
        var rng = SeededGenerator(seed: 7)
        let reference = Trends(events: events, endingWith: FixedStore.week27, weeks: 4, by: .company)
        for _ in 0..<5 {
            #expect(Trends(events: events.shuffled(using: &rng), endingWith: FixedStore.week27, weeks: 4, by: .company) == reference)
        }
    }

    @Test("draws sparklines from the lowest to the highest bar")
    func sparkline() {
        #expect(Sparkline.render([0, 1, 2, 4, 8]) == "▁▂▃▅█")
        #expect(Sparkline.render([0, 0]) == "▁▁")
    }

    @Test("matches the golden JSON of company trends")
    func golden() throws {
        let trends = Trends(events: try FixedStore.events(), endingWith: FixedStore.week27, weeks: 8, by: .company)
        try assertGolden(try DigestJSON.encode(trends), "trends_company_2026-W27_8w.json")
    }
}
