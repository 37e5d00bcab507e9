// Watch items: stored watch sentences merged by their normalised text, with the events their articles state.
import Foundation
import GRDB
import RegWatchCore
import RegWatchEvents

extension RegWatchStore {
    /// Watch items merged by their normalised sentence, newest first; `from`/`to` filter on when they were reported.
    public func watchItems(from: Date? = nil, to: Date? = nil) throws -> [StoredWatchItem] {
        try read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            if let from { clauses.append("w.at >= ?"); arguments += [from] }
            if let to { clauses.append("w.at < ?"); arguments += [to] }
            let sql = """
                SELECT w.*, a.canonicalURL, a.title, a.published, f.title AS outlet, f.url AS feedURL,
                       (SELECT group_concat(DISTINCT m.eventId) FROM mention m WHERE m.articleId = w.articleId) AS stories
                FROM watchMention w
                JOIN article a ON a.id = w.articleId JOIN feed f ON f.id = a.feedId
                \(clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "))
                ORDER BY w.at, w.id
                """
            var items: [String: StoredWatchItem] = [:]
            var order: [String] = []
            for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                let key: String = row["textKey"]
                let at: Date = row["at"]
                let source = EventSource(url: row["canonicalURL"], title: row["title"], outlet: row["outlet"] ?? row["feedURL"],
                                         published: row["published"], evidence: row["text"])
                let stories = (row["stories"] as String?)?.split(separator: ",").map(String.init) ?? []
                if var item = items[key] {
                    item.lastSeen = max(item.lastSeen, at)
                    item.addStories(stories)
                    if !item.sources.contains(where: { $0.url == source.url && $0.outlet == source.outlet }) { item.sources.append(source) }
                    items[key] = item
                } else {
                    order.append(key)
                    items[key] = StoredWatchItem(id: EventMerger.eventID(type: .tracking, actorKey: "watch", firstKey: key)
                                                    .replacingOccurrences(of: "ev_", with: "wi_"),
                                                 text: row["text"], entities: Self.strings(row["entities"]), date: row["date"],
                                                 firstSeen: at, lastSeen: at, sources: [source], stories: stories)
                }
            }
            return order.map { items[$0]! }.sorted { $0.lastSeen != $1.lastSeen ? $0.lastSeen > $1.lastSeen : $0.id < $1.id }
        }
    }
}
