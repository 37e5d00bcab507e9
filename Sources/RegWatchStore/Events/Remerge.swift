// Re-merge: the stored events an extraction touches, clustered again with its mentions (`EventMerger`).
import Foundation
import GRDB
import RegWatchCore
import RegWatchEvents

extension RegWatchStore {
    /// Mentions that may merge share a key: type and actor, except workarounds, whose circumventers are
    /// named loosely ("ByteDance", "Chinese firms", "ByteDance; Ant Financial") and are grouped by type alone.
    package struct MergeKey: Hashable, Comparable {
        package static let anyActor = "*"
        package var type: String
        package var actorKey: String

        package init(type: String, actorKey: String) {
            self.type = type
            self.actorKey = EventMerger.mergesAcrossActors(type) ? Self.anyActor : actorKey
        }

        package static func < (a: MergeKey, b: MergeKey) -> Bool { (a.type, a.actorKey) < (b.type, b.actorKey) }
    }

    /// A mention stored by this transaction, with what its merge candidates are looked up by.
    package struct AddedMention {
        package var id: Int64
        package var at: Date
        package var actorKey: String
        /// Lowercased, as `EventMerger` compares them.
        package var targets: [String]
        /// The groups described targets resolve to.
        package var groups: [String]
        package var product: String?
        /// Whether `at` is the date its text states for the act (`MentionValue.stated`).
        package var stated: Bool

        package init(id: Int64, at: Date, actorKey: String, targets: [String], groups: [String], product: String?,
                     stated: Bool = false) {
            self.stated = stated
            self.id = id
            self.at = at
            self.actorKey = actorKey
            self.targets = targets
            self.groups = groups
            self.product = product
        }
    }

