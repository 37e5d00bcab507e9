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
            case "date": feed.updated = FeedText.date(node) ?? feed.updated
            case "creator", "author": addRSSAuthor(node.trimmedText, author: &feed.author, authors: &feed.authors)
            case "subject": addSubject(node, tags: &feed.tags)
            default: return false
            }
            return true
        case .dcterms:
            switch node.name {
            case "modified": feed.updated = FeedText.date(node) ?? feed.updated
            case "issued": feed.published = FeedText.date(node) ?? feed.published
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
            case "category": atomCategory(node, tags: &feed.tags)
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
            case "date": entry.updated = FeedText.date(node) ?? entry.updated
            case "creator", "author": addRSSAuthor(node.trimmedText, author: &entry.author, authors: &entry.authors)
            case "subject": addSubject(node, tags: &entry.tags)
            case "identifier": if entry.id == nil { entry.id = nonEmpty(node.trimmedText) }
            case "language": if entry.language == nil { entry.language = nonEmpty(node.trimmedText) }
            default: return false
            }
            return true
        case .dcterms:
            switch node.name {
            case "modified": entry.updated = FeedText.date(node) ?? entry.updated
            case "issued": entry.published = FeedText.date(node) ?? entry.published
            default: return false
            }
            return true
        case .content:
            guard node.named("encoded") else { return false }
            entry.content.append(FeedText.rssText(node, scope: scope, html: true))
            return true
        case .xhtml:
            guard node.named("body") else { return false }
            entry.content.append(TextConstruct(.xhtml, node.innerXHTML(base: scope.base).trimmingSpaces(), language: scope.lang))
            return true
        case .media:
            switch node.name {
            case "category":
                let term = node.trimmedText
                if !term.isEmpty {
                    // Media RSS gives categories a default scheme.
                    let scheme = nonEmpty(node.attribute("scheme")?.trimmingSpaces() ?? "") ?? "http://search.yahoo.com/mrss/category_schema"
                    entry.tags.append(Tag(term: term, scheme: scheme, label: nonEmpty(node.attribute("label")?.trimmingSpaces() ?? "")))
                }
            case "title":
                // A fallback for items whose only title is the media's.
                if entry.title == nil {
                    let plain = node.attribute("type")?.trimmingSpaces().lowercased() != "html"
                    entry.title = FeedText.rssText(node, scope: scope, html: !plain)
                }
            default: return false
            }
            return true
        case .creativeCommons:
            guard node.named("license") else { return false }
            let href = node.attribute("resource", namespace: "http://www.w3.org/1999/02/22-rdf-syntax-ns#") ?? node.trimmedText
            if !href.isEmpty { entry.links.append(Link(rel: "license", href: scope.resolve(href.trimmingSpaces()))) }
            return true
        case .atom10, .atom03:
            switch node.name {
            // Atom dates inside an RSS item are the item's dates (0.3 names too).
            case "updated", "modified": entry.updated = FeedText.date(node) ?? entry.updated
            case "published", "issued": entry.published = FeedText.date(node) ?? entry.published
            case "category": atomCategory(node, tags: &entry.tags)
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

    /// `media:description` (also inside `media:group`) and `itunes:summary`: video and podcast feeds often have no
    /// other summary. They are the summary only when the item has neither a summary nor content
    /// (``applyFallbackSummary(_:to:)``), whichever order the elements come in.
    static func fallbackSummary(_ node: XMLNode, ns: Namespace, scope: Scope) -> TextConstruct? {
        switch ns {
        case .media where node.named("description"):
            let html = node.attribute("type")?.trimmingSpaces().lowercased() == "html"
            let text = FeedText.rssText(node, scope: scope, html: html)
            return text.value.isEmpty ? nil : text
        case .media where node.named("group"):
            for child in node.elements {
                if let found = fallbackSummary(child, ns: child.namespace, scope: scope.entering(child)) { return found }
            }
            return nil
        case .itunes where node.named("summary"):
            let text = FeedText.rssText(node, scope: scope, html: false)
            return text.value.isEmpty ? nil : text
        default:
            return nil
        }
    }

    static func applyFallbackSummary(_ summary: TextConstruct?, to entry: inout FeedEntry) {
        guard let summary, entry.summary == nil, !entry.content.contains(where: { !$0.value.isEmpty }) else { return }
        entry.summary = summary
    }

    /// An Atom `<link>` (RFC 4287 §4.2.7); `rel` defaults to `alternate`.
    /// With `typed`, a link without `type` gets the one Atom implies: `application/atom+xml` for `self`,
    /// `text/html` otherwise.
    static func atomLink(_ node: XMLNode, scope: Scope, typed: Bool = false) -> Link? {
        // Atom 0.3 generators sometimes put the URI in the element's text instead of `href`.
        guard let rawHref = node.attribute("href") ?? nonEmpty(node.trimmedText) else { return nil }
        let rel = node.attribute("rel")?.trimmingSpaces()
        var link = Link(rel: (rel?.isEmpty ?? true) ? "alternate" : rel!, href: scope.resolve(rawHref.trimmingSpaces()))
        if let t = node.attribute("type")?.trimmingSpaces(), !t.isEmpty { link.type = t }
        else if typed { link.type = link.rel == "self" ? "application/atom+xml" : "text/html" }
        if let t = node.attribute("title"), !t.isEmpty { link.title = t }
        if let h = node.attribute("hreflang")?.trimmingSpaces(), !h.isEmpty { link.hreflang = h }
        if let l = node.attribute("length")?.trimmingSpaces(), !l.isEmpty { link.length = l }
        return link
    }

    /// An Atom `<category>` (RFC 4287 §4.2.2): `term`, with its `scheme` and `label`; in Atom feeds and, as
    /// `atom:category`, in RSS ones.
    static func atomCategory(_ node: XMLNode, tags: inout [Tag]) {
        let term = node.attribute("term")?.trimmingSpaces() ?? node.trimmedText
        guard !term.isEmpty else { return }
        let scheme = node.attribute("scheme")?.trimmingSpaces()
        let label = node.attribute("label")?.trimmingSpaces()
        tags.append(Tag(term: term, scheme: (scheme?.isEmpty ?? true) ? nil : scheme, label: (label?.isEmpty ?? true) ? nil : label))
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
