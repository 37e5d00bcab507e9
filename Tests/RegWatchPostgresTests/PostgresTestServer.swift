import Foundation
import PostgresNIO
import RegWatchPostgres
import RegWatchStore
import RegWatchTestSupport
import Testing

/// The PostgreSQL server of the tests: `$REGWATCH_TEST_POSTGRES`, a `postgres://` URL of a role that may create
/// databases. Without it the PostgreSQL tests are skipped, with `skipMessage`.
enum PostgresTestServer {
    static let url: PostgresURL? = ProcessInfo.processInfo.environment["REGWATCH_TEST_POSTGRES"].flatMap { try? PostgresURL($0) }

    static let skipMessage: Comment = """
        PostgreSQL tests skipped: set REGWATCH_TEST_POSTGRES to a server's URL to run them, e.g. \
        eval "$(scripts/postgres-test-server start)" && swift test (scripts/test and .ci/run do this)
        """

    static var available: Bool { url != nil }

    /// A new, empty database on the test server; its URL. Each test that writes gets its own, so tests run in parallel.
    static func freshDatabase() throws -> PostgresURL {
        guard let url else { throw PostgresStoreError(.badURL("REGWATCH_TEST_POSTGRES is not set"), location: "tests") }
        let name = "regwatch_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let admin = try PostgresSession.connect(url)
        defer { admin.close() }
        // The name is made of hex digits: safe to write into the statement, where no bind can stand.
        try admin.execute(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        return url.with(database: name)
    }

    /// Drops a database made by `freshDatabase`.
    static func drop(_ database: PostgresURL) {
        guard let url, let admin = try? PostgresSession.connect(url) else { return }
        defer { admin.close() }
        try? admin.execute(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(database.database) WITH (FORCE)"))
    }
}

/// The store the conformance suite asks: the bundled samples pulled by the built `regwatch` into a SQLite file,
/// and the same store copied into a fresh PostgreSQL database by `StoreCopy`. Made once for the whole run.
struct SampleStores: Sendable {
    let sqlite: RegWatchStore
    let postgres: PostgresStore
    let report: StoreCopy.Report

    static let shared: Result<SampleStores, any Error> = Result { try make() }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func make() throws -> SampleStores {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("regwatch-conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("samples.sqlite").path
        guard regwatchBinary != nil else { throw SampleStoreError(reason: "no regwatch binary: build with 'swift build --build-tests'") }
        let pulled = try runRegwatch(["pull", "--quiet", "--store", path], directory: repositoryRoot)
        guard pulled.code == 0 else { throw SampleStoreError(reason: "regwatch pull exited \(pulled.code): \(pulled.stderr)") }
        let sqlite = try RegWatchStore(readingAt: path)
        let postgres = try PostgresStore(url: try PostgresTestServer.freshDatabase(), migrate: true)
        let report = try StoreCopy.copy(from: sqlite, to: postgres)
        return SampleStores(sqlite: sqlite, postgres: postgres, report: report)
    }
}

struct SampleStoreError: Error, CustomStringConvertible {
    var reason: String
    var description: String { "cannot make the sample stores: \(reason)" }
}
