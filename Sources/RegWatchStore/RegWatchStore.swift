import Foundation
import GRDB
import RegWatchCore

/// An article as the pipeline prepares it for the store.
public struct ArticleDraft: Sendable, Hashable {
    /// `guid:…` when the item has a GUID.
    public var guidIdentity: String?
    /// `link:…` (canonical link) or `hash:…` (title and date): used when there is no GUID, or once
    /// the feed is known to reuse or rotate GUIDs.
    public var fallbackIdentity: String
    public var guid: String?
    public var canonicalURL: String?
    public var title: String?
    public var published: Date?
    public var authors: [String]
    public var text: String
    public var contentHash: String
    public var sketch: TextSketch?

    public init(guidIdentity: String?, fallbackIdentity: String, guid: String?, canonicalURL: String?,
                title: String?, published: Date?, authors: [String], text: String, contentHash: String,
                sketch: TextSketch?) {
        self.guidIdentity = guidIdentity
        self.fallbackIdentity = fallbackIdentity
        self.guid = guid
        self.canonicalURL = canonicalURL
        self.title = title
        self.published = published
        self.authors = authors
        self.text = text
        self.contentHash = contentHash
        self.sketch = sketch
    }

    /// The identity the article is stored under in a feed whose `identityMode` is `mode`: its GUID while the feed's
    /// GUIDs identify items, else its link or title-and-date hash.
    public func identity(mode: String) -> String {
        (mode == "guid" ? guidIdentity : nil) ?? fallbackIdentity
    }
}

/// What one feed's transaction changed.
public struct ApplyResult: Sendable, Hashable {
    public var inserted = 0
    public var updated = 0
    public var duplicates = 0
    /// The feed switched from GUIDs to links in this transaction.
    public var switchedToLinks = false
    public init() {}
}

/// The local store: SQLite through GRDB, in WAL mode.
///
/// Each method is one transaction that keeps the invariants: an article is unique per feed and
/// identity (a UNIQUE index, not a Swift set), a feed's validators are saved with its articles,
/// and a killed process leaves either the whole feed or none of it.
public struct RegWatchStore: Sendable {
    let writer: any DatabaseWriter
    /// The file, or `:memory:`.
    public let path: String
    /// How the store was opened.
    public let mode: OpenMode
    /// A reader's shared hold on the pull lock, kept while the store is open (see `init(readingAt:)`).
    private let readerLock: ReaderLock?

    /// How a store was opened.
    public enum OpenMode: Sendable, Equatable {
        /// Read-write, migrated; what `pull` and `reextract` use.
        case readWrite
        /// Read-only through the shared WAL index, because a writer has the store open (or left its WAL behind).
        case readOnly
        /// Read-only and immutable: no writer had the store open and none can start while it stays open.
        case readOnlyImmutable
    }

    /// The default store file, relative to the working directory.
    public static let defaultPath = "Storage/regwatch.sqlite"

    /// Opens (creating if needed) the store at `path` and runs the migrations.
    /// - Throws: `StoreError.cannotOpen` when the file cannot be opened or migrated.
    public init(path: String) throws {
        self.path = path
        mode = .readWrite
        readerLock = nil
        do {
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            var config = Configuration()
            config.busyMode = .timeout(30)
            config.prepareDatabase { db in
                // WAL + NORMAL: a commit does not wait for fsync. A killed process loses nothing
                // committed (the WAL is in the OS cache); a power cut may lose the last commits but
                // never leaves the file inconsistent (https://sqlite.org/pragma.html#pragma_synchronous).
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // A pull inserts into indexes all over a large store (LSH bands, identities, full text): a 32 MB page
                // cache instead of SQLite's 2 MB keeps their pages in memory, and checkpointing every 64 MB of WAL
                // instead of every 4 MB writes a page rewritten by many transactions back to the file once.
                try db.execute(sql: "PRAGMA cache_size = -32768")
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 16384")
            }
            let pool = try DatabasePool(path: path, configuration: config)  // WAL mode
            try StoreMigrations.migrator.migrate(pool)
            writer = pool
        } catch let error as DatabaseError {
            throw StoreError(.cannotOpen(reason: "\(error.resultCode): \(error.message ?? "")"), path: path)
        }
    }

