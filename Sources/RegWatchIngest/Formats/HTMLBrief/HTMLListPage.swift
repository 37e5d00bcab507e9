import Foundation
import RegWatchCore

/// How to read a page that lists many briefs (a press-release index, a newsletter archive) as a feed.
///
/// In `Feeds/feeds.txt` a list page is a line such as
/// `https://agency.example/press type=html item=//li[@class='release'] title=.//a link=.//a/@href date=.//time/@datetime`.
/// `item` selects one node per listed brief; the other expressions are evaluated relative to that node, and the
/// string value of the first node found (an attribute's value, an element's text) becomes the field; an element
/// chosen as `link` gives its `href` (or its first link's), one chosen as `date` its `datetime`.
///
/// Simple CSS selectors are accepted too and translated to XPath (`item=li.release title=a.title link=a`):
/// tags, `.class`, `#id`, `[attr]`, `[attr=value]`, descendant and `>` child combinators, and `,` lists.
/// A value starting with `/`, `.` or `(` is XPath.
public struct HTMLListPageConfig: Sendable, Hashable, Codable {
    /// XPath selecting one node per item (absolute).
    public var item: String
    /// XPath for the title, relative to the item. Default: the text of the first link.
    public var title: String
    /// XPath for the link, relative to the item. Default: the first link's `href`.
    public var link: String
    /// XPath for the date, relative to the item.
    public var date: String?
    /// XPath for the summary, relative to the item.
    public var summary: String?
    /// `full_text=yes`: fetch each item's page and store its main text (done by the pull pipeline).
    public var fullText: Bool

    public init(item: String, title: String = "(.//a)[1]", link: String = "(.//a/@href)[1]", date: String? = nil,
                summary: String? = nil, fullText: Bool = false) {
        self.item = item
        self.title = title
        self.link = link
        self.date = date
        self.summary = summary
        self.fullText = fullText
    }

    /// Reads the options of a feeds.txt line (`item=`, `title=`, `link=`, `date=`, `summary=`, `full_text=`);
    /// other keys are ignored, so the caller can pass the whole option map.
    /// - Throws: ``HTMLListPageConfig/OptionError`` when `item` is missing or `full_text` is not yes/no.
    public init(options: [String: String]) throws {
        guard let item = options["item"], !item.isEmpty else { throw OptionError.missingItem }
        self.init(item: try Self.xpath(item, relative: false))
        if let v = options["title"], !v.isEmpty { title = try Self.xpath(v, relative: true) }
        if let v = options["link"], !v.isEmpty { link = try Self.xpath(v, relative: true) }
        if let v = options["date"], !v.isEmpty { date = try Self.xpath(v, relative: true) }
        if let v = options["summary"], !v.isEmpty { summary = try Self.xpath(v, relative: true) }
        if let v = options["full_text"] ?? options["fulltext"] {
            switch v.lowercased() {
            case "yes", "true", "1", "on": fullText = true
            case "no", "false", "0", "off": fullText = false
            default: throw OptionError.badFullText(v)
            }
        }
    }

