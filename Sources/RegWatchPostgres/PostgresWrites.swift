// The PostgreSQL store's writes of `pull` (issue 15): feeds, pull runs, and articles with their identities and
// cross-feed duplicates, each method one transaction, as RegWatchStore.swift writes them to SQLite. The rules are the
// SQLite store's, step for step (the comments there say why); what differs is PostgreSQL's SQL: `RETURNING id` for the
// new row's id, `ON CONFLICT DO NOTHING` for `INSERT OR IGNORE`, `= ANY($n)` for `IN (…)` lists, and no full-text
// writes (the `search` column is generated).
import Foundation
import PostgresNIO
import RegWatchCore
import RegWatchStore

extension PostgresStore: StoreWriting {
    // MARK: Feeds

    public func ensureFeed(url: String, tags: [String], options: [String: String], now: Date) throws -> FeedRecord {
        try session.transaction {
            try lockWrites()
            if var feed = try feed(url: url) {
                let joined = tags.joined(separator: " ")
                var changed = false
                if feed.tags != joined { feed.tags = joined; changed = true }
                if feed.optionMap != options { feed.setOptions(options); changed = true }
                if changed { try update(feed) }
                return feed
            }
            var feed = FeedRecord(url: url, tags: tags, options: options, createdAt: now)
            feed.id = try session.scalar(feedWrite(feed, insert: true), as: Int64.self)
            return feed
        }
    }

    public func save(_ feed: FeedRecord) throws {
        try update(feed)
    }

    func update(_ feed: FeedRecord) throws {
        try session.execute(feedWrite(feed, insert: false))
    }

    /// The INSERT (returning the id) or UPDATE of every column of `feed`.
    func feedWrite(_ feed: FeedRecord, insert: Bool) -> PostgresQuery {
        var sql = SQL()
        let values = [
            sql.bind(feed.url), sql.bind(feed.listedURL), sql.bind(feed.title), sql.bind(feed.tags), sql.bind(feed.options),
            sql.bind(feed.etag), sql.bind(feed.lastModified), sql.bind(feed.bodyChecksum), sql.bind(feed.lastStatus),
            sql.bind(feed.lastError), sql.bind(feed.errorCount), sql.bind(feed.nextDueAt), sql.bind(feed.lastAttemptAt),
            sql.bind(feed.lastSuccessAt), sql.bind(feed.redirectTarget), sql.bind(feed.redirectCount), sql.bind(feed.redirectNote),
            sql.bind(feed.active), sql.bind(feed.inactiveReason), sql.bind(feed.identityMode), sql.bind(feed.createdAt),
            sql.bind(feed.ttl), sql.bind(feed.format), sql.bind(feed.cutAt),
        ]
        let columns = ["url", "listedURL", "title", "tags", "options", "etag", "lastModified", "bodyChecksum", "lastStatus",
                       "lastError", "errorCount", "nextDueAt", "lastAttemptAt", "lastSuccessAt", "redirectTarget", "redirectCount",
                       "redirectNote", "active", "inactiveReason", "identityMode", "createdAt", "ttl", "format", "cutAt"]
        if insert {
            sql.text = "INSERT INTO feed (\(columns.joined(separator: ", "))) VALUES (\(values.joined(separator: ", "))) RETURNING id"
        } else {
            let id = sql.bind(feed.id ?? -1)
            // Writing the feed ends this puller's lease on it (another's, taken over after ours ran out, stays).
            let owner = sql.bind(pullerID)
            sql.text = "UPDATE feed SET " + zip(columns, values).map { "\($0) = \($1)" }.joined(separator: ", ")
                + ", leaseUntil = CASE WHEN leaseOwner = \(owner) THEN NULL ELSE leaseUntil END"
                + ", leaseOwner = CASE WHEN leaseOwner = \(owner) THEN NULL ELSE leaseOwner END WHERE id = \(id)"
        }
        return sql.query
    }

    public func urlInUse(_ url: String, except id: Int64?) throws -> Bool {
        try session.scalar("SELECT true FROM feed WHERE (url = \(url) OR listedURL = \(url)) AND id IS DISTINCT FROM \(id) LIMIT 1",
                           as: Bool.self) ?? false
    }

