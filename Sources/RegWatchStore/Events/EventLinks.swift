// Links: a workaround to what it circumvents, a lift to what it lifts (`circumvents`, `lifts` in eventRelation).
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

extension RegWatchStore {
    /// Links a workaround to the ban, block or restriction it circumvents, or a lift to what it lifts: the best
    /// ranked candidate (`LinkOwner.rank`, scored here by SQLite over `eventEntity`) among those sharing a party.
    /// - Parameter since: consider only candidates last seen on or after this (a caller that knows the best one
    ///   cannot be older).
    func link(_ db: Database, eventId: String, options: MergeOptions, since: Date? = nil) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM event WHERE id = ?", arguments: [eventId]) else { return }
        let owner = LinkOwner(try Self.storedEvent(row))
        // Only workarounds and lifts own links; a block's links belong to the workarounds that answer it.
        guard owner.type == .workaround || owner.type == .lift else { return }
        try db.execute(sql: "DELETE FROM eventRelation WHERE eventId = ? OR relatedId = ?", arguments: [eventId, eventId])
        guard !owner.parties.isEmpty else { return }
        var from = owner.firstSeen.addingTimeInterval(-options.relationHorizon)
        if let since, since > from { from = since }
        // `LinkOwner.weights` in SQL. A candidate's rows are only read when their entity is one of the parties.
        let request: SQLRequest<String> = """
            SELECT s.eventId FROM (
                SELECT x.eventId, SUM(\(owner.scoreSQL)) AS score FROM eventEntity x
                WHERE x.entity IN \(owner.parties.sorted()) AND x.lastSeen >= \(from) AND x.type IN ('ban', 'block', 'restriction')
                GROUP BY x.eventId HAVING score >= 2) s
            JOIN event e ON e.id = s.eventId WHERE e.firstSeen <= \(owner.lastSeen.addingTimeInterval(options.window))
            ORDER BY s.score DESC, e.firstSeen DESC, s.eventId DESC LIMIT 1
            """
        let best = try request.fetchOne(db)
        if let best { try setLink(db, owner, to: best) }
    }

    /// Gives each stored workaround or lift that one of `events` (the bans, blocks and restrictions among them)
    /// outranks that event as its link.
    ///
    /// `broken` holds the workarounds and lifts whose link was replaced, with the rank it had. Every stored
    /// candidate ranked at most that, so the best written one wins if it ranks as high; otherwise only a stored
    /// candidate ranked between the two can win, and when both have the same score such a candidate was last seen
    /// no earlier than the written one's first report: `link(since:)` searches just those. Else, from scratch.
    /// - Returns: how many workarounds and lifts were compared, and how many were searched again.
    @discardableResult
    func challengeLinks(_ db: Database, by events: [StoredEvent], skipping: Set<String>, broken: [String: LinkRank],
                                options: MergeOptions) throws -> (compared: Int, searched: Int) {
        let challengers = events.filter { [.ban, .block, .restriction].contains($0.type) }.map(LinkCandidate.init)
        var byEntity: [String: [Int]] = [:]
        for (i, challenger) in challengers.enumerated() {
            for entity in Set(challenger.rows.map(\.entity)) { byEntity[entity, default: []].append(i) }
        }
        // The workarounds and lifts sharing a party with a challenger, reported no earlier than a window before
        // its first report and no later than the horizon after its last: those that can link to it.
        let answering = try db.cachedStatement(sql: """
            SELECT x.eventId, x.lastSeen, w.firstSeen FROM eventEntity x JOIN event w ON w.id = x.eventId
            WHERE x.entity = ? AND x.lastSeen >= ? AND x.type IN ('workaround', 'lift') AND w.firstSeen <= ?
            """)
        var pairs: [String: Set<Int>] = [:]
        for id in broken.keys { pairs[id] = [] }
        for (entity, indices) in byEntity.sorted(by: { $0.key < $1.key }) {
            let from = indices.map { challengers[$0].firstSeen }.min()!.addingTimeInterval(-options.window)
            let to = indices.map { challengers[$0].lastSeen }.max()!.addingTimeInterval(options.relationHorizon)
            for row in try Row.fetchAll(answering, arguments: [entity, from, to]) {
                let id: String = row[0]
                guard !skipping.contains(id) else { continue }
                let lastSeen: Date = row[1]
                let firstSeen: Date = row[2]
                for i in indices where lastSeen >= challengers[i].firstSeen.addingTimeInterval(-options.window)
                    && firstSeen <= challengers[i].lastSeen.addingTimeInterval(options.relationHorizon) {
                    pairs[id, default: []].insert(i)
                }
            }
        }
        guard !pairs.isEmpty else { return (0, 0) }
        let owners = try LinkOwner.load(db, ids: Set(pairs.keys))
        var current: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT eventId, relatedId FROM eventRelation WHERE eventId IN (\(Self.quoted(pairs.keys.sorted())))
            AND relation IN ('circumvents', 'lifts')
            """) {
            current[row["eventId"]] = row["relatedId"]
        }
        let linked = try LinkCandidate.load(db, ids: Set(current.values))
        // Thousands of workarounds and lifts each meet dozens of challengers: `LinkOwner.rank` with names as numbers.
        var codes: [String: Int] = [:]
        func code(_ name: String) -> Int {
            if let c = codes[name] { return c }
            codes[name] = codes.count
            return codes.count - 1
        }
        let roles = ["actor": 0, "target": 1, "product": 2]
        let coded = challengers.map { c in c.rows.map { (entity: code($0.entity), role: roles[$0.role] ?? 3) } }
        var searched = 0
        for (id, indices) in pairs.sorted(by: { $0.key < $1.key }) {
            guard let owner = owners[id] else { continue }
            // Only the owner's parties earn points; what each earns in each role.
            let weights = owner.parties.map { party in
                (entity: code(party), points: [owner.points(entity: party, role: "actor"), owner.points(entity: party, role: "target"),
                                               owner.points(entity: party, role: "product"), 0])
            }
            let earliest = owner.firstSeen.addingTimeInterval(-options.relationHorizon)
            let latest = owner.lastSeen.addingTimeInterval(options.window)
            var best: LinkRank?
            for i in indices {
                let challenger = challengers[i]
                guard challenger.lastSeen >= earliest, challenger.firstSeen <= latest else { continue }
                var score = 0
                for row in coded[i] {
                    for weight in weights where weight.entity == row.entity { score += weight.points[row.role] }
                }
                guard score >= 2 else { continue }
                let candidate = LinkRank(score: score, firstSeen: challenger.firstSeen, id: challenger.id)
                if best == nil || candidate > best! { best = candidate }
            }
            if let old = broken[id] {
                if let best, best >= old {
                    try setLink(db, owner, to: best.id)
                } else {
                    searched += 1
                    try link(db, eventId: id, options: options, since: best.flatMap { $0.score == old.score ? $0.firstSeen : nil })
                }
                continue
            }
            var currentRank: LinkRank?
            if let relatedId = current[id], let candidate = linked[relatedId], let rank = owner.rank(candidate, options: options) {
                currentRank = LinkRank(score: rank.score, firstSeen: rank.firstSeen, id: relatedId)
            }
            guard let best, currentRank == nil || best > currentRank!, best.id != current[id] else { continue }
            try db.execute(sql: "DELETE FROM eventRelation WHERE eventId = ? OR relatedId = ?", arguments: [id, id])
            try setLink(db, owner, to: best.id)
        }
        return (pairs.count, searched)
    }

    private func setLink(_ db: Database, _ owner: LinkOwner, to relatedId: String) throws {
        let (forward, backward) = owner.relations
        try db.execute(sql: "INSERT OR IGNORE INTO eventRelation (eventId, relatedId, relation) VALUES (?, ?, ?)",
                       arguments: [owner.id, relatedId, forward])
        try db.execute(sql: "INSERT OR IGNORE INTO eventRelation (eventId, relatedId, relation) VALUES (?, ?, ?)",
                       arguments: [relatedId, owner.id, backward])
    }
}
