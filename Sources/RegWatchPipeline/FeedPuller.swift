import Foundation
import RegWatchCore
import RegWatchFeedList
import RegWatchFetch
import RegWatchIngest
import RegWatchStore

/// Reads fetched bytes. ``standard`` is RegWatchIngest's `SourceReader`; tests may put another reader in its place.
public struct FeedReader: Sendable {
    /// Parses a source's body as its options say (a feed, a brief page, a list page), reading up to `maxBytes`: the
    /// feed's own limit, which the fetch has already applied to the decoded body, so nothing it accepted is cut.
    /// `cutAt`: the fetch cut the body at this limit (``FetchResponse/cutAt``), so it is only the document's start.
    public var parse: @Sendable (_ bytes: [UInt8], _ url: String?, _ contentType: String?, _ options: [String: String],
                                 _ maxBytes: Int, _ cutAt: Int?) -> FeedDocument
    /// Puts the main text of an item's fetched page into the item (`full_text=yes`), or says why it cannot.
    public var fullText: @Sendable (_ bytes: [UInt8], _ url: String?, _ contentType: String?, _ entry: FeedEntry) -> Result<FeedEntry, any Error>

    public init(parse: @escaping @Sendable ([UInt8], String?, String?, [String: String], Int, Int?) -> FeedDocument,
                fullText: @escaping @Sendable ([UInt8], String?, String?, FeedEntry) -> Result<FeedEntry, any Error>) {
        self.parse = parse
        self.fullText = fullText
    }

    /// Feeds, brief pages and list pages through libxml2, as the source's options say.
    public static let standard = FeedReader(
        parse: { bytes, url, contentType, options, maxBytes, cutAt in
            SourceReader.read(bytes, url: url, contentType: contentType, options: options,
                              limits: FeedParser.Limits(maxBytes: maxBytes), cutAt: cutAt)
        },
        fullText: { bytes, url, contentType, entry in
            SourceReader.fullText(bytes, url: url, contentType: contentType, entry: entry).mapError { $0 as any Error }
        })
}

/// Knobs of one pull.
public struct PullOptions: Sendable {
    /// Feeds fetched at a time.
    public var jobs = 8
    /// Requests at a time to one host.
    public var perHost = 2
    /// Pull every feed now, due or not, inactive (410) ones included.
    public var force = false
    public var policy = FetchPolicy()
    /// First retry delay after a failure; doubled at each consecutive failure.
    public var backoffBase: TimeInterval = 300
    public var backoffCap: TimeInterval = 86_400
    /// A feed due within this margin counts as due, so an hourly cron does not skip an hourly feed
    /// that became due a few seconds after the cron fired.
    public var dueTolerance: TimeInterval = 120
    /// Updated feeds written per transaction: at most this many articles, or this long after the first (each feed
    /// is still all or nothing).
    public var batchArticles = 2_000
    public var batchInterval: Duration = .milliseconds(250)
    /// With `full_text=yes`, item pages fetched per feed and pull; the rest wait for the next pull.
    public var pagesPerFeed = 50
    /// On a store that several pullers share (PostgreSQL): how long a claimed feed stays this pull's. A puller that
    /// dies holding feeds gives them up when their lease runs out, and the other pullers take them over.
    public var lease: TimeInterval = 120

    public init() {}
}

/// How one feed's pull ended.
public enum FeedOutcome: Sendable, Hashable {
    case updated(ApplyResult)
    /// 304, or a body identical to the last one.
    case notModified
    case failed(String)
}

/// Live counts for the progress line.
public struct PullProgress: Sendable, Hashable {
    public var done = 0
    public var total = 0
    public var newArticles = 0
    public var failures = 0
}

/// The result of a pull.
public struct PullSummary: Sendable, Hashable {
    public var listed = 0
    public var due = 0
    /// Due feeds that other pullers of a shared store fetched (counted in neither `due` nor the outcomes).
    public var takenByOthers = 0
    public var updated = 0
    public var notModified = 0
    public var failed = 0
    public var articlesNew = 0
    public var articlesUpdated = 0
    public var duplicates = 0
    /// One line per failed feed: "URL: reason".
    public var failures: [String] = []
    /// One line per feed whose new document was cut at its body limit (``FeedPuller/cutMessage(url:limit:)``): its
    /// items before the cut were stored, and the feed row keeps the limit (`FeedRecord.cutAt`).
    public var cut: [String] = []
    /// Item pages fetched for `full_text=yes` sources.
    public var pagesFetched = 0
    /// Item pages that gave no main text (the teaser is kept, and the page tried again at the next pull).
    public var pageFailures: [String] = []
    /// Every http feed failed to connect: the error counts were left alone.
    public var networkDown = false
    public var seconds = 0.0
}

