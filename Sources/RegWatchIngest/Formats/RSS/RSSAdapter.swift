// RSS 2.0: https://www.rssboard.org/rss-specification (0.91–0.94 are subsets of it for our purposes)
import RegWatchCore

/// RSS 0.9x/2.0 element tree → `FeedMetadata`/`FeedEntry`.
enum RSSAdapter {
    /// The version of an `<rss>` root: its `version` attribute, and the Netscape DOCTYPE for 0.91.
    static func format(of root: XMLNode) -> FeedFormat {
        let version = root.attribute("version")?.trimmingSpaces() ?? ""
        switch version {
        case "0.91":
            // Netscape's 0.91 is told apart from UserLand's by its DOCTYPE.
            if let doctype = root.doctype, doctype.contains("Netscape") { return .rss091n }
            return .rss091u
        case "0.92": return .rss092
        case "0.93": return .rss093
        case "0.94": return .rss094
        default: return version.hasPrefix("2.") ? .rss20 : .rss
        }
    }

    /// Reads an `<rss>` root (or a bare `<channel>`) from its children. Items are read wherever they sit among the
    /// channel's or the root's children, as feed readers always have. `nil` when `children` could not all be read.
    static func adapt<S: XMLChildSource>(root: XMLNode, children: S, scope rootScope: Scope) -> (FeedMetadata, [FeedEntry])? {
        var reading = Reading(root: root, scope: rootScope)
        guard children.visitChildren(&reading) else { return nil }
        if let l = reading.language { reading.feed.language = l }
        if reading.scope.recovered {
            reading.entries = root.recoveredItems(named: "item", scope: reading.scope, atom: false).map { item($0.node, scope: $0.scope) }
        }
        return (reading.feed, reading.entries)
    }

    /// The root's children, one at a time: a `<channel>` is entered, each other child read whole.
    struct Reading: XMLChildVisitor {
        var feed = FeedMetadata()
        var entries: [FeedEntry] = []
        /// The language of a `<language>` or `<dc:language>` element, which wins over `xml:lang`.
        var language: String?
        let scope: Scope
        var channelScope: Scope

        init(root: XMLNode, scope rootScope: Scope) {
            scope = rootScope.entering(root)
            channelScope = scope
            if let lang = scope.lang, !lang.isEmpty { feed.language = lang }
        }

        mutating func enters(_ node: XMLNode, depth: Int) -> Bool {
            guard depth == 1, scope.isCore(node, ns: node.namespace, atom: false), node.named("channel") else { return false }
            channelScope = scope.entering(node)
            return true
        }

        mutating func expect(_ count: Int, depth: Int) { entries.reserveCapacity(entries.count + count) }

        mutating func element(_ node: XMLNode, depth: Int) {
            if depth > 1 {
                applyChannel(node, scope: channelScope, feed: &feed, entries: &entries, language: &language)
            } else if scope.isCore(node, ns: node.namespace, atom: false), node.named("item") {
                entries.append(item(node, scope: scope))
            } else {
                applyChannel(node, scope: scope, feed: &feed, entries: &entries, language: &language)
            }
        }
    }

    static func applyChannel(_ node: XMLNode, scope: Scope, feed: inout FeedMetadata, entries: inout [FeedEntry], language: inout String?) {
        let ns = node.namespace
        let s = scope.entering(node)
        guard scope.isCore(node, ns: ns, atom: false) else {
            if ns == .dc, node.named("language"), language == nil { language = CommonElements.nonEmpty(node.trimmedText) }
            _ = CommonElements.applyToFeed(node, ns: ns, scope: s, feed: &feed)
            return
        }
        switch node.name {
        case "item": entries.append(item(node, scope: scope))
        case "title": if feed.title == nil { feed.title = FeedText.rssText(node, scope: s, html: false) }
        case "link":
            let href = node.trimmedText
            if !href.isEmpty {
                let resolved = s.resolve(href)
                if feed.link == nil { feed.link = resolved }
                feed.links.append(Link(rel: "alternate", href: resolved, type: "text/html"))
            }
        case "description": if feed.subtitle == nil { feed.subtitle = FeedText.rssText(node, scope: s, html: true) }
        case "copyright": if feed.rights == nil { feed.rights = FeedText.rssText(node, scope: s, html: false) }
        case "language": if language == nil { language = CommonElements.nonEmpty(node.trimmedText) }
        // Dates: the last value wins, as in every feed reader since Universal Feed Parser.
        case "lastBuildDate": feed.updated = FeedText.date(node) ?? feed.updated
        case "pubDate": feed.published = FeedText.date(node) ?? feed.published
        case "managingEditor", "author": CommonElements.addRSSAuthor(node.trimmedText, author: &feed.author, authors: &feed.authors)
        case "category": category(node, tags: &feed.tags)
        case "ttl": if feed.ttlMinutes == nil { feed.ttlMinutes = Int(node.trimmedText) }
        default: break
        }
    }