    /// Merges the added mentions, and what is left of the changed events, into the stored events; returns the
    /// events written and their mentions.
    ///
    /// A stored event is already a connected component, so it changes only if an added mention links to one
    /// of its mentions (or one of its own mentions went). Only those candidates are read, each through an index:
    /// the events of the mention's type (and actor, but for workarounds) within the window that share one of its
    /// targets (`eventEntity`) or its product (`mention.productKey`, v4), or that name neither when it names
    /// neither. Clustering the candidates' mentions with the added ones gives the components that clustering
    /// every mention would give. A cluster that comes out with the same id and mentions as its stored event is
    /// left alone, links included, so the cost follows what changed, not the size of the store.
    func remerge(_ db: Database, added: [MergeKey: [AddedMention]], touched: Set<String>,
                         options: MergeOptions, parties resolver: any PartyResolving) throws -> [String: [Int64]] {
        let parties = MemoizedParties(resolver)
        // Changed events: what is left of their mentions is clustered again (it may split, or be gone). Candidates are
        // gathered by type: a mention without actor may join an event of any actor (`EventMerger.attaches`).
        var candidates: [String: Set<String>] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, type FROM event WHERE id IN (\(Self.quoted(touched)))") {
            candidates[row["type"], default: []].insert(row["id"])
        }
        var addedByType: [String: [AddedMention]] = [:]
        // A mention links to another of its key that shares a target or the product, or, when neither names
        // anything acted upon, to one that does not either (`EventMerger.Signature.links`).
        let byTarget = try db.cachedStatement(sql: """
            SELECT x.eventId FROM eventEntity x JOIN event e ON e.id = x.eventId
            WHERE x.entity = ? AND x.lastSeen >= ? AND x.role = 'target' AND x.type = ? AND e.firstSeen <= ?
            """)
        let byTargetAndActor = try db.cachedStatement(sql: """
            SELECT x.eventId FROM eventEntity x JOIN event e ON e.id = x.eventId
            WHERE x.entity = ? AND x.lastSeen >= ? AND x.role = 'target' AND x.type = ? AND e.firstSeen <= ? AND e.actorKey = ?
            """)
        let byGroupAndActor = try db.cachedStatement(sql: """
            SELECT x.eventId FROM eventGroup x JOIN event e ON e.id = x.eventId
            WHERE x.groupKey = ? AND x.lastSeen >= ? AND x.type = ? AND e.firstSeen <= ? AND e.actorKey = ?
            """)
        let byProduct = try db.cachedStatement(sql: """
            SELECT DISTINCT eventId FROM mention WHERE type = 'workaround' AND productKey = ? AND at >= ? AND at <= ? AND eventId IS NOT NULL
            """)
        let byProductAndActor = try db.cachedStatement(sql: """
            SELECT DISTINCT eventId FROM mention WHERE type = ? AND actorKey = ? AND at >= ? AND at <= ? AND productKey = ?
            AND eventId IS NOT NULL
            """)
        // The stated acts of an actor that an undated mention may tell again (`MergeOptions.restatementHorizon`),
        // through the partial index of mentions with a stated date.
        let statedOfActor = try db.cachedStatement(sql: """
            SELECT DISTINCT eventId FROM mention WHERE type = ? AND actorKey = ? AND at >= ? AND at <= ? AND stated = 1
            AND eventId IS NOT NULL
            """)
        let byActorAlone = try db.cachedStatement(sql: """
            SELECT DISTINCT eventId FROM mention WHERE type = ? AND actorKey = ? AND at >= ? AND at <= ? AND productKey IS NULL
            AND targets = '[]' AND eventId IS NOT NULL
            """)
        // The mentions of an actor that name something, around a mention that names nothing (`EventMerger.mayTake`).
        // Only what deciding needs is read (`neighbourValue`).
        let namingOfActor = try db.cachedStatement(sql: """
            SELECT \(Self.neighbourColumns) FROM mention WHERE type = ? AND actorKey = ? AND at >= ? AND at <= ?
            AND NOT (productKey IS NULL AND targets = '[]')
            """)
        for (key, mentions) in added {
            var found = candidates[key.type] ?? []
            let anyActor = key.actorKey == MergeKey.anyActor
            for m in mentions {
                let from = m.at.addingTimeInterval(-options.window)
                // A stated act may be told again, undated, up to the restatement horizon after it.
                let to = m.at.addingTimeInterval(m.stated && !anyActor ? max(options.window, options.restatementHorizon)
                                                                         : options.window)
                if !m.stated && !anyActor {
                    found.formUnion(try String.fetchAll(statedOfActor, arguments: [
                        key.type, key.actorKey, m.at.addingTimeInterval(-options.restatementHorizon), m.at]))
                }
                for target in Set(m.targets) {
                    found.formUnion(anyActor ? try String.fetchAll(byTarget, arguments: [target, from, key.type, to])
                        : try String.fetchAll(byTargetAndActor, arguments: [target, from, key.type, to, key.actorKey]))
                }
                if !anyActor {
                    for group in Set(m.groups) {
                        found.formUnion(try String.fetchAll(byGroupAndActor, arguments: [group, from, key.type, to, key.actorKey]))
                    }
                }
                if let product = m.product {
                    found.formUnion(anyActor ? try String.fetchAll(byProduct, arguments: [product, from, to])
                        : try String.fetchAll(byProductAndActor, arguments: [key.type, key.actorKey, from, to, product]))
                }
                if !anyActor && !key.actorKey.isEmpty {
                    // The mentions of this actor that name nothing around it: they link to it, or may now join
                    // the one event around them or no longer (`EventMerger.attaches`).
                    found.formUnion(try String.fetchAll(byActorAlone, arguments: [key.type, key.actorKey, from, to]))
                }
            }
            candidates[key.type] = found
            addedByType[key.type, default: []] += mentions
        }