    /// Opens an existing store for reading only, as the read commands do: the file is opened with
    /// `SQLITE_OPEN_READONLY`, so a store the user cannot write (another user's, a 0444 file, a read-only mount) can
    /// be read, and nothing is ever written to it.
    ///
    /// A WAL-mode store is read through its `-wal` and `-shm` files, and a read-only connection that creates them
    /// cannot remove them when it closes: they would be left behind, owned by the reader, where they can stop the
    /// owner's next pull (and in a read-only folder they cannot be created at all). So when neither file exists (the
    /// last connection closed cleanly and removed them), the store is opened `immutable`
    /// (https://sqlite.org/uri.html#uriimmutable), which reads the file alone. That is only safe while nothing
    /// writes it, so the reader takes a shared hold on the pull lock first (`<store>.lock`, which `pull` and
    /// `reextract` hold exclusively for as long as they write): a pull that starts meanwhile waits for the read to
    /// end (with `--no-wait` it exits 4). A store without a lock file has never been pulled where it is, and is
    /// read the same way. When a writer is at work, the store is read through the WAL files it has
    /// made, which are its to remove.
    /// - Throws: `StoreError.cannotOpen` when the file cannot be opened, or was written by an older RegWatch and has
    ///   not been migrated yet.
    public init(readingAt path: String) throws {
        self.path = path
        let lock = ReaderLock(storePath: path)
        let fm = FileManager.default
        let immutable = (lock.held || lock.absent) && !fm.fileExists(atPath: path + "-wal") && !fm.fileExists(atPath: path + "-shm")
        mode = immutable ? .readOnlyImmutable : .readOnly
        readerLock = immutable ? lock : nil
        do {
            var config = Configuration()
            config.readonly = true
            config.busyMode = .timeout(30)
            config.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -32768") }
            let queue = try DatabaseQueue(path: immutable ? Self.immutableURI(path) : path, configuration: config)
            guard try queue.read({ try StoreMigrations.migrator.hasCompletedMigrations($0) }) else {
                throw StoreError(.cannotOpen(reason: "it was written by an older regwatch; run 'regwatch pull' once to update it"),
                                 path: path)
            }
            writer = queue
        } catch let error as DatabaseError {
            throw StoreError(.cannotOpen(reason: "\(error.resultCode): \(error.message ?? "")"), path: path)
        }
    }

