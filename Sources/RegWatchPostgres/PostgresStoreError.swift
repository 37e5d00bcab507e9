/// A PostgreSQL store problem, naming the store (its URL without the password) and what to do.
public struct PostgresStoreError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// `--store` or `REGWATCH_STORE` is not a usable `postgres://` URL.
        case badURL(String)
        /// The server cannot be reached, or refused the login.
        case cannotConnect(String)
        /// The database has not been given regwatch's tables yet, or misses newer migrations.
        case notMigrated(missing: [String])
        /// A statement failed on the server: its SQLSTATE, message and the statement's first line.
        case server(sqlState: String, message: String, statement: String)
        /// `store copy` needs an empty target.
        case notEmpty(String)
        /// `store copy` read back other counts than it wrote.
        case countMismatch(table: String, source: Int, target: Int)
    }
    public var kind: Kind
    /// The store's URL without password, or the SQLite path.
    public var location: String

    public init(_ kind: Kind, location: String) {
        self.kind = kind
        self.location = location
    }

    public var description: String {
        switch kind {
        case .badURL(let reason):
            return "\(location): not a PostgreSQL store address: \(reason)"
        case .cannotConnect(let reason):
            return "\(location): cannot connect to PostgreSQL: \(reason); check that the server runs and accepts this user "
                + "(scripts/postgres-test-server starts one on 127.0.0.1 for tests)"
        case .notMigrated(let missing):
            return "\(location): the database lacks regwatch's tables (\(missing.count) migration(s) missing, the first "
                + "\(missing.first ?? "?")); run 'regwatch store migrate --store \(location)' or copy a store into it "
                + "with 'regwatch store copy --to \(location)'"
        case .server(let sqlState, let message, let statement):
            return "\(location): PostgreSQL error \(sqlState): \(message) - while executing \(statement)"
        case .notEmpty(let what):
            return "\(location): \(what); 'regwatch store copy' copies into an empty store only"
        case .countMismatch(let table, let source, let target):
            return "\(location): copy not verified: table \(table) has \(target) rows, the source \(source)"
        }
    }
}
