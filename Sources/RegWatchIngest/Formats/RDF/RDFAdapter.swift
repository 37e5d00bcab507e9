// RSS 1.0: https://web.resource.org/rss/1.0/spec (RSS 0.90 shares its RDF shape)
import RegWatchCore

/// RSS 1.0 and 0.90 (`rdf:RDF`) element tree → `FeedMetadata`/`FeedEntry`.
///
/// RDF puts items beside the channel, not inside it; everything else reads as RSS does.
enum RDFAdapter {
    /// `rss10` or `rss090`, by the namespace of the channel and items.
    static func format(of root: XMLNode) -> FeedFormat {
        // The Netscape namespace, as written (with or without its final slash), declared on the root.
        if root.declaresNamespace("http://my.netscape.com/rdf/simple/0.9/") || root.declaresNamespace("http://my.netscape.com/rdf/simple/0.9") {
            return .rss090
        }
        for child in root.elements {
            switch child.namespace {
            case .rss090: return .rss090
            case .rss10: return .rss10
            default: continue
            }
        }
        return .rss10
    }

    static func adapt(root: XMLNode, scope rootScope: Scope) -> (FeedMetadata, [FeedEntry]) {
        var feed = FeedMetadata()
        var entries: [FeedEntry] = []
        let scope = rootScope.entering(root)
        if let lang = scope.lang, !lang.isEmpty { feed.language = lang }
        var language: String?
        entries.reserveCapacity(root.elementCount)
        for child in root.elements {
            let ns = child.namespace
            if ns.isRSSCore, child.named("channel") {
                let channelScope = scope.entering(child)
                for node in child.elements {
                    RSSAdapter.applyChannel(node, scope: channelScope, feed: &feed, entries: &entries, language: &language)
                }
            } else if ns.isRSSCore, child.named("item") {
                entries.append(item(child, scope: scope))
            }
        }
        if let language { feed.language = language }
        if scope.recovered {
            entries = root.recoveredItems(named: "item", scope: scope, atom: false).map { item($0.node, scope: $0.scope) }
        }
        return (feed, entries)
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
