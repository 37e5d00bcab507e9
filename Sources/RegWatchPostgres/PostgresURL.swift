// The `postgres://` store address of `--store` and `REGWATCH_STORE` (issue 15), the form libpq and psql accept:
//   postgres[ql]://user[:password]@host[:port]/database[?sslmode=disable|prefer|require]
// https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-CONNSTRING
// The password may also come from PGPASSWORD. It is never shown: `description` is the URL without it.
import Foundation

/// Where a PostgreSQL store is: the parsed `postgres://` URL of `--store`.
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, Hashable {
        case disable, prefer, require
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode

    /// Whether `text` names a PostgreSQL store rather than a SQLite file.
    public static func isPostgres(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// Parses a `postgres://` URL.
    /// - Throws: `PostgresStoreError.badURL` saying what is missing, without the password.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isPostgres(text), let components = URLComponents(string: text) else {
            throw PostgresStoreError(.badURL("not a postgres://user@host[:port]/database URL"), location: Self.redact(text))
        }
        guard let user = components.user?.removingPercentEncoding, !user.isEmpty else {
            throw PostgresStoreError(.badURL("no user: write postgres://USER@host/database"), location: Self.redact(text))
        }
        guard let host = components.host, !host.isEmpty else {
            throw PostgresStoreError(.badURL("no host: write postgres://user@HOST/database"), location: Self.redact(text))
        }
        let database = String(components.path.drop { $0 == "/" }).removingPercentEncoding ?? ""
        guard !database.isEmpty, !database.contains("/") else {
            throw PostgresStoreError(.badURL("no database: write postgres://user@host/DATABASE"), location: Self.redact(text))
        }
        var tls = TLSMode.disable
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode" else {
                throw PostgresStoreError(.badURL("unknown parameter '\(item.name)'; only sslmode is read"), location: Self.redact(text))
            }
            guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                throw PostgresStoreError(.badURL("sslmode '\(item.value ?? "")' is not disable, prefer or require"),
                                         location: Self.redact(text))
            }
            tls = mode
        }
        self.user = user
        self.password = components.password?.removingPercentEncoding ?? environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        self.host = host
        self.port = components.port ?? 5432
        self.database = database
        self.tls = tls
    }

    /// The URL without its password: what messages show.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)\(password == nil ? "" : ":***")@\(shownHost):\(port)/\(database)"
            + (tls == .disable ? "" : "?sslmode=\(tls.rawValue)")
    }

    /// The same server, another database (the tests make one per test).
    public func with(database: String) -> PostgresURL {
        var copy = self
        copy.database = database
        return copy
    }

    /// `text` with anything between `://user:` and `@` replaced by `***`, for messages about a URL that did not parse.
    public static func redact(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].lastIndex(of: "@") else { return text }
        let userinfo = text[scheme.upperBound..<at]
        guard let colon = userinfo.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
