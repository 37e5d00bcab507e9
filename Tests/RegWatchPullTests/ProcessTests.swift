import Foundation
import RegWatchStore
import RegWatchTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A running `regwatch` process and its captured output.
final class RegWatchProcess: @unchecked Sendable {  // Process is not Sendable; only the test task touches it.
    let process = Process()
    let stderr = Pipe()
    let stdout = Pipe()

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: regwatchBinary!)
        process.arguments = arguments
        process.standardError = stderr
        process.standardOutput = stdout
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    func kill9() { kill(process.processIdentifier, SIGKILL) }

    func wait() -> (code: Int32, stderr: String) {
        process.waitUntilExit()
        let err = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, err)
    }
}

private func workspace() throws -> (dir: URL, store: String, feeds: String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rw-proc-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return (dir, dir.appendingPathComponent("store.sqlite").path, dir.appendingPathComponent("feeds.txt").path)
}

private func slowFeeds(delay: Duration) -> FeedServer.Handler {
    { request in
        let n = Int(request.path.dropFirst(2)) ?? 0  // "/f12"
        let items = (1...20).map { i in
            (guid: Optional("f\(n)-\(i)"), link: Optional("https://example.org/\(n)/\(i)"), title: "Feed \(n) item \(i)",
             text: "Item \(i) of feed \(n): " + story(n * 100 + i))
        }
        return ServedResponse(rss(title: "Feed \(n)", items: items), delay: delay)
    }
}

@Suite("regwatch pull as a process", .serialized,
       .enabled(if: regwatchBinary != nil, "build the CLI first (swift build --product regwatch) or set REGWATCH_BINARY"))
