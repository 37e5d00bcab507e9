import Foundation
import RegWatchCore
import RegWatchEvents

/// Announces new events that match the alert rules: hands each line to `emit`, or each event to a command.
///
/// Each matching event is delivered once, under the first rule it matches (`AlertRule.firstMatch`); the caller
/// records the ids returned so they are never announced again.
public enum AlertDelivery {
    /// Delivers each matching event once; returns the ids delivered.
    /// - Parameters:
    ///   - exec: a shell command run per event (`/bin/sh -c`), the event's JSON on standard input and
    ///     `REGWATCH_EVENT_ID` and `REGWATCH_ALERT_RULE` in its environment; `nil` prints `AlertRule.announcement`.
    ///   - timeout: how long one run of `exec` may take before it is stopped (it then counts as delivered, as a
    ///     command that fails does: alerts are never retried, so a hung command cannot hold every later pull).
    ///   - emit: where announcement lines go (the CLI's standard output).
    ///   - warn: where problems with `exec` go (the CLI's warnings).
    public static func deliver(_ events: [StoredEvent], rules: [AlertRule], exec: String?, timeout: Duration,
                               emit: (String) -> Void, warn: (String) -> Void) async -> [String] {
        var delivered: [String] = []
        for event in events {
            guard let rule = AlertRule.firstMatch(rules, for: event) else { continue }
            if let exec {
                await run(exec, for: event, rule: rule, timeout: timeout, warn: warn)
            } else {
                emit(rule.announcement(of: event))
            }
            delivered.append(event.id)
        }
        return delivered
    }

    /// Runs `exec` with the event's JSON on standard input and its id and rule in the environment, and stops it
    /// (SIGTERM, then SIGKILL two seconds later) when it outlasts `timeout`.
    private static func run(_ exec: String, for event: StoredEvent, rule: AlertRule, timeout: Duration,
                            warn: (String) -> Void) async {
        // The JSON goes in through a file, not a pipe: a command that never reads its input can neither block the
        // pull on a full pipe nor kill it with SIGPIPE by exiting early.
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("regwatch-alert-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", exec]
        var environment = ProcessInfo.processInfo.environment
        environment["REGWATCH_EVENT_ID"] = event.id
        environment["REGWATCH_ALERT_RULE"] = rule.text
        process.environment = environment
        do {
            let json = (try? EventJSON.encoder(pretty: false).encode(EventJSON(event))) ?? Data()
            try (json + Data("\n".utf8)).write(to: input)
            process.standardInput = try FileHandle(forReadingFrom: input)
            try process.run()
        } catch {
            warn("--alert-exec '\(exec)' could not start: \(error)")
            return
        }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while process.isRunning && clock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning {
            warn("--alert-exec '\(exec)' did not finish within \(timeout) for \(event.id); stopped (--alert-timeout)")
            signal(process, SIGTERM)
            let grace = clock.now + .seconds(2)
            while process.isRunning && clock.now < grace { try? await Task.sleep(for: .milliseconds(20)) }
            if process.isRunning { signal(process, SIGKILL) }
        }
        process.waitUntilExit()
        if process.terminationReason == .exit && process.terminationStatus != 0 {
            warn("--alert-exec exited with status \(process.terminationStatus) for \(event.id); it will not be retried")
        }
    }

    /// Sends `signal` to the command and, when it leads its own process group, to the commands it started.
    private static func signal(_ process: Process, _ signal: Int32) {
        let pid = process.processIdentifier
        if getpgid(pid) == pid { kill(-pid, signal) } else { kill(pid, signal) }
    }
}
