// `regwatch store copy` (issue 15): moves a whole store from SQLite into an empty PostgreSQL database, or back into a
// new SQLite file, table by table in one transaction on each side, and checks the row counts of every table after.
//
// The columns copied are those of the PostgreSQL schema (information_schema), less its generated ones (the text search
// vector, which PostgreSQL computes); both engines' migrations create the same columns under the same names, and
// SQLite matches names without regard to case, as PostgreSQL folds them. Values go by the PostgreSQL column's type:
// SQLite keeps dates as GRDB's text, PostgreSQL as timestamptz, and both read back the same `Date`.
import Foundation
import GRDB
import PostgresNIO
import RegWatchStore

/// Copies every table of one store into an empty store of the other engine, and verifies the counts.
public enum StoreCopy {
    /// The tables copied, parents before children (foreign keys are deferred anyway on the PostgreSQL side).
    public static let tables = ["feed", "article", "articleBand", "pullRun", "event", "mention", "eventEntity", "entityStat",
                                "eventRelation", "articleExtraction", "watchMention", "eventAlert", "eventGroup"]
    /// The tables whose `id` is a bigserial: their sequence restarts after the highest id copied.
    static let serialTables = ["feed", "article", "pullRun", "mention", "watchMention"]

    /// Rows copied per table, in copy order.
    public struct Report: Sendable, Hashable {
        public var rows: [String: Int] = [:]
        public var total: Int { rows.values.reduce(0, +) }
    }

    /// One value on its way between the engines.
    enum Value {
        case null, int(Int64), text(String), double(Double), date(Date), bytes(Data), bool(Bool)
    }

    enum Kind: Sendable {
        case int, text, double, date, bytes, bool

        init(postgresType: String, table: String, column: String, location: String) throws {
            switch postgresType {
            case "bigint", "integer", "smallint": self = .int
            case "text", "character varying": self = .text
            case "double precision", "real": self = .double
            case "timestamp with time zone", "timestamp without time zone": self = .date
            case "bytea": self = .bytes
            case "boolean": self = .bool
            default:
                throw PostgresStoreError(.server(sqlState: "copy", message: "column \(table).\(column) has type \(postgresType), "
                                                 + "which store copy does not know", statement: "store copy"), location: location)
            }
        }
    }

    /// The copied columns of `table`: name and kind, in the PostgreSQL table's order.
    static func columns(_ table: String, _ pg: PostgresStore) throws -> [(name: String, kind: Kind)] {
        let rows = try pg.session.rows("""
            SELECT column_name::text, data_type::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = \(table.lowercased()) AND is_generated = 'NEVER'
            ORDER BY ordinal_position
            """)
        return try rows.map { row in
            let (name, type) = try pg.session.decoding("information_schema") { try row.decode((String, String).self) }
            return (name, try Kind(postgresType: type, table: table, column: name, location: pg.location))
        }
    }

    // MARK: SQLite → PostgreSQL