    // MARK: Pull runs

    public func beginRun(pid: Int?, now: Date) throws -> PullRunRecord {
        var run = PullRunRecord(startedAt: now, pid: pid)
        run.id = try session.scalar("INSERT INTO pullRun (startedAt, pid) VALUES (\(now), \(pid)) RETURNING id", as: Int64.self)
        return run
    }

    public func finish(_ run: PullRunRecord) throws {
        try session.execute("""
            UPDATE pullRun SET endedAt = \(run.endedAt), feedsTotal = \(run.feedsTotal), feedsUpdated = \(run.feedsUpdated),
                feedsNotModified = \(run.feedsNotModified), feedsFailed = \(run.feedsFailed), feedsSkipped = \(run.feedsSkipped),
                articlesNew = \(run.articlesNew), articlesUpdated = \(run.articlesUpdated), duplicates = \(run.duplicates)
            WHERE id = \(run.id ?? -1)
            """)
    }

    // MARK: Articles

    public func contentHashes(feedId: Int64, identities: [String]) throws -> [String: String] {
        guard !identities.isEmpty else { return [:] }
        var found: [String: String] = [:]
        for row in try session.rows("SELECT identity, contentHash FROM article WHERE feedId = \(feedId) AND identity = ANY(\(identities))") {
            let (identity, hash) = try session.decoding("article") { try row.decode((String, String).self) }
            found[identity] = hash
        }
        return found
    }

    public func apply(feed: FeedRecord, articles: [ArticleDraft], now: Date) throws -> ApplyResult {
        try session.transaction {
            try lockWrites()
            return try applyOne(feed: feed, articles: articles, now: now)
        }
    }

    public func apply(batch: [(feed: FeedRecord, articles: [ArticleDraft])], now: Date) throws -> [ApplyResult] {
        guard !batch.isEmpty else { return [] }
        return try session.transaction {
            try lockWrites()
            return try batch.map { try applyOne(feed: $0.feed, articles: $0.articles, now: now) }
        }
    }

    /// Article writes of concurrent pullers take turns, one transaction at a time (an advisory lock held to the
    /// commit): article identity and cross-feed duplicates are decided against everything stored before, as in one
    /// pull, and ids grow in commit order, which `pendingArticles` relies on. Fetching, the slow part, is what pullers
    /// share; each transaction here is a few milliseconds.
    func lockWrites() throws {
        try session.execute("SELECT pg_advisory_xact_lock(\(Self.writeLockKey))::text")
    }

    static let writeLockKey: Int64 = 0x7265_6777_7772_6974  // "regwwrit"
    static let mergeLockKey: Int64 = 0x7265_6777_6d65_7267  // "regwmerg"

