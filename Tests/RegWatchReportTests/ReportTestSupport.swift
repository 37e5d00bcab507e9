import Foundation
import RegWatchCore
import RegWatchReport
import Testing

/// The fixed store: `Fixtures/store/events.json` and `watch.json`, in the shape of `regwatch events --format json`.
enum FixedStore {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    static func events() throws -> [StoredEvent] {
        try DigestJSON.decoder().decode([StoredEvent].self, from: Data(contentsOf: directory.appending(path: "Fixtures/store/events.json")))
    }

    static func watchItems() throws -> [StoredWatchItem] {
        try DigestJSON.decoder().decode([StoredWatchItem].self, from: Data(contentsOf: directory.appending(path: "Fixtures/store/watch.json")))
    }

    static let week27 = ISOWeek(year: 2026, week: 27)!
}

/// Compares `actual` with `Golden/<name>`; with `REGWATCH_RECORD=1` writes it instead and fails, so a recording run
/// is never mistaken for a passing one (STYLE.md §7).
func assertGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = FixedStore.directory.appending(path: "Golden/\(name)")
    if ProcessInfo.processInfo.environment["REGWATCH_RECORD"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: url)
        Issue.record("recorded Golden/\(name); run again without REGWATCH_RECORD to compare", sourceLocation: sourceLocation)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("Golden/\(name) is missing; record it with REGWATCH_RECORD=1 swift test --filter RegWatchReportTests",
                     sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = Array(zip(e, a)).firstIndex { $0.0 != $0.1 } ?? min(e.count, a.count)
        Issue.record("""
            output differs from Golden/\(name) at line \(line + 1):
              expected: \(line < e.count ? String(e[line]) : "<end>")
              actual:   \(line < a.count ? String(a[line]) : "<end>")
            """, sourceLocation: sourceLocation)
    }
}
