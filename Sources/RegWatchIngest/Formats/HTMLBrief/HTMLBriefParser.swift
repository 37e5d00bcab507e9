import Foundation
import RegWatchCore

/// An article read from an HTML page: its metadata, main text, cleaned HTML and brief sections.
public struct HTMLArticle: Sendable, Hashable {
    public var metadata: HTMLMetadata
    /// The main text as plain text: paragraphs separated by blank lines, list items prefixed with "- ".
    public var text: String
    /// The main text as cleaned HTML (paragraphs, headings, lists, quotes, tables, links, images).
    public var html: String
    /// Headings of the main text with the text under each, in document order.
    public var sections: [Section]
    /// The encoding the bytes were decoded from.
    public var encoding: String
    /// Why the bytes were not clean (undecodable bytes, unknown charset), when they were not.
    public var problem: String?
}

/// Reads HTML pages — briefs, articles, a feed item's page — as documents of the feed model.
///
/// ```swift
/// let document = HTMLBriefParser.parse(bytes, url: "https://agency.example/news/42", contentType: "text/html")
/// print(document.entries[0].title?.value ?? "")
/// ```
public enum HTMLBriefParser {
    /// Parses a page into a one-entry ``FeedDocument`` (format `.html`). Never throws: a page over the size bound,
    /// or bytes libxml2 cannot read, give `bozo: true` with the reason in `bozoException` and no entries.
    /// - Parameters:
    ///   - bytes: the page as fetched.
    ///   - url: where it came from; the base for relative links and the entry's link when the page names none.
    ///   - contentType: the HTTP `Content-Type`, whose `charset` wins over the page's `<meta charset>`.
    ///   - options: size and depth bounds.
    public static func parse(_ bytes: [UInt8], url: String?, contentType: String?,
                             options: HTMLParseOptions = HTMLParseOptions()) -> FeedDocument {
        do {
            let article = try extract(bytes, url: url, contentType: contentType, options: options)
            return document(article, url: url)
        } catch {
            return FeedDocument(format: .html, bozo: true, bozoException: String(describing: error), encoding: "utf-8")
        }
    }

    /// The main text of a page as plain text (what `regwatch parse --text` prints).
    /// - Throws: ``HTMLParseError`` when the page is over the size bound or cannot be read.
    public static func mainText(_ bytes: [UInt8], url: String? = nil, contentType: String? = nil,
                                options: HTMLParseOptions = HTMLParseOptions()) throws -> String {
        try extract(bytes, url: url, contentType: contentType, options: options, rendering: false).text
    }

    /// Reads the page's metadata and extracts its main text.
    /// - Throws: ``HTMLParseError`` when the page is over the size bound or cannot be read.
    public static func extract(_ bytes: [UInt8], url: String?, contentType: String?,
                               options: HTMLParseOptions = HTMLParseOptions()) throws -> HTMLArticle {
        try extract(bytes, url: url, contentType: contentType, options: options, rendering: true)
    }

