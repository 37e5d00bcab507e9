// Events read only to be counted (issue 7): `regwatch trends` and the counts of a digest.
import Foundation
import GRDB
import GRDBSQLite
import RegWatchCore

extension RegWatchStore {
    /// Hands `body` every event first seen in `[from, to)`, oldest first, read only to be counted: id, type, status,
    /// actor, targets, product, countries, first and last seen. No evidence, method, history, sources or related
    /// events.
    ///
    /// The rows come from the `event_on_firstSeen_counted` index (migration v6), one at a time: a year of a
    /// million-event store is one range of that index, read without the table and without holding every event in
    /// memory. The statement is stepped here rather than through GRDB's rows, and the columns are decoded from the
    /// bytes SQLite hands out: GRDB's `Row` and its date parser cost more per row than the counting does. `body`
    /// runs inside one read transaction, so it sees one consistent store even while a pull writes.
    public func forEachCountedEvent(firstSeenFrom from: Date, to: Date, _ body: (CountedEventRow) throws -> Void) throws {
        try naming { try writer.read { db in try Self.forEachCountedEvent(db, sql: Self.countedInWindowSQL, arguments: [from, to], body) } }
    }

    /// Steps `sql`, a query of `countedColumns`, handing `body` each row.
    static func forEachCountedEvent(_ db: Database, sql: String, arguments: StatementArguments,
                                    _ body: (CountedEventRow) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        let columns = RawColumns(statement: statement.sqliteStatement)
        while true {
            let code = sqlite3_step(columns.statement)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
            }
            try body(try CountedEventRow(columns: columns))
        }
    }

    /// Every row of `sql`, a query of `countedColumns`, as a counted event to keep.
    static func countedEvents(_ db: Database, sql: String, arguments: StatementArguments) throws -> [StoredEvent] {
        var events: [StoredEvent] = []
        try forEachCountedEvent(db, sql: sql, arguments: arguments) { events.append($0.event) }
        return events
    }

    /// The events first seen in `[from, to)`, oldest first (by first seen, then id), each with `countedColumns`.
    static let countedInWindowSQL = """
        SELECT \(countedColumns) FROM event e INDEXED BY event_on_firstSeen_counted
        WHERE e.firstSeen >= ? AND e.firstSeen < ? ORDER BY e.firstSeen, e.id
        """

    /// The columns an event read only to be counted needs: type and week, and the actor, targets, product and
    /// countries that trends group by. All of them are in `event_on_firstSeen_counted`.
    static let countedColumns = "e.id, e.type, e.status, e.actor, e.targets, e.product, e.countries, e.firstSeen, e.lastSeen"
}

/// One event as `forEachCountedEvent` hands it out: the current row of its statement, each field decoded from
/// SQLite's bytes when it is read, so a count pays only for what it counts (by type: the type and the date).
/// Valid only inside the call it is handed to; `event` is the value to keep.
public struct CountedEventRow: CountableEvent {
    let columns: RawColumns
    /// Decoded as the row is stepped: a value regwatch never writes is an error, not a ban.
    public let type: EventKind
    public let status: EventStatus

    /// - Throws: `StoreError.corruptRow` when the type or status is not one regwatch writes.
    init(columns: RawColumns) throws {
        self.columns = columns
        guard let type = columns.kind(1) else {
            throw RegWatchStore.corruptRow(table: "event", id: columns.string(0) ?? "?", column: "type", value: columns.string(1))
        }
        guard let status = columns.status(2) else {
            throw RegWatchStore.corruptRow(table: "event", id: columns.string(0) ?? "?", column: "status", value: columns.string(2))
        }
        self.type = type
        self.status = status
    }

    public var id: String { columns.string(0) ?? "" }
    public var actor: String? { columns.string(3) }
    public var targets: [String] { columns.strings(4) }
    public var product: String? { columns.string(5) }
    public var countries: [String] { columns.strings(6) }
    public var firstSeen: Date { columns.date(7) }
    public var lastSeen: Date { columns.date(8) }

    /// The event as `events(matching:)` reads it without details: no evidence, method, history, sources or related
    /// events.
    public var event: StoredEvent {
        StoredEvent(id: id, type: type, status: status, actor: actor, targets: targets, product: product, countries: countries,
                    method: [], evidence: "", confidence: 0, firstSeen: firstSeen, lastSeen: lastSeen)
    }
}

/// The columns of a statement's current row, read from the bytes SQLite hands out.
struct RawColumns {
    let statement: SQLiteStatement

    /// The column's text bytes; nil when it is NULL. Valid until the next step.
    @inline(__always)
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let text = sqlite3_column_text(statement, column) else { return nil }
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column)))
    }

    func string(_ column: Int32) -> String? {
        bytes(column).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A JSON array of strings (`RegWatchStore.strings`); empty when NULL.
    func strings(_ column: Int32) -> [String] {
        bytes(column).map(RegWatchStore.strings(utf8:)) ?? []
    }

    /// An event type, told apart by its length and first letter (each pair names one type) and then checked whole;
    /// nil for NULL or a value that is no type.
    func kind(_ column: Int32) -> EventKind? {
        guard let bytes = bytes(column), let first = bytes.first else { return nil }
        let kind: EventKind? = switch (bytes.count, first) {
        case (3, UInt8(ascii: "b")): .ban
        case (5, UInt8(ascii: "b")): .block
        case (10, UInt8(ascii: "w")): .workaround
        case (11, UInt8(ascii: "r")): .restriction
        case (4, UInt8(ascii: "l")): .lift
        case (13, UInt8(ascii: "i")): .investigation
        case (7, UInt8(ascii: "p")): .penalty
        case (7, UInt8(ascii: "l")): .lawsuit
        case (11, UInt8(ascii: "l")): .legislation
        case (8, UInt8(ascii: "t")): .tracking
        default: nil
        }
        if let kind, kind.rawValue.utf8.elementsEqual(bytes) { return kind }
        return nil
    }

    /// An event status, compared byte by byte with each raw value; nil for NULL or a value that is no status.
    func status(_ column: Int32) -> EventStatus? {
        guard let bytes = bytes(column) else { return nil }
        return EventStatus.allCases.first { $0.rawValue.utf8.elementsEqual(bytes) }
    }

    /// A date as GRDB stores one (`YYYY-MM-DD HH:MM:SS.SSS`, UTC), parsed in place; any other form (a value written
    /// by another tool) goes through GRDB's own decoding.
    func date(_ column: Int32) -> Date {
        if let bytes = bytes(column), let date = Self.storedDate(bytes) { return date }
        return Date.fromDatabaseValue(DatabaseValue(sqliteStatement: statement, index: column)) ?? Date(timeIntervalSince1970: 0)
    }

    /// `YYYY-MM-DD HH:MM:SS.SSS` (the fraction optional, up to three digits) as GRDB writes dates; nil for anything else.
    static func storedDate(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count >= 19, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var n = 0
            for i in from..<(from + count) {
                let d = Int(b[i]) - 48
                guard (0...9).contains(d) else { return nil }
                n = n * 10 + d
            }
            return n
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
              let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        var milliseconds = 0
        if b.count > 19 {
            guard b[19] == UInt8(ascii: "."), (21...23).contains(b.count), let fraction = number(20, b.count - 20) else { return nil }
            milliseconds = fraction * [100, 10, 1][b.count - 21]
        }
        let days = CivilDay.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second
        // Counted from 2001 as `Date` stores it, the fraction added last: the same Double as GRDB's decoding gives.
        return Date(timeIntervalSinceReferenceDate: Double(seconds - 978_307_200) + Double(milliseconds) / 1000)
    }
}