    static func item(_ node: XMLNode, scope parent: Scope) -> FeedEntry {
        var entry = FeedEntry()
        let scope = parent.entering(node)
        var guidPermalink: String?
        var hasCoreTitle = false
        var fallbackSummary: TextConstruct?
        for child in node.elements {
            let ns = child.namespace
            let s = scope.entering(child)
            guard scope.isCore(child, ns: ns, atom: false) else {
                if let summary = CommonElements.fallbackSummary(child, ns: ns, scope: s) {
                    fallbackSummary = fallbackSummary ?? summary
                    continue
                }
                _ = CommonElements.applyToEntry(child, ns: ns, scope: s, entry: &entry)
                continue
            }
            switch child.name {
            case "title":
                // The item's own title wins over a Media RSS or Dublin Core one met earlier.
                if !hasCoreTitle { entry.title = FeedText.rssText(child, scope: s, html: false) }
                hasCoreTitle = true
            case "link":
                let href = child.trimmedText
                if !href.isEmpty {
                    let resolved = s.resolve(href)
                    if entry.link == nil { entry.link = resolved }
                    entry.links.append(Link(rel: "alternate", href: resolved, type: "text/html"))
                }
            case "description", "summary":
                // The first of description and summary is the summary; a second one is full content.
                let text = FeedText.rssText(child, scope: s, html: true)
                if entry.summary == nil { entry.summary = text } else { entry.content.append(text) }
            case "fullitem": entry.content.append(FeedText.rssText(child, scope: s, html: true))
            case "tags":
                // A comma-separated tag list some generators write.
                for term in child.text.split(separator: ",") {
                    let t = term.trimmingSpaces()
                    if !t.isEmpty { entry.tags.append(Tag(term: t)) }
                }
            case "guid":
                let value = child.trimmedText
                guard !value.isEmpty, entry.id == nil else { break }
                entry.id = value
                // A GUID is a permalink unless it says otherwise; it serves as the link when there is none.
                let permalink = child.attribute("isPermaLink")?.trimmingSpaces().lowercased() ?? "true"
                if permalink != "false" { guidPermalink = s.resolve(value) }
            case "pubDate": entry.published = FeedText.date(child) ?? entry.published
            case "author": CommonElements.addRSSAuthor(child.trimmedText, author: &entry.author, authors: &entry.authors)
            case "category": category(child, tags: &entry.tags)
            case "enclosure":
                if let url = child.attribute("url")?.trimmingSpaces(), !url.isEmpty {
                    let href = s.resolve(url)
                    var enclosure = Enclosure(href: href)
                    if let l = child.attribute("length")?.trimmingSpaces(), !l.isEmpty { enclosure.length = l }
                    if let t = child.attribute("type")?.trimmingSpaces(), !t.isEmpty { enclosure.type = t }
                    entry.enclosures.append(enclosure)
                    entry.links.append(Link(rel: "enclosure", href: href, type: enclosure.type, length: enclosure.length))
                }
            case "source":
                var source = EntrySource()
                if let url = child.attribute("url")?.trimmingSpaces(), !url.isEmpty { source.href = s.resolve(url) }
                let title = child.trimmedText
                if !title.isEmpty { source.title = title }
                if source.href != nil || source.title != nil { entry.source = source }
            default:
                // RSS 1.0 modules written without their namespace still mean what they say in the wild.
                break
            }
        }
        if entry.link == nil, let permalink = guidPermalink { entry.link = permalink }
        CommonElements.applyFallbackSummary(fallbackSummary, to: &entry)
        return entry
    }

    static func category(_ node: XMLNode, tags: inout [Tag]) {
        let term = node.trimmedText
        let domain = node.attribute("domain")?.trimmingSpaces()
        guard !term.isEmpty || !(domain ?? "").isEmpty else { return }
        tags.append(Tag(term: term, scheme: (domain?.isEmpty ?? true) ? nil : domain))
    }
}
