import RegWatchCore

/// Extension elements that any XML feed format may carry: Dublin Core, `dcterms`, `content:encoded`,
/// `xhtml:body`, Media RSS categories and Atom links inside RSS. First found wins, as for the core elements.
enum CommonElements {
    /// Applies a channel-level extension element; `false` when the element is not one of them.
    static func applyToFeed(_ node: XMLNode, ns: Namespace, scope: Scope, feed: inout FeedMetadata) -> Bool {
        switch ns {
        case .dc:
            switch node.name {
            case "title": if feed.title == nil { feed.title = FeedText.rssText(node, scope: scope, html: false) }
            case "description": if feed.subtitle == nil { feed.subtitle = FeedText.rssText(node, scope: scope, html: true) }
            case "rights": if feed.rights == nil { feed.rights = FeedText.rssText(node, scope: scope, html: false) }
            case "language": if feed.language == nil { feed.language = nonEmpty(node.trimmedText) }
            case "date": if feed.updated == nil { feed.updated = FeedText.date(node) }
            case "creator", "author": addRSSAuthor(node.trimmedText, author: &feed.author, authors: &feed.authors)
            case "subject": addSubject(node, tags: &feed.tags)
            default: return false
            }
            return true
        case .dcterms:
            switch node.name {
            case "modified": if feed.updated == nil { feed.updated = FeedText.date(node) }
            case "issued": if feed.published == nil { feed.published = FeedText.date(node) }
            default: return false
            }
            return true
        case .atom10, .atom03:
            switch node.name {
            case "link":
                if let link = atomLink(node, scope: scope) {
                    feed.links.append(link)
                    if feed.link == nil, link.rel == "alternate" { feed.link = link.href }
                }
            case "id": if feed.id == nil { feed.id = nonEmpty(scope.resolve(node.trimmedText)) }
            default: return false
            }
            return true
        default:
            return false
        }
    }

    /// Applies an item-level extension element; `false` when the element is not one of them.
    static func applyToEntry(_ node: XMLNode, ns: Namespace, scope: Scope, entry: inout FeedEntry) -> Bool {
        switch ns {
        case .dc:
            switch node.name {
            case "title": if entry.title == nil { entry.title = FeedText.rssText(node, scope: scope, html: false) }
            case "description": if entry.summary == nil { entry.summary = FeedText.rssText(node, scope: scope, html: true) }
            case "date": if entry.updated == nil { entry.updated = FeedText.date(node) }
            case "creator", "author": addRSSAuthor(node.trimmedText, author: &entry.author, authors: &entry.authors)
            case "subject": addSubject(node, tags: &entry.tags)
            case "identifier": if entry.id == nil { entry.id = nonEmpty(node.trimmedText) }
            case "language": if entry.language == nil { entry.language = nonEmpty(node.trimmedText) }
            default: return false
            }
            return true
        case .dcterms:
            switch node.name {
            case "modified": if entry.updated == nil { entry.updated = FeedText.date(node) }
            case "issued": if entry.published == nil { entry.published = FeedText.date(node) }
            default: return false
            }
            return true
        case .content:
            guard node.named("encoded") else { return false }
            entry.content.append(FeedText.rssText(node, scope: scope, html: true))
            return true
        case .xhtml:
            guard node.named("body") else { return false }
            entry.content.append(TextConstruct(.xhtml, node.innerXHTML.trimmingSpaces(), language: scope.lang))
            return true
        case .media:
            guard node.named("category") else { return false }
            let term = node.trimmedText
            if !term.isEmpty {
                entry.tags.append(Tag(term: term, scheme: nonEmpty(node.attribute("scheme")?.trimmingSpaces() ?? ""),
                                      label: nonEmpty(node.attribute("label")?.trimmingSpaces() ?? "")))
            }
            return true
        case .atom10, .atom03:
            switch node.name {
            case "link":
                if let link = atomLink(node, scope: scope) {
                    if link.rel == "enclosure" {
                        entry.enclosures.append(Enclosure(href: link.href, length: link.length, type: link.type))
                    }
                    entry.links.append(link)
                    if entry.link == nil, link.rel == "alternate" { entry.link = link.href }
                }
            default: return false
            }
            return true
        default:
            return false
        }
    }

    /// An Atom `<link>` (RFC 4287 §4.2.7); `rel` defaults to `alternate`.
    static func atomLink(_ node: XMLNode, scope: Scope) -> Link? {
        guard let rawHref = node.attribute("href") else { return nil }
        let rel = node.attribute("rel")?.trimmingSpaces()
        var link = Link(rel: (rel?.isEmpty ?? true) ? "alternate" : rel!, href: scope.resolve(rawHref.trimmingSpaces()))
        if let t = node.attribute("type")?.trimmingSpaces(), !t.isEmpty { link.type = t }
        if let t = node.attribute("title"), !t.isEmpty { link.title = t }
        if let h = node.attribute("hreflang")?.trimmingSpaces(), !h.isEmpty { link.hreflang = h }
        if let l = node.attribute("length")?.trimmingSpaces(), !l.isEmpty { link.length = l }
        return link
    }

    /// RSS-style author text: kept as written for `author`, split into name and email for `authors`.
    static func addRSSAuthor(_ text: String, author: inout String?, authors: inout [Person]) {
        guard !text.isEmpty else { return }
        if author == nil { author = text }
        let p = FeedText.person(fromRSS: text)
        if !p.isEmpty { authors.append(p) }
    }

    static func addSubject(_ node: XMLNode, tags: inout [Tag]) {
        let term = node.trimmedText
        if !term.isEmpty { tags.append(Tag(term: term)) }
    }

    static func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
}
