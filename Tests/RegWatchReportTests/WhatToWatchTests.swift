import Foundation
import RegWatchCore
import RegWatchReport
import Testing

@Suite("What to watch")
struct WhatToWatchTests {
    static let monday = CivilDay.date(CivilDay.parse("2026-07-06")!)

    @Test("merges the same expectation from several briefs into one item with a source count")
    func merges() throws {
        let watch = WhatToWatch(items: try FixedStore.watchItems(), today: Self.monday)
        let rule = try #require(watch.items.first { $0.date == "2026-09-01" })
        #expect(rule.sourceCount == 3)
        #expect(rule.ids == ["wt_rule_1", "wt_rule_2"])
        #expect(rule.text == "The export rule takes effect on September 1.")
        #expect(watch.items.filter { $0.date == "2026-09-01" }.count == 1)
    }

    @Test("lists dated items first, soonest first, and drops them once the date has passed")
    func datedFirst() throws {
        let watch = WhatToWatch(items: try FixedStore.watchItems(), today: Self.monday)
        #expect(watch.items.prefix(2).map(\.date) == ["2026-07-15", "2026-09-01"])
        #expect(watch.items.prefix(2).map(\.daysUntil) == [9, 57])
        #expect(!watch.items.contains { $0.date == "2026-06-30" })
        let later = WhatToWatch(items: try FixedStore.watchItems(), today: CivilDay.date(CivilDay.parse("2026-07-16")!))
        #expect(later.items.first?.date == "2026-09-01")
    }

    @Test("ranks undated items by the week last seen, then by sources")
    func ranksUndated() throws {
        let watch = WhatToWatch(items: try FixedStore.watchItems(), today: Self.monday)
        let undated = watch.items.filter { $0.date == nil }.map(\.text)
        #expect(undated.first == "Signal may appeal the block.")
        #expect(undated.dropFirst().first == "Expect more companies to enforce rigorous internal controls on AI tools.")
    }

    @Test("filters by company and by the date last seen")
    func filters() throws {
        let items = try FixedStore.watchItems()
        #expect(WhatToWatch(items: items, today: Self.monday, company: "nvidia").items.map(\.date) == ["2026-09-01"])
        let since = WhatToWatch(items: items, today: Self.monday, since: CivilDay.date(CivilDay.parse("2026-07-04")!))
        #expect(since.items.map(\.text) == ["A decision on ASML's licences is due on July 15.",
                                            "Signal may appeal the block.",
                                            "Regulators may extend the ban to other apps."])
    }

    @Test("matches the golden JSON")
    func golden() throws {
        try assertGolden(try DigestJSON.encode(WhatToWatch(items: try FixedStore.watchItems(), today: Self.monday)),
                         "watch_2026-07-06.json")
    }
}
