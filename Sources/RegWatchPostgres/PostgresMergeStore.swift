// The PostgreSQL side of a re-merge (issue 15): the reads and writes of RegWatchEvents' `MergeStore.remerge` and of its
// links (`link`, `challengeLinks`), which hold the algorithm for both engines. Where SQLite asks once per name through
// a cached statement, PostgreSQL asks once per list (`= ANY`), one round trip instead of several.
import Foundation
import PostgresNIO
import RegWatchCore
import RegWatchEvents
import RegWatchStore

/// A re-merge inside the transaction of `PostgresStore.saveExtractions`.
struct PostgresMergeStore: MergeStore {
    let store: PostgresStore

    var session: PostgresSession { store.session }

    // MARK: Candidates

    func types(ofEvents ids: Set<String>) throws -> [(id: String, type: String)] {
        try session.rows("SELECT id, type FROM event WHERE id = ANY(\(Array(ids)))").map { row in
            let (id, type) = try session.decoding("event") { try row.decode((String, String).self) }
            return (id: id, type: type)
        }
    }

    func events(of key: MergeKey, targets: Set<String>, from: Date, to: Date) throws -> [String] {
        let targets = Array(targets)
        if key.actorKey == MergeKey.anyActor {
            return try store.strings("""
                SELECT x.eventId FROM eventEntity x JOIN event e ON e.id = x.eventId
                WHERE x.entity = ANY(\(targets)) AND x.lastSeen >= \(from) AND x.role = 'target' AND x.type = \(key.type)
                AND e.firstSeen <= \(to)
                """)
        }
        return try store.strings("""
            SELECT x.eventId FROM eventEntity x JOIN event e ON e.id = x.eventId
            WHERE x.entity = ANY(\(targets)) AND x.lastSeen >= \(from) AND x.role = 'target' AND x.type = \(key.type)
            AND e.firstSeen <= \(to) AND e.actorKey = \(key.actorKey)
            """)
    }

    func events(of key: MergeKey, groups: Set<String>, from: Date, to: Date) throws -> [String] {
        try store.strings("""
            SELECT x.eventId FROM eventGroup x JOIN event e ON e.id = x.eventId
            WHERE x.groupKey = ANY(\(Array(groups))) AND x.lastSeen >= \(from) AND x.type = \(key.type) AND e.firstSeen <= \(to)
            AND e.actorKey = \(key.actorKey)
            """)
    }

    func events(of key: MergeKey, products: Set<String>, from: Date, to: Date) throws -> [String] {
        let list = products.sorted()
        if key.actorKey == MergeKey.anyActor {
            // The type is written out, so the partial index of workaround products serves it.
            return try store.strings("""
                SELECT DISTINCT eventId FROM mention WHERE type = 'workaround' AND productKey = ANY(\(list))
                AND at >= \(from) AND at <= \(to) AND eventId IS NOT NULL
                """)
        }
        return try store.strings("""
            SELECT DISTINCT eventId FROM mention WHERE type = \(key.type) AND actorKey = \(key.actorKey)
            AND at >= \(from) AND at <= \(to) AND productKey = ANY(\(list)) AND eventId IS NOT NULL
            """)
    }

    func eventsNamingNothing(of key: MergeKey, from: Date, to: Date) throws -> [String] {
        try store.strings("""
            SELECT DISTINCT eventId FROM mention WHERE type = \(key.type) AND actorKey = \(key.actorKey)
            AND at >= \(from) AND at <= \(to) AND productKey IS NULL AND targets = '[]' AND eventId IS NOT NULL
            """)
    }

    func eventsStated(of key: MergeKey, from: Date, to: Date) throws -> [String] {
        try store.strings("""
            SELECT DISTINCT eventId FROM mention WHERE type = \(key.type) AND actorKey = \(key.actorKey)
            AND at >= \(from) AND at <= \(to) AND stated = 1 AND eventId IS NOT NULL
            """)
    }

    // MARK: Mentions

    func mentions(ofEvents ids: Set<String>) throws -> [MentionValue] {
        try store.mentionValues(PostgresQuery(unsafeSQL: "SELECT \(PostgresStore.mentionColumns) FROM mention WHERE eventId = ANY($1)",
                                              binds: store.binds(ids.sorted())))
    }

    func mentions(ids: [Int64]) throws -> [MentionValue] {
        try store.mentionValues(PostgresQuery(unsafeSQL: "SELECT \(PostgresStore.mentionColumns) FROM mention WHERE id = ANY($1)",
                                              binds: store.binds(ids)))
    }

