import Foundation
import GRDB

/// One subscribed feed and its pull state (table `feed`).
public struct FeedRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "feed"

    public var id: Int64?
    /// The URL fetched: the listed one, or the target of an adopted permanent redirect.
    public var url: String
    /// The URL as written in the feed list.
    public var listedURL: String?
    public var title: String?
    /// Space-separated tags.
    public var tags: String
    /// JSON object of the feed-list options.
    public var options: String
    public var etag: String?
    public var lastModified: String?
    public var bodyChecksum: String?
    public var lastStatus: Int?
    public var lastError: String?
    public var errorCount: Int
    public var nextDueAt: Date?
    public var lastAttemptAt: Date?
    public var lastSuccessAt: Date?
    public var redirectTarget: String?
    public var redirectCount: Int
    public var redirectNote: String?
    public var active: Bool
    public var inactiveReason: String?
    public var identityMode: String
    public var createdAt: Date
    /// The feed's own refresh hint (RSS `<ttl>`), in seconds, as its last parsed document gave it: a 304 or an
    /// unchanged body carries none, and the feed's schedule still honours it.
    public var ttl: Double?
    /// The format of the last parsed document (`FeedFormat.rawValue`: `rss20`, `atom10`, `json11`, `html`…), nil
    /// before the first one.
    public var format: String?
    /// The body limit (bytes) the last parsed document was cut at, when it was longer: its items before the cut were
    /// stored and the rest was never read. `nil` when the last document was whole.
    public var cutAt: Int?

    public init(url: String, tags: [String] = [], options: [String: String] = [:], createdAt: Date = Date()) {
        self.url = url
        self.listedURL = url
        self.tags = tags.joined(separator: " ")
        self.options = Self.encode(options)
        self.errorCount = 0
        self.redirectCount = 0
        self.active = true
        self.identityMode = "guid"
        self.createdAt = createdAt
    }

    public var tagList: [String] { tags.split(separator: " ").map(String.init) }

    public var optionMap: [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(options.utf8))) ?? [:]
    }

    static func encode(_ options: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? String(decoding: encoder.encode(options), as: UTF8.self)) ?? "{}"
    }

    public mutating func setOptions(_ options: [String: String]) { self.options = Self.encode(options) }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One stored article (table `article`), without its sketch.
public struct ArticleRecord: Codable, Sendable, Hashable, FetchableRecord, TableRecord {
    public static let databaseTableName = "article"

    public var id: Int64
    public var feedId: Int64
    public var identity: String
    public var guid: String?
    public var canonicalURL: String?
    public var title: String?
    public var published: Date?
    public var firstSeenAt: Date
    public var updatedAt: Date?
    public var authors: String
    public var text: String
    public var contentHash: String
    public var duplicateOfId: Int64?
    public var duplicateReason: String?
}

/// One `regwatch pull` (table `pullRun`).
public struct PullRunRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "pullRun"

    public var id: Int64?
    public var startedAt: Date
    public var endedAt: Date?
    public var pid: Int?
    public var feedsTotal = 0
    public var feedsUpdated = 0
    public var feedsNotModified = 0
    public var feedsFailed = 0
    public var feedsSkipped = 0
    public var articlesNew = 0
    public var articlesUpdated = 0
    public var duplicates = 0

    public init(startedAt: Date, pid: Int?) {
        self.startedAt = startedAt
        self.pid = pid
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
