import ArgumentParser
import Foundation
import RegWatchCore
import RegWatchEvents
import RegWatchFeedList
import RegWatchFetch
import RegWatchIngest
import RegWatchPipeline
import RegWatchStore

/// `regwatch pull`: fetches the due feeds of the feed list into the store.
struct Pull: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch the feeds that are due into the local store.",
        discussion: """
            Reads the feed list (\(FeedList.defaultPath)), fetches every feed that is due — http(s) with \
            conditional GET, local paths and file: URLs — and stores new and edited articles, each feed \
            all or nothing (in one transaction, shared with the feeds fetched in the same 250 ms). A feed is due by its interval (interval=, default 1h), Cache-Control \
            max-age, RSS <ttl>, Retry-After, or its backoff after failures (doubling from 5 min, at most \
            24 h). A body longer than its limit (max_bytes=, else --max-bytes) is cut there: the items before \
            the cut are stored, a warning names the feed, and `feeds status` shows the cut until a whole document \
            is read. Built to run from cron every hour: --quiet prints only errors and warnings.

            Exit codes: 0 every due feed succeeded; 1 some feeds failed (the rest were stored); \
            2 usage error; 3 the feed list cannot be read or is malformed; 4 another pull holds the \
            store (with --no-wait); 5 the store cannot be opened or written; 6 the output cannot be written.

            Examples:
              regwatch pull
              regwatch pull --feeds Feeds/feeds.txt --store /var/lib/regwatch/regwatch.sqlite --quiet
              regwatch pull --force --jobs 4
            """)

    @Option(help: ArgumentHelp("The feed list.", valueName: "file"))
    var feeds: String = FeedList.defaultPath

    @Option(help: "Feeds fetched at a time (at most 2 per host).")
    var jobs: Int = 8

    @Flag(help: "Pull every feed now, due or not (and feeds marked gone by a 410).")
    var force = false

    @Flag(help: "Print only errors (for cron).")
    var quiet = false

    @Flag(name: .customLong("dry-run"), help: "Show which feeds are due, and fetch nothing.")
    var dryRun = false

    @Flag(name: .customLong("no-wait"), help: "If another pull holds the store, exit at once (code 4) instead of waiting.")
    var noWait = false

    @Option(help: ArgumentHelp("On a PostgreSQL store that several pulls share: how long a claimed feed stays this pull's; "
                               + "the feeds of a pull that dies are taken over by the others after it.", valueName: "seconds"))
    var lease: Double = 120

    @Option(name: .customLong("max-bytes"), help: "Largest feed body read, after decompression; a longer one is cut there (max_bytes= overrides per feed).")
    var maxBytes: Int = 10 * 1024 * 1024

    // Issue 6: events and alerts.
    @Option(name: .customLong("alert"), help: ArgumentHelp(
        "Announce each new event matching this rule once, e.g. 'type=ban,block company=ByteDance' (repeatable).", valueName: "rule"))
    var alerts: [String] = []

    @Option(name: .customLong("alerts-file"), help: ArgumentHelp("Alert rules, one per line (# comments).", valueName: "file"))
    var alertsFile: String?

    @Option(name: .customLong("alert-exec"), help: ArgumentHelp(
        "Run this shell command per alert, the event's JSON on stdin (REGWATCH_EVENT_ID set), instead of printing.", valueName: "command"))
    var alertExec: String?

    @Option(name: .customLong("alert-timeout"), help: ArgumentHelp(
        "Stop an --alert-exec command that runs longer than this (e.g. 30s, 2m).", valueName: "duration"))
    var alertTimeout: String = "30s"

    @Option(help: ArgumentHelp("Days within which mentions of one event are merged.", valueName: "days"))
    var window: Double = 14

    @OptionGroup var entityOptions: EntityOptions

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if window <= 0 { throw ValidationError("--window must be a positive number of days") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxBytes < 1 || maxBytes > FeedList.maxSize {
            throw ValidationError("--max-bytes must be between 1 and \(FeedList.maxSize) (2 GB, the most one document can be)")
        }
        if FeedList.parseDuration(alertTimeout).map({ $0 > 0 }) != true {
            throw ValidationError("--alert-timeout '\(alertTimeout)' is not a duration of at most 366 days; use e.g. 30s, 2m or 1h")
        }
    }

    func run() async throws {
        let sources: [FeedSource]
        do {
            sources = try FeedList.load(feeds)
        } catch {
            printError("\(error)")
            throw ExitCode(ExitCodes.input)
        }
        var options = PullOptions()
        options.jobs = jobs
        options.force = force
        options.lease = lease
        options.policy.maxBodyBytes = maxBytes
        options.policy.largestFeedMaxBytes = sources.compactMap(\.maxBytes).max() ?? 0
        options.policy.userAgent = "RegWatch/\(RegWatch.version) (+https://github.com/regwatch/regwatch)"

        if dryRun {
            let db = try store.openForPull()
            try await FeedFetcher.withFetcher(policy: options.policy) { fetcher in
                let puller = FeedPuller(store: db, fetcher: fetcher, options: options)
                let due = try puller.dueFeeds(sources, register: false)
                for (source, feed) in due {
                    emit("due  \(source.url)" + (feed.nextDueAt.map { "  (was due \(iso8601($0)))" } ?? "  (never pulled)"))
                }
                emit("\(due.count) of \(sources.count) feeds are due; nothing was fetched (--dry-run)")
            }
            return
        }

        let (db, lock) = try store.openLocked(wait: !noWait, shared: true)
        defer { withExtendedLifetime(lock) {} }
        let resolver = try entityOptions.resolver()
        var alertRules = try alerts.map { try AlertRule($0, origin: "--alert '\($0)'", resolver: resolver) }
        if let alertsFile { alertRules += try AlertRule.load(path: alertsFile, resolver: resolver) }
        let summary: PullSummary
        do {
            summary = try await pullAndIndex(sources, into: db, options: options, alertRules: alertRules)
        } catch let error as ExitCode {
            throw error
        } catch is CancellationError {
            throw ExitCode.failure
        } catch {
            // A store that cannot be written (a full disk, an I/O error) stops the pull; each feed was written all
            // or nothing, so what was stored before stays intact.
            printError("\(store.displayLocation): the store could not be written: \(error); "
                       + "free some space or move the store (--store), then pull again")
            throw ExitCode(ExitCodes.store)
        }
        if summary.failed > 0 { throw ExitCode(ExitCodes.partialFailure) }
    }

    /// Fetches and stores the due feeds, prints what happened, then extracts, merges and announces events.
    private func pullAndIndex(_ sources: [FeedSource], into db: any StoreWriting, options: PullOptions, alertRules: [AlertRule])
        async throws -> PullSummary {
        let extractor = try entityOptions.extractor()
        let pullStarted = Date()
        let live = !quiet && isatty(STDERR_FILENO) == 1
        let summary = try await FeedFetcher.withFetcher(policy: options.policy) { fetcher in
            let puller = FeedPuller(store: db, fetcher: fetcher, options: options)
            return try await puller.pull(sources) { p in
                guard live else { return }
                let line = "\r\u{1B}[Kpull: \(p.done)/\(p.total) feeds, \(p.newArticles) new articles, \(p.failures) failed"
                writeStatusLine(line)
            }
        }
        if live { writeStatusLine("\r\u{1B}[K") }
        for failure in summary.failures { printError(failure) }
        for cut in summary.cut { printWarning(cut) }
        for failure in summary.pageFailures {
            printWarning("\(failure); the teaser was stored and the page is tried again at the next pull")
        }
        if summary.networkDown {
            printWarning("every feed failed to connect: the network looks down; error counts were left as they were")
        }
        if !quiet {
            let skipped = summary.listed - summary.due
            emit(String(format: "pulled %d of %d feeds in %.1f s: %d updated, %d not modified, %d failed, %d not due; "
                         + "%d new articles (%d duplicates), %d edited",
                         summary.due, summary.listed, summary.seconds, summary.updated, summary.notModified,
                         summary.failed, skipped - summary.takenByOthers, summary.articlesNew, summary.duplicates, summary.articlesUpdated)
                  + (summary.takenByOthers == 0 ? "" : "; \(summary.takenByOthers) due feeds pulled by other pullers")
                  + (summary.cut.isEmpty ? "" : "; \(summary.cut.count) documents cut at their max_bytes")
                  + (summary.pagesFetched > 0 ? String(format: "; %d item pages read for full text (%d failed)",
                                                       summary.pagesFetched, summary.pageFailures.count) : ""))
        }
        // Events: extract new and edited articles, merge, and announce what is new.
        let indexer = EventIndexer(store: db, extractor: extractor, options: MergeOptions(window: window * 86_400))
        let report = try await indexer.indexPending(alertableBefore: pullStarted)
        // Statistics for the planner, refreshed where this pull changed the tables enough (cheap otherwise).
        try db.optimize()
        if !quiet {
            emit("extracted \(report.articles) articles: \(report.mentions) mentions, \(report.createdEventIds.count) new events")
        }
        if !alertRules.isEmpty {
            var fresh: [StoredEvent] = []
            var seen: Set<String> = []
            for id in report.newEventIds where seen.insert(id).inserted {
                guard try !db.wasAlerted(id) else { continue }
                if let event = try db.event(id: id) { fresh.append(event) }
            }
            let timeout = Duration.milliseconds(Int((FeedList.parseDuration(alertTimeout) ?? 30) * 1000))
            let delivered = await AlertDelivery.deliver(fresh, rules: alertRules, exec: alertExec, timeout: timeout,
                                                        emit: { emit($0) }, warn: { printWarning($0) })
            try db.markAlerted(delivered, now: Date())
        }
        return summary
    }
}