    func namingMentions(type: String, actorKey: String, from: Date, to: Date) throws -> [MentionValue] {
        try store.neighbourValues("""
            SELECT id, articleId, type, actorKey, targets, product, at, stableKey, eventId, attached FROM mention
            WHERE type = \(type) AND actorKey = \(actorKey) AND at >= \(from) AND at <= \(to)
            AND NOT (productKey IS NULL AND targets = '[]')
            """)
    }

    func setAttached(_ attached: Bool, mention id: Int64) throws {
        try session.execute("UPDATE mention SET attached = \(attached ? 1 : 0) WHERE id = \(id)")
    }

    // MARK: Writes

    func links(to ids: [String]) throws -> [(owner: String, related: String)] {
        // By bytes, as SQLite orders them.
        try session.rows("""
            SELECT eventId, relatedId FROM eventRelation WHERE relatedId = ANY(\(ids)) AND relation IN ('circumvents', 'lifts')
            ORDER BY eventId COLLATE "C"
            """).map { row in
            let (owner, related) = try session.decoding("eventRelation") { try row.decode((String, String).self) }
            return (owner: owner, related: related)
        }
    }

    func countedEntities(ofEvents ids: [String]) throws -> [StatKey] {
        try session.rows("""
            SELECT entity, type, role FROM eventEntity WHERE eventId = ANY(\(ids)) AND role IN ('actor', 'target')
            """).map { row in
            let (entity, type, role) = try session.decoding("eventEntity") { try row.decode((String, String, String).self) }
            return StatKey(entity: entity, type: type, role: role)
        }
    }

    func deleteEvents(_ ids: [String]) throws {
        try session.execute("DELETE FROM event WHERE id = ANY(\(ids))")
    }

    func insert(_ event: StoredEvent, actorKey: String, sourceCount: Int, entities: [EntityRow], groups: [String],
                mentions: [Int64]) throws {
        try session.execute("""
            INSERT INTO event (id, type, actorKey, status, actor, targets, product, countries, method, evidence, confidence,
                firstSeen, lastSeen, sourceCount, statusHistory, parties)
            VALUES (\(event.id), \(event.type.rawValue), \(actorKey), \(event.status.rawValue), \(event.actor),
                \(RegWatchStore.json(event.targets)), \(event.product), \(RegWatchStore.json(event.countries)),
                \(RegWatchStore.json(event.method)), \(event.evidence), \(event.confidence), \(event.firstSeen), \(event.lastSeen),
                \(sourceCount), \(RegWatchStore.historyJSON(event.statusHistory)), \(RegWatchStore.json(event.parties)))
            """)
        if !entities.isEmpty {
            try session.execute("""
                INSERT INTO eventEntity (entity, lastSeen, eventId, role, name, type)
                SELECT u.entity, \(event.lastSeen), \(event.id), u.role, u.name, \(event.type.rawValue)
                FROM unnest(\(entities.map(\.entity))::text[], \(entities.map(\.role))::text[], \(entities.map(\.name))::text[])
                    AS u(entity, role, name)
                ON CONFLICT DO NOTHING
                """)
        }
        if !groups.isEmpty {
            try session.execute("""
                INSERT INTO eventGroup (groupKey, lastSeen, eventId, type)
                SELECT unnest(\(groups)::text[]), \(event.lastSeen), \(event.id), \(event.type.rawValue) ON CONFLICT DO NOTHING
                """)
        }
        try session.execute("UPDATE mention SET eventId = \(event.id) WHERE id = ANY(\(mentions))")
    }

    func addEntityStat(_ key: StatKey, count: Int, name: String) throws {
        // The smaller spelling by bytes, as SQLite's MIN.
        try session.execute("""
            INSERT INTO entityStat AS s (entity, type, role, name, count)
            VALUES (\(key.entity), \(key.type), \(key.role), \(name), \(count))
            ON CONFLICT (entity, type, role) DO UPDATE SET count = s.count + excluded.count,
                name = LEAST(s.name COLLATE "C", excluded.name COLLATE "C")
            """)
    }

    func removeEntityStat(_ key: StatKey, count: Int) throws {
        try session.execute("""
            UPDATE entityStat SET count = count - \(count) WHERE entity = \(key.entity) AND type = \(key.type) AND role = \(key.role)
            """)
        try session.execute("""
            DELETE FROM entityStat WHERE entity = \(key.entity) AND type = \(key.type) AND role = \(key.role) AND count <= 0
            """)
    }

    // MARK: Links

