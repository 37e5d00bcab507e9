import Foundation

/// The built `regwatch` executable for tests that run the CLI as a process: `$REGWATCH_BINARY`, else `regwatch`
/// next to the test bundle (SwiftPM builds it there with `swift build --build-tests`); `nil` when neither exists.
public let regwatchBinary: String? = {
    if let path = ProcessInfo.processInfo.environment["REGWATCH_BINARY"], FileManager.default.isExecutableFile(atPath: path) {
        return path
    }
    var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = dir.appendingPathComponent("regwatch").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    return nil
}()
