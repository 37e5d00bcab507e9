import ArgumentParser
import Foundation
import RegWatchCore
import RegWatchFeedList
import RegWatchPipeline
import RegWatchPostgres
import RegWatchStore

/// `regwatch feeds`: the feed list and the feeds' health.
struct Feeds: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the feed list (\(FeedList.defaultPath)) and see each feed's health.",
        discussion: """
            One source a line: an http(s) URL, a file: URL or a local path, then tags and key=value \
            options (type, interval, full_text, item, title, link, date, summary, max_bytes, name); \
            # starts a comment.

            Examples:
              regwatch feeds list
              regwatch feeds add https://agency.example/rss.xml eu antitrust interval=2h
              regwatch feeds remove https://agency.example/rss.xml
              regwatch feeds import subscriptions.opml
              regwatch feeds export > feeds.opml
              regwatch feeds status --format json
            """,
        subcommands: [List.self, Add.self, Remove.self, Import.self, Export.self, Status.self])

    struct ListOption: ParsableArguments {
        @Option(help: ArgumentHelp("The feed list.", valueName: "file"))
        var feeds: String = FeedList.defaultPath

        func load() throws -> [FeedSource] {
            do { return try FeedList.load(feeds) } catch {
                printError("\(error)")
                throw ExitCode(ExitCodes.input)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the sources of the feed list.")
        @OptionGroup var list: ListOption
        @Option(help: "Output format: table, json, jsonl or csv.") var format: DataFormat = .table

        func run() throws {
            let sources = try list.load()
            let rows = sources.map { source in
                [source.url, source.tags.joined(separator: " "),
                 source.options.keys.sorted().map { k in "\(k)=\(source.options[k]!)" }.joined(separator: " ")]
            }
            switch format {
            case .table: emit(renderTable(["SOURCE", "TAGS", "OPTIONS"], rows))
            case .csv: emit(CSV.render(["source", "tags", "options"], rows), terminator: "")
            case .json, .jsonl:
                let objects = sources.map { Entry(url: $0.url, tags: $0.tags, options: $0.options, line: $0.line) }
                if format == .json {
                    emit(String(decoding: try jsonEncoder(pretty: true).encode(objects), as: UTF8.self))
                } else {
                    for o in objects { emit(String(decoding: try jsonEncoder(pretty: false).encode(o), as: UTF8.self)) }
                }
            }
        }

        struct Entry: Codable { var url: String; var tags: [String]; var options: [String: String]; var line: Int }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a source line: URL or path, then tags and key=value options.",
            discussion: "Example: regwatch feeds add https://agency.example/rss.xml eu antitrust interval=2h")
        @OptionGroup var list: ListOption
        @Argument(help: "The URL or path, then tags and key=value options.") var words: [String]

        func validate() throws {
            if words.isEmpty { throw ValidationError("give the feed URL or path, e.g. `regwatch feeds add https://agency.example/rss.xml eu`") }
        }

        func run() throws {
            do {
                // Each argument is one word of the line, whatever it holds (a space, a quote, a backslash).
                let line = words.map(FeedSource.written).joined(separator: " ")
                guard let source = try FeedList.parseLine(line, line: 0, file: "feeds add") else { return }
                try FeedList.append(source, to: list.feeds)
                emit("added \(source.url) to \(list.feeds)")
            } catch let error as FeedListError {
                printError("\(error)")
                throw ExitCode(ExitCodes.usage)
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a source from the feed list (its stored articles stay, unless --purge).")
        @OptionGroup var list: ListOption
        @Flag(help: "Also delete the feed and its articles from the store.") var purge = false
        @OptionGroup var store: StoreOptions
        @Argument(help: "The URL or path as listed.") var url: String

        func run() throws {
            let removed = try FeedList.remove(url, from: list.feeds)
            var purged = false
            if purge {
                purged = store.isPostgres ? try store.openPostgres(migrate: false).removeFeed(url: url)
                    : try store.openForWriting().removeFeed(url: url)
            }
            guard removed || purged else {
                printError("\(list.feeds): no line for \(url); `regwatch feeds list` shows the sources")
                throw ExitCode(ExitCodes.usage)
            }
            emit("removed \(url)" + (removed ? " from \(list.feeds)" : "") + (purged ? " and its articles from the store" : ""))
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add the feeds of an OPML file (tags from categories and folders) to the feed list.")
        @OptionGroup var list: ListOption
        @Argument(help: "The OPML file.") var file: String

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                printError("\(file): cannot read the OPML file")
                throw ExitCode(ExitCodes.input)
            }
            do {
                let opml = try OPML.read(data, file: file)
                for rejected in opml.rejected { printWarning("\(rejected); outline skipped") }
                let added = try FeedList.append(contentsOf: opml.sources, to: list.feeds)
                emit("imported \(added.count) feeds from \(file) into \(list.feeds) (\(opml.sources.count - added.count) already listed"
                     + (opml.rejected.isEmpty ? ")" : ", \(opml.rejected.count) outlines skipped)"))
                if !opml.rejected.isEmpty { throw ExitCode(ExitCodes.partialFailure) }
            } catch let error as FeedListError {
                printError("\(error)")
                throw ExitCode(ExitCodes.input)
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the feed list as OPML 2.0 (tags as categories).")
        @OptionGroup var list: ListOption

        func run() throws { emit(OPML.export(try list.load()), terminator: "") }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Each stored feed's health: last status and error, consecutive errors, next due, articles per week.",
            discussion: "Status 'cut': the last document was longer than the feed's body limit and was cut there (the note names the limit).")
        @OptionGroup var store: StoreOptions
        @Option(help: "Output format: table, json, jsonl or csv.") var format: DataFormat = .table

        struct Entry: Codable {
            var url: String
            var listed_url: String?
            var title: String?
            var tags: [String]
            var active: Bool
            var last_status: Int?
            var last_error: String?
            var consecutive_errors: Int
            var last_success: Date?
            var next_due: Date?
            var articles: Int
            var articles_per_week: Double
            var redirect: String?
            var inactive_reason: String?
            var identity: String
            /// The body limit the last document was cut at, when it was longer (its items before the cut were stored).
            var cut_at_bytes: Int?
            var cut: String?
        }

        func run() throws {
            let health = try store.open().health(now: Date())
            let entries = health.map { h in
                Entry(url: h.feed.url, listed_url: h.feed.listedURL, title: h.feed.title, tags: h.feed.tagList, active: h.feed.active,
                      last_status: h.feed.lastStatus, last_error: h.feed.lastError, consecutive_errors: h.feed.errorCount,
                      last_success: h.feed.lastSuccessAt, next_due: h.feed.nextDueAt, articles: h.articles,
                      articles_per_week: (h.articlesPerWeek * 10).rounded() / 10, redirect: h.feed.redirectNote,
                      inactive_reason: h.feed.inactiveReason, identity: h.feed.identityMode, cut_at_bytes: h.feed.cutAt,
                      cut: h.feed.cutAt.map { FeedPuller.cutMessage(url: h.feed.url, limit: $0) })
            }
            switch format {
            case .json: emit(String(decoding: try jsonEncoder(pretty: true).encode(entries), as: UTF8.self))
            case .jsonl: for e in entries { emit(String(decoding: try jsonEncoder(pretty: false).encode(e), as: UTF8.self)) }
            case .table, .csv:
                let header = ["FEED", "STATUS", "ERRORS", "NEXT DUE", "ART/WK", "NOTE"]
                let rows = entries.map { e -> [String] in
                    var status = !e.active ? "gone" : e.last_status.map { $0 == 0 ? "ok" : String($0) } ?? (e.last_error == nil ? "-" : "error")
                    if e.cut != nil && e.last_error == nil && e.active { status = "cut" }
                    let note = e.inactive_reason ?? e.last_error ?? e.cut ?? e.redirect
                        ?? (e.identity == "link" ? "identified by link (GUIDs unreliable)" : "")
                    return [e.url, status, String(e.consecutive_errors), iso8601(e.next_due),
                            String(format: "%.1f", e.articles_per_week), note]
                }
                if format == .table { emit(renderTable(header, rows)) } else {
                    emit(CSV.render(header.map { $0.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "/", with: "_per_") }, rows), terminator: "")
                }
            }
        }
    }
}