    /// `rendering: false` skips the cleaned HTML and the sections, for callers that want only the text.
    static func extract(_ bytes: [UInt8], url: String?, contentType: String?, options: HTMLParseOptions,
                        rendering: Bool) throws -> HTMLArticle {
        guard bytes.count <= options.maxBytes else {
            throw HTMLParseError(kind: .tooLarge(size: bytes.count, limit: options.maxBytes), url: url)
        }
        let decoded = HTMLCharset.decode(bytes, contentType: contentType)
        let tree = try HTMLDocument.parseTree(HTMLPrescan.strippingScriptBodies(decoded.utf8), url: url, options: options)
        var metadata = HTMLMetadataReader.read(tree, url: url)
        let base = metadata.baseURL ?? url

        var blocks: [ArticleBlock] = []
        var html = ""
        if let (articleTree, root, byline) = ArticleExtractor.extract(tree, title: metadata.title ?? "") {
            blocks = ArticleText.blocks(articleTree, root)
            if rendering { html = ArticleText.html(articleTree, root, base: base) }
            if let byline {
                // A "dateline" can be just a date ("Published 14 August 2026"): a date, not an author.
                let bylineDate = WrittenDate.parse(byline)
                if metadata.published == nil { metadata.published = bylineDate }
                if metadata.authors.isEmpty, bylineDate == nil || byline.lowercased().contains("by ") {
                    metadata.authors = [cleanByline(byline)]
                }
            }
        }
        var text = ArticleText.plainText(blocks)
        // JSON-LD articleBody is the publisher's own copy of the text: trust it when extraction came up short
        // and the body is real text rather than a teaser.
        if let body = metadata.articleBody, body.count >= 200, text.count < body.count / 2 {
            let paragraphs = body.split(whereSeparator: \.isNewline).map { $0.htmlTrimmed() }.filter { !$0.isEmpty }
            blocks = paragraphs.map { ArticleBlock(kind: .paragraph, text: $0) }
            text = ArticleText.plainText(blocks)
            if rendering { html = paragraphs.map { "<p>" + ArticleText.escape($0, quotes: false) + "</p>" }.joined(separator: "\n") }
        }
        if metadata.published == nil {
            // Dates written in the page: a short line near the top of the article ("Published 3 March 2025").
            metadata.published = blocks.prefix(8).lazy.filter { $0.text.count <= 80 }
                .compactMap { WrittenDate.parse($0.text) }.first
        }
        let problems = [decoded.problem, tree.problem].compactMap { $0 }
        return HTMLArticle(metadata: metadata, text: text, html: html, sections: rendering ? BriefSections.sections(from: blocks) : [],
                           encoding: decoded.encoding, problem: problems.isEmpty ? nil : problems.joined(separator: "; "))
    }

    /// "By Jane Doe and John Roe" → "Jane Doe and John Roe".
    static func cleanByline(_ byline: String) -> String {
        var s = byline.htmlTrimmed()
        if s.lowercased().hasPrefix("by ") { s = String(s.dropFirst(3)).htmlTrimmed() }
        return s
    }

    /// The contract's shape: one entry carrying the article, the page's site as the feed.
    static func document(_ article: HTMLArticle, url: String?) -> FeedDocument {
        let meta = article.metadata
        var feed = FeedMetadata()
        feed.siteName = meta.siteName
        if let site = meta.siteName { feed.title = TextConstruct(.plain, site, language: meta.language) }
        feed.language = meta.language
        let link = meta.canonicalURL ?? url
        feed.link = link.flatMap { URL(string: $0) }.flatMap { u in u.host.map { "\(u.scheme ?? "https")://\($0)/" } }

        var entry = FeedEntry()
        entry.id = link
        entry.link = link
        if let link { entry.links = [Link(rel: "alternate", href: link, type: "text/html")] }
        if let title = meta.title { entry.title = TextConstruct(.plain, title, language: meta.language) }
        entry.published = meta.published
        entry.updated = meta.updated
        entry.authors = meta.authors.map { Person(name: $0) }
        if !meta.authors.isEmpty { entry.author = meta.authors.joined(separator: ", ") }
        if !article.html.isEmpty { entry.content = [TextConstruct(.html, article.html, language: meta.language)] }
        if let description = meta.description {
            entry.summary = TextConstruct(.plain, description, language: meta.language)
            entry.description = description
        } else if let first = article.content.first {
            entry.summary = first
        }
        entry.sections = article.sections
        entry.language = meta.language
        return FeedDocument(format: .html, bozo: article.problem != nil, bozoException: article.problem,
                            encoding: article.encoding, feed: feed, entries: [entry])
    }
}

extension HTMLArticle {
    fileprivate var content: [TextConstruct] { html.isEmpty ? [] : [TextConstruct(.html, html)] }
}