/// Pulls feeds into the store: fetches with bounded concurrency, parses, and writes each feed in
/// one transaction from the parent task (the only writer).
public struct FeedPuller: Sendable {
    public let store: any StoreWriting
    public let fetcher: FeedFetcher
    public let reader: FeedReader
    public let options: PullOptions
    public let now: @Sendable () -> Date

    public init(store: any StoreWriting, fetcher: FeedFetcher, options: PullOptions = PullOptions(),
                now: @escaping @Sendable () -> Date = { Date() }, reader: FeedReader = .standard) {
        self.store = store
        self.fetcher = fetcher
        self.options = options
        self.now = now
        self.reader = reader
    }

    /// The feeds of `sources` that are due now (all of them with `force`), registering new ones.
    public func dueFeeds(_ sources: [FeedSource], register: Bool = true) throws -> [(FeedSource, FeedRecord)] {
        let at = now()
        var due: [(FeedSource, FeedRecord)] = []
        for source in sources {
            let feed = register
                ? try store.ensureFeed(url: source.url, tags: source.tags, options: source.options, now: at)
                : try store.feed(url: source.url) ?? FeedRecord(url: source.url, tags: source.tags, options: source.options)
            if Self.isDue(feed, at: at, force: options.force, tolerance: options.dueTolerance) { due.append((source, feed)) }
        }
        return due
    }

    public static func isDue(_ feed: FeedRecord, at: Date, force: Bool, tolerance: TimeInterval) -> Bool {
        if force { return true }
        guard feed.active else { return false }
        guard let next = feed.nextDueAt else { return true }
        return next <= at.addingTimeInterval(tolerance)
    }

