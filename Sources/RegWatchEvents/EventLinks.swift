// Links: a workaround to what it circumvents, a lift to what it lifts (`circumvents`, `lifts` in eventRelation). How a
// candidate ranks, and which links a re-merge keeps, is written here once, over `MergeStore`; each store reads the rows
// a candidate is ranked by.
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

extension MergeStore {
    /// Links a workaround to the ban, block or restriction it circumvents, or a lift to what it lifts: the best
    /// ranked candidate (`LinkOwner.rank`, scored by the store over `eventEntity`) among those sharing a party.
    /// - Parameter since: consider only candidates last seen on or after this (a caller that knows the best one
    ///   cannot be older).
    package func link(eventId: String, options: MergeOptions, since: Date? = nil) throws {
        guard let event = try event(eventId) else { return }
        let owner = LinkOwner(event)
        // Only workarounds and lifts own links; a block's links belong to the workarounds that answer it.
        guard owner.type == .workaround || owner.type == .lift else { return }
        try unlink(eventId)
        guard !owner.parties.isEmpty else { return }
        var from = owner.firstSeen.addingTimeInterval(-options.relationHorizon)
        if let since, since > from { from = since }
        if let best = try bestLink(for: owner, from: from, until: owner.lastSeen.addingTimeInterval(options.window)) {
            try setLink(owner, to: best)
        }
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
    package func challengeLinks(by events: [StoredEvent], skipping: Set<String>, broken: [String: LinkRank],
                                options: MergeOptions) throws -> (compared: Int, searched: Int) {
        let challengers = events.filter { [.ban, .block, .restriction].contains($0.type) }.map(LinkCandidate.init)
        var byEntity: [String: [Int]] = [:]
        for (i, challenger) in challengers.enumerated() {
            for entity in Set(challenger.rows.map(\.entity)) { byEntity[entity, default: []].append(i) }
        }
        // The workarounds and lifts sharing a party with a challenger, reported no earlier than a window before
        // its first report and no later than the horizon after its last: those that can link to it.
        var pairs: [String: Set<Int>] = [:]
        for id in broken.keys { pairs[id] = [] }
        for (entity, indices) in byEntity.sorted(by: { $0.key < $1.key }) {
            let from = indices.map { challengers[$0].firstSeen }.min()!.addingTimeInterval(-options.window)
            let to = indices.map { challengers[$0].lastSeen }.max()!.addingTimeInterval(options.relationHorizon)
            for (id, lastSeen, firstSeen) in try linkOwners(naming: entity, from: from, to: to) where !skipping.contains(id) {
                for i in indices where lastSeen >= challengers[i].firstSeen.addingTimeInterval(-options.window)
                    && firstSeen <= challengers[i].lastSeen.addingTimeInterval(options.relationHorizon) {
                    pairs[id, default: []].insert(i)
                }
            }
        }
        guard !pairs.isEmpty else { return (0, 0) }
        let owners = try linkOwners(Set(pairs.keys))
        let current = try links(of: pairs.keys.sorted())
        let linked = current.isEmpty ? [:] : try linkCandidates(Set(current.values))
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
                    try setLink(owner, to: best.id)
                } else {
                    searched += 1
                    try link(eventId: id, options: options, since: best.flatMap { $0.score == old.score ? $0.firstSeen : nil })
                }
                continue
            }
            var currentRank: LinkRank?
            if let relatedId = current[id], let candidate = linked[relatedId], let rank = owner.rank(candidate, options: options) {
                currentRank = LinkRank(score: rank.score, firstSeen: rank.firstSeen, id: relatedId)
            }
            guard let best, currentRank == nil || best > currentRank!, best.id != current[id] else { continue }
            try unlink(id)
            try setLink(owner, to: best.id)
        }
        return (pairs.count, searched)
    }
}
