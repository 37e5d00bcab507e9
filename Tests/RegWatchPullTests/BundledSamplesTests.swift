import Foundation
import RegWatchTestSupport
import Testing

/// The demo a new user runs first (`scripts/run-main`): the bundled sample feeds pulled into a fresh store, then asked
/// the questions the README asks. One real-world event is one stored event, found through every party its sources
/// name, and a week's what-to-watch list states each development once (issue 12).
@Suite("The bundled samples: one real-world event, one event; one development, one item", .serialized,
       .enabled(if: regwatchBinary != nil, "build the CLI first (swift build --product regwatch) or set REGWATCH_BINARY"))
struct BundledSamplesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A store holding the pulled samples, made once for the suite.
    static let store: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rw-samples-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("store.sqlite").path
        let feeds = repository.appendingPathComponent("Feeds/feeds.txt").path
        _ = try? runRegwatch(["pull", "--feeds", feeds, "--store", path, "--force", "--quiet"])
        return path
    }()

    static func run(_ arguments: [String]) throws -> String {
        let result = try runRegwatch(arguments + ["--store", store])
        #expect(result.code == 0, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    /// The what-to-watch lines of a week's Markdown digest.
    static func watchList(_ week: String) throws -> [String] {
        let md = try run(["digest", "--week", week, "--format", "md"])
        guard let section = md.range(of: "## What to watch") else { return [] }
        return md[section.upperBound...].split(separator: "\n").filter { $0.hasPrefix("- ") }.map(String.init)
    }

    @Test("events --company finds Anthropic's block and the workaround around it through the companies named in them")
    func companyQuestions() throws {
        for company in ["ByteDance", "Ant Group"] {
            let rows = try Self.run(["events", "--company", company, "--format", "jsonl"]).split(separator: "\n")
                .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            let types = rows.compactMap { $0["type"] as? String }
            #expect(types.contains("block") && types.contains("workaround"), "\(company): \(types)")
            #expect(rows.contains { $0["type"] as? String == "block" && $0["actor"] as? String == "Anthropic" })
        }
    }

    @Test("the Temu fine and the Danish ban are one stored event each, with all their sources")
    func oneEventEach() throws {
        let rows = try Self.run(["events", "--format", "jsonl"]).split(separator: "\n")
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let temu = rows.filter { $0["type"] as? String == "penalty" && ($0["targets"] as? [String] ?? []).contains("Temu") }
        #expect(temu.count == 1 && (temu.first?["sources"] as? [Any])?.count == 3)
        let denmark = rows.filter { row in
            row["type"] as? String == "ban" && (row["countries"] as? [String] ?? []).contains("DK")
        }
        #expect(denmark.count == 1)
    }

    @Test("each week's digest lists each development once: the same hearing, list or follow-on in other words is one item")
    func watchOnce() throws {
        let w28 = try Self.watchList("2026-W28")
        let w29 = try Self.watchList("2026-W29")
        #expect(!w28.isEmpty && !w29.isEmpty)
        // Two reports of one suit: a hearing and a decision on one preliminary injunction.
        #expect(w28.filter { $0.contains("preliminary injunction") }.count == 1, "\(w28)")
        // Google asked to remove the same apps, and Google following Apple.
        #expect(w28.filter { $0.contains("Google") && ($0.contains("same apps") || $0.contains("follows Apple")) }.count == 1, "\(w28)")
        // The ministry's list of covered apps, told with and without the ministry's name.
        #expect(w29.filter { $0.contains("ministry lists") || $0.contains("list of covered apps") }.count == 1, "\(w29)")
        for list in [w28, w29] { #expect(Set(list).count == list.count) }
    }
}