        // Cluster each type's candidates with its added mentions; keep what did not change.
        var gone: [String] = []
        var clusters: [(event: StoredEvent, mentions: [MentionValue])] = []
        for type in Set(candidates.keys).union(addedByType.keys).sorted() {
            var eventSet = candidates[type] ?? []
            let mentionsOfEvents = try db.cachedStatement(sql: """
                SELECT * FROM mention WHERE eventId IN (SELECT value FROM json_each(?))
                """)
            var rows = try Row.fetchAll(mentionsOfEvents, arguments: [Self.json(eventSet.sorted())])
            let addedIds = (addedByType[type] ?? []).map(\.id)
            var addedValues: [MentionValue] = []
            if !addedIds.isEmpty {
                let addedRows = try Row.fetchAll(db, sql: "SELECT * FROM mention WHERE id IN (\(addedIds.map(String.init).joined(separator: ",")))")
                rows += addedRows
                addedValues = try addedRows.map { try Self.mentionValue($0) }
            }
            // Every mention read, decoded once; `rows` and `values` grow together.
            var values = try rows.dropLast(addedValues.count).map { try Self.mentionValue($0) } + addedValues
            // A mention that may join the one event around it (`EventMerger.attaches`) decides by the mentions within
            // the window of it. Only a mention near what changed (added or removed mentions) can decide otherwise than
            // it did: what may take it is read for it, and the events it joins are clustered with the others (they may
            // bring more such mentions). The others keep their decision (`mention.attached`).
            var neighbours: [Int64: [MentionValue]] = [:]
            var decided: [Int64: Bool] = [:]
            var keptDecision: [MentionValue] = []
            if !EventMerger.mergesAcrossActors(type) {
                let changes = addedValues + (addedByType[type] ?? []).filter { $0.id == 0 }.map { probe in
                    MentionValue(id: 0, articleId: 0, type: EventKind(rawValue: type) ?? .ban, status: .inEffect, actor: nil,
                                 actorKey: probe.actorKey, targets: probe.targets, product: probe.product, countries: [], method: [],
                                 evidence: "", confidence: 0, at: probe.at, stableKey: "")
                }
                let changesByActor = Dictionary(grouping: changes, by: \.actorKey)
                func affected(_ m: MentionValue) -> Bool {
                    if m.eventId.map(touched.contains) ?? true { return true }
                    return (changesByActor[m.actorKey] ?? []).contains { EventMerger.mayTake($0, m, options: options, parties: parties) }
                }
                var pending: [MentionValue] = []
                for m in values where EventMerger.attaches(m) {
                    if affected(m) { pending.append(m) } else { keptDecision.append(m) }
                }
                // The naming mentions of an actor are read once for the span its pending mentions need (a busy
                // actor has many pending mentions, each reading much the same fortnight), and read again only when a
                // mention outside that span comes up.
                let pendingSpan = Dictionary(grouping: pending, by: \.actorKey).mapValues { ms in
                    (ms.map(\.at).min()!, ms.map(\.at).max()!)
                }
                var naming: [String: (from: Date, to: Date, values: [MentionValue])] = [:]
                func namingMentions(around m: MentionValue) throws -> [MentionValue] {
                    let from = m.at.addingTimeInterval(-options.window)
                    let to = m.at.addingTimeInterval(options.window)
                    if let known = naming[m.actorKey], known.from <= from, known.to >= to { return known.values }
                    var span = (from: from, to: to)
                    if let (first, last) = pendingSpan[m.actorKey] {
                        span = (min(from, first.addingTimeInterval(-options.window)), max(to, last.addingTimeInterval(options.window)))
                    }
                    if let known = naming[m.actorKey] { span = (min(span.from, known.from), max(span.to, known.to)) }
                    let values = try Row.fetchAll(namingOfActor, arguments: [type, m.actorKey, span.from, span.to]).map(Self.neighbourValue)
                    naming[m.actorKey] = (span.from, span.to, values)
                    return values
                }
                while let m = pending.popLast() {
                    guard neighbours[m.id] == nil else { continue }
                    let around = try namingMentions(around: m).filter { EventMerger.mayTake($0, m, options: options, parties: parties) }
                    neighbours[m.id] = around
                    let joins = !around.isEmpty && EventMerger.groupCount(around, options: options, parties: parties) == 1
                    decided[m.id] = joins
                    let more = Set(around.compactMap(\.eventId)).subtracting(eventSet)
                    guard joins, !more.isEmpty else { continue }
                    eventSet.formUnion(more)
                    let extra = try Row.fetchAll(mentionsOfEvents, arguments: [Self.json(more.sorted())])
                    rows += extra
                    let extraValues = try extra.map { try Self.mentionValue($0) }
                    values += extraValues
                    for e in extraValues where EventMerger.attaches(e) {
                        if affected(e) { pending.append(e) } else { keptDecision.append(e) }
                    }
                }
                // A mention that joined before joined all of what may take it, which sits in its own event, loaded.
                let loaded = Dictionary(grouping: values, by: \.actorKey)
                for m in keptDecision where neighbours[m.id] == nil {
                    neighbours[m.id] = m.attached
                        ? (loaded[m.actorKey] ?? []).filter { EventMerger.mayTake($0, m, options: options, parties: parties) } : []
                }
            }
            // Decisions that changed are kept for the next merge.
            let setAttached = try db.cachedStatement(sql: "UPDATE mention SET attached = ? WHERE id = ?")
            for row in rows {
                let id: Int64 = row["id"]
                if let joins = decided[id], joins != ((row["attached"] as Int?) == 1) {
                    try setAttached.execute(arguments: [joins ? 1 : 0, id])
                }
            }
            let events = eventSet.sorted()
            var storedIn: [Int64: String] = [:]
            var storedCount: [String: Int] = [:]
            for row in rows {
                if let eventId: String = row["eventId"] {
                    storedIn[row["id"]] = eventId
                    storedCount[eventId, default: 0] += 1
                }
            }
            var kept: Set<String> = []
            for cluster in EventMerger.cluster(values, options: options, parties: parties,
                                               neighbours: neighbours) {
                let event = EventMerger.event(of: cluster, sources: [])
                if !touched.contains(event.id), storedCount[event.id] == cluster.count,
                   cluster.allSatisfy({ storedIn[$0.id] == event.id }) {
                    kept.insert(event.id)
                } else {
                    clusters.append((event, cluster))
                }
            }
            gone += events.filter { !kept.contains($0) }
        }

