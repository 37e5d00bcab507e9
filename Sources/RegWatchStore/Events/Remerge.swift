// Re-merge: the stored events an extraction touches, clustered again with its mentions. The algorithm is
// RegWatchEvents' `MergeStore.remerge`; this file is its SQLite reads and writes, mostly cached statements.
import Foundation
import GRDB
import RegWatchCore
import RegWatchEvents

extension RegWatchStore {
    /// Merges the added mentions, and what is left of the changed events, into the stored events
    /// (`MergeStore.remerge`); returns the events written and their mentions.
    func remerge(_ db: Database, added: [MergeKey: [AddedMention]], touched: Set<String>,
                 options: MergeOptions, parties: any PartyResolving) throws -> [String: [Int64]] {
        try SQLiteMergeStore(db: db).remerge(added: added, touched: touched, options: options, parties: parties)
    }
}

/// The SQLite side of a re-merge, inside the transaction of `saveExtractions`.
/// Its link reads and writes are in EventLinks.swift.
struct SQLiteMergeStore: MergeStore {
    let db: Database

    // MARK: Candidates

    func types(ofEvents ids: Set<String>) throws -> [(id: String, type: String)] {
        try Row.fetchAll(db, sql: "SELECT id, type FROM event WHERE id IN (\(RegWatchStore.quoted(ids)))").map { (id: $0["id"], type: $0["type"]) }
    }

    func events(of key: MergeKey, targets: Set<String>, from: Date, to: Date) throws -> [String] {
        if key.actorKey == MergeKey.anyActor {
            let byTarget = try db.cachedStatement(sql: """
                SELECT x.eventId FROM eventEntity x JOIN event e ON e.id = x.eventId
                WHERE x.entity = ? AND x.lastSeen >= ? AND x.role = 'target' AND x.type = ? AND e.firstSeen <= ?
                """)
            return try targets.flatMap { try String.fetchAll(byTarget, arguments: [$0, from, key.type, to]) }
        }
        let byTargetAndActor = try db.cachedStatement(sql: """
            SELECT x.eventId FROM eventEntity x JOIN event e ON e.id = x.eventId
            WHERE x.entity = ? AND x.lastSeen >= ? AND x.role = 'target' AND x.type = ? AND e.firstSeen <= ? AND e.actorKey = ?
            """)
        return try targets.flatMap { try String.fetchAll(byTargetAndActor, arguments: [$0, from, key.type, to, key.actorKey]) }
    }

    func events(of key: MergeKey, groups: Set<String>, from: Date, to: Date) throws -> [String] {
        let byGroupAndActor = try db.cachedStatement(sql: """
            SELECT x.eventId FROM eventGroup x JOIN event e ON e.id = x.eventId
            WHERE x.groupKey = ? AND x.lastSeen >= ? AND x.type = ? AND e.firstSeen <= ? AND e.actorKey = ?
            """)
        return try groups.flatMap { try String.fetchAll(byGroupAndActor, arguments: [$0, from, key.type, to, key.actorKey]) }
    }

    func events(of key: MergeKey, products: Set<String>, from: Date, to: Date) throws -> [String] {
        let list = products.sorted()
        let marks = Array(repeating: "?", count: list.count).joined(separator: ", ")
        if key.actorKey == MergeKey.anyActor {
            // The type is written out, so the partial index of workaround products serves it.
            // Cached per list length, which is small: a mention names a few things.
            let byProducts = try db.cachedStatement(sql: """
                SELECT DISTINCT eventId FROM mention WHERE type = 'workaround' AND productKey IN (\(marks)) AND at >= ? AND at <= ?
                AND eventId IS NOT NULL
                """)
            return try String.fetchAll(byProducts, arguments: StatementArguments(list + [from, to] as [any DatabaseValueConvertible]))
        }
        let byProductsAndActor = try db.cachedStatement(sql: """
            SELECT DISTINCT eventId FROM mention WHERE type = ? AND actorKey = ? AND at >= ? AND at <= ? AND productKey IN (\(marks))
            AND eventId IS NOT NULL
            """)
        return try String.fetchAll(byProductsAndActor, arguments: StatementArguments([key.type, key.actorKey, from, to] + list as [any DatabaseValueConvertible]))
    }

    func eventsNamingNothing(of key: MergeKey, from: Date, to: Date) throws -> [String] {
        let byActorAlone = try db.cachedStatement(sql: """
            SELECT DISTINCT eventId FROM mention WHERE type = ? AND actorKey = ? AND at >= ? AND at <= ? AND productKey IS NULL
            AND targets = '[]' AND eventId IS NOT NULL
            """)
        return try String.fetchAll(byActorAlone, arguments: [key.type, key.actorKey, from, to])
    }

    func eventsStated(of key: MergeKey, from: Date, to: Date) throws -> [String] {
        // Through the partial index of mentions with a stated date.
        let statedOfActor = try db.cachedStatement(sql: """
            SELECT DISTINCT eventId FROM mention WHERE type = ? AND actorKey = ? AND at >= ? AND at <= ? AND stated = 1
            AND eventId IS NOT NULL
            """)
        return try String.fetchAll(statedOfActor, arguments: [key.type, key.actorKey, from, to])
    }

