// Row decoding and encoding: stored events and mentions from their rows, and the JSON columns they hold.
import Foundation
import GRDB
import RegWatchCore
import RegWatchEvents

extension RegWatchStore {
    /// The value of a column that holds one of `T`'s raw values.
    /// - Throws: `StoreError.corruptRow` naming the table, the row and the value (the store's path is added by `naming`).
    static func decode<T: RawRepresentable<String>>(_ type: T.Type, _ row: Row, _ column: String, table: String,
                                                    id: String) throws -> T {
        let raw: String? = row[column]
        guard let raw, let value = T(rawValue: raw) else { throw corruptRow(table: table, id: id, column: column, value: raw) }
        return value
    }

    /// `StoreError.corruptRow`, without the path: `naming` adds it where the store is known.
    static func corruptRow(table: String, id: String, column: String, value: String?) -> StoreError {
        StoreError(.corruptRow(table: table, id: id, column: column, value: value), path: "")
    }

    static func storedEvent(_ row: Row) throws -> StoredEvent {
        let id: String = row["id"]
        return StoredEvent(id: id, type: try decode(EventKind.self, row, "type", table: "event", id: id),
                    status: try decode(EventStatus.self, row, "status", table: "event", id: id),
                    actor: row["actor"], targets: strings(row["targets"]), product: row["product"],
                    countries: strings(row["countries"]), method: strings(row["method"]), evidence: row["evidence"],
                    confidence: row["confidence"], firstSeen: row["firstSeen"], lastSeen: row["lastSeen"],
                    sources: [], related: [], statusHistory: history(row["statusHistory"]), parties: strings(row["parties"]))
    }

    /// Adds sources (one per article, oldest first) and related events.
    static func attach(_ db: Database, _ events: [StoredEvent]) throws -> [StoredEvent] {
        let sourcesStatement = try db.cachedStatement(sql: """
            SELECT m.articleId, m.evidence, a.canonicalURL, a.title, a.published, COALESCE(f.title, f.url) AS outlet
            FROM mention m JOIN article a ON a.id = m.articleId JOIN feed f ON f.id = a.feedId
            WHERE m.eventId = ? ORDER BY m.at, m.stableKey, m.ordinal
            """)
        let relatedStatement = try db.cachedStatement(sql: """
            SELECT relatedId, relation FROM eventRelation WHERE eventId = ? ORDER BY relation, relatedId
            """)
        return try events.map { event in
            var event = event
            var position: [Int64: Int] = [:]
            for row in try Row.fetchAll(sourcesStatement, arguments: [event.id]) {
                let articleId: Int64 = row["articleId"]
                let evidence: String = row["evidence"]
                if let i = position[articleId] {
                    // One source per article; its other sentences about the event stay with it.
                    if evidence != event.sources[i].evidence && !event.sources[i].otherEvidence.contains(evidence) {
                        event.sources[i].otherEvidence.append(evidence)
                    }
                    continue
                }
                position[articleId] = event.sources.count
                event.sources.append(EventSource(url: row["canonicalURL"], title: row["title"], outlet: row["outlet"],
                                                 published: row["published"], evidence: evidence))
            }
            event.related = try Row.fetchAll(relatedStatement, arguments: [event.id]).compactMap { row in
                RelatedEvent.Relation(rawValue: row["relation"]).map { RelatedEvent(id: row["relatedId"], relation: $0) }
            }
            return event
        }
    }

    static func mentionValue(_ row: Row) throws -> MentionValue {
        let id: Int64 = row["id"]
        return MentionValue(id: id, articleId: row["articleId"],
                     type: try decode(EventKind.self, row, "type", table: "mention", id: String(id)),
                     status: try decode(EventStatus.self, row, "status", table: "mention", id: String(id)),
                     actor: row["actor"], actorKey: row["actorKey"],
                     targets: strings(row["targets"]), product: row["product"], countries: strings(row["countries"]),
                     method: strings(row["method"]), evidence: row["evidence"], confidence: row["confidence"], at: row["at"],
                     stableKey: row["stableKey"], parties: strings(row["parties"]), eventId: row["eventId"])
            .with(attached: (row["attached"] as Int?) == 1, stated: (row["stated"] as Int?) == 1)
    }

    /// The columns `neighbourValue` reads.
    static let neighbourColumns = "id, articleId, type, actorKey, targets, product, at, stableKey, eventId, attached"

