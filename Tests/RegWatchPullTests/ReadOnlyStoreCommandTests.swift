import Foundation
import RegWatchTestSupport
import Testing

@Suite("Read commands on a read-only store", .serialized,
       .enabled(if: regwatchBinary != nil, "build the CLI first (swift build --product regwatch) or set REGWATCH_BINARY"))
struct ReadOnlyStoreCommandTests {
    /// As root (the tests' user) file modes stop nothing, so what is checked is what a reader does to the folder:
    /// nothing. The open mode itself is checked in `ReadOnlyStoreTests`.
    @Test("events, digest and the other readers work on a 0444 store in a 0555 folder and leave no file behind")
    func readOnlyStore() throws {
        let (dir, store) = try hostileStore()
        let fm = FileManager.default
        let before = try fm.contentsOfDirectory(atPath: dir.path).sorted()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: store))
        try fm.setAttributes([.posixPermissions: 0o444], ofItemAtPath: store)
        try fm.setAttributes([.posixPermissions: 0o555], ofItemAtPath: dir.path)
        defer { try? fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path) }
        for command in [["events"], ["events", "--format", "json"], ["digest", "--week", "2026-W28"], ["stats"], ["search", "TikTok"],
                        ["feeds", "status"], ["articles"]] {
            let run = try runRegwatch(command + ["--store", store])
            #expect(run.code == 0, "\(command): \(run.stderr)")
            #expect(try fm.contentsOfDirectory(atPath: dir.path).sorted() == before, "\(command) left files behind")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == bytes)
    }
}