    // MARK: Mentions

    func mentions(ofEvents ids: Set<String>) throws -> [MentionValue] {
        let mentionsOfEvents = try db.cachedStatement(sql: "SELECT * FROM mention WHERE eventId IN (SELECT value FROM json_each(?))")
        return try Row.fetchAll(mentionsOfEvents, arguments: [RegWatchStore.json(ids.sorted())]).map(RegWatchStore.mentionValue)
    }

    func mentions(ids: [Int64]) throws -> [MentionValue] {
        try Row.fetchAll(db, sql: "SELECT * FROM mention WHERE id IN (\(ids.map(String.init).joined(separator: ",")))")
            .map(RegWatchStore.mentionValue)
    }

    func namingMentions(type: String, actorKey: String, from: Date, to: Date) throws -> [MentionValue] {
        // Only what deciding needs is read (`neighbourValue`).
        let namingOfActor = try db.cachedStatement(sql: """
            SELECT \(RegWatchStore.neighbourColumns) FROM mention WHERE type = ? AND actorKey = ? AND at >= ? AND at <= ?
            AND NOT (productKey IS NULL AND targets = '[]')
            """)
        return try Row.fetchAll(namingOfActor, arguments: [type, actorKey, from, to]).map(RegWatchStore.neighbourValue)
    }

    func setAttached(_ attached: Bool, mention id: Int64) throws {
        try db.cachedStatement(sql: "UPDATE mention SET attached = ? WHERE id = ?").execute(arguments: [attached ? 1 : 0, id])
    }

    // MARK: Writes

    func links(to ids: [String]) throws -> [(owner: String, related: String)] {
        try Row.fetchAll(db, sql: """
            SELECT eventId, relatedId FROM eventRelation WHERE relatedId IN (\(RegWatchStore.quoted(ids))) AND relation IN ('circumvents', 'lifts')
            ORDER BY eventId
            """).map { (owner: $0["eventId"] as String, related: $0["relatedId"] as String) }
    }

    func countedEntities(ofEvents ids: [String]) throws -> [StatKey] {
        try Row.fetchAll(db, sql: """
            SELECT entity, type, role FROM eventEntity WHERE eventId IN (\(RegWatchStore.quoted(ids))) AND role IN ('actor', 'target')
            """).map { StatKey(entity: $0["entity"], type: $0["type"], role: $0["role"]) }
    }

    func deleteEvents(_ ids: [String]) throws {
        try db.execute(sql: "DELETE FROM event WHERE id IN (\(RegWatchStore.quoted(ids)))")
    }

    func insert(_ event: StoredEvent, actorKey: String, sourceCount: Int, entities: [EntityRow], groups: [String],
                mentions: [Int64]) throws {
        try db.execute(sql: """
            INSERT INTO event (id, type, actorKey, status, actor, targets, product, countries, method, evidence, confidence,
                firstSeen, lastSeen, sourceCount, statusHistory, parties)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [event.id, event.type.rawValue, actorKey, event.status.rawValue, event.actor,
                             RegWatchStore.json(event.targets), event.product, RegWatchStore.json(event.countries),
                             RegWatchStore.json(event.method), event.evidence, event.confidence, event.firstSeen, event.lastSeen,
                             sourceCount, RegWatchStore.historyJSON(event.statusHistory), RegWatchStore.json(event.parties)])
        let entity = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO eventEntity (entity, lastSeen, eventId, role, name, type) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for row in entities {
            try entity.execute(arguments: [row.entity, event.lastSeen, event.id, row.role, row.name, event.type.rawValue])
        }
        let group = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO eventGroup (groupKey, lastSeen, eventId, type) VALUES (?, ?, ?, ?)
            """)
        for groupKey in groups {
            try group.execute(arguments: [groupKey, event.lastSeen, event.id, event.type.rawValue])
        }
        try db.execute(sql: "UPDATE mention SET eventId = ? WHERE id IN (\(mentions.map(String.init).joined(separator: ",")))",
                       arguments: [event.id])
    }

    func addEntityStat(_ key: StatKey, count: Int, name: String) throws {
        try db.execute(sql: """
            INSERT INTO entityStat (entity, type, role, name, count) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (entity, type, role) DO UPDATE SET count = count + excluded.count, name = MIN(name, excluded.name)
            """, arguments: [key.entity, key.type, key.role, name, count])
    }

    func removeEntityStat(_ key: StatKey, count: Int) throws {
        try db.execute(sql: "UPDATE entityStat SET count = count - ? WHERE entity = ? AND type = ? AND role = ?",
                       arguments: [count, key.entity, key.type, key.role])
        try db.execute(sql: "DELETE FROM entityStat WHERE entity = ? AND type = ? AND role = ? AND count <= 0",
                       arguments: [key.entity, key.type, key.role])
    }
}