    /// Pulls the due feeds of `sources`.
    public func pull(_ sources: [FeedSource], progress: @escaping @Sendable (PullProgress) -> Void = { _ in })
        async throws -> PullSummary {
        let started = Date()
        let due = try dueFeeds(sources)
        var summary = PullSummary()
        summary.listed = sources.count
        summary.due = due.count
        var run = try store.beginRun(pid: Int(ProcessInfo.processInfo.processIdentifier), now: now())
        var queue = FeedQueue(due: due, store: store, options: options, runStart: run.startedAt, now: now)
        var live = PullProgress(total: due.count)
        progress(live)
        let limiter = HostLimiter(limit: options.perHost)

        // Connection failures of http feeds wait for the end: if every http feed failed to connect,
        // the network is down and no feed is to blame.
        var unreachable: [(FeedRecord, FeedSource, FetchError)] = []
        var httpAttempts = 0

        // A child task's result is a fetched feed, or nil from a timer: a batch is written when its interval ends
        // even while the other fetches are still running, so a slow feed never holds finished ones unwritten.
        // On a shared store the due feeds come in claimed batches; once none is left to claim, the feeds other pullers
        // hold are waited for: those whose puller died are claimed when their lease runs out, and fetched in another
        // round.
        repeat {
        try await withThrowingTaskGroup(of: Fetched?.self) { group in
            for _ in 0..<max(1, options.jobs) {
                if let (source, feed) = try queue.next() { group.addTask { await self.fetchOne(feed, source, limiter) } }
            }
            // Updated feeds are written in small batches: each feed stays all or nothing (its articles, validators
            // and status in one transaction), and a commit every few hundred milliseconds instead of every feed
            // writes the index pages that many feeds touch once.
            var batch: [(fetched: Fetched, feed: FeedRecord, drafts: [ArticleDraft])] = []
            var batchDrafts = 0
            var batchStarted = ContinuousClock.now
            var timerPending = false
            func armTimer() {
                guard !batch.isEmpty, !timerPending else { return }
                timerPending = true
                let interval = options.batchInterval
                group.addTask { try? await Task.sleep(for: interval); return nil }
            }
            func flush() throws {
                guard !batch.isEmpty else { return }
                let results = try store.apply(batch: batch.map { (feed: $0.feed, articles: $0.drafts) }, now: now())
                for (entry, result) in zip(batch, results) {
                    tally(.updated(result), url: entry.feed.url, into: &summary, progress: &live, deferred: false)
                }
                batch.removeAll(keepingCapacity: true)
                batchDrafts = 0
                progress(live)
            }
            while let next = try await group.next() {
                try Task.checkCancellation()
                guard let fetched = next else {
                    timerPending = false
                    if ContinuousClock.now - batchStarted >= options.batchInterval { try flush() }
                    armTimer()
                    continue
                }
                if FeedFetcher.localPath(fetched.feed.url) == nil { httpAttempts += 1 }
                if case .success(let (_, parsed?)) = fetched.result {
                    summary.pagesFetched += parsed.pagesFetched
                    summary.pageFailures += parsed.pageFailures
                    if let limit = parsed.cutAt { summary.cut.append(Self.cutMessage(url: fetched.feed.url, limit: limit)) }
                    if batch.isEmpty { batchStarted = .now }
                    batch.append((fetched, try updatedRecord(fetched), parsed.drafts))
                    batchDrafts += parsed.drafts.count
                } else {
                    let outcome: FeedOutcome
                    if case .failure(let error) = fetched.result, error.isConnectivity {
                        unreachable.append((fetched.feed, fetched.source, error))
                        outcome = .failed(error.description)
                    } else {
                        outcome = try record(fetched)
                    }
                    tally(outcome, url: fetched.feed.url, into: &summary, progress: &live, deferred: fetched.result.isConnectivity)
                    progress(live)
                }
                if batchDrafts >= options.batchArticles || ContinuousClock.now - batchStarted >= options.batchInterval {
                    try flush()
                }
                armTimer()
                if let (source, feed) = try queue.next() { group.addTask { await self.fetchOne(feed, source, limiter) } }
            }
            try flush()
        }
        } while try await queue.awaitTakeover()
        if store.sharesFeeds {
            summary.takenByOthers = summary.due - queue.claimedCount
            summary.due = queue.claimedCount
            live.total = queue.claimedCount
        }

        summary.networkDown = httpAttempts > 0 && unreachable.count == httpAttempts
        for (feed, source, error) in unreachable {
            var feed = feed
            if summary.networkDown {
                // Not the feed's fault: note it, retry at the next run, keep the count.
                feed.lastError = "network down: \(error)"
                feed.lastAttemptAt = now()
                feed.nextDueAt = now()
                try store.save(feed)
            } else {
                try store.save(failed(feed, source, error: error))
            }
            summary.failures.append(error.description)
        }
        summary.failures.sort()
        summary.cut.sort()
        summary.seconds = Date().timeIntervalSince(started)
        run.endedAt = now()
        run.feedsTotal = summary.due
        run.feedsUpdated = summary.updated
        run.feedsNotModified = summary.notModified
        run.feedsFailed = summary.failed
        run.feedsSkipped = summary.listed - summary.due
        run.articlesNew = summary.articlesNew
        run.articlesUpdated = summary.articlesUpdated
        run.duplicates = summary.duplicates
        try store.finish(run)
        return summary
    }

    private func tally(_ outcome: FeedOutcome, url: String, into summary: inout PullSummary, progress: inout PullProgress,
                       deferred: Bool) {
        progress.done += 1
        switch outcome {
        case .updated(let result):
            summary.updated += 1
            summary.articlesNew += result.inserted
            summary.articlesUpdated += result.updated
            summary.duplicates += result.duplicates
            progress.newArticles += result.inserted
        case .notModified:
            summary.notModified += 1
        case .failed(let message):
            summary.failed += 1
            progress.failures += 1
            if !deferred { summary.failures.append(message) }
        }
    }

    // MARK: One feed

    struct Parsed: Sendable {
        var title: String?
        var ttl: TimeInterval?
        var drafts: [ArticleDraft]
        var reusesGUIDs: Bool
        var pagesFetched = 0
        var pageFailures: [String] = []
        /// Items stored as teasers whose pages are still to be read (failed, or past the per-pull cap).
        var pagesPending = 0
        /// `FeedFormat.rawValue` of the document.
        var format: String?
        /// The body limit the document was cut at, when it was longer (`FetchResponse.cutAt`).
        var cutAt: Int?
    }

