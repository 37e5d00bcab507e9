// Atom 1.0: https://www.rfc-editor.org/rfc/rfc4287 — Atom 0.3: https://datatracker.ietf.org/doc/html/draft-nottingham-atom-format-02
import RegWatchCore

/// Atom 0.3 and 1.0 element tree → `FeedMetadata`/`FeedEntry`. Elements of both versions are read alike; the
/// 0.3 names (`tagline`, `copyright`, `modified`, `issued`, `url`) map to their 1.0 successors.
enum AtomAdapter {
    static func format(of root: XMLNode) -> FeedFormat {
        if root.namespace == .atom10 { return .atom10 }
        switch root.attribute("version")?.trimmingSpaces() {
        case "0.1": return .atom01
        case "0.2": return .atom02
        case "0.3": return .atom03
        default: return .atom
        }
    }

    /// Reads a `<feed>` root from its children. `nil` when `children` could not all be read.
    static func adapt<S: XMLChildSource>(root: XMLNode, children: S, scope rootScope: Scope) -> (FeedMetadata, [FeedEntry])? {
        var reading = Reading(root: root, scope: rootScope)
        guard children.visitChildren(&reading) else { return nil }
        if reading.scope.recovered {
            let legacy = reading.legacy
            reading.entries = root.recoveredItems(named: "entry", scope: reading.scope, atom: true)
                .map { entry($0.node, scope: $0.scope, legacy: legacy) }
        }
        return (reading.feed, reading.entries)
    }

    /// The root's children, one at a time, each read whole.
    struct Reading: XMLChildVisitor {
        var feed = FeedMetadata()
        var entries: [FeedEntry] = []
        let scope: Scope
        /// Atom 0.3 and earlier: their element names map to 1.0's.
        let legacy: Bool

        init(root: XMLNode, scope rootScope: Scope) {
            scope = rootScope.entering(root)
            legacy = root.namespace != .atom10
            if let lang = scope.lang, !lang.isEmpty { feed.language = lang }
        }

        func enters(_ node: XMLNode, depth: Int) -> Bool { false }

        mutating func expect(_ count: Int, depth: Int) { entries.reserveCapacity(entries.count + count) }

        mutating func element(_ node: XMLNode, depth: Int) {
            let ns = node.namespace
            let s = scope.entering(node)
            guard scope.isCore(node, ns: ns, atom: true) else {
                if ns == .dc, node.named("language"), let l = CommonElements.nonEmpty(node.trimmedText) { feed.language = l }
                _ = CommonElements.applyToFeed(node, ns: ns, scope: s, feed: &feed)
                return
            }
            switch node.name {
            case "entry": entries.append(entry(node, scope: scope, legacy: legacy))
            case "title": if feed.title == nil { feed.title = FeedText.atomText(node, scope: s, legacy: legacy) }
            case "subtitle", "tagline": if feed.subtitle == nil { feed.subtitle = FeedText.atomText(node, scope: s, legacy: legacy) }
            case "rights", "copyright": if feed.rights == nil { feed.rights = FeedText.atomText(node, scope: s, legacy: legacy) }
            case "link":
                if let link = CommonElements.atomLink(node, scope: s, typed: true) {
                    feed.links.append(link)
                    if feed.link == nil, link.rel == "alternate" { feed.link = link.href }
                }
            case "id": if feed.id == nil { feed.id = CommonElements.nonEmpty(s.resolve(node.trimmedText)) }
            // Dates: the last value wins, as in every feed reader since Universal Feed Parser.
            case "updated", "modified": feed.updated = FeedText.date(node) ?? feed.updated
            case "published", "issued": feed.published = FeedText.date(node) ?? feed.published
            case "author": addPerson(node, scope: s, author: &feed.author, authors: &feed.authors)
            case "category": category(node, tags: &feed.tags)
            default: break
            }
        }
    }

