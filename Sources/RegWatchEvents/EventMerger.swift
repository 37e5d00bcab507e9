import Foundation
import RegWatchCore

/// One stored mention, as the merger sees it.
public struct MentionValue: Sendable, Hashable {
    public var id: Int64
    public var articleId: Int64
    public var type: EventKind
    public var status: EventStatus
    public var actor: String?
    public var actorKey: String
    public var targets: [String]
    public var product: String?
    public var countries: [String]
    public var method: [String]
    public var evidence: String
    public var confidence: Double
    public var at: Date
    public var stableKey: String
    /// Other parties the article names around the event (`ExtractedEvent.parties`).
    public var parties: [String] = []
    /// The stored event it belongs to, when it has been merged before.
    public var eventId: String?
    /// Whether it joined the one event around it when last merged (`EventMerger.attaches`), as the store keeps it.
    public var attached = false
    /// Whether `at` is a date its text states for the act ("signed in May", "in July 2023"), earlier than the
    /// article, rather than the article's own date (`ExtractedEvent.occurred`), and the article tells no other act
    /// of the same kind apart from it (`EventMerger.retellable`): later undated reports may tell it again.
    public var stated = false

    public init(id: Int64, articleId: Int64, type: EventKind, status: EventStatus, actor: String?, actorKey: String,
                targets: [String], product: String?, countries: [String], method: [String], evidence: String,
                confidence: Double, at: Date, stableKey: String, parties: [String] = [], eventId: String? = nil) {
        self.parties = parties
        self.eventId = eventId
        self.id = id
        self.articleId = articleId
        self.type = type
        self.status = status
        self.actor = actor
        self.actorKey = actorKey
        self.targets = targets
        self.product = product
        self.countries = countries
        self.method = method
        self.evidence = evidence
        self.confidence = confidence
        self.at = at
        self.stableKey = stableKey
    }
}

/// Knobs of merging.
public struct MergeOptions: Sendable, Hashable {
    /// Two mentions further apart than this are different events (GDELT-style: reports of one act
    /// come within days; the same act repeated months later is news of its own).
    public var window: TimeInterval = 14 * 86_400
    /// How far back a workaround or lift looks for the block, ban or restriction it answers.
    public var relationHorizon: TimeInterval = 730 * 86_400
    /// How long after an act whose date a report states ("the law, signed in May, …") a report that gives no date
    /// may still be telling that act again ("the law bars the app …", weeks later): such a pair links when the
    /// undated one comes after the stated date by at most this, and they share a name (`EventMerger.cluster`).
    public var restatementHorizon: TimeInterval = 183 * 86_400
    public init(window: TimeInterval = 14 * 86_400) { self.window = window }
}

