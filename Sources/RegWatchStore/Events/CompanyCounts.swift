// Company counts: entities by number of events (`regwatch companies`).
import Foundation
import GRDB
import RegWatchCore

/// One row of `regwatch companies`.
public struct CompanyCount: Sendable, Hashable, Codable {
    public init(name: String, events: Int, byType: [String: Int], asActor: Int, asTarget: Int) {
        self.name = name
        self.events = events
        self.byType = byType
        self.asActor = asActor
        self.asTarget = asTarget
    }

    public var name: String
    public var events: Int
    public var byType: [String: Int]
    public var asActor: Int
    public var asTarget: Int

    enum CodingKeys: String, CodingKey {
        case name, events
        case byType = "by_type"
        case asActor = "as_actor"
        case asTarget = "as_target"
    }
}

extension RegWatchStore {
    /// Entities by number of events, with the split by type and by role. Without `since`, read from the
    /// counts kept by every merge.
    public func companies(since: Date? = nil, limit: Int? = nil) throws -> [CompanyCount] {
        try read { db in
            let rows: [Row]
            if let since {
                rows = try Row.fetchAll(db, sql: """
                    SELECT x.entity, x.type, x.role, MIN(x.name) AS name, COUNT(*) AS count FROM event e
                    JOIN eventEntity x ON x.eventId = e.id
                    WHERE e.lastSeen >= ? AND x.role IN ('actor', 'target') GROUP BY x.entity, x.type, x.role
                    """, arguments: [since])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT entity, type, role, name, count FROM entityStat")
            }
            var byEntity: [String: CompanyCount] = [:]
            for row in rows {
                let entity: String = row["entity"]
                let name: String = row["name"]
                // "apps", "users in China", "federal judge": descriptions the extractor kept, not entities.
                if name.first?.isLowercase == true { continue }
                let count: Int = row["count"]
                let type: String = row["type"]
                let role: String = row["role"]
                var c = byEntity[entity] ?? CompanyCount(name: row["name"], events: 0, byType: [:], asActor: 0, asTarget: 0)
                c.byType[type, default: 0] += count
                if role == "actor" { c.asActor += count } else { c.asTarget += count }
                byEntity[entity] = c
            }
            // An entity both acts and is acted upon in few events; count each event once per role here.
            var result = byEntity.values.map { c -> CompanyCount in
                var c = c
                c.events = c.asActor + c.asTarget
                return c
            }
            result.sort { $0.events != $1.events ? $0.events > $1.events : $0.name < $1.name }
            if let limit { result = Array(result.prefix(max(0, limit))) }
            return result
        }
    }
}
