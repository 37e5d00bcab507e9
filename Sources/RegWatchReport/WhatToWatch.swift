import Foundation
import RegWatchCore

/// The "what to watch" list: forward-looking sentences merged across sources and ranked.
///
/// The store already merges repeats of one sentence; briefs still word the same expectation differently. Items whose
/// words match (after case, punctuation and spacing) and that state the same date are one item; so are items that
/// state the same development in other words (`WatchSimilarity`: the same entity and most of the same content
/// words, or the same entity and date, or, within a week, the same kind of development about the same subject), and
/// their sources are joined. Items with a stated date come first, soonest
/// first, and drop out once the date is before `today`. The rest are ranked by the ISO week they were last seen in
/// (newest first), then by how many sources state them.
public struct WhatToWatch: Sendable, Hashable, Codable {
    public struct Item: Sendable, Hashable, Codable {
        /// The sentence as first seen.
        public var text: String
        public var entities: [String]
        /// `YYYY-MM-DD`, when the sentence states a date.
        public var date: String?
        /// Days from `today` to `date`.
        public var daysUntil: Int?
        public var firstSeen: Date
        public var lastSeen: Date
        public var sourceCount: Int
        /// Distinct sources (by URL, else by outlet and title), oldest first.
        public var sources: [EventSource]
        /// The stored watch items merged into this one.
        public var ids: [String]
    }

    /// `YYYY-MM-DD` of the day the list was made for.
    public var asOf: String
    public var items: [Item]

    /// Builds the list.
    ///
    /// - Parameters:
    ///   - items: stored watch items, in any order.
    ///   - today: the caller's clock; dated items before this day are dropped.
    ///   - since: keeps only items last seen on or after this date.
    ///   - seenBefore: keeps only items first seen before this date (a digest of a past week ignores later items).
    ///   - company: keeps only items that name this entity (case-insensitive, in `entities` or the text).
    ///   - limit: the most items to keep.
    public init(items: [StoredWatchItem], today: Date, since: Date? = nil, seenBefore: Date? = nil,
                company: String? = nil, limit: Int? = nil) {
        let todayNumber = CivilDay.dayNumber(today)
        let needle = company?.lowercased()
        // The same words and date: one item, whatever their entities (as the store merges repeats).
        var byKey: [String: Item] = [:]
        var storiesByKey: [String: Set<String>] = [:]
        for stored in items {
            if let since, stored.lastSeen < since { continue }
            if let seenBefore, stored.firstSeen >= seenBefore { continue }
            if let needle, !stored.entities.contains(where: { $0.lowercased() == needle }),
               !stored.text.lowercased().contains(needle) { continue }
            let dateNumber = stored.date.flatMap(CivilDay.parse)
            if let dateNumber, dateNumber < todayNumber { continue }
            let sources = Self.distinct(stored.sources)
            let item = Item(text: stored.text, entities: stored.entities.sorted(), date: dateNumber == nil ? nil : stored.date,
                            daysUntil: dateNumber.map { $0 - todayNumber }, firstSeen: stored.firstSeen,
                            lastSeen: stored.lastSeen, sourceCount: sources.count, sources: sources, ids: [stored.id])
            let key = Self.key(stored.text) + "|" + (item.date ?? "")
            byKey[key] = byKey[key].map { $0.merged(with: item) } ?? item
            storiesByKey[key, default: []].formUnion(stored.stories)
        }
        // The same development in other words: one item.
        let keys = byKey.keys.sorted()
        let exact = keys.map { byKey[$0]! }
        let profiles = zip(keys, exact).map { key, item in
            WatchSimilarity.Profile(text: item.text, entities: item.entities, date: item.date, titles: item.sources.compactMap(\.title),
                                    firstSeen: item.firstSeen, stories: Array(storiesByKey[key] ?? []))
        }
        let merged = WatchSimilarity.groups(profiles, keys: keys).map { group in
            group.dropFirst().reduce(exact[group[0]]) { $0.merged(with: exact[$1]) }
        }
        let ranked = merged.map { ($0, ISOWeek(containing: $0.lastSeen).monday) }.sorted { pa, pb in
            let (a, b) = (pa.0, pb.0)
            switch (a.daysUntil, b.daysUntil) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if pa.1 != pb.1 { return pa.1 > pb.1 }
            if a.sourceCount != b.sourceCount { return a.sourceCount > b.sourceCount }
            if a.lastSeen != b.lastSeen { return a.lastSeen > b.lastSeen }
            return a.text < b.text
        }.map(\.0)
        self.asOf = CivilDay.string(todayNumber)
        self.items = limit.map { Array(ranked.prefix($0)) } ?? ranked
    }

    /// The words of a sentence, lowercased, without punctuation: the identity of an expectation across briefs.
    ///
    /// Works on UTF-8 bytes: ASCII letters and digits are lowercased and kept, other ASCII bytes and the General
    /// Punctuation block (U+2010–U+203F: curly quotes, dashes, ellipsis) separate words, and any other non-ASCII
    /// character is kept as part of a word.
    static func key(_ text: String) -> String {
        var out: [UInt8] = []
        var utf8 = Array(text.utf8)
        out.reserveCapacity(utf8.count)
        var i = 0
        func separate() { if let last = out.last, last != 0x20 { out.append(0x20) } }
        utf8.withUnsafeMutableBufferPointer { bytes in
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 {
                    switch b {
                    case 0x30...0x39, 0x61...0x7A: out.append(b)
                    case 0x41...0x5A: out.append(b | 0x20)
                    default: separate()
                    }
                    i += 1
                } else if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] >= 0x90 {
                    separate()
                    i += 3
                } else {
                    out.append(b)
                    i += 1
                }
            }
        }
        if out.last == 0x20 { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// Sources without repeats, oldest first (undated last), so merged items list each article once.
    static func distinct(_ sources: [EventSource]) -> [EventSource] {
        var seen = Set<String>()
        var out: [EventSource] = []
        for source in sources {
            let key = source.url ?? "\(source.outlet ?? "")|\(source.title ?? "")|\(source.evidence)"
            if seen.insert(key).inserted { out.append(source) }
        }
        return out.sorted { a, b in
            switch (a.published, b.published) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return (a.url ?? "", a.outlet ?? "", a.title ?? "") < (b.url ?? "", b.outlet ?? "", b.title ?? "")
            }
        }
    }
}

extension WhatToWatch.Item {
    /// Both items as one: the earliest sentence (ties by text), all entities, sources and ids, the span seen, and
    /// the stated date (merged items never state two).
    func merged(with other: Self) -> Self {
        var item = self
        if (other.firstSeen, other.text) < (firstSeen, text) { item.text = other.text }
        item.firstSeen = min(firstSeen, other.firstSeen)
        item.lastSeen = max(lastSeen, other.lastSeen)
        item.date = date ?? other.date
        item.daysUntil = daysUntil ?? other.daysUntil
        item.entities = Array(Set(entities).union(other.entities)).sorted()
        item.sources = WhatToWatch.distinct(sources + other.sources)
        item.sourceCount = item.sources.count
        item.ids = Array(Set(ids).union(other.ids)).sorted()
        return item
    }
}
