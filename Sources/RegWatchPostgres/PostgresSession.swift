// One connection to the server, used synchronously: the store's interface is synchronous (as GRDB's is), so each
// statement runs on the connection's NIO event loop and the calling thread waits for its future. That thread is never
// an event loop thread (the CLI's main thread, or a task of the cooperative pool), so `wait()` is allowed, and the
// work itself runs on NIO's threads rather than on the two threads of the cooperative pool.
import Foundation
import Logging
import PostgresNIO

/// A connection to the store's database, with statements that throw `PostgresStoreError` naming the store.
public struct PostgresSession: Sendable {
    let owner: ConnectionOwner
    var connection: PostgresConnection { owner.connection }
    let logger: Logger
    /// The URL without password, for messages.
    public let location: String

    /// Connects to `url`.
    /// - Throws: `PostgresStoreError.cannotConnect` with the reason (never the password).
    public static func connect(_ url: PostgresURL, logger: Logger = Logger(label: "regwatch.postgres")) throws -> PostgresSession {
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch url.tls {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw PostgresStoreError(.cannotConnect("TLS: \(error)"), location: url.description)
        }
        var configuration = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user,
                                                             password: url.password, database: url.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        do {
            let connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(),
                                                            configuration: configuration, id: 1, logger: logger).wait()
            return PostgresSession(owner: ConnectionOwner(connection), logger: logger, location: url.description)
        } catch let error as PSQLError {
            throw PostgresStoreError(.cannotConnect(Self.reason(error)), location: url.description)
        } catch {
            throw PostgresStoreError(.cannotConnect("\(error)"), location: url.description)
        }
    }

    /// Closes the connection now (it is closed anyway when the last copy of the session goes).
    public func close() {
        owner.close()
    }

    /// Runs `query` and returns its rows.
    @discardableResult
    public func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
        do {
            return try connection.query(query, logger: logger).wait().rows
        } catch let error as PSQLError {
            throw translate(error, query.sql)
        }
    }

    /// Runs `query`, handing `body` each row as it arrives (a large read is never held whole).
    public func forEachRow(_ query: PostgresQuery, _ body: @escaping @Sendable (PostgresRow) throws -> Void) throws {
        do {
            _ = try connection.query(query, logger: logger, body).wait()
        } catch let error as PSQLError {
            throw translate(error, query.sql)
        }
    }

    /// Runs a statement whose rows do not matter.
    public func execute(_ query: PostgresQuery) throws {
        try rows(query)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The first column of the first row, decoded as `T`; nil when there is no row or it is NULL.
    public func scalar<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) throws -> T? {
        guard let row = try rows(query).first else { return nil }
        let cell = row.makeRandomAccess()[0]
        guard cell.bytes != nil else { return nil }
        return try decoding(query.sql) { try cell.decode(T.self) }
    }

    /// Runs `body`, turning a decoding error into a store error that names the statement.
    func decoding<T>(_ sql: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresDecodingError {
            throw PostgresStoreError(.server(sqlState: "decoding", message: "column \(error.columnName) of type \(error.postgresType): "
                                             + "\(error.code)", statement: Self.firstLine(sql)), location: location)
        }
    }

    func translate(_ error: PSQLError, _ sql: String) -> PostgresStoreError {
        if let info = error.serverInfo {
            return PostgresStoreError(.server(sqlState: info[.sqlState] ?? "?", message: info[.message] ?? "\(error.code)",
                                              statement: Self.firstLine(sql)), location: location)
        }
        return PostgresStoreError(.cannotConnect(Self.reason(error)), location: location)
    }

    static func reason(_ error: PSQLError) -> String {
        if let info = error.serverInfo { return "\(info[.sqlState] ?? "?"): \(info[.message] ?? "")" }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }

    static func firstLine(_ sql: String) -> String {
        let line = sql.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return line.count > 120 ? String(line.prefix(120)) + "…" : line
    }
}

/// Owns the connection of a session and its copies, and closes it when the last of them goes: a command that reads a
/// store holds an `any StoreReading` and never says when it is done. PostgresNIO wants every connection closed before
/// it is released (an assertion in debug builds).
final class ConnectionOwner: Sendable {
    let connection: PostgresConnection

    init(_ connection: PostgresConnection) { self.connection = connection }

    func close() {
        guard !connection.isClosed else { return }
        // Released on the thread of the last reader (the CLI's, or a task's), never an event loop's: waiting is allowed.
        try? connection.close().wait()
    }

    deinit { close() }
}

extension PostgresSession {
    /// Runs a statement about a database (`CREATE DATABASE`, `DROP DATABASE`), where no bind can stand for the name:
    /// `%@` in `template` becomes `name` quoted as an identifier.
    public func execute(name: String, _ template: String) throws {
        let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        try execute(PostgresQuery(unsafeSQL: template.replacingOccurrences(of: "%@", with: quoted)))
    }
}
