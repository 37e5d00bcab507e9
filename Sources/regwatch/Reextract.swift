import ArgumentParser
import Foundation
import RegWatchEvents
import RegWatchPipeline
import RegWatchStore

/// `regwatch reextract`: rebuilds events after an entity-list or rule change.
struct Reextract: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract events again from stored articles (after changing the entity list or the rules).",
        discussion: """
            Runs the current extractor over every stored article (or those published since --since), \
            replaces their mentions and merges again. Idempotent: running it twice leaves the same events, \
            with the same ids. Raises no alerts.

            Examples:
              regwatch reextract
              REGWATCH_ENTITIES=my-entities.txt regwatch reextract --since 2026-06-01
            """)

    @Option(help: ArgumentHelp("Only articles published on or after (YYYY-MM-DD or ISO 8601).", valueName: "date")) var since: String?
    @Option(help: ArgumentHelp("Rules file (default: $REGWATCH_RULES, else the bundled one).", valueName: "file")) var rules: String?
    @Option(help: ArgumentHelp("Days within which mentions of one event are merged.", valueName: "days")) var window: Double = 14
    @OptionGroup var entityOptions: EntityOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        try checkDateArgument(since, option: "--since")
        if window <= 0 { throw ValidationError("--window must be a positive number of days") }
    }

    func run() async throws {
        let extractor = try entityOptions.extractor(rules: rules)
        if !store.isPostgres { try store.requireExistingFile() }
        let (db, lock) = try store.openLocked(wait: true, shared: false)
        defer { withExtendedLifetime(lock) {} }
        let started = Date()
        let indexer = EventIndexer(store: db, extractor: extractor, options: MergeOptions(window: window * 86_400))
        let report = try await indexer.reextract(since: since.flatMap(parseDateArgument))
        let counts = try db.eventCounts()
        emit(String(format: "re-extracted %d articles in %.1f s: %d mentions; the store holds %d events",
                     report.articles, Date().timeIntervalSince(started), report.mentions, counts.events))
    }
}
