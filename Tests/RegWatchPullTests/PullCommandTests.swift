import Foundation
import RegWatchStore
import RegWatchTestSupport
import Testing

/// A folder with a feed list naming one local JSON Feed, whose items a test rewrites between pulls.
private struct LocalFeed {
    let dir: URL
    let feed: URL
    let feeds: String
    let store: String

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("rw-pullcmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        feed = dir.appendingPathComponent("feed.json")
        feeds = dir.appendingPathComponent("feeds.txt").path
        store = dir.appendingPathComponent("store.sqlite").path
        try Data("\(feed.path)\n".utf8).write(to: URL(fileURLWithPath: feeds))
    }

    /// Writes the feed with these items (id, title, text).
    func write(_ items: [(String, String, String)]) throws {
        let entries = items.map { id, title, text in
            #"{"id": "\#(id)", "url": "https://local.example/\#(id)", "title": "\#(title)", "date_published": "2026-07-07T10:00:00Z", "content_text": "\#(text)"}"#
        }
        try Data((#"{"version": "https://jsonfeed.org/version/1.1", "title": "Local", "items": ["# + entries.joined(separator: ",") + "]}").utf8)
            .write(to: feed)
    }
}

private let banItem = ("ban", "China bans TikTok", "China banned TikTok on Monday, the regulator said.")

@Suite("regwatch pull: events, alerts and store failures", .serialized,
       .enabled(if: regwatchBinary != nil, "build the CLI first (swift build --product regwatch) or set REGWATCH_BINARY"))
struct PullCommandTests {
    @Test("a new feed's backlog is counted in the new events a pull reports, though it raises no alert")
    func backlogCounted() throws {
        let local = try LocalFeed()
        try local.write([banItem])
        let run = try runRegwatch(["pull", "--store", local.store, "--feeds", local.feeds, "--alert", "type=ban"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("1 new events"), "\(run.stdout)")
        #expect(!run.stdout.contains("alert ["))
    }

    @Test("an --alert-exec command that hangs is stopped after --alert-timeout and the pull ends")
    func alertTimeout() throws {
        let local = try LocalFeed()
        try local.write([("old", "A quiet day", "Nothing happened.")])
        #expect(try runRegwatch(["pull", "--store", local.store, "--feeds", local.feeds, "--quiet"]).code == 0)
        try local.write([("old", "A quiet day", "Nothing happened."), banItem])
        let clock = ContinuousClock()
        var run: (code: Int32, stdout: String, stderr: String) = (0, "", "")
        let elapsed = try clock.measure {
            run = try runRegwatch(["pull", "--store", local.store, "--feeds", local.feeds, "--quiet", "--force",
                                   "--alert", "type=ban", "--alert-exec", "exec sleep 60", "--alert-timeout", "1s"])
        }
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stderr.contains("did not finish within"), "\(run.stderr)")
        #expect(elapsed < .seconds(30), "\(elapsed)")
        // Delivered (stopped) alerts are not retried.
        let again = try runRegwatch(["pull", "--store", local.store, "--feeds", local.feeds, "--quiet", "--force",
                                     "--alert", "type=ban", "--alert-exec", "exec sleep 60", "--alert-timeout", "1s"])
        #expect(!again.stderr.contains("did not finish"))
    }

    @Test("a store that cannot be written (file size limit, as on a full disk) is the store error, exit 5")
    func storeWriteFailure() throws {
        let local = try LocalFeed()
        try local.write([("old", "A quiet day", "Nothing happened.")])
        #expect(try runRegwatch(["pull", "--store", local.store, "--feeds", local.feeds, "--quiet"]).code == 0)
        let long = String(repeating: "Regulators met again to discuss the rules on data transfers abroad. ", count: 60)
        try local.write((0..<300).map { ("n\($0)", "Story \($0)", "\(long) Item \($0).") })
        // RLIMIT_FSIZE makes writes past 100 KB fail (EFBIG), SIGXFSZ ignored: the store's WAL cannot grow.
        let run = try runRegwatchRedirected(["pull", "--store", local.store, "--feeds", local.feeds, "--quiet", "--force"],
                                            redirect: "", prefix: "trap '' XFSZ; ulimit -f 200;")
        #expect(!run.signalled)
        #expect(run.code == 5, "\(run.stderr)")
        #expect(run.stderr.contains("\(local.store): the store could not be written"), "\(run.stderr)")
        let reopened = try RegWatchStore(path: local.store)
        #expect(try reopened.integrityCheck() == "ok")
    }
}
