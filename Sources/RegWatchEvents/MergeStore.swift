// What re-merging asks of a store (issue 15): the reads and writes of `remerge` (Remerge.swift) and of its links
// (`link`, `challengeLinks`, EventLinks.swift), which hold the algorithm once for every engine. A store implements
// them with its own SQL (RegWatchStore's `SQLiteMergeStore`, RegWatchPostgres' `PostgresMergeStore`); which lookups a
// mention needs, what to keep, what to write and which links to keep is decided here, so a new merge rule is
// written once.
import Foundation
import RegWatchCore

/// The reads and writes of a re-merge, inside one transaction of a store.
///
/// Each lookup is one indexed query (or a few: SQLite asks once per name, PostgreSQL once per list); none reads more
/// than the window around a mention, so the cost of a re-merge follows what changed, not the size of the store.
package protocol MergeStore {
    // MARK: Candidates

    /// The type of each of these stored events (those that exist).
    func types(ofEvents ids: Set<String>) throws -> [(id: String, type: String)]
    /// The events of `key` (of any actor when it is `MergeKey.anyActor`, which only workarounds are) that name one of
    /// `targets` as a target, last seen on or after `from` and first seen on or before `to` (`eventEntity`).
    func events(of key: MergeKey, targets: Set<String>, from: Date, to: Date) throws -> [String]
    /// The events of `key` (an actor's) with a target in one of the described `groups`, dated as above (`eventGroup`).
    func events(of key: MergeKey, groups: Set<String>, from: Date, to: Date) throws -> [String]
    /// The events of `key` with a mention of one of `products` (lowercased) between `from` and `to`
    /// (`mention.productKey`): one query for all of a mention's names, which all read the same window.
    func events(of key: MergeKey, products: Set<String>, from: Date, to: Date) throws -> [String]
    /// The events of `key` (an actor's) with a mention that names no target and no product between `from` and `to`.
    func eventsNamingNothing(of key: MergeKey, from: Date, to: Date) throws -> [String]
    /// The events of `key` (an actor's) with a mention of a stated date (`MentionValue.stated`) between `from` and `to`.
    func eventsStated(of key: MergeKey, from: Date, to: Date) throws -> [String]

    // MARK: Mentions

    /// Every mention of these events, whole.
    func mentions(ofEvents ids: Set<String>) throws -> [MentionValue]
    /// These mentions, whole.
    func mentions(ids: [Int64]) throws -> [MentionValue]
    /// The mentions of `type` and `actorKey` between `from` and `to` that name a target or a product, with what
    /// `EventMerger.mayTake` and `groupCount` read (type, actor key, targets, product, date, event, `attached`).
    func namingMentions(type: String, actorKey: String, from: Date, to: Date) throws -> [MentionValue]
    /// Keeps whether a mention joined the one event around it (`MentionValue.attached`) for the next merge.
    func setAttached(_ attached: Bool, mention id: Int64) throws

    // MARK: Writes

    /// The workarounds and lifts linked to one of these events (`circumvents`, `lifts`), ordered by owner id (bytes).
    func links(to ids: [String]) throws -> [(owner: String, related: String)]
    /// The actor and target rows (`eventEntity`) of these events, one key per row, as `entityStat` counts them.
    func countedEntities(ofEvents ids: [String]) throws -> [StatKey]
    /// Deletes these events, with their entity and group rows and their links.
    func deleteEvents(_ ids: [String]) throws
    /// Inserts an event with its entity rows and group rows, and makes it the event of `mentions`.
    func insert(_ event: StoredEvent, actorKey: String, sourceCount: Int, entities: [EntityRow], groups: [String],
                mentions: [Int64]) throws
    /// Adds `count` events to an entity's `entityStat` row, creating it, with the smaller of the two spellings.
    func addEntityStat(_ key: StatKey, count: Int, name: String) throws
    /// Removes `count` events from an entity's `entityStat` row, and the row when none is left.
    func removeEntityStat(_ key: StatKey, count: Int) throws

    // MARK: Links

    /// The workarounds and lifts among `ids`, read in one query.
    func linkOwners(_ ids: Set<String>) throws -> [String: LinkOwner]
    /// These events as a workaround or lift ranks them.
    func linkCandidates(_ ids: Set<String>) throws -> [String: LinkCandidate]
    /// A stored event, whole (the owner `link` ranks candidates for).
    func event(_ id: String) throws -> StoredEvent?
    /// The best-ranked ban, block or restriction for `owner` (`LinkOwner.weights` summed over its `eventEntity` rows,
    /// 2 or more; then the latest first report; then the greatest id, by bytes) among those naming one of its parties,
    /// last seen on or after `from` and first seen on or before `until`.
    func bestLink(for owner: LinkOwner, from: Date, until: Date) throws -> String?
    /// The workarounds and lifts naming `entity`, last seen on or after `from` and first seen on or before `to`.
    func linkOwners(naming entity: String, from: Date, to: Date) throws -> [(id: String, lastSeen: Date, firstSeen: Date)]
    /// The event each of these workarounds and lifts is linked to (`circumvents`, `lifts`).
    func links(of ids: [String]) throws -> [String: String]
    /// Removes every link of an event, both ways.
    func unlink(_ id: String) throws
    /// Links `owner` to `relatedId`, both ways (`LinkOwner.relations`).
    func setLink(_ owner: LinkOwner, to relatedId: String) throws
}

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

/// An `entityStat` row: how many events name an entity in a role, by type.
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

/// An `eventEntity` row of an event: a name it carries, lowercased, in a role.
package struct EntityRow {
    package var entity: String
    package var name: String
    package var role: String

    /// The actor, the targets, the product and the parties of `event`, each name once per role.
    package static func rows(of event: StoredEvent) -> [EntityRow] {
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
}
