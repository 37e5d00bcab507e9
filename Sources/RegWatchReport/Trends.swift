import Foundation
import RegWatchCore

/// What a trend row counts.
public enum TrendDimension: String, Sendable, Hashable, Codable, CaseIterable {
    /// The event type (`ban`, `block`, …).
    case type
    /// Every entity named as actor or target (each once per event).
    case company
    /// ISO country codes.
    case country
    /// The product, when the event names one.
    case product

    /// The keys one event counts under, each once.
    @inline(__always)
    func keys(of event: StoredEvent) -> [String] {
        switch self {
        case .type: return [event.type.rawValue]
        case .product: return event.product.map { [$0] } ?? []
        case .country: return event.countries.count < 2 ? event.countries : Array(Set(event.countries))
        case .company:
            var names: [String] = []
            names.reserveCapacity(event.targets.count + 1)
            if let actor = event.actor { names.append(actor) }
            for target in event.targets where !names.contains(target) { names.append(target) }
            return names
        }
    }
}

/// Events counted per ISO week over a window, with the change against the window before.
///
/// An event counts in the week of its `firstSeen`. The "previous period" is the same number of weeks just before
/// the window, so `--weeks 8` compares the last 8 weeks with the 8 before them. Rising and falling rows are the
/// ones whose total moved most between the two periods.
public struct Trends: Sendable, Hashable, Codable {
    public struct Row: Sendable, Hashable, Codable {
        public var key: String
        /// One count per week of `Trends.weeks`, oldest first.
        public var counts: [Int]
        public var total: Int
        public var previousTotal: Int
        public var change: Int
        /// The change as a percentage of the previous total; nil when the previous total is 0.
        public var changePercent: Double?

        init(key: String, counts: [Int], previousTotal: Int) {
            self.key = key
            self.counts = counts
            self.total = counts.reduce(0, +)
            self.previousTotal = previousTotal
            self.change = total - previousTotal
            self.changePercent = previousTotal == 0 ? nil : (Double(change) * 1000 / Double(previousTotal)).rounded() / 10
        }
    }

    public var dimension: TrendDimension
    /// The weeks of the window, oldest first.
    public var weeks: [ISOWeek]
    /// The event types counted; empty means all.
    public var types: [EventKind]
    /// All events per week (not the sum of rows: an event can count under several companies).
    public var totals: Row
    /// Every key seen in either period, by total (descending), then change, then key.
    public var rows: [Row]
    /// Up to five keys whose total grew most, largest growth first.
    public var rising: [Row]
    /// Up to five keys whose total fell most, largest fall first.
    public var falling: [Row]

    /// Counts `events` over the `weeks` weeks that end with `last`.
    ///
    /// - Parameters:
    ///   - events: any stored events; order does not matter.
    ///   - last: the newest week of the window.
    ///   - weeks: the window length, at least 1.
    ///   - dimension: what a row counts.
    ///   - types: the event types to count; empty counts every type.
    public init(events: [StoredEvent], endingWith last: ISOWeek, weeks: Int,
                by dimension: TrendDimension = .type, types: Set<EventKind> = []) {
        var tally = Tally(endingWith: last, weeks: weeks, by: dimension, types: types)
        // Fields are read through the buffer, so no event is copied: `for event in events`, or `tally.add(buffer[i])`
        // into the generic call, retains and releases every field of every event, which made counting by type 11
        // times slower on a million events.
        events.withUnsafeBufferPointer { buffer in
            for i in buffer.indices {
                guard let slot = tally.count(type: buffer[i].type, firstSeen: buffer[i].firstSeen) else { continue }
                switch dimension {
                case .type: continue
                case .product: if let product = buffer[i].product { tally.count(product, slot) }
                case .company: tally.count(actor: buffer[i].actor, targets: buffer[i].targets, slot)
                case .country: tally.count(countries: buffer[i].countries, slot)
                }
            }
        }
        self.init(tally)
    }

    /// The trends of what `tally` counted.
    public init(_ tally: Tally) {
        let n = tally.weekCount
        func row(_ key: String, _ slots: ArraySlice<Int>) -> Row {
            Row(key: key, counts: Array(slots.suffix(n)), previousTotal: slots.prefix(n).reduce(0, +))
        }
        var rows: [Row] = []
        if tally.dimension == .type {
            for kind in EventKind.allCases {
                let slots = tally.typeCounts[(kind.ordinal * 2 * n)..<((kind.ordinal + 1) * 2 * n)]
                if slots.contains(where: { $0 > 0 }) { rows.append(row(kind.rawValue, slots)) }
            }
        } else {
            rows.reserveCapacity(tally.keys.count)
            for (k, key) in tally.keys.enumerated() { rows.append(row(key, tally.keyCounts[(k * 2 * n)..<((k + 1) * 2 * n)])) }
        }
        self.dimension = tally.dimension
        self.weeks = (0..<n).map { tally.first.advanced(by: $0) }
        self.types = tally.types.sorted()
        self.totals = row("total", tally.totals[...])
        rows.sort { a, b in
            if a.total != b.total { return a.total > b.total }
            if a.change != b.change { return a.change > b.change }
            return a.key < b.key
        }
        self.rows = rows
        self.rising = Array(rows.filter { $0.change > 0 }.sorted { a, b in
            a.change != b.change ? a.change > b.change : (a.total != b.total ? a.total > b.total : a.key < b.key)
        }.prefix(5))
        self.falling = Array(rows.filter { $0.change < 0 }.sorted { a, b in
            a.change != b.change ? a.change < b.change : (a.previousTotal != b.previousTotal ? a.previousTotal > b.previousTotal : a.key < b.key)
        }.prefix(5))
    }

