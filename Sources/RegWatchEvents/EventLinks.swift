// Links: a workaround to what it circumvents, a lift to what it lifts (`circumvents`, `lifts` in eventRelation). How a
// candidate ranks is defined here once; each store reads the rows it is ranked by.
import Foundation
import RegWatchCore

/// A workaround or lift, as its candidate links are ranked.
package struct LinkOwner {
    package var id: String
    package var type: EventKind
    package var firstSeen: Date
    package var lastSeen: Date
    package var actor: String?
    package var targets: Set<String>
    package var product: String?
    /// Actor, targets and product: a candidate must share one.
    package var parties: Set<String>

    package init(_ event: StoredEvent) {
        self.init(id: event.id, type: event.type, firstSeen: event.firstSeen, lastSeen: event.lastSeen,
                  rows: EntityRow.rows(of: event).map { ($0.entity, $0.role) })
    }

    /// From the event's `eventEntity` rows, which hold the same names, lowercased.
    package init(id: String, type: EventKind, firstSeen: Date, lastSeen: Date, rows: [(entity: String, role: String)]) {
        self.id = id
        self.type = type
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        targets = []
        for row in rows {
            switch row.role {
            case "actor": actor = row.entity
            case "target": targets.insert(row.entity)
            case "product": product = row.entity
            default: break   // parties named around the event rank no link
            }
        }
        parties = targets.union([actor, product].compactMap { $0 })
    }

    /// What a candidate's `eventEntity` rows earn, the one definition of link scoring: a row of `role` whose
    /// entity is among `names` adds `points`. A workaround: its circumventer among those blocked (2), the blocker
    /// among its parties (2). A lift: the same actor (2). Both: each shared target (1), the same product (1).
    /// `points(entity:role:)` reads it in Swift; the SQLite store turns it into the SQL its `link` ranks with.
    package var weights: [(role: String, names: Set<String>, points: Int)] {
        let actorSet: Set<String> = actor.map { [$0] } ?? []
        let productSet: Set<String> = product.map { [$0] } ?? []
        if type == .workaround {
            return [("actor", parties, 2), ("target", actorSet, 2), ("target", targets, 1), ("product", productSet, 1)]
        }
        return [("actor", actorSet, 2), ("target", targets, 1), ("product", productSet, 1)]
    }

    /// What one `eventEntity` row of a candidate adds to its score (`weights`).
    package func points(entity: String, role: String) -> Int {
        weights.reduce(0) { $0 + ($1.role == role && $1.names.contains(entity) ? $1.points : 0) }
    }

    /// A candidate's score and first report, or nil when it cannot be linked: reported more than the horizon
    /// before this event or more than a window after it, or a score under 2. Candidates rank by score, then the
    /// latest first report, then id.
    package func rank(_ candidate: LinkCandidate, options: MergeOptions) -> (score: Int, firstSeen: Date)? {
        guard candidate.lastSeen >= firstSeen.addingTimeInterval(-options.relationHorizon),
              candidate.firstSeen <= lastSeen.addingTimeInterval(options.window) else { return nil }
        let score = candidate.rows.reduce(0) { $0 + points(entity: $1.entity, role: $1.role) }
        return score >= 2 ? (score, candidate.firstSeen) : nil
    }

    package var relations: (forward: String, backward: String) {
        type == .workaround ? ("circumvents", "circumvented_by") : ("lifts", "lifted_by")
    }
}

/// A ban, block or restriction, as a workaround or lift ranks it: its `eventEntity` rows and dates.
package struct LinkCandidate {
    package var id: String
    package var firstSeen: Date
    package var lastSeen: Date
    package var rows: [(entity: String, role: String)]

    package init(_ event: StoredEvent) {
        id = event.id
        firstSeen = event.firstSeen
        lastSeen = event.lastSeen
        rows = EntityRow.rows(of: event).map { ($0.entity, $0.role) }
    }

    package init(id: String, firstSeen: Date, lastSeen: Date, rows: [(entity: String, role: String)]) {
        self.id = id
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.rows = rows
    }
}

/// How a candidate link ranks: by score, then the latest first report, then id.
package struct LinkRank: Comparable {
    package var score: Int
    package var firstSeen: Date
    package var id: String
    package init(score: Int, firstSeen: Date, id: String) {
        self.score = score
        self.firstSeen = firstSeen
        self.id = id
    }
    package static func < (a: LinkRank, b: LinkRank) -> Bool { (a.score, a.firstSeen, a.id) < (b.score, b.firstSeen, b.id) }
}
