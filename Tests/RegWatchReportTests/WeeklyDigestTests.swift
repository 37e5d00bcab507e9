import Foundation
import RegWatchCore
import RegWatchIngest
@testable import RegWatchReport
import RegWatchTestSupport
import Testing

@Suite("Weekly digest")
struct WeeklyDigestTests {
    static func digest(_ week: ISOWeek = FixedStore.week27) throws -> WeeklyDigest {
        WeeklyDigest(events: try FixedStore.events(), watchItems: try FixedStore.watchItems(), week: week)
    }

    @Test("counts the week's new events by type against the week before")
    func headline() throws {
        let digest = try Self.digest()
        #expect(digest.headline.total == 6)
        #expect(digest.headline.previousTotal == 3)
        let block = try #require(digest.headline.byType.first { $0.type == .block })
        #expect((block.count, block.previous, block.change) == (1, 1, 0))
        #expect(digest.headline.byType.map(\.type) == [.ban, .block, .workaround, .restriction, .lift, .investigation, .penalty])
    }

    @Test("takes Sunday 23:00 into the week and Monday 00:00 into the next")
    func weekEdges() throws {
        let ids = try Self.digest().sections.flatMap(\.entries).map(\.id)
        #expect(ids.contains("ev_w27_restr_asml"))
        #expect(!ids.contains("ev_w28_block_signal"))
    }

    @Test("shows a workaround beside what it circumvents and a lift beside the ban it ends")
    func related() throws {
        let entries = try Self.digest().sections.flatMap(\.entries)
        let workaround = try #require(entries.first { $0.id == "ev_w27_wk_h20" })
        #expect(workaround.circumvents.map(\.summary) == ["US Commerce Department → Nvidia (H20)"])
        let ban = try #require(entries.first { $0.id == "ev_w27_ban_h20" })
        #expect(ban.circumventedBy.map(\.id) == ["ev_w27_wk_h20"])
        let lift = try #require(entries.first { $0.id == "ev_w27_lift_tiktok" })
        #expect(lift.lifts.map(\.summary) == ["Government of India → TikTok"])
        #expect(lift.lifts.first?.week.description == "2026-W20")
    }

    @Test("names the most active companies and those appearing for the first time")
    func companies() throws {
        let digest = try Self.digest()
        #expect(digest.companies.mostActive.prefix(2).map(\.name) == ["ByteDance", "Nvidia"])
        #expect(digest.companies.firstTime.contains("Anthropic"))
        #expect(!digest.companies.firstTime.contains("Government of India"))
        #expect(digest.countries.first?.name == "CN")
    }

    @Test("lists what to watch as of the Monday after the week, without items first seen later")
    func watch() throws {
        let digest = try Self.digest()
        #expect(digest.watch.first?.date == "2026-07-15")
        #expect(!digest.watch.contains { $0.text.hasPrefix("Signal") })
    }

    @Test("gives the same bytes whatever the order of the events and watch items")
    func deterministic() throws {
        let events = try FixedStore.events(), items = try FixedStore.watchItems()
        let reference = DigestMarkdown.render(WeeklyDigest(events: events, watchItems: items, week: FixedStore.week27))
        var rng = SeededGenerator(seed: 2026)
        for _ in 0..<5 {
            let digest = WeeklyDigest(events: events.shuffled(using: &rng), watchItems: items.shuffled(using: &rng),
                                      week: FixedStore.week27)
            #expect(DigestMarkdown.render(digest) == reference)
            #expect(DigestHTML.render(digest) == DigestHTML.render(try Self.digest()))
        }
    }

