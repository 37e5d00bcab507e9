import ArgumentParser
import Foundation
import RegWatchCore
import RegWatchPostgres
import RegWatchStore

/// `regwatch articles`: the stored articles, for analysis and export.
struct Articles: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List stored articles, with the article each duplicates.",
        discussion: """
            Newest first (by publication date, else first seen). --search takes an SQLite FTS5 query \
            over title and text ("vpn AND russia", "block*", "\\"app store\\"").

            Examples:
              regwatch articles --since 2026-07-01 --search vpn
              regwatch articles --duplicates --format csv > duplicates.csv
              regwatch articles --feed Feeds/samples/techpolicy-wire.xml --format jsonl
            """)

    @Option(help: ArgumentHelp("Only this feed (as listed).", valueName: "url")) var feed: String?
    @Option(help: ArgumentHelp("Published on or after (YYYY-MM-DD or ISO 8601).", valueName: "date")) var since: String?
    @Option(help: ArgumentHelp("Published before (YYYY-MM-DD or ISO 8601).", valueName: "date")) var until: String?
    @Option(help: ArgumentHelp("Full-text query over title and text.", valueName: "query")) var search: String?
    @Flag(help: "Only articles that duplicate another.") var duplicates = false
    @Option(help: "At most this many.") var limit: Int?
    @Option(help: "Output format: table, json, jsonl or csv.") var format: DataFormat = .table
    @OptionGroup var store: StoreOptions

    func validate() throws {
        try checkDateArgument(since, option: "--since")
        try checkDateArgument(until, option: "--until")
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let db = try store.open()
        var query = ArticleQuery()
        if let feed { query.feedURL = try db.feed(url: feed)?.url ?? feed }
        query.since = since.flatMap(parseDateArgument)
        query.until = until.flatMap(parseDateArgument)
        query.search = search
        query.duplicatesOnly = duplicates
        query.limit = limit
        let rows: [ArticleListing]
        do { rows = try db.articles(query) } catch let error as PostgresStoreError {
            printError("\(error)")
            throw ExitCode(ExitCodes.store)
        } catch {
            printError("--search '\(search ?? "")': \(error)")
            throw ExitCode(ExitCodes.usage)
        }
        switch format {
        case .json: emit(String(decoding: try jsonEncoder(pretty: true).encode(rows), as: UTF8.self))
        case .jsonl: for r in rows { emit(String(decoding: try jsonEncoder(pretty: false).encode(r), as: UTF8.self)) }
        case .csv:
            let header = ["id", "feed", "guid", "canonical_url", "title", "published", "first_seen", "duplicate_of_id", "duplicate_of_url"]
            emit(CSV.render(header, rows.map { r in
                [String(r.id), r.feed, r.guid ?? "", r.canonicalURL ?? "", r.title ?? "", iso8601(r.published), iso8601(r.firstSeen),
                 r.duplicateOf.map { String($0.id) } ?? "", r.duplicateOf?.url ?? ""]
            }), terminator: "")
        case .table:
            emit(renderTable(["ID", "PUBLISHED", "DUP OF", "TITLE", "URL"], rows.map { r in
                [String(r.id), String(iso8601(r.published ?? r.firstSeen).prefix(10)), r.duplicateOf.map { "#\($0.id)" } ?? "",
                 String((r.title ?? "").prefix(60)), r.canonicalURL ?? ""]
            }))
        }
    }
}
