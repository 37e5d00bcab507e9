// Queries: stored events by filter, by window, for a report, by id.
import Foundation
import GRDB
import RegWatchCore

/// Filters of `regwatch events` (all optional; combined with AND).
public struct EventQuery: Sendable, Hashable {
    /// Lowercased canonical names: the event's actor or one of its targets is one of them.
    public var entities: [String] = []
    public var types: [EventKind] = []
    /// ISO 3166-1 alpha-2.
    public var country: String?
    /// Lowercased canonical product names.
    public var products: [String] = []
    public var status: EventStatus?
    /// Last seen at or after.
    public var since: Date?
    /// First seen before.
    public var until: Date?
    public var limit: Int?
    /// Oldest first instead of newest first.
    public var ascending = false
    /// Read each event's sources and related events (counting and trends need neither).
    public var details = true
    public init() {}
}

extension RegWatchStore {
    /// Stored events matching `query`, newest first (oldest first with `ascending`), with their sources
    /// and related events.
    public func events(matching query: EventQuery) throws -> [StoredEvent] {
        if query.entities.count == 1, query.products.isEmpty, query.country == nil, query.status == nil, query.until == nil,
           !query.ascending, let limit = query.limit {
            return try newestEvents(of: query.entities[0], types: query.types, since: query.since, limit: limit)
        }
        return try read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            var from = "event e"
            if !query.entities.isEmpty || !query.products.isEmpty {
                var sub: [String] = []
                if !query.entities.isEmpty {
                    sub.append("(entity IN (\(Self.placeholders(query.entities.count))) AND role != 'product')")
                    arguments += StatementArguments(query.entities)
                }
                if !query.products.isEmpty {
                    sub.append("(entity IN (\(Self.placeholders(query.products.count))) AND role = 'product')")
                    arguments += StatementArguments(query.products)
                }
                let op = " AND eventId IN (SELECT eventId FROM eventEntity WHERE "
                var inner = "SELECT eventId FROM eventEntity WHERE " + sub[0]
                if sub.count == 2 { inner += op + sub[1] + ")" }
                from = "(SELECT DISTINCT eventId AS eid FROM (\(inner))) s JOIN event e ON e.id = s.eid"
            }
            if !query.types.isEmpty {
                clauses.append("e.type IN (\(Self.placeholders(query.types.count)))")
                arguments += StatementArguments(query.types.map(\.rawValue))
            }
            if let country = query.country { clauses.append("e.countries LIKE ?"); arguments += ["%\"\(country.uppercased())\"%"] }
            if let status = query.status { clauses.append("e.status = ?"); arguments += [status.rawValue] }
            if let since = query.since { clauses.append("e.lastSeen >= ?"); arguments += [since] }
            if let until = query.until { clauses.append("e.firstSeen < ?"); arguments += [until] }
            var sql = "SELECT \(query.details ? "e.*" : Self.countedColumns) FROM \(from)"
            if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
            sql += query.ascending ? " ORDER BY e.firstSeen, e.id" : " ORDER BY e.lastSeen DESC, e.id"
            if let limit = query.limit { sql += " LIMIT \(max(0, limit))" }
            guard query.details else { return try Self.countedEvents(db, sql: sql, arguments: arguments) }
            return try Self.attach(db, Row.fetchAll(db, sql: sql, arguments: arguments).map { try Self.storedEvent($0) })
        }
    }

    /// The events a report over `[from, to)` reads: every event first seen in it, counted by week, with sources and
    /// related events only for those first seen at or after `detailedFrom` (the weeks the report lists), plus the
    /// events those point to, wherever they sit in time. Reading details for only the listed weeks keeps a one-week
    /// digest of a million-event store to the events of its trend window.
    public func reportEvents(from: Date, to: Date, detailedFrom: Date) throws -> [StoredEvent] {
        try read { db in
            var events = try Self.countedEvents(db, sql: Self.countedInWindowSQL, arguments: [from, to])
            let listed = events.indices.filter { events[$0].firstSeen >= detailedFrom }
            let full = try db.cachedStatement(sql: "SELECT * FROM event WHERE id = ?")
            let detailed = try Self.attach(db, listed.compactMap { i in
                try Row.fetchOne(full, arguments: [events[i].id]).map { try Self.storedEvent($0) }
            })
            for (i, event) in zip(listed, detailed) { events[i] = event }
            var seen = Set(events.map(\.id))
            var missing: [String] = []
            for event in detailed { for r in event.related where seen.insert(r.id).inserted { missing.append(r.id) } }
            let statement = try db.cachedStatement(sql: "SELECT * FROM event WHERE id = ?")
            for id in missing {
                if let row = try Row.fetchOne(statement, arguments: [id]) { events.append(try Self.storedEvent(row)) }
            }
            return events
        }
    }

    /// The newest events of one entity: walks `eventEntity` in (entity, lastSeen) order and stops after `limit`,
    /// so the cost does not grow with the entity's history. An event appears at most twice there (actor, target).
    private func newestEvents(of entity: String, types: [EventKind], since: Date?, limit: Int) throws -> [StoredEvent] {
        try read { db in
            var clauses = ["entity = ?", "role != 'product'"]
            var arguments: StatementArguments = [entity]
            if !types.isEmpty {
                clauses.append("type IN (\(Self.placeholders(types.count)))")
                arguments += StatementArguments(types.map(\.rawValue))
            }
            if let since { clauses.append("lastSeen >= ?"); arguments += [since] }
            let ids = try String.fetchAll(db, sql: """
                SELECT eventId FROM eventEntity WHERE \(clauses.joined(separator: " AND ")) ORDER BY lastSeen DESC LIMIT ?
                """, arguments: arguments + [max(0, limit) * 2])
            var seen: Set<String> = []
            let statement = try db.cachedStatement(sql: "SELECT * FROM event WHERE id = ?")
            var events: [StoredEvent] = []
            for id in ids where seen.insert(id).inserted {
                if let row = try Row.fetchOne(statement, arguments: [id]) { events.append(try Self.storedEvent(row)) }
            }
            events.sort { $0.lastSeen != $1.lastSeen ? $0.lastSeen > $1.lastSeen : $0.id < $1.id }
            return try Self.attach(db, Array(events.prefix(max(0, limit))))
        }
    }

    /// Events seen between `from` (inclusive) and `to` (exclusive): last seen on or after `from`, first seen before `to`.
    public func events(from: Date, to: Date) throws -> [StoredEvent] {
        var query = EventQuery()
        query.since = from
        query.until = to
        return try events(matching: query)
    }

    /// One event with its sources and related events.
    public func event(id: String) throws -> StoredEvent? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM event WHERE id = ?", arguments: [id]) else { return nil }
            return try Self.attach(db, [try Self.storedEvent(row)]).first
        }
    }
}
