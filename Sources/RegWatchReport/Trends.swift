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
        let n = max(1, weeks)
        let first = last.advanced(by: -(n - 1))
        // Day numbers of the first Monday of the previous period and of the Monday after `last`.
        let periodStart = first.monday - 7 * n
        let periodEnd = last.monday + 7
        let startSeconds = Double(periodStart) * 86_400
        let endSeconds = Double(periodEnd) * 86_400
        var perKey: [String: [Int]] = [:]
        var perType = [[Int]](repeating: [Int](repeating: 0, count: 2 * n), count: EventKind.allCases.count)
        var totals = [Int](repeating: 0, count: 2 * n)
        var wanted = [Bool](repeating: types.isEmpty, count: EventKind.allCases.count)
        for type in types { wanted[type.ordinal] = true }
        // Reading fields through the buffer, rather than `for event in events`, copies no event: on a million
        // events the retains and releases of each copy cost more than the counting.
        events.withUnsafeBufferPointer { buffer in
            for i in buffer.indices {
                let t = buffer[i].firstSeen.timeIntervalSince1970
                guard t >= startSeconds, t < endSeconds else { continue }
                let kind = buffer[i].type.ordinal
                guard wanted[kind] else { continue }
                let slot = (Int((t / 86_400).rounded(.down)) - periodStart) / 7
                totals[slot] += 1
                switch dimension {
                case .type:
                    perType[kind][slot] += 1
                case .product:
                    if let product = buffer[i].product { perKey[product, default: [Int](repeating: 0, count: 2 * n)][slot] += 1 }
                case .company:
                    // Actor, then targets not already counted for this event; no array is built per event.
                    let actor = buffer[i].actor
                    if let actor { perKey[actor, default: [Int](repeating: 0, count: 2 * n)][slot] += 1 }
                    let targets = buffer[i].targets
                    for (j, target) in targets.enumerated()
                    where target != actor && !targets[..<j].contains(target) {
                        perKey[target, default: [Int](repeating: 0, count: 2 * n)][slot] += 1
                    }
                case .country:
                    let countries = buffer[i].countries
                    for (j, code) in countries.enumerated() where !countries[..<j].contains(code) {
                        perKey[code, default: [Int](repeating: 0, count: 2 * n)][slot] += 1
                    }
                }
            }
        }
        if dimension == .type {
            for (kind, slots) in zip(EventKind.allCases, perType) where slots.contains(where: { $0 > 0 }) {
                perKey[kind.rawValue] = slots
            }
        }
        func row(_ key: String, _ slots: [Int]) -> Row {
            Row(key: key, counts: Array(slots[n...]), previousTotal: slots[..<n].reduce(0, +))
        }
        self.dimension = dimension
        self.weeks = (0..<n).map { first.advanced(by: $0) }
        self.types = types.sorted()
        self.totals = row("total", totals)
        let rows = perKey.map { row($0.key, $0.value) }.sorted { a, b in
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
