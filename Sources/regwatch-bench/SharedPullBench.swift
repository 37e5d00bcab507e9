import ArgumentParser
import Foundation
import Hummingbird
import RegWatchPostgres
import RegWatchStore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// `regwatch-bench pullers`: issue 15's shared-work figures. `--feeds` generated feeds (events in their text) are
/// served by a local Hummingbird server that counts the requests of each feed and answers after `--delay-ms`, as a
/// remote server would. Then, each in a fresh PostgreSQL database:
///
/// 1. 1, 2 and 4 `regwatch pull` processes at once against one database: wall time for each N; every feed fetched
///    exactly once (the server's count); every article stored once; and the stored events, companies and digest
///    those of one `regwatch pull` into a SQLite file (run first, as the reference).
/// 2. Faults: three pullers with a short lease, one killed with SIGKILL in mid-pull; the other two take its leased
///    feeds over when the lease runs out: nothing lost (every article stored, same events as the reference) and
///    nothing doubled (no article twice); the feeds fetched twice are those the killed puller held.
struct SharedPullBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pullers",
        abstract: "Several regwatch pull processes sharing one PostgreSQL store: 1, 2, 4 pullers, and one killed.",
        discussion: """
            Targets (issue 15): every feed fetched exactly once per due time, no duplicate articles or events, the \
            same stored events as one SQLite pull; after kill -9 of one of three pullers its feeds are pulled by the \
            others after the lease, nothing lost or doubled.

            Example: regwatch-bench pullers --postgres postgres://regwatch@127.0.0.1:55432/regwatch
            """)

    @Option(help: ArgumentHelp("A PostgreSQL server's URL whose user may create databases; the bench makes and drops its own.",
                               valueName: "url"))
    var postgres: String
    @Option(help: "Feeds served.") var feeds = 2000
    @Option(name: .customLong("items-per-feed"), help: "Items per feed.") var itemsPerFeed = 3
    @Option(help: "Puller counts to run, comma-separated.") var pullers = "1,2,4"
    @Option(name: .customLong("delay-ms"), help: "Milliseconds the server waits before each answer.") var delayMs = 20
    @Option(help: "Feeds each puller fetches at a time.") var jobs = 8
    @Option(help: "The regwatch executable (default: the one next to this bench).") var regwatch: String?
    @Flag(name: .customLong("skip-kill"), help: "Skip the kill -9 run.") var skipKill = false

    func run() async throws {
        let binary = regwatch ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("regwatch").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw ValidationError("no regwatch executable at \(binary): build it (swift build -c release --product regwatch) or pass --regwatch")
        }
        let admin = try PostgresURL(postgres)
        let bodies = (0..<feeds).map(feedBody)
        let hits = Mutex([Int](repeating: 0, count: feeds))
        let delay = Duration.milliseconds(delayMs)
        let router = Router()
        router.get("feed/:n") { _, context -> Response in
            let n = Int(context.parameters.get("n") ?? "") ?? -1
            guard bodies.indices.contains(n) else { return Response(status: .notFound) }
            hits.withLock { $0[n] += 1 }
            try await Task.sleep(for: delay)
            return Response(status: .ok, headers: [.contentType: "application/feed+json"], body: .init(byteBuffer: ByteBuffer(string: bodies[n])))
        }
        let ready = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { ready.continuation.yield($0.localAddress?.port ?? 0) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var it = ready.stream.makeAsyncIterator()
            guard let port = await it.next() else { return }
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("regwatch-pullers-\(getpid())")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let list = dir.appendingPathComponent("feeds.txt").path
            try (0..<feeds).map { "http://127.0.0.1:\(port)/feed/\($0)" }.joined(separator: "\n").write(toFile: list, atomically: true, encoding: .utf8)
            print("\(feeds) feeds of \(itemsPerFeed) items on a local server answering after \(delayMs) ms; regwatch pull --jobs \(jobs)")

            // The reference: one pull into a SQLite file.
            hits.withLock { $0 = [Int](repeating: 0, count: feeds) }
            let sqlite = dir.appendingPathComponent("reference.sqlite").path
            let reference = try await runPullers(1, binary: binary, store: sqlite, list: list)
            let expected = try answers(binary: binary, store: sqlite)
            print(String(format: "SQLite, 1 puller:     %6.1f s  %@", reference.seconds, fetchLine(hits.withLock { $0 })))

            for n in pullers.split(separator: ",").compactMap({ Int($0) }) {
                let url = try freshDatabase(admin, name: "regwatch_pullers_\(n)")
                hits.withLock { $0 = [Int](repeating: 0, count: feeds) }
                let result = try await runPullers(n, binary: binary, store: url.description, list: list)
                let counts = hits.withLock { $0 }
                let same = try answers(binary: binary, store: url.description) == expected
                let articles = try articleCheck(url)
                print(String(format: "PostgreSQL, %d puller%@: %6.1f s  %@; %@; events, companies and digest %@ SQLite's%@", n,
                             n == 1 ? " " : "s", result.seconds, fetchLine(counts), articles,
                             same ? "identical to" : "DIFFERENT from", result.failures.isEmpty ? "" : "; FAILED: \(result.failures)"))
                dropDatabase(admin, url)
            }

            if !skipKill {
                let url = try freshDatabase(admin, name: "regwatch_pullers_kill")
                hits.withLock { $0 = [Int](repeating: 0, count: feeds) }
                let lease = 5.0
                let started = Date()
                let processes = try (0..<3).map { _ in try launch(binary, ["pull", "--quiet", "--jobs", String(jobs), "--lease", String(lease),
                                                                            "--feeds", list, "--store", url.description]) }
                // Killed once a quarter of the feeds were asked for, while it holds leases.
                while hits.withLock({ $0.reduce(0, +) }) < feeds / 4 { try await Task.sleep(for: .milliseconds(20)) }
                let victim = processes[1]
                kill(victim.processIdentifier, SIGKILL)
                let killedAt = Date().timeIntervalSince(started)
                for p in processes { p.waitUntilExit() }
                let seconds = Date().timeIntervalSince(started)
                let counts = hits.withLock { $0 }
                let survivors = [processes[0], processes[2]].map(\.terminationStatus)
                let same = try answers(binary: binary, store: url.description) == expected
                // A feed asked for twice is one the killed puller held (claimed, maybe fetched, not stored): taken over.
                print(String(format: "kill -9 of 1 of 3 pullers at %.1f s (lease %.0f s): the others exited %@ after %.1f s; %@ "
                             + "(the killed puller's, taken over after its lease); %@; events, companies and digest %@ SQLite's",
                             killedAt, lease, "\(survivors)", seconds, fetchLine(counts), try articleCheck(url),
                             same ? "identical to" : "DIFFERENT from"))
                dropDatabase(admin, url)
            }
            group.cancelAll()
        }
    }

    /// A JSON Feed whose items state events about a few companies (the bundled extractor finds them).
    func feedBody(_ n: Int) -> String {
        let companies = ["Anthropic", "ByteDance", "Alibaba", "Tencent", "Huawei", "OpenAI", "Google", "Apple", "Temu", "DeepSeek"]
        let verbs = ["has blocked", "banned", "fined", "is suing", "restricted exports to"]
        let items = (0..<itemsPerFeed).map { i -> [String: String] in
            let a = companies[(n * 7 + i * 3) % companies.count]
            let b = companies[(n * 3 + i * 5 + 1) % companies.count]
            let verb = verbs[(n + i) % verbs.count]
            let day = 1 + (n + i * 11) % 28
            return ["id": "f\(n)-\(i)", "url": "https://outlet\(n).example/\(i)", "title": "\(a) and \(b), story \(n)-\(i)",
                    "content_text": "\(a) \(verb) \(b) on Monday, officials said in story \(n)-\(i).",
                    "date_published": String(format: "2026-06-%02dT12:00:00Z", day)]
        }
        let feed: [String: Any] = ["version": "https://jsonfeed.org/version/1.1", "title": "Outlet \(n)", "items": items]
        return String(decoding: (try? JSONSerialization.data(withJSONObject: feed, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
    }

    func fetchLine(_ counts: [Int]) -> String {
        let once = counts.filter { $0 == 1 }.count
        let never = counts.filter { $0 == 0 }.count
        let twice = counts.filter { $0 > 1 }.count
        return "\(once) feeds fetched once, \(twice) more than once, \(never) never"
    }

    /// Stored articles against the feeds' items, and any stored twice.
    func articleCheck(_ url: PostgresURL) throws -> String {
        let store = try PostgresStore(url: url, migrate: false)
        defer { store.close() }
        let listing = try store.articles(ArticleQuery())
        let distinct = Set(listing.map { "\($0.feed)|\($0.guid ?? "")" }).count
        return "\(listing.count) of \(feeds * itemsPerFeed) articles stored, \(listing.count - distinct) twice"
    }

    /// What the reference is compared on: `events`, `companies` and `digest` as JSON and text.
    func answers(binary: String, store: String) throws -> [String] {
        try [["events", "--format", "json"], ["companies", "--format", "json"], ["digest", "--week", "2026-W24"]].map { command in
            try runChild(binary, command + ["--store", store], capture: true)
        }
    }

    func runPullers(_ n: Int, binary: String, store: String, list: String) async throws -> (seconds: Double, failures: [Int32]) {
        let started = Date()
        let processes = try (0..<n).map { _ in
            try launch(binary, ["pull", "--quiet", "--jobs", String(jobs), "--feeds", list, "--store", store])
        }
        for p in processes { p.waitUntilExit() }
        return (Date().timeIntervalSince(started), processes.map(\.terminationStatus).filter { $0 != 0 })
    }

    func launch(_ binary: String, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        try process.run()
        return process
    }

    func freshDatabase(_ admin: PostgresURL, name: String) throws -> PostgresURL {
        let session = try PostgresSession.connect(admin)
        defer { session.close() }
        try session.execute(name: name, "DROP DATABASE IF EXISTS %@ WITH (FORCE)")
        try session.execute(name: name, "CREATE DATABASE %@")
        return admin.with(database: name)
    }

    func dropDatabase(_ admin: PostgresURL, _ url: PostgresURL) {
        guard let session = try? PostgresSession.connect(admin) else { return }
        defer { session.close() }
        try? session.execute(name: url.database, "DROP DATABASE IF EXISTS %@ WITH (FORCE)")
    }
}