    static func entry(_ node: XMLNode, scope parent: Scope, legacy: Bool) -> FeedEntry {
        var entry = FeedEntry()
        let scope = parent.entering(node)
        var fallbackSummary: TextConstruct?
        for child in node.elements {
            let ns = child.namespace
            let s = scope.entering(child)
            guard scope.isCore(child, ns: ns, atom: true) else {
                if let summary = CommonElements.fallbackSummary(child, ns: ns, scope: s) {
                    fallbackSummary = fallbackSummary ?? summary
                    continue
                }
                _ = CommonElements.applyToEntry(child, ns: ns, scope: s, entry: &entry)
                continue
            }
            switch child.name {
            case "id": if entry.id == nil { entry.id = CommonElements.nonEmpty(s.resolve(child.trimmedText)) }
            case "title": if entry.title == nil { entry.title = FeedText.atomText(child, scope: s, legacy: legacy) }
            case "link":
                if let link = CommonElements.atomLink(child, scope: s, typed: true) {
                    if link.rel == "enclosure" {
                        entry.enclosures.append(Enclosure(href: link.href, length: link.length, type: link.type))
                    }
                    entry.links.append(link)
                    if entry.link == nil, link.rel == "alternate" { entry.link = link.href }
                }
            case "summary": if entry.summary == nil { entry.summary = FeedText.atomText(child, scope: s, legacy: legacy) }
            case "content":
                var content = FeedText.atomText(child, scope: s, legacy: legacy)
                // Out-of-line content (RFC 4287 §4.1.3.2): the element is empty and `src` says where the content
                // lives. The reference is kept as `src`, never as the item's text.
                if let src = child.attribute("src")?.trimmingSpaces(), !src.isEmpty {
                    content.src = s.resolve(src)
                    content.value = ""
                }
                entry.content.append(content)
            case "published", "issued": entry.published = FeedText.date(child) ?? entry.published
            case "updated", "modified": entry.updated = FeedText.date(child) ?? entry.updated
            case "created": if entry.published == nil, legacy { entry.published = FeedText.date(child) }
            case "author": addPerson(child, scope: s, author: &entry.author, authors: &entry.authors)
            case "category": category(child, tags: &entry.tags)
            case "source": entry.source = source(child, scope: s, legacy: legacy)
            default: break
            }
        }
        CommonElements.applyFallbackSummary(fallbackSummary, to: &entry)
        return entry
    }

    /// An Atom person construct (RFC 4287 §3.2); 0.3's `url` is 1.0's `uri`.
    static func person(_ node: XMLNode, scope: Scope) -> Person {
        var p = Person()
        for child in node.elements {
            let value = child.trimmedText
            guard !value.isEmpty else { continue }
            switch child.name {
            case "name": if p.name == nil { p.name = value }
            case "email": if p.email == nil { p.email = value }
            case "uri", "url", "homepage": if p.href == nil { p.href = scope.entering(child).resolve(value) }
            default: break
            }
        }
        return p
    }

    static func addPerson(_ node: XMLNode, scope: Scope, author: inout String?, authors: inout [Person]) {
        let p = person(node, scope: scope)
        guard !p.isEmpty else { return }
        authors.append(p)
        if author == nil { author = FeedText.display(p) }
    }

    static func category(_ node: XMLNode, tags: inout [Tag]) { CommonElements.atomCategory(node, tags: &tags) }

    /// The feed an entry was copied from (RFC 4287 §4.2.11).
    static func source(_ node: XMLNode, scope: Scope, legacy: Bool) -> EntrySource? {
        var source = EntrySource()
        for child in node.elements {
            let s = scope.entering(child)
            switch child.name {
            case "title": if source.title == nil { source.title = CommonElements.nonEmpty(FeedText.atomText(child, scope: s, legacy: legacy).value) }
            case "id": if source.id == nil { source.id = CommonElements.nonEmpty(s.resolve(child.trimmedText)) }
            case "link":
                if let link = CommonElements.atomLink(child, scope: s), link.rel == "alternate", source.link == nil {
                    source.link = link.href
                    source.href = link.href
                }
            default: break
            }
        }
        return source == EntrySource() ? nil : source
    }
}
