// Re-merge: the stored events an extraction touches, clustered again with its mentions (`EventMerger`). Written once
// for every store engine over `MergeStore`; the engines only read and write.
import Foundation
import RegWatchCore

extension MergeStore {
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
    /// - Parameters:
    ///   - added: the mentions this transaction stored, and probes (id 0) for those it removed.
    ///   - touched: the events that lost mentions.
    package func remerge(added: [MergeKey: [AddedMention]], touched: Set<String>, options: MergeOptions,
                         parties resolver: any PartyResolving) throws -> [String: [Int64]] {
        let parties = MemoizedParties(resolver)
        var (candidates, addedByType) = try mergeCandidates(added: added, touched: touched, options: options)

        // Cluster each type's candidates with its added mentions; keep what did not change.
        var gone: [String] = []
        var clusters: [(event: StoredEvent, mentions: [MentionValue])] = []
        for type in Set(candidates.keys).union(addedByType.keys).sorted() {
            let (events, values, neighbours) = try mentionsToCluster(
                type: type, events: candidates.removeValue(forKey: type) ?? [], added: addedByType.removeValue(forKey: type) ?? [],
                touched: touched, options: options, parties: parties)
            var storedIn: [Int64: String] = [:]
            var storedCount: [String: Int] = [:]
            for m in values {
                if let eventId = m.eventId {
                    storedIn[m.id] = eventId
                    storedCount[eventId, default: 0] += 1
                }
            }
            var kept: Set<String> = []
            for cluster in EventMerger.cluster(values, options: options, parties: parties, neighbours: neighbours) {
                let event = EventMerger.event(of: cluster, sources: [])
                if !touched.contains(event.id), storedCount[event.id] == cluster.count,
                   cluster.allSatisfy({ storedIn[$0.id] == event.id }) {
                    kept.insert(event.id)
                } else {
                    clusters.append((event, cluster))
                }
            }
            gone += events.sorted().filter { !kept.contains($0) }
        }
        return try replace(gone, with: clusters, options: options, parties: parties)
    }

    /// The stored events each type's added mentions may link to, and those mentions by type.
    private func mergeCandidates(added: [MergeKey: [AddedMention]], touched: Set<String>, options: MergeOptions)
        throws -> (candidates: [String: Set<String>], addedByType: [String: [AddedMention]]) {
        // Changed events: what is left of their mentions is clustered again (it may split, or be gone). Candidates are
        // gathered by type: a mention without actor may join an event of any actor (`EventMerger.attaches`).
        var candidates: [String: Set<String>] = [:]
        if !touched.isEmpty {
            for (id, type) in try types(ofEvents: touched) { candidates[type, default: []].insert(id) }
        }
        var addedByType: [String: [AddedMention]] = [:]
        // A mention links to another of its key that shares a target or the product, or, when neither names
        // anything acted upon, to one that does not either (`EventMerger.Signature.links`).
        for (key, mentions) in added {
            var found = candidates[key.type] ?? []
            let anyActor = key.actorKey == MergeKey.anyActor
            for m in mentions {
                let from = m.at.addingTimeInterval(-options.window)
                // A stated act may be told again, undated, up to the restatement horizon after it.
                let to = m.at.addingTimeInterval(m.stated && !anyActor ? max(options.window, options.restatementHorizon)
                                                                         : options.window)
                if !m.stated && !anyActor {
                    // The stated acts of an actor that an undated mention may tell again (`MergeOptions.restatementHorizon`).
                    found.formUnion(try eventsStated(of: key, from: m.at.addingTimeInterval(-options.restatementHorizon), to: m.at))
                }
                // A target and a product are one name (`EventMerger.Signature.names`): each is looked up in both roles.
                let named = Set(m.targets + (m.product.map { [$0] } ?? []))
                if !named.isEmpty { found.formUnion(try events(of: key, targets: named, from: from, to: to)) }
                let groups = Set(m.groups)
                if !anyActor && !groups.isEmpty { found.formUnion(try events(of: key, groups: groups, from: from, to: to)) }
                if !named.isEmpty { found.formUnion(try events(of: key, products: named, from: from, to: to)) }
                if !anyActor && !key.actorKey.isEmpty {
                    // The mentions of this actor that name nothing around it: they link to it, or may now join
                    // the one event around them or no longer (`EventMerger.attaches`).
                    found.formUnion(try eventsNamingNothing(of: key, from: from, to: to))
                }
            }
            candidates[key.type] = found
            addedByType[key.type, default: []] += mentions
        }
        return (candidates, addedByType)
    }

