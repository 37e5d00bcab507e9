import ArgumentParser
import Foundation
import RegWatchCore
import RegWatchPipeline
import RegWatchStore

/// One `--alert` rule: space-separated `key=value[,value…]` conditions, all of which must hold.
///
/// Keys: `type`, `company` (actor or target, through aliases), `country`, `product`, `status`.
/// Example: `type=ban,block company=ByteDance`.
struct AlertRule: Sendable, Hashable {
    var text: String
    var types: Set<EventKind> = []
    var companies: Set<String> = []
    var countries: Set<String> = []
    var products: Set<String> = []
    var statuses: Set<EventStatus> = []

    /// - Parameter origin: where the rule came from, for messages (`--alert`, or `file:line`).
    init(_ text: String, origin: String, resolver: EntityResolver) throws {
        self.text = text
        for part in text.split(separator: " ") where !part.isEmpty {
            let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pieces.count == 2, !pieces[1].isEmpty else {
                throw ValidationError("\(origin): '\(part)' is not key=value; write e.g. 'type=ban,block company=ByteDance'")
            }
            let values = pieces[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            switch pieces[0].lowercased() {
            case "type":
                for v in values {
                    guard let kind = EventKind(rawValue: v.lowercased()) else {
                        throw ValidationError("\(origin): type '\(v)' is not an event type; use \(EventKind.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    types.insert(kind)
                }
            // Company names may contain spaces: write them with underscores ("company=Ant_Group").
            case "company": companies.formUnion(values.map { resolver.key($0.replacingOccurrences(of: "_", with: " ")) })
            case "product": products.formUnion(values.map { resolver.key($0.replacingOccurrences(of: "_", with: " ")) })
            case "country": countries.formUnion(values.map { $0.uppercased() })
            case "status":
                for v in values {
                    guard let status = EventStatus(rawValue: v.lowercased()) else {
                        throw ValidationError("\(origin): status '\(v)' is not a status; use \(EventStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    statuses.insert(status)
                }
            default:
                throw ValidationError("\(origin): unknown key '\(pieces[0])'; use type, company, country, product or status")
            }
        }
    }

    func matches(_ e: StoredEvent) -> Bool {
        if !types.isEmpty && !types.contains(e.type) { return false }
        if !statuses.isEmpty && !statuses.contains(e.status) { return false }
        if !countries.isEmpty && countries.isDisjoint(with: e.countries) { return false }
        if !products.isEmpty && !products.contains(e.product?.lowercased() ?? "") { return false }
        if !companies.isEmpty {
            let parties = Set(([e.actor].compactMap { $0 } + e.targets).map { $0.lowercased() })
            if companies.isDisjoint(with: parties) { return false }
        }
        return true
    }

    /// Rules from a file: one per line; blank lines and `#` comments are skipped.
    static func load(path: String, resolver: EntityResolver) throws -> [AlertRule] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("\(path): cannot read the alerts file; check the path (--alerts-file)")
        }
        var rules: [AlertRule] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            rules.append(try AlertRule(trimmed, origin: "\(path):\(i + 1)", resolver: resolver))
        }
        return rules
    }
}

/// Announces new events that match the alert rules: prints them, or hands each one to a command.
enum AlertDelivery {
    /// Delivers each matching event once; returns the ids delivered.
    /// - Parameter timeout: how long one run of `exec` may take before it is stopped (it then counts as delivered,
    ///   as a command that fails does: alerts are never retried, so a hung command cannot hold every later pull).
    static func deliver(_ events: [StoredEvent], rules: [AlertRule], exec: String?, timeout: Duration) async -> [String] {
        var delivered: [String] = []
        for event in events {
            guard let rule = rules.first(where: { $0.matches(event) }) else { continue }
            if let exec {
                await run(exec, for: event, rule: rule, timeout: timeout)
            } else {
                var line = "alert [\(rule.text)]: \(event.id) \(event.type.rawValue) \(event.status.rawValue) by \(event.actor ?? "-")"
                if !event.targets.isEmpty { line += " → \(event.targets.joined(separator: ", "))" }
                if let p = event.product { line += " (\(p))" }
                if let url = event.sources.first?.url { line += " \(url)" }
                emit(line)
            }
            delivered.append(event.id)
        }
        return delivered
    }

    /// Runs `exec` with the event's JSON on standard input and its id and rule in the environment, and stops it
    /// (SIGTERM, then SIGKILL two seconds later) when it outlasts `timeout`.
    private static func run(_ exec: String, for event: StoredEvent, rule: AlertRule, timeout: Duration) async {
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
            let json = (try? jsonEncoder(pretty: false).encode(EventJSON(event))) ?? Data()
            try (json + Data("\n".utf8)).write(to: input)
            process.standardInput = try FileHandle(forReadingFrom: input)
            try process.run()
        } catch {
            printWarning("--alert-exec '\(exec)' could not start: \(error)")
            return
        }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while process.isRunning && clock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning {
            printWarning("--alert-exec '\(exec)' did not finish within \(timeout) for \(event.id); stopped (--alert-timeout)")
            signal(process, SIGTERM)
            let grace = clock.now + .seconds(2)
            while process.isRunning && clock.now < grace { try? await Task.sleep(for: .milliseconds(20)) }
            if process.isRunning { signal(process, SIGKILL) }
        }
        process.waitUntilExit()
        if process.terminationReason == .exit && process.terminationStatus != 0 {
            printWarning("--alert-exec exited with status \(process.terminationStatus) for \(event.id); it will not be retried")
        }
    }

    /// Sends `signal` to the command and, when it leads its own process group, to the commands it started.
    private static func signal(_ process: Process, _ signal: Int32) {
        let pid = process.processIdentifier
        if getpgid(pid) == pid { kill(-pid, signal) } else { kill(pid, signal) }
    }
}