    @Test("escapes every piece of feed text in the HTML and links only http and https URLs")
    func htmlEscapes() throws {
        let html = DigestHTML.render(try Self.digest())
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.lowercased().contains("<img"))
        #expect(!html.contains("<b>x</b>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Anthropic blocks &lt;img src=x onerror=alert(2)&gt;"))
        #expect(!html.contains("href=\"javascript:"))
        #expect(html.contains("href=\"https://eudigital.example/desk/anthropic&quot;&gt;&lt;b&gt;x&lt;/b&gt;\""))
        #expect(html.contains("href=\"https://cybertrade.example/notes/h20?ref=rss&amp;x=1\""))
        #expect(html.contains("<svg"))
        #expect(html.contains("<meta name=\"viewport\""))
    }

    @Test("escapes Markdown in feed text")
    func markdownEscapes() throws {
        let md = DigestMarkdown.render(try Self.digest())
        #expect(md.contains("\\<script\\>alert('title')\\</script\\>"))
        #expect(!md.contains("(<javascript:"))
        #expect(md.contains("[H20 export ban: what it covers](<https://cybertrade.example/notes/h20?ref=rss&x=1>)"))
    }

    @Test("a watch line escapes its text and counts its sources and days in words that agree with the numbers")
    func watchLine() {
        let day = Date(timeIntervalSince1970: 1_783_000_000)
        var item = WhatToWatch.Item(text: "Expect [a ruling](javascript:alert(1)) *soon*\nor <b>later</b>", entities: [], date: "2026-07-07",
                                    daysUntil: 1, firstSeen: day, lastSeen: day, sourceCount: 1, sources: [], ids: ["w1"])
        let line = DigestMarkdown.watchLine(item)
        #expect(line.hasPrefix("- **2026-07-07** (in 1 day): Expect \\[a ruling\\]"))
        #expect(line.hasSuffix(" (1 source)") && !line.contains("\n") && !line.contains("<b>") && !line.contains(" [a ruling]("))
        item.daysUntil = 0
        item.sourceCount = 2
        #expect(DigestMarkdown.watchLine(item).hasPrefix("- **2026-07-07** (today): "))
        #expect(DigestMarkdown.watchLine(item).hasSuffix(" (2 sources)"))
    }

    @Test("writes an Atom feed that our own feed parser reads cleanly")
    func atomParses() throws {
        let events = try FixedStore.events(), items = try FixedStore.watchItems()
        let digests = (0..<4).map { WeeklyDigest(events: events, watchItems: items, week: FixedStore.week27.advanced(by: -$0)) }
        let atom = DigestAtom.render(digests)
        let document = FeedParser.parse(Array(atom.utf8))
        #expect(document.bozo == false, "\(document.bozoException ?? "")")
        #expect(document.format == .atom10)
        #expect(document.entries.count == 4)
        #expect(document.entries.first?.id == "urn:regwatch:digest:2026-W27")
        #expect(document.entries.first?.title?.value == "RegWatch weekly digest 2026-W27: 6 new events")
        let content = try #require(document.entries.first?.content.first?.value)
        #expect(content.contains("ByteDance → Nvidia"))
        #expect(!content.lowercased().contains("<script"))
    }

    @Test("matches the golden files in every format", arguments: ["md", "html", "json", "atom"])
    func golden(_ format: String) throws {
        let events = try FixedStore.events(), items = try FixedStore.watchItems()
        let digest = WeeklyDigest(events: events, watchItems: items, week: FixedStore.week27)
        switch format {
        case "md": try assertGolden(DigestMarkdown.render(digest), "digest_2026-W27.md")
        case "html": try assertGolden(DigestHTML.render(digest), "digest_2026-W27.html")
        case "json": try assertGolden(try DigestJSON.render(digest), "digest_2026-W27.json")
        default:
            let digests = (0..<4).map { WeeklyDigest(events: events, watchItems: items, week: FixedStore.week27.advanced(by: -$0)) }
            try assertGolden(DigestAtom.render(digests), "digests_2026-W24_to_W27.atom")
        }
    }

    @Test("writes an empty week without failing")
    func emptyWeek() throws {
        let digest = try Self.digest(ISOWeek(year: 2026, week: 10)!)
        #expect(digest.headline.total == 0)
        #expect(DigestMarkdown.render(digest).contains("**0 new events**"))
    }
}