        // The replaced events go, with their links.
        let goneList = Self.quoted(gone)
        let brokenLinks = try Row.fetchAll(db, sql: """
            SELECT eventId, relatedId FROM eventRelation WHERE relatedId IN (\(goneList)) AND relation IN ('circumvents', 'lifts')
            ORDER BY eventId
            """).map { (owner: $0["eventId"] as String, related: $0["relatedId"] as String) }
        let brokenBefore = try LinkCandidate.load(db, ids: Set(brokenLinks.map(\.related)))
        // `entityStat` moves by what went and what came, so an entity's count is not recounted from all its events.
        var counts: [StatKey: Int] = [:]
        var names: [StatKey: String] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT entity, type, role FROM eventEntity WHERE eventId IN (\(goneList)) AND role IN ('actor', 'target')
            """) {
            counts[StatKey(entity: row["entity"], type: row["type"], role: row["role"]), default: 0] -= 1
        }
        try db.execute(sql: "DELETE FROM event WHERE id IN (\(goneList))")
        var written: [String: [Int64]] = [:]
        for (event, cluster) in clusters {
            let sourceCount = Set(cluster.map(\.articleId)).count
            try insert(db, event, actorKey: EventMerger.actorKey(of: cluster), sourceCount: sourceCount)
            if !EventMerger.mergesAcrossActors(event.type) {
                let groups = Set(cluster.flatMap { $0.targets.compactMap(parties.groupKey) })
                let statement = try db.cachedStatement(sql: """
                    INSERT OR IGNORE INTO eventGroup (groupKey, lastSeen, eventId, type) VALUES (?, ?, ?, ?)
                    """)
                for group in groups.sorted() {
                    try statement.execute(arguments: [group, event.lastSeen, event.id, event.type.rawValue])
                }
            }
            let ids = cluster.map(\.id)
            try db.execute(sql: "UPDATE mention SET eventId = ? WHERE id IN (\(ids.map(String.init).joined(separator: ",")))",
                           arguments: [event.id])
            written[event.id] = ids
            for row in Self.entityRows(event) where row.role == "actor" || row.role == "target" {
                let key = StatKey(entity: row.entity, type: event.type.rawValue, role: row.role)
                counts[key, default: 0] += 1
                names[key] = min(names[key] ?? row.name, row.name)
            }
        }

        // Links. A written workaround or lift is linked from scratch. The others keep their link unless a written
        // ban, block or restriction outranks it; one whose link went is compared with the written ones first, as
        // the best link is a maximum over the candidates (see `challengeLinks`). This gives what linking everything
        // from scratch would.
        let ownerTypes: Set<EventKind> = [.workaround, .lift]
        var fromScratch = Set(clusters.filter { ownerTypes.contains($0.event.type) }.map(\.event.id))
        let brokenOwners = try LinkOwner.load(db, ids: Set(brokenLinks.map(\.owner)).subtracting(fromScratch))
        var broken: [String: Rank] = [:]
        for (ownerId, relatedId) in brokenLinks where !fromScratch.contains(ownerId) {
            guard let owner = brokenOwners[ownerId] else { continue }  // gone, not written again
            if let candidate = brokenBefore[relatedId], let rank = owner.rank(candidate, options: options) {
                broken[ownerId] = Rank(score: rank.score, firstSeen: rank.firstSeen, id: relatedId)
            } else {
                fromScratch.insert(ownerId)
            }
        }
        for id in fromScratch.sorted() { try link(db, eventId: id, options: options) }
        try challengeLinks(db, by: clusters.map(\.event), skipping: fromScratch, broken: broken, options: options)

        let changedCounts = counts.filter { $0.value != 0 }
        for (key, change) in changedCounts.sorted(by: { $0.key < $1.key }) {
            if change > 0 {
                // The name shown is the smallest spelling among the entity's events.
                try db.execute(sql: """
                    INSERT INTO entityStat (entity, type, role, name, count) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (entity, type, role) DO UPDATE SET count = count + excluded.count, name = MIN(name, excluded.name)
                    """, arguments: [key.entity, key.type, key.role, names[key] ?? key.entity, change])
            } else {
                try db.execute(sql: "UPDATE entityStat SET count = count + ? WHERE entity = ? AND type = ? AND role = ?",
                               arguments: [change, key.entity, key.type, key.role])
                try db.execute(sql: "DELETE FROM entityStat WHERE entity = ? AND type = ? AND role = ? AND count <= 0",
                               arguments: [key.entity, key.type, key.role])
            }
        }
        return written
    }

    package struct StatKey: Hashable, Comparable {
        package var entity: String
        package var type: String
        package var role: String
        package init(entity: String, type: String, role: String) {
            self.entity = entity
            self.type = type
            self.role = role
        }
        package static func < (a: StatKey, b: StatKey) -> Bool { (a.entity, a.type, a.role) < (b.entity, b.type, b.role) }
    }

    package struct EntityRow { package var entity: String; package var name: String; package var role: String }

    package static func entityRows(_ event: StoredEvent) -> [EntityRow] {
        var rows: [EntityRow] = []
        var seen: Set<String> = []
        if let actor = event.actor, !actor.isEmpty {
            rows.append(EntityRow(entity: actor.lowercased(), name: actor, role: "actor"))
            seen.insert(actor.lowercased() + "|actor")
        }
        for t in event.targets where seen.insert(t.lowercased() + "|target").inserted {
            rows.append(EntityRow(entity: t.lowercased(), name: t, role: "target"))
        }
        if let p = event.product { rows.append(EntityRow(entity: p.lowercased(), name: p, role: "product")) }
        for party in event.parties where seen.insert(party.lowercased() + "|party").inserted {
            rows.append(EntityRow(entity: party.lowercased(), name: party, role: "party"))
        }
        return rows
    }

    private func insert(_ db: Database, _ event: StoredEvent, actorKey: String, sourceCount: Int) throws {
        try db.execute(sql: """
            INSERT INTO event (id, type, actorKey, status, actor, targets, product, countries, method, evidence, confidence,
                firstSeen, lastSeen, sourceCount, statusHistory, parties)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [event.id, event.type.rawValue, actorKey, event.status.rawValue, event.actor, Self.json(event.targets),
                             event.product, Self.json(event.countries), Self.json(event.method), event.evidence,
                             event.confidence, event.firstSeen, event.lastSeen, sourceCount,
                             Self.historyJSON(event.statusHistory), Self.json(event.parties)])
        let statement = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO eventEntity (entity, lastSeen, eventId, role, name, type) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for row in Self.entityRows(event) {
            try statement.execute(arguments: [row.entity, event.lastSeen, event.id, row.role, row.name, event.type.rawValue])
        }
    }
}
