import Foundation
import RegWatchCore
@testable import RegWatchStore
import Testing

/// Feeds that give one GUID to several items (issue 13: feeds as the real web serves them).
@Suite("One GUID on several items of a document")
struct DuplicateGUIDTests {
    func draft(guid: String, link: String, text: String) -> ArticleDraft {
        ArticleDraft(guidIdentity: "guid:\(guid)", fallbackIdentity: "link:\(link)", guid: guid, canonicalURL: link,
                     title: "Brief", published: july(3), authors: [], text: text, contentHash: "h-\(text.hashValue)", sketch: nil)
    }

    @Test("the same item twice in one document is stored once, with its later text, and the store stays whole")
    func sameItemTwice() throws {
        let store = try RegWatchStore()
        let feed = try store.ensureFeed(url: "https://wire.example/feed", tags: [], options: [:], now: july(3))
        // This failed with "database disk image is malformed": the update removed from the full-text index a row that
        // the transaction had not added yet.
        let result = try store.apply(feed: feed, articles: [
            draft(guid: "g1", link: "https://wire.example/a", text: "Quillnet was banned on Monday."),
            draft(guid: "g1", link: "https://wire.example/a", text: "Quillnet was banned on Monday by the regulator."),
        ], now: july(3))
        #expect(result.inserted == 1 && result.updated == 1)
        #expect(try store.searchArticles(ArticleSearch(query: "regulator")).count == 1)
        #expect(try store.searchArticles(ArticleSearch(query: "Quillnet")).count == 1)
    }

    @Test("one GUID on items with different links: each item is kept, known by its link")
    func guidOnDifferentItems() throws {
        let store = try RegWatchStore()
        let feed = try store.ensureFeed(url: "https://wire.example/feed", tags: [], options: [:], now: july(3))
        let result = try store.apply(feed: feed, articles: [
            draft(guid: "https://wire.example/", link: "https://wire.example/a", text: "Quillnet was banned on Monday."),
            draft(guid: "https://wire.example/", link: "https://wire.example/b", text: "Zapchat was fined on Tuesday."),
        ], now: july(3))
        #expect(result.inserted == 2)
        #expect(try store.searchArticles(ArticleSearch(query: "Zapchat")).count == 1)
        #expect(try store.searchArticles(ArticleSearch(query: "Quillnet")).count == 1)
        // Near miss: distinct GUIDs keep their GUID identity, and the next pull of the same items changes nothing.
        let again = try store.apply(feed: feed, articles: [
            draft(guid: "https://wire.example/", link: "https://wire.example/a", text: "Quillnet was banned on Monday."),
            draft(guid: "https://wire.example/", link: "https://wire.example/b", text: "Zapchat was fined on Tuesday."),
        ], now: july(4))
        #expect(again.inserted == 0 && again.updated == 0)
    }
}