    /// Counts events one at a time, for `Trends(_:)`: a store can stream a year of events through it without holding
    /// them. Events outside the window and the previous period before it, or of types not counted, are skipped.
    public struct Tally: Sendable {
        public let dimension: TrendDimension
        public let types: Set<EventKind>
        let first: ISOWeek
        let weekCount: Int
        /// Day number of the previous period's first Monday.
        let periodStart: Int
        let startSeconds: Double
        let endSeconds: Double
        let wanted: [Bool]
        /// All events per week slot (2 × weeks slots: the previous period, then the window).
        var totals: [Int]
        /// Per type ordinal, 2 × weeks slots each.
        var typeCounts: [Int]
        /// The keys of the other dimensions, in the order first met, and their slots (2 × weeks each, flat).
        var keys: [String] = []
        var keyIndex: [String: Int] = [:]
        var keyCounts: [Int] = []

        /// A tally of the `weeks` weeks that end with `last`, and the same number of weeks before them.
        public init(endingWith last: ISOWeek, weeks: Int, by dimension: TrendDimension = .type, types: Set<EventKind> = []) {
            let n = max(1, weeks)
            self.dimension = dimension
            self.types = types
            self.weekCount = n
            self.first = last.advanced(by: -(n - 1))
            self.periodStart = first.monday - 7 * n
            self.startSeconds = Double(periodStart) * 86_400
            self.endSeconds = Double(last.monday + 7) * 86_400
            var wanted = [Bool](repeating: types.isEmpty, count: EventKind.allCases.count)
            for type in types { wanted[type.ordinal] = true }
            self.wanted = wanted
            self.totals = [Int](repeating: 0, count: 2 * n)
            self.typeCounts = [Int](repeating: 0, count: 2 * n * EventKind.allCases.count)
        }

        /// The first day of the previous period: events first seen before it are not counted.
        public var start: Date { Date(timeIntervalSince1970: startSeconds) }
        /// The Monday after the window: events first seen from then on are not counted.
        public var end: Date { Date(timeIntervalSince1970: endSeconds) }

        /// Counts `event` in the week of its `firstSeen`, under each of its keys once. Only the fields the dimension
        /// counts are read.
        public mutating func add<Event: CountableEvent>(_ event: borrowing Event) {
            guard let slot = count(type: event.type, firstSeen: event.firstSeen) else { return }
            switch dimension {
            case .type: return
            case .product: if let product = event.product { count(product, slot) }
            case .company: count(actor: event.actor, targets: event.targets, slot)
            case .country: count(countries: event.countries, slot)
            }
        }

        /// Counts an event of `type` first seen at `firstSeen` in the totals, and under its type when rows are types;
        /// returns its week slot for the other dimensions, or nil when it is not counted.
        @inline(__always)
        mutating func count(type: EventKind, firstSeen: Date) -> Int? {
            let t = firstSeen.timeIntervalSince1970
            guard t >= startSeconds, t < endSeconds else { return nil }
            let kind = type.ordinal
            guard wanted[kind] else { return nil }
            let slot = (Int((t / 86_400).rounded(.down)) - periodStart) / 7
            totals[slot] += 1
            if dimension == .type { typeCounts[kind * 2 * weekCount + slot] += 1 }
            return slot
        }

        /// The actor, then the targets not already counted for this event; no array is built per event.
        @inline(__always)
        mutating func count(actor: String?, targets: [String], _ slot: Int) {
            if let actor { count(actor, slot) }
            for (j, target) in targets.enumerated() where target != actor && !targets[..<j].contains(target) {
                count(target, slot)
            }
        }

        @inline(__always)
        mutating func count(countries: [String], _ slot: Int) {
            for (j, code) in countries.enumerated() where !countries[..<j].contains(code) { count(code, slot) }
        }

        @inline(__always)
        mutating func count(_ key: String, _ slot: Int) {
            if let k = keyIndex[key] {
                keyCounts[k * 2 * weekCount + slot] += 1
            } else {
                keyIndex[key] = keys.count
                keys.append(key)
                keyCounts.append(contentsOf: repeatElement(0, count: 2 * weekCount))
                keyCounts[(keys.count - 1) * 2 * weekCount + slot] += 1
            }
        }
    }
}

extension EventKind {
    /// The position in `allCases`, without searching it.
    @inline(__always)
    var ordinal: Int {
        switch self {
        case .ban: 0
        case .block: 1
        case .workaround: 2
        case .restriction: 3
        case .lift: 4
        case .investigation: 5
        case .penalty: 6
        case .lawsuit: 7
        case .legislation: 8
        case .tracking: 9
        }
    }
}

/// Eight-level block sparklines: ▁▂▃▄▅▆▇█ (zero is the lowest bar, the row's maximum the highest).
public enum Sparkline {
    static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public static func render(_ values: [Int]) -> String {
        let top = values.max() ?? 0
        return String(values.map { value -> Character in
            guard top > 0, value > 0 else { return bars[0] }
            return bars[min(7, max(1, Int((Double(value) / Double(top) * 7).rounded())))]
        })
    }
}
