import Foundation

/// What a page says about itself: title, canonical URL, dates, authors, site name, language, description.
///
/// Each field takes the most deliberate source first: JSON-LD (schema.org, written for machines), then Open Graph
/// and `article:*` meta tags, then Dublin Core and other `<meta>` names, then the visible page.
public struct HTMLMetadata: Sendable, Hashable {
    public var title: String?
    public var canonicalURL: String?
    public var published: Date?
    public var updated: Date?
    public var authors: [String] = []
    public var siteName: String?
    public var language: String?
    public var description: String?
    /// JSON-LD `articleBody`, when the page has one.
    public var articleBody: String?
    /// The `<base href>` of the page, resolved.
    public var baseURL: String?

    public init() {}
}

enum HTMLMetadataReader {
    /// Reads the metadata of `tree`; `url` is the address the page came from.
    static func read(_ tree: HTMLTree, url: String?) -> HTMLMetadata {
        var meta: [String: String] = [:]
        var canonical: String?
        var base = url
        var lang: String?
        var documentTitle = ""
        var times: [String] = []
        var h1s: [Int] = []
        for id in tree.descendants(of: tree.root, includingSelf: false) where tree[id].isElement {
            let attrs = tree[id].attributes
            switch tree[id].name {
            case "html":
                lang = lang ?? attrs["lang"] ?? attrs["xml:lang"]
            case "meta":
                guard let content = attrs["content"]?.htmlTrimmed(), !content.isEmpty else { continue }
                // `property` may hold several space-separated names (RDFa).
                for key in [attrs["property"], attrs["name"], attrs["itemprop"], attrs["http-equiv"]].compactMap({ $0 }) {
                    for name in key.lowercased().split(separator: " ") where meta[String(name)] == nil {
                        meta[String(name)] = content
                    }
                }
            case "link":
                let rel = (attrs["rel"] ?? "").lowercased().split(separator: " ")
                if rel.contains("canonical"), canonical == nil, let href = attrs["href"], !href.isEmpty { canonical = href }
            case "base":
                if let href = attrs["href"], !href.isEmpty { base = URLText.resolve(href, against: url) }
            case "title":
                if documentTitle.isEmpty { documentTitle = tree.innerText(id) }
            case "time":
                if let datetime = attrs["datetime"], !datetime.isEmpty {
                    let isPublication = attrs["pubdate"] != nil || (attrs["itemprop"] ?? "").lowercased().contains("datepublished")
                    if isPublication { times.insert(datetime, at: 0) } else { times.append(datetime) }
                }
            case "h1":
                h1s.append(id)
            default:
                continue
            }
        }
        let ld = JSONLDArticle.find(in: tree.jsonLD)

        var result = HTMLMetadata()
        result.baseURL = base
        func firstNonEmpty(_ values: String?...) -> String? {
            values.lazy.compactMap { $0?.htmlTrimmed() }.first { !$0.isEmpty }
        }
        let h1 = h1s.count == 1 ? tree.innerText(h1s[0]) : nil
        result.title = firstNonEmpty(ld?.headline, meta["og:title"], meta["dc.title"], meta["dcterms.title"],
                                     meta["twitter:title"], meta["parsely-title"], h1,
                                     titleWithoutSite(documentTitle, tree: tree, h1s: h1s))
        if let link = firstNonEmpty(canonical, meta["og:url"], ld?.url) {
            result.canonicalURL = URLText.resolve(link, against: base)
        }
        let publishedCandidates = [ld?.datePublished, meta["article:published_time"], meta["og:article:published_time"],
                                   meta["datepublished"], meta["dc.date.issued"], meta["dcterms.created"], meta["dc.date"],
                                   meta["parsely-pub-date"], meta["sailthru.date"], meta["pubdate"], meta["publish-date"],
                                   meta["date"]] + times.map(Optional.some)
        result.published = publishedCandidates.lazy.compactMap { $0.flatMap(parseDate) }.first
        result.updated = [ld?.dateModified, meta["article:modified_time"], meta["og:updated_time"], meta["datemodified"],
                          meta["dcterms.modified"], meta["last-modified"]].lazy.compactMap { $0.flatMap(parseDate) }.first
        if let ld, !ld.authors.isEmpty {
            result.authors = ld.authors
        } else if let author = firstNonEmpty(meta["author"], meta["dc.creator"], meta["article:author"], meta["parsely-author"],
                                             meta["sailthru.author"], meta["byl"]), !author.lowercased().hasPrefix("http") {
            result.authors = [author.hasPrefix("By ") || author.hasPrefix("by ") ? String(author.dropFirst(3)) : author]
        }
        result.siteName = firstNonEmpty(meta["og:site_name"], ld?.publisher, meta["application-name"])
        let language = firstNonEmpty(ld?.language, lang, meta["content-language"], meta["dc.language"], meta["og:locale"])
        result.language = language.map { $0.replacingOccurrences(of: "_", with: "-") }
        result.description = firstNonEmpty(ld?.description, meta["description"], meta["og:description"], meta["twitter:description"])
        result.articleBody = ld?.articleBody
        return result
    }

    /// Page dates: ISO 8601 and RFC 822 via `DateParser`, plus the long forms pages print ("March 3, 2025").
    static func parseDate(_ string: String) -> Date? {
        let trimmed = string.htmlTrimmed()
        guard !trimmed.isEmpty else { return nil }
        return DateParser.parse(trimmed) ?? WrittenDate.parse(trimmed)
    }

