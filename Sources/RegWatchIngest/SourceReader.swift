import Foundation
import RegWatchCore

/// Reads a source's body the way its line in `Feeds/feeds.txt` says: a feed, one brief page, or a page that lists
/// many briefs; and reads the page behind a teaser item (`full_text=yes`).
///
/// - `type=feed` or `type=auto` (the default): the format is detected from the bytes (RSS, RDF, Atom, JSON Feed, or
///   an HTML page read as one brief).
/// - `type=html` with `item=`: a list page, one entry per node `item` selects (``HTMLListPage``).
/// - `type=html` without `item=`: one brief page.
public enum SourceReader {
    /// Parses `bytes` per the source's `options`. Never throws: a list page whose expressions are invalid or select
    /// nothing gives `bozo: true`, no entries, and the reason (naming the option) in `bozoException`.
    /// - Parameter cutAt: the bytes are the start of a longer document, cut at this limit (``FeedParser/parse(_:url:contentType:limits:cutAt:)``).
    public static func read(_ bytes: [UInt8], url: String?, contentType: String?, options: [String: String],
                            limits: FeedParser.Limits = .default, cutAt: Int? = nil) -> FeedDocument {
        guard options["type"] == "html" else {
            return FeedParser.parse(bytes, url: url, contentType: contentType, limits: limits, cutAt: cutAt)
        }
        var page = readPage(bytes, url: url, contentType: contentType, options: options, limits: limits)
        if let cutAt {
            page.bozo = true
            let note = "the page is longer than its \(FeedParser.megabytes(cutAt)) limit and was cut there"
            page.bozoException = note + (page.bozoException.map { "; \($0)" } ?? "")
        }
        return page
    }

    /// A `type=html` source: one brief page, or a list page with `item=`.
    static func readPage(_ bytes: [UInt8], url: String?, contentType: String?, options: [String: String],
                         limits: FeedParser.Limits) -> FeedDocument {
        let pageOptions = HTMLParseOptions(maxBytes: limits.maxBytes)
        guard options["item"] != nil else {
            return FeedParser.finalize(HTMLBriefParser.parse(bytes, url: url, contentType: contentType, options: pageOptions))
        }
        let config: HTMLListPageConfig
        do {
            config = try HTMLListPageConfig(options: options)
        } catch {
            return FeedDocument(format: .html, bozo: true, bozoException: "\(error); fix the option on the source's line")
        }
        var document = HTMLListPage.parse(bytes, url: url, config: config, contentType: contentType, options: pageOptions)
        if document.entries.isEmpty && !document.bozo {
            document.bozo = true
            document.bozoException = "item=\(options["item"]!) selects no element with a title or a link on this page; "
                + "check the expression against the page as served (`regwatch parse --source \"type=html item=…\" page.html`)"
        }
        return FeedParser.finalize(document)
    }

    /// Puts the main text of an item's fetched page into the item (`full_text=yes`): the page's cleaned HTML becomes
    /// the content and its brief sections the entry's sections; the teaser stays as the summary.
    /// - Returns: the merged entry, or why the page gave no main text.
    public static func fullText(_ bytes: [UInt8], url: String?, contentType: String?, entry: FeedEntry) -> Result<FeedEntry, PageError> {
        do {
            let article = try HTMLBriefParser.extract(bytes, url: url, contentType: contentType)
            guard !article.text.isEmpty else {
                return .failure(PageError(url: url ?? "", reason: "the page has no main text to extract"))
            }
            return .success(HTMLBriefParser.merge(article, into: entry))
        } catch {
            return .failure(PageError(url: url ?? "", reason: String(describing: error)))
        }
    }

    /// Why an item's page could not give its main text.
    public struct PageError: Error, Sendable, Hashable, CustomStringConvertible {
        public var url: String
        public var reason: String
        public var description: String { "\(url): \(reason)" }
    }
}
