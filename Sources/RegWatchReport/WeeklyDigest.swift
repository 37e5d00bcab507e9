import Foundation
import RegWatchCore

/// The Monday digest of one ISO week: what was new, what moved, and what to watch.
///
/// Everything in it is a function of the events, the watch items and the week: "today" is the Monday after the week
/// (the day the digest goes out), so the same store and week always give the same digest, whenever it is made.
public struct WeeklyDigest: Sendable, Hashable, Codable {
    /// New events of one type against the week before.
    public struct TypeCount: Sendable, Hashable, Codable {
        public var type: EventKind
        public var count: Int
        public var previous: Int
        public var change: Int
    }

    public struct Headline: Sendable, Hashable, Codable {
        public var total: Int
        public var previousTotal: Int
        public var change: Int
        /// Every type with events in either week, in `EventKind` order.
        public var byType: [TypeCount]
    }

    /// A link to one article.
    public struct Link: Sendable, Hashable, Codable {
        public var url: String?
        public var title: String?
        public var outlet: String?
        public var published: Date?
    }

    /// Another event, named in one line, that an entry points to.
    public struct Reference: Sendable, Hashable, Codable {
        public var id: String
        public var type: EventKind
        public var status: EventStatus
        /// `actor → targets (product)`.
        public var summary: String
        /// The week it was first seen.
        public var week: ISOWeek
    }

    public struct Entry: Sendable, Hashable, Codable {
        public var id: String
        public var type: EventKind
        public var status: EventStatus
        public var actor: String?
        public var targets: [String]
        public var product: String?
        public var countries: [String]
        public var method: [String]
        public var evidence: String
        public var firstSeen: Date
        public var sourceCount: Int
        public var sources: [Link]
        /// For a workaround: the bans, blocks or restrictions it gets around.
        public var circumvents: [Reference]
        public var circumventedBy: [Reference]
        /// For a lift: the ban it ends.
        public var lifts: [Reference]
        public var liftedBy: [Reference]

        /// `actor → targets`.
        public var summary: String { WeeklyDigest.summary(actor: actor, targets: targets, product: nil) }
    }

    public struct Section: Sendable, Hashable, Codable {
        public var type: EventKind
        public var entries: [Entry]
    }

    public struct NameCount: Sendable, Hashable, Codable {
        public var name: String
        public var count: Int
    }

    public struct Companies: Sendable, Hashable, Codable {
        /// The five names in most of the week's events.
        public var mostActive: [NameCount]
        /// Names in this week's events that no earlier event names.
        public var firstTime: [String]
    }

    public var week: ISOWeek
    public var previousWeek: ISOWeek
    /// `YYYY-MM-DD` of the Monday and the Sunday.
    public var firstDay: String
    public var lastDay: String
    public var headline: Headline
    /// One section per type with new events, in `EventKind` order.
    public var sections: [Section]
    public var companies: Companies
    /// Countries of the week's events, by count.
    public var countries: [NameCount]
    /// Events per type over the eight weeks that end with this one.
    public var trends: Trends
    /// Companies over the same eight weeks: rising and falling against the eight before.
    public var companyTrends: Trends.Movers
    /// What to watch as of the Monday after the week: dated items first.
    public var watch: [WhatToWatch.Item]

    /// Builds the digest of `week`.
    ///
    /// - Parameters:
    ///   - events: stored events (the whole store is fine: only the week, the trend window and the events the week's
    ///     events point to are read).
    ///   - watchItems: stored watch items.
    ///   - week: the week to report.
    ///   - trendWeeks: the length of the trend window.
    ///   - watchLimit: the most "what to watch" items.
    /// Weeks of the digest's trend window (compared with as many weeks before).
    public static let defaultTrendWeeks = 8

