import ArgumentParser
import Foundation
import RegWatchCore
import RegWatchIngest

/// `regwatch parse`: reads feed documents and shows what RegWatch makes of them.
struct Parse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Parse a feed (RSS, Atom, JSON Feed) or an HTML page and show what RegWatch reads from it.",
        discussion: """
            Without options, prints a readable summary: format, encoding, title, link, item count and the newest \
            items. With --json, prints the feed-parser contract JSON (shared/conformance/CONTRACT.md). With \
            --count, parses every file under the given files and folders in one process and prints totals — the \
            basis of the parser benchmark.

            Examples:
              regwatch parse Feeds/samples/techpolicy-wire.xml
              regwatch parse --json --url https://example.org/feed.xml feed.xml
              regwatch parse --count --jobs 2 Feeds/samples
              regwatch parse --text --url https://agency.example/news/42 page.html
              regwatch parse --url https://agency.example/press \\
                --source "type=html item=//li[@class='release'] date=.//time/@datetime" press.html

            --source takes the options of a line of Feeds/feeds.txt, so a list page's expressions can be tried on a \
            saved copy of the page before the line is added.
            """
    )

    @Flag(help: "Print the contract JSON instead of a summary.")
    var json = false

    @Flag(help: "Print the main text of an HTML page (article body without navigation, ads or comments).")
    var text = false

    @Flag(help: "Parse every feed file under PATH... and print documents, items, bozo documents, bytes and seconds.")
    var count = false

    @Option(help: "The URL the document was fetched from: the base for relative links.")
    var url: String?

    @Option(name: .customLong("content-type"), help: "The HTTP Content-Type that came with the document (its charset is used first).")
    var contentType: String?

    @Option(help: "With --count, parse this many files at a time.")
    var jobs: Int = 1

    @Option(name: .customLong("max-bytes"), help: "Largest document to read, in bytes; longer ones are cut and flagged.")
    var maxBytes: Int = FeedParser.Limits.default.maxBytes

    @Option(help: ArgumentHelp("Read the document as the feed-list options say (`type=html item=XPATH title=… link=… date=… summary=…`).",
                               valueName: "options"))
    var source: String?

    @Option(help: "With the summary, how many of the newest items to list.")
    var newest: Int = 5

    @Argument(help: "The document to parse (`-` for standard input), or with --count files and folders.")
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give a file to parse, e.g. `regwatch parse Feeds/samples/techpolicy-wire.xml`") }
        if !count && paths.count > 1 { throw ValidationError("parse reads one document; use --count to parse many") }
        if count && json { throw ValidationError("--count and --json do not go together") }
        if text && (count || json) { throw ValidationError("--text prints one page's main text; drop --count and --json") }
        if source != nil && (count || text) { throw ValidationError("--source reads one document as a feed-list line says; drop --count and --text") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        // libxml2's sizes are 32-bit: a larger limit cannot be read, and `limit + 1` would overflow at Int.max.
        if maxBytes < 1 || maxBytes > Int(Int32.max) {
            throw ValidationError("--max-bytes must be between 1 and \(Int32.max) (2 GB, the most one document can be)")
        }
    }

    func run() async throws {
        let limits = FeedParser.Limits(maxBytes: maxBytes)
        if count {
            let stats = try ParseCounter.run(paths: paths, jobs: jobs, limits: limits)
            emit(stats.report)
            return
        }
        let path = paths[0]
        if text {
            // The main text of a page: read within the size bound; an over-size page is an error, not a cut page.
            do {
                let (bytes, _) = try FeedFile.read(path, limit: maxBytes)
                emit(try HTMLBriefParser.mainText(bytes, url: url, contentType: contentType,
                                                  options: HTMLParseOptions(maxBytes: maxBytes)))
            } catch {
                printDiagnostic("\(path): \(error)")
                throw ExitCode(ExitCodes.input)
            }
            return
        }
        let doc: FeedDocument
        do {
            if let source {
                let (bytes, _) = try FeedFile.read(path, limit: maxBytes &+ 1)
                doc = SourceReader.read(bytes, url: url, contentType: contentType,
                                        options: HTMLListPageConfig.options(from: source), limits: limits)
            } else {
                doc = try FeedFile.parse(path, url: url, contentType: contentType, limits: limits)
            }
        } catch {
            printDiagnostic("\(error.description)")
            throw ExitCode(ExitCodes.input)
        }
        if json {
            emit(ContractJSON.render(doc))
        } else {
            emit(FeedSummary.render(doc, path: path, newest: newest))
        }
    }
}

/// A readable summary of one parsed document.
enum FeedSummary {
    static func render(_ doc: FeedDocument, path: String, newest: Int) -> String {
        var lines: [String] = []
        lines.append("\(path)")
        lines.append("  format:   \(doc.format.displayName)")
        lines.append("  encoding: \(doc.encoding)")
        if doc.bozo { lines.append("  problems: \(doc.bozoException ?? "the document is not clean")") }
        if let t = doc.feed.title?.value { lines.append("  title:    \(PlainText.fromMarkup(t, type: doc.feed.title!.type))") }
        if let l = doc.feed.link { lines.append("  link:     \(l)") }
        if let u = doc.feed.updated ?? doc.feed.published { lines.append("  updated:  \(DateParser.iso8601(u))") }
        lines.append("  items:    \(doc.entries.count)")
        // The newest items by index: sorting (offset, entry) pairs copied every entry, as much memory again as the
        // document's items for a feed of a million.
        let dates = doc.entries.map { $0.published ?? $0.updated ?? .distantPast }
        let newestFirst = dates.indices.sorted { a, b in dates[a] != dates[b] ? dates[a] > dates[b] : a < b }
        if !newestFirst.isEmpty {
            lines.append("  newest:")
            for e in newestFirst.prefix(newest).map({ doc.entries[$0] }) {
                let date = (e.published ?? e.updated).map { String(DateParser.iso8601($0).prefix(10)) } ?? "no date   "
                let title = e.title.map { PlainText.fromMarkup($0.value, type: $0.type) } ?? e.link ?? "(untitled)"
                lines.append("    \(date)  \(title)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