    func linkOwners(_ ids: Set<String>) throws -> [String: LinkOwner] {
        guard !ids.isEmpty else { return [:] }
        var rows: [String: (type: EventKind, firstSeen: Date, lastSeen: Date, rows: [(entity: String, role: String)])] = [:]
        for row in try session.rows("""
            SELECT x.eventId, x.entity, x.role, x.type, e.firstSeen, e.lastSeen FROM eventEntity x JOIN event e ON e.id = x.eventId
            WHERE x.eventId = ANY(\(Array(ids))) AND x.type IN ('workaround', 'lift')
            """) {
            let (id, entity, role, type, firstSeen, lastSeen) = try session.decoding("eventEntity") {
                try row.decode((String, String, String, String, Date, Date).self)
            }
            let eventType = try store.kind(type, table: "eventEntity", id: id)
            rows[id, default: (eventType, firstSeen, lastSeen, [])].rows.append((entity, role))
        }
        var owners: [String: LinkOwner] = [:]
        for (id, r) in rows { owners[id] = LinkOwner(id: id, type: r.type, firstSeen: r.firstSeen, lastSeen: r.lastSeen, rows: r.rows) }
        return owners
    }

    func linkCandidates(_ ids: Set<String>) throws -> [String: LinkCandidate] {
        guard !ids.isEmpty else { return [:] }
        var result: [String: LinkCandidate] = [:]
        for row in try session.rows("""
            SELECT x.eventId, x.entity, x.role, e.firstSeen, e.lastSeen FROM eventEntity x JOIN event e ON e.id = x.eventId
            WHERE x.eventId = ANY(\(Array(ids)))
            """) {
            let (id, entity, role, firstSeen, lastSeen) = try session.decoding("eventEntity") {
                try row.decode((String, String, String, Date, Date).self)
            }
            result[id, default: LinkCandidate(id: id, firstSeen: firstSeen, lastSeen: lastSeen, rows: [])].rows.append((entity, role))
        }
        return result
    }

    func event(_ id: String) throws -> StoredEvent? { try store.eventsByID([id]).first }

    func bestLink(for owner: LinkOwner, from: Date, until: Date) throws -> String? {
        // The candidates' `eventEntity` rows whose entity is one of the owner's parties, scored in Swift by
        // `LinkOwner.points`, the one definition of link scoring.
        var scores: [String: (score: Int, firstSeen: Date)] = [:]
        for row in try session.rows("""
            SELECT x.eventId, x.entity, x.role, e.firstSeen FROM eventEntity x JOIN event e ON e.id = x.eventId
            WHERE x.entity = ANY(\(owner.parties.sorted())) AND x.lastSeen >= \(from) AND x.type IN ('ban', 'block', 'restriction')
            AND e.firstSeen <= \(until)
            """) {
            let (id, entity, role, firstSeen) = try session.decoding("eventEntity") { try row.decode((String, String, String, Date).self) }
            scores[id, default: (0, firstSeen)].score += owner.points(entity: entity, role: role)
        }
        return scores.filter { $0.value.score >= 2 }
            .map { LinkRank(score: $0.value.score, firstSeen: $0.value.firstSeen, id: $0.key) }
            .max { a, b in (a.score, a.firstSeen) != (b.score, b.firstSeen) ? (a.score, a.firstSeen) < (b.score, b.firstSeen)
                : a.id.utf8.lexicographicallyPrecedes(b.id.utf8) }?.id
    }

    func linkOwners(naming entity: String, from: Date, to: Date) throws -> [(id: String, lastSeen: Date, firstSeen: Date)] {
        try session.rows("""
            SELECT x.eventId, x.lastSeen, w.firstSeen FROM eventEntity x JOIN event w ON w.id = x.eventId
            WHERE x.entity = \(entity) AND x.lastSeen >= \(from) AND x.type IN ('workaround', 'lift') AND w.firstSeen <= \(to)
            """).map { row in
            let (id, lastSeen, firstSeen) = try session.decoding("eventEntity") { try row.decode((String, Date, Date).self) }
            return (id: id, lastSeen: lastSeen, firstSeen: firstSeen)
        }
    }

    func links(of ids: [String]) throws -> [String: String] {
        var current: [String: String] = [:]
        for row in try session.rows("""
            SELECT eventId, relatedId FROM eventRelation WHERE eventId = ANY(\(ids)) AND relation IN ('circumvents', 'lifts')
            """) {
            let (id, related) = try session.decoding("eventRelation") { try row.decode((String, String).self) }
            current[id] = related
        }
        return current
    }

    func unlink(_ id: String) throws {
        try session.execute("DELETE FROM eventRelation WHERE eventId = \(id) OR relatedId = \(id)")
    }

    func setLink(_ owner: LinkOwner, to relatedId: String) throws {
        let (forward, backward) = owner.relations
        try session.execute("""
            INSERT INTO eventRelation (eventId, relatedId, relation) VALUES (\(owner.id), \(relatedId), \(forward)),
                (\(relatedId), \(owner.id), \(backward))
            ON CONFLICT DO NOTHING
            """)
    }
}
