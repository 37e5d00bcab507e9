// Events in the store (issue 6): mentions in, merged events out.
//
// Public API, stable names (RegWatchReport and the CLI read these):
//   Writing (the pipeline):
//     pendingArticles(limit:)                  articles never extracted, or edited since they were
//     articlesForReextraction(since:)          every article (from a date on), for `regwatch reextract`
//     saveExtractions(_:options:alertableBefore:) -> ExtractionReport   mentions in, events re-merged, one transaction
//     markAlerted(_:) / wasAlerted(_:)
//   Reading:
//     events(matching: EventQuery) -> [StoredEvent]       newest first (by last seen)
//     events(from: Date, to: Date) -> [StoredEvent]       events seen in [from, to)
//     forEachCountedEvent(firstSeenFrom:to:_:)           each event first seen in a window, read to be counted
//     reportEvents(from:to:detailedFrom:)                 a digest's events: counted, and in full for its weeks
//     event(id:) -> StoredEvent?
//     watchItems(from: Date?, to: Date?) -> [StoredWatchItem]
//     companies(since:) -> [CompanyCount]
//     searchArticles(_: ArticleSearch) -> [SearchHit]
//     eventCounts() -> (events: Int, mentions: Int, watchItems: Int)
import Foundation
import GRDB
import RegWatchCore

extension RegWatchStore {
    // MARK: Alerts

    /// Records that these events were announced, so they never are again.
    public func markAlerted(_ ids: [String], now: Date = Date()) throws {
        try writerForEvents.write { db in
            for id in ids {
                try db.execute(sql: "INSERT OR IGNORE INTO eventAlert (eventId, alertedAt) VALUES (?, ?)", arguments: [id, now])
            }
        }
    }

    public func wasAlerted(_ id: String) throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM eventAlert WHERE eventId = ?", arguments: [id]) ?? false }
    }

    /// Numbers of stored events, mentions and distinct watch items.
    public func eventCounts() throws -> (events: Int, mentions: Int, watchItems: Int) {
        try read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mention") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT textKey) FROM watchMention") ?? 0)
        }
    }
}
