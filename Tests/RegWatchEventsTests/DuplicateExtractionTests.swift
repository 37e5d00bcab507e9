import Foundation
import RegWatchCore
import RegWatchExtract
import RegWatchIngest
import RegWatchPipeline
import RegWatchStore
import RegWatchTestSupport
import Testing

/// Templated briefs (our wording): one regulator, one sentence pattern, a different company and fine in each. The
/// companies are in the bundled entity list, so that `--company` resolves them.
enum TemplatedBriefs {
    static let fines = [("Shein", "120"), ("Temu", "85"), ("Reddit", "40")]

    static func title(_ company: String) -> String { "Irish regulator fines \(company) over data transfers" }

    static func text(_ company: String, _ millions: String) -> String {
        """
        The Irish Data Protection Commission on Tuesday fined \(company) \(millions) million euros for moving \
        personal data to servers abroad without adequate safeguards. The commission said the transfers had gone on \
        for more than two years despite earlier warnings. \(company) said it disagreed with the decision and was \
        considering an appeal.
        """
    }

    /// An RSS 2.0 feed of one outlet carrying the briefs of `companies`, each at the regulator's news page.
    static func feed(outlet: String, _ items: [(String, String)], sharedLink: Bool = false) -> String {
        let entries = items.enumerated().map { i, item in
            """
            <item><title>\(title(item.0))</title>
            <link>\(sharedLink ? "https://dpc.example/news" : "https://\(outlet)/\(item.0.lowercased())")</link>
            <guid>\(outlet)-\(i)</guid><pubDate>Tue, 07 Jul 2026 10:00:00 GMT</pubDate>
            <description>\(text(item.0, item.1))</description></item>
            """
        }.joined(separator: "\n")
        return """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>\(outlet)</title><link>https://\(outlet)/</link>
            \(entries)
            </channel></rss>
            """
    }

    /// Parses and stores one outlet's feed as a pull would.
    static func store(_ xml: String, outlet: String, into store: RegWatchStore) throws {
        let document = FeedParser.parse(Array(xml.utf8), url: "https://\(outlet)/feed.xml")
        let feed = try store.ensureFeed(url: "https://\(outlet)/feed.xml", tags: [], options: [:], now: july(10))
        _ = try store.apply(feed: feed, articles: ArticleBuilder.drafts(document).drafts, now: july(10))
    }

    static func penalties(of company: String, in store: RegWatchStore) throws -> [StoredEvent] {
        var query = EventQuery()
        query.entities = [EntityResolver(try EntityList.bundled()).key(company)]
        return try store.events(matching: query).filter { $0.type == .penalty }
    }
}

@Suite("A duplicate keeps its own events")
struct DuplicateExtractionTests {
    @Test("templated briefs that share one link are duplicates by URL, yet each company's fine is stored")
    func sharedLinkKeepsEveryFine() async throws {
        let store = try RegWatchStore()
        // Three outlets, each with one company's brief, all linking to the regulator's news page.
        for (i, fine) in TemplatedBriefs.fines.enumerated() {
            let outlet = "outlet\(i).example"
            try TemplatedBriefs.store(TemplatedBriefs.feed(outlet: outlet, [fine], sharedLink: true), outlet: outlet, into: store)
        }
        let articles = try store.articles(ArticleQuery()).sorted { $0.id < $1.id }
        #expect(articles.count == 3)
        #expect(articles.dropFirst().allSatisfy { $0.duplicateOf != nil }, "same canonical URL in another feed")
        try await EventIndexer(store: store, extractor: try EventExtractor.bundled()).indexPending()
        for (company, _) in TemplatedBriefs.fines {
            let found = try TemplatedBriefs.penalties(of: company, in: store)
            #expect(found.count == 1, "\(company)")
            #expect(found.first?.targets.contains(company) == true, "\(company)")
        }
    }

    @Test("the same brief in two outlets is one event with two sources; the other companies' briefs are not its duplicates")
    func twoOutletsOfTemplatedBriefs() async throws {
        let store = try RegWatchStore()
        try TemplatedBriefs.store(TemplatedBriefs.feed(outlet: "wire.example", TemplatedBriefs.fines), outlet: "wire.example", into: store)
        try TemplatedBriefs.store(TemplatedBriefs.feed(outlet: "daily.example", TemplatedBriefs.fines), outlet: "daily.example", into: store)
        let articles = try store.articles(ArticleQuery()).sorted { $0.id < $1.id }
        #expect(articles.count == 6)
        // Each of the second outlet's briefs repeats the first outlet's brief about the same company, and no other.
        for (i, copy) in articles.suffix(3).enumerated() {
            #expect(copy.duplicateOf?.id == articles[i].id, "\(copy.title ?? "")")
        }
        #expect(articles.prefix(3).allSatisfy { $0.duplicateOf == nil })
        try await EventIndexer(store: store, extractor: try EventExtractor.bundled()).indexPending()
        for (company, _) in TemplatedBriefs.fines {
            let found = try TemplatedBriefs.penalties(of: company, in: store)
            #expect(found.count == 1, "\(company)")
            #expect(found.first?.sourceCount == 2, "\(company)")
        }
    }

    @Test("regwatch pull --feeds with an absolute path reads the list's relative paths from its folder; events --company finds each fine",
          .enabled(if: regwatchBinary != nil, "build the CLI first (swift build --product regwatch) or set REGWATCH_BINARY"))
    func pullFromAnotherDirectory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rw-dup-\(UUID().uuidString)")
        let elsewhere = dir.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("outlets"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var list = "# our outlets, paths relative to this list\n"
        for (i, fine) in TemplatedBriefs.fines.enumerated() {
            let name = "outlets/outlet\(i).xml"
            try Data(TemplatedBriefs.feed(outlet: "outlet\(i).example", [fine], sharedLink: true).utf8)
                .write(to: dir.appendingPathComponent(name))
            list += "\(name) sample\n"
        }
        let feeds = dir.appendingPathComponent("feeds.txt")
        try Data(list.utf8).write(to: feeds)
        let store = dir.appendingPathComponent("store.sqlite").path
        let pulled = try runRegwatch(["pull", "--feeds", feeds.path, "--store", store], directory: elsewhere)
        #expect(pulled.code == 0, "\(pulled.stderr)")
        #expect(pulled.stdout.contains("3 updated"), "\(pulled.stdout)")
        for (company, _) in TemplatedBriefs.fines {
            let events = try runRegwatch(["events", "--company", company, "--format", "jsonl", "--store", store], directory: elsewhere)
            #expect(events.code == 0)
            #expect(events.stdout.contains("\"penalty\"") && events.stdout.contains(company), "\(company): \(events.stdout)")
        }
    }
}
