import Foundation
import RegWatchTestSupport
import Testing

/// `regwatch trends|watch|digest` run as a subprocess on the fixed store's JSON (`--events`), compared with the
/// goldens the library tests use: the CLI adds nothing and loses nothing. Skips when the binary is not built.
@Suite("Report commands")
struct CommandTests {
    static let binary = regwatchBinary

    static let store: [String] = {
        let dir = FixedStore.directory.appending(path: "Fixtures/store")
        return ["--events", dir.appending(path: "events.json").path, "--watch-items", dir.appending(path: "watch.json").path]
    }()

    /// The CLI with a store path that does not exist, so that nothing here reads a real store by accident.
    static func run(_ arguments: [String]) throws -> (code: Int32, stdout: String, stderr: String) {
        try runRegwatch(arguments, environment: ["REGWATCH_STORE": "/nonexistent/regwatch-report-tests.sqlite"])
    }

    static func golden(_ name: String) throws -> String {
        try String(contentsOf: FixedStore.directory.appending(path: "Golden/\(name)"), encoding: .utf8)
    }

    @Test("prints the golden digest in every format, the same bytes on every run",
          .enabled(if: binary != nil, "regwatch is not built next to the tests; build it or set REGWATCH_BINARY"),
          arguments: [("md", "digest_2026-W27.md"), ("html", "digest_2026-W27.html"), ("json", "digest_2026-W27.json")])
    func digest(_ format: String, _ golden: String) throws {
        let first = try Self.run(["digest", "--week", "2026-W27", "--format", format] + Self.store)
        #expect(first.code == 0, "\(first.stderr)")
        #expect(first.stdout == (try Self.golden(golden)))
        let second = try Self.run(["digest", "--week", "2026-W27", "--format", format] + Self.store)
        #expect(second.stdout == first.stdout)
    }

    @Test("writes the Atom feed of the weeks ending with --week to --out",
          .enabled(if: binary != nil, "regwatch is not built next to the tests; build it or set REGWATCH_BINARY"))
    func atom() throws {
        let out = FileManager.default.temporaryDirectory.appending(path: "regwatch-digest-\(UUID().uuidString).atom")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try Self.run(["digest", "--week", "2026-W27", "--format", "atom", "--weeks", "4", "--out", out.path] + Self.store)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try String(contentsOf: out, encoding: .utf8) == (try Self.golden("digests_2026-W24_to_W27.atom")))
    }

    @Test("names the busiest week",
          .enabled(if: binary != nil, "regwatch is not built next to the tests; build it or set REGWATCH_BINARY"))
    func busiestWeek() throws {
        let result = try Self.run(["digest", "--busiest-week"] + Self.store)
        #expect(result.stdout == "2026-W27\n")
    }

    @Test("prints trends as CSV without sparklines, and what to watch as of --today",
          .enabled(if: binary != nil, "regwatch is not built next to the tests; build it or set REGWATCH_BINARY"))
    func trendsAndWatch() throws {
        let csv = try Self.run(["trends", "--week", "2026-W27", "--weeks", "8", "--format", "csv"] + Self.store)
        #expect(csv.code == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "type,2026-W20,2026-W21,2026-W22,2026-W23,2026-W24,2026-W25,2026-W26,2026-W27,total,previous,change,change_pct")
        #expect(lines.contains("ban,1,0,0,0,0,0,1,1,3,1,+2,200%"))
        #expect(!csv.stdout.contains("▁"))
        let watch = try Self.run(["watch", "--today", "2026-07-06", "--format", "csv"] + Self.store)
        let rows = watch.stdout.split(separator: "\r\n").map(String.init)
        #expect(rows.dropFirst().first?.hasPrefix("2026-07-15,9,1,") == true)
        #expect(rows.dropFirst(2).first?.hasPrefix("2026-09-01,57,3,") == true)
    }

    @Test("writes what to watch as Markdown lines, as the digest does: escaped text, '1 source', days until the date",
          .enabled(if: binary != nil, "regwatch is not built next to the tests; build it or set REGWATCH_BINARY"))
    func watchMarkdown() throws {
        let md = try Self.run(["watch", "--today", "2026-07-06", "--format", "md"] + Self.store)
        #expect(md.code == 0, "\(md.stderr)")
        let csv = try Self.run(["watch", "--today", "2026-07-06", "--format", "csv"] + Self.store)
        let rows = csv.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false) }
        let lines = md.stdout.split(separator: "\n").filter { $0.hasPrefix("- ") }
        #expect(lines.count == rows.count && !lines.isEmpty)
        for (line, row) in zip(lines, rows) {
            let sources = Int(row[2]) ?? -1
            #expect(line.hasSuffix(sources == 1 ? "(1 source)" : "(\(sources) sources)"), "\(line)")
            if !row[0].isEmpty { #expect(line.hasPrefix("- **\(row[0])** (in \(row[1]) day"), "\(line)") }
        }
        #expect(lines.contains { $0.hasSuffix("(1 source)") })
        #expect(!md.stdout.contains("(1 sources)") && !md.stdout.contains("(in 1 days)"))
    }

    @Test("rejects a week that does not exist, naming the option",
          .enabled(if: binary != nil, "regwatch is not built next to the tests; build it or set REGWATCH_BINARY"))
    func badWeek() throws {
        let result = try Self.run(["digest", "--week", "2025-W53"] + Self.store)
        #expect(result.code == 64 || result.code == 2)
        #expect(result.stderr.contains("--week '2025-W53' is not a week"))
    }

    @Test("a report on a store that does not exist says how to make one, exits 5 and creates nothing",
          .enabled(if: binary != nil, "regwatch is not built next to the tests; build it or set REGWATCH_BINARY"),
          arguments: [["trends"], ["watch"], ["digest", "--week", "2026-W27"], ["events"], ["companies"], ["stats"]])
    func missingStore(_ command: [String]) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("regwatch-missing-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("store.sqlite").path
        let result = try Self.run(command + ["--store", path])
        #expect(result.code == 5)
        #expect(result.stderr.contains("no store at \(path)") && result.stderr.contains("regwatch pull"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path), "nothing is created")
    }
}
