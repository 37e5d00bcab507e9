// The PostgreSQL side of a re-merge (issue 15): the reads and writes of RegWatchEvents' `MergeStore.remerge`, which
// holds the algorithm for both engines. Where SQLite asks once per name through a cached statement, PostgreSQL asks
// once per list (`= ANY`), one round trip instead of several.
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

    func events(of key: MergeKey, product: String, from: Date, to: Date) throws -> [String] {
        if key.actorKey == MergeKey.anyActor {
            // The type is written out, so the partial index of workaround products serves it.
            return try store.strings("""
                SELECT DISTINCT eventId FROM mention WHERE type = 'workaround' AND productKey = \(product)
                AND at >= \(from) AND at <= \(to) AND eventId IS NOT NULL
                """)
        }
        return try store.strings("""
            SELECT DISTINCT eventId FROM mention WHERE type = \(key.type) AND actorKey = \(key.actorKey)
            AND at >= \(from) AND at <= \(to) AND productKey = \(product) AND eventId IS NOT NULL
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

    func linkOwners(_ ids: Set<String>) throws -> [String: LinkOwner] { try store.loadOwners(ids) }

    func linkCandidates(_ ids: Set<String>) throws -> [String: LinkCandidate] { try store.loadCandidates(ids) }

    func link(eventId: String, options: MergeOptions, since: Date?) throws {
        try store.link(eventId: eventId, options: options, since: since)
    }

    func challengeLinks(by events: [StoredEvent], skipping: Set<String>, broken: [String: LinkRank],
                        options: MergeOptions) throws {
        try store.challengeLinks(by: events, skipping: skipping, broken: broken, options: options)
    }
}
