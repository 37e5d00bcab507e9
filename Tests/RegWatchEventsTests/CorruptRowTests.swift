import Foundation
import GRDB
import RegWatchCore
@testable import RegWatchStore
import RegWatchTestSupport
import Testing

/// A stored row that does not decode is an error naming the store, the table, the row and the value: never a ban.
@Suite("A corrupt stored row is an error")
struct CorruptRowTests {
    /// A store with one block, whose event row then gets `column = value` by raw SQL.
    func corrupted(_ store: RegWatchStore, _ column: String, _ value: String) throws -> String {
        try load([Story(feed: "a.example", guid: "1", day: 2, events: [block("Anthropic", ["ByteDance"])])], into: store)
        let id = try #require(try store.events(matching: EventQuery()).first?.id)
        try store.writer.write { db in try db.execute(sql: "UPDATE event SET \(column) = ? WHERE id = ?", arguments: [value, id]) }
        return id
    }

    func expectCorrupt(_ column: String, _ value: String, id: String, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("no error for \(column) '\(value)'")
        } catch let error as StoreError {
            #expect(error.kind == .corruptRow(table: "event", id: id, column: column, value: value))
            #expect(error.description.hasPrefix(":memory:: table event, row \(id): \(column) '\(value)' is not a value regwatch writes"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("an event whose type is no event type makes every read of it throw, naming the table, row and value")
    func corruptType() throws {
        let store = try RegWatchStore()
        let id = try corrupted(store, "type", "bogus")
        expectCorrupt("type", "bogus", id: id) { _ = try store.events(matching: EventQuery()) }
        expectCorrupt("type", "bogus", id: id) { _ = try store.event(id: id) }
        var counting = EventQuery()
        counting.details = false
        expectCorrupt("type", "bogus", id: id) { _ = try store.events(matching: counting) }
        expectCorrupt("type", "bogus", id: id) {
            try store.forEachCountedEvent(firstSeenFrom: .distantPast, to: .distantFuture) { _ in }
        }
    }

    @Test("an event whose status is no status is an error too")
    func corruptStatus() throws {
        let store = try RegWatchStore()
        let id = try corrupted(store, "status", "done")
        expectCorrupt("status", "done", id: id) { _ = try store.events(matching: EventQuery()) }
        expectCorrupt("status", "done", id: id) {
            try store.forEachCountedEvent(firstSeenFrom: .distantPast, to: .distantFuture) { _ in }
        }
    }

    @Test("a mention whose type is no event type stops a re-merge that reads it")
    func corruptMention() throws {
        let store = try RegWatchStore()
        try load([Story(feed: "a.example", guid: "1", day: 2, events: [block("Anthropic", ["ByteDance"])])], into: store)
        try store.writer.write { db in try db.execute(sql: "UPDATE mention SET type = 'bogus'") }
        let mentionId = try store.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM mention") }
        #expect(throws: StoreError.self) {
            try load([Story(feed: "a.example", guid: "2", day: 3, events: [block("Anthropic", ["ByteDance"])])], into: store)
        }
        do {
            try load([Story(feed: "b.example", guid: "3", day: 3, events: [block("Anthropic", ["ByteDance"])])], into: store)
        } catch let error as StoreError {
            #expect(error.kind == .corruptRow(table: "mention", id: String(mentionId ?? 0), column: "type", value: "bogus"))
        }
    }

    @Test("regwatch events exits 5 with the message instead of printing a ban",
          .enabled(if: regwatchBinary != nil, "build the CLI first (swift build --product regwatch) or set REGWATCH_BINARY"))
    func command() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("regwatch-corrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("store.sqlite").path
        let id = try corrupted(try RegWatchStore(path: path), "type", "bogus")
        let run = try runRegwatch(["events", "--store", path])
        #expect(run.code == 5)
        #expect(run.stderr == "regwatch: error: \(path): table event, row \(id): type 'bogus' is not a value regwatch writes; "
                + "the store was changed by another program or is damaged: restore a backup, or move it aside and pull again\n")
        #expect(!run.stdout.contains("ban"))
    }
}
