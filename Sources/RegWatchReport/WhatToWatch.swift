import Foundation
import RegWatchCore

/// The "what to watch" list: forward-looking sentences merged across sources and ranked.
///
/// The store already merges repeats of one sentence; briefs still word the same expectation slightly differently
/// (case, punctuation, spacing), so items whose words match are merged here once more and their sources joined.
/// Items with a stated date come first, soonest first, and drop out once the date is before `today`. The rest are
/// ranked by the ISO week they were last seen in (newest first), then by how many sources state them.
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
        var merged: [String: Item] = [:]
        for stored in items {
            if let since, stored.lastSeen < since { continue }
            if let seenBefore, stored.firstSeen >= seenBefore { continue }
            if let needle, !stored.entities.contains(where: { $0.lowercased() == needle }),
               !stored.text.lowercased().contains(needle) { continue }
            let dateNumber = stored.date.flatMap(CivilDay.parse)
            if let dateNumber, dateNumber < todayNumber { continue }
            let key = Self.key(stored.text) + "|" + (stored.date ?? "")
            if var item = merged[key] {
                if stored.firstSeen < item.firstSeen || (stored.firstSeen == item.firstSeen && stored.text < item.text) {
                    item.text = stored.text
                }
                item.firstSeen = min(item.firstSeen, stored.firstSeen)
                item.lastSeen = max(item.lastSeen, stored.lastSeen)
                item.entities = Array(Set(item.entities).union(stored.entities)).sorted()
                item.sources = Self.distinct(item.sources + stored.sources)
                item.sourceCount = item.sources.count
                item.ids = Array(Set(item.ids + [stored.id])).sorted()
                merged[key] = item
            } else {
                let sources = Self.distinct(stored.sources)
                merged[key] = Item(text: stored.text, entities: stored.entities.sorted(),
                                   date: dateNumber == nil ? nil : stored.date,
                                   daysUntil: dateNumber.map { $0 - todayNumber }, firstSeen: stored.firstSeen,
                                   lastSeen: stored.lastSeen, sourceCount: sources.count, sources: sources, ids: [stored.id])
            }
        }
        let ranked = merged.values.sorted { a, b in
            switch (a.daysUntil, b.daysUntil) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            let weekA = ISOWeek(containing: a.lastSeen), weekB = ISOWeek(containing: b.lastSeen)
            if weekA != weekB { return weekA > weekB }
            if a.sourceCount != b.sourceCount { return a.sourceCount > b.sourceCount }
            if a.lastSeen != b.lastSeen { return a.lastSeen > b.lastSeen }
            return a.text < b.text
        }
        self.asOf = CivilDay.string(todayNumber)
        self.items = limit.map { Array(ranked.prefix($0)) } ?? ranked
    }

    /// The words of a sentence, lowercased, without punctuation: the identity of an expectation across briefs.
    static func key(_ text: String) -> String {
        var words: [String] = []
        var current = ""
        for scalar in text.lowercased().unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.joined(separator: " ")
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