    /// What to tell about a feed whose document was cut at its body limit: the feed, the limit, and what to do.
    public static func cutMessage(url: String, limit: Int) -> String {
        "\(url): document cut at \(limit) bytes, its body limit (max_bytes= on its line, else pull --max-bytes): "
            + "the items before the cut were stored, the rest was not read; raise max_bytes= on its line in the feed list"
    }

    /// Why an HTML page in place of a feed is a failed fetch, or nil when the page is what the source serves.
    ///
    /// Detection by content lets a source without `type=` be a feed or a page. But a server that has served a feed
    /// and now answers 200 with an HTML error page ("Service temporarily unavailable") would have that page stored
    /// as an article. So a page is accepted only from a source whose line says `type=html`, or that has served
    /// nothing but pages so far; from one that says `type=feed` or has served a feed, it is a failure (the feed's
    /// articles stay as they were, and it is tried again at its next pull).
    static func unexpectedPage(_ document: FeedDocument, source: FeedSource, previous: String?) -> String? {
        guard document.format == .html, source.options["type"] != "html" else { return nil }
        let declared = source.options["type"] == "feed"
        guard declared || (previous.flatMap(FeedFormat.init(rawValue:)).map { $0 != .html && $0 != .unknown } ?? false) else {
            return nil
        }
        let title = (document.feed.title ?? document.entries.first?.title).map(ArticleBuilder.plain)?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let page = title.map { $0.isEmpty ? "an HTML page" : "an HTML page ('\($0.prefix(80))')" } ?? "an HTML page"
        let was = declared ? "its line says type=feed"
            : "it served \(FeedFormat(rawValue: previous ?? "")?.displayName ?? "a feed") until now"
        return "served \(page) instead of a feed (\(was)); nothing was stored, and the feed is tried again at its next pull. "
            + "If the source is now a web page, add type=html to its line"
    }

    struct Fetched: Sendable {
        var feed: FeedRecord
        var source: FeedSource
        var result: Result<(FetchResponse, Parsed?), FetchError>
    }

    /// Fetch and parse, off the writer: runs in a child task.
    func fetchOne(_ feed: FeedRecord, _ source: FeedSource, _ limiter: HostLimiter) async -> Fetched {
        let host = FeedFetcher.localPath(feed.url) == nil ? (URL(string: feed.url)?.host ?? "") : ""
        if !host.isEmpty { await limiter.acquire(host) }
        let result: Result<FetchResponse, FetchError>
        let limit = source.maxBytes ?? options.policy.maxBodyBytes
        // A document cut at another limit than today's is read again whole, validators or not: a raised max_bytes
        // takes effect at once instead of after the publisher's next change.
        let revalidate = feed.cutAt == nil || feed.cutAt == limit
        do {
            // A relative path of the list is read from the list's folder (the feed's URL stays as written: its identity).
            let location = feed.url == source.url ? source.location : feed.url
            let request = revalidate ? FetchRequest(url: location, etag: feed.etag, lastModified: feed.lastModified)
                : FetchRequest(url: location)
            result = .success(try await fetcher.fetch(request, maxBytes: limit))
        } catch {
            result = .failure(error)
        }
        if !host.isEmpty { await limiter.release(host) }
        switch result {
        case .failure(let error):
            return Fetched(feed: feed, source: source, result: .failure(error))
        case .success(let response):
            if response.notModified || (revalidate && ArticleBuilder.checksum(response.body) == feed.bodyChecksum) {
                return Fetched(feed: feed, source: source, result: .success((response, nil)))
            }
            // A body cut at the limit is parsed as far as it goes: a feed keeps the items that end before the cut.
            let document = reader.parse(response.body, response.finalURL, response.contentType, source.options, limit,
                                        response.cutAt)
            guard document.format != .unknown, !(document.format == .html && document.entries.isEmpty && document.bozo) else {
                let reason = document.bozoException.map { ": \($0)" } ?? ""
                let what = document.format == .html ? "no briefs read from the page" : "not a feed (RSS, Atom, JSON Feed)"
                return Fetched(feed: feed, source: source,
                               result: .failure(FetchError(.transport("\(what)\(reason)"), url: feed.url)))
            }
            if let problem = Self.unexpectedPage(document, source: source, previous: feed.format) {
                return Fetched(feed: feed, source: source, result: .failure(FetchError(.transport(problem), url: feed.url)))
            }
            let (drafts, reuses) = ArticleBuilder.drafts(document)
            var parsed = Parsed(title: document.feed.title.map(ArticleBuilder.plain), ttl: document.feed.ttlMinutes.map { TimeInterval($0 * 60) },
                                drafts: drafts, reusesGUIDs: reuses, format: document.format.rawValue, cutAt: response.cutAt)
            if source.fullText {
                await fetchPages(document.entries, feed: feed, source: source, limiter: limiter, into: &parsed)
            }
            return Fetched(feed: feed, source: source, result: .success((response, parsed)))
        }
    }

