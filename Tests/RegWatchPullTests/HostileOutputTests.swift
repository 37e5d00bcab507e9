import Foundation
import RegWatchTestSupport
import Testing

/// A JSON Feed (whose strings may hold any control character, unlike XML) written as an attacker would: escape
/// sequences in the outlet name, titles and text, and titles that a spreadsheet would run as formulas.
private let hostileFeed = #"""
{"version": "https://jsonfeed.org/version/1.1",
 "title": "Hostile\u001b]0;owned\u0007 Wire\u001b[5m",
 "home_page_url": "https://hostile.example/",
 "items": [
  {"id": "h1", "url": "https://hostile.example/1",
   "title": "\u001b[2J\u001b[HChina bans TikTok\u0007 nationwide\u009b31m",
   "date_published": "2026-07-07T10:00:00Z",
   "content_text": "China banned TikTok on Monday, the regulator said.\u001b]8;;https://evil.example/\u0007 The ban takes effect at once.\u001b[0m\r\u001b[1A"},
  {"id": "h2", "url": "https://hostile.example/2",
   "title": "=HYPERLINK(\"https://evil.example\",\"click\")",
   "date_published": "2026-07-07T11:00:00Z",
   "content_text": "Nothing to see here."},
  {"id": "h3", "url": "https://hostile.example/3",
   "title": "@SUM(1+1)",
   "date_published": "2026-07-07T12:00:00Z",
   "content_text": "Nothing to see here either."}
 ]}
"""#

/// A store pulled from the hostile feed by the built CLI.
func hostileStore() throws -> (dir: URL, store: String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rw-hostile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let feed = dir.appendingPathComponent("hostile.json")
    try Data(hostileFeed.utf8).write(to: feed)
    let feeds = dir.appendingPathComponent("feeds.txt")
    try Data("\(feed.path)\n".utf8).write(to: feeds)
    let store = dir.appendingPathComponent("store.sqlite").path
    let pulled = try runRegwatch(["pull", "--store", store, "--feeds", feeds.path, "--quiet"])
    #expect(pulled.code == 0, "\(pulled.stderr)")
    return (dir, store)
}

/// The control characters in `text` that a terminal would act on: C0 other than tab, LF and CR, DEL, C1.
private func controls(_ text: String) -> [UInt32] {
    text.unicodeScalars.map(\.value).filter { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || (0x7F...0x9F).contains($0) }
}

@Suite("Hostile feed text on terminals and in spreadsheets", .serialized,
       .enabled(if: regwatchBinary != nil, "build the CLI first (swift build --product regwatch) or set REGWATCH_BINARY"))
struct HostileOutputTests {
    @Test("no command prints a control character from a feed, and the text around it survives")
    func noControlsReachTheTerminal() throws {
        let (dir, store) = try hostileStore()
        let json = try runRegwatch(["events", "--store", store, "--format", "json"])
        let id = try #require(json.stdout.firstMatch(of: /"id" : "(ev_[0-9a-f]+)"/)?.output.1).description
        let out = dir.appendingPathComponent("digest.md").path
        let commands: [[String]] = [
            ["articles"], ["articles", "--format", "csv"],
            ["search", "TikTok"], ["search", "TikTok", "--format", "csv"],
            ["event", id], ["event", id, "--format", "md"],
            ["events"], ["events", "--format", "csv"], ["events", "--format", "md"],
            ["companies"], ["timeline", "--company", "TikTok"],
            ["digest", "--week", "2026-W28", "--format", "md"],
            ["digest", "--week", "2026-W28", "--format", "md", "--out", out],
        ]
        for command in commands {
            let run = try runRegwatch(command + ["--store", store])
            #expect(run.code == 0, "\(command): \(run.stderr)")
            #expect(controls(run.stdout).isEmpty, "\(command) printed controls \(controls(run.stdout))")
            #expect(controls(run.stderr).isEmpty, "\(command) wrote controls to stderr")
        }
        let digest = try String(contentsOfFile: out, encoding: .utf8)
        #expect(controls(digest).isEmpty)
        #expect(try runRegwatch(["articles", "--store", store]).stdout.contains("China bans TikTok nationwide"))
        let detail = try runRegwatch(["event", id, "--store", store]).stdout
        #expect(detail.contains("Hostile Wire"), "the outlet name, cleaned: \(detail)")
        #expect(detail.contains("China banned TikTok on Monday"))
    }

    @Test("cells that a spreadsheet would run as formulas are written with a leading quote")
    func csvFormulas() throws {
        let (_, store) = try hostileStore()
        let csv = try runRegwatch(["articles", "--store", store, "--format", "csv"])
        #expect(csv.code == 0, "\(csv.stderr)")
        #expect(csv.stdout.contains(#","'=HYPERLINK(""https://evil.example"",""click"")","#))
        #expect(csv.stdout.contains(",'@SUM(1+1),"))
        #expect(!csv.stdout.contains(",=") && !csv.stdout.contains(",@") && !csv.stdout.contains("\"="))
    }
}