    static let titleSeparators: Set<Character> = ["|", "-", "–", "—", "\\", "/", ">", "»", "·", ":"]

    /// `<title>` without the site name: "Ban on X upheld | Agency News" → "Ban on X upheld".
    static func titleWithoutSite(_ title: String, tree: HTMLTree, h1s: [Int]) -> String? {
        let original = title.htmlTrimmed()
        guard !original.isEmpty else { return nil }
        // A title that equals a heading of the page is already the article's own.
        if h1s.contains(where: { tree.innerText($0) == original }) { return original }
        let parts = original.components(separatedBy: " ").split(whereSeparator: { $0.count == 1 && titleSeparators.contains($0.first!) })
        guard parts.count > 1 else { return original }
        // The longest segment is the article; site names are the short ones.
        let best = parts.max { $0.count < $1.count }!.joined(separator: " ")
        return best.split(separator: " ").count >= 3 ? best : original
    }
}

/// The parts of a schema.org `Article` (or subtype) that a page's JSON-LD gives.
struct JSONLDArticle {
    var headline: String?
    var url: String?
    var datePublished: String?
    var dateModified: String?
    var authors: [String] = []
    var publisher: String?
    var language: String?
    var description: String?
    var articleBody: String?

    static let articleTypes: Set<String> = [
        "article", "newsarticle", "blogposting", "report", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "backgroundnewsarticle", "techarticle", "scholarlyarticle", "socialmediaposting",
        "liveblogposting", "webpage", "pressrelease", "advertisercontentarticle", "satiricalarticle", "medicalscholarlyarticle",
    ]

    /// The first article-like object in the given JSON-LD blocks (looking inside `@graph` and arrays).
    static func find(in scripts: [String]) -> JSONLDArticle? {
        var fallback: JSONLDArticle?
        for script in scripts {
            // Some pages wrap JSON-LD in CDATA or HTML comments.
            var text = script.htmlTrimmed()
            for wrapper in ["<![CDATA[", "]]>", "<!--", "-->"] { text = text.replacingOccurrences(of: wrapper, with: "") }
            guard let data = text.data(using: .utf8),
                  let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { continue }
            var queue: [Any] = [json]
            var seen = 0
            while !queue.isEmpty && seen < 1000 {
                let item = queue.removeFirst()
                seen += 1
                if let array = item as? [Any] { queue.append(contentsOf: array); continue }
                guard let object = item as? [String: Any] else { continue }
                if let graph = object["@graph"] { queue.append(graph) }
                let types = (object["@type"] as? String).map { [$0] } ?? (object["@type"] as? [String]) ?? []
                let lowered = Set(types.map { $0.lowercased() })
                guard !lowered.isDisjoint(with: articleTypes) else { continue }
                let article = JSONLDArticle(object)
                // A WebPage wrapper is a weaker match than a real Article.
                if lowered == ["webpage"] { if fallback == nil { fallback = article }; continue }
                return article
            }
        }
        return fallback
    }

    init(_ object: [String: Any]) {
        func string(_ value: Any?) -> String? {
            if let s = value as? String { return s.htmlTrimmed().isEmpty ? nil : s.htmlTrimmed() }
            if let o = value as? [String: Any] { return string(o["name"]) ?? string(o["@value"]) }
            if let a = value as? [Any] { return a.lazy.compactMap { string($0) }.first }
            return nil
        }
        headline = string(object["headline"]) ?? string(object["name"])
        url = string(object["url"]) ?? string(object["mainEntityOfPage"].flatMap { ($0 as? [String: Any])?["@id"] })
        datePublished = string(object["datePublished"]) ?? string(object["dateCreated"])
        dateModified = string(object["dateModified"])
        let authorValue = object["author"] ?? object["creator"]
        let authorList = (authorValue as? [Any]) ?? (authorValue.map { [$0] } ?? [])
        authors = authorList.compactMap { string($0) }
        publisher = string(object["publisher"])
        language = string(object["inLanguage"])
        description = string(object["description"])
        articleBody = string(object["articleBody"])
    }
}

/// Dates as pages print them: "March 3, 2025", "3 March 2025", "Mar. 3, 2025 10:15", "2025/03/03".
enum WrittenDate {
    static let months: [String: Int] = {
        var map: [String: Int] = [:]
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                     "november", "december"]
        for (i, name) in names.enumerated() {
            map[name] = i + 1
            map[String(name.prefix(3))] = i + 1
        }
        map["sept"] = 9
        return map
    }()

    static func parse(_ text: String) -> Date? {
        let words = text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "/" || $0 == ":") }).map(String.init)
        var day: Int?, month: Int?, year: Int?
        for word in words {
            if let m = months[word], month == nil { month = m; continue }
            if word.contains("/") {
                let parts = word.split(separator: "/").compactMap { Int($0) }
                if parts.count == 3 && parts[0] > 1000 { year = parts[0]; month = parts[1]; day = parts[2] }
                continue
            }
            let digits = word.hasSuffix("st") || word.hasSuffix("nd") || word.hasSuffix("rd") || word.hasSuffix("th")
                ? String(word.dropLast(2)) : word
            guard let n = Int(digits) else { continue }
            if n > 1900 && n < 2200 && year == nil { year = n } else if n >= 1 && n <= 31 && day == nil { day = n }
        }
        guard let year, let month, (1...12).contains(month) else { return nil }
        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = day ?? 1
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: components)
    }
}