    /// Copies `source` into `target`, which must hold no rows, in one PostgreSQL transaction; then compares counts.
    /// - Throws: `PostgresStoreError.notEmpty` when the target has rows, `.countMismatch` when a count differs after.
    public static func copy(from source: RegWatchStore, to target: PostgresStore,
                            progress: (String, Int) -> Void = { _, _ in }) throws -> Report {
        try requireEmpty(target)
        var report = Report()
        try target.session.transaction {
            for table in tables {
                let columns = try columns(table, target)
                let names = columns.map(\.name).joined(separator: ", ")
                let kinds = columns.map(\.kind)
                // A multi-row INSERT per batch, under PostgreSQL's 65,535 parameters.
                let batchSize = max(1, min(1000, 30_000 / max(1, columns.count)))
                let session = target.session
                let count = try source.read { db -> Int in
                    var batch: [[Value]] = []
                    var count = 0
                    let cursor = try Row.fetchCursor(db, sql: "SELECT \(names) FROM \(table)")
                    while let row = try cursor.next() {
                        batch.append(kinds.indices.map { sqliteValue(row, $0, kinds[$0]) })
                        if batch.count == batchSize { try insert(batch, into: table, names: names, session); count += batch.count; batch = [] }
                    }
                    if !batch.isEmpty { try insert(batch, into: table, names: names, session); count += batch.count }
                    return count
                }
                report.rows[table] = count
                progress(table, count)
            }
            for table in serialTables {
                try target.session.execute(PostgresQuery(unsafeSQL: """
                    SELECT setval(pg_get_serial_sequence('\(table.lowercased())', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL)
                    FROM \(table)
                    """))
            }
        }
        try verify(report, counts: { table in try source.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 } },
                   location: source.location)
        try verify(report, counts: { try pgCount($0, target) }, location: target.location)
        // Statistics for the planner now, rather than when autovacuum gets to the new tables: a bulk load leaves none.
        // VACUUM too: rows just loaded are not yet marked all-visible, so until autovacuum reaches the new tables an
        // index-only scan (a digest's counted events, `events --company`'s entities) fetches every row from the
        // table as well, and a bulk load of millions of rows is what a copy is.
        try target.session.execute("VACUUM (ANALYZE)")
        return report
    }

    static func sqliteValue(_ row: Row, _ i: Int, _ kind: Kind) -> Value {
        let value = row[i] as DatabaseValue
        if value.isNull { return .null }
        switch kind {
        case .int: return (row[i] as Int64?).map(Value.int) ?? .null
        case .text: return (row[i] as String?).map(Value.text) ?? .null
        case .double: return (row[i] as Double?).map(Value.double) ?? .null
        case .date: return (row[i] as Date?).map(Value.date) ?? .null
        case .bytes: return (row[i] as Data?).map(Value.bytes) ?? .null
        case .bool: return (row[i] as Bool?).map(Value.bool) ?? .null
        }
    }

    static func insert(_ batch: [[Value]], into table: String, names: String, _ session: PostgresSession) throws {
        var binds = PostgresBindings()
        var tuples: [String] = []
        tuples.reserveCapacity(batch.count)
        for row in batch {
            var marks: [String] = []
            for value in row {
                switch value {
                case .null: binds.appendNull()
                case .int(let v): binds.append(v)
                case .text(let v): binds.append(v)
                case .double(let v): binds.append(v)
                case .date(let v): binds.append(v)
                case .bytes(let v): binds.append(ByteBuffer(bytes: v))
                case .bool(let v): binds.append(v)
                }
                marks.append("$\(binds.count)")
            }
            tuples.append("(" + marks.joined(separator: ", ") + ")")
        }
        try session.execute(PostgresQuery(unsafeSQL: "INSERT INTO \(table) (\(names)) VALUES " + tuples.joined(separator: ", "),
                                          binds: binds))
    }

    // MARK: PostgreSQL → SQLite

    /// Copies `source` into `target`, a new SQLite store (migrated, no rows), in one SQLite transaction read through a
    /// PostgreSQL cursor; rebuilds the full-text index; then compares counts.
    public static func copy(from source: PostgresStore, to target: RegWatchStore,
                            progress: (String, Int) -> Void = { _, _ in }) throws -> Report {
        let nonEmpty = try target.read { db in try tables.filter { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? 0 > 0 } }
        if let table = nonEmpty.first {
            throw PostgresStoreError(.notEmpty("table \(table) has rows"), location: target.location)
        }
        var report = Report()
        let plans = try tables.map { (table: $0, columns: try columns($0, source)) }
        let session = source.session
        try session.transaction {
            for plan in plans {
                let names = plan.columns.map(\.name).joined(separator: ", ")
                let kinds = plan.columns.map(\.kind)
                try session.execute(PostgresQuery(unsafeSQL: "DECLARE regwatch_copy NO SCROLL CURSOR FOR SELECT \(names) FROM \(plan.table)"))
                let count = try target.write { db -> Int in
                    let marks = Array(repeating: "?", count: kinds.count).joined(separator: ", ")
                    let statement = try db.makeStatement(sql: "INSERT INTO \(plan.table) (\(names)) VALUES (\(marks))")
                    var count = 0
                    while true {
                        let rows = try session.rows("FETCH 2000 FROM regwatch_copy")
                        for row in rows {
                            let cells = row.makeRandomAccess()
                            var values: [(any DatabaseValueConvertible)?] = []
                            values.reserveCapacity(kinds.count)
                            for (i, kind) in kinds.enumerated() {
                                values.append(try session.decoding(plan.table) { try databaseValue(cells[i], kind) })
                            }
                            try statement.execute(arguments: StatementArguments(values))
                        }
                        count += rows.count
                        if rows.count < 2000 { break }
                    }
                    return count
                }
                try session.execute("CLOSE regwatch_copy")
                report.rows[plan.table] = count
                progress(plan.table, count)
            }
        }
        try verify(report, counts: { try pgCount($0, source) }, location: source.location)
        // The SQLite store's FTS5 index is external content: rebuilt from `article` in one statement.
        _ = try target.write { db in try db.execute(sql: "INSERT INTO articleFTS(articleFTS) VALUES('rebuild')") }
        try verify(report, counts: { table in try target.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 } },
                   location: target.location)
        return report
    }

    static func databaseValue(_ cell: PostgresCell, _ kind: Kind) throws -> (any DatabaseValueConvertible)? {
        guard cell.bytes != nil else { return nil }
        switch kind {
        case .int: return try cell.decode(Int64.self)
        case .text: return try cell.decode(String.self)
        case .double: return try cell.decode(Double.self)
        case .date: return try cell.decode(Date.self)
        case .bytes: return try cell.decode(Data.self)
        case .bool: return try cell.decode(Bool.self)
        }
    }

    // MARK: Checks

    static func pgCount(_ table: String, _ store: PostgresStore) throws -> Int {
        try store.session.scalar(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(table)"), as: Int.self) ?? 0
    }

    static func requireEmpty(_ store: PostgresStore) throws {
        for table in tables where try pgCount(table, store) > 0 {
            throw PostgresStoreError(.notEmpty("table \(table) has rows"), location: store.location)
        }
    }

    /// Compares each table's count, in the source or in the target, with the rows copied.
    static func verify(_ report: Report, counts: (String) throws -> Int, location: String) throws {
        for table in tables {
            let copied = report.rows[table] ?? 0
            let found = try counts(table)
            if found != copied { throw PostgresStoreError(.countMismatch(table: table, source: copied, target: found), location: location) }
        }
    }
}
