import Foundation
import RegWatchTestSupport
import Testing

/// Impossible input on the command line and in files, through the built CLI.
@Suite("Usage errors and impossible input",
       .enabled(if: regwatchBinary != nil, "build the CLI first (swift build --product regwatch) or set REGWATCH_BINARY"))
struct UsageTests {
    /// A store path that does not exist: an argument that passes validation then fails on the store (exit 5).
    static let noStore = ["--store", "/nonexistent/regwatch-usage-tests.sqlite"]

    @Test("a date that does not exist is a usage error naming the argument",
          arguments: [(["events", "--since", "2026-13-45"], "--since '2026-13-45'"),
                      (["events", "--since", "2026-06-37"], "--since '2026-06-37'"),
                      (["events", "--until", "2026-07-01T25:99"], "--until '2026-07-01T25:99'"),
                      (["articles", "--since", "2026-07-01T23:60:00Z"], "--since '2026-07-01T23:60:00Z'"),
                      (["search", "x", "--since", "2026-02-29"], "--since '2026-02-29'"),
                      (["digest", "--today", "2026-02-31"], "--today '2026-02-31'"),
                      (["watch", "--today", "2026-04-31"], "--today '2026-04-31'")])
    func impossibleDates(_ arguments: [String], _ named: String) throws {
        let run = try runRegwatch(arguments + Self.noStore)
        #expect(run.code == 2, "\(run.stderr)")
        #expect(run.stderr.contains(named), "\(run.stderr)")
    }

    @Test("dates and times that exist pass validation",
          arguments: ["2024-02-29", "2026-07-01T09:30:00Z", "2026-07-01T09:30", "2026-07-01T09:30:15.250+02:00", "2026-12-31T23:59:59-05:00"])
    func possibleDates(_ date: String) throws {
        let run = try runRegwatch(["events", "--since", date] + Self.noStore)
        #expect(run.code == 5, "\(run.stderr)")  // past validation, then no store
    }

    @Test("usage errors exit 2, as README and `help pull` say")
    func usageExitCode() throws {
        let help = try runRegwatch(["help", "pull"])
        #expect(help.code == 0)
        #expect(help.stdout.contains("2 usage error"))
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../README.md"), encoding: .utf8)
        #expect(readme.contains("2 usage error"))
        for arguments in [["pull", "--jobs", "0"], ["events", "--no-such-flag"], ["events", "--limit", "many"], ["no-such-command"],
                          // Sizes and durations that overflowed the arithmetic around them (a trap, exit 132).
                          ["pull", "--max-bytes", "9223372036854775807"], ["parse", "--max-bytes", "9223372036854775807", "x.xml"],
                          ["pull", "--alert-timeout", "1e300s"], ["pull", "--alert-timeout", "inf"]] {
            let run = try runRegwatch(arguments + Self.noStore)
            #expect(run.code == 2, "\(arguments): \(run.stderr)")
        }
    }

    @Test("a 100,000-level JSON document is reported as too deeply nested, not as invalid JSON")
    func deepJSON() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rw-deep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("deep.json").path
        try Data((#"{"version": "https://jsonfeed.org/version/1.1", "items": "# + String(repeating: "[", count: 100_000)
                  + String(repeating: "]", count: 100_000) + "}").utf8).write(to: URL(fileURLWithPath: path))
        let parsed = try runRegwatch(["parse", "--json", path])
        #expect(parsed.stdout.contains("nested more than 512 levels deep"), "\(parsed.stdout) \(parsed.stderr)")
        let report = try runRegwatch(["trends", "--events", path])
        #expect(report.code == 3)
        #expect(report.stderr.contains("\(path): JSON nested more than 512 levels deep"), "\(report.stderr)")
    }
}