/// Groups mentions of one real-world event, and builds the merged event.
///
/// Two mentions are linked when they have the same type and the same actor key (`PartyResolving.actorKey`: the
/// institution an actor acts for, so a ministry and its government are one actor), are at most `window` apart,
/// and share a target (by name, or by the group a described target resolves to) or the product (mentions that
/// name neither, such as a law passed by a parliament, link on type, actor and time alone). Events are the
/// connected components of that relation: a set property, so the result does not depend on the order in which
/// articles arrived.
///
/// A mention whose actor acts upon nothing named ("the ministry banned it on Friday") also joins the one event
/// of its actor that it can mean: when the mentions of the same type and actor key within `window` of it that
/// do name something form exactly one group (`groupCount`: linked by a shared target, group or product), it links to
/// all of them. With two
/// candidate events it joins neither, as it cannot tell which one it reports. The decision depends only on the
/// mentions within the window of that mention, so it too is independent of arrival order.
///
/// A report that dates an act earlier than itself ("the law, signed in May, bars …") places its mention then
/// (`MentionValue.stated`), and later reports that tell the same act again without a date ("the law bars …") are
/// placed on their own day, outside the window. So an undated mention also links to a stated one of its type and
/// actor key that shares a name with it (a target, group or product; the actor alone is too little over months)
/// when it comes after the stated date by at most `restatementHorizon`.
public enum EventMerger {
    /// The connected components of `mentions`, each sorted by date then stable key, sorted likewise.
    ///   - neighbours: for each mention that acts upon nothing named (`attaches`), the mentions that may take it
    ///     (`mayTake`), when the caller holds only part of the mentions (the store reads them per mention);
    ///     `nil` finds them among `mentions`, which must then be all of them.
    public static func cluster(_ mentions: [MentionValue], options: MergeOptions = MergeOptions(),
                               parties: any PartyResolving = LiteralParties(),
                               neighbours: [Int64: [MentionValue]]? = nil) -> [[MentionValue]] {
        let sorted = mentions.sorted(by: precedes)
        var parent = Array(sorted.indices)
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        func union(_ a: Int, _ b: Int) {
            let (ra, rb) = (find(a), find(b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        let keys = sorted.map { Signature($0, parties: parties) }
        // Two mentions link only through a name they share (a target, a group, the product) or, when neither names
        // anything acted upon, through their actor alone (`Signature.links`). So the mentions are indexed by those
        // names and compared within one name's list, in date order: linear in the names, where comparing every
        // pair in the window grew with the square of a busy fortnight.
        var byName: [String: [Int]] = [:]
        for i in sorted.indices {
            for name in keys[i].linkNames { byName[name, default: []].append(i) }
        }
        for (name, list) in byName {
            if mergesAcrossActors(keys[list[0]].type) {
                // Circumventers must also be compatible, which is not transitive: compare the pairs in the window.
                for (n, i) in list.enumerated() {
                    for j in list[(n + 1)...] {
                        guard sorted[j].at.timeIntervalSince(sorted[i].at) <= options.window else { break }
                        if keys[i].links(keys[j]) { union(i, j) }
                    }
                }
            } else {
                // Same type, actor key and name: every pair in the window links, so consecutive ones suffice (a gap
                // wider than the window separates all pairs across it).
                for n in list.indices.dropFirst()
                where sorted[list[n]].at.timeIntervalSince(sorted[list[n - 1]].at) <= options.window {
                    union(list[n - 1], list[n])
                }
                // A stated act and the undated reports that tell it again later, through a shared name.
                guard !name.hasSuffix(Signature.actorAlone) else { continue }
                for (n, i) in list.enumerated() where sorted[i].stated {
                    let until = sorted[i].at.addingTimeInterval(options.restatementHorizon)
                    for j in list[(n + 1)...] {
                        guard sorted[j].at <= until else { break }
                        if !sorted[j].stated { union(i, j) }
                    }
                }
            }
        }
        // Mentions that act upon nothing named join the one group of their actor around them.
        let position = Dictionary(sorted.indices.map { (sorted[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
        var naming: [String: [Int]] = [:]
        if neighbours == nil {
            for i in sorted.indices where !sorted[i].targets.isEmpty || sorted[i].product != nil {
                naming[sorted[i].type.rawValue + "|" + sorted[i].actorKey, default: []].append(i)
            }
        }
        for i in sorted.indices where attaches(sorted[i]) {
            let around = neighbours?[sorted[i].id]
                ?? (naming[sorted[i].type.rawValue + "|" + sorted[i].actorKey] ?? []).map { sorted[$0] }
                    .filter { mayTake($0, sorted[i], options: options, parties: parties) }
            let candidates = around.sorted(by: precedes)
            guard !candidates.isEmpty, groupCount(candidates, options: options, parties: parties) == 1 else { continue }
            for c in candidates { if let j = position[c.id] { union(i, j) } }
        }
        var groups: [Int: [MentionValue]] = [:]
        for i in sorted.indices { groups[find(i), default: []].append(sorted[i]) }
        return groups.keys.sorted().map { groups[$0]! }
    }

    /// Which of one article's events are acts it dates earlier than itself (`dated`) that undated reports may tell
    /// again (`MentionValue.stated`): all of them, but those the article itself sets apart from an undated act of the
    /// same type, actor key and name ("In February it shut down accounts …; now it blocks ChatGPT …" are two acts).
    public static func retellable(_ events: [ExtractedEvent], actorKeys: [String], dated: [Bool],
                                  parties: any PartyResolving) -> [Bool] {
        func names(_ e: ExtractedEvent) -> Set<String> {
            var names = Set(actedUpon(targets: e.targets, product: e.product).map { "t:" + $0 })
            names.formUnion(e.targets.compactMap(parties.groupKey).map { "g:" + $0 })
            return names
        }
        return events.indices.map { i in
            guard dated[i], !mergesAcrossActors(events[i].type) else { return false }
            let own = names(events[i])
            return !events.indices.contains { j in
                !dated[j] && events[j].type == events[i].type && actorKeys[j] == actorKeys[i] && !own.isDisjoint(with: names(events[j]))
            }
        }
    }

    /// The actor key an event is stored and found under: that of its mentions with an actor (a mention without one
    /// may have joined it, and may be the earliest), else the first mention's.
    public static func actorKey(of cluster: [MentionValue]) -> String {
        cluster.first { !$0.actorKey.isEmpty }?.actorKey ?? cluster.first?.actorKey ?? ""
    }

    /// A mention that may join the one event around it: its actor acts upon nothing named.
    public static func attaches(_ m: MentionValue) -> Bool {
        !mergesAcrossActors(m.type) && !m.actorKey.isEmpty && m.targets.isEmpty && m.product == nil
    }

    /// Whether `candidate` is one of the mentions `m` (which `attaches`) may join: of its type and actor key,
    /// naming a target or product, within the window.
    public static func mayTake(_ candidate: MentionValue, _ m: MentionValue, options: MergeOptions,
                               parties: any PartyResolving) -> Bool {
        candidate.id != m.id && candidate.type == m.type && candidate.actorKey == m.actorKey
            && (!candidate.targets.isEmpty || candidate.product != nil)
            && abs(candidate.at.timeIntervalSince(m.at)) <= options.window
    }

    /// Mentions of one actor key that share a target (by name or group) or the product are one group, through any
    /// chain of such mentions; mentions of different actor keys never are. Linear in the names the mentions carry
    /// (a union-find over the names), so a heavily reported fortnight costs what its mentions cost.
    package static func groupCount(_ mentions: [MentionValue], options: MergeOptions, parties: any PartyResolving) -> Int {
        var parent = Array(mentions.indices)
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        var holder: [String: Int] = [:]
        for (i, m) in mentions.enumerated() {
            var names = actedUpon(targets: m.targets, product: m.product).map { "t:" + $0 }
            if !mergesAcrossActors(m.type) { names += m.targets.compactMap(parties.groupKey).map { "g:" + $0 } }
            for name in names {
                let key = m.actorKey + "|" + name
                if let j = holder[key] {
                    let (a, b) = (find(i), find(j))
                    if a != b { parent[max(a, b)] = min(a, b) }
                } else {
                    holder[key] = i
                }
            }
        }
        return Set(mentions.indices.map(find)).count
    }

    /// The stable order of mentions: date, then a key made of feed URL, article identity and position.
    public static func precedes(_ a: MentionValue, _ b: MentionValue) -> Bool {
        a.at != b.at ? a.at < b.at : a.stableKey < b.stableKey
    }

    struct Signature {
        var type: EventKind
        var actorKey: String
        /// Targets by name, lowercased.
        /// What it acts upon, by name (`EventMerger.actedUpon`): targets and product alike.
        var names: Set<String>
        /// The groups described targets resolve to (not for workarounds, whose candidates are found by name).
        var groups: Set<String>

        var parties: Set<String>
        var methods: Set<String>

        init(_ m: MentionValue, parties resolver: any PartyResolving = LiteralParties()) {
            type = m.type
            actorKey = m.actorKey
            methods = Set(m.method.map { $0.lowercased() })
            parties = Set(m.actorKey.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
            names = EventMerger.actedUpon(targets: m.targets, product: m.product)
            groups = EventMerger.mergesAcrossActors(m.type) ? [] : Set(m.targets.compactMap(resolver.groupKey))
        }

        /// The last part of the link name of a mention that names nothing acted upon: its actor alone.
        static let actorAlone = "|-"

        /// The names through which it may link to another mention (`links`), each qualified by type and, but for
        /// workarounds, by actor key: two mentions link only if they share one.
        var linkNames: [String] {
            let prefix = EventMerger.mergesAcrossActors(type) ? type.rawValue + "|" : type.rawValue + "|" + actorKey + "|"
            var names = self.names.map { prefix + "t:" + $0 } + groups.map { prefix + "g:" + $0 }
            if names.isEmpty, !actorKey.isEmpty, !EventMerger.mergesAcrossActors(type) { names.append(prefix + Self.actorAlone) }
            return names
        }

        func links(_ other: Signature) -> Bool {
            guard type == other.type else { return false }
            if EventMerger.mergesAcrossActors(type) {
                // Circumventers are named loosely: the same party, or a group label on either side, will do,
                // but what is circumvented (a target or the product) must be shared.
                // A group label ("Chinese firms") stands for a named party only when the means agree too: the
                // firms routing through VPNs are not the labs running proxy networks.
                let sameMeans = methods.isEmpty || other.methods.isEmpty || !methods.isDisjoint(with: other.methods)
                let compatible = actorKey.isEmpty || other.actorKey.isEmpty || !parties.isDisjoint(with: other.parties)
                    || ((EventMerger.isGroupLabel(actorKey) || EventMerger.isGroupLabel(other.actorKey)) && sameMeans)
                guard compatible else { return false }
                return !names.isDisjoint(with: other.names)
            }
            guard actorKey == other.actorKey else { return false }
            if !names.isDisjoint(with: other.names) || !groups.isDisjoint(with: other.groups) { return true }
            // Nothing acted upon on either side: the actor and the time say it all.
            if !actorKey.isEmpty && names.isEmpty && other.names.isEmpty {
                return true
            }
            return false
        }
    }

    /// What a mention acts upon, by name, lowercased: its targets and its product alike ("banned TikTok Shop" and
    /// "the TikTok Shop ban" name the same thing, once as a target and once as the product).
    static func actedUpon(targets: [String], product: String?) -> Set<String> {
        var names = Set(targets.map { $0.lowercased() })
        if let product { names.insert(product.lowercased()) }
        return names
    }

    /// Types whose mentions merge across differently named actors (see `Signature.links`).
    public static func mergesAcrossActors(_ type: EventKind) -> Bool { type == .workaround }
    package static func mergesAcrossActors(_ type: String) -> Bool { type == EventKind.workaround.rawValue }

    static let groupNouns: Set<String> = [
        "companies", "firms", "users", "developers", "entities", "groups", "citizens", "people", "businesses",
        "organisations", "organizations", "customers", "residents", "subsidiaries", "startups", "players", "giants",
        "heavyweights", "labs", "operators", "vendors", "buyers", "smugglers", "traders", "individuals", "actors",
    ]

    /// "Chinese firms", "developers in China", "internet users": a description of a group, not a name.
    static func isGroupLabel(_ actorKey: String) -> Bool {
        let words = actorKey.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" })
        return words.contains { groupNouns.contains(String($0)) }
    }

    /// The merged event of one cluster (sorted as `cluster` returns it).
    public static func event(of cluster: [MentionValue], sources: [EventSource]) -> StoredEvent {
        let first = cluster[0]
        let id = eventID(type: first.type, actorKey: actorKey(of: cluster), firstKey: cluster.map(\.stableKey).min()!)
        var history: [StatusChange] = []
        for m in cluster where history.last?.status != m.status {
            history.append(StatusChange(status: m.status, at: m.at))
        }
        let actor = mostCommon(cluster.compactMap(\.actor)) ?? first.actor
        let targets = ranked(cluster.flatMap(\.targets))
        var named = Set(targets.map { $0.lowercased() })
        for part in (actor ?? "").split(separator: ";") { named.insert(part.trimmingCharacters(in: .whitespaces).lowercased()) }
        var event = StoredEvent(
            id: id, type: first.type, status: cluster.last!.status,
            actor: actor,
            targets: targets,
            product: mostCommon(cluster.compactMap(\.product)),
            countries: Array(Set(cluster.flatMap(\.countries))).sorted(),
            method: ranked(cluster.flatMap(\.method)),
            evidence: first.evidence, confidence: cluster.map(\.confidence).max() ?? first.confidence,
            firstSeen: first.at, lastSeen: cluster.last!.at, sources: sources, related: [], statusHistory: history)
        event.parties = ranked(cluster.flatMap(\.parties)).filter { !named.contains($0.lowercased()) }
        return event
    }

    /// `ev_` and 16 hex digits of FNV-1a over type, actor and the first mention's stable key: the
    /// same mentions give the same id in every store.
    public static func eventID(type: EventKind, actorKey: String, firstKey: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(type.rawValue)|\(actorKey)|\(firstKey)".utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "ev_" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Names by how often they occur (case-insensitively), ties by name; each once, first spelling kept.
    static func ranked(_ names: [String]) -> [String] {
        var count: [String: Int] = [:]
        var spelling: [String: String] = [:]
        for n in names {
            let k = n.lowercased()
            count[k, default: 0] += 1
            if spelling[k] == nil || n < spelling[k]! { spelling[k] = n }
        }
        return count.keys.sorted { count[$0]! != count[$1]! ? count[$0]! > count[$1]! : $0 < $1 }.map { spelling[$0]! }
    }

    static func mostCommon(_ names: [String]) -> String? { ranked(names).first }
}

extension MentionValue {
    /// A copy with `attached` (and `stated`, when given) set.
    public func with(attached: Bool, stated: Bool? = nil) -> MentionValue {
        var copy = self
        copy.attached = attached
        if let stated { copy.stated = stated }
        return copy
    }
}