    /// A mention as the attachment rule weighs it (`EventMerger.mayTake`, `groupCount`): its type, actor key,
    /// targets, product, date and event; the rest is left empty.
    static func neighbourValue(_ row: Row) throws -> MentionValue {
        let id: Int64 = row["id"]
        return MentionValue(id: id, articleId: row["articleId"],
                            type: try decode(EventKind.self, row, "type", table: "mention", id: String(id)), status: .inEffect,
                            actor: nil, actorKey: row["actorKey"], targets: strings(row["targets"]), product: row["product"],
                            countries: [], method: [], evidence: "", confidence: 0, at: row["at"], stableKey: row["stableKey"],
                            eventId: row["eventId"]).with(attached: (row["attached"] as Int?) == 1)
    }

    static func placeholders(_ n: Int) -> String { Array(repeating: "?", count: n).joined(separator: ",") }

    /// `'a','b'` for an `IN (…)` list of event ids (`''` when empty, which matches nothing).
    static func quoted<S: Sequence<String>>(_ ids: S) -> String {
        let list = ids.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ",")
        return list.isEmpty ? "''" : list
    }

    /// Decodes the JSON arrays of strings this file writes (`["a","b"]`); falls back to `JSONDecoder` for
    /// anything unusual (a `\u` escape). A hand-rolled loop because every event read decodes three of these.
    static func strings(_ json: String?) -> [String] {
        guard var json else { return [] }
        return json.withUTF8 { strings(utf8: $0) }
    }

    /// `strings(_:)` on the UTF-8 bytes of the array, as SQLite hands them out: an item without escapes becomes a
    /// String straight from its bytes.
    static func strings(utf8: UnsafeBufferPointer<UInt8>) -> [String] {
        var result: [String] = []
        var i = 0
        while i < utf8.count && utf8[i] != UInt8(ascii: "[") { i += 1 }
        i += 1
        while i < utf8.count {
            guard utf8[i] == UInt8(ascii: "\"") else { i += 1; continue }
            let start = i + 1
            var end = start
            while end < utf8.count && utf8[end] != UInt8(ascii: "\"") && utf8[end] != UInt8(ascii: "\\") { end += 1 }
            guard end < utf8.count else { break }
            if utf8[end] == UInt8(ascii: "\"") {
                result.append(String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<end]), as: UTF8.self))
                i = end + 1
                continue
            }
            // An escape: copy the item byte by byte.
            var current = Array(utf8[start..<end])
            i = end
            while i < utf8.count && utf8[i] != UInt8(ascii: "\"") {
                guard utf8[i] == UInt8(ascii: "\\") else { current.append(utf8[i]); i += 1; continue }
                guard i + 1 < utf8.count else { break }
                switch utf8[i + 1] {
                case UInt8(ascii: "n"): current.append(0x0A)
                case UInt8(ascii: "t"): current.append(0x09)
                case UInt8(ascii: "r"): current.append(0x0D)
                case UInt8(ascii: "u"), UInt8(ascii: "b"), UInt8(ascii: "f"):
                    return (try? JSONDecoder().decode([String].self, from: Data(buffer: utf8))) ?? []
                case let e: current.append(e)  // \" \\ \/
                }
                i += 2
            }
            result.append(String(decoding: current, as: UTF8.self))
            i += 1
        }
        return result
    }

    package static func historyJSON(_ history: [StatusChange]) -> String {
        let items = history.map { "{\"status\":\"\($0.status.rawValue)\",\"at\":\($0.at.timeIntervalSince1970)}" }
        return "[" + items.joined(separator: ",") + "]"
    }

    static func history(_ json: String?) -> [StatusChange] {
        // The shape `historyJSON` writes: `{"status":"…","at":seconds}` items, read without Foundation's parser.
        if let json, !json.contains("\\") {
            var changes: [StatusChange] = []
            var ok = true
            for item in json.split(separator: "}") {
                guard let s = item.range(of: "\"status\":\""), let a = item.range(of: "\"at\":") else { continue }
                let statusText = item[s.upperBound...].prefix { $0 != "\"" }
                let number = item[a.upperBound...].prefix { $0.isNumber || $0 == "." || $0 == "-" || $0 == "e" || $0 == "E" || $0 == "+" }
                guard let status = EventStatus(rawValue: String(statusText)), let at = Double(number) else { ok = false; break }
                changes.append(StatusChange(status: status, at: Date(timeIntervalSince1970: at)))
            }
            if ok { return changes }
        }
        guard let data = json?.data(using: .utf8),
              let array = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        return array.compactMap { item in
            guard let s = item["status"] as? String, let status = EventStatus(rawValue: s),
                  let at = item["at"] as? Double else { return nil }
            return StatusChange(status: status, at: Date(timeIntervalSince1970: at))
        }
    }
}