    /// `file:` URI of `path` with `mode=ro&immutable=1`; the path is percent-encoded as RFC 3986 and SQLite ask.
    static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?mode=ro&immutable=1"
    }

    /// An in-memory store, for tests.
    public init() throws {
        path = ":memory:"
        mode = .readWrite
        readerLock = nil
        let queue = try DatabaseQueue()
        try StoreMigrations.migrator.migrate(queue)
        writer = queue
    }

    /// The names of the applied migrations, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try StoreMigrations.migrator.appliedMigrations(db) }
    }

    public func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        try naming { try writer.read(body) }
    }

    /// Runs `body`, naming this store in a `StoreError` thrown by code that does not know its path (the row
    /// decoders of EventRows.swift).
    func naming<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as StoreError where error.path.isEmpty {
            error.path = path
            throw error
        }
    }

    // MARK: Feeds

    public func feeds() throws -> [FeedRecord] {
        try writer.read { db in try FeedRecord.order(Column("id")).fetchAll(db) }
    }

    /// The feed listed as `url`, or fetched from `url` since a redirect was adopted.
    public func feed(url: String) throws -> FeedRecord? {
        try writer.read { db in try Self.feed(db, url: url) }
    }

    static func feed(_ db: Database, url: String) throws -> FeedRecord? {
        try FeedRecord.filter(Column("listedURL") == url).fetchOne(db)
            ?? FeedRecord.filter(Column("url") == url).fetchOne(db)
    }

    /// Makes sure the feed exists, with these tags and options; returns its row.
    @discardableResult
    public func ensureFeed(url: String, tags: [String], options: [String: String], now: Date = Date()) throws -> FeedRecord {
        try writer.write { db in
            if var feed = try Self.feed(db, url: url) {
                let joined = tags.joined(separator: " ")
                var changed = false
                if feed.tags != joined { feed.tags = joined; changed = true }
                if feed.optionMap != options { feed.setOptions(options); changed = true }
                if changed { try feed.update(db) }
                return feed
            }
            var feed = FeedRecord(url: url, tags: tags, options: options, createdAt: now)
            try feed.insert(db)
            return feed
        }
    }

    /// Removes a feed and its articles. Returns `false` when there was none.
    @discardableResult
    public func removeFeed(url: String) throws -> Bool {
        try writer.write { db in try Self.feed(db, url: url)?.delete(db) ?? false }
    }

    /// Saves a feed's state alone (a failure, a 304), in one transaction.
    public func save(_ feed: FeedRecord) throws {
        try writer.write { db in try feed.update(db) }
    }

    /// `true` when a feed other than `id` is fetched from or listed as `url`.
    public func urlInUse(_ url: String, except id: Int64?) throws -> Bool {
        try writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM feed WHERE (url = ? OR listedURL = ?) AND id IS NOT ?",
                              arguments: [url, url, id]) ?? false
        }
    }

    // MARK: Pull runs

    public func beginRun(pid: Int?, now: Date = Date()) throws -> PullRunRecord {
        try writer.write { db in
            var run = PullRunRecord(startedAt: now, pid: pid)
            try run.insert(db)
            return run
        }
    }

    public func finish(_ run: PullRunRecord) throws {
        try writer.write { db in try run.update(db) }
    }

    // MARK: Articles

    /// The stored content hash of each of `identities` that the feed already has (`full_text=yes` fetches an item's
    /// page only when the item is new or its teaser changed).
    public func contentHashes(feedId: Int64, identities: [String]) throws -> [String: String] {
        guard !identities.isEmpty else { return [:] }
        return try writer.read { db in
            var found: [String: String] = [:]
            let statement = try db.cachedStatement(sql: "SELECT contentHash FROM article WHERE feedId = ? AND identity = ?")
            for identity in identities {
                if let hash = try String.fetchOne(statement, arguments: [feedId, identity]) { found[identity] = hash }
            }
            return found
        }
    }

    /// Saves a pulled feed and its articles in one transaction: inserts new articles, updates edited
    /// ones, links cross-feed duplicates, and switches the feed from GUIDs to links when it rotates them.
    public func apply(feed: FeedRecord, articles: [ArticleDraft], now: Date = Date()) throws -> ApplyResult {
        try writer.write { db in
            var inserted: [Int64] = []
            let result = try apply(db, feed: feed, articles: articles, now: now, inserted: &inserted)
            try Self.indexText(db, articleIds: inserted)
            return result
        }
    }

    /// Saves several pulled feeds in one transaction, each as ``apply(feed:articles:now:)`` would: a feed is still
    /// all or nothing, and a commit every few feeds instead of every feed writes a page that several feeds change
    /// (LSH band and full-text index pages, spread over the whole store) once.
    public func apply(batch: [(feed: FeedRecord, articles: [ArticleDraft])], now: Date = Date()) throws -> [ApplyResult] {
        guard !batch.isEmpty else { return [] }
        return try writer.write { db in
            var inserted: [Int64] = []
            let results = try batch.map { try apply(db, feed: $0.feed, articles: $0.articles, now: now, inserted: &inserted) }
            try Self.indexText(db, articleIds: inserted)
            return results
        }
    }

    /// Adds new articles to the full-text index, in one statement per 500: the last writes of a pull transaction
    /// (see migration v5). Whoever inserts into `article` calls it in the same transaction.
    public static func indexText(_ db: Database, articleIds: [Int64]) throws {
        var start = 0
        while start < articleIds.count {
            let chunk = Array(articleIds[start..<min(articleIds.count, start + 500)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            try db.execute(sql: "INSERT INTO articleFTS(rowid, title, text) SELECT id, title, text FROM article WHERE id IN (\(marks))",
                           arguments: StatementArguments(chunk))
            start += 500
        }
    }

    private func apply(_ db: Database, feed: FeedRecord, articles: [ArticleDraft], now: Date,
                       inserted: inout [Int64]) throws -> ApplyResult {
        var feed = feed
        guard let feedId = feed.id else { throw StoreError(.unknownFeed(feed.url), path: path) }
        var result = ApplyResult()

        // Rotating GUIDs: items whose GUID is new although their link is already stored under
        // another GUID. When most items do that, the GUIDs carry no identity.
        let hasArticles = try Bool.fetchOne(db, sql: "SELECT 1 FROM article WHERE feedId = ? LIMIT 1", arguments: [feedId]) ?? false
        if feed.identityMode == "guid" && hasArticles {
            var rotated = 0
            var withGUID = 0
            for draft in articles {
                guard let guidKey = draft.guidIdentity else { continue }
                withGUID += 1
                guard let url = draft.canonicalURL else { continue }
                let known = try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM article WHERE feedId = ? AND identity = ?"),
                                              arguments: [feedId, guidKey]) ?? false
                if known { continue }
                let sameLink = try Bool.fetchOne(db.cachedStatement(sql: """
                    SELECT 1 FROM article WHERE feedId = ? AND canonicalURL = ? AND identity LIKE 'guid:%'
                    """), arguments: [feedId, url]) ?? false
                if sameLink { rotated += 1 }
            }
            if rotated >= 2 && rotated * 2 >= withGUID {
                feed.identityMode = "link"
                result.switchedToLinks = true
            }
        }

        // A GUID that this document gives to items with different links identifies none of them: those items are
        // known by their links, so that neither overwrites the other.
        var linksOfGUID: [String: Set<String>] = [:]
        for draft in articles {
            if let guid = draft.guidIdentity { linksOfGUID[guid, default: []].insert(draft.canonicalURL ?? draft.fallbackIdentity) }
        }
        for draft in articles {
            var identity = draft.identity(mode: feed.identityMode)
            if feed.identityMode == "guid", let guid = draft.guidIdentity, (linksOfGUID[guid]?.count ?? 0) > 1 {
                identity = draft.fallbackIdentity
            }
            var existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, contentHash FROM article WHERE feedId = ? AND identity = ?"),
                                            arguments: [feedId, identity])
            if existing == nil, feed.identityMode == "link", let url = draft.canonicalURL {
                // Stored under its GUID before the switch: adopt that row.
                existing = try Row.fetchOne(db, sql: """
                    SELECT id, contentHash FROM article WHERE feedId = ? AND canonicalURL = ? ORDER BY id LIMIT 1
                    """, arguments: [feedId, url])
            }
            if let existing {
                let id: Int64 = existing["id"]
                let oldHash: String = existing["contentHash"]
                // Inserted by this transaction (the same item twice in one document): it enters the full-text index
                // now, as the update trigger removes the old text from it (see migration v5).
                if let k = inserted.firstIndex(of: id), oldHash != draft.contentHash {
                    try Self.indexText(db, articleIds: [id])
                    inserted.remove(at: k)
                }
                if oldHash == draft.contentHash {
                    try db.execute(sql: "UPDATE article SET identity = ? WHERE id = ? AND identity != ?",
                                   arguments: [identity, id, identity])
                    continue
                }
                try db.execute(sql: """
                    UPDATE article SET identity = ?, guid = ?, canonicalURL = ?, title = ?, published = ?,
                        updatedAt = ?, authors = ?, text = ?, contentHash = ?, sketch = ?, lead = ?, shingleCount = ?
                    WHERE id = ?
                    """, arguments: [identity, draft.guid, draft.canonicalURL, draft.title, draft.published, now,
                                     Self.json(draft.authors), draft.text, draft.contentHash,
                                     draft.sketch.map { Self.blob($0.signature) }, draft.sketch.map { Self.blob($0.lead) },
                                     draft.sketch?.shingleCount ?? 0, id])
                try db.execute(sql: "DELETE FROM articleBand WHERE articleId = ?", arguments: [id])
                try insertBands(db, draft.sketch, articleId: id)
                result.updated += 1
                continue
            }

            let (duplicateOf, reason) = try findDuplicate(db, draft, feedId: feedId)
            try db.cachedStatement(sql: """
                INSERT INTO article (feedId, identity, guid, canonicalURL, title, published, firstSeenAt, authors,
                    text, contentHash, duplicateOfId, duplicateReason, sketch, lead, shingleCount)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [feedId, identity, draft.guid, draft.canonicalURL, draft.title, draft.published, now,
                                 Self.json(draft.authors), draft.text, draft.contentHash, duplicateOf, reason,
                                 draft.sketch.map { Self.blob($0.signature) }, draft.sketch.map { Self.blob($0.lead) },
                                 draft.sketch?.shingleCount ?? 0])
            let id = db.lastInsertedRowID
            try insertBands(db, draft.sketch, articleId: id)
            inserted.append(id)
            result.inserted += 1
            if duplicateOf != nil { result.duplicates += 1 }
        }
        try feed.update(db)
        return result
    }

    private func insertBands(_ db: Database, _ sketch: TextSketch?, articleId: Int64) throws {
        guard let keys = sketch?.bandKeys, !keys.isEmpty else { return }
        // One multi-row statement per article: the per-statement cost dominates single-row inserts.
        let values = Array(repeating: "(?, ?)", count: keys.count).joined(separator: ", ")
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO articleBand (bandKey, articleId) VALUES \(values)")
        var arguments: [(any DatabaseValueConvertible)?] = []
        arguments.reserveCapacity(keys.count * 2)
        for key in keys { arguments.append(key); arguments.append(articleId) }
        try statement.execute(arguments: StatementArguments(arguments))
    }

    /// The first-seen article of another feed that this draft repeats: same canonical URL, or a
    /// near-duplicate by LSH candidates confirmed by `DuplicateJudge`.
    private func findDuplicate(_ db: Database, _ draft: ArticleDraft, feedId: Int64) throws -> (Int64?, String?) {
        if let url = draft.canonicalURL,
           let row = try Row.fetchOne(db.cachedStatement(sql: """
               SELECT id, duplicateOfId FROM article WHERE canonicalURL = ? AND feedId != ? ORDER BY id LIMIT 1
               """), arguments: [url, feedId]) {
            let root: Int64 = row["duplicateOfId"] ?? row["id"]
            return (root, "same canonical URL")
        }
        guard let sketch = draft.sketch, !sketch.isEmpty else { return (nil, nil) }
        let keys = sketch.bandKeys
        guard !keys.isEmpty else { return (nil, nil) }
        // All keys in one statement, each bucket capped (a crowded bucket is boilerplate, not a story).
        let one = "SELECT * FROM (SELECT articleId FROM articleBand WHERE bandKey = ? ORDER BY articleId DESC LIMIT \(NearDuplicateIndex.bucketLimit))"
        let lookup = try db.cachedStatement(sql: Array(repeating: one, count: keys.count).joined(separator: " UNION ALL "))
        let candidates = Set(try Int64.fetchAll(lookup, arguments: StatementArguments(keys)))
        var best: (root: Int64, reason: String)?
        let load = try db.cachedStatement(sql: """
            SELECT feedId, duplicateOfId, title, sketch, lead, shingleCount FROM article WHERE id = ?
            """)
        let loadText = try db.cachedStatement(sql: "SELECT text FROM article WHERE id = ?")
        // The text is judged first; only when it accepts a candidate are the facts of both read.
        var facts: StoryFacts?
        for id in candidates.sorted() {
            guard let row = try Row.fetchOne(load, arguments: [id]) else { continue }
            let otherFeed: Int64 = row["feedId"]
            if otherFeed == feedId { continue }
            guard let other = Self.sketch(row) else { continue }
            if let reason = DuplicateJudge.reason(sketch, other) {
                // Parties, amounts and dates: the draft's, and the candidate's from its stored text.
                let mine = facts ?? StoryFacts(title: draft.title ?? "", text: draft.text)
                facts = mine
                if mine.conflicts(with: StoryFacts(title: row["title"] ?? "", text: try String.fetchOne(loadText, arguments: [id]) ?? "")) {
                    continue
                }
                let root: Int64 = row["duplicateOfId"] ?? id
                if best == nil || root < best!.root { best = (root, reason) }
            }
        }
        return (best?.root, best?.reason)
    }

    static func sketch(_ row: Row) -> TextSketch? {
        guard let signature: Data = row["sketch"] else { return nil }
        let lead: Data = row["lead"] ?? Data()
        let title: String = row["title"] ?? ""
        return TextSketch(signature: unblob(signature), lead: unblob(lead), shingleCount: row["shingleCount"],
                          titleWords: TextSketch(title: title, text: "").titleWords)
    }

    package static func blob(_ values: [UInt32]) -> Data {
        var data = Data(capacity: values.count * 4)
        for v in values { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    package static func unblob(_ data: Data) -> [UInt32] {
        var values: [UInt32] = []
        values.reserveCapacity(data.count / 4)
        let bytes = [UInt8](data)
        var i = 0
        while i + 4 <= bytes.count {
            values.append(UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24)
            i += 4
        }
        return values
    }

    package static func json(_ strings: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(strings), as: UTF8.self)) ?? "[]"
    }
}

extension RegWatchStore {
    /// The writer, for the event tables (`Events/EventStore.swift`, issue 6), which live in their own file.
    var writerForEvents: any DatabaseWriter { writer }
}
