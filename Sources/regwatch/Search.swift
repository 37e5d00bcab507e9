import ArgumentParser
import Foundation
import RegWatchCore
import RegWatchPostgres
import RegWatchStore

/// `regwatch search QUERY`: full-text search over stored articles.
struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search stored articles (SQLite FTS5), ranked, with snippets and the events of each hit.",
        discussion: """
            QUERY is an FTS5 query over title and text: words (all must occur), "exact phrases", OR, NOT, \
            prefix* and NEAR(a b, 5).

            Examples:
              regwatch search 'vpn AND china'
              regwatch search '"app store" NOT apple' --since 2026-01-01 --limit 5
            """)

    @Argument(help: "The FTS5 query.") var query: String
    @Option(help: ArgumentHelp("Published on or after (YYYY-MM-DD or ISO 8601).", valueName: "date")) var since: String?
    @Option(help: ArgumentHelp("Published before (YYYY-MM-DD or ISO 8601).", valueName: "date")) var until: String?
    @Option(help: ArgumentHelp("Only this feed (its URL as listed or fetched).", valueName: "url")) var feed: String?
    @Option(help: "At most this many hits.") var limit: Int = 20
    @Option(help: "Output format: table, json, jsonl, csv or md.") var format: EventFormat = .table
    @OptionGroup var store: StoreOptions

    func validate() throws {
        try checkDateArgument(since, option: "--since")
        try checkDateArgument(until, option: "--until")
        if limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let db = try store.open()
        var search = ArticleSearch(query: query)
        search.since = since.flatMap(parseDateArgument)
        search.until = until.flatMap(parseDateArgument)
        search.feed = feed
        search.limit = limit
        let hits: [SearchHit]
        do { hits = try db.searchArticles(search) } catch let error as PostgresStoreError {
            printError("\(error)")
            throw ExitCode(ExitCodes.store)
        } catch {
            printError("search query '\(query)' is not valid FTS5: \(error); quote phrases with \"…\"")
            throw ExitCode(ExitCodes.usage)
        }
        func events(_ h: SearchHit) -> String { h.events.map { "\($0.type.rawValue):\($0.id)" }.joined(separator: " ") }
        switch format {
        case .json: emit(String(decoding: try jsonEncoder(pretty: true).encode(hits), as: UTF8.self))
        case .jsonl: for h in hits { emit(String(decoding: try jsonEncoder(pretty: false).encode(h), as: UTF8.self)) }
        case .csv:
            emit(CSV.render(["article_id", "published", "outlet", "title", "url", "snippet", "events"], hits.map {
                [String($0.articleId), iso8601($0.published), $0.outlet ?? "", $0.title ?? "", $0.url ?? "", $0.snippet, events($0)]
            }), terminator: "")
        case .md, .table:
            if hits.isEmpty { emit("no articles match \(query)"); return }
            for (i, h) in hits.enumerated() {
                emit("\(i + 1). \(EventOutput.day(h.published))  \(h.outlet ?? "?"): \(h.title ?? "(untitled)")  #\(h.articleId)")
                if let url = h.url { emit("   \(url)") }
                emit("   \(h.snippet.replacingOccurrences(of: "\n", with: " "))")
                for e in h.events { emit("   event \(e.id): \(e.type.rawValue) by \(e.actor ?? "-")") }
            }
        }
    }
}
