// RSS 1.0: https://web.resource.org/rss/1.0/spec (RSS 0.90 shares its RDF shape)
import RegWatchCore

/// RSS 1.0 and 0.90 (`rdf:RDF`) element tree → `FeedMetadata`/`FeedEntry`.
///
/// RDF puts items beside the channel, not inside it; everything else reads as RSS does.
enum RDFAdapter {
    /// Reads an `rdf:RDF` root from its children, and tells its version: `rss090` when the root declares the
    /// Netscape namespace (as written, with or without its final slash) or the first child in an RSS namespace is in
    /// RSS 0.90's, else `rss10`. `nil` when `children` could not all be read.
    static func adapt<S: XMLChildSource>(root: XMLNode, children: S, scope rootScope: Scope) -> (FeedFormat, FeedMetadata, [FeedEntry])? {
        var reading = Reading(root: root, scope: rootScope)
        guard children.visitChildren(&reading) else { return nil }
        if let language = reading.language { reading.feed.language = language }
        if reading.scope.recovered {
            reading.entries = root.recoveredItems(named: "item", scope: reading.scope, atom: false).map { item($0.node, scope: $0.scope) }
        }
        return (reading.format ?? .rss10, reading.feed, reading.entries)
    }

    /// The root's children, one at a time: a `<channel>` is entered, each item read whole.
    struct Reading: XMLChildVisitor {
        var feed = FeedMetadata()
        var entries: [FeedEntry] = []
        var language: String?
        var format: FeedFormat?
        let scope: Scope
        var channelScope: Scope

        init(root: XMLNode, scope rootScope: Scope) {
            scope = rootScope.entering(root)
            channelScope = scope
            if let lang = scope.lang, !lang.isEmpty { feed.language = lang }
            if root.declaresNamespace("http://my.netscape.com/rdf/simple/0.9/") || root.declaresNamespace("http://my.netscape.com/rdf/simple/0.9") {
                format = .rss090
            }
        }

        mutating func enters(_ node: XMLNode, depth: Int) -> Bool {
            guard depth == 1 else { return false }
            let ns = node.namespace
            if format == nil, ns == .rss090 || ns == .rss10 { format = ns == .rss090 ? .rss090 : .rss10 }
            guard ns.isRSSCore, node.named("channel") else { return false }
            channelScope = scope.entering(node)
            return true
        }

        mutating func expect(_ count: Int, depth: Int) { entries.reserveCapacity(entries.count + count) }

        mutating func element(_ node: XMLNode, depth: Int) {
            if depth > 1 {
                RSSAdapter.applyChannel(node, scope: channelScope, feed: &feed, entries: &entries, language: &language)
            } else if node.namespace.isRSSCore, node.named("item") {
                entries.append(item(node, scope: scope))
            }
        }
    }

    static func item(_ node: XMLNode, scope: Scope) -> FeedEntry {
        var entry = RSSAdapter.item(node, scope: scope)
        // The item's `rdf:about` is its identity when it has no other.
        if entry.id == nil, let about = node.attribute("about", namespace: "http://www.w3.org/1999/02/22-rdf-syntax-ns#")?.trimmingSpaces(), !about.isEmpty {
            entry.id = about
        }
        return entry
    }
}
