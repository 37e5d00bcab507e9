import Foundation
import Testing

/// The golden HTML digest in headless Chromium, through `scripts/check-digest-html.sh` (which also checks that it
/// catches an injected page). Skips when Chromium is not installed: the script installs it when run by hand.
@Suite("HTML digest in a browser")
struct BrowserTests {
    static let repo = FixedStore.directory.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()

    static var chromium: String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        return paths.map { "\($0)/chromium" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test("renders with no console messages, no injected nodes, and the hostile title as text",
          .enabled(if: chromium != nil, "chromium is not installed: run scripts/check-digest-html.sh, which installs it"))
    func rendersSafely() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.repo.appending(path: "scripts/check-digest-html.sh").path]
        process.currentDirectoryURL = Self.repo
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains("check-digest-html: ok"))
        #expect(FileManager.default.fileExists(atPath: Self.repo.appending(path: ".build-report/digest-screenshot.png").path))
    }
}