    /// Parses `key=value` options separated by spaces, where a value may hold spaces inside quotes, brackets or
    /// parentheses (`item=//div[@class='news item']`). Surrounding quotes of a whole value are removed.
    public static func options(from text: String) -> [String: String] {
        var tokens: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for ch in text {
            if let q = quote {
                current.append(ch)
                if ch == q { quote = nil }
                continue
            }
            switch ch {
            case "'", "\"": quote = ch; current.append(ch)
            case "[", "(": depth += 1; current.append(ch)
            case "]", ")": depth = max(0, depth - 1); current.append(ch)
            case " " where depth == 0, "\t" where depth == 0:
                if !current.isEmpty { tokens.append(current); current = "" }
            default: current.append(ch)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        var options: [String: String] = [:]
        for token in tokens {
            guard let eq = token.firstIndex(of: "=") else { continue }
            var value = String(token[token.index(after: eq)...])
            if value.count >= 2, let f = value.first, (f == "\"" || f == "'"), value.last == f {
                value = String(value.dropFirst().dropLast())
            }
            options[String(token[..<eq]).lowercased()] = value
        }
        return options
    }

    /// `expression` as XPath: kept when it already is XPath, else read as a CSS selector and translated.
    /// - Throws: ``OptionError/badSelector(_:)`` for CSS outside the supported subset.
    public static func xpath(_ expression: String, relative: Bool) throws -> String {
        let trimmed = expression.htmlTrimmed()
        if let first = trimmed.first, first == "/" || first == "." || first == "(" { return trimmed }
        var alternatives: [String] = []
        for selector in trimmed.split(separator: ",") {
            var path = relative ? "." : ""
            var axis = "//"
            var compound = ""
            var pendingAxis = false
            func flush() throws {
                guard !compound.isEmpty else { return }
                path += axis + (try step(compound, original: expression))
                compound = ""
                axis = "//"
            }
            var bracket = 0
            for ch in selector {
                if ch == "[" { bracket += 1 } else if ch == "]" { bracket -= 1 }
                if bracket == 0 && (ch == " " || ch == ">") {
                    try flush()
                    if ch == ">" { axis = "/"; pendingAxis = true }
                    continue
                }
                if pendingAxis { pendingAxis = false }
                compound.append(ch)
            }
            try flush()
            guard path != "." && !path.isEmpty else { throw OptionError.badSelector(expression) }
            alternatives.append(path)
        }
        guard !alternatives.isEmpty else { throw OptionError.badSelector(expression) }
        return alternatives.joined(separator: " | ")
    }

    /// One compound selector (`a.title#x[href]`) as an XPath step.
    static func step(_ compound: String, original: String) throws -> String {
        var tag = ""
        var predicates: [String] = []
        var rest = Substring(compound)
        let nameChars: (Character) -> Bool = { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        tag = String(rest.prefix(while: { nameChars($0) || $0 == "*" }))
        rest = rest.dropFirst(tag.count)
        while let first = rest.first {
            rest = rest.dropFirst()
            switch first {
            case ".", "#":
                let name = String(rest.prefix(while: nameChars))
                guard !name.isEmpty else { throw OptionError.badSelector(original) }
                rest = rest.dropFirst(name.count)
                predicates.append(first == "." ? "contains(concat(' ', normalize-space(@class), ' '), ' \(name) ')" : "@id='\(name)'")
            case "[":
                guard let close = rest.firstIndex(of: "]") else { throw OptionError.badSelector(original) }
                let body = rest[..<close]
                rest = rest[rest.index(after: close)...]
                if let eq = body.firstIndex(of: "=") {
                    var name = String(body[..<eq])
                    var op = "="
                    if let last = name.last, "~*^$|".contains(last) { op = String(last) + "="; name.removeLast() }
                    let value = String(body[body.index(after: eq)...]).htmlTrimming("\"'")
                    switch op {
                    case "=": predicates.append("@\(name)='\(value)'")
                    case "*=": predicates.append("contains(@\(name), '\(value)')")
                    case "^=": predicates.append("starts-with(@\(name), '\(value)')")
                    case "~=": predicates.append("contains(concat(' ', normalize-space(@\(name)), ' '), ' \(value) ')")
                    default: throw OptionError.badSelector(original)
                    }
                } else {
                    predicates.append("@" + body.htmlTrimmed())
                }
            default:
                throw OptionError.badSelector(original)
            }
        }
        return (tag.isEmpty ? "*" : tag) + predicates.map { "[\($0)]" }.joined()
    }

    public enum OptionError: Error, Sendable, Equatable, CustomStringConvertible {
        case missingItem
        case badFullText(String)
        case badSelector(String)

        public var description: String {
            switch self {
            case .missingItem:
                "type=html needs item=XPATH selecting one node per listed brief, e.g. item=//article"
            case let .badFullText(value):
                "full_text=\(value): expected yes or no"
            case let .badSelector(value):
                "'\(value)': not XPath (starts with / . or ( ) and not a supported CSS selector (tag.class#id[attr=value], descendant, >)"
            }
        }
    }
}

/// Reads list pages: one ``FeedEntry`` per listed item.
public enum HTMLListPage {
    /// Parses a list page with the XPath expressions of `config`. Never throws: a page over the size bound or an
    /// invalid expression gives `bozo: true`, the reason in `bozoException`, and no entries.
    /// Items without a title and a link are skipped; links are resolved against `url`.
    public static func parse(_ bytes: [UInt8], url: String?, config: HTMLListPageConfig, contentType: String? = nil,
                             options: HTMLParseOptions = HTMLParseOptions()) -> FeedDocument {
        guard bytes.count <= options.maxBytes else {
            let error = HTMLParseError(kind: .tooLarge(size: bytes.count, limit: options.maxBytes), url: url)
            return FeedDocument(format: .html, bozo: true, bozoException: error.description)
        }
        let decoded = HTMLCharset.decode(bytes, contentType: contentType)
        var fields = ["title": config.title, "link": config.link, "base": "(//base/@href)[1]"]
        if let date = config.date { fields["date"] = date }
        if let summary = config.summary { fields["summary"] = summary }
        let rows: [HTMLListRow]
        do {
            rows = try HTMLDocument.listRows(decoded.utf8, url: url, itemXPath: config.item, fields: fields)
        } catch {
            return FeedDocument(format: .html, bozo: true, bozoException: String(describing: error), encoding: decoded.encoding)
        }
        var document = FeedDocument(format: .html, bozo: decoded.problem != nil, bozoException: decoded.problem,
                                    encoding: decoded.encoding)
        document.feed.link = url
        for row in rows {
            let title = collapse(row["title"] ?? "")
            let base = row["base"].flatMap { $0.isEmpty ? nil : URLText.resolve($0, against: url) } ?? url
            let link = (row["link"] ?? "").htmlTrimmed()
            guard !title.isEmpty || !link.isEmpty else { continue }
            var entry = FeedEntry()
            if !title.isEmpty { entry.title = TextConstruct(.plain, title) }
            if !link.isEmpty {
                let absolute = URLText.resolve(link, against: base)
                entry.link = absolute
                entry.id = absolute
                entry.links = [Link(rel: "alternate", href: absolute, type: "text/html")]
            }
            if let date = row["date"], !date.isEmpty { entry.published = HTMLMetadataReader.parseDate(date) }
            if let summary = row["summary"].map(collapse), !summary.isEmpty { entry.summary = TextConstruct(.plain, summary) }
            document.entries.append(entry)
        }
        return document
    }

    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

extension HTMLBriefParser {
    /// Puts a fetched page's main text into an entry whose feed gave only a teaser (`full_text=yes`).
    ///
    /// The content becomes the page's cleaned HTML and the sections the page's sections; title, dates and authors
    /// are filled from the page only where the entry has none. The teaser stays as the summary.
    public static func merge(_ article: HTMLArticle, into entry: FeedEntry) -> FeedEntry {
        var merged = entry
        guard !article.text.isEmpty else { return merged }
        if merged.summary == nil, let first = merged.content.first { merged.summary = first }
        merged.content = [TextConstruct(.html, article.html, language: article.metadata.language)]
        merged.sections = article.sections
        let meta = article.metadata
        if merged.title == nil, let title = meta.title { merged.title = TextConstruct(.plain, title) }
        if merged.published == nil { merged.published = meta.published }
        if merged.updated == nil { merged.updated = meta.updated }
        if merged.authors.isEmpty && !meta.authors.isEmpty {
            merged.authors = meta.authors.map { Person(name: $0) }
            merged.author = meta.authors.joined(separator: ", ")
        }
        if merged.language == nil { merged.language = meta.language }
        if merged.description == nil { merged.description = meta.description }
        return merged
    }
}