    /// `full_text=yes`: fetches the page of each item that is new or whose teaser changed (never on every pull), and
    /// puts the page's main text in the item's draft. The draft keeps the teaser's identity and hash, so the next
    /// pull sees the item unchanged; a page that fails keeps the teaser under a hash that makes the next pull retry.
    func fetchPages(_ entries: [FeedEntry], feed: FeedRecord, source: FeedSource, limiter: HostLimiter,
                    into parsed: inout Parsed) async {
        guard let feedId = feed.id, entries.count == parsed.drafts.count else { return }
        let identities = parsed.drafts.map { $0.identity(mode: feed.identityMode) }
        let stored = (try? store.contentHashes(feedId: feedId, identities: identities)) ?? [:]
        var wanted: [Int] = []
        var seen: Set<String> = []
        for (i, draft) in parsed.drafts.enumerated()
        where stored[identities[i]] != draft.contentHash && seen.insert(identities[i]).inserted {
            wanted.append(i)
        }
        let teaserMark = "~teaser"
        let fetcher = self.fetcher
        let reader = self.reader
        let maxBytes = source.maxBytes
        let results = await withTaskGroup(of: (Int, Result<FeedEntry, any Error>?).self) { group in
            var queue = wanted.makeIterator()
            var started = 0
            func next() -> Bool {
                guard started < options.pagesPerFeed, let i = queue.next() else { return false }
                started += 1
                let entry = entries[i]
                guard let link = entry.link ?? entry.links.first(where: { $0.rel == "alternate" })?.href else {
                    group.addTask { (i, nil) }
                    return true
                }
                group.addTask {
                    let host = FeedFetcher.localPath(link) == nil ? (URL(string: link)?.host ?? "") : ""
                    if !host.isEmpty { await limiter.acquire(host) }
                    let page: Result<FetchResponse, FetchError>
                    do throws(FetchError) {
                        page = .success(try await fetcher.fetch(FetchRequest(url: link), maxBytes: maxBytes))
                    } catch {
                        page = .failure(error)
                    }
                    if !host.isEmpty { await limiter.release(host) }
                    switch page {
                    case .success(let page) where page.cutAt != nil:
                        // A page cut short would give part of an article as its whole text: keep the teaser instead.
                        return (i, .failure(FetchError(.bodyTooLarge(limit: page.cutAt ?? 0), url: link)))
                    case .success(let page): return (i, reader.fullText(page.body, page.finalURL, page.contentType, entry))
                    case .failure(let error): return (i, .failure(error))
                    }
                }
                return true
            }
            for _ in 0..<4 where next() {}
            var out: [(Int, Result<FeedEntry, any Error>?)] = []
            while let result = await group.next() {
                out.append(result)
                _ = next()
            }
            return out
        }
        var fetched: Set<Int> = []
        for (i, result) in results {
            fetched.insert(i)
            let teaser = parsed.drafts[i]
            switch result {
            case .success(let entry)?:
                parsed.pagesFetched += 1
                var full = ArticleBuilder.draft(entry)
                full.guidIdentity = teaser.guidIdentity
                full.fallbackIdentity = teaser.fallbackIdentity
                full.guid = teaser.guid
                full.canonicalURL = teaser.canonicalURL
                full.contentHash = teaser.contentHash
                parsed.drafts[i] = full
            case .failure(let error)?:
                parsed.pagesFetched += 1
                parsed.pageFailures.append("\(feed.url): item page \(entries[i].link ?? "?"): \(error)")
                parsed.drafts[i].contentHash = teaser.contentHash + teaserMark
                parsed.pagesPending += 1
            case nil:
                // No link: the teaser is all there is.
                break
            }
        }
        // Past the per-pull cap: stored as teasers now, their pages fetched at the next pull.
        for i in wanted where !fetched.contains(i) {
            parsed.drafts[i].contentHash += teaserMark
            parsed.pagesPending += 1
        }
    }