    /// The mentions of one type to cluster: those of the candidate events and the added ones, and of the events the
    /// mentions that attach now join; with the mentions that may take each attaching mention (`neighbours`).
    private func mentionsToCluster(type: String, events: Set<String>, added: [AddedMention], touched: Set<String>,
                                   options: MergeOptions, parties: MemoizedParties)
        throws -> (events: Set<String>, values: [MentionValue], neighbours: [Int64: [MentionValue]]) {
        var eventSet = events
        let addedIds = added.map(\.id).filter { $0 != 0 }
        let addedValues = addedIds.isEmpty ? [] : try mentions(ids: addedIds)
        // Every mention read, decoded once.
        var values = (eventSet.isEmpty ? [] : try mentions(ofEvents: eventSet)) + addedValues
        // A mention that may join the one event around it (`EventMerger.attaches`) decides by the mentions within
        // the window of it. Only a mention near what changed (added or removed mentions) can decide otherwise than
        // it did: what may take it is read for it, and the events it joins are clustered with the others (they may
        // bring more such mentions). The others keep their decision (`mention.attached`).
        var neighbours: [Int64: [MentionValue]] = [:]
        var decided: [Int64: Bool] = [:]
        var keptDecision: [MentionValue] = []
        if !EventMerger.mergesAcrossActors(type) {
            let changes = addedValues + added.filter { $0.id == 0 }.map { probe in
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
                let values = try self.namingMentions(type: type, actorKey: m.actorKey, from: span.from, to: span.to)
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
                let extraValues = try mentions(ofEvents: more)
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
        for m in values {
            if let joins = decided[m.id], joins != m.attached { try setAttached(joins, mention: m.id) }
        }
        return (eventSet, values, neighbours)
    }

    /// Deletes the `gone` events and writes `clusters` as events, keeping links and `entityStat` counts.
    private func replace(_ gone: [String], with clusters: [(event: StoredEvent, mentions: [MentionValue])],
                         options: MergeOptions, parties: MemoizedParties) throws -> [String: [Int64]] {
        // The replaced events go, with their links.
        let brokenLinks = gone.isEmpty ? [] : try links(to: gone)
        let brokenBefore = brokenLinks.isEmpty ? [:] : try linkCandidates(Set(brokenLinks.map(\.related)))
        // `entityStat` moves by what went and what came, so an entity's count is not recounted from all its events.
        var counts: [StatKey: Int] = [:]
        var names: [StatKey: String] = [:]
        if !gone.isEmpty {
            for key in try countedEntities(ofEvents: gone) { counts[key, default: 0] -= 1 }
            try deleteEvents(gone)
        }
        var written: [String: [Int64]] = [:]
        for (event, cluster) in clusters {
            let entities = EntityRow.rows(of: event)
            let groups = EventMerger.mergesAcrossActors(event.type) ? []
                : Set(cluster.flatMap { $0.targets.compactMap(parties.groupKey) }).sorted()
            let ids = cluster.map(\.id)
            try insert(event, actorKey: EventMerger.actorKey(of: cluster), sourceCount: Set(cluster.map(\.articleId)).count,
                       entities: entities, groups: groups, mentions: ids)
            written[event.id] = ids
            for row in entities where row.role == "actor" || row.role == "target" {
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
        let ownersOfBroken = Set(brokenLinks.map(\.owner)).subtracting(fromScratch)
        let brokenOwners = ownersOfBroken.isEmpty ? [:] : try linkOwners(ownersOfBroken)
        var broken: [String: LinkRank] = [:]
        for (ownerId, relatedId) in brokenLinks where !fromScratch.contains(ownerId) {
            guard let owner = brokenOwners[ownerId] else { continue }  // gone, not written again
            if let candidate = brokenBefore[relatedId], let rank = owner.rank(candidate, options: options) {
                broken[ownerId] = LinkRank(score: rank.score, firstSeen: rank.firstSeen, id: relatedId)
            } else {
                fromScratch.insert(ownerId)
            }
        }
        for id in fromScratch.sorted() { try link(eventId: id, options: options, since: nil) }
        try challengeLinks(by: clusters.map(\.event), skipping: fromScratch, broken: broken, options: options)

        for (key, change) in counts.filter({ $0.value != 0 }).sorted(by: { $0.key < $1.key }) {
            // The name shown is the smallest spelling among the entity's events.
            if change > 0 { try addEntityStat(key, count: change, name: names[key] ?? key.entity) }
            else { try removeEntityStat(key, count: -change) }
        }
        return written
    }
}
