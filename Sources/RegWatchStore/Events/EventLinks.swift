// Links: a workaround to what it circumvents, a lift to what it lifts (`circumvents`, `lifts` in eventRelation). How
// they rank and which a re-merge keeps is RegWatchEvents' (EventLinks.swift); this file is their SQLite reads and writes.
import Foundation
import GRDB
import RegWatchCore
import RegWatchEvents

extension LinkOwner {
    /// The workarounds and lifts among `ids`, read in one query.
    static func load(_ db: Database, ids: Set<String>) throws -> [String: LinkOwner] {
        var rows: [String: (type: EventKind, firstSeen: Date, lastSeen: Date, rows: [(entity: String, role: String)])] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT x.eventId, x.entity, x.role, x.type, e.firstSeen, e.lastSeen FROM eventEntity x JOIN event e ON e.id = x.eventId
            WHERE x.eventId IN (\(RegWatchStore.quoted(ids.sorted()))) AND x.type IN ('workaround', 'lift')
            """) {
            let id: String = row["eventId"]
            let type = try RegWatchStore.decode(EventKind.self, row, "type", table: "eventEntity", id: id)
            rows[id, default: (type, row["firstSeen"], row["lastSeen"], [])]
                .rows.append((row["entity"], row["role"]))
        }
        var owners: [String: LinkOwner] = [:]
        for (id, r) in rows {
            owners[id] = LinkOwner(id: id, type: r.type, firstSeen: r.firstSeen, lastSeen: r.lastSeen, rows: r.rows)
        }
        return owners
    }

    /// `weights` as an SQL expression over a row `x` of `eventEntity`, with its names as arguments.
    var scoreSQL: SQL {
        var byRole: [String: [SQL]] = [:]
        for w in weights where !w.names.isEmpty {
            byRole[w.role, default: []].append("\(w.points) * (x.entity IN \(w.names.sorted()))")
        }
        guard !byRole.isEmpty else { return "0" }
        var sql: SQL = "CASE x.role"
        for role in byRole.keys.sorted() {
            sql += " WHEN \(role) THEN " + byRole[role]!.joined(separator: " + ")
        }
        return sql + " ELSE 0 END"
    }
}

extension LinkCandidate {
    /// Groups rows (`eventId`, `entity`, `role`, `firstSeen`, `lastSeen`) by event.
    static func grouped(_ rows: [Row]) -> [String: LinkCandidate] {
        var result: [String: LinkCandidate] = [:]
        for row in rows {
            let id: String = row["eventId"]
            result[id, default: LinkCandidate(id: id, firstSeen: row["firstSeen"], lastSeen: row["lastSeen"], rows: [])]
                .rows.append((row["entity"], row["role"]))
        }
        return result
    }

    static func load(_ db: Database, ids: Set<String>) throws -> [String: LinkCandidate] {
        grouped(try Row.fetchAll(db, sql: """
            SELECT x.eventId, x.entity, x.role, e.firstSeen, e.lastSeen FROM eventEntity x JOIN event e ON e.id = x.eventId
            WHERE x.eventId IN (\(RegWatchStore.quoted(ids.sorted())))
            """))
    }
}

extension SQLiteMergeStore {
    func linkOwners(_ ids: Set<String>) throws -> [String: LinkOwner] { try LinkOwner.load(db, ids: ids) }

    func linkCandidates(_ ids: Set<String>) throws -> [String: LinkCandidate] { try LinkCandidate.load(db, ids: ids) }

    func event(_ id: String) throws -> StoredEvent? {
        try Row.fetchOne(db, sql: "SELECT * FROM event WHERE id = ?", arguments: [id]).map(RegWatchStore.storedEvent)
    }

    func bestLink(for owner: LinkOwner, from: Date, until: Date) throws -> String? {
        // `LinkOwner.weights` in SQL. A candidate's rows are only read when their entity is one of the parties.
        let request: SQLRequest<String> = """
            SELECT s.eventId FROM (
                SELECT x.eventId, SUM(\(owner.scoreSQL)) AS score FROM eventEntity x
                WHERE x.entity IN \(owner.parties.sorted()) AND x.lastSeen >= \(from) AND x.type IN ('ban', 'block', 'restriction')
                GROUP BY x.eventId HAVING score >= 2) s
            JOIN event e ON e.id = s.eventId WHERE e.firstSeen <= \(until)
            ORDER BY s.score DESC, e.firstSeen DESC, s.eventId DESC LIMIT 1
            """
        return try request.fetchOne(db)
    }

    func linkOwners(naming entity: String, from: Date, to: Date) throws -> [(id: String, lastSeen: Date, firstSeen: Date)] {
        let answering = try db.cachedStatement(sql: """
            SELECT x.eventId, x.lastSeen, w.firstSeen FROM eventEntity x JOIN event w ON w.id = x.eventId
            WHERE x.entity = ? AND x.lastSeen >= ? AND x.type IN ('workaround', 'lift') AND w.firstSeen <= ?
            """)
        return try Row.fetchAll(answering, arguments: [entity, from, to]).map { (id: $0[0], lastSeen: $0[1], firstSeen: $0[2]) }
    }

    func links(of ids: [String]) throws -> [String: String] {
        var current: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT eventId, relatedId FROM eventRelation WHERE eventId IN (\(RegWatchStore.quoted(ids)))
            AND relation IN ('circumvents', 'lifts')
            """) {
            current[row["eventId"]] = row["relatedId"]
        }
        return current
    }

    func unlink(_ id: String) throws {
        try db.execute(sql: "DELETE FROM eventRelation WHERE eventId = ? OR relatedId = ?", arguments: [id, id])
    }

    func setLink(_ owner: LinkOwner, to relatedId: String) throws {
        let (forward, backward) = owner.relations
        try db.execute(sql: "INSERT OR IGNORE INTO eventRelation (eventId, relatedId, relation) VALUES (?, ?, ?)",
                       arguments: [owner.id, relatedId, forward])
        try db.execute(sql: "INSERT OR IGNORE INTO eventRelation (eventId, relatedId, relation) VALUES (?, ?, ?)",
                       arguments: [relatedId, owner.id, backward])
    }
}