    public init(events: [StoredEvent], watchItems: [StoredWatchItem], week: ISOWeek, trendWeeks: Int = defaultTrendWeeks,
                watchLimit: Int = 10) {
        let start = week.start, end = week.end
        let previous = week.advanced(by: -1)
        let previousStart = previous.start
        var thisWeek: [StoredEvent] = []
        var counts: [EventKind: Int] = [:], previousCounts: [EventKind: Int] = [:]
        // Fields are read through the buffer so that only the week's events are copied (see `Trends.init`).
        events.withUnsafeBufferPointer { buffer in
            for i in buffer.indices {
                let seen = buffer[i].firstSeen
                if seen >= start && seen < end {
                    thisWeek.append(buffer[i])
                    counts[buffer[i].type, default: 0] += 1
                } else if seen >= previousStart && seen < start {
                    previousCounts[buffer[i].type, default: 0] += 1
                }
            }
        }
        thisWeek.sort { a, b in
            if a.type != b.type { return a.type < b.type }
            if a.sourceCount != b.sourceCount { return a.sourceCount > b.sourceCount }
            if a.firstSeen != b.firstSeen { return a.firstSeen < b.firstSeen }
            return a.id < b.id
        }

        // Events the week's events point to, wherever they sit in time.
        let wanted = Set(thisWeek.flatMap { $0.related.map(\.id) })
        var byID: [String: StoredEvent] = [:]
        if !wanted.isEmpty {
            events.withUnsafeBufferPointer { buffer in
                for i in buffer.indices where wanted.contains(buffer[i].id) { byID[buffer[i].id] = buffer[i] }
            }
        }
        func references(_ event: StoredEvent, _ relation: RelatedEvent.Relation) -> [Reference] {
            event.related.filter { $0.relation == relation }.compactMap { byID[$0.id] }
                .sorted { ($0.firstSeen, $0.id) < ($1.firstSeen, $1.id) }
                .map { Reference(id: $0.id, type: $0.type, status: $0.status,
                                 summary: WeeklyDigest.summary(actor: $0.actor, targets: $0.targets, product: $0.product),
                                 week: ISOWeek(containing: $0.firstSeen)) }
        }

        self.week = week
        self.previousWeek = previous
        self.firstDay = week.firstDay
        self.lastDay = week.lastDay
        let types = EventKind.allCases.filter { counts[$0] != nil || previousCounts[$0] != nil }
        let total = thisWeek.count, previousTotal = previousCounts.values.reduce(0, +)
        self.headline = Headline(total: total, previousTotal: previousTotal, change: total - previousTotal,
                                 byType: types.map { type in
                                     let c = counts[type] ?? 0, p = previousCounts[type] ?? 0
                                     return TypeCount(type: type, count: c, previous: p, change: c - p)
                                 })
        var sections: [Section] = []
        for event in thisWeek {
            let entry = Entry(
                id: event.id, type: event.type, status: event.status, actor: event.actor, targets: event.targets,
                product: event.product, countries: event.countries, method: event.method, evidence: event.evidence,
                firstSeen: event.firstSeen, sourceCount: event.sourceCount,
                sources: WhatToWatch.distinct(event.sources).map {
                    Link(url: $0.url, title: $0.title, outlet: $0.outlet, published: $0.published)
                },
                circumvents: references(event, .circumvents), circumventedBy: references(event, .circumventedBy),
                lifts: references(event, .lifts), liftedBy: references(event, .liftedBy))
            if sections.last?.type == event.type {
                sections[sections.count - 1].entries.append(entry)
            } else {
                sections.append(Section(type: event.type, entries: [entry]))
            }
        }
        self.sections = sections

        // Companies: most active this week, and names never seen before the week.
        var nameCounts: [String: Int] = [:], countryCounts: [String: Int] = [:]
        for event in thisWeek {
            for name in TrendDimension.company.keys(of: event) { nameCounts[name, default: 0] += 1 }
            for code in Set(event.countries) { countryCounts[code, default: 0] += 1 }
        }
        var seenBefore = Set<String>()
        if !nameCounts.isEmpty {
            events.withUnsafeBufferPointer { buffer in
                for i in buffer.indices where buffer[i].firstSeen < start {
                    if let actor = buffer[i].actor, nameCounts[actor] != nil { seenBefore.insert(actor) }
                    for target in buffer[i].targets where nameCounts[target] != nil { seenBefore.insert(target) }
                    // On a big store every name of the week has usually been seen long before: stop once all have.
                    if seenBefore.count == nameCounts.count { break }
                }
            }
        }
        func ranked(_ counts: [String: Int]) -> [NameCount] {
            counts.map { NameCount(name: $0.key, count: $0.value) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
        }
        self.companies = Companies(mostActive: Array(ranked(nameCounts).prefix(5)),
                                   firstTime: nameCounts.keys.filter { !seenBefore.contains($0) }.sorted())
        self.countries = ranked(countryCounts)
        self.trends = Trends(events: events, endingWith: week, weeks: trendWeeks, by: .type)
        let companyTrends = Trends(events: events, endingWith: week, weeks: trendWeeks, by: .company)
        self.companyTrends = Trends.Movers(rising: companyTrends.rising, falling: companyTrends.falling)
        self.watch = WhatToWatch(items: watchItems, today: end, seenBefore: end, limit: watchLimit).items
    }

    /// `actor → targets (product)`, the one-line name of an event.
    public static func summary(actor: String?, targets: [String], product: String?) -> String {
        var text = actor ?? "(unnamed actor)"
        if !targets.isEmpty { text += " → " + targets.joined(separator: ", ") }
        if let product, !product.isEmpty { text += " (\(product))" }
        return text
    }
}

extension Trends {
    /// The rows that moved most, without the full table.
    public struct Movers: Sendable, Hashable, Codable {
        public var rising: [Row]
        public var falling: [Row]
    }
}

extension EventKind {
    /// The plural heading of a digest section: "Bans", "Workarounds".
    public var plural: String {
        switch self {
        case .ban: "Bans"
        case .block: "Blocks"
        case .workaround: "Workarounds"
        case .restriction: "Restrictions"
        case .lift: "Lifted bans and restrictions"
        case .investigation: "Investigations"
        case .penalty: "Penalties"
        case .lawsuit: "Lawsuits"
        case .legislation: "Legislation"
        case .tracking: "Tracking"
        }
    }
}

extension EventStatus {
    /// "in effect", "planned", …
    public var words: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}
