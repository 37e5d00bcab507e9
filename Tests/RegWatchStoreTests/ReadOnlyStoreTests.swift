import Foundation
import GRDB
import Testing
@testable import RegWatchStore

/// A store with one feed, written and closed (its connections gone, so SQLite has removed the -wal and -shm
/// files), in a folder of its own.
private func closedStore() throws -> (dir: URL, path: String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rw-ro-\(UUID().uuidString)")
    let path = dir.appendingPathComponent("store.sqlite").path
    do {
        let store = try RegWatchStore(path: path)
        try store.ensureFeed(url: "https://agency.example/rss.xml", tags: ["eu"], options: [:])
    }
    return (dir, path)
}

private func sideFiles(_ path: String) -> [String] {
    ["-wal", "-shm", "-journal"].filter { FileManager.default.fileExists(atPath: path + $0) }
}

/// Tests run as root, which ignores file modes, so a 0444 file in a 0555 folder does not stop a write here as it
/// would for anyone else. These tests therefore check what makes a read-only store readable: the open mode (a
/// write through a reader fails with SQLITE_READONLY), and that no -wal or -shm file is ever created.
@Suite("Reading a store read-only", .serialized)
struct ReadOnlyStoreTests {
    @Test("a store nobody writes is read immutable: writes fail, no -wal or -shm appears, the file is unchanged")
    func immutableReader() throws {
        let (dir, path) = try closedStore()
        #expect(sideFiles(path).isEmpty)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: dir.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path) }
        do {
            let reader = try RegWatchStore(readingAt: path)
            #expect(reader.mode == .readOnlyImmutable)
            let feed = try #require(try reader.feed(url: "https://agency.example/rss.xml"))
            #expect(sideFiles(path).isEmpty, "while open")
            let error = #expect(throws: DatabaseError.self) { try reader.save(feed) }
            #expect(error?.resultCode == .SQLITE_READONLY)
        }
        #expect(sideFiles(path).isEmpty, "after closing")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("while a writer has the store open, a reader sees its commits through the WAL and creates nothing")
    func readerBesideWriter() throws {
        let (_, path) = try closedStore()
        let writer = try RegWatchStore(path: path)
        try writer.ensureFeed(url: "https://second.example/feed.json", tags: [], options: [:])
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        let reader = try RegWatchStore(readingAt: path)
        #expect(reader.mode == .readOnly)
        #expect(try reader.feeds().count == 2)
        #expect(throws: DatabaseError.self) { try reader.removeFeed(url: "https://second.example/feed.json") }
    }

    @Test("a pull cannot start while an immutable reader is open, and can once it is closed")
    func readerHoldsBackPulls() throws {
        let (_, path) = try closedStore()
        do { _ = try StoreLock(storePath: path, wait: false) }  // leaves the lock file, as every pull does
        do {
            let reader = try RegWatchStore(readingAt: path)
            #expect(reader.mode == .readOnlyImmutable)
            #expect(throws: StoreError.self) { try StoreLock(storePath: path, wait: false) }
        }
        #expect(throws: Never.self) { try StoreLock(storePath: path, wait: false) }
    }

    @Test("a reader never takes a store that a pull holds as immutable")
    func readerDuringPull() throws {
        let (_, path) = try closedStore()
        let pullLock = try StoreLock(storePath: path, wait: false)
        let reader = try RegWatchStore(readingAt: path)
        #expect(reader.mode == .readOnly)
        withExtendedLifetime(pullLock) {}
    }
}