    /// One feed's articles, inside the caller's transaction (RegWatchStore.apply, step for step).
    func applyOne(feed: FeedRecord, articles: [ArticleDraft], now: Date) throws -> ApplyResult {
        var feed = feed
        guard let feedId = feed.id else { throw StoreError(.unknownFeed(feed.url), path: location) }
        var result = ApplyResult()

        // Rotating GUIDs: items whose GUID is new although their link is already stored under another GUID.
        let hasArticles = try session.scalar("SELECT true FROM article WHERE feedId = \(feedId) LIMIT 1", as: Bool.self) ?? false
        if feed.identityMode == "guid" && hasArticles {
            var rotated = 0
            var withGUID = 0
            for draft in articles {
                guard let guidKey = draft.guidIdentity else { continue }
                withGUID += 1
                guard let url = draft.canonicalURL else { continue }
                let known = try session.scalar("SELECT true FROM article WHERE feedId = \(feedId) AND identity = \(guidKey)",
                                               as: Bool.self) ?? false
                if known { continue }
                let sameLink = try session.scalar("""
                    SELECT true FROM article WHERE feedId = \(feedId) AND canonicalURL = \(url) AND identity LIKE 'guid:%' LIMIT 1
                    """, as: Bool.self) ?? false
                if sameLink { rotated += 1 }
            }
            if rotated >= 2 && rotated * 2 >= withGUID {
                feed.identityMode = "link"
                result.switchedToLinks = true
            }
        }

        // A GUID that this document gives to items with different links identifies none of them.
        var linksOfGUID: [String: Set<String>] = [:]
        for draft in articles {
            if let guid = draft.guidIdentity { linksOfGUID[guid, default: []].insert(draft.canonicalURL ?? draft.fallbackIdentity) }
        }
        for draft in articles {
            var identity = draft.identity(mode: feed.identityMode)
            if feed.identityMode == "guid", let guid = draft.guidIdentity, (linksOfGUID[guid]?.count ?? 0) > 1 {
                identity = draft.fallbackIdentity
            }
            var existing = try idAndHash("SELECT id, contentHash FROM article WHERE feedId = \(feedId) AND identity = \(identity)")
            if existing == nil, feed.identityMode == "link", let url = draft.canonicalURL {
                // Stored under its GUID before the switch: adopt that row.
                existing = try idAndHash("""
                    SELECT id, contentHash FROM article WHERE feedId = \(feedId) AND canonicalURL = \(url) ORDER BY id LIMIT 1
                    """)
            }
            let signature = draft.sketch.map { ByteBuffer(bytes: RegWatchStore.blob($0.signature)) }
            let lead = draft.sketch.map { ByteBuffer(bytes: RegWatchStore.blob($0.lead)) }
            let shingles = draft.sketch?.shingleCount ?? 0
            if let (id, oldHash) = existing {
                if oldHash == draft.contentHash {
                    try session.execute("UPDATE article SET identity = \(identity) WHERE id = \(id) AND identity != \(identity)")
                    continue
                }
                try session.execute("""
                    UPDATE article SET identity = \(identity), guid = \(draft.guid), canonicalURL = \(draft.canonicalURL),
                        title = \(draft.title), published = \(draft.published), updatedAt = \(now),
                        authors = \(RegWatchStore.json(draft.authors)), text = \(draft.text), contentHash = \(draft.contentHash),
                        sketch = \(signature), lead = \(lead), shingleCount = \(shingles)
                    WHERE id = \(id)
                    """)
                try session.execute("DELETE FROM articleBand WHERE articleId = \(id)")
                try insertBands(draft.sketch, articleId: id)
                result.updated += 1
                continue
            }

            let (duplicateOf, reason) = try findDuplicate(draft, feedId: feedId)
            guard let id = try session.scalar("""
                INSERT INTO article (feedId, identity, guid, canonicalURL, title, published, firstSeenAt, authors, text,
                    contentHash, duplicateOfId, duplicateReason, sketch, lead, shingleCount)
                VALUES (\(feedId), \(identity), \(draft.guid), \(draft.canonicalURL), \(draft.title), \(draft.published), \(now),
                    \(RegWatchStore.json(draft.authors)), \(draft.text), \(draft.contentHash), \(duplicateOf), \(reason),
                    \(signature), \(lead), \(shingles))
                RETURNING id
                """, as: Int64.self) else { continue }
            try insertBands(draft.sketch, articleId: id)
            result.inserted += 1
            if duplicateOf != nil { result.duplicates += 1 }
        }
        try update(feed)
        return result
    }

    func idAndHash(_ query: PostgresQuery) throws -> (Int64, String)? {
        guard let row = try session.rows(query).first else { return nil }
        return try session.decoding(query.sql) { try row.decode((Int64, String).self) }
    }

    func insertBands(_ sketch: TextSketch?, articleId: Int64) throws {
        guard let keys = sketch?.bandKeys, !keys.isEmpty else { return }
        try session.execute("""
            INSERT INTO articleBand (bandKey, articleId) SELECT DISTINCT unnest(\(keys)::bigint[]), \(articleId) ON CONFLICT DO NOTHING
            """)
    }