    /// Writes one feed's result: one transaction.
    func record(_ fetched: Fetched) throws -> FeedOutcome {
        switch fetched.result {
        case .failure(let error):
            try store.save(failed(fetched.feed, fetched.source, error: error))
            return .failed(error.description)
        case .success(let (_, parsed)):
            let feed = try updatedRecord(fetched)
            guard let parsed else {
                try store.save(feed)
                return .notModified
            }
            return .updated(try store.apply(feed: feed, articles: parsed.drafts, now: now()))
        }
    }

    /// The feed's row after a successful fetch: validators, schedule, redirect, title and identity mode.
    func updatedRecord(_ fetched: Fetched) throws -> FeedRecord {
        guard case .success(let (response, parsed)) = fetched.result else { return fetched.feed }
        var feed = fetched.feed
        let at = now()
        feed.lastAttemptAt = at
        feed.lastSuccessAt = at
        feed.lastStatus = response.status
        feed.lastError = nil
        feed.errorCount = 0
        feed.active = true
        feed.inactiveReason = nil
        if !response.notModified {
            feed.etag = response.etag
            feed.lastModified = response.lastModified
            feed.bodyChecksum = ArticleBuilder.checksum(response.body)
        }
        if (parsed?.pagesPending ?? 0) > 0 {
            // Item pages are still to be read: the next pull must read the feed again, not take a 304.
            feed.etag = nil
            feed.lastModified = nil
            feed.bodyChecksum = nil
        }
        // The ttl of the document parsed now, or, after a 304 or an unchanged body, of the last one parsed; and so
        // whether the stored document was cut.
        if let parsed {
            feed.ttl = parsed.ttl
            feed.cutAt = parsed.cutAt
        }
        var wait = fetched.source.interval
        if let maxAge = response.maxAge { wait = max(wait, maxAge) }
        if let ttl = feed.ttl { wait = max(wait, ttl) }
        feed.nextDueAt = at.addingTimeInterval(wait)
        try observeRedirect(&feed, response.permanentRedirect)
        if let parsed {
            if let title = parsed.title, !title.isEmpty { feed.title = title }
            if let format = parsed.format { feed.format = format }
            if parsed.reusesGUIDs { feed.identityMode = "link" }
        }
        return feed
    }

    /// Counts a permanent redirect; adopts its target once seen on three consecutive pulls.
    func observeRedirect(_ feed: inout FeedRecord, _ target: String?) throws {
        guard let target, target != feed.url else {
            feed.redirectTarget = nil
            feed.redirectCount = 0
            if feed.redirectNote?.hasPrefix("permanent redirect") == true { feed.redirectNote = nil }
            return
        }
        feed.redirectCount = feed.redirectTarget == target ? feed.redirectCount + 1 : 1
        feed.redirectTarget = target
        if feed.redirectCount >= 3 {
            if try store.urlInUse(target, except: feed.id) {
                feed.redirectNote = "permanent redirect to \(target) seen on \(feed.redirectCount) pulls, not adopted: another feed uses that URL"
                return
            }
            feed.redirectNote = "moved permanently from \(feed.url) to \(target) (adopted after 3 consecutive pulls); update Feeds/feeds.txt"
            feed.url = target
            feed.redirectTarget = nil
            feed.redirectCount = 0
        } else {
            feed.redirectNote = "permanent redirect to \(target) seen on \(feed.redirectCount) of 3 consecutive pulls"
        }
    }

    func failed(_ feed: FeedRecord, _ source: FeedSource, error: FetchError) -> FeedRecord {
        var feed = feed
        let at = now()
        feed.lastAttemptAt = at
        feed.lastStatus = error.status
        feed.lastError = error.description
        feed.errorCount += 1
        if error.status == 410 {
            feed.active = false
            feed.inactiveReason = "410 Gone: the publisher removed this feed; remove its line from the feed list, or `regwatch pull --force` to try again"
        }
        var delay = Self.backoff(errors: feed.errorCount, base: options.backoffBase, cap: options.backoffCap,
                                 jitter: Double.random(in: -0.1...0.1))
        if let retry = error.retryAfter { delay = min(options.backoffCap, retry) }
        feed.nextDueAt = at.addingTimeInterval(delay)
        return feed
    }