struct ProcessTests {
    @Test("kill -9 during a pull leaves a consistent store, and the next pull finishes without duplicates")
    func killDuringPull() async throws {
        let (_, store, feeds) = try workspace()
        try await FeedServer.with(slowFeeds(delay: .milliseconds(150))) { server in
            try Data((1...30).map { server.url("/f\($0)") }.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: feeds))
            var sawPartial = false
            var unfinishedBeforeFinish = 0
            for round in 0..<3 {
                let before = try RegWatchStore(path: store).stats().articles
                let pull = try RegWatchProcess(["pull", "--store", store, "--feeds", feeds, "--quiet", "--jobs", "4"])
                // Time each kill from the moment the pull holds the store, so a slow process start on a busy machine
                // does not move it: the first round kills before anything is written; the others right after the
                // pull has committed its first feeds (30 feeds of 150 ms at 4 at a time take at least 1.1 s, so the
                // kill lands while most are still to come).
                for _ in 0..<500 where StoreLock.holder(storePath: store) != pull.pid { try await Task.sleep(for: .milliseconds(10)) }
                if round == 0 {
                    try await Task.sleep(for: .milliseconds(50))
                } else {
                    let watcher = try RegWatchStore(path: store)
                    for _ in 0..<1000 where try watcher.stats().articles == before { try await Task.sleep(for: .milliseconds(5)) }
                }
                pull.kill9()
                _ = pull.wait()
                let opened = try RegWatchStore(path: store)
                #expect(try opened.integrityCheck() == "ok")
                // Each feed is all or nothing: 0 or 20 articles.
                let perFeed = try opened.read { db in
                    try Int.fetchAll(db, sql: "SELECT COUNT(a.id) FROM feed f LEFT JOIN article a ON a.feedId = f.id GROUP BY f.id")
                }
                #expect(perFeed.allSatisfy { $0 == 0 || $0 == 20 }, "\(perFeed)")
                let complete = perFeed.filter { $0 == 20 }.count
                if complete > 0 && complete < 30 { sawPartial = true }
                // A killed run never claims to have ended.
                let lastEnded = try opened.read { db in
                    try Row.fetchOne(db, sql: "SELECT endedAt FROM pullRun ORDER BY id DESC LIMIT 1").map { $0["endedAt"] as Date? }
                }
                if complete < 30, let lastEnded { #expect(lastEnded == nil, "the killed run in round \(round) is marked ended") }
                unfinishedBeforeFinish = try opened.read { db in
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pullRun WHERE endedAt IS NULL") ?? 0
                }
            }
            #expect(sawPartial, "a kill landed in the middle of a pull")
            #expect(unfinishedBeforeFinish >= 1)
            let finish = try RegWatchProcess(["pull", "--store", store, "--feeds", feeds, "--quiet"])
            let result = finish.wait()
            #expect(result.code == 0, "\(result.stderr)")
            let opened = try RegWatchStore(path: store)
            #expect(try opened.integrityCheck() == "ok")
            #expect(try opened.stats().articles == 600)
            let repeated = try opened.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT canonicalURL FROM article GROUP BY canonicalURL HAVING COUNT(*) > 1)")
            }
            #expect(repeated == 0)
            // The finishing run ended; the killed ones stay on record as unfinished.
            #expect(try opened.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pullRun WHERE endedAt IS NULL") }
                    == unfinishedBeforeFinish)
            #expect(try opened.read { db in
                try Row.fetchOne(db, sql: "SELECT endedAt FROM pullRun ORDER BY id DESC LIMIT 1").flatMap { $0["endedAt"] as Date? }
            } != nil)
        }
    }

    @Test("a second pull waits for the first, or with --no-wait exits 4 naming the holder's pid")
    func twoPulls() async throws {
        let (_, store, feeds) = try workspace()
        try await FeedServer.with(slowFeeds(delay: .milliseconds(300))) { server in
            try Data((1...8).map { server.url("/f\($0)") }.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: feeds))
            let first = try RegWatchProcess(["pull", "--store", store, "--feeds", feeds, "--quiet"])
            // Wait until the first pull holds the lock.
            for _ in 0..<100 where StoreLock.holder(storePath: store) != first.pid { try await Task.sleep(for: .milliseconds(20)) }
            #expect(StoreLock.holder(storePath: store) == first.pid)
            let refused = try RegWatchProcess(["pull", "--store", store, "--feeds", feeds, "--no-wait"]).wait()
            #expect(refused.code == 4)
            #expect(refused.stderr.contains("locked by process \(first.pid)"))
            let second = try RegWatchProcess(["pull", "--store", store, "--feeds", feeds, "--quiet", "--force"])
            let a = first.wait()
            let b = second.wait()
            #expect(a.code == 0 && b.code == 0, "\(a.stderr) \(b.stderr)")
            let opened = try RegWatchStore(path: store)
            #expect(try opened.stats().articles == 160)
            let runs = try opened.read { db in
                try Row.fetchAll(db, sql: "SELECT startedAt, endedAt FROM pullRun ORDER BY id").map {
                    (start: $0["startedAt"] as Date, end: $0["endedAt"] as Date?)
                }
            }
            #expect(runs.count == 2)
            // The waiting pull started its work only after the first had ended.
            #expect(runs.count == 2 && runs[1].start >= runs[0].end!)
        }
    }

    @Test("a lock left by a killed pull never blocks the next one")
    func staleLock() async throws {
        let (_, store, feeds) = try workspace()
        try await FeedServer.with(slowFeeds(delay: .seconds(2))) { server in
            try Data(server.url("/f1").utf8).write(to: URL(fileURLWithPath: feeds))
            let first = try RegWatchProcess(["pull", "--store", store, "--feeds", feeds, "--quiet"])
            for _ in 0..<100 where StoreLock.holder(storePath: store) != first.pid { try await Task.sleep(for: .milliseconds(20)) }
            first.kill9()
            _ = first.wait()
            server.handle(slowFeeds(delay: .zero))
            let next = try RegWatchProcess(["pull", "--store", store, "--feeds", feeds, "--no-wait", "--quiet"]).wait()
            #expect(next.code == 0, "\(next.stderr)")
        }
    }

    @Test("exits 1 when some feeds failed, 3 for a malformed feed list, 2 for a bad flag")
    func exitCodes() async throws {
        let (_, store, feeds) = try workspace()
        try await FeedServer.with({ request in
            request.path == "/ok" ? ServedResponse(rss(items: [(guid: "1", link: nil, title: "t", text: "x")])) : ServedResponse(status: 500)
        }) { server in
            try Data("\(server.url("/ok"))\n\(server.url("/bad"))\n".utf8).write(to: URL(fileURLWithPath: feeds))
            let partial = try RegWatchProcess(["pull", "--store", store, "--feeds", feeds]).wait()
            #expect(partial.code == 1)
            #expect(partial.stderr.contains("/bad: HTTP 500"))
            try Data("\(server.url("/ok")) colour=red\n".utf8).write(to: URL(fileURLWithPath: feeds))
            let malformed = try RegWatchProcess(["pull", "--store", store, "--feeds", feeds]).wait()
            #expect(malformed.code == 3)
            #expect(malformed.stderr.contains("feeds.txt:1: unknown option 'colour'"))
            let usage = try RegWatchProcess(["pull", "--jobs", "0"]).wait()
            #expect(usage.code == 2)
        }
    }
}

import GRDB
