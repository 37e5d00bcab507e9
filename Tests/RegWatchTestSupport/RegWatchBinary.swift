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

/// Runs the built `regwatch` (`regwatchBinary`, which must exist) with `arguments`, this process's environment plus
/// `environment`, in `directory` (default: this process's), and returns its exit status and output.
public func runRegwatch(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil) throws
    -> (code: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: regwatchBinary!)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
    try process.run()
    let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, stdout, stderr)
}