    /// Exponential backoff with jitter: `base × 2^(errors−1) × (1 + jitter)`, never above `cap`.
    public static func backoff(errors: Int, base: TimeInterval, cap: TimeInterval, jitter: Double) -> TimeInterval {
        let exponent = Double(min(max(errors - 1, 0), 30))
        return min(cap, base * pow(2, exponent) * (1 + jitter))
    }
}

extension Result where Failure == FetchError {
    var isConnectivity: Bool {
        if case .failure(let error) = self { return error.isConnectivity }
        return false
    }
}

/// At most `limit` requests at a time per host.
actor HostLimiter {
    let limit: Int
    private var active: [String: Int] = [:]
    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]

    init(limit: Int) { self.limit = max(1, limit) }

    func acquire(_ host: String) async {
        if active[host, default: 0] < limit {
            active[host, default: 0] += 1
            return
        }
        await withCheckedContinuation { waiters[host, default: []].append($0) }
    }

    func release(_ host: String) {
        if var queue = waiters[host], !queue.isEmpty {
            let next = queue.removeFirst()
            waiters[host] = queue
            next.resume()  // the slot passes to the waiter
        } else {
            active[host, default: 1] -= 1
        }
    }
}

/// The due feeds of one pull, in the order they are fetched. On a store that one pull writes at a time (SQLite), the
/// feeds found due; on a store that pullers share (PostgreSQL), the feeds this puller claims from them, a batch at a
/// time (`StoreWriting.claimFeeds`), so that each due feed is fetched by one puller.
struct FeedQueue {
    let store: any StoreWriting
    let options: PullOptions
    let runStart: Date
    let now: @Sendable () -> Date
    let sources: [Int64: FeedSource]
    let ids: [Int64]
    var local: IndexingIterator<[(FeedSource, FeedRecord)]>
    var buffer: [(FeedSource, FeedRecord)] = []
    var exhausted = false
    var lastClaim = ContinuousClock.now
    private(set) var claimedCount = 0

    init(due: [(FeedSource, FeedRecord)], store: any StoreWriting, options: PullOptions, runStart: Date,
         now: @escaping @Sendable () -> Date) {
        self.store = store
        self.options = options
        self.runStart = runStart
        self.now = now
        var sources: [Int64: FeedSource] = [:]
        for (source, feed) in due { if let id = feed.id { sources[id] = source } }
        self.sources = sources
        ids = due.compactMap { $0.1.id }
        local = (store.sharesFeeds ? [] : due).makeIterator()
    }

    /// Claims per round trip: enough to keep every job busy for a while, few enough to leave work to the others.
    var batchSize: Int { max(8, options.jobs * 2) }

    /// The next feed to fetch, nil when none is left that this puller can claim now.
    mutating func next() throws -> (FeedSource, FeedRecord)? {
        guard store.sharesFeeds else {
            if let next = local.next() { claimedCount += 1; return next }
            return nil
        }
        // Once nothing was left to claim, asked again at most every second: a claim also renews the leases of the
        // feeds this puller still holds, and may find a feed whose puller died.
        if buffer.isEmpty && (!exhausted || ContinuousClock.now - lastClaim > .seconds(1)) {
            lastClaim = .now
            let claim = try store.claimFeeds(ids, limit: batchSize, lease: options.lease, force: options.force,
                                             dueBy: now().addingTimeInterval(options.dueTolerance), runStart: runStart)
            buffer = claim.claimed.reversed().compactMap { feed in feed.id.flatMap { sources[$0] }.map { ($0, feed) } }
            claimedCount += buffer.count
            exhausted = buffer.isEmpty
        }
        return buffer.popLast()
    }

    /// After a round: while due feeds are held by other pullers, waits, and claims those whose lease ran out.
    /// - Returns: whether there is a new round to fetch.
    mutating func awaitTakeover() async throws -> Bool {
        guard store.sharesFeeds else { return false }
        while true {
            let claim = try store.claimFeeds(ids, limit: batchSize, lease: options.lease, force: options.force,
                                             dueBy: now().addingTimeInterval(options.dueTolerance), runStart: runStart)
            if !claim.claimed.isEmpty {
                buffer = claim.claimed.reversed().compactMap { feed in feed.id.flatMap { sources[$0] }.map { ($0, feed) } }
                claimedCount += buffer.count
                exhausted = false
                return true
            }
            if claim.heldElsewhere == 0 { return false }
            try await Task.sleep(for: .milliseconds(500))
        }
    }
}
