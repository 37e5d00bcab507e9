import Foundation
import RegWatchTestSupport
import Testing

/// Runs the built CLI through /bin/sh so that a test can redirect or close its streams (`redirect` is shell syntax
/// such as `>/dev/full` or `2>&-`) or set limits first (`prefix`, such as `ulimit -f 200;`).
func runRegwatchRedirected(_ arguments: [String], redirect: String, prefix: String = "")
    throws -> (code: Int32, signalled: Bool, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "\(prefix) exec \"$0\" \"$@\" \(redirect)", regwatchBinary!] + arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, process.terminationReason == .uncaughtSignal, stdout, stderr)
}

@Suite("Output that cannot be written", .serialized,
       .enabled(if: regwatchBinary != nil, "build the CLI first (swift build --product regwatch) or set REGWATCH_BINARY"))
struct UnwritableOutputTests {
    @Test("events to a full disk exits 6 and says so, instead of exiting 0 with the output lost")
    func fullStandardOutput() throws {
        let (_, store) = try hostileStore()
        let run = try runRegwatchRedirected(["events", "--store", store, "--format", "json"], redirect: ">/dev/full")
        #expect(!run.signalled)
        #expect(run.code == 6, "\(run.stderr)")
        #expect(run.stderr.contains("cannot write the output: No space left on device"))
    }

    @Test("a closed standard output is a failure too, and the store is not written through its descriptor")
    func closedStandardOutput() throws {
        let (_, store) = try hostileStore()
        let run = try runRegwatchRedirected(["events", "--store", store], redirect: ">&-")
        #expect(!run.signalled)
        #expect(run.code == 6, "\(run.stderr)")
    }

    @Test("an error that cannot be written still exits with its own code, never a trap",
          arguments: [("2>/dev/full", ["events", "--store", "/nonexistent/rw.sqlite"], Int32(5)),
                      ("2>&-", ["events", "--store", "/nonexistent/rw.sqlite"], Int32(5)),
                      ("2>/dev/full", ["events", "--no-such-flag"], Int32(2)),
                      ("2>&-", ["events", "--no-such-flag"], Int32(2)),
                      ("2>/dev/full >/dev/full", ["pull", "--feeds", "/nonexistent/feeds.txt", "--store", "/tmp/rw-never.sqlite"], Int32(3))])
    func unwritableErrors(_ redirect: String, _ arguments: [String], _ expected: Int32) throws {
        let run = try runRegwatchRedirected(arguments, redirect: redirect)
        #expect(!run.signalled, "killed by signal \(run.code)")
        #expect(run.code == expected)
    }
}