    /// The first-seen article of another feed that this draft repeats: same canonical URL, or a near-duplicate by LSH
    /// candidates confirmed by `DuplicateJudge` and not contradicted by `StoryFacts` (RegWatchStore.findDuplicate).
    func findDuplicate(_ draft: ArticleDraft, feedId: Int64) throws -> (Int64?, String?) {
        if let url = draft.canonicalURL, let row = try session.rows("""
            SELECT id, duplicateOfId FROM article WHERE canonicalURL = \(url) AND feedId != \(feedId) ORDER BY id LIMIT 1
            """).first {
            let (id, root) = try session.decoding("article") { try row.decode((Int64, Int64?).self) }
            return (root ?? id, "same canonical URL")
        }
        guard let sketch = draft.sketch, !sketch.isEmpty else { return (nil, nil) }
        let keys = sketch.bandKeys
        guard !keys.isEmpty else { return (nil, nil) }
        // Each bucket capped, as SQLite's UNION of LIMITed lookups: a crowded bucket is boilerplate, not a story.
        let limit = NearDuplicateIndex.bucketLimit
        let candidates = Set(try session.rows("""
            SELECT b.articleId FROM unnest(\(keys)::bigint[]) AS k(key),
                LATERAL (SELECT articleId FROM articleBand WHERE bandKey = k.key ORDER BY articleId DESC LIMIT \(limit)) b
            """).map { row in try session.decoding("articleBand") { try row.decode(Int64.self) } })
        guard !candidates.isEmpty else { return (nil, nil) }
        var loaded: [Int64: (feedId: Int64, duplicateOf: Int64?, title: String?, sketch: TextSketch?)] = [:]
        for row in try session.rows("""
            SELECT id, feedId, duplicateOfId, title, sketch, lead, shingleCount FROM article WHERE id = ANY(\(Array(candidates)))
            """) {
            let (id, feed, duplicateOf, title, signature, lead, shingles) = try session.decoding("article") {
                try row.decode((Int64, Int64, Int64?, String?, Data?, Data?, Int).self)
            }
            let stored = signature.map { signature in
                TextSketch(signature: RegWatchStore.unblob(signature), lead: RegWatchStore.unblob(lead ?? Data()),
                           shingleCount: shingles, titleWords: TextSketch(title: title ?? "", text: "").titleWords)
            }
            loaded[id] = (feed, duplicateOf, title, stored)
        }
        // The text is judged first; the stored text of the candidates it accepts is read in one statement (a story
        // told from a template meets dozens of near-twins, each read one by one otherwise).
        var judged: [(id: Int64, reason: String, title: String?, root: Int64)] = []
        for id in candidates.sorted() {
            guard let other = loaded[id], other.feedId != feedId, let otherSketch = other.sketch,
                  let reason = DuplicateJudge.reason(sketch, otherSketch) else { continue }
            judged.append((id, reason, other.title, other.duplicateOf ?? id))
        }
        guard !judged.isEmpty else { return (nil, nil) }
        var texts: [Int64: String] = [:]
        for row in try session.rows("SELECT id, text FROM article WHERE id = ANY(\(judged.map(\.id)))") {
            let (id, text) = try session.decoding("article") { try row.decode((Int64, String).self) }
            texts[id] = text
        }
        var best: (root: Int64, reason: String)?
        let mine = StoryFacts(title: draft.title ?? "", text: draft.text)
        for candidate in judged {
            // Parties, amounts and dates: the draft's, and the candidate's from its stored text.
            if mine.conflicts(with: StoryFacts(title: candidate.title ?? "", text: texts[candidate.id] ?? "")) { continue }
            if best == nil || candidate.root < best!.root { best = (candidate.root, candidate.reason) }
        }
        return (best?.root, best?.reason)
    }

    // MARK: Alerts and statistics

    public func markAlerted(_ ids: [String], now: Date) throws {
        guard !ids.isEmpty else { return }
        try session.execute("""
            INSERT INTO eventAlert (eventId, alertedAt) SELECT unnest(\(ids)::text[]), \(now) ON CONFLICT DO NOTHING
            """)
    }

    /// Nothing to do here: PostgreSQL's autovacuum analyses the tables a pull changed enough (SQLite's `PRAGMA
    /// optimize` does that work for the SQLite store).
    public func optimize() throws {}
}

extension PostgresStore {
    /// The advisory lock key of `pull` and `reextract`: one writer at a time, as the SQLite store's lock file.
    static let pullLockKey: Int64 = 0x7265_6777_7075_6c6c  // "regwpull"

    /// Takes the pull lock for this session (released when the connection closes, so a killed pull frees it):
    /// shared by the pullers, which share the feeds (`claimFeeds`), and exclusive for `reextract`, which rewrites every
    /// event and has the store to itself.
    /// - Returns: `false` when `wait` is false and another session holds it in a mode that excludes this one.
    public func takePullLock(wait: Bool, shared: Bool) throws -> Bool {
        let mode = shared ? "_shared" : ""
        if wait {
            try session.execute(PostgresQuery(unsafeSQL: "SELECT pg_advisory_lock\(mode)(\(Self.pullLockKey))::text"))
            return true
        }
        return try session.scalar(PostgresQuery(unsafeSQL: "SELECT pg_try_advisory_lock\(mode)(\(Self.pullLockKey))"),
                                  as: Bool.self) ?? false
    }

    /// Who holds the pull lock, as a message: the server process of the holder's session and its client address.
    public func pullLockHolder() throws -> String {
        let key = Self.pullLockKey
        let row = try session.rows("""
            SELECT a.pid, COALESCE(host(a.client_addr), 'local') FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.classid = \(Int64(UInt64(bitPattern: key) >> 32)) AND l.objid = \(key & 0xffff_ffff)
            LIMIT 1
            """).first
        guard let row else { return "a session that has just let go" }
        let (pid, client) = try session.decoding("pg_locks") { try row.decode((Int, String).self) }
        return "server process \(pid), client \(client)"
    }
}

extension PostgresStore {
    /// Several pullers share a PostgreSQL store: each fetches the due feeds it claims.
    public var sharesFeeds: Bool { true }

    /// Claims due feeds with `SELECT … FOR UPDATE SKIP LOCKED` and a lease (`leaseOwner`, `leaseUntil`, migration v13):
    /// two pullers claiming at the same moment skip each other's rows instead of waiting, a feed leased by a live
    /// puller is left to it, and a feed whose lease ran out (its puller died) is claimed again while still due. The
    /// lease is the server's clock; it ends when the feed's row is written (`update`), or when it runs out.
    public func claimFeeds(_ ids: [Int64], limit: Int, lease: TimeInterval, force: Bool, dueBy: Date, runStart: Date) throws
        -> (claimed: [FeedRecord], heldElsewhere: Int) {
        guard !ids.isEmpty else { return ([], 0) }
        // The feeds this puller still holds (claimed, not yet written) keep their lease while it lives and claims: a
        // slow write never lets a live puller's feed go to another.
        try session.execute("""
            UPDATE feed SET leaseUntil = now() + make_interval(secs => \(lease)) WHERE leaseOwner = \(pullerID)
            """)
        var sql = SQL()
        let idList = sql.bind(ids)
        // With --force every feed is fetched once per pull, due or not: once when not tried since this pull began.
        let toFetch = force ? "(lastAttemptAt IS NULL OR lastAttemptAt < \(sql.bind(runStart)))"
            : "(active AND (nextDueAt IS NULL OR nextDueAt <= \(sql.bind(dueBy))))"
        let owner = sql.bind(pullerID)
        sql.text = """
            WITH picked AS (
                SELECT id FROM feed WHERE id = ANY(\(idList)) AND (leaseUntil IS NULL OR leaseUntil < now()) AND \(toFetch)
                ORDER BY nextDueAt NULLS FIRST, id LIMIT \(max(0, limit)) FOR UPDATE SKIP LOCKED)
            UPDATE feed f SET leaseOwner = \(owner), leaseUntil = now() + make_interval(secs => \(sql.bind(lease)))
            FROM picked WHERE f.id = picked.id
            RETURNING \(Self.feedColumns.split(separator: ",").map { "f." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", "))
            """
        let claimed = try session.rows(sql.query).map(feedRecord).sorted { ($0.id ?? 0) < ($1.id ?? 0) }
        let held = try session.scalar(PostgresQuery(unsafeSQL: """
            SELECT COUNT(*) FROM feed WHERE id = ANY(\(idList)) AND leaseUntil >= now() AND leaseOwner IS DISTINCT FROM \(owner)
            AND \(toFetch)
            """, binds: sql.binds), as: Int.self) ?? 0
        return (claimed, held)
    }
}
